//! Network routes: list, inspect, create, delete, connect, disconnect and prune (user-defined
//! networks, through the engine).

use hyper::StatusCode;
use serde_json::{json, Value};
use skiff_libpod::networks::{ConnectOptions, NetworkSpec};

use crate::body::{self, Resp};
use crate::ctx::{read_json, Ctx};
use crate::error::{ApiError, ApiResult};

/// `GET /networks?filters=`: the inspect document of every network the filters match (docker's
/// keys: name, id, driver, label, scope, type, dangling).
pub async fn list(ctx: Ctx) -> ApiResult<Resp> {
    let filters = ctx.query.filters()?;
    ctx.engine_json(move |e| {
        let nets = e.network_list_filtered(&filters)?;
        let mut docs = Vec::with_capacity(nets.len());
        for n in nets {
            docs.push(e.network_summary(&n.id)?);
        }
        Ok(Value::Array(docs))
    })
    .await
}

/// `GET /networks/{id}`.
pub async fn inspect(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let id = id.to_string();
    ctx.engine_json(move |e| Ok(e.network_inspect(&id)?)).await
}

/// A JSON object of strings as a map (a value that is not a string is taken as empty).
fn string_map(x: &Value) -> std::collections::BTreeMap<String, String> {
    x.as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
        .collect()
}

/// The subnets, gateways, IPv4 range and auxiliary addresses of a create body's `IPAM.Config`
/// and its `IPAM.Options` (docker's `--subnet`, `--gateway`, `--ip-range`, `--aux-address`,
/// `--ipam-opt`; compose's `ipam`) set on `spec`, IPv4 and IPv6 told apart by their form.
fn apply_ipam(spec: &mut NetworkSpec, ipam: &Value) -> ApiResult<()> {
    spec.ipam_driver = ipam["Driver"].as_str().map(str::to_string);
    spec.ipam_options = string_map(&ipam["Options"]);
    for config in ipam["Config"].as_array().into_iter().flatten() {
        spec.aux_addresses
            .extend(string_map(&config["AuxiliaryAddresses"]));
        let field = |k: &str| {
            config[k]
                .as_str()
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let Some(subnet) = field("Subnet") else {
            if let Some(range) = field("IPRange") {
                return Err(ApiError::bad_request(format!(
                    "IPAM IPRange {range} has no Subnet: give the subnet the range belongs to"
                )));
            }
            continue;
        };
        if subnet.contains(':') {
            if let Some(range) = field("IPRange") {
                return Err(ApiError::bad_request(format!(
                    "IPAM IPRange {range}: IPv6 ranges are not supported: give an IPv4 range, or leave it out"
                )));
            }
            spec.subnet6 = Some(subnet);
            spec.gateway6 = field("Gateway");
        } else {
            spec.subnet = Some(subnet);
            spec.gateway = field("Gateway");
            spec.ip_range = field("IPRange");
        }
    }
    Ok(())
}

/// `POST /networks/create` with `{"Name", "Driver", "Scope", "Internal", "EnableIPv4",
/// "EnableIPv6", "IPAM", "Labels", "Options"}`: 201 `{"Id", "Warning"}`; 409 when the name is taken.
pub async fn create(ctx: Ctx) -> ApiResult<Resp> {
    let v = read_json(ctx.req).await?;
    let name = v["Name"]
        .as_str()
        .filter(|n| !n.is_empty())
        .ok_or_else(|| ApiError::bad_request("network create needs a Name"))?
        .to_string();
    let map = string_map;
    let mut spec = NetworkSpec {
        name,
        driver: v["Driver"]
            .as_str()
            .filter(|d| !d.is_empty())
            .map(str::to_string),
        internal: v["Internal"].as_bool().unwrap_or(false),
        labels: map(&v["Labels"]),
        options: map(&v["Options"]),
        ipv6: v["EnableIPv6"].as_bool().unwrap_or(false),
        ipv4: v["EnableIPv4"].as_bool(),
        scope: v["Scope"].as_str().map(str::to_string),
        ..NetworkSpec::default()
    };
    apply_ipam(&mut spec, &v["IPAM"])?;
    let net = ctx
        .state
        .engine(move |e| Ok(e.network_create(&spec)?))
        .await?;
    Ok(body::json_status(
        StatusCode::CREATED,
        &json!({"Id": net.id, "Warning": ""}),
    ))
}

/// `DELETE /networks/{id}`: 204.
pub async fn remove(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let id = id.to_string();
    ctx.state
        .engine(move |e| Ok(e.network_remove(&id, false)?))
        .await?;
    Ok(body::empty(StatusCode::NO_CONTENT))
}

/// The `Container` field of a connect or disconnect body (a name or id), or a 400.
fn container_of(v: &Value) -> ApiResult<String> {
    v["Container"]
        .as_str()
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .ok_or_else(|| ApiError::bad_request("give the container to connect as \"Container\""))
}

/// `POST /networks/{id}/connect` with `{"Container", "EndpointConfig": {"Aliases",
/// "IPAMConfig": {"IPv4Address", "IPv6Address"}, "MacAddress"}}`: 200; a running container
/// gets its interface at once.
pub async fn connect(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let v = read_json(ctx.req).await?;
    let container = container_of(&v)?;
    let endpoint = &v["EndpointConfig"];
    let aliases: Vec<String> = endpoint["Aliases"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    let address = |key: &str| {
        endpoint["IPAMConfig"][key]
            .as_str()
            .filter(|a| !a.is_empty())
            .map(str::to_string)
    };
    let opts = ConnectOptions {
        aliases,
        ip: address("IPv4Address"),
        ip6: address("IPv6Address"),
        // docker's EndpointSettings.MacAddress (API 1.44).
        mac: endpoint["MacAddress"]
            .as_str()
            .filter(|m| !m.is_empty())
            .map(str::to_string),
    };
    let net = id.to_string();
    let launcher = ctx.state.launcher();
    ctx.state
        .engine(move |e| {
            if e.network_change_needs_launcher(&net, &container)? {
                return Ok(launcher.network_connect(&net, &container, &opts)?);
            }
            Ok(e.network_connect(&net, &container, &opts)?)
        })
        .await?;
    Ok(body::empty(StatusCode::OK))
}

/// `POST /networks/{id}/disconnect` with `{"Container", "Force"}`: 200. As in docker, a
/// container's last network may be taken.
pub async fn disconnect(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let v = read_json(ctx.req).await?;
    let container = container_of(&v)?;
    let force = v["Force"].as_bool().unwrap_or(false);
    let net = id.to_string();
    let launcher = ctx.state.launcher();
    ctx.state
        .engine(move |e| {
            if e.network_change_needs_launcher(&net, &container)? {
                return Ok(launcher.network_disconnect(&net, &container, force)?);
            }
            Ok(e.network_disconnect(&net, &container, force)?)
        })
        .await?;
    Ok(body::empty(StatusCode::OK))
}

/// `POST /networks/prune?filters=` (until, label, label!): `{"NetworksDeleted": [names]}`.
pub async fn prune(ctx: Ctx) -> ApiResult<Resp> {
    let filters = ctx.query.filters()?;
    let removed = ctx
        .prune(filters, move |e, filter| e.network_prune_filtered(filter))
        .await?;
    Ok(body::json(&json!({"NetworksDeleted": removed})))
}
