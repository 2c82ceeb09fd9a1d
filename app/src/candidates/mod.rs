//! The candidate registry: processes with automation potential.

/// The visibility filter of [`identity::policy::may_view_candidate`] in SQL, for a candidate
/// `c`: `$1` signed in, `$2` municipality, `$3` user, `$4` sees every private one of the
/// municipality, `$5` sees private ones in the departments (and below) the user is limited to
/// (the binds of [`identity::policy::CandidateScope`]).
///
/// [`identity::policy::may_view_candidate`]: crate::identity::policy::may_view_candidate
/// [`identity::policy::CandidateScope`]: crate::identity::policy::CandidateScope
#[cfg(feature = "ssr")]
macro_rules! visible_to_scope {
    () => {
        "(c.visibility = 'public' \
          OR ($1 AND c.visibility = 'consortium') \
          OR (c.municipality_id = $2 AND (c.visibility <> 'private' OR c.reporter_id = $3 OR $4 \
              OR ($5 AND EXISTS (SELECT 1 FROM coordinator_departments cd \
                                 JOIN departments limit_to ON limit_to.id = cd.department_id \
                                 JOIN departments own ON own.id = c.department_id \
                                 WHERE cd.user_id = $3 AND own.path LIKE limit_to.path || '%')))))"
    };
}
#[cfg(feature = "ssr")]
pub(crate) use visible_to_scope;

pub mod api;
pub mod attachments;
pub mod benefit;
pub mod contact_erasure;
pub mod import;
pub mod lifecycle;
pub mod model;
pub mod pages;
pub mod query;
pub mod record;
pub mod texts;
pub mod validate;
pub mod volumetrics;

#[cfg(feature = "ssr")]
pub mod activity;
#[cfg(feature = "ssr")]
pub mod attachment_store;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod outbox;
#[cfg(feature = "ssr")]
pub mod record_service;
#[cfg(feature = "ssr")]
pub mod record_store;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
