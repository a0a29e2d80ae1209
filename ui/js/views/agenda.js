// The course day: start, end and length of each block; the facilitator edits the start, the
// lengths and which optional blocks run. Rust checks the edits and computes the totals. A
// length that is not a whole number of minutes is refused here, before it is sent; every
// refusal is shown beside the field that caused it, which gets the focus.

import { h, mount, minutes } from "../dom.js";
import { presentCut } from "./presenter.js";

const KIND_LABEL = { session: "Session", activity: "Activity", break: "Break", lunch: "Lunch" };

function editsOf(plan) {
  const edits = { start: plan.start, minutes: {}, enabled: {} };
  for (const b of plan.blocks) {
    if (b.minutes !== b.default_minutes) edits.minutes[b.id] = b.minutes;
    if (b.optional) edits.enabled[b.id] = b.enabled;
  }
  return edits;
}

export async function renderAgenda({ main, api }) {
  let plan = await api.agenda();
  const status = h("div", { class: "status", id: "agenda-status", "aria-live": "polite" });
  const body = h("div");
  /** The field a refused edit came from (`start` or a block id) and why. */
  let fieldError = null;

  function show(message, isError) {
    mount(status, message ? h("p", { class: isError ? "notice notice-error" : "notice notice-ok", role: isError ? "alert" : undefined }, message) : null);
  }

  async function save(field, change) {
    const edits = editsOf(plan);
    change(edits);
    try {
      plan = await api.agendaUpdate(edits);
      fieldError = null;
      show("");
    } catch (error) {
      fieldError = { field, message: error.message };
    }
    draw();
  }

  /** A block's length as typed: a whole number of minutes from 1 to 480, else refused here. */
  function saveMinutes(block, input) {
    const typed = input.value.trim();
    const n = Number(typed);
    if (!/^\d+$/.test(typed) || n < 1 || n > 480) {
      fieldError = {
        field: block.id,
        message: `“${block.title}” needs a whole number of minutes from 1 to 480; “${typed || "nothing"}” is not one. Nothing was changed.`,
      };
      draw();
      return;
    }
    save(block.id, (edits) => { edits.minutes[block.id] = n; });
  }

  /** The message beside a field, and the attributes that tie it to the field. */
  function errorFor(field) {
    if (fieldError?.field !== field) return [null, {}];
    const id = `agenda-error-${field}`;
    return [h("p", { class: "field-error notice notice-error", id, role: "alert" }, fieldError.message),
      { "aria-invalid": "true", "aria-describedby": id }];
  }

  function draw() {
    const [startError, startInvalid] = errorFor("start");
    const startInput = h("input", { type: "time", id: "agenda-start", value: plan.start, required: true, ...startInvalid,
      onchange: (e) => save("start", (edits) => { edits.start = e.target.value; }) });
    mount(body,
      h("div", { class: "agenda-controls inline-form" },
        h("label", { for: "agenda-start" }, "Start of the day"), startInput, startError,
        h("button", { type: "button", class: "button-secondary", id: "agenda-reset", disabled: !plan.edited,
          onclick: async () => {
            try {
              plan = await api.agendaReset();
              show("The agenda is back to the authored day.", false);
            } catch (error) {
              show(error.message, true);
            }
            draw();
          } }, "Reset to the authored day")),
      h("table", { class: "agenda-table", id: "agenda-table" },
        h("thead", {}, h("tr", {},
          h("th", { scope: "col" }, "Start"), h("th", { scope: "col" }, "End"),
          h("th", { scope: "col" }, "Minutes"), h("th", { scope: "col" }, "Block"),
          h("th", { scope: "col" }, "Runs"))),
        h("tbody", {}, plan.blocks.map((b) =>
          h("tr", { class: `agenda-row kind-${b.kind}${b.enabled ? "" : " is-off"}`, dataset: { block: b.id } },
            h("td", { class: "agenda-time" }, b.start ?? "—"),
            h("td", { class: "agenda-time" }, b.end ?? "—"),
            h("td", {}, ...(() => {
              const [error, invalid] = errorFor(b.id);
              return [h("input", { type: "number", min: 1, max: 480, step: 1, value: b.minutes, class: "agenda-minutes",
                "aria-label": `Minutes for ${b.title}`, ...invalid,
                onchange: (e) => saveMinutes(b, e.target) }), error];
            })()),
            h("td", {},
              h("span", { class: `badge badge-${b.kind}` }, KIND_LABEL[b.kind] || b.kind), " ",
              b.kind === "activity" && b.chapter
                ? h("a", { href: `#/activity/${b.chapter}` }, b.title)
                : h("span", {}, b.title),
              b.minutes !== b.default_minutes ? h("span", { class: "muted small" }, ` (planned ${b.default_minutes})`) : null,
              b.cut.length ? h("details", { class: "agenda-cut" },
                h("summary", {}, `Facilitator cut: ${b.cut.length} sections, ${b.cut.reduce((n, c) => n + c.minutes, 0)} min`),
                h("ol", {}, b.cut.map((c) => h("li", {},
                  h("a", { href: `#/chapter/${c.chapter}/${c.anchor}` }, c.title), ` · ${c.minutes} min`))),
                h("button", { type: "button", class: "button-secondary present-cut", onclick: () => presentCut(b) }, "Present the cut")) : null),
            h("td", {}, b.optional
              ? h("label", { class: "toggle" }, h("input", { type: "checkbox", checked: b.enabled, "aria-label": `Include ${b.title}`,
                  onchange: (e) => save(b.id, (edits) => { edits.enabled[b.id] = e.target.checked; }) }), " Optional")
              : h("span", { class: "muted small" }, "Always"))))),
        h("tfoot", {},
          h("tr", {}, h("th", { scope: "row", colspan: 3 }, "Whole day"),
            h("td", { colspan: 2, id: "agenda-total" }, `${minutes(plan.total_minutes)} (${plan.start}–${plan.end})`)),
          h("tr", {}, h("th", { scope: "row", colspan: 3 }, "Without lunch and breaks"),
            h("td", { colspan: 2, id: "agenda-teaching" }, minutes(plan.teaching_minutes))))),
    );
    // The keyboard goes to the field whose edit was refused, where its message is.
    if (fieldError) body.querySelector("[aria-invalid='true']")?.focus();
  }

  mount(main,
    h("h1", {}, "Agenda"),
    h("p", { class: "lead" }, "The course day, block by block. Change the start, a block's minutes or switch optional blocks on; the times and totals follow. Changes are saved on this computer."),
    h("p", {}, h("a", { href: "#/handouts", id: "agenda-handouts" }, "Handouts"),
      ": print the run-sheet of the day, the activities' worksheets, the EJ Airways fact sheet and role cards, and a summary per module."),
    status,
    body);
  draw();
  main.focus();
}
