//! Reading a whole case (SPEC §2): the tables found by [`super::discover`],
//! every reference checked, every problem found in one pass, and what was
//! noticed on the way kept as warnings on the case.

use super::columns::{opt_text, Cells, Column, Header};
use super::index::{label, Index};
use super::refs::id_key;
use super::regions::{Match, Regions};
use super::round_resolve::{build_round, requirements, resolve_areas};
use super::sheet::{Sheet, SheetRow};
use super::text::{fold_width, has_invisible};
use crate::error::{InputErrors, InputWarning, Position};
use crate::model::{Case, KinFact, PersonId, Post, Tie, Unit, UnitFact, UnitId};
use crate::msg::Msg;
use petgraph::graph::DiGraph;
use std::collections::{HashMap, HashSet};
use std::path::Path;

pub use super::discover::{read_case_sheets, CaseSheets};
pub use super::round_resolve::{known_area, DEFAULT_AREAS, KNOWN_AREAS};

/// Loads a case from a directory or a workbook. What was noticed on the way
/// is in [`Case::warnings`]; on an error, in [`InputErrors::warnings`].
pub fn load_case(path: &Path) -> Result<Case, InputErrors> {
    let sheets = read_case_sheets(path)?;
    build_case(sheets)
}

pub(crate) fn warn(
    errors: &mut InputErrors,
    code: &'static str,
    pos: Position,
    hides: bool,
    msg: Msg,
) {
    warn_rows(errors, code, pos, hides, msg, Vec::new());
}

/// [`warn`], about some rows of a table: their lines (or rows) in `lines`.
pub(crate) fn warn_rows(
    errors: &mut InputErrors,
    code: &'static str,
    pos: Position,
    hides: bool,
    msg: Msg,
    lines: Vec<usize>,
) {
    errors.warnings.push(InputWarning {
        code,
        pos,
        message: msg,
        hides_rule: hides,
        lines,
    });
}

/// An id or code as read: full-width forms folded, invisible characters
/// dropped (and the cell named in a warning, once per table).
pub(crate) fn id_text(s: &str, pos: &Position, seen: &mut Vec<Position>) -> String {
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

pub(crate) fn warn_invisible(errors: &mut InputErrors, sheet: &Sheet, seen: Vec<Position>) {
    if seen.is_empty() {
        return;
    }
    let at: Vec<String> = seen
        .iter()
        .take(10)
        .map(|p| p.line.map_or_else(String::new, |l| l.to_string()))
        .collect();
    warn_rows(
        errors,
        "invisible-character",
        sheet.source.clone(),
        false,
        Msg::new("invisible-character")
            .n("n", seen.len())
            .s("kind", if sheet.source.sheet { "row" } else { "line" })
            .list("lines", at),
        seen.iter().filter_map(|p| p.line).collect(),
    );
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
    let mut index = Index::default();
    let units = read_units(&s.units, &mut regions, &mut index, &mut errors);
    let (people, carried) = super::people::read_people(
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
    let whole = Position {
        file: s.place.clone(),
        ..Position::default()
    };
    if s.posts.is_none() {
        warn(
            &mut errors,
            "no-posts",
            whole.clone(),
            true,
            "the case has no posts table (任职经历): only current units count for post \
             avoidance (任职回避); if nobody held an earlier post that counts, add the table \
             with its header and no rows to say so"
                .into(),
        );
    }
    if s.relations.is_none() {
        warn(
            &mut errors,
            "no-relations",
            whole,
            true,
            "the case has no relations table (关系): no kin, relatives at units, declared \
             conflicts or business ties are known; if there are none, add the table with its \
             header and no rows to say so"
                .into(),
        );
    }
    let round = build_round(
        &s.round,
        areas,
        reqs.iter().map(|r| r.0).collect(),
        &index,
        &mut errors,
    );
    let Some((round, group_names)) = round else {
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
    case.group_names = group_names;
    case.carried = carried;
    case.input_files = s.files;
    let mut pin_errors = super::pins::check_pins(&case, &s.round);
    if !pin_errors.is_empty() {
        pin_errors.warnings = errors.warnings;
        return Err(pin_errors);
    }
    case.warnings = errors.warnings;
    Ok(case)
}

/// A generated id: the name without spaces (ids are optional for units and
/// people, SPEC §8).
pub(crate) fn name_id(name: &str) -> String {
    fold_width(name)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn unit_region(
    t: &str,
    regions: &mut Regions,
    pos: &Position,
    errors: &mut InputErrors,
) -> Option<crate::model::RegionId> {
    if !regions.table {
        return Some(regions.intern(t));
    }
    match regions.exact(t) {
        Match::Exact(r) | Match::Contains(r) => Some(r),
        Match::Ambiguous => None,
        Match::None => {
            let near = regions.near(t);
            let msg = if near.is_empty() {
                Msg::new("region-not-in-table")
            } else {
                Msg::new("region-not-in-table-near").alts("near", near)
            };
            errors.at(pos.clone(), msg.q("value", t));
            None
        }
    }
}

fn read_units(
    sheet: &Sheet,
    regions: &mut Regions,
    index: &mut Index,
    errors: &mut InputErrors,
) -> Vec<Unit> {
    let schema = [
        Column::new("id", "编号", false),
        Column::new("name", "名称", true),
        Column::new("region", "地区", true),
        Column::new("kind", "类型", false),
        Column::new("parent", "上级单位", false),
        Column::new("note", "备注", false),
    ];
    let mut units: Vec<Unit> = Vec::new();
    let mut parents: Vec<Option<(String, Position)>> = Vec::new();
    let mut invisible = Vec::new();
    let mut generated = 0usize;
    let Some(h) = errors.keep(Header::resolve(sheet, &schema)) else {
        index.broken.all_units = true;
        return units;
    };
    let mut c = Cells { errors };
    for r in &sheet.rows {
        let name = opt_text(h.get(r, 1));
        let id = match opt_text(h.get(r, 0)) {
            Some(t) => Some(id_text(&t, &h.pos(r, 0), &mut invisible)),
            None => match &name {
                Some(n) => {
                    generated += 1;
                    Some(name_id(n))
                }
                None => {
                    c.errors.at(h.pos(r, 1), Msg::new("unit-no-name-no-id"));
                    None
                }
            },
        };
        let region = c
            .text(h.pos(r, 2), h.get(r, 2))
            .and_then(|t| unit_region(&t, regions, &h.pos(r, 2), c.errors));
        let kind = opt_text(h.get(r, 3)).unwrap_or_default();
        let parent = opt_text(h.get(r, 4)).map(|p| id_text(&p, &h.pos(r, 4), &mut invisible));
        let (Some(id), Some(region)) = (id, region) else {
            index.broken.units.insert(id_key(h.get(r, 0)));
            index.broken.units.insert(id_key(h.get(r, 1)));
            continue;
        };
        let uid = UnitId(units.len() as u32);
        let name = name.unwrap_or_else(|| id.clone());
        if !index.units.insert(&id, &name, uid) {
            let prev = index.units.by_id(&id).expect("taken");
            let why = if h.get(r, 0).is_empty() {
                Msg::new("unit-same-name")
                    .s("name", name.clone())
                    .n("line", units[prev.ix()].line)
            } else {
                Msg::new("unit-duplicate")
                    .s("id", id.clone())
                    .n("line", units[prev.ix()].line)
            };
            c.errors.at(h.pos(r, 0), why);
            continue;
        }
        index.unit_labels.push(label(&id, &name));
        parents.push(parent.map(|p| (p, h.pos(r, 4))));
        units.push(Unit {
            name,
            id,
            region,
            kind,
            parent: None,
            line: r.line,
        });
    }
    warn_invisible(errors, sheet, invisible);
    if generated > 0 {
        warn(
            errors,
            "ids-generated",
            sheet.source.clone(),
            false,
            Msg::new("unit-ids-generated").n("n", generated),
        );
    }
    for (i, p) in parents.iter().enumerate() {
        if let Some((pid, pos)) = p {
            match index.unit(pid, pos, errors) {
                Some(u) if u.ix() == i => errors.at(
                    pos.clone(),
                    Msg::new("unit-own-parent").s("id", pid.clone()),
                ),
                Some(u) => units[i].parent = Some(u),
                None => {}
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
                Msg::new("parent-cycle").list("units", chain),
            );
            for &i in &ix {
                units[i].parent = None;
            }
        }
    }
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
        let person = lookup_person(&mut c, &h, r, 0, index);
        let unit = lookup_unit(&mut c, &h, r, 1, index);
        let from = c.int(h.pos(r, 2), h.get(r, 2), 1900, 2200, false);
        let to = c.int(h.pos(r, 3), h.get(r, 3), 1900, 2200, false);
        let (Some(person), Some(unit), Some(from), Some(to)) = (person, unit, from, to) else {
            continue;
        };
        if let (Some(a), Some(b)) = (from, to) {
            if b < a {
                c.errors.at(
                    h.pos(r, 3),
                    Msg::new("post-ends-before-start")
                        .s("from", a.to_string())
                        .s("to", b.to_string()),
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
    let mut kin_seen: HashSet<(PersonId, PersonId)> = HashSet::new();
    for r in &sheet.rows {
        let note = h.get(r, 3).to_string();
        let kind = fold_width(h.get(r, 0)).to_ascii_lowercase();
        match kind.as_str() {
            "kin" | "亲属" => {
                let a = lookup_person(&mut c, &h, r, 1, index);
                let b = lookup_person(&mut c, &h, r, 2, index);
                let (Some(a), Some(b)) = (a, b) else { continue };
                if a == b {
                    c.errors
                        .at(h.pos(r, 2), Msg::new("kin-of-self").s("who", h.get(r, 1)));
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
                let a = lookup_person(&mut c, &h, r, 1, index);
                let b = lookup_unit(&mut c, &h, r, 2, index);
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
                let a = lookup_unit(&mut c, &h, r, 1, index);
                let b = lookup_unit(&mut c, &h, r, 2, index);
                let (Some(a), Some(b)) = (a, b) else { continue };
                if a == b {
                    c.errors.at(
                        h.pos(r, 2),
                        Msg::new("business-with-self").s("unit", h.get(r, 1)),
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
                Msg::new("relation-kind-bad").q("value", h.get(r, 0)),
            ),
        }
    }
    facts
}

/// A unit a post or relation names; unknown, it is said what to do.
fn lookup_unit(c: &mut Cells, h: &Header, r: &SheetRow, k: usize, index: &Index) -> Option<UnitId> {
    let text = c.text(h.pos(r, k), h.get(r, k))?;
    let before = c.errors.errors.len();
    let found = index.unit(&text, &h.pos(r, k), c.errors);
    if found.is_none() && c.errors.errors.len() > before {
        if let Some(crate::error::InputError::Data { message, .. }) = c.errors.errors.last_mut() {
            if message.id.starts_with("ref-unknown") {
                *message = Msg::new("unit-unknown-add-row").m("msg", message.clone());
            }
        }
    }
    found
}

fn lookup_person(
    c: &mut Cells,
    h: &Header,
    r: &SheetRow,
    k: usize,
    index: &Index,
) -> Option<PersonId> {
    let text = c.text(h.pos(r, k), h.get(r, k))?;
    index.person(&text, &h.pos(r, k), c.errors)
}

/// The rank names, rank 1 first.
pub const RANK_NAMES: [&str; 5] = ["科员", "副科", "正科", "副处", "正处"];

/// The 1–5 level of a rank: `1..5`, 科员=1 副科=2 正科=3 副处=4 正处=5 (a
/// trailing 级 allowed), or any name of the rank table ([`super::ranks`]).
pub fn parse_rank(s: &str) -> Option<u8> {
    super::ranks::parse_rank(s).map(|r| r.level)
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
