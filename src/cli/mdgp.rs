//! `xuncha mdgp FILE`: the Maximally Diverse Grouping Problem on the planner's core.

use super::{at_least_one, at_least_one_usize, positive_seconds, thread_pool};
use std::path::PathBuf;

/// `mdgp`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The instance file.
    file: PathBuf,
    /// Stop after this many seconds (default: a fixed budget of moves).
    #[arg(long, value_parser = positive_seconds)]
    time_limit: Option<f64>,
    /// Moves per search (reproducible); default 2,000,000 unless --time-limit.
    #[arg(long, value_parser = at_least_one)]
    iterations: Option<u64>,
    /// Seed of the search.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Threads (default: all cores). The result does not depend on it.
    #[arg(long, value_parser = at_least_one_usize)]
    threads: Option<usize>,
    /// Independent searches run in parallel (give as many as threads
    /// with --time-limit: they share the clock).
    #[arg(long, default_value_t = 2, value_parser = at_least_one_usize)]
    searches: usize,
    /// Write the solution here: line i holds the group (0-based) of element i.
    #[arg(long)]
    out: Option<PathBuf>,
}

/// Prints the objective; exit 0.
pub fn run(a: Args) -> anyhow::Result<u8> {
    thread_pool(a.threads)?.install(|| {
        run_mdgp(
            &a.file,
            a.time_limit,
            a.iterations,
            a.seed,
            a.searches,
            a.out.as_deref(),
        )
    })
}

/// Moves per search of `mdgp` when neither a budget nor a time limit is given.
const MDGP_DEFAULT_MOVES: u64 = 2_000_000;

fn run_mdgp(
    file: &std::path::Path,
    time_limit: Option<f64>,
    iterations: Option<u64>,
    seed: u64,
    searches: usize,
    out: Option<&std::path::Path>,
) -> anyhow::Result<u8> {
    let started = std::time::Instant::now();
    let inst = crate::mdgp::read_instance(file)?;
    let budget = crate::solve::Budget::since(
        started,
        iterations.or(time_limit.is_none().then_some(MDGP_DEFAULT_MOVES)),
        time_limit.map(std::time::Duration::from_secs_f64),
    );
    let (found, objective, moves) =
        crate::mdgp::solve(&inst, searches, seed, &budget, &Default::default());
    outln!("{objective:.3}");
    errln!(
        "n {} · m {} · seed {seed} · {searches} searches · {moves} moves · {:.2} s",
        inst.n,
        inst.m,
        started.elapsed().as_secs_f64()
    );
    if let Some(out) = out {
        let mut text = String::with_capacity(4 * inst.n);
        for g in &found.solution {
            text.push_str(&g.to_string());
            text.push('\n');
        }
        crate::io::workbook::write_atomic(out, text.as_bytes())
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", out.display()))?;
    }
    Ok(0)
}
