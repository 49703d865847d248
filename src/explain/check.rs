//! The `check` report: each violation with its chain of facts, a count per
//! rule, and "valid, but" over warnings that could hide a broken rule; in
//! text and in JSON (the data with the rendered sentence beside it).

use super::facts::cause_text;
use super::i18n::{t, tr, Args, Lang};
use crate::constraints::Violation;
use crate::error::InputWarning;
use crate::model::{Case, RuleId};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The rule's one-line statement.
pub fn rule_label(lang: Lang, rule: RuleId) -> String {
    t(lang, &format!("rule-{}", rule.as_str()))
}

/// The `check` report in text: each violation with its facts, then a count
/// per rule. With no violation but warnings that could hide a broken rule
/// (`hiding`: a sheet not read, a 籍贯 matching no region), it says "valid,
/// but" and lists them, never a plain "valid".
pub fn violations_text(
    lang: Lang,
    case: &Case,
    plan_name: &str,
    placed: usize,
    vs: &[Violation],
    hiding: &[&InputWarning],
) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}",
        tr(
            lang,
            "check-head",
            &Args::new()
                .s("plan", plan_name)
                .s("case", super::case_line(lang, case))
        )
    );
    let groups = case.round.groups.len() as f64;
    if vs.is_empty() && !hiding.is_empty() {
        let _ = writeln!(
            s,
            "{}",
            tr(
                lang,
                "check-valid-but",
                &Args::new()
                    .n("placed", placed as f64)
                    .n("groups", groups)
                    .n("n", hiding.len() as f64)
            )
        );
        for w in hiding {
            let _ = writeln!(
                s,
                "  - [{}] {}",
                w.code,
                super::input::render_warning(lang, w)
            );
        }
        return s;
    }
    if vs.is_empty() {
        let _ = writeln!(
            s,
            "{}",
            tr(
                lang,
                "check-valid",
                &Args::new().n("placed", placed as f64).n("groups", groups)
            )
        );
        return s;
    }
    let _ = writeln!(s);
    for v in vs {
        let mut head = format!("[{}] ", v.rule);
        let mut parts = Vec::new();
        if let Some(g) = &v.group {
            parts.push(g.clone());
        }
        if let Some(p) = &v.person {
            parts.push(
                case.person_by_id(p)
                    .map(|x| case.person_label(x))
                    .unwrap_or(p.clone()),
            );
        }
        if let Some(target) = &v.target {
            parts.push(tr(
                lang,
                "violation-head-target",
                &Args::new().s("target", target),
            ));
        }
        head.push_str(&parts.join(" · "));
        let _ = writeln!(s, "{head}");
        let _ = writeln!(s, "    {}", cause_text(lang, case, &v.cause));
    }
    let mut per_rule: BTreeMap<RuleId, usize> = BTreeMap::new();
    for v in vs {
        *per_rule.entry(v.rule).or_default() += 1;
    }
    let _ = writeln!(
        s,
        "\n{}",
        tr(
            lang,
            "check-invalid",
            &Args::new()
                .n("n", vs.len() as f64)
                .n("rules", per_rule.len() as f64)
        )
    );
    for (r, n) in per_rule {
        let _ = writeln!(s, "  {:<20} {n:>4}  {}", r.as_str(), rule_label(lang, r));
    }
    s
}

/// A violation in JSON: `rule`, `reason`, `group`, `person`, `target`,
/// `others` (ids), and the rendered `message`.
pub fn violation_json(lang: Lang, case: &Case, v: &Violation) -> Value {
    let mut o = serde_json::Map::new();
    o.insert("rule".into(), json!(v.rule));
    o.insert("reason".into(), json!(v.reason));
    if let Some(g) = &v.group {
        o.insert("group".into(), json!(g));
    }
    if let Some(p) = &v.person {
        o.insert("person".into(), json!(p));
    }
    if let Some(t) = &v.target {
        o.insert("target".into(), json!(t));
    }
    if !v.others.is_empty() {
        o.insert("others".into(), json!(v.others));
    }
    o.insert("message".into(), json!(cause_text(lang, case, &v.cause)));
    Value::Object(o)
}

/// The `check` report in JSON: `valid` only when no rule is broken and no
/// warning could hide one, `rules_kept` when no rule is broken, the
/// violations, a count per rule, and the warnings.
pub fn check_json(lang: Lang, case: &Case, vs: &[Violation], warnings: &[InputWarning]) -> Value {
    let mut per_rule: BTreeMap<&'static str, usize> = BTreeMap::new();
    for v in vs {
        *per_rule.entry(v.rule.as_str()).or_default() += 1;
    }
    json!({
        "valid": vs.is_empty() && !warnings.iter().any(|w| w.hides_rule),
        "rules_kept": vs.is_empty(),
        "violations": vs.iter().map(|v| violation_json(lang, case, v)).collect::<Vec<_>>(),
        "summary": per_rule,
        "warnings": super::input::warnings_json(lang, warnings),
    })
}
