//! The organisation at scale: builds TEAMS teams in GROUPS groups, each with ASSESSMENTS
//! quarterly completed assessments of RESPONDENTS people (the real questionnaire, deterministic
//! answers), then times the roll-up and the summary PDF and prints peak memory. Writes the
//! summary PDF to OUT (default `organisation-summary.pdf`) so it can be looked at.
//!
//! With `ORG_DB=PATH` the database is kept there (`scripts/bench-organisation` opens it in the
//! app to time the Organisation page).
//!
//! ```sh
//! cargo run --release -p devops-maturity-report --example organisation -- 500 25 8 5 out.pdf
//! cargo run --release -p devops-maturity-report --example organisation -- 200 10 4 5 out.pdf
//! ```

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use devops_maturity_core::dora::{DoraAnswer, MetricKind};
use devops_maturity_core::scoring::Choices;
use devops_maturity_core::{Answer, Respondent};
use devops_maturity_report::assemble::{self, LeadershipOptions, Names, Sources};
use devops_maturity_report::{pdf, Paper};
use devops_maturity_store::assessments::NewAssessment;
use devops_maturity_store::Store;

/// SplitMix64: the same figures on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU time of this thread so far, in ms (`/proc/thread-self/schedstat`: nanoseconds on the
/// CPU first): on a busy machine wall time mostly measures waiting for a core.
fn cpu_ms() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(f64::NAN, |ns| ns as f64 / 1e6)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg =
        |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let (teams, groups, assessments, respondents) = (arg(0, 500), arg(1, 25), arg(2, 8), arg(3, 5));
    let out = args
        .get(4)
        .cloned()
        .unwrap_or_else(|| "organisation-summary.pdf".into());
    let content = devops_maturity_content::load_embedded()
        .map_err(|p| format!("the built-in content has problems:\n{p}"))?
        .assessment;
    let q = &content.questionnaire;
    // ORG_DB=PATH keeps the database (a new file) for the app's Organisation page bench.
    let dir = tempfile::tempdir()?;
    let path = match std::env::var_os("ORG_DB") {
        Some(p) if std::path::Path::new(&p).exists() => {
            return Err(format!("ORG_DB {} exists: give a new file", p.to_string_lossy()).into())
        }
        Some(p) => std::path::PathBuf::from(p),
        None => dir.path().join("org.db"),
    };
    let mut store = Store::open(&path)?;
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
    let mut rng = Rng(16);

    let started = Instant::now();
    store.in_transaction(|store| {
        store.set_group_word("value stream")?;
        let group_ids: Vec<i64> = (1..=groups)
            .map(|g| {
                store
                    .create_group(&format!("Value stream {g}"), now)
                    .map(|g| g.id)
            })
            .collect::<Result<_, _>>()?;
        for t in 1..=teams {
            let team = store.create_team(&format!("Team {t}"), now)?;
            if !group_ids.is_empty() {
                store.move_team(team.id, Some(group_ids[(t - 1) % group_ids.len()]), now)?;
            }
            // A team's own level, a drift per quarter, and whether it sets targets.
            let base = 1 + rng.below(4) as i64;
            let drift = rng.below(3) as i64 - 1;
            let targets = rng.below(2) == 0;
            // Some teams stopped assessing a while ago (coverage).
            let stopped = rng.below(10) == 0;
            for a in 0..assessments {
                let quarters_ago = (assessments - 1 - a) as i64 + i64::from(stopped) * 3;
                let when = now - Duration::days(91 * quarters_ago + rng.below(20) as i64);
                let level = |rng: &mut Rng| {
                    let step = (a as i64 * drift) / 3;
                    (base + step + rng.below(3) as i64 - 1).clamp(1, 5) as u8
                };
                let people: Vec<Respondent> = (0..respondents)
                    .map(|r| Respondent {
                        name: format!("Person {r}"),
                        role: None,
                        answers: q
                            .questions
                            .iter()
                            .map(|x| {
                                let answer = if rng.below(12) == 0 {
                                    Answer::DontKnow
                                } else {
                                    Answer::Level(level(&mut rng))
                                };
                                (x.id.clone(), answer)
                            })
                            .collect(),
                        evidence: BTreeMap::new(),
                    })
                    .collect();
                let mut choices = Choices::default();
                if targets {
                    for d in &q.dimensions {
                        choices.targets.insert(d.id.clone(), 3 + rng.below(2) as u8);
                    }
                }
                let dora: BTreeMap<String, DoraAnswer> = content
                    .dora
                    .metrics
                    .iter()
                    .map(|m| {
                        let answer = match &m.kind {
                            MetricKind::Bucket { buckets } => DoraAnswer::Bucket(
                                buckets[rng.below(buckets.len() as u64) as usize].id.clone(),
                            ),
                            MetricKind::Percent => DoraAnswer::Percent(rng.below(60) as f64),
                        };
                        (m.id.clone(), answer)
                    })
                    .collect();
                store.record_assessment(&NewAssessment {
                    team_id: team.id,
                    questionnaire: q,
                    respondents: &people,
                    choices: &choices,
                    dora_year: None,
                    dora: &dora,
                    facilitator: None,
                    started_at: when,
                    completed_at: when,
                })?;
            }
        }
        Ok(())
    })?;
    println!(
        "built {teams} teams in {groups} groups × {assessments} assessments × {respondents} respondents in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let sources = Sources {
        dora: &content.dora,
        actions: &content.actions,
        names: Names::Hidden,
    };
    let since = devops_maturity_core::date::iso_date("2026-06-01").expect("a day");
    let (t, c) = (Instant::now(), cpu_ms());
    let org = devops_maturity_views::organisation::organisation(
        &store,
        &content.dora,
        &Default::default(),
        since,
        6,
    )?;
    let rollup_ms = t.elapsed().as_secs_f64() * 1000.0;
    let rollup_cpu = cpu_ms() - c;
    let (t, c) = (Instant::now(), cpu_ms());
    let options = LeadershipOptions {
        summary: true,
        ..Default::default()
    };
    let report = assemble::leadership_report(&store, sources, &options, now)?;
    let build_ms = t.elapsed().as_secs_f64() * 1000.0;
    let build_cpu = cpu_ms() - c;
    let (t, c) = (Instant::now(), cpu_ms());
    let rendered = pdf::leadership_report(&report, Paper::A4)?;
    let pdf_ms = t.elapsed().as_secs_f64() * 1000.0;
    let pdf_cpu = cpu_ms() - c;
    std::fs::write(&out, &rendered.bytes)?;
    println!(
        "roll-up (read + score + roll up {} teams): {rollup_ms:.0} ms ({rollup_cpu:.0} ms on the CPU)",
        org.rollup.teams
    );
    println!(
        "summary report model (every team's report + roll-up): {build_ms:.0} ms ({build_cpu:.0} ms on the CPU)"
    );
    println!(
        "summary PDF layout and write: {pdf_ms:.0} ms ({pdf_cpu:.0} ms on the CPU, {} KB) → {out}",
        rendered.bytes.len() / 1024
    );
    if let Some(kib) = peak_kib() {
        println!("peak memory (VmHWM): {:.0} MiB", kib as f64 / 1024.0);
    }
    Ok(())
}
