//! The MILP of a round: one variable per possible placement and the
//! constraints of rules 4–9 and the pins, each named after its rule id
//! (the model is described in [`super`]).

use super::{objective, ModelSize};
use crate::constraints::Eligibility;
use crate::model::{Case, GroupId, PersonId, RegionId, Role, RuleId, UnitId};
use crate::solve::score::{ScoreModel, TermKind};
use good_lp::{variable, Constraint, Expression, ProblemVariables, Variable};
use std::collections::{BTreeMap, BTreeSet};

/// A possible placement of a person in a group.
#[derive(Debug, Clone, Copy)]
pub(super) struct Slot {
    pub(super) p: PersonId,
    pub(super) g: GroupId,
    pub(super) member: Variable,
    pub(super) leader: Option<Variable>,
    pub(super) deputy: Option<Variable>,
}

impl Slot {
    /// `e += coef · in(p,g)`.
    pub(super) fn add_in(&self, e: &mut Expression, coef: f64) {
        e.add_mul(coef, self.member);
        if let Some(l) = self.leader {
            e.add_mul(coef, l);
        }
        if let Some(d) = self.deputy {
            e.add_mul(coef, d);
        }
    }

    /// `e += coef · (member + deputy)`: `p` in `g` but not as its leader.
    pub(super) fn add_not_leading(&self, e: &mut Expression, coef: f64) {
        e.add_mul(coef, self.member);
        if let Some(d) = self.deputy {
            e.add_mul(coef, d);
        }
    }
}

/// A group's sizes, each with its indicator (none when the size is fixed).
pub(super) type SizeIndicators = Vec<(u32, Option<Variable>)>;

/// The model under construction.
pub(super) struct Milp {
    pub(super) vars: ProblemVariables,
    pub(super) constraints: Vec<Constraint>,
    pub(super) size: ModelSize,
    pub(super) objective: Expression,
    pub(super) slots: Vec<Slot>,
    pub(super) by_person: Vec<Vec<usize>>,
    pub(super) by_group: Vec<Vec<usize>>,
    /// Per group: its size indicators, once made ([`objective::size_indicators`]).
    pub(super) sizes: Vec<Option<SizeIndicators>>,
    /// Known infeasible while building (no need to call the backend).
    pub(super) infeasible: bool,
}

impl Milp {
    pub(super) fn add(&mut self, rule: &'static str, name: impl FnOnce() -> String, c: Constraint) {
        *self.size.per_rule.entry(rule).or_insert(0) += 1;
        self.constraints
            .push(c.set_name(format!("{rule}[{}]", name())));
    }

    pub(super) fn slot(&self, p: PersonId, g: GroupId) -> Option<&Slot> {
        self.by_person[p.ix()]
            .iter()
            .map(|&i| &self.slots[i])
            .find(|s| s.g == g)
    }

    pub(super) fn in_sum<'s>(&self, slots: impl IntoIterator<Item = &'s usize>) -> Expression {
        let mut e = Expression::default();
        for &i in slots {
            self.slots[i].add_in(&mut e, 1.0);
        }
        e
    }
}

/// Builds the MILP of `case` (rules 1–9, pins, score).
pub(super) fn build(case: &Case, elig: &Eligibility, model: &ScoreModel) -> Milp {
    let n_groups = case.round.groups.len();
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
    // rules 1–3 and `unavailable` are kept by the absence of variables
    for rule in [
        RuleId::PostAvoidance,
        RuleId::RegionAvoidance,
        RuleId::BusinessAvoidance,
        RuleId::Unavailable,
    ] {
        m.size.per_rule.insert(rule.as_str(), 0);
    }
    placements(&mut m, case, elig);
    one_group(&mut m, case);
    size_and_leaders(&mut m, case);
    kin(&mut m, case);
    mixing(&mut m, case, model);
    reciprocal(&mut m, case);
    requirements(&mut m, case);
    pins(&mut m, case);
    objective::add_score(&mut m, case, model);
    m.size.variables = m.vars.len();
    m.size.constraints = m.constraints.len();
    m
}

/// Variables for the possible placements: `x_member[p,g]` for each drawable person rules 1–3 allow in `g`, `x_leader[p,g]` when `p` is in the leader pool, and `x_deputy[p,g]` when `p` is in the deputy pool and groups have deputies.
fn placements(m: &mut Milp, case: &Case, elig: &Eligibility) {
    let leaders = case.round.policy.leaders_per_group;
    let deputies = case.round.policy.deputies_per_group;
    for p in case.person_ids() {
        if !case.drawable(p) {
            continue;
        }
        let in_pool = case.person(p).leader && leaders > 0;
        let in_deputy_pool = case.person(p).deputy && deputies > 0;
        for g in case.group_ids() {
            if !elig.allowed(p, g) {
                continue;
            }
            let member = m.vars.add(variable().binary());
            let leader = in_pool.then(|| m.vars.add(variable().binary()));
            let deputy = in_deputy_pool.then(|| m.vars.add(variable().binary()));
            m.by_person[p.ix()].push(m.slots.len());
            m.by_group[g.ix()].push(m.slots.len());
            m.slots.push(Slot {
                p,
                g,
                member,
                leader,
                deputy,
            });
        }
    }
}

/// Rule 4 (`one-group`): `Σ_g in(p,g) ≤ 1`.
fn one_group(m: &mut Milp, case: &Case) {
    let pid = |p: PersonId| case.person(p).id.as_str();
    for p in case.person_ids() {
        let slots = &m.by_person[p.ix()];
        let n_vars: usize = slots
            .iter()
            .map(|&i| {
                1 + m.slots[i].leader.is_some() as usize + m.slots[i].deputy.is_some() as usize
            })
            .sum();
        if n_vars >= 2 {
            let e = m.in_sum(&m.by_person[p.ix()]);
            m.add(RuleId::OneGroup.as_str(), || pid(p).into(), e.leq(1.0));
        }
    }
}

/// Rule 5 (`group-size`, `leader`): the size bounds and the leaders per group.
fn size_and_leaders(m: &mut Milp, case: &Case) {
    let leaders = case.round.policy.leaders_per_group;
    let gid = |g: GroupId| case.group(g).id.as_str();
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
        deputies(m, case, g);
        if case.round.policy.leader_outranks_members {
            seniority(m, case, g, hi);
        }
    }
}

/// Rule 5 (`deputy`): `Σ_p x_deputy[p,g] = deputies_per_group`.
fn deputies(m: &mut Milp, case: &Case, g: GroupId) {
    // listed with 0 when groups have no deputies
    m.size.per_rule.entry(RuleId::Deputy.as_str()).or_insert(0);
    let need = case.round.policy.deputies_per_group;
    if need == 0 {
        return;
    }
    let mut e = Expression::default();
    let mut n = 0;
    for &i in &m.by_group[g.ix()] {
        if let Some(d) = m.slots[i].deputy {
            e.add_mul(1.0, d);
            n += 1;
        }
    }
    if n < need {
        m.infeasible = true;
    }
    if n > 0 {
        m.add(
            RuleId::Deputy.as_str(),
            || case.group(g).id.clone(),
            e.eq(need as f64),
        );
    }
}

/// Rule 5 (`leader_outranks_members`): when `p` leads `g`, no member of
/// `g` (deputies included) is above `p` on the rank scale: Σ (member +
/// deputy)(q, g) over those q ≤ hi · (1 − leader(p, g)).
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
                m.slots[j].add_not_leading(&mut e, 1.0);
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

/// Rule 6 (`kin-same-group`): `in(a,g) + in(b,g) ≤ 1` per kin pair and group.
fn kin(m: &mut Milp, case: &Case) {
    let gid = |g: GroupId| case.group(g).id.as_str();
    let pid = |p: PersonId| case.person(p).id.as_str();
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
}

/// Rule 7 (`mixing-region`, `mixing-unit`): the caps per group and region (unit), with the score's repeats alongside (the same grouping).
fn mixing(m: &mut Milp, case: &Case, model: &ScoreModel) {
    let policy = &case.round.policy;
    let gid = |g: GroupId| case.group(g).id.as_str();
    let w_mixing = model.weight_of(TermKind::Mixing);
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
            if w_mixing != 0.0 && most >= 2 {
                let r = m.vars.add(variable().min(0.0).max((most - 1) as f64));
                let mut e = m.in_sum(&list);
                e.add_mul(-1.0, r);
                m.add("score.mixing", || format!("{},{key}", gid(g)), e.leq(1.0));
                m.objective.add_mul(w_mixing, r);
            }
        }
    }
    if w_mixing != 0.0 {
        m.objective += -w_mixing * model.forced_mixing as f64;
    }
}

/// Rule 8 (`reciprocal`): the flow indicators of each pair of regions that could inspect each other.
fn reciprocal(m: &mut Milp, case: &Case) {
    let policy = &case.round.policy;
    let gid = |g: GroupId| case.group(g).id.as_str();
    let pid = |p: PersonId| case.person(p).id.as_str();
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
}

/// Rule 9 (`requirement`): per group and area, the members with level ≥ 1.
fn requirements(m: &mut Milp, case: &Case) {
    let gid = |g: GroupId| case.group(g).id.as_str();
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
}

/// The pins: each pinned variable fixed to 1 (no variable: infeasible).
fn pins(m: &mut Milp, case: &Case) {
    let gid = |g: GroupId| case.group(g).id.as_str();
    let pid = |p: PersonId| case.person(p).id.as_str();
    for pin in &case.round.pins {
        let var = m.slot(pin.person, pin.group).and_then(|s| match pin.role {
            Role::Leader => s.leader,
            Role::Deputy => s.deputy,
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
}
