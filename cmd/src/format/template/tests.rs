//! The template engine against docker's and Go's outputs.

use super::*;
use serde_json::json;

#[test]
fn root_fields_name_what_a_template_reads_or_nothing_when_it_may_read_all() {
    let f = |src: &str| Template::parse(src).unwrap().root_fields();
    assert_eq!(
        f("{{.ID}}\t{{.State.Running}} {{if .Labels}}{{upper .Names}}{{end}} {{printf \"%s\" (lower .ID)}}"),
        Some(vec!["ID".into(), "State".into(), "Labels".into(), "Names".into()])
    );
    assert_eq!(f("plain text"), Some(vec![]));
    for all in [
        "{{json .}}",
        "{{.}}",
        "{{$.Names}}",
        "{{range .Mounts}}{{.}}{{end}}",
        "{{with .State}}{{.Pid}}{{end}}",
    ] {
        assert_eq!(f(all), None, "{all}");
    }
}

fn r(src: &str, data: &Value) -> String {
    Template::parse(src)
        .unwrap_or_else(|e| panic!("parse {src:?}: {e}"))
        .render(data)
        .unwrap_or_else(|e| panic!("render {src:?}: {e}"))
}

fn inspect() -> Value {
    json!({
        "Id": "4c01db0b339c",
        "Name": "/web",
        "State": {"Running": true, "Status": "running", "ExitCode": 0, "Pid": 1234},
        "Config": {"Image": "alpine:3.19", "Labels": {"a.b": "1", "z": "2"}, "Env": ["A=1", "B=2"], "Cmd": null},
        "Mounts": [{"Source": "/src1", "Destination": "/d1"}, {"Source": "/src2", "Destination": "/d2"}],
        "NetworkSettings": {"Ports": {"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}]}},
        "Size": 1000000,
        "Ratio": 0.5,
        "Empty": "",
        "Names": "web"
    })
}

#[test]
fn fields_and_missing_keys() {
    let d = inspect();
    assert_eq!(
        r("{{.State.Running}} {{.Config.Image}}", &d),
        "true alpine:3.19"
    );
    assert_eq!(r("{{.Nope}}", &d), "<no value>");
    assert_eq!(r("{{.Nope.Deeper.Still}}", &d), "<no value>");
    assert_eq!(r("{{.State.Nope.X}}", &d), "<no value>");
    assert_eq!(
        r("{{.Config.Cmd}}", &d),
        "[]",
        "Go prints a nil slice as []"
    );
    assert_eq!(r("{{.Size}} {{.Ratio}}", &d), "1000000 0.5");
    assert_eq!(r("plain text", &d), "plain text");
    assert_eq!(r("", &d), "");
}

#[test]
fn nil_slices_and_maps_print_like_go() {
    let d = json!({"Config": {"Entrypoint": null, "Volumes": null, "Healthcheck": null}});
    for (src, want) in [
        ("{{.Config.Entrypoint}} {{.Config.Volumes}}", "[] map[]"),
        (
            "{{json .Config.Entrypoint}} {{json .Config.Volumes}}",
            "null null",
        ),
        ("{{.Config.Healthcheck}}", "<nil>"),
        ("{{len .Config.Entrypoint}} {{len .Config.Volumes}}", "0 0"),
        ("{{printf \"%v\" .Config.Entrypoint}}", "[]"),
        ("{{join .Config.Entrypoint \",\"}}|", "|"),
        ("{{if .Config.Entrypoint}}y{{else}}n{{end}}", "n"),
        ("{{range .Config.Volumes}}x{{else}}none{{end}}", "none"),
        ("{{$e := .Config.Entrypoint}}{{$e}}", "[]"),
        ("{{.Config.Volumes.x}}", "<no value>"),
    ] {
        assert_eq!(r(src, &d), want, "{src}");
    }
}

#[test]
fn set_like_maps_print_go_s_empty_structs() {
    let d = json!({"Config": {"ExposedPorts": {"80/tcp": {}, "53/udp": {}}, "Volumes": {"/data": {}},
                              "Labels": {"empty": ""}}});
    assert_eq!(
        r("{{.Config.ExposedPorts}}", &d),
        "map[53/udp:{} 80/tcp:{}]"
    );
    assert_eq!(r("{{.Config.Volumes}}", &d), "map[/data:{}]");
    assert_eq!(r("{{.Config.Labels}}", &d), "map[empty:]");
    assert_eq!(r("{{json .Config.Volumes}}", &d), r#"{"/data":{}}"#);
}

#[test]
fn go_value_printing() {
    let d = inspect();
    assert_eq!(r("{{.Config.Labels}}", &d), "map[a.b:1 z:2]");
    assert_eq!(r("{{.Config.Env}}", &d), "[A=1 B=2]");
    assert_eq!(
        r("{{.Mounts}}", &d),
        "[map[Destination:/d1 Source:/src1] map[Destination:/d2 Source:/src2]]"
    );
    assert_eq!(
        r("{{.}}", &json!({"b": null, "a": [1, true]})),
        "map[a:[1 true] b:<nil>]"
    );
}

#[test]
fn json_function() {
    let d = inspect();
    assert_eq!(r("{{json .Config.Labels}}", &d), r#"{"a.b":"1","z":"2"}"#);
    assert_eq!(r("{{json .Nope}}", &d), "null");
    assert_eq!(r("{{json .Empty}}", &d), r#""""#);
    assert_eq!(
        r("{{.Mounts | json}}", &d),
        r#"[{"Destination":"/d1","Source":"/src1"},{"Destination":"/d2","Source":"/src2"}]"#
    );
}

#[test]
fn range_forms() {
    let d = inspect();
    assert_eq!(
        r("{{range .Mounts}}{{.Source}} {{end}}", &d),
        "/src1 /src2 "
    );
    assert_eq!(
        r(
            "{{range $i, $m := .Mounts}}{{$i}}={{$m.Destination}};{{end}}",
            &d
        ),
        "0=/d1;1=/d2;"
    );
    assert_eq!(
        r(
            "{{range $k, $v := .Config.Labels}}{{$k}}={{$v}},{{end}}",
            &d
        ),
        "a.b=1,z=2,"
    );
    assert_eq!(r("{{range .Config.Cmd}}x{{else}}none{{end}}", &d), "none");
    assert_eq!(r("{{range .Nope}}x{{else}}none{{end}}", &d), "none");
    assert_eq!(
        r(
            "{{range .Config.Env}}{{if eq . \"B=2\"}}{{break}}{{end}}{{.}} {{end}}",
            &d
        ),
        "A=1 "
    );
    assert_eq!(
        r(
            "{{range .Config.Env}}{{if eq . \"A=1\"}}{{continue}}{{end}}{{.}}{{end}}",
            &d
        ),
        "B=2"
    );
    assert_eq!(r("{{range $p, $conf := .NetworkSettings.Ports}}{{$p}} -> {{(index $conf 0).HostPort}}{{end}}", &d), "80/tcp -> 8080");
    assert_eq!(r("{{range .Mounts}}{{$.Name}}{{end}}", &d), "/web/web");
}

#[test]
fn if_else_with() {
    let d = inspect();
    assert_eq!(r("{{if .State.Running}}up{{else}}down{{end}}", &d), "up");
    assert_eq!(
        r("{{if .Empty}}a{{else if .Nope}}b{{else}}c{{end}}", &d),
        "c"
    );
    assert_eq!(
        r("{{if .Empty}}a{{else if .Size}}b{{else}}c{{end}}", &d),
        "b"
    );
    assert_eq!(r("{{with .State}}{{.Status}}{{end}}", &d), "running");
    assert_eq!(r("{{with .Nope}}{{.X}}{{else}}no{{end}}", &d), "no");
    assert_eq!(
        r("{{with .Nope}}x{{else with .State}}{{.Pid}}{{end}}", &d),
        "1234"
    );
    for falsy in [
        json!(""),
        json!(0),
        json!(false),
        json!(null),
        json!({}),
        json!([]),
        json!(0.0),
    ] {
        assert_eq!(r("{{if .}}t{{else}}f{{end}}", &falsy), "f", "{falsy}");
    }
    for truthy in [
        json!("x"),
        json!(1),
        json!(true),
        json!({"a": 1}),
        json!([0]),
        json!(-0.5),
    ] {
        assert_eq!(r("{{if .}}t{{else}}f{{end}}", &truthy), "t", "{truthy}");
    }
}

#[test]
fn variables() {
    let d = inspect();
    assert_eq!(r("{{$x := .State.Pid}}{{$x}}", &d), "1234");
    assert_eq!(r("{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}", &d), "2");
    assert_eq!(r("{{$.Names}}", &d), "web");
    assert!(Template::parse("{{$y}}").unwrap().render(&d).is_err());
}

#[test]
fn index_len_slice() {
    let d = inspect();
    assert_eq!(r(r#"{{index .Config.Labels "a.b"}}"#, &d), "1");
    // docker's: a string map's missing key is "" (a field lookup stays <no value>).
    assert_eq!(r(r#"{{index .Config.Labels "missing"}}"#, &d), "");
    assert_eq!(r("{{.Config.Labels.missing}}", &d), "<no value>");
    assert_eq!(
        r(r#"{{index .NetworkSettings.Ports "9/tcp"}}"#, &d),
        "<no value>"
    );
    assert_eq!(r("{{index .Config.Env 1}}", &d), "B=2");
    assert_eq!(
        r(
            r#"{{index .NetworkSettings.Ports "80/tcp" 0 "HostPort"}}"#,
            &d
        ),
        "8080"
    );
    assert_eq!(
        r(
            r#"{{(index (index .NetworkSettings.Ports "80/tcp") 0).HostPort}}"#,
            &d
        ),
        "8080"
    );
    assert_eq!(
        r("{{len .Mounts}} {{len .Config.Labels}} {{len .Names}}", &d),
        "2 2 3"
    );
    assert_eq!(r("{{slice .Id 0 4}}", &d), "4c01");
    let e = Template::parse("{{index .Config.Env 5}}")
        .unwrap()
        .render(&d)
        .unwrap_err();
    assert!(e.to_string().contains("index out of range: 5"), "{e}");
}

#[test]
fn printf_and_print() {
    let d = inspect();
    assert_eq!(r(r#"{{printf "%s-%d" .Names .State.Pid}}"#, &d), "web-1234");
    assert_eq!(r(r#"{{printf "%-6s|" .Names}}"#, &d), "web   |");
    assert_eq!(r(r#"{{printf "%6s|" .Names}}"#, &d), "   web|");
    assert_eq!(r(r#"{{printf "%q" .Names}}"#, &d), "\"web\"");
    assert_eq!(
        r(
            r#"{{printf "%v %v %v" .State.Running .Config.Cmd .Nope}}"#,
            &d
        ),
        "true [] <nil>"
    );
    assert_eq!(
        r(r#"{{printf "%05d|%x|%.2f|%t|%%" 42 255 3.14159 true}}"#, &d),
        "00042|ff|3.14|true|%"
    );
    assert_eq!(r(r#"{{printf "%d" "x"}}"#, &d), "%!d(string=x)");
    assert_eq!(r(r#"{{printf "%s"}}"#, &d), "%!s(MISSING)");
    assert_eq!(r(r#"{{printf "%s" "a" "b"}}"#, &d), "a%!(EXTRA string=b)");
    assert_eq!(r(r#"{{print "a" 1 2 "b"}}"#, &d), "a1 2b");
    assert_eq!(r(r#"{{println .Names 1}}"#, &d), "web 1\n");
    assert_eq!(
        r(r#"{{printf "%.3g|%g|%e" 1234.5 0.5 1234.5}}"#, &d),
        "1.23e+03|0.5|1.234500e+03"
    );
}

#[test]
fn docker_string_functions() {
    let d = inspect();
    assert_eq!(r("{{.Names | upper}}", &d), "WEB");
    assert_eq!(r("{{upper .Names | lower}}", &d), "web");
    assert_eq!(r(r#"{{title "hello wide-world"}}"#, &d), "Hello Wide-World");
    assert_eq!(r(r#"{{join .Config.Env ","}}"#, &d), "A=1,B=2");
    assert_eq!(r(r#"{{split "a:b:c" ":"}}"#, &d), "[a b c]");
    assert_eq!(r(r#"{{index (split "a:b:c" ":") 1}}"#, &d), "b");
    assert_eq!(r("{{truncate .Id 4}}", &d), "4c01");
    assert_eq!(r("{{truncate .Names 10}}", &d), "web");
    assert_eq!(r("{{pad .Names 1 2}}|", &d), " web  |");
}

#[test]
fn comparisons_and_logic() {
    let d = inspect();
    assert_eq!(r(r#"{{eq .State.Status "running"}}"#, &d), "true");
    assert_eq!(r(r#"{{eq .State.Status "exited" "running"}}"#, &d), "true");
    assert_eq!(r(r#"{{ne .State.ExitCode 0}}"#, &d), "false");
    assert_eq!(
        r("{{lt 1 2}} {{le 2 2}} {{gt 1.5 2}} {{ge 3 2}}", &d),
        "true true false true"
    );
    assert_eq!(r(r#"{{lt "a" "b"}}"#, &d), "true");
    assert_eq!(
        r("{{and .State.Running .Names}} {{and .Empty .Names}}", &d),
        "web "
    );
    assert_eq!(r("{{or .Empty .Names}} {{or .Empty 0}}", &d), "web 0");
    assert_eq!(r("{{not .Empty}} {{not .Names}}", &d), "true false");
    assert_eq!(
        r(
            "{{if and .State.Running (eq .State.ExitCode 0)}}ok{{end}}",
            &d
        ),
        "ok"
    );
    assert_eq!(r("{{eq .Nope nil}}", &d), "true");
    let e = Template::parse(r#"{{eq .Size "x"}}"#)
        .unwrap()
        .render(&d)
        .unwrap_err();
    assert!(
        e.to_string().contains("incompatible types for comparison"),
        "{e}"
    );
}

#[test]
fn trim_markers_and_comments() {
    let d = inspect();
    assert_eq!(r("a  {{- .Names -}}  \n b", &d), "awebb");
    assert_eq!(
        r("{{range .Config.Env}}\n  {{- .}}\n{{end}}", &d),
        "A=1\nB=2\n"
    );
    assert_eq!(r("x {{/* a comment */}} y", &d), "x  y");
    assert_eq!(r("x {{- /* trimmed */ -}} y", &d), "xy");
    assert_eq!(r("{{-3}}", &d), "-3");
}

#[test]
fn string_literals() {
    let d = inspect();
    assert_eq!(r(r#"{{"a\tb\n\"q\" \u00e9"}}"#, &d), "a\tb\n\"q\" é");
    assert_eq!(r("{{`raw\\t`}}", &d), "raw\\t");
    assert_eq!(r(r#"{{"}}"}}"#, &d), "}}");
}

#[test]
fn parse_errors() {
    for (src, msg) in [
        ("{{.Names", "unclosed action"),
        ("{{nosuch .X}}", "function \"nosuch\" not defined"),
        ("{{if .X}}a", "missing {{end}}"),
        ("{{end}}", "unexpected {{end}}"),
        ("{{else}}", "unexpected {{else}}"),
        ("{{(.X}}", "unclosed left paren"),
        ("{{.X)}}", "unexpected \")\""),
        ("{{\"abc}}", "unterminated quoted string"),
        ("{{|}}", "missing value for command"),
        ("{{define \"x\"}}{{end}}", "not supported"),
        ("{{.X | }}", "missing value for command"),
        ("a\n{{.X ^}}", ":2:"),
    ] {
        let e = Template::parse(src).expect_err(src).to_string();
        assert!(e.contains(msg), "{src:?}: {e}");
    }
}

#[test]
fn exec_errors() {
    let d = inspect();
    for (src, msg) in [
        (
            "{{.Names.First}}",
            "can't evaluate field First in type string",
        ),
        (
            "{{.Config.Cmd.X}}",
            "nil pointer evaluating interface {}.X (.Config.Cmd is null)",
        ),
        ("{{.Names | .Id}}", "can't give argument to non-function"),
        ("{{len .State.Running}}", "len of type bool"),
        ("{{range .Names}}{{end}}", "range can't iterate over web"),
        ("{{upper}}", "wrong number of args for upper"),
    ] {
        let e = Template::parse(src)
            .unwrap()
            .render(&d)
            .expect_err(src)
            .to_string();
        assert!(e.contains(msg), "{src:?}: {e}");
        assert!(e.starts_with("template: :1:"), "{e}");
    }
}

fn ri(src: &str, data: &Value) -> Result<String, String> {
    Template::parse(src)
        .unwrap()
        .render_inspect(data)
        .map_err(|e| e.to_string())
}

#[test]
fn inspect_missing_keys_are_errors_in_structs_only() {
    let mut d = inspect();
    d["Config"]["Volumes"] = Value::Null;
    for src in [
        "{{.Foo}}",
        "{{.State.Nope}}",
        "{{with .State}}{{.Nope}}{{end}}",
        "{{range .Mounts}}{{.Nope}}{{end}}",
        "{{$.Nope}}",
    ] {
        let e = ri(src, &d).expect_err(src);
        assert!(
            e.contains("map has no entry for key \"Nope\"") || e.contains("\"Foo\""),
            "{src}: {e}"
        );
    }
    assert_eq!(
        ri("{{.Foo}}", &d).unwrap_err(),
        "template: :1:1: executing \"\" at <.Foo>: map has no entry for key \"Foo\""
    );
    for (src, want) in [
        ("{{.Config.Labels.nope}}", "<no value>"),
        ("{{.Config.Labels.nope.x}}", "<no value>"),
        ("{{.Config.Volumes.x}}", "<no value>"),
        ("{{with .Config.Labels}}{{.nope}}{{end}}", "<no value>"),
        ("{{.NetworkSettings.Ports.x}}", "<no value>"),
        ("{{.State.Status}} {{json .State.Pid}}", "running 1234"),
        ("{{index .Config.Labels \"a.b\"}}", "1"),
    ] {
        assert_eq!(ri(src, &d).as_deref(), Ok(want), "{src}");
    }
    assert!(ri("{{.Config.Cmd.X}}", &d)
        .unwrap_err()
        .contains("nil pointer"));
    assert_eq!(
        ri("{{.SizeRw}} {{.State.Health}} {{.Config.Healthcheck}}", &d).as_deref(),
        Ok("<nil> <nil> <nil>")
    );
    assert!(ri("{{.State.Health.Status}}", &d)
        .unwrap_err()
        .contains("nil pointer"));
    assert_eq!(r("{{.Foo}}", &d), "<no value>", "render keeps Go's default");
}

/// docker's CLI runs an inspect template on its Go structs first: a field their JSON omits
/// when empty is there, empty, and the id is also the field `ID`.
#[test]
fn inspect_sees_the_fields_docker_s_json_omits() {
    let d = json!({"Id": "sha256:abc", "RepoTags": [], "Os": "linux",
                   "Config": {"Cmd": ["sh"], "Env": []}});
    for (src, want) in [
        ("{{.ID}}", "sha256:abc"),
        (
            "{{.Config.ExposedPorts}} {{json .Config.ExposedPorts}}",
            "map[] null",
        ),
        (
            "{{range $p, $_ := .Config.ExposedPorts}}{{$p}}{{end}}|",
            "|",
        ),
        ("{{.Config.Shell}} {{.Config.Volumes}}", "[] map[]"),
        ("{{.Config.StopSignal}}|{{.Variant}}|", "||"),
        (
            "{{.Config.StopTimeout}} {{.Config.ArgsEscaped}}",
            "<nil> false",
        ),
    ] {
        assert_eq!(ri(src, &d).as_deref(), Ok(want), "{src}");
    }
    assert!(ri("{{.Config.Nope}}", &d)
        .unwrap_err()
        .contains("map has no entry for key \"Nope\""));
    // podman 4's `.State.Healthcheck` is `.State.Health`.
    let health = json!({"State": {"Health": {"Status": "healthy"}}, "Config": {}});
    assert_eq!(
        ri(
            "{{.State.Healthcheck.Status}} {{.Config.Healthcheck}}",
            &health
        )
        .as_deref(),
        Ok("healthy <nil>")
    );
    // Under a map (labels), a missing key is Go's "no value", not an empty field.
    let labels = json!({"Config": {"Labels": {"a": "1"}}});
    for key in ["Shell", "StopSignal", "ArgsEscaped", "ID"] {
        assert_eq!(
            ri(&format!("{{{{.Config.Labels.{key}}}}}"), &labels).as_deref(),
            Ok("<no value>"),
            "{key}"
        );
    }
}

#[test]
fn check_fields_rejects_unknown_root_fields() {
    let known = ["Names", "Label", "Mounts"];
    let check = |src: &str| {
        Template::parse(src)
            .unwrap()
            .check_fields(&known, "*formatter.ContainerContext")
            .map_err(|e| e.to_string())
    };
    assert_eq!(
        check("{{.Nmes}}").unwrap_err(),
        "template: :1:1: executing \"\" at <.Nmes>: can't evaluate field Nmes in type \
         *formatter.ContainerContext"
    );
    for bad in [
        "{{if .Nope}}x{{end}}",
        "{{$.Nope}}",
        "{{upper (.Nope)}}",
        "{{range .Nope}}{{end}}",
    ] {
        assert!(check(bad).unwrap_err().contains("field Nope"), "{bad}");
    }
    for good in [
        "{{.Names}}",
        "{{.Label \"com.example\"}}",
        "{{json .}}",
        "{{range .Mounts}}{{.Anything}}{{end}}",
        "{{with .Names}}{{.X}}{{else}}{{.Names}}{{end}}",
        "plain",
    ] {
        assert_eq!(check(good), Ok(()), "{good}");
    }
}

#[test]
fn docker_method_style_label() {
    let d = json!({"Label": {"com.example": "x"}, "Names": "web"});
    assert_eq!(r(r#"{{.Label "com.example"}}"#, &d), "x");
    assert_eq!(r(r#"{{"com.example" | .Label}}"#, &d), "x");
    assert_eq!(
        r(r#"{{.Label "other"}}"#, &d),
        "",
        "docker's Label methods return strings"
    );
    assert!(Template::parse(r#"{{.Names "x"}}"#)
        .unwrap()
        .render(&d)
        .is_err());
}

#[test]
fn header_mode_passes_titles_through_functions() {
    let t = Template::parse(
        r#"{{.Names | upper}}\t{{json .Labels}}\t{{truncate .ID 3}}\t{{join .Ports ","}}"#,
    )
    .unwrap();
    let h = json!({"Names": "NAMES", "Labels": "LABELS", "ID": "CONTAINER ID", "Ports": "PORTS"});
    assert_eq!(
        t.render_header(&h).unwrap(),
        "NAMES\\tLABELS\\tCONTAINER ID\\tPORTS"
    );
}

#[test]
fn structural_limits() {
    assert!(Template::parse("{{break}}")
        .unwrap_err()
        .to_string()
        .contains("outside {{range}}"));
    assert!(Template::parse("{{if 1}}{{continue}}{{end}}").is_err());
    assert!(Template::parse("{{}}")
        .unwrap_err()
        .to_string()
        .contains("missing value"));
    let deep = format!("{{{{{}1{}}}}}", "(".repeat(200), ")".repeat(200));
    assert!(Template::parse(&deep)
        .unwrap_err()
        .to_string()
        .contains("nests deeper"));
    let deep_if = format!("{}x{}", "{{if 1}}".repeat(200), "{{end}}".repeat(200));
    assert!(Template::parse(&deep_if)
        .unwrap_err()
        .to_string()
        .contains("nests deeper"));
    let ok = format!("{}x{}", "{{if 1}}".repeat(50), "{{end}}".repeat(50));
    assert_eq!(r(&ok, &json!(null)), "x");
    let e = Template::parse("{{range 3}}{{end}}")
        .unwrap()
        .render(&json!(null))
        .unwrap_err();
    assert!(e.to_string().contains("range can't iterate over 3"), "{e}");
}

#[test]
fn fields_for_headers() {
    let t =
        Template::parse("{{.ID}}\t{{.State.Running}}{{range .Mounts}}{{.Source}}{{end}}{{.ID}}")
            .unwrap();
    assert_eq!(
        t.fields(),
        vec![
            vec!["ID".to_string()],
            vec!["State".into(), "Running".into()],
            vec!["Mounts".into()]
        ]
    );
}
