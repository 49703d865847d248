//! Where pages end: a model of an A4 page and the column widths of a sheet,
//! to put a page break before a group that would not fit on what is left of
//! a page.
//!
//! A spreadsheet does not say where its pages end; the office suite decides
//! when it prints, and it breaks a page wherever the rows reach the bottom.
//! The sheets are printed "fit to one page wide", which shrinks a wide sheet
//! by a factor that depends on the fonts the suite has (LibreOffice without
//! Calibri measures columns about a quarter wider than Excel); shrinking
//! only makes room. So breaks are placed as if nothing were shrunk: a page
//! ends before the rows reach [`PageModel::fill`] of the printable height,
//! and the suite's own break never comes first. The print test
//! (`tests/print.rs`) converts the workbook with LibreOffice and checks that
//! no group is split.

/// An A4 page in points (1/72 inch) and the margins set on every sheet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageModel {
    /// Paper width, landscape (297 mm).
    pub long_side: f64,
    /// Paper height, landscape (210 mm).
    pub short_side: f64,
    /// Top and bottom margins, in inches (header and footer inside them).
    pub top_margin_in: f64,
    /// The share of the computed page height filled before a break: the
    /// suites measure columns and rows a little differently.
    pub fill: f64,
}

/// The page every printable sheet is set up for.
pub const PAGE_MODEL: PageModel = PageModel {
    long_side: 841.9,
    short_side: 595.3,
    top_margin_in: 0.6,
    fill: 0.95,
};

impl PageModel {
    /// The printable height in points (landscape or portrait).
    pub fn printable_height(&self, landscape: bool) -> f64 {
        let h = if landscape {
            self.short_side
        } else {
            self.long_side
        };
        h - 2.0 * 72.0 * self.top_margin_in
    }

    /// The height, in the sheet's points, that a page is filled with
    /// before a break: the printable height less the margin of
    /// [`PageModel::fill`]. "Fit to one page wide" may shrink the sheet,
    /// never enlarge it, so a page holds at least this much whatever widths
    /// the suite measures for the columns (which depend on its fonts).
    pub fn page_points(&self, landscape: bool) -> f64 {
        self.fill * self.printable_height(landscape)
    }
}

/// Page breaks for blocks of rows that must stay on one page: `blocks` are
/// (first row, height in points) in order; `first_used` is the height the
/// first page spends before the first block (titles, the header row);
/// `repeated` the height each later page spends on repeated header rows.
/// Gives the rows before which a page break goes. A block taller than a page
/// starts a page and runs on (nothing better can be done with it).
pub fn page_breaks(blocks: &[(u32, f64)], page: f64, first_used: f64, repeated: f64) -> Vec<u32> {
    let mut breaks = Vec::new();
    let mut used = first_used;
    let mut on_page = 0;
    for &(row, h) in blocks {
        if on_page > 0 && used + h > page {
            breaks.push(row);
            used = repeated;
            on_page = 0;
        }
        used += h;
        on_page += 1;
    }
    breaks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_come_before_a_block_that_does_not_fit() {
        // a page of 100: blocks of 40 after a 20-point title fit two a page
        let blocks = [(3, 40.0), (10, 40.0), (17, 40.0), (24, 40.0), (31, 40.0)];
        assert_eq!(page_breaks(&blocks, 100.0, 20.0, 10.0), vec![17, 31]);
        // a block taller than a page gets a page of its own
        let blocks = [(3, 40.0), (10, 150.0), (30, 10.0)];
        assert_eq!(page_breaks(&blocks, 100.0, 20.0, 10.0), vec![10, 30]);
        assert!(page_breaks(&[], 100.0, 0.0, 0.0).is_empty());
    }

    #[test]
    fn a_page_is_the_printable_height_less_a_margin() {
        let h = PAGE_MODEL.page_points(true);
        assert!(h > 400.0 && h < PAGE_MODEL.printable_height(true), "{h}");
        assert!(PAGE_MODEL.page_points(false) > h);
    }
}
