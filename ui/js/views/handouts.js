// The Handouts page: printable PDFs of the course — the EJ Airways fact sheet and role cards,
// the facilitator's run-sheet, each activity's worksheet and each module's summary. The list
// and the PDFs come from Rust (the report crate lays them out); this page picks the paper,
// sends the name, and shows where the file went, with the same save dialog and "Open the PDF"
// as the reports. Reached from the agenda page and from each activity's page.

import { h, mount } from "../dom.js";

const GROUPS = [
  ["case", "The EJ Airways case", "For every table during the activities."],
  ["run-sheet", "For the facilitator", "The day on the clock, with the facilitator cut of each block."],
  ["worksheet", "Activity worksheets", "One per group: the task, the timings and space to write."],
  ["summary", "Module summaries", "For learners to take home: what they can now do, the key points, the terms."],
];

export async function renderHandouts({ main, api }) {
  const entries = await api.handoutList();
  const status = h("div", { class: "export-status handout-status", id: "handout-status", role: "status", "aria-live": "polite" });
  const paper = h("select", { id: "handout-paper" },
    h("option", { value: "a4" }, "A4"),
    h("option", { value: "letter" }, "US Letter"));
  // The paper of the last report export, until the user picks one here.
  let touched = false;
  paper.addEventListener("change", () => { touched = true; });
  api.reportSettings().then((s) => { if (!touched) paper.value = s.paper; }).catch(() => { /* A4 */ });

  const show = (...children) => mount(status, ...children);
  const buttons = [];

  async function save(entry, button) {
    // The outcome shows under the handout that was saved, where the reader is looking.
    button.closest("li").append(status);
    for (const b of buttons) b.disabled = true;
    show(h("p", { class: "muted export-working", "aria-busy": "true" }, h("span", { class: "spinner", "aria-hidden": "true" }),
      ` Preparing “${entry.title}”… choose where to save it in the dialog.`));
    try {
      const saved = await api.handoutExport(entry.name, paper.value);
      if (!saved) {
        show(h("p", { class: "muted" }, "Not saved: the dialog was cancelled."));
        return;
      }
      const problem = h("div", { class: "export-open-problem" });
      const open = h("button", { type: "button", class: "button-secondary", id: "handout-open", onclick: async () => {
        mount(problem);
        try {
          await api.reportOpen();
        } catch (error) {
          mount(problem, h("p", { class: "notice notice-error", role: "alert" }, error.message));
        }
      } }, "Open the PDF");
      // Text no installed font can show still prints, as empty boxes: say where.
      const warnings = saved.warnings.length === 0 ? [] : [
        h("div", { class: "notice notice-error export-warnings", id: "handout-warnings", role: "alert" },
          h("p", {}, "Some text could not be shown in the PDF:"),
          h("ul", {}, ...saved.warnings.map((w) => h("li", {}, w))))];
      show(h("p", { class: "notice notice-ok export-saved", id: "handout-saved" },
        `Saved “${entry.title}” to `, h("span", { class: "export-path" }, saved.path),
        ` (${Math.ceil(saved.bytes / 1024)} KB). `, open),
        ...warnings,
        problem);
    } catch (error) {
      show(h("p", { class: "notice notice-error", role: "alert" }, `The handout was not saved: ${error.message}`));
    } finally {
      for (const b of buttons) b.disabled = false;
      button.focus();
    }
  }

  const sections = GROUPS.map(([kind, title, lead]) => {
    const items = entries.filter((e) => e.kind === kind);
    if (items.length === 0) return null;
    return h("section", { class: "handout-group", "aria-labelledby": `handouts-${kind}` },
      h("h2", { id: `handouts-${kind}` }, title),
      h("p", { class: "muted" }, lead),
      h("ul", { class: "handout-list" }, ...items.map((entry) => {
        const button = h("button", { type: "button", id: `handout-save-${entry.name}`,
          // The accessible name starts with the visible text (WCAG 2.5.3).
          "aria-label": `Save PDF… of “${entry.title}”` }, "Save PDF…");
        button.addEventListener("click", () => save(entry, button));
        buttons.push(button);
        return h("li", { class: "handout-item card" },
          h("div", { class: "handout-text" },
            h("strong", {}, entry.title),
            h("span", { class: "muted" }, entry.about)),
          button);
      })));
  });

  mount(main,
    h("h1", {}, "Handouts"),
    h("p", { class: "lead" }, "Printable PDFs of the course for the classroom. Choose the paper, then save the handout you need."),
    h("p", { class: "handout-paper" }, h("label", { for: "handout-paper" }, "Paper "), paper),
    ...sections);
  main.focus();
}
