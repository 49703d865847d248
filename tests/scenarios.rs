//! One test per infeasibility story: a small case written inline, its story
//! drawn in the doc comment, and a snapshot of what `explain` says.

use std::path::Path;
use xuncha::constraints::Eligibility;
use xuncha::io::load_case;
use xuncha::validate::feasibility::analyse;

const UNITS: &str = "id,name,region,kind,parent
A-T1,甲县一镇,A,township,
A-GOV,甲县政府办,A,department,
B-AUD,乙县审计局,B,department,
C-DIS,丙县纪委,C,department,
C-AUD,丙县审计局,C,department,
C-FIN,丙县财政局,C,department,
D-ORG,丁县组织部,D,department,
D-FIN,丁县财政局,D,department,
E-EDU,戊县教育局,E,department,
";

const PEOPLE_HEAD: &str = "id,name,gender,birth_year,rank,unit,region,native_region,leader,available,must_serve,last_served,discipline,organization,audit,finance\n";

fn round(extra: &str) -> String {
    format!(
        "name = \"场景\"\nyear = 2026\n[policy]\ngroup_size = [3, 4]\n{extra}\n\
         [requirements]\ndiscipline = 0\norganization = 0\naudit = 1\nfinance = 0\n\
         [[groups]]\nid = \"G1\"\ntargets = [\"A-T1\"]\n[[groups]]\nid = \"G2\"\ntargets = [\"B-AUD\"]\n"
    )
}

/// Writes a case and returns the `explain` report (text) and whether it found a problem.
fn explain(people: &str, relations: &str, policy: &str) -> (String, bool) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("units.csv"), UNITS).unwrap();
    std::fs::write(d.join("people.csv"), format!("{PEOPLE_HEAD}{people}")).unwrap();
    std::fs::write(
        d.join("relations.csv"),
        format!("kind,a,b,note\n{relations}"),
    )
    .unwrap();
    std::fs::write(d.join("round.toml"), round(policy)).unwrap();
    let case = load_case(d).unwrap_or_else(|e| panic!("{e}"));
    let report = analyse(&case, &Eligibility::build(&case));
    (
        xuncha::explain::feasibility_text(xuncha::explain::Lang::En, &case, &report),
        !report.ok(),
    )
}

/// G1 inspects region A; every leader is from A, born there, or away.
///
/// ```text
/// leader pool: L1 (A-GOV, region A) ── region-avoidance ──┐
///              L2 (E-EDU, born in A) ─ region-avoidance ──┼─> G1 (A-T1): no leader
///              L3 (C-DIS, unavailable) ───────────────────┘
/// ```
#[test]
fn no_eligible_leader() {
    let people = "\
L1,甲一,M,1970,5,A-GOV,,C,yes,yes,,,0,0,0,0
L2,戊二,F,1971,5,E-EDU,,A,yes,yes,,,0,0,0,0
L3,丙三,M,1972,4,C-DIS,,C,yes,no,,,0,0,0,0
M1,丙审,F,1985,2,C-AUD,,C,no,yes,,,0,0,2,0
M2,丁组,M,1986,2,D-ORG,,D,no,yes,,,0,0,1,0
M3,丁财,F,1987,2,D-FIN,,D,no,yes,,,0,0,0,0
M4,丙财,M,1988,2,C-FIN,,C,no,yes,,,0,0,0,0
";
    let (text, bad) = explain(people, "", "");
    assert!(bad);
    insta::assert_snapshot!("no_eligible_leader", text);
}

/// Each group alone has an eligible leader, but it is the same one.
///
/// ```text
/// L1 (C-DIS) ──────────────────────── may lead G1 and G2
/// L2 (A-GOV, region A) ── region ──x G1
///                      └─ conflict with B-AUD ──x G2
/// G1 + G2 need 2 leaders; only L1 may lead either  =>  Hall's condition fails
/// ```
#[test]
fn one_leader_for_two_groups() {
    let people = "\
L1,丙一,M,1970,5,C-DIS,,C,yes,yes,,,0,0,0,0
L2,甲二,F,1971,5,A-GOV,,A,yes,yes,,,0,0,0,0
M1,丙审,F,1985,2,C-AUD,,C,no,yes,,,0,0,2,0
M2,丁组,M,1986,2,D-ORG,,D,no,yes,,,0,0,1,0
M3,丁财,F,1987,2,D-FIN,,D,no,yes,,,0,0,1,0
M4,丙财,M,1988,2,C-FIN,,C,no,yes,,,0,0,0,0
M5,戊教,M,1989,2,E-EDU,,E,no,yes,,,0,0,1,0
";
    let relations = "conflict,L2,B-AUD,曾审批该局资金\n";
    let (text, bad) = explain(people, relations, "");
    assert!(bad);
    insta::assert_snapshot!("one_leader_for_two_groups", text);
}

/// G2 inspects the audit bureau of B; the only auditors have dealings with it.
///
/// ```text
/// M1 (C-AUD, audit 2) ── C-AUD ~ B-AUD business tie ──x G2
/// M2 (D-ORG, audit 1) ── declared conflict with B-AUD ─x G2
/// G2 needs 1 auditor  =>  none eligible
/// ```
#[test]
fn no_eligible_auditor() {
    let people = "\
L1,丙一,M,1970,5,C-DIS,,C,yes,yes,,,0,0,0,0
L2,戊二,F,1971,5,E-EDU,,E,yes,yes,,,0,0,0,0
M1,丙审,F,1985,2,C-AUD,,C,no,yes,,,0,0,2,0
M2,丁组,M,1986,2,D-ORG,,D,no,yes,,,0,0,1,0
M3,丁财,F,1987,2,D-FIN,,D,no,yes,,,0,0,0,0
M4,丙财,M,1988,2,C-FIN,,C,no,yes,,,0,0,0,0
";
    let relations = "business,C-AUD,B-AUD,审计业务指导\nconflict,M2,B-AUD,曾在该局挂职\n";
    let (text, bad) = explain(people, relations, "");
    assert!(bad);
    insta::assert_snapshot!("no_eligible_auditor", text);
}

/// Enough eligible people, but too many from one region for the mixing caps.
///
/// ```text
/// eligible for G2: L1, M1, M2, all from region C (max_same_region = 2);
///                  L2 works at the target B-AUD
///                  => at most 2 in G2, needs 3
/// ```
#[test]
fn mixing_caps_starve_a_group() {
    let people = "\
L1,丙一,M,1970,5,C-DIS,,C,yes,yes,,,0,0,0,0
M1,丙审,F,1985,2,C-AUD,,C,no,yes,,,0,0,2,0
M2,丙财,M,1988,2,C-FIN,,C,no,yes,,,0,0,1,0
L2,乙二,F,1971,5,B-AUD,,B,yes,yes,,,0,0,1,0
";
    let (text, bad) = explain(people, "", "");
    assert!(bad);
    insta::assert_snapshot!("mixing_caps_starve_a_group", text);
}

#[test]
fn the_samples_are_not_starved() {
    for case in ["data/sample", "data/tiny", "data/sample.xlsx"] {
        let case = load_case(Path::new(case)).unwrap();
        let report = analyse(&case, &Eligibility::build(&case));
        assert!(report.ok(), "{:?}", report.findings);
    }
}
