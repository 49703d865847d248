//! `xuncha convert`: a case directory to one workbook, or a workbook to a
//! case directory.

use std::path::PathBuf;

/// Converts a case between a directory of CSV files with round.toml and
/// one .xlsx workbook, either way; the output is read back as the same case.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The case: a directory, or a workbook (.xlsx).
    case: PathBuf,
    /// What to write: a workbook (.xlsx) from a directory, or a directory
    /// from a workbook.
    #[arg(long)]
    out: PathBuf,
}

/// Runs `convert`: exit 0 when the case was written, an error (exit 2)
/// when the case does not load.
pub fn run(a: Args) -> anyhow::Result<u8> {
    let done = match crate::io::case_files::convert(&a.case, &a.out) {
        Ok(d) => d,
        Err(e) => {
            super::print_warnings(&e.warnings);
            return Err(e.into());
        }
    };
    super::print_warnings(&done.warnings);
    errln!(
        "wrote {} ({} units, {} people, {} groups)",
        a.out.display(),
        done.case.units.len(),
        done.case.people.len(),
        done.case.round.groups.len()
    );
    Ok(0)
}
