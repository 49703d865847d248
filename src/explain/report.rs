//! The pre-solve feasibility report in words: per group the eligible people,
//! and for a round that cannot be staffed each finding — the claim, the
//! people kept out per reason with examples, the hints — in text and in
//! JSON (the data, with the rendered sentences beside it).

use super::facts::fact_chain;
use super::i18n::{t, tr, Args, Lang};
use crate::model::{Case, GroupId, RegionId};
use crate::validate::feasibility::{
    target_regions, Because, Claim, Example, Feasibility, Finding, Hint, Need, Pool, Reason,
};
use serde_json::{json, Value};
use std::fmt::Write;

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
    let gid = |g: &GroupId| case.group(*g).id.clone();
    let area = |k: usize| {
        let a = &case.round.areas[k];
        (a.key.clone(), a.label.clone())
    };
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
    }
}

fn pool_text(lang: Lang, case: &Case, pool: &Pool) -> String {
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
fn reason_text(lang: Lang, case: &Case, b: &Because) -> String {
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

fn example_text(lang: Lang, case: &Case, e: &Example) -> String {
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

fn need_json(case: &Case, need: Need) -> Value {
    match need {
        Need::Leaders => json!({"kind": "leaders"}),
        Need::Deputies => json!({"kind": "deputies"}),
        Need::People => json!({"kind": "people"}),
        Need::Experts(k) => json!({"kind": "experts", "area": case.round.areas[k].key}),
    }
}

fn ids(case: &Case, gs: &[GroupId]) -> Vec<String> {
    gs.iter().map(|&g| case.group(g).id.clone()).collect()
}

/// A claim as data: `kind`, its numbers and ids, and the `message`.
fn claim_json(lang: Lang, case: &Case, c: &Claim) -> Value {
    let area = |k: usize| case.round.areas[k].key.clone();
    let gid = |g: &GroupId| case.group(*g).id.clone();
    let mut v = match c {
        Claim::Deputies {
            group,
            eligible,
            need,
        } => json!({"kind": "deputies", "group": gid(group), "eligible": eligible, "need": need}),
        Claim::LeadersAndDeputies {
            group,
            eligible,
            need,
        } => {
            json!({"kind": "leaders-and-deputies", "group": gid(group), "eligible": eligible, "need": need})
        }
        Claim::Seniority {
            group,
            leader,
            need,
            eligible,
            required,
        } => json!({"kind": "seniority", "group": gid(group), "leader": case.person(*leader).id,
                    "rank_step": case.person(*leader).rank_step, "need": need_json(case, *need),
                    "eligible": eligible, "required": required}),
        Claim::Leaders {
            group,
            eligible,
            need,
        } => json!({"kind": "leaders", "group": gid(group), "eligible": eligible, "need": need}),
        Claim::People {
            group,
            eligible,
            need,
        } => json!({"kind": "people", "group": gid(group), "eligible": eligible, "need": need}),
        Claim::Mixing {
            group,
            capacity,
            eligible,
            need,
        } => {
            json!({"kind": "mixing", "group": gid(group), "capacity": capacity, "eligible": eligible, "need": need})
        }
        Claim::RequirementTooLarge {
            group,
            area: k,
            need,
        } => {
            json!({"kind": "requirement-too-large", "group": gid(group), "area": area(*k), "need": need})
        }
        Claim::Experts {
            group,
            area: k,
            eligible,
            need,
        } => {
            json!({"kind": "experts", "group": gid(group), "area": area(*k), "eligible": eligible, "need": need})
        }
        Claim::Matching {
            groups,
            total,
            need,
            available,
        } => json!({"kind": "matching", "groups": ids(case, groups), "total": total,
                    "need": need_json(case, *need), "available": available}),
    };
    v["message"] = json!(claim_text(lang, case, c, false));
    v
}

/// A fact chain as data: the person, the target, the rule and finer
/// reason, the fact with its file and line, and the `message`.
pub fn fact_json(
    lang: Lang,
    case: &Case,
    b: &crate::constraints::Blocker,
    g: Option<GroupId>,
) -> Value {
    use crate::constraints::Fact;
    let file = |k: &str| case.sources.get(k).cloned().unwrap_or_default();
    let fact = match b.fact {
        Fact::Post { unit, post: None } => {
            json!({"kind": "current-post", "unit": case.unit(unit).id, "file": file("people"), "line": case.person(b.person).line})
        }
        Fact::Post {
            unit,
            post: Some(i),
        } => {
            let p = &case.posts[i as usize];
            json!({"kind": "past-post", "unit": case.unit(unit).id, "from": p.from_year, "to": p.to_year, "file": file("posts"), "line": p.line})
        }
        Fact::Kin { kin, fact, unit } => {
            let k = &case.kin[fact as usize];
            json!({"kind": "kin", "kin": case.person(kin).id, "unit": case.unit(unit).id, "note": k.note, "file": file("relations"), "line": k.line})
        }
        Fact::Relative { fact, unit } => {
            let r = &case.relatives[fact as usize];
            json!({"kind": "relative", "unit": case.unit(unit).id, "note": r.note, "file": file("relations"), "line": r.line})
        }
        Fact::Region { region } => {
            json!({"kind": "region", "region": case.region(region), "file": file("people"), "line": case.person(b.person).line})
        }
        Fact::Native { region } => {
            json!({"kind": "native", "region": case.region(region), "file": file("people"), "line": case.person(b.person).line})
        }
        Fact::Conflict { fact, unit } => {
            let c = &case.conflicts[fact as usize];
            json!({"kind": "declared-conflict", "unit": case.unit(unit).id, "note": c.note, "file": file("relations"), "line": c.line})
        }
        Fact::Business { tie, own, unit } => {
            let x = &case.ties[tie as usize];
            json!({"kind": "business-tie", "own": case.unit(own).id, "unit": case.unit(unit).id, "note": x.note, "file": file("relations"), "line": x.line})
        }
    };
    json!({
        "person": case.person(b.person).id,
        "target": case.unit(b.target).id,
        "group": g.map(|g| case.group(g).id.clone()),
        "rule": b.rule(),
        "reason": b.fact.reason(),
        "fact": fact,
        "message": fact_chain(lang, case, b, g),
    })
}

fn because_json(lang: Lang, case: &Case, b: &Because) -> Value {
    let reason = match &b.reason {
        Reason::Unavailable => json!({"kind": "unavailable"}),
        Reason::Excluded => json!({"kind": "excluded"}),
        Reason::Senior { leader } => json!({"kind": "senior", "leader": case.person(*leader).id}),
        Reason::Fact { reason, group } => json!({"kind": reason, "group": case.group(*group).id}),
        Reason::Mixing {
            region,
            units,
            at_most,
        } => {
            json!({"kind": "mixing", "region": case.region(*region), "units": units, "at_most": at_most})
        }
        Reason::OnlyEligible { need } => {
            json!({"kind": "only-eligible", "need": need_json(case, *need)})
        }
        Reason::ShutOut { need, groups } => {
            json!({"kind": "shut-out", "need": need_json(case, *need), "groups": ids(case, groups)})
        }
    };
    let examples: Vec<Value> = b
        .examples
        .iter()
        .map(|e| match e {
            Example::Person(p) => json!({"person": case.person(*p).id, "message": case.person_label(*p)}),
            Example::Facts(list) => json!({
                "facts": list.iter().map(|(x, g)| fact_json(lang, case, x, Some(*g))).collect::<Vec<_>>(),
                "message": example_text(lang, case, e),
            }),
        })
        .collect();
    json!({
        "rule": b.rule,
        "reason": reason,
        "count": b.count,
        "sole": b.sole,
        "people": b.people,
        "examples": examples,
        "message": reason_text(lang, case, b),
    })
}

fn hint_json(lang: Lang, case: &Case, h: &Hint) -> Value {
    let area = |k: usize| case.round.areas[k].key.clone();
    let mut v = match h {
        Hint::AddFromOutside { need, regions } => {
            json!({"kind": "add-from-outside", "need": need_json(case, *need),
            "regions": regions.iter().map(|&r| case.region(r)).collect::<Vec<_>>()})
        }
        Hint::RelaxNative { frees } => json!({"kind": "relax-native", "frees": frees}),
        Hint::CheckPastPosts => {
            json!({"kind": "check-past-posts", "post_lookback_years": case.round.policy.post_lookback_years})
        }
        Hint::ReviewBusinessTies => json!({"kind": "review-business-ties"}),
        Hint::MakeAvailable { need } => {
            json!({"kind": "make-available", "need": need_json(case, *need)})
        }
        Hint::MoveTarget { unit } => json!({"kind": "move-target", "unit": case.unit(*unit).id}),
        Hint::MoreRegionsAndUnits => json!({"kind": "more-regions-and-units"}),
        Hint::RaiseMixingCaps => json!({"kind": "raise-mixing-caps"}),
        Hint::LowerRequirementTo { area: k, max } => {
            json!({"kind": "lower-requirement", "area": area(*k), "to": max})
        }
        Hint::RaiseGroupSize => json!({"kind": "raise-group-size"}),
        Hint::LowerRequirementBelow { area: k, need } => {
            json!({"kind": "lower-requirement-below", "area": area(*k), "below": need})
        }
        Hint::AddFromElsewhere { need, groups } => {
            json!({"kind": "add-from-elsewhere", "need": need_json(case, *need), "groups": ids(case, groups)})
        }
        Hint::FewerGroups => json!({"kind": "fewer-groups"}),
        Hint::FewerDeputies { now } => json!({"kind": "fewer-deputies", "deputies_per_group": now}),
        Hint::RelaxSeniority => json!({"kind": "relax-seniority"}),
        Hint::AddSeniorLeader { group, step } => json!({"kind": "add-senior-leader",
            "group": case.group(*group).id, "rank_step": step}),
    };
    v["message"] = json!(hint_text(lang, case, h));
    v
}

/// A finding as data (rule and group ids, the claim, the pool, the people
/// per reason with fact records, the hints), each part with its rendered
/// `message`.
pub fn finding_json(lang: Lang, case: &Case, f: &Finding) -> Value {
    json!({
        "rule": f.rule,
        "groups": f.groups,
        "claim": claim_json(lang, case, &f.claim),
        "pool": f.pool.as_ref().map(|p| json!({"message": pool_text(lang, case, p)})),
        "because": f.because.iter().map(|b| because_json(lang, case, b)).collect::<Vec<_>>(),
        "hints": f.hints.iter().map(|h| hint_json(lang, case, h)).collect::<Vec<_>>(),
    })
}

/// The feasibility report as data: per group the counts, then the findings.
pub fn feasibility_json(lang: Lang, case: &Case, f: &Feasibility) -> Value {
    json!({
        "groups": f.groups,
        "findings": f.findings.iter().map(|x| finding_json(lang, case, x)).collect::<Vec<_>>(),
    })
}
