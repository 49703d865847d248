//! One table of text cells with positions, read from a CSV file or a workbook
//! sheet as offices keep them: in any encoding Excel or Notepad saves, with a
//! title above the header, a header over two rows, merged cells, section
//! rows, formulas, dates and error cells. Every cell is read with its meaning
//! or named: what cannot be read is an error at its row and column, what is
//! skipped (a title, a section row) is a warning.

use super::grid::{table_from_grid, Grid, GridCell, GridRow};
use super::text::{decode, fold_width, Encoding};
use crate::error::{InputError, InputErrors, InputWarning, Position};
use crate::msg::Msg;
use std::path::Path;

pub use super::book::{sheet_from_range, SheetInfo, Workbook};
pub use super::columns::{opt_text, parse_int, parse_yes_no, Cells, Column, Header};

/// A row of text cells.
#[derive(Debug, Clone)]
pub struct SheetRow {
    /// Data row number, 1-based (header not counted).
    pub row: usize,
    /// Line in the file, or spreadsheet row number.
    pub line: usize,
    /// Cells, trimmed; a cell that could not be read (its error is recorded)
    /// is empty.
    pub cells: Vec<String>,
}

/// A table read from a file.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The file (or `book.xlsx [sheet]`) for positions.
    pub source: Position,
    /// Header cells, trimmed: for a header over several rows, the lowest
    /// text of each column.
    pub headers: Vec<String>,
    /// For a header over several rows: per column, the texts above the one
    /// in [`Sheet::headers`], lowest first (a group heading such as 专业特长
    /// over 审计).
    pub header_alts: Vec<Vec<String>>,
    /// Line of the header (its first row).
    pub header_line: usize,
    /// The 0-based column of the first cell (a table may start at B3).
    pub col0: u32,
    /// Data rows; wholly blank rows, titles and section rows are skipped.
    pub rows: Vec<SheetRow>,
}

impl Sheet {
    /// A sheet of text cells (for writers and tests): `rows` under `headers`
    /// from line 2 on.
    pub fn from_rows(source: Position, headers: Vec<String>, rows: Vec<Vec<String>>) -> Sheet {
        Sheet {
            header_alts: vec![Vec::new(); headers.len()],
            source,
            headers,
            header_line: 1,
            col0: 0,
            rows: rows
                .into_iter()
                .enumerate()
                .map(|(i, cells)| SheetRow {
                    row: i + 1,
                    line: i + 2,
                    cells,
                })
                .collect(),
        }
    }
}

pub(crate) fn clean(s: &str) -> String {
    s.trim_start_matches('\u{feff}').trim().to_string()
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

/// Reads a CSV file (see [`read_csv_bytes_into`]).
pub fn read_csv_into(path: &Path, display: &str, report: &mut InputErrors) -> Option<Sheet> {
    match std::fs::read(path) {
        Ok(bytes) => read_csv_bytes_into(&bytes, display, report),
        Err(e) => {
            report.push(InputError::Io {
                path: display.to_string(),
                message: Msg::io(e),
            });
            None
        }
    }
}

/// Reads CSV text: UTF-8 (a BOM tolerated), UTF-16 with its BOM (Excel's
/// "Unicode text", tab-separated) or GBK (named in a warning), separated by
/// commas or, when the first line has tabs and no comma, by tabs. Problems
/// go to `report`; `None` when there is no table at all.
pub fn read_csv_bytes_into(bytes: &[u8], display: &str, report: &mut InputErrors) -> Option<Sheet> {
    let source = Position::file(display);
    let text = match decode(bytes) {
        Ok((text, enc)) => {
            if enc != Encoding::Utf8 {
                warn(
                    report,
                    "encoding",
                    source.clone(),
                    Msg::new("csv-encoding").m("encoding", enc.msg()),
                );
            }
            text
        }
        Err(line) => {
            report.at(source.at_line(line), Msg::new("csv-not-text"));
            return None;
        }
    };
    let grid = csv_grid(&text, source, report)?;
    table_from_grid(grid, report)
}

/// Reads a CSV file; `Err` when it has any problem (warnings dropped: for
/// tests and fuzzing, see [`read_csv_bytes_into`]).
pub fn read_csv_bytes(bytes: &[u8], display: &str) -> Result<Sheet, InputErrors> {
    let mut report = InputErrors::default();
    let sheet = read_csv_bytes_into(bytes, display, &mut report);
    match sheet {
        Some(s) if report.is_empty() => Ok(s),
        _ => Err(report),
    }
}

fn csv_grid(text: &str, source: Position, report: &mut InputErrors) -> Option<Grid> {
    // line numbers are counted from byte offsets by LF, because the csv
    // crate's own count is late in CRLF files, never advances in CR-only
    // files and lags after blank lines: so make every line end a LF first
    let normalized;
    let text = if text.contains('\r') {
        normalized = text.replace("\r\n", "\n").replace('\r', "\n");
        &normalized[..]
    } else {
        text
    };
    let bytes = text.as_bytes();
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = if first.contains('\t') && !first.contains(',') {
        b'\t'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes);
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut counted = (0usize, 1usize); // (offset, line at that offset)
    let mut line_at = |offset: usize| -> usize {
        let (from, mut line) = counted;
        let offset = offset.min(bytes.len());
        if offset >= from {
            line += bytes[from..offset].iter().filter(|&&b| b == b'\n').count();
        }
        counted = (offset.max(from), line);
        // the record starts after any blank lines at the offset
        line + bytes[offset..].iter().take_while(|&&b| b == b'\n').count()
    };
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e
                    .position()
                    .map(|p| line_at(p.byte() as usize))
                    .unwrap_or(0);
                report.at(
                    source.at_line(line.max(1)),
                    Msg::new("csv-bad-line").s("why", e.to_string()),
                );
                break;
            }
        }
        let line = record
            .position()
            .map(|p| line_at(p.byte() as usize))
            .unwrap_or(0);
        let cells = record
            .iter()
            .map(|f| GridCell {
                text: clean(f),
                ..Default::default()
            })
            .collect();
        rows.push(GridRow { line, cells });
    }
    if rows
        .iter()
        .all(|r| r.cells.iter().all(|c| c.text.is_empty()))
    {
        report.at(source, Msg::new("file-empty"));
        return None;
    }
    Some(Grid {
        source,
        col0: 0,
        rows,
        merges: Vec::new(),
    })
}

/// Full-width digits and signs of a number cell as ASCII (`１９８３` → `1983`).
pub fn number_text(s: &str) -> std::borrow::Cow<'_, str> {
    fold_width(s)
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_blank_rows_and_lines() {
        let text = "\u{feff}id, name\n\nA,甲\n,\nB,乙\n";
        let s = read_csv_bytes(text.as_bytes(), "t.csv").unwrap();
        assert_eq!(s.headers, vec!["id", "name"]);
        assert_eq!(s.rows.len(), 2);
        assert_eq!(s.rows[1].line, 5);
        assert_eq!(s.rows[1].row, 2);
        assert_eq!(s.rows[1].cells, vec!["B", "乙"]);
    }

    #[test]
    fn crlf_and_cr_line_ends_count_lines() {
        for text in ["id,name\r\nA,x\r\n\r\nB,y\r\n", "id,name\rA,x\r\rB,y\r"] {
            let s = read_csv_bytes(text.as_bytes(), "t.csv").unwrap();
            assert_eq!(s.header_line, 1);
            assert_eq!((s.rows[0].line, s.rows[1].line), (2, 4), "{text:?}");
        }
        // a line break inside a quoted cell still counts
        let s = read_csv_bytes(b"id,name\r\n\"A\r\nB\",x\r\nC,y\r\n", "t.csv").unwrap();
        assert_eq!(s.rows[0].cells[0], "A\nB");
        assert_eq!(s.rows[1].line, 4);
    }

    #[test]
    fn gbk_text_is_read_and_named_once() {
        let bytes = b"id,name\nA,\xd5\xc5\xc8\xfd\nB,\xc0\xee\xcb\xc4\n";
        let mut report = InputErrors::default();
        let s = read_csv_bytes_into(bytes, "people.csv", &mut report).unwrap();
        assert_eq!(s.rows[0].cells[1], "张三");
        assert_eq!(s.rows[1].cells[1], "李四");
        assert!(report.errors.is_empty());
        assert_eq!(report.warnings.len(), 1);
        assert!(report.warnings[0].to_string().contains("GBK"));
    }

    #[test]
    fn utf16_tab_separated_text_is_read() {
        let text = "编号\t姓名\nP1\t张三\n";
        let bytes: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(text.encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let mut report = InputErrors::default();
        let s = read_csv_bytes_into(&bytes, "people.csv", &mut report).unwrap();
        assert_eq!(s.headers, vec!["编号", "姓名"]);
        assert_eq!(s.rows[0].cells, vec!["P1", "张三"]);
        assert!(report.warnings[0].to_string().contains("UTF-16"));
    }

    #[test]
    fn too_many_cells() {
        let e = read_csv_bytes(b"a,b\n1,2,3\n", "x.csv").unwrap_err();
        assert!(e.to_string().contains("x.csv: line 2"), "{e}");
    }

    #[test]
    fn a_title_line_above_the_header_is_skipped_and_named() {
        let text = "××市巡察人才库人员名单,,\n编号,姓名,性别\nP1,张三,男\n";
        let mut report = InputErrors::default();
        let s = read_csv_bytes_into(text.as_bytes(), "p.csv", &mut report).unwrap();
        assert_eq!(s.header_line, 2);
        assert_eq!(s.headers, vec!["编号", "姓名", "性别"]);
        assert_eq!(s.rows.len(), 1);
        let w = report.warnings[0].to_string();
        assert!(
            w.contains("lines 1 (\"××市巡察人才库人员名单\") skipped"),
            "{w}"
        );
    }
}
