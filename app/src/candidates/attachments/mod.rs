//! Files attached to a candidate: stored in the database (so any node serves them and none
//! keeps files of its own), checked by their content against an allow-list, limited in size,
//! each with its own visibility. Other municipalities see only shared attachments and never
//! who uploaded them; every upload and deletion is in the candidate's history.

/// Plain axum routes of this feature, merged by the server.
#[cfg(feature = "ssr")]
pub mod http;
#[cfg(feature = "ssr")]
pub mod name;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod sniff;
#[cfg(feature = "ssr")]
pub mod store;

pub use crate::common::enums::AttachmentVisibility;
use crate::common::error::AppError;
use crate::common::locale::Locale;
use crate::identity::model::PersonRef;
use serde::{Deserialize, Serialize};

/// An attachment as the reader may see it (never its content).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Attachment {
    pub id: i64,
    pub file_name: String,
    /// The type checked from the content, e.g. `application/pdf`.
    pub content_type: String,
    pub size_bytes: i64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    pub visibility: AttachmentVisibility,
    /// Withheld from other municipalities; "former employee" once erased.
    pub uploaded_by: PersonRef,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: time::OffsetDateTime,
    /// The reader may delete it (its uploader, and those who may edit the candidate).
    pub may_delete: bool,
}

/// The attachments section of a candidate's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttachmentsView {
    pub items: Vec<Attachment>,
    pub may_attach: bool,
    /// The size limit, in megabytes (`AUTOPORT_ATTACHMENT_MAX_MB`).
    pub max_mb: u32,
    /// The allowed extensions, for the file input's `accept` attribute (".pdf,.png,…").
    pub accept: String,
}

/// What became of the last upload or deletion posted from the page (carried across the
/// redirect in the session, see `flash`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum AttachmentNotice {
    Added { file_name: String },
    Deleted { file_name: String },
    Refused(AppError),
}

/// A size as people read it: bytes, then KB and MB (1024-based) with one decimal.
pub fn human_size(locale: Locale, bytes: i64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes.max(0) as f64;
    if b < KB {
        format!("{bytes} B")
    } else if b < KB * KB {
        format!("{} KB", locale.number(b / KB, 1))
    } else {
        format!("{} MB", locale.number(b / (KB * KB), 1))
    }
}

/// A short, language-neutral name of a stored content type ("PDF", "DOCX").
pub fn kind_label(content_type: &str) -> &'static str {
    match content_type.split(';').next().unwrap_or_default().trim() {
        "application/pdf" => "PDF",
        "image/png" => "PNG",
        "image/jpeg" => "JPEG",
        "image/gif" => "GIF",
        "image/webp" => "WebP",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "DOCX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "XLSX",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => "PPTX",
        "application/vnd.oasis.opendocument.text" => "ODT",
        "application/vnd.oasis.opendocument.spreadsheet" => "ODS",
        "application/vnd.oasis.opendocument.presentation" => "ODP",
        "text/plain" => "TXT",
        "text/csv" => "CSV",
        "application/xml" => "BPMN",
        _ => "–",
    }
}

/// Megabytes as the size limit counts them.
pub const MB: u64 = 1024 * 1024;

#[cfg(feature = "ssr")]
pub use service::*;

#[cfg(feature = "ssr")]
mod service {
    use super::sniff::{self, Refusal};
    use super::{name, Attachment, AttachmentVisibility, AttachmentsView, MB};
    use crate::candidates::activity::store::{self as activity, Facts};
    use crate::candidates::attachments::store;
    use crate::common::error::{AppError, AppResult, Invalid};
    use crate::db::Db;
    use crate::identity::model::Actor;
    use crate::identity::policy;
    use sha2::{Digest, Sha256};

    /// The form fields of an upload.
    pub const FILE_FIELD: &str = "file";
    pub const VISIBILITY_FIELD: &str = "visibility";

    /// A file as it arrived.
    pub struct Upload {
        pub candidate_id: i64,
        /// The name the browser gave.
        pub file_name: String,
        pub data: Vec<u8>,
        /// `municipality` or `shared`, as the form posted it.
        pub visibility: String,
    }

    /// A stored file, to send.
    pub struct AttachmentFile {
        pub file_name: String,
        pub content_type: String,
        pub data: Vec<u8>,
    }

    /// The refusal of a file larger than `max_bytes`.
    pub fn too_large(max_bytes: u64) -> AppError {
        let max_mb = u32::try_from(max_bytes / MB).unwrap_or(u32::MAX);
        AppError::invalid(FILE_FIELD, Invalid::FileTooLarge { max_mb })
    }

    async fn facts(db: &Db, id: i64) -> AppResult<Facts> {
        activity::facts(db, id).await?.ok_or(AppError::NotFound)
    }

    /// Whether the caller may attach files to the candidate, asked before an upload is read.
    pub async fn check_may_attach(db: &Db, actor: Option<&Actor>, candidate_id: i64) -> AppResult<()> {
        let facts = facts(db, candidate_id).await?;
        policy::may_attach(actor, facts.access()?).map(|_| ())
    }

    /// The attachments the caller may see, trimmed for them, and what they may do.
    pub async fn view(db: &Db, actor: Option<&Actor>, candidate_id: i64, max_bytes: u64) -> AppResult<AttachmentsView> {
        let facts = facts(db, candidate_id).await?;
        let access = facts.access()?;
        if !policy::may_view_candidate(actor, access) {
            // As the candidate's page answers (`service::get`), also for visitors: the section
            // is part of that page, and its error must not give the page another status.
            return Err(AppError::NotFound);
        }
        let rows = store::list(db, candidate_id, actor.map(|a| a.municipality_id)).await?;
        let items = rows
            .into_iter()
            .filter(|row| policy::may_see_attachment(actor, access, row.visibility))
            .map(|row| Attachment {
                may_delete: policy::may_delete_attachment(actor, access, facts.owner_id, row.uploader_id).is_ok(),
                id: row.id,
                file_name: row.file_name,
                content_type: row.content_type,
                size_bytes: row.size_bytes,
                sha256: row.sha256,
                visibility: row.visibility,
                uploaded_by: row.uploaded_by,
                created_at: row.created_at,
            })
            .collect();
        Ok(AttachmentsView {
            items,
            may_attach: policy::may_attach(actor, access).is_ok(),
            max_mb: u32::try_from(max_bytes / MB).unwrap_or(u32::MAX),
            accept: sniff::Kind::accept(),
        })
    }

    /// Stores a file on a candidate of the caller's municipality after checking its size, its
    /// name and its content; audited in the same transaction. Returns the id and the stored name.
    #[tracing::instrument(skip(db, actor, upload), fields(candidate = upload.candidate_id))]
    pub async fn upload(db: &Db, actor: Option<&Actor>, max_bytes: u64, upload: Upload) -> AppResult<(i64, String)> {
        let facts = facts(db, upload.candidate_id).await?;
        let actor = policy::may_attach(actor, facts.access()?)?;
        let visibility = AttachmentVisibility::parse(upload.visibility.trim())
            .ok_or_else(|| AppError::invalid(VISIBILITY_FIELD, Invalid::UnknownChoice))?;
        if u64::try_from(upload.data.len()).unwrap_or(u64::MAX) > max_bytes {
            return Err(too_large(max_bytes));
        }
        let file_name = name::sanitize(&upload.file_name)
            .filter(|_| !upload.data.is_empty())
            .ok_or_else(|| AppError::invalid(FILE_FIELD, Invalid::Required))?;
        let kind = sniff::check(&file_name, &upload.data).map_err(|refusal| {
            AppError::invalid(
                FILE_FIELD,
                match refusal {
                    Refusal::UnknownKind => Invalid::FileType,
                    Refusal::ExtensionMismatch => Invalid::FileTypeMismatch,
                },
            )
        })?;
        let sha256: String = Sha256::digest(&upload.data).iter().map(|b| format!("{b:02x}")).collect();
        let new = store::NewAttachment {
            candidate_id: facts.id,
            uploaded_by: actor.user_id,
            file_name: &file_name,
            content_type: kind.content_type(),
            sha256: &sha256,
            visibility,
            data: &upload.data,
        };
        let id = store::insert(db, &new).await?;
        tracing::info!(attachment = id, user = actor.user_id, bytes = upload.data.len(), "attachment added");
        Ok((id, file_name))
    }

    /// The file, when the caller may see it; an attachment they may not see does not exist
    /// for them (`NotFound`), and a visitor is asked to sign in when the candidate is not public.
    pub async fn download(
        db: &Db,
        actor: Option<&Actor>,
        candidate_id: i64,
        attachment_id: i64,
    ) -> AppResult<AttachmentFile> {
        let facts = facts(db, candidate_id).await?;
        let access = facts.access()?;
        if !policy::may_view_candidate(actor, access) {
            return Err(if actor.is_none() { AppError::Unauthenticated } else { AppError::NotFound });
        }
        let file = store::file(db, candidate_id, attachment_id).await?.ok_or(AppError::NotFound)?;
        if !policy::may_see_attachment(actor, access, file.visibility) {
            return Err(AppError::NotFound);
        }
        Ok(AttachmentFile { file_name: file.file_name, content_type: file.content_type, data: file.data })
    }

    /// Deletes an attachment (its uploader, or those who may edit the candidate); audited in
    /// the same transaction. Returns the deleted file's name.
    #[tracing::instrument(skip(db, actor))]
    pub async fn delete(db: &Db, actor: Option<&Actor>, candidate_id: i64, attachment_id: i64) -> AppResult<String> {
        let facts = facts(db, candidate_id).await?;
        let access = facts.access()?;
        let meta = store::meta(db, candidate_id, attachment_id).await?.ok_or(AppError::NotFound)?;
        if !policy::may_see_attachment(actor, access, meta.visibility) {
            return Err(if actor.is_none() { AppError::Unauthenticated } else { AppError::NotFound });
        }
        policy::may_delete_attachment(actor, access, facts.owner_id, meta.uploader_id)?;
        let actor = actor.ok_or(AppError::Unauthenticated)?;
        if !store::delete(db, actor.user_id, candidate_id, attachment_id, &meta.file_name).await? {
            return Err(AppError::NotFound);
        }
        tracing::info!(attachment = attachment_id, user = actor.user_id, "attachment deleted");
        Ok(meta.file_name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_people_write_them() {
        assert_eq!(human_size(Locale::En, 512), "512 B");
        assert_eq!(human_size(Locale::En, 2048), "2.0 KB");
        assert_eq!(human_size(Locale::Da, 1536), "1,5 KB");
        assert_eq!(human_size(Locale::De, 10 * 1024 * 1024), "10,0 MB");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn every_accepted_kind_has_a_label() {
        for kind in sniff::Kind::ALL {
            assert_ne!(kind_label(kind.content_type()), "–", "{kind:?}");
        }
    }
}
