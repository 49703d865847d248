//! What the integration tests share: running the binary, copying a case to
//! spoil it, and writing workbooks the way offices keep them (titles,
//! merged cells, hidden sheets, formulas).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The project's root (where `data/` is).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary in the project's root.
pub fn xuncha(args: &[&str]) -> Output {
    xuncha_in(root(), args)
}

/// Runs the binary in `dir`, in English (`LC_ALL=C`: the tests that
/// match wording pin the language; those of Chinese pass `--lang zh`).
pub fn xuncha_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xuncha"))
        .env("LC_ALL", "C")
        .env("LANG", "C")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The exit code.
pub fn code(o: &Output) -> i32 {
    o.status.code().expect("exited")
}

/// A copy of a folder (a case) in a temp dir, to spoil one file at a time.
pub fn copy_dir(from: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join(from.file_name().unwrap());
    std::fs::create_dir(&to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.path().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
    (dir, to)
}

/// A copy of `data/<name>`.
pub fn copy_case(name: &str) -> (tempfile::TempDir, PathBuf) {
    copy_dir(&root().join("data").join(name))
}

/// Replaces the first `from` in a text file (which must hold it).
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// A sheet to write: CSV text placed at a cell, with what offices add.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// The sheet's name.
    pub name: String,
    /// The table, as CSV text (no quoting): numbers become number cells.
    pub csv: String,
    /// Where the table's first cell goes (row, column), 0-based.
    pub at: (u32, u16),
    /// Hidden in Excel.
    pub hidden: bool,
    /// Merged ranges (first row, first column, last row, last column),
    /// 0-based; the top-left cell keeps its value, the others are cleared.
    pub merges: Vec<(u32, u16, u32, u16)>,
    /// Formula cells (row, column, formula, stored result).
    pub formulas: Vec<(u32, u16, String, String)>,
    /// Date cells (row, column, year, month, day), formatted as dates.
    pub dates: Vec<(u32, u16, u16, u8, u8)>,
}

impl Sheet {
    /// A sheet holding `csv` at A1.
    pub fn new(name: &str, csv: &str) -> Sheet {
        Sheet {
            name: name.into(),
            csv: csv.into(),
            ..Default::default()
        }
    }
}

/// Writes a workbook of `sheets` (rust_xlsxwriter marks its formulas for
/// computing on opening: see [`trust_formula_results`]).
pub fn write_book(path: &Path, sheets: &[Sheet]) {
    use rust_xlsxwriter::{Formula, Workbook};
    let mut book = Workbook::new();
    for s in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&s.name).unwrap();
        let mut grid: Vec<Vec<String>> = s
            .csv
            .lines()
            .map(|l| l.split(',').map(str::to_string).collect())
            .collect();
        // a merged range keeps only its top-left value
        for &(r0, c0, r1, c1) in &s.merges {
            for r in r0..=r1 {
                for c in c0..=c1 {
                    if (r, c) != (r0, c0) {
                        if let Some(cell) = grid
                            .get_mut((r - s.at.0) as usize)
                            .and_then(|row| row.get_mut((c - s.at.1) as usize))
                        {
                            cell.clear();
                        }
                    }
                }
            }
        }
        for (i, row) in grid.iter().enumerate() {
            for (j, cell) in row.iter().enumerate() {
                if cell.is_empty() {
                    continue;
                }
                let (r, c) = (s.at.0 + i as u32, s.at.1 + j as u16);
                match cell.parse::<f64>() {
                    Ok(v) if !cell.starts_with('0') || cell == "0" => {
                        ws.write_number(r, c, v).unwrap()
                    }
                    _ => ws.write_string(r, c, cell).unwrap(),
                };
            }
        }
        for &(r0, c0, r1, c1) in &s.merges {
            let value = grid
                .get((r0 - s.at.0) as usize)
                .and_then(|row| row.get((c0 - s.at.1) as usize))
                .cloned()
                .unwrap_or_default();
            ws.merge_range(r0, c0, r1, c1, "", &rust_xlsxwriter::Format::new())
                .unwrap();
            if !value.is_empty() {
                match value.parse::<f64>() {
                    Ok(v) => ws.write_number(r0, c0, v).unwrap(),
                    Err(_) => ws.write_string(r0, c0, &value).unwrap(),
                };
            }
        }
        for (r, c, f, result) in &s.formulas {
            ws.write_formula(*r, *c, Formula::new(f).set_result(result))
                .unwrap();
        }
        for &(r, c, y, m, d) in &s.dates {
            let date = rust_xlsxwriter::ExcelDateTime::from_ymd(y, m, d).unwrap();
            let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
            ws.write_datetime_with_format(r, c, &date, &format).unwrap();
        }
        if s.hidden {
            ws.set_hidden(true);
        }
    }
    book.save(path).unwrap();
}

/// Rewrites a workbook as Excel would have saved it after computing its
/// formulas: without the flag that asks for them to be computed on opening,
/// so the results stored with them are what Excel shows.
pub fn trust_formula_results(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    std::fs::write(path, trust_formula_bytes(&bytes)).unwrap();
}

/// [`trust_formula_results`] on a workbook's bytes.
pub fn trust_formula_bytes(bytes: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = Vec::new();
    {
        let mut zout = zip::ZipWriter::new(std::io::Cursor::new(&mut out));
        for i in 0..zin.len() {
            let mut f = zin.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            if name == "xl/workbook.xml" {
                let text = String::from_utf8(data).unwrap();
                data = text.replace(" fullCalcOnLoad=\"1\"", "").into_bytes();
            }
            zout.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zout.write_all(&data).unwrap();
        }
        zout.finish().unwrap();
    }
    out
}

/// The tables of `data/<case>` as sheets of a workbook, with the round as
/// the sheets `round` and `policy` (given as CSV).
pub fn case_sheets(case: &str, round: &str, policy: &str) -> Vec<Sheet> {
    let dir = root().join("data").join(case);
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
    vec![
        Sheet::new("units", &read("units.csv")),
        Sheet::new("people", &read("people.csv")),
        Sheet::new("posts", &read("posts.csv")),
        Sheet::new("relations", &read("relations.csv")),
        Sheet::new("round", round),
        Sheet::new("policy", policy),
    ]
}

/// The round and policy of `data/tiny` as sheets.
pub const TINY_ROUND: &str = "group,target\nG1,A-T1\nG2,B-AUD";
/// See [`TINY_ROUND`].
pub const TINY_POLICY: &str = "key,value\nname,小样例\nyear,2026\nexclude,P19\ngroup_size,3-5\npost_lookback_years,5\nrequirements.organization,0\nrequirements.finance,0";
