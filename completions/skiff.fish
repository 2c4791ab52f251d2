# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_skiff_global_optspecs
    string join \n v/version root= runroot= log-level= config= cgroup-manager= events-backend= storage-driver= storage-opt= runtime= runtime-flag= network-backend= tmpdir= hooks-dir= volumepath= conmon= noout h/help
end

function __fish_skiff_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_skiff_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_skiff_using_subcommand
    set -l cmd (__fish_skiff_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c skiff -n "__fish_skiff_needs_command" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_needs_command" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_needs_command" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_needs_command" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_needs_command" -l cgroup-manager -r -f -a "cgroupfs\t''
systemd\t''"
complete -c skiff -n "__fish_skiff_needs_command" -l events-backend -r -f -a "file\t''
journald\t''
none\t''"
complete -c skiff -n "__fish_skiff_needs_command" -l storage-driver -r
complete -c skiff -n "__fish_skiff_needs_command" -l storage-opt -r
complete -c skiff -n "__fish_skiff_needs_command" -l runtime -r
complete -c skiff -n "__fish_skiff_needs_command" -l runtime-flag -r
complete -c skiff -n "__fish_skiff_needs_command" -l network-backend -r -f -a "netavark\t''
cni\t''"
complete -c skiff -n "__fish_skiff_needs_command" -l tmpdir -r -F
complete -c skiff -n "__fish_skiff_needs_command" -l hooks-dir -r -F
complete -c skiff -n "__fish_skiff_needs_command" -l volumepath -r -F
complete -c skiff -n "__fish_skiff_needs_command" -l conmon -r -F
complete -c skiff -n "__fish_skiff_needs_command" -s v -l version -d 'Print version information and quit (`skiff version X`, as `podman --version`; docker\'s `-v` too)'
complete -c skiff -n "__fish_skiff_needs_command" -l noout -d 'podman\'s `--noout`: the command\'s standard output is discarded'
complete -c skiff -n "__fish_skiff_needs_command" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "version" -d 'Show the skiff version information'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "info" -d 'Display system-wide information'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "events" -d 'Show lifecycle events of containers, images, volumes and networks'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "run" -d 'Create and run a new container'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "create" -d 'Create a new container'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "start" -d 'Start one or more stopped containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "init" -d 'Initialize one or more containers: ready to start, not started (podman\'s)'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "mount" -d 'Mount a container\'s file system on the host and print where (podman\'s; rootless, in `skiff unshare`)'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "unmount" -d 'Unmount a container\'s file system (podman\'s)'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "stop" -d 'Stop one or more running containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "exec" -d 'Execute a command in a running container'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "attach" -d 'Attach local standard input, output, and error streams to a running container'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "kill" -d 'Kill one or more running containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "pause" -d 'Pause all processes within one or more containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "unpause" -d 'Unpause all processes within one or more containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "update" -d 'Update the configuration of one or more containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "restart" -d 'Restart one or more containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "wait" -d 'Block until containers stop, then print their exit codes'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "rm" -d 'Remove one or more containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "rename" -d 'Rename a container'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "ps" -d 'List containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "logs" -d 'Fetch the logs of a container'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "inspect" -d 'Display detailed information on containers or images'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "port" -d 'List port mappings of a container'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "top" -d 'Display the running processes of a container'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "stats" -d 'Display a live stream of container resource usage statistics'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "cp" -d 'Copy files/folders between a container and the local filesystem'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "diff" -d 'Inspect changes to files or directories on a container\'s or image\'s filesystem'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "export" -d 'Export a container\'s filesystem as a tar archive'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "healthcheck" -d 'Manage healthchecks of containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "container" -d 'Manage containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "volume" -d 'Manage volumes'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "network" -d 'Manage networks'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "pod" -d 'Manage pods: containers that share network, IPC and UTS namespaces'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "secret" -d 'Manage secrets: data given to containers with run --secret'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "pull" -d 'Pull an image from a registry'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "push" -d 'Push an image to a registry'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "images" -d 'List images'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "tag" -d 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "untag" -d 'Remove names from a local image, which stays (podman)'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "save" -d 'Save one or more images to a tar archive (streamed to STDOUT by default)'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "load" -d 'Load an image from a tar archive or STDIN'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "import" -d 'Import the contents from a tarball to create a filesystem image'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "rmi" -d 'Remove one or more images'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "history" -d 'Show the history of an image'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "login" -d 'Log in to a registry'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "logout" -d 'Log out from a registry'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "search" -d 'Search registries for images, or list a repository\'s tags'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "image" -d 'Manage images'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "compose" -d 'Run compose workloads with an external provider (docker-compose) through skiff\'s API'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "builder" -d 'Manage builds: build images, remove the build cache'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "manifest" -d 'Manage manifest lists (multi-platform image indexes)'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "system" -d 'Manage skiff: disk usage, prune, reset, info, events'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "context" -d 'Manage contexts (docker\'s; skiff has one, its own engine)'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "auto-update" -d 'Auto update containers according to their auto-update policy (podman\'s)'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "unshare" -d 'Run a command as root in skiff\'s storage user namespace'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "quadlet" -d 'Manage Quadlet files: containers, volumes, networks and images as systemd units'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "generate" -d 'Generate structured data from containers: systemd units, Kubernetes YAML'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "kube" -d 'Kubernetes YAML: generate it from containers, play it, take it down'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "play" -d 'Play Kubernetes YAML (podman\'s spelling of `kube play`)'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand version" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand version" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand version" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand version" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand version" -s f -l format -d 'Format the output using the given Go template, or json' -r
complete -c skiff -n "__fish_skiff_using_subcommand version" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand info" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand info" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand info" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand info" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand info" -s f -l format -d 'Format the output using the given Go template, or json' -r
complete -c skiff -n "__fish_skiff_using_subcommand info" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand events" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand events" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand events" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand events" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand events" -l since -d 'Show events since this time: RFC 3339 (2026-12-03T09:00:00Z), unix seconds or a duration before now (10m)' -r
complete -c skiff -n "__fish_skiff_using_subcommand events" -l until -d 'Stop at this time (same forms as --since): in the past, print the stored events and return; in the future, follow new events until then' -r
complete -c skiff -n "__fish_skiff_using_subcommand events" -s f -l filter -d 'Show only matching events: type, event, container, image, volume, network, label (repeated keys match any value, different keys must all match)' -r
complete -c skiff -n "__fish_skiff_using_subcommand events" -l format -d 'Print each event with a Go template (e.g. \'{{.Type}} {{.Action}}\'), or `json`' -r
complete -c skiff -n "__fish_skiff_using_subcommand events" -l no-trunc -d 'Print whole ids (podman\'s; the default): --no-trunc=false cuts an object\'s id to 12 characters in the default lines' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand events" -l stream -d 'Follow new events (podman\'s; the default): --stream=false prints the stored events and returns, as --until with the current time does' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand events" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand run" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -s d -l detach -d 'Run the container in the background and print its id' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l sig-proxy -d 'Proxy received signals to the process (attached, without a tty)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l detach-keys -d 'Override the key sequence for detaching a container (docker\'s notation, e.g. ctrl-p,ctrl-q)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l preserve-fds -d 'Pass the caller\'s descriptors 3 to 2+N on to the container\'s process (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s i -l interactive -d 'Keep STDIN open' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR (repeat for several; the default is STDOUT and STDERR, and STDIN with -i)' -r -f -a "stdin\t''
stdout\t''
stderr\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -s t -l tty -d 'Allocate a pseudo-TTY' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l rm -d 'Remove the container when it exits' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l name -d 'Assign a name to the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s e -l env -d 'Set environment variables (KEY=VALUE, or KEY to copy the caller\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l env-file -d 'Read environment variables from a file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l http-proxy -d 'Pass this process\'s proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy and their upper-case names) to the container, under any set another way (podman\'s)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l unsetenv -d 'Do not set this variable from the image or the defaults (podman\'s; repeatable)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l env-merge -d 'Set a variable whose value may use the image\'s: NAME=VALUE with $VAR or ${VAR}, such as PATH=/opt/bin:${PATH} (podman\'s; -e still wins)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l image-volume -d 'What the image\'s VOLUMEs become: bind (an anonymous volume each, the default), tmpfs or ignore (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l read-only-tmpfs -d 'With --read-only, mount a tmpfs on /run, /tmp and /var/tmp (podman\'s; its default there, not docker\'s)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l umask -d 'The file mode creation mask of the container\'s processes, in octal (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l pidfile -d 'Write the container\'s process id to this file at each start (podman\'s)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l timeout -d 'Kill the container\'s process with SIGKILL after this many seconds (podman\'s; 0: no limit)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l personality -d 'The execution domain of the container\'s process: LINUX or LINUX32 (podman\'s; personality(2))' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l passwd-entry -d 'The /etc/passwd line added for a --user UID[:GID] the image has no entry for; $USERNAME, $UID, $GID, $NAME and $HOME are replaced (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l passwd -d 'Add /etc/passwd and /etc/group entries for a numeric --user the image has none for (podman\'s; --passwd=false leaves the files as the image has them)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l hostuser -d 'Add this host user\'s /etc/passwd entry to the container\'s (podman\'s; NAME or UID, repeatable)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l requires -d 'Containers this one requires: each is started before it (podman\'s; NAME[,NAME...], repeatable)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s u -l user -d 'Username or UID[:GID] to run as' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s h -l hostname -d 'Container host name' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l tz -d 'Set the container\'s timezone: local (the host\'s) or Area/City, e.g. Europe/Berlin' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l entrypoint -d 'Overwrite the image\'s ENTRYPOINT ("" clears it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l init -d 'Run an init inside the container that forwards signals and reaps processes' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l init-path -d 'Use this host executable as the --init process (implies --init)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l read-only -d 'Mount the container\'s root file system read-only' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l tmpfs -d 'Mount a tmpfs (PATH[:OPTIONS])' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s v -l volume -d 'Bind mount a host path or a named volume (SRC:DST[:ro])' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l mount -d 'Attach a mount (type=bind|volume|tmpfs,source=..,target=..[,readonly])' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cap-add -d 'Add Linux capabilities' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cap-drop -d 'Drop Linux capabilities' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l privileged -d 'Give extended privileges to the container' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l security-opt -d 'Security options (no-new-privileges, seccomp=unconfined, seccomp=FILE, systempaths=unconfined, unmask=ALL|PATHS, mask=PATHS)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l ulimit -d 'Ulimit options (NAME=SOFT[:HARD])' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l stop-signal -d 'Signal to stop the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l systemd -d 'Run in systemd mode: true (when the command is systemd or an init), false or always (podman\'s): tmpfs on /run, /run/lock, /tmp and /var/lib/journal, SIGRTMIN+3 to stop, container_uuid set, the cgroup file system writable' -r -f -a "true\t''
false\t''
always\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l stop-timeout -d 'Seconds to wait after the stop signal before killing the container (-1: for ever)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s l -l label -d 'Set metadata on the container (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l label-file -d 'Read labels from a file of KEY=VALUE lines' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l group-add -d 'Add additional groups to the container\'s process (names or gids)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cidfile -d 'Write the container id to the file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l pull -d 'Pull the image before creating: always, missing (the default), newer or never' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s q -l quiet -d 'Suppress the pull output' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l platform -d 'Pull the image for this platform (os/arch[/variant]) instead of the host\'s' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l arch -d 'Use this architecture instead of the host\'s (podman\'s; --platform in parts)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l os -d 'Use this operating system instead of the host\'s (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l variant -d 'Use this architecture variant (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l authfile -d 'The credentials file to use instead of the default ones (podman\'s; as REGISTRY_AUTH_FILE)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l tls-verify -d 'When pulling: require HTTPS and verify certificates (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l network -d 'Network: bridge (the default: slirp4netns, or pasta when ports are published), slirp4netns, pasta, none, host, container:NAME|ID, ns:PATH, or a user-defined network\'s name (repeat for several; name=NET,ip=ADDR,alias=NAME or NET:ip=ADDR gives one its own address and aliases)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s p -l publish -d 'Publish a container\'s port to the host ([IP:][HOST_PORT:]CONTAINER_PORT[/PROTO])' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s P -l publish-all -d 'Publish every exposed port on a random host port' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l expose -d 'Expose a port or a range of ports (PORT[-END][/PROTO])' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l dns -d 'Set custom DNS servers' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l dns-search -d 'Set custom DNS search domains ("." for none)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l dns-option -d 'Set DNS options' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l add-host -d 'Add a custom host-to-IP mapping (HOST:IP; IP may be host-gateway)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l domainname -d 'Container NIS domain name' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l network-alias -d 'Add a network-scoped alias for the container (user-defined networks only)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l mac-address -d 'Container MAC address (e.g. 92:d0:c6:0a:29:33)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l ip -d 'IPv4 address (user-defined networks only)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l ip6 -d 'IPv6 address (user-defined networks only)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l link -d 'Add a link to another container (user-defined networks only)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l shm-size -d 'Size of /dev/shm (e.g. 256m; default 64m)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l sysctl -d 'Sysctl options of the container\'s own namespaces (KEY=VALUE: net.*, kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.*)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l log-driver -d 'Logging driver: k8s-file (default), json-file, local (docker\'s name, a json-file) or none' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l replace -d 'Replace a container with the same name' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -s m -l memory -d 'Memory limit (e.g. 512m, 1g)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l memory-swap -d 'Memory plus swap limit: -1 for unlimited swap (default: twice --memory)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l memory-reservation -d 'Memory soft limit (cgroup v2 memory.low)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l kernel-memory -d 'Kernel memory limit (cgroup v2 has none: discarded with a warning)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cpus -d 'Number of CPUs' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s c -l cpu-shares -d 'CPU shares (relative weight; 1024 is the default)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota, in microseconds per period' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cpu-rt-period -d 'Limit the CPU real-time period (refused: cgroup v2 has no real-time controller)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cpu-rt-runtime -d 'Limit the CPU real-time runtime (refused: cgroup v2 has no real-time controller)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cpuset-mems -d 'Memory nodes in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l blkio-weight -d 'Block IO relative weight, between 10 and 1000, or 0 to disable' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l pids-limit -d 'Maximum number of processes (-1 for unlimited)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l memory-swappiness -d 'Tune the container\'s memory swappiness (cgroup v2 has none: discarded with a warning)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l blkio-weight-device -d 'Block IO weight of a device (DEVICE:WEIGHT)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l device-read-bps -d 'Limit read rate from a device (DEVICE:RATE, e.g. /dev/sda:1mb)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l device-write-bps -d 'Limit write rate to a device (DEVICE:RATE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l device-read-iops -d 'Limit read operations per second from a device (DEVICE:RATE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l device-write-iops -d 'Limit write operations per second to a device (DEVICE:RATE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cgroup-parent -d 'Cgroup to put the container in: a path below the cgroup root as root, a systemd slice (my.slice) rootless' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l pid -d 'PID namespace: host, or container:NAME to share another container\'s' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l ipc -d 'IPC namespace: private (the default), shareable, none, host, or container:NAME of a shareable one' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l uts -d 'UTS namespace: host uses the host\'s name' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l pod -d 'Run the container in a pod (NAME or ID), or in a new one with new:NAME' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l pod-id-file -d 'Run the container in the pod whose id this file holds (as pod create --pod-id-file writes it)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cgroupns -d 'Cgroup namespace: private (the default) or host' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l volumes-from -d 'Mount the volumes and bind mounts of another container (CONTAINER[:ro|rw])' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l secret -d 'Give the container a secret: a file in /run/secrets, or with type=env a variable (NAME[,type=mount|env][,target=T][,uid=N][,gid=N][,mode=M])' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l device -d 'Add a host device to the container (HOST[:CONTAINER[:rwm]])' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l oom-score-adj -d 'Tune the host\'s OOM killer preference for the container (-1000 to 1000; rootless can only raise it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l annotation -d 'Add an annotation to the container (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l log-opt -d 'Log driver options: max-size=SIZE, max-file=N (rotation), tag=TAG' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l health-cmd -d 'Command to run in the container to check its health: a shell command, a JSON array (["CMD", "prog", "arg"]), or none to disable the image\'s check' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l health-interval -d 'Time between two checks (ms|s|m|h) (default 30s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l health-retries -d 'Consecutive failures that make the container unhealthy (default 3)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l health-start-interval -d 'Time between checks during the start period (ms|s|m|h) (default 5s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l health-start-period -d 'Time after the start in which failed checks do not count (ms|s|m|h) (default 0s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l health-timeout -d 'Longest time one check may run before it is killed and fails (ms|s|m|h) (default 30s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l health-on-failure -d 'What to do when the container becomes unhealthy: none (the default), kill, restart or stop' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l no-healthcheck -d 'Disable the image\'s HEALTHCHECK' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l rootfs -d 'Use PATH as the root file system instead of an image (PATH:O: a throw-away overlay on it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l userns -d 'User namespace: host (the default), keep-id[:uid=UID,gid=GID] (rootless: your ids inside), nomap, auto[:size=N] or private (a range of its own), ns:PATH (as root: join the namespace at PATH), container:ID (join another container\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l uidmap -d 'A user namespace of the container\'s own with this uid mapping, CONTAINER_UID:HOST_UID:SIZE (repeat for several; rootless, host ids are skiff\'s namespace\'s: 0 is you, 1.. your subordinate ids) (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l gidmap -d 'The gid mapping, as --uidmap (each defaults to the other) (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l subuidname -d 'As root: the uid mapping /etc/subuid grants NAME (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l subgidname -d 'As root: the gid mapping /etc/subgid grants NAME (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l storage-opt -d 'Storage driver options (refused: size= needs overlay on XFS with project quota)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l volume-driver -d 'Volume driver (only "local")' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l runtime -d 'Runtime (only "skiff", the built-in one)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l isolation -d 'Isolation technology (only "default" on Linux)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l disable-content-trust -d 'Skip image verification (the default; false is refused: no Notary support)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l link-local-ip -d 'Link-local addresses (refused: not supported)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l use-api-socket -d 'Mount the Docker API socket (`skiff system service`\'s, or DOCKER_HOST\'s) at /var/run/docker.sock' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l gpus -d 'GPU devices (refused: give --device /dev/nvidia... instead)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l device-cgroup-rule -d 'Add a rule to the cgroup allowed devices list: \'TYPE MAJOR:MINOR PERMS\', e.g. \'c 1:3 rwm\' (root)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l sdnotify -d 'How systemd\'s NOTIFY_SOCKET is used: container (the default: the container sends READY=1), conmon (ready once the command runs), healthy (ready once the healthcheck passes) or ignore' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cgroups -d 'Cgroup of the container\'s monitor: enabled (the default: the container\'s own) or no-conmon (stays in the caller\'s, e.g. a systemd unit\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l conmon-pidfile -d 'Write the pid of the container\'s monitor to this file at each start' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l rmi -d 'Remove the image once the container has exited, unless another container uses it (podman\'s; implies --rm)'
complete -c skiff -n "__fish_skiff_using_subcommand run" -l env-host -d 'Give the container this process\'s environment, under -e and --env-file (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand run" -l unsetenv-all -d 'Set none of the image\'s or the default variables (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand run" -l no-hosts -d 'Keep the image\'s /etc/hosts instead of making one for the container (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand run" -l oom-kill-disable -d 'Disable the OOM killer (cgroup v2 cannot: discarded with a warning)'
complete -c skiff -n "__fish_skiff_using_subcommand run" -l help -d 'Print usage'
complete -c skiff -n "__fish_skiff_using_subcommand create" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -s i -l interactive -d 'Keep STDIN open' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR (repeat for several; the default is STDOUT and STDERR, and STDIN with -i)' -r -f -a "stdin\t''
stdout\t''
stderr\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -s t -l tty -d 'Allocate a pseudo-TTY' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l rm -d 'Remove the container when it exits' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l name -d 'Assign a name to the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s e -l env -d 'Set environment variables (KEY=VALUE, or KEY to copy the caller\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l env-file -d 'Read environment variables from a file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l http-proxy -d 'Pass this process\'s proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy and their upper-case names) to the container, under any set another way (podman\'s)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l unsetenv -d 'Do not set this variable from the image or the defaults (podman\'s; repeatable)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l env-merge -d 'Set a variable whose value may use the image\'s: NAME=VALUE with $VAR or ${VAR}, such as PATH=/opt/bin:${PATH} (podman\'s; -e still wins)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l image-volume -d 'What the image\'s VOLUMEs become: bind (an anonymous volume each, the default), tmpfs or ignore (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l read-only-tmpfs -d 'With --read-only, mount a tmpfs on /run, /tmp and /var/tmp (podman\'s; its default there, not docker\'s)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l umask -d 'The file mode creation mask of the container\'s processes, in octal (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l pidfile -d 'Write the container\'s process id to this file at each start (podman\'s)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l timeout -d 'Kill the container\'s process with SIGKILL after this many seconds (podman\'s; 0: no limit)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l personality -d 'The execution domain of the container\'s process: LINUX or LINUX32 (podman\'s; personality(2))' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l passwd-entry -d 'The /etc/passwd line added for a --user UID[:GID] the image has no entry for; $USERNAME, $UID, $GID, $NAME and $HOME are replaced (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l passwd -d 'Add /etc/passwd and /etc/group entries for a numeric --user the image has none for (podman\'s; --passwd=false leaves the files as the image has them)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l hostuser -d 'Add this host user\'s /etc/passwd entry to the container\'s (podman\'s; NAME or UID, repeatable)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l requires -d 'Containers this one requires: each is started before it (podman\'s; NAME[,NAME...], repeatable)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s u -l user -d 'Username or UID[:GID] to run as' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s h -l hostname -d 'Container host name' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l tz -d 'Set the container\'s timezone: local (the host\'s) or Area/City, e.g. Europe/Berlin' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l entrypoint -d 'Overwrite the image\'s ENTRYPOINT ("" clears it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l init -d 'Run an init inside the container that forwards signals and reaps processes' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l init-path -d 'Use this host executable as the --init process (implies --init)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l read-only -d 'Mount the container\'s root file system read-only' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l tmpfs -d 'Mount a tmpfs (PATH[:OPTIONS])' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s v -l volume -d 'Bind mount a host path or a named volume (SRC:DST[:ro])' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l mount -d 'Attach a mount (type=bind|volume|tmpfs,source=..,target=..[,readonly])' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cap-add -d 'Add Linux capabilities' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cap-drop -d 'Drop Linux capabilities' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l privileged -d 'Give extended privileges to the container' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l security-opt -d 'Security options (no-new-privileges, seccomp=unconfined, seccomp=FILE, systempaths=unconfined, unmask=ALL|PATHS, mask=PATHS)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l ulimit -d 'Ulimit options (NAME=SOFT[:HARD])' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l stop-signal -d 'Signal to stop the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l systemd -d 'Run in systemd mode: true (when the command is systemd or an init), false or always (podman\'s): tmpfs on /run, /run/lock, /tmp and /var/lib/journal, SIGRTMIN+3 to stop, container_uuid set, the cgroup file system writable' -r -f -a "true\t''
false\t''
always\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l stop-timeout -d 'Seconds to wait after the stop signal before killing the container (-1: for ever)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s l -l label -d 'Set metadata on the container (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l label-file -d 'Read labels from a file of KEY=VALUE lines' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l group-add -d 'Add additional groups to the container\'s process (names or gids)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cidfile -d 'Write the container id to the file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l pull -d 'Pull the image before creating: always, missing (the default), newer or never' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s q -l quiet -d 'Suppress the pull output' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l platform -d 'Pull the image for this platform (os/arch[/variant]) instead of the host\'s' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l arch -d 'Use this architecture instead of the host\'s (podman\'s; --platform in parts)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l os -d 'Use this operating system instead of the host\'s (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l variant -d 'Use this architecture variant (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l authfile -d 'The credentials file to use instead of the default ones (podman\'s; as REGISTRY_AUTH_FILE)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l tls-verify -d 'When pulling: require HTTPS and verify certificates (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l network -d 'Network: bridge (the default: slirp4netns, or pasta when ports are published), slirp4netns, pasta, none, host, container:NAME|ID, ns:PATH, or a user-defined network\'s name (repeat for several; name=NET,ip=ADDR,alias=NAME or NET:ip=ADDR gives one its own address and aliases)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s p -l publish -d 'Publish a container\'s port to the host ([IP:][HOST_PORT:]CONTAINER_PORT[/PROTO])' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s P -l publish-all -d 'Publish every exposed port on a random host port' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l expose -d 'Expose a port or a range of ports (PORT[-END][/PROTO])' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l dns -d 'Set custom DNS servers' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l dns-search -d 'Set custom DNS search domains ("." for none)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l dns-option -d 'Set DNS options' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l add-host -d 'Add a custom host-to-IP mapping (HOST:IP; IP may be host-gateway)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l domainname -d 'Container NIS domain name' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l network-alias -d 'Add a network-scoped alias for the container (user-defined networks only)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l mac-address -d 'Container MAC address (e.g. 92:d0:c6:0a:29:33)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l ip -d 'IPv4 address (user-defined networks only)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l ip6 -d 'IPv6 address (user-defined networks only)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l link -d 'Add a link to another container (user-defined networks only)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l shm-size -d 'Size of /dev/shm (e.g. 256m; default 64m)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l sysctl -d 'Sysctl options of the container\'s own namespaces (KEY=VALUE: net.*, kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.*)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l log-driver -d 'Logging driver: k8s-file (default), json-file, local (docker\'s name, a json-file) or none' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l replace -d 'Replace a container with the same name' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -s m -l memory -d 'Memory limit (e.g. 512m, 1g)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l memory-swap -d 'Memory plus swap limit: -1 for unlimited swap (default: twice --memory)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l memory-reservation -d 'Memory soft limit (cgroup v2 memory.low)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l kernel-memory -d 'Kernel memory limit (cgroup v2 has none: discarded with a warning)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cpus -d 'Number of CPUs' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s c -l cpu-shares -d 'CPU shares (relative weight; 1024 is the default)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota, in microseconds per period' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cpu-rt-period -d 'Limit the CPU real-time period (refused: cgroup v2 has no real-time controller)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cpu-rt-runtime -d 'Limit the CPU real-time runtime (refused: cgroup v2 has no real-time controller)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cpuset-mems -d 'Memory nodes in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l blkio-weight -d 'Block IO relative weight, between 10 and 1000, or 0 to disable' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l pids-limit -d 'Maximum number of processes (-1 for unlimited)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l memory-swappiness -d 'Tune the container\'s memory swappiness (cgroup v2 has none: discarded with a warning)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l blkio-weight-device -d 'Block IO weight of a device (DEVICE:WEIGHT)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l device-read-bps -d 'Limit read rate from a device (DEVICE:RATE, e.g. /dev/sda:1mb)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l device-write-bps -d 'Limit write rate to a device (DEVICE:RATE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l device-read-iops -d 'Limit read operations per second from a device (DEVICE:RATE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l device-write-iops -d 'Limit write operations per second to a device (DEVICE:RATE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cgroup-parent -d 'Cgroup to put the container in: a path below the cgroup root as root, a systemd slice (my.slice) rootless' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l pid -d 'PID namespace: host, or container:NAME to share another container\'s' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l ipc -d 'IPC namespace: private (the default), shareable, none, host, or container:NAME of a shareable one' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l uts -d 'UTS namespace: host uses the host\'s name' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l pod -d 'Run the container in a pod (NAME or ID), or in a new one with new:NAME' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l pod-id-file -d 'Run the container in the pod whose id this file holds (as pod create --pod-id-file writes it)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cgroupns -d 'Cgroup namespace: private (the default) or host' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l volumes-from -d 'Mount the volumes and bind mounts of another container (CONTAINER[:ro|rw])' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l secret -d 'Give the container a secret: a file in /run/secrets, or with type=env a variable (NAME[,type=mount|env][,target=T][,uid=N][,gid=N][,mode=M])' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l device -d 'Add a host device to the container (HOST[:CONTAINER[:rwm]])' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l oom-score-adj -d 'Tune the host\'s OOM killer preference for the container (-1000 to 1000; rootless can only raise it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l annotation -d 'Add an annotation to the container (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l log-opt -d 'Log driver options: max-size=SIZE, max-file=N (rotation), tag=TAG' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l health-cmd -d 'Command to run in the container to check its health: a shell command, a JSON array (["CMD", "prog", "arg"]), or none to disable the image\'s check' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l health-interval -d 'Time between two checks (ms|s|m|h) (default 30s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l health-retries -d 'Consecutive failures that make the container unhealthy (default 3)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l health-start-interval -d 'Time between checks during the start period (ms|s|m|h) (default 5s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l health-start-period -d 'Time after the start in which failed checks do not count (ms|s|m|h) (default 0s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l health-timeout -d 'Longest time one check may run before it is killed and fails (ms|s|m|h) (default 30s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l health-on-failure -d 'What to do when the container becomes unhealthy: none (the default), kill, restart or stop' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l no-healthcheck -d 'Disable the image\'s HEALTHCHECK' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l rootfs -d 'Use PATH as the root file system instead of an image (PATH:O: a throw-away overlay on it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l userns -d 'User namespace: host (the default), keep-id[:uid=UID,gid=GID] (rootless: your ids inside), nomap, auto[:size=N] or private (a range of its own), ns:PATH (as root: join the namespace at PATH), container:ID (join another container\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l uidmap -d 'A user namespace of the container\'s own with this uid mapping, CONTAINER_UID:HOST_UID:SIZE (repeat for several; rootless, host ids are skiff\'s namespace\'s: 0 is you, 1.. your subordinate ids) (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l gidmap -d 'The gid mapping, as --uidmap (each defaults to the other) (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l subuidname -d 'As root: the uid mapping /etc/subuid grants NAME (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l subgidname -d 'As root: the gid mapping /etc/subgid grants NAME (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l storage-opt -d 'Storage driver options (refused: size= needs overlay on XFS with project quota)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l volume-driver -d 'Volume driver (only "local")' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l runtime -d 'Runtime (only "skiff", the built-in one)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l isolation -d 'Isolation technology (only "default" on Linux)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l disable-content-trust -d 'Skip image verification (the default; false is refused: no Notary support)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l link-local-ip -d 'Link-local addresses (refused: not supported)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l use-api-socket -d 'Mount the Docker API socket (`skiff system service`\'s, or DOCKER_HOST\'s) at /var/run/docker.sock' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l gpus -d 'GPU devices (refused: give --device /dev/nvidia... instead)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l device-cgroup-rule -d 'Add a rule to the cgroup allowed devices list: \'TYPE MAJOR:MINOR PERMS\', e.g. \'c 1:3 rwm\' (root)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l sdnotify -d 'How systemd\'s NOTIFY_SOCKET is used: container (the default: the container sends READY=1), conmon (ready once the command runs), healthy (ready once the healthcheck passes) or ignore' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cgroups -d 'Cgroup of the container\'s monitor: enabled (the default: the container\'s own) or no-conmon (stays in the caller\'s, e.g. a systemd unit\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l conmon-pidfile -d 'Write the pid of the container\'s monitor to this file at each start' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l init-ctr -d 'Make it an init container of its pod (--pod), run before the pod\'s other containers when the pod starts: always (at every start) or once (then removed) (podman\'s)' -r -f -a "always\t''
once\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l env-host -d 'Give the container this process\'s environment, under -e and --env-file (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand create" -l unsetenv-all -d 'Set none of the image\'s or the default variables (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand create" -l no-hosts -d 'Keep the image\'s /etc/hosts instead of making one for the container (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand create" -l oom-kill-disable -d 'Disable the OOM killer (cgroup v2 cannot: discarded with a warning)'
complete -c skiff -n "__fish_skiff_using_subcommand create" -l help -d 'Print usage'
complete -c skiff -n "__fish_skiff_using_subcommand start" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand start" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand start" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand start" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand start" -l detach-keys -d 'Override the key sequence for detaching a container (docker\'s notation, e.g. ctrl-p,ctrl-q)' -r
complete -c skiff -n "__fish_skiff_using_subcommand start" -l sig-proxy -d 'Proxy received signals to the process (attached, without a tty)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand start" -s f -l filter -d 'Start only the containers that match (ps\'s filters, e.g. restart-policy=always)' -r
complete -c skiff -n "__fish_skiff_using_subcommand start" -s a -l attach -d 'Attach to the container\'s output and wait for it to exit'
complete -c skiff -n "__fish_skiff_using_subcommand start" -s i -l interactive -d 'Attach the container\'s STDIN'
complete -c skiff -n "__fish_skiff_using_subcommand start" -l all -d 'Start every container that is not running (podman)'
complete -c skiff -n "__fish_skiff_using_subcommand start" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand start" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand init" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand init" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand init" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand init" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand init" -s a -l all -d 'Initialize all containers that are created or stopped'
complete -c skiff -n "__fish_skiff_using_subcommand init" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand init" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand mount" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand mount" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand mount" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand mount" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand mount" -l format -d 'With no container named, list the mounted ones as JSON' -r -f -a "json\t''"
complete -c skiff -n "__fish_skiff_using_subcommand mount" -s a -l all -d 'Mount all containers'
complete -c skiff -n "__fish_skiff_using_subcommand mount" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand mount" -l no-trunc -l notruncate -d 'Show full container ids in the list'
complete -c skiff -n "__fish_skiff_using_subcommand mount" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -s a -l all -d 'Unmount all mounted containers'
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -s f -l force -d 'Unmount even when mounted several times (skiff mounts a container once)'
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand stop" -s t -l timeout -l time -d 'Seconds to wait before killing the container (-1: wait for ever)' -r
complete -c skiff -n "__fish_skiff_using_subcommand stop" -s s -l signal -d 'Signal to send instead of the container\'s stop signal (name or number)' -r
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l cidfile -d 'Read the container id from this file (repeat for several; with --ignore a missing file is skipped)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l filter -d 'Act on the containers that match (ps\'s filters; podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand stop" -s a -l all -d 'Stop all running containers'
complete -c skiff -n "__fish_skiff_using_subcommand stop" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand stop" -s i -l ignore -d 'A container that does not exist is not an error'
complete -c skiff -n "__fish_skiff_using_subcommand stop" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand exec" -s e -l env -d 'Set environment variables (KEY=VALUE, or KEY to copy it from this environment)' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l env-file -d 'Read environment variables from a file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l detach-keys -d 'Override the key sequence for detaching from the command\'s tty (docker\'s notation, e.g. ctrl-p,ctrl-q)' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l preserve-fds -d 'Pass this many more of your descriptors, 3 to 2+N, to the process (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -s d -l detach -d 'Run the command in the background'
complete -c skiff -n "__fish_skiff_using_subcommand exec" -s i -l interactive -d 'Keep STDIN open and connected to the command'
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l privileged -d 'Give the command all capabilities and no seccomp filter'
complete -c skiff -n "__fish_skiff_using_subcommand exec" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c skiff -n "__fish_skiff_using_subcommand exec" -s l -l latest -d 'Run in the most recently created container (podman\'s); the arguments are then the command'
complete -c skiff -n "__fish_skiff_using_subcommand exec" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l detach-keys -d 'Override the key sequence for detaching a container (docker\'s notation, e.g. ctrl-p,ctrl-q; "" disables it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l sig-proxy -d 'Proxy all received signals to the process (without a tty)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l no-stdin -d 'Do not attach STDIN'
complete -c skiff -n "__fish_skiff_using_subcommand attach" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand attach" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kill" -s s -l signal -d 'Signal to send' -r
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l cidfile -d 'Read the container id from this file (repeat for several; with --ignore a missing file is skipped)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l filter -d 'Act on the containers that match (ps\'s filters; podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kill" -s a -l all -d 'Signal all running containers'
complete -c skiff -n "__fish_skiff_using_subcommand kill" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand kill" -s i -l ignore -d 'A container that does not exist is not an error'
complete -c skiff -n "__fish_skiff_using_subcommand kill" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l cidfile -d 'Read the container id from this file (repeat for several; with --ignore a missing file is skipped)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l filter -d 'Act on the containers that match (ps\'s filters; podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pause" -s a -l all -d 'All running (for pause) or paused (for unpause) containers'
complete -c skiff -n "__fish_skiff_using_subcommand pause" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand pause" -s i -l ignore -d 'A container that does not exist is not an error'
complete -c skiff -n "__fish_skiff_using_subcommand pause" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l cidfile -d 'Read the container id from this file (repeat for several; with --ignore a missing file is skipped)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l filter -d 'Act on the containers that match (ps\'s filters; podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -s a -l all -d 'All running (for pause) or paused (for unpause) containers'
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -s i -l ignore -d 'A container that does not exist is not an error'
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand update" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand update" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand update" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand update" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand update" -s m -l memory -d 'Memory limit (e.g. 512m, 1g)' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l memory-swap -d 'Memory plus swap limit: -1 for unlimited swap (default: twice --memory)' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l memory-reservation -d 'Memory soft limit (cgroup v2 memory.low)' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l kernel-memory -d 'Kernel memory limit (cgroup v2 has none: discarded with a warning)' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l cpus -d 'Number of CPUs' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -s c -l cpu-shares -d 'CPU shares (relative weight; 1024 is the default)' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota, in microseconds per period' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l cpu-rt-period -d 'Limit the CPU real-time period (refused: cgroup v2 has no real-time controller)' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l cpu-rt-runtime -d 'Limit the CPU real-time runtime (refused: cgroup v2 has no real-time controller)' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l cpuset-mems -d 'Memory nodes in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l blkio-weight -d 'Block IO relative weight, between 10 and 1000, or 0 to disable' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l pids-limit -d 'Maximum number of processes (-1 for unlimited)' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l memory-swappiness -d 'Tune the container\'s memory swappiness (cgroup v2 has none: discarded with a warning)' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l blkio-weight-device -d 'Block IO weight of a device (DEVICE:WEIGHT)' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l device-read-bps -d 'Limit read rate from a device (DEVICE:RATE, e.g. /dev/sda:1mb)' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l device-write-bps -d 'Limit write rate to a device (DEVICE:RATE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l device-read-iops -d 'Limit read operations per second from a device (DEVICE:RATE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l device-write-iops -d 'Limit write operations per second to a device (DEVICE:RATE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l restart -d 'Restart policy to apply when a container exits (no, on-failure[:N], always, unless-stopped)' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand restart" -s t -l timeout -l time -d 'Seconds to wait before killing the container (-1: wait for ever)' -r
complete -c skiff -n "__fish_skiff_using_subcommand restart" -s s -l signal -d 'Signal to send instead of the container\'s stop signal (name or number)' -r
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l cidfile -d 'Read the container id from this file (repeat for several; with --ignore a missing file is skipped)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l filter -d 'Act on the containers that match (ps\'s filters; podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand restart" -s a -l all -d 'Restart all containers'
complete -c skiff -n "__fish_skiff_using_subcommand restart" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand restart" -s i -l ignore -d 'A container that does not exist is not an error'
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l running -d 'With -a, only the running containers (podman\'s; -a alone restarts every container)'
complete -c skiff -n "__fish_skiff_using_subcommand restart" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l condition -d 'Wait for this state or health instead (podman\'s; repeatable or comma-separated, the first to hold ends the wait): configured, created, exited, healthy, initialized, paused, removing, running, stopped, stopping, unhealthy. -1 is printed for all but stopped and exited' -r
complete -c skiff -n "__fish_skiff_using_subcommand wait" -s i -l interval -d 'How often to look at the container with --condition (podman\'s; a duration such as 250ms or 1s, milliseconds without a unit)' -r
complete -c skiff -n "__fish_skiff_using_subcommand wait" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand wait" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l cidfile -d 'Read the container id from this file (repeat for several; with --ignore a missing file is skipped)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l filter -d 'Act on the containers that match (ps\'s filters; podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand rm" -s t -l time -d 'With -f: seconds to wait for a running container to stop before it is killed' -r
complete -c skiff -n "__fish_skiff_using_subcommand rm" -s f -l force -d 'Force the removal of a running container (uses SIGKILL); a missing container is not an error'
complete -c skiff -n "__fish_skiff_using_subcommand rm" -s v -l volumes -d 'Remove anonymous volumes associated with the container'
complete -c skiff -n "__fish_skiff_using_subcommand rm" -s a -l all -d 'Remove all containers (running ones need -f)'
complete -c skiff -n "__fish_skiff_using_subcommand rm" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand rm" -s i -l ignore -d 'A container that does not exist is not an error'
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l link -d 'Remove a legacy link (refused: skiff has no default-bridge links; its --link is an alias on a user-defined network, gone with the container that has it)'
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l depend -d 'Remove the containers that join a namespace of each one first (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand rm" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rename" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s n -l last -d 'Show the N last created containers (includes all states; 0 or less: no limit)' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s f -l filter -d 'Filter output (status=, name=REGEX, label=, ancestor=IMAGE, id=, exited=, since=CONTAINER, before=CONTAINER, volume=, network=, expose=, publish=, health=, is-task=, pod=)' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l format -d 'Format output with a Go template (\'table ...\', \'{{json .}}\')' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l sort -d 'Sort by command, created, id, image, names, runningfor or status (podman\'s; created and runningfor put the newest first, as without it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s w -l watch -d 'Print the list again every SECONDS, on a cleared screen on a terminal, until interrupted (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s a -l all -d 'Show all containers (default shows just running)'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s q -l quiet -d 'Only display container ids'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s l -l latest -d 'Show the latest created container (includes all states)'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l no-trunc -d 'Don\'t truncate output'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s s -l size -d 'Display total file sizes'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l pod -d 'Show the pod of each container (POD ID and PODNAME columns)'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l noheading -d 'Do not print the table\'s heading line (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l sync -d 'Sync each container\'s state with its runtime first (podman\'s): skiff always reads the state from the container\'s monitor and process, so this changes nothing'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l external -d 'Also show containers of other tools in the storage (podman\'s: buildah\'s): skiff\'s store holds only skiff\'s, so this changes nothing'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l ns -d 'Show each running container\'s PID and namespaces (podman\'s: CGROUPNS IPC MNT NET PIDNS USERNS UTS, the namespaces\' inode numbers)'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand logs" -s n -l tail -d 'Number of lines to show from the end of the logs ("all" for everything)' -r
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l since -d 'Show logs since a timestamp (RFC 3339, unix seconds) or a relative time (e.g. 42m)' -r
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l until -d 'Show logs before a timestamp or relative time' -r
complete -c skiff -n "__fish_skiff_using_subcommand logs" -s f -l follow -d 'Follow log output until the container stops'
complete -c skiff -n "__fish_skiff_using_subcommand logs" -s t -l timestamps -d 'Show timestamps'
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l details -d 'Show extra details: the log attributes before each line (skiff records none, so, as docker without --log-opt labels/env, an empty set and its separating space)'
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l names -d 'With several containers, prefix lines with the container\'s name instead of its id (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l color -d 'With several containers, show each one\'s prefix in a color of its own (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand logs" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand logs" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -s f -l format -d 'Format the output with a Go template' -r
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l type -d 'Only look for this type: container, image, network, volume or pod (all: any, podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -s s -l size -d 'Add the container\'s writable layer size (SizeRw)'
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand port" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand port" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand port" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand port" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand port" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand port" -s a -l all -d 'List the ports of every running container, each line after its short id (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand port" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand top" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand top" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand top" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand top" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand top" -s l -l latest -d 'Show the most recently created container\'s processes (podman\'s); the arguments are then ps options'
complete -c skiff -n "__fish_skiff_using_subcommand top" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l format -d 'Format output with a Go template (\'table ...\', \'json\', \'{{json .}}\')' -r
complete -c skiff -n "__fish_skiff_using_subcommand stats" -s i -l interval -d 'Seconds between refreshes when streaming' -r
complete -c skiff -n "__fish_skiff_using_subcommand stats" -s a -l all -d 'Show all containers (default shows just running)'
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l no-stream -d 'Disable streaming stats and only pull the first result'
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l no-trunc -d 'Do not truncate output'
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l no-reset -d 'Do not clear the screen between refreshes (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand stats" -s l -l latest -d 'Show the most recently created container (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand stats" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand cp" -s a -l archive -d 'Archive mode (copy all uid/gid information)'
complete -c skiff -n "__fish_skiff_using_subcommand cp" -s L -l follow-link -d 'Always follow symbol link in SRC_PATH'
complete -c skiff -n "__fish_skiff_using_subcommand cp" -s q -l quiet -d 'Suppress progress output (skiff prints none)'
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l overwrite -d 'Let a directory replace a non-directory and the other way round (podman\'s; without it that is an error, as with docker)'
complete -c skiff -n "__fish_skiff_using_subcommand cp" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l format -d 'Print the changes as JSON, {"changed": [...], "added": [...], "deleted": [...]} (podman\'s; only json)' -r -f -a "json\t''"
complete -c skiff -n "__fish_skiff_using_subcommand diff" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand diff" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand export" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand export" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand export" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand export" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand export" -s o -l output -d 'Write to a file, instead of STDOUT' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand export" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand commit" -s a -l author -d 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")' -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -s c -l change -d 'Apply Dockerfile instruction to the created image (CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR), read as a Dockerfile line' -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -s m -l message -d 'Commit message' -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -s p -l pause -d 'Pause the container while its changes are read (where it has a cgroup of its own)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l iidfile -d 'Write the new image\'s id to this file (podman\'s)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand commit" -s f -l format -d 'The image\'s manifest type: oci (the default) or docker (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -s q -l quiet -d 'Suppress output'
complete -c skiff -n "__fish_skiff_using_subcommand commit" -s s -l squash -d 'Squash all the image\'s layers, the base image\'s too, into one (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l include-volumes -d 'Make the container\'s volumes (-v, --mount; not tmpfs) the image\'s volumes (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand commit" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -f -a "run" -d 'Run a container\'s healthcheck now: exit 0 when it passes, 1 when it fails'
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run a container\'s healthcheck now: exit 0 when it passes, 1 when it fails'
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "run" -d 'Create and run a new container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "create" -d 'Create a new container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "start" -d 'Start one or more stopped containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "init" -d 'Initialize one or more containers: ready to start, not started (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "mount" -d 'Mount a container\'s file system on the host and print where (podman\'s; rootless, in `skiff unshare`)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "unmount" -d 'Unmount a container\'s file system (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "stop" -d 'Stop one or more running containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "exec" -d 'Execute a command in a running container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "attach" -d 'Attach local standard input, output, and error streams to a running container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "kill" -d 'Kill one or more running containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "pause" -d 'Pause all processes within one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "unpause" -d 'Unpause all processes within one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "update" -d 'Update the configuration of one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "restart" -d 'Restart one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "wait" -d 'Block until containers stop, then print their exit codes'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "rm" -d 'Remove one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "rename" -d 'Rename a container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "ps" -d 'List containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "logs" -d 'Fetch the logs of a container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "inspect" -d 'Display detailed information on containers or images'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "port" -d 'List port mappings of a container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "top" -d 'Display the running processes of a container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "stats" -d 'Display a live stream of container resource usage statistics'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "cp" -d 'Copy files/folders between a container and the local filesystem'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "diff" -d 'Inspect changes to files or directories on a container\'s or image\'s filesystem'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "export" -d 'Export a container\'s filesystem as a tar archive'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "healthcheck" -d 'Manage healthchecks of containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "ls" -d 'List containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "prune" -d 'Remove all stopped containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "exists" -d 'Check if a container exists'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "clone" -d 'Create a copy of a container, with other limits, name, pod or image (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "runlabel" -d 'Run the command an image\'s label describes (podman\'s; trusted images only)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "cleanup" -d 'Clean up the network and mounts of stopped containers (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck ls prune exists clone runlabel cleanup help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s d -l detach -d 'Run the container in the background and print its id' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l sig-proxy -d 'Proxy received signals to the process (attached, without a tty)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l detach-keys -d 'Override the key sequence for detaching a container (docker\'s notation, e.g. ctrl-p,ctrl-q)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l preserve-fds -d 'Pass the caller\'s descriptors 3 to 2+N on to the container\'s process (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s i -l interactive -d 'Keep STDIN open' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR (repeat for several; the default is STDOUT and STDERR, and STDIN with -i)' -r -f -a "stdin\t''
stdout\t''
stderr\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s t -l tty -d 'Allocate a pseudo-TTY' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l rm -d 'Remove the container when it exits' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l name -d 'Assign a name to the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s e -l env -d 'Set environment variables (KEY=VALUE, or KEY to copy the caller\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l env-file -d 'Read environment variables from a file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l http-proxy -d 'Pass this process\'s proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy and their upper-case names) to the container, under any set another way (podman\'s)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l unsetenv -d 'Do not set this variable from the image or the defaults (podman\'s; repeatable)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l env-merge -d 'Set a variable whose value may use the image\'s: NAME=VALUE with $VAR or ${VAR}, such as PATH=/opt/bin:${PATH} (podman\'s; -e still wins)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l image-volume -d 'What the image\'s VOLUMEs become: bind (an anonymous volume each, the default), tmpfs or ignore (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l read-only-tmpfs -d 'With --read-only, mount a tmpfs on /run, /tmp and /var/tmp (podman\'s; its default there, not docker\'s)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l umask -d 'The file mode creation mask of the container\'s processes, in octal (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l pidfile -d 'Write the container\'s process id to this file at each start (podman\'s)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l timeout -d 'Kill the container\'s process with SIGKILL after this many seconds (podman\'s; 0: no limit)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l personality -d 'The execution domain of the container\'s process: LINUX or LINUX32 (podman\'s; personality(2))' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l passwd-entry -d 'The /etc/passwd line added for a --user UID[:GID] the image has no entry for; $USERNAME, $UID, $GID, $NAME and $HOME are replaced (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l passwd -d 'Add /etc/passwd and /etc/group entries for a numeric --user the image has none for (podman\'s; --passwd=false leaves the files as the image has them)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l hostuser -d 'Add this host user\'s /etc/passwd entry to the container\'s (podman\'s; NAME or UID, repeatable)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l requires -d 'Containers this one requires: each is started before it (podman\'s; NAME[,NAME...], repeatable)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s u -l user -d 'Username or UID[:GID] to run as' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s h -l hostname -d 'Container host name' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l tz -d 'Set the container\'s timezone: local (the host\'s) or Area/City, e.g. Europe/Berlin' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l entrypoint -d 'Overwrite the image\'s ENTRYPOINT ("" clears it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l init -d 'Run an init inside the container that forwards signals and reaps processes' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l init-path -d 'Use this host executable as the --init process (implies --init)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l read-only -d 'Mount the container\'s root file system read-only' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l tmpfs -d 'Mount a tmpfs (PATH[:OPTIONS])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s v -l volume -d 'Bind mount a host path or a named volume (SRC:DST[:ro])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l mount -d 'Attach a mount (type=bind|volume|tmpfs,source=..,target=..[,readonly])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-add -d 'Add Linux capabilities' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-drop -d 'Drop Linux capabilities' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l privileged -d 'Give extended privileges to the container' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l security-opt -d 'Security options (no-new-privileges, seccomp=unconfined, seccomp=FILE, systempaths=unconfined, unmask=ALL|PATHS, mask=PATHS)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l ulimit -d 'Ulimit options (NAME=SOFT[:HARD])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-signal -d 'Signal to stop the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l systemd -d 'Run in systemd mode: true (when the command is systemd or an init), false or always (podman\'s): tmpfs on /run, /run/lock, /tmp and /var/lib/journal, SIGRTMIN+3 to stop, container_uuid set, the cgroup file system writable' -r -f -a "true\t''
false\t''
always\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-timeout -d 'Seconds to wait after the stop signal before killing the container (-1: for ever)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s l -l label -d 'Set metadata on the container (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l label-file -d 'Read labels from a file of KEY=VALUE lines' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l group-add -d 'Add additional groups to the container\'s process (names or gids)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l cidfile -d 'Write the container id to the file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l pull -d 'Pull the image before creating: always, missing (the default), newer or never' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Suppress the pull output' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l platform -d 'Pull the image for this platform (os/arch[/variant]) instead of the host\'s' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l arch -d 'Use this architecture instead of the host\'s (podman\'s; --platform in parts)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l os -d 'Use this operating system instead of the host\'s (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l variant -d 'Use this architecture variant (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l authfile -d 'The credentials file to use instead of the default ones (podman\'s; as REGISTRY_AUTH_FILE)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l tls-verify -d 'When pulling: require HTTPS and verify certificates (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l network -d 'Network: bridge (the default: slirp4netns, or pasta when ports are published), slirp4netns, pasta, none, host, container:NAME|ID, ns:PATH, or a user-defined network\'s name (repeat for several; name=NET,ip=ADDR,alias=NAME or NET:ip=ADDR gives one its own address and aliases)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s p -l publish -d 'Publish a container\'s port to the host ([IP:][HOST_PORT:]CONTAINER_PORT[/PROTO])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s P -l publish-all -d 'Publish every exposed port on a random host port' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l expose -d 'Expose a port or a range of ports (PORT[-END][/PROTO])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l dns -d 'Set custom DNS servers' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-search -d 'Set custom DNS search domains ("." for none)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-option -d 'Set DNS options' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l add-host -d 'Add a custom host-to-IP mapping (HOST:IP; IP may be host-gateway)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l domainname -d 'Container NIS domain name' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l network-alias -d 'Add a network-scoped alias for the container (user-defined networks only)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l mac-address -d 'Container MAC address (e.g. 92:d0:c6:0a:29:33)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l ip -d 'IPv4 address (user-defined networks only)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l ip6 -d 'IPv6 address (user-defined networks only)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l link -d 'Add a link to another container (user-defined networks only)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l shm-size -d 'Size of /dev/shm (e.g. 256m; default 64m)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l sysctl -d 'Sysctl options of the container\'s own namespaces (KEY=VALUE: net.*, kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.*)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l log-driver -d 'Logging driver: k8s-file (default), json-file, local (docker\'s name, a json-file) or none' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l replace -d 'Replace a container with the same name' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s m -l memory -d 'Memory limit (e.g. 512m, 1g)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-swap -d 'Memory plus swap limit: -1 for unlimited swap (default: twice --memory)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-reservation -d 'Memory soft limit (cgroup v2 memory.low)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l kernel-memory -d 'Kernel memory limit (cgroup v2 has none: discarded with a warning)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l cpus -d 'Number of CPUs' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s c -l cpu-shares -d 'CPU shares (relative weight; 1024 is the default)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota, in microseconds per period' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-rt-period -d 'Limit the CPU real-time period (refused: cgroup v2 has no real-time controller)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-rt-runtime -d 'Limit the CPU real-time runtime (refused: cgroup v2 has no real-time controller)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l cpuset-mems -d 'Memory nodes in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l blkio-weight -d 'Block IO relative weight, between 10 and 1000, or 0 to disable' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l pids-limit -d 'Maximum number of processes (-1 for unlimited)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-swappiness -d 'Tune the container\'s memory swappiness (cgroup v2 has none: discarded with a warning)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l blkio-weight-device -d 'Block IO weight of a device (DEVICE:WEIGHT)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l device-read-bps -d 'Limit read rate from a device (DEVICE:RATE, e.g. /dev/sda:1mb)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l device-write-bps -d 'Limit write rate to a device (DEVICE:RATE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l device-read-iops -d 'Limit read operations per second from a device (DEVICE:RATE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l device-write-iops -d 'Limit write operations per second to a device (DEVICE:RATE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroup-parent -d 'Cgroup to put the container in: a path below the cgroup root as root, a systemd slice (my.slice) rootless' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l pid -d 'PID namespace: host, or container:NAME to share another container\'s' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l ipc -d 'IPC namespace: private (the default), shareable, none, host, or container:NAME of a shareable one' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l uts -d 'UTS namespace: host uses the host\'s name' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l pod -d 'Run the container in a pod (NAME or ID), or in a new one with new:NAME' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l pod-id-file -d 'Run the container in the pod whose id this file holds (as pod create --pod-id-file writes it)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroupns -d 'Cgroup namespace: private (the default) or host' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l volumes-from -d 'Mount the volumes and bind mounts of another container (CONTAINER[:ro|rw])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l secret -d 'Give the container a secret: a file in /run/secrets, or with type=env a variable (NAME[,type=mount|env][,target=T][,uid=N][,gid=N][,mode=M])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l device -d 'Add a host device to the container (HOST[:CONTAINER[:rwm]])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l oom-score-adj -d 'Tune the host\'s OOM killer preference for the container (-1000 to 1000; rootless can only raise it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l annotation -d 'Add an annotation to the container (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l log-opt -d 'Log driver options: max-size=SIZE, max-file=N (rotation), tag=TAG' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l health-cmd -d 'Command to run in the container to check its health: a shell command, a JSON array (["CMD", "prog", "arg"]), or none to disable the image\'s check' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l health-interval -d 'Time between two checks (ms|s|m|h) (default 30s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l health-retries -d 'Consecutive failures that make the container unhealthy (default 3)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l health-start-interval -d 'Time between checks during the start period (ms|s|m|h) (default 5s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l health-start-period -d 'Time after the start in which failed checks do not count (ms|s|m|h) (default 0s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l health-timeout -d 'Longest time one check may run before it is killed and fails (ms|s|m|h) (default 30s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l health-on-failure -d 'What to do when the container becomes unhealthy: none (the default), kill, restart or stop' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l no-healthcheck -d 'Disable the image\'s HEALTHCHECK' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l rootfs -d 'Use PATH as the root file system instead of an image (PATH:O: a throw-away overlay on it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l userns -d 'User namespace: host (the default), keep-id[:uid=UID,gid=GID] (rootless: your ids inside), nomap, auto[:size=N] or private (a range of its own), ns:PATH (as root: join the namespace at PATH), container:ID (join another container\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l uidmap -d 'A user namespace of the container\'s own with this uid mapping, CONTAINER_UID:HOST_UID:SIZE (repeat for several; rootless, host ids are skiff\'s namespace\'s: 0 is you, 1.. your subordinate ids) (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l gidmap -d 'The gid mapping, as --uidmap (each defaults to the other) (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l subuidname -d 'As root: the uid mapping /etc/subuid grants NAME (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l subgidname -d 'As root: the gid mapping /etc/subgid grants NAME (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l storage-opt -d 'Storage driver options (refused: size= needs overlay on XFS with project quota)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l volume-driver -d 'Volume driver (only "local")' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l runtime -d 'Runtime (only "skiff", the built-in one)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l isolation -d 'Isolation technology (only "default" on Linux)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l disable-content-trust -d 'Skip image verification (the default; false is refused: no Notary support)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l link-local-ip -d 'Link-local addresses (refused: not supported)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l use-api-socket -d 'Mount the Docker API socket (`skiff system service`\'s, or DOCKER_HOST\'s) at /var/run/docker.sock' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l gpus -d 'GPU devices (refused: give --device /dev/nvidia... instead)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l device-cgroup-rule -d 'Add a rule to the cgroup allowed devices list: \'TYPE MAJOR:MINOR PERMS\', e.g. \'c 1:3 rwm\' (root)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l sdnotify -d 'How systemd\'s NOTIFY_SOCKET is used: container (the default: the container sends READY=1), conmon (ready once the command runs), healthy (ready once the healthcheck passes) or ignore' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroups -d 'Cgroup of the container\'s monitor: enabled (the default: the container\'s own) or no-conmon (stays in the caller\'s, e.g. a systemd unit\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l conmon-pidfile -d 'Write the pid of the container\'s monitor to this file at each start' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l rmi -d 'Remove the image once the container has exited, unless another container uses it (podman\'s; implies --rm)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l env-host -d 'Give the container this process\'s environment, under -e and --env-file (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l unsetenv-all -d 'Set none of the image\'s or the default variables (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l no-hosts -d 'Keep the image\'s /etc/hosts instead of making one for the container (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l oom-kill-disable -d 'Disable the OOM killer (cgroup v2 cannot: discarded with a warning)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l help -d 'Print usage'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s i -l interactive -d 'Keep STDIN open' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR (repeat for several; the default is STDOUT and STDERR, and STDIN with -i)' -r -f -a "stdin\t''
stdout\t''
stderr\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s t -l tty -d 'Allocate a pseudo-TTY' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l rm -d 'Remove the container when it exits' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l name -d 'Assign a name to the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s e -l env -d 'Set environment variables (KEY=VALUE, or KEY to copy the caller\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l env-file -d 'Read environment variables from a file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l http-proxy -d 'Pass this process\'s proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy and their upper-case names) to the container, under any set another way (podman\'s)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l unsetenv -d 'Do not set this variable from the image or the defaults (podman\'s; repeatable)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l env-merge -d 'Set a variable whose value may use the image\'s: NAME=VALUE with $VAR or ${VAR}, such as PATH=/opt/bin:${PATH} (podman\'s; -e still wins)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l image-volume -d 'What the image\'s VOLUMEs become: bind (an anonymous volume each, the default), tmpfs or ignore (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only-tmpfs -d 'With --read-only, mount a tmpfs on /run, /tmp and /var/tmp (podman\'s; its default there, not docker\'s)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l umask -d 'The file mode creation mask of the container\'s processes, in octal (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l pidfile -d 'Write the container\'s process id to this file at each start (podman\'s)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l timeout -d 'Kill the container\'s process with SIGKILL after this many seconds (podman\'s; 0: no limit)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l personality -d 'The execution domain of the container\'s process: LINUX or LINUX32 (podman\'s; personality(2))' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l passwd-entry -d 'The /etc/passwd line added for a --user UID[:GID] the image has no entry for; $USERNAME, $UID, $GID, $NAME and $HOME are replaced (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l passwd -d 'Add /etc/passwd and /etc/group entries for a numeric --user the image has none for (podman\'s; --passwd=false leaves the files as the image has them)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l hostuser -d 'Add this host user\'s /etc/passwd entry to the container\'s (podman\'s; NAME or UID, repeatable)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l requires -d 'Containers this one requires: each is started before it (podman\'s; NAME[,NAME...], repeatable)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s u -l user -d 'Username or UID[:GID] to run as' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s h -l hostname -d 'Container host name' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l tz -d 'Set the container\'s timezone: local (the host\'s) or Area/City, e.g. Europe/Berlin' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l entrypoint -d 'Overwrite the image\'s ENTRYPOINT ("" clears it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l init -d 'Run an init inside the container that forwards signals and reaps processes' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l init-path -d 'Use this host executable as the --init process (implies --init)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only -d 'Mount the container\'s root file system read-only' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l tmpfs -d 'Mount a tmpfs (PATH[:OPTIONS])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s v -l volume -d 'Bind mount a host path or a named volume (SRC:DST[:ro])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l mount -d 'Attach a mount (type=bind|volume|tmpfs,source=..,target=..[,readonly])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-add -d 'Add Linux capabilities' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-drop -d 'Drop Linux capabilities' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l privileged -d 'Give extended privileges to the container' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l security-opt -d 'Security options (no-new-privileges, seccomp=unconfined, seccomp=FILE, systempaths=unconfined, unmask=ALL|PATHS, mask=PATHS)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l ulimit -d 'Ulimit options (NAME=SOFT[:HARD])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-signal -d 'Signal to stop the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l systemd -d 'Run in systemd mode: true (when the command is systemd or an init), false or always (podman\'s): tmpfs on /run, /run/lock, /tmp and /var/lib/journal, SIGRTMIN+3 to stop, container_uuid set, the cgroup file system writable' -r -f -a "true\t''
false\t''
always\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-timeout -d 'Seconds to wait after the stop signal before killing the container (-1: for ever)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s l -l label -d 'Set metadata on the container (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l label-file -d 'Read labels from a file of KEY=VALUE lines' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l group-add -d 'Add additional groups to the container\'s process (names or gids)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l cidfile -d 'Write the container id to the file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l pull -d 'Pull the image before creating: always, missing (the default), newer or never' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Suppress the pull output' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l platform -d 'Pull the image for this platform (os/arch[/variant]) instead of the host\'s' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l arch -d 'Use this architecture instead of the host\'s (podman\'s; --platform in parts)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l os -d 'Use this operating system instead of the host\'s (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l variant -d 'Use this architecture variant (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l authfile -d 'The credentials file to use instead of the default ones (podman\'s; as REGISTRY_AUTH_FILE)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l tls-verify -d 'When pulling: require HTTPS and verify certificates (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l network -d 'Network: bridge (the default: slirp4netns, or pasta when ports are published), slirp4netns, pasta, none, host, container:NAME|ID, ns:PATH, or a user-defined network\'s name (repeat for several; name=NET,ip=ADDR,alias=NAME or NET:ip=ADDR gives one its own address and aliases)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s p -l publish -d 'Publish a container\'s port to the host ([IP:][HOST_PORT:]CONTAINER_PORT[/PROTO])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s P -l publish-all -d 'Publish every exposed port on a random host port' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l expose -d 'Expose a port or a range of ports (PORT[-END][/PROTO])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l dns -d 'Set custom DNS servers' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-search -d 'Set custom DNS search domains ("." for none)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-option -d 'Set DNS options' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l add-host -d 'Add a custom host-to-IP mapping (HOST:IP; IP may be host-gateway)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l domainname -d 'Container NIS domain name' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l network-alias -d 'Add a network-scoped alias for the container (user-defined networks only)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l mac-address -d 'Container MAC address (e.g. 92:d0:c6:0a:29:33)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l ip -d 'IPv4 address (user-defined networks only)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l ip6 -d 'IPv6 address (user-defined networks only)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l link -d 'Add a link to another container (user-defined networks only)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l shm-size -d 'Size of /dev/shm (e.g. 256m; default 64m)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l sysctl -d 'Sysctl options of the container\'s own namespaces (KEY=VALUE: net.*, kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.*)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l log-driver -d 'Logging driver: k8s-file (default), json-file, local (docker\'s name, a json-file) or none' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l replace -d 'Replace a container with the same name' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s m -l memory -d 'Memory limit (e.g. 512m, 1g)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-swap -d 'Memory plus swap limit: -1 for unlimited swap (default: twice --memory)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-reservation -d 'Memory soft limit (cgroup v2 memory.low)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l kernel-memory -d 'Kernel memory limit (cgroup v2 has none: discarded with a warning)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l cpus -d 'Number of CPUs' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s c -l cpu-shares -d 'CPU shares (relative weight; 1024 is the default)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota, in microseconds per period' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-rt-period -d 'Limit the CPU real-time period (refused: cgroup v2 has no real-time controller)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-rt-runtime -d 'Limit the CPU real-time runtime (refused: cgroup v2 has no real-time controller)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-mems -d 'Memory nodes in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l blkio-weight -d 'Block IO relative weight, between 10 and 1000, or 0 to disable' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l pids-limit -d 'Maximum number of processes (-1 for unlimited)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-swappiness -d 'Tune the container\'s memory swappiness (cgroup v2 has none: discarded with a warning)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l blkio-weight-device -d 'Block IO weight of a device (DEVICE:WEIGHT)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l device-read-bps -d 'Limit read rate from a device (DEVICE:RATE, e.g. /dev/sda:1mb)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l device-write-bps -d 'Limit write rate to a device (DEVICE:RATE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l device-read-iops -d 'Limit read operations per second from a device (DEVICE:RATE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l device-write-iops -d 'Limit write operations per second to a device (DEVICE:RATE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroup-parent -d 'Cgroup to put the container in: a path below the cgroup root as root, a systemd slice (my.slice) rootless' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l pid -d 'PID namespace: host, or container:NAME to share another container\'s' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l ipc -d 'IPC namespace: private (the default), shareable, none, host, or container:NAME of a shareable one' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l uts -d 'UTS namespace: host uses the host\'s name' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l pod -d 'Run the container in a pod (NAME or ID), or in a new one with new:NAME' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l pod-id-file -d 'Run the container in the pod whose id this file holds (as pod create --pod-id-file writes it)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroupns -d 'Cgroup namespace: private (the default) or host' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l volumes-from -d 'Mount the volumes and bind mounts of another container (CONTAINER[:ro|rw])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l secret -d 'Give the container a secret: a file in /run/secrets, or with type=env a variable (NAME[,type=mount|env][,target=T][,uid=N][,gid=N][,mode=M])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l device -d 'Add a host device to the container (HOST[:CONTAINER[:rwm]])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l oom-score-adj -d 'Tune the host\'s OOM killer preference for the container (-1000 to 1000; rootless can only raise it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l annotation -d 'Add an annotation to the container (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l log-opt -d 'Log driver options: max-size=SIZE, max-file=N (rotation), tag=TAG' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l health-cmd -d 'Command to run in the container to check its health: a shell command, a JSON array (["CMD", "prog", "arg"]), or none to disable the image\'s check' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l health-interval -d 'Time between two checks (ms|s|m|h) (default 30s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l health-retries -d 'Consecutive failures that make the container unhealthy (default 3)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l health-start-interval -d 'Time between checks during the start period (ms|s|m|h) (default 5s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l health-start-period -d 'Time after the start in which failed checks do not count (ms|s|m|h) (default 0s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l health-timeout -d 'Longest time one check may run before it is killed and fails (ms|s|m|h) (default 30s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l health-on-failure -d 'What to do when the container becomes unhealthy: none (the default), kill, restart or stop' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l no-healthcheck -d 'Disable the image\'s HEALTHCHECK' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l rootfs -d 'Use PATH as the root file system instead of an image (PATH:O: a throw-away overlay on it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l userns -d 'User namespace: host (the default), keep-id[:uid=UID,gid=GID] (rootless: your ids inside), nomap, auto[:size=N] or private (a range of its own), ns:PATH (as root: join the namespace at PATH), container:ID (join another container\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l uidmap -d 'A user namespace of the container\'s own with this uid mapping, CONTAINER_UID:HOST_UID:SIZE (repeat for several; rootless, host ids are skiff\'s namespace\'s: 0 is you, 1.. your subordinate ids) (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l gidmap -d 'The gid mapping, as --uidmap (each defaults to the other) (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l subuidname -d 'As root: the uid mapping /etc/subuid grants NAME (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l subgidname -d 'As root: the gid mapping /etc/subgid grants NAME (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l storage-opt -d 'Storage driver options (refused: size= needs overlay on XFS with project quota)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l volume-driver -d 'Volume driver (only "local")' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l runtime -d 'Runtime (only "skiff", the built-in one)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l isolation -d 'Isolation technology (only "default" on Linux)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l disable-content-trust -d 'Skip image verification (the default; false is refused: no Notary support)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l link-local-ip -d 'Link-local addresses (refused: not supported)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l use-api-socket -d 'Mount the Docker API socket (`skiff system service`\'s, or DOCKER_HOST\'s) at /var/run/docker.sock' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l gpus -d 'GPU devices (refused: give --device /dev/nvidia... instead)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l device-cgroup-rule -d 'Add a rule to the cgroup allowed devices list: \'TYPE MAJOR:MINOR PERMS\', e.g. \'c 1:3 rwm\' (root)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l sdnotify -d 'How systemd\'s NOTIFY_SOCKET is used: container (the default: the container sends READY=1), conmon (ready once the command runs), healthy (ready once the healthcheck passes) or ignore' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroups -d 'Cgroup of the container\'s monitor: enabled (the default: the container\'s own) or no-conmon (stays in the caller\'s, e.g. a systemd unit\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l conmon-pidfile -d 'Write the pid of the container\'s monitor to this file at each start' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l init-ctr -d 'Make it an init container of its pod (--pod), run before the pod\'s other containers when the pod starts: always (at every start) or once (then removed) (podman\'s)' -r -f -a "always\t''
once\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l env-host -d 'Give the container this process\'s environment, under -e and --env-file (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l unsetenv-all -d 'Set none of the image\'s or the default variables (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l no-hosts -d 'Keep the image\'s /etc/hosts instead of making one for the container (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l oom-kill-disable -d 'Disable the OOM killer (cgroup v2 cannot: discarded with a warning)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l help -d 'Print usage'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -l detach-keys -d 'Override the key sequence for detaching a container (docker\'s notation, e.g. ctrl-p,ctrl-q)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -l sig-proxy -d 'Proxy received signals to the process (attached, without a tty)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -s f -l filter -d 'Start only the containers that match (ps\'s filters, e.g. restart-policy=always)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -s a -l attach -d 'Attach to the container\'s output and wait for it to exit'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -s i -l interactive -d 'Attach the container\'s STDIN'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -l all -d 'Start every container that is not running (podman)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from init" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from init" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from init" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from init" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from init" -s a -l all -d 'Initialize all containers that are created or stopped'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from init" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -l format -d 'With no container named, list the mounted ones as JSON' -r -f -a "json\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -s a -l all -d 'Mount all containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -l no-trunc -l notruncate -d 'Show full container ids in the list'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -s a -l all -d 'Unmount all mounted containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -s f -l force -d 'Unmount even when mounted several times (skiff mounts a container once)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -s t -l timeout -l time -d 'Seconds to wait before killing the container (-1: wait for ever)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -s s -l signal -d 'Signal to send instead of the container\'s stop signal (name or number)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l cidfile -d 'Read the container id from this file (repeat for several; with --ignore a missing file is skipped)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l filter -d 'Act on the containers that match (ps\'s filters; podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -s a -l all -d 'Stop all running containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -s i -l ignore -d 'A container that does not exist is not an error'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -s e -l env -d 'Set environment variables (KEY=VALUE, or KEY to copy it from this environment)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -l env-file -d 'Read environment variables from a file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -l detach-keys -d 'Override the key sequence for detaching from the command\'s tty (docker\'s notation, e.g. ctrl-p,ctrl-q)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -l preserve-fds -d 'Pass this many more of your descriptors, 3 to 2+N, to the process (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -s d -l detach -d 'Run the command in the background'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -s i -l interactive -d 'Keep STDIN open and connected to the command'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -l privileged -d 'Give the command all capabilities and no seccomp filter'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -s l -l latest -d 'Run in the most recently created container (podman\'s); the arguments are then the command'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from attach" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from attach" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from attach" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from attach" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from attach" -l detach-keys -d 'Override the key sequence for detaching a container (docker\'s notation, e.g. ctrl-p,ctrl-q; "" disables it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from attach" -l sig-proxy -d 'Proxy all received signals to the process (without a tty)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from attach" -l no-stdin -d 'Do not attach STDIN'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from attach" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from attach" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -s s -l signal -d 'Signal to send' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -l cidfile -d 'Read the container id from this file (repeat for several; with --ignore a missing file is skipped)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -l filter -d 'Act on the containers that match (ps\'s filters; podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -s a -l all -d 'Signal all running containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -s i -l ignore -d 'A container that does not exist is not an error'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from pause" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from pause" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from pause" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from pause" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from pause" -l cidfile -d 'Read the container id from this file (repeat for several; with --ignore a missing file is skipped)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from pause" -l filter -d 'Act on the containers that match (ps\'s filters; podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from pause" -s a -l all -d 'All running (for pause) or paused (for unpause) containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from pause" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from pause" -s i -l ignore -d 'A container that does not exist is not an error'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unpause" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unpause" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unpause" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unpause" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unpause" -l cidfile -d 'Read the container id from this file (repeat for several; with --ignore a missing file is skipped)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unpause" -l filter -d 'Act on the containers that match (ps\'s filters; podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unpause" -s a -l all -d 'All running (for pause) or paused (for unpause) containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unpause" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unpause" -s i -l ignore -d 'A container that does not exist is not an error'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -s m -l memory -d 'Memory limit (e.g. 512m, 1g)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-swap -d 'Memory plus swap limit: -1 for unlimited swap (default: twice --memory)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-reservation -d 'Memory soft limit (cgroup v2 memory.low)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l kernel-memory -d 'Kernel memory limit (cgroup v2 has none: discarded with a warning)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l cpus -d 'Number of CPUs' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -s c -l cpu-shares -d 'CPU shares (relative weight; 1024 is the default)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota, in microseconds per period' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-rt-period -d 'Limit the CPU real-time period (refused: cgroup v2 has no real-time controller)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-rt-runtime -d 'Limit the CPU real-time runtime (refused: cgroup v2 has no real-time controller)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l cpuset-mems -d 'Memory nodes in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l blkio-weight -d 'Block IO relative weight, between 10 and 1000, or 0 to disable' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l pids-limit -d 'Maximum number of processes (-1 for unlimited)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-swappiness -d 'Tune the container\'s memory swappiness (cgroup v2 has none: discarded with a warning)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l blkio-weight-device -d 'Block IO weight of a device (DEVICE:WEIGHT)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l device-read-bps -d 'Limit read rate from a device (DEVICE:RATE, e.g. /dev/sda:1mb)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l device-write-bps -d 'Limit write rate to a device (DEVICE:RATE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l device-read-iops -d 'Limit read operations per second from a device (DEVICE:RATE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l device-write-iops -d 'Limit write operations per second to a device (DEVICE:RATE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l restart -d 'Restart policy to apply when a container exits (no, on-failure[:N], always, unless-stopped)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -s t -l timeout -l time -d 'Seconds to wait before killing the container (-1: wait for ever)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -s s -l signal -d 'Signal to send instead of the container\'s stop signal (name or number)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -l cidfile -d 'Read the container id from this file (repeat for several; with --ignore a missing file is skipped)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -l filter -d 'Act on the containers that match (ps\'s filters; podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -s a -l all -d 'Restart all containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -s i -l ignore -d 'A container that does not exist is not an error'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -l running -d 'With -a, only the running containers (podman\'s; -a alone restarts every container)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l condition -d 'Wait for this state or health instead (podman\'s; repeatable or comma-separated, the first to hold ends the wait): configured, created, exited, healthy, initialized, paused, removing, running, stopped, stopping, unhealthy. -1 is printed for all but stopped and exited' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -s i -l interval -d 'How often to look at the container with --condition (podman\'s; a duration such as 250ms or 1s, milliseconds without a unit)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l cidfile -d 'Read the container id from this file (repeat for several; with --ignore a missing file is skipped)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l filter -d 'Act on the containers that match (ps\'s filters; podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -s t -l time -d 'With -f: seconds to wait for a running container to stop before it is killed' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -s f -l force -d 'Force the removal of a running container (uses SIGKILL); a missing container is not an error'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Remove anonymous volumes associated with the container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all containers (running ones need -f)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'A container that does not exist is not an error'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l link -d 'Remove a legacy link (refused: skiff has no default-bridge links; its --link is an alias on a user-defined network, gone with the container that has it)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l depend -d 'Remove the containers that join a namespace of each one first (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ps" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ps" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ps" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ps" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ps" -s n -l last -d 'Show the N last created containers (includes all states; 0 or less: no limit)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ps" -s f -l filter -d 'Filter output (status=, name=REGEX, label=, ancestor=IMAGE, id=, exited=, since=CONTAINER, before=CONTAINER, volume=, network=, expose=, publish=, health=, is-task=, pod=)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ps" -l format -d 'Format output with a Go template (\'table ...\', \'{{json .}}\')' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ps" -l sort -d 'Sort by command, created, id, image, names, runningfor or status (podman\'s; created and runningfor put the newest first, as without it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ps" -s w -l watch -d 'Print the list again every SECONDS, on a cleared screen on a terminal, until interrupted (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ps" -s a -l all -d 'Show all containers (default shows just running)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Only display container ids'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ps" -s l -l latest -d 'Show the latest created container (includes all states)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ps" -l no-trunc -d 'Don\'t truncate output'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ps" -s s -l size -d 'Display total file sizes'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ps" -l pod -d 'Show the pod of each container (POD ID and PODNAME columns)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ps" -l noheading -d 'Do not print the table\'s heading line (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ps" -l sync -d 'Sync each container\'s state with its runtime first (podman\'s): skiff always reads the state from the container\'s monitor and process, so this changes nothing'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ps" -l external -d 'Also show containers of other tools in the storage (podman\'s: buildah\'s): skiff\'s store holds only skiff\'s, so this changes nothing'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ps" -l ns -d 'Show each running container\'s PID and namespaces (podman\'s: CGROUPNS IPC MNT NET PIDNS USERNS UTS, the namespaces\' inode numbers)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -s n -l tail -d 'Number of lines to show from the end of the logs ("all" for everything)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -l since -d 'Show logs since a timestamp (RFC 3339, unix seconds) or a relative time (e.g. 42m)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -l until -d 'Show logs before a timestamp or relative time' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Follow log output until the container stops'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Show timestamps'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -l details -d 'Show extra details: the log attributes before each line (skiff records none, so, as docker without --log-opt labels/env, an empty set and its separating space)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -l names -d 'With several containers, prefix lines with the container\'s name instead of its id (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -l color -d 'With several containers, show each one\'s prefix in a color of its own (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output with a Go template' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l type -d 'Only look for this type: container, image, network, volume or pod (all: any, podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -s s -l size -d 'Add the container\'s writable layer size (SizeRw)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -s a -l all -d 'List the ports of every running container, each line after its short id (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from top" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from top" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from top" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from top" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from top" -s l -l latest -d 'Show the most recently created container\'s processes (podman\'s); the arguments are then ps options'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -l format -d 'Format output with a Go template (\'table ...\', \'json\', \'{{json .}}\')' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -s i -l interval -d 'Seconds between refreshes when streaming' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -s a -l all -d 'Show all containers (default shows just running)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-stream -d 'Disable streaming stats and only pull the first result'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-trunc -d 'Do not truncate output'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-reset -d 'Do not clear the screen between refreshes (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -s l -l latest -d 'Show the most recently created container (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cp" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cp" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cp" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cp" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cp" -s a -l archive -d 'Archive mode (copy all uid/gid information)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cp" -s L -l follow-link -d 'Always follow symbol link in SRC_PATH'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cp" -s q -l quiet -d 'Suppress progress output (skiff prints none)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cp" -l overwrite -d 'Let a directory replace a non-directory and the other way round (podman\'s; without it that is an error, as with docker)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cp" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from diff" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from diff" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from diff" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from diff" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from diff" -l format -d 'Print the changes as JSON, {"changed": [...], "added": [...], "deleted": [...]} (podman\'s; only json)' -r -f -a "json\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from diff" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to a file, instead of STDOUT' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -s a -l author -d 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -s c -l change -d 'Apply Dockerfile instruction to the created image (CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR), read as a Dockerfile line' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -s m -l message -d 'Commit message' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -s p -l pause -d 'Pause the container while its changes are read (where it has a cgroup of its own)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -l iidfile -d 'Write the new image\'s id to this file (podman\'s)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -s f -l format -d 'The image\'s manifest type: oci (the default) or docker (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -s q -l quiet -d 'Suppress output'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -s s -l squash -d 'Squash all the image\'s layers, the base image\'s too, into one (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -l include-volumes -d 'Make the container\'s volumes (-v, --mount; not tmpfs) the image\'s volumes (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from healthcheck" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from healthcheck" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from healthcheck" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from healthcheck" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from healthcheck" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from healthcheck" -f -a "run" -d 'Run a container\'s healthcheck now: exit 0 when it passes, 1 when it fails'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from healthcheck" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s n -l last -d 'Show the N last created containers (includes all states; 0 or less: no limit)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output (status=, name=REGEX, label=, ancestor=IMAGE, id=, exited=, since=CONTAINER, before=CONTAINER, volume=, network=, expose=, publish=, health=, is-task=, pod=)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l format -d 'Format output with a Go template (\'table ...\', \'{{json .}}\')' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by command, created, id, image, names, runningfor or status (podman\'s; created and runningfor put the newest first, as without it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s w -l watch -d 'Print the list again every SECONDS, on a cleared screen on a terminal, until interrupted (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all containers (default shows just running)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only display container ids'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s l -l latest -d 'Show the latest created container (includes all states)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Don\'t truncate output'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s s -l size -d 'Display total file sizes'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l pod -d 'Show the pod of each container (POD ID and PODNAME columns)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print the table\'s heading line (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l sync -d 'Sync each container\'s state with its runtime first (podman\'s): skiff always reads the state from the container\'s monitor and process, so this changes nothing'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l external -d 'Also show containers of other tools in the storage (podman\'s: buildah\'s): skiff\'s store holds only skiff\'s, so this changes nothing'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l ns -d 'Show each running container\'s PID and namespaces (podman\'s: CGROUPNS IPC MNT NET PIDNS USERNS UTS, the namespaces\' inode numbers)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exists" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exists" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exists" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exists" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exists" -l external -d 'Also look among containers of other tools in the storage (podman\'s: buildah\'s): skiff\'s store holds only skiff\'s, so this changes nothing'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l name -d 'The clone\'s name (default: the original\'s name with -clone)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l pod -d 'The pod to make the clone in' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l blkio-weight -d 'Block IO weight (10 to 1000)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l blkio-weight-device -d 'Block IO weight of a device, DEVICE:WEIGHT' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpu-period -d 'CPU CFS period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpu-quota -d 'CPU CFS quota, in microseconds per period' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpu-rt-period -d 'CPU real-time period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpu-rt-runtime -d 'CPU real-time runtime, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpus -d 'Number of CPUs' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpuset-cpus -d 'CPUs the container may run on (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpuset-mems -d 'Memory nodes the container may use' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l device-read-bps -d 'Read rate limit of a device, DEVICE:RATE' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l device-write-bps -d 'Write rate limit of a device, DEVICE:RATE' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -s m -l memory -d 'Memory limit (e.g. 512m, 1g)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l memory-reservation -d 'Memory soft limit' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l memory-swappiness -d 'How readily the container\'s memory is swapped (0 to 100)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l destroy -d 'Remove the original container once the clone is made'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -s f -l force -d 'Remove the original even when it runs (with --destroy)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l run -d 'Start the clone'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from runlabel" -s n -l name -d 'The container name NAME stands for (default: the image\'s repository\'s last part)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l tls-verify -d 'Require HTTPS and verify certificates when pulling (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l authfile -d 'The credentials file to use instead of the default ones (podman\'s; as REGISTRY_AUTH_FILE)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l cert-dir -d 'Use the certificates in this directory (*.crt CAs, a *.cert with its *.key) for the registry instead of those in certs.d' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l creds -d 'Credentials USER[:PASSWORD] for the registry instead of the stored login (the password is asked for when left out and stdin is a terminal)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l display -d 'Print the command the label would run, and run nothing'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from runlabel" -s q -l quiet -d 'Pull a missing image without progress output'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l replace -d 'Remove (force) a container already named NAME first'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from runlabel" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cleanup" -s a -l all -d 'Every stopped container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cleanup" -s l -l latest -d 'The most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l rm -d 'Also remove the container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l rmi -d 'Also remove its image when no other container uses it (implies --rm)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cleanup" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "run" -d 'Create and run a new container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a new container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start one or more stopped containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "init" -d 'Initialize one or more containers: ready to start, not started (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "mount" -d 'Mount a container\'s file system on the host and print where (podman\'s; rootless, in `skiff unshare`)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "unmount" -d 'Unmount a container\'s file system (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop one or more running containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "exec" -d 'Execute a command in a running container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "attach" -d 'Attach local standard input, output, and error streams to a running container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "kill" -d 'Kill one or more running containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "pause" -d 'Pause all processes within one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "unpause" -d 'Unpause all processes within one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "update" -d 'Update the configuration of one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "wait" -d 'Block until containers stop, then print their exit codes'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Rename a container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "ps" -d 'List containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Fetch the logs of a container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display detailed information on containers or images'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "port" -d 'List port mappings of a container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "top" -d 'Display the running processes of a container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "stats" -d 'Display a live stream of container resource usage statistics'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "cp" -d 'Copy files/folders between a container and the local filesystem'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Inspect changes to files or directories on a container\'s or image\'s filesystem'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export a container\'s filesystem as a tar archive'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "healthcheck" -d 'Manage healthchecks of containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove all stopped containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check if a container exists'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "clone" -d 'Create a copy of a container, with other limits, name, pod or image (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "runlabel" -d 'Run the command an image\'s label describes (podman\'s; trusted images only)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "cleanup" -d 'Clean up the network and mounts of stopped containers (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm exists prune export import mount unmount help" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm exists prune export import mount unmount help" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm exists prune export import mount unmount help" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm exists prune export import mount unmount help" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm exists prune export import mount unmount help" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm exists prune export import mount unmount help" -f -a "create" -d 'Create a volume'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm exists prune export import mount unmount help" -f -a "ls" -d 'List volumes'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm exists prune export import mount unmount help" -f -a "inspect" -d 'Display detailed information on volumes'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm exists prune export import mount unmount help" -f -a "rm" -d 'Remove one or more volumes'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm exists prune export import mount unmount help" -f -a "exists" -d 'Check whether a volume exists (exit 0 if it does, 1 if not)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm exists prune export import mount unmount help" -f -a "prune" -d 'Remove unused volumes: the anonymous ones, every one with -a (docker\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm exists prune export import mount unmount help" -f -a "export" -d 'Export a volume\'s contents to a tar archive (podman)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm exists prune export import mount unmount help" -f -a "import" -d 'Import a tar archive into a volume (podman)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm exists prune export import mount unmount help" -f -a "mount" -d 'Print where a volume\'s files are on the host (podman\'s `volume mount`)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm exists prune export import mount unmount help" -f -a "unmount" -d 'Release a volume `volume mount` showed (podman\'s; a local volume stays where it is)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm exists prune export import mount unmount help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -s d -l driver -d 'Volume driver (only "local")' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -s l -l label -d 'Set metadata (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -s o -l opt -d 'Driver options (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l ignore -d 'Do not fail when the volume exists: print its name (podman\'s; the default, as docker\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output (name=, label=, dangling=true|false, driver=)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l format -d 'Format output with a Go template' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only display volume names'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print the heading line (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output with a Go template' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s a -l all -d 'Inspect every volume (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -s t -l time -d 'With -f: seconds to wait for a running container using it to stop before it is killed' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -s f -l force -d 'Also remove the containers using the volume'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove every volume (podman\'s; -f also removes the containers using them)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from exists" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from exists" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from exists" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from exists" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values: label=KEY[=VALUE], label!=KEY[=VALUE], all=true (as -a)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused volumes, not just anonymous ones'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to a file, instead of STDOUT' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from export" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from export" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from export" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from export" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from import" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from import" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from import" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from import" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from mount" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from mount" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from mount" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from mount" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from mount" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from unmount" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a volume'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List volumes'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display detailed information on volumes'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more volumes'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check whether a volume exists (exit 0 if it does, 1 if not)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove unused volumes: the anonymous ones, every one with -a (docker\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export a volume\'s contents to a tar archive (podman)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import a tar archive into a volume (podman)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "mount" -d 'Print where a volume\'s files are on the host (podman\'s `volume mount`)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "unmount" -d 'Release a volume `volume mount` showed (podman\'s; a local volume stays where it is)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists help" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists help" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists help" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists help" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists help" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists help" -f -a "create" -d 'Create a network'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists help" -f -a "ls" -d 'List networks'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists help" -f -a "inspect" -d 'Display detailed information on one or more networks'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists help" -f -a "rm" -d 'Remove one or more networks'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists help" -f -a "prune" -d 'Remove all unused networks'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists help" -f -a "connect" -d 'Connect a container to a network'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists help" -f -a "disconnect" -d 'Disconnect a container from a network'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists help" -f -a "exists" -d 'Check whether a network exists (exit 0 if it does, 1 if not)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -s d -l driver -d 'Driver to manage the network (only "bridge")' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l subnet -d 'Subnet in CIDR format (e.g. 10.89.5.0/24); give it again for IPv6 (e.g. fd00:5::/64)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l gateway -d 'Gateway for the subnet of its family (IPv4 or IPv6)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l ip-range -d 'Allocate container IPs from a part of the IPv4 subnet (CIDR, or FIRST-LAST)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -s l -l label -d 'Set metadata on the network (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -s o -l opt -d 'Driver specific options (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l ipv4 -d 'Enable IPv4 address assignment (always: false is refused)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l ipam-driver -d 'IP Address Management driver (only "default")' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l aux-address -d 'An address of the subnet no container gets, NAME=IP (docker\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l ipam-opt -d 'An IPAM driver option, KEY=VALUE (docker\'s; recorded)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l scope -d 'Control the network\'s scope (only "local")' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l internal -d 'Restrict external access to the network'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l ipv6 -d 'Enable IPv6 networking (a unique local /64 when no IPv6 subnet is given)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l ignore -d 'Do not fail when the network exists (podman)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l attachable -d 'Let containers join the network with `network connect` (always true here)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Provide filter values (driver=, id=, label=, name=, scope=, type=custom|builtin, dangling=)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l format -d 'Format output with a Go template' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only display network IDs'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print the heading line (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate the output'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output with a Go template' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -s t -l time -d 'With -f: seconds to wait for a running container using it to stop before it is killed' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -s f -l force -d 'Do not error if the network does not exist; remove the containers using it'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l alias -d 'Add a network-scoped alias for the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l ip -d 'IPv4 address' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l ip6 -d 'IPv6 address (on a network created with --ipv6)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l mac-address -d 'The interface\'s MAC address on the network (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s f -l force -d 'Succeed when the container is not connected to the network'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a network'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List networks'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display detailed information on one or more networks'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more networks'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove all unused networks'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "connect" -d 'Connect a container to a network'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "disconnect" -d 'Disconnect a container from a network'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check whether a network exists (exit 0 if it does, 1 if not)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm exists top logs stats prune help" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm exists top logs stats prune help" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm exists top logs stats prune help" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm exists top logs stats prune help" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm exists top logs stats prune help" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm exists top logs stats prune help" -f -a "create" -d 'Create a new empty pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm exists top logs stats prune help" -f -a "ps" -d 'List pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm exists top logs stats prune help" -f -a "inspect" -d 'Display a pod\'s configuration'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm exists top logs stats prune help" -f -a "start" -d 'Start one or more pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm exists top logs stats prune help" -f -a "stop" -d 'Stop one or more pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm exists top logs stats prune help" -f -a "restart" -d 'Restart one or more pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm exists top logs stats prune help" -f -a "kill" -d 'Send the specified signal or SIGKILL to containers in pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm exists top logs stats prune help" -f -a "pause" -d 'Pause one or more pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm exists top logs stats prune help" -f -a "unpause" -d 'Unpause one or more pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm exists top logs stats prune help" -f -a "rm" -d 'Remove one or more pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm exists top logs stats prune help" -f -a "exists" -d 'Check if a pod exists (exit code 0 or 1)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm exists top logs stats prune help" -f -a "top" -d 'Display the running processes of containers in a pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm exists top logs stats prune help" -f -a "logs" -d 'Fetch logs for pod with one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm exists top logs stats prune help" -f -a "stats" -d 'Display a live stream of resource usage statistics for the containers in pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm exists top logs stats prune help" -f -a "prune" -d 'Remove all stopped pods and their containers'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm exists top logs stats prune help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -s n -l name -d 'Name of the pod (random when omitted)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -s p -l publish -d 'Publish a port of the pod to the host (HOST:CONTAINER[/PROTO])' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -s l -l label -d 'Set metadata on the pod (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l hostname -d 'Host name of the pod\'s containers (the pod\'s name by default)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra -d 'Create an infra container holding the pod\'s shared namespaces' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l share -d 'Namespaces the pod\'s containers share: a comma list of ipc, net, pid, uts (or none); +NS adds to the default ipc,net,uts' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l network -d 'Network of the pod (its infra container\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l add-host -d 'Add a custom host-to-IP mapping to the pod (HOST:IP)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l dns -d 'Set a custom DNS server for the pod' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l replace -d 'Replace a pod with the same name (removing its containers)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l userns -d 'User namespace of the pod\'s containers (as run --userns)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -s v -l volume -d 'Bind mount a host path or a named volume into every container of the pod (SRC:DST[:ro]; podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l volumes-from -d 'Mount the volumes of another container into every container of the pod (CONTAINER[:ro|rw]; podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l label-file -d 'Read labels from a file of KEY=VALUE lines (podman\'s)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l device -d 'Add a host device to the pod\'s containers (HOST[:CONTAINER][:PERMISSIONS]; podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l security-opt -d 'Security options of the pod\'s containers (as run --security-opt; podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l pid -d 'PID namespace of the pod (host, or private by default; its containers\' when it shares pid)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l uts -d 'UTS namespace of the pod (host, or private by default; its containers\' when it shares uts)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l uidmap -d 'User namespace mapping of the pod\'s containers (CONTAINER:HOST:SIZE; podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l gidmap -d 'Group mapping of the pod\'s user namespace (CONTAINER:HOST:SIZE; podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l subuidname -d 'The pod\'s user namespace maps the uids /etc/subuid grants NAME (root; podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l subgidname -d 'The pod\'s user namespace maps the gids /etc/subgid grants NAME (root; podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l pod-id-file -d 'Write the pod\'s id to this file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-conmon-pidfile -d 'Write the pid of the infra container\'s monitor to this file at each start' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-name -d 'Name of the infra container (ID-infra by default)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l dns-search -d 'Set a custom DNS search domain for the pod' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l dns-option -d 'Set a DNS option for the pod' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l network-alias -d 'Add a network-scoped alias for the pod' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l ip -d 'The pod\'s IPv4 address on its network' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l ip6 -d 'The pod\'s IPv6 address on its network (one created with --ipv6)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l mac-address -d 'The pod\'s MAC address on its network' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l shm-size -d 'Size of the pod\'s /dev/shm (with a unit: b, k, m or g)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l sysctl -d 'Namespaced kernel parameters of the pod (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-image -d 'Image the infra container runs (pulled when missing) instead of skiff\'s pause process' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-command -d 'The infra container\'s command: words, or a JSON array (default: the pause process, or the infra image\'s entrypoint and command)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l exit-policy -d 'What happens when the pod\'s last container exits: continue (the pod keeps running) or stop (the pod stops)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l no-hosts -d 'Keep the infra image\'s /etc/hosts instead of making one'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l format -d 'Pretty-print pods with a Go template (or json)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -s f -l filter -d 'Filter output (name=, id=, label=, status=, ctr-names=, ctr-ids=, ctr-status=, ctr-number=, network=, until=)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l sort -d 'Sort by created (the default, newest first), id, name, number (of containers) or status (podman\'s)' -r -f -a "created\t''
id\t''
name\t''
number\t''
status\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Print only the pod ids'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l no-trunc -d 'Do not truncate the ids'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l ctr-names -d 'Show the names of the containers in each pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l ctr-ids -d 'Show the ids of the containers in each pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l ctr-status -d 'Show the status of the containers in each pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l noheading -d 'Do not print the table\'s heading line'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -s l -l latest -d 'Show only the most recently created pod (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output with a Go template' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s l -l latest -d 'Inspect the most recently created pod (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -l pod-id-file -d 'Act on the pod whose id this file holds (repeatable)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -s a -l all -d 'Act on all pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -s l -l latest -d 'Act on the most recently created pod (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -s t -l time -d 'Seconds to wait for each container to stop before killing it' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -l pod-id-file -d 'Act on the pod whose id this file holds (repeatable)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -s i -l ignore -d 'Do not fail for a pod that does not exist (or a --pod-id-file that is missing)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -s a -l all -d 'Act on all pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -s l -l latest -d 'Act on the most recently created pod (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from restart" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from restart" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from restart" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from restart" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from restart" -s a -l all -d 'Act on all pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from restart" -s l -l latest -d 'Act on the most recently created pod (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -s s -l signal -d 'Signal to send (name or number)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -s a -l all -d 'Act on all pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -s l -l latest -d 'Act on the most recently created pod (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from pause" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from pause" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from pause" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from pause" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from pause" -s a -l all -d 'Act on all pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from pause" -s l -l latest -d 'Act on the most recently created pod (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from unpause" -s a -l all -d 'Act on all pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from unpause" -s l -l latest -d 'Act on the most recently created pod (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait for each container to stop before killing it (with -f)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -l pod-id-file -d 'Act on the pod whose id this file holds (repeatable)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -s f -l force -d 'Stop the pod\'s running containers first, then remove them; a pod that does not exist is no error'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Do not fail for a pod that does not exist'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -s a -l all -d 'Act on all pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -s l -l latest -d 'Act on the most recently created pod (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from exists" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from exists" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from exists" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from exists" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from top" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from top" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from top" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from top" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from top" -s l -l latest -d 'Show the processes of the most recently created pod (podman\'s); the arguments are then ps options'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -s c -l container -d 'Filter logs by container name or id which belongs to pod' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l since -d 'Show logs since a timestamp (RFC 3339, unix seconds) or a relative time (e.g. 42m)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l until -d 'Show logs before a timestamp or relative time' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l tail -d 'Number of lines to show from the end of each container\'s log ("all" for everything)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Follow log output until every container stops'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -s n -l names -d 'Output container names instead of container IDs in the log'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l color -d 'Output the containers within a pod with different colors in the log'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Output the timestamps in the log'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -s l -l latest -d 'Show the logs of the most recently created pod (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -l format -d 'Format output with a Go template (\'table ...\', \'json\', \'{{json .}}\')' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -s i -l interval -d 'Seconds between refreshes when streaming' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -s a -l all -d 'Show the stats of every pod (default: the running ones, or those named)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -l no-stream -d 'Disable streaming stats and only pull the first result'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -l no-trunc -d 'Do not truncate output'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -l no-reset -d 'Do not clear the screen between refreshes (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -s l -l latest -d 'Show the stats of the most recently created pod (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from prune" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from prune" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from prune" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from prune" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a new empty pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "ps" -d 'List pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display a pod\'s configuration'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start one or more pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop one or more pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart one or more pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "kill" -d 'Send the specified signal or SIGKILL to containers in pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "pause" -d 'Pause one or more pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "unpause" -d 'Unpause one or more pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check if a pod exists (exit code 0 or 1)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "top" -d 'Display the running processes of containers in a pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Fetch logs for pod with one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "stats" -d 'Display a live stream of resource usage statistics for the containers in pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove all stopped pods and their containers'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists help" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists help" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists help" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists help" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists help" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists help" -f -a "create" -d 'Create a secret from a file, or from standard input with -'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists help" -f -a "ls" -d 'List secrets'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists help" -f -a "inspect" -d 'Display detailed information on secrets'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists help" -f -a "rm" -d 'Remove one or more secrets'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists help" -f -a "exists" -d 'Check whether a secret exists (exit 0 if it does, 1 if not)'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -s d -l driver -d 'Secret driver (only "file")' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -s l -l label -d 'Set metadata (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -l env -d 'Read the secret\'s data from the environment variable named by the second argument'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -l replace -d 'Replace the data and labels of a secret of the same name'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output (name=, id=)' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -l format -d 'Format output with a Go template' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only display secret IDs'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print headers'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output with a Go template' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l showsecret -d 'Also show the secret\'s data (SecretData)'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l pretty -d 'Print each secret in podman\'s human-readable form'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from rm" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from rm" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from rm" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from rm" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove every secret'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Do not fail for a secret that does not exist'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from exists" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from exists" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from exists" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from exists" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a secret from a file, or from standard input with -'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List secrets'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display detailed information on secrets'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more secrets'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check whether a secret exists (exit 0 if it does, 1 if not)'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand build" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand build" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand build" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand build" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand build" -l authfile -d 'The credentials file to use instead of the default ones (podman\'s; as REGISTRY_AUTH_FILE)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand build" -l retry -d 'Retry a failed registry request this many times (default 3)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l retry-delay -d 'Wait this long between retries, e.g. 2s (default: 0.1s, then 0.4s, then 1.6s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cert-dir -d 'Use the certificates in this directory (*.crt CAs, a *.cert with its *.key) for the registry instead of those in certs.d' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand build" -l creds -d 'Credentials USER[:PASSWORD] for the registry instead of the stored login (the password is asked for when left out and stdin is a terminal)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -s t -l tag -d 'Name and optionally a tag for the image (NAME[:TAG]); repeatable' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -s f -l file -d 'The Containerfile/Dockerfile (default: CONTEXT/Containerfile, else CONTEXT/Dockerfile); - reads it from STDIN' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l target -d 'Build the stage of this name (default: the last)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l build-arg -d 'Set a build-time variable (NAME=VALUE, or NAME to take it from the environment)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l label -d 'Set a label on the image (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l pull -d 'Pull FROM images: always (bare --pull), missing (the default), newer or never' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l secret -d 'A secret for RUN --mount=type=secret: id=ID,src=FILE (or env=VAR)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l ssh -d 'An SSH agent for RUN --mount=type=ssh: default (your $SSH_AUTH_SOCK), or ID=SOCKET' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l network -d 'Network for RUN steps (default: the default network; none, host)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l iidfile -d 'Write the image id (sha256:...) to this file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand build" -l platform -d 'Platform of FROM images without one (os/arch[/variant])' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l builder -d 'The builder instance to build with (docker\'s; skiff has one: default)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l tls-verify -d 'Require HTTPS and verify certificates when pulling' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand build" -l progress -d 'Output style: auto, plain, tty or quiet (quiet is -q)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l rm -d 'Remove intermediate containers after a build (always done; accepted for docker)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand build" -l force-rm -d 'Remove intermediate containers even after a failed build (always done; accepted for docker)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand build" -l layers -d 'Keep a cached image for each step (always done; accepted for podman)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cache-from -d 'A registry repository whose REPO:KEY images serve steps missing from the local cache (also buildx\'s type=registry,ref=REPO)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cache-to -d 'A registry repository to push every step\'s image to as REPO:KEY (also buildx\'s type=registry,ref=REPO)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -s o -l output -d 'Where the result goes besides the local store (buildx\'s): type=docker|image|registry|oci|tar|local[,dest=PATH][,push=true], a directory, or - for a tar of its files on STDOUT' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l provenance -d 'Provenance attestation (buildx\'s): skiff\'s builds make none; a value other than false is ignored with a warning' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l sbom -d 'SBOM attestation (buildx\'s): skiff\'s builds make none; a value other than false is ignored with a warning' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l add-host -d 'Add a custom host-to-IP mapping (HOST:IP) to the /etc/hosts of RUN steps' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l shm-size -d 'Size of /dev/shm in RUN steps (e.g. 64m)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l ulimit -d 'Ulimit options of RUN steps (NAME=SOFT[:HARD])' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l security-opt -d 'Security options of RUN steps (as run\'s --security-opt)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -s m -l memory -d 'Memory limit (e.g. 512m, 1g)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l memory-swap -d 'Memory plus swap limit: -1 for unlimited swap (default: twice --memory)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l memory-reservation -d 'Memory soft limit (cgroup v2 memory.low)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l kernel-memory -d 'Kernel memory limit (cgroup v2 has none: discarded with a warning)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cpus -d 'Number of CPUs' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -s c -l cpu-shares -d 'CPU shares (relative weight; 1024 is the default)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota, in microseconds per period' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cpu-rt-period -d 'Limit the CPU real-time period (refused: cgroup v2 has no real-time controller)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cpu-rt-runtime -d 'Limit the CPU real-time runtime (refused: cgroup v2 has no real-time controller)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cpuset-mems -d 'Memory nodes in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l blkio-weight -d 'Block IO relative weight, between 10 and 1000, or 0 to disable' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l pids-limit -d 'Maximum number of processes (-1 for unlimited)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cgroup-parent -d 'Cgroup to put RUN steps in (as run\'s --cgroup-parent)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l isolation -d 'Isolation technology (only "default" on Linux)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l disable-content-trust -d 'Skip image verification (the default; false is refused: no Notary support)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cap-add -d 'Add a capability to RUN steps (podman\'s; as run\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cap-drop -d 'Drop a capability from RUN steps (podman\'s; as run\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l dns -d 'DNS server for RUN steps (podman\'s; as run\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l dns-search -d 'DNS search domain for RUN steps (podman\'s; as run\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l dns-option -d 'DNS resolver option for RUN steps (podman\'s; as run\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -s v -l volume -d 'Bind mount a volume into RUN steps: SRC:DST[:OPTS] (podman\'s; as run\'s; never in a layer)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l device -d 'Add a host device to RUN steps: HOST[:CONTAINER[:PERMS]] (podman\'s; as run\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l http-proxy -d 'Pass this process\'s proxy variables to RUN steps, never to the image (podman\'s)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand build" -l pid -d 'PID namespace of RUN steps: host, or private (each step\'s own, the default) (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l ipc -d 'IPC namespace of RUN steps: host, or private (the default) (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l uts -d 'UTS namespace of RUN steps: host, or private (the default) (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cgroupns -d 'Cgroup namespace of RUN steps: host, or private (the default) (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l arch -d 'Use this architecture instead of the host\'s (podman\'s; --platform in parts)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l os -d 'Use this operating system instead of the host\'s (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l variant -d 'Use this architecture variant (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l from -d 'Use this image for the first FROM instead of the one it names (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l os-version -d 'The result\'s required OS version (os.version), instead of the base image\'s (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l os-feature -d 'A required OS feature (os.features) added to the base image\'s; FEATURE- takes one off (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l manifest -d 'Add the image to this manifest list, made first when there is none (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l build-context -d 'An additional build context, NAME=DIRECTORY or NAME=docker-image://IMAGE, that FROM NAME, COPY --from=NAME and RUN --mount=from=NAME use instead of a stage or image of that name' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l ignorefile -d 'Read this ignore file instead of the context\'s .containerignore or .dockerignore (podman\'s; docker reads DOCKERFILE.dockerignore beside a -f DOCKERFILE)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand build" -l skip-unused-stages -d 'Build only the stages the target needs (podman\'s; false builds every stage before it)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand build" -l annotation -d 'Add an annotation to the image\'s manifest, KEY=VALUE (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l timestamp -d 'Set the image\'s creation time and every file\'s modification time in its layers to this, in seconds since the epoch, for reproducible builds (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cache-ttl -d 'Reuse only cached steps made within this duration, e.g. 1h30m (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l format -d 'The image\'s manifest type: oci (the default) or docker (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l env -d 'Give every stage this variable from its FROM on, and the image (podman\'s; NAME alone takes it from the environment)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l unsetenv -d 'Leave this variable out of the image (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l logfile -d 'Write the build\'s output to this file instead of stdout (podman\'s)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand build" -l jobs -d 'How many stages to build at once (podman\'s; skiff builds them one after the other, which every value allows)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l identity-label -d 'Add buildah\'s io.buildah.version label (podman\'s): skiff never adds it, so every image is as with false' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand build" -l no-cache -d 'Do not use the cache: run every step'
complete -c skiff -n "__fish_skiff_using_subcommand build" -s q -l quiet -d 'Print only the image id (sha256:...)'
complete -c skiff -n "__fish_skiff_using_subcommand build" -l push -d 'Push every -t name after the build (buildx\'s; --output type=registry)'
complete -c skiff -n "__fish_skiff_using_subcommand build" -l load -d 'Keep the result in the local store (buildx\'s; always done)'
complete -c skiff -n "__fish_skiff_using_subcommand build" -l compress -d 'Compress the build context (accepted for docker: skiff reads the context in place)'
complete -c skiff -n "__fish_skiff_using_subcommand build" -l no-hosts -d 'Leave the image\'s /etc/hosts alone in RUN steps (podman\'s; as run\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand build" -l omit-history -d 'Leave the history out of the image (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand build" -l squash -d 'Squash the layers the build makes into one, over the base image\'s (podman\'s; docker\'s experimental one)'
complete -c skiff -n "__fish_skiff_using_subcommand build" -l squash-all -d 'Squash all the image\'s layers, the base image\'s too, into one (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand build" -s D -l disable-compression -d 'Do not compress layers (podman\'s; skiff stores layers uncompressed and compresses them when it pushes)'
complete -c skiff -n "__fish_skiff_using_subcommand build" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l platform -d 'Pull the image for this platform (os/arch[/variant]) instead of the host\'s' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified certificates)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l disable-content-trust -d 'Skip image verification: the default, as skiff verifies no signatures (false is refused)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l arch -d 'Use this architecture instead of the host\'s (podman\'s; --platform in parts)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l os -d 'Use this operating system instead of the host\'s (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l variant -d 'Use this architecture variant (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l authfile -d 'The credentials file to use instead of the default ones (podman\'s; as REGISTRY_AUTH_FILE)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l retry -d 'Retry a failed registry request this many times (default 3)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l retry-delay -d 'Wait this long between retries, e.g. 2s (default: 0.1s, then 0.4s, then 1.6s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l cert-dir -d 'Use the certificates in this directory (*.crt CAs, a *.cert with its *.key) for the registry instead of those in certs.d' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l creds -d 'Credentials USER[:PASSWORD] for the registry instead of the stored login (the password is asked for when left out and stdin is a terminal)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -s q -l quiet -d 'Print only the image id'
complete -c skiff -n "__fish_skiff_using_subcommand pull" -s a -l all-tags -d 'Pull every tagged image of the repository'
complete -c skiff -n "__fish_skiff_using_subcommand pull" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand push" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand push" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand push" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand push" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand push" -l authfile -d 'The credentials file to use instead of the default ones (podman\'s; as REGISTRY_AUTH_FILE)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand push" -l retry -d 'Retry a failed registry request this many times (default 3)' -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -l retry-delay -d 'Wait this long between retries, e.g. 2s (default: 0.1s, then 0.4s, then 1.6s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -l cert-dir -d 'Use the certificates in this directory (*.crt CAs, a *.cert with its *.key) for the registry instead of those in certs.d' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand push" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and any certificate)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand push" -s f -l format -d 'Manifest format: oci, or v2s2 (docker\'s); the stored image\'s when omitted' -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -l compression-format -d 'Layer compression: gzip or zstd; each layer is pushed as stored when omitted' -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -l digestfile -d 'Write the pushed manifest\'s digest to this file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand push" -l creds -d 'Credentials USER[:PASSWORD] for the registry instead of the stored login (the password is asked for when left out and stdin is a terminal)' -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -l disable-content-trust -d 'Skip image signing: the default, as skiff signs no images (false is refused)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand push" -l sign-by -d 'Sign the pushed image with this GPG key (podman\'s; refused: skiff signs no images)' -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -l sign-by-sigstore-private-key -d 'Sign with this sigstore private key (podman\'s; refused: skiff signs no images)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand push" -l sign-passphrase-file -d 'The signing key\'s passphrase file (podman\'s; refused with the signing flags)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand push" -l platform -d 'Only this platform (os/arch[/variant]): an image of another is an error (docker\'s; skiff keeps one platform per image)' -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -s a -l all-tags -d 'Push every tagged image of IMAGE\'s repository'
complete -c skiff -n "__fish_skiff_using_subcommand push" -s q -l quiet -d 'Print only the pushed reference'
complete -c skiff -n "__fish_skiff_using_subcommand push" -l force-compression -d 'Recompress layers stored in another compression than --compression-format (always done; accepted for podman\'s scripts)'
complete -c skiff -n "__fish_skiff_using_subcommand push" -l remove-signatures -d 'Discard the image\'s signatures: skiff stores none, so none is ever pushed (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand push" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand images" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand images" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand images" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand images" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand images" -s f -l filter -d 'Filter output (dangling=true|false, reference=PATTERN, label=KEY[=VALUE], before=IMAGE, since=IMAGE, until=TIME)' -r
complete -c skiff -n "__fish_skiff_using_subcommand images" -l format -d 'Format output with a Go template, or `json`' -r
complete -c skiff -n "__fish_skiff_using_subcommand images" -l sort -d 'Sort by created (the newest first, as without it), id, repository, size or tag (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand images" -s a -l all -d 'Show all images (the intermediate images of builds included)'
complete -c skiff -n "__fish_skiff_using_subcommand images" -s q -l quiet -d 'Only show image IDs'
complete -c skiff -n "__fish_skiff_using_subcommand images" -l history -d 'Show each image\'s name history: every name it was given, the latest first (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand images" -l digests -d 'Show digests'
complete -c skiff -n "__fish_skiff_using_subcommand images" -l no-trunc -d 'Don\'t truncate output'
complete -c skiff -n "__fish_skiff_using_subcommand images" -s n -l noheading -d 'Do not print the table\'s heading line (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand images" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand tag" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand untag" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand untag" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand untag" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand untag" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand untag" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand save" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand save" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand save" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand save" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand save" -s o -l output -d 'Write to a file (or, for oci-dir, a directory; `oci:DIR` implies oci-dir) instead of STDOUT' -r
complete -c skiff -n "__fish_skiff_using_subcommand save" -l format -d 'Archive format' -r -f -a "docker-archive\t'What `docker save` writes'
oci-archive\t'An OCI image layout in a tar'
oci-dir\t'An OCI image layout directory (-o DIR)'"
complete -c skiff -n "__fish_skiff_using_subcommand save" -l platform -d 'Only this platform (os/arch[/variant]): an image of another is an error (docker\'s; skiff keeps one platform per image)' -r
complete -c skiff -n "__fish_skiff_using_subcommand save" -s q -l quiet -d 'Suppress the output (podman\'s; save prints nothing but the archive)'
complete -c skiff -n "__fish_skiff_using_subcommand save" -s m -l multi-image-archive -d 'Put every image named in the archive (podman\'s; skiff\'s archives always do, as docker\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand save" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand load" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand load" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand load" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand load" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand load" -s i -l input -d 'Read from a tar archive file, an OCI layout directory, or oci:DIR[:REF], instead of STDIN' -r
complete -c skiff -n "__fish_skiff_using_subcommand load" -s q -l quiet -d 'Suppress the load output (skiff prints no progress; the loaded names are still printed, as docker\'s and podman\'s `-q` do)'
complete -c skiff -n "__fish_skiff_using_subcommand load" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand import" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand import" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand import" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand import" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand import" -s c -l change -d 'Apply Dockerfile instruction to the created image (CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR), read as a Dockerfile line' -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -s m -l message -d 'Set commit message for imported image' -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -l platform -d 'The platform (os/arch[/variant]) the image\'s configuration names, instead of the host\'s' -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -l arch -d 'Use this architecture instead of the host\'s (podman\'s; --platform in parts)' -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -l os -d 'Use this operating system instead of the host\'s (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -l variant -d 'Use this architecture variant (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -s q -l quiet -d 'Suppress output'
complete -c skiff -n "__fish_skiff_using_subcommand import" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l platform -d 'Remove the image only if it is of this platform (os/arch[/variant]): skiff stores one platform of each image' -r
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -s f -l force -d 'Force removal of the image (all its names; untag only when a container uses it); a missing image is not an error'
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l no-prune -d 'Do not delete untagged parents'
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -s a -l all -d 'Remove all images (podman\'s; with -f, untag the ones containers use)'
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -s i -l ignore -d 'A missing image is no error (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand history" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand history" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand history" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand history" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand history" -s H -l human -d 'Print sizes and dates in human readable format' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand history" -l format -d 'Format output with a Go template, or `json`' -r
complete -c skiff -n "__fish_skiff_using_subcommand history" -l platform -d 'Only this platform (os/arch[/variant]): an image of another is an error (docker\'s; skiff keeps one platform per image)' -r
complete -c skiff -n "__fish_skiff_using_subcommand history" -l no-trunc -d 'Don\'t truncate output'
complete -c skiff -n "__fish_skiff_using_subcommand history" -s q -l quiet -d 'Only show image IDs'
complete -c skiff -n "__fish_skiff_using_subcommand history" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand login" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand login" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand login" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand login" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand login" -s u -l username -d 'Username' -r
complete -c skiff -n "__fish_skiff_using_subcommand login" -s p -l password -d 'Password (visible to other users in the process list; prefer --password-stdin)' -r
complete -c skiff -n "__fish_skiff_using_subcommand login" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand login" -l authfile -d 'The credentials file to use instead of the default ones (podman\'s; as REGISTRY_AUTH_FILE)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand login" -l cert-dir -d 'Use the certificates in this directory (*.crt CAs, a *.cert with its *.key) for the registry instead of those in certs.d' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand login" -l password-stdin -d 'Take the password from stdin'
complete -c skiff -n "__fish_skiff_using_subcommand login" -l get-login -d 'Print the user name stored for the registry, or fail when there is none (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand login" -s v -l verbose -d 'Also print where the credentials were stored (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand login" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l authfile -d 'The credentials file to use instead of the default ones (podman\'s; as REGISTRY_AUTH_FILE)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand logout" -s a -l all -d 'Remove the credentials of every registry'
complete -c skiff -n "__fish_skiff_using_subcommand logout" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand search" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand search" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand search" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand search" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand search" -s f -l filter -d 'Filter output (stars=N, is-official=true|false, is-automated=true|false)' -r
complete -c skiff -n "__fish_skiff_using_subcommand search" -l format -d 'Format output with a Go template, or `json`' -r
complete -c skiff -n "__fish_skiff_using_subcommand search" -l limit -d 'Most results per registry (1-100)' -r
complete -c skiff -n "__fish_skiff_using_subcommand search" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified certificates)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand search" -l authfile -d 'The credentials file to use instead of the default ones (podman\'s; as REGISTRY_AUTH_FILE)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand search" -l no-trunc -d 'Don\'t truncate output'
complete -c skiff -n "__fish_skiff_using_subcommand search" -l compatible -d 'Also show the AUTOMATED column (podman\'s docker-compatible columns)'
complete -c skiff -n "__fish_skiff_using_subcommand search" -l list-tags -d 'List the tags of the named repository instead of searching'
complete -c skiff -n "__fish_skiff_using_subcommand search" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -f -a "pull" -d 'Pull an image from a registry'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -f -a "push" -d 'Push an image to a registry'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -f -a "ls" -d 'List images'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -f -a "tag" -d 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -f -a "untag" -d 'Remove names from a local image, which stays (podman)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -f -a "save" -d 'Save one or more images to a tar archive (streamed to STDOUT by default)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -f -a "load" -d 'Load an image from a tar archive or STDIN'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -f -a "import" -d 'Import the contents from a tarball to create a filesystem image'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -f -a "rm" -d 'Remove one or more images'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -f -a "prune" -d 'Remove unused images'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -f -a "history" -d 'Show the history of an image'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -f -a "inspect" -d 'Display detailed information on one or more images'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -f -a "exists" -d 'Check if an image exists (exit code 0 or 1)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -f -a "diff" -d 'Inspect changes to an image\'s filesystem (its top layer, or against another image)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -f -a "search" -d 'Search registries for images, or list a repository\'s tags'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -f -a "mount" -d 'Mount an image\'s file system read-only and print where (podman\'s; rootless, inside `skiff unshare`)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -f -a "unmount" -d 'Unmount an image\'s file system (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -f -a "tree" -d 'Show an image\'s layers, or what other images stack on it, as a tree (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from build pull push ls tag untag save load import rm prune history inspect exists diff search mount unmount tree help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l authfile -d 'The credentials file to use instead of the default ones (podman\'s; as REGISTRY_AUTH_FILE)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l retry -d 'Retry a failed registry request this many times (default 3)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l retry-delay -d 'Wait this long between retries, e.g. 2s (default: 0.1s, then 0.4s, then 1.6s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cert-dir -d 'Use the certificates in this directory (*.crt CAs, a *.cert with its *.key) for the registry instead of those in certs.d' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l creds -d 'Credentials USER[:PASSWORD] for the registry instead of the stored login (the password is asked for when left out and stdin is a terminal)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -s t -l tag -d 'Name and optionally a tag for the image (NAME[:TAG]); repeatable' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -s f -l file -d 'The Containerfile/Dockerfile (default: CONTEXT/Containerfile, else CONTEXT/Dockerfile); - reads it from STDIN' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l target -d 'Build the stage of this name (default: the last)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg -d 'Set a build-time variable (NAME=VALUE, or NAME to take it from the environment)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l label -d 'Set a label on the image (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l pull -d 'Pull FROM images: always (bare --pull), missing (the default), newer or never' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l secret -d 'A secret for RUN --mount=type=secret: id=ID,src=FILE (or env=VAR)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l ssh -d 'An SSH agent for RUN --mount=type=ssh: default (your $SSH_AUTH_SOCK), or ID=SOCKET' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l network -d 'Network for RUN steps (default: the default network; none, host)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l iidfile -d 'Write the image id (sha256:...) to this file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l platform -d 'Platform of FROM images without one (os/arch[/variant])' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l builder -d 'The builder instance to build with (docker\'s; skiff has one: default)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l tls-verify -d 'Require HTTPS and verify certificates when pulling' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l progress -d 'Output style: auto, plain, tty or quiet (quiet is -q)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l rm -d 'Remove intermediate containers after a build (always done; accepted for docker)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l force-rm -d 'Remove intermediate containers even after a failed build (always done; accepted for docker)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l layers -d 'Keep a cached image for each step (always done; accepted for podman)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cache-from -d 'A registry repository whose REPO:KEY images serve steps missing from the local cache (also buildx\'s type=registry,ref=REPO)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cache-to -d 'A registry repository to push every step\'s image to as REPO:KEY (also buildx\'s type=registry,ref=REPO)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -s o -l output -d 'Where the result goes besides the local store (buildx\'s): type=docker|image|registry|oci|tar|local[,dest=PATH][,push=true], a directory, or - for a tar of its files on STDOUT' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l provenance -d 'Provenance attestation (buildx\'s): skiff\'s builds make none; a value other than false is ignored with a warning' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l sbom -d 'SBOM attestation (buildx\'s): skiff\'s builds make none; a value other than false is ignored with a warning' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l add-host -d 'Add a custom host-to-IP mapping (HOST:IP) to the /etc/hosts of RUN steps' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l shm-size -d 'Size of /dev/shm in RUN steps (e.g. 64m)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l ulimit -d 'Ulimit options of RUN steps (NAME=SOFT[:HARD])' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l security-opt -d 'Security options of RUN steps (as run\'s --security-opt)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -s m -l memory -d 'Memory limit (e.g. 512m, 1g)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l memory-swap -d 'Memory plus swap limit: -1 for unlimited swap (default: twice --memory)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l memory-reservation -d 'Memory soft limit (cgroup v2 memory.low)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l kernel-memory -d 'Kernel memory limit (cgroup v2 has none: discarded with a warning)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cpus -d 'Number of CPUs' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -s c -l cpu-shares -d 'CPU shares (relative weight; 1024 is the default)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota, in microseconds per period' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cpu-rt-period -d 'Limit the CPU real-time period (refused: cgroup v2 has no real-time controller)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cpu-rt-runtime -d 'Limit the CPU real-time runtime (refused: cgroup v2 has no real-time controller)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cpuset-mems -d 'Memory nodes in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l blkio-weight -d 'Block IO relative weight, between 10 and 1000, or 0 to disable' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l pids-limit -d 'Maximum number of processes (-1 for unlimited)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cgroup-parent -d 'Cgroup to put RUN steps in (as run\'s --cgroup-parent)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l isolation -d 'Isolation technology (only "default" on Linux)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l disable-content-trust -d 'Skip image verification (the default; false is refused: no Notary support)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cap-add -d 'Add a capability to RUN steps (podman\'s; as run\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cap-drop -d 'Drop a capability from RUN steps (podman\'s; as run\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l dns -d 'DNS server for RUN steps (podman\'s; as run\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l dns-search -d 'DNS search domain for RUN steps (podman\'s; as run\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l dns-option -d 'DNS resolver option for RUN steps (podman\'s; as run\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -s v -l volume -d 'Bind mount a volume into RUN steps: SRC:DST[:OPTS] (podman\'s; as run\'s; never in a layer)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l device -d 'Add a host device to RUN steps: HOST[:CONTAINER[:PERMS]] (podman\'s; as run\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l http-proxy -d 'Pass this process\'s proxy variables to RUN steps, never to the image (podman\'s)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l pid -d 'PID namespace of RUN steps: host, or private (each step\'s own, the default) (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l ipc -d 'IPC namespace of RUN steps: host, or private (the default) (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l uts -d 'UTS namespace of RUN steps: host, or private (the default) (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cgroupns -d 'Cgroup namespace of RUN steps: host, or private (the default) (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l arch -d 'Use this architecture instead of the host\'s (podman\'s; --platform in parts)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l os -d 'Use this operating system instead of the host\'s (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l variant -d 'Use this architecture variant (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l from -d 'Use this image for the first FROM instead of the one it names (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l os-version -d 'The result\'s required OS version (os.version), instead of the base image\'s (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l os-feature -d 'A required OS feature (os.features) added to the base image\'s; FEATURE- takes one off (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l manifest -d 'Add the image to this manifest list, made first when there is none (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l build-context -d 'An additional build context, NAME=DIRECTORY or NAME=docker-image://IMAGE, that FROM NAME, COPY --from=NAME and RUN --mount=from=NAME use instead of a stage or image of that name' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l ignorefile -d 'Read this ignore file instead of the context\'s .containerignore or .dockerignore (podman\'s; docker reads DOCKERFILE.dockerignore beside a -f DOCKERFILE)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l skip-unused-stages -d 'Build only the stages the target needs (podman\'s; false builds every stage before it)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l annotation -d 'Add an annotation to the image\'s manifest, KEY=VALUE (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l timestamp -d 'Set the image\'s creation time and every file\'s modification time in its layers to this, in seconds since the epoch, for reproducible builds (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cache-ttl -d 'Reuse only cached steps made within this duration, e.g. 1h30m (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l format -d 'The image\'s manifest type: oci (the default) or docker (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l env -d 'Give every stage this variable from its FROM on, and the image (podman\'s; NAME alone takes it from the environment)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l unsetenv -d 'Leave this variable out of the image (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l logfile -d 'Write the build\'s output to this file instead of stdout (podman\'s)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l jobs -d 'How many stages to build at once (podman\'s; skiff builds them one after the other, which every value allows)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l identity-label -d 'Add buildah\'s io.buildah.version label (podman\'s): skiff never adds it, so every image is as with false' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l no-cache -d 'Do not use the cache: run every step'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Print only the image id (sha256:...)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l push -d 'Push every -t name after the build (buildx\'s; --output type=registry)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l load -d 'Keep the result in the local store (buildx\'s; always done)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l compress -d 'Compress the build context (accepted for docker: skiff reads the context in place)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l no-hosts -d 'Leave the image\'s /etc/hosts alone in RUN steps (podman\'s; as run\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l omit-history -d 'Leave the history out of the image (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l squash -d 'Squash the layers the build makes into one, over the base image\'s (podman\'s; docker\'s experimental one)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l squash-all -d 'Squash all the image\'s layers, the base image\'s too, into one (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -s D -l disable-compression -d 'Do not compress layers (podman\'s; skiff stores layers uncompressed and compresses them when it pushes)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l platform -d 'Pull the image for this platform (os/arch[/variant]) instead of the host\'s' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified certificates)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l disable-content-trust -d 'Skip image verification: the default, as skiff verifies no signatures (false is refused)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l arch -d 'Use this architecture instead of the host\'s (podman\'s; --platform in parts)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l os -d 'Use this operating system instead of the host\'s (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l variant -d 'Use this architecture variant (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l authfile -d 'The credentials file to use instead of the default ones (podman\'s; as REGISTRY_AUTH_FILE)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l retry -d 'Retry a failed registry request this many times (default 3)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l retry-delay -d 'Wait this long between retries, e.g. 2s (default: 0.1s, then 0.4s, then 1.6s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l cert-dir -d 'Use the certificates in this directory (*.crt CAs, a *.cert with its *.key) for the registry instead of those in certs.d' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l creds -d 'Credentials USER[:PASSWORD] for the registry instead of the stored login (the password is asked for when left out and stdin is a terminal)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Print only the image id'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -s a -l all-tags -d 'Pull every tagged image of the repository'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l authfile -d 'The credentials file to use instead of the default ones (podman\'s; as REGISTRY_AUTH_FILE)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l retry -d 'Retry a failed registry request this many times (default 3)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l retry-delay -d 'Wait this long between retries, e.g. 2s (default: 0.1s, then 0.4s, then 1.6s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l cert-dir -d 'Use the certificates in this directory (*.crt CAs, a *.cert with its *.key) for the registry instead of those in certs.d' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and any certificate)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -s f -l format -d 'Manifest format: oci, or v2s2 (docker\'s); the stored image\'s when omitted' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l compression-format -d 'Layer compression: gzip or zstd; each layer is pushed as stored when omitted' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l digestfile -d 'Write the pushed manifest\'s digest to this file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l creds -d 'Credentials USER[:PASSWORD] for the registry instead of the stored login (the password is asked for when left out and stdin is a terminal)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l disable-content-trust -d 'Skip image signing: the default, as skiff signs no images (false is refused)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l sign-by -d 'Sign the pushed image with this GPG key (podman\'s; refused: skiff signs no images)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l sign-by-sigstore-private-key -d 'Sign with this sigstore private key (podman\'s; refused: skiff signs no images)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l sign-passphrase-file -d 'The signing key\'s passphrase file (podman\'s; refused with the signing flags)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l platform -d 'Only this platform (os/arch[/variant]): an image of another is an error (docker\'s; skiff keeps one platform per image)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -s a -l all-tags -d 'Push every tagged image of IMAGE\'s repository'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Print only the pushed reference'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l force-compression -d 'Recompress layers stored in another compression than --compression-format (always done; accepted for podman\'s scripts)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l remove-signatures -d 'Discard the image\'s signatures: skiff stores none, so none is ever pushed (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output (dangling=true|false, reference=PATTERN, label=KEY[=VALUE], before=IMAGE, since=IMAGE, until=TIME)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l format -d 'Format output with a Go template, or `json`' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by created (the newest first, as without it), id, repository, size or tag (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all images (the intermediate images of builds included)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only show image IDs'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l history -d 'Show each image\'s name history: every name it was given, the latest first (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l digests -d 'Show digests'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Don\'t truncate output'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print the table\'s heading line (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from untag" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from untag" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from untag" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from untag" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from untag" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -s o -l output -d 'Write to a file (or, for oci-dir, a directory; `oci:DIR` implies oci-dir) instead of STDOUT' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l format -d 'Archive format' -r -f -a "docker-archive\t'What `docker save` writes'
oci-archive\t'An OCI image layout in a tar'
oci-dir\t'An OCI image layout directory (-o DIR)'"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l platform -d 'Only this platform (os/arch[/variant]): an image of another is an error (docker\'s; skiff keeps one platform per image)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -s q -l quiet -d 'Suppress the output (podman\'s; save prints nothing but the archive)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -s m -l multi-image-archive -d 'Put every image named in the archive (podman\'s; skiff\'s archives always do, as docker\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -s i -l input -d 'Read from a tar archive file, an OCI layout directory, or oci:DIR[:REF], instead of STDIN' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -s q -l quiet -d 'Suppress the load output (skiff prints no progress; the loaded names are still printed, as docker\'s and podman\'s `-q` do)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from import" -s c -l change -d 'Apply Dockerfile instruction to the created image (CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR), read as a Dockerfile line' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from import" -s m -l message -d 'Set commit message for imported image' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from import" -l platform -d 'The platform (os/arch[/variant]) the image\'s configuration names, instead of the host\'s' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from import" -l arch -d 'Use this architecture instead of the host\'s (podman\'s; --platform in parts)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from import" -l os -d 'Use this operating system instead of the host\'s (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from import" -l variant -d 'Use this architecture variant (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from import" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from import" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from import" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from import" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Suppress output'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l platform -d 'Remove the image only if it is of this platform (os/arch[/variant]): skiff stores one platform of each image' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -s f -l force -d 'Force removal of the image (all its names; untag only when a container uses it); a missing image is not an error'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l no-prune -d 'Do not delete untagged parents'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all images (podman\'s; with -f, untag the ones containers use)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'A missing image is no error (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE], dangling=false (every unused image, as -a)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused images, not just dangling ones'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l external -d 'Also remove images other tools\' containers use (podman\'s: buildah\'s): skiff\'s store holds only skiff\'s containers, so this changes nothing'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -s H -l human -d 'Print sizes and dates in human readable format' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l format -d 'Format output with a Go template, or `json`' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l platform -d 'Only this platform (os/arch[/variant]): an image of another is an error (docker\'s; skiff keeps one platform per image)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l no-trunc -d 'Don\'t truncate output'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Only show image IDs'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output with a Go template' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l platform -d 'Only this platform (os/arch[/variant]): an image of another is an error (docker\'s; skiff keeps one platform per image)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from diff" -l format -d 'Print the changes as JSON, {"changed": [...], "added": [...], "deleted": [...]} (podman\'s; only json)' -r -f -a "json\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from diff" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from diff" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from diff" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from diff" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from diff" -s l -l latest -d 'Act on the most recently created container'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from search" -s f -l filter -d 'Filter output (stars=N, is-official=true|false, is-automated=true|false)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from search" -l format -d 'Format output with a Go template, or `json`' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from search" -l limit -d 'Most results per registry (1-100)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from search" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified certificates)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from search" -l authfile -d 'The credentials file to use instead of the default ones (podman\'s; as REGISTRY_AUTH_FILE)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from search" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from search" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from search" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from search" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from search" -l no-trunc -d 'Don\'t truncate output'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from search" -l compatible -d 'Also show the AUTOMATED column (podman\'s docker-compatible columns)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from search" -l list-tags -d 'List the tags of the named repository instead of searching'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from search" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from mount" -l format -d 'With no image named, list the mounted ones as JSON' -r -f -a "json\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from mount" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from mount" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from mount" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from mount" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from mount" -s a -l all -d 'Mount all images'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from mount" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from unmount" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from unmount" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from unmount" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from unmount" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from unmount" -s a -l all -d 'Unmount all mounted images'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from unmount" -s f -l force -d 'Unmount even when mounted several times (skiff mounts an image once)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from unmount" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tree" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tree" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tree" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tree" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tree" -l whatrequires -d 'Show the layers other images stack on this image\'s top layer, instead of its own'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tree" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "pull" -d 'Pull an image from a registry'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "push" -d 'Push an image to a registry'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List images'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "tag" -d 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "untag" -d 'Remove names from a local image, which stays (podman)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "save" -d 'Save one or more images to a tar archive (streamed to STDOUT by default)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "load" -d 'Load an image from a tar archive or STDIN'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import the contents from a tarball to create a filesystem image'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more images'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove unused images'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "history" -d 'Show the history of an image'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display detailed information on one or more images'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check if an image exists (exit code 0 or 1)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Inspect changes to an image\'s filesystem (its top layer, or against another image)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "search" -d 'Search registries for images, or list a repository\'s tags'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "mount" -d 'Mount an image\'s file system read-only and print where (podman\'s; rootless, inside `skiff unshare`)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "unmount" -d 'Unmount an image\'s file system (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "tree" -d 'Show an image\'s layers, or what other images stack on it, as a tree (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand compose" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from build prune ls inspect use version create rm help" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from build prune ls inspect use version create rm help" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from build prune ls inspect use version create rm help" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from build prune ls inspect use version create rm help" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from build prune ls inspect use version create rm help" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from build prune ls inspect use version create rm help" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from build prune ls inspect use version create rm help" -f -a "prune" -d 'Remove build cache'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from build prune ls inspect use version create rm help" -f -a "ls" -d 'List builder instances (buildx\'s; skiff has one: default)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from build prune ls inspect use version create rm help" -f -a "inspect" -d 'Inspect the current builder instance (buildx\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from build prune ls inspect use version create rm help" -f -a "use" -d 'Set the current builder instance (buildx\'s; only default exists)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from build prune ls inspect use version create rm help" -f -a "version" -d 'Show the builder\'s version (buildx\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from build prune ls inspect use version create rm help" -f -a "create" -d 'Create a builder instance (buildx\'s; refused: skiff builds with its own builder)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from build prune ls inspect use version create rm help" -f -a "rm" -d 'Remove builder instances (buildx\'s; refused: default cannot be removed)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from build prune ls inspect use version create rm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l authfile -d 'The credentials file to use instead of the default ones (podman\'s; as REGISTRY_AUTH_FILE)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l retry -d 'Retry a failed registry request this many times (default 3)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l retry-delay -d 'Wait this long between retries, e.g. 2s (default: 0.1s, then 0.4s, then 1.6s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l cert-dir -d 'Use the certificates in this directory (*.crt CAs, a *.cert with its *.key) for the registry instead of those in certs.d' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l creds -d 'Credentials USER[:PASSWORD] for the registry instead of the stored login (the password is asked for when left out and stdin is a terminal)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -s t -l tag -d 'Name and optionally a tag for the image (NAME[:TAG]); repeatable' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -s f -l file -d 'The Containerfile/Dockerfile (default: CONTEXT/Containerfile, else CONTEXT/Dockerfile); - reads it from STDIN' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l target -d 'Build the stage of this name (default: the last)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l build-arg -d 'Set a build-time variable (NAME=VALUE, or NAME to take it from the environment)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l label -d 'Set a label on the image (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l pull -d 'Pull FROM images: always (bare --pull), missing (the default), newer or never' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l secret -d 'A secret for RUN --mount=type=secret: id=ID,src=FILE (or env=VAR)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l ssh -d 'An SSH agent for RUN --mount=type=ssh: default (your $SSH_AUTH_SOCK), or ID=SOCKET' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l network -d 'Network for RUN steps (default: the default network; none, host)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l iidfile -d 'Write the image id (sha256:...) to this file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l platform -d 'Platform of FROM images without one (os/arch[/variant])' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l builder -d 'The builder instance to build with (docker\'s; skiff has one: default)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l tls-verify -d 'Require HTTPS and verify certificates when pulling' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l progress -d 'Output style: auto, plain, tty or quiet (quiet is -q)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l rm -d 'Remove intermediate containers after a build (always done; accepted for docker)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l force-rm -d 'Remove intermediate containers even after a failed build (always done; accepted for docker)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l layers -d 'Keep a cached image for each step (always done; accepted for podman)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l cache-from -d 'A registry repository whose REPO:KEY images serve steps missing from the local cache (also buildx\'s type=registry,ref=REPO)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l cache-to -d 'A registry repository to push every step\'s image to as REPO:KEY (also buildx\'s type=registry,ref=REPO)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -s o -l output -d 'Where the result goes besides the local store (buildx\'s): type=docker|image|registry|oci|tar|local[,dest=PATH][,push=true], a directory, or - for a tar of its files on STDOUT' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l provenance -d 'Provenance attestation (buildx\'s): skiff\'s builds make none; a value other than false is ignored with a warning' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l sbom -d 'SBOM attestation (buildx\'s): skiff\'s builds make none; a value other than false is ignored with a warning' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l add-host -d 'Add a custom host-to-IP mapping (HOST:IP) to the /etc/hosts of RUN steps' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l shm-size -d 'Size of /dev/shm in RUN steps (e.g. 64m)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l ulimit -d 'Ulimit options of RUN steps (NAME=SOFT[:HARD])' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l security-opt -d 'Security options of RUN steps (as run\'s --security-opt)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -s m -l memory -d 'Memory limit (e.g. 512m, 1g)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l memory-swap -d 'Memory plus swap limit: -1 for unlimited swap (default: twice --memory)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l memory-reservation -d 'Memory soft limit (cgroup v2 memory.low)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l kernel-memory -d 'Kernel memory limit (cgroup v2 has none: discarded with a warning)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l cpus -d 'Number of CPUs' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -s c -l cpu-shares -d 'CPU shares (relative weight; 1024 is the default)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota, in microseconds per period' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l cpu-rt-period -d 'Limit the CPU real-time period (refused: cgroup v2 has no real-time controller)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l cpu-rt-runtime -d 'Limit the CPU real-time runtime (refused: cgroup v2 has no real-time controller)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l cpuset-mems -d 'Memory nodes in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l blkio-weight -d 'Block IO relative weight, between 10 and 1000, or 0 to disable' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l pids-limit -d 'Maximum number of processes (-1 for unlimited)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l cgroup-parent -d 'Cgroup to put RUN steps in (as run\'s --cgroup-parent)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l isolation -d 'Isolation technology (only "default" on Linux)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l disable-content-trust -d 'Skip image verification (the default; false is refused: no Notary support)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l cap-add -d 'Add a capability to RUN steps (podman\'s; as run\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l cap-drop -d 'Drop a capability from RUN steps (podman\'s; as run\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l dns -d 'DNS server for RUN steps (podman\'s; as run\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l dns-search -d 'DNS search domain for RUN steps (podman\'s; as run\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l dns-option -d 'DNS resolver option for RUN steps (podman\'s; as run\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -s v -l volume -d 'Bind mount a volume into RUN steps: SRC:DST[:OPTS] (podman\'s; as run\'s; never in a layer)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l device -d 'Add a host device to RUN steps: HOST[:CONTAINER[:PERMS]] (podman\'s; as run\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l http-proxy -d 'Pass this process\'s proxy variables to RUN steps, never to the image (podman\'s)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l pid -d 'PID namespace of RUN steps: host, or private (each step\'s own, the default) (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l ipc -d 'IPC namespace of RUN steps: host, or private (the default) (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l uts -d 'UTS namespace of RUN steps: host, or private (the default) (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l cgroupns -d 'Cgroup namespace of RUN steps: host, or private (the default) (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l arch -d 'Use this architecture instead of the host\'s (podman\'s; --platform in parts)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l os -d 'Use this operating system instead of the host\'s (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l variant -d 'Use this architecture variant (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l from -d 'Use this image for the first FROM instead of the one it names (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l os-version -d 'The result\'s required OS version (os.version), instead of the base image\'s (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l os-feature -d 'A required OS feature (os.features) added to the base image\'s; FEATURE- takes one off (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l manifest -d 'Add the image to this manifest list, made first when there is none (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l build-context -d 'An additional build context, NAME=DIRECTORY or NAME=docker-image://IMAGE, that FROM NAME, COPY --from=NAME and RUN --mount=from=NAME use instead of a stage or image of that name' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l ignorefile -d 'Read this ignore file instead of the context\'s .containerignore or .dockerignore (podman\'s; docker reads DOCKERFILE.dockerignore beside a -f DOCKERFILE)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l skip-unused-stages -d 'Build only the stages the target needs (podman\'s; false builds every stage before it)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l annotation -d 'Add an annotation to the image\'s manifest, KEY=VALUE (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l timestamp -d 'Set the image\'s creation time and every file\'s modification time in its layers to this, in seconds since the epoch, for reproducible builds (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l cache-ttl -d 'Reuse only cached steps made within this duration, e.g. 1h30m (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l format -d 'The image\'s manifest type: oci (the default) or docker (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l env -d 'Give every stage this variable from its FROM on, and the image (podman\'s; NAME alone takes it from the environment)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l unsetenv -d 'Leave this variable out of the image (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l logfile -d 'Write the build\'s output to this file instead of stdout (podman\'s)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l jobs -d 'How many stages to build at once (podman\'s; skiff builds them one after the other, which every value allows)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l identity-label -d 'Add buildah\'s io.buildah.version label (podman\'s): skiff never adds it, so every image is as with false' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l no-cache -d 'Do not use the cache: run every step'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Print only the image id (sha256:...)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l push -d 'Push every -t name after the build (buildx\'s; --output type=registry)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l load -d 'Keep the result in the local store (buildx\'s; always done)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l compress -d 'Compress the build context (accepted for docker: skiff reads the context in place)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l no-hosts -d 'Leave the image\'s /etc/hosts alone in RUN steps (podman\'s; as run\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l omit-history -d 'Leave the history out of the image (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l squash -d 'Squash the layers the build makes into one, over the base image\'s (podman\'s; docker\'s experimental one)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -l squash-all -d 'Squash all the image\'s layers, the base image\'s too, into one (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -s D -l disable-compression -d 'Do not compress layers (podman\'s; skiff stores layers uncompressed and compresses them when it pushes)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values: until=TIME' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l keep-storage -d 'Amount of disk space to keep for cache (e.g. 512m, 10g): the newest steps that fit stay' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused build cache, not just dangling ones'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from ls" -l format -d 'Format the output: table, json, or a Go template (.Name, .DriverEndpoint, .Status, .Buildkit, .Platforms, .LastActivity, .Error)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from ls" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from ls" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from ls" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from ls" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate the output (nothing is truncated here)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from inspect" -l builder -d 'The builder (default: the current one)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from inspect" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from inspect" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from inspect" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from inspect" -l bootstrap -d 'Ensure the builder has booted (skiff\'s needs no booting)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from use" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from use" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from use" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from use" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from use" -l default -d 'Set the builder as the default for the current context (it is the only one)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from use" -l global -d 'Keep this builder even when the docker context changes (it is the only one)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from version" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from version" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from version" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from version" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from version" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from create" -l driver -d 'The driver of the new builder (docker-container, kubernetes, remote)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from create" -l name -d 'The new builder\'s name' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from create" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from create" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from create" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from create" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from create" -l use -d 'Set the new builder as the current one'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from rm" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from rm" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from rm" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from rm" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from help" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove build cache'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List builder instances (buildx\'s; skiff has one: default)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Inspect the current builder instance (buildx\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from help" -f -a "use" -d 'Set the current builder instance (buildx\'s; only default exists)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from help" -f -a "version" -d 'Show the builder\'s version (buildx\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a builder instance (buildx\'s; refused: skiff builds with its own builder)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove builder instances (buildx\'s; refused: default cannot be removed)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect remove rm exists push help" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect remove rm exists push help" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect remove rm exists push help" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect remove rm exists push help" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect remove rm exists push help" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect remove rm exists push help" -f -a "create" -d 'Create a manifest list, optionally with images in it'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect remove rm exists push help" -f -a "add" -d 'Add an image (local, or a registry reference) to a manifest list'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect remove rm exists push help" -f -a "annotate" -d 'Set the platform and annotations of an entry of a manifest list'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect remove rm exists push help" -f -a "inspect" -d 'Show a manifest list, or a manifest in a registry'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect remove rm exists push help" -f -a "remove" -d 'Remove an entry from a manifest list'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect remove rm exists push help" -f -a "rm" -d 'Remove manifest lists (the images they list stay)'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect remove rm exists push help" -f -a "exists" -d 'Check if a manifest list exists (exit code 0 or 1)'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect remove rm exists push help" -f -a "push" -d 'Push a manifest list and the images it names to a registry'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect remove rm exists push help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified ones)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l all -d 'For images that are lists in a registry, add every entry, not only the host\'s'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -s a -l amend -d 'Add to the list when one of that name exists'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l insecure -d 'Allow a plain-HTTP or unverified registry (docker\'s; --tls-verify=false)'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l arch -d 'Set the entry\'s architecture' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l os -d 'Set the entry\'s operating system' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l variant -d 'Set the entry\'s architecture variant' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l os-version -d 'Set the entry\'s operating system version' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l features -d 'Set the entry\'s operating system features (comma-separated; docker\'s --os-features)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l annotation -d 'Set an annotation on the entry (KEY=VALUE; repeatable)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l tls-verify -d 'Require HTTPS and verify certificates when pulling (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l authfile -d 'The credentials file to use instead of the default ones (podman\'s; as REGISTRY_AUTH_FILE)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l cert-dir -d 'Use the certificates in this directory (*.crt CAs, a *.cert with its *.key) for the registry instead of those in certs.d' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l creds -d 'Credentials USER[:PASSWORD] for the registry instead of the stored login (the password is asked for when left out and stdin is a terminal)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l all -d 'When IMAGE is a list in a registry, add every entry, not only the host\'s'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l arch -d 'Set the entry\'s architecture' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l os -d 'Set the entry\'s operating system' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l variant -d 'Set the entry\'s architecture variant' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l os-version -d 'Set the entry\'s operating system version' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l features -d 'Set the entry\'s operating system features (comma-separated; docker\'s --os-features)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l annotation -d 'Set an annotation on the entry (KEY=VALUE; repeatable)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified ones)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l insecure -d 'Allow a plain-HTTP or unverified registry (docker\'s; --tls-verify=false)'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l all -d 'Push the images the list names too (--all=false pushes the index alone)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -s f -l format -d 'Manifest format of the list and its local images: oci, or v2s2 (docker\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified ones)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l digestfile -d 'Write the pushed list\'s digest to this file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l creds -d 'Credentials USER[:PASSWORD] for the registry instead of the stored login (the password is asked for when left out and stdin is a terminal)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l sign-by -d 'Sign the pushed image with this GPG key (podman\'s; refused: skiff signs no images)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l sign-by-sigstore-private-key -d 'Sign with this sigstore private key (podman\'s; refused: skiff signs no images)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l sign-passphrase-file -d 'The signing key\'s passphrase file (podman\'s; refused with the signing flags)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l authfile -d 'The credentials file to use instead of the default ones (podman\'s; as REGISTRY_AUTH_FILE)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l cert-dir -d 'Use the certificates in this directory (*.crt CAs, a *.cert with its *.key) for the registry instead of those in certs.d' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l insecure -d 'Allow a plain-HTTP or unverified registry (docker\'s; --tls-verify=false)'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -s p -l rm -d 'Remove the local list once it is pushed (docker\'s -p/--purge)'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Print no progress'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l remove-signatures -d 'Discard the image\'s signatures: skiff stores none, so none is ever pushed (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a manifest list, optionally with images in it'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an image (local, or a registry reference) to a manifest list'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "annotate" -d 'Set the platform and annotations of an entry of a manifest list'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show a manifest list, or a manifest in a registry'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove an entry from a manifest list'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove manifest lists (the images they list stay)'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check if a manifest list exists (exit code 0 or 1)'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "push" -d 'Push a manifest list and the images it names to a registry'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df migrate prune renumber reset info events service help" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df migrate prune renumber reset info events service help" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df migrate prune renumber reset info events service help" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df migrate prune renumber reset info events service help" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df migrate prune renumber reset info events service help" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df migrate prune renumber reset info events service help" -f -a "check" -d 'Check the catalog and the store for damage, and repair it with --repair'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df migrate prune renumber reset info events service help" -f -a "df" -d 'Show skiff disk usage'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df migrate prune renumber reset info events service help" -f -a "migrate" -d 'Stop every running container, so new ones use the current /etc/subuid and /etc/subgid'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df migrate prune renumber reset info events service help" -f -a "prune" -d 'Remove unused data: stopped containers, unused networks, dangling images'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df migrate prune renumber reset info events service help" -f -a "renumber" -d 'Give containers and pods new lock numbers (podman\'s; skiff\'s locks need none)'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df migrate prune renumber reset info events service help" -f -a "reset" -d 'Remove every container, image, volume and network, and skiff\'s storage directories'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df migrate prune renumber reset info events service help" -f -a "info" -d 'Display system-wide information'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df migrate prune renumber reset info events service help" -f -a "events" -d 'Show lifecycle events of containers, images, volumes and networks'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df migrate prune renumber reset info events service help" -f -a "service" -d 'Serve the Docker-compatible REST API on a socket'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df migrate prune renumber reset info events service help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -s r -l repair -d 'Repair what is damaged: rebuild the catalog\'s images and volumes from the store, remove damaged blobs and layers (the next pull fetches them again), stop the processes of containers the catalog lost'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -s f -l force -d 'With --repair, also remove the directories of containers the catalog lost, and damaged layers that containers use'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -s q -l quick -d 'Skip the slow checks (blob digests, layer contents)'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l format -d 'Format the output: `table`, `table TEMPLATE`, `json` or a Go template (fields .Type, .TotalCount (podman\'s .Total), .Active, .Size, .Reclaimable; with -v one document of Images, Containers, Volumes and BuildCache)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -s v -l verbose -d 'Show detailed information on space usage'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from migrate" -l new-runtime -d 'The runtime of every container afterwards (only skiff\'s own is available)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from migrate" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from migrate" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from migrate" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from migrate" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from migrate" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused images, not just dangling ones (with --volumes: named volumes too)'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l volumes -d 'Prune anonymous volumes'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from renumber" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from renumber" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from renumber" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from renumber" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from renumber" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -s f -l force -d 'Do not prompt for confirmation'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -s f -l format -d 'Format the output using the given Go template, or json' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -l since -d 'Show events since this time: RFC 3339 (2026-12-03T09:00:00Z), unix seconds or a duration before now (10m)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -l until -d 'Stop at this time (same forms as --since): in the past, print the stored events and return; in the future, follow new events until then' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -s f -l filter -d 'Show only matching events: type, event, container, image, volume, network, label (repeated keys match any value, different keys must all match)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -l format -d 'Print each event with a Go template (e.g. \'{{.Type}} {{.Action}}\'), or `json`' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -l no-trunc -d 'Print whole ids (podman\'s; the default): --no-trunc=false cuts an object\'s id to 12 characters in the default lines' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -l stream -d 'Follow new events (podman\'s; the default): --stream=false prints the stored events and returns, as --until with the current time does' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -s t -l time -d 'Seconds without a connection before the service exits (0: never)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -l cors -d 'Answer browsers\' cross-origin requests from this origin (`*` for any): the CORS headers on every response, and preflight OPTIONS requests (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check the catalog and the store for damage, and repair it with --repair'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "df" -d 'Show skiff disk usage'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "migrate" -d 'Stop every running container, so new ones use the current /etc/subuid and /etc/subgid'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove unused data: stopped containers, unused networks, dangling images'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "renumber" -d 'Give containers and pods new lock numbers (podman\'s; skiff\'s locks need none)'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Remove every container, image, volume and network, and skiff\'s storage directories'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "info" -d 'Display system-wide information'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "events" -d 'Show lifecycle events of containers, images, volumes and networks'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "service" -d 'Serve the Docker-compatible REST API on a socket'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand context; and not __fish_seen_subcommand_from ls show inspect use create rm help" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand context; and not __fish_seen_subcommand_from ls show inspect use create rm help" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand context; and not __fish_seen_subcommand_from ls show inspect use create rm help" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand context; and not __fish_seen_subcommand_from ls show inspect use create rm help" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand context; and not __fish_seen_subcommand_from ls show inspect use create rm help" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand context; and not __fish_seen_subcommand_from ls show inspect use create rm help" -f -a "ls" -d 'List contexts (skiff has one: default)'
complete -c skiff -n "__fish_skiff_using_subcommand context; and not __fish_seen_subcommand_from ls show inspect use create rm help" -f -a "show" -d 'Print the name of the current context'
complete -c skiff -n "__fish_skiff_using_subcommand context; and not __fish_seen_subcommand_from ls show inspect use create rm help" -f -a "inspect" -d 'Display detailed information on one or more contexts'
complete -c skiff -n "__fish_skiff_using_subcommand context; and not __fish_seen_subcommand_from ls show inspect use create rm help" -f -a "use" -d 'Set the current context (only default exists)'
complete -c skiff -n "__fish_skiff_using_subcommand context; and not __fish_seen_subcommand_from ls show inspect use create rm help" -f -a "create" -d 'Create a context (refused: skiff has only its own engine)'
complete -c skiff -n "__fish_skiff_using_subcommand context; and not __fish_seen_subcommand_from ls show inspect use create rm help" -f -a "rm" -d 'Remove one or more contexts (refused: default cannot be removed)'
complete -c skiff -n "__fish_skiff_using_subcommand context; and not __fish_seen_subcommand_from ls show inspect use create rm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from ls" -l format -d 'Format the output: table, json, or a Go template' -r
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from ls" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from ls" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from ls" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from ls" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only show context names'
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from show" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from show" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from show" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from show" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output using the given Go template' -r
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from inspect" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from inspect" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from inspect" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from use" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from use" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from use" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from use" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from create" -l docker -d 'Set the docker endpoint (host=...)' -r
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from create" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from create" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from create" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from create" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from rm" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from rm" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from rm" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from rm" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from rm" -s f -l force -d 'A context that does not exist is no error (its name is printed, as docker does)'
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List contexts (skiff has one: default)'
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the name of the current context'
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display detailed information on one or more contexts'
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "use" -d 'Set the current context (only default exists)'
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a context (refused: skiff has only its own engine)'
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more contexts (refused: default cannot be removed)'
complete -c skiff -n "__fish_skiff_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand auto-update" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand auto-update" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand auto-update" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand auto-update" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand auto-update" -l authfile -d 'The credentials file to use instead of the default ones (podman\'s; as REGISTRY_AUTH_FILE)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand auto-update" -l format -d 'Change the output format to JSON or a Go template' -r
complete -c skiff -n "__fish_skiff_using_subcommand auto-update" -l rollback -d 'Roll back to the previous image when the unit fails to restart on the new one' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand auto-update" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand auto-update" -l dry-run -d 'Only report the updates that are pending; pull and restart nothing'
complete -c skiff -n "__fish_skiff_using_subcommand auto-update" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove generate help" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove generate help" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove generate help" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove generate help" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove generate help" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove generate help" -f -a "install" -d 'Install Quadlet files or directories of them, and write their systemd units'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove generate help" -f -a "list" -d 'List the installed Quadlet files'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove generate help" -f -a "ls" -d 'List the installed Quadlet files'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove generate help" -f -a "print" -d 'Print the contents of an installed Quadlet file'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove generate help" -f -a "rm" -d 'Remove installed Quadlet files and their systemd units'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove generate help" -f -a "remove" -d 'Remove installed Quadlet files and their systemd units'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove generate help" -f -a "generate" -d 'Translate every Quadlet file into a unit in a directory (what the systemd generator does)'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from install" -l reload-systemd -d 'Run `systemctl daemon-reload` afterwards' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from install" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from install" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from install" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from install" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from install" -l replace -d 'Overwrite Quadlet files that are installed already'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from install" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from list" -l format -d 'Format the output with a Go template, or `json`' -r
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from list" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from list" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from list" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from list" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -l format -d 'Format the output with a Go template, or `json`' -r
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from print" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from print" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from print" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from print" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from print" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -l reload-systemd -d 'Run `systemctl daemon-reload` afterwards' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove every installed Quadlet file of the user'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -s f -l force -d 'Stop the units that are running first'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Do not fail when a Quadlet file is not installed'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -l reload-systemd -d 'Run `systemctl daemon-reload` afterwards' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -s a -l all -d 'Remove every installed Quadlet file of the user'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -s f -l force -d 'Stop the units that are running first'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -s i -l ignore -d 'Do not fail when a Quadlet file is not installed'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from generate" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from generate" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from generate" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from generate" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from generate" -l user -d 'Read the user\'s Quadlet directories rather than the system\'s'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from generate" -l dry-run -d 'Print the units instead of writing them'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from generate" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from help" -f -a "install" -d 'Install Quadlet files or directories of them, and write their systemd units'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the installed Quadlet files'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from help" -f -a "print" -d 'Print the contents of an installed Quadlet file'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove installed Quadlet files and their systemd units'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from help" -f -a "generate" -d 'Translate every Quadlet file into a unit in a directory (what the systemd generator does)'
complete -c skiff -n "__fish_skiff_using_subcommand quadlet; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -f -a "systemd" -d 'Generate a systemd unit file for a container or pod'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -f -a "kube" -d 'Generate Kubernetes YAML from containers (as `kube generate`)'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l restart-policy -d 'systemd restart policy: no, on-success, on-failure, on-abnormal, on-watchdog, on-abort or always' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l restart-sec -d 'Seconds systemd waits before restarting the service (RestartSec=)' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s t -l time -l stop-timeout -d 'Stop timeout in seconds (the container\'s own by default)' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l container-prefix -d 'Prefix of the unit\'s name' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l pod-prefix -d 'Prefix of a pod\'s unit name' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l start-timeout -d 'Seconds systemd waits for the service to start (TimeoutStartSec=)' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l separator -d 'Separator between the prefix and the name' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l after -d 'Add an After= dependency to the unit (repeat for several)' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l wants -d 'Add a Wants= dependency to the unit (repeat for several)' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l requires -d 'Add a Requires= dependency to the unit (repeat for several)' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s e -l env -d 'Set an environment variable of the service (KEY=VALUE, or KEY to copy the caller\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l format -d 'Output format: json (a map of unit names to their text, or the written paths)' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l new -d 'Create a new container at each start and remove it at stop, instead of starting and stopping an existing one'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s n -l name -d 'Use the container\'s name instead of its id in the unit\'s name and commands'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l template -d 'Make a template unit (NAME@.service, with --new): each instance runs a container of its own, NAME-INSTANCE (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s f -l files -d 'Write the unit to CONTAINER-PREFIX-NAME.service in the current directory and print its path'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l no-header -d 'Leave out the header comment (name, version, time)'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -l type -d 'The kind of object to write' -r -f -a "pod\t'A Pod'
deployment\t'A Deployment of one replica'"
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -s f -l filename -d 'Write the YAML to FILE instead of standard output' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -s s -l service -d 'Also write a Service for the published ports'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "systemd" -d 'Generate a systemd unit file for a container or pod'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "kube" -d 'Generate Kubernetes YAML from containers (as `kube generate`)'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from generate play down help" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from generate play down help" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from generate play down help" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from generate play down help" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from generate play down help" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from generate play down help" -f -a "generate" -d 'Generate Kubernetes YAML (a Pod or Deployment) from containers or pods'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from generate play down help" -f -a "play" -d 'Create and start the pods, containers and volumes of Kubernetes YAML'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from generate play down help" -f -a "down" -d 'Remove the containers that `kube play` of the same YAML created (volumes stay)'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from generate play down help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -l type -d 'The kind of object to write' -r -f -a "pod\t'A Pod'
deployment\t'A Deployment of one replica'"
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -s f -l filename -d 'Write the YAML to FILE instead of standard output' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -s s -l service -d 'Also write a Service for the published ports'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l start -d 'Start the containers (--start=false only creates them)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l configmap -d 'A YAML file of ConfigMaps the pods\' env and volumes may refer to (repeatable)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l tls-verify -d 'Require HTTPS and verify certificates when pulling (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l authfile -d 'The credentials file to use instead of the default ones (podman\'s; as REGISTRY_AUTH_FILE)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l cert-dir -d 'Use the certificates in this directory (*.crt CAs, a *.cert with its *.key) for the registry instead of those in certs.d' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l creds -d 'Credentials USER[:PASSWORD] for the registry instead of the stored login (the password is asked for when left out and stdin is a terminal)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l network -d 'Connect the pods to this network (or network mode) (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l ip -d 'Static IP address of each pod, in the YAML\'s order (podman\'s; repeatable)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l mac-address -d 'Static MAC address of each pod, in the YAML\'s order (podman\'s; repeatable)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l userns -d 'The pods\' user namespace mode (podman\'s; as pod create --userns)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l log-driver -d 'Logging driver of the containers (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l log-opt -d 'Logging driver options, KEY=VALUE (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l annotation -d 'Add an annotation to the containers, KEY=VALUE (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l publish -d 'Publish a port, [IP:]HOSTPORT:CONTAINERPORT[/PROTOCOL], over the YAML\'s publication of that container port, or beside it (podman\'s; repeatable)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l build -d 'Build each container\'s image from a directory named after it (NAME/Containerfile or NAME/Dockerfile beside the YAML file, or in --context-dir): when it is not stored (by default), always (true), or never (false) (podman\'s)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l context-dir -d 'Where the directories of --build are (default: the YAML file\'s directory) (podman\'s)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l replace -d 'First remove what an earlier play of this YAML created'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l down -d 'Only remove what an earlier play of this YAML created, as `kube down` (podman 4\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l force -d 'With --down: also remove the volumes of the file\'s PersistentVolumeClaims'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -s q -l quiet -d 'Suppress the pull progress'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l no-hosts -d 'Do not create /etc/hosts in the pods\' containers: the image\'s stays (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from down" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from down" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from down" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from down" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from down" -l force -d 'Also remove the volumes of the file\'s PersistentVolumeClaims (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from help" -f -a "generate" -d 'Generate Kubernetes YAML (a Pod or Deployment) from containers or pods'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from help" -f -a "play" -d 'Create and start the pods, containers and volumes of Kubernetes YAML'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from help" -f -a "down" -d 'Remove the containers that `kube play` of the same YAML created (volumes stay)'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand play; and not __fish_seen_subcommand_from kube help" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand play; and not __fish_seen_subcommand_from kube help" -f -a "kube" -d 'Create and start the pods, containers and volumes of Kubernetes YAML (as `kube play`)'
complete -c skiff -n "__fish_skiff_using_subcommand play; and not __fish_seen_subcommand_from kube help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l start -d 'Start the containers (--start=false only creates them)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l configmap -d 'A YAML file of ConfigMaps the pods\' env and volumes may refer to (repeatable)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l tls-verify -d 'Require HTTPS and verify certificates when pulling (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l authfile -d 'The credentials file to use instead of the default ones (podman\'s; as REGISTRY_AUTH_FILE)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l cert-dir -d 'Use the certificates in this directory (*.crt CAs, a *.cert with its *.key) for the registry instead of those in certs.d' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l creds -d 'Credentials USER[:PASSWORD] for the registry instead of the stored login (the password is asked for when left out and stdin is a terminal)' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l network -d 'Connect the pods to this network (or network mode) (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l ip -d 'Static IP address of each pod, in the YAML\'s order (podman\'s; repeatable)' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l mac-address -d 'Static MAC address of each pod, in the YAML\'s order (podman\'s; repeatable)' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l userns -d 'The pods\' user namespace mode (podman\'s; as pod create --userns)' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l log-driver -d 'Logging driver of the containers (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l log-opt -d 'Logging driver options, KEY=VALUE (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l annotation -d 'Add an annotation to the containers, KEY=VALUE (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l publish -d 'Publish a port, [IP:]HOSTPORT:CONTAINERPORT[/PROTOCOL], over the YAML\'s publication of that container port, or beside it (podman\'s; repeatable)' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l build -d 'Build each container\'s image from a directory named after it (NAME/Containerfile or NAME/Dockerfile beside the YAML file, or in --context-dir): when it is not stored (by default), always (true), or never (false) (podman\'s)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l context-dir -d 'Where the directories of --build are (default: the YAML file\'s directory) (podman\'s)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l root -d 'Directory for persistent state (images, containers, the catalog)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l runroot -d 'Directory for runtime state (pid files, sockets)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l log-level -d 'Log level for skiff\'s own diagnostics (error, warn, info, debug, trace; podman\'s warning, fatal and panic too)' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l config -d 'The directory of docker\'s client configuration (docker\'s `--config`, as DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and pushes read' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l replace -d 'First remove what an earlier play of this YAML created'
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l down -d 'Only remove what an earlier play of this YAML created, as `kube down` (podman 4\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l force -d 'With --down: also remove the volumes of the file\'s PersistentVolumeClaims'
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -s q -l quiet -d 'Suppress the pull progress'
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l no-hosts -d 'Do not create /etc/hosts in the pods\' containers: the image\'s stays (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from help" -f -a "kube" -d 'Create and start the pods, containers and volumes of Kubernetes YAML (as `kube play`)'
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "version" -d 'Show the skiff version information'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "info" -d 'Display system-wide information'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "events" -d 'Show lifecycle events of containers, images, volumes and networks'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "run" -d 'Create and run a new container'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "create" -d 'Create a new container'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "start" -d 'Start one or more stopped containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "init" -d 'Initialize one or more containers: ready to start, not started (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "mount" -d 'Mount a container\'s file system on the host and print where (podman\'s; rootless, in `skiff unshare`)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "unmount" -d 'Unmount a container\'s file system (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "stop" -d 'Stop one or more running containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "exec" -d 'Execute a command in a running container'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "attach" -d 'Attach local standard input, output, and error streams to a running container'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "kill" -d 'Kill one or more running containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "pause" -d 'Pause all processes within one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "unpause" -d 'Unpause all processes within one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "update" -d 'Update the configuration of one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "restart" -d 'Restart one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "wait" -d 'Block until containers stop, then print their exit codes'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "rm" -d 'Remove one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "rename" -d 'Rename a container'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "ps" -d 'List containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "logs" -d 'Fetch the logs of a container'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "inspect" -d 'Display detailed information on containers or images'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "port" -d 'List port mappings of a container'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "top" -d 'Display the running processes of a container'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "stats" -d 'Display a live stream of container resource usage statistics'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "cp" -d 'Copy files/folders between a container and the local filesystem'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "diff" -d 'Inspect changes to files or directories on a container\'s or image\'s filesystem'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "export" -d 'Export a container\'s filesystem as a tar archive'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "healthcheck" -d 'Manage healthchecks of containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "container" -d 'Manage containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "volume" -d 'Manage volumes'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "network" -d 'Manage networks'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "pod" -d 'Manage pods: containers that share network, IPC and UTS namespaces'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "secret" -d 'Manage secrets: data given to containers with run --secret'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "pull" -d 'Pull an image from a registry'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "push" -d 'Push an image to a registry'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "images" -d 'List images'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "tag" -d 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "untag" -d 'Remove names from a local image, which stays (podman)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "save" -d 'Save one or more images to a tar archive (streamed to STDOUT by default)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "load" -d 'Load an image from a tar archive or STDIN'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "import" -d 'Import the contents from a tarball to create a filesystem image'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "rmi" -d 'Remove one or more images'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "history" -d 'Show the history of an image'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "login" -d 'Log in to a registry'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "logout" -d 'Log out from a registry'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "search" -d 'Search registries for images, or list a repository\'s tags'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "image" -d 'Manage images'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "compose" -d 'Run compose workloads with an external provider (docker-compose) through skiff\'s API'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "builder" -d 'Manage builds: build images, remove the build cache'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "manifest" -d 'Manage manifest lists (multi-platform image indexes)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "system" -d 'Manage skiff: disk usage, prune, reset, info, events'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "context" -d 'Manage contexts (docker\'s; skiff has one, its own engine)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "auto-update" -d 'Auto update containers according to their auto-update policy (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "unshare" -d 'Run a command as root in skiff\'s storage user namespace'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "quadlet" -d 'Manage Quadlet files: containers, volumes, networks and images as systemd units'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "generate" -d 'Generate structured data from containers: systemd units, Kubernetes YAML'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "kube" -d 'Kubernetes YAML: generate it from containers, play it, take it down'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "play" -d 'Play Kubernetes YAML (podman\'s spelling of `kube play`)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and not __fish_seen_subcommand_from version info events run create start init mount unmount stop exec attach kill pause unpause update restart wait rm rename ps logs inspect port top stats cp diff export commit healthcheck container volume network pod secret build pull push images tag untag save load import rmi history login logout search image compose builder manifest system context auto-update unshare quadlet generate kube play help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from healthcheck" -f -a "run" -d 'Run a container\'s healthcheck now: exit 0 when it passes, 1 when it fails'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "run" -d 'Create and run a new container'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "create" -d 'Create a new container'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "start" -d 'Start one or more stopped containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "init" -d 'Initialize one or more containers: ready to start, not started (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "mount" -d 'Mount a container\'s file system on the host and print where (podman\'s; rootless, in `skiff unshare`)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "unmount" -d 'Unmount a container\'s file system (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "stop" -d 'Stop one or more running containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "exec" -d 'Execute a command in a running container'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "attach" -d 'Attach local standard input, output, and error streams to a running container'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "kill" -d 'Kill one or more running containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "pause" -d 'Pause all processes within one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "unpause" -d 'Unpause all processes within one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "update" -d 'Update the configuration of one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "restart" -d 'Restart one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "wait" -d 'Block until containers stop, then print their exit codes'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "rm" -d 'Remove one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "rename" -d 'Rename a container'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "ps" -d 'List containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "logs" -d 'Fetch the logs of a container'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "inspect" -d 'Display detailed information on containers or images'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "port" -d 'List port mappings of a container'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "top" -d 'Display the running processes of a container'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "stats" -d 'Display a live stream of container resource usage statistics'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "cp" -d 'Copy files/folders between a container and the local filesystem'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "diff" -d 'Inspect changes to files or directories on a container\'s or image\'s filesystem'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "export" -d 'Export a container\'s filesystem as a tar archive'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "healthcheck" -d 'Manage healthchecks of containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "ls" -d 'List containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "prune" -d 'Remove all stopped containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "exists" -d 'Check if a container exists'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "clone" -d 'Create a copy of a container, with other limits, name, pod or image (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "runlabel" -d 'Run the command an image\'s label describes (podman\'s; trusted images only)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "cleanup" -d 'Clean up the network and mounts of stopped containers (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "create" -d 'Create a volume'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "ls" -d 'List volumes'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "inspect" -d 'Display detailed information on volumes'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "rm" -d 'Remove one or more volumes'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "exists" -d 'Check whether a volume exists (exit 0 if it does, 1 if not)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "prune" -d 'Remove unused volumes: the anonymous ones, every one with -a (docker\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "export" -d 'Export a volume\'s contents to a tar archive (podman)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "import" -d 'Import a tar archive into a volume (podman)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "mount" -d 'Print where a volume\'s files are on the host (podman\'s `volume mount`)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "unmount" -d 'Release a volume `volume mount` showed (podman\'s; a local volume stays where it is)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "create" -d 'Create a network'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "ls" -d 'List networks'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "inspect" -d 'Display detailed information on one or more networks'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "rm" -d 'Remove one or more networks'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "prune" -d 'Remove all unused networks'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "connect" -d 'Connect a container to a network'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "disconnect" -d 'Disconnect a container from a network'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "exists" -d 'Check whether a network exists (exit 0 if it does, 1 if not)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "create" -d 'Create a new empty pod'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "ps" -d 'List pods'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "inspect" -d 'Display a pod\'s configuration'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "start" -d 'Start one or more pods'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "stop" -d 'Stop one or more pods'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "restart" -d 'Restart one or more pods'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "kill" -d 'Send the specified signal or SIGKILL to containers in pod'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "pause" -d 'Pause one or more pods'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "unpause" -d 'Unpause one or more pods'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "rm" -d 'Remove one or more pods'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "exists" -d 'Check if a pod exists (exit code 0 or 1)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "top" -d 'Display the running processes of containers in a pod'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "logs" -d 'Fetch logs for pod with one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "stats" -d 'Display a live stream of resource usage statistics for the containers in pods'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "prune" -d 'Remove all stopped pods and their containers'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "create" -d 'Create a secret from a file, or from standard input with -'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "ls" -d 'List secrets'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "inspect" -d 'Display detailed information on secrets'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "rm" -d 'Remove one or more secrets'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "exists" -d 'Check whether a secret exists (exit 0 if it does, 1 if not)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "pull" -d 'Pull an image from a registry'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "push" -d 'Push an image to a registry'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "ls" -d 'List images'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "tag" -d 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "untag" -d 'Remove names from a local image, which stays (podman)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "save" -d 'Save one or more images to a tar archive (streamed to STDOUT by default)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "load" -d 'Load an image from a tar archive or STDIN'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "import" -d 'Import the contents from a tarball to create a filesystem image'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "rm" -d 'Remove one or more images'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "prune" -d 'Remove unused images'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "history" -d 'Show the history of an image'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "inspect" -d 'Display detailed information on one or more images'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "exists" -d 'Check if an image exists (exit code 0 or 1)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "diff" -d 'Inspect changes to an image\'s filesystem (its top layer, or against another image)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "search" -d 'Search registries for images, or list a repository\'s tags'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "mount" -d 'Mount an image\'s file system read-only and print where (podman\'s; rootless, inside `skiff unshare`)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "unmount" -d 'Unmount an image\'s file system (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "tree" -d 'Show an image\'s layers, or what other images stack on it, as a tree (podman\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from builder" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from builder" -f -a "prune" -d 'Remove build cache'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from builder" -f -a "ls" -d 'List builder instances (buildx\'s; skiff has one: default)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from builder" -f -a "inspect" -d 'Inspect the current builder instance (buildx\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from builder" -f -a "use" -d 'Set the current builder instance (buildx\'s; only default exists)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from builder" -f -a "version" -d 'Show the builder\'s version (buildx\'s)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from builder" -f -a "create" -d 'Create a builder instance (buildx\'s; refused: skiff builds with its own builder)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from builder" -f -a "rm" -d 'Remove builder instances (buildx\'s; refused: default cannot be removed)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "create" -d 'Create a manifest list, optionally with images in it'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "add" -d 'Add an image (local, or a registry reference) to a manifest list'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "annotate" -d 'Set the platform and annotations of an entry of a manifest list'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "inspect" -d 'Show a manifest list, or a manifest in a registry'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "remove" -d 'Remove an entry from a manifest list'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "rm" -d 'Remove manifest lists (the images they list stay)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "exists" -d 'Check if a manifest list exists (exit code 0 or 1)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "push" -d 'Push a manifest list and the images it names to a registry'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "check" -d 'Check the catalog and the store for damage, and repair it with --repair'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "df" -d 'Show skiff disk usage'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "migrate" -d 'Stop every running container, so new ones use the current /etc/subuid and /etc/subgid'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "prune" -d 'Remove unused data: stopped containers, unused networks, dangling images'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "renumber" -d 'Give containers and pods new lock numbers (podman\'s; skiff\'s locks need none)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "reset" -d 'Remove every container, image, volume and network, and skiff\'s storage directories'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "info" -d 'Display system-wide information'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "events" -d 'Show lifecycle events of containers, images, volumes and networks'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "service" -d 'Serve the Docker-compatible REST API on a socket'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "ls" -d 'List contexts (skiff has one: default)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "show" -d 'Print the name of the current context'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "inspect" -d 'Display detailed information on one or more contexts'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "use" -d 'Set the current context (only default exists)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "create" -d 'Create a context (refused: skiff has only its own engine)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "rm" -d 'Remove one or more contexts (refused: default cannot be removed)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from quadlet" -f -a "install" -d 'Install Quadlet files or directories of them, and write their systemd units'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from quadlet" -f -a "list" -d 'List the installed Quadlet files'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from quadlet" -f -a "print" -d 'Print the contents of an installed Quadlet file'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from quadlet" -f -a "rm" -d 'Remove installed Quadlet files and their systemd units'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from quadlet" -f -a "generate" -d 'Translate every Quadlet file into a unit in a directory (what the systemd generator does)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from generate" -f -a "systemd" -d 'Generate a systemd unit file for a container or pod'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from generate" -f -a "kube" -d 'Generate Kubernetes YAML from containers (as `kube generate`)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from kube" -f -a "generate" -d 'Generate Kubernetes YAML (a Pod or Deployment) from containers or pods'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from kube" -f -a "play" -d 'Create and start the pods, containers and volumes of Kubernetes YAML'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from kube" -f -a "down" -d 'Remove the containers that `kube play` of the same YAML created (volumes stay)'
complete -c skiff -n "__fish_skiff_using_subcommand help; and __fish_seen_subcommand_from play" -f -a "kube" -d 'Create and start the pods, containers and volumes of Kubernetes YAML (as `kube play`)'
