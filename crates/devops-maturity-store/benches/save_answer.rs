//! Saving one answer, as the app does on every click: one upsert on a file database in WAL
//! mode with synchronous=FULL (durable once acknowledged). Prints p50/p90/p99/max over 2,000
//! saves. Target: p99 < 2 ms. Run: `cargo bench -p devops-maturity-store --bench save_answer`.

use std::time::Instant;

use chrono::Utc;
use devops_maturity_core::{Answer, Dimension, DimensionKind, Level, Question, Questionnaire};
use devops_maturity_store::Store;

fn questionnaire() -> Questionnaire {
    Questionnaire {
        id: "bench".into(),
        version: "1".into(),
        title: "Bench".into(),
        levels: (1..=5)
            .map(|v| Level {
                value: v,
                name: format!("L{v}"),
                description: String::new(),
            })
            .collect(),
        dimensions: vec![Dimension {
            id: "d".into(),
            kind: DimensionKind::Principle,
            name: "D".into(),
            description: String::new(),
            weight: 1.0,
            chapter: None,
            leadership: false,
        }],
        questions: (0..78)
            .map(|i| Question {
                id: format!("q{i}"),
                dimension: "d".into(),
                text: String::new(),
                anchors: Default::default(),
                quick: false,
            })
            .collect(),
        quick_scan: false,
    }
}

fn main() {
    let dir = std::env::temp_dir().join(format!("dms-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut store = Store::open(&dir.join("bench.db")).expect("open");
    let q = questionnaire();
    let team = store.create_team("Bench", Utc::now()).expect("team");
    let a = store
        .start_assessment(team.id, &q, &["R".into()], None, Utc::now())
        .expect("assessment");
    let respondent = store.assessment_data(a.id).expect("data").respondents[0].id;
    let mut times = Vec::new();
    for i in 0..2_000u32 {
        let started = Instant::now();
        store
            .save_answer(
                respondent,
                &format!("q{}", i % 78),
                Answer::Level((i % 5 + 1) as u8),
                Some("evidence"),
                Utc::now(),
            )
            .expect("save");
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let at = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!(
        "save_answer (WAL, synchronous=FULL, file on {}):",
        dir.display()
    );
    println!(
        "  n={}  p50={:.3} ms  p90={:.3} ms  p99={:.3} ms  max={:.3} ms",
        times.len(),
        at(0.5),
        at(0.9),
        at(0.99),
        times[times.len() - 1]
    );
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}
