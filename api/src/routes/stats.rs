//! `GET /containers/{id}/stats`: docker's stats document, once (`stream=false`) or every
//! second. The numbers are the engine's readings ([`StatsSample`]), laid out so that the docker
//! CLI computes the same CPU and memory percentages as `skiff stats`.

use std::time::Duration;

use bytes::Bytes;
use serde_json::{json, Value};
use skiff_libpod::container::stats::StatsSample;

use crate::body::{self, Resp};
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiResult};
use crate::state::State;

/// docker's `cpu_stats` of `s` (zeros without a reading). `system_cpu_usage` is wall-clock
/// time times the CPUs, so docker's formula (CPU delta over system delta, times the CPUs)
/// gives CPU time per wall-clock time, as `skiff stats` shows.
fn cpu_stats(s: Option<&StatsSample>, cpus: u64) -> Value {
    let (total, system) = match s {
        Some(s) if s.running => (s.cpu_ns, (s.read_ns.max(0) as u64).saturating_mul(cpus)),
        _ => (0, 0),
    };
    json!({
        "cpu_usage": {"total_usage": total, "usage_in_kernelmode": 0, "usage_in_usermode": 0},
        "system_cpu_usage": system,
        "online_cpus": cpus,
        "throttling_data": {"periods": 0, "throttled_periods": 0, "throttled_time": 0},
    })
}

/// docker's stats document for reading `s`, with `prev` as the previous one.
fn document(s: &StatsSample, prev: Option<&StatsSample>, cpus: u64) -> Value {
    let time = |ns: i64| skiff_libpod::container::time::rfc3339_nanos(ns);
    let io = |op: &str, value: u64| json!({"major": 0, "minor": 0, "op": op, "value": value});
    json!({
        "read": time(s.read_ns),
        "preread": prev.map_or_else(|| "0001-01-01T00:00:00Z".to_string(), |p| time(p.read_ns)),
        "name": format!("/{}", s.name),
        "id": s.id,
        "pids_stats": {"current": s.pids},
        "blkio_stats": {"io_service_bytes_recursive": [
            io("read", s.block_read), io("write", s.block_write)
        ]},
        "num_procs": 0,
        "storage_stats": {},
        "cpu_stats": cpu_stats(Some(s), cpus),
        "precpu_stats": cpu_stats(prev, cpus),
        "memory_stats": {"usage": s.memory_usage, "limit": s.memory_limit, "stats": {}},
        "networks": {"eth0": {
            "rx_bytes": s.net_rx, "rx_packets": 0, "rx_errors": 0, "rx_dropped": 0,
            "tx_bytes": s.net_tx, "tx_packets": 0, "tx_errors": 0, "tx_dropped": 0,
        }},
    })
}

/// One reading of container `id`.
async fn sample(state: &State, id: &str) -> ApiResult<StatsSample> {
    let names = vec![id.to_string()];
    state
        .engine(move |e| Ok(e.container_stats(&names, true)?))
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::internal("no stats reading"))
}

/// `GET /containers/{id}/stats?stream=&one-shot=`: with `stream=false` one document (after a
/// second, to have a previous reading for the CPU, unless `one-shot`); otherwise one per
/// second, one JSON document per line, until the container stops or the client goes away.
pub async fn stats(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    // docker's reading: absent is true, otherwise a boolean as docker reads one.
    let stream = ctx
        .query
        .get("stream")
        .is_none_or(|v| !crate::query::is_false(v));
    let one_shot = ctx.query.flag("one-shot");
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get() as u64);
    let first = sample(&ctx.state, id).await?;
    let id = first.id.clone();
    if !stream {
        let (prev, now) = if one_shot || !first.running {
            (None, first)
        } else {
            tokio::time::sleep(Duration::from_secs(1)).await;
            (Some(first), sample(&ctx.state, &id).await?)
        };
        return Ok(body::json(&document(&now, prev.as_ref(), cpus)));
    }
    let (resp, tx) = body::stream("application/json");
    let state = ctx.state.clone();
    tokio::spawn(async move {
        let mut prev: Option<StatsSample> = None;
        let mut now = first;
        loop {
            let mut line = document(&now, prev.as_ref(), cpus).to_string();
            line.push('\n');
            if tx.send(Bytes::from(line)).await.is_err() || !now.running {
                return;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
            let Ok(next) = sample(&state, &id).await else {
                return;
            };
            prev = Some(std::mem::replace(&mut now, next));
        }
    });
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(cpu_ns: u64, read_ns: i64) -> StatsSample {
        StatsSample {
            id: "c".repeat(64),
            name: "web".into(),
            running: true,
            cpu_ns,
            started_ns: 0,
            read_ns,
            memory_usage: 50,
            memory_limit: 200,
            net_rx: 1,
            net_tx: 2,
            block_read: 3,
            block_write: 4,
            pids: 5,
        }
    }

    #[test]
    fn docker_s_formula_gives_the_engine_s_cpu_percent() {
        let (prev, now) = (
            reading(1_000_000_000, 10_000_000_000),
            reading(1_500_000_000, 11_000_000_000),
        );
        let doc = document(&now, Some(&prev), 4);
        let num = |v: &Value| v.as_u64().unwrap() as f64;
        let cpu_delta = num(&doc["cpu_stats"]["cpu_usage"]["total_usage"])
            - num(&doc["precpu_stats"]["cpu_usage"]["total_usage"]);
        let system_delta = num(&doc["cpu_stats"]["system_cpu_usage"])
            - num(&doc["precpu_stats"]["system_cpu_usage"]);
        let docker = cpu_delta / system_delta * 4.0 * 100.0;
        assert!(
            (docker - now.cpu_percent(Some(&prev))).abs() < 1e-9,
            "{docker}"
        );
        assert_eq!(doc["name"], "/web");
        assert_eq!(doc["memory_stats"]["usage"], 50);
        assert_eq!(doc["networks"]["eth0"]["tx_bytes"], 2);
    }
}
