//! `xuncha replace CASE --plan P --person X` and `xuncha diff CASE A B`:
//! the answers a review of a plan needs.

use super::{load, print_json, print_warnings, Format};
use crate::constraints::Eligibility;
use crate::explain::{self, Lang};
use crate::io::read_plan;
use crate::model::{Case, PersonId};
use crate::solve::ScoreModel;
use std::path::{Path, PathBuf};

/// `replace`.
#[derive(Debug, clap::Args)]
pub struct ReplaceArgs {
    /// The case: a directory of CSV files with round.toml, or an .xlsx workbook.
    case: PathBuf,
    /// The plan (plan.csv or plan.json).
    #[arg(long)]
    plan: PathBuf,
    /// The person to replace, by id or by name (a name must be unique).
    #[arg(long)]
    person: String,
    /// How many alternatives to show, allowed and refused each.
    #[arg(long, default_value_t = 10, value_parser = super::at_least_one_usize)]
    top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// `diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The case both plans are of.
    case: PathBuf,
    /// The first plan.
    a: PathBuf,
    /// The second plan.
    b: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// A person by id, or by a name only they have.
fn person(case: &Case, who: &str) -> anyhow::Result<PersonId> {
    if let Some(p) = case.person_by_id(who.trim()) {
        return Ok(p);
    }
    let named: Vec<PersonId> = case
        .person_ids()
        .filter(|&p| case.person(p).name == who.trim())
        .collect();
    match named.as_slice() {
        [p] => Ok(*p),
        [] => anyhow::bail!("--person {who}: no person has this id or name"),
        _ => anyhow::bail!(
            "--person {who}: several people have this name: {}; give the id",
            named
                .iter()
                .map(|&p| case.person_label(p))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn plan_of(lang: Lang, case: &Case, path: &Path) -> anyhow::Result<crate::model::Plan> {
    let read = read_plan(case, path)?;
    print_warnings(lang, &read.warnings);
    Ok(read.plan)
}

/// Exit 0 with the alternatives ranked (none is an answer too).
pub fn run_replace(a: ReplaceArgs, lang: Lang) -> anyhow::Result<u8> {
    let case = load(lang, &a.case)?;
    let plan = plan_of(lang, &case, &a.plan)?;
    let who = person(&case, &a.person)?;
    let elig = Eligibility::build(&case);
    let model = ScoreModel::new(&case, &elig, None);
    let r = crate::review::replacements(&case, &elig, &model, &plan, who, a.top);
    match a.format {
        Format::Text => out!("{}", explain::replace_text(lang, &case, &model, &r)),
        Format::Json => print_json(&explain::replace_json(lang, &case, &model, &r)),
    }
    Ok(0)
}

/// Exit 0 when the plans place everyone alike, 1 when they differ.
pub fn run_diff(a: DiffArgs, lang: Lang) -> anyhow::Result<u8> {
    let case = load(lang, &a.case)?;
    let pa = plan_of(lang, &case, &a.a)?;
    let pb = plan_of(lang, &case, &a.b)?;
    let elig = Eligibility::build(&case);
    let (d, model) = crate::review::diff(&case, &elig, &pa, &pb);
    match a.format {
        Format::Text => {
            let names = [a.a.display().to_string(), a.b.display().to_string()];
            out!(
                "{}",
                explain::diff_text(lang, &case, &model, &d, [&names[0], &names[1]])
            )
        }
        Format::Json => print_json(&explain::diff_json(&case, &model, &d)),
    }
    Ok(if d.changes.is_empty() { 0 } else { 1 })
}
