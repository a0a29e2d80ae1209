// #/live/WORKSHOP: the live classroom session. Without a session: choose the network address
// and port, then "Start live session". With one: the projector's join screen (a large QR code,
// the address in large type, the short code, the join link as text to copy), who has joined
// per team with their progress, and the facilitator's controls (modes, reveal, lock, remove,
// end). Refreshes every 2 s.
// Everything comes from Rust (`live_*` commands); the QR code is an SVG shown as an image.

import { h, mount, errorBox } from "../dom.js";

let timer = null;

function stop() {
  if (timer) clearInterval(timer);
  timer = null;
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
  const draw = (v) => {
    const ov = v.overview;
    status.textContent = `${ov.joined} joined of ${ov.max_participants} · ${ov.locked ? "room locked" : "room open"} · ${ov.mode.kind === "vote" ? (ov.mode.revealed ? "vote revealed" : "silent vote") : "assessment"}`;
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
    modeError,
  );
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
    h("div", { class: "live-join" },
      qrImage(view.qr_svg),
      h("div", {},
        h("p", { class: "live-lead" }, `Join “${o.workshop_name}”: scan the code, or open`),
        h("p", { class: "live-address", id: "live-address" }, o.address),
        h("p", { class: "live-lead" }, "and type the code"),
        h("p", { class: "live-code", id: "live-code" }, o.join_code),
        h("label", { class: "live-link-label", for: "live-join-link" }, "Join link, to paste into a chat (the QR code holds the same link)"),
        h("input", { id: "live-join-link", class: "live-link", type: "text", readonly: true, value: o.join_link, onfocus: (e) => e.target.select() }),
        status)),
    h("h2", {}, "Who has joined"),
    teams,
    h("h2", {}, "Mode"),
    mode, results,
    h("div", { class: "live-controls" }, lock, ending)));
  draw(view);
  timer = setInterval(() => (location.hash.startsWith(`#/live/${id}`) ? refresh() : stop()), 2000);
}

function showResults(box, r) {
  box.replaceChildren(h("h3", {}, r.question),
    ...r.teams.map((t) => h("p", {}, `${t.team}: ` + t.distribution.map((n, i) => `${i + 1}: ${n}`).join(" · ") + ` · don't know: ${t.dont_know} · n/a: ${t.not_applicable} · not voted: ${t.waiting} · spread ${t.spread}`)));
}
