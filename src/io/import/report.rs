//! The import report: every assumption made and every value that could not
//! be placed, grouped and counted, each with the spreadsheet rows it
//! concerns. Headings and values are messages; `explain::input::report_text`
//! puts them in words (English or Chinese).

use crate::msg::Msg;
use std::fmt;

/// What kind of entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A person not imported (the case has no place for the row).
    LeftOut,
    /// A value kept, but placed nowhere (a 籍贯 outside the case's regions,
    /// a speciality of no area).
    Unplaced,
    /// A guess made on the way (a unit split off, a short form made full).
    Assumption,
    /// What the reader skipped (titles, section rows, footers).
    Skipped,
}

impl Kind {
    /// The message id of the kind's title.
    pub fn title_id(self) -> &'static str {
        match self {
            Kind::LeftOut => "import-kind-left-out",
            Kind::Unplaced => "import-kind-unplaced",
            Kind::Assumption => "import-kind-assumption",
            Kind::Skipped => "import-kind-skipped",
        }
    }
}

/// Entries of one kind under one heading: each value with its rows.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The kind.
    pub kind: Kind,
    /// The heading (a message).
    pub heading: Msg,
    /// Each value (a message; a value as written is a [`Msg::raw`]) with
    /// the spreadsheet rows it concerns.
    pub values: Vec<(Msg, Vec<usize>)>,
}

/// The import report.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// Lines of facts: what was read and written.
    pub facts: Vec<Msg>,
    /// The entries, in the order first added (sorted when put in words).
    pub items: Vec<Entry>,
}

impl Report {
    /// Records one entry at a row (0: no row).
    pub fn add(&mut self, kind: Kind, heading: Msg, value: impl Into<Msg>, row: usize) {
        let value = value.into();
        let i = match self
            .items
            .iter()
            .position(|e| e.kind == kind && e.heading == heading)
        {
            Some(i) => i,
            None => {
                self.items.push(Entry {
                    kind,
                    heading,
                    values: Vec::new(),
                });
                self.items.len() - 1
            }
        };
        let values = &mut self.items[i].values;
        let j = match values.iter().position(|(v, _)| *v == value) {
            Some(j) => j,
            None => {
                values.push((value, Vec::new()));
                values.len() - 1
            }
        };
        let rows = &mut values[j].1;
        if row > 0 && !rows.contains(&row) {
            rows.push(row);
        }
    }

    /// How many entries of a kind (rows counted, or 1 for an entry
    /// without rows).
    pub fn count(&self, kind: Kind) -> usize {
        self.items
            .iter()
            .filter(|e| e.kind == kind)
            .flat_map(|e| &e.values)
            .map(|(_, rows)| rows.len().max(1))
            .sum()
    }
}

/// In English (`explain::input::report_text` gives it in Chinese too).
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::explain::input::report_text(
            crate::explain::Lang::En,
            self,
        ))
    }
}
