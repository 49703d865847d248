//! The command line: clap structs, the commands, and exit codes
//! (0 success, 1 invalid or infeasible, 2 bad input or usage).

use crate::constraints::{blockers, Eligibility, Violation};
use crate::error::InputErrors;
use crate::explain;
use crate::io::{load_case, read_plan};
use crate::model::{Case, RuleId};
use crate::validate::{check_plan, feasibility};
use clap::{Parser, Subcommand, ValueEnum};
use serde_json::json;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Forms cross-inspection groups (交叉巡察组) from an inspection talent pool.
#[derive(Debug, Parser)]
#[command(name = "xuncha", version, about, long_about = None)]
pub struct Cli {
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// For machines.
    Json,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Checks a plan (csv or json) against every hard rule; exit 1 if any is broken.
    Check {
        /// The case: a directory of CSV files with round.toml, or an .xlsx workbook.
        case: PathBuf,
        /// The plan to check (plan.csv or plan.json).
        #[arg(long)]
        plan: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Who may go where and why not; with no option, a feasibility report
    /// (exit 1 when some group cannot be staffed whatever happens).
    Explain {
        /// The case: a directory or an .xlsx workbook.
        case: PathBuf,
        /// A person id: where they may go, and why not elsewhere.
        #[arg(long)]
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
    },
    /// Writes a case directory as one .xlsx workbook with the same sheets.
    Convert {
        /// The case directory.
        case: PathBuf,
        /// The workbook to write.
        #[arg(long)]
        out: PathBuf,
    },
}

/// Runs the command line and gives the exit code.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match execute(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if let Some(errs) = e.downcast_ref::<InputErrors>() {
                eprint!("error: {errs}");
            } else {
                eprintln!("error: {e:#}");
            }
            ExitCode::from(2)
        }
    }
}

fn load(path: &Path) -> anyhow::Result<Case> {
    Ok(load_case(path)?)
}

fn print_json(v: &serde_json::Value) {
    println!(
        "{}",
        serde_json::to_string_pretty(v).expect("JSON values serialize")
    );
}

/// Runs a parsed command; `Ok(code)` is 0 or 1.
pub fn execute(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Check { case, plan, format } => {
            let case = load(&case)?;
            let read = read_plan(&case, &plan)?;
            let violations = check_plan(&case, &read.plan);
            let placed: usize = read.plan.groups.iter().map(|g| g.members.len()).sum();
            match format {
                Format::Text => {
                    for w in &read.warnings {
                        eprintln!("warning: {w}");
                    }
                    print!(
                        "{}",
                        explain::violations_text(
                            &case,
                            &plan.display().to_string(),
                            placed,
                            &violations
                        )
                    );
                }
                Format::Json => print_json(&check_json(&violations, &read.warnings)),
            }
            Ok(if violations.is_empty() { 0 } else { 1 })
        }
        Command::Explain {
            case,
            person,
            group,
            target,
            format,
        } => {
            let case = load(&case)?;
            let elig = Eligibility::build(&case);
            let find_person = |id: &str| {
                case.person_by_id(id)
                    .ok_or_else(|| anyhow::anyhow!("--person: no person {id} in the case"))
            };
            let find_unit = |id: &str| {
                case.unit_by_id(id)
                    .ok_or_else(|| anyhow::anyhow!("--target: no unit {id} in the case"))
            };
            match (person, group, target) {
                (Some(p), None, Some(t)) => {
                    let (p, t) = (find_person(&p)?, find_unit(&t)?);
                    match format {
                        Format::Text => print!("{}", explain::person_target_text(&case, p, t)),
                        Format::Json => {
                            let bs = crate::constraints::blockers_for_targets(&case, p, &[t]);
                            print_json(&json!({
                                "person": case.person(p).id,
                                "target": case.unit(t).id,
                                "allowed": bs.is_empty(),
                                "drawable": case.drawable(p),
                                "reasons": bs.iter().map(|b| reason_json(&case, b, None)).collect::<Vec<_>>(),
                            }))
                        }
                    }
                    Ok(0)
                }
                (Some(p), None, None) => {
                    let p = find_person(&p)?;
                    match format {
                        Format::Text => print!("{}", explain::person_text(&case, &elig, p)),
                        Format::Json => print_json(&person_json(&case, &elig, p)),
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
                    match format {
                        Format::Text => print!("{}", explain::group_text(&case, &elig, gid)),
                        Format::Json => print_json(&group_json(&case, &elig, gid)),
                    }
                    Ok(0)
                }
                (Some(_), Some(_), _) => {
                    anyhow::bail!("give --person alone, --person with --target, or --group alone")
                }
                (None, None, None) => {
                    let report = feasibility::analyse(&case, &elig);
                    match format {
                        Format::Text => print!("{}", explain::feasibility_text(&case, &report)),
                        Format::Json => print_json(&serde_json::to_value(&report)?),
                    }
                    Ok(if report.ok() { 0 } else { 1 })
                }
                _ => unreachable!("all combinations handled"),
            }
        }
        Command::Convert { case, out } => {
            crate::io::workbook::case_to_workbook(&case, &out)?;
            eprintln!("wrote {}", out.display());
            Ok(0)
        }
    }
}

fn check_json(vs: &[Violation], warnings: &[String]) -> serde_json::Value {
    let mut per_rule: BTreeMap<&'static str, usize> = BTreeMap::new();
    for v in vs {
        *per_rule.entry(v.rule.as_str()).or_default() += 1;
    }
    json!({
        "valid": vs.is_empty(),
        "violations": vs,
        "summary": per_rule,
        "warnings": warnings,
    })
}

fn reason_json(
    case: &Case,
    b: &crate::constraints::Blocker,
    g: Option<crate::model::GroupId>,
) -> serde_json::Value {
    json!({
        "rule": b.rule(),
        "reason": b.fact.reason(),
        "target": case.unit(b.target).id,
        "message": crate::constraints::describe(case, b, g),
    })
}

fn person_json(case: &Case, elig: &Eligibility, p: crate::model::PersonId) -> serde_json::Value {
    let mut blocked = serde_json::Map::new();
    for g in case.group_ids() {
        let bs = blockers(case, p, g);
        if !bs.is_empty() {
            blocked.insert(
                case.group(g).id.clone(),
                bs.iter().map(|b| reason_json(case, b, Some(g))).collect(),
            );
        }
    }
    json!({
        "person": case.person(p).id,
        "drawable": case.drawable(p),
        "allowed": elig.groups_of(p).map(|g| case.group(g).id.clone()).collect::<Vec<_>>(),
        "blocked": blocked,
    })
}

fn group_json(case: &Case, elig: &Eligibility, g: crate::model::GroupId) -> serde_json::Value {
    let mut eligible = Vec::new();
    let mut not = Vec::new();
    let mut per_rule: BTreeMap<RuleId, usize> = BTreeMap::new();
    for p in case.person_ids().filter(|&p| case.drawable(p)) {
        if elig.allowed(p, g) {
            eligible.push(case.person(p).id.clone());
        } else {
            let bs = blockers(case, p, g);
            let mut rules: Vec<RuleId> = bs.iter().map(|b| b.rule()).collect();
            rules.sort();
            rules.dedup();
            for r in &rules {
                *per_rule.entry(*r).or_default() += 1;
            }
            not.push(json!({
                "person": case.person(p).id,
                "reasons": bs.iter().map(|b| reason_json(case, b, Some(g))).collect::<Vec<_>>(),
            }));
        }
    }
    let leaders: Vec<&str> = case
        .person_ids()
        .filter(|&p| case.drawable(p) && case.person(p).leader && elig.allowed(p, g))
        .map(|p| case.person(p).id.as_str())
        .collect();
    let per_area: BTreeMap<&str, usize> = case
        .round
        .areas
        .iter()
        .enumerate()
        .map(|(k, a)| {
            (
                a.key.as_str(),
                case.person_ids()
                    .filter(|&p| {
                        case.drawable(p) && elig.allowed(p, g) && case.person(p).levels[k] >= 1
                    })
                    .count(),
            )
        })
        .collect();
    json!({
        "group": case.group(g).id,
        "eligible": eligible,
        "eligible_leaders": leaders,
        "eligible_per_area": per_area,
        "not_eligible_per_rule": per_rule,
        "not_eligible": not,
    })
}
