//! Demo data: a fictional organisation with several teams and a year of quarterly assessments,
//! so trends and comparisons can be shown at once. Deterministic: the same seed gives the same
//! data. No clock: assessments carry "days before now" and the caller supplies now.

use std::collections::BTreeMap;

use crate::dora::{DoraAnswer, DoraModel, MetricKind};
use crate::scoring::{Answer, Choices, Respondent};
use crate::Questionnaire;

pub const ORGANISATION: &str = "Northwind Travel Group";

#[derive(Debug, Clone, PartialEq)]
pub struct DemoAssessment {
    pub days_ago: u32,
    pub facilitator: String,
    pub respondents: Vec<Respondent>,
    pub choices: Choices,
    pub dora: BTreeMap<String, DoraAnswer>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DemoTeam {
    pub name: String,
    pub assessments: Vec<DemoAssessment>,
}

/// (team, starting level, improvement per quarter, respondents)
const TEAMS: &[(&str, f64, f64, &[&str])] = &[
    (
        "Booking Web (demo)",
        1.6,
        0.35,
        &["Zoë Ødegård", "Łukasz Nowicki", "Amara Okafor"],
    ),
    (
        "Mobile App (demo)",
        2.2,
        0.25,
        &["Ярослава Ковальчук", "Diego Ramírez", "Mei Lin"],
    ),
    (
        "Loyalty Platform (demo)",
        3.1,
        0.15,
        &["Sven Åkesson", "Fatima Zahra", "Noah Schmidt"],
    ),
    (
        "Infrastructure (demo)",
        1.9,
        0.2,
        &["Élodie Martin", "Ravi Shankar"],
    ),
];
const QUARTERS: [u32; 4] = [330, 240, 150, 60];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        // xorshift64*: small, fast and good enough for demo noise.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The names of the demo organisation's teams: how the store finds them to remove them.
pub fn team_names() -> impl Iterator<Item = &'static str> {
    TEAMS.iter().map(|(name, ..)| *name)
}

/// Generates the demo organisation for `questionnaire`, with DORA answers from `dora`.
pub fn generate(questionnaire: &Questionnaire, dora: &DoraModel, seed: u64) -> Vec<DemoTeam> {
    let mut rng = Rng(seed | 1);
    TEAMS
        .iter()
        .enumerate()
        .map(|(t, (name, start, step, people))| {
            // Each dimension has its own offset, so teams have strengths and weaknesses.
            let offsets: BTreeMap<&str, f64> = questionnaire
                .dimensions
                .iter()
                .map(|d| (d.id.as_str(), rng.next() * 1.4 - 0.7))
                .collect();
            let targets: BTreeMap<String, u8> = questionnaire
                .dimensions
                .iter()
                .map(|d| {
                    (
                        d.id.clone(),
                        (start + offsets[d.id.as_str()] + 1.8)
                            .round()
                            .clamp(2.0, 5.0) as u8,
                    )
                })
                .collect();
            let assessments = QUARTERS
                .iter()
                .enumerate()
                .map(|(i, &days_ago)| {
                    let team_level = start + step * i as f64;
                    let respondents = people
                        .iter()
                        .map(|person| {
                            let bias = rng.next() * 0.8 - 0.4;
                            let mut answers = BTreeMap::new();
                            for q in &questionnaire.questions {
                                let roll = rng.next();
                                let answer = if roll < 0.04 {
                                    Answer::DontKnow
                                } else if roll < 0.05 {
                                    Answer::NotApplicable
                                } else {
                                    let value = team_level
                                        + offsets[q.dimension.as_str()]
                                        + bias
                                        + rng.next() * 1.6
                                        - 0.8;
                                    Answer::Level(value.round().clamp(1.0, 5.0) as u8)
                                };
                                answers.insert(q.id.clone(), answer);
                            }
                            Respondent {
                                name: (*person).to_string(),
                                role: None,
                                answers,
                                evidence: BTreeMap::new(),
                            }
                        })
                        .collect();
                    DemoAssessment {
                        days_ago,
                        facilitator: "Marta Keller".into(),
                        respondents,
                        choices: Choices {
                            targets: targets.clone(),
                            ..Choices::default()
                        },
                        dora: dora_answers(dora, team_level, t, &mut rng),
                    }
                })
                .collect();
            DemoTeam {
                name: (*name).to_string(),
                assessments,
            }
        })
        .collect()
}

fn dora_answers(
    model: &DoraModel,
    level: f64,
    team: usize,
    rng: &mut Rng,
) -> BTreeMap<String, DoraAnswer> {
    let share = ((level - 1.0) / 4.0).clamp(0.0, 1.0);
    model
        .metrics
        .iter()
        .map(|m| {
            let answer = match &m.kind {
                // The infrastructure team does not know its recovery time in its early quarters.
                MetricKind::Bucket { .. }
                    if team == 3 && m.id.contains("recovery") && level < 2.2 =>
                {
                    DoraAnswer::DontKnow
                }
                MetricKind::Bucket { buckets } => {
                    let max = buckets.len().saturating_sub(1) as f64;
                    let i = (share * max + rng.next() - 0.3).round().clamp(0.0, max) as usize;
                    DoraAnswer::Bucket(buckets[i].id.clone())
                }
                MetricKind::Percent => DoraAnswer::Percent(
                    (45.0 - 40.0 * share + rng.next() * 6.0)
                        .round()
                        .clamp(0.0, 100.0),
                ),
            };
            (m.id.clone(), answer)
        })
        .collect()
}
