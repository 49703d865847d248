//! Messages as data: a stable id and named arguments, with no wording. The
//! words are chosen by `explain::input` in the reader's language (Fluent
//! messages in `explain/locales/*/input.ftl`), so the readers in `io/`
//! never write a sentence.

use crate::error::Position;

/// One argument of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MsgArg {
    /// A value as written (a name, an id, a cell's text), shown as is.
    Text(String),
    /// A whole number (a count, a line, a year); plural forms select on it.
    Int(i64),
    /// Values shown as a list in the language's way (`a, b` or `a、b`).
    List(Vec<String>),
    /// Messages shown one after another (`a; b`, `a；b`).
    Items(Vec<Msg>),
    /// Values shown as alternatives (`a or b`, `a 或 b`).
    Alts(Vec<String>),
    /// Another message, rendered in the same language (a clause, a hint).
    Msg(Box<Msg>),
    /// A place in the input, rendered in the same language.
    Pos(Box<Position>),
    /// Where within a file already named (`line 5`, `row 5`).
    Place(Box<Position>),
    /// Words made elsewhere in both languages (a chain of facts from the
    /// rules), for the message to carry as they are.
    Both {
        /// In English.
        en: String,
        /// In Chinese.
        zh: String,
    },
}

/// A message: its stable id (`cell-empty`) and its arguments by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    /// The Fluent id of the message, stable and English.
    pub id: &'static str,
    /// The arguments, by their name in the message.
    pub args: Vec<(&'static str, MsgArg)>,
}

impl Msg {
    /// The message `id` with no arguments yet.
    pub fn new(id: &'static str) -> Msg {
        Msg {
            id,
            args: Vec::new(),
        }
    }

    /// A text argument.
    pub fn s(mut self, key: &'static str, value: impl Into<String>) -> Msg {
        self.args.push((key, MsgArg::Text(value.into())));
        self
    }

    /// A number argument.
    pub fn n(mut self, key: &'static str, value: impl TryInto<i64>) -> Msg {
        let v = value.try_into().unwrap_or(i64::MAX);
        self.args.push((key, MsgArg::Int(v)));
        self
    }

    /// A list argument.
    pub fn list<I, T>(mut self, key: &'static str, values: I) -> Msg
    where
        I: IntoIterator<Item = T>,
        T: Into<String>,
    {
        let v = values.into_iter().map(Into::into).collect();
        self.args.push((key, MsgArg::List(v)));
        self
    }

    /// Messages shown one after another (`a; b`).
    pub fn items(mut self, key: &'static str, values: Vec<Msg>) -> Msg {
        self.args.push((key, MsgArg::Items(values)));
        self
    }

    /// A list of alternatives (`a or b`).
    pub fn alts<I, T>(mut self, key: &'static str, values: I) -> Msg
    where
        I: IntoIterator<Item = T>,
        T: Into<String>,
    {
        let v = values.into_iter().map(Into::into).collect();
        self.args.push((key, MsgArg::Alts(v)));
        self
    }

    /// A value as written in a cell, in the language's quotes, with every
    /// invisible character written out (`"P0204⟨U+200B⟩"`, `“东按县”`).
    pub fn q(self, key: &'static str, value: &str) -> Msg {
        let quoted = Msg::new("input-quoted").s("value", crate::io::text::unquoted(value));
        self.m(key, quoted)
    }

    /// A message argument (rendered in the same language).
    pub fn m(mut self, key: &'static str, value: Msg) -> Msg {
        self.args.push((key, MsgArg::Msg(Box::new(value))));
        self
    }

    /// A position argument (rendered in the same language).
    pub fn pos(mut self, key: &'static str, value: Position) -> Msg {
        self.args.push((key, MsgArg::Pos(Box::new(value))));
        self
    }

    /// A place within a file already named (`line 5`, `第5行`).
    pub fn place(mut self, key: &'static str, value: Position) -> Msg {
        self.args.push((key, MsgArg::Place(Box::new(value))));
        self
    }

    /// Words already made in both languages.
    pub fn both(mut self, key: &'static str, en: String, zh: String) -> Msg {
        self.args.push((key, MsgArg::Both { en, zh }));
        self
    }

    /// A text from outside (the operating system's or a parser's words,
    /// which come in one language): shown as it is.
    pub fn raw(text: impl Into<String>) -> Msg {
        Msg::new("input-raw").s("text", text)
    }

    /// A file could not be read or written: the operating system's words.
    pub fn io(why: impl std::fmt::Display) -> Msg {
        Msg::new("io-error").s("why", why.to_string())
    }

    /// Messages joined as one: `a and b` (`a 和 b`), `a, b and c`.
    pub fn and(items: Vec<Msg>) -> Msg {
        let mut items = items.into_iter().rev();
        let Some(last) = items.next() else {
            return Msg::raw("");
        };
        items.fold(last, |rest, first| {
            Msg::new("input-and").m("first", first).m("rest", rest)
        })
    }

    /// The argument `key`, if given.
    pub fn arg(&self, key: &str) -> Option<&MsgArg> {
        self.args.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }
}

/// A text becomes a [`Msg::raw`].
impl From<String> for Msg {
    fn from(s: String) -> Msg {
        Msg::raw(s)
    }
}

/// A text becomes a [`Msg::raw`].
impl From<&str> for Msg {
    fn from(s: &str) -> Msg {
        Msg::raw(s)
    }
}

/// Messages compare by their English words (sorting, deduplication).
impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::explain::input::render_msg(
            crate::explain::Lang::En,
            self,
        ))
    }
}
