//! The department tree: adding, renaming, moving and deleting departments.

use super::*;
use crate::admin::model::{Department, DepartmentForm, DepartmentsAdmin, PATH_SEPARATOR};
use crate::admin::store::{self, DepartmentRef, Move, Op, Parent};
use crate::common::error::{AppError, AppResult, Invalid};
use crate::db::Db;
use crate::identity::model::Actor;

// ---- departments ---------------------------------------------------------------------------

pub async fn departments(db: &Db, actor: Option<&Actor>) -> AppResult<DepartmentsAdmin> {
    let actor = admin(actor)?;
    Ok(DepartmentsAdmin {
        municipality: store::municipality_name(db, actor.municipality_id).await?,
        departments: store::departments(db, actor.municipality_id).await?,
    })
}

/// Sibling names are unique regardless of case (the database says so too).
fn name_taken(departments: &[DepartmentRef], parent_id: Option<i64>, name: &str, except: Option<i64>) -> bool {
    let name = name.to_lowercase();
    departments.iter().any(|d| d.parent_id == parent_id && d.name.to_lowercase() == name && Some(d.id) != except)
}

fn parse_parent(problems: &mut Problems, value: &str, departments: &[DepartmentRef]) -> Option<DepartmentRef> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let found = value.parse::<i64>().ok().and_then(|id| departments.iter().find(|d| d.id == id));
    if found.is_none() {
        problems.add("parent_id", Invalid::UnknownChoice);
    }
    found.cloned()
}

pub async fn create_department(db: &Db, actor: Option<&Actor>, form: &DepartmentForm) -> AppResult<i64> {
    let actor = admin(actor)?;
    let existing = store::department_refs(db, actor.municipality_id).await?;
    let mut problems = Problems::default();
    let name = name(&mut problems, "name", &form.name, true);
    let parent = parse_parent(&mut problems, &form.parent_id, &existing);
    if name_taken(&existing, parent.as_ref().map(|p| p.id), &name, None) {
        problems.add("name", Invalid::Taken);
    }
    problems.into_result()?;
    let parent = parent.map_or(Parent::Top, |p| Parent::Existing(p.id, p.path));
    let ids = store::apply(db, actor.municipality_id, &[Op::CreateDepartment { name, parent }])
        .await
        .map_err(write_failed("name"))?;
    tracing::info!(admin = actor.user_id, department = ?ids.first(), "department added");
    ids.first().copied().ok_or(AppError::Internal)
}

pub async fn update_department(db: &Db, actor: Option<&Actor>, id: i64, form: &DepartmentForm) -> AppResult<()> {
    let actor = admin(actor)?;
    let existing = store::department_refs(db, actor.municipality_id).await?;
    let current = existing.iter().find(|d| d.id == id).cloned().ok_or(AppError::NotFound)?;
    let mut problems = Problems::default();
    let name = name(&mut problems, "name", &form.name, true);
    let parent = parse_parent(&mut problems, &form.parent_id, &existing);
    if parent.as_ref().is_some_and(|p| p.path.starts_with(&current.path)) {
        problems.add("parent_id", Invalid::InsideItself);
    }
    let parent_id = parent.as_ref().map(|p| p.id);
    if name_taken(&existing, parent_id, &name, Some(id)) {
        problems.add("name", Invalid::Taken);
    }
    problems.into_result()?;
    let moved_to = (parent_id != current.parent_id).then(|| Move {
        parent_id,
        new_path: format!("{}{id}/", parent.as_ref().map_or("/", |p| p.path.as_str())),
        old_path: current.path.clone(),
    });
    store::apply(db, actor.municipality_id, &[Op::UpdateDepartment { id, name, moved_to }])
        .await
        .map_err(write_failed("name"))?;
    tracing::info!(admin = actor.user_id, department = id, "department changed");
    Ok(())
}

/// Only an empty department goes: no departments below it, no candidates in it.
pub async fn delete_department(db: &Db, actor: Option<&Actor>, id: i64) -> AppResult<()> {
    let actor = admin(actor)?;
    let departments = store::departments(db, actor.municipality_id).await?;
    let department = departments.iter().find(|d| d.id == id).ok_or(AppError::NotFound)?;
    if department.children > 0 || department.candidates > 0 {
        return Err(AppError::invalid("department", Invalid::InUse));
    }
    store::apply(db, actor.municipality_id, &[Op::DeleteDepartment { id }]).await.map_err(|e| {
        // A candidate reported in the meantime holds a reference.
        if matches!(&e, sqlx::Error::Database(d) if d.is_foreign_key_violation()) {
            AppError::invalid("department", Invalid::InUse)
        } else {
            AppError::from(e)
        }
    })?;
    tracing::info!(admin = actor.user_id, department = id, "department deleted");
    Ok(())
}

/// The path of names from the top, for CSV and for people who read it.
pub fn path_label(departments: &[Department], id: i64) -> String {
    let mut names = Vec::new();
    let mut next = Some(id);
    while let Some(current) = next.and_then(|id| departments.iter().find(|d| d.id == id)) {
        names.push(current.name.as_str());
        next = current.parent_id;
        if names.len() > departments.len() {
            break;
        }
    }
    names.reverse();
    names.join(&format!(" {PATH_SEPARATOR} "))
}
