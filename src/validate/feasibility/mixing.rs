//! The mixing caps (`max_same_region`, `max_same_unit`): how many of a
//! group's eligible people may join it at most, and the finding when that is
//! fewer than its minimum size.

use super::{Because, Claim, Example, Finding, Hint, Pool, Reason};
use crate::model::{Case, GroupId, PersonId, RegionId, RuleId, UnitId};
use std::collections::{BTreeMap, HashMap};

/// The mixing capacity of the whole drawable pool, to be adjusted per group
/// by the few people barred from it. People are counted by (region, unit):
/// a person's region may differ from their unit's.
pub(super) struct MixingBase {
    /// Drawable people per (region, unit).
    pairs: HashMap<(RegionId, UnitId), usize>,
    /// Per region: the sum over its units of min(max_same_unit, people).
    usable: Vec<usize>,
    /// The capacity with nobody barred.
    total: usize,
}

impl MixingBase {
    /// Counts the drawable pool.
    pub(super) fn new(case: &Case, drawable: &[PersonId]) -> MixingBase {
        let unit_cap = case.round.policy.max_same_unit as usize;
        let region_cap = case.round.policy.max_same_region as usize;
        let mut pairs: HashMap<(RegionId, UnitId), usize> = HashMap::new();
        for &p in drawable {
            let x = case.person(p);
            *pairs.entry((x.region, x.unit)).or_default() += 1;
        }
        let mut usable = vec![0usize; case.regions.len()];
        for (&(r, _), &n) in &pairs {
            usable[r.ix()] += n.min(unit_cap);
        }
        let total = usable.iter().map(|&u| u.min(region_cap)).sum();
        MixingBase {
            pairs,
            usable,
            total,
        }
    }

    /// The capacity when `out` (drawable people) are barred.
    pub(super) fn capacity_without(&self, case: &Case, out: &[PersonId]) -> usize {
        let unit_cap = case.round.policy.max_same_unit as usize;
        let region_cap = case.round.policy.max_same_region as usize;
        let mut lost: BTreeMap<(RegionId, UnitId), usize> = BTreeMap::new();
        for &p in out {
            let x = case.person(p);
            *lost.entry((x.region, x.unit)).or_default() += 1;
        }
        let mut region_usable: BTreeMap<RegionId, usize> = BTreeMap::new();
        for (&(r, u), &n) in &lost {
            let before = self.pairs[&(r, u)];
            let e = region_usable.entry(r).or_insert(self.usable[r.ix()]);
            *e = *e + (before - n).min(unit_cap) - before.min(unit_cap);
        }
        let mut total = self.total;
        for (r, now) in region_usable {
            total = total + now.min(region_cap) - self.usable[r.ix()].min(region_cap);
        }
        total
    }
}

/// How many of `eligible` could sit in one group at most, given the mixing caps.
pub fn mixing_capacity(case: &Case, eligible: &[PersonId]) -> usize {
    let policy = &case.round.policy;
    let mut by_region: BTreeMap<RegionId, BTreeMap<UnitId, usize>> = BTreeMap::new();
    for &p in eligible {
        let x = case.person(p);
        *by_region
            .entry(x.region)
            .or_default()
            .entry(x.unit)
            .or_default() += 1;
    }
    by_region
        .values()
        .map(|units| {
            let per_unit: usize = units
                .values()
                .map(|&n| n.min(policy.max_same_unit as usize))
                .sum();
            per_unit.min(policy.max_same_region as usize)
        })
        .sum()
}

/// The finding for a group whose eligible people the mixing caps let too
/// few of join, with the regions and units that hold them back.
pub(super) fn mixing_finding(
    case: &Case,
    g: GroupId,
    eligible: &[PersonId],
    capacity: usize,
) -> Finding {
    let policy = &case.round.policy;
    let group = case.group(g);
    let mut by_region: BTreeMap<RegionId, BTreeMap<UnitId, Vec<PersonId>>> = BTreeMap::new();
    for &p in eligible {
        let x = case.person(p);
        by_region
            .entry(x.region)
            .or_default()
            .entry(x.unit)
            .or_default()
            .push(p);
    }
    let unit_cap = policy.max_same_unit as usize;
    let region_cap = policy.max_same_region as usize;
    let only_units: usize = by_region
        .values()
        .flat_map(|u| u.values())
        .map(|ps| ps.len().min(unit_cap))
        .sum();
    let rule = if only_units < group.size.0 as usize {
        RuleId::MixingUnit
    } else {
        RuleId::MixingRegion
    };
    let mut because = Vec::new();
    for (&r, units) in &by_region {
        let people: Vec<PersonId> = units.values().flatten().copied().collect();
        let usable: usize = units.values().map(|ps| ps.len().min(unit_cap)).sum();
        if usable > region_cap || people.len() > usable {
            because.push(Because {
                rule: if usable > region_cap {
                    RuleId::MixingRegion
                } else {
                    RuleId::MixingUnit
                },
                reason: Reason::Mixing {
                    region: r,
                    units: units.len(),
                    at_most: usable.min(region_cap),
                },
                count: people.len(),
                examples: people.iter().take(3).map(|&p| Example::Person(p)).collect(),
                people: people.iter().map(|&p| case.person(p).id.clone()).collect(),
                sole: 0,
            });
        }
    }
    Finding {
        rule,
        groups: vec![group.id.clone()],
        claim: Claim::Mixing {
            group: g,
            capacity,
            eligible: eligible.len(),
            need: group.size.0 as usize,
        },
        pool: Some(Pool::Eligible(eligible.len())),
        because,
        hints: vec![Hint::MoreRegionsAndUnits, Hint::RaiseMixingCaps],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constraints::Eligibility;
    use crate::gen::{synthetic_case, GenOptions};

    /// The per-group capacity from pool totals equals the direct count.
    #[test]
    fn mixing_capacity_by_difference_equals_the_direct_count() {
        let mut case = synthetic_case(&GenOptions::new(3_000, 40, 3));
        for (max_region, max_unit) in [(2, 1), (3, 2), (1, 1)] {
            case.round.policy.max_same_region = max_region;
            case.round.policy.max_same_unit = max_unit;
            let elig = Eligibility::build(&case);
            let drawable: Vec<PersonId> = case.person_ids().filter(|&p| case.drawable(p)).collect();
            let base = MixingBase::new(&case, &drawable);
            for g in case.group_ids() {
                let (inside, out): (Vec<PersonId>, Vec<PersonId>) =
                    drawable.iter().partition(|&&p| elig.allowed(p, g));
                assert_eq!(
                    base.capacity_without(&case, &out),
                    mixing_capacity(&case, &inside)
                );
            }
        }
    }
}
