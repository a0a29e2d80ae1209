// Presenter mode: full screen, large type, one `##` section per screen. Right/Down/Space/PageDown
// go forward, Left/Up/PageUp back, crossing into the next or previous chapter; Esc leaves.
// This view never shows facilitator notes: they go to the separate notes window (key N), which
// follows the position this module reports to Rust.
// Started from an agenda block with a facilitator cut, it steps through the cut's sections only
// and shows the minutes each section gets and the time left in the block.

import * as api from "../api.js";
import { h, mount, trusted } from "../dom.js";

let session = null;

const NEXT_KEYS = ["ArrowRight", "ArrowDown", " ", "Spacebar", "PageDown"];
const PREVIOUS_KEYS = ["ArrowLeft", "ArrowUp", "PageUp"];

export function isPresenting() {
  return session !== null;
}

function clock(seconds) {
  const s = Math.abs(Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** Presents a block's facilitator cut: `block` is a planned agenda block with `cut` sections. */
export async function presentCut(block) {
  if (session || !block.cut?.length) return;
  await startPresenter(block.cut[0].chapter, block.cut[0].anchor, {
    title: block.title, minutes: block.minutes, items: block.cut, index: 0, startedAt: Date.now(), ticker: null,
  });
}

/** Opens presenter mode at section `section` (an index, -1 for the last, or an anchor) of chapter
 * `chapterId`; with `cut`, only the cut's sections. */
export async function startPresenter(chapterId, section = 0, cut = null) {
  if (session) return;
  const overlay = h("div", { id: "presenter", class: "presenter", role: "dialog", "aria-modal": "true", "aria-label": "Presenter mode", tabindex: "-1" });
  document.body.append(overlay);
  document.body.classList.add("presenting");
  session = { overlay, chapter: null, section: 0, busy: false, fullscreen: false, cut };
  if (cut) cut.ticker = setInterval(tick, 1000);
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
  const { overlay, chapter, cut } = session;
  if (cut) clearInterval(cut.ticker);
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
  const byAnchor = typeof section === "string" ? chapter.sections.findIndex((s) => s.anchor === section) : null;
  const index = byAnchor !== null ? Math.max(byAnchor, 0)
    : section < 0 ? chapter.sections.length - 1 : Math.min(section, chapter.sections.length - 1);
  const cut = session.cut;
  session.chapter = chapter;
  session.section = index;
  const current = chapter.sections[index];
  mount(session.overlay,
    h("header", { class: "presenter-bar" },
      h("span", { class: "presenter-chapter" }, `${chapter.module_title} · ${chapter.title}`),
      cut
        ? h("span", { class: "presenter-cut" },
          h("span", { id: "presenter-cut-item" }, `${cut.items[cut.index].minutes} min for this section · `),
          h("span", { id: "presenter-time-left", class: "presenter-time-left" }, timeLeft()))
        : null,
      h("span", { class: "presenter-count", id: "presenter-count" },
        cut ? `${cut.index + 1} / ${cut.items.length}` : `${index + 1} / ${chapter.sections.length}`)),
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

/** "12:30 left in the block", or how far over it the session has run. */
function timeLeft() {
  const { cut } = session;
  const left = cut.minutes * 60 - (Date.now() - cut.startedAt) / 1000;
  return left >= 0 ? `${clock(left)} left of ${cut.minutes} min` : `${clock(left)} over the block's ${cut.minutes} min`;
}

function tick() {
  if (!session?.cut) return;
  const at = document.getElementById("presenter-time-left");
  if (at) {
    at.textContent = timeLeft();
    at.classList.toggle("is-over", session.cut.minutes * 60 < (Date.now() - session.cut.startedAt) / 1000);
  }
}

async function move(step) {
  if (!session || session.busy) return;
  session.busy = true;
  try {
    if (session.cut) {
      const { cut } = session;
      const target = cut.index + step;
      if (target >= 0 && target < cut.items.length) {
        cut.index = target;
        await show(cut.items[target].chapter, cut.items[target].anchor);
      }
      return;
    }
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
