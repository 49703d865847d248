//! Rule 8: no "you inspect me, I inspect you" between two regions.

use super::{Cause, Staffing, Violation};
use crate::model::{GroupId, PersonId, RegionId, RuleId, UnitId};
use std::collections::BTreeMap;

/// One person of a region inspecting another region: who, in which group,
/// which target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Witness {
    /// The person.
    pub person: PersonId,
    /// Their group.
    pub group: GroupId,
    /// The target in the other region.
    pub target: UnitId,
}

/// For each ordered pair of regions (A, B), A ≠ B: who from A inspects B.
fn flows(s: &Staffing) -> BTreeMap<(RegionId, RegionId), Vec<Witness>> {
    let case = s.case;
    let mut out: BTreeMap<(RegionId, RegionId), Vec<Witness>> = BTreeMap::new();
    for (gi, (_, members)) in s.groups.iter().enumerate() {
        let g = GroupId(gi as u32);
        let mut members = members.clone();
        members.sort_unstable();
        members.dedup();
        for &p in &members {
            let a = case.person(p).region;
            for &t in &case.group(g).targets {
                let b = case.unit(t).region;
                if a != b {
                    let w = out.entry((a, b)).or_default();
                    if !w.iter().any(|x| x.person == p && x.group == g) {
                        w.push(Witness {
                            person: p,
                            group: g,
                            target: t,
                        });
                    }
                }
            }
        }
    }
    out
}

/// Reports each pair of regions that inspect each other, once, naming the
/// people on both sides.
pub fn check_reciprocal(s: &Staffing, out: &mut Vec<Violation>) {
    let case = s.case;
    if !case.round.policy.reciprocal_avoidance {
        return;
    }
    let flows = flows(s);
    for (&(a, b), ab) in &flows {
        if a >= b {
            continue;
        }
        let Some(ba) = flows.get(&(b, a)) else {
            continue;
        };
        let mut people: Vec<PersonId> = ab.iter().chain(ba).map(|w| w.person).collect();
        people.dedup();
        let culprit = ba[0];
        out.push(
            Violation::new(
                RuleId::Reciprocal,
                "reciprocal",
                Cause::Reciprocal {
                    a,
                    b,
                    ab: ab.clone(),
                    ba: ba.clone(),
                },
            )
            .in_group(case, culprit.group)
            .of(case, culprit.person)
            .at_target(case, culprit.target)
            .with_others(case, &people),
        );
    }
}
