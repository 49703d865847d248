//! What the page shows, as JSON: the round with its groups and member
//! cards, the score term by term, the violations, the person panel and the
//! comparison with the starting plan. Sentences come from `explain/`.

use super::session::{Session, Workspace};
use crate::explain::i18n::t;
use crate::explain::{self, Lang};
use crate::model::{Case, Gender, PersonId, Plan};
use crate::review::{places, score_report, Place};
use crate::validate::check_plan;
use serde_json::{json, Value};

/// A person as the page's card shows them.
pub fn card(case: &Case, p: PersonId, place: Place, locked: bool) -> Value {
    let x = case.person(p);
    json!({
        "id": x.id,
        "name": x.name,
        "female": x.gender == Gender::Female,
        "age": case.age(p),
        "rank": x.rank,
        "rank_label": crate::io::output::rank_label(x.rank),
        "unit": case.unit(x.unit).name,
        "region": case.region_name(x.region),
        "native": x.native_region.map(|r| case.region_name(r).to_string()),
        "leader_pool": x.leader,
        "must_serve": x.must_serve,
        "levels": x.levels,
        "group": place.map(|(g, _)| case.group(g).id.clone()),
        "leader": place.is_some_and(|(_, r)| r == crate::model::Role::Leader),
        "deputy": place.is_some_and(|(_, r)| r == crate::model::Role::Deputy),
        "locked": locked,
    })
}

/// The score of a plan, each term with its label in `lang`.
fn score_json(lang: Lang, ws: &Workspace, plan: &Plan) -> Value {
    let r = score_report(&ws.case, &ws.model, plan);
    let terms: Vec<Value> = r
        .terms
        .iter()
        .map(|t| {
            json!({
                "key": t.key,
                "label": explain::plan::term_label(lang, &ws.case, &t.key),
                "value": t.value, "weight": t.weight, "cost": t.cost,
            })
        })
        .collect();
    json!({"total": r.total, "terms": terms, "groups": r.groups})
}

/// The whole page's data: round, groups with cards and make-up, people
/// left out, score, violations, locks, revision.
pub fn state_json(lang: Lang, ws: &Workspace, s: &Session) -> Value {
    let case = &ws.case;
    let where_ = places(case, &s.plan);
    let violations = check_plan(case, &s.plan);
    let score = score_json(lang, ws, &s.plan);
    let groups: Vec<Value> = case
        .group_ids()
        .map(|g| {
            let grp = case.group(g);
            let pg = &s.plan.groups[g.ix()];
            let roster = crate::io::output::roster(pg)
                .map(|(p, _)| card(case, p, where_[p.ix()], s.is_locked(case, p)))
                .collect::<Vec<_>>();
            json!({
                "id": grp.id,
                "name": case.group_names.get(g.ix()).cloned().unwrap_or_default(),
                "targets": grp.targets.iter().map(|&t| json!({
                    "id": case.unit(t).id,
                    "name": case.unit(t).name,
                    "region": case.region_name(case.unit(t).region),
                })).collect::<Vec<_>>(),
                "size": [grp.size.0, grp.size.1],
                "locked": s.locked_groups.contains(&g),
                "members": roster,
                "summary": score["groups"][g.ix()],
            })
        })
        .collect();
    let left_out: Vec<Value> = case
        .person_ids()
        .filter(|&p| case.drawable(p) && where_[p.ix()].is_none())
        .map(|p| card(case, p, None, s.locked_people.contains(&p)))
        .collect();
    let was = places(case, &s.start);
    let changed = case
        .person_ids()
        .filter(|&p| was[p.ix()] != where_[p.ix()])
        .count();
    json!({
        "revision": s.revision,
        "valid": violations.is_empty(),
        "violations": violations.iter().map(|v| explain::violation_json(lang, case, v)).collect::<Vec<_>>(),
        "round": {
            "name": case.round.name,
            "year": case.round.year,
            "areas": case.round.areas.iter().map(|a| json!({"key": a.key, "label": a.label})).collect::<Vec<_>>(),
        },
        "groups": groups,
        "left_out": left_out,
        "score": {"total": score["total"], "terms": score["terms"]},
        "can_undo": !s.history.is_empty(),
        "changed": changed,
        "restored": s.restored,
        "work_file": ws.work_file().display().to_string(),
        "folder": ws.save_dir().display().to_string(),
        "no_plan": ws.no_plan.as_ref().map(|w| explain::no_plan_json(lang, case, w)),
    })
}

/// Where a person may go: the groups rules 1–3 allow, and for each other
/// group the rules and facts (as `explain --person`), with their card.
pub fn person_view(lang: Lang, ws: &Workspace, s: &Session, p: PersonId) -> Value {
    let case = &ws.case;
    let place = places(case, &s.plan)[p.ix()];
    let mut v = explain::person_json(lang, case, &ws.elig, p);
    v["card"] = card(case, p, place, s.is_locked(case, p));
    v["text"] = json!(explain::person_text(lang, case, &ws.elig, p));
    v
}

/// The working plan against the one the review started from (`diff`).
pub fn diff_view(lang: Lang, ws: &Workspace, s: &Session) -> Value {
    let case = &ws.case;
    let (d, model) = crate::review::diff(case, &ws.elig, &s.start, &s.plan);
    let mut v = explain::diff_json(case, &model, &d);
    let names = [t(lang, "serve-plan-start"), t(lang, "serve-plan-now")];
    v["text"] = json!(explain::diff_text(
        lang,
        case,
        &model,
        &d,
        [&names[0], &names[1]]
    ));
    for (i, c) in d.changes.iter().enumerate() {
        v["changes"][i]["name"] = json!(case.person(c.person).name);
    }
    let label = |t: &mut Value| {
        for x in t.as_array_mut().into_iter().flatten() {
            let key = x["key"].as_str().unwrap_or_default().to_string();
            x["label"] = json!(explain::plan::term_label(lang, case, &key));
        }
    };
    label(&mut v["a"]["terms"]);
    label(&mut v["b"]["terms"]);
    v
}

/// Beside every `rule` id in `v` (at any depth), its label in `lang`
/// (`rule_label`), for the page to show the rule by name.
pub fn label_rules(lang: Lang, v: &mut Value) {
    match v {
        Value::Object(o) => {
            let rule = o.get("rule").and_then(Value::as_str).and_then(|id| {
                crate::model::RuleId::ALL
                    .into_iter()
                    .find(|r| r.as_str() == id)
            });
            if let Some(r) = rule {
                o.insert("rule_label".into(), json!(explain::rule_label(lang, r)));
            }
            for x in o.values_mut() {
                label_rules(lang, x);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| label_rules(lang, x)),
        _ => {}
    }
}
