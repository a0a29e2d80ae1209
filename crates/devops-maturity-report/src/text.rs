//! The words of the reports: section headings and the sentences built from the model. The PDF
//! and HTML renderers both use these, so the two always say the same thing.

pub use devops_maturity_core::recommendations::helps_reach_line;

use crate::model::{DoraSection, PlanRow, PlanSection, TeamReport};

pub const REPORT_TITLE: &str = "DevOps maturity report";
pub const LEADERSHIP_TITLE: &str = "DevOps maturity overview";
pub const EXECUTIVE_SUMMARY: &str = "Executive summary";
pub const RADAR: &str = "Current level and target";
pub const SCORES: &str = "Scores by dimension";
pub const HOT_SPOTS: &str = "Disagreement hot-spots";
/// On the cover (and the HTML page) of a report on a quick scan.
pub const QUICK_SCAN_NOTE: &str = "Quick scan: one or two questions per dimension instead of the full questionnaire, scored by the same rules. Each score rests on fewer answers; treat it as a first look and confirm the large gaps with the full questionnaire.";
pub const BY_ROLE: &str = "Leaders and practitioners";
pub const DISTRIBUTIONS: &str = "Answers per question";
pub const DORA: &str = "DORA software delivery performance";
pub const PLAN: &str = "Improvement plan";
pub const TREND: &str = "Trend over earlier assessments";
pub const APPENDIX: &str = "Appendix: every answer";
pub const TEAMS_AT_A_GLANCE: &str = "Teams at a glance";
pub const HEATMAP: &str = "Heatmap: dimensions by team";

/// The headings of a team report, in order (the hot-spot and distribution sections appear
/// only when several people answered).
pub const TEAM_SECTIONS: [&str; 10] = [
    REPORT_TITLE,
    EXECUTIVE_SUMMARY,
    RADAR,
    SCORES,
    HOT_SPOTS,
    DISTRIBUTIONS,
    DORA,
    PLAN,
    TREND,
    APPENDIX,
];

pub const NOT_ENOUGH: &str = "not enough answers";
pub const OUT_OF_SCOPE: &str = "out of scope";

pub const RADAR_INTRO: &str = "Each spoke is one dimension of the questionnaire. The shaded shape is where the team stands today; the dashed line is the level the team chose as its target. Where the two lines are far apart, the gap is large.";
pub const RADAR_NOTE: &str = "Rings mark levels 1 to 5, from the centre outwards. A dimension without enough answers sits at the centre and has no marker.";
pub const SCORES_INTRO: &str = "A dimension's score is the median of the respondents' averages for its questions, so a single outlier does not move it. The level is the score rounded down. The gap is the target minus the score: the larger it is, the more work the dimension needs.";
pub const GAP_NOTE: &str = "“Not enough answers”: fewer than half of the dimension's questions were answered, so no score is given. “Don't know” and “not applicable” count as missing, never as zero.";
pub const BY_ROLE_INTRO: &str = "On the dimensions about leadership, the leaders' score and the practitioners' score are shown side by side, because people tend to rate their own leadership higher. Each is the median of that group's scores; in brackets, how many of the group have a score there. The team's score is everyone's median.";

/// Who did not say their role, for the note under the leaders-and-practitioners table.
pub fn roles_unstated_sentence(n: usize) -> Option<String> {
    match n {
        0 => None,
        1 => Some("One person did not say their role and counts on neither side.".into()),
        n => Some(format!(
            "{n} people did not say their role and count on neither side."
        )),
    }
}

pub const HOT_SPOTS_INTRO: &str = "On these questions the answers are two or more levels apart. People see the same work differently here, which makes them the best starting points for a team conversation.";
pub const NO_HOT_SPOTS: &str = "No question has answers two or more levels apart: the respondents see the team's work in much the same way.";
pub const DISTRIBUTION_NOTE: &str = "Darker cells mean more people chose that level. “?” counts “don't know” and “not applicable”. Shaded questions are disagreement hot-spots; “Apart” says by how many levels.";
pub const NO_DORA: &str = "The team did not answer the DORA questions in this assessment.";
pub const CLUSTERS_ARE_NOT_A_LADDER: &str = "DORA groups the teams in each year's survey into clusters of similar delivery performance. The clusters are a statistical grouping made anew every year, not a ladder to climb: the same name can mean different values in different years, and moving to another cluster is not a goal in itself. Use the comparison to see which keys hold the team back.";
pub const PROPOSAL_SHORT: &str =
    "No plan has been saved yet; these come from a proposal generated from the gaps.";
pub const NO_ACTIONS: &str =
    "No action is planned: every scored dimension has reached its target, or no targets were set.";
pub const HORIZON_NOTE: &str = "Horizon: by when the action should show its first result (30, 60 or 90 days). Effort: S small, M medium, L large. A quick win is a small action where the gap is at least one level.";
pub const FIRST_ASSESSMENT: &str = "This is the team's first completed assessment, so there is no trend yet. The next assessment will show how each dimension moves.";
pub const APPENDIX_INTRO: &str = "Every answer, grouped by dimension and question. Each level chosen is shown with the description of that level for the question, followed by the evidence or comments respondents gave.";

pub fn respondents_text(names: &[String]) -> String {
    match names.len() {
        0 => "none".into(),
        1 => names[0].clone(),
        n => format!("{n} people: {}", names.join(", ")),
    }
}

/// The cover's facts, label and value, in order: the PDF's cover and the HTML page's list.
pub fn cover_facts(r: &TeamReport) -> Vec<(&'static str, String)> {
    let mut facts: Vec<(&'static str, String)> = Vec::new();
    if let Some(organisation) = &r.organisation {
        facts.push(("Organisation", organisation.clone()));
    }
    facts.push(("Team", r.team.clone()));
    facts.push(("Assessment date", r.assessment_date.clone()));
    facts.push((
        "Facilitator",
        r.facilitator
            .clone()
            .unwrap_or_else(|| "not recorded".into()),
    ));
    facts.push(("Respondents", respondents_text(&r.respondents)));
    facts.push((
        "Questionnaire",
        format!(
            "{} — {} version {}",
            r.questionnaire.title, r.questionnaire.id, r.questionnaire.version
        ),
    ));
    if r.questionnaire.quick_scan {
        facts.push(("Form", QUICK_SCAN_NOTE.to_string()));
    }
    facts.push(("Report prepared", r.prepared.clone()));
    facts
}

pub fn about_team_report(r: &TeamReport) -> String {
    format!(
        "This report sets out where {} stands on the {} dimensions of the {} questionnaire, how it compares with the DORA software delivery clusters, and what the team plans to do next. The executive summary on the next page fits on one page; the sections after it give the detail behind each statement, and the appendix lists every answer.",
        r.team,
        r.dimensions.len(),
        r.questionnaire.title
    )
}

pub fn overall_sentence(r: &TeamReport) -> String {
    let people = match r.respondents.len() {
        1 => "one respondent".to_string(),
        n => format!("{n} respondents"),
    };
    match (&r.overall_level, r.overall) {
        (Some(level), Some(score)) => format!(
            "{} is at maturity level {} – {} overall, with a score of {:.1} out of 5: the average of {} of the {} dimensions in scope. This is based on the answers of {} on {}.",
            r.team,
            level.value,
            level.name,
            score,
            r.overall_dimensions.0,
            r.overall_dimensions.1,
            people,
            r.assessment_date
        ),
        _ => format!(
            "{} has no overall level yet: fewer than half of the dimensions in scope had enough answers for a score ({} of {}; {} on {}).",
            r.team, r.overall_dimensions.0, r.overall_dimensions.1, people, r.assessment_date
        ),
    }
}

fn list(items: &[String]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!("{} and {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

pub fn areas_sentence(r: &TeamReport) -> String {
    if r.strongest.is_empty() {
        return "Too few dimensions have a score to name the strongest and weakest areas.".into();
    }
    let score_of = |name: &String| {
        r.dimensions
            .iter()
            .find(|d| &d.name == name)
            .and_then(|d| d.score)
            .map_or_else(String::new, |s| format!(" ({s:.1})"))
    };
    let with = |names: &[String]| {
        list(
            &names
                .iter()
                .map(|n| format!("{n}{}", score_of(n)))
                .collect::<Vec<_>>(),
        )
    };
    let mut text = format!(
        "Strongest: {}. Weakest: {}.",
        with(&r.strongest),
        with(&r.weakest)
    );
    let mut gaps: Vec<(&str, f64)> = r
        .dimensions
        .iter()
        .filter_map(|d| {
            d.gap
                .filter(|g| *g > 0.0)
                .map(|g| (d.name.as_str(), g * d.weight))
        })
        .collect();
    gaps.sort_by(|a, b| b.1.total_cmp(&a.1));
    if let Some((name, _)) = gaps.first() {
        text.push_str(&format!(
            " The largest gap to the team's own target is in {name}."
        ));
    }
    text
}

pub fn dora_sentence(r: &TeamReport) -> String {
    match &r.dora {
        None => NO_DORA.into(),
        Some(d) => {
            let first = match (&d.mixed, &d.verdict) {
                (Some(m), _) => format!("Against the clusters of the DORA {} report: {m}", d.year),
                (None, Some(v)) => format!(
                    "Against the clusters of the DORA {} report, the team's answers are closest to {}, on {} of {} keys.",
                    d.year,
                    cluster_phrase(&d.nearest, v),
                    d.answered,
                    d.metrics
                ),
                (None, None) => format!(
                    "Fewer than two DORA keys were answered, so the team is not placed in a cluster of the DORA {} report.",
                    d.year
                ),
            };
            format!(
                "{first} Clusters are a statistical grouping that DORA redraws every year, not a ladder of levels: they show which delivery keys hold the team back, not a rank to chase."
            )
        }
    }
}

/// "the Elite cluster", or "between Medium and Low (an exact tie)".
fn cluster_phrase(nearest: &[String], verdict: &str) -> String {
    if nearest.len() > 1 {
        format!("{verdict} (an exact tie)")
    } else {
        format!("the {verdict} cluster")
    }
}

pub fn dora_intro(d: &DoraSection) -> String {
    let placed = match &d.verdict {
        Some(v) if d.nearest.len() > 1 => {
            format!("Overall the answers lie exactly as near to each of these clusters: {v}.")
        }
        Some(v) => format!("Overall the nearest cluster is {v}, highlighted in the table."),
        None => "Fewer than two keys were answered, so no cluster is named.".into(),
    };
    let groups = d
        .groups
        .iter()
        .map(|(name, verdict, n)| match verdict {
            Some(v) => format!("{name}: {v} ({n} {})", if *n == 1 { "key" } else { "keys" }),
            None => format!("{name}: no key answered"),
        })
        .collect::<Vec<_>>()
        .join("; ");
    let mixed = d
        .mixed
        .as_deref()
        .map(|m| format!(" {m}"))
        .unwrap_or_default();
    format!(
        "The team's answers to the DORA questions beside the typical values of each performance cluster in the DORA {} report; read the table key by key. The comparison rests on {} of the {} keys. {groups}. {placed}{mixed}",
        d.year, d.answered, d.metrics
    )
}

pub fn headline_detail(p: &PlanRow) -> String {
    let mut parts = vec![p.dimension.clone(), format!("within {} days", p.horizon)];
    if let Some(o) = &p.owner {
        parts.push(format!("owner {o}"));
    }
    if let Some(d) = &p.due {
        parts.push(format!("due {d}"));
    }
    if p.quick_win {
        parts.push("quick win".into());
    }
    parts.join(", ")
}

/// The heading of the plan's backlog and what it is.
pub const BACKLOG: &str = "Backlog";
pub const BACKLOG_INTRO: &str = "Open actions past the focus limit, in the order they would be pulled in. Each says why it is in the plan.";

/// The line under an action's title: "Teambuilding · effort S · quick win".
pub fn action_detail(p: &PlanRow) -> String {
    let mut detail = format!("{} · effort {}", p.dimension, p.effort);
    if p.quick_win {
        detail.push_str(" · quick win");
    }
    detail
}

/// The reasons an action is in the plan, as one line.
pub fn reasons_line(reasons: &[String]) -> Option<String> {
    (!reasons.is_empty()).then(|| format!("Why here: {}.", reasons.join("; ")))
}

pub fn plan_intro(plan: &PlanSection) -> String {
    let mut text = if plan.proposal {
        "No improvement plan has been saved for this assessment yet, so this is a proposal, generated from the gaps: for each dimension below its target, the recommended actions for its next level, ordered by gap size and weight. The team decides what to accept, who owns it and by when.".to_string()
    } else {
        "The team's improvement plan for this assessment, in the order the team set: by horizon, then by priority.".to_string()
    };
    if plan.items.is_empty() {
        text.push(' ');
        text.push_str(NO_ACTIONS);
    }
    if !plan.backlog.is_empty() {
        text.push_str(&format!(
            " The plan is focused: at most {} open action{} per horizon; the other {} wait in the backlog after the table, to be pulled in when one is done.",
            plan.focus,
            if plan.focus == 1 { "" } else { "s" },
            plan.backlog.len()
        ));
    }
    if plan.rejected > 0 {
        text.push_str(&format!(
            " {} proposed action{} the team rejected {} not listed.",
            plan.rejected,
            if plan.rejected == 1 { "" } else { "s" },
            if plan.rejected == 1 { "is" } else { "are" }
        ));
    }
    text
}

fn signed(v: f64) -> String {
    if v >= 0.0 {
        format!("+{v:.1}")
    } else {
        format!("−{:.1}", -v)
    }
}

pub fn changes_sentence(r: &TeamReport) -> String {
    let Some(c) = &r.changes else {
        return "This is the team's first completed assessment, so there is nothing to compare with yet.".into();
    };
    let mut text = match (c.overall_before, c.overall_now) {
        (Some(b), Some(n)) => format!(
            "Since the assessment of {}, the overall score went from {b:.1} to {n:.1} ({}).",
            c.previous_date,
            signed(n - b)
        ),
        _ => format!(
            "Compared with the assessment of {} (no overall score in one of the two):",
            c.previous_date
        ),
    };
    let named = |items: &[(String, f64)]| {
        list(
            &items
                .iter()
                .take(4)
                .map(|(n, d)| format!("{n} ({})", signed(*d)))
                .collect::<Vec<_>>(),
        )
    };
    if !c.improved.is_empty() {
        text.push_str(&format!(
            " Improved: {}{}.",
            named(&c.improved),
            more(c.improved.len())
        ));
    }
    if !c.declined.is_empty() {
        text.push_str(&format!(
            " Declined: {}{}.",
            named(&c.declined),
            more(c.declined.len())
        ));
    }
    if c.unchanged > 0 {
        text.push_str(&format!(
            " {} dimension{} stayed within a tenth of a level.",
            c.unchanged,
            if c.unchanged == 1 { "" } else { "s" }
        ));
    }
    text
}

fn more(n: usize) -> String {
    if n > 4 {
        format!(" and {} more", n - 4)
    } else {
        String::new()
    }
}

pub fn distributions_intro(people: usize) -> String {
    format!(
        "How the {people} respondents answered each question: the number of people per level. A median gives the middle answer."
    )
}

pub fn trend_intro(r: &TeamReport) -> String {
    format!(
        "The overall score and every dimension over the team's {} completed assessments up to this one, on the same 1–5 scale. The number at the end of each line is the latest score.",
        r.trend.dates.len()
    )
}

pub const HEATMAP_INTRO: &str = "Each cell is a team's score for one dimension in its latest completed assessment, written in the cell; the colour shows the level band, from light (level 1) to dark (level 5). “n/a” means not enough answers for a score.";
pub const LEADERSHIP_GAPS_NOTE: &str = "Gaps are each team's own targets minus its scores, largest (by the team's weights) first. Levels and targets are set per team, so compare a team with its own target rather than with other teams.";

pub const GAPS_HEADER: &str = "Largest gaps to target";
pub const WEAKEST_HEADER: &str = "Weakest dimensions";
pub const LEADERSHIP_WEAKEST_NOTE: &str = "No team has a gap to a target (no targets were set, or every team meets its own), so each row shows the team's three lowest dimension scores instead, lowest first.";

/// The order of the glance table, in words.
pub fn sort_note(sort: crate::assemble::Sort) -> String {
    match sort {
        crate::assemble::Sort::Name => "Teams in order of name.",
        crate::assemble::Sort::Level => {
            "Teams by overall score, lowest first; teams without a score last."
        }
        crate::assemble::Sort::Gap => {
            "Teams by their gaps to target (each gap times its weight, summed), largest first."
        }
    }
    .to_string()
}

/// "business unit" → "Business unit".
pub fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub const ORGANISATION_TITLE: &str = "The organisation at a glance";
pub const SYSTEMIC_GAPS: &str = "Weak almost everywhere: systemic gaps";
pub const NO_SYSTEMIC_GAPS: &str = "No dimension has most teams below their bar.";
pub const SYSTEMIC_GAPS_NOTE: &str = "A systemic gap is a dimension where more than half of the teams with a score are below their bar: their own target when they set one for it, otherwise level 3. Ranked by the share of teams below.";
pub const LEVELS_BY_DIMENSION: &str = "How many teams are at each level";
pub const LEVELS_NOTE: &str = "L1–L5: teams whose score in the dimension is at that level (the colour repeats the level); “–”: teams without a score there (too few answers, out of scope, or no assessment), never counted as zero. Median and interquartile range (IQR, the middle half of the teams) of the scores.";
pub const MOVEMENT_TITLE: &str = "Movement since each team's previous assessment";
pub const OUTLIERS_TITLE: &str = "Teams far from their group";
pub const NO_OUTLIERS: &str = "No team is a level or more away from its group's median.";
pub const DORA_TITLE: &str = "DORA: nearest cluster";
pub const NO_TEAM_DORA: &str = "No team answered the DORA questions.";
pub const COVERAGE_TITLE: &str = "Coverage";

pub fn organisation_intro(r: &devops_maturity_core::rollup::Rollup) -> String {
    format!(
        "{} teams, {} of them with a completed assessment. Each team counts once, with its latest completed assessment; no person is named.",
        r.teams, r.assessed
    )
}

pub fn movement_intro(m: &devops_maturity_core::rollup::Movement) -> String {
    if m.teams_compared == 0 {
        "No team has two completed assessments yet, so there is no movement to show.".into()
    } else {
        format!(
            "{} teams have an earlier completed assessment to compare with. A change of half a level or more counts as improved or declined; a dimension without a score on either side is not compared.",
            m.teams_compared
        )
    }
}

pub fn outliers_note(word: &str) -> String {
    format!("An outlier's score is a level or more above or below the median of its {word} (only in a {word} with at least three scored teams), largest difference first.")
}

pub fn coverage_sentence(c: &devops_maturity_core::rollup::Coverage, months: u32) -> String {
    match c.stale.len() {
        0 => format!("Every team has a completed assessment from the last {months} months (since {}).", c.since),
        n => format!("{n} of {} teams have no completed assessment from the last {months} months (since {}):", c.teams, c.since),
    }
}

/// The first `max` items joined, and how many more.
pub fn listed(items: &[String], max: usize) -> String {
    let shown = items
        .iter()
        .take(max)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > max {
        format!("{shown} and {} more", items.len() - max)
    } else {
        shown
    }
}

pub const LEADERSHIP_SECTIONS: [&str; 3] = [LEADERSHIP_TITLE, TEAMS_AT_A_GLANCE, HEATMAP];

pub fn leadership_intro(r: &crate::model::LeadershipReport) -> String {
    format!(
        "This overview compares the latest completed assessment of each of the {} teams: first the organisation as a whole, then each team's overall level, largest gaps to its own targets and nearest DORA cluster{}",
        r.teams.len(),
        if r.summary {
            "."
        } else {
            ", then a heatmap of every dimension. One page per team follows, with the team's radar chart, its largest gaps and the headline actions of its improvement plan."
        }
    )
}

/// One sentence on the team's DORA cluster, for the leadership pages.
pub fn dora_short(r: &TeamReport) -> String {
    match &r.dora {
        None => "No DORA answers were given.".into(),
        Some(d) => match (&d.mixed, &d.verdict) {
            (Some(_), _) => format!(
                "DORA: a mixed profile against the clusters of {}, keys two or more clusters apart.",
                d.year
            ),
            (None, Some(v)) => format!(
                "DORA: closest to {} of {} (a yearly statistical grouping, not a ladder).",
                cluster_phrase(&d.nearest, v),
                d.year
            ),
            (None, None) => format!("DORA: too few keys answered to name a {} cluster.", d.year),
        },
    }
}
