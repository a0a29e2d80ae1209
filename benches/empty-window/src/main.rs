//! One Tauri window showing one static heading, built with the same Tauri crate, features and
//! release profile as the app. `scripts/bench-startup` measures the app against it.

fn main() {
    if let Err(e) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("the empty window could not start: {e}");
        std::process::exit(1);
    }
}
