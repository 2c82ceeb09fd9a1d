//! Scoring an assessment (DESIGN.md, "Utility matrix"): each axis score =
//! Σ(weightᵢ × normalised answerᵢ) / Σ weightᵢ on 0–100; utility = the model's blend of the two;
//! the quadrant from the two scores and the model's thresholds; a knock-out criterion answered
//! with its lowest answer stops the candidate. Pure functions: the assessment form previews the
//! result in the browser with the same code the server stores.

use crate::scoring::model::{Axis, Criterion, Definition, Kind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One criterion's answer: a level 1–5 (scale), yes/no, or a number.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum Answer {
    Yes(bool),
    Number(f64),
}

/// Answers by criterion key. A level of a scale is a number 1–5.
pub type Answers = BTreeMap<String, Answer>;

/// Where a candidate lands in the value × feasibility matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    /// High value, high feasibility.
    QuickWin,
    /// High value, low feasibility.
    Strategic,
    /// Low value, high feasibility.
    FillIn,
    /// Low value, low feasibility.
    Reconsider,
}

impl Quadrant {
    pub const ALL: [Quadrant; 4] = [Quadrant::QuickWin, Quadrant::Strategic, Quadrant::FillIn, Quadrant::Reconsider];

    pub fn key(self) -> &'static str {
        match self {
            Quadrant::QuickWin => "quick_win",
            Quadrant::Strategic => "strategic",
            Quadrant::FillIn => "fill_in",
            Quadrant::Reconsider => "reconsider",
        }
    }

    pub fn from_key(key: &str) -> Option<Quadrant> {
        Quadrant::ALL.into_iter().find(|q| q.key() == key)
    }

    pub fn of(value: f64, feasibility: f64, definition: &Definition) -> Quadrant {
        match (value >= definition.value_threshold, feasibility >= definition.feasibility_threshold) {
            (true, true) => Quadrant::QuickWin,
            (true, false) => Quadrant::Strategic,
            (false, true) => Quadrant::FillIn,
            (false, false) => Quadrant::Reconsider,
        }
    }
}

/// Why an answer cannot be scored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum AnswerProblem {
    /// The criterion has no answer.
    Missing,
    /// A level outside 1–5, yes/no for a number, a number for yes/no, or not a finite number.
    Invalid,
    /// An answer for a criterion the model version does not have.
    UnknownCriterion,
}

/// One row of the breakdown: the answer, what it counts, and what it adds to its axis score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Line {
    pub key: String,
    pub axis: Axis,
    pub answer: Answer,
    /// 1–5: the level, yes = 5 and no = 1, or the number's band.
    pub points: u8,
    /// The answer on 0–100: (points − 1) / 4 × 100.
    pub normalised: f64,
    pub weight: f64,
    /// weight × normalised / Σ weights of the axis: the lines of an axis add up to its score.
    pub contribution: f64,
    /// A knock-out criterion answered with its lowest answer.
    pub knocked_out: bool,
}

/// The result of an assessment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Score {
    pub value: f64,
    pub feasibility: f64,
    pub utility: f64,
    pub quadrant: Quadrant,
    /// Keys of the knock-out criteria that stop the candidate; empty when none does.
    pub knocked_out_by: Vec<String>,
    /// In the model's order.
    pub lines: Vec<Line>,
}

/// The points (1–5) of an answer to a criterion, or why it has none.
pub fn points(criterion: &Criterion, answer: Answer) -> Result<u8, AnswerProblem> {
    match (&criterion.kind, answer) {
        (Kind::Scale { .. }, Answer::Number(level)) => {
            if level.fract() == 0.0 && (1.0..=5.0).contains(&level) {
                Ok(level as u8)
            } else {
                Err(AnswerProblem::Invalid)
            }
        }
        (Kind::YesNo { .. }, Answer::Yes(yes)) => Ok(if yes { 5 } else { 1 }),
        (Kind::Number { bands, .. }, Answer::Number(n)) if n.is_finite() => {
            let band = bands.iter().rev().find(|b| n >= b.min).or(bands.first());
            band.map(|b| b.points).ok_or(AnswerProblem::Invalid)
        }
        _ => Err(AnswerProblem::Invalid),
    }
}

/// Scores `answers` on `definition`: every criterion must be answered, and nothing else.
pub fn score(definition: &Definition, answers: &Answers) -> Result<Score, BTreeMap<String, AnswerProblem>> {
    let mut problems = BTreeMap::new();
    for key in answers.keys() {
        if definition.criterion(key).is_none() {
            problems.insert(key.clone(), AnswerProblem::UnknownCriterion);
        }
    }
    let mut rated = Vec::with_capacity(definition.criteria.len());
    for c in &definition.criteria {
        match answers.get(&c.key).map(|a| (*a, points(c, *a))) {
            None => {
                problems.insert(c.key.clone(), AnswerProblem::Missing);
            }
            Some((_, Err(problem))) => {
                problems.insert(c.key.clone(), problem);
            }
            Some((answer, Ok(points))) => rated.push((c, answer, points)),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let total = |axis: Axis| -> f64 { definition.criteria.iter().filter(|c| c.axis == axis).map(|c| c.weight).sum() };
    let (value_weight, feasibility_weight) = (total(Axis::Value), total(Axis::Feasibility));
    let lines: Vec<Line> = rated
        .into_iter()
        .map(|(c, answer, points)| {
            let normalised = f64::from(points - 1) / 4.0 * 100.0;
            let axis_weight = match c.axis {
                Axis::Value => value_weight,
                Axis::Feasibility => feasibility_weight,
            };
            let contribution = if axis_weight > 0.0 { c.weight * normalised / axis_weight } else { 0.0 };
            Line {
                key: c.key.clone(),
                axis: c.axis,
                answer,
                points,
                normalised,
                weight: c.weight,
                contribution,
                knocked_out: c.ko && points == 1,
            }
        })
        .collect();
    let sum = |axis: Axis| -> f64 { lines.iter().filter(|l| l.axis == axis).map(|l| l.contribution).sum() };
    let (value, feasibility) = (sum(Axis::Value), sum(Axis::Feasibility));
    let blend = definition.value_blend_pct / 100.0;
    let utility = blend * value + (1.0 - blend) * feasibility;
    Ok(Score {
        value,
        feasibility,
        utility,
        quadrant: Quadrant::of(value, feasibility, definition),
        knocked_out_by: lines.iter().filter(|l| l.knocked_out).map(|l| l.key.clone()).collect(),
        lines,
    })
}

/// What the record already knows, for prefilling an assessment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    pub annual_volume: Option<f64>,
    pub manual_hours: Option<f64>,
    pub handling_minutes: Option<f64>,
    pub rule_based: Option<bool>,
    pub input_digital: Option<bool>,
    pub input_structured: Option<bool>,
    pub stable: Option<bool>,
    pub exceptions_pct: Option<f64>,
    pub systems_count: Option<f64>,
}

/// The answers the record gives: for each criterion with a prefill fact the record knows.
/// A yes/no fact answers a scale with 5 (yes) or 1 (no).
pub fn prefill(definition: &Definition, facts: &Facts) -> Answers {
    use crate::scoring::model::Source;
    let mut answers = Answers::new();
    for c in &definition.criteria {
        let Some(source) = c.prefill.filter(|s| s.fits(&c.kind)) else { continue };
        let flag = |f: Option<bool>| f.map(Answer::Yes);
        let fact = match source {
            Source::AnnualVolume => facts.annual_volume.map(Answer::Number),
            Source::ManualHours => facts.manual_hours.map(Answer::Number),
            Source::HandlingMinutes => facts.handling_minutes.map(Answer::Number),
            Source::ExceptionsPct => facts.exceptions_pct.map(Answer::Number),
            Source::SystemsCount => facts.systems_count.map(Answer::Number),
            Source::RuleBased => flag(facts.rule_based),
            Source::InputDigital => flag(facts.input_digital),
            Source::InputStructured => flag(facts.input_structured),
            Source::Stable => flag(facts.stable),
            Source::InputDigitalStructured => match (facts.input_digital, facts.input_structured) {
                (Some(a), Some(b)) => Some(Answer::Number(match (a, b) {
                    (true, true) => 5.0,
                    (false, false) => 1.0,
                    _ => 3.0,
                })),
                _ => None,
            },
        };
        let answer = match (&c.kind, fact) {
            (Kind::Scale { .. }, Some(Answer::Yes(yes))) => Some(Answer::Number(if yes { 5.0 } else { 1.0 })),
            (_, fact) => fact,
        };
        if let Some(answer) = answer {
            answers.insert(c.key.clone(), answer);
        }
    }
    answers
}

impl Quadrant {
    /// How people read it, in `locale`.
    pub fn label(self, locale: crate::common::locale::Locale) -> &'static str {
        let t = crate::scoring::texts::texts(locale);
        match self {
            Quadrant::QuickWin => t.quadrant_quick_win,
            Quadrant::Strategic => t.quadrant_strategic,
            Quadrant::FillIn => t.quadrant_fill_in,
            Quadrant::Reconsider => t.quadrant_reconsider,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::default_model;
    use crate::scoring::model::{Band, Source, Translated};

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn tr(en: &str) -> Translated {
        Translated { en: en.into(), ..Translated::default() }
    }

    fn levels() -> [Translated; 5] {
        ["1", "2", "3", "4", "5"].map(tr)
    }

    /// Two value criteria (weights 3 and 1) and one feasibility yes/no (weight 2, KO).
    fn small() -> Definition {
        Definition {
            value_blend_pct: 60.0,
            value_threshold: 50.0,
            feasibility_threshold: 50.0,
            criteria: vec![
                Criterion {
                    key: "a".into(),
                    label: tr("A"),
                    help: tr(""),
                    axis: Axis::Value,
                    kind: Kind::Scale { levels: levels() },
                    weight: 3.0,
                    ko: false,
                    prefill: None,
                },
                Criterion {
                    key: "n".into(),
                    label: tr("N"),
                    help: tr(""),
                    axis: Axis::Value,
                    kind: Kind::Number {
                        unit: tr("cases"),
                        bands: vec![
                            Band { min: 0.0, points: 1 },
                            Band { min: 100.0, points: 3 },
                            Band { min: 1000.0, points: 5 },
                        ],
                    },
                    weight: 1.0,
                    ko: false,
                    prefill: Some(Source::AnnualVolume),
                },
                Criterion {
                    key: "y".into(),
                    label: tr("Y"),
                    help: tr(""),
                    axis: Axis::Feasibility,
                    kind: Kind::YesNo { yes: tr("yes"), no: tr("no") },
                    weight: 2.0,
                    ko: true,
                    prefill: Some(Source::Stable),
                },
            ],
        }
    }

    fn answers(pairs: &[(&str, Answer)]) -> Answers {
        pairs.iter().map(|(k, a)| ((*k).to_owned(), *a)).collect()
    }

    #[test]
    fn hand_computed_scores() {
        // a = level 4 → 75; n = 150 → band 3 points → 50; value = (3×75 + 1×50) / 4 = 68.75.
        // y = yes → 100; feasibility = 100. Utility = 0.6 × 68.75 + 0.4 × 100 = 81.25.
        let s = score(
            &small(),
            &answers(&[("a", Answer::Number(4.0)), ("n", Answer::Number(150.0)), ("y", Answer::Yes(true))]),
        )
        .expect("scored");
        assert!(close(s.value, 68.75));
        assert!(close(s.feasibility, 100.0));
        assert!(close(s.utility, 81.25));
        assert_eq!(s.quadrant, Quadrant::QuickWin);
        assert!(s.knocked_out_by.is_empty());
        // The breakdown explains the numbers: contributions add up to the axis scores.
        assert!(close(s.lines[0].contribution, 56.25));
        assert!(close(s.lines[1].contribution, 12.5));
        assert_eq!(s.lines[1].points, 3);
    }

    #[test]
    fn knock_out_and_quadrants() {
        let s = score(
            &small(),
            &answers(&[("a", Answer::Number(1.0)), ("n", Answer::Number(5.0)), ("y", Answer::Yes(false))]),
        )
        .expect("scored");
        assert!(close(s.value, 0.0) && close(s.feasibility, 0.0) && close(s.utility, 0.0));
        assert_eq!(s.quadrant, Quadrant::Reconsider);
        assert_eq!(s.knocked_out_by, vec!["y".to_owned()]);
        let d = small();
        assert_eq!(Quadrant::of(50.0, 49.9, &d), Quadrant::Strategic);
        assert_eq!(Quadrant::of(49.9, 50.0, &d), Quadrant::FillIn);
    }

    #[test]
    fn bands_edges_and_falling_points() {
        let d = small();
        let n = d.criterion("n").expect("scored");
        assert_eq!(points(n, Answer::Number(-3.0)), Ok(1), "below the first band counts as the first");
        assert_eq!(points(n, Answer::Number(99.99)), Ok(1));
        assert_eq!(points(n, Answer::Number(100.0)), Ok(3));
        assert_eq!(points(n, Answer::Number(1e9)), Ok(5));
        assert_eq!(points(n, Answer::Number(f64::NAN)), Err(AnswerProblem::Invalid));
        let model = default_model::definition();
        let systems = model.criterion("systems").expect("scored");
        assert_eq!(points(systems, Answer::Number(1.0)), Ok(5));
        assert_eq!(points(systems, Answer::Number(9.0)), Ok(1));
    }

    #[test]
    fn every_criterion_answered_and_nothing_else() {
        let d = small();
        let problems =
            score(&d, &answers(&[("a", Answer::Number(6.0)), ("y", Answer::Number(1.0)), ("zz", Answer::Yes(true))]))
                .expect_err("refused");
        assert_eq!(problems.get("a"), Some(&AnswerProblem::Invalid));
        assert_eq!(problems.get("n"), Some(&AnswerProblem::Missing));
        assert_eq!(problems.get("y"), Some(&AnswerProblem::Invalid));
        assert_eq!(problems.get("zz"), Some(&AnswerProblem::UnknownCriterion));
        assert_eq!(points(d.criterion("a").expect("scored"), Answer::Number(2.5)), Err(AnswerProblem::Invalid));
    }

    #[test]
    fn prefill_from_the_record() {
        let facts = Facts { annual_volume: Some(2080.0), stable: Some(false), ..Facts::default() };
        let a = prefill(&small(), &facts);
        assert_eq!(a.get("n"), Some(&Answer::Number(2080.0)));
        assert_eq!(a.get("y"), Some(&Answer::Yes(false)));
        assert_eq!(a.get("a"), None);
        // A yes/no fact answers a scale with its ends; digital and structured input combine.
        let model = default_model::definition();
        let facts = Facts {
            rule_based: Some(true),
            input_digital: Some(true),
            input_structured: Some(false),
            ..Facts::default()
        };
        let a = prefill(&model, &facts);
        assert_eq!(a.get("rule_based"), Some(&Answer::Number(5.0)));
        assert_eq!(a.get("digital_input"), Some(&Answer::Number(3.0)));
    }

    #[test]
    fn the_default_model_is_sound_and_scores() {
        let model = default_model::definition();
        assert_eq!(model.problems(), vec![]);
        assert_eq!(model.criteria.len(), 10);
        for c in &model.criteria {
            for locale in crate::common::locale::Locale::ALL {
                let label = match locale {
                    crate::common::locale::Locale::En => &c.label.en,
                    crate::common::locale::Locale::Da => &c.label.da,
                    crate::common::locale::Locale::De => &c.label.de,
                    crate::common::locale::Locale::Sv => &c.label.sv,
                };
                assert!(!label.is_empty(), "{} lacks a {locale:?} label", c.key);
            }
        }
        let best: Answers = model
            .criteria
            .iter()
            .map(|c| {
                let a = match &c.kind {
                    Kind::Scale { .. } => Answer::Number(5.0),
                    Kind::YesNo { .. } => Answer::Yes(true),
                    Kind::Number { bands, .. } => {
                        Answer::Number(bands.iter().max_by_key(|b| b.points).expect("scored").min)
                    }
                };
                (c.key.clone(), a)
            })
            .collect();
        let s = score(&model, &best).expect("scored");
        assert!(close(s.utility, 100.0));
    }

    #[test]
    fn model_problems_are_found() {
        let mut d = small();
        d.criteria[1].key = "a".into();
        d.criteria[2].weight = 0.0;
        d.criteria[0].label.en = " ".into();
        d.value_blend_pct = 101.0;
        if let Kind::Number { bands, .. } = &mut d.criteria[1].kind {
            bands[1].min = 0.0;
        }
        let p = d.problems();
        use crate::scoring::model::ModelProblem as P;
        assert!(p.contains(&P::DuplicateKey("a".into())));
        assert!(p.contains(&P::AxisWithoutWeight(Axis::Feasibility)));
        assert!(p.contains(&P::MissingLabel("a".into())));
        assert!(p.contains(&P::BlendOutOfRange));
        assert!(p.contains(&P::BadBands("a".into())));
        let mut d = small();
        d.criteria[0].prefill = Some(Source::AnnualVolume);
        d.criteria[0].key = "9x".into();
        let p = d.problems();
        assert!(p.contains(&P::PrefillMismatch("9x".into())) && p.contains(&P::BadKey("9x".into())));
    }
}
