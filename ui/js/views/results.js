// #/results/ID: what the assessment found. Scores, levels, gaps, the DORA comparison and the
// radar geometry all come from Rust (`assessment_results`); this view only draws them.

import { h, mount, errorBox } from "../dom.js";
import { s, points } from "./svg.js";
import { score, date } from "../format.js";
import { exportPanel } from "./export.js";

export async function renderResults(ctx, assessmentId, year) {
  const { main, api } = ctx;
  const id = Number(assessmentId);
  const r = await api.assessmentResults(id, year ? Number(year) : null);
  const q = r.questionnaire;
  const sc = r.score;
  const levelName = (l) => q.levels.find((x) => x.value === l)?.name ?? "";
  const dimName = (dimId) => q.dimensions.find((d) => d.id === dimId)?.name ?? dimId;
  const done = r.assessment.status === "completed";

  mount(main,
    h("p", { class: "breadcrumb" }, h("a", { href: "#/teams" }, "Teams"), " / ",
      h("a", { href: `#/team/${r.team.id}` }, r.team.name), " / results"),
    h("h1", { id: "results-title" }, `Results: ${r.team.name}`,
      q.quick_scan ? h("span", { class: "badge quick-scan", id: "quick-scan-label" }, "Quick scan") : null),
    q.quick_scan ? h("p", { class: "notice", id: "quick-scan-note" }, `A quick scan: ${q.questions.length} questions, one or two per dimension, scored by the same rules as the full questionnaire. Each dimension rests on fewer answers, so treat the scores as a first look and confirm the large gaps with the full questionnaire.`) : null,
    h("p", { class: "muted" },
      done ? `Completed ${date(r.assessment.completed_at)}` : h("span", {}, "In progress — ", h("a", { href: `#/assess/${id}` }, "resume")),
      ` · ${r.respondents.length === 1 ? r.respondents[0] : `${r.respondents.length} people: ${r.respondents.join(", ")}`}`,
      r.assessment.facilitator ? ` · facilitator ${r.assessment.facilitator}` : "",
      ` · ${q.title}, version ${q.version}`),
    h("p", { class: "overall", id: "overall" },
      sc.overall === null
        ? `Overall: not enough answers (${sc.overall_dimensions} of the ${sc.in_scope_dimensions} dimensions in scope have a score; at least half are needed).`
        : h("span", {}, "Overall score ", h("strong", {}, score(sc.overall)), ` — level ${sc.overall_level} ${levelName(sc.overall_level)}`,
            h("span", { class: "muted" }, ` · the average of ${sc.overall_dimensions} of ${sc.in_scope_dimensions} dimensions in scope${sc.in_scope_dimensions < sc.dimensions.length ? ` (${sc.dimensions.length - sc.in_scope_dimensions} out of scope)` : ""}; it moves when that set changes`))),
    radarFigure(r.radar),
    scoresTable(sc, levelName, r.respondents),
    rolesSection(sc, r.roles),
    gapsSection(sc, dimName),
    h("section", { class: "plan-link", id: "plan-link" },
      h("h2", {}, "Improvement plan"),
      done
        ? h("p", {}, h("a", { class: "button", href: `#/plan/${id}`, id: "open-plan" }, "Open the plan"),
            " The next actions for each gap, to accept, assign and track.")
        : h("p", { class: "muted" }, "Finish the assessment to make its improvement plan.")),
    done ? exportPanel(api, { assessmentId: id, title: "Report for leadership",
      lead: "A PDF that stands on its own: summary, charts, scores, DORA, the improvement plan, the trend and every answer.",
      button: "Export PDF" }) : null,
    whySection(sc, q, r.respondents, levelName),
    doraSection(r, ctx),
    r.respondents.length > 1 ? distributionSection(sc, q, dimName) : null,
    h("section", { class: "rules", id: "rules" },
      h("h2", {}, "How scores are computed"),
      h("ol", {}, r.rules.map((rule) => h("li", {}, rule)))),
  );
  main.focus();
}

function wrapLabel(text, max = 20) {
  if (text.length <= max) return [text];
  const words = text.split(" ");
  const lines = [""];
  for (const w of words) {
    const line = lines[lines.length - 1];
    if (line && (line + " " + w).length > max && lines.length < 3) lines.push(w);
    else lines[lines.length - 1] = line ? `${line} ${w}` : w;
  }
  return lines;
}

function radarFigure(radar) {
  const c = radar.center;
  const lineHeight = 17;
  const labels = radar.axes.map((axis) => {
    const lines = wrapLabel(axis.label);
    const dy = axis.label_at.y - c.y;
    // Labels above the centre grow upwards, below it downwards, at the sides around the point.
    const first = dy < -radar.radius * 0.2 ? -(lines.length - 1) * lineHeight - 4
      : dy > radar.radius * 0.2 ? lineHeight * 0.8
      : -((lines.length - 1) * lineHeight) / 2 + 5;
    return s("text", { class: "radar-label", x: axis.label_at.x, y: axis.label_at.y + first, "text-anchor": axis.anchor },
      lines.map((line, i) => s("tspan", { x: axis.label_at.x, dy: i === 0 ? 0 : lineHeight }, line)));
  });
  const [current, target] = radar.series;
  const ringLabels = radar.rings.map((ring, i) => s("text", { class: "radar-ring-label", x: ring[0].x + 4, y: ring[0].y - 3 }, String(i + 1)));
  const svg = s("svg", {
    class: "radar", id: "radar", viewBox: `0 0 ${radar.width} ${radar.height}`, role: "img",
    "aria-label": "Radar chart of the current score and the target per dimension",
  },
    radar.rings.map((ring) => s("polygon", { class: "radar-ring", points: points(ring) })),
    radar.axes.map((axis) => s("line", { class: "radar-axis", x1: c.x, y1: c.y, x2: axis.end.x, y2: axis.end.y })),
    ringLabels,
    target ? s("polygon", { class: "radar-target", points: points(target.polygon) }) : null,
    current ? s("polygon", { class: "radar-current", points: points(current.polygon) }) : null,
    current ? current.points.filter(Boolean).map((p) => s("circle", { class: "radar-point", cx: p.x, cy: p.y, r: 4 })) : null,
    labels);
  return h("figure", { class: "radar-figure wide" }, svg,
    h("figcaption", { class: "legend" },
      h("span", { class: "legend-item" }, h("span", { class: "swatch swatch-current" }), "Current score"),
      h("span", { class: "legend-item" }, h("span", { class: "swatch swatch-target" }), "Target"),
      h("span", { class: "muted small" }, "Rings are levels 1 to 5. A dimension without enough answers sits at the centre.")));
}

function scoresTable(sc, levelName, respondents) {
  const perPerson = respondents.length > 1 && respondents.length <= 6;
  return h("section", { class: "wide" },
    h("h2", {}, "Scores"),
    h("table", { class: "scores", id: "scores" },
      h("thead", {}, h("tr", {},
        h("th", { scope: "col" }, "Dimension"),
        h("th", { scope: "col" }, "Score"),
        h("th", { scope: "col" }, "Level"),
        h("th", { scope: "col" }, "Target"),
        h("th", { scope: "col" }, "Gap"),
        h("th", { scope: "col" }, "Rests on"),
        perPerson ? respondents.map((name) => h("th", { scope: "col", class: "person-col" }, name)) : null)),
      h("tbody", {}, sc.dimensions.map((d) =>
        h("tr", { dataset: { dimension: d.dimension_id } },
          h("th", { scope: "row" }, d.name),
          h("td", { class: d.score === null ? "muted" : "num" },
            d.score !== null ? score(d.score) : d.out_of_scope ? "out of scope" : "not enough answers"),
          h("td", {}, d.level ? `${d.level} ${levelName(d.level)}` : ""),
          h("td", { class: "num" }, d.target ?? "—"),
          h("td", { class: "num" }, d.gap === null ? "—" : d.gap.toFixed(1)),
          h("td", { class: "small rests-on" }, restsOn(d)),
          perPerson ? d.respondent_scores.map((x) => h("td", { class: "num person-col" }, x === null ? "—" : score(x))) : null)))));
}

// Rule 10: on the leadership dimensions, leaders' scores beside practitioners' (from Rust).
function rolesSection(sc, roles) {
  if (!sc.by_role.length) return null;
  const side = (x) => `${x.score === null ? "—" : score(x.score)} (${x.scored_by} of ${x.respondents})`;
  const unstated = roles.filter((x) => x === null).length;
  return h("section", { class: "wide", id: "by-role" },
    h("h2", {}, "Leaders and practitioners"),
    h("p", { class: "muted small" },
      "On the dimensions about leadership, the leaders' score and the practitioners' score are shown side by side: people tend to rate their own leadership higher. The team's score is everyone's median. In brackets: how many of the group have a score there.",
      unstated ? ` ${unstated === 1 ? "One person" : `${unstated} people`} did not say their role and count on neither side.` : ""),
    h("table", { class: "scores", id: "by-role-table" },
      h("thead", {}, h("tr", {},
        h("th", { scope: "col" }, "Dimension"),
        h("th", { scope: "col" }, "Leaders"),
        h("th", { scope: "col" }, "Practitioners"),
        h("th", { scope: "col" }, "Team"),
        h("th", { scope: "col" }, "Difference"))),
      h("tbody", {}, sc.by_role.map((x) =>
        h("tr", { dataset: { dimension: x.dimension_id, apart: x.apart ? "yes" : "no" } },
          h("th", { scope: "row" }, x.name),
          h("td", { class: "num" }, side(x.leaders)),
          h("td", { class: "num" }, side(x.practitioners)),
          h("td", { class: "num" }, x.team === null ? "—" : score(x.team)),
          h("td", { class: x.apart ? "role-apart" : "small" }, x.difference_words))))));
}

function gapsSection(sc, dimName) {
  const top = sc.gaps.slice(0, 5);
  return h("section", {},
    h("h2", {}, "Largest gaps"),
    top.length
      ? h("ol", { class: "gaps", id: "gaps" }, top.map((g) =>
          h("li", {}, h("strong", {}, dimName(g.dimension_id)), `: ${g.gap.toFixed(1)} below target`,
            g.weighted !== g.gap ? h("span", { class: "muted" }, ` (weighted ${g.weighted.toFixed(1)})`) : null)))
      : h("p", { class: "muted", id: "gaps" }, "No dimension is below its target (or no targets were set)."));
}

function doraSection(r, ctx) {
  const c = r.dora;
  const yearSelect = h("select", { id: "results-dora-year", "aria-label": "DORA report year" },
    r.dora_years.map((y) => h("option", { value: y, selected: c && y === c.year }, String(y))));
  yearSelect.addEventListener("change", () => {
    // The chosen year is remembered with the assessment, so the team page, the report and a
    // later visit show the same clusters.
    ctx.api.doraYearSet(r.assessment.id, Number(yearSelect.value))
      .then(() => renderResults(ctx, r.assessment.id, yearSelect.value))
      .catch((error) => mount(ctx.main, errorBox(error)));
  });
  if (!c) {
    return h("section", {}, h("h2", {}, "DORA keys"), h("p", {}, "There are no clusters for this year."), yearSelect);
  }
  const names = c.rows[0]?.clusters.map(([name]) => name) ?? [];
  // The per-key table is the main display: each key's own nearest clusters are shaded, since
  // one cluster name can hide keys that point far apart.
  const overall = c.verdict
    ? (c.nearest.length > 1
        ? h("span", {}, "Overall the answers lie exactly as near to each of these clusters: ", h("strong", {}, c.verdict), ".")
        : h("span", {}, "Overall the answers are closest to the ", h("strong", {}, c.verdict), ` cluster of ${c.year}.`))
    : "Fewer than two keys were answered, so no cluster is named.";
  return h("section", { class: "wide dora", id: "dora" },
    h("h2", {}, "DORA keys"),
    h("p", {}, h("label", { for: "results-dora-year" }, "Clusters of the report year "), yearSelect),
    h("table", { class: "dora-table", id: "dora-table" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Key"), h("th", { scope: "col" }, "This team"),
        h("th", { scope: "col" }, "Nearest for this key"),
        names.map((n) => h("th", { scope: "col" }, n)))),
      h("tbody", {}, c.rows.map((row) => h("tr", {},
        h("th", { scope: "row" }, row.metric),
        h("td", { class: "team-value" }, row.team ?? "don't know"),
        h("td", { class: "row-nearest" }, verdictOf(row.nearest) ?? "—"),
        row.clusters.map(([name, value]) => h("td", { class: row.nearest.includes(name) ? "nearest" : undefined }, value)))))),
    h("p", { class: "muted small" }, "Shaded: the cluster nearest the team's answer for that key (two when the answer lies exactly between them)."),
    h("ul", { id: "dora-groups", class: "dora-groups" }, c.groups.map((g) => h("li", {},
      h("strong", {}, `${g.name}: `),
      g.verdict ? `${g.verdict} (${g.answered} ${g.answered === 1 ? "key" : "keys"})` : "no key answered"))),
    c.mixed ? h("p", { id: "dora-mixed", class: "dora-mixed" }, c.mixed.message) : null,
    h("p", { id: "dora-cluster" }, overall, ` The comparison rests on ${c.answered} of ${c.metrics} keys.`),
    c.distances.length
      ? h("p", { class: "muted small" }, "Mean distance to each cluster over the keys answered (0 = the same, 1 = opposite ends): ",
          c.distances.map((d) => `${d.cluster} ${d.mean.toFixed(2)}`).join(" · "))
      : null,
    h("p", { class: "facilitator-notes dora-note" }, c.note));
}

// "High", "between Medium and Low", "between High, Medium and Low" (as the core words it).
function verdictOf(names) {
  if (!names.length) return null;
  if (names.length === 1) return names[0];
  return `between ${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

// What a dimension score rests on: who answered, the share of "don't know", the spread.
export function restsOn(d) {
  const c = d.confidence;
  if (d.out_of_scope) return "every answer was “not applicable”";
  if (c.scored_by === 0) return `nobody answered enough of ${d.questions} questions`;
  const parts = [c.single_respondent
    ? `one person's answers only (of ${c.respondents})`
    : `${c.scored_by} of ${c.respondents} people`];
  if (c.dont_know_share) parts.push(`${Math.round(c.dont_know_share * 100)} % don't know`);
  if (c.spread !== null) parts.push(`spread ${c.spread.toFixed(1)}`);
  return parts.join(" · ");
}

// "Why this score": per dimension, who sets the median, and per question the anchors chosen
// (and by how many), the evidence written, and the answers below and above the team score.
function whySection(sc, q, respondents, levelName) {
  const questionOf = (qid) => q.questions.find((x) => x.id === qid);
  const dimension = (d) => {
    const stats = sc.questions.filter((x) => x.dimension_id === d.dimension_id);
    const people = d.respondent_scores
      .map((v, i) => ({ name: respondents[i] ?? `Person ${i + 1}`, v, i }))
      .filter((p) => p.v !== null)
      .sort((a, b) => a.v - b.v);
    const median = d.score === null
      ? h("p", { class: "muted" }, d.out_of_scope ? "Out of scope: every answer here was “not applicable”." : "Not enough answers for a score.")
      : h("p", { class: "why-median" }, `Score ${score(d.score)}: the median of ${people.length === 1 ? "one person's score" : `${people.length} people's scores`} — `,
          people.map((p, k) => [k ? ", " : "",
            d.median_from.includes(p.i) ? h("strong", {}, `${p.name} ${score(p.v)}`) : `${p.name} ${score(p.v)}`]),
          d.median_from.length ? h("span", { class: "muted" }, ` (in bold: ${d.median_from.length === 1 ? "the middle score, which is the median" : "the two middle scores, averaged"})`) : null,
          ".");
    const question = (stat) => {
      const qq = questionOf(stat.question_id);
      const chosen = stat.distribution
        .map((n, i) => ({ n, level: i + 1 }))
        .filter((x) => x.n > 0)
        .map((x) => h("li", {}, h("strong", {}, `Level ${x.level} ${levelName(x.level)} — ${x.n} ${x.n === 1 ? "person" : "people"}: `), qq?.anchors[x.level - 1] ?? ""));
      const other = [stat.dont_know ? `${stat.dont_know} don't know` : null, stat.not_applicable ? `${stat.not_applicable} not applicable` : null, stat.unanswered ? `${stat.unanswered} not answered` : null].filter(Boolean);
      const pulls = d.score === null ? null
        : stat.below_score || stat.above_score
          ? h("p", { class: "small why-pulls" }, `${stat.below_score} ${stat.below_score === 1 ? "answer" : "answers"} below the team score (pulling it down), ${stat.above_score} above (pulling it up).`)
          : h("p", { class: "small muted why-pulls" }, "Every level given here matches the team score.");
      return h("li", { class: "why-question", dataset: { question: stat.question_id } },
        h("p", {}, qq?.text ?? stat.question_id),
        chosen.length ? h("ul", { class: "why-anchors" }, chosen) : h("p", { class: "muted small" }, "No level was given."),
        other.length ? h("p", { class: "muted small" }, other.join(", ")) : null,
        stat.agreed ? h("p", { class: "small" }, `The group agreed level ${stat.agreed}; it scores instead of the answers above.`) : null,
        pulls,
        stat.evidence.length
          ? h("ul", { class: "why-evidence" }, stat.evidence.map((e) => h("li", {}, h("strong", {}, `${e.respondent}${e.answer ? ` (${e.answer})` : ""}: `), e.text)))
          : null);
    };
    return h("details", { class: "why-dimension", id: `why-${d.dimension_id}` },
      h("summary", {}, d.name, h("span", { class: "muted small" }, ` — ${restsOn(d)}`)),
      median,
      h("ol", { class: "why-questions" }, stats.map(question)));
  };
  return h("section", { class: "wide why", id: "why" },
    h("h2", {}, "Why this score"),
    h("p", { class: "muted" }, "Open a dimension to see the level each person chose per question, with its description, the evidence they wrote, and the answers that pull the score down or up."),
    sc.dimensions.map(dimension));
}

// Heights go through the CSSOM: the CSP forbids inline style attributes.
function barOf(share) {
  const bar = h("span", { class: "dist-bar" });
  bar.style.height = `${share * 100}%`;
  return bar;
}

function distributionSection(sc, q, dimName) {
  const questionText = (qid) => q.questions.find((x) => x.id === qid)?.text ?? qid;
  const bars = (stat) => {
    const max = Math.max(1, ...stat.distribution);
    return h("span", { class: "dist", "aria-label": stat.distribution.map((n, i) => `level ${i + 1}: ${n}`).join(", ") },
      stat.distribution.map((n, i) => h("span", { class: "dist-col", title: `Level ${i + 1}: ${n}` },
        barOf(n / max),
        h("span", { class: "dist-n" }, `${i + 1}`))));
  };
  const row = (stat) => h("tr", { class: stat.disagreement ? "hot" : undefined, dataset: { question: stat.question_id } },
    h("td", {}, questionText(stat.question_id)),
    h("td", {}, bars(stat)),
    h("td", { class: "num" }, stat.median === null ? "—" : stat.median.toFixed(1)),
    h("td", { class: "small" }, [stat.dont_know ? `${stat.dont_know} don't know` : null, stat.not_applicable ? `${stat.not_applicable} n/a` : null].filter(Boolean).join(", ")),
    h("td", {}, stat.disagreement ? h("span", { class: "badge badge-hot" }, `spread ${stat.robust_spread}`) : "",
      // A level the group agreed after discussion scores instead of the answers counted here.
      stat.agreed ? [" ", h("span", { class: "badge badge-agreed", title: "The level the group agreed; it scores instead of the answers" }, `agreed ${stat.agreed}`)] : null));
  const table = (stats) => h("table", { class: "distribution" },
    h("thead", {}, h("tr", {}, ["Question", "Answers per level", "Median", "Other", "Notes"].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, stats.map(row)));
  const hot = sc.hot_spots.map((qid) => sc.questions.find((x) => x.question_id === qid)).filter(Boolean);
  return h("section", { class: "wide", id: "distribution" },
    h("h2", {}, "Where people disagree"),
    hot.length
      ? h("div", {}, h("p", {}, "Questions where answers are two or more levels apart (with more than four answers, at least two people on each side): worth a conversation."), table(hot))
      : h("p", { class: "muted" }, "No question has answers two or more levels apart (with more than four answers, at least two people on each side)."),
    h("h2", {}, "Answers per question"),
    q.dimensions.map((d) => h("details", { class: "dist-dimension" },
      h("summary", {}, dimName(d.id)),
      table(sc.questions.filter((x) => x.dimension_id === d.id)))));
}
