use std::collections::BTreeMap;

use crate::subst::{expand_heredoc, expand_word, SubstError};
use crate::{parse, CopyArgs, From, Instruction};

fn scope() -> BTreeMap<String, String> {
    [
        ("A", "1"),
        ("E", ""),
        ("P", "/srv"),
        ("PORTS", "80 443/udp"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn x(word: &str) -> String {
    expand_word(word, &scope(), '\\').unwrap()
}

#[test]
fn variables_and_modifiers() {
    assert_eq!(x("$A-${A}_$P/x"), "1-1_/srv/x");
    assert_eq!(x("$UNSET|${UNSET}|"), "||");
    assert_eq!(x("${A:-d} ${E:-d} ${U:-d} ${E-d} ${U-d}"), "1 d d  d");
    assert_eq!(x("${A:+y} ${E:+y} ${U:+y} ${E+y} ${U+y}"), "y   y ");
    assert_eq!(x("${U:-${P:-z}/a}"), "/srv/a", "nested");
    assert_eq!(x("$ a$ $/"), "$ a$ $/", "a $ not before a name is literal");
    // As docker 20.10 does (checked with its ENV): positional and special parameters are unset.
    assert_eq!(x("x$1y p$$q $?$10 ${1}"), "xy pq  ");
    assert_eq!(x("${A?} ${E?}"), "1 ");
}

#[test]
fn quotes_and_escapes() {
    assert_eq!(x(r"\$A \${A} a\ b"), "$A ${A} a b");
    assert_eq!(x(r#""$A $P" '$A' "\"\$\\x\n""#), r#"1 /srv $A "$\x\n"#);
    assert_eq!(expand_word("`$A", &scope(), '`').unwrap(), "$A");
    assert_eq!(expand_word(r"c:\$A", &scope(), '`').unwrap(), r"c:\1");
}

#[test]
fn heredoc_bodies_keep_quotes_and_take_backslash_escapes() {
    let h = |body: &str| expand_heredoc(body, &scope()).unwrap();
    assert_eq!(h("$A \"$P\" '${A}'\n"), "1 \"/srv\" '1'\n");
    assert_eq!(
        h(r"\$A a\\b \n"),
        r"$A a\b n",
        "the backslash escapes as BuildKit's does"
    );
    assert_eq!(
        h("say $1 ${U:-it's}\n"),
        "say  it's\n",
        "unset is empty, quotes in a default stay"
    );
    assert_eq!(
        h("it's \"open\n"),
        "it's \"open\n",
        "an unbalanced quote is only a character"
    );
    assert!(expand_heredoc("${A\n", &scope()).is_err());
}

#[test]
fn copy_and_add_heredocs_expand_unless_the_delimiter_is_quoted() {
    let df = parse(concat!(
        "FROM x\n",
        "COPY <<EOT /a\n\"$P\" $A\nEOT\n",
        "ADD <<\"EOT\" /b\n\"$P\" $A\nEOT\n",
        "RUN <<EOT\necho $P\nEOT\n",
    ))
    .unwrap();
    let bodies: Vec<String> = df.stages[0]
        .steps
        .iter()
        .map(|s| match s.instruction.expand(&scope(), '`').unwrap() {
            Instruction::Copy(c) | Instruction::Add(c) => c.heredocs[0].content.clone(),
            Instruction::Run(r) => r.heredocs[0].content.clone(),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(bodies, ["\"/srv\" 1\n", "\"$P\" $A\n", "echo $P\n"]);
}

#[test]
fn errors() {
    let e = |w: &str| expand_word(w, &scope(), '\\').unwrap_err();
    assert_eq!(e("'abc"), SubstError::Unterminated("single-quote"));
    assert_eq!(e("\"abc"), SubstError::Unterminated("double-quote"));
    assert!(matches!(e("${A"), SubstError::Bad(_)));
    assert!(matches!(e("${}"), SubstError::Bad(_)));
    assert!(matches!(e("${A/x/y}"), SubstError::Bad(_)));
    assert_eq!(e("${E:?need E}").to_string(), "E: need E");
    assert_eq!(e("${U?}").to_string(), "U: is not allowed to be unset");
}

#[test]
fn instruction_expand_applies_where_docker_does() {
    let df = parse(
        "FROM base:$A AS s\nENV K=$P \"Q\"=\"$A b\"\nLABEL l=${A}\nEXPOSE $PORTS 8$A\nVOLUME $P/v\nUSER u$A\nWORKDIR $P\nSTOPSIGNAL SIG$A\nCOPY --chown=$A --from=s$A $P/a \\$P\nRUN echo $P\nCMD echo $P\nONBUILD WORKDIR $P\nARG X=$P\n",
    )
    .unwrap();
    let s = scope();
    let st: Vec<Instruction> = df.stages[0]
        .steps
        .iter()
        .map(|s| s.instruction.expand(&scope(), '\\').unwrap())
        .collect();
    let from = Instruction::From(df.stages[0].from.clone())
        .expand(&s, '\\')
        .unwrap();
    assert_eq!(
        from,
        Instruction::From(From {
            image: "base:1".into(),
            platform: None,
            name: Some("s".into())
        })
    );
    assert_eq!(
        st[0],
        Instruction::Env(vec![
            ("K".into(), "/srv".into()),
            ("Q".into(), "1 b".into())
        ])
    );
    assert_eq!(st[1], Instruction::Label(vec![("l".into(), "1".into())]));
    assert_eq!(
        st[2],
        Instruction::Expose(vec!["80".into(), "443/udp".into(), "81".into()])
    );
    assert_eq!(st[3], Instruction::Volume(vec!["/srv/v".into()]));
    assert_eq!(st[4], Instruction::User("u1".into()));
    assert_eq!(st[5], Instruction::Workdir("/srv".into()));
    assert_eq!(st[6], Instruction::Stopsignal("SIG1".into()));
    assert_eq!(
        st[7],
        Instruction::Copy(CopyArgs {
            sources: vec!["/srv/a".into()],
            dest: "$P".into(),
            from: Some("s1".into()),
            chown: Some("1".into()),
            ..CopyArgs::default()
        })
    );
    for (i, step) in [(8, 9), (9, 10), (10, 11)] {
        assert_eq!(
            st[i], df.stages[0].steps[i].instruction,
            "line {step} is not expanded"
        );
    }
    let Instruction::Arg(a) = &st[11] else {
        panic!()
    };
    assert_eq!(a[0].default.as_deref(), Some("/srv"));
}

/// What docker 20.10's builder put in the image config for these lines (checked with
/// `docker image inspect`): EXPOSE splits an expanded list, quotes go in ENV and LABEL.
#[test]
fn expanded_config_matches_docker() {
    let df = parse("FROM b\nENV P=\"80 443/udp\"\nEXPOSE $P\nENV A \"x y\" \nLABEL  \"q r\"=\"s t\" u=v\nLABEL u v w\n").unwrap();
    let mut scope = BTreeMap::new();
    let mut got = Vec::new();
    for step in &df.stages[0].steps {
        let ins = step.instruction.expand(&scope, df.escape).unwrap();
        if let Instruction::Env(pairs) = &ins {
            scope.extend(pairs.iter().cloned());
        }
        got.push(ins);
    }
    let p = |v: &[(&str, &str)]| {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    assert_eq!(
        got,
        [
            Instruction::Env(p(&[("P", "80 443/udp")])),
            Instruction::Expose(vec!["80".into(), "443/udp".into()]),
            Instruction::Env(p(&[("A", "x y")])),
            Instruction::Label(p(&[("q r", "s t"), ("u", "v")])),
            Instruction::Label(p(&[("u", "v w")])),
        ]
    );
}
