//! The list's search in SQL: one statement per request, assembled from fixed fragments, with
//! every value from the person bound as a parameter. The visibility filter
//! (`visible_to_scope!`, parameters `$1`–`$5`) is the first condition of every statement.

use crate::candidates::model::{CandidateSummary, LabelSuggestions, Period};
use crate::candidates::search::model::{CandidateQuery, Sort};
use crate::candidates::store::{known, SummaryRow};
use crate::common::error::AppResult;
use crate::db::{Backend, Db};
use crate::identity::policy::CandidateScope;
use crate::with_pool;
use time::OffsetDateTime;

/// Parameters after the five of the visibility filter.
enum Arg {
    Int(i64),
    Text(String),
    Time(OffsetDateTime),
}

/// `FROM … WHERE …` of one query and its parameters; shared by the count and the rows.
struct Filter {
    backend: Backend,
    joins: &'static str,
    conditions: String,
    args: Vec<Arg>,
    /// The placeholder of the text query, for ranking.
    text: Option<String>,
}

const SCOPE_ARGS: usize = 5;

/// Whether a text search needs every word (the list) or any of them (similar titles).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Words {
    All,
    Any,
}

/// What a filter is for: counting matches or reading a page of them in order.
#[derive(Clone, Copy)]
enum Purpose {
    Count,
    Rows,
}

impl Filter {
    fn arg(&mut self, arg: Arg) -> String {
        self.args.push(arg);
        format!("${}", SCOPE_ARGS + self.args.len())
    }

    fn and(&mut self, condition: &str) {
        self.conditions.push_str(" AND ");
        self.conditions.push_str(condition);
    }

    /// `column IN ($a, $b, …)` for a list of stored names; nothing for an empty list.
    fn any_of(&mut self, column: &str, names: &[&'static str]) {
        if names.is_empty() {
            return;
        }
        let placeholders: Vec<String> = names.iter().map(|n| self.arg(Arg::Text((*n).to_owned()))).collect();
        self.and(&format!("{column} IN ({})", placeholders.join(", ")));
    }

    /// Full-text condition for `terms` (letters and digits only, see `query::search_terms`, so
    /// quoting them cannot produce an operator); the last word also matches as a word start.
    /// Remembers the text's placeholder for ranking.
    fn matching(&mut self, terms: &[String], words: Words) {
        let Some((last, rest)) = terms.split_last() else {
            return;
        };
        let placeholder = match self.backend {
            Backend::Sqlite => {
                let mut text: Vec<String> = rest.iter().map(|t| format!("\"{t}\"")).collect();
                text.push(format!("\"{last}\"*"));
                self.joins = " JOIN candidates_fts ON candidates_fts.rowid = c.id";
                let joined = text.join(if words == Words::All { " " } else { " OR " });
                let p = self.arg(Arg::Text(joined));
                self.and(&format!("candidates_fts MATCH {p}"));
                p
            }
            Backend::Postgres => {
                let mut text: Vec<String> = rest.iter().map(|t| format!("'{t}'")).collect();
                text.push(format!("'{last}':*"));
                let joined = text.join(if words == Words::All { " & " } else { " | " });
                let p = self.arg(Arg::Text(joined));
                self.and(&format!("c.search @@ to_tsquery('simple', {p})"));
                p
            }
        };
        self.text = Some(placeholder);
    }

    fn new(backend: Backend, q: &CandidateQuery, purpose: Purpose) -> Filter {
        let mut f = Filter {
            backend,
            joins: "",
            conditions: concat!("(", visible_to_scope!(), ")").to_owned(),
            args: Vec::new(),
            text: None,
        };
        f.matching(&q.terms(), Words::All);
        let phases: Vec<&str> = q.phases.iter().map(|p| p.as_str()).collect();
        // SQLite would answer a page in phase or status order from `candidates_by_phase` and
        // then sort every match (tens of thousands) instead of walking the order's index and
        // stopping after a page; `+` keeps that index to the count (EXPLAIN QUERY PLAN on the
        // benchmark's data: 95 ms → 0.4 ms for `status=active&sort=hours`).
        let (phase, status) = match (backend, purpose) {
            (Backend::Sqlite, Purpose::Rows) => ("+c.phase", "+c.status"),
            _ => ("c.phase", "c.status"),
        };
        f.any_of(phase, &phases);
        let statuses: Vec<&str> = q.statuses.iter().map(|s| s.as_str()).collect();
        f.any_of(status, &statuses);
        let visibilities: Vec<&str> = q.visibilities.iter().map(|v| v.as_str()).collect();
        f.any_of("c.visibility", &visibilities);
        if let Some(department) = q.department {
            let p = f.arg(Arg::Int(department));
            // The department and its subtree by materialised path (migration 5).
            f.and(&format!(
                "c.department_id IN (SELECT sub.id FROM departments sub JOIN departments root \
                 ON root.municipality_id = sub.municipality_id \
                 WHERE root.id = {p} AND root.path <> '' AND sub.path LIKE root.path || '%')"
            ));
        }
        if let Some(municipality) = q.municipality {
            let p = f.arg(Arg::Int(municipality));
            f.and(&format!("c.municipality_id = {p}"));
        }
        if q.mine {
            // $3 is the person asking (-1, nobody, when anonymous).
            f.and("c.reporter_id = $3");
        }
        if q.followed {
            // Visitors ($3 = -1) follow nothing, so they find nothing. As an IN list the
            // followed ids come from the primary key (user_id, candidate_id): a person follows
            // hundreds, not a probe for each of 100,000 visible rows.
            f.and("c.id IN (SELECT fo.candidate_id FROM follows fo WHERE fo.user_id = $3)");
        }
        for (kind, label) in
            [("subject_area", &q.subject_area), ("it_system", &q.it_system), ("technology", &q.technology)]
        {
            if let Some(label) = label {
                // Any case (SQLite's lower() folds ASCII letters only; PostgreSQL's all). As an
                // IN list the candidates carrying the label come from the index on
                // (kind, lower(label)) (migration 11) instead of a probe per visible row.
                let p = f.arg(Arg::Text(label.clone()));
                f.and(&format!(
                    "c.id IN (SELECT l.candidate_id FROM candidate_labels l \
                     WHERE l.kind = '{kind}' AND lower(l.label) = lower({p}))"
                ));
            }
        }
        if let Some(from) = q.created_from {
            let p = f.day_start(from);
            f.and(&format!("c.created_at >= {p}"));
        }
        if let Some(next) = q.created_to.and_then(time::Date::next_day) {
            let p = f.day_start(next);
            f.and(&format!("c.created_at < {p}"));
        }
        f
    }

    /// The first instant of a day (UTC) in the backend's own terms. SQLite stores RFC 3339
    /// text, which compares correctly against the bare date ("2026-03-05T…" ≥ "2026-03-05").
    fn day_start(&mut self, day: time::Date) -> String {
        match self.backend {
            Backend::Sqlite => {
                self.arg(Arg::Text(format!("{:04}-{:02}-{:02}", day.year(), u8::from(day.month()), day.day())))
            }
            Backend::Postgres => self.arg(Arg::Time(day.midnight().assume_utc())),
        }
    }

    fn order_by(&self, sort: Sort) -> String {
        match (sort, &self.text, self.backend) {
            (Sort::Relevance, Some(_), Backend::Sqlite) => {
                // Lower bm25 is better; a word in the title counts ten times one in the text.
                "bm25(candidates_fts, 10.0, 1.0), c.created_at DESC, c.id DESC".to_owned()
            }
            (Sort::Relevance, Some(p), Backend::Postgres) => {
                format!("ts_rank(c.search, to_tsquery('simple', {p})) DESC, c.created_at DESC, c.id DESC")
            }
            (Sort::Oldest, _, _) => "c.created_at ASC, c.id ASC".to_owned(),
            (Sort::Title, _, _) => "lower(c.title) ASC, c.id ASC".to_owned(),
            // Stored and indexed (migration 11), kept by triggers.
            (Sort::Hours, _, _) => "c.annual_minutes DESC, c.id DESC".to_owned(),
            (Sort::Relevance | Sort::Newest, _, _) => "c.created_at DESC, c.id DESC".to_owned(),
        }
    }
}

const SUMMARY_COLUMNS: &str = "c.id, c.title, m.name AS municipality, d.name AS department, c.phase, c.status, \
     c.visibility, c.volume, c.period, c.minutes_per_case, c.annual_minutes, c.created_at";

/// The export's columns: the summary's and more. The reporter's name only for the person's own
/// municipality and never for an erased person: trimmed in SQL, so it never leaves the
/// database for anyone else.
const EXPORT_COLUMNS: &str = "c.id, c.title, m.name AS municipality, d.name AS department, c.phase, c.status, \
     c.visibility, c.volume, c.period, c.minutes_per_case, c.annual_minutes, c.created_at, \
     c.description, \
     CASE WHEN c.municipality_id = $2 AND u.erased_at IS NULL THEN u.display_name END AS reporter, \
     (c.municipality_id = $2 AND u.erased_at IS NOT NULL) AS reporter_erased";

/// Binds the visibility filter's five values, then the filter's own.
macro_rules! bind_filter {
    ($query:expr, $scope:expr, $args:expr) => {{
        let mut query = $query
            .bind($scope.signed_in)
            .bind($scope.municipality_id)
            .bind($scope.user_id)
            .bind($scope.sees_all_private)
            .bind($scope.sees_scoped_private);
        for arg in $args {
            query = match arg {
                Arg::Int(v) => query.bind(*v),
                Arg::Text(v) => query.bind(v.as_str()),
                Arg::Time(v) => query.bind(*v),
            };
        }
        query
    }};
}

/// How many candidates the scope may see that match the query, counting no further than `cap`:
/// an exact count of tens of thousands of visible rows costs a scan on every page view, and
/// nobody pages that far (the export has them all).
pub async fn count(db: &Db, scope: CandidateScope, query: &CandidateQuery, cap: i64) -> AppResult<i64> {
    let mut f = Filter::new(db.backend(), query, Purpose::Count);
    let cap = f.arg(Arg::Int(cap));
    let sql = format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM candidates c{} WHERE {} LIMIT {cap}) AS capped",
        f.joins, f.conditions
    );
    let n = with_pool!(db, pool => bind_filter!(sqlx::query_scalar::<_, i64>(&sql), scope, &f.args)
        .fetch_one(pool)
        .await)?;
    Ok(n)
}

fn rows_sql(f: &mut Filter, columns: &str, extra_joins: &str, sort: Sort, limit: i64, offset: i64) -> String {
    let order = f.order_by(sort);
    let limit = f.arg(Arg::Int(limit));
    let offset = f.arg(Arg::Int(offset));
    format!(
        "SELECT {columns} FROM candidates c{} \
         JOIN municipalities m ON m.id = c.municipality_id \
         LEFT JOIN departments d ON d.id = c.department_id{extra_joins} \
         WHERE {} ORDER BY {order} LIMIT {limit} OFFSET {offset}",
        f.joins, f.conditions
    )
}

/// One page of matching candidates in the query's order.
pub async fn search(
    db: &Db,
    scope: CandidateScope,
    query: &CandidateQuery,
    limit: i64,
    offset: i64,
) -> AppResult<Vec<CandidateSummary>> {
    let mut f = Filter::new(db.backend(), query, Purpose::Rows);
    let sql = rows_sql(&mut f, SUMMARY_COLUMNS, "", query.effective_sort(), limit, offset);
    let rows = with_pool!(db, pool => bind_filter!(sqlx::query_as::<_, SummaryRow>(&sql), scope, &f.args)
        .fetch_all(pool)
        .await)?;
    rows.into_iter().map(SummaryRow::into_summary).collect()
}

/// Up to `limit` candidates the scope may see whose title or description share a word with
/// `terms` (any of them; the last also as a word start), best match first: the "already
/// reported?" hint under the report form's title. Without terms, nothing.
pub async fn similar(db: &Db, scope: CandidateScope, terms: &[String], limit: i64) -> AppResult<Vec<CandidateSummary>> {
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let mut f = Filter::new(db.backend(), &CandidateQuery::default(), Purpose::Rows);
    f.matching(terms, Words::Any);
    let sql = rows_sql(&mut f, SUMMARY_COLUMNS, "", Sort::Relevance, limit, 0);
    let rows = with_pool!(db, pool => bind_filter!(sqlx::query_as::<_, SummaryRow>(&sql), scope, &f.args)
        .fetch_all(pool)
        .await)?;
    rows.into_iter().map(SummaryRow::into_summary).collect()
}

/// A row of the CSV export: the summary plus the figures behind it and, trimmed, the reporter.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRow {
    pub summary: CandidateSummary,
    pub description: String,
    pub volume: f64,
    pub period: Period,
    pub minutes_per_case: f64,
    /// Only for candidates of the asking person's own municipality.
    pub reporter: Option<String>,
    /// The reporter (of the own municipality) was erased: "former employee".
    pub reporter_erased: bool,
}

/// The summary's columns (the same row type as the list) and the export's own.
#[derive(sqlx::FromRow)]
struct ExportSqlRow {
    #[sqlx(flatten)]
    summary: SummaryRow,
    description: String,
    reporter: Option<String>,
    reporter_erased: bool,
}

impl ExportSqlRow {
    fn into_export(self) -> AppResult<ExportRow> {
        let period = known(Period::parse(&self.summary.period), "period", &self.summary.period)?;
        let (volume, minutes_per_case) = (self.summary.volume, self.summary.minutes_per_case);
        Ok(ExportRow {
            summary: self.summary.into_summary()?,
            description: self.description,
            volume,
            period,
            minutes_per_case,
            reporter: self.reporter,
            reporter_erased: self.reporter_erased,
        })
    }
}

/// A batch of export rows in the query's order.
pub async fn export_rows(
    db: &Db,
    scope: CandidateScope,
    query: &CandidateQuery,
    limit: i64,
    offset: i64,
) -> AppResult<Vec<ExportRow>> {
    let mut f = Filter::new(db.backend(), query, Purpose::Rows);
    let users = " JOIN users u ON u.id = c.reporter_id";
    let sql = rows_sql(&mut f, EXPORT_COLUMNS, users, query.effective_sort(), limit, offset);
    let rows = with_pool!(db, pool => bind_filter!(sqlx::query_as::<_, ExportSqlRow>(&sql), scope, &f.args)
        .fetch_all(pool)
        .await)?;
    rows.into_iter().map(ExportSqlRow::into_export).collect()
}

/// How many labels of one kind the filter form suggests at most.
const LABELS_SUGGESTED: i64 = 300;

/// Everything the filter form offers, in one round trip (it runs on every list view), as rows
/// of (kind, id, parent id, name):
/// - `department`: the departments of municipality `$7` (none for a visitor, `$7` NULL);
/// - `municipality`: every member municipality (their names are public, the catalogue shows them);
/// - `subject_area`, `it_system`, `technology`: the distinct labels of each kind, walked one
///   index step each (a loose index scan: the cost follows the number of distinct labels, not
///   of labelled candidates), each kept only when a candidate the scope may see carries it.
///   `$6` is the limit per kind.
const FILTER_CHOICES: &str = concat!(
    "WITH RECURSIVE walk (kind, label, n) AS ( \
       SELECT k.kind, (SELECT MIN(first.label) FROM candidate_labels first WHERE first.kind = k.kind), 1 \
       FROM (SELECT 'subject_area' AS kind UNION ALL SELECT 'it_system' UNION ALL SELECT 'technology') k \
       UNION ALL \
       SELECT walk.kind, \
              (SELECT MIN(next.label) FROM candidate_labels next WHERE next.kind = walk.kind AND next.label > walk.label), \
              walk.n + 1 \
       FROM walk WHERE walk.label IS NOT NULL AND walk.n < $6) \
     SELECT 'department' AS kind, d.id AS id, d.parent_id AS parent_id, d.name AS name \
       FROM departments d WHERE d.municipality_id = $7 \
     UNION ALL \
     SELECT 'municipality', m.id, NULL, m.name FROM municipalities m \
     UNION ALL \
     SELECT walk.kind, NULL, NULL, walk.label FROM walk WHERE walk.label IS NOT NULL AND EXISTS ( \
       SELECT 1 FROM candidate_labels l JOIN candidates c ON c.id = l.candidate_id \
       WHERE l.kind = walk.kind AND l.label = walk.label AND ",
    visible_to_scope!(),
    ") ORDER BY kind, name, id"
);

#[derive(sqlx::FromRow)]
struct ChoiceRow {
    kind: String,
    id: Option<i64>,
    parent_id: Option<i64>,
    name: String,
}

/// The choices of the candidate list's filter form.
pub struct FilterChoices {
    pub departments: Vec<crate::candidates::model::DepartmentChoice>,
    pub municipalities: Vec<crate::candidates::model::MunicipalityChoice>,
    pub labels: LabelSuggestions,
}

/// The filter form's choices for `scope`: its municipality's departments (`department_of`, none
/// for a visitor), every municipality, and the subject areas, IT systems and technologies on
/// candidates the scope may see, alphabetically, one per spelling that differs only in case.
/// A label of a candidate the scope may not see (another municipality's private one) never shows.
pub async fn filter_choices(db: &Db, scope: CandidateScope, department_of: Option<i64>) -> AppResult<FilterChoices> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, ChoiceRow>(FILTER_CHOICES)
        .bind(scope.signed_in)
        .bind(scope.municipality_id)
        .bind(scope.user_id)
        .bind(scope.sees_all_private)
        .bind(scope.sees_scoped_private)
        .bind(LABELS_SUGGESTED)
        .bind(department_of)
        .fetch_all(pool)
        .await)?;
    let (mut departments, mut municipalities) = (Vec::new(), Vec::new());
    let mut labels = LabelSuggestions::default();
    let mut seen = std::collections::HashSet::new();
    for row in rows {
        match (row.kind.as_str(), row.id) {
            ("department", Some(id)) => departments.push(crate::candidates::store::DepartmentRow {
                id,
                parent_id: row.parent_id,
                name: row.name,
            }),
            ("municipality", Some(id)) => {
                municipalities.push(crate::candidates::model::MunicipalityChoice { id, name: row.name })
            }
            (kind, _) if !seen.insert((kind.to_owned(), row.name.to_lowercase())) => {}
            ("subject_area", _) => labels.subject_areas.push(row.name),
            ("it_system", _) => labels.it_systems.push(row.name),
            ("technology", _) => labels.technologies.push(row.name),
            _ => {}
        }
    }
    Ok(FilterChoices {
        departments: crate::candidates::store::department_choices(&departments),
        municipalities,
        labels,
    })
}
