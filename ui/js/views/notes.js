// The presenter-notes window (label "notes"): the facilitator's own screen. It polls the
// presenter position every 500 ms and shows the current section's notes, what comes next and
// a clock. The projected window never renders notes.

import { h, mount, trusted } from "../dom.js";

export async function renderNotes({ main, api, view }) {
  document.body.classList.add("notes-window");
  view.onCleanup(() => document.body.classList.remove("notes-window"));
  const clock = h("p", { class: "notes-clock", id: "notes-clock" });
  const body = h("div", { id: "notes-body" });
  mount(main, h("header", { class: "notes-header" }, h("h1", {}, "Presenter notes"), clock), body);
  let last = "";

  async function poll() {
    clock.textContent = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
    let notes;
    try {
      notes = await api.presenterNotes();
    } catch (error) {
      notes = { error: error.message };
    }
    const key = JSON.stringify(notes);
    if (key === last) return;
    last = key;
    if (notes.error) {
      mount(body, h("p", { class: "notice notice-error" }, notes.error));
    } else if (!notes.active) {
      mount(body, h("p", { class: "lead", id: "notes-idle" }, "Presenter mode is off. Open a chapter in the main window and press Present (or P)."));
    } else {
      mount(body,
        h("p", { class: "breadcrumb" }, `${notes.chapter_title} · section ${notes.section_number} of ${notes.section_count}`),
        h("h2", { id: "notes-section" }, notes.section_title || notes.chapter_title),
        notes.notes_html
          ? trusted("div", { class: "facilitator-notes notes-text", id: "notes-text" }, notes.notes_html)
          : h("p", { class: "muted", id: "notes-text" }, "No facilitator notes for this section."),
        h("p", { class: "notes-next" }, h("strong", {}, "Next: "), notes.next_title || "the end of the course"));
    }
  }

  view.interval(poll, 500);
  await poll();
}
