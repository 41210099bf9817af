//! Pagination for lists that grow with the data: one COUNT and one LIMIT/OFFSET query.
//!
//! A [`PageRequest`] is parsed once at the edge ([`PageRequest::parse`]) with bounded
//! numbers, so the offset `(page - 1) * per_page` cannot overflow (at most about 2·10⁹), and
//! every list pages through [`Page::fetch`] (sea-orm queries) or [`Page::fetch_raw`] (raw
//! SQL), never by hand.

use sea_orm::{
    ConnectionTrait, DbErr, FromQueryResult, PaginatorTrait, QueryResult, SelectorTrait, Statement,
};
use serde::Serialize;

use crate::i18n::Msg;
use crate::validation::Problem;

/// The page size of a list that does not choose its own (the JSON API's default).
pub const DEFAULT_PER_PAGE: u64 = 20;
/// The largest page size a client may ask for.
pub const MAX_PER_PAGE: u64 = 200;
/// The largest page number a client may ask for: far beyond any list here, small enough
/// that the offset fits in any integer type a database takes.
pub const MAX_PAGE: u64 = 10_000_000;

/// A 1-based page number and a page size, both within bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: u64,
    pub per_page: u64,
}

impl PageRequest {
    /// The first page of `per_page` rows.
    pub const fn first(per_page: u64) -> PageRequest {
        PageRequest { page: 1, per_page }
    }

    /// `page` and `per_page` as a client sent them (absent or blank: page 1 of
    /// `default_per_page`). Anything but a whole number within bounds is a problem for that
    /// field, so the caller answers 422 with the other field problems of the request.
    pub fn parse(page: &str, per_page: &str, default_per_page: u64) -> Result<PageRequest, Vec<Problem>> {
        let mut problems = Vec::new();
        let page = bounded(page, MAX_PAGE).unwrap_or_else(|()| {
            problems.push(Problem::new("page", Msg::PageOutOfRange).with("max", MAX_PAGE));
            None
        });
        let per_page = bounded(per_page, MAX_PER_PAGE).unwrap_or_else(|()| {
            problems.push(Problem::new("per_page", Msg::PerPageOutOfRange).with("max", MAX_PER_PAGE));
            None
        });
        if problems.is_empty() {
            Ok(PageRequest { page: page.unwrap_or(1), per_page: per_page.unwrap_or(default_per_page) })
        } else {
            Err(problems)
        }
    }

    /// Rows skipped before this page.
    pub fn offset(self) -> u64 {
        (self.page - 1) * self.per_page
    }
}

/// A whole number in `1..=max`, `None` when blank.
fn bounded(raw: &str, max: u64) -> Result<Option<u64>, ()> {
    match raw.trim() {
        "" => Ok(None),
        s => match s.parse::<u64>() {
            Ok(n) if (1..=max).contains(&n) => Ok(Some(n)),
            _ => Err(()),
        },
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest::first(DEFAULT_PER_PAGE)
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

    /// No rows (a list the actor may see nothing of).
    pub fn empty(request: PageRequest) -> Page<T> {
        Page { items: Vec::new(), page: request.page, per_page: request.per_page, total: 0 }
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

impl<'a, U> Page<&'a U> {
    /// One page of rows already in memory (a stored list such as an import's errors).
    pub fn of_slice(all: &'a [U], request: PageRequest) -> Self {
        let items = all.iter().skip(request.offset() as usize).take(request.per_page as usize).collect();
        Page { items, page: request.page, per_page: request.per_page, total: all.len() as u64 }
    }
}

impl<M: Send + Sync> Page<M> {
    /// A page of any sea-orm query (`Select`, a `Selector` from `into_model`, …): its
    /// count and the requested rows.
    pub async fn fetch<'db, C, Q>(db: &'db C, query: Q, request: PageRequest) -> Result<Page<M>, DbErr>
    where
        C: ConnectionTrait,
        Q: PaginatorTrait<'db, C>,
        Q::Selector: SelectorTrait<Item = M>,
    {
        let paginator = query.paginate(db, request.per_page);
        let total = paginator.num_items().await?;
        let items = paginator.fetch_page(request.page - 1).await?;
        Ok(Page { items, page: request.page, per_page: request.per_page, total })
    }
}

impl Page<QueryResult> {
    /// A page of a raw query (a `SELECT … ORDER BY …` statement with its values): the count
    /// of the whole query and the requested rows, for the few lists written in SQL.
    pub async fn fetch_raw<C: ConnectionTrait>(
        db: &C,
        query: Statement,
        request: PageRequest,
    ) -> Result<Page<QueryResult>, DbErr> {
        #[derive(FromQueryResult)]
        struct Count {
            n: i64,
        }
        let Statement { sql, values, db_backend } = query;
        let count = Statement {
            sql: format!("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM ({sql}) paged"),
            values: values.clone(),
            db_backend,
        };
        let total = Count::find_by_statement(count).one(db).await?.map_or(0, |c| c.n);
        // Bounded numbers, written into the SQL: no placeholder numbering to get right.
        let rows = Statement {
            sql: format!("{sql} LIMIT {} OFFSET {}", request.per_page, request.offset()),
            values,
            db_backend,
        };
        let items = db.query_all_raw(rows).await?;
        Ok(Page { items, page: request.page, per_page: request.per_page, total: total as u64 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_checked_before_any_arithmetic() {
        assert_eq!(PageRequest::parse("", "", 20), Ok(PageRequest { page: 1, per_page: 20 }));
        assert_eq!(PageRequest::parse(" 3 ", "200", 20), Ok(PageRequest { page: 3, per_page: 200 }));
        let max = PageRequest::parse("10000000", "200", 20).unwrap();
        assert_eq!(max.offset(), 9_999_999 * 200);
        for (page, per_page, field) in [
            ("9223372036854775807", "", "page"),
            ("18446744073709551616", "", "page"),
            ("10000001", "", "page"),
            ("0", "", "page"),
            ("-1", "", "page"),
            ("x", "", "page"),
            ("", "201", "per_page"),
            ("", "0", "per_page"),
        ] {
            let problems = PageRequest::parse(page, per_page, 20).unwrap_err();
            assert_eq!(
                problems.iter().map(|p| p.field.as_ref()).collect::<Vec<_>>(),
                [field],
                "{page} {per_page}"
            );
        }
    }
}
