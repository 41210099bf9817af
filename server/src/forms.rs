//! Field-level validation messages, shared by pages (shown beside the field, in the user's
//! language) and the JSON API (a list of `{field, message}` in English).

use crate::i18n::{Lang, Msg};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The form field or JSON property at fault.
    pub field: &'static str,
    pub msg: Msg,
    /// Values for the message's `{placeholders}`.
    pub values: Vec<(&'static str, String)>,
}

impl FieldError {
    pub fn new(field: &'static str, msg: Msg) -> Self {
        FieldError { field, msg, values: Vec::new() }
    }

    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.values.push((name, value.to_string()));
        self
    }

    pub fn text(&self, lang: Lang) -> String {
        let values: Vec<(&str, &str)> = self.values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.msg.fill(lang, &values)
    }
}

/// The errors of one submitted form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn push(&mut self, error: FieldError) {
        self.0.push(error);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The message for one field, in `lang`.
    pub fn for_field(&self, field: &str, lang: Lang) -> Option<String> {
        self.0.iter().find(|e| e.field == field).map(|e| e.text(lang))
    }
}
