//! Generated documentation: shell completions (bash, zsh, fish) in `completions/` and one man
//! page per command in `man/`, rendered from the clap definitions. The test fails when the
//! committed files are stale; `SKIFF_BLESS=1 cargo test -p skiff-cmd generated_docs` rewrites them.

use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// Every generated file: its path relative to the workspace root, and its contents.
fn render_all() -> Vec<(PathBuf, Vec<u8>)> {
    crate::lazy::build_groups_eagerly();
    let mut out = Vec::new();
    for (shell, file) in [
        (Shell::Bash, "skiff.bash"),
        (Shell::Zsh, "_skiff"),
        (Shell::Fish, "skiff.fish"),
    ] {
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "skiff", &mut buf);
        out.push((Path::new("completions").join(file), buf));
    }
    let mut root = Cli::command();
    root.build();
    man_pages(&root, "skiff", &mut out);
    out
}

/// One page for `cmd` (named `name`, e.g. `skiff-image-ls`) and each visible subcommand but
/// clap's `help` subcommands, whose page would only repeat the others.
fn man_pages(cmd: &clap::Command, name: &str, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    // clap names are `&'static str` without its `string` feature; this runs once per test.
    let page = cmd
        .clone()
        .name(&*Box::leak(name.to_string().into_boxed_str()));
    let mut buf = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut buf)
        .expect("rendering to memory cannot fail");
    out.push((Path::new("man").join(format!("{name}.1")), buf));
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        man_pages(sub, &format!("{name}-{}", sub.get_name()), out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_docs_are_fresh() {
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let bless = std::env::var_os("SKIFF_BLESS").is_some_and(|v| v == "1");
        let files = render_all();
        let mut stale = Vec::new();
        for (rel, contents) in &files {
            let path = workspace.join(rel);
            if std::fs::read(&path).ok().as_deref() == Some(contents.as_slice()) {
                continue;
            }
            if bless {
                std::fs::create_dir_all(path.parent().expect("has a parent")).unwrap();
                std::fs::write(&path, contents).unwrap();
            } else {
                stale.push(rel.display().to_string());
            }
        }
        for dir in ["man", "completions"] {
            let Ok(entries) = std::fs::read_dir(workspace.join(dir)) else {
                continue;
            };
            for e in entries.flatten() {
                let rel = Path::new(dir).join(e.file_name());
                if !files.iter().any(|(r, _)| *r == rel) {
                    if bless {
                        std::fs::remove_file(e.path()).unwrap();
                    } else {
                        stale.push(format!("{} (no longer generated)", rel.display()));
                    }
                }
            }
        }
        assert!(
            stale.is_empty(),
            "generated docs are stale: {stale:?}; run `SKIFF_BLESS=1 cargo test -p skiff-cmd generated_docs` and commit completions/ and man/"
        );
    }
}
