//! The import's rules, free of HTTP: upload, mapping, check and commit, each asking the policy
//! first, and the worker step the background task (or the request, for a small file) runs.

use crate::candidates::import::mapping::auto_map;
use crate::candidates::import::parse::{self};
use crate::candidates::import::store::{self, Claim, WriteError};
use crate::candidates::import::{
    Column, Field, FileProblem, ImportReport, ImportView, JobState, MappingForm, Progress, INLINE_ROWS, MAX_BYTES,
};
use crate::common::error::{AppError, AppResult, Invalid};
use crate::db::Db;
use crate::identity::model::Actor;
use crate::identity::policy;
use time::OffsetDateTime;

/// Progress is written after this many rows (outside any transaction).
pub const PROGRESS_EVERY: usize = 100;

/// The fields a new candidate cannot do without (the quick report's).
const REQUIRED: [Field; 5] = [Field::Title, Field::Description, Field::Volume, Field::Period, Field::MinutesPerCase];

/// Keeps an uploaded file as a new job of the caller and maps its columns automatically.
#[tracing::instrument(skip_all)]
pub async fn upload(db: &Db, actor: Option<&Actor>, file_name: &str, text: &str) -> AppResult<i64> {
    let actor = policy::may_import_candidates(actor)?;
    if text.len() > MAX_BYTES {
        return Err(AppError::invalid("file", Invalid::TooLong { max: MAX_BYTES as u32 }));
    }
    let (columns, rows) = match parse::read(text) {
        Ok(table) => (auto_map(&table.headers), table.rows.len()),
        Err(FileProblem::TooLarge { .. }) => {
            return Err(AppError::invalid("file", Invalid::TooLong { max: MAX_BYTES as u32 }))
        }
        Err(FileProblem::Empty) => return Err(AppError::invalid("file", Invalid::Required)),
        // An unreadable file is kept: its page says where it breaks.
        Err(_) => (Vec::new(), 0),
    };
    let name: String = file_name.chars().filter(|c| !c.is_control()).take(200).collect();
    let mapping = mapping_json(&columns)?;
    let now = OffsetDateTime::now_utc();
    let id = store::create(db, actor.municipality_id, actor.user_id, &name, text, &mapping, rows as i64, now).await?;
    tracing::info!(job = id, user = actor.user_id, rows, "candidate import uploaded");
    Ok(id)
}

fn mapping_json(columns: &[Column]) -> AppResult<String> {
    serde_json::to_string(columns).map_err(|error| {
        tracing::error!(%error, "cannot serialise an import mapping");
        AppError::Internal
    })
}

fn report_json(report: &ImportReport) -> AppResult<String> {
    serde_json::to_string(report).map_err(|error| {
        tracing::error!(%error, "cannot serialise an import report");
        AppError::Internal
    })
}

/// The caller's own job, or `NotFound` (someone else's job does not exist for them).
async fn own_job(db: &Db, actor: Option<&Actor>, id: i64) -> AppResult<(store::JobRow, Actor)> {
    let actor = policy::may_import_candidates(actor)?;
    let job = store::job(db, id).await?.ok_or(AppError::NotFound)?;
    if job.user_id != actor.user_id || job.municipality_id != actor.municipality_id {
        return Err(AppError::NotFound);
    }
    Ok((job, actor.clone()))
}

fn state_of(job: &store::JobRow) -> AppResult<JobState> {
    JobState::parse(&job.state).ok_or_else(|| {
        tracing::error!(job = job.id, state = %job.state, "unknown import state stored");
        AppError::Internal
    })
}

fn columns_of(job: &store::JobRow) -> AppResult<Vec<Column>> {
    serde_json::from_str(&job.mapping).map_err(|error| {
        tracing::error!(job = job.id, %error, "unreadable import mapping stored");
        AppError::Internal
    })
}

fn progress_of(job: &store::JobRow) -> AppResult<Progress> {
    Ok(Progress {
        state: state_of(job)?,
        total_rows: u64::try_from(job.total_rows).unwrap_or(0),
        processed_rows: u64::try_from(job.processed_rows).unwrap_or(0),
    })
}

/// The job page: mapping, progress and the last report.
pub async fn view(db: &Db, actor: Option<&Actor>, id: i64) -> AppResult<ImportView> {
    let (job, _) = own_job(db, actor, id).await?;
    let report = match &job.report {
        Some(text) => Some(serde_json::from_str::<ImportReport>(text).map_err(|error| {
            tracing::error!(job = id, %error, "unreadable import report stored");
            AppError::Internal
        })?),
        None => None,
    };
    Ok(ImportView {
        id,
        file_name: job.file_name.clone(),
        progress: progress_of(&job)?,
        columns: columns_of(&job)?,
        report,
    })
}

/// How far the caller's job is (polled by the page every second while it runs).
pub async fn progress(db: &Db, actor: Option<&Actor>, id: i64) -> AppResult<Progress> {
    let (job, _) = own_job(db, actor, id).await?;
    progress_of(&job)
}

/// Changes what the columns are imported as; the last check no longer counts.
pub async fn set_mapping(db: &Db, actor: Option<&Actor>, form: &MappingForm) -> AppResult<()> {
    let (job, _) = own_job(db, actor, form.job).await?;
    let mut columns = columns_of(&job)?;
    if form.fields.len() != columns.len() {
        return Err(AppError::invalid("fields", Invalid::UnknownChoice));
    }
    for (column, chosen) in columns.iter_mut().zip(&form.fields) {
        column.field =
            Field::parse(chosen.trim()).ok_or_else(|| AppError::invalid("fields", Invalid::UnknownChoice))?;
    }
    if !store::set_mapping(db, job.id, &mapping_json(&columns)?, OffsetDateTime::now_utc()).await? {
        // Being checked or written right now, or done.
        return Err(AppError::Conflict);
    }
    Ok(())
}

/// Starts a dry run (`commit` false) or the commit. A small file is done before this returns;
/// a larger one is left to the background task, and the page shows its progress.
#[tracing::instrument(skip(db, actor))]
pub async fn start(db: &Db, actor: Option<&Actor>, id: i64, commit: bool) -> AppResult<()> {
    let (job, _) = own_job(db, actor, id).await?;
    if commit {
        // The page offers the commit only after a clean check; a stale page is told so.
        let clean = match &job.report {
            Some(text) => serde_json::from_str::<ImportReport>(text).is_ok_and(|r| !r.has_errors()),
            None => false,
        };
        if !clean {
            return Err(AppError::Conflict);
        }
    }
    if !store::queue(db, id, commit, OffsetDateTime::now_utc()).await? {
        return Err(AppError::Conflict);
    }
    if usize::try_from(job.total_rows).unwrap_or(usize::MAX) <= INLINE_ROWS {
        if let Some(claim) = store::claim(db, OffsetDateTime::now_utc(), Some(id)).await? {
            run(db, &claim).await?;
        }
    }
    Ok(())
}

/// One step of a worker: claims the oldest waiting (or stale) job and runs it. `Some(id)` when
/// there was one.
pub async fn step(db: &Db, now: OffsetDateTime) -> AppResult<Option<i64>> {
    let Some(claim) = store::claim(db, now, None).await? else { return Ok(None) };
    run(db, &claim).await?;
    Ok(Some(claim.id))
}

/// Checks every row and, for a commit, writes them all in one transaction.
pub async fn run(db: &Db, claim: &Claim) -> AppResult<()> {
    let job = store::job(db, claim.id).await?.ok_or(AppError::NotFound)?;
    let committing = claim.state != JobState::Checking.as_str();
    // The importer as they are now: a role taken away since the upload counts.
    let actor = match crate::identity::store::load_user(db, job.user_id).await? {
        Some(user) if policy::may_import_candidates(Some(&user.actor)).is_ok() => user.actor,
        _ => {
            let report = ImportReport { problems: vec![FileProblem::NotAllowed], rows: Vec::new(), committed: false };
            store::finish(db, claim, JobState::Checked.as_str(), &report_json(&report)?).await?;
            return Err(AppError::Forbidden);
        }
    };
    let columns = columns_of(&job)?;
    let Some(plan) = plan(db, claim, &actor, &job.csv_text, &columns).await? else {
        tracing::warn!(job = claim.id, "import claim lost to another node");
        return Ok(());
    };
    let Plan { mut report, creates, updates, create_rows } = plan;
    if !committing || report.has_errors() {
        store::finish(db, claim, JobState::Checked.as_str(), &report_json(&report)?).await?;
        return Ok(());
    }
    if !store::saving(db, claim).await? {
        return Ok(());
    }
    let mut done = report.clone();
    done.committed = true;
    let written = store::write(db, claim, actor.municipality_id, actor.user_id, &creates, &updates, |ids| {
        let mut done = done.clone();
        for (row, id) in create_rows.iter().zip(ids) {
            if let Some(r) = done.rows.get_mut(*row) {
                r.candidate_id = Some(*id);
            }
        }
        serde_json::to_string(&done).unwrap_or_default()
    })
    .await;
    match written {
        Ok(created) => {
            tracing::info!(job = claim.id, created = created.len(), updated = updates.len(), "candidates imported");
            if usize::try_from(job.total_rows).unwrap_or(usize::MAX) > INLINE_ROWS {
                // A large import may change the table sizes a lot: plans made for the old sizes
                // would be slow until the next hourly refresh. Statistics are no data, so a
                // failure is only logged.
                if let Err(error) = db.refresh_statistics().await {
                    tracing::warn!(%error, "refreshing the planner statistics after an import failed");
                }
            }
            Ok(())
        }
        Err(WriteError::ClaimLost) => Ok(()),
        Err(WriteError::Conflict) => {
            report.problems.push(FileProblem::ChangedMeanwhile);
            store::finish(db, claim, JobState::Checked.as_str(), &report_json(&report)?).await?;
            Ok(())
        }
        Err(WriteError::Database(error)) => Err(AppError::from(error)),
    }
}

mod planning;
use planning::*;
