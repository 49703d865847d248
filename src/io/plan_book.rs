//! Reading back the printable workbook (编组名单) that `plan --out plan.xlsx`
//! writes, as written and as a clerk edits it: rows moved between groups
//! (the group is the merged 组别 cell the row sits under), a member's row
//! deleted, a name retyped. The same checks then run as for `plan.csv`.
//!
//! The plan is the 编组名单 sheet (`Groups` in an English workbook); its
//! columns 组别, 角色, 编号 and 姓名 are read; the others are printed from
//! the case and named once as not read. A row whose 姓名 names another person
//! than its 编号 is read by the name — the clerk reads and types names — and
//! said; a name that matches nobody leaves the row to its 编号, also said.

use super::book::Workbook;
use super::plan::{plan_from_sheet, ReadPlan};
use super::sheet::{Column, Sheet};
use super::text::name_key;
use crate::error::{InputError, InputErrors, InputWarning};
use crate::model::{Case, PersonId};
use crate::msg::Msg;
use std::path::Path;

/// The names the roster sheet has (Chinese and English workbooks).
const ROSTER_SHEETS: [&str; 3] = ["编组名单", "Groups", "groups"];

/// The columns the plan reader reads (the rest are printed, not read).
fn read_columns() -> Vec<Column> {
    vec![
        Column::new("group", "组别", true),
        Column::new("role", "角色", true),
        Column::with("person_id", &["人员编号", "编号", "Id"], true),
        Column::new("name", "姓名", false),
        Column::new("unit", "工作单位", false),
        Column::new("region", "地区", false),
        Column::with("note", &["备注", "说明", "附注"], false),
        Column::with("seq", &["序号"], false),
    ]
}

/// Reads the plan from the 编组名单 sheet of a workbook.
///
/// # Errors
///
/// A workbook that cannot be opened, one without a 编组名单 sheet (the
/// sheets it has are named), and every error of a plan table
/// ([`super::read_plan`]), at its sheet, row and column.
pub fn plan_from_workbook(
    case: &Case,
    path: &Path,
    display: &str,
) -> Result<ReadPlan, InputErrors> {
    let mut book = Workbook::open(path, display)?;
    let names = book.sheet_names();
    let Some(roster) = names
        .iter()
        .find(|n| ROSTER_SHEETS.iter().any(|r| name_key(r) == name_key(n)))
        .cloned()
    else {
        return Err(InputError::Io {
            path: display.to_string(),
            message: Msg::new("plan-book-no-sheet").list("sheets", names.iter().cloned()),
        }
        .into());
    };
    let mut report = InputErrors::default();
    let others: Vec<&str> = names
        .iter()
        .filter(|n| **n != roster)
        .map(String::as_str)
        .collect();
    if !others.is_empty() {
        report.warnings.push(InputWarning {
            code: "plan-sheets-not-read",
            pos: crate::error::Position::file(display),
            message: Msg::new("plan-book-sheets-not-read")
                .list("sheets", others.iter().map(|o| o.to_string()))
                .s("roster", roster.clone()),
            hides_rule: false,
            lines: Vec::new(),
        });
    }
    let sheet = book.read(&roster, &mut report);
    let Some(mut sheet) = sheet.filter(|_| report.is_empty()) else {
        return Err(report);
    };
    let schema = read_columns();
    let not_read: Vec<String> = sheet
        .headers
        .iter()
        .filter(|h| !h.is_empty() && !schema.iter().any(|c| c.matches(h)))
        .cloned()
        .collect();
    if !not_read.is_empty() {
        report.warnings.push(InputWarning {
            code: "plan-columns-not-read",
            pos: sheet.source.at_line(sheet.header_line),
            message: Msg::new("plan-book-columns-not-read")
                .list("columns", not_read.iter().cloned()),
            hides_rule: false,
            lines: Vec::new(),
        });
    }
    by_names(case, &mut sheet, &schema, &mut report.warnings);
    plan_from_sheet(case, &sheet, report.warnings, &|_| true)
}

/// The column of `key` in the sheet.
fn column_of(sheet: &Sheet, schema: &[Column], key: &str) -> Option<usize> {
    let c = schema.iter().find(|c| c.key == key)?;
    sheet.headers.iter().position(|h| c.matches(h))
}

/// The one person of this name, if exactly one.
fn person_named(case: &Case, name: &str) -> Option<PersonId> {
    let key = name_key(name);
    let mut found = case
        .person_ids()
        .filter(|&p| name_key(&case.person(p).name) == key);
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// Reads groups written by their label (`第一组（G1）`) as their id, and
/// rows by their name where the name and the 编号 disagree (or the 编号 is
/// blank), saying so.
fn by_names(case: &Case, sheet: &mut Sheet, schema: &[Column], warnings: &mut Vec<InputWarning>) {
    let group = column_of(sheet, schema, "group");
    let id = column_of(sheet, schema, "person_id");
    let name = column_of(sheet, schema, "name");
    let source = sheet.source.clone();
    let col0 = sheet.col0;
    for r in &mut sheet.rows {
        if let Some(j) = group {
            if let Some(cell) = r.cells.get_mut(j) {
                if case.group_by_id(cell.trim()).is_none() {
                    if let Some(inner) = label_id(cell) {
                        if case.group_by_id(&inner).is_some() {
                            *cell = inner;
                        }
                    }
                }
            }
        }
        let (Some(i), Some(n)) = (id, name) else {
            continue;
        };
        let written = r.cells.get(n).map_or("", |s| s.trim()).to_string();
        if written.is_empty() {
            continue;
        }
        let by_id = r.cells.get(i).and_then(|s| case.person_by_id(s.trim()));
        if by_id.is_some_and(|p| name_key(&case.person(p).name) == name_key(&written)) {
            continue;
        }
        let pos = source
            .at_row(r.row, r.line)
            .at_letter(col0 + n as u32)
            .col("姓名");
        match (person_named(case, &written), by_id) {
            (Some(p), old) => {
                let x = case.person(p);
                let message = match old {
                    Some(o) => Msg::new("plan-read-by-name")
                        .s("name", written.clone())
                        .s("old_id", case.person(o).id.clone())
                        .s("old_name", case.person(o).name.clone())
                        .s("id", x.id.clone()),
                    None => Msg::new("plan-read-by-name-blank")
                        .s("name", written.clone())
                        .s("id", x.id.clone()),
                };
                warnings.push(InputWarning {
                    code: "plan-read-by-name",
                    pos,
                    message,
                    hides_rule: false,
                    lines: vec![r.line],
                });
                if let Some(cell) = r.cells.get_mut(i) {
                    *cell = x.id.clone();
                }
            }
            (None, Some(_)) => {} // the 编号 stands; the plan reader names the mismatch
            (None, None) => {
                if r.cells.get(i).is_none_or(|s| s.trim().is_empty()) {
                    warnings.push(InputWarning {
                        code: "plan-name-unknown",
                        pos,
                        message: Msg::new("plan-name-unknown").q("name", &written),
                        hides_rule: true,
                        lines: vec![r.line],
                    });
                }
            }
        }
    }
}

/// The id in a group label `第一组（G1）` or `第一组(G1)`.
fn label_id(label: &str) -> Option<String> {
    let t = label.trim();
    let open = t.rfind(['（', '('])?;
    let inner = &t[open..];
    let inner = inner
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    (!inner.is_empty()).then(|| inner.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::label_id;

    #[test]
    fn group_labels_give_their_id() {
        assert_eq!(label_id("第一组（G1）").as_deref(), Some("G1"));
        assert_eq!(label_id("第一组(G1)").as_deref(), Some("G1"));
        assert_eq!(label_id("G1"), None);
    }
}
