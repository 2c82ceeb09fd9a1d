//! The access policy: "may this person do this to that?", answered in one place.
//!
//! Every service asks here before it reads or writes. List queries cannot ask row by row, so
//! [`CandidateScope`] carries the same rule into SQL; the matrix tests hold the Rust rule and
//! the SQL filter to the same answers.

use super::model::{Actor, Role};
use crate::candidates::model::Visibility;
use crate::error::{AppError, AppResult};

/// The facts about a candidate that decide who sees it.
#[derive(Clone, Copy, Debug)]
pub struct CandidateAccess {
    pub municipality_id: i64,
    pub reporter_id: i64,
    pub visibility: Visibility,
}

/// Sees private candidates of their own municipality beside their own.
fn oversees_municipality(actor: &Actor) -> bool {
    actor.has(Role::Coordinator) || actor.has(Role::MunicipalityAdmin)
}

/// Anonymous visitors see public candidates; signed-in people also see the consortium's
/// shared ones, their municipality's, and private ones they reported (coordinators and
/// municipality admins: all private ones of their municipality).
pub fn may_view_candidate(actor: Option<&Actor>, c: CandidateAccess) -> bool {
    match (c.visibility, actor) {
        (Visibility::Public, _) => true,
        (_, None) => false,
        (Visibility::Consortium, Some(_)) => true,
        (Visibility::Municipality, Some(a)) => a.municipality_id == c.municipality_id,
        (Visibility::Private, Some(a)) => {
            a.municipality_id == c.municipality_id && (a.user_id == c.reporter_id || oversees_municipality(a))
        }
    }
}

/// Anyone signed in may report a process of their own municipality.
pub fn may_report(actor: Option<&Actor>) -> AppResult<&Actor> {
    actor.ok_or(AppError::Unauthenticated)
}

/// Municipality settings (single sign-on now; users, departments and rates later) are managed by
/// that municipality's own admins only. The consortium admin manages the member list and global
/// settings, not a member's sign-in: a municipality's identity provider is its own affair.
pub fn may_manage_municipality(actor: &Actor, municipality_id: i64) -> AppResult<()> {
    if actor.has(Role::MunicipalityAdmin) && actor.municipality_id == municipality_id {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// [`may_view_candidate`] as bind values for the SQL filter in `candidates::store`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CandidateScope {
    pub signed_in: bool,
    /// -1 (no municipality has it) when anonymous.
    pub municipality_id: i64,
    /// -1 (no user has it) when anonymous.
    pub user_id: i64,
    pub sees_private: bool,
}

impl CandidateScope {
    pub fn of(actor: Option<&Actor>) -> Self {
        match actor {
            None => CandidateScope { signed_in: false, municipality_id: -1, user_id: -1, sees_private: false },
            Some(a) => CandidateScope {
                signed_in: true,
                municipality_id: a.municipality_id,
                user_id: a.user_id,
                sees_private: oversees_municipality(a),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOME: i64 = 1;
    const OTHER: i64 = 2;
    const REPORTER: i64 = 10;

    fn actor(user_id: i64, municipality_id: i64, roles: &[Role]) -> Actor {
        Actor { user_id, municipality_id, roles: roles.to_vec() }
    }

    /// Who sees a candidate of municipality HOME reported by REPORTER, per visibility
    /// (private, municipality, consortium, public).
    #[test]
    fn view_matrix() {
        let cases: Vec<(&str, Option<Actor>, [bool; 4])> = vec![
            ("anonymous", None, [false, false, false, true]),
            ("the reporter", Some(actor(REPORTER, HOME, &[Role::Reporter])), [true, true, true, true]),
            ("colleague", Some(actor(11, HOME, &[Role::Reporter])), [false, true, true, true]),
            ("coordinator", Some(actor(12, HOME, &[Role::Coordinator])), [true, true, true, true]),
            ("municipality admin", Some(actor(13, HOME, &[Role::MunicipalityAdmin])), [true, true, true, true]),
            (
                "consortium coordinator, home",
                Some(actor(14, HOME, &[Role::ConsortiumCoordinator])),
                [false, true, true, true],
            ),
            ("other reporter", Some(actor(20, OTHER, &[Role::Reporter])), [false, false, true, true]),
            ("other coordinator", Some(actor(21, OTHER, &[Role::Coordinator])), [false, false, true, true]),
            (
                "other municipality admin",
                Some(actor(22, OTHER, &[Role::MunicipalityAdmin])),
                [false, false, true, true],
            ),
            (
                "consortium coordinator, other",
                Some(actor(23, OTHER, &[Role::ConsortiumCoordinator])),
                [false, false, true, true],
            ),
            ("consortium admin, other", Some(actor(24, OTHER, &[Role::ConsortiumAdmin])), [false, false, true, true]),
        ];
        for (who, actor, expected) in cases {
            for (visibility, want) in Visibility::ALL.iter().zip(expected) {
                let c = CandidateAccess { municipality_id: HOME, reporter_id: REPORTER, visibility: *visibility };
                assert_eq!(may_view_candidate(actor.as_ref(), c), want, "{who} viewing {visibility:?}");
            }
        }
    }

    #[test]
    fn managing_a_municipality_matrix() {
        let cases = [
            ("municipality admin, home", actor(1, HOME, &[Role::MunicipalityAdmin]), true),
            ("municipality admin, other", actor(2, OTHER, &[Role::MunicipalityAdmin]), false),
            ("consortium admin, home", actor(3, HOME, &[Role::ConsortiumAdmin]), false),
            ("coordinator, home", actor(4, HOME, &[Role::Reporter, Role::Coordinator]), false),
            ("consortium coordinator, home", actor(5, HOME, &[Role::ConsortiumCoordinator]), false),
            ("reporter, home", actor(6, HOME, &[Role::Reporter]), false),
        ];
        for (who, actor, want) in cases {
            assert_eq!(may_manage_municipality(&actor, HOME).is_ok(), want, "{who}");
        }
    }

    #[test]
    fn reporting_needs_a_signed_in_person() {
        assert_eq!(may_report(None), Err(AppError::Unauthenticated));
        let a = actor(1, HOME, &[Role::Reporter]);
        assert_eq!(may_report(Some(&a)), Ok(&a));
    }
}
