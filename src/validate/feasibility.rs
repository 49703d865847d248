//! The pre-solve feasibility report: groups that cannot be staffed whatever
//! happens, each with the facts that make it so and hints a person can act on.

use crate::constraints::{blockers, Blocker, Eligibility};
use crate::model::{Case, GroupId, PersonId, RegionId, RuleId, UnitId};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

/// Who a group is short of: leaders, people, or people with an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "area")]
pub enum Need {
    /// Leaders from the leader pool.
    Leaders,
    /// People (members).
    People,
    /// People with level ≥ 1 in an area (index into the round's areas).
    Experts(usize),
    /// Deputy leaders (副组长) from the deputy pool.
    Deputies,
}

/// Why a group of people is kept out, as data (rendered by `explain`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Not available (可抽调 = 否).
    Unavailable,
    /// Excluded from the round.
    Excluded,
    /// Rules 1–3: a fact of this finer reason (`region`, `native`,
    /// `current-post`, `past-post`, `kin`, `relative`, `declared-conflict`,
    /// `business-tie`) keeps them from a target of the group.
    Fact {
        /// The finer reason.
        reason: &'static str,
        /// The group.
        group: GroupId,
    },
    /// Mixing: the people of one region, in so many units, of whom at most
    /// so many may join.
    Mixing {
        /// The region.
        region: RegionId,
        /// Its units among them.
        units: usize,
        /// How many may join at most.
        at_most: usize,
    },
    /// Matching: the only ones of `need` eligible for any of the groups.
    OnlyEligible {
        /// Of whom.
        need: Need,
    },
    /// Seniority (`leader_outranks_members`): above the most senior leader
    /// the group may have.
    Senior {
        /// That leader.
        leader: PersonId,
    },
    /// Matching: the others of `need`, who may join none of the groups.
    ShutOut {
        /// Of whom.
        need: Need,
        /// The groups.
        groups: Vec<GroupId>,
    },
}

/// An example of a reason: a person (not available), a fact chain, or a
/// person's fact chains for several groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Example {
    /// A person (the fact is the reason itself).
    Person(PersonId),
    /// The facts that keep a person from each of the groups (one or more).
    Facts(Vec<(Blocker, GroupId)>),
}

/// One group of people kept out for one reason.
#[derive(Debug, Clone)]
pub struct Because {
    /// The rule (or `unavailable` for people not drawable).
    pub rule: RuleId,
    /// Why, as data.
    pub reason: Reason,
    /// How many.
    pub count: usize,
    /// Up to three examples.
    pub examples: Vec<Example>,
    /// Their ids (all of them).
    pub people: Vec<String>,
    /// How many of them are kept out by this reason alone (relaxing it frees them).
    pub sole: usize,
}

/// What a finding proves, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// A group with fewer eligible leaders than it needs.
    Leaders {
        /// The group.
        group: GroupId,
        /// Eligible leaders.
        eligible: usize,
        /// Needed.
        need: usize,
    },
    /// A group with fewer eligible people than its minimum size.
    People {
        /// The group.
        group: GroupId,
        /// Eligible people.
        eligible: usize,
        /// Its minimum size.
        need: usize,
    },
    /// A group whose eligible people the mixing caps let too few of join.
    Mixing {
        /// The group.
        group: GroupId,
        /// How many may join at most.
        capacity: usize,
        /// Eligible people.
        eligible: usize,
        /// Its minimum size.
        need: usize,
    },
    /// A requirement larger than the group's maximum size.
    RequirementTooLarge {
        /// The group.
        group: GroupId,
        /// The area.
        area: usize,
        /// Required.
        need: usize,
    },
    /// A group with fewer eligible people of an area than it requires.
    Experts {
        /// The group.
        group: GroupId,
        /// The area.
        area: usize,
        /// Eligible people with level ≥ 1.
        eligible: usize,
        /// Required.
        need: usize,
    },
    /// A group with fewer eligible deputy leaders than it needs.
    Deputies {
        /// The group.
        group: GroupId,
        /// Eligible people of the deputy pool.
        eligible: usize,
        /// Needed (`deputies_per_group`).
        need: usize,
    },
    /// A group with fewer eligible people of the leader and deputy pools
    /// together than its leaders and deputies, who must be different people.
    LeadersAndDeputies {
        /// The group.
        group: GroupId,
        /// Eligible people of either pool.
        eligible: usize,
        /// Leaders plus deputies per group.
        need: usize,
    },
    /// With `leader_outranks_members`, too few of `need` are not above the
    /// most senior leader the group may have.
    Seniority {
        /// The group.
        group: GroupId,
        /// That leader (the least senior of the most senior ones when a
        /// group has several leaders).
        leader: PersonId,
        /// Of whom.
        need: Need,
        /// How many of them may join under that leader.
        eligible: usize,
        /// How many the group needs.
        required: usize,
    },
    /// Groups that together need more than the people who may join any of them.
    Matching {
        /// The groups.
        groups: Vec<GroupId>,
        /// Together they need.
        total: usize,
        /// Of whom.
        need: Need,
        /// Eligible for any of them.
        available: usize,
    },
}

/// What the reasons are counted over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pool {
    /// The leader pool.
    Leaders(usize),
    /// The deputy pool (副组长库; the leader pool without that column).
    Deputies(usize),
    /// The whole pool.
    People(usize),
    /// The people with an area.
    Experts {
        /// The area.
        area: usize,
        /// How many.
        count: usize,
    },
    /// The group's eligible people.
    Eligible(usize),
}

/// What a person could change, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    /// Add one of `need` from outside the target regions.
    AddFromOutside {
        /// Of whom.
        need: Need,
        /// The target regions.
        regions: Vec<RegionId>,
    },
    /// Relax native avoidance: frees so many.
    RelaxNative {
        /// Freed.
        frees: usize,
    },
    /// Check the past posts (the look-back window).
    CheckPastPosts,
    /// Review the business ties, or relax business avoidance.
    ReviewBusinessTies,
    /// Make more of `need` available, or drop some from exclude.
    MakeAvailable {
        /// Of whom.
        need: Need,
    },
    /// Give a target to a group whose members come from elsewhere.
    MoveTarget {
        /// The target.
        unit: UnitId,
    },
    /// Add eligible people from more regions and units.
    MoreRegionsAndUnits,
    /// Raise the mixing caps.
    RaiseMixingCaps,
    /// Lower a requirement to at most the group's size.
    LowerRequirementTo {
        /// The area.
        area: usize,
        /// The group's maximum size.
        max: u32,
    },
    /// Raise the group's size.
    RaiseGroupSize,
    /// Lower a requirement below what it is.
    LowerRequirementBelow {
        /// The area.
        area: usize,
        /// What it is.
        need: usize,
    },
    /// Add one of `need` from a region none of the groups inspects.
    AddFromElsewhere {
        /// Of whom.
        need: Need,
        /// The groups.
        groups: Vec<GroupId>,
    },
    /// Fewer groups, or less needed of each.
    FewerGroups,
    /// Fewer deputies per group (`deputies_per_group`).
    FewerDeputies {
        /// What it is.
        now: u32,
    },
    /// Turn `leader_outranks_members` off.
    RelaxSeniority,
    /// Add a leader eligible for the group at least as senior as this rank step.
    AddSeniorLeader {
        /// The group.
        group: GroupId,
        /// The rank step (`Person::rank_step`) of the most senior person kept out.
        step: u8,
    },
}

/// A proof that the case cannot be staffed, in terms a person can act on.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The rule that cannot be met.
    pub rule: RuleId,
    /// The groups concerned, by id.
    pub groups: Vec<String>,
    /// The conclusion.
    pub claim: Claim,
    /// What the reasons below are counted over.
    pub pool: Option<Pool>,
    /// The facts behind it.
    pub because: Vec<Because>,
    /// What could be changed.
    pub hints: Vec<Hint>,
}

/// Per group: how many may join, in total, as leaders and per area.
#[derive(Debug, Clone, Serialize)]
pub struct GroupStats {
    /// Group id.
    pub group: String,
    /// Drawable people allowed by rules 1–3.
    pub eligible: usize,
    /// … of whom in the leader pool.
    pub eligible_leaders: usize,
    /// … per area with level ≥ 1, in area order.
    pub per_area: Vec<usize>,
    /// How many could be placed at most given the mixing caps.
    pub mixing_capacity: usize,
    /// Drawable people kept out, per rule (a person may count under several).
    pub blocked: BTreeMap<RuleId, usize>,
    /// People not drawable (unavailable or excluded).
    pub not_drawable: usize,
}

/// The whole report.
#[derive(Debug, Clone)]
pub struct Feasibility {
    /// Per group.
    pub groups: Vec<GroupStats>,
    /// Problems found; empty when nothing proves the case infeasible.
    pub findings: Vec<Finding>,
}

impl Feasibility {
    /// True when no finding proves the case infeasible.
    pub fn ok(&self) -> bool {
        self.findings.is_empty()
    }
}

/// Sorts `candidates` not allowed in `g` into reasons, greedily naming the
/// rule that covers most of the rest first, so the list is short.
pub fn exclusions(case: &Case, g: GroupId, candidates: &[PersonId]) -> Vec<Because> {
    let mut out = Vec::new();
    let (mut unavailable, mut excluded) = (Vec::new(), Vec::new());
    let mut per_person: Vec<(PersonId, Vec<crate::constraints::Blocker>)> = Vec::new();
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

/// The mixing capacity of the whole drawable pool, to be adjusted per group
/// by the few people barred from it. People are counted by (region, unit):
/// a person's region may differ from their unit's.
struct MixingBase {
    /// Drawable people per (region, unit).
    pairs: HashMap<(RegionId, UnitId), usize>,
    /// Per region: the sum over its units of min(max_same_unit, people).
    usable: Vec<usize>,
    /// The capacity with nobody barred.
    total: usize,
}

impl MixingBase {
    fn new(case: &Case, drawable: &[PersonId]) -> MixingBase {
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
    fn capacity_without(&self, case: &Case, out: &[PersonId]) -> usize {
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

fn mixing_finding(case: &Case, g: GroupId, eligible: &[PersonId], capacity: usize) -> Finding {
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

/// Runs every pre-solve check.
pub fn analyse(case: &Case, elig: &Eligibility) -> Feasibility {
    let policy = &case.round.policy;
    let lpg = policy.leaders_per_group as usize;
    let drawable: Vec<PersonId> = case.person_ids().filter(|&p| case.drawable(p)).collect();
    let not_drawable = case.people.len() - drawable.len();
    let leaders_all: Vec<PersonId> = case
        .person_ids()
        .filter(|&p| case.person(p).leader)
        .collect();
    // Each person is barred from few groups: per group, the pool's totals minus
    // the short list of drawable people barred from it.
    let n_groups = case.round.groups.len();
    let mut barred: Vec<Vec<PersonId>> = vec![Vec::new(); n_groups];
    for &p in &drawable {
        for (w, &word) in elig.row(p).iter().enumerate() {
            let valid = if (w + 1) * 64 <= n_groups {
                !0u64
            } else {
                (1u64 << (n_groups - w * 64)) - 1
            };
            let mut m = !word & valid;
            while m != 0 {
                barred[w * 64 + m.trailing_zeros() as usize].push(p);
                m &= m - 1;
            }
        }
    }
    let n_areas = case.round.areas.len();
    let leaders_total = drawable.iter().filter(|&&p| case.person(p).leader).count();
    let area_total: Vec<usize> = (0..n_areas)
        .map(|k| {
            drawable
                .iter()
                .filter(|&&p| case.person(p).levels[k] >= 1)
                .count()
        })
        .collect();
    let mixing = MixingBase::new(case, &drawable);
    let mut findings = Vec::new();
    let stats: Vec<GroupStats> = barred
        .par_iter()
        .enumerate()
        .map(|(gi, out)| {
            let g = GroupId(gi as u32);
            let mut blocked: BTreeMap<RuleId, usize> = BTreeMap::new();
            for &p in out {
                let rules: BTreeSet<RuleId> =
                    blockers(case, p, g).iter().map(|b| b.rule()).collect();
                for r in rules {
                    *blocked.entry(r).or_default() += 1;
                }
            }
            let count = |f: &dyn Fn(PersonId) -> bool| out.iter().filter(|&&p| f(p)).count();
            GroupStats {
                group: case.group(g).id.clone(),
                eligible: drawable.len() - out.len(),
                eligible_leaders: leaders_total - count(&|p| case.person(p).leader),
                per_area: (0..n_areas)
                    .map(|k| area_total[k] - count(&|p| case.person(p).levels[k] >= 1))
                    .collect(),
                mixing_capacity: mixing.capacity_without(case, out),
                blocked,
                not_drawable,
            }
        })
        .collect();
    for (g, st) in case.group_ids().zip(&stats) {
        let group = case.group(g);
        let (n_eligible, eligible_leaders, per_area, capacity) = (
            st.eligible,
            st.eligible_leaders,
            &st.per_area,
            st.mixing_capacity,
        );
        let gid = vec![group.id.clone()];
        if eligible_leaders < lpg {
            let because = exclusions(case, g, &leaders_all);
            let hints = hints_for(case, g, &because, Need::Leaders);
            findings.push(Finding {
                rule: RuleId::Leader,
                groups: gid.clone(),
                claim: Claim::Leaders {
                    group: g,
                    eligible: eligible_leaders,
                    need: lpg,
                },
                pool: Some(Pool::Leaders(leaders_all.len())),
                because,
                hints,
            });
        }
        let (lo, _) = group.size;
        if n_eligible < lo as usize {
            let all: Vec<PersonId> = case.person_ids().collect();
            let because = exclusions(case, g, &all);
            let hints = hints_for(case, g, &because, Need::People);
            findings.push(Finding {
                rule: RuleId::GroupSize,
                groups: gid.clone(),
                claim: Claim::People {
                    group: g,
                    eligible: n_eligible,
                    need: lo as usize,
                },
                pool: Some(Pool::People(all.len())),
                because,
                hints,
            });
        } else if capacity < lo as usize {
            let eligible: Vec<PersonId> = drawable
                .iter()
                .copied()
                .filter(|&p| elig.allowed(p, g))
                .collect();
            findings.push(mixing_finding(case, g, &eligible, capacity));
        }
        for (k, &eligible_experts) in per_area.iter().enumerate() {
            let need = case.round.requirements[k] as usize;
            if need > group.size.1 as usize {
                findings.push(Finding {
                    rule: RuleId::Requirement,
                    groups: gid.clone(),
                    claim: Claim::RequirementTooLarge {
                        group: g,
                        area: k,
                        need,
                    },
                    pool: None,
                    because: vec![],
                    hints: vec![
                        Hint::LowerRequirementTo {
                            area: k,
                            max: group.size.1,
                        },
                        Hint::RaiseGroupSize,
                    ],
                });
                continue;
            }
            if eligible_experts < need {
                let experts: Vec<PersonId> = case
                    .person_ids()
                    .filter(|&p| case.person(p).levels[k] >= 1)
                    .collect();
                let because = exclusions(case, g, &experts);
                let mut hints = hints_for(case, g, &because, Need::Experts(k));
                hints.push(Hint::LowerRequirementBelow { area: k, need });
                findings.push(Finding {
                    rule: RuleId::Requirement,
                    groups: gid.clone(),
                    claim: Claim::Experts {
                        group: g,
                        area: k,
                        eligible: eligible_experts,
                        need,
                    },
                    pool: Some(Pool::Experts {
                        area: k,
                        count: experts.len(),
                    }),
                    because,
                    hints,
                });
            }
        }
    }
    super::roles::findings(case, elig, &drawable, &mut findings);
    // across groups: a matching argument, when each group alone is fine
    if findings.is_empty() {
        super::roles::deputy_matching(case, elig, &drawable, &mut findings);
        let groups = case.round.groups.len();
        let leaders: Vec<PersonId> = drawable
            .iter()
            .copied()
            .filter(|&p| case.person(p).leader)
            .collect();
        if let Some(f) = matching_finding(
            case,
            elig,
            &vec![lpg; groups],
            &leaders,
            RuleId::Leader,
            Need::Leaders,
        ) {
            findings.push(f);
        }
        let sizes: Vec<usize> = case
            .round
            .groups
            .iter()
            .map(|g| g.size.0 as usize)
            .collect();
        if let Some(f) = matching_finding(
            case,
            elig,
            &sizes,
            &drawable,
            RuleId::GroupSize,
            Need::People,
        ) {
            findings.push(f);
        }
        for k in 0..case.round.areas.len() {
            let need = case.round.requirements[k] as usize;
            if need == 0 {
                continue;
            }
            let experts: Vec<PersonId> = drawable
                .iter()
                .copied()
                .filter(|&p| case.person(p).levels[k] >= 1)
                .collect();
            if let Some(f) = matching_finding(
                case,
                elig,
                &vec![need; groups],
                &experts,
                RuleId::Requirement,
                Need::Experts(k),
            ) {
                findings.push(f);
            }
        }
    }
    Feasibility {
        groups: stats,
        findings,
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
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

    /// On a synthetic province-like case every check passes and the matching
    /// finds no deficient set.
    #[test]
    fn a_generated_case_is_not_starved() {
        let case = synthetic_case(&GenOptions::new(2_000, 60, 5));
        let elig = Eligibility::build(&case);
        let report = analyse(&case, &elig);
        assert!(report.ok(), "{:#?}", report.findings);
        assert_eq!(report.groups.len(), 60);
    }
}
