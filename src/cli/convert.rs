//! `xuncha convert`: a case directory to one workbook, or a workbook to a
//! case directory.

use std::path::PathBuf;

/// Converts a case between a directory of CSV files with round.toml and
/// one .xlsx workbook, either way; the output is read back as the same case.
#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// The case: a directory, or a workbook (.xlsx).
    pub case: PathBuf,
    /// What to write: a workbook (.xlsx) from a directory, or a directory
    /// from a workbook.
    #[arg(long)]
    pub out: PathBuf,
}

/// Runs `convert`: exit 0 when the case was written, an error (exit 2)
/// when the case does not load.
pub fn run(args: ConvertArgs) -> anyhow::Result<u8> {
    let done = match crate::io::case_files::convert(&args.case, &args.out) {
        Ok(d) => d,
        Err(e) => {
            super::print_warnings(&e.warnings);
            return Err(e.into());
        }
    };
    super::print_warnings(&done.warnings);
    eprintln!(
        "wrote {} ({} units, {} people, {} groups)",
        args.out.display(),
        done.case.units.len(),
        done.case.people.len(),
        done.case.round.groups.len()
    );
    Ok(0)
}
