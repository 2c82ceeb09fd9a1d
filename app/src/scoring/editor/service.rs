//! The scoring model editor: the draft (a working copy of the current version), its forms, and
//! publishing it as the next version. The forms are read here into a [`Definition`]; every
//! problem, parse errors and [`Definition::problems`] alike, becomes a field error.

use crate::common::error::{AppError, FieldError, Invalid};
use crate::common::locale::Locale;
use crate::scoring::model::{
    valid_key, Axis, Band, Criterion, Definition, Kind, ModelProblem, Source, Translated, MAX_CRITERIA,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Number bands a criterion form offers.
pub const MAX_BANDS: usize = 8;

/// The draft as the editor shows it. `revision` 0: there is no draft yet, this is a copy of
/// the current version that the first save stores.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftView {
    pub definition: Definition,
    pub based_on: i64,
    pub revision: i64,
    /// What keeps it from being published (shown, not enforced, while editing).
    pub problems: Vec<FieldError>,
}

/// The comparison of two versions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub from: i64,
    pub to: i64,
    pub versions: Vec<i64>,
    pub changes: Vec<crate::scoring::diff::Change>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SettingsForm {
    pub revision: String,
    pub value_blend_pct: String,
    pub value_threshold: String,
    pub feasibility_threshold: String,
}

fn text(form: &HashMap<String, String>, name: &str) -> String {
    form.get(name).map(|v| v.trim().to_owned()).unwrap_or_default()
}

fn translated(form: &HashMap<String, String>, prefix: &str) -> Translated {
    Translated {
        en: text(form, &format!("{prefix}_en")),
        da: text(form, &format!("{prefix}_da")),
        de: text(form, &format!("{prefix}_de")),
        sv: text(form, &format!("{prefix}_sv")),
    }
}

/// The revision a form was read at; a form without one is stale by definition.
pub fn parse_revision(value: &str) -> Result<i64, AppError> {
    value.trim().parse::<i64>().ok().filter(|r| *r >= 0).ok_or(AppError::Conflict)
}

fn percent(errors: &mut Vec<FieldError>, field: &str, value: &str, locale: Locale) -> f64 {
    match locale.parse_number(value) {
        None if value.trim().is_empty() => push(errors, field, Invalid::Required),
        None => push(errors, field, Invalid::NotANumber),
        Some(v) if !(0.0..=100.0).contains(&v) => push(errors, field, Invalid::OutOfRange { min: 0, max: 100 }),
        Some(v) => return v,
    }
    0.0
}

fn push(errors: &mut Vec<FieldError>, field: &str, problem: Invalid) {
    errors.push(FieldError { field: field.to_owned(), problem });
}

/// Applies the settings form to `definition`.
pub fn apply_settings(definition: &mut Definition, form: &SettingsForm, locale: Locale) -> Result<(), AppError> {
    let mut errors = Vec::new();
    let blend = percent(&mut errors, "value_blend_pct", &form.value_blend_pct, locale);
    let value = percent(&mut errors, "value_threshold", &form.value_threshold, locale);
    let feasibility = percent(&mut errors, "feasibility_threshold", &form.feasibility_threshold, locale);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    definition.value_blend_pct = blend;
    definition.value_threshold = value;
    definition.feasibility_threshold = feasibility;
    Ok(())
}

/// Reads a criterion form. `original` is the key of the criterion it edits (`None`: a new
/// one, whose key the form gives). The form carries the fields of all three kinds; only the
/// chosen kind's are used, so switching kinds loses nothing that was typed.
pub fn parse_criterion(
    form: &HashMap<String, String>,
    original: Option<&str>,
    locale: Locale,
) -> Result<Criterion, AppError> {
    let mut errors = Vec::new();
    let key = match original {
        Some(key) => key.to_owned(),
        None => {
            let key = text(form, "key");
            if key.is_empty() {
                push(&mut errors, "key", Invalid::Required);
            } else if !valid_key(&key) {
                push(&mut errors, "key", Invalid::BadCriterionKey);
            }
            key
        }
    };
    let axis = Axis::from_key(&text(form, "axis")).unwrap_or_else(|| {
        push(&mut errors, "axis", Invalid::UnknownChoice);
        Axis::Value
    });
    let weight = percent(&mut errors, "weight", &text(form, "weight"), locale);
    let kind = match text(form, "kind").as_str() {
        "scale" => Kind::Scale { levels: std::array::from_fn(|i| translated(form, &format!("level_{}", i + 1))) },
        "yes_no" => Kind::YesNo { yes: translated(form, "yes"), no: translated(form, "no") },
        "number" => {
            let mut bands = Vec::new();
            for i in 0..MAX_BANDS {
                let (min, points) = (text(form, &format!("band_{i}_min")), text(form, &format!("band_{i}_points")));
                if min.is_empty() && points.is_empty() {
                    continue;
                }
                let min = match locale.parse_number(&min) {
                    Some(v) => v,
                    None => {
                        let problem = if min.is_empty() { Invalid::Required } else { Invalid::NotANumber };
                        push(&mut errors, &format!("band_{i}_min"), problem);
                        continue;
                    }
                };
                match points.parse::<u8>() {
                    Ok(p) if (1..=5).contains(&p) => bands.push(Band { min, points: p }),
                    _ => push(&mut errors, &format!("band_{i}_points"), Invalid::OutOfRange { min: 1, max: 5 }),
                }
            }
            Kind::Number { unit: translated(form, "unit"), bands }
        }
        _ => {
            push(&mut errors, "kind", Invalid::UnknownChoice);
            Kind::YesNo { yes: Translated::default(), no: Translated::default() }
        }
    };
    let prefill = match text(form, "prefill").as_str() {
        "" => None,
        other => match Source::from_key(other) {
            Some(source) => Some(source),
            None => {
                push(&mut errors, "prefill", Invalid::UnknownChoice);
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(Criterion {
        key,
        label: translated(form, "label"),
        help: translated(form, "help"),
        axis,
        kind,
        weight,
        ko: form.get("ko").is_some_and(|v| !v.is_empty()),
        prefill,
    })
}

/// The problems of `definition` as field errors: a criterion's under `criterion:{key}:{field}`
/// (the criterion form shows those of its criterion beside the field), the model's under
/// `model:{field}`.
pub fn problem_fields(definition: &Definition) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for problem in definition.problems() {
        let (field, invalid) = match problem {
            ModelProblem::NoCriteria => ("model:criteria".to_owned(), Invalid::NoCriteria),
            ModelProblem::TooManyCriteria => {
                ("model:criteria".to_owned(), Invalid::TooManyCriteria { max: MAX_CRITERIA as u32 })
            }
            ModelProblem::AxisWithoutWeight(axis) => (format!("model:axis_{}", axis.key()), Invalid::AxisWithoutWeight),
            ModelProblem::BlendOutOfRange => {
                ("model:value_blend_pct".to_owned(), Invalid::OutOfRange { min: 0, max: 100 })
            }
            ModelProblem::ThresholdOutOfRange => {
                ("model:value_threshold".to_owned(), Invalid::OutOfRange { min: 0, max: 100 })
            }
            ModelProblem::DuplicateKey(k) => (format!("criterion:{k}:key"), Invalid::Taken),
            ModelProblem::BadKey(k) => (format!("criterion:{k}:key"), Invalid::BadCriterionKey),
            ModelProblem::MissingLabel(k) => (format!("criterion:{k}:label_en"), Invalid::Required),
            ModelProblem::MissingLevelText(k) => {
                for field in missing_texts(definition.criterion(&k)) {
                    push(&mut errors, &format!("criterion:{k}:{field}"), Invalid::Required);
                }
                continue;
            }
            ModelProblem::WeightOutOfRange(k) => {
                (format!("criterion:{k}:weight"), Invalid::OutOfRange { min: 0, max: 100 })
            }
            ModelProblem::BadBands(k) => (format!("criterion:{k}:bands"), Invalid::BadBands),
            ModelProblem::PrefillMismatch(k) => (format!("criterion:{k}:prefill"), Invalid::PrefillMismatch),
        };
        errors.push(FieldError { field, problem: invalid });
    }
    errors
}

/// The English answer texts a criterion lacks, by field name.
fn missing_texts(criterion: Option<&Criterion>) -> Vec<String> {
    match criterion.map(|c| &c.kind) {
        Some(Kind::Scale { levels }) => {
            (0..5).filter(|i| levels[*i].en.trim().is_empty()).map(|i| format!("level_{}_en", i + 1)).collect()
        }
        Some(Kind::YesNo { yes, no }) => [("yes_en", yes), ("no_en", no)]
            .into_iter()
            .filter(|(_, t)| t.en.trim().is_empty())
            .map(|(f, _)| f.to_owned())
            .collect(),
        _ => Vec::new(),
    }
}

/// Puts `criterion` into `definition` (replacing `original`, or appended when new) and
/// returns the problems that concern it, as the criterion form's field errors.
pub fn put_criterion(
    definition: &mut Definition,
    original: Option<&str>,
    criterion: Criterion,
) -> Result<(), AppError> {
    let key = criterion.key.clone();
    match original {
        Some(original) => match definition.criteria.iter_mut().find(|c| c.key == original) {
            Some(slot) => *slot = criterion,
            None => return Err(AppError::NotFound),
        },
        None => {
            if definition.criterion(&key).is_some() {
                return Err(AppError::invalid("key", Invalid::Taken));
            }
            if definition.criteria.len() >= MAX_CRITERIA {
                return Err(AppError::invalid("key", Invalid::TooManyCriteria { max: MAX_CRITERIA as u32 }));
            }
            definition.criteria.push(criterion);
        }
    }
    let prefix = format!("criterion:{key}:");
    let mine: Vec<FieldError> = problem_fields(definition)
        .into_iter()
        .filter_map(|e| e.field.strip_prefix(&prefix).map(|f| FieldError { field: f.to_owned(), problem: e.problem }))
        .collect();
    if mine.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(mine))
    }
}

/// Moves a criterion one place up (`-1`) or down (`1`); at either end it stays where it is.
pub fn move_criterion(definition: &mut Definition, key: &str, by: isize) -> Result<(), AppError> {
    let at = definition.criteria.iter().position(|c| c.key == key).ok_or(AppError::NotFound)?;
    let to = at as isize + by;
    if to >= 0 && (to as usize) < definition.criteria.len() {
        definition.criteria.swap(at, to as usize);
    }
    Ok(())
}

#[cfg(feature = "ssr")]
pub use with_db::*;

#[cfg(feature = "ssr")]
mod with_db {
    use super::*;
    use crate::common::error::AppResult;
    use crate::db::Db;
    use crate::identity::model::Actor;
    use crate::identity::policy::may_edit_scoring_model;
    use crate::scoring::model::ModelVersion;
    use crate::scoring::store;

    /// Everyone signed in may read the model, to understand the scores.
    fn may_read_model(actor: Option<&Actor>) -> AppResult<&Actor> {
        actor.ok_or(AppError::Unauthenticated)
    }

    /// The current version, or `version` when given.
    pub async fn model(db: &Db, actor: Option<&Actor>, version: Option<i64>) -> AppResult<ModelVersion> {
        let actor = may_read_model(actor)?;
        match version {
            Some(v) => store::version(db, v, Some(actor.municipality_id)).await,
            None => store::current(db, Some(actor.municipality_id)).await,
        }
    }

    pub async fn versions(db: &Db, actor: Option<&Actor>) -> AppResult<Vec<ModelVersion>> {
        let actor = may_read_model(actor)?;
        store::versions(db, Some(actor.municipality_id)).await
    }

    /// What changed from version `from` to `to` (by default: the previous version to the current).
    pub async fn compare(db: &Db, actor: Option<&Actor>, from: Option<i64>, to: Option<i64>) -> AppResult<Comparison> {
        let actor = may_read_model(actor)?;
        let latest = store::latest_version(db).await?;
        let to = to.unwrap_or(latest);
        // Versions count from 1 up to the latest; anything else (typed into the URL) is refused
        // before any arithmetic on it.
        let range = |field: &str, v: i64| {
            if (1..=latest.max(1)).contains(&v) {
                Ok(v)
            } else {
                Err(AppError::invalid(field, Invalid::OutOfRange { min: 1, max: latest.max(1) }))
            }
        };
        let to = range("to", to)?;
        let from = range("from", from.unwrap_or(to.saturating_sub(1).max(1)))?;
        let a = store::version(db, from, Some(actor.municipality_id)).await?;
        let b = store::version(db, to, Some(actor.municipality_id)).await?;
        Ok(Comparison {
            from,
            to,
            versions: (1..=latest).rev().collect(),
            changes: crate::scoring::diff::compare(&a.definition, &b.definition),
        })
    }

    /// The draft, or a copy of the current version when there is none.
    pub async fn draft(db: &Db, actor: Option<&Actor>) -> AppResult<DraftView> {
        may_edit_scoring_model(actor)?;
        let (definition, based_on, revision) = match store::draft(db).await? {
            Some(d) => (d.definition, d.based_on, d.revision),
            None => {
                let current = store::current(db, None).await?;
                (current.definition, current.version, 0)
            }
        };
        let problems = problem_fields(&definition);
        Ok(DraftView { definition, based_on, revision, problems })
    }

    /// Reads the draft at `revision` (a stale form: `Conflict`), changes it with `change`, saves.
    async fn change(
        db: &Db,
        actor: Option<&Actor>,
        revision: &str,
        change: impl FnOnce(&mut Definition) -> AppResult<()>,
    ) -> AppResult<()> {
        let actor = may_edit_scoring_model(actor)?;
        let revision = parse_revision(revision)?;
        let mut view = draft(db, Some(actor)).await?;
        if view.revision != revision {
            return Err(AppError::Conflict);
        }
        change(&mut view.definition)?;
        store::save_draft(db, &view.definition, view.based_on, revision, actor.user_id).await
    }

    pub async fn save_settings(db: &Db, actor: Option<&Actor>, form: &SettingsForm, locale: Locale) -> AppResult<()> {
        change(db, actor, &form.revision, |d| apply_settings(d, form, locale)).await
    }

    /// Saves a criterion form; `original`: the key of the criterion edited, `None` for a new one.
    pub async fn save_criterion(
        db: &Db,
        actor: Option<&Actor>,
        original: Option<&str>,
        form: &HashMap<String, String>,
        locale: Locale,
    ) -> AppResult<()> {
        may_edit_scoring_model(actor)?;
        let criterion = parse_criterion(form, original, locale)?;
        let revision = form.get("revision").cloned().unwrap_or_default();
        change(db, actor, &revision, |d| put_criterion(d, original, criterion)).await
    }

    /// `op`: `remove`, `up` or `down`.
    pub async fn criterion_op(db: &Db, actor: Option<&Actor>, revision: &str, key: &str, op: &str) -> AppResult<()> {
        may_edit_scoring_model(actor)?;
        change(db, actor, revision, |d| match op {
            "remove" => {
                let before = d.criteria.len();
                d.criteria.retain(|c| c.key != key);
                if d.criteria.len() == before {
                    Err(AppError::NotFound)
                } else {
                    Ok(())
                }
            }
            "up" => move_criterion(d, key, -1),
            "down" => move_criterion(d, key, 1),
            _ => Err(AppError::invalid("op", Invalid::UnknownChoice)),
        })
        .await
    }

    /// Publishes the draft (at `revision`) as the next version; returns its number.
    pub async fn publish(db: &Db, actor: Option<&Actor>, revision: &str, note: &str) -> AppResult<i64> {
        let actor = may_edit_scoring_model(actor)?;
        let revision = parse_revision(revision)?;
        let Some(draft) = store::draft(db).await? else {
            return Err(AppError::invalid("draft", Invalid::NoDraft));
        };
        if draft.revision != revision {
            return Err(AppError::Conflict);
        }
        let mut errors = problem_fields(&draft.definition);
        let note = note.trim();
        if note.is_empty() {
            push(&mut errors, "note", Invalid::Required);
        } else if note.chars().count() > 2000 {
            push(&mut errors, "note", Invalid::TooLong { max: 2000 });
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        store::publish(db, &draft.definition, note, actor.user_id).await
    }

    pub async fn discard(db: &Db, actor: Option<&Actor>) -> AppResult<()> {
        may_edit_scoring_model(actor)?;
        store::discard_draft(db).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::default_model;

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn a_yes_no_criterion_is_read_with_a_decimal_comma() {
        let f = form(&[
            ("key", "has_api"),
            ("axis", "feasibility"),
            ("kind", "yes_no"),
            ("weight", "7,5"),
            ("ko", "on"),
            ("prefill", "rule_based"),
            ("label_en", "Has an API"),
            ("label_da", "Har et API"),
            ("yes_en", "Yes"),
            ("no_en", "No"),
            ("level_1_en", "kept but unused"),
        ]);
        let c = parse_criterion(&f, None, Locale::Da).expect("parses");
        assert_eq!(c.key, "has_api");
        assert_eq!(c.weight, 7.5);
        assert!(c.ko);
        assert_eq!(c.axis, Axis::Feasibility);
        assert_eq!(c.prefill, Some(Source::RuleBased));
        assert_eq!(c.label.da, "Har et API");
        assert!(matches!(c.kind, Kind::YesNo { .. }));
    }

    #[test]
    fn bad_fields_are_each_named() {
        let f = form(&[
            ("key", "Bad Key"),
            ("axis", "sideways"),
            ("kind", "number"),
            ("weight", "abc"),
            ("band_0_min", "1,5"),
            ("band_0_points", "9"),
            ("band_1_min", "x"),
            ("band_1_points", "2"),
            ("prefill", "nonsense"),
        ]);
        let AppError::Invalid(errors) = parse_criterion(&f, None, Locale::En).expect_err("refused") else { panic!() };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["key", "axis", "weight", "band_0_points", "band_1_min", "prefill"]);
        assert_eq!(errors[0].problem, Invalid::BadCriterionKey);
    }

    #[test]
    fn model_problems_land_beside_the_criterions_fields() {
        let mut d = default_model::definition();
        let f = form(&[
            ("key", "empty"),
            ("axis", "value"),
            ("kind", "scale"),
            ("weight", "3"),
            ("prefill", "annual_volume"),
            ("label_en", "Empty levels"),
            ("level_1_en", "one"),
        ]);
        let c = parse_criterion(&f, None, Locale::En).expect("parses");
        let AppError::Invalid(errors) = put_criterion(&mut d, None, c).expect_err("refused") else { panic!() };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert!(fields.contains(&"level_2_en") && fields.contains(&"prefill"), "{fields:?}");
        assert!(!fields.contains(&"level_1_en"));
    }

    #[test]
    fn settings_are_percentages() {
        let mut d = default_model::definition();
        let form = SettingsForm {
            revision: "0".into(),
            value_blend_pct: "60,5".into(),
            value_threshold: "101".into(),
            feasibility_threshold: String::new(),
        };
        let AppError::Invalid(errors) = apply_settings(&mut d, &form, Locale::Sv).expect_err("refused") else {
            panic!()
        };
        assert_eq!(errors.len(), 2);
        assert_eq!(d.value_blend_pct, 50.0, "nothing changes while anything is wrong");
        let form = SettingsForm { value_threshold: "40".into(), feasibility_threshold: "55".into(), ..form };
        apply_settings(&mut d, &form, Locale::Sv).expect("valid");
        assert_eq!((d.value_blend_pct, d.value_threshold, d.feasibility_threshold), (60.5, 40.0, 55.0));
    }

    #[test]
    fn moves_stop_at_the_ends() {
        let mut d = default_model::definition();
        let first = d.criteria[0].key.clone();
        move_criterion(&mut d, &first, -1).expect("no-op");
        assert_eq!(d.criteria[0].key, first);
        move_criterion(&mut d, &first, 1).expect("moved");
        assert_eq!(d.criteria[1].key, first);
        assert_eq!(move_criterion(&mut d, "nope", 1), Err(AppError::NotFound));
    }
}
