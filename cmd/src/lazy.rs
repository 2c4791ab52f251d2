//! Clap definitions built on use: a subcommand's arguments, and a noun group's verbs, are made
//! only when argv names them.
//! skiff's whole tree holds ~150 commands and hundreds of arguments (`run` and `create`'s flags
//! four times: at the top level and under `container`); building all of them was a tenth of a
//! `create`, and building every group's verbs with every verb's flags was most of the rest of
//! clap's share (~500 of `skiff --version`'s page faults, 290 once deferred). clap's
//! `Command::defer` builds a subcommand's own definition the first time it is needed (to
//! parse it, for its help, completions or man page), so each command pays for its own
//! arguments only; the parsed values and the help texts are the same.

use std::cell::Cell;
use std::ops::Deref;

use clap::builder::BoolishValueParser;
use clap::{Arg, ArgAction, ArgMatches, Args, Command, FromArgMatches, Subcommand};

/// A subcommand's arguments `T` (an `Args`), or a noun's subcommands `T` (a `Subcommand`),
/// defined on use; boxed, as large argument structs are kept out of the command enums. Only
/// for a subcommand variant's payload (never flattened): the deferral belongs to the
/// subcommand's own `Command`.
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
    // Rendered completions and man pages show the switches as switches: a shell that took
    // them for options with a value would offer values after `-d`.
    let cmd = match EAGER_GROUPS.get() {
        true => cmd,
        false => cmd.mut_args(taking_equals_bool),
    };
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

/// A boolean switch (clap's `SetTrue`) that also takes docker's `--flag=true|false`: the
/// docker and podman CLIs (Go's flag package) accept `=BOOL` on every boolean flag, and
/// scripts write `docker build --no-cache=${NO_CACHE:-false}`. Without `=` the next word is
/// never the flag's value, so `--rm false` still runs `false`. Other arguments are left as
/// they are; a flag that already takes a value keeps its own rules.
fn taking_equals_bool(arg: Arg) -> Arg {
    if !matches!(arg.get_action(), ArgAction::SetTrue) || arg.is_positional() {
        return arg;
    }
    arg.action(ArgAction::Set)
        .value_parser(BoolishValueParser::new())
        .num_args(0..=1)
        .require_equals(true)
        .default_missing_value("true")
        .default_value("false")
        .hide_default_value(true)
        .hide_possible_values(true)
        .value_name("BOOL")
}

thread_local! {
    /// Whether lazy groups defined on this thread are built at once (see
    /// [`build_groups_eagerly`]).
    static EAGER_GROUPS: Cell<bool> = const { Cell::new(false) };
}

/// Makes every lazy group this thread defines from now on build its subcommands at once. For
/// rendering the whole tree (completions, man pages): `Command::build` mirrors the
/// subcommand tree into `help`'s before a deferred group is expanded, which would leave `skiff
/// help container ...` out of the completions. Parsing never needs it: clap expands a group
/// when argv names it, and `skiff help container run` expands the path it asks for.
#[cfg(test)]
pub fn build_groups_eagerly() {
    EAGER_GROUPS.set(true);
}

/// A noun's subcommands `T` (`skiff container ...`, `skiff image ...`) as a
/// `#[command(subcommand)]` variant's payload: the group's verbs and their arguments are built
/// only when argv names the noun, so `skiff create` builds neither the ~45 verbs of `container`
/// nor those of `image`, `volume`, `pod`...
impl<T: Subcommand> Subcommand for Lazy<T> {
    fn augment_subcommands(cmd: Command) -> Command {
        if EAGER_GROUPS.get() {
            T::augment_subcommands(cmd)
        } else {
            cmd.defer(keeping_about_of_group::<T>)
        }
    }

    fn augment_subcommands_for_update(cmd: Command) -> Command {
        if EAGER_GROUPS.get() {
            T::augment_subcommands_for_update(cmd)
        } else {
            cmd.defer(keeping_about_of_group_for_update::<T>)
        }
    }

    fn has_subcommand(name: &str) -> bool {
        T::has_subcommand(name)
    }
}

fn keeping_about<T: Args>(cmd: Command) -> Command {
    keep_about(cmd, T::augment_args)
}

fn keeping_about_for_update<T: Args>(cmd: Command) -> Command {
    keep_about(cmd, T::augment_args_for_update)
}

fn keeping_about_of_group<T: Subcommand>(cmd: Command) -> Command {
    keep_about(cmd, T::augment_subcommands)
}

fn keeping_about_of_group_for_update<T: Subcommand>(cmd: Command) -> Command {
    keep_about(cmd, T::augment_subcommands_for_update)
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

    /// Each command's path, help texts and arguments (sorted: a deferred definition's come
    /// after the propagated global options), one line per command, depth first; clap's `help`
    /// subcommands are left out (built eagerly, they mirror the tree).
    fn outline(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
        let text = |s: Option<&clap::builder::StyledStr>| s.map(ToString::to_string);
        let mut args: Vec<String> = cmd
            .get_arguments()
            .map(|a| format!("{}={:?}", a.get_id(), text(a.get_help())))
            .collect();
        args.sort();
        out.push(format!(
            "{path}: {:?} {:?} [{}]",
            text(cmd.get_about()),
            text(cmd.get_long_about()),
            args.join(" ")
        ));
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            outline(sub, &format!("{path} {}", sub.get_name()), out);
        }
    }

    fn built_outline() -> Vec<String> {
        let mut cmd = Cli::command();
        cmd.build();
        let mut out = Vec::new();
        outline(&cmd, "skiff", &mut out);
        out
    }

    /// Deferred, every noun group defines the same commands, help texts and arguments as
    /// built at once (its doc comment does not replace the variant's, as `container`'s did).
    #[test]
    fn deferred_groups_define_the_same_commands() {
        let eager = std::thread::spawn(|| {
            super::build_groups_eagerly();
            built_outline()
        })
        .join()
        .unwrap();
        let deferred = built_outline();
        assert_eq!(deferred.len(), eager.len());
        for (d, e) in deferred.iter().zip(&eager) {
            assert_eq!(d, e);
        }
    }

    /// Before argv names it, a noun group holds no verbs and a top-level verb no arguments:
    /// `skiff create` builds neither `container`'s verbs nor `start`'s flags. Parsing through
    /// a group builds what it names.
    #[test]
    fn a_group_is_built_only_when_named() {
        let cmd = Cli::command();
        for noun in [
            "container",
            "image",
            "volume",
            "network",
            "pod",
            "system",
            "kube",
        ] {
            let group = cmd.find_subcommand(noun).expect(noun);
            assert_eq!(group.get_subcommands().count(), 0, "{noun}");
        }
        for verb in ["start", "ps", "images", "version"] {
            let verb = cmd.find_subcommand(verb).expect(verb);
            assert_eq!(verb.get_arguments().count(), 0, "{}", verb.get_name());
        }
        let cli = <Cli as clap::Parser>::try_parse_from(["skiff", "container", "start", "-a", "x"])
            .expect("parses");
        assert!(
            format!("{:?}", cli.command).contains("attach: true"),
            "{cli:?}"
        );
    }
}
