//! The audit log: every change made by staff (who, when, which record, before and after).
//! Written in the same transaction as the change it describes.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};
use serde::Serialize;

use crate::enums::AuditAction;
use crate::paging::{Page, PageRequest};
use crate::schema::audit_log;

/// One change to one record, as the audit log keeps it.
pub struct Change<'a, T: Serialize> {
    pub user_id: Option<i64>,
    pub action: AuditAction,
    /// The table the record lives in (`employees`, `agencies`, …).
    pub entity_type: &'a str,
    pub entity_id: String,
    pub before: Option<&'a T>,
    pub after: Option<&'a T>,
}

impl<'a, T: Serialize> Change<'a, T> {
    pub fn created(user_id: i64, entity_type: &'a str, entity_id: impl ToString, after: &'a T) -> Self {
        Change {
            user_id: Some(user_id),
            action: AuditAction::Create,
            entity_type,
            entity_id: entity_id.to_string(),
            before: None,
            after: Some(after),
        }
    }

    pub fn updated(
        user_id: i64,
        entity_type: &'a str,
        entity_id: impl ToString,
        before: &'a T,
        after: &'a T,
    ) -> Self {
        Change {
            user_id: Some(user_id),
            action: AuditAction::Update,
            entity_type,
            entity_id: entity_id.to_string(),
            before: Some(before),
            after: Some(after),
        }
    }

    pub fn deleted(user_id: i64, entity_type: &'a str, entity_id: impl ToString, before: &'a T) -> Self {
        Change {
            user_id: Some(user_id),
            action: AuditAction::Delete,
            entity_type,
            entity_id: entity_id.to_string(),
            before: Some(before),
            after: None,
        }
    }
}

/// Records one change; call it inside the transaction that makes the change.
pub async fn record<C: ConnectionTrait, T: Serialize>(
    db: &C,
    change: Change<'_, T>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let to_json = |v: Option<&T>| v.and_then(|v| serde_json::to_string(v).ok());
    audit_log::ActiveModel {
        at: Set(now),
        user_id: Set(change.user_id),
        action: Set(change.action),
        entity_type: Set(change.entity_type.to_owned()),
        entity_id: Set(change.entity_id),
        before: Set(to_json(change.before)),
        after: Set(to_json(change.after)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// What the audit page filters by. Dates are inclusive, in UTC days.
#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    pub user_id: Option<i64>,
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    filter: &AuditFilter,
    page: PageRequest,
) -> Result<Page<audit_log::Model>, DbErr> {
    let mut condition = Condition::all();
    if let Some(user_id) = filter.user_id {
        condition = condition.add(audit_log::Column::UserId.eq(user_id));
    }
    if let Some(entity_type) = &filter.entity_type {
        condition = condition.add(audit_log::Column::EntityType.eq(entity_type.as_str()));
    }
    if let Some(entity_id) = &filter.entity_id {
        condition = condition.add(audit_log::Column::EntityId.eq(entity_id.as_str()));
    }
    if let Some(from) = filter.from {
        condition = condition.add(audit_log::Column::At.gte(from.and_hms_opt(0, 0, 0).map(|t| t.and_utc())));
    }
    if let Some(to) = filter.to.and_then(|d| d.succ_opt()) {
        condition = condition.add(audit_log::Column::At.lt(to.and_hms_opt(0, 0, 0).map(|t| t.and_utc())));
    }
    let select = audit_log::Entity::find()
        .filter(condition)
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id);
    Page::fetch(db, select, page).await
}
