//! The practice round in a live session: one device per group answers the EJ Airways practice
//! questionnaire for its team (the first of the team to claim it); the key never enters the room.

use std::collections::BTreeSet;
use std::sync::Arc;

use devops_maturity_core::{Answer, Questionnaire};
use serde::Serialize;

use super::{ended, Mode, Participant, Refusal, Room};

#[derive(Debug)]
pub(super) struct PracticeRun {
    pub(super) questionnaire: Arc<Questionnaire>,
    /// Per team (index into `Room::teams`): the participant whose device answers for it.
    pub(super) device: Vec<Option<u32>>,
    /// Per team: the practice questions it has answered.
    pub(super) answered: Vec<BTreeSet<String>>,
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

    pub(super) fn practice_run(&self) -> Result<&PracticeRun, Refusal> {
        if self.ended {
            return Err(ended());
        }
        self.practice
            .as_ref()
            .filter(|_| self.mode == Mode::Practice)
            .ok_or_else(|| Refusal::new(409, "wrong-mode", "the practice round is not under way"))
    }

    pub(super) fn seat_of(&self, run: &PracticeRun, p: &Participant) -> PracticeSeat {
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

    pub(super) fn practice_overview(&self) -> Option<PracticeOverview> {
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
