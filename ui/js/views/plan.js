// #/plan/ID: the improvement plan of one assessment, grouped into 30/60/90-day horizons. The
// plan is generated in Rust (`plan_generate`, rules in core `plan.rs`); this view shows it and
// saves each edit at once (decision, owner, due date, status, notes, horizon, order, the team's
// own actions), saying "Saved" or showing the error beside the item. The plan is focused: each
// horizon shows its open actions up to the team's limit, the rest wait in the backlog below
// (places and the reasons beside each action come from Rust: views `plan.rs`).

import { h, mount, errorBox } from "../dom.js";
import { deleteButton } from "./delete.js";
import { date } from "../format.js";

const HORIZONS = [
  { days: 30, title: "First 30 days" },
  { days: 60, title: "By 60 days" },
  { days: 90, title: "By 90 days" },
];
const STATUSES = [
  ["planned", "Planned"],
  ["in-progress", "In progress"],
  ["done", "Done"],
  ["dropped", "Dropped"],
];
const EFFORTS = [
  ["S", "Small"],
  ["M", "Medium"],
  ["L", "Large"],
];
const effortName = (code) => EFFORTS.find(([c]) => c === code)?.[1] ?? code;

export async function renderPlan(ctx, assessmentId) {
  const id = Number(assessmentId);
  const view = { ctx, id, page: await ctx.api.planGet(id) };
  draw(view);
  ctx.main.focus();
}

/** Reloads the page data and redraws; `focus` (a selector) is focused afterwards. */
async function reload(view, focus) {
  view.page = await view.ctx.api.planGet(view.id);
  draw(view);
  const target = focus && view.ctx.main.querySelector(focus);
  if (target) target.focus();
}

/** Redraws after an edit that may change where items stand, then says "Saved" on the item. */
async function reloadSaved(view, key, focus, what) {
  await reload(view, focus);
  const note = view.ctx.main.querySelector(`#${key} .item-status`);
  if (note) { note.className = "item-status saved"; note.textContent = `Saved: ${what}`; }
}

function draw(view) {
  const { page } = view;
  const { team, assessment } = page;
  const done = assessment.status === "completed";
  mount(view.ctx.main,
    h("p", { class: "breadcrumb" }, h("a", { href: "#/teams" }, "Teams"), " / ",
      h("a", { href: `#/team/${team.id}` }, team.name), " / ",
      h("a", { href: `#/results/${assessment.id}` }, "results"), " / plan"),
    h("h1", { id: "plan-title" }, `Improvement plan: ${team.name}`,
      assessment.quick_scan ? h("span", { class: "badge quick-scan", id: "quick-scan-label" }, "Quick scan") : null),
    h("p", { class: "muted" },
      done ? `From the assessment completed ${date(assessment.completed_at)}` : "From an assessment still in progress",
      page.plan ? ` · updated ${date(page.plan.updated_at)}` : ""),
    page.plan ? planBody(view) : generateOffer(view, done),
    notPlanned(page),
    h("section", { class: "plan-rules", id: "plan-rules" },
      h("h2", {}, "How the plan is made"),
      h("ol", {}, page.rules.map((rule) => h("li", {}, rule)))),
  );
}

function generateOffer(view, done) {
  const status = h("div", { role: "status", "aria-live": "polite" });
  if (!done) {
    return h("section", { class: "card plan-offer" },
      h("p", {}, "Finish the assessment first: the plan is made from its final scores and targets."),
      h("a", { class: "button", href: `#/assess/${view.id}` }, "Resume the assessment"));
  }
  return h("section", { class: "card plan-offer", id: "plan-offer" },
    h("h2", {}, "No plan yet"),
    h("p", {}, "The plan proposes, for each dimension below its target, the recommended actions for its next level, ordered by gap × weight. You then accept or reject each one, name an owner and a due date, and add actions of your own."),
    h("button", { type: "button", id: "plan-generate", onclick: async (event) => {
      event.currentTarget.disabled = true;
      try {
        await view.ctx.api.planGenerate(view.id, false);
        await reload(view, "#plan-items h2");
      } catch (error) {
        event.currentTarget.disabled = false;
        mount(status, errorBox(error));
      }
    } }, "Make the improvement plan"),
    status);
}

function planBody(view) {
  const { plan } = view.page;
  const status = h("div", { class: "plan-toolbar-status", role: "status", "aria-live": "polite", id: "plan-regenerate-status" });
  const toolbar = h("div", { class: "plan-toolbar" },
    h("span", { class: "muted" }, `${plan.items.length} actions · ${plan.items.filter((i) => i.quick_win).length} quick wins · ${backlogOf(view.page).length} in the backlog`),
    focusControl(view),
    h("button", { type: "button", class: "button-secondary", id: "plan-regenerate", onclick: async () => {
      try {
        const r = await view.ctx.api.planGenerate(view.id, true);
        await reload(view, "#plan-regenerate");
        mount(view.ctx.main.querySelector("#plan-regenerate-status"),
          h("span", { class: "saved" }, `Plan updated: ${r.added} added, ${r.removed} removed, ${r.kept_edited} kept because you had changed them.`));
      } catch (error) {
        mount(status, errorBox(error));
      }
    } }, "Update for changed targets"),
    deleteButton(view.ctx.api, { kind: "plan", assessment: view.id }, { label: "this improvement plan", text: "Delete plan", onChange: () => reload(view) }),
    status);
  return h("div", { class: "plan", id: "plan-items" },
    toolbar,
    view.page.weakest_dora.length
      ? h("p", { class: "plan-dora muted", id: "plan-dora" },
          `Weakest DORA ${view.page.weakest_dora.length === 1 ? "metric" : "metrics"}: ${view.page.weakest_dora.join(" and ")}. Actions that move ${view.page.weakest_dora.length === 1 ? "it" : "them"} rank higher.`)
      : null,
    HORIZONS.map((hz) => horizonSection(view, hz)),
    backlogSection(view),
    addForm(view));
}

/** The items in the backlog, in plan order. */
function backlogOf(page) {
  return page.plan.items.filter((_, i) => page.places[i] === "backlog");
}

/** "At most N open actions per horizon": the team's focus limit, saved at once. */
function focusControl(view) {
  const { focus } = view.page;
  const status = h("span", { class: "item-status", role: "status", "aria-live": "polite" });
  const options = [];
  for (let n = 1; n <= focus.max; n += 1) options.push(h("option", { value: n, selected: n === focus.limit }, String(n)));
  const select = h("select", { id: "plan-focus" }, options);
  select.addEventListener("change", async () => {
    try {
      await view.ctx.api.planFocusSet(Number(select.value));
      await reload(view, "#plan-focus");
    } catch (error) {
      status.className = "item-status failed";
      mount(status, errorBox(error));
    }
  });
  return h("span", { class: "plan-focus-control" },
    h("label", { for: "plan-focus" }, "Open actions per horizon "), select, status);
}

function backlogSection(view) {
  const { page } = view;
  const items = backlogOf(page);
  if (!items.length) return null;
  return h("section", { class: "plan-horizon plan-backlog", id: "plan-backlog", "aria-labelledby": "backlog-title" },
    h("h2", { id: "backlog-title" }, "Backlog", h("span", { class: "horizon-count" }, ` · ${items.length} waiting`)),
    h("p", { class: "muted" }, `Each horizon holds at most ${page.focus.limit} open ${page.focus.limit === 1 ? "action" : "actions"}. When one is done or dropped, the next here moves up; “Pull into the plan” brings one in now.`),
    h("ol", { class: "plan-list" }, items.map((item) => {
      const inHorizon = page.plan.items.filter((i) => i.horizon === item.horizon);
      return itemCard(view, item, inHorizon.indexOf(item), inHorizon.length, true);
    })));
}

function horizonSection(view, hz) {
  const { page } = view;
  const all = page.plan.items.filter((i) => i.horizon === hz.days);
  const shown = all.filter((i) => page.places[page.plan.items.indexOf(i)] !== "backlog");
  const open = shown.filter((i) => page.places[page.plan.items.indexOf(i)] === "focus").length;
  const waiting = all.length - shown.length;
  return h("section", { class: "plan-horizon", dataset: { horizon: hz.days }, "aria-labelledby": `horizon-${hz.days}` },
    h("h2", { id: `horizon-${hz.days}` }, hz.title,
      h("span", { class: "horizon-count" }, ` · ${open} open of at most ${page.focus.limit}${waiting ? ` · ${waiting} in the backlog` : ""}`)),
    shown.length
      ? h("ol", { class: "plan-list" }, shown.map((item) => itemCard(view, item, all.indexOf(item), all.length, false)))
      : h("p", { class: "muted" }, "Nothing here yet. Move an action here with its “Horizon” menu."));
}

function itemCard(view, item, index, count, inBacklog) {
  const { page, ctx } = view;
  const dimName = page.dimensions.find((d) => d.id === item.dimension_id)?.name ?? item.dimension_id;
  const key = `item-${item.id}`;
  const status = h("span", { class: "item-status", role: "status", "aria-live": "polite" });
  const card = h("li", { class: `plan-item decision-${item.decision}`, id: key, dataset: { item: item.id, action: item.action_id ?? "", days: item.horizon } });

  // With `redraw`, the caller draws the page again and says "Saved" on the new card: saying
  // it here first would announce a card that is about to be replaced.
  const save = async (change, what, redraw = false) => {
    status.className = "item-status";
    status.textContent = "Saving…";
    try {
      const updated = await ctx.api.planItemUpdate(item.id, change);
      Object.assign(item, updated);
      if (!redraw) {
        status.className = "item-status saved";
        status.textContent = `Saved: ${what}`;
      }
      return true;
    } catch (error) {
      status.className = "item-status failed";
      mount(status, errorBox(error));
      return false;
    }
  };

  const decisionButton = (decision, label) => h("button", {
    type: "button", class: `button-secondary plan-${decision === "accepted" ? "accept" : "reject"}`,
    "aria-pressed": item.decision === decision ? "true" : "false",
    onclick: async () => {
      // Pressing the chosen decision again takes it back to "proposed".
      const next = item.decision === decision ? "proposed" : decision;
      // A rejected action leaves the focus (and one from the backlog may take its slot).
      if (await save({ decision: next }, next === "proposed" ? "decision cleared" : next, true)) {
        await reloadSaved(view, key, `#${key} .plan-${decision === "accepted" ? "accept" : "reject"}`, next === "proposed" ? "decision cleared" : next);
      }
    } }, label);

  const owner = h("input", { type: "text", id: `${key}-owner`, class: "plan-owner", maxlength: page.limits.owner, value: item.owner ?? "", autocomplete: "off" });
  owner.addEventListener("change", () => save({ owner: owner.value }, owner.value.trim() ? "owner" : "owner cleared"));
  // A text field, not type=date: WebKitGTK's date field ignores typed digits, so keyboard
  // users could not enter a date. The store reads the date as typed (2027-01-15, 15/01/2027,
  // 15 Jan 2027 …), names the problem when it cannot, and keeps it as YYYY-MM-DD, shown back.
  const due = h("input", { type: "text", id: `${key}-due`, class: "plan-due", value: item.due ?? "",
    placeholder: "e.g. 15/01/2027", maxlength: "30", autocomplete: "off",
    title: "A date, day first: 2027-01-15, 15/01/2027 or 15 Jan 2027" });
  due.addEventListener("change", async () => {
    if (await save({ due: due.value }, due.value.trim() ? "due date" : "due date cleared")) {
      due.value = item.due ?? "";
    }
  });
  const statusSelect = h("select", { id: `${key}-status`, class: "plan-status-select" },
    STATUSES.map(([code, label]) => h("option", { value: code, selected: item.status === code }, label)));
  statusSelect.addEventListener("change", async () => {
    const what = `status ${statusSelect.selectedOptions[0].textContent.toLowerCase()}`;
    // Done or dropped frees a slot of the focus: the places are drawn again.
    if (await save({ status: statusSelect.value }, what, true)) await reloadSaved(view, key, `#${key}-status`, what);
  });
  const horizon = h("select", { id: `${key}-horizon`, class: "plan-horizon-select" },
    HORIZONS.map((hz) => h("option", { value: hz.days, selected: item.horizon === hz.days }, `${hz.days} days`)));
  horizon.addEventListener("change", async () => {
    if (await save({ horizon: Number(horizon.value) }, "horizon", true)) {
      await reloadSaved(view, key, `#${key}-horizon`, "horizon");
    }
  });
  const notes = h("textarea", { id: `${key}-notes`, class: "plan-notes", rows: 2, maxlength: page.limits.text });
  notes.value = item.notes ?? "";
  notes.addEventListener("change", () => save({ notes: notes.value }, notes.value.trim() ? "notes" : "notes cleared"));

  const move = (delta, label, cls) => h("button", {
    type: "button", class: `button-secondary plan-move ${cls}`, disabled: index + delta < 0 || index + delta >= count,
    "aria-label": `${label}: ${item.title}`,
    onclick: async () => {
      try {
        await ctx.api.planItemMove(item.id, index + delta + 1);
        view.page = await ctx.api.planGet(view.id);
        draw(view);
        // Keep the keyboard where it was; at the end of the list the other button takes it.
        const moved = ctx.main.querySelector(`#${key}`);
        const same = moved?.querySelector(`.${cls}`);
        const other = moved?.querySelector(cls === "plan-up" ? ".plan-down" : ".plan-up");
        (same && !same.disabled ? same : other)?.focus();
        const note = moved?.querySelector(".item-status");
        if (note) { note.className = "item-status saved"; note.textContent = `Moved to place ${index + delta + 1}`; }
      } catch (error) {
        status.className = "item-status failed";
        mount(status, errorBox(error));
      }
    } }, label);

  const del = item.action_id ? null : h("button", {
    type: "button", class: "button-secondary plan-delete",
    onclick: async (event) => {
      const button = event.currentTarget;
      // Two steps: the first press asks, the second deletes.
      if (button.dataset.confirm !== "yes") {
        button.dataset.confirm = "yes";
        button.textContent = "Press again to delete";
        return;
      }
      try {
        await ctx.api.planItemDelete(item.id);
        await reload(view, "#plan-add-title");
      } catch (error) {
        status.className = "item-status failed";
        mount(status, errorBox(error));
      }
    } }, "Delete");

  const pull = inBacklog ? h("button", {
    type: "button", class: "plan-pull",
    "aria-label": `Pull into the plan: ${item.title}`,
    onclick: async () => {
      try {
        await ctx.api.planItemMove(item.id, 1);
        view.page = await ctx.api.planGet(view.id);
        draw(view);
        const moved = ctx.main.querySelector(`#${key}`);
        moved?.querySelector(".plan-item-title")?.focus();
        const note = moved?.querySelector(".item-status");
        if (note) { note.className = "item-status saved"; note.textContent = `Pulled into the first place of the ${item.horizon}-day horizon`; }
      } catch (error) {
        status.className = "item-status failed";
        mount(status, errorBox(error));
      }
    } }, "Pull into the plan") : null;

  const reasons = page.why[page.plan.items.indexOf(item)] ?? [];
  const reaches = anchorsReached(page.reaches[page.plan.items.indexOf(item)] ?? [], key);
  const chapterTitle = item.chapter ? page.chapters[item.chapter] ?? item.chapter : null;
  const head = h("div", { class: "plan-item-head" },
      h("h3", { class: "plan-item-title", id: `${key}-title`, tabindex: "-1" }, item.title),
      h("p", { class: "plan-badges" },
        h("span", { class: "badge badge-dimension" }, dimName),
        h("span", { class: `badge badge-effort effort-${item.effort}` }, `Effort ${item.effort} · ${effortName(item.effort).toLowerCase()}`),
        item.quick_win ? h("span", { class: "badge badge-quick-win" }, "Quick win") : null,
        item.action_id ? null : h("span", { class: "badge badge-own" }, "Own action"),
        decisionBadge(item.decision)));
  if (inBacklog) {
    // The backlog is read and pulled from, not edited: the full card appears once pulled in.
    card.classList.add("plan-item-compact");
    card.append(head,
      reasons.length ? h("p", { class: "plan-reasons small" }, h("strong", {}, "Why here: "), reasons.join("; ")) : null,
      item.why ? h("p", { class: "plan-why small" }, item.why) : null,
      reaches,
      h("div", { class: "plan-item-foot" },
        pull, h("span", { class: "small muted" }, `${item.horizon}-day horizon`),
        status));
    return card;
  }
  card.append(
    h("div", { class: "plan-item-head" },
      h("h3", { class: "plan-item-title", id: `${key}-title`, tabindex: "-1" }, item.title),
      h("p", { class: "plan-badges" },
        h("span", { class: "badge badge-dimension" }, dimName),
        h("span", { class: `badge badge-effort effort-${item.effort}` }, `Effort ${item.effort} · ${effortName(item.effort).toLowerCase()}`),
        item.quick_win ? h("span", { class: "badge badge-quick-win" }, "Quick win") : null,
        item.action_id ? null : h("span", { class: "badge badge-own" }, "Own action"),
        decisionBadge(item.decision))),
    reasons.length ? h("p", { class: "plan-reasons small" }, h("strong", {}, "Why here: "), reasons.join("; ")) : null,
    item.why ? h("p", { class: "plan-why" }, item.why) : null,
    reaches,
    item.impact ? h("p", { class: "plan-impact" }, h("strong", {}, "Expected result: "), item.impact) : null,
    item.first_steps.length
      ? h("details", { class: "plan-steps" },
          h("summary", {}, `First steps (${item.first_steps.length})`),
          h("ol", {}, item.first_steps.map((step) => h("li", {}, step))))
      : null,
    chapterTitle || item.dora.length
      ? h("p", { class: "plan-links small" },
          chapterTitle ? h("span", {}, "Read: ", h("a", { href: `#/chapter/${item.chapter}`, class: "plan-chapter" }, chapterTitle)) : null,
          chapterTitle && item.dora.length ? " · " : null,
          item.dora.length ? `Moves the DORA keys: ${item.dora.map((k) => page.dora_names[k] ?? k).join(", ")}` : null)
      : null,
    h("div", { class: "plan-decision", role: "group", "aria-label": `Decision on ${item.title}` },
      decisionButton("accepted", "Accept"), decisionButton("rejected", "Reject")),
    h("div", { class: "plan-fields" },
      field(`${key}-owner`, "Owner", owner),
      field(`${key}-due`, "Due date", due),
      field(`${key}-status`, "Status", statusSelect),
      field(`${key}-horizon`, "Horizon", horizon),
      h("div", { class: "plan-field plan-field-notes" }, h("label", { for: `${key}-notes` }, "Notes"), notes)),
    h("div", { class: "plan-item-foot" },
      pull, move(-1, "Move up", "plan-up"), move(1, "Move down", "plan-down"), del, status));
  return card;
}

// The questionnaire anchors an action helps the team reach (the views' `reaches`, in the words
// of the assessment's questionnaire), collapsed under a summary that names the level; nothing
// for the team's own actions and actions the content no longer has.
function anchorsReached(reached, key) {
  if (!reached.length) return null;
  const levels = [...new Set(reached.map((r) => r.level))].sort((a, b) => a - b);
  const questions = reached.length === 1 ? "1 question" : `${reached.length} questions`;
  return h("details", { class: "plan-anchors small", id: `${key}-anchors` },
    h("summary", {}, `Helps you reach: level ${levels.join(" and ")} on ${questions}`),
    h("ul", {}, reached.map((r) =>
      h("li", { "data-question": r.question_id },
        h("span", { class: "plan-anchor-question" }, r.question),
        ` — level ${r.level}: `,
        h("span", { class: "plan-anchor-text" }, r.anchor)))));
}

function decisionBadge(decision) {
  const label = { proposed: "Proposed", accepted: "Accepted", rejected: "Rejected" }[decision] ?? decision;
  return h("span", { class: `badge decision-badge decision-badge-${decision}` }, label);
}

function field(id, label, control) {
  return h("div", { class: "plan-field" }, h("label", { for: id }, label), control);
}

function addForm(view) {
  const { page, ctx } = view;
  const status = h("div", { role: "status", "aria-live": "polite", id: "plan-add-status" });
  const title = h("input", { type: "text", id: "plan-add-title", required: true, maxlength: page.limits.title, autocomplete: "off" });
  const dimension = h("select", { id: "plan-add-dimension" },
    page.dimensions.map((d) => h("option", { value: d.id }, d.name)));
  const effort = h("select", { id: "plan-add-effort" },
    EFFORTS.map(([code, label]) => h("option", { value: code, selected: code === "M" }, `${code} · ${label.toLowerCase()}`)));
  const horizon = h("select", { id: "plan-add-horizon" },
    HORIZONS.map((hz) => h("option", { value: hz.days }, `${hz.days} days`)));
  const why = h("textarea", { id: "plan-add-why", rows: 2, maxlength: page.limits.text });
  const steps = h("textarea", { id: "plan-add-steps", rows: 3 });
  const form = h("form", { class: "card plan-add", id: "plan-add", onsubmit: async (event) => {
    event.preventDefault();
    if (!title.value.trim()) {
      mount(status, errorBox({ message: "Give the action a title." }));
      title.focus();
      return;
    }
    try {
      const item = await ctx.api.planItemAdd(view.id, {
        dimension_id: dimension.value,
        title: title.value,
        why: why.value,
        first_steps: steps.value.split("\n").map((s) => s.trim()).filter(Boolean),
        effort: effort.value,
        impact: "",
        horizon: Number(horizon.value),
      });
      await reload(view, `#item-${item.id}-title`);
      const note = ctx.main.querySelector(`#item-${item.id} .item-status`);
      if (note) { note.className = "item-status saved"; note.textContent = `Added to the ${item.horizon}-day horizon`; }
    } catch (error) {
      mount(status, errorBox(error));
    }
  } },
    h("h2", {}, "Add an action of your own"),
    h("div", { class: "plan-add-grid" },
      field("plan-add-title", "Title", title),
      field("plan-add-dimension", "Dimension", dimension),
      field("plan-add-effort", "Effort", effort),
      field("plan-add-horizon", "Horizon", horizon),
      h("div", { class: "plan-field plan-field-wide" }, h("label", { for: "plan-add-why" }, "Why (optional)"), why),
      h("div", { class: "plan-field plan-field-wide" }, h("label", { for: "plan-add-steps" }, "First steps (optional, one per line)"), steps)),
    h("button", { type: "submit", id: "plan-add-submit" }, "Add to the plan"),
    status);
  return form;
}

function notPlanned(page) {
  if (!page.not_planned.length) return null;
  return h("section", { class: "plan-not-planned", id: "plan-not-planned" },
    h("h2", {}, "Not in this plan"),
    h("ul", { class: "plain-list" }, page.not_planned.map((n) =>
      h("li", { dataset: { dimension: n.dimension_id } }, h("strong", {}, n.name), ` — ${n.label}`))));
}

/** The team page's summary of its latest plan (`team_plan_progress`); nothing when it has none
 * (the results page offers to make one). */
export function planProgressSection(progress) {
  if (!progress) return null;
  const p = progress;
  const counts = [
    [p.done, "done"], [p.in_progress, "in progress"], [p.planned, "planned"], [p.dropped, "dropped"],
  ].filter(([n]) => n > 0).map(([n, label]) => `${n} ${label}`);
  return h("section", { class: "plan-progress", id: "plan-progress", dataset: { assessment: p.assessment_id } },
    h("h2", {}, "Improvement plan"),
    h("p", { class: "plan-progress-line" },
      h("progress", { max: Math.max(1, p.total), value: p.done, "aria-label": `${p.done} of ${p.total} actions done` }),
      h("span", { id: "plan-progress-counts" }, `${p.done} of ${p.total} actions done`, counts.length ? ` (${counts.join(", ")})` : "")),
    h("p", { class: "muted small", id: "plan-progress-decisions" },
      `${p.accepted} accepted, ${p.proposed} still to decide, ${p.rejected} rejected · updated ${date(p.updated_at)}`),
    h("a", { class: "button", href: `#/plan/${p.assessment_id}`, id: "plan-progress-open" }, "Open the plan"));
}
