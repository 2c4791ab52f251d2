//! The build steps that change files: RUN, COPY and ADD. Each runs in (or writes into) a
//! container of the stage's current image, stores the container's changes as a layer and
//! removes the container; a step whose cache key made an image before reuses that image.

use std::io::{Read, Seek, Write};
use std::os::fd::{AsFd, AsRawFd};
use std::path::{Path, PathBuf};

use skiff_dockerfile::{Command, CopyArgs, Heredoc, MountKind, Run};
use skiff_storage::compression::Compression;
use skiff_storage::config::{History, ImageConfig};
use skiff_storage::remote_file;
use skiff_storage::store::Store;

use super::config as cfg;
use super::context::{placement, Attributes, Source};
use super::mount_owners::{own_cache_dir, StepFiles};
use super::{cache, stamp, BuildRun, StageState};
use crate::container::config::{MountConfig, MountKind as CtrMount};
use crate::container::copy::extract::{self, Owners};
use crate::container::copy::{ContainerRoot, CopyOwners, PathKind};
use crate::container::create::{CreateOptions, ImageDefaults};
use crate::container::options;
use crate::container::rows::ContainerRecord;
use crate::engine::Engine;
use crate::error::{Error, IoContext, Result};
use crate::image::derive::NewLayer;
use crate::image::record::ImageRecord;
use crate::packed::Packed;

/// Reuses the image cached under `key`, if any (and the cache is on). Returns true when it did.
fn from_cache(
    b: &BuildRun<'_>,
    engine: &mut Engine,
    state: &mut StageState,
    key: &str,
    out: &mut dyn Write,
) -> Result<bool> {
    let Some(image) = b.cache.lookup(engine, key, out)? else {
        return Ok(false);
    };
    let config = skiff_storage::config::ImageConfig::parse(&image.config)
        .map_err(|e| Error::Runtime(format!("the cached image {}: {e}", image.id)))?;
    // podman's lines: the cached image's id, then its short id as for a step that ran.
    let _ = writeln!(
        out,
        "--> Using cache {}\n--> {}",
        image.id,
        short_id(&image.id)
    );
    state.config = config;
    state.key = key.to_string();
    state.image = Some(image);
    state.dirty = false;
    Ok(true)
}

/// Records the layer a step made (`made`: the store and the layer in it): the new image
/// (the stage's config with the layer's diff id and a history entry), its cache key, and
/// the stage's new state.
fn record_layer(
    b: &BuildRun<'_>,
    engine: &mut Engine,
    state: &mut StageState,
    (store, layer): (&Store, &NewLayer),
    created_by: &str,
    key: &str,
    out: &mut dyn Write,
) -> Result<()> {
    let mut config = state.config.clone();
    let stamp = stamp(b.opts.timestamp);
    config.created = Some(stamp.clone());
    config.rootfs.diff_ids.push(layer.diff_id.clone());
    config.history.push(History {
        created: Some(stamp),
        created_by: Some(created_by.to_string()),
        ..Default::default()
    });
    let value = serde_json::to_value(&config).expect("configs serialise");
    let id = engine.record_derived_image(
        store,
        state.image.as_ref(),
        Some(layer),
        &value,
        None,
        |_, _| {},
    )?;
    b.cache.record(engine, key, &id, true)?;
    let _ = writeln!(out, "--> {}", short_id(&id));
    state.image = Some(engine.resolve_image(&id)?);
    state.config = config;
    state.key = key.to_string();
    state.dirty = false;
    Ok(())
}

/// The defaults of a step's container: `image` with `config`, less the volumes and health
/// check (a step mounts none and checks nothing: what a RUN writes under a VOLUME stays in
/// its layer, as BuildKit and podman 5 keep it; docker's legacy builder dropped it).
fn step_defaults(image: &ImageRecord, config: &ImageConfig) -> ImageDefaults {
    ImageDefaults {
        volumes: vec![],
        healthcheck: None,
        ..ImageDefaults::from_image_config(&image.id, image.layers.clone(), config)
    }
}

/// A container of the stage's current image for a step, with `defaults` (see
/// [`step_defaults`]), running `command`.
fn step_container(
    b: &BuildRun<'_>,
    engine: &mut Engine,
    defaults: ImageDefaults,
    image: &ImageRecord,
    command: Vec<String>,
    env: Vec<String>,
    extra: impl FnOnce(&mut CreateOptions),
) -> Result<ContainerRecord> {
    let steps = &b.opts.steps;
    let mut opts = CreateOptions {
        image: Some(image.id.clone()),
        command,
        entrypoint: Some(Vec::new()),
        env,
        network: b.opts.network.clone(),
        add_host: steps.add_host.clone(),
        shm_size: steps.shm_size.clone(),
        ulimits: steps.ulimits.clone(),
        security_opt: steps.security_opt.clone(),
        resources: steps.resources.clone(),
        cap_add: steps.cap_add.clone(),
        cap_drop: steps.cap_drop.clone(),
        dns: steps.dns.clone(),
        dns_search: steps.dns_search.clone(),
        dns_options: steps.dns_options.clone(),
        no_hosts: steps.no_hosts,
        volumes: steps.volumes.clone(),
        devices: steps.devices.clone(),
        pid: steps.pid.clone(),
        ipc: steps.ipc.clone(),
        uts: steps.uts.clone(),
        cgroupns: steps.cgroupns.clone(),
        // A RUN step is no system to boot: no systemd mode, as docker's builders.
        systemd: crate::container::systemd_mode::SystemdMode::False,
        // A step's user gets no entries: its /etc/passwd is the image's, as docker's builders.
        no_passwd: true,
        ..Default::default()
    };
    extra(&mut opts);
    engine.create_container(&opts, Some(&defaults))
}

/// A container of the stage's image that is never started: COPY, ADD and WORKDIR write
/// into its file system.
fn file_container(
    b: &BuildRun<'_>,
    engine: &mut Engine,
    state: &StageState,
    image: &ImageRecord,
) -> Result<ContainerRecord> {
    let defaults = step_defaults(image, &state.config);
    step_container(
        b,
        engine,
        defaults,
        image,
        vec!["true".into()],
        vec![],
        |_| {},
    )
}

/// Removes a step's container `rec` whatever `outcome` was; the outcome's error first.
fn removing(engine: &mut Engine, rec: &ContainerRecord, outcome: Result<()>) -> Result<()> {
    let removed = engine.remove_container(&rec.id, true, true);
    outcome?;
    removed.map(drop)
}

/// The RUN command line as history shows it (`/bin/sh -c CMD`, or the exec form's words),
/// with docker's `|N K=V` prefix when build args are in its environment.
fn run_created_by(argv: &[String], args_env: &[String]) -> String {
    let cmd = argv.join(" ");
    if args_env.is_empty() {
        cmd
    } else {
        format!("|{} {} {cmd}", args_env.len(), args_env.join(" "))
    }
}

/// What the RUN's shell runs: the command line, and heredocs after it for the shell to read
/// (a RUN of only a heredoc runs its body as the script).
fn run_argv(run: &Run, shell: &[String]) -> Vec<String> {
    match &run.command {
        Command::Exec(args) => args.clone(),
        Command::Shell(line) => {
            let mut script = line.clone();
            if let Some(only) = whole_heredoc(run) {
                let mut v = shell.to_vec();
                v.push(only.content.clone());
                return v;
            }
            for h in &run.heredocs {
                script.push('\n');
                script.push_str(&h.content);
                script.push_str(&h.name);
            }
            let mut v = shell.to_vec();
            v.push(script);
            v
        }
    }
}

/// The heredoc that is a RUN's whole command (`RUN <<EOF`), if it is.
fn whole_heredoc(run: &Run) -> Option<&Heredoc> {
    let (Command::Shell(line), [only]) = (&run.command, &run.heredocs[..]) else {
        return None;
    };
    let marker = line.trim().trim_start_matches("<<").trim_start_matches('-');
    let marker = marker.trim_matches(|c| c == '"' || c == '\'');
    (marker == only.name).then_some(only)
}

/// The proxy variables of a RUN step's environment that are neither in its history nor its
/// cache key, as docker's: the predefined args given with `--build-arg` (no ARG declared
/// them), else the caller's (podman's `--http-proxy`); none that ENV or an ARG set.
fn proxy_env(b: &BuildRun<'_>, state: &StageState) -> Vec<String> {
    let given = |name: &str| {
        let caller = b.opts.steps.proxy_env.iter().find_map(|e| {
            e.split_once('=')
                .filter(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        });
        b.opts.build_args.get(name).cloned().or(caller)
    };
    super::PREDEFINED_ARGS
        .iter()
        .filter(|name| {
            !state.args.contains_key(**name)
                && cfg::get_env(&state.config.config.env, name).is_none()
        })
        .filter_map(|name| given(name).map(|v| format!("{name}={v}")))
        .collect()
}

/// RUN: runs the command in a container of the stage's image and stores what it changed.
pub(super) fn run(
    b: &mut BuildRun<'_>,
    engine: &mut Engine,
    stage: usize,
    state: &mut StageState,
    run: &Run,
    _text: &str,
    out: &mut dyn Write,
) -> Result<()> {
    let Some(image) = state.image.clone() else {
        return Err(Error::InvalidArgument(
            "RUN needs a base image with a shell: FROM scratch has no files; start FROM an image"
                .into(),
        ));
    };
    // Build args reach the command's environment unless ENV set the name.
    let args_env: Vec<String> = state
        .args
        .iter()
        .filter(|(k, _)| cfg::get_env(&state.config.config.env, k).is_none())
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let shell = cfg::shell_of(&state.config.config);
    let argv = run_argv(run, &shell);
    let created_by = run_created_by(&argv, &args_env);
    // docker's failure names the command without the build args (their values stay out).
    let command_text = argv.join(" ");
    let mut mounts = Vec::new();
    let mut tmpfs = Vec::new();
    // Where the step's mounts go, to take their empty mount points out of the layer.
    let mut mount_points: Vec<String> = Vec::new();
    let mut env_secrets: Vec<(String, String)> = Vec::new();
    // The secrets' copies with their mounts' owners and modes and the heredoc script, removed
    // after the step.
    let mut step_files = StepFiles::default();
    // SSH agent sockets mounted so far; the first one's path is the step's SSH_AUTH_SOCK.
    let mut ssh_sockets = 0;
    let mut ssh_auth_sock: Option<String> = None;
    // What the mounts are, for the cache key: no host path (a secret's id, not its value;
    // a context bind by its content's digest; a stage's by its image).
    let mut key_mounts: Vec<String> = Vec::new();
    // Binds from a stage or image: (image, source path in it, target, read-write), mounted
    // only when the step runs.
    let mut from_binds: Vec<(ImageRecord, String, String, bool)> = Vec::new();
    for m in &run.mounts {
        let target = match (&m.target, m.kind) {
            (Some(t), _) => t.clone(),
            // A secret goes to /run/secrets/ID by default, an SSH agent to BuildKit's place.
            (None, MountKind::Secret | MountKind::Ssh) => String::new(),
            (None, _) => {
                return Err(Error::InvalidArgument(
                    "RUN --mount needs target=PATH".into(),
                ))
            }
        };
        match m.kind {
            MountKind::Tmpfs => {
                key_mounts.push(format!("tmpfs {target}"));
                mount_points.push(target.clone());
                tmpfs.push(step_mount(CtrMount::Tmpfs, "", &target, true)?)
            }
            MountKind::Cache => {
                let id = m.id.clone().unwrap_or_else(|| target.clone());
                let dir = engine
                    .paths()
                    .storage()
                    .join("build-cache-mounts")
                    .join(cache::step_key("cache", &[&id]));
                std::fs::create_dir_all(&dir).at(&dir)?;
                own_cache_dir(engine, &dir, m)?;
                key_mounts.push(format!("cache {id} {target}"));
                mounts.push(step_bind(&dir, &target, true)?);
                mount_points.push(target);
            }
            MountKind::Secret => {
                let id =
                    m.id.clone()
                        .or_else(|| {
                            Path::new(&target)
                                .file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                        })
                        .ok_or_else(|| {
                            Error::InvalidArgument(
                                "RUN --mount=type=secret needs id=ID or target=PATH".into(),
                            )
                        })?;
                match b.opts.secrets.get(&id) {
                    Some(src) => {
                        let dst = if target.is_empty() {
                            format!("/run/secrets/{id}")
                        } else {
                            target
                        };
                        // An env= secret is read from its file by the shell that starts
                        // the command: its value is never in the container's stored config.
                        if let Some(var) = &m.env {
                            env_secrets.push((var.clone(), dst.clone()));
                        }
                        key_mounts.push(format!("secret {id} {dst} {:?}", m.env));
                        let copy = step_files.secret(engine, src, m)?;
                        mounts.push(step_bind(&copy, &dst, false)?);
                        mount_points.push(dst);
                    }
                    None if m.required => {
                        return Err(Error::InvalidArgument(format!(
                            "secret {id} is required: give it with --secret id={id},src=FILE"
                        )))
                    }
                    None => {}
                }
            }
            MountKind::Bind => {
                let rw = m.readonly == Some(false);
                let source = m.source.clone().unwrap_or_else(|| ".".into());
                let named_dir = m.from.as_deref().and_then(|f| b.named_dir(f));
                if let (Some(from), None) = (&m.from, named_dir) {
                    let image = b.image_for(engine, from, stage, None, out)?;
                    key_mounts.push(format!("bind-from {} {source} {target} {rw}", image.id));
                    mount_points.push(target.clone());
                    from_binds.push((image, source, target, rw));
                    continue;
                }
                let ctx = named_dir.or(b.context).ok_or_else(|| {
                    Error::InvalidArgument("RUN --mount=type=bind needs a build context".into())
                })?;
                let found = ctx.resolve(&source)?;
                let path = ctx.dir().join(&found[0].rel);
                key_mounts.push(format!("bind {} {target} {rw}", ctx.digest(&found)?));
                // BuildKit's rw bind: the step writes to an overlay over a context directory
                // (dropped with the container) or to a copy of a context file, never to the
                // user's files.
                let mount = match (rw, path.is_dir()) {
                    (true, true) => {
                        let mut m = step_bind(&path, &target, true)?;
                        m.options.push("O".into());
                        m
                    }
                    (true, false) => {
                        step_bind(&step_files.writable_copy(engine, &path)?, &target, true)?
                    }
                    (false, _) => step_bind(&path, &target, false)?,
                };
                mounts.push(mount);
                mount_points.push(target);
            }
            MountKind::Ssh => {
                let id = m.id.clone().unwrap_or_else(|| "default".into());
                match b.opts.ssh.get(&id) {
                    Some(socket) => {
                        // BuildKit's places: /run/buildkit/ssh_agent.N for the Nth.
                        let dst = match &m.target {
                            Some(t) => t.clone(),
                            None => format!("/run/buildkit/ssh_agent.{ssh_sockets}"),
                        };
                        ssh_sockets += 1;
                        if ssh_auth_sock.is_none() {
                            ssh_auth_sock = Some(dst.clone());
                        }
                        key_mounts.push(format!("ssh {id} {dst}"));
                        mounts.push(step_bind(socket, &dst, true)?);
                        mount_points.push(dst);
                    }
                    None if m.required => {
                        return Err(Error::InvalidArgument(format!(
                            "the SSH agent {id} is required: forward it with --ssh {id}[=SOCKET]"
                        )))
                    }
                    None => {}
                }
            }
        }
    }
    // The secret's value is in no key: a changed secret does not rebuild, as in docker.
    let key = cache::step_key(
        &state.key,
        &[
            "RUN",
            &created_by,
            &key_mounts.join("\n"),
            run.network.as_deref().unwrap_or(""),
        ],
    );
    if from_cache(b, engine, state, &key, out)? {
        return Ok(());
    }
    let network = match run.network.as_deref() {
        Some("none") => Some("none".to_string()),
        Some("host") => Some("host".to_string()),
        _ => b.opts.network.clone(),
    };
    // The stages and images binds come from, mounted (read-only views of never-started
    // containers) while the step runs.
    let mut sources = Vec::new();
    let mounted = (|| -> Result<()> {
        for (image, source, target, rw) in &from_binds {
            let (rec, root) = mounted_image(engine, image)?;
            sources.push((rec, root));
            let root = &sources.last().expect("just pushed").1;
            let path = root.host_path(Path::new(source))?;
            mounts.push(step_bind(&path, target, *rw)?);
        }
        Ok(())
    })();
    let release = |engine: &mut Engine, sources: Vec<(ContainerRecord, ContainerRoot)>| {
        for (rec, root) in sources {
            drop(root);
            let _ = engine.remove_container(&rec.id, true, true);
        }
    };
    if let Err(e) = mounted {
        release(engine, sources);
        return Err(e);
    }
    // BuildKit's `RUN <<EOF` whose body starts with `#!`: the body is a script file the step
    // runs, so its interpreter line counts.
    let argv = match whole_heredoc(run).filter(|h| h.content.starts_with("#!")) {
        Some(h) => {
            let at = format!("/dev/pipes/{}", h.name);
            let script = step_files.script(engine, &h.content);
            match script.and_then(|script| step_bind(&script, &at, false)) {
                Ok(mount) => mounts.push(mount),
                Err(e) => {
                    release(engine, sources);
                    return Err(e);
                }
            }
            vec![at]
        }
        None => argv,
    };
    let argv = with_env_secrets(argv, &env_secrets);
    let mut env = args_env;
    env.extend(proxy_env(b, state));
    let defaults = step_defaults(&image, &state.config);
    let rec = step_container(b, engine, defaults, &image, argv, env, |o| {
        o.mounts = mounts;
        o.tmpfs = tmpfs;
        o.network = network;
        // As BuildKit: the agent for the command, unless a build arg names one.
        if let Some(sock) = ssh_auth_sock {
            if !o.env.iter().any(|e| e.starts_with("SSH_AUTH_SOCK=")) {
                o.env.push(format!("SSH_AUTH_SOCK={sock}"));
            }
        }
    });
    let rec = match rec {
        Ok(rec) => rec,
        Err(e) => {
            release(engine, sources);
            return Err(e);
        }
    };
    let result = run_attached(engine, &rec, b.interrupted, out);
    let outcome = result.and_then(|code| match code {
        0 => {
            engine.enter_userns()?;
            let upper = engine.container_dir(&rec.id).join("upper");
            let below = engine.layer_dirs(&image.layers);
            for target in &mount_points {
                drop_mount_point(&upper, &below, target);
            }
            let (store, layer) =
                engine.store_container_layer(&rec, &image, b.opts.timestamp, || ())?;
            record_layer(b, engine, state, (&store, &layer), &created_by, &key, out)
        }
        code => Err(Error::StepFailed {
            message: format!("The command '{command_text}' returned a non-zero code: {code}"),
            code,
        }),
    });
    let removed = removing(engine, &rec, outcome);
    release(engine, sources);
    removed
}

/// A never-started container of `image` with its file system mounted (no volumes, no health
/// check): the source of a RUN's `--mount=type=bind,from=`, of a `COPY --from`, and of
/// [`Engine::export_image_files`].
pub(crate) fn mounted_image(
    engine: &mut Engine,
    image: &ImageRecord,
) -> Result<(ContainerRecord, ContainerRoot)> {
    let config = ImageConfig::parse(&image.config)
        .map_err(|e| Error::Runtime(format!("image {}: its config: {e}", image.id)))?;
    let defaults = step_defaults(image, &config);
    let rec = engine.create_container(
        &CreateOptions {
            image: Some(image.id.clone()),
            command: vec!["true".into()],
            entrypoint: Some(Vec::new()),
            network: Some("none".into()),
            no_passwd: true,
            ..Default::default()
        },
        Some(&defaults),
    )?;
    match engine.open_container_root(&rec.id) {
        Ok(root) => Ok((rec, root)),
        Err(e) => {
            let _ = engine.remove_container(&rec.id, true, true);
            Err(e)
        }
    }
}

/// `argv` started through a shell that first exports each (VARIABLE, secret file) pair's
/// file content as the variable.
fn with_env_secrets(argv: Vec<String>, env_secrets: &[(String, String)]) -> Vec<String> {
    if env_secrets.is_empty() {
        return argv;
    }
    let mut script = String::new();
    for (var, path) in env_secrets {
        script.push_str(&format!("{var}=\"$(cat '{path}')\"; export {var}; "));
    }
    script.push_str("exec \"$@\"");
    let mut wrapped = vec!["/bin/sh".to_string(), "-c".into(), script, "sh".into()];
    wrapped.extend(argv);
    wrapped
}

/// Takes mount point `target` out of the container's upper directory `upper` when the
/// runtime made it for the step's mount (an empty file or directory no layer `below` has),
/// and its parents made with it: a layer keeps no trace of a secret, cache or bind mount.
fn drop_mount_point(upper: &Path, below: &[PathBuf], target: &str) {
    let mut rel = PathBuf::from(target.trim_start_matches('/'));
    while !rel.as_os_str().is_empty() {
        if below
            .iter()
            .any(|l| std::fs::symlink_metadata(l.join(&rel)).is_ok())
        {
            return;
        }
        let path = upper.join(&rel);
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            return;
        };
        let removed = if meta.is_file() && meta.len() == 0 {
            std::fs::remove_file(&path).is_ok()
        } else if meta.is_dir() {
            // Fails, and stops here, unless it is empty.
            std::fs::remove_dir(&path).is_ok()
        } else {
            false
        };
        if !removed {
            return;
        }
        rel = rel.parent().map(Path::to_path_buf).unwrap_or_default();
    }
}

/// Starts container `rec` attached and copies its output to `out` until it exits; its
/// exit code.
fn run_attached(
    engine: &mut Engine,
    rec: &ContainerRecord,
    interrupted: &dyn Fn() -> bool,
    out: &mut dyn Write,
) -> Result<i32> {
    let started = engine
        .start_container_with(&rec.id, true, None)?
        .ok_or_else(|| Error::Runtime("the build container was already running".into()))?;
    let mut streams: Vec<std::fs::File> =
        started.stdout.into_iter().chain(started.stderr).collect();
    let mut buf = vec![0u8; 32 * 1024];
    while !streams.is_empty() {
        let mut fds: Vec<nix::poll::PollFd> = streams
            .iter()
            .map(|f| nix::poll::PollFd::new(f.as_fd(), nix::poll::PollFlags::POLLIN))
            .collect();
        // Woken every 200 ms to see whether the build was interrupted.
        let polled = nix::poll::poll(&mut fds, nix::poll::PollTimeout::from(200u8));
        if interrupted() {
            return Err(Error::Runtime("the build was interrupted".into()));
        }
        match polled {
            Ok(_) => {}
            Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => return Err(Error::Runtime(format!("reading the step's output: {e}"))),
        }
        let ready: Vec<bool> = fds
            .iter()
            .map(|p| p.revents().is_some_and(|r| !r.is_empty()))
            .collect();
        drop(fds);
        let mut done = Vec::new();
        for (i, f) in streams.iter_mut().enumerate() {
            if !ready[i] {
                continue;
            }
            match f.read(&mut buf) {
                Ok(0) | Err(_) => done.push(i),
                Ok(n) => {
                    let _ = out.write_all(&buf[..n]);
                    let _ = out.flush();
                }
            }
        }
        for i in done.into_iter().rev() {
            streams.remove(i);
        }
    }
    crate::container::start::read_exit(&started.ctl)
        .ok_or_else(|| Error::Runtime("the build container's monitor went away".into()))
}

/// The owner `--chown` names, looked up in the image's /etc/passwd and /etc/group. A uid
/// without a group is also the gid (docker's documented rule: `--chown=1001` gives 1001:1001,
/// with or without a passwd entry); a user name without one takes the user's group.
fn chown_ids(spec: &str, passwd: &str, group: &str) -> Result<(u64, u64)> {
    let user = crate::runtime::user::resolve(spec, &[], passwd, group)
        .map_err(|e| Error::InvalidArgument(format!("--chown={spec}: {e}")))?;
    let uid_only = !spec.is_empty() && spec.bytes().all(|b| b.is_ascii_digit());
    let gid = if uid_only { user.uid } else { user.gid };
    Ok((user.uid as u64, gid as u64))
}

/// The owner `--chown` names, looked up in the /etc/passwd and /etc/group of `root`.
fn chown_in(root: &ContainerRoot, spec: &str) -> Result<(u64, u64)> {
    chown_ids(
        spec,
        &root.read_text(Path::new("/etc/passwd")).unwrap_or_default(),
        &root.read_text(Path::new("/etc/group")).unwrap_or_default(),
    )
}

/// What `path` (symlinks followed inside `root`) is, None when it does not exist.
fn kind_in(root: &ContainerRoot, path: &str) -> Result<Option<PathKind>> {
    root.kind(Path::new(path.trim_end_matches('/')), true)
}

/// Whether `path` is a directory in `root` (a COPY destination that is one takes sources
/// under their own names).
fn is_dir_in(root: &ContainerRoot, path: &str) -> Result<bool> {
    Ok(kind_in(root, path)? == Some(PathKind::Dir))
}

/// `--chmod` in octal.
fn chmod_bits(spec: &str) -> Result<u32> {
    u32::from_str_radix(spec, 8)
        .ok()
        .filter(|m| *m <= 0o7777)
        .ok_or_else(|| {
            Error::InvalidArgument(format!(
                "invalid --chmod={spec}: use octal permission bits such as 0755"
            ))
        })
}

/// What kind of archive `path` is, when ADD unpacks it: a tar, plain or compressed with gzip,
/// zstd, bzip2 or xz (by content, as docker decides). A compressed file that holds no tar
/// (`data.json.gz`) is none: ADD copies it as it is, as docker's.
fn archive_kind(path: &Path) -> Result<Option<Packed>> {
    let head = read_head(std::fs::File::open(path).at(path)?).at(path)?;
    let packed = match Packed::detect(&head) {
        plain @ Packed::Like(Compression::None) if is_tar_header(&head) => return Ok(Some(plain)),
        Packed::Like(Compression::None) => return Ok(None),
        packed => packed,
    };
    // Compressed: a tar only when what it holds starts with a tar header. A stream that does
    // not decompress is no archive either.
    let inner = std::fs::File::open(path).at(path)?;
    let unpacked = read_head(packed.decoder(inner)).unwrap_or_default();
    Ok(is_tar_header(&unpacked).then_some(packed))
}

/// The first 512 bytes `r` gives (fewer when it ends first).
fn read_head(r: impl Read) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(512);
    r.take(512).read_to_end(&mut head)?;
    Ok(head)
}

/// Whether `block` is a tar header: its stored checksum is the one the tar crate computes for
/// it (the rule of any tar, ustar or older, and of the unpacking that follows).
fn is_tar_header(block: &[u8]) -> bool {
    if block.len() < 512 || block.iter().all(|b| *b == 0) {
        return false;
    }
    let mut header = tar::Header::from_byte_slice(&block[..512]).clone();
    let Ok(stored) = header.cksum() else {
        return false;
    };
    header.set_cksum();
    header.cksum().is_ok_and(|computed| computed == stored)
}

/// COPY and ADD from the context (or, with `--from`, from a stage or image).
#[allow(clippy::too_many_arguments)]
pub(super) fn copy(
    b: &mut BuildRun<'_>,
    engine: &mut Engine,
    stage: usize,
    state: &mut StageState,
    c: &CopyArgs,
    add: bool,
    text: &str,
    out: &mut dyn Write,
) -> Result<()> {
    let kw = if add { "ADD" } else { "COPY" };
    let is_url = |s: &str| remote_file::is_url(s) || s.starts_with("git@");
    if !add && c.sources.iter().any(|s| is_url(s)) {
        return Err(Error::InvalidArgument(
            "COPY takes no URL: use ADD to download a file".into(),
        ));
    }
    if let Some(git) = c
        .sources
        .iter()
        .find(|s| s.starts_with("git@") || (remote_file::is_url(s) && s.ends_with(".git")))
    {
        return Err(Error::InvalidArgument(format!(
            "ADD {git}: adding a git repository is not supported yet: clone it in a RUN instead"
        )));
    }
    let dest = if c.dest.starts_with('/') {
        c.dest.clone()
    } else {
        let joined = cfg::join_workdir(&state.config.config.working_dir, &c.dest);
        if c.dest.ends_with('/') && !joined.ends_with('/') {
            format!("{joined}/")
        } else {
            joined
        }
    };
    let chmod = c.chmod.as_deref().map(chmod_bits).transpose()?;
    // A --from naming a --build-context directory reads it as the main context is read.
    let named_dir = c.from.as_deref().and_then(|f| b.named_dir(f));
    if let (Some(from), None) = (&c.from, named_dir) {
        return copy_from(b, engine, stage, state, c, from, &dest, chmod, text, out);
    }
    let mut inline: Vec<InlineFile<'_>> = c
        .sources
        .iter()
        .filter_map(|s| {
            let name = s.strip_prefix("<<")?.trim_start_matches('-');
            let name = name.trim_matches(|ch| ch == '"' || ch == '\'');
            c.heredocs
                .iter()
                .find(|h| h.name == name)
                .map(|h| InlineFile {
                    name: h.name.clone(),
                    key: format!("{}\0{}", h.name, h.content),
                    body: InlineBody::Text(&h.content),
                    mode: 0o644,
                    mtime: 0,
                })
        })
        .collect();
    if c.checksum.is_some() && (c.sources.len() != 1 || !remote_file::is_url(&c.sources[0])) {
        return Err(Error::InvalidArgument(
            "ADD --checksum takes one source, an http(s) URL".into(),
        ));
    }
    // ADD's URLs are downloaded before the cache is asked, which keys on their content.
    for url in c.sources.iter().filter(|s| remote_file::is_url(s)) {
        inline.push(download(url, c.checksum.as_deref())?);
    }
    if c.parents {
        return Err(Error::InvalidArgument(format!(
            "{kw} --parents is not supported yet: copy each directory to its place"
        )));
    }
    let step_ctx = named_dir
        .or(b.context)
        .map(|ctx| ctx.with_excludes(&c.exclude))
        .transpose()?;
    let mut sources: Vec<Source> = Vec::new();
    let file_sources: Vec<&String> = c
        .sources
        .iter()
        .filter(|s| !s.starts_with("<<") && !remote_file::is_url(s))
        .collect();
    if !file_sources.is_empty() {
        let ctx = step_ctx.as_ref().ok_or_else(|| {
            Error::InvalidArgument(format!(
                "{kw} needs a build context: give a directory (the Dockerfile alone on stdin has none)"
            ))
        })?;
        let file_sources: Vec<&str> = file_sources.iter().map(|s| s.as_str()).collect();
        sources = ctx.resolve_all(&file_sources)?;
    }
    let digest = match step_ctx.as_ref() {
        Some(ctx) if !sources.is_empty() => ctx.digest(&sources)?,
        _ => String::new(),
    };
    let inline_digest: Vec<&str> = inline.iter().map(|f| f.key.as_str()).collect();
    let key = cache::step_key(&state.key, &[kw, text, &digest, &inline_digest.join("\0")]);
    if from_cache(b, engine, state, &key, out)? {
        return Ok(());
    }
    // ADD unpacks local archives into the destination directory.
    let mut archives = Vec::new();
    if add {
        if let Some(ctx) = step_ctx.as_ref() {
            for s in sources.iter().filter(|s| !s.is_dir) {
                let path = ctx.dir().join(&s.rel);
                if let Some(kind) = archive_kind(&path)? {
                    archives.push((s.clone(), path, kind));
                }
            }
        }
    }
    sources.retain(|s| !archives.iter().any(|(a, _, _)| a == s));
    let count = sources.len() + inline.len() + archives.len();
    let single_file =
        count == 1 && (inline.len() == 1 || sources.first().is_some_and(|s| !s.is_dir));
    let created_by = cfg::nop_created_by(&format!(
        "{kw} {}:{} in {dest} ",
        if sources.iter().any(|s| s.is_dir) {
            "dir"
        } else {
            "file"
        },
        if digest.is_empty() {
            cache::step_key("", &[&inline_digest.join("\0")])
        } else {
            digest.clone()
        }
    ));
    let write_into = |into: &mut dyn FnMut(&str, bool, &mut dyn Read) -> Result<()>,
                      dest_is_dir: bool,
                      owner: (u64, u64)|
     -> Result<()> {
        let place = placement(
            &dest,
            count,
            single_file,
            dest_is_dir || !archives.is_empty(),
        )?;
        let attrs = Attributes {
            uid: owner.0,
            gid: owner.1,
            mode: chmod,
        };
        let rewound = |f: &mut std::fs::File| {
            f.rewind()
                .map_err(|e| Error::Runtime(format!("the {kw} archive: {e}")))
        };
        // The context's files and the heredocs are two archives: each ends with its own
        // end-of-archive blocks.
        if let (Some(ctx), false) = (step_ctx.as_ref(), sources.is_empty()) {
            let mut tmp = tempfile_in(std::env::temp_dir())?;
            ctx.archive(&sources, &place, attrs, &mut tmp)?;
            rewound(&mut tmp)?;
            into(&place.dir, false, &mut tmp)?;
        }
        let mut tmp = tempfile_in(std::env::temp_dir())?;
        let mut tar = tar::Builder::new(&mut tmp);
        for f in &inline {
            let mut h = tar::Header::new_gnu();
            h.set_mode(chmod.unwrap_or(f.mode));
            h.set_uid(owner.0);
            h.set_gid(owner.1);
            h.set_mtime(f.mtime);
            let file = place.file_name.clone().unwrap_or_else(|| f.name.clone());
            let appended = match &f.body {
                InlineBody::Text(body) => {
                    h.set_size(body.len() as u64);
                    tar.append_data(&mut h, file, body.as_bytes())
                }
                InlineBody::Download(body, size) => {
                    let mut body: &std::fs::File = body;
                    h.set_size(*size);
                    body.rewind()
                        .and_then(|()| tar.append_data(&mut h, file, body))
                }
            };
            appended.map_err(|e| Error::Runtime(format!("writing the {kw} archive: {e}")))?;
        }
        tar.finish()
            .map_err(|e| Error::Runtime(format!("writing the {kw} archive: {e}")))?;
        drop(tar);
        if !inline.is_empty() {
            rewound(&mut tmp)?;
            into(&place.dir, false, &mut tmp)?;
        }
        // An unpacked archive keeps its entries' owners, as docker's and podman's ADD (those
        // the user namespace lacks become root's, as docker's archive API does).
        for (_, path, kind) in &archives {
            let f = std::fs::File::open(path).at(path)?;
            let mut dec = kind.decoder(f);
            into(&place.dir, true, &mut dec)?;
        }
        Ok(())
    };
    match state.image.clone() {
        Some(image) => {
            let rec = file_container(b, engine, state, &image)?;
            let outcome = (|| -> Result<()> {
                let mut root = engine.open_container_root(&rec.id)?;
                let dest_is_dir = is_dir_in(&root, &dest)?;
                let chown = c
                    .chown
                    .as_deref()
                    .map(|spec| chown_in(&root, spec))
                    .transpose()?;
                write_into(
                    &mut |dir, unpacked, input| {
                        make_dir_in(&mut root, dir, chown)?;
                        root.copy_in(Path::new(dir), &owners_of(unpacked), true, input)
                    },
                    dest_is_dir,
                    chown.unwrap_or((0, 0)),
                )?;
                drop(root);
                let (store, layer) =
                    engine.store_container_layer(&rec, &image, b.opts.timestamp, || ())?;
                record_layer(b, engine, state, (&store, &layer), &created_by, &key, out)
            })();
            removing(engine, &rec, outcome)
        }
        None => {
            let layer = ScratchLayer {
                chown: c.chown.as_deref(),
                created_by: &created_by,
                key: &key,
            };
            layer.make(b, engine, state, out, &mut |dir, chown| {
                write_into(
                    &mut |at, _, input| unpack_into(dir, at, chown, true, input, kw),
                    false,
                    chown.unwrap_or((0, 0)),
                )
            })
        }
    }
}

/// A file owner: uid and gid inside the image.
type Owner = (u64, u64);

/// The new layer of a step in a FROM scratch stage with no files yet: nothing to resolve
/// names in, the layer a new directory.
struct ScratchLayer<'a> {
    /// `--chown`'s spec (numeric ids only: the stage has no /etc/passwd).
    chown: Option<&'a str>,
    created_by: &'a str,
    key: &'a str,
}

impl ScratchLayer<'_> {
    /// Fills a fresh directory through `fill` (given it and the `--chown` owner) and records
    /// it as the stage's layer.
    fn make(
        &self,
        b: &mut BuildRun<'_>,
        engine: &mut Engine,
        state: &mut StageState,
        out: &mut dyn Write,
        fill: &mut dyn FnMut(&Path, Option<Owner>) -> Result<()>,
    ) -> Result<()> {
        let chown = self.chown.map(|spec| chown_ids(spec, "", "")).transpose()?;
        engine.enter_userns()?;
        let store = Store::open(&engine.paths().storage())?;
        let dir = scratch_dir(engine)?;
        let result = (|| -> Result<()> {
            fill(&dir, chown)?;
            let layer =
                engine.store_dir_layer(&store, &dir, None, None, b.opts.timestamp, || ())?;
            record_layer(
                b,
                engine,
                state,
                (&store, &layer),
                self.created_by,
                self.key,
                out,
            )
        })();
        let _ = std::fs::remove_dir_all(&dir);
        result
    }
}

/// A file a COPY or ADD writes that is not in the context: a heredoc's body or a download.
struct InlineFile<'a> {
    /// Its name when the destination is a directory.
    name: String,
    body: InlineBody<'a>,
    /// Its mode when `--chmod` gives none.
    mode: u32,
    /// Its modification time, seconds since the epoch.
    mtime: u64,
    /// What the step's cache key takes of it.
    key: String,
}

/// The content of an [`InlineFile`].
enum InlineBody<'a> {
    /// A heredoc's text.
    Text(&'a str),
    /// A downloaded file (an anonymous temporary file) and its length.
    Download(std::fs::File, u64),
}

/// ADD's download of `url` into an anonymous temporary file, checked against `--checksum`
/// when given: mode 0600 and the server's Last-Modified time (or now), as docker's ADD.
fn download(url: &str, checksum: Option<&str>) -> Result<InlineFile<'static>> {
    let mut file = tempfile_in(std::env::temp_dir())?;
    let got = remote_file::download(url, &mut file)
        .map_err(|e| Error::InvalidArgument(format!("ADD {e}")))?;
    if let Some(want) = checksum {
        if want != got.digest {
            return Err(Error::InvalidArgument(format!(
                "ADD {url}: digest mismatch: --checksum={want}, the download is {}",
                got.digest
            )));
        }
    }
    let now = unix_secs_now();
    Ok(InlineFile {
        key: format!("{url}\0{}", got.digest),
        name: got.name,
        body: InlineBody::Download(file, got.size),
        mode: 0o600,
        mtime: got.last_modified.unwrap_or(now),
    })
}

/// The time now, in seconds since the epoch (a tar header's mtime).
fn unix_secs_now() -> u64 {
    (crate::container::time::now_ns() / 1_000_000_000).max(0) as u64
}

/// A fresh directory under the store's tmp for a scratch stage's layer.
fn scratch_dir(engine: &Engine) -> Result<PathBuf> {
    let base = engine.paths().storage().join("tmp");
    std::fs::create_dir_all(&base).at(&base)?;
    let dir = base.join(format!("build-{}", crate::id::new_id()));
    std::fs::create_dir(&dir).at(&dir)?;
    Ok(dir)
}

/// An anonymous temporary file in `dir` (gone when closed).
fn tempfile_in(dir: PathBuf) -> Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_TMPFILE)
        .open(&dir)
        .at(&dir)
        .map_err(Error::from)
}

/// COPY --from=STAGE|IMAGE: the sources come out of a container of that image, into a
/// container of the stage's image or, in a FROM scratch stage with no files yet, into a new
/// layer directory.
#[allow(clippy::too_many_arguments)]
fn copy_from(
    b: &mut BuildRun<'_>,
    engine: &mut Engine,
    stage: usize,
    state: &mut StageState,
    c: &CopyArgs,
    from: &str,
    dest: &str,
    chmod: Option<u32>,
    text: &str,
    out: &mut dyn Write,
) -> Result<()> {
    let source_image = b.image_for(engine, from, stage, None, out)?;
    // Wildcards may stand in a source's last component only (the common `/out/*.jar`).
    if let Some(bad) = c.sources.iter().find(|s| {
        Path::new(s)
            .parent()
            .is_some_and(|p| skiff_dockerfile::ignore::is_pattern(&p.to_string_lossy()))
    }) {
        return Err(Error::InvalidArgument(format!(
            "COPY --from={from} {bad}: a wildcard may stand in the last path component only"
        )));
    }
    let key = cache::step_key(&state.key, &["COPY --from", text, &source_image.id]);
    if from_cache(b, engine, state, &key, out)? {
        return Ok(());
    }
    let created_by = cfg::nop_created_by(&format!(
        "COPY --from={from} {} {dest}",
        c.sources.join(" ")
    ));
    let (src, from_root) = mounted_image(engine, &source_image)?;
    let sources = SourceArchives {
        root: &from_root,
        from,
        sources: &c.sources,
        dest,
        chmod,
    };
    let outcome = match state.image.clone() {
        Some(image) => match file_container(b, engine, state, &image) {
            Ok(target) => {
                let outcome = (|| -> Result<()> {
                    let mut root = engine.open_container_root(&target.id)?;
                    let owner = c
                        .chown
                        .as_deref()
                        .map(|spec| chown_in(&root, spec))
                        .transpose()?;
                    sources.write(is_dir_in(&root, dest)?, owner, &mut |dir, archive| {
                        make_dir_in(&mut root, dir, owner)?;
                        root.copy_in(Path::new(dir), &CopyOwners::Archive, true, archive)
                    })?;
                    drop(root);
                    let (store, layer) =
                        engine.store_container_layer(&target, &image, b.opts.timestamp, || ())?;
                    record_layer(b, engine, state, (&store, &layer), &created_by, &key, out)
                })();
                removing(engine, &target, outcome)
            }
            Err(e) => Err(e),
        },
        None => {
            let layer = ScratchLayer {
                chown: c.chown.as_deref(),
                created_by: &created_by,
                key: &key,
            };
            layer.make(b, engine, state, out, &mut |dir, owner| {
                sources.write(false, owner, &mut |at, archive| {
                    unpack_into(dir, at, owner, true, archive, "COPY")
                })
            })
        }
    };
    drop(from_root);
    let _ = engine.remove_container(&src.id, true, true);
    outcome
}

/// COPY --from's sources in the source image's container, and where they go.
struct SourceArchives<'a> {
    root: &'a ContainerRoot,
    from: &'a str,
    sources: &'a [String],
    dest: &'a str,
    chmod: Option<u32>,
}

impl SourceArchives<'_> {
    /// Passes each source, as a tar stream with `owner` (and the mode) set on every entry, to
    /// `into` with the directory of the destination it is to be unpacked in.
    fn write(
        &self,
        dest_is_dir: bool,
        owner: Option<(u64, u64)>,
        into: &mut dyn FnMut(&str, &mut dyn Read) -> Result<()>,
    ) -> Result<()> {
        let (root, from) = (self.root, self.from);
        let sources = expand_sources(root, from, self.sources)?;
        let kinds: Vec<bool> = sources
            .iter()
            .map(|s| {
                kind_in(root, s)?
                    .map(|k| k == PathKind::Dir)
                    .ok_or_else(|| {
                        Error::InvalidArgument(format!(
                            "COPY --from={from}: {s}: no such file or directory"
                        ))
                    })
            })
            .collect::<Result<_>>()?;
        let single_file = sources.len() == 1 && !kinds[0];
        let place = placement(self.dest, sources.len(), single_file, dest_is_dir)?;
        for (s, is_dir) in sources.iter().zip(kinds) {
            let top = if is_dir {
                ".".to_string()
            } else {
                place.file_name.clone().unwrap_or_else(|| {
                    Path::new(s)
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default()
                })
            };
            let mut tmp = tempfile_in(std::env::temp_dir())?;
            root.copy_out(Path::new(s), true, &top, &mut tmp)?;
            tmp.rewind()
                .map_err(|e| Error::Runtime(format!("the COPY archive: {e}")))?;
            if owner.is_some() || self.chmod.is_some() {
                let mut re = tempfile_in(std::env::temp_dir())?;
                retag(&mut tmp, &mut re, owner, self.chmod)?;
                re.rewind()
                    .map_err(|e| Error::Runtime(format!("the COPY archive: {e}")))?;
                tmp = re;
            }
            into(&place.dir, &mut tmp)?;
        }
        Ok(())
    }
}

/// The owners of a build step's copied files: the archive's, which the step's tar gives them
/// (the context's files as `--chown` says, a stage's as they are); those of an archive ADD
/// unpacks (`unpacked`) where the user namespace has them, else root's.
fn owners_of(unpacked: bool) -> CopyOwners {
    if unpacked {
        CopyOwners::ArchiveWhereMapped
    } else {
        CopyOwners::Archive
    }
}

/// Unpacks the tar stream `input` at `at` inside `dir`, a FROM scratch stage's new layer,
/// with the archive's owners (`keep_owner`) or the process's; the directories made for `at`
/// are owned by `created_owner` when given.
fn unpack_into(
    dir: &Path,
    at: &str,
    created_owner: Option<(u64, u64)>,
    keep_owner: bool,
    input: &mut dyn Read,
    kw: &str,
) -> Result<()> {
    let on_host = |p: &Path| dir.join(p.strip_prefix("/").unwrap_or(p));
    let unpack = |at: &Path, input: &mut dyn Read, owners: Owners<'_>| -> Result<()> {
        let target = on_host(at);
        let fd = std::fs::File::open(&target).at(&target)?;
        extract::unpack(fd.as_raw_fd(), input, owners, true)
            .map_err(|e| Error::InvalidArgument(format!("{kw}: {e}")))
    };
    if let Some(owner) = created_owner {
        let missing = missing_dirs(at, owner, |p| Ok(on_host(p).symlink_metadata().is_ok()))?;
        if let Some((base, mut archive)) = missing {
            unpack(&base, &mut archive, Owners::Archive(None))?;
        }
    }
    let target = on_host(Path::new(at));
    std::fs::create_dir_all(&target).at(&target)?;
    let owners = if keep_owner {
        Owners::Archive(None)
    } else {
        Owners::Process
    };
    unpack(Path::new(at), input, owners)
}

/// Makes directory `dir` in `root` with its missing parents; the ones it makes are owned by
/// `created_owner` when given (COPY --chown's owner: docker, BuildKit and buildah give it to
/// the directories a copy creates), otherwise by the container's root.
fn make_dir_in(
    root: &mut ContainerRoot,
    dir: &str,
    created_owner: Option<(u64, u64)>,
) -> Result<()> {
    if let Some(owner) = created_owner {
        let missing = missing_dirs(dir, owner, |p| {
            Ok(kind_in(root, &p.to_string_lossy())?.is_some())
        })?;
        if let Some((base, mut archive)) = missing {
            root.copy_in(&base, &CopyOwners::Archive, true, &mut archive)?;
        }
    }
    root.make_dir(Path::new(dir))
}

/// The components of directory `dir` (absolute in the image) that `exists` does not find, as
/// a tar of directory entries (mode 0755, owned by `owner`) to unpack at the deepest one it
/// finds, which is returned with it; None when nothing is missing.
fn missing_dirs(
    dir: &str,
    owner: (u64, u64),
    exists: impl Fn(&Path) -> Result<bool>,
) -> Result<Option<(PathBuf, std::fs::File)>> {
    let mut base = Path::new("/").join(dir);
    let mut missing = Vec::new();
    while !exists(&base)? {
        let Some(name) = base.file_name().map(|n| n.to_owned()) else {
            break;
        };
        missing.push(name);
        base.pop();
    }
    if missing.is_empty() {
        return Ok(None);
    }
    let failed = |e: std::io::Error| Error::Runtime(format!("the COPY archive: {e}"));
    let mut file = tempfile_in(std::env::temp_dir())?;
    let mut tar = tar::Builder::new(&mut file);
    let mtime = unix_secs_now();
    let mut rel = PathBuf::new();
    for name in missing.iter().rev() {
        rel.push(name);
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Directory);
        h.set_size(0);
        h.set_mode(0o755);
        h.set_uid(owner.0);
        h.set_gid(owner.1);
        h.set_mtime(mtime);
        tar.append_data(&mut h, &rel, std::io::empty())
            .map_err(failed)?;
    }
    tar.finish().map_err(failed)?;
    drop(tar);
    file.rewind().map_err(failed)?;
    Ok(Some((base, file)))
}

/// COPY --from's sources with a wildcard in their last component replaced by the matching
/// entries of that directory in `root` (sorted); a pattern that matches nothing is an error.
fn expand_sources(
    root: &crate::container::copy::ContainerRoot,
    from: &str,
    sources: &[String],
) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for s in sources {
        let path = Path::new(s);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !skiff_dockerfile::ignore::is_pattern(&name) {
            out.push(s.clone());
            continue;
        }
        let dir = path.parent().unwrap_or(Path::new("/"));
        let glob = skiff_dockerfile::ignore::Glob::new(&name)
            .map_err(|e| Error::InvalidArgument(format!("COPY --from={from} {s}: {e}")))?;
        let mut matched: Vec<String> = root
            .list_dir(dir)?
            .into_iter()
            .filter(|n| glob.matches(n))
            .map(|n| dir.join(n).to_string_lossy().into_owned())
            .collect();
        if matched.is_empty() {
            return Err(Error::InvalidArgument(format!(
                "COPY --from={from}: {s}: no source files were specified (nothing matches)"
            )));
        }
        matched.sort();
        out.extend(matched);
    }
    Ok(out)
}

/// Copies the tar stream `input` to `out` with every entry's owner (and mode) replaced.
fn retag(
    input: &mut dyn Read,
    out: &mut dyn Write,
    owner: Option<(u64, u64)>,
    mode: Option<u32>,
) -> Result<()> {
    let failed = |e: std::io::Error| Error::Runtime(format!("rewriting the COPY archive: {e}"));
    let mut ar = tar::Archive::new(input);
    let mut builder = tar::Builder::new(out);
    for entry in ar.entries().map_err(failed)? {
        let mut entry = entry.map_err(failed)?;
        let mut header = entry.header().clone();
        if let Some((uid, gid)) = owner {
            header.set_uid(uid);
            header.set_gid(gid);
        }
        if let Some(m) = mode {
            header.set_mode(m);
        }
        let path = entry.path().map_err(failed)?.into_owned();
        let link = entry.link_name().map_err(failed)?.map(|l| l.into_owned());
        match link {
            Some(target) => builder
                .append_link(&mut header, &path, &target)
                .map_err(failed)?,
            None => builder
                .append_data(&mut header, &path, &mut entry)
                .map_err(failed)?,
        }
    }
    builder.finish().map_err(failed)
}

/// WORKDIR: the directory is made in the image when it is not there (docker makes it), as a
/// layer of its own; the config change alone when it is.
pub(super) fn workdir(
    b: &mut BuildRun<'_>,
    engine: &mut Engine,
    state: &mut StageState,
    text: &str,
    out: &mut dyn Write,
) -> Result<()> {
    let dir = state.config.config.working_dir.clone();
    let key = cache::step_key(&state.key, &[text]);
    let created_by = cfg::nop_created_by(text);
    let Some(image) = state.image.clone() else {
        // FROM scratch with no files yet: the directory comes with the first COPY into it.
        b.nop(state, text);
        return Ok(());
    };
    if from_cache(b, engine, state, &key, out)? {
        return Ok(());
    }
    let rec = file_container(b, engine, state, &image)?;
    let outcome = (|| -> Result<()> {
        let mut root = engine.open_container_root(&rec.id)?;
        if kind_in(&root, &dir)?.is_some() {
            drop(root);
            b.nop(state, text);
            engine
                .store_stage(state, true, &b.cache, b.opts.timestamp, out)
                .map(drop)
        } else {
            root.make_dir(Path::new(&dir))?;
            drop(root);
            let (store, layer) =
                engine.store_container_layer(&rec, &image, b.opts.timestamp, || ())?;
            record_layer(b, engine, state, (&store, &layer), &created_by, &key, out)
        }
    })();
    removing(engine, &rec, outcome)
}
/// A mount of a RUN step's container: `kind` from host `source` at `target`.
fn step_mount(kind: CtrMount, source: &str, target: &str, rw: bool) -> Result<MountConfig> {
    options::check_mount(MountConfig {
        kind,
        source: source.to_string(),
        destination: target.to_string(),
        read_only: !rw,
        options: Vec::new(),
        create_source: false,
    })
    .map_err(|reason| Error::InvalidArgument(format!("RUN --mount target={target}: {reason}")))
}

/// A bind mount of host path `source` at `target` for a RUN step, read-only unless `rw`.
fn step_bind(source: &Path, target: &str, rw: bool) -> Result<MountConfig> {
    step_mount(CtrMount::Bind, &source.display().to_string(), target, rw)
}

/// The id a step's `-->` line shows: its first 12 digits, as podman's (buildah's) builds print.
pub(crate) fn short_id(id: &str) -> &str {
    &id[..id.len().min(12)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn tar_of(name: &str, body: &[u8]) -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        let mut h = tar::Header::new_gnu();
        h.set_size(body.len() as u64);
        h.set_mode(0o644);
        b.append_data(&mut h, name, body).unwrap();
        b.into_inner().unwrap()
    }

    fn bzip2(bytes: &[u8]) -> Vec<u8> {
        let mut z = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
        z.write_all(bytes).unwrap();
        z.finish().unwrap()
    }

    #[test]
    fn chown_of_a_uid_alone_gives_it_as_the_gid_too() {
        let passwd = "root:x:0:0::/root:/bin/sh\nodd:x:2000:3000::/:/bin/sh\n";
        let group = "root:x:0:\nodd:x:3000:\n";
        assert_eq!(chown_ids("1234", passwd, group).unwrap(), (1234, 1234));
        assert_eq!(chown_ids("2000", passwd, group).unwrap(), (2000, 2000));
        assert_eq!(chown_ids("odd", passwd, group).unwrap(), (2000, 3000));
        assert_eq!(chown_ids("1234:55", passwd, group).unwrap(), (1234, 55));
        assert_eq!(chown_ids("odd:root", passwd, group).unwrap(), (2000, 0));
    }

    /// ADD unpacks what holds a tar, compressed or not, and copies anything else as it is,
    /// a compressed file that holds no tar included (docker's).
    #[test]
    fn add_unpacks_tars_and_copies_compressed_files_that_hold_none() {
        let dir = tempfile::tempdir().unwrap();
        let kind = |name: &str, bytes: &[u8]| {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            archive_kind(&p).unwrap()
        };
        use skiff_storage::compression::Compression;
        let tar = tar_of("a.txt", b"hello\n");
        assert_eq!(kind("a.tar", &tar), Some(Packed::Like(Compression::None)));
        assert_eq!(kind("a.tar.bz2", &bzip2(&tar)), Some(Packed::Bzip2));
        assert_eq!(kind("data.json.bz2", &bzip2(b"{\"a\": 1}\n")), None);
        assert_eq!(kind("empty.bz2", &bzip2(b"")), None);
        assert_eq!(kind("plain.txt", b"hello\n"), None);
        assert_eq!(kind("bogus.gz", &[0x1f, 0x8b, 8, 0, 1, 2, 3]), None);
        // A header with a wrong checksum is no tar.
        let mut bad = tar.clone();
        bad[0] ^= 1;
        assert_eq!(kind("bad.tar", &bad), None);
    }
}
