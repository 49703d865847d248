//! Writing a plan (SPEC §5): `plan.csv`, `plan.json` or a printable
//! `plan.xlsx` (编组名单), chosen by the output file's extension and written
//! atomically.
//!
//! Everything here is a pure function of the case, the outcome and the
//! [`PlanMeta`], except the solve time, which appears only in
//! `plan.json`'s `solver.elapsed_ms`: two runs that find the same plan write
//! the same bytes, that field aside (SPEC §7).

use super::workbook::{deterministic_workbook, write_atomic};
use crate::model::{Case, Gender, PersonId, Plan, PlanGroup, Role};
use crate::solve::{Outcome, ScoreModel, Term};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use std::path::Path;

/// What a saved plan records about where it came from, for audit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanMeta {
    /// The product version (`CARGO_PKG_VERSION`).
    pub version: String,
    /// SHA-256 of the input files, lower-case hex (see [`digest_inputs`]).
    pub inputs_sha256: String,
    /// The case as given on the command line.
    pub case: String,
}

/// SHA-256 over the files a case was read from, lower-case hex.
///
/// For a directory: the files the loader read ([`Case::input_files`]: the
/// units, people, posts, relations and regions tables that exist, then the
/// round), each hashed as its name, a NUL byte, its length as 8 bytes
/// little-endian, then its bytes. For a workbook: the file's bytes.
pub fn digest_inputs(case_path: &Path, case: &Case) -> std::io::Result<String> {
    let mut h = Sha256::new();
    if case_path.is_dir() {
        for (name, path) in &case.input_files {
            let bytes = std::fs::read(path)?;
            h.update(name.as_bytes());
            h.update([0u8]);
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(&bytes);
        }
    } else {
        h.update(std::fs::read(case_path)?);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Width of `s` on a terminal or in a spreadsheet column: East Asian wide
/// characters (CJK ideographs, kana, hangul, full-width forms) count 2.
pub fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    let u = c as u32;
    if c.is_control() || (0x300..0x370).contains(&u) || u == 0x200B {
        return 0;
    }
    let wide = (0x1100..=0x115F).contains(&u)
        || (0x2E80..=0x303E).contains(&u)
        || (0x3041..=0x33FF).contains(&u)
        || (0x3400..=0x4DBF).contains(&u)
        || (0x4E00..=0x9FFF).contains(&u)
        || (0xA000..=0xA4CF).contains(&u)
        || (0xAC00..=0xD7A3).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0xFE30..=0xFE4F).contains(&u)
        || (0xFF00..=0xFF60).contains(&u)
        || (0xFFE0..=0xFFE6).contains(&u)
        || (0x1F300..=0x1F64F).contains(&u)
        || (0x1F900..=0x1F9FF).contains(&u)
        || (0x20000..=0x3FFFD).contains(&u);
    if wide {
        2
    } else {
        1
    }
}

/// 职级 in words: 1 科员 … 5 正处.
pub fn rank_label(rank: u8) -> String {
    match rank {
        1..=5 => super::case::RANK_NAMES[rank as usize - 1].into(),
        r => r.to_string(),
    }
}

/// The group's people in print order: leaders first, then the deputies
/// (副组长), then the other members in the plan's order; `true` marks a leader.
pub(crate) fn roster(pg: &PlanGroup) -> impl Iterator<Item = (PersonId, bool)> + '_ {
    roles(pg).map(|(p, r)| (p, r == Role::Leader))
}

/// [`roster`] with each person's role.
pub(crate) fn roles(pg: &PlanGroup) -> impl Iterator<Item = (PersonId, Role)> + '_ {
    let deputies = pg
        .deputies
        .iter()
        .filter(|p| !pg.leaders.contains(p))
        .map(|&p| (p, Role::Deputy));
    pg.leaders
        .iter()
        .map(|&p| (p, Role::Leader))
        .chain(deputies)
        .chain(
            pg.members
                .iter()
                .filter(|p| !pg.leaders.contains(p) && !pg.deputies.contains(p))
                .map(|&p| (p, Role::Member)),
        )
}

/// Per area: the sum of the members' levels and how many have level ≥ 1.
pub(crate) fn area_totals(case: &Case, pg: &PlanGroup) -> Vec<(u32, u32)> {
    let mut out = vec![(0u32, 0u32); case.round.areas.len()];
    for (p, _) in roster(pg) {
        for (k, &l) in case.person(p).levels.iter().enumerate() {
            if let Some(t) = out.get_mut(k) {
                t.0 += l as u32;
                t.1 += (l >= 1) as u32;
            }
        }
    }
    out
}

/// `plan.csv` (SPEC §5): `group, role, person_id, name, unit, region`, one row
/// per person placed (leaders first in each group), UTF-8 with a BOM so that
/// Excel and WPS show the Chinese names.
pub fn plan_csv(case: &Case, plan: &Plan) -> Vec<u8> {
    let mut buf = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut buf);
        let header = ["group", "role", "person_id", "name", "unit", "region"];
        // writing into a Vec cannot fail
        w.write_record(header).expect("write to memory");
        for pg in &plan.groups {
            let gid = &case.group(pg.group).id;
            for (p, role) in roles(pg) {
                let x = case.person(p);
                w.write_record([
                    gid.as_str(),
                    &role.to_string(),
                    x.id.as_str(),
                    x.name.as_str(),
                    case.unit(x.unit).id.as_str(),
                    case.region(x.region),
                ])
                .expect("write to memory");
            }
        }
        w.flush().expect("write to memory");
    }
    buf
}

/// `plan.json` (SPEC §5): the groups with their targets, leaders, members,
/// expertise totals and size; the score term by term; who is left out and
/// why; the seed, the solver and its time (`solver.elapsed_ms`, the only
/// field that varies between identical runs), the version and the digest
/// of the inputs; and what the reader noticed in them (`warnings`).
pub fn plan_json(case: &Case, model: &ScoreModel, outcome: &Outcome, meta: &PlanMeta) -> Value {
    let groups: Vec<Value> = outcome
        .plan
        .groups
        .iter()
        .map(|pg| {
            let g = case.group(pg.group);
            let ids = |ps: &[PersonId]| -> Vec<&str> {
                ps.iter().map(|&p| case.person(p).id.as_str()).collect()
            };
            let leaders = ids(&pg.leaders);
            let deputies = ids(&pg.deputies);
            let mut members: Vec<PersonId> = pg.members.clone();
            for &l in pg.leaders.iter().chain(&pg.deputies) {
                if !members.contains(&l) {
                    members.push(l);
                }
            }
            let size = members.len();
            let members = ids(&members);
            let mut expertise = Map::new();
            let mut count_with = Map::new();
            for (a, (sum, n)) in case.round.areas.iter().zip(area_totals(case, pg)) {
                expertise.insert(a.key.clone(), sum.into());
                count_with.insert(a.key.clone(), n.into());
            }
            json!({
                "id": g.id,
                "targets": g.targets.iter().map(|&t| case.unit(t).id.clone()).collect::<Vec<_>>(),
                "leaders": leaders,
                "deputies": deputies,
                "members": members,
                "expertise": expertise,
                "count_with": count_with,
                "size": size,
            })
        })
        .collect();
    let terms: Vec<Term> = outcome.score.terms(case, model);
    let left_out: Vec<Value> = outcome
        .left_out
        .iter()
        .map(|(p, why)| json!({ "person": case.person(*p).id, "reason": why }))
        .collect();
    let unstaffed: Vec<Value> = outcome
        .unstaffed
        .iter()
        .map(|(g, why)| json!({ "group": case.group(*g).id, "reason": why }))
        .collect();
    json!({
        "groups": groups,
        "score": {
            "total": outcome.score.total(model),
            "terms": terms,
        },
        "left_out": left_out,
        "unstaffed": unstaffed,
        "seed": outcome.seed,
        "solver": {
            "name": outcome.solver,
            "status": outcome.status,
            "iterations": outcome.iterations,
            "elapsed_ms": outcome.elapsed.as_millis() as u64,
        },
        "version": meta.version,
        "inputs_sha256": meta.inputs_sha256,
        "case": meta.case,
        "warnings": case.warnings,
    })
}

/// Formats of the printable workbook.
struct Formats {
    title: Format,
    group: Format,
    head: Format,
    cell: Format,
    center: Format,
    total: Format,
    number: Format,
    key: Format,
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
            group: font(Format::new())
                .set_bold()
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            head: boxed(font(Format::new()))
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color("#D9D9D9"),
            cell: boxed(font(Format::new())),
            center: boxed(font(Format::new())).set_align(FormatAlign::Center),
            total: boxed(font(Format::new()))
                .set_bold()
                .set_align(FormatAlign::Center),
            number: boxed(font(Format::new())).set_num_format("0.00"),
            key: font(Format::new()).set_bold(),
        }
    }
}

/// A column width for Excel (in widths of `0`) that fits the longest text.
fn fit(texts: impl Iterator<Item = usize>, min: usize, max: usize) -> f64 {
    (texts.max().unwrap_or(0) + 2).clamp(min, max) as f64
}

fn roster_sheet(
    ws: &mut Worksheet,
    case: &Case,
    outcome: &Outcome,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name("编组名单")?;
    let areas = &case.round.areas;
    let ncols = 8 + areas.len() as u16;
    let last = ncols - 1;
    let round = if case.round.name.is_empty() {
        "交叉巡察".to_string()
    } else {
        case.round.name.clone()
    };
    ws.set_row_height(0, 30)?;
    ws.merge_range(
        0,
        0,
        0,
        last,
        &format!("{round}（{}年）编组名单", case.round.year),
        &f.title,
    )?;
    let headers: Vec<String> = [
        "角色",
        "编号",
        "姓名",
        "性别",
        "出生年份",
        "职级",
        "工作单位",
        "地区",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain(areas.iter().map(|a| a.label.clone()))
    .collect();
    // widths: Chinese characters count double
    let placed: Vec<_> = outcome
        .plan
        .groups
        .iter()
        .flat_map(|pg| roster(pg).map(|(p, _)| case.person(p)))
        .collect();
    let mut widths = vec![
        6.0,
        fit(placed.iter().map(|x| display_width(&x.id)), 8, 16),
        fit(placed.iter().map(|x| display_width(&x.name)), 8, 20),
        5.0,
        9.0,
        6.0,
        fit(
            placed
                .iter()
                .map(|x| display_width(&case.unit(x.unit).name)),
            10,
            40,
        ),
        fit(
            placed.iter().map(|x| display_width(case.region(x.region))),
            6,
            16,
        ),
    ];
    widths.extend(
        areas
            .iter()
            .map(|a| fit(std::iter::once(display_width(&a.label)), 6, 14)),
    );
    for (j, w) in widths.iter().enumerate() {
        ws.set_column_width(j as u16, *w)?;
    }
    // what fits on one line of a merged row (bold text is a little wider)
    let total_width = (widths.iter().sum::<f64>() * 0.9) as usize;
    let mut row: u32 = 2;
    let unstaffed_reason = |g| {
        outcome
            .unstaffed
            .iter()
            .find(|(u, _)| *u == g)
            .map(|(_, why)| why.clone())
    };
    for pg in &outcome.plan.groups {
        let g = case.group(pg.group);
        let targets: Vec<String> = g
            .targets
            .iter()
            .map(|&t| format!("{}（{}）", case.unit(t).name, case.unit(t).id))
            .collect();
        let people = roster(pg).count();
        let text = format!(
            "{}　巡察对象：{}　（{}人）",
            g.id,
            targets.join("、"),
            people
        );
        ws.merge_range(row, 0, row, last, &text, &f.group)?;
        // the merged cell wraps: give it the lines it needs
        let lines = display_width(&text).div_ceil(total_width.max(1)).max(1);
        ws.set_row_height(row, 20 * lines as u32)?;
        row += 1;
        if people == 0 {
            let why = unstaffed_reason(pg.group).unwrap_or_else(|| "无人".into());
            ws.merge_range(row, 0, row, last, &format!("未组建：{why}"), &f.cell)?;
            row += 2;
            continue;
        }
        for (j, h) in headers.iter().enumerate() {
            ws.write_string_with_format(row, j as u16, h, &f.head)?;
        }
        row += 1;
        for (p, role) in roles(pg) {
            let x = case.person(p);
            let word = match role {
                Role::Leader => "组长",
                Role::Deputy => "副组长",
                Role::Member => "组员",
            };
            ws.write_string_with_format(row, 0, word, &f.center)?;
            ws.write_string_with_format(row, 1, &x.id, &f.center)?;
            ws.write_string_with_format(row, 2, &x.name, &f.center)?;
            let sex = match x.gender {
                Gender::Male => "男",
                Gender::Female => "女",
            };
            ws.write_string_with_format(row, 3, sex, &f.center)?;
            ws.write_number_with_format(row, 4, x.birth_year as f64, &f.center)?;
            ws.write_string_with_format(row, 5, rank_label(x.rank), &f.center)?;
            ws.write_string_with_format(row, 6, &case.unit(x.unit).name, &f.cell)?;
            ws.write_string_with_format(row, 7, case.region(x.region), &f.center)?;
            for (k, _) in areas.iter().enumerate() {
                let l = x.levels.get(k).copied().unwrap_or(0);
                if l > 0 {
                    ws.write_number_with_format(row, 8 + k as u16, l as f64, &f.center)?;
                } else {
                    ws.write_blank(row, 8 + k as u16, &f.center)?;
                }
            }
            row += 1;
        }
        let totals = area_totals(case, pg);
        ws.merge_range(row, 0, row, 7, "专业等级合计", &f.total)?;
        for (k, (sum, _)) in totals.iter().enumerate() {
            ws.write_number_with_format(row, 8 + k as u16, *sum as f64, &f.total)?;
        }
        row += 1;
        ws.merge_range(row, 0, row, 7, "具备该专业人数", &f.total)?;
        for (k, (_, n)) in totals.iter().enumerate() {
            ws.write_number_with_format(row, 8 + k as u16, *n as f64, &f.total)?;
        }
        row += 2;
    }
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

/// Chinese description of a score term.
fn term_label(case: &Case, key: &str) -> String {
    if let Some(area) = key.strip_prefix("expertise.") {
        let label = case
            .round
            .areas
            .iter()
            .find(|a| a.key == area)
            .map(|a| a.label.as_str())
            .unwrap_or(area);
        return format!("{label}专业力量差距（各组等级合计的极差）");
    }
    match key {
        "rank" => "各组平均职级差距",
        "age" => "各组平均年龄差距（岁）",
        "gender" => "各组女性占比差距",
        "mixing" => "同组同地区、同单位人员（超出人员构成所必需的部分）",
        "must_serve" => "须参加人员未入选人数",
        "recent" => "近年参加过巡察人员的使用",
        "moved" => "较基准方案调整的人数",
        _ => "",
    }
    .to_string()
}

fn score_sheet(
    ws: &mut Worksheet,
    case: &Case,
    model: &ScoreModel,
    outcome: &Outcome,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name("评分")?;
    for (j, h) in ["项目", "数值", "权重", "得分", "说明"].iter().enumerate() {
        ws.write_string_with_format(0, j as u16, *h, &f.head)?;
    }
    let terms = outcome.score.terms(case, model);
    let mut row = 1;
    for t in &terms {
        ws.write_string_with_format(row, 0, &t.key, &f.cell)?;
        ws.write_number_with_format(row, 1, t.value, &f.number)?;
        ws.write_number_with_format(row, 2, t.weight, &f.number)?;
        ws.write_number_with_format(row, 3, t.cost, &f.number)?;
        ws.write_string_with_format(row, 4, term_label(case, &t.key), &f.cell)?;
        row += 1;
    }
    ws.write_string_with_format(row, 0, "合计", &f.total)?;
    ws.write_blank(row, 1, &f.cell)?;
    ws.write_blank(row, 2, &f.cell)?;
    ws.write_number_with_format(row, 3, outcome.score.total(model), &f.number)?;
    ws.write_string_with_format(row, 4, "越低越好", &f.cell)?;
    ws.set_column_width(0, fit(terms.iter().map(|t| display_width(&t.key)), 10, 40))?;
    for c in 1..=3 {
        ws.set_column_width(c, 10)?;
    }
    ws.set_column_width(
        4,
        fit(
            terms
                .iter()
                .map(|t| display_width(&term_label(case, &t.key))),
            10,
            60,
        ),
    )?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

fn left_out_sheet(
    ws: &mut Worksheet,
    case: &Case,
    outcome: &Outcome,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name("未入选")?;
    let heads = ["编号", "姓名", "工作单位", "地区", "须参加", "原因"];
    for (j, h) in heads.iter().enumerate() {
        ws.write_string_with_format(0, j as u16, *h, &f.head)?;
    }
    let mut row = 1;
    for (p, why) in &outcome.left_out {
        let x = case.person(*p);
        ws.write_string_with_format(row, 0, &x.id, &f.center)?;
        ws.write_string_with_format(row, 1, &x.name, &f.center)?;
        ws.write_string_with_format(row, 2, &case.unit(x.unit).name, &f.cell)?;
        ws.write_string_with_format(row, 3, case.region(x.region), &f.center)?;
        ws.write_string_with_format(row, 4, if x.must_serve { "是" } else { "" }, &f.center)?;
        ws.write_string_with_format(row, 5, why, &f.cell)?;
        row += 1;
    }
    if !outcome.unstaffed.is_empty() {
        row += 1;
        ws.write_string_with_format(row, 0, "未组建的组", &f.key)?;
        row += 1;
        ws.write_string_with_format(row, 0, "组别", &f.head)?;
        ws.merge_range(row, 1, row, 5, "原因", &f.head)?;
        row += 1;
        for (g, why) in &outcome.unstaffed {
            ws.write_string_with_format(row, 0, &case.group(*g).id, &f.center)?;
            ws.merge_range(row, 1, row, 5, why, &f.cell)?;
            row += 1;
        }
    }
    let people: Vec<_> = outcome
        .left_out
        .iter()
        .map(|(p, _)| case.person(*p))
        .collect();
    ws.set_column_width(0, fit(people.iter().map(|x| display_width(&x.id)), 8, 16))?;
    ws.set_column_width(1, fit(people.iter().map(|x| display_width(&x.name)), 8, 20))?;
    ws.set_column_width(
        2,
        fit(
            people
                .iter()
                .map(|x| display_width(&case.unit(x.unit).name)),
            10,
            40,
        ),
    )?;
    ws.set_column_width(3, 8)?;
    ws.set_column_width(4, 7)?;
    ws.set_column_width(
        5,
        fit(
            outcome
                .left_out
                .iter()
                .map(|(_, w)| display_width(w))
                .chain(outcome.unstaffed.iter().map(|(_, w)| display_width(w))),
            12,
            80,
        ),
    )?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

fn about_sheet(
    ws: &mut Worksheet,
    case: &Case,
    model: &ScoreModel,
    outcome: &Outcome,
    meta: &PlanMeta,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name("说明")?;
    let placed: usize = outcome
        .plan
        .groups
        .iter()
        .map(|pg| roster(pg).count())
        .sum();
    let rows: Vec<(&str, String)> = vec![
        ("轮次", case.round.name.clone()),
        ("年份", case.round.year.to_string()),
        ("组数", outcome.plan.groups.len().to_string()),
        ("入选人数", placed.to_string()),
        ("未入选人数", outcome.left_out.len().to_string()),
        ("评分合计", format!("{:.2}", outcome.score.total(model))),
        ("随机种子 seed", outcome.seed.to_string()),
        ("求解器 solver", outcome.solver.clone()),
        ("结束状态 status", outcome.status.clone()),
        ("版本 version", meta.version.clone()),
        ("输入文件 SHA-256", meta.inputs_sha256.clone()),
        ("案例 case", meta.case.clone()),
    ];
    for (i, (k, v)) in rows.iter().enumerate() {
        ws.write_string_with_format(i as u32, 0, *k, &f.key)?;
        ws.write_string(i as u32, 1, v)?;
    }
    ws.set_column_width(0, 20)?;
    ws.set_column_width(1, fit(rows.iter().map(|(_, v)| display_width(v)), 20, 80))?;
    Ok(())
}

/// `plan.xlsx`: a printable workbook — sheet `编组名单` (per group its
/// targets, people with their expertise and the per-area totals), `评分`
/// (the score term by term), `未入选` (who is left out and why, groups left
/// unstaffed) and `说明` (seed, solver, status, version, digest, case). The
/// bytes depend only on the arguments (no solve time, a fixed creation date).
pub fn plan_xlsx(
    case: &Case,
    model: &ScoreModel,
    outcome: &Outcome,
    meta: &PlanMeta,
) -> Result<Vec<u8>, XlsxError> {
    let mut book: Workbook = deterministic_workbook()?;
    let f = Formats::new();
    roster_sheet(book.add_worksheet(), case, outcome, &f)?;
    score_sheet(book.add_worksheet(), case, model, outcome, &f)?;
    left_out_sheet(book.add_worksheet(), case, outcome, &f)?;
    about_sheet(book.add_worksheet(), case, model, outcome, meta, &f)?;
    book.save_to_buffer()
}

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
    let mut book: Workbook = deterministic_workbook()?;
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

/// The formats a plan is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanFormat {
    /// plan.csv
    Csv,
    /// plan.json
    Json,
    /// plan.xlsx
    Xlsx,
}

/// The format named by the file's extension (`csv`, `json` or `xlsx`, any case).
pub fn plan_format(path: &Path) -> anyhow::Result<PlanFormat> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    Ok(match ext.as_str() {
        "csv" => PlanFormat::Csv,
        "json" => PlanFormat::Json,
        "xlsx" => PlanFormat::Xlsx,
        _ => anyhow::bail!(
            "cannot write a plan to {}: the output file must end in .csv, .json or .xlsx",
            path.display()
        ),
    })
}

/// Writes the plan to `path` in the format its extension names (see
/// [`plan_format`]), atomically.
pub fn write_plan(
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
            let mut text = serde_json::to_string_pretty(&plan_json(case, model, outcome, meta))?;
            text.push('\n');
            text.into_bytes()
        }
        PlanFormat::Xlsx => plan_xlsx(case, model, outcome, meta)
            .with_context(|| format!("cannot build the workbook {}", path.display()))?,
    };
    write_atomic(path, &bytes).with_context(|| format!("cannot write {}", path.display()))
}
