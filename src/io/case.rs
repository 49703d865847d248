//! Reading a whole case (SPEC §2): a directory of CSV files and `round.toml`,
//! or one workbook with the same sheets; every reference checked.

use super::round::{parse_round_toml, round_from_sheets, RoundSpec};
use super::sheet::{opt_text, read_csv, Cells, Column, Header, Sheet, Workbook};
use crate::error::{InputError, InputErrors, Position};
use crate::model::{
    Area, Case, Gender, Group, GroupId, KinFact, Person, PersonId, Pin, Post, RegionId, Round, Tie,
    Unit, UnitFact, UnitId,
};
use petgraph::graph::DiGraph;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Known areas: canonical key and Chinese name.
pub const KNOWN_AREAS: [(&str, &str); 7] = [
    ("discipline", "纪检监察"),
    ("organization", "组织人事"),
    ("audit", "审计"),
    ("finance", "财务"),
    ("engineering", "工程"),
    ("legal", "政法"),
    ("petition", "信访"),
];

/// A known area by key (any case) or Chinese name: (key, name).
pub fn known_area(name: &str) -> Option<(&'static str, &'static str)> {
    KNOWN_AREAS
        .iter()
        .find(|(k, l)| name.eq_ignore_ascii_case(k) || name == *l)
        .copied()
}

/// The areas used when the round declares none.
pub const DEFAULT_AREAS: [&str; 4] = ["discipline", "organization", "audit", "finance"];

/// The tables of a case before they are resolved.
#[derive(Debug, Clone)]
pub struct CaseSheets {
    /// `units`.
    pub units: Sheet,
    /// `people`.
    pub people: Sheet,
    /// `posts`, optional.
    pub posts: Option<Sheet>,
    /// `relations`, optional.
    pub relations: Option<Sheet>,
    /// The round.
    pub round: RoundSpec,
    /// More people, read after `people` with the same columns (what-if
    /// variants: `add_people`); empty when loading a case.
    pub extra_people: Vec<Sheet>,
}

const UNITS_NAMES: [&str; 2] = ["units", "单位"];
const PEOPLE_NAMES: [&str; 2] = ["people", "人才库"];
const POSTS_NAMES: [&str; 2] = ["posts", "任职经历"];
const RELATIONS_NAMES: [&str; 2] = ["relations", "关系"];

/// Loads a case from a directory or a workbook.
pub fn load_case(path: &Path) -> Result<Case, InputErrors> {
    let sheets = read_case_sheets(path)?;
    build_case(sheets)
}

fn find_file(dir: &Path, names: &[&str], ext: &str) -> Option<(std::path::PathBuf, String)> {
    names.iter().find_map(|n| {
        let f = format!("{n}.{ext}");
        let p = dir.join(&f);
        p.is_file().then_some((p, f))
    })
}

/// Reads the raw tables of a case.
pub fn read_case_sheets(path: &Path) -> Result<CaseSheets, InputErrors> {
    let display = path.display().to_string();
    if path.is_dir() {
        let mut errors = InputErrors::default();
        let mut required = |names: &[&str], ext: &str| -> Option<(std::path::PathBuf, String)> {
            let found = find_file(path, names, ext);
            if found.is_none() {
                errors.push(InputError::Io {
                    path: format!("{display}/{}.{ext}", names[0]),
                    message: format!(
                        "missing: a case directory needs {} (or {}.{ext})",
                        format_args!("{}.{ext}", names[0]),
                        names[1]
                    ),
                });
            }
            found
        };
        let units = required(&UNITS_NAMES, "csv");
        let people = required(&PEOPLE_NAMES, "csv");
        let round = required(&["round", "轮次"], "toml");
        let posts = find_file(path, &POSTS_NAMES, "csv");
        let relations = find_file(path, &RELATIONS_NAMES, "csv");
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut read = |f: Option<(std::path::PathBuf, String)>| -> Option<Sheet> {
            let (p, name) = f?;
            errors.keep(read_csv(&p, &name))
        };
        let units = read(units);
        let people = read(people);
        let posts = read(posts);
        let relations = read(relations);
        let round = round.and_then(|(p, name)| {
            let text = match std::fs::read(&p) {
                Ok(b) => match String::from_utf8(b) {
                    Ok(t) => t,
                    Err(_) => {
                        errors.push(InputError::Io {
                            path: name,
                            message: "text is not UTF-8".into(),
                        });
                        return None;
                    }
                },
                Err(e) => {
                    errors.push(InputError::Io {
                        path: name,
                        message: e.to_string(),
                    });
                    return None;
                }
            };
            errors.keep(parse_round_toml(&text, &name))
        });
        assemble(units, people, posts, relations, round, errors)
    } else if path.is_file() {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or(display.clone());
        let mut book = Workbook::open(path, &name)?;
        let mut errors = InputErrors::default();
        let mut need = |book: &mut Workbook, names: &[&str]| -> Option<Sheet> {
            let found = errors.keep(book.sheet(names))?;
            if found.is_none() {
                errors.push(InputError::Io {
                    path: name.clone(),
                    message: format!(
                        "no sheet named {} ({}); the sheets are: {}",
                        names[0],
                        names[1..].join("/"),
                        book.sheet_names().join(", ")
                    ),
                });
            }
            found
        };
        let units = need(&mut book, &UNITS_NAMES);
        let people = need(&mut book, &PEOPLE_NAMES);
        let round_sheet = need(&mut book, &["round", "巡察组", "轮次"]);
        let mut optional =
            |book: &mut Workbook, names: &[&str]| errors.keep(book.sheet(names)).flatten();
        let posts = optional(&mut book, &POSTS_NAMES);
        let relations = optional(&mut book, &RELATIONS_NAMES);
        let policy = optional(&mut book, &["policy", "参数", "政策"]);
        let pins = optional(&mut book, &["pins", "既定人选"]);
        let round = round_sheet
            .and_then(|r| errors.keep(round_from_sheets(&r, policy.as_ref(), pins.as_ref())));
        assemble(units, people, posts, relations, round, errors)
    } else {
        Err(InputError::Io {
            path: display,
            message: "no such directory or workbook".into(),
        }
        .into())
    }
}

/// Ids of rows that could not be read.
#[derive(Default)]
struct Broken {
    units: HashSet<String>,
    people: HashSet<String>,
}

fn assemble(
    units: Option<Sheet>,
    people: Option<Sheet>,
    posts: Option<Sheet>,
    relations: Option<Sheet>,
    round: Option<RoundSpec>,
    errors: InputErrors,
) -> Result<CaseSheets, InputErrors> {
    match (units, people, round) {
        (Some(units), Some(people), Some(round)) if errors.is_empty() => Ok(CaseSheets {
            units,
            people,
            posts,
            relations,
            round,
            extra_people: Vec::new(),
        }),
        _ => Err(errors),
    }
}

struct Regions {
    codes: Vec<String>,
    index: HashMap<String, RegionId>,
}

impl Regions {
    fn intern(&mut self, code: &str) -> RegionId {
        if let Some(&r) = self.index.get(code) {
            return r;
        }
        let r = RegionId(self.codes.len() as u32);
        self.codes.push(code.to_string());
        self.index.insert(code.to_string(), r);
        r
    }
}

/// Resolves the area names of the round (aliases to keys), in order.
fn resolve_areas(spec: &RoundSpec, errors: &mut InputErrors) -> Vec<Area> {
    let mut areas: Vec<Area> = Vec::new();
    let given: Vec<(String, Position)> = match &spec.areas {
        Some(a) => a.clone(),
        None => DEFAULT_AREAS
            .iter()
            .map(|a| (a.to_string(), spec.source.clone()))
            .collect(),
    };
    for (name, pos) in given {
        let name = name.trim();
        let (key, label) = match known_area(name) {
            Some((k, l)) => (k.to_string(), l.to_string()),
            None => (name.to_string(), name.to_string()),
        };
        if key.is_empty() {
            errors.at(pos, "an empty area name");
            continue;
        }
        if areas.iter().any(|a| a.key == key) {
            errors.at(pos, format!("area {key} is declared twice"));
            continue;
        }
        areas.push(Area { key, label });
    }
    areas
}

/// Resolves and validates all tables into a case.
pub fn build_case(s: CaseSheets) -> Result<Case, InputErrors> {
    let mut errors = InputErrors::default();
    let mut regions = Regions {
        codes: Vec::new(),
        index: HashMap::new(),
    };
    let areas = resolve_areas(&s.round, &mut errors);

    // units
    let schema = [
        Column::new("id", "编号", true),
        Column::new("name", "名称", true),
        Column::new("region", "地区", true),
        Column::new("kind", "类型", false),
        Column::new("parent", "上级单位", false),
    ];
    let mut units: Vec<Unit> = Vec::new();
    let mut unit_index: HashMap<String, UnitId> = HashMap::new();
    // ids of rows that could not be read: references to them are not errors
    // of their own (the row's error says what is wrong)
    let mut broken = Broken::default();
    let mut parents: Vec<Option<(String, Position)>> = Vec::new();
    if let Some(h) = errors.keep(Header::resolve(&s.units, &schema)) {
        let mut c = Cells {
            errors: &mut errors,
        };
        for r in &s.units.rows {
            let id = c.text(h.pos(r, 0), h.get(r, 0));
            let name = opt_text(h.get(r, 1));
            let region = c.text(h.pos(r, 2), h.get(r, 2));
            let kind = opt_text(h.get(r, 3)).unwrap_or_default();
            let parent = opt_text(h.get(r, 4));
            let (Some(id), Some(region)) = (id, region) else {
                broken.units.insert(h.get(r, 0).to_string());
                continue;
            };
            if let Some(&prev) = unit_index.get(&id) {
                c.errors.at(
                    h.pos(r, 0),
                    format!(
                        "duplicate unit id {id} (first at line {})",
                        units[prev.ix()].line
                    ),
                );
                continue;
            }
            let uid = UnitId(units.len() as u32);
            unit_index.insert(id.clone(), uid);
            parents.push(parent.map(|p| (p, h.pos(r, 4))));
            units.push(Unit {
                name: name.unwrap_or_else(|| id.clone()),
                id,
                region: regions.intern(&region),
                kind,
                parent: None,
                line: r.line,
            });
        }
    }
    for (i, p) in parents.iter().enumerate() {
        if let Some((pid, pos)) = p {
            match unit_index.get(pid) {
                Some(&u) if u.ix() == i => errors.at(
                    pos.clone(),
                    format!("unit {pid} names itself as its parent"),
                ),
                Some(&u) => units[i].parent = Some(u),
                None if broken.units.contains(pid) => {}
                None => errors.at(pos.clone(), format!("unknown unit {pid}")),
            }
        }
    }
    // parent cycles: strongly connected components of the parent graph
    {
        let mut g: DiGraph<(), ()> = DiGraph::new();
        let nodes: Vec<_> = (0..units.len()).map(|_| g.add_node(())).collect();
        for (i, u) in units.iter().enumerate() {
            if let Some(p) = u.parent {
                g.add_edge(nodes[i], nodes[p.ix()], ());
            }
        }
        for scc in petgraph::algo::tarjan_scc(&g) {
            if scc.len() > 1 {
                let mut ix: Vec<usize> = scc.iter().map(|n| n.index()).collect();
                ix.sort_unstable();
                let first = &units[ix[0]];
                let chain: Vec<&str> = ix.iter().map(|&i| units[i].id.as_str()).collect();
                errors.at(
                    s.units.source.at_line(first.line).col("\"parent\""),
                    format!("parent cycle: {} belong to each other", chain.join(", ")),
                );
                for &i in &ix {
                    units[i].parent = None; // keep later steps finite
                }
            }
        }
    }
    let known_unit_regions: HashSet<RegionId> = units.iter().map(|u| u.region).collect();

    // people
    let mut schema = vec![
        Column::new("id", "编号", true),
        Column::new("name", "姓名", true),
        Column::new("gender", "性别", true),
        Column::new("birth_year", "出生年份", true),
        Column::new("rank", "职级", true),
        Column::new("unit", "工作单位", true),
        Column::new("region", "地区", false),
        Column::new("native_region", "籍贯", false),
        Column::new("leader", "组长库", true),
        Column::new("available", "可抽调", false),
        Column::new("must_serve", "须参加", false),
        Column::new("last_served", "上次巡察年份", false),
    ];
    let base = schema.len();
    for a in &areas {
        let mut col = Column::new(&a.key, &a.label, false);
        if a.label == a.key {
            col.aliases.clear();
        }
        schema.push(col);
    }
    let year = s.round.year;
    let mut people: Vec<Person> = Vec::new();
    let mut person_index: HashMap<String, PersonId> = HashMap::new();
    // per person: the sheet it was read from (0: people, 1..: extra_people)
    let mut person_sheet: Vec<usize> = Vec::new();
    let people_sheets: Vec<&Sheet> = std::iter::once(&s.people).chain(&s.extra_people).collect();
    for (si, sheet) in people_sheets.iter().enumerate() {
        let Some(h) = errors.keep(Header::resolve(sheet, &schema)) else {
            continue;
        };
        for (k, a) in areas.iter().enumerate() {
            if !h.has(base + k) && s.round.areas.is_some() {
                errors.at(
                    h.header_pos(),
                    format!(
                        "the round declares area {} but there is no column {} ({})",
                        a.key, a.key, a.label
                    ),
                );
            }
        }
        let mut c = Cells {
            errors: &mut errors,
        };
        for r in &sheet.rows {
            let id = c.text(h.pos(r, 0), h.get(r, 0));
            let name = c.text(h.pos(r, 1), h.get(r, 1));
            let gender = {
                let g = h.get(r, 2);
                match g.to_ascii_uppercase().as_str() {
                    "M" | "男" | "MALE" => Some(Gender::Male),
                    "F" | "女" | "FEMALE" => Some(Gender::Female),
                    _ => {
                        c.errors.at(
                            h.pos(r, 2),
                            format!("\"{g}\" is not a gender: M/F or 男/女"),
                        );
                        None
                    }
                }
            };
            let birth = c.int(h.pos(r, 3), h.get(r, 3), 1900, 2100, true).flatten();
            let rank = parse_rank(h.get(r, 4));
            if rank.is_none() {
                c.errors.at(
                    h.pos(r, 4),
                    format!(
                        "\"{}\" is not a rank: 1..5 or 科员/副科/正科/副处/正处",
                        h.get(r, 4)
                    ),
                );
            }
            let unit_text = h.get(r, 5);
            let unit = match c.text(h.pos(r, 5), unit_text) {
                Some(u) => match unit_index.get(&u) {
                    Some(&u) => Some(u),
                    None if broken.units.contains(&u) => None,
                    None => {
                        c.errors.at(h.pos(r, 5), format!("unknown unit {u}"));
                        None
                    }
                },
                None => None,
            };
            let region = opt_text(h.get(r, 6));
            let native = opt_text(h.get(r, 7));
            let leader = c.yes_no(h.pos(r, 8), h.get(r, 8), None);
            let available = c.yes_no(h.pos(r, 9), h.get(r, 9), Some(true));
            let must_serve = c.yes_no(h.pos(r, 10), h.get(r, 10), Some(false));
            let last = c.int(h.pos(r, 11), h.get(r, 11), 1900, 2200, false);
            if let (Some(Some(l)), Some(y)) = (last, year) {
                if l > y as i64 {
                    c.errors.at(
                        h.pos(r, 11),
                        format!("last served in {l}, after the round's year {y}"),
                    );
                }
            }
            let mut levels = Vec::with_capacity(areas.len());
            for k in 0..areas.len() {
                let v = c.int(h.pos(r, base + k), h.get(r, base + k), 0, 3, false);
                levels.push(v.flatten().unwrap_or(0) as u8);
            }
            let (
                Some(id),
                Some(name),
                Some(gender),
                Some(birth),
                Some(rank),
                Some(unit),
                Some(leader),
                Some(available),
                Some(must_serve),
                Some(last),
            ) = (
                id, name, gender, birth, rank, unit, leader, available, must_serve, last,
            )
            else {
                broken.people.insert(h.get(r, 0).to_string());
                continue;
            };
            if let Some(&prev) = person_index.get(&id) {
                let first = person_sheet[prev.ix()];
                let place = if first == si {
                    format!("first at line {}", people[prev.ix()].line)
                } else {
                    format!(
                        "already in {} line {}",
                        people_sheets[first].source.file,
                        people[prev.ix()].line
                    )
                };
                c.errors
                    .at(h.pos(r, 0), format!("duplicate person id {id} ({place})"));
                continue;
            }
            let region = match region {
                Some(code) => {
                    let rid = regions.intern(&code);
                    if !known_unit_regions.contains(&rid) {
                        c.errors.at(
                            h.pos(r, 6),
                            format!("region {code} is the region of no unit in units"),
                        );
                    }
                    rid
                }
                None => units[unit.ix()].region,
            };
            person_index.insert(id.clone(), PersonId(people.len() as u32));
            person_sheet.push(si);
            people.push(Person {
                id,
                name,
                gender,
                birth_year: birth as i32,
                rank,
                unit,
                region,
                native_region: native.map(|n| regions.intern(&n)),
                leader,
                available,
                must_serve,
                last_served: last.map(|y| y as i32),
                levels,
                line: r.line,
            });
        }
    }

    // posts
    let mut posts = Vec::new();
    if let Some(sheet) = &s.posts {
        let schema = [
            Column::new("person", "人员", true),
            Column::new("unit", "单位", true),
            Column::new("from_year", "起始年份", false),
            Column::new("to_year", "终止年份", false),
        ];
        if let Some(h) = errors.keep(Header::resolve(sheet, &schema)) {
            let mut c = Cells {
                errors: &mut errors,
            };
            for r in &sheet.rows {
                let person = lookup(&mut c, &h, r, 0, (&person_index, &broken.people), "person");
                let unit = lookup(&mut c, &h, r, 1, (&unit_index, &broken.units), "unit");
                let from = c.int(h.pos(r, 2), h.get(r, 2), 1900, 2200, false);
                let to = c.int(h.pos(r, 3), h.get(r, 3), 1900, 2200, false);
                let (Some(person), Some(unit), Some(from), Some(to)) = (person, unit, from, to)
                else {
                    continue;
                };
                if let (Some(a), Some(b)) = (from, to) {
                    if b < a {
                        c.errors.at(
                            h.pos(r, 3),
                            format!("the post ends in {b}, before it starts in {a}"),
                        );
                        continue;
                    }
                }
                posts.push(Post {
                    person,
                    unit,
                    from_year: from.map(|v| v as i32),
                    to_year: to.map(|v| v as i32),
                    line: r.line,
                });
            }
        }
    }

    // relations
    let (mut kin, mut relatives, mut conflicts, mut ties) = (vec![], vec![], vec![], vec![]);
    if let Some(sheet) = &s.relations {
        let schema = [
            Column::new("kind", "类型", true),
            Column::new("a", "甲", true),
            Column::new("b", "乙", true),
            Column::new("note", "备注", false),
        ];
        if let Some(h) = errors.keep(Header::resolve(sheet, &schema)) {
            let mut c = Cells {
                errors: &mut errors,
            };
            let mut kin_seen: HashSet<(PersonId, PersonId)> = HashSet::new();
            for r in &sheet.rows {
                let note = h.get(r, 3).to_string();
                let kind = h.get(r, 0);
                match kind.to_ascii_lowercase().as_str() {
                    "kin" | "亲属" => {
                        let a = lookup(&mut c, &h, r, 1, (&person_index, &broken.people), "person");
                        let b = lookup(&mut c, &h, r, 2, (&person_index, &broken.people), "person");
                        let (Some(a), Some(b)) = (a, b) else { continue };
                        if a == b {
                            c.errors.at(
                                h.pos(r, 2),
                                format!("{} is named as kin of themself", h.get(r, 1)),
                            );
                            continue;
                        }
                        if kin_seen.insert((a.min(b), a.max(b))) {
                            kin.push(KinFact {
                                a,
                                b,
                                note,
                                line: r.line,
                            });
                        }
                    }
                    "relative_at" | "亲属任职" | "conflict" | "公务回避" => {
                        let a = lookup(&mut c, &h, r, 1, (&person_index, &broken.people), "person");
                        let b = lookup(&mut c, &h, r, 2, (&unit_index, &broken.units), "unit");
                        let (Some(person), Some(unit)) = (a, b) else {
                            continue;
                        };
                        let f = UnitFact {
                            person,
                            unit,
                            note,
                            line: r.line,
                        };
                        if kind == "公务回避" || kind.eq_ignore_ascii_case("conflict") {
                            conflicts.push(f);
                        } else {
                            relatives.push(f);
                        }
                    }
                    "business" | "业务关联" => {
                        let a = lookup(&mut c, &h, r, 1, (&unit_index, &broken.units), "unit");
                        let b = lookup(&mut c, &h, r, 2, (&unit_index, &broken.units), "unit");
                        let (Some(a), Some(b)) = (a, b) else { continue };
                        if a == b {
                            c.errors.at(
                                h.pos(r, 2),
                                format!(
                                    "a business tie of unit {} with itself",
                                    h.get(r, 1)
                                ),
                            );
                            continue;
                        }
                        ties.push(Tie {
                            a,
                            b,
                            note,
                            line: r.line,
                        });
                    }
                    _ => c.errors.at(
                        h.pos(r, 0),
                        format!(
                            "\"{kind}\" is not a relation kind: kin (亲属), relative_at (亲属任职), \
                             conflict (公务回避) or business (业务关联)"
                        ),
                    ),
                }
            }
        }
    }

    let round = build_round(
        &s.round,
        areas,
        &unit_index,
        &person_index,
        &broken,
        &mut errors,
    );
    let Some(round) = round else {
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut sources = HashMap::new();
    sources.insert("units", s.units.source.file.clone());
    sources.insert("people", s.people.source.file.clone());
    if let Some(p) = &s.posts {
        sources.insert("posts", p.source.file.clone());
    }
    if let Some(r) = &s.relations {
        sources.insert("relations", r.source.file.clone());
    }
    sources.insert("round", s.round.source.file.clone());
    let case = Case::new(
        units,
        people,
        regions.codes,
        posts,
        kin,
        relatives,
        conflicts,
        ties,
        round,
        sources,
    );
    let pin_errors = crate::validate::check_pins(&case, &s.round);
    pin_errors.into_result(case)
}

fn lookup<T: Copy>(
    c: &mut Cells,
    h: &Header,
    r: &super::sheet::SheetRow,
    k: usize,
    (index, broken): (&HashMap<String, T>, &HashSet<String>),
    what: &str,
) -> Option<T> {
    let text = c.text(h.pos(r, k), h.get(r, k))?;
    match index.get(&text) {
        Some(&v) => Some(v),
        None if broken.contains(&text) => None,
        None => {
            c.errors.at(h.pos(r, k), format!("unknown {what} {text}"));
            None
        }
    }
}

/// The rank names, rank 1 first.
pub const RANK_NAMES: [&str; 5] = ["科员", "副科", "正科", "副处", "正处"];

/// `1..5`, or 科员=1 副科=2 正科=3 副处=4 正处=5 (a trailing 级 allowed).
pub fn parse_rank(s: &str) -> Option<u8> {
    let t = s.trim();
    let t = t.strip_suffix('级').unwrap_or(t);
    match RANK_NAMES.iter().position(|&n| n == t) {
        Some(i) => Some(i as u8 + 1),
        _ => match super::sheet::parse_int(t) {
            Some(v @ 1..=5) => Some(v as u8),
            _ => None,
        },
    }
}

fn build_round(
    spec: &RoundSpec,
    areas: Vec<Area>,
    units: &HashMap<String, UnitId>,
    people: &HashMap<String, PersonId>,
    broken: &Broken,
    errors: &mut InputErrors,
) -> Option<Round> {
    let year = match spec.year {
        Some(y) => y,
        None => {
            errors.at(
                spec.year_hint.0.clone(),
                format!(
                    "the round has no year, which post look-back and ages need: {}",
                    spec.year_hint.1
                ),
            );
            return None;
        }
    };
    let mut requirements: Vec<u32> = areas
        .iter()
        .map(|a| u32::from(DEFAULT_AREAS.contains(&a.key.as_str())))
        .collect();
    for (name, v, pos) in &spec.requirements {
        let key = known_area(name).map_or(name.as_str(), |(k, _)| k);
        match areas.iter().position(|a| a.key == key) {
            Some(i) => requirements[i] = *v,
            None => errors.at(
                pos.clone(),
                format!(
                    "unknown area {name}; the round's areas are: {}",
                    areas
                        .iter()
                        .map(|a| a.key.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
        }
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut group_index: HashMap<String, GroupId> = HashMap::new();
    let mut target_owner: HashMap<UnitId, String> = HashMap::new();
    if spec.groups.is_empty() {
        errors.at(spec.source.clone(), "the round has no groups ([[groups]])");
    }
    for g in &spec.groups {
        let (id, pos) = &g.id;
        if id.is_empty() {
            errors.at(pos.clone(), "a group without an id");
            continue;
        }
        if group_index.contains_key(id) {
            errors.at(pos.clone(), format!("group {id} is declared twice"));
            continue;
        }
        if g.targets.is_empty() {
            errors.at(pos.clone(), format!("group {id} has no targets"));
        }
        let mut targets = Vec::new();
        for (t, tpos) in &g.targets {
            match units.get(t) {
                None if broken.units.contains(t) => {}
                None => errors.at(tpos.clone(), format!("group {id}: unknown target unit {t}")),
                Some(&u) => {
                    if let Some(other) = target_owner.get(&u) {
                        errors.at(
                            tpos.clone(),
                            format!("target {t} is in group {other} and in group {id}: a unit is inspected by one group"),
                        );
                        continue;
                    }
                    target_owner.insert(u, id.clone());
                    targets.push(u);
                }
            }
        }
        let size = g.size.unwrap_or(spec.policy.group_size);
        if spec.policy.leaders_per_group > size.1 {
            errors.at(
                pos.clone(),
                format!(
                    "group {id}: {} leaders do not fit in at most {} members",
                    spec.policy.leaders_per_group, size.1
                ),
            );
        }
        group_index.insert(id.clone(), GroupId(groups.len() as u32));
        groups.push(Group {
            id: id.clone(),
            targets,
            size,
        });
    }
    let mut pins = Vec::new();
    for p in &spec.pins {
        let person = people.get(&p.person.0).copied();
        if person.is_none() && !broken.people.contains(&p.person.0) {
            errors.at(
                p.person.1.clone(),
                format!("pin: unknown person {}", p.person.0),
            );
        }
        let group = group_index.get(&p.group.0).copied();
        if group.is_none() {
            errors.at(
                p.group.1.clone(),
                format!("pin: unknown group {}", p.group.0),
            );
        }
        if let (Some(person), Some(group)) = (person, group) {
            pins.push(Pin {
                person,
                group,
                role: p.role,
            });
        }
    }
    let mut exclude = Vec::new();
    for (e, pos) in &spec.exclude {
        match people.get(e) {
            Some(&p) => exclude.push(p),
            None if broken.people.contains(e) => {}
            None => errors.at(pos.clone(), format!("exclude: unknown person {e}")),
        }
    }
    Some(Round {
        name: spec.name.clone(),
        year,
        areas,
        policy: spec.policy.clone(),
        requirements,
        weights: spec.weights.clone(),
        groups,
        pins,
        exclude,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks() {
        assert_eq!(parse_rank("正处"), Some(5));
        assert_eq!(parse_rank("副科级"), Some(2));
        assert_eq!(parse_rank("3"), Some(3));
        assert_eq!(parse_rank("6"), None);
        assert_eq!(parse_rank("处长"), None);
    }
}
