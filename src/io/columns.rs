//! The columns of a table: its header resolved against the names a column
//! may have (English or Chinese, as offices write them), and typed values
//! read from its cells, each problem recorded at its row and column.

use super::sheet::{Sheet, SheetRow};
use super::text::{fold_width, name_key, shown};
use crate::error::{InputErrors, Position};
use crate::msg::Msg;

/// A column a table may have.
#[derive(Debug, Clone)]
pub struct Column {
    /// English name, also the key used in code.
    pub key: String,
    /// Chinese names, the first as SPEC §2 gives it.
    pub aliases: Vec<String>,
    /// Must the header have it?
    pub required: bool,
}

impl Column {
    /// A column with one Chinese alias.
    pub fn new(key: &str, alias: &str, required: bool) -> Column {
        Column::with(key, &[alias], required)
    }

    /// A column with several Chinese names.
    pub fn with(key: &str, aliases: &[&str], required: bool) -> Column {
        Column {
            key: key.to_string(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            required,
        }
    }

    /// Does a header text name this column (without regard to letter case,
    /// full-width forms and spaces)?
    pub fn matches(&self, header: &str) -> bool {
        let h = name_key(header);
        !h.is_empty() && (h == name_key(&self.key) || self.aliases.iter().any(|a| name_key(a) == h))
    }

    fn describe(&self) -> String {
        match self.aliases.first() {
            Some(a) => format!("{} ({a})", self.key),
            None => self.key.clone(),
        }
    }
}

/// The column names of a schema close to `header` (a letter or two apart,
/// the first one kept): the "did you mean" of an unknown column.
pub fn near_names(header: &str, schema: &[Column]) -> Vec<String> {
    let h = name_key(header);
    let n = h.chars().count();
    let limit = if n <= 4 { 1 } else { 2 };
    let mut out = Vec::new();
    for c in schema {
        // one name per column: the closest
        let best = std::iter::once(&c.key)
            .chain(&c.aliases)
            .map(|name| (name_key(name), name))
            // a slip keeps the first character (序号 is no slip of 编号)
            .filter(|(key, _)| key.chars().next() == h.chars().next())
            .map(|(key, name)| (strsim::levenshtein(&h, &key), name))
            .min_by_key(|(d, _)| *d);
        if let Some((d, name)) = best {
            if d <= limit {
                out.push(name.clone());
            }
        }
    }
    out
}

/// The resolved header of a sheet: schema column → sheet column.
#[derive(Debug, Clone)]
pub struct Header {
    index: Vec<Option<usize>>,
    names: Vec<String>,
    /// Per schema column: its header as written ("" when absent).
    written: Vec<String>,
    /// Sheet columns carried as written (see [`Header::resolve_carrying`]).
    carried: Vec<usize>,
    source: Position,
    header_line: usize,
    col0: u32,
}

impl Header {
    /// Matches the sheet's headers against the schema: unknown and duplicate
    /// columns and missing required ones are errors, named with their letter;
    /// the table's columns are listed once, in a note.
    pub fn resolve(sheet: &Sheet, schema: &[Column]) -> Result<Header, InputErrors> {
        Header::resolve_carrying(sheet, schema, &|_| false)
    }

    /// [`Header::resolve`], where a column that is none of the schema's but
    /// whose header `carry` accepts is no error: it is carried as written
    /// ([`Header::carried`]).
    pub fn resolve_carrying(
        sheet: &Sheet,
        schema: &[Column],
        carry: &dyn Fn(&str) -> bool,
    ) -> Result<Header, InputErrors> {
        let mut errors = InputErrors::default();
        let mut carried = Vec::new();
        if sheet.headers.is_empty() {
            errors.at(sheet.source.clone(), Msg::new("header-empty"));
            return Err(errors);
        }
        let mut index = vec![None; schema.len()];
        let at = |j: usize| {
            sheet
                .source
                .at_line(sheet.header_line)
                .at_letter(sheet.col0 + j as u32)
        };
        let mut unknown = false;
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
                errors.at(at(j), Msg::new("column-unnamed"));
                continue;
            }
            // the lowest header text first, then any heading above it
            let alts = sheet.header_alts.get(j).map(Vec::as_slice).unwrap_or(&[]);
            let found = std::iter::once(h)
                .chain(alts)
                .find_map(|t| schema.iter().position(|c| c.matches(t)));
            match found {
                Some(k) if index[k].is_some() => errors.at(
                    at(j).col(format!("\"{h}\"")),
                    Msg::new("column-twice").s("key", schema[k].key.clone()),
                ),
                Some(k) => index[k] = Some(j),
                None if carry(h) => carried.push(j),
                None => {
                    unknown = true;
                    let near = near_names(h, schema);
                    let msg = if near.is_empty() {
                        Msg::new("column-unknown")
                    } else {
                        Msg::new("column-unknown-near").alts("near", near)
                    };
                    errors.at(at(j).col(shown(h)), msg)
                }
            }
        }
        for (k, c) in schema.iter().enumerate() {
            if c.required && index[k].is_none() {
                errors.push(crate::error::InputError::data(
                    sheet.source.at_line(sheet.header_line),
                    Msg::new("column-missing").s("column", c.describe()),
                ));
            }
        }
        if unknown {
            let known: Vec<String> = schema
                .iter()
                .map(|c| {
                    if c.aliases.is_empty() {
                        c.key.clone()
                    } else {
                        format!("{} ({})", c.key, c.aliases.join("/"))
                    }
                })
                .collect();
            errors.note(
                Msg::new("note-columns")
                    .s("file", sheet.source.file.clone())
                    .list("columns", known),
            );
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
        let written = index
            .iter()
            .map(|j| j.map_or_else(String::new, |j| sheet.headers[j].clone()))
            .collect();
        errors.into_result(Header {
            index,
            names,
            written,
            carried,
            source: sheet.source.clone(),
            header_line: sheet.header_line,
            col0: sheet.col0,
        })
    }

    /// The sheet columns carried as written, in sheet order.
    pub fn carried(&self) -> &[usize] {
        &self.carried
    }

    /// The header of schema column `k` as written ("" when absent).
    pub fn written(&self, k: usize) -> &str {
        &self.written[k]
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
        let p = self
            .source
            .at_row(row.row, row.line)
            .col(self.names[k].clone());
        match self.index[k] {
            Some(j) => p.at_letter(self.col0 + j as u32),
            None => p,
        }
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
            self.errors.at(pos, Msg::new("cell-empty"));
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
                    self.errors.at(pos, Msg::new("cell-empty-yes-no"));
                }
                default
            }
            None => {
                self.errors
                    .at(pos, Msg::new("cell-not-yes-no").q("value", s));
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
                self.errors.at(pos, Msg::new("cell-empty-number"));
                return None;
            }
            return Some(None);
        }
        match parse_int(s) {
            Some(v) if (lo..=hi).contains(&v) => Some(Some(v)),
            Some(v) => {
                self.errors.at(
                    pos,
                    Msg::new("cell-out-of-range")
                        .s("value", v.to_string())
                        .s("lo", lo.to_string())
                        .s("hi", hi.to_string()),
                );
                None
            }
            None if looks_like_a_date(s) => {
                self.errors
                    .at(pos, Msg::new("cell-date-not-number").q("value", s));
                None
            }
            None => {
                self.errors
                    .at(pos, Msg::new("cell-not-whole").q("value", s));
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
    let s = fold_width(s);
    let parts: Vec<&str> = s.split(['-', '/', ' ', '.']).collect();
    parts.len() >= 3
        && parts[..3]
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

/// `yes/no`, `y/n`, `true/false`, `1/0`, `是/否`, `√/×` (full-width forms too).
pub fn parse_yes_no(s: &str) -> Option<bool> {
    match fold_width(s).trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "是" | "√" | "✓" => Some(true),
        "no" | "n" | "false" | "0" | "否" | "×" | "✗" => Some(false),
        _ => None,
    }
}

/// A whole number, also written as `2018.0` by spreadsheets, or in
/// full-width digits (`２０１８`).
pub fn parse_int(s: &str) -> Option<i64> {
    let s = fold_width(s);
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
    use crate::io::sheet::read_csv_bytes;

    #[test]
    fn headers_resolve_by_alias_and_flag_unknown() {
        let s = read_csv_bytes("编号,名字\n1,2\n".as_bytes(), "u.csv").unwrap();
        let schema = [
            Column::new("id", "编号", true),
            Column::new("name", "名称", true),
        ];
        let e = Header::resolve(&s, &schema).unwrap_err().to_string();
        assert!(
            e.contains("u.csv: line 1, column B \"名字\": unknown column"),
            "{e}"
        );
        assert!(e.contains("missing column name (名称)"), "{e}");
        assert!(
            e.contains("note: the columns of u.csv are: id (编号), name (名称)"),
            "{e}"
        );
    }

    #[test]
    fn near_misses_are_suggested() {
        let s = read_csv_bytes("编号,出生年月,Gendre\n1,2,3\n".as_bytes(), "p.csv").unwrap();
        let schema = [
            Column::new("id", "编号", true),
            Column::new("birth_year", "出生年份", true),
            Column::new("gender", "性别", true),
        ];
        let e = Header::resolve(&s, &schema).unwrap_err().to_string();
        assert!(
            e.contains("\"出生年月\": unknown column; did you mean 出生年份?"),
            "{e}"
        );
        assert!(
            e.contains("\"Gendre\": unknown column; did you mean gender?"),
            "{e}"
        );
        // the list of columns is given once, not in every error
        assert_eq!(e.matches("the columns of p.csv").count(), 1, "{e}");
    }

    #[test]
    fn padded_and_full_width_headers_match() {
        let s = read_csv_bytes("编　号,姓  名,＊性别\n1,2,男\n".as_bytes(), "p.csv").unwrap();
        let schema = [
            Column::new("id", "编号", true),
            Column::new("name", "姓名", true),
            Column::new("gender", "性别", true),
        ];
        assert!(Header::resolve(&s, &schema).is_ok());
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
        assert!(
            e.contains("line 1, column C: a column without a name"),
            "{e}"
        );
    }

    #[test]
    fn yes_no_and_ints() {
        assert_eq!(parse_yes_no("是"), Some(true));
        assert_eq!(parse_yes_no("No"), Some(false));
        assert_eq!(parse_yes_no("ｙｅｓ"), Some(true));
        assert_eq!(parse_yes_no("maybe"), None);
        assert_eq!(parse_int("2018.0"), Some(2018));
        assert_eq!(parse_int("２０１８"), Some(2018));
        assert_eq!(parse_int("2018.5"), None);
        assert!(looks_like_a_date("1983.1.5"));
    }
}
