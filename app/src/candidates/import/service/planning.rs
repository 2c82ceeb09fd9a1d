//! Planning an import: what each row of the file would create or change, checked like the edit form, nothing written.

use super::*;
use crate::candidates::activity::store as activity;
use crate::candidates::import::parse::{self, Table};
use crate::candidates::import::store::{self, ChangedRow, Claim, NewRow};
use crate::candidates::import::{Column, Field, FileProblem, ImportReport, RowAction, RowReport};
use crate::candidates::model::{Phase, Visibility};
use crate::candidates::record::model::{self as record, RecordForm};
use crate::candidates::record::store::{self as record_store, Labels, RecordRow};
use crate::common::error::{AppError, AppResult, FieldError, Invalid};
use crate::common::locale::Locale;
use crate::db::Db;
use crate::identity::model::Actor;
use crate::identity::policy;
use std::collections::{HashMap, HashSet};

/// What a file would do.
pub(super) struct Plan {
    pub(super) report: ImportReport,
    pub(super) creates: Vec<NewRow>,
    pub(super) updates: Vec<ChangedRow>,
    /// The report row of each create, in order.
    pub(super) create_rows: Vec<usize>,
}

/// A department of the municipality, by name and by its path of names.
struct Department {
    id: i64,
    name: String,
    label: String,
    path: String,
}

fn departments_of(rows: Vec<store::DepartmentRow>) -> Vec<Department> {
    let names: HashMap<i64, String> = rows.iter().map(|d| (d.id, d.name.clone())).collect();
    rows.into_iter()
        .map(|d| {
            let label = d
                .path
                .split('/')
                .filter_map(|id| id.parse::<i64>().ok())
                .filter_map(|id| names.get(&id).cloned())
                .collect::<Vec<_>>()
                .join(" › ");
            Department {
                id: d.id,
                label: if label.is_empty() { d.name.clone() } else { label },
                name: d.name,
                path: d.path,
            }
        })
        .collect()
}

/// The department a cell names: its path of names (`A › B` or `A > B`), or its name when
/// only one department has it. Compared without regard to case.
fn find_department<'a>(departments: &'a [Department], cell: &str) -> Option<&'a Department> {
    let wanted = cell.replace('>', "›").split('›').map(str::trim).collect::<Vec<_>>().join(" › ").to_lowercase();
    if let Some(d) = departments.iter().find(|d| d.label.to_lowercase() == wanted) {
        return Some(d);
    }
    let mut named = departments.iter().filter(|d| d.name.to_lowercase() == wanted);
    match (named.next(), named.next()) {
        (Some(d), None) => Some(d),
        _ => None,
    }
}

fn fail(errors: &mut Vec<FieldError>, field: &str, problem: Invalid) {
    errors.push(FieldError { field: field.to_owned(), problem });
}

/// The edit form of a stored record with plain numbers (dot decimal, as the file's are read).
fn form_of(row: &RecordRow, labels: &Labels) -> RecordForm {
    let n = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    RecordForm {
        title: row.title.clone(),
        description: row.description.clone(),
        problem_today: row.problem_today.clone().unwrap_or_default(),
        desired_outcome: row.desired_outcome.clone().unwrap_or_default(),
        department_id: row.department_id.map(|d| d.to_string()).unwrap_or_default(),
        visibility: row.visibility.clone(),
        external_id: row.external_id.clone().unwrap_or_default(),
        taxonomy_code: row.taxonomy_code.clone().unwrap_or_default(),
        tags: labels.tags.join(", "),
        subject_areas: labels.subject_areas.join(", "),
        volume: row.volume.to_string(),
        period: row.period.clone(),
        minutes_per_case: row.minutes_per_case.to_string(),
        error_rate_pct: n(row.error_rate_pct),
        rework_minutes: n(row.rework_minutes),
        review_minutes: n(row.review_minutes),
        automation_share_pct: n(row.automation_share_pct),
        legal_basis: row.legal_basis.clone().unwrap_or_default(),
        // Groups the import does not touch are not checked again (the contact is sealed).
        ..RecordForm::default()
    }
}

fn new_record() -> RecordRow {
    RecordRow {
        title: String::new(),
        description: String::new(),
        department_id: None,
        volume: 0.0,
        period: String::new(),
        minutes_per_case: 0.0,
        visibility: Visibility::Municipality.as_str().to_owned(),
        phase: Phase::Idea.as_str().to_owned(),
        problem_today: None,
        desired_outcome: None,
        external_id: None,
        taxonomy_code: None,
        legal_basis: None,
        legal_verified_on: None,
        owner_id: None,
        owner_name: None,
        owner_municipality: None,
        owner_erased: None,
        contact_name: None,
        contact_email: None,
        contact_phone: None,
        error_rate_pct: None,
        rework_minutes: None,
        review_minutes: None,
        automation_share_pct: None,
        input_digital: None,
        input_structured: None,
        rule_based: None,
        stable: None,
        exceptions_pct: None,
        systems_count: None,
        build_cost: None,
        annual_run_cost: None,
        internal_notes: None,
    }
}

fn same_labels(a: &[String], b: &[String]) -> bool {
    let set = |l: &[String]| {
        let mut v: Vec<String> = l.iter().map(|x| x.to_lowercase()).collect();
        v.sort();
        v
    };
    set(a) == set(b)
}

/// Plans every row; `None` when the claim was lost meanwhile.
pub(super) async fn plan(
    db: &Db,
    claim: &Claim,
    actor: &Actor,
    text: &str,
    columns: &[Column],
) -> AppResult<Option<Plan>> {
    let mut report = ImportReport::default();
    let empty =
        Plan { report: ImportReport::default(), creates: Vec::new(), updates: Vec::new(), create_rows: Vec::new() };
    let table = match parse::read(text) {
        Ok(table) => table,
        Err(problem) => {
            report.problems.push(problem);
            return Ok(Some(Plan { report, ..empty }));
        }
    };
    let mut seen = HashSet::new();
    for column in columns.iter().filter(|c| c.field != Field::Ignore) {
        if !seen.insert(column.field) {
            report.problems.push(FileProblem::MappedTwice(column.field));
        }
    }
    let identified = seen.contains(&Field::Id) || seen.contains(&Field::ExternalId);
    if !identified {
        for field in REQUIRED.iter().filter(|f| !seen.contains(f)) {
            report.problems.push(FileProblem::MissingField(*field));
        }
    }
    if !report.problems.is_empty() {
        return Ok(Some(Plan { report, ..empty }));
    }
    let departments = departments_of(store::departments(db, actor.municipality_id).await?);
    let mut planner = Planner {
        db,
        actor,
        table: &table,
        columns,
        departments: &departments,
        seen_external: HashSet::new(),
        seen_ids: HashSet::new(),
    };
    let mut plan = Plan { report, ..empty };
    for (index, row) in table.rows.iter().enumerate() {
        let (report_row, op) = planner.row(row).await?;
        match op {
            Some(Op::Create(new)) => {
                plan.create_rows.push(plan.report.rows.len());
                plan.creates.push(new);
            }
            Some(Op::Update(changed)) => plan.updates.push(changed),
            None => {}
        }
        plan.report.rows.push(report_row);
        if (index + 1) % PROGRESS_EVERY == 0 && !store::progress(db, claim, (index + 1) as i64).await? {
            return Ok(None);
        }
    }
    Ok(Some(plan))
}

enum Op {
    Create(NewRow),
    Update(ChangedRow),
}

struct Planner<'a> {
    db: &'a Db,
    actor: &'a Actor,
    table: &'a Table,
    columns: &'a [Column],
    departments: &'a [Department],
    seen_external: HashSet<String>,
    seen_ids: HashSet<i64>,
}

impl Planner<'_> {
    /// The cell of the column mapped to `field`, trimmed, with the export's formula guard
    /// undone; `None` when no column is.
    fn cell<'r>(&self, row: &'r parse::Row, field: Field) -> Option<std::borrow::Cow<'r, str>> {
        let index = self.columns.iter().position(|c| c.field == field)?;
        Some(parse::unguard(row.cells.get(index).map_or("", |c| c.trim())))
    }

    async fn row(&mut self, row: &parse::Row) -> AppResult<(RowReport, Option<Op>)> {
        let mut errors = Vec::new();
        let label = self
            .cell(row, Field::Title)
            .filter(|t| !t.is_empty())
            .or_else(|| self.cell(row, Field::ExternalId))
            .unwrap_or_default()
            .chars()
            .take(120)
            .collect::<String>();
        let report = |action: RowAction, errors: Vec<FieldError>, candidate_id: Option<i64>| RowReport {
            line: row.line,
            label: label.clone(),
            action,
            errors,
            candidate_id,
        };
        let expected = self.table.headers.len();
        if row.cells.len() != expected {
            fail(
                &mut errors,
                "row",
                Invalid::FieldCount {
                    expected: u32::try_from(expected).unwrap_or(u32::MAX),
                    found: u32::try_from(row.cells.len()).unwrap_or(u32::MAX),
                },
            );
            return Ok((report(RowAction::Error, errors, None), None));
        }
        let municipality = self.actor.municipality_id;

        // Which candidate: by external id within the importer's municipality, else by the
        // export's id column; neither means a new one.
        let external = self.cell(row, Field::ExternalId).filter(|e| !e.is_empty()).map(|e| e.into_owned());
        if let Some(e) = &external {
            if !self.seen_external.insert(e.clone()) {
                fail(&mut errors, Field::ExternalId.as_str(), Invalid::Taken);
            }
        }
        let mut existing = match &external {
            Some(e) => store::candidate_by_external_id(self.db, municipality, e).await?,
            None => None,
        };
        if let Some(typed) = self.cell(row, Field::Id).filter(|i| !i.is_empty()) {
            match typed.parse::<i64>() {
                Err(_) => fail(&mut errors, Field::Id.as_str(), Invalid::NotANumber),
                Ok(id) => {
                    let ours = activity::facts(self.db, id).await?.is_some_and(|f| f.municipality_id == municipality);
                    match existing {
                        Some(found) if found != id => fail(&mut errors, Field::ExternalId.as_str(), Invalid::Taken),
                        Some(_) => {}
                        // Another municipality's candidate (an export holds shared ones) or none
                        // at all: left alone, and never matched across municipalities.
                        None if !ours => return Ok((report(RowAction::Skipped, errors, None), None)),
                        None => existing = Some(id),
                    }
                }
            }
        }
        if let Some(id) = existing {
            if !self.seen_ids.insert(id) {
                fail(&mut errors, Field::Id.as_str(), Invalid::Taken);
            }
        }

        let (old, old_labels, facts) = match existing {
            Some(id) => {
                let facts = activity::facts(self.db, id).await?.ok_or(AppError::NotFound)?;
                let (row, labels) = record_store::record(self.db, id).await?.ok_or(AppError::NotFound)?;
                (row, labels, Some(facts))
            }
            None => (new_record(), Labels::default(), None),
        };

        let mut form = match &facts {
            Some(_) => form_of(&old, &old_labels),
            None => RecordForm { visibility: String::new(), ..RecordForm::default() },
        };
        let set = |target: &mut String, field: Field| {
            if let Some(value) = self.cell(row, field) {
                *target = value.into_owned();
            }
        };
        set(&mut form.title, Field::Title);
        set(&mut form.description, Field::Description);
        set(&mut form.volume, Field::Volume);
        set(&mut form.minutes_per_case, Field::MinutesPerCase);
        set(&mut form.external_id, Field::ExternalId);
        set(&mut form.problem_today, Field::ProblemToday);
        set(&mut form.desired_outcome, Field::DesiredOutcome);
        set(&mut form.taxonomy_code, Field::TaxonomyCode);
        set(&mut form.tags, Field::Tags);
        set(&mut form.subject_areas, Field::SubjectAreas);
        set(&mut form.legal_basis, Field::LegalBasis);
        if let Some(period) = self.cell(row, Field::Period) {
            form.period = period.to_lowercase();
        }
        if let Some(visibility) = self.cell(row, Field::Visibility) {
            form.visibility = visibility.to_lowercase();
        }
        if let Some(department) = self.cell(row, Field::Department) {
            form.department_id = match &*department {
                "" => String::new(),
                named => match find_department(self.departments, named) {
                    Some(d) => d.id.to_string(),
                    None => {
                        fail(&mut errors, Field::Department.as_str(), Invalid::UnknownChoice);
                        String::new()
                    }
                },
            };
        }
        // A coordinator limited to departments imports into those only (also the "no
        // department" of a new candidate is outside them).
        let target_department = form.department_id.parse::<i64>().ok();
        let changes_department = facts.is_none() || target_department != old.department_id;
        if changes_department {
            let path =
                target_department.and_then(|id| self.departments.iter().find(|d| d.id == id)).map(|d| d.path.as_str());
            if !policy::oversees(self.actor, municipality, path)
                && !errors.iter().any(|e| e.field == Field::Department.as_str())
            {
                fail(&mut errors, Field::Department.as_str(), Invalid::OutsideYourDepartments);
            }
        }

        // The same checks as the edit form, with every group shown (legal basis included).
        // Numbers as a file has them: a dot or a lone comma as the decimal separator.
        let update = match record::check(&form, Phase::Retired, Locale::En) {
            Ok(update) => Some(update),
            Err(AppError::Invalid(found)) => {
                for e in found {
                    let field =
                        if e.field == "department_id" { Field::Department.as_str().to_owned() } else { e.field };
                    if !errors.iter().any(|x| x.field == field) {
                        errors.push(FieldError { field, problem: e.problem });
                    }
                }
                None
            }
            Err(other) => return Err(other),
        };
        let Some(update) = update.filter(|_| errors.is_empty()) else {
            return Ok((report(RowAction::Error, errors, existing), None));
        };

        let mapped = |field: Field| self.columns.iter().any(|c| c.field == field);
        let b = &update.basics;
        let mut new = old.clone();
        if mapped(Field::Title) {
            new.title = b.title.clone();
        }
        if mapped(Field::Description) {
            new.description = b.description.clone();
        }
        if mapped(Field::Department) {
            new.department_id = b.department_id;
        }
        if mapped(Field::Volume) {
            new.volume = b.volume;
        }
        if mapped(Field::Period) {
            new.period = b.period.as_str().to_owned();
        }
        if mapped(Field::MinutesPerCase) {
            new.minutes_per_case = b.minutes_per_case;
        }
        if mapped(Field::Visibility) || facts.is_none() {
            new.visibility = b.visibility.as_str().to_owned();
        }
        if mapped(Field::ExternalId) {
            new.external_id = update.external_id.clone();
        }
        if mapped(Field::ProblemToday) {
            new.problem_today = update.problem_today.clone();
        }
        if mapped(Field::DesiredOutcome) {
            new.desired_outcome = update.desired_outcome.clone();
        }
        if mapped(Field::TaxonomyCode) {
            new.taxonomy_code = update.taxonomy_code.clone();
        }
        if mapped(Field::LegalBasis) {
            new.legal_basis = update.legal.as_ref().and_then(|(basis, _)| basis.clone());
        }
        let mut labels = old_labels.clone();
        if mapped(Field::Tags) && !same_labels(&old_labels.tags, &update.tags) {
            labels.tags = update.tags.clone();
        }
        if mapped(Field::SubjectAreas) && !same_labels(&old_labels.subject_areas, &update.subject_areas) {
            labels.subject_areas = update.subject_areas.clone();
        }

        let Some(id) = existing else {
            return Ok((report(RowAction::Create, Vec::new(), None), Some(Op::Create(NewRow { row: new, labels }))));
        };
        let changes = crate::candidates::record::service::changes(&old, &old_labels, &new, &labels);
        if changes.is_empty() {
            // Nothing to write, so no permission needed: an export re-imports cleanly also for
            // a coordinator limited to departments.
            return Ok((report(RowAction::Unchanged, Vec::new(), Some(id)), None));
        }
        let path = facts.as_ref().and_then(|f| f.department_path.as_deref());
        if !policy::oversees(self.actor, municipality, path) {
            fail(&mut errors, Field::Department.as_str(), Invalid::OutsideYourDepartments);
            return Ok((report(RowAction::Error, errors, Some(id)), None));
        }
        let read_at = store::updated_at(self.db, id).await?.ok_or(AppError::NotFound)?;
        Ok((
            report(RowAction::Update, Vec::new(), Some(id)),
            Some(Op::Update(ChangedRow { id, read_at, row: new, labels, changes })),
        ))
    }
}
