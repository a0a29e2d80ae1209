// The participant's page of a live session. Plain ES module, no framework, nothing remote.
//
// Answers are written to a queue in localStorage first, then sent one at a time with PUT
// (idempotent per question), and leave the queue only when the server says "saved" (it says
// so once the answer is on disk). A phone that sleeps, loses the Wi-Fi or reloads keeps its
// queue and its token, reconnects and sends what is left: nothing is lost or counted twice.
// Everything shown is built with textContent; the page never inserts HTML.
//
// The same queue carries a knowledge-check answer (kind "quiz": the chosen options of the
// current question, taken until the question closes) and a group's practice-round answer
// (kind "practice", sent only from the group's device).

const KEY = "dm-live";
const main = document.getElementById("main");
const statusEl = document.getElementById("status");

const saved = JSON.parse(localStorage.getItem(KEY) || "{}");
const state = {
  token: saved.token || null,
  pending: saved.pending || {}, // question id → {answer, evidence}
  index: saved.index || 0,
  me: null, // what /api/me returned
  answers: {},
  ended: false,
  sending: false,
  online: true,
  events: null,
  retry: 1000,
  quiz: null, // what /api/quiz returned
  quizTimer: null,
  practice: null, // what /api/practice returned
  practiceIndex: saved.practiceIndex || 0,
};

function persist() {
  localStorage.setItem(
    KEY,
    JSON.stringify({ token: state.token, pending: state.pending, index: state.index, practiceIndex: state.practiceIndex }),
  );
}

function setStatus(text, kind) {
  statusEl.textContent = text;
  statusEl.className = "status " + kind;
}

function showStatus() {
  if (state.ended) return setStatus("the session has ended", "bad");
  if (!state.online) return setStatus("reconnecting…", "busy");
  if (Object.keys(state.pending).length > 0) return setStatus("saving…", "busy");
  // A knowledge-check answer is kept by the server until the check ends; it is stored (and
  // the phone says "saved") only then.
  if (state.me && state.me.mode.kind === "quiz") return setStatus("connected", "ok");
  setStatus("saved", "ok");
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "text") node.textContent = v;
    else if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

function screen(...children) {
  // Optional parts come as null: replaceChildren would write them out as the text "null".
  main.replaceChildren(...children.filter((c) => c !== null && c !== undefined));
  window.scrollTo(0, 0);
}

async function call(method, path, body) {
  const headers = {};
  if (state.token) headers.Authorization = "Bearer " + state.token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: "no-store",
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(data.message || "the server refused (" + response.status + ")");
    error.code = data.error || "http-" + response.status;
    error.status = response.status;
    throw error;
  }
  return data;
}

// ---- joining -------------------------------------------------------------------------------

function joinCredential() {
  const hash = location.hash.slice(1);
  if (/^[0-9a-f]{64}$/.test(hash)) {
    sessionStorage.setItem(KEY + "-join", hash);
    history.replaceState(null, "", location.pathname);
  }
  return sessionStorage.getItem(KEY + "-join");
}

function askCode(message) {
  const input = el("input", { type: "text", id: "code", autocomplete: "off", autocapitalize: "characters", inputmode: "text", maxlength: "12" });
  const error = el("p", { class: "error", role: "alert", text: message || "" });
  screen(
    el("h1", { text: "Join the session" }),
    el("p", { class: "note", text: "Scan the QR code on the projector, or type the join code shown under it." }),
    el("label", { for: "code", text: "Join code" }),
    input,
    error,
    el("button", { class: "primary", on: { click: () => showTeams(input.value.trim()) }, text: "Continue" }),
  );
  setStatus("not joined", "busy");
}

async function showTeams(credential) {
  if (!credential) return askCode();
  let room;
  try {
    room = await call("POST", "/api/room", { join: credential });
  } catch (e) {
    sessionStorage.removeItem(KEY + "-join");
    return askCode(e.message);
  }
  let team = null;
  const buttons = room.teams.map((t) =>
    el("button", {
      type: "button",
      "aria-pressed": "false",
      "data-team": String(t.id),
      on: {
        click: (ev) => {
          team = t.id;
          for (const b of buttons) b.setAttribute("aria-pressed", String(b === ev.currentTarget));
        },
      },
      text: t.name,
    }),
  );
  const name = el("input", { type: "text", id: "name", maxlength: "100", autocomplete: "name" });
  // Leaders' answers on the leadership questions are shown apart from the others'.
  let role = null;
  const roles = [
    ["practitioner", "I do the team's work"],
    ["leader", "I lead the team"],
  ].map(([code, label]) =>
    el("button", {
      type: "button",
      "aria-pressed": "false",
      "data-role": code,
      on: {
        click: (ev) => {
          role = code;
          for (const b of roles) b.setAttribute("aria-pressed", String(b === ev.currentTarget));
        },
      },
      text: label,
    }),
  );
  const error = el("p", { class: "error", role: "alert" });
  const go = el("button", {
    class: "primary",
    id: "join",
    on: {
      click: async () => {
        if (team === null) {
          error.textContent = "Pick your team first.";
          return;
        }
        go.disabled = true;
        try {
          const body = { join: credential, team, name: name.value };
          if (role !== null) body.role = role;
          const joined = await call("POST", "/api/join", body);
          state.token = joined.token;
          state.pending = {};
          state.index = 0;
          persist();
          sessionStorage.removeItem(KEY + "-join");
          await resume();
        } catch (e) {
          error.textContent = e.message;
          go.disabled = false;
        }
      },
    },
    text: "Join",
  });
  screen(
    el("h1", { text: room.workshop }),
    el("h2", { text: "Which team are you in?" }),
    el("div", { class: "teams", role: "group", "aria-label": "Teams" }, ...buttons),
    el("label", { for: "name", text: "Your name (optional)" }),
    name,
    el("p", { class: "note", text: "Leave it blank to answer anonymously. Only you see your answers on this device." }),
    el("h2", { text: "Your part in the team" }),
    el("div", { class: "teams", role: "group", "aria-label": "Your part in the team" }, ...roles),
    el("p", { class: "note", text: "Team leads, product owners and managers: choose “I lead the team”. Leaders' answers about leadership are also shown apart from the others'." }),
    error,
    go,
  );
  setStatus("not joined", "busy");
}

// ---- the session ---------------------------------------------------------------------------

async function resume() {
  try {
    state.me = await call("GET", "/api/me");
    state.online = true;
    state.retry = 1000;
  } catch (e) {
    if (e.status) return lost(e);
    state.online = false;
    showStatus();
    return setTimeout(resume, nextDelay());
  }
  state.answers = {};
  for (const [id, a] of Object.entries(state.me.answers)) state.answers[id] = a;
  for (const [id, a] of Object.entries(state.pending)) state.answers[id] = a;
  connectEvents();
  render();
  flush();
}

function nextDelay() {
  state.retry = Math.min(state.retry * 2, 15000);
  return state.retry * (0.75 + Math.random() / 2);
}

/** The token no longer works: the session ended, or this person was removed. */
function lost(e) {
  if (state.events) state.events.close();
  if (e.code === "ended" || e.code === "removed") {
    state.ended = true;
    state.token = null;
    persist();
    showStatus();
    return screen(
      el("p", { class: "big", text: e.code === "ended" ? "The session has ended. Thank you!" : "The facilitator removed you from the session." }),
    );
  }
  state.token = null;
  persist();
  const credential = joinCredential();
  return credential ? showTeams(credential) : askCode();
}

function connectEvents() {
  if (state.events) state.events.close();
  const events = new EventSource("/api/events?token=" + encodeURIComponent(state.token));
  state.events = events;
  events.addEventListener("open", () => {
    state.online = true;
    showStatus();
    flush();
  });
  events.addEventListener("hello", (ev) => setMode(JSON.parse(ev.data)));
  events.addEventListener("mode", (ev) => setMode(JSON.parse(ev.data)));
  events.addEventListener("resync", () => resume());
  // A group's device was claimed or freed: look again at whose device answers.
  events.addEventListener("practice", () => {
    if (state.me && state.me.mode.kind === "practice") render();
  });
  events.addEventListener("ended", () => lost({ code: "ended" }));
  events.addEventListener("removed", () => lost({ code: "removed" }));
  events.addEventListener("error", () => {
    if (state.ended) return;
    state.online = false;
    showStatus();
    if (events.readyState === EventSource.CLOSED) {
      // The browser gave up (an HTTP error, or the server was gone): ask why, then retry.
      setTimeout(resume, nextDelay());
    }
  });
}

function setMode(mode) {
  if (!state.me) return;
  const changed = JSON.stringify(mode) !== JSON.stringify(state.me.mode);
  state.me.mode = mode;
  if (changed) render();
}

function answerOf(id) {
  return state.answers[id] || null;
}

function choose(question, answer) {
  const evidence = document.getElementById("evidence");
  const entry = { answer, evidence: evidence && evidence.value.trim() ? evidence.value : null };
  state.answers[question.id] = entry;
  state.pending[question.id] = entry;
  persist();
  showStatus();
  flush();
  const mode = state.me.mode;
  if (mode.kind === "assessment" && state.index < state.me.questionnaire.questions.length - 1) {
    state.index += 1;
    persist();
  }
  render();
}

async function flush() {
  if (state.sending || !state.token) return;
  state.sending = true;
  try {
    for (;;) {
      const ids = Object.keys(state.pending);
      if (ids.length === 0) break;
      const id = ids[0];
      const entry = state.pending[id];
      try {
        const [path, body] = target(id, entry);
        await call("PUT", path, body);
        if (state.pending[id] === entry) delete state.pending[id];
        state.online = true;
        state.retry = 1000;
      } catch (e) {
        if (!e.status) {
          state.online = false;
          showStatus();
          setTimeout(flush, nextDelay());
          break;
        }
        if (e.code === "ended" || e.code === "removed" || e.code === "bad-token") {
          lost(e);
          break;
        }
        if (e.status === 429 || e.status === 503) {
          setTimeout(flush, nextDelay());
          break;
        }
        // Refused for good (e.g. the vote is over): drop it and say so.
        delete state.pending[id];
        alertLine(e.message);
      }
      persist();
    }
  } finally {
    state.sending = false;
    persist();
    showStatus();
  }
}

/** Where a queued answer goes, and what is sent. */
function target(key, entry) {
  if (entry.kind === "quiz") return ["/api/quiz/" + encodeURIComponent(entry.id), { chosen: entry.chosen }];
  if (entry.kind === "practice") return ["/api/practice/" + encodeURIComponent(entry.id), { answer: entry.answer }];
  return ["/api/answers/" + encodeURIComponent(key), { answer: entry.answer, evidence: entry.evidence }];
}

function alertLine(text) {
  const line = document.getElementById("alert");
  if (line) line.textContent = text;
}

function questionCard(question, note) {
  const q = state.me.questionnaire;
  const current = answerOf(question.id);
  const level = (n) =>
    el(
      "button",
      { type: "button", class: "choice", "aria-pressed": String(current?.answer === String(n)), on: { click: () => choose(question, String(n)) } },
      el("span", { class: "n", text: String(n) }),
      el("span", { text: question.anchors[n - 1] }),
    );
  const other = (code, label) =>
    el("button", { type: "button", class: "choice", "aria-pressed": String(current?.answer === code), on: { click: () => choose(question, code) } }, el("span", { text: label }));
  const dimension = q.dimensions.find((d) => d.id === question.dimension);
  const evidence = el("textarea", { id: "evidence", maxlength: "10000" });
  evidence.value = current?.evidence || "";
  evidence.addEventListener("change", () => {
    const now = answerOf(question.id);
    if (!now) return;
    const entry = { answer: now.answer, evidence: evidence.value.trim() ? evidence.value : null };
    state.answers[question.id] = entry;
    state.pending[question.id] = entry;
    persist();
    flush();
  });
  return [
    note,
    el("p", { class: "dimension", text: dimension ? dimension.name : "" }),
    el("h1", { id: "question", text: question.text }),
    el("div", { class: "choices", role: "group", "aria-label": "Answers" }, ...[1, 2, 3, 4, 5].map(level)),
    el("div", { class: "other" }, other("dont-know", "Don't know"), other("not-applicable", "Not applicable")),
    el("label", { for: "evidence", text: "Evidence or comment (optional)" }),
    evidence,
    el("p", { id: "alert", class: "error", role: "alert" }),
  ];
}

function render() {
  if (state.ended || !state.me) return;
  const me = state.me;
  const questions = me.questionnaire.questions;
  const mode = me.mode;
  const who = el("p", { class: "note", text: me.name + " · " + me.team });
  showStatus();
  if (mode.kind !== "quiz") stopQuizTimer();
  if (mode.kind === "quiz") return loadQuiz(who);
  if (mode.kind === "practice") return loadPractice(who);
  if (mode.kind === "vote") {
    const question = questions.find((x) => x.id === mode.question_id);
    if (!question) return screen(who, el("p", { class: "big", text: "The other teams are voting on a question. Please wait." }));
    if (mode.revealed) return screen(who, el("p", { class: "big", text: "The votes are revealed on the projector." }));
    const voted = answerOf(question.id);
    return screen(
      who,
      el("p", { class: "note", text: voted ? "Your vote is in; you can change it until the reveal. Nobody sees it before then." : "Silent vote: nobody sees your vote until the facilitator reveals all of them." }),
      ...questionCard(question, null),
    );
  }
  state.index = Math.max(0, Math.min(state.index, questions.length - 1));
  const question = questions[state.index];
  const done = questions.filter((x) => answerOf(x.id)).length;
  const progress = el(
    "div",
    {},
    el("div", { class: "progress" }, el("span", { text: "Question " + (state.index + 1) + " of " + questions.length }), el("span", { id: "done", text: done + " answered" })),
    el("div", { class: "bar-track" }, el("div", { class: "bar-fill", style: null })),
  );
  const fill = progress.querySelector(".bar-fill");
  fill.style.width = Math.round((100 * done) / questions.length) + "%";
  const go = (delta) => () => {
    state.index += delta;
    persist();
    render();
  };
  screen(
    who,
    progress,
    ...questionCard(question, null),
    el(
      "div",
      { class: "nav" },
      el("button", { type: "button", id: "prev", disabled: state.index === 0, on: { click: go(-1) }, text: "‹ Previous" }),
      el("button", { type: "button", id: "next", disabled: state.index === questions.length - 1, on: { click: go(1) }, text: "Next ›" }),
    ),
  );
}

// ---- knowledge check -------------------------------------------------------------------------

function stopQuizTimer() {
  if (state.quizTimer) clearInterval(state.quizTimer);
  state.quizTimer = null;
}

async function loadQuiz(who) {
  try {
    state.quiz = await call("GET", "/api/quiz");
  } catch (e) {
    if (e.code === "ended" || e.code === "removed" || e.code === "bad-token") return lost(e);
    if (!e.status) {
      state.online = false;
      showStatus();
      return setTimeout(() => render(), nextDelay());
    }
    return screen(who, el("p", { class: "big", text: e.message }));
  }
  renderQuiz(who);
}

function quizPending(q) {
  const entry = state.pending["quiz:" + q.id];
  return entry ? entry.chosen : null;
}

function renderQuiz(who) {
  const q = state.quiz;
  stopQuizTimer();
  if (q.phase === "finished") {
    const r = q.result;
    if (r && r.stored) setStatus("saved", "ok");
    return screen(
      who,
      el("h1", { text: q.title }),
      r
        ? el("p", { class: "big", id: "quiz-result", text: "You got " + r.correct + " of " + r.total + " right." })
        : el("p", { class: "big", text: "The knowledge check is over." }),
      r && r.stored ? el("p", { class: "note", id: "quiz-saved", text: "Saved to your learner profile “" + state.me.name + "”." }) : null,
      r && !r.stored ? el("p", { class: "note", text: q.anonymous ? "You took part anonymously: your score is counted in the room's results, not stored." : "Your score could not be stored under your name; ask the facilitator." }) : null,
    );
  }
  const chosen = quizPending(q) || q.chosen;
  const multiple = q.kind === "multiple";
  const closed = q.phase === "closed";
  let left = q.seconds_left;
  const open = () => q.phase === "open" && left > 0;
  const clock = el("span", { id: "quiz-clock", class: "clock" });
  const pick = (index) => {
    if (!open()) return;
    let next = multiple ? (chosen.includes(index) ? chosen.filter((i) => i !== index) : [...chosen, index]) : [index];
    next.sort((a, b) => a - b);
    if (next.length === 0) return;
    q.chosen = next;
    state.pending["quiz:" + q.id] = { kind: "quiz", id: q.id, chosen: next };
    persist();
    showStatus();
    flush();
    renderQuiz(who);
  };
  const buttons = q.options.map((o, n) => {
    const picked = chosen.includes(o.index);
    const mark = closed ? (o.correct ? " right" : picked ? " wrong" : "") : "";
    return el(
      "button",
      { type: "button", class: "choice" + mark, "aria-pressed": String(picked), "data-index": String(o.index), disabled: !open() && !closed, on: { click: () => pick(o.index) } },
      el("span", { class: "n", text: String.fromCharCode(65 + n) }),
      el(
        "span",
        {},
        closed && (picked || o.correct) ? el("span", { class: "verdict", text: o.correct ? (picked ? "✓ Right, and your answer" : "✓ Right") : "✗ Your answer" }) : null,
        el("span", { text: o.text }),
        closed && (picked || o.correct) ? el("span", { class: "feedback", text: o.feedback }) : null,
      ),
    );
  });
  const line = el("p", { class: "note", id: "quiz-state" });
  const tick = () => {
    if (q.phase === "ready") line.textContent = "Read the question; answers open when the facilitator starts the timer.";
    else if (q.phase === "closed") line.textContent = chosen.length ? "The question is closed. The room's answers are on the projector." : "The question is closed; you did not answer it.";
    else if (left > 0) {
      clock.textContent = left + " s";
      line.textContent = chosen.length ? "Your answer is in; you can change it until the time is up." : multiple ? "Choose every answer that applies." : "Choose one answer.";
    } else {
      clock.textContent = "0 s";
      line.textContent = "Time is up.";
      for (const b of buttons) b.disabled = true;
    }
  };
  tick();
  if (q.phase === "open" && left > 0) {
    state.quizTimer = setInterval(() => {
      left -= 1;
      tick();
      if (left <= 0) stopQuizTimer();
    }, 1000);
  }
  screen(
    who,
    el("div", { class: "progress" }, el("span", { text: q.title + " · question " + q.question + " of " + q.questions }), clock),
    el("h1", { id: "question", text: q.prompt }),
    line,
    el("div", { class: "choices", role: "group", "aria-label": "Answers" }, ...buttons),
    el("p", { id: "alert", class: "error", role: "alert" }),
  );
}

// ---- practice round ------------------------------------------------------------------------

async function loadPractice(who) {
  try {
    state.practice = await call("GET", "/api/practice");
  } catch (e) {
    if (e.code === "ended" || e.code === "removed" || e.code === "bad-token") return lost(e);
    if (!e.status) {
      state.online = false;
      showStatus();
      return setTimeout(() => render(), nextDelay());
    }
    return screen(who, el("p", { class: "big", text: e.message }));
  }
  for (const [id, entry] of Object.entries(state.pending)) {
    if (entry.kind === "practice" && state.practice.answers) state.practice.answers[entry.id] = entry.answer;
  }
  renderPractice(who);
}

function renderPractice(who) {
  const p = state.practice;
  const seat = p.seat;
  if (!seat.mine) {
    const error = el("p", { class: "error", role: "alert" });
    const claim = el("button", {
      class: "primary",
      id: "claim",
      on: {
        click: async () => {
          claim.disabled = true;
          try {
            await call("POST", "/api/practice/claim");
            return loadPractice(who);
          } catch (e) {
            error.textContent = e.message;
            claim.disabled = false;
            if (e.code === "claimed") return loadPractice(who);
          }
        },
      },
      text: "Answer for my group on this device",
    });
    return screen(
      who,
      el("h1", { text: "EJ Airways practice round" }),
      seat.device
        ? el("p", { class: "big", id: "practice-device", text: "Your group answers on " + seat.device + "'s device." })
        : el("p", { class: "note", text: "Your group (" + seat.group + ") answers the EJ Airways case together, from one device. Is it this one?" }),
      seat.device ? null : claim,
      error,
    );
  }
  const questions = p.questionnaire.questions;
  state.practiceIndex = Math.max(0, Math.min(state.practiceIndex, questions.length - 1));
  const question = questions[state.practiceIndex];
  const current = p.answers[question.id];
  const done = questions.filter((x) => p.answers[x.id]).length;
  const answer = (code) => {
    p.answers[question.id] = code;
    state.pending["practice:" + question.id] = { kind: "practice", id: question.id, answer: code };
    if (state.practiceIndex < questions.length - 1) state.practiceIndex += 1;
    persist();
    showStatus();
    flush();
    renderPractice(who);
  };
  const level = (n) =>
    el(
      "button",
      { type: "button", class: "choice", "aria-pressed": String(current === String(n)), on: { click: () => answer(String(n)) } },
      el("span", { class: "n", text: String(n) }),
      el("span", { text: question.anchors[n - 1] }),
    );
  const dimension = p.questionnaire.dimensions.find((d) => d.id === question.dimension);
  const go = (delta) => () => {
    state.practiceIndex += delta;
    persist();
    renderPractice(who);
  };
  const progress = el(
    "div",
    {},
    el("div", { class: "progress" }, el("span", { text: "EJ Airways · " + (state.practiceIndex + 1) + " of " + questions.length }), el("span", { id: "done", text: done + " answered" })),
    el("div", { class: "bar-track" }, el("div", { class: "bar-fill" })),
  );
  progress.querySelector(".bar-fill").style.width = Math.round((100 * done) / questions.length) + "%";
  screen(
    el("p", { class: "note", text: "Your group's device · " + seat.group }),
    progress,
    el("p", { class: "dimension", text: dimension ? dimension.name : "" }),
    el("h1", { id: "question", text: question.text }),
    el("div", { class: "choices", role: "group", "aria-label": "Answers" }, ...[1, 2, 3, 4, 5].map(level)),
    el("div", { class: "other" }, el("button", { type: "button", class: "choice", "aria-pressed": String(current === "dont-know"), on: { click: () => answer("dont-know") } }, el("span", { text: "Don't know" }))),
    el("p", { id: "alert", class: "error", role: "alert" }),
    el(
      "div",
      { class: "nav" },
      el("button", { type: "button", id: "prev", disabled: state.practiceIndex === 0, on: { click: go(-1) }, text: "‹ Previous" }),
      el("button", { type: "button", id: "next", disabled: state.practiceIndex === questions.length - 1, on: { click: go(1) }, text: "Next ›" }),
    ),
  );
}

window.addEventListener("online", () => (state.token ? resume() : null));
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible" && state.token && !state.ended) {
    if (!state.events || state.events.readyState === EventSource.CLOSED) resume();
    else flush();
  }
});

if (state.token) {
  resume();
} else {
  const credential = joinCredential();
  if (credential) showTeams(credential);
  else askCode();
}
