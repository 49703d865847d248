//! The report as data: what a finding claims, the reasons people are kept
//! out, the hints, and the per-group counts. `explain` renders them.

use crate::constraints::Blocker;
use crate::model::{GroupId, PersonId, RegionId, RuleId, UnitId};
use serde::Serialize;
use std::collections::BTreeMap;

/// Who a group is short of: leaders, people, or people with an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "area")]
pub enum Need {
    /// Leaders from the leader pool.
    Leaders,
    /// People (members).
    People,
    /// People with level ≥ 1 in an area (index into the round's areas).
    Experts(usize),
    /// Deputy leaders (副组长) from the deputy pool.
    Deputies,
}

/// Why a group of people is kept out, as data (rendered by `explain`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Not available (可抽调 = 否).
    Unavailable,
    /// Excluded from the round.
    Excluded,
    /// Rules 1–3: a fact of this finer reason (`region`, `native`,
    /// `current-post`, `past-post`, `kin`, `relative`, `declared-conflict`,
    /// `business-tie`) keeps them from a target of the group.
    Fact {
        /// The finer reason.
        reason: &'static str,
        /// The group.
        group: GroupId,
    },
    /// Mixing: the people of one region, in so many units, of whom at most
    /// so many may join.
    Mixing {
        /// The region.
        region: RegionId,
        /// Its units among them.
        units: usize,
        /// How many may join at most.
        at_most: usize,
    },
    /// Matching: the only ones of `need` eligible for any of the groups.
    OnlyEligible {
        /// Of whom.
        need: Need,
    },
    /// Seniority (`leader_outranks_members`): above the most senior leader
    /// the group may have.
    Senior {
        /// That leader.
        leader: PersonId,
    },
    /// Matching: the others of `need`, who may join none of the groups.
    ShutOut {
        /// Of whom.
        need: Need,
        /// The groups.
        groups: Vec<GroupId>,
    },
}

/// An example of a reason: a person (not available), a fact chain, or a
/// person's fact chains for several groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Example {
    /// A person (the fact is the reason itself).
    Person(PersonId),
    /// The facts that keep a person from each of the groups (one or more).
    Facts(Vec<(Blocker, GroupId)>),
}

/// One group of people kept out for one reason.
#[derive(Debug, Clone)]
pub struct Because {
    /// The rule (or `unavailable` for people not drawable).
    pub rule: RuleId,
    /// Why, as data.
    pub reason: Reason,
    /// How many.
    pub count: usize,
    /// Up to three examples.
    pub examples: Vec<Example>,
    /// Their ids (all of them).
    pub people: Vec<String>,
    /// How many of them are kept out by this reason alone (relaxing it frees them).
    pub sole: usize,
}

/// What a finding proves, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// A group with fewer eligible leaders than it needs.
    Leaders {
        /// The group.
        group: GroupId,
        /// Eligible leaders.
        eligible: usize,
        /// Needed.
        need: usize,
    },
    /// A group with fewer eligible people than its minimum size.
    People {
        /// The group.
        group: GroupId,
        /// Eligible people.
        eligible: usize,
        /// Its minimum size.
        need: usize,
    },
    /// A group whose eligible people the mixing caps let too few of join.
    Mixing {
        /// The group.
        group: GroupId,
        /// How many may join at most.
        capacity: usize,
        /// Eligible people.
        eligible: usize,
        /// Its minimum size.
        need: usize,
    },
    /// A requirement larger than the group's maximum size.
    RequirementTooLarge {
        /// The group.
        group: GroupId,
        /// The area.
        area: usize,
        /// Required.
        need: usize,
    },
    /// A group with fewer eligible people of an area than it requires.
    Experts {
        /// The group.
        group: GroupId,
        /// The area.
        area: usize,
        /// Eligible people with level ≥ 1.
        eligible: usize,
        /// Required.
        need: usize,
    },
    /// A group with fewer eligible deputy leaders than it needs.
    Deputies {
        /// The group.
        group: GroupId,
        /// Eligible people of the deputy pool.
        eligible: usize,
        /// Needed (`deputies_per_group`).
        need: usize,
    },
    /// A group with fewer eligible people of the leader and deputy pools
    /// together than its leaders and deputies, who must be different people.
    LeadersAndDeputies {
        /// The group.
        group: GroupId,
        /// Eligible people of either pool.
        eligible: usize,
        /// Leaders plus deputies per group.
        need: usize,
    },
    /// With `leader_outranks_members`, too few of `need` are not above the
    /// most senior leader the group may have.
    Seniority {
        /// The group.
        group: GroupId,
        /// That leader (the least senior of the most senior ones when a
        /// group has several leaders).
        leader: PersonId,
        /// Of whom.
        need: Need,
        /// How many of them may join under that leader.
        eligible: usize,
        /// How many the group needs.
        required: usize,
    },
    /// Groups that together need more than the people who may join any of them.
    Matching {
        /// The groups.
        groups: Vec<GroupId>,
        /// Together they need.
        total: usize,
        /// Of whom.
        need: Need,
        /// Eligible for any of them.
        available: usize,
    },
}

/// What the reasons are counted over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pool {
    /// The leader pool.
    Leaders(usize),
    /// The deputy pool (副组长库; the leader pool without that column).
    Deputies(usize),
    /// The whole pool.
    People(usize),
    /// The people with an area.
    Experts {
        /// The area.
        area: usize,
        /// How many.
        count: usize,
    },
    /// The group's eligible people.
    Eligible(usize),
}

/// What a person could change, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    /// Add one of `need` from outside the target regions.
    AddFromOutside {
        /// Of whom.
        need: Need,
        /// The target regions.
        regions: Vec<RegionId>,
    },
    /// Relax native avoidance: frees so many.
    RelaxNative {
        /// Freed.
        frees: usize,
    },
    /// Check the past posts (the look-back window).
    CheckPastPosts,
    /// Review the business ties, or relax business avoidance.
    ReviewBusinessTies,
    /// Make more of `need` available, or drop some from exclude.
    MakeAvailable {
        /// Of whom.
        need: Need,
    },
    /// Give a target to a group whose members come from elsewhere.
    MoveTarget {
        /// The target.
        unit: UnitId,
    },
    /// Add eligible people from more regions and units.
    MoreRegionsAndUnits,
    /// Raise the mixing caps.
    RaiseMixingCaps,
    /// Lower a requirement to at most the group's size.
    LowerRequirementTo {
        /// The area.
        area: usize,
        /// The group's maximum size.
        max: u32,
    },
    /// Raise the group's size.
    RaiseGroupSize,
    /// Lower a requirement below what it is.
    LowerRequirementBelow {
        /// The area.
        area: usize,
        /// What it is.
        need: usize,
    },
    /// Add one of `need` from a region none of the groups inspects.
    AddFromElsewhere {
        /// Of whom.
        need: Need,
        /// The groups.
        groups: Vec<GroupId>,
    },
    /// Fewer groups, or less needed of each.
    FewerGroups,
    /// Fewer deputies per group (`deputies_per_group`).
    FewerDeputies {
        /// What it is.
        now: u32,
    },
    /// Turn `leader_outranks_members` off.
    RelaxSeniority,
    /// Add a leader eligible for the group at least as senior as this rank step.
    AddSeniorLeader {
        /// The group.
        group: GroupId,
        /// The rank step (`Person::rank_step`) of the most senior person kept out.
        step: u8,
    },
}

/// A proof that the case cannot be staffed, in terms a person can act on.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The rule that cannot be met.
    pub rule: RuleId,
    /// The groups concerned, by id.
    pub groups: Vec<String>,
    /// The conclusion.
    pub claim: Claim,
    /// What the reasons below are counted over.
    pub pool: Option<Pool>,
    /// The facts behind it.
    pub because: Vec<Because>,
    /// What could be changed.
    pub hints: Vec<Hint>,
}

/// Per group: how many may join, in total, as leaders and per area.
#[derive(Debug, Clone, Serialize)]
pub struct GroupStats {
    /// Group id.
    pub group: String,
    /// Drawable people allowed by rules 1–3.
    pub eligible: usize,
    /// … of whom in the leader pool.
    pub eligible_leaders: usize,
    /// … per area with level ≥ 1, in area order.
    pub per_area: Vec<usize>,
    /// How many could be placed at most given the mixing caps.
    pub mixing_capacity: usize,
    /// Drawable people kept out, per rule (a person may count under several).
    pub blocked: BTreeMap<RuleId, usize>,
    /// People not drawable (unavailable or excluded).
    pub not_drawable: usize,
}

/// The whole report.
#[derive(Debug, Clone)]
pub struct Feasibility {
    /// Per group.
    pub groups: Vec<GroupStats>,
    /// Problems found; empty when nothing proves the case infeasible.
    pub findings: Vec<Finding>,
}

impl Feasibility {
    /// True when no finding proves the case infeasible.
    pub fn ok(&self) -> bool {
        self.findings.is_empty()
    }
}
