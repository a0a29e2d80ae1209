// #/workshops: the facilitator's workshops, most recent day first, and the form that creates
// one. A new workshop takes the Agenda page's current settings as the plan of its day.

import { h, mount, errorBox } from "../dom.js";
import { deleteButton } from "./delete.js";

/** Today as YYYY-MM-DD in local time (the form's default date). */
function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export async function renderWorkshops({ main, api }) {
  const list = await api.workshopsList();
  const status = h("div", { role: "status", "aria-live": "polite" });
  const field = (id, label, attrs = {}) =>
    h("p", { class: "field" }, h("label", { for: id }, label), h("input", { id, name: id, ...attrs }));

  const form = h("form", { id: "create-workshop", class: "card workshop-form" },
    h("h2", {}, "New workshop"),
    field("workshop-name", "Name", { required: true, "data-limit": 100, placeholder: "Maturity day, Hamburg office", autocomplete: "off" }),
    field("workshop-date", "Date", { type: "date", required: true, value: today() }),
    field("workshop-facilitator", "Facilitator", { "data-limit": 100, autocomplete: "off" }),
    field("workshop-organisation", "Organisation", { "data-limit": 100, autocomplete: "off" }),
    h("p", { class: "muted small" }, "The day's agenda is copied from the Agenda page as it is set now; you can copy it again later."),
    h("button", { type: "submit" }, "Create workshop"),
    status);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = (id) => form.querySelector(`#${id}`).value.trim();
    try {
      const w = await api.workshopCreate({
        name: value("workshop-name"),
        heldOn: value("workshop-date"),
        facilitator: value("workshop-facilitator"),
        organisation: value("workshop-organisation"),
      });
      location.hash = `#/workshop/${w.id}`;
    } catch (error) {
      mount(status, errorBox(error));
    }
  });

  mount(main,
    h("h1", {}, "Workshops"),
    h("p", { class: "lead" }, "A workshop is a facilitated day: several teams, each answering the questionnaire in turn on this computer, then discussing where their answers differ and agreeing a level."),
    list.length
      ? h("table", { class: "workshop-list", id: "workshop-list" },
          h("thead", {}, h("tr", {}, ["Workshop", "Date", "Organisation", "Facilitator", "Teams", "People"].map((t) => h("th", { scope: "col" }, t)),
            h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Action")))),
          h("tbody", {}, list.map((s) => h("tr", { dataset: { workshop: s.workshop.id } },
            h("th", { scope: "row" }, h("a", { href: `#/workshop/${s.workshop.id}`, class: "workshop-name" }, s.workshop.name)),
            h("td", {}, s.workshop.held_on),
            h("td", {}, s.workshop.organisation ?? "—"),
            h("td", {}, s.workshop.facilitator ?? "—"),
            h("td", { class: "num" }, String(s.teams)),
            h("td", { class: "num" }, String(s.respondents)),
            h("td", {}, deleteButton(api, { kind: "workshop", id: s.workshop.id }, {
              label: s.workshop.name, onChange: () => renderWorkshops({ main, api }) }))))))
      : h("p", { class: "muted", id: "workshop-list" }, "No workshop yet."),
    form);
  main.focus();
}
