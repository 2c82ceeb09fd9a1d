//! Translations. Every language is one `Texts` value; the compiler refuses a language that
//! lacks a text, so a new string cannot ship untranslated.
//!
//! The language is chosen once per page load (cookie `autoport_lang`, then `Accept-Language`,
//! then English); switching reloads the page, so texts need no reactivity.

mod da;
mod de;
mod en;
mod sv;

use crate::error::{AppError, Invalid};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    En,
    Da,
    De,
    Sv,
}

pub const LANG_COOKIE: &str = "autoport_lang";

impl Locale {
    pub const ALL: [Locale; 4] = [Locale::En, Locale::Da, Locale::De, Locale::Sv];

    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Da => "da",
            Locale::De => "de",
            Locale::Sv => "sv",
        }
    }

    /// The language's own name, as shown in the language switcher.
    pub fn endonym(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Da => "Dansk",
            Locale::De => "Deutsch",
            Locale::Sv => "Svenska",
        }
    }

    pub fn from_code(code: &str) -> Option<Locale> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// Picks the best supported language from an `Accept-Language` header, honouring q-values.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut best: Option<(Locale, f32)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or_default();
            let q = pieces.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
            if let Some(locale) = Locale::from_code(tag) {
                if q > 0.0 && best.is_none_or(|(_, bq)| q > bq) {
                    best = Some((locale, q));
                }
            }
        }
        best.map(|(l, _)| l)
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::En => &en::TEXTS,
            Locale::Da => &da::TEXTS,
            Locale::De => &de::TEXTS,
            Locale::Sv => &sv::TEXTS,
        }
    }

    fn decimal_separator(self) -> char {
        match self {
            Locale::En => '.',
            Locale::Da | Locale::De | Locale::Sv => ',',
        }
    }

    fn group_separator(self) -> &'static str {
        match self {
            Locale::En => ",",
            Locale::Da | Locale::De => ".",
            Locale::Sv => "\u{a0}",
        }
    }

    /// Formats a number with this language's separators and a fixed number of decimals.
    pub fn number(self, value: f64, decimals: usize) -> String {
        if !value.is_finite() {
            return "–".to_owned();
        }
        let formatted = format!("{:.*}", decimals, value.abs());
        let (int_part, frac_part) = match formatted.split_once('.') {
            Some((i, f)) => (i.to_owned(), Some(f.to_owned())),
            None => (formatted, None),
        };
        let mut grouped = String::new();
        for (i, ch) in int_part.chars().enumerate() {
            if i > 0 && (int_part.len() - i) % 3 == 0 {
                grouped.push_str(self.group_separator());
            }
            grouped.push(ch);
        }
        let negative = value < 0.0 && formatted_is_nonzero(&grouped, frac_part.as_deref());
        let mut out = if negative { format!("-{grouped}") } else { grouped };
        if let Some(frac) = frac_part {
            out.push(self.decimal_separator());
            out.push_str(&frac);
        }
        out
    }

    /// A quantity as people write it: up to two decimals, no trailing zeros ("120", "12,5").
    pub fn quantity(self, value: f64) -> String {
        let text = self.number(value, 2);
        let sep = self.decimal_separator();
        match text.split_once(sep) {
            Some((int_part, frac)) => match frac.trim_end_matches('0') {
                "" => int_part.to_owned(),
                kept => format!("{int_part}{sep}{kept}"),
            },
            None => text,
        }
    }

    /// An amount of money in whole units with its ISO 4217 code, where this language puts it:
    /// "DKK 1,234" in English, "1.234 DKK" in Danish and German, "1 234 DKK" in Swedish.
    pub fn money(self, value: f64, currency: &str) -> String {
        let amount = self.number(value, 0);
        match self {
            Locale::En => format!("{currency}\u{a0}{amount}"),
            Locale::Da | Locale::De | Locale::Sv => format!("{amount}\u{a0}{currency}"),
        }
    }

    /// A number as an input field holds it for editing: every digit kept (a stored 12.345 must
    /// not become 12.35 when someone saves another field), no thousands separator, this
    /// language's decimal separator. [`Locale::parse_number`] reads it back exactly.
    pub fn editable(self, value: f64) -> String {
        let text = value.to_string();
        match self.decimal_separator() {
            '.' => text,
            sep => text.replace('.', &sep.to_string()),
        }
    }

    /// Parses a number typed by a person in this language ("1.234,5" in Danish, "1,234.5" in
    /// English); a lone comma is taken as the decimal separator in every language.
    pub fn parse_number(self, input: &str) -> Option<f64> {
        let cleaned: String = input.trim().chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
        if cleaned.is_empty() {
            return None;
        }
        let normalised = match self.decimal_separator() {
            ',' => cleaned.replace('.', "").replace(',', "."),
            _ if cleaned.contains('.') => cleaned.replace(',', ""),
            _ => cleaned.replace(',', "."),
        };
        normalised.parse::<f64>().ok().filter(|v| v.is_finite())
    }

    /// A moment as this language writes it: the date and the time of day in UTC (the server
    /// does not know the reader's time zone).
    pub fn moment(self, at: time::OffsetDateTime) -> String {
        let at = at.to_offset(time::UtcOffset::UTC);
        format!("{} {:02}:{:02} UTC", self.date(at.date()), at.hour(), at.minute())
    }

    /// A date as this language writes it (ISO order for Swedish, day first elsewhere but English).
    pub fn date(self, date: time::Date) -> String {
        let (y, m, d) = (date.year(), u8::from(date.month()), date.day());
        match self {
            Locale::En => format!("{d} {} {y}", en::MONTHS[usize::from(m - 1)]),
            Locale::Da => format!("{d}. {} {y}", da::MONTHS[usize::from(m - 1)]),
            Locale::De => format!("{d}. {} {y}", de::MONTHS[usize::from(m - 1)]),
            Locale::Sv => format!("{y}-{m:02}-{d:02}"),
        }
    }
}

fn formatted_is_nonzero(int_part: &str, frac: Option<&str>) -> bool {
    int_part.chars().chain(frac.unwrap_or_default().chars()).any(|c| c.is_ascii_digit() && c != '0')
}

/// Every text of the user interface in one language.
pub struct Texts {
    pub app_name: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_candidates: &'static str,
    pub nav_report: &'static str,
    pub language: &'static str,
    pub sign_in: &'static str,
    pub sign_out: &'static str,
    pub signed_in_as: &'static str,
    pub my_data: &'static str,
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub home_report_cta: &'static str,
    pub home_browse_cta: &'static str,

    pub login_title: &'static str,
    pub login_email: &'static str,
    pub login_password: &'static str,
    pub login_submit: &'static str,
    pub login_required: &'static str,

    pub list_title: &'static str,
    pub list_empty: &'static str,
    pub list_count: fn(usize) -> String,
    pub col_title: &'static str,
    pub col_municipality: &'static str,
    pub col_department: &'static str,
    pub col_phase: &'static str,
    pub col_hours_per_year: &'static str,
    pub col_reported: &'static str,

    pub detail_description: &'static str,
    pub detail_volumetrics: &'static str,
    pub detail_volume: &'static str,
    pub detail_minutes: &'static str,
    pub detail_annual_volume: &'static str,
    pub detail_manual_hours: &'static str,
    pub detail_fte: &'static str,
    pub detail_reporter: &'static str,
    pub detail_visibility: &'static str,
    pub back_to_list: &'static str,

    pub report_title: &'static str,
    pub report_intro: &'static str,
    pub field_title: &'static str,
    pub field_title_hint: &'static str,
    pub similar_heading: &'static str,
    pub draft_restored: &'static str,
    pub draft_discard: &'static str,
    pub field_description: &'static str,
    pub field_description_hint: &'static str,
    pub field_department: &'static str,
    pub field_department_none: &'static str,
    pub field_volume: &'static str,
    pub field_volume_hint: &'static str,
    pub field_period: &'static str,
    pub field_minutes: &'static str,
    pub field_minutes_hint: &'static str,
    pub field_visibility: &'static str,
    pub estimate_label: &'static str,
    pub estimate_hours: fn(&str, &str) -> String,
    pub estimate_missing: &'static str,
    pub report_submit: &'static str,
    pub report_submitting: &'static str,
    pub form_has_errors: &'static str,

    pub per_period: fn(Period) -> &'static str,
    pub period_name: fn(Period) -> &'static str,
    pub phase_name: fn(Phase) -> &'static str,
    pub status_name: fn(Status) -> &'static str,
    pub visibility_name: fn(Visibility) -> &'static str,
    pub visibility_help: fn(Visibility) -> &'static str,

    pub err_not_found: &'static str,
    pub err_unauthenticated: &'static str,
    pub err_forbidden: &'static str,
    pub err_bad_credentials: &'static str,
    pub err_too_many_attempts: &'static str,
    pub err_invalid: &'static str,
    pub err_internal: &'static str,
    pub err_request: &'static str,
    pub page_not_found: &'static str,

    pub invalid_required: &'static str,
    pub invalid_too_long: fn(u32) -> String,
    pub invalid_out_of_range: fn(i64, i64) -> String,
    pub invalid_not_a_number: &'static str,
    pub invalid_unknown_choice: &'static str,

    // api tokens
    pub nav_tokens: &'static str,
    pub tokens_title: &'static str,
    pub tokens_intro: &'static str,
    pub tokens_usage: &'static str,
    pub tokens_list_heading: &'static str,
    pub tokens_empty: &'static str,
    pub tokens_col_name: &'static str,
    pub tokens_col_prefix: &'static str,
    pub tokens_col_scope: &'static str,
    pub tokens_col_state: &'static str,
    pub tokens_col_created: &'static str,
    pub tokens_col_last_used: &'static str,
    pub tokens_col_expires: &'static str,
    pub tokens_col_actions: &'static str,
    pub tokens_never: &'static str,
    pub token_scope_name: fn(TokenScope) -> &'static str,
    pub token_scope_help: fn(TokenScope) -> &'static str,
    pub token_state_name: fn(TokenState) -> &'static str,
    pub token_revoked_on: fn(&str) -> String,
    pub token_revoke: &'static str,
    pub token_revoked: &'static str,
    pub tokens_new_heading: &'static str,
    pub token_field_name: &'static str,
    pub token_field_name_hint: &'static str,
    pub token_field_scope: &'static str,
    pub token_field_expiry: &'static str,
    pub token_field_expiry_hint: &'static str,
    pub token_create: &'static str,
    pub token_created: fn(&str) -> String,
    pub token_label: &'static str,
    pub token_copy_hint: &'static str,

    // finding: search, filters, paging, CSV export
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub search_submit: &'static str,
    pub search_clear: &'static str,
    pub filters_legend: &'static str,
    pub filter_status: &'static str,
    pub filter_any: &'static str,
    pub filter_mine: &'static str,
    pub filter_followed: &'static str,
    pub filter_subject_area: &'static str,
    pub filter_it_system: &'static str,
    pub filter_technology: &'static str,
    pub filter_from: &'static str,
    pub filter_to: &'static str,
    pub sort_label: &'static str,
    pub sort_name: fn(Sort) -> &'static str,
    pub results_count: fn(u64, u32, u32) -> String,
    pub results_more: fn(u64, u32) -> String,
    pub results_none: &'static str,
    pub pages_label: &'static str,
    pub page_previous: &'static str,
    pub page_next: &'static str,
    pub page_link: fn(u32) -> String,
    pub export_csv: &'static str,
    pub query_notes_heading: &'static str,
    pub query_note: fn(QueryNote) -> &'static str,
    pub csv_id: &'static str,
    pub csv_description: &'static str,
    pub csv_status: &'static str,
    pub csv_period: &'static str,

    // single sign-on
    pub invalid_not_https: &'static str,
    pub invalid_role_mapping: &'static str,
    pub sso_sign_in_with: fn(&str) -> String,
    pub sso_or: &'static str,
    pub sso_failed: &'static str,
    pub nav_sso: &'static str,
    pub sso_title: &'static str,
    pub sso_intro: &'static str,
    pub sso_redirect_url: &'static str,
    pub sso_issuer: &'static str,
    pub sso_issuer_hint: &'static str,
    pub sso_client_id: &'static str,
    pub sso_client_secret: &'static str,
    pub sso_client_secret_hint_stored: &'static str,
    pub sso_client_secret_hint_none: &'static str,
    pub sso_groups_claim: &'static str,
    pub sso_groups_claim_hint: &'static str,
    pub sso_role_mapping: &'static str,
    pub sso_role_mapping_hint: &'static str,
    pub sso_enabled: &'static str,
    pub sso_save: &'static str,
    pub sso_saved: &'static str,

    // administration
    pub invalid_not_an_email: &'static str,
    pub invalid_taken: &'static str,
    pub invalid_too_short: fn(u32) -> String,
    pub invalid_inside_itself: &'static str,
    pub invalid_last_admin: &'static str,
    pub invalid_in_use: &'static str,
    pub invalid_control_character: &'static str,
    pub invalid_forbidden_character: fn(char) -> String,
    pub invalid_not_grantable: &'static str,
    pub former_employee: &'static str,
    pub person_withheld: &'static str,
    pub nav_admin: &'static str,
    pub role_name: fn(Role) -> &'static str,
    pub admin_people: &'static str,
    pub admin_departments: &'static str,
    pub admin_import: &'static str,
    pub admin_departments_intro: fn(&str) -> String,
    pub admin_saved: &'static str,
    pub admin_deleted: &'static str,
    pub admin_department_tree: &'static str,
    pub admin_no_departments: &'static str,
    pub admin_add_department: &'static str,
    pub admin_add: &'static str,
    pub admin_candidate_count: fn(i64) -> String,
    pub admin_department_name: &'static str,
    pub admin_department_name_hint: &'static str,
    pub admin_department_parent: &'static str,
    pub admin_top_level: &'static str,
    pub admin_change_department: &'static str,
    pub admin_save: &'static str,
    pub admin_delete_department: &'static str,
    pub admin_delete: &'static str,
    pub admin_department_in_use: &'static str,
    pub admin_back_to_departments: &'static str,
    pub admin_people_intro: fn(&str) -> String,
    pub admin_erased: &'static str,
    pub admin_people_count: fn(usize) -> String,
    pub admin_display_name: &'static str,
    pub admin_roles: &'static str,
    pub admin_limited_to: &'static str,
    pub admin_sign_in: &'static str,
    pub admin_password: &'static str,
    pub admin_no_sign_in_yet: &'static str,
    pub admin_add_person: &'static str,
    pub admin_roles_hint: &'static str,
    pub admin_roles_kept: &'static str,
    pub admin_limited_to_hint: &'static str,
    pub admin_password_initial: &'static str,
    pub admin_password_new: &'static str,
    pub admin_password_initial_hint: &'static str,
    pub admin_password_new_hint: &'static str,
    pub admin_change_person: &'static str,
    pub admin_person_added: &'static str,
    pub admin_erase_person: &'static str,
    pub admin_erase_explained: &'static str,
    pub admin_erase_confirm: fn(&str) -> String,
    pub admin_erase: &'static str,
    pub admin_back_to_people: &'static str,
    pub admin_contacts: &'static str,
    pub contacts_title: &'static str,
    pub contacts_explained: &'static str,
    pub contacts_search: &'static str,
    pub contacts_search_hint: &'static str,
    pub contacts_find: &'static str,
    pub contacts_too_short: &'static str,
    pub contacts_none: &'static str,
    pub contacts_found: fn(usize) -> String,
    pub contacts_choose: &'static str,
    pub contacts_choose_candidate: fn(&str) -> String,
    pub contacts_candidate: &'static str,
    pub contacts_name: &'static str,
    pub contacts_phone: &'static str,
    pub contacts_confirm: &'static str,
    pub contacts_erase: &'static str,
    pub contacts_erased: fn(usize) -> String,
    pub admin_import_intro: &'static str,
    pub admin_import_kind: &'static str,
    pub admin_import_users: &'static str,
    pub admin_import_users_hint: &'static str,
    pub admin_import_departments: &'static str,
    pub admin_import_departments_hint: &'static str,
    pub admin_import_csv: &'static str,
    pub admin_import_csv_hint: &'static str,
    pub admin_import_check: &'static str,
    pub admin_import_commit: &'static str,
    pub admin_import_failed: &'static str,
    pub admin_import_done: fn(usize, usize) -> String,
    pub admin_import_checked: fn(usize, usize) -> String,
    pub admin_import_report: &'static str,
    pub admin_import_empty: &'static str,
    pub admin_import_unreadable: fn(u64) -> String,
    pub admin_import_missing_column: fn(&str) -> String,
    pub admin_import_too_many_rows: fn(usize) -> String,
    pub admin_import_rows: &'static str,
    pub admin_import_line: &'static str,
    pub admin_import_row: &'static str,
    pub admin_import_outcome: &'static str,
    pub admin_outcome_create: &'static str,
    pub admin_outcome_update: &'static str,
    pub admin_outcome_unchanged: &'static str,
    pub admin_import_omitted: fn(usize) -> String,
    pub admin_consortium: &'static str,
    pub admin_consortium_intro: &'static str,
    pub admin_members: &'static str,
    pub admin_municipality_name: &'static str,
    pub admin_municipality_code: &'static str,
    pub admin_add_member: &'static str,
    pub admin_first_admin: &'static str,
    pub admin_first_admin_hint: &'static str,
    pub admin_consortium_roles: &'static str,
    pub admin_take_away: &'static str,
    pub admin_grant: &'static str,

    // candidate activity: lifecycle, comments, following, history, notifications
    pub err_conflict: &'static str,
    pub invalid_no_change: &'static str,
    pub invalid_same_candidate: &'static str,
    pub invalid_unknown_field: &'static str,
    pub invalid_wrong_type: &'static str,
    pub invalid_not_in_phase: &'static str,
    pub detail_status_reason: &'static str,
    pub detail_duplicate_of: &'static str,
    pub tabs_label: &'static str,
    pub tab_overview: &'static str,
    pub tab_history: &'static str,
    pub phases_title: &'static str,
    pub phases_col_phase: &'static str,
    pub phases_col_from: &'static str,
    pub phases_col_to: &'static str,
    pub phases_col_days: &'static str,
    pub phases_now: &'static str,
    pub days: fn(i64) -> String,
    pub move_title: &'static str,
    pub move_phase: &'static str,
    pub move_status: &'static str,
    pub move_reason: &'static str,
    pub move_reason_hint: &'static str,
    pub move_duplicate_of: &'static str,
    pub move_duplicate_of_hint: &'static str,
    pub move_submit: &'static str,
    pub comments_title: &'static str,
    pub comments_empty: &'static str,
    pub comment_label: &'static str,
    pub comment_hint: &'static str,
    pub comment_submit: &'static str,
    pub comment_sign_in: &'static str,
    pub follow: &'static str,
    pub unfollow: &'static str,
    pub followers: fn(i64) -> String,
    pub history_title: &'static str,
    pub history_intro: &'static str,
    pub history_empty: &'static str,
    pub history_col_when: &'static str,
    pub history_col_who: &'static str,
    pub history_col_what: &'static str,
    pub history_col_before: &'static str,
    pub history_col_after: &'static str,
    pub history_field: fn(&str) -> &'static str,
    pub system_actor: &'static str,
    pub nav_notifications: &'static str,
    pub notifications_unread: fn(i64) -> String,
    pub notifications_title: &'static str,
    pub notifications_empty: &'static str,
    pub notifications_mark_read: &'static str,
    pub notification_commented: fn(&str) -> String,
    pub notification_phase: fn(&str, &str) -> String,
    pub notification_status: fn(&str, &str) -> String,
    pub notification_new: &'static str,
    // the full record
    pub record_edit: &'static str,
    pub edit_title: fn(&str) -> String,
    pub edit_intro: &'static str,
    pub edit_submit: &'static str,
    pub edit_cancel: &'static str,
    pub group_basics: &'static str,
    pub group_volume: &'static str,
    pub group_people: &'static str,
    pub group_characteristics: &'static str,
    pub group_legal: &'static str,
    pub group_cost: &'static str,
    pub group_later: fn(&str) -> String,
    pub field_problem_today: &'static str,
    pub field_desired_outcome: &'static str,
    pub field_external_id: &'static str,
    pub field_external_id_hint: &'static str,
    pub field_taxonomy_code: &'static str,
    pub field_taxonomy_code_hint: &'static str,
    pub field_tags: &'static str,
    pub field_subject_areas: &'static str,
    pub field_labels_hint: &'static str,
    pub field_error_rate: &'static str,
    pub field_rework: &'static str,
    pub field_review: &'static str,
    pub field_automation_share: &'static str,
    pub field_owner: &'static str,
    pub field_owner_none: &'static str,
    pub field_contact_name: &'static str,
    pub field_contact_email: &'static str,
    pub field_contact_phone: &'static str,
    pub field_contact_hint: &'static str,
    pub field_internal_notes: &'static str,
    pub field_internal_notes_hint: &'static str,
    pub field_input_digital: &'static str,
    pub field_input_structured: &'static str,
    pub field_rule_based: &'static str,
    pub field_stable: &'static str,
    pub answer_yes: &'static str,
    pub answer_no: &'static str,
    pub answer_unknown: &'static str,
    pub field_exceptions: &'static str,
    pub field_systems_count: &'static str,
    pub field_it_systems: &'static str,
    pub field_technologies: &'static str,
    pub field_legal_basis: &'static str,
    pub field_legal_verified_on: &'static str,
    pub field_build_cost: &'static str,
    pub field_run_cost: &'static str,
    pub invalid_taxonomy_code: &'static str,
    pub invalid_date: &'static str,
    pub history_value_hidden: &'static str,
    pub record_saved: &'static str,

    // e-mail
    /// (candidate title, what happened) → the subject line.
    pub mail_subject: fn(&str, &str) -> String,
    /// (candidate title, what happened) → the body's first sentence.
    pub mail_intro: fn(&str, &str) -> String,
    pub mail_open: &'static str,
    /// (address of the notifications page) → why this mail came and how to stop it.
    pub mail_footer: fn(&str) -> String,
    pub mail_settings_title: &'static str,
    pub mail_opt_in: &'static str,
    pub mail_opt_in_hint: &'static str,
    pub mail_save: &'static str,
    pub mail_saved: &'static str,

    // attachments
    pub attachments_title: &'static str,
    pub attachments_empty: &'static str,
    pub attachments_shared_only: &'static str,
    pub attachments_col_name: &'static str,
    pub attachments_col_size: &'static str,
    pub attachments_col_type: &'static str,
    pub attachments_col_visibility: &'static str,
    pub attachments_col_added: &'static str,
    pub attachments_col_actions: &'static str,
    pub attachment_visibility_name: fn(AttachmentVisibility) -> &'static str,
    pub attachment_visibility_help: fn(AttachmentVisibility) -> &'static str,
    pub attachment_file: &'static str,
    /// (size limit in MB) → the hint under the file input.
    pub attachment_file_hint: fn(u32) -> String,
    pub attachment_visibility: &'static str,
    pub attachment_upload: &'static str,
    /// (file name) → the accessible name of its delete button.
    pub attachment_delete: fn(&str) -> String,
    pub attachment_added: fn(&str) -> String,
    pub attachment_deleted: fn(&str) -> String,
    pub invalid_file_too_large: fn(u32) -> String,
    pub invalid_file_type: &'static str,
    pub invalid_file_type_mismatch: &'static str,
    // CSV import of candidates
    pub import_title: &'static str,
    pub import_link: &'static str,
    pub import_intro: &'static str,
    pub import_file: &'static str,
    /// (largest size in MB, most rows as formatted)
    pub import_file_hint: fn(usize, &str) -> String,
    pub import_upload: &'static str,
    pub import_problem_too_large: fn(usize) -> String,
    pub import_problem_empty: &'static str,
    pub import_problem_not_utf8: &'static str,
    pub import_problem_no_file: &'static str,
    pub import_problem_too_many_rows: fn(usize) -> String,
    pub import_problem_unreadable: fn(u64) -> String,
    pub import_problem_missing_field: fn(&str) -> String,
    pub import_problem_mapped_twice: fn(&str) -> String,
    pub import_problem_changed: &'static str,
    pub import_problem_not_allowed: &'static str,
    pub import_mapping: &'static str,
    pub import_column: &'static str,
    pub import_imported_as: &'static str,
    pub import_not_imported: &'static str,
    pub import_field_id: &'static str,
    pub import_mapping_hint: &'static str,
    pub import_save_mapping: &'static str,
    pub import_check: &'static str,
    pub import_commit: &'static str,
    pub import_saving: &'static str,
    pub import_queued: &'static str,
    /// (rows checked, all rows), both formatted
    pub import_progress_checked: fn(&str, &str) -> String,
    pub import_refresh: &'static str,
    pub import_report: &'static str,
    pub import_result: &'static str,
    pub import_rows: &'static str,
    pub import_col_line: &'static str,
    pub import_col_row: &'static str,
    pub import_col_action: &'static str,
    pub import_col_problems: &'static str,
    pub import_action_create: &'static str,
    pub import_action_update: &'static str,
    pub import_action_unchanged: &'static str,
    pub import_action_skipped: &'static str,
    pub import_action_error: &'static str,
    pub import_summary_errors: fn(usize) -> String,
    /// (added, changed, unchanged)
    pub import_summary_done: fn(usize, usize, usize) -> String,
    /// (to add, to change, unchanged, skipped)
    pub import_summary_checked: fn(usize, usize, usize, usize) -> String,
    pub import_rows_omitted: fn(usize) -> String,
    pub import_new_file: &'static str,
    pub import_back_to_list: &'static str,
    pub invalid_field_count: fn(u32, u32) -> String,
    pub invalid_outside_departments: &'static str,
    pub admin_settings: &'static str,
    pub admin_settings_intro: fn(&str) -> String,
    pub settings_working_time: &'static str,
    pub settings_working_days: &'static str,
    pub settings_working_days_hint: &'static str,
    pub settings_hours_per_day: &'static str,
    pub settings_hours_per_day_hint: &'static str,
    pub settings_money: &'static str,
    pub settings_hourly_rate: &'static str,
    pub settings_hourly_rate_hint: &'static str,
    pub settings_currency: &'static str,
    pub settings_currency_hint: &'static str,
    pub settings_discount_rate: &'static str,
    pub settings_discount_rate_hint: &'static str,
    pub settings_years: &'static str,
    pub settings_years_hint: &'static str,
    pub invalid_currency: &'static str,
    pub benefit_heading: &'static str,
    pub benefit_hours: &'static str,
    pub benefit_money: &'static str,
    pub benefit_net: &'static str,
    pub benefit_payback: &'static str,
    pub benefit_payback_years: fn(&str) -> String,
    pub benefit_no_payback: &'static str,
    pub benefit_roi: fn(u32) -> String,
    pub benefit_no_roi: &'static str,
    pub benefit_npv: fn(u32) -> String,
    pub benefit_assumptions: fn(&str, &str) -> String,
    pub benefit_missing_share: &'static str,
    pub benefit_missing_costs: &'static str,
    pub benefit_complete_record: &'static str,
    pub benefit_costs_later: &'static str,
    // ---- scoring model editor (issue 5)
    pub scoring_nav: &'static str,
    pub scoring_title: &'static str,
    pub scoring_intro: &'static str,
    pub scoring_version_title: fn(i64) -> String,
    pub scoring_version_label: fn(i64) -> String,
    pub scoring_published_line: fn(i64, &str, &str) -> String,
    pub scoring_shipped: &'static str,
    pub scoring_note_label: &'static str,
    pub scoring_published_flash: &'static str,
    pub scoring_settings: &'static str,
    pub scoring_blend: &'static str,
    pub scoring_blend_value: fn(&str, &str) -> String,
    pub scoring_blend_hint: &'static str,
    pub scoring_value_threshold: &'static str,
    pub scoring_feasibility_threshold: &'static str,
    pub scoring_threshold_hint: &'static str,
    pub scoring_axis_value: &'static str,
    pub scoring_axis_feasibility: &'static str,
    pub scoring_axis_caption: fn(&str) -> String,
    pub scoring_col_criterion: &'static str,
    pub scoring_col_type: &'static str,
    pub scoring_col_weight: &'static str,
    pub scoring_col_share: &'static str,
    pub scoring_col_ko: &'static str,
    pub scoring_col_prefill: &'static str,
    pub scoring_col_answers: &'static str,
    pub scoring_col_actions: &'static str,
    pub scoring_kind_scale: &'static str,
    pub scoring_kind_yes_no: &'static str,
    pub scoring_kind_number: &'static str,
    pub scoring_yes: &'static str,
    pub scoring_no: &'static str,
    pub scoring_no_prefill: &'static str,
    pub scoring_source: fn(crate::scoring::model::Source) -> &'static str,
    pub scoring_band_any: fn(u8) -> String,
    pub scoring_band_below: fn(&str, &str, u8) -> String,
    pub scoring_band_range: fn(&str, &str, &str, u8) -> String,
    pub scoring_band_from: fn(&str, &str, u8) -> String,
    pub scoring_versions_title: &'static str,
    pub scoring_versions_caption: &'static str,
    pub scoring_versions_link: &'static str,
    pub scoring_col_version: &'static str,
    pub scoring_col_published: &'static str,
    pub scoring_col_by: &'static str,
    pub scoring_col_note: &'static str,
    pub scoring_compare_title: &'static str,
    pub scoring_compare_from: &'static str,
    pub scoring_compare_to: &'static str,
    pub scoring_compare_button: &'static str,
    pub scoring_compare_heading: fn(i64, i64) -> String,
    pub scoring_no_changes: &'static str,
    pub scoring_change_blend: fn(&str, &str) -> String,
    pub scoring_change_value_threshold: fn(&str, &str) -> String,
    pub scoring_change_feasibility_threshold: fn(&str, &str) -> String,
    pub scoring_change_added: fn(&str) -> String,
    pub scoring_change_removed: fn(&str) -> String,
    pub scoring_change_changed: fn(&str) -> String,
    pub scoring_attr_weight: fn(&str, &str) -> String,
    pub scoring_attr_axis: fn(&str, &str) -> String,
    pub scoring_attr_kind: fn(&str, &str) -> String,
    pub scoring_attr_ko_on: &'static str,
    pub scoring_attr_ko_off: &'static str,
    pub scoring_attr_prefill: fn(&str, &str) -> String,
    pub scoring_attr_label: &'static str,
    pub scoring_attr_help: &'static str,
    pub scoring_attr_levels: &'static str,
    pub scoring_attr_bands: &'static str,
    pub scoring_draft_title: &'static str,
    pub scoring_draft_intro: fn(i64) -> String,
    pub scoring_draft_new: &'static str,
    pub scoring_saved: &'static str,
    pub scoring_discarded: &'static str,
    pub scoring_conflict: &'static str,
    pub scoring_settings_save: &'static str,
    pub scoring_criteria_heading: &'static str,
    pub scoring_draft_caption: &'static str,
    pub scoring_add_criterion: &'static str,
    pub scoring_edit: &'static str,
    pub scoring_remove: &'static str,
    pub scoring_up: &'static str,
    pub scoring_down: &'static str,
    pub scoring_problems_heading: &'static str,
    pub scoring_publish_heading: &'static str,
    pub scoring_note: &'static str,
    pub scoring_note_hint: &'static str,
    pub scoring_publish_button: &'static str,
    pub scoring_discard_heading: &'static str,
    pub scoring_discard_button: &'static str,
    pub scoring_criterion_new: &'static str,
    pub scoring_criterion_edit: &'static str,
    pub scoring_back_to_draft: &'static str,
    pub scoring_key: &'static str,
    pub scoring_key_hint: &'static str,
    pub scoring_axis_label: &'static str,
    pub scoring_kind_label: &'static str,
    pub scoring_kind_hint: &'static str,
    pub scoring_weight: &'static str,
    pub scoring_weight_hint: &'static str,
    pub scoring_ko_label: &'static str,
    pub scoring_prefill_label: &'static str,
    pub scoring_prefill_hint: &'static str,
    pub scoring_prefill_numbers: &'static str,
    pub scoring_prefill_answers: &'static str,
    pub scoring_label_legend: &'static str,
    pub scoring_help_legend: &'static str,
    pub scoring_scale_legend: &'static str,
    pub scoring_level: fn(usize) -> String,
    pub scoring_yes_no_legend: &'static str,
    pub scoring_number_legend: &'static str,
    pub scoring_bands_hint: &'static str,
    pub scoring_unit: &'static str,
    pub scoring_band: fn(usize) -> String,
    pub scoring_band_min: &'static str,
    pub scoring_band_points: &'static str,
    pub scoring_save_criterion: &'static str,
    pub scoring_invalid_key: &'static str,
    pub scoring_invalid_bands: &'static str,
    pub scoring_invalid_prefill: &'static str,
    pub scoring_invalid_no_criteria: &'static str,
    pub scoring_invalid_axis_weight: &'static str,
    pub scoring_invalid_too_many: fn(u32) -> String,
    pub scoring_invalid_no_draft: &'static str,
    // ---- scoring: assessments (issue 5)
    pub assess_heading: &'static str,
    pub assess_value: &'static str,
    pub assess_feasibility: &'static str,
    pub assess_utility: &'static str,
    pub assess_quadrant: &'static str,
    pub assess_quadrant_name: fn(crate::scoring::compute::Quadrant) -> &'static str,
    pub assess_axis_name: fn(crate::scoring::model::Axis) -> &'static str,
    pub assess_not_assessed: &'static str,
    pub assess_ko_heading: &'static str,
    pub assess_no_ko: &'static str,
    pub assess_breakdown_caption: &'static str,
    pub assess_col_criterion: &'static str,
    pub assess_col_answer: &'static str,
    pub assess_col_points: &'static str,
    pub assess_col_weight: &'static str,
    pub assess_col_contribution: &'static str,
    pub assess_axis_total: fn(&str) -> String,
    pub assess_model_version: fn(i64) -> String,
    pub assess_newer_version: fn(i64) -> String,
    pub assess_assessed_by: fn(&str, &str) -> String,
    pub assess_link: &'static str,
    pub assess_update_link: &'static str,
    pub assess_history_link: &'static str,
    pub assess_saved: &'static str,
    pub assess_title: &'static str,
    pub assess_intro: &'static str,
    pub assess_from_record: &'static str,
    pub assess_ko_marker: &'static str,
    pub assess_unit: fn(&str) -> String,
    pub assess_band: fn(&str, u8) -> String,
    pub assess_note: &'static str,
    pub assess_submit: &'static str,
    pub assess_history_title: &'static str,
    pub assess_history_intro: &'static str,
    pub assess_cause_answers: &'static str,
    pub assess_cause_model: fn(i64) -> String,
    pub assess_first: &'static str,
    pub assess_changed_answers: &'static str,
    pub assess_no_answers_changed: &'static str,
    pub assess_note_label: &'static str,

    // ---- backlog, decisions and matrix (issue 5)
    pub nav_backlog: &'static str,
    pub nav_matrix: &'static str,
    pub backlog_title: &'static str,
    pub backlog_consortium_title: &'static str,
    pub backlog_scope_label: &'static str,
    pub backlog_scope_name: fn(crate::scoring::model::Scope) -> &'static str,
    pub backlog_quadrant_name: fn(crate::scoring::compute::Quadrant) -> &'static str,
    pub backlog_outcome_name: fn(crate::scoring::backlog::model::Outcome) -> &'static str,
    pub backlog_col_rank: &'static str,
    pub backlog_col_title: &'static str,
    pub backlog_col_municipality: &'static str,
    pub backlog_col_department: &'static str,
    pub backlog_col_phase: &'static str,
    pub backlog_col_quadrant: &'static str,
    pub backlog_col_value: &'static str,
    pub backlog_col_feasibility: &'static str,
    pub backlog_col_utility: &'static str,
    pub backlog_col_consortium_value: &'static str,
    pub backlog_col_decision: &'static str,
    pub backlog_col_actions: &'static str,
    pub backlog_computed_rank: fn(u32) -> String,
    pub backlog_manual_rank: fn(u32) -> String,
    pub backlog_stopped_title: &'static str,
    pub backlog_empty: &'static str,
    pub backlog_knocked_out: &'static str,
    pub backlog_filter_all: &'static str,
    pub backlog_filter_apply: &'static str,
    pub backlog_sort: &'static str,
    pub backlog_override_legend: fn(&str) -> String,
    pub backlog_override_position: &'static str,
    pub backlog_override_reason: &'static str,
    pub backlog_override_submit: &'static str,
    pub backlog_override_remove: &'static str,
    pub backlog_override_saved: &'static str,
    pub backlog_override_removed: &'static str,
    pub backlog_value_word: &'static str,
    pub backlog_feasibility_word: &'static str,
    pub backlog_utility_word: &'static str,
    pub backlog_matrix_title: &'static str,
    pub backlog_matrix_desc: &'static str,
    pub backlog_matrix_to_table: &'static str,
    pub backlog_matrix_capped: fn(usize) -> String,
    pub backlog_matrix_table_caption: &'static str,
    pub backlog_decisions_title: &'static str,
    pub backlog_decisions_empty: &'static str,
    pub backlog_decision_form_title: &'static str,
    pub backlog_decision_outcome: &'static str,
    pub backlog_decision_rationale: &'static str,
    pub backlog_decision_meeting: &'static str,
    pub backlog_decision_meeting_hint: &'static str,
    pub backlog_decision_date: &'static str,
    pub backlog_decision_by: &'static str,
    pub backlog_decision_submit: &'static str,
    pub backlog_decision_saved: &'static str,
    pub backlog_log_title: &'static str,
    pub backlog_log_from: &'static str,
    pub backlog_log_to: &'static str,
    pub backlog_invalid_in_future: &'static str,
    // ---- re-scoring (issue 5)
    pub rescore_title: &'static str,
    pub rescore_intro: fn(i64) -> String,
    pub rescore_scope_legend: &'static str,
    pub rescore_scope_municipality: &'static str,
    pub rescore_scope_consortium: &'static str,
    pub rescore_show: &'static str,
    pub rescore_summary: &'static str,
    pub rescore_assessed: &'static str,
    pub rescore_current: &'static str,
    pub rescore_rescorable: &'static str,
    pub rescore_needs_answers_count: &'static str,
    pub rescore_rank_changes: &'static str,
    pub rescore_quadrant_changes: &'static str,
    pub rescore_newly_knocked_out: &'static str,
    pub rescore_changes_caption: fn(usize, usize) -> String,
    pub rescore_col_candidate: &'static str,
    pub rescore_col_version: &'static str,
    pub rescore_col_utility: &'static str,
    pub rescore_col_rank: &'static str,
    pub rescore_col_quadrant: &'static str,
    pub rescore_not_ranked: &'static str,
    pub rescore_knocked_out_note: &'static str,
    pub rescore_unchanged: &'static str,
    pub rescore_needs_caption: fn(usize, usize) -> String,
    pub rescore_needs: fn(&str) -> String,
    pub rescore_apply: fn(usize, i64) -> String,
    pub rescore_apply_hint: &'static str,
    pub rescore_nothing: &'static str,
    pub rescore_done: &'static str,
    pub rescore_version_changed: &'static str,
    pub rescore_quick_win: &'static str,
    pub rescore_strategic: &'static str,
    pub rescore_fill_in: &'static str,
    pub rescore_reconsider: &'static str,
}

use crate::candidates::attachments::AttachmentVisibility;
use crate::candidates::model::{Period, Phase, Status, Visibility};
use crate::identity::model::Role;
use crate::identity::tokens::model::{TokenScope, TokenState};

impl Texts {
    /// A person named on a record, as this reader may see them.
    pub fn person(&self, person: &crate::identity::model::PersonRef) -> String {
        use crate::identity::model::PersonRef;
        match person {
            PersonRef::Named(name) => name.clone(),
            PersonRef::FormerEmployee => self.former_employee.to_owned(),
            PersonRef::Withheld => self.person_withheld.to_owned(),
        }
    }

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
            other => (self.history_field)(other),
        }
    }

    pub fn error(&self, error: &AppError) -> &'static str {
        match error {
            AppError::NotFound => self.err_not_found,
            AppError::Unauthenticated => self.err_unauthenticated,
            AppError::Forbidden => self.err_forbidden,
            AppError::BadCredentials => self.err_bad_credentials,
            AppError::TooManyAttempts => self.err_too_many_attempts,
            AppError::Invalid(_) => self.err_invalid,
            AppError::Conflict => self.err_conflict,
            AppError::Internal => self.err_internal,
            AppError::Request => self.err_request,
        }
    }

    pub fn invalid(&self, problem: Invalid) -> String {
        match problem {
            Invalid::Required => self.invalid_required.to_owned(),
            Invalid::TooLong { max } => (self.invalid_too_long)(max),
            Invalid::OutOfRange { min, max } => (self.invalid_out_of_range)(min, max),
            Invalid::NotANumber => self.invalid_not_a_number.to_owned(),
            Invalid::UnknownChoice => self.invalid_unknown_choice.to_owned(),
            Invalid::NotHttps => self.invalid_not_https.to_owned(),
            Invalid::BadRoleMapping => self.invalid_role_mapping.to_owned(),
            Invalid::NotAnEmail => self.invalid_not_an_email.to_owned(),
            Invalid::Taken => self.invalid_taken.to_owned(),
            Invalid::TooShort { min } => (self.invalid_too_short)(min),
            Invalid::InsideItself => self.invalid_inside_itself.to_owned(),
            Invalid::LastAdmin => self.invalid_last_admin.to_owned(),
            Invalid::InUse => self.invalid_in_use.to_owned(),
            Invalid::ForbiddenCharacter { ch } if ch.is_whitespace() => self.invalid_control_character.to_owned(),
            Invalid::ForbiddenCharacter { ch } => (self.invalid_forbidden_character)(ch),
            Invalid::NotGrantable => self.invalid_not_grantable.to_owned(),
            Invalid::NoChange => self.invalid_no_change.to_owned(),
            Invalid::SameCandidate => self.invalid_same_candidate.to_owned(),
            Invalid::BadTaxonomyCode => self.invalid_taxonomy_code.to_owned(),
            Invalid::NotADate => self.invalid_date.to_owned(),
            Invalid::InFuture => self.backlog_invalid_in_future.to_owned(),
            Invalid::UnknownField => self.invalid_unknown_field.to_owned(),
            Invalid::WrongType => self.invalid_wrong_type.to_owned(),
            Invalid::NotInPhase => self.invalid_not_in_phase.to_owned(),
            Invalid::FileTooLarge { max_mb } => (self.invalid_file_too_large)(max_mb),
            Invalid::FileType => self.invalid_file_type.to_owned(),
            Invalid::FileTypeMismatch => self.invalid_file_type_mismatch.to_owned(),
            Invalid::FieldCount { expected, found } => (self.invalid_field_count)(expected, found),
            Invalid::OutsideYourDepartments => self.invalid_outside_departments.to_owned(),
            Invalid::NotACurrency => self.invalid_currency.to_owned(),
            Invalid::BadCriterionKey => self.scoring_invalid_key.to_owned(),
            Invalid::BadBands => self.scoring_invalid_bands.to_owned(),
            Invalid::PrefillMismatch => self.scoring_invalid_prefill.to_owned(),
            Invalid::NoCriteria => self.scoring_invalid_no_criteria.to_owned(),
            Invalid::AxisWithoutWeight => self.scoring_invalid_axis_weight.to_owned(),
            Invalid::TooManyCriteria { max } => (self.scoring_invalid_too_many)(max),
            Invalid::NoDraft => self.scoring_invalid_no_draft.to_owned(),
        }
    }
}

// Kept apart from the imports above: the finding texts' own types.
use crate::candidates::query::{QueryNote, Sort};

/// The language of this page load. On the server: the `autoport_lang` cookie, then
/// `Accept-Language`. In the browser: the `lang` the server put on `<html>`.
pub fn request_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .map(|parts| locale_from_headers(&parts.headers))
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        leptos::prelude::document()
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|code| Locale::from_code(&code))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Locale::default()
    }
}

#[cfg(feature = "ssr")]
pub fn locale_from_headers(headers: &http::HeaderMap) -> Locale {
    let from_cookie = headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LANG_COOKIE)
        .and_then(|(_, value)| Locale::from_code(value));
    from_cookie
        .or_else(|| {
            headers
                .get(http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::from_accept_language)
        })
        .unwrap_or_default()
}

/// The page's language, provided by `App`.
pub fn use_locale() -> Locale {
    leptos::prelude::use_context::<Locale>().unwrap_or_default()
}

pub fn use_texts() -> &'static Texts {
    use_locale().texts()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_honours_quality() {
        assert_eq!(Locale::from_accept_language("fr-CH, fr;q=0.9, de;q=0.7, da;q=0.8"), Some(Locale::Da));
        assert_eq!(Locale::from_accept_language("sv-SE"), Some(Locale::Sv));
        assert_eq!(Locale::from_accept_language("fr, it"), None);
        assert_eq!(Locale::from_accept_language("de;q=0, en;q=0.1"), Some(Locale::En));
        assert_eq!(Locale::from_accept_language(""), None);
    }

    #[test]
    fn numbers_use_local_separators() {
        assert_eq!(Locale::En.number(1234567.891, 1), "1,234,567.9");
        assert_eq!(Locale::Da.number(1234567.891, 1), "1.234.567,9");
        assert_eq!(Locale::De.number(-1234.5, 0), "-1.234");
        assert_eq!(Locale::Sv.number(1234.5, 2), "1\u{a0}234,50");
        assert_eq!(Locale::En.number(-0.04, 1), "0.0");
        assert_eq!(Locale::En.number(f64::NAN, 1), "–");
        assert_eq!(Locale::En.number(999.0, 0), "999");
        assert_eq!(Locale::En.quantity(120.0), "120");
        assert_eq!(Locale::Da.quantity(12.5), "12,5");
        assert_eq!(Locale::De.quantity(1234.25), "1.234,25");
        assert_eq!(Locale::En.quantity(0.333), "0.33");
    }

    #[test]
    fn money_puts_the_currency_where_the_language_does() {
        assert_eq!(Locale::En.money(243_360.4, "DKK"), "DKK\u{a0}243,360");
        assert_eq!(Locale::Da.money(243_360.6, "DKK"), "243.361\u{a0}DKK");
        assert_eq!(Locale::De.money(-20_000.0, "EUR"), "-20.000\u{a0}EUR");
        assert_eq!(Locale::Sv.money(1234.0, "SEK"), "1\u{a0}234\u{a0}SEK");
    }

    #[test]
    fn editable_numbers_read_back_exactly() {
        for locale in [Locale::En, Locale::Da, Locale::De, Locale::Sv] {
            for value in [0.0, 7.5, 12.345, 1234567.125, 0.001] {
                assert_eq!(locale.parse_number(&locale.editable(value)), Some(value), "{locale:?} {value}");
            }
        }
        assert_eq!(Locale::Da.editable(12.345), "12,345");
    }

    #[test]
    fn numbers_parse_as_typed() {
        assert_eq!(Locale::Da.parse_number("1.234,5"), Some(1234.5));
        assert_eq!(Locale::Da.parse_number("12,5"), Some(12.5));
        assert_eq!(Locale::En.parse_number("1,234.5"), Some(1234.5));
        assert_eq!(Locale::En.parse_number("12,5"), Some(12.5));
        assert_eq!(Locale::En.parse_number(" 40 "), Some(40.0));
        assert_eq!(Locale::De.parse_number("abc"), None);
        assert_eq!(Locale::Sv.parse_number(""), None);
        assert_eq!(Locale::En.parse_number("inf"), None);
    }

    #[test]
    fn dates_follow_the_language() {
        let date = time::macros::date!(2026 - 03 - 05);
        assert_eq!(Locale::En.date(date), "5 March 2026");
        assert_eq!(Locale::Da.date(date), "5. marts 2026");
        assert_eq!(Locale::De.date(date), "5. März 2026");
        assert_eq!(Locale::Sv.date(date), "2026-03-05");
    }
}
