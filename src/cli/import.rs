//! `xuncha import ROSTER --out CASE`: a talent-pool roster as offices keep
//! it, turned into a case, with the import report.

use crate::explain::i18n::{tr, Args as Words};
use std::path::PathBuf;

/// Turns a roster (.xlsx or .csv; its round sheet 本轮巡察安排 too) into a
/// case and prints the import report, also written beside the case.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The roster: a workbook or a CSV file.
    roster: PathBuf,
    /// A mapping file (TOML): column names, ranks, keywords, unit names.
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// The case to write: a directory, or a workbook (.xlsx).
    #[arg(long)]
    out: PathBuf,
}

/// Runs `import`: exit 0 when a case was written, an error (exit 2) when
/// nothing usable was found.
pub fn run(a: Args, lang: crate::explain::Lang) -> anyhow::Result<u8> {
    let done = crate::io::import::import(&a.roster, a.mapping.as_deref(), &a.out, lang)?;
    outln!("{}", crate::explain::input::report_text(lang, &done.report));
    match &done.case {
        Some(c) => errln!(
            "{}",
            tr(
                lang,
                "cli-wrote-import",
                &Words::new()
                    .s("out", a.out.display().to_string())
                    .n("units", c.units.len() as f64)
                    .n("people", c.people.len() as f64)
                    .n("groups", c.round.groups.len() as f64)
                    .s("report", done.report_path.display().to_string())
            )
        ),
        None => errln!(
            "{}",
            tr(
                lang,
                "cli-wrote-import-no-groups",
                &Words::new()
                    .s("out", a.out.display().to_string())
                    .s("report", done.report_path.display().to_string())
            )
        ),
    }
    Ok(0)
}
