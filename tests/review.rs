//! `replace` and `diff` on the sample: applying the top replacement gives a
//! plan `check` accepts, with the score changed by exactly the reported
//! amount; a refused alternative names the rule; `diff` names who moved and
//! both scores.

mod common;

use common::*;
use std::path::Path;
use xuncha::constraints::Eligibility;
use xuncha::io::{load_case, read_plan};
use xuncha::review::{apply, replacements};
use xuncha::solve::{evaluate, ScoreModel};

/// A plan of the sample on a small budget (so that alternatives differ).
fn sample_plan(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("plan.csv");
    let o = xuncha(&[
        "plan",
        "data/sample",
        "--iterations",
        "20000",
        "--seed",
        "3",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    out
}

#[test]
fn the_top_replacement_keeps_every_rule_and_changes_the_score_by_its_delta() {
    let d = tempfile::tempdir().unwrap();
    let plan_path = sample_plan(d.path());
    let case = load_case(&root().join("data/sample")).unwrap();
    let plan = read_plan(&case, &plan_path).unwrap().plan;
    let elig = Eligibility::build(&case);
    let model = ScoreModel::new(&case, &elig, None);
    let before = evaluate(&case, &model, &plan).total(&model);
    let mut tried = 0;
    for pg in &plan.groups {
        for &who in pg.members.iter().take(2) {
            let r = replacements(&case, &elig, &model, &plan, who, 5);
            let Some(top) = r.allowed.first() else {
                continue;
            };
            tried += 1;
            let after = apply(&case, &plan, who, top.change);
            assert!(
                xuncha::validate::check_plan(&case, &after).is_empty(),
                "{}: the top replacement breaks a rule",
                case.person_label(who)
            );
            let total = evaluate(&case, &model, &after).total(&model);
            assert!(
                (total - before - top.delta).abs() < 1e-9,
                "{}: reported {} but the score moved {}",
                case.person_label(who),
                top.delta,
                total - before
            );
            // the CLI reports the same, and `check` accepts the applied plan
            let o = xuncha(&[
                "replace",
                "data/sample",
                "--plan",
                plan_path.to_str().unwrap(),
                "--person",
                &case.person(who).id,
                "--top",
                "5",
                "--format",
                "json",
            ]);
            assert_eq!(code(&o), 0, "{}", stderr(&o));
            let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
            let delta = json["allowed"][0]["delta"].as_f64().unwrap();
            assert!((delta - top.delta).abs() < 1e-9, "{json}");
            for refused in json["refused"].as_array().unwrap() {
                assert!(refused["refused"]["rule"].is_string(), "{refused}");
            }
            let applied = d.path().join("applied.csv");
            std::fs::write(&applied, xuncha::io::output::plan_csv(&case, &after)).unwrap();
            let o = xuncha(&["check", "data/sample", "--plan", applied.to_str().unwrap()]);
            // the sample's blank 籍贯 are a notice, not a hidden rule
            assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
            // and diff names exactly who moved, with the two totals
            let o = xuncha(&[
                "diff",
                "data/sample",
                plan_path.to_str().unwrap(),
                applied.to_str().unwrap(),
                "--format",
                "json",
            ]);
            assert_eq!(code(&o), 1, "{}", stderr(&o));
            let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
            let moved = json["changes"].as_array().unwrap().len();
            assert!(moved == 2, "a replacement or swap moves two people: {json}");
            let (a, b) = (
                json["a"]["total"].as_f64().unwrap(),
                json["b"]["total"].as_f64().unwrap(),
            );
            assert!((b - a - top.delta).abs() < 1e-9, "{json}");
        }
    }
    assert!(tried >= 4, "only {tried} people had an allowed alternative");
}

#[test]
fn a_refused_alternative_names_its_rule_in_words() {
    let d = tempfile::tempdir().unwrap();
    let plan_path = sample_plan(d.path());
    let case = load_case(&root().join("data/sample")).unwrap();
    let plan = read_plan(&case, &plan_path).unwrap().plan;
    let leader = plan.groups[0].leaders[0];
    for (lang, says) in [("en", "refused by ["), ("zh", "不可：[")] {
        let o = xuncha(&[
            "--lang",
            lang,
            "replace",
            "data/sample",
            "--plan",
            plan_path.to_str().unwrap(),
            "--person",
            &case.person(leader).id,
        ]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert!(stdout(&o).contains(says), "{lang}: {}", stdout(&o));
    }
}

#[test]
fn the_same_plan_twice_differs_in_nothing() {
    let d = tempfile::tempdir().unwrap();
    let plan_path = sample_plan(d.path());
    let p = plan_path.to_str().unwrap();
    let o = xuncha(&["diff", "data/sample", p, p]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains(": 0 people placed differently"),
        "{}",
        stdout(&o)
    );
}
