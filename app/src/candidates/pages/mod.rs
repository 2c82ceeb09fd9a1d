mod detail;
mod list;
mod report;

pub use detail::CandidateDetailPage;
pub use list::CandidateListPage;
pub use report::ReportPage;
