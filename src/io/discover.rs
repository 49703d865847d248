//! Finding the tables of a case: the files of a case directory or the sheets
//! of a workbook, matched by name ([`super::tables`]) or, when the name is
//! none of a table's names, by their columns. Nothing is left out without a
//! word: a file or sheet that is not read is named (a warning that may hide a
//! rule unless it holds notes or a plan), a hidden sheet that is read is
//! named, and two files or sheets that could be the same table are an error
//! naming both.

use super::round::{parse_round_toml, round_from_sheets, RoundSpec};
use super::sheet::{read_csv_into, Column, Sheet, Workbook};
use super::tables::{is_notes_name, table_named, Table};
use super::text::decode;
use crate::error::{InputError, InputErrors, InputWarning, Position};
use crate::msg::Msg;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The tables of a case before they are resolved.
#[derive(Debug, Clone)]
pub struct CaseSheets {
    /// `units`.
    pub units: Sheet,
    /// `people`.
    pub people: Sheet,
    /// `posts`, optional.
    pub posts: Option<Sheet>,
    /// `relations`, optional.
    pub relations: Option<Sheet>,
    /// `regions`, optional: region codes with names and aliases.
    pub regions: Option<Sheet>,
    /// The round.
    pub round: RoundSpec,
    /// More people, read after `people` with the same columns (what-if
    /// variants: `add_people`); empty when loading a case.
    pub extra_people: Vec<Sheet>,
    /// The files read, in table order (for the input digest): the name as
    /// found, and the path.
    pub files: Vec<(String, PathBuf)>,
    /// The case as the user named it (a directory or a workbook), for what
    /// concerns the whole case, such as a table it lacks.
    pub place: String,
    /// Problems found in single cells (the case is built anyway, so that
    /// every problem is found in one pass) and what was noticed.
    pub report: InputErrors,
}

/// What a file or sheet whose name is no table's name holds, by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Content {
    Table(Table),
    Plan,
    Other,
}

/// The table whose required columns the header holds (the one with the
/// most of them), or a plan.
fn content_of(sheet: &Sheet) -> Content {
    let has_all = |cols: &[Column]| {
        cols.iter().all(|c| {
            sheet
                .headers
                .iter()
                .chain(sheet.header_alts.iter().flatten())
                .any(|h| c.matches(h))
        })
    };
    let plan = [
        Column::new("group", "组别", true),
        Column::new("role", "角色", true),
        Column::with("person_id", &["人员编号", "编号"], true),
    ];
    if has_all(&plan) {
        return Content::Plan;
    }
    Table::ALL
        .into_iter()
        .filter(|t| has_all(&t.required_columns()))
        .max_by_key(|t| (t.required_columns().len(), std::cmp::Reverse(*t)))
        .map_or(Content::Other, Content::Table)
}

/// An empty sheet's or file's error (no header row).
fn is_empty_table(e: &InputError) -> bool {
    matches!(e, InputError::Data { message, .. } if message.id == "header-empty" || message.id == "file-empty")
}

fn not_read(report: &mut InputErrors, what: String, hides_rule: bool, why: Msg) {
    report.warnings.push(InputWarning {
        code: if hides_rule {
            "not-read"
        } else {
            "not-read-notes"
        },
        pos: Position::file(what),
        message: Msg::new("not-read").m("why", why),
        hides_rule,
        lines: Vec::new(),
    });
}

/// Notes hold text in one column; a sheet or file named like notes (说明,
/// 备注) that holds a table of several columns may hold facts.
fn notes_shaped(sheet: &Sheet) -> bool {
    let filled = |cells: &[String]| cells.iter().filter(|c| !c.is_empty()).count();
    filled(&sheet.headers) <= 1 && sheet.rows.iter().all(|r| filled(&r.cells) <= 1)
}

/// A found table: where it is, what it is, how it was recognised.
struct Found {
    display: String,
    hidden: bool,
    by_columns: bool,
    sheet: Option<Sheet>,
    path: Option<PathBuf>,
}

/// Per table, the files or sheets that could be it: more than one is an
/// error naming all; one read by its columns (its name being none of the
/// table's) is named in a warning, and so is a hidden sheet.
fn pick(
    found: BTreeMap<Table, Vec<Found>>,
    report: &mut InputErrors,
) -> (BTreeMap<Table, Found>, Vec<Table>) {
    let mut out = BTreeMap::new();
    let mut conflicted = Vec::new();
    for (t, mut list) in found {
        if list.len() > 1 {
            let names: Vec<Msg> = list
                .iter()
                .map(|f| {
                    let how = match (f.hidden, f.by_columns) {
                        (false, false) => "",
                        (true, false) => "hidden",
                        (false, true) => "by-columns",
                        (true, true) => "hidden-by-columns",
                    };
                    Msg::new("table-candidate")
                        .s("name", f.display.clone())
                        .s("how", how)
                })
                .collect();
            conflicted.push(t);
            report.push(InputError::Io {
                path: list[0].display.clone(),
                message: Msg::new("table-several")
                    .m("names", Msg::and(names))
                    .s("key", t.key())
                    .s("label", t.label()),
            });
            continue;
        }
        let f = list.pop().expect("one");
        if f.hidden {
            report.warnings.push(InputWarning {
                code: "hidden-sheet-read",
                pos: Position::sheet(f.display.clone()),
                message: Msg::new("hidden-sheet-read")
                    .s("key", t.key())
                    .s("label", t.label()),
                hides_rule: false,
                lines: Vec::new(),
            });
        }
        if f.by_columns {
            report.warnings.push(InputWarning {
                code: "read-by-columns",
                pos: Position::file(f.display.clone()),
                message: Msg::new("read-by-columns")
                    .s("key", t.key())
                    .s("label", t.label()),
                hides_rule: false,
                lines: Vec::new(),
            });
        }
        out.insert(t, f);
    }
    (out, conflicted)
}

/// Reads the raw tables of a case: a directory of CSV files and
/// `round.toml`, or one workbook.
pub fn read_case_sheets(path: &Path) -> Result<CaseSheets, InputErrors> {
    let placed = |mut s: CaseSheets| {
        s.place = path.display().to_string();
        s
    };
    if path.is_dir() {
        read_directory(path).map(placed)
    } else if path.is_file() {
        read_workbook(path).map(placed)
    } else {
        Err(InputError::Io {
            path: path.display().to_string(),
            message: Msg::new("case-not-found"),
        }
        .into())
    }
}

const TABLE_EXTS: [&str; 3] = ["csv", "tsv", "txt"];
const BOOK_EXTS: [&str; 6] = ["xlsx", "xlsm", "xls", "xlsb", "ods", "et"];

/// What a file of a case directory is.
enum Entry {
    /// A candidate for a table.
    Table(Table, Found),
    /// A candidate for the round (`round.toml`).
    Round(String, PathBuf),
    /// Not read (and named in `report`).
    NotRead,
}

/// Classifies one entry of a case directory, naming in `report` what will
/// not be read and why.
fn classify(name: String, p: PathBuf, report: &mut InputErrors) -> Entry {
    if p.is_dir() {
        not_read(
            report,
            format!("{name}/"),
            false,
            Msg::new("not-read-folder"),
        );
        return Entry::NotRead;
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) => (s.to_string(), e.to_ascii_lowercase()),
        None => (name.clone(), String::new()),
    };
    if ext == "toml" {
        if table_named(&stem) == Some(Table::Round) {
            return Entry::Round(name, p);
        }
        not_read(report, name, true, Msg::new("not-read-toml"));
        return Entry::NotRead;
    }
    if BOOK_EXTS.contains(&ext.as_str()) {
        not_read(
            report,
            name,
            !is_notes_name(&stem),
            Msg::new("not-read-workbook-in-dir"),
        );
        return Entry::NotRead;
    }
    if !TABLE_EXTS.contains(&ext.as_str()) {
        not_read(report, name, false, Msg::new("not-read-not-table"));
        return Entry::NotRead;
    }
    let named = table_named(&stem);
    if let Some(t) = named.filter(|t| t.in_directory()) {
        return Entry::Table(
            t,
            Found {
                display: name,
                hidden: false,
                by_columns: false,
                sheet: None,
                path: Some(p),
            },
        );
    }
    // a name that is no table's: what its columns say
    let mut quiet = InputErrors::default();
    let sheet = read_csv_into(&p, &name, &mut quiet);
    let content = sheet.as_ref().map_or(Content::Other, content_of);
    let directory_round = |t: Table| Msg::new("not-read-round-csv").s("key", t.key());
    match (named, content) {
        (None, Content::Table(t)) if t.in_directory() => {
            report.extend(quiet);
            return Entry::Table(
                t,
                Found {
                    display: name,
                    hidden: false,
                    by_columns: true,
                    sheet,
                    path: Some(p),
                },
            );
        }
        (_, Content::Plan) => not_read(
            report,
            name,
            false,
            Msg::new("not-read-plan").s("hidden", "no"),
        ),
        (Some(t), _) | (None, Content::Table(t)) => {
            not_read(report, name, true, directory_round(t))
        }
        _ if is_notes_name(&stem) && sheet.as_ref().is_none_or(notes_shaped) => not_read(
            report,
            name,
            false,
            Msg::new("not-read-notes").s("hidden", "no"),
        ),
        _ => not_read(
            report,
            name,
            ext == "csv",
            Msg::new("not-read-unknown").s("hidden", "no"),
        ),
    }
    Entry::NotRead
}

/// `round.toml` in any encoding an editor saves (a non-UTF-8 one named).
fn read_round_file(name: &str, p: &Path, report: &mut InputErrors) -> Option<RoundSpec> {
    let bytes = match std::fs::read(p) {
        Ok(b) => b,
        Err(e) => {
            report.push(InputError::Io {
                path: name.to_string(),
                message: Msg::io(e),
            });
            return None;
        }
    };
    match decode(&bytes) {
        Ok((text, enc)) => {
            if enc != super::text::Encoding::Utf8 {
                report.warnings.push(InputWarning {
                    code: "encoding",
                    pos: Position::file(name),
                    message: Msg::new("toml-encoding").m("encoding", enc.msg()),
                    hides_rule: false,
                    lines: Vec::new(),
                });
            }
            report.keep(parse_round_toml(&text, name))
        }
        Err(line) => {
            report.at(
                Position::file(name).at_line(line),
                Msg::new("toml-not-text"),
            );
            None
        }
    }
}

fn read_directory(dir: &Path) -> Result<CaseSheets, InputErrors> {
    let display = dir.display().to_string();
    let mut report = InputErrors::default();
    let mut entries: Vec<(String, PathBuf)> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
            .collect(),
        Err(e) => {
            return Err(InputError::Io {
                path: display,
                message: Msg::io(e),
            }
            .into())
        }
    };
    entries.sort();
    let mut found: BTreeMap<Table, Vec<Found>> = BTreeMap::new();
    let mut rounds: Vec<(String, PathBuf)> = Vec::new();
    for (name, p) in entries {
        match classify(name, p, &mut report) {
            Entry::Table(t, f) => found.entry(t).or_default().push(f),
            Entry::Round(name, p) => rounds.push((name, p)),
            Entry::NotRead => {}
        }
    }
    if rounds.len() > 1 {
        let names: Vec<&str> = rounds.iter().map(|(n, _)| n.as_str()).collect();
        report.push(InputError::Io {
            path: display.clone(),
            message: Msg::new("round-several").alts("names", names),
        });
    }
    let (mut picked, conflicted) = pick(found, &mut report);
    let mut missing = |t: Table, what: &str| {
        report.push(InputError::Io {
            path: format!("{display}/{what}"),
            message: Msg::new("dir-missing-table")
                .s("file", what)
                .s("label", t.label())
                .s("ext", what.rsplit('.').next().unwrap_or("csv")),
        });
    };
    if !picked.contains_key(&Table::Units) && !conflicted.contains(&Table::Units) {
        missing(Table::Units, "units.csv");
    }
    if !picked.contains_key(&Table::People) && !conflicted.contains(&Table::People) {
        missing(Table::People, "people.csv");
    }
    if rounds.is_empty() {
        missing(Table::Round, "round.toml");
    }
    if !report.errors.is_empty() {
        return Err(report);
    }
    let mut files = Vec::new();
    let mut take = |t: Table, report: &mut InputErrors| -> Option<Sheet> {
        let f = picked.remove(&t)?;
        let path = f.path.clone().expect("a file");
        files.push((f.display.clone(), path.clone()));
        match f.sheet {
            Some(s) => Some(s),
            None => read_csv_into(&path, &f.display, report),
        }
    };
    let units = take(Table::Units, &mut report);
    let people = take(Table::People, &mut report);
    let posts = take(Table::Posts, &mut report);
    let relations = take(Table::Relations, &mut report);
    let regions = take(Table::Regions, &mut report);
    let (name, p) = rounds.pop().expect("one round");
    let round = read_round_file(&name, &p, &mut report);
    files.push((name, p));
    assemble(
        units, people, posts, relations, regions, round, files, report,
    )
}

#[allow(clippy::too_many_arguments)]
fn assemble(
    units: Option<Sheet>,
    people: Option<Sheet>,
    posts: Option<Sheet>,
    relations: Option<Sheet>,
    regions: Option<Sheet>,
    round: Option<RoundSpec>,
    files: Vec<(String, PathBuf)>,
    report: InputErrors,
) -> Result<CaseSheets, InputErrors> {
    match (units, people, round) {
        (Some(units), Some(people), Some(round)) => Ok(CaseSheets {
            units,
            people,
            posts,
            relations,
            regions,
            round,
            extra_people: Vec::new(),
            files,
            place: String::new(),
            report,
        }),
        _ => Err(report),
    }
}

fn read_workbook(path: &Path) -> Result<CaseSheets, InputErrors> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let mut book = Workbook::open(path, &name)?;
    let mut report = InputErrors::default();
    let mut found: BTreeMap<Table, Vec<Found>> = BTreeMap::new();
    for info in book.sheets().to_vec() {
        let display = book.sheet_display(&info.name);
        if let Some(t) = table_named(&info.name) {
            found.entry(t).or_default().push(Found {
                display,
                hidden: info.hidden,
                by_columns: false,
                sheet: None,
                path: None,
            });
            continue;
        }
        let mut quiet = InputErrors::default();
        let sheet = book.read(&info.name, &mut quiet);
        let hidden = if info.hidden { "yes" } else { "no" };
        match sheet.as_ref().map(content_of) {
            None if quiet.errors.iter().all(is_empty_table) => not_read(
                &mut report,
                display,
                false,
                Msg::new("not-read-empty").s("hidden", hidden),
            ),
            Some(Content::Table(t)) => {
                report.extend(quiet);
                found.entry(t).or_default().push(Found {
                    display,
                    hidden: info.hidden,
                    by_columns: true,
                    sheet,
                    path: None,
                });
            }
            Some(Content::Plan) => not_read(
                &mut report,
                display,
                false,
                Msg::new("not-read-plan").s("hidden", hidden),
            ),
            _ if is_notes_name(&info.name) && sheet.as_ref().is_none_or(notes_shaped) => not_read(
                &mut report,
                display,
                false,
                Msg::new("not-read-notes").s("hidden", hidden),
            ),
            _ => not_read(
                &mut report,
                display,
                true,
                Msg::new("not-read-unknown").s("hidden", hidden),
            ),
        }
    }
    let (mut picked, conflicted) = pick(found, &mut report);
    for t in [Table::Units, Table::People, Table::Round] {
        if !picked.contains_key(&t) && !conflicted.contains(&t) {
            report.push(InputError::Io {
                path: name.clone(),
                message: Msg::new("book-missing-sheet")
                    .s("key", t.key())
                    .s("label", t.label())
                    .list("sheets", book.sheet_names()),
            });
            report.note(
                Msg::new("note-sheet-names")
                    .s("key", t.key())
                    .list("names", t.names().iter().copied()),
            );
        }
    }
    if !report.errors.is_empty() {
        return Err(report);
    }
    let mut take = |t: Table, report: &mut InputErrors| -> Option<Sheet> {
        let f = picked.remove(&t)?;
        match f.sheet {
            Some(s) => Some(s),
            None => {
                let sheet_name = f
                    .display
                    .strip_prefix(&format!("{name} ["))
                    .and_then(|s| s.strip_suffix(']'))
                    .unwrap_or(&f.display)
                    .to_string();
                book.read(&sheet_name, report)
            }
        }
    };
    let units = take(Table::Units, &mut report);
    let people = take(Table::People, &mut report);
    let posts = take(Table::Posts, &mut report);
    let relations = take(Table::Relations, &mut report);
    let regions = take(Table::Regions, &mut report);
    let round_sheet = take(Table::Round, &mut report);
    let policy = take(Table::Policy, &mut report);
    let pins = take(Table::Pins, &mut report);
    let round = round_sheet
        .and_then(|r| report.keep(round_from_sheets(&r, policy.as_ref(), pins.as_ref())));
    let files = vec![(name, path.to_path_buf())];
    assemble(
        units, people, posts, relations, regions, round, files, report,
    )
}
