//! The exact mode: the whole problem (rules 1–9 of SPEC §3, the pins, and the
//! score of SPEC §4 exactly as [`super::score`] defines it) as one MILP, solved
//! with good_lp.
//!
//! # The model
//!
//! Only possible placements get a variable, so the model stays small:
//!
//! - `x_member[p,g]` (binary) for each drawable person `p` that rules 1–3 allow
//!   in group `g` ([`Eligibility::allowed`]), and `x_leader[p,g]` (binary) when
//!   `p` is moreover in the leader pool. `p` is in `g` iff
//!   `in(p,g) = x_member + x_leader = 1`. Rules 1–3 (`post-avoidance`,
//!   `region-avoidance`, `business-avoidance`) and `unavailable` are thereby
//!   kept by the absence of variables: they count 0 constraints in
//!   [`ModelSize::per_rule`].
//! - `one-group`: `Σ_g in(p,g) ≤ 1` (with both roles of `p` in one group).
//! - `group-size`: `min ≤ Σ_p in(p,g) ≤ max` (the upper bound only where the
//!   candidates outnumber it). `leader`: `Σ_p x_leader[p,g] = leaders_per_group`.
//! - `kin-same-group`: `in(a,g) + in(b,g) ≤ 1` for each `kin` pair.
//! - `mixing-region` / `mixing-unit`: per group, the members of one region
//!   (unit) at most the cap, where the candidates outnumber it.
//! - `reciprocal`: for an ordered pair of regions (A, B) such that some person
//!   of A may join a group with a target in B *and* some person of B may join
//!   a group with a target in A, a flow indicator `y[A,B]` with
//!   `in(p,g) ≤ y[A,B]` and `y[A,B] + y[B,A] ≤ 1`. The `y` are continuous in
//!   [0, 1]: with binary `in` this is exactly rule 8 (one member from A towards
//!   B forces `y[A,B] = 1`, hence `y[B,A] = 0`), and the LP relaxation is the
//!   same as with binary `y`. Pairs with a flow possible in one direction only
//!   need nothing.
//! - `requirement`: per group and area, `Σ in(p,g) ≥ required` over the
//!   members with level ≥ 1.
//! - `pin`: the pinned variable fixed to 1 (a pin without a variable, e.g. a
//!   pin that breaks rules 1–3, makes the case infeasible).
//!
//! The objective is [`Score::total`](super::Score::total) of the plan, term by
//! term: spreads `hi − lo` with `hi ≥ T_g ≥ lo` (continuous) over the groups'
//! level sums (bounded by the least and greatest sums a group can reach) and
//! over the groups' mean rank, age and share of women (a group that may take
//! several sizes gets one binary indicator per size, `score.size`, and the
//! bounds on its mean hold for the size it has), mixing repeats `r ≥ Σ in − 1`, `0 ≤ r ≤ cap − 1` per group and
//! region (unit) where a repeat is possible (a cap of 1, e.g. the default
//! `max_same_unit`, leaves none), must-serve people left out,
//! the recency of the people used and, with a baseline, the people moved.
//! Constants (forced mixing, must-serve and moved offsets) are in the
//! objective too, so [`ExactResult::objective`] is the plan's score total. The
//! auxiliary constraints count under `score.expertise`, `score.rank`,
//! `score.age`, `score.gender` and `score.mixing` in [`ModelSize::per_rule`].
//!
//! Every constraint is named after its rule id with
//! [`Constraint::set_name`], e.g. `mixing-region[G1,R03]`; backends that keep
//! names (CPLEX, LP files) show them, microlp and HiGHS ignore them.
//!
//! # Backends
//!
//! microlp (pure Rust, the default) through good_lp supports:
//!
//! - a time limit ([`WithTimeLimit`]), checked inside microlp's simplex and
//!   branch and bound, so no extra thread is needed; [`ExactOptions::time_limit`]
//!   counts building the model too, and the backend gets what is left;
//! - a warm start ([`WithInitialSolution`]): [`ExactOptions::warm_start`] is
//!   handed over as the values of the placement variables, microlp fixes them,
//!   completes the auxiliaries with an LP and takes the result as its first
//!   incumbent; a plan that breaks a rule is silently ignored;
//! - a best bound, from which [`ExactStatus::Feasible`] gets its gap (relative
//!   to the plan's score, the objective's constant included).
//!
//! Constraint names are not passed on by microlp (nor by HiGHS). With the cargo
//! feature `highs`, HiGHS is used instead, with the same time limit and warm
//! start, gap tolerances set to 0, and no gap reported.
//!
//! # What to expect
//!
//! The LP relaxation balances the groups fractionally, so the bound on the
//! spreads is 0 and a proof of optimality mostly comes from finding a plan
//! that reaches the bound. Small cases (tens of people) are solved to
//! optimality in milliseconds to seconds; on `data/sample` (360 people, 4
//! groups) microlp finds good plans but proves nothing in minutes: give it a
//! time limit and a warm start.

mod model;
mod objective;

use super::ExactStatus;
use crate::constraints::Eligibility;
use crate::model::{Case, GroupId, PersonId, Plan, Role};
use crate::solve::score::ScoreModel;
use good_lp::{
    ProblemVariables, ResolutionError, Solution, SolutionStatus, SolverModel, Variable,
    WithInitialSolution, WithTimeLimit,
};
use model::{build, Milp};
use serde::Serialize;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// Options of an exact solve.
#[derive(Debug, Clone, Default)]
pub struct ExactOptions {
    /// Stop after this long (from the call of [`solve_exact`], building the
    /// model included) with the best plan so far ([`ExactStatus::Feasible`])
    /// or none ([`ExactStatus::TimedOut`]).
    pub time_limit: Option<Duration>,
    /// A plan to start from (e.g. the heuristic's). Advisory: a plan that
    /// breaks a rule is ignored by the backend.
    pub warm_start: Option<Plan>,
}

/// What an exact solve produced.
#[derive(Debug, Clone)]
pub struct ExactResult {
    /// The plan, when one was found.
    pub plan: Option<Plan>,
    /// How the solve ended.
    pub status: ExactStatus,
    /// The MILP objective of the plan: its score total (see [`super::Score::total`]).
    pub objective: Option<f64>,
    /// The backend: `microlp` or `highs`.
    pub backend: &'static str,
    /// The size of the model.
    pub model_size: ModelSize,
}

/// The size of an exact model.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ModelSize {
    /// Variables (binary placements and continuous auxiliaries).
    pub variables: usize,
    /// Constraints.
    pub constraints: usize,
    /// Constraints per rule id (SPEC §3) or score term (`score.…`). Rules kept
    /// by the absence of variables (1–3, `unavailable`) are listed with 0.
    pub per_rule: BTreeMap<&'static str, usize>,
}

/// The backend this build uses.
#[cfg(not(feature = "highs"))]
pub const BACKEND: &str = "microlp";
/// The backend this build uses.
#[cfg(feature = "highs")]
pub const BACKEND: &str = "highs";

/// The variables' values for a warm start from `plan` (placements only; the
/// backend completes the auxiliaries).
fn warm_values(m: &Milp, plan: &Plan) -> Vec<(Variable, f64)> {
    let mut role: BTreeMap<(PersonId, GroupId), Role> = BTreeMap::new();
    for pg in &plan.groups {
        for &p in &pg.members {
            role.insert((p, pg.group), Role::Member);
        }
        for &p in &pg.deputies {
            role.insert((p, pg.group), Role::Deputy);
        }
        for &p in &pg.leaders {
            role.insert((p, pg.group), Role::Leader);
        }
    }
    let mut out = Vec::with_capacity(m.slots.len() * 2);
    for s in &m.slots {
        let r = role.get(&(s.p, s.g));
        out.push((s.member, (r == Some(&Role::Member)) as u8 as f64));
        if let Some(l) = s.leader {
            out.push((l, (r == Some(&Role::Leader)) as u8 as f64));
        }
        if let Some(d) = s.deputy {
            out.push((d, (r == Some(&Role::Deputy)) as u8 as f64));
        }
    }
    for (g, z) in m.sizes.iter().enumerate() {
        let n = plan.groups[g].members.len() as u32;
        for &(s, v) in z.iter().flatten() {
            if let Some(v) = v {
                out.push((v, (s == n) as u8 as f64));
            }
        }
    }
    out
}

/// What the backend returned, backend-independent.
enum Raw {
    /// Values of the slots' (member, leader, deputy) variables, objective, status.
    Solved(Vec<(f64, f64, f64)>, f64, ExactStatus),
    Infeasible,
    /// No plan: the time limit, or a backend failure.
    NoPlan,
}

/// Adds the constraints, the time limit and the warm start to `model`, solves,
/// and reads the placements. `bound` reads a time-limited solution's best
/// proven bound on the objective less its constant (good_lp does not hand the
/// constant to the backend), if the backend reports one.
fn run<M>(
    mut model: M,
    m: Milp,
    opts: &ExactOptions,
    bound: impl FnOnce(M::Solution) -> Option<f64>,
) -> Raw
where
    M: SolverModel<Error = ResolutionError> + WithTimeLimit + WithInitialSolution,
{
    let warm = opts.warm_start.as_ref().map(|p| warm_values(&m, p));
    for c in m.constraints {
        model.add_constraint(c);
    }
    if let Some(t) = opts.time_limit {
        model = model.with_time_limit(t.as_secs_f64());
    }
    if let Some(w) = warm {
        model = model.with_initial_solution(w);
    }
    match model.solve() {
        Ok(sol) => {
            let values = m
                .slots
                .iter()
                .map(|s| {
                    let value = |v: Option<Variable>| v.map_or(0.0, |v| sol.value(v));
                    (sol.value(s.member), value(s.leader), value(s.deputy))
                })
                .collect();
            let objective = m.objective.eval_with(&sol);
            let status = match sol.status() {
                SolutionStatus::Optimal => ExactStatus::Optimal,
                SolutionStatus::TimeLimit | SolutionStatus::GapLimit => ExactStatus::Feasible {
                    gap_percent: bound(sol).map(|b| {
                        // the constant: the objective with every variable at 0
                        let bound = b + m.objective.eval_with(&Zero);
                        let gap = (objective - bound) / objective.abs().max(1e-9);
                        (100.0 * gap).clamp(0.0, 100.0)
                    }),
                },
            };
            Raw::Solved(values, objective, status)
        }
        Err(ResolutionError::Infeasible) => Raw::Infeasible,
        // a time limit before any plan (microlp: `Other`), or a backend failure
        Err(_) => Raw::NoPlan,
    }
}

/// Every variable at 0.
struct Zero;

impl Solution for Zero {
    fn status(&self) -> SolutionStatus {
        SolutionStatus::Optimal
    }

    fn value(&self, _: Variable) -> f64 {
        0.0
    }
}

#[cfg(not(feature = "highs"))]
fn solve_backend(mut m: Milp, opts: &ExactOptions) -> Raw {
    let vars = std::mem::replace(&mut m.vars, ProblemVariables::new());
    let model = vars.minimise(m.objective.clone()).using(good_lp::microlp);
    run(model, m, opts, |sol| sol.into_inner().stats().best_bound)
}

#[cfg(feature = "highs")]
fn solve_backend(mut m: Milp, opts: &ExactOptions) -> Raw {
    let vars = std::mem::replace(&mut m.vars, ProblemVariables::new());
    // exact optimality, as with microlp (HiGHS stops at a 0.01 % gap by default)
    let model = vars
        .minimise(m.objective.clone())
        .using(good_lp::highs)
        .set_option("mip_rel_gap", 0.0)
        .set_option("mip_abs_gap", 0.0);
    run(model, m, opts, |_| None)
}

/// Solves `case` exactly: the plan of least [`super::Score::total`] under rules
/// 1–9 and the pins, or a proof that none exists.
///
/// With a time limit the result is the best plan found
/// ([`ExactStatus::Feasible`], with microlp's relative gap) or none
/// ([`ExactStatus::TimedOut`]). A backend failure (numerical trouble) is also
/// reported as `TimedOut`, without a plan. `opts.warm_start` seeds the
/// backend's incumbent when the plan keeps every rule, else it is ignored.
pub fn solve_exact(
    case: &Case,
    elig: &Eligibility,
    model: &ScoreModel,
    opts: &ExactOptions,
) -> ExactResult {
    let started = Instant::now();
    let m = build(case, elig, model);
    let model_size = m.size.clone();
    let result = |plan, status, objective| ExactResult {
        plan,
        status,
        objective,
        backend: BACKEND,
        model_size: model_size.clone(),
    };
    if m.infeasible {
        return result(None, ExactStatus::Infeasible, None);
    }
    if m.slots.is_empty() {
        // nothing to place (no groups, or groups that need nobody)
        let plan = Plan::empty(case);
        let total = super::evaluate(case, model, &plan).total(model);
        return result(Some(plan), ExactStatus::Optimal, Some(total));
    }
    // the time limit counts from the call: building the model is in it
    let left = opts.time_limit.map(|t| t.saturating_sub(started.elapsed()));
    if left == Some(Duration::ZERO) {
        return result(None, ExactStatus::TimedOut, None);
    }
    let opts = ExactOptions {
        time_limit: left,
        warm_start: opts.warm_start.clone(),
    };
    let slots = m.slots.clone();
    match solve_backend(m, &opts) {
        Raw::Solved(values, objective, status) => {
            let mut plan = Plan::empty(case);
            for (s, &(member, leader, deputy)) in slots.iter().zip(&values) {
                let pg = &mut plan.groups[s.g.ix()];
                if leader > 0.5 {
                    pg.leaders.push(s.p);
                    pg.members.push(s.p);
                } else if deputy > 0.5 {
                    pg.deputies.push(s.p);
                    pg.members.push(s.p);
                } else if member > 0.5 {
                    pg.members.push(s.p);
                }
            }
            for pg in &mut plan.groups {
                pg.leaders.sort_unstable();
                pg.deputies.sort_unstable();
                pg.members.sort_unstable();
            }
            result(Some(plan), status, Some(objective))
        }
        Raw::Infeasible => result(None, ExactStatus::Infeasible, None),
        Raw::NoPlan => result(None, ExactStatus::TimedOut, None),
    }
}
