//! The top-level command list built with only the command argv names.
//! Building the root `Command` of ~55 top-level commands (each deferred, see [`crate::lazy`])
//! still cost a third of `skiff --version`'s instructions: clap copies the global options into
//! every subcommand, mirrors the whole list into its `help` subcommand and frees it all again.
//! When argv names a top-level command after nothing but global options, the root holds that
//! command alone; the matches, and every text clap prints for that command (its help, usage and
//! errors), are the same. `skiff --version` (or `-v`, `-V`) alone gets no list. Anything else (no
//! command, an unknown one, `help`, another flag before the command) gets the whole list, for
//! clap's suggestions and the root's help.

use std::cell::RefCell;
use std::ffi::OsString;

use clap::{ArgMatches, Command, FromArgMatches, Subcommand};

thread_local! {
    /// What the next [`Named`] list is built for (see [`name_from_argv`]).
    static NAMED: RefCell<Option<Pick>> = const { RefCell::new(None) };
}

/// The part of the top-level list argv needs.
#[derive(Debug, PartialEq)]
enum Pick {
    /// The command of this name or alias.
    Command(String),
    /// None: argv asks for the version only.
    Version,
}

/// The global options that take a value (`--root DIR`); their value may be the next word.
const GLOBAL_WITH_VALUE: [&str; 4] = ["--root", "--runroot", "--log-level", "--config"];

/// Makes the next [`Named`] list built on this thread hold only the command `argv` names, or
/// nothing for `--version` (see the module's doc), when that comes after nothing but global
/// options.
pub fn name_from_argv(argv: &[OsString]) {
    NAMED.set(pick(argv));
}

/// The first word after argv[0] and the global options before it, when every word before it is
/// a global option with its value: a command's name, or the version flag as the last word;
/// None when something else comes first.
fn pick(argv: &[OsString]) -> Option<Pick> {
    let mut words = argv.iter().skip(1).peekable();
    while let Some(word) = words.next() {
        let word = word.to_str()?;
        if !word.starts_with('-') {
            return Some(Pick::Command(word.to_string()));
        }
        if matches!(word, "--version" | "-V" | "-v") && words.peek().is_none() {
            return Some(Pick::Version);
        }
        let (flag, inline_value) = match word.split_once('=') {
            Some((flag, _)) => (flag, true),
            None => (word, false),
        };
        if !GLOBAL_WITH_VALUE.contains(&flag) {
            return None;
        }
        if !inline_value {
            let value = words.next()?.to_str()?;
            if value.starts_with('-') {
                return None;
            }
        }
    }
    None
}

/// A top-level subcommand list `T` holding, when argv named one, only that command (see the
/// module's doc); parsed as `T`, the value is the field.
#[derive(Debug)]
pub struct Named<T>(pub T);

impl<T: FromArgMatches> FromArgMatches for Named<T> {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(matches).map(Named)
    }

    fn from_arg_matches_mut(matches: &mut ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches_mut(matches).map(Named)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }

    fn update_from_arg_matches_mut(&mut self, matches: &mut ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches_mut(matches)
    }
}

impl<T: Subcommand> Subcommand for Named<T> {
    fn augment_subcommands(cmd: Command) -> Command {
        with_named(cmd, T::augment_subcommands)
    }

    fn augment_subcommands_for_update(cmd: Command) -> Command {
        with_named(cmd, T::augment_subcommands_for_update)
    }

    fn has_subcommand(name: &str) -> bool {
        T::has_subcommand(name)
    }
}

/// `augment(cmd)`, or `cmd` with only the named command of the list `augment` defines (by name
/// or alias), or with none for the version, once per [`name_from_argv`].
fn with_named(cmd: Command, augment: fn(Command) -> Command) -> Command {
    let name = match NAMED.take() {
        None => return augment(cmd),
        Some(Pick::Version) => return cmd,
        Some(Pick::Command(name)) => name,
    };
    let all = augment(Command::new("skiff"));
    match all.find_subcommand(&name) {
        Some(named) => cmd.subcommand(named.clone()),
        None => augment(cmd),
    }
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    use clap::CommandFactory;

    use super::{name_from_argv, pick, Pick};
    use crate::Cli;

    fn argv(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_command_word_comes_after_global_options_only() {
        let word = |w: &[&str]| pick(&argv(w));
        let command = |name: &str| Some(Pick::Command(name.to_string()));
        assert_eq!(word(&["skiff", "ps", "-a"]), command("ps"));
        assert_eq!(
            word(&["skiff", "--root", "/r", "--log-level=debug", "create", "x"]),
            command("create")
        );
        assert_eq!(word(&["skiff", "--version"]), Some(Pick::Version));
        assert_eq!(word(&["skiff", "--root=/r", "-V"]), Some(Pick::Version));
        assert_eq!(word(&["skiff", "--version", "ps"]), None);
        assert_eq!(word(&["skiff", "--help", "ps"]), None);
        assert_eq!(word(&["skiff", "--bogus", "ps"]), None);
        assert_eq!(word(&["skiff", "--root", "--version"]), None);
        assert_eq!(word(&["skiff", "--root"]), None);
        assert_eq!(word(&["skiff"]), None);
    }

    /// Built for one command, the root holds that command alone (found by an alias too), and it
    /// renders and parses as in the whole tree; a word that names no command gets the whole
    /// list.
    #[test]
    fn only_the_named_command_is_built() {
        let whole = Cli::command();
        let count = whole.get_subcommands().count();
        assert!(count > 40, "{count}");
        for sub in whole.get_subcommands() {
            let names = std::iter::once(sub.get_name()).chain(sub.get_all_aliases());
            for name in names {
                name_from_argv(&argv(&["skiff", name]));
                let mut root = Cli::command();
                let got: Vec<&str> = root.get_subcommands().map(|s| s.get_name()).collect();
                assert_eq!(got, [sub.get_name()], "{name}");
                let mut full = Cli::command();
                root.build();
                full.build();
                let one = root.find_subcommand_mut(name).expect(name);
                let expected = full.find_subcommand_mut(name).expect(name);
                assert_eq!(
                    one.render_long_help().to_string(),
                    expected.render_long_help().to_string(),
                    "{name}"
                );
                assert_eq!(
                    one.render_usage().to_string(),
                    expected.render_usage().to_string(),
                    "{name}"
                );
            }
        }
        name_from_argv(&argv(&["skiff", "crate"]));
        assert_eq!(Cli::command().get_subcommands().count(), count);
        name_from_argv(&argv(&["skiff", "--version"]));
        assert_eq!(Cli::command().get_subcommands().count(), 0);
    }

    /// clap's errors and help for a named command read the same as with the whole list.
    #[test]
    fn errors_and_help_are_the_same() {
        for words in [
            &["skiff", "ps", "--bogus"][..],
            &["skiff", "ps", "--al"],
            &["skiff", "run"],
            &["skiff", "--root", "/r", "create", "--nme", "x", "img"],
            &["skiff", "ps", "--help"],
            &["skiff", "container", "--help"],
            &["skiff", "container", "lss"],
            &["skiff", "image", "ls", "-h"],
            &["skiff", "version", "--version"],
            &["skiff", "--version"],
            &["skiff", "--log-level", "debug", "-V"],
        ] {
            let words = argv(words);
            let full = Cli::command().try_get_matches_from(&words).unwrap_err();
            name_from_argv(&words);
            let one = Cli::command().try_get_matches_from(&words).unwrap_err();
            assert_eq!(one.kind(), full.kind(), "{words:?}");
            assert_eq!(one.to_string(), full.to_string(), "{words:?}");
            assert_eq!(
                crate::cli::unknown_flag_message(&one),
                crate::cli::unknown_flag_message(&full),
                "{words:?}"
            );
        }
    }
}
