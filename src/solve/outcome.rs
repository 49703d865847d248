//! What a solve produced beside the plan, as data: which solver made it,
//! how the solve ended, who is left out and why, which groups stay empty
//! and why, and what a group still misses when no plan was found. The
//! words are made in `explain::solve` (in each language); JSON carries
//! these values (kebab-case `kind` tags) beside the rendered sentence.

use super::state::{State, OUT};
use super::ScoreModel;
use crate::constraints::Eligibility;
use crate::model::{Case, GroupId, PersonId, Plan, Role, RuleId};
use crate::validate::feasibility::Finding;
use serde::Serialize;
use std::time::Duration;

/// What a solve produced, beside the plan: enough to print, save and audit it.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The plan (in `Partial` staffing some groups may be empty).
    pub plan: Plan,
    /// Its score, term by term.
    pub score: super::Score,
    /// The seed.
    pub seed: u64,
    /// Which solver made the plan.
    pub solver: SolverName,
    /// Wall time of the solve.
    pub elapsed: Duration,
    /// Moves evaluated (heuristic) over all searches.
    pub iterations: u64,
    /// How the solve ended.
    pub status: Ending,
    /// Drawable people left out, with why.
    pub left_out: Vec<(PersonId, LeftOut)>,
    /// Groups left empty (with `--allow-partial`), with why.
    pub unstaffed: Vec<(GroupId, Unstaffed)>,
}

/// Which solver made a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum SolverName {
    /// The parallel heuristic.
    Heuristic,
    /// The exact MILP solve after the heuristic (`--exact`).
    Exact {
        /// The good_lp backend: `microlp` or `highs`.
        backend: String,
    },
    /// The exact MILP solve, because the heuristic found no plan on a small round.
    ExactFallback {
        /// The good_lp backend.
        backend: String,
    },
    /// Not solved: the plan given (`--base-plan` of `whatif`).
    Given,
    /// Not solved: the plan as reviewed on the review page (`xuncha serve`).
    Review,
}

/// How a solve ended.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Ending {
    /// The move budget was spent: the best plan found.
    BestFound,
    /// The clock ran out: the best plan found until then.
    TimeLimit,
    /// Stopped by the user (Ctrl-C): the best plan found until then.
    Interrupted,
    /// Score 0: every term is ≥ 0, so nothing beats it.
    ZeroScore,
    /// `--allow-partial` and no group can be staffed: an empty plan.
    NothingStaffable,
    /// The exact solver proved the plan optimal.
    Optimal {
        /// How much worse the heuristic's plan was (score points; 0: it
        /// was optimal); `None` when the exact solve ran alone.
        heuristic_excess: Option<f64>,
    },
    /// The exact solve stopped at its time limit with a plan.
    ExactTimeLimit {
        /// The relative gap to the best bound, in percent, if the backend reports one.
        gap_percent: Option<f64>,
    },
    /// The exact solver's plan broke a rule (a backend error): the
    /// heuristic's plan is kept.
    ExactBrokeRule,
    /// The exact solver reported no plan although the heuristic's keeps
    /// every rule (numerical trouble): the heuristic's plan is kept.
    ExactNoPlan,
    /// The exact solve found no plan in its time: the heuristic's plan is kept.
    ExactTimedOut,
    /// Not solved: the base plan given.
    Given,
    /// Not solved: the plan as reviewed.
    Reviewed,
}

/// Why a drawable person is not in the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum LeftOut {
    /// Rules 1–3 keep them from every group of the round.
    NoGroup,
    /// Must serve, but no place kept the rules and the score better.
    MustServe {
        /// Per rule, how many groups refuse them as a member in this plan.
        refused: Vec<(RuleId, usize)>,
        /// Groups that would take them as the rules stand (they are full,
        /// or taking them would cost more than it gains).
        room: usize,
    },
    /// Eligible, but not needed.
    NotNeeded,
}

/// What a group still misses in the search's best attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Missing {
    /// Leaders missing (rule `leader`).
    pub leaders: u32,
    /// Members missing to reach the least size (rule `group-size`).
    pub members: u32,
    /// The least size.
    pub least: u32,
    /// Per area (its index in the round's areas), members with it missing
    /// (rule `requirement`).
    pub areas: Vec<(usize, u32)>,
    /// The people rules 1–3 allow into the group, counted by what keeps
    /// them out of it in the best attempt: `one-group` (they serve in
    /// another group), or the rule that refuses them; sorted by rule.
    pub held: Vec<(RuleId, usize)>,
}

/// Why a group was left empty (with `--allow-partial`).
#[derive(Debug, Clone)]
pub enum Unstaffed {
    /// The pre-solve report proves it cannot be staffed.
    Proven(Box<Finding>),
    /// The search found no way to staff it.
    NotFound(Missing),
}

/// What group `g` of a state still misses, and what holds back the people
/// who may join it.
pub(crate) fn missing(st: &State, g: usize) -> Missing {
    let ctx = st.ctx;
    let len = st.members[g].len() as u32;
    let areas = ctx
        .req
        .iter()
        .enumerate()
        .filter_map(|(k, &r)| {
            let c = st.area_count(g, k);
            (c < r).then(|| (k, r - c))
        })
        .collect();
    let mut held = std::collections::BTreeMap::new();
    for p in ctx.case.person_ids() {
        let pu = p.ix();
        if !ctx.free[pu] || !ctx.elig.allowed(p, GroupId(g as u32)) || st.group[pu] == g as u32 {
            continue;
        }
        let rule = if st.group[pu] != OUT {
            Some(RuleId::OneGroup)
        } else {
            st.check_insert(p.0, g as u32, Role::Member)
                .err()
                .map(|r| r.rule(ctx.case, p, GroupId(g as u32)))
        };
        if let Some(rule) = rule {
            *held.entry(rule).or_insert(0) += 1;
        }
    }
    Missing {
        leaders: ctx.leaders.saturating_sub(st.n_leaders[g]),
        members: ctx.size[g].0.saturating_sub(len),
        least: ctx.size[g].0,
        areas,
        held: held.into_iter().collect(),
    }
}

/// Drawable people not in the plan, each with why.
pub fn left_out(case: &Case, elig: &Eligibility, plan: &Plan) -> Vec<(PersonId, LeftOut)> {
    let mut placed = vec![false; case.people.len()];
    for pg in &plan.groups {
        for &p in &pg.members {
            placed[p.ix()] = true;
        }
    }
    let out: Vec<PersonId> = case
        .person_ids()
        .filter(|&p| case.drawable(p) && !placed[p.ix()])
        .collect();
    // the state, built only when a must-serve person is left out
    let must = out
        .iter()
        .any(|&p| case.person(p).must_serve && elig.count_of(p) > 0);
    let model = must.then(|| ScoreModel::new(case, elig, None));
    let ctx = model
        .as_ref()
        .map(|m| super::state::Ctx::new(case, elig, m, vec![true; case.round.groups.len()]));
    let st = ctx.as_ref().map(|ctx| {
        let mut st = State::new(ctx);
        for pg in &plan.groups {
            for &p in &pg.members {
                let role = pg.role_of(p).unwrap_or(Role::Member);
                if ctx.free[p.ix()] && st.group[p.ix()] == OUT {
                    st.insert(p.0, pg.group.0, role);
                }
            }
        }
        st
    });
    out.into_iter()
        .map(|p| {
            let why = if elig.count_of(p) == 0 {
                LeftOut::NoGroup
            } else if let (true, Some(st)) = (case.person(p).must_serve, st.as_ref()) {
                let (rules, room) = st.why_not(p.0);
                LeftOut::MustServe {
                    refused: rules.into_iter().collect(),
                    room,
                }
            } else {
                LeftOut::NotNeeded
            };
            (p, why)
        })
        .collect()
}
