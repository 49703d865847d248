//! The command line: glue between clap and the library. One file per
//! command (`check`, `explain`, `plan`, `whatif`, `gen`, `mdgp`, `convert`),
//! each a clap `Args` struct and a `run`; exit codes 0 success, 1 invalid or
//! infeasible, 2 bad input or usage.

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

/// A line on stderr; a closed stderr is no reason to stop (nor to panic).
macro_rules! errln {
    ($($t:tt)*) => { $crate::cli::write_stderr(format_args!("{}\n", format_args!($($t)*))) };
}

mod check;
mod convert;
mod explain;
mod gen;
mod help;
mod import;
mod mdgp;
mod plan;
mod review;
mod serve;
mod template;
mod whatif;

use crate::error::{InputErrors, InputWarning};
use crate::explain::{input, Lang};
use crate::io::load_case;
use crate::model::Case;
use clap::{Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::path::Path;
use std::process::ExitCode;

/// Forms cross-inspection groups (交叉巡察组) from an inspection talent pool.
#[derive(Debug, Parser)]
#[command(name = "xuncha", version, about, long_about = None)]
pub struct Cli {
    /// The language of what is printed: zh (中文) or en; by default the
    /// system's (a Chinese locale or Windows display language: zh).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// `--lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// 中文.
    Zh,
    /// English.
    En,
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
    Check(check::Args),
    /// Who may go where and why not; with no option, a feasibility report
    /// (exit 1 when some group cannot be staffed whatever happens).
    Explain(explain::Args),
    /// Proposes a plan: prints it as a table and writes it (csv, json or xlsx).
    /// Exit 1 when the round cannot be staffed, with why.
    Plan(plan::Args),
    /// Solves a Maximally Diverse Grouping Problem instance (MDGPLIB format)
    /// with the planner's search core; prints the objective.
    Mdgp(mdgp::Args),
    /// Writes a synthetic case of any size (a directory of CSV files and
    /// round.toml), deterministic by seed.
    Gen(gen::Args),
    /// What-if staffing analysis: variants of the case side by side
    /// (--scenario), how many more groups the pool could staff (--capacity),
    /// or whose absence hurts the round most (--critical).
    Whatif(whatif::Args),
    /// Converts a case: a directory to one .xlsx workbook, or a workbook to a directory.
    Convert(convert::Args),
    /// Turns a talent-pool roster (花名册) into a case, with a report of every assumption.
    Import(import::Args),
    /// Writes an empty case workbook to fill in (Chinese headers, 说明, drop-downs).
    Template(template::Args),
    /// Who could take a person's place in a plan (someone left out, or a
    /// swap with another group), ranked by the score change term by term,
    /// with the rule that refuses the best refused ones.
    Replace(review::ReplaceArgs),
    /// Who moved between two plans of a case, and both scores term by term
    /// (exit 1 when they differ).
    Diff(review::DiffArgs),
    /// A review page on this computer (127.0.0.1): the round's groups, moves
    /// checked by the rules, who could replace whom, locks and re-plan, save.
    Serve(serve::Args),
}

/// A number of seconds > 0 (`--time-limit`).
fn positive_seconds(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(t) if t > 0.0 && t.is_finite() => Ok(t),
        _ => Err(format!("{s:?} is not a positive number of seconds")),
    }
}

/// A whole number ≥ 1 (`--iterations`, `--threads`, `--searches`).
fn at_least_one(s: &str) -> Result<u64, String> {
    match s.trim().parse::<u64>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!("{s:?} is not a whole number of at least 1")),
    }
}

/// [`at_least_one`] as a `usize`.
fn at_least_one_usize(s: &str) -> Result<usize, String> {
    at_least_one(s).map(|n| n as usize)
}

/// Set once stdout is found closed: nothing more is written to it, and the
/// command still ends with its own exit code (a `check` piped into `head`
/// still says 1 for a broken rule).
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Writes to stdout. On a closed pipe the reader has what it wanted: the
/// rest of the output is dropped and the run goes on to its exit code; on
/// another failure, exit 2 with the reason.
pub fn write_stdout(args: std::fmt::Arguments) {
    use std::io::Write;
    use std::sync::atomic::Ordering;
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|_| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
            return;
        }
        write_stderr(format_args!("error: cannot write the output: {e}\n"));
        std::process::exit(2);
    }
}

/// Writes to stderr, ignoring a closed stderr.
pub fn write_stderr(args: std::fmt::Arguments) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = err.write_fmt(args).and_then(|_| err.flush());
}

/// Runs the command line and gives the exit code.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    use clap::{CommandFactory, FromArgMatches};
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let cmd = help::localized(Cli::command(), help::lang_of_args(&args));
    let parsed = cmd
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let lang = cli.language();
    match execute(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if let Some(errs) = e.downcast_ref::<InputErrors>() {
                let text = input::render_errors(lang, errs);
                let text = text.trim_end().to_string();
                errln!("{}", input::line(lang, "cli-error", text));
            } else if let Some(err) = e.downcast_ref::<crate::error::InputError>() {
                let text = input::render_error(lang, err);
                errln!("{}", input::line(lang, "cli-error", text));
            } else {
                errln!("{}", input::line(lang, "cli-error", format!("{e:#}")));
            }
            ExitCode::from(2)
        }
    }
}

impl Cli {
    /// The language of what is printed.
    pub fn language(&self) -> Lang {
        match self.lang {
            Some(LangArg::Zh) => Lang::Zh,
            Some(LangArg::En) => Lang::En,
            None => Lang::system(),
        }
    }
}

/// Runs a parsed command; `Ok(code)` is 0 or 1.
pub fn execute(cli: Cli) -> anyhow::Result<u8> {
    let lang = cli.language();
    match cli.command {
        Command::Check(a) => check::run(a, lang),
        Command::Replace(a) => review::run_replace(a, lang),
        Command::Diff(a) => review::run_diff(a, lang),
        Command::Serve(a) => serve::run(a, lang),
        Command::Explain(a) => explain::run(a, lang),
        Command::Plan(a) => plan::run(a, lang),
        Command::Mdgp(a) => mdgp::run(a),
        Command::Gen(a) => gen::run(a, lang),
        Command::Whatif(a) => whatif::run(a, lang),
        Command::Convert(a) => convert::run(a, lang),
        Command::Template(a) => template::run(a, lang),
        Command::Import(a) => import::run(a, lang),
    }
}

/// Loads a case and names on stderr what the reader noticed (a sheet not
/// read, a 籍贯 matching no region, …), also when the case has errors.
fn load(lang: Lang, path: &Path) -> anyhow::Result<Case> {
    match load_case(path) {
        Ok(case) => {
            print_warnings(lang, &case.warnings);
            Ok(case)
        }
        Err(e) => {
            print_warnings(lang, &e.warnings);
            Err(e.into())
        }
    }
}

/// Each warning on stderr, in `lang`.
fn print_warnings(lang: Lang, ws: &[InputWarning]) {
    for w in ws {
        errln!(
            "{}",
            input::line(lang, "cli-warning", input::render_warning(lang, w))
        );
    }
}

fn print_json(v: &serde_json::Value) {
    outln!(
        "{}",
        serde_json::to_string_pretty(v).expect("JSON values serialize")
    );
}

/// `v` with the case's warnings beside it (`warnings`), when it is an object.
fn with_warnings(lang: Lang, mut v: serde_json::Value, ws: &[InputWarning]) -> serde_json::Value {
    if let Some(o) = v.as_object_mut() {
        o.insert("warnings".into(), input::warnings_json(lang, ws));
    }
    v
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
