//! Pre-solve findings about roles: groups that cannot have their deputy
//! leaders (副组长, `deputies_per_group`), and groups that
//! `leader_outranks_members` leaves short (every eligible leader junior to
//! people the group needs).

use super::feasibility::{
    exclusions, hints_for, matching_finding, Because, Claim, Example, Finding, Hint, Need, Pool,
    Reason,
};
use crate::constraints::Eligibility;
use crate::model::{Case, GroupId, PersonId, RuleId};

/// The per-group findings about deputies and seniority, appended to `out`.
pub(crate) fn findings(
    case: &Case,
    elig: &Eligibility,
    drawable: &[PersonId],
    out: &mut Vec<Finding>,
) {
    for g in case.group_ids() {
        let eligible: Vec<PersonId> = drawable
            .iter()
            .copied()
            .filter(|&p| elig.allowed(p, g))
            .collect();
        if let Some(f) = deputies(case, g, &eligible) {
            out.push(f);
        }
        if case.round.policy.leader_outranks_members {
            seniority(case, g, &eligible, out);
        }
    }
}

/// Deputies: too few eligible people of the deputy pool, or of the leader
/// and deputy pools together (a leader is not also a deputy).
fn deputies(case: &Case, g: GroupId, eligible: &[PersonId]) -> Option<Finding> {
    let policy = &case.round.policy;
    let need = policy.deputies_per_group as usize;
    if need == 0 {
        return None;
    }
    let lpg = policy.leaders_per_group as usize;
    let is_deputy = |p: PersonId| case.person(p).deputy;
    let either = |p: PersonId| case.person(p).deputy || case.person(p).leader;
    let n_deputies = eligible.iter().filter(|&&p| is_deputy(p)).count();
    let n_either = eligible.iter().filter(|&&p| either(p)).count();
    let (claim, pool): (Claim, Vec<PersonId>) = if n_deputies < need {
        let pool = case.person_ids().filter(|&p| is_deputy(p)).collect();
        let claim = Claim::Deputies {
            group: g,
            eligible: n_deputies,
            need,
        };
        (claim, pool)
    } else if n_either < need + lpg {
        let pool = case.person_ids().filter(|&p| either(p)).collect();
        let claim = Claim::LeadersAndDeputies {
            group: g,
            eligible: n_either,
            need: need + lpg,
        };
        (claim, pool)
    } else {
        return None;
    };
    let because = exclusions(case, g, &pool);
    let mut hints = hints_for(case, g, &because, Need::Deputies);
    hints.push(Hint::FewerDeputies {
        now: policy.deputies_per_group,
    });
    Some(Finding {
        rule: RuleId::Deputy,
        groups: vec![case.group(g).id.clone()],
        claim,
        pool: Some(Pool::Deputies(pool.len())),
        because,
        hints,
    })
}

/// Deputies across groups: the groups that together need more leaders and
/// deputies than the people of either pool who may join any of them.
pub(crate) fn deputy_matching(
    case: &Case,
    elig: &Eligibility,
    drawable: &[PersonId],
    out: &mut Vec<Finding>,
) {
    let policy = &case.round.policy;
    if policy.deputies_per_group == 0 {
        return;
    }
    let want = (policy.deputies_per_group + policy.leaders_per_group) as usize;
    let either: Vec<PersonId> = drawable
        .iter()
        .copied()
        .filter(|&p| case.person(p).deputy || case.person(p).leader)
        .collect();
    let wants = vec![want; case.round.groups.len()];
    if let Some(mut f) =
        matching_finding(case, elig, &wants, &either, RuleId::Deputy, Need::Deputies)
    {
        f.hints.push(Hint::FewerDeputies {
            now: policy.deputies_per_group,
        });
        out.push(f);
    }
}

/// Who counts for a need.
type Of<'a> = Box<dyn Fn(PersonId) -> bool + 'a>;

/// Seniority: under the most senior leaders `g` may have (the top
/// `leaders_per_group` of its eligible leaders), too few people, people of
/// a required area, or deputies are not above them, while without the
/// policy there would be enough. One finding per need so short.
fn seniority(case: &Case, g: GroupId, eligible: &[PersonId], out: &mut Vec<Finding>) {
    let policy = &case.round.policy;
    let lpg = policy.leaders_per_group as usize;
    let step = |p: PersonId| case.person(p).rank_step;
    let mut leaders: Vec<PersonId> = eligible
        .iter()
        .copied()
        .filter(|&p| case.person(p).leader)
        .collect();
    if lpg == 0 || leaders.len() < lpg {
        return; // the leader finding says it
    }
    leaders.sort_by_key(|&p| (std::cmp::Reverse(step(p)), p));
    let top = &leaders[..lpg];
    let lead = top[lpg - 1];
    let bar = step(lead);
    let mut needs: Vec<(Need, usize, Of)> = vec![(
        Need::People,
        case.group(g).size.0 as usize,
        Box::new(|_| true),
    )];
    for (k, &n) in case.round.requirements.iter().enumerate() {
        needs.push((
            Need::Experts(k),
            n as usize,
            Box::new(move |p| case.person(p).levels[k] >= 1),
        ));
    }
    if policy.deputies_per_group > 0 {
        needs.push((
            Need::Deputies,
            policy.deputies_per_group as usize,
            Box::new(|p| case.person(p).deputy && !top.contains(&p)),
        ));
    }
    for (need, required, of) in needs {
        if required == 0 {
            continue;
        }
        let all: Vec<PersonId> = eligible.iter().copied().filter(|&p| of(p)).collect();
        if all.len() < required {
            continue; // short without seniority too: another finding says it
        }
        let (under, above): (Vec<PersonId>, Vec<PersonId>) = all
            .iter()
            .partition(|&&p| top.contains(&p) || step(p) <= bar);
        if under.len() >= required {
            continue;
        }
        let most = above.iter().map(|&p| step(p)).max().unwrap_or(bar);
        out.push(Finding {
            rule: RuleId::LeaderSeniority,
            groups: vec![case.group(g).id.clone()],
            claim: Claim::Seniority {
                group: g,
                leader: lead,
                need,
                eligible: under.len(),
                required,
            },
            pool: Some(Pool::Eligible(all.len())),
            because: vec![Because {
                rule: RuleId::LeaderSeniority,
                reason: Reason::Senior { leader: lead },
                count: above.len(),
                examples: above.iter().take(3).map(|&p| Example::Person(p)).collect(),
                people: above.iter().map(|&p| case.person(p).id.clone()).collect(),
                sole: above.len(),
            }],
            hints: vec![
                Hint::AddSeniorLeader {
                    group: g,
                    step: most,
                },
                Hint::RelaxSeniority,
            ],
        });
    }
}
