//! `xuncha serve` through its HTTP API, without a browser: moves checked
//! by the rules of `check`, refusals with rule and facts, replacements,
//! locks and re-plan, undo, save (into the case folder only), the working
//! plan kept across a restart, two tabs, and bad requests answered with
//! JSON errors.

mod common;
mod serve_support;

use serde_json::{json, Value};
use serve_support::{native_refusal, request, Served};
use std::path::Path;

fn sample() -> (tempfile::TempDir, std::path::PathBuf) {
    common::copy_case("sample")
}

fn start_with_plan(case: &Path) -> Served {
    let plan = common::root().join("data/sample-plan.csv");
    Served::start(case, &["--plan", plan.to_str().unwrap()])
}

/// `xuncha check` on a saved plan: exit 0.
fn check_passes(case: &Path, plan: &Path) {
    let o = common::xuncha(&[
        "check",
        case.to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(
        common::code(&o),
        0,
        "{}{}",
        common::stdout(&o),
        common::stderr(&o)
    );
}

fn members(st: &Value, group: &str) -> Vec<String> {
    st["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == group)
        .unwrap()["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn plans_the_case_when_no_plan_is_given_and_serves_the_page() {
    let (_d, case) = sample();
    let s = Served::start(&case, &[]);
    assert!(s.url.starts_with("http://127.0.0.1:"));
    let (code, page) = request(&s.host(), "GET", "/", None, &[]);
    assert_eq!(code, 200);
    assert!(String::from_utf8_lossy(&page).contains("app.js"));
    for f in ["/app.js", "/render.js", "/words.js", "/style.css"] {
        assert_eq!(request(&s.host(), "GET", f, None, &[]).0, 200, "{f}");
    }
    let (code, st) = s.get("/api/state");
    assert_eq!(code, 200);
    assert_eq!(st["valid"], true);
    assert_eq!(st["groups"].as_array().unwrap().len(), 4);
    assert!(st["score"]["terms"].as_array().unwrap().len() >= 8);
    assert!(st["groups"][0]["members"][0]["unit"].is_string());
    // the working plan is kept in the case's folder
    assert!(case.join(".xuncha-review/working-plan.json").is_file());
}

#[test]
fn a_move_that_breaks_native_region_avoidance_is_refused_with_its_reason() {
    let (_d, case) = sample();
    let s = start_with_plan(&case);
    let (who, to) = native_refusal(&s);
    let rev = s.revision();
    let (code, r) = s.post(
        "/api/move",
        &json!({"person": who, "group": to, "revision": rev}),
    );
    assert_eq!(code, 200);
    assert_eq!(r["applied"], false, "{r}");
    let vs = r["violations"].as_array().unwrap();
    let native = vs
        .iter()
        .find(|v| v["rule"] == "region-avoidance" && v["reason"] == "native")
        .unwrap_or_else(|| panic!("no native-region refusal in {r}"));
    assert!(native["message"].as_str().unwrap().contains("籍贯"));
    assert!(native["rule_label"].as_str().unwrap().contains("地域回避"));
    assert_eq!(s.revision(), rev, "a refused move changes nothing");
    // in English on request
    let (_, r) = s.post(
        "/api/move",
        &json!({"person": who, "group": to, "lang": "en"}),
    );
    assert!(r["violations"].to_string().contains("native"), "{r}");
    // insisting applies it: the plan is invalid and cannot be saved
    let (_, r) = s.post(
        "/api/move",
        &json!({"person": who, "group": to, "insist": true}),
    );
    assert_eq!(r["applied"], true);
    let (_, st) = s.get("/api/state");
    assert_eq!(st["valid"], false);
    assert!(!st["violations"].as_array().unwrap().is_empty());
    let (code, e) = s.post("/api/save", &json!({"format": "csv"}));
    assert_eq!(code, 422, "{e}");
    assert_eq!(e["error"], "invalid-plan");
    let (code, _) = s.get("/api/download?format=csv");
    assert_eq!(code, 422);
    // undo brings the valid plan back
    let (_, r) = s.post("/api/undo", &json!({}));
    assert_eq!(r["applied"], true);
    assert_eq!(s.get("/api/state").1["valid"], true);
}

#[test]
fn the_top_replacement_applies_and_the_score_moves_by_its_delta() {
    let (_d, case) = sample();
    let s = start_with_plan(&case);
    let (_, st) = s.get("/api/state");
    let before = st["score"]["total"].as_f64().unwrap();
    let who = members(&st, "G2")[1].clone();
    let (code, r) = s.get(&format!("/api/replace?person={who}&top=5"));
    assert_eq!(code, 200);
    let top = &r["allowed"][0];
    let other = top["move"]["by"]
        .as_str()
        .or(top["move"]["with"].as_str())
        .unwrap();
    let (_, a) = s.post("/api/move", &json!({"person": who, "with": other}));
    assert_eq!(a["applied"], true, "{a}");
    let (_, st) = s.get("/api/state");
    assert_eq!(st["valid"], true);
    let after = st["score"]["total"].as_f64().unwrap();
    assert!((after - before - top["delta"].as_f64().unwrap()).abs() < 1e-9);
    // the comparison with the starting plan names who moved
    let (_, d) = s.get("/api/diff?lang=zh");
    let moved: Vec<&str> = d["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["person"].as_str().unwrap())
        .collect();
    assert!(moved.contains(&who.as_str()), "{d}");
    assert!(d["text"].as_str().unwrap().contains("初始方案"));
}

#[test]
fn a_replan_keeps_the_locked_group_and_saves_a_plan_that_check_accepts() {
    let (_d, case) = sample();
    let s = start_with_plan(&case);
    let (_, st) = s.get("/api/state");
    let g1 = members(&st, "G1");
    let (_, r) = s.post("/api/lock", &json!({"group": "G1", "locked": true}));
    assert_eq!(r["applied"], true);
    // a locked person cannot be moved
    let (_, r) = s.post("/api/move", &json!({"person": g1[1], "group": null}));
    assert_eq!(r["locked"], true, "{r}");
    let (code, _) = s.post("/api/replan", &json!({}));
    assert_eq!(code, 202);
    let mut done = Value::Null;
    for _ in 0..600 {
        let (_, j) = s.get("/api/replan");
        if j["running"] == false {
            done = j;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(done["error"].is_null(), "{done}");
    let (_, st) = s.get("/api/state");
    assert_eq!(st["valid"], true);
    assert_eq!(
        members(&st, "G1"),
        g1,
        "the locked group is kept, in its order"
    );
    for (format, name) in [
        ("csv", "plan.csv"),
        ("json", "plan.json"),
        ("xlsx", "编组名单.xlsx"),
    ] {
        let (code, r) = s.post("/api/save", &json!({ "format": format }));
        assert_eq!(code, 200, "{r}");
        assert!(case.join("编组方案").join(name).is_file());
    }
    // the case is read as before: no warning that a saved file could hide a rule
    check_passes(&case, &case.join("编组方案/plan.csv"));
    check_passes(&case, &case.join("编组方案/plan.json"));
    let (code, _) = request(&s.host(), "GET", "/api/download?format=xlsx", None, &[]);
    assert_eq!(code, 200);
}

#[test]
fn the_same_replan_gives_the_same_plan() {
    let run = || {
        let (_d, case) = sample();
        let s = start_with_plan(&case);
        s.post("/api/lock", &json!({"group": "G3"}));
        s.post("/api/replan", &json!({}));
        while s.get("/api/replan").1["running"] == true {
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let (_, st) = s.get("/api/state");
        ["G1", "G2", "G3", "G4"].map(|g| members(&st, g))
    };
    assert_eq!(run(), run());
}

#[test]
fn writing_outside_the_case_folder_is_refused() {
    let (_d, case) = sample();
    let s = start_with_plan(&case);
    for name in [
        "../plan.csv",
        "/tmp/plan.csv",
        "sub/plan.csv",
        "..\\plan.csv",
        ".xuncha-review/x.csv",
        "plan.exe",
    ] {
        let (code, r) = s.post("/api/save", &json!({"format": "csv", "name": name}));
        assert_eq!(code, 403, "{name}: {r}");
    }
    assert!(!case.parent().unwrap().join("plan.csv").exists());
    assert!(!case.join("plan.csv").exists());
    let (code, r) = s.post("/api/save", &json!({"name": "第七轮.csv"}));
    assert_eq!(code, 200, "{r}");
    check_passes(&case, &case.join("编组方案/第七轮.csv"));
}

#[test]
fn the_working_plan_survives_a_restart() {
    let (_d, case) = sample();
    let (who, g) = {
        let s = start_with_plan(&case);
        let (_, st) = s.get("/api/state");
        let who = members(&st, "G2")[1].clone();
        let (_, r) = s.get(&format!("/api/replace?person={who}&top=1"));
        let c = &r["allowed"][0];
        let other = c["move"]["by"]
            .as_str()
            .or(c["move"]["with"].as_str())
            .unwrap()
            .to_string();
        s.post("/api/move", &json!({"person": who, "with": other}));
        (other, "G2")
    }; // the server is killed here, as in a crash
    let s = start_with_plan(&case);
    let (_, st) = s.get("/api/state");
    assert!(st["restored"].is_u64(), "{}", st["restored"]);
    assert!(members(&st, g).contains(&who));
    assert_eq!(st["can_undo"], true);
    // --fresh starts over
    drop(s);
    let s = Served::start(
        &case,
        &[
            "--fresh",
            "--plan",
            common::root()
                .join("data/sample-plan.csv")
                .to_str()
                .unwrap(),
        ],
    );
    let (_, st) = s.get("/api/state");
    assert!(st["restored"].is_null());
}

#[test]
fn a_stale_tab_is_told_and_the_last_write_wins() {
    let (_d, case) = sample();
    let s = start_with_plan(&case);
    let old = s.revision();
    s.post("/api/lock", &json!({"group": "G4", "revision": old}));
    // a tab that still has the old revision moves someone
    let (_, st) = s.get("/api/state");
    let who = members(&st, "G2")[1].clone();
    let (_, r) = s.get(&format!("/api/replace?person={who}&top=1"));
    let other = r["allowed"][0]["move"]["by"]
        .as_str()
        .or(r["allowed"][0]["move"]["with"].as_str())
        .unwrap()
        .to_string();
    let (_, r) = s.post(
        "/api/move",
        &json!({"person": who, "with": other, "revision": old}),
    );
    assert_eq!(r["applied"], true, "{r}");
    assert_eq!(r["stale"], true);
    assert!(r["revision"].as_u64().unwrap() > old + 1);
}

#[test]
fn bad_requests_get_json_errors_not_a_crash() {
    let (_d, case) = sample();
    let s = start_with_plan(&case);
    let host = s.host();
    let j = [("Content-Type", "application/json")];
    type Case<'a> = (
        &'a str,
        &'a str,
        Option<&'a [u8]>,
        Vec<(&'a str, &'a str)>,
        u16,
    );
    let cases: Vec<Case> = vec![
        ("POST", "/api/move", Some(b"{not json"), j.to_vec(), 400),
        ("POST", "/api/move", Some(b"[1,2]"), j.to_vec(), 400),
        (
            "POST",
            "/api/move",
            Some(br#"{"person":"NOBODY","group":"G1"}"#),
            j.to_vec(),
            400,
        ),
        (
            "POST",
            "/api/move",
            Some(br#"{"person":"P0001","group":"G99"}"#),
            j.to_vec(),
            400,
        ),
        (
            "POST",
            "/api/move",
            Some(br#"{"person":7}"#),
            j.to_vec(),
            400,
        ),
        ("POST", "/api/undo", Some(b"{}"), vec![], 415),
        ("POST", "/api/nothing", Some(b"{}"), j.to_vec(), 404),
        ("GET", "/api/person?id=%FF%FE", None, vec![], 400),
        ("GET", "/api/person", None, vec![], 400),
        ("GET", "/api/replace?person=NOBODY", None, vec![], 400),
        ("GET", "/api/download?format=exe", None, vec![], 400),
        ("GET", "/nothing", None, vec![], 404),
        ("PUT", "/api/state", None, vec![], 405),
        (
            "GET",
            "/api/state",
            None,
            vec![("Host", "evil.example:80")],
            403,
        ),
        (
            "POST",
            "/api/undo",
            Some(b"{}"),
            vec![
                ("Content-Type", "application/json"),
                ("Origin", "http://evil.example"),
            ],
            403,
        ),
    ];
    for (method, path, body, headers, want) in cases {
        let (code, b) = request(&host, method, path, body, &headers);
        assert_eq!(code, want, "{method} {path}");
        let v: Value = serde_json::from_slice(&b).expect("a JSON error");
        assert!(v["error"].is_string(), "{v}");
    }
    // still serving
    assert_eq!(s.get("/api/state").0, 200);
}

#[test]
fn a_round_that_cannot_be_staffed_shows_the_feasibility_report() {
    let (_d, case) = common::copy_case("starved");
    let s = Served::start(&case, &[]);
    let (_, st) = s.get("/api/state?lang=zh");
    let msg = st["no_plan"]["message"].as_str().unwrap();
    assert!(msg.contains("G1"), "{msg}");
    assert!(
        st["no_plan"]["report"]["findings"]
            .as_array()
            .unwrap()
            .len()
            == 1
    );
    assert!(st["groups"][0]["members"].as_array().unwrap().is_empty());
    // the findings carry rule ids, labelled for the page
    assert!(st["no_plan"]["report"].to_string().contains("rule_label"));
}
