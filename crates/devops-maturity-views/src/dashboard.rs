//! The projector dashboard of a workshop: teams × dimensions heatmap (each cell's distance from
//! the workshop median), the class's hot-spots, each team's change since its previous
//! workshop, and the activity on the clock for the timer.
//!
//! Each assessment is scored against its own snapshot; the comparisons line dimensions up with
//! today's questionnaire by id, and a hot-spot question is read in the snapshot its teams
//! answered ([`hot_spots`]).

use chrono::NaiveDate;
use devops_maturity_content::{parse_clock, BlockKind, Content, DayPlan};
use devops_maturity_core::compare::{
    self, class_hot_spots, heatmap, Heatmap, TeamChange, TeamScores,
};
use devops_maturity_core::scoring::{AssessmentScore, QuestionStat, Scorer, DISAGREEMENT_SPREAD};
use devops_maturity_core::{AssessmentStatus, Level};
use devops_maturity_store::assessments::AssessmentData;
use devops_maturity_store::practice::PreviousWorkshop;
use devops_maturity_store::workshops::{Workshop, WorkshopTeam};
use devops_maturity_store::{Store, StoreError};
use serde::Serialize;

use crate::{SnapshotKey, Snapshots, ViewError};

/// A question whose votes split at least one team, read in the questionnaire version its teams
/// answered (a workshop can hold assessments of two versions, whose question of the same id may
/// ask something else).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HotSpotView {
    pub question_id: String,
    pub dimension_id: String,
    /// The widest spread of votes in any team.
    pub spread: u8,
    /// The teams whose votes are [`DISAGREEMENT_SPREAD`] levels apart or more.
    pub teams: Vec<String>,
    /// The question's number and text in that version.
    pub number: usize,
    pub text: String,
    pub dimension: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PreviousView<'q> {
    pub workshop_id: i64,
    pub name: String,
    pub held_on: NaiveDate,
    pub change: TeamChange<'q>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DashboardTeam<'q> {
    pub workshop_team_id: i64,
    pub team_id: i64,
    pub name: String,
    pub status: AssessmentStatus,
    pub respondents: usize,
    pub finished: usize,
    /// The team's previous workshop and its change since; `None` for a first workshop.
    pub previous: Option<PreviousView<'q>>,
}

/// An activity block of the workshop's day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayActivity {
    pub chapter: String,
    pub title: String,
    pub minutes: u32,
    pub start: String,
    pub end: String,
}

/// Which activity the timer shows, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Timing {
    /// It is running on the clock now.
    Now,
    /// It is the next one to start.
    Next,
    /// The day's activities are over: the last one.
    Last,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dashboard<'q> {
    pub workshop: Workshop,
    pub levels: &'q [Level],
    pub heatmap: Heatmap<'q>,
    pub teams: Vec<DashboardTeam<'q>>,
    pub hot_spots: Vec<HotSpotView>,
    pub disagreement_spread: u8,
    pub activities: Vec<DayActivity>,
    /// Index into `activities` of the one on the clock, with why it was chosen.
    pub current_activity: Option<(usize, Timing)>,
}

/// The switched-on activity blocks of `day`, and the one to time at `clock` (minutes after
/// midnight): the one running, else the next to start, else the day's last.
pub fn activities_at(day: &DayPlan, clock: u32) -> (Vec<DayActivity>, Option<(usize, Timing)>) {
    let activities: Vec<DayActivity> = day
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Activity && b.enabled)
        .filter_map(|b| {
            Some(DayActivity {
                chapter: b.chapter.clone()?,
                title: b.title.clone(),
                minutes: b.minutes,
                start: b.start.clone()?,
                end: b.end.clone()?,
            })
        })
        .collect();
    let span = |a: &DayActivity| {
        (
            parse_clock(&a.start).unwrap_or(0),
            parse_clock(&a.end).unwrap_or(0),
        )
    };
    let current = activities
        .iter()
        .position(|a| {
            let (start, end) = span(a);
            start <= clock && clock < end
        })
        .map(|i| (i, Timing::Now))
        .or_else(|| {
            activities
                .iter()
                .position(|a| span(a).0 > clock)
                .map(|i| (i, Timing::Next))
        })
        .or_else(|| activities.len().checked_sub(1).map(|i| (i, Timing::Last)));
    (activities, current)
}

/// One team of the workshop, read from the store before anything is scored.
struct Loaded {
    team: WorkshopTeam,
    data: AssessmentData,
    snapshot: SnapshotKey,
    previous: Option<(PreviousWorkshop, AssessmentData, SnapshotKey)>,
}

fn load(
    store: &Store,
    assessment_id: i64,
    snapshots: &mut Snapshots,
) -> Result<(AssessmentData, SnapshotKey), StoreError> {
    let data = store.assessment_data(assessment_id)?;
    let key = snapshots.load(store, &data.assessment)?;
    Ok((data, key))
}

/// Everything the projector shows for a workshop; `clock` is the local time in minutes after
/// midnight, for the activity timer.
pub fn dashboard<'c>(
    store: &Store,
    content: &'c Content,
    workshop_id: i64,
    clock: u32,
) -> Result<Dashboard<'c>, StoreError> {
    let q = &content.assessment.questionnaire;
    let detail = store.workshop(workshop_id)?;
    let mut snapshots = Snapshots::default();
    let mut loaded = Vec::with_capacity(detail.teams.len());
    for team in &detail.teams {
        let (data, snapshot) = load(store, team.assessment_id, &mut snapshots)?;
        let previous = match store.previous_workshop(workshop_id, team.team_id)? {
            Some(p) => {
                let (data, snapshot) = load(store, p.assessment_id, &mut snapshots)?;
                Some((p, data, snapshot))
            }
            None => None,
        };
        loaded.push(Loaded {
            team: team.clone(),
            data,
            snapshot,
            previous,
        });
    }

    let team_scores = |name: &str, data: &AssessmentData, snapshot: &SnapshotKey| {
        let snapshot = &snapshots[snapshot];
        let summary = Scorer::new(snapshot).summary(&data.answers, &data.choices);
        TeamScores::from_summary(name, snapshot, &summary)
    };
    let full: Vec<_> = loaded
        .iter()
        .map(|l| Scorer::new(&snapshots[&l.snapshot]).score(&l.data.answers, &l.data.choices))
        .collect();
    let scores: Vec<TeamScores> = loaded
        .iter()
        .map(|l| team_scores(&l.team.team_name, &l.data, &l.snapshot))
        .collect();
    let teams = loaded
        .iter()
        .zip(&scores)
        .map(|(l, now_scores)| DashboardTeam {
            workshop_team_id: l.team.id,
            team_id: l.team.team_id,
            name: l.team.team_name.clone(),
            status: l.team.status,
            respondents: l.team.respondents.len(),
            finished: l.team.respondents.iter().filter(|r| r.finished).count(),
            previous: l.previous.as_ref().map(|(p, data, snapshot)| {
                let before = team_scores(&l.team.team_name, data, snapshot);
                PreviousView {
                    workshop_id: p.workshop_id,
                    name: p.name.clone(),
                    held_on: p.held_on,
                    change: compare::change_since(q, now_scores, &before),
                }
            }),
        })
        .collect();
    let hot_spots = hot_spots(&snapshots, &loaded, &full);
    let (activities, current_activity) = crate::workshop::day(content, &detail.workshop)
        .map(|day| activities_at(&day, clock))
        .unwrap_or_default();
    Ok(Dashboard {
        heatmap: heatmap(q, &scores),
        workshop: detail.workshop,
        levels: &q.levels,
        teams,
        hot_spots,
        disagreement_spread: DISAGREEMENT_SPREAD,
        activities,
        current_activity,
    })
}

/// The class's hot spots: the teams are grouped by the snapshot they answered, each group's
/// disagreeing questions found and read in that snapshot ([`class_hot_spots`]), and a question
/// that reads the same in two snapshots is one spot. Widest spread first, then the most teams,
/// then questionnaire order (the first snapshot's questions first).
fn hot_spots(
    snapshots: &Snapshots,
    loaded: &[Loaded],
    scores: &[AssessmentScore<'_>],
) -> Vec<HotSpotView> {
    let mut keys: Vec<&SnapshotKey> = Vec::new();
    for l in loaded {
        if !keys.contains(&&l.snapshot) {
            keys.push(&l.snapshot);
        }
    }
    let mut spots: Vec<HotSpotView> = Vec::new();
    for key in keys {
        let q = &snapshots[key];
        let votes: Vec<(&str, &[QuestionStat<'_>])> = loaded
            .iter()
            .zip(scores)
            .filter(|(l, _)| &l.snapshot == key)
            .map(|(l, score)| (l.team.team_name.as_str(), score.questions.as_slice()))
            .collect();
        for spot in class_hot_spots(q, &votes) {
            let text = q.question_text(spot.question_id);
            if let Some(same) = spots
                .iter_mut()
                .find(|s| s.question_id == spot.question_id && s.text == text)
            {
                same.spread = same.spread.max(spot.spread);
                for team in spot.teams {
                    if !same.teams.contains(&team) {
                        same.teams.push(team);
                    }
                }
                continue;
            }
            spots.push(HotSpotView {
                question_id: spot.question_id.to_string(),
                dimension_id: spot.dimension_id.to_string(),
                spread: spot.spread,
                number: q.number_of(spot.question_id),
                text: text.to_string(),
                dimension: q.dimension_name(spot.dimension_id).to_string(),
                teams: spot.teams,
            });
        }
    }
    spots.sort_by(|a, b| {
        b.spread
            .cmp(&a.spread)
            .then_with(|| b.teams.len().cmp(&a.teams.len()))
    });
    spots
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
/// Largest heatmap image accepted: a 1920-pixel-wide heatmap is well under a megabyte.
pub const MAX_PNG_BYTES: usize = 20 * 1024 * 1024;

/// Checks the heatmap image the projector view drew (a PNG, not over [`MAX_PNG_BYTES`]) and
/// returns the file name to suggest for it: the view's, made safe by the one file-name rule
/// (core `text::file_name_part`), or `heatmap.png`.
pub fn heatmap_png(png: &[u8], file_name: &str) -> Result<String, ViewError> {
    if !png.starts_with(PNG_SIGNATURE) {
        return Err(ViewError::Invalid(
            "the heatmap image is not a PNG; nothing was saved".into(),
        ));
    }
    if png.len() > MAX_PNG_BYTES {
        return Err(ViewError::Invalid(format!(
            "the heatmap image is {} bytes; at most {MAX_PNG_BYTES} are accepted",
            png.len()
        )));
    }
    Ok(devops_maturity_core::text::file_name_part(
        file_name,
        "heatmap.png",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use devops_maturity_content::PlannedBlock;

    fn block(id: &str, kind: BlockKind, start: &str, end: &str, enabled: bool) -> PlannedBlock {
        PlannedBlock {
            id: id.into(),
            title: id.into(),
            kind,
            minutes: parse_clock(end).unwrap() - parse_clock(start).unwrap(),
            default_minutes: 0,
            optional: !enabled,
            enabled,
            start: enabled.then(|| start.into()),
            end: enabled.then(|| end.into()),
            module: None,
            chapter: Some(format!("{id}-chapter")),
            cut: Vec::new(),
        }
    }

    fn day() -> DayPlan {
        DayPlan {
            start: "09:00".into(),
            end: "12:00".into(),
            blocks: vec![
                block("intro", BlockKind::Session, "09:00", "10:00", true),
                block("first", BlockKind::Activity, "10:00", "10:30", true),
                block("skipped", BlockKind::Activity, "10:30", "10:45", false),
                block("break", BlockKind::Break, "10:30", "10:45", true),
                block("second", BlockKind::Activity, "10:45", "12:00", true),
            ],
            total_minutes: 180,
            teaching_minutes: 165,
            edited: false,
        }
    }

    #[test]
    fn the_timer_picks_the_running_activity_else_the_next_else_the_last() {
        let at = |clock: &str| {
            let (activities, current) = activities_at(&day(), parse_clock(clock).unwrap());
            current.map(|(i, timing)| (activities[i].title.clone(), timing))
        };
        assert_eq!(at("09:15"), Some(("first".into(), Timing::Next)));
        assert_eq!(at("10:00"), Some(("first".into(), Timing::Now)));
        assert_eq!(
            at("10:35"),
            Some(("second".into(), Timing::Next)),
            "during the break; the switched-off activity is not on the clock"
        );
        assert_eq!(at("11:59"), Some(("second".into(), Timing::Now)));
        assert_eq!(at("12:00"), Some(("second".into(), Timing::Last)));
        let (activities, _) = activities_at(&day(), 0);
        assert_eq!(activities.len(), 2);
        assert_eq!(activities[1].minutes, 75);
    }
}

#[cfg(test)]
mod png_tests {
    use super::*;

    #[test]
    fn only_a_png_of_a_sane_size_is_saved_under_a_plain_name() {
        let png = [PNG_SIGNATURE, b"rest"].concat();
        assert_eq!(
            heatmap_png(&png, "Spring day.png").unwrap(),
            "Spring day.png"
        );
        assert_eq!(
            heatmap_png(&png, "../x/\\y.png").unwrap(),
            "x--y.png",
            "no folders"
        );
        assert_eq!(heatmap_png(&png, " \n ").unwrap(), "heatmap.png");
        let err = heatmap_png(b"GIF89a", "a.png").unwrap_err();
        assert!(err.to_string().contains("not a PNG"), "{err}");
        let big = [PNG_SIGNATURE, &vec![0; MAX_PNG_BYTES]].concat();
        let err = heatmap_png(&big, "a.png").unwrap_err();
        assert!(err.to_string().contains("at most"), "{err}");
    }
}
