//! The solver: a parallel heuristic (several independent local searches from
//! rule-abiding starts, on rayon) and an exact MILP mode (good_lp).
//!
//! Every plan returned keeps rules 1–9; the heuristic's moves never break a
//! hard rule, and the result is checked again by [`crate::validate::check_plan`]
//! before it is handed out.

mod budget;
pub mod engine;
pub mod exact;
#[cfg(feature = "internals")]
pub mod heuristic;
#[cfg(not(feature = "internals"))]
pub(crate) mod heuristic;
mod outcome;
mod run;
pub mod score;
#[cfg(feature = "internals")]
pub mod state;
#[cfg(not(feature = "internals"))]
pub(crate) mod state;

pub use budget::Budget;
pub use engine::{Acceptance, Progress};
pub use outcome::{left_out, Ending, LeftOut, Missing, Outcome, SolverName, Unstaffed};
pub use run::{Solver, EXACT_DEFAULT_SECS};
pub use score::{evaluate, Kept, Score, ScoreModel, Term, TermKind};

use crate::constraints::Eligibility;
use crate::model::{Case, GroupId, Plan};
use crate::validate::feasibility;
use serde::Serialize;
use std::time::Duration;

/// How the exact solve ended.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExactStatus {
    /// Proven optimal.
    Optimal,
    /// Stopped at the time limit with a plan; the gap to the best bound if known.
    Feasible {
        /// Relative gap in percent, if the backend reports a bound.
        gap_percent: Option<f64>,
    },
    /// No plan satisfies the rules.
    Infeasible,
    /// Stopped at the time limit without a plan.
    TimedOut,
}

/// Options of a solve.
#[derive(Debug, Clone)]
pub struct SolveOptions {
    /// The seed.
    pub seed: u64,
    /// Moves per search (a work budget: with it the result is reproducible).
    pub iterations: Option<u64>,
    /// Wall-clock limit of the whole solve (anytime: the best plan when
    /// time is up; see [`Solver::solve`] for what it covers).
    pub time_limit: Option<Duration>,
    /// Independent searches (run in parallel on the rayon pool).
    pub searches: usize,
    /// A plan to start from (the baseline of a re-plan): its people are
    /// placed first where the rules still allow.
    pub start: Option<Plan>,
    /// Stop at the first plan that keeps every rule (for benchmarks).
    pub first_feasible: bool,
    /// How worse moves are accepted.
    pub acceptance: engine::Acceptance,
    /// When the search cannot staff a small round, let the exact solver
    /// settle it (up to 20 s): a plan, or a proof there is none.
    pub exact_fallback: bool,
    /// Staff the groups that can be staffed and leave the others empty,
    /// saying why (`--allow-partial`).
    pub allow_partial: bool,
    /// After the heuristic, solve exactly (MILP), seeded with its plan, in
    /// what remains of `time_limit` ([`EXACT_DEFAULT_SECS`] without one):
    /// the heuristic keeps its moves (`iterations`, else the default for
    /// the round) but takes at most half of the clock (`--exact`).
    pub exact: bool,
}

impl SolveOptions {
    /// The moves each search makes: `iterations`, else the default for the
    /// round when there is no time limit either; `None`: until the time limit.
    pub fn moves_per_search(&self, case: &Case) -> Option<u64> {
        // with `exact` the heuristic keeps its moves; a clock only caps them
        self.iterations
            .or_else(|| (self.exact || self.time_limit.is_none()).then(|| default_iterations(case)))
    }
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            seed: 1,
            iterations: None,
            time_limit: None,
            searches: 4,
            start: None,
            first_feasible: false,
            acceptance: engine::Acceptance::Annealing,
            exact_fallback: true,
            allow_partial: false,
            exact: false,
        }
    }
}

/// Why no plan was returned.
#[derive(Debug, Clone)]
pub enum NoPlan {
    /// The pre-solve report proves that some group cannot be staffed.
    Proven(feasibility::Feasibility),
    /// The search found no plan keeping every rule; per group, what its best
    /// attempt still misses.
    NotFound(Vec<(GroupId, Missing)>),
    /// As `NotFound`, and the exact solver proves that no plan exists.
    ProvenByExact(Vec<(GroupId, Missing)>),
}

/// Default moves per search: half a second or so on a city pool (the
/// sample: 4 × 580k moves, mean score 0.19 over five seeds at 500k against
/// 0.36 at 200k), growing with the number of groups.
pub fn default_iterations(case: &Case) -> u64 {
    let g = case.round.groups.len() as u64;
    (500_000 + 20_000 * g).min(1_000_000)
}

/// Runs the heuristic on `case` (no exact solve): the pre-solve report, the
/// parallel search, and the independent check of the result, as
/// [`Solver::solve`] with `allow_partial` (staff the groups that can be
/// staffed and leave the others empty, saying why) and without
/// [`SolveOptions::exact`].
///
/// # Errors
///
/// [`NoPlan`], as [`Solver::solve`].
pub fn plan_heuristic(
    case: &Case,
    elig: &Eligibility,
    model: &ScoreModel,
    opts: &SolveOptions,
    allow_partial: bool,
    progress: Option<&engine::Progress>,
) -> Result<Outcome, NoPlan> {
    let opts = SolveOptions {
        allow_partial,
        exact: false,
        ..opts.clone()
    };
    Solver::new(case, elig, model)
        .with_options(opts)
        .with_progress(progress)
        .solve()
}

/// Is there a plan keeping every rule? The pre-solve report, then `searches`
/// searches (at least one) that stop at the first plan found, on a budget
/// of `iterations` moves each (default: [`default_iterations`]):
/// deterministic for a seed.
///
/// # Errors
///
/// [`NoPlan`]: proven by the report, or none found (the exact solver is
/// not asked).
pub fn first_plan(
    case: &Case,
    seed: u64,
    iterations: Option<u64>,
    searches: usize,
) -> Result<(), NoPlan> {
    let elig = Eligibility::build(case);
    let model = ScoreModel::new(case, &elig, None);
    let opts = SolveOptions {
        seed,
        iterations: Some(iterations.unwrap_or_else(|| default_iterations(case))),
        searches: searches.max(1),
        first_feasible: true,
        exact_fallback: false,
        ..SolveOptions::default()
    };
    plan_heuristic(case, &elig, &model, &opts, false, None).map(|_| ())
}
