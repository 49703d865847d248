//! Faithful input, cell by cell: blanks that have a meaning are read with it
//! and said; 籍贯 slips and place names inside a region could hide native
//! avoidance, so `check` says "valid, but"; a whole-case warning names the
//! case; warnings about rows carry their lines in JSON.

mod common;

use common::*;
use std::path::Path;

/// `check CASE --plan data/tiny-plan.csv --format json`: (exit code, JSON).
fn check_json(case: &Path) -> (i32, serde_json::Value) {
    let plan = root().join("data/tiny-plan.csv");
    let o = xuncha(&[
        "check",
        case.to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let json = serde_json::from_slice(&o.stdout).expect("JSON");
    (code(&o), json)
}

/// The warning of `code` in a JSON answer.
fn warning<'a>(json: &'a serde_json::Value, code: &str) -> Option<&'a serde_json::Value> {
    json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == code)
}

const P13: &str = "P13,杨籍贯,M,1981,3,E-EDU,,A,no,yes";

#[test]
fn blank_cells_that_have_a_meaning_are_read_with_it_and_said() {
    let (_d, case) = copy_case("tiny");
    // one blank 籍贯, one blank 可抽调, one 地区 apart from the unit's region
    edit(
        &case.join("people.csv"),
        P13,
        "P13,杨籍贯,M,1981,3,E-EDU,,,no,",
    );
    edit(
        &case.join("people.csv"),
        "P12,韩甲县,F,1982,3,A-GOV,,E",
        "P12,韩甲县,F,1982,3,A-GOV,E,E",
    );
    let (rc, json) = check_json(&case);
    assert_eq!(rc, 0, "{json}");
    let native = warning(&json, "native-blank").expect("native-blank");
    assert_eq!(native["lines"], serde_json::json!([14]));
    assert_eq!(native["hides_rule"], false);
    let available = warning(&json, "available-blank").expect("available-blank");
    assert_eq!(available["lines"], serde_json::json!([14]));
    let region = warning(&json, "region-not-unit").expect("region-not-unit");
    assert!(
        region["message"]
            .as_str()
            .unwrap()
            .contains("P12: E, unit A-GOV in A"),
        "{region}"
    );
}

#[test]
fn a_native_column_blank_for_everyone_could_hide_native_avoidance() {
    let (_d, case) = copy_case("tiny");
    let people = case.join("people.csv");
    let text = std::fs::read_to_string(&people).unwrap();
    let blanked: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let mut cells: Vec<&str> = l.split(',').collect();
            if i > 0 {
                cells[7] = "";
            }
            cells.join(",")
        })
        .collect();
    std::fs::write(&people, blanked.join("\n")).unwrap();
    let (rc, json) = check_json(&case);
    assert_eq!(rc, 1, "{json}");
    assert_eq!(json["rules_kept"], true);
    let w = warning(&json, "native-all-blank").expect("native-all-blank");
    assert_eq!(w["hides_rule"], true);
}

#[test]
fn a_case_without_posts_or_relations_is_valid_but_and_the_warning_names_the_case() {
    let (_d, case) = copy_case("tiny");
    std::fs::remove_file(case.join("relations.csv")).unwrap();
    let (rc, json) = check_json(&case);
    assert_eq!(rc, 1, "{json}");
    let w = warning(&json, "no-relations").expect("no-relations");
    assert_eq!(w["hides_rule"], true);
    assert_eq!(w["file"], case.display().to_string());
    assert!(w["message"]
        .as_str()
        .unwrap()
        .contains("add the table with its header and no rows"));
    // an empty table says "none"
    std::fs::write(case.join("relations.csv"), "kind,a,b,note\n").unwrap();
    let (rc, json) = check_json(&case);
    assert_eq!(rc, 0, "{json}");
    assert!(warning(&json, "no-relations").is_none());
}

#[test]
fn slips_and_places_inside_a_region_are_near_misses_that_check_names() {
    // (regions table?, 籍贯 of P13, what the warning must say)
    let tries = [
        (true, "甲具", "did you mean A 甲县?"),
        (true, "云州市甲具", "did you mean A 甲县?"),
        (false, "甲县一镇东村", "unit 甲县一镇 is in region A"),
        (false, "甲县", "unit 甲县一镇 and others are in region A"),
    ];
    for (table, native, says) in tries {
        let (_d, case) = copy_case("tiny");
        if table {
            std::fs::write(
                case.join("regions.csv"),
                "编号,名称\nA,甲县\nB,乙县\nC,丙县\nD,丁县\nE,戊县\n",
            )
            .unwrap();
        }
        edit(
            &case.join("people.csv"),
            P13,
            &format!("P13,杨籍贯,M,1981,3,E-EDU,,{native},no,yes"),
        );
        let (rc, json) = check_json(&case);
        assert_eq!(rc, 1, "{native}: {json}");
        let w = warning(&json, "native-near").unwrap_or_else(|| panic!("{native}: {json}"));
        assert_eq!(w["hides_rule"], true);
        assert_eq!(w["lines"], serde_json::json!([14]));
        assert!(
            w["message"].as_str().unwrap().contains(says),
            "{native}: {w}"
        );
    }
    // a place with another first character is outside, not a slip
    let (_d, case) = copy_case("tiny");
    std::fs::write(
        case.join("regions.csv"),
        "编号,名称\nA,甲县\nB,乙县\nC,丙县\nD,丁县\nE,戊县\n",
    )
    .unwrap();
    edit(
        &case.join("people.csv"),
        P13,
        "P13,杨籍贯,M,1981,3,E-EDU,,河南省郑州市,no,yes",
    );
    let (rc, json) = check_json(&case);
    assert_eq!(rc, 0, "{json}");
    assert!(warning(&json, "native-unknown").is_some(), "{json}");
}

#[test]
fn a_broken_regions_header_is_one_error_not_one_per_unit() {
    let (_d, case) = copy_case("tiny");
    std::fs::write(
        case.join("regions.csv"),
        "编号,名称,上级\nA,甲县,\nB,乙县,\nC,丙县,\nD,丁县,\nE,戊县,\n",
    )
    .unwrap();
    let plan = root().join("data/tiny-plan.csv");
    let o = xuncha(&[
        "check",
        case.to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("the input has 1 problem"), "{err}");
    assert!(
        err.contains("regions.csv: line 1, column C \"上级\""),
        "{err}"
    );
}

// ---------------------------------------------------------------------------
// plans as offices write them

/// `check data/tiny --plan FILE` with the plan's text: (exit code, stdout, stderr).
fn check_plan_text(text: &str) -> (i32, String, String) {
    let d = tempfile::tempdir().unwrap();
    let plan = d.path().join("plan.csv");
    std::fs::write(&plan, text).unwrap();
    let case = root().join("data/tiny");
    let o = xuncha(&[
        "check",
        case.to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
    ]);
    (code(&o), stdout(&o), stderr(&o))
}

fn tiny_plan() -> String {
    std::fs::read_to_string(root().join("data/tiny-plan.csv")).unwrap()
}

#[test]
fn a_plan_with_chinese_headers_remarks_and_pasted_ids_is_read_as_meant() {
    let plan = tiny_plan();
    let mut lines: Vec<String> = plan.lines().map(String::from).collect();
    // 编号 for the person's id, a 备注 and a 序号 column, full-width and
    // zero-width characters in ids, and a remark row under the table
    lines[0] = lines[0]
        .replace("group", "组别")
        .replace("role", "角色")
        .replace("person_id", "编号");
    for (i, l) in lines.iter_mut().enumerate() {
        *l = if i == 0 {
            format!("序号,{l},备注")
        } else {
            format!("{i},{l},")
        };
    }
    lines[1] = lines[1].replacen("G1", "Ｇ１", 1);
    lines[2] = lines[2].replacen(",P", ",P\u{200b}", 1);
    lines.push("备注：P13 临时增补,,,,,,,".into());
    let (rc, out, err) = check_plan_text(&lines.join("\n"));
    assert_eq!(rc, 1, "{out}{err}");
    assert!(out.contains("valid, but:"), "{out}");
    assert!(out.contains("[plan-row-not-read]"), "{out}");
    assert!(err.contains("invisible character"), "{err}");
}

#[test]
fn a_blank_group_is_named_with_what_to_do() {
    let plan = tiny_plan();
    let mut lines: Vec<String> = plan.lines().map(String::from).collect();
    let cells: Vec<&str> = lines[2].splitn(2, ',').collect();
    lines[2] = format!(",{}", cells[1]);
    let (rc, _, err) = check_plan_text(&lines.join("\n"));
    assert_eq!(rc, 2, "{err}");
    assert!(
        err.contains("line 3, column A \"group\": no group: write the group on every row"),
        "{err}"
    );
}

#[test]
fn an_unknown_column_suggests_only_names_with_its_first_character() {
    let (_d, case) = copy_case("tiny");
    edit(&case.join("people.csv"), "id,name", "编码,name");
    let plan = root().join("data/tiny-plan.csv");
    let o = xuncha(&[
        "check",
        case.to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("\"编码\": unknown column; did you mean 编号?"),
        "{}",
        stderr(&o)
    );
    let (_d, case) = copy_case("tiny");
    edit(&case.join("people.csv"), "id,name", "序号,name");
    let o = xuncha(&[
        "check",
        case.to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
    ]);
    assert!(!stderr(&o).contains("did you mean"), "{}", stderr(&o));
}

// ---------------------------------------------------------------------------
// a round sheet that says two things

#[test]
fn a_policy_key_twice_and_a_group_with_two_sizes_are_errors() {
    let d = tempfile::tempdir().unwrap();
    let book = d.path().join("case.xlsx");
    let policy = format!("{TINY_POLICY}\nyear,2020");
    let round = "group,target,size\nG1,A-T1,3-5\nG2,B-AUD,3-5\nG1,A-T2,4-5";
    write_book(&book, &case_sheets("tiny", round, &policy));
    let plan = root().join("data/tiny-plan.csv");
    let o = xuncha(&[
        "check",
        book.to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains("[policy]: row 9, column A \"key\": year is given twice (first at row 3)"),
        "{err}"
    );
    assert!(
        err.contains("group G1 is given the size 4-5 here and 3-5 at row 2"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------
// convert and what-if say what they noticed

#[test]
fn convert_carries_the_regions_and_says_its_warnings() {
    let (d, case) = copy_case("tiny");
    std::fs::write(
        case.join("regions.csv"),
        "编号,名称\nA,甲县\nB,乙县\nC,丙县\nD,丁县\nE,戊县\n",
    )
    .unwrap();
    edit(
        &case.join("people.csv"),
        P13,
        "P13,杨籍贯,M,1981,3,E-EDU,,云州市甲县,no,yes",
    );
    let book = d.path().join("case.xlsx");
    let o = xuncha(&[
        "convert",
        case.to_str().unwrap(),
        "--out",
        book.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("云州市甲县 → A 甲县"), "{}", stderr(&o));
    // the workbook reads 籍贯 by the same regions table: P13 may not inspect A
    let plan = d.path().join("plan.csv");
    std::fs::write(
        &plan,
        format!("{}G1,member,P13,杨籍贯,E-EDU,E\n", tiny_plan()),
    )
    .unwrap();
    let o = xuncha(&[
        "check",
        book.to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(
        stdout(&o).contains("[region-avoidance] G1 · P13"),
        "{}",
        stdout(&o)
    );
    assert!(
        stderr(&o).contains("[people]: 籍贯 read as"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("(1 person: row 14)"), "{}", stderr(&o));
}

#[test]
fn whatif_says_what_an_added_people_file_gave_rise_to() {
    let (d, case) = copy_case("tiny");
    let header = std::fs::read_to_string(case.join("people.csv"))
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_string();
    std::fs::write(
        d.path().join("extra.csv"),
        format!("{header}\nP30,新人甲,M,1985,3,E-EDU,,甲县,no,,no,,0,0,1,0\n"),
    )
    .unwrap();
    let scenario = d.path().join("sc.toml");
    std::fs::write(
        &scenario,
        "[[variant]]\nname = \"加人\"\nadd_people = \"extra.csv\"\n",
    )
    .unwrap();
    let o = xuncha(&[
        "whatif",
        case.to_str().unwrap(),
        "--scenario",
        scenario.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("extra.csv: 可抽调 is blank for 1 person: line 2"),
        "{}",
        stderr(&o)
    );
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let variant = &json.as_array().unwrap()[1];
    assert!(
        variant["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["code"] == "native-near" && w["file"] == "extra.csv"),
        "{variant}"
    );
}

// ---------------------------------------------------------------------------

#[test]
fn a_closed_stdout_keeps_the_exit_code_of_a_plan_that_breaks_a_rule() {
    let d = tempfile::tempdir().unwrap();
    let plan = d.path().join("plan.csv");
    std::fs::write(
        &plan,
        format!("{}G1,member,P13,杨籍贯,E-EDU,E\n", tiny_plan()),
    )
    .unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_xuncha"))
        .env("LC_ALL", "C")
        .env("LANG", "C")
        .args(["check", "data/tiny", "--plan", plan.to_str().unwrap()])
        .current_dir(root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(1), "{err}");
}
