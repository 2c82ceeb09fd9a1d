//! The core's pages: the quick report (with its draft kept in the tab) and a candidate's page.

mod benefit_view;
mod detail;
mod draft;
mod report;

pub use detail::{route_id, CandidateDetailPage, Sections};
pub use report::ReportPage;
