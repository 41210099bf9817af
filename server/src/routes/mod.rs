//! HTTP routes, one module per area. Each module exposes its routes; `router` assembles
//! them with the OpenAPI document built from the same annotations, so the two cannot drift.

mod admin;
mod api;
mod assets;
pub(crate) mod auth;
mod evaluation;
mod gaps;
mod health;
mod home;
mod language;
mod mentoring;
mod profile;
mod training;

use axum::Router;
use axum::routing::get;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;
use crate::web;

/// Route paths, shared by the router and by the links and forms that target them.
pub mod paths {
    pub const HOME: &str = "/";
    pub const HEALTH: &str = "/healthz";
    pub const STYLESHEET: &str = "/static/app.css";
    pub const LANGUAGE: &str = "/bahasa";
    pub const OPENAPI: &str = "/api/openapi.json";
    pub const LOGIN: &str = "/masuk";
    pub const LOGOUT: &str = "/keluar";
    pub const FORGOT_PASSWORD: &str = "/sandi/lupa";
    /// Followed by the secret from the e-mail.
    pub const RESET_PASSWORD: &str = "/sandi/atur";
    pub const PROFILE: &str = "/profil";
    pub const PROFILE_TOKENS: &str = "/profil/token";
    pub const PROFILE_LANGUAGE: &str = "/profil/bahasa";
    pub const ADMIN_EMPLOYEES: &str = "/admin/pegawai";
    pub const ADMIN_AGENCIES: &str = "/admin/opd";
    pub const ADMIN_POSITIONS: &str = "/admin/jabatan";
    pub const ADMIN_COMPETENCIES: &str = "/admin/kompetensi";
    pub const ADMIN_USERS: &str = "/admin/akun";
    pub const ADMIN_IMPORT: &str = "/admin/impor";
    pub const ADMIN_AUDIT: &str = "/admin/audit";
    pub const ADMIN_OPERATIONS: &str = "/admin/operasi";
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Bangkom API",
        description = "JSON API of Bangkom, the civil-servant training and competency management system."
    ),
    tags(
        (name = "operations", description = "Health and service information"),
        (name = "accounts", description = "The caller's account"),
        (name = "agencies", description = "Agencies (OPD) and their units, as a tree"),
        (name = "positions", description = "Positions (jabatan) and their competency standards"),
        (name = "competencies", description = "The competency dictionary"),
        (name = "employees", description = "Employees (ASN: PNS and PPPK)"),
        (name = "users", description = "User accounts and roles"),
        (name = "audit", description = "The audit log of staff changes (admins)"),
        (name = "training", description = "Training programs, batches, enrolment, attendance, completion and the JP recap"),
        (name = "evaluation", description = "Post-training evaluation surveys and their results"),
        (name = "gaps", description = "Competency gaps, the gap dashboard and the training-needs plan"),
        (name = "mentoring", description = "Mentoring pairs, their sessions (recorded by the mentor, confirmed by the mentee), closing ratings and mentor suggestions")
    ),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

/// Declares the personal API token scheme that endpoints name in `security(...)`.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        openapi.components.get_or_insert_with(Default::default).add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("bkm_… personal API token (create one on your profile page)")
                    .build(),
            ),
        );
    }
}

/// States, once for every operation, the errors the API's plumbing answers: 413, 415 and
/// 422 for an operation that reads a JSON body, 422 for one with bounded query values, and
/// the one JSON error shape (`ApiErrorBody`) for every error response.
struct ErrorResponses;

impl utoipa::Modify for ErrorResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::ParameterIn;
        use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
        use utoipa::{PartialSchema, ToSchema};

        use crate::error::{ApiErrorBody, ApiErrorDetail, ApiFieldError};

        let components = openapi.components.get_or_insert_with(Default::default);
        components.schemas.insert(ApiErrorBody::name().into_owned(), ApiErrorBody::schema());
        components.schemas.insert(ApiErrorDetail::name().into_owned(), ApiErrorDetail::schema());
        components.schemas.insert(ApiFieldError::name().into_owned(), ApiFieldError::schema());
        let error = |description: &str| RefOr::T(ResponseBuilder::new().description(description).build());
        let body_limit_mb = crate::extract::MAX_JSON_BODY_BYTES / (1024 * 1024);
        for item in openapi.paths.paths.values_mut() {
            let operations =
                [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
            for operation in operations.into_iter().flatten() {
                let responses = &mut operation.responses.responses;
                if operation.request_body.is_some() {
                    responses.entry("413".into()).or_insert_with(|| {
                        error(&format!("The body is larger than {body_limit_mb} MB; nothing was changed"))
                    });
                    responses.entry("415".into()).or_insert_with(|| {
                        error("The body is not sent as JSON (`Content-Type: application/json`)")
                    });
                    responses.entry("422".into()).or_insert_with(|| {
                        error("The body is missing, not JSON, or has invalid fields (`error.fields`)")
                    });
                }
                let bounded = operation.parameters.iter().flatten().any(|p| {
                    p.parameter_in == ParameterIn::Query
                        && matches!(p.name.as_str(), "page" | "per_page" | "year")
                });
                if bounded {
                    responses.entry("422".into()).or_insert_with(|| {
                        error("A query value is not valid or out of its bounds (`error.fields`)")
                    });
                }
                for (status, response) in responses.iter_mut() {
                    if let (true, RefOr::T(response)) = (status.as_str() >= "400", response) {
                        response.content.entry("application/json".into()).or_insert_with(|| {
                            ContentBuilder::new().schema(Some(Ref::from_schema_name("ApiErrorBody"))).build()
                        });
                    }
                }
            }
        }
    }
}

pub fn router(state: AppState) -> Router {
    let (api, openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health::healthz))
        .routes(routes!(api::me::me))
        .merge(admin::api())
        .merge(training::api())
        .merge(evaluation::api())
        .merge(gaps::api())
        .merge(mentoring::api())
        .split_for_parts();
    let api = api.layer(axum::middleware::from_fn(crate::extract::json_rejections));
    // After the routes are in: the modifier reads every operation.
    let mut openapi = openapi;
    utoipa::Modify::modify(&ErrorResponses, &mut openapi);
    let openapi_json = openapi.to_pretty_json().expect("the OpenAPI document serializes");

    Router::new()
        .route(paths::HOME, get(home::show))
        .route(paths::LANGUAGE, get(language::switch))
        .route(paths::LOGIN, get(auth::login_form).post(auth::login))
        .route(paths::LOGOUT, axum::routing::post(auth::logout))
        .route(paths::PROFILE, get(profile::show))
        .route(paths::PROFILE_LANGUAGE, axum::routing::post(profile::set_language))
        .route(paths::PROFILE_TOKENS, axum::routing::post(profile::create_token))
        .route(&format!("{}/{{id}}/cabut", paths::PROFILE_TOKENS), axum::routing::post(profile::revoke_token))
        .route(paths::FORGOT_PASSWORD, get(auth::forgot_form).post(auth::forgot))
        .route(
            &format!("{}/{{secret}}", paths::RESET_PASSWORD),
            get(auth::reset_form).post(auth::reset),
        )
        .route(paths::STYLESHEET, get(assets::stylesheet))
        .route(
            paths::OPENAPI,
            get(move || async move { ([(axum::http::header::CONTENT_TYPE, "application/json")], openapi_json) }),
        )
        .merge(admin::pages())
        .merge(training::pages())
        .merge(evaluation::pages())
        .merge(gaps::pages())
        .merge(mentoring::pages())
        .merge(api)
        .fallback(home::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), web::csrf_and_flash))
        .layer(axum::middleware::from_fn(crate::edge::refuse_control_characters))
        .layer(axum::middleware::from_fn_with_state(state.clone(), web::security_headers))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
