//! The CSV export of a search: every candidate the list would show on any page, in the list's
//! order, for a spreadsheet. UTF-8 with a byte-order mark (Excel otherwise guesses a legacy
//! code page), headers in the person's language, values as stable names and plain numbers
//! (dot decimal, no grouping) so that the file reads back in.

use crate::candidates::search::model::CandidateQuery;
use crate::candidates::store::{self, ExportRow};
use crate::candidates::texts::Texts;
use crate::common::error::{AppError, AppResult};
use crate::common::locale::Locale;
use crate::csv_table::{guard, line};
use crate::db::Db;
use crate::identity::model::Actor;
use crate::identity::policy::CandidateScope;

/// Rows fetched per query: the export pages through the result instead of holding one query's
/// connection and memory for all of it.
pub const BATCH: i64 = 1000;

/// The CSV for `query`, among the candidates the caller may see. Rows of other municipalities
/// carry no reporter (personal data stays home; the store leaves the name out in SQL).
#[tracing::instrument(skip_all)]
pub async fn candidates_csv(
    db: &Db,
    actor: Option<&Actor>,
    query: &CandidateQuery,
    locale: Locale,
) -> AppResult<Vec<u8>> {
    let actor = actor.ok_or(AppError::Unauthenticated)?;
    let scope = CandidateScope::of(Some(actor));
    let t = crate::candidates::texts::texts(locale);
    let mut out = String::from("\u{feff}");
    out.push_str(&line(&header(t).map(str::to_owned)));
    let mut offset = 0;
    loop {
        let batch = store::export_rows(db, scope, query, BATCH, offset).await?;
        for row in &batch {
            out.push_str(&line(&record(t, row)));
        }
        if i64::try_from(batch.len()).unwrap_or(0) < BATCH {
            break;
        }
        offset += BATCH;
    }
    Ok(out.into_bytes())
}

/// The export's header row in the reader's language (the import recognises it in every one).
pub(crate) fn header(t: &Texts) -> [&'static str; 14] {
    [
        t.csv_id,
        t.col_title,
        t.csv_description,
        t.col_municipality,
        t.col_department,
        t.col_phase,
        t.csv_status,
        t.detail_visibility,
        t.detail_volume,
        t.csv_period,
        t.detail_minutes,
        t.col_hours_per_year,
        t.col_reported,
        t.detail_reporter,
    ]
}

fn record(t: &Texts, row: &ExportRow) -> [String; 14] {
    let c = &row.summary;
    let reporter = match (&row.reporter, row.reporter_erased) {
        (Some(name), _) => cell(name),
        (None, true) => t.former_employee.to_owned(),
        (None, false) => String::new(),
    };
    [
        c.id.to_string(),
        cell(&c.title),
        cell(&row.description),
        cell(&c.municipality),
        c.department.as_deref().map(cell).unwrap_or_default(),
        c.phase.as_str().to_owned(),
        c.status.as_str().to_owned(),
        c.visibility.as_str().to_owned(),
        plain(row.volume),
        row.period.as_str().to_owned(),
        plain(row.minutes_per_case),
        format!("{:.1}", c.manual_hours_per_year),
        c.created_on.to_string(),
        reporter,
    ]
}

/// A number as a program reads it back: dot decimal, no grouping, no needless ".0".
fn plain(value: f64) -> String {
    format!("{value}")
}

/// Text as the export writes it: with the guard against formulas ([`guard`]), so that a
/// reported title never runs as a formula on a coordinator's machine, whichever separator the
/// spreadsheet splits the file by.
fn cell(text: &str) -> String {
    guard(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("-5 days"), "'-5 days");
        assert_eq!(cell("Pas og kørekort"), "Pas og kørekort");
        assert_eq!(cell("Rejse;=1+1"), "Rejse;'=1+1");
        assert_eq!(cell("a,+b\t-c\n@d\"=e ＝f"), "a,'+b\t'-c\n'@d\"'=e ＝f");
        assert_eq!(cell("＠x;＋y"), "'＠x;'＋y");
        assert_eq!(cell("x; =1"), "x; =1", "a space before it: text");
        assert_eq!(cell(""), "");
    }

    #[test]
    fn numbers_are_plain() {
        assert_eq!(plain(12.5), "12.5");
        assert_eq!(plain(1200.0), "1200");
        assert_eq!(plain(0.25), "0.25");
    }
}
