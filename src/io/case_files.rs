//! A case's tables written out, cells as written: as a directory (CSV files
//! and `round.toml`) or as one workbook, and `convert` between the two.
//! What is written is read back and must be the same case.

use super::case::{build_case, read_case_sheets, CaseSheets};
use super::round::RoundSpec;
use super::sheet::Sheet;
use super::workbook::{write_atomic, write_workbook};
use crate::error::{InputError, InputErrors};
use crate::model::{Case, Role};
use crate::msg::Msg;
use std::fmt::Write as _;
use std::path::Path;

/// Is this output path a workbook (by its extension) rather than a directory?
pub fn is_workbook_path(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

fn io_error(path: &Path, e: impl std::fmt::Display) -> InputErrors {
    InputError::Io {
        path: path.display().to_string(),
        message: Msg::io(e),
    }
    .into()
}

/// A sheet as CSV text (UTF-8 with a BOM, so that Excel on Chinese Windows
/// opens it right).
pub fn sheet_csv(sheet: &Sheet) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(b"\xef\xbb\xbf".to_vec());
    let width = sheet.headers.len();
    let row = |cells: &[String]| -> Vec<String> {
        let mut v = cells.to_vec();
        v.resize(width.max(v.len()), String::new());
        v
    };
    // writing into a Vec cannot fail
    let _ = w.write_record(row(&sheet.headers));
    for r in &sheet.rows {
        let _ = w.write_record(row(&r.cells));
    }
    w.into_inner().unwrap_or_default()
}

/// A TOML string literal.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn list(items: impl Iterator<Item = String>) -> String {
    let v: Vec<String> = items.map(|s| quoted(&s)).collect();
    format!("[{}]", v.join(", "))
}

/// The round as `round.toml`: every key of the policy written out (the
/// defaults too, so that a clerk sees what can be changed), references as
/// written (ids or names).
pub fn round_toml(r: &RoundSpec) -> String {
    let mut t = String::new();
    let p = &r.policy;
    // writing into a String cannot fail
    let _ = (|| -> std::fmt::Result {
        writeln!(t, "name = {}", quoted(&r.name))?;
        if let Some(y) = r.year {
            writeln!(t, "year = {y}")?;
        }
        if let Some(a) = &r.areas {
            writeln!(t, "areas = {}", list(a.iter().map(|x| x.0.clone())))?;
        }
        if !r.exclude.is_empty() {
            writeln!(
                t,
                "exclude = {}",
                list(r.exclude.iter().map(|x| x.0.clone()))
            )?;
        }
        writeln!(t, "\n[policy]")?;
        writeln!(t, "group_size = [{}, {}]", p.group_size.0, p.group_size.1)?;
        writeln!(t, "leaders_per_group = {}", p.leaders_per_group)?;
        writeln!(t, "post_lookback_years = {}", p.post_lookback_years)?;
        writeln!(t, "region_avoidance = {}", p.region_avoidance)?;
        writeln!(t, "native_avoidance = {}", p.native_avoidance)?;
        writeln!(t, "business_avoidance = {}", p.business_avoidance)?;
        writeln!(t, "reciprocal_avoidance = {}", p.reciprocal_avoidance)?;
        writeln!(t, "max_same_region = {}", p.max_same_region)?;
        writeln!(t, "max_same_unit = {}", p.max_same_unit)?;
        writeln!(t, "leader_outranks_members = {}", p.leader_outranks_members)?;
        if p.deputies_per_group > 0 {
            let d = p.deputies_per_group;
            writeln!(t, "deputies_per_group = {d}")?;
        }
        if !r.requirements.is_empty() {
            writeln!(t, "\n[requirements]")?;
            for (a, n, _) in &r.requirements {
                writeln!(t, "{} = {n}", quoted(a))?;
            }
        }
        writeln!(t, "\n[weights]")?;
        for (k, v) in r.weights.entries() {
            writeln!(t, "{k} = {v:?}")?;
        }
        for g in &r.groups {
            writeln!(t, "\n[[groups]]")?;
            writeln!(t, "id = {}", quoted(&g.id.0))?;
            if let Some((n, _)) = &g.name {
                writeln!(t, "name = {}", quoted(n))?;
            }
            writeln!(
                t,
                "targets = {}",
                list(g.targets.iter().map(|x| x.0.clone()))
            )?;
            if let Some((a, b)) = g.size {
                writeln!(t, "size = [{a}, {b}]")?;
            }
        }
        for pin in &r.pins {
            writeln!(t, "\n[[pins]]")?;
            writeln!(t, "person = {}", quoted(&pin.person.0))?;
            writeln!(t, "group = {}", quoted(&pin.group.0))?;
            let role = match pin.role {
                Role::Leader => "leader",
                Role::Deputy => "deputy",
                Role::Member => "member",
            };
            writeln!(t, "role = \"{role}\"")?;
        }
        Ok(())
    })();
    t
}

/// The files [`write_directory`] writes.
pub const CASE_FILES: [&str; 6] = [
    "regions.csv",
    "units.csv",
    "people.csv",
    "posts.csv",
    "relations.csv",
    "round.toml",
];

/// Writes the tables of a case as a directory (created if missing): one
/// CSV file per table, by its English name, and `round.toml`; each file
/// atomically. A directory holding anything else is refused (it would be
/// read as part of the case); a file of an earlier run that this case does
/// not have (posts.csv, say) is removed.
pub fn write_directory(sheets: &CaseSheets, dir: &Path) -> Result<(), InputErrors> {
    if let Ok(rd) = std::fs::read_dir(dir) {
        let mut others: Vec<String> = rd
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !CASE_FILES.contains(&n.as_str()))
            .collect();
        if !others.is_empty() {
            others.sort();
            return Err(InputError::Io {
                path: dir.display().to_string(),
                message: Msg::new("folder-not-empty").list("files", others),
            }
            .into());
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
    let mut files: Vec<(&str, Vec<u8>)> = Vec::new();
    if let Some(s) = &sheets.regions {
        files.push(("regions.csv", sheet_csv(s)));
    }
    files.push(("units.csv", sheet_csv(&sheets.units)));
    files.push(("people.csv", sheet_csv(&sheets.people)));
    if let Some(s) = &sheets.posts {
        files.push(("posts.csv", sheet_csv(s)));
    }
    if let Some(s) = &sheets.relations {
        files.push(("relations.csv", sheet_csv(s)));
    }
    files.push(("round.toml", round_toml(&sheets.round).into_bytes()));
    for name in CASE_FILES {
        let path = dir.join(name);
        if path.is_file() && !files.iter().any(|(n, _)| *n == name) {
            std::fs::remove_file(&path).map_err(|e| io_error(&path, e))?;
        }
    }
    for (name, bytes) in files {
        let path = dir.join(name);
        write_atomic(&path, &bytes).map_err(|e| io_error(&path, e))?;
    }
    Ok(())
}

/// Writes the tables as a workbook (`.xlsx`) or else a directory.
pub fn write_tables(sheets: &CaseSheets, out: &Path) -> Result<(), InputErrors> {
    if is_workbook_path(out) {
        write_workbook(sheets, out)
    } else {
        write_directory(sheets, out)
    }
}

/// A case written and read back: what was noticed reading the source, and
/// the case as the output reads.
#[derive(Debug)]
pub struct Converted {
    /// The case read from the output.
    pub case: Case,
    /// What was noticed reading the source (titles skipped, merged cells …).
    pub warnings: Vec<crate::error::InputWarning>,
}

/// Converts a case between its two forms: a directory to a workbook
/// (`--out case.xlsx`), or a workbook to a directory. The source must load
/// as a case; the output is read back and must hold the same units, people
/// and groups.
pub fn convert(from: &Path, to: &Path) -> Result<Converted, InputErrors> {
    if from.exists() && from.is_dir() != is_workbook_path(to) {
        let what = if from.is_dir() {
            "a case directory converts to a workbook: give --out CASE.xlsx"
        } else {
            "a workbook converts to a case directory: give --out a folder name (no .xlsx)"
        };
        return Err(io_error(to, what));
    }
    let sheets = read_case_sheets(from)?;
    let source = build_case(sheets.clone())?;
    write_tables(&sheets, to)?;
    let back = super::load_case(to)?;
    let ids = |c: &Case| -> (Vec<String>, Vec<String>, Vec<String>) {
        (
            c.units.iter().map(|u| u.id.clone()).collect(),
            c.people.iter().map(|p| p.id.clone()).collect(),
            c.round.groups.iter().map(|g| g.id.clone()).collect(),
        )
    };
    if ids(&source) != ids(&back) {
        return Err(io_error(
            to,
            "the written case reads back differently (a bug: please report it with the source case)",
        ));
    }
    Ok(Converted {
        case: back,
        warnings: source.warnings,
    })
}
