//! The tables of a case, by every name an office gives them: one list, used
//! to find the files of a case directory and the sheets of a workbook, to
//! name what was not read, and by the input digest.
//!
//! A file or sheet name matches a table when, compared without regard to
//! letter case, full-width forms, spaces and a trailing 表 ("table"), it is
//! one of the table's names ([`Table::names`]; the README lists them).

use super::sheet::Column;
use super::text::name_key;

/// A table of a case (SPEC §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    /// `units` (单位).
    Units,
    /// `people` (人才库).
    People,
    /// `posts` (任职经历), optional.
    Posts,
    /// `relations` (关系), optional.
    Relations,
    /// `regions` (地区), optional: region codes with their names.
    Regions,
    /// The round: `round.toml`, or in a workbook the sheet `round` (巡察组).
    Round,
    /// The round's policy sheet of a workbook (参数).
    Policy,
    /// The round's pins sheet of a workbook (既定人选).
    Pins,
}

impl Table {
    /// Every table, in reading order.
    pub const ALL: [Table; 8] = [
        Table::Units,
        Table::People,
        Table::Posts,
        Table::Relations,
        Table::Regions,
        Table::Round,
        Table::Policy,
        Table::Pins,
    ];

    /// The English key, also the first file name (`units.csv`).
    pub fn key(self) -> &'static str {
        self.names()[0]
    }

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        self.names()[1]
    }

    /// The names a file or sheet of this table may have: the English key,
    /// the Chinese name of SPEC §2, then the names offices use.
    pub fn names(self) -> &'static [&'static str] {
        match self {
            Table::Units => &[
                "units",
                "单位",
                "unit",
                "单位信息",
                "单位名单",
                "单位清单",
                "单位列表",
                "单位库",
                "单位名录",
                "机构",
                "机构名单",
            ],
            Table::People => &[
                "people",
                "人才库",
                "person",
                "persons",
                "人员",
                "花名册",
                "名册",
                "人员名单",
                "人员信息",
                "人员清单",
                "人员名册",
                "人员花名册",
                "人才库名单",
                "人才库人员",
                "人才库人员名单",
                "巡察人才库",
                "巡察人才库名单",
                "巡察人才库人员名单",
            ],
            Table::Posts => &[
                "posts",
                "任职经历",
                "post",
                "工作经历",
                "任职情况",
                "任职信息",
                "任职履历",
                "工作履历",
                "履历",
                "简历",
                "任职",
            ],
            Table::Relations => &[
                "relations",
                "关系",
                "relation",
                "亲属关系",
                "回避关系",
                "亲属及回避关系",
                "亲属和回避关系",
                "亲属与回避关系",
                "回避情况",
                "社会关系",
                "关联关系",
                "亲属",
            ],
            Table::Regions => &[
                "regions",
                "地区",
                "region",
                "区域",
                "行政区划",
                "区划",
                "地区名称",
            ],
            Table::Round => &[
                "round",
                "巡察组",
                "轮次",
                "巡察轮次",
                "分组",
                "编组",
                "巡察安排",
                "本轮巡察安排",
                "巡察组安排",
                "本轮安排",
            ],
            Table::Policy => &[
                "policy",
                "参数",
                "政策",
                "设置",
                "规则",
                "编组规则",
                "参数设置",
            ],
            Table::Pins => &[
                "pins",
                "既定人选",
                "pin",
                "已定人选",
                "指定人选",
                "锁定人选",
            ],
        }
    }

    /// The columns a table must have, to recognise one by its header when
    /// its name is none of [`Table::names`] (the people table's optional and
    /// area columns aside).
    pub fn required_columns(self) -> Vec<Column> {
        let c = Column::new;
        match self {
            Table::Units => vec![
                c("id", "编号", true),
                c("name", "名称", true),
                c("region", "地区", true),
            ],
            Table::People => people_columns()
                .into_iter()
                .filter(|c| c.required)
                .collect(),
            Table::Posts => vec![c("person", "人员", true), c("unit", "单位", true)],
            Table::Relations => vec![
                c("kind", "类型", true),
                c("a", "甲", true),
                c("b", "乙", true),
            ],
            Table::Regions => vec![c("id", "编号", true), c("name", "名称", true)],
            Table::Round => vec![c("group", "组别", true), c("target", "被巡察单位", true)],
            Table::Policy => vec![c("key", "项目", true), c("value", "值", true)],
            Table::Pins => vec![c("person", "人员", true), c("group", "组别", true)],
        }
    }

    /// Is this table read from CSV files in a case directory? (The round is
    /// `round.toml` there; `policy` and `pins` are its parts.)
    pub fn in_directory(self) -> bool {
        !matches!(self, Table::Round | Table::Policy | Table::Pins)
    }

    /// Must a case have it?
    pub fn required(self) -> bool {
        matches!(self, Table::Units | Table::People | Table::Round)
    }
}

/// The columns of `people` before the area columns (SPEC §2.2), with the
/// Chinese names offices write.
pub fn people_columns() -> Vec<Column> {
    vec![
        Column::with("id", &["编号", "人员编号"], false),
        Column::with("name", &["姓名"], true),
        Column::with("gender", &["性别"], true),
        Column::with(
            "birth_year",
            &["出生年份", "出生年", "出生年月", "出生日期"],
            true,
        ),
        Column::with("rank", &["职级"], true),
        Column::with("unit", &["工作单位", "单位", "现工作单位"], true),
        Column::with("region", &["地区"], false),
        Column::with("native_region", &["籍贯"], false),
        Column::with("leader", &["组长库", "是否组长库"], true),
        Column::with("available", &["可抽调", "是否可抽调"], false),
        Column::with("must_serve", &["须参加", "必须参加", "是否须参加"], false),
        Column::with("last_served", &["上次巡察年份", "上次参加巡察年份"], false),
        Column::with("deputy", &["副组长库", "是否副组长库"], false),
    ]
}

/// Columns of a people table that no rule reads, as rosters have them:
/// carried as written (SPEC §8), never an error.
pub const CARRIED_COLUMNS: [&str; 36] = [
    "序号",
    "民族",
    "政治面貌",
    "联系电话",
    "电话",
    "手机",
    "手机号码",
    "联系方式",
    "办公电话",
    "备注",
    "职务",
    "现任职务",
    "工作单位及职务",
    "单位及职务",
    "学历",
    "文化程度",
    "学位",
    "全日制学历",
    "在职学历",
    "毕业院校",
    "毕业院校及专业",
    "专业",
    "身份证号",
    "身份证号码",
    "公民身份号码",
    "参加工作时间",
    "入党时间",
    "任现职时间",
    "任现职级时间",
    "专业特长",
    "专长",
    "业务专长",
    "副组长库",
    "是否副组长库",
    "巡察经历",
    "参加巡察情况",
];

/// Is a people column carried as written: one of [`CARRIED_COLUMNS`], or a
/// header starting with 附 (附：家庭住址), the mark for any other column?
pub fn is_carried_column(header: &str) -> bool {
    let key = name_key(header);
    key.starts_with('附') || CARRIED_COLUMNS.iter().any(|c| name_key(c) == key)
}

/// Is `text` the name of a column of one of a case's tables (or of a plan),
/// in English or Chinese? The header of a table is found by such names.
pub fn is_column_name(text: &str) -> bool {
    if text.is_empty() {
        return false;
    }
    let plan = [
        Column::new("group", "组别", true),
        Column::new("role", "角色", true),
        Column::new("person_id", "人员编号", true),
    ];
    let extra = [
        Column::new("kind", "类型", false),
        Column::new("parent", "上级单位", false),
        Column::new("note", "备注", false),
        Column::new("from_year", "起始年份", false),
        Column::new("to_year", "终止年份", false),
        Column::new("size", "规模", false),
        Column::new("aliases", "别名", false),
    ];
    people_columns()
        .iter()
        .chain(&plan)
        .chain(&extra)
        .chain(
            Table::ALL
                .iter()
                .flat_map(|t| t.required_columns())
                .collect::<Vec<_>>()
                .iter(),
        )
        .any(|c| c.matches(text))
        || super::round_resolve::known_area(text.trim()).is_some()
}

/// The table a file stem or sheet name stands for, if any.
pub fn table_named(name: &str) -> Option<Table> {
    let key = name_key(name);
    let key = key
        .strip_suffix('表')
        .filter(|k| !k.is_empty())
        .unwrap_or(&key);
    Table::ALL
        .into_iter()
        .find(|t| t.names().iter().any(|n| name_key(n) == key))
}

/// Sheet and file names that hold notes for people, not data (说明, README):
/// named as not read, but they cannot hide a rule.
pub fn is_notes_name(name: &str) -> bool {
    let key = name_key(name);
    [
        "说明",
        "填表说明",
        "填报说明",
        "使用说明",
        "备注",
        "目录",
        "readme",
        "notes",
        "note",
        "instructions",
        "help",
    ]
    .iter()
    .any(|n| key == *n || key.starts_with(&format!("{n}.")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_offices_write_them() {
        for (name, table) in [
            ("Posts", Table::Posts),
            ("任职经历表", Table::Posts),
            ("亲属及回避关系", Table::Relations),
            (" ＰＥＯＰＬＥ ", Table::People),
            ("花名册", Table::People),
            ("单位表", Table::Units),
            ("本轮巡察安排", Table::Round),
            ("地区", Table::Regions),
        ] {
            assert_eq!(table_named(name), Some(table), "{name}");
        }
        assert_eq!(table_named("Sheet1"), None);
        assert_eq!(table_named("表"), None);
        assert!(is_notes_name("填表说明"));
        assert!(is_notes_name("README.md"));
    }

    #[test]
    fn no_name_stands_for_two_tables() {
        let mut seen = std::collections::HashMap::new();
        for t in Table::ALL {
            for n in t.names() {
                if let Some(other) = seen.insert(name_key(n), t) {
                    panic!("{n} names {other:?} and {t:?}");
                }
            }
        }
    }
}
