//! Writing a report file so that a reader never sees half of it: the bytes go to a temporary
//! file in the target's own folder, are flushed to disk (`fsync`), and the file is renamed
//! over the target in one step. On any error the temporary file is removed and an existing
//! file at the target is left as it was.
//!
//! [`write_output`] is what every export calls: the store's one guard
//! (`devops_maturity_store::files::check_output`) first — never the live database, its
//! companion files, its lock or its automatic backups; never replacing a symbolic link, a
//! device or a FIFO — then the atomic write, or a write through a character device or FIFO.

use std::io::Write as _;
use std::path::Path;

use devops_maturity_store::files::{check_output, write_through, Output};

use crate::ReportError;

/// Writes `bytes` to `target` while `db` is the database in use, after the store's guard
/// (see the module doc): atomically to a file, or through a character device or FIFO.
pub fn write_output(db: &Path, target: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    match check_output(db, target)? {
        Output::File => write_atomically(target, bytes),
        Output::Stream => write_through(target, bytes).map_err(|source| ReportError::Write {
            message: format!(
                "cannot write {}: writing failed{}",
                target.display(),
                explain(&source)
            ),
            source,
        }),
    }
}

/// Writes `bytes` to `path` atomically (see the module doc).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    let fail = |what: &str, source: std::io::Error| ReportError::Write {
        message: format!(
            "cannot write {}: {what}{}",
            path.display(),
            explain(&source)
        ),
        source,
    };
    let name = path
        .file_name()
        .ok_or_else(|| ReportError::Invalid(format!("{} is not a file name", path.display())))?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    if path.is_dir() {
        return Err(ReportError::Invalid(format!(
            "{} is a folder; choose a file name",
            path.display()
        )));
    }
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".part");
    // A report is a document to share: readable by others like any saved file (the
    // temporary file's default is owner-only).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut temp = builder
        .tempfile_in(&dir)
        .map_err(|e| fail("cannot create a file in that folder", e))?;
    temp.write_all(bytes)
        .map_err(|e| fail("writing failed", e))?;
    temp.as_file()
        .sync_all()
        .map_err(|e| fail("flushing to disk failed", e))?;
    // Dropping `temp` on any of the errors above removes the temporary file.
    temp.persist(path)
        .map_err(|e| fail("cannot replace the file", e.error))?;
    // Make the rename itself durable (POSIX); a failure here is not worth failing the export.
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn explain(e: &std::io::Error) -> String {
    match kind_of(e) {
        "permission" => " (no permission to write there; choose another folder)".into(),
        "disk-full" => " (the disk is full; free some space or choose another disk)".into(),
        _ => format!(" ({e})"),
    }
}

pub(crate) fn kind_of(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => "permission",
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "disk-full",
        _ => "io",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_replace_the_file_and_leave_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.pdf");
        write_atomically(&path, b"first").unwrap();
        write_atomically(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        assert_eq!(entries(dir.path()), ["plan.pdf"], "only the target remains");
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing").join("plan.pdf");
        let err = write_atomically(&path, b"x").unwrap_err();
        assert!(
            err.to_string().contains("missing/plan.pdf"),
            "the message names the file: {err}"
        );
        assert!(entries(dir.path()).is_empty(), "nothing was created");
    }

    #[test]
    fn output_never_replaces_the_database_or_a_device() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("studio.db");
        std::fs::write(&db, b"the database").unwrap();
        std::fs::create_dir(dir.path().join("x")).unwrap();
        let err = write_output(&db, &dir.path().join("./x/../studio.db"), b"%PDF").unwrap_err();
        assert!(
            err.to_string().contains("it is the database in use"),
            "{err}"
        );
        assert_eq!(std::fs::read(&db).unwrap(), b"the database");

        write_output(&db, Path::new("/dev/null"), b"%PDF").unwrap();
        let err = write_output(&db, Path::new("/dev/full"), b"%PDF").unwrap_err();
        assert_eq!(err.kind(), "disk-full");
        assert!(
            err.to_string().starts_with("cannot write /dev/full:"),
            "the message names the file: {err}"
        );
        write_output(&db, &dir.path().join("r.pdf"), b"%PDF").unwrap();
        assert_eq!(std::fs::read(dir.path().join("r.pdf")).unwrap(), b"%PDF");
    }

    #[test]
    fn a_folder_as_target_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomically(dir.path(), b"x").unwrap_err();
        assert_eq!(err.kind(), "invalid");
    }

    /// A folder this process cannot write to: a read-only temporary folder, or (for root,
    /// whom permission bits do not stop) `/sys`, which refuses new files to everyone.
    #[cfg(target_os = "linux")]
    #[test]
    fn an_unwritable_folder_leaves_nothing_and_keeps_the_old_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("plan.pdf");
        std::fs::write(&old, b"old").unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o500)).unwrap();
        let probe = dir.path().join("probe");
        let root = std::fs::write(&probe, b"").is_ok();
        let target = if root {
            std::path::PathBuf::from("/sys/devops-maturity-report-test.pdf")
        } else {
            old.clone()
        };
        let result = write_atomically(&target, b"new");
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
        let err = result.unwrap_err();
        assert_eq!(err.kind(), "permission", "{err}");
        assert!(err.to_string().contains("no permission"), "{err}");
        assert!(
            err.to_string().contains("devops-maturity-report-test.pdf") || !root,
            "the message names the file: {err}"
        );
        if root {
            let left: Vec<String> = entries(Path::new("/sys"))
                .into_iter()
                .filter(|n| n.contains("devops-maturity-report-test"))
                .collect();
            assert!(left.is_empty(), "no temporary file is left: {left:?}");
        } else {
            assert_eq!(
                std::fs::read(&old).unwrap(),
                b"old",
                "the old file is intact"
            );
            assert_eq!(
                entries(dir.path()),
                ["plan.pdf"],
                "no temporary file is left"
            );
        }
    }
}
