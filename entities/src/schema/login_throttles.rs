//! Failed-login counters, keyed by `account:<id>` or `ip:<addr>`.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "login_throttles")]
pub struct Model {
    /// `account:<id>` or `ip:<addr>`.
    #[sea_orm(primary_key, auto_increment = false, column_type = "String(StringLen::N(300))")]
    pub key: String,
    pub failures: i32,
    pub first_failed_at: DateTimeUtc,
    pub locked_until: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
