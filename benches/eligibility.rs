//! Building the eligibility table: the sample case, and a province-sized
//! synthetic pool of 100,000 people and 3,000 groups of 3 targets, on one
//! thread and on all; and the pre-solve feasibility report on the latter.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use xuncha::constraints::Eligibility;
use xuncha::gen::{synthetic_case, GenOptions};

fn one_thread() -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a pool of one thread")
}

fn bench_eligibility(c: &mut Criterion) {
    let pool = one_thread();
    let sample = xuncha::io::load_case("data/sample".as_ref()).expect("the sample case loads");
    c.bench_function("eligibility/sample 360x4", |b| {
        b.iter(|| pool.install(|| Eligibility::build(black_box(&sample))))
    });
    let big = synthetic_case(&GenOptions::new(100_000, 3_000, 1));
    let mut g = c.benchmark_group("eligibility/province");
    g.sample_size(10);
    g.bench_function("100k people x 3000 groups, 1 thread", |b| {
        b.iter(|| pool.install(|| Eligibility::build(black_box(&big))))
    });
    g.bench_function("100k people x 3000 groups, all threads", |b| {
        b.iter(|| Eligibility::build(black_box(&big)))
    });
    let table = Eligibility::build(&big);
    g.bench_function("feasibility report, 100k x 3000", |b| {
        b.iter(|| xuncha::validate::feasibility::analyse(black_box(&big), black_box(&table)))
    });
    g.finish();
}

criterion_group!(benches, bench_eligibility);
criterion_main!(benches);
