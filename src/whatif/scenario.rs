//! The scenario file of `whatif --scenario` (SPEC §6) and the case each
//! variant makes of the base case.
//!
//! A variant is applied to the base case's tables before they are resolved,
//! so that everything a variant brings in (people, requirements, groups) is
//! checked as a case is, and every error names the file, line and column.

use crate::error::{InputError, InputErrors, Position};
use crate::io::case::{build_case, known_area, CaseSheets};
use crate::io::round::{check_policy, toml_error, At, GroupSpec, GroupToml, Lines, PolicyToml};
use crate::io::sheet::read_csv_into;
use crate::model::{Case, PersonId};
use crate::msg::Msg;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The name of the unchanged case in every report.
pub const BASE_NAME: &str = "base";

/// A `remove_where` condition: everyone matching all the keys given is removed.
#[derive(Debug, Clone)]
pub struct Filter {
    /// People whose current unit is this unit or under it (`parent`).
    pub unit: Option<String>,
    /// People of this region.
    pub region: Option<String>,
    /// People with at least `min_level` in this area.
    pub area: Option<String>,
    /// The least level in `area` (1..3, default 1).
    pub min_level: u8,
    /// Where it is written.
    pub pos: Position,
}

impl Filter {
    /// The condition as a message, e.g. `unit R03-D02; audit ≥ 1`.
    pub fn describe(&self) -> Msg {
        let mut parts = Vec::new();
        if let Some(u) = &self.unit {
            parts.push(Msg::new("sc-filter-unit").s("unit", u));
        }
        if let Some(r) = &self.region {
            parts.push(Msg::new("sc-filter-region").s("region", r));
        }
        if let Some(a) = &self.area {
            parts.push(
                Msg::new("sc-filter-area")
                    .s("area", a)
                    .n("level", self.min_level),
            );
        }
        Msg::new("sc-filter").items("parts", parts)
    }

    /// The people of `case` it matches, or why it cannot be applied.
    pub fn matches(&self, case: &Case) -> Result<Vec<PersonId>, Msg> {
        let unit = match &self.unit {
            Some(u) => Some(
                case.unit_by_id(u)
                    .ok_or_else(|| Msg::new("sc-unknown-unit").s("unit", u))?,
            ),
            None => None,
        };
        let region = match &self.region {
            Some(r) => Some(case.regions.iter().position(|c| c == r).ok_or_else(|| {
                Msg::new("sc-unknown-region")
                    .s("region", r)
                    .list("regions", case.regions.iter().cloned())
            })?),
            None => None,
        };
        let area = match &self.area {
            Some(a) => Some(area_index(case, a).ok_or_else(|| {
                Msg::new("sc-unknown-area")
                    .s("area", a)
                    .list("areas", area_keys(case))
            })?),
            None => None,
        };
        Ok(case
            .person_ids()
            .filter(|&p| {
                let x = case.person(p);
                unit.is_none_or(|u| x.unit == u || case.ancestors(x.unit).any(|a| a == u))
                    && region.is_none_or(|r| x.region.ix() == r)
                    && area.is_none_or(|k| x.levels[k] >= self.min_level)
            })
            .collect())
    }
}

fn area_keys(case: &Case) -> Vec<String> {
    case.round.areas.iter().map(|a| a.key.clone()).collect()
}

/// The index of an area of the round, by key or Chinese name.
fn area_index(case: &Case, name: &str) -> Option<usize> {
    let key = known_area(name).map_or(name, |(k, _)| k);
    case.round
        .areas
        .iter()
        .position(|a| a.key == key || a.label == name)
}

/// One variant as written.
#[derive(Debug, Clone)]
pub struct Variant {
    /// Its name (a column of the report).
    pub name: String,
    /// Where it starts.
    pub pos: Position,
    /// People removed, by id.
    pub remove: Vec<At<String>>,
    /// People removed by condition.
    pub remove_where: Vec<Filter>,
    /// A people file to add: (path to read, name as written, where).
    pub add_people: Option<(PathBuf, String, Position)>,
    /// Policy overrides.
    pub policy: Option<(PolicyToml, Position)>,
    /// Requirement overrides by area.
    pub requirements: Vec<(String, u32, Position)>,
    /// Groups added to the round.
    pub add_groups: Vec<GroupSpec>,
}

/// A scenario: its variants, in file order.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// The file as named.
    pub source: String,
    /// The variants.
    pub variants: Vec<Variant>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioToml {
    #[serde(default)]
    variant: Vec<Spanned<VariantToml>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VariantToml {
    name: Spanned<String>,
    #[serde(default)]
    remove: Vec<Spanned<String>>,
    remove_where: Option<Spanned<OneOrMany>>,
    add_people: Option<Spanned<String>>,
    policy: Option<Spanned<PolicyToml>>,
    #[serde(default)]
    requirements: BTreeMap<String, Spanned<u32>>,
    #[serde(default)]
    add_groups: Vec<Spanned<GroupToml>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(FilterToml),
    Many(Vec<FilterToml>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FilterToml {
    unit: Option<String>,
    region: Option<String>,
    area: Option<String>,
    min_level: Option<i64>,
}

/// Reads a scenario file; `add_people` paths are taken relative to its folder.
pub fn read_scenario(path: &Path) -> Result<Scenario, InputErrors> {
    let display = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| InputError::Io {
        path: display.clone(),
        message: e.to_string().into(),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| InputError::Io {
        path: display.clone(),
        message: Msg::new("sc-not-utf8"),
    })?;
    let dir = path.parent().unwrap_or(Path::new("."));
    parse_scenario(&text, &display, dir)
}

/// Parses scenario text; `dir` is where `add_people` files are looked for.
pub fn parse_scenario(text: &str, display: &str, dir: &Path) -> Result<Scenario, InputErrors> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file = Position::file(display);
    let raw: ScenarioToml = toml::from_str(text).map_err(|e| {
        let mut err = toml_error(text, &file, &e);
        if let InputError::Data { message, .. } = &mut err {
            if message.to_string().contains("untagged") {
                *message = Msg::new("sc-filter-shape");
            }
        }
        err
    })?;
    let lines = Lines::new(text);
    let at = |s: std::ops::Range<usize>| file.at_line(lines.of(s.start));
    let mut errors = InputErrors::default();
    if raw.variant.is_empty() {
        errors.at(file.clone(), Msg::new("sc-no-variant"));
    }
    let mut names: HashSet<String> = HashSet::new();
    let mut variants = Vec::new();
    for v in raw.variant {
        let pos = at(v.span()).col("variant");
        let v = v.into_inner();
        let name_pos = at(v.name.span()).col("name");
        let name = v.name.into_inner().trim().to_string();
        if name.is_empty() {
            errors.at(name_pos.clone(), Msg::new("sc-name-missing"));
        } else if name == BASE_NAME {
            errors.at(
                name_pos.clone(),
                Msg::new("sc-name-base").s("base", BASE_NAME),
            );
        } else if !names.insert(name.clone()) {
            errors.at(name_pos.clone(), Msg::new("sc-name-twice").s("name", &name));
        }
        let mut remove_where = Vec::new();
        if let Some(w) = v.remove_where {
            let wpos = at(w.span()).col("remove_where");
            let list = match w.into_inner() {
                OneOrMany::One(f) => vec![f],
                OneOrMany::Many(fs) => fs,
            };
            for f in list {
                if f.unit.is_none() && f.region.is_none() && f.area.is_none() {
                    errors.at(wpos.clone(), Msg::new("sc-filter-empty"));
                    continue;
                }
                if f.min_level.is_some() && f.area.is_none() {
                    errors.at(wpos.clone(), Msg::new("sc-level-no-area"));
                    continue;
                }
                let min_level = match f.min_level {
                    None => 1,
                    Some(l @ 1..=3) => l as u8,
                    Some(l) => {
                        errors.at(wpos.clone(), Msg::new("sc-level-range").n("level", l));
                        continue;
                    }
                };
                remove_where.push(Filter {
                    unit: f.unit,
                    region: f.region,
                    area: f.area,
                    min_level,
                    pos: wpos.clone(),
                });
            }
        }
        let policy = v.policy.map(|p| {
            let ppos = at(p.span()).col("policy");
            (p.into_inner(), ppos)
        });
        let add_people = v.add_people.map(|a| {
            let apos = at(a.span()).col("add_people");
            let written = a.into_inner();
            (dir.join(&written), written, apos)
        });
        let requirements = v
            .requirements
            .into_iter()
            .map(|(k, n)| {
                let rpos = at(n.span()).col(format!("requirements.{k}"));
                (k, n.into_inner(), rpos)
            })
            .collect();
        let add_groups = v
            .add_groups
            .into_iter()
            .map(|g| {
                let gpos = at(g.span());
                g.into_inner().spec(&gpos, "add_groups", &at, &mut errors)
            })
            .collect();
        variants.push(Variant {
            name,
            pos,
            remove: v
                .remove
                .into_iter()
                .map(|r| {
                    let rpos = at(r.span()).col("remove");
                    (r.into_inner(), rpos)
                })
                .collect(),
            remove_where,
            add_people,
            policy,
            requirements,
            add_groups,
        });
    }
    errors.into_result(Scenario {
        source: display.to_string(),
        variants,
    })
}

/// The case a variant makes, with what it changed.
#[derive(Debug, Clone)]
pub struct VariantCase {
    /// The case.
    pub case: Case,
    /// Ids of the people it removed who were drawable in the base case.
    pub removed: Vec<String>,
    /// People it added.
    pub added: usize,
    /// Remarks: conditions that matched nobody, pins dropped.
    pub notes: Vec<Msg>,
}

/// Applies a variant to the base case's tables. `base` is the case those
/// tables make (for ids and conditions).
pub fn variant_case(
    sheets: &CaseSheets,
    base: &Case,
    v: &Variant,
) -> Result<VariantCase, InputErrors> {
    let mut errors = InputErrors::default();
    let mut notes = Vec::new();
    let mut sheets = sheets.clone();
    let mut gone: Vec<PersonId> = Vec::new();
    for (id, pos) in &v.remove {
        match base.person_by_id(id) {
            Some(p) => gone.push(p),
            None => errors.at(pos.clone(), Msg::new("sc-unknown-person").s("id", id)),
        }
    }
    for f in &v.remove_where {
        match f.matches(base) {
            Ok(ps) if ps.is_empty() => {
                notes.push(Msg::new("wi-note-matches-nobody").m("filter", f.describe()))
            }
            Ok(ps) => gone.extend(ps),
            Err(message) => errors.at(f.pos.clone(), message),
        }
    }
    gone.sort_unstable();
    gone.dedup();
    let gone_ids: HashSet<&str> = gone.iter().map(|&p| base.person(p).id.as_str()).collect();
    sheets.round.pins.retain(|pin| {
        let keep = !gone_ids.contains(pin.person.0.as_str());
        if !keep {
            notes.push(
                Msg::new("wi-note-pin-dropped")
                    .s("person", &pin.person.0)
                    .s("group", &pin.group.0),
            );
        }
        keep
    });
    let already: HashSet<String> = sheets.round.exclude.iter().map(|e| e.0.clone()).collect();
    for &p in &gone {
        let id = &base.person(p).id;
        if !already.contains(id) {
            sheets.round.exclude.push((id.clone(), v.pos.clone()));
        }
    }
    if let Some((policy, pos)) = &v.policy {
        policy.apply(&mut sheets.round.policy);
        check_policy(
            &sheets.round.policy,
            &|k| pos.col(format!("policy.{k}")),
            &mut errors,
        );
    }
    sheets
        .round
        .requirements
        .extend(v.requirements.iter().cloned());
    sheets.round.groups.extend(v.add_groups.iter().cloned());
    if let Some((path, written, pos)) = &v.add_people {
        let mut report = InputErrors::default();
        let sheet = read_csv_into(path, written, &mut report);
        sheets.report.warnings.append(&mut report.warnings);
        match sheet {
            Some(sheet) if report.is_empty() => sheets.extra_people.push(sheet),
            _ => {
                for e in report.errors {
                    match e {
                        // a file that cannot be read: say where it is asked for
                        InputError::Io { message, .. } => errors.at(
                            pos.clone(),
                            Msg::new("sc-add-people-unreadable")
                                .s("file", written)
                                .m("message", message),
                        ),
                        other => errors.push(other),
                    }
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let case = build_case(sheets)?;
    let removed = gone
        .iter()
        .filter(|&&p| base.drawable(p))
        .map(|&p| base.person(p).id.clone())
        .collect();
    Ok(VariantCase {
        added: case.people.len() - base.people.len(),
        case,
        removed,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Scenario, InputErrors> {
        parse_scenario(text, "s.toml", Path::new("."))
    }

    #[test]
    fn reads_every_key() {
        let s = parse(
            r#"
[[variant]]
name = "audit bureau of R03 away"
remove = ["P0012", "P0040"]
remove_where = { unit = "R03-D02" }
add_people = "extra.csv"
policy = { max_same_region = 1 }
requirements = { audit = 2 }

[[variant]]
name = "two lists"
remove_where = [{ region = "R01" }, { area = "audit", min_level = 2 }]
add_groups = [{ id = "G9", targets = ["R01-D01"], size = [4, 5] }]
"#,
        )
        .unwrap();
        assert_eq!(s.variants.len(), 2);
        let v = &s.variants[0];
        assert_eq!(v.remove.len(), 2);
        assert_eq!(v.remove[1].1.line, Some(4));
        assert_eq!(v.remove_where[0].unit.as_deref(), Some("R03-D02"));
        assert_eq!(v.add_people.as_ref().unwrap().1, "extra.csv");
        assert_eq!(v.policy.as_ref().unwrap().0.max_same_region, Some(1));
        assert_eq!(v.requirements[0].0, "audit");
        assert_eq!(v.requirements[0].1, 2);
        let w = &s.variants[1];
        assert_eq!(w.remove_where.len(), 2);
        assert_eq!(w.remove_where[1].min_level, 2);
        assert_eq!(w.add_groups[0].size, Some((4, 5)));
    }

    #[test]
    fn mistakes_are_named_with_their_line() {
        let cases = [
            ("", "no variant"),
            ("[[variant]]\nname = \"\"\n", "needs a name"),
            ("[[variant]]\nname = \"base\"\n", "unchanged case"),
            (
                "[[variant]]\nname = \"a\"\n[[variant]]\nname = \"a\"\n",
                "two variants",
            ),
            ("[[variant]]\nname = \"a\"\nremvoe = []\n", "remvoe"),
            (
                "[[variant]]\nname = \"a\"\nremove_where = { unti = \"X\" }\n",
                "remove_where",
            ),
            (
                "[[variant]]\nname = \"a\"\nremove_where = { area = \"audit\", min_level = 4 }\n",
                "min_level 4",
            ),
            (
                "[[variant]]\nname = \"a\"\nremove_where = { min_level = 2 }\n",
                "give unit, region or area",
            ),
            (
                "[[variant]]\nname = \"a\"\npolicy = { max_same_regoin = 1 }\n",
                "max_same_regoin",
            ),
            (
                "[[variant]]\nname = \"a\"\nrequirements = { audit = -1 }\n",
                "s.toml",
            ),
        ];
        for (text, want) in cases {
            let e = parse(text).expect_err(text).to_string();
            assert!(e.contains(want), "{text:?} gave {e}");
            assert!(e.contains("s.toml"), "{e}");
        }
    }
}
