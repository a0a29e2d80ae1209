//! The knowledge check in a live session: one question at a time, each phone's own shuffle and
//! answer while the timer runs, the distribution once closed, each participant graded once.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use devops_maturity_content::{Quiz, QuizQuestionKind, ShuffleKey};
use serde::Serialize;

use super::{ended, Mode, QuizPhase, Refusal, Room, QUIZ_GRACE, QUIZ_SECONDS};

#[derive(Debug)]
pub(super) struct QuizRun {
    pub(super) module_id: String,
    pub(super) title: String,
    pub(super) quiz: Arc<Quiz>,
    pub(super) index: usize,
    pub(super) phase: QuizPhase,
    pub(super) deadline: Option<Instant>,
    /// Participant id → their choice per question (authored option indexes, sorted; empty:
    /// not answered).
    pub(super) answers: HashMap<u32, Vec<Vec<usize>>>,
    /// Participant id → the option shuffle they see.
    pub(super) keys: HashMap<u32, ShuffleKey>,
    /// The results are being written (a second "finish" must not store them twice).
    pub(super) saving: bool,
    /// Once finished: each taker's score, and the room's summary.
    pub(super) scores: HashMap<u32, QuizScore>,
    pub(super) summary: Option<QuizSummary>,
}

impl QuizRun {
    pub(super) fn current(&self) -> &devops_maturity_content::QuizQuestion {
        &self.quiz.questions[self.index]
    }

    pub(super) fn seconds_left(&self, now: Instant) -> Option<u32> {
        match (self.phase, self.deadline) {
            (QuizPhase::Open, Some(deadline)) => {
                let left = deadline.saturating_duration_since(now);
                Some(left.as_secs() as u32 + u32::from(left.subsec_nanos() > 0))
            }
            _ => None,
        }
    }

    pub(super) fn mode(&self) -> Mode {
        Mode::Quiz {
            module_id: self.module_id.clone(),
            question: self.index as u32,
            phase: self.phase,
        }
    }
}

/// One participant's knowledge-check score, once the check is finished.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuizScore {
    pub correct: u32,
    pub total: u32,
    /// Stored as a learner result (false: anonymous, or the store refused the name).
    pub stored: bool,
}

/// A taker's graded check, as finishing hands it to the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizGraded {
    pub participant: u32,
    /// `None`: joined anonymously, counted but not stored.
    pub name: Option<String>,
    /// The participant's team (`teams` row).
    pub team_id: i64,
    pub correct: u32,
    pub total: u32,
    /// Per question, the chosen options (authored indexes; empty: not answered).
    pub answers: Vec<Vec<usize>>,
}

/// The room's knowledge-check results, for the projector: no names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuizSummary {
    /// Takers whose results were stored as learner results.
    pub stored: u32,
    /// Takers who joined without a name (counted here, not stored).
    pub anonymous: u32,
    /// Named takers whose result could not be stored.
    pub not_stored: u32,
    /// People per score: index `n` is "n correct".
    pub scores: Vec<u32>,
}

/// The knowledge check as the projector shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuizOverview {
    pub module_id: String,
    pub title: String,
    /// The current question, from 1.
    pub question: u32,
    pub questions: u32,
    pub phase: QuizPhase,
    pub seconds_left: Option<u32>,
    pub prompt: String,
    pub kind: QuizQuestionKind,
    /// The options in authored order.
    pub options: Vec<String>,
    /// People who answered the current question, of those in the room.
    pub answered: u32,
    pub present: u32,
    /// People per option, and the right options: only once the question is closed.
    pub distribution: Option<Vec<u32>>,
    pub correct: Option<Vec<usize>>,
    pub summary: Option<QuizSummary>,
}

/// One option on a phone: its authored index (what an answer names) and text; once the
/// question is closed, whether it is right and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuizChoice {
    pub index: usize,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correct: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
}

/// The knowledge check as one phone sees it: the current question only, its own answer only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuizPhoneView {
    pub title: String,
    pub question: u32,
    pub questions: u32,
    pub phase: QuizPhase,
    pub seconds_left: Option<u32>,
    /// `None` once finished.
    pub id: Option<String>,
    pub kind: QuizQuestionKind,
    pub prompt: String,
    pub options: Vec<QuizChoice>,
    pub chosen: Vec<usize>,
    pub result: Option<QuizScore>,
    pub anonymous: bool,
}

fn quiz_refusal(status: u16, code: &'static str, message: &str) -> Refusal {
    Refusal::new(status, code, message)
}

impl Room {
    pub(super) fn quiz_run(&self) -> Result<&QuizRun, Refusal> {
        if self.ended {
            return Err(ended());
        }
        self.quiz
            .as_ref()
            .filter(|_| matches!(self.mode, Mode::Quiz { .. }))
            .ok_or_else(|| quiz_refusal(409, "no-quiz", "no knowledge check is under way"))
    }

    pub(super) fn quiz_run_mut(&mut self) -> Result<&mut QuizRun, Refusal> {
        self.quiz_run()?;
        Ok(self.quiz.as_mut().expect("checked above"))
    }

    /// Starts module `module_id`'s knowledge check at its first question (not yet timed). A
    /// check already under way is replaced (its answers were never stored).
    pub fn start_quiz(
        &mut self,
        module_id: &str,
        title: &str,
        quiz: Arc<Quiz>,
    ) -> Result<Mode, Refusal> {
        if self.ended {
            return Err(ended());
        }
        if self.quiz.as_ref().is_some_and(|q| q.saving) {
            return Err(quiz_refusal(
                409,
                "saving",
                "the last knowledge check's results are being stored: wait a moment",
            ));
        }
        if quiz.questions.is_empty() {
            return Err(Refusal::new(
                404,
                "no-quiz",
                format!("module “{title}” has no knowledge-check questions"),
            ));
        }
        let run = QuizRun {
            module_id: module_id.to_string(),
            title: title.to_string(),
            quiz,
            index: 0,
            phase: QuizPhase::Ready,
            deadline: None,
            answers: HashMap::new(),
            keys: HashMap::new(),
            saving: false,
            scores: HashMap::new(),
            summary: None,
        };
        self.mode = run.mode();
        self.quiz = Some(run);
        Ok(self.mode.clone())
    }

    /// Starts (or restarts) the current question's timer: answers are taken for `seconds`.
    pub fn open_question(&mut self, seconds: u32, now: Instant) -> Result<Mode, Refusal> {
        if !QUIZ_SECONDS.contains(&seconds) {
            return Err(Refusal::new(
                400,
                "bad-seconds",
                format!(
                    "a question is timed for {} to {} seconds, not {seconds}",
                    QUIZ_SECONDS.start(),
                    QUIZ_SECONDS.end()
                ),
            ));
        }
        let run = self.quiz_run_mut()?;
        if !matches!(run.phase, QuizPhase::Ready | QuizPhase::Open) {
            return Err(quiz_refusal(
                409,
                "closed",
                "this question is closed: go on to the next one",
            ));
        }
        run.phase = QuizPhase::Open;
        run.deadline = Some(now + Duration::from_secs(u64::from(seconds)));
        self.mode = run.mode();
        Ok(self.mode.clone())
    }

    /// Closes the current question: no more answers; the distribution may be shown.
    pub fn close_question(&mut self) -> Result<Mode, Refusal> {
        let run = self.quiz_run_mut()?;
        if !matches!(run.phase, QuizPhase::Ready | QuizPhase::Open) {
            return Err(quiz_refusal(
                409,
                "closed",
                "this question is already closed",
            ));
        }
        run.phase = QuizPhase::Closed;
        run.deadline = None;
        self.mode = run.mode();
        Ok(self.mode.clone())
    }

    /// Goes on to the next question (the current one must be closed).
    pub fn next_question(&mut self) -> Result<Mode, Refusal> {
        let run = self.quiz_run_mut()?;
        if run.phase != QuizPhase::Closed {
            return Err(quiz_refusal(
                409,
                "not-closed",
                "close this question first: everyone sees the distribution before the next one",
            ));
        }
        if run.index + 1 >= run.quiz.questions.len() {
            return Err(quiz_refusal(
                409,
                "last-question",
                "this was the last question: finish the check to store the results",
            ));
        }
        run.index += 1;
        run.phase = QuizPhase::Ready;
        self.mode = run.mode();
        Ok(self.mode.clone())
    }

    /// The shuffle key this participant sees the check with, once known.
    pub fn quiz_key(&self, participant: u32) -> Option<ShuffleKey> {
        self.quiz.as_ref()?.keys.get(&participant).copied()
    }

    /// Remembers a participant's shuffle key (the first one set stays: the order a phone
    /// showed never changes under it).
    pub fn set_quiz_key(&mut self, participant: u32, key: ShuffleKey) {
        if let Some(run) = &mut self.quiz {
            run.keys.entry(participant).or_insert(key);
        }
    }

    /// The module of the check under way.
    pub fn quiz_module(&self) -> Option<&str> {
        self.quiz_run().ok().map(|r| r.module_id.as_str())
    }

    /// Takes a participant's answer to question `question_id`: only the current question,
    /// only while its timer runs; a later answer replaces an earlier one. `chosen` are
    /// authored option indexes.
    pub fn quiz_answer(
        &mut self,
        token: &str,
        question_id: &str,
        chosen: &[usize],
        now: Instant,
    ) -> Result<(), Refusal> {
        let id = self.participant(token)?.id;
        let run = self.quiz_run_mut()?;
        let current = run.current();
        if current.id != question_id {
            return Err(if run.quiz.questions.iter().any(|q| q.id == question_id) {
                quiz_refusal(
                    409,
                    "not-current",
                    "that question is not the one on the projector now",
                )
            } else {
                Refusal::new(
                    404,
                    "no-such-question",
                    format!("`{question_id}` is not a question of this knowledge check"),
                )
            });
        }
        match run.phase {
            QuizPhase::Ready => {
                return Err(quiz_refusal(
                    409,
                    "not-open",
                    "the facilitator has not started this question's timer yet",
                ))
            }
            QuizPhase::Closed | QuizPhase::Finished => {
                return Err(quiz_refusal(
                    409,
                    "closed",
                    "this question is closed: answers can no longer change",
                ))
            }
            QuizPhase::Open => {}
        }
        if run.deadline.is_some_and(|d| now > d + QUIZ_GRACE) {
            return Err(quiz_refusal(
                409,
                "time-up",
                "the time for this question is up",
            ));
        }
        let mut chosen = chosen.to_vec();
        chosen.sort_unstable();
        chosen.dedup();
        if chosen.is_empty() {
            return Err(quiz_refusal(
                400,
                "bad-answer",
                "choose at least one option",
            ));
        }
        if chosen.iter().any(|&i| i >= current.options.len()) {
            return Err(Refusal::new(
                400,
                "bad-answer",
                format!("this question has {} options", current.options.len()),
            ));
        }
        if current.kind != QuizQuestionKind::Multiple && chosen.len() > 1 {
            return Err(quiz_refusal(
                400,
                "bad-answer",
                "this question takes one answer",
            ));
        }
        let n = run.quiz.questions.len();
        let index = run.index;
        run.answers.entry(id).or_insert_with(|| vec![Vec::new(); n])[index] = chosen;
        Ok(())
    }

    /// What one phone sees of the check: the current question in its own shuffle (`key`), its
    /// own answer, and once closed the right options with their feedback.
    pub fn quiz_phone(&self, token: &str, now: Instant) -> Result<QuizPhoneView, Refusal> {
        let p = self.participant(token)?;
        let run = self.quiz_run()?;
        let key = run.keys.get(&p.id).copied().unwrap_or(ShuffleKey {
            learner: 0,
            attempt: p.id,
        });
        let question = run.current();
        let order = match question.kind {
            QuizQuestionKind::TrueFalse => (0..question.options.len()).collect(),
            _ => key.order(&run.module_id, &question.id, question.options.len()),
        };
        let closed = matches!(run.phase, QuizPhase::Closed);
        let finished = run.phase == QuizPhase::Finished;
        let chosen = run
            .answers
            .get(&p.id)
            .map(|a| a[run.index].clone())
            .unwrap_or_default();
        Ok(QuizPhoneView {
            title: run.title.clone(),
            question: run.index as u32 + 1,
            questions: run.quiz.questions.len() as u32,
            phase: run.phase,
            seconds_left: run.seconds_left(now),
            id: (!finished).then(|| question.id.clone()),
            kind: question.kind,
            prompt: if finished {
                String::new()
            } else {
                question.prompt.clone()
            },
            options: if finished {
                Vec::new()
            } else {
                order
                    .into_iter()
                    .map(|i| {
                        let o = &question.options[i];
                        QuizChoice {
                            index: i,
                            text: o.text.clone(),
                            correct: closed.then_some(o.correct),
                            feedback: closed.then(|| o.feedback.clone()),
                        }
                    })
                    .collect()
            },
            chosen: if finished { Vec::new() } else { chosen },
            result: run.scores.get(&p.id).cloned(),
            anonymous: p.anonymous,
        })
    }

    /// Grades every taker (each participant still in the room who answered at least one
    /// question; an unanswered question counts as wrong) for the store, once the last
    /// question is closed. Marks the check as being saved until [`Room::quiz_saved`] or
    /// [`Room::quiz_not_saved`].
    pub fn quiz_grades(&mut self) -> Result<(String, Vec<QuizGraded>), Refusal> {
        let people: HashMap<u32, (bool, String, bool, i64)> = self
            .participants
            .iter()
            .map(|p| {
                (
                    p.id,
                    (
                        p.removed,
                        p.name.clone(),
                        p.anonymous,
                        self.teams[p.team].team_id,
                    ),
                )
            })
            .collect();
        let run = self.quiz_run_mut()?;
        if run.phase == QuizPhase::Finished {
            return Err(quiz_refusal(
                409,
                "finished",
                "this knowledge check is finished and its results are stored",
            ));
        }
        if run.saving {
            return Err(quiz_refusal(
                409,
                "saving",
                "the results are being stored: wait a moment",
            ));
        }
        if run.phase != QuizPhase::Closed || run.index + 1 != run.quiz.questions.len() {
            return Err(quiz_refusal(
                409,
                "not-last",
                "close the last question before finishing the check",
            ));
        }
        let mut graded = Vec::new();
        let mut ids: Vec<&u32> = run.answers.keys().collect();
        ids.sort_unstable();
        for id in ids {
            let Some((removed, name, anonymous, team_id)) = people.get(id) else {
                continue;
            };
            if *removed {
                continue;
            }
            let answers = run.answers[id].clone();
            let grade = run
                .quiz
                .grade_blanks_wrong(&answers)
                .map_err(|e| Refusal::new(400, "bad-answer", e.message))?;
            graded.push(QuizGraded {
                participant: *id,
                name: (!anonymous).then(|| name.clone()),
                team_id: *team_id,
                correct: grade.correct,
                total: grade.total,
                answers,
            });
        }
        run.saving = true;
        Ok((run.module_id.clone(), graded))
    }

    /// The results are durable: each taker's score (`stored`: written as a learner result),
    /// and the check is finished.
    pub fn quiz_saved(&mut self, graded: &[QuizGraded], stored: &[u32]) -> Mode {
        let Some(run) = &mut self.quiz else {
            return self.mode.clone();
        };
        let total = run.quiz.questions.len();
        let mut summary = QuizSummary {
            stored: 0,
            anonymous: 0,
            not_stored: 0,
            scores: vec![0; total + 1],
        };
        for g in graded {
            let kept = stored.contains(&g.participant);
            match (&g.name, kept) {
                (None, _) => summary.anonymous += 1,
                (Some(_), true) => summary.stored += 1,
                (Some(_), false) => summary.not_stored += 1,
            }
            summary.scores[(g.correct as usize).min(total)] += 1;
            run.scores.insert(
                g.participant,
                QuizScore {
                    correct: g.correct,
                    total: g.total,
                    stored: kept,
                },
            );
        }
        run.summary = Some(summary);
        run.saving = false;
        run.phase = QuizPhase::Finished;
        let mode = run.mode();
        if matches!(self.mode, Mode::Quiz { .. }) {
            self.mode = mode;
        }
        self.mode.clone()
    }

    /// Storing the results failed: the check stays closed, to be finished again.
    pub fn quiz_not_saved(&mut self) {
        if let Some(run) = &mut self.quiz {
            run.saving = false;
        }
    }

    pub(super) fn quiz_overview(&self, now: Instant) -> Option<QuizOverview> {
        let run = self.quiz.as_ref()?;
        let question = run.current();
        let present: Vec<u32> = self
            .participants
            .iter()
            .filter(|p| !p.removed)
            .map(|p| p.id)
            .collect();
        let mut distribution = vec![0u32; question.options.len()];
        let mut answered = 0;
        for id in &present {
            if let Some(chosen) = run.answers.get(id).map(|a| &a[run.index]) {
                if !chosen.is_empty() {
                    answered += 1;
                }
                for &i in chosen {
                    distribution[i] += 1;
                }
            }
        }
        let shown = matches!(run.phase, QuizPhase::Closed | QuizPhase::Finished);
        Some(QuizOverview {
            module_id: run.module_id.clone(),
            title: run.title.clone(),
            question: run.index as u32 + 1,
            questions: run.quiz.questions.len() as u32,
            phase: run.phase,
            seconds_left: run.seconds_left(now),
            prompt: question.prompt.clone(),
            kind: question.kind,
            options: question.options.iter().map(|o| o.text.clone()).collect(),
            answered,
            present: present.len() as u32,
            distribution: shown.then_some(distribution),
            correct: shown.then(|| {
                question
                    .options
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.correct)
                    .map(|(i, _)| i)
                    .collect()
            }),
            summary: run.summary.clone(),
        })
    }
}
