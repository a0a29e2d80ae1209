// #/team/ID: one team's assessments — start a new one, resume one in progress, the history
// with the change since the previous assessment, and a trend per dimension. Every score shown
// here was computed in Rust (`team_history`).

import { h, mount, errorBox } from "../dom.js";
import { sparkline } from "./svg.js";
import { score, change, date } from "../format.js";
import { planProgressSection } from "./plan.js";
import { deleteButton } from "./delete.js";

export async function renderTeam({ main, api }, teamId) {
  const [history, planProgress] = await Promise.all([
    api.teamHistory(Number(teamId)),
    api.teamPlanProgress(Number(teamId)),
  ]);
  const team = history.team;
  const entries = history.assessments;
  const inProgress = entries.filter((e) => e.assessment.status === "in-progress");
  const completed = entries.filter((e) => e.assessment.status === "completed");

  mount(main,
    h("p", { class: "breadcrumb" }, h("a", { href: "#/teams" }, "Teams"), " / ", team.name),
    h("h1", { id: "team-title" }, team.name),
    inProgress.length
      ? h("section", { class: "resume", "aria-labelledby": "resume-title" },
          h("h2", { id: "resume-title" }, "In progress"),
          h("ul", { class: "plain-list" }, inProgress.map((e) =>
            h("li", {},
              h("a", { class: "button", href: `#/assess/${e.assessment.id}`, dataset: { resume: e.assessment.id } }, "Resume"),
              " ", `started ${date(e.assessment.started_at)} · ${e.respondents.join(", ")} · ${e.finished} of ${e.respondents.length} finished`))))
      : null,
    planProgressSection(planProgress),
    startForm(team, api),
    h("h2", {}, "History"),
    entries.length ? historyTable(entries, api, () => renderTeam({ main, api }, teamId)) : h("p", { class: "muted", id: "history-empty" }, "No assessments yet."),
    completed.length ? trends(completed) : null,
  );
  main.focus();
}

function startForm(team, api) {
  const status = h("div", { role: "status", "aria-live": "polite" });
  const names = h("ol", { class: "respondent-names", id: "respondent-names" });
  const addName = (value = "") => {
    const i = names.children.length;
    const input = h("input", { type: "text", id: `respondent-name-${i}`, "data-limit": 100, value, autocomplete: "off", "aria-label": `Person ${i + 1}` });
    names.append(h("li", {}, input));
    return input;
  };
  addName("Whole team");
  const facilitator = h("input", { type: "text", id: "facilitator", "data-limit": 100, autocomplete: "off" });
  const form_ = (value, label, detail, checked) =>
    h("label", { class: "option", for: `form-${value}` },
      h("input", { type: "radio", name: "form", id: `form-${value}`, value, checked }),
      h("span", {}, h("strong", {}, label), ` — ${detail}`));
  const form = h("form", { class: "start-form card", id: "start-assessment", onsubmit: async (event) => {
    event.preventDefault();
    const respondents = [...names.querySelectorAll("input")].map((i) => i.value.trim()).filter(Boolean);
    if (!respondents.length) {
      mount(status, errorBox({ message: "Name at least one person who answers." }));
      return;
    }
    try {
      const quick = form.querySelector("#form-quick").checked;
      const row = await api.assessmentStart(team.id, respondents, facilitator.value.trim(), quick);
      location.hash = `#/assess/${row.id}`;
    } catch (error) {
      mount(status, errorBox(error));
    }
  } },
    h("h2", {}, "Start an assessment"),
    h("p", { class: "muted" }, "One person can answer for the whole team, or several people answer in turn on this computer; each one's answers are hidden from the next. Their scores are combined with the median."),
    h("p", { class: "field-label" }, "Who answers, in order"),
    names,
    h("button", { type: "button", class: "button-secondary", id: "add-respondent", onclick: () => addName().focus() }, "Add another person"),
    h("p", {}, h("label", { for: "facilitator" }, "Facilitator (optional) "), facilitator),
    h("fieldset", { class: "form-choice", id: "form-choice" },
      h("legend", {}, "Questionnaire"),
      form_("full", "Full questionnaire", "every question, about 45 minutes per person; the most reliable picture", true),
      form_("quick", "Quick scan", "one or two questions per dimension plus the DORA keys, about 10 minutes; scored by the same rules, labelled as a quick scan", false)),
    h("button", { type: "submit", id: "start-button" }, "Start assessment"),
    status);
  return form;
}

function historyTable(entries, api, onChange) {
  return h("table", { class: "history wide", id: "history" },
    h("thead", {}, h("tr", {},
      ["Date", "Status", "People", "Overall", "Level", "Change"].map((t) => h("th", { scope: "col" }, t)),
      h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")))),
    h("tbody", {}, [...entries].reverse().map((e) => {
      const a = e.assessment;
      const done = a.status === "completed";
      return h("tr", { dataset: { assessment: a.id, status: a.status } },
        h("td", { class: "nowrap" }, date(done ? a.completed_at : a.started_at)),
        h("td", {}, done ? "completed" : "in progress", a.quick_scan ? h("span", { class: "badge quick-scan" }, "Quick scan") : null),
        h("td", {}, e.respondents.join(", ")),
        h("td", { class: "num" }, done ? score(e.overall) : "—", done && e.overall === null ? h("span", { class: "muted small" }, " not enough answers") : null),
        h("td", {}, done && e.overall_level ? `${e.overall_level} ${e.overall_level_name ?? ""}` : ""),
        h("td", { class: "num" }, done ? change(e.overall_change) : ""),
        h("td", {}, h("div", { class: "history-actions" }, done
          ? h("a", { href: `#/results/${a.id}` }, "Results")
          : h("a", { href: `#/assess/${a.id}` }, "Resume"),
          deleteButton(api, { kind: "assessment", id: a.id }, {
            label: `the assessment of ${date(done ? a.completed_at : a.started_at)}`, onChange }))));
    })));
}

function trends(completed) {
  const latest = completed[completed.length - 1];
  const rows = latest.dimensions.map((d) => {
    const values = completed.map((e) => e.dimensions.find((x) => x.id === d.id)?.score ?? null);
    return h("tr", { dataset: { dimension: d.id } },
      h("th", { scope: "row" }, d.name),
      h("td", {}, sparkline(values, { label: `${d.name}: ${values.map(score).join(", ")}` })),
      h("td", { class: "num" }, score(d.score)),
      h("td", { class: "num" }, change(d.change)));
  });
  return h("section", { class: "wide", "aria-labelledby": "trend-title" },
    h("h2", { id: "trend-title" }, "Trend per dimension"),
    h("p", { class: "muted small" }, `Completed assessments, oldest to newest (1–5 scale; one faint line per level, level 3 dashed; first and latest score written beside their points). Change: since the previous completed assessment.`),
    h("table", { class: "trends", id: "trends" },
      h("thead", {}, h("tr", {}, ["Dimension", "Trend", "Latest", "Change"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, rows)));
}
