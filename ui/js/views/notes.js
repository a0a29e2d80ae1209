// The presenter-notes window (label "notes"): the facilitator's own screen. Beside the slide on
// the projector it shows the prose of the slide's section and its facilitator notes, the time
// left in a facilitator cut, and Previous/Next (buttons or the arrow keys), which move the
// projector too. It polls the presentation every 500 ms. The projected window never renders
// notes or prose.

import { h, mount, trusted } from "../dom.js";
import { NEXT_KEYS, PREVIOUS_KEYS, slideElement, timeLeft } from "./presenter.js";

export async function renderNotes({ main, api, view }) {
  document.body.classList.add("notes-window");
  view.onCleanup(() => document.body.classList.remove("notes-window"));
  const clock = h("p", { class: "notes-clock", id: "notes-clock" });
  const body = h("div", { id: "notes-body" });
  mount(main, h("header", { class: "notes-header" }, h("h1", {}, "Presenter notes"), clock), body);
  let last = "";
  let current = null;

  function draw(state) {
    current = state.active ? state : null;
    const key = JSON.stringify({ ...state, elapsed_seconds: 0 });
    if (key === last) return;
    last = key;
    if (state.error) {
      mount(body, h("p", { class: "notice notice-error", role: "alert" }, state.error));
      return;
    }
    if (!state.active) {
      mount(body, h("p", { class: "lead", id: "notes-idle" }, "Presenter mode is off. Open a chapter in the main window and press Present (or P), or present a facilitator cut from the agenda."));
      return;
    }
    const { frame } = state;
    const section = frame.section;
    mount(body,
      h("p", { class: "breadcrumb" },
        `${frame.module_title} · ${frame.chapter_title} · `,
        h("span", { id: "notes-count" }, `${frame.number} / ${frame.count}`),
        state.block_minutes != null
          ? h("span", {}, ` · ${state.block_title}: ${frame.cut_minutes} min for this section · `, h("span", { id: "notes-time-left" }))
          : null),
      h("nav", { class: "notes-steps", "aria-label": "Move the projector" },
        h("button", { type: "button", id: "notes-previous", class: "button-secondary", disabled: !frame.previous_title, onclick: () => step(-1) },
          "← Previous", frame.previous_title ? h("span", { class: "notes-step-title" }, frame.previous_title) : null),
        h("button", { type: "button", id: "notes-next", disabled: !frame.next_title, onclick: () => step(1) },
          "Next →", h("span", { class: "notes-step-title" }, frame.next_title || "the end"))),
      h("div", { class: "notes-columns" },
        h("div", { class: "notes-slide-column" },
          h("h2", { class: "notes-label" }, "On the projector"),
          h("div", { class: "notes-slide-frame" }, slideElement(frame, { id: "notes-slide" }))),
        h("div", { class: "notes-prose-column" },
          h("h2", { class: "notes-label" }, "Facilitator notes"),
          section.notes_html
            ? trusted("div", { class: "facilitator-notes notes-text", id: "notes-text" }, section.notes_html)
            : h("p", { class: "muted", id: "notes-text" }, "No facilitator notes for this section."),
          h("h2", { class: "notes-label" }, "The section in the chapter"),
          // The section's own `##` heading opens its prose.
          trusted("div", { class: "notes-prose chapter", id: "notes-prose" }, section.html))));
    tickTime();
  }

  function tickTime() {
    clock.textContent = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
    const at = document.getElementById("notes-time-left");
    if (at && current) {
      at.textContent = timeLeft(current, current.elapsed_seconds);
      at.classList.toggle("is-over", current.block_minutes * 60 < current.elapsed_seconds);
    }
  }

  async function step(by) {
    try {
      draw(await api.presenterStep(by));
    } catch (error) {
      draw({ error: error.message });
    }
  }

  async function poll() {
    let state;
    try {
      state = await api.presenterFrame();
    } catch (error) {
      state = { error: error.message };
    }
    draw(state);
    tickTime();
  }

  view.listen(document, "keydown", (event) => {
    if (!current || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target instanceof HTMLButtonElement && (event.key === " " || event.key === "Enter")) return;
    if (NEXT_KEYS.includes(event.key)) step(1);
    else if (PREVIOUS_KEYS.includes(event.key)) step(-1);
    else return;
    event.preventDefault();
  });
  view.interval(poll, 500);
  await poll();
}
