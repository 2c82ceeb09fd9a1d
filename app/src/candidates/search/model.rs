//! What a search of the candidate list asks for: text, filters, order and page. One type for
//! the list page, its server function, the JSON API and the CSV export, read from and written
//! to the URL query string, so that a search can be bookmarked, shared and run without
//! JavaScript (`/candidates?q=…&phase=idea&phase=backlog&sort=title&page=2`).
//!
//! Reading is lenient: an unknown or malformed value is dropped and reported as a
//! [`QueryNote`], never refused, because the URL may come from an old bookmark or a hand.
//!
//! A filter is one field here, one parameter in `parse`/`to_query_string`, one clause in
//! `store::Filter`.

use crate::candidates::model::{Phase, Status, Visibility};
use serde::{Deserialize, Serialize};
use time::Date;

/// Rows per page of the list (and of the API, which has the same pages).
pub const PAGE_SIZE: u32 = 50;
/// Longer search text is cut: nobody types more, and each word costs index work.
pub const TEXT_MAX_CHARS: usize = 200;
/// At most this many words take part in a text search.
pub const MAX_TERMS: usize = 12;
const TERM_MAX_CHARS: usize = 64;
/// Beyond this the page number is nonsense rather than a deep page.
const MAX_PAGE: u32 = 1_000_000;
/// The longest label (tag, subject area, IT system, technology) a record holds.
pub const LABEL_MAX_CHARS: usize = 60;

string_enum!(
    /// The order of the list. Relevance applies only when there is search text.
    Sort { Relevance = "relevance", Newest = "newest", Oldest = "oldest", Title = "title", Hours = "hours" }
);

time::serde::format_description!(iso_date, Date, "[year]-[month]-[day]");

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateQuery {
    /// `q`: words to find in title and description.
    pub text: String,
    /// `phase`, repeatable: any of these.
    pub phases: Vec<Phase>,
    /// `status`, repeatable.
    pub statuses: Vec<Status>,
    /// `visibility`, repeatable.
    pub visibilities: Vec<Visibility>,
    /// `department`: this department and every department below it.
    pub department: Option<i64>,
    /// `municipality`.
    pub municipality: Option<i64>,
    /// `mine=1`: reported by the person asking.
    pub mine: bool,
    /// `followed=1`: followed by the person asking (nothing for visitors, who follow nothing).
    pub followed: bool,
    /// `subject`: carries this subject area (any case).
    pub subject_area: Option<String>,
    /// `system`: touches this IT system (any case).
    pub it_system: Option<String>,
    /// `technology`: uses this technology (any case).
    pub technology: Option<String>,
    /// `from`: reported on or after this day (UTC).
    #[serde(with = "iso_date::option")]
    pub created_from: Option<Date>,
    /// `to`: reported on or before this day (UTC).
    #[serde(with = "iso_date::option")]
    pub created_to: Option<Date>,
    /// `sort`; `None` is the default: relevance with text, newest without.
    pub sort: Option<Sort>,
    /// `page`, from 1.
    pub page: u32,
}

/// Why part of a query was not used as given; the page shows each as a translated note.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QueryNote {
    UnknownPhase,
    UnknownStatus,
    UnknownVisibility,
    UnknownDepartment,
    UnknownMunicipality,
    BadDate,
    UnknownSort,
    BadPage,
    /// Asked for a page after the last one; the last one is shown.
    PageAfterLast,
    TextShortened,
    /// `mine` without being signed in.
    MineNeedsSignIn,
    /// A subject area, IT system or technology longer than any label; left out.
    LabelTooLong,
}

impl CandidateQuery {
    /// Reads a URL query string (with or without the leading `?`). Empty values are "any", as
    /// a form sends them for blank fields; unknown parameter names are ignored.
    pub fn parse(raw: &str) -> (CandidateQuery, Vec<QueryNote>) {
        let mut query = CandidateQuery::default();
        let mut notes = Vec::new();
        let mut note = |n: QueryNote| {
            if !notes.contains(&n) {
                notes.push(n);
            }
        };
        for (key, value) in decode_pairs(raw.strip_prefix('?').unwrap_or(raw)) {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match key.as_str() {
                "q" => {
                    query.text = value.chars().take(TEXT_MAX_CHARS).collect();
                    if value.chars().count() > TEXT_MAX_CHARS {
                        note(QueryNote::TextShortened);
                    }
                }
                "phase" => push_choice(&mut query.phases, Phase::parse(value), || note(QueryNote::UnknownPhase)),
                "status" => push_choice(&mut query.statuses, Status::parse(value), || note(QueryNote::UnknownStatus)),
                "visibility" => push_choice(&mut query.visibilities, Visibility::parse(value), || {
                    note(QueryNote::UnknownVisibility)
                }),
                "department" => match value.parse::<i64>() {
                    Ok(id) if id > 0 => query.department = Some(id),
                    _ => note(QueryNote::UnknownDepartment),
                },
                "municipality" => match value.parse::<i64>() {
                    Ok(id) if id > 0 => query.municipality = Some(id),
                    _ => note(QueryNote::UnknownMunicipality),
                },
                "mine" => query.mine = is_yes(value),
                "followed" => query.followed = is_yes(value),
                "subject" => query.subject_area = label(value, || note(QueryNote::LabelTooLong)),
                "system" => query.it_system = label(value, || note(QueryNote::LabelTooLong)),
                "technology" => query.technology = label(value, || note(QueryNote::LabelTooLong)),
                "from" => match parse_date(value) {
                    Some(d) => query.created_from = Some(d),
                    None => note(QueryNote::BadDate),
                },
                "to" => match parse_date(value) {
                    Some(d) => query.created_to = Some(d),
                    None => note(QueryNote::BadDate),
                },
                "sort" => match Sort::parse(value) {
                    Some(s) => query.sort = Some(s),
                    None => note(QueryNote::UnknownSort),
                },
                "page" => match value.parse::<u32>() {
                    Ok(p) if (1..=MAX_PAGE).contains(&p) => query.page = p,
                    _ => note(QueryNote::BadPage),
                },
                _ => {}
            }
        }
        (query, notes)
    }

    /// The canonical query string (no `?`), leaving out what is the default; `parse` reads it
    /// back to the same value.
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.text.is_empty() {
            pairs.push(("q", self.text.clone()));
        }
        pairs.extend(self.phases.iter().map(|p| ("phase", p.as_str().to_owned())));
        pairs.extend(self.statuses.iter().map(|s| ("status", s.as_str().to_owned())));
        pairs.extend(self.visibilities.iter().map(|v| ("visibility", v.as_str().to_owned())));
        pairs.extend(self.department.map(|d| ("department", d.to_string())));
        pairs.extend(self.municipality.map(|m| ("municipality", m.to_string())));
        if self.mine {
            pairs.push(("mine", "1".to_owned()));
        }
        if self.followed {
            pairs.push(("followed", "1".to_owned()));
        }
        pairs.extend(self.subject_area.iter().map(|l| ("subject", l.clone())));
        pairs.extend(self.it_system.iter().map(|l| ("system", l.clone())));
        pairs.extend(self.technology.iter().map(|l| ("technology", l.clone())));
        pairs.extend(self.created_from.map(|d| ("from", format_date(d))));
        pairs.extend(self.created_to.map(|d| ("to", format_date(d))));
        pairs.extend(self.sort.map(|s| ("sort", s.as_str().to_owned())));
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        pairs.iter().map(|(k, v)| format!("{k}={}", encode_component(v))).collect::<Vec<_>>().join("&")
    }

    /// The same search on another page.
    pub fn with_page(&self, page: u32) -> CandidateQuery {
        CandidateQuery { page, ..self.clone() }
    }

    /// The page asked for, from 1.
    pub fn page_number(&self) -> u32 {
        self.page.max(1)
    }

    /// Whether anything narrows the list (text or a filter), as opposed to an order or a page.
    pub fn is_filtered(&self) -> bool {
        CandidateQuery { sort: None, page: 0, ..self.clone() } != CandidateQuery::default()
    }

    /// The words to search for, safe to quote into either database's search syntax.
    pub fn terms(&self) -> Vec<String> {
        search_terms(&self.text)
    }

    /// The order used: the chosen one, relevance only when there is something to rank by.
    pub fn effective_sort(&self) -> Sort {
        let has_text = !self.terms().is_empty();
        match self.sort {
            Some(Sort::Relevance) | None if has_text => Sort::Relevance,
            Some(Sort::Relevance) | None => Sort::Newest,
            Some(other) => other,
        }
    }
}

fn is_yes(value: &str) -> bool {
    matches!(value, "1" | "true" | "on" | "yes")
}

/// A label to filter by (already trimmed, not empty); one longer than any stored label is
/// dropped, as it can match nothing.
fn label(value: &str, mut too_long: impl FnMut()) -> Option<String> {
    if value.chars().count() > LABEL_MAX_CHARS {
        too_long();
        return None;
    }
    Some(value.to_owned())
}

fn push_choice<T: PartialEq>(list: &mut Vec<T>, value: Option<T>, mut unknown: impl FnMut()) {
    match value {
        Some(v) if !list.contains(&v) => list.push(v),
        Some(_) => {}
        None => unknown(),
    }
}

/// Splits search text into words of letters and digits, lower-cased. Everything else (quotes,
/// `*`, `-`, parentheses, `:`) separates words, so no operator of FTS5 or `tsquery` can come
/// from a person's text; words like NEAR, OR or NOT are quoted as plain words by the store.
/// Punctuation only gives no words, which means "no text filter".
pub fn search_terms(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().take(TERM_MAX_CHARS).flat_map(char::to_lowercase).filter(|c| c.is_alphanumeric()).collect())
        .filter(|w: &String| !w.is_empty())
        .take(MAX_TERMS)
        .collect()
}

fn parse_date(text: &str) -> Option<Date> {
    let mut parts = text.splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    if !(1900..=9999).contains(&year) {
        return None;
    }
    Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()
}

fn format_date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

/// `application/x-www-form-urlencoded` pairs as browsers send a GET form: `+` is a space,
/// `%XX` a byte; bad escapes are kept as typed and bad UTF-8 is replaced, never an error.
fn decode_pairs(raw: &str) -> impl Iterator<Item = (String, String)> + '_ {
    form_urlencoded::parse(raw.as_bytes()).map(|(key, value)| (key.into_owned(), value.into_owned()))
}

/// Everything but the unreserved characters of RFC 3986 (`A–Z a–z 0–9 - _ . ~`).
const UNRESERVED: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// Percent-encodes everything but the unreserved characters of RFC 3986.
pub fn encode_component(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, UNRESERVED).to_string()
}

impl Sort {
    /// How people read it, in `locale`.
    pub fn label(self, locale: crate::common::locale::Locale) -> &'static str {
        let t = crate::candidates::texts::texts(locale);
        match self {
            Sort::Relevance => t.sort_relevance,
            Sort::Newest => t.sort_newest,
            Sort::Oldest => t.sort_oldest,
            Sort::Title => t.sort_title,
            Sort::Hours => t.sort_hours,
        }
    }
}

impl QueryNote {
    /// How people read it, in `locale`.
    pub fn label(self, locale: crate::common::locale::Locale) -> &'static str {
        let t = crate::candidates::texts::texts(locale);
        match self {
            QueryNote::UnknownPhase => t.query_note_unknown_phase,
            QueryNote::UnknownStatus => t.query_note_unknown_status,
            QueryNote::UnknownVisibility => t.query_note_unknown_visibility,
            QueryNote::UnknownDepartment => t.query_note_unknown_department,
            QueryNote::UnknownMunicipality => t.query_note_unknown_municipality,
            QueryNote::BadDate => t.query_note_bad_date,
            QueryNote::UnknownSort => t.query_note_unknown_sort,
            QueryNote::BadPage => t.query_note_bad_page,
            QueryNote::PageAfterLast => t.query_note_page_after_last,
            QueryNote::TextShortened => t.query_note_text_shortened,
            QueryNote::MineNeedsSignIn => t.query_note_mine_needs_sign_in,
            QueryNote::LabelTooLong => t.query_note_label_too_long,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn reads_every_parameter() {
        let (q, notes) = CandidateQuery::parse(
            "?q=k%C3%B8rekort+fornyelse&phase=idea&phase=backlog&status=on_hold&visibility=public&department=7\
             &municipality=2&mine=1&followed=on&subject=Skat&system=SAP+S%2F4&technology=RPA\
             &from=2026-01-05&to=2026-02-01&sort=title&page=3",
        );
        assert_eq!(notes, vec![]);
        assert_eq!(
            q,
            CandidateQuery {
                text: "kørekort fornyelse".into(),
                phases: vec![Phase::Idea, Phase::Backlog],
                statuses: vec![Status::OnHold],
                visibilities: vec![Visibility::Public],
                department: Some(7),
                municipality: Some(2),
                mine: true,
                followed: true,
                subject_area: Some("Skat".into()),
                it_system: Some("SAP S/4".into()),
                technology: Some("RPA".into()),
                created_from: Some(date!(2026 - 01 - 05)),
                created_to: Some(date!(2026 - 02 - 01)),
                sort: Some(Sort::Title),
                page: 3,
            }
        );
    }

    #[test]
    fn round_trips_through_the_url() {
        let queries = [
            CandidateQuery::default(),
            CandidateQuery { text: "a&b=c + 100% \"x\" æøå ß".into(), ..Default::default() },
            CandidateQuery::parse("q=Straße&phase=testing&phase=idea&status=active&visibility=private&department=3&municipality=9&mine=1&followed=1&subject=%C3%86ldre+%26+b%C3%B8rn&system=KMD&technology=OCR&from=2025-12-31&to=2026-01-01&sort=hours&page=2").0,
        ];
        for q in queries {
            let text = q.to_query_string();
            assert_eq!(CandidateQuery::parse(&text), (q.clone(), vec![]), "{text}");
        }
        assert_eq!(CandidateQuery::default().to_query_string(), "");
        let q = CandidateQuery { phases: vec![Phase::Idea, Phase::Backlog], page: 2, ..Default::default() };
        assert_eq!(q.to_query_string(), "phase=idea&phase=backlog&page=2");
    }

    #[test]
    fn bad_values_are_dropped_with_a_note() {
        let (q, notes) = CandidateQuery::parse(
            "phase=nonsense&phase=idea&status=x&visibility=secret&department=abc&municipality=-1\
             &from=2026-02-30&to=yesterday&sort=random&page=0&unknown=1&mine=maybe",
        );
        assert_eq!(q, CandidateQuery { phases: vec![Phase::Idea], ..Default::default() });
        assert_eq!(
            notes,
            vec![
                QueryNote::UnknownPhase,
                QueryNote::UnknownStatus,
                QueryNote::UnknownVisibility,
                QueryNote::UnknownDepartment,
                QueryNote::UnknownMunicipality,
                QueryNote::BadDate,
                QueryNote::UnknownSort,
                QueryNote::BadPage,
            ]
        );
        assert_eq!(CandidateQuery::parse("page=99999999999").1, vec![QueryNote::BadPage]);
        let long = "x".repeat(LABEL_MAX_CHARS + 1);
        let (q, notes) = CandidateQuery::parse(&format!("subject={long}&system={long}&technology=OCR&followed=no"));
        assert_eq!(q, CandidateQuery { technology: Some("OCR".into()), ..Default::default() });
        assert_eq!(notes, vec![QueryNote::LabelTooLong]);
        assert_eq!(CandidateQuery::parse("q=%ZZ%&phase=%F0%28").0.text, "%ZZ%");
    }

    #[test]
    fn blank_fields_mean_any() {
        let (q, notes) = CandidateQuery::parse("q=&department=&from=&to=&sort=&page=&subject=+&system=&technology=");
        assert_eq!((q, notes), (CandidateQuery::default(), vec![]));
    }

    #[test]
    fn long_text_is_shortened() {
        let long = "a".repeat(TEXT_MAX_CHARS + 5);
        let (q, notes) = CandidateQuery::parse(&format!("q={long}"));
        assert_eq!(q.text.chars().count(), TEXT_MAX_CHARS);
        assert_eq!(notes, vec![QueryNote::TextShortened]);
    }

    #[test]
    fn search_words_carry_no_syntax() {
        assert_eq!(
            search_terms("\"Pas\" AND -kørekort* (NEAR/2) fo:o"),
            vec!["pas", "and", "kørekort", "near", "2", "fo", "o"]
        );
        assert_eq!(search_terms("STRASSE Straße ÄRGER"), vec!["strasse", "straße", "ärger"]);
        assert_eq!(search_terms("\"*-()':^~ ' \\"), Vec::<String>::new());
        assert_eq!(search_terms(&"x ".repeat(40)).len(), MAX_TERMS);
    }

    #[test]
    fn order_and_page_are_no_filter() {
        assert!(!CandidateQuery::parse("sort=hours&page=3").0.is_filtered());
        for raw in ["q=pas", "phase=idea", "mine=1", "followed=1", "technology=RPA", "from=2026-01-01", "department=2"]
        {
            assert!(CandidateQuery::parse(raw).0.is_filtered(), "{raw}");
        }
    }

    #[test]
    fn relevance_needs_text() {
        let q = |raw: &str| CandidateQuery::parse(raw).0.effective_sort();
        assert_eq!(q(""), Sort::Newest);
        assert_eq!(q("q=pas"), Sort::Relevance);
        assert_eq!(q("q=pas&sort=title"), Sort::Title);
        assert_eq!(q("q=%22*%22&sort=relevance"), Sort::Newest);
    }
}
