//! Assessing candidates (DESIGN.md, "Utility matrix"): answering the current model version,
//! reading the score with its breakdown, and the history of snapshots. Plain async functions
//! taking the database and the caller; each asks [`policy`] first.

use crate::candidates::activity::store::{self as activity, Facts as CandidateFacts};
use crate::common::error::{AppError, AppResult, FieldError, Invalid};
use crate::common::locale::Locale;
use crate::db::Db;
use crate::identity::model::Actor;
use crate::identity::policy;
use crate::scoring::assessment::model::{
    answer_text, field_errors, form_value, read_form, AnswerChange, AssessContext, AssessForm, BreakdownLine,
    FormQuestion, HistoryEntry, KnockOut, ScoreBreakdown, ScoreChange, ScoreHistory, ScoreSection, NOTE_MAX,
};
use crate::scoring::compute::{self, Answers, Facts, Score};
use crate::scoring::model::{Cause, Definition};
use crate::scoring::store::{self, NewAssessment, StoredAssessment};
use std::collections::hash_map::Entry;
use std::collections::HashMap;

async fn candidate(db: &Db, id: i64) -> AppResult<CandidateFacts> {
    activity::facts(db, id).await?.ok_or(AppError::NotFound)
}

/// The candidate's facts if `actor` may read it; `NotFound` otherwise, as its page answers.
async fn readable(db: &Db, actor: Option<&Actor>, id: i64) -> AppResult<CandidateFacts> {
    let facts = candidate(db, id).await?;
    if policy::may_view_candidate(actor, facts.access()?) {
        Ok(facts)
    } else {
        Err(AppError::NotFound)
    }
}

/// Scores a stored snapshot on its own version; the stored scores were made the same way, so a
/// failure means the stored answers do not fit their version.
fn rescore(definition: &Definition, stored: &StoredAssessment) -> AppResult<Score> {
    compute::score(definition, &stored.answers).map_err(|problems| {
        tracing::error!(assessment = stored.id, ?problems, "stored answers do not fit their model version");
        AppError::Internal
    })
}

/// Stores an assessment of the candidate on the current model version: every criterion
/// answered, nothing else. A bad answer is a field error (`answers.<key>`) and stores nothing.
/// Returns the new snapshot's id.
#[tracing::instrument(skip(db, actor, answers, note))]
pub async fn assess(
    db: &Db,
    actor: Option<&Actor>,
    candidate_id: i64,
    answers: &Answers,
    note: Option<&str>,
) -> AppResult<i64> {
    let facts = candidate(db, candidate_id).await?;
    let actor = policy::may_assess(actor, facts.access()?)?;
    let version = store::version(db, store::latest_version(db).await?, Some(actor.municipality_id)).await?;
    let mut errors: Vec<FieldError> = Vec::new();
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > NOTE_MAX) {
        errors.push(FieldError { field: "note".into(), problem: Invalid::TooLong { max: NOTE_MAX as u32 } });
    }
    let score = match compute::score(&version.definition, answers) {
        Ok(score) => Some(score),
        Err(problems) => {
            errors.extend(field_errors(&version.definition, &problems));
            None
        }
    };
    let Some(score) = score.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let ids = store::insert_assessments(
        db,
        &[NewAssessment {
            candidate_id,
            model_version: version.version,
            answers,
            score: &score,
            cause: Cause::Answers,
            note,
            by: actor.user_id,
            replaces: None,
        }],
    )
    .await?;
    ids.first().copied().ok_or(AppError::Internal)
}

/// The assessment form as typed: read on the current version, then [`assess`].
pub async fn assess_form(
    db: &Db,
    actor: Option<&Actor>,
    candidate_id: i64,
    form: &AssessForm,
    locale: Locale,
) -> AppResult<i64> {
    let facts = candidate(db, candidate_id).await?;
    let actor = policy::may_assess(actor, facts.access()?)?;
    let version = store::version(db, store::latest_version(db).await?, Some(actor.municipality_id)).await?;
    let answers = read_form(&version.definition, form, locale).map_err(AppError::Invalid)?;
    assess(db, Some(actor), candidate_id, &answers, Some(&form.note)).await
}

/// The breakdown of a snapshot on `definition`, in `locale`.
fn breakdown(
    stored: &StoredAssessment,
    definition: &Definition,
    latest: i64,
    locale: Locale,
) -> AppResult<ScoreBreakdown> {
    let score = rescore(definition, stored)?;
    let mut lines = Vec::with_capacity(score.lines.len());
    let mut knocked_out = Vec::new();
    for line in score.lines {
        let Some(criterion) = definition.criterion(&line.key) else { continue };
        let label = criterion.label.get(locale).to_owned();
        let text = answer_text(criterion, line.answer, locale);
        if line.knocked_out {
            knocked_out.push(KnockOut { key: line.key.clone(), label: label.clone(), answer_text: text.clone() });
        }
        lines.push(BreakdownLine {
            key: line.key,
            label,
            axis: line.axis,
            answer: line.answer,
            answer_text: text,
            points: line.points,
            normalised: line.normalised,
            weight: line.weight,
            contribution: line.contribution,
            knocked_out: line.knocked_out,
        });
    }
    Ok(ScoreBreakdown {
        assessment_id: stored.id,
        model_version: stored.model_version,
        newer_version: (latest > stored.model_version).then_some(latest),
        value: score.value,
        feasibility: score.feasibility,
        utility: score.utility,
        quadrant: score.quadrant,
        knocked_out,
        lines,
        cause: stored.cause,
        note: stored.note.clone(),
        assessed_at: stored.at,
        assessed_by: stored.by.clone(),
    })
}

/// The candidate's current score with its breakdown, for whoever may read the candidate
/// (`NotFound` otherwise); `score` is `None` before the first assessment.
pub async fn view(db: &Db, actor: Option<&Actor>, candidate_id: i64, locale: Locale) -> AppResult<ScoreSection> {
    let facts = readable(db, actor, candidate_id).await?;
    let may_assess = policy::may_assess(actor, facts.access()?).is_ok();
    let reader = actor.map(|a| a.municipality_id);
    let score = match store::current_assessment(db, candidate_id, reader).await? {
        None => None,
        Some(stored) => {
            let latest = store::latest_version(db).await?;
            let version = store::version(db, stored.model_version, reader).await?;
            Some(breakdown(&stored, &version.definition, latest, locale)?)
        }
    };
    Ok(ScoreSection { candidate_id, score, may_assess })
}

/// Every snapshot, newest first, each with how its scores and answers differ from the one
/// before: how a score changed and why.
pub async fn history(db: &Db, actor: Option<&Actor>, candidate_id: i64, locale: Locale) -> AppResult<ScoreHistory> {
    readable(db, actor, candidate_id).await?;
    let reader = actor.map(|a| a.municipality_id);
    let title = crate::candidates::service::get(db, actor, candidate_id).await?.title;
    let stored = store::assessment_history(db, candidate_id, reader).await?;
    let mut definitions: HashMap<i64, Definition> = HashMap::new();
    for s in &stored {
        if let Entry::Vacant(entry) = definitions.entry(s.model_version) {
            entry.insert(store::version(db, s.model_version, reader).await?.definition);
        }
    }
    let mut scores = Vec::with_capacity(stored.len());
    for s in &stored {
        let definition = definitions.get(&s.model_version).ok_or(AppError::Internal)?;
        scores.push(rescore(definition, s)?);
    }
    let mut entries = Vec::with_capacity(stored.len());
    for (i, (s, score)) in stored.iter().zip(&scores).enumerate() {
        let definition = definitions.get(&s.model_version).ok_or(AppError::Internal)?;
        // Newest first: the snapshot before this one is the next in the list.
        let before = stored.get(i + 1).zip(scores.get(i + 1));
        let (change, changed_answers) = match before {
            None => (None, Vec::new()),
            Some((b, b_score)) => {
                let b_definition = definitions.get(&b.model_version).ok_or(AppError::Internal)?;
                let change = ScoreChange {
                    value: score.value - b_score.value,
                    feasibility: score.feasibility - b_score.feasibility,
                    utility: score.utility - b_score.utility,
                };
                (Some(change), changed_answers(b_definition, &b.answers, definition, &s.answers, locale))
            }
        };
        entries.push(HistoryEntry {
            assessment_id: s.id,
            model_version: s.model_version,
            cause: s.cause,
            note: s.note.clone(),
            assessed_at: s.at,
            assessed_by: s.by.clone(),
            value: score.value,
            feasibility: score.feasibility,
            utility: score.utility,
            quadrant: score.quadrant,
            knocked_out: score
                .knocked_out_by
                .iter()
                .map(|k| definition.criterion(k).map(|c| c.label.get(locale).to_owned()).unwrap_or_else(|| k.clone()))
                .collect(),
            change,
            changed_answers,
        });
    }
    Ok(ScoreHistory { candidate_id, title, entries })
}

/// The answers that differ between two snapshots, in the newer version's order, then the
/// criteria the newer version dropped.
fn changed_answers(
    old_def: &Definition,
    old: &Answers,
    new_def: &Definition,
    new: &Answers,
    locale: Locale,
) -> Vec<AnswerChange> {
    let text = |d: &Definition, a: &Answers, key: &str| {
        d.criterion(key).zip(a.get(key)).map(|(c, answer)| answer_text(c, *answer, locale))
    };
    let mut changes = Vec::new();
    for c in &new_def.criteria {
        if old.get(&c.key) != new.get(&c.key) {
            let (before, after) = (text(old_def, old, &c.key), text(new_def, new, &c.key));
            changes.push(AnswerChange {
                key: c.key.clone(),
                label: c.label.get(locale).to_owned(),
                old: before,
                new: after,
            });
        }
    }
    for c in old_def.criteria.iter().filter(|c| new_def.criterion(&c.key).is_none()) {
        changes.push(AnswerChange {
            key: c.key.clone(),
            label: c.label.get(locale).to_owned(),
            old: text(old_def, old, &c.key),
            new: None,
        });
    }
    changes
}

/// What the candidate's record knows for prefilling (DESIGN.md's V and H with errors, rework
/// and review, and the characteristics).
pub async fn record_facts(db: &Db, actor: Option<&Actor>, candidate_id: i64) -> AppResult<Facts> {
    let detail = crate::candidates::service::get(db, actor, candidate_id).await?;
    let figures = detail.benefit().figures;
    let r = &detail.record;
    Ok(Facts {
        annual_volume: Some(figures.annual_volume),
        manual_hours: Some(figures.manual_hours),
        handling_minutes: Some(detail.minutes_per_case),
        rule_based: r.rule_based,
        input_digital: r.input_digital,
        input_structured: r.input_structured,
        stable: r.stable,
        exceptions_pct: r.exceptions_pct,
        systems_count: r.systems_count.map(|n| n as f64),
    })
}

/// The assessment form for someone who may assess: the current answers when the candidate was
/// assessed on the current version; otherwise the record's facts (marked as such), and the
/// answers of an older assessment carried over by key where the record knows nothing.
pub async fn form_context(
    db: &Db,
    actor: Option<&Actor>,
    candidate_id: i64,
    locale: Locale,
) -> AppResult<AssessContext> {
    let facts = candidate(db, candidate_id).await?;
    let actor = policy::may_assess(actor, facts.access()?)?;
    let reader = Some(actor.municipality_id);
    let version = store::version(db, store::latest_version(db).await?, reader).await?;
    let definition = &version.definition;
    let current = store::current_assessment(db, candidate_id, reader).await?;
    let (answers, from_record): (Answers, Answers) = match &current {
        Some(c) if c.model_version == version.version => (c.answers.clone(), Answers::new()),
        _ => {
            let prefilled = compute::prefill(definition, &record_facts(db, Some(actor), candidate_id).await?);
            let mut answers = prefilled.clone();
            if let Some(old) = &current {
                for (key, answer) in &old.answers {
                    let fits = definition.criterion(key).is_some_and(|c| compute::points(c, *answer).is_ok());
                    if fits {
                        answers.entry(key.clone()).or_insert(*answer);
                    }
                }
            }
            (answers, prefilled)
        }
    };
    let title = crate::candidates::service::get(db, Some(actor), candidate_id).await?.title;
    let questions = definition
        .criteria
        .iter()
        .map(|c| FormQuestion {
            value: answers.get(&c.key).map(|a| form_value(c, *a, locale)).unwrap_or_default(),
            from_record: from_record.contains_key(&c.key),
            criterion: c.clone(),
        })
        .collect();
    Ok(AssessContext { candidate_id, title, model_version: version.version, assessed: current.is_some(), questions })
}
