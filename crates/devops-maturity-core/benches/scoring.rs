//! Scoring 1,000 teams × 20 assessments and building the comparison data (each team's
//! overall and per-dimension series), on a questionnaire shaped like the real one (18
//! dimensions, 78 questions) with 3 respondents per assessment. Target: < 50 ms (release).

use std::collections::BTreeMap;

use criterion::{criterion_group, criterion_main, Criterion};
use devops_maturity_core::scoring::{Answer, AnswerSheet, Choices, Respondent, Scorer, Summary};
use devops_maturity_core::{Dimension, DimensionKind, Level, Question, Questionnaire};

/// One team's overall series and per-dimension series.
type Series = (Vec<Option<f64>>, Vec<Vec<Option<f64>>>);

fn questionnaire() -> Questionnaire {
    let dimensions: Vec<Dimension> = (0..18)
        .map(|d| Dimension {
            id: format!("d{d}"),
            kind: DimensionKind::Principle,
            name: format!("D{d}"),
            description: String::new(),
            weight: 1.0,
            chapter: None,
            leadership: false,
        })
        .collect();
    let questions = (0..78)
        .map(|i| Question {
            id: format!("d{}-{i}", i % 18),
            dimension: format!("d{}", i % 18),
            text: String::new(),
            anchors: Default::default(),
            quick: false,
        })
        .collect();
    Questionnaire {
        id: "q".into(),
        version: "1".into(),
        title: String::new(),
        levels: (1..=5)
            .map(|v| Level {
                value: v,
                name: String::new(),
                description: String::new(),
            })
            .collect(),
        dimensions,
        questions,
        quick_scan: false,
    }
}

fn assessments(q: &Questionnaire, teams: usize, per_team: usize) -> Vec<Vec<Vec<Respondent>>> {
    let mut seed = 7u64;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as u8
    };
    (0..teams)
        .map(|_| {
            (0..per_team)
                .map(|_| {
                    (0..3)
                        .map(|r| Respondent {
                            name: format!("R{r}"),
                            role: None,
                            answers: q
                                .questions
                                .iter()
                                .map(|qu| {
                                    let x = next() % 12;
                                    (
                                        qu.id.clone(),
                                        if x == 11 {
                                            Answer::DontKnow
                                        } else {
                                            Answer::Level(1 + x % 5)
                                        },
                                    )
                                })
                                .collect(),
                            evidence: BTreeMap::new(),
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// One team's comparison series from its assessments' summaries, oldest first.
fn series_of(summaries: &[Summary]) -> Series {
    let overall = summaries.iter().map(|s| s.overall).collect();
    let dimensions = summaries.first().map_or(0, |s| s.dimensions.len());
    let per_dimension = (0..dimensions)
        .map(|d| summaries.iter().map(|s| s.dimensions[d]).collect())
        .collect();
    (overall, per_dimension)
}

fn bench(c: &mut Criterion) {
    let q = questionnaire();
    let data = assessments(&q, 1000, 20);
    let choices = Choices::default();
    let scorer = Scorer::new(&q);
    c.bench_function(
        "full score (distributions, hot-spots, gaps) of 1000 teams x 20 assessments",
        |b| {
            b.iter(|| {
                let series: Vec<Series> = data
                    .iter()
                    .map(|team| {
                        let scores: Vec<_> = team
                            .iter()
                            .map(|respondents| scorer.score(respondents, &choices))
                            .collect();
                        let overall = scores.iter().map(|s| s.overall).collect();
                        let per_dimension = (0..q.dimensions.len())
                            .map(|d| scores.iter().map(|s| s.dimensions[d].score).collect())
                            .collect();
                        (overall, per_dimension)
                    })
                    .collect();
                std::hint::black_box(series)
            })
        },
    );
}

fn bench_summary(c: &mut Criterion) {
    let q = questionnaire();
    let data = assessments(&q, 1000, 20);
    let choices = Choices::default();
    let scorer = Scorer::new(&q);
    c.bench_function(
        "score 1000 teams x 20 assessments + comparison series",
        |b| {
            b.iter(|| {
                let series: Vec<Series> = data
                    .iter()
                    .map(|team| {
                        let summaries: Vec<_> = team
                            .iter()
                            .map(|respondents| scorer.summary(respondents, &choices))
                            .collect();
                        series_of(&summaries)
                    })
                    .collect();
                std::hint::black_box(series)
            })
        },
    );
}

/// The target: answers already indexed by question position (the form a caller loads once and
/// keeps, see `Scorer::sheet`), scored and turned into each team's comparison series.
fn bench_sheets(c: &mut Criterion) {
    let q = questionnaire();
    let data = assessments(&q, 1000, 20);
    let choices = Choices::default();
    let scorer = Scorer::new(&q);
    let sheets: Vec<Vec<Vec<AnswerSheet>>> = data
        .iter()
        .map(|team| {
            team.iter()
                .map(|respondents| respondents.iter().map(|r| scorer.sheet(r)).collect())
                .collect()
        })
        .collect();
    c.bench_function(
        "score 1000 teams x 20 assessments from answer sheets + comparison series",
        |b| {
            b.iter(|| {
                let series: Vec<Series> = sheets
                    .iter()
                    .map(|team| {
                        let summaries: Vec<_> = team
                            .iter()
                            .map(|respondents| scorer.summary_of_sheets(respondents, &choices))
                            .collect();
                        series_of(&summaries)
                    })
                    .collect();
                std::hint::black_box(series)
            })
        },
    );
    c.bench_function(
        "index 1000 teams x 20 assessments into answer sheets",
        |b| {
            b.iter(|| {
                let n: usize = data
                    .iter()
                    .flatten()
                    .flatten()
                    .map(|r| {
                        std::hint::black_box(scorer.sheet(r));
                        1
                    })
                    .sum();
                n
            })
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench_sheets, bench_summary, bench
}
criterion_main!(benches);
