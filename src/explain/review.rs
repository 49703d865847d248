//! Renders the answers of a review ([`crate::review`]): who could take a
//! person's place, and what changed between two plans, in text and JSON.

use super::facts::{fact_chain, role_word};
use super::i18n::{t, tr, Args, Lang};
use super::plan::{num, term_label};
use super::rule_label;
use crate::model::{Case, Role};
use crate::review::{Candidate, Move, Place, PlanDiff, Replacements};
use crate::solve::{Score, ScoreModel};
use serde_json::{json, Value};
use std::fmt::Write;

/// A change as people read it: "+0.35", "-2", "0".
fn signed(x: f64) -> String {
    if x > 1e-9 {
        format!("+{}", num(x))
    } else {
        num(x)
    }
}

/// "G1 组长", "not in the plan".
fn place_text(lang: Lang, case: &Case, place: Place) -> String {
    match place {
        Some((g, role)) => format!("{} {}", case.group(g).id, role_word(lang, role)),
        None => t(lang, "review-out"),
    }
}

fn place_json(case: &Case, place: Place) -> Value {
    match place {
        Some((g, role)) => json!({
            "group": case.group(g).id,
            "leader": role == Role::Leader,
            "role": role,
        }),
        None => Value::Null,
    }
}

/// The terms whose cost differs between two scores: (key, cost change).
fn term_changes(case: &Case, model: &ScoreModel, from: &Score, to: &Score) -> Vec<(String, f64)> {
    let a = from.terms(case, model);
    let b = to.terms(case, model);
    a.iter()
        .zip(&b)
        .filter(|(x, y)| (y.cost - x.cost).abs() > 1e-9)
        .map(|(x, y)| (x.key.clone(), y.cost - x.cost))
        .collect()
}

/// What a candidate does, in words: "P12 韩甲县 (left out) takes the place",
/// "swap with P09 卫亲属 of G2".
fn move_text(lang: Lang, case: &Case, m: Move) -> String {
    match m {
        Move::Replace { by } => tr(
            lang,
            "review-replace-by",
            &Args::new().s("who", case.person_label(by)),
        ),
        Move::Swap { with, group } => tr(
            lang,
            "review-swap-with",
            &Args::new()
                .s("who", case.person_label(with))
                .s("group", case.group(group).id.clone()),
        ),
    }
}

fn move_json(case: &Case, m: Move) -> Value {
    match m {
        Move::Replace { by } => json!({"kind": "replace", "by": case.person(by).id}),
        Move::Swap { with, group } => json!({
            "kind": "swap", "with": case.person(with).id, "group": case.group(group).id,
        }),
    }
}

fn refusal_text(lang: Lang, case: &Case, c: &Candidate) -> Option<String> {
    let r = c.refused.as_ref()?;
    let why = match &r.blocker {
        Some(b) => fact_chain(lang, case, b, Some(r.group)),
        None => tr(
            lang,
            "review-into",
            &Args::new()
                .s("who", case.person_label(r.person))
                .s("group", case.group(r.group).id.clone()),
        ),
    };
    Some(tr(
        lang,
        "review-refused",
        &Args::new()
            .s("rule", r.rule.as_str())
            .s("label", rule_label(lang, r.rule))
            .s("why", why),
    ))
}

fn candidate_line(
    lang: Lang,
    case: &Case,
    model: &ScoreModel,
    before: &Score,
    c: &Candidate,
) -> String {
    let terms: Vec<String> = term_changes(case, model, before, &c.score)
        .into_iter()
        .map(|(k, d)| format!("{} {}", term_label(lang, case, &k), signed(d)))
        .collect();
    let mut line = format!(
        "{:>8}  {}",
        signed(c.delta),
        move_text(lang, case, c.change)
    );
    if !terms.is_empty() {
        let _ = write!(line, " ({})", terms.join(", "));
    }
    line
}

/// `replace` in text: the person's place, the allowed alternatives best
/// first with the score change term by term, then the best refused ones
/// with the rule and fact that refuse them.
pub fn replace_text(lang: Lang, case: &Case, model: &ScoreModel, r: &Replacements) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}",
        tr(
            lang,
            "review-replace-head",
            &Args::new()
                .s("who", case.person_label(r.person))
                .s("place", place_text(lang, case, r.place))
                .s("score", num(r.score.total(model)))
                .n("considered", r.considered as f64),
        )
    );
    if r.pinned {
        let _ = writeln!(s, "{}", t(lang, "review-pinned"));
    }
    if r.place.is_none() {
        return s;
    }
    let _ = writeln!(s, "\n{}", t(lang, "review-allowed"));
    if r.allowed.is_empty() {
        let _ = writeln!(s, "  {}", t(lang, "review-none"));
    }
    for c in &r.allowed {
        let _ = writeln!(s, "  {}", candidate_line(lang, case, model, &r.score, c));
    }
    if !r.refused.is_empty() {
        let _ = writeln!(s, "\n{}", t(lang, "review-refused-head"));
        for c in &r.refused {
            let _ = writeln!(s, "  {}", candidate_line(lang, case, model, &r.score, c));
            if let Some(why) = refusal_text(lang, case, c) {
                let _ = writeln!(s, "            {why}");
            }
        }
    }
    s
}

fn candidate_json(
    lang: Lang,
    case: &Case,
    model: &ScoreModel,
    before: &Score,
    c: &Candidate,
) -> Value {
    let changes: Vec<Value> = term_changes(case, model, before, &c.score)
        .into_iter()
        .map(|(k, d)| json!({"term": k, "change": d}))
        .collect();
    let mut v = json!({
        "move": move_json(case, c.change),
        "delta": c.delta,
        "score": c.score.total(model),
        "terms": c.score.terms(case, model),
        "changes": changes,
        "message": move_text(lang, case, c.change),
    });
    if let Some(r) = &c.refused {
        v["refused"] = json!({
            "rule": r.rule.as_str(),
            "reason": r.reason,
            "person": case.person(r.person).id,
            "group": case.group(r.group).id,
            "message": refusal_text(lang, case, c),
        });
    }
    v
}

/// `replace --format json`: `{person, place: {group, leader} | null, pinned,
/// score, considered, allowed: [candidate], refused: [candidate]}`, a
/// candidate being `{move: {kind: replace, by} | {kind: swap, with, group},
/// delta, score, terms, changes: [{term, change}], message, refused?: {rule,
/// reason, person, group, message}}`.
pub fn replace_json(lang: Lang, case: &Case, model: &ScoreModel, r: &Replacements) -> Value {
    let list = |cs: &[Candidate]| -> Vec<Value> {
        cs.iter()
            .map(|c| candidate_json(lang, case, model, &r.score, c))
            .collect()
    };
    json!({
        "person": case.person(r.person).id,
        "place": place_json(case, r.place),
        "pinned": r.pinned,
        "score": r.score.total(model),
        "considered": r.considered,
        "allowed": list(&r.allowed),
        "refused": list(&r.refused),
    })
}

/// `diff` in text: who moved (group or role), then both scores term by term.
pub fn diff_text(
    lang: Lang,
    case: &Case,
    model: &ScoreModel,
    d: &PlanDiff,
    names: [&str; 2],
) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}",
        tr(
            lang,
            "review-diff-head",
            &Args::new()
                .s("a", names[0])
                .s("b", names[1])
                .n("n", d.changes.len() as f64),
        )
    );
    for c in &d.changes {
        let _ = writeln!(
            s,
            "  {}: {} → {}",
            case.person_label(c.person),
            place_text(lang, case, c.from),
            place_text(lang, case, c.to)
        );
    }
    let (ta, tb) = (d.a.terms(case, model), d.b.terms(case, model));
    let width = ta
        .iter()
        .map(|x| term_label(lang, case, &x.key).chars().count())
        .max()
        .unwrap_or(4)
        .max(8);
    let _ = writeln!(
        s,
        "\n{}  {:>10}  {:>10}",
        super::pad(&t(lang, "plan-col-term"), width),
        "A",
        "B"
    );
    for (x, y) in ta.iter().zip(&tb) {
        let _ = writeln!(
            s,
            "{}  {:>10}  {:>10}",
            super::pad(&term_label(lang, case, &x.key), width),
            num(x.cost),
            num(y.cost)
        );
    }
    let _ = writeln!(
        s,
        "{}  {:>10}  {:>10}",
        super::pad(&t(lang, "plan-total"), width),
        num(d.a.total(model)),
        num(d.b.total(model))
    );
    s
}

/// `diff --format json`: `{changes: [{person, from, to}], a: {total, terms},
/// b: {total, terms}}`, a place being `{group, leader}` or `null`.
pub fn diff_json(case: &Case, model: &ScoreModel, d: &PlanDiff) -> Value {
    let side = |sc: &Score| json!({"total": sc.total(model), "terms": sc.terms(case, model)});
    let changes: Vec<Value> = d
        .changes
        .iter()
        .map(|c| {
            json!({
                "person": case.person(c.person).id,
                "from": place_json(case, c.from),
                "to": place_json(case, c.to),
            })
        })
        .collect();
    json!({"changes": changes, "a": side(&d.a), "b": side(&d.b)})
}
