//! The hard rules, one file each: the avoidances (1–3) and eligibility, the
//! composition rules (4–7), reciprocal avoidance (8) and requirements (9).

pub mod avoidance;
pub mod composition;
pub mod eligibility;
pub mod reciprocal;
pub mod requirements;

pub use avoidance::{blockers, blockers_for_targets, describe, Blocker, Fact};
pub use eligibility::Eligibility;

use crate::model::{Case, GroupId, PersonId, RuleId, UnitId};
use serde::Serialize;

/// One broken rule in a plan, with the culprit and the chain of facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// The rule id (SPEC §3 table).
    pub rule: RuleId,
    /// A finer reason under the rule (`kin`, `native`, `declared-conflict`, …).
    pub reason: &'static str,
    /// The group, by id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The culprit, by id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// The target unit, by id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Other people involved, by id.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub others: Vec<String>,
    /// The chain of facts in words.
    pub message: String,
}

impl Violation {
    /// A violation of `rule` with a message; ids are added with the builder methods.
    pub fn new(rule: RuleId, reason: &'static str, message: String) -> Self {
        Violation {
            rule,
            reason,
            group: None,
            person: None,
            target: None,
            others: Vec::new(),
            message,
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
        let v = Violation::new(b.rule(), b.fact.reason(), describe(case, b, Some(g)))
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
/// (leaders included), duplicates kept so they can be reported.
pub struct Staffing<'a> {
    /// The case.
    pub case: &'a Case,
    /// Per group of the round.
    pub groups: Vec<(Vec<PersonId>, Vec<PersonId>)>,
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
