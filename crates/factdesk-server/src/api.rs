//! The desk's HTTP interface. Every request carries `Authorization: Bearer TOKEN`; bodies
//! are JSON; an error is `{code, message}` with the matching status.
//!
//! | method and path | who | what |
//! | --- | --- | --- |
//! | `GET /v1/me` | anyone | the token's user and role |
//! | `POST /v1/push` | checker, editor | publish articles, append events (idempotent) |
//! | `GET /v1/pull?after=N&limit=M` | anyone | the stream after place N: articles, events, assignments, sign-offs, comments |
//! | `POST /v1/articles/{uid}/assign` | editor | `{assignee, deadline?}` |
//! | `GET /v1/queue` | anyone | the articles assigned to me, by deadline |
//! | `POST /v1/articles/{uid}/signoff` | editor who marked none of its claims | sign off |
//! | `GET /v1/articles/{uid}/signoffs` | anyone | who signed off and when |
//! | `POST /v1/claims/{uid}/comments` | anyone | `{body}` |
//! | `GET /v1/claims/{uid}/comments` | anyone | the thread |

use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use factdesk_core::desk::{
    Assignment, Comment, ErrorBody, PullResponse, PushRequest, PushResponse, SignOff, WhoAmI,
};
use serde::Deserialize;

use crate::store::{Desk, DeskError, User};

/// The largest request body accepted (a push of many articles).
pub const MAX_BODY: usize = 64 * 1024 * 1024;

/// The HTTP routes over `desk`.
pub fn router(desk: Desk) -> Router {
    Router::new()
        .route("/v1/me", get(me))
        .route("/v1/push", post(push))
        .route("/v1/pull", get(pull))
        .route("/v1/articles/{uid}/assign", post(assign))
        .route("/v1/queue", get(queue))
        .route("/v1/articles/{uid}/signoff", post(sign_off))
        .route("/v1/articles/{uid}/signoffs", get(sign_offs))
        .route("/v1/claims/{uid}/comments", post(comment).get(comments))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .with_state(desk)
}

/// A desk error as an HTTP response.
pub struct ApiError(DeskError);

impl From<DeskError> for ApiError {
    fn from(e: DeskError) -> Self {
        ApiError(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = match &self.0 {
            DeskError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            DeskError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            DeskError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            DeskError::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
            DeskError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid"),
            _ => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
        };
        let body = ErrorBody {
            code: code.into(),
            message: self.0.to_string(),
        };
        (status, Json(body)).into_response()
    }
}

type ApiResult<T> = Result<Json<T>, ApiError>;

impl FromRequestParts<Desk> for User {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, desk: &Desk) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(DeskError::Unauthorized)?;
        Ok(desk.authenticate(token).await?)
    }
}

async fn me(user: User) -> ApiResult<WhoAmI> {
    Ok(Json(user.who()))
}

async fn push(
    State(desk): State<Desk>,
    user: User,
    Json(request): Json<PushRequest>,
) -> ApiResult<PushResponse> {
    Ok(Json(desk.push(&user, &request).await?))
}

#[derive(Deserialize)]
struct PullQuery {
    #[serde(default)]
    after: i64,
    #[serde(default = "default_limit")]
    limit: i64,
}

fn default_limit() -> i64 {
    1000
}

async fn pull(
    State(desk): State<Desk>,
    _user: User,
    Query(q): Query<PullQuery>,
) -> ApiResult<PullResponse> {
    Ok(Json(desk.pull(q.after, q.limit).await?))
}

#[derive(Deserialize)]
struct AssignRequest {
    assignee: String,
    #[serde(default)]
    deadline: Option<DateTime<Utc>>,
}

async fn assign(
    State(desk): State<Desk>,
    user: User,
    Path(uid): Path<String>,
    Json(request): Json<AssignRequest>,
) -> ApiResult<serde_json::Value> {
    desk.assign(&user, &uid, &request.assignee, request.deadline)
        .await?;
    Ok(Json(serde_json::json!({"assigned": request.assignee})))
}

async fn queue(State(desk): State<Desk>, user: User) -> ApiResult<Vec<Assignment>> {
    Ok(Json(desk.queue(&user).await?))
}

async fn sign_off(
    State(desk): State<Desk>,
    user: User,
    Path(uid): Path<String>,
) -> ApiResult<SignOff> {
    Ok(Json(desk.sign_off(&user, &uid).await?))
}

async fn sign_offs(
    State(desk): State<Desk>,
    _user: User,
    Path(uid): Path<String>,
) -> ApiResult<Vec<SignOff>> {
    Ok(Json(desk.sign_offs(&uid).await?))
}

#[derive(Deserialize)]
struct CommentRequest {
    body: String,
}

async fn comment(
    State(desk): State<Desk>,
    user: User,
    Path(uid): Path<String>,
    Json(request): Json<CommentRequest>,
) -> ApiResult<Comment> {
    Ok(Json(desk.comment(&user, &uid, &request.body).await?))
}

async fn comments(
    State(desk): State<Desk>,
    _user: User,
    Path(uid): Path<String>,
) -> ApiResult<Vec<Comment>> {
    Ok(Json(desk.comments(&uid).await?))
}
