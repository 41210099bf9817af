//! The one way a list reads `page` and `per_page` from its query string: bounded numbers
//! (see [`PageRequest::parse`]), a field error otherwise — a 422 with the request's other
//! field errors on the API, a 422 page saying what is wrong on the pages.

use bangkom_entities::paging::PageRequest;
pub use bangkom_entities::paging::{DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE};

use crate::error::AppError;
use crate::forms::FieldErrors;

/// The page size of the staff pages' lists that do not choose their own.
pub const PAGE_PER_PAGE: u64 = 25;

/// `page`/`per_page` as sent; a problem is added to `errors` (and the first page returned,
/// never used: the caller answers 422 when `errors` is not empty).
pub fn collect(page: &str, per_page: &str, default_per_page: u64, errors: &mut FieldErrors) -> PageRequest {
    PageRequest::parse(page, per_page, default_per_page).unwrap_or_else(|problems| {
        errors.0.extend(problems);
        PageRequest::first(default_per_page)
    })
}

/// `page`/`per_page` as sent, or the 422 naming what is wrong.
pub fn require(page: &str, per_page: &str, default_per_page: u64) -> Result<PageRequest, AppError> {
    PageRequest::parse(page, per_page, default_per_page)
        .map_err(|problems| AppError::Invalid(problems.into()))
}
