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
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step failed");
}
