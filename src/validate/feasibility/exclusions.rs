//! Why the people a group needs are kept out of it, sorted into a short
//! list of reasons, and the hints that follow from them.

use super::{Because, Example, Hint, Need, Reason};
use crate::constraints::{blockers, Blocker};
use crate::model::{Case, GroupId, PersonId, RegionId, RuleId};
use std::collections::{BTreeMap, BTreeSet};

/// Sorts `candidates` not allowed in `g` into reasons, greedily naming the
/// rule that covers most of the rest first, so the list is short.
pub fn exclusions(case: &Case, g: GroupId, candidates: &[PersonId]) -> Vec<Because> {
    let mut out = Vec::new();
    let (mut unavailable, mut excluded) = (Vec::new(), Vec::new());
    let mut per_person: Vec<(PersonId, Vec<Blocker>)> = Vec::new();
    for &p in candidates {
        if !case.person(p).available {
            unavailable.push(p);
        } else if case.excluded[p.ix()] {
            excluded.push(p);
        } else {
            let b = blockers(case, p, g);
            if !b.is_empty() {
                per_person.push((p, b));
            }
        }
    }
    let ids = |v: &[PersonId]| v.iter().map(|&p| case.person(p).id.clone()).collect();
    let examples = |v: &[PersonId]| v.iter().take(3).map(|&p| Example::Person(p)).collect();
    if !unavailable.is_empty() {
        out.push(Because {
            rule: RuleId::Unavailable,
            reason: Reason::Unavailable,
            count: unavailable.len(),
            examples: examples(&unavailable),
            people: ids(&unavailable),
            sole: unavailable.len(),
        });
    }
    if !excluded.is_empty() {
        out.push(Because {
            rule: RuleId::Unavailable,
            reason: Reason::Excluded,
            count: excluded.len(),
            examples: examples(&excluded),
            people: ids(&excluded),
            sole: excluded.len(),
        });
    }
    while !per_person.is_empty() {
        let mut count: BTreeMap<(RuleId, &'static str), usize> = BTreeMap::new();
        for (_, bs) in &per_person {
            let mut seen = BTreeSet::new();
            for b in bs {
                seen.insert((b.rule(), b.fact.reason()));
            }
            for k in seen {
                *count.entry(k).or_default() += 1;
            }
        }
        let (&(rule, reason), _) = count
            .iter()
            .max_by_key(|(k, &n)| (n, std::cmp::Reverse(reason_rank(k.1))))
            .expect("non-empty");
        let (hit, rest): (Vec<_>, Vec<_>) = per_person.into_iter().partition(|(_, bs)| {
            bs.iter()
                .any(|b| b.rule() == rule && b.fact.reason() == reason)
        });
        per_person = rest;
        let people: Vec<PersonId> = hit.iter().map(|(p, _)| *p).collect();
        let sole = hit
            .iter()
            .filter(|(_, bs)| {
                bs.iter()
                    .all(|b| b.rule() == rule && b.fact.reason() == reason)
            })
            .count();
        let examples = hit
            .iter()
            .take(3)
            .map(|(_, bs)| {
                let b = bs
                    .iter()
                    .find(|b| b.rule() == rule && b.fact.reason() == reason)
                    .expect("partitioned on it");
                Example::Facts(vec![(*b, g)])
            })
            .collect();
        out.push(Because {
            rule,
            reason: Reason::Fact { reason, group: g },
            count: people.len(),
            examples,
            people: ids(&people),
            sole,
        });
    }
    out
}

/// Which reason to name first when two cover as many people: the plainest.
fn reason_rank(reason: &str) -> usize {
    [
        "current-post",
        "region",
        "past-post",
        "kin",
        "relative",
        "native",
        "declared-conflict",
        "business-tie",
    ]
    .iter()
    .position(|r| *r == reason)
    .unwrap_or(usize::MAX)
}

/// The distinct regions of a group's targets.
pub fn target_regions(case: &Case, g: GroupId) -> Vec<RegionId> {
    let set: BTreeSet<RegionId> = case
        .group(g)
        .targets
        .iter()
        .map(|&t| case.unit(t).region)
        .collect();
    set.into_iter().collect()
}

/// The hints for a group short of `need`, from the reasons its people are
/// kept out.
pub(crate) fn hints_for(case: &Case, g: GroupId, because: &[Because], need: Need) -> Vec<Hint> {
    let mut hints = vec![Hint::AddFromOutside {
        need,
        regions: target_regions(case, g),
    }];
    for b in because {
        let h = match (&b.reason, b.sole > 0) {
            (
                Reason::Fact {
                    reason: "native", ..
                },
                true,
            ) => Hint::RelaxNative { frees: b.sole },
            (
                Reason::Fact {
                    reason: "past-post",
                    ..
                },
                true,
            ) => Hint::CheckPastPosts,
            (
                Reason::Fact {
                    reason: "business-tie",
                    ..
                },
                true,
            ) => Hint::ReviewBusinessTies,
            (Reason::Unavailable | Reason::Excluded, _) => Hint::MakeAvailable { need },
            _ => continue,
        };
        if !hints.contains(&h) {
            hints.push(h);
        }
    }
    if case.round.groups.len() > 1 {
        if let Some(&first) = case.group(g).targets.first() {
            hints.push(Hint::MoveTarget { unit: first });
        }
    }
    hints
}
