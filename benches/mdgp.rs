//! The MDGP benchmark: every instance of `../shared/bench/mdgp` at the time
//! limits of the state of the art (TPSDP, Yang et al. 2022: 3 s for n = 120,
//! 20 s for n = 240), on 2 threads; instance, best known value, found, gap %,
//! and the mean gap per class. `cargo bench --bench mdgp`.
//!
//! Environment: `XUNCHA_MDGP_DIR` (default `../shared/bench/mdgp`),
//! `XUNCHA_MDGP_SCALE` (multiplies the time limits, e.g. 0.1 for a quick run),
//! `XUNCHA_MDGP_SEED` (default 1), `XUNCHA_MDGP_COOLING` (final temperature
//! as a share of the initial one), `XUNCHA_MDGP_ONLY` (instances whose name
//! contains it).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use xuncha::mdgp::{read_instance, solve};
use xuncha::solve::engine::{Schedule, DEFAULT_COOLING};
use xuncha::solve::Budget;

fn main() {
    let dir = PathBuf::from(
        std::env::var("XUNCHA_MDGP_DIR").unwrap_or_else(|_| "../shared/bench/mdgp".into()),
    );
    let scale: f64 = std::env::var("XUNCHA_MDGP_SCALE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1.0);
    let seed: u64 = std::env::var("XUNCHA_MDGP_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let cooling: f64 = std::env::var("XUNCHA_MDGP_COOLING")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_COOLING);
    let only = std::env::var("XUNCHA_MDGP_ONLY").unwrap_or_default();
    let Ok(bks_text) = std::fs::read_to_string(dir.join("bks.csv")) else {
        eprintln!("no {}: nothing to run", dir.join("bks.csv").display());
        return;
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("a pool of 2 threads");
    println!("# MDGP: 2 threads, seed {seed}, time limits × {scale}, cooling {cooling}\n");
    println!("| instance | bks | found | gap % | time |");
    println!("|---|---:|---:|---:|---:|");
    let mut per_class: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for line in bks_text.lines().skip(1) {
        let Some((name, bks)) = line.split_once(',') else {
            continue;
        };
        if !name.contains(&only) {
            continue;
        }
        let bks: f64 = bks.trim().parse().expect("a number in bks.csv");
        let path = dir.join("instances").join(format!("{name}.txt"));
        let inst = read_instance(&path).expect("the instance reads");
        let limit = if inst.n <= 120 { 3.0 } else { 20.0 } * scale;
        let t = Instant::now();
        let budget = Budget::new(None, Some(Duration::from_secs_f64(limit)));
        let schedule = Schedule {
            cooling,
            ..Schedule::default()
        };
        let (best, found, _) = pool.install(|| solve(&inst, 2, seed, &budget, &schedule));
        let recount = recount(&path, &best.solution);
        assert!(
            (recount - found).abs() <= 1e-6 * found.abs().max(1.0),
            "{name}: the solution recounted from the file gives {recount}, the search {found}"
        );
        let gap = 100.0 * (bks - found) / bks;
        println!(
            "| {name} | {bks:.3} | {found:.3} | {gap:.3} | {:.1} s |",
            t.elapsed().as_secs_f64()
        );
        let class = name.rsplit_once('_').map_or(name, |(c, _)| c).to_string();
        per_class.entry(class).or_default().push(gap);
    }
    println!("\n| class | instances | mean gap % |");
    println!("|---|---:|---:|");
    let mut all = Vec::new();
    for (class, gaps) in &per_class {
        println!(
            "| {class} | {} | {:.3} |",
            gaps.len(),
            gaps.iter().sum::<f64>() / gaps.len() as f64
        );
        all.extend(gaps);
    }
    if !all.is_empty() {
        println!(
            "| all | {} | {:.3} |",
            all.len(),
            all.iter().sum::<f64>() / all.len() as f64
        );
    }
}

/// The objective of `group` summed straight from the file's lines, apart
/// from the reader and the search (a result above the best known value is
/// believed only if this agrees), after checking the group sizes.
fn recount(path: &std::path::Path, group: &[u32]) -> f64 {
    let text = std::fs::read_to_string(path).expect("the instance reads");
    let mut lines = text.lines();
    let head: Vec<usize> = lines
        .next()
        .expect("a first line")
        .split_whitespace()
        .enumerate()
        .filter(|&(k, _)| k != 2)
        .map(|(_, w)| w.parse().expect("a number"))
        .collect();
    let (n, m) = (head[0], head[1]);
    assert_eq!(group.len(), n);
    for g in 0..m {
        let size = group.iter().filter(|&&x| x as usize == g).count();
        let (lo, hi) = (head[2 + 2 * g], head[3 + 2 * g]);
        assert!(
            (lo..=hi).contains(&size),
            "group {g}: {size} not in {lo}..={hi}"
        );
    }
    let mut f = 0.0;
    for line in lines {
        let w: Vec<&str> = line.split_whitespace().collect();
        if w.len() == 3 {
            let (i, j): (usize, usize) = (w[0].parse().unwrap(), w[1].parse().unwrap());
            if group[i] == group[j] {
                f += w[2].parse::<f64>().unwrap();
            }
        }
    }
    f
}
