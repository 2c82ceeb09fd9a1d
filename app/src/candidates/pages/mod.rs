mod activity;
mod detail;
mod history;
mod list;
pub(crate) mod notifications;
mod report;

pub use detail::CandidateDetailPage;
pub use history::CandidateHistoryPage;
pub use list::CandidateListPage;
pub use notifications::{NotificationsLink, NotificationsPage};
pub use report::ReportPage;
