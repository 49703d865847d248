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
//!   branch and bound, so no extra thread is needed; building the model is not
//!   counted;
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

use super::score::{ScoreModel, SCALE};
use super::ExactStatus;
use crate::constraints::Eligibility;
use crate::model::{Case, GroupId, PersonId, Plan, RegionId, Role, RuleId, UnitId};
use good_lp::{
    variable, Constraint, Expression, ProblemVariables, ResolutionError, Solution, SolutionStatus,
    SolverModel, Variable, WithInitialSolution, WithTimeLimit,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

/// Options of an exact solve.
#[derive(Debug, Clone, Default)]
pub struct ExactOptions {
    /// Stop after this long with the best plan so far ([`ExactStatus::Feasible`])
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

/// A possible placement of a person in a group.
#[derive(Debug, Clone, Copy)]
struct Slot {
    p: PersonId,
    g: GroupId,
    member: Variable,
    leader: Option<Variable>,
}

impl Slot {
    /// `e += coef · in(p,g)`.
    fn add_in(&self, e: &mut Expression, coef: f64) {
        e.add_mul(coef, self.member);
        if let Some(l) = self.leader {
            e.add_mul(coef, l);
        }
    }
}

/// A group's sizes, each with its indicator (none when the size is fixed).
type SizeIndicators = Vec<(u32, Option<Variable>)>;

/// The model under construction.
struct Milp {
    vars: ProblemVariables,
    constraints: Vec<Constraint>,
    size: ModelSize,
    objective: Expression,
    slots: Vec<Slot>,
    by_person: Vec<Vec<usize>>,
    by_group: Vec<Vec<usize>>,
    /// Per group: its size indicators, once made ([`size_indicators`]).
    sizes: Vec<Option<SizeIndicators>>,
    /// Known infeasible while building (no need to call the backend).
    infeasible: bool,
}

impl Milp {
    fn add(&mut self, rule: &'static str, name: impl FnOnce() -> String, c: Constraint) {
        *self.size.per_rule.entry(rule).or_insert(0) += 1;
        self.constraints
            .push(c.set_name(format!("{rule}[{}]", name())));
    }

    fn slot(&self, p: PersonId, g: GroupId) -> Option<&Slot> {
        self.by_person[p.ix()]
            .iter()
            .map(|&i| &self.slots[i])
            .find(|s| s.g == g)
    }

    fn in_sum<'s>(&self, slots: impl IntoIterator<Item = &'s usize>) -> Expression {
        let mut e = Expression::default();
        for &i in slots {
            self.slots[i].add_in(&mut e, 1.0);
        }
        e
    }
}

/// Rule 5 (`leader_outranks_members`): when `p` leads `g`, no member of
/// `g` is above `p` on the rank scale: Σ member(q, g) over those q ≤
/// hi · (1 − leader(p, g)).
fn seniority(m: &mut Milp, case: &Case, g: GroupId, hi: u32) {
    let slots = m.by_group[g.ix()].clone();
    for &i in &slots {
        let Some(l) = m.slots[i].leader else {
            continue;
        };
        let p = m.slots[i].p;
        let step = case.person(p).rank_step;
        let mut e = Expression::default();
        let mut any = false;
        for &j in &slots {
            if case.person(m.slots[j].p).rank_step > step {
                e.add_mul(1.0, m.slots[j].member);
                any = true;
            }
        }
        if any {
            e.add_mul(hi as f64, l);
            m.add(
                RuleId::LeaderSeniority.as_str(),
                || format!("{},{}", case.group(g).id, case.person(p).id),
                e.leq(hi as f64),
            );
        }
    }
}

/// Builds the MILP of `case` (rules 1–9, pins, score).
fn build(case: &Case, elig: &Eligibility, model: &ScoreModel) -> Milp {
    let policy = &case.round.policy;
    let n_groups = case.round.groups.len();
    let leaders = policy.leaders_per_group;
    let mut m = Milp {
        vars: ProblemVariables::new(),
        constraints: Vec::new(),
        size: ModelSize::default(),
        objective: Expression::default(),
        slots: Vec::new(),
        by_person: vec![Vec::new(); case.people.len()],
        by_group: vec![Vec::new(); n_groups],
        sizes: vec![None; n_groups],
        infeasible: false,
    };
    for rule in [
        RuleId::PostAvoidance,
        RuleId::RegionAvoidance,
        RuleId::BusinessAvoidance,
        RuleId::Unavailable,
    ] {
        m.size.per_rule.insert(rule.as_str(), 0);
    }

    // placements
    for p in case.person_ids() {
        if !case.drawable(p) {
            continue;
        }
        let in_pool = case.person(p).leader && leaders > 0;
        for g in case.group_ids() {
            if !elig.allowed(p, g) {
                continue;
            }
            let member = m.vars.add(variable().binary());
            let leader = in_pool.then(|| m.vars.add(variable().binary()));
            m.by_person[p.ix()].push(m.slots.len());
            m.by_group[g.ix()].push(m.slots.len());
            m.slots.push(Slot {
                p,
                g,
                member,
                leader,
            });
        }
    }
    let gid = |g: GroupId| case.group(g).id.as_str();
    let pid = |p: PersonId| case.person(p).id.as_str();

    // rule 4: one group
    for p in case.person_ids() {
        let slots = &m.by_person[p.ix()];
        let n_vars: usize = slots
            .iter()
            .map(|&i| 1 + m.slots[i].leader.is_some() as usize)
            .sum();
        if n_vars >= 2 {
            let e = m.in_sum(&m.by_person[p.ix()]);
            m.add(RuleId::OneGroup.as_str(), || pid(p).into(), e.leq(1.0));
        }
    }

    // rule 5: size and leaders
    for g in case.group_ids() {
        let (lo, hi) = case.group(g).size;
        let n = m.by_group[g.ix()].len();
        if n < lo as usize {
            m.infeasible = true;
        }
        if lo > 0 {
            let e = m.in_sum(&m.by_group[g.ix()]);
            m.add(
                RuleId::GroupSize.as_str(),
                || format!("{},min", gid(g)),
                e.geq(lo as f64),
            );
        }
        if n > hi as usize {
            let e = m.in_sum(&m.by_group[g.ix()]);
            m.add(
                RuleId::GroupSize.as_str(),
                || format!("{},max", gid(g)),
                e.leq(hi as f64),
            );
        }
        let mut e = Expression::default();
        let mut n_leaders = 0;
        for &i in &m.by_group[g.ix()] {
            if let Some(l) = m.slots[i].leader {
                e.add_mul(1.0, l);
                n_leaders += 1;
            }
        }
        if n_leaders < leaders {
            m.infeasible = true;
        }
        if n_leaders > 0 {
            m.add(
                RuleId::Leader.as_str(),
                || gid(g).into(),
                e.eq(leaders as f64),
            );
        }
        if policy.leader_outranks_members {
            seniority(&mut m, case, g, hi);
        }
    }

    // rule 6: kin apart
    let pairs: BTreeSet<(PersonId, PersonId)> = case
        .kin
        .iter()
        .map(|k| (k.a.min(k.b), k.a.max(k.b)))
        .collect();
    for &(a, b) in &pairs {
        for g in case.group_ids() {
            let (Some(sa), Some(sb)) = (m.slot(a, g).copied(), m.slot(b, g).copied()) else {
                continue;
            };
            let mut e = Expression::default();
            sa.add_in(&mut e, 1.0);
            sb.add_in(&mut e, 1.0);
            m.add(
                RuleId::KinSameGroup.as_str(),
                || format!("{},{},{}", gid(g), pid(a), pid(b)),
                e.leq(1.0),
            );
        }
    }

    // rule 7: mixing; the score's repeats alongside (same grouping)
    let w = &model.weights;
    for g in case.group_ids() {
        let mut by_region: BTreeMap<RegionId, Vec<usize>> = BTreeMap::new();
        let mut by_unit: BTreeMap<UnitId, Vec<usize>> = BTreeMap::new();
        for &i in &m.by_group[g.ix()] {
            let x = case.person(m.slots[i].p);
            by_region.entry(x.region).or_default().push(i);
            by_unit.entry(x.unit).or_default().push(i);
        }
        let lists = by_region
            .into_iter()
            .map(|(r, l)| {
                (
                    RuleId::MixingRegion.as_str(),
                    policy.max_same_region,
                    case.region(r).to_string(),
                    l,
                )
            })
            .chain(by_unit.into_iter().map(|(u, l)| {
                (
                    RuleId::MixingUnit.as_str(),
                    policy.max_same_unit,
                    case.unit(u).id.clone(),
                    l,
                )
            }));
        for (rule, cap, key, list) in lists {
            let n = list.len();
            if n > cap as usize {
                let e = m.in_sum(&list);
                m.add(rule, || format!("{},{key}", gid(g)), e.leq(cap as f64));
            }
            // repeats: max(0, count − 1), possible only with 2 or more allowed
            let most = n.min(cap as usize);
            if w.mixing != 0.0 && most >= 2 {
                let r = m.vars.add(variable().min(0.0).max((most - 1) as f64));
                let mut e = m.in_sum(&list);
                e.add_mul(-1.0, r);
                m.add("score.mixing", || format!("{},{key}", gid(g)), e.leq(1.0));
                m.objective.add_mul(w.mixing, r);
            }
        }
    }
    if w.mixing != 0.0 {
        m.objective += -w.mixing * model.forced_mixing as f64;
    }

    // rule 8: reciprocal
    if policy.reciprocal_avoidance {
        let target_regions: Vec<BTreeSet<RegionId>> = case
            .round
            .groups
            .iter()
            .map(|g| g.targets.iter().map(|&t| case.unit(t).region).collect())
            .collect();
        // flows possible: (from, to) -> slots
        let mut flows: BTreeMap<(RegionId, RegionId), Vec<usize>> = BTreeMap::new();
        for (i, s) in m.slots.iter().enumerate() {
            let a = case.person(s.p).region;
            for &b in &target_regions[s.g.ix()] {
                if a != b {
                    flows.entry((a, b)).or_default().push(i);
                }
            }
        }
        let mut y: BTreeMap<(RegionId, RegionId), Variable> = BTreeMap::new();
        for &(a, b) in flows.keys() {
            if flows.contains_key(&(b, a)) {
                y.insert((a, b), m.vars.add(variable().min(0.0).max(1.0)));
            }
        }
        for (&(a, b), &yab) in &y {
            let name = |a: RegionId, b: RegionId| format!("{}>{}", case.region(a), case.region(b));
            for &i in &flows[&(a, b)] {
                let s = m.slots[i];
                let mut e = Expression::default();
                s.add_in(&mut e, 1.0);
                e.add_mul(-1.0, yab);
                m.add(
                    RuleId::Reciprocal.as_str(),
                    || format!("{},{},{}", name(a, b), gid(s.g), pid(s.p)),
                    e.leq(0.0),
                );
            }
            if a < b {
                let e = Expression::from(yab) + y[&(b, a)];
                m.add(
                    RuleId::Reciprocal.as_str(),
                    || format!("{}<>{}", case.region(a), case.region(b)),
                    e.leq(1.0),
                );
            }
        }
    }

    // rule 9: requirements
    for g in case.group_ids() {
        for (k, area) in case.round.areas.iter().enumerate() {
            let need = case.round.requirements.get(k).copied().unwrap_or(0);
            if need == 0 {
                continue;
            }
            let list: Vec<usize> = m.by_group[g.ix()]
                .iter()
                .copied()
                .filter(|&i| case.person(m.slots[i].p).levels[k] >= 1)
                .collect();
            if list.len() < need as usize {
                m.infeasible = true;
            }
            let e = m.in_sum(&list);
            m.add(
                RuleId::Requirement.as_str(),
                || format!("{},{}", gid(g), area.key),
                e.geq(need as f64),
            );
        }
    }

    // pins
    for pin in &case.round.pins {
        let var = m.slot(pin.person, pin.group).and_then(|s| match pin.role {
            Role::Leader => s.leader,
            Role::Member => Some(s.member),
        });
        match var {
            Some(v) => m.add(
                RuleId::Pin.as_str(),
                || format!("{},{}", gid(pin.group), pid(pin.person)),
                Expression::from(v).eq(1.0),
            ),
            None => m.infeasible = true,
        }
    }

    // score: spreads of the groups' level sums and means (all groups are
    // staffed in a full plan)
    if n_groups >= 2 {
        if w.expertise != 0.0 {
            for k in 0..model.areas {
                let vals: Vec<i64> = case.person_ids().map(|p| model.levels[p.ix()][k]).collect();
                add_spread(&mut m, case, "score.expertise", w.expertise, &vals);
            }
        }
        for (i, (key, wt)) in [
            ("score.rank", w.rank),
            ("score.age", w.age),
            ("score.gender", w.gender),
        ]
        .into_iter()
        .enumerate()
        {
            if wt != 0.0 {
                let vals: Vec<i64> = case.person_ids().map(|p| model.dev[p.ix()][i]).collect();
                add_mean_spread(&mut m, case, key, wt / SCALE as f64, &vals);
            }
        }
    }

    // score: must serve, recent, moved
    if w.must_serve != 0.0 {
        for p in case.person_ids() {
            if model.must_serve[p.ix()] {
                m.objective += w.must_serve;
                for &i in &m.by_person[p.ix()] {
                    m.slots[i].add_in(&mut m.objective, -w.must_serve);
                }
            }
        }
    }
    if w.recent != 0.0 {
        for s in &m.slots {
            let r = model.recency[s.p.ix()];
            if r != 0 {
                s.add_in(&mut m.objective, w.recent * r as f64);
            }
        }
    }
    if let (Some(base), true) = (&model.baseline, w.stability != 0.0) {
        for p in case.person_ids() {
            match base[p.ix()] {
                Some((bg, lead)) => {
                    // 1 unless p keeps both the group and the role
                    m.objective += w.stability;
                    let kept = m
                        .slot(p, bg)
                        .and_then(|s| if lead { s.leader } else { Some(s.member) });
                    if let Some(v) = kept {
                        m.objective.add_mul(-w.stability, v);
                    }
                }
                None => {
                    for &i in &m.by_person[p.ix()] {
                        m.slots[i].add_in(&mut m.objective, w.stability);
                    }
                }
            }
        }
    }

    m.size.variables = m.vars.len();
    m.size.constraints = m.constraints.len();
    m
}

/// `coef · (hi − lo)` with `lo ≤ Σ_p vals[p]·in(p,g) ≤ hi` for every group.
/// `hi` and `lo` are bounded by the least and greatest sums a group can reach
/// at all (any members of its candidates, at most its maximum size).
///
/// Every group counts, as in [`super::evaluate`] for a full plan: the loader
/// makes every group's minimum size at least 1, so no group is left empty. (A
/// hand-built case with a minimum of 0 would see an empty group counted here
/// with a sum of 0, where `evaluate` skips it.)
fn add_spread(m: &mut Milp, case: &Case, key: &'static str, coef: f64, vals: &[i64]) {
    let mut floor = i64::MAX;
    let mut ceil = i64::MIN;
    let mut sums = Vec::with_capacity(case.round.groups.len());
    for g in case.group_ids() {
        let mut v: Vec<i64> = m.by_group[g.ix()]
            .iter()
            .map(|&i| vals[m.slots[i].p.ix()])
            .collect();
        v.sort_unstable();
        let hi_size = case.group(g).size.1 as usize;
        let neg: i64 = v.iter().take(hi_size).filter(|&&x| x < 0).sum();
        let pos: i64 = v.iter().rev().take(hi_size).filter(|&&x| x > 0).sum();
        floor = floor.min(neg);
        ceil = ceil.max(pos);
        let mut e = Expression::default();
        for &i in &m.by_group[g.ix()] {
            let x = vals[m.slots[i].p.ix()];
            if x != 0 {
                m.slots[i].add_in(&mut e, x as f64);
            }
        }
        sums.push((g, e));
    }
    let (floor, ceil) = (floor as f64, ceil as f64);
    let hi = m.vars.add(variable().min(floor).max(ceil));
    let lo = m.vars.add(variable().min(floor).max(ceil));
    for (g, e) in sums {
        let id = &case.group(g).id;
        let mut up = e.clone();
        up.add_mul(-1.0, hi);
        m.add(key, || format!("{id},hi"), up.leq(0.0));
        let mut down = e;
        down.add_mul(-1.0, lo);
        m.add(key, || format!("{id},lo"), down.geq(0.0));
    }
    m.objective.add_mul(coef, hi);
    m.objective.add_mul(-coef, lo);
}

/// The size indicators of group `g`: `z[g,s]` (binary) for each size `s` it
/// may take, with `Σ_s z = 1` and `Σ_p in(p,g) = Σ_s s·z` (counted under
/// `score.size`); made once per group, on first use. A group whose size is
/// fixed (its bounds, or its candidates, allow one) needs none.
fn size_indicators(m: &mut Milp, case: &Case, g: GroupId) -> SizeIndicators {
    if let Some(z) = &m.sizes[g.ix()] {
        return z.clone();
    }
    let (lo, hi) = case.group(g).size;
    let hi = hi.min(m.by_group[g.ix()].len() as u32);
    let z: SizeIndicators = if lo >= hi {
        vec![(lo.max(1), None)]
    } else {
        let z: SizeIndicators = (lo.max(1)..=hi)
            .map(|s| (s, Some(m.vars.add(variable().binary()))))
            .collect();
        let id = case.group(g).id.clone();
        let mut one = Expression::default();
        let mut count = m.in_sum(&m.by_group[g.ix()]);
        for &(s, v) in &z {
            let v = v.expect("a size indicator");
            one.add_mul(1.0, v);
            count.add_mul(-(s as f64), v);
        }
        m.add("score.size", || format!("{id},one"), one.eq(1.0));
        m.add("score.size", || format!("{id},count"), count.eq(0.0));
        z
    };
    m.sizes[g.ix()] = Some(z.clone());
    z
}

/// `coef · (hi − lo)` with `lo ≤ mean_g ≤ hi` for every group, `mean_g` the
/// mean of `vals` over the group's members: `Σ_p vals[p]·in(p,g) − s·hi ≤
/// M·(1 − z[g,s])` for each size `s` the group may take (and alike for `lo`),
/// which holds exactly when the group has `s` members; a group of fixed size
/// `s` gets `Σ − s·hi ≤ 0`. `hi` and `lo` lie between the least and greatest
/// value of any candidate, and so does any mean.
fn add_mean_spread(m: &mut Milp, case: &Case, key: &'static str, coef: f64, vals: &[i64]) {
    let (mut floor, mut ceil) = (i64::MAX, i64::MIN);
    for s in &m.slots {
        let v = vals[s.p.ix()];
        floor = floor.min(v);
        ceil = ceil.max(v);
    }
    if floor > ceil {
        return;
    }
    let (floor, ceil) = (floor as f64, ceil as f64);
    let hi = m.vars.add(variable().min(floor).max(ceil));
    let lo = m.vars.add(variable().min(floor).max(ceil));
    for g in case.group_ids() {
        let mut e = Expression::default();
        let mut most_neg = Vec::new();
        for &i in &m.by_group[g.ix()] {
            let x = vals[m.slots[i].p.ix()];
            most_neg.push(x);
            if x != 0 {
                m.slots[i].add_in(&mut e, x as f64);
            }
        }
        most_neg.sort_unstable();
        let id = case.group(g).id.clone();
        let sizes = size_indicators(m, case, g);
        // the least and greatest sum the group can have, at any of its sizes,
        // bound the big M
        let (mut neg, mut pos) = (0i64, 0i64);
        for &(s, _) in &sizes {
            neg = neg.min(most_neg.iter().take(s as usize).sum());
            pos = pos.max(most_neg.iter().rev().take(s as usize).sum());
        }
        for (s, z) in sizes {
            let sf = s as f64;
            let mut up = e.clone();
            up.add_mul(-sf, hi);
            let mut down = e.clone();
            down.add_mul(-sf, lo);
            match z {
                None => {
                    m.add(key, || format!("{id},hi"), up.leq(0.0));
                    m.add(key, || format!("{id},lo"), down.geq(0.0));
                }
                Some(z) => {
                    let big_up = (pos as f64 - sf * floor).max(0.0);
                    let big_down = (sf * ceil - neg as f64).max(0.0);
                    up.add_mul(big_up, z);
                    down.add_mul(-big_down, z);
                    m.add(key, || format!("{id},hi,{s}"), up.leq(big_up));
                    m.add(key, || format!("{id},lo,{s}"), down.geq(-big_down));
                }
            }
        }
    }
    m.objective.add_mul(coef, hi);
    m.objective.add_mul(-coef, lo);
}

/// The variables' values for a warm start from `plan` (placements only; the
/// backend completes the auxiliaries).
fn warm_values(m: &Milp, plan: &Plan) -> Vec<(Variable, f64)> {
    let mut role: BTreeMap<(PersonId, GroupId), Role> = BTreeMap::new();
    for pg in &plan.groups {
        for &p in &pg.members {
            role.insert((p, pg.group), Role::Member);
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
    /// Values of the slots' (member, leader) variables, objective, status.
    Solved(Vec<(f64, f64)>, f64, ExactStatus),
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
                .map(|s| (sol.value(s.member), s.leader.map_or(0.0, |l| sol.value(l))))
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
    let slots = m.slots.clone();
    match solve_backend(m, opts) {
        Raw::Solved(values, objective, status) => {
            let mut plan = Plan::empty(case);
            for (s, &(member, leader)) in slots.iter().zip(&values) {
                let pg = &mut plan.groups[s.g.ix()];
                if leader > 0.5 {
                    pg.leaders.push(s.p);
                    pg.members.push(s.p);
                } else if member > 0.5 {
                    pg.members.push(s.p);
                }
            }
            for pg in &mut plan.groups {
                pg.leaders.sort_unstable();
                pg.members.sort_unstable();
            }
            result(Some(plan), status, Some(objective))
        }
        Raw::Infeasible => result(None, ExactStatus::Infeasible, None),
        Raw::NoPlan => result(None, ExactStatus::TimedOut, None),
    }
}
