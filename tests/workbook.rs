//! Cases as workbooks: Chinese sheet names, tables that do not start at A1,
//! and cells of the wrong kind named by sheet, row and column.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};
use std::path::Path;
use xuncha::io::load_case;

fn put(ws: &mut Worksheet, row0: u32, col0: u16, text: &str) {
    for (i, line) in text.lines().enumerate() {
        for (j, cell) in line.split(',').enumerate() {
            if cell.is_empty() {
                continue;
            }
            let (r, c) = (row0 + i as u32, col0 + j as u16);
            match cell.parse::<f64>() {
                Ok(v) if !cell.starts_with('0') || cell == "0" => ws.write_number(r, c, v).unwrap(),
                _ => ws.write_string(r, c, cell).unwrap(),
            };
        }
    }
}

/// The tiny case's tables, in a workbook whose sheets have Chinese names and
/// whose people table starts at B3.
fn tiny_book(path: &Path, spoil: impl FnOnce(&mut Worksheet)) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/tiny");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
    let mut book = Workbook::new();
    put(
        book.add_worksheet().set_name("单位").unwrap(),
        0,
        0,
        &read("units.csv"),
    );
    let people = book.add_worksheet().set_name("人才库").unwrap();
    put(people, 2, 1, &read("people.csv"));
    spoil(people);
    put(
        book.add_worksheet().set_name("任职经历").unwrap(),
        0,
        0,
        &read("posts.csv"),
    );
    put(
        book.add_worksheet().set_name("关系").unwrap(),
        0,
        0,
        &read("relations.csv"),
    );
    put(
        book.add_worksheet().set_name("巡察组").unwrap(),
        0,
        0,
        "组别,被巡察单位,规模\nG1,A-T1,3-5\nG2,B-AUD,",
    );
    put(
        book.add_worksheet().set_name("参数").unwrap(),
        0,
        0,
        "项目,值\nname,小样例\nyear,2026\nexclude,P19\ngroup_size,3-5\npost_lookback_years,5\n\
         requirements.organization,0\nrequirements.finance,0",
    );
    put(
        book.add_worksheet().set_name("既定人选").unwrap(),
        0,
        0,
        "人员,组别,角色\nP05,G2,组员",
    );
    book.save(path).unwrap();
}

#[test]
fn a_workbook_with_chinese_sheet_names_and_an_offset_table_reads_like_the_directory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("小样例.xlsx");
    tiny_book(&path, |_| {});
    let book = load_case(&path).unwrap_or_else(|e| panic!("{e}"));
    let csv = load_case(Path::new("data/tiny")).unwrap();
    assert_eq!(book.people.len(), csv.people.len());
    assert_eq!(book.round.policy, csv.round.policy);
    assert_eq!(book.round.requirements, csv.round.requirements);
    assert_eq!(book.round.exclude.len(), 1);
    assert_eq!(book.round.pins.len(), 1);
    assert_eq!(
        xuncha::constraints::Eligibility::build(&book),
        xuncha::constraints::Eligibility::build(&csv)
    );
    let plan = xuncha::io::read_plan(&book, Path::new("data/tiny-plan.csv")).unwrap();
    assert!(xuncha::validate::check_plan(&book, &plan.plan).is_empty());
}

#[test]
fn a_date_where_a_year_belongs_is_named_by_sheet_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.xlsx");
    tiny_book(&path, |ws| {
        // P01's birth year (row 4 of the sheet: header at row 3) written as a date
        let date = ExcelDateTime::from_ymd(1970, 5, 1).unwrap();
        let format = Format::new().set_num_format("yyyy-mm-dd");
        ws.write_datetime_with_format(3, 4, &date, &format).unwrap();
    });
    let err = load_case(&path).unwrap_err().to_string();
    assert!(
        err.contains("case.xlsx [人才库]: row 4, column E \"birth_year\": a date cell (1970-05-01): years are plain numbers"),
        "{err}"
    );
}

#[test]
fn a_missing_sheet_lists_the_sheets_there_are() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.xlsx");
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Sheet1").unwrap();
    book.save(&path).unwrap();
    let err = load_case(&path).unwrap_err().to_string();
    assert!(
        err.contains("case.xlsx: no sheet named people (人才库); the sheets are: Sheet1"),
        "{err}"
    );
    std::fs::write(&path, b"not a workbook").unwrap();
    let err = load_case(&path).unwrap_err().to_string();
    assert!(err.contains("case.xlsx: not a readable workbook"), "{err}");
}

#[test]
fn a_workbook_without_a_year_says_where_to_add_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.xlsx");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/tiny");
    let read = |f: &str| std::fs::read_to_string(source.join(f)).unwrap();
    let mut book = Workbook::new();
    put(
        book.add_worksheet().set_name("units").unwrap(),
        0,
        0,
        &read("units.csv"),
    );
    put(
        book.add_worksheet().set_name("people").unwrap(),
        0,
        0,
        &read("people.csv"),
    );
    put(
        book.add_worksheet().set_name("round").unwrap(),
        0,
        0,
        "group,target\nG1,A-T1",
    );
    put(
        book.add_worksheet().set_name("policy").unwrap(),
        0,
        0,
        "key,value\nname,小样例",
    );
    book.save(&path).unwrap();
    let err = load_case(&path).unwrap_err().to_string();
    assert!(
        err.contains("case.xlsx [policy]: the round has no year, which post look-back and ages need: add a row: year | 2026"),
        "{err}"
    );
}
