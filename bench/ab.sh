#!/usr/bin/env bash
# bench/ab.sh [--runs N] [--net | --scale] COMMIT_A COMMIT_B [CASE...]: the same cases timed for
# two commits of skiff in one session, A B A B (two rounds, so a drift of the machine shows as a difference
# between rounds rather than between commits). Builds each commit's release binary in its own
# worktree and target directory under /var/tmp/skiff-ci/ab, then runs bench/run.sh (or with --net
# bench/net.sh) with SKIFF= that binary. Prints one table per commit and round, each headed by its
# commit. Run as root, like run.sh. Cases: run.sh's (default run-true) or net.sh's. With --scale,
# scale.sh's ps-10k-ab instead: one store of 10,000 containers, A and B in turn (--runs N rounds).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
runs=10
script=run.sh
while (($#)); do
  case $1 in
    --runs) runs=$2; shift ;;
    --net) script=net.sh ;;
    --scale) script=scale.sh ;;
    -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
  shift
done
(($# >= 2)) || { echo "usage: $0 [--runs N] [--net | --scale] COMMIT_A COMMIT_B [CASE...]" >&2; exit 2; }
[[ $EUID -eq 0 ]] || { echo "run as root: sudo $0" >&2; exit 2; }
a=$1 b=$2
shift 2
cases=("$@")
((${#cases[@]})) || cases=(run-true)
base=/var/tmp/skiff-ci/ab
mkdir -p "$base"
for d in "$HOME/.cargo/bin" /root/.cargo/bin; do [[ -x $d/cargo ]] && PATH=$d:$PATH; done

# build COMMIT: prints the path of that commit's release binary (built once, kept for reruns).
build() {
  local rev short wt
  rev=$(git -C "$repo" rev-parse --verify "$1^{commit}")
  short=${rev:0:7}
  wt=$base/$short
  if [[ ! -x $wt/bin/skiff ]]; then
    rm -rf "$wt/src"
    git -C "$repo" worktree prune
    git -C "$repo" worktree add --detach "$wt/src" "$rev" >&2
    # Start from the checkout's release build, if any: only the changed crates recompile.
    if [[ -d $repo/target/release && ! -d $wt/target/release ]]; then
      mkdir -p "$wt/target"
      cp -a "$repo/target/release" "$wt/target/"
    fi
    (cd "$wt/src" && CARGO_TARGET_DIR=$wt/target cargo build --release --quiet) >&2
    install -D -m 755 "$wt/target/release/skiff" "$wt/bin/skiff"
    git -C "$repo" worktree remove --force "$wt/src" >&2
  fi
  echo "$wt/bin/skiff"
}

bin_a=$(build "$a")
bin_b=$(build "$b")
if [[ $script == scale.sh ]]; then
  SKIFF=$bin_a SKIFF_B=$bin_b SKIFF_LABEL_A=$(git -C "$repo" rev-parse --short "$a") \
    SKIFF_LABEL_B=$(git -C "$repo" rev-parse --short "$b") "$here/scale.sh" --rounds "$runs" ps-10k-ab
  exit
fi
for round in 1 2; do
  for side in a b; do
    if [[ $side == a ]]; then rev=$a bin=$bin_a; else rev=$b bin=$bin_b; fi
    echo
    echo "### $(git -C "$repo" rev-parse --short "$rev"), round $round"
    echo
    SKIFF=$bin "$here/$script" --runs "$runs" "${cases[@]}"
  done
done
