//! `xuncha plan CASE`: proposes a plan, prints it, writes it.

use super::{
    at_least_one, at_least_one_usize, load, positive_seconds, thread_pool, with_progress, Format,
};
use crate::constraints::Eligibility;
use crate::explain::{self, Lang};
use crate::io::read_plan;
use std::path::PathBuf;

/// `plan`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The case: a directory of CSV files with round.toml, or an .xlsx workbook.
    case: PathBuf,
    /// Write the plan here; the format follows the extension (.csv, .json, .xlsx).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Seed of the search; the same seed and --iterations give the same plan.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Threads (default: all cores). The plan does not depend on it.
    #[arg(long, value_parser = at_least_one_usize)]
    threads: Option<usize>,
    /// Moves per search (a work budget: reproducible). Default: by the round's size.
    #[arg(long, value_parser = at_least_one)]
    iterations: Option<u64>,
    /// Stop after this many seconds with the best plan so far (not reproducible).
    #[arg(long, value_parser = positive_seconds)]
    time_limit: Option<f64>,
    /// Independent searches run in parallel.
    #[arg(long, default_value_t = 4, value_parser = at_least_one_usize)]
    searches: usize,
    /// A previous plan: moving people away from it costs `stability` per person.
    #[arg(long)]
    baseline: Option<PathBuf>,
    /// Also solve exactly (MILP) and prove the optimum or give the gap
    /// (in what is left of --time-limit, else 60 s).
    #[arg(long)]
    exact: bool,
    /// Staff the groups that can be staffed; say why the others are left empty.
    #[arg(long)]
    allow_partial: bool,
    /// No table on stdout and no progress bar; errors and the exit code only.
    #[arg(long)]
    quiet: bool,
    /// What is printed: text (the table) or json (plan.json's content; when
    /// there is no plan, why, as data).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Exit 0 with a plan, 1 when the round cannot be staffed.
pub fn run(a: Args, lang: Lang) -> anyhow::Result<u8> {
    thread_pool(a.threads)?.install(|| run_plan(a, lang))
}

fn run_plan(a: Args, lang: Lang) -> anyhow::Result<u8> {
    use crate::solve::{Progress, ScoreModel, SolveOptions, Solver};
    let case = load(lang, &a.case)?;
    if let Some(out) = &a.out {
        // refuse an unknown format before solving, not after
        crate::io::output::plan_format(out)?;
    }
    let elig = Eligibility::build(&case);
    let baseline = match &a.baseline {
        Some(path) => {
            let read = read_plan(&case, path)?;
            super::print_warnings(lang, &read.warnings);
            Some(read.plan)
        }
        None => None,
    };
    let model = ScoreModel::new(&case, &elig, baseline.as_ref());
    let opts = SolveOptions {
        seed: a.seed,
        iterations: a.iterations,
        time_limit: a.time_limit.map(std::time::Duration::from_secs_f64),
        searches: a.searches,
        start: baseline,
        allow_partial: a.allow_partial,
        exact: a.exact,
        ..SolveOptions::default()
    };
    let progress = std::sync::Arc::new(Progress::default());
    {
        // Ctrl-C: the searches stop and the best plan so far is shown and
        // written; a second Ctrl-C quits at once, writing nothing
        let p = progress.clone();
        let _ = ctrlc::set_handler(move || {
            use std::sync::atomic::Ordering;
            if p.stop.swap(true, Ordering::SeqCst) {
                errln!(
                    "\n{}",
                    crate::explain::i18n::t(lang, "cli-interrupted-again")
                );
                std::process::exit(130);
            }
            errln!("\n{}", crate::explain::i18n::t(lang, "cli-interrupted"));
        });
    }
    let total = opts
        .moves_per_search(&case)
        .map(|n| n * opts.searches as u64);
    let result = with_progress(!a.quiet, "moves", total, &progress, || {
        Solver::new(&case, &elig, &model)
            .with_options(opts.clone())
            .with_progress(Some(&*progress))
            .solve()
    });
    let outcome = match result {
        Ok(o) => o,
        Err(no) => {
            match a.format {
                Format::Json => out!(
                    "{}",
                    serde_json::to_string_pretty(&explain::no_plan_json(lang, &case, &no))?
                ),
                Format::Text => out!("{}", explain::no_plan_text(lang, &case, &no)),
            }
            return Ok(1);
        }
    };
    if a.exact && progress.stop.load(std::sync::atomic::Ordering::SeqCst) {
        errln!("{}", crate::explain::i18n::t(lang, "cli-exact-skipped"));
    }
    let meta = crate::io::output::PlanMeta {
        version: env!("CARGO_PKG_VERSION").to_string(),
        inputs_sha256: crate::io::output::digest_inputs(&a.case, &case)?,
        case: a.case.display().to_string(),
    };
    match a.format {
        _ if a.quiet => {}
        Format::Text => out!("{}", explain::plan_text(lang, &case, &model, &outcome)),
        Format::Json => out!(
            "{}",
            serde_json::to_string_pretty(&crate::io::output::plan_json(
                lang, &case, &model, &outcome, &meta
            ))?
        ),
    }
    if let Some(out) = &a.out {
        crate::print::write_plan(lang, &case, &model, &outcome, &meta, out)?;
        if !a.quiet {
            errln!(
                "{}",
                crate::explain::i18n::tr(
                    lang,
                    "cli-wrote",
                    &crate::explain::i18n::Args::new().s("out", out.display().to_string())
                )
            );
        }
    }
    Ok(0)
}
