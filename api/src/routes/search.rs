//! `GET /images/search?term=&limit=&filters=`: registry search in docker's JSON shape.

use serde_json::{json, Value};
use skiff_libpod::image::search::{SearchFilter, SearchRequest};

use crate::body::{self, Resp};
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiResult};

/// Searches the registries (the term may name one) and answers docker's result list.
pub async fn search(ctx: Ctx) -> ApiResult<Resp> {
    let term = ctx
        .query
        .non_empty("term")
        .ok_or_else(|| ApiError::bad_request("the term parameter is required"))?
        .to_string();
    let limit = match ctx.query.int("limit")? {
        None => 0,
        Some(n) if n > 0 => n as usize,
        Some(n) => {
            return Err(ApiError::bad_request(format!(
                "limit {n} is outside the range of [1, 100]"
            )))
        }
    };
    let specs = ctx.query.filter_specs()?;
    let tls_verify = match ctx.query.get("tlsVerify") {
        Some("false" | "0") => Some(false),
        _ => None,
    };
    let hits = ctx
        .state
        .engine(move |e| {
            let req = SearchRequest {
                term,
                limit,
                filter: SearchFilter::parse(&specs)?,
                tls_verify,
            };
            Ok(e.search(&req)?)
        })
        .await?;
    let out: Vec<Value> = hits
        .iter()
        .map(|h| {
            json!({
                "name": h.name,
                "description": h.description,
                "star_count": h.star_count,
                "is_official": h.is_official,
                "is_automated": h.is_automated,
            })
        })
        .collect();
    Ok(body::json(&Value::Array(out)))
}
