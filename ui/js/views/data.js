// "Your data" (#/data): export everything or one team (JSON), the scores as CSV, import a file,
// back up now, restore from a file or from an automatic backup. Every rule (what is exported,
// how an import refuses conflicts, how a restore checks the file and keeps the old database)
// is the store's; this view picks, confirms and reports.

import { h, mount } from "../dom.js";
import { trashPanel } from "./delete.js";

const KIND_LABELS = {
  questionnaires: "Questionnaire versions",
  teams: "Teams",
  learners: "Learners",
  quiz_results: "Knowledge-check results",
  chapter_reads: "Chapters read",
  assessments: "Assessments",
  plans: "Improvement plans",
  workshops: "Workshops",
  workshop_teams: "Teams at workshops",
  settings: "Settings",
};

function when(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

function size(bytes) {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function startupText(s) {
  switch (s.outcome) {
    case "written": return `An automatic backup was taken when the app started: ${s.path}`;
    case "unchanged": return "Nothing had changed since the newest automatic backup, so none was taken at start-up.";
    case "empty": return "The database was empty at start-up, so no automatic backup was taken.";
    case "failed": return `The automatic backup at start-up failed: ${s.message}`;
    case "read-only": return "No automatic backup was taken: the database's folder is read-only.";
    default: return "No automatic backup was taken: the database did not open.";
  }
}

export async function renderData({ main, api }) {
  const [overview, teams] = await Promise.all([api.dataOverview(), api.teamsList().catch(() => [])]);
  const status = h("div", { class: "status data-status", id: "data-status", role: "status", "aria-live": "polite" });
  // A refused import's questions stand beside the status, not in it: a status region is read
  // out whole whenever anything in it changes, and a question's note changes as people choose.
  const asking = h("div", { id: "data-asking" });

  function show(...content) {
    mount(asking);
    mount(status, ...content);
    status.scrollIntoView?.({ block: "center" });
  }

  function failed(error) {
    // Import and restore errors list one problem per line: keep the lines.
    show(h("div", { class: "notice notice-error data-problems", role: "alert" }, error.message ?? String(error)));
  }

  function ok(...content) {
    show(h("div", { class: "notice notice-ok", id: "data-result" }, ...content));
  }

  // Buttons are disabled while a dialog or a write is under way. Work that runs past a second
  // (a big backup, import or restore) says so; the rest of the app stays usable meanwhile.
  async function busy(button, working, task) {
    button.disabled = true;
    const slow = setTimeout(() => show(h("p", { class: "notice data-working", id: "data-working", "aria-busy": "true" },
      h("span", { class: "spinner", "aria-hidden": "true" }), ` ${working} You can keep using the app meanwhile.`)), 1000);
    try {
      await task();
    } catch (error) {
      failed(error);
    } finally {
      clearTimeout(slow);
      document.getElementById("data-working")?.remove();
      button.disabled = false;
    }
  }

  // ---- Export ---------------------------------------------------------------------------
  const scope = h("select", { id: "data-scope" },
    h("option", { value: "" }, "Everything"),
    teams.map((t) => h("option", { value: String(t.id) }, `Only ${t.name}`)));
  const teamId = () => (scope.value === "" ? null : Number(scope.value));

  const exportJson = h("button", { type: "button", id: "data-export-json", onclick: () => busy(exportJson, "Exporting…", async () => {
    const done = await api.dataExport(teamId(), false);
    if (done) ok(`Exported ${done.summary} to `, h("code", {}, done.path), ".");
  }) }, "Export to JSON…");
  const exportCsv = h("button", { type: "button", class: "button-secondary", id: "data-export-csv", onclick: () => busy(exportCsv, "Exporting the scores…", async () => {
    const done = await api.dataExport(teamId(), true);
    if (done) ok(`Wrote ${done.summary} to `, h("code", {}, done.path), ".");
  }) }, "Export scores to CSV…");

  // ---- Import ---------------------------------------------------------------------------
  function imported(done) {
    const rows = done.report.counts.filter((c) => c.added || c.skipped);
    const added = rows.reduce((n, c) => n + c.added, 0);
    ok(
      h("p", {}, added ? `Imported ${added} new record(s) from ` : "Nothing new in ", h("code", {}, done.path), "."),
      h("table", { class: "data-counts", id: "data-import-counts" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Kind"), h("th", { scope: "col" }, "Added"), h("th", { scope: "col" }, "Already here"))),
        h("tbody", {}, rows.map((c) => h("tr", { dataset: { kind: c.kind } },
          h("th", { scope: "row" }, KIND_LABELS[c.kind] ?? c.kind), h("td", {}, String(c.added)), h("td", {}, String(c.skipped)))))),
    );
  }

  // Imports (again, with `choices`); a refused import whose clashes a choice can settle asks.
  async function runImport(choices) {
    try {
      const done = await api.dataImport(choices);
      if (done) imported(done);
    } catch (error) {
      if (error?.kind !== "conflict" || !error.clashes) throw error;
      mount(status);
      mount(asking, clashForm(error));
      asking.scrollIntoView?.({ block: "start" });
      document.querySelector("#data-clashes input")?.focus();
    }
  }

  // A note under a question (or the settings tick): empty until an import with the choices finds
  // something missing there; from then on it follows the person's choice as it is made, so a
  // prompt never outlives the choice that answers it. Each note is a polite live region of its
  // own (screen readers hear the new text), and is only written when its text changes.
  function clashNote(id) {
    const text = h("span", { class: "clash-note-text" });
    const note = h("p", { class: "field-error clash-note", id, "aria-live": "polite" },
      h("span", { class: "clash-note-mark", "aria-hidden": "true" }), text);
    return {
      el: note,
      told: false,
      // `problem`: whether the text asks for something (shown as such) or reflects a choice.
      say(words, problem) {
        this.told = true;
        if (text.textContent === words) return;
        note.classList.toggle("clash-chosen", !problem);
        note.firstChild.textContent = problem ? "" : "✓ ";
        text.textContent = words;
      },
    };
  }

  // One question per clashing name: the same team (its records join the stored one) or
  // another team (imported under a new name). Nothing is chosen for the person.
  function clashForm(error) {
    const { teams, groups, settings } = error.clashes;
    const asked = [];
    // What a question's note says for the choice as it stands: [text, whether it asks for something].
    const verdict = (q) => {
      if (q.same.checked) return [`Chosen: the same ${q.kind}.`, false];
      if (q.other.checked && q.rename.value.trim()) return [`Chosen: another ${q.kind}, under the name above.`, false];
      if (q.other.checked) return [`Type the name to import this ${q.kind} under.`, true];
      return [`Choose: the same ${q.kind}, or another one.`, true];
    };
    const follow = (q) => { if (q.note.told) q.note.say(...verdict(q)); };
    const question = (kind, name, i) => {
      const id = `clash-${kind}-${i}`;
      const q = { kind, name, note: clashNote(`${id}-error`) };
      q.rename = h("input", { type: "text", id: `${id}-name`, "data-limit": 100, disabled: true, value: `${name} (2)`,
        "aria-label": `New name for the ${kind} “${name}” from the file`, oninput: () => follow(q), onchange: () => follow(q) });
      q.same = h("input", { type: "radio", name: id, value: "map", id: `${id}-map`, onchange: () => { q.rename.disabled = true; follow(q); } });
      q.other = h("input", { type: "radio", name: id, value: "rename", id: `${id}-rename`, onchange: () => { q.rename.disabled = false; q.rename.focus(); follow(q); } });
      asked.push(q);
      return h("fieldset", { class: "clash", id, "aria-describedby": `${id}-error` },
        h("legend", {}, `${kind === "team" ? "Team" : "Group"} “${name}”`),
        h("label", { for: q.same.id }, q.same, ` The same ${kind}: add the file’s records to the one stored here`),
        h("label", { for: q.other.id }, q.other, ` Another ${kind}: import it as`), q.rename, q.note.el);
    };
    const keepNote = clashNote("clash-keep-settings-error");
    const keepVerdict = () => (keep.checked
      ? ["Chosen: the settings stored here stay.", false]
      : ["Tick this to import: otherwise the file’s settings would replace yours.", true]);
    const keep = settings.length ? h("input", { type: "checkbox", id: "clash-keep-settings",
      onchange: () => { if (keepNote.told) keepNote.say(...keepVerdict()); } }) : null;
    const go = h("button", { type: "button", id: "data-import-again", onclick: () => busy(go, "Importing with your choices…", async () => {
      const choices = { map_teams: [], rename_teams: [], map_groups: [], rename_groups: [], keep_settings: !!keep?.checked };
      let first = null;
      for (const q of asked) {
        const [words, problem] = verdict(q);
        // A question that is answered says nothing, unless it was asked before.
        if (problem || q.note.told) q.note.say(words, problem);
        if (problem && !first) first = q.other.checked ? q.rename : q.same;
        if (q.same.checked) choices[q.kind === "team" ? "map_teams" : "map_groups"].push(q.name);
        else if (!problem) choices[q.kind === "team" ? "rename_teams" : "rename_groups"].push([q.name, q.rename.value.trim()]);
      }
      if (keep) {
        const [words, problem] = keepVerdict();
        if (problem || keepNote.told) keepNote.say(words, problem);
        if (problem && !first) first = keep;
      }
      if (first) { first.focus(); return; }
      await runImport(choices);
    }) }, "Import with these choices");
    return h("div", { class: "notice notice-error data-clashes", id: "data-clashes", role: "group", "aria-labelledby": "data-clashes-title" },
      h("h2", { id: "data-clashes-title" }, "Nothing was imported: some names are already used here"),
      h("p", {}, "Another office may have created a team or group of the same name. Say for each whether it is the same one or another one; the file is read again with your choices, and still nothing is written unless all of it fits."),
      teams.map((name, i) => question("team", name, i)),
      groups.map((name, i) => question("group", name, i)),
      keep ? h("div", { class: "clash" }, h("label", { for: keep.id }, keep, ` Keep the settings stored here (the file has other values for ${settings.join(", ")})`), keepNote.el) : null,
      h("details", {}, h("summary", {}, "Everything the import found"), h("div", { class: "data-problems" }, error.message)),
      h("div", { class: "data-actions" }, go));
  }

  const importButton = h("button", { type: "button", id: "data-import", onclick: () => busy(importButton, "Importing: every record is checked before anything is written…", () => runImport(null)) }, "Import a JSON file…");

  // ---- Backup and restore ---------------------------------------------------------------
  const backupButton = h("button", { type: "button", id: "data-backup", onclick: () => busy(backupButton, "Backing up the database…", async () => {
    const done = await api.dataBackup();
    if (done) ok("Backed up to ", h("code", {}, done.path), ".");
  }) }, "Back up now…");

  const confirmBox = h("div", { class: "data-confirm", id: "data-confirm", hidden: true });
  // Asks before replacing the database; `automatic` is an automatic backup's path or null.
  function confirmRestore(automatic, label) {
    const go = h("button", { type: "button", class: "button-danger", id: "data-restore-confirm", onclick: () => busy(go, "Restoring: the backup is checked, then copied in…", async () => {
      const done = await api.dataRestore(automatic);
      confirmBox.hidden = true;
      if (!done) return;
      await renderData({ main, api });
      // The page was drawn again from the restored database; report there, where it shows.
      const again = document.getElementById("data-status");
      mount(again, h("div", { class: "notice notice-ok", id: "data-result" },
        "Restored ", h("code", {}, done.restored_from), ".",
        done.previous ? h("span", {}, " The database it replaced is kept as ", h("code", {}, done.previous), ".") : null));
      again.scrollIntoView?.({ block: "center" });
    }) }, automatic ? "Restore this backup" : "Choose the backup and restore");
    mount(confirmBox,
      h("h3", {}, "Replace everything with a backup?"),
      h("p", {}, `Restoring ${label} replaces all teams, assessments, plans and progress in the app with what the backup holds. `,
        "Nothing is lost: the current database is first copied next to it, with “before-restore” and today’s date and time in its name, so you can go back."),
      h("p", { class: "muted" }, "The backup is checked before anything is replaced; a damaged or foreign file changes nothing."),
      h("div", { class: "data-actions" }, go,
        h("button", { type: "button", class: "button-secondary", onclick: () => { confirmBox.hidden = true; } }, "Cancel")));
    confirmBox.hidden = false;
    go.focus();
  }
  const restoreButton = h("button", { type: "button", class: "button-secondary", id: "data-restore", onclick: () => confirmRestore(null, "from a file") }, "Restore from a file…");

  const backups = overview.backups.length
    ? h("table", { class: "data-backups", id: "data-backups" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Taken"), h("th", { scope: "col" }, "Size"), h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Action")))),
        h("tbody", {}, overview.backups.map((b) => h("tr", {},
          h("td", {}, h("time", { datetime: b.taken_at }, when(b.taken_at))),
          h("td", {}, size(b.bytes)),
          h("td", {}, h("button", { type: "button", class: "button-secondary", "aria-label": `Restore the backup of ${when(b.taken_at)}`,
            onclick: () => confirmRestore(b.path, `the automatic backup of ${when(b.taken_at)}`) }, "Restore"))))))
    : h("p", { class: "muted", id: "data-backups-none" }, "No automatic backup yet: one is taken each time the app starts with data in it.");

  mount(main,
    h("article", { class: "page data-page" },
      h("h1", {}, "Your data"),
      h("p", { class: "lead" }, "Everything you enter stays in one file on this computer",
        overview.db_path ? [": ", h("code", { id: "data-db-path" }, overview.db_path)] : "", "."),
      status,
      asking,
      // Names stored before they were compared in every Unicode form (see README): twins to rename.
      overview.name_clashes.length
        ? h("div", { class: "notice", id: "data-name-clashes" },
          h("p", {}, "Some names were stored twice in forms that look alike. Both are kept; rename all but one:"),
          h("ul", {}, overview.name_clashes.map((c) => h("li", {}, c))))
        : null,
      h("section", { class: "data-section", "aria-labelledby": "data-export-title" },
        h("h2", { id: "data-export-title" }, "Export"),
        h("p", {}, "A JSON file holds teams, assessments with every answer and comment, targets, DORA answers, plans, workshops, learners and their knowledge checks. Another copy of the app can import it. The CSV file has one row per assessment and dimension for spreadsheets."),
        h("div", { class: "data-actions" }, h("label", { for: "data-scope" }, "What to export"), scope, exportJson, exportCsv)),
      h("section", { class: "data-section", "aria-labelledby": "data-import-title" },
        h("h2", { id: "data-import-title" }, "Import"),
        h("p", {}, "The whole file is checked first. Records that are already here are skipped, never doubled. If anything in the file differs from what is stored, nothing is imported and every difference is listed, so your data is never overwritten."),
        h("div", { class: "data-actions" }, importButton)),
      h("section", { class: "data-section", "aria-labelledby": "data-backup-title" },
        h("h2", { id: "data-backup-title" }, "Backups"),
        h("p", {}, "A backup is a complete copy of the database, taken safely while the app runs."),
        h("div", { class: "data-actions" }, backupButton, restoreButton),
        confirmBox,
        h("h3", {}, "Automatic backups"),
        h("p", { class: "muted" }, `The app keeps the last ${overview.keep} in `, h("code", {}, overview.backups_dir ?? "—"), ". ", startupText(overview.startup_backup)),
        backups),
      trashPanel(api)));
}

