//! Reading and editing the full record: trimmed for readers of other municipalities, contact
//! details sealed at rest, every changed field audited.

use crate::candidates::activity::store::{self as activity, Facts};
use crate::candidates::record::model::{self as record, CandidateRecord, Contact, RecordForm};
use crate::candidates::record::store::{self as store, contact_context, Change, Labels, RecordRow};
use crate::common::error::{AppError, AppResult, Invalid};
use crate::common::locale::Locale;
use crate::crypto::KeyRing;
use crate::db::Db;
use crate::identity::model::{Actor, PersonRef};
use crate::identity::policy;

/// A candidate's sealed contact detail opened (empty when none is stored); a value that does
/// not open is logged and answered as an internal error, never shown.
pub(crate) fn open_sealed_contact(keys: &KeyRing, column: &str, id: i64, sealed: &Option<String>) -> AppResult<String> {
    match sealed {
        None => Ok(String::new()),
        Some(sealed) => keys.open(&contact_context(column, id), sealed).map_err(|error| {
            tracing::error!(candidate = id, column, %error, "cannot open a sealed contact value");
            AppError::Internal
        }),
    }
}

fn seal(keys: &KeyRing, column: &str, id: i64, plain: &str) -> AppResult<Option<String>> {
    if plain.is_empty() {
        return Ok(None);
    }
    keys.seal(&contact_context(column, id), plain).map(Some).map_err(|error| {
        tracing::error!(candidate = id, column, %error, "cannot seal a contact value");
        AppError::Internal
    })
}

fn open_contact(keys: &KeyRing, id: i64, row: &RecordRow) -> AppResult<Contact> {
    Ok(Contact {
        name: open_sealed_contact(keys, "contact_name", id, &row.contact_name)?,
        email: open_sealed_contact(keys, "contact_email", id, &row.contact_email)?,
        phone: open_sealed_contact(keys, "contact_phone", id, &row.contact_phone)?,
    })
}

/// The record as `actor` may see it; the caller has already checked that they may read the
/// candidate. Internal notes, the owner's name and — when `keys` are given to open it — the
/// contact only for its own municipality.
pub async fn view(db: &Db, keys: Option<&KeyRing>, actor: Option<&Actor>, facts: &Facts) -> AppResult<CandidateRecord> {
    let (row, labels) = store::record(db, facts.id).await?.ok_or(AppError::NotFound)?;
    let insider = policy::may_see_history(actor, facts.access()?).is_ok();
    let owner = row.owner_id.map(|_| match (row.owner_erased, &row.owner_name) {
        (Some(true), _) => PersonRef::FormerEmployee,
        (_, Some(name)) if insider && row.owner_municipality == Some(facts.municipality_id) => {
            PersonRef::Named(name.clone())
        }
        _ => PersonRef::Withheld,
    });
    let record = CandidateRecord {
        problem_today: row.problem_today.clone(),
        desired_outcome: row.desired_outcome.clone(),
        external_id: row.external_id.clone(),
        taxonomy_code: row.taxonomy_code.clone(),
        legal_basis: row.legal_basis.clone(),
        legal_verified_on: row.legal_verified_on,
        owner,
        contact: match keys {
            Some(keys) if insider => Some(open_contact(keys, facts.id, &row)?).filter(|c| *c != Contact::default()),
            _ => None,
        },
        error_rate_pct: row.error_rate_pct,
        rework_minutes: row.rework_minutes,
        review_minutes: row.review_minutes,
        automation_share_pct: row.automation_share_pct,
        input_digital: row.input_digital,
        input_structured: row.input_structured,
        rule_based: row.rule_based,
        stable: row.stable,
        exceptions_pct: row.exceptions_pct,
        systems_count: row.systems_count,
        build_cost: row.build_cost,
        annual_run_cost: row.annual_run_cost,
        internal_notes: if insider { row.internal_notes.clone() } else { None },
        tags: labels.tags,
        subject_areas: labels.subject_areas,
        it_systems: labels.it_systems,
        technologies: labels.technologies,
    };
    Ok(record)
}

/// The edit form for a candidate the caller may edit, prefilled.
pub async fn edit_context(
    db: &Db,
    keys: &KeyRing,
    actor: Option<&Actor>,
    id: i64,
    locale: Locale,
) -> AppResult<record::EditContext> {
    let facts = activity::facts(db, id).await?.ok_or(AppError::NotFound)?;
    policy::may_edit_candidate(actor, facts.access()?, facts.owner_id)?;
    let detail = crate::candidates::service::get_with_contact(db, keys, actor, id).await?;
    Ok(record::EditContext {
        // Who may edit is of the candidate's municipality, so sees the owner.
        form: form_of(&detail, facts.owner_id, locale),
        title: detail.title.clone(),
        phase: detail.phase,
        departments: crate::candidates::store::departments(db, facts.municipality_id).await?,
        people: store::colleagues(db, facts.municipality_id).await?,
    })
}

/// Whether `actor` may edit: see [`policy::may_edit_candidate`].
pub fn may_edit(actor: Option<&Actor>, facts: &Facts) -> bool {
    facts.access().is_ok_and(|a| policy::may_edit_candidate(actor, a, facts.owner_id).is_ok())
}

fn text(value: &Option<String>) -> Option<String> {
    value.clone()
}

fn num(value: Option<f64>) -> Option<String> {
    value.map(|v| v.to_string())
}

fn flag(value: Option<bool>) -> Option<String> {
    value.map(|v| if v { "yes".to_owned() } else { "no".to_owned() })
}

/// Labels for comparing and auditing: a set, so the order they were typed in is no change.
fn joined(labels: &[String]) -> Option<String> {
    let mut sorted: Vec<&str> = labels.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    (!sorted.is_empty()).then(|| sorted.join(", "))
}

/// Saves an edit of the whole record: checked, authorised, sealed, audited, or nothing.
#[tracing::instrument(skip(db, keys, actor, form), fields(candidate = form.candidate_id))]
pub async fn edit(db: &Db, keys: &KeyRing, actor: Option<&Actor>, form: &RecordForm, locale: Locale) -> AppResult<()> {
    let facts = activity::facts(db, form.candidate_id).await?.ok_or(AppError::NotFound)?;
    policy::may_edit_candidate(actor, facts.access()?, facts.owner_id)?;
    let actor = actor.ok_or(AppError::Unauthenticated)?;
    let id = facts.id;
    let (old, old_labels) = store::record(db, id).await?.ok_or(AppError::NotFound)?;
    let update = record::check(form, old.phase(), locale)?;
    let municipality = facts.municipality_id;
    if let Some(department) = update.basics.department_id {
        if !crate::candidates::store::department_in_municipality(db, department, municipality).await? {
            return Err(AppError::invalid("department_id", Invalid::UnknownChoice));
        }
    }
    if let Some(owner) = update.owner_id {
        if !store::is_active_colleague(db, owner, municipality).await? {
            return Err(AppError::invalid("owner_id", Invalid::UnknownChoice));
        }
    }
    if let Some(external) = &update.external_id {
        if store::external_id_taken(db, municipality, external, id).await? {
            return Err(AppError::invalid("external_id", Invalid::Taken));
        }
    }
    let old_contact = open_contact(keys, id, &old)?;
    let b = &update.basics;
    let mut new = RecordRow {
        title: b.title.clone(),
        description: b.description.clone(),
        department_id: b.department_id,
        volume: b.volume,
        period: b.period.as_str().to_owned(),
        minutes_per_case: b.minutes_per_case,
        visibility: b.visibility.as_str().to_owned(),
        phase: old.phase.clone(),
        problem_today: update.problem_today.clone(),
        desired_outcome: update.desired_outcome.clone(),
        external_id: update.external_id.clone(),
        taxonomy_code: update.taxonomy_code.clone(),
        owner_id: update.owner_id,
        owner_name: None,
        owner_municipality: None,
        owner_erased: None,
        contact_name: seal(keys, "contact_name", id, &update.contact.name)?,
        contact_email: seal(keys, "contact_email", id, &update.contact.email)?,
        contact_phone: seal(keys, "contact_phone", id, &update.contact.phone)?,
        error_rate_pct: update.error_rate_pct,
        rework_minutes: update.rework_minutes,
        review_minutes: update.review_minutes,
        automation_share_pct: update.automation_share_pct,
        internal_notes: update.internal_notes.clone(),
        ..old.clone()
    };
    let mut labels = Labels {
        tags: update.tags.clone(),
        subject_areas: update.subject_areas.clone(),
        it_systems: old_labels.it_systems.clone(),
        technologies: old_labels.technologies.clone(),
    };
    if let Some(c) = &update.characteristics {
        new.input_digital = c.input_digital;
        new.input_structured = c.input_structured;
        new.rule_based = c.rule_based;
        new.stable = c.stable;
        new.exceptions_pct = c.exceptions_pct;
        new.systems_count = c.systems_count;
        labels.it_systems = c.it_systems.clone();
        labels.technologies = c.technologies.clone();
    }
    if let Some((basis, verified)) = &update.legal {
        new.legal_basis = basis.clone();
        new.legal_verified_on = *verified;
    }
    if let Some((build, run)) = update.cost {
        new.build_cost = build;
        new.annual_run_cost = run;
    }

    let mut changes = changes(&old, &old_labels, &new, &labels);
    // Personal data: the history says that it changed, never what it was or became.
    for (field, before, after) in [
        ("contact_name", &old_contact.name, &update.contact.name),
        ("contact_email", &old_contact.email, &update.contact.email),
        ("contact_phone", &old_contact.phone, &update.contact.phone),
    ] {
        if before != after {
            changes.push((field, None, None));
        }
    }
    if changes.is_empty() {
        return Ok(());
    }
    store::save(db, id, actor.user_id, &new, &labels, &changes).await?;
    tracing::info!(user = actor.user_id, fields = changes.len(), "candidate record edited");
    Ok(())
}

/// The audit events of a change of the record, field by field (the sealed contact apart: its
/// history says only that it changed). Used by the edit form, the API and the CSV import.
pub(crate) fn changes(old: &RecordRow, old_labels: &Labels, new: &RecordRow, labels: &Labels) -> Vec<Change> {
    let mut changes: Vec<Change> = Vec::new();
    let mut compare = |field: &'static str, before: Option<String>, after: Option<String>| {
        if before != after {
            changes.push((field, before, after));
        }
    };
    compare("title", Some(old.title.clone()), Some(new.title.clone()));
    compare("description", Some(old.description.clone()), Some(new.description.clone()));
    compare("department_id", old.department_id.map(|d| d.to_string()), new.department_id.map(|d| d.to_string()));
    compare("volume", Some(old.volume.to_string()), Some(new.volume.to_string()));
    compare("period", Some(old.period.clone()), Some(new.period.clone()));
    compare("minutes_per_case", Some(old.minutes_per_case.to_string()), Some(new.minutes_per_case.to_string()));
    compare("visibility", Some(old.visibility.clone()), Some(new.visibility.clone()));
    compare("problem_today", text(&old.problem_today), text(&new.problem_today));
    compare("desired_outcome", text(&old.desired_outcome), text(&new.desired_outcome));
    compare("external_id", text(&old.external_id), text(&new.external_id));
    compare("taxonomy_code", text(&old.taxonomy_code), text(&new.taxonomy_code));
    compare("tags", joined(&old_labels.tags), joined(&labels.tags));
    compare("subject_areas", joined(&old_labels.subject_areas), joined(&labels.subject_areas));
    compare("error_rate_pct", num(old.error_rate_pct), num(new.error_rate_pct));
    compare("rework_minutes", num(old.rework_minutes), num(new.rework_minutes));
    compare("review_minutes", num(old.review_minutes), num(new.review_minutes));
    compare("automation_share_pct", num(old.automation_share_pct), num(new.automation_share_pct));
    compare("owner_id", old.owner_id.map(|o| o.to_string()), new.owner_id.map(|o| o.to_string()));
    compare("internal_notes", text(&old.internal_notes), text(&new.internal_notes));
    compare("input_digital", flag(old.input_digital), flag(new.input_digital));
    compare("input_structured", flag(old.input_structured), flag(new.input_structured));
    compare("rule_based", flag(old.rule_based), flag(new.rule_based));
    compare("stable", flag(old.stable), flag(new.stable));
    compare("exceptions_pct", num(old.exceptions_pct), num(new.exceptions_pct));
    compare("systems_count", old.systems_count.map(|n| n.to_string()), new.systems_count.map(|n| n.to_string()));
    compare("it_systems", joined(&old_labels.it_systems), joined(&labels.it_systems));
    compare("technologies", joined(&old_labels.technologies), joined(&labels.technologies));
    compare("legal_basis", text(&old.legal_basis), text(&new.legal_basis));
    compare(
        "legal_verified_on",
        old.legal_verified_on.map(|d| d.to_string()),
        new.legal_verified_on.map(|d| d.to_string()),
    );
    compare("build_cost", num(old.build_cost), num(new.build_cost));
    compare("annual_run_cost", num(old.annual_run_cost), num(new.annual_run_cost));
    changes
}

/// The values the edit form starts from, as text in the reader's language (numbers as the
/// form parses them back).
pub fn form_of(
    detail: &crate::candidates::model::CandidateDetail,
    owner_id: Option<i64>,
    locale: Locale,
) -> RecordForm {
    let record = &detail.record;
    let id = detail.id;
    let n = |v: Option<f64>| v.map(|v| locale.editable(v)).unwrap_or_default();
    let yn = |v: Option<bool>| match v {
        Some(true) => "yes".to_owned(),
        Some(false) => "no".to_owned(),
        None => String::new(),
    };
    let contact = record.contact.clone().unwrap_or_default();
    RecordForm {
        candidate_id: id,
        title: detail.title.clone(),
        description: detail.description.clone(),
        problem_today: record.problem_today.clone().unwrap_or_default(),
        desired_outcome: record.desired_outcome.clone().unwrap_or_default(),
        department_id: detail.department_id.map(|d| d.to_string()).unwrap_or_default(),
        visibility: detail.visibility.as_str().to_owned(),
        external_id: record.external_id.clone().unwrap_or_default(),
        taxonomy_code: record.taxonomy_code.clone().unwrap_or_default(),
        tags: record.tags.join(", "),
        subject_areas: record.subject_areas.join(", "),
        volume: locale.editable(detail.volume),
        period: detail.period.as_str().to_owned(),
        minutes_per_case: locale.editable(detail.minutes_per_case),
        error_rate_pct: n(record.error_rate_pct),
        rework_minutes: n(record.rework_minutes),
        review_minutes: n(record.review_minutes),
        automation_share_pct: n(record.automation_share_pct),
        owner_id: owner_id.map(|o| o.to_string()).unwrap_or_default(),
        contact_name: contact.name,
        contact_email: contact.email,
        contact_phone: contact.phone,
        internal_notes: record.internal_notes.clone().unwrap_or_default(),
        input_digital: yn(record.input_digital),
        input_structured: yn(record.input_structured),
        rule_based: yn(record.rule_based),
        stable: yn(record.stable),
        exceptions_pct: n(record.exceptions_pct),
        systems_count: record.systems_count.map(|n| n.to_string()).unwrap_or_default(),
        it_systems: record.it_systems.join(", "),
        technologies: record.technologies.join(", "),
        legal_basis: record.legal_basis.clone().unwrap_or_default(),
        legal_verified_on: record.legal_verified_on.map(|d| d.to_string()).unwrap_or_default(),
        build_cost: n(record.build_cost),
        annual_run_cost: n(record.annual_run_cost),
    }
}
