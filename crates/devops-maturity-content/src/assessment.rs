//! The assessment files in `content/assessment/`: questionnaire, DORA model, recommendations
//! and the EJ Airways answer key, parsed into the core's types and cross-checked.

use std::collections::{BTreeMap, HashMap, HashSet};

use devops_maturity_core::dora::{ClusterValue, ClusterYear, DoraModel, Metric, MetricKind};
use devops_maturity_core::plan::{MAX_TEXT, MAX_TITLE};
use devops_maturity_core::questionnaire::{QUICK_SCAN_MAX, QUICK_SCAN_PER_DIMENSION};
use devops_maturity_core::recommendations::{Action, AnchorRef, Effort, KeyAnswer};
use devops_maturity_core::{Dimension, DimensionKind, Level, Question, Questionnaire};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::toml_util::{is_kebab_id, line_of, parse_toml};
use crate::{Files, Problem};

pub const QUESTIONNAIRE_FILE: &str = "assessment/questionnaire.toml";
pub const DORA_FILE: &str = "assessment/dora.toml";
pub const KEY_FILE: &str = "assessment/ej-airways-key.toml";
pub const RECOMMENDATIONS_DIR: &str = "assessment/recommendations/";
/// A dimension needs this many questions for a score that one answer does not swing.
pub const MIN_QUESTIONS_PER_DIMENSION: usize = 4;
/// Actions needed per dimension and level step.
pub const MIN_ACTIONS_PER_STEP: usize = 2;
/// The DORA metric counting unplanned deployments that fix a defect users saw.
const REWORK_RATE: &str = "rework-rate";

/// Everything the assessment needs, checked.
#[derive(Debug, Clone, Serialize)]
pub struct AssessmentContent {
    pub questionnaire: Questionnaire,
    pub dora: DoraModel,
    pub actions: Vec<Action>,
    pub key: Vec<KeyAnswer>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestionnaire {
    id: String,
    version: String,
    title: String,
    level: Vec<Level>,
    dimension: Vec<RawDimension>,
    question: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDimension {
    id: Spanned<String>,
    kind: DimensionKind,
    name: String,
    description: String,
    #[serde(default = "one")]
    weight: f64,
    #[serde(default)]
    chapter: Option<Spanned<String>>,
    /// Leaders' answers here are shown apart from practitioners' (core `Dimension::leadership`).
    #[serde(default)]
    leadership: bool,
}

fn one() -> f64 {
    1.0
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    dimension: Spanned<String>,
    text: String,
    anchors: Vec<String>,
    /// In the quick scan.
    #[serde(default)]
    quick: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDora {
    default_year: u16,
    note: String,
    metric: Vec<Metric>,
    year: Vec<ClusterYear>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKey {
    questionnaire: String,
    version: String,
    answer: Vec<RawKeyAnswer>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKeyAnswer {
    question: Spanned<String>,
    level: u8,
    reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActions {
    #[serde(default)]
    action: Vec<RawAction>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAction {
    id: Spanned<String>,
    dimension: String,
    from_level: u8,
    title: String,
    why: String,
    /// Required, so an author states which keys an action moves (`[]`: none).
    dora: Vec<String>,
    first_steps: Vec<String>,
    effort: Effort,
    impact: String,
    chapter: String,
    /// `question-id:level`: the anchors the action helps reach ([`check_anchors`]).
    #[serde(default)]
    anchors: Vec<String>,
    /// Ids of earlier actions merged into this one or moved here under a new id.
    #[serde(default)]
    replaces: Vec<String>,
}

fn problem(
    problems: &mut Vec<Problem>,
    file: &str,
    src: &str,
    span: std::ops::Range<usize>,
    message: String,
) {
    problems.push(Problem::new(file, line_of(src, span.start), message));
}

/// Parses the assessment files. `chapters` are the course's chapter ids (for references).
pub(crate) fn parse(
    files: &Files,
    chapters: &HashSet<String>,
    problems: &mut Vec<Problem>,
) -> Option<AssessmentContent> {
    let questionnaire = parse_questionnaire(files, chapters, problems);
    let dora = parse_dora(files, problems);
    let actions = questionnaire
        .as_ref()
        .zip(dora.as_ref())
        .map(|(q, d)| parse_actions(files, q, d, chapters, problems));
    let key = questionnaire
        .as_ref()
        .map(|q| parse_key(files, q, problems));
    Some(AssessmentContent {
        questionnaire: questionnaire?,
        dora: dora?,
        actions: actions?,
        key: key?,
    })
}

fn parse_questionnaire(
    files: &Files,
    chapters: &HashSet<String>,
    problems: &mut Vec<Problem>,
) -> Option<Questionnaire> {
    let file = QUESTIONNAIRE_FILE;
    let Some(src) = files.get(file) else {
        problems.push(Problem::new(
            file,
            0,
            "missing: the assessment questionnaire",
        ));
        return None;
    };
    let raw: RawQuestionnaire = parse_toml(file, src, problems)?;
    let before = problems.len();
    let values: Vec<u8> = raw.level.iter().map(|l| l.value).collect();
    if values != [1, 2, 3, 4, 5] {
        problems.push(Problem::new(
            file,
            0,
            format!(
                "there must be exactly five levels with values 1 to 5 in order, found {values:?}"
            ),
        ));
    }
    let mut dimensions = Vec::new();
    let mut dim_ids = HashSet::new();
    // The line of each dimension and question id, for the wording rules' messages.
    let mut lines: HashMap<String, usize> = HashMap::new();
    for d in raw.dimension {
        let id = d.id.get_ref().clone();
        lines.insert(id.clone(), line_of(src, d.id.span().start));
        if !is_kebab_id(&id) {
            problem(
                problems,
                file,
                src,
                d.id.span(),
                format!("dimension id `{id}` must be lowercase-kebab"),
            );
        }
        if !dim_ids.insert(id.clone()) {
            problem(
                problems,
                file,
                src,
                d.id.span(),
                format!("duplicate dimension id `{id}`"),
            );
        }
        if !(d.weight.is_finite() && d.weight > 0.0 && d.weight <= 100.0) {
            problem(
                problems,
                file,
                src,
                d.id.span(),
                format!(
                    "dimension `{id}` has weight {}; a weight is above 0 and at most 100",
                    d.weight
                ),
            );
        }
        if let Some(ch) = &d.chapter {
            if !chapters.contains(ch.get_ref()) {
                problem(
                    problems,
                    file,
                    src,
                    ch.span(),
                    format!(
                        "dimension `{id}` points to unknown chapter `{}`",
                        ch.get_ref()
                    ),
                );
            }
        }
        dimensions.push(Dimension {
            id,
            kind: d.kind,
            name: d.name,
            description: d.description,
            weight: d.weight,
            chapter: d.chapter.map(Spanned::into_inner),
            leadership: d.leadership,
        });
    }
    let mut questions = Vec::new();
    let mut question_ids = HashSet::new();
    let mut per_dimension: BTreeMap<&str, usize> =
        dimensions.iter().map(|d| (d.id.as_str(), 0)).collect();
    let mut quick_per_dimension: BTreeMap<&str, usize> =
        dimensions.iter().map(|d| (d.id.as_str(), 0)).collect();
    for q in raw.question {
        let id = q.id.get_ref().clone();
        lines.insert(id.clone(), line_of(src, q.id.span().start));
        if !question_ids.insert(id.clone()) {
            problem(
                problems,
                file,
                src,
                q.id.span(),
                format!("duplicate question id `{id}`"),
            );
        }
        if q.quick {
            if let Some(n) = quick_per_dimension.get_mut(q.dimension.get_ref().as_str()) {
                *n += 1;
            }
        }
        match per_dimension.get_mut(q.dimension.get_ref().as_str()) {
            Some(n) => *n += 1,
            None => problem(
                problems,
                file,
                src,
                q.dimension.span(),
                format!(
                    "question `{id}` names unknown dimension `{}`",
                    q.dimension.get_ref()
                ),
            ),
        }
        if q.text.trim().is_empty() {
            problem(
                problems,
                file,
                src,
                q.id.span(),
                format!("question `{id}` has no text"),
            );
        }
        let anchors: Result<[String; 5], _> = q.anchors.try_into();
        match anchors {
            Ok(anchors) if anchors.iter().all(|a| !a.trim().is_empty()) => {
                questions.push(Question {
                    id,
                    dimension: q.dimension.into_inner(),
                    text: q.text,
                    anchors,
                    quick: q.quick,
                })
            }
            Ok(_) => problem(
                problems,
                file,
                src,
                q.id.span(),
                format!("question `{id}` has an empty anchor"),
            ),
            Err(v) => problem(
                problems,
                file,
                src,
                q.id.span(),
                format!(
                    "question `{id}` has {} anchors; exactly five (levels 1 to 5) are needed",
                    v.len()
                ),
            ),
        }
    }
    for (dim, n) in per_dimension {
        if n < MIN_QUESTIONS_PER_DIMENSION {
            problems.push(Problem::new(file, 0, format!("dimension `{dim}` has {n} questions; at least {MIN_QUESTIONS_PER_DIMENSION} are needed")));
        }
    }
    check_quick_scan(file, &quick_per_dimension, problems);
    let line = |id: &str| lines.get(id).copied().unwrap_or(0);
    crate::wording::check(file, &raw.level, &dimensions, &questions, &line, problems);
    (problems.len() == before).then_some(Questionnaire {
        id: raw.id,
        version: raw.version,
        title: raw.title,
        levels: raw.level,
        dimensions,
        questions,
        quick_scan: false,
    })
}

/// The quick scan (questions marked `quick = true`), when there is one, covers every dimension
/// with one or two questions and asks at most [`QUICK_SCAN_MAX`] in all; with 18 dimensions,
/// 18 to 24 questions.
fn check_quick_scan(
    file: &str,
    per_dimension: &BTreeMap<&str, usize>,
    problems: &mut Vec<Problem>,
) {
    let total: usize = per_dimension.values().sum();
    if total == 0 {
        return;
    }
    for (dim, n) in per_dimension {
        if !QUICK_SCAN_PER_DIMENSION.contains(n) {
            problems.push(Problem::new(
                file,
                0,
                format!(
                    "the quick scan has {n} questions of dimension `{dim}`; it needs one or two of every dimension"
                ),
            ));
        }
    }
    if total > QUICK_SCAN_MAX {
        problems.push(Problem::new(
            file,
            0,
            format!("the quick scan has {total} questions; at most {QUICK_SCAN_MAX} keep it short"),
        ));
    }
}

fn parse_dora(files: &Files, problems: &mut Vec<Problem>) -> Option<DoraModel> {
    let file = DORA_FILE;
    let Some(src) = files.get(file) else {
        problems.push(Problem::new(
            file,
            0,
            "missing: the DORA metrics and clusters",
        ));
        return None;
    };
    let raw: RawDora = parse_toml(file, src, problems)?;
    let before = problems.len();
    let model = DoraModel {
        default_year: raw.default_year,
        note: raw.note,
        metrics: raw.metric,
        years: raw.year,
    };
    let mut ids = HashSet::new();
    for m in &model.metrics {
        if !ids.insert(m.id.as_str()) {
            problems.push(Problem::new(
                file,
                0,
                format!("duplicate DORA metric `{}`", m.id),
            ));
        }
    }
    if model.year(model.default_year).is_none() {
        problems.push(Problem::new(
            file,
            0,
            format!("default_year {} has no cluster table", model.default_year),
        ));
    }
    for year in &model.years {
        for cluster in &year.clusters {
            for (metric_id, value) in &cluster.values {
                let ok = match (model.metric(metric_id).map(|m| &m.kind), value) {
                    (Some(MetricKind::Bucket { buckets }), ClusterValue::Bucket(b)) => {
                        buckets.iter().any(|x| &x.id == b)
                    }
                    (Some(MetricKind::Percent), ClusterValue::Percent(p)) => {
                        (0.0..=100.0).contains(p)
                    }
                    _ => false,
                };
                if !ok {
                    problems.push(Problem::new(
                        file,
                        0,
                        format!("{} cluster {}: value for `{metric_id}` is not a known metric, bucket or percentage", year.year, cluster.name),
                    ));
                }
            }
        }
    }
    (problems.len() == before).then_some(model)
}

fn parse_actions(
    files: &Files,
    q: &Questionnaire,
    dora: &DoraModel,
    chapters: &HashSet<String>,
    problems: &mut Vec<Problem>,
) -> Vec<Action> {
    let paths: Vec<&str> = files
        .paths()
        .filter(|p| p.starts_with(RECOMMENDATIONS_DIR) && p.ends_with(".toml"))
        .collect();
    if paths.is_empty() {
        problems.push(Problem::new(
            RECOMMENDATIONS_DIR,
            0,
            "missing: no recommendation files",
        ));
    }
    let mut actions = Vec::new();
    let mut ids = HashSet::new();
    let mut coverage: BTreeMap<(String, u8), usize> = BTreeMap::new();
    // (replaced id, by action, file, line)
    let mut replaced: Vec<(String, String, String, usize)> = Vec::new();
    for path in paths {
        let Some(src) = files.get(path) else { continue };
        let Some(raw) = parse_toml::<RawActions>(path, src, problems) else {
            continue;
        };
        for a in raw.action {
            let id = a.id.get_ref().clone();
            let mut report = |m: String| problem(problems, path, src, a.id.span(), m);
            if !is_kebab_id(&id) {
                report(format!("action id `{id}` must be lowercase-kebab"));
            }
            if !ids.insert(id.clone()) {
                report(format!("duplicate action id `{id}`"));
            }
            if q.dimension(&a.dimension).is_none() {
                report(format!(
                    "action `{id}` names unknown dimension `{}`",
                    a.dimension
                ));
            }
            if !(1..=4).contains(&a.from_level) {
                report(format!(
                    "action `{id}` has from_level {}; steps start at levels 1 to 4",
                    a.from_level
                ));
            }
            let mut keys = HashSet::new();
            for metric in &a.dora {
                if dora.metric(metric).is_none() {
                    report(format!(
                        "action `{id}` names unknown DORA metric `{metric}`"
                    ));
                }
                if !keys.insert(metric) {
                    report(format!("action `{id}` names DORA metric `{metric}` twice"));
                }
            }
            // DORA's rework rate counts unplanned deployments that fix a defect users saw; an
            // action that names it says so, which keeps "building the wrong feature" out.
            if a.dora.iter().any(|m| m == REWORK_RATE)
                && !a.why.to_lowercase().contains("unplanned")
            {
                report(format!(
                    "action `{id}` names `{REWORK_RATE}` but its why does not say how it cuts unplanned deployments that fix a defect users saw, which is what DORA's rework rate counts"
                ));
            }
            let title_chars = a.title.chars().count();
            if title_chars > MAX_TITLE {
                report(format!(
                    "action `{id}` has a title of {title_chars} characters; at most {MAX_TITLE} fit a plan"
                ));
            }
            let texts = [("why", &a.why), ("impact", &a.impact)]
                .into_iter()
                .chain(a.first_steps.iter().map(|s| ("first step", s)));
            for (what, text) in texts {
                let n = text.chars().count();
                if n > MAX_TEXT {
                    report(format!(
                        "action `{id}` has a {what} of {n} characters; at most {MAX_TEXT} fit a plan"
                    ));
                }
            }
            if a.first_steps.is_empty() || a.first_steps.iter().any(|s| s.trim().is_empty()) {
                report(format!(
                    "action `{id}` needs at least one non-empty first step"
                ));
            }
            if [&a.title, &a.why, &a.impact]
                .iter()
                .any(|t| t.trim().is_empty())
            {
                report(format!("action `{id}` has an empty title, why or impact"));
            }
            if !chapters.contains(&a.chapter) {
                report(format!(
                    "action `{id}` points to unknown chapter `{}`",
                    a.chapter
                ));
            }
            let anchors =
                check_anchors(&id, &a.dimension, a.from_level, &a.anchors, q, &mut report);
            for old in &a.replaces {
                if !is_kebab_id(old) {
                    report(format!(
                        "action `{id}` replaces `{old}`, which is not an action id (lowercase-kebab)"
                    ));
                }
            }
            let line = line_of(src, a.id.span().start);
            for old in &a.replaces {
                replaced.push((old.clone(), id.clone(), path.to_string(), line));
            }
            *coverage
                .entry((a.dimension.clone(), a.from_level))
                .or_default() += 1;
            actions.push(Action {
                id,
                dimension: a.dimension,
                from_level: a.from_level,
                title: a.title,
                why: a.why,
                dora: a.dora,
                first_steps: a.first_steps,
                effort: a.effort,
                impact: a.impact,
                chapter: a.chapter,
                anchors,
                replaces: a.replaces,
            });
        }
    }
    check_replaced(&replaced, &ids, problems);
    for d in &q.dimensions {
        for from in 1..=4u8 {
            let n = coverage.get(&(d.id.clone(), from)).copied().unwrap_or(0);
            if n < MIN_ACTIONS_PER_STEP {
                problems.push(Problem::new(
                    RECOMMENDATIONS_DIR,
                    0,
                    format!("dimension `{}` has {n} actions for level {from} → {}; at least {MIN_ACTIONS_PER_STEP} are needed", d.id, from + 1),
                ));
            }
        }
    }
    actions
}

/// The anchors an action cites: each `question-id:level` names a question of the action's own
/// dimension, and the level is the one the action's step reaches, `from_level + 1`. An action
/// cites at least one. The rule keeps each action at the step the questionnaire's own anchors put
/// it: a practice the questionnaire places at level 4 is advice for 3 → 4, not for 4 → 5.
/// Problems go to `report` (which names the file, line and action); the well-formed citations
/// are returned.
fn check_anchors(
    id: &str,
    dimension: &str,
    from_level: u8,
    cited: &[String],
    q: &Questionnaire,
    report: &mut impl FnMut(String),
) -> Vec<AnchorRef> {
    let to = from_level + 1;
    if cited.is_empty() {
        report(format!(
            "action `{id}` cites no anchor: name the level-{to} anchors of `{dimension}` it helps reach, as anchors = [\"{dimension}-1:{to}\"]"
        ));
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for text in cited {
        let Some(anchor) = AnchorRef::parse(text) else {
            report(format!(
                "action `{id}` cites `{text}`; an anchor is written question-id:level, as `{dimension}-1:{to}`"
            ));
            continue;
        };
        if !seen.insert(anchor.clone()) {
            report(format!("action `{id}` cites `{anchor}` twice"));
            continue;
        }
        match q.question(&anchor.question) {
            None => report(format!(
                "action `{id}` cites `{anchor}`, but there is no question `{}`",
                anchor.question
            )),
            Some(question) if question.dimension != dimension => report(format!(
                "action `{id}` is for dimension `{dimension}` but cites `{anchor}`, a question of `{}`",
                question.dimension
            )),
            Some(_) if !(1..=5).contains(&anchor.level) => report(format!(
                "action `{id}` cites `{anchor}`; anchors are levels 1 to 5"
            )),
            Some(_) if (1..=4).contains(&from_level) && anchor.level != to => {
                let level = anchor.level;
                let instead = if level == 1 {
                    "no step leads to level 1".to_string()
                } else {
                    format!("or move the action to {} → {level}", level - 1)
                };
                report(format!(
                    "action `{id}` is for level {from_level} → {to} but cites `{anchor}`, a level-{level} anchor: cite the level-{to} anchors it helps reach, {instead}"
                ))
            }
            Some(_) => out.push(anchor),
        }
    }
    out
}

/// An id in `replaces` is gone from the content (else two actions would claim it) and is taken
/// over by one action only.
fn check_replaced(
    replaced: &[(String, String, String, usize)],
    ids: &HashSet<String>,
    problems: &mut Vec<Problem>,
) {
    let mut by: BTreeMap<&str, &str> = BTreeMap::new();
    for (old, action, file, line) in replaced {
        if ids.contains(old) {
            problems.push(Problem::new(
                file,
                *line,
                format!("action `{action}` replaces `{old}`, which is still an action: remove one of them"),
            ));
        }
        if let Some(first) = by.insert(old, action) {
            problems.push(Problem::new(
                file,
                *line,
                format!("`{old}` is replaced by both `{first}` and `{action}`; one action takes it over"),
            ));
        }
    }
}

fn parse_key(files: &Files, q: &Questionnaire, problems: &mut Vec<Problem>) -> Vec<KeyAnswer> {
    let file = KEY_FILE;
    let Some(src) = files.get(file) else {
        problems.push(Problem::new(file, 0, "missing: the EJ Airways answer key"));
        return Vec::new();
    };
    let Some(raw) = parse_toml::<RawKey>(file, src, problems) else {
        return Vec::new();
    };
    if raw.questionnaire != q.id || raw.version != q.version {
        problems.push(Problem::new(
            file,
            1,
            format!(
                "the key is for {} {}, the questionnaire is {} {}",
                raw.questionnaire, raw.version, q.id, q.version
            ),
        ));
    }
    let mut seen = HashSet::new();
    let mut key = Vec::new();
    for a in raw.answer {
        let id = a.question.get_ref().clone();
        if q.question(&id).is_none() {
            problem(
                problems,
                file,
                src,
                a.question.span(),
                format!("answer for unknown question `{id}`"),
            );
        }
        if !seen.insert(id.clone()) {
            problem(
                problems,
                file,
                src,
                a.question.span(),
                format!("second answer for question `{id}`"),
            );
        }
        if !(1..=5).contains(&a.level) {
            problem(
                problems,
                file,
                src,
                a.question.span(),
                format!("level {} for `{id}` is not 1 to 5", a.level),
            );
        }
        if a.reason.trim().is_empty() {
            problem(
                problems,
                file,
                src,
                a.question.span(),
                format!("answer for `{id}` gives no reason"),
            );
        }
        key.push(KeyAnswer {
            question: id,
            level: a.level,
            reason: a.reason,
        });
    }
    for question in &q.questions {
        if !seen.contains(&question.id) {
            problems.push(Problem::new(
                file,
                0,
                format!("no answer for question `{}`", question.id),
            ));
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One dimension, `flow`, with questions flow-1 … flow-4.
    fn questionnaire() -> Questionnaire {
        Questionnaire {
            id: "mini".into(),
            version: "1.0.0".into(),
            title: "Mini".into(),
            levels: Vec::new(),
            dimensions: vec![Dimension {
                id: "flow".into(),
                kind: DimensionKind::Principle,
                name: "Flow".into(),
                description: String::new(),
                weight: 1.0,
                chapter: None,
                leadership: false,
            }],
            questions: (1..=4)
                .map(|i| Question {
                    id: format!("flow-{i}"),
                    dimension: "flow".into(),
                    text: format!("Question {i}"),
                    anchors: ["a".into(), "b".into(), "c".into(), "d".into(), "e".into()],
                    quick: false,
                })
                .collect(),
            quick_scan: false,
        }
    }

    /// The quick scan's rule: when questions are marked, every dimension has one or two of
    /// them, and there are at most 24; no marked question, no quick scan and no problem.
    #[test]
    fn the_quick_scan_covers_every_dimension_with_one_or_two_questions() {
        let problems = |counts: &[(&'static str, usize)]| {
            let map: BTreeMap<&str, usize> = counts.iter().copied().collect();
            let mut problems = Vec::new();
            check_quick_scan(QUESTIONNAIRE_FILE, &map, &mut problems);
            problems.iter().map(ToString::to_string).collect::<Vec<_>>()
        };
        assert_eq!(problems(&[("flow", 0), ("care", 0)]), Vec::<String>::new());
        assert_eq!(problems(&[("flow", 1), ("care", 2)]), Vec::<String>::new());
        let missing = problems(&[("flow", 1), ("care", 0)]);
        assert_eq!(missing.len(), 1, "{missing:?}");
        assert!(
            missing[0].contains("the quick scan has 0 questions of dimension `care`; it needs one or two of every dimension"),
            "{missing:?}"
        );
        let three = problems(&[("flow", 3), ("care", 1)]);
        assert!(
            three[0].contains("3 questions of dimension `flow`"),
            "{three:?}"
        );
        let dims: Vec<(&'static str, usize)> = [
            "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m",
        ]
        .into_iter()
        .map(|d| (d, 2))
        .collect();
        let long = problems(&dims);
        assert_eq!(long.len(), 1, "{long:?}");
        assert!(
            long[0].contains("the quick scan has 26 questions; at most 24"),
            "{long:?}"
        );
    }

    fn answer(question: &str, level: u8, reason: &str) -> String {
        format!("\n[[answer]]\nquestion = \"{question}\"\nlevel = {level}\nreason = \"{reason}\"\n")
    }

    /// Parses `answers` as the key's body; returns the key and every problem as text.
    fn check(answers: &[String]) -> (Vec<KeyAnswer>, Vec<String>) {
        let src = format!(
            "questionnaire = \"mini\"\nversion = \"1.0.0\"\n{}",
            answers.concat()
        );
        let files = Files::from_pairs([(KEY_FILE, src)]);
        let mut problems = Vec::new();
        let key = parse_key(&files, &questionnaire(), &mut problems);
        (key, problems.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn a_complete_key_has_no_problems() {
        let (key, problems) = check(
            &(1..=4)
                .map(|i| answer(&format!("flow-{i}"), 2, "The figures: 13 deployments."))
                .collect::<Vec<_>>(),
        );
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(key.len(), 4, "one answer per question");
        assert_eq!(key[0].level, 2);
    }

    #[test]
    fn every_problem_in_the_key_is_reported_with_its_line() {
        let (_, problems) = check(&[
            answer("flow-1", 2, "The figures: 13 deployments."),
            answer("flow-2", 6, "The people: Daniel Osei."),
            answer("flow-3", 0, "   "),
            answer("flow-9", 3, "How work is organised."),
            answer("flow-1", 2, "Twice."),
        ]);
        assert_eq!(
            problems,
            [
                "assessment/ej-airways-key.toml:10: level 6 for `flow-2` is not 1 to 5",
                "assessment/ej-airways-key.toml:15: level 0 for `flow-3` is not 1 to 5",
                "assessment/ej-airways-key.toml:15: answer for `flow-3` gives no reason",
                "assessment/ej-airways-key.toml:20: answer for unknown question `flow-9`",
                "assessment/ej-airways-key.toml:25: second answer for question `flow-1`",
                "assessment/ej-airways-key.toml: no answer for question `flow-4`",
            ],
            "a level outside 1–5, an empty reason, an unknown question, a duplicate and a \
             missing question are each a problem"
        );
    }

    #[test]
    fn a_key_for_another_questionnaire_or_without_a_reason_is_refused() {
        let files = Files::from_pairs([(
            KEY_FILE,
            "questionnaire = \"other\"\nversion = \"2.0.0\"\n\n[[answer]]\nquestion = \"flow-1\"\nlevel = 2\n",
        )]);
        let mut problems = Vec::new();
        parse_key(&files, &questionnaire(), &mut problems);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].message.contains("reason"),
            "a missing reason is a parse error naming the field: {}",
            problems[0]
        );

        let files = Files::from_pairs([(
            KEY_FILE,
            format!(
                "questionnaire = \"other\"\nversion = \"2.0.0\"\n{}",
                (1..=4)
                    .map(|i| answer(&format!("flow-{i}"), 1, "The airline."))
                    .collect::<String>()
            ),
        )]);
        let mut problems = Vec::new();
        parse_key(&files, &questionnaire(), &mut problems);
        assert_eq!(
            problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["assessment/ej-airways-key.toml:1: the key is for other 2.0.0, the questionnaire is mini 1.0.0"]
        );

        let mut problems = Vec::new();
        parse_key(&Files::default(), &questionnaire(), &mut problems);
        assert_eq!(
            problems[0].to_string(),
            "assessment/ej-airways-key.toml: missing: the EJ Airways answer key"
        );
    }
}
