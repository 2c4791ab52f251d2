//! `skiff run`: create and start a container; attached unless `-d`.

use clap::Args;
use skiff_libpod::container::ContainerRecord;
use skiff_libpod::Engine;

use super::attach::{start_attached, Attach};
use super::create::{create, CreateFlags};
use super::passed_fds;

/// Create and run a new container from an image (or a --rootfs directory)
#[derive(Debug, Args)]
#[command(disable_help_flag = true)]
pub struct RunArgs {
    /// Run the container in the background and print its id
    #[arg(short = 'd', long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "false", hide_default_value = true, action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    detach: bool,
    /// Proxy received signals to the process (attached, without a tty)
    #[arg(long = "sig-proxy", value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true", action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    sig_proxy: bool,
    /// Override the key sequence for detaching a container (docker's notation, e.g. ctrl-p,ctrl-q)
    #[arg(long = "detach-keys", value_name = "KEYS")]
    detach_keys: Option<String>,
    /// Remove the image once the container has exited, unless another container uses it
    /// (podman's; implies --rm)
    #[arg(long)]
    rmi: bool,
    /// Pass the caller's descriptors 3 to 2+N on to the container's process (podman's)
    #[arg(long = "preserve-fds", value_name = "N", default_value_t = 0)]
    preserve_fds: u32,
    #[command(flatten)]
    flags: CreateFlags,
}

impl RunArgs {
    /// The flags shared with `create`.
    pub fn flags(&self) -> &CreateFlags {
        &self.flags
    }
}

/// Whether the container will run in skiff's own rootless user namespace (see
/// [`skiff_libpod::container::runs_in_own_userns`]).
fn runs_in_own_userns(flags: &CreateFlags) -> bool {
    skiff_libpod::container::runs_in_own_userns(
        &flags.network,
        flags.pid.as_deref(),
        flags.ipc.as_deref(),
        flags.pod.is_some() || flags.pod_id_file.is_some(),
        flags.userns.as_deref(),
    )
}

#[cfg(test)]
impl RunArgs {
    /// IMAGE and the command after it, as parsed (COMMAND alone with --rootfs).
    pub fn image_and_command(&self) -> &[String] {
        &self.flags.args
    }
}

/// `skiff run`.
pub fn exec(engine: &mut Engine, mut args: RunArgs) -> anyhow::Result<i32> {
    if args.detach && !args.flags.attach.is_empty() {
        anyhow::bail!("conflicting options: cannot specify both --attach and --detach");
    }
    if args.rmi {
        anyhow::ensure!(
            !args.detach,
            "--rmi removes the image when the container exits, which skiff waits for only attached: run without -d, then remove the image"
        );
        args.flags.rm = true;
    }
    let attach_stdin = args.flags.interactive
        && (args.flags.attach.is_empty() || args.flags.attach.iter().any(|a| a == "stdin"));
    if !args.detach && args.flags.tty && attach_stdin && super::attach::no_terminal() {
        // docker's check, before anything is made: the container would wait for input that
        // never reaches its tty as an end of file.
        eprintln!("{}", super::attach::NOT_A_TTY);
        return Ok(1);
    }
    let attach = Attach::new(args.detach_keys.as_deref(), args.sig_proxy)?;
    // Started by a systemd .socket unit: its sockets are the container's (podman's).
    if let Some((sockets, env)) = passed_fds::take_socket_activation() {
        if args.preserve_fds == 0 {
            args.preserve_fds = sockets;
            args.flags.env.extend(env);
        } else {
            eprintln!("WARNING: ignoring LISTEN_FDS: --preserve-fds passes the descriptors given");
        }
    }
    passed_fds::check_preserved_fds(args.preserve_fds)?;
    if runs_in_own_userns(&args.flags) {
        // newuidmap and newgidmap run while the container is created.
        engine.prepare_userns();
    }
    let rec = create(engine, &args.flags, args.detach, None)?;
    engine.pass_fds_at_start(&rec.id, args.preserve_fds);
    if args.detach {
        let started = engine.start_container(&rec.id, false);
        if started.is_err() {
            remove_unstarted(engine, &rec);
        }
        started?;
        println!("{}", rec.id);
        return Ok(0);
    }
    let code = start_attached(engine, &rec.id, &attach.streams(rec.config.attach))
        .inspect_err(|_| remove_unstarted(engine, &rec))?;
    if let (true, Some(image)) = (args.rmi, &rec.image_id) {
        // podman's: quietly, and an image another container uses (or that is gone) stays.
        let opts = skiff_libpod::image::remove::RemoveOptions {
            force: false,
            no_prune: false,
        };
        let _ = engine.remove_image(image, opts);
    }
    Ok(code)
}

/// `--rm`'s promise when the start failed before the container ran (a missing newuidmap, a
/// runtime directory it cannot write): nothing is left behind. A container that ran is the
/// monitor's to remove; one another command started meanwhile is left alone.
fn remove_unstarted(engine: &mut Engine, rec: &ContainerRecord) {
    if !rec.config.auto_remove {
        return;
    }
    let never_ran = engine
        .lookup_container(&rec.id)
        .is_ok_and(|now| now.state == skiff_libpod::container::State::Created && now.started == 0);
    if never_ran {
        let _ = engine.remove_container(&rec.id, true, true);
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Run {
        #[command(flatten)]
        args: RunArgs,
    }

    fn own(args: &[&str]) -> bool {
        let argv = [&["run"][..], args, &["busybox"]].concat();
        runs_in_own_userns(&Run::try_parse_from(argv).unwrap().args.flags)
    }

    #[test]
    fn only_containers_in_skiff_s_own_user_namespace_have_it_made_ahead() {
        assert!(own(&[]));
        for network in ["none", "host", "bridge", "slirp4netns", "pasta", "ns:/x"] {
            assert!(own(&["--network", network]), "{network}");
        }
        for joins in [
            &["--network", "appnet"][..],
            &["--network", "none", "--network", "appnet"],
            &["--network", "container:db"],
            &["--pod", "p"],
            &["--pid", "container:db"],
            &["--ipc", "container:db"],
            &["--userns", "keep-id"],
        ] {
            assert!(!own(joins), "{joins:?}");
        }
        assert!(own(&["--pid", "host", "--ipc", "private"]));
        // A value create refuses gets nothing made ahead.
        assert!(!own(&["--network", "slirp4netns:mtu=1500"]));
    }
}
