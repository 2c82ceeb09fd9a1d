mod activity;
mod attachments;
mod benefit_view;
mod detail;
mod draft;
mod edit;
mod history;
mod list;
pub(crate) mod notifications;
mod record_view;
mod report;

pub use detail::CandidateDetailPage;
pub use edit::CandidateEditPage;
pub use history::CandidateHistoryPage;
pub use list::CandidateListPage;
pub use notifications::{NotificationsLink, NotificationsPage};
pub use report::ReportPage;
