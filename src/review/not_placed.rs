//! Why each person of the pool is not in a plan, as data: unavailable,
//! excluded, kept out of every group by rules 1–3 (per group, which), or
//! eligible and not chosen (with the groups they could have joined). The
//! printable workbook's 未入选 sheet and the review page render it.

use crate::constraints::{blockers, Eligibility};
use crate::model::{Case, GroupId, PersonId, Plan, RuleId};
use serde::Serialize;

/// Why a person is not in the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NotPlacedWhy {
    /// 可抽调 = 否.
    Unavailable,
    /// Listed in the round's `exclude`.
    Excluded,
    /// Rules 1–3 keep them out of every group: per group, the rules that
    /// refuse it (each rule once, in the order of SPEC §3).
    NoGroup {
        /// Per group of the round, its refusing rules.
        groups: Vec<(GroupId, Vec<RuleId>)>,
    },
    /// They may join some groups and were not chosen (a must-serve person
    /// among them is a cost of the plan's score).
    NotChosen {
        /// 须参加.
        must_serve: bool,
        /// The groups rules 1–3 allow them in.
        groups: Vec<GroupId>,
    },
}

/// One person not in a plan and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotPlaced {
    /// Who.
    pub person: PersonId,
    /// Why.
    pub why: NotPlacedWhy,
}

/// Everyone of the pool not in `plan`, in the order of the people table.
pub fn not_placed(case: &Case, elig: &Eligibility, plan: &Plan) -> Vec<NotPlaced> {
    let mut placed = vec![false; case.people.len()];
    for pg in &plan.groups {
        for &p in pg.members.iter().chain(&pg.leaders) {
            placed[p.ix()] = true;
        }
    }
    case.person_ids()
        .filter(|p| !placed[p.ix()])
        .map(|p| NotPlaced {
            person: p,
            why: why_not_placed(case, elig, p),
        })
        .collect()
}

fn why_not_placed(case: &Case, elig: &Eligibility, p: PersonId) -> NotPlacedWhy {
    let x = case.person(p);
    if !x.available {
        return NotPlacedWhy::Unavailable;
    }
    if case.excluded[p.ix()] {
        return NotPlacedWhy::Excluded;
    }
    let allowed: Vec<GroupId> = elig.groups_of(p).collect();
    if !allowed.is_empty() {
        return NotPlacedWhy::NotChosen {
            must_serve: x.must_serve,
            groups: allowed,
        };
    }
    let groups = case
        .group_ids()
        .map(|g| {
            let mut rules: Vec<RuleId> = blockers(case, p, g).iter().map(|b| b.rule()).collect();
            rules.sort();
            rules.dedup();
            (g, rules)
        })
        .collect();
    NotPlacedWhy::NoGroup { groups }
}
