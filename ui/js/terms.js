// Glossary terms in chapters (`<a class="term" title=…>` from the content renderer) show their
// definition in a styled popover on hover and on keyboard focus. The native title tooltip is
// moved to `data-definition` so the two do not show at once; the popover is tied to the term
// with aria-describedby so screen readers read the definition too.

const POPOVER_ID = "term-popover";

function popover() {
  let el = document.getElementById(POPOVER_ID);
  if (!el) {
    el = document.createElement("div");
    el.id = POPOVER_ID;
    el.className = "term-popover";
    el.setAttribute("role", "tooltip");
    el.hidden = true;
    document.body.append(el);
  }
  return el;
}

function termOf(target) {
  return target instanceof Element ? target.closest("a.term") : null;
}

function show(term) {
  if (term.hasAttribute("title")) {
    term.dataset.definition = term.getAttribute("title");
    term.removeAttribute("title");
  }
  const el = popover();
  el.replaceChildren();
  const name = document.createElement("strong");
  name.textContent = term.textContent;
  el.append(name, document.createTextNode(` — ${term.dataset.definition || ""}`));
  el.hidden = false;
  term.setAttribute("aria-describedby", POPOVER_ID);
  const box = term.getBoundingClientRect();
  const width = Math.min(380, window.innerWidth - 16);
  el.style.maxWidth = `${width}px`;
  const left = Math.max(8, Math.min(box.left, window.innerWidth - width - 8));
  el.style.left = `${left}px`;
  const below = box.bottom + 8;
  el.style.top = `${below}px`;
  const height = el.getBoundingClientRect().height;
  if (below + height > window.innerHeight - 8) el.style.top = `${Math.max(8, box.top - height - 8)}px`;
}

function hide(term) {
  const el = document.getElementById(POPOVER_ID);
  if (el) el.hidden = true;
  if (term) term.removeAttribute("aria-describedby");
}

export function installTermPopovers() {
  document.addEventListener("mouseover", (e) => { const t = termOf(e.target); if (t) show(t); });
  document.addEventListener("mouseout", (e) => {
    const t = termOf(e.target);
    if (t && t !== document.activeElement) hide(t);
  });
  document.addEventListener("focusin", (e) => { const t = termOf(e.target); if (t) show(t); });
  document.addEventListener("focusout", (e) => { const t = termOf(e.target); if (t) hide(t); });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") hide(termOf(document.activeElement)); });
  window.addEventListener("hashchange", () => hide(null));
  document.getElementById("main")?.addEventListener("scroll", () => hide(null), { passive: true });
}
