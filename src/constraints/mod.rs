//! The hard rules, one file each: the avoidances (1–3) and eligibility, the
//! composition rules (4–7), reciprocal avoidance (8) and requirements (9).

pub mod avoidance;
pub mod composition;
pub mod eligibility;
pub mod reciprocal;
pub mod requirements;

pub use avoidance::{blockers, blockers_for_targets, Blocker, Fact};
pub use eligibility::Eligibility;
pub use reciprocal::Witness;

use crate::model::{Case, GroupId, PersonId, RegionId, Role, RuleId, UnitId};

/// What breaks a rule, as data: the facts a renderer (`explain`) turns into
/// words. People, groups, units and regions by their index in the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// Rules 1–3: a fact keeps the person away from a target of the group.
    Avoidance {
        /// The fact chain.
        blocker: Blocker,
        /// The group.
        group: GroupId,
    },
    /// Rule 4: a person in several groups.
    PlacedTwice {
        /// Who.
        person: PersonId,
        /// The groups, in order.
        groups: Vec<GroupId>,
    },
    /// Rule 4: an unavailable person placed (可抽调 = 否).
    Unavailable {
        /// Who.
        person: PersonId,
    },
    /// Rule 4: a person the round excludes, placed.
    Excluded {
        /// Who.
        person: PersonId,
    },
    /// Rule 5: a group's size out of its bounds.
    Size {
        /// The group.
        group: GroupId,
        /// Its members.
        n: usize,
    },
    /// Rule 5: not exactly `leaders_per_group` leaders.
    LeaderCount {
        /// The group.
        group: GroupId,
        /// Its leaders.
        leaders: Vec<PersonId>,
        /// How many it needs.
        need: usize,
    },
    /// Rule 5: a leader not in the leader pool (组长库 = 否).
    NotInLeaderPool {
        /// The group.
        group: GroupId,
        /// The leader.
        person: PersonId,
    },
    /// Rule 5 (`deputy`): not exactly `deputies_per_group` deputy leaders.
    DeputyCount {
        /// The group.
        group: GroupId,
        /// Its deputies.
        deputies: Vec<PersonId>,
        /// How many it needs.
        need: usize,
    },
    /// Rule 5 (`deputy`): a deputy not in the deputy pool (副组长库 = 否).
    NotInDeputyPool {
        /// The group.
        group: GroupId,
        /// The deputy.
        person: PersonId,
    },
    /// Rule 5 (`deputy`): one person both leader and deputy of a group.
    DeputyAlsoLeader {
        /// The group.
        group: GroupId,
        /// Who.
        person: PersonId,
    },
    /// Rule 5 (`leader_outranks_members`): a member above the leader on
    /// the rank scale.
    LeaderJunior {
        /// The group.
        group: GroupId,
        /// The leader.
        leader: PersonId,
        /// The member who outranks the leader.
        member: PersonId,
    },
    /// Rule 6: close kin in one group.
    Kin {
        /// The group.
        group: GroupId,
        /// Index into `Case::kin`.
        fact: usize,
    },
    /// Rule 7: more members from one region than `max_same_region`.
    SameRegion {
        /// The group.
        group: GroupId,
        /// The region.
        region: RegionId,
        /// Its members from there.
        members: Vec<PersonId>,
    },
    /// Rule 7: more members from one unit than `max_same_unit`.
    SameUnit {
        /// The group.
        group: GroupId,
        /// The unit.
        unit: UnitId,
        /// Its members from there.
        members: Vec<PersonId>,
    },
    /// Rule 8: region `a` inspects `b` and `b` inspects `a`.
    Reciprocal {
        /// One region.
        a: RegionId,
        /// The other.
        b: RegionId,
        /// Who from `a` inspects `b` (and where).
        ab: Vec<Witness>,
        /// Who from `b` inspects `a`.
        ba: Vec<Witness>,
    },
    /// Rule 9: too few members with an area.
    Requirement {
        /// The group.
        group: GroupId,
        /// The area (index into the round's areas).
        area: usize,
        /// Members with level ≥ 1.
        have: usize,
        /// Required.
        need: usize,
    },
    /// A pin of the round not kept.
    Pin {
        /// Who.
        person: PersonId,
        /// Where.
        group: GroupId,
        /// As what.
        role: Role,
    },
}

/// One broken rule in a plan: the rule and finer reason, the culprit, and
/// the facts ([`Cause`]) that `explain` renders as a chain of words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The rule id (SPEC §3 table).
    pub rule: RuleId,
    /// A finer reason under the rule (`kin`, `native`, `declared-conflict`, …).
    pub reason: &'static str,
    /// The group, by id.
    pub group: Option<String>,
    /// The culprit, by id.
    pub person: Option<String>,
    /// The target unit, by id.
    pub target: Option<String>,
    /// Other people involved, by id.
    pub others: Vec<String>,
    /// The facts.
    pub cause: Cause,
}

impl Violation {
    /// A violation of `rule` for `cause`; ids are added with the builder methods.
    pub fn new(rule: RuleId, reason: &'static str, cause: Cause) -> Self {
        Violation {
            rule,
            reason,
            group: None,
            person: None,
            target: None,
            others: Vec::new(),
            cause,
        }
    }

    /// Names the group.
    pub fn in_group(mut self, case: &Case, g: GroupId) -> Self {
        self.group = Some(case.group(g).id.clone());
        self
    }

    /// Names the culprit.
    pub fn of(mut self, case: &Case, p: PersonId) -> Self {
        self.person = Some(case.person(p).id.clone());
        self
    }

    /// Names the target.
    pub fn at_target(mut self, case: &Case, t: UnitId) -> Self {
        self.target = Some(case.unit(t).id.clone());
        self
    }

    /// Names other people involved.
    pub fn with_others(mut self, case: &Case, others: &[PersonId]) -> Self {
        self.others = others.iter().map(|&p| case.person(p).id.clone()).collect();
        self
    }

    /// A violation of rules 1–3 from a blocker.
    pub fn from_blocker(case: &Case, g: GroupId, b: &Blocker) -> Self {
        let v = Violation::new(
            b.rule(),
            b.fact.reason(),
            Cause::Avoidance {
                blocker: *b,
                group: g,
            },
        )
        .in_group(case, g)
        .of(case, b.person)
        .at_target(case, b.target);
        match b.fact {
            Fact::Kin { kin, .. } => v.with_others(case, &[kin]),
            _ => v,
        }
    }
}

/// A plan's groups as the rules see them: per group, leaders and all members
/// (leaders and deputies included), duplicates kept so they can be reported.
pub struct Staffing<'a> {
    /// The case.
    pub case: &'a Case,
    /// Per group of the round: (leaders, members).
    pub groups: Vec<(Vec<PersonId>, Vec<PersonId>)>,
    /// Per group of the round: its deputy leaders (副组长).
    pub deputies: Vec<Vec<PersonId>>,
}

impl Staffing<'_> {
    /// Every violation of rules 1–9 in this staffing under `mode`
    /// (`Partial`: no lower bounds on size, leaders, deputies or
    /// requirements), unsorted: rules 1–3 per member, then the group's
    /// make-up, reciprocal avoidance and the requirements. The one
    /// statement of which checks make up a check, for plans
    /// (`validate::check_plan`) and for the round's pins (`io::pins`).
    pub fn violations(&self, mode: Mode) -> Vec<Violation> {
        let mut out = Vec::new();
        for (gi, (_, members)) in self.groups.iter().enumerate() {
            let g = GroupId(gi as u32);
            let mut seen = members.clone();
            seen.sort_unstable();
            seen.dedup();
            for &p in &seen {
                for b in blockers(self.case, p, g) {
                    out.push(Violation::from_blocker(self.case, g, &b));
                }
            }
        }
        composition::check_assignment(self, &mut out);
        composition::check_size_and_leaders(self, mode, &mut out);
        composition::check_kin(self, &mut out);
        composition::check_mixing(self, &mut out);
        composition::check_deputies(self, mode, &mut out);
        composition::check_seniority(self, &mut out);
        reciprocal::check_reciprocal(self, &mut out);
        if mode == Mode::Full {
            requirements::check_requirements(self, &mut out);
        }
        out
    }
}

/// Which rules to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every rule: a finished plan.
    Full,
    /// Only what more people could not mend (pins, partial plans): no lower
    /// bounds on size, leader count or requirements.
    Partial,
}
