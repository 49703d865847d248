//! The what-if reports as text (columns aligned by display width) and JSON.

use super::capacity::{Capacity, Probe};
use super::critical::{Critical, Effect, CLEARLY_WORSE};
use super::{Settings, Solved};
use crate::explain::pad;
use crate::explain::plan::num;
use crate::io::output::{area_totals, display_width};
use crate::model::Case;
use serde_json::{json, Value};
use std::fmt::Write;

/// Rounded for JSON (no 0.30000000000000004).
fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `第七轮交叉巡察 (2026), 4 groups`.
fn round_line(case: &Case) -> String {
    format!(
        "{} ({}), {} groups",
        if case.round.name.is_empty() {
            "the round"
        } else {
            &case.round.name
        },
        case.round.year,
        case.round.groups.len()
    )
}

fn budget_line(settings: &Settings, case: &Case) -> String {
    let moves = settings
        .iterations
        .unwrap_or_else(|| crate::solve::default_iterations(case));
    format!(
        "seed {}, {} searches × {} moves",
        settings.seed,
        settings.searches.max(1),
        thousands(moves)
    )
}

/// Per area: (least, most) of the groups' level sums in a plan.
fn area_ranges(s: &Solved) -> Vec<Option<(u32, u32)>> {
    let n = s.case.round.areas.len();
    let Ok(o) = &s.result else {
        return vec![None; n];
    };
    let totals: Vec<Vec<(u32, u32)>> = o
        .plan
        .groups
        .iter()
        .filter(|pg| !pg.members.is_empty())
        .map(|pg| area_totals(&s.case, pg))
        .collect();
    (0..n)
        .map(|k| {
            let sums = totals.iter().map(|t| t[k].0);
            Some((sums.clone().min()?, sums.max()?))
        })
        .collect()
}

/// The side-by-side rows of a scenario: a label and one cell per case.
pub fn scenario_rows(cases: &[Solved]) -> Vec<(String, Vec<String>)> {
    let base = &cases[0];
    let dash = || "–".to_string();
    // per case, once: the terms (none without a plan) and the area ranges
    let terms: Vec<Vec<crate::solve::Term>> = cases
        .iter()
        .map(|c| match &c.result {
            Ok(o) => o.score.terms(&c.case, &c.model),
            Err(_) => Vec::new(),
        })
        .collect();
    let ranges: Vec<Vec<Option<(u32, u32)>>> = cases.iter().map(area_ranges).collect();
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    let mut row = |label: &str, f: &dyn Fn(usize, &Solved) -> String| {
        rows.push((
            label.to_string(),
            cases.iter().enumerate().map(|(i, c)| f(i, c)).collect(),
        ));
    };
    row("feasible", &|_, c| {
        if c.result.is_ok() {
            "yes".into()
        } else {
            "no (see below)".into()
        }
    });
    row("groups", &|_, c| c.case.round.groups.len().to_string());
    row("people removed", &|_, c| c.removed.len().to_string());
    row("people added", &|_, c| c.added.to_string());
    row("moved vs base", &|i, c| {
        if i == 0 || c.result.is_err() {
            dash()
        } else {
            c.moved().to_string()
        }
    });
    if cases.iter().any(|c| c.joined_added_groups() > 0) {
        row("into added groups", &|_, c| {
            if c.result.is_err() {
                dash()
            } else {
                c.joined_added_groups().to_string()
            }
        });
    }
    row("score (lower is better)", &|_, c| {
        c.quality().map(num).unwrap_or_else(dash)
    });
    // the terms, by key, in the order of the first case with a plan (every
    // case has the same keys)
    let keys: Vec<String> = terms
        .iter()
        .find(|t| !t.is_empty())
        .map(|t| t.iter().map(|t| t.key.clone()).collect())
        .unwrap_or_default();
    for key in keys.iter().filter(|k| *k != "moved") {
        let unit = match key.as_str() {
            "rank" => " (ranks)",
            "age" => " (years)",
            "gender" => " (share)",
            "mixing" | "must_serve" | "recent" => " (people)",
            _ => " (levels)",
        };
        row(&format!("  {key}{unit}"), &|i, _| {
            terms[i]
                .iter()
                .find(|t| &t.key == key)
                .map(|t| num(t.value))
                .unwrap_or_else(dash)
        });
    }
    for (k, area) in base.case.round.areas.iter().enumerate() {
        row(
            &format!("{} per group (min–max)", area.key),
            &|i, _| match ranges[i].get(k).copied().flatten() {
                Some((lo, hi)) => format!("{lo}–{hi}"),
                None => dash(),
            },
        );
    }
    rows
}

/// The side-by-side table of a scenario, then per variant what changed.
pub fn scenario_text(cases: &[Solved], settings: &Settings) -> String {
    let mut s = String::new();
    let base = &cases[0];
    let _ = writeln!(
        s,
        "what-if: {}; {} variant{} against the base case",
        round_line(&base.case),
        cases.len() - 1,
        if cases.len() == 2 { "" } else { "s" }
    );
    let given = matches!(&base.result, Ok(o) if o.solver == crate::solve::SolverName::Given);
    let _ = writeln!(
        s,
        "{} solved with {}; a variant starts from the base plan, and moving someone away from it costs {} (weight stability)",
        if given {
            "the base plan as given (--base-plan); each variant"
        } else {
            "each case"
        },
        budget_line(settings, &base.case),
        num(base.model.weights.stability)
    );
    let rows = scenario_rows(cases);
    let mut widths: Vec<usize> = std::iter::once(
        rows.iter()
            .map(|(l, _)| display_width(l))
            .max()
            .unwrap_or(0),
    )
    .chain(cases.iter().map(|c| display_width(&c.name)))
    .collect();
    for (_, cells) in &rows {
        for (j, c) in cells.iter().enumerate() {
            widths[j + 1] = widths[j + 1].max(display_width(c));
        }
    }
    let line = |label: &str, cells: &[String]| -> String {
        let mut out = pad(label, widths[0]);
        for (j, c) in cells.iter().enumerate() {
            out.push_str("   ");
            out.push_str(&pad(c, widths[j + 1]));
        }
        out.trim_end().to_string()
    };
    let names: Vec<String> = cases.iter().map(|c| c.name.clone()).collect();
    let _ = writeln!(s, "\n{}", line("", &names));
    for (label, cells) in &rows {
        let _ = writeln!(s, "{}", line(label, cells));
    }
    for c in cases {
        let label = |id: &str| -> String {
            match c.case.person_by_id(id) {
                Some(p) => c.case.person_label(p),
                None => id.to_string(),
            }
        };
        let mut lines = Vec::new();
        match &c.result {
            Err(crate::solve::NoPlan::Proven(report)) => {
                lines.push("no plan: the pre-solve report proves it".into());
                for f in &report.findings {
                    let mut t = String::new();
                    crate::explain::finding_text(crate::explain::Lang::En, &c.case, &mut t, f);
                    lines.extend(t.lines().map(String::from));
                }
            }
            Err(no) => lines.push(format!("no plan: {}", super::why_not(&c.case, no))),
            Ok(_) => {}
        }
        if !c.removed.is_empty() {
            let shown: Vec<String> = c.removed.iter().take(10).map(|id| label(id)).collect();
            let more = c.removed.len().saturating_sub(10);
            lines.push(format!(
                "removed ({}): {}{}",
                c.removed.len(),
                shown.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            ));
        }
        for n in &c.notes {
            lines.push(format!("note: {n}"));
        }
        if !c.changes.is_empty() {
            lines.push(format!("moved ({}):", c.changes.len()));
            let place = |p: &Option<super::Place>| match p {
                Some(p) => p.to_string(),
                None => "out".to_string(),
            };
            let w = c
                .changes
                .iter()
                .take(30)
                .map(|ch| display_width(&format!("{} {}", ch.person, ch.name)))
                .max()
                .unwrap_or(0);
            for ch in c.changes.iter().take(30) {
                lines.push(format!(
                    "  {}  {} → {}{}",
                    pad(&format!("{} {}", ch.person, ch.name), w),
                    place(&ch.from),
                    place(&ch.to),
                    if ch.removed { " (removed)" } else { "" }
                ));
            }
            if c.changes.len() > 30 {
                lines.push(format!(
                    "  … and {} more (--format json lists all)",
                    c.changes.len() - 30
                ));
            }
        }
        if !lines.is_empty() {
            let _ = writeln!(s, "\n{}:", c.name);
            for l in lines {
                let _ = writeln!(s, "  {l}");
            }
        }
    }
    s
}

/// The scenario as a printable workbook: sheet 对比 (the side-by-side
/// table) and sheet 变动 (per variant who moved where).
pub fn scenario_xlsx(cases: &[Solved]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use crate::io::output::{tables_xlsx, TableSheet};
    let title = format!("{} — 情景对比 (what-if)", round_line(&cases[0].case));
    let mut header = vec!["".to_string()];
    header.extend(cases.iter().map(|c| c.name.clone()));
    let mut rows: Vec<Vec<String>> = scenario_rows(cases)
        .into_iter()
        .map(|(label, cells)| {
            std::iter::once(label.trim().to_string())
                .chain(cells)
                .collect()
        })
        .collect();
    let mut why = vec!["why not".to_string()];
    why.extend(cases.iter().map(|c| match &c.result {
        Ok(_) => String::new(),
        Err(no) => super::why_not(&c.case, no),
    }));
    if why.iter().skip(1).any(|w| !w.is_empty()) {
        rows.insert(1, why);
    }
    let place = |p: &Option<super::Place>| match p {
        Some(p) => p.to_string(),
        None => "out".to_string(),
    };
    let changes: Vec<Vec<String>> = cases
        .iter()
        .flat_map(|c| {
            c.changes.iter().map(move |ch| {
                vec![
                    c.name.clone(),
                    ch.person.clone(),
                    ch.name.clone(),
                    place(&ch.from),
                    place(&ch.to),
                    if ch.removed { "removed" } else { "" }.to_string(),
                ]
            })
        })
        .collect();
    tables_xlsx(&[
        TableSheet {
            name: "对比".into(),
            title: title.clone(),
            header,
            rows,
        },
        TableSheet {
            name: "变动".into(),
            title,
            header: ["variant", "id", "name", "base plan", "variant plan", ""]
                .map(String::from)
                .to_vec(),
            rows: changes,
        },
    ])
}

/// The scenario as a JSON array, the base first.
pub fn scenario_json(cases: &[Solved]) -> Value {
    Value::Array(
        cases
            .iter()
            .map(|c| {
                let (score, plan, status, iterations) = match &c.result {
                    Ok(o) => {
                        let mut terms = serde_json::Map::new();
                        for t in o.score.terms(&c.case, &c.model) {
                            if t.key == "moved" {
                                continue;
                            }
                            terms.insert(
                                t.key.clone(),
                                json!({
                                    "value": round4(t.value),
                                    "weight": t.weight,
                                    "cost": round4(t.cost),
                                }),
                            );
                        }
                        let groups: Vec<Value> = o
                            .plan
                            .groups
                            .iter()
                            .map(|pg| {
                                json!({
                                    "id": c.case.group(pg.group).id,
                                    "leaders": pg.leaders.iter().map(|&p| c.case.person(p).id.clone()).collect::<Vec<_>>(),
                                    "members": pg.members.iter().map(|&p| c.case.person(p).id.clone()).collect::<Vec<_>>(),
                                })
                            })
                            .collect();
                        (
                            json!({
                                "total": round4(c.quality().unwrap_or(0.0)),
                                "terms": terms,
                            }),
                            json!({ "groups": groups }),
                            json!(crate::explain::ending_text(crate::explain::Lang::En, &o.status)),
                            json!(o.iterations),
                        )
                    }
                    Err(_) => (json!({}), Value::Null, Value::Null, Value::Null),
                };
                let mut areas = serde_json::Map::new();
                for (area, r) in c.case.round.areas.iter().zip(area_ranges(c)) {
                    if let Some((lo, hi)) = r {
                        areas.insert(
                            area.key.clone(),
                            json!({ "min": lo, "max": hi, "spread": hi - lo }),
                        );
                    }
                }
                json!({
                    "name": c.name,
                    "feasible": c.result.is_ok(),
                    "why": c.result.as_ref().err().map(|no| super::why_not(&c.case, no)),
                    "moved": c.moved(),
                    "into_added_groups": c.joined_added_groups(),
                    "score": score,
                    "areas": areas,
                    "groups": c.case.round.groups.len(),
                    "removed": c.removed,
                    "added": c.added,
                    "notes": c.notes,
                    "changes": c.changes,
                    "plan": plan,
                    "status": status,
                    "iterations": iterations,
                })
            })
            .collect(),
    )
}

fn probe_text(p: &Probe) -> String {
    match p {
        Probe::Staffed => "staffed".into(),
        Probe::Impossible { why, .. } => format!("impossible: {why}"),
        Probe::NotFound { why } => why.clone(),
    }
}

/// `--capacity` in text (`case_path` as the user gave it, for the hints).
pub fn capacity_text(case: &Case, case_path: &str, c: &Capacity, settings: &Settings) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "capacity: {}", round_line(case));
    if let Err(why) = &c.round_staffed {
        let _ = writeln!(
            s,
            "the pool cannot staff the round's own {} groups: {why}\nsee why: xuncha explain {case_path}",
            c.round_groups
        );
        return s;
    }
    let _ = writeln!(
        s,
        "the pool staffs the round's {} groups and {} more ({} groups in all)",
        c.round_groups,
        c.more,
        c.round_groups + c.more
    );
    let _ = writeln!(
        s,
        "each extra group (+1, +2, …) inspects the targets of {} in turn, with that group's size and the round's requirements; searched with {}",
        case.round
            .groups
            .iter()
            .take(3)
            .map(|g| g.id.as_str())
            .chain(if case.round.groups.len() > 3 { Some("…") } else { None })
            .collect::<Vec<_>>()
            .join(", "),
        budget_line(settings, case)
    );
    if let Some(next) = &c.next {
        let _ = writeln!(s, "\none more (+{}): {}", c.more + 1, probe_text(next));
    }
    if c.proven_impossible_from > c.more + 1 {
        let _ = writeln!(
            s,
            "proven impossible from {} more on; between, the search found no plan but nothing proves there is none",
            c.proven_impossible_from
        );
    }
    let _ = writeln!(
        s,
        "\nwhat each resource allows on its own (avoidances aside), scarcest first:"
    );
    let head = [
        "resource".to_string(),
        "drawable".into(),
        "per group".into(),
        "groups".into(),
    ];
    let rows: Vec<[String; 4]> = c
        .resources
        .iter()
        .map(|r| {
            [
                r.label.clone(),
                r.available.to_string(),
                r.per_group.to_string(),
                r.groups.to_string(),
            ]
        })
        .collect();
    let mut w = head.clone().map(|h| display_width(&h));
    for r in &rows {
        for (j, x) in r.iter().enumerate() {
            w[j] = w[j].max(display_width(x));
        }
    }
    for r in std::iter::once(&head).chain(&rows) {
        let _ = writeln!(
            s,
            "  {}  {:>w1$}  {:>w2$}  {:>w3$}",
            pad(&r[0], w[0]),
            r[1],
            r[2],
            r[3],
            w1 = w[1],
            w2 = w[2],
            w3 = w[3]
        );
    }
    let tried: Vec<String> = c
        .probes
        .iter()
        .filter(|(&k, _)| k > 0)
        .map(|(k, p)| {
            format!(
                "{k} {}",
                if matches!(p, Probe::Staffed) {
                    "yes"
                } else {
                    "no"
                }
            )
        })
        .collect();
    let _ = writeln!(s, "\nextra groups tried: {}", tried.join(", "));
    s
}

/// `--capacity` as JSON.
pub fn capacity_json(c: &Capacity) -> Value {
    json!({
        "round_groups": c.round_groups,
        "round_staffed": c.round_staffed.is_ok(),
        "why_not": c.round_staffed.as_ref().err(),
        "more": c.more,
        "total": c.round_groups + c.more,
        "next": c.next,
        "proven_impossible_from": c.proven_impossible_from,
        "resources": c.resources,
        "probes": c.probes.iter().map(|(k, p)| {
            let mut v = serde_json::to_value(p).expect("a probe serializes");
            v["extra"] = json!(k);
            v
        }).collect::<Vec<_>>(),
    })
}

/// `--critical` in text: the `top` first entries (`case_path` as the user
/// gave it, for the hints).
pub fn critical_text(
    case: &Case,
    case_path: &str,
    c: &Critical,
    settings: &Settings,
    top: usize,
) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "critical people: {}", round_line(case));
    let Some(base) = c.base_score else {
        let _ = writeln!(
            s,
            "the round itself cannot be staffed: {}\nsee why: xuncha explain {case_path}",
            c.base_why.as_deref().unwrap_or("")
        );
        return s;
    };
    let _ = writeln!(
        s,
        "base plan: score {}, {} people; each removed in turn and the round re-planned from the base plan (seed {}, {} searches × {} moves)",
        num(base),
        c.entries.len(),
        settings.seed,
        settings.searches.max(1),
        thousands(c.iterations)
    );
    let n_critical = c.entries.iter().filter(|e| e.is_critical()).count();
    let _ = writeln!(
        s,
        "{n_critical} critical: the round is infeasible without them, or its score rises by {} or more",
        num(CLEARLY_WORSE)
    );
    let shown: Vec<_> = c.entries.iter().take(top).collect();
    let rows: Vec<[String; 4]> = shown
        .iter()
        .enumerate()
        .map(|(i, e)| {
            [
                format!("{}{}", i + 1, if e.is_critical() { " *" } else { "" }),
                format!("{} {}", e.person, e.name),
                e.place.to_string(),
                match &e.effect {
                    Effect::Infeasible { proven: true, why } => format!("infeasible: {why}"),
                    Effect::Infeasible { proven: false, why } => why.clone(),
                    Effect::Score {
                        delta,
                        score,
                        moved,
                    } => {
                        if num(delta.abs()) == "0" {
                            format!("score unchanged ({}), {moved} moved", num(*score))
                        } else {
                            format!(
                                "score {} by {} to {}, {moved} moved",
                                if *delta > 0.0 { "rises" } else { "falls" },
                                num(delta.abs()),
                                num(*score)
                            )
                        }
                    }
                },
            ]
        })
        .collect();
    let head = [
        "#".to_string(),
        "person".into(),
        "place".into(),
        "without them".into(),
    ];
    let mut w = head.clone().map(|h| display_width(&h));
    for r in &rows {
        for (j, x) in r.iter().enumerate() {
            w[j] = w[j].max(display_width(x));
        }
    }
    let _ = writeln!(s);
    for r in std::iter::once(&head).chain(&rows) {
        let _ = writeln!(
            s,
            "  {}  {}  {}  {}",
            pad(&r[0], w[0]),
            pad(&r[1], w[1]),
            pad(&r[2], w[2]),
            r[3]
        );
    }
    if c.entries.len() > shown.len() {
        let _ = writeln!(
            s,
            "  … {} more, less critical (--top {} shows all)",
            c.entries.len() - shown.len(),
            c.entries.len()
        );
    }
    let _ = writeln!(s, "\n* critical. People left out of the base plan are not listed: without them the base plan still holds.");
    s
}

/// `--critical` as JSON.
pub fn critical_json(c: &Critical) -> Value {
    json!({
        "base_score": c.base_score.map(round4),
        "why_not": c.base_why,
        "iterations": c.iterations,
        "clearly_worse": CLEARLY_WORSE,
        "people": c.entries.iter().map(|e| {
            let mut v = serde_json::to_value(e).expect("an entry serializes");
            v["critical"] = json!(e.is_critical());
            for k in ["delta", "score"] {
                if let Some(x) = v.get(k).and_then(Value::as_f64) {
                    v[k] = json!(round4(x));
                }
            }
            v
        }).collect::<Vec<_>>(),
    })
}
