//! Finding the table in a file's or a sheet's cells as offices lay them out:
//! a title above the header, a header over two rows under a merged heading,
//! merged cells, section rows inside the table, cells that cannot be read.

use super::sheet::{Sheet, SheetRow};
use super::text::shown;
use crate::error::{column_letter, InputErrors, InputWarning, Position};

/// How a formula cell without a computed value is named (its formula follows).
pub(crate) const NO_VALUE: &str =
    "the value is unknown: a formula whose result was never computed:";

/// A cell before the table is found: its text, or why it cannot be read,
/// and the merged range it belongs to.
#[derive(Debug, Clone, Default)]
pub(crate) struct GridCell {
    pub(crate) text: String,
    pub(crate) problem: Option<String>,
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

fn warn(report: &mut InputErrors, code: &'static str, pos: Position, message: String) {
    report.warnings.push(InputWarning {
        code,
        pos,
        message,
        hides_rule: false,
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

/// A merged range's value counts for every cell it covers; a cell merged with
/// an unreadable one is unknown too.
fn fill_merges(rows: &mut [GridRow], merges: &[Merge], col0: u32) {
    for (mi, m) in merges.iter().enumerate() {
        let left = (m.left - col0) as usize;
        let top_left = rows
            .iter()
            .find(|r| r.line == m.top)
            .and_then(|r| r.cells.get(left))
            .map(|c| (c.text.clone(), c.problem.is_some()))
            .unwrap_or_default();
        let need = (m.right - col0) as usize + 1;
        for r in rows
            .iter_mut()
            .filter(|r| r.line >= m.top && r.line <= m.bottom)
        {
            if r.cells.len() < need {
                r.cells.resize(need, GridCell::default());
            }
            let line = r.line;
            for (c, cell) in r.cells[left..need].iter_mut().enumerate() {
                cell.merge = Some(mi);
                if line != m.top || c != 0 {
                    cell.text = top_left.0.clone();
                    cell.problem = top_left.1.then(|| {
                        format!(
                            "the value is unknown: the cell is merged with {}{}, whose value is unknown",
                            column_letter(m.left),
                            m.top
                        )
                    });
                }
            }
        }
    }
}

/// The header's first and last row: the first row with two or more pieces
/// (rows of one piece above it are titles, listed in `skipped`), extended
/// down by a heading merged across columns (its sub-headings are below it)
/// and by a merged cell going down.
fn find_header(
    rows: &[GridRow],
    merges: &[Merge],
    skipped: &mut Vec<(usize, String)>,
) -> Option<(usize, usize)> {
    let mut h = None;
    for (i, r) in rows.iter().enumerate() {
        if !r.non_blank() {
            continue;
        }
        if r.pieces() >= 2 {
            h = Some(i);
            break;
        }
        let rest = rows[i + 1..].iter().find(|r| r.non_blank());
        if rest.is_some_and(|n| n.pieces() >= 2) {
            skipped.push((r.line, r.first_text()));
        } else {
            h = Some(i);
            break;
        }
    }
    let h = h?;
    let mut end = h;
    for m in merges.iter().filter(|m| m.top == rows[h].line) {
        if m.right > m.left {
            end = end.max(h + 1);
        }
        if let Some(e) = rows.iter().position(|r| r.line == m.bottom) {
            end = end.max(e);
        }
    }
    Some((h, end.min(rows.len() - 1)))
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

/// The header and rows of a grid: titles above the header and section rows
/// (one merged cell across the table) are skipped and named, a header may
/// span two rows (a heading merged over sub-headings), merged cells count
/// for every cell they cover, and unreadable cells are errors.
pub(crate) fn table_from_grid(grid: Grid, report: &mut InputErrors) -> Option<Sheet> {
    let Grid {
        source,
        col0,
        mut rows,
        merges,
    } = grid;
    fill_merges(&mut rows, &merges, col0);
    let mut skipped: Vec<(usize, String)> = Vec::new();
    let Some((h, header_end)) = find_header(&rows, &merges, &mut skipped) else {
        report.at(source, "empty: a header row is needed");
        return None;
    };
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
                .as_deref()
                .is_some_and(|p| p.starts_with(NO_VALUE))
        })
    };
    if rows.iter().any(no_value) {
        report.note(
            "a formula without a computed value: the file was written by a program that does \
             not compute formulas, and the value Excel or WPS would show is not in it; open the \
             file in Excel or WPS and save it once, or type the values themselves",
        );
    }
    let header_line = rows[h].line;
    let mut out = Vec::new();
    let mut merged_data: Vec<usize> = Vec::new();
    for r in rows.drain(header_end + 1..) {
        if !r.non_blank() {
            continue;
        }
        if r.one_wide_merge(&merges) && width > 1 {
            skipped.push((r.line, r.first_text()));
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
                merged_data.push(m);
            }
            cells.push(cell.text);
        }
        if cells.len() > width && cells[width..].iter().any(|c| !c.is_empty()) {
            report.at(
                pos,
                format!("{} cells, but the header has {width} columns", cells.len()),
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
    warn_skipped(&source, &skipped, report);
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

fn warn_skipped(source: &Position, skipped: &[(usize, String)], report: &mut InputErrors) {
    if skipped.is_empty() {
        return;
    }
    let list: Vec<String> = skipped
        .iter()
        .map(|(l, t)| format!("{l} ({})", shown(t)))
        .collect();
    let word = if source.sheet { "rows" } else { "lines" };
    warn(
        report,
        "row-skipped",
        source.clone(),
        format!(
            "{word} {} skipped: a title or section heading (one cell, or one merged cell \
             across the row), not data",
            list.join(", ")
        ),
    );
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
        format!(
            "merged cells: the value of each merged range was read for every row it covers: {}{}",
            listed.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ),
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
        g.rows[1].cells[1].problem = Some(format!("{NO_VALUE} =X()"));
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
