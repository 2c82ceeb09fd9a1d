//! The texts of candidates: reporting, the record, finding, activity, attachments, import.

include!(concat!(env!("OUT_DIR"), "/texts/candidates.rs"));

impl Texts {
    /// The label of a record field by its stored name, for the history.
    pub fn field_label(&self, key: &str) -> &'static str {
        match key {
            "department_id" => self.field_department,
            "volume" => self.detail_volume,
            "period" => self.field_period,
            "minutes_per_case" => self.field_minutes,
            "visibility" => self.detail_visibility,
            "problem_today" => self.field_problem_today,
            "desired_outcome" => self.field_desired_outcome,
            "external_id" => self.field_external_id,
            "taxonomy_code" => self.field_taxonomy_code,
            "tags" => self.field_tags,
            "subject_areas" => self.field_subject_areas,
            "error_rate_pct" => self.field_error_rate,
            "rework_minutes" => self.field_rework,
            "review_minutes" => self.field_review,
            "automation_share_pct" => self.field_automation_share,
            "owner_id" => self.field_owner,
            "contact_name" => self.field_contact_name,
            "contact_email" => self.field_contact_email,
            "contact_phone" => self.field_contact_phone,
            "internal_notes" => self.field_internal_notes,
            "input_digital" => self.field_input_digital,
            "input_structured" => self.field_input_structured,
            "rule_based" => self.field_rule_based,
            "stable" => self.field_stable,
            "exceptions_pct" => self.field_exceptions,
            "systems_count" => self.field_systems_count,
            "it_systems" => self.field_it_systems,
            "technologies" => self.field_technologies,
            "legal_basis" => self.field_legal_basis,
            "legal_verified_on" => self.field_legal_verified_on,
            "build_cost" => self.field_build_cost,
            "annual_run_cost" => self.field_run_cost,
            other => self.history_field(other),
        }
    }

    /// An entry of the history that is not a record field.
    pub fn history_field(&self, key: &str) -> &'static str {
        match key {
            "attachment_added" => self.history_field_attachment_added,
            "attachment_deleted" => self.history_field_attachment_deleted,
            "created" => self.history_field_created,
            "phase" => self.history_field_phase,
            "status" => self.history_field_status,
            "status_reason" => self.history_field_status_reason,
            "duplicate_of" => self.history_field_duplicate_of,
            "title" => self.history_field_title,
            "description" => self.history_field_description,
            _ => self.history_field_fallback,
        }
    }

    /// "12 candidates", with the page when there is more than one.
    pub fn results_count(&self, total: u64, page: u32, pages: u32) -> String {
        if total != 1 && pages > 1 {
            self.results_total_paged(total, page, pages)
        } else {
            self.results_total(total)
        }
    }
}
