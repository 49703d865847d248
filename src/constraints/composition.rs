//! Rules 4–7: one group per person and none for the unavailable, group size and
//! leaders, kin apart, and mixing by region and unit.

use super::{Mode, Staffing, Violation};
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
            let names: Vec<&str> = gs.iter().map(|&g| case.group(g).id.as_str()).collect();
            out.push(
                Violation::new(
                    RuleId::OneGroup,
                    "one-group",
                    format!(
                        "{} is placed {} times: in {}",
                        case.person_label(p),
                        gs.len(),
                        names.join(", ")
                    ),
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
                    format!(
                        "{} is marked not available (可抽调 = 否, people line {})",
                        case.person_label(p),
                        person.line
                    ),
                )
                .in_group(case, gs[0])
                .of(case, p),
            );
        } else if case.excluded[p.ix()] {
            out.push(
                Violation::new(
                    RuleId::Unavailable,
                    "excluded",
                    format!(
                        "{} is excluded from this round (exclude in the round)",
                        case.person_label(p)
                    ),
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
                    format!(
                        "{} has {n} member{}, the bounds are {lo}–{hi}",
                        group.id,
                        if n == 1 { "" } else { "s" }
                    ),
                )
                .in_group(case, g),
            );
        }
        let leaders = distinct(leaders);
        if leaders.len() > need || (mode == Mode::Full && leaders.len() < need) {
            let names: Vec<String> = leaders.iter().map(|&p| case.person_label(p)).collect();
            out.push(
                Violation::new(
                    RuleId::Leader,
                    "leader-count",
                    format!(
                        "{} has {} leader{} ({}), it needs exactly {need}",
                        group.id,
                        leaders.len(),
                        if leaders.len() == 1 { "" } else { "s" },
                        if names.is_empty() {
                            "none".to_string()
                        } else {
                            names.join(", ")
                        }
                    ),
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
                        format!(
                            "{} leads {} but is not in the leader pool (组长库 = 否, people line {})",
                            case.person_label(p),
                            group.id,
                            case.person(p).line
                        ),
                    )
                    .in_group(case, g)
                    .of(case, p),
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
        for k in &case.kin {
            if members.binary_search(&k.a).is_ok() && members.binary_search(&k.b).is_ok() {
                let note = if k.note.is_empty() {
                    String::new()
                } else {
                    format!(", {}", k.note)
                };
                out.push(
                    Violation::new(
                        RuleId::KinSameGroup,
                        "kin",
                        format!(
                            "{} and {} are close relatives{note} (relations line {}) and both in {}",
                            case.person_label(k.a),
                            case.person_label(k.b),
                            k.line,
                            case.group(g).id
                        ),
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
                let names: Vec<String> = ps.iter().map(|&p| case.person_label(p)).collect();
                out.push(
                    Violation::new(
                        RuleId::MixingRegion,
                        "same-region",
                        format!(
                            "{} has {} members from region {} ({}); at most {} allowed",
                            case.group(g).id,
                            ps.len(),
                            case.region(r),
                            names.join(", "),
                            policy.max_same_region
                        ),
                    )
                    .in_group(case, g)
                    .of(case, *ps.last().expect("non-empty"))
                    .with_others(case, &ps),
                );
            }
        }
        for (u, ps) in by_unit {
            if ps.len() > policy.max_same_unit as usize {
                let names: Vec<String> = ps.iter().map(|&p| case.person_label(p)).collect();
                out.push(
                    Violation::new(
                        RuleId::MixingUnit,
                        "same-unit",
                        format!(
                            "{} has {} members from {} ({}); at most {} allowed",
                            case.group(g).id,
                            ps.len(),
                            case.unit_label(u),
                            names.join(", "),
                            policy.max_same_unit
                        ),
                    )
                    .in_group(case, g)
                    .of(case, *ps.last().expect("non-empty"))
                    .with_others(case, &ps),
                );
            }
        }
    }
}
