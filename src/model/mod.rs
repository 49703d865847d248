//! The case and the plan as plain data: people, units, facts, the round and its
//! policy, with typed ids. No I/O and no solving here.

mod graph;
mod rule;

pub use graph::{Edge, Node, RelationGraph};
pub use rule::RuleId;

use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        pub struct $name(pub u32);

        impl $name {
            /// The index into the case's vector.
            #[inline]
            pub fn ix(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id_type!(
    /// Index of a unit in [`Case::units`].
    UnitId
);
id_type!(
    /// Index of a person in [`Case::people`].
    PersonId
);
id_type!(
    /// Index of a group in [`Round::groups`].
    GroupId
);
id_type!(
    /// Index of a region code in [`Case::regions`].
    RegionId
);

/// A person's gender.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Gender {
    /// 男
    Male,
    /// 女
    Female,
}

/// A unit (单位).
#[derive(Debug, Clone)]
pub struct Unit {
    /// The id as written (编号).
    pub id: String,
    /// Display name (名称).
    pub name: String,
    /// Region (地区).
    pub region: RegionId,
    /// Free-text kind (类型).
    pub kind: String,
    /// The unit this one belongs to (上级单位).
    pub parent: Option<UnitId>,
    /// Line in the source file.
    pub line: usize,
}

/// A person of the talent pool (人才库).
#[derive(Debug, Clone)]
pub struct Person {
    /// The id as written (编号).
    pub id: String,
    /// 姓名.
    pub name: String,
    /// 性别.
    pub gender: Gender,
    /// 出生年份.
    pub birth_year: i32,
    /// 职级, 1 (科员) ..= 5 (正处): the level the score balances.
    pub rank: u8,
    /// 职级 on the finer scale, 1 (二级科员) ..= 12 (一级巡视员), which keeps
    /// 一级 and 二级 apart (`io::ranks`); a 1–5 level is on the senior step of
    /// its band (正处 = 10).
    pub rank_step: u8,
    /// Current unit (工作单位).
    pub unit: UnitId,
    /// Region (地区): given, or the current unit's.
    pub region: RegionId,
    /// Native region (籍贯).
    pub native_region: Option<RegionId>,
    /// In the leader pool (组长库).
    pub leader: bool,
    /// In the deputy pool (副组长库); without that column, the leader pool.
    pub deputy: bool,
    /// Available (可抽调).
    pub available: bool,
    /// Must serve this round (须参加).
    pub must_serve: bool,
    /// Year of the last round served (上次巡察年份).
    pub last_served: Option<i32>,
    /// Expertise level 0..=3 per area, in the order of [`Round::areas`].
    pub levels: Vec<u8>,
    /// Line in the source file.
    pub line: usize,
}

/// A post held (任职经历). The current unit is not listed here: it always counts.
#[derive(Debug, Clone)]
pub struct Post {
    /// Who.
    pub person: PersonId,
    /// Where.
    pub unit: UnitId,
    /// 起始年份, if known.
    pub from_year: Option<i32>,
    /// 终止年份; `None` means still held.
    pub to_year: Option<i32>,
    /// Line in `posts.csv`.
    pub line: usize,
}

/// A fact between two people (`kin`).
#[derive(Debug, Clone)]
pub struct KinFact {
    /// One relative.
    pub a: PersonId,
    /// The other.
    pub b: PersonId,
    /// 备注.
    pub note: String,
    /// Line in `relations.csv`.
    pub line: usize,
}

/// A fact between a person and a unit (`relative_at`, `conflict`).
#[derive(Debug, Clone)]
pub struct UnitFact {
    /// The person.
    pub person: PersonId,
    /// The unit.
    pub unit: UnitId,
    /// 备注.
    pub note: String,
    /// Line in `relations.csv`.
    pub line: usize,
}

/// A business tie between two units (`business`), symmetric.
#[derive(Debug, Clone)]
pub struct Tie {
    /// One unit.
    pub a: UnitId,
    /// The other.
    pub b: UnitId,
    /// 备注.
    pub note: String,
    /// Line in `relations.csv`.
    pub line: usize,
}

/// The `[policy]` table of the round (SPEC §2.5).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Policy {
    /// Members per group, leader included: (min, max).
    pub group_size: (u32, u32),
    /// Leaders per group.
    pub leaders_per_group: u32,
    /// 0: every past post counts; N: posts ended within N years of the round's year.
    pub post_lookback_years: u32,
    /// 地域回避 on the person's region.
    pub region_avoidance: bool,
    /// … and on the native region.
    pub native_avoidance: bool,
    /// 公务回避 through unit–unit business ties.
    pub business_avoidance: bool,
    /// No two regions inspecting each other.
    pub reciprocal_avoidance: bool,
    /// At most this many members from one region per group.
    pub max_same_region: u32,
    /// At most this many members from one unit per group.
    pub max_same_unit: u32,
    /// A leader is never junior to a member of the group (rank steps,
    /// 一级/二级 apart); default on.
    pub leader_outranks_members: bool,
    /// Deputy leaders (副组长) per group, from the deputy pool; 0: none.
    pub deputies_per_group: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            group_size: (4, 6),
            leaders_per_group: 1,
            post_lookback_years: 0,
            region_avoidance: true,
            native_avoidance: true,
            business_avoidance: true,
            reciprocal_avoidance: true,
            max_same_region: 2,
            max_same_unit: 1,
            leader_outranks_members: true,
            deputies_per_group: 0,
        }
    }
}

/// Score weights (`[weights]`, SPEC §4). Used by the solver; defaults documented in the README.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Weights {
    /// Spread of the groups' expertise totals, per area.
    pub expertise: f64,
    /// Spread of the groups' mean rank.
    pub rank: f64,
    /// Spread of the groups' mean age.
    pub age: f64,
    /// Spread of the groups' share of women.
    pub gender: f64,
    /// Members sharing a region or unit beyond what the pool forces.
    pub mixing: f64,
    /// Each must-serve person left out.
    pub must_serve: f64,
    /// Recently served people used while others are left out.
    pub recent: f64,
    /// Each person moved against a baseline plan.
    pub stability: f64,
}

impl Weights {
    /// Each weight with its key in `[weights]`, in the documented order.
    pub fn entries(&self) -> [(&'static str, f64); 8] {
        [
            ("expertise", self.expertise),
            ("rank", self.rank),
            ("age", self.age),
            ("gender", self.gender),
            ("mixing", self.mixing),
            ("must_serve", self.must_serve),
            ("recent", self.recent),
            ("stability", self.stability),
        ]
    }
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            expertise: 1.0,
            rank: 1.0,
            age: 0.1,
            gender: 10.0,
            mixing: 1.0,
            must_serve: 10.0,
            recent: 1.0,
            stability: 5.0,
        }
    }
}

/// An area of expertise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    /// Canonical key, e.g. `audit`.
    pub key: String,
    /// Chinese name, e.g. 审计 (the key itself for areas without a known name).
    pub label: String,
}

/// A role in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// 组长.
    Leader,
    /// 副组长 (`deputies_per_group`).
    Deputy,
    /// 组员.
    Member,
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Role::Leader => "leader",
            Role::Deputy => "deputy",
            Role::Member => "member",
        })
    }
}

/// An inspection group of the round.
#[derive(Debug, Clone)]
pub struct Group {
    /// The id as written, e.g. `G1`.
    pub id: String,
    /// Units it inspects.
    pub targets: Vec<UnitId>,
    /// (min, max) members, leader included.
    pub size: (u32, u32),
}

/// A decision taken before solving.
#[derive(Debug, Clone)]
pub struct Pin {
    /// Who.
    pub person: PersonId,
    /// Where.
    pub group: GroupId,
    /// As what.
    pub role: Role,
}

/// The round (`round.toml`).
#[derive(Debug, Clone)]
pub struct Round {
    /// 轮次名称.
    pub name: String,
    /// The round's year.
    pub year: i32,
    /// Areas of expertise, in column order of [`Person::levels`].
    pub areas: Vec<Area>,
    /// Hard-rule switches and limits.
    pub policy: Policy,
    /// Per group, per area (index as in `areas`): minimum members with level ≥ 1.
    pub requirements: Vec<u32>,
    /// Score weights.
    pub weights: Weights,
    /// The groups.
    pub groups: Vec<Group>,
    /// Decisions taken.
    pub pins: Vec<Pin>,
    /// People not to be drawn this round.
    pub exclude: Vec<PersonId>,
    /// What the printed 编组名单 says under its title.
    pub titles: RoundTitles,
}

/// The round's words for the printed 编组名单's title block, each optional
/// (empty when not given): `round.toml` keys `document`, `period`, `date`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoundTitles {
    /// 文号: the number of the document that sets up the round.
    pub document: String,
    /// 进驻时间: when the groups are on site, as written.
    pub period: String,
    /// 制表日期: the date of the table, as written.
    pub date: String,
}

/// A whole case: the pool, the units, the facts and the round.
#[derive(Debug, Clone)]
pub struct Case {
    /// Units, indexed by [`UnitId`].
    pub units: Vec<Unit>,
    /// People, indexed by [`PersonId`].
    pub people: Vec<Person>,
    /// Region codes, indexed by [`RegionId`].
    pub regions: Vec<String>,
    /// Past and present posts (the current unit not repeated).
    pub posts: Vec<Post>,
    /// `kin` facts.
    pub kin: Vec<KinFact>,
    /// `relative_at` facts.
    pub relatives: Vec<UnitFact>,
    /// `conflict` facts.
    pub conflicts: Vec<UnitFact>,
    /// `business` ties.
    pub ties: Vec<Tie>,
    /// The round.
    pub round: Round,
    /// Per person: excluded by the round (`exclude`).
    pub excluded: Vec<bool>,
    /// Display names of the source files, by kind (`people`, `units`, `posts`, `relations`, `round`).
    pub sources: HashMap<&'static str, String>,
    /// Per region: its name from the case's `regions` table ("" when it
    /// has none), indexed by [`RegionId`].
    pub region_names: Vec<String>,
    /// The files read (name as found, path), in table order: what the
    /// input digest covers.
    pub input_files: Vec<(String, std::path::PathBuf)>,
    /// What the reader noticed and said (a sheet not read, a 籍贯 that
    /// matches no region, …); see [`crate::error::InputWarning`].
    pub warnings: Vec<crate::error::InputWarning>,
    /// Per group: its name (组名) when the round gives one, else "",
    /// indexed by [`GroupId`].
    pub group_names: Vec<String>,
    /// The people table's columns that no rule reads (序号, 民族, 联系电话,
    /// 备注 …), carried as written so that outputs can print them.
    pub carried: Carried,
    unit_index: HashMap<String, UnitId>,
    person_index: HashMap<String, PersonId>,
    group_index: HashMap<String, GroupId>,
    graph: RelationGraph,
}

impl Case {
    /// Assembles a case from validated parts and builds its relationship graph.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        units: Vec<Unit>,
        people: Vec<Person>,
        regions: Vec<String>,
        posts: Vec<Post>,
        kin: Vec<KinFact>,
        relatives: Vec<UnitFact>,
        conflicts: Vec<UnitFact>,
        ties: Vec<Tie>,
        round: Round,
        sources: HashMap<&'static str, String>,
    ) -> Case {
        let unit_index = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id.clone(), UnitId(i as u32)))
            .collect();
        let person_index = people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), PersonId(i as u32)))
            .collect();
        let group_index = round
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.id.clone(), GroupId(i as u32)))
            .collect();
        let mut excluded = vec![false; people.len()];
        for p in &round.exclude {
            excluded[p.ix()] = true;
        }
        let graph =
            RelationGraph::build(&units, &people, &posts, &kin, &relatives, &conflicts, &ties);
        Case {
            group_names: vec![String::new(); round.groups.len()],
            carried: Carried::default(),
            units,
            people,
            region_names: vec![String::new(); regions.len()],
            regions,
            input_files: Vec::new(),
            warnings: Vec::new(),
            posts,
            kin,
            relatives,
            conflicts,
            ties,
            round,
            excluded,
            sources,
            unit_index,
            person_index,
            group_index,
            graph,
        }
    }

    /// The relationship graph (people, units; posts, kin, relatives, conflicts, ties, parents).
    pub fn graph(&self) -> &RelationGraph {
        &self.graph
    }

    /// A unit by id as written.
    pub fn unit_by_id(&self, id: &str) -> Option<UnitId> {
        self.unit_index.get(id).copied()
    }

    /// A person by id as written.
    pub fn person_by_id(&self, id: &str) -> Option<PersonId> {
        self.person_index.get(id).copied()
    }

    /// A group by id as written.
    pub fn group_by_id(&self, id: &str) -> Option<GroupId> {
        self.group_index.get(id).copied()
    }

    /// The unit.
    pub fn unit(&self, u: UnitId) -> &Unit {
        &self.units[u.ix()]
    }

    /// The person.
    pub fn person(&self, p: PersonId) -> &Person {
        &self.people[p.ix()]
    }

    /// The group.
    pub fn group(&self, g: GroupId) -> &Group {
        &self.round.groups[g.ix()]
    }

    /// The region code.
    pub fn region(&self, r: RegionId) -> &str {
        &self.regions[r.ix()]
    }

    /// The region's name from the `regions` table, else its code.
    pub fn region_name(&self, r: RegionId) -> &str {
        match self.region_names.get(r.ix()) {
            Some(n) if !n.is_empty() => n,
            _ => self.region(r),
        }
    }

    /// All group ids.
    pub fn group_ids(&self) -> impl Iterator<Item = GroupId> + '_ {
        (0..self.round.groups.len() as u32).map(GroupId)
    }

    /// All person ids.
    pub fn person_ids(&self) -> impl Iterator<Item = PersonId> + '_ {
        (0..self.people.len() as u32).map(PersonId)
    }

    /// May this person be drawn at all this round (available and not excluded)?
    pub fn drawable(&self, p: PersonId) -> bool {
        self.people[p.ix()].available && !self.excluded[p.ix()]
    }

    /// `P0107 王某`, or the name alone when it is the id (a person written
    /// without one).
    pub fn person_label(&self, p: PersonId) -> String {
        let x = self.person(p);
        id_and_name(&x.id, &x.name)
    }

    /// `U0302 某局`, or the name alone when it is the id.
    pub fn unit_label(&self, u: UnitId) -> String {
        let x = self.unit(u);
        id_and_name(&x.id, &x.name)
    }

    /// The unit's ancestors through `parent`, nearest first.
    pub fn ancestors(&self, u: UnitId) -> impl Iterator<Item = UnitId> + '_ {
        let mut cur = self.units[u.ix()].parent;
        let mut steps = 0;
        std::iter::from_fn(move || {
            let next = cur?;
            // parent cycles are rejected on load; the bound only guards misuse
            steps += 1;
            if steps > self.units.len() {
                return None;
            }
            cur = self.units[next.ix()].parent;
            Some(next)
        })
    }

    /// How `u` relates to `t` (SPEC §2.1): the same unit, an ancestor, or a descendant.
    pub fn relation(&self, u: UnitId, t: UnitId) -> Option<Kinship> {
        if u == t {
            return Some(Kinship::Same);
        }
        if let Some(i) = self.ancestors(t).position(|a| a == u) {
            return Some(Kinship::AncestorOfTarget(i + 1));
        }
        if let Some(i) = self.ancestors(u).position(|a| a == t) {
            return Some(Kinship::DescendantOfTarget(i + 1));
        }
        None
    }

    /// Does a post (by its years) count for post avoidance this round?
    pub fn post_counts(&self, to_year: Option<i32>) -> bool {
        let lookback = self.round.policy.post_lookback_years;
        match to_year {
            None => true,
            Some(_) if lookback == 0 => true,
            Some(end) => end >= self.round.year - lookback as i32,
        }
    }

    /// The person's age in the round's year.
    pub fn age(&self, p: PersonId) -> i32 {
        self.round.year - self.people[p.ix()].birth_year
    }
}

/// `id name`, or the name alone when the id is the name.
fn id_and_name(id: &str, name: &str) -> String {
    if id == name {
        id.to_string()
    } else {
        format!("{id} {name}")
    }
}

/// Columns of the people table that no rule reads, carried as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Carried {
    /// The headers as written.
    pub headers: Vec<String>,
    /// Per person (by [`PersonId`]), one text per header; empty when the
    /// case has no such columns.
    pub values: Vec<Vec<String>>,
}

impl Carried {
    /// A person's value in a carried column ("" when absent).
    pub fn get(&self, p: PersonId, header: &str) -> &str {
        let Some(j) = self.headers.iter().position(|h| h == header) else {
            return "";
        };
        self.values
            .get(p.ix())
            .and_then(|r| r.get(j))
            .map_or("", String::as_str)
    }
}

/// How a unit relates to a target unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kinship {
    /// The target itself.
    Same,
    /// An ancestor of the target, this many steps up.
    AncestorOfTarget(usize),
    /// A descendant of the target (the target is its ancestor), this many steps down.
    DescendantOfTarget(usize),
}

/// One group of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanGroup {
    /// The group.
    pub group: GroupId,
    /// Its leaders.
    pub leaders: Vec<PersonId>,
    /// Its deputy leaders (副组长), also in `members`.
    pub deputies: Vec<PersonId>,
    /// Everyone in it, leaders and deputies included.
    pub members: Vec<PersonId>,
}

/// A plan: who goes into which group, in which role.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Plan {
    /// One entry per group of the round, in round order.
    pub groups: Vec<PlanGroup>,
}

impl PlanGroup {
    /// The role of `p` in this group (`None`: not in it). A person listed
    /// both as leader and deputy is a leader here; `check` reports it.
    pub fn role_of(&self, p: PersonId) -> Option<Role> {
        if self.leaders.contains(&p) {
            Some(Role::Leader)
        } else if self.deputies.contains(&p) {
            Some(Role::Deputy)
        } else if self.members.contains(&p) {
            Some(Role::Member)
        } else {
            None
        }
    }
}

impl Plan {
    /// An empty plan for the case's groups.
    pub fn empty(case: &Case) -> Plan {
        Plan {
            groups: case
                .group_ids()
                .map(|g| PlanGroup {
                    group: g,
                    leaders: vec![],
                    deputies: vec![],
                    members: vec![],
                })
                .collect(),
        }
    }
}
