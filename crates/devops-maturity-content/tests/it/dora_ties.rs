//! The DORA classification against the real cluster tables, over every profile a team can give:
//! each bucket of each time key, don't know, and each whole percentage of change fail rate.

use std::collections::BTreeMap;
use std::path::Path;

use devops_maturity_content::load_dir;
use devops_maturity_core::answers_file::parse_answers;
use devops_maturity_core::dora::{
    classify, verdict, ClusterValue, DoraAnswer, DoraModel, MetricKind, MIN_COMPARABLE,
};

fn real() -> devops_maturity_content::Content {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    load_dir(&root).unwrap_or_else(|p| panic!("the real content folder has problems:\n{p}"))
}

/// Every answer a metric takes: its buckets or 0..=100 %, and don't know.
fn choices(kind: &MetricKind) -> Vec<DoraAnswer> {
    let mut all: Vec<DoraAnswer> = match kind {
        MetricKind::Bucket { buckets } => buckets
            .iter()
            .map(|b| DoraAnswer::Bucket(b.id.clone()))
            .collect(),
        MetricKind::Percent => (0..=100)
            .map(|p| DoraAnswer::Percent(f64::from(p)))
            .collect(),
    };
    all.push(DoraAnswer::DontKnow);
    all
}

/// The oracle: distances in floating point, worked out independently of the crate, and the
/// clusters within 1e-9 of the least mean. Exact means differ by at least 1/(5000·16), so the
/// tolerance cannot merge two clusters that are really apart.
fn oracle(model: &DoraModel, year: u16, answers: &BTreeMap<String, DoraAnswer>) -> Vec<String> {
    let year = model.year(year).unwrap();
    let mut comparable = 0;
    let mut sums = vec![(0.0f64, 0u32); year.clusters.len()];
    for metric in &model.metrics {
        let mut counted = false;
        for (i, cluster) in year.clusters.iter().enumerate() {
            let d = match (
                &metric.kind,
                answers.get(&metric.id),
                cluster.values.get(&metric.id),
            ) {
                (
                    MetricKind::Bucket { buckets },
                    Some(DoraAnswer::Bucket(a)),
                    Some(ClusterValue::Bucket(c)),
                ) => {
                    let pos = |id: &String| buckets.iter().position(|b| &b.id == id).unwrap();
                    (pos(a) as f64 - pos(c) as f64).abs() / (buckets.len() - 1) as f64
                }
                (
                    MetricKind::Percent,
                    Some(DoraAnswer::Percent(a)),
                    Some(ClusterValue::Percent(c)),
                ) => ((a - c).abs() / 50.0).min(1.0),
                _ => continue,
            };
            sums[i].0 += d;
            sums[i].1 += 1;
            counted = true;
        }
        comparable += u32::from(counted);
    }
    if comparable < MIN_COMPARABLE {
        return Vec::new();
    }
    let means: Vec<Option<f64>> = sums
        .iter()
        .map(|(s, n)| (*n > 0).then(|| s / f64::from(*n)))
        .collect();
    let least = means
        .iter()
        .flatten()
        .copied()
        .fold(f64::INFINITY, f64::min);
    year.clusters
        .iter()
        .zip(&means)
        .filter(|(_, m)| m.is_some_and(|m| m <= least + 1e-9))
        .map(|(c, _)| c.name.clone())
        .collect()
}

/// Calls `f` with every profile of the metrics that some cluster of some year has a value for;
/// the others (rework rate has no published cluster values) are left unanswered.
fn for_every_profile(model: &DoraModel, mut f: impl FnMut(&BTreeMap<String, DoraAnswer>)) {
    let compared: Vec<_> = model
        .metrics
        .iter()
        .filter(|m| {
            model
                .years
                .iter()
                .any(|y| y.clusters.iter().any(|c| c.values.contains_key(&m.id)))
        })
        .collect();
    let options: Vec<Vec<DoraAnswer>> = compared.iter().map(|m| choices(&m.kind)).collect();
    let mut index = vec![0usize; compared.len()];
    loop {
        let answers = compared
            .iter()
            .zip(&index)
            .zip(&options)
            .map(|((m, &i), o)| (m.id.clone(), o[i].clone()))
            .collect();
        f(&answers);
        let mut k = 0;
        loop {
            if k == index.len() {
                return;
            }
            index[k] += 1;
            if index[k] < options[k].len() {
                break;
            }
            index[k] = 0;
            k += 1;
        }
    }
}

#[test]
fn every_profile_names_exactly_the_clusters_at_the_least_distance() {
    let content = real();
    let model = &content.assessment.dora;
    for year in model.years.iter().map(|y| y.year) {
        let mut reversed = model.clone();
        reversed.years.iter_mut().for_each(|y| y.clusters.reverse());
        let (mut profiles, mut ties, mut mixed) = (0u32, 0u32, 0u32);
        for_every_profile(model, |answers| {
            let c = classify(model, Some(year), answers).unwrap();
            let expected = oracle(model, year, answers);
            assert_eq!(c.nearest, expected, "{year} {answers:?}");
            assert_eq!(c.verdict, verdict(&expected), "{year} {answers:?}");
            // The cluster order decides nothing but the order the tied names are listed in.
            let mut back = classify(&reversed, Some(year), answers).unwrap().nearest;
            back.reverse();
            assert_eq!(back, c.nearest, "{year} {answers:?}: order-independent");
            assert_eq!(
                c.distances.is_empty(),
                c.answered == 0,
                "distances exactly when something was compared: {answers:?}"
            );
            if c.mixed.is_some() {
                assert!(c.answered >= 2);
                mixed += 1;
            }
            profiles += 1;
            ties += u32::from(c.nearest.len() > 1);
        });
        assert_eq!(
            profiles,
            7 * 7 * 7 * 102,
            "every bucket and percent, and don't know"
        );
        assert!(
            ties > 0 && mixed > 0,
            "{year}: the search meets ties and mixed profiles"
        );
        eprintln!("{year}: {profiles} profiles, {ties} exact ties, {mixed} mixed");
    }
}

#[test]
fn the_answers_file_example_in_the_docs_is_valid() {
    let content = real();
    let source = include_str!("../../../devops-maturity-core/src/answers_file.rs");
    let example: String = source
        .lines()
        .skip_while(|l| !l.starts_with("//! ```json"))
        .skip(1)
        .take_while(|l| !l.starts_with("//! ```"))
        .map(|l| l.trim_start_matches("//!").to_string() + "\n")
        .collect();
    assert!(example.contains("\"dora\""), "the example was found");
    let parsed = parse_answers(
        &example,
        &content.assessment.questionnaire,
        &content.assessment.dora,
    )
    .unwrap_or_else(|e| panic!("the documented example is refused: {e:?}"));
    assert_eq!(
        parsed.dora.get("deployment-frequency"),
        Some(&DoraAnswer::Bucket("weekly-to-monthly".into()))
    );
    assert_eq!(
        parsed.respondents[0].role,
        Some(devops_maturity_core::Role::Leader)
    );
}

/// A respondent's role in the answers file: optional, `practitioner` or `leader`; anything
/// else is refused at its JSON path and nothing is returned.
#[test]
fn answers_file_roles() {
    use devops_maturity_core::Role;
    let content = real();
    let (q, dora) = (&content.assessment.questionnaire, &content.assessment.dora);
    let file = |roles: &str| {
        format!(
            r#"{{"respondents": [{roles}], "dora": {{}}}}"#,
            roles = roles
        )
    };
    let parsed = parse_answers(
        &file(
            r#"{"name": "Ana", "role": "leader", "answers": {"courage-1": 3}},
               {"name": "Ben", "role": "practitioner", "answers": {"courage-1": 2}},
               {"name": "Cy", "answers": {"courage-1": 2}}"#,
        ),
        q,
        dora,
    )
    .expect("roles are optional and read");
    let roles: Vec<Option<Role>> = parsed.respondents.iter().map(|r| r.role).collect();
    assert_eq!(roles, [Some(Role::Leader), Some(Role::Practitioner), None]);

    for (role, message) in [
        (
            r#""manager""#,
            "`manager` is not a role: practitioner or leader",
        ),
        ("2", "must be text: practitioner or leader"),
    ] {
        let errors = parse_answers(
            &file(&format!(
                r#"{{"name": "Ana", "role": {role}, "answers": {{"courage-1": 3}}}}"#
            )),
            q,
            dora,
        )
        .expect_err("a wrong role is refused");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].at, "$.respondents[0].role");
        assert_eq!(errors[0].message, message);
    }
}
