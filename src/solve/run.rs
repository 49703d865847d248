//! A whole solve, as `xuncha plan` runs it: the pre-solve report, the
//! parallel search, a last descent, the exact solver when the search finds
//! no plan on a small round, and with [`SolveOptions::exact`] the exact solve
//! seeded with the heuristic's plan in what remains of the budget. Every
//! plan is checked again by [`check_plan`] before it is handed out.
//!
//! ```
//! use xuncha::constraints::Eligibility;
//! use xuncha::solve::{ScoreModel, SolveOptions, Solver};
//!
//! let case = xuncha::io::load_case("data/tiny".as_ref()).unwrap();
//! let elig = Eligibility::build(&case);
//! let model = ScoreModel::new(&case, &elig, None);
//! let opts = SolveOptions { iterations: Some(20_000), ..SolveOptions::default() };
//! let outcome = Solver::new(&case, &elig, &model).with_options(opts).solve().unwrap();
//! assert!(xuncha::validate::check_plan(&case, &outcome.plan).is_empty());
//! ```

use super::budget::Budget;
use super::engine::{self, Progress, Schedule};
use super::exact::{self, ExactOptions};
use super::outcome::{missing, Unstaffed};
use super::state::{self, Ctx, State};
use super::{
    evaluate, heuristic, left_out, Ending, ExactStatus, NoPlan, Outcome, ScoreModel, SolveOptions,
    SolverName,
};
use crate::constraints::{Eligibility, Mode};
use crate::model::{Case, GroupId, Plan, RuleId};
use crate::validate::{check_plan, check_with_mode, feasibility};
use std::time::Duration;

/// Seconds the exact solve gets after the heuristic when there is no clock
/// (`--exact` without `--time-limit`).
pub const EXACT_DEFAULT_SECS: u64 = 60;

/// Seconds the exact solver gets when the heuristic finds no plan on a
/// small round and there is no clock.
const EXACT_FALLBACK_SECS: u64 = 20;

/// With [`SolveOptions::exact`] and a clock, the share of it the heuristic
/// may use (its moves permitting); the exact solve gets the rest.
const HEURISTIC_SHARE_BEFORE_EXACT: f64 = 0.5;

/// The last exhaustive descent runs when placed × drawable people is at most
/// this (the sample: 7,200; 1,000 people in 30 groups: 150,000). At 2,000
/// people in 60 groups (600,000) its passes took most of a second.
const POLISH_MAX_PAIRS: usize = 200_000;

/// The share of a clock kept for the last descent on a small round (50 ms
/// of a second; on the sample the descent takes 30–50 ms), at most
/// [`LAST_DESCENT_MAX`].
const LAST_DESCENT_SHARE: f64 = 0.05;

/// The most of a clock kept for the last descent.
const LAST_DESCENT_MAX: Duration = Duration::from_millis(200);

/// Pairs of exchanges the last descent tries per pass.
const PAIR_TRIES: usize = 50_000;

/// Is the round small enough that the last descent surely runs (at most
/// [`POLISH_MAX_PAIRS`] places × drawable people, counting every group at
/// its largest)? Then it gets its share of the clock.
fn last_descent_runs(ctx: &Ctx) -> bool {
    let places: usize = (0..ctx.active.len())
        .filter(|&g| ctx.active[g])
        .map(|g| ctx.size[g].1 as usize)
        .sum();
    places * ctx.pool.len() <= POLISH_MAX_PAIRS
}

/// The last descent on the search's best plan: every single move and swap
/// ([`heuristic::polish`]), then pairs of exchanges that balance the worst
/// attribute ([`heuristic::pair_descent`]), exact re-draws that give a
/// group another group's sums ([`heuristic::redraw_descent`]), then single
/// moves again. True when it improved the plan.
fn last_descent(s: &mut heuristic::PlanSearch, budget: &Budget) -> bool {
    let mut better = heuristic::polish(s, POLISH_MAX_PAIRS, 5, budget) > 0;
    let paired = heuristic::pair_descent(s, POLISH_MAX_PAIRS, PAIR_TRIES, 20, budget);
    let redrawn = heuristic::redraw_descent(s, POLISH_MAX_PAIRS, 20, budget);
    if paired + redrawn > 0 {
        heuristic::polish(s, POLISH_MAX_PAIRS, 5, budget);
        better = true;
    }
    better
}

/// Is the round small enough for the exact solver to settle feasibility
/// quickly (at most 20,000 eligible placements)?
fn exact_is_cheap(ctx: &Ctx) -> bool {
    ctx.eligible_pairs <= 20_000
}

/// A solve of one case: `Solver::new(&case, &elig, &model).with_options(opts).solve()`.
pub struct Solver<'a> {
    case: &'a Case,
    elig: &'a Eligibility,
    model: &'a ScoreModel,
    opts: SolveOptions,
    progress: Option<&'a Progress>,
}

impl<'a> Solver<'a> {
    /// A solve of `case` with the default options; `elig` and `model` are
    /// the case's eligibility table and score (built by the caller, who
    /// needs them to print and save the plan).
    pub fn new(case: &'a Case, elig: &'a Eligibility, model: &'a ScoreModel) -> Solver<'a> {
        Solver {
            case,
            elig,
            model,
            opts: SolveOptions::default(),
            progress: None,
        }
    }

    /// With these options.
    pub fn with_options(self, opts: SolveOptions) -> Solver<'a> {
        Solver { opts, ..self }
    }

    /// Reporting moves to `progress`, and stopping with the best plan so
    /// far when its stop flag is set (Ctrl-C).
    pub fn with_progress(self, progress: Option<&'a Progress>) -> Solver<'a> {
        Solver { progress, ..self }
    }

    /// Runs the solve. The budget starts now: `time_limit` bounds all of
    /// it (the search, the last descent, the exact solve and its fallback);
    /// building the eligibility table and the score's constants, done by the
    /// caller before, are outside it.
    ///
    /// # Errors
    ///
    /// [`NoPlan`] when no plan keeps every rule: proven by the pre-solve
    /// report, not found by the search (with what each group still misses),
    /// or proven by the exact solver on a small round. With
    /// [`SolveOptions::allow_partial`] the groups that cannot be staffed are
    /// left empty instead, and the error comes only when none can be.
    pub fn solve(&self) -> Result<Outcome, NoPlan> {
        let opts = &self.opts;
        let budget = Budget::new(opts.moves_per_search(self.case), opts.time_limit)
            .with_progress(self.progress);
        let searching = if opts.exact {
            budget.share(HEURISTIC_SHARE_BEFORE_EXACT)
        } else {
            budget
        };
        let outcome = self.heuristic(&searching, &budget)?;
        if !opts.exact || budget.stopped() || !outcome.unstaffed.is_empty() {
            return Ok(outcome);
        }
        Ok(self.exact_after(outcome, &budget))
    }

    /// The heuristic: the pre-solve report, the search within `searching`,
    /// the last descent, and on a small round without a plan the exact
    /// solver within what remains of `budget`.
    fn heuristic(&self, searching: &Budget, budget: &Budget) -> Result<Outcome, NoPlan> {
        let (case, opts) = (self.case, &self.opts);
        let (active, mut unstaffed) = self.staffable()?;
        if !active.iter().any(|&a| a) {
            // nothing can be staffed (allow_partial): say so per group rather than search
            return Ok(self.outcome(
                Plan::empty(case),
                budget,
                0,
                Ending::NothingStaffable,
                unstaffed,
            ));
        }
        let ctx = Ctx::new(case, self.elig, self.model, active);
        let schedule = Schedule {
            tie_weight: TIE_WEIGHT,
            acceptance: opts.acceptance,
            first_feasible: opts.first_feasible,
            ..Schedule::default()
        };
        // on a small round, keep the end of the clock for the last descent
        let finishing = !opts.first_feasible && last_descent_runs(&ctx);
        let searching = match searching.remaining() {
            Some(left) if finishing => {
                let kept = left.mul_f64(LAST_DESCENT_SHARE).min(LAST_DESCENT_MAX);
                searching.until(std::time::Instant::now() + (left - kept))
            }
            _ => *searching,
        };
        let (found, moves) = heuristic::search(
            &ctx,
            opts.searches,
            opts.seed,
            &searching,
            &schedule,
            opts.start.as_ref(),
        );
        let interrupted = budget.stopped();
        let mut polished = heuristic::PlanSearch::new(State::from_placement(&ctx, &found.solution));
        let mut placement = found.solution;
        // a last exhaustive descent when the neighbourhood is small
        if !opts.first_feasible && !interrupted && last_descent(&mut polished, budget) {
            placement = polished.s.placement();
        }
        let st = polished.s;
        let short: Vec<usize> = (0..ctx.active.len())
            .filter(|&g| st.deficit_of(g) > 0)
            .collect();
        if !short.is_empty() {
            if !opts.allow_partial {
                return self.not_found(&ctx, &st, &short, budget, moves, interrupted);
            }
            for &g in &short {
                unstaffed.push((GroupId(g as u32), Unstaffed::NotFound(missing(&st, g))));
                for p in st.members[g].clone() {
                    placement.group[p as usize] = state::OUT;
                    placement.role[p as usize] = crate::model::Role::Member;
                }
            }
        }
        let plan = placement.plan(&ctx);
        self.assert_keeps_the_rules(&plan);
        let total = evaluate(case, self.model, &plan).total(self.model);
        let status = if total.abs() <= engine::EPS {
            // every term is ≥ 0, so nothing beats 0
            Ending::ZeroScore
        } else if interrupted {
            Ending::Interrupted
        } else if found.stopped_by_time {
            Ending::TimeLimit
        } else {
            Ending::BestFound
        };
        Ok(self.outcome(plan, budget, moves, status, unstaffed))
    }

    /// The groups the search may staff, and those it may not (with
    /// `allow_partial`) with why; an error when the pre-solve report proves
    /// the round infeasible and a partial plan was not asked for.
    #[allow(clippy::type_complexity)]
    fn staffable(&self) -> Result<(Vec<bool>, Vec<(GroupId, Unstaffed)>), NoPlan> {
        let case = self.case;
        let mut active = vec![true; case.round.groups.len()];
        let mut unstaffed = Vec::new();
        let report = feasibility::analyse(case, self.elig);
        if report.ok() {
            return Ok((active, unstaffed));
        }
        if !self.opts.allow_partial {
            return Err(NoPlan::Proven(report));
        }
        for f in &report.findings {
            for id in &f.groups {
                if let Some(g) = case.group_by_id(id) {
                    if active[g.ix()] {
                        active[g.ix()] = false;
                        unstaffed.push((g, Unstaffed::Proven(Box::new(f.clone()))));
                    }
                }
            }
        }
        Ok((active, unstaffed))
    }

    /// The search found no plan: on a small round the exact solver settles
    /// it (a plan, or a proof there is none); else the error says what each
    /// short group misses.
    fn not_found(
        &self,
        ctx: &Ctx,
        st: &State,
        short: &[usize],
        budget: &Budget,
        moves: u64,
        interrupted: bool,
    ) -> Result<Outcome, NoPlan> {
        let missing: Vec<(GroupId, super::Missing)> = short
            .iter()
            .map(|&g| (GroupId(g as u32), missing(st, g)))
            .collect();
        if !self.opts.exact_fallback || !exact_is_cheap(ctx) || interrupted {
            return Err(NoPlan::NotFound(missing));
        }
        let limit = budget
            .remaining()
            .unwrap_or(Duration::from_secs(EXACT_FALLBACK_SECS));
        let r = exact::solve_exact(
            self.case,
            self.elig,
            self.model,
            &ExactOptions {
                time_limit: Some(limit),
                warm_start: None,
            },
        );
        match (r.status, r.plan) {
            (ExactStatus::Infeasible, _) => Err(NoPlan::ProvenByExact(missing)),
            (status, Some(plan)) if check_plan(self.case, &plan).is_empty() => {
                let mut o = self.outcome(
                    plan,
                    budget,
                    moves,
                    if status == ExactStatus::Optimal {
                        Ending::Optimal {
                            heuristic_excess: None,
                        }
                    } else {
                        Ending::ExactTimeLimit { gap_percent: None }
                    },
                    Vec::new(),
                );
                o.solver = SolverName::ExactFallback {
                    backend: r.backend.to_string(),
                };
                Ok(o)
            }
            _ => Err(NoPlan::NotFound(missing)),
        }
    }

    /// The exact solve after the heuristic, seeded with its plan, within
    /// what remains of `budget` ([`EXACT_DEFAULT_SECS`] without a clock);
    /// keeps the better plan and says how the exact solve ended.
    fn exact_after(&self, heuristic: Outcome, budget: &Budget) -> Outcome {
        let (case, model) = (self.case, self.model);
        let limit = budget
            .remaining()
            .unwrap_or(Duration::from_secs(EXACT_DEFAULT_SECS));
        let r = exact::solve_exact(
            case,
            self.elig,
            model,
            &ExactOptions {
                time_limit: Some(limit),
                warm_start: Some(heuristic.plan.clone()),
            },
        );
        let h_total = heuristic.score.total(model);
        let mut out = heuristic;
        let take = |out: &mut Outcome, plan: Plan| {
            if check_plan(case, &plan).is_empty() {
                out.score = evaluate(case, model, &plan);
                out.left_out = left_out(case, self.elig, &plan);
                out.plan = plan;
                true
            } else {
                false
            }
        };
        out.status = match (r.status, r.plan) {
            (ExactStatus::Optimal, Some(plan)) => {
                let total = evaluate(case, model, &plan).total(model);
                if !take(&mut out, plan) {
                    Ending::ExactBrokeRule
                } else {
                    let excess = h_total - total;
                    Ending::Optimal {
                        heuristic_excess: Some(if excess.abs() <= 1e-6 { 0.0 } else { excess }),
                    }
                }
            }
            (ExactStatus::Feasible { gap_percent }, Some(plan)) => {
                if evaluate(case, model, &plan).total(model) < h_total - 1e-9 {
                    take(&mut out, plan);
                }
                Ending::ExactTimeLimit { gap_percent }
            }
            // the heuristic's plan was checked: a backend's numerical trouble
            (ExactStatus::Infeasible, _) => Ending::ExactNoPlan,
            _ => Ending::ExactTimedOut,
        };
        out.solver = SolverName::Exact {
            backend: r.backend.to_string(),
        };
        out.elapsed = budget.elapsed();
        out
    }

    /// The outcome of `plan`, scored, with who is left out.
    fn outcome(
        &self,
        plan: Plan,
        budget: &Budget,
        iterations: u64,
        status: Ending,
        mut unstaffed: Vec<(GroupId, Unstaffed)>,
    ) -> Outcome {
        unstaffed.sort_by_key(|(g, _)| *g);
        Outcome {
            score: evaluate(self.case, self.model, &plan),
            left_out: left_out(self.case, self.elig, &plan),
            plan,
            seed: self.opts.seed,
            solver: SolverName::Heuristic,
            elapsed: budget.elapsed(),
            iterations,
            status,
            unstaffed,
        }
    }

    /// The search's plan keeps every rule (of a partial plan: but the
    /// groups left empty, and their pins); anything else is a bug.
    fn assert_keeps_the_rules(&self, plan: &Plan) {
        let violations = if self.opts.allow_partial {
            let mut v = check_with_mode(self.case, plan, Mode::Partial);
            v.retain(|x| x.rule != RuleId::Pin);
            v
        } else {
            check_plan(self.case, plan)
        };
        assert!(
            violations.is_empty(),
            "internal error: the search produced a plan breaking {:?}",
            violations
                .iter()
                .map(|v| v.rule.as_str())
                .collect::<Vec<_>>()
        );
    }
}

/// Weight of the tie-break (the groups' standard deviations) inside the
/// annealed cost of the planner.
const TIE_WEIGHT: f64 = 0.05;
