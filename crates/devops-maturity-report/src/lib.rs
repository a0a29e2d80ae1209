//! Reports for people who do not open the app: a team's report (cover, executive summary,
//! radar, scores, distributions, DORA, improvement plan, trend, appendix) and a leadership
//! overview of several teams, as PDF or HTML.
//!
//! Flow: [`assemble`] reads one assessment (and the team's earlier ones) from the store, scores
//! it against its questionnaire snapshot with the core, and returns a [`model`] value that
//! holds every word and number the report shows. [`pdf`] lays that model out on pages
//! (printpdf, embedded DejaVu fonts); [`html`] renders the same model as one HTML page.
//! [`write_atomically`] puts the bytes on disk so that a failure leaves nothing half-written.
//!
//! Neighbours: the CLI (`devops-maturity report`) and the Tauri shell (`report_export`) call
//! `assemble` + `pdf` + `write_atomically`. Nothing here reads the clock (callers pass `now`),
//! prints, or knows about IPC.

pub mod assemble;
pub mod export;
pub mod handout;
pub mod html;
pub mod model;
pub mod pdf;
pub mod text;
mod write;

pub use write::{write_atomically, write_output};

/// The product name printed in footers and document properties.
pub const PRODUCT: &str = "DevOps Maturity Studio";

/// Paper sizes the reports are laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// Width and height in points (1/72 inch).
    pub fn size_pt(self) -> (f64, f64) {
        match self {
            // 210 × 297 mm
            Paper::A4 => (595.2756, 841.8898),
            // 8.5 × 11 in
            Paper::Letter => (612.0, 792.0),
        }
    }

    /// The name used in settings, on the command line and across IPC.
    pub fn id(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        }
    }

    pub fn parse(text: &str) -> Result<Paper, ReportError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "a4" => Ok(Paper::A4),
            "letter" | "us-letter" => Ok(Paper::Letter),
            _ => Err(ReportError::Invalid(format!(
                "unknown paper size `{text}`: use a4 or letter"
            ))),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    NotFound(String),
    #[error(transparent)]
    Store(#[from] devops_maturity_store::StoreError),
    #[error("font problem: {0}")]
    Font(String),
    #[error("{message}")]
    Write {
        message: String,
        #[source]
        source: std::io::Error,
    },
}

impl ReportError {
    /// A short machine-readable kind: `invalid`, `not-found`, `database`, `font`,
    /// `permission`, `disk-full` or `io`.
    pub fn kind(&self) -> &'static str {
        match self {
            ReportError::Invalid(_) => "invalid",
            ReportError::NotFound(_) => "not-found",
            ReportError::Store(devops_maturity_store::StoreError::OutputRefused { .. }) => {
                "invalid"
            }
            ReportError::Store(_) => "database",
            ReportError::Font(_) => "font",
            ReportError::Write { source, .. } => write::kind_of(source),
        }
    }
}
