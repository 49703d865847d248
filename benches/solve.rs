//! The solver: move throughput per thread, the gain of a second thread, the
//! first rule-abiding plan on generated pools of 5,000 and 100,000 people,
//! a whole default solve of the sample and a budgeted one of 100,000 people,
//! the start (construction) alone, one move proposed and taken back (the
//! planner's and the MDGP's), all on the same engine.
//!
//! `cargo bench --bench solve`. Moves per second = moves / time; the
//! two-thread ratio = 2 × (time of 1 search on 1 thread) / (time of 2
//! searches on 2 threads), same moves per search.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use xuncha::constraints::Eligibility;
use xuncha::gen::{synthetic_case, GenOptions};
use xuncha::model::Case;
use xuncha::solve::{plan_heuristic, ScoreModel, SolveOptions};

fn pool(n: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build()
        .expect("a thread pool")
}

/// One solve with the given searches and moves per search.
fn solve(case: &Case, elig: &Eligibility, model: &ScoreModel, searches: usize, moves: u64) -> f64 {
    let opts = SolveOptions {
        iterations: Some(moves),
        searches,
        ..SolveOptions::default()
    };
    let o = plan_heuristic(case, elig, model, &opts, false, None).expect("a plan");
    o.score.total(model)
}

fn first_plan(case: &Case) -> f64 {
    let elig = Eligibility::build(case);
    let model = ScoreModel::new(case, &elig, None);
    let opts = SolveOptions {
        iterations: Some(10_000_000),
        searches: 1,
        first_feasible: true,
        ..SolveOptions::default()
    };
    let o = plan_heuristic(case, &elig, &model, &opts, false, None).expect("a plan");
    o.score.total(&model)
}

fn bench_solve(c: &mut Criterion) {
    let one = pool(1);
    let two = pool(2);
    let sample = xuncha::io::load_case("data/sample".as_ref()).expect("the sample loads");
    let s_elig = Eligibility::build(&sample);
    let s_model = ScoreModel::new(&sample, &s_elig, None);
    let mid = synthetic_case(&GenOptions::new(5_000, 150, 1));
    let m_elig = Eligibility::build(&mid);
    let m_model = ScoreModel::new(&mid, &m_elig, None);

    let mut g = c.benchmark_group("moves");
    g.sample_size(10);
    for (name, case, elig, model) in [
        ("sample", &sample, &s_elig, &s_model),
        ("5k x 150", &mid, &m_elig, &m_model),
    ] {
        g.bench_function(format!("{name}: 1 search x 200k moves, 1 thread"), |b| {
            b.iter(|| one.install(|| solve(black_box(case), elig, model, 1, 200_000)))
        });
        g.bench_function(format!("{name}: 2 searches x 200k moves, 2 threads"), |b| {
            b.iter(|| two.install(|| solve(black_box(case), elig, model, 2, 200_000)))
        });
    }
    g.finish();

    c.bench_function("plan/sample, default budget, all threads", |b| {
        b.iter(|| {
            let opts = SolveOptions::default();
            plan_heuristic(black_box(&sample), &s_elig, &s_model, &opts, false, None)
                .expect("a plan")
        })
    });

    let mut g = c.benchmark_group("first plan");
    g.sample_size(10);
    g.bench_function("5k people x 150 groups", |b| {
        b.iter(|| first_plan(black_box(&mid)))
    });
    let big = synthetic_case(&GenOptions::new(100_000, 3_000, 1));
    g.bench_function("100k people x 3000 groups (table, report, start)", |b| {
        b.iter(|| first_plan(black_box(&big)))
    });
    g.finish();
}

/// The start alone (pins, leaders by matching, scarce areas, the rest) and
/// one move proposed and taken back, on the sample and on 5,000 people.
fn bench_parts(c: &mut Criterion) {
    use xuncha::solve::engine::Search;
    use xuncha::solve::heuristic::{construct, PlanSearch};
    use xuncha::solve::state::{Ctx, State};
    let sample = xuncha::io::load_case("data/sample".as_ref()).expect("the sample loads");
    let mid = synthetic_case(&GenOptions::new(5_000, 150, 1));
    let mut g = c.benchmark_group("parts");
    for (name, case) in [("sample", &sample), ("5k x 150", &mid)] {
        let elig = Eligibility::build(case);
        let model = ScoreModel::new(case, &elig, None);
        let ctx = Ctx::new(case, &elig, &model, vec![true; case.round.groups.len()]);
        g.bench_function(format!("{name}: construction"), |b| {
            let mut rng = xuncha::solve::engine::rng_for(1, 0);
            b.iter(|| {
                let mut s = State::new(&ctx);
                construct(&mut s, &mut rng);
                black_box(s.cost())
            })
        });
        let mut rng = xuncha::solve::engine::rng_for(1, 0);
        let mut s = State::new(&ctx);
        construct(&mut s, &mut rng);
        let mut search = PlanSearch::new(s);
        g.bench_function(format!("{name}: 1000 moves proposed and taken back"), |b| {
            b.iter(|| {
                for _ in 0..1000 {
                    if let Some((m, cost)) = search.propose(&mut rng) {
                        black_box(cost);
                        search.reject(m);
                    }
                }
            })
        });
    }
    // the MDGP on a random instance of n = 240, m = 12
    let n = 240;
    let mut text = format!("{n} 12 ss{}\n", " 20 20".repeat(12));
    let mut rng = xuncha::solve::engine::rng_for(3, 0);
    for i in 0..n {
        for j in i + 1..n {
            use rand::RngExt;
            text.push_str(&format!("{i} {j} {:.3}\n", rng.random_range(0.0..100.0)));
        }
    }
    let inst = xuncha::mdgp::parse_instance(&text, "random").expect("a valid instance");
    let start = xuncha::mdgp::MdgpSearch::random_start(&inst, &mut rng);
    let mut search = xuncha::mdgp::MdgpSearch::new(&inst, start);
    g.bench_function("mdgp n240: 1000 moves priced", |b| {
        b.iter(|| {
            for _ in 0..1000 {
                if let Some((m, cost)) = search.propose(&mut rng) {
                    black_box(cost);
                    search.reject(m);
                }
            }
        })
    });
    g.finish();

    let big = synthetic_case(&GenOptions::new(100_000, 3_000, 1));
    let elig = Eligibility::build(&big);
    let model = ScoreModel::new(&big, &elig, None);
    let mut g = c.benchmark_group("whole solve");
    g.sample_size(10);
    g.bench_function("100k people x 3000 groups: 2 searches x 50k moves", |b| {
        b.iter(|| solve(black_box(&big), &elig, &model, 2, 50_000))
    });
    g.finish();
}

criterion_group!(benches, bench_solve, bench_parts);
criterion_main!(benches);
