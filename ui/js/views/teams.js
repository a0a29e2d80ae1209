import { h, mount, errorBox } from "../dom.js";
import { demoOffer } from "./demo.js";
import { exportPanel } from "./export.js";
import { confirmDelete, deleteButton } from "./delete.js";

// Words an organisation often uses for one level of grouping above teams.
const GROUP_WORDS = ["group", "business unit", "value stream", "department", "tribe", "product area"];

export async function renderTeams({ main, api }) {
  const status = h("div", { class: "status", role: "status", "aria-live": "polite" });
  const list = h("div", { id: "team-list" });
  const groupsPanel = h("section", { class: "groups-panel", id: "groups-panel", "aria-labelledby": "groups-heading" });
  let word = "group";
  let groups = [];

  async function refresh() {
    let teams;
    try {
      [teams, { word, groups }] = await Promise.all([api.teamsList(), api.groupsList()]);
    } catch (error) {
      mount(list, errorBox(error));
      return;
    }
    renderGroupsPanel();
    await refreshDemo();
    if (teams.length === 0) {
      mount(list, h("p", { class: "muted" }, "No teams yet. Create the first one above."), demoOffer(api, refresh));
      return;
    }
    // Teams come in natural order (Team 2 before Team 10); each group keeps that order.
    const sections = groups.map((group) => ({ group, teams: teams.filter((t) => t.group_id === group.id) }));
    const loose = teams.filter((t) => t.group_id === null || !groups.some((g) => g.id === t.group_id));
    mount(list,
      sections.map(({ group, teams }) => teamSection(group.name, teams, group.id)),
      loose.length || groups.length === 0
        ? teamSection(groups.length ? `No ${word}` : null, loose, null)
        : null);
  }

  // "Remove the demo organisation", while its teams are here: one action for all of them.
  const demo = h("div", { id: "demo-remove" });
  async function refreshDemo() {
    try {
      const preview = await api.deletePreview({ kind: "demo" });
      const button = h("button", { type: "button", class: "button-secondary", id: "remove-demo",
        onclick: () => confirmDelete(api, { kind: "demo" }, { onChange: refresh, returnFocus: button }) }, "Remove the demo organisation");
      mount(demo, h("p", { class: "muted small" }, `The demo data: ${preview.with.join(", ")}. `), button);
    } catch {
      mount(demo);
    }
  }

  function show(message, isError) {
    mount(status, message ? h("p", { class: isError ? "notice notice-error" : "notice notice-ok", role: isError ? "alert" : undefined }, message) : null);
  }

  function teamSection(title, teams, groupId) {
    return h("section", { class: "team-group", dataset: { groupId: groupId ?? "none" } },
      title ? h("h3", { class: "team-group-name" }, title, " ", h("span", { class: "muted" }, `(${teams.length} ${teams.length === 1 ? "team" : "teams"})`)) : null,
      teams.length
        ? h("ul", { class: "team-list" }, teams.map((team) => teamRow(team)))
        : h("p", { class: "muted" }, `No teams in this ${word} yet: move one here with its “${capital(word)}” menu.`));
  }

  function groupPicker(team) {
    const select = h("select", { "aria-label": `${capital(word)} of ${team.name}`, class: "team-group-picker", onchange: async () => {
      const groupId = select.value === "" ? null : Number(select.value);
      try {
        await api.teamMove(team.id, groupId);
        const to = groups.find((g) => g.id === groupId);
        show(to ? `“${team.name}” moved to “${to.name}”.` : `“${team.name}” now belongs to no ${word}.`, false);
        await refresh();
      } catch (error) {
        show(error.message, true);
      }
    } },
      h("option", { value: "", selected: team.group_id === null }, `No ${word}`),
      groups.map((g) => h("option", { value: g.id, selected: team.group_id === g.id }, g.name)));
    return select;
  }

  function teamRow(team) {
    const li = h("li", { class: "team", dataset: { teamId: team.id } });
    const view = () =>
      mount(li,
        h("a", { class: "team-name", href: `#/team/${team.id}`, dataset: { team: team.id } }, team.name),
        h("span", { class: "team-actions" },
          groups.length ? groupPicker(team) : null,
          h("button", { type: "button", class: "button-secondary", "aria-label": `Rename ${team.name}`, onclick: edit }, "Rename"),
          deleteButton(api, { kind: "team", id: team.id }, { label: team.name, onChange: refresh })));
    const edit = () => {
      const input = h("input", { type: "text", value: team.name, "aria-label": `New name for ${team.name}`, "data-limit": 100, required: true });
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

  function groupRow(group) {
    const li = h("li", { class: "team group-row", dataset: { groupId: group.id } });
    const view = () =>
      mount(li,
        h("span", { class: "team-name" }, group.name, " ", h("span", { class: "muted" }, `(${group.teams} ${group.teams === 1 ? "team" : "teams"})`)),
        h("span", { class: "team-actions" },
          h("button", { type: "button", class: "button-secondary", "aria-label": `Rename ${group.name}`, onclick: rename }, "Rename"),
          h("button", { type: "button", class: "button-secondary", "aria-label": `Delete ${group.name}`, onclick: confirmDelete }, "Delete")));
    const rename = () => {
      const input = h("input", { type: "text", value: group.name, "aria-label": `New name for ${group.name}`, "data-limit": 100, required: true });
      mount(li, h("form", { class: "inline-form", onsubmit: async (event) => {
        event.preventDefault();
        try {
          const renamed = await api.groupRename(group.id, input.value);
          show(`Renamed to “${renamed.name}”.`, false);
          await refresh();
        } catch (error) {
          show(error.message, true);
          input.focus();
        }
      } },
        input,
        h("button", { type: "submit" }, "Save"),
        h("button", { type: "button", class: "button-secondary", onclick: () => { view(); show(""); } }, "Cancel")));
      input.focus();
      input.select();
    };
    const confirmDelete = () => {
      const teams = group.teams === 1 ? "Its team stays" : `Its ${group.teams} teams stay`;
      const yes = h("button", { type: "button", class: "button-danger", onclick: async () => {
        try {
          await api.groupDelete(group.id);
          show(`“${group.name}” deleted.`, false);
          await refresh();
        } catch (error) {
          show(error.message, true);
        }
      } }, `Delete ${word}`);
      mount(li,
        h("span", { role: "alert" }, `Delete “${group.name}”? ${group.teams ? `${teams}, without a ${word}.` : "It has no teams."}`),
        h("span", { class: "team-actions" }, yes,
          h("button", { type: "button", class: "button-secondary", onclick: () => { view(); show(""); } }, "Cancel")));
      yes.focus();
    };
    view();
    return li;
  }

  function renderGroupsPanel() {
    const wordInput = h("input", { id: "group-word", type: "text", value: word, maxlength: 40, required: true, list: "group-words", autocomplete: "off" });
    const wordForm = h("form", { class: "inline-form", id: "group-word-form", onsubmit: async (event) => {
      event.preventDefault();
      try {
        const saved = await api.groupWordSet(wordInput.value);
        show(`Teams are now grouped by ${saved}.`, false);
        await refresh();
      } catch (error) {
        show(error.message, true);
      }
    } },
      h("label", { for: "group-word" }, "Your organisation groups teams by"),
      wordInput,
      h("datalist", { id: "group-words" }, GROUP_WORDS.map((w) => h("option", { value: w }))),
      h("button", { type: "submit", class: "button-secondary" }, "Save word"));
    const nameInput = h("input", { id: "new-group-name", type: "text", "data-limit": 100, required: true, autocomplete: "off" });
    const createForm = h("form", { class: "inline-form", id: "create-group", onsubmit: async (event) => {
      event.preventDefault();
      try {
        const group = await api.groupCreate(nameInput.value);
        show(`${capital(word)} “${group.name}” created.`, false);
        await refresh();
        document.getElementById("new-group-name")?.focus();
      } catch (error) {
        show(error.message, true);
      }
    } },
      h("label", { for: "new-group-name" }, `New ${word} name`),
      nameInput,
      h("button", { type: "submit" }, `Create ${word}`));
    mount(groupsPanel,
      h("h2", { id: "groups-heading" }, `Teams by ${word}`),
      h("p", { class: "muted" }, `A team can belong to one ${word}; the leadership report and the `,
        h("a", { href: "#/organisation", id: "organisation-link" }, "Organisation page"), " compare them."),
      wordForm,
      createForm,
      groups.length ? h("ul", { class: "team-list", id: "group-list" }, groups.map(groupRow)) : null);
  }

  const nameInput = h("input", { id: "new-team-name", type: "text", "data-limit": 100, required: true, autocomplete: "off" });
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

  // Many teams at once: a CSV file with a `team` column and optionally a `group` column.
  const csvButton = h("button", { type: "button", class: "button-secondary", id: "teams-import-csv", onclick: async () => {
    csvButton.disabled = true;
    try {
      const done = await api.teamsImportCsv();
      if (done) {
        const r = done.report;
        show(`Added ${r.teams_added} team(s) from ${done.path}; ${r.teams_skipped} already there; ${r.groups_added} new group(s).`, false);
        await refresh();
      }
    } catch (error) {
      show(error.message, true);
    } finally {
      csvButton.disabled = false;
    }
  } }, "Add teams from a CSV file…");
  const csvHelp = h("p", { class: "muted", id: "teams-import-csv-help" },
    "A CSV file with a header row: ", h("code", {}, "team"), " and, if you use groups, ", h("code", {}, "group"),
    ". All rows are checked first: a bad row is named by its line and nothing is added.");

  mount(main,
    h("h1", {}, "Teams"),
    h("p", { class: "lead" }, "Each team assesses itself and keeps its own history. Names are unique; letters of any alphabet are fine."),
    createForm,
    h("div", { class: "inline-form" }, csvButton),
    csvHelp,
    status,
    h("h2", {}, "Your teams"),
    list,
    demo,
    groupsPanel,
    exportPanel(api, { assessmentId: null, title: "Leadership report",
      lead: "One PDF comparing every team's latest completed assessment: a heatmap of dimensions by team, each team's level and largest gaps, then a page per team.",
      button: "Export leadership report" }));
  await refresh();
  main.focus();
}

function capital(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
