//! `xuncha check CASE --plan P`: every broken rule with its facts.

use super::{load, print_json, print_warnings, Format};
use crate::error::InputWarning;
use crate::explain::{self, Lang};
use crate::io::read_plan;
use crate::validate::check_plan;
use std::path::PathBuf;

/// `check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The case: a directory of CSV files with round.toml, or an .xlsx workbook.
    case: PathBuf,
    /// The plan to check (plan.csv or plan.json).
    #[arg(long)]
    plan: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Exit 0 valid, 1 a rule broken or a warning that could hide one.
pub fn run(a: Args, lang: Lang) -> anyhow::Result<u8> {
    let case = load(lang, &a.case)?;
    let read = read_plan(&case, &a.plan)?;
    let violations = check_plan(&case, &read.plan);
    let placed: usize = read.plan.groups.iter().map(|g| g.members.len()).sum();
    let warnings: Vec<InputWarning> = case
        .warnings
        .iter()
        .chain(&read.warnings)
        .cloned()
        .collect();
    let hiding: Vec<&InputWarning> = warnings.iter().filter(|w| w.hides_rule).collect();
    match a.format {
        Format::Text => {
            print_warnings(lang, &read.warnings);
            out!(
                "{}",
                explain::violations_text(
                    lang,
                    &case,
                    &a.plan.display().to_string(),
                    placed,
                    &violations,
                    &hiding,
                )
            );
        }
        Format::Json => {
            // the plan's score term by term and the groups' means, for a review
            let elig = crate::constraints::Eligibility::build(&case);
            let model = crate::solve::ScoreModel::new(&case, &elig, None);
            let mut json = explain::check_json(lang, &case, &violations, &warnings);
            json["score"] =
                serde_json::to_value(crate::review::score_report(&case, &model, &read.plan))?;
            print_json(&json)
        }
    }
    Ok(if violations.is_empty() && hiding.is_empty() {
        0
    } else {
        1
    })
}
