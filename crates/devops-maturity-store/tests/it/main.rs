//! The store's integration tests: one binary (it links SQLite once), a module per concern.
//! The helpers below are shared by more than one module.

use std::path::{Path, PathBuf};

use devops_maturity_core::dora::DoraModel;
use devops_maturity_core::Questionnaire;

mod concurrent;
mod edges;
mod fresh_start;
mod hostile;
#[cfg(unix)]
mod kill;
mod open;
mod plans;
mod trash;
mod workshops;

/// `path` with `suffix` added to its file name (`db` → `db-wal`).
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    name.into()
}

/// A DORA model without metrics: nothing to compare, so no metric is weakest.
fn no_dora() -> DoraModel {
    DoraModel {
        default_year: 2024,
        note: String::new(),
        metrics: vec![],
        years: vec![],
    }
}

/// One dimension, "flow", with four questions.
fn flow_questionnaire() -> Questionnaire {
    Questionnaire::sample([("flow", (1..=4).map(|i| format!("flow-{i}")))])
}
