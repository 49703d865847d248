//! `whatif`: scenario variants (deterministic, an unchanged variant moves
//! nobody, every plan keeps the rules, mistakes named with file and line),
//! `--capacity` and `--critical`.

use serde_json::Value;
use std::path::Path;
use std::process::Command;
use xuncha::io::case::{build_case, read_case_sheets};
use xuncha::validate::check_plan;
use xuncha::whatif::scenario::parse_scenario;
use xuncha::whatif::{capacity, critical, run_scenario, Settings};

fn xuncha(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xuncha"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Small budgets: the tests run in debug builds.
const FAST: [&str; 4] = ["--iterations", "20000", "--searches", "2"];

/// The binary with the small budgets.
fn xuncha_fast(args: &[&str]) -> std::process::Output {
    let mut all = args.to_vec();
    all.extend(FAST);
    xuncha(&all)
}

fn settings() -> Settings {
    Settings {
        seed: 1,
        iterations: Some(20_000),
        searches: 2,
        ..Settings::default()
    }
}

fn json_of(out: &std::process::Output) -> Value {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

#[test]
fn the_sample_scenario_in_json_is_the_same_on_one_thread_and_two() {
    let run = |threads: &str| {
        xuncha_fast(&[
            "whatif",
            "data/sample",
            "--scenario",
            "data/sample-scenario.toml",
            "--format",
            "json",
            "--threads",
            threads,
        ])
    };
    let one = run("1");
    let two = run("2");
    assert_eq!(
        String::from_utf8_lossy(&one.stdout),
        String::from_utf8_lossy(&two.stdout)
    );
    let v = json_of(&one);
    let cases = v.as_array().expect("an array");
    assert_eq!(cases.len(), 6, "the base and five variants");
    assert_eq!(cases[0]["name"], "base");
    assert_eq!(cases[0]["moved"], 0);
    for c in cases {
        assert!(c["name"].is_string());
        assert!(c["feasible"].is_boolean());
        assert!(c["moved"].is_u64());
        assert!(c["score"].is_object());
        if c["feasible"] == true {
            assert!(c["score"]["total"].is_number());
            assert!(c["score"]["terms"]["expertise.audit"]["value"].is_number());
        }
    }
    let named = |n: &str| cases.iter().find(|c| c["name"] == n).expect(n);
    // the G1 leader of the base plan is removed: they are out of the plan
    let v1 = named("G1组长谢莉萍不能参加");
    assert_eq!(v1["removed"], serde_json::json!(["P0204"]));
    let groups = v1["plan"]["groups"].as_array().unwrap();
    assert!(groups
        .iter()
        .all(|g| !g["members"].as_array().unwrap().contains(&"P0204".into())));
    let two_more = named("增派两个组");
    assert_eq!(two_more["groups"], 6);
    assert_eq!(two_more["added"], 3);
    assert!(two_more["into_added_groups"].as_u64().unwrap() >= 8);
}

#[test]
fn an_unchanged_variant_moves_nobody_and_every_plan_keeps_the_rules() {
    let sheets = read_case_sheets(Path::new("data/sample")).unwrap();
    let base = build_case(sheets.clone()).unwrap();
    let scenario = parse_scenario(
        r#"
[[variant]]
name = "unchanged"
policy = { max_same_unit = 1 }      # as the round has it

[[variant]]
name = "someone out of the base plan removed"
remove = ["P0001"]

[[variant]]
name = "auditors of R04 away"
remove_where = { region = "R04", area = "audit" }

[[variant]]
name = "audit 2"
requirements = { audit = 2 }
"#,
        "s.toml",
        Path::new("data"),
    )
    .unwrap();
    let cases = run_scenario(&sheets, &base, &scenario, None, &settings()).unwrap();
    assert_eq!(cases.len(), 5);
    let base_plan = &cases[0].result.as_ref().unwrap().plan;
    let in_base = |id: &str| {
        let p = base.person_by_id(id).unwrap();
        base_plan.groups.iter().any(|g| g.members.contains(&p))
    };
    assert!(!in_base("P0001"), "the test assumes P0001 is left out");
    for c in &cases {
        let o = c
            .result
            .as_ref()
            .unwrap_or_else(|_| panic!("{} has a plan", c.name));
        assert!(
            check_plan(&c.case, &o.plan).is_empty(),
            "{} breaks a rule",
            c.name
        );
    }
    assert_eq!(cases[1].moved(), 0, "unchanged: {:?}", cases[1].changes);
    assert_eq!(cases[1].quality(), cases[0].quality());
    assert_eq!(cases[2].moved(), 0, "{:?}", cases[2].changes);
    // the R04 auditors are gone from the plan
    let c = &cases[3];
    assert!(!c.removed.is_empty());
    let plan = &c.result.as_ref().unwrap().plan;
    for id in &c.removed {
        let p = c.case.person_by_id(id).unwrap();
        assert!(plan.groups.iter().all(|g| !g.members.contains(&p)));
        let x = c.case.person(p);
        assert_eq!(c.case.region(x.region), "R04");
    }
    // two auditors per group
    let plan = &cases[4].result.as_ref().unwrap().plan;
    let audit = cases[4]
        .case
        .round
        .areas
        .iter()
        .position(|a| a.key == "audit")
        .unwrap();
    for g in &plan.groups {
        let n = g
            .members
            .iter()
            .filter(|&&p| cases[4].case.person(p).levels[audit] >= 1)
            .count();
        assert!(n >= 2, "{n} auditors");
    }
}

#[test]
fn an_infeasible_variant_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path().join("s.toml");
    std::fs::write(
        &s,
        "[[variant]]\nname = \"nine auditors each\"\nrequirements = { audit = 9 }\n",
    )
    .unwrap();
    let mut args = vec![
        "whatif",
        "data/sample",
        "--scenario",
        s.to_str().unwrap(),
        "--format",
        "json",
    ];
    args.extend(FAST);
    let v = json_of(&xuncha(&args));
    assert_eq!(v[0]["feasible"], true);
    assert_eq!(v[1]["feasible"], false);
    let why = v[1]["why"].as_str().unwrap();
    assert!(why.contains("[requirement]"), "{why}");
    assert!(why.contains("audit"), "{why}");
    // and as a table (SPEC §6 spells the text format `table`)
    args[5] = "table";
    let out = xuncha(&args);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("no (see below)"), "{text}");
    assert!(text.contains("cause:"), "{text}");
}

#[test]
fn scenario_mistakes_name_the_file_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad-people.csv"),
        "id,name,gender,birth_year,rank,unit,leader\nQ1,甲,男,1980,3,NO-SUCH-UNIT,no\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("dup-people.csv"),
        "id,name,gender,birth_year,rank,unit,leader\nP0002,甲,男,1980,3,R01-D01,no\n",
    )
    .unwrap();
    let cases = [
        (
            "[[variant]]\nname = \"a\"\nremove = [\"P9999\"]\n",
            vec!["s.toml", "line 3", "unknown person P9999"],
        ),
        (
            "[[variant]]\nname = \"a\"\nremove_where = { unit = \"X-1\" }\n",
            vec!["s.toml", "line 3", "unknown unit X-1"],
        ),
        (
            "[[variant]]\nname = \"a\"\nremove_where = { area = \"cooking\" }\n",
            vec!["s.toml", "unknown area cooking"],
        ),
        (
            "[[variant]]\nname = \"a\"\nrequirements = { cooking = 1 }\n",
            vec!["s.toml", "line 3", "unknown area cooking"],
        ),
        (
            "[[variant]]\nname = \"a\"\npolicy = { max_same_unit = 0 }\n",
            vec!["s.toml", "line 3", "max_same_unit"],
        ),
        (
            "[[variant]]\nname = \"a\"\nadd_people = \"bad-people.csv\"\n",
            vec!["bad-people.csv", "line 2", "unknown unit NO-SUCH-UNIT"],
        ),
        (
            "[[variant]]\nname = \"a\"\nadd_people = \"dup-people.csv\"\n",
            vec![
                "dup-people.csv",
                "duplicate person id P0002",
                "people.csv line",
            ],
        ),
        (
            "[[variant]]\nname = \"a\"\nadd_people = \"missing.csv\"\n",
            vec!["missing.csv"],
        ),
        (
            "[[variant]]\nname = \"a\"\nadd_groups = [{ id = \"G1\", targets = [\"R03-D06\"] }]\n",
            vec!["s.toml", "line 3", "G1 is declared twice"],
        ),
        (
            "[[variant]]\nname = \"a\"\nremvoe = [1]\n",
            vec!["s.toml", "remvoe"],
        ),
    ];
    for (text, wants) in cases {
        let s = dir.path().join("s.toml");
        std::fs::write(&s, text).unwrap();
        let out = xuncha(&["whatif", "data/sample", "--scenario", s.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{text}: {err}");
        for w in wants {
            assert!(err.contains(w), "{text}: wanted {w:?} in {err}");
        }
        assert!(!err.contains("panicked"), "{err}");
    }
    // no question asked: a usage error
    let out = xuncha(&["whatif", "data/sample"]);
    assert_eq!(out.status.code(), Some(2));
}

/// A Chinese reader gets a scenario's mistakes in Chinese: each place as
/// `文件 第N行，键`, each message without the English sentence.
#[test]
fn scenario_mistakes_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("", vec!["情景文件中没有变体"], "no variant"),
        ("[[variant]]\nname = \"\"\n", vec!["第2行", "变体需要名称"], "needs a name"),
        ("[[variant]]\nname = \"base\"\n", vec!["“base”指未作改动的案例"], "unchanged case"),
        (
            "[[variant]]\nname = \"a\"\n[[variant]]\nname = \"a\"\n",
            vec!["第4行", "有两个变体都名为“a”"],
            "two variants",
        ),
        (
            "[[variant]]\nname = \"a\"\nremove_where = { min_level = 2 }\n",
            vec!["第3行", "须给出 unit、region 或 area"],
            "give unit",
        ),
        (
            "[[variant]]\nname = \"a\"\nremove_where = { area = \"audit\", min_level = 4 }\n",
            vec!["min_level 4 不是 1～3 级"],
            "is not a level",
        ),
        (
            "[[variant]]\nname = \"a\"\nremove_where = { unti = \"X\" }\n",
            vec!["请写成"],
            "give a table",
        ),
        (
            "[[variant]]\nname = \"a\"\nremove = [\"P9999\"]\n",
            vec!["第3行", "人才库中没有编号为 P9999 的人"],
            "unknown person",
        ),
        (
            "[[variant]]\nname = \"a\"\nremove_where = [{ unit = \"X-1\" }, { region = \"R99\" }]\n",
            vec!["没有单位 X-1", "没有地区 R99；案例的地区为：R00、R01"],
            "unknown",
        ),
        (
            "[[variant]]\nname = \"a\"\nremove_where = { area = \"cooking\" }\n",
            vec!["没有专长领域 cooking；本轮的领域为：discipline、organization"],
            "unknown area",
        ),
        (
            "[[variant]]\nname = \"a\"\nadd_people = \"missing.csv\"\n",
            vec!["第3行", "无法读取 missing.csv"],
            "cannot read",
        ),
    ];
    for (text, wants, english) in cases {
        let s = dir.path().join("s.toml");
        std::fs::write(&s, text).unwrap();
        let out = xuncha(&[
            "whatif",
            "data/sample",
            "--scenario",
            s.to_str().unwrap(),
            "--lang",
            "zh",
        ]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{text}: {err}");
        assert!(err.contains("错误：输入数据有"), "{text}: {err}");
        for w in wants {
            assert!(err.contains(w), "{text}: wanted {w:?} in {err}");
        }
        assert!(
            !err.contains(english),
            "{text}: English {english:?} in {err}"
        );
    }
    // a variant removing nobody says so in Chinese, naming the filter
    let s = dir.path().join("s.toml");
    std::fs::write(
        &s,
        "[[variant]]\nname = \"nobody\"\nremove_where = { unit = \"R01-D01\", area = \"audit\", min_level = 3 }\n",
    )
    .unwrap();
    let mut args = vec![
        "whatif",
        "data/sample",
        "--scenario",
        s.to_str().unwrap(),
        "--lang",
        "zh",
    ];
    args.extend(FAST);
    let out = xuncha(&args);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("remove_where {单位 R01-D01；audit ≥ 3} 没有匹配到任何人"),
        "{text}"
    );
}

#[test]
fn capacity_of_tiny_is_its_two_groups_for_want_of_leaders() {
    let mut args = vec!["whatif", "data/tiny", "--capacity", "--format", "json"];
    args.extend(FAST);
    let v = json_of(&xuncha(&args));
    assert_eq!(v["round_staffed"], true);
    assert_eq!(v["more"], 0);
    assert_eq!(v["next"]["result"], "impossible");
    assert_eq!(v["next"]["rule"], "leader");
    assert_eq!(v["proven_impossible_from"], 1);
}

#[test]
fn capacity_is_a_threshold_the_search_reaches() {
    let case = xuncha::gen::synthetic_case(&xuncha::gen::GenOptions {
        tight: true,
        ..xuncha::gen::GenOptions::new(150, 5, 3)
    });
    let c = capacity::capacity(&case, &settings());
    assert!(c.round_staffed.is_ok());
    let bound = c.resources.iter().map(|r| r.groups).min().unwrap();
    assert!(
        5 + c.more <= bound,
        "{} more beyond the counting bound {bound}",
        c.more
    );
    assert!(c.proven_impossible_from > c.more);
    assert!(!matches!(c.next, Some(capacity::Probe::Staffed) | None));
    // the answer is backed by a plan that keeps every rule
    let bigger = capacity::with_extra_groups(&case, c.more);
    assert_eq!(bigger.round.groups.len(), 5 + c.more);
    let (_, r) = xuncha::whatif::solve_case(&bigger, None, None, &settings(), false);
    let plan = r.expect("the capacity found is staffed").plan;
    assert!(check_plan(&bigger, &plan).is_empty());
    // the same answer on one thread
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let again = pool.install(|| capacity::capacity(&case, &settings()));
    assert_eq!(again.more, c.more);
}

#[test]
fn critical_ranks_the_only_leaders_of_tiny_first() {
    let case = xuncha::io::load_case(Path::new("data/tiny")).unwrap();
    let c = critical::critical(&case, None, &settings(), None);
    assert!(c.base_score.is_some());
    let first_two: Vec<&str> = c.entries[..2].iter().map(|e| e.person.as_str()).collect();
    assert_eq!(first_two, ["P01", "P02"], "{:#?}", c.entries);
    for e in &c.entries[..2] {
        match &e.effect {
            critical::Effect::Infeasible { proven, why } => {
                assert!(proven);
                assert!(why.contains("[leader]"), "{why}");
            }
            other => panic!("{other:?}"),
        }
        assert!(e.is_critical());
    }
    // everyone of the base plan is listed once
    let placed: usize = {
        let (_, r) = xuncha::whatif::solve_case(&case, None, None, &settings(), true);
        r.unwrap().plan.groups.iter().map(|g| g.members.len()).sum()
    };
    assert_eq!(c.entries.len(), placed);
    // text and JSON through the command line, the same on 1 and 2 threads
    let run = |threads: &str| {
        xuncha_fast(&[
            "whatif",
            "data/tiny",
            "--critical",
            "--format",
            "json",
            "--threads",
            threads,
        ])
    };
    let one = run("1");
    assert_eq!(one.stdout, run("2").stdout);
    let v = json_of(&one);
    assert_eq!(v["people"][0]["person"], "P01");
    assert_eq!(v["people"][0]["effect"], "infeasible");
    assert_eq!(v["people"][0]["critical"], true);
    let mut args = vec!["whatif", "data/tiny", "--critical"];
    args.extend(FAST);
    let text = String::from_utf8_lossy(&xuncha(&args).stdout).into_owned();
    assert!(text.contains("P01 林组长"), "{text}");
    assert!(text.contains("infeasible:"), "{text}");
}

#[test]
fn a_given_base_plan_is_the_base_and_a_broken_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path().join("s.toml");
    std::fs::write(
        &s,
        "[[variant]]\nname = \"unchanged\"\npolicy = { max_same_unit = 1 }\n",
    )
    .unwrap();
    let mut args = vec![
        "whatif",
        "data/sample",
        "--scenario",
        s.to_str().unwrap(),
        "--base-plan",
        "data/sample-plan.csv",
        "--format",
        "json",
    ];
    args.extend(FAST);
    let v = json_of(&xuncha(&args));
    // the base is the plan given, group by group
    let case = xuncha::io::load_case(Path::new("data/sample")).unwrap();
    let given = xuncha::io::read_plan(&case, Path::new("data/sample-plan.csv"))
        .unwrap()
        .plan;
    for (g, pg) in given.groups.iter().enumerate() {
        let ids: Vec<Value> = pg
            .members
            .iter()
            .map(|&p| Value::from(case.person(p).id.clone()))
            .collect();
        let mut shown = v[0]["plan"]["groups"][g]["members"]
            .as_array()
            .unwrap()
            .clone();
        let mut want = ids.clone();
        shown.sort_by_key(|x| x.to_string());
        want.sort_by_key(|x| x.to_string());
        assert_eq!(shown, want);
    }
    assert_eq!(v[0]["status"], "the base plan given (--base-plan)");
    assert_eq!(v[1]["moved"], 0, "{}", v[1]["changes"]);
    // a plan breaking a rule is not a base
    let out = xuncha(&[
        "whatif",
        "data/tiny",
        "--critical",
        "--base-plan",
        "data/tiny-plan-broken.csv",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("tiny-plan-broken.csv") && err.contains("breaks"),
        "{err}"
    );
}

#[test]
fn the_comparison_is_written_as_a_workbook_or_json() {
    use calamine::{open_workbook, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path().join("s.toml");
    std::fs::write(
        &s,
        "[[variant]]\nname = \"P01 out\"\nremove = [\"P01\"]\n\n[[variant]]\nname = \"P15 out\"\nremove = [\"P15\"]\n",
    )
    .unwrap();
    let write = |name: &str| {
        let out = dir.path().join(name);
        let mut args = vec![
            "whatif",
            "data/tiny",
            "--scenario",
            s.to_str().unwrap(),
            "--format",
            "json",
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend(FAST);
        let o = xuncha(&args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        (o.stdout, std::fs::read(&out).unwrap())
    };
    let (stdout, json) = write("w.json");
    assert_eq!(
        serde_json::from_slice::<Value>(&stdout).unwrap(),
        serde_json::from_slice::<Value>(&json).unwrap()
    );
    let (_, a) = write("a.xlsx");
    let (_, b) = write("b.xlsx");
    assert_eq!(a, b, "the same workbook bytes twice");
    let mut book: Xlsx<_> = open_workbook(dir.path().join("a.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["对比", "变动"]);
    let table = book.worksheet_range("对比").unwrap();
    let cells: Vec<String> = table.cells().map(|(_, _, c)| c.to_string()).collect();
    for want in ["base", "P01 out", "P15 out", "feasible", "[leader]"] {
        assert!(
            cells.iter().any(|c| c.contains(want)),
            "{want} in {cells:?}"
        );
    }
    let moves = book.worksheet_range("变动").unwrap();
    assert!(moves.cells().any(|(_, _, c)| *c == "P15"));
    // any other extension is refused before solving
    let o = xuncha(&[
        "whatif",
        "data/tiny",
        "--scenario",
        s.to_str().unwrap(),
        "--out",
        "w.txt",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_round_that_cannot_be_staffed_is_said_so_by_capacity_and_critical() {
    for q in ["--capacity", "--critical"] {
        let out = xuncha_fast(&["whatif", "data/starved", q]);
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("G1 has no eligible leader"), "{text}");
        assert!(
            text.contains("see why: xuncha explain data/starved"),
            "{text}"
        );
    }
    let v = json_of(&xuncha_fast(&[
        "whatif",
        "data/starved",
        "--capacity",
        "--format",
        "json",
    ]));
    assert_eq!(v["round_staffed"], false);
    assert!(v["why_not"].as_str().unwrap().contains("[leader]"));
}

/// The reports speak the user's language: every line of `--capacity` and
/// `--critical` in Chinese, with the reasons in Chinese too.
#[test]
fn the_reports_are_in_chinese_when_asked() {
    for (args, head) in [
        (vec!["--capacity"], "可组建组数："),
        (vec!["--critical", "--top", "3"], "关键人员："),
        (
            vec!["--scenario", "data/sample-scenario.toml"],
            "情景分析：",
        ),
    ] {
        let mut all = vec!["whatif", "data/sample", "--lang", "zh"];
        all.extend(args);
        let out = xuncha_fast(&all);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.starts_with(head), "{text}");
        for english in [
            "capacity:",
            "critical people",
            "what-if:",
            "no plan",
            "moved (",
            "score (lower",
        ] {
            assert!(!text.contains(english), "{english:?} in {text}");
        }
    }
}
