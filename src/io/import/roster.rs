//! The people of a roster, row by row: columns by the names offices write,
//! 出生年月 in every form, ranks of the table, 专业特长 by keywords; what
//! cannot be read leaves the person out, named in the report with its row
//! and column.

use super::mapping::{Mapping, ROLES};
use super::report::{Kind, Report};
use crate::io::birth::parse_birth;
use crate::io::columns::parse_yes_no;
use crate::io::ranks::{parse_rank, rank_key, rank_names, Source, RANK_TABLE};
use crate::io::round_resolve::known_area;
use crate::io::sheet::Sheet;
use crate::io::text::{fold_width, name_key};
use crate::model::Gender;
use crate::msg::Msg;

/// Per role of [`ROLES`]: the names offices give the column.
fn aliases(role: &str) -> &'static [&'static str] {
    match role {
        "name" => &["姓名", "name"],
        "gender" => &["性别", "gender"],
        "birth" => &[
            "出生年月",
            "出生日期",
            "出生年份",
            "出生年",
            "出生时间",
            "birth_year",
        ],
        "native" => &["籍贯", "出生地", "native_region"],
        "unit_post" => &[
            "工作单位及职务",
            "单位及职务",
            "工作单位及职级",
            "现工作单位及职务",
            "工作单位",
            "现工作单位",
            "单位",
            "unit",
        ],
        "post" => &["职务", "现任职务"],
        "rank" => &[
            "职级",
            "现职级",
            "职级（职务）",
            "职务职级",
            "职级职务",
            "rank",
        ],
        "speciality" => &["专业特长", "专长", "业务专长", "特长"],
        "leader" => &["是否组长库", "组长库", "是否组长人选", "组长人选", "leader"],
        "deputy" => &["是否副组长库", "副组长库", "副组长人选"],
        "available" => &["可抽调", "是否可抽调", "available"],
        "must_serve" => &["须参加", "必须参加", "是否须参加", "must_serve"],
        "last_served" => &["上次巡察年份", "上次参加巡察年份", "last_served"],
        _ => &[],
    }
}

/// The columns of a roster sheet: per role, its index; the rest carried.
#[derive(Debug, Clone)]
pub struct RosterColumns {
    /// Per role of [`ROLES`].
    pub at: Vec<Option<usize>>,
    /// Columns no role takes, carried as written.
    pub carried: Vec<usize>,
}

impl RosterColumns {
    /// The columns of a sheet (the mapping's names first).
    pub fn of(sheet: &Sheet, mapping: &Mapping) -> RosterColumns {
        let mut at = vec![None; ROLES.len()];
        let mut carried = Vec::new();
        for (j, h) in sheet.headers.iter().enumerate() {
            let key = name_key(h);
            let by_mapping = mapping
                .columns
                .iter()
                .find(|(n, _)| name_key(n) == key)
                .map(|(_, r)| r.as_str());
            let role = by_mapping.or_else(|| {
                ROLES
                    .iter()
                    .find(|r| aliases(r).iter().any(|a| name_key(a) == key))
                    .copied()
            });
            match role.and_then(|r| ROLES.iter().position(|x| *x == r)) {
                Some(k) if at[k].is_none() => at[k] = Some(j),
                _ if !key.is_empty() => carried.push(j),
                _ => {}
            }
        }
        RosterColumns { at, carried }
    }

    /// The column of a role.
    pub fn of_role(&self, role: &str) -> Option<usize> {
        ROLES
            .iter()
            .position(|r| *r == role)
            .and_then(|k| self.at[k])
    }

    /// Is this a roster: a name and a unit column?
    pub fn is_roster(&self) -> bool {
        self.of_role("name").is_some() && self.of_role("unit_post").is_some()
    }
}

/// One person as imported.
#[derive(Debug, Clone)]
pub struct PersonRow {
    /// The spreadsheet row.
    pub line: usize,
    /// 姓名, spaces removed.
    pub name: String,
    /// 男/女.
    pub gender: &'static str,
    /// `1968.03`.
    pub birth: String,
    /// The rank as the case writes it.
    pub rank: String,
    /// 工作单位及职务 as written.
    pub unit_post: String,
    /// 职务, when a column of its own.
    pub post: String,
    /// 籍贯 as written.
    pub native: String,
    /// 专业特长 as written.
    pub speciality: String,
    /// 组长库.
    pub leader: bool,
    /// Per area of the round: the level (2 when a keyword names it).
    pub levels: Vec<u8>,
    /// The carried cells.
    pub carried: Vec<String>,
    /// 可抽调, 须参加, 上次巡察年份 as written.
    pub flags: [String; 3],
}

/// The default keywords of 专业特长: word → area key.
pub const KEYWORDS: [(&str, &str); 23] = [
    ("纪检", "discipline"),
    ("纪律", "discipline"),
    ("监察", "discipline"),
    ("执纪", "discipline"),
    ("审查调查", "discipline"),
    ("巡察", "discipline"),
    ("组织", "organization"),
    ("人事", "organization"),
    ("干部", "organization"),
    ("审计", "audit"),
    ("财务", "finance"),
    ("会计", "finance"),
    ("财会", "finance"),
    ("财政", "finance"),
    ("法律", "legal"),
    ("政法", "legal"),
    ("法治", "legal"),
    ("司法", "legal"),
    ("工程", "engineering"),
    ("基建", "engineering"),
    ("信访", "petition"),
    ("来信来访", "petition"),
    ("统计", "statistics"),
];

/// The areas a speciality's words name (area keys), and the pieces that
/// name none. The mapping's keywords come before the defaults.
pub fn areas_of(text: &str, mapping: &Mapping) -> (Vec<String>, Vec<String>) {
    let t = fold_width(text);
    let mut areas = Vec::new();
    let mut none = Vec::new();
    for piece in t
        .split(['、', '，', ',', ';', '；', '/', ' ', '\u{3000}', '及', '和'])
        .filter(|p| !p.is_empty())
    {
        let mut found = false;
        let mine = mapping
            .keywords
            .iter()
            .map(|(k, a)| (k.as_str(), a.as_str()));
        for (word, area) in mine.chain(KEYWORDS.iter().copied()) {
            if piece.contains(word) {
                let key = known_area(area).map_or(area.to_string(), |(k, _)| k.to_string());
                if !areas.contains(&key) {
                    areas.push(key);
                }
                found = true;
            }
        }
        if !found {
            none.push(piece.to_string());
        }
    }
    (areas, none)
}

/// Where a row is, for the report: `row 12, column E "出生年月"`.
fn cell(sheet: &Sheet, line: usize, j: usize) -> Msg {
    Msg::new("import-cell")
        .n("line", line)
        .s("letter", crate::error::column_letter(sheet.col0 + j as u32))
        .s("header", sheet.headers[j].clone())
}

/// Ranks within one edit of a text: the "did you mean".
fn near_ranks(text: &str) -> Vec<&'static str> {
    let key = rank_key(text);
    rank_names()
        .into_iter()
        .filter(|n| strsim::levenshtein(n, &key) <= 1)
        .collect()
}

/// Reads one row; `None` (the reason in the report) when the case has no
/// place for it.
pub fn read_row(
    sheet: &Sheet,
    cols: &RosterColumns,
    r: &crate::io::sheet::SheetRow,
    (mapping, areas): (&Mapping, &[String]),
    report: &mut Report,
) -> Option<PersonRow> {
    let get = |role: &str| -> (&str, Option<usize>) {
        let j = cols.of_role(role);
        (j.and_then(|j| r.cells.get(j)).map_or("", |s| s.trim()), j)
    };
    let line = r.line;
    let left_out = |report: &mut Report, j: Option<usize>, why: Msg| {
        let at = j.map_or(Msg::new("import-row").n("line", line), |j| {
            cell(sheet, line, j)
        });
        report.add(
            Kind::LeftOut,
            Msg::new("import-h-left-out"),
            Msg::new("import-at").m("at", at).m("why", why),
            line,
        );
    };
    let (name, _) = get("name");
    let name: String = fold_width(name)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if name.is_empty() {
        left_out(report, cols.of_role("name"), Msg::new("import-no-name"));
        return None;
    }
    let (g, gj) = get("gender");
    let gender = match crate::io::people::parse_gender(g) {
        Some(Gender::Male) => "男",
        Some(Gender::Female) => "女",
        None => {
            left_out(
                report,
                gj,
                Msg::new("import-gender-bad")
                    .s("name", name.clone())
                    .q("value", g),
            );
            return None;
        }
    };
    let birth = match read_birth(&name, get("birth").0, line, report) {
        Ok(b) => b,
        Err(why) => {
            left_out(report, cols.of_role("birth"), why);
            return None;
        }
    };
    let rank = match read_rank(&name, get("rank").0, mapping, line, report) {
        Ok(b) => b,
        Err(why) => {
            left_out(report, cols.of_role("rank"), why);
            return None;
        }
    };
    let (up, _) = get("unit_post");
    if up.is_empty() {
        left_out(
            report,
            cols.of_role("unit_post"),
            Msg::new("import-no-unit").s("name", name.clone()),
        );
        return None;
    }
    let (lead, lj) = get("leader");
    let leader = match parse_yes_no(lead) {
        Some(v) => v,
        None if lead.is_empty() => false,
        None => {
            report.add(
                Kind::Assumption,
                Msg::new("import-h-leader-not-yes-no"),
                match lj {
                    Some(j) => Msg::new("import-cell-value")
                        .m("cell", cell(sheet, line, j))
                        .q("value", lead),
                    None => Msg::new("input-quoted").s("value", lead),
                },
                line,
            );
            false
        }
    };
    let (spec, _) = get("speciality");
    let (named, none) = areas_of(spec, mapping);
    for a in &named {
        if areas.contains(a) {
            report.add(
                Kind::Assumption,
                Msg::new("import-h-speciality-read"),
                a.clone(),
                line,
            );
        } else {
            report.add(
                Kind::Unplaced,
                Msg::new("import-h-speciality-undeclared"),
                a.clone(),
                line,
            );
        }
    }
    for p in none {
        report.add(
            Kind::Unplaced,
            Msg::new("import-h-speciality-none"),
            p,
            line,
        );
    }
    Some(PersonRow {
        line,
        name,
        gender,
        birth,
        rank,
        unit_post: up.to_string(),
        post: get("post").0.to_string(),
        native: get("native").0.to_string(),
        speciality: spec.to_string(),
        leader,
        levels: areas
            .iter()
            .map(|a| if named.contains(a) { 2 } else { 0 })
            .collect(),
        carried: cols
            .carried
            .iter()
            .map(|&j| r.cells.get(j).cloned().unwrap_or_default())
            .collect(),
        flags: [
            get("available").0.to_string(),
            get("must_serve").0.to_string(),
            get("last_served").0.to_string(),
        ],
    })
}

fn read_birth(name: &str, text: &str, line: usize, report: &mut Report) -> Result<String, Msg> {
    match parse_birth(text) {
        Some(b) => {
            if b.dropped_zero {
                report.add(
                    Kind::Assumption,
                    Msg::new("import-h-birth-october"),
                    Msg::new("import-becomes")
                        .s("from", text)
                        .s("to", b.shown()),
                    line,
                );
            }
            if b.month.is_none() {
                report.add(
                    Kind::Assumption,
                    Msg::new("import-h-birth-no-month"),
                    text,
                    line,
                );
            }
            Ok(b.shown())
        }
        None => Err(Msg::new("import-birth-bad")
            .s("name", name)
            .q("value", text)),
    }
}

fn read_rank(
    name: &str,
    text: &str,
    mapping: &Mapping,
    line: usize,
    report: &mut Report,
) -> Result<String, Msg> {
    let mapped = mapping
        .ranks
        .iter()
        .find(|(k, _)| rank_key(k) == rank_key(text))
        .map(|(_, v)| v.as_str());
    if let Some(to) = mapped {
        report.add(
            Kind::Assumption,
            Msg::new("import-h-rank-mapped"),
            Msg::new("import-becomes").s("from", text).s("to", to),
            line,
        );
        return Ok(to.to_string());
    }
    let Some(rank) = parse_rank(text) else {
        let near = near_ranks(text);
        let msg = if near.is_empty() {
            Msg::new("import-rank-bad")
        } else {
            Msg::new("import-rank-bad-near").alts("near", near)
        };
        return Err(msg.s("name", name).q("value", text));
    };
    let key = rank_key(text);
    let source = RANK_TABLE.iter().find(|(n, _, _)| *n == key).map(|x| x.2);
    let step_name = crate::io::ranks::step_name(rank.step);
    match source {
        Some(Source::OldLevel) => report.add(
            Kind::Assumption,
            Msg::new("import-h-rank-old-level"),
            Msg::new("import-becomes")
                .s("from", text)
                .s("to", step_name),
            line,
        ),
        Some(Source::OldNonLeading) => report.add(
            Kind::Assumption,
            Msg::new("import-h-rank-old-non-leading"),
            Msg::new("import-becomes")
                .s("from", text)
                .s("to", step_name),
            line,
        ),
        _ => {}
    }
    Ok(text.to_string())
}
