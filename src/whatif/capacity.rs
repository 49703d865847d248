//! `whatif --capacity`: how many more groups this pool could staff, and what
//! runs out first.
//!
//! An extra group is one more group of the round's own kind: the k-th extra
//! group inspects the targets of the round's group number k (G1, G2, … in
//! turn, then again from G1), so it meets the same avoidances in the same
//! regions, with that group's size and the round's requirements. The pool
//! staffs k extra groups when the search finds a plan keeping every rule for
//! the round's groups and those k together.
//!
//! Counting alone (leaders, people, experts per area, avoidances aside) gives
//! an upper bound; within it the largest k is found by doubling and then
//! halving. Staffing k groups implies staffing k − 1 (drop one), so the
//! answer is a threshold. Above it, the pre-solve report proves why not
//! where it can; where it cannot, the report says the search found no plan.

use super::{first_plan, Settings};
use crate::explain::no_plan_line;
use crate::model::{Case, Group, RuleId};
use crate::solve::NoPlan;
use serde::Serialize;
use std::collections::BTreeMap;

/// What one resource alone allows, by counting (avoidances aside).
#[derive(Debug, Clone, Serialize)]
pub struct Resource {
    /// `leaders`, `people` or `area.<key>`.
    pub key: String,
    /// In words, e.g. `leaders (组长库)` or `audit (审计)`.
    pub label: String,
    /// How many drawable people count for it.
    pub available: usize,
    /// What each group needs of it (for `people`: the least size of the first group).
    pub per_group: usize,
    /// Groups in all it could supply on its own.
    pub groups: usize,
}

/// The result of trying `k` extra groups.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum Probe {
    /// A plan keeping every rule was found.
    Staffed,
    /// Proven impossible (the pre-solve report, or the counting bound).
    Impossible {
        /// The rule that cannot be met.
        rule: String,
        /// Why, in words.
        why: String,
    },
    /// The search found no plan; not proven impossible.
    NotFound {
        /// What the best attempt misses.
        why: String,
    },
}

/// The answer to `--capacity`.
#[derive(Debug, Clone, Serialize)]
pub struct Capacity {
    /// Groups in the round.
    pub round_groups: usize,
    /// Whether the round itself can be staffed; if not, why.
    pub round_staffed: Result<(), String>,
    /// Extra groups the pool staffs (a plan was found for the round and these).
    pub more: usize,
    /// Why one more fails: the probe at `more + 1`.
    pub next: Option<Probe>,
    /// The fewest extra groups proven impossible (by the pre-solve report,
    /// or else by counting); 0 when the round itself cannot be staffed.
    pub proven_impossible_from: usize,
    /// The counting bounds, scarcest first.
    pub resources: Vec<Resource>,
    /// Every count tried, with its result, in order of size.
    pub probes: BTreeMap<usize, Probe>,
}

/// The id of the k-th extra group (1-based): `+k`.
pub fn extra_id(k: usize) -> String {
    format!("+{k}")
}

/// The case with `k` extra groups (see the module's text).
pub fn with_extra_groups(case: &Case, k: usize) -> Case {
    let base = &case.round.groups;
    let mut round = case.round.clone();
    for j in 0..k {
        let like = &base[j % base.len()];
        round.groups.push(Group {
            id: extra_id(j + 1),
            targets: like.targets.clone(),
            size: like.size,
        });
    }
    Case::new(
        case.units.clone(),
        case.people.clone(),
        case.regions.clone(),
        case.posts.clone(),
        case.kin.clone(),
        case.relatives.clone(),
        case.conflicts.clone(),
        case.ties.clone(),
        round,
        case.sources.clone(),
    )
}

/// How many groups in all `available` can supply when group i needs `need(i)` (≥ 1).
fn groups_supplied(available: usize, need: impl Fn(usize) -> usize) -> usize {
    let mut used = 0usize;
    let mut n = 0usize;
    loop {
        let k = need(n).max(1);
        if used + k > available {
            return n;
        }
        used += k;
        n += 1;
    }
}

/// The counting bounds of the pool: leaders, people, and each required area.
pub fn resources(case: &Case) -> Vec<Resource> {
    let drawable: Vec<_> = case.person_ids().filter(|&p| case.drawable(p)).collect();
    let groups = &case.round.groups;
    // group i of the round and its extra groups after it, by the module's rule
    let size_of = |i: usize| -> usize {
        if groups.is_empty() {
            1
        } else if i < groups.len() {
            groups[i].size.0 as usize
        } else {
            groups[(i - groups.len()) % groups.len()].size.0 as usize
        }
    };
    let lpg = case.round.policy.leaders_per_group as usize;
    let leaders = drawable.iter().filter(|&&p| case.person(p).leader).count();
    let mut out = vec![
        Resource {
            key: "leaders".into(),
            label: "leaders (组长库)".into(),
            available: leaders,
            per_group: lpg,
            groups: groups_supplied(leaders, |_| lpg),
        },
        Resource {
            key: "people".into(),
            label: "people (人员)".into(),
            available: drawable.len(),
            per_group: size_of(0),
            groups: groups_supplied(drawable.len(), size_of),
        },
    ];
    for (k, area) in case.round.areas.iter().enumerate() {
        let need = case.round.requirements[k] as usize;
        if need == 0 {
            continue;
        }
        let experts = drawable
            .iter()
            .filter(|&&p| case.person(p).levels[k] >= 1)
            .count();
        out.push(Resource {
            key: format!("area.{}", area.key),
            label: format!("{} ({})", area.key, area.label),
            available: experts,
            per_group: need,
            groups: groups_supplied(experts, |_| need),
        });
    }
    out.sort_by(|a, b| a.groups.cmp(&b.groups).then(a.key.cmp(&b.key)));
    out
}

/// Tries the round with `k` extra groups.
fn probe(case: &Case, k: usize, settings: &Settings) -> Probe {
    let c = with_extra_groups(case, k);
    match first_plan(&c, settings) {
        Ok(()) => Probe::Staffed,
        Err(NoPlan::Proven(report)) => {
            let rule = report
                .findings
                .first()
                .map(|f| f.rule)
                .unwrap_or(RuleId::GroupSize);
            Probe::Impossible {
                rule: rule.as_str().to_string(),
                why: no_plan_line(settings.lang, &c, &NoPlan::Proven(report)),
            }
        }
        Err(no) => Probe::NotFound {
            why: no_plan_line(settings.lang, &c, &no),
        },
    }
}

/// How many more groups the pool staffs (see the module's text).
pub fn capacity(case: &Case, settings: &Settings) -> Capacity {
    let resources = resources(case);
    let g = case.round.groups.len();
    let mut probes: BTreeMap<usize, Probe> = BTreeMap::new();
    let base = probe(case, 0, settings);
    let round_staffed = match &base {
        Probe::Staffed => Ok(()),
        Probe::Impossible { why, .. } | Probe::NotFound { why } => Err(why.clone()),
    };
    probes.insert(0, base);
    if round_staffed.is_err() {
        return Capacity {
            round_groups: g,
            round_staffed,
            more: 0,
            next: None,
            proven_impossible_from: 0,
            resources,
            probes,
        };
    }
    // counting: one more than the scarcest resource allows is impossible
    let bound = resources
        .iter()
        .map(|r| r.groups)
        .min()
        .unwrap_or(g)
        .saturating_sub(g);
    let mut lo = 0usize; // staffed
    let mut hi = bound + 1; // not staffed (proven by counting)
                            // doubling from 1, then halving between the last success and the first failure
    let mut k = 1usize;
    while k < hi {
        let p = probe(case, k, settings);
        let ok = matches!(p, Probe::Staffed);
        probes.insert(k, p);
        if ok {
            lo = k;
            k *= 2;
        } else {
            hi = k;
            break;
        }
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        let p = probe(case, mid, settings);
        let ok = matches!(p, Probe::Staffed);
        probes.insert(mid, p);
        if ok {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    // at the counting bound, ask the pre-solve report for the avoidance-aware reason
    probes
        .entry(hi)
        .or_insert_with(|| probe(case, hi, settings));
    // the fewest proven impossible: a probe's proof, else the counting bound
    let proven_impossible_from = probes
        .iter()
        .find(|(_, p)| matches!(p, Probe::Impossible { .. }))
        .map_or(bound + 1, |(&k, _)| k);
    Capacity {
        round_groups: g,
        round_staffed,
        more: lo,
        next: probes.get(&hi).cloned(),
        proven_impossible_from,
        resources,
        probes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting() {
        assert_eq!(groups_supplied(10, |_| 4), 2);
        assert_eq!(groups_supplied(12, |_| 4), 3);
        assert_eq!(groups_supplied(0, |_| 1), 0);
        assert_eq!(groups_supplied(9, |i| if i == 0 { 5 } else { 4 }), 2);
    }
}
