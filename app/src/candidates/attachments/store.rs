//! Attachments in the database: metadata apart from the content, so lists never read a file.

use crate::candidates::activity::store::AUDIT;
use crate::candidates::attachments::AttachmentVisibility;
use crate::candidates::store::known;
use crate::common::error::AppResult;
use crate::db::Db;
use crate::identity::model::PersonRef;
use crate::with_pool;
use time::OffsetDateTime;

const INSERT: &str = "INSERT INTO candidate_attachments \
        (candidate_id, uploaded_by, file_name, content_type, size_bytes, sha256, visibility, data, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";

/// Uploaders of other municipalities are withheld; erased ones are former employees.
const LIST: &str = "SELECT a.id, a.uploaded_by, a.file_name, a.content_type, a.size_bytes, a.sha256, a.visibility, \
            a.created_at, u.display_name, \
            CASE WHEN u.id IS NULL OR u.erased_at IS NOT NULL THEN 'erased' WHEN u.municipality_id = $2 THEN 'named' \
                 ELSE 'withheld' END AS uploader_kind \
     FROM candidate_attachments a LEFT JOIN users u ON u.id = a.uploaded_by \
     WHERE a.candidate_id = $1 ORDER BY a.created_at, a.id";

const META: &str =
    "SELECT uploaded_by, file_name, visibility FROM candidate_attachments WHERE id = $1 AND candidate_id = $2";

const FILE: &str =
    "SELECT file_name, content_type, visibility, data FROM candidate_attachments WHERE id = $1 AND candidate_id = $2";

const DELETE: &str = "DELETE FROM candidate_attachments WHERE id = $1 AND candidate_id = $2";

pub struct NewAttachment<'a> {
    pub candidate_id: i64,
    pub uploaded_by: i64,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub sha256: &'a str,
    pub visibility: AttachmentVisibility,
    pub data: &'a [u8],
}

/// One attachment's metadata, with the uploader as the reader may see them.
pub struct Row {
    pub id: i64,
    pub uploader_id: Option<i64>,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub visibility: AttachmentVisibility,
    pub uploaded_by: PersonRef,
    pub created_at: OffsetDateTime,
}

pub struct Meta {
    pub uploader_id: Option<i64>,
    pub file_name: String,
    pub visibility: AttachmentVisibility,
}

pub struct File {
    pub file_name: String,
    pub content_type: String,
    pub visibility: AttachmentVisibility,
    pub data: Vec<u8>,
}

#[derive(sqlx::FromRow)]
struct ListRow {
    id: i64,
    uploaded_by: Option<i64>,
    file_name: String,
    content_type: String,
    size_bytes: i64,
    sha256: String,
    visibility: String,
    created_at: OffsetDateTime,
    display_name: Option<String>,
    uploader_kind: String,
}

#[derive(sqlx::FromRow)]
struct MetaRow {
    uploaded_by: Option<i64>,
    file_name: String,
    visibility: String,
}

#[derive(sqlx::FromRow)]
struct FileRow {
    file_name: String,
    content_type: String,
    visibility: String,
    data: Vec<u8>,
}

fn visibility(stored: &str) -> AppResult<AttachmentVisibility> {
    known(AttachmentVisibility::parse(stored), "attachment visibility", stored)
}

/// Stores the file and its audit event in one transaction.
pub async fn insert(db: &Db, new: &NewAttachment<'_>) -> AppResult<i64> {
    let now = OffsetDateTime::now_utc();
    let size = i64::try_from(new.data.len()).unwrap_or(i64::MAX);
    let id = with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let id: i64 = sqlx::query_scalar(INSERT)
            .bind(new.candidate_id).bind(new.uploaded_by).bind(new.file_name).bind(new.content_type).bind(size)
            .bind(new.sha256).bind(new.visibility.as_str()).bind(new.data).bind(now)
            .fetch_one(&mut *tx).await?;
        sqlx::query(AUDIT).bind(new.candidate_id).bind(new.uploaded_by).bind(now).bind("attachment_added")
            .bind(None::<String>).bind(new.file_name)
            .execute(&mut *tx).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(id)
    })?;
    Ok(id)
}

/// Every attachment of the candidate, oldest first, uploaders named for readers of
/// `reader_municipality` only. The caller filters by visibility.
pub async fn list(db: &Db, candidate_id: i64, reader_municipality: Option<i64>) -> AppResult<Vec<Row>> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, ListRow>(LIST)
        .bind(candidate_id)
        .bind(reader_municipality.unwrap_or(0))
        .fetch_all(pool)
        .await)?;
    rows.into_iter()
        .map(|r| {
            let uploaded_by = match (r.uploader_kind.as_str(), r.display_name) {
                ("named", Some(name)) => PersonRef::Named(name),
                ("erased", _) => PersonRef::FormerEmployee,
                _ => PersonRef::Withheld,
            };
            Ok(Row {
                id: r.id,
                uploader_id: r.uploaded_by,
                file_name: r.file_name,
                content_type: r.content_type,
                size_bytes: r.size_bytes,
                sha256: r.sha256,
                visibility: visibility(&r.visibility)?,
                uploaded_by,
                created_at: r.created_at,
            })
        })
        .collect()
}

pub async fn meta(db: &Db, candidate_id: i64, attachment_id: i64) -> AppResult<Option<Meta>> {
    let row = with_pool!(db, pool => sqlx::query_as::<_, MetaRow>(META)
        .bind(attachment_id).bind(candidate_id).fetch_optional(pool).await)?;
    row.map(|r| Ok(Meta { uploader_id: r.uploaded_by, file_name: r.file_name, visibility: visibility(&r.visibility)? }))
        .transpose()
}

pub async fn file(db: &Db, candidate_id: i64, attachment_id: i64) -> AppResult<Option<File>> {
    let row = with_pool!(db, pool => sqlx::query_as::<_, FileRow>(FILE)
        .bind(attachment_id).bind(candidate_id).fetch_optional(pool).await)?;
    row.map(|r| {
        Ok(File {
            file_name: r.file_name,
            content_type: r.content_type,
            visibility: visibility(&r.visibility)?,
            data: r.data,
        })
    })
    .transpose()
}

/// Deletes the attachment and writes its audit event in one transaction; false when it was
/// gone already.
pub async fn delete(db: &Db, actor_id: i64, candidate_id: i64, attachment_id: i64, file_name: &str) -> AppResult<bool> {
    let now = OffsetDateTime::now_utc();
    let deleted = with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let done = sqlx::query(DELETE).bind(attachment_id).bind(candidate_id).execute(&mut *tx).await?;
        if done.rows_affected() == 1 {
            sqlx::query(AUDIT).bind(candidate_id).bind(actor_id).bind(now).bind("attachment_deleted")
                .bind(file_name).bind(None::<String>)
                .execute(&mut *tx).await?;
            tx.commit().await?;
        }
        Ok::<_, sqlx::Error>(done.rows_affected() == 1)
    })?;
    Ok(deleted)
}
