//! The pre-solve feasibility report in words: per group the eligible people,
//! and for a round that cannot be staffed each finding — the claim, the
//! people kept out per reason with examples, the hints — in text and in
//! JSON (the data, with the rendered sentences beside it).

use super::facts::fact_chain;
use super::i18n::{t, tr, Args, Lang};
use crate::model::{Case, GroupId, RegionId};
use crate::validate::feasibility::{
    target_regions, Because, Claim, Example, Finding, Hint, Need, Pool, Reason,
};
use std::fmt::Write;

pub use super::report_json::{fact_json, feasibility_json, finding_json};

fn need_args(case: &Case, need: Need) -> Args {
    match need {
        Need::Leaders => Args::new().s("need", "leaders"),
        Need::Deputies => Args::new().s("need", "deputies"),
        Need::People => Args::new().s("need", "people"),
        Need::Experts(k) => {
            let a = &case.round.areas[k];
            Args::new()
                .s("need", "experts")
                .s("area", &a.key)
                .s("label", &a.label)
        }
    }
}

/// "a leader", "people", "people with audit expertise".
fn need_one(lang: Lang, case: &Case, need: Need) -> String {
    if need == Need::Deputies {
        return t(lang, "need-one-deputy");
    }
    tr(lang, "need-one", &need_args(case, need))
}

/// "leaders", "people", "people with audit expertise".
fn need_many(lang: Lang, case: &Case, need: Need) -> String {
    if need == Need::Deputies {
        return t(lang, "need-many-deputies");
    }
    tr(lang, "need-many", &need_args(case, need))
}

/// "leaders", "members", "members with audit (审计) expertise", as counted
/// by a matching claim (deputies: leaders and deputies together).
fn need_what(lang: Lang, case: &Case, need: Need) -> String {
    if need == Need::Deputies {
        return t(lang, "need-what-deputies");
    }
    tr(lang, "need-what", &need_args(case, need))
}

fn region_list(case: &Case, rs: &[RegionId]) -> String {
    rs.iter()
        .map(|&r| case.region(r))
        .collect::<Vec<_>>()
        .join("/")
}

fn group_ids(case: &Case, gs: &[GroupId]) -> String {
    gs.iter()
        .map(|&g| case.group(g).id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The claim of a finding; with `short`, a list of more than six groups is
/// shortened to its first four and its last.
pub fn claim_text(lang: Lang, case: &Case, claim: &Claim, short: bool) -> String {
    match claim {
        Claim::Deputies { .. }
        | Claim::LeadersAndDeputies { .. }
        | Claim::Leaders { .. }
        | Claim::People { .. }
        | Claim::Mixing { .. } => count_claim_text(lang, case, claim),
        Claim::RequirementTooLarge { .. } | Claim::Experts { .. } => {
            area_claim_text(lang, case, claim)
        }
        Claim::Seniority { .. } => seniority_claim_text(lang, case, claim),
        Claim::Matching { .. } => matching_claim_text(lang, case, claim, short),
    }
}

/// A claim about one group's count of leaders, deputies or people.
fn count_claim_text(lang: Lang, case: &Case, claim: &Claim) -> String {
    let gid = |g: &GroupId| case.group(*g).id.clone();
    let policy = &case.round.policy;
    match claim {
        Claim::Deputies {
            group,
            eligible,
            need,
        } => tr(
            lang,
            "claim-deputies",
            &Args::new()
                .s("group", gid(group))
                .n("eligible", *eligible as f64)
                .n("need", *need as f64),
        ),
        Claim::LeadersAndDeputies {
            group,
            eligible,
            need,
        } => tr(
            lang,
            "claim-leaders-and-deputies",
            &Args::new()
                .s("group", gid(group))
                .n("eligible", *eligible as f64)
                .n("need", *need as f64),
        ),
        Claim::Leaders {
            group,
            eligible,
            need,
        } => tr(
            lang,
            "claim-leaders",
            &Args::new()
                .s("group", gid(group))
                .n("eligible", *eligible as f64)
                .n("need", *need as f64),
        ),
        Claim::People {
            group,
            eligible,
            need,
        } => tr(
            lang,
            "claim-people",
            &Args::new()
                .s("group", gid(group))
                .n("eligible", *eligible as f64)
                .n("need", *need as f64),
        ),
        Claim::Mixing {
            group,
            capacity,
            eligible,
            need,
        } => tr(
            lang,
            "claim-mixing",
            &Args::new()
                .s("group", gid(group))
                .n("capacity", *capacity as f64)
                .n("eligible", *eligible as f64)
                .n("region-cap", policy.max_same_region as f64)
                .n("unit-cap", policy.max_same_unit as f64)
                .n("need", *need as f64),
        ),
        _ => unreachable!("count_claim_text is called for its own claims only"),
    }
}

/// A claim about one group's people with an area, or a requirement.
fn area_claim_text(lang: Lang, case: &Case, claim: &Claim) -> String {
    let gid = |g: &GroupId| case.group(*g).id.clone();
    let area = |k: usize| {
        let a = &case.round.areas[k];
        (a.key.clone(), a.label.clone())
    };
    match claim {
        Claim::RequirementTooLarge {
            group,
            area: k,
            need,
        } => {
            let (key, label) = area(*k);
            tr(
                lang,
                "claim-requirement-too-large",
                &Args::new()
                    .s("group", gid(group))
                    .n("need", *need as f64)
                    .s("area", key)
                    .s("label", label)
                    .n("max", case.group(*group).size.1 as f64),
            )
        }
        Claim::Experts {
            group,
            area: k,
            eligible,
            need,
        } => {
            let (key, label) = area(*k);
            tr(
                lang,
                "claim-experts",
                &Args::new()
                    .s("group", gid(group))
                    .n("eligible", *eligible as f64)
                    .s("area", key)
                    .s("label", label)
                    .n("need", *need as f64),
            )
        }
        _ => unreachable!("area_claim_text is called for its own claims only"),
    }
}

/// A claim that seniority leaves a group short.
fn seniority_claim_text(lang: Lang, case: &Case, claim: &Claim) -> String {
    let gid = |g: &GroupId| case.group(*g).id.clone();
    match claim {
        Claim::Seniority {
            group,
            leader,
            need,
            eligible,
            required,
        } => tr(
            lang,
            "claim-seniority",
            &Args::new()
                .s("group", gid(group))
                .s("leader", case.person_label(*leader))
                .s(
                    "rank",
                    crate::io::ranks::step_name(case.person(*leader).rank_step),
                )
                .s("many", need_many(lang, case, *need))
                .n("eligible", *eligible as f64)
                .n("need", *required as f64),
        ),
        _ => unreachable!("seniority_claim_text is called for its own claims only"),
    }
}

/// A claim about groups together (a matching); with `short`, a long list
/// of groups is shortened.
fn matching_claim_text(lang: Lang, case: &Case, claim: &Claim, short: bool) -> String {
    let gid = |g: &GroupId| case.group(*g).id.clone();
    match claim {
        Claim::Matching {
            groups,
            total,
            need,
            available,
        } => {
            let names = if short && groups.len() > 6 {
                tr(
                    lang,
                    "groups-short",
                    &Args::new()
                        .n("n", groups.len() as f64)
                        .s("first", group_ids(case, &groups[..4]))
                        .s("last", gid(&groups[groups.len() - 1])),
                )
            } else {
                group_ids(case, groups)
            };
            tr(
                lang,
                "claim-matching",
                &Args::new()
                    .s("groups", names)
                    .n("total", *total as f64)
                    .s("what", need_what(lang, case, *need))
                    .n("available", *available as f64)
                    .s("many", need_many(lang, case, *need)),
            )
        }
        _ => unreachable!("matching_claim_text is called for its own claims only"),
    }
}

/// What a finding's reasons are counted over, in words.
pub(super) fn pool_text(lang: Lang, case: &Case, pool: &Pool) -> String {
    match pool {
        Pool::Leaders(n) => tr(lang, "pool-leaders", &Args::new().n("n", *n as f64)),
        Pool::Deputies(n) => tr(lang, "pool-deputies", &Args::new().n("n", *n as f64)),
        Pool::People(n) => tr(lang, "pool-people", &Args::new().n("n", *n as f64)),
        Pool::Experts { area, count } => {
            let a = &case.round.areas[*area];
            tr(
                lang,
                "pool-experts",
                &Args::new()
                    .n("n", *count as f64)
                    .s("area", &a.key)
                    .s("label", &a.label),
            )
        }
        Pool::Eligible(n) => tr(lang, "pool-eligible", &Args::new().n("n", *n as f64)),
    }
}

/// What the people of one reason share, in words.
pub(super) fn reason_text(lang: Lang, case: &Case, b: &Because) -> String {
    match &b.reason {
        Reason::Unavailable => t(lang, "reason-unavailable"),
        Reason::Excluded => t(lang, "reason-excluded"),
        Reason::Senior { leader } => tr(
            lang,
            "reason-senior",
            &Args::new().s("leader", case.person_label(*leader)).s(
                "rank",
                crate::io::ranks::step_name(case.person(*leader).rank_step),
            ),
        ),
        Reason::Fact { reason, group } => tr(
            lang,
            &format!("reason-{reason}"),
            &Args::new().s("regions", region_list(case, &target_regions(case, *group))),
        ),
        Reason::Mixing {
            region,
            units,
            at_most,
        } => tr(
            lang,
            "reason-mixing",
            &Args::new()
                .s("region", case.region(*region))
                .n("units", *units as f64)
                .n("at-most", *at_most as f64),
        ),
        Reason::OnlyEligible { need } => {
            let shown: Vec<String> = b
                .people
                .iter()
                .take(8)
                .map(|id| match case.person_by_id(id) {
                    Some(p) => case.person_label(p),
                    None => id.clone(),
                })
                .collect();
            let more = b.people.len().saturating_sub(8);
            let list = if b.people.is_empty() {
                t(lang, "reason-only-eligible-nobody")
            } else if more > 0 {
                tr(
                    lang,
                    "reason-only-eligible-more",
                    &Args::new().s("list", shown.join(", ")).n("n", more as f64),
                )
            } else {
                shown.join(", ")
            };
            tr(
                lang,
                "reason-only-eligible",
                &Args::new()
                    .s("many", need_many(lang, case, *need))
                    .s("list", list),
            )
        }
        Reason::ShutOut { need, groups } => tr(
            lang,
            "reason-shut-out",
            &Args::new()
                .s("many", need_many(lang, case, *need))
                .n("n", b.count as f64)
                .s("groups", group_ids(case, groups)),
        ),
    }
}

/// An example in words: a person, or their fact chains joined.
pub(super) fn example_text(lang: Lang, case: &Case, e: &Example) -> String {
    match e {
        Example::Person(p) => case.person_label(*p),
        Example::Facts(list) => list
            .iter()
            .map(|(b, g)| fact_chain(lang, case, b, Some(*g)))
            .collect::<Vec<_>>()
            .join(&t(lang, "example-and")),
    }
}

/// A hint in words.
pub fn hint_text(lang: Lang, case: &Case, h: &Hint) -> String {
    let policy = &case.round.policy;
    let area_key = |k: usize| case.round.areas[k].key.clone();
    match h {
        Hint::AddFromOutside { need, regions } => tr(
            lang,
            "hint-add-from-outside",
            &Args::new()
                .s("one", need_one(lang, case, *need))
                .s("regions", region_list(case, regions)),
        ),
        Hint::RelaxNative { frees } => tr(
            lang,
            "hint-relax-native",
            &Args::new().n("n", *frees as f64),
        ),
        Hint::CheckPastPosts if policy.post_lookback_years == 0 => {
            t(lang, "hint-check-past-posts-all")
        }
        Hint::CheckPastPosts => tr(
            lang,
            "hint-check-past-posts",
            &Args::new()
                .s("years", policy.post_lookback_years.to_string())
                .s(
                    "since",
                    (case.round.year - policy.post_lookback_years as i32).to_string(),
                ),
        ),
        Hint::ReviewBusinessTies => t(lang, "hint-review-business-ties"),
        Hint::MakeAvailable { need } => tr(
            lang,
            "hint-make-available",
            &Args::new().s("many", need_many(lang, case, *need)),
        ),
        Hint::MoveTarget { unit } => tr(
            lang,
            "hint-move-target",
            &Args::new().s("unit", &case.unit(*unit).id),
        ),
        Hint::MoreRegionsAndUnits => t(lang, "hint-more-regions-and-units"),
        Hint::RaiseMixingCaps => t(lang, "hint-raise-mixing-caps"),
        Hint::LowerRequirementTo { area, max } => tr(
            lang,
            "hint-lower-requirement-to",
            &Args::new().s("area", area_key(*area)).n("max", *max as f64),
        ),
        Hint::RaiseGroupSize => t(lang, "hint-raise-group-size"),
        Hint::LowerRequirementBelow { area, need } => tr(
            lang,
            "hint-lower-requirement-below",
            &Args::new()
                .s("area", area_key(*area))
                .n("need", *need as f64),
        ),
        Hint::AddFromElsewhere { need, groups } => tr(
            lang,
            "hint-add-from-elsewhere",
            &Args::new()
                .s("one", need_one(lang, case, *need))
                .s("groups", group_ids(case, groups)),
        ),
        Hint::FewerGroups => t(lang, "hint-fewer-groups"),
        Hint::FewerDeputies { now } => tr(
            lang,
            "hint-fewer-deputies",
            &Args::new().n("now", *now as f64),
        ),
        Hint::RelaxSeniority => t(lang, "hint-relax-seniority"),
        Hint::AddSeniorLeader { group, step } => tr(
            lang,
            "hint-add-senior-leader",
            &Args::new()
                .s("group", case.group(*group).id.clone())
                .s("rank", crate::io::ranks::step_name(*step)),
        ),
    }
}

/// One finding of the pre-solve report in text: the cause, the facts, the hints.
pub fn finding_text(lang: Lang, case: &Case, s: &mut String, f: &Finding) {
    let claim = claim_text(lang, case, &f.claim, false);
    let _ = writeln!(
        s,
        "  {}",
        tr(
            lang,
            "finding-cause",
            &Args::new().s("claim", claim).s("rule", f.rule.as_str())
        )
    );
    if let Some(pool) = &f.pool {
        let pool = pool_text(lang, case, pool);
        let _ = writeln!(
            s,
            "    {}",
            tr(lang, "finding-pool", &Args::new().s("pool", pool))
        );
    }
    for b in &f.because {
        let text = reason_text(lang, case, b);
        if f.pool.is_some() {
            let _ = writeln!(s, "    - {} {} ({})", b.count, text, b.rule);
        } else {
            let _ = writeln!(s, "    - {} ({})", text, b.rule);
        }
        for e in &b.examples {
            let e = example_text(lang, case, e);
            let _ = writeln!(
                s,
                "        {}",
                tr(lang, "finding-example", &Args::new().s("example", e))
            );
        }
        if b.count > b.examples.len() && !b.examples.is_empty() {
            let n = (b.count - b.examples.len()) as f64;
            let _ = writeln!(
                s,
                "        {}",
                tr(lang, "finding-more", &Args::new().n("n", n))
            );
        }
    }
    for h in &f.hints {
        let h = hint_text(lang, case, h);
        let _ = writeln!(
            s,
            "  {}",
            tr(lang, "finding-hint", &Args::new().s("hint", h))
        );
    }
}
