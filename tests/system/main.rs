//! System tests: they drive the built `skiff` binary and assert on real effects.
//! Run by `tests/ci.sh` as root and as an unprivileged user; see tests/README.md.
mod containers;
