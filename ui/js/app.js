// Start-up and the hash router: #/ · #/chapter/ID[/anchor] · #/teams · #/glossary[/id] ·
// #/search/QUERY. Views render into <main>; the sidebar shows the course outline.

import * as api from "./api.js";
import { h, mount, errorBox, minutes } from "./dom.js";
import { renderHome } from "./views/home.js";
import { renderChapter } from "./views/chapter.js";
import { renderTeams } from "./views/teams.js";
import { renderGlossary } from "./views/glossary.js";
import { renderSearch } from "./views/search.js";

const main = document.getElementById("main");
const state = { outline: null, status: null };

async function loadOutline() {
  const toc = document.getElementById("toc");
  try {
    state.outline = await api.courseOutline();
  } catch (error) {
    mount(toc, h("li", {}, errorBox(error)));
    return;
  }
  mount(
    toc,
    state.outline.modules.map((module, i) =>
      h(
        "li",
        { class: "toc-module" },
        h("details", { open: i === 0 ? true : undefined, dataset: { module: module.id } },
          h("summary", {}, h("span", { class: "toc-number" }, String(i + 1).padStart(2, "0")), " ", module.title),
          h(
            "ol",
            { class: "toc-chapters" },
            module.chapters.map((c) =>
              h("li", {}, h("a", { href: `#/chapter/${c.id}`, dataset: { chapter: c.id } }, c.title,
                h("span", { class: "toc-minutes" }, ` · ${minutes(c.minutes)}`))),
            ),
          ),
        ),
      ),
    ),
  );
}

function markCurrent(route, id) {
  for (const a of document.querySelectorAll("[data-nav]")) {
    a.toggleAttribute("aria-current", a.dataset.nav === route);
  }
  for (const a of document.querySelectorAll("#toc a[data-chapter]")) {
    const current = route === "chapter" && a.dataset.chapter === id;
    if (current) {
      a.setAttribute("aria-current", "page");
      a.closest("details")?.setAttribute("open", "");
    } else {
      a.removeAttribute("aria-current");
    }
  }
}

async function route() {
  const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  const [name, ...rest] = parts;
  const ctx = { main, state, api };
  try {
    switch (name) {
      case "chapter":
        markCurrent("chapter", rest[0]);
        await renderChapter(ctx, rest[0], rest[1]);
        break;
      case "teams":
        markCurrent("teams");
        await renderTeams(ctx);
        break;
      case "glossary":
        markCurrent("glossary");
        await renderGlossary(ctx, rest[0]);
        break;
      case "search":
        markCurrent("search");
        document.getElementById("search-input").value = rest.join("/");
        await renderSearch(ctx, rest.join("/"));
        break;
      default:
        markCurrent("home");
        await renderHome(ctx);
    }
  } catch (error) {
    mount(main, errorBox(error));
  }
}

document.getElementById("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const q = document.getElementById("search-input").value.trim();
  if (q) location.hash = `#/search/${encodeURIComponent(q)}`;
});

window.addEventListener("hashchange", route);

(async function start() {
  try {
    state.status = await api.appStatus();
  } catch (error) {
    state.status = { db_error: error.message };
  }
  await loadOutline();
  await route();
})();
