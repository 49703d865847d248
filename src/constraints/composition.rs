//! Rules 4–7: one group per person and none for the unavailable, group size and
//! leaders, kin apart, and mixing by region and unit.

use super::{Cause, Mode, Staffing, Violation};
use crate::model::{GroupId, PersonId, RegionId, RuleId, UnitId};
use std::collections::BTreeMap;

/// Rule 4: each person in at most one group, unavailable and excluded people in none.
pub fn check_assignment(s: &Staffing, out: &mut Vec<Violation>) {
    let case = s.case;
    let mut seen: BTreeMap<PersonId, Vec<GroupId>> = BTreeMap::new();
    for (gi, (_, members)) in s.groups.iter().enumerate() {
        for &p in members {
            seen.entry(p).or_default().push(GroupId(gi as u32));
        }
    }
    for (p, gs) in &seen {
        let p = *p;
        if gs.len() > 1 {
            out.push(
                Violation::new(
                    RuleId::OneGroup,
                    "one-group",
                    Cause::PlacedTwice {
                        person: p,
                        groups: gs.clone(),
                    },
                )
                .in_group(case, gs[1])
                .of(case, p),
            );
        }
        let person = case.person(p);
        if !person.available {
            out.push(
                Violation::new(
                    RuleId::Unavailable,
                    "unavailable",
                    Cause::Unavailable { person: p },
                )
                .in_group(case, gs[0])
                .of(case, p),
            );
        } else if case.excluded[p.ix()] {
            out.push(
                Violation::new(
                    RuleId::Unavailable,
                    "excluded",
                    Cause::Excluded { person: p },
                )
                .in_group(case, gs[0])
                .of(case, p),
            );
        }
    }
}

fn distinct(members: &[PersonId]) -> Vec<PersonId> {
    let mut m = members.to_vec();
    m.sort_unstable();
    m.dedup();
    m
}

/// Rule 5: size within bounds, exactly `leaders_per_group` leaders, all from the leader pool.
pub fn check_size_and_leaders(s: &Staffing, mode: Mode, out: &mut Vec<Violation>) {
    let case = s.case;
    let need = case.round.policy.leaders_per_group as usize;
    for (gi, (leaders, members)) in s.groups.iter().enumerate() {
        let g = GroupId(gi as u32);
        let group = case.group(g);
        let (lo, hi) = group.size;
        let n = distinct(members).len();
        if n > hi as usize || (mode == Mode::Full && n < lo as usize) {
            out.push(
                Violation::new(
                    RuleId::GroupSize,
                    if n > hi as usize {
                        "too-many"
                    } else {
                        "too-few"
                    },
                    Cause::Size { group: g, n },
                )
                .in_group(case, g),
            );
        }
        let leaders = distinct(leaders);
        if leaders.len() > need || (mode == Mode::Full && leaders.len() < need) {
            out.push(
                Violation::new(
                    RuleId::Leader,
                    "leader-count",
                    Cause::LeaderCount {
                        group: g,
                        leaders: leaders.clone(),
                        need,
                    },
                )
                .in_group(case, g)
                .with_others(case, &leaders),
            );
        }
        for &p in &leaders {
            if !case.person(p).leader {
                out.push(
                    Violation::new(
                        RuleId::Leader,
                        "not-in-leader-pool",
                        Cause::NotInLeaderPool {
                            group: g,
                            person: p,
                        },
                    )
                    .in_group(case, g)
                    .of(case, p),
                );
            }
        }
    }
}

/// Rule 5 (`deputy`): exactly `deputies_per_group` deputy leaders (副组长),
/// each from the deputy pool and none also a leader of the group.
pub fn check_deputies(s: &Staffing, mode: Mode, out: &mut Vec<Violation>) {
    let case = s.case;
    let need = case.round.policy.deputies_per_group as usize;
    for (gi, deputies) in s.deputies.iter().enumerate() {
        let g = GroupId(gi as u32);
        let deputies = distinct(deputies);
        let leaders = &s.groups[gi].0;
        if deputies.len() > need || (mode == Mode::Full && deputies.len() < need) {
            out.push(
                Violation::new(
                    RuleId::Deputy,
                    "deputy-count",
                    Cause::DeputyCount {
                        group: g,
                        deputies: deputies.clone(),
                        need,
                    },
                )
                .in_group(case, g)
                .with_others(case, &deputies),
            );
        }
        for &p in &deputies {
            if leaders.contains(&p) {
                out.push(
                    Violation::new(
                        RuleId::Deputy,
                        "deputy-also-leader",
                        Cause::DeputyAlsoLeader {
                            group: g,
                            person: p,
                        },
                    )
                    .in_group(case, g)
                    .of(case, p),
                );
            } else if !case.person(p).deputy {
                out.push(
                    Violation::new(
                        RuleId::Deputy,
                        "not-in-deputy-pool",
                        Cause::NotInDeputyPool {
                            group: g,
                            person: p,
                        },
                    )
                    .in_group(case, g)
                    .of(case, p),
                );
            }
        }
    }
}

/// Rule 5 (`leader_outranks_members`): no member of a group, its deputies
/// included, is above its leader on the rank scale (`Person::rank_step`,
/// 一级/二级 apart). Deputies and members are not ordered among themselves.
pub fn check_seniority(s: &Staffing, out: &mut Vec<Violation>) {
    let case = s.case;
    if !case.round.policy.leader_outranks_members {
        return;
    }
    for (gi, (leaders, members)) in s.groups.iter().enumerate() {
        let g = GroupId(gi as u32);
        for &l in &distinct(leaders) {
            let step = case.person(l).rank_step;
            for &m in &distinct(members) {
                if leaders.contains(&m) || case.person(m).rank_step <= step {
                    continue;
                }
                out.push(
                    Violation::new(
                        RuleId::LeaderSeniority,
                        "leader-junior",
                        Cause::LeaderJunior {
                            group: g,
                            leader: l,
                            member: m,
                        },
                    )
                    .in_group(case, g)
                    .of(case, l)
                    .with_others(case, &[m]),
                );
            }
        }
    }
}

/// Rule 6: close kin never share a group.
pub fn check_kin(s: &Staffing, out: &mut Vec<Violation>) {
    let case = s.case;
    for (gi, (_, members)) in s.groups.iter().enumerate() {
        let g = GroupId(gi as u32);
        let members = distinct(members);
        for (i, k) in case.kin.iter().enumerate() {
            if members.binary_search(&k.a).is_ok() && members.binary_search(&k.b).is_ok() {
                out.push(
                    Violation::new(
                        RuleId::KinSameGroup,
                        "kin",
                        Cause::Kin { group: g, fact: i },
                    )
                    .in_group(case, g)
                    .of(case, k.b)
                    .with_others(case, &[k.a]),
                );
            }
        }
    }
}

/// Rule 7: at most `max_same_region` members from one region and
/// `max_same_unit` from one unit per group.
pub fn check_mixing(s: &Staffing, out: &mut Vec<Violation>) {
    let case = s.case;
    let policy = &case.round.policy;
    for (gi, (_, members)) in s.groups.iter().enumerate() {
        let g = GroupId(gi as u32);
        let members = distinct(members);
        let mut by_region: BTreeMap<RegionId, Vec<PersonId>> = BTreeMap::new();
        let mut by_unit: BTreeMap<UnitId, Vec<PersonId>> = BTreeMap::new();
        for &p in &members {
            by_region.entry(case.person(p).region).or_default().push(p);
            by_unit.entry(case.person(p).unit).or_default().push(p);
        }
        for (r, ps) in by_region {
            if ps.len() > policy.max_same_region as usize {
                out.push(
                    Violation::new(
                        RuleId::MixingRegion,
                        "same-region",
                        Cause::SameRegion {
                            group: g,
                            region: r,
                            members: ps.clone(),
                        },
                    )
                    .in_group(case, g)
                    .of(case, *ps.last().expect("non-empty"))
                    .with_others(case, &ps),
                );
            }
        }
        for (u, ps) in by_unit {
            if ps.len() > policy.max_same_unit as usize {
                out.push(
                    Violation::new(
                        RuleId::MixingUnit,
                        "same-unit",
                        Cause::SameUnit {
                            group: g,
                            unit: u,
                            members: ps.clone(),
                        },
                    )
                    .in_group(case, g)
                    .of(case, *ps.last().expect("non-empty"))
                    .with_others(case, &ps),
                );
            }
        }
    }
}
