//! The plan as a readable table for a terminal: the groups with their people
//! and expertise, the score term by term, who is left out, how it was solved.
//! Columns are aligned by display width (a Chinese character takes two).

use crate::io::output::{area_totals, display_width, rank_label, roster};
use crate::model::{Case, PersonId};
use crate::solve::{Outcome, ScoreModel};
use std::fmt::Write;

/// `s` padded with spaces to `w` display columns.
pub(crate) fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    for _ in display_width(s)..w {
        out.push(' ');
    }
    out
}

/// `s` right-aligned in `w` display columns.
fn pad_left(s: &str, w: usize) -> String {
    let mut out = String::new();
    for _ in display_width(s)..w {
        out.push(' ');
    }
    out.push_str(s);
    out
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
pub fn plan_text(case: &Case, model: &ScoreModel, outcome: &Outcome) -> String {
    let mut s = String::new();
    let plan = &outcome.plan;
    let placed: usize = plan.groups.iter().map(|pg| roster(pg).count()).sum();
    let drawable = case.person_ids().filter(|&p| case.drawable(p)).count();
    let _ = writeln!(
        s,
        "{} ({}): {} groups, {} people placed of {} drawable",
        if case.round.name.is_empty() {
            "round"
        } else {
            &case.round.name
        },
        case.round.year,
        plan.groups.len(),
        placed,
        drawable
    );

    // one row of cells per person placed, aligned over the whole plan
    let row = |p: PersonId, leader: bool| -> [String; 7] {
        let x = case.person(p);
        [
            if leader {
                "组长/leader"
            } else {
                "组员/member"
            }
            .to_string(),
            x.id.clone(),
            x.name.clone(),
            case.unit(x.unit).name.clone(),
            case.region(x.region).to_string(),
            rank_label(x.rank),
            areas_of(case, p),
        ]
    };
    let head = ["role", "id", "name", "unit", "region", "rank", "areas"].map(String::from);
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
            "\n{}  targets: {}  ({} {})",
            g.id,
            targets.join(", "),
            n,
            if n == 1 { "person" } else { "people" }
        );
        if n == 0 {
            let why = outcome
                .unstaffed
                .iter()
                .find(|(u, _)| *u == pg.group)
                .map(|(_, w)| w.as_str())
                .unwrap_or("no one placed");
            let _ = writeln!(s, "  unstaffed: {why}");
            continue;
        }
        for (p, leader) in roster(pg) {
            let _ = writeln!(s, "{}", line(&row(p, leader)));
        }
        if !case.round.areas.is_empty() {
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
            let mut sums = String::from("  level sum     ");
            let mut have = String::from("  members with  ");
            let mut names = String::from("  area          ");
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
        }
    }

    // the score, term by term
    let terms = outcome.score.terms(case, model);
    let rows: Vec<[String; 4]> = terms
        .iter()
        .map(|t| {
            [
                t.key.clone(),
                num(t.value),
                num(t.weight),
                format!("{:.2}", t.cost),
            ]
        })
        .collect();
    let total = format!("{:.2}", outcome.score.total(model));
    let mut w = [4usize, 5, 6, 4];
    for r in &rows {
        for (wj, c) in w.iter_mut().zip(r) {
            *wj = (*wj).max(display_width(c));
        }
    }
    w[3] = w[3].max(total.len());
    let _ = writeln!(s, "\nscore (lower is better)");
    let _ = writeln!(
        s,
        "  {}  {}  {}  {}",
        pad("term", w[0]),
        pad_left("value", w[1]),
        pad_left("weight", w[2]),
        pad_left("cost", w[3])
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
        pad("total", w[0]),
        pad_left("", w[1]),
        pad_left("", w[2]),
        pad_left(&total, w[3])
    );

    // who is left out, what is unstaffed, how it was solved
    let must: Vec<String> = outcome
        .left_out
        .iter()
        .filter(|(p, _)| case.person(*p).must_serve)
        .map(|(p, _)| case.person_label(*p))
        .collect();
    let n = outcome.left_out.len();
    let _ = writeln!(
        s,
        "\nleft out: {n} {}{}",
        if n == 1 { "person" } else { "people" },
        if must.is_empty() {
            String::new()
        } else {
            format!(" (must-serve left out: {})", must.join(", "))
        }
    );
    if !outcome.unstaffed.is_empty() {
        let _ = writeln!(s, "unstaffed groups:");
        for (g, why) in &outcome.unstaffed {
            let _ = writeln!(s, "  {}: {why}", case.group(*g).id);
        }
    }
    let mut how = vec![format!("seed {}", outcome.seed), outcome.solver.clone()];
    if outcome.iterations > 0 {
        how.push(format!("{} moves", outcome.iterations));
    }
    how.push(format!("{:.2} s", outcome.elapsed.as_secs_f64()));
    if !outcome.status.is_empty() {
        how.push(outcome.status.clone());
    }
    let _ = writeln!(s, "{}", how.join(" · "));
    s
}
