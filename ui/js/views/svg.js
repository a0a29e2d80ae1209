// SVG elements the assessment views share. Geometry comes from Rust (the radar) or is a straight
// plot of numbers Rust returned (sparklines). Numbers and dates as text are in ../format.js.
import { score } from "../format.js";

const NS = "http://www.w3.org/2000/svg";

export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") el.setAttribute("class", value);
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export const points = (list) => list.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");

/**
 * A trend of scores on the 1–5 scale, oldest first; `null` leaves a gap. The numbers are the
 * scores Rust returned; this only places them. Tall enough that a change of one level is
 * about 12 px, with a faint line per level (level 3 dashed) and the first and last scores
 * written beside their points, so 1.5 → 2.8 reads as the rise it is.
 */
export function sparkline(values, { width = 180, height = 60, label = "" } = {}) {
  const pad = 7;
  const left = 30; // room for the first score's label
  const right = 30; // and the last one's
  const n = values.length;
  const x = (i) => (n <= 1 ? (left + width - right) / 2 : left + (i * (width - left - right)) / (n - 1));
  const y = (v) => height - pad - ((v - 1) / 4) * (height - 2 * pad);
  const segments = [];
  let current = [];
  values.forEach((v, i) => {
    if (v === null || v === undefined) {
      if (current.length) segments.push(current);
      current = [];
    } else {
      current.push({ x: x(i), y: y(v) });
    }
  });
  if (current.length) segments.push(current);
  const shown = values.map((v, i) => [v, i]).filter(([v]) => v !== null && v !== undefined);
  const first = shown[0];
  const last = shown[shown.length - 1];
  const text = (v, i, anchor, dx) => s("text", { class: "spark-label", x: x(i) + dx, y: y(v) + 4, "text-anchor": anchor }, score(v));
  return s("svg", { class: "sparkline", width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label },
    [1, 2, 3, 4, 5].map((level) => s("line", { class: level === 3 ? "spark-base" : "spark-grid", x1: left - 4, x2: width - right + 4, y1: y(level), y2: y(level) })),
    segments.map((seg) => (seg.length > 1 ? s("polyline", { class: "spark-line", points: points(seg) }) : null)),
    values.map((v, i) => (v === null || v === undefined ? null : s("circle", { class: "spark-dot", cx: x(i), cy: y(v), r: i === n - 1 ? 3.5 : 2.5 }))),
    first && first !== last ? text(first[0], first[1], "end", -6) : null,
    last ? text(last[0], last[1], "start", 6) : null);
}
