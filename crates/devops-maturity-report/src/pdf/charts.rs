//! Vector charts: the radar (the core's geometry, the same the app draws, scaled uniformly),
//! the trend's small multiples and the leadership heatmap. Every chart is labelled: axes,
//! values and a legend are drawn as text, so they also read in `pdftotext`.

use devops_maturity_core::chart::{Anchor, Radar};

use super::fonts::Face;
use super::layout::{Align, Layout, Shape, Stroke, TextStyle};
use super::style::{self, Rgb};
use crate::model::{DimensionRow, Trend};

/// Splits a radar label into lines of at most `max` characters, at most three lines: the
/// rule of the app's `wrapLabel` (ui/js/views/results.js), so labels break alike.
fn wrap_label(text: &str, max: usize) -> Vec<String> {
    if text.chars().count() <= max {
        return vec![text.to_string()];
    }
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let last = lines.len() - 1;
        let line = &lines[last];
        if !line.is_empty()
            && line.chars().count() + 1 + word.chars().count() > max
            && lines.len() < 3
        {
            lines.push(word.to_string());
        } else if line.is_empty() {
            lines[last] = word.to_string();
        } else {
            lines[last] = format!("{line} {word}");
        }
    }
    lines
}

/// Draws `radar` scaled to `width` points with its top-left corner at (`x`, `y`), and returns
/// the height used. Font sizes scale with the chart, as in the app's SVG (15 px labels, 12 px
/// ring numbers, 17 px between label lines).
pub fn radar(l: &mut Layout, r: &Radar, x: f64, y: f64, width: f64) -> f64 {
    let s = width / r.width;
    let at = |p: devops_maturity_core::chart::Point| (x + p.x * s, y + p.y * s);
    let ring_stroke = Stroke::solid(style::RULE, 0.6);
    if let Some(current) = r.series.first() {
        l.draw(Shape::Path {
            points: current.polygon.iter().map(|p| at(*p)).collect(),
            closed: true,
            fill: Some(style::ACCENT_SOFT),
            stroke: None,
        });
    }
    for ring in &r.rings {
        l.draw(Shape::Path {
            points: ring.iter().map(|p| at(*p)).collect(),
            closed: true,
            fill: None,
            stroke: Some(ring_stroke),
        });
    }
    for axis in &r.axes {
        l.line(at(r.center), at(axis.end), ring_stroke);
    }
    let ring_style = TextStyle::new(Face::Regular, 12.0 * s, style::MUTED);
    for (i, ring) in r.rings.iter().enumerate() {
        if let Some(p) = ring.first() {
            let (px, py) = at(*p);
            l.text_at(
                px + 4.0 * s,
                py - 3.0 * s,
                &(i + 1).to_string(),
                &ring_style,
                Align::Left,
            );
        }
    }
    if let Some(target) = r.series.get(1) {
        if target.points.iter().any(Option::is_some) {
            l.draw(Shape::Path {
                points: target.polygon.iter().map(|p| at(*p)).collect(),
                closed: true,
                fill: None,
                stroke: Some(Stroke {
                    color: style::TARGET,
                    width: 1.4,
                    dash: Some((4.0, 3.0)),
                }),
            });
        }
    }
    if let Some(current) = r.series.first() {
        l.draw(Shape::Path {
            points: current.polygon.iter().map(|p| at(*p)).collect(),
            closed: true,
            fill: None,
            stroke: Some(Stroke::solid(style::ACCENT, 1.6)),
        });
        for p in current.points.iter().flatten() {
            let (px, py) = at(*p);
            dot(l, px, py, 2.0, style::ACCENT);
        }
    }
    let label_style = TextStyle::new(Face::Regular, 15.0 * s, style::TEXT);
    let line_height = 17.0 * s;
    for axis in &r.axes {
        let lines = wrap_label(&axis.label, 20);
        let n = lines.len() as f64;
        let dy = axis.label_at.y - r.center.y;
        // Labels above the centre grow upwards, below it downwards, at the sides around the
        // point (as in the app).
        let first = if dy < -r.radius * 0.2 {
            -(n - 1.0) * 17.0 - 4.0
        } else if dy > r.radius * 0.2 {
            17.0 * 0.8
        } else {
            -((n - 1.0) * 17.0) / 2.0 + 5.0
        };
        let align = match axis.anchor {
            Anchor::Start => Align::Left,
            Anchor::Middle => Align::Center,
            Anchor::End => Align::Right,
        };
        let (lx, ly) = at(axis.label_at);
        for (i, line) in lines.iter().enumerate() {
            l.text_at(
                lx,
                ly + first * s + i as f64 * line_height,
                line,
                &label_style,
                align,
            );
        }
    }
    r.height * s
}

/// A small filled diamond-free dot (an octagon, which reads as a circle at this size).
pub fn dot(l: &mut Layout, x: f64, y: f64, r: f64, color: Rgb) {
    let points = (0..8)
        .map(|i| {
            let a = std::f64::consts::TAU * (i as f64 + 0.5) / 8.0;
            (x + r * a.cos(), y + r * a.sin())
        })
        .collect();
    l.draw(Shape::Path {
        points,
        closed: true,
        fill: Some(color),
        stroke: None,
    });
}

/// The legend under the radar: a swatch per series.
pub fn radar_legend(l: &mut Layout, x: f64, y: f64) -> f64 {
    let style = style::SMALL;
    let mut cx = x;
    l.rect(
        cx,
        y,
        18.0,
        8.0,
        Some(style::ACCENT_SOFT),
        Some(Stroke::solid(style::ACCENT, 1.4)),
    );
    cx += 24.0;
    l.text_at(
        cx,
        y + 7.0,
        "Current score",
        &TextStyle {
            color: style::TEXT,
            ..style
        },
        Align::Left,
    );
    cx += l.text_width("Current score", &style) + 18.0;
    l.draw(Shape::Path {
        points: vec![(cx, y + 4.0), (cx + 18.0, y + 4.0)],
        closed: false,
        fill: None,
        stroke: Some(Stroke {
            color: style::TARGET,
            width: 1.4,
            dash: Some((4.0, 3.0)),
        }),
    });
    cx += 24.0;
    l.text_at(
        cx,
        y + 7.0,
        "Target",
        &TextStyle {
            color: style::TEXT,
            ..style
        },
        Align::Left,
    );
    12.0
}

/// `text` cut to `width` with an ellipsis when it is too long.
pub fn fit(l: &Layout, text: &str, style: &TextStyle, width: f64) -> String {
    if l.text_width(text, style) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        let candidate = format!("{out}{c}…");
        if l.text_width(&candidate, style) > width {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// One small line chart on the 1–5 scale. `values` has one entry per date.
#[allow(clippy::too_many_arguments)]
fn panel(
    l: &mut Layout,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    title: &str,
    values: &[Option<f64>],
    dates: &[String],
    color: Rgb,
) {
    // The title shrinks a little before it is shortened.
    let mut title_style = TextStyle::new(Face::Bold, 7.5, style::TEXT);
    while title_style.size > 6.3 && l.text_width(title, &title_style) > w {
        title_style.size -= 0.2;
    }
    let tick = TextStyle::new(Face::Regular, 5.8, style::MUTED);
    let value_style = TextStyle::new(Face::Bold, 6.5, color);
    let title_text = fit(l, title, &title_style, w);
    l.text_at(x, y + 7.5, &title_text, &title_style, Align::Left);
    let left = x + 9.0;
    let right = x + w - 16.0;
    let top = y + 14.0;
    let bottom = y + h - 10.0;
    let vy = |v: f64| bottom - (v - 1.0) / 4.0 * (bottom - top);
    for level in 1..=5 {
        let gy = vy(f64::from(level));
        l.line(
            (left, gy),
            (right, gy),
            Stroke::solid(style::RULE, if level == 3 { 0.6 } else { 0.3 }),
        );
        if level % 2 == 1 {
            l.text_at(
                left - 2.5,
                gy + 2.0,
                &level.to_string(),
                &tick,
                Align::Right,
            );
        }
    }
    let n = values.len().max(1);
    let vx = |i: usize| {
        if n == 1 {
            (left + right) / 2.0
        } else {
            left + 4.0 + (right - left - 8.0) * i as f64 / (n - 1) as f64
        }
    };
    // Date labels: all of them when few, else the first and the last.
    let show: Vec<usize> = if n <= 4 {
        (0..n).collect()
    } else {
        vec![0, n - 1]
    };
    for &i in &show {
        if let Some(d) = dates.get(i) {
            let align = if n == 1 {
                Align::Center
            } else if i == 0 {
                Align::Left
            } else if i == n - 1 {
                Align::Right
            } else {
                Align::Center
            };
            let ax = match align {
                Align::Left => vx(i) - 4.0,
                Align::Right => vx(i) + 4.0,
                Align::Center => vx(i),
            };
            l.text_at(ax, bottom + 7.5, d, &tick, align);
        }
    }
    let mut segment: Vec<(f64, f64)> = Vec::new();
    let mut segments = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => segment.push((vx(i), vy(*v))),
            None => {
                if !segment.is_empty() {
                    segments.push(std::mem::take(&mut segment));
                }
            }
        }
    }
    if !segment.is_empty() {
        segments.push(segment);
    }
    for seg in &segments {
        if seg.len() > 1 {
            l.draw(Shape::Path {
                points: seg.clone(),
                closed: false,
                fill: None,
                stroke: Some(Stroke::solid(color, 1.2)),
            });
        }
        for &(px, py) in seg {
            dot(l, px, py, 1.6, color);
        }
    }
    match values.last() {
        Some(Some(v)) => {
            let px = vx(n - 1);
            l.text_at(
                px + 3.5,
                vy(*v) + 2.3,
                &format!("{v:.1}"),
                &value_style,
                Align::Left,
            );
        }
        _ => {
            l.text_at(right, top + 6.0, "no score", &tick, Align::Right);
        }
    }
}

/// The trend as small multiples: the overall score first, then every dimension, each on the
/// same 1–5 scale and the same dates. Returns the height used.
pub fn trend(l: &mut Layout, trend: &Trend, x: f64, y: f64, width: f64, columns: usize) -> f64 {
    let gap = 12.0;
    let w = (width - gap * (columns as f64 - 1.0)) / columns as f64;
    let h = 78.0;
    let mut panels: Vec<(&str, &[Option<f64>], Rgb)> =
        vec![("Overall", &trend.overall, style::TARGET)];
    panels.extend(
        trend
            .series
            .iter()
            .map(|s| (s.dimension.as_str(), s.values.as_slice(), style::ACCENT)),
    );
    let rows = panels.len().div_ceil(columns);
    for (i, (title, values, color)) in panels.into_iter().enumerate() {
        let px = x + (i % columns) as f64 * (w + gap);
        let py = y + (i / columns) as f64 * (h + 8.0);
        panel(l, px, py, w, h, title, values, &trend.dates, color);
    }
    rows as f64 * (h + 8.0)
}

/// Height one trend grid needs.
pub fn trend_height(trend: &Trend, columns: usize) -> f64 {
    (trend.series.len() + 1).div_ceil(columns) as f64 * (78.0 + 8.0)
}

const BAR_ROW: f64 = 10.5;

/// Height of [`bars`] for `n` dimensions (rows, scale and legend).
pub fn bars_height(n: usize) -> f64 {
    n as f64 * BAR_ROW + 30.0
}

/// Every dimension as a horizontal bar on the 0–5 scale, with its score written at the end and
/// its target as an orange tick. Returns the height used.
pub fn bars(l: &mut Layout, dims: &[DimensionRow], x: f64, y: f64, width: f64) -> f64 {
    let label = TextStyle::new(Face::Regular, 7.5, style::TEXT);
    let value = TextStyle::new(Face::Bold, 7.0, style::TEXT);
    let tick = TextStyle::new(Face::Regular, 6.5, style::MUTED);
    let name_w = 150.0;
    let left = x + name_w;
    let right = x + width - 56.0;
    let vx = |v: f64| left + (right - left) * v / 5.0;
    for level in 0..=5 {
        let gx = vx(f64::from(level));
        l.line(
            (gx, y),
            (gx, y + dims.len() as f64 * BAR_ROW),
            Stroke::solid(style::RULE, 0.4),
        );
        l.text_at(
            gx,
            y + dims.len() as f64 * BAR_ROW + 8.0,
            &level.to_string(),
            &tick,
            Align::Center,
        );
    }
    for (i, d) in dims.iter().enumerate() {
        let top = y + i as f64 * BAR_ROW;
        let name = fit(l, &d.name, &label, name_w - 8.0);
        l.text_at(x, top + 7.8, &name, &label, Align::Left);
        match d.score {
            Some(v) => {
                l.rect(
                    left,
                    top + 1.5,
                    vx(v) - left,
                    BAR_ROW - 3.0,
                    Some(style::heat(v)),
                    None,
                );
                l.text_at(
                    right + 28.0,
                    top + 7.8,
                    &format!("{v:.1}"),
                    &value,
                    Align::Right,
                );
            }
            None => {
                l.text_at(
                    left + 3.0,
                    top + 7.8,
                    if d.out_of_scope {
                        crate::text::OUT_OF_SCOPE
                    } else {
                        crate::text::NOT_ENOUGH
                    },
                    &tick,
                    Align::Left,
                );
                l.text_at(right + 28.0, top + 7.8, "—", &value, Align::Right);
            }
        }
        if let Some(t) = d.target {
            l.text_at(
                right + 31.0,
                top + 7.8,
                &format!("→ {t}"),
                &tick,
                Align::Left,
            );
        }
        if let Some(t) = d.target {
            let tx = vx(f64::from(t));
            l.line(
                (tx, top + 0.5),
                (tx, top + BAR_ROW - 0.5),
                Stroke::solid(style::TARGET, 1.8),
            );
        }
    }
    let ly = y + dims.len() as f64 * BAR_ROW + 18.0;
    l.line(
        (left, ly - 2.5),
        (left, ly + 4.5),
        Stroke::solid(style::TARGET, 1.8),
    );
    l.text_at(left + 5.0, ly + 3.5, "target", &tick, Align::Left);
    l.rect(
        left + 40.0,
        ly - 2.0,
        14.0,
        6.0,
        Some(style::SEQUENTIAL[2]),
        None,
    );
    l.text_at(
        left + 58.0,
        ly + 3.5,
        "score, coloured by level",
        &tick,
        Align::Left,
    );
    l.text_at(
        right + 28.0,
        ly + 3.5,
        "score → target",
        &tick,
        Align::Center,
    );
    bars_height(dims.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_wrap_like_the_app() {
        assert_eq!(wrap_label("Flow", 20), ["Flow"]);
        assert_eq!(
            wrap_label("Business value optimisation", 20),
            ["Business value", "optimisation"]
        );
        assert_eq!(
            wrap_label("a b c d e f g h i j k l m n o p q r s t u v w", 5).len(),
            3,
            "at most three lines"
        );
    }
}
