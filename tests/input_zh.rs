//! Input errors and warnings in Chinese, end to end through the binary
//! (`--lang zh`): the file, 第N行, the column's letter and header, and what
//! is wrong, in plain office Chinese. The English of the same errors is
//! pinned by `faithful.rs`, `faithful_values.rs` and `fuzz.rs`.

mod common;
use common::*;

const TINY_REGIONS: &str =
    "编号,名称,别名\nA,东安县,东安\nB,乙县,乙\nC,丙县,丙\nD,丁县,丁\nE,戊县,戊\n";

#[test]
fn a_near_miss_of_a_native_region_is_said_in_chinese() {
    let (_d, case) = copy_case("tiny");
    std::fs::write(case.join("regions.csv"), TINY_REGIONS).unwrap();
    edit(
        &case.join("people.csv"),
        "P13,杨籍贯,M,1981,3,E-EDU,,A",
        "P13,杨籍贯,M,1981,3,E-EDU,,东按县",
    );
    let o = xuncha(&["--lang", "zh", "explain", case.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(
        err.contains(
            "警告：people.csv：籍贯与本案任何地区都对不上，但与某个地区或其中的地名相近：\
             “东按县”：1 人（第 14 行），是否指 A 东安县？"
        ),
        "{err}"
    );
    // the same in English, pinned
    let o = xuncha(&["--lang", "en", "explain", case.to_str().unwrap()]);
    assert!(
        stderr(&o).contains("\"东按县\" (1 person: line 14), did you mean A 东安县?"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_missing_column_is_said_in_chinese() {
    let (_d, case) = copy_case("sample");
    let people = case.join("people.csv");
    let text = std::fs::read_to_string(&people).unwrap();
    let cut: String = text
        .lines()
        .map(|l| {
            let mut cells: Vec<&str> = l.split(',').collect();
            cells.remove(5);
            cells.join(",") + "\n"
        })
        .collect();
    std::fs::write(&people, cut).unwrap();
    let o = xuncha(&["--lang", "zh", "explain", case.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("错误：输入数据有 "), "{err}");
    assert!(
        err.contains("people.csv 第1行：缺少 unit (工作单位) 列"),
        "{err}"
    );
}

#[test]
fn a_bad_cell_and_a_duplicate_id_are_said_in_chinese() {
    let (_d, case) = copy_case("sample");
    let people = case.join("people.csv");
    edit(
        &people,
        "P0002,沈勇,男,1995,科员",
        "P0001,沈勇,男,1995,科员",
    );
    edit(
        &people,
        "P0003,覃颖,女,1978,正科,R03-D01,,R03,否",
        "P0003,覃颖,女,1978,正科,R03-D01,,R03,也许",
    );
    let o = xuncha(&["--lang", "zh", "explain", case.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains("people.csv 第4行，I列 \"组长库\" (leader)：“也许” 不是 是/否"),
        "{err}"
    );
    assert!(
        err.contains(
            "people.csv 第3行，A列 \"编号\" (id)：人员编号 P0001 重复（首次出现在第 2 行）"
        ),
        "{err}"
    );
}

#[test]
fn warnings_in_json_carry_the_message_in_the_chosen_language() {
    let (_d, case) = copy_case("tiny");
    std::fs::write(case.join("regions.csv"), TINY_REGIONS).unwrap();
    edit(
        &case.join("people.csv"),
        "P13,杨籍贯,M,1981,3,E-EDU,,A",
        "P13,杨籍贯,M,1981,3,E-EDU,,东按县",
    );
    for (lang, words) in [
        ("zh", "是否指 A 东安县？"),
        ("en", "did you mean A 东安县?"),
    ] {
        let o = xuncha(&[
            "--lang",
            lang,
            "explain",
            case.to_str().unwrap(),
            "--format",
            "json",
        ]);
        let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let w = json["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["code"] == "native-near")
            .unwrap_or_else(|| panic!("{json}"));
        assert_eq!(w["message_id"], "native-near");
        assert_eq!(w["file"], "people.csv");
        assert!(w["message"].as_str().unwrap().contains(words), "{w}");
    }
}

#[test]
fn the_import_report_is_written_in_the_chosen_language() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("roster-case");
    let roster = root().join("data/roster.xlsx");
    let o = xuncha(&[
        "--lang",
        "zh",
        "import",
        roster.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let printed = stdout(&o);
    let written = std::fs::read_to_string(dir.path().join("roster-case.import.txt")).unwrap();
    assert_eq!(printed.trim_end(), written.trim_end());
    for words in [
        "花名册：",
        "表头在第 3 行：共 66 行，导入 66 人，未导入 0 人",
        "所作的推断（305）：",
        "籍贯在本案地区以外（按原文保留）（5）：",
        "河北省保定市：第 7、12、17、22、27 行",
        "东安县城关镇（东安县，乡镇）：第 36 行",
    ] {
        assert!(written.contains(words), "{words}:\n{written}");
    }
    assert!(stderr(&o).contains("及导入报告"), "{}", stderr(&o));
    // in English, the same file name and the words of the README
    let out = dir.path().join("en-case");
    let o = xuncha(&[
        "--lang",
        "en",
        "import",
        roster.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let written = std::fs::read_to_string(dir.path().join("en-case.import.txt")).unwrap();
    assert!(written.contains("Assumptions (305):"), "{written}");
}
