//! `xuncha convert`: a case directory to one workbook, or a workbook to a
//! case directory.

use crate::explain::i18n::{tr, Args as Words};
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
pub fn run(a: Args, lang: crate::explain::Lang) -> anyhow::Result<u8> {
    let done = match crate::io::case_files::convert(&a.case, &a.out) {
        Ok(d) => d,
        Err(e) => {
            super::print_warnings(lang, &e.warnings);
            return Err(e.into());
        }
    };
    super::print_warnings(lang, &done.warnings);
    errln!(
        "{}",
        tr(
            lang,
            "cli-wrote-convert",
            &Words::new()
                .s("out", a.out.display().to_string())
                .n("units", done.case.units.len() as f64)
                .n("people", done.case.people.len() as f64)
                .n("groups", done.case.round.groups.len() as f64)
        )
    );
    Ok(0)
}
