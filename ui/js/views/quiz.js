// A module's knowledge check: answer (with or without a learner profile), submit, then read the
// feedback of every option. Options come shuffled per learner and attempt; grading, the shuffle
// and storing happen in Rust (`quiz`, `quiz_submit`). Without a profile nothing is stored.

import { h, mount, errorBox } from "../dom.js";
import { refreshProgress } from "../training.js";
import { deleteButton } from "./delete.js";

const KIND_HINT = {
  "true-false": "True or false?",
  single: "Pick one answer.",
  category: "Pick the one that fits.",
  multiple: "Pick all that apply.",
};

export async function renderQuiz({ main, api }, moduleId) {
  let quiz = await api.quiz(moduleId);
  const status = h("div", { class: "status", id: "quiz-status", "aria-live": "polite" });
  const learnerBar = h("section", { class: "learner-bar", "aria-label": "Learner profile" });
  const history = h("section", { class: "quiz-history", "aria-labelledby": "history-title" });
  let graded = false;

  function show(message, isError) {
    mount(status, message ? h("p", { class: isError ? "notice notice-error" : "notice notice-ok", role: isError ? "alert" : undefined }, message) : null);
  }

  async function renderLearners(data) {
    let teams = [];
    try {
      teams = await api.teamsList();
    } catch {
      teams = [];
    }
    const select = h("select", { id: "learner-select", onchange: async (e) => {
      try {
        const id = e.target.value ? Number(e.target.value) : null;
        await renderLearners(await api.learnerSelect(id));
        await reshuffleIfUntouched();
        await renderHistory();
        await refreshProgress();
        show("");
      } catch (error) {
        show(error.message, true);
      }
    } },
      h("option", { value: "" }, "— choose your profile —"),
      data.learners.map((l) => h("option", { value: l.id, selected: data.current?.id === l.id },
        l.team_name ? `${l.name} (${l.team_name})` : l.name)));
    const nameInput = h("input", { id: "new-learner-name", type: "text", "data-limit": 100, required: true, autocomplete: "off" });
    const teamSelect = h("select", { id: "new-learner-team", "aria-label": "Team (optional)" },
      h("option", { value: "" }, "No team"),
      teams.map((t) => h("option", { value: t.id }, t.name)));
    const form = h("form", { class: "inline-form", id: "new-learner", onsubmit: async (e) => {
      e.preventDefault();
      try {
        const teamId = teamSelect.value ? Number(teamSelect.value) : null;
        const next = await api.learnerCreate(nameInput.value, teamId);
        await renderLearners(next);
        await reshuffleIfUntouched();
        await renderHistory();
        await refreshProgress();
        show(`Profile “${next.current.name}” created and chosen.`, false);
      } catch (error) {
        show(error.message, true);
        nameInput.focus();
      }
    } },
      h("label", { for: "new-learner-name" }, "New profile"),
      nameInput,
      teams.length ? teamSelect : null,
      h("button", { type: "submit", class: "button-secondary" }, "Create profile"));
    mount(learnerBar,
      h("div", { class: "inline-form" },
        h("label", { for: "learner-select" }, "Learner"), select,
        data.current ? [h("span", { class: "muted small", id: "current-learner" }, `Scores are saved for ${data.current.name}.`),
          deleteButton(api, { kind: "learner", id: data.current.id }, { label: data.current.name, text: "Delete profile",
            onChange: async () => { await renderLearners(await api.learnersList()); await renderHistory(); await refreshProgress(); } })] :
          h("span", { class: "muted small", id: "no-profile-note" }, "You can take the check without a profile, but your score will not be saved. Choose or create a profile to keep it.")),
      form);
    learnerBar.dataset.current = data.current ? String(data.current.id) : "";
  }

  async function renderHistory() {
    let results;
    try {
      results = (await api.quizResults()).filter((r) => r.module_id === moduleId);
    } catch (error) {
      mount(history, errorBox(error));
      return;
    }
    mount(history,
      h("h2", { id: "history-title" }, "Your scores for this module"),
      results.length === 0
        ? h("p", { class: "muted", id: "quiz-history-empty" }, learnerBar.dataset.current ? "No attempts yet." : "Choose a profile to see its scores.")
        : h("ol", { class: "score-list", id: "quiz-history" },
          results.map((r) => h("li", {},
            h("span", { class: "score" }, `${r.correct}/${r.total}`), " ",
            h("time", { datetime: r.taken_at, class: "muted" }, new Date(r.taken_at).toLocaleString())))));
  }

  const form = h("form", { id: "quiz-form", class: "quiz", onsubmit: submit });

  function renderQuestions() {
    graded = false;
    mount(form,
      quiz.questions.map((q, i) =>
        h("fieldset", { class: "quiz-question", dataset: { question: q.id }, id: `question-${i + 1}` },
          h("legend", {}, h("span", { class: "quiz-number" }, `${i + 1}.`), " ", q.prompt),
          h("p", { class: "muted small quiz-hint" }, KIND_HINT[q.kind] || ""),
          h("div", { class: "quiz-options" },
            q.options.map((option) =>
              h("label", { class: "quiz-option", dataset: { option: option.index } },
                h("input", { type: q.kind === "multiple" ? "checkbox" : "radio", name: `q-${i}`, value: option.index,
                  onchange: () => clearError(i) }),
                h("span", { class: "option-text" }, option.text)))),
          h("p", { class: "quiz-error notice notice-error", id: `question-${i + 1}-error`, hidden: true, role: "alert" }),
          h("div", { class: "quiz-verdict", "aria-live": "polite" }))),
      h("div", { class: "quiz-actions" },
        h("button", { type: "submit", id: "quiz-submit" }, "Check my answers"),
        h("p", { class: "quiz-error notice notice-error", id: "quiz-submit-error", hidden: true, role: "alert" })),
    );
  }

  function answered() {
    return [...form.querySelectorAll("input:checked")].length > 0;
  }

  async function reshuffleIfUntouched() {
    if (graded || answered()) return;
    quiz = await api.quiz(moduleId);
    renderQuestions();
  }

  function clearError(i) {
    const at = document.getElementById(`question-${i + 1}-error`);
    if (at) at.hidden = true;
    const button = document.getElementById("quiz-submit-error");
    if (button) button.hidden = true;
  }

  // Says what is wrong next to the question it is about and at the button, and moves focus to
  // the question, so a learner at the bottom of a long page sees it where they are looking.
  function showAnswerError(error) {
    form.querySelectorAll(".quiz-error").forEach((p) => { p.hidden = true; });
    const atButton = document.getElementById("quiz-submit-error");
    atButton.textContent = error.message;
    atButton.hidden = false;
    if (error.question == null) return;
    const atQuestion = document.getElementById(`question-${error.question + 1}-error`);
    atQuestion.textContent = error.message;
    atQuestion.hidden = false;
    const fieldset = document.getElementById(`question-${error.question + 1}`);
    fieldset.scrollIntoView({ block: "center" });
    fieldset.querySelector("input")?.focus();
  }

  async function submit(event) {
    event.preventDefault();
    if (graded) return;
    const answers = quiz.questions.map((_, i) =>
      [...form.querySelectorAll(`input[name="q-${i}"]:checked`)].map((input) => Number(input.value)));
    let outcome;
    try {
      outcome = await api.quizSubmit(moduleId, answers);
    } catch (error) {
      show(error.message, true);
      return;
    }
    if (outcome.status === "refused") {
      showAnswerError(outcome.error);
      return;
    }
    graded = true;
    showFeedback(outcome.grade, outcome.result != null);
    show("");
    await renderHistory();
    await refreshProgress();
  }

  function showFeedback(grade, stored) {
    grade.questions.forEach((g, i) => {
      const fieldset = form.querySelector(`fieldset[data-question="${CSS.escape(g.id)}"]`);
      fieldset.classList.add(g.correct ? "is-correct" : "is-wrong");
      fieldset.querySelector(".quiz-verdict").replaceChildren(
        h("p", { class: `verdict ${g.correct ? "verdict-right" : "verdict-wrong"}` },
          g.correct ? "✓ Correct" : "✗ Not quite: the right answer is marked below."));
      g.options.forEach((option, j) => {
        const label = fieldset.querySelector(`[data-option="${j}"]`);
        const chosen = g.chosen.includes(j);
        label.classList.toggle("option-correct", option.correct);
        label.classList.toggle("option-chosen", chosen);
        label.querySelector("input").disabled = true;
        label.append(h("span", { class: "option-feedback" },
          h("strong", {}, option.correct ? (chosen ? "Your answer, and right. " : "Right answer. ") : (chosen ? "Your answer, not right. " : "Not right. ")),
          option.feedback));
      });
      void i;
    });
    mount(form.querySelector(".quiz-actions"),
      h("p", { class: "quiz-score", id: "quiz-score", role: "status" },
        `You scored ${grade.correct}/${grade.total}.`, " ",
        grade.correct === grade.total ? "Every answer right." : "Read the feedback, then try again.",
        stored ? "" : " Not saved: you have no learner profile."),
      h("button", { type: "button", class: "button-secondary", id: "quiz-retry", onclick: async () => {
        // The next attempt comes reshuffled; without a profile the page counts the attempts.
        quiz = await api.quiz(moduleId, quiz.stored ? null : quiz.attempt + 1);
        renderQuestions();
        form.querySelector("input")?.focus();
      } }, "Try again"));
    document.getElementById("quiz-score").scrollIntoView({ block: "nearest" });
  }

  mount(main,
    h("p", { class: "breadcrumb" }, `Module ${String(quiz.module_number).padStart(2, "0")} · ${quiz.module_title}`),
    h("h1", { id: "quiz-title" }, `Knowledge check: ${quiz.module_title}`),
    h("p", { class: "lead" }, `${quiz.questions.length} questions. After you submit, every option explains why it is right or why it is tempting.`),
    learnerBar,
    status,
    form,
    history,
    quiz.last_chapter ? h("p", {}, h("a", { href: `#/chapter/${quiz.last_chapter}` }, "← Back to the last chapter of the module")) : null);
  renderQuestions();
  await renderLearners(await api.learnersList());
  await renderHistory();
  main.focus();
}
