//! Tauri's build step. The app's commands are listed here so that each gets an `allow-…`
//! permission and the capability in `capabilities/` grants exactly the ones the UI calls.

const COMMANDS: &[&str] = &[
    "app_status",
    "course_outline",
    "chapter",
    "search_course",
    "glossary",
    "teams_list",
    "team_create",
    "team_rename",
    "learners_list",
    "learner_create",
    "learner_select",
    "quiz",
    "quiz_submit",
    "quiz_results",
    "progress",
    "chapter_mark_read",
    "agenda",
    "agenda_update",
    "agenda_reset",
    "activity",
    "presenter_set_position",
    "presenter_stop",
    "presenter_notes",
    "presenter_open_notes",
    "assessment_model",
    "assessment_start",
    "assessment_state",
    "answer_save",
    "respondent_finish",
    "dimension_choice_set",
    "dora_answer_set",
    "dora_year_set",
    "assessment_complete",
    "assessment_results",
    "team_history",
    "demo_create",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step failed");
}
