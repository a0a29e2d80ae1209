// Text limits people can see. A field with `data-limit="N"` (names: 100) is never cut short
// silently, as `maxlength` would do (and `maxlength` counts an emoji as two): typing past the
// limit says so beside the field, by how much, and the form will not submit until it fits.
// Characters are counted as the store counts them (Unicode scalar values, Rust's `chars()`).

export const count = (text) => [...text].length;

function note(input) {
  let el = input.nextElementSibling;
  if (!el?.classList.contains("limit-note")) {
    el = document.createElement("span");
    el.className = "limit-note field-error";
    el.id = `${input.id || `field-${Math.random().toString(36).slice(2)}`}-limit`;
    el.setAttribute("aria-live", "polite");
    input.after(el);
    input.setAttribute("aria-describedby", [input.getAttribute("aria-describedby"), el.id].filter(Boolean).join(" "));
  }
  return el;
}

/** Checks one field against its `data-limit`; returns whether it fits. */
export function checkLimit(input) {
  const limit = Number(input.dataset?.limit);
  if (!limit || typeof input.value !== "string") return true;
  const over = count(input.value) - limit;
  if (over > 0) {
    const text = `${count(input.value)} characters: the limit is ${limit}. Shorten it by ${over}.`;
    note(input).textContent = text;
    input.setCustomValidity(text);
    input.setAttribute("aria-invalid", "true");
    return false;
  }
  if (input.nextElementSibling?.classList.contains("limit-note")) input.nextElementSibling.textContent = "";
  input.setCustomValidity("");
  input.removeAttribute("aria-invalid");
  return true;
}

/** One listener for the whole app: every `input` event on a limited field is checked. */
export function watchLimits(root = document) {
  root.addEventListener("input", (event) => {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) checkLimit(event.target);
  });
}
