//! Names instead of codes (issue 11, item 2): in every case file a unit, a
//! person or a group may be named by its id or its unique name; ids are
//! optional for units and people; a name of several is an error listing
//! them. Also the forms offices write (出生年月, 2019 ranks, carried
//! columns) in a hand-made case, and `convert` both ways.

mod common;

use common::*;
use std::collections::HashMap;
use std::path::Path;
use xuncha::constraints::Eligibility;
use xuncha::io::load_case;

/// Rewrites a CSV file cell by cell: `f(header, cell)` gives the new cell;
/// columns named in `drop` are left out.
fn rewrite(path: &Path, drop: &[&str], f: &dyn Fn(&str, &str) -> String) {
    let mut rdr = csv::Reader::from_path(path).unwrap();
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    let keep: Vec<usize> = (0..headers.len())
        .filter(|&j| !drop.contains(&headers[j].as_str()))
        .collect();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(keep.iter().map(|&j| &headers[j])).unwrap();
    for r in rdr.records() {
        let r = r.unwrap();
        w.write_record(keep.iter().map(|&j| f(&headers[j], &r[j])))
            .unwrap();
    }
    std::fs::write(path, w.into_inner().unwrap()).unwrap();
}

/// id → name of a table with `id` and `name` columns.
fn names_of(path: &Path) -> HashMap<String, String> {
    let mut rdr = csv::Reader::from_path(path).unwrap();
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].to_string())
        })
        .collect()
}

/// Per person (by name) the groups they may join.
fn allowed_by_name(case: &xuncha::Case) -> Vec<(String, Vec<bool>)> {
    let e = Eligibility::build(case);
    let mut v: Vec<(String, Vec<bool>)> = case
        .person_ids()
        .map(|p| {
            let row = case.group_ids().map(|g| e.allowed(p, g)).collect();
            (case.person(p).name.clone(), row)
        })
        .collect();
    v.sort();
    v
}

#[test]
fn a_case_written_by_names_alone_is_the_same_case() {
    let (_d, dir) = copy_case("tiny");
    let units = names_of(&dir.join("units.csv"));
    let people = names_of(&dir.join("people.csv"));
    let unit = |s: &str| units.get(s).cloned().unwrap_or_else(|| s.to_string());
    let person = |s: &str| people.get(s).cloned().unwrap_or_else(|| s.to_string());
    let any = |s: &str| {
        units
            .get(s)
            .or_else(|| people.get(s))
            .cloned()
            .unwrap_or_else(|| s.to_string())
    };
    rewrite(&dir.join("units.csv"), &["id"], &|h, c| match h {
        "parent" => unit(c),
        _ => c.to_string(),
    });
    rewrite(&dir.join("people.csv"), &["id"], &|h, c| match h {
        "unit" => unit(c),
        _ => c.to_string(),
    });
    rewrite(&dir.join("posts.csv"), &[], &|h, c| match h {
        "person" => person(c),
        "unit" => unit(c),
        _ => c.to_string(),
    });
    rewrite(&dir.join("relations.csv"), &[], &|h, c| match h {
        "a" | "b" => any(c),
        _ => c.to_string(),
    });
    let round = std::fs::read_to_string(dir.join("round.toml")).unwrap();
    let round = round
        .replace("\"A-T1\"", "\"甲县一镇\"")
        .replace("\"B-AUD\"", "\"乙县审计局\"")
        .replace("\"P19\"", "\"吕借调\"")
        .replace("person = \"P05\"", "person = \"王审计\"");
    std::fs::write(dir.join("round.toml"), round).unwrap();

    let by_names = load_case(&dir).unwrap();
    let by_ids = load_case(&root().join("data/tiny")).unwrap();
    assert_eq!(allowed_by_name(&by_names), allowed_by_name(&by_ids));
    assert_eq!(by_names.posts.len(), by_ids.posts.len());
    assert_eq!(by_names.round.pins.len(), 1);
    // ids were generated from the names, and said so
    assert!(by_names.person_by_id("林组长").is_some());
    assert!(by_names.unit_by_id("甲县一镇").is_some());
    assert!(by_names.warnings.iter().any(|w| w.code == "ids-generated"));
    // the tiny plan, by ids, is no longer valid input; by the generated ids it checks
    let o = xuncha(&["explain", dir.to_str().unwrap(), "--person", "陈曾任"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("held a post at 一镇东村 2019–2023"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_name_of_several_units_is_an_error_listing_them() {
    let (_d, dir) = copy_case("tiny");
    let units = dir.join("units.csv");
    let text = std::fs::read_to_string(&units).unwrap();
    // two units named 一镇 in two regions, and a person placed at "一镇"
    let text = text
        .replace("A-T1,甲县一镇,", "A-T1,一镇,")
        .replace("D-T1,丁县一镇,", "D-T1,一镇,");
    std::fs::write(&units, text).unwrap();
    edit(
        &dir.join("people.csv"),
        "P14,朱回避,F,1978,4,D-T1",
        "P14,朱回避,F,1978,4,一镇",
    );
    edit(&dir.join("round.toml"), "\"A-T1\"", "\"一镇\"");
    let o = xuncha(&[
        "check",
        dir.to_str().unwrap(),
        "--plan",
        "data/tiny-plan.csv",
    ]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains("line 15, column F \"unit\": \"一镇\" names 2 units: A-T1 一镇, D-T1 一镇; write the id instead"),
        "{err}"
    );
    assert!(
        err.contains("group G1: \"一镇\" names 2 target units: A-T1 一镇, D-T1 一镇"),
        "{err}"
    );
    // a near miss is named with the candidates
    let (_d, dir) = copy_case("tiny");
    edit(
        &dir.join("people.csv"),
        "P14,朱回避,F,1978,4,D-T1",
        "P14,朱回避,F,1978,4,丁县二镇",
    );
    let err = stderr(&xuncha(&["explain", dir.to_str().unwrap()]));
    assert!(
        err.contains("unknown unit 丁县二镇; did you mean D-T1 丁县一镇"),
        "{err}"
    );
}

#[test]
fn namesakes_without_ids_get_their_birth_year() {
    let (_d, dir) = copy_case("tiny");
    rewrite(&dir.join("people.csv"), &[], &|h, c| match (h, c) {
        // two people without an id named alike
        ("id", "P27" | "P28") => String::new(),
        ("name", "金审计" | "刘教师") => "金某".into(),
        _ => c.to_string(),
    });
    let case = load_case(&dir).unwrap();
    assert!(case.person_by_id("金某1986").is_some());
    assert!(case.person_by_id("金某1990").is_some());
    // a reference by the shared name is ambiguous
    edit(&dir.join("round.toml"), "\"P19\"", "\"金某\"");
    let err = load_case(&dir).unwrap_err().to_string();
    assert!(
        err.contains("exclude: \"金某\" names 2 people: 金某1986 金某, 金某1990 金某"),
        "{err}"
    );
}

#[test]
fn a_hand_made_case_takes_the_forms_of_a_roster() {
    let (_d, dir) = copy_case("tiny");
    rewrite(&dir.join("people.csv"), &[], &|h, c| match (h, c) {
        ("birth_year", "1970") => "1970.05".into(),
        ("birth_year", "1972") => "1972年8月".into(),
        ("rank", "5") => "一级调研员".into(),
        ("rank", "4") => "副处级".into(),
        _ => c.to_string(),
    });
    let text = std::fs::read_to_string(dir.join("people.csv")).unwrap();
    let text = text.replacen("birth_year", "出生年月", 1);
    // columns no rule reads are carried, not errors
    let text = text.replacen("finance\n", "finance,民族,附：家庭住址\n", 1);
    let text = text.replacen(",2,0,0,0\n", ",2,0,0,0,汉族,云州\n", 1);
    std::fs::write(dir.join("people.csv"), text).unwrap();
    let case = load_case(&dir).unwrap();
    let p01 = case.person_by_id("P01").unwrap();
    let p02 = case.person_by_id("P02").unwrap();
    assert_eq!(case.person(p01).birth_year, 1970);
    assert_eq!(case.person(p02).birth_year, 1972);
    assert_eq!((case.person(p01).rank, case.person(p01).rank_step), (5, 10));
    assert_eq!((case.person(p02).rank, case.person(p02).rank_step), (4, 8));
    assert_eq!(case.carried.headers, vec!["民族", "附：家庭住址"]);
    assert_eq!(case.carried.get(p01, "民族"), "汉族");
    assert_eq!(case.carried.get(p02, "民族"), "");
    // a plain year column still refuses a month
    let (_d, dir) = copy_case("tiny");
    edit(
        &dir.join("people.csv"),
        "P01,林组长,M,1970",
        "P01,林组长,M,1970.05",
    );
    assert!(load_case(&dir)
        .unwrap_err()
        .to_string()
        .contains("\"1970.05\" is not a whole number"));
}

#[test]
fn convert_goes_both_ways_and_keeps_the_case() {
    let d = tempfile::tempdir().unwrap();
    let book = d.path().join("tiny.xlsx");
    let o = xuncha(&["convert", "data/tiny", "--out", book.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let back = d.path().join("tiny-again");
    let o = xuncha(&[
        "convert",
        book.to_str().unwrap(),
        "--out",
        back.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let a = load_case(&root().join("data/tiny")).unwrap();
    let b = load_case(&back).unwrap();
    assert_eq!(allowed_by_name(&a), allowed_by_name(&b));
    assert_eq!(a.round.pins.len(), b.round.pins.len());
    assert_eq!(a.round.exclude, b.round.exclude);
    // the office's workbook, with its title, section row and merged cells,
    // becomes a plain folder
    let office = d.path().join("office");
    let o = xuncha(&[
        "convert",
        "data/tiny-office.xlsx",
        "--out",
        office.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("skipped"), "{}", stderr(&o));
    assert_eq!(
        allowed_by_name(&load_case(&office).unwrap()),
        allowed_by_name(&a)
    );
    // the wrong direction is named
    let o = xuncha(&["convert", "data/tiny", "--out", "x"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("give --out CASE.xlsx"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_template_reads_as_an_empty_case() {
    let d = tempfile::tempdir().unwrap();
    let book = d.path().join("模板.xlsx");
    let o = xuncha(&["template", "--out", book.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // every table is found by its sheet name, every header is known: the
    // only problem is the year not yet filled in
    let err = load_case(&book).unwrap_err().to_string();
    assert!(err.contains("year: \"\" is not a plausible year"), "{err}");
    assert!(err.contains("the input has 1 problem:"), "{err}");
    assert!(!err.contains("unknown column"), "{err}");
    // drop-downs
    let xml = sheet_xml(&book, "人才库");
    assert!(xml.contains("\"男,女\""), "{xml}");
    assert!(xml.contains("\"是,否\""), "{xml}");
    assert!(xml.contains("一级调研员"), "{xml}");
    // the 说明 sheet explains every column
    let notes = sheet_strings(&book);
    for (_, cols) in xuncha::io::template::template_columns() {
        for c in cols {
            assert!(notes.contains(c), "{c}");
        }
    }
}

/// The XML of a workbook's sheet, found by its name.
fn sheet_xml(book: &Path, name: &str) -> String {
    use std::io::Read;
    let f = std::fs::File::open(book).unwrap();
    let mut zip = zip::ZipArchive::new(f).unwrap();
    let mut wb = String::new();
    zip.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut wb)
        .unwrap();
    let names: Vec<&str> = wb
        .split("<sheet ")
        .skip(1)
        .map(|s| {
            s.split("name=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
        })
        .collect();
    let i = names.iter().position(|n| *n == name).unwrap() + 1;
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{i}.xml"))
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// The shared strings of a workbook (its texts).
fn sheet_strings(book: &Path) -> String {
    use std::io::Read;
    let f = std::fs::File::open(book).unwrap();
    let mut zip = zip::ZipArchive::new(f).unwrap();
    let mut s = String::new();
    zip.by_name("xl/sharedStrings.xml")
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    s
}
