//! Work every node does in the background on a timer (sending the mail outbox, running import
//! jobs, keeping the query planner's statistics). The outbox and import steps claim their rows
//! in the database, so several nodes never do the same work.

use app::db::Db;
use std::future::Future;
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// A running periodic task; [`stop`](Periodic::stop) ends it with the server.
pub struct Periodic {
    name: &'static str,
    stop: watch::Sender<bool>,
    handle: JoinHandle<()>,
}

impl Periodic {
    /// Runs `step` every `interval`, the first right away; a step that overruns delays the next
    /// instead of causing a burst.
    pub fn spawn<F, Fut>(name: &'static str, interval: Duration, mut step: F) -> Periodic
    where
        F: FnMut() -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send,
    {
        let (stop, mut stopped) = watch::channel(false);
        let handle = tokio::spawn(async move {
            let mut ticks = tokio::time::interval(interval);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    _ = ticks.tick() => step().await,
                    _ = stopped.changed() => break,
                }
            }
            tracing::info!(task = name, "background task stopped");
        });
        Periodic { name, stop, handle }
    }

    /// Lets the step in hand finish (at most `grace`), then ends the task. Work cut short keeps
    /// its claim in the database and is done by a node once the claim is stale.
    pub async fn stop(self, grace: Duration) {
        let _ = self.stop.send(true);
        let mut handle = self.handle;
        if tokio::time::timeout(grace, &mut handle).await.is_err() {
            tracing::warn!(
                task = self.name,
                "background task did not finish in time; its claimed work will be retried"
            );
            handle.abort();
        }
    }
}

/// Refreshes the query planner's statistics every `interval`, the first time at start
/// ([`Db::refresh_statistics`]: a full `ANALYZE` on SQLite, nothing on PostgreSQL). A failure is
/// only logged: stale statistics slow queries down but are no reason to fail anything.
pub fn planner_statistics(db: Db, interval: Duration) -> Periodic {
    Periodic::spawn("planner statistics", interval, move || {
        let db = db.clone();
        async move {
            let started = std::time::Instant::now();
            match db.refresh_statistics().await {
                Ok(()) => {
                    tracing::debug!(elapsed_ms = started.elapsed().as_millis() as u64, "planner statistics refreshed")
                }
                Err(error) => tracing::warn!(%error, "refreshing the planner statistics failed"),
            }
        }
    })
}

/// Every `interval`, runs waiting (or stale) import jobs one after the other. Every node runs
/// one; the claim in the database keeps a job to one node. A job cut short when the server
/// stops keeps its claim and is run again once the claim is stale: nothing of it was written,
/// the rows go in one transaction.
pub fn candidate_imports(db: Db, interval: Duration) -> Periodic {
    Periodic::spawn("candidate import", interval, move || {
        let db = db.clone();
        async move {
            loop {
                match app::candidates::import::service::step(&db, time::OffsetDateTime::now_utc()).await {
                    Ok(Some(_)) => continue,
                    Ok(None) => break,
                    Err(error) => {
                        tracing::warn!(%error, "candidate import: a job failed");
                        break;
                    }
                }
            }
        }
    })
}
