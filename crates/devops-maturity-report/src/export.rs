//! One PDF export as the app's "Export PDF" panels ask for it: the form's choices checked
//! ([`Request`]), the paper and organisation remembered for the next export ([`remembered`]),
//! the report read from the store ([`Request::build`]) and laid out with the name to suggest
//! for its file ([`Built::render`]). Reading and laying out are two steps so a caller can
//! release the store between them.

use chrono::{DateTime, Utc};
use devops_maturity_core::text::{self, Rule};
use devops_maturity_store::{settings, Store};
use serde::Serialize;

use crate::assemble::{self, LeadershipOptions, Sort, Sources};
use crate::model::{LeadershipReport, TeamReport};
use crate::pdf::{self, Pdf};
use crate::{Paper, ReportError};

/// The paper size and organisation the last export used: the form's defaults.
/// A PDF written where the person chose (report_export, handout_export): the file, its size,
/// and the typed texts it could not show in full, each naming its field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exported {
    pub path: String,
    pub bytes: usize,
    pub warnings: Vec<String>,
}

impl Exported {
    pub fn new(path: &std::path::Path, pdf: &Pdf) -> Exported {
        Exported {
            path: path.display().to_string(),
            bytes: pdf.bytes.len(),
            warnings: pdf.unshown.iter().map(ToString::to_string).collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Remembered {
    /// `a4` or `letter`.
    pub paper: &'static str,
    pub organisation: String,
}

/// What the last export used (A4 and no organisation before the first).
pub fn remembered(store: &Store) -> Result<Remembered, ReportError> {
    let paper = store
        .setting(settings::REPORT_PAPER)?
        .and_then(|p| Paper::parse(&p).ok())
        .unwrap_or_default();
    Ok(Remembered {
        paper: paper.id(),
        organisation: store.setting(settings::ORGANISATION)?.unwrap_or_default(),
    })
}

impl Sort {
    /// `name`, `level` or `gap`, as the export form and `--sort` write them.
    pub fn parse(text: &str) -> Result<Sort, ReportError> {
        match text {
            "name" => Ok(Sort::Name),
            "level" => Ok(Sort::Level),
            "gap" => Ok(Sort::Gap),
            other => Err(ReportError::Invalid(format!(
                "`{other}` is not an order of teams: use name, level or gap"
            ))),
        }
    }
}

/// One export, checked: a team's report (`assessment`) or the leadership overview.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub assessment: Option<i64>,
    pub paper: Paper,
    pub organisation: String,
    /// For the overview: which groups, summary or not, the order.
    pub leadership: LeadershipOptions,
}

impl Request {
    /// The form's fields: `paper` is `a4` or `letter`; the organisation follows the text rule
    /// (trimmed; refused, naming the field, when it is too long or holds control characters).
    pub fn new(
        assessment: Option<i64>,
        paper: &str,
        organisation: &str,
        leadership: LeadershipOptions,
    ) -> Result<Request, ReportError> {
        let organisation = organisation.trim().to_string();
        text::check(
            "an organisation name",
            &organisation,
            Rule::name(settings::MAX_ORGANISATION),
        )
        .map_err(|e| ReportError::Invalid(e.to_string()))?;
        Ok(Request {
            assessment,
            paper: Paper::parse(paper)?,
            organisation,
            leadership,
        })
    }

    /// Remembers the paper and organisation, then reads the report (a problem, such as an
    /// assessment that is not completed, shows before anything is laid out or saved).
    pub fn build(
        &self,
        store: &Store,
        sources: Sources<'_>,
        now: DateTime<Utc>,
    ) -> Result<Built, ReportError> {
        store.set_setting(settings::REPORT_PAPER, self.paper.id())?;
        store.set_setting(settings::ORGANISATION, &self.organisation)?;
        let report = match self.assessment {
            Some(id) => Report::Team(Box::new(assemble::team_report(store, sources, id, now)?)),
            None => Report::Leadership(Box::new(assemble::leadership_report(
                store,
                sources,
                &self.leadership,
                now,
            )?)),
        };
        Ok(Built {
            report,
            paper: self.paper,
        })
    }
}

/// A report read from the store, before it is laid out.
pub enum Report {
    Team(Box<TeamReport>),
    Leadership(Box<LeadershipReport>),
}

/// A report and the paper it goes on.
pub struct Built {
    pub report: Report,
    pub paper: Paper,
}

/// The PDF and the file name to suggest for it.
pub struct Rendered {
    pub pdf: Pdf,
    pub file_name: String,
}

impl Built {
    pub fn render(self) -> Result<Rendered, ReportError> {
        Ok(match self.report {
            Report::Team(report) => Rendered {
                file_name: file_name(&format!(
                    "{} – DevOps maturity report {}",
                    report.team, report.assessment_date
                )),
                pdf: pdf::team_report(&report, self.paper)?,
            },
            Report::Leadership(report) => Rendered {
                file_name: file_name(&format!("DevOps maturity overview {}", report.prepared)),
                pdf: pdf::leadership_report(&report, self.paper)?,
            },
        })
    }
}

/// A PDF file name from `stem`, made safe by the one file-name rule (core `text::file_name_part`).
pub fn file_name(stem: &str) -> String {
    format!(
        "{}.pdf",
        devops_maturity_core::text::file_name_part(stem, "report")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggested_file_names_are_safe() {
        assert_eq!(
            file_name("Zoë/Ødegård: Łukasz? – report"),
            "Zoë-Ødegård- Łukasz- – report.pdf"
        );
    }

    #[test]
    fn a_request_is_checked_before_anything_is_read() {
        let ok = Request::new(None, "letter", "  Acme Rail ", Default::default()).unwrap();
        assert_eq!(ok.paper, Paper::Letter);
        assert_eq!(ok.organisation, "Acme Rail", "trimmed");
        let err = Request::new(None, "a3", "", Default::default()).unwrap_err();
        assert_eq!(err.kind(), "invalid", "{err}");
        let long = "x".repeat(settings::MAX_ORGANISATION + 1);
        let err = Request::new(Some(1), "a4", &long, Default::default()).unwrap_err();
        assert!(err.to_string().contains("organisation name"), "{err}");
        assert_eq!(Sort::parse("gap").unwrap(), Sort::Gap);
        let err = Sort::parse("size").unwrap_err();
        assert!(
            err.to_string().contains("`size`"),
            "names what was sent: {err}"
        );
    }

    #[test]
    fn the_form_remembers_the_last_paper_and_organisation() {
        let store = Store::open_in_memory().unwrap();
        let first = remembered(&store).unwrap();
        assert_eq!((first.paper, first.organisation.as_str()), ("a4", ""));
        let request = Request::new(None, "letter", "Acme", Default::default()).unwrap();
        let content = devops_maturity_content::load_embedded().unwrap();
        let sources = Sources {
            dora: &content.assessment.dora,
            actions: &content.assessment.actions,
            names: Default::default(),
        };
        // An overview of no teams, or its refusal: the choices are kept either way.
        let _ = request.build(&store, sources, Utc::now());
        let then = remembered(&store).unwrap();
        assert_eq!((then.paper, then.organisation.as_str()), ("letter", "Acme"));
    }
}
