// Start-up and the hash router: #/ · #/chapter/ID[/anchor] · #/teams · #/organisation · #/glossary[/id] ·
// #/search/QUERY · #/quiz/MODULE · #/exam · #/agenda · #/handouts (printable PDFs) · #/activity/CHAPTER · #/notes (presenter notes window) ·
// #/workshops · #/workshop/ID[/answer/A | /discuss/A[/QUESTION]] · #/practice/ID[/compare] ·
// #/dashboard/ID (projector) · #/live/ID (live session) · #/plan/ASSESSMENT · #/recover (the database could not be opened) · #/data (export, import, backups). Views render into <main>; the sidebar shows the course outline.

import * as api from "./api.js";
import { h, mount, errorBox, minutes } from "./dom.js";
// Each page's module is imported when its route is first shown (`import()` in route()), so the
// start fetches the few modules the home page needs rather than every view.
import { installPresenterShortcut } from "./views/presenter.js";
import { decorateToc, refreshProgress } from "./training.js";
import { installTermPopovers } from "./terms.js";
import { startView } from "./view.js";
import { watchLimits } from "./limits.js";
import { watchStoreWaits } from "./waiting.js";

const main = document.getElementById("main");
const state = { outline: null, status: null };

async function loadOutline() {
  const toc = document.getElementById("toc");
  // The sidebar's reading progress is asked for with the outline, not after it is drawn.
  const progress = api.progress();
  progress.catch(() => {}); // Not drawn when the outline fails; refreshProgress handles it.
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
  decorateToc(state.outline);
  await refreshProgress(progress);
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
  const started = performance.now();
  const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  const [name, ...rest] = parts;
  const { view, main: guarded } = startView(main);
  const ctx = { main: guarded, state, api, view };
  try {
    switch (name) {
      case "chapter":
        markCurrent("chapter", rest[0]);
        await (await import("./views/chapter.js")).renderChapter(ctx, rest[0], rest[1]);
        break;
      case "quiz":
        markCurrent("quiz");
        await (await import("./views/quiz.js")).renderQuiz(ctx, rest[0]);
        break;
      case "exam":
        markCurrent("exam");
        await (await import("./views/exam.js")).renderExam(ctx);
        break;
      case "agenda":
        markCurrent("agenda");
        await (await import("./views/agenda.js")).renderAgenda(ctx);
        break;
      case "handouts":
        markCurrent("agenda");
        await (await import("./views/handouts.js")).renderHandouts(ctx);
        break;
      case "activity":
        markCurrent("chapter", rest[0]);
        await (await import("./views/activity.js")).renderActivity(ctx, rest[0]);
        break;
      case "recover":
        markCurrent("home");
        await (await import("./views/recover.js")).renderRecover(ctx);
        break;
      case "notes":
        await (await import("./views/notes.js")).renderNotes(ctx);
        break;
      case "teams":
        markCurrent("teams");
        await (await import("./views/teams.js")).renderTeams(ctx);
        break;
      case "organisation":
        markCurrent("teams");
        await (await import("./views/organisation.js")).renderOrganisation(ctx);
        break;
      case "team":
        markCurrent("teams");
        await (await import("./views/team.js")).renderTeam(ctx, rest[0]);
        break;
      case "assess":
        markCurrent("teams");
        await (await import("./views/assess.js")).renderAssess(ctx, rest[0]);
        break;
      case "results":
        markCurrent("teams");
        await (await import("./views/results.js")).renderResults(ctx, rest[0]);
        break;
      case "plan":
        markCurrent("teams");
        await (await import("./views/plan.js")).renderPlan(ctx, rest[0]);
        break;
      case "workshops":
        markCurrent("workshops");
        await (await import("./views/workshops.js")).renderWorkshops(ctx);
        break;
      case "practice":
        markCurrent("workshops");
        await (await import("./views/practice.js")).renderPractice(ctx, rest[0], rest[1]);
        break;
      case "dashboard":
        markCurrent("workshops");
        await (await import("./views/dashboard.js")).renderDashboard(ctx, rest[0]);
        break;
      case "live":
        markCurrent("workshops");
        await (await import("./views/live.js")).renderLive(ctx, rest[0]);
        break;
      case "workshop":
        markCurrent("workshops");
        await (await import("./views/workshop.js")).renderWorkshopRoute(ctx, rest);
        break;
      case "data":
        markCurrent("data");
        await (await import("./views/data.js")).renderData(ctx);
        break;
      case "glossary":
        markCurrent("glossary");
        await (await import("./views/glossary.js")).renderGlossary(ctx, rest[0]);
        break;
      case "search":
        markCurrent("search");
        document.getElementById("search-input").value = rest.join("/");
        await (await import("./views/search.js")).renderSearch(ctx, rest.join("/"));
        break;
      default:
        markCurrent("home");
        await (await import("./views/home.js")).renderHome(ctx);
    }
  } catch (error) {
    if (view.current) mount(main, errorPage(error));
  }
  if (view.current) {
    // The window title follows the page: its heading, then the app's name.
    const heading = main.querySelector("h1")?.textContent.trim();
    document.title = heading && heading !== APP_NAME ? `${heading} · ${APP_NAME}` : APP_NAME;
    // From the route change to the page drawn (its data read through IPC included), for
    // `scripts/bench-organisation` and anyone profiling: `performance.getEntriesByName("route organisation")`.
    performance.measure(`route ${name || "home"}`, { start: started });
  }
}

const APP_NAME = "DevOps Maturity Studio";

/** A page that could not be shown: a heading, the reason, and a way back. */
function errorPage(error) {
  return [
    h("h1", {}, "This page could not be shown"),
    errorBox(error),
    h("p", {}, h("a", { href: "#/" }, "Back to the start page")),
  ];
}

document.getElementById("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const q = document.getElementById("search-input").value.trim();
  if (q) location.hash = `#/search/${encodeURIComponent(q)}`;
});

// The course outline on a narrow window: a panel over the page, opened from the top bar, closed
// by choosing a chapter, by Escape (focus back on the button) or by the button again.
const outlineToggle = document.getElementById("outline-toggle");
const app = document.querySelector(".app");
function setOutline(open, { focus = false } = {}) {
  app.classList.toggle("outline-open", open);
  outlineToggle.setAttribute("aria-expanded", String(open));
  if (open && focus) document.querySelector("#toc a, #toc summary")?.focus();
}
outlineToggle.addEventListener("click", () => {
  setOutline(!app.classList.contains("outline-open"), { focus: true });
});
document.getElementById("sidebar").addEventListener("keydown", (event) => {
  if (event.key === "Escape" && app.classList.contains("outline-open")) {
    setOutline(false);
    outlineToggle.focus();
  }
});
window.addEventListener("hashchange", () => setOutline(false));

// Links within the page (`#fn-1`, a footnote and its way back; the skip link's `#main`) are not
// routes: the page scrolls to the element and focus moves there, and the address stays the
// page's own (`#/chapter/...`), so the router never sees them.
document.addEventListener("click", (event) => {
  const link = event.target.closest?.("a[href^='#']");
  const href = link?.getAttribute("href");
  if (!href || href.startsWith("#/") || event.defaultPrevented) return;
  event.preventDefault();
  const target = document.getElementById(decodeURIComponent(href.slice(1)));
  if (!target) return;
  if (!target.matches("a, button, input, select, textarea, [tabindex]")) target.setAttribute("tabindex", "-1");
  target.scrollIntoView({ block: "center" });
  target.focus({ preventScroll: true });
});

window.addEventListener("hashchange", route);
installPresenterShortcut();
installTermPopovers();
watchLimits();

(async function start() {
  // The home page's module is fetched while the first calls are answered (route() imports it
  // again and gets the same module; a failure shows there).
  if (["", "#", "#/"].includes(location.hash)) import("./views/home.js").catch(() => {});
  // The outline does not depend on the database's state: asked for while that is.
  const outline = loadOutline();
  try {
    state.status = await api.appStatus();
  } catch (error) {
    state.status = { db_error: error.message };
  }
  // A database in a read-only folder: everything can be looked at, nothing saved.
  const banner = document.getElementById("read-only-banner");
  if (state.status.read_only) {
    banner.textContent = `Read-only mode: the folder ${state.status.read_only} is read-only, so you can look at everything, but nothing can be saved.`;
    banner.hidden = false;
  }
  // A save held up by another program that has the data file open says so while it waits.
  watchStoreWaits(api, document.getElementById("store-waiting"));
  // A database that could not be opened: the main window starts on the recovery page.
  if (state.status.db_error && ["", "#", "#/"].includes(location.hash)) {
    history.replaceState(null, "", "#/recover");
  }
  performance.mark("status");
  await outline;
  performance.mark("outline");
  await route();
  // The first page is on screen and usable. scripts/bench-startup reads this mark, and the two
  // above to say where the time before it went.
  performance.mark("first-page");
})();
