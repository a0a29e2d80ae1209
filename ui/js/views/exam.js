// The mock exam (#/exam): the rules, then a timed paper drawn in Rust (`exam_paper`), then the
// result per module and a review of every answer with its feedback (`exam_submit`). The paper,
// its order and its options come from the learner and the attempt, so the review shows exactly
// what was answered. The page only keeps time; grading and the pass mark are computed in Rust.

import { h, mount, errorBox } from "../dom.js";

const KIND_HINT = {
  "true-false": "True or false?",
  single: "Pick one answer.",
  category: "Pick the one that fits.",
  multiple: "Pick all that apply.",
};

function clock(seconds) {
  const s = Math.max(0, Math.round(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

export async function renderExam({ main, api, view }) {
  let timer = null;
  // Without a profile the page counts its own attempts, so "another paper" differs.
  let localAttempt = 1;
  const stop = () => { if (timer) clearInterval(timer); timer = null; };
  view.onCleanup(stop);

  async function intro() {
    stop();
    let learners = { current: null };
    try {
      learners = await api.learnersList();
    } catch {
      // The rules still show; the note below says the score is not stored.
    }
    const preview = await api.examPaper(localAttempt);
    mount(main,
      h("h1", { id: "exam-title" }, preview.title),
      h("p", { class: "lead" },
        `${preview.questions.length} questions drawn from the knowledge checks of the whole course (a pool of ${preview.pool}), `,
        `${preview.minutes} minutes, ${preview.pass_percent} % to pass: the format of the DASA DevOps Fundamentals exam.`),
      h("ul", {},
        h("li", {}, "Each paper takes questions from every module in proportion to its knowledge check, so another attempt meets other questions."),
        h("li", {}, "The timer starts when you press the button. When it reaches zero the paper is handed in, and unanswered questions count as wrong."),
        h("li", {}, "Afterwards you see your result per module and every answer with its feedback.")),
      learners.current
        ? h("p", { class: "muted", id: "exam-profile" }, `Your result is saved for ${learners.current.name}.`)
        : h("p", { class: "muted", id: "exam-profile" }, "You have no learner profile: your result will not be saved. Choose one on any knowledge check page to keep it."),
      h("button", { type: "button", id: "exam-start", onclick: start }, "Start the exam"));
    main.focus();
  }

  async function start() {
    const paper = await api.examPaper(localAttempt);
    const startedAt = Date.now();
    const deadline = startedAt + paper.minutes * 60 * 1000;
    const timerText = h("span", { id: "exam-timer", role: "timer", "aria-live": "off" }, clock(paper.minutes * 60));
    const warning = h("p", { class: "visually-hidden", id: "exam-warning", "aria-live": "assertive" });
    const form = h("form", { id: "exam-form", class: "quiz", onsubmit: (e) => { e.preventDefault(); handIn(false); } });
    const buttonError = h("p", { class: "quiz-error notice notice-error", id: "exam-submit-error", hidden: true, role: "alert" });

    mount(form,
      paper.questions.map((q, i) =>
        h("fieldset", { class: "quiz-question", id: `question-${i + 1}`, dataset: { question: q.id } },
          h("legend", {}, h("span", { class: "quiz-number" }, `${i + 1}.`), " ", q.prompt),
          h("p", { class: "muted small quiz-hint" }, `${q.module_title} · ${KIND_HINT[q.kind] || ""}`),
          h("div", { class: "quiz-options" },
            q.options.map((option) =>
              h("label", { class: "quiz-option", dataset: { option: option.index } },
                h("input", { type: q.kind === "multiple" ? "checkbox" : "radio", name: `q-${i}`, value: option.index,
                  onchange: () => { document.getElementById(`question-${i + 1}-error`).hidden = true; buttonError.hidden = true; } }),
                h("span", { class: "option-text" }, option.text)))),
          h("p", { class: "quiz-error notice notice-error", id: `question-${i + 1}-error`, hidden: true, role: "alert" }),
          h("div", { class: "quiz-verdict", "aria-live": "polite" }))),
      h("div", { class: "quiz-actions" },
        h("button", { type: "submit", id: "exam-submit" }, "Hand in"),
        buttonError));

    mount(main,
      h("div", { class: "exam-bar", id: "exam-bar" },
        h("span", { class: "exam-bar-title" }, paper.title),
        h("span", { class: "exam-bar-time" }, "Time left ", timerText),
        warning),
      form);
    form.querySelector("input")?.focus();

    let warned = new Set();
    timer = setInterval(() => {
      const left = (deadline - Date.now()) / 1000;
      timerText.textContent = clock(left);
      for (const mark of [10, 5, 1]) {
        if (left <= mark * 60 && !warned.has(mark)) {
          warned.add(mark);
          warning.textContent = `${mark} minute${mark === 1 ? "" : "s"} left.`;
          document.getElementById("exam-bar").classList.add("exam-bar-late");
        }
      }
      if (left <= 0) handIn(true);
    }, 1000);

    async function handIn(timeUp) {
      const answers = paper.questions.map((_, i) =>
        [...form.querySelectorAll(`input[name="q-${i}"]:checked`)].map((input) => Number(input.value)));
      const seconds = Math.round((Date.now() - startedAt) / 1000);
      let outcome;
      try {
        outcome = await api.examSubmit(paper.attempt, answers, timeUp ? Math.max(seconds, paper.minutes * 60) : seconds);
      } catch (error) {
        buttonError.textContent = error.message;
        buttonError.hidden = false;
        return;
      }
      if (outcome.status === "refused") {
        const { error } = outcome;
        form.querySelectorAll(".quiz-error").forEach((p) => { p.hidden = true; });
        buttonError.textContent = error.message;
        buttonError.hidden = false;
        if (error.question != null) {
          const at = document.getElementById(`question-${error.question + 1}-error`);
          at.textContent = error.message;
          at.hidden = false;
          const fieldset = document.getElementById(`question-${error.question + 1}`);
          fieldset.scrollIntoView({ block: "center" });
          fieldset.querySelector("input")?.focus();
        }
        return;
      }
      stop();
      if (!paper.stored) localAttempt += 1;
      review(paper, form, outcome.result, outcome.stored);
    }
  }

  function review(paper, form, result, stored) {
    result.questions.forEach((g, i) => {
      const fieldset = document.getElementById(`question-${i + 1}`);
      fieldset.classList.add(g.correct ? "is-correct" : "is-wrong");
      fieldset.querySelector(".quiz-verdict").replaceChildren(
        h("p", { class: `verdict ${g.correct ? "verdict-right" : "verdict-wrong"}` },
          g.correct ? "✓ Correct" : g.chosen.length ? "✗ Not quite: the right answer is marked below." : "✗ Not answered: the right answer is marked below."));
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
    });
    form.querySelector(".quiz-actions").remove();
    const summary = h("section", { class: "exam-result", id: "exam-result", "aria-labelledby": "exam-result-title" },
      h("h1", { id: "exam-result-title" }, result.passed ? "Passed" : "Not passed yet"),
      h("p", { class: "quiz-score", id: "exam-score", role: "status" },
        `You scored ${result.correct}/${result.total} (${result.percent} %). The pass mark is ${paper.pass_percent} %.`),
      h("p", { class: "muted" },
        `You used ${result.minutes_used} of ${paper.minutes} minutes.`,
        result.overtime ? " The paper came in after the time was up; it is graded all the same." : "",
        stored ? "" : " Not saved: you have no learner profile."),
      h("table", { class: "exam-modules", id: "exam-modules" },
        h("caption", {}, "Result per module: revise the modules with the lowest share first."),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Module"), h("th", { scope: "col" }, "Right"))),
        h("tbody", {}, result.modules.map((m) =>
          h("tr", { dataset: { module: m.module_id } },
            h("th", { scope: "row" }, h("a", { href: `#/quiz/${m.module_id}` }, m.module_title)),
            h("td", {}, `${m.correct}/${m.total}`))))),
      h("p", {}, "Every answer is reviewed below, in the order you took the paper."),
      h("button", { type: "button", class: "button-secondary", id: "exam-again", onclick: intro }, "Take another paper"));
    main.querySelector("#exam-bar")?.remove();
    main.prepend(summary);
    main.scrollTo?.(0, 0);
    window.scrollTo(0, 0);
    document.getElementById("exam-result-title").setAttribute("tabindex", "-1");
    document.getElementById("exam-result-title").focus();
  }

  try {
    await intro();
  } catch (error) {
    mount(main, errorBox(error));
  }
}
