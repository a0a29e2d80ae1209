// The one door to the Rust side. Every command the UI uses has one function here; a failed
// call rejects with `{ kind, message }` (kind: invalid, conflict, not-found, database, locked,
// content, internal, ipc).

function invoke(command, args = {}) {
  const tauri = window.__TAURI__;
  if (!tauri || !tauri.core) {
    return Promise.reject({ kind: "ipc", message: "The app's back end is not available." });
  }
  return tauri.core.invoke(command, args).catch((error) => {
    if (error && typeof error === "object" && "kind" in error) throw error;
    throw { kind: "internal", message: String(error) };
  });
}

export const appStatus = () => invoke("app_status");
export const courseOutline = () => invoke("course_outline");
export const chapter = (id) => invoke("chapter", { id });
export const searchCourse = (query) => invoke("search_course", { query });
export const glossary = () => invoke("glossary");
export const teamsList = () => invoke("teams_list");
export const teamCreate = (name) => invoke("team_create", { name });
export const teamRename = (id, name) => invoke("team_rename", { id, name });

// Training: learner profiles, knowledge checks, reading progress, agenda, activities, presenter.
export const learnersList = () => invoke("learners_list");
export const learnerCreate = (name, teamId) => invoke("learner_create", { name, teamId: teamId ?? null });
export const learnerSelect = (id) => invoke("learner_select", { id: id ?? null });
export const quiz = (moduleId) => invoke("quiz", { moduleId });
export const quizSubmit = (moduleId, answers) => invoke("quiz_submit", { moduleId, answers });
export const quizResults = () => invoke("quiz_results");
export const progress = () => invoke("progress");
export const chapterMarkRead = (chapterId, read) => invoke("chapter_mark_read", { chapterId, read });
export const agenda = () => invoke("agenda");
export const agendaUpdate = (edits) => invoke("agenda_update", { edits });
export const agendaReset = () => invoke("agenda_reset");
export const activity = (chapterId) => invoke("activity", { chapterId });
export const presenterSetPosition = (chapterId, section) => invoke("presenter_set_position", { chapterId, section });
export const presenterStop = () => invoke("presenter_stop");
export const presenterNotes = () => invoke("presenter_notes");
export const presenterOpenNotes = () => invoke("presenter_open_notes");

// Assessment: start, answer (each answer saved at once), resume, results, a team's history.
export const assessmentModel = () => invoke("assessment_model");
export const assessmentStart = (teamId, respondents, facilitator) =>
  invoke("assessment_start", { teamId, respondents, facilitator: facilitator || null });
export const assessmentState = (id) => invoke("assessment_state", { id });
export const answerSave = (respondentId, questionId, answer, evidence) =>
  invoke("answer_save", { respondentId, questionId, answer, evidence: evidence || null });
export const respondentFinish = (respondentId) => invoke("respondent_finish", { respondentId });
export const dimensionChoiceSet = (assessmentId, dimensionId, target, weight) =>
  invoke("dimension_choice_set", { assessmentId, dimensionId, target: target ?? null, weight: weight ?? null });
export const doraAnswerSet = (assessmentId, metricId, answer) => invoke("dora_answer_set", { assessmentId, metricId, answer });
export const doraYearSet = (assessmentId, year) => invoke("dora_year_set", { assessmentId, year });
export const assessmentComplete = (id) => invoke("assessment_complete", { id });
export const assessmentResults = (id, year) => invoke("assessment_results", { id, year: year ?? null });
export const teamHistory = (teamId) => invoke("team_history", { teamId });
export const demoCreate = () => invoke("demo_create");
