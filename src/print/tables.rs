//! Printable tables: a workbook of titled tables (what-if reports).

use super::{fit, Formats};
use crate::io::output::display_width;
use crate::io::workbook::deterministic_workbook;
use rust_xlsxwriter::XlsxError;

/// One printable table: a sheet name, a title over it, a header row and rows
/// of text cells.
pub struct TableSheet {
    /// Sheet name (at most 31 characters).
    pub name: String,
    /// The title row.
    pub title: String,
    /// The header.
    pub header: Vec<String>,
    /// The rows, each as long as the header.
    pub rows: Vec<Vec<String>>,
}

/// A workbook of printable tables (A4 landscape, one page wide), the bytes
/// depending only on the tables.
pub fn tables_xlsx(sheets: &[TableSheet]) -> Result<Vec<u8>, XlsxError> {
    let mut book = deterministic_workbook()?;
    let f = Formats::new();
    for t in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&t.name)?;
        let ncols = t.header.len().max(1) as u16;
        ws.set_row_height(0, 30)?;
        if ncols > 1 {
            ws.merge_range(0, 0, 0, ncols - 1, &t.title, &f.title)?;
        } else {
            ws.write_with_format(0, 0, &t.title, &f.title)?;
        }
        for (j, h) in t.header.iter().enumerate() {
            ws.write_with_format(1, j as u16, h, &f.head)?;
            let w = fit(
                std::iter::once(display_width(h)).chain(
                    t.rows
                        .iter()
                        .filter_map(|r| r.get(j))
                        .map(|c| display_width(c)),
                ),
                6,
                60,
            );
            ws.set_column_width(j as u16, w)?;
        }
        for (i, r) in t.rows.iter().enumerate() {
            for (j, c) in r.iter().enumerate() {
                let fmt = if j == 0 { &f.key } else { &f.cell };
                ws.write_with_format(2 + i as u32, j as u16, c, fmt)?;
            }
        }
        ws.set_landscape();
        ws.set_paper_size(9);
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(1, 1)?;
    }
    book.save_to_buffer()
}
