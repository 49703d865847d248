//! Words in two languages: every user-facing sentence is a Fluent message
//! (`locales/<lang>/*.ftl`, every file of a language's directory compiled
//! into the binary: `xuncha.ftl` for checks and explanations, `input.ftl`
//! for the input's errors, warnings and the import report), looked up by a
//! stable English id (`finding-no-leader`) with its arguments. The renderers
//! of this module's parent are the only callers.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::LanguageIdentifier;
use std::borrow::Cow;
use std::collections::HashMap;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./src/explain/locales",
        fallback_language: "en",
        // no Unicode isolation marks around arguments: terminals and
        // spreadsheets would show them
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The language of the words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    fn id(self) -> LanguageIdentifier {
        match self {
            Lang::En => fluent_templates::langid!("en"),
            Lang::Zh => fluent_templates::langid!("zh-CN"),
        }
    }

    /// `en` or `zh`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

/// The arguments of a message.
#[derive(Default)]
pub struct Args(HashMap<Cow<'static, str>, FluentValue<'static>>);

impl Args {
    /// No arguments.
    pub fn new() -> Args {
        Args::default()
    }

    /// A text argument.
    pub fn s(mut self, key: &'static str, value: impl Into<String>) -> Args {
        self.0
            .insert(Cow::Borrowed(key), FluentValue::from(value.into()));
        self
    }

    /// A number argument (plural selectors read it).
    pub fn n(mut self, key: &'static str, value: impl Into<f64>) -> Args {
        self.0
            .insert(Cow::Borrowed(key), FluentValue::from(value.into()));
        self
    }
}

/// The message `id` in `lang` with `args`; in English when `lang` lacks it.
/// A message that is missing or lacks an argument is a defect: a panic in
/// debug builds (the tests render every message), the id in release.
pub fn tr(lang: Lang, id: &str, args: &Args) -> String {
    let got = LOCALES
        .lookup_single_language(&lang.id(), id, Some(&args.0))
        .or_else(|_| LOCALES.lookup_single_language(&Lang::En.id(), id, Some(&args.0)));
    match got {
        Ok(text) => text,
        Err(e) => {
            debug_assert!(false, "message {id}: {e}");
            format!("[{id}]")
        }
    }
}

/// [`tr`] with no arguments.
pub fn t(lang: Lang, id: &str) -> String {
    tr(lang, id, &Args::new())
}

/// The ids of every message of a locale file, for tests.
pub fn message_ids(ftl: &str) -> Vec<String> {
    ftl.lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_found_with_their_arguments() {
        let s = tr(
            Lang::En,
            "test-plural",
            &Args::new().n("n", 2).s("who", "G1"),
        );
        assert_eq!(s, "G1 has 2 leaders");
        let s = tr(
            Lang::En,
            "test-plural",
            &Args::new().n("n", 1).s("who", "G1"),
        );
        assert_eq!(s, "G1 has 1 leader");
    }

    /// The `.ftl` files of a language directory: (file name, text).
    fn ftl_files(lang: &str) -> Vec<(String, String)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/explain/locales")
            .join(lang);
        let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
            .expect("a locale directory")
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "ftl"))
            .map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(e.path()).expect("readable"))
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn both_languages_have_the_same_messages() {
        let en_files = ftl_files("en");
        let zh_files = ftl_files("zh-CN");
        let names = |v: &[(String, String)]| v.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
        assert_eq!(names(&en_files), names(&zh_files), "the same files in both");
        assert!(names(&en_files).contains(&"input.ftl".to_string()));
        let mut all = Vec::new();
        for ((file, en), (_, zh)) in en_files.iter().zip(&zh_files) {
            let en = message_ids(en);
            let zh = message_ids(zh);
            let missing: Vec<&String> = en.iter().filter(|id| !zh.contains(id)).collect();
            let extra: Vec<&String> = zh.iter().filter(|id| !en.contains(id)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{file}: zh-CN lacks {missing:?}, has extra {extra:?}"
            );
            all.extend(en);
        }
        let mut sorted = all.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(
            sorted.len(),
            all.len(),
            "an id twice in en (in one file or across files)"
        );
    }

    /// Each message of a file with the variables it uses.
    fn messages_with_variables(ftl: &str) -> Vec<(String, Vec<String>)> {
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        for line in ftl.lines() {
            if line.starts_with('#') {
                continue;
            }
            if line.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
                if let Some((id, _)) = line.split_once('=') {
                    out.push((id.trim().to_string(), Vec::new()));
                }
            }
            let Some(last) = out.last_mut() else { continue };
            let mut rest = line;
            while let Some(i) = rest.find('$') {
                let name: String = rest[i + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                if !last.1.contains(&name) {
                    last.1.push(name.clone());
                }
                rest = &rest[i + 1 + name.len()..];
            }
        }
        out
    }

    /// Every message of `input.ftl` renders in both languages, with its
    /// arguments as numbers and as texts, without a missing argument.
    #[test]
    fn every_input_message_renders_in_both_languages() {
        let en = ftl_files("en");
        let (_, text) = en.iter().find(|f| f.0 == "input.ftl").expect("input.ftl");
        let messages = messages_with_variables(text);
        assert!(messages.len() > 150, "{} input messages", messages.len());
        for lang in [Lang::En, Lang::Zh] {
            for (id, vars) in &messages {
                for as_number in [false, true] {
                    let mut args = Args::new();
                    for v in vars {
                        let key: &'static str = Box::leak(v.clone().into_boxed_str());
                        args = if as_number {
                            args.n(key, 2)
                        } else {
                            args.s(key, "x")
                        };
                    }
                    let got = LOCALES.lookup_single_language(&lang.id(), id, Some(&args.0));
                    let text = got.unwrap_or_else(|e| panic!("{id} in {lang:?}: {e}"));
                    assert!(
                        !text.trim().is_empty() || id == "input-raw",
                        "{id} in {lang:?} is empty"
                    );
                }
            }
        }
    }
}
