//! Writing a case as a directory (`units.csv`, `people.csv`, `posts.csv`,
//! `relations.csv`, `round.toml`), the format `load_case` reads: for `gen`.
//! Every file is written atomically.

use super::workbook::write_atomic;
use crate::model::{Case, Gender, Role};
use std::fmt::Write as _;
use std::path::Path;

fn csv_bytes(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header)?;
    for r in rows {
        w.write_record(&r)?;
    }
    Ok(w.into_inner()?)
}

fn yes(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// A TOML string literal.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Writes `case` into `dir` (created if missing) as CSV files and round.toml.
pub fn write_case_dir(case: &Case, dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)
        .map_err(|e| anyhow::anyhow!("cannot create the directory {}: {e}", dir.display()))?;
    let unit_id = |u: crate::model::UnitId| case.units[u.ix()].id.clone();
    let person_id = |p: crate::model::PersonId| case.people[p.ix()].id.clone();
    let region = |r: crate::model::RegionId| case.regions[r.ix()].clone();

    let units = csv_bytes(
        &["id", "name", "region", "kind", "parent"],
        case.units.iter().map(|u| {
            vec![
                u.id.clone(),
                u.name.clone(),
                region(u.region),
                u.kind.clone(),
                opt(u.parent.map(unit_id)),
            ]
        }),
    )?;
    let mut header: Vec<&str> = vec![
        "id",
        "name",
        "gender",
        "birth_year",
        "rank",
        "unit",
        "region",
        "native_region",
        "leader",
        "available",
        "must_serve",
        "last_served",
    ];
    // 副组长库 written only where it differs from the leader pool
    let deputy_col = case.people.iter().any(|p| p.deputy != p.leader);
    if deputy_col {
        header.push("deputy");
    }
    header.extend(case.round.areas.iter().map(|a| a.key.as_str()));
    let people = csv_bytes(
        &header,
        case.people.iter().map(|p| {
            let mut row = vec![
                p.id.clone(),
                p.name.clone(),
                match p.gender {
                    Gender::Male => "M",
                    Gender::Female => "F",
                }
                .to_string(),
                p.birth_year.to_string(),
                p.rank.to_string(),
                unit_id(p.unit),
                region(p.region),
                opt(p.native_region.map(region)),
                yes(p.leader),
                yes(p.available),
                yes(p.must_serve),
                opt(p.last_served),
            ];
            if deputy_col {
                row.push(yes(p.deputy));
            }
            row.extend(p.levels.iter().map(|l| l.to_string()));
            row
        }),
    )?;
    let posts = csv_bytes(
        &["person", "unit", "from_year", "to_year"],
        case.posts.iter().map(|x| {
            vec![
                person_id(x.person),
                unit_id(x.unit),
                opt(x.from_year),
                opt(x.to_year),
            ]
        }),
    )?;
    let relations = csv_bytes(
        &["kind", "a", "b", "note"],
        case.kin
            .iter()
            .map(|k| vec!["kin".into(), person_id(k.a), person_id(k.b), k.note.clone()])
            .chain(case.relatives.iter().map(|f| {
                vec![
                    "relative_at".into(),
                    person_id(f.person),
                    unit_id(f.unit),
                    f.note.clone(),
                ]
            }))
            .chain(case.conflicts.iter().map(|f| {
                vec![
                    "conflict".into(),
                    person_id(f.person),
                    unit_id(f.unit),
                    f.note.clone(),
                ]
            }))
            .chain(case.ties.iter().map(|t| {
                vec![
                    "business".into(),
                    unit_id(t.a),
                    unit_id(t.b),
                    t.note.clone(),
                ]
            })),
    )?;

    let t = round_toml(case)?;

    for (name, bytes) in [
        ("units.csv", units),
        ("people.csv", people),
        ("posts.csv", posts),
        ("relations.csv", relations),
        ("round.toml", t.into_bytes()),
    ] {
        let path = dir.join(name);
        write_atomic(&path, &bytes)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// The round of a case as `round.toml`.
fn round_toml(case: &Case) -> anyhow::Result<String> {
    let unit_id = |u: crate::model::UnitId| case.units[u.ix()].id.clone();
    let person_id = |p: crate::model::PersonId| case.people[p.ix()].id.clone();
    let r = &case.round;
    let p = &r.policy;
    let mut t = String::new();
    writeln!(t, "name = {}", quoted(&r.name))?;
    writeln!(t, "year = {}", r.year)?;
    for (key, v) in [
        ("document", &r.titles.document),
        ("period", &r.titles.period),
        ("date", &r.titles.date),
    ] {
        if !v.is_empty() {
            writeln!(t, "{key} = {}", quoted(v))?;
        }
    }
    let areas: Vec<String> = r.areas.iter().map(|a| quoted(&a.key)).collect();
    writeln!(t, "areas = [{}]", areas.join(", "))?;
    if !r.exclude.is_empty() {
        let ids: Vec<String> = r.exclude.iter().map(|&x| quoted(&person_id(x))).collect();
        writeln!(t, "exclude = [{}]", ids.join(", "))?;
    }
    writeln!(t, "\n[policy]")?;
    writeln!(t, "group_size = [{}, {}]", p.group_size.0, p.group_size.1)?;
    writeln!(t, "leaders_per_group = {}", p.leaders_per_group)?;
    writeln!(t, "post_lookback_years = {}", p.post_lookback_years)?;
    writeln!(t, "region_avoidance = {}", p.region_avoidance)?;
    writeln!(t, "native_avoidance = {}", p.native_avoidance)?;
    writeln!(t, "business_avoidance = {}", p.business_avoidance)?;
    writeln!(t, "reciprocal_avoidance = {}", p.reciprocal_avoidance)?;
    writeln!(t, "max_same_region = {}", p.max_same_region)?;
    writeln!(t, "max_same_unit = {}", p.max_same_unit)?;
    if p.deputies_per_group > 0 {
        writeln!(t, "deputies_per_group = {}", p.deputies_per_group)?;
    }
    writeln!(t, "\n[requirements]")?;
    for (a, n) in r.areas.iter().zip(&r.requirements) {
        writeln!(t, "{} = {n}", a.key)?;
    }
    writeln!(t, "\n[weights]")?;
    for (k, v) in r.weights.entries() {
        writeln!(t, "{k} = {v:?}")?;
    }
    for g in &r.groups {
        writeln!(t, "\n[[groups]]")?;
        writeln!(t, "id = {}", quoted(&g.id))?;
        let targets: Vec<String> = g.targets.iter().map(|&u| quoted(&unit_id(u))).collect();
        writeln!(t, "targets = [{}]", targets.join(", "))?;
        if g.size != p.group_size {
            writeln!(t, "size = [{}, {}]", g.size.0, g.size.1)?;
        }
    }
    for pin in &r.pins {
        writeln!(t, "\n[[pins]]")?;
        writeln!(t, "person = {}", quoted(&person_id(pin.person)))?;
        writeln!(t, "group = {}", quoted(&r.groups[pin.group.ix()].id))?;
        let role = match pin.role {
            Role::Leader => "leader",
            Role::Deputy => "deputy",
            Role::Member => "member",
        };
        writeln!(t, "role = \"{role}\"")?;
    }
    Ok(t)
}
