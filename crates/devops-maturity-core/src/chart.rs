//! Radar-chart geometry, computed once in Rust and drawn by the app (SVG) and the PDF, so both
//! show the same picture. Coordinates have y pointing down (screen and SVG convention).

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Anchor {
    Start,
    Middle,
    End,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Axis {
    pub label: String,
    pub end: Point,
    /// Where the label goes, just outside the outer ring, and how it is aligned.
    pub label_at: Point,
    pub anchor: Anchor,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    pub name: String,
    /// The closed outline; a missing value sits at the centre.
    pub polygon: Vec<Point>,
    /// Markers only where there is a value.
    pub points: Vec<Option<Point>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Radar {
    pub width: f64,
    pub height: f64,
    pub center: Point,
    pub radius: f64,
    /// One ring per level 1..=max, each a closed outline through the axes.
    pub rings: Vec<Vec<Point>>,
    pub axes: Vec<Axis>,
    pub series: Vec<Series>,
}

/// The radar's size in SVG user units and the margin left around it for the dimension names.
/// The app's results page draws it at this size; the PDF scales the same geometry uniformly,
/// so both show the same picture.
pub const RADAR_WIDTH: f64 = 1000.0;
pub const RADAR_HEIGHT: f64 = 640.0;
pub const RADAR_MARGIN: f64 = 90.0;

/// The current-vs-target radar of an assessment (series "Current" and "Target", one axis per
/// dimension in questionnaire order), as the results page and the reports draw it.
pub fn current_vs_target(score: &crate::AssessmentScore<'_>) -> Radar {
    let labels: Vec<String> = score
        .dimensions
        .iter()
        .map(|d| d.name.to_string())
        .collect();
    let current: Vec<Option<f64>> = score.dimensions.iter().map(|d| d.score).collect();
    let target: Vec<Option<f64>> = score
        .dimensions
        .iter()
        .map(|d| d.target.map(f64::from))
        .collect();
    radar(
        &labels,
        &[("Current".into(), current), ("Target".into(), target)],
        RADAR_WIDTH,
        RADAR_HEIGHT,
        RADAR_MARGIN,
        5.0,
    )
}

/// Geometry for `labels` (one axis each, clockwise from the top) and `series` of values on a
/// 0..=`max` scale. `margin` leaves room for the labels around the chart.
pub fn radar(
    labels: &[String],
    series: &[(String, Vec<Option<f64>>)],
    width: f64,
    height: f64,
    margin: f64,
    max: f64,
) -> Radar {
    let center = Point {
        x: width / 2.0,
        y: height / 2.0,
    };
    let radius = ((width.min(height) / 2.0) - margin).max(1.0);
    let n = labels.len().max(1);
    let at = |i: usize, r: f64| {
        let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n as f64;
        Point {
            x: center.x + r * angle.cos(),
            y: center.y + r * angle.sin(),
        }
    };
    let levels = max.round().max(1.0) as usize;
    let rings = (1..=levels)
        .map(|l| (0..n).map(|i| at(i, radius * l as f64 / max)).collect())
        .collect();
    let axes = labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let label_at = at(i, radius + 10.0);
            let dx = label_at.x - center.x;
            let anchor = if dx.abs() < radius * 0.15 {
                Anchor::Middle
            } else if dx > 0.0 {
                Anchor::Start
            } else {
                Anchor::End
            };
            Axis {
                label: label.clone(),
                end: at(i, radius),
                label_at,
                anchor,
            }
        })
        .collect();
    let series = series
        .iter()
        .map(|(name, values)| {
            let scaled = |v: f64| radius * v.clamp(0.0, max) / max;
            let points: Vec<Option<Point>> = (0..labels.len())
                .map(|i| values.get(i).copied().flatten().map(|v| at(i, scaled(v))))
                .collect();
            let polygon = points.iter().map(|p| p.unwrap_or(center)).collect();
            Series {
                name: name.clone(),
                polygon,
                points,
            }
        })
        .collect();
    Radar {
        width,
        height,
        center,
        radius,
        rings,
        axes,
        series,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_start_at_the_top_and_values_scale_with_the_radius() {
        let labels: Vec<String> = ["A", "B", "C", "D"].map(String::from).to_vec();
        let r = radar(
            &labels,
            &[("now".into(), vec![Some(5.0), Some(2.5), None, Some(0.0)])],
            200.0,
            200.0,
            20.0,
            5.0,
        );
        assert_eq!(r.radius, 80.0);
        assert_eq!(r.rings.len(), 5);
        let top = r.axes[0].end;
        assert!(
            (top.x - 100.0).abs() < 1e-9 && (top.y - 20.0).abs() < 1e-9,
            "first axis points up: {top:?}"
        );
        assert_eq!(r.axes[0].anchor, Anchor::Middle);
        assert_eq!(
            r.axes[1].anchor,
            Anchor::Start,
            "right-hand labels start at the axis end"
        );
        let half = r.series[0].points[1].unwrap();
        assert!(
            (half.x - 140.0).abs() < 1e-9,
            "2.5 of 5 is half the radius: {half:?}"
        );
        assert_eq!(r.series[0].points[2], None, "a missing value has no marker");
        assert_eq!(
            r.series[0].polygon[2], r.center,
            "…and its outline passes through the centre"
        );
    }
}
