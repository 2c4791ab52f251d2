//! Clap definitions built on use: a subcommand's arguments are made only when argv names it.
//! skiff's whole tree holds hundreds of arguments (`run` and `create`'s flags four times: at
//! the top level and under `container`), and building all of them was a tenth of a `create`. clap's `Command::defer` builds a subcommand's own
//! definition the first time it is needed (to parse it, for its help, completions or man
//! page), so each command pays for its own arguments only; the parsed values are the same.

use std::ops::Deref;

use clap::{ArgMatches, Args, Command, FromArgMatches};

/// A subcommand's arguments `T`, defined on use; boxed, as large argument structs are kept
/// out of the command enums. Only for a subcommand variant's payload (never flattened): the
/// deferral belongs to the subcommand's own `Command`. Not for a noun's subcommands either:
/// clap mirrors the subcommand tree into `help`'s before a deferred group would be expanded,
/// and the completions would lose `skiff help container ...`.
#[derive(Debug)]
pub struct Lazy<T>(Box<T>);

impl<T> Lazy<T> {
    /// The parsed value.
    pub fn into_inner(self) -> T {
        *self.0
    }
}

impl<T> Deref for Lazy<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: FromArgMatches> FromArgMatches for Lazy<T> {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(matches).map(|v| Lazy(Box::new(v)))
    }

    fn from_arg_matches_mut(matches: &mut ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches_mut(matches).map(|v| Lazy(Box::new(v)))
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }

    fn update_from_arg_matches_mut(&mut self, matches: &mut ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches_mut(matches)
    }
}

impl<T: Args> Args for Lazy<T> {
    fn group_id() -> Option<clap::Id> {
        T::group_id()
    }

    fn augment_args(cmd: Command) -> Command {
        cmd.defer(keeping_about::<T>)
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        cmd.defer(keeping_about_for_update::<T>)
    }
}

/// Runs `augment` on `cmd`, keeping the help text the subcommand's own doc comment gave it:
/// deferred, the type's definition comes after the variant's and would replace it with the
/// type's doc comment (eagerly, the variant's comes last and wins).
fn keep_about(cmd: Command, augment: fn(Command) -> Command) -> Command {
    let about = cmd.get_about().cloned();
    let long_about = cmd.get_long_about().cloned();
    let cmd = augment(cmd);
    match about {
        Some(about) => {
            let cmd = cmd.about(about);
            match long_about {
                Some(long) => cmd.long_about(long),
                None => cmd.long_about(None::<&str>),
            }
        }
        None => cmd,
    }
}

fn keeping_about<T: Args>(cmd: Command) -> Command {
    keep_about(cmd, T::augment_args)
}

fn keeping_about_for_update<T: Args>(cmd: Command) -> Command {
    keep_about(cmd, T::augment_args_for_update)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use crate::Cli;

    /// Every deferred definition still passes clap's checks once built (as for help, man
    /// pages and completions).
    #[test]
    fn the_whole_tree_builds() {
        let mut cmd = Cli::command();
        cmd.build();
        let run = cmd.find_subcommand("run").expect("run");
        assert!(run.get_arguments().any(|a| a.get_id() == "publish"));
        // The variant's doc comment, not RunArgs' own.
        assert_eq!(
            run.get_about().unwrap().to_string(),
            "Create and run a new container"
        );
        cmd.debug_assert();
    }
}
