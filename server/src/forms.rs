//! Field-level validation messages, shared by pages (shown beside the field, in the user's
//! language) and the JSON API (a list of `{field, message}` in English).

use crate::i18n::Lang;

/// One field's problem: the entities' [`Problem`](bangkom_entities::validation::Problem).
pub use bangkom_entities::validation::Problem as FieldError;

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

impl From<Vec<FieldError>> for FieldErrors {
    fn from(problems: Vec<FieldError>) -> Self {
        FieldErrors(problems)
    }
}
