//! Small builders shared by the migrations, so that every constraint and index gets a
//! predictable name on both backends:
//!
//! - primary keys (composite): `pk_<table>`
//! - foreign keys: `fk_<table>_<column>` (PostgreSQL keeps the name; SQLite ignores it)
//! - unique indexes: `uq_<table>_<col1>[_<col2>…]` (the application maps a violated unique
//!   constraint to a field error by this name, or by table and columns on SQLite)
//! - other indexes: `idx_<table>_<col1>[_<col2>…]`
//! - checks: `ck_<table>_<column>`, the column being the field to blame
//!
//! Only generic helpers live here; the stored enum values are spelt out in each migration, so
//! that an applied migration never changes when a later one does.

use sea_orm_migration::prelude::*;

/// Length of the `VARCHAR` columns that hold an enum's stored value.
pub const ENUM_LEN: u32 = 32;

/// PostgreSQL silently truncates identifiers beyond 63 bytes (`NAMEDATALEN - 1`); refuse
/// such a name rather than let the two backends disagree on it.
fn checked_name(name: String) -> String {
    assert!(name.len() <= 63, "constraint or index name `{name}` is longer than 63 bytes");
    name
}

fn joined(cols: &[DynIden]) -> String {
    cols.iter().map(|c| c.to_string()).collect::<Vec<_>>().join("_")
}

/// `CONSTRAINT ck_<table>_<col> CHECK (<col> IN (<values>))`.
pub fn check_in<T: IntoIden, C: IntoIden>(table: T, col: C, values: &[&str]) -> Check {
    let table = table.into_iden();
    let col = col.into_iden();
    Check::named(checked_name(format!("ck_{table}_{col}")), Expr::col(col).is_in(values.iter().copied()))
}

/// `CONSTRAINT ck_<table>_<col> CHECK (<col> BETWEEN 1 AND 5)`: a competency level.
pub fn check_level<T: IntoIden, C: IntoIden>(table: T, col: C) -> Check {
    let table = table.into_iden();
    let col = col.into_iden();
    Check::named(checked_name(format!("ck_{table}_{col}")), Expr::col(col).between(1, 5))
}

/// `CONSTRAINT ck_<table>_<col> CHECK (<expr>)`, `col` being the column to blame.
pub fn check<T: IntoIden, C: IntoIden, E: Into<Expr>>(table: T, col: C, expr: E) -> Check {
    let table = table.into_iden();
    let col = col.into_iden();
    Check::named(checked_name(format!("ck_{table}_{col}")), expr)
}

/// `CONSTRAINT fk_<table>_<col> FOREIGN KEY (<col>) REFERENCES <ref_table> (<ref_col>)
/// ON DELETE <on_delete>`.
pub fn fk<T, C, RT, RC>(
    table: T,
    col: C,
    ref_table: RT,
    ref_col: RC,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement
where
    T: IntoIden,
    C: IntoIden,
    RT: IntoIden,
    RC: IntoIden,
{
    let table = table.into_iden();
    let col = col.into_iden();
    ForeignKey::create()
        .name(checked_name(format!("fk_{table}_{col}")))
        .from(table, col)
        .to(ref_table.into_iden(), ref_col.into_iden())
        .on_delete(on_delete)
        .to_owned()
}

/// A composite primary key named `pk_<table>`, for `TableCreateStatement::primary_key`.
pub fn composite_pk<T, C, I>(table: T, cols: I) -> IndexCreateStatement
where
    T: IntoIden,
    C: IntoIden,
    I: IntoIterator<Item = C>,
{
    let table = table.into_iden();
    let mut pk = Index::create();
    pk.name(checked_name(format!("pk_{table}")));
    for col in cols {
        pk.col(col.into_iden());
    }
    pk
}

fn index_on<T, C, I>(name: Option<&str>, prefix: &str, table: T, cols: I) -> IndexCreateStatement
where
    T: IntoIden,
    C: IntoIden,
    I: IntoIterator<Item = C>,
{
    let table = table.into_iden();
    let cols: Vec<DynIden> = cols.into_iter().map(IntoIden::into_iden).collect();
    let name = match name {
        Some(name) => name.to_owned(),
        None => format!("{prefix}_{table}_{}", joined(&cols)),
    };
    let mut index = Index::create();
    index.name(checked_name(name)).table(table);
    for col in cols {
        index.col(col);
    }
    index
}

/// `CREATE UNIQUE INDEX uq_<table>_<cols> ON <table> (<cols>)`.
pub fn unique<T, C, I>(table: T, cols: I) -> IndexCreateStatement
where
    T: IntoIden,
    C: IntoIden,
    I: IntoIterator<Item = C>,
{
    index_on(None, "uq", table, cols).unique().to_owned()
}

/// `CREATE INDEX idx_<table>_<cols> ON <table> (<cols>)`.
pub fn index<T, C, I>(table: T, cols: I) -> IndexCreateStatement
where
    T: IntoIden,
    C: IntoIden,
    I: IntoIterator<Item = C>,
{
    index_on(None, "idx", table, cols)
}

/// `CREATE INDEX <name> ON <table> (<cols>)`, for when `idx_<table>_<cols>` would be longer
/// than PostgreSQL's 63 bytes.
pub fn index_named<T, C, I>(name: &str, table: T, cols: I) -> IndexCreateStatement
where
    T: IntoIden,
    C: IntoIden,
    I: IntoIterator<Item = C>,
{
    index_on(Some(name), "idx", table, cols)
}

/// Runs `CREATE` statements for `indexes`, in order.
pub async fn create_indexes(
    manager: &SchemaManager<'_>,
    indexes: impl IntoIterator<Item = IndexCreateStatement>,
) -> Result<(), DbErr> {
    for index in indexes {
        manager.create_index(index).await?;
    }
    Ok(())
}

/// Drops `tables`, in the order given (dependants first).
pub async fn drop_tables<T: IntoIden>(
    manager: &SchemaManager<'_>,
    tables: impl IntoIterator<Item = T>,
) -> Result<(), DbErr> {
    for table in tables {
        manager.drop_table(Table::drop().table(table.into_iden()).to_owned()).await?;
    }
    Ok(())
}
