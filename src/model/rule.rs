//! The hard rules' stable ids (SPEC §3 table), used in every output.

use serde::Serialize;
use std::fmt;

/// A hard rule. `as_str` gives the id used in text, JSON and MILP constraint names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleId {
    /// Rule 1, 任职回避.
    PostAvoidance,
    /// Rule 2, 地域回避.
    RegionAvoidance,
    /// Rule 3, 公务回避.
    BusinessAvoidance,
    /// Rule 4: a person in more than one group.
    OneGroup,
    /// Rule 4: an unavailable or excluded person assigned.
    Unavailable,
    /// Rule 5: group size out of bounds.
    GroupSize,
    /// Rule 5: wrong number of leaders, or a leader not from the leader pool.
    Leader,
    /// Rule 5: a leader junior to a member of the group
    /// (`leader_outranks_members`).
    LeaderSeniority,
    /// Rule 5: wrong number of deputy leaders (副组长, `deputies_per_group`),
    /// or a deputy not from the deputy pool.
    Deputy,
    /// Rule 6: kin in one group.
    KinSameGroup,
    /// Rule 7: too many members from one region.
    MixingRegion,
    /// Rule 7: too many members from one unit.
    MixingUnit,
    /// Rule 8: two regions inspecting each other.
    Reciprocal,
    /// Rule 9: too few members with an area of expertise.
    Requirement,
    /// A decision pinned in round.toml that the plan does not keep.
    Pin,
}

impl RuleId {
    /// Every rule, in SPEC order.
    pub const ALL: [RuleId; 15] = [
        RuleId::PostAvoidance,
        RuleId::RegionAvoidance,
        RuleId::BusinessAvoidance,
        RuleId::OneGroup,
        RuleId::Unavailable,
        RuleId::GroupSize,
        RuleId::Leader,
        RuleId::LeaderSeniority,
        RuleId::Deputy,
        RuleId::KinSameGroup,
        RuleId::MixingRegion,
        RuleId::MixingUnit,
        RuleId::Reciprocal,
        RuleId::Requirement,
        RuleId::Pin,
    ];

    /// The stable id.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::PostAvoidance => "post-avoidance",
            RuleId::RegionAvoidance => "region-avoidance",
            RuleId::BusinessAvoidance => "business-avoidance",
            RuleId::OneGroup => "one-group",
            RuleId::Unavailable => "unavailable",
            RuleId::GroupSize => "group-size",
            RuleId::Leader => "leader",
            RuleId::LeaderSeniority => "leader-seniority",
            RuleId::Deputy => "deputy",
            RuleId::KinSameGroup => "kin-same-group",
            RuleId::MixingRegion => "mixing-region",
            RuleId::MixingUnit => "mixing-unit",
            RuleId::Reciprocal => "reciprocal",
            RuleId::Requirement => "requirement",
            RuleId::Pin => "pin",
        }
    }

    /// A one-line statement of the rule, English with the Chinese term.
    pub fn label(self) -> &'static str {
        match self {
            RuleId::PostAvoidance => "post, or close kin's post, at a target unit (任职回避)",
            RuleId::RegionAvoidance => "own or native region is the target's region (地域回避)",
            RuleId::BusinessAvoidance => "official dealings with a target unit (公务回避)",
            RuleId::OneGroup => "a person in more than one group (一人一组)",
            RuleId::Unavailable => "an unavailable or excluded person assigned (不可抽调)",
            RuleId::GroupSize => "group size out of bounds (组规模)",
            RuleId::Leader => "leader count, or leader not in the leader pool (组长)",
            RuleId::LeaderSeniority => "a leader junior to a member of the group (组长职级)",
            RuleId::Deputy => "deputy count, or deputy not in the deputy pool (副组长)",
            RuleId::KinSameGroup => "close kin in one group (亲属同组)",
            RuleId::MixingRegion => "too many members from one region (混合编组: 地区)",
            RuleId::MixingUnit => "too many members from one unit (混合编组: 单位)",
            RuleId::Reciprocal => "two regions inspecting each other (对等互查)",
            RuleId::Requirement => "too few members with a required expertise (专业要求)",
            RuleId::Pin => "a pinned decision not kept (既定人选)",
        }
    }

    /// The SPEC §3 rule number.
    pub fn number(self) -> u8 {
        match self {
            RuleId::PostAvoidance => 1,
            RuleId::RegionAvoidance => 2,
            RuleId::BusinessAvoidance => 3,
            RuleId::OneGroup | RuleId::Unavailable => 4,
            RuleId::GroupSize | RuleId::Leader | RuleId::LeaderSeniority | RuleId::Deputy => 5,
            RuleId::KinSameGroup => 6,
            RuleId::MixingRegion | RuleId::MixingUnit => 7,
            RuleId::Reciprocal => 8,
            RuleId::Requirement => 9,
            RuleId::Pin => 0,
        }
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
