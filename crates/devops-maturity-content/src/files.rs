//! The set of content files, keyed by their path relative to the content root (with `/`).

use std::collections::BTreeMap;
use std::path::Path;

use crate::Problem;

/// Text files of a content folder. Only `.md` and `.toml` files are kept; hidden files and
/// folders (names starting with `.`) are skipped.
#[derive(Debug, Clone, Default)]
pub struct Files {
    files: BTreeMap<String, String>,
}

impl Files {
    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Files {
        Files {
            files: pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        }
    }

    pub fn get(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Reads every content file under `root`. Unreadable files become problems, so one bad
    /// file does not hide the others.
    pub fn read_dir(root: &Path) -> (Files, Vec<Problem>) {
        let mut files = Files::default();
        let mut problems = Vec::new();
        if !root.is_dir() {
            problems.push(Problem::new(root.display().to_string(), 0, "not a folder"));
            return (files, problems);
        }
        walk(root, root, &mut files, &mut problems);
        (files, problems)
    }
}

fn walk(root: &Path, dir: &Path, files: &mut Files, problems: &mut Vec<Problem>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(Problem::new(
                dir.display().to_string(),
                0,
                format!("cannot read folder: {e}"),
            ));
            return;
        }
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(root, &path, files, problems);
            continue;
        }
        let is_content = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("md" | "toml")
        );
        if !is_content {
            continue;
        }
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    files.files.insert(rel, text);
                }
                Err(_) => problems.push(Problem::new(rel, 0, "not valid UTF-8 text")),
            },
            Err(e) => problems.push(Problem::new(rel, 0, format!("cannot read file: {e}"))),
        }
    }
}
