// The "Export PDF" panel: paper size and organisation (both remembered), whether answers are
// shown with names (off each time: a choice made for one audience), then the native save
// dialog opened from Rust, then an offer to open the file. Used on the results page (a team's
// report) and the teams page (the leadership overview). The report itself is built in Rust.

import { h, mount } from "../dom.js";

/**
 * `assessmentId`: the completed assessment to report on, or null for the leadership overview.
 */
export function exportPanel(api, { assessmentId, title, lead, button }) {
  const prefix = assessmentId === null ? "leadership" : "report";
  const status = h("div", { class: "export-status", id: `${prefix}-export-status`, role: "status", "aria-live": "polite" });
  const organisation = h("input", { type: "text", id: `${prefix}-organisation`, maxlength: 200, autocomplete: "organization" });
  const paper = h("select", { id: `${prefix}-paper` },
    h("option", { value: "a4" }, "A4"),
    h("option", { value: "letter" }, "US Letter"));
  const names = h("input", { type: "checkbox", id: `${prefix}-names` });
  const submit = h("button", { type: "submit", id: `${prefix}-export` }, button);
  // The leadership overview's own choices: which groups, a summary without team pages, order.
  const leadership = assessmentId === null;
  const summary = h("input", { type: "checkbox", id: "leadership-summary" });
  const sort = h("select", { id: "leadership-sort" },
    h("option", { value: "name" }, "by name"),
    h("option", { value: "level" }, "by level, lowest first"),
    h("option", { value: "gap" }, "by gap to target, largest first"));
  const groupBoxes = h("span", { class: "export-groups", id: "leadership-groups" });
  if (leadership) {
    api.groupsList().then(({ word, groups }) => {
      if (!groups.length) return;
      mount(groupBoxes, h("span", { class: "muted" }, `Only these (${word}; none ticked: every team): `),
        groups.map((g) => h("label", { class: "toggle" }, h("input", { type: "checkbox", value: g.id }), g.name)));
    }).catch(() => { /* every team */ });
  }

  // The saved choices fill the fields until the user changes them (the organisation may be
  // saved after this panel was drawn, e.g. by creating the demo on the same page).
  let touched = false;
  organisation.addEventListener("input", () => { touched = true; });
  paper.addEventListener("change", () => { touched = true; });
  const load = () => api.reportSettings().then((s) => {
    if (touched) return;
    paper.value = s.paper;
    organisation.value = s.organisation;
  }).catch(() => { /* defaults stay: A4, no organisation */ });
  load();

  const show = (...children) => mount(status, ...children);
  const form = h("form", { class: "export-form", onsubmit: async (event) => {
    event.preventDefault();
    submit.disabled = true;
    await load();
    show(h("p", { class: "muted export-working", "aria-busy": "true" }, h("span", { class: "spinner", "aria-hidden": "true" }),
      " Preparing the report… choose where to save it in the dialog."));
    try {
      const choice = leadership ? {
        summary: summary.checked,
        sort: sort.value,
        groups: [...groupBoxes.querySelectorAll("input:checked")].map((b) => Number(b.value)),
      } : null;
      const saved = await api.reportExport(assessmentId, paper.value, organisation.value, names.checked, choice);
      if (!saved) {
        show(h("p", { class: "muted" }, "Not saved: the dialog was cancelled."));
        return;
      }
      const problem = h("div", { class: "export-open-problem" });
      const open = h("button", { type: "button", class: "button-secondary", id: `${prefix}-open`, onclick: async () => {
        mount(problem);
        try {
          await api.reportOpen();
        } catch (error) {
          mount(problem, h("p", { class: "notice notice-error", role: "alert" }, error.message));
        }
      } }, "Open the PDF");
      // Text no installed font can show still prints, as empty boxes: say which.
      const warnings = saved.warnings.length === 0 ? [] : [
        h("div", { class: "notice notice-error export-warnings", id: `${prefix}-export-warnings`, role: "alert" },
          h("p", {}, "Some text could not be shown in the PDF:"),
          h("ul", {}, ...saved.warnings.map((w) => h("li", {}, w))))];
      show(h("p", { class: "notice notice-ok export-saved" },
        "Saved to ", h("span", { class: "export-path" }, saved.path), ` (${Math.ceil(saved.bytes / 1024)} KB). `, open),
        ...warnings,
        problem);
    } catch (error) {
      // Nothing half-written is left behind: the file is written to a temporary name first.
      show(h("p", { class: "notice notice-error", role: "alert" }, `The report was not saved: ${error.message}`));
    } finally {
      submit.disabled = false;
    }
  } },
    h("label", { for: `${prefix}-organisation` }, "Organisation (on the cover)"),
    organisation,
    h("label", { for: `${prefix}-paper` }, "Paper"),
    paper,
    h("span", { class: "export-names" }, names,
      h("label", { for: `${prefix}-names` }, "Show who gave which answer (otherwise: how many people per answer)")),
    leadership ? h("span", { class: "export-names" }, summary,
      h("label", { for: "leadership-summary" }, "Summary only: the organisation and the table, no page per team")) : null,
    leadership ? h("label", { for: "leadership-sort" }, "Teams in order") : null,
    leadership ? sort : null,
    leadership ? groupBoxes : null,
    submit);

  return h("section", { class: "export-panel card", id: `${prefix}-export-panel`, "aria-labelledby": `${prefix}-export-title` },
    h("h2", { id: `${prefix}-export-title` }, title),
    h("p", { class: "muted" }, lead),
    form,
    status);
}
