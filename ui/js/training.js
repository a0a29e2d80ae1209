// Training pieces that live outside one view: reading progress and knowledge-check links in the
// sidebar. Counts come from the Rust side (`progress`); this module only shows them.

import * as api from "./api.js";
import { h } from "./dom.js";

/** Adds a progress counter to each module and a knowledge-check link under its chapters. */
export function decorateToc(outline) {
  for (const module of outline.modules) {
    const details = document.querySelector(`#toc details[data-module="${CSS.escape(module.id)}"]`);
    if (!details) continue;
    details.querySelector("summary").append(
      h("span", { class: "toc-progress", dataset: { progress: module.id }, title: "Chapters read" }, `0/${module.chapters.length}`));
    details.querySelector(".toc-chapters").append(
      h("li", {}, h("a", { class: "toc-quiz", href: `#/quiz/${module.id}`, dataset: { quiz: module.id } },
        "Knowledge check", h("span", { class: "toc-minutes", dataset: { score: module.id } }))));
  }
  markQuiz();
  window.addEventListener("hashchange", markQuiz);
}

function markQuiz() {
  for (const a of document.querySelectorAll("#toc a[data-quiz]")) {
    const current = location.hash === `#/quiz/${a.dataset.quiz}`;
    a.toggleAttribute("aria-current", current);
    if (current) a.closest("details")?.setAttribute("open", "");
  }
}

/** Reads progress for the current learner (or the default profile) and updates the sidebar.
 * `asked`: the answer of an `api.progress()` call already made (start-up asks with the outline). */
export async function refreshProgress(asked = api.progress()) {
  let progress;
  try {
    progress = await asked;
  } catch {
    return null; // The sidebar still works without counters; the views show the error.
  }
  const read = new Set(progress.read_chapters);
  for (const a of document.querySelectorAll("#toc a[data-chapter]")) {
    const isRead = read.has(a.dataset.chapter);
    a.classList.toggle("read", isRead);
    if (isRead) a.setAttribute("title", "Read");
    else a.removeAttribute("title");
  }
  for (const m of progress.modules) {
    const counter = document.querySelector(`#toc [data-progress="${CSS.escape(m.module_id)}"]`);
    if (counter) {
      counter.textContent = `${m.read}/${m.total}`;
      counter.classList.toggle("complete", m.read === m.total);
      counter.setAttribute("aria-label", `${m.read} of ${m.total} chapters read`);
    }
    const score = document.querySelector(`#toc [data-score="${CSS.escape(m.module_id)}"]`);
    if (score) score.textContent = m.last_score ? ` · ${m.last_score[0]}/${m.last_score[1]}` : "";
  }
  return progress;
}
