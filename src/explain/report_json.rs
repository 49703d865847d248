//! The pre-solve feasibility report as data (JSON): the claims, the people
//! kept out per reason with fact records, and the hints, each with its
//! rendered sentence beside it.

use super::facts::fact_chain;
use super::i18n::Lang;
use super::report::{claim_text, example_text, hint_text, pool_text, reason_text};
use crate::model::{Case, GroupId};
use crate::validate::feasibility::{
    Because, Claim, Example, Feasibility, Finding, Hint, Need, Reason,
};
use serde_json::{json, Value};

/// A need as data: its kind, and the area's key for experts.
fn need_json(case: &Case, need: Need) -> Value {
    match need {
        Need::Leaders => json!({"kind": "leaders"}),
        Need::Deputies => json!({"kind": "deputies"}),
        Need::People => json!({"kind": "people"}),
        Need::Experts(k) => json!({"kind": "experts", "area": case.round.areas[k].key}),
    }
}

/// The ids of groups.
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

/// The people kept out for one reason as data: the reason, the count,
/// the ids, the examples with their fact records, and the `message`.
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

/// A hint as data: `kind`, its numbers and ids, and the `message`.
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
