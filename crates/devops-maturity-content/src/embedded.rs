//! The content folder compiled into the binary, so the app and the CLI need no files beside
//! them. `build.rs` lists the files.

use crate::Files;

const EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_content.rs"));

/// The repository's `content/` as it was when this binary was built.
pub fn embedded_files() -> Files {
    Files::from_pairs(EMBEDDED.iter().copied())
}
