//! TOML parsing that reports problems with a line number.

use serde::de::DeserializeOwned;

use crate::Problem;

/// 1-based line of a byte offset in `src`.
pub(crate) fn line_of(src: &str, offset: usize) -> usize {
    let end = offset.min(src.len());
    src.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Parses `src` as `T`; on failure records one problem at the line TOML points to.
pub(crate) fn parse_toml<T: DeserializeOwned>(
    file: &str,
    src: &str,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    match toml::from_str::<T>(src) {
        Ok(value) => Some(value),
        Err(e) => {
            let line = e.span().map_or(0, |s| line_of(src, s.start));
            problems.push(Problem::new(file, line, e.message().trim().to_string()));
            None
        }
    }
}

/// Whether `id` is lowercase-kebab: `a-z`, `0-9` and single inner `-`.
pub(crate) fn is_kebab_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
