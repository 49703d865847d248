//! The exact mode (MILP, good_lp): optimal and valid on the tiny case,
//! infeasible on the starved one, and in agreement with brute force on many
//! very small hand-built cases (every assignment checked by
//! `validate::check_plan` and scored by `solve::evaluate`).

use std::collections::HashMap;
use xuncha::constraints::Eligibility;
use xuncha::model::{
    Area, Case, Gender, Group, GroupId, KinFact, Person, PersonId, Pin, Plan, PlanGroup, Policy,
    Post, RegionId, Role, Round, RuleId, Tie, Unit, UnitFact, UnitId, Weights,
};
use xuncha::solve::exact::{solve_exact, ExactOptions};
use xuncha::solve::{evaluate, ExactStatus, ScoreModel};
use xuncha::validate::check_plan;

fn load(dir: &str) -> Case {
    let path = format!("{}/{dir}", env!("CARGO_MANIFEST_DIR"));
    xuncha::io::load_case(path.as_ref()).expect("the case loads")
}

#[test]
fn tiny_is_solved_to_optimality_with_a_valid_plan() {
    let case = load("data/tiny");
    let elig = Eligibility::build(&case);
    let model = ScoreModel::new(&case, &elig, None);
    let r = solve_exact(&case, &elig, &model, &ExactOptions::default());
    assert_eq!(r.status, ExactStatus::Optimal);
    let plan = r.plan.expect("a plan");
    let violations = check_plan(&case, &plan);
    assert!(violations.is_empty(), "{violations:#?}");
    let total = evaluate(&case, &model, &plan).total(&model);
    let objective = r.objective.expect("an objective");
    assert!(
        (objective - total).abs() < 1e-6,
        "objective {objective} vs score {total}"
    );
    // every constraint is counted under a rule id or a score term
    let size = &r.model_size;
    assert_eq!(size.per_rule.values().sum::<usize>(), size.constraints);
    // the tiny case exercises every rule (1–3 and `unavailable` with 0 constraints)
    for rule in RuleId::ALL {
        assert!(
            size.per_rule.contains_key(rule.as_str()),
            "{} missing from {:?}",
            rule.as_str(),
            size.per_rule
        );
    }
    for key in size.per_rule.keys() {
        assert!(
            key.starts_with("score.") || RuleId::ALL.iter().any(|r| r.as_str() == *key),
            "unknown key {key}"
        );
    }
    // the plan's shape: groups in round order, members sorted, leaders among them
    for (i, pg) in plan.groups.iter().enumerate() {
        assert_eq!(pg.group, GroupId(i as u32));
        assert!(pg.members.windows(2).all(|w| w[0] < w[1]));
        assert!(pg.leaders.iter().all(|l| pg.members.contains(l)));
    }
}

#[test]
fn tiny_warm_started_from_its_valid_plan_is_still_optimal() {
    let case = load("data/tiny");
    let elig = Eligibility::build(&case);
    let model = ScoreModel::new(&case, &elig, None);
    let cold = solve_exact(&case, &elig, &model, &ExactOptions::default());
    let given = xuncha::io::read_plan(
        &case,
        format!("{}/data/tiny-plan.csv", env!("CARGO_MANIFEST_DIR")).as_ref(),
    )
    .expect("the tiny plan reads")
    .plan;
    let warm = solve_exact(
        &case,
        &elig,
        &model,
        &ExactOptions {
            time_limit: Some(std::time::Duration::from_secs(60)),
            warm_start: Some(given),
        },
    );
    assert_eq!(warm.status, ExactStatus::Optimal);
    assert!((warm.objective.unwrap() - cold.objective.unwrap()).abs() < 1e-6);
    assert!(check_plan(&case, warm.plan.as_ref().unwrap()).is_empty());
}

#[test]
fn starved_is_infeasible() {
    let case = load("data/starved");
    let elig = Eligibility::build(&case);
    let model = ScoreModel::new(&case, &elig, None);
    let r = solve_exact(&case, &elig, &model, &ExactOptions::default());
    assert_eq!(r.status, ExactStatus::Infeasible);
    assert!(r.plan.is_none());
    assert!(r.objective.is_none());
}

/// splitmix64: a tiny deterministic generator for the hand-built cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / ((1u64 << 53) as f64) < p
    }
}

/// A very small random case: 4 regions of 3 units (one a child of another),
/// two groups, 6–8 people with every kind of fact now and then.
fn small_case(seed: u64) -> (Case, Option<Plan>) {
    let mut rng = Rng(seed);
    let regions: Vec<String> = (0..4).map(|r| format!("R{r}")).collect();
    let mut units = Vec::new();
    for r in 0..4u32 {
        for (k, parent) in [("A", None), ("B", None), ("A-V", Some(UnitId(r * 3)))] {
            units.push(Unit {
                id: format!("R{r}-{k}"),
                name: format!("unit R{r}-{k}"),
                region: RegionId(r),
                kind: "department".into(),
                parent,
                line: units.len() + 2,
            });
        }
    }
    let n = 6 + rng.below(4);
    let mut people = Vec::new();
    for i in 0..n {
        let r = rng.below(4) as u32;
        let unit = UnitId(r * 3 + rng.below(3) as u32);
        people.push(Person {
            id: format!("P{i}"),
            name: format!("person {i}"),
            gender: if rng.chance(0.4) {
                Gender::Female
            } else {
                Gender::Male
            },
            birth_year: 1965 + rng.below(30) as i32,
            rank: 1 + rng.below(5) as u8,
            // set below from the rank (the senior step of its band)
            rank_step: 0,
            unit,
            region: RegionId(r),
            native_region: if rng.chance(0.3) {
                Some(RegionId(rng.below(4) as u32))
            } else {
                None
            },
            leader: rng.chance(0.45),
            // the deputy pool is the leader pool; no deputies here (the
            // brute force does not choose them): tests/roles.rs has them
            deputy: false,
            available: rng.chance(0.92),
            must_serve: rng.chance(0.2),
            last_served: if rng.chance(0.4) {
                Some(2023 + rng.below(4) as i32)
            } else {
                None
            },
            levels: vec![
                if rng.chance(0.6) {
                    1 + rng.below(3) as u8
                } else {
                    0
                },
                if rng.chance(0.5) {
                    1 + rng.below(3) as u8
                } else {
                    0
                },
            ],
            line: i + 2,
        });
        let p = people.last_mut().expect("just pushed");
        p.rank_step = p.rank * 2;
    }
    let any_unit = |rng: &mut Rng| UnitId(rng.below(12) as u32);
    let any_person = |rng: &mut Rng| PersonId(rng.below(n) as u32);
    let mut posts = Vec::new();
    let mut kin = Vec::new();
    let mut relatives = Vec::new();
    let mut conflicts = Vec::new();
    let mut ties = Vec::new();
    if rng.chance(0.4) {
        let from = 2010 + rng.below(10) as i32;
        posts.push(Post {
            person: any_person(&mut rng),
            unit: any_unit(&mut rng),
            from_year: Some(from),
            to_year: Some(from + 3),
            line: 2,
        });
    }
    if rng.chance(0.6) {
        let (a, b) = (any_person(&mut rng), any_person(&mut rng));
        if a != b {
            kin.push(KinFact {
                a,
                b,
                note: String::new(),
                line: 2,
            });
        }
    }
    if rng.chance(0.3) {
        relatives.push(UnitFact {
            person: any_person(&mut rng),
            unit: any_unit(&mut rng),
            note: String::new(),
            line: 3,
        });
    }
    if rng.chance(0.3) {
        conflicts.push(UnitFact {
            person: any_person(&mut rng),
            unit: any_unit(&mut rng),
            note: String::new(),
            line: 4,
        });
    }
    if rng.chance(0.3) {
        let (a, b) = (any_unit(&mut rng), any_unit(&mut rng));
        if a != b {
            ties.push(Tie {
                a,
                b,
                note: String::new(),
                line: 5,
            });
        }
    }
    // G1 inspects region 1; G2 region 2, sometimes region 3 too
    let max_size = 3 + rng.below(2) as u32;
    let mut g2_targets = vec![UnitId(2 * 3 + 1)];
    if rng.chance(0.3) {
        g2_targets.push(UnitId(3 * 3));
    }
    let groups = vec![
        Group {
            id: "G1".into(),
            targets: vec![UnitId(3)],
            size: (2, max_size),
        },
        Group {
            id: "G2".into(),
            targets: g2_targets,
            size: (2, 3),
        },
    ];
    let policy = Policy {
        group_size: (2, max_size),
        leaders_per_group: 1,
        post_lookback_years: 0,
        region_avoidance: true,
        native_avoidance: true,
        business_avoidance: true,
        reciprocal_avoidance: rng.chance(0.8),
        max_same_region: 1 + rng.below(2) as u32,
        max_same_unit: 1 + rng.below(2) as u32,
        // every other case with the seniority rule (no draw: the other
        // draws stay as they were)
        leader_outranks_members: seed.is_multiple_of(2),
        deputies_per_group: 0,
    };
    let requirements = vec![rng.below(2) as u32, rng.below(2) as u32];
    let mut weights = Weights::default();
    if rng.chance(0.3) {
        weights.mixing = 3.0;
        weights.age = 0.7;
        weights.gender = 2.5;
    }
    let mut pins = Vec::new();
    if rng.chance(0.2) {
        pins.push(Pin {
            person: any_person(&mut rng),
            group: GroupId(rng.below(2) as u32),
            role: if rng.chance(0.5) {
                Role::Leader
            } else {
                Role::Member
            },
        });
    }
    let exclude = if rng.chance(0.2) {
        vec![any_person(&mut rng)]
    } else {
        vec![]
    };
    let round = Round {
        name: format!("small {seed}"),
        year: 2026,
        areas: vec![
            Area {
                key: "discipline".into(),
                label: "纪检监察".into(),
            },
            Area {
                key: "audit".into(),
                label: "审计".into(),
            },
        ],
        policy,
        requirements,
        weights,
        groups,
        pins,
        exclude,
        titles: Default::default(),
    };
    // a baseline now and then: people scattered at random
    let baseline = rng.chance(0.3).then(|| {
        let mut plan = Plan {
            groups: (0..2)
                .map(|g| PlanGroup {
                    group: GroupId(g),
                    leaders: vec![],
                    deputies: vec![],
                    members: vec![],
                })
                .collect(),
        };
        for p in 0..n {
            let g = rng.below(3);
            if g < 2 {
                plan.groups[g].members.push(PersonId(p as u32));
            }
        }
        // sometimes a baseline leader, so that a changed role counts as moved
        for pg in &mut plan.groups {
            if !pg.members.is_empty() && rng.chance(0.5) {
                pg.leaders = vec![pg.members[0]];
            }
        }
        plan
    });
    let case = Case::new(
        units,
        people,
        regions,
        posts,
        kin,
        relatives,
        conflicts,
        ties,
        round,
        HashMap::new(),
    );
    (case, baseline)
}

/// All plans of the case, people out or in any group, with exactly one leader
/// per staffed group chosen in every way; the least score among the valid
/// ones (None: none is valid). `check_plan` is the only judge of validity.
fn brute_force(case: &Case, model: &ScoreModel) -> Option<f64> {
    let n = case.people.len();
    let n_groups = case.round.groups.len();
    // places each person may take alone without breaking a rule about
    // themselves (rules 1–3, unavailable): asked of check_plan, one by one
    let person_rules = [
        RuleId::PostAvoidance,
        RuleId::RegionAvoidance,
        RuleId::BusinessAvoidance,
        RuleId::Unavailable,
    ];
    let options: Vec<Vec<Option<usize>>> = (0..n)
        .map(|p| {
            let mut o = vec![None];
            for g in 0..n_groups {
                let mut plan = Plan::empty(case);
                plan.groups[g].members.push(PersonId(p as u32));
                let alone_ok = check_plan(case, &plan)
                    .iter()
                    .all(|v| !person_rules.contains(&v.rule));
                if alone_ok {
                    o.push(Some(g));
                }
            }
            o
        })
        .collect();
    let mut best: Option<f64> = None;
    let mut choice = vec![0usize; n];
    loop {
        let mut plan = Plan::empty(case);
        for p in 0..n {
            if let Some(g) = options[p][choice[p]] {
                plan.groups[g].members.push(PersonId(p as u32));
            }
        }
        let sizes_ok = plan.groups.iter().enumerate().all(|(g, pg)| {
            let (lo, hi) = case.round.groups[g].size;
            (lo as usize..=hi as usize).contains(&pg.members.len())
        });
        if sizes_ok {
            if let Some(total) = best_with_some_leaders(case, model, &mut plan) {
                if best.is_none_or(|b| total < b) {
                    best = Some(total);
                }
            }
        }
        // next choice (odometer)
        let mut i = 0;
        loop {
            if i == n {
                return best;
            }
            choice[i] += 1;
            if choice[i] < options[i].len() {
                break;
            }
            choice[i] = 0;
            i += 1;
        }
    }
}

/// Tries every choice of one leader per group; the least score of those
/// that pass check_plan (who leads counts against a baseline), None if none does.
fn best_with_some_leaders(case: &Case, model: &ScoreModel, plan: &mut Plan) -> Option<f64> {
    let counts: Vec<usize> = plan.groups.iter().map(|pg| pg.members.len()).collect();
    let mut pick = vec![0usize; counts.len()];
    let mut best: Option<f64> = None;
    loop {
        for (pg, &k) in plan.groups.iter_mut().zip(&pick) {
            pg.leaders = pg.members.get(k).copied().into_iter().collect();
        }
        let violations = check_plan(case, plan);
        if violations.is_empty() {
            let total = evaluate(case, model, plan).total(model);
            if best.is_none_or(|b| total < b) {
                best = Some(total);
            }
        } else if violations.iter().any(|v| {
            !matches!(
                v.rule,
                RuleId::Leader | RuleId::LeaderSeniority | RuleId::Pin
            )
        }) {
            // only the leader, seniority and pin checks depend on who leads
            return None;
        }
        let mut i = 0;
        loop {
            if i == pick.len() {
                return best;
            }
            pick[i] += 1;
            if pick[i] < counts[i].max(1) {
                break;
            }
            pick[i] = 0;
            i += 1;
        }
    }
}

#[test]
fn agrees_with_brute_force_on_small_cases() {
    let mut feasible = 0;
    let mut infeasible = 0;
    for seed in 0..150u64 {
        let (case, baseline) = small_case(seed);
        let elig = Eligibility::build(&case);
        let model = ScoreModel::new(&case, &elig, baseline.as_ref());
        let best = brute_force(&case, &model);
        let r = solve_exact(&case, &elig, &model, &ExactOptions::default());
        match best {
            None => {
                assert_eq!(r.status, ExactStatus::Infeasible, "seed {seed}");
                assert!(r.plan.is_none());
                infeasible += 1;
            }
            Some(best) => {
                assert_eq!(r.status, ExactStatus::Optimal, "seed {seed}");
                let plan = r.plan.expect("a plan");
                let violations = check_plan(&case, &plan);
                assert!(violations.is_empty(), "seed {seed}: {violations:#?}");
                let objective = r.objective.expect("an objective");
                let total = evaluate(&case, &model, &plan).total(&model);
                assert!(
                    (objective - total).abs() < 1e-6,
                    "seed {seed}: objective {objective} vs the plan's score {total}"
                );
                assert!(
                    (objective - best).abs() < 1e-6,
                    "seed {seed}: MILP {objective} vs brute force {best}"
                );
                feasible += 1;
            }
        }
    }
    // the generator makes both kinds
    assert!(feasible >= 10, "only {feasible} feasible cases");
    assert!(infeasible >= 3, "only {infeasible} infeasible cases");
}
