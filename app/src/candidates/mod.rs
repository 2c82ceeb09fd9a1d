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

// The core: the quick report, a candidate's page, its phases.
pub mod benefit;
pub mod lifecycle;
pub mod model;
pub mod pages;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
pub mod texts;
pub mod validate;
pub mod volumetrics;

// Sub-features, each a folder of the same files.
pub mod activity;
pub mod attachments;
pub mod import;
pub mod record;
pub mod search;
