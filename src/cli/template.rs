//! `xuncha template`: an empty case workbook to fill in.

use crate::explain::i18n::{tr, Args as Words};
use std::path::PathBuf;

/// Writes an empty case workbook: Chinese headers, a 说明 sheet explaining
/// each column, drop-downs for 是/否, 男/女, ranks, relation kinds and roles.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The workbook to write, e.g. 模板.xlsx.
    #[arg(long)]
    out: PathBuf,
}

/// Runs `template`: exit 0 when written.
pub fn run(a: Args, lang: crate::explain::Lang) -> anyhow::Result<u8> {
    crate::io::template::write_template(&a.out)?;
    errln!(
        "{}",
        tr(
            lang,
            "cli-wrote",
            &Words::new().s("out", a.out.display().to_string())
        )
    );
    Ok(0)
}
