// A question's answer options, as the assessment wizard (assess.js) and the practice round
// (practice.js) show them: one radio per level with the level's name and the question's
// description of it, then the extra answers ("Don't know" …). Choosing one saves it at once;
// on a chosen radio, keys 1–5 (and the caller's extra keys) choose and save without the mouse.

import { h } from "../dom.js";

/**
 * The `div.options` of one question, and its keyboard on `fieldset`.
 * - `name`: the radios' name (and their ids' prefix), unique on the page;
 * - `levels`: the questionnaire's levels (`{ value, name }`), `anchors` the question's texts for them;
 * - `extras`: `[value, label]` answers after the levels;
 * - `chosen`: the answer given so far, if any; `save(value)` is called when one is chosen;
 * - `keys`: extra keys and the answer each chooses, e.g. `{ d: "dont-know" }`.
 */
export function answerOptions(fieldset, { name, levels, anchors, extras, chosen, save, keys = {} }) {
  const option = (value, label, detail) => {
    const id = `${name}-${value}`;
    const input = h("input", { type: "radio", name, value, id, checked: chosen === value });
    input.addEventListener("change", () => save(value));
    return h("label", { class: `option option-${value.length === 1 ? "level" : "extra"}`, for: id },
      input, h("span", { class: "option-text" }, h("strong", {}, label), detail ? ` — ${detail}` : null));
  };

  fieldset.addEventListener("keydown", (event) => {
    if (event.target.type !== "radio" || event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key.toLowerCase();
    const value = /^[1-5]$/.test(key) ? key : Object.hasOwn(keys, key) ? keys[key] : null;
    if (!value) return;
    event.preventDefault();
    const input = fieldset.querySelector(`input[value="${value}"]`);
    input.focus();
    if (!input.checked) {
      input.checked = true;
      save(value);
    }
  });

  return h("div", { class: "options" },
    levels.map((level, i) => option(String(level.value), `${level.value} ${level.name}`, anchors[i])),
    extras.map(([value, label]) => option(value, label)));
}
