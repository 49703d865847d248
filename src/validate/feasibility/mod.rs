//! The pre-solve feasibility report: groups that cannot be staffed whatever
//! happens, each with the facts that make it so and hints a person can act on.
//!
//! [`analyse`] runs the checks in stages: the per-group counts, the findings
//! of each group alone (leaders, size, mixing, requirements), the roles
//! (deputies, seniority), and, when each group alone is fine, the matching
//! arguments across groups.

mod exclusions;
mod matching;
mod mixing;
mod report;

pub(crate) use exclusions::hints_for;
pub use exclusions::{exclusions, target_regions};
pub use matching::hall_violator;
pub(crate) use matching::matching_finding;
pub use mixing::mixing_capacity;
pub use report::{
    Because, Claim, Example, Feasibility, Finding, GroupStats, Hint, Need, Pool, Reason,
};

use crate::constraints::{blockers, Eligibility};
use crate::model::{Case, GroupId, PersonId, RuleId};
use mixing::{mixing_finding, MixingBase};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// The pools the checks count over, made once per run.
struct Pools {
    /// Drawable people (available and not excluded).
    drawable: Vec<PersonId>,
    /// How many people are not drawable.
    not_drawable: usize,
    /// Everyone in the leader pool, drawable or not.
    leaders_all: Vec<PersonId>,
    /// Per group: the drawable people barred from it.
    barred: Vec<Vec<PersonId>>,
}

impl Pools {
    fn new(case: &Case, elig: &Eligibility) -> Pools {
        let drawable: Vec<PersonId> = case.person_ids().filter(|&p| case.drawable(p)).collect();
        let not_drawable = case.people.len() - drawable.len();
        let leaders_all: Vec<PersonId> = case
            .person_ids()
            .filter(|&p| case.person(p).leader)
            .collect();
        let barred = barred_per_group(case, elig, &drawable);
        Pools {
            drawable,
            not_drawable,
            leaders_all,
            barred,
        }
    }
}

/// Each person is barred from few groups: per group, the short list of
/// drawable people barred from it (so counts are the pool's totals minus it).
fn barred_per_group(case: &Case, elig: &Eligibility, drawable: &[PersonId]) -> Vec<Vec<PersonId>> {
    let n_groups = case.round.groups.len();
    let mut barred: Vec<Vec<PersonId>> = vec![Vec::new(); n_groups];
    for &p in drawable {
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
    barred
}

/// Per group: how many may join, in total, as leaders and per area, the
/// mixing capacity, and how many each rule keeps out.
fn group_stats(case: &Case, pools: &Pools) -> Vec<GroupStats> {
    let drawable = &pools.drawable;
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
    let mixing = MixingBase::new(case, drawable);
    pools
        .barred
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
                not_drawable: pools.not_drawable,
            }
        })
        .collect()
}

/// Runs every pre-solve check.
pub fn analyse(case: &Case, elig: &Eligibility) -> Feasibility {
    let pools = Pools::new(case, elig);
    let stats = group_stats(case, &pools);
    let mut findings = Vec::new();
    for (g, st) in case.group_ids().zip(&stats) {
        leader_finding(case, g, st, &pools.leaders_all, &mut findings);
        size_finding(case, elig, g, st, &pools.drawable, &mut findings);
        area_findings(case, g, st, &mut findings);
    }
    super::roles::findings(case, elig, &pools.drawable, &mut findings);
    // across groups: a matching argument, when each group alone is fine
    if findings.is_empty() {
        super::roles::deputy_matching(case, elig, &pools.drawable, &mut findings);
        matching_findings(case, elig, &pools.drawable, &mut findings);
    }
    Feasibility {
        groups: stats,
        findings,
    }
}

/// A group with fewer eligible leaders than `leaders_per_group`.
fn leader_finding(
    case: &Case,
    g: GroupId,
    st: &GroupStats,
    leaders_all: &[PersonId],
    findings: &mut Vec<Finding>,
) {
    let lpg = case.round.policy.leaders_per_group as usize;
    if st.eligible_leaders < lpg {
        let because = exclusions(case, g, leaders_all);
        let hints = hints_for(case, g, &because, Need::Leaders);
        findings.push(Finding {
            rule: RuleId::Leader,
            groups: vec![case.group(g).id.clone()],
            claim: Claim::Leaders {
                group: g,
                eligible: st.eligible_leaders,
                need: lpg,
            },
            pool: Some(Pool::Leaders(leaders_all.len())),
            because,
            hints,
        });
    }
}

/// A group with fewer eligible people than its minimum size, or, failing
/// that, whose eligible people the mixing caps let too few of join.
fn size_finding(
    case: &Case,
    elig: &Eligibility,
    g: GroupId,
    st: &GroupStats,
    drawable: &[PersonId],
    findings: &mut Vec<Finding>,
) {
    let (lo, _) = case.group(g).size;
    if st.eligible < lo as usize {
        let all: Vec<PersonId> = case.person_ids().collect();
        let because = exclusions(case, g, &all);
        let hints = hints_for(case, g, &because, Need::People);
        findings.push(Finding {
            rule: RuleId::GroupSize,
            groups: vec![case.group(g).id.clone()],
            claim: Claim::People {
                group: g,
                eligible: st.eligible,
                need: lo as usize,
            },
            pool: Some(Pool::People(all.len())),
            because,
            hints,
        });
    } else if st.mixing_capacity < lo as usize {
        let eligible: Vec<PersonId> = drawable
            .iter()
            .copied()
            .filter(|&p| elig.allowed(p, g))
            .collect();
        findings.push(mixing_finding(case, g, &eligible, st.mixing_capacity));
    }
}

/// Per area: a requirement larger than the group's maximum size, or more
/// than the group's eligible people with that area.
fn area_findings(case: &Case, g: GroupId, st: &GroupStats, findings: &mut Vec<Finding>) {
    let group = case.group(g);
    let gid = vec![group.id.clone()];
    for (k, &eligible_experts) in st.per_area.iter().enumerate() {
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

/// Across groups: leaders, people and each required area, by matching.
fn matching_findings(
    case: &Case,
    elig: &Eligibility,
    drawable: &[PersonId],
    findings: &mut Vec<Finding>,
) {
    let lpg = case.round.policy.leaders_per_group as usize;
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
        drawable,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gen::{synthetic_case, GenOptions};

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
