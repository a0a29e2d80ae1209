//! A live session's state in memory: who joined with which token, which team and respondent
//! each person is, the mode the facilitator chose, the lock, the end. Pure rules, no I/O: the
//! server asks [`Room`] whether a request may go on, then asks the store to do it.
//!
//! Rules kept here (each with a test in `tests.rs`):
//! - tokens are 256 random bits; a participant token works only for its own participant, only
//!   until removed, and only until the session ends; the join token and join code only while
//!   the room is open, unlocked and below the participant cap;
//! - a participant may answer only questions of their own team's questionnaire, and during a
//!   silent vote only the vote's question, and not any more once the votes are revealed;
//! - votes are shown to nobody until the facilitator reveals them ([`Room::votes_visible`]), and
//!   a phone is never sent anyone's answers but its own;
//! - knowledge check: one question at a time; a phone answers only the current question, only
//!   while its timer runs, as often as it likes (the last answer counts); the distribution
//!   exists only once the facilitator closed the question; finishing grades each participant
//!   once (anonymous ones are counted, not stored);
//! - practice round: one device per group (the first of the team to claim it); only that
//!   device answers, only the practice questionnaire's questions; the key never enters the room.
//!
//! This file holds joining, tokens, participants, modes and the overview; `quiz` the
//! knowledge check, `practice` the practice round.

mod practice;
mod quiz;
#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashMap};
use std::ops::RangeInclusive;
use std::sync::Arc;
use std::time::{Duration, Instant};

use devops_maturity_core::Questionnaire;
use serde::Serialize;

use practice::PracticeRun;
pub use practice::{PracticeGroupView, PracticeOverview};
use quiz::QuizRun;
pub use quiz::{QuizOverview, QuizSummary};

/// Participants in one session at most.
pub const MAX_PARTICIPANTS: usize = 300;

/// Characters of the short join code: no 0/O, 1/I/L, to read off a projector.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_LEN: usize = 6;

/// How long the facilitator may time one knowledge-check question, in seconds.
pub const QUIZ_SECONDS: RangeInclusive<u32> = 5..=600;
/// An answer that arrives this long after the timer ran out still counts: it left the phone
/// in time, the room's Wi-Fi was slow.
const QUIZ_GRACE: Duration = Duration::from_secs(1);

/// What the phones are doing, chosen by the facilitator and pushed to every phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Mode {
    /// Each person answers their team's questionnaire at their own pace.
    Assessment,
    /// Everyone votes on one question; nobody sees a vote until `revealed`.
    Vote {
        question_id: String,
        #[serde(default)]
        revealed: bool,
    },
    /// A module's knowledge check, one question at a time (started with
    /// [`Room::start_quiz`], not [`Room::set_mode`]). `question` counts from 0.
    Quiz {
        module_id: String,
        question: u32,
        phase: QuizPhase,
    },
    /// The EJ Airways practice round: each group answers from one device (started with
    /// [`Room::start_practice`]).
    Practice,
}

/// Where the current knowledge-check question is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuizPhase {
    /// Shown; the facilitator has not started its timer: no answers yet.
    Ready,
    /// The timer runs: answers are taken (and may change) until it runs out or the question
    /// is closed.
    Open,
    /// Closed by the facilitator: the distribution and the right answer may be shown.
    Closed,
    /// The last question was closed and the results are stored.
    Finished,
}

/// One team of the workshop as the session serves it.
#[derive(Debug, Clone)]
pub struct RoomTeam {
    /// The `workshop_teams` row: what a phone sends to pick its team.
    pub link_id: i64,
    /// The `teams` row (a learner created from a participant joins this team).
    pub team_id: i64,
    pub name: String,
    pub assessment_id: i64,
    pub questionnaire: Arc<Questionnaire>,
}

#[derive(Debug, Clone)]
pub struct Participant {
    pub id: u32,
    pub team: usize,
    pub respondent_id: i64,
    pub name: String,
    pub removed: bool,
    /// Joined without a name ("Respondent N"): counted in a knowledge check, never stored.
    pub anonymous: bool,
    /// Questions this person has answered (for the facilitator's progress).
    pub answered: BTreeSet<String>,
    /// Open event streams (0: not connected right now).
    pub streams: u32,
}

/// Why a request is refused: an HTTP status, a stable code the page switches on, and a
/// sentence for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
}

impl Refusal {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> Refusal {
        Refusal {
            status,
            code,
            message: message.into(),
        }
    }
}

fn ended() -> Refusal {
    Refusal::new(410, "ended", "the session has ended")
}

/// A random token of 256 bits, as 64 hex digits.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn new_code() -> String {
    let mut bytes = [0u8; CODE_LEN];
    getrandom::fill(&mut bytes).expect("the operating system's random source");
    // 256 is not a multiple of 31: the first 8 symbols are a little likelier. The code is a
    // convenience behind the per-address join limit; the QR link carries the real token.
    bytes
        .iter()
        .map(|b| char::from(CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()]))
        .collect()
}

/// Compares secrets without stopping at the first differing byte.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[derive(Debug)]
pub struct Room {
    pub workshop_id: i64,
    pub workshop_name: String,
    pub teams: Vec<RoomTeam>,
    join_token: String,
    join_code: String,
    pub max_participants: usize,
    pub locked: bool,
    pub ended: bool,
    pub mode: Mode,
    participants: Vec<Participant>,
    by_token: HashMap<String, usize>,
    /// Joins admitted and not yet seated (their store write is queued).
    pending_joins: usize,
    /// The knowledge check under way or last run (kept after switching modes, so the projector
    /// can show its results until another starts).
    quiz: Option<QuizRun>,
    /// The practice round, once started (the device claims survive a switch of mode).
    practice: Option<PracticeRun>,
}

/// One person as the projector shows them: no token, no answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParticipantView {
    pub id: u32,
    pub name: String,
    pub answered: u32,
    pub connected: bool,
    pub removed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamOverview {
    pub link_id: i64,
    pub name: String,
    pub questions: u32,
    pub participants: Vec<ParticipantView>,
}

/// What the facilitator's screen shows: the room, who is in it and how far each person is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overview {
    pub workshop_id: i64,
    pub workshop_name: String,
    /// `http://IP:PORT/`, and the QR link (with the join token).
    pub address: String,
    pub join_link: String,
    pub join_code: String,
    pub locked: bool,
    pub ended: bool,
    pub mode: Mode,
    pub joined: u32,
    pub max_participants: u32,
    pub teams: Vec<TeamOverview>,
    /// The knowledge check under way (or the last one, with its results).
    pub quiz: Option<QuizOverview>,
    /// The practice round's progress, once started.
    pub practice: Option<PracticeOverview>,
}

/// One team's votes on the vote question, once revealed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamVotes {
    pub team: String,
    /// People per level: index 0 is level 1.
    pub distribution: [u32; 5],
    pub dont_know: u32,
    pub not_applicable: u32,
    /// People in the room who have not voted.
    pub waiting: u32,
    pub spread: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VoteResults {
    pub question_id: String,
    pub question: String,
    pub teams: Vec<TeamVotes>,
}

impl Room {
    pub fn new(
        workshop_id: i64,
        workshop_name: String,
        teams: Vec<RoomTeam>,
        max_participants: usize,
    ) -> Room {
        Room {
            workshop_id,
            workshop_name,
            teams,
            join_token: new_token(),
            join_code: new_code(),
            max_participants,
            locked: false,
            ended: false,
            mode: Mode::Assessment,
            participants: Vec::new(),
            by_token: HashMap::new(),
            pending_joins: 0,
            quiz: None,
            practice: None,
        }
    }

    pub fn join_token(&self) -> &str {
        &self.join_token
    }

    #[cfg(test)]
    pub fn join_code(&self) -> &str {
        &self.join_code
    }

    /// Checks a join credential without taking a seat: the join page's list of teams.
    pub fn check_credential(&self, credential: &str) -> Result<(), Refusal> {
        if self.ended {
            return Err(ended());
        }
        let code = credential
            .trim()
            .to_ascii_uppercase()
            .replace(['-', ' '], "");
        if !same_secret(credential, &self.join_token) && !same_secret(&code, &self.join_code) {
            return Err(Refusal::new(
                403,
                "bad-join-token",
                "this join link or code is not the one of this session: scan the QR code again",
            ));
        }
        if self.locked {
            return Err(Refusal::new(
                403,
                "locked",
                "the facilitator has closed the room to new participants",
            ));
        }
        Ok(())
    }

    /// Checks a join request and holds a seat for it (released by [`Room::seat`] or
    /// [`Room::release`]). `credential` is the QR link's token or the short code.
    pub fn admit(&mut self, credential: &str, link_id: i64) -> Result<usize, Refusal> {
        self.check_credential(credential)?;
        if self.participants.len() + self.pending_joins >= self.max_participants {
            return Err(Refusal::new(
                409,
                "full",
                format!(
                    "the session is full ({} participants)",
                    self.max_participants
                ),
            ));
        }
        let team = self
            .teams
            .iter()
            .position(|t| t.link_id == link_id)
            .ok_or_else(|| Refusal::new(404, "no-such-team", "this team is not in the session"))?;
        self.pending_joins += 1;
        Ok(team)
    }

    /// Gives back a seat held by [`Room::admit`] whose store write failed.
    pub fn release(&mut self) {
        self.pending_joins = self.pending_joins.saturating_sub(1);
    }

    /// Respondents of `team` already given to someone in this session.
    pub fn taken(&self, team: usize) -> Vec<i64> {
        self.participants
            .iter()
            .filter(|p| p.team == team)
            .map(|p| p.respondent_id)
            .collect()
    }

    /// Seats an admitted person as respondent `respondent_id`; returns their token.
    pub fn seat(
        &mut self,
        team: usize,
        respondent_id: i64,
        name: String,
        anonymous: bool,
    ) -> (u32, String) {
        self.release();
        let token = new_token();
        let id = self.participants.len() as u32 + 1;
        self.by_token.insert(token.clone(), self.participants.len());
        self.participants.push(Participant {
            id,
            team,
            respondent_id,
            name,
            removed: false,
            anonymous,
            answered: BTreeSet::new(),
            streams: 0,
        });
        (id, token)
    }

    /// The participant a token belongs to, if it is still good.
    pub fn participant(&self, token: &str) -> Result<&Participant, Refusal> {
        if self.ended {
            return Err(ended());
        }
        let p = self
            .by_token
            .get(token)
            .map(|&i| &self.participants[i])
            .ok_or_else(|| {
                Refusal::new(
                    401,
                    "bad-token",
                    "this device is not in the session (or was in an earlier one): join again",
                )
            })?;
        if p.removed {
            return Err(Refusal::new(
                403,
                "removed",
                "the facilitator removed you from the session",
            ));
        }
        Ok(p)
    }

    pub fn participant_mut(&mut self, id: u32) -> Option<&mut Participant> {
        self.participants.get_mut(id.checked_sub(1)? as usize)
    }

    /// May this participant answer `question_id` now? Returns the team and respondent.
    pub fn may_answer(&self, token: &str, question_id: &str) -> Result<(usize, i64), Refusal> {
        let p = self.participant(token)?;
        let team = &self.teams[p.team];
        if team.questionnaire.question(question_id).is_none() {
            return Err(Refusal::new(
                404,
                "no-such-question",
                format!("`{question_id}` is not a question of your team's questionnaire"),
            ));
        }
        match &self.mode {
            Mode::Assessment => {}
            Mode::Vote {
                question_id: voted,
                revealed,
            } => {
                if voted != question_id {
                    return Err(Refusal::new(
                        409,
                        "wrong-mode",
                        "the room is voting on one question; the others wait until the vote is over",
                    ));
                }
                if *revealed {
                    return Err(Refusal::new(
                        409,
                        "revealed",
                        "the votes are revealed: a vote can no longer change",
                    ));
                }
            }
            Mode::Quiz { .. } | Mode::Practice => {
                return Err(Refusal::new(
                    409,
                    "wrong-mode",
                    "the room is doing another activity; the questionnaire waits until it is over",
                ))
            }
        }
        Ok((p.team, p.respondent_id))
    }

    /// Whether anyone may see the votes of the current vote: only after the reveal.
    pub fn votes_visible(&self) -> Option<&str> {
        match &self.mode {
            Mode::Vote {
                question_id,
                revealed: true,
            } => Some(question_id),
            _ => None,
        }
    }

    /// Live participants' respondents per team (removed people excluded).
    pub fn seats(&self) -> Vec<Vec<i64>> {
        let mut seats = vec![Vec::new(); self.teams.len()];
        for p in self.participants.iter().filter(|p| !p.removed) {
            seats[p.team].push(p.respondent_id);
        }
        seats
    }

    /// Removes a participant: their token stops working at once; their answers stay.
    pub fn remove(&mut self, id: u32) -> Result<(), Refusal> {
        let p = self
            .participant_mut(id)
            .ok_or_else(|| Refusal::new(404, "no-such-participant", "no such participant"))?;
        p.removed = true;
        // A removed group device frees the group's claim: someone else may answer for it.
        if let Some(run) = &mut self.practice {
            for device in &mut run.device {
                if *device == Some(id) {
                    *device = None;
                }
            }
        }
        Ok(())
    }

    /// Ends the session: every token dies.
    pub fn end(&mut self) {
        self.ended = true;
        self.locked = true;
        self.by_token.clear();
    }

    /// Changes the mode; a vote's question must exist in some team's questionnaire. A
    /// knowledge check or the practice round starts with its own controls (they need the
    /// course's content).
    pub fn set_mode(&mut self, mode: Mode) -> Result<(), Refusal> {
        if self.ended {
            return Err(ended());
        }
        if matches!(mode, Mode::Quiz { .. } | Mode::Practice) {
            return Err(Refusal::new(
                409,
                "use-controls",
                "a knowledge check or the practice round starts with its own button",
            ));
        }
        if let Mode::Vote { question_id, .. } = &mode {
            if !self
                .teams
                .iter()
                .any(|t| t.questionnaire.question(question_id).is_some())
            {
                return Err(Refusal::new(
                    404,
                    "no-such-question",
                    format!("no team's questionnaire has a question `{question_id}`"),
                ));
            }
        }
        self.mode = mode;
        Ok(())
    }

    pub fn overview(&self, address: &str, now: Instant) -> Overview {
        let teams = self
            .teams
            .iter()
            .enumerate()
            .map(|(i, t)| TeamOverview {
                link_id: t.link_id,
                name: t.name.clone(),
                questions: t.questionnaire.questions.len() as u32,
                participants: self
                    .participants
                    .iter()
                    .filter(|p| p.team == i)
                    .map(|p| ParticipantView {
                        id: p.id,
                        name: p.name.clone(),
                        answered: p.answered.len() as u32,
                        connected: p.streams > 0,
                        removed: p.removed,
                    })
                    .collect(),
            })
            .collect();
        Overview {
            workshop_id: self.workshop_id,
            workshop_name: self.workshop_name.clone(),
            address: address.to_string(),
            join_link: format!("{address}#{}", self.join_token),
            join_code: format!("{}-{}", &self.join_code[..3], &self.join_code[3..]),
            locked: self.locked,
            ended: self.ended,
            mode: self.mode.clone(),
            joined: self.participants.iter().filter(|p| !p.removed).count() as u32,
            max_participants: self.max_participants as u32,
            teams,
            quiz: self.quiz_overview(now),
            practice: self.practice_overview(),
        }
    }
}
