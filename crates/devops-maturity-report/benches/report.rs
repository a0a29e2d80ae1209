//! How long a report takes. The budget (issue 5): a typical team report renders in under
//! 100 ms in release. The team is the test fixture — three respondents, 78 questions with
//! anchors and evidence, two earlier assessments, a twelve-action plan — which prints to about
//! twenty pages (more than a typical report, so the budget is checked with margin).
//!
//! `cargo bench -p devops-maturity-report --bench report`

#[path = "../tests/it/fixture.rs"]
mod fixture;

use criterion::{criterion_group, criterion_main, Criterion};
use devops_maturity_report::assemble::{self, Names, Sources};
use devops_maturity_report::{html, pdf, Paper};
use devops_maturity_store::Store;

fn bench(c: &mut Criterion) {
    let mut store = Store::open_in_memory().unwrap();
    let content = fixture::content();
    let f = fixture::build(&mut store, &content);
    let sources = Sources {
        dora: &content.dora,
        actions: &content.actions,
        names: Names::Hidden,
    };
    let report = assemble::team_report(&store, sources, f.assessment, fixture::now()).unwrap();

    c.bench_function("team report: model from the store", |b| {
        b.iter(|| assemble::team_report(&store, sources, f.assessment, fixture::now()).unwrap())
    });
    c.bench_function("team report: PDF, A4", |b| {
        b.iter(|| pdf::team_report(&report, Paper::A4).unwrap())
    });
    c.bench_function("team report: store to PDF, A4", |b| {
        b.iter(|| {
            let r = assemble::team_report(&store, sources, f.assessment, fixture::now()).unwrap();
            pdf::team_report(&r, Paper::A4).unwrap()
        })
    });
    c.bench_function("team report: HTML", |b| {
        b.iter(|| html::team_report(&report, Paper::A4))
    });

    devops_maturity_store::demo::create_demo(
        &mut store,
        &content.questionnaire,
        &content.dora,
        fixture::now(),
    )
    .unwrap();
    let leadership =
        assemble::leadership_report(&store, sources, &Default::default(), fixture::now()).unwrap();
    c.bench_function("leadership report (5 teams): PDF, A4", |b| {
        b.iter(|| pdf::leadership_report(&leadership, Paper::A4).unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
