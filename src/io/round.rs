//! The round: `round.toml`, or the `round`, `policy` and `pins` sheets of a
//! workbook, read into one positioned [`RoundSpec`] before ids are resolved.

use super::sheet::{parse_int, parse_yes_no, Column, Header, Sheet};
use crate::error::{InputError, InputErrors, Position};
use crate::model::{Policy, Role, Weights};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// A value with the place it was written.
pub type At<T> = (T, Position);

/// A group as written.
#[derive(Debug, Clone)]
pub struct GroupSpec {
    /// Its id.
    pub id: At<String>,
    /// Its name (组名), if given: pins may name the group by it.
    pub name: Option<At<String>>,
    /// Target units, by id or name.
    pub targets: Vec<At<String>>,
    /// Size override.
    pub size: Option<(u32, u32)>,
}

/// A pin as written.
#[derive(Debug, Clone)]
pub struct PinSpec {
    /// Person id.
    pub person: At<String>,
    /// Group id.
    pub group: At<String>,
    /// Role.
    pub role: Role,
    /// Where the pin is.
    pub pos: Position,
}

/// The round with positions, ids not yet resolved.
#[derive(Debug, Clone)]
pub struct RoundSpec {
    /// The file.
    pub source: Position,
    /// Name.
    pub name: String,
    /// Year.
    pub year: Option<i32>,
    /// Where the year goes and how to write it, for the error when it is missing.
    pub year_hint: (Position, String),
    /// Declared areas (None: the default four).
    pub areas: Option<Vec<At<String>>>,
    /// Policy, checked for sense.
    pub policy: Policy,
    /// Requirements by area name.
    pub requirements: Vec<(String, u32, Position)>,
    /// Weights.
    pub weights: Weights,
    /// Groups.
    pub groups: Vec<GroupSpec>,
    /// Pins.
    pub pins: Vec<PinSpec>,
    /// Excluded people.
    pub exclude: Vec<At<String>>,
}

impl RoundSpec {
    fn new(source: Position) -> Self {
        RoundSpec {
            source: source.clone(),
            name: String::new(),
            year: None,
            year_hint: (
                source.clone(),
                "add year = 2026 (the round's year) at the top".into(),
            ),
            areas: None,
            policy: Policy::default(),
            requirements: Vec::new(),
            weights: Weights::default(),
            groups: Vec::new(),
            pins: Vec::new(),
            exclude: Vec::new(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoundToml {
    name: Option<String>,
    year: Option<Spanned<i32>>,
    areas: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    policy: Option<Spanned<PolicyToml>>,
    #[serde(default)]
    requirements: BTreeMap<String, Spanned<u32>>,
    #[serde(default)]
    weights: WeightsToml,
    #[serde(default)]
    groups: Vec<Spanned<GroupToml>>,
    #[serde(default)]
    pins: Vec<Spanned<PinToml>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
}

/// `[policy]` as written: the keys given override the defaults (or, in a
/// what-if variant, the round's policy).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PolicyToml {
    /// `group_size`: members per group (min, max).
    pub group_size: Option<[u32; 2]>,
    /// `leaders_per_group`.
    pub leaders_per_group: Option<u32>,
    /// `post_lookback_years`.
    pub post_lookback_years: Option<u32>,
    /// `region_avoidance`.
    pub region_avoidance: Option<bool>,
    /// `native_avoidance`.
    pub native_avoidance: Option<bool>,
    /// `business_avoidance`.
    pub business_avoidance: Option<bool>,
    /// `reciprocal_avoidance`.
    pub reciprocal_avoidance: Option<bool>,
    /// `max_same_region`.
    pub max_same_region: Option<u32>,
    /// `max_same_unit`.
    pub max_same_unit: Option<u32>,
    /// `leader_outranks_members`.
    pub leader_outranks_members: Option<bool>,
    /// `deputies_per_group`.
    pub deputies_per_group: Option<u32>,
}

impl PolicyToml {
    /// Sets the keys given on `d`.
    pub fn apply(&self, d: &mut Policy) {
        if let Some([a, b]) = self.group_size {
            d.group_size = (a, b);
        }
        macro_rules! set {
            ($($f:ident),*) => { $( if let Some(v) = self.$f { d.$f = v; } )* };
        }
        set!(
            leaders_per_group,
            post_lookback_years,
            region_avoidance,
            native_avoidance,
            business_avoidance,
            reciprocal_avoidance,
            max_same_region,
            max_same_unit,
            leader_outranks_members,
            deputies_per_group
        );
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct WeightsToml {
    expertise: Option<f64>,
    rank: Option<f64>,
    age: Option<f64>,
    gender: Option<f64>,
    mixing: Option<f64>,
    must_serve: Option<f64>,
    recent: Option<f64>,
    stability: Option<f64>,
}

/// A `[[groups]]` table as written (also a what-if variant's `add_groups`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupToml {
    id: Spanned<String>,
    name: Option<Spanned<String>>,
    targets: Vec<Spanned<String>>,
    size: Option<[u32; 2]>,
}

impl GroupToml {
    /// The group with positions: `gpos` where the table is, `key` the TOML
    /// key it sits under (for column names), `at` a span's position.
    pub fn spec(
        self,
        gpos: &Position,
        key: &str,
        at: &dyn Fn(std::ops::Range<usize>) -> Position,
        errors: &mut InputErrors,
    ) -> GroupSpec {
        if let Some([a, b]) = self.size {
            if a == 0 || a > b {
                errors.at(
                    gpos.col(format!("{key}.size")),
                    format!("size [{a}, {b}] is not a range min ≤ max with min ≥ 1"),
                );
            }
        }
        let idpos = at(self.id.span()).col(format!("{key}.id"));
        let name = self.name.map(|n| {
            let p = at(n.span()).col(format!("{key}.name"));
            (n.into_inner(), p)
        });
        GroupSpec {
            id: (self.id.into_inner(), idpos),
            name,
            targets: self
                .targets
                .into_iter()
                .map(|t| {
                    let p = at(t.span()).col(format!("{key}.targets"));
                    (t.into_inner(), p)
                })
                .collect(),
            size: self.size.map(|[a, b]| (a, b)),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PinToml {
    person: Spanned<String>,
    group: Spanned<String>,
    role: Option<Spanned<String>>,
}

/// A TOML syntax or shape error, at its line and column.
pub fn toml_error(text: &str, file: &Position, e: &toml::de::Error) -> InputError {
    let pos = match e.span() {
        Some(s) => {
            let start = s.start.min(text.len());
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let column = text
                .get(line_start..start)
                .map_or(1, |t| t.chars().count() + 1);
            file.at_line(line_of(text, start)).col(format!("{column}"))
        }
        None => file.clone(),
    };
    InputError::data(pos, e.message().trim().to_string())
}

/// The 1-based lines of byte offsets in one text, each found in O(log lines).
pub struct Lines(Vec<usize>);

impl Lines {
    /// The offsets of the line ends of `text`.
    pub fn new(text: &str) -> Lines {
        Lines(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i)
                .collect(),
        )
    }

    /// The 1-based line of a byte offset.
    pub fn of(&self, offset: usize) -> usize {
        self.0.partition_point(|&nl| nl < offset) + 1
    }
}

/// The 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Parses `round.toml`.
pub fn parse_round_toml(text: &str, display: &str) -> Result<RoundSpec, InputErrors> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file = Position::file(display);
    let raw: RoundToml = toml::from_str(text).map_err(|e| toml_error(text, &file, &e))?;
    let lines = Lines::new(text);
    let at = |s: std::ops::Range<usize>| file.at_line(lines.of(s.start));
    let mut errors = InputErrors::default();
    let mut spec = RoundSpec::new(file.clone());
    spec.name = raw.name.unwrap_or_default();
    spec.year = raw.year.map(|y| {
        let v = *y.get_ref();
        if !(1900..=2200).contains(&v) {
            errors.at(
                at(y.span()).col("year"),
                format!("{v} is not a plausible year"),
            );
        }
        v
    });
    spec.areas = raw.areas.map(|v| {
        v.into_iter()
            .map(|s| {
                let p = at(s.span()).col("areas");
                (s.into_inner(), p)
            })
            .collect()
    });
    if let Some(p) = raw.policy {
        let pos = at(p.span()).col("policy");
        p.into_inner().apply(&mut spec.policy);
        check_policy(
            &spec.policy,
            &|k| pos.col(format!("policy.{k}")),
            &mut errors,
        );
    }
    for (k, v) in raw.requirements {
        let pos = at(v.span()).col(format!("requirements.{k}"));
        spec.requirements.push((k, v.into_inner(), pos));
    }
    let w = raw.weights;
    let d = &mut spec.weights;
    macro_rules! setw {
        ($($f:ident),*) => { $( if let Some(v) = w.$f {
            if !(v.is_finite() && v >= 0.0) {
                errors.at(file.col(concat!("weights.", stringify!($f))), format!("{v} is not a weight (a number ≥ 0)"));
            } else { d.$f = v; }
        } )* };
    }
    setw!(expertise, rank, age, gender, mixing, must_serve, recent, stability);
    for g in raw.groups {
        let gpos = at(g.span());
        spec.groups
            .push(g.into_inner().spec(&gpos, "groups", &at, &mut errors));
    }
    for p in raw.pins {
        let pos = at(p.span()).col("pins");
        let p = p.into_inner();
        let role = match &p.role {
            None => Role::Member,
            Some(r) => match parse_role(r.get_ref()) {
                Some(role) => role,
                None => {
                    errors.at(
                        at(r.span()).col("pins.role"),
                        format!(
                            "\"{}\" is not a role: leader (组长) or member (组员)",
                            r.get_ref()
                        ),
                    );
                    Role::Member
                }
            },
        };
        let pp = at(p.person.span()).col("pins.person");
        let gp = at(p.group.span()).col("pins.group");
        spec.pins.push(PinSpec {
            person: (p.person.into_inner(), pp),
            group: (p.group.into_inner(), gp),
            role,
            pos,
        });
    }
    for e in raw.exclude {
        let p = at(e.span()).col("exclude");
        spec.exclude.push((e.into_inner(), p));
    }
    errors.into_result(spec)
}

/// `leader`/`组长` or `member`/`组员`/`成员`.
pub fn parse_role(s: &str) -> Option<Role> {
    match s.trim().to_ascii_lowercase().as_str() {
        "leader" | "组长" => Some(Role::Leader),
        "deputy" | "副组长" => Some(Role::Deputy),
        "member" | "组员" | "成员" => Some(Role::Member),
        _ => None,
    }
}

/// Checks the policy for sense; `pos_of(key)` says where a key was written.
pub fn check_policy(p: &Policy, pos_of: &dyn Fn(&str) -> Position, errors: &mut InputErrors) {
    let (a, b) = p.group_size;
    if a == 0 || a > b {
        errors.at(
            pos_of("group_size"),
            format!("[{a}, {b}] is not a range min ≤ max with min ≥ 1"),
        );
    }
    if p.leaders_per_group > a {
        errors.at(
            pos_of("leaders_per_group"),
            format!(
                "{} leaders do not fit in groups of at least {a}",
                p.leaders_per_group
            ),
        );
    }
    if p.leaders_per_group == 0 {
        errors.at(
            pos_of("leaders_per_group"),
            "must be at least 1: every group is led by a leader from the leader pool",
        );
    }
    if p.max_same_region == 0 {
        errors.at(pos_of("max_same_region"), "must be at least 1");
    }
    if p.max_same_unit == 0 {
        errors.at(pos_of("max_same_unit"), "must be at least 1");
    }
}

/// Reads the round from a workbook's sheets: `round` (group, target, size),
/// `policy` (key, value) and optionally `pins` (person, group, role).
pub fn round_from_sheets(
    round: &Sheet,
    policy: Option<&Sheet>,
    pins: Option<&Sheet>,
) -> Result<RoundSpec, InputErrors> {
    let mut errors = InputErrors::default();
    let mut spec = RoundSpec::new(round.source.clone());
    spec.year_hint = match policy {
        Some(p) => (
            p.source.clone(),
            "add a row: year | 2026 (the round's year)".into(),
        ),
        None => (
            round.source.clone(),
            "add a sheet policy with columns key, value and a row: year | 2026".into(),
        ),
    };
    // groups
    let schema = [
        Column::new("group", "组别", true),
        Column::new("target", "被巡察单位", true),
        Column::new("size", "规模", false),
        Column::new("name", "组名", false),
        Column::with("note", &["备注", "说明"], false),
    ];
    if let Some(h) = errors.keep(Header::resolve(round, &schema)) {
        let mut sizes: std::collections::HashMap<usize, ((u32, u32), Position)> =
            Default::default();
        for r in &round.rows {
            let id = h.get(r, 0);
            let target = h.get(r, 1);
            if id.is_empty() {
                errors.at(h.pos(r, 0), "empty; a group id is needed");
                continue;
            }
            let gi = match spec.groups.iter().position(|g| g.id.0 == id) {
                Some(i) => i,
                None => {
                    spec.groups.push(GroupSpec {
                        id: (id.to_string(), h.pos(r, 0)),
                        name: None,
                        targets: vec![],
                        size: None,
                    });
                    spec.groups.len() - 1
                }
            };
            if !target.is_empty() {
                spec.groups[gi]
                    .targets
                    .push((target.to_string(), h.pos(r, 1)));
            }
            let name = h.get(r, 3);
            if !name.is_empty() {
                spec.groups[gi].name = Some((name.to_string(), h.pos(r, 3)));
            }
            let size = h.get(r, 2);
            if !size.is_empty() {
                match parse_range(size) {
                    Some(s) if s.0 >= 1 && s.0 <= s.1 => {
                        match sizes.get(&gi) {
                            Some((first, at)) if *first != s => errors.at(
                                h.pos(r, 2),
                                format!(
                                    "group {id} is given the size {}-{} here and {}-{} at {}: \
                                     keep one",
                                    s.0,
                                    s.1,
                                    first.0,
                                    first.1,
                                    at.place()
                                ),
                            ),
                            Some(_) => {}
                            None => {
                                sizes.insert(gi, (s, h.pos(r, 2)));
                            }
                        }
                        spec.groups[gi].size.get_or_insert(s);
                    }
                    _ => errors.at(
                        h.pos(r, 2),
                        format!("\"{size}\" is not a size range such as 4-6"),
                    ),
                }
            }
        }
    }
    if let Some(sheet) = policy {
        let schema = [
            Column::new("key", "项目", true),
            Column::new("value", "值", true),
            Column::with("note", &["说明", "备注"], false),
        ];
        if let Some(h) = errors.keep(Header::resolve(sheet, &schema)) {
            let mut written: std::collections::HashMap<String, Position> = Default::default();
            for r in &sheet.rows {
                let key = canonical_key(h.get(r, 0));
                if let Some(first) = written.get(key).filter(|_| key != "exclude") {
                    errors.at(
                        h.pos(r, 0),
                        format!(
                            "{key} is given twice (first at {}): keep one",
                            first.place()
                        ),
                    );
                    continue;
                }
                written.insert(key.to_string(), h.pos(r, 1));
                apply_key_value(
                    &mut spec,
                    h.get(r, 0),
                    h.get(r, 1),
                    h.pos(r, 1),
                    &mut errors,
                );
            }
            let pos_of = |k: &str| {
                written
                    .get(k)
                    .cloned()
                    .unwrap_or_else(|| sheet.source.col(format!("key {k} (default)")))
            };
            check_policy(&spec.policy, &pos_of, &mut errors);
        }
    }
    if let Some(sheet) = pins {
        let schema = [
            Column::new("person", "人员", true),
            Column::new("group", "组别", true),
            Column::new("role", "角色", false),
            Column::with("note", &["备注", "说明"], false),
        ];
        if let Some(h) = errors.keep(Header::resolve(sheet, &schema)) {
            for r in &sheet.rows {
                let role_text = h.get(r, 2);
                let role = if role_text.is_empty() {
                    Role::Member
                } else if let Some(role) = parse_role(role_text) {
                    role
                } else {
                    errors.at(
                        h.pos(r, 2),
                        format!("\"{role_text}\" is not a role: leader (组长) or member (组员)"),
                    );
                    continue;
                };
                spec.pins.push(PinSpec {
                    person: (h.get(r, 0).to_string(), h.pos(r, 0)),
                    group: (h.get(r, 1).to_string(), h.pos(r, 1)),
                    role,
                    pos: h.row_pos(r),
                });
            }
        }
    }
    errors.into_result(spec)
}

/// A policy key by its English name, whichever name was written.
fn canonical_key(key: &str) -> &str {
    match key.trim() {
        "名称" => "name",
        "年份" => "year",
        "专业领域" => "areas",
        "不参加" => "exclude",
        k => k,
    }
}

/// `4-6`, `4–6`, `4~6`, `4,6`, `[4, 6]`, or a single number.
fn parse_range(s: &str) -> Option<(u32, u32)> {
    let t = s.trim().trim_start_matches('[').trim_end_matches(']');
    let parts: Vec<&str> = t
        .split(['-', '–', '~', '～', ',', '，', '至'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [a] => {
            let a = u32::try_from(parse_int(a)?).ok()?;
            Some((a, a))
        }
        [a, b] => Some((
            u32::try_from(parse_int(a)?).ok()?,
            u32::try_from(parse_int(b)?).ok()?,
        )),
        _ => None,
    }
}

fn split_list(s: &str) -> Vec<String> {
    s.split([',', '，', ';', '；', '、', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

fn apply_key_value(
    spec: &mut RoundSpec,
    key: &str,
    value: &str,
    pos: Position,
    errors: &mut InputErrors,
) {
    let k = key.trim();
    let num = |errors: &mut InputErrors| -> Option<u32> {
        match parse_int(value).and_then(|v| u32::try_from(v).ok()) {
            Some(v) => Some(v),
            None => {
                errors.at(
                    pos.clone(),
                    format!("{k}: \"{value}\" is not a whole number ≥ 0"),
                );
                None
            }
        }
    };
    let flag = |errors: &mut InputErrors| -> Option<bool> {
        let v = parse_yes_no(value);
        if v.is_none() {
            errors.at(
                pos.clone(),
                format!("{k}: \"{value}\" is not yes/no (是/否)"),
            );
        }
        v
    };
    let p = &mut spec.policy;
    match k {
        "" => errors.at(pos, "a value without a key"),
        "name" | "名称" => spec.name = value.to_string(),
        "year" | "年份" => match parse_int(value) {
            Some(y) if (1900..=2200).contains(&y) => spec.year = Some(y as i32),
            _ => errors.at(pos, format!("year: \"{value}\" is not a plausible year")),
        },
        "areas" | "专业领域" => {
            spec.areas = Some(
                split_list(value)
                    .into_iter()
                    .map(|a| (a, pos.clone()))
                    .collect(),
            )
        }
        "exclude" | "不参加" => spec
            .exclude
            .extend(split_list(value).into_iter().map(|a| (a, pos.clone()))),
        "group_size" => match parse_range(value) {
            Some(r) => p.group_size = r,
            None => errors.at(
                pos,
                format!("group_size: \"{value}\" is not a range such as 4-6"),
            ),
        },
        "leaders_per_group" => p.leaders_per_group = num(errors).unwrap_or(p.leaders_per_group),
        "post_lookback_years" => {
            p.post_lookback_years = num(errors).unwrap_or(p.post_lookback_years)
        }
        "max_same_region" => p.max_same_region = num(errors).unwrap_or(p.max_same_region),
        "max_same_unit" => p.max_same_unit = num(errors).unwrap_or(p.max_same_unit),
        "region_avoidance" => p.region_avoidance = flag(errors).unwrap_or(p.region_avoidance),
        "native_avoidance" => p.native_avoidance = flag(errors).unwrap_or(p.native_avoidance),
        "business_avoidance" => p.business_avoidance = flag(errors).unwrap_or(p.business_avoidance),
        "reciprocal_avoidance" => {
            p.reciprocal_avoidance = flag(errors).unwrap_or(p.reciprocal_avoidance)
        }
        "leader_outranks_members" => {
            p.leader_outranks_members = flag(errors).unwrap_or(p.leader_outranks_members)
        }
        "deputies_per_group" => p.deputies_per_group = num(errors).unwrap_or(p.deputies_per_group),
        _ => {
            if let Some(area) = k
                .strip_prefix("requirements.")
                .or_else(|| k.strip_prefix("requirement."))
            {
                if let Some(v) = num(errors) {
                    spec.requirements.push((area.to_string(), v, pos));
                }
            } else if let Some(w) = k.strip_prefix("weights.") {
                let v: Option<f64> = value
                    .trim()
                    .parse()
                    .ok()
                    .filter(|v: &f64| v.is_finite() && *v >= 0.0);
                let Some(v) = v else {
                    errors.at(
                        pos,
                        format!("{k}: \"{value}\" is not a weight (a number ≥ 0)"),
                    );
                    return;
                };
                let d = &mut spec.weights;
                match w {
                    "expertise" => d.expertise = v,
                    "rank" => d.rank = v,
                    "age" => d.age = v,
                    "gender" => d.gender = v,
                    "mixing" => d.mixing = v,
                    "must_serve" => d.must_serve = v,
                    "recent" => d.recent = v,
                    "stability" => d.stability = v,
                    _ => errors.at(pos, format!("unknown weight \"{w}\"")),
                }
            } else {
                errors.at(
                    pos,
                    format!(
                        "unknown key \"{k}\"; keys are name, year, areas, exclude, the [policy] keys \
                         of round.toml, requirements.<area> and weights.<term>"
                    ),
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_errors_name_the_line() {
        let text = "name = \"x\"\nyear = 2026\n[policy]\nmax_same_regio = 2\n";
        let e = parse_round_toml(text, "round.toml")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("round.toml: line 4, column 1: unknown field `max_same_regio`"),
            "{e}"
        );
        let e = parse_round_toml("year = 2026\nname = \"第七轮\" x\n", "round.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("round.toml: line 2, column 14"), "{e}");
    }

    #[test]
    fn toml_round_reads() {
        let text = r#"
name = "第七轮"
year = 2026
exclude = ["P1"]
[policy]
group_size = [5, 6]
[requirements]
audit = 2
[[groups]]
id = "G1"
targets = ["U1", "U2"]
[[pins]]
person = "P2"
group = "G1"
role = "组长"
"#;
        let s = parse_round_toml(text, "round.toml").unwrap();
        assert_eq!(s.policy.group_size, (5, 6));
        assert_eq!(s.groups[0].targets[1].0, "U2");
        assert_eq!(s.groups[0].targets[1].1.line, Some(11));
        assert_eq!(s.pins[0].role, Role::Leader);
        assert_eq!(s.exclude[0].0, "P1");
        assert_eq!(s.requirements[0].1, 2);
    }

    #[test]
    fn bad_policy_is_named() {
        let text = "year = 2026\n[policy]\ngroup_size = [6, 4]\n";
        let e = parse_round_toml(text, "round.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("policy.group_size"), "{e}");
    }

    #[test]
    fn lines_of_offsets() {
        let text = "a\nbb\n\nc";
        let lines = Lines::new(text);
        for offset in 0..=text.len() {
            assert_eq!(lines.of(offset), line_of(text, offset), "{offset}");
        }
    }

    #[test]
    fn ranges() {
        assert_eq!(parse_range("4-6"), Some((4, 6)));
        assert_eq!(parse_range("[4, 6]"), Some((4, 6)));
        assert_eq!(parse_range("5"), Some((5, 5)));
        assert_eq!(parse_range("x"), None);
    }
}
