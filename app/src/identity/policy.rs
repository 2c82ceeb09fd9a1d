//! The access policy: "may this person do this to that?", answered in one place.
//!
//! Every service asks here before it reads or writes. List queries cannot ask row by row, so
//! [`CandidateScope`] carries the same rule into SQL; the matrix tests hold the Rust rule and
//! the SQL filter to the same answers.

use crate::common::enums::AttachmentVisibility;
use crate::common::enums::Scope;
use crate::common::enums::Visibility;
use crate::common::error::{AppError, AppResult};
use crate::identity::model::{Actor, Role};
use crate::identity::tokens::model::TokenScope;

/// The facts about a candidate that decide who sees it.
#[derive(Clone, Copy, Debug)]
pub struct CandidateAccess<'a> {
    pub municipality_id: i64,
    pub reporter_id: i64,
    pub visibility: Visibility,
    /// The path (`/3/7/`) of the candidate's department, if it has one.
    pub department_path: Option<&'a str>,
}

/// Whether the person oversees candidates of this place: a municipality admin their whole
/// municipality, a coordinator their whole municipality or, when limited to departments, those
/// departments and everything below them. A candidate without a department is outside every
/// department limit.
pub fn oversees(actor: &Actor, municipality_id: i64, department_path: Option<&str>) -> bool {
    if actor.municipality_id != municipality_id {
        return false;
    }
    if actor.has(Role::MunicipalityAdmin) {
        return true;
    }
    actor.has(Role::Coordinator)
        && (actor.coordinator_scope.is_empty()
            || department_path.is_some_and(|path| actor.coordinator_scope.iter().any(|s| path.starts_with(s.as_str()))))
}

/// Anonymous visitors see public candidates; signed-in people also see the consortium's
/// shared ones, their municipality's, and private ones they reported or oversee.
pub fn may_view_candidate(actor: Option<&Actor>, c: CandidateAccess<'_>) -> bool {
    match (c.visibility, actor) {
        (Visibility::Public, _) => true,
        (_, None) => false,
        (Visibility::Consortium, Some(_)) => true,
        (Visibility::Municipality, Some(a)) => a.municipality_id == c.municipality_id,
        (Visibility::Private, Some(a)) => {
            (a.municipality_id == c.municipality_id && a.user_id == c.reporter_id)
                || oversees(a, c.municipality_id, c.department_path)
        }
    }
}

/// Moving a candidate between phases and statuses is triage: the people who oversee it.
pub fn may_move_candidate(actor: Option<&Actor>, c: CandidateAccess<'_>) -> AppResult<()> {
    let actor = seen_by(actor, c)?;
    if oversees(actor, c.municipality_id, c.department_path) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Editing the record: its reporter and its owner (in its municipality), and the people who
/// oversee it.
pub fn may_edit_candidate(actor: Option<&Actor>, c: CandidateAccess<'_>, owner_id: Option<i64>) -> AppResult<()> {
    let actor = seen_by(actor, c)?;
    let own = actor.municipality_id == c.municipality_id
        && (actor.user_id == c.reporter_id || Some(actor.user_id) == owner_id);
    if own || oversees(actor, c.municipality_id, c.department_path) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Anyone signed in who may read a candidate may comment on it and follow it, also from
/// another municipality (that is how municipalities validate each other's reports).
pub fn may_take_part<'a>(actor: Option<&'a Actor>, c: CandidateAccess<'_>) -> AppResult<&'a Actor> {
    seen_by(actor, c)
}

/// The history names people and internal fields: signed-in readers of the candidate's own
/// municipality.
pub fn may_see_history<'a>(actor: Option<&'a Actor>, c: CandidateAccess<'_>) -> AppResult<&'a Actor> {
    let actor = seen_by(actor, c)?;
    if actor.municipality_id == c.municipality_id {
        Ok(actor)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Attaching files is for the candidate's own municipality: anyone there who may take part in
/// it. Other municipalities comment, but do not add files to another municipality's record.
pub fn may_attach<'a>(actor: Option<&'a Actor>, c: CandidateAccess<'_>) -> AppResult<&'a Actor> {
    let actor = may_take_part(actor, c)?;
    if actor.municipality_id == c.municipality_id {
        Ok(actor)
    } else {
        Err(AppError::Forbidden)
    }
}

/// An attachment shared with everyone is seen by whoever sees its candidate (visitors of a
/// public one included); one kept in the municipality only by that municipality's readers.
pub fn may_see_attachment(actor: Option<&Actor>, c: CandidateAccess<'_>, visibility: AttachmentVisibility) -> bool {
    may_view_candidate(actor, c)
        && match visibility {
            AttachmentVisibility::Shared => true,
            AttachmentVisibility::Municipality => actor.is_some_and(|a| a.municipality_id == c.municipality_id),
        }
}

/// Deleting an attachment: the person who uploaded it, and those who may edit the candidate.
pub fn may_delete_attachment(
    actor: Option<&Actor>,
    c: CandidateAccess<'_>,
    owner_id: Option<i64>,
    uploaded_by: Option<i64>,
) -> AppResult<()> {
    let who = may_attach(actor, c)?;
    if uploaded_by == Some(who.user_id) {
        return Ok(());
    }
    may_edit_candidate(actor, c, owner_id)
}

/// The signed-in actor if they may read the candidate; a candidate they may not read does not
/// exist for them (`NotFound`, like a missing one).
fn seen_by<'a>(actor: Option<&'a Actor>, c: CandidateAccess<'_>) -> AppResult<&'a Actor> {
    if !may_view_candidate(actor, c) {
        return Err(if actor.is_none() { AppError::Unauthenticated } else { AppError::NotFound });
    }
    actor.ok_or(AppError::Unauthenticated)
}

/// Anyone signed in may report a process of their own municipality.
pub fn may_report(actor: Option<&Actor>) -> AppResult<&Actor> {
    actor.ok_or(AppError::Unauthenticated)
}

/// The consortium's scoring model (its editor, its versions' publication): the coordination
/// group. Everyone signed in may read the model, to understand the scores.
pub fn may_edit_scoring_model(actor: Option<&Actor>) -> AppResult<&Actor> {
    let actor = actor.ok_or(AppError::Unauthenticated)?;
    if actor.has(Role::ConsortiumCoordinator) {
        Ok(actor)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Assessing a candidate (answering the scoring model): the people who oversee it in its
/// municipality, and the consortium's coordination group for a shared candidate. Anyone who may
/// read the candidate may read its score; assessors are named inside their municipality only.
pub fn may_assess<'a>(actor: Option<&'a Actor>, c: CandidateAccess<'_>) -> AppResult<&'a Actor> {
    let actor = seen_by(actor, c)?;
    let shared = matches!(c.visibility, Visibility::Consortium | Visibility::Public);
    if oversees(actor, c.municipality_id, c.department_path) || (shared && actor.has(Role::ConsortiumCoordinator)) {
        Ok(actor)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Reading a backlog (and the value × effort matrix): anyone signed in, each their own
/// municipality's and the consortium's. The rows are still filtered by [`CandidateScope`].
pub fn may_read_backlog(actor: Option<&Actor>) -> AppResult<&Actor> {
    actor.ok_or(AppError::Unauthenticated)
}

/// Prioritising in a backlog (a manual rank, a decision) and re-scoring its candidates onto a
/// new model version: a municipality's coordinators and admins for a candidate they oversee
/// (`c`), or for the whole backlog when `c` is `None` only those not limited to departments; the
/// coordination group for the consortium's backlog, whose candidates are shared.
pub fn may_prioritise<'a>(
    actor: Option<&'a Actor>,
    scope: Scope,
    c: Option<CandidateAccess<'_>>,
) -> AppResult<&'a Actor> {
    let actor = match c {
        Some(c) => seen_by(actor, c)?,
        None => actor.ok_or(AppError::Unauthenticated)?,
    };
    let allowed = match (scope, c) {
        (Scope::Municipality, Some(c)) => oversees(actor, c.municipality_id, c.department_path),
        (Scope::Municipality, None) => {
            actor.has(Role::MunicipalityAdmin) || (actor.has(Role::Coordinator) && actor.coordinator_scope.is_empty())
        }
        (Scope::Consortium, c) => {
            actor.has(Role::ConsortiumCoordinator)
                && c.is_none_or(|c| matches!(c.visibility, Visibility::Consortium | Visibility::Public))
        }
    };
    if allowed {
        Ok(actor)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Importing a file of candidates creates and changes many at once: for the people who oversee
/// the municipality's candidates, coordinators and municipality admins. Each row is checked
/// again with [`oversees`] (a coordinator limited to departments imports into those only), and
/// rows go into the importer's own municipality only.
pub fn may_import_candidates(actor: Option<&Actor>) -> AppResult<&Actor> {
    let actor = actor.ok_or(AppError::Unauthenticated)?;
    if actor.has(Role::Coordinator) || actor.has(Role::MunicipalityAdmin) {
        Ok(actor)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Municipality settings (single sign-on, users, departments; rates later) are managed by that
/// municipality's own admins only. The consortium admin manages the member list and global
/// settings, not a member's sign-in: a municipality's identity provider is its own affair.
pub fn may_manage_municipality(actor: &Actor, municipality_id: i64) -> AppResult<()> {
    if actor.has(Role::MunicipalityAdmin) && actor.municipality_id == municipality_id {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The member list and the consortium-wide roles are the consortium admin's.
pub fn may_manage_consortium(actor: &Actor) -> AppResult<()> {
    if actor.has(Role::ConsortiumAdmin) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Who may give or take `role` to or from a person of `municipality_id`: the municipality's
/// admins for the municipality's roles, consortium admins for the consortium-wide ones.
pub fn may_grant_role(actor: &Actor, municipality_id: i64, role: Role) -> bool {
    if role.is_consortium_wide() {
        actor.has(Role::ConsortiumAdmin)
    } else {
        actor.has(Role::MunicipalityAdmin) && actor.municipality_id == municipality_id
    }
}

/// How far a role reaches, for "may one person act on another": consortium admin (4) >
/// consortium coordinator (3) > municipality admin (2) > coordinator (1) > reporter (0).
/// The consortium roles rank above the municipality admin because they act on every member.
pub fn rank(role: Role) -> u8 {
    match role {
        Role::Reporter => 0,
        Role::Coordinator => 1,
        Role::MunicipalityAdmin => 2,
        Role::ConsortiumCoordinator => 3,
        Role::ConsortiumAdmin => 4,
    }
}

/// A person's standing: the rank of their highest role (0 without any).
pub fn standing(roles: &[Role]) -> u8 {
    roles.iter().copied().map(rank).max().unwrap_or(0)
}

/// True when the person holds a role above every role of the actor ("above": a higher
/// [`rank`] than the actor's highest; an equal rank is not above).
pub fn is_above(actor: &Actor, person_roles: &[Role]) -> bool {
    standing(person_roles) > standing(&actor.roles)
}

/// Changing what lets a person of `municipality_id` in or what they may do (password, single
/// sign-on link, roles, department limits): the municipality's admins, and only for people who
/// hold no role above the admin's own. Their name is [`may_manage_municipality`]'s alone.
pub fn may_change_person(actor: &Actor, municipality_id: i64, person_roles: &[Role]) -> AppResult<()> {
    may_manage_municipality(actor, municipality_id)?;
    if is_above(actor, person_roles) {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

/// Erasing a person (GDPR art. 17) is a municipality admin's act on someone of their own
/// municipality who holds no role above the admin's ([`may_change_person`]), never on
/// themselves (that would lock the municipality out by accident), and never on the last
/// consortium admin (`consortium_admins`: the ids of every consortium admin).
pub fn may_erase_person(
    actor: &Actor,
    municipality_id: i64,
    user_id: i64,
    person_roles: &[Role],
    consortium_admins: &[i64],
) -> AppResult<()> {
    may_change_person(actor, municipality_id, person_roles)?;
    if actor.user_id == user_id {
        return Err(AppError::Forbidden);
    }
    if person_roles.contains(&Role::ConsortiumAdmin) && !consortium_admins.iter().any(|id| *id != user_id) {
        return Err(AppError::invalid("roles", crate::common::error::Invalid::LastAdmin));
    }
    Ok(())
}

/// Whether single sign-on may link an identity to an existing account found by e-mail: only
/// when the provider says the address is verified (`email_verified: true`; missing is not
/// verified), and never to an account holding a consortium role, which a municipality's
/// identity provider must not be able to take over.
pub fn may_link_by_email(email_verified: Option<bool>, person_roles: &[Role]) -> bool {
    email_verified == Some(true) && !person_roles.iter().any(|r| r.is_consortium_wide())
}

/// Anyone signed in may create API tokens for themselves; a token acts as its owner, so it
/// grants nothing they could not do in the browser.
pub fn may_create_token(actor: Option<&Actor>) -> AppResult<&Actor> {
    actor.ok_or(AppError::Unauthenticated)
}

/// A person lists and revokes only their own API tokens. Anyone else, admins included, is told
/// the token does not exist (`NotFound`), so token ids cannot be probed. An admin stops a
/// leaver's tokens by erasing the person, which every token of theirs honours.
pub fn may_manage_token(actor: &Actor, owner_user_id: i64) -> AppResult<()> {
    if actor.user_id == owner_user_id {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// A token's scope narrows what a request made with it may do: a `read` token only reads, a
/// `write` token reads and writes. The owner's own permissions still apply on top.
pub fn token_permits(granted: TokenScope, needed: TokenScope) -> AppResult<()> {
    match (granted, needed) {
        (TokenScope::Write, _) | (TokenScope::Read, TokenScope::Read) => Ok(()),
        (TokenScope::Read, TokenScope::Write) => Err(AppError::Forbidden),
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
    /// Sees every private candidate of the municipality.
    pub sees_all_private: bool,
    /// Sees private candidates of the departments in `coordinator_departments` for `user_id`
    /// (and below them); the SQL reads the limits from the table, the same rows the actor's
    /// `coordinator_scope` was loaded from.
    pub sees_scoped_private: bool,
}

impl CandidateScope {
    pub fn of(actor: Option<&Actor>) -> Self {
        match actor {
            None => CandidateScope {
                signed_in: false,
                municipality_id: -1,
                user_id: -1,
                sees_all_private: false,
                sees_scoped_private: false,
            },
            Some(a) => {
                let unlimited =
                    a.has(Role::MunicipalityAdmin) || (a.has(Role::Coordinator) && a.coordinator_scope.is_empty());
                CandidateScope {
                    signed_in: true,
                    municipality_id: a.municipality_id,
                    user_id: a.user_id,
                    sees_all_private: unlimited,
                    sees_scoped_private: !unlimited && a.has(Role::Coordinator),
                }
            }
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
            (
                "other coordinator",
                Some(actor(21, OTHER, &[Role::Coordinator])),
                [N, N, F, F],
                [N, N, Y, Y],
                [N, N, F, F],
            ),
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
                assert_eq!(
                    answer(may_take_part(actor.as_ref(), c)),
                    taking_part[i],
                    "{who} taking part {visibility:?}"
                );
                assert_eq!(answer(may_see_history(actor.as_ref(), c)), history[i], "{who} history {visibility:?}");
                // Editing: the reporter too, otherwise exactly who may move it.
                let editing = if who == "the reporter" { Y } else { moving[i] };
                assert_eq!(
                    answer(may_edit_candidate(actor.as_ref(), c, None)),
                    editing,
                    "{who} editing {visibility:?}"
                );
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
            (
                "the reporter",
                Some(actor(REPORTER, HOME, &[Role::Reporter])),
                [true; 4],
                [true; 4],
                [true; 4],
                [true; 4],
            ),
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
        assert_eq!(
            may_erase_person(&admin, HOME, 1, &[MunicipalityAdmin], none),
            Err(AppError::Forbidden),
            "not oneself"
        );
        assert_eq!(may_erase_person(&admin, OTHER, 7, &[Reporter], none), Err(AppError::Forbidden));
        assert_eq!(
            may_erase_person(&actor(2, HOME, &[ConsortiumAdmin]), HOME, 7, &[Reporter], none),
            Err(AppError::Forbidden)
        );
        assert_eq!(
            may_erase_person(&actor(3, HOME, &[Coordinator]), HOME, 7, &[Reporter], none),
            Err(AppError::Forbidden)
        );
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
            (
                "municipality admin, home",
                actor(1, HOME, &[Reporter, MunicipalityAdmin]),
                [true, true, false, true, false],
            ),
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
}
