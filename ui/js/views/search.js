import { h, mount, trusted } from "../dom.js";

export async function renderSearch({ main, api }, query) {
  const hits = await api.searchCourse(query);
  mount(
    main,
    h("h1", {}, "Search"),
    h("p", { class: "lead", id: "search-summary" },
      hits.length === 0 ? `Nothing in the course matches “${query}”.` : `${hits.length} section${hits.length === 1 ? "" : "s"} match “${query}”.`),
    h("ol", { class: "search-results" },
      hits.map((hit) =>
        h("li", { class: "search-hit", dataset: { chapter: hit.chapter_id } },
          h("a", { href: `#/chapter/${hit.chapter_id}/${hit.anchor}` }, hit.chapter_title, hit.section_title ? ` › ${hit.section_title}` : ""),
          h("p", { class: "muted small" }, hit.module_title),
          trusted("p", { class: "snippet" }, hit.snippet)))),
  );
  main.focus();
}
