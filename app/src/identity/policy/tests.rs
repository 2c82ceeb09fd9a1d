//! The policy's matrix: every rule against every role and place.

use super::*;

const HOME: i64 = 1;
const OTHER: i64 = 2;
const REPORTER: i64 = 10;

fn actor(user_id: i64, municipality_id: i64, roles: &[Role]) -> Actor {
    Actor::new(user_id, municipality_id, roles.to_vec())
}

fn scoped(user_id: i64, municipality_id: i64, roles: &[Role], scope: &[&str]) -> Actor {
    Actor {
        coordinator_scope: scope.iter().map(|s| (*s).to_owned()).collect(),
        ..actor(user_id, municipality_id, roles)
    }
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
        ("other municipality admin", Some(actor(22, OTHER, &[Role::MunicipalityAdmin])), [false, false, true, true]),
        (
            "consortium coordinator, other",
            Some(actor(23, OTHER, &[Role::ConsortiumCoordinator])),
            [false, false, true, true],
        ),
        ("consortium admin, other", Some(actor(24, OTHER, &[Role::ConsortiumAdmin])), [false, false, true, true]),
        (
            "coordinator limited to the candidate's department",
            Some(scoped(15, HOME, &[Role::Coordinator], &["/1/"])),
            [true, true, true, true],
        ),
        (
            "coordinator limited to a parent of the candidate's department",
            Some(scoped(16, HOME, &[Role::Coordinator], &["/9/", "/1/"])),
            [true, true, true, true],
        ),
        (
            "coordinator limited to another department",
            Some(scoped(17, HOME, &[Role::Coordinator], &["/8/"])),
            [false, true, true, true],
        ),
        (
            "coordinator limited to a sibling whose id starts alike",
            Some(scoped(18, HOME, &[Role::Coordinator], &["/1/20/"])),
            [false, true, true, true],
        ),
        (
            "scoped coordinator, other municipality",
            Some(scoped(25, OTHER, &[Role::Coordinator], &["/1/"])),
            [false, false, true, true],
        ),
    ];
    for (who, actor, expected) in cases {
        for (visibility, want) in Visibility::ALL.iter().zip(expected) {
            let c = CandidateAccess {
                municipality_id: HOME,
                reporter_id: REPORTER,
                visibility: *visibility,
                department_path: Some("/1/2/"),
            };
            assert_eq!(may_view_candidate(actor.as_ref(), c), want, "{who} viewing {visibility:?}");
        }
    }
}

/// Moving, taking part (comment, follow) and reading the history of a candidate of HOME
/// reported by REPORTER in department /1/2/, per visibility (private, municipality,
/// consortium, public). `N` = does not exist for them, `U` = sign in, `F` = forbidden.
#[test]
fn candidate_actions_matrix() {
    #[derive(Clone, Copy, Debug, PartialEq)]
    enum A {
        Y,
        N,
        U,
        F,
    }
    use A::*;
    fn answer<T>(r: AppResult<T>) -> A {
        match r {
            Ok(_) => Y,
            Err(AppError::NotFound) => N,
            Err(AppError::Unauthenticated) => U,
            Err(_) => F,
        }
    }
    type Row = (&'static str, Option<Actor>, [A; 4], [A; 4], [A; 4]);
    let cases: Vec<Row> = vec![
        //                                      move              take part         history
        ("anonymous", None, [U, U, U, U], [U, U, U, U], [U, U, U, U]),
        ("the reporter", Some(actor(REPORTER, HOME, &[Role::Reporter])), [F, F, F, F], [Y, Y, Y, Y], [Y, Y, Y, Y]),
        ("colleague", Some(actor(11, HOME, &[Role::Reporter])), [N, F, F, F], [N, Y, Y, Y], [N, Y, Y, Y]),
        ("coordinator", Some(actor(12, HOME, &[Role::Coordinator])), [Y, Y, Y, Y], [Y, Y, Y, Y], [Y, Y, Y, Y]),
        (
            "municipality admin",
            Some(actor(13, HOME, &[Role::MunicipalityAdmin])),
            [Y, Y, Y, Y],
            [Y, Y, Y, Y],
            [Y, Y, Y, Y],
        ),
        (
            "consortium coordinator, home",
            Some(actor(14, HOME, &[Role::ConsortiumCoordinator])),
            [N, F, F, F],
            [N, Y, Y, Y],
            [N, Y, Y, Y],
        ),
        (
            "limited to the department",
            Some(scoped(15, HOME, &[Role::Coordinator], &["/1/"])),
            [Y, Y, Y, Y],
            [Y, Y, Y, Y],
            [Y, Y, Y, Y],
        ),
        (
            "limited elsewhere",
            Some(scoped(17, HOME, &[Role::Coordinator], &["/8/"])),
            [N, F, F, F],
            [N, Y, Y, Y],
            [N, Y, Y, Y],
        ),
        ("other reporter", Some(actor(20, OTHER, &[Role::Reporter])), [N, N, F, F], [N, N, Y, Y], [N, N, F, F]),
        ("other coordinator", Some(actor(21, OTHER, &[Role::Coordinator])), [N, N, F, F], [N, N, Y, Y], [N, N, F, F]),
        (
            "other municipality admin",
            Some(actor(22, OTHER, &[Role::MunicipalityAdmin])),
            [N, N, F, F],
            [N, N, Y, Y],
            [N, N, F, F],
        ),
        (
            "consortium admin, other",
            Some(actor(24, OTHER, &[Role::ConsortiumAdmin])),
            [N, N, F, F],
            [N, N, Y, Y],
            [N, N, F, F],
        ),
    ];
    for (who, actor, moving, taking_part, history) in cases {
        for (i, visibility) in Visibility::ALL.iter().enumerate() {
            let c = CandidateAccess {
                municipality_id: HOME,
                reporter_id: REPORTER,
                visibility: *visibility,
                department_path: Some("/1/2/"),
            };
            assert_eq!(answer(may_move_candidate(actor.as_ref(), c)), moving[i], "{who} moving {visibility:?}");
            assert_eq!(answer(may_take_part(actor.as_ref(), c)), taking_part[i], "{who} taking part {visibility:?}");
            assert_eq!(answer(may_see_history(actor.as_ref(), c)), history[i], "{who} history {visibility:?}");
            // Editing: the reporter too, otherwise exactly who may move it.
            let editing = if who == "the reporter" { Y } else { moving[i] };
            assert_eq!(answer(may_edit_candidate(actor.as_ref(), c, None)), editing, "{who} editing {visibility:?}");
            // An owner from the same municipality may edit what they can see.
            let owner_id = actor.as_ref().map(|a| a.user_id);
            let as_owner = match (&actor, taking_part[i]) {
                (Some(a), Y) if a.municipality_id == HOME => Y,
                _ => editing,
            };
            assert_eq!(
                answer(may_edit_candidate(actor.as_ref(), c, owner_id)),
                as_owner,
                "{who} owning {visibility:?}"
            );
        }
    }
}

/// Attachments on a candidate of HOME reported by REPORTER in department /1/2/, per
/// candidate visibility (private, municipality, consortium, public): who sees a
/// municipality-only and a shared attachment, who may attach, and who may delete one that
/// UPLOADER (a colleague of HOME) added.
#[test]
fn attachments_matrix() {
    const UPLOADER: i64 = 11;
    type Row = (&'static str, Option<Actor>, [bool; 4], [bool; 4], [bool; 4], [bool; 4]);
    let cases: Vec<Row> = vec![
        //                                         sees own-only   sees shared    attaches       deletes
        ("anonymous", None, [false, false, false, false], [false, false, false, true], [false; 4], [false; 4]),
        ("the reporter", Some(actor(REPORTER, HOME, &[Role::Reporter])), [true; 4], [true; 4], [true; 4], [true; 4]),
        (
            "the uploader (a colleague)",
            Some(actor(UPLOADER, HOME, &[Role::Reporter])),
            [false, true, true, true],
            [false, true, true, true],
            [false, true, true, true],
            [false, true, true, true],
        ),
        (
            "another colleague",
            Some(actor(19, HOME, &[Role::Reporter])),
            [false, true, true, true],
            [false, true, true, true],
            [false, true, true, true],
            [false; 4],
        ),
        (
            "the owner",
            Some(actor(30, HOME, &[Role::Reporter])),
            [false, true, true, true],
            [false, true, true, true],
            [false, true, true, true],
            [false, true, true, true],
        ),
        ("coordinator", Some(actor(12, HOME, &[Role::Coordinator])), [true; 4], [true; 4], [true; 4], [true; 4]),
        (
            "coordinator limited elsewhere",
            Some(scoped(17, HOME, &[Role::Coordinator], &["/8/"])),
            [false, true, true, true],
            [false, true, true, true],
            [false, true, true, true],
            [false; 4],
        ),
        (
            "other reporter",
            Some(actor(20, OTHER, &[Role::Reporter])),
            [false; 4],
            [false, false, true, true],
            [false; 4],
            [false; 4],
        ),
        (
            "other coordinator",
            Some(actor(21, OTHER, &[Role::Coordinator])),
            [false; 4],
            [false, false, true, true],
            [false; 4],
            [false; 4],
        ),
        (
            "consortium admin, other",
            Some(actor(24, OTHER, &[Role::ConsortiumAdmin])),
            [false; 4],
            [false, false, true, true],
            [false; 4],
            [false; 4],
        ),
    ];
    for (who, actor, own_only, shared, attaches, deletes) in cases {
        for (i, visibility) in Visibility::ALL.iter().enumerate() {
            let c = CandidateAccess {
                municipality_id: HOME,
                reporter_id: REPORTER,
                visibility: *visibility,
                department_path: Some("/1/2/"),
            };
            let a = actor.as_ref();
            assert_eq!(
                may_see_attachment(a, c, AttachmentVisibility::Municipality),
                own_only[i],
                "{who} sees own-only on {visibility:?}"
            );
            assert_eq!(
                may_see_attachment(a, c, AttachmentVisibility::Shared),
                shared[i],
                "{who} sees shared on {visibility:?}"
            );
            assert_eq!(may_attach(a, c).is_ok(), attaches[i], "{who} attaches on {visibility:?}");
            assert_eq!(
                may_delete_attachment(a, c, Some(30), Some(UPLOADER)).is_ok(),
                deletes[i],
                "{who} deletes on {visibility:?}"
            );
        }
    }
    // Someone who cannot see the candidate is told it does not exist; a visitor to sign in.
    let c = CandidateAccess {
        municipality_id: HOME,
        reporter_id: REPORTER,
        visibility: Visibility::Municipality,
        department_path: None,
    };
    assert_eq!(may_attach(Some(&actor(20, OTHER, &[Role::Reporter])), c).err(), Some(AppError::NotFound));
    assert_eq!(may_attach(None, c).err(), Some(AppError::Unauthenticated));
    let shared = CandidateAccess { visibility: Visibility::Consortium, ..c };
    assert_eq!(may_attach(Some(&actor(20, OTHER, &[Role::Reporter])), shared).err(), Some(AppError::Forbidden));
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

/// A candidate without a department is outside every department limit.
#[test]
fn department_limits_leave_out_candidates_without_a_department() {
    let limited = scoped(1, HOME, &[Role::Coordinator], &["/1/"]);
    assert!(!oversees(&limited, HOME, None));
    assert!(oversees(&actor(2, HOME, &[Role::Coordinator]), HOME, None));
    assert!(oversees(&scoped(3, HOME, &[Role::MunicipalityAdmin, Role::Coordinator], &["/1/"]), HOME, None));
    assert!(!oversees(&actor(4, HOME, &[Role::Reporter]), HOME, Some("/1/")));
}

/// Who may grant each role to a person of HOME.
#[test]
fn granting_roles_matrix() {
    use Role::*;
    let cases: [(&str, Actor, [bool; 5]); 5] = [
        // reporter, coordinator, consortium_coordinator, municipality_admin, consortium_admin
        ("municipality admin, home", actor(1, HOME, &[MunicipalityAdmin]), [true, true, false, true, false]),
        ("municipality admin, other", actor(2, OTHER, &[MunicipalityAdmin]), [false; 5]),
        ("consortium admin, other", actor(3, OTHER, &[ConsortiumAdmin]), [false, false, true, false, true]),
        ("coordinator, home", actor(4, HOME, &[Coordinator]), [false; 5]),
        ("consortium coordinator, home", actor(5, HOME, &[ConsortiumCoordinator]), [false; 5]),
    ];
    for (who, actor, expected) in cases {
        for (role, want) in Role::ALL.iter().zip(expected) {
            assert_eq!(may_grant_role(&actor, HOME, *role), want, "{who} granting {role:?}");
        }
    }
}

#[test]
fn managing_the_consortium_matrix() {
    use Role::*;
    for (who, roles, want) in [
        ("consortium admin", vec![ConsortiumAdmin], true),
        ("municipality admin", vec![MunicipalityAdmin], false),
        ("consortium coordinator", vec![ConsortiumCoordinator], false),
        ("coordinator", vec![Coordinator], false),
        ("reporter", vec![Reporter], false),
    ] {
        assert_eq!(may_manage_consortium(&Actor::new(1, HOME, roles)).is_ok(), want, "{who}");
    }
}

#[test]
fn erasing_a_person_matrix() {
    use Role::*;
    let admin = actor(1, HOME, &[MunicipalityAdmin]);
    let none: &[i64] = &[];
    assert_eq!(may_erase_person(&admin, HOME, 7, &[Reporter], none), Ok(()));
    assert_eq!(may_erase_person(&admin, HOME, 1, &[MunicipalityAdmin], none), Err(AppError::Forbidden), "not oneself");
    assert_eq!(may_erase_person(&admin, OTHER, 7, &[Reporter], none), Err(AppError::Forbidden));
    assert_eq!(
        may_erase_person(&actor(2, HOME, &[ConsortiumAdmin]), HOME, 7, &[Reporter], none),
        Err(AppError::Forbidden)
    );
    assert_eq!(may_erase_person(&actor(3, HOME, &[Coordinator]), HOME, 7, &[Reporter], none), Err(AppError::Forbidden));
    // Nobody erases a person above them: a municipality admin no consortium role holder.
    assert_eq!(may_erase_person(&admin, HOME, 7, &[ConsortiumCoordinator], none), Err(AppError::Forbidden));
    assert_eq!(may_erase_person(&admin, HOME, 7, &[Reporter, ConsortiumAdmin], &[7, 9]), Err(AppError::Forbidden));
    // The consortium keeps one consortium admin, erasure included.
    let both = actor(9, HOME, &[MunicipalityAdmin, ConsortiumAdmin]);
    assert_eq!(may_erase_person(&both, HOME, 7, &[ConsortiumAdmin], &[7, 9]), Ok(()));
    assert_eq!(
        may_erase_person(&both, HOME, 7, &[ConsortiumAdmin], &[7]),
        Err(AppError::invalid("roles", crate::common::error::Invalid::LastAdmin))
    );
}

/// Who may change the password, sign-in link or roles of a person of HOME holding each
/// role (reporter, coordinator, consortium coordinator, municipality admin, consortium
/// admin): only an admin of HOME, and only up to their own highest role.
#[test]
fn changing_a_person_matrix() {
    use Role::*;
    let cases: [(&str, Actor, [bool; 5]); 7] = [
        ("municipality admin, home", actor(1, HOME, &[Reporter, MunicipalityAdmin]), [true, true, false, true, false]),
        (
            "municipality admin + consortium coordinator, home",
            actor(2, HOME, &[MunicipalityAdmin, ConsortiumCoordinator]),
            [true, true, true, true, false],
        ),
        (
            "municipality admin + consortium admin, home",
            actor(3, HOME, &[MunicipalityAdmin, ConsortiumAdmin]),
            [true; 5],
        ),
        ("municipality admin, other", actor(4, OTHER, &[MunicipalityAdmin, ConsortiumAdmin]), [false; 5]),
        ("consortium admin without municipality admin, home", actor(5, HOME, &[ConsortiumAdmin]), [false; 5]),
        ("coordinator, home", actor(6, HOME, &[Coordinator]), [false; 5]),
        ("reporter, home", actor(7, HOME, &[Reporter]), [false; 5]),
    ];
    for (who, actor, expected) in cases {
        for (role, want) in Role::ALL.iter().zip(expected) {
            let got = may_change_person(&actor, HOME, &[Reporter, *role]);
            assert_eq!(got.is_ok(), want, "{who} changing a {role:?}");
            if !want {
                assert_eq!(got, Err(AppError::Forbidden), "{who} changing a {role:?}");
            }
        }
    }
    assert_eq!(standing(&[]), 0);
    assert!(rank(ConsortiumAdmin) > rank(ConsortiumCoordinator));
    assert!(rank(ConsortiumCoordinator) > rank(MunicipalityAdmin));
    assert!(rank(MunicipalityAdmin) > rank(Coordinator) && rank(Coordinator) > rank(Reporter));
}

/// Single sign-on links an existing account by e-mail only when the provider says the
/// address is verified, and never an account holding a consortium role.
#[test]
fn linking_by_email_matrix() {
    use Role::*;
    let people: [(&str, &[Role], bool); 5] = [
        ("reporter", &[Reporter], true),
        ("coordinator", &[Reporter, Coordinator], true),
        ("municipality admin", &[MunicipalityAdmin], true),
        ("consortium coordinator", &[Reporter, ConsortiumCoordinator], false),
        ("consortium admin", &[MunicipalityAdmin, ConsortiumAdmin], false),
    ];
    for (who, roles, when_verified) in people {
        assert_eq!(may_link_by_email(Some(true), roles), when_verified, "{who}, verified");
        assert!(!may_link_by_email(Some(false), roles), "{who}, not verified");
        assert!(!may_link_by_email(None, roles), "{who}, verification missing");
    }
}

#[test]
fn sql_scope_follows_the_roles() {
    let s = CandidateScope::of(Some(&scoped(1, HOME, &[Role::Coordinator], &["/1/"])));
    assert!(!s.sees_all_private && s.sees_scoped_private);
    let s = CandidateScope::of(Some(&actor(2, HOME, &[Role::Coordinator])));
    assert!(s.sees_all_private && !s.sees_scoped_private);
    let s = CandidateScope::of(Some(&scoped(3, HOME, &[Role::Coordinator, Role::MunicipalityAdmin], &["/1/"])));
    assert!(s.sees_all_private);
    let s = CandidateScope::of(Some(&actor(4, HOME, &[Role::Reporter])));
    assert!(!s.sees_all_private && !s.sees_scoped_private);
    assert_eq!(CandidateScope::of(None).user_id, -1);
}

#[test]
fn managing_a_token_matrix() {
    const OWNER: i64 = 10;
    let cases = [
        ("the owner", actor(OWNER, HOME, &[Role::Reporter]), true),
        ("colleague", actor(11, HOME, &[Role::Reporter]), false),
        ("coordinator, home", actor(12, HOME, &[Role::Reporter, Role::Coordinator]), false),
        ("municipality admin, home", actor(13, HOME, &[Role::MunicipalityAdmin]), false),
        ("consortium coordinator, home", actor(14, HOME, &[Role::ConsortiumCoordinator]), false),
        ("consortium admin, home", actor(15, HOME, &[Role::ConsortiumAdmin]), false),
        ("municipality admin, other", actor(22, OTHER, &[Role::MunicipalityAdmin]), false),
        ("consortium admin, other", actor(24, OTHER, &[Role::ConsortiumAdmin]), false),
    ];
    for (who, actor, want) in cases {
        let got = may_manage_token(&actor, OWNER);
        // Refused as if the token did not exist, never as "forbidden".
        assert_eq!(got, if want { Ok(()) } else { Err(AppError::NotFound) }, "{who}");
    }
}

#[test]
fn creating_a_token_needs_a_signed_in_person() {
    assert_eq!(may_create_token(None), Err(AppError::Unauthenticated));
    let a = actor(1, HOME, &[Role::Reporter]);
    assert_eq!(may_create_token(Some(&a)), Ok(&a));
}

/// Granted scope (rows) against the scope a request needs (read, write).
#[test]
fn token_scope_matrix() {
    let cases = [(TokenScope::Read, [true, false]), (TokenScope::Write, [true, true])];
    for (granted, expected) in cases {
        for (needed, want) in [TokenScope::Read, TokenScope::Write].into_iter().zip(expected) {
            let got = token_permits(granted, needed);
            assert_eq!(got, if want { Ok(()) } else { Err(AppError::Forbidden) }, "{granted:?} for {needed:?}");
        }
    }
}

#[test]
fn importing_candidates_matrix() {
    use Role::*;
    assert_eq!(may_import_candidates(None), Err(AppError::Unauthenticated));
    let cases = [
        ("reporter", vec![Reporter], false),
        ("coordinator", vec![Reporter, Coordinator], true),
        ("municipality admin", vec![MunicipalityAdmin], true),
        ("consortium coordinator", vec![ConsortiumCoordinator], false),
        ("consortium admin", vec![ConsortiumAdmin], false),
    ];
    for (who, roles, want) in cases {
        let a = Actor::new(1, HOME, roles);
        assert_eq!(may_import_candidates(Some(&a)).is_ok(), want, "{who}");
    }
    // A coordinator limited to departments may import, but rows only into those departments.
    let limited = scoped(2, HOME, &[Coordinator], &["/1/"]);
    assert!(may_import_candidates(Some(&limited)).is_ok());
    assert!(oversees(&limited, HOME, Some("/1/4/")) && !oversees(&limited, HOME, Some("/2/")));
    assert!(!oversees(&limited, OTHER, Some("/1/")), "never another municipality");
}

#[test]
fn reporting_needs_a_signed_in_person() {
    assert_eq!(may_report(None), Err(AppError::Unauthenticated));
    let a = actor(1, HOME, &[Role::Reporter]);
    assert_eq!(may_report(Some(&a)), Ok(&a));
}
