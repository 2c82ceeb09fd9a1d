//! Pages of the utility matrix.

mod assessment;
mod score;

pub use assessment::AssessmentPage;
pub use score::{ScoreData, ScoreHistoryPage, ScoreSectionView};
