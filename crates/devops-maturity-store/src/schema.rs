//! The migrations, in order. Append-only: a released migration is never edited; a change is a
//! new entry. Each table module owns the SQL of its own migrations.

use rusqlite::Connection;

use crate::{
    assessments, consensus, exchange, learners, plans, practice, progress, quiz_results, settings,
    teams, workshops,
};

/// Marks the file as ours in SQLite's header ("DMSS").
pub(crate) const APPLICATION_ID: i32 = 0x444D_5353;

/// Migration `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&[&str]] = &[
    &[teams::MIGRATION_1, settings::MIGRATION_1],
    // 2: training — learner profiles, knowledge-check results, reading progress.
    &[
        learners::MIGRATION_2,
        quiz_results::MIGRATION_2,
        progress::MIGRATION_2,
    ],
    // 3: assessments — questionnaire snapshots, respondents, answers, targets, DORA answers.
    &[assessments::MIGRATION_3],
    // workshops — a facilitated day of several teams, their sessions, agreed levels.
    &[
        workshops::MIGRATION_WORKSHOPS,
        consensus::MIGRATION_CONSENSUS,
    ],
    // plans — an improvement plan per assessment and its items, edited by the team.
    &[plans::MIGRATION_PLANS],
    // quiz-result uuids — every record a user created has a UUID, for export and import.
    &[exchange::MIGRATION_QUIZ_RESULT_UUIDS],
    // practice round — each workshop group's answers about EJ Airways.
    &[practice::MIGRATION_PRACTICE],
];

/// The schema version this build writes.
pub const LATEST_VERSION: u32 = MIGRATIONS.len() as u32;

/// Applies every pending migration, each in its own transaction together with the version bump.
pub(crate) fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let current: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (i, parts) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another program may have applied it while this one waited for the write lock.
        let now: u32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if now > i as u32 {
            continue;
        }
        for sql in *parts {
            tx.execute_batch(sql)?;
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", i as u32 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
