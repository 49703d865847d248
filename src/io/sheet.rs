//! One table of text cells with positions, read from a CSV file or a workbook
//! sheet, and the header resolution (English names or Chinese aliases).

use crate::error::{InputError, InputErrors, Position};
use calamine::{Data, Reader};
use std::path::Path;

/// A row of text cells.
#[derive(Debug, Clone)]
pub struct SheetRow {
    /// Data row number, 1-based (header not counted).
    pub row: usize,
    /// Line in the file, or spreadsheet row number.
    pub line: usize,
    /// Cells, trimmed.
    pub cells: Vec<String>,
}

/// A table read from a file.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The file (or `book.xlsx [sheet]`) for positions.
    pub source: Position,
    /// Header cells, trimmed, BOM removed.
    pub headers: Vec<String>,
    /// Line of the header.
    pub header_line: usize,
    /// Data rows; wholly blank rows are skipped.
    pub rows: Vec<SheetRow>,
}

fn clean(s: &str) -> String {
    s.trim_start_matches('\u{feff}').trim().to_string()
}

/// Reads a CSV file (UTF-8, a BOM tolerated).
pub fn read_csv(path: &Path, display: &str) -> Result<Sheet, InputErrors> {
    let bytes = std::fs::read(path).map_err(|e| InputError::Io {
        path: display.to_string(),
        message: e.to_string(),
    })?;
    read_csv_bytes(&bytes, display)
}

/// Reads CSV text from memory (for tests and fuzzing).
pub fn read_csv_bytes(bytes: &[u8], display: &str) -> Result<Sheet, InputErrors> {
    let source = Position::file(display);
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    // line numbers are counted below from byte offsets by LF, because the csv
    // crate's own count is late in CRLF files, never advances in CR-only files
    // and lags after blank lines: so make every line end a LF first
    let normalized;
    let bytes = if bytes.contains(&b'\r') {
        normalized = normalize_line_ends(bytes);
        &normalized[..]
    } else {
        bytes
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut errors = InputErrors::default();
    let mut headers: Option<(Vec<String>, usize)> = None;
    let mut rows = Vec::new();
    let mut record = csv::ByteRecord::new();
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
        match rdr.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e
                    .position()
                    .map(|p| line_at(p.byte() as usize))
                    .unwrap_or(0);
                errors.at(
                    source.at_line(line),
                    format!("not a readable CSV line: {e}"),
                );
                break;
            }
        }
        let line = record
            .position()
            .map(|p| line_at(p.byte() as usize))
            .unwrap_or(0);
        let mut cells = Vec::with_capacity(record.len());
        let mut bad = false;
        for (i, field) in record.iter().enumerate() {
            match std::str::from_utf8(field) {
                Ok(s) => cells.push(clean(s)),
                Err(_) => {
                    errors.at(
                        source.at_line(line).col(format!("#{}", i + 1)),
                        "text is not UTF-8 (Excel's plain \"CSV\" on Chinese Windows saves GBK: \
                         save as \"CSV UTF-8\", or use an .xlsx workbook)",
                    );
                    bad = true;
                    break;
                }
            }
        }
        if bad {
            continue;
        }
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        match &headers {
            None => headers = Some((cells, line)),
            Some((h, _)) => {
                if cells.len() > h.len() && cells[h.len()..].iter().any(|c| !c.is_empty()) {
                    errors.at(
                        source.at_row(rows.len() + 1, line),
                        format!(
                            "{} cells, but the header has {} columns",
                            cells.len(),
                            h.len()
                        ),
                    );
                    continue;
                }
                cells.resize(h.len(), String::new());
                rows.push(SheetRow {
                    row: rows.len() + 1,
                    line,
                    cells,
                });
            }
        }
    }
    let Some((headers, header_line)) = headers else {
        errors.at(source.clone(), "the file is empty: a header row is needed");
        return Err(errors);
    };
    errors.into_result(Sheet {
        source,
        headers,
        header_line,
        rows,
    })
}

/// CRLF and lone CR become LF.
fn normalize_line_ends(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\r' {
            out.push(b'\n');
            if bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
        } else {
            out.push(bytes[i]);
        }
        i += 1;
    }
    out
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

/// An open workbook: its sheets by name.
pub struct Workbook {
    display: String,
    book: calamine::Sheets<std::io::BufReader<std::fs::File>>,
    names: Vec<String>,
}

impl Workbook {
    /// Opens an `.xlsx` (or any format calamine reads).
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
        let names = book.sheet_names();
        Ok(Workbook {
            display: display.to_string(),
            book,
            names,
        })
    }

    /// The sheet names.
    pub fn sheet_names(&self) -> &[String] {
        &self.names
    }

    /// Reads the first sheet whose name is one of `names` (case-insensitive), if any.
    pub fn sheet(&mut self, names: &[&str]) -> Result<Option<Sheet>, InputErrors> {
        let Some(name) = self
            .names
            .iter()
            .find(|n| names.iter().any(|w| n.trim().eq_ignore_ascii_case(w)))
            .cloned()
        else {
            return Ok(None);
        };
        let display = format!("{} [{}]", self.display, name);
        let book = &mut self.book;
        let range = guarded(|| book.worksheet_range(&name))
            .map_err(|why| InputError::Io {
                path: display.clone(),
                message: format!("sheet cannot be read (the file may be damaged: {why})"),
            })?
            .map_err(|e| InputError::Io {
                path: display.clone(),
                message: format!("sheet cannot be read: {e}"),
            })?;
        sheet_from_range(&range, &display).map(Some)
    }
}

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

/// Builds a sheet from a calamine range (lines are spreadsheet row numbers).
/// Error cells (`#N/A`, `#REF!`, …) and date cells are reported by row and column.
pub fn sheet_from_range(
    range: &calamine::Range<Data>,
    display: &str,
) -> Result<Sheet, InputErrors> {
    let source = Position::file(display);
    let (row0, _) = range.start().unwrap_or((0, 0));
    let mut errors = InputErrors::default();
    let mut headers: Option<(Vec<String>, usize)> = None;
    let mut rows = Vec::new();
    for (i, r) in range.rows().enumerate() {
        let line = row0 as usize + i + 1;
        let mut cells: Vec<String> = Vec::with_capacity(r.len());
        for (j, d) in r.iter().enumerate() {
            match cell_text(d) {
                Ok(s) => cells.push(s),
                Err(msg) => {
                    let column = match &headers {
                        Some((h, _)) if h.get(j).is_some_and(|n| !n.is_empty()) => {
                            format!("\"{}\"", h[j])
                        }
                        _ => format!("#{}", j + 1),
                    };
                    let pos = match &headers {
                        Some(_) => source.at_row(rows.len() + 1, line),
                        None => source.at_line(line),
                    };
                    errors.at(pos.col(column), msg);
                    cells.push(String::new());
                }
            }
        }
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        match &headers {
            None => headers = Some((cells, line)),
            Some((h, _)) => {
                cells.resize(cells.len().max(h.len()), String::new());
                rows.push(SheetRow {
                    row: rows.len() + 1,
                    line,
                    cells,
                });
            }
        }
    }
    let (headers, header_line) = headers.unwrap_or_default();
    errors.into_result(Sheet {
        source,
        headers,
        header_line,
        rows,
    })
}

/// A column a table may have.
#[derive(Debug, Clone)]
pub struct Column {
    /// English name, also the key used in code.
    pub key: String,
    /// Chinese aliases.
    pub aliases: Vec<String>,
    /// Must the header have it?
    pub required: bool,
}

impl Column {
    /// A column with one Chinese alias.
    pub fn new(key: &str, alias: &str, required: bool) -> Column {
        Column {
            key: key.to_string(),
            aliases: vec![alias.to_string()],
            required,
        }
    }

    fn matches(&self, header: &str) -> bool {
        header.eq_ignore_ascii_case(&self.key) || self.aliases.iter().any(|a| a == header)
    }
}

/// The resolved header of a sheet: schema column → sheet column.
#[derive(Debug, Clone)]
pub struct Header {
    index: Vec<Option<usize>>,
    names: Vec<String>,
    source: Position,
    header_line: usize,
}

impl Header {
    /// Matches the sheet's headers against the schema: unknown and duplicate
    /// columns and missing required ones are errors.
    pub fn resolve(sheet: &Sheet, schema: &[Column]) -> Result<Header, InputErrors> {
        let mut errors = InputErrors::default();
        if sheet.headers.is_empty() {
            errors.at(sheet.source.clone(), "empty: a header row is needed");
            return Err(errors);
        }
        let mut index = vec![None; schema.len()];
        let at = sheet.source.at_line(sheet.header_line);
        for (j, h) in sheet.headers.iter().enumerate() {
            if h.is_empty() {
                // a column with neither name nor data (a trailing comma, say) is nothing
                if sheet
                    .rows
                    .iter()
                    .all(|r| r.cells.get(j).is_none_or(|c| c.is_empty()))
                {
                    continue;
                }
                errors.at(
                    at.col(format!("#{}", j + 1)),
                    "a column without a name in the header",
                );
                continue;
            }
            match schema.iter().position(|c| c.matches(h)) {
                Some(k) if index[k].is_some() => errors.at(
                    at.col(format!("\"{h}\"")),
                    format!("column {} appears twice", schema[k].key),
                ),
                Some(k) => index[k] = Some(j),
                None => {
                    let known: Vec<String> = schema
                        .iter()
                        .map(|c| format!("{} ({})", c.key, c.aliases.join("/")))
                        .collect();
                    errors.at(
                        at.col(format!("\"{h}\"")),
                        format!(
                            "unknown column; this table's columns are: {}",
                            known.join(", ")
                        ),
                    )
                }
            }
        }
        for (k, c) in schema.iter().enumerate() {
            if c.required && index[k].is_none() {
                errors.at(
                    at.clone(),
                    format!(
                        "missing column {} ({})",
                        c.key,
                        c.aliases.first().map(String::as_str).unwrap_or("")
                    ),
                );
            }
        }
        let names = schema
            .iter()
            .enumerate()
            .map(|(k, c)| match index[k] {
                Some(j) if !sheet.headers[j].eq_ignore_ascii_case(&c.key) => {
                    format!("\"{}\" ({})", sheet.headers[j], c.key)
                }
                _ => format!("\"{}\"", c.key),
            })
            .collect();
        errors.into_result(Header {
            index,
            names,
            source: sheet.source.clone(),
            header_line: sheet.header_line,
        })
    }

    /// Is the schema column present?
    pub fn has(&self, k: usize) -> bool {
        self.index[k].is_some()
    }

    /// The cell of schema column `k` in a row ("" when the column is absent).
    pub fn get<'r>(&self, row: &'r SheetRow, k: usize) -> &'r str {
        self.index[k]
            .and_then(|j| row.cells.get(j))
            .map(String::as_str)
            .unwrap_or("")
    }

    /// The position of schema column `k` in a row.
    pub fn pos(&self, row: &SheetRow, k: usize) -> Position {
        self.source
            .at_row(row.row, row.line)
            .col(self.names[k].clone())
    }

    /// The position of a row.
    pub fn row_pos(&self, row: &SheetRow) -> Position {
        self.source.at_row(row.row, row.line)
    }

    /// The header line's position.
    pub fn header_pos(&self) -> Position {
        self.source.at_line(self.header_line)
    }
}

/// Reads typed values from cells, recording errors with positions.
pub struct Cells<'a> {
    /// Where the errors go.
    pub errors: &'a mut InputErrors,
}

impl Cells<'_> {
    /// A non-empty text.
    pub fn text(&mut self, pos: Position, s: &str) -> Option<String> {
        if s.is_empty() {
            self.errors.at(pos, "empty; a value is needed");
            return None;
        }
        Some(s.to_string())
    }

    /// A yes/no value; blank gives `default` (or an error when `None`).
    pub fn yes_no(&mut self, pos: Position, s: &str, default: Option<bool>) -> Option<bool> {
        match parse_yes_no(s) {
            Some(b) => Some(b),
            None if s.is_empty() => {
                if default.is_none() {
                    self.errors.at(pos, "empty; yes/no (是/否) is needed");
                }
                default
            }
            None => {
                self.errors
                    .at(pos, format!("\"{s}\" is not yes/no (是/否)"));
                None
            }
        }
    }

    /// An integer within bounds; blank is an error when `required`.
    pub fn int(
        &mut self,
        pos: Position,
        s: &str,
        lo: i64,
        hi: i64,
        required: bool,
    ) -> Option<Option<i64>> {
        if s.is_empty() {
            if required {
                self.errors.at(pos, "empty; a number is needed");
                return None;
            }
            return Some(None);
        }
        match parse_int(s) {
            Some(v) if (lo..=hi).contains(&v) => Some(Some(v)),
            Some(v) => {
                self.errors
                    .at(pos, format!("{v} is out of range {lo}..{hi}"));
                None
            }
            None if looks_like_a_date(s) => {
                self.errors.at(
                    pos,
                    format!(
                        "\"{s}\" is a date; a year or a number is written plainly, such as 2021"
                    ),
                );
                None
            }
            None => {
                self.errors
                    .at(pos, format!("\"{s}\" is not a whole number"));
                None
            }
        }
    }
}

/// Optional text: `""` is `None`.
pub fn opt_text(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// `2021-05-01` or `2021/5/1`: a date written where a number belongs.
fn looks_like_a_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split(['-', '/', ' ']).collect();
    parts.len() >= 3
        && parts[..3]
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

/// `yes/no`, `y/n`, `true/false`, `1/0`, `是/否`, `√/×`.
pub fn parse_yes_no(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "是" | "√" | "✓" => Some(true),
        "no" | "n" | "false" | "0" | "否" | "×" | "✗" => Some(false),
        _ => None,
    }
}

/// A whole number, also written as `2018.0` by spreadsheets.
pub fn parse_int(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Ok(v) = s.parse::<i64>() {
        return Some(v);
    }
    let f: f64 = s.parse().ok()?;
    (f.fract() == 0.0 && f.abs() < 1e15).then_some(f as i64)
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
    fn gbk_text_is_named() {
        let bytes = b"id,name\nA,\xd5\xc5\xc8\xfd\n";
        let e = read_csv_bytes(bytes, "people.csv").unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("people.csv: line 2"), "{msg}");
        assert!(msg.contains("UTF-8"), "{msg}");
    }

    #[test]
    fn too_many_cells() {
        let e = read_csv_bytes(b"a,b\n1,2,3\n", "x.csv").unwrap_err();
        assert!(e.to_string().contains("row 1 (line 2)"));
    }

    #[test]
    fn headers_resolve_by_alias_and_flag_unknown() {
        let s = read_csv_bytes("编号,名字\n1,2\n".as_bytes(), "u.csv").unwrap();
        let schema = [
            Column::new("id", "编号", true),
            Column::new("name", "名称", true),
        ];
        let e = Header::resolve(&s, &schema).unwrap_err().to_string();
        assert!(e.contains("column \"名字\": unknown column"), "{e}");
        assert!(e.contains("missing column name (名称)"), "{e}");
    }

    #[test]
    fn a_nameless_empty_column_is_ignored_but_one_with_data_is_not() {
        let s = read_csv_bytes(b"id,name,\nA,x,\n", "t.csv").unwrap();
        let schema = [
            Column::new("id", "编号", true),
            Column::new("name", "名称", true),
        ];
        assert!(Header::resolve(&s, &schema).is_ok());
        let s = read_csv_bytes(b"id,name,\nA,x,9\n", "t.csv").unwrap();
        let e = Header::resolve(&s, &schema).unwrap_err().to_string();
        assert!(e.contains("column #3: a column without a name"), "{e}");
    }

    #[test]
    fn yes_no_and_ints() {
        assert_eq!(parse_yes_no("是"), Some(true));
        assert_eq!(parse_yes_no("No"), Some(false));
        assert_eq!(parse_yes_no("maybe"), None);
        assert_eq!(parse_int("2018.0"), Some(2018));
        assert_eq!(parse_int("2018.5"), None);
    }
}
