//! The assessment domain of DevOps Maturity Studio: values in, values out, no I/O, no clock.
//!
//! - [`questionnaire`]: dimensions, levels and questions with five behavioural anchors.
//! - [`scoring`]: answers of one or several respondents → per-question distributions, per-
//!   dimension scores and levels, overall score, gaps to targets.
//! - [`dora`]: the DORA keys as asked, and the classification into a report year's clusters.
//! - [`answers`]: the answers-file format used by the CLI (and tests), parsed with JSON paths.
//! - [`chart`]: radar-chart geometry shared by the app's SVG and the PDF.
//!
//! Neighbours: `devops-maturity-content` parses the authored TOML into these types;
//! `devops-maturity-store` persists answers; the CLI and the shell call [`scoring::score`].

pub mod answers;
pub mod chart;
pub mod demo;
pub mod dora;
pub mod questionnaire;
pub mod recommendations;
pub mod scoring;

pub use questionnaire::{Dimension, DimensionKind, Level, Question, Questionnaire};
pub use scoring::{score, Answer, AssessmentScore, DimensionScore, Respondent};
