// #/live/WORKSHOP: the live classroom session. Without a session: choose the network address
// and port, then "Start live session". With one: the projector's join screen (a large QR code,
// the address in large type, the short code, the join link as text to copy), who has joined
// per team with their progress, and the facilitator's controls (modes, reveal, lock, remove,
// end). Refreshes every 2 s.
// Knowledge check: pick a module, then per question start the timer, close it (only then does
// the distribution show, with the right options marked), go on; after the last one, finish
// (named participants' results are stored as learner results). Practice round: each group's
// device and its progress through the EJ Airways questions.
// Everything comes from Rust (`live_*` commands); the QR code is an SVG shown as an image.

import { h, mount, errorBox } from "../dom.js";

let timer = null;
let clock = null;

function stop() {
  if (timer) clearInterval(timer);
  if (clock) clearInterval(clock);
  timer = null;
  clock = null;
}

const PHASES = { ready: "timer not started", open: "answering", closed: "closed", finished: "finished, results stored" };

function modeName(mode) {
  if (mode.kind === "vote") return mode.revealed ? "vote revealed" : "silent vote";
  if (mode.kind === "quiz") return "knowledge check";
  if (mode.kind === "practice") return "practice round";
  return "assessment";
}

export async function renderLive(ctx, workshopId) {
  stop();
  const id = Number(workshopId);
  let view = null;
  try {
    view = await ctx.api.liveOverview();
  } catch (e) {
    if (e.kind !== "not-found") throw e;
  }
  if (view && view.overview.workshop_id !== id) {
    return mount(ctx.main, h("section", { class: "live" },
      h("h1", {}, "Live session"),
      h("p", {}, `A live session of “${view.overview.workshop_name}” is running. End it before starting another.`),
      h("a", { class: "button", href: `#/live/${view.overview.workshop_id}` }, "Go to the running session")));
  }
  if (!view) return renderSetup(ctx, id);
  renderRoom(ctx, id, view);
}

async function renderSetup(ctx, id) {
  const [workshop, interfaces] = await Promise.all([ctx.api.workshopGet(id), ctx.api.liveInterfaces()]);
  const select = h("select", { id: "live-ip" },
    interfaces.map((i) => h("option", { value: i.ip },
      `${i.ip} (${i.name}${i.loopback ? ", this machine only" : i.private ? ", local network" : ", public — not advised"})`)));
  const port = h("input", { id: "live-port", type: "number", min: "1024", max: "65535", value: "8787" });
  const error = h("p", { class: "error", role: "alert" });
  const start = h("button", {
    type: "button", id: "live-start",
    onclick: async () => {
      start.disabled = true;
      error.textContent = "";
      try {
        const view = await ctx.api.liveStart(id, select.value, Number(port.value));
        renderRoom(ctx, id, view);
      } catch (e) {
        error.textContent = e.message;
        start.disabled = false;
      }
    },
  }, "Start live session");
  mount(ctx.main, h("section", { class: "live live-setup" },
    h("h1", {}, `Live session · ${workshop.workshop.name}`),
    h("p", {}, "Participants join from their own phone or laptop on this network by scanning a QR code. Their answers are stored in this app's database as they send them. Nothing goes to the internet."),
    h("label", { for: "live-ip" }, "Network address"), select,
    h("label", { for: "live-port" }, "Port (the next free one is taken if it is in use)"), port,
    h("p", { class: "muted" }, "Plain HTTP on the local network: others on the same Wi-Fi could read the answers in transit. Allow the port through this machine's firewall."),
    error, start,
    h("p", {}, h("a", { href: `#/workshop/${id}` }, "Back to the workshop"))));
}

function qrImage(svg) {
  return h("img", { class: "live-qr", alt: "QR code of the join link", src: "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg) });
}

function renderRoom(ctx, id, view) {
  const o = view.overview;
  const status = h("p", { class: "live-status", role: "status" });
  const teams = h("div", { class: "live-teams" });
  const mode = h("div", { class: "live-mode" });
  const results = h("div", { class: "live-results" });
  const quizPanel = h("div", { class: "live-quiz", id: "live-quiz" });
  let joinBox = null;
  const practicePanel = h("div", { class: "live-practice", id: "live-practice" });
  const draw = (v) => {
    const ov = v.overview;
    status.textContent = `${ov.joined} joined of ${ov.max_participants} · ${ov.locked ? "room locked" : "room open"} · ${modeName(ov.mode)}`;
    // During a knowledge check or the practice round the join details shrink (latecomers can
    // still scan), so the question fits the projector.
    if (joinBox) joinBox.classList.toggle("compact", ov.mode.kind === "quiz" || ov.mode.kind === "practice");
    drawQuiz(quizPanel, ov);
    drawPractice(practicePanel, ov);
    teams.replaceChildren(...ov.teams.map((t) => h("section", { class: "live-team", dataset: { team: t.name } },
      h("h2", {}, `${t.name} · ${t.participants.filter((p) => !p.removed).length}`),
      h("ul", {}, t.participants.filter((p) => !p.removed).map((p) => h("li", {},
        h("span", { class: p.connected ? "live-dot on" : "live-dot", title: p.connected ? "connected" : "not connected" }),
        ` ${p.name} — ${p.answered}/${t.questions} `,
        h("button", { type: "button", class: "button-secondary", "aria-label": `Remove ${p.name}`,
          onclick: async () => { if (confirm(`Remove ${p.name} from the session? Their answers stay.`)) { await ctx.api.liveRemove(p.id); refresh(); } } }, "Remove")))))));
  };
  const refresh = async () => {
    try {
      draw(await ctx.api.liveOverview());
    } catch (e) {
      stop();
      if (e.kind === "not-found") return renderLive(ctx, id);
      mount(ctx.main, errorBox(e));
    }
  };
  const question = h("input", { id: "live-question", type: "text", placeholder: "question id, e.g. flow-3" });
  const modeError = h("p", { class: "error", role: "alert" });
  const act = (fn) => async () => {
    modeError.textContent = "";
    try { await fn(); await refresh(); } catch (e) { modeError.textContent = e.message; }
  };
  mode.replaceChildren(
    h("button", { type: "button", id: "live-assessment", onclick: act(() => ctx.api.liveMode({ kind: "assessment" })) }, "Assessment"),
    question,
    h("button", { type: "button", id: "live-vote", onclick: act(() => ctx.api.liveMode({ kind: "vote", question_id: question.value.trim(), revealed: false })) }, "Start silent vote"),
    h("button", { type: "button", id: "live-reveal", onclick: act(async () => showResults(results, await ctx.api.liveReveal())) }, "Reveal votes"),
  );
  const modules = h("select", { id: "live-quiz-module", "aria-label": "Module" },
    view.quiz_modules.map((m) => h("option", { value: m.id }, `${m.title} (${m.questions} questions)`)));
  const seconds = h("input", { id: "live-quiz-seconds", type: "number", min: "5", max: "600", value: "30", "aria-label": "Seconds per question" });
  const quizControls = h("div", { class: "live-mode live-quiz-controls" },
    h("button", { type: "button", id: "live-quiz-open", onclick: act(() => ctx.api.liveQuizOpen(Number(seconds.value))) }, "Start timer"),
    seconds, h("span", {}, "s"),
    h("button", { type: "button", id: "live-quiz-close", onclick: act(() => ctx.api.liveQuizClose()) }, "Close question"),
    h("button", { type: "button", id: "live-quiz-next", onclick: act(() => ctx.api.liveQuizNext()) }, "Next question"),
    h("button", { type: "button", id: "live-quiz-finish", onclick: act(() => ctx.api.liveQuizFinish()) }, "Finish and store results"));
  const activities = h("div", { class: "live-mode" },
    modules,
    h("button", { type: "button", id: "live-quiz-start", onclick: act(async () => {
      const o = (await ctx.api.liveOverview()).overview;
      if (o.mode.kind === "quiz" && o.quiz && o.quiz.phase !== "finished"
        && !confirm("A knowledge check is under way. Start another? Its answers are not stored.")) return;
      await ctx.api.liveQuizStart(modules.value);
    }) }, "Start knowledge check"),
    h("button", { type: "button", id: "live-practice-start", onclick: act(() => ctx.api.livePracticeStart()) }, "EJ Airways practice round"));
  quizPanel.controls = quizControls;
  const lock = h("button", { type: "button", id: "live-lock", onclick: act(async () => { const now = (await ctx.api.liveOverview()).overview.locked; await ctx.api.liveLock(!now); lock.textContent = now ? "Lock the room" : "Open the room"; }) }, o.locked ? "Open the room" : "Lock the room");
  // Ending asks on the page itself, not with confirm(): a native dialog would cover the
  // projector, and not every webview shows one.
  const ending = h("span", { class: "live-end" });
  const end = h("button", { type: "button", id: "live-end", class: "danger", onclick: () => ending.replaceChildren(
    h("span", { role: "alert" }, "End the live session? Every phone is told, and the server stops. "),
    h("button", { type: "button", id: "live-end-confirm", class: "danger", onclick: async () => {
      stop();
      await ctx.api.liveEnd();
      location.hash = `#/workshop/${id}`;
    } }, "End now"),
    " ",
    h("button", { type: "button", id: "live-end-cancel", class: "button-secondary", onclick: () => ending.replaceChildren(end) }, "Keep it running")) }, "End session");
  ending.append(end);
  mount(ctx.main, h("section", { class: "live live-room" },
    joinBox = h("div", { class: "live-join" },
      qrImage(view.qr_svg),
      h("div", {},
        h("p", { class: "live-lead" }, `Join “${o.workshop_name}”: scan the code, or open`),
        h("p", { class: "live-address", id: "live-address" }, o.address),
        h("p", { class: "live-lead" }, "and type the code"),
        h("p", { class: "live-code", id: "live-code" }, o.join_code),
        h("label", { class: "live-link-label", for: "live-join-link" }, "Join link, to paste into a chat (the QR code holds the same link)"),
        h("input", { id: "live-join-link", class: "live-link", type: "text", readonly: true, value: o.join_link, onfocus: (e) => e.target.select() }),
        status)),
    quizPanel, practicePanel,
    h("h2", {}, "Who has joined"),
    teams,
    h("h2", {}, "Mode"),
    mode, activities, modeError, results,
    h("div", { class: "live-controls" }, lock, ending)));
  draw(view);
  timer = setInterval(() => (location.hash.startsWith(`#/live/${id}`) ? refresh() : stop()), 2000);
}

// The knowledge check as the projector shows it: the question, how many answered, the time
// left; once closed, how many chose each option, the right ones marked.
function drawQuiz(panel, ov) {
  const q = ov.quiz;
  if (ov.mode.kind !== "quiz" || !q) {
    panel.replaceChildren();
    return;
  }
  const c = panel.controls;
  const finished = q.phase === "finished";
  const last = q.question === q.questions;
  c.querySelector("#live-quiz-open").disabled = !(q.phase === "ready" || q.phase === "open");
  c.querySelector("#live-quiz-close").disabled = !(q.phase === "ready" || q.phase === "open");
  c.querySelector("#live-quiz-next").disabled = q.phase !== "closed" || last;
  c.querySelector("#live-quiz-finish").disabled = q.phase !== "closed" || !last;
  const time = h("span", { class: "live-quiz-clock", id: "live-quiz-clock" });
  if (clock) clearInterval(clock);
  clock = null;
  if (q.phase === "open" && q.seconds_left !== null) {
    const end = Date.now() + q.seconds_left * 1000;
    const tick = () => {
      const left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      time.textContent = left > 0 ? `${left} s` : "time is up: close the question";
      if (left === 0 && clock) { clearInterval(clock); clock = null; }
    };
    tick();
    clock = setInterval(tick, 1000);
  }
  const most = q.distribution ? Math.max(1, ...q.distribution) : 1;
  const options = h("ul", { class: "live-quiz-options" }, q.options.map((text, i) => {
    const right = q.correct && q.correct.includes(i);
    const n = q.distribution ? q.distribution[i] : null;
    return h("li", { class: right ? "right" : "" },
      h("span", { class: "live-quiz-text" }, right ? `✓ ${text}` : text),
      n === null ? null : bar(n / most, String(n)));
  }));
  const s = q.summary;
  panel.replaceChildren(...[
    h("h2", {}, `Knowledge check · ${q.title}`),
    finished ? null : h("p", { class: "live-quiz-meta" },
      `Question ${q.question} of ${q.questions} · ${PHASES[q.phase]} · ${q.answered} of ${q.present} answered `, time),
    c,
    finished ? null : h("p", { class: "live-quiz-prompt", id: "live-quiz-prompt" }, q.prompt),
    finished ? null : options,
    finished ? null : (q.distribution ? null : h("p", { class: "muted" }, "The room's answers show here once you close the question.")),
    s ? h("div", { id: "live-quiz-summary" },
      h("p", {}, `Stored as learner results: ${s.stored} · anonymous (counted, not stored): ${s.anonymous}${s.not_stored ? ` · could not be stored: ${s.not_stored}` : ""}`),
      h("p", {}, "People per score: " + s.scores.map((n, score) => `${score}/${s.scores.length - 1}: ${n}`).join(" · "))) : null,
  ].filter(Boolean));
}

// A horizontal bar (share 0..1) with its label; the width is set through the CSSOM, which the
// app's CSP allows (a style attribute it would not).
function bar(share, label) {
  const fill = h("span", { class: "live-quiz-fill" });
  fill.style.width = `${Math.round(100 * share)}%`;
  return h("span", { class: "live-quiz-bar" }, h("span", { class: "live-quiz-track" }, fill), h("span", { class: "live-quiz-count" }, label));
}

// The practice round: each group's device and how far the group is.
function drawPractice(panel, ov) {
  const p = ov.practice;
  if (ov.mode.kind !== "practice" || !p) {
    panel.replaceChildren();
    return;
  }
  panel.replaceChildren(
    h("h2", {}, "EJ Airways practice round"),
    h("p", { class: "muted" }, "Each group answers on one device: the first of the team to press “Answer for my group on this device”."),
    h("ul", { class: "live-practice-groups" }, p.groups.map((g) => h("li", { dataset: { group: g.name } },
      h("span", { class: "live-practice-name" }, g.name),
      bar(g.answered / Math.max(1, p.questions), `${g.answered}/${p.questions}`),
      h("span", { class: "muted" }, g.device ? `on ${g.device}'s device` : "no device yet")))));
}

function showResults(box, r) {
  box.replaceChildren(h("h3", {}, r.question),
    ...r.teams.map((t) => h("p", {}, `${t.team}: ` + t.distribution.map((n, i) => `${i + 1}: ${n}`).join(" · ") + ` · don't know: ${t.dont_know} · n/a: ${t.not_applicable} · not voted: ${t.waiting} · spread ${t.spread}`)));
}
