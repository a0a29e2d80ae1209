// Building DOM safely: text always goes through textContent; only HTML rendered by the Rust
// content crate (which escapes everything it did not produce itself) is set with `trusted`.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** An element whose inner HTML comes from the content renderer. */
export function trusted(tag, attrs, html) {
  const el = h(tag, attrs);
  el.innerHTML = html;
  return el;
}

export function mount(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
}

export function errorBox(error) {
  const message = error && error.message ? error.message : String(error);
  return h("div", { class: "notice notice-error", role: "alert" }, message);
}

export function minutes(total) {
  if (total < 60) return `${total} min`;
  const h = Math.floor(total / 60);
  const m = total % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}
