//! `xuncha serve CASE [--plan P] [--port N] [--open]`: the review page.

use super::{load, print_warnings, with_progress};
use crate::constraints::Eligibility;
use crate::explain::{self, Lang};
use crate::io::read_plan;
use crate::model::Plan;
use crate::serve::session::{Session, Workspace};
use crate::serve::{Server, Shared};
use crate::solve::{NoPlan, Progress, ScoreModel, SolveOptions, Solver};
use std::path::PathBuf;

/// `serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The case: a directory of CSV files with round.toml, or an .xlsx workbook.
    case: PathBuf,
    /// The plan to review (plan.csv or plan.json); without it the case is
    /// planned first, as `xuncha plan` does.
    #[arg(long)]
    plan: Option<PathBuf>,
    /// The port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 8765)]
    port: u16,
    /// Open the page in the default browser.
    #[arg(long)]
    open: bool,
    /// Start over: ignore the working plan kept from an earlier review.
    #[arg(long)]
    fresh: bool,
}

/// The plan the review starts from: `--plan`, else a solve as `xuncha plan`
/// does (an empty plan, and why, when the round cannot be planned).
fn starting_plan(
    lang: Lang,
    a: &Args,
    case: &crate::model::Case,
    elig: &Eligibility,
    model: &ScoreModel,
) -> anyhow::Result<(Plan, Option<NoPlan>)> {
    if let Some(p) = &a.plan {
        let read = read_plan(case, p)?;
        print_warnings(lang, &read.warnings);
        return Ok((read.plan, None));
    }
    let opts = SolveOptions::default();
    let progress = Progress::default();
    let total = opts
        .moves_per_search(case)
        .map(|n| n * opts.searches as u64);
    let r = with_progress(true, "moves", total, &progress, || {
        Solver::new(case, elig, model)
            .with_options(opts.clone())
            .with_progress(Some(&progress))
            .solve()
    });
    Ok(match r {
        Ok(o) => (o.plan, None),
        Err(why) => (Plan::empty(case), Some(why)),
    })
}

/// Serves until stopped (Ctrl-C); exit 2 when the case cannot be read or
/// the port cannot be bound.
pub fn run(a: Args, lang: Lang) -> anyhow::Result<u8> {
    let case = load(lang, &a.case)?;
    let elig = Eligibility::build(&case);
    let model = ScoreModel::new(&case, &elig, None);
    let (plan, no_plan) = starting_plan(lang, &a, &case, &elig, &model)?;
    if let Some(why) = &no_plan {
        errln!("{}", explain::no_plan_text(lang, &case, why));
    }
    let folder = if a.case.is_dir() {
        a.case.clone()
    } else {
        match a.case.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    };
    let ws = Workspace {
        digest: crate::io::output::digest_inputs(&a.case, &case)?,
        case,
        case_path: a.case.clone(),
        folder,
        elig,
        model,
        no_plan,
    };
    let session = match (a.fresh, Session::restore(&ws)) {
        (false, Ok(Some(s))) => {
            errln!("restored the working plan of {}", ws.work_file().display());
            s
        }
        (false, Err(why)) => {
            errln!("warning: not restored: {why}");
            Session::new(plan)
        }
        _ => Session::new(plan),
    };
    if let Err(e) = session.save(&ws) {
        anyhow::bail!(
            "cannot keep the working plan in {}: {e}",
            ws.work_file().display()
        );
    }
    let server = Server::bind(Shared::new(ws, session), a.port)?;
    let url = server.url();
    outln!("xuncha serve: {url}");
    errln!("the review page is at {url} (this computer only); Ctrl-C to stop");
    if a.open {
        if let Err(e) = opener::open(&url) {
            errln!("warning: cannot open a browser ({e}); open {url} yourself");
        }
    }
    server.run();
    Ok(0)
}
