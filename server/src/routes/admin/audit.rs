//! The audit log browser (`/admin/audit`) and its JSON API (`/api/v1/audit`), for admins
//! only (anyone else: 404). Filters: user (e-mail), record type and id, date range (days
//! in the deployment's zone).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use bangkom_entities::audit::{self, AuditFilter};
use bangkom_entities::enums::AuditAction;
use bangkom_entities::paging::PageRequest;
use bangkom_entities::policy::{Action, Actor, Target};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, AppError};
use crate::forms::{FieldError, FieldErrors};
use crate::i18n::Msg;
use crate::paging;
use crate::routes::paths;
use crate::state::AppState;
use crate::views::admin::audit as view;
use crate::web::{ApiActor, Staff};

pub fn pages() -> Router<AppState> {
    Router::new().route(paths::ADMIN_AUDIT, get(list))
}

pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(api_list))
}

async fn may_browse(state: &AppState, actor: &Actor) -> Result<bool, AppError> {
    Ok(actor.can(&state.db, Action::ViewAuditLog, Target::Region).await?)
}

/// The start of a day in the deployment's zone, as an instant.
fn start_of_day(day: NaiveDate, tz: chrono_tz::Tz) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    tz.from_local_datetime(&midnight).earliest().map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
}

/// The filters as typed (all text), checked: every mistake is reported.
#[derive(Debug, Default)]
struct RawFilter<'a> {
    user: &'a str,
    entity_type: &'a str,
    entity_id: &'a str,
    from: &'a str,
    to: &'a str,
}

impl RawFilter<'_> {
    fn parse(&self, tz: chrono_tz::Tz, errors: &mut FieldErrors) -> AuditFilter {
        let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let mut day = |field: &'static str, raw: &str| match raw.trim() {
            "" => None,
            s => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_err(|_| errors.push(FieldError::new(field, Msg::AuditBadDate)))
                .ok(),
        };
        let from = day("from", self.from);
        let to = day("to", self.to);
        if let (Some(from), Some(to)) = (from, to)
            && to < from
        {
            errors.push(FieldError::new("to", Msg::AuditDateOrder));
        }
        AuditFilter {
            user_id: None,
            user_email: text(self.user),
            entity_type: text(self.entity_type),
            entity_id: text(self.entity_id),
            since: from.map(|d| start_of_day(d, tz)),
            until: to.and_then(|d| d.succ_opt()).map(|d| start_of_day(d, tz)),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Page
// ---------------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    user: String,
    #[serde(default)]
    entity_type: String,
    #[serde(default)]
    entity_id: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    page: String,
}

pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    if !may_browse(&state, &staff.actor).await? {
        return Err(AppError::NotFound.in_lang(staff.visitor.lang));
    }
    let mut errors = FieldErrors::default();
    let raw = RawFilter {
        user: &query.user,
        entity_type: &query.entity_type,
        entity_id: &query.entity_id,
        from: &query.from,
        to: &query.to,
    };
    let mut filter = raw.parse(staff.visitor.tz, &mut errors);
    if errors.0.iter().any(|e| e.field == "to" || e.field == "from") {
        // A wrong date filters nothing rather than something unexpected.
        filter.since = None;
        filter.until = None;
    }
    let request = paging::collect(&query.page, "", paging::PAGE_PER_PAGE, &mut errors);
    let found = audit::list_with_users(&state.db, &filter, request).await?;
    let entity_types = audit::entity_types(&state.db).await?;
    let filters = [
        ("user", query.user.clone()),
        ("entity_type", query.entity_type.clone()),
        ("entity_id", query.entity_id.clone()),
        ("from", query.from.clone()),
        ("to", query.to.clone()),
    ];
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = view::render(
        &staff.visitor.chrome(),
        &view::AuditPage {
            page: &found,
            filters: &filters,
            entity_types: &entity_types,
            errors: &errors,
            tz: staff.visitor.tz,
        },
    );
    Ok((status, page).into_response())
}

// ---------------------------------------------------------------------------------------
// JSON API
// ---------------------------------------------------------------------------------------

/// One change: who, when, which record, before and after.
#[derive(Serialize, ToSchema)]
pub struct AuditEntry {
    id: i64,
    /// When (UTC).
    at: DateTime<Utc>,
    user_id: Option<i64>,
    user_email: Option<String>,
    #[schema(value_type = String, example = "update")]
    action: AuditAction,
    /// The table the record lives in (`agencies`, `positions`, …).
    entity_type: String,
    entity_id: String,
    /// The record before the change (none for a creation).
    #[schema(value_type = Option<Object>)]
    before: Option<serde_json::Value>,
    /// The record after the change (none for a deletion).
    #[schema(value_type = Option<Object>)]
    after: Option<serde_json::Value>,
}

#[derive(Serialize, ToSchema)]
pub struct AuditList {
    items: Vec<AuditEntry>,
    page: u64,
    per_page: u64,
    total: u64,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApiListQuery {
    /// The e-mail of the user who made the change.
    user: Option<String>,
    /// The record type (`agencies`, `positions`, `position_standards`, `competencies`, …).
    entity_type: Option<String>,
    entity_id: Option<String>,
    /// First day (YYYY-MM-DD, in the deployment's zone), inclusive.
    from: Option<String>,
    /// Last day (YYYY-MM-DD, in the deployment's zone), inclusive.
    to: Option<String>,
    /// 1-based page number, 1–10000000 (default 1).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 10000000)]
    page: Option<String>,
    /// Page size, 1–200 (default 20).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 200)]
    per_page: Option<String>,
}

/// The audit log, newest first (admins).
#[utoipa::path(
    get,
    path = "/api/v1/audit",
    tag = "audit",
    params(ApiListQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of the audit log", body = AuditList),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "The caller is not an admin"),
        (status = 422, description = "A filter is invalid (`error.fields`)")
    )
)]
pub async fn api_list(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Query(query): Query<ApiListQuery>,
) -> Result<Json<AuditList>, ApiError> {
    if !may_browse(&state, &actor).await? {
        return Err(ApiError(AppError::NotFound));
    }
    let mut errors = FieldErrors::default();
    let text = |v: &Option<String>| v.as_deref().unwrap_or("").to_owned();
    let (user, entity_type, entity_id, from, to) = (
        text(&query.user),
        text(&query.entity_type),
        text(&query.entity_id),
        text(&query.from),
        text(&query.to),
    );
    let raw =
        RawFilter { user: &user, entity_type: &entity_type, entity_id: &entity_id, from: &from, to: &to };
    let filter = raw.parse(state.settings.timezone, &mut errors);
    let request: PageRequest = paging::collect(
        query.page.as_deref().unwrap_or(""),
        query.per_page.as_deref().unwrap_or(""),
        paging::DEFAULT_PER_PAGE,
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(ApiError(AppError::Invalid(errors)));
    }
    let found = audit::list_with_users(&state.db, &filter, request).await?;
    let json = |s: Option<&str>| s.and_then(|s| serde_json::from_str(s).ok());
    Ok(Json(AuditList {
        page: found.page,
        per_page: found.per_page,
        total: found.total,
        items: found
            .items
            .into_iter()
            .map(|item| {
                let e = item.entry;
                AuditEntry {
                    before: json(e.before.as_deref()),
                    after: json(e.after.as_deref()),
                    id: e.id,
                    at: e.at,
                    user_id: e.user_id,
                    user_email: item.user_email,
                    action: e.action,
                    entity_type: e.entity_type,
                    entity_id: e.entity_id,
                }
            })
            .collect(),
    }))
}
