use std::time::Duration;

use super::{one, steps};
use crate::{parse, ArgDecl, Command, From, Healthcheck, Instruction, MountKind, Sharing};

fn sh(s: &str) -> Command {
    Command::Shell(s.into())
}

fn exec(v: &[&str]) -> Command {
    Command::Exec(v.iter().map(|s| s.to_string()).collect())
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn from_forms() {
    let df =
        parse("from --platform=linux/arm64 alpine:3 AS Build\nFROM build\nFROM scratch as x\n")
            .unwrap();
    assert_eq!(
        df.stages[0].from,
        From {
            image: "alpine:3".into(),
            platform: Some("linux/arm64".into()),
            name: Some("build".into())
        }
    );
    assert_eq!(df.stages[1].from.name, None);
    assert_eq!(df.stages[2].line, 3);
    assert_eq!(df.target("BUILD").unwrap(), 0);
    assert_eq!(df.target("x").unwrap(), 2);
    assert_eq!(
        df.target("nope").unwrap_err().message,
        "target stage \"nope\" could not be found"
    );
    assert_eq!(df.stage_ref("build", 1), Some(0));
    assert_eq!(df.stage_ref("0", 1), Some(0));
    assert_eq!(df.stage_ref("x", 1), None, "only earlier stages");
    assert_eq!(df.stage_ref("busybox", 3), None);
}

#[test]
fn global_args_before_from() {
    let df = parse("ARG V=1 W\nARG X\nFROM busybox:$V\nARG V\n").unwrap();
    assert_eq!(
        df.global_args,
        vec![
            ArgDecl {
                name: "V".into(),
                default: Some("1".into())
            },
            ArgDecl {
                name: "W".into(),
                default: None
            },
            ArgDecl {
                name: "X".into(),
                default: None
            },
        ]
    );
    assert_eq!(
        df.stages[0].steps[0].instruction,
        Instruction::Arg(vec![ArgDecl {
            name: "V".into(),
            default: None
        }])
    );
}

#[test]
fn run_shell_and_exec() {
    let Instruction::Run(r) = one("RUN echo $HOME  &&  ls") else {
        panic!()
    };
    assert_eq!(
        r.command,
        sh("echo $HOME  &&  ls"),
        "RUN shell form is not expanded"
    );
    let Instruction::Run(r) = one(r#"run ["sh", "-c", "echo hi"]"#) else {
        panic!()
    };
    assert_eq!(r.command, exec(&["sh", "-c", "echo hi"]));
    let Instruction::Run(r) = one("RUN [not json") else {
        panic!()
    };
    assert_eq!(
        r.command,
        sh("[not json"),
        "bad JSON falls back to shell form"
    );
}

#[test]
fn run_mounts_and_network() {
    let Instruction::Run(r) = one(
        "RUN --mount=type=cache,target=/root/.cache,id=pip,sharing=locked,mode=0755,uid=1 \
         --mount=type=secret,id=npm,required,env=TOKEN --mount=target=/src,from=build,ro \
         --mount=type=tmpfs,dst=/t,size=64m --network=none make",
    ) else {
        panic!()
    };
    assert_eq!(r.command, sh("make"));
    assert_eq!(r.network.as_deref(), Some("none"));
    let [cache, secret, bind, tmpfs] = r.mounts.as_slice() else {
        panic!("{:?}", r.mounts)
    };
    assert_eq!(cache.kind, MountKind::Cache);
    assert_eq!(cache.target.as_deref(), Some("/root/.cache"));
    assert_eq!(cache.id.as_deref(), Some("pip"));
    assert_eq!(cache.sharing, Some(Sharing::Locked));
    assert_eq!((cache.mode, cache.uid), (Some(0o755), Some(1)));
    assert_eq!(
        (secret.kind, secret.required, secret.env.as_deref()),
        (MountKind::Secret, true, Some("TOKEN"))
    );
    assert_eq!(secret.target, None);
    assert_eq!(
        (bind.kind, bind.from.as_deref(), bind.readonly),
        (MountKind::Bind, Some("build"), Some(true))
    );
    assert_eq!(
        (tmpfs.kind, tmpfs.size.as_deref()),
        (MountKind::Tmpfs, Some("64m"))
    );
}

#[test]
fn cmd_entrypoint_shell_stopsignal_user_workdir_maintainer() {
    assert_eq!(
        one(r#"CMD ["a", "b"]"#),
        Instruction::Cmd(exec(&["a", "b"]))
    );
    assert_eq!(one("CMD []"), Instruction::Cmd(exec(&[])));
    assert_eq!(
        one("ENTRYPOINT top -b"),
        Instruction::Entrypoint(sh("top -b"))
    );
    assert_eq!(
        one(r#"SHELL ["/bin/bash", "-c"]"#),
        Instruction::Shell(vec!["/bin/bash".into(), "-c".into()])
    );
    assert_eq!(
        one("STOPSIGNAL SIGKILL"),
        Instruction::Stopsignal("SIGKILL".into())
    );
    assert_eq!(one("USER app:app"), Instruction::User("app:app".into()));
    assert_eq!(one("WORKDIR /a b"), Instruction::Workdir("/a b".into()));
    assert_eq!(
        one("MAINTAINER Jo <jo@x>"),
        Instruction::Maintainer("Jo <jo@x>".into())
    );
}

#[test]
fn env_and_label_forms() {
    assert_eq!(
        one("ENV A 1 2  3"),
        Instruction::Env(pairs(&[("A", "1 2  3")]))
    );
    assert_eq!(
        one(r#"ENV A=1 B="x y" C=a\ b D="""#),
        Instruction::Env(pairs(&[
            ("A", "1"),
            ("B", "\"x y\""),
            ("C", "a\\ b"),
            ("D", "\"\"")
        ]))
    );
    assert_eq!(
        one(r#"LABEL "com.x"="v 1" k=v"#),
        Instruction::Label(pairs(&[("\"com.x\"", "\"v 1\""), ("k", "v")]))
    );
}

#[test]
fn expose_volume() {
    assert_eq!(
        one("EXPOSE 80 53/udp"),
        Instruction::Expose(vec!["80".into(), "53/udp".into()])
    );
    assert_eq!(
        one(r#"VOLUME ["/a", "/b"]"#),
        Instruction::Volume(vec!["/a".into(), "/b".into()])
    );
    assert_eq!(
        one("VOLUME /a /b"),
        Instruction::Volume(vec!["/a".into(), "/b".into()])
    );
}

#[test]
fn copy_and_add() {
    let Instruction::Copy(c) =
        one("COPY --from=build --chown=1:2 --chmod=644 --link --parents a b* /dst/")
    else {
        panic!()
    };
    assert_eq!(
        (c.sources, c.dest.as_str()),
        (vec!["a".to_string(), "b*".to_string()], "/dst/")
    );
    assert_eq!(
        (c.from.as_deref(), c.chown.as_deref(), c.chmod.as_deref()),
        (Some("build"), Some("1:2"), Some("644"))
    );
    assert!(c.link && c.parents);
    let Instruction::Add(a) =
        one(r#"ADD --checksum=sha256:ab --keep-git-dir=true ["a b", "/c d"]"#)
    else {
        panic!()
    };
    assert_eq!(
        (a.sources, a.dest.as_str()),
        (vec!["a b".to_string()], "/c d")
    );
    assert!(a.keep_git_dir && !a.link);
    assert_eq!(a.checksum.as_deref(), Some("sha256:ab"));
}

#[test]
fn healthcheck_forms() {
    assert_eq!(
        one("HEALTHCHECK NONE"),
        Instruction::Healthcheck(Healthcheck::None)
    );
    let Instruction::Healthcheck(Healthcheck::Cmd(h)) = one(
        "HEALTHCHECK --interval=1m30s --timeout=3s --start-period=0 --start-interval=500ms --retries=3 CMD curl -f http://x/",
    ) else {
        panic!()
    };
    assert_eq!(h.command, sh("curl -f http://x/"));
    assert_eq!(h.interval, Some(Duration::from_secs(90)));
    assert_eq!(h.timeout, Some(Duration::from_secs(3)));
    assert_eq!(h.start_period, Some(Duration::ZERO));
    assert_eq!(h.start_interval, Some(Duration::from_millis(500)));
    assert_eq!(h.retries, Some(3));
    let Instruction::Healthcheck(Healthcheck::Cmd(h)) = one(r#"healthcheck cmd ["true"]"#) else {
        panic!()
    };
    assert_eq!((h.command, h.interval), (exec(&["true"]), None));
}

#[test]
fn onbuild_wraps_an_instruction() {
    assert_eq!(
        one("ONBUILD run echo hi"),
        Instruction::Onbuild(
            "run echo hi".into(),
            Box::new(Instruction::Run(crate::Run {
                command: sh("echo hi"),
                mounts: vec![],
                network: None,
                security: None,
                heredocs: vec![],
            }))
        )
    );
}

#[test]
fn continuations_comments_and_empty_lines() {
    let s = steps("RUN a \\\n  # a comment inside\n\n    b \\\n  c\n# between\n  env K=v \\\n");
    assert_eq!(
        s[0],
        Instruction::Run(crate::Run {
            command: sh("a     b   c"),
            mounts: vec![],
            network: None,
            security: None,
            heredocs: vec![],
        })
    );
    assert_eq!(
        s[1],
        Instruction::Env(pairs(&[("K", "v")])),
        "continuation at end of file"
    );
}

#[test]
fn directives_escape_and_syntax() {
    let df =
        parse("# syntax=docker/dockerfile:1\n# Escape = `\nFROM x\nRUN dir c:\\ `\n  && echo\n")
            .unwrap();
    assert_eq!(df.syntax.as_deref(), Some("docker/dockerfile:1"));
    assert_eq!(df.escape, '`');
    let Instruction::Run(r) = &df.stages[0].steps[0].instruction else {
        panic!()
    };
    assert_eq!(r.command, sh("dir c:\\   && echo"));
    assert_eq!(df.stages[0].steps[0].line, 4);
    // After a comment or an instruction, a directive is an ordinary comment.
    let df = parse("# hello\n# escape=`\nFROM x\n").unwrap();
    assert_eq!(df.escape, '\\');
    let df = parse("FROM x\n# escape=`\n").unwrap();
    assert_eq!(df.escape, '\\');
}

#[test]
fn heredocs() {
    let df = parse(
        "FROM x\nRUN <<EOF\necho $A\n  two\nEOF\nRUN <<-'END' cat > /f\n\tline\n\tEND\nCOPY <<A <<B /dst/\na\nA\nb\nB\nUSER u\n",
    )
    .unwrap();
    let st = &df.stages[0].steps;
    let Instruction::Run(r) = &st[0].instruction else {
        panic!()
    };
    assert_eq!(r.command, sh("<<EOF"));
    assert_eq!(
        (r.heredocs[0].content.as_str(), r.heredocs[0].expand),
        ("echo $A\n  two\n", true)
    );
    let Instruction::Run(r) = &st[1].instruction else {
        panic!()
    };
    let h = &r.heredocs[0];
    assert_eq!(
        (h.name.as_str(), h.content.as_str(), h.expand, h.strip_tabs),
        ("END", "line\n", false, true)
    );
    let Instruction::Copy(c) = &st[2].instruction else {
        panic!()
    };
    assert_eq!(c.sources, vec!["<<A".to_string(), "<<B".to_string()]);
    assert_eq!(
        c.heredocs
            .iter()
            .map(|h| h.content.as_str())
            .collect::<Vec<_>>(),
        ["a\n", "b\n"]
    );
    assert_eq!(
        (st[3].line, &st[3].instruction),
        (14, &Instruction::User("u".into()))
    );
}

#[test]
fn printed_file_reparses_identically() {
    let text = "# syntax=docker/dockerfile:1\n# escape=`\nARG V=1\nFROM --platform=p img:$V AS b\n\
        RUN --mount=type=cache,target=/c,sharing=private,mode=0700,ro --network=host -- --x\n\
        RUN <<-E sh\n\techo hi\n\tE\nENV A 1 2\nENV B=1 C=\"x y\"\nLABEL k=v\nEXPOSE 80\nVOLUME /v\n\
        COPY --from=b --link a \"b c\" /d\nADD <<X /f\nbody\nX\nSHELL [\"sh\",\"-c\"]\n\
        HEALTHCHECK --interval=1.5s --retries=2 CMD [\"true\"]\nHEALTHCHECK NONE\nONBUILD RUN x\n\
        STOPSIGNAL 9\nUSER u\nWORKDIR /w\nMAINTAINER m\nCMD x\nENTRYPOINT [\"y\"]\n";
    let df = parse(text).unwrap();
    let printed = df.to_string();
    let again = parse(&printed).unwrap();
    assert_eq!(again.stages[0].steps.len(), 19);
    for (a, b) in again.stages[0].steps.iter().zip(&df.stages[0].steps) {
        assert_eq!(a.instruction, b.instruction, "{printed}");
    }
    assert_eq!(
        (again.escape, again.syntax, again.global_args),
        (df.escape, df.syntax, df.global_args)
    );
    assert!(
        printed.contains("HEALTHCHECK --interval=1.5s --retries=2 CMD [\"true\"]"),
        "{printed}"
    );
}
