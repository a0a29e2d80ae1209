//! The set of content files, keyed by their path relative to the content root (with `/`).

use std::collections::{BTreeMap, HashSet};
use std::io::Read as _;
use std::path::Path;

use crate::Problem;

/// Text files of a content folder. Only `.md`, `.toml` and `.svg` files are kept; hidden files and
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
    /// file does not hide the others. A folder reached twice (a symbolic link loop) is read
    /// once; a FIFO or device is never opened; a file is read up to [`MAX_FILE_BYTES`].
    pub fn read_dir(root: &Path) -> (Files, Vec<Problem>) {
        let mut files = Files::default();
        let mut problems = Vec::new();
        if !root.is_dir() {
            problems.push(Problem::new(root.display().to_string(), 0, "not a folder"));
            return (files, problems);
        }
        let mut seen = HashSet::new();
        walk(root, root, &mut seen, &mut files, &mut problems);
        (files, problems)
    }
}

/// The largest content file read (4 MiB; a chapter is a few dozen KB).
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A folder's identity, the same through every symbolic link that reaches it.
#[cfg(unix)]
fn folder_id(meta: &std::fs::Metadata, _path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn folder_id(_meta: &std::fs::Metadata, path: &Path) -> Option<std::path::PathBuf> {
    path.canonicalize().ok()
}

#[cfg(unix)]
type FolderId = (u64, u64);
#[cfg(not(unix))]
type FolderId = std::path::PathBuf;

fn walk(
    root: &Path,
    dir: &Path,
    seen: &mut HashSet<FolderId>,
    files: &mut Files,
    problems: &mut Vec<Problem>,
) {
    let rel = |path: &Path| {
        path.strip_prefix(root)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    };
    // Follow no folder twice: a symbolic link back up the tree would never end.
    match std::fs::metadata(dir) {
        Ok(meta) => match folder_id(&meta, dir) {
            Some(id) if !seen.insert(id) => return,
            _ => {}
        },
        Err(e) => {
            problems.push(Problem::new(
                dir.display().to_string(),
                0,
                format!("cannot read folder: {e}"),
            ));
            return;
        }
    }
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
            walk(root, &path, seen, files, problems);
            continue;
        }
        let is_content = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("md" | "toml" | "svg")
        );
        if !is_content {
            continue;
        }
        let rel = rel(&path);
        match read_capped(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    files.files.insert(rel, text);
                }
                Err(_) => problems.push(Problem::new(rel, 0, "not valid UTF-8 text")),
            },
            Err(message) => problems.push(Problem::new(rel, 0, message)),
        }
    }
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`], counted while reading; anything else
/// is a problem, said in words.
fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read file: {e}"))?;
    if !meta.is_file() {
        return Err("not a regular file (a FIFO, a device or a socket); it was not read".into());
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read file: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read file: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "larger than {MAX_FILE_BYTES} bytes, the most a content file can have"
        ));
    }
    Ok(bytes)
}
