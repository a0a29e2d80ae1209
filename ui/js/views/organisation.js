// The Organisation page: every team's latest assessment rolled up (the rules live in
// core::rollup; this view only lays the numbers out). All teams, or the groups ticked.
// Every count is written as text; the level colours only repeat it. No person is named.
import { h, mount, errorBox } from "../dom.js";

const LISTED = 12;

function fixed(v) {
  return v === null || v === undefined ? "–" : v.toFixed(1);
}

function table(headers, rows, attrs = {}) {
  return h("div", { class: "table-scroll" },
    h("table", { class: "org-table", ...attrs },
      h("thead", {}, h("tr", {}, headers.map((x) => h("th", { scope: "col" }, x)))),
      h("tbody", {}, rows)));
}

// One row of levels as a stacked bar: a segment per level sized by its count, the count
// written inside (or beside it in the legend when the segment is narrow).
function segment(cls, n, title) {
  const el = h("span", { class: `org-seg ${cls}`, title }, String(n));
  // Through the CSSOM: the content security policy refuses inline style attributes.
  el.style.flexGrow = String(n);
  return el;
}

function levelBar(spread) {
  const total = spread.levels.reduce((a, b) => a + b, 0) + spread.missing;
  const segments = spread.levels.map((n, i) => (n ? segment(`org-level-${i + 1}`, n, `Level ${i + 1}: ${n}`) : null));
  if (spread.missing) {
    segments.push(segment("org-missing", spread.missing, `No score: ${spread.missing}`));
  }
  return h("div", { class: "org-bar", role: "img",
    "aria-label": spread.levels.map((n, i) => `level ${i + 1}: ${n}`).join(", ") + `, no score: ${spread.missing} of ${total}` }, segments);
}

function placement(p) {
  switch (p.kind) {
    case "cluster": return p.name;
    case "tie": return `${p.name} (equally near)`;
    case "mixed": return "Mixed profile";
    default: return "Too few answers to place";
  }
}

export async function renderOrganisation({ main, api }) {
  const body = h("div", { id: "organisation-body" });
  const filter = h("fieldset", { class: "org-filter", id: "organisation-filter" });
  let chosen = [];

  async function refresh() {
    let org;
    try {
      org = await api.organisationOverview(chosen);
    } catch (error) {
      mount(body, errorBox(error));
      return;
    }
    renderFilter(org);
    mount(body, ...sections(org));
  }

  function renderFilter(org) {
    if (!org.all_groups.length) {
      mount(filter);
      return;
    }
    mount(filter,
      h("legend", {}, `Show the teams of (none ticked: every team)`),
      org.all_groups.map(([id, name]) => {
        const box = h("input", { type: "checkbox", value: id, checked: chosen.includes(id), onchange: async () => {
          chosen = box.checked ? [...chosen, id] : chosen.filter((g) => g !== id);
          await refresh();
        } });
        return h("label", { class: "toggle" }, box, name);
      }));
  }

  function sections(org) {
    const r = org.rollup;
    const word = org.word;
    const out = [h("p", { class: "lead", id: "organisation-summary" },
      `${r.teams} ${r.teams === 1 ? "team" : "teams"}, ${r.assessed} with a completed assessment. Each team counts once, with its latest completed assessment.`)];
    if (!r.assessed) {
      out.push(h("p", { class: "muted" }, "No team has a completed assessment yet."));
      return out;
    }

    out.push(h("h2", {}, "Weak almost everywhere: systemic gaps"));
    out.push(r.systemic_gaps.length
      ? table(["Dimension", "Teams below", "Against own target", "Against level 3", "Mean shortfall"],
        r.systemic_gaps.map((g) => h("tr", {},
          h("th", { scope: "row" }, g.dimension),
          h("td", {}, `${g.below} of ${g.scored} (${Math.round((100 * g.below) / g.scored)}\u00a0%)`),
          h("td", {}, String(g.against_target)),
          h("td", {}, String(g.below - g.against_target)),
          h("td", {}, fixed(g.mean_shortfall)))), { id: "systemic-gaps" })
      : h("p", { class: "muted" }, "No dimension has most teams below their bar."));
    out.push(h("p", { class: "muted small" }, "A systemic gap: more than half of the teams with a score are below their bar — their own target for the dimension when they set one, otherwise level 3."));

    out.push(h("h2", {}, "How many teams are at each level"));
    out.push(h("p", { class: "org-legend muted small" },
      [1, 2, 3, 4, 5].map((l) => h("span", { class: `org-key org-level-${l}` }, `Level ${l}`)),
      h("span", { class: "org-key org-missing" }, "– no score (never counted as zero)")));
    out.push(table(["Dimension", "Teams per level", "Median", "IQR"],
      r.dimensions.map((d) => h("tr", {},
        h("th", { scope: "row" }, d.name),
        h("td", { class: "org-bar-cell" }, levelBar(d.all)),
        h("td", {}, fixed(d.all.median)),
        h("td", {}, d.all.q1 === null ? "–" : `${fixed(d.all.q1)}–${fixed(d.all.q3)}`))), { id: "levels" }));

    if (r.groups.some((g) => g !== null)) {
      out.push(h("h2", {}, `Medians by ${word}`));
      out.push(table(["Dimension", ...r.groups.map((g) => g ?? `No ${word}`)],
        r.dimensions.map((d) => h("tr", {},
          h("th", { scope: "row" }, d.name),
          d.groups.map((g) => h("td", {}, fixed(g.spread.median))))), { id: "group-medians" }));
    }

    out.push(h("h2", {}, "Movement since each team's previous assessment"));
    const m = r.movement;
    if (!m.teams_compared) {
      out.push(h("p", { class: "muted" }, "No team has two completed assessments yet."));
    } else {
      out.push(table(["Dimension", "Improved ≥ 0.5", "Declined ≥ 0.5", "Teams compared"],
        m.counts.map((c) => h("tr", {},
          h("th", { scope: "row" }, c.dimension ?? "Overall"),
          h("td", {}, String(c.improved)), h("td", {}, String(c.declined)), h("td", {}, String(c.compared)))), { id: "movement" }));
      const overall = (list) => list.filter((x) => x.dimension === null).map((x) => `${x.team} (${fixed(x.before)} → ${fixed(x.after)})`);
      for (const [label, list] of [["Improved overall", overall(m.improved)], ["Declined overall", overall(m.declined)]]) {
        if (list.length) {
          out.push(h("p", {}, h("strong", {}, `${label}: `), list.slice(0, LISTED).join(", "), list.length > LISTED ? ` and ${list.length - LISTED} more` : ""));
        }
      }
    }

    out.push(h("h2", {}, `Teams far from their ${word}`));
    out.push(r.outliers.length
      ? table(["Team", capital(word), "Dimension", "Score", "Median", "Difference"],
        r.outliers.slice(0, LISTED).map((o) => h("tr", {},
          h("th", { scope: "row" }, o.team), h("td", {}, o.group), h("td", {}, o.dimension),
          h("td", {}, fixed(o.score)), h("td", {}, fixed(o.group_median)),
          h("td", {}, `${o.difference > 0 ? "+" : ""}${fixed(o.difference)}`))), { id: "outliers" })
      : h("p", { class: "muted" }, `No team is a level or more from its ${word}'s median.`));
    if (r.outliers.length > LISTED) out.push(h("p", { class: "muted small" }, `${r.outliers.length - LISTED} more are not listed.`));

    out.push(h("h2", {}, "DORA: nearest cluster"));
    out.push(r.dora.length
      ? table(["Nearest cluster", "Teams", `By ${word}`],
        r.dora.map((c) => h("tr", {},
          h("th", { scope: "row" }, placement(c.placement)),
          h("td", {}, String(c.teams)),
          h("td", {}, c.by_group.filter(([, n]) => n).map(([g, n]) => `${g ?? `no ${word}`} ${n}`).join(", ")))), { id: "dora" })
      : h("p", { class: "muted" }, "No team answered the DORA questions."));

    out.push(h("h2", {}, "Coverage"));
    const stale = r.coverage.stale;
    out.push(h("p", { id: "coverage" }, stale.length
      ? `${stale.length} of ${r.coverage.teams} teams have no completed assessment from the last ${org.coverage_months} months (since ${r.coverage.since}): `
        + stale.map(([t, last]) => `${t} (${last ? `last ${last}` : "never"})`).join(", ")
      : `Every team has a completed assessment from the last ${org.coverage_months} months.`));
    return out;
  }

  mount(main,
    h("p", { class: "breadcrumb" }, h("a", { href: "#/teams" }, "Teams"), " › Organisation"),
    h("h1", {}, "Organisation"),
    filter,
    body);
  await refresh();
  main.focus();
}

function capital(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
