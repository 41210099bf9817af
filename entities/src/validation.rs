//! What every write of the staff areas shares: a field-level [`Problem`] (a catalogue
//! message for one form field or JSON property), the [`WriteError`] of a create or update,
//! code and name parsing, case-insensitive search, and the agencies an actor may reach.

use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{ColumnTrait, DbErr, SqlErr};

use crate::i18n::Msg;

/// One thing wrong with the input, for one field (a form field or a JSON property).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// A name the code knows, or one taken from the request (a JSON path, a query key).
    pub field: std::borrow::Cow<'static, str>,
    pub msg: Msg,
    /// Values for the message's `{placeholders}`.
    pub values: Vec<(&'static str, String)>,
}

impl Problem {
    pub fn new(field: &'static str, msg: Msg) -> Problem {
        Problem { field: field.into(), msg, values: Vec::new() }
    }

    /// A problem of a field named by the request itself (a JSON path, a query parameter).
    pub fn named(field: String, msg: Msg) -> Problem {
        Problem { field: field.into(), msg, values: Vec::new() }
    }

    pub fn with(mut self, name: &'static str, value: impl ToString) -> Problem {
        self.values.push((name, value.to_string()));
        self
    }

    /// The message in `lang`, placeholders filled.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        let values: Vec<(&str, &str)> = self.values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.msg.fill(lang, &values)
    }
}

/// Why a create or an update did not happen. Nothing was written in any case.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("invalid input: {0:?}")]
    Invalid(Vec<Problem>),
    /// The record does not exist, or is outside the actor's reach (the same to them).
    #[error("no such record within reach")]
    NotFound,
    #[error(transparent)]
    Db(#[from] DbErr),
}

pub const CODE_MAX: usize = 32;
pub const NAME_MAX: usize = 200;

/// A record code (agency, position, competency): 1–32 letters, digits, `-`, `.`, `_` or
/// `/`, trimmed.
pub fn parse_code(raw: &str) -> Result<String, Msg> {
    let code = raw.trim();
    if code.is_empty() {
        return Err(Msg::CatalogueCodeRequired);
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '/');
    if code.chars().count() > CODE_MAX || !code.chars().all(allowed) {
        return Err(Msg::CatalogueCodeInvalid);
    }
    Ok(code.to_owned())
}

/// A name: trimmed, 1–200 characters.
pub fn parse_name(raw: &str) -> Result<String, Msg> {
    let name = raw.trim();
    if name.is_empty() {
        Err(Msg::CatalogueNameRequired)
    } else if name.chars().any(char::is_control) {
        // A name is one line: no NUL, and no tab or line break either.
        Err(Msg::ControlCharacters)
    } else if name.chars().count() > NAME_MAX {
        Err(Msg::CatalogueNameTooLong)
    } else {
        Ok(name.to_owned())
    }
}

/// Whether a character is refused in anything a client sends (form fields, JSON strings,
/// query values, CSV cells): NUL (which PostgreSQL cannot store in text, while SQLite would)
/// and every other control character, except tab and line breaks, which free text may hold.
/// Single-line fields (names, codes) refuse those too, in their own rules.
pub fn is_refused_char(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Whether `text` holds a character [`is_refused_char`] refuses.
pub fn has_refused_chars(text: &str) -> bool {
    text.chars().any(is_refused_char)
}

/// The years a client may ask about (a recap, an employee's JP, a calendar month): wide
/// enough for any record here, narrow enough that date arithmetic never leaves chrono's range.
pub const YEAR_MIN: i32 = 2000;
pub const YEAR_MAX: i32 = 2100;

/// A year from a query string (`field` names it in the problem): `None` when blank.
pub fn parse_year(field: &'static str, raw: &str) -> Result<Option<i32>, Problem> {
    match raw.trim() {
        "" => Ok(None),
        s => s.parse::<i32>().ok().filter(|y| (YEAR_MIN..=YEAR_MAX).contains(y)).map(Some).ok_or_else(|| {
            Problem::new(field, Msg::YearOutOfRange).with("min", YEAR_MIN).with("max", YEAR_MAX)
        }),
    }
}

/// `LOWER(column) LIKE '%text%'`, with the user's `%` and `_` taken literally: a
/// case-insensitive "contains" that behaves the same on SQLite and PostgreSQL.
pub fn contains_ci<C: ColumnTrait>(column: C, text: &str) -> Expr {
    let mut pattern = String::from("%");
    for c in text.trim().to_lowercase().chars() {
        if matches!(c, '\\' | '%' | '_') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    Expr::expr(Func::lower(Expr::col(column))).like(LikeExpr::new(pattern).escape('\\'))
}

/// A search term worth searching for (not blank).
pub fn search_term(q: Option<&str>) -> Option<&str> {
    q.map(str::trim).filter(|q| !q.is_empty())
}

/// Whether the database refused a write for a duplicate key: the final judge of
/// uniqueness when two people save at once.
pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}
