//! Go's `fmt` printing rules for template values: `%v` (`map[k:v]`, `[a b]`, `<nil>`,
//! `<no value>`), `Sprint`, `Sprintln`, `Sprintf` verbs, `%g`, quoting, truthiness and JSON
//! (docker's `json` function does not escape HTML; `inspect`'s indented output does).

use serde_json::{Number, Value};
use std::fmt::Write as _;

/// A value during template execution: JSON, or Go's "no value" (a missing map key).
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// A key absent from a map; prints as `<no value>`.
    Missing,
    /// A JSON value (JSON null prints as `<nil>`).
    J(Value),
    /// A JSON null that docker's struct holds as a nil slice or map (`Config.Entrypoint`,
    /// `Config.Volumes`): prints as `[]` or `map[]`, and is `null` to `json`.
    Nil(NilKind),
}

/// The Go type of a [`Val::Nil`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NilKind {
    /// A nil slice (`[]`).
    Slice,
    /// A nil map (`map[]`).
    Map,
}

impl Val {
    /// The value a function receives: nil for a missing key, and for a nil slice or map the
    /// JSON null (`json`, which prints `null` as Go does) or an empty list or object.
    pub fn for_func(self, func: &str) -> Val {
        match self {
            Val::Missing => Val::J(Value::Null),
            Val::Nil(_) if func == "json" => Val::J(Value::Null),
            Val::Nil(NilKind::Slice) => Val::J(Value::Array(Vec::new())),
            Val::Nil(NilKind::Map) => Val::J(Value::Object(serde_json::Map::new())),
            v => v,
        }
    }
}

/// Go's template truthiness: false, 0, "", nil, empty maps and slices are false.
pub fn is_true(v: &Val) -> bool {
    match v {
        Val::Missing | Val::J(Value::Null) | Val::Nil(_) => false,
        Val::J(Value::Bool(b)) => *b,
        Val::J(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
        Val::J(Value::String(s)) => !s.is_empty(),
        Val::J(Value::Array(a)) => !a.is_empty(),
        Val::J(Value::Object(o)) => !o.is_empty(),
    }
}

/// The Go type a value has after `encoding/json` decoding, for error messages.
pub fn go_type(v: &Val) -> &'static str {
    match v {
        Val::Missing | Val::J(Value::Null) => "<nil>",
        Val::J(Value::Bool(_)) => "bool",
        Val::J(Value::Number(_)) => "float64",
        Val::J(Value::String(_)) => "string",
        Val::J(Value::Array(_)) | Val::Nil(NilKind::Slice) => "[]interface {}",
        Val::J(Value::Object(_)) | Val::Nil(NilKind::Map) => "map[string]interface {}",
    }
}

/// Appends `v` formatted as Go's `%v`; integral numbers print without a fraction.
pub fn go_print(out: &mut String, v: &Val) {
    match v {
        Val::Missing => out.push_str("<no value>"),
        Val::Nil(NilKind::Slice) => out.push_str("[]"),
        Val::Nil(NilKind::Map) => out.push_str("map[]"),
        Val::J(j) => print_json(out, j),
    }
}

fn print_json(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("<nil>"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&number_v(n)),
        Value::String(s) => out.push_str(s),
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                print_json(out, x);
            }
            out.push(']');
        }
        Value::Object(m) => {
            out.push_str("map[");
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(k);
                out.push(':');
                match &m[k] {
                    // A map's empty-object value is docker's `struct{}` (the set-like maps
                    // `ExposedPorts` and `Volumes`), which Go prints as `{}`.
                    Value::Object(inner) if inner.is_empty() => out.push_str("{}"),
                    value => print_json(out, value),
                }
            }
            out.push(']');
        }
    }
}

/// `%v` of a number: integers as integers, other floats in their shortest form.
pub fn number_v(n: &Number) -> String {
    if n.is_i64() || n.is_u64() {
        return n.to_string();
    }
    let f = n.as_f64().unwrap_or(0.0);
    if f.fract() == 0.0 && f.abs() < 1e21 {
        format!("{f:.0}")
    } else {
        format_g(f, None)
    }
}

/// `%v` of a value as a new string.
pub fn sprint_v(v: &Val) -> String {
    let mut s = String::new();
    go_print(&mut s, v);
    s
}

/// Go's `fmt.Sprint`: spaces between operands when neither side is a string.
pub fn go_sprint(args: &[Val]) -> String {
    let mut out = String::new();
    let is_str = |v: &Val| matches!(v, Val::J(Value::String(_)));
    for (i, a) in args.iter().enumerate() {
        if i > 0 && !is_str(a) && !is_str(&args[i - 1]) {
            out.push(' ');
        }
        go_print(&mut out, a);
    }
    out
}

/// Go's `fmt.Sprintln`: operands separated by spaces, then a newline.
pub fn go_sprintln(args: &[Val]) -> String {
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        go_print(&mut out, a);
    }
    out.push('\n');
    out
}

/// Go's `%.{prec}g` (or the shortest `%g` when `prec` is `None`), trailing zeros removed.
pub fn format_g(x: f64, prec: Option<usize>) -> String {
    if x == 0.0 {
        return "0".into();
    }
    if !x.is_finite() {
        return if x.is_nan() {
            "NaN".into()
        } else if x > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    let sci = match prec {
        Some(p) => format!("{:.*e}", p.max(1) - 1, x),
        None => format!("{x:e}"),
    };
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits = mant.chars().filter(char::is_ascii_digit).count() as i32;
    let eprec = match prec {
        Some(p) => p.max(1) as i32,
        None => 6,
    };
    if exp < -4 || exp >= eprec {
        let mant = trim_zeros(mant);
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{mant}e{sign}{:02}", exp.abs())
    } else {
        let decimals = (digits - 1 - exp).max(0) as usize;
        trim_zeros(&format!("{x:.decimals$}")).to_string()
    }
}

fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

/// Go's `strconv.Quote`.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            '\x0b' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Compact JSON as docker's `json` template function writes it (Go's encoder with HTML
/// escaping turned off).
pub fn json_string(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

/// Applies Go's HTML-safe escaping to serialized JSON.
pub fn go_escape_json(s: String) -> String {
    if !s.contains(['<', '>', '&', '\u{2028}', '\u{2029}']) {
        return s;
    }
    // Outside strings JSON never contains these characters, so a plain replace is exact.
    s.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// Go's `fmt.Sprintf` for the verbs templates use: `%v %s %q %d %f %F %e %g %t %x %X %o %b %c
/// %%`, flags `- + 0 space #`, width and precision (also `*`).
pub fn go_sprintf(format: &str, args: &[Val]) -> String {
    let mut out = String::new();
    let mut argi = 0;
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut spec = Spec::default();
        while let Some(&f) = chars.peek() {
            match f {
                '-' => spec.minus = true,
                '+' => spec.plus = true,
                '0' => spec.zero = true,
                ' ' => spec.space = true,
                '#' => spec.sharp = true,
                _ => break,
            }
            chars.next();
        }
        let star = |argi: &mut usize| {
            let v = args.get(*argi).and_then(|a| match a {
                Val::J(Value::Number(n)) => n.as_i64(),
                _ => None,
            });
            *argi += 1;
            v.map(|v| v.clamp(0, 1_000_000) as usize)
        };
        if chars.peek() == Some(&'*') {
            chars.next();
            spec.width = star(&mut argi);
        } else {
            spec.width = read_num(&mut chars);
        }
        if chars.peek() == Some(&'.') {
            chars.next();
            if chars.peek() == Some(&'*') {
                chars.next();
                spec.prec = star(&mut argi);
            } else {
                spec.prec = Some(read_num(&mut chars).unwrap_or(0));
            }
        }
        let Some(verb) = chars.next() else {
            out.push_str("%!(NOVERB)");
            break;
        };
        if verb == '%' {
            out.push('%');
            continue;
        }
        let Some(arg) = args.get(argi) else {
            let _ = write!(out, "%!{verb}(MISSING)");
            continue;
        };
        argi += 1;
        let body = format_verb(verb, arg, &spec)
            .unwrap_or_else(|| format!("%!{verb}({}={})", go_type(arg), sprint_v(arg)));
        out.push_str(&spec.pad(body));
    }
    if argi < args.len() {
        out.push_str("%!(EXTRA ");
        for (i, a) in args[argi..].iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "{}={}", go_type(a), sprint_v(a));
        }
        out.push(')');
    }
    out
}

fn read_num(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<usize> {
    let mut n: Option<usize> = None;
    while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
        n = Some((n.unwrap_or(0) * 10 + d as usize).min(1_000_000));
        chars.next();
    }
    n
}

#[derive(Default)]
struct Spec {
    minus: bool,
    plus: bool,
    zero: bool,
    space: bool,
    sharp: bool,
    width: Option<usize>,
    prec: Option<usize>,
}

impl Spec {
    fn pad(&self, body: String) -> String {
        let Some(width) = self.width else { return body };
        let len = body.chars().count();
        if len >= width {
            return body;
        }
        let fill = width - len;
        if self.minus {
            format!("{body}{}", " ".repeat(fill))
        } else if self.zero {
            let (sign, rest) = match body.chars().next() {
                Some(c @ ('-' | '+')) => (c.to_string(), &body[1..]),
                _ => (String::new(), &body[..]),
            };
            format!("{sign}{}{rest}", "0".repeat(fill))
        } else {
            format!("{}{body}", " ".repeat(fill))
        }
    }

    fn sign(&self, negative: bool) -> &'static str {
        if negative {
            "-"
        } else if self.plus {
            "+"
        } else if self.space {
            " "
        } else {
            ""
        }
    }
}

fn as_int(v: &Val) -> Option<i128> {
    match v {
        Val::J(Value::Number(n)) => n
            .as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from))
            .or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 1e38)
                    .map(|f| f as i128)
            }),
        _ => None,
    }
}

fn format_verb(verb: char, arg: &Val, spec: &Spec) -> Option<String> {
    let num = match arg {
        Val::J(Value::Number(n)) => n.as_f64(),
        _ => None,
    };
    let string = match arg {
        Val::J(Value::String(s)) => Some(s.as_str()),
        _ => None,
    };
    let truncate = |s: &str| match spec.prec {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    };
    Some(match verb {
        'v' => match (arg, num) {
            (_, Some(f)) if spec.prec.is_some() => {
                format!("{}{}", spec.sign(f < 0.0), format_g(f.abs(), spec.prec))
            }
            (Val::J(Value::Number(n)), Some(_)) if spec.plus && !n.is_f64() => {
                let s = number_v(n);
                if s.starts_with('-') {
                    s
                } else {
                    format!("+{s}")
                }
            }
            _ => sprint_v(arg),
        },
        's' => match arg {
            Val::J(Value::String(s)) => truncate(s),
            Val::J(Value::Array(_)) | Val::J(Value::Object(_)) => truncate(&sprint_v(arg)),
            _ => return None,
        },
        'q' => go_quote(string?),
        't' => match arg {
            Val::J(Value::Bool(b)) => b.to_string(),
            _ => return None,
        },
        'd' => {
            let i = as_int(arg)?;
            format!("{}{}", spec.sign(i < 0), i.unsigned_abs())
        }
        'c' => char::from_u32(u32::try_from(as_int(arg)?).ok()?)?.to_string(),
        'o' | 'b' | 'x' | 'X' if string.is_some() && matches!(verb, 'x' | 'X') => {
            let s: String = string?.bytes().map(|b| format!("{b:02x}")).collect();
            if verb == 'X' {
                s.to_uppercase()
            } else {
                s
            }
        }
        'o' | 'b' | 'x' | 'X' => {
            let i = as_int(arg)?;
            let a = i.unsigned_abs();
            let (digits, prefix) = match verb {
                'o' => (format!("{a:o}"), "0"),
                'b' => (format!("{a:b}"), "0b"),
                'x' => (format!("{a:x}"), "0x"),
                _ => (format!("{a:X}"), "0X"),
            };
            let prefix = if spec.sharp { prefix } else { "" };
            format!("{}{prefix}{digits}", spec.sign(i < 0))
        }
        'f' | 'F' => {
            let f = num?;
            let p = spec.prec.unwrap_or(6);
            format!("{}{:.*}", spec.sign(f < 0.0), p, f.abs())
        }
        'e' | 'E' => {
            let f = num?;
            let s = format!("{:.*e}", spec.prec.unwrap_or(6), f.abs());
            let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
            let e: i32 = e.parse().unwrap_or(0);
            let s = format!(
                "{}{m}e{}{:02}",
                spec.sign(f < 0.0),
                if e < 0 { '-' } else { '+' },
                e.abs()
            );
            if verb == 'E' {
                s.to_uppercase()
            } else {
                s
            }
        }
        'g' | 'G' => {
            let f = num?;
            let s = format!("{}{}", spec.sign(f < 0.0), format_g(f.abs(), spec.prec));
            if verb == 'G' {
                s.to_uppercase()
            } else {
                s
            }
        }
        _ => return None,
    })
}
