import { h, mount, minutes } from "../dom.js";
import { demoOffer } from "./demo.js";

export async function renderHome({ main, state, api }) {
  // An empty app offers demo data; a database error is shown below instead. Both asked at once.
  const [teams, unfinished] = state.status?.db_error
    ? [null, []]
    : await Promise.all([api.teamsList().catch(() => null), api.homeResume().catch(() => [])]);
  const outline = state.outline;
  const status = state.status || {};
  const total = outline ? outline.modules.reduce((sum, m) => sum + m.minutes, 0) : 0;
  const first = outline?.modules[0]?.chapters[0];
  mount(
    main,
    h("h1", {}, "DevOps Maturity Studio"),
    h("p", { class: "lead" }, "Learn DevOps and IT service management, measure how your team works, and plan what to improve next. Everything stays on this computer."),
    status.db_error
      ? h("div", { class: "notice notice-error", role: "alert" },
          h("strong", {}, "The database could not be opened. "), status.db_error)
      : null,
    status.content_error ? h("div", { class: "notice notice-error", role: "alert" }, status.content_error) : null,
    resumeCard(unfinished),
    h(
      "div",
      { class: "cards" },
      h("section", { class: "card" },
        h("h2", {}, "Learn"),
        h("p", {}, outline
          ? `${outline.title}: ${outline.modules.length} modules and ${outline.modules.reduce((n, m) => n + m.chapters.length, 0)} chapters for a one-day classroom, or about ${minutes(total)} of study on your own.`
          : "The course could not be loaded."),
        first ? h("a", { class: "button", href: `#/chapter/${first.id}` }, "Start the course") : null),
      h("section", { class: "card" },
        h("h2", {}, "Assess"),
        h("p", {}, "Create your teams, then assess each one against the six DASA principles, the practice areas and the DORA keys."),
        h("a", { class: "button", href: "#/teams" }, "Open teams"),
        teams && teams.length === 0 ? demoOffer(api, openTeams) : null),
      h("section", { class: "card" },
        h("h2", {}, "Look things up"),
        h("p", {}, "Every term the course uses, explained in plain words."),
        h("a", { class: "button button-secondary", href: "#/glossary" }, "Open the glossary")),
    ),
    status.db_path ? h("p", { class: "muted small" }, "Data file: ", h("code", {}, status.db_path)) : null,
  );
  main.focus();
}

/** Where each unfinished assessment resumes: "Resume Platform Team — Ana, dimension 7 of 18". */
// After the demo is created from the home page: show the teams. When the page has already
// moved there (a click on "Teams" while the demo was being stored), the teams page was drawn
// before the demo existed, so it is drawn again rather than left saying "No teams yet".
function openTeams() {
  if (location.hash === "#/teams") window.dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = "#/teams";
}

function resumeCard(unfinished) {
  if (!unfinished.length) return null;
  const where = (step) => step.step === "finishing"
    ? "everyone has answered: targets, DORA and completing are left"
    : `${step.people > 1 ? `${step.respondent} (person ${step.person} of ${step.people}), ` : ""}dimension ${step.dimension} of ${step.dimensions}: ${step.dimension_name}`;
  return h("section", { class: "card resume-card", id: "resume", "aria-labelledby": "resume-title" },
    h("h2", { id: "resume-title" }, unfinished.length === 1 ? "Pick up where you left off" : "Assessments in progress"),
    h("ul", { class: "plain-list resume-list" }, unfinished.map((r) =>
      h("li", { dataset: { assessment: r.assessment_id } },
        h("a", { class: "button", href: `#/assess/${r.assessment_id}` }, `Resume ${r.team}`),
        " ", h("span", { class: "muted" }, where(r.step))))));
}
