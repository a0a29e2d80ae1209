// #/assess/ID: the assessment wizard. One dimension per page for each respondent in turn (a
// hand-over screen between people hides the previous answers), then targets and weights, then
// the DORA questions, then completion. Every change is saved at once through one command, so
// quitting at any point loses nothing; on return the wizard resumes where answers stop.
// A workshop reuses it for a team's hand-round: `options.crumbs` ([href, label] pairs) replaces
// the breadcrumb, and `options.onAllAnswered` is called instead of moving on to targets once
// everybody has finished.

import { h, mount, errorBox } from "../dom.js";
import { date } from "../format.js";
import { answerOptions } from "./answer-options.js";

// What a respondent does in the team; leaders' answers to the leadership dimensions are also
// shown apart (scoring rule 10).
const ROLES = [
  ["practitioner", "I do the team's work"],
  ["leader", "I lead the team (team lead, product owner, manager)"],
];

const EXTRA = [
  ["dont-know", "Don't know"],
  ["not-applicable", "Not applicable"],
];

export async function renderAssess({ main, api }, assessmentId, options = {}) {
  const id = Number(assessmentId);
  let st = await api.assessmentState(id);
  if (st.assessment.status === "completed") {
    location.replace(`#/results/${id}`);
    return;
  }
  const q = st.questionnaire;
  const dims = q.dimensions;
  const multi = st.respondents.length > 1;
  const view = { phase: "answer", dim: 0 };
  const body = h("div", { id: "wizard-body" });
  const people = h("aside", { class: "people", id: "people", "aria-label": "Respondents" });
  const steps = h("ol", { class: "steps", id: "steps" });
  const saveStatus = h("div", { class: "save-status", role: "status", "aria-live": "polite", id: "save-status" });

  const current = () => st.respondents.find((r) => !r.finished) || null;
  const questionsOf = (dimId) => q.questions.filter((x) => x.dimension === dimId);
  const answeredCount = (r) => q.questions.filter((x) => r.answers[x.id]).length;

  async function reload() {
    st = await api.assessmentState(id);
  }

  function firstOpenDimension(r) {
    const i = dims.findIndex((d) => questionsOf(d.id).some((x) => !r.answers[x.id]));
    return i < 0 ? dims.length - 1 : i;
  }

  /** Moves on to the next person; false when a workshop takes over once everyone is done. */
  function enterRespondent() {
    const r = current();
    if (!r && options.onAllAnswered) {
      options.onAllAnswered();
      return false;
    }
    if (!r) {
      view.phase = "targets";
    } else {
      view.phase = multi ? "handover" : "answer";
      view.dim = firstOpenDimension(r);
    }
    return true;
  }

  function show(error) {
    mount(saveStatus, error ? errorBox(error) : null);
  }

  function renderPeople() {
    const r = current();
    mount(people,
      h("h2", {}, multi ? "Who has answered" : "Answering"),
      h("ul", { class: "plain-list" }, st.respondents.map((p) =>
        h("li", { dataset: { respondent: p.position, state: p.finished ? "finished" : p === r ? "answering" : "waiting" } },
          h("span", { class: "person-state" }, p.finished ? "✓ finished" : p === r ? "● answering" : "○ waiting"),
          " ", p.name))),
      st.assessment.facilitator ? h("p", { class: "muted small" }, `Facilitator: ${st.assessment.facilitator}`) : null);
  }

  function renderSteps() {
    const names = [["answer", "Answers"], ["targets", "Targets"], ["dora", "DORA"], ["complete", "Complete"]];
    const phase = view.phase === "handover" ? "answer" : view.phase;
    mount(steps, names.map(([key, label], i) =>
      h("li", { "aria-current": key === phase ? "step" : undefined }, `${i + 1}. ${label}`)));
  }

  function render() {
    renderPeople();
    renderSteps();
    show(null);
    if (view.phase === "handover") renderHandover();
    else if (view.phase === "answer") renderDimension();
    else if (view.phase === "targets") renderTargets();
    else if (view.phase === "dora") renderDora();
    else renderComplete();
    // The button that led here was drawn over: focus the new phase's heading, never <body>
    // (a keyboard or screen-reader user would start again from the top of the window).
    if (!body.contains(document.activeElement)) {
      const title = body.querySelector("#phase-title, h2");
      if (title) {
        title.tabIndex = -1;
        title.focus();
      }
    }
  }

  // ---- Hand-over between respondents ----

  function renderHandover() {
    const r = current();
    const previous = st.respondents.filter((p) => p.finished).pop();
    mount(body,
      h("section", { class: "handover card", id: "handover" },
        h("h2", {}, r.answered ? `Continue as ${r.name}` : `Over to ${r.name}`),
        previous && !r.answered
          ? h("p", {}, `${previous.name} has finished. Please hand the computer to ${r.name}. Earlier answers stay hidden.`)
          : h("p", {}, r.answered ? `${r.name} has given ${answeredCount(r)} of ${q.questions.length} answers so far.` : `${r.name} answers first.`),
        h("p", { class: "muted" }, "Answer for what the team actually does today, not for what it plans. Every answer is saved as soon as you choose it."),
        h("button", { type: "button", id: "handover-start", onclick: () => { view.phase = "answer"; render(); } },
          r.answered ? `I am ${r.name}: continue` : `I am ${r.name}: start`)));
    body.querySelector("#handover-start").focus();
  }

  // ---- One dimension of questions ----

  function renderDimension() {
    const r = current();
    const d = dims[view.dim];
    const qs = questionsOf(d.id);
    const progressText = h("span", { id: "answer-count" });
    const updateProgress = () => {
      const n = answeredCount(r);
      progressText.textContent = `${n} of ${q.questions.length} answers given`;
      bar.value = n;
    };
    const bar = h("progress", { max: q.questions.length, value: 0, "aria-label": "Answers given" });
    const last = view.dim === dims.length - 1;
    const unanswered = () => q.questions.length - answeredCount(r);
    const finishNote = h("p", { class: "muted small", id: "finish-note" });
    const updateFinishNote = () => {
      const n = unanswered();
      finishNote.textContent = n ? `${n} question${n === 1 ? "" : "s"} without an answer; they count as missing.` : "Every question has an answer.";
    };

    mount(body,
      h("p", { class: "progress-line", id: "progress" },
        h("span", { id: "dimension-position" }, `Dimension ${view.dim + 1} of ${dims.length}`), " · ", progressText, " ", bar),
      h("p", { class: "muted small" }, multi ? `Answering: ${r.name}` : ""),
      roleChoice(r),
      h("h2", { id: "dimension-title", class: "dimension-title" }, d.name),
      h("p", {}, h("span", { class: "badge" }, kindLabel(d.kind))),
      h("p", { class: "dimension-description" }, d.description),
      h("p", { class: "muted small keys-hint" }, "Keys: 1–5 choose a level for the question you are in, ↑/↓ move between choices, Tab moves to the next question."),
      qs.map((question, i) => questionBlock(question, i, r, () => { updateProgress(); updateFinishNote(); })),
      h("div", { class: "pager" },
        view.dim > 0
          ? h("button", { type: "button", class: "button-secondary", id: "previous-dimension", onclick: () => { view.dim -= 1; render(); main.scrollTop = 0; } }, "← Previous dimension")
          : h("span"),
        last
          ? h("button", { type: "button", id: "finish-respondent", onclick: finish }, multi ? `Finish ${r.name}'s answers` : "Finish answers")
          : h("button", { type: "button", id: "next-dimension", onclick: () => { view.dim += 1; render(); main.scrollTop = 0; } }, "Next dimension →")),
      last ? finishNote : null);
    updateProgress();
    updateFinishNote();
    const firstRadio = body.querySelector("fieldset.question input:checked") || body.querySelector("fieldset.question input");
    firstRadio?.focus();

    async function finish() {
      try {
        await api.respondentFinish(r.id);
        await reload();
        if (!enterRespondent()) return;
        render();
        main.scrollTop = 0;
      } catch (error) {
        show(error);
      }
    }
  }

  /** The respondent's part in the team, asked on every page until answered, saved at once. */
  function roleChoice(r) {
    const state = h("span", { class: "saved-state small", id: "role-state", "aria-live": "polite" });
    const box = h("fieldset", { class: "role-choice", id: "role-choice", dataset: { role: r.role || "" } });
    async function save(role) {
      state.textContent = "Saving…";
      try {
        const row = await api.respondentRoleSet(r.id, role);
        r.role = row.role;
        box.dataset.role = row.role;
        state.textContent = "Saved";
      } catch (error) {
        state.textContent = "";
        show(error);
      }
    }
    mount(box,
      h("legend", {}, multi ? `${r.name}'s part in the team` : "Your part in the team"),
      ROLES.map(([code, label]) => {
        const input = h("input", { type: "radio", name: "role", value: code, id: `role-${code}`, checked: r.role === code });
        input.addEventListener("change", () => save(code));
        return h("label", { class: "option option-inline", for: `role-${code}` }, input, h("span", {}, label));
      }),
      state,
      r.role ? null : h("p", { class: "muted small role-why" }, "Leaders' answers on the leadership dimensions are also shown apart from the others', since people tend to rate their own leadership higher."));
    return box;
  }

  function questionBlock(question, index, r, onSaved) {
    const name = `q-${question.id}`;
    const state = h("span", { class: "saved-state small", "aria-live": "polite" });
    const evidence = h("textarea", {
      id: `evidence-${question.id}`, rows: 2, maxlength: 10000,
      disabled: r.answers[question.id] ? undefined : true,
    });
    evidence.value = r.evidence[question.id] ?? "";
    const fieldset = h("fieldset", { class: "question", dataset: { question: question.id, state: r.answers[question.id] ? "saved" : "empty" } });

    async function save(answer) {
      fieldset.dataset.state = "saving";
      state.textContent = "Saving…";
      try {
        await api.answerSave(r.id, question.id, answer, evidence.value.trim());
        r.answers[question.id] = answer;
        if (evidence.value.trim()) r.evidence[question.id] = evidence.value.trim();
        else delete r.evidence[question.id];
        evidence.disabled = false;
        fieldset.dataset.state = "saved";
        state.textContent = "Saved";
        onSaved();
      } catch (error) {
        fieldset.dataset.state = "error";
        state.textContent = "";
        show(error);
      }
    }

    let timer = null;
    const saveEvidence = () => {
      clearTimeout(timer);
      const answer = r.answers[question.id];
      if (answer && (evidence.value.trim() !== (r.evidence[question.id] ?? ""))) save(answer);
    };
    evidence.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(saveEvidence, 800); });
    evidence.addEventListener("change", saveEvidence);

    mount(fieldset,
      h("legend", {}, h("span", { class: "question-number" }, `${index + 1}. `), question.text),
      answerOptions(fieldset, { name, levels: q.levels, anchors: question.anchors, extras: EXTRA, chosen: r.answers[question.id], save }),
      h("label", { class: "evidence-label small", for: evidence.id }, "Evidence or comment (optional)"),
      evidence,
      state);
    return fieldset;
  }

  // ---- Targets and weights ----

  function renderTargets() {
    const rows = dims.map((d) => {
      const target = h("select", { id: `target-${d.id}`, "aria-label": `Target level for ${d.name}` },
        h("option", { value: "" }, "No target"),
        q.levels.map((l) => h("option", { value: l.value, selected: st.choices.targets[d.id] === l.value }, `${l.value} ${l.name}`)));
      const weight = h("input", {
        type: "number", id: `weight-${d.id}`, min: 0.1, max: 100, step: 0.5, class: "weight-input",
        placeholder: String(d.weight), value: st.choices.weights[d.id] ?? undefined, "aria-label": `Weight of ${d.name}`,
      });
      const saved = h("span", { class: "saved-state small", id: `weight-${d.id}-state` });
      weight.setAttribute("aria-describedby", saved.id);
      const save = async () => {
        const t = target.value ? Number(target.value) : null;
        const w = weight.value ? Number(weight.value) : null;
        // Checked here, said beside the field: "abc" or 0 never reaches the store as "no weight".
        const badWeight = weight.validity.badInput || (w !== null && !(w > 0 && w <= 100));
        weight.toggleAttribute("aria-invalid", badWeight);
        saved.classList.toggle("field-error", badWeight);
        if (badWeight) {
          saved.textContent = `The weight of ${d.name} is a number above 0 and at most 100 (empty: the questionnaire's ${d.weight}). Not saved.`;
          weight.focus();
          return;
        }
        try {
          await api.dimensionChoiceSet(id, d.id, t, w);
          if (t) st.choices.targets[d.id] = t; else delete st.choices.targets[d.id];
          if (w) st.choices.weights[d.id] = w; else delete st.choices.weights[d.id];
          saved.textContent = "Saved";
          show(null);
        } catch (error) {
          saved.textContent = "";
          show(error);
        }
      };
      target.addEventListener("change", save);
      weight.addEventListener("change", save);
      return h("tr", { dataset: { dimension: d.id } }, h("th", { scope: "row" }, d.name), h("td", {}, target), h("td", {}, weight), h("td", {}, saved));
    });
    mount(body,
      h("h2", { id: "phase-title" }, "Targets and weights"),
      h("p", {}, "For each dimension, the level the team wants to reach next. A weight above 1 makes a dimension count more in the overall score and in the ranking of gaps; leave it empty for the questionnaire's weight (shown in grey)."),
      h("table", { class: "targets", id: "targets" },
        h("thead", {}, h("tr", {}, ["Dimension", "Target", "Weight", ""].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, rows)),
      h("div", { class: "pager" }, h("span"),
        h("button", { type: "button", id: "to-dora", onclick: () => { view.phase = "dora"; render(); main.scrollTop = 0; } }, "Next: DORA questions →")));
  }

  // ---- DORA ----

  function renderDora() {
    const dora = st.dora;
    const year = h("select", { id: "dora-year" },
      dora.years.map((y) => h("option", { value: y.year, selected: y.year === st.dora_year }, String(y.year))));
    year.addEventListener("change", async () => {
      try {
        await api.doraYearSet(id, Number(year.value));
        st.dora_year = Number(year.value);
        show(null);
      } catch (error) {
        show(error);
      }
    });
    const save = async (metricId, answer, stateEl) => {
      try {
        await api.doraAnswerSet(id, metricId, answer);
        st.dora_answers[metricId] = answer;
        stateEl.classList.remove("field-error");
        stateEl.textContent = "Saved";
        show(null);
      } catch (error) {
        // Beside the question, where the person is looking.
        stateEl.classList.add("field-error");
        stateEl.textContent = error.message ?? String(error);
      }
    };
    const metric = (m) => {
      const stored = st.dora_answers[m.id];
      const stateEl = h("span", { class: "saved-state small" });
      const name = `dora-${m.id}`;
      let control;
      if (m.kind.bucket) {
        const options = [...m.kind.bucket.buckets.map((b) => [b.id, b.label]), ["dont-know", "Don't know"]];
        control = h("div", { class: "options" }, options.map(([value, label]) => {
          const checked = value === "dont-know" ? stored?.kind === "dont-know" : stored?.kind === "bucket" && stored.value === value;
          const input = h("input", { type: "radio", name, value, id: `${name}-${value}`, checked });
          input.addEventListener("change", () => save(m.id, value === "dont-know" ? { kind: "dont-know" } : { kind: "bucket", value }, stateEl));
          return h("label", { class: "option", for: input.id }, input, h("span", { class: "option-text" }, label));
        }));
      } else {
        const number = h("input", { type: "number", id: name, min: 0, max: 100, step: 1, class: "percent-input",
          value: stored?.kind === "percent" ? stored.value : undefined, disabled: stored?.kind === "dont-know" ? true : undefined });
        const dontKnow = h("input", { type: "checkbox", id: `${name}-dont-know`, checked: stored?.kind === "dont-know" });
        stateEl.id = `${name}-state`;
        number.setAttribute("aria-describedby", stateEl.id);
        // A percentage is checked here and the problem said beside the field, by the metric's name.
        const valid = () => {
          const v = Number(number.value);
          const bad = number.validity.badInput || (number.value !== "" && !(Number.isFinite(v) && v >= 0 && v <= 100));
          number.toggleAttribute("aria-invalid", bad);
          stateEl.classList.toggle("field-error", bad);
          if (bad) {
            stateEl.textContent = `${m.name}: a percentage from 0 to 100, or tick Don't know. Not saved.`;
            number.focus();
          }
          return !bad;
        };
        number.addEventListener("change", () => {
          if (!valid() || number.value === "") return;
          save(m.id, { kind: "percent", value: Number(number.value) }, stateEl);
        });
        dontKnow.addEventListener("change", () => {
          number.disabled = dontKnow.checked;
          if (dontKnow.checked) save(m.id, { kind: "dont-know" }, stateEl);
          else if (number.value !== "" && valid()) save(m.id, { kind: "percent", value: Number(number.value) }, stateEl);
        });
        control = h("div", { class: "percent-row" },
          h("label", { for: name }, "Percentage "), number, " % ",
          h("label", { class: "option-inline", for: dontKnow.id }, dontKnow, " Don't know"));
      }
      return h("fieldset", { class: "question dora-question", dataset: { metric: m.id } },
        h("legend", {}, m.name), h("p", {}, m.question), control, stateEl);
    };
    mount(body,
      h("h2", { id: "phase-title" }, "DORA questions"),
      h("p", {}, "Four keys as DORA asks them, for the main application or service the team works on. The results compare the answers with the clusters of one report year."),
      h("p", {}, h("label", { for: "dora-year" }, "Compare with the clusters of "), year),
      h("p", { class: "muted small" }, dora.note),
      dora.metrics.map(metric),
      h("div", { class: "pager" },
        h("button", { type: "button", class: "button-secondary", onclick: () => { view.phase = "targets"; render(); } }, "← Targets"),
        h("button", { type: "button", id: "to-complete", onclick: () => { view.phase = "complete"; render(); main.scrollTop = 0; } }, "Next: complete →")));
  }

  // ---- Complete ----

  function renderComplete() {
    const unfinished = st.respondents.filter((r) => !r.finished);
    // Only the person answering now gets their answers from Rust; the others' count comes with them.
    const answers = st.respondents.reduce((n, r) => n + r.answered, 0);
    mount(body,
      h("h2", { id: "phase-title" }, "Complete the assessment"),
      h("ul", {},
        h("li", {}, `${st.respondents.length - unfinished.length} of ${st.respondents.length} people finished, ${answers} answers in all.`),
        h("li", {}, `${Object.keys(st.choices.targets).length} of ${dims.length} dimensions have a target.`),
        h("li", {}, `${Object.keys(st.dora_answers).length} of ${st.dora.metrics.length} DORA questions answered; compared with ${st.dora_year}.`)),
      h("p", {}, "Once completed, the answers can no longer change; the results and the team's history show it."),
      h("div", { class: "pager" },
        h("button", { type: "button", class: "button-secondary", onclick: () => { view.phase = "dora"; render(); } }, "← DORA"),
        h("button", { type: "button", id: "complete-assessment", onclick: async () => {
          try {
            await api.assessmentComplete(id);
            location.hash = `#/results/${id}`;
          } catch (error) {
            show(error);
          }
        } }, "Complete and see the results")));
  }

  if (!enterRespondent()) return;
  const crumbs = options.crumbs ?? [["#/teams", "Teams"], [`#/team/${st.team.id}`, st.team.name]];
  mount(main,
    h("p", { class: "breadcrumb" }, crumbs.map(([href, label]) => [h("a", { href }, label), " / "]), "assessment"),
    h("h1", {}, `Assessment: ${st.team.name}`),
    h("p", { class: "muted small" }, `Started ${date(st.assessment.started_at)} · ${q.title}, version ${q.version}`),
    h("div", { class: "wizard wide" }, h("div", { class: "wizard-main" }, steps, saveStatus, body), people));
  render();
}

function kindLabel(kind) {
  return { principle: "DASA principle", skill: "Skill area", knowledge: "Knowledge area" }[kind] ?? kind;
}
