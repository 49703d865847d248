//! `xuncha explain CASE [--person P] [--group G] [--target T]`: who may go
//! where and why not, or the feasibility report.

use super::{load, print_json, with_warnings, Format};
use crate::constraints::Eligibility;
use crate::explain::{self, Lang};
use crate::validate::feasibility;
use std::path::PathBuf;

/// `explain`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The case: a directory or an .xlsx workbook.
    case: PathBuf,
    /// A person id: where they may go, and why not elsewhere.
    #[arg(long, conflicts_with = "group")]
    person: Option<String>,
    /// A group id: who is eligible, who is not and why.
    #[arg(long)]
    group: Option<String>,
    /// A unit id: with --person, may that person inspect it; alone, the group inspecting it.
    #[arg(long)]
    target: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Exit 0, or 1 when the feasibility report finds a group that cannot be staffed.
pub fn run(a: Args, lang: Lang) -> anyhow::Result<u8> {
    let case = load(lang, &a.case)?;
    let elig = Eligibility::build(&case);
    let find_person = |id: &str| {
        case.person_by_id(id)
            .ok_or_else(|| anyhow::anyhow!("--person: no person {id} in the case"))
    };
    let find_unit = |id: &str| {
        case.unit_by_id(id)
            .ok_or_else(|| anyhow::anyhow!("--target: no unit {id} in the case"))
    };
    let json = |v: serde_json::Value| print_json(&with_warnings(lang, v, &case.warnings));
    match (a.person, a.group, a.target) {
        (Some(p), None, Some(t)) => {
            let (p, t) = (find_person(&p)?, find_unit(&t)?);
            match a.format {
                Format::Text => out!("{}", explain::person_target_text(lang, &case, p, t)),
                Format::Json => json(explain::person_target_json(lang, &case, p, t)),
            }
            Ok(0)
        }
        (Some(p), None, None) => {
            let p = find_person(&p)?;
            match a.format {
                Format::Text => out!("{}", explain::person_text(lang, &case, &elig, p)),
                Format::Json => json(explain::person_json(lang, &case, &elig, p)),
            }
            Ok(0)
        }
        (None, g, t) if g.is_some() || t.is_some() => {
            let gid = match (g, t) {
                (Some(g), _) => case
                    .group_by_id(&g)
                    .ok_or_else(|| anyhow::anyhow!("--group: no group {g} in the round"))?,
                (None, Some(t)) => {
                    let u = find_unit(&t)?;
                    case.group_ids()
                        .find(|&g| case.group(g).targets.contains(&u))
                        .ok_or_else(|| anyhow::anyhow!("--target: unit {t} is not a target of any group; add --person to ask about one person"))?
                }
                _ => unreachable!("guarded above"),
            };
            match a.format {
                Format::Text => out!("{}", explain::group_text(lang, &case, &elig, gid)),
                Format::Json => json(explain::group_json(lang, &case, &elig, gid)),
            }
            Ok(0)
        }
        _ => {
            let report = feasibility::analyse(&case, &elig);
            match a.format {
                Format::Text => out!("{}", explain::feasibility_text(lang, &case, &report)),
                Format::Json => json(explain::feasibility_json(lang, &case, &report)),
            }
            Ok(if report.ok() { 0 } else { 1 })
        }
    }
}
