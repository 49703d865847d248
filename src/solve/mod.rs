//! The solver: a parallel heuristic (several independent local searches from
//! rule-abiding starts, on rayon) and an exact MILP mode (good_lp).
//!
//! Every plan returned keeps rules 1–9; the heuristic's moves never break a
//! hard rule, and the result is checked again by [`crate::validate::check_plan`]
//! before it is handed out.

pub mod engine;
pub mod exact;
pub mod heuristic;
pub mod score;
pub mod state;

pub use score::{evaluate, Score, ScoreModel, Term};

use crate::constraints::Eligibility;
use crate::model::{Case, GroupId, PersonId, Plan};
use crate::validate::{check_plan, feasibility};
use serde::Serialize;
use std::time::Duration;

/// What a solve produced, beside the plan: enough to print, save and audit it.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The plan (in `Partial` staffing some groups may be empty).
    pub plan: Plan,
    /// Its score, term by term.
    pub score: Score,
    /// The seed.
    pub seed: u64,
    /// `heuristic` or `exact (microlp)` / `exact (highs)`.
    pub solver: String,
    /// Wall time of the solve.
    pub elapsed: Duration,
    /// Moves evaluated (heuristic) over all searches.
    pub iterations: u64,
    /// How the solve ended, in words: `best found`, `optimal`, `gap 3.1 %`, `time limit`.
    pub status: String,
    /// Drawable people left out, with why (in words).
    pub left_out: Vec<(PersonId, String)>,
    /// Groups left empty (with `--allow-partial`), with why.
    pub unstaffed: Vec<(GroupId, String)>,
}

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
    /// Wall-clock limit (anytime: the best plan when time is up).
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
    /// Share of the moves that free a few groups and staff them again
    /// (large-neighbourhood search, [`heuristic::LNS_SHARE`] by default; 0: none).
    pub lns_share: f64,
}

impl SolveOptions {
    /// The moves each search makes: `iterations`, else the default for the
    /// round when there is no time limit either; `None`: until the time limit.
    pub fn moves_per_search(&self, case: &Case) -> Option<u64> {
        self.iterations
            .or_else(|| self.time_limit.is_none().then(|| default_iterations(case)))
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
            lns_share: heuristic::LNS_SHARE,
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
    NotFound(Vec<(GroupId, String)>),
    /// As `NotFound`, and the exact solver proves that no plan exists.
    ProvenByExact(Vec<(GroupId, String)>),
}

/// The last exhaustive descent runs when placed × drawable people is at most
/// this (the sample: 7,200; 1,000 people in 30 groups: 150,000). At 2,000
/// people in 60 groups (600,000) its passes took most of a second.
const POLISH_MAX_PAIRS: usize = 200_000;

/// Seconds the exact solver gets when the heuristic finds no plan on a small round.
const EXACT_FALLBACK_SECS: u64 = 20;

/// Is the round small enough for the exact solver to settle feasibility
/// quickly (at most 20,000 eligible placements)?
fn exact_is_cheap(ctx: &state::Ctx) -> bool {
    ctx.eligible_pairs <= 20_000
}

/// Default moves per search: half a second or so on a city pool (the
/// sample: 4 × 580k moves, mean score 0.19 over five seeds at 500k against
/// 0.36 at 200k), growing with the number of groups.
pub fn default_iterations(case: &Case) -> u64 {
    let g = case.round.groups.len() as u64;
    (500_000 + 20_000 * g).min(1_000_000)
}

/// What is still missing in group `g` of a state, in words.
fn missing(st: &state::State, g: usize) -> String {
    let ctx = st.ctx;
    let mut parts = Vec::new();
    if st.n_leaders[g] < ctx.leaders {
        parts.push(format!(
            "{} leader(s) (rule leader)",
            ctx.leaders - st.n_leaders[g]
        ));
    }
    let len = st.members[g].len() as u32;
    if len < ctx.size[g].0 {
        parts.push(format!(
            "{} member(s) to reach {} (rule group-size)",
            ctx.size[g].0 - len,
            ctx.size[g].0
        ));
    }
    for (k, &r) in ctx.req.iter().enumerate() {
        let c = st.area_count(g, k);
        if c < r {
            parts.push(format!(
                "{} member(s) with {} (rule requirement)",
                r - c,
                ctx.case.round.areas[k].label
            ));
        }
    }
    parts.join(", ")
}

/// Runs the heuristic on `case`: the pre-solve report, the parallel search,
/// and the independent check of the result. `allow_partial`: staff the
/// groups that can be staffed and leave the others empty, saying why.
pub fn plan_heuristic(
    case: &Case,
    elig: &Eligibility,
    model: &ScoreModel,
    opts: &SolveOptions,
    allow_partial: bool,
    progress: Option<&engine::Progress>,
) -> Result<Outcome, NoPlan> {
    let started = std::time::Instant::now();
    let n_groups = case.round.groups.len();
    let mut active = vec![true; n_groups];
    let mut unstaffed: Vec<(GroupId, String)> = Vec::new();
    let report = feasibility::analyse(case, elig);
    if !report.ok() {
        if !allow_partial {
            return Err(NoPlan::Proven(report));
        }
        for f in &report.findings {
            for id in &f.groups {
                if let Some(g) = case.group_by_id(id) {
                    if active[g.ix()] {
                        active[g.ix()] = false;
                        let claim = crate::explain::claim_text(
                            crate::explain::Lang::En,
                            case,
                            &f.claim,
                            false,
                        );
                        unstaffed.push((g, format!("{claim} [{}]", f.rule.as_str())));
                    }
                }
            }
        }
    }
    if !active.iter().any(|&a| a) {
        // nothing can be staffed: say so per group rather than search
        if !allow_partial {
            return Err(NoPlan::Proven(report));
        }
        unstaffed.sort_by_key(|(g, _)| *g);
        let plan = Plan::empty(case);
        return Ok(Outcome {
            score: evaluate(case, model, &plan),
            left_out: left_out(case, elig, &plan),
            plan,
            seed: opts.seed,
            solver: "heuristic".into(),
            elapsed: started.elapsed(),
            iterations: 0,
            status: "no group can be staffed".into(),
            unstaffed,
        });
    }
    let ctx = state::Ctx::new(case, elig, model, active);
    let budget = engine::Budget {
        iterations: opts.moves_per_search(case),
        deadline: engine::deadline_in(opts.time_limit.map(|t| t.saturating_sub(started.elapsed()))),
        tie_weight: 0.05,
        cooling: engine::DEFAULT_COOLING,
        acceptance: opts.acceptance,
        first_feasible: opts.first_feasible,
    };
    let (found, moves) = heuristic::search(
        &ctx,
        opts.searches,
        opts.seed,
        &budget,
        progress,
        opts.start.as_ref(),
        opts.lns_share,
    );
    let interrupted = progress.is_some_and(|p| p.stop.load(std::sync::atomic::Ordering::Relaxed));
    // the state of the best placement, to polish it and read what is missing
    let mut polished =
        heuristic::PlanSearch::new(state::State::from_placement(&ctx, &found.solution));
    let mut placement = found.solution;
    // a last exhaustive descent when the neighbourhood is small
    if !opts.first_feasible
        && !interrupted
        && heuristic::polish(&mut polished, POLISH_MAX_PAIRS, 5) > 0
    {
        placement = polished.s.placement();
    }
    let st = polished.s;
    let short: Vec<usize> = (0..n_groups).filter(|&g| st.deficit_of(g) > 0).collect();
    if !short.is_empty() {
        if !allow_partial {
            let missing: Vec<(GroupId, String)> = short
                .iter()
                .map(|&g| (GroupId(g as u32), missing(&st, g)))
                .collect();
            // on a small round the exact solver settles it: a plan, or a proof there is none
            if opts.exact_fallback && exact_is_cheap(&ctx) && !interrupted {
                let limit = opts
                    .time_limit
                    .map(|t| t.saturating_sub(started.elapsed()))
                    .unwrap_or(Duration::from_secs(EXACT_FALLBACK_SECS));
                let r = exact::solve_exact(
                    case,
                    elig,
                    model,
                    &exact::ExactOptions {
                        time_limit: Some(limit),
                        warm_start: None,
                    },
                );
                match (r.status, r.plan) {
                    (ExactStatus::Infeasible, _) => return Err(NoPlan::ProvenByExact(missing)),
                    (_, Some(plan)) if check_plan(case, &plan).is_empty() => {
                        let score = evaluate(case, model, &plan);
                        return Ok(Outcome {
                            left_out: left_out(case, elig, &plan),
                            plan,
                            score,
                            seed: opts.seed,
                            solver: format!(
                                "exact ({}), after the heuristic found no plan",
                                r.backend
                            ),
                            elapsed: started.elapsed(),
                            iterations: moves,
                            status: match r.status {
                                ExactStatus::Optimal => "optimal".into(),
                                _ => "time limit".into(),
                            },
                            unstaffed,
                        });
                    }
                    _ => {}
                }
            }
            return Err(NoPlan::NotFound(missing));
        }
        for &g in &short {
            unstaffed.push((
                GroupId(g as u32),
                format!("no plan found that gives it {}", missing(&st, g)),
            ));
            for p in st.members[g].clone() {
                placement.group[p as usize] = state::OUT;
                placement.lead[p as usize] = false;
            }
        }
    }
    let plan = placement.plan(&ctx);
    let violations = if allow_partial {
        let mut v =
            crate::validate::check_with_mode(case, &plan, crate::constraints::Mode::Partial);
        v.retain(|x| x.rule != crate::model::RuleId::Pin);
        v
    } else {
        check_plan(case, &plan)
    };
    assert!(
        violations.is_empty(),
        "internal error: the search produced a plan breaking {:?}",
        violations
            .iter()
            .map(|v| v.rule.as_str())
            .collect::<Vec<_>>()
    );
    unstaffed.sort_by_key(|(g, _)| *g);
    let score = evaluate(case, model, &plan);
    let total = score.total(model);
    Ok(Outcome {
        left_out: left_out(case, elig, &plan),
        plan,
        score,
        seed: opts.seed,
        solver: "heuristic".into(),
        elapsed: started.elapsed(),
        iterations: moves,
        status: if total.abs() <= engine::EPS {
            // every term is ≥ 0, so nothing beats 0
            "optimal (0 is the least score possible)".into()
        } else if interrupted {
            "interrupted (Ctrl-C): the best plan found until then".into()
        } else if found.stopped_by_time {
            "time limit".into()
        } else {
            "best found".into()
        },
        unstaffed,
    })
}

/// Drawable people not in the plan, each with why in a few words.
pub fn left_out(case: &Case, elig: &Eligibility, plan: &Plan) -> Vec<(PersonId, String)> {
    let mut placed = vec![false; case.people.len()];
    for pg in &plan.groups {
        for &p in &pg.members {
            placed[p.ix()] = true;
        }
    }
    case.person_ids()
        .filter(|&p| case.drawable(p) && !placed[p.ix()])
        .map(|p| {
            let why = if elig.count_of(p) == 0 {
                "may join no group of this round (see explain --person)".to_string()
            } else if case.person(p).must_serve {
                "must serve, but no place kept the rules and the score better".to_string()
            } else {
                "not needed".to_string()
            };
            (p, why)
        })
        .collect()
}
