//! Importing people and departments from a CSV file.

use super::*;
use crate::admin::model::{FileProblem, ImportKind, ImportReport, RowOutcome};
use crate::admin::server_fns::{take_import_report, ImportCsv};
use crate::admin::texts::use_texts;
use crate::identity::auth::pages::signed_in;
use crate::ui::form::FormErrors;
use leptos::form::ActionForm;
use leptos_meta::Title;

// ---- CSV import ----------------------------------------------------------------------------

#[component]
pub fn ImportPage() -> impl IntoView {
    let t = use_texts();
    // The server function keeps the report in the session and sends the browser here; the page
    // takes it once: when it loads (JavaScript off), or after each run of the action (on). Only
    // the action's runs may trigger the take, or a second fetch would find the report gone.
    let action = ServerAction::<ImportCsv>::new();
    let report = Resource::new(move || action.version().get(), |_| take_import_report());
    view! {
        <Title text=t.admin_import/>
        <h1>{t.admin_import}</h1>
        <AdminNav/>
        {signed_in(report, "/admin/import".into(), move |report| view! { <Import report action/> })}
    }
}

#[component]
fn Import(report: Option<ImportReport>, action: ServerAction<ImportCsv>) -> impl IntoView {
    let t = use_texts();
    let errors = FormErrors::new(Signal::derive(move || action.value().get().and_then(|r| r.err())));
    let kind = report.as_ref().map_or(ImportKind::Users, |r| r.kind);
    view! {
        <p class="lead">{t.admin_import_intro}</p>
        {report.map(|report| view! { <ImportReportView report/> })}
        <ActionForm action attr:class="form">
            {errors.alert()}
            <fieldset class="field">
                <legend>{t.admin_import_kind}</legend>
                {[(ImportKind::Users, t.admin_import_users, t.admin_import_users_hint),
                  (ImportKind::Departments, t.admin_import_departments, t.admin_import_departments_hint)]
                    .into_iter().map(|(k, label, hint)| {
                        let id = format!("kind-{}", k.as_str());
                        let hint_id = format!("{id}-hint");
                        view! {
                            <div class="radio">
                                <input type="radio" id=id.clone() name="form[kind]" value=k.as_str() checked=k == kind
                                    aria-describedby=hint_id.clone()/>
                                <label for=id>{label}</label>
                                <p class="hint" id=hint_id><code>{hint}</code></p>
                            </div>
                        }
                    }).collect_view()}
            </fieldset>
            <div class="field">
                <label for="csv">{t.admin_import_csv}</label>
                <p class="hint" id="csv-hint">{t.admin_import_csv_hint}</p>
                <textarea id="csv" name="form[csv]" rows="12" required spellcheck="false"
                    aria-invalid=errors.invalid("csv") aria-describedby=errors.described_by("csv", true)></textarea>
                {errors.message("csv")}
            </div>
            <p class="actions">
                <button type="submit" class="button">{t.admin_import_check}</button>
                " "
                <button type="submit" class="button primary" name="form[commit]" value="1">{t.admin_import_commit}</button>
            </p>
        </ActionForm>
    }
}

#[component]
fn ImportReportView(report: ImportReport) -> impl IntoView {
    let t = use_texts();
    let summary = if !report.problems.is_empty() || report.has_errors() {
        t.admin_import_failed.to_owned()
    } else if report.committed {
        t.admin_import_done(report.count(RowOutcome::Create), report.count(RowOutcome::Update))
    } else {
        t.admin_import_checked(report.count(RowOutcome::Create), report.count(RowOutcome::Update))
    };
    let failed = report.has_errors();
    view! {
        <section aria-labelledby="report-heading" class="import-report">
            <h2 id="report-heading">{t.admin_import_report}</h2>
            <p class=if failed { "error" } else { "notice" } role=if failed { "alert" } else { "status" }>{summary}</p>
            <ul>
                {report.problems.iter().map(|p| view! { <li>{match p {
                    FileProblem::Empty => t.admin_import_empty.to_owned(),
                    FileProblem::Unreadable { line } => t.admin_import_unreadable(*line),
                    FileProblem::MissingColumn(column) => t.admin_import_missing_column(column),
                    FileProblem::TooManyRows { max } => t.admin_import_too_many_rows(*max),
                }}</li> }).collect_view()}
            </ul>
            {(!report.rows.is_empty()).then(|| view! {
                <table class="table">
                    <caption>{t.admin_import_rows}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.admin_import_line}</th>
                            <th scope="col">{t.admin_import_row}</th>
                            <th scope="col">{t.admin_import_outcome}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {report.rows.iter().map(|row| {
                            let outcome = match row.outcome {
                                RowOutcome::Create => t.admin_outcome_create.to_owned(),
                                RowOutcome::Update => t.admin_outcome_update.to_owned(),
                                RowOutcome::Unchanged => t.admin_outcome_unchanged.to_owned(),
                                RowOutcome::Invalid => row.errors.iter()
                                    .map(|e| format!("{}: {}", e.field, t.invalid(e.problem)))
                                    .collect::<Vec<_>>().join("; "),
                            };
                            view! {
                                <tr class=(row.outcome == RowOutcome::Invalid).then_some("invalid")>
                                    <td>{row.line}</td>
                                    <td>{row.label.clone()}</td>
                                    <td>{outcome}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {(report.omitted_rows > 0).then(|| view! { <p>{t.admin_import_omitted(report.omitted_rows)}</p> })}
        </section>
    }
}
