use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok` or `unavailable`.
    status: &'static str,
    /// `ok`, or why the database did not answer.
    database: String,
}

/// The health check's own deadline: a load balancer must hear back even when the database
/// does not (the pool's acquire timeout is longer).
const HEALTH_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2);

/// Liveness and readiness: answers 200 when the database answers and can take a write, 503
/// when it does not, within [`HEALTH_TIMEOUT`].
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "operations",
    responses(
        (status = 200, description = "The service and its database answer", body = Health),
        (status = 503, description = "The database does not answer", body = Health)
    )
)]
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let checked = match tokio::time::timeout(HEALTH_TIMEOUT, bangkom_entities::health::check(&state.db)).await
    {
        Ok(result) => result.map_err(|e| e.to_string()),
        Err(_) => Err(format!("no answer within {} s", HEALTH_TIMEOUT.as_secs())),
    };
    // A full disk under SQLite: small writes may still fit (the probe passes) while any
    // real one fails; say so before users find out.
    let checked = checked.and_then(|()| match state.settings.database_url.sqlite_file() {
        Some(file) => disk_has_room(&file),
        None => Ok(()),
    });
    match checked {
        Ok(()) => (StatusCode::OK, Json(Health { status: "ok", database: "ok".into() })),
        Err(err) => {
            tracing::warn!(error = %err, "health check: database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, Json(Health { status: "unavailable", database: err }))
        }
    }
}

/// Below this much free space the disk holding a SQLite database counts as full.
const MIN_FREE_BYTES: u64 = 1024 * 1024;

fn disk_has_room(file: &std::path::Path) -> Result<(), String> {
    let folder = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    match free_bytes(folder) {
        Some(free) if free < MIN_FREE_BYTES => {
            Err(format!("the disk holding the database is full ({free} bytes free in {})", folder.display()))
        }
        _ => Ok(()),
    }
}

fn free_bytes(folder: &std::path::Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(folder.as_os_str().as_bytes()).ok()?;
    let mut stat = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: `path` is a valid C string and `stat` a buffer statvfs fills on success.
    let stat = unsafe {
        if libc::statvfs(path.as_ptr(), stat.as_mut_ptr()) != 0 {
            return None;
        }
        stat.assume_init()
    };
    #[allow(clippy::unnecessary_cast)] // the field types differ between platforms
    Some(stat.f_bavail as u64 * stat.f_frsize as u64)
}
