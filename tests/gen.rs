//! `gen`: a generated case written as files reads back as the same case,
//! the same seed gives the same bytes, and the case can be planned.

use std::path::Path;
use std::process::Command;
use xuncha::constraints::Eligibility;
use xuncha::gen::{synthetic_case, GenOptions};
use xuncha::io::load_case;
use xuncha::io::write_case::write_case_dir;
use xuncha::model::{Case, PersonId};

fn xuncha(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xuncha"))
        .env("LC_ALL", "C")
        .env("LANG", "C")
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Everything a person carries, with ids as written.
fn persons(c: &Case) -> Vec<String> {
    c.people
        .iter()
        .map(|p| {
            format!(
                "{} {} {:?} {} {} {} {} {:?} {} {} {} {:?} {:?}",
                p.id,
                p.name,
                p.gender,
                p.birth_year,
                p.rank,
                c.units[p.unit.ix()].id,
                c.regions[p.region.ix()],
                p.native_region.map(|r| c.regions[r.ix()].clone()),
                p.leader,
                p.available,
                p.must_serve,
                p.last_served,
                p.levels
            )
        })
        .collect()
}

fn units(c: &Case) -> Vec<String> {
    c.units
        .iter()
        .map(|u| {
            format!(
                "{} {} {} {} {:?}",
                u.id,
                u.name,
                c.regions[u.region.ix()],
                u.kind,
                u.parent.map(|p| c.units[p.ix()].id.clone())
            )
        })
        .collect()
}

fn facts(c: &Case) -> Vec<String> {
    let uid = |u: xuncha::model::UnitId| c.units[u.ix()].id.clone();
    let pid = |p: PersonId| c.people[p.ix()].id.clone();
    let mut v: Vec<String> = c
        .posts
        .iter()
        .map(|x| {
            format!(
                "post {} {} {:?} {:?}",
                pid(x.person),
                uid(x.unit),
                x.from_year,
                x.to_year
            )
        })
        .collect();
    v.extend(
        c.kin
            .iter()
            .map(|k| format!("kin {} {}", pid(k.a), pid(k.b))),
    );
    v.extend(
        c.relatives
            .iter()
            .map(|f| format!("rel {} {}", pid(f.person), uid(f.unit))),
    );
    v.extend(
        c.conflicts
            .iter()
            .map(|f| format!("conf {} {}", pid(f.person), uid(f.unit))),
    );
    v.extend(
        c.ties
            .iter()
            .map(|t| format!("tie {} {}", uid(t.a), uid(t.b))),
    );
    v.extend(c.round.groups.iter().map(|g| {
        format!(
            "group {} {:?} {:?}",
            g.id,
            g.targets.iter().map(|&u| uid(u)).collect::<Vec<_>>(),
            g.size
        )
    }));
    v
}

#[test]
fn a_written_case_reads_back_as_the_same_case() {
    for (people, groups, seed, tight) in [(300, 10, 1, false), (500, 20, 2, true)] {
        let case = synthetic_case(&GenOptions {
            tight,
            ..GenOptions::new(people, groups, seed)
        });
        let dir = tempfile::tempdir().unwrap();
        write_case_dir(&case, dir.path()).unwrap();
        let back = load_case(dir.path()).unwrap();
        assert_eq!(persons(&case), persons(&back));
        assert_eq!(units(&case), units(&back));
        assert_eq!(facts(&case), facts(&back));
        assert_eq!(case.round.policy, back.round.policy);
        assert_eq!(case.round.requirements, back.round.requirements);
        assert_eq!(case.round.weights, back.round.weights);
        // the same rules follow: the eligibility tables agree bit for bit
        let (a, b) = (Eligibility::build(&case), Eligibility::build(&back));
        for p in case.person_ids() {
            assert_eq!(a.row(p), b.row(p), "person {}", case.people[p.ix()].id);
        }
        if tight {
            let leaders = back.people.iter().filter(|p| p.leader).count();
            assert!(leaders <= 2 * groups, "{leaders} leaders");
        }
    }
}

#[test]
fn gen_is_deterministic_and_its_case_can_be_planned() {
    let dir = tempfile::tempdir().unwrap();
    let out = |name: &str| dir.path().join(name);
    for name in ["a", "b"] {
        let o = xuncha(&[
            "gen",
            "--people",
            "400",
            "--groups",
            "10",
            "--seed",
            "5",
            "--out",
            out(name).to_str().unwrap(),
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(String::from_utf8_lossy(&o.stdout).contains("400 people"));
    }
    let o = xuncha(&[
        "gen",
        "--people",
        "400",
        "--groups",
        "10",
        "--seed",
        "6",
        "--out",
        out("c").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let read = |d: &Path, f: &str| std::fs::read(d.join(f)).unwrap();
    for f in [
        "units.csv",
        "people.csv",
        "posts.csv",
        "relations.csv",
        "round.toml",
    ] {
        assert_eq!(
            read(&out("a"), f),
            read(&out("b"), f),
            "{f} differs for the same seed"
        );
    }
    assert_ne!(read(&out("a"), "people.csv"), read(&out("c"), "people.csv"));
    let plan = dir.path().join("plan.csv");
    let o = xuncha(&[
        "plan",
        out("a").to_str().unwrap(),
        "--iterations",
        "20000",
        "--quiet",
        "--out",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let c = xuncha(&[
        "check",
        out("a").to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(
        c.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&c.stdout)
    );
    // too few people for the groups: a usage error
    let o = xuncha(&[
        "gen",
        "--people",
        "20",
        "--groups",
        "10",
        "--out",
        out("d").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("too few"));
    // --out on an existing file: the error names it
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let o = xuncha(&[
        "gen",
        "--people",
        "200",
        "--groups",
        "2",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("a-file"));
}

#[test]
fn an_infeasible_case_is_reported_with_the_planted_cause() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("starved");
    let o = xuncha(&[
        "gen",
        "--people",
        "400",
        "--groups",
        "10",
        "--infeasible",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("G1 has no eligible leader"), "{text}");
    // the planted conflicts are named as the reason
    assert!(text.contains("planted by gen --infeasible"), "{text}");
    let o = xuncha(&["plan", out.to_str().unwrap(), "--quiet"]);
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("G1") && text.contains("(leader)"), "{text}");
}

#[test]
fn generated_cases_are_staffable_and_a_planted_cause_is_not() {
    use xuncha::gen::{feasible_case, staffable};
    for seed in 1..=12 {
        let o = GenOptions {
            tight: true,
            ..GenOptions::new(120, 10, seed)
        };
        let (case, draws) = feasible_case(&o).expect("a staffable draw");
        assert!(staffable(&case).is_ok(), "seed {seed}");
        if draws == 1 {
            // the first draw is the seed's own case
            assert_eq!(persons(&case), persons(&synthetic_case(&o)));
        }
    }
    let o = GenOptions {
        infeasible: true,
        ..GenOptions::new(120, 4, 1)
    };
    let (case, draws) = feasible_case(&o).unwrap();
    assert_eq!(draws, 1, "a planted case is not drawn again");
    let why = staffable(&case).unwrap_err();
    assert!(why.contains("[leader]"), "{why}");
}
