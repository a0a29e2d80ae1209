// The one door to the Rust side. Every command the UI uses has one function here; a failed
// call rejects with `{ kind, message }` (kind: invalid, conflict, not-found, database, locked,
// content, internal, ipc).

// Calls under way, not counting the banner's own `store_waiting` questions.
let underWay = 0;

function invoke(command, args = {}) {
  const tauri = window.__TAURI__;
  if (!tauri || !tauri.core) {
    return Promise.reject({ kind: "ipc", message: "The app's back end is not available." });
  }
  const counted = command !== "store_waiting";
  if (counted) underWay += 1;
  return tauri.core
    .invoke(command, args)
    .catch((error) => {
      if (error && typeof error === "object" && "kind" in error) throw error;
      throw { kind: "internal", message: String(error) };
    })
    .finally(() => {
      if (counted) underWay -= 1;
    });
}

/** How many calls are waiting for their answer. */
export const callsUnderWay = () => underWay;
export const appStatus = () => invoke("app_status");
/** Whether a write is waiting for another program's (true for at most the 5 s it may wait). */
export const storeWaiting = () => invoke("store_waiting");
export const courseOutline = () => invoke("course_outline");
export const chapter = (id) => invoke("chapter", { id });
export const searchCourse = (query) => invoke("search_course", { query });
export const glossary = () => invoke("glossary");
/** Unfinished assessments and where each resumes. */
export const homeResume = () => invoke("home_resume");
export const teamsList = () => invoke("teams_list");
export const teamCreate = (name) => invoke("team_create", { name });
export const teamRename = (id, name) => invoke("team_rename", { id, name });
export const groupsList = () => invoke("groups_list");
export const groupCreate = (name) => invoke("group_create", { name });
export const groupRename = (id, name) => invoke("group_rename", { id, name });
export const groupDelete = (id) => invoke("group_delete", { id });
export const groupWordSet = (word) => invoke("group_word_set", { word });
export const teamsImportCsv = () => invoke("teams_import_csv");
export const organisationOverview = (groups) => invoke("organisation_overview", { groups: groups ?? [] });
export const teamMove = (teamId, groupId) => invoke("team_move", { teamId, groupId: groupId ?? null });

// Training: learner profiles, knowledge checks, reading progress, agenda, activities, presenter.
export const learnersList = () => invoke("learners_list");
export const learnerCreate = (name, teamId) => invoke("learner_create", { name, teamId: teamId ?? null });
export const learnerSelect = (id) => invoke("learner_select", { id: id ?? null });
export const quiz = (moduleId, attempt) => invoke("quiz", { moduleId, attempt: attempt ?? null });
export const quizSubmit = (moduleId, answers) => invoke("quiz_submit", { moduleId, answers });
export const quizResults = () => invoke("quiz_results");
export const examPaper = (attempt) => invoke("exam_paper", { attempt: attempt ?? null });
export const examSubmit = (attempt, answers, seconds) => invoke("exam_submit", { attempt, answers, seconds });
export const progress = () => invoke("progress");
export const chapterMarkRead = (chapterId, read) => invoke("chapter_mark_read", { chapterId, read });
export const agenda = () => invoke("agenda");
export const agendaUpdate = (edits) => invoke("agenda_update", { edits });
export const agendaReset = () => invoke("agenda_reset");
export const activity = (chapterId) => invoke("activity", { chapterId });
/** The day's countdown `key` (`activity:<chapter id>`): action "read", "start", "pause" or "reset". */
export const timerAct = (key, durationMs, action) => invoke("timer_act", { key, durationMs, action });
/** Starts presenter mode at a chapter (and section anchor) of the course, or with an agenda block's cut. */
export const presenterStart = ({ chapterId = null, anchor = null, blockId = null }) =>
  invoke("presenter_start", { chapterId, anchor, blockId });
export const presenterStep = (step) => invoke("presenter_step", { step });
export const presenterFrame = () => invoke("presenter_frame");
export const presenterStop = () => invoke("presenter_stop");
export const presenterOpenNotes = () => invoke("presenter_open_notes");

// Assessment: start, answer (each answer saved at once), resume, results, a team's history.
export const assessmentStart = (teamId, respondents, facilitator, quick = false) =>
  invoke("assessment_start", { teamId, respondents, facilitator: facilitator || null, quick });
export const assessmentState = (id) => invoke("assessment_state", { id });
export const answerSave = (respondentId, questionId, answer, evidence) =>
  invoke("answer_save", { respondentId, questionId, answer, evidence: evidence || null });
export const respondentRoleSet = (respondentId, role) => invoke("respondent_role_set", { respondentId, role });
export const respondentFinish = (respondentId) => invoke("respondent_finish", { respondentId });
export const dimensionChoiceSet = (assessmentId, dimensionId, target, weight) =>
  invoke("dimension_choice_set", { assessmentId, dimensionId, target: target ?? null, weight: weight ?? null });
export const doraAnswerSet = (assessmentId, metricId, answer) => invoke("dora_answer_set", { assessmentId, metricId, answer });
export const doraYearSet = (assessmentId, year) => invoke("dora_year_set", { assessmentId, year });
export const assessmentComplete = (id) => invoke("assessment_complete", { id });
export const assessmentResults = (id, year) => invoke("assessment_results", { id, year: year ?? null });
export const teamHistory = (teamId) => invoke("team_history", { teamId });
export const demoCreate = () => invoke("demo_create");

// Workshops: a day of several teams, each team's hand-round, silent vote → reveal → consensus.
export const workshopsList = () => invoke("workshops_list");
export const workshopCreate = (w) =>
  invoke("workshop_create", { name: w.name, heldOn: w.heldOn, facilitator: w.facilitator || null, organisation: w.organisation || null });
export const workshopUpdate = (id, w, takeAgenda) =>
  invoke("workshop_update", { id, name: w.name, heldOn: w.heldOn, facilitator: w.facilitator || null, organisation: w.organisation || null, takeAgenda: Boolean(takeAgenda) });
export const workshopGet = (id) => invoke("workshop_get", { id });
export const workshopTeamAdd = (workshopId, team, respondents) =>
  invoke("workshop_team_add", { workshopId, teamId: team.id ?? null, teamName: team.name ?? null, respondents });
export const workshopDiscussion = (assessmentId, question, reveal, names) =>
  invoke("workshop_discussion", { assessmentId, question: question ?? null, reveal: Boolean(reveal), names: Boolean(names) });
export const consensusSet = (assessmentId, questionId, level, rationale) =>
  invoke("consensus_set", { assessmentId, questionId, level, rationale });
export const consensusClear = (assessmentId, questionId) => invoke("consensus_clear", { assessmentId, questionId });

// Improvement plans: generated from an assessment, then edited by the team (each change saved at once).
export const planGet = (assessmentId) => invoke("plan_get", { assessmentId });
export const planFocusSet = (limit) => invoke("plan_focus_set", { limit });
export const planGenerate = (assessmentId, regenerate) => invoke("plan_generate", { assessmentId, regenerate: Boolean(regenerate) });
export const planItemUpdate = (itemId, change) => invoke("plan_item_update", { itemId, change });
export const planItemMove = (itemId, position) => invoke("plan_item_move", { itemId, position });
export const planItemAdd = (assessmentId, item) => invoke("plan_item_add", { assessmentId, item });
export const planItemDelete = (itemId) => invoke("plan_item_delete", { itemId });
export const teamPlanProgress = (teamId) => invoke("team_plan_progress", { teamId });

// The EJ Airways practice round and the projector dashboard of a workshop.
export const practiceRound = (workshopId) => invoke("practice_round", { workshopId });
export const practiceAnswerSave = (workshopTeamId, questionId, answer) =>
  invoke("practice_answer_save", { workshopTeamId, questionId, answer });
export const practiceComparison = (workshopId) => invoke("practice_comparison", { workshopId });
export const practiceKey = (workshopId, questionId) => invoke("practice_key", { workshopId, questionId });
export const workshopDashboard = (workshopId) => invoke("workshop_dashboard", { workshopId });
/** `png` is the image's bytes (a Uint8Array); resolves to the path written, or null if cancelled. */
export const heatmapPngSave = (fileName, png) => invoke("heatmap_png_save", { fileName, png: Array.from(png) });

// The database at start-up: why it is not open, and the recovery page's choices.
export const databaseProblem = () => invoke("database_problem");
export const databaseRetry = () => invoke("database_retry");
export const databaseStartFresh = () => invoke("database_start_fresh");
export const appQuit = () => invoke("app_quit");

// Your data: export (JSON or CSV), import, backups. Each opens a native file dialog and
// resolves to null when the user cancels it.
export const dataOverview = () => invoke("data_overview");
export const dataExport = (teamId, csv) => invoke("data_export", { teamId: teamId ?? null, csv: Boolean(csv) });
// `choices` (map or rename a clashing team or group, keep the stored settings) tries the file of
// the last refused import again; without them the file is picked in a dialog.
export const dataImport = (choices = null) => invoke("data_import", { choices });
export const dataBackup = () => invoke("data_backup");
export const dataRestore = (automatic) => invoke("data_restore", { automatic: automatic ?? null });

// Reports: a team's PDF report (assessmentId) or the leadership overview (null). The export
// opens the native save dialog and resolves to { path, bytes }, or null when cancelled;
// reportOpen opens the last exported file in the system's PDF viewer.
export const reportSettings = () => invoke("report_settings");
export const reportExport = (assessmentId, paper, organisation, names, leadership) =>
  invoke("report_export", { assessmentId: assessmentId ?? null, paper, organisation: organisation ?? "", names: Boolean(names), leadership: leadership ?? null });
export const reportOpen = () => invoke("report_open");
export const handoutList = () => invoke("handout_list");
export const handoutExport = (name, paper) => invoke("handout_export", { name, paper });

// The live classroom session: a server on this machine that participants join from their
// phones. liveStart returns { overview, qr_svg }; liveOverview the same, for polling.
export const liveInterfaces = () => invoke("live_interfaces");
export const liveStart = (workshopId, ip, port) => invoke("live_start", { workshopId, ip, port });
export const liveOverview = () => invoke("live_overview");
export const liveMode = (mode) => invoke("live_mode", { mode });
export const liveReveal = () => invoke("live_reveal");
export const liveLock = (locked) => invoke("live_lock", { locked });
export const liveRemove = (participant) => invoke("live_remove", { participant });
export const liveEnd = () => invoke("live_end");
export const liveQuizStart = (moduleId) => invoke("live_quiz_start", { moduleId });
export const liveQuizOpen = (seconds) => invoke("live_quiz_open", { seconds });
export const liveQuizClose = () => invoke("live_quiz_close");
export const liveQuizNext = () => invoke("live_quiz_next");
export const liveQuizFinish = () => invoke("live_quiz_finish");
export const livePracticeStart = () => invoke("live_practice_start");

// Delete, with a way back. A target is { kind: "team" | "workshop" | "workshop-team" |
// "assessment" | "learner", id }, { kind: "plan", assessment } or { kind: "demo" }.
// deletePreview says what goes with it; deleteConfirmed deletes (completed: the person chose to
// delete completed assessments too) and returns the trash entry that trashRestore puts back.
export const deletePreview = (target) => invoke("delete_preview", { target });
export const deleteConfirmed = (target, completed) => invoke("delete_confirmed", { target, completed: Boolean(completed) });
export const trashList = () => invoke("trash_list");
export const trashRestore = (id) => invoke("trash_restore", { id });
