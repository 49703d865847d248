//! The printable plan workbook (编组名单), as an inspection office prints and
//! signs it, and the writing of a plan in any of its formats.
//!
//! Four sheets, each with its own print setup (A4, one page wide, the header
//! row on every page): 编组名单 (one row per member, the group and its
//! targets in cells merged down the group's rows, a page break before a group
//! that would not fit on the page, so that no group is split), 评分 (the score
//! term by term in words, the expertise levels' legend and the groups'
//! make-up), 未入选 (everyone not placed, and why, with a filter to sort by)
//! and 说明 (the audit facts, on one page). The words come from the
//! localisation files through [`crate::explain`]; the layout is here.
//!
//! The bytes depend only on the arguments (no solve time, a fixed creation
//! date): two runs that find the same plan write the same workbook.

mod layout;
mod roster;
mod sheets;
mod tables;

pub use tables::{tables_xlsx, TableSheet};

pub use layout::{PageModel, PAGE_MODEL};

use crate::constraints::Eligibility;
use crate::explain::Lang;
use crate::io::output::{plan_csv, plan_format, plan_json, PlanFormat, PlanMeta};
use crate::io::workbook::{deterministic_workbook, write_atomic};
use crate::model::Case;
use crate::solve::{Outcome, ScoreModel};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, XlsxError};
use std::path::Path;

/// The sheet names, as written in `lang` (the plan reader knows both).
pub fn sheet_names(lang: Lang) -> [String; 4] {
    use crate::explain::i18n::t;
    [
        t(lang, "book-sheet-roster"),
        t(lang, "book-sheet-score"),
        t(lang, "book-sheet-left-out"),
        t(lang, "book-sheet-about"),
    ]
}

/// A column width in Excel's units (widths of `0`) that fits the longest
/// text (in terminal columns: CJK characters count two), within min..=max.
pub(crate) fn fit(texts: impl Iterator<Item = usize>, min: usize, max: usize) -> f64 {
    (texts.max().unwrap_or(0) + 2).clamp(min, max) as f64
}

/// Formats of the printable workbook.
pub(crate) struct Formats {
    pub(crate) title: Format,
    pub(crate) subtitle: Format,
    pub(crate) head: Format,
    pub(crate) cell: Format,
    pub(crate) wrap: Format,
    pub(crate) center: Format,
    pub(crate) merged: Format,
    pub(crate) total: Format,
    pub(crate) number: Format,
    pub(crate) percent: Format,
    pub(crate) key: Format,
    pub(crate) text: Format,
}

impl Formats {
    fn new() -> Formats {
        let font = |f: Format| f.set_font_name("宋体").set_font_size(11);
        let boxed = |f: Format| f.set_border(FormatBorder::Thin);
        Formats {
            title: font(Format::new())
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            subtitle: font(Format::new())
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            head: boxed(font(Format::new()))
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap()
                .set_background_color("#D9D9D9"),
            cell: boxed(font(Format::new())).set_align(FormatAlign::VerticalCenter),
            wrap: boxed(font(Format::new()))
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            center: boxed(font(Format::new()))
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            merged: boxed(font(Format::new()))
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            total: boxed(font(Format::new()))
                .set_bold()
                .set_align(FormatAlign::Center),
            number: boxed(font(Format::new())).set_num_format("0.00"),
            percent: boxed(font(Format::new())).set_num_format("0%"),
            key: font(Format::new())
                .set_bold()
                .set_align(FormatAlign::VerticalCenter),
            text: font(Format::new())
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
        }
    }
}

/// The plan as a printable workbook in `lang` (see the module's text).
///
/// # Errors
///
/// The workbook writer's, which for these sheets means a defect (a sheet
/// name or a merged range it refuses).
pub fn plan_xlsx(
    lang: Lang,
    case: &Case,
    model: &ScoreModel,
    outcome: &Outcome,
    meta: &PlanMeta,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = deterministic_workbook()?;
    let f = Formats::new();
    let names = sheet_names(lang);
    let elig = Eligibility::build(case);
    roster::roster_sheet(book.add_worksheet(), lang, case, outcome, &f, &names[0])?;
    sheets::score_sheet(
        book.add_worksheet(),
        lang,
        case,
        model,
        outcome,
        &f,
        &names[1],
    )?;
    sheets::left_out_sheet(
        book.add_worksheet(),
        lang,
        case,
        &elig,
        outcome,
        &f,
        &names[2],
    )?;
    sheets::about_sheet(
        book.add_worksheet(),
        lang,
        case,
        model,
        outcome,
        meta,
        &f,
        &names[3],
    )?;
    book.save_to_buffer()
}

/// Writes the plan to `path` in the format its extension names (`.csv`,
/// `.json`, or the printable `.xlsx` in `lang`), atomically: a temporary
/// file in the same folder, renamed over `path`.
///
/// # Errors
///
/// An extension that is none of the three; a workbook that cannot be built;
/// the file system's error on writing.
pub fn write_plan(
    lang: Lang,
    case: &Case,
    model: &ScoreModel,
    outcome: &Outcome,
    meta: &PlanMeta,
    path: &Path,
) -> anyhow::Result<()> {
    use anyhow::Context;
    let bytes = match plan_format(path)? {
        PlanFormat::Csv => plan_csv(case, &outcome.plan),
        PlanFormat::Json => {
            let mut text =
                serde_json::to_string_pretty(&plan_json(lang, case, model, outcome, meta))?;
            text.push('\n');
            text.into_bytes()
        }
        PlanFormat::Xlsx => plan_xlsx(lang, case, model, outcome, meta)
            .with_context(|| format!("cannot build the workbook {}", path.display()))?,
    };
    write_atomic(path, &bytes).with_context(|| format!("cannot write {}", path.display()))
}
