// #/practice/WORKSHOP: the EJ Airways practice round. Each group (a team of the workshop)
// answers the questionnaire about the case, one dimension per page; keys 1–5 choose a level and
// D "don't know" for the question you are in; every answer is saved at once.
// #/practice/WORKSHOP/compare: the groups against the facilitator's key and each other,
// question by question. The key's level and reasoning, and each group's distance to it, stay in
// Rust until "Reveal reasoning" is pressed for that question (a level and its distance would
// give the key away). Summaries per group and the discussion order come from Rust.
// A group that answered on another version of the questionnaire than the key's is compared only
// on the questions both versions ask alike: Rust says which (`not_compared`) and writes the
// note ("Answered on questionnaire 1.0.0; compared on …"); the answering page shows such an
// earlier answer beside its question (`earlier`), and answering again compares it.

import { h, mount, errorBox } from "../dom.js";
import { answerOptions } from "./answer-options.js";

const FACT_SHEET = "#/chapter/ej-airways-fact-sheet";

function header(workshop, title, current) {
  const id = workshop.id;
  const link = (href, label, key) =>
    h("a", { href, "aria-current": key === current ? "page" : undefined }, label);
  return [
    h("p", { class: "breadcrumb" },
      h("a", { href: `#/workshop/${id}` }, workshop.name), " · ", workshop.held_on),
    h("h1", {}, title),
    h("nav", { class: "practice-nav", "aria-label": "Practice round" },
      link(`#/practice/${id}`, "Answer", "answer"),
      link(`#/practice/${id}/compare`, "Compare with the key", "compare"),
      link(FACT_SHEET, "EJ Airways fact sheet", "facts"),
      link(`#/dashboard/${id}`, "Projector dashboard", "dashboard")),
  ];
}

function noGroups(workshop) {
  return h("div", { class: "notice", id: "practice-empty" },
    "This workshop has no teams yet. Add the teams on ",
    h("a", { href: `#/workshop/${workshop.id}` }, "the workshop page"),
    "; each team is one group in the practice round.");
}

// ---- Answering ------------------------------------------------------------------------------

export async function renderPractice({ main, api }, workshopId, page) {
  if (page === "compare") return renderComparison({ main, api }, workshopId);
  const round = await api.practiceRound(Number(workshopId));
  const q = round.questionnaire;
  const dims = q.dimensions;
  const view = { group: 0, dim: 0 };
  const body = h("div", { id: "practice-body" });
  const status = h("div", { class: "save-status", role: "status", "aria-live": "polite", id: "practice-status" });
  const tabs = h("div", { class: "practice-groups", role: "group", "aria-label": "Group answering" });

  mount(main,
    header(round.workshop, "EJ Airways practice round", "answer"),
    h("p", { class: "lead" },
      "Before the teams assess themselves, each group assesses the fictional EJ Airways from the case study. ",
      "Answer from the facts of the ", h("a", { href: FACT_SHEET }, "fact sheet"),
      ", then compare the groups with the facilitator's key."),
    tabs, status, body);

  if (!round.groups.length) {
    mount(body, noGroups(round.workshop));
    return;
  }

  const questionsOf = (dimId) => q.questions.filter((x) => x.dimension === dimId);
  const group = () => round.groups[view.group];
  const answered = (g) => Object.keys(g.answers).length;

  function renderTabs() {
    mount(tabs,
      h("span", { class: "muted" }, "Group answering:"),
      round.groups.map((g, i) =>
        h("button", {
          type: "button", class: i === view.group ? "" : "button-secondary",
          "aria-pressed": i === view.group ? "true" : "false", dataset: { group: g.workshop_team_id },
          onclick: () => { view.group = i; view.dim = firstOpen(g); render(); },
        }, g.team_name, h("span", { class: "practice-count" }, ` ${answered(g)}/${q.questions.length}`))));
  }

  function firstOpen(g) {
    const i = dims.findIndex((d) => questionsOf(d.id).some((x) => !g.answers[x.id]));
    return i < 0 ? 0 : i;
  }

  function render() {
    renderTabs();
    mount(status);
    const g = group();
    const d = dims[view.dim];
    const progress = h("progress", { max: q.questions.length, value: answered(g), "aria-label": "Answers given" });
    const count = h("span", { id: "practice-answer-count" }, `${answered(g)} of ${q.questions.length} answered`);
    const onSaved = () => {
      progress.value = answered(g);
      count.textContent = `${answered(g)} of ${q.questions.length} answered`;
      renderTabs();
    };
    const last = view.dim === dims.length - 1;
    mount(body,
      h("p", { class: "progress-line" },
        h("span", { id: "practice-dimension-position" }, `Dimension ${view.dim + 1} of ${dims.length}`), " · ", count, " ", progress),
      h("p", { class: "practice-answering" }, "Answering for EJ Airways: ", h("strong", { id: "practice-group-name" }, g.team_name)),
      h("h2", { class: "dimension-title", id: "practice-dimension-title" }, d.name),
      h("p", { class: "dimension-description" }, d.description),
      h("p", { class: "muted small keys-hint" },
        "Keys: 1–5 choose a level for the question you are in, D “don't know”, ↑/↓ move between choices, Tab moves on."),
      questionsOf(d.id).map((question) => questionBlock(question, g, onSaved)),
      h("div", { class: "pager" },
        view.dim > 0
          ? h("button", { type: "button", class: "button-secondary", id: "practice-previous", onclick: () => move(-1) }, "← Previous dimension")
          : h("span"),
        last
          ? h("a", { class: "button", id: "practice-to-compare", href: `#/practice/${round.workshop.id}/compare` }, "Compare the groups with the key →")
          : h("button", { type: "button", id: "practice-next", onclick: () => move(1) }, "Next dimension →")));
    (body.querySelector("fieldset.question input:checked") || body.querySelector("fieldset.question input"))?.focus();
  }

  function move(step) {
    view.dim += step;
    render();
    main.scrollTop = 0;
  }

  function questionBlock(question, g, onSaved) {
    const number = q.questions.indexOf(question) + 1;
    const name = `practice-${question.id}`;
    const state = h("span", { class: "saved-state small", "aria-live": "polite" });
    const fieldset = h("fieldset", { class: "question", dataset: { question: question.id, state: g.answers[question.id] ? "saved" : "empty" } });
    const before = g.earlier[question.id];
    const earlier = before
      ? h("p", { class: "muted small practice-earlier" },
        `Answered “${before.answer === "dont-know" ? "don't know" : before.answer}” on `,
        before.questionnaire_version ? `questionnaire ${before.questionnaire_version}` : "an earlier questionnaire version",
        ", which asks this differently: answer again to compare it with the key.")
      : null;

    async function save(answer) {
      fieldset.dataset.state = "saving";
      state.textContent = "Saving…";
      try {
        await api.practiceAnswerSave(g.workshop_team_id, question.id, answer);
        g.answers[question.id] = answer;
        delete g.earlier[question.id];
        earlier?.remove();
        fieldset.dataset.state = "saved";
        state.textContent = "Saved";
        mount(status);
        onSaved();
      } catch (error) {
        fieldset.dataset.state = "error";
        state.textContent = "";
        mount(status, errorBox(error));
      }
    }

    mount(fieldset,
      h("legend", {}, h("span", { class: "question-number" }, `${number}. `), question.text),
      earlier,
      answerOptions(fieldset, {
        name, levels: q.levels, anchors: question.anchors, extras: [["dont-know", "Don't know"]],
        chosen: g.answers[question.id], save, keys: { d: "dont-know" },
      }),
      state);
    return fieldset;
  }

  view.dim = firstOpen(group());
  render();
  // render() put focus on the first question's choice, so the keys 1–5 work at once; only
  // when there is none does the page itself take focus.
  if (!body.contains(document.activeElement)) main.focus();
}

// ---- Comparison with the key ----------------------------------------------------------------

// Before the reveal a group's answer has no distance (Rust sends none): it is shown as hidden.
const distanceText = (a) => {
  if (a.not_compared) return "not compared: answered on a version that asks this differently";
  if (a.dont_know) return "don't know";
  if (a.level === null) return "no answer";
  if (a.distance === undefined || a.distance === null) return "shown with the key";
  if (a.distance === 0) return "on the key";
  return `${a.distance} level${a.distance === 1 ? "" : "s"} away`;
};

const mean = (x) => (x === null || x === undefined ? "—" : x.toFixed(2));

async function renderComparison({ main, api }, workshopId) {
  const c = await api.practiceComparison(Number(workshopId));
  const filter = { mode: c.discussion.length ? "discuss" : "all" };
  const list = h("div", { id: "compare-questions" });
  const groupNames = c.groups.map((g) => g.name);

  mount(main,
    header(c.workshop, "EJ Airways: the groups and the key", "compare"),
    h("p", { class: "lead" },
      "How far each group's answers are from the facilitator's key, and where the groups disagree with each other. ",
      "The key's level, its reasoning and each group's distance to it stay hidden until you reveal them, one question at a time."));

  if (!c.groups.length) {
    main.append(noGroups(c.workshop));
    return;
  }

  const summary = h("table", { class: "practice-summary practice-wide", id: "practice-summary" },
    h("caption", {}, `Each group against the key (questionnaire ${c.key_version})`),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, "Group"),
      h("th", { scope: "col" }, "Answered"),
      h("th", { scope: "col" }, "On the key"),
      h("th", { scope: "col" }, "Within one level"),
      h("th", { scope: "col" }, "Mean distance"),
      h("th", { scope: "col" }, "Don't know"),
      h("th", { scope: "col" }, "No answer"))),
    h("tbody", {}, c.groups.map((g) => h("tr", { dataset: { group: g.name } },
      h("th", { scope: "row" }, g.name),
      h("td", {}, `${g.answered} of ${g.questions - g.not_compared}`),
      h("td", { class: "num" }, g.exact),
      h("td", { class: "num" }, g.within_one),
      h("td", { class: "num group-mean" }, mean(g.mean_distance)),
      h("td", { class: "num" }, g.dont_know),
      h("td", { class: "num" }, g.unanswered)))));

  // Groups that answered on another version of the questionnaire, and on how many of the key's
  // questions they are compared.
  const versionNotes = c.groups.filter((g) => g.version_note);
  const notes = versionNotes.length
    ? h("ul", { class: "notice practice-wide practice-versions", id: "practice-versions" },
      versionNotes.map((g) => h("li", { dataset: { group: g.name } }, h("strong", {}, g.name), ": ", g.version_note)))
    : null;

  const byDimension = h("details", { class: "practice-wide practice-dimensions" },
    h("summary", {}, "Per dimension: mean distance from the key (answers on the key / answered)"),
    h("table", { class: "practice-summary" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Dimension"),
        groupNames.map((n) => h("th", { scope: "col" }, n)))),
      h("tbody", {}, c.groups[0].dimensions.map((d, i) => h("tr", {},
        h("th", { scope: "row" }, d.name),
        c.groups.map((g) => {
          const t = g.dimensions[i];
          return h("td", { class: "num" }, t.answered ? `${mean(t.mean_distance)} (${t.exact}/${t.answered})` : "—");
        }))))));

  const modeSelect = h("select", { id: "compare-filter", "aria-label": "Questions to show" },
    h("option", { value: "discuss", selected: filter.mode === "discuss" }, `Where the groups disagree (${c.discussion.length}), widest first`),
    h("option", { value: "answered", selected: filter.mode === "answered" }, "Every question a group answered"),
    h("option", { value: "all", selected: filter.mode === "all" }, `All ${c.questions.length} questions`));
  modeSelect.addEventListener("change", () => { filter.mode = modeSelect.value; renderList(); });

  main.append(summary, ...(notes ? [notes] : []), byDimension,
    h("div", { class: "inline-form practice-wide" }, h("label", { for: "compare-filter" }, "Show"), modeSelect,
      h("span", { class: "muted small" }, `Groups ${c.disagreement_spread} or more levels apart are marked as a disagreement.`)),
    list);

  function renderList() {
    let questions;
    if (filter.mode === "discuss") {
      const byId = new Map(c.questions.map((x) => [x.id, x]));
      questions = c.discussion.map((id) => byId.get(id));
    } else if (filter.mode === "answered") {
      questions = c.questions.filter((x) => x.groups.some((a) => a.level !== null || a.dont_know));
    } else {
      questions = c.questions;
    }
    mount(list, questions.length
      ? questions.map(questionCard)
      : h("p", { class: "notice", id: "compare-none" }, filter.mode === "discuss"
        ? "No question splits the groups by two levels or more yet."
        : "No group has answered yet."));
  }

  function groupRows(groups) {
    return groups.map((a, i) => h("tr", { dataset: { group: groupNames[i], distance: a.distance ?? "" } },
      h("th", { scope: "row" }, groupNames[i]),
      h("td", { class: "num" }, a.level ?? (a.dont_know ? "?" : "—")),
      h("td", { class: `distance distance-${a.distance ?? "none"}` }, distanceText(a))));
  }

  function questionCard(x) {
    const rows = h("tbody", {}, groupRows(x.groups));
    const reveal = h("div", { class: "key-reveal", dataset: { revealed: "false" } });
    const button = h("button", { type: "button", class: "button-secondary reveal-button", "aria-expanded": "false",
      onclick: async () => {
        button.disabled = true;
        try {
          const key = await api.practiceKey(Number(workshopId), x.id);
          button.remove();
          reveal.dataset.revealed = "true";
          mount(rows, groupRows(key.groups));
          mount(reveal,
            h("p", { class: "key-level" }, h("strong", {}, `The key: level ${key.level} ${key.level_name}`)),
            h("p", { class: "key-reason" }, key.reason));
          reveal.focus();
        } catch (error) {
          button.disabled = false;
          mount(reveal, errorBox(error));
        }
      } }, "Reveal reasoning");
    reveal.setAttribute("tabindex", "-1");
    return h("article", { class: `compare-question card${x.disagreement ? " is-split" : ""}`, id: `compare-${x.id}`, dataset: { question: x.id } },
      h("header", { class: "compare-head" },
        h("h3", {}, h("span", { class: "question-number" }, `${x.number}. `), x.text),
        h("p", { class: "muted small" }, x.dimension,
          x.disagreement ? h("span", { class: "badge badge-hot" }, ` Groups ${x.spread} levels apart`) : null)),
      h("table", { class: "compare-groups" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Group"), h("th", { scope: "col" }, "Answer"), h("th", { scope: "col" }, "Distance from the key"))),
        rows),
      h("div", { class: "compare-actions" }, button),
      reveal);
  }

  renderList();
  main.focus();
}
