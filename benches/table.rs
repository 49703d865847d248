//! The solver's benchmark table, as pasted into notes: `cargo bench --bench table`.
//!
//! 1. the sample: the optimum proven by the exact mode, and how soon the
//!    heuristic reaches it;
//! 2. 50 random small cases (≤ 120 people, ≤ 6 groups): how often the
//!    heuristic equals the proven optimum, each within 1 s;
//! 3. growth from 1,000 to 100,000 people (one child process per size, for
//!    its peak memory): time to the first rule-abiding plan and to a plan
//!    after a fixed budget;
//! 4. moves per second per thread, and the speed-up of a second thread.
//!
//! Environment: `XUNCHA_TABLE_QUICK=1` for a short run (fewer cases and
//! sizes), `XUNCHA_EXACT_LIMIT` (seconds, default 120) per exact solve,
//! `XUNCHA_SMALL_MOVES` (moves per search on the small cases, default
//! 250,000, within 1 s), `XUNCHA_TABLE_SECTIONS` (e.g. `3,4`: only those);
//! `XUNCHA_SMALL_DUMP=DIR` writes the 50 small cases as case directories
//! (for `benches/cpsat/table.py --small`) and does nothing else.

use std::time::{Duration, Instant};
use xuncha::constraints::Eligibility;
use xuncha::gen::{synthetic_case, GenOptions};
use xuncha::model::Case;
use xuncha::solve::exact::{solve_exact, ExactOptions};
use xuncha::solve::{plan_heuristic, ExactStatus, ScoreModel, SolveOptions};

fn env_or<T: std::str::FromStr>(key: &str, default: T) -> T {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

struct Run {
    total: f64,
    secs: f64,
}

fn heuristic(
    case: &Case,
    elig: &Eligibility,
    model: &ScoreModel,
    opts: &SolveOptions,
) -> Option<Run> {
    let t = Instant::now();
    let o = plan_heuristic(case, elig, model, opts, false, None).ok()?;
    Some(Run {
        total: o.score.total(model),
        secs: t.elapsed().as_secs_f64(),
    })
}

fn exact(
    case: &Case,
    elig: &Eligibility,
    model: &ScoreModel,
    limit: f64,
) -> (ExactStatus, Option<f64>, f64) {
    let t = Instant::now();
    let r = solve_exact(
        case,
        elig,
        model,
        &ExactOptions {
            time_limit: Some(Duration::from_secs_f64(limit)),
            warm_start: None,
        },
    );
    (r.status, r.objective, t.elapsed().as_secs_f64())
}

/// The budgets tried, moves per search (4 searches).
const BUDGETS: [u64; 9] = [
    10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 2_000_000, 4_000_000,
];

/// Seeds per budget.
const SEEDS: u64 = 5;

fn sample_section(limit: f64) {
    println!("## 1. The sample (data/sample: 360 people, 4 groups)\n");
    let case = xuncha::io::load_case("data/sample".as_ref()).expect("the sample loads");
    let elig = Eligibility::build(&case);
    let model = ScoreModel::new(&case, &elig, None);
    // the exact solve, seeded with a long heuristic run's plan
    let long = plan_heuristic(
        &case,
        &elig,
        &model,
        &SolveOptions {
            iterations: Some(4_000_000),
            ..SolveOptions::default()
        },
        false,
        None,
    )
    .expect("a plan");
    let t = Instant::now();
    let r = solve_exact(
        &case,
        &elig,
        &model,
        &ExactOptions {
            time_limit: Some(Duration::from_secs_f64(limit)),
            warm_start: Some(long.plan.clone()),
        },
    );
    let secs = t.elapsed().as_secs_f64();
    let optimum = match (r.status, r.objective) {
        (ExactStatus::Optimal, Some(o)) => Some(o),
        // every term is at least 0: a plan of score 0 is optimal
        (_, Some(o)) if o.abs() <= 1e-9 => Some(0.0),
        _ if long.score.total(&model).abs() <= 1e-9 => Some(0.0),
        _ => None,
    };
    println!(
        "exact ({}), warm-started with the plan of 4 searches × 4M moves (score {:.4}): {:?}, objective {:?}, {secs:.1} s; optimum {}\n",
        xuncha::solve::exact::BACKEND,
        long.score.total(&model),
        r.status,
        r.objective,
        optimum.map_or("not proven".to_string(), |o| format!("{o:.4}"))
    );
    println!("| moves per search (4 searches) | score, seeds 1–{SEEDS}: mean | best | median time | seeds reaching the optimum |");
    println!("|---:|---:|---:|---:|---:|");
    for &b in &BUDGETS {
        let runs: Vec<Run> = (1..=SEEDS)
            .filter_map(|seed| {
                let opts = SolveOptions {
                    iterations: Some(b),
                    seed,
                    ..SolveOptions::default()
                };
                heuristic(&case, &elig, &model, &opts)
            })
            .collect();
        let mean = runs.iter().map(|r| r.total).sum::<f64>() / runs.len() as f64;
        let best = runs.iter().map(|r| r.total).fold(f64::INFINITY, f64::min);
        let hits = match optimum {
            Some(o) => format!(
                "{} of {}",
                runs.iter().filter(|r| (r.total - o).abs() <= 1e-6).count(),
                runs.len()
            ),
            None => "?".into(),
        };
        println!(
            "| {b} | {mean:.3} | {best:.3} | {:.3} s | {hits} |",
            median(runs.iter().map(|r| r.secs).collect())
        );
    }
    println!();
}

/// A small random case: 40–120 people, 2–6 groups, some made tight.
fn small_case(i: u64) -> Case {
    let people = 40 + (i * 37 % 81) as usize;
    let groups = 2 + (i % 5) as usize;
    let mut case = synthetic_case(&GenOptions::new(people, groups, 1000 + i));
    if i.is_multiple_of(3) {
        // fewer leaders and auditors
        let audit = case
            .round
            .areas
            .iter()
            .position(|a| a.key == "audit")
            .expect("audit");
        let (mut l, mut a) = (0, 0);
        for p in &mut case.people {
            if p.leader {
                l += 1;
                p.leader = l <= groups * 2;
            }
            if p.levels[audit] > 0 {
                a += 1;
                if a > groups * 2 {
                    p.levels[audit] = 0;
                }
            }
        }
    }
    case
}

fn small_section(n: u64, limit: f64) {
    println!("## 2. {n} random small cases (40–120 people, 2–6 groups; every third with few leaders and auditors)\n");
    println!("| case | people | groups | exact | optimum | exact time | heuristic | heuristic time | equal |");
    println!("|---:|---:|---:|---|---:|---:|---:|---:|:---:|");
    let (mut proven, mut equal, mut infeasible_both, mut lahc_equal) = (0, 0, 0, 0);
    let mut h_times = Vec::new();
    for i in 0..n {
        let case = small_case(i);
        let elig = Eligibility::build(&case);
        let model = ScoreModel::new(&case, &elig, None);
        let (status, obj, esecs) = exact(&case, &elig, &model, limit);
        let opts = SolveOptions {
            iterations: Some(env_or("XUNCHA_SMALL_MOVES", 250_000)),
            time_limit: Some(Duration::from_secs(1)),
            ..SolveOptions::default()
        };
        let h = heuristic(&case, &elig, &model, &opts);
        let lahc = heuristic(
            &case,
            &elig,
            &model,
            &SolveOptions {
                acceptance: xuncha::solve::engine::Acceptance::LateAcceptance(500),
                ..opts.clone()
            },
        );
        if let (ExactStatus::Optimal, Some(o), Some(r)) = (status, obj, &lahc) {
            if (r.total - o).abs() <= 1e-6 {
                lahc_equal += 1;
            }
        }
        let (hs, ht) = match &h {
            Some(r) => (format!("{:.4}", r.total), format!("{:.3} s", r.secs)),
            None => ("no plan".into(), "-".into()),
        };
        if let Some(r) = &h {
            h_times.push(r.secs);
        }
        let eq = match (status, obj, &h) {
            (ExactStatus::Optimal, Some(o), Some(r)) => {
                proven += 1;
                if (r.total - o).abs() <= 1e-6 {
                    equal += 1;
                    "yes"
                } else {
                    "no"
                }
            }
            (ExactStatus::Infeasible, _, None) => {
                infeasible_both += 1;
                "both infeasible"
            }
            (ExactStatus::Optimal, _, None) => {
                proven += 1;
                "no (none found)"
            }
            _ => "?",
        };
        println!(
            "| {i} | {} | {} | {status:?} | {} | {esecs:.2} s | {hs} | {ht} | {eq} |",
            case.people.len(),
            case.round.groups.len(),
            obj.map(|o| format!("{o:.4}")).unwrap_or("-".into())
        );
    }
    println!(
        "\nheuristic equals the proven optimum on {equal} of {proven} cases proven optimal ({:.1} %); \
         {infeasible_both} infeasible for both; heuristic time median {:.3} s, max {:.3} s\n",
        100.0 * equal as f64 / proven.max(1) as f64,
        if h_times.is_empty() { 0.0 } else { median(h_times.clone()) },
        h_times.iter().cloned().fold(0.0, f64::max)
    );
    println!(
        "with late acceptance (history 500) instead of annealing, same budget: {lahc_equal} of {proven}\n"
    );
}

/// In a child process: generate, then time the first plan and a budgeted plan; print one row.
fn child(people: usize, groups: usize) {
    let t = Instant::now();
    let case = synthetic_case(&GenOptions::new(people, groups, 1));
    let gen = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let elig = Eligibility::build(&case);
    let model = ScoreModel::new(&case, &elig, None);
    let first = SolveOptions {
        iterations: Some(100_000_000),
        searches: 1,
        first_feasible: true,
        ..SolveOptions::default()
    };
    let f = plan_heuristic(&case, &elig, &model, &first, false, None).expect("a plan");
    let first_secs = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let budget = SolveOptions {
        iterations: Some(200_000),
        searches: 2,
        ..SolveOptions::default()
    };
    let b = plan_heuristic(&case, &elig, &model, &budget, false, None).expect("a plan");
    let budget_secs = t.elapsed().as_secs_f64() + (first_secs - f.elapsed.as_secs_f64()).max(0.0);
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let peak = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|k| k.parse::<f64>().ok())
        .map(|k| format!("{:.0} MiB", k / 1024.0))
        .unwrap_or("?".into());
    println!(
        "| {people} | {groups} | {gen:.2} s | {first_secs:.3} s | {:.1} | {budget_secs:.2} s | {:.1} | {peak} |",
        f.score.total(&model),
        b.score.total(&model)
    );
}

fn scaling_section(sizes: &[usize]) {
    println!("## 3. Growth with the pool (generated, groups = people / 33, 2 threads)\n");
    println!("| people | groups | generate | first plan (table + report + start) | its score | 2 searches × 200k moves | score | peak memory |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    let exe = std::env::current_exe().expect("own path");
    for &n in sizes {
        let out = std::process::Command::new(&exe)
            .env("XUNCHA_TABLE_CHILD", format!("{n},{}", (n / 33).max(2)))
            .output()
            .expect("the child runs");
        print!("{}", String::from_utf8_lossy(&out.stdout));
    }
    println!();
}

fn moves_section() {
    println!("## 4. Moves per second per thread, and two threads\n");
    println!("| case | 1 search, 1 thread: moves/s | 2 searches, 2 threads: moves/s | ratio |");
    println!("|---|---:|---:|---:|");
    let sample = xuncha::io::load_case("data/sample".as_ref()).expect("the sample loads");
    let mid = synthetic_case(&GenOptions::new(5_000, 150, 1));
    for (name, case) in [("sample", &sample), ("5k x 150", &mid)] {
        let elig = Eligibility::build(case);
        let model = ScoreModel::new(case, &elig, None);
        let moves = 300_000u64;
        let time = |threads: usize, searches: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("pool");
            let opts = SolveOptions {
                iterations: Some(moves),
                searches,
                ..SolveOptions::default()
            };
            median(
                (0..5)
                    .map(|_| {
                        pool.install(|| {
                            // time the search alone: subtract the set-up (a zero-move solve)
                            let zero = SolveOptions {
                                iterations: Some(1),
                                ..opts.clone()
                            };
                            let setup = heuristic(case, &elig, &model, &zero).expect("a plan").secs;
                            heuristic(case, &elig, &model, &opts).expect("a plan").secs - setup
                        })
                    })
                    .collect(),
            )
        };
        let t1 = time(1, 1);
        let t2 = time(2, 2);
        let (r1, r2) = (moves as f64 / t1, 2.0 * moves as f64 / t2);
        println!("| {name} | {:.0} | {:.0} | {:.2} |", r1, r2, r2 / r1);
    }
    println!();
}

fn main() {
    if let Ok(dir) = std::env::var("XUNCHA_SMALL_DUMP") {
        // the small cases as case directories, for the CP-SAT peer (benches/cpsat)
        for i in 0..50 {
            let path = std::path::Path::new(&dir).join(format!("small-{i:02}"));
            xuncha::io::write_case::write_case_dir(&small_case(i), &path).expect("written");
        }
        return;
    }
    if let Ok(arg) = std::env::var("XUNCHA_TABLE_CHILD") {
        let (p, g) = arg.split_once(',').expect("people,groups");
        child(p.parse().expect("people"), g.parse().expect("groups"));
        return;
    }
    // cargo bench passes --bench; nothing else is taken
    let quick = std::env::var("XUNCHA_TABLE_QUICK").is_ok();
    let limit: f64 = env_or("XUNCHA_EXACT_LIMIT", 120.0);
    println!(
        "# xuncha solver benchmarks ({} threads available)\n",
        rayon::current_num_threads()
    );
    // XUNCHA_TABLE_SECTIONS=3,4 runs only those sections
    let sections: Vec<u32> = std::env::var("XUNCHA_TABLE_SECTIONS")
        .map(|v| v.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|_| vec![1, 2, 3, 4]);
    if sections.contains(&1) {
        sample_section(limit);
    }
    if sections.contains(&2) {
        small_section(if quick { 10 } else { 50 }, limit);
    }
    if sections.contains(&3) {
        let sizes: &[usize] = if quick {
            &[1_000, 5_000, 20_000]
        } else {
            &[1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000]
        };
        scaling_section(sizes);
    }
    if sections.contains(&4) {
        moves_section();
    }
}
