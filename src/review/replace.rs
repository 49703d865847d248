//! Who could take a person's place in a plan: every drawable person left out
//! (in the person's role), and every person of another group (a swap, each
//! taking the other's place and role), ranked by the change of the score,
//! each with the change term by term; and, for the best of those the rules
//! refuse, the rule that refuses them.
//!
//! The score of each alternative is found incrementally on the planner's
//! search state (a few group sums and counts change), so a province's pool
//! is ranked in a fraction of a second; the rules are checked on the plan
//! directly (rules 1–3 from the eligibility table, the group's make-up, the
//! regions' flows for reciprocal avoidance), and the alternatives offered
//! are checked again by the independent checker before they are returned.

use super::{places, Place};
use crate::constraints::{blockers, Blocker, Eligibility};
use crate::model::{Case, GroupId, PersonId, Plan, RegionId, Role, RuleId};
use crate::solve::state::Placement;
use crate::solve::state::{Ctx, State, OUT};
use crate::solve::{Score, ScoreModel};
use std::collections::HashMap;

/// An alternative to a person's place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Someone left out takes the place (in the same role); the person is left out.
    Replace {
        /// Who comes in.
        by: PersonId,
    },
    /// Someone of another group swaps with the person: each takes the
    /// other's group and role.
    Swap {
        /// Who.
        with: PersonId,
        /// Their group.
        group: GroupId,
    },
}

/// Why the rules refuse an alternative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The rule.
    pub rule: RuleId,
    /// The finer reason (`region`, `past-post`, `same-unit`, `not-in-leader-pool`, …).
    pub reason: &'static str,
    /// Who it concerns (the one coming in, or for a swap either).
    pub person: PersonId,
    /// The group they would join.
    pub group: GroupId,
    /// For rules 1–3, the fact.
    pub blocker: Option<Blocker>,
}

/// One alternative with its score.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// What changes.
    pub change: Move,
    /// The score after it, term by term.
    pub score: Score,
    /// Its total minus the plan's (negative: better).
    pub delta: f64,
    /// `None` when every rule holds.
    pub refused: Option<Refusal>,
}

/// The answer for one person.
#[derive(Debug, Clone)]
pub struct Replacements {
    /// Who is to be replaced.
    pub person: PersonId,
    /// Their group and role in the plan (`None`: not in the plan).
    pub place: Place,
    /// Pinned by the round: any change breaks the pin.
    pub pinned: bool,
    /// The plan's score.
    pub score: Score,
    /// The alternatives the rules allow, best first (at most `top`).
    pub allowed: Vec<Candidate>,
    /// The best alternatives the rules refuse, with the rule (at most `top`).
    pub refused: Vec<Candidate>,
    /// How many alternatives were scored.
    pub considered: usize,
}

/// The plan's groups as lists, and the regions' inspection flows.
struct Layout {
    members: Vec<Vec<PersonId>>,
    /// Per group: its leaders (for `leader-seniority`).
    leaders: Vec<Vec<PersonId>>,
    /// Per person: their kin in the pool.
    kin: Vec<Vec<PersonId>>,
    /// (from region, to region) → members of `from` in groups with a target in `to`.
    flows: HashMap<(RegionId, RegionId), u32>,
    targets: Vec<Vec<RegionId>>,
}

impl Layout {
    fn new(case: &Case, plan: &Plan) -> Layout {
        let members: Vec<Vec<PersonId>> = plan
            .groups
            .iter()
            .map(|pg| {
                let mut m = pg.members.clone();
                for &l in pg.leaders.iter().chain(&pg.deputies) {
                    if !m.contains(&l) {
                        m.push(l);
                    }
                }
                m
            })
            .collect();
        let targets: Vec<Vec<RegionId>> = case
            .group_ids()
            .map(|g| {
                let mut r: Vec<RegionId> = case
                    .group(g)
                    .targets
                    .iter()
                    .map(|&t| case.unit(t).region)
                    .collect();
                r.sort_unstable();
                r.dedup();
                r
            })
            .collect();
        let mut kin = vec![Vec::new(); case.people.len()];
        for k in &case.kin {
            kin[k.a.ix()].push(k.b);
            kin[k.b.ix()].push(k.a);
        }
        let mut l = Layout {
            leaders: vec![Vec::new(); members.len()],
            members: vec![Vec::new(); members.len()],
            kin,
            flows: HashMap::new(),
            targets,
        };
        for (g, ms) in members.into_iter().enumerate() {
            for p in ms {
                let role = plan.groups[g].role_of(p).unwrap_or(Role::Member);
                l.add(case, p, GroupId(g as u32), role);
            }
        }
        l
    }

    fn flow(&mut self, case: &Case, p: PersonId, g: GroupId, d: i32) {
        let a = case.person(p).region;
        for &b in &self.targets[g.ix()] {
            if a != b {
                let e = self.flows.entry((a, b)).or_insert(0);
                *e = (*e as i32 + d) as u32;
            }
        }
    }

    fn add(&mut self, case: &Case, p: PersonId, g: GroupId, role: Role) {
        self.members[g.ix()].push(p);
        if role == Role::Leader {
            self.leaders[g.ix()].push(p);
        }
        self.flow(case, p, g, 1);
    }

    fn take(&mut self, case: &Case, p: PersonId, g: GroupId) {
        self.members[g.ix()].retain(|&q| q != p);
        self.leaders[g.ix()].retain(|&q| q != p);
        self.flow(case, p, g, -1);
    }

    /// The first rule that refuses `p` joining `g` in `role` given the
    /// members now, with `g` keeping its size.
    fn refusal(
        &self,
        case: &Case,
        elig: &Eligibility,
        p: PersonId,
        g: GroupId,
        role: Role,
    ) -> Option<Refusal> {
        let no = |rule, reason, blocker| {
            Some(Refusal {
                rule,
                reason,
                person: p,
                group: g,
                blocker,
            })
        };
        let x = case.person(p);
        if !x.available {
            return no(RuleId::Unavailable, "unavailable", None);
        }
        if case.excluded[p.ix()] {
            return no(RuleId::Unavailable, "excluded", None);
        }
        if !elig.allowed(p, g) {
            let b = blockers(case, p, g).into_iter().next();
            return match b {
                Some(b) => no(b.rule(), b.fact.reason(), Some(b)),
                None => no(RuleId::PostAvoidance, "current-post", None),
            };
        }
        if role == Role::Leader && !x.leader {
            return no(RuleId::Leader, "not-in-leader-pool", None);
        }
        if role == Role::Deputy && !x.deputy {
            return no(RuleId::Deputy, "not-in-deputy-pool", None);
        }
        if case.round.policy.leader_outranks_members {
            let step = |q: PersonId| case.person(q).rank_step;
            let leaders = &self.leaders[g.ix()];
            let junior = if role == Role::Leader {
                self.members[g.ix()]
                    .iter()
                    .any(|&q| !leaders.contains(&q) && step(q) > x.rank_step)
            } else {
                leaders.iter().any(|&l| step(l) < x.rank_step)
            };
            if junior {
                return no(RuleId::LeaderSeniority, "leader-junior", None);
            }
        }
        let members = &self.members[g.ix()];
        if self.kin[p.ix()].iter().any(|k| members.contains(k)) {
            return no(RuleId::KinSameGroup, "kin", None);
        }
        let policy = &case.round.policy;
        let same_region = members
            .iter()
            .filter(|&&q| case.person(q).region == x.region)
            .count();
        if same_region >= policy.max_same_region as usize {
            return no(RuleId::MixingRegion, "same-region", None);
        }
        let same_unit = members
            .iter()
            .filter(|&&q| case.person(q).unit == x.unit)
            .count();
        if same_unit >= policy.max_same_unit as usize {
            return no(RuleId::MixingUnit, "same-unit", None);
        }
        if policy.reciprocal_avoidance {
            for &b in &self.targets[g.ix()] {
                if b != x.region && self.flows.get(&(b, x.region)).copied().unwrap_or(0) > 0 {
                    return no(RuleId::Reciprocal, "reciprocal", None);
                }
            }
        }
        for (k, &need) in case.round.requirements.iter().enumerate() {
            let have = members
                .iter()
                .chain(std::iter::once(&p))
                .filter(|&&q| case.person(q).levels[k] >= 1)
                .count();
            if have < need as usize {
                return no(RuleId::Requirement, "requirement", None);
            }
        }
        None
    }
}

/// The plan's people on the search state, whatever the pins say.
fn state_of<'c, 'a>(ctx: &'c Ctx<'a>, case: &Case, plan: &Plan) -> State<'c, 'a> {
    let mut st = State::new(ctx);
    for pin in &case.round.pins {
        if st.group[pin.person.ix()] != OUT {
            st.remove(pin.person.0);
        }
    }
    let placement = Placement {
        group: places(case, plan)
            .iter()
            .map(|p| p.map_or(OUT, |(g, _)| g.0))
            .collect(),
        role: places(case, plan)
            .iter()
            .map(|p| p.map_or(Role::Member, |(_, r)| r))
            .collect(),
    };
    for (p, &g) in placement.group.iter().enumerate() {
        if g != OUT {
            st.insert(p as u32, g, placement.role[p]);
        }
    }
    st
}

/// Ranks the alternatives to `person`'s place in `plan` (see the module's
/// text): at most `top` allowed and `top` refused, best first, ties by id.
/// A person not in the plan has no alternatives.
pub fn replacements(
    case: &Case,
    elig: &Eligibility,
    model: &ScoreModel,
    plan: &Plan,
    person: PersonId,
    top: usize,
) -> Replacements {
    let where_ = places(case, plan);
    let place = where_[person.ix()];
    let pinned = case.round.pins.iter().any(|p| p.person == person);
    let ctx = Ctx::new(case, elig, model, vec![true; case.round.groups.len()]);
    let mut st = state_of(&ctx, case, plan);
    let before = st.score();
    let base = before.total(model);
    let mut out = Replacements {
        person,
        place,
        pinned,
        score: before,
        allowed: Vec::new(),
        refused: Vec::new(),
        considered: 0,
    };
    let Some((g, lead)) = place else {
        return out;
    };
    let mut layout = Layout::new(case, plan);
    layout.take(case, person, g);
    let mut all: Vec<Candidate> = Vec::new();
    let x = person.0;
    // someone left out comes in
    st.remove(x);
    for y in case.person_ids() {
        if where_[y.ix()].is_some() || y == person || !case.drawable(y) {
            continue;
        }
        let refused = layout.refusal(case, elig, y, g, lead);
        st.insert(y.0, g.0, lead);
        let score = st.score();
        st.remove(y.0);
        all.push(Candidate {
            change: Move::Replace { by: y },
            delta: score.total(model) - base,
            score,
            refused,
        });
    }
    st.insert(x, g.0, lead);
    // a swap with someone of another group
    for z in case.person_ids() {
        let Some((h, zlead)) = where_[z.ix()] else {
            continue;
        };
        if h == g {
            continue;
        }
        layout.take(case, z, h);
        let mut refused = layout.refusal(case, elig, z, g, lead);
        layout.add(case, z, g, lead);
        if refused.is_none() {
            refused = layout.refusal(case, elig, person, h, zlead);
        }
        layout.take(case, z, g);
        layout.add(case, z, h, zlead);
        if refused.is_none() && case.round.pins.iter().any(|p| p.person == z) {
            refused = Some(Refusal {
                rule: RuleId::Pin,
                reason: "pin",
                person: z,
                group: h,
                blocker: None,
            });
        }
        st.remove(x);
        st.remove(z.0);
        st.insert(z.0, g.0, lead);
        st.insert(x, h.0, zlead);
        let score = st.score();
        st.remove(x);
        st.remove(z.0);
        st.insert(z.0, h.0, zlead);
        st.insert(x, g.0, lead);
        all.push(Candidate {
            change: Move::Swap { with: z, group: h },
            delta: score.total(model) - base,
            score,
            refused,
        });
    }
    out.considered = all.len();
    if pinned {
        for c in &mut all {
            c.refused.get_or_insert(Refusal {
                rule: RuleId::Pin,
                reason: "pin",
                person,
                group: g,
                blocker: None,
            });
        }
    }
    let key = |c: &Candidate| match c.change {
        Move::Replace { by } => (0, by),
        Move::Swap { with, .. } => (1, with),
    };
    all.sort_by(|a, b| a.delta.total_cmp(&b.delta).then(key(a).cmp(&key(b))));
    for c in all {
        let list = if c.refused.is_some() {
            &mut out.refused
        } else {
            &mut out.allowed
        };
        if list.len() < top {
            list.push(c);
        }
    }
    // the independent checker has the last word on what is offered
    out.allowed.retain(|c| {
        let plan = apply(case, plan, person, c.change);
        let ok = crate::validate::check_plan(case, &plan).is_empty();
        debug_assert!(ok, "an alternative breaking a rule: {:?}", c.change);
        ok
    });
    out
}

/// The plan with `person`'s place changed as `change` says.
pub fn apply(case: &Case, plan: &Plan, person: PersonId, change: Move) -> Plan {
    let where_ = places(case, plan);
    let mut out = plan.clone();
    let Some((g, lead)) = where_[person.ix()] else {
        return out;
    };
    let mut put = |p: PersonId, from: GroupId, to: GroupId, role: Role| {
        let pg = &mut out.groups[from.ix()];
        pg.members.retain(|&q| q != p);
        pg.leaders.retain(|&q| q != p);
        pg.deputies.retain(|&q| q != p);
        let pg = &mut out.groups[to.ix()];
        pg.members.push(p);
        match role {
            Role::Leader => pg.leaders.push(p),
            Role::Deputy => pg.deputies.push(p),
            Role::Member => {}
        }
    };
    match change {
        Move::Replace { by } => {
            let pg = &mut out.groups[g.ix()];
            pg.members.retain(|&q| q != person);
            pg.leaders.retain(|&q| q != person);
            pg.deputies.retain(|&q| q != person);
            pg.members.push(by);
            match lead {
                Role::Leader => pg.leaders.push(by),
                Role::Deputy => pg.deputies.push(by),
                Role::Member => {}
            }
        }
        Move::Swap { with, group: h } => {
            let zlead = where_[with.ix()].map_or(Role::Member, |(_, r)| r);
            put(with, h, g, lead);
            put(person, g, h, zlead);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::evaluate;

    fn tiny() -> (Case, Eligibility, Plan) {
        let case = crate::io::load_case("data/tiny".as_ref()).unwrap();
        let elig = Eligibility::build(&case);
        let plan = crate::io::read_plan(&case, "data/tiny-plan.csv".as_ref())
            .unwrap()
            .plan;
        (case, elig, plan)
    }

    #[test]
    fn every_allowed_alternative_keeps_the_rules_and_scores_as_said() {
        let (case, elig, plan) = tiny();
        let model = ScoreModel::new(&case, &elig, None);
        for pg in &plan.groups {
            for &p in &pg.members {
                let r = replacements(&case, &elig, &model, &plan, p, 50);
                for c in &r.allowed {
                    let changed = apply(&case, &plan, p, c.change);
                    assert!(crate::validate::check_plan(&case, &changed).is_empty());
                    let full = evaluate(&case, &model, &changed);
                    assert_eq!(full, c.score, "{:?}", c.change);
                }
                // every refused one names a rule the checker finds too
                for c in &r.refused {
                    let changed = apply(&case, &plan, p, c.change);
                    let found = crate::validate::check_plan(&case, &changed);
                    let rule = c.refused.as_ref().unwrap().rule;
                    assert!(
                        found.iter().any(|v| v.rule == rule),
                        "{:?} refused by {rule} but the checker finds {:?}",
                        c.change,
                        found.iter().map(|v| v.rule).collect::<Vec<_>>()
                    );
                }
            }
        }
    }

    #[test]
    fn a_person_outside_the_plan_has_no_alternatives() {
        let (case, elig, plan) = tiny();
        let model = ScoreModel::new(&case, &elig, None);
        let p28 = case.person_by_id("P28").unwrap();
        let r = replacements(&case, &elig, &model, &plan, p28, 10);
        assert!(r.place.is_none() && r.allowed.is_empty() && r.refused.is_empty());
    }
}
