//! Writing plans (SPEC §5): CSV, JSON and the printable workbook read back to
//! the same plan, the workbook is the same bytes every time, files are written
//! atomically, and the input digest tracks the input files.

use calamine::{open_workbook_auto, Data, Reader};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;
use xuncha::constraints::Eligibility;
use xuncha::explain::plan_text;
use xuncha::explain::Lang;
use xuncha::io::output::{digest_inputs, display_width, plan_csv, plan_json, PlanMeta};
use xuncha::io::{load_case, read_plan};
use xuncha::model::{GroupId, PersonId};
use xuncha::print::{plan_xlsx, write_plan};
use xuncha::solve::{evaluate, Ending, LeftOut, Outcome, ScoreModel, SolverName};
use xuncha::{Case, Plan};

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(rel)
}

struct Fixture {
    case: Case,
    model: ScoreModel,
    outcome: Outcome,
    meta: PlanMeta,
}

fn sample() -> Fixture {
    let case = load_case(&data("sample")).expect("sample loads");
    let plan = read_plan(&case, &data("sample-plan.csv"))
        .expect("sample plan reads")
        .plan;
    let model = ScoreModel::new(&case, &Eligibility::build(&case), None);
    let score = evaluate(&case, &model, &plan);
    let placed: BTreeSet<PersonId> = plan
        .groups
        .iter()
        .flat_map(|g| g.members.iter().copied())
        .collect();
    let left_out = case
        .person_ids()
        .filter(|&p| case.drawable(p) && !placed.contains(&p))
        .map(|p| (p, LeftOut::NotNeeded))
        .collect();
    let outcome = Outcome {
        plan,
        score,
        seed: 7,
        solver: SolverName::Heuristic,
        elapsed: Duration::from_millis(180),
        iterations: 120_000,
        status: Ending::BestFound,
        left_out,
        unstaffed: vec![],
    };
    let meta = PlanMeta {
        version: env!("CARGO_PKG_VERSION").into(),
        inputs_sha256: digest(&data("sample")),
        case: "data/sample".into(),
    };
    Fixture {
        case,
        model,
        outcome,
        meta,
    }
}

/// Per group: (sorted leaders, sorted members).
fn canon(plan: &Plan) -> Vec<(GroupId, Vec<PersonId>, Vec<PersonId>)> {
    plan.groups
        .iter()
        .map(|g| {
            let mut l = g.leaders.clone();
            let mut m = g.members.clone();
            l.sort();
            m.sort();
            (g.group, l, m)
        })
        .collect()
}

fn placed_ids(f: &Fixture) -> Vec<String> {
    f.outcome
        .plan
        .groups
        .iter()
        .flat_map(|g| g.members.iter())
        .map(|&p| f.case.person(p).id.clone())
        .collect()
}

#[test]
fn csv_reads_back_to_the_same_plan() {
    let f = sample();
    let bytes = plan_csv(&f.case, &f.outcome.plan);
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "a BOM for Excel/WPS"
    );
    let text = std::str::from_utf8(&bytes).unwrap();
    let first = text.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert_eq!(first, "group,role,person_id,name,unit,region");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.csv");
    std::fs::write(&path, &bytes).unwrap();
    let back = read_plan(&f.case, &path).expect("reads back");
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    assert_eq!(canon(&back.plan), canon(&f.outcome.plan));
    // leaders come first in each group
    let rows: Vec<&str> = text.lines().skip(1).collect();
    let g1: Vec<&str> = rows
        .iter()
        .copied()
        .filter(|r| r.starts_with("G1,"))
        .collect();
    assert!(g1[0].starts_with("G1,leader,"), "{g1:?}");
}

#[test]
fn json_has_the_fields_and_reads_back() {
    let f = sample();
    let v = plan_json(Lang::En, &f.case, &f.model, &f.outcome, &f.meta);
    for k in [
        "groups",
        "score",
        "left_out",
        "unstaffed",
        "seed",
        "solver",
        "version",
        "inputs_sha256",
        "case",
    ] {
        assert!(v.get(k).is_some(), "missing {k}");
    }
    let groups = v["groups"].as_array().unwrap();
    assert_eq!(groups.len(), f.case.round.groups.len());
    for (g, pg) in groups.iter().zip(&f.outcome.plan.groups) {
        for k in [
            "id",
            "targets",
            "leaders",
            "members",
            "expertise",
            "count_with",
            "size",
        ] {
            assert!(g.get(k).is_some(), "group missing {k}");
        }
        assert_eq!(g["id"], f.case.group(pg.group).id.as_str());
        assert_eq!(g["size"].as_u64().unwrap() as usize, pg.members.len());
        for a in &f.case.round.areas {
            let sum: u64 = pg
                .members
                .iter()
                .map(|&p| {
                    let k = f.case.round.areas.iter().position(|x| x == a).unwrap();
                    f.case.person(p).levels[k] as u64
                })
                .sum();
            assert_eq!(g["expertise"][&a.key].as_u64(), Some(sum));
            assert!(g["count_with"][&a.key].as_u64().unwrap() <= pg.members.len() as u64);
        }
        let members: Vec<&str> = g["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap())
            .collect();
        for l in g["leaders"].as_array().unwrap() {
            assert!(members.contains(&l.as_str().unwrap()), "leaders included");
        }
    }
    assert_eq!(
        v["score"]["total"].as_f64().unwrap(),
        f.outcome.score.total(&f.model)
    );
    let terms = v["score"]["terms"].as_array().unwrap();
    assert_eq!(terms.len(), f.outcome.score.terms(&f.case, &f.model).len());
    for t in terms {
        for k in ["key", "value", "weight", "cost"] {
            assert!(t.get(k).is_some(), "term missing {k}");
        }
    }
    assert_eq!(
        v["left_out"].as_array().unwrap().len(),
        f.outcome.left_out.len()
    );
    assert!(v["left_out"][0]["person"].is_string());
    assert!(v["left_out"][0]["reason"].is_string());
    assert_eq!(v["seed"], 7);
    assert_eq!(v["solver"]["name"], "heuristic");
    assert_eq!(v["solver"]["status"], "best found");
    // beside the words, the same as data
    assert_eq!(v["solver"]["kind"]["kind"], "heuristic");
    assert_eq!(v["solver"]["ending"]["kind"], "best-found");
    assert_eq!(v["left_out"][0]["why"]["kind"], "not-needed");
    assert_eq!(v["left_out"][0]["reason"], "not needed");
    assert_eq!(v["solver"]["iterations"], 120_000);
    assert_eq!(v["solver"]["elapsed_ms"], 180);
    assert_eq!(v["inputs_sha256"].as_str().unwrap().len(), 64);

    // only the time differs between two runs
    let mut other = f.outcome.clone();
    other.elapsed = Duration::from_millis(999);
    let mut w = plan_json(Lang::En, &f.case, &f.model, &other, &f.meta);
    assert_ne!(v, w);
    w["solver"]["elapsed_ms"] = v["solver"]["elapsed_ms"].clone();
    assert_eq!(v, w);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    write_plan(Lang::Zh, &f.case, &f.model, &f.outcome, &f.meta, &path).unwrap();
    let back = read_plan(&f.case, &path).expect("reads back");
    assert_eq!(canon(&back.plan), canon(&f.outcome.plan));
    let text = std::fs::read_to_string(&path).unwrap();
    let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(parsed["groups"], v["groups"]);
}

#[test]
fn xlsx_is_deterministic_and_lists_everyone() {
    let f = sample();
    let a = plan_xlsx(Lang::Zh, &f.case, &f.model, &f.outcome, &f.meta).unwrap();
    let b = plan_xlsx(Lang::Zh, &f.case, &f.model, &f.outcome, &f.meta).unwrap();
    assert!(a == b, "same plan, same bytes");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.XLSX");
    write_plan(Lang::Zh, &f.case, &f.model, &f.outcome, &f.meta, &path).unwrap();
    assert!(std::fs::read(&path).unwrap() == a);
    let mut book = open_workbook_auto(&path).expect("opens");
    let names = book.sheet_names();
    for s in ["编组名单", "评分", "未入选", "说明"] {
        assert!(names.iter().any(|n| n == s), "sheet {s} in {names:?}");
    }
    let range = book.worksheet_range("编组名单").unwrap();
    let cells: BTreeSet<String> = range
        .rows()
        .flat_map(|r| r.iter())
        .filter_map(|c| match c {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    for id in placed_ids(&f) {
        assert!(cells.contains(&id), "{id} in 编组名单");
    }
    for g in &f.case.round.groups {
        assert!(
            cells.iter().any(|c| c.starts_with(g.id.as_str())),
            "{} in 编组名单",
            g.id
        );
    }
    let about = book.worksheet_range("说明").unwrap();
    let text: Vec<String> = about
        .rows()
        .flat_map(|r| r.iter())
        .map(|c| c.to_string())
        .collect();
    assert!(text.contains(&f.meta.inputs_sha256));
}

#[test]
fn write_plan_refuses_unknown_extensions() {
    let f = sample();
    let dir = tempfile::tempdir().unwrap();
    for name in ["plan.txt", "plan"] {
        let path = dir.path().join(name);
        let err = write_plan(Lang::Zh, &f.case, &f.model, &f.outcome, &f.meta, &path).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains(".csv") && msg.contains(".json") && msg.contains(".xlsx"),
            "{msg}"
        );
        assert!(!path.exists());
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn write_plan_leaves_no_temporary_files() {
    let f = sample();
    let dir = tempfile::tempdir().unwrap();
    for name in ["plan.csv", "plan.json", "plan.xlsx", "again.CSV"] {
        write_plan(
            Lang::Zh,
            &f.case,
            &f.model,
            &f.outcome,
            &f.meta,
            &dir.path().join(name),
        )
        .unwrap();
    }
    // over an existing file too
    write_plan(
        Lang::Zh,
        &f.case,
        &f.model,
        &f.outcome,
        &f.meta,
        &dir.path().join("plan.csv"),
    )
    .unwrap();
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["again.CSV", "plan.csv", "plan.json", "plan.xlsx"]);
    assert_eq!(
        std::fs::read(dir.path().join("plan.csv")).unwrap(),
        plan_csv(&f.case, &f.outcome.plan)
    );
}

fn copy_dir(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// The digest of the case at `path`, as `plan` computes it.
fn digest(path: &Path) -> String {
    let case = xuncha::io::load_case(path).unwrap();
    digest_inputs(path, &case).unwrap()
}

#[test]
fn digest_is_stable_and_tracks_the_inputs() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&data("tiny"), dir.path());
    let a = digest(dir.path());
    assert_eq!(a.len(), 64);
    assert!(a
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    assert_eq!(a, digest(dir.path()));
    assert_eq!(a, digest(&data("tiny")), "same files, same digest");
    // files that are not inputs do not count
    std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
    assert_eq!(a, digest(dir.path()));
    // a table under another of its names: the file read is hashed
    std::fs::rename(
        dir.path().join("posts.csv"),
        dir.path().join("任职经历.csv"),
    )
    .unwrap();
    assert_ne!(a, digest(dir.path()));
    std::fs::rename(
        dir.path().join("任职经历.csv"),
        dir.path().join("posts.csv"),
    )
    .unwrap();
    assert_eq!(a, digest(dir.path()));
    // one byte changed
    let people = dir.path().join("people.csv");
    let mut bytes = std::fs::read(&people).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    std::fs::write(&people, &bytes).unwrap();
    let b = digest(dir.path());
    assert_ne!(a, b);
    // a workbook: its bytes
    let x = digest(&data("sample.xlsx"));
    assert_eq!(x, digest(&data("sample.xlsx")));
    assert_ne!(x, a);
    let case = xuncha::io::load_case(&data("tiny")).unwrap();
    assert!(digest_inputs(&dir.path().join("missing.xlsx"), &case).is_err());
}

#[test]
fn text_shows_every_group_and_person() {
    let f = sample();
    let text = plan_text(xuncha::explain::Lang::En, &f.case, &f.model, &f.outcome);
    for g in &f.case.round.groups {
        assert!(text.contains(&format!("\n{}  targets:", g.id)), "{}", g.id);
    }
    for id in placed_ids(&f) {
        assert!(text.contains(&id), "{id}");
    }
    assert!(text.contains("组长/leader"));
    assert!(text.contains("total"));
    assert!(text.contains("seed 7 · heuristic · 120000 moves · 0.18 s · best found"));
    assert!(text.contains(&format!("left out: {} people", f.outcome.left_out.len())));
    // person lines are aligned: the areas column starts at the same display column
    let head = text
        .lines()
        .find(|l| l.trim_start().starts_with("role"))
        .unwrap();
    let col = display_width(&head[..head.find("areas").unwrap()]);
    let mut checked = 0;
    for pg in &f.outcome.plan.groups {
        for &p in &pg.members {
            let x = f.case.person(p);
            let areas: Vec<String> = f
                .case
                .round
                .areas
                .iter()
                .zip(&x.levels)
                .filter(|(_, &l)| l > 0)
                .map(|(a, l)| format!("{}{l}", a.label))
                .collect();
            if areas.is_empty() {
                continue;
            }
            let areas = areas.join(" ");
            let line = text
                .lines()
                .find(|l| l.contains(&format!("  {}  ", x.id)))
                .unwrap();
            assert!(line.ends_with(&areas), "{line}");
            let at = line.len() - areas.len();
            assert_eq!(display_width(&line[..at]), col, "{line}");
            checked += 1;
        }
    }
    assert!(checked > 0);
}

#[test]
fn display_width_counts_cjk_double() {
    assert_eq!(display_width("G1"), 2);
    assert_eq!(display_width("纪检2"), 5);
    assert_eq!(display_width("（）"), 4);
    assert_eq!(display_width("·"), 1);
}
