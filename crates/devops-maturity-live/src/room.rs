//! A live session's state in memory: who joined with which token, which team and respondent
//! each person is, the mode the facilitator chose, the lock, the end. Pure rules, no I/O: the
//! server asks [`Room`] whether a request may go on, then asks the store to do it.
//!
//! Rules kept here (each with a test below):
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

use std::collections::{BTreeSet, HashMap};
use std::ops::RangeInclusive;
use std::sync::Arc;
use std::time::{Duration, Instant};

use devops_maturity_content::{Quiz, QuizQuestionKind, ShuffleKey};
use devops_maturity_core::{Answer, Questionnaire};
use serde::Serialize;

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

#[derive(Debug)]
struct QuizRun {
    module_id: String,
    title: String,
    quiz: Arc<Quiz>,
    index: usize,
    phase: QuizPhase,
    deadline: Option<Instant>,
    /// Participant id → their choice per question (authored option indexes, sorted; empty:
    /// not answered).
    answers: HashMap<u32, Vec<Vec<usize>>>,
    /// Participant id → the option shuffle they see.
    keys: HashMap<u32, ShuffleKey>,
    /// The results are being written (a second "finish" must not store them twice).
    saving: bool,
    /// Once finished: each taker's score, and the room's summary.
    scores: HashMap<u32, QuizScore>,
    summary: Option<QuizSummary>,
}

impl QuizRun {
    fn current(&self) -> &devops_maturity_content::QuizQuestion {
        &self.quiz.questions[self.index]
    }

    fn seconds_left(&self, now: Instant) -> Option<u32> {
        match (self.phase, self.deadline) {
            (QuizPhase::Open, Some(deadline)) => {
                let left = deadline.saturating_duration_since(now);
                Some(left.as_secs() as u32 + u32::from(left.subsec_nanos() > 0))
            }
            _ => None,
        }
    }

    fn mode(&self) -> Mode {
        Mode::Quiz {
            module_id: self.module_id.clone(),
            question: self.index as u32,
            phase: self.phase,
        }
    }
}

#[derive(Debug)]
struct PracticeRun {
    questionnaire: Arc<Questionnaire>,
    /// Per team (index into `Room::teams`): the participant whose device answers for it.
    device: Vec<Option<u32>>,
    /// Per team: the practice questions it has answered.
    answered: Vec<BTreeSet<String>>,
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

/// One group of the practice round as the projector shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PracticeGroupView {
    pub link_id: i64,
    pub name: String,
    /// Whose device answers for the group, once claimed.
    pub device: Option<String>,
    pub answered: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PracticeOverview {
    pub questions: u32,
    pub groups: Vec<PracticeGroupView>,
}

/// The practice round as one phone sees it: which device answers for its group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PracticeSeat {
    pub group: String,
    /// The name of the participant whose device answers, once claimed.
    pub device: Option<String>,
    /// This phone is the group's device.
    pub mine: bool,
    /// The index of the group (`Room::teams`) and its `workshop_teams` row.
    #[serde(skip)]
    pub team: usize,
    #[serde(skip)]
    pub link_id: i64,
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

// ---- Knowledge check -----------------------------------------------------------------------

fn quiz_refusal(status: u16, code: &'static str, message: &str) -> Refusal {
    Refusal::new(status, code, message)
}

impl Room {
    fn quiz_run(&self) -> Result<&QuizRun, Refusal> {
        if self.ended {
            return Err(ended());
        }
        self.quiz
            .as_ref()
            .filter(|_| matches!(self.mode, Mode::Quiz { .. }))
            .ok_or_else(|| quiz_refusal(409, "no-quiz", "no knowledge check is under way"))
    }

    fn quiz_run_mut(&mut self) -> Result<&mut QuizRun, Refusal> {
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

    fn quiz_overview(&self, now: Instant) -> Option<QuizOverview> {
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

// ---- Practice round ------------------------------------------------------------------------

impl Room {
    /// Starts (or goes back to) the EJ Airways practice round on `questionnaire` (never the
    /// key). `answered` are each team's practice answers already stored, in `teams` order.
    /// Devices claimed earlier in this session keep their claim.
    pub fn start_practice(
        &mut self,
        questionnaire: Arc<Questionnaire>,
        answered: Vec<BTreeSet<String>>,
    ) -> Result<Mode, Refusal> {
        if self.ended {
            return Err(ended());
        }
        let device = match self.practice.take() {
            Some(run) => run.device,
            None => vec![None; self.teams.len()],
        };
        let mut answered = answered;
        answered.resize(self.teams.len(), BTreeSet::new());
        self.practice = Some(PracticeRun {
            questionnaire,
            device,
            answered,
        });
        self.mode = Mode::Practice;
        Ok(Mode::Practice)
    }

    fn practice_run(&self) -> Result<&PracticeRun, Refusal> {
        if self.ended {
            return Err(ended());
        }
        self.practice
            .as_ref()
            .filter(|_| self.mode == Mode::Practice)
            .ok_or_else(|| Refusal::new(409, "wrong-mode", "the practice round is not under way"))
    }

    fn seat_of(&self, run: &PracticeRun, p: &Participant) -> PracticeSeat {
        let device = run.device[p.team].and_then(|id| {
            self.participants
                .get(id as usize - 1)
                .map(|holder| holder.name.clone())
        });
        PracticeSeat {
            group: self.teams[p.team].name.clone(),
            device,
            mine: run.device[p.team] == Some(p.id),
            team: p.team,
            link_id: self.teams[p.team].link_id,
        }
    }

    /// Which device answers for this participant's group.
    pub fn practice_seat(&self, token: &str) -> Result<PracticeSeat, Refusal> {
        let p = self.participant(token)?;
        let run = self.practice_run()?;
        Ok(self.seat_of(run, p))
    }

    /// The practice questionnaire (the phone of the group's device shows it).
    pub fn practice_questionnaire(&self) -> Option<Arc<Questionnaire>> {
        self.practice.as_ref().map(|r| r.questionnaire.clone())
    }

    /// Claims the group's device for this participant: the first of the team to ask gets it
    /// (asking again is fine); the others are told on whose device their group answers.
    pub fn claim_device(&mut self, token: &str) -> Result<PracticeSeat, Refusal> {
        let (id, team) = {
            let p = self.participant(token)?;
            (p.id, p.team)
        };
        self.practice_run()?;
        let run = self.practice.as_mut().expect("checked above");
        match run.device[team] {
            None => run.device[team] = Some(id),
            Some(holder) if holder == id => {}
            Some(holder) => {
                let name = self.participants[holder as usize - 1].name.clone();
                return Err(Refusal::new(
                    409,
                    "claimed",
                    format!("your group answers on {name}'s device"),
                ));
            }
        }
        self.practice_seat(token)
    }

    /// May this participant's device save the group's practice answer to `question_id`?
    /// Returns the seat (with the `workshop_teams` row the answer belongs to).
    pub fn practice_may_answer(
        &self,
        token: &str,
        question_id: &str,
        answer: Answer,
    ) -> Result<PracticeSeat, Refusal> {
        let seat = self.practice_seat(token)?;
        let run = self.practice_run()?;
        if run.questionnaire.question(question_id).is_none() {
            return Err(Refusal::new(
                404,
                "no-such-question",
                format!("`{question_id}` is not a question of the practice round"),
            ));
        }
        if !seat.mine {
            return Err(Refusal::new(
                403,
                "not-your-device",
                match &seat.device {
                    Some(name) => format!("your group answers on {name}'s device"),
                    None => "answer for your group on this device first".to_string(),
                },
            ));
        }
        if !matches!(answer, Answer::Level(1..=5) | Answer::DontKnow) {
            return Err(Refusal::new(
                400,
                "bad-answer",
                "a practice answer is a level from 1 to 5 or “don't know”",
            ));
        }
        Ok(seat)
    }

    /// A group's practice answer was stored.
    pub fn practice_saved(&mut self, team: usize, question_id: &str) -> u32 {
        self.practice.as_mut().map_or(0, |run| {
            run.answered[team].insert(question_id.to_string());
            run.answered[team].len() as u32
        })
    }

    fn practice_overview(&self) -> Option<PracticeOverview> {
        let run = self.practice.as_ref()?;
        Some(PracticeOverview {
            questions: run.questionnaire.questions.len() as u32,
            groups: self
                .teams
                .iter()
                .enumerate()
                .map(|(i, t)| PracticeGroupView {
                    link_id: t.link_id,
                    name: t.name.clone(),
                    device: run.device[i].map(|id| self.participants[id as usize - 1].name.clone()),
                    answered: run.answered[i].len() as u32,
                })
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn room() -> Room {
        let q = |ids: &[&str]| {
            let mut q = Questionnaire::sample([("flow", ids.iter().map(|s| s.to_string()))]);
            q.id = "q".into();
            Arc::new(q)
        };
        Room::new(
            1,
            "Day one".into(),
            vec![
                RoomTeam {
                    link_id: 10,
                    team_id: 1,
                    name: "Booking".into(),
                    assessment_id: 100,
                    questionnaire: q(&["flow-1", "flow-2"]),
                },
                RoomTeam {
                    link_id: 20,
                    team_id: 2,
                    name: "Payments".into(),
                    assessment_id: 200,
                    questionnaire: q(&["pay-1"]),
                },
            ],
            3,
        )
    }

    fn join(room: &mut Room, link: i64, respondent: i64) -> String {
        let token = room.join_token().to_string();
        let team = room.admit(&token, link).expect("admitted");
        room.seat(team, respondent, format!("R{respondent}"), false)
            .1
    }

    #[test]
    fn tokens_are_long_random_and_distinct() {
        let a = new_token();
        assert_eq!(a.len(), 64, "256 bits as hex");
        assert_ne!(a, new_token(), "two tokens differ");
        let r = room();
        assert_eq!(r.join_code().len(), CODE_LEN);
        assert!(r.join_code().bytes().all(|b| CODE_ALPHABET.contains(&b)));
    }

    #[test]
    fn joining_needs_the_session_token_or_code_an_open_room_and_a_free_seat() {
        let mut r = room();
        let refused = r.admit("0".repeat(64).as_str(), 10).unwrap_err();
        assert_eq!(refused.code, "bad-join-token");
        let code = r.join_code().to_lowercase();
        let spaced = format!("{}-{}", &code[..3], &code[3..]);
        assert_eq!(
            r.admit(&spaced, 10),
            Ok(0),
            "the short code, any case, with its dash"
        );
        r.release();
        let token = r.join_token().to_string();
        assert_eq!(r.admit(&token, 99).unwrap_err().code, "no-such-team");
        join(&mut r, 10, 1);
        join(&mut r, 20, 2);
        r.admit(&token, 10).expect("third seat");
        assert_eq!(
            r.admit(&token, 10).unwrap_err().code,
            "full",
            "a held seat counts"
        );
        r.release();
        r.locked = true;
        assert_eq!(r.admit(&token, 10).unwrap_err().code, "locked");
        r.end();
        assert_eq!(r.admit(&token, 10).unwrap_err().code, "ended");
    }

    #[test]
    fn a_participant_answers_only_their_own_teams_questions() {
        let mut r = room();
        let ana = join(&mut r, 10, 1);
        assert_eq!(r.may_answer(&ana, "flow-1"), Ok((0, 1)));
        let foreign = r.may_answer(&ana, "pay-1").unwrap_err();
        assert_eq!(
            (foreign.status, foreign.code),
            (404, "no-such-question"),
            "another team's question"
        );
        assert_eq!(r.may_answer("nope", "flow-1").unwrap_err().status, 401);
    }

    #[test]
    fn a_silent_vote_takes_one_question_and_hides_the_votes_until_the_reveal() {
        let mut r = room();
        let ana = join(&mut r, 10, 1);
        assert!(r
            .set_mode(Mode::Vote {
                question_id: "nope".into(),
                revealed: false
            })
            .is_err());
        r.set_mode(Mode::Vote {
            question_id: "flow-2".into(),
            revealed: false,
        })
        .unwrap();
        assert_eq!(r.votes_visible(), None, "hidden before the reveal");
        assert_eq!(r.may_answer(&ana, "flow-1").unwrap_err().code, "wrong-mode");
        assert!(r.may_answer(&ana, "flow-2").is_ok());
        r.set_mode(Mode::Vote {
            question_id: "flow-2".into(),
            revealed: true,
        })
        .unwrap();
        assert_eq!(r.votes_visible(), Some("flow-2"));
        assert_eq!(
            r.may_answer(&ana, "flow-2").unwrap_err().code,
            "revealed",
            "a revealed vote is final"
        );
        r.set_mode(Mode::Assessment).unwrap();
        assert_eq!(r.votes_visible(), None);
    }

    #[test]
    fn removing_or_ending_kills_tokens() {
        let mut r = room();
        let ana = join(&mut r, 10, 1);
        let ben = join(&mut r, 10, 2);
        assert_eq!(r.taken(0), vec![1, 2]);
        r.remove(1).unwrap();
        assert_eq!(
            r.participant(&ana).unwrap_err().code,
            "removed",
            "a removed token stops working"
        );
        assert!(r.participant(&ben).is_ok());
        assert_eq!(
            r.seats(),
            vec![vec![2], vec![]],
            "removed people are not counted"
        );
        assert_eq!(r.overview("http://x/", Instant::now()).joined, 1);
        r.end();
        assert_eq!(r.participant(&ben).unwrap_err().code, "ended");
        assert_eq!(r.set_mode(Mode::Assessment).unwrap_err().code, "ended");
    }

    fn quiz() -> Arc<Quiz> {
        use devops_maturity_content::{QuizOption, QuizQuestion};
        let question = |id: &str, kind, correct: &[bool]| QuizQuestion {
            id: id.into(),
            kind,
            prompt: format!("prompt of {id}"),
            options: correct
                .iter()
                .enumerate()
                .map(|(i, &c)| QuizOption {
                    text: format!("option {i}"),
                    correct: c,
                    feedback: format!("why {i}"),
                })
                .collect(),
        };
        Arc::new(Quiz {
            questions: vec![
                question("q1", QuizQuestionKind::Single, &[false, true, false]),
                question("q2", QuizQuestionKind::Multiple, &[true, false, true]),
            ],
        })
    }

    #[test]
    fn a_knowledge_check_takes_answers_only_to_the_open_current_question() {
        let mut r = room();
        let ana = join(&mut r, 10, 1);
        let t0 = Instant::now();
        assert_eq!(
            r.quiz_answer(&ana, "q1", &[1], t0).unwrap_err().code,
            "no-quiz",
            "no check under way"
        );
        assert_eq!(
            r.set_mode(Mode::Quiz {
                module_id: "m".into(),
                question: 0,
                phase: QuizPhase::Open
            })
            .unwrap_err()
            .code,
            "use-controls",
            "a check cannot be switched on without its quiz"
        );
        r.start_quiz("m", "Module", quiz()).unwrap();
        assert_eq!(
            r.may_answer(&ana, "flow-1").unwrap_err().code,
            "wrong-mode",
            "the questionnaire waits"
        );
        assert_eq!(
            r.quiz_answer(&ana, "q1", &[1], t0).unwrap_err().code,
            "not-open"
        );
        assert_eq!(r.open_question(4, t0).unwrap_err().code, "bad-seconds");
        r.open_question(30, t0).unwrap();
        assert_eq!(
            r.quiz_answer(&ana, "q2", &[0], t0).unwrap_err().code,
            "not-current",
            "a later question of the same check"
        );
        assert_eq!(
            r.quiz_answer(&ana, "other-quiz-q", &[0], t0)
                .unwrap_err()
                .code,
            "no-such-question",
            "a question of another quiz"
        );
        assert_eq!(
            r.quiz_answer(&ana, "q1", &[3], t0).unwrap_err().code,
            "bad-answer"
        );
        assert_eq!(
            r.quiz_answer(&ana, "q1", &[0, 1], t0).unwrap_err().code,
            "bad-answer",
            "one answer to a single-choice question"
        );
        r.quiz_answer(&ana, "q1", &[0], t0).unwrap();
        r.quiz_answer(&ana, "q1", &[1], t0).unwrap();
        r.quiz_answer(&ana, "q1", &[1], t0).unwrap();
        let o = r.overview("x", t0).quiz.unwrap();
        assert_eq!(o.answered, 1, "one person, however often they answered");
        assert_eq!(o.seconds_left, Some(30));
        assert_eq!(
            o.distribution, None,
            "no distribution while the question is open"
        );
        assert_eq!(o.correct, None, "nor the right answer");
        let phone = r.quiz_phone(&ana, t0).unwrap();
        assert_eq!(phone.chosen, vec![1], "the last answer counts");
        assert!(
            phone
                .options
                .iter()
                .all(|o| o.correct.is_none() && o.feedback.is_none()),
            "a phone learns what is right only once the question closes"
        );
        let late = t0 + Duration::from_secs(32);
        assert_eq!(
            r.quiz_answer(&ana, "q1", &[2], late).unwrap_err().code,
            "time-up"
        );
        assert_eq!(r.next_question().unwrap_err().code, "not-closed");
        r.close_question().unwrap();
        assert_eq!(
            r.quiz_answer(&ana, "q1", &[2], t0).unwrap_err().code,
            "closed"
        );
        let o = r.overview("x", t0).quiz.unwrap();
        assert_eq!(o.distribution, Some(vec![0, 1, 0]), "shown once closed");
        assert_eq!(o.correct, Some(vec![1]));
        assert!(r
            .quiz_phone(&ana, t0)
            .unwrap()
            .options
            .iter()
            .all(|o| o.correct.is_some()));
        r.end();
        assert_eq!(
            r.quiz_answer(&ana, "q1", &[1], t0).unwrap_err().code,
            "ended"
        );
        assert_eq!(r.open_question(30, t0).unwrap_err().code, "ended");
    }

    #[test]
    fn options_are_shuffled_per_person_as_the_app_shuffles_them() {
        let mut r = room();
        let ana = join(&mut r, 10, 1);
        r.start_quiz("m", "Module", quiz()).unwrap();
        let key = ShuffleKey {
            learner: 7,
            attempt: 2,
        };
        r.set_quiz_key(1, key);
        r.set_quiz_key(
            1,
            ShuffleKey {
                learner: 9,
                attempt: 1,
            },
        );
        let shown: Vec<usize> = r
            .quiz_phone(&ana, Instant::now())
            .unwrap()
            .options
            .iter()
            .map(|o| o.index)
            .collect();
        assert_eq!(
            shown,
            quiz().option_order("m", key)[0],
            "the first key set stays"
        );
    }

    #[test]
    fn finishing_grades_takers_once_and_counts_anonymous_ones_without_storing_them() {
        let mut r = room();
        let ana = join(&mut r, 10, 1);
        let token = r.join_token().to_string();
        let team = r.admit(&token, 20).unwrap();
        let anon = r.seat(team, 2, "Respondent 1".into(), true).1;
        let _idle = join(&mut r, 10, 3);
        let t0 = Instant::now();
        r.start_quiz("m", "Module", quiz()).unwrap();
        r.open_question(30, t0).unwrap();
        r.quiz_answer(&ana, "q1", &[1], t0).unwrap();
        r.quiz_answer(&anon, "q1", &[0], t0).unwrap();
        assert_eq!(r.quiz_grades().unwrap_err().code, "not-last");
        r.close_question().unwrap();
        r.next_question().unwrap();
        assert_eq!(
            r.quiz_phone(&ana, t0).unwrap().chosen,
            Vec::<usize>::new(),
            "a new question starts blank"
        );
        r.open_question(30, t0).unwrap();
        r.quiz_answer(&ana, "q2", &[2, 0], t0).unwrap();
        assert_eq!(r.next_question().unwrap_err().code, "not-closed");
        r.close_question().unwrap();
        assert_eq!(r.next_question().unwrap_err().code, "last-question");
        let (module, graded) = r.quiz_grades().unwrap();
        assert_eq!(module, "m");
        assert_eq!(
            graded,
            vec![
                QuizGraded {
                    participant: 1,
                    name: Some("R1".into()),
                    team_id: 1,
                    correct: 2,
                    total: 2,
                    answers: vec![vec![1], vec![0, 2]],
                },
                QuizGraded {
                    participant: 2,
                    name: None,
                    team_id: 2,
                    correct: 0,
                    total: 2,
                    answers: vec![vec![0], vec![]],
                },
            ],
            "the idle participant took no part; a blank counts as wrong"
        );
        assert_eq!(
            r.quiz_grades().unwrap_err().code,
            "saving",
            "a second finish while the first is stored"
        );
        assert!(
            r.quiz_phone(&ana, t0).unwrap().result.is_none(),
            "no score before the results are durable"
        );
        r.quiz_saved(&graded, &[1]);
        assert_eq!(r.quiz_grades().unwrap_err().code, "finished", "stored once");
        assert_eq!(
            r.quiz_phone(&ana, t0).unwrap().result,
            Some(QuizScore {
                correct: 2,
                total: 2,
                stored: true
            })
        );
        assert!(!r.quiz_phone(&anon, t0).unwrap().result.unwrap().stored);
        let summary = r.overview("x", t0).quiz.unwrap().summary.unwrap();
        assert_eq!(
            (summary.stored, summary.anonymous, summary.scores),
            (1, 1, vec![1, 0, 1])
        );
    }

    #[test]
    fn one_device_per_group_answers_the_practice_round_and_a_removed_one_frees_it() {
        let mut r = room();
        let ana = join(&mut r, 10, 1);
        let ben = join(&mut r, 10, 2);
        let pia = join(&mut r, 20, 3);
        assert_eq!(r.claim_device(&ana).unwrap_err().code, "wrong-mode");
        let ej = Arc::new(Questionnaire::sample([("flow", ["ej-1", "ej-2"])]));
        r.start_practice(ej.clone(), vec![["ej-1".to_string()].into()])
            .unwrap();
        assert_eq!(
            r.practice_may_answer(&ana, "ej-2", Answer::Level(3))
                .unwrap_err()
                .code,
            "not-your-device",
            "claim first"
        );
        assert!(r.claim_device(&ana).unwrap().mine);
        assert!(r.claim_device(&ana).unwrap().mine, "claiming again is fine");
        let refused = r.claim_device(&ben).unwrap_err();
        assert_eq!(
            (refused.code, refused.message.as_str()),
            ("claimed", "your group answers on R1's device")
        );
        let seat = r.practice_seat(&ben).unwrap();
        assert_eq!((seat.mine, seat.device.as_deref()), (false, Some("R1")));
        assert_eq!(
            r.practice_may_answer(&ben, "ej-2", Answer::Level(3))
                .unwrap_err()
                .code,
            "not-your-device"
        );
        assert!(
            r.claim_device(&pia).unwrap().mine,
            "each group has its own device"
        );
        let seat = r
            .practice_may_answer(&ana, "ej-2", Answer::Level(3))
            .unwrap();
        assert_eq!((seat.team, seat.link_id), (0, 10));
        assert_eq!(
            r.practice_may_answer(&ana, "flow-1", Answer::Level(3))
                .unwrap_err()
                .code,
            "no-such-question",
            "a team questionnaire's question is not a practice question"
        );
        assert_eq!(
            r.practice_may_answer(&ana, "ej-2", Answer::NotApplicable)
                .unwrap_err()
                .code,
            "bad-answer"
        );
        assert_eq!(r.practice_saved(0, "ej-2"), 2);
        let o = r.overview("x", Instant::now()).practice.unwrap();
        assert_eq!(o.questions, 2);
        assert_eq!(
            (o.groups[0].device.as_deref(), o.groups[0].answered),
            (Some("R1"), 2)
        );
        r.remove(1).unwrap();
        assert!(
            r.claim_device(&ben).unwrap().mine,
            "a removed device frees the claim"
        );
        r.set_mode(Mode::Assessment).unwrap();
        assert_eq!(r.claim_device(&ben).unwrap_err().code, "wrong-mode");
        r.start_practice(ej, vec![]).unwrap();
        assert!(
            r.practice_seat(&ben).unwrap().mine,
            "claims survive a mode switch"
        );
        r.end();
        assert_eq!(r.claim_device(&pia).unwrap_err().code, "ended");
    }
}
