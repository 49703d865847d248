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

    /// The language of a locale name (`zh_CN.UTF-8`, `zh-Hans-CN`, `en-US`,
    /// `C`): Chinese for any `zh`, English otherwise.
    pub fn from_locale(locale: &str) -> Lang {
        let l = locale.trim().to_ascii_lowercase();
        if l == "zh" || l.starts_with("zh_") || l.starts_with("zh-") || l.starts_with("zh.") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The language of the system's user interface (on Unix `LC_ALL`,
    /// `LC_MESSAGES`, then `LANG`; on Windows the display language), through
    /// `sys-locale`; English when none is set.
    pub fn system() -> Lang {
        sys_locale::get_locale()
            .map(|l| Lang::from_locale(&l))
            .unwrap_or_default()
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

/// The message `id` in `lang` without arguments, if that language has it.
pub fn lookup(lang: Lang, id: &str) -> Option<String> {
    LOCALES
        .lookup_single_language::<&str>(&lang.id(), id, None)
        .ok()
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
    fn locales_choose_the_language() {
        for zh in [
            "zh_CN.UTF-8",
            "zh-Hans-CN",
            "zh-CN",
            "zh",
            "ZH_tw",
            "zh_CN.GBK",
        ] {
            assert_eq!(Lang::from_locale(zh), Lang::Zh, "{zh}");
        }
        for en in ["C", "POSIX", "en_US.UTF-8", "C.UTF-8", "", "de-DE", "zu_ZA"] {
            assert_eq!(Lang::from_locale(en), Lang::En, "{en}");
        }
    }

    /// Every `.ftl` file of a language, by name, with its text.
    fn locale_files(lang: &str) -> Vec<(String, String)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/explain/locales")
            .join(lang);
        let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
            .expect("the locale folder")
            .map(|e| e.expect("an entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&p).expect("a locale file"))
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn both_languages_have_the_same_messages() {
        let en_files = locale_files("en");
        let zh_files = locale_files("zh-CN");
        let names = |fs: &[(String, String)]| fs.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert_eq!(names(&en_files), names(&zh_files), "the same files in both");
        let mut all = Vec::new();
        for ((name, en), (_, zh)) in en_files.iter().zip(&zh_files) {
            let en = message_ids(en);
            let zh = message_ids(zh);
            let missing: Vec<&String> = en.iter().filter(|id| !zh.contains(id)).collect();
            let extra: Vec<&String> = zh.iter().filter(|id| !en.contains(id)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{name}: zh-CN lacks {missing:?}, has extra {extra:?}"
            );
            all.extend(en);
        }
        let mut sorted = all.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), all.len(), "an id twice in en");
    }

    #[test]
    fn every_rule_has_a_short_name() {
        for lang in [Lang::En, Lang::Zh] {
            for r in crate::model::RuleId::ALL {
                let name = t(lang, &format!("rule-name-{}", r.as_str()));
                assert!(!name.is_empty() && !name.starts_with('['), "{r:?}");
            }
        }
    }
}
