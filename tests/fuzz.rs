//! Fuzzing the readers: bad input must give errors that name the file (and,
//! for tables, the line), never a panic.
//!
//! Every property starts from a small valid case built here as text (11 units,
//! 20 people, a few posts and relations, a round with 2 groups and a pin),
//! mutates it at random and loads it with the public entry points
//! (`io::load_case`, `io::sheet::read_csv_bytes`, `io::round::parse_round_toml`,
//! `io::plan::plan_from_json`, `io::read_plan`). A case that loads is also run
//! through the eligibility table, the blockers and the plan checker.
//!
//! `XUNCHA_FUZZ_CASES=N` sets the number of inputs of every property (the
//! defaults keep `cargo test --test fuzz` well under 30 s in debug mode).
//! Each property prints how many inputs it ran and how long it took (see
//! them with `-- --nocapture`).

mod common;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestCaseResult, TestRunner};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;
use xuncha::io::{load_case, plan::plan_from_json, read_plan, round::parse_round_toml, sheet};
use xuncha::{Case, InputError, InputErrors};

// ---------------------------------------------------------------------------
// the small base case

const UNITS: &str = "\
id,name,region,kind,parent
U01,市纪委,R0,department,
U02,市审计局,R0,department,
U10,甲县财政局,R1,department,
U11,甲县城关镇,R1,township,
U12,甲县东村,R1,village,U11
U20,乙县教育局,R2,department,
U21,乙县南镇,R2,township,
U22,乙县西村,R2,village,U21
U30,丙县审计局,R3,department,
U31,丙县北乡,R3,township,
U32,丙县城投,R3,soe,U30
";

const POSTS: &str = "\
person,unit,from_year,to_year
P01,U02,2015,2019
P05,U31,2018,
P10,U12,2010,2014
P13,U21,2001,2005
";

const RELATIONS: &str = "\
类型,甲,乙,备注
kin,P01,P02,夫妻
亲属,P07,P08,父子
relative_at,P03,U21,兄弟在乙县南镇
conflict,P06,U10,审计项目
公务回避,P09,U31,
business,U02,U30,审计指导
";

const ROUND: &str = r#"
name = "测试轮"
year = 2026
exclude = ["P20"]

[policy]
group_size = [4, 6]
leaders_per_group = 1
post_lookback_years = 0
region_avoidance = true
native_avoidance = true
business_avoidance = true
reciprocal_avoidance = true
max_same_region = 2
max_same_unit = 1

[requirements]
discipline = 1
organization = 1
audit = 1
finance = 1

[weights]
mixing = 2.0

[[groups]]
id = "G1"
targets = ["U10", "U11"]

[[groups]]
id = "G2"
targets = ["U21"]
size = [4, 5]

[[pins]]
person = "P04"
group = "G1"
role = "leader"
"#;

const NAMES: [&str; 20] = [
    "林东", "沈勇", "覃颖", "何宇", "赵旭", "钱芳", "孙磊", "李娜", "周杰", "吴敏", "郑强", "王静",
    "冯涛", "陈丽", "褚刚", "卫红", "蒋斌", "沈燕", "韩冰", "杨帆",
];

const PERSON_UNITS: [&str; 10] = [
    "U01", "U02", "U10", "U20", "U30", "U31", "U11", "U21", "U22", "U32",
];

fn people_csv() -> String {
    let ranks = [
        "科员", "副科", "正科", "副处", "正处", "1", "2", "3", "4", "5",
    ];
    let mut s = String::from(
        "编号,姓名,性别,出生年份,职级,工作单位,地区,籍贯,组长库,可抽调,须参加,上次巡察年份,纪检监察,组织人事,审计,财务\n",
    );
    for i in 0..20usize {
        let lvl = |k: usize| match (i + k) % 4 {
            0 => String::new(),
            v => v.to_string(),
        };
        let row = [
            format!("P{:02}", i + 1),
            NAMES[i].to_string(),
            ["男", "女", "M", "F"][i % 4].to_string(),
            (1965 + i).to_string(),
            ranks[i % 10].to_string(),
            PERSON_UNITS[i % 10].to_string(),
            if i == 10 { "R3".into() } else { String::new() },
            if i == 3 {
                "R2".into()
            } else {
                format!("R{}", i % 4)
            },
            if i % 4 == 3 { "是" } else { "否" }.to_string(),
            if i == 18 { "否" } else { "是" }.to_string(),
            if i == 4 { "是" } else { "否" }.to_string(),
            if i % 3 == 0 {
                "2021".into()
            } else {
                String::new()
            },
            lvl(0),
            lvl(1),
            lvl(2),
            lvl(3),
        ];
        s.push_str(&row.join(","));
        s.push('\n');
    }
    s
}

const CSV_FILES: [&str; 4] = ["units.csv", "people.csv", "posts.csv", "relations.csv"];
const CASE_FILES: [&str; 5] = [
    "units.csv",
    "people.csv",
    "posts.csv",
    "relations.csv",
    "round.toml",
];

/// A table as rows of cells, the header first.
#[derive(Debug, Clone)]
struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    fn parse(text: &str) -> Table {
        Table {
            rows: text
                .lines()
                .map(|l| l.split(',').map(str::to_string).collect())
                .collect(),
        }
    }

    /// Properly quoted CSV (ragged rows allowed).
    fn render(&self) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::new());
        for r in &self.rows {
            // the csv writer refuses an empty record: write it as a blank line
            if r.is_empty() {
                w.write_record([""]).unwrap();
            } else {
                w.write_record(r).unwrap();
            }
        }
        w.into_inner().unwrap()
    }

    /// Cells joined by commas as they are, no quoting (breaks structure on purpose).
    fn render_raw(&self) -> Vec<u8> {
        let mut s = String::new();
        for r in &self.rows {
            s.push_str(&r.join(","));
            s.push('\n');
        }
        s.into_bytes()
    }
}

/// The base case as tables (units, people, posts, relations) and a TOML round.
#[derive(Debug, Clone)]
struct CaseText {
    tables: Vec<Option<Table>>,
    raw: Vec<bool>,
    round: toml::Table,
}

impl CaseText {
    fn base() -> CaseText {
        CaseText {
            tables: vec![
                Some(Table::parse(UNITS)),
                Some(Table::parse(&people_csv())),
                Some(Table::parse(POSTS)),
                Some(Table::parse(RELATIONS)),
            ],
            raw: vec![false; 4],
            round: ROUND.parse().unwrap(),
        }
    }

    fn files(&self) -> Vec<(String, Option<Vec<u8>>)> {
        let mut out: Vec<(String, Option<Vec<u8>>)> = CSV_FILES
            .iter()
            .zip(&self.tables)
            .zip(&self.raw)
            .map(|((n, t), raw)| {
                (
                    n.to_string(),
                    t.as_ref()
                        .map(|t| if *raw { t.render_raw() } else { t.render() }),
                )
            })
            .collect();
        out.push((
            "round.toml".into(),
            Some(toml::to_string(&self.round).unwrap().into_bytes()),
        ));
        out
    }

    fn groups_mut(&mut self) -> &mut Vec<toml::Value> {
        let g = self
            .round
            .entry("groups")
            .or_insert_with(|| toml::Value::Array(Vec::new()));
        if !g.is_array() {
            *g = toml::Value::Array(Vec::new());
        }
        g.as_array_mut().unwrap()
    }

    fn set_pin(&mut self, person: &str, group: &str, role: &str) {
        let mut t = toml::Table::new();
        t.insert("person".into(), person.into());
        t.insert("group".into(), group.into());
        t.insert("role".into(), role.into());
        self.round
            .insert("pins".into(), toml::Value::Array(vec![t.into()]));
    }
}

fn write_dir(dir: &Path, files: &[(String, Option<Vec<u8>>)]) {
    for (name, bytes) in files {
        if let Some(b) = bytes {
            std::fs::write(dir.join(name), b).unwrap();
        }
    }
}

fn load_files(files: &[(String, Option<Vec<u8>>)]) -> Result<Case, InputErrors> {
    let dir = tempfile::tempdir().unwrap();
    write_dir(dir.path(), files);
    load_case(dir.path())
}

// ---------------------------------------------------------------------------
// the checks

/// Every error names one of `names`; errors in a table (CSV file or sheet)
/// name a line (line and row, when there are, are 1-based).
fn check_errors(errs: &InputErrors, names: &[&str]) -> TestCaseResult {
    prop_assert!(!errs.is_empty(), "an Err without any error");
    let all = errs.to_string();
    for e in &errs.errors {
        let s = e.to_string();
        prop_assert!(
            names.iter().any(|n| s.contains(n)),
            "error names no input file: {s}\nall: {all}"
        );
        if let InputError::Data { pos, message } = e {
            // errors about a whole table or round need no line
            let whole = [
                "the file is empty",
                "empty: a header row is needed",
                "the round has no year",
                "the round has no groups",
            ];
            let table = pos.file.ends_with(".csv") || pos.file.contains(".xlsx [");
            if table && !whole.iter().any(|w| message.to_string().starts_with(w)) {
                prop_assert!(
                    pos.line.is_some() && (s.contains("line") || s.contains("row")),
                    "table error without a line: {s}"
                );
            }
            prop_assert!(pos.line != Some(0), "line 0: {s}");
            prop_assert!(pos.row != Some(0), "row 0: {s}");
        }
    }
    Ok(())
}

/// Runs what comes after loading on a loaded case.
fn exercise(case: &Case) -> TestCaseResult {
    let table = xuncha::constraints::Eligibility::build(case);
    for p in case.person_ids() {
        for g in case.group_ids() {
            let reasons = xuncha::constraints::blockers(case, p, g);
            prop_assert_eq!(table.allowed(p, g), reasons.is_empty());
        }
    }
    let plan = xuncha::validate::pinned_plan(case);
    let _ = xuncha::validate::check_plan(case, &plan);
    Ok(())
}

fn check_load(result: Result<Case, InputErrors>, names: &[&str]) -> TestCaseResult {
    match result {
        Ok(case) => exercise(&case),
        Err(e) => check_errors(&e, names),
    }
}

fn cases(default: u32) -> u32 {
    std::env::var("XUNCHA_FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// Runs one property with proptest, no failure files, and reports the count.
fn fuzz<S: Strategy>(
    name: &str,
    default: u32,
    strategy: S,
    test: impl Fn(S::Value) -> TestCaseResult,
) where
    S::Value: std::fmt::Debug,
{
    let n = cases(default);
    let config = Config {
        cases: n,
        failure_persistence: None,
        max_shrink_iters: 2048,
        ..Config::default()
    };
    // a fixed seed, so that a run (and CI) is reproducible; XUNCHA_FUZZ_SEED
    // for other inputs
    let seed: u64 = std::env::var("XUNCHA_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let rng = proptest::test_runner::TestRng::from_seed(
        proptest::test_runner::RngAlgorithm::ChaCha,
        &bytes,
    );
    let mut runner = TestRunner::new_with_rng(config, rng);
    let calls = AtomicUsize::new(0);
    let start = Instant::now();
    let result = runner.run(&strategy, |v| {
        calls.fetch_add(1, Ordering::Relaxed);
        test(v)
    });
    let calls = calls.into_inner();
    println!(
        "fuzz {name}: {n} cases (seed {seed}), {calls} inputs run, {:.2} s",
        start.elapsed().as_secs_f64()
    );
    if let Err(e) = result {
        panic!("fuzz {name}: {e}");
    }
}

// ---------------------------------------------------------------------------
// strategies

/// A position in a collection of any size: `Ix(k)` is element `k % len`
/// (shrinks towards the first element).
#[derive(Debug, Clone, Copy)]
struct Ix(usize);

impl Ix {
    fn index(&self, len: usize) -> usize {
        self.0 % len.max(1)
    }
}

fn ix() -> impl Strategy<Value = Ix> {
    any::<usize>().prop_map(Ix)
}

#[derive(Debug, Clone)]
enum ByteOp {
    Flip(Ix, u8),
    Insert(Ix, Vec<u8>),
    Delete(Ix, usize),
    Truncate(Ix),
    Bom(Ix),
    Crlf,
    CrOnly,
    /// Overwrites one byte (the length stays, so a zip's directory stays valid).
    Set(Ix, u8),
}

fn byte_op() -> impl Strategy<Value = ByteOp> {
    let special = prop_oneof![
        Just(vec![0xff]),
        Just(vec![0xc3]),
        Just(vec![0xed, 0xa0, 0x80]),
        Just(vec![0xd5, 0xc5, 0xc8, 0xfd]), // GBK 张三
        Just(b"\"".to_vec()),
        Just(b",".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(vec![0]),
        Just(b"=".to_vec()),
        Just(b"[".to_vec()),
        Just(b"]".to_vec()),
        Just(b"{".to_vec()),
        Just("中".as_bytes().to_vec()),
        prop::collection::vec(any::<u8>(), 1..8),
    ];
    prop_oneof![
        4 => (ix(), 1u8..).prop_map(|(i, m)| ByteOp::Flip(i, m)),
        4 => (ix(), special).prop_map(|(i, b)| ByteOp::Insert(i, b)),
        2 => (ix(), 1usize..16).prop_map(|(i, n)| ByteOp::Delete(i, n)),
        1 => ix().prop_map(ByteOp::Truncate),
        1 => ix().prop_map(ByteOp::Bom),
        1 => Just(ByteOp::Crlf),
        1 => Just(ByteOp::CrOnly),
    ]
}

fn apply_bytes(b: &mut Vec<u8>, op: &ByteOp) {
    let n = b.len();
    match op {
        ByteOp::Flip(i, m) => {
            if n > 0 {
                b[i.index(n)] ^= m;
            }
        }
        ByteOp::Insert(i, x) => {
            let at = i.index(n + 1);
            b.splice(at..at, x.iter().copied());
        }
        ByteOp::Delete(i, k) => {
            if n > 0 {
                let at = i.index(n);
                b.drain(at..(at + k).min(n));
            }
        }
        ByteOp::Truncate(i) => b.truncate(i.index(n + 1)),
        ByteOp::Bom(i) => {
            let at = if i.index(4) == 0 { 0 } else { i.index(n + 1) };
            b.splice(at..at, [0xef, 0xbb, 0xbf]);
        }
        ByteOp::Crlf => {
            *b = String::from_utf8_lossy(b)
                .replace('\n', "\r\n")
                .into_bytes();
        }
        ByteOp::CrOnly => {
            *b = String::from_utf8_lossy(b).replace('\n', "\r").into_bytes();
        }
        ByteOp::Set(i, x) => {
            if n > 0 {
                b[i.index(n)] = *x;
            }
        }
    }
}

/// Cell values worth trying.
fn cell_value() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(vec![
            "", " ", "   ", "\t", "99999999999999999999", "-99999999999999999999",
            "-1", "-2026", "0", "1", "3", "4", "6", "2018.0", "2018.5", "1e3", "1e309",
            "-1e309", "NaN", "nan", "inf", "-0", "+3", "0x10", "１２", "中文文本", "巡察组",
            "是", "否", "男", "女", "m", "正处", "副科级", "处长", "\"", "\"\"", "a,b",
            "行一\n行二", "x\r\ny", "\u{feff}", "\u{feff}U10", "\u{1}boom", "\u{0}", "U10",
            "U11", "U12", "U21", "U99", "P01", "P04", "P99", "R1", "R9", "G1", "kin",
            "business", "conflict", "relative_at", "亲属", "yes", "no", "√", "×",
            "1900", "2200", "2201", "1899", " U10 ", "u10",
        ])
        .prop_map(str::to_string),
        1 => any::<i64>().prop_map(|v| v.to_string()),
        1 => any::<f64>().prop_map(|v| v.to_string()),
        1 => "\\PC{0,12}",
        1 => any::<String>(),
    ]
}

fn header_name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "unknown_col",
            "",
            " ",
            "ID",
            "Id ",
            "编号",
            "名字",
            "name",
            "region",
            "kind",
            "parent",
            "unit",
            "gender",
            "leader",
            "engineering",
            "工程",
            "audit",
            "审计",
            "person",
            "from_year",
            "to_year",
            "a",
            "b",
            "note",
            "\u{feff}id",
        ])
        .prop_map(str::to_string),
        "[a-z_]{1,10}",
    ]
}

// ---------------------------------------------------------------------------
// properties: byte level

#[test]
fn fuzz_case_bytes() {
    let base = CaseText::base().files();
    fuzz(
        "case bytes",
        200,
        (0..5usize, prop::collection::vec(byte_op(), 1..5)),
        |(k, ops)| {
            let mut files = base.clone();
            let b = files[k].1.as_mut().unwrap();
            for op in &ops {
                apply_bytes(b, op);
            }
            check_load(load_files(&files), &CASE_FILES)
        },
    );
}

#[test]
fn fuzz_read_csv_bytes() {
    let base = CaseText::base().files();
    fuzz(
        "read_csv_bytes",
        1000,
        (
            0..4usize,
            prop::collection::vec(byte_op(), 0..6),
            prop::collection::vec(any::<u8>(), 0..64),
        ),
        |(k, ops, junk)| {
            let mut b = base[k].1.clone().unwrap();
            for op in &ops {
                apply_bytes(&mut b, op);
            }
            for bytes in [&b[..], &junk[..]] {
                match sheet::read_csv_bytes(bytes, "people.csv") {
                    Ok(s) => {
                        let mut last = s.header_line;
                        for r in &s.rows {
                            prop_assert_eq!(r.cells.len(), s.headers.len());
                            prop_assert!(r.line > last, "line {} after line {}", r.line, last);
                            last = r.line;
                        }
                    }
                    Err(e) => check_errors(&e, &["people.csv"])?,
                }
            }
            Ok(())
        },
    );
}

// ---------------------------------------------------------------------------
// properties: cell level

#[derive(Debug, Clone)]
struct CellEdit {
    table: usize,
    row: Ix,
    col: Ix,
    value: String,
}

fn cell_edit() -> impl Strategy<Value = CellEdit> {
    (0..4usize, ix(), ix(), cell_value()).prop_map(|(table, row, col, value)| CellEdit {
        table,
        row,
        col,
        value,
    })
}

/// Applies the edit; returns the (row index, column index) edited.
fn apply_cell(c: &mut CaseText, e: &CellEdit) -> Option<(usize, usize)> {
    let t = c.tables[e.table].as_mut()?;
    let r = e.row.index(t.rows.len());
    let row = &mut t.rows[r];
    let j = e.col.index(row.len().max(1));
    if row.is_empty() {
        row.push(String::new());
    }
    row[j] = e.value.clone();
    Some((r, j))
}

#[test]
fn fuzz_cells() {
    fuzz(
        "cells",
        200,
        (prop::collection::vec(cell_edit(), 1..4), any::<[bool; 4]>()),
        |(edits, raw)| {
            let mut c = CaseText::base();
            for e in &edits {
                apply_cell(&mut c, e);
            }
            // now and then the cells go in unquoted
            for (k, r) in raw.iter().enumerate() {
                c.raw[k] = *r && edits.iter().any(|e| e.table == k) && edits.len() == 1;
            }
            check_load(load_files(&c.files()), &CASE_FILES)
        },
    );
}

/// One bad cell in people.csv (other than the id) is blamed on its own line
/// (or on the round, when it breaks a pin).
#[test]
fn fuzz_people_cell_is_located() {
    fuzz(
        "people cell located",
        200,
        (1..21usize, 1..16usize, cell_value()),
        |(r, col, value)| {
            let mut c = CaseText::base();
            c.tables[1].as_mut().unwrap().rows[r][col] = value.clone();
            match load_files(&c.files()) {
                Ok(case) => exercise(&case),
                Err(errs) => {
                    check_errors(&errs, &CASE_FILES)?;
                    let here = format!("line {}", r + 1);
                    let all = errs.to_string();
                    prop_assert!(
                        errs.errors.iter().any(|x| {
                            let s = x.to_string();
                            (s.starts_with("people.csv") && s.contains(&here))
                                || s.starts_with("round.toml")
                        }),
                        "people.csv row {r} column {col} = {value:?}: no error at {here}:\n{all}"
                    );
                    Ok(())
                }
            }
        },
    );
}

// ---------------------------------------------------------------------------
// properties: structure

#[derive(Debug, Clone)]
enum Op {
    DeleteRow(usize, Ix),
    DuplicateRow(usize, Ix),
    SwapHeaders(usize, Ix, Ix),
    RenameHeader(usize, Ix, String),
    DropColumn(usize, Ix),
    AddColumn(usize, String, String),
    DuplicateId(usize, Ix, Ix),
    ParentCycle(Vec<Ix>),
    SelfParent(Ix),
    KinOfSelf(Ix),
    ToBeforeFrom(Ix),
    UnknownRequirement(String),
    UnknownArea(String),
    UnknownTarget(Ix),
    SharedTarget,
    DuplicateTarget(Ix),
    DuplicateGroup,
    NoGroups,
    EmptyTargets(Ix),
    PinUnknownPerson,
    PinUnknownGroup,
    Pin(Ix, Ix, String),
    ExcludeUnknown,
    RemoveFile(usize),
    HeaderOnly(usize),
    RelationKind(Ix, String),
}

fn op() -> impl Strategy<Value = Op> {
    let t = 0..4usize;
    prop_oneof![
        (t.clone(), ix()).prop_map(|(t, i)| Op::DeleteRow(t, i)),
        (t.clone(), ix()).prop_map(|(t, i)| Op::DuplicateRow(t, i)),
        (t.clone(), ix(), ix()).prop_map(|(t, i, j)| Op::SwapHeaders(t, i, j)),
        (t.clone(), ix(), header_name()).prop_map(|(t, i, h)| Op::RenameHeader(t, i, h)),
        (t.clone(), ix()).prop_map(|(t, i)| Op::DropColumn(t, i)),
        (t.clone(), header_name(), cell_value()).prop_map(|(t, h, v)| Op::AddColumn(t, h, v)),
        (0..2usize, ix(), ix()).prop_map(|(t, i, j)| Op::DuplicateId(t, i, j)),
        prop::collection::vec(ix(), 2..5).prop_map(Op::ParentCycle),
        ix().prop_map(Op::SelfParent),
        ix().prop_map(Op::KinOfSelf),
        ix().prop_map(Op::ToBeforeFrom),
        "[a-z工程]{1,8}".prop_map(Op::UnknownRequirement),
        prop::sample::select(vec!["engineering", "工程", "xyz", "", "audit", "审计"])
            .prop_map(|s| Op::UnknownArea(s.to_string())),
        ix().prop_map(Op::UnknownTarget),
        Just(Op::SharedTarget),
        ix().prop_map(Op::DuplicateTarget),
        Just(Op::DuplicateGroup),
        Just(Op::NoGroups),
        ix().prop_map(Op::EmptyTargets),
        Just(Op::PinUnknownPerson),
        Just(Op::PinUnknownGroup),
        (
            ix(),
            ix(),
            prop::sample::select(vec!["leader", "member", "组长", "boss", ""])
        )
            .prop_map(|(p, g, r)| Op::Pin(p, g, r.to_string())),
        Just(Op::ExcludeUnknown),
        (0..5usize).prop_map(Op::RemoveFile),
        t.clone().prop_map(Op::HeaderOnly),
        (
            ix(),
            prop::sample::select(vec!["KIN", "Business", "亲戚", "", "conflict "])
        )
            .prop_map(|(i, k)| Op::RelationKind(i, k.to_string())),
    ]
}

fn apply_op(c: &mut CaseText, op: &Op) {
    fn table(c: &mut CaseText, t: usize) -> Option<&mut Table> {
        c.tables[t].as_mut().filter(|t| !t.rows.is_empty())
    }
    fn data_row(t: &Table, i: &Ix) -> Option<usize> {
        (t.rows.len() > 1).then(|| 1 + i.index(t.rows.len() - 1))
    }
    let arr = |v: Vec<&str>| toml::Value::Array(v.into_iter().map(toml::Value::from).collect());
    match op {
        Op::DeleteRow(t, i) => {
            if let Some(t) = table(c, *t) {
                let r = i.index(t.rows.len());
                t.rows.remove(r);
            }
        }
        Op::DuplicateRow(t, i) => {
            if let Some(t) = table(c, *t) {
                let r = i.index(t.rows.len());
                let row = t.rows[r].clone();
                t.rows.insert(r, row);
            }
        }
        Op::SwapHeaders(t, i, j) => {
            if let Some(t) = table(c, *t) {
                let n = t.rows[0].len();
                if n > 0 {
                    t.rows[0].swap(i.index(n), j.index(n));
                }
            }
        }
        Op::RenameHeader(t, i, h) => {
            if let Some(t) = table(c, *t) {
                let n = t.rows[0].len();
                if n > 0 {
                    t.rows[0][i.index(n)] = h.clone();
                }
            }
        }
        Op::DropColumn(t, i) => {
            if let Some(t) = table(c, *t) {
                let n = t.rows[0].len();
                if n > 0 {
                    let j = i.index(n);
                    for r in &mut t.rows {
                        if j < r.len() {
                            r.remove(j);
                        }
                    }
                }
            }
        }
        Op::AddColumn(t, h, v) => {
            if let Some(t) = table(c, *t) {
                t.rows[0].push(h.clone());
                for r in t.rows.iter_mut().skip(1) {
                    r.push(v.clone());
                }
            }
        }
        Op::DuplicateId(t, i, j) => {
            if let Some(t) = table(c, *t) {
                if let (Some(a), Some(b)) = (data_row(t, i), data_row(t, j)) {
                    if !t.rows[b].is_empty() && !t.rows[a].is_empty() {
                        t.rows[a][0] = t.rows[b][0].clone();
                    }
                }
            }
        }
        Op::ParentCycle(ix) => {
            if let Some(t) = table(c, 0) {
                let rows: Vec<usize> = ix.iter().filter_map(|i| data_row(t, i)).collect();
                let ids: Vec<String> = rows.iter().map(|&r| t.rows[r][0].clone()).collect();
                for (k, &r) in rows.iter().enumerate() {
                    let next = ids[(k + 1) % ids.len()].clone();
                    if let Some(cell) = t.rows[r].get_mut(4) {
                        *cell = next;
                    }
                }
            }
        }
        Op::SelfParent(i) => {
            if let Some(t) = table(c, 0) {
                if let Some(r) = data_row(t, i) {
                    let id = t.rows[r][0].clone();
                    if let Some(cell) = t.rows[r].get_mut(4) {
                        *cell = id;
                    }
                }
            }
        }
        Op::KinOfSelf(i) => {
            let p = format!("P{:02}", i.index(20) + 1);
            if let Some(t) = c.tables[3].as_mut() {
                t.rows.push(vec!["kin".into(), p.clone(), p, String::new()]);
            }
        }
        Op::ToBeforeFrom(i) => {
            if let Some(t) = table(c, 2) {
                if let Some(r) = data_row(t, i) {
                    let row = &mut t.rows[r];
                    if row.len() == 4 {
                        let from: i64 = row[2].parse().unwrap_or(2010);
                        row[2] = from.to_string();
                        row[3] = (from - 1).to_string();
                    }
                }
            }
        }
        Op::UnknownRequirement(a) => {
            if let Some(toml::Value::Table(r)) = c.round.get_mut("requirements") {
                r.insert(a.clone(), 1.into());
            }
        }
        Op::UnknownArea(a) => {
            c.round.insert(
                "areas".into(),
                arr(vec!["discipline", "organization", "audit", "finance", a]),
            );
        }
        Op::UnknownTarget(i) => {
            let g = c.groups_mut();
            if !g.is_empty() {
                let k = i.index(g.len());
                if let Some(toml::Value::Array(t)) = g[k].get_mut("targets") {
                    t.push("U404".into());
                }
            }
        }
        Op::SharedTarget => {
            let g = c.groups_mut();
            if g.len() >= 2 {
                if let Some(toml::Value::Array(t)) = g[1].get_mut("targets") {
                    t.push("U10".into());
                }
            }
        }
        Op::DuplicateTarget(i) => {
            let g = c.groups_mut();
            if !g.is_empty() {
                let k = i.index(g.len());
                if let Some(toml::Value::Array(t)) = g[k].get_mut("targets") {
                    if let Some(first) = t.first().cloned() {
                        t.push(first);
                    }
                }
            }
        }
        Op::DuplicateGroup => {
            let g = c.groups_mut();
            if let Some(first) = g.first().cloned() {
                let mut copy = first;
                if let Some(t) = copy.as_table_mut() {
                    t.insert("targets".into(), toml::Value::Array(vec!["U31".into()]));
                }
                g.push(copy);
            }
        }
        Op::NoGroups => {
            c.round.remove("groups");
            c.round
                .insert("groups".into(), toml::Value::Array(Vec::new()));
        }
        Op::EmptyTargets(i) => {
            let g = c.groups_mut();
            if !g.is_empty() {
                let k = i.index(g.len());
                if let Some(t) = g[k].as_table_mut() {
                    t.insert("targets".into(), toml::Value::Array(Vec::new()));
                }
            }
        }
        Op::PinUnknownPerson => c.set_pin("P404", "G1", "member"),
        Op::PinUnknownGroup => c.set_pin("P01", "G404", "member"),
        Op::Pin(p, g, role) => {
            let p = format!("P{:02}", p.index(20) + 1);
            let g = format!("G{}", g.index(2) + 1);
            c.set_pin(&p, &g, role);
        }
        Op::ExcludeUnknown => {
            c.round.insert("exclude".into(), arr(vec!["P20", "P404"]));
        }
        Op::RemoveFile(k) => {
            if *k < 4 {
                c.tables[*k] = None;
            } else {
                c.round.clear();
            }
        }
        Op::HeaderOnly(t) => {
            if let Some(t) = table(c, *t) {
                t.rows.truncate(1);
            }
        }
        Op::RelationKind(i, k) => {
            if let Some(t) = table(c, 3) {
                if let Some(r) = data_row(t, i) {
                    t.rows[r][0] = k.clone();
                }
            }
        }
    }
}

#[test]
fn fuzz_structure() {
    fuzz("structure", 200, prop::collection::vec(op(), 1..5), |ops| {
        let mut c = CaseText::base();
        for o in &ops {
            apply_op(&mut c, o);
        }
        check_load(load_files(&c.files()), &CASE_FILES)
    });
}

/// Each structural mistake alone gives its own error, in the right file.
#[test]
fn structural_mistakes_are_named() {
    let i = Ix;
    let cases: Vec<(Op, &str, &str)> = vec![
        (
            Op::DuplicateId(0, i(1), i(0)),
            "units.csv",
            "duplicate unit id",
        ),
        (
            Op::DuplicateId(1, i(3), i(0)),
            "people.csv",
            "duplicate person id",
        ),
        (
            Op::SelfParent(i(4)),
            "units.csv",
            "names itself as its parent",
        ),
        (
            Op::ParentCycle(vec![i(3), i(4)]),
            "units.csv",
            "parent cycle",
        ),
        (
            Op::ParentCycle(vec![i(0), i(1), i(2)]),
            "units.csv",
            "parent cycle",
        ),
        (Op::KinOfSelf(i(5)), "relations.csv", "kin of themself"),
        (Op::ToBeforeFrom(i(0)), "posts.csv", "before it starts"),
        (
            Op::UnknownRequirement("xyz".into()),
            "round.toml",
            "unknown area xyz",
        ),
        (
            Op::UnknownArea("engineering".into()),
            "people.csv",
            "no column engineering",
        ),
        (
            Op::UnknownArea("audit".into()),
            "round.toml",
            "declared twice",
        ),
        (Op::UnknownArea("".into()), "round.toml", "empty area name"),
        (
            Op::UnknownTarget(i(0)),
            "round.toml",
            "unknown target unit U404",
        ),
        (Op::SharedTarget, "round.toml", "inspected by one group"),
        (Op::DuplicateGroup, "round.toml", "declared twice"),
        (Op::NoGroups, "round.toml", "no groups"),
        (Op::EmptyTargets(i(1)), "round.toml", "has no targets"),
        (Op::PinUnknownPerson, "round.toml", "unknown person P404"),
        (Op::PinUnknownGroup, "round.toml", "unknown group G404"),
        // P01 is not in the leader pool
        (
            Op::Pin(i(0), i(0), "leader".into()),
            "round.toml",
            "breaks rule leader",
        ),
        // P03 works at U10, a target of G1
        (
            Op::Pin(i(2), i(0), "member".into()),
            "round.toml",
            "breaks rule",
        ),
        (
            Op::Pin(i(0), i(0), "boss".into()),
            "round.toml",
            "not a role",
        ),
        (
            Op::ExcludeUnknown,
            "round.toml",
            "exclude: unknown person P404",
        ),
        (Op::RemoveFile(0), "units.csv", "missing"),
        (Op::RemoveFile(4), "round.toml", "no year"),
        (
            Op::RenameHeader(1, i(1), "名字".into()),
            "people.csv",
            "unknown column",
        ),
        (
            Op::RenameHeader(0, i(1), "ID".into()),
            "units.csv",
            "appears twice",
        ),
        (
            Op::RenameHeader(3, i(1), "".into()),
            "relations.csv",
            "without a name",
        ),
        (Op::DropColumn(1, i(5)), "people.csv", "missing column unit"),
        (
            Op::AddColumn(2, "remark".into(), "x".into()),
            "posts.csv",
            "unknown column",
        ),
        (
            Op::RelationKind(i(0), "亲戚".into()),
            "relations.csv",
            "not a relation kind",
        ),
        (Op::DeleteRow(0, i(0)), "units.csv", ""),
    ];
    let mut failures = Vec::new();
    for (op, file, want) in &cases {
        let mut c = CaseText::base();
        apply_op(&mut c, op);
        match load_files(&c.files()) {
            Ok(_) => failures.push(format!("{op:?}: loaded without error")),
            Err(e) => {
                if let Err(x) = check_errors(&e, &CASE_FILES) {
                    failures.push(format!("{op:?}: {x}"));
                }
                let hit = e
                    .errors
                    .iter()
                    .map(|x| x.to_string())
                    .any(|s| s.contains(file) && s.contains(want));
                if !hit {
                    failures.push(format!("{op:?}: no error in {file} saying {want:?}:\n{e}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------
// properties: round.toml

const ROUND_KEYS: [&str; 28] = [
    "name",
    "year",
    "areas",
    "exclude",
    "policy",
    "policy.group_size",
    "policy.leaders_per_group",
    "policy.post_lookback_years",
    "policy.region_avoidance",
    "policy.native_avoidance",
    "policy.business_avoidance",
    "policy.reciprocal_avoidance",
    "policy.max_same_region",
    "policy.max_same_unit",
    "policy.unknown",
    "requirements",
    "requirements.audit",
    "requirements.discipline",
    "weights.mixing",
    "weights.expertise",
    "weights.bogus",
    "groups",
    "groups.id",
    "groups.targets",
    "groups.size",
    "pins.person",
    "pins.role",
    "extra",
];

fn toml_value() -> impl Strategy<Value = Option<toml::Value>> {
    use toml::Value as V;
    let leaf = prop_oneof![
        any::<i64>().prop_map(V::Integer),
        (-3i64..100).prop_map(V::Integer),
        any::<f64>().prop_map(V::Float),
        prop::sample::select(vec![f64::NAN, f64::INFINITY, -1.0, f64::NEG_INFINITY, 0.5])
            .prop_map(V::Float),
        cell_value().prop_map(V::String),
        any::<bool>().prop_map(V::Boolean),
        Just(V::Datetime("1979-05-27T07:32:00Z".parse().unwrap())),
    ];
    let value = leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(V::Array),
            prop::collection::btree_map("[a-z]{1,6}", inner, 0..3)
                .prop_map(|m| V::Table(m.into_iter().collect())),
        ]
    });
    let special = prop::sample::select(vec![
        V::Array(vec![6.into(), 4.into()]),
        V::Array(vec![0.into(), 0.into()]),
        V::Array(vec![(-1).into(), 5.into()]),
        V::Array(vec![4.into()]),
        V::Array(vec![4.into(), 5.into(), 6.into()]),
        V::Integer(0),
        V::Integer(99),
        V::Integer(-1),
        V::Integer(i64::MAX),
        V::Integer(99999999999),
        V::Array(vec!["U10".into(), "U10".into()]),
        V::Array(vec!["P404".into()]),
        V::Array(vec![]),
        V::String(String::new()),
    ]);
    prop_oneof![
        1 => Just(None),
        4 => value.prop_map(Some),
        3 => special.prop_map(Some),
    ]
}

/// Sets `path` (a dotted key; `groups.x` / `pins.x` in a random element) to a value.
fn set_key(round: &mut toml::Table, path: &str, which: &Ix, v: Option<toml::Value>) {
    let parts: Vec<&str> = path.split('.').collect();
    let mut t = round;
    for (k, part) in parts.iter().enumerate() {
        let last = k + 1 == parts.len();
        if last {
            match v {
                Some(v) => {
                    t.insert(part.to_string(), v);
                }
                None => {
                    t.remove(*part);
                }
            }
            return;
        }
        let next = t
            .entry(part.to_string())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        t = match next {
            toml::Value::Table(x) => x,
            toml::Value::Array(a) if !a.is_empty() => {
                let n = a.len();
                match &mut a[which.index(n)] {
                    toml::Value::Table(x) => x,
                    _ => return,
                }
            }
            _ => return,
        };
    }
}

#[test]
fn fuzz_round_values() {
    let base = CaseText::base();
    fuzz(
        "round values",
        200,
        prop::collection::vec(
            (
                prop::sample::select(ROUND_KEYS.to_vec()),
                ix(),
                toml_value(),
            ),
            1..4,
        ),
        |edits| {
            let mut c = base.clone();
            for (k, i, v) in &edits {
                set_key(&mut c.round, k, i, v.clone());
            }
            let text = toml::to_string(&c.round).unwrap();
            if let Err(e) = parse_round_toml(&text, "round.toml") {
                check_errors(&e, &["round.toml"])?;
            }
            check_load(load_files(&c.files()), &CASE_FILES)
        },
    );
}

#[test]
fn fuzz_round_text() {
    let text = ROUND.to_string();
    fuzz(
        "round text",
        1000,
        (prop::collection::vec(byte_op(), 1..6), "\\PC{0,40}"),
        |(ops, junk)| {
            let mut b = text.clone().into_bytes();
            for op in &ops {
                apply_bytes(&mut b, op);
            }
            let t = String::from_utf8_lossy(&b);
            for s in [&t[..], &junk[..]] {
                if let Err(e) = parse_round_toml(s, "round.toml") {
                    check_errors(&e, &["round.toml"])?;
                }
            }
            Ok(())
        },
    );
}

/// The policy mistakes the brief names, one at a time.
#[test]
fn policy_mistakes_are_named() {
    use toml::Value as V;
    let cases: Vec<(&str, V, &str)> = vec![
        (
            "policy.group_size",
            V::Array(vec![6.into(), 4.into()]),
            "policy.group_size",
        ),
        (
            "policy.group_size",
            V::Array(vec![0.into(), 4.into()]),
            "policy.group_size",
        ),
        (
            "policy.group_size",
            V::Array(vec![(-1).into(), 4.into()]),
            "line",
        ),
        (
            "policy.leaders_per_group",
            V::Integer(99),
            "policy.leaders_per_group",
        ),
        (
            "policy.max_same_region",
            V::Integer(0),
            "policy.max_same_region",
        ),
        (
            "policy.max_same_unit",
            V::Integer(0),
            "policy.max_same_unit",
        ),
        ("policy.max_same_unit", V::Integer(-2), "line"),
        ("year", V::Integer(99999999999), "line"),
        ("year", V::Integer(1066), "year"),
        ("year", V::String("2026".into()), "line"),
        ("weights.mixing", V::Float(-1.0), "weights.mixing"),
        ("weights.mixing", V::Float(f64::NAN), "weights.mixing"),
        ("requirements.audit", V::Integer(-1), "line"),
        ("policy.region_avoidance", V::String("yes".into()), "line"),
        ("policy.unknown", V::Integer(1), "unknown"),
    ];
    let mut failures = Vec::new();
    for (key, v, want) in cases {
        let mut c = CaseText::base();
        set_key(&mut c.round, key, &Ix(0), Some(v.clone()));
        match load_files(&c.files()) {
            Ok(_) => failures.push(format!("{key} = {v}: loaded")),
            Err(e) => {
                if let Err(x) = check_errors(&e, &["round.toml"]) {
                    failures.push(format!("{key} = {v}: {x}"));
                }
                if !e.to_string().contains(want) {
                    failures.push(format!("{key} = {v}: no {want:?} in\n{e}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------
// properties: plans

fn base_case() -> Case {
    load_files(&CaseText::base().files()).expect("the base case loads")
}

const PLAN_JSON: &str = r#"{
  "groups": [
    {"id": "G1", "targets": ["U10", "U11"], "leaders": ["P04"],
     "members": ["P04", "P06", "P13", "P18"]},
    {"id": "G2", "targets": ["U21"], "leaders": ["P08"],
     "members": ["P08", "P01", "P15", "P17"]}
  ],
  "seed": 1,
  "score": {"balance": 0.5}
}"#;

fn plan_csv_table() -> Table {
    let mut rows = vec![vec![
        "group".to_string(),
        "role".into(),
        "person_id".into(),
        "name".into(),
        "unit".into(),
        "region".into(),
    ]];
    for (g, ps) in [("G1", [4, 6, 13, 18]), ("G2", [8, 1, 15, 17])] {
        for (k, p) in ps.iter().enumerate() {
            rows.push(vec![
                g.into(),
                if k == 0 { "leader" } else { "member" }.into(),
                format!("P{p:02}"),
                NAMES[p - 1].into(),
                PERSON_UNITS[(p - 1) % 10].into(),
                String::new(),
            ]);
        }
    }
    Table { rows }
}

fn json_value() -> impl Strategy<Value = Option<serde_json::Value>> {
    use serde_json::Value as J;
    let leaf = prop_oneof![
        Just(J::Null),
        any::<bool>().prop_map(J::Bool),
        any::<i64>().prop_map(J::from),
        any::<f64>().prop_map(J::from),
        cell_value().prop_map(J::String),
        prop::sample::select(vec![
            "G1", "G2", "G3", "P01", "P04", "P19", "P20", "P404", ""
        ])
        .prop_map(J::from),
    ];
    let value = leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(J::Array),
            prop::collection::btree_map("[a-z]{1,6}|id|groups|leaders|members", inner, 0..3)
                .prop_map(|m| J::Object(m.into_iter().collect())),
        ]
    });
    prop_oneof![1 => Just(None), 4 => value.prop_map(Some)]
}

fn json_paths(v: &serde_json::Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                json_paths(x, format!("{at}/{i}"), out);
            }
        }
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                json_paths(x, format!("{at}/{k}"), out);
            }
        }
        _ => {}
    }
}

fn json_edit(root: &mut serde_json::Value, which: &Ix, v: Option<serde_json::Value>) {
    let mut paths = Vec::new();
    json_paths(root, String::new(), &mut paths);
    let path = &paths[which.index(paths.len())];
    match v {
        Some(v) => {
            if let Some(x) = root.pointer_mut(path) {
                *x = v;
            }
        }
        None => {
            let Some((parent, key)) = path.rsplit_once('/') else {
                return;
            };
            match root.pointer_mut(parent) {
                Some(serde_json::Value::Array(a)) => {
                    if let Ok(i) = key.parse::<usize>() {
                        if i < a.len() {
                            a.remove(i);
                        }
                    }
                }
                Some(serde_json::Value::Object(m)) => {
                    m.remove(key);
                }
                _ => {}
            }
        }
    }
}

#[test]
fn fuzz_plan_json() {
    let case = base_case();
    let base: serde_json::Value = serde_json::from_str(PLAN_JSON).unwrap();
    fuzz(
        "plan.json",
        300,
        (
            prop::collection::vec((ix(), json_value()), 0..4),
            prop::collection::vec(byte_op(), 0..3),
        ),
        |(edits, ops)| {
            let mut v = base.clone();
            for (i, x) in &edits {
                json_edit(&mut v, i, x.clone());
            }
            let mut b = serde_json::to_vec_pretty(&v).unwrap();
            for op in &ops {
                apply_bytes(&mut b, op);
            }
            let text = String::from_utf8_lossy(&b);
            match plan_from_json(&case, &text, "plan.json") {
                Ok(p) => {
                    let _ = xuncha::validate::check_plan(&case, &p.plan);
                }
                Err(e) => check_errors(&e, &["plan.json"])?,
            }
            // and the same bytes through the file reader
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("plan.json");
            std::fs::write(&path, &b).unwrap();
            match read_plan(&case, &path) {
                Ok(p) => {
                    let _ = xuncha::validate::check_plan(&case, &p.plan);
                }
                Err(e) => check_errors(&e, &["plan.json"])?,
            }
            Ok(())
        },
    );
}

#[test]
fn fuzz_plan_csv() {
    let case = base_case();
    let base = plan_csv_table();
    fuzz(
        "plan.csv",
        300,
        (
            prop::collection::vec((ix(), ix(), cell_value()), 0..4),
            prop::collection::vec(op(), 0..2),
            prop::collection::vec(byte_op(), 0..3),
        ),
        |(edits, ops, bytes)| {
            let mut c = CaseText::base();
            c.tables[0] = Some(base.clone());
            for (r, col, v) in &edits {
                apply_cell(
                    &mut c,
                    &CellEdit {
                        table: 0,
                        row: *r,
                        col: *col,
                        value: v.clone(),
                    },
                );
            }
            for o in &ops {
                // only the table-shaping ops, on table 0
                if let Op::DeleteRow(_, _)
                | Op::DuplicateRow(_, _)
                | Op::SwapHeaders(_, _, _)
                | Op::RenameHeader(_, _, _)
                | Op::DropColumn(_, _)
                | Op::AddColumn(_, _, _)
                | Op::HeaderOnly(_) = o
                {
                    let o = match o.clone() {
                        Op::DeleteRow(_, i) => Op::DeleteRow(0, i),
                        Op::DuplicateRow(_, i) => Op::DuplicateRow(0, i),
                        Op::SwapHeaders(_, i, j) => Op::SwapHeaders(0, i, j),
                        Op::RenameHeader(_, i, h) => Op::RenameHeader(0, i, h),
                        Op::DropColumn(_, i) => Op::DropColumn(0, i),
                        Op::AddColumn(_, h, v) => Op::AddColumn(0, h, v),
                        _ => Op::HeaderOnly(0),
                    };
                    apply_op(&mut c, &o);
                }
            }
            let mut b = c.tables[0].as_ref().unwrap().render();
            for op in &bytes {
                apply_bytes(&mut b, op);
            }
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("plan.csv");
            std::fs::write(&path, &b).unwrap();
            match read_plan(&case, &path) {
                Ok(p) => {
                    let _ = xuncha::validate::check_plan(&case, &p.plan);
                }
                Err(e) => check_errors(&e, &["plan.csv"])?,
            }
            Ok(())
        },
    );
}

// ---------------------------------------------------------------------------
// properties: workbooks

#[derive(Debug, Clone)]
enum XCell {
    Blank,
    Text(String),
    Number(f64),
    Bool(bool),
    Date(u16),
    Formula(&'static str),
}

fn typed(s: &str) -> XCell {
    if s.is_empty() {
        XCell::Blank
    } else {
        match sheet::parse_int(s) {
            Some(v) if !s.starts_with('0') => XCell::Number(v as f64),
            _ => XCell::Text(s.to_string()),
        }
    }
}

fn xcell() -> impl Strategy<Value = XCell> {
    prop_oneof![
        2 => Just(XCell::Blank),
        4 => cell_value().prop_map(XCell::Text),
        2 => any::<f64>().prop_map(XCell::Number),
        2 => prop::sample::select(vec![
            0.0, 1.0, 3.0, 2018.0, 2018.5, -1.0, 1e15, 1e20, 1e308, f64::NAN, f64::INFINITY,
            1e-300, 4.0, 5.0, 6.0,
        ])
        .prop_map(XCell::Number),
        1 => any::<bool>().prop_map(XCell::Bool),
        1 => (1900u16..2100).prop_map(XCell::Date),
        1 => prop::sample::select(vec!["=1+1", "=1/0", "=A1", "=\"U10\"", "=TRUE", "=NA()"])
            .prop_map(XCell::Formula),
    ]
}

type XSheet = (String, Vec<Vec<XCell>>);

fn workbook_bytes(sheets: &[XSheet]) -> Option<Vec<u8>> {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (name, rows) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(name).ok()?;
        for (i, r) in rows.iter().enumerate() {
            for (j, c) in r.iter().enumerate() {
                let (i, j) = (i as u32, j as u16);
                let ok = match c {
                    XCell::Blank => Ok(&mut *ws),
                    XCell::Text(s) => ws.write_string(i, j, s),
                    XCell::Number(v) => ws.write_number(i, j, *v),
                    XCell::Bool(b) => ws.write_boolean(i, j, *b),
                    XCell::Date(y) => ws.write_datetime_with_format(
                        i,
                        j,
                        ExcelDateTime::from_ymd(*y, 1, 1).ok()?,
                        &date,
                    ),
                    XCell::Formula(f) => ws.write_formula(i, j, *f),
                };
                ok.ok()?;
            }
        }
    }
    book.save_to_buffer().ok()
}

fn base_sheets() -> Vec<XSheet> {
    let c = CaseText::base();
    let mut out = Vec::new();
    for (k, name) in ["units", "people", "posts", "relations"].iter().enumerate() {
        let t = c.tables[k].as_ref().unwrap();
        let rows = t
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                r.iter()
                    .map(|s| {
                        if i == 0 {
                            XCell::Text(s.clone())
                        } else {
                            typed(s)
                        }
                    })
                    .collect()
            })
            .collect();
        out.push((name.to_string(), rows));
    }
    let t = |rows: &[&[&str]]| -> Vec<Vec<XCell>> {
        rows.iter()
            .map(|r| r.iter().map(|s| typed(s)).collect())
            .collect()
    };
    out.push((
        "round".into(),
        t(&[
            &["group", "target", "size"],
            &["G1", "U10", ""],
            &["G1", "U11", ""],
            &["G2", "U21", "4-5"],
        ]),
    ));
    out.push((
        "policy".into(),
        t(&[
            &["key", "value"],
            &["name", "测试轮"],
            &["year", "2026"],
            &["exclude", "P20"],
            &["group_size", "4-6"],
            &["leaders_per_group", "1"],
            &["post_lookback_years", "0"],
            &["region_avoidance", "yes"],
            &["native_avoidance", "是"],
            &["business_avoidance", "yes"],
            &["reciprocal_avoidance", "yes"],
            &["max_same_region", "2"],
            &["max_same_unit", "1"],
            &["requirements.audit", "1"],
            &["weights.mixing", "2.0"],
        ]),
    ));
    out.push((
        "pins".into(),
        t(&[&["person", "group", "role"], &["P04", "G1", "leader"]]),
    ));
    // booleans where yes/no is read
    if let Some(XCell::Text(_)) = out[1].1[1].get(8) {
        out[1].1[1][8] = XCell::Bool(false);
    }
    out
}

fn load_workbook_bytes(bytes: &[u8], file: &str) -> Result<Case, InputErrors> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(file);
    std::fs::write(&path, bytes).unwrap();
    load_case(&path)
}

fn sheet_name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "units", "people", "posts", "relations", "round", "policy", "pins", "单位", "人才库",
            "任职经历", "关系", "巡察组", "轮次", "参数", "既定人选", "Units", " PEOPLE ", "Sheet1",
            "round ", "x",
        ])
        .prop_map(str::to_string),
        1 => "[a-zA-Z0-9 中文]{1,12}",
    ]
}

#[derive(Debug, Clone)]
enum XOp {
    Cell(Ix, Ix, Ix, XCell),
    Rename(Ix, String),
    Drop(Ix),
    Add(String, Vec<Vec<XCell>>),
    DropRow(Ix, Ix),
    Swap(Ix, Ix),
}

fn xop() -> impl Strategy<Value = XOp> {
    prop_oneof![
        6 => (ix(), ix(), ix(), xcell())
            .prop_map(|(s, r, c, x)| XOp::Cell(s, r, c, x)),
        1 => (ix(), sheet_name()).prop_map(|(s, n)| XOp::Rename(s, n)),
        1 => ix().prop_map(XOp::Drop),
        1 => (sheet_name(), prop::collection::vec(prop::collection::vec(xcell(), 0..4), 0..4))
            .prop_map(|(n, r)| XOp::Add(n, r)),
        1 => (ix(), ix()).prop_map(|(s, r)| XOp::DropRow(s, r)),
        1 => (ix(), ix()).prop_map(|(a, b)| XOp::Swap(a, b)),
    ]
}

fn apply_xop(sheets: &mut Vec<XSheet>, op: &XOp) {
    if sheets.is_empty() {
        if let XOp::Add(n, r) = op {
            sheets.push((n.clone(), r.clone()));
        }
        return;
    }
    let n = sheets.len();
    match op {
        XOp::Cell(s, r, c, x) => {
            let rows = &mut sheets[s.index(n)].1;
            if rows.is_empty() {
                rows.push(Vec::new());
            }
            let r = r.index(rows.len());
            let row = &mut rows[r];
            let c = c.index(row.len() + 1);
            if c == row.len() {
                row.push(x.clone());
            } else {
                row[c] = x.clone();
            }
        }
        XOp::Rename(s, name) => sheets[s.index(n)].0 = name.clone(),
        XOp::Drop(s) => {
            sheets.remove(s.index(n));
        }
        XOp::Add(name, rows) => sheets.push((name.clone(), rows.clone())),
        XOp::DropRow(s, r) => {
            let rows = &mut sheets[s.index(n)].1;
            if !rows.is_empty() {
                let r = r.index(rows.len());
                rows.remove(r);
            }
        }
        XOp::Swap(a, b) => sheets.swap(a.index(n), b.index(n)),
    }
}

#[test]
fn fuzz_workbook_mutations() {
    let base = base_sheets();
    let skipped = AtomicUsize::new(0);
    fuzz(
        "workbook mutations",
        48,
        prop::collection::vec(xop(), 1..5),
        |ops| {
            let mut sheets = base.clone();
            for o in &ops {
                apply_xop(&mut sheets, o);
            }
            let Some(bytes) = workbook_bytes(&sheets) else {
                // a name the writer refuses (too long, twice, …)
                skipped.fetch_add(1, Ordering::Relaxed);
                return Ok(());
            };
            check_load(load_workbook_bytes(&bytes, "case.xlsx"), &["case.xlsx"])
        },
    );
    println!(
        "fuzz workbook mutations: {} not writable, skipped",
        skipped.into_inner()
    );
}

#[test]
fn fuzz_workbook_random() {
    let header_rows: Vec<Vec<&str>> = vec![
        vec!["id", "name", "region", "kind", "parent"],
        vec![
            "编号",
            "姓名",
            "性别",
            "出生年份",
            "职级",
            "工作单位",
            "组长库",
        ],
        vec!["person", "unit", "from_year", "to_year"],
        vec!["kind", "a", "b"],
        vec!["group", "target", "size"],
        vec!["key", "value"],
        vec!["person", "group", "role"],
    ];
    let header = prop::sample::select(header_rows).prop_map(|h| {
        h.into_iter()
            .map(|s| XCell::Text(s.to_string()))
            .collect::<Vec<_>>()
    });
    let rows = prop::collection::vec(prop::collection::vec(xcell(), 0..7), 0..6);
    let sheet = (sheet_name(), prop::option::of(header), rows).prop_map(|(n, h, mut r)| {
        if let Some(h) = h {
            r.insert(0, h);
        }
        (n, r)
    });
    fuzz(
        "workbook random",
        48,
        prop::collection::vec(sheet, 0..7),
        |sheets| {
            let Some(bytes) = workbook_bytes(&sheets) else {
                return Ok(());
            };
            check_load(load_workbook_bytes(&bytes, "case.xlsx"), &["case.xlsx"])
        },
    );
}

/// What offices do to a workbook, on top of its cells: merged ranges (the
/// top-left value kept), hidden sheets, a copy of a sheet under another
/// name (old copies, "people (2)"), and formulas whose stored results are
/// trusted (as Excel saves them) or not (as programs write them).
#[derive(Debug, Clone)]
enum Habit {
    Merge(Ix, Ix, Ix, u8, u8),
    Hide(Ix),
    Copy(Ix, String, bool),
    Formula(Ix, Ix, Ix, &'static str, &'static str),
    Trust,
}

fn habit() -> impl Strategy<Value = Habit> {
    let copy_name = prop::sample::select(vec![
        "people (2)",
        "人才库（旧）",
        "人员名单",
        "关系",
        "亲属关系",
        "units_old",
        "Sheet9",
        "花名册",
        "任职经历表",
    ]);
    prop_oneof![
        4 => (ix(), ix(), ix(), 0u8..3, 0u8..3).prop_map(|(s, r, c, h, w)| Habit::Merge(s, r, c, h, w)),
        2 => ix().prop_map(Habit::Hide),
        2 => (ix(), copy_name, any::<bool>()).prop_map(|(s, n, h)| Habit::Copy(s, n.to_string(), h)),
        2 => (ix(), ix(), ix(), prop::sample::select(vec!["\"U10\"", "1+1", "LEFT(\"R1\",2)", "NA()"]),
            prop::sample::select(vec!["U10", "2", "R1", "#N/A", ""]))
            .prop_map(|(s, r, c, f, v)| Habit::Formula(s, r, c, f, v)),
        1 => Just(Habit::Trust),
    ]
}

/// The sheets with their habits, as workbook bytes (`None`: a workbook the
/// writer refuses, such as overlapping merged ranges or a name twice).
fn office_book(sheets: &[XSheet], habits: &[Habit]) -> Option<Vec<u8>> {
    let mut sheets = sheets.to_vec();
    let mut hidden = vec![false; sheets.len()];
    for h in habits {
        if let Habit::Copy(s, name, hide) = h {
            if sheets.is_empty() {
                continue;
            }
            let mut copy = sheets[s.index(sheets.len())].clone();
            copy.0 = name.clone();
            sheets.push(copy);
            hidden.push(*hide);
        }
    }
    if sheets.is_empty() {
        return None;
    }
    let n = sheets.len();
    for h in habits {
        if let Habit::Hide(s) = h {
            hidden[s.index(n)] = true;
        }
    }
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (k, (name, rows)) in sheets.iter().enumerate() {
        let ws = book.add_worksheet();
        ws.set_name(name).ok()?;
        for (i, r) in rows.iter().enumerate() {
            for (j, c) in r.iter().enumerate() {
                let (i, j) = (i as u32, j as u16);
                match c {
                    XCell::Blank => Ok(&mut *ws),
                    XCell::Text(s) => ws.write_string(i, j, s),
                    XCell::Number(v) => ws.write_number(i, j, *v),
                    XCell::Bool(b) => ws.write_boolean(i, j, *b),
                    XCell::Date(y) => ws.write_datetime_with_format(
                        i,
                        j,
                        ExcelDateTime::from_ymd(*y, 1, 1).ok()?,
                        &date,
                    ),
                    XCell::Formula(f) => ws.write_formula(i, j, *f),
                }
                .ok()?;
            }
        }
        for h in habits {
            match h {
                Habit::Merge(s, r, c, dh, dw) if s.index(n) == k && !rows.is_empty() => {
                    let r0 = r.index(rows.len());
                    let c0 = c.index(rows[r0].len().max(1));
                    if *dh == 0 && *dw == 0 {
                        continue;
                    }
                    let value = match rows[r0].get(c0) {
                        Some(XCell::Text(t)) => t.clone(),
                        Some(XCell::Number(v)) => v.to_string(),
                        _ => String::new(),
                    };
                    let (r0, c0) = (r0 as u32, c0 as u16);
                    ws.merge_range(
                        r0,
                        c0,
                        r0 + *dh as u32,
                        c0 + *dw as u16,
                        &value,
                        &Format::new(),
                    )
                    .ok()?;
                }
                Habit::Formula(s, r, c, f, v) if s.index(n) == k && !rows.is_empty() => {
                    let r0 = r.index(rows.len()) as u32;
                    let c0 = c.index(8) as u16;
                    ws.write_formula(r0, c0, rust_xlsxwriter::Formula::new(*f).set_result(*v))
                        .ok()?;
                }
                _ => {}
            }
        }
        if hidden[k] {
            ws.set_hidden(true);
        }
    }
    let bytes = book.save_to_buffer().ok()?;
    Some(if habits.iter().any(|h| matches!(h, Habit::Trust)) {
        common::trust_formula_bytes(&bytes)
    } else {
        bytes
    })
}

#[test]
fn fuzz_workbook_office_habits() {
    // merged ranges, hidden sheets, copies and formulas on the base case:
    // never a panic, every error named; two sheets whose names are names of
    // one table are an error naming both
    let base = base_sheets();
    let skipped = AtomicUsize::new(0);
    fuzz(
        "workbook office habits",
        48,
        (
            prop::collection::vec(xop(), 0..3),
            prop::collection::vec(habit(), 1..6),
        ),
        |(ops, habits)| {
            let mut sheets = base.clone();
            for o in &ops {
                apply_xop(&mut sheets, o);
            }
            let Some(bytes) = office_book(&sheets, &habits) else {
                skipped.fetch_add(1, Ordering::Relaxed);
                return Ok(());
            };
            let result = load_workbook_bytes(&bytes, "case.xlsx");
            // the sheets as written: two named after one table?
            let mut names: Vec<String> = sheets.iter().map(|s| s.0.clone()).collect();
            for h in &habits {
                if let Habit::Copy(_, name, _) = h {
                    if !sheets.is_empty() {
                        names.push(name.clone());
                    }
                }
            }
            let tables: Vec<Option<xuncha::io::tables::Table>> = names
                .iter()
                .map(|n| xuncha::io::tables::table_named(n))
                .collect();
            for (i, t) in tables.iter().enumerate() {
                let Some(t) = t else { continue };
                if let Some(j) = tables[i + 1..].iter().position(|u| u.as_ref() == Some(t)) {
                    let (a, b) = (&names[i], &names[i + 1 + j]);
                    let e = match &result {
                        Ok(_) => {
                            return Err(TestCaseError::fail(format!(
                                "loaded with {a:?} and {b:?} both named as {t:?}"
                            )))
                        }
                        Err(e) => e.to_string(),
                    };
                    prop_assert!(
                        e.contains(&format!("[{a}]")) && e.contains(&format!("[{b}]")),
                        "{a:?} and {b:?} not both named: {e}"
                    );
                }
            }
            check_load(result, &["case.xlsx"])
        },
    );
    println!(
        "fuzz workbook office habits: {} not writable, skipped",
        skipped.into_inner()
    );
}

#[test]
fn fuzz_workbook_bytes() {
    // mostly overwritten bytes: the length stays, so the zip directory stays
    // readable and the damage reaches the deflate streams, checksums and XML
    let bytes = workbook_bytes(&base_sheets()).unwrap();
    let xml_byte = prop::sample::select(b"<>\"'&=/: 0123456789-.eEtrsvx\x00\xff".to_vec());
    let op = prop_oneof![
        3 => (ix(), xml_byte).prop_map(|(i, x)| ByteOp::Set(i, x)),
        1 => byte_op(),
    ];
    fuzz(
        "workbook bytes",
        200,
        (
            prop::collection::vec(op, 1..4),
            prop::sample::select(vec![
                "case.xlsx",
                "case.xlsx",
                "case.xls",
                "case.ods",
                "case.xlsb",
            ]),
        ),
        |(ops, file)| {
            let mut b = bytes.clone();
            for op in &ops {
                apply_bytes(&mut b, op);
            }
            check_load(load_workbook_bytes(&b, file), &[file])
        },
    );
}

/// Found by `fuzz_workbook_bytes` with a random seed: one byte set to `"`
/// made calamine overflow on a cell reference (a panic in a debug build).
/// A damaged workbook must be an input error, not a crash.
#[test]
fn a_workbook_that_makes_calamine_panic_is_an_input_error() {
    let mut b = workbook_bytes(&base_sheets()).unwrap();
    apply_bytes(&mut b, &ByteOp::Set(Ix(9335024189658723047), 34));
    let result = load_workbook_bytes(&b, "case.xlsx");
    check_load(result, &["case.xlsx"]).unwrap();
}

// ---------------------------------------------------------------------------
// the valid inputs load

#[test]
fn base_inputs_load() {
    let case = base_case();
    assert_eq!(case.units.len(), 11);
    assert_eq!(case.people.len(), 20);
    assert_eq!(case.round.groups.len(), 2);
    assert_eq!(case.round.pins.len(), 1);
    exercise(&case).unwrap();
    let p = plan_from_json(&case, PLAN_JSON, "plan.json").unwrap();
    assert_eq!(p.plan.groups[0].members.len(), 4);

    let book = workbook_bytes(&base_sheets()).unwrap();
    let wb = load_workbook_bytes(&book, "case.xlsx").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(wb.people.len(), 20);
    assert_eq!(wb.round.pins.len(), 1);
    exercise(&wb).unwrap();

    // the product's own writer, read back
    let dir = tempfile::tempdir().unwrap();
    write_dir(dir.path(), &CaseText::base().files());
    let out = dir.path().join("case.xlsx");
    xuncha::io::workbook::case_to_workbook(dir.path(), &out).unwrap();
    let wb = load_case(&out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(wb.people.len(), 20);
}

/// The shipped sample, once: it loads, its plan reads, and a few bad cells in
/// it are named.
#[test]
fn sample_loads_and_bad_cells_are_named() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let case = load_case(&root.join("sample")).unwrap_or_else(|e| panic!("{e}"));
    let plan = read_plan(&case, &root.join("sample-plan.csv")).unwrap_or_else(|e| panic!("{e}"));
    assert!(!plan.plan.groups.is_empty());
    let people = std::fs::read_to_string(root.join("sample/people.csv")).unwrap();
    for (col, value, want) in [
        (5, "U9999", "unknown unit U9999"),
        (3, "1e309", "not a whole number"),
        (4, "99999999999999999999", "not a rank"),
        (8, "maybe", "not yes/no"),
        (2, "", "not a gender"),
    ] {
        let mut t = Table::parse(&people);
        t.rows[17][col] = value.into();
        let dir = tempfile::tempdir().unwrap();
        for f in ["units.csv", "posts.csv", "relations.csv", "round.toml"] {
            std::fs::copy(root.join("sample").join(f), dir.path().join(f)).unwrap();
        }
        std::fs::write(dir.path().join("people.csv"), t.render()).unwrap();
        let e = load_case(dir.path()).unwrap_err().to_string();
        let at = format!(
            "people.csv: line 18, column {} \"{}\"",
            xuncha::error::column_letter(col as u32),
            t.rows[0][col]
        );
        assert!(e.contains(&at) && e.contains(want), "{value:?}: {e}");
    }
}

// ---------------------------------------------------------------------------
// what the fuzzing found (fixed in 8e464be), kept as regression tests

#[test]
fn crlf_and_cr_lines_are_counted() {
    let mut c = CaseText::base();
    c.tables[1].as_mut().unwrap().rows[17][5] = "U9999".into();
    for op in [ByteOp::Crlf, ByteOp::CrOnly] {
        let mut files = c.files();
        apply_bytes(files[1].1.as_mut().unwrap(), &op);
        let e = load_files(&files).unwrap_err().to_string();
        assert!(e.contains("people.csv: line 18"), "{op:?}: {e}");
    }
}

#[test]
fn date_cells_are_named_plainly() {
    // a date where a gender is expected
    let mut sh = base_sheets();
    sh[1].1[3][2] = XCell::Date(2000);
    let e = load_workbook_bytes(&workbook_bytes(&sh).unwrap(), "case.xlsx").unwrap_err();
    let e = e.to_string();
    assert!(
        e.contains("case.xlsx [people]: row 4, column C")
            && e.contains("date")
            && !e.contains('\u{1}'),
        "{e:?}"
    );
    // a date where a group id is expected
    let mut sh = base_sheets();
    sh[4].1[3][0] = XCell::Date(2000);
    match load_workbook_bytes(&workbook_bytes(&sh).unwrap(), "case.xlsx") {
        Ok(c) => panic!(
            "loaded with group ids {:?}",
            c.round.groups.iter().map(|g| &g.id).collect::<Vec<_>>()
        ),
        Err(e) => {
            let e = e.to_string();
            assert!(
                e.contains("case.xlsx [round]: row 4, column A") && !e.contains('\u{1}'),
                "{e:?}"
            );
        }
    }
}

#[test]
fn empty_sheet_is_named() {
    let mut sh = base_sheets();
    sh[1].1.clear();
    let e = load_workbook_bytes(&workbook_bytes(&sh).unwrap(), "case.xlsx").unwrap_err();
    let e = e.to_string();
    assert!(
        e.contains("case.xlsx [people]") && !e.contains("line 0"),
        "{e}"
    );
}

#[test]
fn policy_sheet_errors_name_the_row() {
    let mut sh = base_sheets();
    // policy sheet, row "max_same_region" (spreadsheet line 12)
    assert!(matches!(&sh[5].1[11][0], XCell::Text(k) if k == "max_same_region"));
    sh[5].1[11][1] = XCell::Number(0.0);
    let e = load_workbook_bytes(&workbook_bytes(&sh).unwrap(), "case.xlsx").unwrap_err();
    let e = e.to_string();
    assert!(e.contains("case.xlsx [policy]: row 12"), "{e}");
}

// ---------------------------------------------------------------------------
// properties: what-if scenarios

const SCENARIO: &str = r#"[[variant]]
name = "P01 away"
remove = ["P01", "P05"]
remove_where = [{ unit = "U11" }, { region = "R2", area = "audit", min_level = 1 }]
add_people = "extra.csv"
policy = { max_same_region = 1, group_size = [3, 6] }
requirements = { audit = 1 }
add_groups = [{ id = "G9", targets = ["U32"] }]

[[variant]]
name = "second"
requirements = { finance = 0 }
"#;

const EXTRA: &str = "id,name,gender,birth_year,rank,unit,leader\nQ01,新人,女,1990,2,U02,no\n";

#[test]
fn fuzz_scenario_bytes() {
    // the base case as tables, and its case
    let dir = tempfile::tempdir().unwrap();
    write_dir(dir.path(), &CaseText::base().files());
    let sheets = xuncha::io::case::read_case_sheets(dir.path()).unwrap();
    let base = xuncha::io::case::build_case(sheets.clone()).unwrap();
    {
        // unmutated, the scenario applies
        let sdir = tempfile::tempdir().unwrap();
        std::fs::write(sdir.path().join("extra.csv"), EXTRA).unwrap();
        let s = xuncha::whatif::scenario::parse_scenario(SCENARIO, "s.toml", sdir.path()).unwrap();
        for v in &s.variants {
            let vc = xuncha::whatif::scenario::variant_case(&sheets, &base, v)
                .unwrap_or_else(|e| panic!("{e}"));
            assert!(vc.case.person_by_id("Q01").is_some() || v.name == "second");
        }
    }
    fuzz(
        "scenario bytes",
        150,
        (0..2usize, prop::collection::vec(byte_op(), 1..5)),
        |(k, ops)| {
            let sdir = tempfile::tempdir().unwrap();
            let mut texts = [SCENARIO.as_bytes().to_vec(), EXTRA.as_bytes().to_vec()];
            for op in &ops {
                apply_bytes(&mut texts[k], op);
            }
            std::fs::write(sdir.path().join("extra.csv"), &texts[1]).unwrap();
            let text = String::from_utf8_lossy(&texts[0]).into_owned();
            let parsed = xuncha::whatif::scenario::parse_scenario(&text, "s.toml", sdir.path());
            let scenario = match parsed {
                Ok(s) => s,
                Err(e) => return check_errors(&e, &["s.toml"]),
            };
            for v in &scenario.variants {
                match xuncha::whatif::scenario::variant_case(&sheets, &base, v) {
                    Ok(vc) => exercise(&vc.case)?,
                    Err(e) => {
                        check_errors(&e, &["s.toml", "extra.csv", "people.csv", "round.toml"])?
                    }
                }
            }
            Ok(())
        },
    );
}
