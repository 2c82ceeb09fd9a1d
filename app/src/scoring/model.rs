//! The scoring model (DESIGN.md, "Utility matrix"): what a version of the consortium's utility
//! matrix is. A version is one immutable [`Definition`]; editing the model makes a new version
//! (see `docs/decisions.md`, "Scoring model").

pub use crate::common::enums::Scope;
use crate::common::locale::Locale;
use serde::{Deserialize, Serialize};

/// A text in every language the portal speaks. English is required; a missing translation
/// falls back to English, so a coordinator can publish before the translators are done.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Translated {
    pub en: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub da: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub de: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sv: String,
}

impl Translated {
    pub fn new(en: &str, da: &str, de: &str, sv: &str) -> Self {
        Translated { en: en.into(), da: da.into(), de: de.into(), sv: sv.into() }
    }

    /// The text in `locale`, or in English when it has no translation.
    pub fn get(&self, locale: Locale) -> &str {
        let text = match locale {
            Locale::En => &self.en,
            Locale::Da => &self.da,
            Locale::De => &self.de,
            Locale::Sv => &self.sv,
        };
        if text.trim().is_empty() {
            &self.en
        } else {
            text
        }
    }

    pub fn get_mut(&mut self, locale: Locale) -> &mut String {
        match locale {
            Locale::En => &mut self.en,
            Locale::Da => &mut self.da,
            Locale::De => &mut self.de,
            Locale::Sv => &mut self.sv,
        }
    }
}

/// Which axis of the matrix a criterion counts towards.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Axis {
    /// What automating it is worth.
    Value,
    /// How easily it can be automated.
    Feasibility,
}

impl Axis {
    pub const ALL: [Axis; 2] = [Axis::Value, Axis::Feasibility];

    pub fn key(self) -> &'static str {
        match self {
            Axis::Value => "value",
            Axis::Feasibility => "feasibility",
        }
    }

    pub fn from_key(key: &str) -> Option<Axis> {
        Axis::ALL.into_iter().find(|a| a.key() == key)
    }
}

/// One band of a number criterion: answers from `min` (inclusive) up to the next band's `min`
/// score `points` (1–5). Bands are in ascending `min`; points may fall (fewer is better, e.g.
/// IT systems touched).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Band {
    pub min: f64,
    pub points: u8,
}

/// How a criterion is answered.
// A scale's five texts make it the large variant; a model has a few dozen criteria at most.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Kind {
    /// A level 1–5, each described (`levels[0]` describes level 1, the worst).
    Scale { levels: [Translated; 5] },
    /// Yes is the good answer (scores 100), no scores 0; each answer is described.
    YesNo { yes: Translated, no: Translated },
    /// A number (in `unit`), scored by the band it falls in. Below the first band's `min`
    /// counts as the first band.
    Number { unit: Translated, bands: Vec<Band> },
}

impl Kind {
    pub fn key(&self) -> &'static str {
        match self {
            Kind::Scale { .. } => "scale",
            Kind::YesNo { .. } => "yes_no",
            Kind::Number { .. } => "number",
        }
    }
}

/// A fact the candidate's record already knows, used to prefill an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Cases a year (V).
    AnnualVolume,
    /// Manual hours a year (H, with errors, rework and review).
    ManualHours,
    /// Handling minutes per case.
    HandlingMinutes,
    RuleBased,
    InputDigital,
    InputStructured,
    /// Digital and structured input: both → 5, one of them → 3, neither → 1.
    InputDigitalStructured,
    /// No change expected within six months.
    Stable,
    /// Share of cases that are exceptions, in %.
    ExceptionsPct,
    /// Number of IT systems touched.
    SystemsCount,
}

impl Source {
    pub const ALL: [Source; 10] = [
        Source::AnnualVolume,
        Source::ManualHours,
        Source::HandlingMinutes,
        Source::RuleBased,
        Source::InputDigital,
        Source::InputStructured,
        Source::InputDigitalStructured,
        Source::Stable,
        Source::ExceptionsPct,
        Source::SystemsCount,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Source::AnnualVolume => "annual_volume",
            Source::ManualHours => "manual_hours",
            Source::HandlingMinutes => "handling_minutes",
            Source::RuleBased => "rule_based",
            Source::InputDigital => "input_digital",
            Source::InputStructured => "input_structured",
            Source::InputDigitalStructured => "input_digital_structured",
            Source::Stable => "stable",
            Source::ExceptionsPct => "exceptions_pct",
            Source::SystemsCount => "systems_count",
        }
    }

    pub fn from_key(key: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Whether the fact is a number (fits a number criterion) or a yes/no or level (fits a
    /// scale or yes/no criterion).
    pub fn is_number(self) -> bool {
        matches!(
            self,
            Source::AnnualVolume
                | Source::ManualHours
                | Source::HandlingMinutes
                | Source::ExceptionsPct
                | Source::SystemsCount
        )
    }

    /// Whether a criterion of this kind can take its answer from this fact.
    pub fn fits(self, kind: &Kind) -> bool {
        match kind {
            Kind::Number { .. } => self.is_number(),
            Kind::Scale { .. } => !self.is_number(),
            Kind::YesNo { .. } => !self.is_number() && self != Source::InputDigitalStructured,
        }
    }
}

/// One criterion of a model version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Criterion {
    /// Stable across versions (lower-case letters, digits and `_`): answers carry over to a
    /// new version by key when a candidate is re-scored.
    pub key: String,
    pub label: Translated,
    /// What to consider when answering.
    #[serde(default)]
    pub help: Translated,
    pub axis: Axis,
    pub kind: Kind,
    /// Relative weight within its axis, 0–100.
    pub weight: f64,
    /// Knock-out: the lowest answer (level 1, no, or a number in a band of 1 point) stops the
    /// candidate, whatever its scores.
    #[serde(default)]
    pub ko: bool,
    /// The record's fact that prefills the answer, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefill: Option<Source>,
}

/// A version of the model: its criteria, the blend and the quadrant thresholds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Definition {
    pub criteria: Vec<Criterion>,
    /// Utility = blend × value + (100 − blend) × feasibility, over 100. 0–100.
    pub value_blend_pct: f64,
    /// A value score at or above this is "high value". 0–100.
    pub value_threshold: f64,
    /// A feasibility score at or above this is "high feasibility". 0–100.
    pub feasibility_threshold: f64,
}

/// Why a model definition cannot be published. The editor shows these beside the field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ModelProblem {
    NoCriteria,
    /// An axis whose criteria weigh 0 in total: its score would be undefined.
    AxisWithoutWeight(Axis),
    DuplicateKey(String),
    BadKey(String),
    MissingLabel(String),
    MissingLevelText(String),
    WeightOutOfRange(String),
    /// Bands must be 1–8, in strictly ascending `min`, with points 1–5.
    BadBands(String),
    /// The prefill fact does not fit the criterion's kind.
    PrefillMismatch(String),
    BlendOutOfRange,
    ThresholdOutOfRange,
    TooManyCriteria,
}

/// At most this many criteria (a form of fifty questions is not filled in).
pub const MAX_CRITERIA: usize = 40;
/// Keys are at most this long.
pub const MAX_KEY_LEN: usize = 40;

/// Whether `key` is a usable criterion key: 1–40 of `a-z`, `0-9`, `_`, starting with a letter.
pub fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= MAX_KEY_LEN
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

impl Definition {
    pub fn criterion(&self, key: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.key == key)
    }

    /// Every problem that keeps this definition from being published; empty when it is sound.
    pub fn problems(&self) -> Vec<ModelProblem> {
        let mut problems = Vec::new();
        if self.criteria.is_empty() {
            problems.push(ModelProblem::NoCriteria);
        }
        if self.criteria.len() > MAX_CRITERIA {
            problems.push(ModelProblem::TooManyCriteria);
        }
        let range = |v: f64| v.is_finite() && (0.0..=100.0).contains(&v);
        if !range(self.value_blend_pct) {
            problems.push(ModelProblem::BlendOutOfRange);
        }
        if !range(self.value_threshold) || !range(self.feasibility_threshold) {
            problems.push(ModelProblem::ThresholdOutOfRange);
        }
        let mut seen = std::collections::HashSet::new();
        for c in &self.criteria {
            let key = c.key.clone();
            if !valid_key(&c.key) {
                problems.push(ModelProblem::BadKey(key.clone()));
            }
            if !seen.insert(c.key.as_str()) {
                problems.push(ModelProblem::DuplicateKey(key.clone()));
            }
            if c.label.en.trim().is_empty() {
                problems.push(ModelProblem::MissingLabel(key.clone()));
            }
            if !range(c.weight) {
                problems.push(ModelProblem::WeightOutOfRange(key.clone()));
            }
            match &c.kind {
                Kind::Scale { levels } => {
                    if levels.iter().any(|l| l.en.trim().is_empty()) {
                        problems.push(ModelProblem::MissingLevelText(key.clone()));
                    }
                }
                Kind::YesNo { yes, no } => {
                    if yes.en.trim().is_empty() || no.en.trim().is_empty() {
                        problems.push(ModelProblem::MissingLevelText(key.clone()));
                    }
                }
                Kind::Number { bands, .. } => {
                    let ascending = bands.windows(2).all(|w| w[0].min < w[1].min);
                    let sound = !bands.is_empty()
                        && bands.len() <= 8
                        && ascending
                        && bands.iter().all(|b| b.min.is_finite() && (1..=5).contains(&b.points));
                    if !sound {
                        problems.push(ModelProblem::BadBands(key.clone()));
                    }
                }
            }
            if c.prefill.is_some_and(|s| !s.fits(&c.kind)) {
                problems.push(ModelProblem::PrefillMismatch(key.clone()));
            }
        }
        for axis in Axis::ALL {
            let total: f64 =
                self.criteria.iter().filter(|c| c.axis == axis && c.weight.is_finite()).map(|c| c.weight).sum();
            if total <= 0.0 {
                problems.push(ModelProblem::AxisWithoutWeight(axis));
            }
        }
        problems
    }
}

/// A published version, as listed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ModelVersion {
    pub version: i64,
    pub definition: Definition,
    /// What the editor wrote about the change.
    pub note: String,
    /// Who published it; `None` for the default model the portal ships.
    pub published_by: Option<crate::identity::model::PersonRef>,
    #[serde(with = "time::serde::rfc3339")]
    pub published_at: time::OffsetDateTime,
}

/// Why a snapshot was taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// Someone answered (or changed answers).
    Answers,
    /// Re-scored onto a new model version, the answers carried over.
    Model,
}

impl Cause {
    pub fn key(self) -> &'static str {
        match self {
            Cause::Answers => "answers",
            Cause::Model => "model",
        }
    }
}

impl Source {
    /// How people read it, in `locale`.
    pub fn label(self, locale: crate::common::locale::Locale) -> &'static str {
        let t = crate::scoring::texts::texts(locale);
        match self {
            Source::AnnualVolume => t.source_annual_volume,
            Source::ManualHours => t.source_manual_hours,
            Source::HandlingMinutes => t.source_handling_minutes,
            Source::RuleBased => t.source_rule_based,
            Source::InputDigital => t.source_input_digital,
            Source::InputStructured => t.source_input_structured,
            Source::InputDigitalStructured => t.source_input_digital_structured,
            Source::Stable => t.source_stable,
            Source::ExceptionsPct => t.source_exceptions_pct,
            Source::SystemsCount => t.source_systems_count,
        }
    }
}

impl Axis {
    /// How people read it, in `locale`.
    pub fn label(self, locale: crate::common::locale::Locale) -> &'static str {
        let t = crate::scoring::texts::texts(locale);
        match self {
            Axis::Value => t.axis_value,
            Axis::Feasibility => t.axis_feasibility,
        }
    }
}
