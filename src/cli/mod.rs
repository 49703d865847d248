//! The command line: clap structs, the commands, and exit codes
//! (0 success, 1 invalid or infeasible, 2 bad input or usage).

/// Writes to stdout; a closed pipe (`xuncha explain … | head`) ends the run
/// quietly (exit 0), any other failure to write is an error (exit 2).
macro_rules! out {
    ($($t:tt)*) => { $crate::cli::write_stdout(format_args!($($t)*)) };
}

/// [`out!`] with a line end.
macro_rules! outln {
    () => { $crate::cli::write_stdout(format_args!("\n")) };
    ($($t:tt)*) => { $crate::cli::write_stdout(format_args!("{}\n", format_args!($($t)*))) };
}

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
    /// For people (also `table`, as SPEC §6 writes it for `whatif`).
    #[value(alias = "table")]
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
    /// Proposes a plan: prints it as a table and writes it (csv, json or xlsx).
    /// Exit 1 when the round cannot be staffed, with why.
    Plan {
        /// The case: a directory of CSV files with round.toml, or an .xlsx workbook.
        case: PathBuf,
        /// Write the plan here; the format follows the extension (.csv, .json, .xlsx).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Seed of the search; the same seed and --iterations give the same plan.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Threads (default: all cores). The plan does not depend on it.
        #[arg(long)]
        threads: Option<usize>,
        /// Moves per search (a work budget: reproducible). Default: by the round's size.
        #[arg(long)]
        iterations: Option<u64>,
        /// Stop after this many seconds with the best plan so far (not reproducible).
        #[arg(long)]
        time_limit: Option<f64>,
        /// Independent searches run in parallel.
        #[arg(long, default_value_t = 4)]
        searches: usize,
        /// A previous plan: moving people away from it costs `stability` per person.
        #[arg(long)]
        baseline: Option<PathBuf>,
        /// Also solve exactly (MILP) and prove the optimum or give the gap
        /// (in what is left of --time-limit, else 60 s).
        #[arg(long)]
        exact: bool,
        /// Staff the groups that can be staffed; say why the others are left empty.
        #[arg(long)]
        allow_partial: bool,
        /// No table on stdout and no progress bar; errors and the exit code only.
        #[arg(long)]
        quiet: bool,
    },
    /// Solves a Maximally Diverse Grouping Problem instance (MDGPLIB format)
    /// with the planner's search core; prints the objective.
    Mdgp {
        /// The instance file.
        file: PathBuf,
        /// Stop after this many seconds (default: a fixed budget of moves).
        #[arg(long)]
        time_limit: Option<f64>,
        /// Moves per search (reproducible); default 2,000,000 unless --time-limit.
        #[arg(long)]
        iterations: Option<u64>,
        /// Seed of the search.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Threads (default: all cores). The result does not depend on it.
        #[arg(long)]
        threads: Option<usize>,
        /// Independent searches run in parallel (give as many as threads
        /// with --time-limit: they share the clock).
        #[arg(long, default_value_t = 2)]
        searches: usize,
        /// Write the solution here: line i holds the group (0-based) of element i.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Writes a synthetic case of any size (a directory of CSV files and
    /// round.toml), deterministic by seed.
    Gen {
        /// People in the pool.
        #[arg(long)]
        people: usize,
        /// Groups in the round (3 targets each).
        #[arg(long)]
        groups: usize,
        /// Seed: the same seed gives the same files.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Leaders and auditors scarce (at most two per group of each).
        #[arg(long)]
        tight: bool,
        /// Plant a starved group (for tests): every leader declares a
        /// conflict with a target of the first group.
        #[arg(long)]
        infeasible: bool,
        /// The directory to write (created if missing).
        #[arg(long)]
        out: PathBuf,
    },
    /// What-if staffing analysis: variants of the case side by side
    /// (--scenario), how many more groups the pool could staff (--capacity),
    /// or whose absence hurts the round most (--critical).
    #[command(group(clap::ArgGroup::new("question").required(true).args(["scenario", "capacity", "critical"])))]
    Whatif {
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
        #[arg(long)]
        iterations: Option<u64>,
        /// Independent searches per solve.
        #[arg(long, default_value_t = 4)]
        searches: usize,
        /// Threads (default: all cores). The report does not depend on it.
        #[arg(long)]
        threads: Option<usize>,
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

/// Writes to stdout: on a closed pipe the reader has what it wanted, so the
/// run ends quietly with exit 0; on another failure, exit 2 with the reason.
pub fn write_stdout(args: std::fmt::Arguments) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|_| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write the output: {e}");
        std::process::exit(2);
    }
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

/// Loads a case and names on stderr what the reader noticed (a sheet not
/// read, a 籍贯 matching no region, …), also when the case has errors.
fn load(path: &Path) -> anyhow::Result<Case> {
    match load_case(path) {
        Ok(case) => {
            print_warnings(&case.warnings);
            Ok(case)
        }
        Err(e) => {
            print_warnings(&e.warnings);
            Err(e.into())
        }
    }
}

fn print_warnings(ws: &[crate::error::InputWarning]) {
    for w in ws {
        eprintln!("warning: {w}");
    }
}

fn print_json(v: &serde_json::Value) {
    outln!(
        "{}",
        serde_json::to_string_pretty(v).expect("JSON values serialize")
    );
}

/// `v` with the case's warnings beside it (`warnings`), when it is an object.
fn with_warnings(mut v: serde_json::Value, ws: &[crate::error::InputWarning]) -> serde_json::Value {
    if let Some(o) = v.as_object_mut() {
        o.insert("warnings".into(), json!(ws));
    }
    v
}

/// Runs a parsed command; `Ok(code)` is 0 or 1.
pub fn execute(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Check { case, plan, format } => {
            let case = load(&case)?;
            let read = read_plan(&case, &plan)?;
            let violations = check_plan(&case, &read.plan);
            let placed: usize = read.plan.groups.iter().map(|g| g.members.len()).sum();
            let warnings: Vec<crate::error::InputWarning> = case
                .warnings
                .iter()
                .chain(&read.warnings)
                .cloned()
                .collect();
            let hiding: Vec<&crate::error::InputWarning> =
                warnings.iter().filter(|w| w.hides_rule).collect();
            match format {
                Format::Text => {
                    print_warnings(&read.warnings);
                    out!(
                        "{}",
                        explain::violations_text(
                            &case,
                            &plan.display().to_string(),
                            placed,
                            &violations,
                            &hiding,
                        )
                    );
                }
                Format::Json => print_json(&check_json(&violations, &warnings)),
            }
            Ok(if violations.is_empty() && hiding.is_empty() {
                0
            } else {
                1
            })
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
                        Format::Text => out!("{}", explain::person_target_text(&case, p, t)),
                        Format::Json => {
                            let bs = crate::constraints::blockers_for_targets(&case, p, &[t]);
                            print_json(&with_warnings(
                                json!({
                                    "person": case.person(p).id,
                                    "target": case.unit(t).id,
                                    "allowed": bs.is_empty(),
                                    "drawable": case.drawable(p),
                                    "reasons": bs.iter().map(|b| reason_json(&case, b, None)).collect::<Vec<_>>(),
                                }),
                                &case.warnings,
                            ))
                        }
                    }
                    Ok(0)
                }
                (Some(p), None, None) => {
                    let p = find_person(&p)?;
                    match format {
                        Format::Text => out!("{}", explain::person_text(&case, &elig, p)),
                        Format::Json => {
                            print_json(&with_warnings(person_json(&case, &elig, p), &case.warnings))
                        }
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
                        Format::Text => out!("{}", explain::group_text(&case, &elig, gid)),
                        Format::Json => print_json(&with_warnings(
                            group_json(&case, &elig, gid),
                            &case.warnings,
                        )),
                    }
                    Ok(0)
                }
                (Some(_), Some(_), _) => {
                    anyhow::bail!("give --person alone, --person with --target, or --group alone")
                }
                (None, None, None) => {
                    let report = feasibility::analyse(&case, &elig);
                    match format {
                        Format::Text => out!("{}", explain::feasibility_text(&case, &report)),
                        Format::Json => print_json(&with_warnings(
                            serde_json::to_value(&report)?,
                            &case.warnings,
                        )),
                    }
                    Ok(if report.ok() { 0 } else { 1 })
                }
                _ => unreachable!("all combinations handled"),
            }
        }
        Command::Plan {
            case: case_path,
            out,
            seed,
            threads,
            iterations,
            time_limit,
            searches,
            baseline,
            exact,
            allow_partial,
            quiet,
        } => {
            let opts = PlanArgs {
                case_path,
                out,
                seed,
                iterations,
                time_limit,
                searches,
                baseline,
                exact,
                allow_partial,
                quiet,
            };
            thread_pool(threads)?.install(|| run_plan(opts))
        }
        Command::Mdgp {
            file,
            time_limit,
            iterations,
            seed,
            threads,
            searches,
            out,
        } => thread_pool(threads)?.install(|| {
            run_mdgp(
                &file,
                time_limit,
                iterations,
                seed,
                searches.max(1),
                out.as_deref(),
            )
        }),
        Command::Gen {
            people,
            groups,
            seed,
            tight,
            infeasible,
            out,
        } => run_gen(people, groups, seed, tight, infeasible, &out),
        Command::Whatif {
            case,
            scenario,
            capacity,
            critical,
            top,
            base_plan,
            out,
            format,
            seed,
            iterations,
            searches,
            threads,
        } => {
            if iterations == Some(0) {
                anyhow::bail!("--iterations must be at least 1");
            }
            let settings = crate::whatif::Settings {
                seed,
                iterations,
                searches: searches.max(1),
            };
            let pool = thread_pool(threads)?;
            pool.install(|| {
                run_whatif(WhatifArgs {
                    case_path: &case,
                    scenario: scenario.as_deref(),
                    capacity,
                    critical,
                    top,
                    base_plan: base_plan.as_deref(),
                    out: out.as_deref(),
                    format,
                    settings: &settings,
                })
            })
        }
        Command::Convert { case, out } => {
            crate::io::workbook::case_to_workbook(&case, &out)?;
            eprintln!("wrote {}", out.display());
            Ok(0)
        }
    }
}

/// `valid` only when no rule is broken and no warning could hide one;
/// `rules_kept` when no rule is broken.
fn check_json(vs: &[Violation], warnings: &[crate::error::InputWarning]) -> serde_json::Value {
    let mut per_rule: BTreeMap<&'static str, usize> = BTreeMap::new();
    for v in vs {
        *per_rule.entry(v.rule.as_str()).or_default() += 1;
    }
    json!({
        "valid": vs.is_empty() && !warnings.iter().any(|w| w.hides_rule),
        "rules_kept": vs.is_empty(),
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

/// Seconds given to `--exact` without `--time-limit`.
const EXACT_DEFAULT_LIMIT_SECS: u64 = 60;

struct PlanArgs {
    case_path: PathBuf,
    out: Option<PathBuf>,
    seed: u64,
    iterations: Option<u64>,
    time_limit: Option<f64>,
    searches: usize,
    baseline: Option<PathBuf>,
    exact: bool,
    allow_partial: bool,
    quiet: bool,
}

/// Shows a progress bar on stderr while `work` runs, if stderr is a terminal
/// and the run lasts longer than a moment.
fn with_progress<T: Send>(
    show: bool,
    unit: &str,
    total: Option<u64>,
    progress: &crate::solve::engine::Progress,
    work: impl FnOnce() -> T + Send,
) -> T {
    use indicatif::{ProgressBar, ProgressStyle};
    use std::io::IsTerminal;
    use std::sync::atomic::{AtomicBool, Ordering};
    if !show || !std::io::stderr().is_terminal() {
        return work();
    }
    let done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let start = std::time::Instant::now();
            let mut bar: Option<ProgressBar> = None;
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(std::time::Duration::from_millis(100));
                if bar.is_none() && start.elapsed() > std::time::Duration::from_millis(700) {
                    let b = match total {
                        Some(n) => ProgressBar::new(n).with_style(
                            ProgressStyle::with_template(&format!("{{elapsed_precise}} [{{bar:30}}] {{percent}}% {unit} {{human_pos}}/{{human_len}}"))
                                .expect("a valid template")
                                .progress_chars("=> "),
                        ),
                        None => ProgressBar::new_spinner().with_style(
                            ProgressStyle::with_template(&format!("{{elapsed_precise}} {{spinner}} {unit} {{human_pos}}"))
                                .expect("a valid template"),
                        ),
                    };
                    bar = Some(b);
                }
                if let Some(b) = &bar {
                    b.set_position(progress.moves.load(Ordering::Relaxed));
                }
            }
            if let Some(b) = bar {
                b.finish_and_clear();
            }
        });
        let r = work();
        done.store(true, Ordering::Relaxed);
        r
    })
}

fn run_plan(a: PlanArgs) -> anyhow::Result<u8> {
    use crate::solve::{engine::Progress, plan_heuristic, NoPlan, ScoreModel, SolveOptions};
    let case = load(&a.case_path)?;
    if let Some(out) = &a.out {
        // refuse an unknown format before solving, not after
        crate::io::output::plan_format(out)?;
    }
    if let Some(t) = a.time_limit {
        if !(t > 0.0 && t.is_finite()) {
            anyhow::bail!("--time-limit must be a positive number of seconds");
        }
    }
    if a.iterations == Some(0) {
        anyhow::bail!("--iterations must be at least 1");
    }
    let elig = Eligibility::build(&case);
    let baseline = match &a.baseline {
        Some(path) => {
            let read = read_plan(&case, path)?;
            for w in &read.warnings {
                eprintln!("warning: {w}");
            }
            Some(read.plan)
        }
        None => None,
    };
    let model = ScoreModel::new(&case, &elig, baseline.as_ref());
    let started = std::time::Instant::now();
    let opts = SolveOptions {
        seed: a.seed,
        // with --exact the heuristic keeps its budget of moves (the clock,
        // if any, only caps it) and the exact solve gets the rest of the time
        iterations: if a.exact {
            a.iterations
                .or(Some(crate::solve::default_iterations(&case)))
        } else {
            a.iterations
        },
        time_limit: a.time_limit.map(std::time::Duration::from_secs_f64),
        searches: a.searches.max(1),
        start: baseline.clone(),
        first_feasible: false,
        acceptance: crate::solve::engine::Acceptance::Annealing,
        exact_fallback: true,
        ..SolveOptions::default()
    };
    let progress = std::sync::Arc::new(Progress::default());
    {
        // Ctrl-C: the searches stop and the best plan so far is shown and
        // written; a second Ctrl-C quits at once, writing nothing
        let p = progress.clone();
        let _ = ctrlc::set_handler(move || {
            use std::sync::atomic::Ordering;
            if p.stop.swap(true, Ordering::SeqCst) {
                eprintln!("\ninterrupted again: quitting, nothing written");
                std::process::exit(130);
            }
            eprintln!(
                "\ninterrupted: keeping the best plan so far (Ctrl-C again to quit without it)"
            );
        });
    }
    let total = opts
        .moves_per_search(&case)
        .map(|n| n * opts.searches as u64);
    let result = with_progress(!a.quiet, "moves", total, &progress, || {
        plan_heuristic(
            &case,
            &elig,
            &model,
            &opts,
            a.allow_partial,
            Some(&*progress),
        )
    });
    let mut outcome = match result {
        Ok(o) => o,
        Err(NoPlan::Proven(report)) => {
            out!("{}", explain::feasibility_text(&case, &report));
            return Ok(1);
        }
        Err(NoPlan::NotFound(groups)) => {
            out!("{}", explain::not_found_text(&case, &groups, false));
            return Ok(1);
        }
        Err(NoPlan::ProvenByExact(groups)) => {
            out!("{}", explain::not_found_text(&case, &groups, true));
            return Ok(1);
        }
    };
    let interrupted = progress.stop.load(std::sync::atomic::Ordering::SeqCst);
    if a.exact && interrupted {
        eprintln!("--exact skipped: interrupted");
    }
    if a.exact && !interrupted {
        // what is left of --time-limit (at least a second), else a minute
        let limit = match opts.time_limit {
            Some(t) => t
                .saturating_sub(started.elapsed())
                .max(std::time::Duration::from_secs(1)),
            None => std::time::Duration::from_secs(EXACT_DEFAULT_LIMIT_SECS),
        };
        outcome = run_exact(&case, &elig, &model, outcome, Some(limit))?;
    }
    if !a.quiet {
        out!("{}", explain::plan_text(&case, &model, &outcome));
    }
    if let Some(out) = &a.out {
        let meta = crate::io::output::PlanMeta {
            version: env!("CARGO_PKG_VERSION").to_string(),
            inputs_sha256: crate::io::output::digest_inputs(&a.case_path, &case)?,
            case: a.case_path.display().to_string(),
        };
        crate::io::output::write_plan(&case, &model, &outcome, &meta, out)?;
        if !a.quiet {
            eprintln!("wrote {}", out.display());
        }
    }
    Ok(0)
}

/// The rayon pool of `--threads` (all cores when not given).
fn thread_pool(threads: Option<usize>) -> anyhow::Result<rayon::ThreadPool> {
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = threads {
        if n == 0 {
            anyhow::bail!("--threads must be at least 1");
        }
        pool = pool.num_threads(n);
    }
    Ok(pool.build()?)
}

/// People per group the generator needs at least (a pool to choose from).
const GEN_PEOPLE_PER_GROUP: usize = 12;

fn run_gen(
    people: usize,
    groups: usize,
    seed: u64,
    tight: bool,
    infeasible: bool,
    out: &std::path::Path,
) -> anyhow::Result<u8> {
    if groups == 0 {
        anyhow::bail!("--groups must be at least 1");
    }
    if people < GEN_PEOPLE_PER_GROUP * groups {
        anyhow::bail!(
            "--people {people} is too few for {groups} groups: give at least {} ({GEN_PEOPLE_PER_GROUP} per group)",
            GEN_PEOPLE_PER_GROUP * groups
        );
    }
    let started = std::time::Instant::now();
    // a staffable case (a plan was found), unless --infeasible
    let (case, draws) = match crate::gen::feasible_case(&crate::gen::GenOptions {
        tight,
        infeasible,
        ..crate::gen::GenOptions::new(people, groups, seed)
    }) {
        Ok(x) => x,
        Err(why) => {
            eprintln!("gen: {why}\ngive more people per group, or another seed (nothing written)");
            return Ok(1);
        }
    };
    crate::io::write_case::write_case_dir(&case, out)?;
    // read back as any case is, so that what was written is what a user loads
    let loaded = load(out)?;
    outln!(
        "wrote {}: {} people ({} in the leader pool), {} units in {} regions, {} groups; {:.2} s",
        out.display(),
        loaded.people.len(),
        loaded.people.iter().filter(|p| p.leader).count(),
        loaded.units.len(),
        loaded.regions.len(),
        loaded.round.groups.len(),
        started.elapsed().as_secs_f64()
    );
    if !infeasible {
        // feasible_case found a plan for it already
        outln!(
            "feasible: a plan keeping every rule was found{}",
            if draws > 1 {
                format!(" (draw {draws}: the earlier draws of this seed were not staffable)")
            } else {
                String::new()
            }
        );
        return Ok(0);
    }
    // --infeasible: the pre-solve report shows the planted cause
    let elig = Eligibility::build(&loaded);
    let report = crate::validate::feasibility::analyse(&loaded, &elig);
    if report.ok() {
        outln!("pre-solve report: every group can be staffed as far as it can tell");
        Ok(0)
    } else {
        out!("{}", explain::feasibility_text(&loaded, &report));
        Ok(1)
    }
}

struct WhatifArgs<'a> {
    case_path: &'a Path,
    scenario: Option<&'a Path>,
    capacity: bool,
    critical: bool,
    top: usize,
    base_plan: Option<&'a Path>,
    out: Option<&'a Path>,
    format: Format,
    settings: &'a crate::whatif::Settings,
}

fn run_whatif(a: WhatifArgs) -> anyhow::Result<u8> {
    use crate::whatif::{self, report};
    let WhatifArgs {
        case_path,
        scenario,
        capacity,
        critical,
        top,
        base_plan,
        out,
        format,
        settings,
    } = a;
    // a given base plan must keep every rule: it is what the variants are compared with
    let given = |case: &Case| -> anyhow::Result<Option<crate::model::Plan>> {
        let Some(path) = base_plan else {
            return Ok(None);
        };
        let read = read_plan(case, path)?;
        for w in &read.warnings {
            eprintln!("warning: {w}");
        }
        let violations = check_plan(case, &read.plan);
        if !violations.is_empty() {
            anyhow::bail!(
                "the base plan {} breaks {} rule(s), first: {}; see xuncha check CASE --plan {}",
                path.display(),
                violations.len(),
                violations[0].message,
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
                print_warnings(&e.warnings);
                return Err(e.into());
            }
        };
        print_warnings(&base.warnings);
        let plan = given(&base)?;
        let cases = whatif::run_scenario(&sheets, &base, &scenario, plan.as_ref(), settings)?;
        // the case's warnings beside each case of the array
        let mut json = report::scenario_json(&cases);
        if let Some(a) = json.as_array_mut() {
            for x in a {
                *x = with_warnings(x.take(), &base.warnings);
            }
        }
        match format {
            Format::Text => out!("{}", report::scenario_text(&cases, settings)),
            Format::Json => print_json(&json),
        }
        if let (Some(o), Some(xlsx)) = (out, out_kind) {
            let bytes = if xlsx {
                report::scenario_xlsx(&cases)?
            } else {
                let mut b = serde_json::to_vec_pretty(&json)?;
                b.push(b'\n');
                b
            };
            crate::io::workbook::write_atomic(o, &bytes)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", o.display()))?;
            eprintln!("wrote {}", o.display());
        }
    } else if capacity {
        let case = load(case_path)?;
        let c = whatif::capacity::capacity(&case, settings);
        match format {
            Format::Text => out!(
                "{}",
                report::capacity_text(&case, &case_path.display().to_string(), &c, settings)
            ),
            Format::Json => print_json(&with_warnings(report::capacity_json(&c), &case.warnings)),
        }
    } else if critical {
        let case = load(case_path)?;
        let plan = given(&case)?;
        let progress = crate::solve::engine::Progress::default();
        let c = with_progress(true, "re-plans done", None, &progress, || {
            whatif::critical::critical(&case, plan.as_ref(), settings, Some(&progress))
        });
        match format {
            Format::Text => out!(
                "{}",
                report::critical_text(&case, &case_path.display().to_string(), &c, settings, top)
            ),
            Format::Json => print_json(&with_warnings(report::critical_json(&c), &case.warnings)),
        }
    }
    Ok(0)
}

/// Moves per search of `mdgp` when neither a budget nor a time limit is given.
const MDGP_DEFAULT_MOVES: u64 = 2_000_000;

fn run_mdgp(
    file: &std::path::Path,
    time_limit: Option<f64>,
    iterations: Option<u64>,
    seed: u64,
    searches: usize,
    out: Option<&std::path::Path>,
) -> anyhow::Result<u8> {
    if let Some(t) = time_limit {
        if !(t > 0.0 && t.is_finite()) {
            anyhow::bail!("--time-limit must be a positive number of seconds");
        }
    }
    if iterations == Some(0) {
        anyhow::bail!("--iterations must be at least 1");
    }
    let started = std::time::Instant::now();
    let inst = crate::mdgp::read_instance(file)?;
    let budget = crate::solve::Budget::since(
        started,
        iterations.or(time_limit.is_none().then_some(MDGP_DEFAULT_MOVES)),
        time_limit.map(std::time::Duration::from_secs_f64),
    );
    let (found, objective, moves) =
        crate::mdgp::solve(&inst, searches, seed, &budget, &Default::default());
    outln!("{objective:.3}");
    eprintln!(
        "n {} · m {} · seed {seed} · {searches} searches · {moves} moves · {:.2} s",
        inst.n,
        inst.m,
        started.elapsed().as_secs_f64()
    );
    if let Some(out) = out {
        let mut text = String::with_capacity(4 * inst.n);
        for g in &found.solution {
            text.push_str(&g.to_string());
            text.push('\n');
        }
        crate::io::workbook::write_atomic(out, text.as_bytes())
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", out.display()))?;
    }
    Ok(0)
}

/// The exact solve, seeded with the heuristic's plan; keeps the better plan
/// and says how the exact solve ended.
fn run_exact(
    case: &Case,
    elig: &Eligibility,
    model: &crate::solve::ScoreModel,
    heuristic: crate::solve::Outcome,
    time_limit: Option<std::time::Duration>,
) -> anyhow::Result<crate::solve::Outcome> {
    use crate::solve::exact::{solve_exact, ExactOptions};
    use crate::solve::ExactStatus;
    let started = std::time::Instant::now();
    let r = solve_exact(
        case,
        elig,
        model,
        &ExactOptions {
            time_limit,
            warm_start: Some(heuristic.plan.clone()),
        },
    );
    let h_total = heuristic.score.total(model);
    let mut out = heuristic;
    let solver = format!("exact ({})", r.backend);
    let elapsed = out.elapsed + started.elapsed();
    match (r.status, r.plan) {
        (ExactStatus::Optimal, Some(plan)) => {
            let score = crate::solve::evaluate(case, model, &plan);
            let gap = score.total(model) - h_total;
            out.status = if gap.abs() <= 1e-6 {
                "optimal (the heuristic's plan is optimal)".into()
            } else {
                format!("optimal (the heuristic's plan was {:.4} worse)", -gap)
            };
            out.left_out = crate::solve::left_out(case, elig, &plan);
            out.plan = plan;
            out.score = score;
        }
        (ExactStatus::Feasible { gap_percent }, Some(plan)) => {
            let score = crate::solve::evaluate(case, model, &plan);
            if score.total(model) < h_total - 1e-9 {
                out.left_out = crate::solve::left_out(case, elig, &plan);
                out.plan = plan;
                out.score = score;
            }
            out.status = match gap_percent {
                Some(g) => format!("time limit, gap {g:.2} %"),
                None => "time limit, optimality not proven".into(),
            };
        }
        (ExactStatus::Infeasible, _) => {
            anyhow::bail!(
                "internal error: the exact model is infeasible but the heuristic found a plan"
            )
        }
        _ => {
            out.status =
                "time limit before the exact solve found a plan; the heuristic's plan is kept"
                    .into()
        }
    }
    let violations = check_plan(case, &out.plan);
    anyhow::ensure!(
        violations.is_empty(),
        "internal error: the exact plan breaks {:?}",
        violations
    );
    out.solver = solver;
    out.elapsed = elapsed;
    Ok(out)
}
