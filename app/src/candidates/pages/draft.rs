//! The quick report as typed so far, kept in the tab's session storage: a reload, an expired
//! session or a wrong click does not cost the reporter their text. Session storage (not local
//! storage) ends with the tab, so nothing stays behind on a shared computer. Without
//! JavaScript nothing is kept; the form still works.
//!
//! The fields are not bound to the signals (`prop:value`): hydration would then empty what
//! someone typed before the script had loaded. The signals follow the fields' input events,
//! and a restored draft is written into the fields once, through [`Fields`].

use crate::candidates::model::Visibility;
use leptos::html::{Input, Select, Textarea};
use leptos::prelude::*;

/// The form's fields, to read what is on the screen and to put a restored draft there.
#[derive(Clone, Copy, Default)]
pub struct Fields {
    pub title: NodeRef<Input>,
    pub description: NodeRef<Textarea>,
    pub department_id: NodeRef<Select>,
    pub volume: NodeRef<Input>,
    pub period: NodeRef<Select>,
    pub minutes_per_case: NodeRef<Input>,
    /// The radio buttons in the order of [`Visibility::ALL`].
    pub visibility: [NodeRef<Input>; 4],
}

impl Fields {
    /// What the field shows now; `None` before it is in the page (and on the server).
    fn read(&self, name: &str) -> Option<String> {
        match name {
            "title" => self.title.get_untracked().map(|e| e.value()),
            "description" => self.description.get_untracked().map(|e| e.value()),
            "department_id" => self.department_id.get_untracked().map(|e| e.value()),
            "volume" => self.volume.get_untracked().map(|e| e.value()),
            "period" => self.period.get_untracked().map(|e| e.value()),
            "minutes_per_case" => self.minutes_per_case.get_untracked().map(|e| e.value()),
            "visibility" => Visibility::ALL
                .iter()
                .zip(self.visibility)
                .find(|(_, r)| r.get_untracked().is_some_and(|e| e.checked()))
                .map(|(v, _)| v.as_str().to_owned()),
            _ => None,
        }
    }

    fn write(&self, name: &str, value: &str) {
        match name {
            "title" => self.title.get_untracked().iter().for_each(|e| e.set_value(value)),
            "description" => self.description.get_untracked().iter().for_each(|e| e.set_value(value)),
            "department_id" => self.department_id.get_untracked().iter().for_each(|e| e.set_value(value)),
            "volume" => self.volume.get_untracked().iter().for_each(|e| e.set_value(value)),
            "period" => self.period.get_untracked().iter().for_each(|e| e.set_value(value)),
            "minutes_per_case" => self.minutes_per_case.get_untracked().iter().for_each(|e| e.set_value(value)),
            "visibility" => {
                for (v, radio) in Visibility::ALL.iter().zip(self.visibility) {
                    radio.get_untracked().iter().for_each(|e| e.set_checked(v.as_str() == value));
                }
            }
            _ => {}
        }
    }
}

/// Text fields: what someone typed before the script loaded counts more than a kept draft.
const TYPED_FIELDS: [&str; 4] = ["title", "description", "volume", "minutes_per_case"];

/// One signal per field of the quick report, named as the form posts them.
#[derive(Clone, Copy)]
pub struct Draft {
    pub title: RwSignal<String>,
    pub description: RwSignal<String>,
    pub department_id: RwSignal<String>,
    pub volume: RwSignal<String>,
    pub period: RwSignal<String>,
    pub minutes_per_case: RwSignal<String>,
    pub visibility: RwSignal<String>,
}

const DEFAULT_PERIOD: &str = "week";
const DEFAULT_VISIBILITY: &str = "municipality";

impl Draft {
    pub fn new() -> Draft {
        Draft {
            title: RwSignal::new(String::new()),
            description: RwSignal::new(String::new()),
            department_id: RwSignal::new(String::new()),
            volume: RwSignal::new(String::new()),
            period: RwSignal::new(DEFAULT_PERIOD.to_owned()),
            minutes_per_case: RwSignal::new(String::new()),
            visibility: RwSignal::new(DEFAULT_VISIBILITY.to_owned()),
        }
    }

    fn fields(self) -> [(&'static str, RwSignal<String>); 7] {
        [
            ("title", self.title),
            ("description", self.description),
            ("department_id", self.department_id),
            ("volume", self.volume),
            ("period", self.period),
            ("minutes_per_case", self.minutes_per_case),
            ("visibility", self.visibility),
        ]
    }

    /// Whether anything was typed (a period or visibility alone is only the default).
    fn typed(self) -> bool {
        [self.title, self.description, self.volume, self.minutes_per_case]
            .iter()
            .any(|f| f.with(|v| !v.trim().is_empty()))
    }

    /// In the browser: takes what is on the screen, else what this tab kept, then keeps every
    /// change. Returns a signal that is true when a kept draft was put back.
    pub fn keep(self, fields: Fields) -> ReadSignal<bool> {
        let (restored, set_restored) = signal(false);
        Effect::new(move |first: Option<()>| {
            if first.is_none() {
                let mut any = false;
                for (name, field) in self.fields() {
                    let shown = fields.read(name).filter(|v| !v.trim().is_empty());
                    match (shown, store::get(name)) {
                        (Some(typed), _) if TYPED_FIELDS.contains(&name) => field.set(typed),
                        (_, Some(kept)) => {
                            fields.write(name, &kept);
                            field.set(kept);
                            any = true;
                        }
                        (Some(shown), None) => field.set(shown),
                        (None, None) => {}
                    }
                }
                set_restored.set(any && self.typed());
            }
            if self.typed() {
                self.save();
            }
        });
        restored
    }

    /// Keeps the fields as they are now (again, after a refused report).
    pub fn save(self) {
        for (name, field) in self.fields() {
            field.with(|value| store::set(name, value));
        }
    }

    /// Forgets the kept copy (the page keeps its fields): the report is on its way.
    pub fn sent(self) {
        for (name, _) in self.fields() {
            store::remove(name);
        }
    }

    /// Starts over: empty fields, nothing kept.
    pub fn discard(self, fields: Fields) {
        self.sent();
        for ((name, field), (_, empty)) in self.fields().into_iter().zip(Draft::new().fields()) {
            let empty = empty.get_untracked();
            fields.write(name, &empty);
            field.set(empty);
        }
    }
}

impl Default for Draft {
    fn default() -> Self {
        Draft::new()
    }
}

/// The tab's session storage; absent on the server and when the browser refuses it.
#[cfg(feature = "hydrate")]
mod store {
    const PREFIX: &str = "autoport.report-draft.";

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.session_storage().ok().flatten()
    }

    pub fn get(name: &str) -> Option<String> {
        storage()?.get_item(&format!("{PREFIX}{name}")).ok().flatten()
    }

    pub fn set(name: &str, value: &str) {
        if let Some(s) = storage() {
            // A full or disabled storage only means the draft is not kept.
            let _ = s.set_item(&format!("{PREFIX}{name}"), value);
        }
    }

    pub fn remove(name: &str) {
        if let Some(s) = storage() {
            let _ = s.remove_item(&format!("{PREFIX}{name}"));
        }
    }
}

#[cfg(not(feature = "hydrate"))]
mod store {
    pub fn get(_name: &str) -> Option<String> {
        None
    }

    pub fn set(_name: &str, _value: &str) {}

    pub fn remove(_name: &str) {}
}
