//! `--help` in the user's language: clap's command tree, built from the
//! derive structs, with every summary, argument help and heading replaced by
//! the Fluent message of its id (`help-plan`, `help-plan-time_limit`,
//! `help-options`), in `cli.ftl` of each language.

use crate::explain::i18n::{lookup, t};
use crate::explain::Lang;
use clap::{Arg, ArgAction, Command};
use std::ffi::OsString;

/// The language asked for on the command line (`--lang zh`, `--lang=en`),
/// else the system's.
pub(crate) fn lang_of_args(args: &[OsString]) -> Lang {
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        let v = match a.strip_prefix("--lang") {
            Some("") => it.next().map(|v| v.into_owned()),
            Some(rest) if rest.starts_with('=') => Some(rest[1..].to_string()),
            _ => None,
        };
        match v.as_deref() {
            Some("zh") => return Lang::Zh,
            Some("en") => return Lang::En,
            _ => {}
        }
    }
    Lang::system()
}

/// The message id of a command's summary: `help-xuncha`, `help-plan`.
fn command_id(path: &str) -> String {
    format!("help-{path}")
}

/// The message id of an argument's help: `help-plan-time_limit`.
fn arg_id(path: &str, arg: &str) -> String {
    format!("help-{path}-{arg}")
}

/// `cmd` (and its subcommands) with help in `lang`.
pub(crate) fn localized(cmd: Command, lang: Lang) -> Command {
    localize(cmd, lang, "xuncha")
}

fn localize(mut cmd: Command, lang: Lang, path: &str) -> Command {
    if let Some(about) = lookup(lang, &command_id(path)) {
        cmd = cmd.about(about).long_about(None);
    }
    let options = t(lang, "clap-options");
    let arguments = t(lang, "clap-arguments");
    cmd = cmd
        .help_template(t(lang, "clap-template"))
        .subcommand_help_heading(t(lang, "clap-commands"))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(t(lang, "clap-help"))
                .help_heading(options.clone()),
        )
        .mut_args(|a| {
            let id = arg_id(path, a.get_id().as_str());
            let a = match lookup(lang, &id) {
                Some(h) => a.help(h).long_help(None),
                None => a,
            };
            // the values are named in the help's own words (only an argument
            // that takes a value has values to hide)
            let a = if a.get_action().takes_values() {
                a.hide_possible_values(true)
            } else {
                a
            };
            if a.is_positional() {
                a.help_heading(arguments.clone())
            } else {
                a.help_heading(options.clone())
            }
        });
    if path == "xuncha" {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t(lang, "clap-version"))
                .help_heading(options.clone()),
        );
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub = if path == "xuncha" {
            name.clone()
        } else {
            format!("{path}-{name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| localize(s, lang, &sub));
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every message id the command tree asks for.
    fn ids(cmd: &Command, path: &str, out: &mut Vec<String>) {
        out.push(command_id(path));
        for a in cmd.get_arguments() {
            let id = a.get_id().as_str();
            if id != "help" && id != "version" {
                out.push(arg_id(path, id));
            }
        }
        for s in cmd.get_subcommands() {
            let sub = if path == "xuncha" {
                s.get_name().to_string()
            } else {
                format!("{path}-{}", s.get_name())
            };
            ids(s, &sub, out);
        }
    }

    #[test]
    fn every_command_and_argument_has_help_in_both_languages() {
        let mut want = Vec::new();
        ids(&super::super::Cli::command(), "xuncha", &mut want);
        for lang in [Lang::Zh, Lang::En] {
            let missing: Vec<&String> = want
                .iter()
                .filter(|id| lookup(lang, id).is_none())
                .collect();
            assert!(missing.is_empty(), "{lang:?} lacks {missing:#?}");
        }
    }

    #[test]
    fn the_language_of_the_arguments() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            lang_of_args(&args(&["xuncha", "--lang", "zh", "plan"])),
            Lang::Zh
        );
        assert_eq!(
            lang_of_args(&args(&["xuncha", "plan", "--lang=en"])),
            Lang::En
        );
    }

    #[test]
    fn help_in_chinese_parses_as_in_english() {
        let cmd = localized(super::super::Cli::command(), Lang::Zh);
        cmd.clone().debug_assert();
        let m = cmd
            .try_get_matches_from(["xuncha", "plan", "data/sample", "--seed", "3"])
            .unwrap();
        assert_eq!(m.subcommand_name(), Some("plan"));
    }
}
