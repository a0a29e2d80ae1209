//! What the facilitator's projector view shows of a running session ([`LiveView`]): the room,
//! the QR code of its join link, and the course's modules with a knowledge check to run.

use devops_maturity_content::Course;
use serde::Serialize;

use crate::room::Overview;
use crate::serve::Live;

/// A module whose knowledge check the facilitator can run live.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuizModule {
    pub id: String,
    pub title: String,
    pub questions: usize,
}

/// What the projector view shows: the room, the QR code of its join link, and the modules
/// with a knowledge check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LiveView {
    pub overview: Overview,
    pub qr_svg: String,
    pub quiz_modules: Vec<QuizModule>,
}

impl Live {
    /// The session as the projector view shows it; without a course (it did not load), no
    /// knowledge checks are offered. Fails only when the join link cannot be drawn as a QR code.
    pub fn view(&self, course: Option<&Course>) -> Result<LiveView, String> {
        let overview = self.overview();
        let qr_svg = crate::qr_svg(&overview.join_link)?;
        let quiz_modules = course
            .map(|c| {
                c.modules
                    .iter()
                    .filter_map(|m| {
                        Some(QuizModule {
                            id: m.id.clone(),
                            title: m.title.clone(),
                            questions: m.quiz.as_ref()?.questions.len(),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(LiveView {
            overview,
            qr_svg,
            quiz_modules,
        })
    }
}
