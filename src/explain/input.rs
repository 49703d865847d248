//! Input errors, warnings and notes in words: the readers in `io/` give
//! [`Msg`] data (an id and arguments); this module renders them, with their
//! positions, in English or Chinese (`locales/*/input.ftl`), in text and in
//! JSON (the data with the rendered `message` beside it).

use super::i18n::{tr, Args, Lang};
use crate::error::{column_letter, InputError, InputErrors, InputWarning, Position};
use crate::msg::{Msg, MsgArg};
use serde_json::{json, Value};

/// A message in `lang`.
pub fn render_msg(lang: Lang, m: &Msg) -> String {
    let mut args = Args::new();
    for &(k, ref v) in &m.args {
        args = match v {
            MsgArg::Text(s) => args.s(k, s.clone()),
            MsgArg::Int(n) => args.n(k, *n as f64),
            MsgArg::List(l) => args.s(k, l.join(list_sep(lang))),
            MsgArg::Alts(l) => args.s(k, l.join(alt_sep(lang))),
            MsgArg::Items(items) => {
                let sep = match lang {
                    Lang::En => "; ",
                    Lang::Zh => "；",
                };
                let v: Vec<String> = items.iter().map(|m| render_msg(lang, m)).collect();
                args.s(k, v.join(sep))
            }
            MsgArg::Msg(inner) => args.s(k, render_msg(lang, inner)),
            MsgArg::Pos(p) => args.s(k, render_position(lang, p)),
            MsgArg::Place(p) => args.s(k, render_place(lang, p)),
            MsgArg::Both { en, zh } => args.s(
                k,
                match lang {
                    Lang::En => en.clone(),
                    Lang::Zh => zh.clone(),
                },
            ),
        };
    }
    tr(lang, m.id, &args)
}

/// How items of a list are separated.
fn list_sep(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ", ",
        Lang::Zh => "、",
    }
}

/// How alternatives are separated.
fn alt_sep(lang: Lang) -> &'static str {
    match lang {
        Lang::En => " or ",
        Lang::Zh => " 或 ",
    }
}

/// Where: `people.csv: line 5, column C 籍贯` or `people.csv 第5行，C列 籍贯`;
/// a sheet's lines are its rows (`case.xlsx [人才库]: row 4`).
pub fn render_position(lang: Lang, p: &Position) -> String {
    let at = match p.line {
        Some(l) => {
            let id = if p.sheet { "pos-row" } else { "pos-line" };
            tr(
                lang,
                id,
                &Args::new()
                    .s("file", p.file.clone())
                    .s("line", l.to_string()),
            )
        }
        None => p.file.clone(),
    };
    let args = Args::new().s("at", at.clone());
    match (&p.letter, &p.column) {
        (Some(c), Some(name)) => tr(
            lang,
            "pos-letter-name",
            &args.s("letter", column_letter(*c)).s("name", name.clone()),
        ),
        (Some(c), None) => tr(lang, "pos-letter", &args.s("letter", column_letter(*c))),
        (None, Some(name)) => tr(lang, "pos-name", &args.s("name", name.clone())),
        (None, None) => at,
    }
}

/// Where within a file already named: `line 5`, `row 5` (in a sheet), or
/// the file's name when no line is known.
pub fn render_place(lang: Lang, p: &Position) -> String {
    match p.line {
        Some(l) => {
            let id = if p.sheet { "place-row" } else { "place-line" };
            tr(lang, id, &Args::new().s("line", l.to_string()))
        }
        None => p.file.clone(),
    }
}

/// `where: what`.
fn at(lang: Lang, place: String, what: String) -> String {
    tr(
        lang,
        "input-at",
        &Args::new().s("place", place).s("what", what),
    )
}

/// One error with its position.
pub fn render_error(lang: Lang, e: &InputError) -> String {
    match e {
        InputError::Data { pos, message } => {
            at(lang, render_position(lang, pos), render_msg(lang, message))
        }
        InputError::Io { path, message } => at(lang, path.clone(), render_msg(lang, message)),
        InputError::Pin {
            pos,
            person,
            group,
            rule,
            message,
        } => at(
            lang,
            render_position(lang, pos),
            tr(
                lang,
                "input-pin",
                &Args::new()
                    .s("person", person.clone())
                    .s("group", group.clone())
                    .s("rule", *rule)
                    .s("facts", render_msg(lang, message)),
            ),
        ),
    }
}

/// One warning with its position.
pub fn render_warning(lang: Lang, w: &InputWarning) -> String {
    at(
        lang,
        render_position(lang, &w.pos),
        render_msg(lang, &w.message),
    )
}

/// The errors of an input: their count, each one, how many more, the notes.
pub fn render_errors(lang: Lang, errs: &InputErrors) -> String {
    let mut s = tr(
        lang,
        "input-errors-head",
        &Args::new().n("n", errs.len() as f64),
    );
    s.push('\n');
    for e in &errs.errors {
        s.push_str("  - ");
        s.push_str(&render_error(lang, e));
        s.push('\n');
    }
    if errs.more > 0 {
        s.push_str(&tr(
            lang,
            "input-errors-more",
            &Args::new().n("n", errs.more as f64),
        ));
        s.push('\n');
    }
    for n in &errs.notes {
        s.push_str(&tr(
            lang,
            "input-errors-note",
            &Args::new().s("note", render_msg(lang, n)),
        ));
        s.push('\n');
    }
    s
}

/// A warning in JSON: `code`, `file`, `line`, `column` (the letter),
/// `header`, `hides_rule`, `lines`, `message_id`, and the `message` in `lang`.
pub fn warning_json(lang: Lang, w: &InputWarning) -> Value {
    json!({
        "code": w.code,
        "file": w.pos.file,
        "line": w.pos.line,
        "column": w.pos.letter.map(column_letter),
        "header": w.pos.column,
        "hides_rule": w.hides_rule,
        "lines": w.lines,
        "message_id": w.message.id,
        "message": render_warning(lang, w),
    })
}

/// Warnings in JSON, each as [`warning_json`].
pub fn warnings_json<'a>(lang: Lang, ws: impl IntoIterator<Item = &'a InputWarning>) -> Value {
    Value::Array(ws.into_iter().map(|w| warning_json(lang, w)).collect())
}

/// An error in JSON: `kind` (`data`, `io`, `pin`), where (`file`, `line`,
/// `column`, `header`), `message_id`, and the `message` in `lang`.
pub fn error_json(lang: Lang, e: &InputError) -> Value {
    let mut o = serde_json::Map::new();
    let (kind, msg) = match e {
        InputError::Data { message, .. } => ("data", message),
        InputError::Io { path, message } => {
            o.insert("file".into(), json!(path));
            ("io", message)
        }
        InputError::Pin {
            person,
            group,
            rule,
            message,
            ..
        } => {
            o.insert("person".into(), json!(person));
            o.insert("group".into(), json!(group));
            o.insert("rule".into(), json!(rule));
            ("pin", message)
        }
    };
    o.insert("kind".into(), json!(kind));
    if let Some(p) = e.position() {
        o.insert("file".into(), json!(p.file));
        o.insert("line".into(), json!(p.line));
        o.insert("column".into(), json!(p.letter.map(column_letter)));
        o.insert("header".into(), json!(p.column));
    }
    o.insert("message_id".into(), json!(msg.id));
    o.insert("message".into(), json!(render_error(lang, e)));
    Value::Object(o)
}

/// All errors of an input in JSON: `errors`, `more`, `notes` and `warnings`.
pub fn errors_json(lang: Lang, errs: &InputErrors) -> Value {
    json!({
        "errors": errs.errors.iter().map(|e| error_json(lang, e)).collect::<Vec<_>>(),
        "more": errs.more,
        "notes": errs.notes.iter().map(|n| render_msg(lang, n)).collect::<Vec<_>>(),
        "warnings": warnings_json(lang, &errs.warnings),
    })
}

/// A line of the command line's own (`cli-error`, `cli-warning`) around `text`.
pub fn line(lang: Lang, id: &str, text: String) -> String {
    tr(lang, id, &Args::new().s("text", text))
}

/// A kind, a heading and its values with their rows, in words.
type Section<'a> = (
    crate::io::import::report::Kind,
    String,
    Vec<(String, &'a Vec<usize>)>,
);

/// The import report in `lang`: its facts, then per kind (people not
/// imported, values placed nowhere, assumptions, what was not read) each
/// heading with its values and their rows, sorted by their words.
pub fn report_text(lang: Lang, r: &crate::io::import::report::Report) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    for l in &r.facts {
        let _ = writeln!(s, "{}", render_msg(lang, l));
    }
    let mut entries: Vec<Section> = r
        .items
        .iter()
        .map(|e| {
            let mut values: Vec<(String, &Vec<usize>)> = e
                .values
                .iter()
                .map(|(v, rows)| (render_msg(lang, v), rows))
                .collect();
            values.sort_by(|a, b| a.0.cmp(&b.0));
            (e.kind, render_msg(lang, &e.heading), values)
        })
        .collect();
    entries.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    let mut kind = None;
    for (k, heading, values) in &entries {
        if kind != Some(*k) {
            let title = tr(lang, k.title_id(), &Args::new().n("n", r.count(*k) as f64));
            let _ = writeln!(s, "\n{title}");
            kind = Some(*k);
        }
        let n: usize = values.iter().map(|(_, rows)| rows.len().max(1)).sum();
        let line = tr(
            lang,
            "import-heading",
            &Args::new().s("heading", heading.clone()).n("n", n as f64),
        );
        let _ = writeln!(s, "  {line}");
        for (value, rows) in values {
            let _ = writeln!(s, "    {value}{}", rows_text(lang, rows));
        }
    }
    s
}

/// `: row 5`, `: rows 5, 9, … 3 more` (the first twenty), or nothing.
fn rows_text(lang: Lang, rows: &[usize]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let mut shown: Vec<String> = rows.iter().take(20).map(usize::to_string).collect();
    if rows.len() > 20 {
        shown.push(tr(
            lang,
            "import-rows-more",
            &Args::new().n("n", (rows.len() - 20) as f64),
        ));
    }
    tr(
        lang,
        "import-rows",
        &Args::new()
            .n("n", rows.len() as f64)
            .s("rows", shown.join(list_sep(lang))),
    )
}
