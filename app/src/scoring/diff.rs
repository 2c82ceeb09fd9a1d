//! What changed between two versions of the scoring model, for people: criteria added,
//! removed and changed (attribute by attribute), and the blend and thresholds.

use crate::scoring::model::{Axis, Criterion, Definition, Kind, Source, Translated};
use serde::{Deserialize, Serialize};

/// One attribute of a criterion that differs between the versions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Attr {
    Weight {
        from: f64,
        to: f64,
    },
    Axis {
        from: Axis,
        to: Axis,
    },
    /// The kind's key: `scale`, `yes_no`, `number`.
    Kind {
        from: String,
        to: String,
    },
    Ko {
        from: bool,
        to: bool,
    },
    Prefill {
        from: Option<Source>,
        to: Option<Source>,
    },
    Label,
    Help,
    /// The level texts of a scale, or the yes/no texts.
    Levels,
    /// The bands or the unit of a number criterion.
    Bands,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Change {
    Blend { from: f64, to: f64 },
    ValueThreshold { from: f64, to: f64 },
    FeasibilityThreshold { from: f64, to: f64 },
    Added { key: String, label: Translated },
    Removed { key: String, label: Translated },
    Changed { key: String, label: Translated, what: Vec<Attr> },
}

/// The changes from `from` to `to`: model settings first, then criteria in `to`'s order
/// (added or changed), then those removed, in `from`'s order.
pub fn compare(from: &Definition, to: &Definition) -> Vec<Change> {
    let mut changes = Vec::new();
    if from.value_blend_pct != to.value_blend_pct {
        changes.push(Change::Blend { from: from.value_blend_pct, to: to.value_blend_pct });
    }
    if from.value_threshold != to.value_threshold {
        changes.push(Change::ValueThreshold { from: from.value_threshold, to: to.value_threshold });
    }
    if from.feasibility_threshold != to.feasibility_threshold {
        changes.push(Change::FeasibilityThreshold { from: from.feasibility_threshold, to: to.feasibility_threshold });
    }
    for new in &to.criteria {
        match from.criterion(&new.key) {
            None => changes.push(Change::Added { key: new.key.clone(), label: new.label.clone() }),
            Some(old) => {
                let what = attributes(old, new);
                if !what.is_empty() {
                    changes.push(Change::Changed { key: new.key.clone(), label: new.label.clone(), what });
                }
            }
        }
    }
    for old in &from.criteria {
        if to.criterion(&old.key).is_none() {
            changes.push(Change::Removed { key: old.key.clone(), label: old.label.clone() });
        }
    }
    changes
}

fn attributes(old: &Criterion, new: &Criterion) -> Vec<Attr> {
    let mut what = Vec::new();
    if old.weight != new.weight {
        what.push(Attr::Weight { from: old.weight, to: new.weight });
    }
    if old.axis != new.axis {
        what.push(Attr::Axis { from: old.axis, to: new.axis });
    }
    if old.kind.key() != new.kind.key() {
        what.push(Attr::Kind { from: old.kind.key().into(), to: new.kind.key().into() });
    }
    if old.ko != new.ko {
        what.push(Attr::Ko { from: old.ko, to: new.ko });
    }
    if old.prefill != new.prefill {
        what.push(Attr::Prefill { from: old.prefill, to: new.prefill });
    }
    if old.label != new.label {
        what.push(Attr::Label);
    }
    if old.help != new.help {
        what.push(Attr::Help);
    }
    match (&old.kind, &new.kind) {
        (Kind::Scale { levels: a }, Kind::Scale { levels: b }) if a != b => what.push(Attr::Levels),
        (Kind::YesNo { yes: ya, no: na }, Kind::YesNo { yes: yb, no: nb }) if ya != yb || na != nb => {
            what.push(Attr::Levels)
        }
        (Kind::Number { unit: ua, bands: ba }, Kind::Number { unit: ub, bands: bb }) if ua != ub || ba != bb => {
            what.push(Attr::Bands)
        }
        _ => {}
    }
    what
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::default_model;
    use crate::scoring::model::Band;

    #[test]
    fn the_same_model_has_no_changes() {
        let d = default_model::definition();
        assert!(compare(&d, &d).is_empty());
    }

    #[test]
    fn settings_and_criteria_changes_are_listed() {
        let from = default_model::definition();
        let mut to = from.clone();
        to.value_blend_pct = from.value_blend_pct + 10.0;
        to.feasibility_threshold = 42.0;
        let removed = to.criteria.remove(0);
        let first = &mut to.criteria[0];
        let changed_key = first.key.clone();
        let old_weight = first.weight;
        first.weight = old_weight + 1.0;
        first.ko = !first.ko;
        first.help.en.push_str(" More.");
        to.criteria.push(Criterion {
            key: "new_one".into(),
            label: Translated::new("New", "", "", ""),
            help: Translated::default(),
            axis: Axis::Value,
            kind: Kind::YesNo { yes: Translated::new("Yes", "", "", ""), no: Translated::new("No", "", "", "") },
            weight: 5.0,
            ko: false,
            prefill: None,
        });
        let changes = compare(&from, &to);
        assert_eq!(changes[0], Change::Blend { from: from.value_blend_pct, to: to.value_blend_pct });
        assert_eq!(changes[1], Change::FeasibilityThreshold { from: from.feasibility_threshold, to: 42.0 });
        let Change::Changed { key, what, .. } = &changes[2] else { panic!("{:?}", changes[2]) };
        assert_eq!(key, &changed_key);
        assert!(what.contains(&Attr::Weight { from: old_weight, to: old_weight + 1.0 }));
        assert!(what.iter().any(|a| matches!(a, Attr::Ko { .. })));
        assert!(what.contains(&Attr::Help));
        assert!(!what.contains(&Attr::Label));
        assert!(matches!(&changes[3], Change::Added { key, .. } if key == "new_one"));
        assert!(matches!(changes.last(), Some(Change::Removed { key, .. }) if *key == removed.key));
        assert_eq!(changes.len(), 5);
    }

    #[test]
    fn kind_and_bands_changes_are_named() {
        let number = |bands: Vec<Band>| Criterion {
            key: "n".into(),
            label: Translated::new("N", "", "", ""),
            help: Translated::default(),
            axis: Axis::Feasibility,
            kind: Kind::Number { unit: Translated::new("systems", "", "", ""), bands },
            weight: 1.0,
            ko: false,
            prefill: Some(Source::SystemsCount),
        };
        let a = number(vec![Band { min: 0.0, points: 5 }]);
        let b = number(vec![Band { min: 0.0, points: 5 }, Band { min: 3.0, points: 2 }]);
        assert_eq!(attributes(&a, &b), vec![Attr::Bands]);
        let mut c = a.clone();
        c.kind = Kind::YesNo { yes: Translated::default(), no: Translated::default() };
        c.axis = Axis::Value;
        c.prefill = None;
        assert_eq!(
            attributes(&a, &c),
            vec![
                Attr::Axis { from: Axis::Feasibility, to: Axis::Value },
                Attr::Kind { from: "number".into(), to: "yes_no".into() },
                Attr::Prefill { from: Some(Source::SystemsCount), to: None },
            ]
        );
    }
}
