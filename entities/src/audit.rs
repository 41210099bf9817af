//! The audit log: every change made by staff (who, when, which record, before and after).
//! Written in the same transaction as the change it describes.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use serde::Serialize;

use crate::enums::AuditAction;
use crate::paging::{Page, PageRequest};
use crate::schema::{audit_log, users};

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

/// What the audit page filters by. The time bounds are instants: the caller turns the days
/// people pick into instants in the deployment's zone.
#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    pub user_id: Option<i64>,
    /// The e-mail of the user who made the change (exact, any case).
    pub user_email: Option<String>,
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    /// Inclusive.
    pub since: Option<DateTime<Utc>>,
    /// Exclusive.
    pub until: Option<DateTime<Utc>>,
}

fn condition(filter: &AuditFilter) -> Condition {
    let mut condition = Condition::all();
    if let Some(user_id) = filter.user_id {
        condition = condition.add(audit_log::Column::UserId.eq(user_id));
    }
    if let Some(email) = &filter.user_email {
        condition = condition.add(
            audit_log::Column::UserId.in_subquery(
                Query::select()
                    .column(users::Column::Id)
                    .from(users::Entity)
                    .and_where(users::Column::Email.eq(email.trim().to_lowercase()))
                    .to_owned(),
            ),
        );
    }
    if let Some(entity_type) = &filter.entity_type {
        condition = condition.add(audit_log::Column::EntityType.eq(entity_type.as_str()));
    }
    if let Some(entity_id) = &filter.entity_id {
        condition = condition.add(audit_log::Column::EntityId.eq(entity_id.as_str()));
    }
    if let Some(since) = filter.since {
        condition = condition.add(audit_log::Column::At.gte(since));
    }
    if let Some(until) = filter.until {
        condition = condition.add(audit_log::Column::At.lt(until));
    }
    condition
}

/// The entries matching `filter`, newest first.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    filter: &AuditFilter,
    page: PageRequest,
) -> Result<Page<audit_log::Model>, DbErr> {
    let select = audit_log::Entity::find()
        .filter(condition(filter))
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id);
    Page::fetch(db, select, page).await
}

/// An entry with the e-mail of the user who made the change (none: the system, or a
/// deleted account).
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub entry: audit_log::Model,
    pub user_email: Option<String>,
}

/// [`list`], with each entry's user: one more query for the page's users.
pub async fn list_with_users<C: ConnectionTrait>(
    db: &C,
    filter: &AuditFilter,
    page: PageRequest,
) -> Result<Page<AuditEntry>, DbErr> {
    let found = list(db, filter, page).await?;
    let emails: HashMap<i64, String> = users::Entity::find()
        .select_only()
        .column(users::Column::Id)
        .column(users::Column::Email)
        .filter(users::Column::Id.is_in(found.items.iter().filter_map(|e| e.user_id)))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(found
        .map(|entry| AuditEntry { user_email: entry.user_id.and_then(|u| emails.get(&u).cloned()), entry }))
}

/// The record types that occur in the log, for a filter.
pub async fn entity_types<C: ConnectionTrait>(db: &C) -> Result<Vec<String>, DbErr> {
    audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::EntityType)
        .distinct()
        .order_by_asc(audit_log::Column::EntityType)
        .into_tuple()
        .all(db)
        .await
}

/// One field of a record before and after a change (`None`: absent on that side).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Bookkeeping fields left out of [`changes`]: they change with every save.
const BOOKKEEPING: &[&str] = &["created_at", "updated_at"];

/// The fields an entry changed, side by side: for an update the fields that differ, for a
/// creation or a deletion every field. Values are shown as plain text (strings without
/// quotes, `null` as nothing).
pub fn changes(entry: &audit_log::Model) -> Vec<FieldChange> {
    let parse = |json: Option<&str>| -> Option<serde_json::Map<String, serde_json::Value>> {
        match serde_json::from_str::<serde_json::Value>(json?).ok()? {
            serde_json::Value::Object(map) => Some(map),
            other => Some(serde_json::Map::from_iter([("value".to_owned(), other)])),
        }
    };
    let before = parse(entry.before.as_deref()).unwrap_or_default();
    let after = parse(entry.after.as_deref()).unwrap_or_default();
    let show = |v: Option<&serde_json::Value>| match v {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    };
    let mut fields: Vec<&String> = before.keys().chain(after.keys()).collect();
    fields.sort();
    fields.dedup();
    fields
        .into_iter()
        .filter(|f| !BOOKKEEPING.contains(&f.as_str()) && f.as_str() != "id")
        .filter(|f| before.get(*f) != after.get(*f))
        .map(|f| FieldChange { field: f.clone(), before: show(before.get(f)), after: show(after.get(f)) })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(before: Option<&str>, after: Option<&str>) -> audit_log::Model {
        audit_log::Model {
            id: 1,
            at: Utc::now(),
            user_id: None,
            action: AuditAction::Update,
            entity_type: "agencies".into(),
            entity_id: "7".into(),
            before: before.map(str::to_owned),
            after: after.map(str::to_owned),
        }
    }

    #[test]
    fn changes_show_the_fields_that_differ_as_plain_text() {
        let update = entry(
            Some(r#"{"id":7,"code":"A","name":"Lama","parent_id":1,"updated_at":"x"}"#),
            Some(r#"{"id":7,"code":"A","name":"Baru","parent_id":null,"updated_at":"y"}"#),
        );
        assert_eq!(
            changes(&update),
            vec![
                FieldChange { field: "name".into(), before: Some("Lama".into()), after: Some("Baru".into()) },
                FieldChange { field: "parent_id".into(), before: Some("1".into()), after: None },
            ]
        );
        let created = entry(None, Some(r#"{"id":7,"code":"A"}"#));
        assert_eq!(
            changes(&created),
            vec![FieldChange { field: "code".into(), before: None, after: Some("A".into()) }]
        );
    }
}
