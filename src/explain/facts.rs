//! The facts of a case in words: why a person may not inspect a target
//! (the chain from a post, a relative, a region or a tie to the target), and
//! what breaks a rule in a plan ([`Cause`]).

use super::i18n::{t, tr, Args, Lang};
use crate::constraints::{Blocker, Cause, Fact, Witness};
use crate::model::{Case, GroupId, Kinship, PersonId, RegionId, Role, UnitId};

/// `2017–2021`, `2017–now`, `until 2021`, or `now`.
pub fn years(lang: Lang, from: Option<i32>, to: Option<i32>) -> String {
    match (from, to) {
        (Some(a), Some(b)) => tr(
            lang,
            "years-span",
            &Args::new().s("from", a.to_string()).s("to", b.to_string()),
        ),
        (Some(a), None) => tr(lang, "years-from", &Args::new().s("from", a.to_string())),
        (None, Some(b)) => tr(lang, "years-until", &Args::new().s("to", b.to_string())),
        (None, None) => t(lang, "years-now"),
    }
}

/// A note of a fact (备注) as the messages take it: `none` when empty.
fn note(n: &str) -> String {
    if n.is_empty() {
        "none".into()
    } else {
        n.to_string()
    }
}

/// "U1 某镇, a target of G1", or "U1 某镇, U2 某局, targets of G1" when the
/// group has several targets in the region.
fn region_targets(
    lang: Lang,
    case: &Case,
    region: RegionId,
    first: UnitId,
    group: Option<GroupId>,
) -> String {
    let Some(g) = group else {
        return tr(
            lang,
            "region-targets-the",
            &Args::new().s("first", case.unit_label(first)),
        );
    };
    let gid = &case.group(g).id;
    let ts: Vec<String> = case
        .group(g)
        .targets
        .iter()
        .filter(|&&t| case.unit(t).region == region)
        .map(|&t| case.unit_label(t))
        .collect();
    if ts.len() > 1 && ts.len() == case.group(g).targets.len() {
        tr(lang, "region-targets-every", &Args::new().s("group", gid))
    } else if ts.len() > 1 {
        tr(
            lang,
            "region-targets-some",
            &Args::new().s("list", ts.join(", ")).s("group", gid),
        )
    } else {
        tr(
            lang,
            "region-targets-one",
            &Args::new()
                .s("first", case.unit_label(first))
                .s("group", gid),
        )
    }
}

/// The fact chain in words, e.g. "P0107 王某 held a post at U0302 某局 2017–2021
/// (posts line 4); U0302 belongs to U0300 某镇, a target of G1".
pub fn fact_chain(lang: Lang, case: &Case, b: &Blocker, group: Option<GroupId>) -> String {
    let who = case.person_label(b.person);
    let target = match group {
        Some(g) => tr(
            lang,
            "target-of-group",
            &Args::new().s("group", &case.group(g).id),
        ),
        None => t(lang, "target-the"),
    };
    let first = match b.fact {
        Fact::Post { unit, post: None } => tr(
            lang,
            "fact-works-at",
            &Args::new().s("who", &who).s("unit", case.unit_label(unit)),
        ),
        Fact::Post {
            unit,
            post: Some(i),
        } => {
            let post = &case.posts[i as usize];
            tr(
                lang,
                "fact-held-post",
                &Args::new()
                    .s("who", &who)
                    .s("unit", case.unit_label(unit))
                    .s("years", years(lang, post.from_year, post.to_year))
                    .n("line", post.line as f64),
            )
        }
        Fact::Kin { kin, fact, unit } => {
            let k = &case.kin[fact as usize];
            tr(
                lang,
                "fact-kin",
                &Args::new()
                    .s("who", &who)
                    .s("kin", case.person_label(kin))
                    .s("note", note(&k.note))
                    .n("line", k.line as f64)
                    .s("unit", case.unit_label(unit)),
            )
        }
        Fact::Relative { fact, unit } => {
            let r = &case.relatives[fact as usize];
            tr(
                lang,
                "fact-relative",
                &Args::new()
                    .s("who", &who)
                    .s("unit", case.unit_label(unit))
                    .s("note", note(&r.note))
                    .n("line", r.line as f64),
            )
        }
        Fact::Region { region } => {
            return tr(
                lang,
                "fact-region",
                &Args::new()
                    .s("who", &who)
                    .s("region", case.region(region))
                    .s(
                        "targets",
                        region_targets(lang, case, region, b.target, group),
                    ),
            )
        }
        Fact::Native { region } => {
            return tr(
                lang,
                "fact-native",
                &Args::new()
                    .s("who", &who)
                    .s("region", case.region(region))
                    .s(
                        "targets",
                        region_targets(lang, case, region, b.target, group),
                    ),
            )
        }
        Fact::Conflict { fact, unit } => {
            let c = &case.conflicts[fact as usize];
            tr(
                lang,
                "fact-conflict",
                &Args::new()
                    .s("who", &who)
                    .s("unit", case.unit_label(unit))
                    .s("note", note(&c.note))
                    .n("line", c.line as f64),
            )
        }
        Fact::Business { tie, own, unit } => {
            let x = &case.ties[tie as usize];
            tr(
                lang,
                "fact-business",
                &Args::new()
                    .s("who", &who)
                    .s("own", case.unit_label(own))
                    .s("unit", case.unit_label(unit))
                    .s("note", note(&x.note))
                    .n("line", x.line as f64),
            )
        }
    };
    let unit = b.fact.unit().expect("unit facts have a unit");
    let id = &case.unit(unit).id;
    let link = match b.link {
        Some(Kinship::Same) | None => tr(
            lang,
            "link-same",
            &Args::new().s("unit", id).s("target", &target),
        ),
        Some(Kinship::AncestorOfTarget(_)) => tr(
            lang,
            "link-ancestor",
            &Args::new()
                .s("target-label", case.unit_label(b.target))
                .s("target", &target)
                .s("unit", id),
        ),
        Some(Kinship::DescendantOfTarget(_)) => tr(
            lang,
            "link-descendant",
            &Args::new()
                .s("unit", id)
                .s("target-label", case.unit_label(b.target))
                .s("target", &target),
        ),
    };
    tr(
        lang,
        "fact-chain",
        &Args::new().s("fact", first).s("link", link),
    )
}

/// 组长 or 组员, in words.
pub fn role_word(lang: Lang, role: Role) -> String {
    match role {
        Role::Leader => t(lang, "role-leader"),
        Role::Deputy => t(lang, "role-deputy"),
        Role::Member => t(lang, "role-member"),
    }
}

fn labels(case: &Case, ps: &[PersonId]) -> String {
    ps.iter()
        .map(|&p| case.person_label(p))
        .collect::<Vec<_>>()
        .join(", ")
}

fn witnesses(lang: Lang, case: &Case, ws: &[Witness]) -> String {
    let mut v: Vec<String> = ws
        .iter()
        .take(3)
        .map(|w| {
            tr(
                lang,
                "reciprocal-witness",
                &Args::new()
                    .s("who", case.person_label(w.person))
                    .s("region", case.region(case.person(w.person).region))
                    .s("group", &case.group(w.group).id)
                    .s("target", case.unit_label(w.target))
                    .s("target-region", case.region(case.unit(w.target).region)),
            )
        })
        .collect();
    if ws.len() > 3 {
        v.push(tr(
            lang,
            "reciprocal-more",
            &Args::new().n("n", (ws.len() - 3) as f64),
        ));
    }
    v.join("; ")
}

/// What breaks a rule, in words (the `message` of a violation).
pub fn cause_text(lang: Lang, case: &Case, c: &Cause) -> String {
    match c {
        Cause::Avoidance { blocker, group } => fact_chain(lang, case, blocker, Some(*group)),
        Cause::PlacedTwice { .. }
        | Cause::Unavailable { .. }
        | Cause::Excluded { .. }
        | Cause::Pin { .. } => person_cause_text(lang, case, c),
        Cause::Size { .. }
        | Cause::LeaderCount { .. }
        | Cause::NotInLeaderPool { .. }
        | Cause::DeputyCount { .. }
        | Cause::NotInDeputyPool { .. }
        | Cause::DeputyAlsoLeader { .. }
        | Cause::LeaderJunior { .. } => role_cause_text(lang, case, c),
        Cause::Kin { .. }
        | Cause::SameRegion { .. }
        | Cause::SameUnit { .. }
        | Cause::Reciprocal { .. }
        | Cause::Requirement { .. } => composition_cause_text(lang, case, c),
    }
}

/// Who is placed where: twice, though not drawable, or against a pin.
fn person_cause_text(lang: Lang, case: &Case, c: &Cause) -> String {
    let gid = |g: GroupId| case.group(g).id.clone();
    match c {
        Cause::PlacedTwice { person, groups } => tr(
            lang,
            "violation-placed-twice",
            &Args::new()
                .s("who", case.person_label(*person))
                .n("n", groups.len() as f64)
                .s(
                    "groups",
                    groups
                        .iter()
                        .map(|&g| gid(g))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
        ),
        Cause::Unavailable { person } => tr(
            lang,
            "violation-unavailable",
            &Args::new()
                .s("who", case.person_label(*person))
                .n("line", case.person(*person).line as f64),
        ),
        Cause::Excluded { person } => tr(
            lang,
            "violation-excluded",
            &Args::new().s("who", case.person_label(*person)),
        ),
        Cause::Pin {
            person,
            group,
            role,
        } => tr(
            lang,
            "violation-pin",
            &Args::new()
                .s("who", case.person_label(*person))
                .s("group", gid(*group))
                .s("role", role_word(lang, *role)),
        ),
        _ => unreachable!("person_cause_text is called for its own causes only"),
    }
}

/// A group's size and roles: leaders, deputies and their seniority.
fn role_cause_text(lang: Lang, case: &Case, c: &Cause) -> String {
    let gid = |g: GroupId| case.group(g).id.clone();
    match c {
        Cause::Size { group, n } => {
            let (lo, hi) = case.group(*group).size;
            tr(
                lang,
                "violation-size",
                &Args::new()
                    .s("group", gid(*group))
                    .n("n", *n as f64)
                    .s("lo", lo.to_string())
                    .s("hi", hi.to_string()),
            )
        }
        Cause::LeaderCount {
            group,
            leaders,
            need,
        } => tr(
            lang,
            "violation-leader-count",
            &Args::new()
                .s("group", gid(*group))
                .n("n", leaders.len() as f64)
                .s(
                    "names",
                    if leaders.is_empty() {
                        t(lang, "violation-leader-none")
                    } else {
                        labels(case, leaders)
                    },
                )
                .n("need", *need as f64),
        ),
        Cause::NotInLeaderPool { group, person } => tr(
            lang,
            "violation-not-in-leader-pool",
            &Args::new()
                .s("who", case.person_label(*person))
                .s("group", gid(*group))
                .n("line", case.person(*person).line as f64),
        ),
        Cause::DeputyCount {
            group,
            deputies,
            need,
        } => tr(
            lang,
            "violation-deputy-count",
            &Args::new()
                .s("group", gid(*group))
                .n("n", deputies.len() as f64)
                .s(
                    "names",
                    if deputies.is_empty() {
                        t(lang, "violation-leader-none")
                    } else {
                        labels(case, deputies)
                    },
                )
                .n("need", *need as f64),
        ),
        Cause::NotInDeputyPool { group, person } => tr(
            lang,
            "violation-not-in-deputy-pool",
            &Args::new()
                .s("who", case.person_label(*person))
                .s("group", gid(*group))
                .n("line", case.person(*person).line as f64),
        ),
        Cause::DeputyAlsoLeader { group, person } => tr(
            lang,
            "violation-deputy-also-leader",
            &Args::new()
                .s("who", case.person_label(*person))
                .s("group", gid(*group)),
        ),
        Cause::LeaderJunior {
            group,
            leader,
            member,
        } => tr(
            lang,
            "violation-leader-junior",
            &Args::new()
                .s("group", gid(*group))
                .s("leader", case.person_label(*leader))
                .s(
                    "leader-rank",
                    crate::io::ranks::step_name(case.person(*leader).rank_step),
                )
                .s("member", case.person_label(*member))
                .s(
                    "member-rank",
                    crate::io::ranks::step_name(case.person(*member).rank_step),
                ),
        ),
        _ => unreachable!("role_cause_text is called for its own causes only"),
    }
}

/// Who sits together: kin, the mixing caps, reciprocal inspection, requirements.
fn composition_cause_text(lang: Lang, case: &Case, c: &Cause) -> String {
    let gid = |g: GroupId| case.group(g).id.clone();
    let policy = &case.round.policy;
    match c {
        Cause::Kin { group, fact } => {
            let k = &case.kin[*fact];
            tr(
                lang,
                "violation-kin",
                &Args::new()
                    .s("a", case.person_label(k.a))
                    .s("b", case.person_label(k.b))
                    .s("note", note(&k.note))
                    .n("line", k.line as f64)
                    .s("group", gid(*group)),
            )
        }
        Cause::SameRegion {
            group,
            region,
            members,
        } => tr(
            lang,
            "violation-same-region",
            &Args::new()
                .s("group", gid(*group))
                .n("n", members.len() as f64)
                .s("region", case.region(*region))
                .s("names", labels(case, members))
                .n("cap", policy.max_same_region as f64),
        ),
        Cause::SameUnit {
            group,
            unit,
            members,
        } => tr(
            lang,
            "violation-same-unit",
            &Args::new()
                .s("group", gid(*group))
                .n("n", members.len() as f64)
                .s("unit", case.unit_label(*unit))
                .s("names", labels(case, members))
                .n("cap", policy.max_same_unit as f64),
        ),
        Cause::Reciprocal { a, b, ab, ba } => tr(
            lang,
            "violation-reciprocal",
            &Args::new()
                .s("a", case.region(*a))
                .s("b", case.region(*b))
                .s("ab", witnesses(lang, case, ab))
                .s("ba", witnesses(lang, case, ba)),
        ),
        Cause::Requirement {
            group,
            area,
            have,
            need,
        } => {
            let a = &case.round.areas[*area];
            tr(
                lang,
                "violation-requirement",
                &Args::new()
                    .s("group", gid(*group))
                    .n("have", *have as f64)
                    .s("area", &a.key)
                    .s("label", &a.label)
                    .n("need", *need as f64),
            )
        }
        _ => unreachable!("composition_cause_text is called for its own causes only"),
    }
}
