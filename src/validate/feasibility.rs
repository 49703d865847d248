//! The pre-solve feasibility report: groups that cannot be staffed whatever
//! happens, each with the facts that make it so and hints a person can act on.

use crate::constraints::{blockers, describe, Eligibility};
use crate::model::{Case, GroupId, PersonId, RegionId, RuleId, UnitId};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

/// One group of people kept out for one reason.
#[derive(Debug, Clone, Serialize)]
pub struct Because {
    /// The rule (or `unavailable` for people not drawable).
    pub rule: RuleId,
    /// How many.
    pub count: usize,
    /// What they share, in words.
    pub text: String,
    /// Up to three fact chains, as examples.
    pub examples: Vec<String>,
    /// Their ids (all of them).
    pub people: Vec<String>,
    /// How many of them are kept out by this reason alone (relaxing it frees them).
    pub sole: usize,
}

/// A proof that the case cannot be staffed, in terms a person can act on.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// The rule that cannot be met.
    pub rule: RuleId,
    /// The groups concerned, by id.
    pub groups: Vec<String>,
    /// The conclusion.
    pub claim: String,
    /// What the reasons below are counted over, e.g. "the 41 leaders in the leader pool".
    pub pool: Option<String>,
    /// The facts behind it.
    pub because: Vec<Because>,
    /// What could be changed.
    pub hints: Vec<String>,
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
#[derive(Debug, Clone, Serialize)]
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
    let labels = |v: &[PersonId]| v.iter().take(3).map(|&p| case.person_label(p)).collect();
    if !unavailable.is_empty() {
        out.push(Because {
            rule: RuleId::Unavailable,
            count: unavailable.len(),
            text: "not available (可抽调 = 否)".into(),
            examples: labels(&unavailable),
            people: ids(&unavailable),
            sole: unavailable.len(),
        });
    }
    if !excluded.is_empty() {
        out.push(Because {
            rule: RuleId::Unavailable,
            count: excluded.len(),
            text: "excluded from this round".into(),
            examples: labels(&excluded),
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
                describe(case, b, Some(g))
            })
            .collect();
        out.push(Because {
            rule,
            count: people.len(),
            text: reason_text(case, g, reason),
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

fn target_regions(case: &Case, g: GroupId) -> Vec<RegionId> {
    let set: BTreeSet<RegionId> = case
        .group(g)
        .targets
        .iter()
        .map(|&t| case.unit(t).region)
        .collect();
    set.into_iter().collect()
}

fn region_list(case: &Case, rs: &[RegionId]) -> String {
    rs.iter()
        .map(|&r| case.region(r))
        .collect::<Vec<_>>()
        .join("/")
}

fn reason_text(case: &Case, g: GroupId, reason: &str) -> String {
    let regions = region_list(case, &target_regions(case, g));
    match reason {
        "region" => format!("from {regions}, a target region"),
        "native" => format!("born in {regions} (籍贯), a target region"),
        "current-post" => "working at a target unit or a unit related to one".into(),
        "past-post" => "with a past post at a target unit or a unit related to one".into(),
        "kin" => "with close kin in the pool working at a target".into(),
        "relative" => "with a close relative working at a target".into(),
        "declared-conflict" => "with a declared conflict with a target".into(),
        "business-tie" => "working at units with business ties to a target".into(),
        other => other.to_string(),
    }
}

/// Who is missing, for hints: ("a leader", "leaders").
struct Who<'a>(&'a str, &'a str);

fn hints_for(case: &Case, g: GroupId, because: &[Because], who: Who) -> Vec<String> {
    let regions = region_list(case, &target_regions(case, g));
    let Who(one, many) = who;
    let mut hints = vec![format!("add {one} from outside {regions}")];
    let policy = &case.round.policy;
    for b in because {
        let h = match (b.rule, b.text.as_str()) {
            (RuleId::RegionAvoidance, t) if t.starts_with("born") && b.sole > 0 => format!(
                "or relax native_avoidance (籍贯回避): that alone would free {} of them",
                b.sole
            ),
            (RuleId::PostAvoidance, t) if t.contains("past post") && b.sole > 0 => {
                if policy.post_lookback_years == 0 {
                    "or check the past posts listed: post_lookback_years = 0 counts every past post"
                        .to_string()
                } else {
                    format!(
                        "or check the past posts listed: post_lookback_years = {} counts posts that ended in {} or later",
                        policy.post_lookback_years,
                        case.round.year - policy.post_lookback_years as i32
                    )
                }
            }
            (RuleId::BusinessAvoidance, t) if t.contains("business") && b.sole > 0 => {
                "or review the business ties listed, or relax business_avoidance".into()
            }
            (RuleId::Unavailable, _) => {
                format!("or make more {many} available (可抽调), or drop some from exclude")
            }
            _ => continue,
        };
        if !hints.contains(&h) {
            hints.push(h);
        }
    }
    if case.round.groups.len() > 1 {
        let t = &case.group(g).targets;
        if let Some(&first) = t.first() {
            hints.push(format!(
                "or give {} to a group whose members come from elsewhere",
                case.unit(first).id
            ));
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
                count: people.len(),
                text: format!(
                    "from region {} in {} unit{}: at most {} may join",
                    case.region(r),
                    units.len(),
                    if units.len() == 1 { "" } else { "s" },
                    usable.min(region_cap)
                ),
                examples: people
                    .iter()
                    .take(3)
                    .map(|&p| case.person_label(p))
                    .collect(),
                people: people.iter().map(|&p| case.person(p).id.clone()).collect(),
                sole: 0,
            });
        }
    }
    Finding {
        rule,
        groups: vec![group.id.clone()],
        claim: format!(
            "{} can hold at most {capacity} of its {} eligible people under the mixing caps \
             (max_same_region = {region_cap}, max_same_unit = {unit_cap}), needs at least {}",
            group.id,
            eligible.len(),
            group.size.0
        ),
        pool: Some(format!("the {} eligible people", eligible.len())),
        because,
        hints: vec![
            "add eligible people from more regions and units".into(),
            "or raise max_same_region / max_same_unit".into(),
        ],
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
            let hints = hints_for(case, g, &because, Who("a leader", "leaders"));
            findings.push(Finding {
                rule: RuleId::Leader,
                groups: gid.clone(),
                claim: if eligible_leaders == 0 {
                    format!("{} has no eligible leader (needs {lpg})", group.id)
                } else {
                    format!(
                        "{} has {eligible_leaders} eligible leader{}, needs {lpg}",
                        group.id,
                        if eligible_leaders == 1 { "" } else { "s" }
                    )
                },
                pool: Some(format!(
                    "the {} leaders in the leader pool",
                    leaders_all.len()
                )),
                because,
                hints,
            });
        }
        let (lo, _) = group.size;
        if n_eligible < lo as usize {
            let all: Vec<PersonId> = case.person_ids().collect();
            let because = exclusions(case, g, &all);
            let hints = hints_for(case, g, &because, Who("people", "people"));
            findings.push(Finding {
                rule: RuleId::GroupSize,
                groups: gid.clone(),
                claim: format!(
                    "{} has {n_eligible} eligible people, needs at least {lo}",
                    group.id
                ),
                pool: Some(format!("the {} people in the pool", all.len())),
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
        for (k, area) in case.round.areas.iter().enumerate() {
            let need = case.round.requirements[k] as usize;
            if need > group.size.1 as usize {
                findings.push(Finding {
                    rule: RuleId::Requirement,
                    groups: gid.clone(),
                    claim: format!(
                        "{} needs {need} members with {} ({}) expertise but holds at most {} people",
                        group.id, area.key, area.label, group.size.1
                    ),
                    pool: None,
                    because: vec![],
                    hints: vec![
                        format!("lower requirements.{} to at most {}", area.key, group.size.1),
                        "or raise the group's size (group_size)".to_string(),
                    ],
                });
                continue;
            }
            if per_area[k] < need {
                let experts: Vec<PersonId> = case
                    .person_ids()
                    .filter(|&p| case.person(p).levels[k] >= 1)
                    .collect();
                let because = exclusions(case, g, &experts);
                let word = format!("people with {} expertise", area.key);
                let mut hints = hints_for(case, g, &because, Who(&word, &word));
                hints.push(format!("or lower requirements.{} below {need}", area.key));
                findings.push(Finding {
                    rule: RuleId::Requirement,
                    groups: gid.clone(),
                    claim: format!(
                        "{} has {} eligible people with {} ({}) expertise, needs {need}",
                        group.id, per_area[k], area.key, area.label
                    ),
                    pool: Some(format!(
                        "the {} people with {} expertise in the pool",
                        experts.len(),
                        area.key
                    )),
                    because,
                    hints,
                });
            }
        }
    }
    // across groups: a matching argument, when each group alone is fine
    if findings.is_empty() {
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
            "leaders",
            Who("a leader", "leaders"),
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
            "members",
            Who("people", "people"),
        ) {
            findings.push(f);
        }
        for (k, area) in case.round.areas.iter().enumerate() {
            let need = case.round.requirements[k] as usize;
            if need == 0 {
                continue;
            }
            let experts: Vec<PersonId> = drawable
                .iter()
                .copied()
                .filter(|&p| case.person(p).levels[k] >= 1)
                .collect();
            let what = format!("members with {} ({}) expertise", area.key, area.label);
            let word = format!("people with {} expertise", area.key);
            if let Some(f) = matching_finding(
                case,
                elig,
                &vec![need; groups],
                &experts,
                RuleId::Requirement,
                &what,
                Who(&word, &word),
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

#[allow(clippy::too_many_arguments)]
fn matching_finding(
    case: &Case,
    elig: &Eligibility,
    need: &[usize],
    candidates: &[PersonId],
    rule: RuleId,
    what: &str,
    who: Who,
) -> Option<Finding> {
    let (groups, people) = hall_violator(elig, need, candidates)?;
    let total: usize = groups.iter().map(|g| need[g.ix()]).sum();
    let names: Vec<String> = groups.iter().map(|&g| case.group(g).id.clone()).collect();
    let shown: Vec<String> = people
        .iter()
        .take(8)
        .map(|&p| case.person_label(p))
        .collect();
    let more = people.len().saturating_sub(8);
    let list = if people.is_empty() {
        "nobody".to_string()
    } else if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    };
    let Who(one, many) = who;
    let mut because = vec![Because {
        rule,
        count: people.len(),
        text: format!("the only {many} eligible for any of them: {list}"),
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
                groups
                    .iter()
                    .filter_map(|&g| {
                        blockers(case, p, g)
                            .first()
                            .map(|b| describe(case, b, Some(g)))
                    })
                    .collect::<Vec<_>>()
                    .join("; and ")
            })
            .collect();
        because.push(Because {
            rule,
            count: shut_out.len(),
            text: format!(
                "the other available {many} ({}) may join none of {}",
                shut_out.len(),
                names.join(", ")
            ),
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
        groups: names.clone(),
        pool: None,
        claim: format!(
            "{} together need {total} {what}, but only {} of the available {many} may join any of them",
            names.join(", "),
            people.len()
        ),
        because,
        hints: vec![
            format!("add {one} from a region that none of {} inspects", names.join(", ")),
            "or reduce the number of groups, or what each needs".to_string(),
        ],
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
