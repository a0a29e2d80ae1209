//! The migrations, in order. Append-only: a released migration is never edited; a change is a
//! new entry. Each table module owns the SQL of its own migrations.

use rusqlite::Connection;

use crate::{
    assessments, consensus, groups, learners, names, plans, practice, progress, quiz_results,
    settings, teams, timers, trash, workshops,
};

/// Marks the file as ours in SQLite's header ("DMSS").
pub(crate) const APPLICATION_ID: i32 = 0x444D_5353;

/// One part of a migration: SQL, or Rust for what SQL cannot compute (Unicode keys).
enum Step {
    Sql(&'static str),
    /// A Rust step and the name the schema test pins it by (its code is not hashable).
    Rust(
        #[cfg_attr(not(test), allow(dead_code, reason = "read by the schema test only"))]
        &'static str,
        fn(&Connection) -> rusqlite::Result<()>,
    ),
}

impl Step {
    /// What the schema test hashes: the SQL, or the Rust step's name.
    #[cfg(test)]
    fn pinned_text(&self) -> &'static str {
        match self {
            Sql(sql) => sql,
            Step::Rust(name, _) => name,
        }
    }
}

use Step::Sql;

/// Migration `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&[Step]] = &[
    &[Sql(teams::MIGRATION_1), Sql(settings::MIGRATION_1)],
    // 2: training — learner profiles, knowledge-check results, reading progress.
    &[
        Sql(learners::MIGRATION_2),
        Sql(quiz_results::MIGRATION_2),
        Sql(progress::MIGRATION_2),
    ],
    // 3: assessments — questionnaire snapshots, respondents, answers, targets, DORA answers.
    &[Sql(assessments::MIGRATION_3)],
    // workshops — a facilitated day of several teams, their sessions, agreed levels.
    &[
        Sql(workshops::MIGRATION_WORKSHOPS),
        Sql(consensus::MIGRATION_CONSENSUS),
    ],
    // plans — an improvement plan per assessment and its items, edited by the team.
    &[Sql(plans::MIGRATION_PLANS)],
    // quiz-result uuids — every record a user created has a UUID, for export and import.
    &[Sql(quiz_results::MIGRATION_QUIZ_RESULT_UUIDS)],
    // practice round — each workshop group's answers about EJ Airways.
    &[Sql(practice::MIGRATION_PRACTICE)],
    // name keys — `core::text::name_key` (NFC + full case folding); twins found are marked
    // and reported by `Store::name_clashes`, never refused.
    &[Step::Rust("names::recompute_keys", names::recompute_keys)],
    // trash — deleted rows kept for undo, purged after `trash::KEEP_DAYS` days.
    &[Sql(trash::MIGRATION_TRASH)],
    // groups — one level above teams (business unit, value stream …), and each team's group.
    &[Sql(groups::MIGRATION_GROUPS)],
    // trash numbers — never reused (AUTOINCREMENT), so an undo cannot restore another delete.
    &[Sql(trash::MIGRATION_TRASH_NUMBERS)],
    // timers — the day's activity countdowns, shared by every page and kept across a restart.
    &[Sql(timers::MIGRATION_TIMERS)],
    // respondent roles — practitioner or leader, so leaders' ratings of leadership show apart.
    &[Sql(assessments::MIGRATION_ROLES)],
    // practice versions — the questionnaire version each practice answer was given on, so an
    // old round is compared with today's key only where both versions ask alike; the answers
    // already stored get the version `practice::inferred_version` finds, or stay unknown.
    &[
        Sql(practice::MIGRATION_VERSIONS),
        Step::Rust("practice::infer_versions", practice::infer_versions),
    ],
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
        for step in *parts {
            match step {
                Sql(sql) => tx.execute_batch(sql)?,
                Step::Rust(_, run) => run(&tx)?,
            }
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", i as u32 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod upgrade;

#[cfg(test)]
mod tests {
    use super::MIGRATIONS;

    /// FNV-1a, 64 bits: enough to notice any edit, with no dependency.
    fn fnv1a(text: &str) -> u64 {
        text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
    }

    /// The SQL of each shipped migration, by hash. A new migration appends its hash here; an
    /// edit of a shipped one fails this test — write a new migration instead.
    const SHIPPED: &[u64] = &[
        0x38e7_0eee_b60b_6dd7,
        0x720d_a49f_b208_49bc,
        0x07a2_f2a1_468e_daf0,
        0x68a5_5c1a_1514_4d58,
        0x1269_16e9_1117_8ee3,
        0x2495_5e4f_9cc3_fc1a,
        0xd8dc_3d3c_87ae_5682,
        0x6800_be04_dfd4_6458,
        0x1be2_9c55_62be_b2f3,
        0x404e_34d7_a98b_84b2,
        0x4713_a746_b60f_7f22,
        0x5ec9_8426_cc10_99f0,
        0xd5b8_1179_810f_bf75,
        0x5a99_8e64_4791_c244,
    ];

    #[test]
    fn shipped_migrations_are_never_edited() {
        let hashes: Vec<u64> = MIGRATIONS
            .iter()
            .map(|parts| {
                let text: String = parts.iter().map(|step| step.pinned_text()).collect();
                fnv1a(&text)
            })
            .collect();
        for (version, (now, pinned)) in hashes.iter().zip(SHIPPED).enumerate() {
            assert_eq!(
                now,
                pinned,
                "migration {} was edited after it shipped; add a new migration instead",
                version + 1
            );
        }
        assert_eq!(
            hashes.len(),
            SHIPPED.len(),
            "a new migration: pin its hash in SHIPPED; the hashes are {hashes:#x?}"
        );
    }
}
