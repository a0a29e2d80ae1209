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
