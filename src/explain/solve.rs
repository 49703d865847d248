//! The solver's outcome in words: which solver made a plan, how the solve
//! ended, why someone is left out, what a group still misses, why a group
//! stays empty, and a one-line reason why there is no plan. The data are
//! [`crate::solve::SolverName`], [`Ending`], [`LeftOut`], [`Missing`],
//! [`Unstaffed`] and [`NoPlan`]; the words are in `solve.ftl`.

use super::i18n::{t, tr, Args, Lang};
use crate::model::{Case, RuleId};
use crate::solve::{Ending, LeftOut, Missing, NoPlan, SolverName, Unstaffed};
use crate::validate::feasibility::Finding;

/// A rule as the reader knows it: its id in English (`kin-same-group`), its
/// short name in Chinese (亲属同组).
pub fn rule_word(lang: Lang, rule: RuleId) -> String {
    match lang {
        Lang::En => rule.as_str().to_string(),
        Lang::Zh => t(lang, &format!("rule-name-{}", rule.as_str())),
    }
}

/// Which solver made the plan.
pub fn solver_text(lang: Lang, solver: &SolverName) -> String {
    match solver {
        SolverName::Heuristic => t(lang, "solver-heuristic"),
        SolverName::Exact { backend } => {
            tr(lang, "solver-exact", &Args::new().s("backend", backend))
        }
        SolverName::ExactFallback { backend } => tr(
            lang,
            "solver-exact-fallback",
            &Args::new().s("backend", backend),
        ),
        SolverName::Given => t(lang, "solver-given"),
        SolverName::Review => t(lang, "solver-review"),
    }
}

/// How the solve ended.
pub fn ending_text(lang: Lang, ending: &Ending) -> String {
    let id = match ending {
        Ending::BestFound => "ending-best-found",
        Ending::TimeLimit => "ending-time-limit",
        Ending::Interrupted => "ending-interrupted",
        Ending::ZeroScore => "ending-zero-score",
        Ending::NothingStaffable => "ending-nothing-staffable",
        Ending::Optimal {
            heuristic_excess: None,
        } => "ending-optimal",
        Ending::Optimal {
            heuristic_excess: Some(x),
        } if *x == 0.0 => "ending-optimal-heuristic",
        Ending::Optimal {
            heuristic_excess: Some(x),
        } => {
            return tr(
                lang,
                "ending-optimal-excess",
                &Args::new().s("excess", format!("{x:.4}")),
            )
        }
        Ending::ExactTimeLimit {
            gap_percent: Some(g),
        } => {
            return tr(
                lang,
                "ending-exact-gap",
                &Args::new().s("gap", format!("{g:.2}")),
            )
        }
        Ending::ExactTimeLimit { gap_percent: None } => "ending-exact-time",
        Ending::ExactBrokeRule => "ending-exact-broke-rule",
        Ending::ExactNoPlan => "ending-exact-no-plan",
        Ending::ExactTimedOut => "ending-exact-timed-out",
        Ending::Given => "ending-given",
        Ending::Reviewed => "ending-reviewed",
    };
    t(lang, id)
}

/// Counted rules, `kin-same-group ×3, reciprocal ×1` (亲属同组 ×3、对等互查 ×1).
fn counted(lang: Lang, rules: &[(RuleId, usize)]) -> Vec<String> {
    rules
        .iter()
        .map(|&(r, n)| {
            tr(
                lang,
                "rule-count",
                &Args::new().s("rule", rule_word(lang, r)).n("n", n as f64),
            )
        })
        .collect()
}

/// Why a person is left out.
pub fn left_out_text(lang: Lang, why: &LeftOut) -> String {
    match why {
        LeftOut::NoGroup => t(lang, "left-out-no-group"),
        LeftOut::NotNeeded => t(lang, "left-out-not-needed"),
        LeftOut::MustServe { refused, room } => {
            let mut parts = counted(lang, refused);
            if *room > 0 {
                parts.push(tr(lang, "left-out-room", &Args::new().n("n", *room as f64)));
            }
            tr(
                lang,
                "left-out-must-serve",
                &Args::new().s("rules", parts.join(&t(lang, "list-sep"))),
            )
        }
    }
}

/// What a group still misses, and what keeps out the people who may join it.
pub fn missing_text(lang: Lang, case: &Case, m: &Missing) -> String {
    let mut parts = Vec::new();
    if m.leaders > 0 {
        parts.push(tr(
            lang,
            "missing-leaders",
            &Args::new().n("n", m.leaders as f64),
        ));
    }
    if m.members > 0 {
        parts.push(tr(
            lang,
            "missing-members",
            &Args::new()
                .n("n", m.members as f64)
                .n("least", m.least as f64),
        ));
    }
    for &(k, n) in &m.areas {
        parts.push(tr(
            lang,
            "missing-area",
            &Args::new()
                .n("n", n as f64)
                .s("area", &case.round.areas[k].label),
        ));
    }
    let sep = t(lang, "list-sep");
    let mut s = parts.join(&sep);
    if !m.held.is_empty() {
        let held: Vec<String> = m
            .held
            .iter()
            .map(|&(r, n)| {
                if r == RuleId::OneGroup {
                    tr(lang, "held-one-group", &Args::new().n("n", n as f64))
                } else {
                    tr(
                        lang,
                        "held-rule",
                        &Args::new().n("n", n as f64).s("rule", rule_word(lang, r)),
                    )
                }
            })
            .collect();
        s.push_str(&tr(
            lang,
            "missing-held",
            &Args::new().s("list", held.join(&sep)),
        ));
    }
    s
}

/// A finding in one line, `claim [rule]` (`short`: a claim naming many
/// groups names the first few).
fn finding_line(lang: Lang, case: &Case, f: &Finding, short: bool) -> String {
    tr(
        lang,
        "unstaffed-proven",
        &Args::new()
            .s("claim", super::claim_text(lang, case, &f.claim, short))
            .s("rule", rule_word(lang, f.rule)),
    )
}

/// Why a group was left empty.
pub fn unstaffed_text(lang: Lang, case: &Case, why: &Unstaffed) -> String {
    match why {
        Unstaffed::Proven(f) => finding_line(lang, case, f, false),
        Unstaffed::NotFound(m) => tr(
            lang,
            "unstaffed-not-found",
            &Args::new().s("missing", missing_text(lang, case, m)),
        ),
    }
}

/// Why there is no plan, in one line (the first finding, or the first
/// group's misses): for tables of many solves (what-if) and for `gen`.
pub fn no_plan_line(lang: Lang, case: &Case, no: &NoPlan) -> String {
    match no {
        NoPlan::Proven(report) => match report.findings.first() {
            // a claim naming dozens of groups is shortened to the first few
            Some(f) => finding_line(lang, case, f, true),
            None => t(lang, "no-plan-infeasible"),
        },
        NoPlan::NotFound(groups) | NoPlan::ProvenByExact(groups) => {
            let (group, what) = groups
                .first()
                .map(|(g, m)| (case.group(*g).id.clone(), missing_text(lang, case, m)))
                .unwrap_or_default();
            tr(
                lang,
                if matches!(no, NoPlan::ProvenByExact(_)) {
                    "no-plan-proven-line"
                } else {
                    "no-plan-found-line"
                },
                &Args::new()
                    .s("group", group)
                    .s("what", what)
                    .n("more", groups.len().saturating_sub(1) as f64),
            )
        }
    }
}

/// Why there is no plan, as data with the words beside it: `kind`
/// (`proven` by the pre-solve report, `not-found` by the search,
/// `proven-by-exact`), `message` (the whole text in `lang`), and either the
/// `report` (as `explain --format json`) or per short group what it misses
/// (`groups`: `group`, `missing` as data, `message`).
pub fn no_plan_json(lang: Lang, case: &Case, no: &NoPlan) -> serde_json::Value {
    use serde_json::json;
    match no {
        NoPlan::Proven(report) => json!({
            "kind": "proven",
            "message": super::feasibility_text(lang, case, report),
            "report": super::feasibility_json(lang, case, report),
        }),
        NoPlan::NotFound(groups) | NoPlan::ProvenByExact(groups) => {
            let proven = matches!(no, NoPlan::ProvenByExact(_));
            json!({
                "kind": if proven { "proven-by-exact" } else { "not-found" },
                "message": super::not_found_text(lang, case, groups, proven),
                "groups": groups.iter().map(|(g, m)| json!({
                    "group": case.group(*g).id,
                    "missing": m,
                    "message": missing_text(lang, case, m),
                })).collect::<Vec<_>>(),
            })
        }
    }
}

/// Why there is no plan, for people: the feasibility report, or per short
/// group what the search's best attempt still misses.
pub fn no_plan_text(lang: Lang, case: &Case, no: &NoPlan) -> String {
    match no {
        NoPlan::Proven(report) => super::feasibility_text(lang, case, report),
        NoPlan::NotFound(groups) => super::not_found_text(lang, case, groups, false),
        NoPlan::ProvenByExact(groups) => super::not_found_text(lang, case, groups, true),
    }
}
