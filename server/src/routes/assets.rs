use axum::http::header;
use axum::response::IntoResponse;

/// The stylesheet is compiled into the binary: nothing is loaded from a CDN.
pub async fn stylesheet() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        include_str!("../../assets/app.css"),
    )
}
