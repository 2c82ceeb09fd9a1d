//! The texts of scoring: the model and its editor, assessments, re-scoring, backlogs.

include!(concat!(env!("OUT_DIR"), "/texts/scoring.rs"));

impl Texts {
    /// The caption of the re-score preview's changes table.
    pub fn rescore_changes_caption(&self, shown: usize, total: usize) -> String {
        if shown < total {
            self.rescore_changes_caption_partial(shown, total)
        } else {
            self.rescore_changes_caption_all(total)
        }
    }

    /// The caption of the table of candidates that need answers.
    pub fn rescore_needs_caption(&self, shown: usize, total: usize) -> String {
        if shown < total {
            self.rescore_needs_caption_partial(shown, total)
        } else {
            self.rescore_needs_caption_all(total)
        }
    }
}
