//! An assessment of one candidate as the pages and the API show it (DESIGN.md, "Utility
//! matrix", "Explain every number"): the breakdown of its current score, the history of its
//! snapshots with what changed, and the form's answers. The service is
//! [`service`](crate::scoring::service); the texts of answers are made here, so that the page, the API
//! and the tests describe an answer the same way.

use crate::common::error::{FieldError, Invalid};
use crate::common::locale::Locale;
use crate::identity::model::PersonRef;
use crate::scoring::compute::{Answer, AnswerProblem, Answers, Quadrant};
use crate::scoring::model::{Axis, Cause, Criterion, Definition, Kind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A note on an assessment is at most this long.
pub const NOTE_MAX: usize = 2000;

/// One criterion of the breakdown: its answer in words and what it adds to its axis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BreakdownLine {
    pub key: String,
    /// In the reader's language.
    pub label: String,
    pub axis: Axis,
    pub answer: Answer,
    /// The level's text, the yes/no text, or the number with its unit and band.
    pub answer_text: String,
    /// 1–5.
    pub points: u8,
    /// 0–100.
    pub normalised: f64,
    pub weight: f64,
    /// Points on the axis score (0–100): the lines of an axis add up to its score.
    pub contribution: f64,
    /// A knock-out criterion answered with its lowest answer.
    pub knocked_out: bool,
}

/// A knock-out criterion that stops the candidate, and the answer that did it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct KnockOut {
    pub key: String,
    pub label: String,
    pub answer_text: String,
}

/// The candidate's current snapshot, scored again on its own model version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ScoreBreakdown {
    pub assessment_id: i64,
    pub model_version: i64,
    /// The newest model version when it is newer than the one answered.
    pub newer_version: Option<i64>,
    pub value: f64,
    pub feasibility: f64,
    pub utility: f64,
    pub quadrant: Quadrant,
    /// Empty when no knock-out criterion stops the candidate.
    pub knocked_out: Vec<KnockOut>,
    /// In the model's order.
    pub lines: Vec<BreakdownLine>,
    pub cause: Cause,
    pub note: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ssr", schema(value_type = String, format = DateTime))]
    pub assessed_at: time::OffsetDateTime,
    pub assessed_by: Option<PersonRef>,
}

/// The "Score" section of the candidate's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreSection {
    pub candidate_id: i64,
    /// `None` before the first assessment.
    pub score: Option<ScoreBreakdown>,
    /// Offer the link to the assessment form.
    pub may_assess: bool,
}

/// One answer that differs from the snapshot before.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AnswerChange {
    pub key: String,
    pub label: String,
    /// `None`: the criterion was not in the earlier version.
    pub old: Option<String>,
    /// `None`: the criterion is not in this version any more.
    pub new: Option<String>,
}

/// How the scores moved from the snapshot before.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ScoreChange {
    pub value: f64,
    pub feasibility: f64,
    pub utility: f64,
}

/// One snapshot in the history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    pub assessment_id: i64,
    pub model_version: i64,
    pub cause: Cause,
    pub note: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ssr", schema(value_type = String, format = DateTime))]
    pub assessed_at: time::OffsetDateTime,
    pub assessed_by: Option<PersonRef>,
    pub value: f64,
    pub feasibility: f64,
    pub utility: f64,
    pub quadrant: Quadrant,
    /// Labels of the knock-out criteria that stop the candidate.
    pub knocked_out: Vec<String>,
    /// `None` for the first snapshot.
    pub change: Option<ScoreChange>,
    /// Answers that differ from the snapshot before (empty for the first).
    pub changed_answers: Vec<AnswerChange>,
}

/// Every snapshot of a candidate, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreHistory {
    pub candidate_id: i64,
    pub title: String,
    pub entries: Vec<HistoryEntry>,
}

/// One question of the assessment form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormQuestion {
    pub criterion: Criterion,
    /// The answer as the form holds it: a level "1"–"5", "yes"/"no", or a number typed in the
    /// reader's language; empty when unknown.
    pub value: String,
    /// Prefilled from the candidate's record rather than from an earlier assessment.
    pub from_record: bool,
}

/// The assessment form of one candidate on the current model version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssessContext {
    pub candidate_id: i64,
    pub title: String,
    pub model_version: i64,
    /// Whether the candidate has been assessed before (the button then says "update").
    pub assessed: bool,
    pub questions: Vec<FormQuestion>,
}

/// The form as posted: answers by criterion key, as typed (`form[answers][volume]`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AssessForm {
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
    #[serde(default)]
    pub note: String,
}

/// The error field of a criterion's answer (the page shows the message beside its fieldset,
/// the API names it).
pub fn answer_field(key: &str) -> String {
    format!("answers.{key}")
}

/// The field problem for an answer that cannot be scored.
pub fn problem_of(criterion: Option<&Criterion>, problem: &AnswerProblem) -> Invalid {
    match (problem, criterion.map(|c| &c.kind)) {
        (AnswerProblem::Missing, _) => Invalid::Required,
        (AnswerProblem::UnknownCriterion, _) | (_, None) => Invalid::UnknownField,
        (AnswerProblem::Invalid, Some(Kind::Number { .. })) => Invalid::NotANumber,
        (AnswerProblem::Invalid, Some(_)) => Invalid::UnknownChoice,
    }
}

/// The field errors for `compute::score`'s problems.
pub fn field_errors(definition: &Definition, problems: &BTreeMap<String, AnswerProblem>) -> Vec<FieldError> {
    problems
        .iter()
        .map(|(key, problem)| FieldError {
            field: answer_field(key),
            problem: problem_of(definition.criterion(key), problem),
        })
        .collect()
}

/// An answer as the form holds it.
pub fn form_value(criterion: &Criterion, answer: Answer, locale: Locale) -> String {
    match (&criterion.kind, answer) {
        (Kind::YesNo { .. }, Answer::Yes(true)) => "yes".into(),
        (Kind::YesNo { .. }, Answer::Yes(false)) => "no".into(),
        (Kind::Scale { .. }, Answer::Number(n)) => format!("{n}"),
        (_, Answer::Number(n)) => locale.editable(n),
        (_, Answer::Yes(_)) => String::new(),
    }
}

/// Reads the typed answers on `definition`: a level "1"–"5", "yes"/"no", a number in the
/// reader's language (a decimal comma is always accepted). Blank answers are left out, so that
/// scoring names them `Required`; what cannot be read is named here.
pub fn read_form(definition: &Definition, form: &AssessForm, locale: Locale) -> Result<Answers, Vec<FieldError>> {
    let mut answers = Answers::new();
    let mut errors = Vec::new();
    for (key, text) in &form.answers {
        let text = text.trim();
        let Some(criterion) = definition.criterion(key) else {
            errors.push(FieldError { field: answer_field(key), problem: Invalid::UnknownField });
            continue;
        };
        if text.is_empty() {
            continue;
        }
        let answer = match &criterion.kind {
            Kind::YesNo { .. } => match text {
                "yes" => Some(Answer::Yes(true)),
                "no" => Some(Answer::Yes(false)),
                _ => None,
            },
            Kind::Scale { .. } => match text {
                "1" | "2" | "3" | "4" | "5" => text.parse::<f64>().ok().map(Answer::Number),
                _ => None,
            },
            Kind::Number { .. } => locale.parse_number(text).map(Answer::Number),
        };
        match answer {
            Some(answer) => {
                answers.insert(key.clone(), answer);
            }
            None => errors.push(FieldError {
                field: answer_field(key),
                problem: problem_of(Some(criterion), &AnswerProblem::Invalid),
            }),
        }
    }
    if errors.is_empty() {
        Ok(answers)
    } else {
        Err(errors)
    }
}

/// An answer in words: the level's or yes/no text, or the number with its unit and the band it
/// falls in ("2,080 cases a year (from 2,000)").
pub fn answer_text(criterion: &Criterion, answer: Answer, locale: Locale) -> String {
    match (&criterion.kind, answer) {
        (Kind::Scale { levels }, Answer::Number(n)) if n.fract() == 0.0 && (1.0..=5.0).contains(&n) => {
            format!("{} – {}", n as u8, levels[n as usize - 1].get(locale))
        }
        (Kind::YesNo { yes, .. }, Answer::Yes(true)) => yes.get(locale).to_owned(),
        (Kind::YesNo { no, .. }, Answer::Yes(false)) => no.get(locale).to_owned(),
        (Kind::Number { unit, bands }, Answer::Number(n)) => {
            let band = bands.iter().rev().find(|b| n >= b.min).or(bands.first());
            let number = format!("{} {}", locale.quantity(n), unit.get(locale));
            match band {
                Some(b) => format!("{number} (≥ {})", locale.quantity(b.min)),
                None => number,
            }
        }
        (_, Answer::Number(n)) => locale.quantity(n),
        (_, Answer::Yes(yes)) => if yes { "✓" } else { "✗" }.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::default_model;

    #[test]
    fn form_answers_are_read_in_the_readers_language() {
        let d = default_model::definition();
        let mut form = AssessForm::default();
        form.answers.insert("volume".into(), "2.080,5".into());
        form.answers.insert("stability".into(), "yes".into());
        form.answers.insert("benefit".into(), "4".into());
        form.answers.insert("systems".into(), "".into());
        let answers = read_form(&d, &form, Locale::Da).expect("read");
        assert_eq!(answers.get("volume"), Some(&Answer::Number(2080.5)));
        assert_eq!(answers.get("stability"), Some(&Answer::Yes(true)));
        assert_eq!(answers.get("benefit"), Some(&Answer::Number(4.0)));
        assert_eq!(answers.get("systems"), None, "blank is left for scoring to call required");
        form.answers.insert("benefit".into(), "6".into());
        form.answers.insert("volume".into(), "many".into());
        form.answers.insert("nope".into(), "1".into());
        let errors = read_form(&d, &form, Locale::En).expect_err("refused");
        let problem = |f: &str| errors.iter().find(|e| e.field == f).map(|e| e.problem);
        assert_eq!(problem("answers.benefit"), Some(Invalid::UnknownChoice));
        assert_eq!(problem("answers.volume"), Some(Invalid::NotANumber));
        assert_eq!(problem("answers.nope"), Some(Invalid::UnknownField));
    }

    #[test]
    fn answers_in_words() {
        let d = default_model::definition();
        let volume = d.criterion("volume").expect("volume");
        assert_eq!(answer_text(volume, Answer::Number(2080.0), Locale::En), "2,080 cases a year (≥ 2,000)");
        let stability = d.criterion("stability").expect("stability");
        assert_eq!(answer_text(stability, Answer::Yes(false), Locale::En), "Changes are expected");
        let rules = d.criterion("rule_based").expect("rule_based");
        assert_eq!(answer_text(rules, Answer::Number(1.0), Locale::De), "1 – Überwiegend Ermessen");
        assert_eq!(form_value(volume, Answer::Number(7.5), Locale::Da), "7,5");
    }
}
