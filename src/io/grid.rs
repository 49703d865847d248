//! Finding the table in a file's or a sheet's cells as offices lay them out:
//! a title above the header, a header over two rows under a merged heading,
//! merged cells, section rows inside the table, cells that cannot be read.

use super::sheet::{Sheet, SheetRow};
use super::text::shown;
use crate::error::{column_letter, InputErrors, InputWarning, Position};
use crate::msg::Msg;

/// How a formula cell without a computed value is named (its formula follows).
pub(crate) fn no_value(formula: &str) -> Msg {
    Msg::new("cell-formula-no-value").s("formula", formula)
}

/// A cell before the table is found: its text, or why it cannot be read,
/// and the merged range it belongs to.
#[derive(Debug, Clone, Default)]
pub(crate) struct GridCell {
    pub(crate) text: String,
    pub(crate) problem: Option<Msg>,
    pub(crate) merge: Option<usize>,
    /// A date cell (its text the day, its problem what a date is doing
    /// where a number belongs): a value under a birth date's header.
    pub(crate) date: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct GridRow {
    pub(crate) line: usize,
    pub(crate) cells: Vec<GridCell>,
}

/// A merged range: lines (1-based) and 0-based columns, both inclusive.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Merge {
    pub(crate) top: usize,
    pub(crate) bottom: usize,
    pub(crate) left: u32,
    pub(crate) right: u32,
}

/// The cells of a file or sheet, by line, before the table is found.
pub(crate) struct Grid {
    pub(crate) source: Position,
    pub(crate) col0: u32,
    pub(crate) rows: Vec<GridRow>,
    pub(crate) merges: Vec<Merge>,
}

fn warn(report: &mut InputErrors, code: &'static str, pos: Position, message: Msg) {
    report.warnings.push(InputWarning {
        code,
        pos,
        message,
        hides_rule: false,
        lines: Vec::new(),
    });
}

impl GridRow {
    fn non_blank(&self) -> bool {
        self.cells
            .iter()
            .any(|c| !c.text.is_empty() || c.problem.is_some())
    }

    /// The distinct pieces of the row: a merged range counts once.
    fn pieces(&self) -> usize {
        let mut seen = Vec::new();
        let mut n = 0;
        for c in &self.cells {
            if c.text.is_empty() && c.problem.is_none() {
                continue;
            }
            match c.merge {
                Some(m) if seen.contains(&m) => {}
                Some(m) => {
                    seen.push(m);
                    n += 1;
                }
                None => n += 1,
            }
        }
        n
    }

    /// Is all the row holds one merged range across columns (a section heading)?
    fn one_wide_merge(&self, merges: &[Merge]) -> bool {
        let mut ms = self
            .cells
            .iter()
            .filter(|c| !c.text.is_empty() || c.problem.is_some())
            .map(|c| c.merge);
        match ms.next() {
            Some(Some(m)) => ms.all(|x| x == Some(m)) && merges[m].right > merges[m].left,
            _ => false,
        }
    }

    /// The first text of the row (what a title or section heading says).
    fn first_text(&self) -> String {
        self.cells
            .iter()
            .find(|c| !c.text.is_empty())
            .map(|c| c.text.clone())
            .unwrap_or_default()
    }
}

/// Marks the cells each merged range covers (rows grown to reach it);
/// ranges reaching outside the table are cut to it.
fn mark_merges(rows: &mut [GridRow], merges: &mut Vec<Merge>, col0: u32) {
    let last = rows.last().map_or(0, |r| r.line);
    merges.retain(|m| m.left >= col0 && m.top <= last && m.left <= m.right && m.top <= m.bottom);
    for m in merges.iter_mut() {
        m.bottom = m.bottom.min(last);
        // no table is wider than a few dozen columns: a range to XFD is cut
        m.right = m.right.min(col0 + 255);
    }
    for (mi, m) in merges.iter().enumerate() {
        let (left, need) = ((m.left - col0) as usize, (m.right - col0) as usize + 1);
        for r in rows
            .iter_mut()
            .filter(|r| r.line >= m.top && r.line <= m.bottom)
        {
            if r.cells.len() < need {
                r.cells.resize(need, GridCell::default());
            }
            for cell in &mut r.cells[left..need] {
                cell.merge = Some(mi);
            }
        }
    }
}

/// A merged range's value counts for every cell it covers. A covered cell
/// that holds a value of its own (a file written by a program) is an
/// error, and so is a cell of a data row merged with a header cell (the
/// header's text is no value of the row); a cell merged with an unreadable
/// one is unknown too.
fn fill_merges(rows: &mut [GridRow], merges: &[Merge], col0: u32, header_end_line: usize) {
    for m in merges {
        let left = (m.left - col0) as usize;
        let need = (m.right - col0) as usize + 1;
        let top_left = rows
            .iter()
            .find(|r| r.line == m.top)
            .and_then(|r| r.cells.get(left))
            .map(|c| (c.text.clone(), c.problem.is_some()))
            .unwrap_or_default();
        let range = format!(
            "{}{}:{}{}",
            column_letter(m.left),
            m.top,
            column_letter(m.right),
            m.bottom
        );
        let corner = format!("{}{}", column_letter(m.left), m.top);
        let from_header = m.top <= header_end_line;
        for r in rows
            .iter_mut()
            .filter(|r| r.line >= m.top && r.line <= m.bottom)
        {
            let line = r.line;
            for (c, cell) in r.cells[left..need].iter_mut().enumerate() {
                if line == m.top && c == 0 {
                    continue;
                }
                if !cell.text.is_empty() && cell.text != top_left.0 {
                    cell.problem = Some(
                        Msg::new("cell-under-merge")
                            .q("value", &cell.text)
                            .s("range", range.clone())
                            .q("top", &top_left.0),
                    );
                    cell.text.clear();
                    continue;
                }
                if from_header && line > header_end_line {
                    if !top_left.0.is_empty() {
                        cell.problem = Some(
                            Msg::new("cell-merged-with-header")
                                .s("cell", corner.clone())
                                .q("value", &top_left.0),
                        );
                    }
                    continue;
                }
                cell.text = top_left.0.clone();
                cell.problem = top_left
                    .1
                    .then(|| Msg::new("cell-merged-unknown").s("cell", corner.clone()));
            }
        }
    }
}

/// Does a row name columns of a case's tables (two cells or more)?
fn names_columns(r: &GridRow) -> bool {
    r.cells
        .iter()
        .filter(|c| super::tables::is_column_name(&c.text))
        .count()
        >= 2
}

/// The header's first and last row. The header is the first row (among the
/// first ten that hold anything) that names two or more columns of a case,
/// else the first with two or more pieces; rows above it are titles, listed
/// in `skipped`. It extends over a second row only when that row holds the
/// sub-headings of a heading merged across columns.
fn find_header(
    rows: &[GridRow],
    merges: &[Merge],
    col0: u32,
    skipped: &mut Vec<(usize, String)>,
) -> Option<(usize, usize)> {
    let filled: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].non_blank()).collect();
    let named = filled
        .iter()
        .take(10)
        .copied()
        .find(|&i| names_columns(&rows[i]));
    let h = named.or_else(|| {
        filled.iter().copied().enumerate().find_map(|(k, i)| {
            let next = filled.get(k + 1).map(|&j| &rows[j]);
            (rows[i].pieces() >= 2 || next.is_none_or(|n| n.pieces() < 2)).then_some(i)
        })
    })?;
    for &i in filled.iter().take_while(|&&i| i < h) {
        skipped.push((rows[i].line, rows[i].first_text()));
    }
    // sub-headings: the row below holds text only under headings merged
    // across columns, or in cells merged down from the header row
    let line = rows[h].line;
    let headings: Vec<&Merge> = merges
        .iter()
        .filter(|m| m.top == line && m.right > m.left)
        .filter(|m| {
            rows[h]
                .cells
                .get((m.left - col0) as usize)
                .is_some_and(|c| !c.text.is_empty())
        })
        .collect();
    let mut end = h;
    if let Some(next) = rows.get(h + 1).filter(|_| !headings.is_empty()) {
        let under = |c: u32| headings.iter().any(|m| m.left <= c && c <= m.right);
        let down = |c: u32| {
            merges
                .iter()
                .any(|m| m.top == line && m.bottom > line && m.left <= c && c <= m.right)
        };
        let mut subs = 0;
        let fits = next.cells.iter().enumerate().all(|(j, cell)| {
            let c = col0 + j as u32;
            if cell.text.is_empty() || down(c) {
                return true;
            }
            subs += under(c) as usize;
            under(c)
        });
        if fits && subs > 0 {
            end = h + 1;
        }
    }
    Some((h, end))
}

/// Is a row's text a section heading (一、市直单位, （二）县区, 第三部分) or a
/// form's footer (填表人, 审核人, 制表, 联系电话)?
fn heading_or_footer(text: &str) -> bool {
    let t = text.trim();
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    let mut chars = t.chars();
    let first = chars.next();
    let second = chars.next();
    let heading = match (first, second) {
        (Some(a), Some(b)) if numeral(a) && "、.．:：".contains(b) => true,
        (Some('（') | Some('('), Some(b)) if numeral(b) => true,
        (Some('第'), Some(b)) if numeral(b) => true,
        _ => false,
    };
    let footer = [
        "填表人",
        "填报人",
        "审核人",
        "制表",
        "联系人",
        "联系电话",
        "负责人",
        "签字",
        "盖章",
    ]
    .iter()
    .any(|w| t.starts_with(w));
    heading || footer
}

/// Does a data row repeat the header (a table pasted twice)?
fn repeats_header(r: &GridRow, headers: &[String]) -> bool {
    let filled: Vec<(usize, &GridCell)> = r
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.text.is_empty())
        .collect();
    filled.len() >= 2
        && filled
            .iter()
            .all(|(j, c)| headers.get(*j).is_some_and(|h| *h == c.text))
}

/// Per column, the header's texts from the lowest row up, distinct: the
/// lowest is the column's name, the others (a heading above) alternatives.
fn header_names(rows: &[GridRow]) -> (Vec<String>, Vec<Vec<String>>) {
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mut headers = Vec::with_capacity(width);
    let mut alts = Vec::with_capacity(width);
    for c in 0..width {
        let mut texts: Vec<String> = Vec::new();
        for r in rows.iter().rev() {
            if let Some(cell) = r.cells.get(c) {
                if !cell.text.is_empty() && !texts.contains(&cell.text) {
                    texts.push(cell.text.clone());
                }
            }
        }
        let mut texts = texts.into_iter();
        headers.push(texts.next().unwrap_or_default());
        alts.push(texts.collect());
    }
    (headers, alts)
}

/// What was skipped in a table: titles above the header and headings
/// inside it (named), and rows of one merged cell that may hold facts
/// (named as possibly hiding a rule).
#[derive(Default)]
struct Skipped {
    titles: Vec<(usize, String)>,
    suspect: Vec<(usize, String)>,
    repeats: Vec<usize>,
}

/// The header and rows of a grid: titles above the header and section rows
/// (one merged cell across the table) are skipped and named, a header may
/// span two rows (a heading merged over sub-headings), merged cells count
/// for every cell they cover, and unreadable cells are errors.
pub(crate) fn table_from_grid(grid: Grid, report: &mut InputErrors) -> Option<Sheet> {
    let Grid {
        source,
        col0,
        mut rows,
        mut merges,
    } = grid;
    mark_merges(&mut rows, &mut merges, col0);
    let mut skip = Skipped::default();
    let Some((h, header_end)) = find_header(&rows, &merges, col0, &mut skip.titles) else {
        report.at(source, Msg::new("header-empty"));
        return None;
    };
    let header_end_line = rows[header_end].line;
    fill_merges(&mut rows, &merges, col0, header_end_line);
    let (headers, header_alts) = header_names(&rows[h..=header_end]);
    let width = headers.len();
    for r in &rows[..=header_end] {
        for (c, cell) in r.cells.iter().enumerate() {
            if let Some(p) = &cell.problem {
                report.at(source.at_line(r.line).at_letter(col0 + c as u32), p.clone());
            }
        }
    }
    let no_value = |r: &GridRow| {
        r.cells.iter().any(|c| {
            c.problem
                .as_ref()
                .is_some_and(|p| p.id == "cell-formula-no-value")
        })
    };
    if rows.iter().any(no_value) {
        report.note(Msg::new("note-formula-no-value"));
    }
    let header_line = rows[h].line;
    let mut out = Vec::new();
    let mut merged_data: Vec<usize> = Vec::new();
    for r in rows.drain(header_end + 1..) {
        if !r.non_blank() {
            continue;
        }
        let alone = r.pieces() == 1 && width > 1;
        if alone && (r.one_wide_merge(&merges) || heading_or_footer(&r.first_text())) {
            if heading_or_footer(&r.first_text()) {
                skip.titles.push((r.line, r.first_text()));
            } else {
                skip.suspect.push((r.line, r.first_text()));
            }
            continue;
        }
        if repeats_header(&r, &headers) {
            skip.repeats.push(r.line);
            continue;
        }
        let pos = source.at_row(out.len() + 1, r.line);
        let mut cells = Vec::with_capacity(width.max(r.cells.len()));
        for (c, cell) in r.cells.into_iter().enumerate() {
            if cell.date
                && headers
                    .get(c)
                    .is_some_and(|h| super::birth::is_birth_date_header(h))
            {
                cells.push(cell.text);
                continue;
            }
            if let Some(p) = cell.problem {
                let mut at = pos.at_letter(col0 + c as u32);
                if let Some(n) = headers.get(c).filter(|n| !n.is_empty()) {
                    at = at.col(format!("\"{n}\""));
                }
                report.at(at, p);
                cells.push(String::new());
                continue;
            }
            if let Some(m) = cell.merge.filter(|m| !merged_data.contains(m)) {
                if !cell.text.is_empty() {
                    merged_data.push(m);
                }
            }
            cells.push(cell.text);
        }
        if cells.len() > width && cells[width..].iter().any(|c| !c.is_empty()) {
            report.at(
                pos,
                Msg::new("row-too-wide")
                    .n("cells", cells.len())
                    .n("width", width),
            );
            continue;
        }
        cells.resize(width, String::new());
        out.push(SheetRow {
            row: out.len() + 1,
            line: r.line,
            cells,
        });
    }
    warn_skipped(&source, &skip, report);
    warn_merged(&source, &merges, &mut merged_data, &headers, col0, report);
    Some(Sheet {
        source,
        headers,
        header_alts,
        header_line,
        col0,
        rows: out,
    })
}

fn warn_skipped(source: &Position, skip: &Skipped, report: &mut InputErrors) {
    let word = if source.sheet { "rows" } else { "lines" };
    let list = |v: &[(usize, String)]| -> Vec<String> {
        v.iter()
            .map(|(l, t)| format!("{l} ({})", shown(t)))
            .collect()
    };
    if !skip.titles.is_empty() {
        warn(
            report,
            "row-skipped",
            source.clone(),
            Msg::new("rows-skipped-titles")
                .s("word", word)
                .list("lines", list(&skip.titles)),
        );
    }
    if !skip.repeats.is_empty() {
        let lines: Vec<String> = skip.repeats.iter().map(|l| l.to_string()).collect();
        warn(
            report,
            "row-skipped",
            source.clone(),
            Msg::new("rows-skipped-repeats")
                .s("word", word)
                .list("lines", lines),
        );
    }
    if !skip.suspect.is_empty() {
        report.warnings.push(InputWarning {
            code: "row-not-read",
            pos: source.clone(),
            message: Msg::new("rows-not-read-merged")
                .s("word", word)
                .list("lines", list(&skip.suspect)),
            hides_rule: true,
            lines: Vec::new(),
        });
    }
}

fn warn_merged(
    source: &Position,
    merges: &[Merge],
    used: &mut [usize],
    headers: &[String],
    col0: u32,
    report: &mut InputErrors,
) {
    if used.is_empty() {
        return;
    }
    used.sort_unstable_by_key(|&m| (merges[m].top, merges[m].left));
    let listed: Vec<String> = used
        .iter()
        .take(8)
        .map(|&m| {
            let x = merges[m];
            let name = headers
                .get((x.left - col0) as usize)
                .cloned()
                .unwrap_or_default();
            format!(
                "{}{}:{}{} ({name})",
                column_letter(x.left),
                x.top,
                column_letter(x.right),
                x.bottom
            )
        })
        .collect();
    let more = used.len().saturating_sub(8);
    warn(
        report,
        "merged-cells",
        source.clone(),
        Msg::new("merged-cells-read")
            .list("ranges", listed)
            .n("more", more),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A grid with merged ranges, as a workbook gives it (lines 1-based).
    fn grid(rows: &[&[&str]], merges: &[(usize, u32, usize, u32)]) -> Grid {
        Grid {
            source: Position::sheet("b.xlsx [people]"),
            col0: 0,
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| GridRow {
                    line: i + 1,
                    cells: r
                        .iter()
                        .map(|t| GridCell {
                            text: t.to_string(),
                            ..Default::default()
                        })
                        .collect(),
                })
                .collect(),
            merges: merges
                .iter()
                .map(|&(top, left, bottom, right)| Merge {
                    top,
                    bottom,
                    left,
                    right,
                })
                .collect(),
        }
    }

    #[test]
    fn merged_cells_fill_every_cell_they_cover() {
        let g = grid(
            &[
                &["id", "籍贯", "可抽调"],
                &["P1", "A", "否"],
                &["P2", "", ""],
                &["P3", "B", "是"],
            ],
            &[(2, 1, 3, 1), (2, 2, 3, 2)],
        );
        let mut report = InputErrors::default();
        let s = table_from_grid(g, &mut report).unwrap();
        assert_eq!(s.rows[1].cells, vec!["P2", "A", "否"]);
        assert_eq!(s.rows[2].cells, vec!["P3", "B", "是"]);
        let w = report.warnings[0].to_string();
        assert!(w.contains("B2:B3 (籍贯), C2:C3 (可抽调)"), "{w}");
    }

    #[test]
    fn a_heading_merged_over_sub_headings_makes_a_two_row_header() {
        let g = grid(
            &[
                &["编号", "专业特长", "", "备注"],
                &["", "审计", "财务", ""],
                &["P1", "2", "1", "x"],
            ],
            &[(1, 0, 2, 0), (1, 1, 1, 2), (1, 3, 2, 3)],
        );
        let mut report = InputErrors::default();
        let s = table_from_grid(g, &mut report).unwrap();
        assert_eq!(s.headers, vec!["编号", "审计", "财务", "备注"]);
        assert_eq!(s.header_alts[1], vec!["专业特长"]);
        assert_eq!(s.rows.len(), 1);
        assert_eq!(s.rows[0].line, 3);
    }

    #[test]
    fn a_row_of_one_merged_cell_is_a_section_heading() {
        let g = grid(
            &[&["编号", "姓名"], &["一、市直单位", ""], &["P1", "张三"]],
            &[(2, 0, 2, 1)],
        );
        let mut report = InputErrors::default();
        let s = table_from_grid(g, &mut report).unwrap();
        assert_eq!(s.rows.len(), 1);
        assert_eq!(s.rows[0].cells, vec!["P1", "张三"]);
        assert!(report.warnings[0]
            .to_string()
            .contains("rows 2 (\"一、市直单位\") skipped"));
    }

    #[test]
    fn an_unknown_top_left_value_makes_the_merged_cells_unknown_too() {
        let mut g = grid(
            &[&["id", "籍贯"], &["P1", ""], &["P2", ""]],
            &[(2, 1, 3, 1)],
        );
        g.rows[1].cells[1].problem = Some(no_value("X()"));
        let mut report = InputErrors::default();
        table_from_grid(g, &mut report).unwrap();
        let e = report.to_string();
        assert!(
            e.contains("row 2, column B \"籍贯\": the value is unknown"),
            "{e}"
        );
        assert!(
            e.contains(
                "row 3, column B \"籍贯\": the value is unknown: the cell is merged with B2"
            ),
            "{e}"
        );
    }
}
