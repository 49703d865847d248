//! One table of text cells with positions, read from a CSV file or a workbook
//! sheet as offices keep them: in any encoding Excel or Notepad saves, with a
//! title above the header, a header over two rows, merged cells, section
//! rows, formulas, dates and error cells. Every cell is read with its meaning
//! or named: what cannot be read is an error at its row and column, what is
//! skipped (a title, a section row) is a warning.

use super::text::{decode, fold_width, Encoding};
use crate::error::{column_letter, InputError, InputErrors, InputWarning, Position};
use calamine::{Data, Reader, SheetVisible};
use std::path::Path;

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

fn clean(s: &str) -> String {
    s.trim_start_matches('\u{feff}').trim().to_string()
}

/// A cell before the table is found: its text, or why it cannot be read,
/// and the merged range it belongs to.
#[derive(Debug, Clone, Default)]
struct GridCell {
    text: String,
    problem: Option<String>,
    merge: Option<usize>,
}

#[derive(Debug, Clone)]
struct GridRow {
    line: usize,
    cells: Vec<GridCell>,
}

/// A merged range: lines (1-based) and 0-based columns, both inclusive.
#[derive(Debug, Clone, Copy)]
struct Merge {
    top: usize,
    bottom: usize,
    left: u32,
    right: u32,
}

/// The cells of a file or sheet, by line, before the table is found.
struct Grid {
    source: Position,
    col0: u32,
    rows: Vec<GridRow>,
    merges: Vec<Merge>,
}

fn warn(report: &mut InputErrors, code: &'static str, pos: Position, message: String) {
    report.warnings.push(InputWarning {
        code,
        pos,
        message,
        hides_rule: false,
    });
}

/// Reads a CSV file (see [`read_csv_bytes_into`]).
pub fn read_csv_into(path: &Path, display: &str, report: &mut InputErrors) -> Option<Sheet> {
    match std::fs::read(path) {
        Ok(bytes) => read_csv_bytes_into(&bytes, display, report),
        Err(e) => {
            report.push(InputError::Io {
                path: display.to_string(),
                message: e.to_string(),
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
                    format!(
                        "the file is in {}; it was read as such (UTF-8 is the usual choice: \
                         Excel's \"CSV UTF-8\")",
                        enc.label()
                    ),
                );
            }
            text
        }
        Err(line) => {
            report.at(
                source.at_line(line),
                "the text is neither UTF-8 nor GBK: save the file as \"CSV UTF-8\" in Excel or \
                 WPS, or use an .xlsx workbook",
            );
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
                    format!("not a readable CSV line: {e}"),
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
        report.at(source, "the file is empty: a header row is needed");
        return None;
    }
    Some(Grid {
        source,
        col0: 0,
        rows,
        merges: Vec::new(),
    })
}

/// The header and rows of a grid: titles above the header and section rows
/// (one merged cell across the table) are skipped and named, a header may
/// span two rows (a heading merged over sub-headings), merged cells count
/// for every cell they cover, and unreadable cells are errors.
fn table_from_grid(grid: Grid, report: &mut InputErrors) -> Option<Sheet> {
    let Grid {
        source,
        col0,
        mut rows,
        merges,
    } = grid;
    // a merged range's value counts for every cell it covers
    for (mi, m) in merges.iter().enumerate() {
        let top_left = rows
            .iter()
            .find(|r| r.line == m.top)
            .and_then(|r| r.cells.get((m.left - col0) as usize))
            .map(|c| (c.text.clone(), c.problem.clone()))
            .unwrap_or_default();
        for r in rows.iter_mut() {
            if r.line < m.top || r.line > m.bottom {
                continue;
            }
            let need = (m.right - col0) as usize + 1;
            if r.cells.len() < need {
                r.cells.resize(need, GridCell::default());
            }
            for c in (m.left - col0) as usize..need {
                let cell = &mut r.cells[c];
                cell.merge = Some(mi);
                if r.line != m.top || c != (m.left - col0) as usize {
                    cell.text = top_left.0.clone();
                    cell.problem = top_left.1.as_ref().map(|_| {
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
    let non_blank = |r: &GridRow| {
        r.cells
            .iter()
            .any(|c| !c.text.is_empty() || c.problem.is_some())
    };
    // the distinct pieces of a row: a merged range counts once
    let pieces = |r: &GridRow| -> usize {
        let mut seen = Vec::new();
        let mut n = 0;
        for c in &r.cells {
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
    };
    let wide_merge = |r: &GridRow| -> bool {
        let mut ms = r
            .cells
            .iter()
            .filter(|c| !c.text.is_empty() || c.problem.is_some())
            .map(|c| c.merge);
        match ms.next() {
            Some(Some(m)) => ms.all(|x| x == Some(m)) && merges[m].right > merges[m].left,
            _ => false,
        }
    };
    let at = |line: usize, c: usize| source.at_line(line).at_letter(col0 + c as u32);
    // the header: the first row with two or more pieces; rows above it are titles
    let mut skipped: Vec<(usize, String)> = Vec::new();
    let mut i = 0;
    let header_at = loop {
        let Some(r) = rows.get(i) else {
            break None;
        };
        if non_blank(r) {
            if pieces(r) >= 2 {
                break Some(i);
            }
            let rest = rows[i + 1..].iter().find(|r| non_blank(r));
            if rest.is_some_and(|n| pieces(n) >= 2) {
                let text = r
                    .cells
                    .iter()
                    .find(|c| !c.text.is_empty())
                    .map(|c| c.text.clone());
                skipped.push((r.line, text.unwrap_or_default()));
            } else {
                break Some(i);
            }
        }
        i += 1;
    };
    let Some(h) = header_at else {
        report.at(source, "empty: a header row is needed");
        return None;
    };
    // a header over two rows: a heading merged across columns has its
    // sub-headings below it; a merged cell going down extends the header
    let mut header_end = h;
    for m in &merges {
        if m.top == rows[h].line {
            if m.right > m.left {
                header_end = header_end.max(h + 1);
            }
            if let Some(e) = rows.iter().position(|r| r.line == m.bottom) {
                header_end = header_end.max(e);
            }
        }
    }
    let header_end = header_end.min(rows.len() - 1);
    let width = rows[h..=header_end]
        .iter()
        .map(|r| r.cells.len())
        .max()
        .unwrap_or(0);
    let mut headers = Vec::with_capacity(width);
    let mut header_alts = Vec::with_capacity(width);
    for c in 0..width {
        let mut texts: Vec<String> = Vec::new();
        for r in rows[h..=header_end].iter().rev() {
            if let Some(cell) = r.cells.get(c) {
                if !cell.text.is_empty() && !texts.contains(&cell.text) {
                    texts.push(cell.text.clone());
                }
            }
        }
        let mut texts = texts.into_iter();
        headers.push(texts.next().unwrap_or_default());
        header_alts.push(texts.collect());
    }
    for r in &rows[..=header_end] {
        for (c, cell) in r.cells.iter().enumerate() {
            if let Some(p) = &cell.problem {
                report.at(at(r.line, c), p.clone());
            }
        }
    }
    if rows.iter().any(|r| {
        r.cells.iter().any(|c| {
            c.problem
                .as_deref()
                .is_some_and(|p| p.starts_with(NO_VALUE))
        })
    }) {
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
        if !non_blank(&r) {
            continue;
        }
        if wide_merge(&r) && width > 1 {
            let text = r
                .cells
                .iter()
                .find(|c| !c.text.is_empty())
                .map(|c| c.text.clone());
            skipped.push((r.line, text.unwrap_or_default()));
            continue;
        }
        let mut cells = Vec::with_capacity(width.max(r.cells.len()));
        for (c, cell) in r.cells.into_iter().enumerate() {
            if let Some(p) = cell.problem {
                let name = headers.get(c).filter(|n| !n.is_empty());
                let pos = source
                    .at_row(out.len() + 1, r.line)
                    .at_letter(col0 + c as u32);
                let pos = match name {
                    Some(n) => pos.col(format!("\"{n}\"")),
                    None => pos,
                };
                report.at(pos, p);
                cells.push(String::new());
                continue;
            }
            if let Some(m) = cell.merge {
                if !merged_data.contains(&m) {
                    merged_data.push(m);
                }
            }
            cells.push(cell.text);
        }
        if cells.len() > width && cells[width..].iter().any(|c| !c.is_empty()) {
            report.at(
                source.at_row(out.len() + 1, r.line),
                format!(
                    "{} cells, but the header has {} columns",
                    cells.len(),
                    width
                ),
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
    if !skipped.is_empty() {
        let list: Vec<String> = skipped
            .iter()
            .map(|(l, t)| format!("{l} ({})", super::text::shown(t)))
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
    if !merged_data.is_empty() {
        merged_data.sort_unstable_by_key(|&m| (merges[m].top, merges[m].left));
        let shown: Vec<String> = merged_data
            .iter()
            .take(8)
            .map(|&m| {
                let x = merges[m];
                let c = (x.left - col0) as usize;
                let name = headers.get(c).cloned().unwrap_or_default();
                format!(
                    "{}{}:{}{} ({name})",
                    column_letter(x.left),
                    x.top,
                    column_letter(x.right),
                    x.bottom
                )
            })
            .collect();
        let more = merged_data.len().saturating_sub(8);
        warn(
            report,
            "merged-cells",
            source.clone(),
            format!(
                "merged cells: the value of each merged range was read for every row it covers: {}{}",
                shown.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            ),
        );
    }
    Some(Sheet {
        source,
        headers,
        header_alts,
        header_line,
        col0,
        rows: out,
    })
}

/// Runs a call into the spreadsheet library, turning a panic inside it into
/// an error: on a damaged file the library can fail that way (the fuzz tests
/// found an arithmetic overflow on a huge cell reference), and a damaged file
/// is bad input (exit 2), not a crash.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|p| {
        p.downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "the spreadsheet library failed".to_string())
    })
}

/// A sheet of a workbook: its name and whether it is hidden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetInfo {
    /// The name as written.
    pub name: String,
    /// Hidden (or "very hidden") in Excel/WPS.
    pub hidden: bool,
}

/// An open workbook: its sheets by name.
pub struct Workbook {
    display: String,
    book: calamine::Sheets<std::io::BufReader<std::fs::File>>,
    sheets: Vec<SheetInfo>,
    /// The workbook asks for every formula to be computed when it is opened
    /// (`fullCalcOnLoad`): the values stored with its formulas are
    /// placeholders written by a program, not what Excel or WPS would show.
    values_uncomputed: bool,
}

/// Does an `.xlsx` say that its formulas' stored values must be computed on
/// opening (`<calcPr fullCalcOnLoad="1"/>`, as program-written files such as
/// XlsxWriter's do; Excel and WPS drop it when they save)?
fn full_calc_on_load(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let Ok(mut zip) = zip::ZipArchive::new(std::io::BufReader::new(file)) else {
        return false;
    };
    let Ok(mut entry) = zip.by_name("xl/workbook.xml") else {
        return false;
    };
    let mut xml = String::new();
    if std::io::Read::read_to_string(&mut entry, &mut xml).is_err() {
        return false;
    }
    xml.contains("fullCalcOnLoad=\"1\"") || xml.contains("fullCalcOnLoad=\"true\"")
}

impl Workbook {
    /// Opens an `.xlsx` (or `.xls`, `.xlsb`, `.ods`).
    pub fn open(path: &Path, display: &str) -> Result<Workbook, InputErrors> {
        let damaged = |why: String| InputError::Io {
            path: display.to_string(),
            message: format!("not a readable workbook (the file may be damaged: {why})"),
        };
        let book = guarded(|| calamine::open_workbook_auto(path))
            .map_err(damaged)?
            .map_err(|e| InputError::Io {
                path: display.to_string(),
                message: format!("not a readable workbook: {e}"),
            })?;
        let sheets = book
            .sheets_metadata()
            .iter()
            .map(|s| SheetInfo {
                name: s.name.clone(),
                hidden: s.visible != SheetVisible::Visible,
            })
            .collect();
        let values_uncomputed =
            matches!(book, calamine::Sheets::Xlsx(_)) && full_calc_on_load(path);
        Ok(Workbook {
            display: display.to_string(),
            book,
            sheets,
            values_uncomputed,
        })
    }

    /// The sheets, in the workbook's order.
    pub fn sheets(&self) -> &[SheetInfo] {
        &self.sheets
    }

    /// The sheet names.
    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets.iter().map(|s| s.name.clone()).collect()
    }

    /// How a sheet is named in messages: `book.xlsx [name]`.
    pub fn sheet_display(&self, name: &str) -> String {
        format!("{} [{}]", self.display, name)
    }

    /// Reads the sheet `name` as a table (see [`table_from_grid`] for what is
    /// recognised). Problems go to `report`; `None` when it cannot be read or
    /// holds no table.
    pub fn read(&mut self, name: &str, report: &mut InputErrors) -> Option<Sheet> {
        let display = self.sheet_display(name);
        let source = Position::sheet(display.clone());
        let fail = |why: String| InputError::Io {
            path: display.clone(),
            message: format!("the sheet cannot be read ({why})"),
        };
        let book = &mut self.book;
        let range = match guarded(|| book.worksheet_range(name)) {
            Ok(Ok(r)) => r,
            Ok(Err(e)) => {
                report.push(fail(e.to_string()));
                return None;
            }
            Err(why) => {
                report.push(fail(format!("the file may be damaged: {why}")));
                return None;
            }
        };
        // formulas: a formula cell without a computed value has no value
        let formulas = guarded(|| book.worksheet_formula(name))
            .ok()
            .and_then(Result::ok);
        let merges = match book {
            calamine::Sheets::Xlsx(x) => guarded(|| x.merge_cells_by_sheet_name(name))
                .ok()
                .and_then(Result::ok),
            calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).ok(),
            _ => None,
        };
        if merges.is_none() {
            warn(
                report,
                "merged-cells-unknown",
                source.clone(),
                "merged cells cannot be seen in this kind of file: if any are merged, only their \
                 first row holds the value; save the workbook as .xlsx to be sure"
                    .into(),
            );
        }
        let mut grid = grid_of(range, formulas.as_ref(), merges.unwrap_or_default(), source);
        if self.values_uncomputed {
            // the stored values are placeholders: every formula's is unknown
            if let Some(f) = &formulas {
                for (r, c, text) in f.used_cells() {
                    let (r0, c0) = f.start().unwrap_or((0, 0));
                    let (line, col) = (r0 as usize + r + 1, c0 + c as u32);
                    if text.is_empty() {
                        continue;
                    }
                    if let Some(row) = grid.rows.iter_mut().find(|x| x.line == line) {
                        if let Some(cell) = row.cells.get_mut((col - grid.col0) as usize) {
                            cell.text.clear();
                            cell.problem = Some(format!("{NO_VALUE} ={text}"));
                        }
                    }
                }
            }
        }
        table_from_grid(grid, report)
    }
}

/// The cells of a sheet, absolute rows and columns from the first used one.
fn grid_of(
    range: calamine::Range<Data>,
    formulas: Option<&calamine::Range<String>>,
    merges: Vec<calamine::Dimensions>,
    source: Position,
) -> Grid {
    let mut lo = (u32::MAX, u32::MAX);
    let mut hi = (0u32, 0u32);
    let mut widen = |s: Option<(u32, u32)>, e: Option<(u32, u32)>| {
        if let (Some(s), Some(e)) = (s, e) {
            lo = (lo.0.min(s.0), lo.1.min(s.1));
            hi = (hi.0.max(e.0), hi.1.max(e.1));
        }
    };
    widen(range.start(), range.end());
    if let Some(f) = formulas {
        widen(f.start(), f.end());
    }
    for m in &merges {
        widen(Some(m.start), Some(m.end));
    }
    let mut rows = Vec::new();
    if lo.0 <= hi.0 {
        for r in lo.0..=hi.0 {
            let mut cells = Vec::with_capacity((hi.1 - lo.1 + 1) as usize);
            for c in lo.1..=hi.1 {
                let value = range.get_value((r, c)).unwrap_or(&Data::Empty);
                let formula = formulas
                    .and_then(|f| f.get_value((r, c)))
                    .filter(|f| !f.is_empty());
                let cell = match (value, formula) {
                    (Data::Empty, Some(f)) => GridCell {
                        problem: Some(format!("{NO_VALUE} ={f}")),
                        ..Default::default()
                    },
                    _ => match cell_text(value) {
                        Ok(text) => GridCell {
                            text,
                            ..Default::default()
                        },
                        Err(p) => GridCell {
                            problem: Some(p),
                            ..Default::default()
                        },
                    },
                };
                cells.push(cell);
            }
            rows.push(GridRow {
                line: r as usize + 1,
                cells,
            });
        }
    }
    let merges = merges
        .iter()
        .filter(|m| m.start != m.end)
        .map(|m| Merge {
            top: m.start.0 as usize + 1,
            bottom: m.end.0 as usize + 1,
            left: m.start.1,
            right: m.end.1,
        })
        .collect();
    Grid {
        source,
        col0: if lo.1 == u32::MAX { 0 } else { lo.1 },
        rows,
        merges,
    }
}

/// How a formula cell without a computed value is named (its formula follows).
const NO_VALUE: &str = "the value is unknown: a formula whose result was never computed:";

fn cell_text(d: &Data) -> Result<String, String> {
    Ok(match d {
        Data::Empty => String::new(),
        Data::String(s) => clean(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        // no column of a case holds a date: one is a year typed as a date, or an
        // id such as 3-1 that the spreadsheet turned into one
        Data::DateTime(dt) => {
            let shown = match dt.as_datetime() {
                Some(t) => {
                    use chrono::{Datelike, Timelike};
                    let day = format!("{:04}-{:02}-{:02}", t.year(), t.month(), t.day());
                    if t.hour() == 0 && t.minute() == 0 {
                        day
                    } else {
                        format!("{day} {:02}:{:02}", t.hour(), t.minute())
                    }
                }
                None => dt.as_f64().to_string(),
            };
            return Err(format!(
                "a date cell ({shown}): years are plain numbers such as 2021, and an id the \
                 spreadsheet turned into a date must be typed again in a column formatted as text (文本)"
            ));
        }
        Data::Error(e) => {
            return Err(format!(
                "a spreadsheet error cell ({e}); put the value itself here"
            ))
        }
    })
}

/// Builds a sheet from a calamine range alone (no formulas, no merged
/// cells), lines being spreadsheet row numbers. Problems go to `report`.
pub fn sheet_from_range(
    range: calamine::Range<Data>,
    display: &str,
    report: &mut InputErrors,
) -> Option<Sheet> {
    let grid = grid_of(range, None, Vec::new(), Position::sheet(display));
    table_from_grid(grid, report)
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
