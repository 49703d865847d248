//! The units and people the tables define, by id and by name, as they are
//! read: a cell that names one is resolved here, or the error says why not
//! (unknown, with the near misses; ambiguous, with the candidates).

use super::refs::{id_key, several_message, Found, Names};
use super::round_resolve::Broken;
use super::text::as_written;
use crate::error::{InputErrors, Position};
use crate::model::{PersonId, UnitId};
use crate::msg::Msg;

/// `msg` within its context (`pin: …`, `group G2: …`), if any.
pub(crate) fn within(context: Option<Msg>, msg: Msg) -> Msg {
    match context {
        Some(c) => c.m("msg", msg),
        None => msg,
    }
}

/// What the tables define, as they are read: units and people by id and
/// by name, with the labels that name them in messages.
#[derive(Default)]
pub(crate) struct Index {
    /// Units by id and name.
    pub(crate) units: Names<UnitId>,
    /// Per unit: `U1 东安县财政局`, or the name alone when it is the id.
    pub(crate) unit_labels: Vec<String>,
    /// People by id and name.
    pub(crate) people: Names<PersonId>,
    /// Per person: `P01 周某某`, or the name alone when it is the id.
    pub(crate) person_labels: Vec<String>,
    /// Ids and names of rows (or whole tables) that could not be read.
    pub(crate) broken: Broken,
}

/// `U1 东安县财政局`, or the name alone when the id is the name.
pub(crate) fn label(id: &str, name: &str) -> String {
    if id == name || name.is_empty() {
        id.to_string()
    } else {
        format!("{id} {name}")
    }
}

impl Index {
    /// The unit a cell names (by id or unique name), or `None` with the
    /// error recorded: unknown (with the near misses) or ambiguous (with
    /// the candidates). A reference to a row that could not be read is no
    /// error of its own.
    pub(crate) fn unit(
        &self,
        text: &str,
        pos: &Position,
        errors: &mut InputErrors,
    ) -> Option<UnitId> {
        self.unit_as(text, (None, "unit"), pos, errors)
    }

    /// [`Index::unit`] with the context of the error (a message with the
    /// argument `msg` left out: `group G2: …`) and what the unit is
    /// (`target-unit`; see `ref-unknown` in `input.ftl`).
    pub(crate) fn unit_as(
        &self,
        text: &str,
        words: (Option<Msg>, &'static str),
        pos: &Position,
        errors: &mut InputErrors,
    ) -> Option<UnitId> {
        resolve(
            &self.units,
            &self.unit_labels,
            self.broken.unit(&id_key(text)),
            (text, words),
            pos,
            errors,
        )
    }

    /// The person a cell names (see [`Index::unit`]).
    pub(crate) fn person(
        &self,
        text: &str,
        pos: &Position,
        errors: &mut InputErrors,
    ) -> Option<PersonId> {
        self.person_as(text, (None, "person"), pos, errors)
    }

    /// [`Index::person`] with the words of the error (see [`Index::unit_as`]).
    pub(crate) fn person_as(
        &self,
        text: &str,
        words: (Option<Msg>, &'static str),
        pos: &Position,
        errors: &mut InputErrors,
    ) -> Option<PersonId> {
        resolve(
            &self.people,
            &self.person_labels,
            self.broken.person(&id_key(text)),
            (text, words),
            pos,
            errors,
        )
    }
}

fn resolve<T: Copy + Eq + std::hash::Hash + Ord + Ix>(
    names: &Names<T>,
    labels: &[String],
    broken: bool,
    (text, (context, what)): (&str, (Option<Msg>, &'static str)),
    pos: &Position,
    errors: &mut InputErrors,
) -> Option<T> {
    match names.find(text) {
        Found::Id(v) | Found::Name(v) => Some(v),
        Found::Several(vs) => {
            let l: Vec<String> = vs.iter().map(|v| labels[v.index()].clone()).collect();
            errors.at(pos.clone(), within(context, several_message(text, what, l)));
            None
        }
        Found::Nothing if broken => None,
        Found::Nothing => {
            let near: Vec<String> = names
                .near(text)
                .iter()
                .map(|v| labels[v.index()].clone())
                .collect();
            let msg = if near.is_empty() {
                Msg::new("ref-unknown")
            } else {
                Msg::new("ref-unknown-near").alts("near", near)
            };
            let msg = msg.s("what", what).s("value", as_written(text));
            errors.at(pos.clone(), within(context, msg));
            None
        }
    }
}

/// An index type's position in its vector.
pub(crate) trait Ix {
    /// The index.
    fn index(self) -> usize;
}

impl Ix for UnitId {
    fn index(self) -> usize {
        self.ix()
    }
}

impl Ix for PersonId {
    fn index(self) -> usize {
        self.ix()
    }
}
