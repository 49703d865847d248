//! Synthetic cases of any size, for benchmarks and tests: regions with
//! departments, townships and villages, a pool spread over them with posts,
//! kin, relatives, conflicts and business ties. Deterministic by seed.

use crate::model::{
    Area, Case, Gender, Group, KinFact, Person, PersonId, Policy, Post, RegionId, Round, Tie, Unit,
    UnitFact, UnitId, Weights,
};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashMap;

/// What to generate.
#[derive(Debug, Clone)]
pub struct GenOptions {
    /// People in the pool.
    pub people: usize,
    /// Groups in the round.
    pub groups: usize,
    /// Targets per group (all in one region).
    pub targets_per_group: usize,
    /// The seed.
    pub seed: u64,
    /// Leaders and auditors scarce: at most two per group of each.
    pub tight: bool,
    /// Plant a starved group: every leader-pool person declares a conflict
    /// with the first target of the first group, which then has no leader.
    pub infeasible: bool,
}

impl GenOptions {
    /// `people` and `groups` with 3 targets per group.
    pub fn new(people: usize, groups: usize, seed: u64) -> Self {
        GenOptions {
            people,
            groups,
            targets_per_group: 3,
            seed,
            tight: false,
            infeasible: false,
        }
    }
}

const DEPARTMENTS: [&str; 12] = [
    "纪委监委",
    "组织部",
    "审计局",
    "财政局",
    "发改局",
    "教育局",
    "卫健委",
    "住建局",
    "农业农村局",
    "自然资源局",
    "人社局",
    "交通运输局",
];

/// Common surnames, for generated names.
const SURNAMES: [&str; 24] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "高", "罗", "郑", "梁", "谢", "宋",
];

/// Given names, for generated names.
const GIVEN_NAMES: [&str; 32] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "华", "平", "刚", "桂英", "辉", "建华", "晓东", "海燕", "志强", "丹", "鹏", "宇",
    "文博", "佳怡",
];

/// Builds a synthetic case in memory.
pub fn synthetic_case(o: &GenOptions) -> Case {
    let mut rng = ChaCha8Rng::seed_from_u64(o.seed);
    // enough regions that each holds the targets of at most five groups (18 targetable units each)
    let n_regions = 11.max(o.groups.div_ceil(5)) + 1;
    let regions: Vec<String> = (0..n_regions).map(|r| format!("R{r:03}")).collect();
    let map = unit_map(&regions);
    let groups = synthetic_groups(o, &map.targetable);
    let mut people = draw_people(o, &mut rng, &map);
    let units = map.units;
    let posts = draw_posts(o, &mut rng, units.len());
    let mut facts = draw_relations(o, &mut rng, units.len());
    if o.tight {
        make_tight(o, &mut people);
    }
    if o.infeasible {
        plant_conflicts(&groups, &people, &mut facts);
    }
    let round = synthetic_round(o, groups);
    Case::new(
        units,
        people,
        regions,
        posts,
        facts.kin,
        facts.relatives,
        facts.conflicts,
        facts.ties,
        round,
        HashMap::new(),
    )
}

/// The units of every region, and which of them are grouped how.
struct UnitMap {
    /// All units, in file order.
    units: Vec<Unit>,
    /// Per region: its units.
    region_units: Vec<Vec<UnitId>>,
    /// Per region: the units a group may inspect.
    targetable: Vec<Vec<UnitId>>,
}

impl UnitMap {
    /// Adds a unit (its line is its place in the file) and gives its id.
    fn add(
        &mut self,
        id: String,
        name: String,
        r: usize,
        kind: &str,
        parent: Option<UnitId>,
    ) -> UnitId {
        self.units.push(Unit {
            id,
            name,
            region: RegionId(r as u32),
            kind: kind.to_string(),
            parent,
            line: self.units.len() + 2,
        });
        let u = UnitId(self.units.len() as u32 - 1);
        self.region_units[r].push(u);
        u
    }
}

/// Per region: departments (the first four carry expertise), townships with
/// villages, SOEs.
fn unit_map(regions: &[String]) -> UnitMap {
    let n_regions = regions.len();
    let mut map = UnitMap {
        units: Vec::new(),
        region_units: vec![Vec::new(); n_regions],
        targetable: vec![Vec::new(); n_regions],
    };
    for (r, code) in regions.iter().enumerate() {
        for (d, name) in DEPARTMENTS.iter().enumerate() {
            let u = map.add(
                format!("{code}-D{:02}", d + 1),
                format!("{code}{name}"),
                r,
                "department",
                None,
            );
            if d >= 4 {
                map.targetable[r].push(u);
            }
        }
        for t in 0..8 {
            let town = map.add(
                format!("{code}-T{:02}", t + 1),
                format!("{code}第{}镇", t + 1),
                r,
                "township",
                None,
            );
            map.targetable[r].push(town);
            for v in 0..3 {
                map.add(
                    format!("{code}-T{:02}-V{:02}", t + 1, v + 1),
                    format!("{code}第{}镇{}村", t + 1, v + 1),
                    r,
                    "village",
                    Some(town),
                );
            }
        }
        for e in 0..2 {
            let soe = map.add(
                format!("{code}-E{:02}", e + 1),
                format!("{code}国企{}", e + 1),
                r,
                "soe",
                None,
            );
            map.targetable[r].push(soe);
        }
    }
    map
}

/// The groups: region 0 is the city and is never inspected; the others in turn.
fn synthetic_groups(o: &GenOptions, targetable: &[Vec<UnitId>]) -> Vec<Group> {
    let n_regions = targetable.len();
    let mut groups = Vec::with_capacity(o.groups);
    let mut next_target = vec![0usize; n_regions];
    for g in 0..o.groups {
        let r = 1 + g % (n_regions - 1);
        let mut targets = Vec::with_capacity(o.targets_per_group);
        for _ in 0..o.targets_per_group {
            let list = &targetable[r];
            if next_target[r] < list.len() {
                targets.push(list[next_target[r]]);
                next_target[r] += 1;
            }
        }
        groups.push(Group {
            id: format!("G{}", g + 1),
            targets,
            size: (4, 6),
        });
    }
    groups
}

/// The people: a quarter in city departments, the rest over the regions.
fn draw_people(o: &GenOptions, rng: &mut ChaCha8Rng, map: &UnitMap) -> Vec<Person> {
    let mut people = Vec::with_capacity(o.people);
    // names from a stream of their own, so that the rest of the case does
    // not depend on them
    let mut names = ChaCha8Rng::seed_from_u64(o.seed);
    names.set_stream(1);
    for i in 0..o.people {
        people.push(draw_person(rng, &mut names, map, i));
    }
    people
}

/// The `i`th person, drawn from `rng` (their name from `names`).
fn draw_person(rng: &mut ChaCha8Rng, names: &mut ChaCha8Rng, map: &UnitMap, i: usize) -> Person {
    let n_regions = map.region_units.len();
    let r = if rng.random_bool(0.25) {
        0
    } else {
        rng.random_range(1..n_regions)
    };
    let list = &map.region_units[r];
    // most work in departments
    let unit = if rng.random_bool(0.8) {
        list[rng.random_range(0..DEPARTMENTS.len())]
    } else {
        list[rng.random_range(0..list.len())]
    };
    let dept = map.units[unit.ix()]
        .id
        .rsplit('-')
        .next()
        .and_then(|s| s.strip_prefix('D'))
        .and_then(|s| s.parse::<usize>().ok());
    let mut levels = vec![0u8; 4];
    if let Some(d @ 1..=4) = dept {
        levels[d - 1] = rng.random_range(2..=3);
    }
    for l in levels.iter_mut() {
        if *l == 0 && rng.random_bool(0.12) {
            *l = 1;
        }
    }
    let leader = rng.random_bool(1.0 / 6.0);
    let rank = if leader {
        rng.random_range(3..=5)
    } else {
        rng.random_range(1..=4)
    };
    let native = if rng.random_bool(0.7) {
        r
    } else {
        rng.random_range(0..n_regions)
    };
    Person {
        id: format!("P{:06}", i + 1),
        name: format!(
            "{}{}",
            SURNAMES[names.random_range(0..SURNAMES.len())],
            GIVEN_NAMES[names.random_range(0..GIVEN_NAMES.len())]
        ),
        gender: if rng.random_bool(0.38) {
            Gender::Female
        } else {
            Gender::Male
        },
        birth_year: rng.random_range(1966..=1998),
        rank,
        rank_step: rank * 2,
        unit,
        region: RegionId(r as u32),
        native_region: Some(RegionId(native as u32)),
        leader,
        deputy: leader,
        available: rng.random_bool(0.95),
        must_serve: rng.random_bool(0.03),
        last_served: if rng.random_bool(0.4) {
            Some(rng.random_range(2019..=2025))
        } else {
            None
        },
        levels,
        line: i + 2,
    }
}

/// Any of the `n_units` units.
fn any_unit(rng: &mut ChaCha8Rng, n_units: usize) -> UnitId {
    UnitId(rng.random_range(0..n_units) as u32)
}

/// Past posts: four people in ten held one to three.
fn draw_posts(o: &GenOptions, rng: &mut ChaCha8Rng, n_units: usize) -> Vec<Post> {
    let mut posts = Vec::new();
    for i in 0..o.people {
        if rng.random_bool(0.4) {
            for _ in 0..rng.random_range(1..=3) {
                let from = rng.random_range(2000..=2020);
                posts.push(Post {
                    person: PersonId(i as u32),
                    unit: any_unit(rng, n_units),
                    from_year: Some(from),
                    to_year: Some(from + rng.random_range(1..=5)),
                    line: posts.len() + 2,
                });
            }
        }
    }
    posts
}

/// The relations file's facts (one line counter over all of them).
struct Relations {
    kin: Vec<KinFact>,
    relatives: Vec<UnitFact>,
    conflicts: Vec<UnitFact>,
    ties: Vec<Tie>,
}

/// Kin, relatives at units, declared conflicts and business ties.
fn draw_relations(o: &GenOptions, rng: &mut ChaCha8Rng, n_units: usize) -> Relations {
    let mut kin = Vec::new();
    let mut relatives = Vec::new();
    let mut conflicts = Vec::new();
    let mut ties = Vec::new();
    let mut line = 2;
    if o.people >= 2 {
        for _ in 0..o.people / 14 {
            let a = rng.random_range(0..o.people);
            let b = rng.random_range(0..o.people);
            if a != b {
                kin.push(KinFact {
                    a: PersonId(a as u32),
                    b: PersonId(b as u32),
                    note: "亲属".into(),
                    line,
                });
                line += 1;
            }
        }
    }
    for _ in 0..o.people / 12 {
        relatives.push(UnitFact {
            person: PersonId(rng.random_range(0..o.people) as u32),
            unit: any_unit(rng, n_units),
            note: String::new(),
            line,
        });
        line += 1;
    }
    for _ in 0..o.people / 20 {
        conflicts.push(UnitFact {
            person: PersonId(rng.random_range(0..o.people) as u32),
            unit: any_unit(rng, n_units),
            note: String::new(),
            line,
        });
        line += 1;
    }
    for _ in 0..n_units / 10 {
        let a = any_unit(rng, n_units);
        let b = any_unit(rng, n_units);
        if a != b {
            ties.push(Tie {
                a,
                b,
                note: String::new(),
                line,
            });
            line += 1;
        }
    }
    Relations {
        kin,
        relatives,
        conflicts,
        ties,
    }
}

/// `--tight`: the first two per group of the leader pool and of the
/// auditors keep it.
fn make_tight(o: &GenOptions, people: &mut [Person]) {
    let cap = 2 * o.groups;
    let (mut leaders, mut auditors) = (0, 0);
    for p in people {
        if p.leader {
            leaders += 1;
            p.leader = leaders <= cap;
            p.deputy = p.leader;
        }
        // audit is the third area
        if p.levels[2] > 0 {
            auditors += 1;
            if auditors > cap {
                p.levels[2] = 0;
            }
        }
    }
}

/// `--infeasible`: every leader-pool person declares a conflict with the
/// first target of the first group.
fn plant_conflicts(groups: &[Group], people: &[Person], facts: &mut Relations) {
    if let Some(g) = groups.first() {
        let target = g.targets[0];
        let mut line = facts.conflicts.len() + facts.relatives.len() + 2;
        for (i, p) in people.iter().enumerate() {
            if p.leader {
                facts.conflicts.push(UnitFact {
                    person: PersonId(i as u32),
                    unit: target,
                    note: "planted by gen --infeasible".into(),
                    line,
                });
                line += 1;
            }
        }
    }
}

/// The round: the first four known areas, one of each required, default
/// policy and weights.
fn synthetic_round(o: &GenOptions, groups: Vec<Group>) -> Round {
    Round {
        name: format!(
            "synthetic {} people × {} groups, seed {}",
            o.people, o.groups, o.seed
        ),
        year: 2026,
        areas: crate::io::case::KNOWN_AREAS[..4]
            .iter()
            .map(|(k, l)| Area {
                key: k.to_string(),
                label: l.to_string(),
            })
            .collect(),
        policy: Policy::default(),
        requirements: vec![1; 4],
        weights: Weights::default(),
        groups,
        pins: vec![],
        exclude: vec![],
        titles: Default::default(),
    }
}

/// Draws a case can take before `gen` gives up on making it feasible.
pub const MAX_DRAWS: u64 = 8;

/// Is there a plan keeping every rule? The pre-solve report, then a search
/// that stops at the first plan found (on a budget of moves: deterministic).
/// `Err` says why not, in words.
pub fn staffable(case: &Case) -> Result<(), String> {
    crate::solve::first_plan(case, 1, None, 2)
        .map_err(|no| crate::explain::no_plan_line(crate::explain::Lang::En, case, &no))
}

/// The case `gen` writes: `synthetic_case`, and unless `infeasible` is asked
/// for, checked to be staffable (a plan keeping every rule is found). A draw
/// that is not is drawn again from the next seed of a fixed sequence, up to
/// [`MAX_DRAWS`] times, so the result is still fixed by the seed. Gives the
/// case and the number of draws, or why the last draw could not be staffed.
pub fn feasible_case(o: &GenOptions) -> Result<(Case, u64), String> {
    if o.infeasible {
        return Ok((synthetic_case(o), 1));
    }
    let mut last = String::new();
    for draw in 0..MAX_DRAWS {
        let opts = GenOptions {
            // the user's seed first, then a fixed sequence derived from it
            seed: o
                .seed
                .wrapping_add(draw.wrapping_mul(0x9E37_79B9_7F4A_7C15)),
            ..o.clone()
        };
        let mut case = synthetic_case(&opts);
        if draw > 0 {
            case.round.name = format!(
                "synthetic {} people × {} groups, seed {} (draw {})",
                o.people,
                o.groups,
                o.seed,
                draw + 1
            );
        }
        match staffable(&case) {
            Ok(()) => return Ok((case, draw + 1)),
            Err(why) => last = why,
        }
    }
    Err(format!(
        "no staffable case in {MAX_DRAWS} draws; the last one: {last}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_case() {
        let a = synthetic_case(&GenOptions::new(500, 20, 7));
        let b = synthetic_case(&GenOptions::new(500, 20, 7));
        assert_eq!(a.people.len(), 500);
        assert_eq!(a.round.groups.len(), 20);
        assert!(a.round.groups.iter().all(|g| g.targets.len() == 3));
        let ids = |c: &Case| {
            c.people
                .iter()
                .map(|p| (p.unit, p.region, p.leader))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&a), ids(&b));
        assert_eq!(a.posts.len(), b.posts.len());
    }
}
