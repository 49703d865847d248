//! The import report: every assumption made and every value that could not
//! be placed, grouped and counted, each with the spreadsheet rows it
//! concerns.

use std::collections::BTreeMap;
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
    fn title(self) -> &'static str {
        match self {
            Kind::LeftOut => "People not imported",
            Kind::Unplaced => "Values placed nowhere",
            Kind::Assumption => "Assumptions",
            Kind::Skipped => "Rows and sheets not read",
        }
    }
}

/// The import report.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// Lines of facts: what was read and written.
    pub facts: Vec<String>,
    /// (kind, heading) → value → spreadsheet rows.
    pub items: BTreeMap<(Kind, String), BTreeMap<String, Vec<usize>>>,
}

impl Report {
    /// Records one entry at a row (0: no row).
    pub fn add(&mut self, kind: Kind, heading: &str, value: impl Into<String>, row: usize) {
        let rows = self
            .items
            .entry((kind, heading.to_string()))
            .or_default()
            .entry(value.into())
            .or_default();
        if row > 0 && !rows.contains(&row) {
            rows.push(row);
        }
    }

    /// How many entries of a kind (rows counted, or 1 for an entry
    /// without rows).
    pub fn count(&self, kind: Kind) -> usize {
        self.items
            .iter()
            .filter(|((k, _), _)| *k == kind)
            .flat_map(|(_, v)| v.values())
            .map(|rows| rows.len().max(1))
            .sum()
    }

    /// The entries under a heading: value → rows.
    pub fn under(&self, kind: Kind, heading: &str) -> Option<&BTreeMap<String, Vec<usize>>> {
        self.items.get(&(kind, heading.to_string()))
    }
}

fn rows_text(rows: &[usize]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let mut shown: Vec<String> = rows.iter().take(20).map(usize::to_string).collect();
    if rows.len() > 20 {
        shown.push(format!("… {} more", rows.len() - 20));
    }
    let word = if rows.len() == 1 { "row" } else { "rows" };
    format!(": {word} {}", shown.join(", "))
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for l in &self.facts {
            writeln!(f, "{l}")?;
        }
        let mut kind = None;
        for ((k, heading), values) in &self.items {
            if kind != Some(*k) {
                writeln!(f, "\n{} ({}):", k.title(), self.count(*k))?;
                kind = Some(*k);
            }
            let n: usize = values.values().map(|r| r.len().max(1)).sum();
            writeln!(f, "  {heading} ({n}):")?;
            for (value, rows) in values {
                writeln!(f, "    {value}{}", rows_text(rows))?;
            }
        }
        Ok(())
    }
}
