//! The command line on the documented samples in data/: exit codes, planted
//! violations of every rule, bad input naming file, row and column, and the
//! feasibility report finding a starved group.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use xuncha::model::{Case, Plan, RuleId};
use xuncha::{io, validate};

fn xuncha(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xuncha"))
        .env("LC_ALL", "C")
        .env("LANG", "C")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited")
}

/// A copy of a data/ case in a temp dir, to spoil one file at a time.
fn copy_case(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join(name);
    std::fs::create_dir(&to).unwrap();
    for e in std::fs::read_dir(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data")
            .join(name),
    )
    .unwrap()
    {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
    (dir, to)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn write_plan_csv(case: &Case, plan: &Plan, path: &Path) {
    let mut s = String::from("group,role,person_id\n");
    for pg in &plan.groups {
        for &p in &pg.members {
            let role = if pg.leaders.contains(&p) {
                "leader"
            } else {
                "member"
            };
            s.push_str(&format!(
                "{},{role},{}\n",
                case.group(pg.group).id,
                case.person(p).id
            ));
        }
        for &p in &pg.leaders {
            if !pg.members.contains(&p) {
                s.push_str(&format!(
                    "{},leader,{}\n",
                    case.group(pg.group).id,
                    case.person(p).id
                ));
            }
        }
    }
    std::fs::write(path, s).unwrap();
}

#[test]
fn check_accepts_the_sample_plan() {
    for case in ["data/sample", "data/sample.xlsx"] {
        let o = xuncha(&["check", case, "--plan", "data/sample-plan.csv"]);
        assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
        assert!(stdout(&o).contains("valid: the plan keeps every rule (22 people in 4 groups)"));
    }
    let o = xuncha(&["check", "data/tiny", "--plan", "data/tiny-plan.csv"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
}

/// Every one-step change of the sample plan (add someone to a group, drop a
/// member, hand the lead to a member) that breaks one rule, by rule and finer
/// reason, first found in a fixed order: a change with a single violation if
/// there is one, else one whose violations all name the same culprit (a
/// current post at a target always comes with its region, for instance).
fn single_rule_plants(
    case: &Case,
    base: &Plan,
) -> BTreeMap<(RuleId, &'static str), (Plan, String)> {
    let mut plans: Vec<Plan> = Vec::new();
    for g in case.group_ids() {
        for p in case.person_ids() {
            let mut plan = base.clone();
            plan.groups[g.ix()].members.push(p);
            plans.push(plan);
        }
        for &m in &base.groups[g.ix()].members {
            let mut plan = base.clone();
            plan.groups[g.ix()].members.retain(|&x| x != m);
            plan.groups[g.ix()].leaders.retain(|&x| x != m);
            plans.push(plan);
            let mut plan = base.clone();
            plan.groups[g.ix()].leaders = vec![m];
            plans.push(plan);
        }
        // two of one group's members dropped: too few
        let ms = &base.groups[g.ix()].members;
        for i in 1..ms.len() {
            let mut plan = base.clone();
            plan.groups[g.ix()]
                .members
                .retain(|&x| x != ms[i] && x != ms[(i % (ms.len() - 1)) + 1]);
            plans.push(plan);
        }
    }
    let mut found = BTreeMap::new();
    let checked: Vec<_> = plans
        .into_iter()
        .map(|plan| (validate::check_plan(case, &plan), plan))
        .collect();
    for (v, plan) in &checked {
        if v.len() == 1 {
            // the culprit, or for a group-level rule the group
            let who = v[0].person.clone().or(v[0].group.clone()).unwrap();
            found
                .entry((v[0].rule, v[0].reason))
                .or_insert((plan.clone(), who));
        }
    }
    for (v, plan) in &checked {
        let one_culprit = !v.is_empty()
            && v.iter()
                .all(|x| x.person.is_some() && x.person == v[0].person);
        if one_culprit {
            for x in v {
                found
                    .entry((x.rule, x.reason))
                    .or_insert((plan.clone(), x.person.clone().unwrap()));
            }
        }
    }
    found
}

#[test]
fn check_flags_planted_violations_of_every_rule_on_the_sample() {
    let case = io::load_case("data/sample".as_ref()).unwrap();
    let base = io::read_plan(&case, "data/sample-plan.csv".as_ref())
        .unwrap()
        .plan;
    let plants = single_rule_plants(&case, &base);
    let reasons: Vec<(RuleId, &str)> = plants.keys().copied().collect();
    for want in [
        (RuleId::PostAvoidance, "current-post"),
        (RuleId::PostAvoidance, "past-post"),
        (RuleId::PostAvoidance, "kin"),
        (RuleId::PostAvoidance, "relative"),
        (RuleId::RegionAvoidance, "region"),
        (RuleId::RegionAvoidance, "native"),
        (RuleId::BusinessAvoidance, "declared-conflict"),
        (RuleId::BusinessAvoidance, "business-tie"),
        (RuleId::OneGroup, "one-group"),
        (RuleId::Unavailable, "unavailable"),
        (RuleId::Unavailable, "excluded"),
        (RuleId::GroupSize, "too-many"),
        (RuleId::GroupSize, "too-few"),
        (RuleId::Leader, "not-in-leader-pool"),
        (RuleId::LeaderSeniority, "leader-junior"),
        (RuleId::KinSameGroup, "kin"),
        (RuleId::MixingRegion, "same-region"),
        (RuleId::MixingUnit, "same-unit"),
        (RuleId::Reciprocal, "reciprocal"),
        (RuleId::Requirement, "requirement"),
    ] {
        assert!(
            reasons.contains(&want),
            "no single-rule plant for {want:?}; found {reasons:?}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    for ((rule, reason), (plan, culprit)) in &plants {
        let path = dir.path().join(format!("{rule}-{reason}.csv"));
        write_plan_csv(&case, plan, &path);
        let o = xuncha(&["check", "data/sample", "--plan", path.to_str().unwrap()]);
        let out = stdout(&o);
        assert_eq!(code(&o), 1, "{rule}/{reason}: {out}");
        assert!(out.contains(&format!("[{rule}]")), "{rule}/{reason}: {out}");
        assert!(
            out.contains(culprit.as_str()),
            "{rule}/{reason} should name {culprit}: {out}"
        );
        // and the same in JSON
        let o = xuncha(&[
            "check",
            "data/sample",
            "--plan",
            path.to_str().unwrap(),
            "--format",
            "json",
        ]);
        assert_eq!(code(&o), 1);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["valid"], false);
        let hit = v["violations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["rule"] == rule.as_str() && x["reason"] == *reason);
        assert!(hit, "{rule}/{reason}: {v}");
    }
}

#[test]
fn check_reads_json_plans_and_reports_every_violation() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    // P07 is barred from G1 (post at a village under A-T1), P03 sits in two groups
    std::fs::write(
        &plan,
        r#"{"groups": [
            {"id": "G1", "leaders": ["P01"], "members": ["P01", "P03", "P04", "P07"]},
            {"id": "G2", "targets": ["B-AUD"], "leaders": ["P02"], "members": ["P02", "P05", "P06", "P03"]}
        ]}"#,
    )
    .unwrap();
    let o = xuncha(&["check", "data/tiny", "--plan", plan.to_str().unwrap()]);
    let out = stdout(&o);
    assert_eq!(code(&o), 1, "{out}");
    assert!(
        out.contains("[post-avoidance] G1 · P07 陈曾任 · target A-T1"),
        "{out}"
    );
    assert!(out.contains("[one-group] G2 · P03 吴审计"), "{out}");
    assert!(out.contains("invalid: 2 violations of 2 rules"), "{out}");
}

#[test]
fn check_warns_when_a_name_does_not_match_the_id() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.csv");
    let text = std::fs::read_to_string("data/tiny-plan.csv").unwrap();
    std::fs::write(
        &plan,
        text.replace("G1,member,P03,吴审计", "G1,member,P03,吴审"),
    )
    .unwrap();
    let o = xuncha(&["check", "data/tiny", "--plan", plan.to_str().unwrap()]);
    assert_eq!(code(&o), 0);
    assert!(
        stderr(&o).contains(
            "plan.csv: line 3, column D \"name\": the name 吴审 does not match P03, who is 吴审计"
        ),
        "{}",
        stderr(&o)
    );
}

/// Bad input: exit 2, the error names file, row (line) and column.
fn expect_input_error(case: &Path, plan: &str, wanted: &[&str]) {
    let o = xuncha(&["check", case.to_str().unwrap(), "--plan", plan]);
    let err = stderr(&o);
    assert_eq!(code(&o), 2, "stdout: {}\nstderr: {err}", stdout(&o));
    for w in wanted {
        assert!(err.contains(w), "missing {w:?} in:\n{err}");
    }
}

#[test]
fn bad_people_are_named_by_file_row_and_column() {
    let (_d, case) = copy_case("tiny");
    edit(
        &case.join("people.csv"),
        "P04,郑组织,F,1988,2,D-ORG",
        "P04,郑组织,X,19x8,2,D-ORGG",
    );
    expect_input_error(
        &case,
        "data/tiny-plan.csv",
        &[
            "the input has 3 problems",
            "people.csv: line 5, column C \"gender\": \"X\" is not a gender: M/F or 男/女",
            "people.csv: line 5, column D \"birth_year\": \"19x8\" is not a whole number",
            "people.csv: line 5, column F \"unit\": unknown unit D-ORGG",
        ],
    );
}

#[test]
fn chinese_headers_are_named_as_written() {
    let (_d, case) = copy_case("sample");
    edit(&case.join("people.csv"), ",R03-D02,", ",R03-D99,");
    let o = xuncha(&["explain", case.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("column F \"工作单位\" (unit): unknown unit R03-D99"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn bad_units_posts_and_relations_are_all_listed() {
    let (_d, case) = copy_case("tiny");
    let units = case.join("units.csv");
    edit(
        &units,
        "A-T2,甲县二镇,A,township,",
        "A-T2,甲县二镇,A,township,A-T2-V1",
    );
    edit(
        &units,
        "E-T1,戊县一镇,E,township,",
        "E-T1,戊县一镇,E,township,\nE-FIN,重复,E,department,",
    );
    edit(
        &case.join("posts.csv"),
        "P07,A-T1-V1,2019,2023",
        "P07,A-T1-V1,2023,2019",
    );
    edit(
        &case.join("relations.csv"),
        "kin,P09,P10,兄妹",
        "kin,P09,P09,兄妹\nfriend,P01,P02,",
    );
    expect_input_error(
        &case,
        "data/tiny-plan.csv",
        &[
            "units.csv: line 6, column \"parent\": parent cycle: A-T2, A-T2-V1 belong to each other",
            "units.csv: line 23, column A \"id\": duplicate unit id E-FIN (first at line 19)",
            "posts.csv: line 2, column D \"to_year\": the post ends in 2019, before it starts in 2023",
            "relations.csv: line 2, column C \"b\": P09 is named as kin of themself",
            "relations.csv: line 3, column A \"kind\": \"friend\" is not a relation kind",
        ],
    );
}

#[test]
fn unknown_columns_are_errors_not_dropped() {
    let (_d, case) = copy_case("tiny");
    edit(
        &case.join("relations.csv"),
        "kind,a,b,note",
        "kind,a,b,note,remark",
    );
    expect_input_error(
        &case,
        "data/tiny-plan.csv",
        &["relations.csv: line 1, column E \"remark\": unknown column"],
    );
}

#[test]
fn bad_round_is_named_by_line() {
    let (_d, case) = copy_case("tiny");
    let round = case.join("round.toml");
    edit(&round, "audit = 1", "audit = 1\nengineering = 1");
    edit(
        &round,
        "targets = [\"B-AUD\"]",
        "targets = [\"B-AUD\", \"A-T1\", \"Z-99\"]",
    );
    expect_input_error(
        &case,
        "data/tiny-plan.csv",
        &[
            "round.toml: line 18, column requirements.engineering: unknown area engineering",
            "column groups.targets: target A-T1 is in group G1 and in group G2",
            "column groups.targets: group G2: unknown target unit Z-99",
        ],
    );
}

#[test]
fn a_pin_that_breaks_a_rule_is_an_input_error_naming_the_rule() {
    let (_d, case) = copy_case("tiny");
    edit(
        &case.join("round.toml"),
        "person = \"P05\"\ngroup = \"G2\"",
        "person = \"P12\"\ngroup = \"G1\"",
    );
    expect_input_error(
        &case,
        "data/tiny-plan.csv",
        &["round.toml: line 28, column pins: pin of P12 to G1 breaks rule region-avoidance: P12 韩甲县 is from region A"],
    );
}

#[test]
fn bad_plans_and_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.csv");
    std::fs::write(&plan, "group,role,person_id\nG1,leader,P01\nG9,boss,P99\n").unwrap();
    expect_input_error(
        Path::new("data/tiny"),
        plan.to_str().unwrap(),
        &[
            "plan.csv: line 3, column A \"group\": unknown group G9; the round's groups are G1, G2",
            "plan.csv: line 3, column B \"role\": \"boss\" is not a role",
            "plan.csv: line 3, column C \"person_id\": unknown person P99",
        ],
    );
    let (_d, case) = copy_case("tiny");
    std::fs::remove_file(case.join("people.csv")).unwrap();
    expect_input_error(&case, "data/tiny-plan.csv", &["people.csv: missing"]);
    let o = xuncha(&["explain", "no/such/case"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no/such/case: no such directory or workbook"));
}

#[test]
fn gbk_csv_gets_a_plain_explanation() {
    let (_d, case) = copy_case("tiny");
    let mut bytes = std::fs::read(case.join("units.csv")).unwrap();
    bytes.extend_from_slice(b"F-1,\xb2\xe2\xca\xd4,F,department,\n");
    std::fs::write(case.join("units.csv"), bytes).unwrap();
    expect_input_error(
        &case,
        "data/tiny-plan.csv",
        &["units.csv: line 23", "neither UTF-8 nor GBK", "CSV UTF-8"],
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(code(&xuncha(&["check", "data/tiny"])), 2);
    assert_eq!(code(&xuncha(&["frobnicate"])), 2);
    assert_eq!(code(&xuncha(&["--help"])), 0);
    let o = xuncha(&["explain", "data/tiny", "--person", "P99"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no person P99"));
}

#[test]
fn explain_finds_the_starved_group() {
    let o = xuncha(&["explain", "data/starved"]);
    let out = stdout(&o);
    assert_eq!(code(&o), 1, "{out}");
    assert!(
        out.contains("cause: G1 has no eligible leader (needs 1) (leader)"),
        "{out}"
    );
    assert!(out.contains("hint: add a leader from outside A"), "{out}");
    let o = xuncha(&["explain", "data/starved", "--format", "json"]);
    assert_eq!(code(&o), 1);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["findings"][0]["groups"][0], "G1");
    assert_eq!(v["findings"][0]["rule"], "leader");
}

#[test]
fn explain_on_the_sample_finds_nothing_starved() {
    let o = xuncha(&["explain", "data/sample"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains("no group is starved"));
}

#[test]
fn explain_a_person_a_group_and_a_target() {
    let o = xuncha(&["explain", "data/tiny", "--person", "P07"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(out.contains("rules 1–3 allow: G2"), "{out}");
    assert!(
        out.contains("not G1:\n    [post-avoidance] P07 陈曾任 held a post at A-T1-V1"),
        "{out}"
    );

    let o = xuncha(&["explain", "data/tiny", "--group", "G2"]);
    let out = stdout(&o);
    assert!(out.contains("G2 inspects B-AUD 乙县审计局"), "{out}");
    assert!(out.contains("business-avoidance      2"), "{out}");

    let o = xuncha(&[
        "explain",
        "data/tiny",
        "--person",
        "P17",
        "--target",
        "A-T2",
    ]);
    assert!(
        stdout(&o).contains("P17 许二镇 may not inspect A-T2 甲县二镇"),
        "{}",
        stdout(&o)
    );
    let o = xuncha(&[
        "explain",
        "data/tiny",
        "--person",
        "P17",
        "--target",
        "A-T1",
    ]);
    assert!(
        stdout(&o).contains("P17 许二镇 may inspect A-T1 甲县一镇"),
        "{}",
        stdout(&o)
    );
    let o = xuncha(&[
        "explain",
        "data/tiny",
        "--person",
        "P12",
        "--target",
        "A-T1",
    ]);
    assert!(
        stdout(&o).contains("[region-avoidance] P12 韩甲县 is from region A"),
        "{}",
        stdout(&o)
    );

    let o = xuncha(&[
        "explain",
        "data/tiny",
        "--target",
        "A-T1",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["group"], "G1");
    // P06, P10 and P12 work in region A, P13 was born there
    assert_eq!(
        v["not_eligible_per_rule"]["region-avoidance"].as_u64(),
        Some(4)
    );
}

#[test]
fn convert_writes_a_workbook_that_reads_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("tiny.xlsx");
    let o = xuncha(&["convert", "data/tiny", "--out", book.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let from_csv = io::load_case("data/tiny".as_ref()).unwrap();
    let from_book = io::load_case(&book).unwrap();
    assert_eq!(from_csv.round.policy, from_book.round.policy);
    assert_eq!(from_csv.round.pins.len(), from_book.round.pins.len());
    let a = xuncha::constraints::Eligibility::build(&from_csv);
    let b = xuncha::constraints::Eligibility::build(&from_book);
    assert_eq!(a, b);
    // the committed sample workbook is the sample directory, converted
    let a =
        xuncha::constraints::Eligibility::build(&io::load_case("data/sample".as_ref()).unwrap());
    let b = xuncha::constraints::Eligibility::build(
        &io::load_case("data/sample.xlsx".as_ref()).unwrap(),
    );
    assert_eq!(a, b);
}

#[test]
fn one_bad_cell_is_one_error_not_a_cascade() {
    // P07 has a past post and P11 a relative: their rows fail, their facts are not "unknown"
    let (_d, case) = copy_case("tiny");
    let people = case.join("people.csv");
    edit(&people, "P07,陈曾任,M,", "P07,陈曾任,X,");
    edit(
        &people,
        "P11,沈亲戚,M,1984,2,E-GOV",
        "P11,沈亲戚,M,1984,9,E-GOV",
    );
    let o = xuncha(&["explain", case.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(code(&o), 2);
    assert!(err.contains("the input has 2 problems"), "{err}");
    assert!(
        err.contains("people.csv: line 8, column C \"gender\""),
        "{err}"
    );
    assert!(
        err.contains("people.csv: line 12, column E \"rank\""),
        "{err}"
    );
    assert!(!err.contains("unknown person"), "{err}");
}

#[test]
fn leaders_per_group_zero_is_refused() {
    let (_d, case) = copy_case("tiny");
    edit(
        &case.join("round.toml"),
        "leaders_per_group = 1",
        "leaders_per_group = 0",
    );
    let o = xuncha(&["explain", case.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("column policy.leaders_per_group: must be at least 1"),
        "{}",
        stderr(&o)
    );
}
