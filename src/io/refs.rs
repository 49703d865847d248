//! References by id or by name: wherever a case expects the id of a unit,
//! a person or a group, its name may stand instead when no other has it.
//! An id is compared as written (full-width forms folded, invisible
//! characters dropped); a name without regard to letter case, full-width
//! forms and spaces (`李　某` = `李某`). An id wins over a name.

use super::text::{fold_width, is_invisible, name_key};
use crate::model::{Case, GroupId, PersonId, UnitId};
use std::collections::HashMap;
use std::hash::Hash;

/// What a reference names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found<T> {
    /// The thing with this id.
    Id(T),
    /// The only thing with this name.
    Name(T),
    /// Several things have this name (in the order they were added).
    Several(Vec<T>),
    /// Nothing.
    Nothing,
}

impl<T: Copy> Found<T> {
    /// The one thing named, by id or by name.
    pub fn one(&self) -> Option<T> {
        match self {
            Found::Id(t) | Found::Name(t) => Some(*t),
            _ => None,
        }
    }
}

/// The key an id is compared by.
pub fn id_key(s: &str) -> String {
    fold_width(s.trim())
        .chars()
        .filter(|&c| !is_invisible(c))
        .collect()
}

/// Ids and names of one kind of thing (units, people, groups), for look-up.
#[derive(Debug, Clone)]
pub struct Names<T> {
    ids: HashMap<String, T>,
    names: HashMap<String, Vec<T>>,
}

impl<T> Default for Names<T> {
    fn default() -> Self {
        Names {
            ids: HashMap::new(),
            names: HashMap::new(),
        }
    }
}

impl<T: Copy + Eq + Hash + Ord> Names<T> {
    /// Adds a thing by its id and name; `false` (and nothing added) when the
    /// id is taken.
    pub fn insert(&mut self, id: &str, name: &str, v: T) -> bool {
        let key = id_key(id);
        if self.ids.contains_key(&key) {
            return false;
        }
        self.ids.insert(key, v);
        let n = name_key(name);
        if !n.is_empty() {
            let list = self.names.entry(n).or_default();
            if !list.contains(&v) {
                list.push(v);
            }
        }
        true
    }

    /// The thing with this id, if any.
    pub fn by_id(&self, id: &str) -> Option<T> {
        self.ids.get(&id_key(id)).copied()
    }

    /// Is the id taken?
    pub fn has_id(&self, id: &str) -> bool {
        self.ids.contains_key(&id_key(id))
    }

    /// What a reference names: an id first, else a name.
    pub fn find(&self, text: &str) -> Found<T> {
        if let Some(&v) = self.ids.get(&id_key(text)) {
            return Found::Id(v);
        }
        match self.names.get(&name_key(text)).map(Vec::as_slice) {
            Some([v]) => Found::Name(*v),
            Some(vs) if vs.len() > 1 => Found::Several(vs.to_vec()),
            _ => Found::Nothing,
        }
    }

    /// Things whose id or name is one letter from `text` (both three
    /// characters or more: 甲县 and 乙县 are two places): the "did you mean".
    pub fn near(&self, text: &str) -> Vec<T> {
        let (id, name) = (id_key(text), name_key(text));
        let close = |a: &str, b: &str| {
            a.chars().count() >= 3 && b.chars().count() >= 3 && strsim::levenshtein(a, b) <= 1
        };
        let mut out: Vec<T> = Vec::new();
        let mut push = |v: T| {
            if !out.contains(&v) {
                out.push(v);
            }
        };
        let mut ids: Vec<(&String, &T)> = self.ids.iter().collect();
        ids.sort();
        for (k, &v) in ids {
            if close(k, &id) {
                push(v);
            }
        }
        let mut names: Vec<(&String, &Vec<T>)> = self.names.iter().collect();
        names.sort_by(|a, b| a.0.cmp(b.0));
        for (k, vs) in names {
            if close(k, &name) {
                vs.iter().for_each(|&v| push(v));
            }
        }
        out
    }

    /// Number of ids.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// No ids.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// The error for a name given to several things: `"城关镇" names 2 units:
/// D-CGZ 东安县城关镇, X-CGZ 西河区城关镇; write the id instead`. `what`
/// is `unit`, `target-unit`, `person` or `group`.
pub fn several_message(text: &str, what: &'static str, labels: Vec<String>) -> crate::msg::Msg {
    crate::msg::Msg::new("ref-several")
        .q("value", text)
        .n("n", labels.len())
        .s("what", what)
        .list("labels", labels)
}

/// A unit of a case by its id or unique name: `Err` holds the units of
/// that name when there are several, and is empty when there is none.
pub fn find_unit(case: &Case, text: &str) -> Result<UnitId, Vec<UnitId>> {
    by_name(
        text,
        case.unit_by_id(&id_key(text)),
        case.units.iter().map(|u| u.name.as_str()),
        UnitId,
    )
}

/// A person by id or unique name (see [`find_unit`]).
pub fn find_person(case: &Case, text: &str) -> Result<PersonId, Vec<PersonId>> {
    by_name(
        text,
        case.person_by_id(&id_key(text)),
        case.people.iter().map(|p| p.name.as_str()),
        PersonId,
    )
}

/// A group by id or unique name (组名; see [`find_unit`]).
pub fn find_group(case: &Case, text: &str) -> Result<GroupId, Vec<GroupId>> {
    by_name(
        text,
        case.group_by_id(&id_key(text)),
        case.group_names.iter().map(String::as_str),
        GroupId,
    )
}

fn by_name<'a, T>(
    text: &str,
    by_id: Option<T>,
    names: impl Iterator<Item = &'a str>,
    make: fn(u32) -> T,
) -> Result<T, Vec<T>> {
    if let Some(v) = by_id {
        return Ok(v);
    }
    let key = name_key(text);
    if key.is_empty() {
        return Err(Vec::new());
    }
    let mut hits: Vec<T> = names
        .enumerate()
        .filter(|(_, n)| name_key(n) == key)
        .map(|(i, _)| make(i as u32))
        .collect();
    if hits.len() == 1 {
        Ok(hits.pop().expect("one"))
    } else {
        Err(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_id_then_by_unique_name() {
        let mut n: Names<u32> = Names::default();
        assert!(n.insert("U1", "东安县财政局", 0));
        assert!(n.insert("U2", "城关镇", 1));
        assert!(n.insert("U3", "城关镇", 2));
        assert!(!n.insert("Ｕ1", "别的", 3));
        assert_eq!(n.find("U1"), Found::Id(0));
        assert_eq!(n.find("东安县 财政局"), Found::Name(0));
        assert_eq!(n.find("城关镇"), Found::Several(vec![1, 2]));
        assert_eq!(n.find("西河"), Found::Nothing);
        assert_eq!(n.find("U2\u{200b}"), Found::Id(1));
    }
}
