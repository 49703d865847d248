//! Input errors: everything a person can get wrong in a case or a plan, each
//! naming the file, row (line) and column it was found at.

use std::fmt;

/// Where in the input a problem sits: a file (or a workbook sheet), and as far
/// as known the data row, the line and the column.
#[derive(Debug, Clone, PartialEq, Eq, Default, PartialOrd, Ord)]
pub struct Position {
    /// The file, e.g. `people.csv`, or `case.xlsx [people]` for a sheet.
    pub file: String,
    /// The data row, 1-based, the header not counted.
    pub row: Option<usize>,
    /// The line in the file (for a sheet: the spreadsheet row number).
    pub line: Option<usize>,
    /// The column as written in the file, with the canonical name if it differs.
    pub column: Option<String>,
}

impl Position {
    /// A position that names only a file.
    pub fn file(file: impl Into<String>) -> Self {
        Position {
            file: file.into(),
            ..Default::default()
        }
    }

    /// The same file at a data row and line.
    pub fn at_row(&self, row: usize, line: usize) -> Self {
        Position {
            file: self.file.clone(),
            row: Some(row),
            line: Some(line),
            column: None,
        }
    }

    /// The same file at a line only (TOML keys, headers).
    pub fn at_line(&self, line: usize) -> Self {
        Position {
            file: self.file.clone(),
            row: None,
            line: Some(line),
            column: None,
        }
    }

    /// This position narrowed to a column.
    pub fn col(&self, column: impl Into<String>) -> Self {
        Position {
            column: Some(column.into()),
            ..self.clone()
        }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        match (self.row, self.line) {
            (Some(r), Some(l)) => write!(f, ": row {r} (line {l})")?,
            (Some(r), None) => write!(f, ": row {r}")?,
            (None, Some(l)) => write!(f, ": line {l}")?,
            (None, None) => {}
        }
        if let Some(c) = &self.column {
            write!(f, ", column {c}")?;
        }
        Ok(())
    }
}

/// One problem found in the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// A value, a header or a reference is wrong at a known position.
    #[error("{pos}: {message}")]
    Data {
        /// Where.
        pos: Position,
        /// What is wrong, in plain words.
        message: String,
    },
    /// A file could not be read at all.
    #[error("{path}: {message}")]
    Io {
        /// The path as given.
        path: String,
        /// The operating system's or parser's words.
        message: String,
    },
    /// A pin in the round breaks a hard rule (SPEC §2.5): names the rule.
    #[error("{pos}: pin of {person} to {group} breaks rule {rule}: {message}")]
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
        message: String,
    },
}

impl InputError {
    /// A data error at a position.
    pub fn data(pos: Position, message: impl Into<String>) -> Self {
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

/// All problems found in one input, in the order found (up to a cap; the rest counted).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InputErrors {
    /// The errors kept.
    pub errors: Vec<InputError>,
    /// How many more were found beyond [`ERROR_CAP`].
    pub more: usize,
}

impl InputErrors {
    /// Records one error.
    pub fn push(&mut self, e: InputError) {
        if self.errors.len() < ERROR_CAP {
            self.errors.push(e);
        } else {
            self.more += 1;
        }
    }

    /// Records a data error at a position.
    pub fn at(&mut self, pos: Position, message: impl Into<String>) {
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

    /// Takes all errors of `other`.
    pub fn extend(&mut self, other: InputErrors) {
        let more = other.more;
        for e in other.errors {
            self.push(e);
        }
        self.more += more;
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
            more: 0,
        }
    }
}

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.len();
        writeln!(
            f,
            "the input has {n} problem{}:",
            if n == 1 { "" } else { "s" }
        )?;
        for e in &self.errors {
            writeln!(f, "  - {e}")?;
        }
        if self.more > 0 {
            writeln!(f, "  … and {} more", self.more)?;
        }
        Ok(())
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
            .col("\"工作单位\" (unit)");
        let e = InputError::data(p, "unknown unit U9999");
        assert_eq!(
            e.to_string(),
            "people.csv: row 17 (line 18), column \"工作单位\" (unit): unknown unit U9999"
        );
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
