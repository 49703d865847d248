//! `xuncha import` (issue 11): the roster of data/ to a plan with no hand
//! edits, 籍贯 and units by name keeping people out of groups, and bad
//! rosters ending with exit 2 and the place of the problem.

mod common;

use common::*;
use std::path::Path;
use xuncha::constraints::Eligibility;
use xuncha::io::load_case;
use xuncha::model::{GroupId, PersonId};

/// Writes a roster workbook: a title row, the header, the rows, and a
/// round sheet 本轮巡察安排 of (组别, 被巡察单位).
fn roster(path: &Path, header: &[&str], rows: &[Vec<&str>], round: &[(&str, &str)]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet().set_name("人员名单").unwrap();
    s.write_string(0, 0, "××市巡察人才库人员名单").unwrap();
    for (c, h) in header.iter().enumerate() {
        s.write_string(1, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            s.write_string(r as u32 + 2, c as u16, *v).unwrap();
        }
    }
    let s = book.add_worksheet().set_name("本轮巡察安排").unwrap();
    s.write_string(0, 0, "组别").unwrap();
    s.write_string(0, 1, "被巡察单位").unwrap();
    for (r, (g, t)) in round.iter().enumerate() {
        s.write_string(r as u32 + 1, 0, *g).unwrap();
        s.write_string(r as u32 + 1, 1, *t).unwrap();
    }
    book.save(path).unwrap();
}

const HEADER: [&str; 8] = [
    "序号",
    "姓名",
    "性别",
    "出生年月",
    "籍贯",
    "工作单位及职务",
    "职级",
    "是否组长库",
];

#[test]
fn the_data_roster_gives_a_plan_that_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let roster = root().join("data/roster.xlsx");
    let out = xuncha_in(
        dir.path(),
        &["import", roster.to_str().unwrap(), "--out", "roster-case"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report = stdout(&out);
    assert!(
        report.contains("66 rows, 66 people imported, 0 left out"),
        "{report}"
    );
    assert!(report.contains("6 groups, 8 targets"), "{report}");
    // the report is also beside the case, and says what it guessed
    let written = std::fs::read_to_string(dir.path().join("roster-case.import.txt")).unwrap();
    assert_eq!(written.trim_end(), report.trim_end());
    assert!(
        report.contains("1979.1") || report.contains(".1 →"),
        "{report}"
    );
    assert!(report.contains("东安财政局预算股股长 → 东安县财政局预算股股长"));
    assert!(report.contains("河北省保定市"), "{report}");
    let plan = xuncha_in(
        dir.path(),
        &[
            "plan",
            "roster-case",
            "--out",
            "plan.csv",
            "--iterations",
            "20000",
        ],
    );
    assert_eq!(code(&plan), 0, "{}", stderr(&plan));
    let check = xuncha_in(dir.path(), &["check", "roster-case", "--plan", "plan.csv"]);
    assert_eq!(code(&check), 0, "{}{}", stdout(&check), stderr(&check));
    let case = load_case(&dir.path().join("roster-case")).unwrap();
    assert_eq!(case.people.len(), 66);
    assert_eq!(case.round.groups.len(), 6);
    // units are split off 工作单位及职务: 市财政局会计科科长 works at 市财政局
    let unit_of = |post: &str| {
        let p = (0..case.people.len())
            .find(|&i| case.carried.get(PersonId(i as u32), "工作单位及职务") == post)
            .expect(post);
        case.units[case.people[p].unit.ix()].name.clone()
    };
    assert_eq!(unit_of("市财政局会计科科长"), "市财政局");
    assert_eq!(unit_of("市纪委第三纪检监察室干部"), "市纪委监委");
    assert_eq!(unit_of("东安县城关镇东村党支部书记"), "东安县城关镇东村");
}

#[test]
fn a_native_place_or_a_unit_in_dongan_keeps_a_person_out_of_a_group_inspecting_it() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("花名册.xlsx");
    let rows = vec![
        vec![
            "1",
            "甲一",
            "男",
            "1970.01",
            "云州市东安县",
            "市财政局副局长",
            "正处级",
            "是",
        ],
        vec![
            "2",
            "乙二",
            "女",
            "1975年8月",
            "东安县",
            "市审计局科长",
            "一级主任科员",
            "否",
        ],
        vec![
            "3",
            "丙三",
            "男",
            "1979.1",
            "东安",
            "市委组织部干部",
            "二级科员",
            "否",
        ],
        vec![
            "4",
            "丁四",
            "女",
            "1980-05",
            "河北省保定市",
            "市纪委监委干部",
            "科员",
            "否",
        ],
        vec![
            "5",
            "戊五",
            "男",
            "1968/3",
            "西山",
            "东安县城关镇党委副书记",
            "四级调研员",
            "是",
        ],
        vec![
            "6",
            "己六",
            "男",
            "１９７２．０６",
            "西山区",
            "东安财政局副局长",
            "副处级",
            "否",
        ],
        vec![
            "7",
            "庚七",
            "女",
            "1983.12",
            "西山区",
            "西山区审计局局长",
            "正科级",
            "是",
        ],
    ];
    roster(
        &book,
        &HEADER,
        &rows,
        &[("第一组", "东安县财政局"), ("第二组", "西山区审计局")],
    );
    let out = xuncha_in(dir.path(), &["import", "花名册.xlsx", "--out", "case"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let case = load_case(&dir.path().join("case")).unwrap();
    let el = Eligibility::build(&case);
    let allowed = |name: &str, g: u32| {
        let p = case.people.iter().position(|p| p.name == name).unwrap();
        el.allowed(PersonId(p as u32), GroupId(g))
    };
    // 籍贯 written three ways: out of the group inspecting 东安县
    assert!(!allowed("甲一", 0));
    assert!(!allowed("乙二", 0));
    assert!(!allowed("丙三", 0));
    // a 籍贯 outside the case's regions avoids nothing
    assert!(allowed("丁四", 0));
    // a unit in 东安县, written in full or by its short form
    assert!(!allowed("戊五", 0));
    assert!(!allowed("己六", 0));
    // and the other way: 西山 people stay out of the group inspecting 西山区
    assert!(!allowed("戊五", 1) && !allowed("己六", 1) && !allowed("庚七", 1));
    assert!(allowed("甲一", 1));
}

#[test]
fn bad_rosters_end_with_exit_2_and_the_place() {
    let dir = tempfile::tempdir().unwrap();
    // no header
    let book = dir.path().join("a.xlsx");
    roster(&book, &["甲", "乙"], &[vec!["1", "2"]], &[]);
    let out = xuncha_in(dir.path(), &["import", "a.xlsx", "--out", "a"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("no roster found"), "{}", stderr(&out));
    // a target that names several units: the candidates, the row and column
    let book = dir.path().join("b.xlsx");
    let rows = vec![
        vec![
            "1",
            "甲一",
            "男",
            "1970.01",
            "云州市",
            "东安县财政局局长",
            "正处级",
            "是",
        ],
        vec![
            "2",
            "乙二",
            "女",
            "1975.08",
            "云州市",
            "西山区财政局局长",
            "正处级",
            "是",
        ],
    ];
    roster(&book, &HEADER, &rows, &[("第一组", "财政局")]);
    let out = xuncha_in(dir.path(), &["import", "b.xlsx", "--out", "b"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("[本轮巡察安排]: row 2, column B \"被巡察单位\""),
        "{err}"
    );
    assert!(
        err.contains("财政局 names several units: 东安县财政局, 西山区财政局"),
        "{err}"
    );
    // a person twice with different data
    let book = dir.path().join("c.xlsx");
    let rows = vec![
        vec![
            "1",
            "甲一",
            "男",
            "1970.01",
            "云州市",
            "东安县财政局局长",
            "正处级",
            "是",
        ],
        vec![
            "2",
            "甲一",
            "男",
            "1970.01",
            "云州市",
            "西山区财政局局长",
            "正处级",
            "是",
        ],
    ];
    roster(&book, &HEADER, &rows, &[("第一组", "东安县财政局")]);
    let out = xuncha_in(dir.path(), &["import", "c.xlsx", "--out", "c"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("c.xlsx [人员名单]: row 4: "), "{err}");
    assert!(
        err.contains("甲一 (born 1970.01) is written twice with different data (first at row 3; 工作单位及职务 differ)"),
        "{err}"
    );
    // a rank of no table: the person is left out and named, with a near miss
    let book = dir.path().join("d.xlsx");
    let rows = vec![
        vec![
            "1",
            "甲一",
            "男",
            "1970.01",
            "云州市",
            "东安县财政局局长",
            "正处级",
            "是",
        ],
        vec![
            "2",
            "乙二",
            "女",
            "1975.08",
            "云州市",
            "西山区财政局局长",
            "一级调研",
            "是",
        ],
    ];
    roster(&book, &HEADER, &rows, &[("第一组", "东安县财政局")]);
    let out = xuncha_in(dir.path(), &["import", "d.xlsx", "--out", "d"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report = stdout(&out);
    assert!(
        report.contains("row 4, column G \"职级\": 乙二: \"一级调研\" is not a rank of the table; did you mean 一级调研员?"),
        "{report}"
    );
}

#[test]
fn a_mapping_file_names_columns_ranks_keywords_and_the_round() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("m.toml"),
        "year = 2025\nareas = [\"纪检监察\", \"组织人事\", \"审计\", \"财务\", \"legal\"]\n\
         [columns]\n\"单位名称及职务\" = \"unit_post\"\n[ranks]\n\"处长\" = \"一级调研员\"\n\
         [keywords]\n\"财会\" = \"finance\"\n[policy]\ngroup_size = [2, 3]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("r.csv"),
        "姓名,性别,出生年月,籍贯,单位名称及职务,职级,是否组长库,专业特长\n\
         甲一,男,1970.01,云州市东安县,市财政局副局长,处长,是,财会、法律\n\
         乙二,女,1975.08,东安,东安县审计局局长,副处级,否,审计\n",
    )
    .unwrap();
    let out = xuncha_in(
        dir.path(),
        &["import", "r.csv", "--mapping", "m.toml", "--out", "case"],
    );
    // no round sheet: the tables are written, round.toml waits for groups
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report = stdout(&out);
    assert!(report.contains("处长 → 一级调研员: row 2"), "{report}");
    assert!(report.contains("round.toml has no groups"), "{report}");
    let round = std::fs::read_to_string(dir.path().join("case/round.toml")).unwrap();
    assert!(round.contains("year = 2025"), "{round}");
    assert!(round.contains("group_size = [2, 3]"), "{round}");
    let people = std::fs::read_to_string(dir.path().join("case/people.csv")).unwrap();
    // 财会 → finance and 法律 → legal (declared), 审计 → audit
    assert!(
        people
            .contains("甲一,男,1970.01,一级调研员,市财政局,云州市东安县,是,是,,,0,0,0,2,2,副局长"),
        "{people}"
    );
    assert!(people.contains("乙二,女,1975.08,副处级,东安县审计局,东安,否,是,,,0,0,2,0,0,局长"));
    // a mapping naming a column role that does not exist: exit 2, the file
    std::fs::write(
        dir.path().join("bad.toml"),
        "[columns]\n\"单位\" = \"units\"\n",
    )
    .unwrap();
    let out = xuncha_in(
        dir.path(),
        &["import", "r.csv", "--mapping", "bad.toml", "--out", "case2"],
    );
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("bad.toml: [columns] \"单位\" = \"units\": not a column of a roster"),
        "{}",
        stderr(&out)
    );
}

/// The lines of a report, the year of the run (the round's year when no
/// mapping file gives one) left out.
fn without_year(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    (0..lines.len())
        .filter(|&i| i == 0 || !lines[i - 1].contains("the round's year"))
        .map(|i| lines[i].to_string())
        .collect()
}

#[test]
fn the_readme_shows_the_report_of_the_data_roster() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let (_, after) = readme
        .split_once("<!-- import-report -->\n```text\n")
        .unwrap();
    let (shown, _) = after.split_once("\n```").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("roster-case");
    let out = xuncha(&[
        "import",
        "data/roster.xlsx",
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let printed = stdout(&out);
    let (_, printed) = printed.split_once('\n').unwrap();
    assert_eq!(without_year(shown), without_year(printed.trim_end()));
}

/// Every group's leader is on a rank step at least each member's.
fn leaders_outrank(case: &xuncha::Case, plan: &xuncha::Plan) {
    for pg in &plan.groups {
        for &l in &pg.leaders {
            for &m in &pg.members {
                assert!(
                    pg.leaders.contains(&m) || case.person(m).rank_step <= case.person(l).rank_step,
                    "{} leads {} who outranks",
                    case.person(l).name,
                    case.person(m).name
                );
            }
        }
    }
}

#[test]
fn plan_and_exact_keep_leaders_senior_and_check_says_so() {
    let (_d, dir) = copy_case("tiny");
    // 周组长 (P02) on 三级主任科员 (step 4): below every 正科 (step 6) member
    let people = dir.join("people.csv");
    let text = std::fs::read_to_string(&people).unwrap();
    std::fs::write(
        &people,
        text.replace("P02,周组长,F,1972,4,", "P02,周组长,F,1972,三级主任科员,"),
    )
    .unwrap();
    let case = load_case(&dir).unwrap();
    for exact in [false, true] {
        let out = dir.parent().unwrap().join(format!("plan-{exact}.csv"));
        let mut args = vec![
            "plan",
            dir.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        if exact {
            args.push("--exact");
        }
        let o = xuncha(&args);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let plan = xuncha::io::read_plan(&case, &out).unwrap().plan;
        leaders_outrank(&case, &plan);
        let c = xuncha(&[
            "check",
            dir.to_str().unwrap(),
            "--plan",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code(&c), 0, "{}", stdout(&c));
    }
    // the tiny plan has 周组长 lead G2 over 冯财务 (正科): check names the rule
    let c = xuncha(&[
        "check",
        dir.to_str().unwrap(),
        "--plan",
        "data/tiny-plan.csv",
    ]);
    assert_eq!(code(&c), 1);
    assert!(stdout(&c).contains("[leader-seniority]"), "{}", stdout(&c));
}
