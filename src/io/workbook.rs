//! Writing files: atomically (a temporary file renamed into place), and a case
//! as one workbook with the sheets of SPEC §2.

use super::case::{read_case_sheets, CaseSheets};
use super::round::RoundSpec;
use super::sheet::{parse_int, Sheet};
use crate::error::{InputError, InputErrors};
use crate::msg::Msg;
use rust_xlsxwriter::{Format, Workbook};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` so that a crash leaves the old file or the new
/// one, never half of one: a temporary file beside it, synced, then renamed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn put_sheet(
    book: &mut Workbook,
    name: &str,
    sheet: &Sheet,
    bold: &Format,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let ws = book.add_worksheet();
    ws.set_name(name)?;
    for (j, h) in sheet.headers.iter().enumerate() {
        ws.write_string_with_format(0, j as u16, h, bold)?;
        ws.set_column_width(j as u16, 12)?;
    }
    for (i, r) in sheet.rows.iter().enumerate() {
        for (j, c) in r.cells.iter().enumerate() {
            if c.is_empty() {
                continue;
            }
            let (row, col) = (i as u32 + 1, j as u16);
            // ids stay text; plain whole numbers (years, levels, ranks) become numbers
            match parse_int(c) {
                Some(v) if !c.starts_with('0') || c == "0" => {
                    ws.write_number(row, col, v as f64)?;
                }
                _ => {
                    ws.write_string(row, col, c)?;
                }
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn put_rows(
    book: &mut Workbook,
    name: &str,
    header: &[&str],
    rows: &[Vec<String>],
    bold: &Format,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let sheet = Sheet::from_rows(
        crate::error::Position::file(name),
        header.iter().map(|s| s.to_string()).collect(),
        rows.to_vec(),
    );
    put_sheet(book, name, &sheet, bold)
}

/// A workbook whose bytes depend only on what is written into it: a fixed
/// creation time instead of the clock.
pub fn deterministic_workbook() -> Result<Workbook, rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    let fixed = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 1, 1)?;
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&fixed));
    Ok(book)
}

/// Rows of text cells.
type Rows = Vec<Vec<String>>;

/// The round sheet's header, the policy sheet's rows and the pins sheet's
/// rows of a round.
fn round_rows(r: &RoundSpec) -> (Vec<&'static str>, Rows, Rows, Rows) {
    let named = r.groups.iter().any(|g| g.name.is_some());
    let mut header = vec!["group", "target", "size"];
    if named {
        header.push("name");
    }
    let mut groups = Vec::new();
    for g in &r.groups {
        for (i, (t, _)) in g.targets.iter().enumerate() {
            let size = match (i, g.size) {
                (0, Some((a, b))) => format!("{a}-{b}"),
                _ => String::new(),
            };
            let mut row = vec![g.id.0.clone(), t.clone(), size];
            if named {
                row.push(match (i, &g.name) {
                    (0, Some((n, _))) => n.clone(),
                    _ => String::new(),
                });
            }
            groups.push(row);
        }
    }
    let p = &r.policy;
    let yn = |b: bool| if b { "yes" } else { "no" }.to_string();
    let mut policy = vec![
        vec!["name".into(), r.name.clone()],
        vec![
            "year".into(),
            r.year.map(|y| y.to_string()).unwrap_or_default(),
        ],
    ];
    for (key, v) in [
        ("document", &r.titles.document),
        ("period", &r.titles.period),
        ("date", &r.titles.date),
    ] {
        if !v.is_empty() {
            policy.push(vec![key.into(), v.clone()]);
        }
    }
    if let Some(a) = &r.areas {
        policy.push(vec![
            "areas".into(),
            a.iter()
                .map(|(x, _)| x.as_str())
                .collect::<Vec<_>>()
                .join(","),
        ]);
    }
    if !r.exclude.is_empty() {
        policy.push(vec![
            "exclude".into(),
            r.exclude
                .iter()
                .map(|(x, _)| x.as_str())
                .collect::<Vec<_>>()
                .join(","),
        ]);
    }
    policy.extend([
        vec![
            "group_size".into(),
            format!("{}-{}", p.group_size.0, p.group_size.1),
        ],
        vec!["leaders_per_group".into(), p.leaders_per_group.to_string()],
        vec![
            "post_lookback_years".into(),
            p.post_lookback_years.to_string(),
        ],
        vec!["region_avoidance".into(), yn(p.region_avoidance)],
        vec!["native_avoidance".into(), yn(p.native_avoidance)],
        vec!["business_avoidance".into(), yn(p.business_avoidance)],
        vec!["reciprocal_avoidance".into(), yn(p.reciprocal_avoidance)],
        vec!["max_same_region".into(), p.max_same_region.to_string()],
        vec!["max_same_unit".into(), p.max_same_unit.to_string()],
        vec![
            "leader_outranks_members".into(),
            yn(p.leader_outranks_members),
        ],
    ]);
    if p.deputies_per_group > 0 {
        let d = p.deputies_per_group;
        policy.push(vec!["deputies_per_group".into(), d.to_string()]);
    }
    for (a, v, _) in &r.requirements {
        policy.push(vec![format!("requirements.{a}"), v.to_string()]);
    }
    for (k, v) in r.weights.entries() {
        policy.push(vec![format!("weights.{k}"), v.to_string()]);
    }
    let pins = r
        .pins
        .iter()
        .map(|p| vec![p.person.0.clone(), p.group.0.clone(), p.role.to_string()])
        .collect();
    (header, groups, policy, pins)
}

/// Writes a case directory as one workbook (sheets `units`, `people`, `posts`,
/// `relations`, `regions`, `round`, `policy`, `pins`), cells as written. The
/// case must load; what was noticed on the way is returned, to be said.
pub fn case_to_workbook(
    case_dir: &Path,
    out: &Path,
) -> Result<Vec<crate::error::InputWarning>, InputErrors> {
    let sheets: CaseSheets = read_case_sheets(case_dir)?;
    // make sure what we write is a case that loads
    let case = super::case::build_case(sheets.clone())?;
    write_workbook(&sheets, out)?;
    Ok(case.warnings)
}

/// Writes the tables of a case as one workbook, atomically: a sheet per
/// table, cells as written, and the round as the sheets `round`, `policy`
/// and `pins`.
pub fn write_workbook(sheets: &CaseSheets, out: &Path) -> Result<(), InputErrors> {
    let (round_header, groups, policy, pins) = round_rows(&sheets.round);
    let fail = |e: rust_xlsxwriter::XlsxError| -> InputErrors {
        InputError::Io {
            path: out.display().to_string(),
            message: Msg::io(e),
        }
        .into()
    };
    let mut book = deterministic_workbook().map_err(fail)?;
    let bold = Format::new().set_bold();
    if let Some(s) = &sheets.regions {
        put_sheet(&mut book, "regions", s, &bold).map_err(fail)?;
    }
    put_sheet(&mut book, "units", &sheets.units, &bold).map_err(fail)?;
    put_sheet(&mut book, "people", &sheets.people, &bold).map_err(fail)?;
    if let Some(s) = &sheets.posts {
        put_sheet(&mut book, "posts", s, &bold).map_err(fail)?;
    }
    if let Some(s) = &sheets.relations {
        put_sheet(&mut book, "relations", s, &bold).map_err(fail)?;
    }
    put_rows(&mut book, "round", &round_header, &groups, &bold).map_err(fail)?;
    put_rows(&mut book, "policy", &["key", "value"], &policy, &bold).map_err(fail)?;
    if !pins.is_empty() {
        put_rows(
            &mut book,
            "pins",
            &["person", "group", "role"],
            &pins,
            &bold,
        )
        .map_err(fail)?;
    }
    let bytes = book.save_to_buffer().map_err(fail)?;
    write_atomic(out, &bytes).map_err(|e| InputError::Io {
        path: out.display().to_string(),
        message: Msg::io(e),
    })?;
    Ok(())
}
