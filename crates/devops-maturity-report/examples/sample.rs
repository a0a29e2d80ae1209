//! Writes the sample team's reports (the test fixture: three respondents, two earlier
//! assessments, a twelve-action plan) and the leadership overview with the demo teams to a
//! folder, as PDF (A4 and Letter) and HTML, and prints how long the team PDF takes to render;
//! then the same team report with Arabic, Hebrew, Chinese, Japanese and emoji text.
//!
//! `cargo run --release -p devops-maturity-report --example sample -- OUT_DIR`
//! (used by `scripts/bench-pdf-vs-chromium`, and to look at the pages).

#[path = "../tests/it/fixture.rs"]
mod fixture;

use std::path::PathBuf;
use std::time::Instant;

use devops_maturity_report::assemble::{self, Names, Sources};
use devops_maturity_report::{html, pdf, write_atomically, Paper};
use devops_maturity_store::Store;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(std::env::args().nth(1).ok_or("usage: sample OUT_DIR")?);
    std::fs::create_dir_all(&out)?;
    let mut store = Store::open_in_memory()?;
    let content = fixture::content();
    let f = fixture::build(&mut store, &content);
    let sources = Sources {
        dora: &content.dora,
        actions: &content.actions,
        names: Names::Hidden,
    };
    let report = assemble::team_report(&store, sources, f.assessment, fixture::now())?;
    for (paper, name) in [(Paper::A4, "team-a4"), (Paper::Letter, "team-letter")] {
        write_atomically(
            &out.join(format!("{name}.pdf")),
            &pdf::team_report(&report, paper)?.bytes,
        )?;
        write_atomically(
            &out.join(format!("{name}.html")),
            html::team_report(&report, paper).as_bytes(),
        )?;
    }
    // Render time of the A4 team report: the median of 21 runs after one warm-up.
    let mut times = Vec::new();
    for _ in 0..22 {
        let t = Instant::now();
        std::hint::black_box(pdf::team_report(&report, Paper::A4)?);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.remove(0);
    times.sort_by(f64::total_cmp);
    println!("team-pdf-ms {:.2}", times[times.len() / 2]);

    // The same report with text in other scripts (Arabic and Hebrew team name, Chinese,
    // Japanese and emoji in evidence and plan notes), which takes installed fonts.
    let mut scripts = report.clone();
    scripts.team = "فريق المنصة צוות התשתית".into();
    scripts.appendix[0].questions[0].answers[0].evidence =
        Some("平台团队每周发布. ひらがなとカタカナと漢字. 🚀🎯".into());
    scripts.plan.items[0].notes = Some("日本語のメモ 🚀 Cafe\u{301}".into());
    // The first render also finds the installed fonts and reads the ones it needs.
    let t = Instant::now();
    let pdf = pdf::team_report(&scripts, Paper::A4)?;
    println!(
        "team-scripts-first-pdf-ms {:.2}",
        t.elapsed().as_secs_f64() * 1000.0
    );
    write_atomically(&out.join("team-scripts-a4.pdf"), &pdf.bytes)?;
    let mut times = Vec::new();
    for _ in 0..22 {
        let t = Instant::now();
        std::hint::black_box(pdf::team_report(&scripts, Paper::A4)?);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.remove(0);
    times.sort_by(f64::total_cmp);
    println!("team-scripts-pdf-ms {:.2}", times[times.len() / 2]);

    devops_maturity_store::demo::create_demo(
        &mut store,
        &content.questionnaire,
        &content.dora,
        fixture::now(),
    )?;
    let leadership =
        assemble::leadership_report(&store, sources, &Default::default(), fixture::now())?;
    for (paper, name) in [
        (Paper::A4, "leadership-a4"),
        (Paper::Letter, "leadership-letter"),
    ] {
        write_atomically(
            &out.join(format!("{name}.pdf")),
            &pdf::leadership_report(&leadership, paper)?.bytes,
        )?;
    }
    write_atomically(
        &out.join("leadership-a4.html"),
        html::leadership_report(&leadership, Paper::A4).as_bytes(),
    )?;
    Ok(())
}
