//! The functions templates can call: Go's builtins (`len`, `index`, `slice`, `print*`,
//! comparisons, `not`; `and`/`or` are evaluated lazily by the executor) and docker's additions
//! (`json`, `join`, `split`, `upper`, `lower`, `title`, `truncate`, `pad`).

use serde_json::Value;
use std::cmp::Ordering;

use super::gofmt::{
    go_sprint, go_sprintf, go_sprintln, go_type, is_true, json_string, sprint_v, Val,
};

/// Calls the function `name` (already checked to exist at parse time) with `args`.
pub fn call(name: &str, args: &[Val]) -> Result<Val, String> {
    let want = |n: usize| -> Result<(), String> {
        if args.len() == n {
            Ok(())
        } else {
            Err(format!(
                "wrong number of args for {name}: want {n} got {}",
                args.len()
            ))
        }
    };
    let s = |v: String| Ok(Val::J(Value::String(v)));
    match name {
        "not" => {
            want(1)?;
            Ok(Val::J(Value::Bool(!is_true(&args[0]))))
        }
        "and" | "or" => {
            let pick = args.iter().find(|a| is_true(a) == (name == "or"));
            Ok(pick.or(args.last()).cloned().unwrap_or(Val::Missing))
        }
        "len" => {
            want(1)?;
            let n = match &args[0] {
                Val::J(Value::String(s)) => s.len(),
                Val::J(Value::Array(a)) => a.len(),
                Val::J(Value::Object(o)) => o.len(),
                other => return Err(format!("len of type {}", go_type(other))),
            };
            Ok(Val::J(Value::from(n)))
        }
        "index" => index(args),
        "slice" => slice(args),
        "print" => s(go_sprint(args)),
        "println" => s(go_sprintln(args)),
        "printf" => match args.split_first() {
            Some((Val::J(Value::String(f)), rest)) => s(go_sprintf(f, rest)),
            Some((other, _)) => Err(format!("format must be a string, not {}", go_type(other))),
            None => Err("wrong number of args for printf: want at least 1 got 0".into()),
        },
        "eq" => {
            if args.len() < 2 {
                return Err("missing argument for comparison".into());
            }
            for b in &args[1..] {
                if compare(&args[0], b)? == Some(Ordering::Equal) {
                    return Ok(Val::J(Value::Bool(true)));
                }
            }
            Ok(Val::J(Value::Bool(false)))
        }
        "ne" | "lt" | "le" | "gt" | "ge" => {
            want(2)?;
            let ord = compare(&args[0], &args[1])?;
            if name != "ne" && ord.is_none() {
                return Err(format!(
                    "invalid type for comparison: {}",
                    go_type(&args[0])
                ));
            }
            let r = match name {
                "ne" => ord != Some(Ordering::Equal),
                "lt" => ord == Some(Ordering::Less),
                "le" => ord != Some(Ordering::Greater),
                "gt" => ord == Some(Ordering::Greater),
                _ => ord != Some(Ordering::Less),
            };
            Ok(Val::J(Value::Bool(r)))
        }
        "json" => {
            want(1)?;
            s(match &args[0] {
                Val::Missing | Val::Nil(_) => "null".into(),
                Val::J(j) => json_string(j),
            })
        }
        "join" => {
            want(2)?;
            let sep = sprint_v(&args[1]);
            match &args[0] {
                Val::J(Value::Array(a)) => s(a
                    .iter()
                    .map(|x| sprint_v(&Val::J(x.clone())))
                    .collect::<Vec<_>>()
                    .join(&sep)),
                Val::Missing | Val::J(Value::Null) => s(String::new()),
                other => Err(format!("join of type {}, want a list", go_type(other))),
            }
        }
        "split" => {
            want(2)?;
            let (text, sep) = (sprint_v(&args[0]), sprint_v(&args[1]));
            let parts: Vec<Value> = if sep.is_empty() {
                text.chars().map(|c| Value::String(c.to_string())).collect()
            } else {
                text.split(sep.as_str())
                    .map(|p| Value::String(p.to_string()))
                    .collect()
            };
            Ok(Val::J(Value::Array(parts)))
        }
        "upper" => {
            want(1)?;
            s(sprint_v(&args[0]).to_uppercase())
        }
        "lower" => {
            want(1)?;
            s(sprint_v(&args[0]).to_lowercase())
        }
        "title" => {
            want(1)?;
            s(title(&sprint_v(&args[0])))
        }
        "truncate" => {
            want(2)?;
            let n = int_arg(&args[1], "truncate")?;
            s(sprint_v(&args[0]).chars().take(n).collect())
        }
        "pad" => {
            want(3)?;
            let text = sprint_v(&args[0]);
            if text.is_empty() {
                return s(text);
            }
            let (pre, post) = (int_arg(&args[1], "pad")?, int_arg(&args[2], "pad")?);
            s(format!("{}{text}{}", " ".repeat(pre), " ".repeat(post)))
        }
        _ => Err(format!("function {name:?} not defined")),
    }
}

fn int_arg(v: &Val, func: &str) -> Result<usize, String> {
    match v {
        Val::J(Value::Number(n)) => match n.as_u64() {
            Some(i) => Ok(i.min(1 << 20) as usize),
            None => Err(format!(
                "{func}: {} is not a non-negative integer",
                sprint_v(v)
            )),
        },
        other => Err(format!(
            "{func}: expected an integer, got {}",
            go_type(other)
        )),
    }
}

/// Go's `strings.Title`: the first letter of every word in upper case.
fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_sep = true;
    for c in s.chars() {
        if prev_sep {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        prev_sep = !(c.is_alphanumeric() || c == '_');
    }
    out
}

fn index(args: &[Val]) -> Result<Val, String> {
    let Some((first, keys)) = args.split_first() else {
        return Err("wrong number of args for index: want at least 1 got 0".into());
    };
    let mut v = first.clone();
    for k in keys {
        v = match (v, k) {
            // Go's index gives a missing key's zero value: "" from docker's string maps
            // (labels, options), told here by their values; <no value> from the others.
            (Val::J(Value::Object(mut m)), Val::J(Value::String(key))) => match m.remove(key) {
                Some(v) => Val::J(v),
                None if m.values().all(Value::is_string) => Val::J(Value::String(String::new())),
                None => Val::Missing,
            },
            (Val::J(Value::Object(_)), other) => {
                return Err(format!(
                    "value has type {}; should be string",
                    go_type(other)
                ))
            }
            (Val::J(Value::Array(mut a)), k) => {
                let i = int_index(k)?;
                if i >= a.len() {
                    return Err(format!("index out of range: {i}"));
                }
                Val::J(a.swap_remove(i))
            }
            (Val::J(Value::String(s)), k) => {
                let i = int_index(k)?;
                match s.as_bytes().get(i) {
                    Some(b) => Val::J(Value::from(*b)),
                    None => return Err(format!("index out of range: {i}")),
                }
            }
            (Val::Missing | Val::J(Value::Null), _) => return Err("index of untyped nil".into()),
            (other, _) => return Err(format!("can't index item of type {}", go_type(&other))),
        };
    }
    Ok(v)
}

fn int_index(k: &Val) -> Result<usize, String> {
    match k {
        Val::J(Value::Number(n)) => match n.as_i64() {
            Some(i) if i >= 0 => Ok(i as usize),
            Some(i) => Err(format!("index out of range: {i}")),
            None => Err(format!("cannot index slice/array with type {}", go_type(k))),
        },
        other => Err(format!(
            "cannot index slice/array with type {}",
            go_type(other)
        )),
    }
}

fn slice(args: &[Val]) -> Result<Val, String> {
    let Some((first, idx)) = args.split_first() else {
        return Err("wrong number of args for slice: want at least 1 got 0".into());
    };
    if idx.len() > 2 {
        return Err("too many slice indexes".into());
    }
    let len = match first {
        Val::J(Value::String(s)) => s.len(),
        Val::J(Value::Array(a)) => a.len(),
        other => return Err(format!("can't slice item of type {}", go_type(other))),
    };
    let lo = idx.first().map(int_index).transpose()?.unwrap_or(0);
    let hi = idx.get(1).map(int_index).transpose()?.unwrap_or(len);
    if lo > hi || hi > len {
        return Err(format!(
            "slice index out of range: [{lo}:{hi}] with length {len}"
        ));
    }
    Ok(Val::J(match first {
        Val::J(Value::String(s)) => match s.get(lo..hi) {
            Some(part) => Value::String(part.to_string()),
            None => return Err("slice splits a UTF-8 character".into()),
        },
        Val::J(Value::Array(a)) => Value::Array(a[lo..hi].to_vec()),
        _ => Value::Null,
    }))
}

/// Go's basic comparison. `None` means "not ordered but unequal" (only for `ne`/`eq` of nil).
fn compare(a: &Val, b: &Val) -> Result<Option<Ordering>, String> {
    let nil = |v: &Val| matches!(v, Val::Missing | Val::J(Value::Null));
    if nil(a) || nil(b) {
        return Ok(if nil(a) && nil(b) {
            Some(Ordering::Equal)
        } else {
            None
        });
    }
    match (a, b) {
        (Val::J(Value::Number(x)), Val::J(Value::Number(y))) => {
            if let (Some(x), Some(y)) = (x.as_i64(), y.as_i64()) {
                return Ok(Some(x.cmp(&y)));
            }
            Ok(x.as_f64()
                .zip(y.as_f64())
                .and_then(|(x, y)| x.partial_cmp(&y)))
        }
        (Val::J(Value::String(x)), Val::J(Value::String(y))) => Ok(Some(x.cmp(y))),
        (Val::J(Value::Bool(x)), Val::J(Value::Bool(y))) => {
            if x == y {
                Ok(Some(Ordering::Equal))
            } else {
                Ok(None)
            }
        }
        (Val::J(Value::Array(_) | Value::Object(_)), _)
        | (_, Val::J(Value::Array(_) | Value::Object(_))) => Err(format!(
            "non-comparable type {}",
            go_type(if matches!(a, Val::J(Value::Array(_) | Value::Object(_))) {
                a
            } else {
                b
            })
        )),
        _ => Err(format!(
            "incompatible types for comparison: {} and {}",
            go_type(a),
            go_type(b)
        )),
    }
}
