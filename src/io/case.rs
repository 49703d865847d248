//! Reading a whole case (SPEC §2): the tables found by [`super::discover`],
//! every reference checked, every problem found in one pass, and what was
//! noticed on the way kept as warnings on the case.

use super::columns::{opt_text, Cells, Column, Header};
use super::regions::{Match, Regions};
use super::round_resolve::{build_round, requirements, resolve_areas, Broken};
use super::sheet::{Sheet, SheetRow};
use super::tables::people_columns;
use super::text::{as_written, fold_width, has_invisible, shown};
use crate::error::{InputErrors, InputWarning, Position};
use crate::model::{
    Area, Case, Gender, KinFact, Person, PersonId, Post, RegionId, Tie, Unit, UnitFact, UnitId,
};
use petgraph::graph::DiGraph;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

pub use super::discover::{read_case_sheets, CaseSheets};
pub use super::round_resolve::{known_area, DEFAULT_AREAS, KNOWN_AREAS};

/// Loads a case from a directory or a workbook. What was noticed on the way
/// is in [`Case::warnings`]; on an error, in [`InputErrors::warnings`].
pub fn load_case(path: &Path) -> Result<Case, InputErrors> {
    let sheets = read_case_sheets(path)?;
    build_case(sheets)
}

fn warn(errors: &mut InputErrors, code: &'static str, pos: Position, hides: bool, msg: String) {
    errors.warnings.push(InputWarning {
        code,
        pos,
        message: msg,
        hides_rule: hides,
    });
}

/// An id or code as read: full-width forms folded, invisible characters
/// dropped (and the cell named in a warning, once per table).
fn id_text(s: &str, pos: &Position, seen: &mut Vec<Position>) -> String {
    let folded = fold_width(s);
    if has_invisible(&folded) {
        seen.push(pos.clone());
        folded
            .chars()
            .filter(|&c| !super::text::is_invisible(c))
            .collect()
    } else {
        folded.into_owned()
    }
}

fn warn_invisible(errors: &mut InputErrors, sheet: &Sheet, seen: Vec<Position>) {
    if seen.is_empty() {
        return;
    }
    let at: Vec<String> = seen
        .iter()
        .take(10)
        .map(|p| p.line.map_or_else(String::new, |l| l.to_string()))
        .collect();
    warn(
        errors,
        "invisible-character",
        sheet.source.clone(),
        false,
        format!(
            "{} id{} held an invisible character (such as U+200B, a zero-width space, pasted \
             from a web page), read without it: line{} {}",
            seen.len(),
            if seen.len() == 1 { "" } else { "s" },
            if seen.len() == 1 { "" } else { "s" },
            at.join(", ")
        ),
    );
}

/// What the tables define, as they are read.
struct Index {
    units: HashMap<String, UnitId>,
    people: HashMap<String, PersonId>,
    broken: Broken,
}

/// Resolves and validates all tables into a case. Every problem is found in
/// one pass: the cells that could not be read are named once, and the rest
/// of the case is checked with them left out.
pub fn build_case(s: CaseSheets) -> Result<Case, InputErrors> {
    let mut errors = s.report.clone();
    let mut regions = Regions::default();
    if let Some(sheet) = &s.regions {
        regions.read_table(sheet, &mut errors);
    }
    let areas = resolve_areas(&s.round, &mut errors);
    let reqs = requirements(&s.round, &areas, &mut errors);
    let mut index = Index {
        units: HashMap::new(),
        people: HashMap::new(),
        broken: Broken::default(),
    };
    let units = read_units(&s.units, &mut regions, &mut index, &mut errors);
    let people = read_people(
        &s,
        &areas,
        &reqs,
        &units,
        &mut regions,
        &mut index,
        &mut errors,
    );
    let posts = s
        .posts
        .as_ref()
        .map(|sheet| read_posts(sheet, &index, &mut errors))
        .unwrap_or_default();
    let facts = s
        .relations
        .as_ref()
        .map(|sheet| read_relations(sheet, &index, &mut errors))
        .unwrap_or_default();
    if s.posts.is_none() {
        warn(
            &mut errors,
            "no-posts",
            s.units.source.clone(),
            false,
            "the case has no posts table (任职经历): only current units count for post \
             avoidance (任职回避)"
                .into(),
        );
    }
    if s.relations.is_none() {
        warn(
            &mut errors,
            "no-relations",
            s.units.source.clone(),
            false,
            "the case has no relations table (关系): no kin, relatives at units, declared \
             conflicts or business ties are known"
                .into(),
        );
    }
    let round = build_round(
        &s.round,
        areas,
        reqs.iter().map(|r| r.0).collect(),
        (&index.units, &index.people),
        &index.broken,
        &mut errors,
    );
    let Some(round) = round else {
        return Err(errors);
    };
    if !errors.errors.is_empty() || errors.more > 0 {
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
    if let Some(r) = &s.regions {
        sources.insert("regions", r.source.file.clone());
    }
    sources.insert("round", s.round.source.file.clone());
    let (kin, relatives, conflicts, ties) = facts;
    let mut case = Case::new(
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
    case.region_names = regions.names;
    case.input_files = s.files;
    let mut pin_errors = crate::validate::check_pins(&case, &s.round);
    if !pin_errors.is_empty() {
        pin_errors.warnings = errors.warnings;
        return Err(pin_errors);
    }
    case.warnings = errors.warnings;
    Ok(case)
}

fn read_units(
    sheet: &Sheet,
    regions: &mut Regions,
    index: &mut Index,
    errors: &mut InputErrors,
) -> Vec<Unit> {
    let schema = [
        Column::new("id", "编号", true),
        Column::new("name", "名称", true),
        Column::new("region", "地区", true),
        Column::new("kind", "类型", false),
        Column::new("parent", "上级单位", false),
    ];
    let mut units: Vec<Unit> = Vec::new();
    let mut parents: Vec<Option<(String, Position)>> = Vec::new();
    let mut invisible = Vec::new();
    let Some(h) = errors.keep(Header::resolve(sheet, &schema)) else {
        index.broken.all_units = true;
        return units;
    };
    let mut c = Cells { errors };
    for r in &sheet.rows {
        let id = c
            .text(h.pos(r, 0), h.get(r, 0))
            .map(|t| id_text(&t, &h.pos(r, 0), &mut invisible));
        let name = opt_text(h.get(r, 1));
        let region_text = c.text(h.pos(r, 2), h.get(r, 2));
        let kind = opt_text(h.get(r, 3)).unwrap_or_default();
        let parent = opt_text(h.get(r, 4)).map(|p| id_text(&p, &h.pos(r, 4), &mut invisible));
        let region = region_text.and_then(|t| {
            if !regions.table {
                return Some(regions.intern(&t));
            }
            match regions.exact(&t) {
                Match::Exact(r) | Match::Contains(r) => Some(r),
                Match::Ambiguous => None,
                Match::None => {
                    let near = regions.near(&t);
                    let hint = if near.is_empty() {
                        String::new()
                    } else {
                        format!("; did you mean {}?", near.join(" or "))
                    };
                    c.errors.at(
                        h.pos(r, 2),
                        format!("region {} is not in the regions table{hint}", shown(&t)),
                    );
                    None
                }
            }
        });
        let (Some(id), Some(region)) = (id, region) else {
            index
                .broken
                .units
                .insert(fold_width(h.get(r, 0)).into_owned());
            continue;
        };
        if let Some(&prev) = index.units.get(&id) {
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
        index.units.insert(id.clone(), uid);
        parents.push(parent.map(|p| (p, h.pos(r, 4))));
        units.push(Unit {
            name: name.unwrap_or_else(|| id.clone()),
            id,
            region,
            kind,
            parent: None,
            line: r.line,
        });
    }
    warn_invisible(errors, sheet, invisible);
    for (i, p) in parents.iter().enumerate() {
        if let Some((pid, pos)) = p {
            match index.units.get(pid) {
                Some(&u) if u.ix() == i => errors.at(
                    pos.clone(),
                    format!("unit {pid} names itself as its parent"),
                ),
                Some(&u) => units[i].parent = Some(u),
                None if index.broken.unit(pid) => {}
                None => errors.at(pos.clone(), format!("unknown unit {}", as_written(pid))),
            }
        }
    }
    break_parent_cycles(&mut units, sheet, errors);
    units
}

/// Parent cycles, found as strongly connected components of the parent
/// graph, are errors (and cut, so that later steps stay finite).
fn break_parent_cycles(units: &mut [Unit], sheet: &Sheet, errors: &mut InputErrors) {
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
                sheet.source.at_line(first.line).col("\"parent\""),
                format!("parent cycle: {} belong to each other", chain.join(", ")),
            );
            for &i in &ix {
                units[i].parent = None;
            }
        }
    }
}

/// `M`/`F`, `男`/`女` (full-width forms too).
fn parse_gender(s: &str) -> Option<Gender> {
    match fold_width(s).to_ascii_uppercase().as_str() {
        "M" | "男" | "MALE" => Some(Gender::Male),
        "F" | "女" | "FEMALE" => Some(Gender::Female),
        _ => None,
    }
}

/// The columns a rule or requirement reads: absent ones are named, never
/// read as all 0 or all blank.
fn check_people_columns(
    h: &Header,
    s: &CaseSheets,
    areas: &[Area],
    reqs: &[(u32, Option<Position>)],
    base: usize,
    errors: &mut InputErrors,
) {
    for (k, a) in areas.iter().enumerate() {
        if h.has(base + k) {
            continue;
        }
        let (need, at) = &reqs[k];
        if *need > 0 {
            let by = match at {
                Some(p) => format!("[requirements] ({p})"),
                None => "the default requirements".into(),
            };
            errors.at(
                h.header_pos(),
                format!(
                    "no column {} ({}), but {by} ask for {need} member{} with it in each group: \
                     add the column (levels 0–3), or set requirements.{} = 0",
                    a.key,
                    a.label,
                    if *need == 1 { "" } else { "s" },
                    a.key
                ),
            );
        } else if s.round.areas.is_some() {
            errors.at(
                h.header_pos(),
                format!(
                    "the round declares area {} but there is no column {} ({})",
                    a.key, a.key, a.label
                ),
            );
        } else {
            warn(
                errors,
                "area-column-absent",
                h.header_pos(),
                false,
                format!(
                    "no column {} ({}): every level in it is taken as 0 (it is required of no \
                     group; it only enters the score's balance)",
                    a.key, a.label
                ),
            );
        }
    }
    if !h.has(7) && s.round.policy.native_avoidance {
        warn(
            errors,
            "native-column-absent",
            h.header_pos(),
            true,
            "no column 籍贯 (native_region), so native avoidance (地域回避 on 籍贯) checks \
             nothing: add the column, or set native_avoidance = false if it does not apply"
                .into(),
        );
    }
    if !h.has(9) {
        warn(
            errors,
            "available-column-absent",
            h.header_pos(),
            false,
            "no column 可抽调 (available): everyone is taken as available".into(),
        );
    }
}

/// Per 籍贯 as written: how it was read, and the lines of the people.
type NativeSeen = BTreeMap<String, (Match, Vec<usize>)>;

/// "1 person: line 5", "3 people: lines 5, 9, 12" (the lines given after).
fn people_count(n: usize) -> String {
    if n == 1 {
        "1 person: line".into()
    } else {
        format!("{n} people: lines")
    }
}

fn warn_natives(seen: NativeSeen, regions: &Regions, sheet: &Sheet, errors: &mut InputErrors) {
    let lines = |v: &[usize]| -> String {
        let mut s: Vec<String> = v.iter().take(6).map(|l| l.to_string()).collect();
        if v.len() > 6 {
            s.push("…".into());
        }
        s.join(", ")
    };
    let mut contained = Vec::new();
    let mut unknown = Vec::new();
    let mut near = Vec::new();
    for (text, (m, at)) in &seen {
        match m {
            Match::Contains(r) => contained.push(format!(
                "{} → {} ({} {})",
                text,
                regions.label(*r),
                people_count(at.len()),
                lines(at)
            )),
            Match::None => {
                let n = regions.near(text);
                let item = format!("{} ({} {})", shown(text), people_count(at.len()), lines(at));
                if n.is_empty() {
                    unknown.push(item);
                } else {
                    near.push(format!("{item}, did you mean {}?", n.join(" or ")));
                }
            }
            _ => {}
        }
    }
    let source = sheet.source.clone();
    if !contained.is_empty() {
        warn(
            errors,
            "native-by-name",
            source.clone(),
            false,
            format!(
                "籍贯 read as the region whose name it contains: {}",
                contained.join("; ")
            ),
        );
    }
    let count = |items: &[(String, (Match, Vec<usize>))]| -> usize {
        items.iter().map(|(_, (_, v))| v.len()).sum()
    };
    if !near.is_empty() {
        warn(
            errors,
            "native-near",
            source.clone(),
            true,
            format!(
                "籍贯 matches no region of the case but is close to one: {}",
                near.join("; ")
            ),
        );
    }
    if !unknown.is_empty() {
        let people = count(
            &seen
                .into_iter()
                .filter(|(t, (m, _))| *m == Match::None && regions.near(t).is_empty())
                .collect::<Vec<_>>(),
        );
        let (hides, advice) = if regions.table {
            (
                false,
                "places outside the case's regions: native avoidance has nothing to avoid for them",
            )
        } else {
            (
                true,
                "a 籍贯 names a region by its code; if any of these is a region of the case, add \
                 a regions table (地区: 编号, 名称, 别名) naming it; with that table, places \
                 outside the case are taken as such",
            )
        };
        warn(
            errors,
            "native-unknown",
            source,
            hides,
            format!(
                "籍贯 of {people} {} matches no region of the case: {} ({advice})",
                if people == 1 { "person" } else { "people" },
                unknown.join("; ")
            ),
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn read_people(
    s: &CaseSheets,
    areas: &[Area],
    reqs: &[(u32, Option<Position>)],
    units: &[Unit],
    regions: &mut Regions,
    index: &mut Index,
    errors: &mut InputErrors,
) -> Vec<Person> {
    let mut schema = people_columns();
    let base = schema.len();
    for a in areas {
        let mut col = Column::new(&a.key, &a.label, false);
        if a.label == a.key {
            col.aliases.clear();
        }
        schema.push(col);
    }
    let unit_regions: HashSet<RegionId> = units.iter().map(|u| u.region).collect();
    let year = s.round.year;
    let mut people: Vec<Person> = Vec::new();
    // per person: the sheet it was read from (0: people, 1..: extra_people)
    let mut person_sheet: Vec<usize> = Vec::new();
    let sheets: Vec<&Sheet> = std::iter::once(&s.people).chain(&s.extra_people).collect();
    for (si, sheet) in sheets.iter().enumerate() {
        let Some(h) = errors.keep(Header::resolve(sheet, &schema)) else {
            index.broken.all_people = true;
            continue;
        };
        if si == 0 {
            check_people_columns(&h, s, areas, reqs, base, errors);
        }
        let mut natives: NativeSeen = BTreeMap::new();
        let mut invisible = Vec::new();
        for r in &sheet.rows {
            let Some(x) = read_person(
                &h,
                r,
                year,
                areas.len(),
                base,
                units,
                regions,
                index,
                errors,
                &mut natives,
                &mut invisible,
            ) else {
                index
                    .broken
                    .people
                    .insert(fold_width(h.get(r, 0)).into_owned());
                continue;
            };
            if let Some(&prev) = index.people.get(&x.id) {
                let first = person_sheet[prev.ix()];
                let place = if first == si {
                    format!("first at line {}", people[prev.ix()].line)
                } else {
                    format!(
                        "already in {} line {}",
                        sheets[first].source.file,
                        people[prev.ix()].line
                    )
                };
                errors.at(
                    h.pos(r, 0),
                    format!("duplicate person id {} ({place})", x.id),
                );
                continue;
            }
            if !unit_regions.contains(&x.region) {
                errors.at(
                    h.pos(r, 6),
                    format!(
                        "region {} is the region of no unit in units",
                        regions.label(x.region)
                    ),
                );
            }
            index
                .people
                .insert(x.id.clone(), PersonId(people.len() as u32));
            person_sheet.push(si);
            people.push(x);
        }
        warn_invisible(errors, sheet, invisible);
        warn_natives(natives, regions, sheet, errors);
    }
    people
}

#[allow(clippy::too_many_arguments)]
fn read_person(
    h: &Header,
    r: &SheetRow,
    year: Option<i32>,
    n_areas: usize,
    base: usize,
    units: &[Unit],
    regions: &mut Regions,
    index: &Index,
    errors: &mut InputErrors,
    natives: &mut NativeSeen,
    invisible: &mut Vec<Position>,
) -> Option<Person> {
    let mut c = Cells { errors };
    let id = c
        .text(h.pos(r, 0), h.get(r, 0))
        .map(|t| id_text(&t, &h.pos(r, 0), invisible));
    let name = c.text(h.pos(r, 1), h.get(r, 1));
    let gender = parse_gender(h.get(r, 2));
    if gender.is_none() {
        c.errors.at(
            h.pos(r, 2),
            format!("{} is not a gender: M/F or 男/女", shown(h.get(r, 2))),
        );
    }
    let birth = c.int(h.pos(r, 3), h.get(r, 3), 1900, 2100, true).flatten();
    let rank = parse_rank(h.get(r, 4));
    if rank.is_none() {
        c.errors.at(
            h.pos(r, 4),
            format!(
                "{} is not a rank: 1..5 or 科员/副科/正科/副处/正处",
                shown(h.get(r, 4))
            ),
        );
    }
    let unit = c.text(h.pos(r, 5), h.get(r, 5)).and_then(|u| {
        let id = id_text(&u, &h.pos(r, 5), invisible);
        match index.units.get(&id) {
            Some(&id) => Some(id),
            None if index.broken.unit(&id) => None,
            None => {
                c.errors
                    .at(h.pos(r, 5), format!("unknown unit {}", as_written(&u)));
                None
            }
        }
    });
    let region = match opt_text(h.get(r, 6)) {
        None => Some(unit.map(|u| units[u.ix()].region)),
        Some(t) => match regions.exact(&t) {
            Match::Exact(r) => Some(Some(r)),
            _ if !regions.table => Some(Some(regions.intern(&t))),
            _ => {
                c.errors.at(
                    h.pos(r, 6),
                    format!("region {} is not in the regions table", shown(&t)),
                );
                None
            }
        },
    };
    let native = opt_text(h.get(r, 7)).map(|t| match regions.native(&t) {
        Match::Exact(reg) => reg,
        m @ Match::Contains(reg) => {
            natives.entry(t).or_insert((m, vec![])).1.push(r.line);
            reg
        }
        m => {
            natives
                .entry(t.clone())
                .or_insert((m, vec![]))
                .1
                .push(r.line);
            regions.outside(&t)
        }
    });
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
    let mut levels = Vec::with_capacity(n_areas);
    for k in 0..n_areas {
        let v = c.int(h.pos(r, base + k), h.get(r, base + k), 0, 3, false);
        levels.push(v.flatten().unwrap_or(0) as u8);
    }
    Some(Person {
        id: id?,
        name: name?,
        gender: gender?,
        birth_year: birth? as i32,
        rank: rank?,
        unit: unit?,
        region: region??,
        native_region: native,
        leader: leader?,
        available: available?,
        must_serve: must_serve?,
        last_served: last?.map(|y| y as i32),
        levels,
        line: r.line,
    })
}

fn read_posts(sheet: &Sheet, index: &Index, errors: &mut InputErrors) -> Vec<Post> {
    let schema = [
        Column::new("person", "人员", true),
        Column::new("unit", "单位", true),
        Column::new("from_year", "起始年份", false),
        Column::new("to_year", "终止年份", false),
    ];
    let mut posts = Vec::new();
    let Some(h) = errors.keep(Header::resolve(sheet, &schema)) else {
        return posts;
    };
    let mut c = Cells { errors };
    for r in &sheet.rows {
        let person = lookup(
            &mut c,
            &h,
            r,
            0,
            (&index.people, &index.broken, false),
            "person",
        );
        let unit = lookup(
            &mut c,
            &h,
            r,
            1,
            (&index.units, &index.broken, true),
            "unit",
        );
        let from = c.int(h.pos(r, 2), h.get(r, 2), 1900, 2200, false);
        let to = c.int(h.pos(r, 3), h.get(r, 3), 1900, 2200, false);
        let (Some(person), Some(unit), Some(from), Some(to)) = (person, unit, from, to) else {
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
    posts
}

/// `kin`, `relative_at`, `conflict` and `business` facts.
type Facts = (Vec<KinFact>, Vec<UnitFact>, Vec<UnitFact>, Vec<Tie>);

fn read_relations(sheet: &Sheet, index: &Index, errors: &mut InputErrors) -> Facts {
    let schema = [
        Column::new("kind", "类型", true),
        Column::new("a", "甲", true),
        Column::new("b", "乙", true),
        Column::new("note", "备注", false),
    ];
    let mut facts: Facts = Default::default();
    let Some(h) = errors.keep(Header::resolve(sheet, &schema)) else {
        return facts;
    };
    let (kin, relatives, conflicts, ties) =
        (&mut facts.0, &mut facts.1, &mut facts.2, &mut facts.3);
    let mut c = Cells { errors };
    let people = (&index.people, &index.broken, false);
    let units = (&index.units, &index.broken, true);
    let mut kin_seen: HashSet<(PersonId, PersonId)> = HashSet::new();
    for r in &sheet.rows {
        let note = h.get(r, 3).to_string();
        let kind = fold_width(h.get(r, 0)).to_ascii_lowercase();
        match kind.as_str() {
            "kin" | "亲属" => {
                let a = lookup(&mut c, &h, r, 1, people, "person");
                let b = lookup(&mut c, &h, r, 2, people, "person");
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
                let a = lookup(&mut c, &h, r, 1, people, "person");
                let b = lookup(&mut c, &h, r, 2, units, "unit");
                let (Some(person), Some(unit)) = (a, b) else {
                    continue;
                };
                let f = UnitFact {
                    person,
                    unit,
                    note,
                    line: r.line,
                };
                if kind == "公务回避" || kind == "conflict" {
                    conflicts.push(f);
                } else {
                    relatives.push(f);
                }
            }
            "business" | "业务关联" => {
                let a = lookup(&mut c, &h, r, 1, units, "unit");
                let b = lookup(&mut c, &h, r, 2, units, "unit");
                let (Some(a), Some(b)) = (a, b) else { continue };
                if a == b {
                    c.errors.at(
                        h.pos(r, 2),
                        format!("a business tie of unit {} with itself", h.get(r, 1)),
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
                    "{} is not a relation kind: kin (亲属), relative_at (亲属任职), \
                     conflict (公务回避) or business (业务关联)",
                    shown(h.get(r, 0))
                ),
            ),
        }
    }
    facts
}

fn lookup<T: Copy>(
    c: &mut Cells,
    h: &Header,
    r: &SheetRow,
    k: usize,
    (index, broken, is_unit): (&HashMap<String, T>, &Broken, bool),
    what: &str,
) -> Option<T> {
    let text = c.text(h.pos(r, k), h.get(r, k))?;
    let key = fold_width(&text);
    let key: String = key
        .chars()
        .filter(|&ch| !super::text::is_invisible(ch))
        .collect();
    match index.get(&key) {
        Some(&v) => Some(v),
        None if (is_unit && broken.unit(&key)) || (!is_unit && broken.person(&key)) => None,
        None => {
            c.errors
                .at(h.pos(r, k), format!("unknown {what} {}", as_written(&text)));
            None
        }
    }
}

/// The rank names, rank 1 first.
pub const RANK_NAMES: [&str; 5] = ["科员", "副科", "正科", "副处", "正处"];

/// `1..5`, or 科员=1 副科=2 正科=3 副处=4 正处=5 (a trailing 级 allowed).
pub fn parse_rank(s: &str) -> Option<u8> {
    let t = fold_width(s);
    let t = t.trim();
    let t = t.strip_suffix('级').unwrap_or(t);
    match RANK_NAMES.iter().position(|&n| n == t) {
        Some(i) => Some(i as u8 + 1),
        _ => match super::columns::parse_int(t) {
            Some(v @ 1..=5) => Some(v as u8),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks() {
        assert_eq!(parse_rank("正处"), Some(5));
        assert_eq!(parse_rank("副科级"), Some(2));
        assert_eq!(parse_rank("3"), Some(3));
        assert_eq!(parse_rank("３"), Some(3));
        assert_eq!(parse_rank("6"), None);
        assert_eq!(parse_rank("处长"), None);
    }
}
