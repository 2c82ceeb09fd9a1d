//! Moving a candidate through its phases and statuses: which moves need a reason, and checking a
//! move as typed. Pure rules; who may move a candidate is the policy's question.

use crate::candidates::model::{Phase, Status, TransitionForm};
use crate::common::error::{AppError, FieldError, Invalid};

pub const REASON_MAX: u32 = 2_000;

/// A move that passed every check.
#[derive(Clone, Debug, PartialEq)]
pub struct Transition {
    pub phase: Phase,
    pub status: Status,
    /// Kept with the candidate while its status is not `active`, and in the history always.
    pub reason: Option<String>,
    pub duplicate_of: Option<i64>,
}

/// Where the candidate stands now.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Standing {
    pub id: i64,
    pub phase: Phase,
    pub status: Status,
}

fn position(phase: Phase) -> usize {
    Phase::ALL.iter().position(|p| *p == phase).unwrap_or(0)
}

/// A reason is needed for every status but `active`, and for every phase move that is not the
/// plain next step: going back or skipping phases is a decision someone must explain.
pub fn needs_reason(from: Phase, to: Phase, status: Status) -> bool {
    status != Status::Active || (to != from && position(to) != position(from) + 1)
}

/// Checks a move as typed and reports every problem at once.
pub fn check(now: Standing, form: &TransitionForm) -> Result<Transition, AppError> {
    let mut errors = Vec::new();
    let mut fail = |field: &str, problem| errors.push(FieldError { field: field.to_owned(), problem });
    let phase = Phase::parse(form.phase.trim());
    let status = Status::parse(form.status.trim());
    if phase.is_none() {
        fail("phase", Invalid::UnknownChoice);
    }
    if status.is_none() {
        fail("status", Invalid::UnknownChoice);
    }
    let reason = form.reason.trim();
    if reason.chars().count() > REASON_MAX as usize {
        fail("reason", Invalid::TooLong { max: REASON_MAX });
    }
    let (Some(phase), Some(status)) = (phase, status) else {
        return Err(AppError::Invalid(errors));
    };
    if phase == now.phase && status == now.status {
        fail("status", Invalid::NoChange);
    }
    if reason.is_empty() && needs_reason(now.phase, phase, status) {
        fail("reason", Invalid::Required);
    }
    let duplicate_of = if status == Status::Duplicate {
        let typed = form.duplicate_of.trim().trim_start_matches('#');
        match typed.parse::<i64>() {
            _ if typed.is_empty() => {
                fail("duplicate_of", Invalid::Required);
                None
            }
            Ok(id) if id == now.id => {
                fail("duplicate_of", Invalid::SameCandidate);
                None
            }
            Ok(id) if id > 0 => Some(id),
            _ => {
                fail("duplicate_of", Invalid::NotANumber);
                None
            }
        }
    } else {
        None
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(Transition { phase, status, reason: (!reason.is_empty()).then(|| reason.to_owned()), duplicate_of })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Standing = Standing { id: 7, phase: Phase::Idea, status: Status::Active };

    fn form(phase: &str, status: &str, reason: &str, duplicate_of: &str) -> TransitionForm {
        TransitionForm {
            candidate_id: 7,
            phase: phase.into(),
            status: status.into(),
            reason: reason.into(),
            duplicate_of: duplicate_of.into(),
        }
    }

    fn problems(result: Result<Transition, AppError>) -> Vec<(String, Invalid)> {
        match result {
            Err(AppError::Invalid(errors)) => errors.into_iter().map(|e| (e.field, e.problem)).collect(),
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[test]
    fn the_next_phase_needs_no_reason() {
        let t = check(NOW, &form("assessment", "active", "  ", "")).expect("plain next step");
        assert_eq!((t.phase, t.status, t.reason, t.duplicate_of), (Phase::Assessment, Status::Active, None, None));
    }

    #[test]
    fn skipping_going_back_and_every_other_status_need_a_reason() {
        assert!(needs_reason(Phase::Idea, Phase::Backlog, Status::Active), "skip");
        assert!(needs_reason(Phase::Backlog, Phase::Assessment, Status::Active), "back");
        assert!(needs_reason(Phase::Idea, Phase::Idea, Status::OnHold), "status");
        assert!(!needs_reason(Phase::Testing, Phase::Operation, Status::Active));
        assert!(!needs_reason(Phase::Idea, Phase::Idea, Status::Active), "back to active");
        assert_eq!(
            problems(check(NOW, &form("analysis", "active", "", ""))),
            vec![("reason".into(), Invalid::Required)]
        );
        let t = check(NOW, &form("idea", "rejected", " Out of scope ", "")).expect("with a reason");
        assert_eq!(t.reason.as_deref(), Some("Out of scope"));
    }

    #[test]
    fn nothing_to_change_is_refused() {
        assert_eq!(
            problems(check(NOW, &form("idea", "active", "why", ""))),
            vec![("status".into(), Invalid::NoChange)]
        );
    }

    #[test]
    fn unknown_names_are_refused_not_guessed() {
        assert_eq!(
            problems(check(NOW, &form("Idea", "done", "", ""))),
            vec![("phase".into(), Invalid::UnknownChoice), ("status".into(), Invalid::UnknownChoice)]
        );
    }

    #[test]
    fn a_duplicate_names_another_candidate() {
        let t = check(NOW, &form("idea", "duplicate", "Same as Aarhus'", "#12")).expect("duplicate of 12");
        assert_eq!(t.duplicate_of, Some(12));
        assert_eq!(
            problems(check(NOW, &form("idea", "duplicate", "x", ""))),
            vec![("duplicate_of".into(), Invalid::Required)]
        );
        assert_eq!(
            problems(check(NOW, &form("idea", "duplicate", "x", "7"))),
            vec![("duplicate_of".into(), Invalid::SameCandidate)]
        );
        assert_eq!(
            problems(check(NOW, &form("idea", "duplicate", "x", "twelve"))),
            vec![("duplicate_of".into(), Invalid::NotANumber)]
        );
    }

    #[test]
    fn reasons_have_a_length_limit() {
        let long = "x".repeat(REASON_MAX as usize + 1);
        assert_eq!(
            problems(check(NOW, &form("idea", "on_hold", &long, ""))),
            vec![("reason".into(), Invalid::TooLong { max: REASON_MAX })]
        );
    }
}
