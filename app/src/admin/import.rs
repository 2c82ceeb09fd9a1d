//! CSV import of departments and people: every row is checked against the database and the
//! rows before it, the report says what each row would do, and only a file without a single
//! problem is written — in one transaction.
//!
//! Files from spreadsheets are taken as they come: UTF-8 with or without a byte-order mark,
//! comma, semicolon (Danish and German Excel) or tab as separator, column names in English,
//! Danish, German or Swedish, in any order and case.

use crate::admin::model::{FileProblem, ImportForm, ImportKind, ImportReport, ImportRow, RowOutcome, PATH_SEPARATOR};
use crate::admin::service::{email, merge_roles, name, same_set, Problems};
use crate::admin::store::{self, DepartmentRef, Op, Parent};
use crate::common::error::{AppError, AppResult, Invalid};
use crate::csv_table::ReadProblem;
use crate::db::Db;
use crate::identity::model::{Actor, Role};
use std::collections::HashMap;

pub const MAX_ROWS: usize = 5_000;
pub const MAX_BYTES: usize = 2 * 1024 * 1024;

/// Column names people use, lower-case; the first is the English one the report names.
const DEPARTMENT: &[&str] = &["department", "path", "afdeling", "abteilung", "avdelning"];
const EMAIL: &[&str] = &["email", "e-mail", "mail", "e-mail-adresse", "e-mailadresse", "e-post", "e-postadress"];
const NAME: &[&str] = &["name", "navn", "namn", "display name", "fulde navn", "vollständiger name"];
const ROLES: &[&str] = &["roles", "role", "roller", "rolle", "rollen", "roll"];
const LIMITS: &[&str] = &["departments", "afdelinger", "abteilungen", "avdelningar", "limited to"];

/// Separates several roles or department paths in one cell.
const LIST_SEPARATORS: [char; 2] = [';', '|'];

pub async fn import(db: &Db, actor: Option<&Actor>, form: &ImportForm) -> AppResult<ImportReport> {
    let actor = crate::admin::service::admin(actor)?;
    let kind = ImportKind::parse(form.kind.trim()).ok_or_else(|| AppError::invalid("kind", Invalid::UnknownChoice))?;
    if form.csv.len() > MAX_BYTES {
        return Err(AppError::invalid("csv", Invalid::TooLong { max: MAX_BYTES as u32 }));
    }
    let table = match read(&form.csv) {
        Ok(table) => table,
        Err(problem) => return Ok(ImportReport::refused(kind, problem)),
    };
    let planned = match kind {
        ImportKind::Departments => plan_departments(&table, &store::department_refs(db, actor.municipality_id).await?),
        ImportKind::Users => plan_users(db, actor, &table).await?,
    };
    let (rows, ops) = match planned {
        Ok(plan) => plan,
        Err(problem) => return Ok(ImportReport::refused(kind, problem)),
    };
    let mut report = ImportReport { kind, problems: Vec::new(), rows, committed: false, omitted_rows: 0 };
    if report.has_errors() || form.commit.is_none() || ops.is_empty() {
        return Ok(report);
    }
    store::apply(db, actor.municipality_id, &ops).await.map_err(|error| {
        if store::is_conflict(&error) {
            // Someone added the same name or address since the check: check again.
            AppError::invalid("csv", Invalid::Taken)
        } else {
            AppError::from(error)
        }
    })?;
    report.committed = true;
    tracing::info!(admin = actor.user_id, kind = kind.as_str(), operations = ops.len(), "CSV imported");
    Ok(report)
}

/// The file as header + rows with their line numbers.
struct Table {
    headers: Vec<String>,
    rows: Vec<(u64, Vec<String>)>,
}

impl Table {
    /// The index of the first column called by one of `names`.
    fn column(&self, names: &[&str]) -> Option<usize> {
        self.headers.iter().position(|h| names.contains(&h.trim().to_lowercase().as_str()))
    }

    fn require(&self, names: &[&str]) -> Result<usize, FileProblem> {
        self.column(names).ok_or_else(|| FileProblem::MissingColumn(names[0].to_owned()))
    }
}

fn cell(row: &[String], column: Option<usize>) -> &str {
    column.and_then(|c| row.get(c)).map_or("", |v| v.trim())
}

/// The file as header + rows (the shared CSV reading, [`crate::csv_table`]).
fn read(text: &str) -> Result<Table, FileProblem> {
    let table = crate::csv_table::read(text, MAX_ROWS).map_err(|problem| match problem {
        ReadProblem::Empty => FileProblem::Empty,
        ReadProblem::Unreadable { line } => FileProblem::Unreadable { line },
        ReadProblem::TooManyRows { max } => FileProblem::TooManyRows { max },
    })?;
    Ok(Table { headers: table.headers, rows: table.rows.into_iter().map(|r| (r.line, r.cells)).collect() })
}

/// A department known to the plan: in the database, or created by an earlier operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Node {
    Top,
    Existing(i64),
    Planned(usize),
}

type Plan = Result<(Vec<ImportRow>, Vec<Op>), FileProblem>;

/// Departments by (parent, lower-case name), with their paths.
fn index_departments(existing: &[DepartmentRef]) -> (HashMap<(Node, String), Node>, HashMap<i64, String>) {
    let by_name = existing
        .iter()
        .map(|d| ((d.parent_id.map_or(Node::Top, Node::Existing), d.name.to_lowercase()), Node::Existing(d.id)))
        .collect();
    let paths = existing.iter().map(|d| (d.id, d.path.clone())).collect();
    (by_name, paths)
}

/// One row per department path (`Social services > Children`); missing levels are created,
/// existing ones left as they are, so importing the same file twice changes nothing.
fn plan_departments(table: &Table, existing: &[DepartmentRef]) -> Plan {
    let column = table.require(DEPARTMENT)?;
    let field = table.headers[column].clone();
    let (mut known, paths) = index_departments(existing);
    let mut ops = Vec::new();
    let mut rows = Vec::new();
    for (line, record) in &table.rows {
        let path = cell(record, Some(column));
        let mut problems = Problems::default();
        let names: Vec<String> = path.split(PATH_SEPARATOR).map(|n| name(&mut problems, &field, n, true)).collect();
        let errors = problems.into_vec();
        if !errors.is_empty() {
            rows.push(ImportRow { line: *line, label: path.to_owned(), outcome: RowOutcome::Invalid, errors });
            continue;
        }
        let mut parent = Node::Top;
        let mut created = false;
        for n in names.iter() {
            let key = (parent, n.to_lowercase());
            parent = match known.get(&key) {
                Some(node) => *node,
                None => {
                    let op_parent = match parent {
                        Node::Top => Parent::Top,
                        Node::Existing(id) => Parent::Existing(id, paths.get(&id).cloned().unwrap_or_default()),
                        Node::Planned(index) => Parent::Planned(index),
                    };
                    ops.push(Op::CreateDepartment { name: n.clone(), parent: op_parent });
                    let node = Node::Planned(ops.len() - 1);
                    known.insert(key, node);
                    created = true;
                    node
                }
            };
        }
        let label = names.join(&format!(" {PATH_SEPARATOR} "));
        let outcome = if created { RowOutcome::Create } else { RowOutcome::Unchanged };
        rows.push(ImportRow { line: *line, label, outcome, errors: Vec::new() });
    }
    Ok((rows, ops))
}

/// One row per person (e-mail, name, roles, departments a coordinator is limited to), matched
/// by e-mail address: new people are added without a password (they sign in with single
/// sign-on, or an admin sets one), known ones updated. An empty roles cell means reporter for a
/// new person and "as they are" for a known one.
async fn plan_users(db: &Db, actor: &Actor, table: &Table) -> AppResult<Plan> {
    let (email_column, name_column) = match (table.require(EMAIL), table.require(NAME)) {
        (Ok(e), Ok(n)) => (e, n),
        (Err(problem), _) | (_, Err(problem)) => return Ok(Err(problem)),
    };
    let roles_column = table.column(ROLES);
    let limits_column = table.column(LIMITS);
    let header = |c: Option<usize>| c.map(|c| table.headers[c].clone()).unwrap_or_default();
    let (email_field, name_field) = (header(Some(email_column)), header(Some(name_column)));
    let (roles_field, limits_field) = (header(roles_column), header(limits_column));

    let municipality = actor.municipality_id;
    let people = store::people(db, municipality).await?;
    let elsewhere = store::emails_elsewhere(db, municipality).await?;
    let departments = store::departments(db, municipality).await?;
    let department_by_path: HashMap<String, i64> = departments
        .iter()
        .map(|d| (crate::admin::service::path_label(&departments, d.id).to_lowercase(), d.id))
        .collect();
    let mut admins: Vec<i64> = store::admins(db, municipality).await?;

    let mut seen: Vec<String> = Vec::new();
    let mut rows = Vec::new();
    let mut ops = Vec::new();
    // Rows that take the admin role away, to blame if no admin is left at the end.
    let mut demotions: Vec<usize> = Vec::new();
    for (line, record) in &table.rows {
        let mut problems = Problems::default();
        let address = email(&mut problems, &email_field, cell(record, Some(email_column)));
        let display_name = name(&mut problems, &name_field, cell(record, Some(name_column)), false);
        let known = people.iter().find(|p| p.email == address);
        if seen.contains(&address) {
            problems.add(&email_field, Invalid::Taken);
        } else if known.is_none() && elsewhere.contains(&address) {
            // Someone of another municipality (or an erased person's placeholder) has it.
            problems.add(&email_field, Invalid::Taken);
        }
        seen.push(address.clone());

        let roles_cell = cell(record, roles_column);
        let asked: Vec<Role> = roles_cell
            .split(LIST_SEPARATORS)
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .filter_map(|r| {
                let role = Role::parse(&r.to_lowercase().replace([' ', '-'], "_"));
                if role.is_none() {
                    problems.add(&roles_field, Invalid::UnknownChoice);
                }
                role
            })
            .collect();
        let current = known.map(|p| p.roles.clone()).unwrap_or_default();
        let roles = match (roles_cell.is_empty(), known) {
            (true, Some(p)) => p.roles.clone(),
            (true, None) => vec![Role::Reporter],
            (false, _) => merge_roles(&mut problems, &roles_field, actor, municipality, &current, &asked),
        };

        let mut limited_to = Vec::new();
        for path in cell(record, limits_column).split(LIST_SEPARATORS).map(str::trim).filter(|p| !p.is_empty()) {
            let wanted: Vec<&str> = path.split(PATH_SEPARATOR).map(str::trim).collect();
            match department_by_path.get(&wanted.join(&format!(" {PATH_SEPARATOR} ")).to_lowercase()) {
                Some(id) if !limited_to.contains(id) => limited_to.push(*id),
                Some(_) => {}
                None => problems.add(&limits_field, Invalid::UnknownChoice),
            }
        }
        if !roles.contains(&Role::Coordinator) {
            limited_to.clear();
        }

        if let Some(p) = known {
            // Nobody changes the roles or limits of a person above them (policy::may_change_person).
            let changes = !same_set(&p.roles, &roles)
                || (limits_column.is_some()
                    && roles.contains(&Role::Coordinator)
                    && !same_set(&p.limited_to, &limited_to));
            if changes && crate::identity::policy::may_change_person(actor, municipality, &p.roles).is_err() {
                problems.add(&roles_field, Invalid::NotGrantable);
            }
        }
        let errors = problems.into_vec();
        let outcome = if !errors.is_empty() {
            RowOutcome::Invalid
        } else if let Some(p) = known {
            let unchanged = p.display_name == display_name
                && same_set(&p.roles, &roles)
                && (limits_column.is_none() || same_set(&p.limited_to, &limited_to));
            if unchanged {
                RowOutcome::Unchanged
            } else {
                let limited_to = if limits_column.is_none() { p.limited_to.clone() } else { limited_to };
                let limited_to = if roles.contains(&Role::Coordinator) { limited_to } else { Vec::new() };
                if p.roles.contains(&Role::MunicipalityAdmin) && !roles.contains(&Role::MunicipalityAdmin) {
                    admins.retain(|id| *id != p.id);
                    demotions.push(rows.len());
                } else if roles.contains(&Role::MunicipalityAdmin) && !admins.contains(&p.id) {
                    admins.push(p.id);
                }
                let end_access = crate::admin::service::shrinks(&p.roles, &p.limited_to, &roles, &limited_to);
                ops.push(Op::UpdateUser { id: p.id, display_name, password_hash: None, roles, limited_to, end_access });
                RowOutcome::Update
            }
        } else {
            if roles.contains(&Role::MunicipalityAdmin) {
                // A new admin counts; their id is not known yet.
                admins.push(-1);
            }
            ops.push(Op::CreateUser { email: address.clone(), display_name, password_hash: None, roles, limited_to });
            RowOutcome::Create
        };
        rows.push(ImportRow { line: *line, label: address, outcome, errors });
    }
    if admins.is_empty() {
        for index in demotions {
            if let Some(row) = rows.get_mut(index) {
                row.outcome = RowOutcome::Invalid;
                row.errors
                    .push(crate::common::error::FieldError { field: roles_field.clone(), problem: Invalid::LastAdmin });
            }
        }
    }
    Ok(Ok((rows, ops)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs() -> Vec<DepartmentRef> {
        vec![
            DepartmentRef { id: 1, parent_id: None, name: "Social services".into(), path: "/1/".into() },
            DepartmentRef { id: 2, parent_id: Some(1), name: "Children".into(), path: "/1/2/".into() },
        ]
    }

    #[test]
    fn reads_semicolons_a_byte_order_mark_and_blank_lines() {
        let table = read("\u{feff}Afdeling;Note\nA > B;x\n\n;\nC;y\n").expect("readable");
        assert_eq!(table.headers, vec!["Afdeling", "Note"]);
        assert_eq!(table.rows.iter().map(|(line, _)| *line).collect::<Vec<_>>(), vec![2, 5]);
        assert_eq!(table.column(DEPARTMENT), Some(0));
        assert!(matches!(read("department\n"), Err(FileProblem::Empty)));
        assert!(matches!(read(""), Err(FileProblem::Empty)));
    }

    #[test]
    fn line_numbers_hold_for_windows_line_ends() {
        let table = read("department\r\nA\r\nB\r\n").expect("readable");
        assert_eq!(table.rows.iter().map(|(line, _)| *line).collect::<Vec<_>>(), vec![2, 3]);
    }

    #[test]
    fn department_paths_create_only_what_is_missing() {
        let table = read("department\nSocial services > Children\nsocial services > Elderly > Home care\nSocial services > Elderly\n")
            .expect("readable");
        let (rows, ops) = plan_departments(&table, &refs()).expect("plan");
        let outcomes: Vec<RowOutcome> = rows.iter().map(|r| r.outcome).collect();
        assert_eq!(outcomes, vec![RowOutcome::Unchanged, RowOutcome::Create, RowOutcome::Unchanged]);
        assert_eq!(
            ops,
            vec![
                Op::CreateDepartment { name: "Elderly".into(), parent: Parent::Existing(1, "/1/".into()) },
                Op::CreateDepartment { name: "Home care".into(), parent: Parent::Planned(0) },
            ]
        );
    }

    #[test]
    fn a_bad_row_is_reported_with_its_line_and_column() {
        let table = read("Abteilung\nA\nA >  > B\n").expect("readable");
        let (rows, _) = plan_departments(&table, &[]).expect("plan");
        assert_eq!(rows[1].line, 3);
        assert_eq!(rows[1].outcome, RowOutcome::Invalid);
        assert_eq!(rows[1].errors[0].field, "Abteilung");
        assert_eq!(rows[1].errors[0].problem, Invalid::Required);
    }

    #[test]
    fn a_missing_column_is_the_files_problem() {
        let table = read("name\nx\n").expect("readable");
        assert_eq!(plan_departments(&table, &[]).err(), Some(FileProblem::MissingColumn("department".into())));
    }
}
