//! Words in two languages: every user-facing sentence is a Fluent message
//! (`locales/<lang>/xuncha.ftl`, compiled into the binary), looked up by a
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

    #[test]
    fn both_languages_have_the_same_messages() {
        // every .ftl of a locale is loaded: xuncha.ftl, and serve.ftl for the review page
        let en = message_ids(concat!(
            include_str!("locales/en/xuncha.ftl"),
            include_str!("locales/en/serve.ftl")
        ));
        let zh = message_ids(concat!(
            include_str!("locales/zh-CN/xuncha.ftl"),
            include_str!("locales/zh-CN/serve.ftl")
        ));
        let missing: Vec<&String> = en.iter().filter(|id| !zh.contains(id)).collect();
        let extra: Vec<&String> = zh.iter().filter(|id| !en.contains(id)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "zh-CN lacks {missing:?}, has extra {extra:?}"
        );
        let mut sorted = en.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), en.len(), "an id twice in en");
    }
}
