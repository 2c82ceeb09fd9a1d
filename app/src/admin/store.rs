//! The SQL of administration. Every change goes through [`apply`]: a list of operations
//! written in one transaction, so that a form's change and a whole CSV file alike are all or
//! nothing.

use crate::admin::model::{Department, UserSummary};
use crate::db::Db;
use crate::identity::model::Role;
use crate::with_pool;
use time::OffsetDateTime;

/// Where a new department hangs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parent {
    Top,
    /// An existing department: its id and path.
    Existing(i64, String),
    /// A department created by an earlier operation of the same [`apply`] call (its index).
    Planned(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    CreateDepartment {
        name: String,
        parent: Parent,
    },
    /// Renames, and moves the whole subtree when `moved_to` is set.
    UpdateDepartment {
        id: i64,
        name: String,
        moved_to: Option<Move>,
    },
    DeleteDepartment {
        id: i64,
    },
    CreateUser {
        email: String,
        display_name: String,
        password_hash: Option<String>,
        roles: Vec<Role>,
        limited_to: Vec<i64>,
    },
    /// `password_hash`: `None` keeps the stored one. `end_access`: revoke the person's API
    /// tokens and end their sessions (a password set by an admin, roles taken away).
    UpdateUser {
        id: i64,
        display_name: String,
        password_hash: Option<String>,
        roles: Vec<Role>,
        limited_to: Vec<i64>,
        end_access: bool,
    },
    EraseUser {
        id: i64,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Move {
    pub parent_id: Option<i64>,
    pub old_path: String,
    /// The new path of the department itself (`/{new parent path}{id}/`).
    pub new_path: String,
}

#[derive(sqlx::FromRow)]
struct DepartmentRow {
    id: i64,
    parent_id: Option<i64>,
    name: String,
    candidates: i64,
    children: i64,
}

/// A department as the rules need it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DepartmentRef {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub name: String,
    pub path: String,
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    email: String,
    display_name: String,
    has_password: bool,
    has_sso: bool,
}

const MUNICIPALITY_NAME: &str = "SELECT name FROM municipalities WHERE id = $1";

const DEPARTMENTS: &str = "SELECT d.id, d.parent_id, d.name, \
        (SELECT COUNT(*) FROM candidates c WHERE c.department_id = d.id) AS candidates, \
        (SELECT COUNT(*) FROM departments k WHERE k.parent_id = d.id) AS children \
     FROM departments d WHERE d.municipality_id = $1";

const DEPARTMENT_REFS: &str = "SELECT id, parent_id, name, path FROM departments WHERE municipality_id = $1";

const USERS: &str = "SELECT id, email, display_name, password_hash IS NOT NULL AS has_password, \
        oidc_subject IS NOT NULL AS has_sso \
     FROM users WHERE municipality_id = $1 AND erased_at IS NULL ORDER BY lower(display_name), id";
const USER: &str = "SELECT id, email, display_name, password_hash IS NOT NULL AS has_password, \
        oidc_subject IS NOT NULL AS has_sso \
     FROM users WHERE municipality_id = $1 AND id = $2 AND erased_at IS NULL";
const ROLES: &str = "SELECT r.user_id, r.role FROM user_roles r JOIN users u ON u.id = r.user_id \
     WHERE u.municipality_id = $1 ORDER BY r.role";
const LIMITS: &str = "SELECT cd.user_id, cd.department_id FROM coordinator_departments cd \
     JOIN users u ON u.id = cd.user_id WHERE u.municipality_id = $1 ORDER BY cd.department_id";
const EMAIL_TAKEN: &str = "SELECT COUNT(*) FROM users WHERE email = $1";
/// Addresses held by anyone `people` does not list: other municipalities, erased placeholders.
const EMAILS_ELSEWHERE: &str = "SELECT email FROM users WHERE municipality_id <> $1 OR erased_at IS NOT NULL";
const ADMINS: &str = "SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id \
     WHERE u.municipality_id = $1 AND u.erased_at IS NULL AND r.role = 'municipality_admin'";

const INSERT_DEPARTMENT: &str = "INSERT INTO departments (municipality_id, parent_id, name, path, created_at) \
     VALUES ($1, $2, $3, '', $4) RETURNING id";
const SET_PATH: &str = "UPDATE departments SET path = $1 WHERE id = $2";
const PATH_OF: &str = "SELECT path FROM departments WHERE id = $1";
const RENAME_DEPARTMENT: &str = "UPDATE departments SET name = $1 WHERE id = $2 AND municipality_id = $3";
const REPARENT_DEPARTMENT: &str = "UPDATE departments SET parent_id = $1 WHERE id = $2 AND municipality_id = $3";
// Paths are digits and slashes, so LIKE needs no escaping; substr is 1-based in both dialects.
const MOVE_SUBTREE: &str = "UPDATE departments SET path = $1 || substr(path, CAST($2 AS INTEGER)) \
     WHERE municipality_id = $3 AND path LIKE $4 || '%'";
const DELETE_DEPARTMENT: &str = "DELETE FROM departments WHERE id = $1 AND municipality_id = $2";

const INSERT_USER: &str = "INSERT INTO users (municipality_id, email, display_name, password_hash, created_at) \
     VALUES ($1, $2, $3, $4, $5) RETURNING id";
const RENAME_USER: &str = "UPDATE users SET display_name = $1 WHERE id = $2 AND municipality_id = $3";
const SET_PASSWORD: &str = "UPDATE users SET password_hash = $1 WHERE id = $2 AND municipality_id = $3";
const CLEAR_ROLES: &str = "DELETE FROM user_roles WHERE user_id = $1";
const ADD_ROLE: &str = "INSERT INTO user_roles (user_id, role) VALUES ($1, $2)";
const CLEAR_LIMITS: &str = "DELETE FROM coordinator_departments WHERE user_id = $1";
const ADD_LIMIT: &str = "INSERT INTO coordinator_departments (user_id, department_id) VALUES ($1, $2)";
/// The row stays for history's references; everything that names or lets the person in goes.
/// The e-mail column is unique and NOT NULL, so it gets a placeholder that names nobody.
/// Tokens are refused for erased people anyway; revoking them also shows it in their list.
const REVOKE_TOKENS: &str = "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL";
/// Every session of the person ends at its next request: the session's check value is a
/// digest of the password hash and this counter (see `identity::auth`).
const END_SESSIONS: &str = "UPDATE users SET session_generation = session_generation + 1 WHERE id = $1";
/// An erased person follows nothing and is told nothing any more.
const DROP_FOLLOWS: &str = "DELETE FROM follows WHERE user_id = $1";
const DROP_NOTIFICATIONS: &str = "DELETE FROM notifications WHERE user_id = $1";
const ERASE_USER: &str = "UPDATE users SET display_name = '', email = 'erased-' || id || '@erased.invalid', \
        password_hash = NULL, oidc_issuer = NULL, oidc_subject = NULL, erased_at = $1 \
     WHERE id = $2 AND municipality_id = $3 AND erased_at IS NULL";

const MEMBERS: &str = "SELECT m.id, m.code, m.name, \
        (SELECT COUNT(*) FROM users u WHERE u.municipality_id = m.id AND u.erased_at IS NULL) AS people, \
        (SELECT COUNT(*) FROM candidates c WHERE c.municipality_id = m.id) AS candidates \
     FROM municipalities m ORDER BY m.name";
const CONSORTIUM_PEOPLE: &str = "SELECT u.id AS user_id, u.display_name, u.email, m.name AS municipality, r.role \
     FROM user_roles r JOIN users u ON u.id = r.user_id JOIN municipalities m ON m.id = u.municipality_id \
     WHERE r.role IN ('consortium_coordinator', 'consortium_admin') AND u.erased_at IS NULL \
     ORDER BY r.role, lower(u.display_name), u.id";
const MUNICIPALITY_TAKEN: &str =
    "SELECT COUNT(*) FROM municipalities WHERE lower(code) = lower($1) OR lower(name) = lower($2)";
const INSERT_MUNICIPALITY: &str =
    "INSERT INTO municipalities (code, name, created_at) VALUES ($1, $2, $3) RETURNING id";
const USER_BY_EMAIL: &str = "SELECT id FROM users WHERE email = $1 AND erased_at IS NULL";
const GRANT_ROLE: &str = "INSERT INTO user_roles (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING";
const REVOKE_ROLE: &str = "DELETE FROM user_roles WHERE user_id = $1 AND role = $2";

#[derive(sqlx::FromRow)]
struct MemberRow {
    id: i64,
    code: String,
    name: String,
    people: i64,
    candidates: i64,
}

#[derive(sqlx::FromRow)]
struct ConsortiumPersonRow {
    user_id: i64,
    display_name: String,
    email: String,
    municipality: String,
    role: String,
}

pub async fn members(db: &Db) -> Result<Vec<crate::admin::model::Member>, sqlx::Error> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, MemberRow>(MEMBERS).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|r| crate::admin::model::Member {
            id: r.id,
            code: r.code,
            name: r.name,
            people: r.people,
            candidates: r.candidates,
        })
        .collect())
}

pub async fn consortium_people(db: &Db) -> Result<Vec<crate::admin::model::ConsortiumPerson>, sqlx::Error> {
    let rows =
        with_pool!(db, pool => sqlx::query_as::<_, ConsortiumPersonRow>(CONSORTIUM_PEOPLE).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(crate::admin::model::ConsortiumPerson {
                role: Role::parse(&r.role)?,
                user_id: r.user_id,
                display_name: r.display_name,
                email: r.email,
                municipality: r.municipality,
            })
        })
        .collect())
}

pub async fn municipality_taken(db: &Db, code: &str, name: &str) -> Result<bool, sqlx::Error> {
    let n: i64 =
        with_pool!(db, pool => sqlx::query_scalar(MUNICIPALITY_TAKEN).bind(code).bind(name).fetch_one(pool).await)?;
    Ok(n > 0)
}

pub async fn user_by_email(db: &Db, email: &str) -> Result<Option<i64>, sqlx::Error> {
    with_pool!(db, pool => sqlx::query_scalar(USER_BY_EMAIL).bind(email).fetch_optional(pool).await)
}

/// A municipality alone, without people (the seed data; members join with their first admin
/// through [`create_municipality`]).
pub async fn insert_municipality(db: &Db, code: &str, name: &str) -> Result<i64, sqlx::Error> {
    let now = OffsetDateTime::now_utc();
    with_pool!(db, pool => sqlx::query_scalar(INSERT_MUNICIPALITY).bind(code).bind(name).bind(now).fetch_one(pool).await)
}

/// A member municipality and its first admin, in one transaction. Returns (municipality, user).
pub async fn create_municipality(
    db: &Db,
    code: &str,
    name: &str,
    admin: (&str, &str, &str),
    roles: &[Role],
) -> Result<(i64, i64), sqlx::Error> {
    let (email, display_name, password_hash) = admin;
    let now = OffsetDateTime::now_utc();
    with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let municipality: i64 = sqlx::query_scalar(INSERT_MUNICIPALITY).bind(code).bind(name).bind(now)
            .fetch_one(&mut *tx).await?;
        let user: i64 = sqlx::query_scalar(INSERT_USER)
            .bind(municipality).bind(email).bind(display_name).bind(password_hash).bind(now)
            .fetch_one(&mut *tx).await?;
        for role in roles {
            sqlx::query(ADD_ROLE).bind(user).bind(role.as_str()).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok((municipality, user))
    })
}

pub async fn grant_role(db: &Db, user_id: i64, role: Role) -> Result<(), sqlx::Error> {
    with_pool!(db, pool => sqlx::query(GRANT_ROLE).bind(user_id).bind(role.as_str()).execute(pool).await.map(|_| ()))
}

/// Whether the role was there to take.
pub async fn revoke_role(db: &Db, user_id: i64, role: Role) -> Result<bool, sqlx::Error> {
    let affected = with_pool!(db, pool => sqlx::query(REVOKE_ROLE).bind(user_id).bind(role.as_str()).execute(pool).await
        .map(|done| done.rows_affected()))?;
    Ok(affected > 0)
}

pub async fn municipality_name(db: &Db, municipality_id: i64) -> Result<String, sqlx::Error> {
    with_pool!(db, pool => sqlx::query_scalar(MUNICIPALITY_NAME).bind(municipality_id).fetch_one(pool).await)
}

/// The municipality's departments in tree order.
pub async fn departments(db: &Db, municipality_id: i64) -> Result<Vec<Department>, sqlx::Error> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, DepartmentRow>(DEPARTMENTS)
        .bind(municipality_id).fetch_all(pool).await)?;
    Ok(tree_order(rows))
}

fn tree_order(rows: Vec<DepartmentRow>) -> Vec<Department> {
    fn visit(parent: Option<i64>, depth: usize, rows: &[DepartmentRow], out: &mut Vec<Department>) {
        let mut children: Vec<&DepartmentRow> = rows.iter().filter(|r| r.parent_id == parent).collect();
        children.sort_by_key(|r| (r.name.to_lowercase(), r.id));
        for r in children {
            out.push(Department {
                id: r.id,
                parent_id: r.parent_id,
                name: r.name.clone(),
                depth,
                candidates: r.candidates,
                children: r.children,
            });
            // A tree is never deeper than it has rows; the bound stops a loop in damaged data.
            if depth < rows.len() {
                visit(Some(r.id), depth + 1, rows, out);
            }
        }
    }
    let mut out = Vec::with_capacity(rows.len());
    visit(None, 0, &rows, &mut out);
    out
}

pub async fn department_refs(db: &Db, municipality_id: i64) -> Result<Vec<DepartmentRef>, sqlx::Error> {
    with_pool!(db, pool => sqlx::query_as::<_, DepartmentRef>(DEPARTMENT_REFS)
        .bind(municipality_id).fetch_all(pool).await)
}

/// The municipality's people (not erased ones), with roles and department limits.
pub async fn people(db: &Db, municipality_id: i64) -> Result<Vec<UserSummary>, sqlx::Error> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, UserRow>(USERS).bind(municipality_id).fetch_all(pool).await)?;
    complete(db, municipality_id, rows).await
}

pub async fn person(db: &Db, municipality_id: i64, user_id: i64) -> Result<Option<UserSummary>, sqlx::Error> {
    let row = with_pool!(db, pool => sqlx::query_as::<_, UserRow>(USER)
        .bind(municipality_id).bind(user_id).fetch_optional(pool).await)?;
    Ok(complete(db, municipality_id, row.into_iter().collect()).await?.pop())
}

async fn complete(db: &Db, municipality_id: i64, rows: Vec<UserRow>) -> Result<Vec<UserSummary>, sqlx::Error> {
    let roles: Vec<(i64, String)> =
        with_pool!(db, pool => sqlx::query_as(ROLES).bind(municipality_id).fetch_all(pool).await)?;
    let limits: Vec<(i64, i64)> =
        with_pool!(db, pool => sqlx::query_as(LIMITS).bind(municipality_id).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|u| UserSummary {
            roles: roles.iter().filter(|(id, _)| *id == u.id).filter_map(|(_, r)| Role::parse(r)).collect(),
            limited_to: limits.iter().filter(|(id, _)| *id == u.id).map(|(_, d)| *d).collect(),
            id: u.id,
            email: u.email,
            display_name: u.display_name,
            has_password: u.has_password,
            has_sso: u.has_sso,
        })
        .collect())
}

pub async fn email_taken(db: &Db, email: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = with_pool!(db, pool => sqlx::query_scalar(EMAIL_TAKEN).bind(email).fetch_one(pool).await)?;
    Ok(n > 0)
}

/// Every address in use outside the municipality's listed people, for checking a whole file
/// with one query instead of one per row.
pub async fn emails_elsewhere(db: &Db, municipality_id: i64) -> Result<std::collections::HashSet<String>, sqlx::Error> {
    let emails: Vec<String> =
        with_pool!(db, pool => sqlx::query_scalar(EMAILS_ELSEWHERE).bind(municipality_id).fetch_all(pool).await)?;
    Ok(emails.into_iter().collect())
}

/// Ids of the municipality's admins (people holding `municipality_admin`).
pub async fn admins(db: &Db, municipality_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    with_pool!(db, pool => sqlx::query_scalar(ADMINS).bind(municipality_id).fetch_all(pool).await)
}

/// Writes every operation in one transaction, or none. Returns the id each operation created
/// or touched, in order.
pub async fn apply(db: &Db, municipality_id: i64, ops: &[Op]) -> Result<Vec<i64>, sqlx::Error> {
    let now = OffsetDateTime::now_utc();
    with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let mut ids: Vec<i64> = Vec::with_capacity(ops.len());
        for op in ops {
            let id = match op {
                Op::CreateDepartment { name, parent } => {
                    let (parent_id, parent_path) = match parent {
                        Parent::Top => (None, "/".to_owned()),
                        Parent::Existing(id, path) => (Some(*id), path.clone()),
                        Parent::Planned(index) => {
                            let id = ids.get(*index).copied().ok_or(sqlx::Error::RowNotFound)?;
                            let path: String = sqlx::query_scalar(PATH_OF).bind(id).fetch_one(&mut *tx).await?;
                            (Some(id), path)
                        }
                    };
                    let id: i64 = sqlx::query_scalar(INSERT_DEPARTMENT)
                        .bind(municipality_id).bind(parent_id).bind(name).bind(now)
                        .fetch_one(&mut *tx).await?;
                    sqlx::query(SET_PATH).bind(format!("{parent_path}{id}/")).bind(id).execute(&mut *tx).await?;
                    id
                }
                Op::UpdateDepartment { id, name, moved_to } => {
                    sqlx::query(RENAME_DEPARTMENT).bind(name).bind(*id).bind(municipality_id).execute(&mut *tx).await?;
                    if let Some(m) = moved_to {
                        sqlx::query(REPARENT_DEPARTMENT).bind(m.parent_id).bind(*id).bind(municipality_id)
                            .execute(&mut *tx).await?;
                        let keep_from = i64::try_from(m.old_path.len() + 1).unwrap_or(i64::MAX);
                        sqlx::query(MOVE_SUBTREE).bind(&m.new_path).bind(keep_from).bind(municipality_id)
                            .bind(&m.old_path).execute(&mut *tx).await?;
                    }
                    *id
                }
                Op::DeleteDepartment { id } => {
                    sqlx::query(DELETE_DEPARTMENT).bind(*id).bind(municipality_id).execute(&mut *tx).await?;
                    *id
                }
                Op::CreateUser { email, display_name, password_hash, roles, limited_to } => {
                    let id: i64 = sqlx::query_scalar(INSERT_USER)
                        .bind(municipality_id).bind(email).bind(display_name).bind(password_hash).bind(now)
                        .fetch_one(&mut *tx).await?;
                    for role in roles {
                        sqlx::query(ADD_ROLE).bind(id).bind(role.as_str()).execute(&mut *tx).await?;
                    }
                    for department in limited_to {
                        sqlx::query(ADD_LIMIT).bind(id).bind(*department).execute(&mut *tx).await?;
                    }
                    id
                }
                Op::UpdateUser { id, display_name, password_hash, roles, limited_to, end_access } => {
                    if *end_access {
                        sqlx::query(REVOKE_TOKENS).bind(now).bind(*id).execute(&mut *tx).await?;
                        sqlx::query(END_SESSIONS).bind(*id).execute(&mut *tx).await?;
                    }
                    sqlx::query(RENAME_USER).bind(display_name).bind(*id).bind(municipality_id).execute(&mut *tx).await?;
                    if let Some(hash) = password_hash {
                        sqlx::query(SET_PASSWORD).bind(hash).bind(*id).bind(municipality_id).execute(&mut *tx).await?;
                    }
                    sqlx::query(CLEAR_ROLES).bind(*id).execute(&mut *tx).await?;
                    for role in roles {
                        sqlx::query(ADD_ROLE).bind(*id).bind(role.as_str()).execute(&mut *tx).await?;
                    }
                    sqlx::query(CLEAR_LIMITS).bind(*id).execute(&mut *tx).await?;
                    for department in limited_to {
                        sqlx::query(ADD_LIMIT).bind(*id).bind(*department).execute(&mut *tx).await?;
                    }
                    *id
                }
                Op::EraseUser { id } => {
                    let erased = sqlx::query(ERASE_USER).bind(now).bind(*id).bind(municipality_id).execute(&mut *tx).await?;
                    if erased.rows_affected() != 1 {
                        return Err(sqlx::Error::RowNotFound);
                    }
                    sqlx::query(CLEAR_ROLES).bind(*id).execute(&mut *tx).await?;
                    sqlx::query(CLEAR_LIMITS).bind(*id).execute(&mut *tx).await?;
                    sqlx::query(REVOKE_TOKENS).bind(now).bind(*id).execute(&mut *tx).await?;
                    sqlx::query(DROP_FOLLOWS).bind(*id).execute(&mut *tx).await?;
                    sqlx::query(DROP_NOTIFICATIONS).bind(*id).execute(&mut *tx).await?;
                    *id
                }
            };
            ids.push(id);
        }
        tx.commit().await?;
        Ok(ids)
    })
}

/// Revokes the person's API tokens and ends their sessions, in one transaction.
pub async fn end_access(db: &Db, user_id: i64) -> Result<(), sqlx::Error> {
    let now = OffsetDateTime::now_utc();
    with_pool!(db, pool => async {
        let mut tx = pool.begin().await?;
        sqlx::query(REVOKE_TOKENS).bind(now).bind(user_id).execute(&mut *tx).await?;
        sqlx::query(END_SESSIONS).bind(user_id).execute(&mut *tx).await?;
        tx.commit().await
    }.await)
}

/// A unique index refused the write: someone else added the same name or address meanwhile.
pub fn is_conflict(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_unique_violation())
}

// ---- settings ------------------------------------------------------------------------------

const SETTINGS: &str = "SELECT name, working_days_per_year, hours_per_day, loaded_hourly_rate, discount_rate_pct, \
            currency, benefit_years FROM municipalities WHERE id = $1";

const SAVE_SETTINGS: &str = "UPDATE municipalities SET working_days_per_year = $1, hours_per_day = $2, \
            loaded_hourly_rate = $3, discount_rate_pct = $4, currency = $5, benefit_years = $6 WHERE id = $7";

#[derive(sqlx::FromRow)]
struct SettingsRow {
    name: String,
    working_days_per_year: f64,
    hours_per_day: f64,
    loaded_hourly_rate: f64,
    discount_rate_pct: f64,
    currency: String,
    benefit_years: i64,
}

/// The municipality's working time and rates.
pub async fn settings(db: &Db, municipality_id: i64) -> Result<crate::admin::model::MunicipalitySettings, sqlx::Error> {
    let row = with_pool!(db, pool => sqlx::query_as::<_, SettingsRow>(SETTINGS)
        .bind(municipality_id).fetch_one(pool).await)?;
    Ok(crate::admin::model::MunicipalitySettings {
        municipality: row.name,
        working_time: crate::candidates::model::WorkingTime {
            working_days_per_year: row.working_days_per_year,
            hours_per_day: row.hours_per_day,
        },
        economics: crate::candidates::benefit::Economics {
            loaded_hourly_rate: row.loaded_hourly_rate,
            discount_rate_pct: row.discount_rate_pct,
            currency: row.currency,
            years: u32::try_from(row.benefit_years).unwrap_or(0),
        },
    })
}

pub async fn save_settings(
    db: &Db,
    municipality_id: i64,
    time: crate::candidates::model::WorkingTime,
    economics: &crate::candidates::benefit::Economics,
) -> Result<(), sqlx::Error> {
    with_pool!(db, pool => sqlx::query(SAVE_SETTINGS)
        .bind(time.working_days_per_year)
        .bind(time.hours_per_day)
        .bind(economics.loaded_hourly_rate)
        .bind(economics.discount_rate_pct)
        .bind(&economics.currency)
        .bind(i64::from(economics.years))
        .bind(municipality_id)
        .execute(pool)
        .await
        .map(|_| ()))
}
