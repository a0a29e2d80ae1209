//! The assessment domain of DevOps Maturity Studio: values in, values out, no I/O, no clock.
//!
//! - [`questionnaire`]: dimensions, levels and questions with five behavioural anchors.
//! - [`scoring`]: answers of one or several respondents → per-question distributions, per-
//!   dimension scores and levels, overall score, gaps to targets.
//! - [`dora`]: the DORA keys as asked, and the classification into a report year's clusters.
//! - [`assessment`]: an assessment's status (in progress or completed), as one enum.
//! - [`answers_file`]: the answers-file format used by the CLI (and tests), parsed with JSON paths.
//! - [`codes`]: the codes a message offers, as words (`"a", "b" or "c"`), from each code
//!   type's `ALL`.
//! - [`date`]: calendar dates (`YYYY-MM-DD`) and stored moments, read with chrono.
//! - [`consensus`]: silent vote, reveal and agreed levels for a facilitated discussion.
//! - [`chart`]: radar-chart geometry shared by the app's SVG and the PDF.
//! - [`compare`]: a workshop's comparisons: the EJ Airways practice round against the key,
//!   the teams × dimensions heatmap, the class's hot-spots, change since the last workshop.
//! - [`plan`]: the improvement plan proposed from an assessment's gaps and the actions.
//! - [`natural`]: natural order of names ("Team 2" before "Team 10"), used wherever teams
//!   and groups are listed.
//! - [`rollup`]: the organisation's roll-up over many teams — levels per dimension, median and
//!   IQR, systemic gaps, outliers, movement, DORA placements, coverage.
//! - [`text`]: the one rule for text people type (length, control and invisible characters)
//!   and [`text::name_key`], which makes names unique.
//!
//! Neighbours: `devops-maturity-content` parses the authored TOML into these types;
//! `devops-maturity-store` persists answers; the CLI and the shell call [`scoring::score`].

pub mod answers_file;
pub mod assessment;
pub mod chart;
pub mod codes;
pub mod compare;
pub mod consensus;
pub mod date;
pub mod demo;
pub mod dora;
pub mod natural;
pub mod plan;
pub mod questionnaire;
pub mod recommendations;
pub mod rollup;
pub mod scoring;
pub mod text;
pub mod timer;

pub use assessment::AssessmentStatus;
pub use questionnaire::{Dimension, DimensionKind, Level, Question, Questionnaire};
pub use scoring::{score, Answer, AssessmentScore, DimensionScore, Respondent, Role};
