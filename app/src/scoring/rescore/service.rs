//! Re-scoring a backlog onto the current model version in one step (DESIGN.md, "Utility
//! matrix": "a coordinator can re-score all candidates onto the new version in one step").
//!
//! Each assessed candidate of the scope whose current snapshot is on an older version keeps its
//! answers by criterion key; criteria it has no fitting answer for are prefilled from the record
//! when the criterion has a prefill fact; what is still missing keeps the candidate on its old
//! snapshot and is listed. The preview shows what the step would change (no writes); applying
//! stores a `Cause::Model` snapshot for every re-scorable candidate in one transaction.

use crate::scoring::compute::{self, Answers, Facts, Quadrant};
use crate::scoring::model::{Definition, Scope, Translated};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The preview lists at most this many changes (the largest); the summary counts them all.
pub const PREVIEW_ROWS: usize = 200;

/// The answers of `old` that still fit `definition` (by key, and the answer valid for the
/// criterion's kind now), with the record's facts for criteria that have none; or, when some
/// criteria are still unanswered, their keys in the model's order.
pub fn carry_over(definition: &Definition, old: &Answers, facts: &Facts) -> Result<Answers, Vec<String>> {
    let prefilled = compute::prefill(definition, facts);
    let mut answers = Answers::new();
    let mut missing = Vec::new();
    for c in &definition.criteria {
        let kept = old.get(&c.key).copied().filter(|a| compute::points(c, *a).is_ok());
        let answer = kept.or_else(|| prefilled.get(&c.key).copied().filter(|a| compute::points(c, *a).is_ok()));
        match answer {
            Some(a) => {
                answers.insert(c.key.clone(), a);
            }
            None => missing.push(c.key.clone()),
        }
    }
    if missing.is_empty() {
        Ok(answers)
    } else {
        Err(missing)
    }
}

/// One candidate's change in the preview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub candidate_id: i64,
    pub title: String,
    pub old_version: i64,
    /// The version it would be on afterwards: the target, or the old one when it cannot be
    /// re-scored (it only moves because others do).
    pub new_version: i64,
    pub old_utility: f64,
    pub new_utility: f64,
    /// 1-based; `None`: knocked out, so not ranked.
    pub old_rank: Option<u32>,
    pub new_rank: Option<u32>,
    pub old_quadrant: Quadrant,
    pub new_quadrant: Quadrant,
    pub newly_knocked_out: bool,
}

impl Change {
    /// How far it moves: the ranks' difference; into or out of the ranking counts as the
    /// whole backlog's length `ranked`.
    pub fn movement(&self, ranked: u32) -> u32 {
        match (self.old_rank, self.new_rank) {
            (Some(a), Some(b)) => a.abs_diff(b),
            (None, None) => 0,
            _ => ranked.max(1),
        }
    }
}

/// A candidate that keeps its old snapshot because criteria of the target version lack answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeedsAnswers {
    pub candidate_id: i64,
    pub title: String,
    pub old_version: i64,
    /// Criterion keys, in the model's order.
    pub missing: Vec<String>,
}

/// What re-scoring the scope would do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    pub scope: Scope,
    /// The version the candidates would move onto: the current one. The apply form sends it
    /// back, so that a version published in between is refused.
    pub target_version: i64,
    /// Assessed candidates in the scope.
    pub assessed: usize,
    /// Already on the target version.
    pub current: usize,
    pub rescorable: usize,
    pub needs_answers_count: usize,
    pub rank_changes: usize,
    pub quadrant_changes: usize,
    pub newly_knocked_out: usize,
    /// The largest changes first, at most [`PREVIEW_ROWS`].
    pub changes: Vec<Change>,
    /// How many changes there are in all (more than `changes.len()` when cut).
    pub changes_total: usize,
    /// At most [`PREVIEW_ROWS`].
    pub needs_answers: Vec<NeedsAnswers>,
    /// Labels of the criteria named in `needs_answers`.
    pub labels: BTreeMap<String, Translated>,
}

/// What applying did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applied {
    pub rescored: usize,
    pub needs_answers: usize,
}

#[cfg(feature = "ssr")]
pub use with_db::{apply, preview};

#[cfg(feature = "ssr")]
mod with_db {
    use super::*;
    use crate::candidates::model::{Period, WorkingTime};
    use crate::candidates::volumetrics::periods_per_year;
    use crate::common::error::{AppError, AppResult};
    use crate::db::Db;
    use crate::identity::model::Actor;
    use crate::identity::policy;
    use crate::scoring::model::Cause;
    use crate::scoring::rank::{self, Scored};
    use crate::scoring::store::{self, NewAssessment};
    use crate::with_pool;
    use std::collections::HashMap;

    /// Every assessed candidate of the scope: its current snapshot's scores and answers and the
    /// record's facts, in one query.
    macro_rules! rows_sql {
        ($where:literal) => {
            concat!(
                "SELECT c.id, c.title, c.volume, c.period, c.minutes_per_case, c.annual_minutes, \
                        c.input_digital, c.input_structured, c.rule_based, c.stable, c.exceptions_pct, \
                        c.systems_count, m.working_days_per_year, m.hours_per_day, \
                        a.id AS assessment_id, a.model_version, a.answers, a.value_score, a.utility, a.quadrant, a.knocked_out \
                 FROM candidates c JOIN assessments a ON a.id = c.assessment_id \
                 JOIN municipalities m ON m.id = c.municipality_id WHERE ",
                $where
            )
        };
    }

    const ROWS_MUNICIPALITY: &str = rows_sql!("c.municipality_id = $1");
    const ROWS_CONSORTIUM: &str = rows_sql!("c.visibility IN ('consortium', 'public')");

    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        title: String,
        volume: f64,
        period: String,
        minutes_per_case: f64,
        annual_minutes: f64,
        input_digital: Option<bool>,
        input_structured: Option<bool>,
        rule_based: Option<bool>,
        stable: Option<bool>,
        exceptions_pct: Option<f64>,
        systems_count: Option<i64>,
        working_days_per_year: f64,
        hours_per_day: f64,
        assessment_id: i64,
        model_version: i64,
        answers: String,
        value_score: f64,
        utility: f64,
        quadrant: String,
        knocked_out: bool,
    }

    impl Row {
        fn facts(&self) -> Facts {
            let time =
                WorkingTime { working_days_per_year: self.working_days_per_year, hours_per_day: self.hours_per_day };
            let annual_volume = Period::parse(&self.period).map(|p| self.volume * periods_per_year(p, time));
            Facts {
                annual_volume,
                manual_hours: Some(self.annual_minutes / 60.0),
                handling_minutes: Some(self.minutes_per_case),
                rule_based: self.rule_based,
                input_digital: self.input_digital,
                input_structured: self.input_structured,
                stable: self.stable,
                exceptions_pct: self.exceptions_pct,
                systems_count: self.systems_count.map(|n| n as f64),
            }
        }
    }

    fn quadrant(key: &str) -> AppResult<Quadrant> {
        Quadrant::from_key(key).ok_or_else(|| {
            tracing::error!(value = key, "unknown quadrant stored");
            AppError::Internal
        })
    }

    /// One candidate's plan: where it is, and where it would be.
    struct Planned {
        row: Row,
        old_quadrant: Quadrant,
        outcome: Outcome,
    }

    enum Outcome {
        Current,
        Rescore { answers: Answers, score: compute::Score },
        NeedsAnswers(Vec<String>),
    }

    struct Plan {
        target_version: i64,
        definition: Definition,
        planned: Vec<Planned>,
    }

    async fn plan(db: &Db, actor: &Actor, scope: Scope) -> AppResult<Plan> {
        let target = store::current(db, Some(actor.municipality_id)).await?;
        let rows = match scope {
            Scope::Municipality => with_pool!(db, pool => sqlx::query_as::<_, Row>(ROWS_MUNICIPALITY)
                .bind(actor.municipality_id).fetch_all(pool).await)?,
            Scope::Consortium => {
                with_pool!(db, pool => sqlx::query_as::<_, Row>(ROWS_CONSORTIUM).fetch_all(pool).await)?
            }
        };
        let mut planned = Vec::with_capacity(rows.len());
        for row in rows {
            let old_quadrant = quadrant(&row.quadrant)?;
            let outcome = if row.model_version >= target.version {
                Outcome::Current
            } else {
                let old: Answers = store::parse(&row.answers, "assessments.answers")?;
                match carry_over(&target.definition, &old, &row.facts()) {
                    Ok(answers) => match compute::score(&target.definition, &answers) {
                        Ok(score) => Outcome::Rescore { answers, score },
                        // carry_over only keeps answers that score; this is unreachable.
                        Err(problems) => Outcome::NeedsAnswers(problems.into_keys().collect()),
                    },
                    Err(missing) => Outcome::NeedsAnswers(missing),
                }
            };
            planned.push(Planned { row, old_quadrant, outcome });
        }
        Ok(Plan { target_version: target.version, definition: target.definition, planned })
    }

    fn ranks(order: Vec<i64>) -> HashMap<i64, u32> {
        order.into_iter().enumerate().map(|(i, id)| (id, u32::try_from(i + 1).unwrap_or(u32::MAX))).collect()
    }

    /// What re-scoring `scope` onto the current version would change; writes nothing.
    pub async fn preview(db: &Db, actor: Option<&Actor>, scope: Scope) -> AppResult<Preview> {
        let actor = policy::may_prioritise(actor, scope, None)?;
        let plan = plan(db, actor, scope).await?;
        let before: Vec<Scored> = plan
            .planned
            .iter()
            .map(|p| Scored {
                id: p.row.id,
                utility: p.row.utility,
                value: p.row.value_score,
                knocked_out: p.row.knocked_out,
            })
            .collect();
        let after: Vec<Scored> = plan
            .planned
            .iter()
            .map(|p| match &p.outcome {
                Outcome::Rescore { score, .. } => Scored {
                    id: p.row.id,
                    utility: score.utility,
                    value: score.value,
                    knocked_out: !score.knocked_out_by.is_empty(),
                },
                _ => before_of(p),
            })
            .collect();
        let (old_ranks, new_ranks) = (ranks(rank::computed(&before)), ranks(rank::computed(&after)));
        let ranked = u32::try_from(new_ranks.len().max(old_ranks.len())).unwrap_or(u32::MAX);

        let mut preview = Preview {
            scope,
            target_version: plan.target_version,
            assessed: plan.planned.len(),
            current: 0,
            rescorable: 0,
            needs_answers_count: 0,
            rank_changes: 0,
            quadrant_changes: 0,
            newly_knocked_out: 0,
            changes: Vec::new(),
            changes_total: 0,
            needs_answers: Vec::new(),
            labels: BTreeMap::new(),
        };
        let mut changes = Vec::new();
        for p in &plan.planned {
            let (old_rank, new_rank) = (old_ranks.get(&p.row.id).copied(), new_ranks.get(&p.row.id).copied());
            let (new_version, new_utility, new_quadrant, knocked_out) = match &p.outcome {
                Outcome::Current => {
                    preview.current += 1;
                    (p.row.model_version, p.row.utility, p.old_quadrant, p.row.knocked_out)
                }
                Outcome::NeedsAnswers(missing) => {
                    preview.needs_answers_count += 1;
                    if preview.needs_answers.len() < PREVIEW_ROWS {
                        for key in missing {
                            if let Some(c) = plan.definition.criterion(key) {
                                preview.labels.entry(key.clone()).or_insert_with(|| c.label.clone());
                            }
                        }
                        preview.needs_answers.push(NeedsAnswers {
                            candidate_id: p.row.id,
                            title: p.row.title.clone(),
                            old_version: p.row.model_version,
                            missing: missing.clone(),
                        });
                    }
                    (p.row.model_version, p.row.utility, p.old_quadrant, p.row.knocked_out)
                }
                Outcome::Rescore { score, .. } => {
                    preview.rescorable += 1;
                    (plan.target_version, score.utility, score.quadrant, !score.knocked_out_by.is_empty())
                }
            };
            let rescored = matches!(p.outcome, Outcome::Rescore { .. });
            let newly_knocked_out = knocked_out && !p.row.knocked_out;
            preview.rank_changes += usize::from(old_rank != new_rank);
            preview.quadrant_changes += usize::from(new_quadrant != p.old_quadrant);
            preview.newly_knocked_out += usize::from(newly_knocked_out);
            if rescored || old_rank != new_rank {
                changes.push(Change {
                    candidate_id: p.row.id,
                    title: p.row.title.clone(),
                    old_version: p.row.model_version,
                    new_version,
                    old_utility: p.row.utility,
                    new_utility,
                    old_rank,
                    new_rank,
                    old_quadrant: p.old_quadrant,
                    new_quadrant,
                    newly_knocked_out,
                });
            }
        }
        changes.sort_by(|a, b| {
            b.movement(ranked)
                .cmp(&a.movement(ranked))
                .then(a.new_rank.unwrap_or(u32::MAX).cmp(&b.new_rank.unwrap_or(u32::MAX)))
                .then(a.candidate_id.cmp(&b.candidate_id))
        });
        preview.changes_total = changes.len();
        changes.truncate(PREVIEW_ROWS);
        preview.changes = changes;
        Ok(preview)
    }

    fn before_of(p: &Planned) -> Scored {
        Scored { id: p.row.id, utility: p.row.utility, value: p.row.value_score, knocked_out: p.row.knocked_out }
    }

    /// Re-scores every re-scorable candidate of `scope` onto `target_version`, in one
    /// transaction. `Conflict` when `target_version` is no longer the current version (one was
    /// published after the preview): nothing is written.
    pub async fn apply(db: &Db, actor: Option<&Actor>, scope: Scope, target_version: i64) -> AppResult<Applied> {
        let actor = policy::may_prioritise(actor, scope, None)?;
        let plan = plan(db, actor, scope).await?;
        if plan.target_version != target_version {
            return Err(AppError::Conflict);
        }
        let mut new = Vec::new();
        let mut needs_answers = 0;
        for p in &plan.planned {
            match &p.outcome {
                Outcome::Rescore { answers, score } => new.push(NewAssessment {
                    candidate_id: p.row.id,
                    model_version: plan.target_version,
                    answers,
                    score,
                    cause: Cause::Model,
                    note: None,
                    by: actor.user_id,
                    replaces: Some(p.row.assessment_id),
                }),
                Outcome::NeedsAnswers(_) => needs_answers += 1,
                Outcome::Current => {}
            }
        }
        if !new.is_empty() {
            store::insert_assessments(db, &new).await?;
        }
        Ok(Applied { rescored: new.len(), needs_answers })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::compute::Answer;
    use crate::scoring::model::{Axis, Band, Criterion, Kind, Source};

    fn tr(en: &str) -> Translated {
        Translated { en: en.into(), ..Translated::default() }
    }

    fn criterion(key: &str, kind: Kind, prefill: Option<Source>) -> Criterion {
        Criterion {
            key: key.into(),
            label: tr(key),
            help: tr(""),
            axis: Axis::Value,
            kind,
            weight: 1.0,
            ko: false,
            prefill,
        }
    }

    fn scale() -> Kind {
        Kind::Scale { levels: ["1", "2", "3", "4", "5"].map(tr) }
    }

    fn yes_no() -> Kind {
        Kind::YesNo { yes: tr("yes"), no: tr("no") }
    }

    fn number() -> Kind {
        Kind::Number { unit: tr("cases"), bands: vec![Band { min: 0.0, points: 1 }, Band { min: 100.0, points: 5 }] }
    }

    fn definition(criteria: Vec<Criterion>) -> Definition {
        Definition { criteria, value_blend_pct: 50.0, value_threshold: 50.0, feasibility_threshold: 50.0 }
    }

    fn answers(pairs: &[(&str, Answer)]) -> Answers {
        pairs.iter().map(|(k, a)| ((*k).to_owned(), *a)).collect()
    }

    #[test]
    fn answers_carry_over_by_key_and_unknown_ones_are_left_behind() {
        let d = definition(vec![criterion("a", scale(), None), criterion("b", yes_no(), None)]);
        let old = answers(&[("a", Answer::Number(4.0)), ("b", Answer::Yes(false)), ("gone", Answer::Number(2.0))]);
        let carried = carry_over(&d, &old, &Facts::default()).expect("carried");
        assert_eq!(carried, answers(&[("a", Answer::Number(4.0)), ("b", Answer::Yes(false))]));
        assert!(compute::score(&d, &carried).is_ok(), "the carried answers score");
    }

    #[test]
    fn new_criteria_are_prefilled_from_the_record_or_listed() {
        let d = definition(vec![
            criterion("a", scale(), None),
            criterion("volume", number(), Some(Source::AnnualVolume)),
            criterion("stable", scale(), Some(Source::Stable)),
            criterion("legal", yes_no(), None),
        ]);
        let old = answers(&[("a", Answer::Number(2.0))]);
        let facts = Facts { annual_volume: Some(520.0), stable: Some(true), ..Facts::default() };
        assert_eq!(carry_over(&d, &old, &facts), Err(vec!["legal".to_owned()]));
        let old = answers(&[("a", Answer::Number(2.0)), ("legal", Answer::Yes(true))]);
        let carried = carry_over(&d, &old, &facts).expect("carried");
        assert_eq!(carried.get("volume"), Some(&Answer::Number(520.0)));
        assert_eq!(carried.get("stable"), Some(&Answer::Number(5.0)), "a yes fact answers a scale with 5");
        // The record does not know the volume: listed, in the model's order.
        let facts = Facts { stable: Some(false), ..Facts::default() };
        assert_eq!(carry_over(&d, &answers(&[]), &facts), Err(vec!["a".into(), "volume".into(), "legal".into()]));
    }

    #[test]
    fn answers_that_no_longer_fit_are_dropped_like_missing_ones() {
        // "b" was yes/no and is now a scale; "a" was a scale 1–5 and is now a number (a level
        // is a number, so it still fits and scores by the bands).
        let d = definition(vec![
            criterion("a", number(), None),
            criterion("b", scale(), Some(Source::RuleBased)),
            criterion("c", yes_no(), None),
        ]);
        let old = answers(&[("a", Answer::Number(3.0)), ("b", Answer::Yes(true)), ("c", Answer::Number(5.0))]);
        assert_eq!(carry_over(&d, &old, &Facts::default()), Err(vec!["b".to_owned(), "c".to_owned()]));
        // The record answers "b" instead; "c" still has no answer that fits.
        let facts = Facts { rule_based: Some(false), ..Facts::default() };
        assert_eq!(carry_over(&d, &old, &facts), Err(vec!["c".to_owned()]));
        let old = answers(&[("a", Answer::Number(3.0)), ("b", Answer::Yes(true)), ("c", Answer::Yes(true))]);
        let carried = carry_over(&d, &old, &facts).expect("carried");
        assert_eq!(carried.get("b"), Some(&Answer::Number(1.0)));
        assert_eq!(carried.get("a"), Some(&Answer::Number(3.0)));
    }

    #[test]
    fn movement_counts_entering_and_leaving_the_ranking_as_the_whole_length() {
        let change = |old_rank, new_rank| Change {
            candidate_id: 1,
            title: String::new(),
            old_version: 1,
            new_version: 2,
            old_utility: 0.0,
            new_utility: 0.0,
            old_rank,
            new_rank,
            old_quadrant: Quadrant::QuickWin,
            new_quadrant: Quadrant::QuickWin,
            newly_knocked_out: false,
        };
        assert_eq!(change(Some(3), Some(10)).movement(50), 7);
        assert_eq!(change(Some(3), None).movement(50), 50);
        assert_eq!(change(None, None).movement(50), 0);
    }
}
