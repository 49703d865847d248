//! The round as a workbook writes it: the `round` sheet (group, target,
//! size), the `policy` sheet (key, value) and the `pins` sheet.

use super::round::{check_policy, parse_role, GroupSpec, PinSpec, RoundSpec};
use super::sheet::{parse_int, parse_yes_no, Column, Header, Sheet};
use crate::error::{InputErrors, Position};
use crate::model::Role;
use crate::msg::Msg;

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
        Some(p) => (p.source.clone(), Msg::new("year-hint-policy")),
        None => (round.source.clone(), Msg::new("year-hint-no-policy")),
    };
    read_groups(round, &mut spec, &mut errors);
    if let Some(sheet) = policy {
        read_policy(sheet, &mut spec, &mut errors);
    }
    if let Some(sheet) = pins {
        read_pins(sheet, &mut spec, &mut errors);
    }
    errors.into_result(spec)
}

/// The `round` sheet: a row per group and target.
fn read_groups(round: &Sheet, spec: &mut RoundSpec, errors: &mut InputErrors) {
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
                errors.at(h.pos(r, 0), Msg::new("group-id-empty"));
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
                                Msg::new("group-size-twice")
                                    .s("id", id)
                                    .s("size", format!("{}-{}", s.0, s.1))
                                    .s("first", format!("{}-{}", first.0, first.1))
                                    .place("at", at.clone()),
                            ),
                            Some(_) => {}
                            None => {
                                sizes.insert(gi, (s, h.pos(r, 2)));
                            }
                        }
                        spec.groups[gi].size.get_or_insert(s);
                    }
                    _ => errors.at(h.pos(r, 2), Msg::new("size-range-bad").q("value", size)),
                }
            }
        }
    }
}

/// The `policy` sheet: a row per key and value.
fn read_policy(sheet: &Sheet, spec: &mut RoundSpec, errors: &mut InputErrors) {
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
                    Msg::new("key-twice")
                        .s("key", key)
                        .place("first", first.clone()),
                );
                continue;
            }
            written.insert(key.to_string(), h.pos(r, 1));
            apply_key_value(spec, h.get(r, 0), h.get(r, 1), h.pos(r, 1), errors);
        }
        let pos_of = |k: &str| {
            written
                .get(k)
                .cloned()
                .unwrap_or_else(|| sheet.source.col(k.to_string()))
        };
        check_policy(&spec.policy, &pos_of, errors);
    }
}

/// The `pins` sheet: a row per person and group.
fn read_pins(sheet: &Sheet, spec: &mut RoundSpec, errors: &mut InputErrors) {
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
                errors.at(h.pos(r, 2), Msg::new("role-bad").q("value", role_text));
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

/// A policy key by its English name, whichever name was written.
fn canonical_key(key: &str) -> &str {
    match key.trim() {
        "名称" => "name",
        "年份" => "year",
        "文号" => "document",
        "进驻时间" => "period",
        "制表日期" => "date",
        "专业领域" => "areas",
        "不参加" => "exclude",
        k => k,
    }
}

/// `4-6`, `4–6`, `4~6`, `4,6`, `[4, 6]`, or a single number.
pub(crate) fn parse_range(s: &str) -> Option<(u32, u32)> {
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
                    Msg::new("key-not-count").s("key", k).q("value", value),
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
                Msg::new("key-not-yes-no").s("key", k).q("value", value),
            );
        }
        v
    };
    let p = &mut spec.policy;
    match k {
        "" => errors.at(pos, Msg::new("value-without-key")),
        "name" | "名称" => spec.name = value.to_string(),
        "document" | "文号" => spec.titles.document = value.trim().to_string(),
        "period" | "进驻时间" => spec.titles.period = value.trim().to_string(),
        "date" | "制表日期" => spec.titles.date = value.trim().to_string(),
        "year" | "年份" => match parse_int(value) {
            Some(y) if (1900..=2200).contains(&y) => spec.year = Some(y as i32),
            _ => errors.at(pos, Msg::new("key-year-bad").q("value", value)),
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
            None => errors.at(pos, Msg::new("key-group-size-bad").q("value", value)),
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
                        Msg::new("key-weight-bad").s("key", k).q("value", value),
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
                    _ => errors.at(pos, Msg::new("weight-unknown").q("value", w)),
                }
            } else {
                errors.at(pos, Msg::new("key-unknown").q("value", k))
            }
        }
    }
}
