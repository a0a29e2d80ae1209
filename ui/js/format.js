// Numbers and dates as the views write them: a score with one decimal (as Rust rounded it), a
// change with its sign, a date in the reader's locale. Formatting only: nothing is computed here.

/** A score with one decimal, or a dash when there is none. */
export const score = (x) => (x === null || x === undefined ? "—" : x.toFixed(1));

/** A change with its sign: +0.4, −0.2, ±0.0; empty when there is none. */
export function change(x) {
  if (x === null || x === undefined) return "";
  const sign = x > 0.05 ? "+" : x < -0.05 ? "−" : "±";
  return `${sign}${Math.abs(x).toFixed(1)}`;
}

export function date(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}
