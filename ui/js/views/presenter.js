// Presenter mode: full screen, the current slide in large type. Right/Down/Space/PageDown go
// forward, Left/Up/PageUp back, crossing into the next or previous chapter; Esc leaves.
// The running order (the course's slides, or those of a block's facilitator cut) lives in Rust:
// this view asks `presenter_start`/`presenter_step` for the frame to show and polls
// `presenter_frame`, so a move made in the notes window (key N) shows here.
// This view never shows facilitator notes or the chapter's prose: they go to the notes window.
// Started from an agenda block with a facilitator cut, it shows the minutes each section gets
// and the time left in the block.

import * as api from "../api.js";
import { h, mount, trusted } from "../dom.js";

let session = null;

export const NEXT_KEYS = ["ArrowRight", "ArrowDown", " ", "Spacebar", "PageDown"];
export const PREVIOUS_KEYS = ["ArrowLeft", "ArrowUp", "PageUp"];
const POLL_MS = 500;

export function isPresenting() {
  return session !== null;
}

export function clock(seconds) {
  const s = Math.abs(Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The slide of `frame`: its title, its figure if it has one, and its points (HTML from the
 * content crate: the figure is the sanitised SVG, named by its alt text). */
export function slideElement(frame, attrs = {}) {
  const { slide, section } = frame;
  const figure = slide.figure_html ? trusted("div", { class: "slide-figure" }, slide.figure_html) : null;
  return h("section", { class: figure ? "presenter-slide is-slide has-figure" : "presenter-slide is-slide", dataset: { anchor: section.anchor }, ...attrs },
    h("h2", { class: "slide-title" }, slide.title),
    figure,
    h("ul", { class: "slide-points" }, slide.points.map((point) => trusted("li", {}, point))));
}

/** "12:30 left of 30 min", or how far over the block the session has run. */
export function timeLeft(view, elapsed) {
  const left = view.block_minutes * 60 - elapsed;
  return left >= 0 ? `${clock(left)} left of ${view.block_minutes} min` : `${clock(left)} over the block's ${view.block_minutes} min`;
}

/** Presents a block's facilitator cut: `block` is a planned agenda block with `cut` sections. */
export async function presentCut(block) {
  if (!block.cut?.length) return;
  await open({ blockId: block.id });
}

/** Opens presenter mode at chapter `chapterId` (at the section `anchor`, if given). */
export async function startPresenter(chapterId, anchor = null) {
  await open({ chapterId, anchor });
}

async function open(what) {
  if (session) return;
  const overlay = h("div", { id: "presenter", class: "presenter", role: "dialog", "aria-modal": "true", "aria-label": "Presenter mode", tabindex: "-1" });
  document.body.append(overlay);
  document.body.classList.add("presenting");
  // `moves` counts steps taken here, so a poll answered from before a step is not drawn.
  session = { overlay, view: null, shown: null, busy: false, moves: 0, fullscreen: false, startedAt: Date.now(), ticker: null };
  document.addEventListener("keydown", onKey, true);
  document.addEventListener("fullscreenchange", onFullscreenChange);
  try {
    await document.documentElement.requestFullscreen?.();
    session.fullscreen = true;
  } catch {
    // Not allowed here: the overlay still fills the window.
  }
  let view;
  try {
    view = await api.presenterStart(what);
  } catch (error) {
    mount(overlay, h("p", { class: "notice notice-error", role: "alert" }, error.message),
      h("button", { type: "button", id: "presenter-exit", onclick: stopPresenter }, "Leave"));
    overlay.focus();
    return;
  }
  if (!session) return;
  show(view);
  session.ticker = setInterval(poll, POLL_MS);
  overlay.focus();
}

export async function stopPresenter() {
  if (!session) return;
  const { overlay, view, ticker } = session;
  clearInterval(ticker);
  session = null;
  document.removeEventListener("keydown", onKey, true);
  document.removeEventListener("fullscreenchange", onFullscreenChange);
  overlay.remove();
  document.body.classList.remove("presenting");
  if (document.fullscreenElement) {
    try { await document.exitFullscreen(); } catch { /* already left */ }
  }
  api.presenterStop().catch(() => {});
  const chapter = view?.frame?.chapter_id;
  if (chapter && location.hash !== `#/chapter/${chapter}`) location.hash = `#/chapter/${chapter}`;
  document.getElementById("main")?.focus();
}

function onFullscreenChange() {
  // Esc in full screen is taken by the browser to leave full screen: leave presenter mode too.
  if (session && session.fullscreen && !document.fullscreenElement) stopPresenter();
}

/** Draws `view` when it is at another screen than the one shown; always updates the clock. */
function show(view) {
  if (!session || !view.active) return;
  session.view = view;
  session.startedAt = Date.now() - view.elapsed_seconds * 1000;
  const frame = view.frame;
  if (session.shown === frame.position) {
    tick();
    return;
  }
  session.shown = frame.position;
  const cut = view.block_minutes != null;
  mount(session.overlay,
    h("header", { class: "presenter-bar" },
      h("span", { class: "presenter-chapter" }, `${frame.module_title} · ${frame.chapter_title}`),
      cut
        ? h("span", { class: "presenter-cut" },
          h("span", { id: "presenter-cut-item" }, `${frame.cut_minutes} min for this section · `),
          h("span", { id: "presenter-time-left", class: "presenter-time-left" }, timeLeft(view, 0)))
        : null,
      h("span", { class: "presenter-count", id: "presenter-count" }, `${frame.number} / ${frame.count}`)),
    slideElement(frame, { id: "presenter-slide" }),
    h("footer", { class: "presenter-bar presenter-help" },
      h("span", {}, "→ Space next · ← back · N notes window · Esc leave"),
      h("span", {},
        h("button", { type: "button", class: "button-secondary", onclick: () => api.presenterOpenNotes().catch(() => {}) }, "Notes window"),
        " ",
        h("button", { type: "button", class: "button-secondary", id: "presenter-exit", onclick: stopPresenter }, "Leave"))));
  session.overlay.scrollTop = 0;
  tick();
}

function tick() {
  const view = session?.view;
  if (!view || view.block_minutes == null) return;
  const at = document.getElementById("presenter-time-left");
  if (!at) return;
  const elapsed = (Date.now() - session.startedAt) / 1000;
  at.textContent = timeLeft(view, elapsed);
  at.classList.toggle("is-over", view.block_minutes * 60 < elapsed);
}

async function poll() {
  if (!session || session.busy) return;
  const moves = session.moves;
  try {
    const view = await api.presenterFrame();
    if (session && !session.busy && session.moves === moves) show(view);
  } catch {
    // The next poll tries again.
  }
}

async function move(step) {
  if (!session || session.busy) return;
  session.busy = true;
  session.moves += 1;
  try {
    const view = await api.presenterStep(step);
    if (session) show(view);
  } catch {
    // Stay on the current slide.
  } finally {
    if (session) session.busy = false;
  }
}

function onKey(event) {
  if (!session) return;
  if (event.target instanceof HTMLButtonElement && (event.key === " " || event.key === "Enter")) return;
  if (NEXT_KEYS.includes(event.key)) {
    event.preventDefault();
    move(1);
  } else if (PREVIOUS_KEYS.includes(event.key)) {
    event.preventDefault();
    move(-1);
  } else if (event.key === "Escape") {
    event.preventDefault();
    stopPresenter();
  } else if (event.key === "n" || event.key === "N") {
    event.preventDefault();
    api.presenterOpenNotes().catch(() => {});
  } else {
    return;
  }
  event.stopPropagation();
}

/** Key P on a chapter starts presenter mode at the chapter's first slide. */
export function installPresenterShortcut() {
  document.addEventListener("keydown", (event) => {
    if (session || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key !== "p" && event.key !== "P") return;
    if (["INPUT", "TEXTAREA", "SELECT"].includes(event.target.tagName) || event.target.isContentEditable) return;
    const match = location.hash.match(/^#\/chapter\/([^/]+)/);
    if (!match) return;
    event.preventDefault();
    startPresenter(decodeURIComponent(match[1]));
  });
}
