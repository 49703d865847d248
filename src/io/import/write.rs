//! The case an import writes: units split off 工作单位及职务 and joined by
//! the round's targets, regions from the names, people.csv, round.toml.

use super::mapping::Mapping;
use super::report::{Kind, Report};
use super::roster::{PersonRow, RosterColumns};
use super::units::{kind_of, parent_of, short_form, split_by_endings, split_by_known, Places};
use super::RoundRows;
use crate::error::{InputError, InputErrors, Position};
use crate::io::regions::{Match, Regions};
use crate::io::sheet::Sheet;
use crate::io::tables::is_carried_column;
use crate::io::text::{fold_width, name_key};
use crate::model::Case;
use crate::msg::Msg;
use std::collections::BTreeSet;
use std::path::Path;

/// The city level's region when the roster does not name the city.
const CITY_LEVEL: &str = "市本级";

/// What an import writes, worked out.
pub struct Plan {
    /// The places named.
    pub places: Places,
    /// The units (full names), in order of first mention.
    pub units: Vec<String>,
    /// Per person: its unit (an index into `units`) and post.
    pub placed: Vec<(usize, String)>,
    /// Per group: its id, name and targets (indices into `units`).
    pub groups: Vec<(String, String, Vec<usize>)>,
    people: Vec<PersonRow>,
    carried: Vec<String>,
}

fn by_mapping(text: &str, mapping: &Mapping) -> String {
    let t: String = fold_width(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for (from, to) in &mapping.units {
        let f: String = fold_width(from)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if let Some(rest) = t.strip_prefix(f.as_str()) {
            return format!("{to}{rest}");
        }
    }
    t
}

impl Plan {
    /// Works out units, regions and the round's targets.
    pub fn new(
        sheet: &Sheet,
        cols: &RosterColumns,
        people: &[PersonRow],
        round: &RoundRows,
        (mapping, _areas): (&Mapping, &[String]),
        report: &mut Report,
    ) -> Result<Plan, InputErrors> {
        let texts: Vec<String> = people
            .iter()
            .map(|p| by_mapping(&p.unit_post, mapping))
            .chain(
                round
                    .groups
                    .iter()
                    .flat_map(|g| g.2.iter().map(|t| by_mapping(&t.0, mapping))),
            )
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let natives: Vec<&str> = people.iter().map(|p| p.native.as_str()).collect();
        let places = Places::find(&refs, &natives);
        let full: Vec<String> = people
            .iter()
            .map(|p| {
                let (f, how) = places.full_form(&by_mapping(&p.unit_post, mapping));
                for h in how {
                    report.add(
                        Kind::Assumption,
                        Msg::new("import-h-short-form").s("header", h.to_string()),
                        Msg::new("import-becomes")
                            .s("from", p.unit_post.clone())
                            .s("to", f.clone()),
                        p.line,
                    );
                }
                f
            })
            .collect();
        // pass 1: names by their endings; the targets and the mapping's names
        let mut known: BTreeSet<String> = full
            .iter()
            .filter_map(|f| split_by_endings(f).map(|x| x.0))
            .collect();
        known.extend(mapping.units.values().map(|v| places.full_form(v).0));
        let target_full: Vec<Vec<String>> = round
            .groups
            .iter()
            .map(|g| {
                g.2.iter()
                    .map(|t| places.full_form(&by_mapping(&t.0, mapping)).0)
                    .collect()
            })
            .collect();
        let known: Vec<String> = known.into_iter().collect();
        let mut units: Vec<String> = Vec::new();
        let idx = |u: &str, units: &mut Vec<String>| match units.iter().position(|x| x == u) {
            Some(i) => i,
            None => {
                units.push(u.to_string());
                units.len() - 1
            }
        };
        let mut placed = Vec::new();
        for (p, f) in people.iter().zip(&full) {
            let (unit, post) = match split_by_known(f, &known) {
                Some((u, post)) => (u.to_string(), post),
                None => {
                    report.add(
                        Kind::Assumption,
                        Msg::new("import-h-unit-whole-text"),
                        f.clone(),
                        p.line,
                    );
                    (f.clone(), String::new())
                }
            };
            let post = if p.post.is_empty() {
                post
            } else {
                p.post.clone()
            };
            placed.push((idx(&unit, &mut units), post));
        }
        let groups = targets(round, &target_full, &mut units, report)?;
        let carried = cols
            .carried
            .iter()
            .map(|&j| sheet.headers[j].clone())
            .collect();
        let plan = Plan {
            places,
            units,
            placed,
            groups,
            people: people.to_vec(),
            carried,
        };
        plan.report_units(report);
        Ok(plan)
    }

    fn region_of(&self, unit: &str) -> String {
        match self.places.county_of(unit) {
            Some(c) => c.to_string(),
            None => self.city_region(),
        }
    }

    fn city_region(&self) -> String {
        self.places
            .city
            .clone()
            .unwrap_or_else(|| CITY_LEVEL.to_string())
    }

    /// The regions' names, the city level first.
    pub fn region_names(&self) -> Vec<String> {
        std::iter::once(self.city_region())
            .chain(self.places.counties.iter().cloned())
            .collect()
    }

    fn report_units(&self, report: &mut Report) {
        for (i, u) in self.units.iter().enumerate() {
            let region = self.region_of(u);
            let city = self.places.county_of(u).is_none();
            let value = Msg::new("import-unit-split")
                .s("unit", u.clone())
                .s("region", region)
                .s("city", if city { "yes" } else { "no" })
                .s("kind", kind_of(u));
            let rows: Vec<usize> = self
                .placed
                .iter()
                .zip(&self.people)
                .filter(|((k, _), _)| *k == i)
                .map(|(_, p)| p.line)
                .collect();
            if rows.is_empty() {
                report.add(
                    Kind::Assumption,
                    Msg::new("import-h-units-round-only"),
                    value.clone(),
                    0,
                );
            }
            for r in rows {
                report.add(
                    Kind::Assumption,
                    Msg::new("import-h-units-split"),
                    value.clone(),
                    r,
                );
            }
            if let Some(p) = parent_of(u, &self.units) {
                report.add(
                    Kind::Assumption,
                    Msg::new("import-h-village"),
                    Msg::new("import-becomes")
                        .s("from", u.to_string())
                        .s("to", p.to_string()),
                    0,
                );
            }
        }
    }

    fn regions_sheet(&self) -> Sheet {
        let mut rows = vec![vec![
            "R00".to_string(),
            self.city_region(),
            "市直".to_string(),
        ]];
        for (i, c) in self.places.counties.iter().enumerate() {
            rows.push(vec![
                format!("R{:02}", i + 1),
                c.clone(),
                short_form(c).unwrap_or_default(),
            ]);
        }
        Sheet::from_rows(
            Position::file("regions.csv"),
            vec!["编号".into(), "名称".into(), "别名".into()],
            rows,
        )
    }

    fn units_sheet(&self) -> Sheet {
        let rows = self
            .units
            .iter()
            .map(|u| {
                vec![
                    u.clone(),
                    self.region_of(u),
                    kind_of(u).to_string(),
                    parent_of(u, &self.units).unwrap_or_default().to_string(),
                    "草稿：由花名册推得，请核对".to_string(),
                ]
            })
            .collect();
        let h = ["名称", "地区", "类型", "上级单位", "备注"];
        Sheet::from_rows(
            Position::file("units.csv"),
            h.iter().map(|s| s.to_string()).collect(),
            rows,
        )
    }

    fn people_sheet(&self, areas: &[String], report: &mut Report) -> Sheet {
        let mut headers: Vec<String> = [
            "姓名",
            "性别",
            "出生年月",
            "职级",
            "工作单位",
            "籍贯",
            "组长库",
            "可抽调",
            "须参加",
            "上次巡察年份",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for a in areas {
            headers.push(
                crate::io::round_resolve::known_area(a).map_or(a.clone(), |(_, l)| l.to_string()),
            );
        }
        headers.extend(["职务", "工作单位及职务", "专业特长"].map(String::from));
        for c in &self.carried {
            let taken = headers.iter().any(|h| name_key(h) == name_key(c));
            if taken || !is_carried_column(c) {
                report.add(Kind::Assumption, Msg::new("import-h-carried"), c.clone(), 0);
                headers.push(format!("附：{c}"));
            } else {
                headers.push(c.clone());
            }
        }
        let rows = self
            .people
            .iter()
            .zip(&self.placed)
            .map(|(p, (u, post))| {
                let mut r = vec![
                    p.name.clone(),
                    p.gender.to_string(),
                    p.birth.clone(),
                    p.rank.clone(),
                    self.units[*u].clone(),
                    p.native.clone(),
                ];
                r.push(if p.leader { "是" } else { "否" }.to_string());
                let mut flags = p.flags.clone();
                if flags[0].is_empty() {
                    flags[0] = "是".into();
                }
                r.extend(flags);
                r.extend(p.levels.iter().map(u8::to_string));
                r.extend([post.clone(), p.unit_post.clone(), p.speciality.clone()]);
                r.extend(p.carried.iter().cloned());
                r
            })
            .collect();
        Sheet::from_rows(Position::file("people.csv"), headers, rows)
    }

    fn round_toml(&self, source: &Path, year: i32, mapping: &Mapping, areas: &[String]) -> String {
        let q = |s: &str| toml::Value::String(s.to_string()).to_string();
        let stem = source
            .file_stem()
            .map_or(String::new(), |s| s.to_string_lossy().into_owned());
        let mut t = format!(
            "# Imported from {} by xuncha import: units.csv is a draft derived from the names; confirm it.\nname = {}\nyear = {year}\n",
            source.display(),
            q(&stem)
        );
        if mapping.areas.is_some() {
            let a: Vec<String> = areas.iter().map(|a| q(a)).collect();
            t.push_str(&format!("areas = [{}]\n", a.join(", ")));
        }
        for (name, table) in [
            ("policy", &mapping.policy),
            ("requirements", &mapping.requirements),
        ] {
            if let Some(tb) = table {
                t.push_str(&format!(
                    "\n[{name}]\n{}",
                    toml::to_string(tb).unwrap_or_default()
                ));
            }
        }
        for (id, name, targets) in &self.groups {
            t.push_str(&format!("\n[[groups]]\nid = {}\n", q(id)));
            if !name.is_empty() {
                t.push_str(&format!("name = {}\n", q(name)));
            }
            let ts: Vec<String> = targets.iter().map(|&u| q(&self.units[u])).collect();
            t.push_str(&format!("targets = [{}]\n", ts.join(", ")));
        }
        t
    }

    /// Writes the case (a directory, or a workbook) and reads it back.
    pub fn write(
        &self,
        source: &Path,
        out: &Path,
        year: i32,
        mapping: &Mapping,
        areas: &[String],
        report: &mut Report,
    ) -> Result<Option<Case>, InputErrors> {
        let io = |p: &Path, e: String| -> InputErrors {
            InputError::Io {
                path: p.display().to_string(),
                message: Msg::io(e),
            }
            .into()
        };
        let name = out
            .file_name()
            .map_or("case".into(), |s| s.to_string_lossy().into_owned());
        let stage = out.with_file_name(format!(".{name}.import"));
        let _ = std::fs::remove_dir_all(&stage);
        std::fs::create_dir_all(&stage).map_err(|e| io(&stage, e.to_string()))?;
        let regions = self.regions_sheet();
        self.report_natives(&regions, report);
        for p in self.people.iter().filter(|p| p.flags[0].is_empty()) {
            report.add(
                Kind::Assumption,
                Msg::new("import-h-available-blank"),
                "是",
                p.line,
            );
        }
        report.add(
            Kind::Assumption,
            Msg::new("import-h-no-posts"),
            "posts.csv, relations.csv",
            0,
        );
        let files = [
            ("regions.csv", crate::io::case_files::sheet_csv(&regions)),
            (
                "units.csv",
                crate::io::case_files::sheet_csv(&self.units_sheet()),
            ),
            (
                "people.csv",
                crate::io::case_files::sheet_csv(&self.people_sheet(areas, report)),
            ),
            (
                "posts.csv",
                "\u{feff}人员,单位,起始年份,终止年份\n".as_bytes().to_vec(),
            ),
            (
                "relations.csv",
                "\u{feff}类型,甲,乙,备注\n".as_bytes().to_vec(),
            ),
            (
                "round.toml",
                self.round_toml(source, year, mapping, areas).into_bytes(),
            ),
        ];
        let result = (|| {
            for (f, bytes) in files {
                std::fs::write(stage.join(f), bytes)
                    .map_err(|e| io(&stage.join(f), e.to_string()))?;
            }
            if self.groups.is_empty() {
                // no round sheet: the tables are written for the clerk to
                // add the groups; a case without groups does not load yet
                if crate::io::case_files::is_workbook_path(out) || out.exists() {
                    return Err(io(
                        out,
                        "the roster has no round sheet (组别, 被巡察单位): it imports to a new \
                         folder, where round.toml waits for its groups"
                            .into(),
                    ));
                }
                std::fs::rename(&stage, out).map_err(|e| io(out, e.to_string()))?;
                return Ok(None);
            }
            let sheets = crate::io::discover::read_case_sheets(&stage)?;
            crate::io::case_files::write_tables(&sheets, out)?;
            crate::io::load_case(out).map(Some)
        })();
        let _ = std::fs::remove_dir_all(&stage);
        result
    }

    fn report_natives(&self, regions: &Sheet, report: &mut Report) {
        let mut r = Regions::default();
        let mut e = InputErrors::default();
        r.read_table(regions, &mut e);
        for p in &self.people {
            if p.native.is_empty() {
                continue;
            }
            match r.native(&p.native) {
                Match::Exact(x) | Match::Contains(x) => report.add(
                    Kind::Assumption,
                    Msg::new("import-h-native-read"),
                    Msg::new("import-becomes")
                        .s("from", p.native.clone())
                        .s("to", r.names[x.ix()].clone()),
                    p.line,
                ),
                Match::Ambiguous => report.add(
                    Kind::Unplaced,
                    Msg::new("import-h-native-ambiguous"),
                    p.native.clone(),
                    p.line,
                ),
                Match::None => report.add(
                    Kind::Unplaced,
                    Msg::new("import-h-native-outside"),
                    p.native.clone(),
                    p.line,
                ),
            }
        }
    }
}

/// The round's targets as units: a unit's full name, or the end of exactly
/// one unit's name (城关镇 for 东安县城关镇); several: an error listing
/// them; none: a unit of its own, joining the draft table.
fn targets(
    round: &RoundRows,
    full: &[Vec<String>],
    units: &mut Vec<String>,
    report: &mut Report,
) -> Result<Vec<(String, String, Vec<usize>)>, InputErrors> {
    let mut errors = InputErrors::default();
    let mut out = Vec::new();
    for ((id, name, ts), fs) in round.groups.iter().zip(full) {
        let mut idx = Vec::new();
        for ((written, pos), f) in ts.iter().zip(fs) {
            if let Some(i) = units.iter().position(|u| u == f) {
                idx.push(i);
                continue;
            }
            let ends: Vec<usize> = (0..units.len())
                .filter(|&i| units[i].ends_with(f.as_str()))
                .collect();
            match ends.as_slice() {
                [i] => {
                    report.add(
                        Kind::Assumption,
                        Msg::new("import-h-target-by-ending"),
                        Msg::new("import-becomes")
                            .s("from", written.clone())
                            .s("to", units[*i].clone()),
                        pos.line.unwrap_or(0),
                    );
                    idx.push(*i);
                }
                [] => {
                    units.push(f.clone());
                    idx.push(units.len() - 1);
                }
                several => {
                    let c: Vec<&str> = several.iter().map(|&i| units[i].as_str()).collect();
                    errors.at(
                        pos.clone(),
                        Msg::new("import-target-several")
                            .s("value", written.clone())
                            .list("units", c.clone()),
                    );
                }
            }
        }
        out.push((id.clone(), name.clone(), idx));
    }
    errors.into_result(out)
}
