//! The 编组名单 sheet: one row per member, the group and its targets in cells
//! merged down the group's rows, the roster's own columns an office prints
//! (职务, 政治面貌, 联系电话) beside each member, and a page break before a
//! group that would not fit.

use super::layout::{page_breaks, PAGE_MODEL};
use super::{fit, Formats};
use crate::explain::i18n::{t, tr, Args};
use crate::explain::Lang;
use crate::io::output::{display_width, rank_label, roles, roster};
use crate::model::{Case, Gender, GroupId, PersonId, Role};
use crate::solve::Outcome;
use rust_xlsxwriter::{Worksheet, XlsxError};

/// The carried columns printed beside each member, in this order, when the
/// people table has them and someone placed has a value there. The first
/// two replace the unit column (they hold the unit and the post).
const PRINTED: [&str; 11] = [
    "工作单位及职务",
    "单位及职务",
    "职务",
    "现任职务",
    "政治面貌",
    "联系电话",
    "电话",
    "手机",
    "手机号码",
    "联系方式",
    "办公电话",
];

/// Height of a member's row, in points.
const ROW: f64 = 16.5;
/// Height of the header row.
const HEAD: f64 = 28.0;
/// Height of the title row.
const TITLE: f64 = 30.0;
/// Height of the line under the title.
const SUBTITLE: f64 = 20.0;

/// A column of the sheet: its header and width (Excel character units).
struct Col {
    head: String,
    width: f64,
}

/// What is printed of one member.
struct Line {
    role: String,
    person: PersonId,
}

/// The carried columns to print: (index in `case.carried`, header).
fn printed_columns(case: &Case, placed: &[PersonId]) -> Vec<(usize, String)> {
    let c = &case.carried;
    let mut out: Vec<(usize, String)> = Vec::new();
    for name in PRINTED {
        let Some(i) = c.headers.iter().position(|h| h.trim() == name) else {
            continue;
        };
        let used = placed.iter().any(|p| {
            c.values
                .get(p.ix())
                .is_some_and(|v| !v[i].trim().is_empty())
        });
        // one unit-and-post column at most
        let unit_post = |h: &str| h.contains("单位及职务");
        if used && !(unit_post(name) && out.iter().any(|(_, h)| unit_post(h))) {
            out.push((i, name.to_string()));
        }
    }
    out
}

fn carried(case: &Case, p: PersonId, i: usize) -> &str {
    case.carried
        .values
        .get(p.ix())
        .and_then(|v| v.get(i))
        .map_or("", |s| s.trim())
}

/// The group's label as people read it: its name (组名) when the round
/// gives one, with the id, else the id.
pub(crate) fn group_label(case: &Case, g: GroupId) -> String {
    let name = case.group_names.get(g.ix()).map_or("", |s| s.as_str());
    let id = &case.group(g).id;
    if name.is_empty() || name == id {
        id.clone()
    } else {
        format!("{name}（{id}）")
    }
}

/// The group's targets by name, each once.
fn targets_text(case: &Case, g: GroupId) -> String {
    let names: Vec<&str> = case
        .group(g)
        .targets
        .iter()
        .map(|&u| case.unit(u).name.as_str())
        .collect();
    names.join("、")
}

/// The columns of the sheet and where the variable ones sit.
struct Columns {
    /// Every column, left to right.
    cols: Vec<Col>,
    /// The carried columns printed: (index in `case.carried`, header).
    extra: Vec<(usize, String)>,
    /// Whether a carried column holds the unit and post (then no unit column).
    unit_post: bool,
    /// The first area's column.
    first_area: usize,
}

/// The columns: group, targets, role, name, gender, born, rank, unit, the
/// roster's own, region, the areas, id.
fn roster_columns(lang: Lang, case: &Case, placed: &[PersonId]) -> Columns {
    let extra = printed_columns(case, placed);
    let unit_post = extra.iter().any(|(_, h)| h.contains("单位及职务"));
    let max_text = |f: &dyn Fn(PersonId) -> usize| placed.iter().map(|&p| f(p)).max().unwrap_or(0);
    let mut cols = vec![
        Col {
            head: t(lang, "book-col-group"),
            width: fit(
                case.group_ids()
                    .map(|g| display_width(&group_label(case, g))),
                6,
                14,
            ),
        },
        Col {
            head: t(lang, "book-col-targets"),
            width: 22.0,
        },
        Col {
            head: t(lang, "book-col-role"),
            width: 7.0,
        },
        Col {
            head: t(lang, "book-col-name"),
            width: fit(
                std::iter::once(max_text(&|p| display_width(&case.person(p).name))),
                8,
                14,
            ),
        },
        Col {
            head: t(lang, "book-col-gender"),
            width: 5.0,
        },
        Col {
            head: t(lang, "book-col-birth"),
            width: 7.0,
        },
        Col {
            head: t(lang, "book-col-rank"),
            width: 7.0,
        },
    ];
    if !unit_post {
        cols.push(Col {
            head: t(lang, "book-col-unit"),
            width: fit(
                std::iter::once(max_text(&|p| {
                    display_width(&case.unit(case.person(p).unit).name)
                })),
                10,
                30,
            ),
        });
    }
    for (i, h) in &extra {
        cols.push(Col {
            head: h.clone(),
            width: fit(
                std::iter::once(max_text(&|p| display_width(carried(case, p, *i))))
                    .chain(std::iter::once(display_width(h))),
                8,
                36,
            ),
        });
    }
    cols.push(Col {
        head: t(lang, "book-col-region"),
        width: fit(
            std::iter::once(max_text(&|p| {
                display_width(case.region(case.person(p).region))
            })),
            6,
            14,
        ),
    });
    let first_area = cols.len();
    for a in &case.round.areas {
        cols.push(Col {
            head: a.label.clone(),
            width: fit(std::iter::once(display_width(&a.label)), 5, 10),
        });
    }
    cols.push(Col {
        head: t(lang, "book-col-id"),
        width: fit(
            std::iter::once(max_text(&|p| display_width(&case.person(p).id))),
            6,
            12,
        ),
    });
    Columns {
        cols,
        extra,
        unit_post,
        first_area,
    }
}

/// The roster sheet.
pub(crate) fn roster_sheet(
    ws: &mut Worksheet,
    lang: Lang,
    case: &Case,
    outcome: &Outcome,
    f: &Formats,
    name: &str,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let placed: Vec<PersonId> = outcome
        .plan
        .groups
        .iter()
        .flat_map(|pg| roster(pg).map(|(p, _)| p))
        .collect();
    let columns = roster_columns(lang, case, &placed);
    let last = (columns.cols.len() - 1) as u16;
    let widths: Vec<f64> = columns.cols.iter().map(|c| c.width).collect();
    for (j, w) in widths.iter().enumerate() {
        ws.set_column_width(j as u16, *w)?;
    }
    let (head_row, used) = title_block(ws, lang, case, f, &columns.cols, last)?;
    let blocks = group_blocks(ws, lang, case, outcome, f, &columns, head_row + 1)?;
    page_setup(ws, lang, &blocks, used, head_row)
}

/// The title, the line under it (when there is one) and the header row.
/// Gives the header's row and the height used so far.
fn title_block(
    ws: &mut Worksheet,
    lang: Lang,
    case: &Case,
    f: &Formats,
    cols: &[Col],
    last: u16,
) -> Result<(u32, f64), XlsxError> {
    let round = if case.round.name.is_empty() {
        t(lang, "book-round-default")
    } else {
        case.round.name.clone()
    };
    let title = tr(
        lang,
        "book-title",
        &Args::new()
            .s("round", round)
            .s("year", case.round.year.to_string()),
    );
    ws.set_row_height(0, TITLE)?;
    ws.merge_range(0, 0, 0, last, &title, &f.title)?;
    let mut row: u32 = 1;
    let mut used = TITLE;
    let subtitle = super::sheets::subtitle(lang, case);
    if !subtitle.is_empty() {
        ws.set_row_height(row, SUBTITLE)?;
        ws.merge_range(row, 0, row, last, &subtitle, &f.subtitle)?;
        row += 1;
        used += SUBTITLE;
    }
    let head_row = row;
    ws.set_row_height(head_row, HEAD)?;
    for (j, c) in cols.iter().enumerate() {
        ws.write_string_with_format(head_row, j as u16, &c.head, &f.head)?;
    }
    used += HEAD;
    Ok((head_row, used))
}

/// The groups from `row` on, each a block of rows kept on one page. Gives
/// each block's first row and height.
fn group_blocks(
    ws: &mut Worksheet,
    lang: Lang,
    case: &Case,
    outcome: &Outcome,
    f: &Formats,
    columns: &Columns,
    mut row: u32,
) -> Result<Vec<(u32, f64)>, XlsxError> {
    let last = (columns.cols.len() - 1) as u16;
    let mut blocks = Vec::new();
    for pg in &outcome.plan.groups {
        let g = pg.group;
        let lines: Vec<Line> = roles(pg)
            .map(|(p, role)| Line {
                role: t(
                    lang,
                    match role {
                        Role::Leader => "book-role-leader",
                        Role::Deputy => "book-role-deputy",
                        Role::Member => "book-role-member",
                    },
                ),
                person: p,
            })
            .collect();
        let targets = targets_text(case, g);
        let n = lines.len().max(1) as u32;
        // the merged targets cell wraps: enough height for its lines
        // (suites without the default font draw text up to a quarter wider)
        let per_line = ((columns.cols[1].width - 2.0) * 0.8).max(4.0) as usize;
        let text_lines = display_width(&targets).div_ceil(per_line).max(1) as f64;
        let height = (n as f64 * ROW).max(text_lines * 14.0 + 6.0);
        let row_h = height / n as f64;
        blocks.push((row, height));
        for r in row..row + n {
            ws.set_row_height(r, row_h)?;
        }
        let end = row + n - 1;
        let label = group_label(case, g);
        if n > 1 {
            ws.merge_range(row, 0, end, 0, &label, &f.merged)?;
            ws.merge_range(row, 1, end, 1, &targets, &f.wrap)?;
        } else {
            ws.write_string_with_format(row, 0, &label, &f.merged)?;
            ws.write_string_with_format(row, 1, &targets, &f.wrap)?;
        }
        if lines.is_empty() {
            let why = outcome
                .unstaffed
                .iter()
                .find(|(u, _)| *u == g)
                .map(|(_, why)| crate::explain::unstaffed_text(lang, case, why))
                .unwrap_or_default();
            let text = tr(lang, "book-unstaffed", &Args::new().s("why", why));
            ws.merge_range(row, 2, row, last, &text, &f.wrap)?;
            row += 1;
            continue;
        }
        for line in &lines {
            member_row(ws, lang, case, f, row, line, columns)?;
            row += 1;
        }
    }
    Ok(blocks)
}

/// Page breaks before blocks that would not fit, the header repeated on
/// every page, A4 landscape, the footer, and the panes frozen under the header.
fn page_setup(
    ws: &mut Worksheet,
    lang: Lang,
    blocks: &[(u32, f64)],
    used: f64,
    head_row: u32,
) -> Result<(), XlsxError> {
    let page = PAGE_MODEL.page_points(true);
    ws.set_page_breaks(&page_breaks(blocks, page, used, HEAD))?;
    ws.set_repeat_rows(head_row, head_row)?;
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_margins(
        0.5,
        0.5,
        PAGE_MODEL.top_margin_in,
        PAGE_MODEL.top_margin_in,
        0.25,
        0.25,
    );
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_footer(t(lang, "book-footer"));
    ws.set_freeze_panes(head_row + 1, 0)?;
    Ok(())
}

/// One member's row: role, name, gender, born, rank, unit, the carried
/// columns, region, levels per area, id.
fn member_row(
    ws: &mut Worksheet,
    lang: Lang,
    case: &Case,
    f: &Formats,
    row: u32,
    line: &Line,
    columns: &Columns,
) -> Result<(), XlsxError> {
    let x = case.person(line.person);
    ws.write_string_with_format(row, 2, &line.role, &f.center)?;
    ws.write_string_with_format(row, 3, &x.name, &f.center)?;
    let sex = match x.gender {
        Gender::Male => t(lang, "book-male"),
        Gender::Female => t(lang, "book-female"),
    };
    ws.write_string_with_format(row, 4, sex, &f.center)?;
    ws.write_number_with_format(row, 5, x.birth_year as f64, &f.center)?;
    ws.write_string_with_format(row, 6, rank_label(x.rank), &f.center)?;
    let mut col: u16 = 7;
    if !columns.unit_post {
        ws.write_string_with_format(row, col, &case.unit(x.unit).name, &f.cell)?;
        col += 1;
    }
    for (i, _) in &columns.extra {
        ws.write_string_with_format(row, col, carried(case, line.person, *i), &f.cell)?;
        col += 1;
    }
    ws.write_string_with_format(row, col, case.region(x.region), &f.center)?;
    let first_area = columns.first_area;
    for (k, _) in case.round.areas.iter().enumerate() {
        let c = (first_area + k) as u16;
        match x.levels.get(k).copied().unwrap_or(0) {
            0 => ws.write_blank(row, c, &f.center)?,
            l => ws.write_number_with_format(row, c, l as f64, &f.center)?,
        };
    }
    let id_col = (first_area + case.round.areas.len()) as u16;
    ws.write_string_with_format(row, id_col, &x.id, &f.center)?;
    Ok(())
}
