//! `xuncha whatif CASE --scenario F | --capacity | --critical`.

use super::{
    at_least_one, at_least_one_usize, load, print_json, print_warnings, thread_pool, with_progress,
    with_warnings, Format,
};
use crate::explain::Lang;
use crate::io::read_plan;
use crate::model::Case;
use crate::validate::check_plan;
use std::path::{Path, PathBuf};

/// `whatif`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("question").required(true).args(["scenario", "capacity", "critical"])))]
pub struct Args {
    /// The case: a directory of CSV files with round.toml, or an .xlsx workbook.
    case: PathBuf,
    /// A scenario file (TOML, [[variant]] tables): each variant solved
    /// against the base plan.
    #[arg(long)]
    scenario: Option<PathBuf>,
    /// How many more groups of the round's kind the pool could staff,
    /// and what runs out first.
    #[arg(long)]
    capacity: bool,
    /// The people of the base plan whose absence makes the round
    /// infeasible or clearly worse, ranked.
    #[arg(long)]
    critical: bool,
    /// With --critical: how many people to list.
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// With --scenario or --critical: the base plan (csv or json, e.g. the
    /// plan already approved) instead of solving the base case.
    #[arg(long, conflicts_with = "capacity")]
    base_plan: Option<PathBuf>,
    /// With --scenario: also write the comparison, as a printable
    /// workbook (.xlsx: sheets 对比 and 变动) or as JSON (.json).
    #[arg(long, requires = "scenario")]
    out: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Seed of every solve; the report is the same for the same seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Moves per search of each solve (default: as plan).
    #[arg(long, value_parser = at_least_one)]
    iterations: Option<u64>,
    /// Independent searches per solve.
    #[arg(long, default_value_t = 4, value_parser = at_least_one_usize)]
    searches: usize,
    /// Threads (default: all cores). The report does not depend on it.
    #[arg(long, value_parser = at_least_one_usize)]
    threads: Option<usize>,
}

/// Exit 0 with the report.
pub fn run(a: Args, lang: Lang) -> anyhow::Result<u8> {
    let settings = crate::whatif::Settings {
        seed: a.seed,
        iterations: a.iterations,
        searches: a.searches,
        lang,
    };
    thread_pool(a.threads)?.install(|| run_whatif(&a, &settings, lang))
}

fn run_whatif(a: &Args, settings: &crate::whatif::Settings, lang: Lang) -> anyhow::Result<u8> {
    use crate::explain::whatif as report;
    use crate::whatif;
    let (case_path, scenario, capacity, critical, top) = (
        a.case.as_path(),
        a.scenario.as_deref(),
        a.capacity,
        a.critical,
        a.top,
    );
    let (base_plan, out, format): (Option<&Path>, Option<&Path>, Format) =
        (a.base_plan.as_deref(), a.out.as_deref(), a.format);
    // a given base plan must keep every rule: it is what the variants are compared with
    let given = |case: &Case| -> anyhow::Result<Option<crate::model::Plan>> {
        let Some(path) = base_plan else {
            return Ok(None);
        };
        let read = read_plan(case, path)?;
        print_warnings(lang, &read.warnings);
        let violations = check_plan(case, &read.plan);
        if !violations.is_empty() {
            anyhow::bail!(
                "the base plan {} breaks {} rule(s), first: {}; see xuncha check CASE --plan {}",
                path.display(),
                violations.len(),
                crate::explain::cause_text(Lang::En, case, &violations[0].cause),
                path.display()
            );
        }
        Ok(Some(read.plan))
    };
    if let Some(path) = scenario {
        let out_kind = match out {
            None => None,
            Some(o) => match o.extension().and_then(|e| e.to_str()) {
                Some(e) if e.eq_ignore_ascii_case("xlsx") => Some(true),
                Some(e) if e.eq_ignore_ascii_case("json") => Some(false),
                _ => anyhow::bail!(
                    "--out {}: write the comparison as .xlsx or .json",
                    o.display()
                ),
            },
        };
        // the scenario first: a mistake in it is named before the case is solved
        let scenario = whatif::scenario::read_scenario(path)?;
        let sheets = crate::io::case::read_case_sheets(case_path)?;
        let base = match crate::io::case::build_case(sheets.clone()) {
            Ok(b) => b,
            Err(e) => {
                print_warnings(lang, &e.warnings);
                return Err(e.into());
            }
        };
        print_warnings(lang, &base.warnings);
        let plan = given(&base)?;
        let cases = whatif::run_scenario(&sheets, &base, &scenario, plan.as_ref(), settings)?;
        // what a variant's own input (add_people) gave rise to, said once
        let own: Vec<_> = cases
            .iter()
            .flat_map(|c| &c.case.warnings)
            .filter(|w| !base.warnings.contains(w))
            .cloned()
            .collect();
        print_warnings(lang, &own);
        // each case's warnings beside it in the array
        let mut json = report::scenario_json(lang, &cases);
        if let Some(a) = json.as_array_mut() {
            for (x, c) in a.iter_mut().zip(&cases) {
                *x = with_warnings(lang, x.take(), &c.case.warnings);
            }
        }
        match format {
            Format::Text => out!("{}", report::scenario_text(lang, &cases, settings)),
            Format::Json => print_json(&json),
        }
        if let (Some(o), Some(xlsx)) = (out, out_kind) {
            let bytes = if xlsx {
                report::scenario_xlsx(lang, &cases)?
            } else {
                let mut b = serde_json::to_vec_pretty(&json)?;
                b.push(b'\n');
                b
            };
            crate::io::workbook::write_atomic(o, &bytes)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", o.display()))?;
            errln!(
                "{}",
                crate::explain::i18n::tr(
                    lang,
                    "cli-wrote",
                    &crate::explain::i18n::Args::new().s("out", o.display().to_string())
                )
            );
        }
    } else if capacity {
        let case = load(lang, case_path)?;
        let c = whatif::capacity::capacity(&case, settings);
        match format {
            Format::Text => out!(
                "{}",
                report::capacity_text(lang, &case, &case_path.display().to_string(), &c, settings)
            ),
            Format::Json => print_json(&with_warnings(
                lang,
                report::capacity_json(&c),
                &case.warnings,
            )),
        }
    } else if critical {
        let case = load(lang, case_path)?;
        let plan = given(&case)?;
        let progress = crate::solve::engine::Progress::default();
        let c = with_progress(true, "re-plans done", None, &progress, || {
            whatif::critical::critical(&case, plan.as_ref(), settings, Some(&progress))
        });
        match format {
            Format::Text => out!(
                "{}",
                report::critical_text(
                    lang,
                    &case,
                    &case_path.display().to_string(),
                    &c,
                    settings,
                    top
                )
            ),
            Format::Json => print_json(&with_warnings(
                lang,
                report::critical_json(&c),
                &case.warnings,
            )),
        }
    }
    Ok(0)
}
