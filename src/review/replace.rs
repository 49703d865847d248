//! Who could take a person's place in a plan: every drawable person left out
//! (in the person's role), and every person of another group (a swap, each
//! taking the other's place and role), ranked by the change of the score,
//! each with the change term by term; and, for the best of those the rules
//! refuse, the rule that refuses them.
//!
//! The score of each alternative is found incrementally on the planner's
//! search state (a few group sums and counts change), so a province's pool
//! is ranked in a fraction of a second; the rules are asked of the same
//! state, by the planner's own insertion test (which names the rule that
//! refuses), and the alternatives offered are checked again by the
//! independent checker before they are returned.

use super::{places, Place};
use crate::constraints::{blockers, Blocker, Eligibility};
use crate::model::{Case, GroupId, PersonId, Plan, Role, RuleId};
use crate::solve::state::Placement;
use crate::solve::state::{Ctx, Refusal as StateRefusal, State, OUT};
use crate::solve::{Score, ScoreModel};

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

/// Why `p`, out of every group in `st`, may not take a place in `g` in
/// `role`: the first rule the planner's own insertion test finds
/// ([`State::check_insert`]), or an area the group would then lack; with
/// the finer reason and, for rules 1–3, the fact.
fn refusal(st: &State, case: &Case, p: PersonId, g: GroupId, role: Role) -> Option<Refusal> {
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
    match st.check_insert(p.0, g.0, role) {
        Ok(()) => None,
        Err(StateRefusal::Avoidance) => match blockers(case, p, g).into_iter().next() {
            Some(b) => no(b.rule(), b.fact.reason(), Some(b)),
            None => no(RuleId::PostAvoidance, "current-post", None),
        },
        Err(StateRefusal::Rule(r)) => no(r, reason_of(r), None),
    }
}

/// The finer reason the checker gives for a rule the insertion test names.
fn reason_of(rule: RuleId) -> &'static str {
    match rule {
        RuleId::Leader => "not-in-leader-pool",
        RuleId::Deputy => "not-in-deputy-pool",
        RuleId::LeaderSeniority => "leader-junior",
        RuleId::KinSameGroup => "kin",
        RuleId::MixingRegion => "same-region",
        RuleId::MixingUnit => "same-unit",
        other => other.as_str(),
    }
}

/// Does group `g` of `st` lack members of some required area?
fn short_of_an_area(st: &State, g: GroupId) -> bool {
    st.ctx
        .req
        .iter()
        .enumerate()
        .any(|(k, &r)| st.area_count(g.ix(), k) < r)
}

/// The requirement refusal of `p` joining `g`.
fn lacks_area(p: PersonId, g: GroupId) -> Option<Refusal> {
    Some(Refusal {
        rule: RuleId::Requirement,
        reason: "requirement",
        person: p,
        group: g,
        blocker: None,
    })
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
    let mut all: Vec<Candidate> = Vec::new();
    let x = person.0;
    // someone left out comes in
    st.remove(x);
    for y in case.person_ids() {
        if where_[y.ix()].is_some() || y == person || !case.drawable(y) {
            continue;
        }
        let mut refused = refusal(&st, case, y, g, lead);
        st.insert(y.0, g.0, lead);
        if refused.is_none() && short_of_an_area(&st, g) {
            refused = lacks_area(y, g);
        }
        let score = st.score();
        st.remove(y.0);
        all.push(Candidate {
            change: Move::Replace { by: y },
            delta: score.total(model) - base,
            score,
            refused,
        });
    }
    // a swap with someone of another group (`person` is out of `g` here)
    for z in case.person_ids() {
        let Some((h, zlead)) = where_[z.ix()] else {
            continue;
        };
        if h == g {
            continue;
        }
        st.remove(z.0);
        let mut refused = refusal(&st, case, z, g, lead);
        st.insert(z.0, g.0, lead);
        if refused.is_none() {
            refused = refusal(&st, case, person, h, zlead);
        }
        st.insert(x, h.0, zlead);
        if refused.is_none() && short_of_an_area(&st, g) {
            refused = lacks_area(z, g);
        }
        if refused.is_none() && short_of_an_area(&st, h) {
            refused = lacks_area(person, h);
        }
        if refused.is_none() && case.round.pins.iter().any(|p| p.person == z) {
            refused = Some(Refusal {
                rule: RuleId::Pin,
                reason: "pin",
                person: z,
                group: h,
                blocker: None,
            });
        }
        let score = st.score();
        st.remove(x);
        st.remove(z.0);
        st.insert(z.0, h.0, zlead);
        all.push(Candidate {
            change: Move::Swap { with: z, group: h },
            delta: score.total(model) - base,
            score,
            refused,
        });
    }
    st.insert(x, g.0, lead);
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
