//! `xuncha import`: a talent-pool roster (巡察人才库花名册) as offices keep
//! it, with its round sheet (本轮巡察安排), turned into a case: people with
//! their units split off 工作单位及职务, a draft unit table and a regions
//! table derived from the names, the round's groups and targets by name,
//! and a report of every assumption and every value placed nowhere.

pub mod mapping;
pub mod report;
pub mod roster;
pub mod units;

use crate::error::{InputError, InputErrors, Position};
use crate::io::sheet::{Sheet, Workbook};
use crate::io::text::name_key;
use crate::model::Case;
use crate::msg::Msg;
use mapping::Mapping;
use report::{Kind, Report};
use roster::{PersonRow, RosterColumns};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod write;

/// An import done: the report, the case as it reads back, and where the
/// report was written.
#[derive(Debug)]
pub struct Imported {
    /// The report.
    pub report: Report,
    /// The case written, read back (`None` when the roster had no round
    /// sheet: round.toml waits for its groups).
    pub case: Option<Case>,
    /// The report's file, beside the case.
    pub report_path: PathBuf,
}

/// The round sheet's columns: 组别, 被巡察单位, and 组名 if given.
fn round_columns(sheet: &Sheet) -> Option<(usize, usize, Option<usize>)> {
    let find = |names: &[&str]| {
        sheet
            .headers
            .iter()
            .position(|h| names.iter().any(|n| name_key(n) == name_key(h)))
    };
    let group = find(&["组别", "巡察组", "组", "group"])?;
    let target = find(&[
        "被巡察单位",
        "被巡察党组织",
        "巡察对象",
        "被巡察对象",
        "target",
    ])?;
    Some((group, target, find(&["组名", "name"])))
}

/// A target as written, with its row and column.
pub type Target = (String, Position);

/// The round as read: per group (as written, in order), its name and its
/// targets with the row and column of each.
#[derive(Debug, Default)]
pub struct RoundRows {
    /// (group, name, targets (text, position)).
    pub groups: Vec<(String, String, Vec<Target>)>,
}

fn read_round(sheet: &Sheet) -> RoundRows {
    let mut out = RoundRows::default();
    let Some((g, t, n)) = round_columns(sheet) else {
        return out;
    };
    let mut last = String::new();
    for r in &sheet.rows {
        let cell = |j: usize| r.cells.get(j).map_or("", |s| s.trim());
        // a group written once over its targets (merged, or left blank below)
        let group = match cell(g) {
            "" => last.clone(),
            x => x.to_string(),
        };
        let target = cell(t);
        if group.is_empty() || target.is_empty() {
            continue;
        }
        last = group.clone();
        let pos = sheet
            .source
            .at_row(r.row, r.line)
            .at_letter(sheet.col0 + t as u32)
            .col(format!("\"{}\"", sheet.headers[t]));
        let name = n.map_or("", cell).to_string();
        match out.groups.iter_mut().find(|x| x.0 == group) {
            Some(x) => {
                x.2.push((target.to_string(), pos));
                if x.1.is_empty() {
                    x.1 = name;
                }
            }
            None => out
                .groups
                .push((group, name, vec![(target.to_string(), pos)])),
        }
    }
    out
}

/// The sheets of a roster file: a CSV file's one, or a workbook's visible
/// ones (a hidden sheet named in the report).
fn read_sheets(
    path: &Path,
    reader: &mut InputErrors,
    report: &mut Report,
) -> Result<Vec<Sheet>, InputErrors> {
    let display = path.display().to_string();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if matches!(ext.as_str(), "csv" | "txt" | "tsv") {
        return Ok(crate::io::sheet::read_csv_into(path, &display, reader)
            .into_iter()
            .collect());
    }
    let mut book = Workbook::open(path, &display)?;
    let mut out = Vec::new();
    for info in book.sheets().to_vec() {
        if info.hidden {
            report.add(
                Kind::Skipped,
                Msg::new("import-h-hidden-sheets"),
                book.sheet_display(&info.name),
                0,
            );
            continue;
        }
        let mut quiet = InputErrors::default();
        if let Some(s) = book.read(&info.name, &mut quiet) {
            out.push((s, quiet));
        } else {
            report.add(
                Kind::Skipped,
                Msg::new("import-h-no-table"),
                book.sheet_display(&info.name),
                0,
            );
        }
    }
    // a sheet's problems count only when it is the roster or the round
    let mut sheets = Vec::new();
    for (s, quiet) in out {
        let cols = RosterColumns::of(&s, &Mapping::default());
        if cols.is_roster() || round_columns(&s).is_some() {
            reader.extend(quiet);
        }
        sheets.push(s);
    }
    Ok(sheets)
}

/// No roster in the file: exit 2, with the headers that were found.
fn no_roster(path: &Path, sheets: &[Sheet]) -> InputErrors {
    let found: Vec<Msg> = sheets
        .iter()
        .map(|s| {
            Msg::new("import-table-found")
                .pos("sheet", s.source.clone())
                .n("line", s.header_line)
                .list("headers", s.headers.clone())
        })
        .collect();
    InputError::Io {
        path: path.display().to_string(),
        message: Msg::new("import-no-roster")
            .n("n", found.len())
            .items("found", found),
    }
    .into()
}

/// Imports a roster (see the module's documentation) into `out`: a case
/// directory, or a workbook when it ends in .xlsx. Exit 2 (an error) when
/// no roster is found, the round names a unit that several match, a person
/// is written twice with different data, or nobody could be imported.
pub fn import(
    path: &Path,
    mapping: Option<&Path>,
    out: &Path,
    lang: crate::explain::Lang,
) -> Result<Imported, InputErrors> {
    let mapping = match mapping {
        Some(p) => Mapping::read(p)?,
        None => Mapping::default(),
    };
    let mut report = Report::default();
    let mut reader = InputErrors::default();
    let sheets = read_sheets(path, &mut reader, &mut report)?;
    if !reader.errors.is_empty() {
        return Err(reader);
    }
    for w in &reader.warnings {
        report.add(
            Kind::Skipped,
            Msg::new("import-h-reader-skipped"),
            Msg::new("import-warning")
                .pos("pos", w.pos.clone())
                .m("msg", w.message.clone()),
            0,
        );
    }
    let mut roster: Option<(&Sheet, RosterColumns)> = None;
    let mut round: Option<&Sheet> = None;
    for s in &sheets {
        let cols = RosterColumns::of(s, &mapping);
        if roster.is_none() && cols.is_roster() {
            roster = Some((s, cols));
        } else if round.is_none() && round_columns(s).is_some() {
            round = Some(s);
        } else {
            report.add(
                Kind::Skipped,
                Msg::new("import-h-sheets-not-read"),
                Msg::new("import-sheet").pos("sheet", s.source.clone()),
                0,
            );
        }
    }
    let Some((sheet, cols)) = roster else {
        return Err(no_roster(path, &sheets));
    };
    let areas: Vec<String> = match &mapping.areas {
        Some(a) => a
            .iter()
            .map(|x| {
                crate::io::round_resolve::known_area(x).map_or(x.clone(), |(k, _)| k.to_string())
            })
            .collect(),
        None => crate::io::round_resolve::DEFAULT_AREAS
            .iter()
            .map(|s| s.to_string())
            .collect(),
    };
    let mut people: Vec<PersonRow> = Vec::new();
    for r in &sheet.rows {
        if let Some(p) = roster::read_row(sheet, &cols, r, (&mapping, &areas), &mut report) {
            people.push(p);
        }
    }
    let people = twice(people, sheet, &mut report)?;
    if people.is_empty() {
        return Err(InputError::Io {
            path: path.display().to_string(),
            message: Msg::new("import-nobody")
                .pos("sheet", sheet.source.clone())
                .both(
                    "report",
                    crate::explain::input::report_text(crate::explain::Lang::En, &report),
                    crate::explain::input::report_text(crate::explain::Lang::Zh, &report),
                ),
        }
        .into());
    }
    let round_rows = round.map(read_round).unwrap_or_default();
    let plan = write::Plan::new(
        sheet,
        &cols,
        &people,
        &round_rows,
        (&mapping, &areas),
        &mut report,
    )?;
    let year = mapping.year.unwrap_or_else(this_year);
    if mapping.year.is_none() {
        report.add(
            Kind::Assumption,
            Msg::new("import-h-year"),
            year.to_string(),
            0,
        );
    }
    report.facts = facts(path, out, sheet, round, (people.len(), &round_rows, &plan));
    let case = plan.write(path, out, year, &mapping, &areas, &mut report)?;
    // what the report says already (籍贯, generated ids) is not said twice
    for w in case
        .iter()
        .flat_map(|c| &c.warnings)
        .filter(|w| !w.code.starts_with("native") && w.code != "ids-generated")
    {
        report.add(
            Kind::Unplaced,
            Msg::new("import-h-case-says"),
            w.message.clone(),
            w.pos.line.unwrap_or(0),
        );
    }
    let report_path = report_path(out);
    let text = crate::explain::input::report_text(lang, &report);
    std::fs::write(&report_path, text).map_err(|e| InputError::Io {
        path: report_path.display().to_string(),
        message: Msg::io(e),
    })?;
    Ok(Imported {
        report,
        case,
        report_path,
    })
}

fn facts(
    path: &Path,
    out: &Path,
    sheet: &Sheet,
    round: Option<&Sheet>,
    (n, round_rows, plan): (usize, &RoundRows, &write::Plan),
) -> Vec<Msg> {
    let rows = sheet.rows.len();
    let mut f = vec![
        Msg::new("import-fact-command")
            .s("roster", path.display().to_string())
            .s("out", out.display().to_string()),
        Msg::new("import-fact-roster")
            .pos("sheet", sheet.source.clone())
            .n("line", sheet.header_line)
            .n("rows", rows)
            .n("people", n)
            .n("left", rows - n),
    ];
    match round {
        Some(s) => f.push(
            Msg::new("import-fact-round")
                .pos("sheet", s.source.clone())
                .n("groups", round_rows.groups.len())
                .n(
                    "targets",
                    round_rows.groups.iter().map(|g| g.2.len()).sum::<usize>(),
                ),
        ),
        None => f.push(Msg::new("import-fact-no-round")),
    }
    f.push(
        Msg::new("import-fact-units")
            .n("units", plan.units.len())
            .n("regions", plan.places.counties.len() + 1)
            .list("names", plan.region_names()),
    );
    f
}

/// The same person twice: one row kept (named); written twice with
/// different data: an error naming both rows. Two people of one name born
/// in different months are namesakes (named).
fn twice(
    people: Vec<PersonRow>,
    sheet: &Sheet,
    report: &mut Report,
) -> Result<Vec<PersonRow>, InputErrors> {
    let mut errors = InputErrors::default();
    let mut kept: Vec<PersonRow> = Vec::new();
    let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for p in people {
        let same = by_name
            .get(&p.name)
            .into_iter()
            .flatten()
            .find(|&&i| kept[i].birth == p.birth);
        if let Some(&i) = same {
            let k = &kept[i];
            let differs: Vec<&str> = [
                ("性别", k.gender != p.gender),
                ("职级", k.rank != p.rank),
                ("工作单位及职务", k.unit_post != p.unit_post),
                ("籍贯", k.native != p.native),
            ]
            .iter()
            .filter(|x| x.1)
            .map(|x| x.0)
            .collect();
            if differs.is_empty() {
                report.add(
                    Kind::Assumption,
                    Msg::new("import-h-same-person"),
                    Msg::new("import-first-at-row")
                        .s("name", p.name.clone())
                        .n("line", k.line),
                    p.line,
                );
            } else {
                errors.at(
                    sheet.source.at_line(p.line),
                    Msg::new("import-person-twice")
                        .s("name", p.name.clone())
                        .s("birth", p.birth.clone())
                        .n("line", k.line)
                        .list("differs", differs),
                );
            }
            continue;
        }
        if let Some(first) = by_name.get(&p.name).and_then(|v| v.first()) {
            report.add(
                Kind::Assumption,
                Msg::new("import-h-namesakes"),
                p.name.clone(),
                kept[*first].line,
            );
            report.add(
                Kind::Assumption,
                Msg::new("import-h-namesakes"),
                p.name.clone(),
                p.line,
            );
        }
        by_name.entry(p.name.clone()).or_default().push(kept.len());
        kept.push(p);
    }
    errors.into_result(kept)
}

fn this_year() -> i32 {
    use chrono::Datelike;
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    chrono::DateTime::from_timestamp(secs, 0).map_or(2026, |t| t.year())
}

/// The report's file beside the case: `roster-case.import.txt` for
/// `roster-case` or `roster-case.xlsx`.
pub fn report_path(out: &Path) -> PathBuf {
    let stem = if crate::io::case_files::is_workbook_path(out) {
        out.file_stem()
    } else {
        out.file_name()
    }
    .map(|s| s.to_string_lossy().into_owned())
    .unwrap_or_else(|| "case".into());
    out.with_file_name(format!("{stem}.import.txt"))
}
