//! Pagination for lists that grow with the data: one COUNT and one LIMIT/OFFSET query.

use sea_orm::{ConnectionTrait, DbErr, EntityTrait, FromQueryResult, PaginatorTrait, Select};
use serde::Serialize;

pub const DEFAULT_PER_PAGE: u64 = 25;
pub const MAX_PER_PAGE: u64 = 100;

/// A 1-based page number and a page size, clamped to sane bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: u64,
    pub per_page: u64,
}

impl PageRequest {
    pub fn new(page: Option<u64>, per_page: Option<u64>) -> PageRequest {
        PageRequest {
            page: page.unwrap_or(1).max(1),
            per_page: per_page.unwrap_or(DEFAULT_PER_PAGE).clamp(1, MAX_PER_PAGE),
        }
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest::new(None, None)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
}

impl<T> Page<T> {
    pub fn pages(&self) -> u64 {
        self.total.div_ceil(self.per_page).max(1)
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            page: self.page,
            per_page: self.per_page,
            total: self.total,
        }
    }
}

impl<M: FromQueryResult + Send + Sync> Page<M> {
    pub async fn fetch<C, E>(db: &C, select: Select<E>, request: PageRequest) -> Result<Page<M>, DbErr>
    where
        C: ConnectionTrait,
        E: EntityTrait<Model = M>,
    {
        let paginator = select.paginate(db, request.per_page);
        let total = paginator.num_items().await?;
        let items = paginator.fetch_page(request.page - 1).await?;
        Ok(Page { items, page: request.page, per_page: request.per_page, total })
    }
}
