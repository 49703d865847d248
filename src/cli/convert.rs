//! `xuncha convert CASE_DIR --out case.xlsx`.

use std::path::PathBuf;

/// `convert`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The case directory.
    case: PathBuf,
    /// The workbook to write.
    #[arg(long)]
    out: PathBuf,
}

/// Writes the case directory as one workbook.
pub fn run(a: Args) -> anyhow::Result<u8> {
    let warnings = crate::io::workbook::case_to_workbook(&a.case, &a.out)?;
    super::print_warnings(&warnings);
    errln!("wrote {}", a.out.display());
    Ok(0)
}
