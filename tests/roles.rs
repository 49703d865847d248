//! Roles (SPEC §8): deputy leaders (副组长, `deputies_per_group`, rule
//! `deputy`) checked by `check`, kept by the heuristic and the MILP, written
//! in the plan; and the feasibility report naming groups that
//! `leader_outranks_members` (rule `leader-seniority`) or a thin deputy pool
//! leave short.

mod common;

use common::{code, copy_case, stdout, xuncha_in};
use xuncha::constraints::Eligibility;
use xuncha::model::{Case, Plan, Role, RuleId};
use xuncha::solve::exact::{solve_exact, ExactOptions};
use xuncha::solve::ExactStatus;
use xuncha::solve::{plan_heuristic, ScoreModel, SolveOptions};
use xuncha::validate::feasibility::{analyse, Claim, Hint};
use xuncha::{io, validate};

fn tiny() -> Case {
    io::load_case("data/tiny".as_ref()).expect("data/tiny loads")
}

/// The tiny case with one deputy per group, its deputy pool the
/// non-leaders of rank 3–4 (below both leaders, so seniority holds).
fn tiny_with_deputies() -> Case {
    let mut case = tiny();
    case.round.policy.deputies_per_group = 1;
    for p in &mut case.people {
        p.deputy = !p.leader && (3..=4).contains(&p.rank);
    }
    case
}

/// Every group has exactly one deputy, from the pool, not its leader.
fn assert_deputies(case: &Case, plan: &Plan) {
    for pg in &plan.groups {
        assert_eq!(pg.deputies.len(), 1, "{pg:?}");
        let d = pg.deputies[0];
        assert!(case.person(d).deputy);
        assert!(!pg.leaders.contains(&d));
        assert!(pg.members.contains(&d));
        assert_eq!(pg.role_of(d), Some(Role::Deputy));
    }
}

#[test]
fn check_finds_a_missing_deputy() {
    let case = tiny_with_deputies();
    let plan = io::read_plan(&case, "data/tiny-plan.csv".as_ref())
        .expect("the tiny plan reads")
        .plan;
    let v = validate::check_plan(&case, &plan);
    let deputy: Vec<_> = v.iter().filter(|v| v.rule == RuleId::Deputy).collect();
    assert_eq!(deputy.len(), 2, "{v:#?}");
    assert!(deputy.iter().all(|v| v.reason == "deputy-count"));
    // one who is not in the deputy pool, named as deputy
    let mut plan = plan;
    let leader = plan.groups[0].leaders[0];
    let other = plan.groups[0]
        .members
        .iter()
        .copied()
        .find(|&p| p != leader && !case.person(p).deputy)
        .expect("a member outside the deputy pool");
    plan.groups[0].deputies.push(other);
    let leader1 = plan.groups[1].leaders[0];
    plan.groups[1].deputies.push(leader1);
    let v = validate::check_plan(&case, &plan);
    let reasons: Vec<&str> = v
        .iter()
        .filter(|v| v.rule == RuleId::Deputy)
        .map(|v| v.reason)
        .collect();
    assert!(reasons.contains(&"not-in-deputy-pool"), "{v:#?}");
    assert!(reasons.contains(&"deputy-also-leader"), "{v:#?}");
}

#[test]
fn plan_keeps_deputies() {
    let case = tiny_with_deputies();
    let elig = Eligibility::build(&case);
    let model = ScoreModel::new(&case, &elig, None);
    for seed in 0..4 {
        let opts = SolveOptions {
            seed,
            iterations: Some(20_000),
            ..SolveOptions::default()
        };
        let o = plan_heuristic(&case, &elig, &model, &opts, false, None).expect("a plan");
        assert!(validate::check_plan(&case, &o.plan).is_empty());
        assert_deputies(&case, &o.plan);
    }
}

#[test]
fn exact_keeps_deputies() {
    let case = tiny_with_deputies();
    let elig = Eligibility::build(&case);
    let model = ScoreModel::new(&case, &elig, None);
    let r = solve_exact(&case, &elig, &model, &ExactOptions::default());
    assert_eq!(r.status, ExactStatus::Optimal);
    let plan = r.plan.expect("a plan");
    assert!(validate::check_plan(&case, &plan).is_empty());
    assert_deputies(&case, &plan);
    assert!(r.model_size.per_rule["deputy"] > 0);
}

/// The tiny case as files, with a 副组长库 column and
/// `deputies_per_group = 1`.
fn tiny_dir_with_deputies() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir) = copy_case("tiny");
    let people = std::fs::read_to_string(dir.join("people.csv")).unwrap();
    let mut out = String::new();
    for (i, line) in people.lines().enumerate() {
        let cells: Vec<&str> = line.split(',').collect();
        let deputy = if i == 0 {
            "副组长库"
        } else if cells[8] == "no" && matches!(cells[4], "3" | "4") {
            "是"
        } else {
            ""
        };
        out.push_str(&format!("{line},{deputy}\n"));
    }
    std::fs::write(dir.join("people.csv"), out).unwrap();
    let round = std::fs::read_to_string(dir.join("round.toml")).unwrap();
    let round = round.replace(
        "leaders_per_group = 1\n",
        "leaders_per_group = 1\ndeputies_per_group = 1\n",
    );
    std::fs::write(dir.join("round.toml"), round).unwrap();
    (tmp, dir)
}

#[test]
fn the_cli_writes_reads_and_checks_deputies() {
    let (_tmp, dir) = tiny_dir_with_deputies();
    let case = io::load_case(&dir).expect("the case loads");
    assert_eq!(case.round.policy.deputies_per_group, 1);
    for extra in [&[][..], &["--exact"][..]] {
        for out in ["plan.csv", "plan.json"] {
            let mut args = vec!["plan", ".", "--out", out, "--seed", "3", "--quiet"];
            args.extend_from_slice(extra);
            let o = xuncha_in(&dir, &args);
            assert_eq!(code(&o), 0, "{args:?}: {}", stdout(&o));
            let plan = io::read_plan(&case, &dir.join(out)).expect("reads").plan;
            assert_deputies(&case, &plan);
            let o = xuncha_in(&dir, &["check", ".", "--plan", out]);
            assert_eq!(code(&o), 0, "{out}: {}", stdout(&o));
        }
        let csv = std::fs::read_to_string(dir.join("plan.csv")).unwrap();
        assert_eq!(csv.matches(",deputy,").count(), 2, "{csv}");
    }
}

#[test]
fn explain_names_groups_short_of_deputies() {
    // the deputy pool is the leader pool (no column): two leaders for two
    // groups that each need a leader and a deputy
    let mut case = tiny();
    case.round.policy.deputies_per_group = 1;
    let elig = Eligibility::build(&case);
    let report = analyse(&case, &elig);
    let f = report
        .findings
        .iter()
        .find(|f| f.rule == RuleId::Deputy)
        .unwrap_or_else(|| panic!("{:#?}", report.findings));
    assert!(
        matches!(
            f.claim,
            Claim::LeadersAndDeputies { need: 2, .. } | Claim::Matching { .. }
        ),
        "{f:#?}"
    );
    assert!(f.hints.contains(&Hint::FewerDeputies { now: 1 }), "{f:#?}");
    let (_tmp, dir) = copy_case("tiny");
    let round = std::fs::read_to_string(dir.join("round.toml")).unwrap();
    let round = round.replace(
        "leaders_per_group = 1\n",
        "leaders_per_group = 1\ndeputies_per_group = 1\n",
    );
    std::fs::write(dir.join("round.toml"), round).unwrap();
    let o = xuncha_in(&dir, &["explain", ".", "--lang", "en"]);
    let text = stdout(&o);
    assert!(text.contains("(deputy)"), "{text}");
    assert!(text.contains("deputies_per_group"), "{text}");
    let o = xuncha_in(&dir, &["plan", ".", "--quiet"]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
}

#[test]
fn explain_names_groups_that_seniority_leaves_short() {
    // both leaders at the bottom of the rank scale: every other candidate
    // is above them, so no group can be staffed under them
    let mut case = tiny();
    assert!(case.round.policy.leader_outranks_members);
    for p in &mut case.people {
        if p.leader {
            p.rank_step = 1;
        }
    }
    let elig = Eligibility::build(&case);
    let report = analyse(&case, &elig);
    let seniority: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == RuleId::LeaderSeniority)
        .collect();
    assert!(!seniority.is_empty(), "{:#?}", report.findings);
    for f in &seniority {
        assert!(matches!(f.claim, Claim::Seniority { .. }), "{f:#?}");
        assert!(f.hints.contains(&Hint::RelaxSeniority));
        assert!(f
            .because
            .iter()
            .all(|b| b.rule == RuleId::LeaderSeniority && b.count > 0));
        let text = {
            let mut s = String::new();
            xuncha::explain::report::finding_text(xuncha::explain::Lang::En, &case, &mut s, f);
            s
        };
        assert!(text.contains("leader_outranks_members"), "{text}");
        assert!(text.contains("(leader-seniority)"), "{text}");
    }
    // without the policy, nothing is short for seniority
    case.round.policy.leader_outranks_members = false;
    let report = analyse(&case, &elig);
    assert!(report
        .findings
        .iter()
        .all(|f| f.rule != RuleId::LeaderSeniority));
}
