//! The edges where the app and the CLI touch files the user names: the one check every written
//! file passes first ([`check_output`]), writing through a device or FIFO ([`write_through`]),
//! and reading an input file with a hard cap ([`read_bounded`]).
//!
//! [`check_output`] compares by file identity (device and inode), never by path text, so a
//! symbolic link, a hard link or `./x/../db` that reaches the database is caught. It protects
//! the live database, its `-wal`, `-shm` and `-journal` files (one that does not exist yet is
//! compared by its folder's identity and its name), the instance lock file `<db>.lock`, and
//! every file now in the automatic backups folder. It never replaces a symbolic link, a device
//! or a FIFO: a character device or a FIFO is written through ([`Output::Stream`]), anything
//! else that is not a regular file is refused.
//!
//! Neighbours: `backup.rs` (`Store::backup_to`) and the report crate's `write_output` call
//! [`check_output`] before writing; the CLI and the shell read import files with
//! [`read_bounded`].

use std::ffi::OsString;
use std::fs::Metadata;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::backup::backups_dir;
use crate::recover::lock_path;
use crate::StoreError;

/// How a checked output target is to be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// A regular file, or none yet: write a temporary file beside it and rename it into place.
    File,
    /// A character device (`/dev/null`, a terminal) or a FIFO: open it and write into it; the
    /// node itself is never replaced.
    Stream,
}

/// A file's identity: the same for every path that reaches it (device and inode).
#[cfg(unix)]
type Identity = (u64, u64);
/// Without device and inode numbers, the path as the system resolves it.
#[cfg(not(unix))]
type Identity = PathBuf;

#[cfg(unix)]
fn identity(_path: &Path, meta: &Metadata) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path, _meta: &Metadata) -> Option<Identity> {
    path.canonicalize().ok()
}

/// Where a path leads: the file it reaches, or — when there is none yet — the folder it would
/// be created in and its name there.
#[derive(Debug, PartialEq, Eq)]
enum Place {
    File(Identity),
    New { folder: Identity, name: OsString },
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn place(path: &Path) -> Option<Place> {
    match std::fs::metadata(path) {
        Ok(meta) => identity(path, &meta).map(Place::File),
        Err(_) => {
            let name = path.file_name()?.to_os_string();
            let folder = folder_of(path);
            let meta = std::fs::metadata(folder).ok()?;
            Some(Place::New {
                folder: identity(folder, &meta)?,
                name,
            })
        }
    }
}

/// True when `a` and `b` reach the same file (or would, once created), by identity.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    match (place(a), place(b)) {
        (Some(a), Some(b)) => a == b,
        _ => a == b,
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// The files no export, report or backup may write over while `db` is the database in use,
/// each with what it is.
fn protected(db: &Path) -> Vec<(PathBuf, &'static str)> {
    let mut files = vec![
        (db.to_path_buf(), "the database in use"),
        (
            with_suffix(db, "-wal"),
            "the write-ahead log of the database in use",
        ),
        (
            with_suffix(db, "-shm"),
            "the shared-memory file of the database in use",
        ),
        (
            with_suffix(db, "-journal"),
            "the rollback journal of the database in use",
        ),
        (lock_path(db), "the lock file of the database in use"),
    ];
    if let Ok(entries) = std::fs::read_dir(backups_dir(db)) {
        for entry in entries.flatten() {
            files.push((entry.path(), "one of the automatic backups of the database"));
        }
    }
    files
}

fn refused(target: &Path, reason: impl Into<String>) -> StoreError {
    StoreError::OutputRefused {
        path: target.to_path_buf(),
        reason: reason.into(),
    }
}

/// Checks, before anything is written, that `target` may receive a file while `db` is the
/// database in use (see the module doc), and says how to write it.
pub fn check_output(db: &Path, target: &Path) -> Result<Output, StoreError> {
    if target.as_os_str().is_empty() || target.file_name().is_none() {
        return Err(refused(target, "it is not a file name"));
    }
    if let Some(at) = place(target) {
        for (file, what) in protected(db) {
            if place(&file).as_ref() == Some(&at) {
                return Err(refused(target, format!("it is {what}")));
            }
        }
    }
    let meta = match std::fs::symlink_metadata(target) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Output::File),
        Err(source) => {
            return Err(StoreError::Write {
                path: target.to_path_buf(),
                source,
            })
        }
    };
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(Output::File);
    }
    if kind.is_symlink() {
        return Err(refused(
            target,
            "it is a symbolic link, which would be replaced by the file; give the path of the file it points to",
        ));
    }
    if kind.is_dir() {
        return Err(refused(target, "it is a folder; choose a file name"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_char_device() || kind.is_fifo() {
            return Ok(Output::Stream);
        }
        if kind.is_block_device() {
            return Err(refused(target, "it is a disk device, not a file"));
        }
        if kind.is_socket() {
            return Err(refused(target, "it is a socket, not a file"));
        }
    }
    Err(refused(target, "it is not a regular file"))
}

/// Writes `bytes` into the character device or FIFO at `path` (an [`Output::Stream`]) without
/// creating, truncating or replacing anything.
pub fn write_through(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
    file.write_all(bytes)?;
    file.flush()
}

/// Why [`read_bounded`] read nothing usable.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is {what}, not a file; nothing was read")]
    NotAFile { path: PathBuf, what: &'static str },
    #[error("{path} is larger than {cap} bytes, the most this file can have; nothing was changed")]
    TooLarge { path: PathBuf, cap: u64 },
}

/// What kind of node `meta` describes, in words, when it is not a regular file.
fn not_a_file(meta: &Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Reads the regular file at `path`, refusing it when it holds more than `cap` bytes. The cap
/// is enforced while reading (`Read::take`), never taken from the file's announced size, and a
/// device or FIFO is refused before it is opened, so `/dev/zero` or a pipe with no writer
/// cannot fill the memory or hang the program.
pub fn read_bounded(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if let Some(what) = not_a_file(&meta) {
        return Err(ReadError::NotAFile {
            path: path.to_path_buf(),
            what,
        });
    }
    let file = std::fs::File::open(path).map_err(io)?;
    // Checked again on the open file: the path may have been swapped meanwhile.
    if let Some(what) = file.metadata().ok().as_ref().and_then(not_a_file) {
        return Err(ReadError::NotAFile {
            path: path.to_path_buf(),
            what,
        });
    }
    let mut bytes = Vec::new();
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            cap,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(db: &Path, target: &Path) -> String {
        match check_output(db, target) {
            Err(StoreError::OutputRefused { reason, .. }) => reason,
            other => panic!("{} should be refused, got {other:?}", target.display()),
        }
    }

    #[test]
    fn the_database_and_its_companions_are_refused_by_identity() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("studio.db");
        std::fs::write(&db, b"db").unwrap();
        std::fs::write(with_suffix(&db, "-wal"), b"wal").unwrap();
        std::fs::create_dir(dir.path().join("x")).unwrap();
        std::fs::hard_link(&db, dir.path().join("hard")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&db, dir.path().join("soft")).unwrap();

        assert_eq!(refusal(&db, &db), "it is the database in use");
        assert_eq!(
            refusal(&db, &dir.path().join("x/../studio.db")),
            "it is the database in use"
        );
        assert_eq!(
            refusal(&db, &dir.path().join("hard")),
            "it is the database in use",
            "a hard link is the same file"
        );
        #[cfg(unix)]
        assert_eq!(
            refusal(&db, &dir.path().join("soft")),
            "it is the database in use",
            "a symbolic link reaches the same file"
        );
        assert_eq!(
            refusal(&db, &dir.path().join("x/../studio.db-wal")),
            "it is the write-ahead log of the database in use"
        );
        // Companions that do not exist yet: same folder, same name.
        assert_eq!(
            refusal(&db, &dir.path().join("x/../studio.db-shm")),
            "it is the shared-memory file of the database in use"
        );
        assert_eq!(
            refusal(&db, &with_suffix(&db, "-journal")),
            "it is the rollback journal of the database in use"
        );
        assert_eq!(
            refusal(&db, &lock_path(&db)),
            "it is the lock file of the database in use"
        );
        std::fs::create_dir(backups_dir(&db)).unwrap();
        let auto = backups_dir(&db).join("studio-20261123-100000.sqlite");
        std::fs::write(&auto, b"copy").unwrap();
        assert_eq!(
            refusal(&db, &auto),
            "it is one of the automatic backups of the database"
        );
        assert_eq!(
            check_output(&db, &backups_dir(&db).join("mine.pdf")).unwrap(),
            Output::File,
            "a new file in the backups folder is fine"
        );
        assert_eq!(
            check_output(&db, &dir.path().join("studio.db.pdf")).unwrap(),
            Output::File
        );
        assert_eq!(std::fs::read(&db).unwrap(), b"db", "nothing was touched");
    }

    #[cfg(unix)]
    #[test]
    fn links_devices_and_fifos_are_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("studio.db");
        let elsewhere = dir.path().join("report.pdf");
        std::os::unix::fs::symlink(&elsewhere, dir.path().join("link.pdf")).unwrap();
        assert!(refusal(&db, &dir.path().join("link.pdf")).contains("symbolic link"));
        assert_eq!(
            check_output(&db, Path::new("/dev/null")).unwrap(),
            Output::Stream
        );
        let fifo = dir.path().join("fifo");
        assert!(std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        assert_eq!(check_output(&db, &fifo).unwrap(), Output::Stream);
        assert_eq!(
            refusal(&db, dir.path()),
            "it is a folder; choose a file name"
        );
    }

    #[test]
    fn a_bounded_read_stops_at_the_cap_and_refuses_what_is_not_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("in.json");
        std::fs::write(&file, b"12345").unwrap();
        assert_eq!(read_bounded(&file, 5).unwrap(), b"12345");
        assert!(matches!(
            read_bounded(&file, 4),
            Err(ReadError::TooLarge { cap: 4, .. })
        ));
        assert!(matches!(
            read_bounded(dir.path(), 4),
            Err(ReadError::NotAFile {
                what: "a folder",
                ..
            })
        ));
        #[cfg(unix)]
        {
            let err = read_bounded(Path::new("/dev/zero"), 1024).unwrap_err();
            assert_eq!(
                err.to_string(),
                "/dev/zero is a device, not a file; nothing was read"
            );
        }
    }
}
