//! E-mail notifications: a background task on every node that claims unsent notifications
//! (`app::candidates::activity::outbox`), checks each recipient again, and sends one plain-text mail per
//! notification over SMTP. Runs only when `AUTOPORT_SMTP_URL` is set.

pub mod smtp;

use crate::background::Periodic;
use app::candidates::activity::outbox::{self, Batch, ClaimRules, Prepared};
use app::db::Db;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
pub use smtp::MailConfig;
use std::time::Duration;
use time::OffsetDateTime;

/// One node's sender.
pub struct Outbox {
    db: Db,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    public_url: String,
    pub rules: ClaimRules,
}

/// What one step did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub sent: usize,
    pub skipped: usize,
    pub failed: usize,
}

impl Outbox {
    pub fn new(config: &MailConfig, public_url: &str, db: Db) -> Result<Outbox, String> {
        Ok(Outbox {
            db,
            transport: config.smtp.transport()?,
            from: config.from.clone(),
            public_url: public_url.trim_end_matches('/').to_owned(),
            rules: ClaimRules::default(),
        })
    }

    /// Claims one batch now and works through it.
    pub async fn step(&self) -> Report {
        self.step_at(OffsetDateTime::now_utc()).await
    }

    /// [`step`](Self::step) as if it were `now` (tests move the clock to retry stale claims).
    /// Never fails: every problem is logged and the row stays for a later attempt.
    pub async fn step_at(&self, now: OffsetDateTime) -> Report {
        let batch = match outbox::claim(&self.db, &self.rules, now).await {
            Ok(batch) => batch,
            Err(error) => {
                tracing::warn!(%error, "mail outbox: claiming failed");
                return Report::default();
            }
        };
        let mut report = Report::default();
        for row in &batch.rows {
            match self.deliver(&batch, row.id, row.user_id).await {
                Ok(true) => report.sent += 1,
                Ok(false) => report.skipped += 1,
                Err(error) => {
                    report.failed += 1;
                    tracing::warn!(notification = row.id, %error, "mail outbox: not sent, will retry later");
                    if let Err(error) = outbox::mark_failed(&self.db, row.id, batch.claimed_at, &self.rules).await {
                        tracing::warn!(notification = row.id, %error, "mail outbox: recording the failure failed");
                    }
                }
            }
        }
        if !batch.rows.is_empty() {
            tracing::info!(sent = report.sent, skipped = report.skipped, failed = report.failed, "mail outbox");
        }
        report
    }

    /// `Ok(true)` sent, `Ok(false)` done without a mail, `Err` to retry.
    async fn deliver(&self, batch: &Batch, id: i64, user_id: i64) -> Result<bool, String> {
        let claimed = outbox::Claimed { id, user_id };
        let prepared = outbox::prepare(&self.db, claimed, &self.public_url).await.map_err(|e| e.to_string())?;
        match prepared {
            Prepared::Skip(why) => {
                outbox::mark_skipped(&self.db, id, batch.claimed_at, why).await.map_err(|e| e.to_string())?;
                Ok(false)
            }
            Prepared::Send { to, mail } => {
                let message = smtp::message(&self.from, &to, &mail.subject, mail.body)?;
                self.transport.send(message).await.map_err(|e| format!("SMTP: {e}"))?;
                // Sent but not recorded (the database went away just now) would mean one
                // duplicate after the claim goes stale: logged, as nothing better is possible.
                outbox::mark_sent(&self.db, id, batch.claimed_at, OffsetDateTime::now_utc())
                    .await
                    .map_err(|e| format!("sent, but not recorded: {e}"))?;
                Ok(true)
            }
        }
    }
}

/// Starts the outbox task: one step every `interval`, the first right away.
pub fn spawn(outbox: Outbox, interval: Duration) -> Periodic {
    let outbox = std::sync::Arc::new(outbox);
    Periodic::spawn("mail outbox", interval, move || {
        let outbox = outbox.clone();
        async move {
            outbox.step().await;
        }
    })
}

/// Starts the task when mail is configured; `None` (and no claims at all) otherwise.
pub fn start(config: &crate::config::Config, db: Db) -> Result<Option<Periodic>, String> {
    let Some(mail) = &config.mail else {
        tracing::info!("no AUTOPORT_SMTP_URL: e-mail notifications are off");
        return Ok(None);
    };
    let outbox = Outbox::new(mail, &config.public_url, db)?;
    tracing::info!(smtp = ?mail.smtp, from = %mail.from, "e-mail notifications on");
    Ok(Some(spawn(outbox, mail.interval)))
}
