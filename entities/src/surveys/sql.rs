//! Raw SQL that runs on both backends: written with `?` placeholders, numbered (`$1`, …) for
//! PostgreSQL when built. Only set-based statements whose shape the query builder would
//! obscure are written this way; every value is bound, never formatted into the text.

use sea_orm::{DbBackend, Statement, Value};

#[derive(Debug, Default)]
pub(crate) struct Sql {
    text: String,
    values: Vec<Value>,
}

impl Sql {
    pub(crate) fn new(text: &str) -> Sql {
        Sql { text: text.to_owned(), values: Vec::new() }
    }

    /// Appends SQL text (no placeholders in it).
    pub(crate) fn push(&mut self, text: &str) -> &mut Sql {
        self.text.push_str(text);
        self
    }

    /// Appends a placeholder bound to `value`.
    pub(crate) fn bind(&mut self, value: impl Into<Value>) -> &mut Sql {
        self.text.push('?');
        self.values.push(value.into());
        self
    }

    /// Appends SQL text holding `?` placeholders, with the values they bind (a condition
    /// rendered elsewhere, such as [`crate::policy::Reach::employees_sql`]).
    pub(crate) fn push_bound(&mut self, (text, values): (String, Vec<Value>)) -> &mut Sql {
        self.text.push_str(&text);
        self.values.extend(values);
        self
    }

    /// Appends `(?, ?, …)` bound to `values` (`(NULL)` when empty, which matches nothing).
    pub(crate) fn bind_list<V: Into<Value>>(&mut self, values: impl IntoIterator<Item = V>) -> &mut Sql {
        self.text.push('(');
        let mut first = true;
        for value in values {
            if !first {
                self.text.push_str(", ");
            }
            first = false;
            self.bind(value);
        }
        if first {
            self.text.push_str("NULL");
        }
        self.text.push(')');
        self
    }

    pub(crate) fn build(self, backend: DbBackend) -> Statement {
        let text = match backend {
            DbBackend::Postgres => {
                let mut numbered = String::with_capacity(self.text.len() + 8);
                let mut n = 0;
                for ch in self.text.chars() {
                    if ch == '?' {
                        n += 1;
                        numbered.push('$');
                        numbered.push_str(&n.to_string());
                    } else {
                        numbered.push(ch);
                    }
                }
                numbered
            }
            _ => self.text,
        };
        Statement::from_sql_and_values(backend, text, self.values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_for_postgres() {
        let mut sql = Sql::new("SELECT 1 WHERE a = ");
        sql.bind(1_i64).push(" AND b IN ").bind_list(["x", "y"]);
        let pg = sql.build(DbBackend::Postgres);
        assert_eq!(pg.sql, "SELECT 1 WHERE a = $1 AND b IN ($2, $3)");
        let mut sql = Sql::new("SELECT 1 WHERE b IN ");
        sql.bind_list(Vec::<i64>::new());
        assert_eq!(sql.build(DbBackend::Sqlite).sql, "SELECT 1 WHERE b IN (NULL)");
    }
}
