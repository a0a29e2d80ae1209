//! The one thread that talks to the store. `rusqlite::Connection` is not `Sync`, and SQLite
//! writes one transaction at a time anyway, so every request's store work is queued here.
//!
//! Group commit: the thread takes every job waiting in the queue (up to [`MAX_BATCH`]), runs
//! them inside one transaction, each in its own savepoint (a refused answer rolls back only
//! itself), then commits once and only then answers each job. So "saved" always means
//! "durable" (the store runs with `synchronous=FULL`), and a burst of answers costs one disk
//! flush per batch instead of one per answer.

use std::sync::mpsc;
use std::thread;

use devops_maturity_store::{Store, StoreError};
use tokio::sync::oneshot;

use crate::StoreAccess;

/// Jobs per transaction at most, so one batch never holds the store for long.
const MAX_BATCH: usize = 256;

/// What a job hands back to run after the batch's commit: told the commit's error, if any.
type Reply = Box<dyn FnOnce(Option<&str>) + Send>;
type Job = Box<dyn FnOnce(&mut Store) -> Reply + Send>;

/// Why store work did not happen.
#[derive(Debug, Clone, PartialEq)]
pub enum WriteError {
    /// The store refused it (bad input, unknown question, completed assessment …).
    Refused(String),
    /// The store is not there or failed (closed database, disk error, session ended).
    Unavailable(String),
}

/// The sending side; cloning is cheap. Dropping the last one ends the thread.
#[derive(Clone)]
pub struct Writer {
    queue: mpsc::Sender<Job>,
}

impl Writer {
    pub fn spawn(access: StoreAccess) -> std::io::Result<Writer> {
        let (queue, jobs) = mpsc::channel::<Job>();
        thread::Builder::new()
            .name("live-store".into())
            .spawn(move || run(&access, &jobs))?;
        Ok(Writer { queue })
    }

    /// Runs `f` on the store thread, inside a savepoint of the current batch, and resolves
    /// once the batch is committed.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, WriteError> {
        let (tx, rx) = oneshot::channel();
        let job: Job = Box::new(move |store: &mut Store| {
            let result = store.in_transaction(f);
            Box::new(move |commit_error: Option<&str>| {
                let answer = match (commit_error, result) {
                    (Some(e), _) => Err(WriteError::Unavailable(e.to_string())),
                    (None, Ok(v)) => Ok(v),
                    (None, Err(e @ (StoreError::Sqlite(_) | StoreError::Busy))) => {
                        Err(WriteError::Unavailable(e.to_string()))
                    }
                    (None, Err(e)) => Err(WriteError::Refused(e.to_string())),
                };
                let _ = tx.send(answer);
            })
        });
        self.queue
            .send(job)
            .map_err(|_| WriteError::Unavailable("the session has ended".into()))?;
        rx.await
            .map_err(|_| WriteError::Unavailable("the store thread stopped".into()))?
    }
}

fn run(access: &StoreAccess, jobs: &mpsc::Receiver<Job>) {
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let mut replies: Vec<Reply> = Vec::with_capacity(batch.len());
        let mut pending = Some(batch);
        let mut commit_error: Option<String> = None;
        let reached = access(&mut |store: &mut Store| {
            let Some(batch) = pending.take() else { return };
            let outcome = store.in_transaction(|store| {
                for job in batch {
                    replies.push(job(store));
                }
                Ok(())
            });
            if let Err(e) = outcome {
                commit_error = Some(e.to_string());
            }
        });
        if let Err(e) = reached {
            commit_error = Some(e);
        }
        // Jobs never run (the store could not be had) are dropped: their callers see the
        // thread's reply channel closed, i.e. "unavailable".
        drop(pending);
        for reply in replies {
            reply(commit_error.as_deref());
        }
    }
}
