//! The workbook's other sheets: 评分 (the score in words, the levels'
//! legend, the groups' make-up), 未入选 (everyone not placed and why) and
//! 说明 (the audit facts, on one page).

use super::layout::PAGE_MODEL;
use super::roster::group_label;
use super::{fit, Formats};
use crate::constraints::Eligibility;
use crate::explain::i18n::{t, tr, Args};
use crate::explain::Lang;
use crate::io::output::{display_width, PlanMeta};
use crate::model::{Case, GroupId, RuleId};
use crate::review::{not_placed, score_report, NotPlacedWhy};
use crate::solve::{Outcome, ScoreModel};
use rust_xlsxwriter::{Worksheet, XlsxError};

/// The line under the title: the round's document number, time on site and
/// date of the table, those it gives (empty when none).
pub(crate) fn subtitle(lang: Lang, case: &Case) -> String {
    let r = &case.round;
    let parts: Vec<String> = [
        ("book-document", &r.titles.document),
        ("book-period", &r.titles.period),
        ("book-date", &r.titles.date),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(id, v)| tr(lang, id, &Args::new().s("v", v.as_str())))
    .collect();
    parts.join("　　")
}

/// Print setup shared by the list sheets: A4, one page wide, the header
/// row on every page, the page number in the footer.
fn list_setup(
    ws: &mut Worksheet,
    lang: Lang,
    head_row: u32,
    landscape: bool,
) -> Result<(), XlsxError> {
    if landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_paper_size(9);
    ws.set_margins(
        0.5,
        0.5,
        PAGE_MODEL.top_margin_in,
        PAGE_MODEL.top_margin_in,
        0.25,
        0.25,
    );
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(head_row, head_row)?;
    ws.set_freeze_panes(head_row + 1, 0)?;
    ws.set_footer(t(lang, "book-footer"));
    Ok(())
}

/// A term's words: its label and what it counts.
fn term_words(lang: Lang, case: &Case, key: &str) -> (String, String) {
    if let Some(area) = key.strip_prefix("expertise.") {
        let label = case
            .round
            .areas
            .iter()
            .find(|a| a.key == area)
            .map_or(area, |a| a.label.as_str());
        let args = Args::new().s("label", label).s("area", area);
        return (
            tr(lang, "term-expertise", &args),
            tr(lang, "book-about-expertise", &args),
        );
    }
    let known = [
        "rank",
        "age",
        "gender",
        "mixing",
        "must_serve",
        "recent",
        "moved",
    ];
    if known.contains(&key) {
        (
            t(lang, &format!("term-{key}")),
            t(lang, &format!("book-about-{key}")),
        )
    } else {
        (key.to_string(), String::new())
    }
}

/// The 评分 sheet.
pub(crate) fn score_sheet(
    ws: &mut Worksheet,
    lang: Lang,
    case: &Case,
    model: &ScoreModel,
    outcome: &Outcome,
    f: &Formats,
    name: &str,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    // the groups' table is the widest: the terms' meaning spans the columns
    // from the fifth to its last, all others narrow
    let mut group_heads: Vec<String> = vec![
        t(lang, "book-col-group"),
        t(lang, "book-groups-col-size"),
        t(lang, "book-groups-col-age"),
        t(lang, "book-groups-col-rank"),
        t(lang, "book-groups-col-women"),
    ];
    group_heads.extend(case.round.areas.iter().map(|a| a.label.clone()));
    let last = (group_heads.len() - 1).max(4) as u16;
    let about = |ws: &mut Worksheet, row: u32, text: &str, fmt| -> Result<(), XlsxError> {
        if last > 4 {
            ws.merge_range(row, 4, row, last, text, fmt)?;
        } else {
            ws.write_string_with_format(row, 4, text, fmt)?;
        }
        Ok(())
    };
    let heads = [
        "book-score-col-term",
        "book-score-col-value",
        "book-score-col-weight",
        "book-score-col-cost",
    ];
    for (j, h) in heads.iter().enumerate() {
        ws.write_string_with_format(0, j as u16, t(lang, h), &f.head)?;
    }
    about(ws, 0, &t(lang, "book-score-col-about"), &f.head)?;
    let report = score_report(case, model, &outcome.plan);
    let mut row = 1;
    let mut about_w = Vec::new();
    let mut label_w = Vec::new();
    for term in &report.terms {
        let (label, text) = term_words(lang, case, &term.key);
        ws.write_string_with_format(row, 0, &label, &f.cell)?;
        ws.write_number_with_format(row, 1, term.value, &f.number)?;
        ws.write_number_with_format(row, 2, term.weight, &f.number)?;
        ws.write_number_with_format(row, 3, term.cost, &f.number)?;
        about(ws, row, &text, &f.wrap)?;
        label_w.push(display_width(&label));
        about_w.push(display_width(&text));
        row += 1;
    }
    ws.write_string_with_format(row, 0, t(lang, "book-score-total"), &f.total)?;
    ws.write_blank(row, 1, &f.cell)?;
    ws.write_blank(row, 2, &f.cell)?;
    ws.write_number_with_format(row, 3, report.total, &f.number)?;
    about(ws, row, &t(lang, "book-score-lower"), &f.wrap)?;
    row += 2;

    // the legend of the expertise levels
    ws.write_string_with_format(row, 0, t(lang, "book-legend-title"), &f.key)?;
    row += 1;
    for l in 0..=3 {
        ws.merge_range(
            row,
            0,
            row,
            last,
            &t(lang, &format!("book-legend-{l}")),
            &f.text,
        )?;
        row += 1;
    }
    row += 1;

    // the groups' make-up
    ws.write_string_with_format(row, 0, t(lang, "book-groups-title"), &f.key)?;
    row += 1;
    for (j, h) in group_heads.iter().enumerate() {
        ws.write_string_with_format(row, j as u16, h, &f.head)?;
    }
    row += 1;
    for (k, gs) in report.groups.iter().enumerate() {
        let g = GroupId(k as u32);
        ws.write_string_with_format(row, 0, group_label(case, g), &f.center)?;
        ws.write_number_with_format(row, 1, gs.size as f64, &f.center)?;
        ws.write_number_with_format(row, 2, gs.mean_age, &f.number)?;
        ws.write_number_with_format(row, 3, gs.mean_rank, &f.number)?;
        ws.write_number_with_format(row, 4, gs.share_women, &f.percent)?;
        for (j, (_, sum)) in gs.expertise.iter().enumerate() {
            ws.write_number_with_format(row, 5 + j as u16, *sum as f64, &f.center)?;
        }
        row += 1;
    }
    ws.set_column_width(0, fit(label_w.into_iter(), 12, 30))?;
    let narrow: Vec<f64> = group_heads
        .iter()
        .map(|h| fit(std::iter::once(display_width(h)), 10, 14))
        .collect();
    for (j, w) in narrow.iter().enumerate().skip(1) {
        ws.set_column_width(j as u16, *w)?;
    }
    // the meaning's columns together as wide as its longest text
    let spanned: f64 = narrow.iter().skip(4).sum();
    let need = fit(about_w.into_iter(), 12, 70);
    if need > spanned {
        let j = last as usize;
        ws.set_column_width(
            last,
            narrow.get(j).copied().unwrap_or(10.0) + need - spanned,
        )?;
    }
    list_setup(ws, lang, 0, true)
}

/// The kind and the detail of why a person is not placed.
fn why_words(lang: Lang, case: &Case, why: &NotPlacedWhy) -> (String, String) {
    let groups = |gs: &[GroupId]| {
        gs.iter()
            .map(|&g| group_label(case, g))
            .collect::<Vec<_>>()
            .join("、")
    };
    match why {
        NotPlacedWhy::Unavailable => (
            t(lang, "book-kind-unavailable"),
            t(lang, "book-detail-unavailable"),
        ),
        NotPlacedWhy::Excluded => (
            t(lang, "book-kind-excluded"),
            t(lang, "book-detail-excluded"),
        ),
        NotPlacedWhy::NoGroup { groups: per } => {
            let parts: Vec<String> = per
                .iter()
                .map(|(g, rules)| {
                    let label = group_label(case, *g);
                    if rules.is_empty() {
                        tr(lang, "book-detail-no-rule", &Args::new().s("group", label))
                    } else {
                        tr(
                            lang,
                            "book-detail-group-rules",
                            &Args::new()
                                .s("group", label)
                                .s("rules", rule_names(lang, rules)),
                        )
                    }
                })
                .collect();
            (t(lang, "book-kind-no-group"), parts.join("；"))
        }
        NotPlacedWhy::NotChosen {
            must_serve,
            groups: gs,
        } => {
            let args = Args::new().s("groups", groups(gs));
            if *must_serve {
                (
                    t(lang, "book-kind-must-serve"),
                    tr(lang, "book-detail-must-serve", &args),
                )
            } else {
                (
                    t(lang, "book-kind-not-chosen"),
                    tr(lang, "book-detail-could-join", &args),
                )
            }
        }
    }
}

/// Rules by their short names, joined.
pub(crate) fn rule_names(lang: Lang, rules: &[RuleId]) -> String {
    rules
        .iter()
        .map(|r| t(lang, &format!("rule-name-{}", r.as_str())))
        .collect::<Vec<_>>()
        .join("、")
}

/// The 未入选 sheet: everyone not placed, with a filter to sort by.
pub(crate) fn left_out_sheet(
    ws: &mut Worksheet,
    lang: Lang,
    case: &Case,
    elig: &Eligibility,
    outcome: &Outcome,
    f: &Formats,
    name: &str,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let heads = [
        "book-left-col-name",
        "book-left-col-id",
        "book-left-col-unit",
        "book-left-col-region",
        "book-left-col-must",
        "book-left-col-kind",
        "book-left-col-detail",
    ];
    for (j, h) in heads.iter().enumerate() {
        ws.write_string_with_format(0, j as u16, t(lang, h), &f.head)?;
    }
    let rows = not_placed(case, elig, &outcome.plan);
    let mut widths = [8usize, 6, 10, 6, 6, 10, 12];
    let mut row = 1;
    for np in &rows {
        let x = case.person(np.person);
        let (kind, detail) = why_words(lang, case, &np.why);
        let cells = [
            x.name.clone(),
            x.id.clone(),
            case.unit(x.unit).name.clone(),
            case.region(x.region).to_string(),
            if x.must_serve {
                t(lang, "book-yes")
            } else {
                String::new()
            },
            kind,
            detail,
        ];
        for (j, c) in cells.iter().enumerate() {
            let fmt = if j >= 5 || j == 2 { &f.cell } else { &f.center };
            ws.write_string_with_format(row, j as u16, c, fmt)?;
            widths[j] = widths[j].max(display_width(c) + 2);
        }
        row += 1;
    }
    if !rows.is_empty() {
        ws.autofilter(0, 0, row - 1, (heads.len() - 1) as u16)?;
    }
    if !outcome.unstaffed.is_empty() {
        row += 1;
        ws.write_string_with_format(row, 0, t(lang, "book-unstaffed-title"), &f.key)?;
        row += 1;
        ws.write_string_with_format(row, 0, t(lang, "book-col-group"), &f.head)?;
        ws.merge_range(row, 1, row, 6, &t(lang, "book-unstaffed-col-why"), &f.head)?;
        row += 1;
        for (g, why) in &outcome.unstaffed {
            ws.write_string_with_format(row, 0, group_label(case, *g), &f.center)?;
            let why = crate::explain::unstaffed_text(lang, case, why);
            ws.merge_range(row, 1, row, 6, &why, &f.wrap)?;
            row += 1;
        }
    }
    let caps = [14, 12, 30, 12, 8, 20, 70];
    for (j, w) in widths.iter().enumerate() {
        ws.set_column_width(j as u16, (*w).min(caps[j]) as f64)?;
    }
    // the reasons wrap in their column
    ws.set_column_format(6, &f.wrap)?;
    list_setup(ws, lang, 0, false)
}

/// The 说明 sheet: the audit facts, on one page.
#[allow(clippy::too_many_arguments)]
pub(crate) fn about_sheet(
    ws: &mut Worksheet,
    lang: Lang,
    case: &Case,
    model: &ScoreModel,
    outcome: &Outcome,
    meta: &PlanMeta,
    f: &Formats,
    name: &str,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let placed: usize = outcome
        .plan
        .groups
        .iter()
        .map(|pg| crate::io::output::roster(pg).count())
        .sum();
    let not_placed = case.people.len() - placed;
    let solver = crate::explain::solver_text(lang, &outcome.solver);
    let status = crate::explain::ending_text(lang, &outcome.status);
    let date = if case.round.titles.date.is_empty() {
        t(lang, "book-date-blank")
    } else {
        case.round.titles.date.clone()
    };
    let rows: Vec<(&str, String)> = vec![
        ("book-key-round", case.round.name.clone()),
        ("book-key-year", case.round.year.to_string()),
        ("book-key-groups", outcome.plan.groups.len().to_string()),
        ("book-key-placed", placed.to_string()),
        ("book-key-left-out", not_placed.to_string()),
        (
            "book-key-score",
            format!("{:.2}", outcome.score.total(model)),
        ),
        ("book-key-check", t(lang, "book-check-valid")),
        ("book-key-seed", outcome.seed.to_string()),
        ("book-key-solver", solver),
        ("book-key-status", status),
        ("book-key-moves", outcome.iterations.to_string()),
        ("book-key-version", meta.version.clone()),
        ("book-key-digest", meta.inputs_sha256.clone()),
        ("book-key-case", meta.case.clone()),
        ("book-key-date", date),
    ];
    let keys: Vec<String> = rows.iter().map(|(k, _)| t(lang, k)).collect();
    for (i, ((_, v), k)) in rows.iter().zip(&keys).enumerate() {
        ws.write_string_with_format(i as u32, 0, k, &f.key)?;
        ws.write_string_with_format(i as u32, 1, v, &f.text)?;
        ws.set_row_height(i as u32, 22)?;
    }
    ws.set_column_width(0, fit(keys.iter().map(|k| display_width(k)), 12, 30))?;
    ws.set_column_width(1, fit(rows.iter().map(|(_, v)| display_width(v)), 20, 70))?;
    ws.set_portrait();
    ws.set_paper_size(9);
    ws.set_margins(
        0.5,
        0.5,
        PAGE_MODEL.top_margin_in,
        PAGE_MODEL.top_margin_in,
        0.25,
        0.25,
    );
    ws.set_print_fit_to_pages(1, 1);
    ws.set_footer(t(lang, "book-footer"));
    Ok(())
}
