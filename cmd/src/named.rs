//! The top-level command list built with only the command argv names.
//! Building the root `Command` of ~55 top-level commands (each deferred, see [`crate::lazy`])
//! still cost a third of `skiff --version`'s instructions: clap copies the global options into
//! every subcommand, mirrors the whole list into its `help` subcommand and frees it all again.
//! When argv names a top-level command after nothing but global options, the root holds that
//! command alone; the matches, and every text clap prints for that command (its help, usage and
//! errors), are the same. Anything else (no command, an unknown one, `help`, a flag before the
//! command) gets the whole list, for clap's suggestions and the root's help.

use std::cell::RefCell;
use std::ffi::OsString;

use clap::{ArgMatches, Command, FromArgMatches, Subcommand};

thread_local! {
    /// The top-level command the next [`Named`] list is built for (see [`name_from_argv`]).
    static NAMED: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The global options that take a value (`--root DIR`); their value may be the next word.
const GLOBAL_WITH_VALUE: [&str; 3] = ["--root", "--runroot", "--log-level"];

/// Makes the next [`Named`] list built on this thread hold only the command `argv` names (see
/// the module's doc), when it names one after nothing but global options.
pub fn name_from_argv(argv: &[OsString]) {
    let name = command_word(argv).map(str::to_string);
    NAMED.set(name);
}

/// The first word after argv[0] and the global options before it, when every word before it is
/// a global option with its value; None when something else comes first.
fn command_word(argv: &[OsString]) -> Option<&str> {
    let mut words = argv.iter().skip(1);
    while let Some(word) = words.next() {
        let word = word.to_str()?;
        if !word.starts_with('-') {
            return Some(word);
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
/// or alias), once per [`name_from_argv`].
fn with_named(cmd: Command, augment: fn(Command) -> Command) -> Command {
    let Some(name) = NAMED.take() else {
        return augment(cmd);
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

    use super::{command_word, name_from_argv};
    use crate::Cli;

    fn argv(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_command_word_comes_after_global_options_only() {
        let word = |w: &[&str]| command_word(&argv(w)).map(str::to_string);
        assert_eq!(word(&["skiff", "ps", "-a"]).as_deref(), Some("ps"));
        assert_eq!(
            word(&["skiff", "--root", "/r", "--log-level=debug", "create", "x"]).as_deref(),
            Some("create")
        );
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
