//! The round: `round.toml`, or the `round`, `policy` and `pins` sheets of a
//! workbook, read into one positioned [`RoundSpec`] before ids are resolved.

use crate::error::{InputError, InputErrors, Position};
use crate::model::{Policy, Role, Weights};
use crate::msg::Msg;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

pub use super::round_sheets::round_from_sheets;

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
    pub year_hint: (Position, Msg),
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
    /// 文号, 进驻时间, 制表日期 for the printed 编组名单.
    pub titles: crate::model::RoundTitles,
}

impl RoundSpec {
    pub(crate) fn new(source: Position) -> Self {
        RoundSpec {
            source: source.clone(),
            name: String::new(),
            year: None,
            year_hint: (source.clone(), Msg::new("year-hint-toml")),
            areas: None,
            policy: Policy::default(),
            requirements: Vec::new(),
            weights: Weights::default(),
            groups: Vec::new(),
            pins: Vec::new(),
            exclude: Vec::new(),
            titles: Default::default(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoundToml {
    name: Option<String>,
    /// 文号.
    document: Option<String>,
    /// 进驻时间.
    period: Option<String>,
    /// 制表日期.
    date: Option<String>,
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
                    Msg::new("size-not-range")
                        .s("a", a.to_string())
                        .s("b", b.to_string()),
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
    InputError::data(pos, Msg::new("toml-error").s("why", e.message().trim()))
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
    spec.titles = crate::model::RoundTitles {
        document: raw.document.unwrap_or_default().trim().to_string(),
        period: raw.period.unwrap_or_default().trim().to_string(),
        date: raw.date.unwrap_or_default().trim().to_string(),
    };
    spec.year = raw.year.map(|y| {
        let v = *y.get_ref();
        if !(1900..=2200).contains(&v) {
            errors.at(
                at(y.span()).col("year"),
                Msg::new("year-implausible").s("value", v.to_string()),
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
                errors.at(file.col(concat!("weights.", stringify!($f))), Msg::new("weight-bad").s("value", v.to_string()));
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
                        Msg::new("role-bad").q("value", r.get_ref()),
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
            Msg::new("group-size-not-range")
                .s("a", a.to_string())
                .s("b", b.to_string()),
        );
    }
    if p.leaders_per_group > a {
        errors.at(
            pos_of("leaders_per_group"),
            Msg::new("leaders-exceed-min")
                .n("leaders", p.leaders_per_group)
                .n("min", a),
        );
    }
    if p.leaders_per_group == 0 {
        errors.at(pos_of("leaders_per_group"), Msg::new("leaders-zero"));
    }
    if p.max_same_region == 0 {
        errors.at(pos_of("max_same_region"), Msg::new("at-least-one"));
    }
    if p.max_same_unit == 0 {
        errors.at(pos_of("max_same_unit"), Msg::new("at-least-one"));
    }
}

#[cfg(test)]
mod tests {
    use super::super::round_sheets::parse_range;
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
