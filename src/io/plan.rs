//! Reading a plan (SPEC §5) to check it: `plan.csv` or `plan.json`, hand-made
//! or produced by the solver.

use super::case::{id_text, warn_invisible};
use super::round::parse_role;
use super::sheet::{read_csv_into, Column, Header, SheetRow};
use super::text::{as_written, name_key};
use crate::error::{InputError, InputErrors, InputWarning, Position};
use crate::model::{Case, PersonId, Plan, Role};
use crate::msg::Msg;
use serde::Deserialize;
use std::path::Path;

/// A plan read from a file, with remarks that do not stop the check
/// (a name or unit that does not match the case, the file's encoding).
#[derive(Debug, Clone)]
pub struct ReadPlan {
    /// The plan.
    pub plan: Plan,
    /// Things worth a look, with positions. A name that does not match its
    /// id may hide a rule (the row may mean someone else).
    pub warnings: Vec<InputWarning>,
}

/// Reads `plan.csv` or `plan.json` (by extension) against a case.
pub fn read_plan(case: &Case, path: &Path) -> Result<ReadPlan, InputErrors> {
    let display = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "csv" => plan_from_csv(case, path, &display),
        "xlsx" | "xlsm" | "xls" | "ods" => {
            super::plan_book::plan_from_workbook(case, path, &display)
        }
        "json" => {
            let text = std::fs::read_to_string(path).map_err(|e| InputError::Io {
                path: display.clone(),
                message: Msg::io(e),
            })?;
            plan_from_json(case, &text, &display)
        }
        _ => Err(InputError::Io {
            path: display,
            message: Msg::new("plan-ext"),
        }
        .into()),
    }
}

fn plan_from_csv(case: &Case, path: &Path, display: &str) -> Result<ReadPlan, InputErrors> {
    let mut report = InputErrors::default();
    let sheet = read_csv_into(path, display, &mut report);
    let Some(sheet) = sheet.filter(|_| report.is_empty()) else {
        return Err(report);
    };
    plan_from_sheet(case, &sheet, report.warnings, &|_| false)
}

/// Reads a plan from a table of placements (a CSV file, or the 编组名单
/// sheet of a workbook): its columns group, role, person_id (and name, unit,
/// region, note, seq); a column `carry` accepts is no error and not read.
pub(crate) fn plan_from_sheet(
    case: &Case,
    sheet: &super::sheet::Sheet,
    warnings: Vec<InputWarning>,
    carry: &dyn Fn(&str) -> bool,
) -> Result<ReadPlan, InputErrors> {
    let schema = [
        Column::new("group", "组别", true),
        Column::new("role", "角色", true),
        Column::with("person_id", &["人员编号", "编号"], true),
        Column::new("name", "姓名", false),
        Column::new("unit", "工作单位", false),
        Column::new("region", "地区", false),
        // read as what they are: remarks, and the printed row numbers
        Column::with("note", &["备注", "说明", "附注"], false),
        Column::with("seq", &["序号"], false),
    ];
    let h = Header::resolve_carrying(sheet, &schema, carry)?;
    let mut errors = InputErrors::default();
    let mut warnings = warnings;
    let mut plan = Plan::empty(case);
    let mut invisible = Vec::new();
    for r in &sheet.rows {
        if let Some(text) = remark_row(&h, r) {
            warnings.push(InputWarning {
                code: "plan-row-not-read",
                pos: h.row_pos(r),
                message: Msg::new("plan-row-not-read").q("value", text),
                hides_rule: true,
                lines: vec![r.line],
            });
            continue;
        }
        let g = id_text(h.get(r, 0), &h.pos(r, 0), &mut invisible);
        let group = match case.group_by_id(&g) {
            Some(g) => Some(g),
            None if g.is_empty() => {
                errors.at(h.pos(r, 0), Msg::new("plan-no-group"));
                None
            }
            None => {
                errors.at(
                    h.pos(r, 0),
                    Msg::new("plan-unknown-group")
                        .s("group", g.clone())
                        .list("groups", group_list(case)),
                );
                None
            }
        };
        let role = match parse_role(h.get(r, 1)) {
            Some(role) => Some(role),
            None => {
                errors.at(h.pos(r, 1), Msg::new("role-bad").q("value", h.get(r, 1)));
                None
            }
        };
        let pid = id_text(h.get(r, 2), &h.pos(r, 2), &mut invisible);
        let pid = pid.as_str();
        let person = match case.person_by_id(pid) {
            Some(p) => Some(p),
            None if pid.is_empty() => {
                errors.at(h.pos(r, 2), Msg::new("plan-no-person"));
                None
            }
            None => {
                errors.at(
                    h.pos(r, 2),
                    Msg::new("ref-unknown")
                        .s("what", "person")
                        .s("value", as_written(pid)),
                );
                None
            }
        };
        let (Some(group), Some(role), Some(person)) = (group, role, person) else {
            continue;
        };
        let x = case.person(person);
        let name = h.get(r, 3);
        if !name.is_empty() && name_key(name) != name_key(&x.name) {
            // another person of that name: the row may mean them
            let others: Vec<&str> = case
                .people
                .iter()
                .filter(|o| name_key(&o.name) == name_key(name))
                .map(|o| o.id.as_str())
                .collect();
            let others_empty = others.is_empty();
            let message = if others_empty {
                Msg::new("plan-name-mismatch")
                    .s("name", name)
                    .s("id", pid)
                    .s("case_name", x.name.clone())
            } else {
                Msg::new("plan-name-of-other")
                    .s("name", name)
                    .s("id", pid)
                    .s("case_name", x.name.clone())
                    .list("others", others)
            };
            warnings.push(InputWarning {
                code: "plan-name-mismatch",
                pos: h.pos(r, 3),
                message,
                hides_rule: !others_empty,
                lines: Vec::new(),
            });
        }
        let unit = h.get(r, 4);
        if !unit.is_empty() && unit != case.unit(x.unit).id && unit != case.unit(x.unit).name {
            warnings.push(InputWarning {
                code: "plan-unit-mismatch",
                pos: h.pos(r, 4),
                message: Msg::new("plan-unit-mismatch")
                    .s("unit", unit)
                    .s("id", pid)
                    .s("case_unit", case.unit_label(x.unit)),
                hides_rule: false,
                lines: Vec::new(),
            });
        }
        place(&mut plan, group.ix(), person, role);
    }
    let mut report = InputErrors::default();
    warn_invisible(&mut report, sheet, invisible);
    warnings.extend(report.warnings);
    errors.into_result(ReadPlan { plan, warnings })
}

/// A row with text in its first cell only (备注：…, a signature line): not a
/// placement; its text.
fn remark_row<'r>(h: &Header, r: &'r SheetRow) -> Option<&'r str> {
    let (first, rest) = r.cells.split_first()?;
    let first = first.trim();
    let lone = !first.is_empty() && rest.iter().all(|c| c.trim().is_empty());
    (lone && h.get(r, 1).is_empty() && h.get(r, 2).is_empty()).then_some(first)
}

fn place(plan: &mut Plan, g: usize, p: PersonId, role: Role) {
    let pg = &mut plan.groups[g];
    pg.members.push(p);
    match role {
        Role::Leader => pg.leaders.push(p),
        Role::Deputy => pg.deputies.push(p),
        Role::Member => {}
    }
}

fn group_list(case: &Case) -> Vec<String> {
    case.round.groups.iter().map(|g| g.id.clone()).collect()
}

#[derive(Deserialize)]
struct JsonPlan {
    groups: Vec<JsonGroup>,
}

#[derive(Deserialize)]
struct JsonGroup {
    id: String,
    #[serde(default)]
    leaders: Vec<String>,
    #[serde(default)]
    deputies: Vec<String>,
    #[serde(default)]
    members: Vec<String>,
}

/// Reads a plan in the JSON form of SPEC §5 (other fields are ignored).
pub fn plan_from_json(case: &Case, text: &str, display: &str) -> Result<ReadPlan, InputErrors> {
    let file = Position::file(display);
    let raw: JsonPlan = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
        InputError::data(
            file.at_line(e.line()).col(format!("#{}", e.column())),
            Msg::new("plan-json-bad").s("why", e.to_string()),
        )
    })?;
    let mut errors = InputErrors::default();
    let mut plan = Plan::empty(case);
    for (i, g) in raw.groups.iter().enumerate() {
        let at = |field: &str| file.col(format!("groups[{i}].{field}"));
        let Some(gid) = case.group_by_id(&g.id) else {
            errors.at(
                at("id"),
                Msg::new("plan-unknown-group")
                    .s("group", g.id.clone())
                    .list("groups", group_list(case)),
            );
            continue;
        };
        let mut resolve = |ids: &[String], field: &str| -> Vec<PersonId> {
            ids.iter()
                .filter_map(|id| match case.person_by_id(id) {
                    Some(p) => Some(p),
                    None => {
                        errors.at(
                            at(field),
                            Msg::new("ref-unknown")
                                .s("what", "person")
                                .s("value", id.clone()),
                        );
                        None
                    }
                })
                .collect()
        };
        let leaders = resolve(&g.leaders, "leaders");
        let deputies = resolve(&g.deputies, "deputies");
        let members = resolve(&g.members, "members");
        let pg = &mut plan.groups[gid.ix()];
        for p in members {
            pg.members.push(p);
        }
        for p in leaders {
            pg.leaders.push(p);
            if !pg.members.contains(&p) {
                pg.members.push(p);
            }
        }
        for p in deputies {
            pg.deputies.push(p);
            if !pg.members.contains(&p) {
                pg.members.push(p);
            }
        }
    }
    errors.into_result(ReadPlan {
        plan,
        warnings: vec![],
    })
}
