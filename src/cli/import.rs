//! `xuncha import ROSTER --out CASE`: a talent-pool roster as offices keep
//! it, turned into a case, with the import report.

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
pub fn run(a: Args) -> anyhow::Result<u8> {
    let done = crate::io::import::import(&a.roster, a.mapping.as_deref(), &a.out)?;
    outln!("{}", done.report);
    match &done.case {
        Some(c) => errln!(
            "wrote {} ({} units, {} people, {} groups) and the report {}",
            a.out.display(),
            c.units.len(),
            c.people.len(),
            c.round.groups.len(),
            done.report_path.display()
        ),
        None => errln!(
            "wrote {} (no groups yet: add them to round.toml) and the report {}",
            a.out.display(),
            done.report_path.display()
        ),
    }
    Ok(0)
}
