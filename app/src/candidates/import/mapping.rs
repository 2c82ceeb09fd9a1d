//! Which column is which field: the names people give their columns, in English, Danish,
//! German and Swedish, including exactly the headers the CSV export writes in each language
//! (so an exported file maps itself), compared without regard to case and spacing.

use crate::candidates::import::{Column, Field};
use crate::candidates::texts::Texts;
use crate::common::locale::Locale;

/// Column names in use besides the app's own labels (already lower-case, single spaces).
fn extra_names(field: Field) -> &'static [&'static str] {
    match field {
        Field::Ignore => &[],
        Field::Id => &["id", "autoport id", "autoport-id", "candidate id"],
        Field::ExternalId => &[
            "external id",
            "external_id",
            "external-id",
            "ext id",
            "eksternt id",
            "ekstern id",
            "externe id",
            "externe-id",
            "fremdschlüssel",
            "externt id",
            "externt-id",
        ],
        Field::Title => &["title", "name", "titel", "navn", "proces", "process", "prozess", "namn", "process name"],
        Field::Description => &["description", "short description", "beskrivelse", "beschreibung", "beskrivning"],
        Field::Department => &[
            "department",
            "department path",
            "afdeling",
            "forvaltning",
            "abteilung",
            "organisationseinheit",
            "avdelning",
            "förvaltning",
        ],
        Field::Volume => {
            &["volume", "cases", "antal", "antal sager", "volumen", "menge", "anzahl", "volym", "antal ärenden"]
        }
        Field::Period => &["period", "per", "periode", "zeitraum"],
        Field::MinutesPerCase => &[
            "minutes per case",
            "minutes",
            "handling time",
            "minutter pr. sag",
            "minutter pr sag",
            "minutter",
            "minuten pro fall",
            "minuten",
            "minuter per ärende",
            "minuter",
        ],
        Field::Visibility => {
            &["visibility", "visible to", "synlighed", "synlig for", "sichtbarkeit", "sichtbar für", "synlighet"]
        }
        Field::ProblemToday => &["problem today", "problem", "problemet i dag", "problem heute"],
        Field::DesiredOutcome => &["desired outcome", "ønsket resultat", "gewünschtes ergebnis", "önskat resultat"],
        Field::TaxonomyCode => &[
            "taxonomy code",
            "taxonomy",
            "kle",
            "kle number",
            "kle-nummer",
            "kle nummer",
            "klassifikation",
            "klassificering",
        ],
        Field::Tags => {
            &["tags", "labels", "keywords", "emneord", "nøgleord", "schlagwörter", "stichwörter", "taggar", "nyckelord"]
        }
        Field::SubjectAreas => &["subject areas", "fagområder", "fachbereiche", "verksamhetsområden"],
        Field::LegalBasis => &["legal basis", "lovgrundlag", "hjemmel", "rechtsgrundlage", "rättslig grund", "lagstöd"],
    }
}

/// The app's own names for a field in one language: the export's header and the form's label.
fn own_names(field: Field, t: &Texts) -> Vec<&'static str> {
    match field {
        Field::Ignore => vec![],
        Field::Id => vec![t.csv_id],
        Field::ExternalId => vec![t.field_external_id],
        Field::Title => vec![t.col_title, t.field_title],
        Field::Description => vec![t.csv_description, t.field_description],
        Field::Department => vec![t.col_department, t.field_department],
        Field::Volume => vec![t.detail_volume, t.field_volume],
        Field::Period => vec![t.csv_period, t.field_period],
        Field::MinutesPerCase => vec![t.detail_minutes, t.field_minutes],
        Field::Visibility => vec![t.detail_visibility, t.field_visibility],
        Field::ProblemToday => vec![t.field_problem_today],
        Field::DesiredOutcome => vec![t.field_desired_outcome],
        Field::TaxonomyCode => vec![t.field_taxonomy_code],
        Field::Tags => vec![t.field_tags],
        Field::SubjectAreas => vec![t.field_subject_areas],
        Field::LegalBasis => vec![t.field_legal_basis],
    }
}

/// A header as compared: lower-case, trimmed, inner spacing and underscores as one space.
pub fn normalise(header: &str) -> String {
    header.replace('_', " ").split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The field a column name stands for, or [`Field::Ignore`].
pub fn field_for(header: &str) -> Field {
    let wanted = normalise(header);
    if wanted.is_empty() {
        return Field::Ignore;
    }
    Field::ALL
        .iter()
        .copied()
        .filter(|f| *f != Field::Ignore)
        .find(|f| {
            extra_names(*f).contains(&wanted.as_str())
                || Locale::ALL
                    .iter()
                    .any(|l| own_names(*f, crate::candidates::texts::texts(*l)).iter().any(|n| normalise(n) == wanted))
        })
        .unwrap_or(Field::Ignore)
}

/// The automatic mapping of a header line: each field at most once (the first column wins).
pub fn auto_map(headers: &[String]) -> Vec<Column> {
    let mut taken: Vec<Field> = Vec::new();
    headers
        .iter()
        .map(|header| {
            let mut field = field_for(header);
            if taken.contains(&field) {
                field = Field::Ignore;
            } else if field != Field::Ignore {
                taken.push(field);
            }
            Column { header: header.clone(), field }
        })
        .collect()
}

/// The label of a field in the mapping's select and the report.
pub fn label(field: Field, t: &Texts) -> &'static str {
    match field {
        Field::Ignore => t.import_not_imported,
        Field::Id => t.import_field_id,
        Field::Description => t.csv_description,
        Field::Title => t.col_title,
        Field::Volume => t.detail_volume,
        Field::Period => t.csv_period,
        Field::MinutesPerCase => t.detail_minutes,
        Field::Visibility => t.detail_visibility,
        other => own_names(other, t).first().copied().unwrap_or(t.import_not_imported),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    #[cfg(feature = "ssr")]
    fn the_exports_headers_map_themselves_in_every_language() {
        for locale in Locale::ALL {
            let t = crate::candidates::texts::texts(locale);
            let columns = auto_map(&headers(&crate::candidates::search::export::header(t)));
            let fields: Vec<Field> = columns.iter().map(|c| c.field).collect();
            assert_eq!(
                fields,
                vec![
                    Field::Id,
                    Field::Title,
                    Field::Description,
                    Field::Ignore,
                    Field::Department,
                    Field::Ignore,
                    Field::Ignore,
                    Field::Visibility,
                    Field::Volume,
                    Field::Period,
                    Field::MinutesPerCase,
                    Field::Ignore,
                    Field::Ignore,
                    Field::Ignore,
                ],
                "{locale:?}"
            );
        }
    }

    #[test]
    fn danish_german_and_swedish_headers_ignore_case_and_spacing() {
        assert_eq!(field_for("  TITEL "), Field::Title);
        assert_eq!(field_for("Minutter  pr. sag"), Field::MinutesPerCase);
        assert_eq!(field_for("Eksternt_id"), Field::ExternalId);
        assert_eq!(field_for("Minuten pro Fall"), Field::MinutesPerCase);
        assert_eq!(field_for("Rechtsgrundlage"), Field::LegalBasis);
        assert_eq!(field_for("Schlagwörter"), Field::Tags);
        assert_eq!(field_for("Verksamhetsområden"), Field::SubjectAreas);
        assert_eq!(field_for("Antal ärenden"), Field::Volume);
        assert_eq!(field_for("Something else"), Field::Ignore);
        assert_eq!(field_for(""), Field::Ignore);
    }

    #[test]
    fn a_field_is_mapped_once() {
        let columns = auto_map(&headers(&["Title", "Titel", "Navn"]));
        assert_eq!(
            columns.iter().map(|c| c.field).collect::<Vec<_>>(),
            vec![Field::Title, Field::Ignore, Field::Ignore]
        );
    }
}
