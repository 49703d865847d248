//! Faithful input: nothing a spreadsheet holds is dropped without a word.
//!
//! First the examples of `tests/cases/` (inputs that once made `check` call a
//! rule-breaking plan valid, each with what a careful user expects, see its
//! README), then for each kind a second example of this file's own: merged
//! cells, formulas without a computed value, hidden and duplicate sheets,
//! file and sheet names, values that must match a region, absent columns,
//! encodings, every problem in one pass, positions people can find, a closed
//! pipe, and the score's terms recomputed from a plan.

mod common;

use common::*;
use std::path::Path;
use xuncha::io::load_case;

fn cases() -> std::path::PathBuf {
    root().join("tests/cases")
}

/// `check CASE --plan PLAN` run in `dir`: (exit code, stdout, stderr).
fn check_in(dir: &Path, case: &str, plan: &str) -> (i32, String, String) {
    let o = xuncha_in(dir, &["check", case, "--plan", plan]);
    (code(&o), stdout(&o), stderr(&o))
}

// ---------------------------------------------------------------------------
// the examples of tests/cases

#[test]
fn example_merged_cells_count_for_every_row_they_cover() {
    let dir = cases().join("xlsx-merged-cells");
    let (code, out, err) = check_in(&dir, "case.xlsx", "plan-with-P29-P30.csv");
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("[region-avoidance] G1 · P29 孙同乡 · target A-T1"),
        "{out}"
    );
    assert!(out.contains("[unavailable] G2 · P30 钱住院"), "{out}");
    // the merged ranges are named, not read silently
    assert!(err.contains("merged cells"), "{err}");
    // pins of P29 and P30 break the rules whether the cells are merged or
    // written out in every row
    for book in ["case-pinned.xlsx", "control-filled-pinned.xlsx"] {
        let err = load_case(&dir.join(book)).unwrap_err().to_string();
        assert!(
            err.contains("pin of P29 to G1 breaks rule region-avoidance")
                && err.contains("pin of P30 to G2 breaks rule unavailable"),
            "{book}: {err}"
        );
    }
}

#[test]
fn example_a_formula_without_a_computed_value_names_each_cell() {
    let dir = cases().join("xlsx-formula-no-cache");
    let (code, out, err) = check_in(&dir, "case-nocache.xlsx", "plan-P13-in-G1.csv");
    assert_eq!(code, 2, "{out}{err}");
    // every formula cell of the 籍贯 column, rows 2 to 28, is named
    for row in 2..=28 {
        assert!(
            err.contains(&format!(
                "case-nocache.xlsx [people]: row {row}, column H \"native_region\": the value is unknown"
            )),
            "row {row}: {err}"
        );
    }
    // the advice is given once, not in every error
    assert_eq!(
        err.matches("open the file in Excel or WPS").count(),
        1,
        "{err}"
    );
    let (code, out, _) = check_in(&dir, "case-cached.xlsx", "plan-P13-in-G1.csv");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("region-avoidance"), "{out}");
}

#[test]
fn example_file_and_sheet_names_as_offices_write_them() {
    let dir = cases().join("optional-file-name-case");
    for case in [".", "case-sheet-names.xlsx"] {
        let (code, out, err) = check_in(&dir, case, "plan-broken.csv");
        assert_eq!(code, 1, "{case}: {out}{err}");
        assert!(
            out.contains("[post-avoidance] G1 · P07 陈曾任"),
            "{case}: {out}"
        );
        assert!(
            out.contains("[kin-same-group] G2 · P05 王审计"),
            "{case}: {out}"
        );
    }
    // what the directory holds besides the case is named
    let (_, _, err) = check_in(&dir, ".", "plan-broken.csv");
    assert!(err.contains("case-sheet-names.xlsx: not read"), "{err}");
    assert!(err.contains("plan-broken.csv: not read: a plan"), "{err}");
}

/// Per group: the mean of each person's value (from people.csv, the test's
/// own reading), and the spread of those means.
fn spread_of_means(
    case_dir: &Path,
    plan: &xuncha::Plan,
    value: &dyn Fn(&csv::StringRecord) -> f64,
) -> f64 {
    let mut rdr = csv::Reader::from_path(case_dir.join("people.csv")).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let id = headers
        .iter()
        .position(|h| h == "id" || h == "编号")
        .unwrap();
    let rows: std::collections::HashMap<String, csv::StringRecord> = rdr
        .records()
        .map(|r| r.unwrap())
        .map(|r| (r[id].to_string(), r))
        .collect();
    let case = load_case(case_dir).unwrap();
    let means: Vec<f64> = plan
        .groups
        .iter()
        .filter(|g| !g.members.is_empty())
        .map(|g| {
            g.members
                .iter()
                .map(|&p| value(&rows[&case.person(p).id]))
                .sum::<f64>()
                / g.members.len() as f64
        })
        .collect();
    let hi = means.iter().cloned().fold(f64::MIN, f64::max);
    let lo = means.iter().cloned().fold(f64::MAX, f64::min);
    hi - lo
}

#[test]
fn example_the_age_term_is_the_spread_of_the_groups_mean_ages_whatever_the_bounds() {
    let base = cases().join("score-term-recompute");
    let out = tempfile::tempdir().unwrap();
    let plan_path = out.path().join("p.json");
    let o = xuncha(&[
        "plan",
        base.join("bounds-3-5").to_str().unwrap(),
        "--iterations",
        "20000",
        "--seed",
        "1",
        "--out",
        plan_path.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plan_path).unwrap()).unwrap();
    let term = |key: &str| {
        json["score"]["terms"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["key"] == key)
            .unwrap()["value"]
            .as_f64()
            .unwrap()
    };
    let case = load_case(&base.join("bounds-3-5")).unwrap();
    let plan = xuncha::io::read_plan(&case, &plan_path).unwrap().plan;
    let year = case.round.year as f64;
    let age = |r: &csv::StringRecord| year - r[3].parse::<f64>().unwrap();
    let want = spread_of_means(&base.join("bounds-3-5"), &plan, &age);
    assert!(
        (term("age") - want).abs() < 1e-9,
        "{} vs {want}",
        term("age")
    );
    // the same plan scored under the other bounds: the same age term
    for bounds in ["bounds-3-3", "bounds-3-9"] {
        let case = load_case(&base.join(bounds)).unwrap();
        let plan = xuncha::io::read_plan(&case, &plan_path).unwrap().plan;
        let elig = xuncha::constraints::Eligibility::build(&case);
        let model = xuncha::solve::ScoreModel::new(&case, &elig, None);
        let terms = xuncha::solve::evaluate(&case, &model, &plan).terms(&case, &model);
        let got = terms.iter().find(|t| t.key == "age").unwrap().value;
        assert!((got - want).abs() < 1e-9, "{bounds}: {got} vs {want}");
    }
}

// ---------------------------------------------------------------------------
// merged cells, titles, section rows, a header over two rows

/// `data/tiny` as a workbook the way an office keeps it: a title merged
/// over the table, the area columns under a heading 专业特长 merged over them,
/// a section row, and 可抽调 = 否 merged over the rows of P03 and P04 (when
/// `merge_unavailable`).
fn tiny_as_office_keeps_it(path: &Path, merge_unavailable: bool) -> Vec<Sheet> {
    let mut sheets = case_sheets("tiny", TINY_ROUND, TINY_POLICY);
    let people = std::fs::read_to_string(root().join("data/tiny/people.csv")).unwrap();
    let mut lines: Vec<String> = people.lines().map(str::to_string).collect();
    // two header rows: the areas under one heading
    let header = lines[0].clone();
    let top: Vec<&str> = header
        .split(',')
        .enumerate()
        .map(|(i, h)| if i >= 12 { "专业特长" } else { h })
        .collect();
    let sub: Vec<&str> = header
        .split(',')
        .enumerate()
        .map(|(i, h)| if i >= 12 { h } else { "" })
        .collect();
    lines[0] = sub.join(",");
    lines.insert(0, top.join(","));
    // a title above, a section row after P02
    lines.insert(0, "小样例巡察人才库人员名单".into());
    lines.insert(5, "二、县区干部".into());
    let mut merges = vec![
        (0, 0, 0, 15),  // the title
        (1, 0, 2, 0),   // 编号 over both header rows
        (1, 12, 1, 15), // 专业特长 over the four areas
        (5, 0, 5, 15),  // the section row
    ];
    if merge_unavailable {
        // P03 and P04 (sheet rows 7 and 8) unavailable, merged
        for l in lines.iter_mut().skip(6).take(2) {
            let mut cells: Vec<String> = l.split(',').map(str::to_string).collect();
            cells[9] = "否".into();
            *l = cells.join(",");
        }
        merges.push((6, 9, 7, 9));
    }
    sheets[1] = Sheet {
        name: "人才库".into(),
        csv: lines.join("\n"),
        merges,
        ..Default::default()
    };
    write_book(path, &sheets);
    sheets
}

/// Writes the README's example of a workbook as an office keeps it: the tiny
/// case with a title, a two-row header, a section row, a hidden notes sheet
/// and a sheet of notes that is no table.
fn tiny_office_workbook(path: &Path) {
    let mut sheets = tiny_as_office_keeps_it(path, false);
    let mut notes = Sheet::new("填表说明", "说明\n籍贯填写地区代码（A–E）\n可抽调：是/否");
    notes.hidden = true;
    sheets.push(notes);
    sheets.push(Sheet::new("Sheet3", "备忘,内容\n3月,P19借调至市委巡察办"));
    write_book(path, &sheets);
}

/// `data/tiny-office.xlsx` holds what [`tiny_office_workbook`] writes (the
/// same cells, sheet by sheet); `XUNCHA_REGENERATE=1` rewrites it.
#[test]
fn the_office_workbook_of_data_is_the_one_this_test_writes() {
    let committed = root().join("data/tiny-office.xlsx");
    if std::env::var("XUNCHA_REGENERATE").is_ok_and(|v| v == "1") {
        tiny_office_workbook(&committed);
    }
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("tiny-office.xlsx");
    tiny_office_workbook(&fresh);
    use calamine::Reader;
    let mut a = calamine::open_workbook_auto(&committed).unwrap();
    let mut b = calamine::open_workbook_auto(&fresh).unwrap();
    assert_eq!(a.sheet_names(), b.sheet_names());
    for name in a.sheet_names() {
        assert_eq!(
            a.worksheet_range(&name).unwrap(),
            b.worksheet_range(&name).unwrap(),
            "{name}: run with XUNCHA_REGENERATE=1 to rewrite data/tiny-office.xlsx"
        );
    }
}

#[test]
fn the_office_workbook_of_data_reads_as_the_tiny_case() {
    let office = load_case(&root().join("data/tiny-office.xlsx")).unwrap();
    let tiny = load_case(&root().join("data/tiny")).unwrap();
    assert_eq!(office.people.len(), tiny.people.len());
    for (a, b) in office.people.iter().zip(&tiny.people) {
        assert_eq!(
            (
                &a.id,
                &a.levels,
                a.available,
                a.leader,
                a.native_region.map(|r| office.region(r))
            ),
            (
                &b.id,
                &b.levels,
                b.available,
                b.leader,
                b.native_region.map(|r| tiny.region(r))
            ),
        );
    }
    let codes: Vec<&str> = office.warnings.iter().map(|w| w.code).collect();
    for c in ["row-skipped", "not-read", "not-read-notes"] {
        assert!(codes.contains(&c), "{codes:?}");
    }
}

#[test]
fn merged_cells_titles_sections_and_a_two_row_header_are_read_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("花名册.xlsx");
    tiny_as_office_keeps_it(&path, true);
    let case = load_case(&path).unwrap_or_else(|e| panic!("{e}"));
    let tiny = load_case(&root().join("data/tiny")).unwrap();
    assert_eq!(case.people.len(), tiny.people.len());
    for (a, b) in case.people.iter().zip(&tiny.people) {
        assert_eq!(
            (&a.id, &a.levels),
            (&b.id, &b.levels),
            "levels under 专业特长"
        );
        let unavailable = a.id == "P03" || a.id == "P04";
        assert_eq!(a.available, b.available && !unavailable, "{}", a.id);
    }
    let said: Vec<String> = case.warnings.iter().map(|w| w.to_string()).collect();
    let said = said.join("\n");
    assert!(
        said.contains("rows 1 (\"小样例巡察人才库人员名单\"), 6 (\"二、县区干部\") skipped"),
        "{said}"
    );
    assert!(said.contains("J7:J8 (available)"), "{said}");
    assert!(case.warnings.iter().all(|w| !w.hides_rule), "{said}");
    // and check names the merged-over person as unavailable
    let plan = dir.path().join("plan.csv");
    std::fs::copy(root().join("data/tiny-plan.csv"), &plan).unwrap();
    let (code, out, _) = check_in(dir.path(), "花名册.xlsx", "plan.csv");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("[unavailable] G1 · P04 郑组织"), "{out}");
}

// ---------------------------------------------------------------------------
// formulas

#[test]
fn formulas_are_read_by_their_computed_value_and_named_when_it_is_unknown() {
    let dir = tempfile::tempdir().unwrap();
    let mut sheets = case_sheets("tiny", TINY_ROUND, TINY_POLICY);
    // P13's 籍贯 (people row 14, column H) computed by a formula: "A"
    sheets[1]
        .formulas
        .push((13, 7, "LEFT(\"A-GOV\",1)".into(), "A".into()));
    // posts: P07's post unit by a formula
    sheets[2]
        .formulas
        .push((1, 1, "\"A-T1-V1\"".into(), "A-T1-V1".into()));
    let path = dir.path().join("case.xlsx");
    write_book(&path, &sheets);
    // as a program writes it (computing asked for on opening): the values
    // stored are placeholders, so each formula cell is an error
    let err = load_case(&path).unwrap_err().to_string();
    assert!(
        err.contains(
            "case.xlsx [people]: row 14, column H \"native_region\": the value is unknown"
        ),
        "{err}"
    );
    assert!(
        err.contains("case.xlsx [posts]: row 2, column B \"unit\": the value is unknown"),
        "{err}"
    );
    // as Excel saves it: the computed values are read
    trust_formula_results(&path);
    let case = load_case(&path).unwrap_or_else(|e| panic!("{e}"));
    let p13 = case.person(case.person_by_id("P13").unwrap());
    assert_eq!(case.region(p13.native_region.unwrap()), "A");
    assert_eq!(case.posts[0].unit, case.unit_by_id("A-T1-V1").unwrap());
}

// ---------------------------------------------------------------------------
// hidden and duplicate sheets

#[test]
fn a_hidden_old_copy_beside_the_table_is_an_error_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut sheets = case_sheets("tiny", TINY_ROUND, TINY_POLICY);
    let mut old = sheets[1].clone();
    old.name = "人才库（旧）".into();
    old.hidden = true;
    old.csv = old.csv.replace(
        "P13,杨籍贯,M,1981,3,E-EDU,,A",
        "P13,杨籍贯,M,1981,3,E-EDU,,E",
    );
    sheets.insert(1, old);
    let path = dir.path().join("case.xlsx");
    write_book(&path, &sheets);
    let err = load_case(&path).unwrap_err().to_string();
    assert!(
        err.contains("\"case.xlsx [人才库（旧）]\" (hidden) (by its columns) and \"case.xlsx [people]\" could each be the people table"),
        "{err}"
    );
}

#[test]
fn a_lone_hidden_table_is_read_and_named_and_an_unknown_sheet_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut sheets = case_sheets("tiny", TINY_ROUND, TINY_POLICY);
    sheets[3].hidden = true; // relations
    sheets.push(Sheet::new("Sheet3", "备忘,内容\n1,张三调走了"));
    sheets.push(Sheet::new("填表说明", "说明\n籍贯填地区代码"));
    let path = dir.path().join("case.xlsx");
    write_book(&path, &sheets);
    let case = load_case(&path).unwrap();
    assert_eq!(case.kin.len(), 2, "the hidden relations are read");
    let w = |code: &str| case.warnings.iter().find(|w| w.code == code).cloned();
    let hidden = w("hidden-sheet-read").expect("the hidden sheet is named");
    assert!(hidden.to_string().contains("[relations]"), "{hidden}");
    let unread = w("not-read").expect("Sheet3 is named");
    assert!(unread.to_string().contains("[Sheet3]") && unread.hides_rule);
    let notes = w("not-read-notes").expect("填表说明 is named");
    assert!(!notes.hides_rule);
    // check says "valid, but", never a plain "valid", over a sheet not read
    std::fs::copy(
        root().join("data/tiny-plan.csv"),
        dir.path().join("plan.csv"),
    )
    .unwrap();
    let (code, out, _) = check_in(dir.path(), "case.xlsx", "plan.csv");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("valid, but:") && out.contains("[Sheet3]"),
        "{out}"
    );
    assert!(!out.contains("\nvalid: "), "{out}");
}

// ---------------------------------------------------------------------------
// file and sheet names

#[test]
fn file_names_as_offices_write_them_are_read_and_others_named() {
    let (_d, case) = copy_case("tiny");
    for (from, to) in [
        ("units.csv", "UNITS.CSV"),
        ("people.csv", "人员名单.csv"),
        ("posts.csv", "任职经历表.csv"),
        ("relations.csv", "亲属关系.CSV"),
        ("round.toml", "轮次.toml"),
    ] {
        std::fs::rename(case.join(from), case.join(to)).unwrap();
    }
    std::fs::write(case.join("补充名单.csv"), "日期,事项\n3月,谈话\n").unwrap();
    let loaded = load_case(&case).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((loaded.posts.len(), loaded.kin.len()), (4, 2));
    let plan = root().join("data/tiny-plan-broken.csv");
    let o = xuncha(&[
        "check",
        case.to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
    ]);
    assert!(
        stdout(&o).contains("[post-avoidance] G1 · P07"),
        "{}",
        stdout(&o)
    );
    assert!(
        stderr(&o).contains("补充名单.csv: not read"),
        "{}",
        stderr(&o)
    );
    // the valid plan: "valid, but" over the CSV file not read
    let plan = root().join("data/tiny-plan.csv");
    let o = xuncha(&[
        "check",
        case.to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(stdout(&o).contains("valid, but:"), "{}", stdout(&o));
    // full-width and a 表 are the same name
    std::fs::remove_file(case.join("补充名单.csv")).unwrap();
    std::fs::rename(case.join("UNITS.CSV"), case.join("ｕｎｉｔｓ表.csv")).unwrap();
    let o = xuncha(&[
        "check",
        case.to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn two_files_that_could_be_one_table_are_an_error_naming_both() {
    let (_d, case) = copy_case("tiny");
    std::fs::copy(case.join("people.csv"), case.join("人才库.csv")).unwrap();
    let o = xuncha(&["explain", case.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("\"people.csv\" and \"人才库.csv\" could each be the people table"),
        "{}",
        stderr(&o)
    );
}

// ---------------------------------------------------------------------------
// regions by name; a 籍贯 that matches no region

const TINY_REGIONS: &str =
    "编号,名称,别名\nA,甲县,甲\nB,乙县,乙\nC,丙县,丙\nD,丁县,丁\nE,戊县,戊\n";

fn plan_with_p13_in_g1(dir: &Path) -> std::path::PathBuf {
    let plan = dir.join("plan-p13.csv");
    let text = std::fs::read_to_string(root().join("data/tiny-plan.csv")).unwrap();
    std::fs::write(&plan, format!("{text}G1,member,P13,杨籍贯,E-EDU,E\n")).unwrap();
    plan
}

#[test]
fn a_native_region_written_by_name_keeps_the_person_out_of_that_region() {
    for native in ["云州市甲县", "甲县", "甲", "Ａ"] {
        let (d, case) = copy_case("tiny");
        std::fs::write(case.join("regions.csv"), TINY_REGIONS).unwrap();
        edit(
            &case.join("people.csv"),
            "P13,杨籍贯,M,1981,3,E-EDU,,A",
            &format!("P13,杨籍贯,M,1981,3,E-EDU,,{native}"),
        );
        // a unit's region by its name, too
        edit(
            &case.join("units.csv"),
            "A-T1,甲县一镇,A,",
            "A-T1,甲县一镇,甲县,",
        );
        let plan = plan_with_p13_in_g1(d.path());
        let o = xuncha(&[
            "check",
            case.to_str().unwrap(),
            "--plan",
            plan.to_str().unwrap(),
        ]);
        assert_eq!(code(&o), 1, "{native}: {}{}", stdout(&o), stderr(&o));
        assert!(
            stdout(&o).contains("[region-avoidance] G1 · P13 杨籍贯"),
            "{native}: {}",
            stdout(&o)
        );
        if native == "云州市甲县" {
            assert!(
                stderr(&o).contains(
                    "籍贯 read as the region whose name it contains: 云州市甲县 → A 甲县"
                ),
                "{}",
                stderr(&o)
            );
        }
    }
}

#[test]
fn a_native_region_that_matches_nothing_is_counted_and_check_says_valid_but() {
    let (_d, case) = copy_case("tiny");
    edit(
        &case.join("people.csv"),
        "P13,杨籍贯,M,1981,3,E-EDU,,A",
        "P13,杨籍贯,M,1981,3,E-EDU,,某县",
    );
    edit(
        &case.join("people.csv"),
        "P12,韩甲县,F,1982,3,A-GOV,,E",
        "P12,韩甲县,F,1982,3,A-GOV,,某县",
    );
    let plan = root().join("data/tiny-plan.csv");
    let o = xuncha(&[
        "check",
        case.to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(stdout(&o).contains("valid, but:"), "{}", stdout(&o));
    assert!(
        stderr(&o).contains(
            "籍贯 of 2 people matches no region of the case: \"某县\" (2 people: lines 13, 14)"
        ),
        "{}",
        stderr(&o)
    );
    let o = xuncha(&[
        "check",
        case.to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["valid"], false);
    assert_eq!(json["rules_kept"], true);
    assert!(json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["code"] == "native-unknown" && w["hides_rule"] == true));
    // with a regions table: a near miss of a region's name hides a rule …
    std::fs::write(
        case.join("regions.csv"),
        TINY_REGIONS.replace("A,甲县,甲", "A,东安县,东安"),
    )
    .unwrap();
    for (line, to) in [
        ("E-EDU,,某县", "E-EDU,,东按县"),
        ("A-GOV,,某县", "A-GOV,,东按县"),
    ] {
        edit(&case.join("people.csv"), line, to);
    }
    let o = xuncha(&[
        "check",
        case.to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 1, "a near miss of 东安县: {}", stdout(&o));
    assert!(
        stderr(&o).contains("did you mean A 东安县?"),
        "{}",
        stderr(&o)
    );
    // … a place outside the case is taken as such
    std::fs::write(case.join("regions.csv"), TINY_REGIONS).unwrap();
    for _ in 0..2 {
        edit(&case.join("people.csv"), ",,东按县,", ",,江西省南昌市,");
    }
    let o = xuncha(&[
        "check",
        case.to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert!(
        stderr(&o).contains("places outside the case's regions"),
        "{}",
        stderr(&o)
    );
}

// ---------------------------------------------------------------------------
// columns a rule reads

#[test]
fn an_absent_column_that_a_rule_or_requirement_reads_is_named() {
    let (_d, case) = copy_case("tiny");
    // no 审计 column while [requirements] asks for audit = 1
    let people = std::fs::read_to_string(case.join("people.csv")).unwrap();
    let cut = |text: &str, col: usize| -> String {
        text.lines()
            .map(|l| {
                let mut c: Vec<&str> = l.split(',').collect();
                c.remove(col);
                c.join(",")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    std::fs::write(case.join("people.csv"), cut(&people, 14)).unwrap();
    let o = xuncha(&["explain", case.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("no column audit (审计), but [requirements] (round.toml: line 17, column requirements.audit) ask for 1 member with it in each group"),
        "{}",
        stderr(&o)
    );
    // no 籍贯 column: native avoidance checks nothing, and check says so
    std::fs::write(case.join("people.csv"), cut(&people, 7)).unwrap();
    let plan = root().join("data/tiny-plan.csv");
    let o = xuncha(&[
        "check",
        case.to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(
        stdout(&o).contains("[native-column-absent]"),
        "{}",
        stdout(&o)
    );
}

// ---------------------------------------------------------------------------
// encodings

#[test]
fn utf16_and_gbk_text_is_read_and_named_once() {
    let (_d, case) = copy_case("tiny");
    let people = std::fs::read_to_string(case.join("people.csv")).unwrap();
    // Excel's "Unicode text": UTF-16 with its mark, tab-separated
    let tabbed = people.replace(',', "\t");
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(tabbed.encode_utf16().flat_map(|u| u.to_le_bytes()));
    std::fs::write(case.join("people.csv"), bytes).unwrap();
    // the plain "CSV" of Chinese Windows: GBK
    let units = std::fs::read_to_string(case.join("units.csv")).unwrap();
    let (gbk, _, bad) = encoding_rs::GBK.encode(&units);
    assert!(!bad);
    std::fs::write(case.join("units.csv"), &gbk[..]).unwrap();
    let loaded = load_case(&case).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        loaded.person(loaded.person_by_id("P01").unwrap()).name,
        "林组长"
    );
    assert_eq!(
        loaded.unit(loaded.unit_by_id("A-T1").unwrap()).name,
        "甲县一镇"
    );
    let enc: Vec<String> = loaded
        .warnings
        .iter()
        .filter(|w| w.code == "encoding")
        .map(|w| w.to_string())
        .collect();
    assert_eq!(enc.len(), 2, "{enc:?}");
    assert!(enc
        .iter()
        .any(|w| w.contains("people.csv") && w.contains("UTF-16")));
    assert!(enc
        .iter()
        .any(|w| w.contains("units.csv") && w.contains("GBK")));
    // text that is neither: one error for the file, not one per line
    let mut broken = gbk.to_vec();
    broken.extend_from_slice(b"X-1,\xff\xfe,X,department,\nX-2,\xff\xfe,X,department,\n");
    std::fs::write(case.join("units.csv"), broken).unwrap();
    let err = load_case(&case).unwrap_err().to_string();
    assert_eq!(err.matches("neither UTF-8 nor GBK").count(), 1, "{err}");
    assert!(err.contains("units.csv: line 23"), "{err}");
}

// ---------------------------------------------------------------------------
// every problem in one pass; positions people can find

#[test]
fn every_problem_is_found_in_one_pass() {
    let dir = tempfile::tempdir().unwrap();
    let mut sheets = case_sheets("tiny", TINY_ROUND, TINY_POLICY);
    // in the birth-year column a "1983.1" (P03) and a date cell (P04); a bad gender
    sheets[1].csv = sheets[1]
        .csv
        .replace("P03,吴审计,M,1985", "P03,吴审计,X,1983.1")
        .replace("P04,郑组织,F,1988", "P04,郑组织,F,");
    sheets[1].dates.push((4, 3, 1988, 1, 1));
    let path = dir.path().join("case.xlsx");
    write_book(&path, &sheets);
    let err = load_case(&path).unwrap_err().to_string();
    assert!(
        err.contains("[people]: row 4, column C \"gender\""),
        "{err}"
    );
    assert!(
        err.contains("[people]: row 4, column D \"birth_year\": \"1983.1\" is not a whole number"),
        "{err}"
    );
    assert!(
        err.contains("[people]: row 5, column D \"birth_year\": a date cell (1988-01-01)"),
        "{err}"
    );
    assert!(err.contains("the input has 3 problems"), "{err}");
}

#[test]
fn positions_show_the_column_letter_and_near_misses_and_invisible_characters() {
    let (_d, case) = copy_case("tiny");
    edit(&case.join("people.csv"), "birth_year", "出生年分");
    let err = stderr(&xuncha(&["explain", case.to_str().unwrap()]));
    assert!(
        err.contains(
            "people.csv: line 1, column D \"出生年分\": unknown column; did you mean 出生年份?"
        ),
        "{err}"
    );
    assert_eq!(
        err.matches("the columns of people.csv are").count(),
        1,
        "{err}"
    );
    // an invisible character in a reference is shown
    let (_d, case) = copy_case("tiny");
    edit(
        &case.join("people.csv"),
        "P03,吴审计,M,1985,3,D-AUD",
        "P03,吴审计,M,1985,3,D-AUDX\u{200b}",
    );
    let err = stderr(&xuncha(&["explain", case.to_str().unwrap()]));
    assert!(
        err.contains("people.csv: line 4, column F \"unit\": unknown unit \"D-AUDX⟨U+200B⟩\""),
        "{err}"
    );
    // an invisible character in an id that is otherwise right: read, and named
    let (_d, case) = copy_case("tiny");
    edit(
        &case.join("people.csv"),
        "P03,吴审计,M,1985,3,D-AUD",
        "P03,吴审计,M,1985,3,D-AUD\u{200b}",
    );
    let loaded = load_case(&case).unwrap();
    assert!(loaded
        .warnings
        .iter()
        .any(|w| w.code == "invisible-character"));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_xuncha"))
        .env("LC_ALL", "C")
        .env("LANG", "C")
        .args(["explain", "data/sample", "--group", "G1"])
        .current_dir(root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
}

// ---------------------------------------------------------------------------
// the score's terms mean what their labels say

/// Plans the sample on a small budget (so that the terms are not all 0) and
/// recomputes every term `plan.json` prints from `people.csv` and
/// `round.toml` with this test's own reading of the README's score table.
#[test]
fn every_printed_term_is_recomputed_from_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.json");
    let o = xuncha(&[
        "plan",
        "data/sample",
        "--iterations",
        "3000",
        "--seed",
        "3",
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let round: toml::Table = std::fs::read_to_string(root().join("data/sample/round.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let year = round["year"].as_integer().unwrap() as f64;
    let excluded: Vec<String> = round
        .get("exclude")
        .and_then(|e| e.as_array())
        .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
        .unwrap_or_default();
    let mut rdr = csv::Reader::from_path(root().join("data/sample/people.csv")).unwrap();
    let h = rdr.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|x| x == name).unwrap();
    let people: std::collections::HashMap<String, csv::StringRecord> = rdr
        .records()
        .map(|r| r.unwrap())
        .map(|r| (r[col("编号")].to_string(), r))
        .collect();
    let mut units = csv::Reader::from_path(root().join("data/sample/units.csv")).unwrap();
    let unit_region: std::collections::HashMap<String, String> = units
        .records()
        .map(|r| r.unwrap())
        .map(|r| (r[0].to_string(), r[2].to_string()))
        .collect();
    let rank = |s: &str| -> f64 {
        match s {
            "科员" => 1.0,
            "副科" => 2.0,
            "正科" => 3.0,
            "副处" => 4.0,
            "正处" => 5.0,
            d => d.parse().unwrap(),
        }
    };
    let groups: Vec<Vec<&csv::StringRecord>> = plan["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            g["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| &people[m.as_str().unwrap()])
                .collect()
        })
        .collect();
    let spread = |v: Vec<f64>| {
        v.iter().cloned().fold(f64::MIN, f64::max) - v.iter().cloned().fold(f64::MAX, f64::min)
    };
    let mean_spread = |f: &dyn Fn(&csv::StringRecord) -> f64| {
        spread(
            groups
                .iter()
                .map(|g| g.iter().map(|r| f(r)).sum::<f64>() / g.len() as f64)
                .collect(),
        )
    };
    let mut want: Vec<(String, f64)> = Vec::new();
    for (key, name) in [
        ("discipline", "纪检监察"),
        ("organization", "组织人事"),
        ("audit", "审计"),
        ("finance", "财务"),
    ] {
        let level = |r: &csv::StringRecord| r[col(name)].parse::<f64>().unwrap_or(0.0);
        let sums = groups
            .iter()
            .map(|g| g.iter().map(|r| level(r)).sum())
            .collect();
        want.push((format!("expertise.{key}"), spread(sums)));
    }
    want.push(("rank".into(), mean_spread(&|r| rank(&r[col("职级")]))));
    want.push((
        "age".into(),
        mean_spread(&|r| year - r[col("出生年份")].parse::<f64>().unwrap()),
    ));
    want.push((
        "gender".into(),
        mean_spread(&|r| (&r[col("性别")] == "女") as u8 as f64),
    ));
    // repeats of a region or unit within a group (the sample's pool forces none)
    let region = |r: &csv::StringRecord| -> String {
        match &r[col("地区")] {
            "" => unit_region[&r[col("工作单位")]].clone(),
            x => x.to_string(),
        }
    };
    let mut repeats = 0.0;
    for g in &groups {
        for (i, r) in g.iter().enumerate() {
            repeats += g[..i].iter().any(|q| region(q) == region(r)) as u8 as f64;
            repeats += g[..i]
                .iter()
                .any(|q| q[col("工作单位")] == r[col("工作单位")]) as u8
                as f64;
        }
    }
    want.push(("mixing".into(), repeats));
    let placed: std::collections::HashSet<&str> =
        groups.iter().flatten().map(|r| &r[col("编号")]).collect();
    let must_out = people
        .values()
        .filter(|r| {
            &r[col("须参加")] == "是"
                && &r[col("可抽调")] != "否"
                && !excluded.iter().any(|e| e == &r[col("编号")])
                && !placed.contains(&r[col("编号")])
        })
        .count();
    want.push(("must_serve".into(), must_out as f64));
    let recent: f64 = groups
        .iter()
        .flatten()
        .map(|r| match r[col("上次巡察年份")].parse::<f64>() {
            Ok(y) => (3.0 - (year - y)).max(0.0),
            Err(_) => 0.0,
        })
        .sum();
    want.push(("recent".into(), recent));
    let terms = plan["score"]["terms"].as_array().unwrap();
    assert_eq!(terms.len(), want.len());
    let mut total = 0.0;
    for (t, (key, value)) in terms.iter().zip(&want) {
        assert_eq!(t["key"], key.as_str());
        let got = t["value"].as_f64().unwrap();
        assert!(
            (got - value).abs() < 1e-9,
            "{key}: printed {got}, recomputed {value}"
        );
        total += t["weight"].as_f64().unwrap() * value;
    }
    let printed = plan["score"]["total"].as_f64().unwrap();
    assert!(
        (printed - total).abs() < 1e-6,
        "total: printed {printed}, recomputed {total}"
    );
    assert!(total > 0.5, "a plan with terms to check: {total}");
}
