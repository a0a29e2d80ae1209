//! Learners, their quiz results and the chapters they read, as an export file holds them.

use serde_json::Value;

use super::{ID, MAX_QUIZ_OPTION, MAX_QUIZ_QUESTIONS};
use crate::exchange::format::{ChapterReadRecord, LearnerRecord, QuizResultRecord};
use crate::exchange::reader::{integer_in, object, shown, Problems, Text};

pub(super) fn learner(value: &Value, at: &str, p: &mut Problems) -> Option<LearnerRecord> {
    let o = object(value, at, p)?;
    o.only(&["uuid", "name", "team", "created_at"], p);
    Some(LearnerRecord {
        uuid: o.uuid("uuid", p),
        name: o.text("name", Text::name(crate::learners::MAX_NAME), p),
        team: o.opt_uuid("team", p),
        created_at: o.timestamp("created_at", p),
    })
}

pub(super) fn quiz_result(value: &Value, at: &str, p: &mut Problems) -> Option<QuizResultRecord> {
    let o = object(value, at, p)?;
    o.only(
        &[
            "uuid", "learner", "module", "correct", "total", "answers", "taken_at",
        ],
        p,
    );
    let total = o.integer("total", 1..=MAX_QUIZ_QUESTIONS, p);
    let correct = o.integer("correct", 0..=MAX_QUIZ_QUESTIONS, p);
    if let (Some(c), Some(t)) = (correct, total) {
        if c > t {
            p.push(
                o.path("correct"),
                format!("{c} correct answers out of {t} is not possible"),
            );
        }
    }
    let items = o.list("answers", true, p);
    if let Some(t) = total {
        if items.len() as u64 != t {
            p.push(
                o.path("answers"),
                format!("has {} answers for {t} questions", items.len()),
            );
        }
    }
    let answers = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let at = format!("{}[{i}]", o.path("answers"));
            match item {
                Value::Array(options) if options.len() as u64 <= MAX_QUIZ_OPTION => options
                    .iter()
                    .enumerate()
                    .filter_map(|(j, v)| {
                        integer_in(v, &format!("{at}[{j}]"), 0..=MAX_QUIZ_OPTION, p)
                            .map(|n| n as u32)
                    })
                    .collect(),
                other => {
                    p.push(
                        at,
                        format!(
                            "must be a list of chosen option numbers, not {}",
                            shown(other)
                        ),
                    );
                    Vec::new()
                }
            }
        })
        .collect();
    Some(QuizResultRecord {
        uuid: o.uuid("uuid", p),
        learner: o.uuid("learner", p),
        module: o.text("module", ID, p),
        correct: correct.unwrap_or(0) as u32,
        total: total.unwrap_or(1) as u32,
        answers,
        taken_at: o.timestamp("taken_at", p),
    })
}

pub(super) fn chapter_read(value: &Value, at: &str, p: &mut Problems) -> Option<ChapterReadRecord> {
    let o = object(value, at, p)?;
    o.only(&["learner", "chapter", "read_at"], p);
    Some(ChapterReadRecord {
        learner: o.opt_uuid("learner", p),
        chapter: o.text("chapter", ID, p),
        read_at: o.timestamp("read_at", p),
    })
}
