import { h, mount } from "../dom.js";

export async function renderGlossary({ main, api }, selected) {
  const glossary = await api.glossary();
  const terms = [...glossary.terms].sort((a, b) => a.term.localeCompare(b.term, undefined, { sensitivity: "base" }));
  mount(
    main,
    h("h1", {}, "Glossary"),
    h("p", { class: "lead" }, `${terms.length} terms used in the course.`),
    h("dl", { class: "glossary" },
      terms.map((t) => [
        h("dt", { id: `term-${t.id}`, class: t.id === selected ? "selected" : undefined, tabindex: "-1" }, t.term,
          t.aliases.length ? h("span", { class: "muted" }, ` (${t.aliases.join(", ")})`) : null),
        h("dd", {}, t.definition, t.chapter ? [" ", h("a", { href: `#/chapter/${t.chapter}` }, "Read more")] : null),
      ])),
  );
  const target = selected && document.getElementById(`term-${selected}`);
  if (target) {
    target.scrollIntoView({ block: "center" });
    target.focus();
  } else {
    main.focus();
  }
}
