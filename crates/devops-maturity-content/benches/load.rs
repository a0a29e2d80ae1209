//! How long loading and rendering the whole embedded course takes (target: under 30 ms).

use criterion::{criterion_group, criterion_main, Criterion};

fn load_embedded(c: &mut Criterion) {
    c.bench_function("load_embedded (parse + render the whole course)", |b| {
        b.iter(|| {
            let content = devops_maturity_content::load_embedded().expect("the course is valid");
            std::hint::black_box(content)
        })
    });
}

criterion_group!(benches, load_embedded);
criterion_main!(benches);
