// An activity: its instructions and a countdown timer set to the agenda block's length.
// Start, pause, reset; large digits; a visible end and a beep made with the Web Audio API. The
// countdown is the day's (kept in the store, `timer_act`): leaving the page does not stop it.
// Keyboard: the buttons, or Space/S to start or pause and R to reset. `countdown` is the timer
// itself, also shown by the projector dashboard.

import { h, mount, trusted } from "../dom.js";

function clock(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}

function beep() {
  const Ctx = window.AudioContext || window.webkitAudioContext;
  if (!Ctx) return;
  try {
    const audio = new Ctx();
    [0, 0.35, 0.7].forEach((at) => {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = "sine";
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, audio.currentTime + at);
      gain.gain.exponentialRampToValueAtTime(0.4, audio.currentTime + at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + at + 0.28);
      osc.connect(gain).connect(audio.destination);
      osc.start(audio.currentTime + at);
      osc.stop(audio.currentTime + at + 0.3);
    });
    setTimeout(() => audio.close(), 1500);
  } catch {
    // No audio device: the visible end state still shows.
  }
}

/**
 * A countdown timer of `minutes`: large digits, start/pause/resume, reset, a visible end and a
 * beep. With `keys`, Space or S starts and pauses and R resets while the timer is on the page;
 * without, the caller drives it through `toggle` and `reset` (the projector dashboard uses T).
 * With `key` and `api`, the countdown is the day's one kept in the store (`timer_act`): every
 * page showing that key shows the same clock, it keeps running while other pages are open, and
 * after a restart it is found paused where it was; without, it lives in this page only.
 * Returns `{ element, toggle, reset, stop }`.
 */
export function countdown(minutes, { keys = true, hint = "Keyboard: Space or S starts and pauses, R resets.", key = null, api = null } = {}) {
  const duration = minutes * 60 * 1000;
  const shared = Boolean(key && api);
  let remaining = duration;
  let endsAt = null;
  let tick = null;

  const digits = h("div", { class: "timer-digits", id: "timer-digits", role: "timer", "aria-label": "Time left" }, clock(remaining));
  const state = h("p", { class: "timer-state", id: "timer-state", role: "status", "aria-live": "polite" }, "Ready");
  const startButton = h("button", { type: "button", id: "timer-start", onclick: toggle }, "Start");
  const resetButton = h("button", { type: "button", id: "timer-reset", class: "button-secondary", onclick: reset }, "Reset");
  const timer = h("section", { class: "timer", id: "timer", "aria-label": "Countdown timer", dataset: key ? { key } : {} },
    digits, state,
    h("div", { class: "timer-buttons" }, startButton, resetButton),
    hint ? h("p", { class: "muted small" }, hint) : null);

  function draw() {
    digits.textContent = clock(remaining);
  }

  function stopTicking() {
    if (tick) clearInterval(tick);
    tick = null;
  }

  const PHASES = { ready: ["Ready", "Start"], running: ["Running", "Pause"], paused: ["Paused", "Resume"], done: ["Time is up", "Start"] };
  function show(phase) {
    timer.classList.toggle("timer-running", phase === "running");
    timer.classList.toggle("timer-done", phase === "done");
    [state.textContent, startButton.textContent] = PHASES[phase];
    startButton.disabled = phase === "done";
  }

  /** Takes the store's reading of the shared countdown as the truth, and ticks from it. */
  function apply(reading) {
    stopTicking();
    remaining = reading.left_ms;
    endsAt = reading.phase === "running" ? performance.now() + remaining : null;
    if (endsAt !== null) tick = setInterval(update, 200);
    show(reading.phase);
    draw();
  }

  async function act(action) {
    try {
      apply(await api.timerAct(key, duration, action));
    } catch (error) {
      state.textContent = `The timer could not be ${action === "read" ? "read" : "saved"}: ${error?.message ?? error}`;
    }
  }

  function update() {
    if (!document.body.contains(timer)) {
      stopTicking();
      document.removeEventListener("keydown", onKey);
      return;
    }
    remaining = Math.max(0, endsAt - performance.now());
    draw();
    if (remaining === 0) {
      stopTicking();
      endsAt = null;
      show("done");
      beep();
    }
  }

  function toggle() {
    if (shared) {
      act(endsAt === null ? "start" : "pause");
      return;
    }
    if (endsAt === null) {
      if (remaining === 0) return;
      endsAt = performance.now() + remaining;
      tick = setInterval(update, 200);
      show("running");
    } else {
      update();
      stopTicking();
      endsAt = null;
      if (remaining > 0) show("paused");
    }
  }

  function reset() {
    if (shared) {
      act("reset");
      return;
    }
    stopTicking();
    endsAt = null;
    remaining = duration;
    show("ready");
    draw();
  }

  function onKey(event) {
    if (!document.body.contains(timer)) {
      document.removeEventListener("keydown", onKey);
      return;
    }
    const tag = event.target.tagName;
    if (["INPUT", "TEXTAREA", "SELECT", "BUTTON", "A"].includes(tag) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === " " || event.key === "s" || event.key === "S") {
      event.preventDefault();
      if (!startButton.disabled) toggle();
    } else if (event.key === "r" || event.key === "R") {
      event.preventDefault();
      reset();
    }
  }
  if (keys) document.addEventListener("keydown", onKey);
  if (shared) act("read");

  return {
    element: timer,
    toggle: () => { if (!startButton.disabled) toggle(); },
    reset,
    /** Stops this page's ticking when the view goes away; a shared countdown runs on. */
    stop: () => { stopTicking(); endsAt = null; document.removeEventListener("keydown", onKey); },
  };
}

export async function renderActivity({ main, api }, chapterId) {
  const activity = await api.activity(chapterId);
  const timer = countdown(activity.minutes, { key: `activity:${activity.id}`, api }).element;

  const article = h("article", { class: "chapter activity-instructions" },
    activity.sections.map((s) => trusted("section", { class: "chapter-section" }, s.html)));

  mount(main,
    h("p", { class: "breadcrumb" }, activity.module_title),
    h("h1", { id: "activity-title" }, activity.title),
    h("p", { class: "chapter-meta" },
      h("span", { class: "badge" }, "Activity"),
      ` ${activity.minutes} min`,
      activity.block_title ? ` · agenda block “${activity.block_title}”` : " · no agenda block; the chapter's estimate",
      " · ", h("a", { href: `#/chapter/${activity.id}` }, "Open as a chapter"),
      " · ", h("a", { href: "#/handouts", id: "activity-handouts" }, "Print the worksheet")),
    timer,
    article);
  main.focus();
}
