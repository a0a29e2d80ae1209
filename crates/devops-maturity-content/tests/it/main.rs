//! The crate against the real `content/` folder: broken course material fails the build.

mod dora_ties;
mod embedded;
mod hostile;
mod questionnaire_version;
mod real_content;
mod recommendations;
