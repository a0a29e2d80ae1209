// SVG elements the assessment views share. Geometry comes from Rust (the radar) or is a straight
// plot of numbers Rust returned (sparklines). Numbers and dates as text are in ../format.js.

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
 * A sparkline of scores on the 1–5 scale, oldest first; `null` leaves a gap. The numbers are
 * the scores Rust returned; this only places them on the line.
 */
export function sparkline(values, { width = 140, height = 34, label = "" } = {}) {
  const pad = 4;
  const n = values.length;
  const x = (i) => (n <= 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (n - 1));
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
  return s("svg", { class: "sparkline", width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label },
    s("line", { class: "spark-base", x1: pad, x2: width - pad, y1: y(3), y2: y(3) }),
    segments.map((seg) => (seg.length > 1 ? s("polyline", { class: "spark-line", points: points(seg) }) : null)),
    values.map((v, i) => (v === null || v === undefined ? null : s("circle", { class: "spark-dot", cx: x(i), cy: y(v), r: i === n - 1 ? 3 : 2 }))));
}
