//! The round as written ([`RoundSpec`]) resolved against the case's units
//! and people: areas, requirements, groups and their targets, pins, exclude.

use super::index::{within, Index};
use super::refs::{several_message, Found, Names};
use super::round::RoundSpec;
use super::text::as_written;
use crate::error::{InputErrors, Position};
use crate::model::{Area, Group, GroupId, Pin, Round, UnitId};
use crate::msg::Msg;
use std::collections::{HashMap, HashSet};

/// Known areas: canonical key and Chinese name.
pub const KNOWN_AREAS: [(&str, &str); 7] = [
    ("discipline", "纪检监察"),
    ("organization", "组织人事"),
    ("audit", "审计"),
    ("finance", "财务"),
    ("engineering", "工程"),
    ("legal", "政法"),
    ("petition", "信访"),
];

/// A known area by key (any case) or Chinese name: (key, name).
pub fn known_area(name: &str) -> Option<(&'static str, &'static str)> {
    KNOWN_AREAS
        .iter()
        .find(|(k, l)| name.eq_ignore_ascii_case(k) || name == *l)
        .copied()
}

/// The areas used when the round declares none.
pub const DEFAULT_AREAS: [&str; 4] = ["discipline", "organization", "audit", "finance"];

/// Ids of rows that could not be read: references to them are not errors of
/// their own (the row's error says what is wrong).
#[derive(Default)]
pub struct Broken {
    /// Unit ids.
    pub units: HashSet<String>,
    /// Person ids.
    pub people: HashSet<String>,
    /// The units table could not be read at all (its header is wrong).
    pub all_units: bool,
    /// The people table could not be read at all.
    pub all_people: bool,
}

impl Broken {
    /// Is a reference to this unit id one that failed with its row (or table)?
    pub fn unit(&self, id: &str) -> bool {
        self.all_units || self.units.contains(id)
    }

    /// Is a reference to this person id one that failed with its row (or table)?
    pub fn person(&self, id: &str) -> bool {
        self.all_people || self.people.contains(id)
    }
}

/// Resolves the area names of the round (aliases to keys), in order.
pub fn resolve_areas(spec: &RoundSpec, errors: &mut InputErrors) -> Vec<Area> {
    let mut areas: Vec<Area> = Vec::new();
    let given: Vec<(String, Position)> = match &spec.areas {
        Some(a) => a.clone(),
        None => DEFAULT_AREAS
            .iter()
            .map(|a| (a.to_string(), spec.source.clone()))
            .collect(),
    };
    for (name, pos) in given {
        let name = name.trim();
        let (key, label) = match known_area(name) {
            Some((k, l)) => (k.to_string(), l.to_string()),
            None => (name.to_string(), name.to_string()),
        };
        if key.is_empty() {
            errors.at(pos, Msg::new("area-empty"));
            continue;
        }
        if areas.iter().any(|a| a.key == key) {
            errors.at(pos, Msg::new("area-twice").s("key", key));
            continue;
        }
        areas.push(Area { key, label });
    }
    areas
}

/// Per area: the members with level ≥ 1 each group needs (1 for the four
/// standard areas unless `[requirements]` says otherwise), and where that
/// was written. Unknown areas are errors.
pub fn requirements(
    spec: &RoundSpec,
    areas: &[Area],
    errors: &mut InputErrors,
) -> Vec<(u32, Option<Position>)> {
    let mut out: Vec<(u32, Option<Position>)> = areas
        .iter()
        .map(|a| (u32::from(DEFAULT_AREAS.contains(&a.key.as_str())), None))
        .collect();
    for (name, v, pos) in &spec.requirements {
        let key = known_area(name).map_or(name.as_str(), |(k, _)| k);
        match areas.iter().position(|a| a.key == key) {
            Some(i) => out[i] = (*v, Some(pos.clone())),
            None => errors.at(
                pos.clone(),
                Msg::new("area-unknown")
                    .s("name", name.clone())
                    .list("areas", areas.iter().map(|a| a.key.clone())),
            ),
        }
    }
    out
}

/// The round with its references resolved: the groups' targets among the
/// units, pins and exclude among the people, each by id or unique name.
/// Gives the round and its groups' names ("" where none is given).
pub(crate) fn build_round(
    spec: &RoundSpec,
    areas: Vec<Area>,
    requirements: Vec<u32>,
    index: &Index,
    errors: &mut InputErrors,
) -> Option<(Round, Vec<String>)> {
    let year = match spec.year {
        Some(y) => y,
        None => {
            errors.at(
                spec.year_hint.0.clone(),
                Msg::new("round-no-year").m("hint", spec.year_hint.1.clone()),
            );
            return None;
        }
    };
    if spec.groups.is_empty() {
        errors.at(spec.source.clone(), Msg::new("round-no-groups"));
    }
    let (groups, names) = build_groups(spec, index, errors);
    let mut group_index: Names<u32> = Names::default();
    for (i, g) in groups.iter().enumerate() {
        group_index.insert(&g.id, &names[i], i as u32);
    }
    let mut pins = Vec::new();
    for p in &spec.pins {
        let person = index.person_as(
            &p.person.0,
            (Some(Msg::new("ctx-pin")), "person"),
            &p.person.1,
            errors,
        );
        let group = match group_index.find(&p.group.0) {
            Found::Id(g) | Found::Name(g) => Some(GroupId(g)),
            Found::Several(gs) => {
                let l: Vec<String> = gs.iter().map(|&g| groups[g as usize].id.clone()).collect();
                errors.at(p.group.1.clone(), several_message(&p.group.0, "group", l));
                None
            }
            Found::Nothing => {
                errors.at(
                    p.group.1.clone(),
                    within(
                        Some(Msg::new("ctx-pin")),
                        Msg::new("ref-unknown")
                            .s("what", "group")
                            .s("value", as_written(&p.group.0)),
                    ),
                );
                None
            }
        };
        if let (Some(person), Some(group)) = (person, group) {
            pins.push(Pin {
                person,
                group,
                role: p.role,
            });
        }
    }
    let exclude = spec
        .exclude
        .iter()
        .filter_map(|(e, pos)| {
            index.person_as(e, (Some(Msg::new("ctx-exclude")), "person"), pos, errors)
        })
        .collect();
    let round = Round {
        name: spec.name.clone(),
        year,
        areas,
        policy: spec.policy.clone(),
        requirements,
        weights: spec.weights.clone(),
        groups,
        pins,
        exclude,
        titles: spec.titles.clone(),
    };
    Some((round, names))
}

/// The groups with their targets (by id or unique name, each inspected by
/// one group), and their names.
fn build_groups(
    spec: &RoundSpec,
    index: &Index,
    errors: &mut InputErrors,
) -> (Vec<Group>, Vec<String>) {
    let mut groups: Vec<Group> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut target_owner: HashMap<UnitId, String> = HashMap::new();
    for g in &spec.groups {
        let (id, pos) = &g.id;
        if id.is_empty() {
            errors.at(pos.clone(), Msg::new("group-no-id"));
            continue;
        }
        if !seen.insert(id.clone()) {
            errors.at(pos.clone(), Msg::new("group-twice").s("id", id.clone()));
            continue;
        }
        if g.targets.is_empty() {
            errors.at(
                pos.clone(),
                Msg::new("group-no-targets").s("id", id.clone()),
            );
        }
        let mut targets = Vec::new();
        for (t, tpos) in &g.targets {
            let context = Msg::new("ctx-group").s("group", id.clone());
            let Some(u) = index.unit_as(t, (Some(context), "target-unit"), tpos, errors) else {
                continue;
            };
            if let Some(other) = target_owner.get(&u) {
                errors.at(
                    tpos.clone(),
                    Msg::new("target-twice")
                        .s("target", t.clone())
                        .s("other", other.clone())
                        .s("id", id.clone()),
                );
                continue;
            }
            target_owner.insert(u, id.clone());
            targets.push(u);
        }
        let size = g.size.unwrap_or(spec.policy.group_size);
        if spec.policy.leaders_per_group > size.1 {
            errors.at(
                pos.clone(),
                Msg::new("group-leaders-exceed-size")
                    .s("id", id.clone())
                    .n("leaders", spec.policy.leaders_per_group)
                    .n("max", size.1),
            );
        }
        names.push(g.name.as_ref().map(|n| n.0.clone()).unwrap_or_default());
        groups.push(Group {
            id: id.clone(),
            targets,
            size,
        });
    }
    (groups, names)
}
