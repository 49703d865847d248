//! Writing a plan (SPEC §5): `plan.csv` and `plan.json` (the printable
//! `plan.xlsx`, 编组名单, is [`crate::print`]'s, which also writes any of the
//! three by the output file's extension), and printable tables.
//!
//! Everything here is a pure function of the case, the outcome and the
//! [`PlanMeta`], except the solve time, which appears only in
//! `plan.json`'s `solver.elapsed_ms`: two runs that find the same plan write
//! the same bytes, that field aside (SPEC §7).

use crate::explain::{self, Lang};
use crate::model::{Case, PersonId, Plan, PlanGroup, Role};
use crate::solve::{Outcome, ScoreModel, Term, Unstaffed};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use std::path::Path;

/// What a saved plan records about where it came from, for audit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanMeta {
    /// The product version (`CARGO_PKG_VERSION`).
    pub version: String,
    /// SHA-256 of the input files, lower-case hex (see [`digest_inputs`]).
    pub inputs_sha256: String,
    /// The case as given on the command line.
    pub case: String,
}

/// SHA-256 over the files a case was read from, lower-case hex.
///
/// For a directory: the files the loader read ([`Case::input_files`]: the
/// units, people, posts, relations and regions tables that exist, then the
/// round), each hashed as its name, a NUL byte, its length as 8 bytes
/// little-endian, then its bytes. For a workbook: the file's bytes.
pub fn digest_inputs(case_path: &Path, case: &Case) -> std::io::Result<String> {
    let mut h = Sha256::new();
    if case_path.is_dir() {
        for (name, path) in &case.input_files {
            let bytes = std::fs::read(path)?;
            h.update(name.as_bytes());
            h.update([0u8]);
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(&bytes);
        }
    } else {
        h.update(std::fs::read(case_path)?);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Width of `s` on a terminal or in a spreadsheet column: East Asian wide
/// characters (CJK ideographs, kana, hangul, full-width forms) count 2.
pub fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    let u = c as u32;
    if c.is_control() || (0x300..0x370).contains(&u) || u == 0x200B {
        return 0;
    }
    let wide = (0x1100..=0x115F).contains(&u)
        || (0x2E80..=0x303E).contains(&u)
        || (0x3041..=0x33FF).contains(&u)
        || (0x3400..=0x4DBF).contains(&u)
        || (0x4E00..=0x9FFF).contains(&u)
        || (0xA000..=0xA4CF).contains(&u)
        || (0xAC00..=0xD7A3).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0xFE30..=0xFE4F).contains(&u)
        || (0xFF00..=0xFF60).contains(&u)
        || (0xFFE0..=0xFFE6).contains(&u)
        || (0x1F300..=0x1F64F).contains(&u)
        || (0x1F900..=0x1F9FF).contains(&u)
        || (0x20000..=0x3FFFD).contains(&u);
    if wide {
        2
    } else {
        1
    }
}

/// 职级 in words: 1 科员 … 5 正处.
pub fn rank_label(rank: u8) -> String {
    match rank {
        1..=5 => super::case::RANK_NAMES[rank as usize - 1].into(),
        r => r.to_string(),
    }
}

/// The group's people in print order: leaders first, then the deputies
/// (副组长), then the other members in the plan's order; `true` marks a leader.
pub(crate) fn roster(pg: &PlanGroup) -> impl Iterator<Item = (PersonId, bool)> + '_ {
    roles(pg).map(|(p, r)| (p, r == Role::Leader))
}

/// [`roster`] with each person's role.
pub(crate) fn roles(pg: &PlanGroup) -> impl Iterator<Item = (PersonId, Role)> + '_ {
    let deputies = pg
        .deputies
        .iter()
        .filter(|p| !pg.leaders.contains(p))
        .map(|&p| (p, Role::Deputy));
    pg.leaders
        .iter()
        .map(|&p| (p, Role::Leader))
        .chain(deputies)
        .chain(
            pg.members
                .iter()
                .filter(|p| !pg.leaders.contains(p) && !pg.deputies.contains(p))
                .map(|&p| (p, Role::Member)),
        )
}

/// Per area: the sum of the members' levels and how many have level ≥ 1.
pub(crate) fn area_totals(case: &Case, pg: &PlanGroup) -> Vec<(u32, u32)> {
    let mut out = vec![(0u32, 0u32); case.round.areas.len()];
    for (p, _) in roster(pg) {
        for (k, &l) in case.person(p).levels.iter().enumerate() {
            if let Some(t) = out.get_mut(k) {
                t.0 += l as u32;
                t.1 += (l >= 1) as u32;
            }
        }
    }
    out
}

/// `plan.csv` (SPEC §5): `group, role, person_id, name, unit, region`, one row
/// per person placed (leaders first in each group), UTF-8 with a BOM so that
/// Excel and WPS show the Chinese names.
pub fn plan_csv(case: &Case, plan: &Plan) -> Vec<u8> {
    let mut buf = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut buf);
        let header = ["group", "role", "person_id", "name", "unit", "region"];
        // writing into a Vec cannot fail
        w.write_record(header).expect("write to memory");
        for pg in &plan.groups {
            let gid = &case.group(pg.group).id;
            for (p, role) in roles(pg) {
                let x = case.person(p);
                w.write_record([
                    gid.as_str(),
                    &role.to_string(),
                    x.id.as_str(),
                    x.name.as_str(),
                    case.unit(x.unit).id.as_str(),
                    case.region(x.region),
                ])
                .expect("write to memory");
            }
        }
        w.flush().expect("write to memory");
    }
    buf
}

/// `plan.json` (SPEC §5): the groups with their targets, leaders, members,
/// expertise totals and size; the score term by term; who is left out and
/// why (`reason` in `lang`, `why` as data); the seed, the solver and how it
/// ended (`name` and `status` in `lang`, `kind` and `ending` as data) and
/// its time (`solver.elapsed_ms`, the only field that varies between
/// identical runs), the version and the digest of the inputs; and what the
/// reader noticed in them (`warnings`, each `message` in `lang`).
pub fn plan_json(
    lang: Lang,
    case: &Case,
    model: &ScoreModel,
    outcome: &Outcome,
    meta: &PlanMeta,
) -> Value {
    let groups: Vec<Value> = outcome
        .plan
        .groups
        .iter()
        .map(|pg| {
            let g = case.group(pg.group);
            let ids = |ps: &[PersonId]| -> Vec<&str> {
                ps.iter().map(|&p| case.person(p).id.as_str()).collect()
            };
            let leaders = ids(&pg.leaders);
            let deputies = ids(&pg.deputies);
            let mut members: Vec<PersonId> = pg.members.clone();
            for &l in pg.leaders.iter().chain(&pg.deputies) {
                if !members.contains(&l) {
                    members.push(l);
                }
            }
            let size = members.len();
            let members = ids(&members);
            let mut expertise = Map::new();
            let mut count_with = Map::new();
            for (a, (sum, n)) in case.round.areas.iter().zip(area_totals(case, pg)) {
                expertise.insert(a.key.clone(), sum.into());
                count_with.insert(a.key.clone(), n.into());
            }
            json!({
                "id": g.id,
                "targets": g.targets.iter().map(|&t| case.unit(t).id.clone()).collect::<Vec<_>>(),
                "leaders": leaders,
                "deputies": deputies,
                "members": members,
                "expertise": expertise,
                "count_with": count_with,
                "size": size,
            })
        })
        .collect();
    let terms: Vec<Term> = outcome.score.terms(case, model);
    let left_out: Vec<Value> = outcome
        .left_out
        .iter()
        .map(|(p, why)| {
            json!({
                "person": case.person(*p).id,
                "reason": explain::left_out_text(lang, why),
                "why": why,
            })
        })
        .collect();
    let unstaffed: Vec<Value> = outcome
        .unstaffed
        .iter()
        .map(|(g, why)| {
            let data = match why {
                Unstaffed::Proven(f) => explain::finding_json(lang, case, f),
                Unstaffed::NotFound(m) => json!({ "kind": "not-found", "missing": m }),
            };
            json!({
                "group": case.group(*g).id,
                "reason": explain::unstaffed_text(lang, case, why),
                "why": data,
            })
        })
        .collect();
    json!({
        "groups": groups,
        "score": {
            "total": outcome.score.total(model),
            "terms": terms,
        },
        "left_out": left_out,
        "unstaffed": unstaffed,
        "seed": outcome.seed,
        "solver": {
            "name": explain::solver_text(lang, &outcome.solver),
            "status": explain::ending_text(lang, &outcome.status),
            "kind": outcome.solver,
            "ending": outcome.status,
            "iterations": outcome.iterations,
            "elapsed_ms": outcome.elapsed.as_millis() as u64,
        },
        "version": meta.version,
        "inputs_sha256": meta.inputs_sha256,
        "case": meta.case,
        "warnings": case
            .warnings
            .iter()
            .map(|w| explain::input::warning_json(lang, w))
            .collect::<Vec<_>>(),
    })
}

pub use crate::print::{tables_xlsx, TableSheet};

/// The formats a plan is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanFormat {
    /// plan.csv
    Csv,
    /// plan.json
    Json,
    /// plan.xlsx
    Xlsx,
}

/// The format named by the file's extension (`csv`, `json` or `xlsx`, any case).
pub fn plan_format(path: &Path) -> anyhow::Result<PlanFormat> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    Ok(match ext.as_str() {
        "csv" => PlanFormat::Csv,
        "json" => PlanFormat::Json,
        "xlsx" => PlanFormat::Xlsx,
        _ => anyhow::bail!(
            "cannot write a plan to {}: the output file must end in .csv, .json or .xlsx",
            path.display()
        ),
    })
}
