//! The import pages: the upload form (a plain multipart form, so it works without
//! JavaScript), and the job page with the mapping, the dry run's per-row report, progress and
//! the commit.

use crate::candidates::import::mapping::label;
use crate::candidates::import::server_fns::{
    get_import, import_allowed, import_progress, RunImport, SaveImportMapping,
};
use crate::candidates::import::{
    Field, FileProblem, ImportReport, ImportView, JobState, Progress, RowAction, MAX_BYTES, MAX_ROWS, REPORT_ROWS_SHOWN,
};
use crate::candidates::texts::{use_texts, Texts};
use crate::common::error::AppError;
use crate::common::locale::use_locale;
use crate::identity::auth::pages::signed_in;
use crate::ui::form::FormErrors;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

pub const UPLOAD_PATH: &str = "/candidates/import";

/// What went wrong with an upload, as the upload route puts it in the URL (`?problem=`).
fn upload_problem(t: &Texts, code: &str) -> Option<String> {
    Some(match code {
        "too_large" => t.import_problem_too_large(MAX_BYTES / (1024 * 1024)),
        "empty" => t.import_problem_empty.to_owned(),
        "not_utf8" => t.import_problem_not_utf8.to_owned(),
        "no_file" => t.import_problem_no_file.to_owned(),
        _ => return None,
    })
}

#[component]
pub fn ImportUploadPage() -> impl IntoView {
    let t = use_texts();
    let allowed = Resource::new(|| (), |_| import_allowed());
    let query = use_query_map();
    let problem = move || query.read().get("problem").and_then(|code| upload_problem(t, &code));
    view! {
        <Title text=t.import_title/>
        <h1>{t.import_title}</h1>
        {signed_in(allowed, UPLOAD_PATH.into(), move |()| {
            let locale = use_locale();
            let hint = t.import_file_hint(MAX_BYTES / (1024 * 1024), locale.number(MAX_ROWS as f64, 0));
            view! {
                <p class="lead">{t.import_intro}</p>
                // A plain form to a plain route: works the same with and without JavaScript.
                <form class="form" method="post" action=UPLOAD_PATH enctype="multipart/form-data">
                    {move || problem().map(|p| view! { <p class="error" role="alert" id="file-error">{p}</p> })}
                    <div class="field">
                        <label for="file">{t.import_file}</label>
                        <p class="hint" id="file-hint">{hint}</p>
                        <input id="file" name="file" type="file" accept=".csv,text/csv,text/plain" required
                            aria-describedby=move || if problem().is_some() { "file-hint file-error" } else { "file-hint" }
                            aria-invalid=move || problem().map(|_| "true")/>
                    </div>
                    <p class="actions"><button type="submit" class="button primary">{t.import_upload}</button></p>
                </form>
            }
        })}
    }
}

fn job_id() -> impl Fn() -> Option<i64> + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get("job").and_then(|s| s.parse::<i64>().ok())
}

#[component]
pub fn ImportJobPage() -> impl IntoView {
    let t = use_texts();
    let id = job_id();
    let mapping = ServerAction::<SaveImportMapping>::new();
    let run = ServerAction::<RunImport>::new();
    // Bumped by the progress poller when a background job finishes.
    let refresh = RwSignal::new(0u32);
    let data = Resource::new(
        move || (id(), mapping.version().get(), run.version().get(), refresh.get()),
        |(id, ..)| async move {
            match id {
                Some(id) => get_import(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let next = move || format!("{UPLOAD_PATH}/{}", id().unwrap_or_default());
    view! {
        <Title text=t.import_title/>
        <h1>{t.import_title}</h1>
        {move || signed_in(data, next(), move |v: ImportView| view! { <Job view=v mapping run refresh/> })}
    }
}

#[component]
fn Job(
    view: ImportView,
    mapping: ServerAction<SaveImportMapping>,
    run: ServerAction<RunImport>,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let t = use_texts();
    let state = view.progress.state;
    let id = view.id;
    let mapping_errors = FormErrors::new(Signal::derive(move || mapping.value().get().and_then(|r| r.err())));
    let run_errors = FormErrors::new(Signal::derive(move || run.value().get().and_then(|r| r.err())));
    let editable = matches!(state, JobState::Uploaded | JobState::Checked);
    let report = view.report.clone();
    let clean = report.as_ref().is_some_and(|r| !r.has_errors() && !r.committed);
    let headers: Vec<(Field, String)> = view.columns.iter().map(|c| (c.field, c.header.clone())).collect();
    view! {
        <p class="lead">{t.import_file}": "<strong>{view.file_name.clone()}</strong></p>
        {state.is_busy().then(|| view! { <Running id progress=view.progress refresh/> })}
        {report.clone().map(|report| view! { <Report report headers=headers.clone()/> })}
        {(state == JobState::Checked && clean).then(|| view! {
            <ActionForm action=run attr:class="form">
                {run_errors.alert()}
                <input type="hidden" name="job" value=id/>
                <input type="hidden" name="commit" value="1"/>
                <p class="actions"><button type="submit" class="button primary">{t.import_commit}</button></p>
            </ActionForm>
        })}
        {editable.then(|| view! {
            <ActionForm action=mapping attr:class="form">
                {mapping_errors.alert()}
                <input type="hidden" name="form[job]" value=id/>
                <table class="table">
                    <caption>{t.import_mapping}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.import_column}</th>
                            <th scope="col">{t.import_imported_as}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {view.columns.iter().enumerate().map(|(i, column)| {
                            let select_id = format!("column-{i}");
                            let chosen = column.field;
                            view! {
                                <tr>
                                    <th scope="row"><label for=select_id.clone()>{column.header.clone()}</label></th>
                                    <td>
                                        <select id=select_id name="form[fields][]">
                                            {Field::ALL.iter().map(|f| view! {
                                                <option value=f.as_str() selected=*f == chosen>{label(*f, t)}</option>
                                            }).collect_view()}
                                        </select>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <p class="hint">{t.import_mapping_hint}</p>
                <p class="actions"><button type="submit" class="button">{t.import_save_mapping}</button></p>
            </ActionForm>
            <ActionForm action=run attr:class="form">
                <input type="hidden" name="job" value=id/>
                <p class="actions"><button type="submit" class="button primary">{t.import_check}</button></p>
            </ActionForm>
        })}
        <p><a href=UPLOAD_PATH>{t.import_new_file}</a>" · "<a href="/candidates">{t.import_back_to_list}</a></p>
    }
}

/// The progress of a queued or running job: a `<progress>` with its text, refreshed every
/// second by the hydrated page; without JavaScript a link reloads the page (no automatic
/// refresh, WCAG 2.2.1).
#[component]
fn Running(id: i64, progress: Progress, refresh: RwSignal<u32>) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let current = RwSignal::new(progress);
    Effect::new(move |_| {
        // Effects run in the browser only.
        let poll = move || {
            leptos::task::spawn_local(async move {
                if let Ok(now) = import_progress(id).await {
                    current.set(now);
                    if !now.state.is_busy() {
                        refresh.update(|n| *n += 1);
                    }
                }
            });
        };
        if let Ok(handle) = set_interval_with_handle(poll, std::time::Duration::from_secs(1)) {
            on_cleanup(move || handle.clear());
        }
    });
    let text = move || {
        let p = current.get();
        match p.state {
            JobState::Saving => t.import_saving.to_owned(),
            JobState::CheckQueued | JobState::CommitQueued if p.processed_rows == 0 => t.import_queued.to_owned(),
            _ => t.import_progress_checked(
                locale.number(p.processed_rows as f64, 0),
                locale.number(p.total_rows as f64, 0),
            ),
        }
    };
    view! {
        <section class="import-progress" aria-labelledby="progress-label">
            <p id="progress-label" role="status" aria-live="polite">{text}</p>
            {move || {
                let p = current.get();
                if p.state == JobState::Saving {
                    // Indeterminate: the rows are written in one transaction.
                    view! { <progress aria-labelledby="progress-label"></progress> }.into_any()
                } else {
                    view! {
                        <progress aria-labelledby="progress-label" max=p.total_rows.max(1) value=p.processed_rows></progress>
                    }.into_any()
                }
            }}
            <p><a href=format!("{UPLOAD_PATH}/{id}")>{t.import_refresh}</a></p>
        </section>
    }
}

fn problem_text(t: &Texts, problem: &FileProblem) -> String {
    match problem {
        FileProblem::Empty => t.import_problem_empty.to_owned(),
        FileProblem::TooLarge { max_bytes } => t.import_problem_too_large(max_bytes / (1024 * 1024)),
        FileProblem::TooManyRows { max } => t.import_problem_too_many_rows(*max),
        FileProblem::Unreadable { line } => t.import_problem_unreadable(*line),
        FileProblem::MissingField(field) => t.import_problem_missing_field(label(*field, t)),
        FileProblem::MappedTwice(field) => t.import_problem_mapped_twice(label(*field, t)),
        FileProblem::ChangedMeanwhile => t.import_problem_changed.to_owned(),
        FileProblem::NotAllowed => t.import_problem_not_allowed.to_owned(),
    }
}

fn action_text(t: &Texts, action: RowAction) -> &'static str {
    match action {
        RowAction::Create => t.import_action_create,
        RowAction::Update => t.import_action_update,
        RowAction::Unchanged => t.import_action_unchanged,
        RowAction::Skipped => t.import_action_skipped,
        RowAction::Error => t.import_action_error,
    }
}

#[component]
fn Report(report: ImportReport, headers: Vec<(Field, String)>) -> impl IntoView {
    let t = use_texts();
    let errors = report.count(RowAction::Error);
    let failed = report.has_errors();
    let summary = if failed {
        t.import_summary_errors(errors)
    } else if report.committed {
        t.import_summary_done(
            report.count(RowAction::Create),
            report.count(RowAction::Update),
            report.count(RowAction::Unchanged),
        )
    } else {
        t.import_summary_checked(
            report.count(RowAction::Create),
            report.count(RowAction::Update),
            report.count(RowAction::Unchanged),
            report.count(RowAction::Skipped),
        )
    };
    // The file's own name for a field, where a column is mapped to it.
    let field_name = move |field: &str| -> String {
        match Field::parse(field) {
            Some(f) => headers
                .iter()
                .find(|(h, _)| *h == f)
                .map(|(_, name)| name.clone())
                .unwrap_or_else(|| label(f, t).to_owned()),
            None => t.import_col_row.to_owned(),
        }
    };
    // Every row with a problem, and the first others; the rest are counted.
    let mut shown = 0usize;
    let rows: Vec<_> = report
        .rows
        .iter()
        .filter(|r| {
            let keep = r.action == RowAction::Error || shown < REPORT_ROWS_SHOWN;
            if keep && r.action != RowAction::Error {
                shown += 1;
            }
            keep
        })
        .cloned()
        .collect();
    let omitted = report.rows.len() - rows.len();
    view! {
        <section aria-labelledby="report-heading" class="import-report">
            <h2 id="report-heading">{if report.committed { t.import_result } else { t.import_report }}</h2>
            <div class=if failed { "error" } else { "notice" } role=if failed { "alert" } else { "status" }>
                <p>{summary}</p>
                {(!report.problems.is_empty()).then(|| view! {
                    <ul>{report.problems.iter().map(|p| view! { <li>{problem_text(t, p)}</li> }).collect_view()}</ul>
                })}
            </div>
            {(!rows.is_empty()).then(|| view! {
                <table class="table">
                    <caption>{t.import_rows}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.import_col_line}</th>
                            <th scope="col">{t.col_title}</th>
                            <th scope="col">{t.import_col_action}</th>
                            <th scope="col">{t.import_col_problems}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|row| {
                            let problems = row.errors.iter()
                                .map(|e| format!("{}: {}", field_name(&e.field), t.invalid(e.problem)))
                                .collect::<Vec<_>>().join("; ");
                            let title = match (row.candidate_id, row.action) {
                                (Some(id), RowAction::Create | RowAction::Update | RowAction::Unchanged) if report.committed =>
                                    view! { <a href=format!("/candidates/{id}")>{row.label.clone()}</a> }.into_any(),
                                _ => view! { <span>{row.label.clone()}</span> }.into_any(),
                            };
                            view! {
                                <tr class=(row.action == RowAction::Error).then_some("invalid")>
                                    <th scope="row">{row.line}</th>
                                    <td>{title}</td>
                                    <td>{action_text(t, row.action)}</td>
                                    <td>{problems}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {(omitted > 0).then(|| view! { <p>{t.import_rows_omitted(omitted)}</p> })}
        </section>
    }
}
