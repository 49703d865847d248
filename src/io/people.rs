//! Reading the people table (人才库): every column a rule reads checked to be
//! there, 籍贯 and regions by code or name, and what could not be placed
//! counted in warnings.

use super::birth::{is_birth_date_header, parse_birth};
use super::case::{id_text, name_id, warn, warn_invisible, warn_rows, CaseSheets};
use super::columns::{opt_text, Cells, Column, Header};
use super::index::{label, Index};
use super::ranks::parse_rank;
use super::refs::{id_key, Names};
use super::regions::{Match, Regions};
use super::sheet::{Sheet, SheetRow};
use super::tables::{is_carried_column, people_columns};
use super::text::{fold_width, name_key};
use crate::error::{InputErrors, Position};
use crate::model::{Area, Carried, Gender, Person, PersonId, RegionId, Unit};
use crate::msg::Msg;
use std::collections::{BTreeMap, HashMap, HashSet};

/// `M`/`F`, `男`/`女` (full-width forms too).
pub(crate) fn parse_gender(s: &str) -> Option<Gender> {
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
                Some(p) => Msg::new("requirements-at").pos("pos", p.clone()),
                None => Msg::new("requirements-default"),
            };
            errors.at(
                h.header_pos(),
                Msg::new("area-column-needed")
                    .s("key", a.key.clone())
                    .s("label", a.label.clone())
                    .m("by", by)
                    .n("need", *need),
            );
        } else if s.round.areas.is_some() {
            errors.at(
                h.header_pos(),
                Msg::new("area-column-declared")
                    .s("key", a.key.clone())
                    .s("label", a.label.clone()),
            );
        } else {
            warn(
                errors,
                "area-column-absent",
                h.header_pos(),
                false,
                Msg::new("area-column-absent")
                    .s("key", a.key.clone())
                    .s("label", a.label.clone()),
            );
        }
    }
    if !h.has(7) && s.round.policy.native_avoidance {
        warn(
            errors,
            "native-column-absent",
            h.header_pos(),
            true,
            Msg::new("native-column-absent"),
        );
    }
    if !h.has(9) {
        warn(
            errors,
            "available-column-absent",
            h.header_pos(),
            false,
            Msg::new("available-column-absent"),
        );
    }
}

/// Per 籍贯 as written: how it was read, and the lines of the people.
type NativeSeen = BTreeMap<String, (Match, Vec<usize>)>;

/// "1 person: line 5", "3 people: lines 5, 9, 12" (the first six, then "…").
fn people_lines(v: &[usize], sheet: bool) -> Msg {
    let mut s: Vec<String> = v.iter().take(6).map(|l| l.to_string()).collect();
    if v.len() > 6 {
        s.push("…".into());
    }
    Msg::new("people-lines")
        .n("n", v.len())
        .s("kind", if sheet { "row" } else { "line" })
        .list("lines", s)
}

/// Cells left blank where a blank has a meaning, and 地区 given apart from
/// the unit's region: read as documented, and said, per sheet.
#[derive(Default)]
struct Defaults {
    /// Rows read (people).
    rows: usize,
    /// Lines with a blank 籍贯.
    native_blank: Vec<usize>,
    /// Lines with a blank 可抽调.
    available_blank: Vec<usize>,
    /// "P12: E, unit A-GOV in A" per line whose 地区 is not its unit's.
    region_apart: Vec<(usize, Msg)>,
}

impl Defaults {
    fn note(&mut self, h: &Header, r: &SheetRow, x: &Person, units: &[Unit], regions: &Regions) {
        self.rows += 1;
        if h.has(7) && opt_text(h.get(r, 7)).is_none() {
            self.native_blank.push(r.line);
        }
        if h.has(9) && opt_text(h.get(r, 9)).is_none() {
            self.available_blank.push(r.line);
        }
        let unit = &units[x.unit.ix()];
        if x.region != unit.region {
            self.region_apart.push((
                r.line,
                Msg::new("region-apart-item")
                    .s("id", x.id.clone())
                    .s("region", regions.label(x.region))
                    .s("unit", unit.id.clone())
                    .s("unit_region", regions.label(unit.region)),
            ));
        }
    }

    fn warn(self, native_avoidance: bool, sheet: &Sheet, errors: &mut InputErrors) {
        let source = sheet.source.clone();
        let n = self.native_blank.len();
        if native_avoidance && n > 0 && n == self.rows {
            warn(
                errors,
                "native-all-blank",
                source.clone(),
                true,
                Msg::new("native-all-blank"),
            );
        } else if native_avoidance && n > 0 {
            warn_rows(
                errors,
                "native-blank",
                source.clone(),
                false,
                Msg::new("native-blank").m(
                    "people",
                    people_lines(&self.native_blank, sheet.source.sheet),
                ),
                self.native_blank,
            );
        }
        if !self.available_blank.is_empty() {
            warn_rows(
                errors,
                "available-blank",
                source.clone(),
                false,
                Msg::new("available-blank").m(
                    "people",
                    people_lines(&self.available_blank, sheet.source.sheet),
                ),
                self.available_blank,
            );
        }
        if !self.region_apart.is_empty() {
            let at: Vec<usize> = self.region_apart.iter().map(|(l, _)| *l).collect();
            let which: Vec<Msg> = self
                .region_apart
                .iter()
                .take(6)
                .map(|(_, t)| t.clone())
                .collect();
            warn_rows(
                errors,
                "region-not-unit",
                source,
                false,
                Msg::new("region-not-unit")
                    .m("people", people_lines(&at, sheet.source.sheet))
                    .items("which", which),
                at,
            );
        }
    }
}

/// A 籍贯 that matches no region may still name a place of the case: when
/// the units whose names begin with it (甲县 → 甲县财政局), or whose name it
/// begins with (一镇东村 → 一镇), are all in one region, that region is
/// named (as a hint, never read so).
fn unit_hint(text: &str, units: &[Unit], regions: &Regions) -> Option<Msg> {
    let key = name_key(text);
    if key.chars().count() < 2 {
        return None;
    }
    let mut found: Vec<(RegionId, &str)> = units
        .iter()
        .filter(|u| {
            let name = name_key(&u.name);
            name.starts_with(&key) || (name.chars().count() >= 2 && key.starts_with(&name))
        })
        .map(|u| (u.region, u.name.as_str()))
        .collect();
    found.sort();
    let (r, name) = *found.first()?;
    if found.iter().any(|f| f.0 != r) {
        return None;
    }
    Some(
        Msg::new("native-unit-hint")
            .s("name", name)
            .s("others", if found.len() > 1 { "yes" } else { "no" })
            .s("region", regions.label(r)),
    )
}

fn warn_natives(
    seen: NativeSeen,
    regions: &Regions,
    units: &[Unit],
    sheet: &Sheet,
    errors: &mut InputErrors,
) {
    let mut contained = Vec::new();
    let mut unknown = Vec::new();
    let mut near = Vec::new();
    let (mut contained_at, mut unknown_at, mut near_at) = (vec![], vec![], vec![]);
    for (text, (m, at)) in &seen {
        let item = Msg::new("native-item")
            .q("value", text)
            .m("people", people_lines(at, sheet.source.sheet));
        // a slip of a region's name, or else a place that units of one region name
        let slip = match m {
            Match::Contains(_) | Match::None => {
                let n = regions.near(text);
                if !n.is_empty() {
                    Some(
                        Msg::new("native-item-near")
                            .m("item", item.clone())
                            .alts("near", n),
                    )
                } else if *m == Match::None {
                    unit_hint(text, units, regions).map(|hint| {
                        Msg::new("native-item-unit")
                            .m("item", item.clone())
                            .m("hint", hint)
                    })
                } else {
                    None
                }
            }
            _ => continue,
        };
        match (slip, m) {
            (Some(s), _) => {
                near_at.extend(at);
                near.push(s);
            }
            (None, Match::Contains(r)) => {
                contained_at.extend(at);
                contained.push(
                    Msg::new("native-item-contained")
                        .s("value", text.clone())
                        .s("region", regions.label(*r))
                        .m("people", people_lines(at, sheet.source.sheet)),
                );
            }
            (None, _) => {
                unknown_at.extend(at);
                unknown.push(item);
            }
        }
    }
    contained_at.sort_unstable();
    near_at.sort_unstable();
    unknown_at.sort_unstable();
    let source = sheet.source.clone();
    if !contained.is_empty() {
        warn_rows(
            errors,
            "native-by-name",
            source.clone(),
            false,
            Msg::new("native-by-name").items("items", contained),
            contained_at,
        );
    }
    if !near.is_empty() {
        warn_rows(
            errors,
            "native-near",
            source.clone(),
            true,
            Msg::new("native-near").items("items", near),
            near_at,
        );
    }
    if !unknown.is_empty() {
        let people = unknown_at.len();
        let (hides, advice) = if regions.table {
            (false, Msg::new("native-unknown-outside"))
        } else {
            (true, Msg::new("native-unknown-no-table"))
        };
        warn_rows(
            errors,
            "native-unknown",
            source,
            hides,
            Msg::new("native-unknown")
                .n("n", people)
                .items("items", unknown)
                .m("advice", advice),
            unknown_at,
        );
    }
}

/// Per row of a sheet: the id to give a person written without one (the
/// name; name and birth year where two share a name; then `-2`, `-3` in
/// row order), `None` where the row has an id or no name.
fn generated_ids(h: &Header, sheet: &Sheet, taken: &Names<PersonId>) -> Vec<Option<String>> {
    let written: HashSet<String> = sheet
        .rows
        .iter()
        .map(|r| id_key(h.get(r, 0)))
        .filter(|k| !k.is_empty())
        .collect();
    let base: Vec<Option<String>> = sheet
        .rows
        .iter()
        .map(|r| (h.get(r, 0).is_empty() && !h.get(r, 1).is_empty()).then(|| name_id(h.get(r, 1))))
        .collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for b in base.iter().flatten() {
        *count.entry(b).or_default() += 1;
    }
    let mut used: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(base.len());
    for (r, b) in sheet.rows.iter().zip(&base) {
        let Some(b) = b else {
            out.push(None);
            continue;
        };
        let free = |s: &str, used: &HashSet<String>| {
            !used.contains(s) && !written.contains(s) && !taken.has_id(s)
        };
        let mut id = b.clone();
        if count[b.as_str()] > 1 || !free(&id, &used) {
            let year = parse_birth(h.get(r, 3)).map_or_else(String::new, |x| x.year.to_string());
            id = format!("{b}{year}");
            let stem = id.clone();
            let mut k = 2;
            while !free(&id, &used) {
                id = format!("{stem}-{k}");
                k += 1;
            }
        }
        used.insert(id.clone());
        out.push(Some(id));
    }
    out
}

/// A person's carried cells, in the order of the first sheet's carried
/// headers (a later sheet's by the same header, else blank).
fn carried_row(h: &Header, sheet: &Sheet, r: &SheetRow, headers: &[String]) -> Vec<String> {
    headers
        .iter()
        .map(|want| {
            h.carried()
                .iter()
                .find(|&&j| name_key(&sheet.headers[j]) == name_key(want))
                .and_then(|&j| r.cells.get(j))
                .cloned()
                .unwrap_or_default()
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn read_people(
    s: &CaseSheets,
    areas: &[Area],
    reqs: &[(u32, Option<Position>)],
    units: &[Unit],
    regions: &mut Regions,
    index: &mut Index,
    errors: &mut InputErrors,
) -> (Vec<Person>, Carried) {
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
    let mut carried = Carried::default();
    // per person: the sheet it was read from (0: people, 1..: extra_people)
    let mut person_sheet: Vec<usize> = Vec::new();
    let sheets: Vec<&Sheet> = std::iter::once(&s.people).chain(&s.extra_people).collect();
    for (si, sheet) in sheets.iter().enumerate() {
        let Some(h) = errors.keep(Header::resolve_carrying(sheet, &schema, &is_carried_column))
        else {
            index.broken.all_people = true;
            continue;
        };
        if si == 0 {
            check_people_columns(&h, s, areas, reqs, base, errors);
            carried.headers = h
                .carried()
                .iter()
                .map(|&j| sheet.headers[j].clone())
                .collect();
        }
        let ids = generated_ids(&h, sheet, &index.people);
        let mut natives: NativeSeen = BTreeMap::new();
        let mut invisible = Vec::new();
        let mut defaults = Defaults::default();
        for (r, id) in sheet.rows.iter().zip(&ids) {
            let at = (&h, r);
            let Some(x) = read_person(
                at,
                id.clone(),
                (year, areas.len(), base),
                units,
                regions,
                index,
                errors,
                (&mut natives, &mut invisible),
            ) else {
                index.broken.people.insert(id_key(h.get(r, 0)));
                index.broken.people.insert(id_key(h.get(r, 1)));
                continue;
            };
            if let Some(prev) = index.people.by_id(&x.id) {
                let first = person_sheet[prev.ix()];
                let place = if first == si {
                    Msg::new("first-at-line").n("line", people[prev.ix()].line)
                } else {
                    Msg::new("already-in-file")
                        .s("file", sheets[first].source.file.clone())
                        .n("line", people[prev.ix()].line)
                };
                errors.at(
                    h.pos(r, 0),
                    Msg::new("person-duplicate")
                        .s("id", x.id.clone())
                        .m("place", place),
                );
                continue;
            }
            if !unit_regions.contains(&x.region) {
                errors.at(
                    h.pos(r, 6),
                    Msg::new("region-of-no-unit").s("region", regions.label(x.region)),
                );
            }
            defaults.note(&h, r, &x, units, regions);
            index
                .people
                .insert(&x.id, &x.name, PersonId(people.len() as u32));
            index.person_labels.push(label(&x.id, &x.name));
            if !carried.headers.is_empty() {
                carried
                    .values
                    .push(carried_row(&h, sheet, r, &carried.headers));
            }
            person_sheet.push(si);
            people.push(x);
        }
        warn_invisible(errors, sheet, invisible);
        warn_natives(natives, regions, units, sheet, errors);
        defaults.warn(s.round.policy.native_avoidance, sheet, errors);
        let generated = ids.iter().flatten().count();
        if generated > 0 {
            warn(
                errors,
                "ids-generated",
                sheet.source.clone(),
                false,
                Msg::new("ids-generated").n("n", generated),
            );
        }
    }
    (people, carried)
}

/// The birth year of a cell: a plain year under 出生年份, any form of a
/// birth date (1968.03, 1975年8月, a date cell) under 出生年月 or 出生日期.
fn birth_year(h: &Header, r: &SheetRow, c: &mut Cells) -> Option<i64> {
    let text = h.get(r, 3);
    if !is_birth_date_header(h.written(3)) || text.is_empty() {
        return c.int(h.pos(r, 3), text, 1900, 2100, true).flatten();
    }
    match parse_birth(text) {
        Some(b) => Some(b.year as i64),
        None => {
            c.errors
                .at(h.pos(r, 3), Msg::new("birth-not-date").q("value", text));
            None
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn read_person(
    (h, r): (&Header, &SheetRow),
    generated: Option<String>,
    (year, n_areas, base): (Option<i32>, usize, usize),
    units: &[Unit],
    regions: &mut Regions,
    index: &Index,
    errors: &mut InputErrors,
    (natives, invisible): (&mut NativeSeen, &mut Vec<Position>),
) -> Option<Person> {
    let mut c = Cells { errors };
    let id = match generated {
        Some(g) => Some(g),
        None => c
            .text(h.pos(r, 0), h.get(r, 0))
            .map(|t| id_text(&t, &h.pos(r, 0), invisible)),
    };
    let name = c.text(h.pos(r, 1), h.get(r, 1));
    let gender = parse_gender(h.get(r, 2));
    if gender.is_none() {
        c.errors
            .at(h.pos(r, 2), Msg::new("gender-bad").q("value", h.get(r, 2)));
    }
    let birth = birth_year(h, r, &mut c);
    let rank = parse_rank(h.get(r, 4));
    if rank.is_none() {
        c.errors
            .at(h.pos(r, 4), Msg::new("rank-bad").q("value", h.get(r, 4)));
    }
    let unit = c.text(h.pos(r, 5), h.get(r, 5)).and_then(|u| {
        // an invisible character is named even where the unit is found
        let _ = id_text(&u, &h.pos(r, 5), invisible);
        index.unit(&u, &h.pos(r, 5), c.errors)
    });
    let region = match opt_text(h.get(r, 6)) {
        None => Some(unit.map(|u| units[u.ix()].region)),
        Some(t) => match regions.exact(&t) {
            Match::Exact(r) => Some(Some(r)),
            _ if !regions.table => Some(Some(regions.intern(&t))),
            _ => {
                c.errors
                    .at(h.pos(r, 6), Msg::new("region-not-in-table").q("value", &t));
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
    // 副组长库: blank is 否; without the column, the leader pool
    let deputy = if h.has(12) {
        c.yes_no(h.pos(r, 12), h.get(r, 12), Some(false))
    } else {
        leader
    };
    if let (Some(Some(l)), Some(y)) = (last, year) {
        if l > y as i64 {
            c.errors.at(
                h.pos(r, 11),
                Msg::new("last-served-after-year")
                    .s("last", l.to_string())
                    .s("year", y.to_string()),
            );
        }
    }
    let mut levels = Vec::with_capacity(n_areas);
    for k in 0..n_areas {
        let v = c.int(h.pos(r, base + k), h.get(r, base + k), 0, 3, false);
        levels.push(v.flatten().unwrap_or(0) as u8);
    }
    let rank = rank?;
    Some(Person {
        id: id?,
        name: name?,
        gender: gender?,
        birth_year: birth? as i32,
        rank: rank.level,
        rank_step: rank.step,
        unit: unit?,
        region: region??,
        native_region: native,
        leader: leader?,
        deputy: deputy?,
        available: available?,
        must_serve: must_serve?,
        last_served: last?.map(|y| y as i32),
        levels,
        line: r.line,
    })
}
