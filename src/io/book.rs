//! Reading a workbook (`.xlsx`, also `.xls`, `.xlsb`, `.ods`): its sheets
//! with their visibility, and each sheet's cells with the merged ranges,
//! the formulas and the values Excel or WPS computed for them.

use super::grid::{no_value, table_from_grid, Grid, GridCell, GridRow, Merge};
use super::sheet::Sheet;
use crate::error::{InputError, InputErrors, InputWarning, Position};
use crate::msg::Msg;
use calamine::{Data, Reader, SheetVisible};
use std::path::Path;

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
    /// The warning that merged cells cannot be seen was given.
    merges_unseen_named: bool,
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
            message: Msg::new("book-damaged").s("why", why),
        };
        let book = guarded(|| calamine::open_workbook_auto(path))
            .map_err(damaged)?
            .map_err(|e| InputError::Io {
                path: display.to_string(),
                message: Msg::new("book-unreadable").s("why", e.to_string()),
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
            merges_unseen_named: false,
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
        let fail = |why: Msg| InputError::Io {
            path: display.clone(),
            message: why,
        };
        let book = &mut self.book;
        // values and formulas: a formula cell without a computed value has
        // no value (an .xlsx is read in one pass, the others in two)
        let read = guarded(|| -> Result<_, String> {
            match &mut *book {
                calamine::Sheets::Xlsx(x) => xlsx_cells(x, name),
                other => {
                    let range = other.worksheet_range(name).map_err(|e| e.to_string())?;
                    Ok((range, other.worksheet_formula(name).ok()))
                }
            }
        });
        let (range, formulas) = match read {
            Ok(Ok(r)) => r,
            Ok(Err(e)) => {
                report.push(fail(Msg::new("sheet-unreadable").s("why", e)));
                return None;
            }
            Err(why) => {
                report.push(fail(Msg::new("sheet-damaged").s("why", why)));
                return None;
            }
        };
        let merges = match book {
            calamine::Sheets::Xlsx(x) => guarded(|| x.merge_cells_by_sheet_name(name))
                .ok()
                .and_then(Result::ok),
            calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).ok(),
            _ => None,
        };
        if merges.is_none() && !self.merges_unseen_named {
            self.merges_unseen_named = true;
            report.warnings.push(InputWarning {
                code: "merged-cells-unknown",
                pos: Position::file(self.display.clone()),
                message: Msg::new("merged-cells-unknown"),
                hides_rule: true,
                lines: Vec::new(),
            });
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
                            cell.problem = Some(no_value(text));
                        }
                    }
                }
            }
        }
        table_from_grid(grid, report)
    }
}

/// The values and the formulas of an `.xlsx` sheet, in one pass over its XML.
type Cells = (calamine::Range<Data>, Option<calamine::Range<String>>);

fn xlsx_cells<RS: std::io::Read + std::io::Seek>(
    x: &mut calamine::Xlsx<RS>,
    name: &str,
) -> Result<Cells, String> {
    let mut reader = x.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
    let mut values = Vec::new();
    let mut formulas = Vec::new();
    while let Some(c) = reader.next_cell_with_formula().map_err(|e| e.to_string())? {
        if let Some(f) = c.formula.filter(|f| !f.is_empty()) {
            formulas.push(calamine::Cell::new(c.pos, f));
        }
        if c.value != calamine::DataRef::Empty {
            values.push(calamine::Cell::new(c.pos, Data::from(c.value)));
        }
    }
    Ok((
        calamine::Range::from_sparse(values),
        Some(calamine::Range::from_sparse(formulas)),
    ))
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
    // merged ranges do not widen the grid: one reaching to the sheet's end
    // (a whole column merged) covers no data beyond the cells used
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
                        problem: Some(no_value(f)),
                        ..Default::default()
                    },
                    _ => match cell_text(value) {
                        Ok(text) => GridCell {
                            text,
                            ..Default::default()
                        },
                        Err(p) => GridCell {
                            problem: Some(p),
                            // a date is a value under 出生年月 (see grid.rs)
                            date: matches!(value, Data::DateTime(_)),
                            text: match value {
                                Data::DateTime(dt) => date_shown(dt),
                                _ => String::new(),
                            },
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
    // a range written the wrong way round (C2:A2) is the same range
    let merges = merges
        .iter()
        .filter(|m| m.start != m.end)
        .map(|m| Merge {
            top: m.start.0.min(m.end.0) as usize + 1,
            bottom: m.start.0.max(m.end.0) as usize + 1,
            left: m.start.1.min(m.end.1),
            right: m.start.1.max(m.end.1),
        })
        .collect();
    Grid {
        source,
        col0: if lo.1 == u32::MAX { 0 } else { lo.1 },
        rows,
        merges,
    }
}

fn cell_text(d: &Data) -> Result<String, Msg> {
    Ok(match d {
        Data::Empty => String::new(),
        Data::String(s) => super::sheet::clean(s),
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
            let shown = date_shown(dt);
            return Err(Msg::new("cell-date").s("date", shown));
        }
        Data::Error(e) => return Err(Msg::new("cell-error").s("error", e.to_string())),
    })
}

/// A date cell as `1970-05-01` (`1970-05-01 08:30` with a time).
fn date_shown(dt: &calamine::ExcelDateTime) -> String {
    match dt.as_datetime() {
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
    }
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
