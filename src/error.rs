//! Input errors: everything a person can get wrong in a case or a plan, each
//! naming the file, row (line) and column it was found at.

use crate::explain::Lang;
pub use crate::msg::{Msg, MsgArg};
use std::fmt;

/// Where in the input a problem sits: a file (or a workbook sheet), and as far
/// as known the data row, the line (the spreadsheet's row number) and the
/// column, by its header and its letter.
#[derive(Debug, Clone, PartialEq, Eq, Default, PartialOrd, Ord)]
pub struct Position {
    /// The file, e.g. `people.csv`, or `case.xlsx [people]` for a sheet.
    pub file: String,
    /// The line in the file; for a sheet, the row number the spreadsheet shows.
    pub line: Option<usize>,
    /// The column (0-based) in the file or sheet, shown as its letter (A, B, …, AA).
    pub letter: Option<u32>,
    /// The column as written in the file, with the canonical name if it
    /// differs; in a TOML file, the key or the character column.
    pub column: Option<String>,
    /// The data row, 1-based, the header not counted (not shown: people find
    /// rows by their line or spreadsheet row number).
    pub row: Option<usize>,
    /// A sheet of a workbook (its lines are shown as rows), not a text file.
    pub sheet: bool,
}

/// The spreadsheet letter of a 0-based column: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(b'A' + r);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII")
}

impl Position {
    /// A position that names only a file.
    pub fn file(file: impl Into<String>) -> Self {
        Position {
            file: file.into(),
            ..Default::default()
        }
    }

    /// A position that names a sheet of a workbook (`book.xlsx [sheet]`).
    pub fn sheet(file: impl Into<String>) -> Self {
        Position {
            file: file.into(),
            sheet: true,
            ..Default::default()
        }
    }

    /// The same file at a data row and line.
    pub fn at_row(&self, row: usize, line: usize) -> Self {
        Position {
            row: Some(row),
            line: Some(line),
            column: None,
            letter: None,
            ..self.clone()
        }
    }

    /// The same file at a line only (TOML keys, headers).
    pub fn at_line(&self, line: usize) -> Self {
        Position {
            row: None,
            line: Some(line),
            column: None,
            letter: None,
            ..self.clone()
        }
    }

    /// This position narrowed to a column (by its name or a key).
    pub fn col(&self, column: impl Into<String>) -> Self {
        Position {
            column: Some(column.into()),
            ..self.clone()
        }
    }

    /// This position narrowed to the column at a 0-based index.
    pub fn at_letter(&self, col: u32) -> Self {
        Position {
            letter: Some(col),
            ..self.clone()
        }
    }

    /// Same file, line and column letter (a cell of a table): two errors
    /// here are about the same cell.
    pub fn same_cell(&self, o: &Position) -> bool {
        self.file == o.file
            && self.line.is_some()
            && self.letter.is_some()
            && self.line == o.line
            && self.letter == o.letter
    }
}

/// In English: `people.csv: line 5, column C 籍贯` (the words are
/// `explain::input`'s, which also has them in Chinese).
impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::explain::input::render_position(Lang::En, self))
    }
}

/// Something the reader noticed that does not stop the run: a sheet or
/// file not read, a guess it made, a value that matches nothing. Every such
/// thing is named to the user (stderr, and `warnings` in JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputWarning {
    /// A stable id of the kind, e.g. `sheet-not-read`, `native-unknown`.
    pub code: &'static str,
    /// Where.
    pub pos: Position,
    /// What, as a message (rendered by `explain::input`).
    pub message: Msg,
    /// Could what it says hide a broken rule (a table not read, a 籍贯
    /// matching no region)? Then `check` never says "valid" without a "but".
    pub hides_rule: bool,
    /// The lines (rows, as the spreadsheet shows them) it concerns, when it
    /// concerns some rows of a table and not the table as a whole.
    pub lines: Vec<usize>,
}

/// In JSON: `code`, `file`, `line`, `column` (the letter), `header`,
/// `hides_rule`, `lines`, `message_id` and the `message` in English
/// (`explain::input::warning_json` gives it in another language).
impl serde::Serialize for InputWarning {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("InputWarning", 9)?;
        st.serialize_field("code", self.code)?;
        st.serialize_field("file", &self.pos.file)?;
        st.serialize_field("line", &self.pos.line)?;
        st.serialize_field("column", &self.pos.letter.map(column_letter))?;
        st.serialize_field("header", &self.pos.column)?;
        st.serialize_field("hides_rule", &self.hides_rule)?;
        st.serialize_field("lines", &self.lines)?;
        st.serialize_field("message_id", self.message.id)?;
        st.serialize_field("message", &self.to_string())?;
        st.end()
    }
}

/// In English, with its position.
impl fmt::Display for InputWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::explain::input::render_warning(Lang::En, self))
    }
}

/// One problem found in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputError {
    /// A value, a header or a reference is wrong at a known position.
    Data {
        /// Where.
        pos: Position,
        /// What is wrong, as a message.
        message: Msg,
    },
    /// A file could not be read at all.
    Io {
        /// The path as given.
        path: String,
        /// Why: a message, or the operating system's or parser's words
        /// ([`Msg::raw`]).
        message: Msg,
    },
    /// A pin in the round breaks a hard rule (SPEC §2.5): names the rule.
    Pin {
        /// Where the pin is written.
        pos: Position,
        /// The pinned person's id.
        person: String,
        /// The group's id.
        group: String,
        /// The rule id (SPEC §3 table).
        rule: &'static str,
        /// The chain of facts.
        message: Msg,
    },
}

/// In English, with its position.
impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::explain::input::render_error(Lang::En, self))
    }
}

impl std::error::Error for InputError {}

impl InputError {
    /// A data error at a position.
    pub fn data(pos: Position, message: impl Into<Msg>) -> Self {
        InputError::Data {
            pos,
            message: message.into(),
        }
    }

    /// The position, where there is one (for sorting).
    pub fn position(&self) -> Option<&Position> {
        match self {
            InputError::Data { pos, .. } | InputError::Pin { pos, .. } => Some(pos),
            InputError::Io { .. } => None,
        }
    }
}

/// How many errors are listed before the rest are only counted.
pub const ERROR_CAP: usize = 50;

/// All problems found in one input, in the order found (up to a cap; the
/// rest counted), one per cell: a second problem at a cell already named (an
/// unreadable cell that is then also missing its value) is not repeated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InputErrors {
    /// The errors kept.
    pub errors: Vec<InputError>,
    /// How many more were found beyond [`ERROR_CAP`].
    pub more: usize,
    /// Explanations printed once after the list (a table's columns, say),
    /// rather than in every error.
    pub notes: Vec<Msg>,
    /// What was noticed on the way (given with the errors, since a warning
    /// can explain an error: a sheet not read, say).
    pub warnings: Vec<InputWarning>,
}

impl InputErrors {
    /// Records one error.
    pub fn push(&mut self, e: InputError) {
        if let Some(pos) = e.position() {
            if self
                .errors
                .iter()
                .any(|o| o.position().is_some_and(|p| p.same_cell(pos)))
            {
                return;
            }
        }
        if self.errors.len() < ERROR_CAP {
            self.errors.push(e);
        } else {
            self.more += 1;
        }
    }

    /// Records a data error at a position.
    pub fn at(&mut self, pos: Position, message: impl Into<Msg>) {
        self.push(InputError::data(pos, message));
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty() && self.more == 0
    }

    /// Total number recorded.
    pub fn len(&self) -> usize {
        self.errors.len() + self.more
    }

    /// Adds a note printed once after the errors (kept once however often added).
    pub fn note(&mut self, note: impl Into<Msg>) {
        let note = note.into();
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    /// Takes all errors, notes and warnings of `other`.
    pub fn extend(&mut self, other: InputErrors) {
        let more = other.more;
        for e in other.errors {
            self.push(e);
        }
        self.more += more;
        for n in other.notes {
            self.note(n);
        }
        self.warnings.extend(other.warnings);
    }

    /// The value of `r`, or `None` with its errors recorded here.
    pub fn keep<T>(&mut self, r: Result<T, InputErrors>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.extend(e);
                None
            }
        }
    }

    /// `Ok(value)` when nothing was recorded, else `Err(self)`.
    pub fn into_result<T>(self, value: T) -> Result<T, InputErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl From<InputError> for InputErrors {
    fn from(e: InputError) -> Self {
        InputErrors {
            errors: vec![e],
            ..Default::default()
        }
    }
}

/// In English: the count, each error, how many more, the notes.
impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::explain::input::render_errors(Lang::En, self))
    }
}

impl std::error::Error for InputErrors {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_reads_like_the_spec() {
        let p = Position::file("people.csv")
            .at_row(17, 18)
            .col("\"工作单位\" (unit)")
            .at_letter(5);
        let e = InputError::data(p, "unknown unit U9999");
        assert_eq!(
            e.to_string(),
            "people.csv: line 18, column F \"工作单位\" (unit): unknown unit U9999"
        );
        let p = Position::sheet("case.xlsx [人才库]")
            .at_row(1, 4)
            .at_letter(27);
        assert_eq!(p.to_string(), "case.xlsx [人才库]: row 4, column AB");
    }

    #[test]
    fn column_letters() {
        let l: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_letter)
            .collect();
        assert_eq!(l, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn one_error_per_cell() {
        let mut errs = InputErrors::default();
        let cell = Position::sheet("b.xlsx [people]").at_row(1, 2).at_letter(3);
        errs.at(cell.clone(), "a date cell");
        errs.at(cell.col("\"birth_year\""), "empty; a value is needed");
        errs.at(cell.at_letter(4), "another cell");
        assert_eq!(errs.len(), 2);
    }

    #[test]
    fn errors_beyond_the_cap_are_counted() {
        let mut errs = InputErrors::default();
        for i in 0..ERROR_CAP + 3 {
            errs.at(Position::file("x.csv").at_line(i), "bad");
        }
        assert_eq!(errs.errors.len(), ERROR_CAP);
        assert_eq!(errs.len(), ERROR_CAP + 3);
        assert!(errs.to_string().contains("… and 3 more"));
    }
}
