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
mod tests;
