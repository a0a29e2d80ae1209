import { h, mount, errorBox } from "../dom.js";
import { demoOffer } from "./demo.js";
import { exportPanel } from "./export.js";

export async function renderTeams({ main, api }) {
  const status = h("div", { class: "status", role: "status", "aria-live": "polite" });
  const list = h("ul", { class: "team-list", id: "team-list" });

  async function refresh() {
    let teams;
    try {
      teams = await api.teamsList();
    } catch (error) {
      mount(list, h("li", {}, errorBox(error)));
      return;
    }
    if (teams.length === 0) {
      mount(list, h("li", { class: "muted" }, "No teams yet. Create the first one above."), h("li", {}, demoOffer(api, refresh)));
      return;
    }
    mount(list, teams.map((team) => teamRow(team)));
  }

  function show(message, isError) {
    mount(status, message ? h("p", { class: isError ? "notice notice-error" : "notice notice-ok", role: isError ? "alert" : undefined }, message) : null);
  }

  function teamRow(team) {
    const li = h("li", { class: "team", dataset: { teamId: team.id } });
    const view = () =>
      mount(li,
        h("a", { class: "team-name", href: `#/team/${team.id}`, dataset: { team: team.id } }, team.name),
        h("button", { type: "button", class: "button-secondary", "aria-label": `Rename ${team.name}`, onclick: edit }, "Rename"));
    const edit = () => {
      const input = h("input", { type: "text", value: team.name, "aria-label": `New name for ${team.name}`, maxlength: 100, required: true });
      const form = h("form", { class: "inline-form", onsubmit: async (event) => {
        event.preventDefault();
        try {
          const renamed = await api.teamRename(team.id, input.value);
          show(`Renamed to “${renamed.name}”.`, false);
          await refresh();
        } catch (error) {
          show(error.message, true);
          input.focus();
        }
      } },
        input,
        h("button", { type: "submit" }, "Save"),
        h("button", { type: "button", class: "button-secondary", onclick: () => { view(); show(""); } }, "Cancel"));
      mount(li, form);
      input.focus();
      input.select();
    };
    view();
    return li;
  }

  const nameInput = h("input", { id: "new-team-name", type: "text", maxlength: 100, required: true, autocomplete: "off" });
  const createForm = h("form", { class: "inline-form", id: "create-team", onsubmit: async (event) => {
    event.preventDefault();
    try {
      const team = await api.teamCreate(nameInput.value);
      nameInput.value = "";
      show(`Team “${team.name}” created.`, false);
      await refresh();
    } catch (error) {
      show(error.message, true);
    }
    nameInput.focus();
  } },
    h("label", { for: "new-team-name" }, "New team name"),
    nameInput,
    h("button", { type: "submit" }, "Create team"));

  mount(main,
    h("h1", {}, "Teams"),
    h("p", { class: "lead" }, "Each team assesses itself and keeps its own history. Names are unique; letters of any alphabet are fine."),
    createForm,
    status,
    h("h2", {}, "Your teams"),
    list,
    exportPanel(api, { assessmentId: null, title: "Leadership report",
      lead: "One PDF comparing every team's latest completed assessment: a heatmap of dimensions by team, each team's level and largest gaps, then a page per team.",
      button: "Export leadership report" }));
  await refresh();
  main.focus();
}
