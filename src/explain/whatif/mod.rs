//! The what-if reports (`xuncha whatif`) as text in each language (columns
//! aligned by display width), as JSON and as a workbook. The words are in
//! `whatif.ftl`.

use super::i18n::{t, tr, Args, Lang};
use super::input::render_msg;
use super::pad;
use super::plan::{num, term_label};
use crate::io::output::{area_totals, display_width};
use crate::model::Case;
use crate::whatif::{Place, Settings, Solved};
use serde_json::{json, Value};
use std::fmt::Write;

mod capacity;
mod critical;

pub use capacity::{capacity_json, capacity_text};
pub use critical::{critical_json, critical_text};

/// Rounded for JSON (no 0.30000000000000004).
pub(super) fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

pub(super) fn thousands(n: u64) -> String {
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
pub(super) fn round_line(lang: Lang, case: &Case) -> String {
    let name = if case.round.name.is_empty() {
        t(lang, "wi-the-round")
    } else {
        case.round.name.clone()
    };
    tr(
        lang,
        "wi-round-line",
        &Args::new()
            .s("name", name)
            .s("year", case.round.year.to_string())
            .n("groups", case.round.groups.len() as f64),
    )
}

pub(super) fn budget_line(lang: Lang, settings: &Settings, case: &Case) -> String {
    let moves = settings
        .iterations
        .unwrap_or_else(|| crate::solve::default_iterations(case));
    tr(
        lang,
        "wi-budget",
        &Args::new()
            .s("seed", settings.seed.to_string())
            .n("searches", settings.searches.max(1) as f64)
            .s("moves", thousands(moves)),
    )
}

/// Where a person is in a plan, or `out`.
fn place_text(lang: Lang, p: &Option<Place>) -> String {
    match p {
        Some(p) => p.to_string(),
        None => t(lang, "wi-out"),
    }
}

/// Why a case has no plan, in one line.
fn why_text(lang: Lang, c: &Solved) -> String {
    match &c.result {
        Ok(_) => String::new(),
        Err(no) => super::no_plan_line(lang, &c.case, no),
    }
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
pub fn scenario_rows(lang: Lang, cases: &[Solved]) -> Vec<(String, Vec<String>)> {
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
    let mut row = |label: String, f: &dyn Fn(usize, &Solved) -> String| {
        rows.push((
            label,
            cases.iter().enumerate().map(|(i, c)| f(i, c)).collect(),
        ));
    };
    row(t(lang, "wi-row-feasible"), &|_, c| {
        t(
            lang,
            if c.result.is_ok() {
                "wi-yes"
            } else {
                "wi-no-see-below"
            },
        )
    });
    row(t(lang, "wi-row-groups"), &|_, c| {
        c.case.round.groups.len().to_string()
    });
    row(t(lang, "wi-row-removed"), &|_, c| {
        c.removed.len().to_string()
    });
    row(t(lang, "wi-row-added"), &|_, c| c.added.to_string());
    row(t(lang, "wi-row-moved"), &|i, c| {
        if i == 0 || c.result.is_err() {
            dash()
        } else {
            c.moved().to_string()
        }
    });
    if cases.iter().any(|c| c.joined_added_groups() > 0) {
        row(t(lang, "wi-row-into-added"), &|_, c| {
            if c.result.is_err() {
                dash()
            } else {
                c.joined_added_groups().to_string()
            }
        });
    }
    row(t(lang, "wi-row-score"), &|_, c| {
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
            "rank" => "wi-unit-ranks",
            "age" => "wi-unit-years",
            "gender" => "wi-unit-share",
            "mixing" | "must_serve" | "recent" => "wi-unit-people",
            _ => "wi-unit-levels",
        };
        let name = match lang {
            Lang::En => key.clone(),
            Lang::Zh => term_label(lang, &base.case, key),
        };
        let label = tr(
            lang,
            "wi-term-row",
            &Args::new().s("term", name).s("unit", t(lang, unit)),
        );
        row(format!("  {label}"), &|i, _| {
            terms[i]
                .iter()
                .find(|t| &t.key == key)
                .map(|t| num(t.value))
                .unwrap_or_else(dash)
        });
    }
    for (k, area) in base.case.round.areas.iter().enumerate() {
        let name = match lang {
            Lang::En => area.key.clone(),
            Lang::Zh => area.label.clone(),
        };
        row(
            tr(lang, "wi-area-range", &Args::new().s("area", name)),
            &|i, _| match ranges[i].get(k).copied().flatten() {
                Some((lo, hi)) => format!("{lo}–{hi}"),
                None => dash(),
            },
        );
    }
    rows
}

/// The side-by-side table of a scenario, then per variant what changed.
pub fn scenario_text(lang: Lang, cases: &[Solved], settings: &Settings) -> String {
    let mut s = String::new();
    let base = &cases[0];
    let _ = writeln!(
        s,
        "{}",
        tr(
            lang,
            "wi-head",
            &Args::new()
                .s("round", round_line(lang, &base.case))
                .n("n", (cases.len() - 1) as f64)
        )
    );
    let given = matches!(&base.result, Ok(o) if o.solver == crate::solve::SolverName::Given);
    let _ = writeln!(
        s,
        "{}",
        tr(
            lang,
            if given {
                "wi-solved-given"
            } else {
                "wi-solved"
            },
            &Args::new()
                .s("budget", budget_line(lang, settings, &base.case))
                .s("stability", num(base.model.weights.stability))
        )
    );
    let rows = scenario_rows(lang, cases);
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
        s.push_str(&case_notes(lang, c));
    }
    s
}

/// What is to say of one case below the table: why no plan, who was
/// removed, the notes, who moved.
fn case_notes(lang: Lang, c: &Solved) -> String {
    let mut s = String::new();
    {
        let label = |id: &str| -> String {
            match c.case.person_by_id(id) {
                Some(p) => c.case.person_label(p),
                None => id.to_string(),
            }
        };
        let mut lines = Vec::new();
        match &c.result {
            Err(crate::solve::NoPlan::Proven(report)) => {
                lines.push(t(lang, "wi-no-plan-proven"));
                for f in &report.findings {
                    let mut text = String::new();
                    super::finding_text(lang, &c.case, &mut text, f);
                    lines.extend(text.lines().map(String::from));
                }
            }
            Err(_) => lines.push(tr(
                lang,
                "wi-no-plan",
                &Args::new().s("why", why_text(lang, c)),
            )),
            Ok(_) => {}
        }
        if !c.removed.is_empty() {
            let shown: Vec<String> = c.removed.iter().take(10).map(|id| label(id)).collect();
            let more = c.removed.len().saturating_sub(10);
            lines.push(tr(
                lang,
                "wi-removed",
                &Args::new()
                    .n("n", c.removed.len() as f64)
                    .s("list", shown.join(&t(lang, "list-sep")))
                    .n("more", more as f64),
            ));
        }
        for n in &c.notes {
            lines.push(tr(
                lang,
                "wi-note",
                &Args::new().s("note", render_msg(lang, n)),
            ));
        }
        if !c.changes.is_empty() {
            lines.push(tr(
                lang,
                "wi-moved",
                &Args::new().n("n", c.changes.len() as f64),
            ));
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
                    place_text(lang, &ch.from),
                    place_text(lang, &ch.to),
                    if ch.removed {
                        t(lang, "wi-removed-mark")
                    } else {
                        String::new()
                    }
                ));
            }
            if c.changes.len() > 30 {
                lines.push(format!(
                    "  {}",
                    tr(
                        lang,
                        "wi-more-changes",
                        &Args::new().n("n", (c.changes.len() - 30) as f64)
                    )
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
pub fn scenario_xlsx(lang: Lang, cases: &[Solved]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use crate::io::output::{tables_xlsx, TableSheet};
    let title = tr(
        lang,
        "wi-xlsx-title",
        &Args::new().s("round", round_line(lang, &cases[0].case)),
    );
    let mut header = vec!["".to_string()];
    header.extend(cases.iter().map(|c| c.name.clone()));
    let mut rows: Vec<Vec<String>> = scenario_rows(lang, cases)
        .into_iter()
        .map(|(label, cells)| {
            std::iter::once(label.trim().to_string())
                .chain(cells)
                .collect()
        })
        .collect();
    let mut why = vec![t(lang, "wi-why-not")];
    why.extend(cases.iter().map(|c| why_text(lang, c)));
    if why.iter().skip(1).any(|w| !w.is_empty()) {
        rows.insert(1, why);
    }
    let changes: Vec<Vec<String>> = cases
        .iter()
        .flat_map(|c| {
            c.changes.iter().map(move |ch| {
                vec![
                    c.name.clone(),
                    ch.person.clone(),
                    ch.name.clone(),
                    place_text(lang, &ch.from),
                    place_text(lang, &ch.to),
                    if ch.removed {
                        t(lang, "wi-removed-word")
                    } else {
                        String::new()
                    },
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
            header: [
                "wi-col-variant",
                "wi-col-id",
                "wi-col-name",
                "wi-col-base",
                "wi-col-plan",
            ]
            .iter()
            .map(|k| t(lang, k))
            .chain([String::new()])
            .collect(),
            rows: changes,
        },
    ])
}

/// The scenario as a JSON array, the base first.
pub fn scenario_json(lang: Lang, cases: &[Solved]) -> Value {
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
                            json!(super::ending_text(lang, &o.status)),
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
                    "why": c.result.as_ref().err().map(|_| why_text(lang, c)),
                    "moved": c.moved(),
                    "into_added_groups": c.joined_added_groups(),
                    "score": score,
                    "areas": areas,
                    "groups": c.case.round.groups.len(),
                    "removed": c.removed,
                    "added": c.added,
                    "notes": c.notes.iter().map(|n| render_msg(lang, n)).collect::<Vec<_>>(),
                    "changes": c.changes,
                    "plan": plan,
                    "status": status,
                    "iterations": iterations,
                })
            })
            .collect(),
    )
}

/// Rows of cells as aligned lines: the first column padded, the others
/// right-aligned (`right`) or padded, the last left as it is.
pub(super) fn table_lines(rows: &[Vec<String>], right: bool) -> String {
    let n = rows.first().map_or(0, Vec::len);
    let mut w = vec![0; n];
    for r in rows {
        for (j, x) in r.iter().enumerate() {
            w[j] = w[j].max(display_width(x));
        }
    }
    let mut s = String::new();
    for r in rows {
        let mut line = String::from(" ");
        for (j, x) in r.iter().enumerate() {
            line.push(' ');
            if j == 0 || (!right && j + 1 < n) {
                line.push_str(&pad(x, w[j]));
            } else if right {
                line.push_str(&super::pad_left(x, w[j]));
            } else {
                line.push_str(x);
            }
            line.push(' ');
        }
        let _ = writeln!(s, "{}", line.trim_end());
    }
    s
}
