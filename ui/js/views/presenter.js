// Presenter mode: full screen, large type, one `##` section per screen. Right/Down/Space/PageDown
// go forward, Left/Up/PageUp back, crossing into the next or previous chapter; Esc leaves.
// This view never shows facilitator notes: they go to the separate notes window (key N), which
// follows the position this module reports to Rust.

import * as api from "../api.js";
import { h, mount, trusted } from "../dom.js";

let session = null;

const NEXT_KEYS = ["ArrowRight", "ArrowDown", " ", "Spacebar", "PageDown"];
const PREVIOUS_KEYS = ["ArrowLeft", "ArrowUp", "PageUp"];

export function isPresenting() {
  return session !== null;
}

/** Opens presenter mode at section `section` of chapter `chapterId` (-1: its last section). */
export async function startPresenter(chapterId, section = 0) {
  if (session) return;
  const overlay = h("div", { id: "presenter", class: "presenter", role: "dialog", "aria-modal": "true", "aria-label": "Presenter mode", tabindex: "-1" });
  document.body.append(overlay);
  document.body.classList.add("presenting");
  session = { overlay, chapter: null, section: 0, busy: false, fullscreen: false };
  document.addEventListener("keydown", onKey, true);
  document.addEventListener("fullscreenchange", onFullscreenChange);
  try {
    await document.documentElement.requestFullscreen?.();
    session.fullscreen = true;
  } catch {
    // Not allowed here: the overlay still fills the window.
  }
  await show(chapterId, section);
  overlay.focus();
}

export async function stopPresenter() {
  if (!session) return;
  const { overlay, chapter } = session;
  session = null;
  document.removeEventListener("keydown", onKey, true);
  document.removeEventListener("fullscreenchange", onFullscreenChange);
  overlay.remove();
  document.body.classList.remove("presenting");
  if (document.fullscreenElement) {
    try { await document.exitFullscreen(); } catch { /* already left */ }
  }
  api.presenterStop().catch(() => {});
  if (chapter && location.hash !== `#/chapter/${chapter.id}`) location.hash = `#/chapter/${chapter.id}`;
  document.getElementById("main")?.focus();
}

function onFullscreenChange() {
  // Esc in full screen is taken by the browser to leave full screen: leave presenter mode too.
  if (session && session.fullscreen && !document.fullscreenElement) stopPresenter();
}

async function show(chapterId, section) {
  const chapter = session.chapter && session.chapter.id === chapterId ? session.chapter : await api.chapter(chapterId);
  if (!session) return;
  const index = section < 0 ? chapter.sections.length - 1 : Math.min(section, chapter.sections.length - 1);
  session.chapter = chapter;
  session.section = index;
  const current = chapter.sections[index];
  mount(session.overlay,
    h("header", { class: "presenter-bar" },
      h("span", { class: "presenter-chapter" }, `${chapter.module_title} · ${chapter.title}`),
      h("span", { class: "presenter-count", id: "presenter-count" }, `${index + 1} / ${chapter.sections.length}`)),
    trusted("section", { class: "presenter-slide", id: "presenter-slide", dataset: { anchor: current.anchor } }, current.html),
    h("footer", { class: "presenter-bar presenter-help" },
      h("span", {}, "→ Space next · ← back · N notes window · Esc leave"),
      h("span", {},
        h("button", { type: "button", class: "button-secondary", onclick: () => api.presenterOpenNotes().catch(() => {}) }, "Notes window"),
        " ",
        h("button", { type: "button", class: "button-secondary", id: "presenter-exit", onclick: stopPresenter }, "Leave"))));
  session.overlay.scrollTop = 0;
  api.presenterSetPosition(chapter.id, index).catch(() => {});
}

async function move(step) {
  if (!session || session.busy) return;
  session.busy = true;
  try {
    const { chapter, section } = session;
    const target = section + step;
    if (target >= 0 && target < chapter.sections.length) {
      await show(chapter.id, target);
    } else if (step > 0 && chapter.next) {
      await show(chapter.next.id, 0);
    } else if (step < 0 && chapter.previous) {
      await show(chapter.previous.id, -1);
    }
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

/** Key P on a chapter starts presenter mode at the chapter's first section. */
export function installPresenterShortcut() {
  document.addEventListener("keydown", (event) => {
    if (session || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key !== "p" && event.key !== "P") return;
    if (["INPUT", "TEXTAREA", "SELECT"].includes(event.target.tagName) || event.target.isContentEditable) return;
    const match = location.hash.match(/^#\/chapter\/([^/]+)/);
    if (!match) return;
    event.preventDefault();
    startPresenter(decodeURIComponent(match[1]), 0);
  });
}
