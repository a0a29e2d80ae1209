// #/workshop/ID/discuss/A[/QID]: a team's discussion, run by the facilitator on the projector.
// The question list puts the widest spread of answers first. For one question: collect the
// missing votes in a hand-round (one person at a time, nothing of anyone else's vote on
// screen), reveal the distribution to the room (names only when ticked), then record the
// level the group agrees with its reason. Votes reach this page only with the reveal
// (`workshop_discussion` with `reveal`), and every number shown is computed in Rust.
// Keys on a question: R reveals, N shows or hides names, ←/→ move through the list, P
// switches the projector layout.

import { h, mount, errorBox } from "../dom.js";
import { score } from "../format.js";

const EXTRA = [["dont-know", "Don't know"], ["not-applicable", "Not applicable"]];

/** What the facilitator chose, kept while moving between questions of one team. */
const prefs = { assessment: null, filter: "all", names: false, revealed: new Set() };
let keyHandler = null;

// The projector layout hides the app's navigation: leave it whenever the discussion is left.
window.addEventListener("hashchange", () => {
  if (!location.hash.includes("/discuss/")) document.body.classList.remove("workshop-projector");
  document.body.classList.remove("workshop-voting");
});

export async function renderDiscussion(ctx, workshopId, assessmentId, questionId) {
  if (prefs.assessment !== assessmentId) {
    Object.assign(prefs, { assessment: assessmentId, filter: "all", names: false, revealed: new Set() });
  }
  // A finished or abandoned vote round shows the question list and scores again.
  document.body.classList.remove("workshop-voting");
  const { main, api } = ctx;
  const base = `#/workshop/${workshopId}/discuss/${assessmentId}`;
  const load = () => api.workshopDiscussion(assessmentId, questionId ?? null,
    questionId ? prefs.revealed.has(questionId) : false, prefs.names);
  let d = await load();
  // Once agreed, a question's votes are no secret any more: show them beside the agreed level.
  if (questionId && d.selected?.consensus && !prefs.revealed.has(questionId)) {
    prefs.revealed.add(questionId);
    d = await load();
  }
  const status = h("div", { role: "status", "aria-live": "polite", id: "discussion-status" });
  const show = (error) => mount(status, error ? errorBox(error) : null);
  const again = () => renderDiscussion(ctx, workshopId, assessmentId, questionId).catch(show);
  const frozen = d.assessment.status === "completed";
  const agreedCount = d.questions.filter((x) => x.consensus).length;

  const panel = h("section", { class: "question-panel", id: "question-panel", "aria-live": "polite" });
  mount(main,
    h("p", { class: "breadcrumb" },
      h("a", { href: "#/workshops" }, "Workshops"), " / ",
      d.workshop ? h("a", { href: `#/workshop/${d.workshop.id}` }, d.workshop.name) : d.team.name, " / discussion"),
    h("div", { class: "discussion-head" },
      h("h1", { id: "discussion-title" }, `Discussion: ${d.team.name}`),
      h("button", { type: "button", class: "button-secondary", id: "projector-toggle", onclick: toggleProjector },
        document.body.classList.contains("workshop-projector") ? "Normal layout (P)" : "Projector layout (P)")),
    h("p", { class: "muted", id: "discussion-meta" },
      `${d.respondents.length} people · ${d.hot_spots} hot-spot${d.hot_spots === 1 ? "" : "s"} (answers two or more levels apart) · ${agreedCount} agreed`,
      frozen ? " · completed: agreed levels can no longer change" : ""),
    status,
    h("div", { class: "discussion wide" }, questionList(d, base, questionId), panel),
    scoresTable(d));

  if (d.selected) renderQuestion(panel, d, { api, base, show, again, frozen, questionId });
  else mount(panel, h("div", { class: "question-empty" },
    h("h2", {}, "Pick a question"),
    h("p", {}, "The list starts with the questions whose answers lie furthest apart: the hot-spots. Open one, collect any missing votes, reveal the distribution and agree a level.")));
  installKeys(panel, d, base, again);
  main.focus();
}

function toggleProjector() {
  const on = document.body.classList.toggle("workshop-projector");
  const button = document.getElementById("projector-toggle");
  if (button) button.textContent = on ? "Normal layout (P)" : "Projector layout (P)";
}

function questionList(d, base, current) {
  const filter = h("select", { id: "question-filter", "aria-label": "Questions to list" },
    h("option", { value: "all", selected: prefs.filter === "all" }, "All questions, widest spread first"),
    h("option", { value: "hot", selected: prefs.filter === "hot" }, "Hot-spots only"),
    h("option", { value: "open", selected: prefs.filter === "open" }, "Not yet agreed"));
  const list = h("ol", { class: "question-list", id: "question-list" });
  const draw = () => {
    const shown = d.questions.filter((x) =>
      prefs.filter === "hot" ? x.hot : prefs.filter === "open" ? !x.consensus : true);
    mount(list, shown.length ? shown.map((x) => h("li", {
      class: [x.hot ? "hot" : "", x.id === current ? "current" : ""].join(" ").trim() || undefined,
      dataset: { question: x.id, spread: x.spread, agreed: x.consensus?.level ?? "" },
    },
      h("a", { href: `${base}/${encodeURIComponent(x.id)}`, "aria-current": x.id === current ? "page" : undefined },
        h("span", { class: "q-number" }, `Q${x.number}`),
        h("span", { class: "q-text" }, x.text),
        h("span", { class: "q-facts small" },
          h("span", { class: "q-dimension" }, x.dimension),
          ` · ${x.answered} of ${d.respondents.length} voted`,
          x.spread ? h("span", { class: x.hot ? "badge badge-hot" : "badge" }, `spread ${x.spread}`) : null,
          x.consensus ? h("span", { class: "badge badge-agreed" }, `agreed ${x.consensus.level}`) : null))))
      : h("li", { class: "muted" }, "No question matches."));
  };
  filter.addEventListener("change", () => { prefs.filter = filter.value; draw(); });
  draw();
  return h("nav", { class: "question-nav", "aria-label": "Questions" }, filter, list);
}

function scoresTable(d) {
  return h("section", { class: "wide", id: "discussion-scores" },
    h("h2", {}, "Scores with the agreed levels"),
    h("p", { class: "muted small" }, "An agreed level replaces every person's answer to that question before the dimension is scored; the second column scores the answers alone."),
    h("table", { class: "scores" },
      h("thead", {}, h("tr", {}, ["Dimension", "Score", "Answers alone", "Agreed questions"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, d.dimensions.map((x) => h("tr", { dataset: { dimension: x.id } },
        h("th", { scope: "row" }, x.name),
        h("td", { class: "num score" }, x.score === null ? "not enough answers" : score(x.score)),
        h("td", { class: "num votes-score muted" }, x.votes_score === null ? "—" : score(x.votes_score)),
        h("td", { class: "num" }, x.agreed ? String(x.agreed) : "")))),
      h("tfoot", {}, h("tr", {},
        h("th", { scope: "row" }, "Overall"),
        h("td", { class: "num score", id: "discussion-overall" }, score(d.overall)),
        h("td", { class: "num votes-score muted" }, score(d.votes_overall)),
        h("td", {})))));
}

// ---- One question ----

function renderQuestion(panel, d, env) {
  const s = d.selected;
  const q = s.question;
  const missing = s.voters.filter((v) => !v.voted);
  const revealed = Boolean(s.reveal);
  const dim = d.dimensions.find((x) => x.id === q.dimension);

  const names = h("input", { type: "checkbox", id: "show-names", checked: prefs.names });
  names.addEventListener("change", () => { prefs.names = names.checked; env.again(); });

  mount(panel,
    h("p", { class: "question-context" }, `Question ${s.number} · ${s.dimension}`),
    h("h2", { class: "question-text", id: "question-text" }, q.text),
    h("details", { class: "anchors" },
      h("summary", {}, "What each level means here"),
      h("ol", { class: "anchor-list" }, s.levels.map((l, i) =>
        h("li", {}, h("strong", {}, `${l.value} ${l.name}: `), q.anchors[i])))),
    h("ul", { class: "voters", id: "voters", "aria-label": "Who has voted" }, s.voters.map((v) =>
      h("li", { dataset: { voted: v.voted ? "yes" : "no" } }, v.voted ? "✓ " : "… ", v.name))),
    h("div", { class: "question-actions" },
      missing.length && !env.frozen
        ? h("button", { type: "button", id: "collect-votes", class: revealed ? "button-secondary" : undefined, onclick: () => voteRound(panel, d, env) },
            `Collect ${missing.length} missing vote${missing.length === 1 ? "" : "s"}`)
        : null,
      revealed
        ? h("button", { type: "button", class: "button-secondary", id: "hide-votes", onclick: () => { prefs.revealed.delete(q.id); env.again(); } }, "Hide the votes")
        : h("button", { type: "button", id: "reveal", onclick: () => { prefs.revealed.add(q.id); env.again(); } }, "Reveal the votes (R)"),
      h("label", { class: "option-inline", for: "show-names" }, names, " Show names (N)")),
    revealed ? revealArea(s) : h("p", { class: "muted", id: "reveal-area" },
      missing.length ? `${s.voters.length - missing.length} of ${s.voters.length} have voted. The votes stay hidden until you reveal them.`
        : "Everyone has voted. The votes stay hidden until you reveal them."),
    revealed || s.consensus ? consensusSection(s, d, env) : null,
    dim ? h("p", { class: "dimension-effect", id: "dimension-effect" },
      h("strong", {}, dim.name), `: ${dim.score === null ? "not enough answers" : score(dim.score)}`,
      dim.agreed ? h("span", { class: "muted" }, ` with ${dim.agreed} agreed level${dim.agreed === 1 ? "" : "s"} · ${score(dim.votes_score)} from the answers alone`) : null) : null,
    h("div", { class: "pager" },
      s.previous ? h("a", { class: "button button-secondary", id: "previous-question", href: `${env.base}/${encodeURIComponent(s.previous)}` }, "← Previous") : h("span"),
      s.next ? h("a", { class: "button button-secondary", id: "next-question", href: `${env.base}/${encodeURIComponent(s.next)}` }, "Next →") : h("span")));
}

function revealArea(s) {
  const r = s.reveal;
  const v = r.votes;
  const max = Math.max(1, ...v.distribution, v.dont_know, v.not_applicable);
  const bar = (key, label, count, who) => {
    const fill = h("span", { class: "reveal-fill" });
    fill.style.height = `${(count / max) * 100}%`;
    return h("li", { class: `reveal-bar reveal-${key}`, dataset: { level: key } },
      h("span", { class: "reveal-count" }, String(count)),
      h("span", { class: "reveal-track" }, fill),
      h("span", { class: "reveal-label" }, label),
      who ? h("span", { class: "reveal-names" }, who.join(", ")) : null);
  };
  const n = r.names;
  return h("div", { class: "reveal", id: "reveal-area" },
    h("ol", { class: "reveal-bars", "aria-label": "Votes per level" },
      s.levels.map((l, i) => bar(String(l.value), `${l.value} ${l.name}`, v.distribution[i], n?.levels[i])),
      bar("dont-know", "Don't know", v.dont_know, n?.dont_know),
      bar("not-applicable", "Not applicable", v.not_applicable, n?.not_applicable)),
    h("p", { class: "reveal-summary", id: "reveal-summary" },
      r.levels_given
        ? `${r.levels_given} level${r.levels_given === 1 ? "" : "s"} given · from ${v.min} to ${v.max} · spread ${v.spread} · median ${v.median.toFixed(1)}`
        : "No level given yet.",
      v.unanswered ? ` · ${v.unanswered} not voted` : "",
      n?.waiting.length ? ` (${n.waiting.join(", ")})` : ""));
}

function consensusSection(s, d, env) {
  const c = s.consensus;
  const levelName = (value) => s.levels.find((l) => l.value === value)?.name ?? "";
  const current = c ? h("div", { class: "consensus-current", id: "consensus-current", dataset: { level: c.level } },
    h("p", { class: "agreed-level" }, "Agreed level ", h("strong", {}, `${c.level} ${levelName(c.level)}`),
      s.reveal ? h("span", { class: "muted" }, ` · answers from ${s.reveal.votes.min ?? "—"} to ${s.reveal.votes.max ?? "—"}, spread ${s.reveal.votes.spread}`) : null),
    h("p", { class: "rationale-text" }, c.rationale)) : null;
  if (env.frozen) return h("section", { class: "consensus" }, h("h3", {}, "Agreed level"), current ?? h("p", { class: "muted" }, "None was recorded."));

  const radios = s.levels.map((l) => {
    const input = h("input", { type: "radio", name: "agreed-level", id: `agreed-level-${l.value}`, value: l.value, checked: c?.level === l.value });
    return h("label", { class: "option agreed-option", for: input.id }, input, h("span", { class: "option-text" }, h("strong", {}, `${l.value}`), ` ${l.name}`));
  });
  const rationale = h("textarea", { id: "rationale", rows: 3, maxlength: d.max_rationale, required: true,
    placeholder: "Why this level: the facts the group agreed on" });
  rationale.value = c?.rationale ?? "";
  const counter = h("span", { class: "muted small", id: "rationale-count" });
  const formStatus = h("div", { role: "status", "aria-live": "polite", id: "consensus-status" });
  const fail = (error) => mount(formStatus, errorBox(error));
  const count = () => { counter.textContent = `${[...rationale.value].length} / ${d.max_rationale}`; };
  rationale.addEventListener("input", count);
  count();
  const form = h("form", { class: "consensus-form", id: "consensus-form" },
    h("fieldset", { class: "agreed-levels" }, h("legend", {}, c ? "Change the agreed level" : "The level the group agrees"), h("div", { class: "options agreed-options" }, radios)),
    h("label", { for: "rationale", class: "field-label" }, "Rationale (required)"),
    rationale, counter, formStatus,
    h("p", {},
      h("button", { type: "submit", id: "record-consensus" }, c ? "Save the change" : "Record the agreed level"),
      " ",
      c ? h("button", { type: "button", class: "button-secondary", id: "withdraw-consensus", onclick: async () => {
        try {
          await env.api.consensusClear(d.assessment.id, s.question.id);
          env.again();
        } catch (error) {
          fail(error);
        }
      } }, "Withdraw: score the answers again") : null));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const level = form.querySelector("input[name='agreed-level']:checked");
    if (!level) {
      fail({ message: "Choose the level the group agreed on." });
      return;
    }
    try {
      await env.api.consensusSet(d.assessment.id, s.question.id, Number(level.value), rationale.value);
      env.again();
    } catch (error) {
      fail(error);
    }
  });
  return h("section", { class: "consensus", id: "consensus" }, h("h3", {}, "Agreed level"), current,
    // Once agreed, the form stays folded so the room sees the decision, not an empty form.
    c ? h("details", { class: "consensus-change" }, h("summary", {}, "Change or withdraw"), form) : form);
}

// ---- The silent vote: one person at a time ----

function voteRound(panel, d, env) {
  const s = d.selected;
  const q = s.question;
  const queue = s.voters.filter((v) => !v.voted);
  let previous = null;
  // While people vote, nothing hints at the others' answers: the list with its spreads and the
  // scores are hidden until the round ends.
  document.body.classList.add("workshop-voting");

  const handover = () => {
    const v = queue[0];
    if (!v) {
      mount(panel, h("section", { class: "handover card vote-card", id: "vote-done" },
        h("h2", {}, "Everyone has voted"),
        h("p", {}, previous ? `Thank you, ${previous}. ` : "", "Please hand the computer back to the facilitator."),
        h("button", { type: "button", id: "vote-finished", onclick: () => env.again() }, "Back to the question")));
      panel.querySelector("#vote-finished").focus();
      return;
    }
    mount(panel, h("section", { class: "handover card vote-card", id: "vote-handover" },
      h("h2", {}, `Over to ${v.name}`),
      h("p", {}, previous ? `Thank you, ${previous}: your vote is saved and hidden. ` : "", `Please hand the computer to ${v.name}.`),
      h("p", { class: "muted" }, "Vote on your own: nobody else's vote is on this screen, and yours will not be either."),
      h("button", { type: "button", id: "vote-start", onclick: () => ballot(v) }, `I am ${v.name}: vote`)));
    panel.querySelector("#vote-start").focus();
  };

  const ballot = (v) => {
    const cast = async (value) => {
      try {
        await env.api.answerSave(v.id, q.id, value, null);
        previous = v.name;
        queue.shift();
        handover();
      } catch (error) {
        env.show(error);
      }
    };
    const option = (value, label, detail) => h("button", {
      type: "button", class: "vote-option", dataset: { value }, onclick: () => cast(value),
    }, h("strong", {}, label), detail ? h("span", { class: "vote-anchor" }, detail) : null);
    const card = h("section", { class: "card vote-card", id: "vote-ballot", dataset: { respondent: v.id }, tabindex: "-1" },
      h("p", { class: "question-context" }, `${v.name} · question ${s.number} · ${s.dimension}`),
      h("h2", { class: "question-text" }, q.text),
      h("p", { class: "muted small" }, "Keys 1–5 choose a level."),
      h("div", { class: "vote-options" },
        s.levels.map((l, i) => option(String(l.value), `${l.value} ${l.name}`, q.anchors[i])),
        EXTRA.map(([value, label]) => option(value, label))));
    card.addEventListener("keydown", (event) => {
      if (/^[1-5]$/.test(event.key) && !event.altKey && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        cast(event.key);
      }
    });
    mount(panel, card);
    card.focus();
  };
  handover();
}

// ---- Keys ----

function installKeys(panel, d, base, again) {
  if (keyHandler) document.removeEventListener("keydown", keyHandler);
  keyHandler = (event) => {
    if (!document.contains(panel)) {
      document.removeEventListener("keydown", keyHandler);
      keyHandler = null;
      return;
    }
    const t = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey || t.closest?.("input, textarea, select, .vote-card")) return;
    const s = d.selected;
    const key = event.key.toLowerCase();
    if (key === "p") toggleProjector();
    else if (key === "escape") document.body.classList.remove("workshop-projector");
    else if (!s) return;
    else if (key === "r" && !prefs.revealed.has(s.question.id)) { prefs.revealed.add(s.question.id); again(); }
    else if (key === "n") { prefs.names = !prefs.names; again(); }
    else if (event.key === "ArrowRight" && s.next) location.hash = `${base}/${encodeURIComponent(s.next)}`;
    else if (event.key === "ArrowLeft" && s.previous) location.hash = `${base}/${encodeURIComponent(s.previous)}`;
    else return;
    event.preventDefault();
  };
  document.addEventListener("keydown", keyHandler);
}
