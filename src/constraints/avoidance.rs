//! The three avoidances (SPEC §3 rules 1–3), stated directly per person and
//! target, with the chain of facts behind each refusal.

use crate::model::{Case, Edge, GroupId, Kinship, PersonId, RegionId, RuleId, UnitId};

/// One fact of the case that keeps a person away from a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    /// A post at `unit` (`post: None` is the current unit).
    Post {
        /// Where.
        unit: UnitId,
        /// Index into `Case::posts`, or `None` for the current unit.
        post: Option<u32>,
    },
    /// A kin in the pool works at `unit`.
    Kin {
        /// The relative.
        kin: PersonId,
        /// Index into `Case::kin`.
        fact: u32,
        /// The relative's current unit.
        unit: UnitId,
    },
    /// A relative outside the pool works at `unit`.
    Relative {
        /// Index into `Case::relatives`.
        fact: u32,
        /// Where.
        unit: UnitId,
    },
    /// The person's region is the target's.
    Region {
        /// The region.
        region: RegionId,
    },
    /// The person's native region is the target's.
    Native {
        /// The region.
        region: RegionId,
    },
    /// A declared conflict with `unit`.
    Conflict {
        /// Index into `Case::conflicts`.
        fact: u32,
        /// Where.
        unit: UnitId,
    },
    /// The person's current unit has a business tie with `unit`.
    Business {
        /// Index into `Case::ties`.
        tie: u32,
        /// The person's current unit.
        own: UnitId,
        /// The tied unit.
        unit: UnitId,
    },
}

impl Fact {
    /// The rule this fact falls under.
    pub fn rule(&self) -> RuleId {
        match self {
            Fact::Post { .. } | Fact::Kin { .. } | Fact::Relative { .. } => RuleId::PostAvoidance,
            Fact::Region { .. } | Fact::Native { .. } => RuleId::RegionAvoidance,
            Fact::Conflict { .. } | Fact::Business { .. } => RuleId::BusinessAvoidance,
        }
    }

    /// The finer reason under the rule id.
    pub fn reason(&self) -> &'static str {
        match self {
            Fact::Post { post: None, .. } => "current-post",
            Fact::Post { .. } => "past-post",
            Fact::Kin { .. } => "kin",
            Fact::Relative { .. } => "relative",
            Fact::Region { .. } => "region",
            Fact::Native { .. } => "native",
            Fact::Conflict { .. } => "declared-conflict",
            Fact::Business { .. } => "business-tie",
        }
    }

    /// The unit the fact points at, for unit facts.
    pub fn unit(&self) -> Option<UnitId> {
        match *self {
            Fact::Post { unit, .. }
            | Fact::Kin { unit, .. }
            | Fact::Relative { unit, .. }
            | Fact::Conflict { unit, .. }
            | Fact::Business { unit, .. } => Some(unit),
            Fact::Region { .. } | Fact::Native { .. } => None,
        }
    }
}

/// Why one person may not inspect one target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blocker {
    /// The person.
    pub person: PersonId,
    /// The target unit.
    pub target: UnitId,
    /// The fact.
    pub fact: Fact,
    /// How the fact's unit relates to the target (`None` for region facts).
    pub link: Option<Kinship>,
}

impl Blocker {
    /// The rule id.
    pub fn rule(&self) -> RuleId {
        self.fact.rule()
    }
}

/// Every reason why `p` may not join a group inspecting `targets`, in a fixed
/// order: per target, rule 1 facts, then rule 2, then rule 3.
pub fn blockers_for_targets(case: &Case, p: PersonId, targets: &[UnitId]) -> Vec<Blocker> {
    let mut out = Vec::new();
    let policy = &case.round.policy;
    let person = case.person(p);
    let g = case.graph();
    for &t in targets {
        let mut push = |fact: Fact, link: Option<Kinship>| {
            out.push(Blocker {
                person: p,
                target: t,
                fact,
                link,
            })
        };
        // rule 1: posts (the current unit counts as a post held now), kin, relatives
        for (edge, unit) in g.person_units(p) {
            let fact = match edge {
                Edge::Works => Fact::Post { unit, post: None },
                Edge::Post(i) if case.post_counts(case.posts[i as usize].to_year) => Fact::Post {
                    unit,
                    post: Some(i),
                },
                _ => continue,
            };
            if let Some(link) = case.relation(unit, t) {
                push(fact, Some(link));
            }
        }
        for (fact, kin) in g.kin_of(p) {
            let unit = case.person(kin).unit;
            if let Some(link) = case.relation(unit, t) {
                push(Fact::Kin { kin, fact, unit }, Some(link));
            }
        }
        for (edge, unit) in g.person_units(p) {
            if let Edge::RelativeAt(i) = edge {
                if let Some(link) = case.relation(unit, t) {
                    push(Fact::Relative { fact: i, unit }, Some(link));
                }
            }
        }
        // rule 2: region and native region
        let tr = case.unit(t).region;
        if policy.region_avoidance && person.region == tr {
            push(Fact::Region { region: tr }, None);
        }
        if policy.native_avoidance && person.native_region == Some(tr) {
            push(Fact::Native { region: tr }, None);
        }
        // rule 3: declared conflicts; business ties of the current unit
        for (edge, unit) in g.person_units(p) {
            if let Edge::Conflict(i) = edge {
                if let Some(link) = case.relation(unit, t) {
                    push(Fact::Conflict { fact: i, unit }, Some(link));
                }
            }
        }
        if policy.business_avoidance {
            for (tie, unit) in g.business_of(person.unit) {
                if let Some(link) = case.relation(unit, t) {
                    push(
                        Fact::Business {
                            tie,
                            own: person.unit,
                            unit,
                        },
                        Some(link),
                    );
                }
            }
        }
    }
    // a region fact is about the region, not one target: keep it once
    let mut seen: Vec<Fact> = Vec::new();
    out.retain(|b| match b.fact {
        Fact::Region { .. } | Fact::Native { .. } => {
            if seen.contains(&b.fact) {
                false
            } else {
                seen.push(b.fact);
                true
            }
        }
        _ => true,
    });
    out
}

/// Every reason why `p` may not join group `g` (empty: rules 1–3 allow it).
pub fn blockers(case: &Case, p: PersonId, g: GroupId) -> Vec<Blocker> {
    blockers_for_targets(case, p, &case.group(g).targets)
}
