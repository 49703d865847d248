//! An empty case workbook for an office to fill in (`xuncha template`):
//! a sheet per table under its Chinese name with Chinese headers, a 说明
//! sheet explaining each column, and drop-downs (data validation) where a
//! column takes one of a few values: 是/否, 男/女, ranks, relation kinds,
//! roles, and levels 0–3.

use super::ranks::rank_names;
use super::workbook::{deterministic_workbook, write_atomic};
use crate::error::{InputError, InputErrors};
use crate::msg::Msg;
use rust_xlsxwriter::{DataValidation, DataValidationRule, Format, Workbook, Worksheet, XlsxError};
use std::path::Path;

/// How many rows below the header get the drop-downs.
const ROWS: u32 = 2000;

/// What a column takes.
#[derive(Clone, Copy)]
enum Takes {
    Text,
    YesNo,
    Gender,
    Rank,
    Level,
    RelationKind,
    Role,
}

/// A column of the template: header, required, what it takes, what it
/// means, an example.
type Col = (&'static str, bool, Takes, &'static str, &'static str);

/// The template's sheets and their columns.
fn sheets() -> Vec<(&'static str, Vec<Col>)> {
    let mut v = table_sheets();
    v.extend(more_sheets());
    v
}

/// The sheets of units, regions and people.
fn table_sheets() -> Vec<(&'static str, Vec<Col>)> {
    use Takes::*;
    vec![
        (
            "地区",
            vec![
                ("编号", false, Text, "地区代码；不填则以名称为编号", "R05"),
                ("名称", true, Text, "县（市、区）或市本级的名称", "东安县"),
                (
                    "别名",
                    false,
                    Text,
                    "简称等其他写法，多个用、分隔；籍贯写简称也能认出",
                    "东安",
                ),
            ],
        ),
        (
            "单位",
            vec![
                (
                    "编号",
                    false,
                    Text,
                    "单位编号；不填则以名称为编号（名称须不重复）",
                    "DA-CZJ",
                ),
                (
                    "名称",
                    true,
                    Text,
                    "单位全称；其他表可用编号或名称指代单位",
                    "东安县财政局",
                ),
                (
                    "地区",
                    true,
                    Text,
                    "所在县（市、区），市直单位填市本级；写地区表的编号或名称",
                    "东安县",
                ),
                ("类型", false, Text, "部门、乡镇、村社区、国企等", "部门"),
                (
                    "上级单位",
                    false,
                    Text,
                    "所属单位（村属于乡镇、下属单位属于主管部门），写编号或名称",
                    "",
                ),
                ("备注", false, Text, "不参与计算", ""),
            ],
        ),
        (
            "人才库",
            vec![
                (
                    "编号",
                    false,
                    Text,
                    "人员编号；不填则以姓名为编号（重名者加出生年份）",
                    "P001",
                ),
                ("姓名", true, Text, "", "周某某"),
                ("性别", true, Gender, "男/女", "男"),
                (
                    "出生年月",
                    true,
                    Text,
                    "如 1968.03、1975年8月、1978-05，或日期单元格",
                    "1968.03",
                ),
                (
                    "职级",
                    true,
                    Rank,
                    "2019年职级（一级调研员…二级科员）或原职务层次（正处…科员）",
                    "一级调研员",
                ),
                (
                    "工作单位",
                    true,
                    Text,
                    "现工作单位，写单位表的编号或名称",
                    "市财政局",
                ),
                ("地区", false, Text, "不填则取工作单位所在地区", ""),
                (
                    "籍贯",
                    false,
                    Text,
                    "写地区编号、名称或别名；“云州市东安县”也能认出",
                    "东安",
                ),
                ("组长库", true, YesNo, "是否在组长库", "否"),
                ("可抽调", false, YesNo, "不填为“是”", "是"),
                (
                    "须参加",
                    false,
                    YesNo,
                    "本轮必须参加（如新提拔干部），不填为“否”",
                    "否",
                ),
                (
                    "上次巡察年份",
                    false,
                    Text,
                    "最近一次参加巡察的年份",
                    "2024",
                ),
                ("纪检监察", false, Level, "专长等级 0–3，不填为 0", "2"),
                ("组织人事", false, Level, "专长等级 0–3", ""),
                ("审计", false, Level, "专长等级 0–3", ""),
                ("财务", false, Level, "专长等级 0–3", "1"),
                ("民族", false, Text, "不参与计算，随名单带出", "汉族"),
                (
                    "政治面貌",
                    false,
                    Text,
                    "不参与计算，随名单带出",
                    "中共党员",
                ),
                ("联系电话", false, Text, "不参与计算，随名单带出", ""),
                ("备注", false, Text, "不参与计算，随名单带出", ""),
            ],
        ),
    ]
}

/// The sheets of posts, relations and the round.
fn more_sheets() -> Vec<(&'static str, Vec<Col>)> {
    use Takes::*;
    vec![
        (
            "任职经历",
            vec![
                ("人员", true, Text, "人员编号或姓名", "周某某"),
                ("单位", true, Text, "曾任职单位的编号或名称", "东安县审计局"),
                ("起始年份", false, Text, "", "2015"),
                ("终止年份", false, Text, "不填表示仍在任", "2021"),
            ],
        ),
        (
            "关系",
            vec![
                (
                    "类型",
                    true,
                    RelationKind,
                    "亲属（两人都在库）、亲属任职、公务回避、业务关联",
                    "亲属任职",
                ),
                (
                    "甲",
                    true,
                    Text,
                    "人员（业务关联时为单位），编号或名称",
                    "周某某",
                ),
                (
                    "乙",
                    true,
                    Text,
                    "人员（亲属）或单位，编号或名称",
                    "东安县城关镇",
                ),
                ("备注", false, Text, "", "配偶在该镇任职"),
            ],
        ),
        (
            "巡察组",
            vec![
                (
                    "组别",
                    true,
                    Text,
                    "巡察组编号，每个被巡察单位一行",
                    "第一组",
                ),
                ("被巡察单位", true, Text, "单位编号或名称", "东安县财政局"),
                (
                    "规模",
                    false,
                    Text,
                    "本组人数范围，如 5-6；不填按参数表",
                    "",
                ),
                ("组名", false, Text, "如“第一巡察组”，既定人选可用组名", ""),
            ],
        ),
        (
            "参数",
            vec![
                ("项目", true, Text, "见下方各行", ""),
                ("值", true, Text, "", ""),
                ("说明", false, Text, "不参与计算", ""),
            ],
        ),
        (
            "既定人选",
            vec![
                ("人员", true, Text, "人员编号或姓名", ""),
                ("组别", true, Text, "组别或组名", ""),
                ("角色", false, Role, "组长/组员，不填为组员", "组员"),
            ],
        ),
    ]
}

/// The rows of the 参数 sheet: key, default value, meaning.
const POLICY_ROWS: [(&str, &str, &str); 14] = [
    ("名称", "", "本轮巡察名称，如“2026年第一轮交叉巡察”"),
    ("年份", "", "本轮年份（计算年龄、任职回避年限）"),
    (
        "areas",
        "纪检监察,组织人事,审计,财务",
        "专长领域；可加 工程、政法、信访",
    ),
    ("group_size", "4-6", "每组人数（含组长）"),
    ("leaders_per_group", "1", "每组组长人数"),
    (
        "post_lookback_years",
        "0",
        "任职回避年限：0 为所有任职经历都回避",
    ),
    ("region_avoidance", "是", "地域回避：不巡察本人工作地区"),
    ("native_avoidance", "是", "籍贯回避：不巡察籍贯地"),
    ("business_avoidance", "是", "公务回避：单位间业务关联"),
    ("reciprocal_avoidance", "是", "对等互查回避"),
    ("max_same_region", "2", "每组同一地区最多人数"),
    ("max_same_unit", "1", "每组同一单位最多人数"),
    (
        "leader_outranks_members",
        "是",
        "组长职级不低于本组组员（一级、二级分开比较）",
    ),
    ("exclude", "", "本轮不抽调的人员，用、分隔"),
];

fn validation(takes: Takes) -> Result<Option<DataValidation>, XlsxError> {
    let list = |items: &[&str]| -> Result<Option<DataValidation>, XlsxError> {
        Ok(Some(DataValidation::new().allow_list_strings(items)?))
    };
    match takes {
        Takes::Text => Ok(None),
        Takes::YesNo => list(&["是", "否"]),
        Takes::Gender => list(&["男", "女"]),
        Takes::Rank => list(&rank_names()),
        Takes::RelationKind => list(&["亲属", "亲属任职", "公务回避", "业务关联"]),
        Takes::Role => list(&["组长", "组员"]),
        Takes::Level => Ok(Some(
            DataValidation::new()
                .allow_whole_number(DataValidationRule::Between(0, 3))
                .set_error_message("专长等级为 0–3 的整数")?,
        )),
    }
}

fn table_sheet(
    book: &mut Workbook,
    name: &str,
    cols: &[Col],
    bold: &Format,
) -> Result<(), XlsxError> {
    let ws: &mut Worksheet = book.add_worksheet();
    ws.set_name(name)?;
    for (j, (header, required, takes, _, _)) in cols.iter().enumerate() {
        let j = j as u16;
        // a required column is marked the way forms mark them (*姓名)
        let text = if *required {
            format!("*{header}")
        } else {
            header.to_string()
        };
        ws.write_string_with_format(0, j, &text, bold)?;
        ws.set_column_width(j, (header.chars().count() as f64 * 2.5).max(10.0))?;
        if let Some(v) = validation(*takes)? {
            ws.add_data_validation(1, j, ROWS, j, &v)?;
        }
    }
    if name == "参数" {
        for (i, (key, value, note)) in POLICY_ROWS.iter().enumerate() {
            let r = i as u32 + 1;
            ws.write_string(r, 0, *key)?;
            if !value.is_empty() {
                ws.write_string(r, 1, *value)?;
            }
            ws.write_string(r, 2, *note)?;
        }
        ws.set_column_width(0, 22)?;
        ws.set_column_width(1, 28)?;
        ws.set_column_width(2, 40)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn notes_sheet(book: &mut Workbook, bold: &Format) -> Result<(), XlsxError> {
    let ws = book.add_worksheet();
    ws.set_name("说明")?;
    let lines = [
        "本工作簿是 xuncha 的空白案例：填好各表后，用 xuncha plan 本文件.xlsx 编组。",
        "表名（工作表名）和列名不要改动；可以删去不用的可选表（地区、任职经历、关系、既定人选）。",
        "单位、人员、巡察组都可以用编号或名称指代；名称重复时须写编号。",
        "带下拉框的列请从下拉框选择；本“说明”表不参与计算。",
    ];
    for (i, l) in lines.iter().enumerate() {
        ws.write_string(i as u32, 0, *l)?;
    }
    let top = lines.len() as u32 + 1;
    for (j, h) in ["工作表", "列", "必填", "说明", "示例"].iter().enumerate() {
        ws.write_string_with_format(top, j as u16, *h, bold)?;
    }
    let mut r = top + 1;
    for (sheet, cols) in sheets() {
        for (header, required, _, meaning, example) in cols {
            ws.write_string(r, 0, sheet)?;
            ws.write_string(r, 1, header)?;
            ws.write_string(r, 2, if required { "是" } else { "" })?;
            ws.write_string(r, 3, meaning)?;
            ws.write_string(r, 4, example)?;
            r += 1;
        }
    }
    for (j, w) in [10.0, 14.0, 6.0, 70.0, 18.0].iter().enumerate() {
        ws.set_column_width(j as u16, *w)?;
    }
    Ok(())
}

/// The template workbook's bytes (the same bytes every time).
pub fn template_bytes() -> Result<Vec<u8>, XlsxError> {
    let mut book = deterministic_workbook()?;
    let bold = Format::new().set_bold();
    notes_sheet(&mut book, &bold)?;
    for (name, cols) in sheets() {
        table_sheet(&mut book, name, &cols, &bold)?;
    }
    book.save_to_buffer()
}

/// Writes the template to `out` (atomically).
pub fn write_template(out: &Path) -> Result<(), InputErrors> {
    let fail = |m: String| -> InputErrors {
        InputError::Io {
            path: out.display().to_string(),
            message: Msg::io(m),
        }
        .into()
    };
    let bytes = template_bytes().map_err(|e| fail(e.to_string()))?;
    write_atomic(out, &bytes).map_err(|e| fail(e.to_string()))
}

/// Every column of the template, by sheet: for tests and the README.
pub fn template_columns() -> Vec<(&'static str, Vec<&'static str>)> {
    sheets()
        .into_iter()
        .map(|(s, cols)| (s, cols.iter().map(|c| c.0).collect()))
        .collect()
}
