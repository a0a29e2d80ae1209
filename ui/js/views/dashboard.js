// #/dashboard/WORKSHOP: the projector view of a workshop, full screen and in large type.
// Panels: the overview (teams × dimensions heatmap with each team's overall level, the activity
// timer and the top hot-spots), every hot-spot, and one team against the workshop median with
// its change since its previous workshop.
// Keys: ←/→ or PageUp/PageDown change panel, 1–3 pick one, ↑/↓ change team (or page of
// hot-spots), T starts or pauses the timer, N/P next or previous activity, S saves the heatmap
// as a PNG, R refreshes, F toggles full screen, Esc leaves.
// Every number comes from Rust (`workshop_dashboard`); this module draws it. The heatmap is an
// SVG whose colours are written into it from the palette in css/dashboard.css, so the same SVG
// can be drawn onto a canvas and saved as a PNG.

import { h, mount, errorBox } from "../dom.js";
import { s } from "./svg.js";
import { countdown } from "./activity.js";

const PANELS = [
  ["overview", "Overview"],
  ["hot-spots", "Hot-spots"],
  ["compare", "Team vs workshop"],
];
const HOT_SPOTS_PER_PAGE = 10;
const SIDEBAR_HOT_SPOTS = 6;
const FONT = "system-ui, 'DejaVu Sans', 'Noto Sans', sans-serif";

let session = null;

const score1 = (x) => (x === null || x === undefined ? "–" : x.toFixed(1));
const signed = (x) => {
  if (x === null || x === undefined) return "–";
  const sign = x > 0.05 ? "+" : x < -0.05 ? "−" : "±";
  return `${sign}${Math.abs(x).toFixed(1)}`;
};

/** The heatmap palette and ink colours, read from the CSS custom properties. */
function palette() {
  const css = getComputedStyle(document.documentElement);
  const v = (name) => css.getPropertyValue(name).trim();
  return {
    fill: [1, 2, 3, 4, 5].map((l) => v(`--heat-${l}`)),
    ink: [1, 2, 3, 4, 5].map((l) => v(`--heat-ink-${l}`)),
    none: v("--heat-none"),
    noneInk: v("--heat-none-ink"),
    text: v("--text"),
    muted: v("--muted"),
    background: v("--surface"),
    border: v("--border"),
  };
}

let measurer = null;

/** Width of `text` in the SVG's font at `size` px (bold when `bold`). */
function textWidth(text, size, bold) {
  measurer ??= document.createElement("canvas").getContext("2d");
  measurer.font = `${bold ? "700 " : ""}${size}px ${FONT}`;
  return measurer.measureText(text).width;
}

/** Splits `text` into at most `lines` lines no wider than `width`, ending with "…" if cut. */
function wrap(text, width, lines, size, bold) {
  const fits = (t) => textWidth(t, size, bold) <= width;
  const cut = (t) => {
    let out = t;
    while (out.length > 1 && !fits(`${out}…`)) out = out.slice(0, -1);
    return `${out.trimEnd()}…`;
  };
  const out = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && !fits(candidate)) {
      out.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) out.push(line);
  if (out.length > lines) {
    out.length = lines;
    out[lines - 1] = cut(out[lines - 1]);
  }
  return out.map((l) => (fits(l) ? l : cut(l)));
}

/**
 * The heatmap as a self-contained SVG: dimensions down, teams across, the workshop median in the
 * last column, each team's overall score and level at the bottom, and the legend. `title`
 * (for the PNG) adds a heading line.
 */
function heatmapSvg(data, { title } = {}) {
  const p = palette();
  const map = data.heatmap;
  const teams = map.rows;
  // The dimension names' column is as wide as the longest name needs (within limits).
  const label = Math.min(460, Math.max(260, 34 + Math.max(...map.columns.map((c) => textWidth(c.name, 22, false)))));
  const column = Math.max(118, Math.min(230, Math.floor(860 / Math.max(1, teams.length))));
  const medianColumn = 132;
  const gap = 4;
  const top = title ? 64 : 0;
  const head = 74;
  const row = 44;
  const overallRow = 72;
  const width = label + teams.length * column + 18 + medianColumn;
  // Legend items laid out left to right, starting a new line where the next would not fit.
  const legendLine = 46;
  const legend = [];
  {
    const items = [
      ...data.levels.map((l, i) => ({ mark: String(l.value), name: l.name, fill: p.fill[i], ink: p.ink[i] })),
      { mark: "–", name: "not enough answers", fill: p.none, ink: p.noneInk, stroke: p.border },
    ];
    let x = 80;
    let line = 0;
    for (const item of items) {
      const w = 42 + textWidth(item.name, 20, false) + 28;
      if (x > 80 && x + w - 28 > width - 8) {
        x = 80;
        line += 1;
      }
      legend.push({ x, line, item });
      x += w;
    }
  }
  const legendHeight = (legend.length ? legend[legend.length - 1].line + 1 : 1) * legendLine + 14;
  const bodyTop = top + head;
  const overallTop = bodyTop + map.columns.length * row + 12;
  const legendTop = overallTop + overallRow + 16;
  const height = legendTop + legendHeight;
  const levelName = (l) => data.levels.find((x) => x.value === l)?.name ?? "";

  const cell = (x, y, w, hgt, score, level, { median = false, sub = null } = {}) => {
    const has = score !== null && score !== undefined;
    const fill = has ? p.fill[level - 1] : p.none;
    const ink = has ? p.ink[level - 1] : p.noneInk;
    return s("g", { class: has ? "heat-cell" : "heat-cell heat-empty", "data-score": has ? score.toFixed(1) : "none", "data-level": has ? level : "none" },
      s("rect", {
        x: x + gap / 2, y: y + gap / 2, width: w - gap, height: hgt - gap, rx: 6, fill,
        stroke: median ? p.text : has ? "none" : p.border, "stroke-width": median ? 2 : 1.5,
        "stroke-dasharray": has ? (median ? "6 4" : undefined) : "5 4",
      }),
      s("text", {
        x: x + w / 2, y: y + (sub ? hgt / 2 - 2 : hgt / 2 + 9), "text-anchor": "middle",
        "font-size": 26, "font-weight": 700, fill: ink,
      }, has ? score.toFixed(1) : "–"),
      sub ? s("text", { x: x + w / 2, y: y + hgt / 2 + 24, "text-anchor": "middle", "font-size": 17, fill: ink }, sub) : null);
  };

  const teamX = (i) => label + i * column;
  const medianX = label + teams.length * column + 18;

  return s("svg", {
    xmlns: "http://www.w3.org/2000/svg", class: "heatmap", id: "heatmap", role: "img",
    viewBox: `0 0 ${width} ${height}`, width, height, preserveAspectRatio: "xMidYMid meet",
    "font-family": FONT, "aria-label": `Heatmap: ${teams.length} teams by ${map.columns.length} dimensions; the cell value is the team's score`,
  },
  s("rect", { x: 0, y: 0, width, height, fill: p.background }),
  title ? s("text", { x: 8, y: 40, "font-size": 30, "font-weight": 700, fill: p.text }, title) : null,
  // Team names over their columns, and the median column's heading.
  teams.map((t, i) => {
    // A long single word ("Infrastructure") gets a slightly smaller size before it is cut.
    const longest = Math.max(...t.team.split(/\s+/).map((w) => textWidth(w, 22, true)));
    const size = longest <= column - 12 ? 22 : Math.max(17, Math.floor((22 * (column - 12)) / longest));
    return wrap(t.team, column - 12, 2, size, true).map((line, k, all) =>
      s("text", {
        x: teamX(i) + column / 2, y: top + head - 14 - (all.length - 1 - k) * 26, "text-anchor": "middle",
        "font-size": size, "font-weight": 700, fill: p.text, class: "heat-team",
      }, line));
  }),
  ["Workshop", "median"].map((line, k) =>
    s("text", { x: medianX + medianColumn / 2, y: top + head - 40 + k * 26, "text-anchor": "middle", "font-size": 20, fill: p.muted }, line)),
  // One row per dimension.
  map.columns.map((c, r) => {
    const y = bodyTop + r * row;
    return s("g", { class: "heat-row", "data-dimension": c.dimension_id },
      s("text", { x: label - 14, y: y + row / 2 + 8, "text-anchor": "end", "font-size": 22, fill: p.text }, wrap(c.name, label - 24, 1, 22, false)[0]),
      teams.map((t, i) => cell(teamX(i), y, column, row, t.cells[r].score, t.cells[r].level)),
      cell(medianX, y, medianColumn, row, c.median, c.median_level, { median: true }));
  }),
  // Overall score and level of each team.
  s("text", { x: label - 14, y: overallTop + overallRow / 2 + 9, "text-anchor": "end", "font-size": 24, "font-weight": 700, fill: p.text }, "Overall"),
  teams.map((t, i) => s("g", { class: "heat-overall", "data-team": t.team },
    cell(teamX(i), overallTop, column, overallRow, t.overall, t.overall_level,
      { sub: t.overall_level ? `L${t.overall_level} ${levelName(t.overall_level)}` : "not enough" }))),
  cell(medianX, overallTop, medianColumn, overallRow, map.median_overall,
    map.median_overall_level, { median: true, sub: "median" }),
  // Legend: the five levels and "not enough answers", wrapped onto as many lines as the
  // heatmap's width needs (a one-team heatmap is narrow), so the saved PNG holds all of it.
  s("g", { class: "heat-legend" },
    s("text", { x: 8, y: legendTop + 36, "font-size": 20, fill: p.muted }, "Level"),
    legend.map(({ x, line, item }) => {
      const y = legendTop + line * legendLine;
      return s("g", { class: "heat-legend-item" },
        s("rect", { x, y: y + 12, width: 34, height: 34, rx: 5, fill: item.fill, stroke: item.stroke ?? "none", "stroke-dasharray": item.stroke ? "5 4" : undefined }),
        s("text", { x: x + 17, y: y + 36, "text-anchor": "middle", "font-size": 18, "font-weight": 700, fill: item.ink }, item.mark),
        s("text", { x: x + 42, y: y + 36, "font-size": 20, fill: p.text }, item.name));
    })));
}

/** Draws `svg` on a canvas and returns the PNG's bytes. */
async function pngOf(svg) {
  const width = Number(svg.getAttribute("width"));
  const height = Number(svg.getAttribute("height"));
  const xml = new XMLSerializer().serializeToString(svg);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}`;
  await image.decode();
  const scale = Math.max(1, 2400 / width);
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("the heatmap could not be drawn as a PNG"))), "image/png"));
  return new Uint8Array(await blob.arrayBuffer());
}

// ---- Panels ---------------------------------------------------------------------------------

function overviewPanel(data) {
  const empty = !data.heatmap.rows.length;
  const spots = data.hot_spots.slice(0, SIDEBAR_HOT_SPOTS);
  return h("section", { class: "dash-panel dash-overview", id: "dash-overview", "aria-label": "Overview" },
    h("figure", { class: "dash-heatmap", id: "dash-heatmap" },
      empty
        ? h("p", { class: "dash-empty" }, "No team has joined this workshop yet.")
        : heatmapSvg(data)),
    h("aside", { class: "dash-side" },
      h("section", { class: "dash-card dash-timer-card", id: "dash-timer-card", "aria-label": "Activity timer" }),
      h("section", { class: "dash-card dash-side-spots", "aria-label": "Top hot-spots" },
        h("h2", {}, "Hot-spots"),
        spots.length
          ? h("ol", { class: "dash-spot-list" }, spots.map((spot) => hotSpotItem(spot, true)))
          : h("p", { class: "dash-muted" }, "No question splits a team by two levels or more."),
        data.hot_spots.length > spots.length
          ? h("p", { class: "dash-muted dash-small" }, `${data.hot_spots.length - spots.length} more on the Hot-spots panel (→)`)
          : null)));
}

function hotSpotItem(spot, compact) {
  return h("li", { class: "dash-spot", dataset: { question: spot.question_id } },
    h("span", { class: "dash-spread", title: "Widest spread of votes in one team" }, `${spot.spread}`),
    h("div", { class: "dash-spot-body" },
      h("p", { class: "dash-spot-text" }, h("span", { class: "dash-muted" }, `${spot.number}. `), spot.text),
      h("p", { class: "dash-muted dash-small" }, compact ? spot.dimension : `${spot.dimension} · split: ${spot.teams.join(", ")}`)));
}

function hotSpotsPanel(data, page) {
  const pages = Math.max(1, Math.ceil(data.hot_spots.length / HOT_SPOTS_PER_PAGE));
  const current = Math.min(page, pages - 1);
  const shown = data.hot_spots.slice(current * HOT_SPOTS_PER_PAGE, (current + 1) * HOT_SPOTS_PER_PAGE);
  return h("section", { class: "dash-panel dash-hot-spots", id: "dash-hot-spots", "aria-label": "Hot-spots" },
    h("header", { class: "dash-panel-head" },
      h("h2", {}, "Hot-spots: where a team's votes lie ", String(data.disagreement_spread), " or more levels apart"),
      pages > 1 ? h("p", { class: "dash-muted" }, `Page ${current + 1} of ${pages} · ↑/↓`) : null),
    shown.length
      ? h("ol", { class: "dash-spot-list dash-spot-list-large" }, shown.map((spot) => hotSpotItem(spot, false)))
      : h("p", { class: "dash-empty" }, "No question splits a team by two levels or more yet."));
}

function comparePanel(data, index) {
  const rows = data.heatmap.rows;
  if (!rows.length) {
    return h("section", { class: "dash-panel", id: "dash-compare" }, h("p", { class: "dash-empty" }, "No team has joined this workshop yet."));
  }
  const i = Math.min(index, rows.length - 1);
  const row = rows[i];
  const team = data.teams[i];
  const previous = team.previous;
  const p = palette();
  const bar = (diff) => {
    if (diff === null || diff === undefined) return h("span", { class: "dash-muted" }, "–");
    const width = Math.min(50, Math.abs(diff) * 25);
    // Sizes and colours go through the CSSOM: the CSP forbids inline style attributes.
    const fill = h("span", { class: `dash-diff-fill ${diff >= 0 ? "is-above" : "is-below"}` });
    fill.style[diff >= 0 ? "left" : "right"] = "50%";
    fill.style.width = `${width}%`;
    return h("span", { class: "dash-diff", title: signed(diff) }, fill, h("span", { class: "dash-diff-axis" }));
  };
  const chip = (score, level) => {
    const el = h("span", { class: "dash-chip" }, score1(score));
    el.style.background = score === null ? p.none : p.fill[level - 1];
    el.style.color = score === null ? p.noneInk : p.ink[level - 1];
    return el;
  };
  return h("section", { class: "dash-panel dash-compare", id: "dash-compare", "aria-label": "Team against the workshop" },
    h("header", { class: "dash-panel-head" },
      h("h2", { id: "dash-compare-team" }, row.team, h("span", { class: "dash-muted" }, " against the workshop median")),
      h("p", { class: "dash-muted" }, `Team ${i + 1} of ${rows.length} · ↑/↓ · `,
        previous ? `change since “${previous.name}” (${previous.held_on})` : "first workshop of this team: no change to show")),
    h("table", { class: "dash-compare-table" },
      h("thead", {}, h("tr", {},
        h("th", { scope: "col" }, "Dimension"), h("th", { scope: "col" }, "Team"), h("th", { scope: "col" }, "Median"),
        h("th", { scope: "col" }, "Team − median"), h("th", { scope: "col", class: "dash-num" }, "±"),
        h("th", { scope: "col", class: "dash-num" }, "Since last workshop"))),
      h("tbody", {}, data.heatmap.columns.map((c, k) => {
        const cellData = row.cells[k];
        const change = previous ? previous.change.dimensions.find((d) => d.dimension_id === c.dimension_id) : null;
        return h("tr", { dataset: { dimension: c.dimension_id } },
          h("th", { scope: "row" }, c.name),
          h("td", {}, chip(cellData.score, cellData.level)),
          h("td", { class: "dash-num" }, score1(c.median)),
          h("td", { class: "dash-diff-cell" }, bar(cellData.vs_median)),
          h("td", { class: "dash-num" }, signed(cellData.vs_median)),
          h("td", { class: "dash-num" }, change ? signed(change.change) : "–"));
      })),
      h("tfoot", {}, h("tr", {},
        h("th", { scope: "row" }, "Overall"),
        h("td", {}, chip(row.overall, row.overall_level)),
        h("td", { class: "dash-num" }, score1(data.heatmap.median_overall)),
        h("td", { class: "dash-diff-cell" }, bar(row.overall_vs_median)),
        h("td", { class: "dash-num" }, signed(row.overall_vs_median)),
        h("td", { class: "dash-num" }, previous ? signed(previous.change.overall_change) : "–")))));
}

// ---- The view -------------------------------------------------------------------------------

function leave() {
  const id = session?.workshopId;
  stop();
  location.hash = id ? `#/workshop/${id}` : "#/workshops";
}

function stop() {
  if (!session) return;
  document.removeEventListener("keydown", session.onKey, true);
  window.removeEventListener("hashchange", session.onHash);
  session.observer?.disconnect();
  session.timer?.stop();
  document.body.classList.remove("dashboard-mode");
  if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  session = null;
}

async function toggleFullscreen() {
  try {
    if (document.fullscreenElement) await document.exitFullscreen();
    else await document.documentElement.requestFullscreen();
  } catch {
    // Full screen not allowed here: the dashboard already fills the window.
  }
}

export async function renderDashboard({ main, api, view }, workshopId) {
  stop();
  const id = Number(workshopId);
  const data = await api.workshopDashboard(id);
  const me = {
    workshopId: id, data, panel: 0, team: 0, spotsPage: 0, timer: null, observer: null,
    activity: data.current_activity ? data.current_activity[0] : 0,
  };
  session = me;
  view?.onCleanup(() => { if (session === me) stop(); });
  document.body.classList.add("dashboard-mode");

  const status = h("div", { class: "dash-status", role: "status", "aria-live": "polite", id: "dash-status" });
  const tabs = h("nav", { class: "dash-tabs", "aria-label": "Panels" });
  const miniTimer = h("span", { class: "dash-mini-timer", id: "dash-mini-timer" });
  const stage = h("div", { class: "dash-stage", id: "dash-stage" });
  const parking = h("div", { class: "dash-parking", hidden: true });
  const root = h("div", { class: "dashboard", id: "dashboard", tabindex: "-1" },
    h("header", { class: "dash-bar" },
      h("div", { class: "dash-title" },
        h("strong", { id: "dash-workshop" }, data.workshop.name),
        h("span", { class: "dash-muted" }, ` · ${data.workshop.held_on} · ${data.heatmap.rows.length} team${data.heatmap.rows.length === 1 ? "" : "s"}`)),
      tabs, miniTimer),
    stage,
    parking,
    h("footer", { class: "dash-bar dash-help" },
      h("span", {}, "←/→ panel · ↑/↓ team · T timer · N/P activity · S save PNG · R refresh · F full screen · Esc leave"),
      status,
      h("span", {},
        h("button", { type: "button", class: "button-secondary", id: "dash-save-png", onclick: savePng }, "Save heatmap as PNG"),
        " ",
        h("button", { type: "button", class: "button-secondary", id: "dash-leave", onclick: leave }, "Leave"))));
  mount(main, root);

  function say(message, isError) {
    mount(status, message ? h("span", { class: isError ? "dash-error" : "" }, message) : null);
  }

  function drawTabs() {
    mount(tabs, PANELS.map(([key, label], i) =>
      h("button", { type: "button", class: i === me.panel ? "dash-tab is-current" : "dash-tab", "aria-pressed": i === me.panel ? "true" : "false",
        dataset: { panel: key }, onclick: () => { me.panel = i; draw(); } }, `${i + 1} ${label}`)));
  }

  /** The countdown of the chosen activity; created once per activity, kept while panels change. */
  function ensureTimer() {
    const activities = me.data.activities;
    if (!activities.length) return null;
    me.activity = Math.min(me.activity, activities.length - 1);
    if (me.timer && me.timer.activity === me.activity) return me.timer;
    me.timer?.stop();
    me.timer?.element.remove();
    const a = activities[me.activity];
    me.timer = { ...countdown(a.minutes, { keys: false, hint: "", key: `activity:${a.chapter}`, api }), activity: me.activity };
    parking.append(me.timer.element);
    me.observer?.disconnect();
    const digits = me.timer.element.querySelector(".timer-digits");
    const mirror = () => {
      mount(miniTimer, h("strong", { class: "dash-mini-digits" }, digits.textContent), " ", a.title);
      miniTimer.classList.toggle("is-running", me.timer.element.classList.contains("timer-running"));
      miniTimer.classList.toggle("is-done", me.timer.element.classList.contains("timer-done"));
    };
    me.observer = new MutationObserver(mirror);
    me.observer.observe(digits, { childList: true, characterData: true, subtree: true });
    me.observer.observe(me.timer.element, { attributes: true, attributeFilter: ["class"] });
    mirror();
    return me.timer;
  }

  /** Fills the overview's timer card, moving the running countdown into it. */
  function drawTimerCard() {
    const card = stage.querySelector("#dash-timer-card");
    if (!card) return;
    const activities = me.data.activities;
    const timer = ensureTimer();
    if (!timer) {
      mount(card, h("h2", {}, "Activity timer"), h("p", { class: "dash-muted" }, "The workshop's agenda has no activity switched on."));
      return;
    }
    const a = activities[me.activity];
    const timing = me.data.current_activity && me.data.current_activity[0] === me.activity ? me.data.current_activity[1] : null;
    const when = { now: "on now", next: "next", last: "the day's last activity" }[timing] ?? "from the agenda";
    mount(card,
      h("h2", { id: "dash-activity-title" }, a.title),
      h("p", { class: "dash-muted dash-small" }, `${a.start}–${a.end} · ${a.minutes} min · ${when}`),
      timer.element,
      h("p", { class: "dash-muted dash-small" }, `Activity ${me.activity + 1} of ${activities.length} · T start/pause · N/P change`));
  }

  function draw() {
    drawTabs();
    const [key] = PANELS[me.panel];
    const panel = key === "overview" ? overviewPanel(me.data)
      : key === "hot-spots" ? hotSpotsPanel(me.data, me.spotsPage)
        : comparePanel(me.data, me.team);
    // The countdown must stay in the document to keep ticking: park it while another panel shows.
    const timer = ensureTimer();
    if (timer) parking.append(timer.element);
    mount(stage, panel);
    drawTimerCard();
  }

  async function refresh() {
    try {
      me.data = await api.workshopDashboard(id);
      say("Updated");
      draw();
    } catch (error) {
      say(error.message, true);
    }
  }

  async function savePng() {
    if (!me.data.heatmap.rows.length) {
      say("There is no heatmap to save yet: no team has joined.", true);
      return;
    }
    say("Drawing the heatmap…");
    try {
      const w = me.data.workshop;
      const svg = heatmapSvg(me.data, { title: `${w.name} · ${w.held_on} · teams × dimensions` });
      const png = await pngOf(svg);
      // The name as typed: the shell makes it a safe file name (core text::file_name_part).
      const path = await api.heatmapPngSave(`heatmap-${w.name}-${w.held_on}.png`, png);
      say(path ? `Saved ${path}` : "Not saved");
    } catch (error) {
      say(error.message || String(error), true);
    }
  }

  function step(list, delta) {
    return (current) => (list.length ? (current + delta + list.length) % list.length : 0);
  }

  me.onKey = (event) => {
    if (session !== me) return;
    const tag = event.target.tagName;
    if (["INPUT", "TEXTAREA", "SELECT"].includes(tag) || event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key;
    const [panel] = PANELS[me.panel];
    let handled = true;
    if (key === "ArrowRight" || key === "PageDown") me.panel = (me.panel + 1) % PANELS.length;
    else if (key === "ArrowLeft" || key === "PageUp") me.panel = (me.panel + PANELS.length - 1) % PANELS.length;
    else if (/^[1-3]$/.test(key)) me.panel = Number(key) - 1;
    else if ((key === "ArrowDown" || key === "ArrowUp") && panel === "compare") {
      me.team = step(me.data.heatmap.rows, key === "ArrowDown" ? 1 : -1)(me.team);
    } else if ((key === "ArrowDown" || key === "ArrowUp") && panel === "hot-spots") {
      const pages = Math.max(1, Math.ceil(me.data.hot_spots.length / HOT_SPOTS_PER_PAGE));
      me.spotsPage = (me.spotsPage + (key === "ArrowDown" ? 1 : pages - 1)) % pages;
    } else if (key === "t" || key === "T") {
      ensureTimer()?.toggle();
      return event.preventDefault();
    } else if (key === "n" || key === "N" || key === "p" || key === "P") {
      const n = me.data.activities.length;
      if (!n) return;
      me.activity = (me.activity + (key.toLowerCase() === "n" ? 1 : n - 1)) % n;
      ensureTimer();
      drawTimerCard();
      return event.preventDefault();
    } else if (key === "f" || key === "F") {
      toggleFullscreen();
      return event.preventDefault();
    } else if (key === "s" || key === "S") {
      savePng();
      return event.preventDefault();
    } else if (key === "r" || key === "R") {
      refresh();
      return event.preventDefault();
    } else if (key === "Escape") {
      if (document.fullscreenElement) toggleFullscreen();
      else leave();
      return event.preventDefault();
    } else {
      handled = false;
    }
    if (handled) {
      event.preventDefault();
      draw();
    }
  };
  me.onHash = () => {
    if (session === me && !location.hash.startsWith(`#/dashboard/${id}`)) stop();
  };
  document.addEventListener("keydown", me.onKey, true);
  window.addEventListener("hashchange", me.onHash);
  draw();
  root.focus();
}
