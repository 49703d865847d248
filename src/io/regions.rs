//! Regions by code or by name: the optional `regions` table (地区: `id`
//! 编号, `name` 名称, `aliases` 别名) names the case's regions, so that a
//! unit's region, a person's region and a 籍贯 may be written as the code
//! (`R05`), the name (`东安县`) or an alias (`东安`). Without the table a
//! region's code is its only name.
//!
//! A 籍贯 is often written with the province or city before the county
//! (`云州市东安县`): when it is no region's code or name but contains one
//! region's name or alias (the one ending last, the smallest place), it is read as that
//! region, and the reading is named in a warning. A 籍贯 that matches no
//! region is kept as written (a birthplace outside the case's regions
//! inspects nothing), and counted in a warning.

use super::columns::{Cells, Column, Header};
use super::sheet::Sheet;
use super::text::{fold_width, name_key};
use crate::error::{InputErrors, Position};
use crate::model::RegionId;
use crate::msg::Msg;
use std::collections::HashMap;

/// The regions of a case as they are found: codes, names, and every way of
/// writing each.
#[derive(Debug, Default)]
pub struct Regions {
    /// Per region: its code.
    pub codes: Vec<String>,
    /// Per region: its name ("" when none is given).
    pub names: Vec<String>,
    /// name_key(code, name or alias) → region.
    index: HashMap<String, RegionId>,
    /// Names (name_key) of more than one region: never resolved.
    ambiguous: HashMap<String, Vec<RegionId>>,
    /// Places outside the case (a 籍贯 that names no region): kept as
    /// written, each once, never matched by a unit's region.
    outside: HashMap<String, RegionId>,
    /// Was a `regions` table given?
    pub table: bool,
}

/// How a text was read as a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// By its code, name or alias.
    Exact(RegionId),
    /// By a region's name or alias that the text contains.
    Contains(RegionId),
    /// It names several regions.
    Ambiguous,
    /// No region of the case.
    None,
}

impl Regions {
    /// The region of a code, adding it if new (units without a `regions`
    /// table define the regions).
    pub fn intern(&mut self, code: &str) -> RegionId {
        let key = name_key(code);
        if let Some(&r) = self.index.get(&key) {
            return r;
        }
        let r = RegionId(self.codes.len() as u32);
        self.codes.push(fold_width(code).into_owned());
        self.names.push(String::new());
        self.index.insert(key, r);
        r
    }

    /// A place outside the case's regions (a 籍贯 that names none), as
    /// written: a region of its own that no unit is in.
    pub fn outside(&mut self, text: &str) -> RegionId {
        let key = name_key(text);
        if let Some(&r) = self.outside.get(&key) {
            return r;
        }
        let r = RegionId(self.codes.len() as u32);
        self.codes.push(text.to_string());
        self.names.push(String::new());
        self.outside.insert(key, r);
        r
    }

    /// Reads the `regions` table: each row a region, its code unique, its
    /// name and aliases naming it alone.
    pub fn read_table(&mut self, sheet: &Sheet, errors: &mut InputErrors) {
        self.table = true;
        let schema = [
            Column::with("id", &["编号", "代码", "code"], true),
            Column::new("name", "名称", true),
            Column::with("aliases", &["别名", "简称"], false),
        ];
        let Some(h) = errors.keep(Header::resolve(sheet, &schema)) else {
            // The header is the error; region codes are read as without a
            // table, so that every unit does not repeat it.
            self.table = false;
            return;
        };
        let mut c = Cells { errors };
        let mut written: HashMap<String, (RegionId, Position)> = HashMap::new();
        for r in &sheet.rows {
            let Some(code) = c.text(h.pos(r, 0), h.get(r, 0)) else {
                continue;
            };
            let name = h.get(r, 1).to_string();
            let key = name_key(&code);
            if let Some((_, first)) = written.get(&key) {
                c.errors.at(
                    h.pos(r, 0),
                    Msg::new("region-twice")
                        .q("value", &code)
                        .n("line", first.line.unwrap_or(0)),
                );
                continue;
            }
            let id = RegionId(self.codes.len() as u32);
            self.codes.push(fold_width(&code).into_owned());
            self.names.push(name.clone());
            written.insert(key.clone(), (id, h.pos(r, 0)));
            let aliases = h.get(r, 2);
            let mut spellings = vec![(key, h.pos(r, 0))];
            if !name.is_empty() {
                spellings.push((name_key(&name), h.pos(r, 1)));
            }
            for a in aliases.split(['、', ',', '，', ';', '；', '/', '|', ' ']) {
                if !a.trim().is_empty() {
                    spellings.push((name_key(a), h.pos(r, 2)));
                }
            }
            for (s, _) in spellings {
                match self.index.get(&s) {
                    Some(&other) if other != id => {
                        self.ambiguous
                            .entry(s)
                            .or_insert_with(|| vec![other])
                            .push(id);
                    }
                    Some(_) => {}
                    None => {
                        self.index.insert(s, id);
                    }
                }
            }
        }
        for (s, ids) in &self.ambiguous {
            let list: Vec<String> = ids.iter().map(|&r| self.label(r)).collect();
            c.errors.at(
                sheet.source.clone(),
                Msg::new("region-name-ambiguous")
                    .q("value", s)
                    .list("regions", list),
            );
        }
    }

    /// `R05 东安县`, or the code alone.
    pub fn label(&self, r: RegionId) -> String {
        match self.names[r.ix()].as_str() {
            "" => self.codes[r.ix()].clone(),
            n => format!("{} {n}", self.codes[r.ix()]),
        }
    }

    /// The region a cell names exactly (code, name or alias).
    pub fn exact(&self, text: &str) -> Match {
        let key = name_key(text);
        if self.ambiguous.contains_key(&key) {
            return Match::Ambiguous;
        }
        self.index
            .get(&key)
            .map_or(Match::None, |&r| Match::Exact(r))
    }

    /// The region a 籍贯 names: exactly, else by the region name or alias
    /// (two characters or more) it contains that ends last (the smallest
    /// place of an address), the longest first; two regions there: ambiguous.
    pub fn native(&self, text: &str) -> Match {
        match self.exact(text) {
            Match::None => {}
            m => return m,
        }
        if !self.table {
            return Match::None;
        }
        let key = name_key(text);
        // addresses run from the largest place to the smallest (云州市东安县):
        // the name that ends last is the most specific, then the longest
        let mut best: Option<((usize, usize), RegionId)> = None;
        let mut tie = false;
        for (name, &r) in &self.index {
            let n = name.chars().count();
            if n < 2 || self.codes[r.ix()] == *name {
                continue;
            }
            let Some(at) = key.rfind(name.as_str()) else {
                continue;
            };
            let rank = (at + name.len(), n);
            match best {
                Some((m, other)) if rank == m && other != r => tie = true,
                Some((m, _)) if rank <= m => {}
                _ => {
                    best = Some((rank, r));
                    tie = false;
                }
            }
        }
        match best {
            Some(_) if tie => Match::Ambiguous,
            Some((_, r)) => Match::Contains(r),
            None => Match::None,
        }
    }

    /// Codes, names and aliases within one edit of `text`: the "did you
    /// mean". Both must have three characters or more (甲县 and 乙县 are one
    /// edit apart and two places).
    pub fn near(&self, text: &str) -> Vec<String> {
        let key: Vec<char> = name_key(text).chars().collect();
        if key.len() < 2 {
            return Vec::new();
        }
        let mut out: Vec<String> = self
            .index
            .iter()
            .filter(|(n, _)| near_name(&key, n))
            .map(|(_, &r)| self.label(r))
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

/// Is `name` (a region's code, name or alias, as a key) a slip away from
/// `text` or from a part of it: one character added, dropped or changed,
/// the first one kept ("甲具" for 甲县, "云州市东按县" for 东安县)? A name
/// the text holds as written is no slip; names of two characters are
/// compared with the whole text and its end only ("云州市甲具" for 甲县).
fn near_name(text: &[char], name: &str) -> bool {
    let name: Vec<char> = name.chars().collect();
    let n = name.len();
    if n < 2 || text.windows(n).any(|w| w == name.as_slice()) {
        return false;
    }
    let slip = |part: &[char]| {
        part.first() == name.first()
            && part != name.as_slice()
            && strsim::generic_levenshtein(&part.to_vec(), &name) <= 1
    };
    if slip(text) || (text.len() > n && slip(&text[text.len() - n..])) {
        return true;
    }
    if n < 3 {
        return false;
    }
    (n - 1..=n + 1).any(|w| w <= text.len() && text.windows(w).any(slip))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::sheet::read_csv_bytes;

    fn regions() -> Regions {
        let sheet = read_csv_bytes(
            "编号,名称,别名\nR00,云州市,市直\nR05,东安县,东安\nR06,西安区,\n".as_bytes(),
            "regions.csv",
        )
        .unwrap();
        let mut r = Regions::default();
        let mut e = InputErrors::default();
        r.read_table(&sheet, &mut e);
        assert!(e.is_empty(), "{e}");
        r
    }

    #[test]
    fn by_code_name_alias_or_contained_name() {
        let r = regions();
        let r05 = RegionId(1);
        assert_eq!(r.exact("R05"), Match::Exact(r05));
        assert_eq!(r.exact("东安县"), Match::Exact(r05));
        assert_eq!(r.exact(" 东 安 "), Match::Exact(r05));
        assert_eq!(r.native("云州市东安县"), Match::Contains(r05));
        assert_eq!(r.native("云州市东安县城关镇"), Match::Contains(r05));
        assert_eq!(r.native("江西省南昌市"), Match::None);
        assert_eq!(r.near("东按县"), vec!["R05 东安县".to_string()]);
        assert_eq!(r.near("东按"), vec!["R05 东安县".to_string()]);
        assert_eq!(r.near("云州市东按县"), vec!["R05 东安县".to_string()]);
        assert_eq!(r.near("西按区人"), vec!["R06 西安区".to_string()]);
        assert!(r.near("南安县").is_empty(), "the first character kept");
        assert!(r.near("东北三省").is_empty());
        assert!(r.near("东").is_empty());
    }

    #[test]
    fn a_name_of_two_regions_is_an_error() {
        let sheet = read_csv_bytes(
            "id,name,aliases\nR1,东安县,东安\nR2,东安区,东安\n".as_bytes(),
            "regions.csv",
        )
        .unwrap();
        let mut r = Regions::default();
        let mut e = InputErrors::default();
        r.read_table(&sheet, &mut e);
        assert!(
            e.to_string()
                .contains("\"东安\" is given to several regions"),
            "{e}"
        );
        assert_eq!(r.exact("东安"), Match::Ambiguous);
    }
}
