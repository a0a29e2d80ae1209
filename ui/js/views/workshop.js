// #/workshop/ID and its sub-pages:
//   #/workshop/ID                    the day: details, agenda, teams with who has finished
//   #/workshop/ID/answer/A           team A's hand-round (the assessment wizard, one person at a
//                                    time, a hand-over screen between people)
//   #/workshop/ID/discuss/A[/QID]    silent vote → reveal → consensus (workshop-discuss.js)
// Progress and scores come from Rust; this view only lays them out.

import { h, mount, errorBox, minutes } from "../dom.js";
import { deleteButton } from "./delete.js";
import { renderAssess } from "./assess.js";
import { renderDiscussion } from "./workshop-discuss.js";

export async function renderWorkshopRoute(ctx, [id, page, assessmentId, questionId]) {
  if (page === "answer") {
    await renderAssess(ctx, assessmentId, {
      crumbs: await workshopCrumbs(ctx.api, id),
      onAllAnswered: () => { location.hash = `#/workshop/${id}`; },
    });
  } else if (page === "discuss") {
    await renderDiscussion(ctx, Number(id), Number(assessmentId), questionId);
  } else {
    await renderWorkshop(ctx, Number(id));
  }
}

async function workshopCrumbs(api, id) {
  const view = await api.workshopGet(Number(id));
  return [["#/workshops", "Workshops"], [`#/workshop/${id}`, view.workshop.name]];
}

const MAX_PEOPLE = 30;

async function renderWorkshop({ main, api }, id) {
  const [view, teams] = await Promise.all([api.workshopGet(id), api.teamsList()]);
  const w = view.workshop;
  const status = h("div", { role: "status", "aria-live": "polite", id: "workshop-status" });
  const show = (error) => mount(status, error ? errorBox(error) : null);
  const rerender = () => renderWorkshop({ main, api }, id).catch(show);

  mount(main,
    h("p", { class: "breadcrumb" }, h("a", { href: "#/workshops" }, "Workshops"), " / ", w.name),
    h("h1", { id: "workshop-title" }, w.name),
    h("p", { class: "muted", id: "workshop-meta" },
      [w.held_on, w.organisation, w.facilitator ? `facilitator ${w.facilitator}` : null].filter(Boolean).join(" · ")),
    h("p", { class: "workshop-links" }, h("a", { class: "button-secondary button", href: `#/practice/${w.id}`, dataset: { action: "practice" } }, "EJ Airways practice round"), " ", h("a", { class: "button-secondary button", href: `#/dashboard/${w.id}`, dataset: { action: "dashboard" } }, "Projector dashboard"), " ", h("a", { class: "button", href: `#/live/${w.id}`, dataset: { action: "live" } }, "Start live session")),
    status,
    teamsSection(view, api, rerender),
    addTeamForm(view, teams, api, rerender, show),
    agendaSection(view),
    detailsForm(w, api, rerender, show),
    h("section", { class: "workshop-howto" },
      h("h2", {}, "How the day runs"),
      h("ol", {},
        h("li", {}, "Each team's people answer in turn on this computer (“Answer in turn”). A hand-over screen between people hides what the previous person chose."),
        h("li", {}, "“Discuss” lists the team's questions with the widest spread of answers first. Collect any missing votes, reveal the distribution on the projector, talk it through, and record the level the group agrees with its reason."),
        h("li", {}, "The agreed level is what scores; the original answers and their spread stay beside it in the results."),
        h("li", {}, "Set targets and complete the team's assessment when the discussion is over."))));
  main.focus();
}

function teamsSection(view, api, rerender) {
  if (!view.teams.length) {
    return h("section", { id: "workshop-teams" }, h("h2", {}, "Teams"), h("p", { class: "muted" }, "No team yet: add the first one below."));
  }
  return h("section", { id: "workshop-teams", class: "wide" },
    h("h2", {}, "Teams"),
    h("div", { class: "workshop-team-grid" }, view.teams.map((t) => {
      const done = t.respondents.filter((r) => r.finished).length;
      const frozen = t.status === "completed";
      return h("article", { class: "card workshop-team", dataset: { team: t.team_id, assessment: t.assessment_id } },
        h("h3", { class: "workshop-team-name" }, t.team_name),
        h("p", { class: "muted small team-progress" },
          `${done} of ${t.respondents.length} finished · ${t.agreed} agreed level${t.agreed === 1 ? "" : "s"}`,
          frozen ? " · completed" : ""),
        h("ul", { class: "plain-list respondent-status" }, t.respondents.map((r) =>
          h("li", { dataset: { respondent: r.position, state: r.finished ? "finished" : r.answered ? "answering" : "waiting" } },
            h("span", { class: "person-state" }, r.finished ? "✓ finished" : r.answered ? `● ${r.answered} of ${view.questions[t.assessment_id]}` : "○ waiting"),
            " ", r.name))),
        h("p", { class: "workshop-actions" },
          frozen || done === t.respondents.length ? null
            : h("a", { class: "button", href: `#/workshop/${view.workshop.id}/answer/${t.assessment_id}`, dataset: { action: "answer" } }, done ? "Continue answering in turn" : "Answer in turn"),
          " ",
          h("a", { class: "button", href: `#/workshop/${view.workshop.id}/discuss/${t.assessment_id}`, dataset: { action: "discuss" } }, "Discuss"),
          " ",
          h("a", { class: "button-secondary button", href: `#/results/${t.assessment_id}`, dataset: { action: "results" } }, "Results"),
          " ",
          frozen ? null : h("a", { class: "button-secondary button", href: `#/assess/${t.assessment_id}`, dataset: { action: "complete" } }, "Targets and completion"),
          " ",
          deleteButton(api, { kind: "workshop-team", id: t.id }, { label: `${t.team_name} from this workshop`, text: "Remove", onChange: rerender })));
    })));
}

function addTeamForm(view, teams, api, rerender, show) {
  const taken = new Set(view.teams.map((t) => t.team_id));
  const choice = h("select", { id: "workshop-team-choice" },
    h("option", { value: "" }, "A new team…"),
    teams.filter((t) => !taken.has(t.id)).map((t) => h("option", { value: t.id }, t.name)));
  const newName = h("input", { id: "workshop-team-name", "data-limit": 100, autocomplete: "off", placeholder: "Team name" });
  const newNameField = h("p", { class: "field" }, h("label", { for: "workshop-team-name" }, "New team's name "), newName);
  choice.addEventListener("change", () => { newNameField.hidden = choice.value !== ""; });
  const count = h("input", { id: "workshop-team-size", type: "number", min: 1, max: MAX_PEOPLE, value: 3, class: "count-input" });
  const names = h("ol", { class: "respondent-names", id: "workshop-respondent-names" });
  const drawNames = () => {
    const n = Math.max(1, Math.min(MAX_PEOPLE, Number(count.value) || 1));
    const old = [...names.querySelectorAll("input")].map((i) => i.value);
    mount(names, Array.from({ length: n }, (_, i) =>
      h("li", {}, h("input", { id: `workshop-respondent-${i}`, "data-limit": 100, autocomplete: "off", value: old[i] ?? "",
        placeholder: `Respondent ${i + 1}`, "aria-label": `Name of person ${i + 1} (optional)` }))));
  };
  count.addEventListener("input", drawNames);
  drawNames();
  const form = h("form", { id: "workshop-add-team", class: "card workshop-form" },
    h("h2", {}, "Add a team"),
    h("p", { class: "field" }, h("label", { for: "workshop-team-choice" }, "Team "), choice),
    newNameField,
    h("p", { class: "field" }, h("label", { for: "workshop-team-size" }, "People answering "), count),
    h("p", { class: "muted small" }, "Names are optional: a blank name stays anonymous as “Respondent N”. People answer in this order."),
    names,
    h("button", { type: "submit" }, "Add team"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const respondents = [...names.querySelectorAll("input")].map((i) => i.value.trim());
    const team = choice.value ? { id: Number(choice.value) } : { name: newName.value.trim() };
    try {
      await api.workshopTeamAdd(view.workshop.id, team, respondents);
      await rerender();
    } catch (error) {
      show(error);
    }
  });
  return form;
}

function agendaSection(view) {
  const day = view.agenda;
  if (!day) return null;
  return h("section", { id: "workshop-agenda" },
    h("h2", {}, "The day"),
    h("p", { class: "muted" }, `${day.start}–${day.end} · ${minutes(day.teaching_minutes)} of sessions and activities`,
      day.edited ? " · adjusted from the course agenda" : ""),
    h("details", {},
      h("summary", {}, "Agenda"),
      h("table", { class: "agenda-table" },
        h("tbody", {}, day.blocks.filter((b) => b.enabled).map((b) =>
          h("tr", {}, h("td", { class: "agenda-time" }, `${b.start}–${b.end}`), h("td", {}, b.title)))))));
}

function detailsForm(w, api, rerender, show) {
  const field = (id, label, value, attrs = {}) =>
    h("p", { class: "field" }, h("label", { for: id }, label), h("input", { id, value: value ?? "", "data-limit": 100, autocomplete: "off", ...attrs }));
  const takeAgenda = h("input", { type: "checkbox", id: "workshop-take-agenda" });
  const form = h("form", { id: "workshop-details", class: "workshop-form" },
    field("workshop-edit-name", "Name", w.name, { required: true }),
    field("workshop-edit-date", "Date", w.held_on, { type: "date", required: true }),
    field("workshop-edit-facilitator", "Facilitator", w.facilitator),
    field("workshop-edit-organisation", "Organisation", w.organisation),
    h("p", {}, h("label", { class: "option-inline", for: "workshop-take-agenda" }, takeAgenda, " Copy the Agenda page's current settings as this day's agenda")),
    h("button", { type: "submit" }, "Save details"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = (id) => form.querySelector(`#${id}`).value.trim();
    try {
      await api.workshopUpdate(w.id, {
        name: value("workshop-edit-name"),
        heldOn: value("workshop-edit-date"),
        facilitator: value("workshop-edit-facilitator"),
        organisation: value("workshop-edit-organisation"),
      }, takeAgenda.checked);
      await rerender();
    } catch (error) {
      show(error);
    }
  });
  return h("details", { class: "workshop-edit" }, h("summary", {}, "Edit the workshop's details"), form);
}
