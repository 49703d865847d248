//! One test per hard rule on the tiny case (data/tiny, its README tells each
//! person's story): the valid plan plus one change breaks exactly that rule,
//! and the near-misses break none.

use xuncha::model::{Case, Plan, RuleId};
use xuncha::{io, validate};

struct Verify {
    case: Case,
    plan: Plan,
}

/// The tiny case with its valid plan.
fn given() -> Verify {
    let case = io::load_case("data/tiny".as_ref()).expect("data/tiny loads");
    let plan = io::read_plan(&case, "data/tiny-plan.csv".as_ref())
        .expect("the tiny plan reads")
        .plan;
    Verify { case, plan }
}

impl Verify {
    fn add(mut self, group: &str, person: &str) -> Self {
        let g = self.case.group_by_id(group).expect("group");
        let p = self.case.person_by_id(person).expect("person");
        self.plan.groups[g.ix()].members.push(p);
        self
    }

    fn remove(mut self, group: &str, person: &str) -> Self {
        let g = self.case.group_by_id(group).expect("group");
        let p = self.case.person_by_id(person).expect("person");
        let pg = &mut self.plan.groups[g.ix()];
        pg.members.retain(|&x| x != p);
        pg.leaders.retain(|&x| x != p);
        self
    }

    fn lead(mut self, group: &str, person: &str) -> Self {
        let g = self.case.group_by_id(group).expect("group");
        let p = self.case.person_by_id(person).expect("person");
        self.plan.groups[g.ix()].leaders = vec![p];
        self
    }

    /// (rule, reason, group, person) of every violation.
    fn violations(&self) -> Vec<(RuleId, &'static str, String, String)> {
        validate::check_plan(&self.case, &self.plan)
            .into_iter()
            .map(|v| {
                (
                    v.rule,
                    v.reason,
                    v.group.unwrap_or_default(),
                    v.person.unwrap_or_default(),
                )
            })
            .collect()
    }

    fn expect(self, rule: RuleId, reason: &'static str, group: &str, person: &str) {
        assert_eq!(
            self.violations(),
            vec![(rule, reason, group.to_string(), person.to_string())],
            "{:#?}",
            validate::check_plan(&self.case, &self.plan)
        );
    }

    fn expect_none(self) {
        assert_eq!(self.violations(), vec![]);
    }
}

#[test]
fn the_valid_plan_is_valid() {
    given().expect_none();
}

#[test]
fn post_avoidance_past_post_in_a_village_under_the_target() {
    given()
        .add("G1", "P07")
        .expect(RuleId::PostAvoidance, "past-post", "G1", "P07");
}

#[test]
fn post_avoidance_post_ending_at_the_edge_of_the_lookback_window() {
    given()
        .add("G1", "P24")
        .expect(RuleId::PostAvoidance, "past-post", "G1", "P24");
}

#[test]
fn post_avoidance_near_miss_post_ended_before_the_window() {
    given().add("G1", "P08").expect_none();
}

#[test]
fn post_avoidance_near_miss_unit_in_another_branch() {
    given().add("G1", "P17").expect_none();
}

#[test]
fn post_avoidance_kin_works_at_the_target() {
    given()
        .add("G1", "P09")
        .expect(RuleId::PostAvoidance, "kin", "G1", "P09");
}

#[test]
fn post_avoidance_relative_works_in_a_village_under_the_target() {
    given()
        .add("G1", "P11")
        .expect(RuleId::PostAvoidance, "relative", "G1", "P11");
}

#[test]
fn post_avoidance_current_unit_is_the_target() {
    // P10 works at A-T1 itself, and is from region A too
    let v = given().add("G1", "P10").violations();
    assert!(v.contains(&(
        RuleId::PostAvoidance,
        "current-post",
        "G1".into(),
        "P10".into()
    )));
    assert!(v.contains(&(RuleId::RegionAvoidance, "region", "G1".into(), "P10".into())));
}

#[test]
fn region_avoidance_own_region() {
    given()
        .add("G1", "P12")
        .expect(RuleId::RegionAvoidance, "region", "G1", "P12");
}

#[test]
fn region_avoidance_native_region() {
    given()
        .add("G1", "P13")
        .expect(RuleId::RegionAvoidance, "native", "G1", "P13");
}

#[test]
fn business_avoidance_declared_conflict_with_the_targets_agency() {
    given()
        .add("G2", "P14")
        .expect(RuleId::BusinessAvoidance, "declared-conflict", "G2", "P14");
}

#[test]
fn business_avoidance_tie_of_the_current_unit() {
    given()
        .add("G2", "P15")
        .expect(RuleId::BusinessAvoidance, "business-tie", "G2", "P15");
}

#[test]
fn business_avoidance_near_miss_tie_with_a_sibling_unit() {
    given().add("G2", "P16").expect_none();
}

#[test]
fn one_group() {
    given()
        .add("G2", "P03")
        .expect(RuleId::OneGroup, "one-group", "G2", "P03");
}

#[test]
fn unavailable() {
    given()
        .add("G2", "P18")
        .expect(RuleId::Unavailable, "unavailable", "G2", "P18");
}

#[test]
fn unavailable_excluded_by_the_round() {
    given()
        .add("G2", "P19")
        .expect(RuleId::Unavailable, "excluded", "G2", "P19");
}

#[test]
fn group_size_too_few() {
    given()
        .remove("G1", "P04")
        .expect(RuleId::GroupSize, "too-few", "G1", "");
}

#[test]
fn group_size_too_many() {
    let v = given().add("G1", "P08").add("G1", "P17").add("G1", "P28");
    v.expect(RuleId::GroupSize, "too-many", "G1", "");
}

#[test]
fn leader_not_in_the_leader_pool() {
    given()
        .lead("G1", "P03")
        .expect(RuleId::Leader, "not-in-leader-pool", "G1", "P03");
}

#[test]
fn leader_count() {
    let mut v = given();
    let p = v.case.person_by_id("P03").unwrap();
    v.plan.groups[0].leaders.clear();
    assert_eq!(
        v.violations(),
        vec![(
            RuleId::Leader,
            "leader-count",
            "G1".to_string(),
            String::new()
        )]
    );
    v.plan.groups[0].leaders = vec![v.case.person_by_id("P01").unwrap(), p];
    let found = v.violations();
    assert!(found.contains(&(RuleId::Leader, "leader-count", "G1".into(), String::new())));
    assert!(found.contains(&(
        RuleId::Leader,
        "not-in-leader-pool",
        "G1".into(),
        "P03".into()
    )));
}

#[test]
fn kin_same_group() {
    given()
        .add("G2", "P21")
        .expect(RuleId::KinSameGroup, "kin", "G2", "P05");
}

#[test]
fn mixing_region() {
    given()
        .add("G1", "P22")
        .expect(RuleId::MixingRegion, "same-region", "G1", "P22");
}

#[test]
fn mixing_unit() {
    given()
        .add("G1", "P23")
        .expect(RuleId::MixingUnit, "same-unit", "G1", "P23");
}

#[test]
fn reciprocal() {
    let v = given().add("G1", "P25");
    let found = validate::check_plan(&v.case, &v.plan);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].rule, RuleId::Reciprocal);
    // both sides are named: P25 (B inspects A) and P06 (A inspects B)
    assert!(found[0].others.contains(&"P25".to_string()));
    assert!(found[0].others.contains(&"P06".to_string()));
}

#[test]
fn reciprocal_switched_off_by_policy() {
    let mut v = given().add("G1", "P25");
    v.case.round.policy.reciprocal_avoidance = false;
    v.expect_none();
}

#[test]
fn requirement() {
    given().remove("G1", "P03").add("G1", "P26").expect(
        RuleId::Requirement,
        "requirement",
        "G1",
        "",
    );
}

#[test]
fn pin_not_kept() {
    given()
        .remove("G2", "P05")
        .add("G2", "P27")
        .expect(RuleId::Pin, "pin", "G2", "P05");
}

#[test]
fn messages_carry_the_chain_of_facts() {
    let v = given().add("G1", "P07");
    let found = validate::check_plan(&v.case, &v.plan);
    assert_eq!(
        xuncha::explain::cause_text(xuncha::explain::Lang::En, &v.case, &found[0].cause),
        "P07 陈曾任 held a post at A-T1-V1 一镇东村 2019–2023 (posts line 2); \
         A-T1-V1 belongs to A-T1 甲县一镇, a target of G1"
    );
    let v = given().add("G2", "P15");
    let found = validate::check_plan(&v.case, &v.plan);
    assert_eq!(
        xuncha::explain::cause_text(xuncha::explain::Lang::En, &v.case, &found[0].cause),
        "P15 秦财政 works at D-FIN 丁县财政局, which has business ties with \
         B-AUD-X 乙县审计服务中心 (审计服务合同) (relations line 5); \
         B-AUD-X belongs to B-AUD 乙县审计局, a target of G2"
    );
}

#[test]
fn policy_switches_turn_rules_off() {
    let mut v = given().add("G1", "P13");
    v.case.round.policy.native_avoidance = false;
    // the eligibility table follows the policy as well
    let elig = xuncha::constraints::Eligibility::build(&v.case);
    let p13 = v.case.person_by_id("P13").unwrap();
    assert!(elig.allowed(p13, v.case.group_by_id("G1").unwrap()));
    v.expect_none();
}
