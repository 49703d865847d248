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
