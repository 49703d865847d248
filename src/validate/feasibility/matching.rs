//! Across groups: a capacitated matching of people to group slots, and the
//! finding when groups together need more people than may join any of them.

use super::{Because, Claim, Example, Finding, Hint, Need, Reason};
use crate::constraints::{blockers, Eligibility};
use crate::model::{Case, GroupId, PersonId, RuleId};
use std::collections::VecDeque;

/// Capacitated matching of people to group slots: `need[g]` slots per group,
/// each candidate in at most one slot, only where `allowed`. Returns the
/// groups of a Hall violator (a set of groups needing more slots than the
/// people who may fill any of them) and those people, if the need cannot be met.
pub fn hall_violator(
    elig: &Eligibility,
    need: &[usize],
    candidates: &[PersonId],
) -> Option<(Vec<GroupId>, Vec<PersonId>)> {
    let n_groups = need.len();
    let mut assigned: Vec<Option<usize>> = vec![None; candidates.len()];
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n_groups];
    // greedy: scarce candidates (fewest groups) first
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&i| (elig.count_of(candidates[i]), i));
    // groups still short of people, as bits, so a candidate finds one in a few word operations
    let mut open = vec![0u64; n_groups.div_ceil(64).max(1)];
    for (g, &n) in need.iter().enumerate() {
        if n > 0 {
            open[g / 64] |= 1 << (g % 64);
        }
    }
    for &i in &order {
        let p = candidates[i];
        let row = elig.row(p);
        let Some(g) = open
            .iter()
            .zip(row)
            .enumerate()
            .find(|(_, (o, r))| *o & *r != 0)
            .map(|(w, (o, r))| w * 64 + (o & r).trailing_zeros() as usize)
        else {
            continue;
        };
        assigned[i] = Some(g);
        members[g].push(i);
        if members[g].len() == need[g] {
            open[g / 64] &= !(1 << (g % 64));
        }
    }
    // augment along alternating paths from each group short of people
    for start in 0..n_groups {
        while members[start].len() < need[start] {
            let mut prev: Vec<Option<(usize, usize)>> = vec![None; n_groups]; // group -> (via candidate, from group)
            let mut seen = vec![false; n_groups];
            seen[start] = true;
            let mut queue = VecDeque::from([start]);
            let mut found: Option<(usize, usize)> = None; // (free candidate, its group)
            'bfs: while let Some(g) = queue.pop_front() {
                for (i, &p) in candidates.iter().enumerate() {
                    if !elig.allowed(p, GroupId(g as u32)) {
                        continue;
                    }
                    match assigned[i] {
                        None => {
                            found = Some((i, g));
                            break 'bfs;
                        }
                        Some(h) if !seen[h] => {
                            seen[h] = true;
                            prev[h] = Some((i, g));
                            queue.push_back(h);
                        }
                        _ => {}
                    }
                }
            }
            match found {
                Some((mut i, mut g)) => loop {
                    // move candidate i into g; g's displaced link continues the path
                    if let Some(old) = assigned[i] {
                        members[old].retain(|&x| x != i);
                    }
                    assigned[i] = Some(g);
                    members[g].push(i);
                    match prev[g] {
                        Some((j, h)) => {
                            i = j;
                            g = h;
                        }
                        None => break,
                    }
                },
                None => {
                    let groups: Vec<GroupId> = (0..n_groups)
                        .filter(|&g| seen[g])
                        .map(|g| GroupId(g as u32))
                        .collect();
                    let mut people: Vec<PersonId> = groups
                        .iter()
                        .flat_map(|g| members[g.ix()].iter().map(|&i| candidates[i]))
                        .collect();
                    people.sort_unstable();
                    return Some((groups, people));
                }
            }
        }
    }
    None
}

/// The finding for groups that together need more of `need` (`want[g]` per
/// group) than the `candidates` who may join any of them, if there are such.
pub(crate) fn matching_finding(
    case: &Case,
    elig: &Eligibility,
    want: &[usize],
    candidates: &[PersonId],
    rule: RuleId,
    need: Need,
) -> Option<Finding> {
    let (groups, people) = hall_violator(elig, want, candidates)?;
    let total: usize = groups.iter().map(|g| want[g.ix()]).sum();
    let names: Vec<String> = groups.iter().map(|&g| case.group(g).id.clone()).collect();
    let mut because = vec![Because {
        rule,
        reason: Reason::OnlyEligible { need },
        count: people.len(),
        examples: vec![],
        people: people.iter().map(|&p| case.person(p).id.clone()).collect(),
        sole: 0,
    }];
    // the other candidates may join none of these groups: say why, by example
    let shut_out: Vec<PersonId> = candidates
        .iter()
        .copied()
        .filter(|p| people.binary_search(p).is_err())
        .collect();
    if !shut_out.is_empty() {
        let examples = shut_out
            .iter()
            .take(3)
            .map(|&p| {
                Example::Facts(
                    groups
                        .iter()
                        .filter_map(|&g| blockers(case, p, g).first().map(|b| (*b, g)))
                        .collect(),
                )
            })
            .collect();
        because.push(Because {
            rule,
            reason: Reason::ShutOut {
                need,
                groups: groups.clone(),
            },
            count: shut_out.len(),
            examples,
            people: shut_out
                .iter()
                .map(|&p| case.person(p).id.clone())
                .collect(),
            sole: 0,
        });
    }
    Some(Finding {
        rule,
        groups: names,
        pool: None,
        claim: Claim::Matching {
            groups: groups.clone(),
            total,
            need,
            available: people.len(),
        },
        because,
        hints: vec![Hint::AddFromElsewhere { need, groups }, Hint::FewerGroups],
    })
}
