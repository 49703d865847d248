//! The plan as a readable table for a terminal: the groups with their people
//! and expertise, the score term by term, who is left out, how it was solved.
//! Columns are aligned by display width (a Chinese character takes two).

use super::i18n::{t, tr, Args, Lang};
use super::{pad, pad_left};
use crate::io::output::{area_totals, display_width, rank_label, roster};
use crate::model::{Case, PersonId};
use crate::solve::{Outcome, ScoreModel};
use std::fmt::Write;

/// A score term's key in words: `expertise.audit` stays as it is in English,
/// and is 审计专长差 in Chinese.
pub fn term_label(lang: Lang, case: &Case, key: &str) -> String {
    match key.strip_prefix("expertise.") {
        Some(area) => {
            let label = case
                .round
                .areas
                .iter()
                .find(|a| a.key == area)
                .map_or(area.to_string(), |a| a.label.clone());
            tr(
                lang,
                "term-expertise",
                &Args::new().s("area", area).s("label", label),
            )
        }
        None => t(lang, &format!("term-{key}")),
    }
}

/// A number as people read it: whole numbers without decimals, else two.
pub(crate) fn num(x: f64) -> String {
    if x.is_finite() && (x - x.round()).abs() < 1e-9 {
        format!("{:.0}", x)
    } else {
        format!("{:.2}", x)
    }
}

/// The areas a person has, e.g. `纪检监察2 审计1`.
fn areas_of(case: &Case, p: PersonId) -> String {
    case.round
        .areas
        .iter()
        .zip(&case.person(p).levels)
        .filter(|(_, &l)| l > 0)
        .map(|(a, l)| format!("{}{l}", a.label))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The plan as a table for people.
pub fn plan_text(lang: Lang, case: &Case, model: &ScoreModel, outcome: &Outcome) -> String {
    let mut s = String::new();
    let plan = &outcome.plan;
    let placed: usize = plan.groups.iter().map(|pg| roster(pg).count()).sum();
    let drawable = case.person_ids().filter(|&p| case.drawable(p)).count();
    let name = if case.round.name.is_empty() {
        t(lang, "case-line-round")
    } else {
        case.round.name.clone()
    };
    let _ = writeln!(
        s,
        "{}",
        tr(
            lang,
            "plan-head",
            &Args::new()
                .s("name", name)
                .s("year", case.round.year.to_string())
                .n("groups", plan.groups.len() as f64)
                .n("placed", placed as f64)
                .n("drawable", drawable as f64)
        )
    );

    // one row of cells per person placed, aligned over the whole plan
    let row = |p: PersonId, leader: bool| -> [String; 7] {
        let x = case.person(p);
        [
            t(
                lang,
                if leader {
                    "plan-role-leader"
                } else {
                    "plan-role-member"
                },
            ),
            x.id.clone(),
            x.name.clone(),
            case.unit(x.unit).name.clone(),
            case.region(x.region).to_string(),
            rank_label(x.rank),
            areas_of(case, p),
        ]
    };
    let head = ["role", "id", "name", "unit", "region", "rank", "areas"]
        .map(|c| t(lang, &format!("plan-col-{c}")));
    let mut widths = head.clone().map(|h| display_width(&h));
    for pg in &plan.groups {
        for (p, leader) in roster(pg) {
            for (w, c) in widths.iter_mut().zip(row(p, leader)) {
                *w = (*w).max(display_width(&c));
            }
        }
    }
    let line = |cells: &[String; 7]| -> String {
        let mut out = String::from("  ");
        for (j, c) in cells.iter().enumerate() {
            if j + 1 == cells.len() {
                out.push_str(c);
            } else {
                out.push_str(&pad(c, widths[j]));
                out.push_str("  ");
            }
        }
        out.trim_end().to_string()
    };

    if placed > 0 {
        let _ = writeln!(s, "\n{}", line(&head));
    }
    for pg in &plan.groups {
        let g = case.group(pg.group);
        let targets: Vec<String> = g.targets.iter().map(|&t| case.unit_label(t)).collect();
        let n = roster(pg).count();
        let _ = writeln!(
            s,
            "\n{}",
            tr(
                lang,
                "plan-group",
                &Args::new()
                    .s("group", &g.id)
                    .s("targets", targets.join(", "))
                    .n("n", n as f64)
            )
        );
        if n == 0 {
            let why = outcome
                .unstaffed
                .iter()
                .find(|(u, _)| *u == pg.group)
                .map(|(_, w)| super::unstaffed_text(lang, case, w))
                .unwrap_or_else(|| t(lang, "plan-no-one"));
            let _ = writeln!(
                s,
                "  {}",
                tr(lang, "plan-unstaffed", &Args::new().s("why", why))
            );
            continue;
        }
        for (p, leader) in roster(pg) {
            let _ = writeln!(s, "{}", line(&row(p, leader)));
        }
        s.push_str(&area_lines(lang, case, pg));
    }

    s.push_str(&score_text(lang, case, model, outcome));
    s.push_str(&footer_text(lang, case, outcome));
    s
}

/// A group's area totals: the areas, the level sums, the members with each.
fn area_lines(lang: Lang, case: &Case, pg: &crate::model::PlanGroup) -> String {
    let mut s = String::new();
    if case.round.areas.is_empty() {
        return s;
    }
    let totals = area_totals(case, pg);
    let cells: Vec<(String, String, String)> = case
        .round
        .areas
        .iter()
        .zip(&totals)
        .map(|(a, (sum, k))| (a.label.clone(), sum.to_string(), k.to_string()))
        .collect();
    let cw: Vec<usize> = cells
        .iter()
        .map(|(a, x, y)| display_width(a).max(x.len()).max(y.len()))
        .collect();
    let labels = ["plan-level-sum", "plan-members-with", "plan-area"].map(|k| t(lang, k));
    let lw = labels.iter().map(|l| display_width(l)).max().unwrap_or(0) + 2;
    let mut sums = format!("  {}", pad(&labels[0], lw));
    let mut have = format!("  {}", pad(&labels[1], lw));
    let mut names = format!("  {}", pad(&labels[2], lw));
    for ((a, x, y), w) in cells.iter().zip(&cw) {
        names.push_str(&pad_left(a, *w));
        names.push_str("  ");
        sums.push_str(&pad_left(x, *w));
        sums.push_str("  ");
        have.push_str(&pad_left(y, *w));
        have.push_str("  ");
    }
    let _ = writeln!(s, "{}", names.trim_end());
    let _ = writeln!(s, "{}", sums.trim_end());
    let _ = writeln!(s, "{}", have.trim_end());
    s
}

/// The score, term by term, with its total.
fn score_text(lang: Lang, case: &Case, model: &ScoreModel, outcome: &Outcome) -> String {
    let mut s = String::new();
    let terms = outcome.score.terms(case, model);
    let rows: Vec<[String; 4]> = terms
        .iter()
        .map(|t| {
            [
                term_label(lang, case, &t.key),
                num(t.value),
                num(t.weight),
                format!("{:.2}", t.cost),
            ]
        })
        .collect();
    let total = format!("{:.2}", outcome.score.total(model));
    let cols = [
        "plan-col-term",
        "plan-col-value",
        "plan-col-weight",
        "plan-col-cost",
    ]
    .map(|k| t(lang, k));
    let total_word = t(lang, "plan-total");
    let mut w = cols.clone().map(|c| display_width(&c));
    w[0] = w[0].max(display_width(&total_word));
    for r in &rows {
        for (wj, c) in w.iter_mut().zip(r) {
            *wj = (*wj).max(display_width(c));
        }
    }
    w[3] = w[3].max(total.len());
    let _ = writeln!(s, "\n{}", t(lang, "plan-score"));
    let _ = writeln!(
        s,
        "  {}  {}  {}  {}",
        pad(&cols[0], w[0]),
        pad_left(&cols[1], w[1]),
        pad_left(&cols[2], w[2]),
        pad_left(&cols[3], w[3])
    );
    for r in &rows {
        let _ = writeln!(
            s,
            "  {}  {}  {}  {}",
            pad(&r[0], w[0]),
            pad_left(&r[1], w[1]),
            pad_left(&r[2], w[2]),
            pad_left(&r[3], w[3])
        );
    }
    let _ = writeln!(
        s,
        "  {}  {}  {}  {}",
        pad(&total_word, w[0]),
        pad_left("", w[1]),
        pad_left("", w[2]),
        pad_left(&total, w[3])
    );

    s
}

/// Who is left out, which groups are unstaffed, and how the plan was solved.
fn footer_text(lang: Lang, case: &Case, outcome: &Outcome) -> String {
    let mut s = String::new();
    let must: Vec<String> = outcome
        .left_out
        .iter()
        .filter(|(p, _)| case.person(*p).must_serve)
        .map(|(p, _)| case.person_label(*p))
        .collect();
    let n = outcome.left_out.len();
    let must = if must.is_empty() {
        "none".to_string()
    } else {
        must.join(", ")
    };
    let _ = writeln!(
        s,
        "\n{}",
        tr(
            lang,
            "plan-left-out",
            &Args::new().n("n", n as f64).s("must", must)
        )
    );
    if !outcome.unstaffed.is_empty() {
        let _ = writeln!(s, "{}", t(lang, "plan-unstaffed-groups"));
        for (g, why) in &outcome.unstaffed {
            let why = super::unstaffed_text(lang, case, why);
            let _ = writeln!(s, "  {}: {why}", case.group(*g).id);
        }
    }
    let mut how = vec![
        tr(
            lang,
            "plan-seed",
            &Args::new().s("seed", outcome.seed.to_string()),
        ),
        super::solver_text(lang, &outcome.solver),
    ];
    if outcome.iterations > 0 {
        how.push(tr(
            lang,
            "plan-moves",
            &Args::new().s("n", outcome.iterations.to_string()),
        ));
    }
    how.push(format!("{:.2} s", outcome.elapsed.as_secs_f64()));
    how.push(super::ending_text(lang, &outcome.status));
    let _ = writeln!(s, "{}", how.join(" · "));
    s
}
