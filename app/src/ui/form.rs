//! What every form shows of its server action's failure: one alert for the form and, per
//! field, `aria-invalid`, the message, and the ids that describe the field (hint, error).

use crate::common::error::{AppError, Invalid};
use crate::common::texts::use_texts;
use leptos::prelude::*;

/// The error of a form's last submission, read field by field. Built from the server
/// action's value, so it serves the hydrated page and the no-JS round trip alike.
#[derive(Clone, Copy)]
pub struct FormErrors {
    error: Signal<Option<AppError>>,
}

impl FormErrors {
    pub fn new(error: Signal<Option<AppError>>) -> Self {
        FormErrors { error }
    }

    pub fn any(self) -> bool {
        self.error.with(Option::is_some)
    }

    pub fn of(self, field: &'static str) -> Option<Invalid> {
        self.error.with(|e| e.as_ref().and_then(|e| e.field(field)))
    }

    /// For the field's `aria-invalid`.
    pub fn invalid(self, field: &'static str) -> impl Fn() -> Option<&'static str> + Send + Sync + Copy {
        move || self.of(field).map(|_| "true")
    }

    /// For the field's `aria-describedby`: `{field}-hint` when it has a hint, `{field}-error`
    /// while it has an error.
    pub fn described_by(self, field: &'static str, has_hint: bool) -> impl Fn() -> Option<String> + Send + Sync + Copy {
        move || described_by(field, has_hint, self.of(field))
    }

    /// The field's message, with the id `described_by` points to.
    pub fn message(self, field: &'static str) -> impl IntoView {
        let t = use_texts();
        move || {
            self.of(field)
                .map(|problem| view! { <p class="field-error" id=format!("{field}-error")>{t.invalid(problem)}</p> })
        }
    }

    /// The alert at the top of the form: "check the fields below", or what else went wrong.
    pub fn alert(self) -> impl IntoView {
        let t = use_texts();
        move || {
            self.error.get().map(|error| {
                let text = match error {
                    AppError::Invalid(_) => t.form_has_errors,
                    other => t.error(&other),
                };
                view! { <p class="error" role="alert">{text}</p> }
            })
        }
    }
}

/// A labelled one-line input with its hint and its error, wired for screen readers: the
/// `<div class="field">` every form repeats.
#[component]
pub fn InputField(
    errors: FormErrors,
    /// The server's name for the field: errors are keyed by it, and it is the input's id unless
    /// `id` is given (two forms on one page).
    field: &'static str,
    #[prop(optional)] id: Option<&'static str>,
    /// The name the form posts, e.g. `form[email]`.
    #[prop(into)]
    name: String,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] value: String,
    #[prop(optional)] required: bool,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(default = "off")] autocomplete: &'static str,
) -> impl IntoView {
    let id = id.unwrap_or(field);
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="hint" id=format!("{field}-hint")>{hint}</p> })}
            <input id=id name=name type=kind value=value required=required maxlength=maxlength.map(|m| m.to_string())
                autocomplete=autocomplete
                aria-invalid=errors.invalid(field) aria-describedby=errors.described_by(field, hint.is_some())/>
            {errors.message(field)}
        </div>
    }
}

fn described_by(field: &str, has_hint: bool, error: Option<Invalid>) -> Option<String> {
    let parts: Vec<String> = [has_hint.then(|| format!("{field}-hint")), error.map(|_| format!("{field}-error"))]
        .into_iter()
        .flatten()
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::described_by;
    use crate::common::error::Invalid;

    #[test]
    fn describes_a_field_by_its_hint_and_its_error() {
        assert_eq!(described_by("title", false, None), None);
        assert_eq!(described_by("title", true, None).as_deref(), Some("title-hint"));
        assert_eq!(described_by("title", false, Some(Invalid::Required)).as_deref(), Some("title-error"));
        assert_eq!(described_by("title", true, Some(Invalid::Required)).as_deref(), Some("title-hint title-error"));
    }
}
