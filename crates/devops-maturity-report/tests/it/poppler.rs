//! Reads a PDF back with tools that did not write it: qpdf checks its structure, poppler's
//! pdfinfo / pdftotext / pdftoppm read its pages, text and pixels. The tools are installed by
//! `scripts/deps.sh` (poppler-utils, qpdf); a missing tool fails the test.

use std::path::Path;
use std::process::Command;

#[derive(Debug)]
pub struct Checked {
    /// The file checked, and the folder that keeps it while the value lives.
    pub path: std::path::PathBuf,
    pub dir: Option<tempfile::TempDir>,
    pub pages: usize,
    /// Page size in points, from pdfinfo.
    pub size: (f64, f64),
    pub text: String,
}

fn run(tool: &str, args: &[&str]) -> std::process::Output {
    Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("cannot run `{tool}` ({e}); install poppler-utils and qpdf (scripts/deps.sh does)")
    })
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs every check and returns what the tools read. Panics with the tool's message when one
/// of them rejects the file.
pub fn check(path: &Path) -> Checked {
    let p = path.to_str().expect("utf-8 temp path");
    let qpdf = run("qpdf", &["--check", p]);
    assert!(
        qpdf.status.success(),
        "qpdf --check rejects {p}:\n{}{}",
        stdout(&qpdf),
        String::from_utf8_lossy(&qpdf.stderr)
    );
    assert!(
        stdout(&qpdf).contains("No syntax or stream encoding errors"),
        "qpdf reports problems: {}",
        stdout(&qpdf)
    );

    let info = run("pdfinfo", &[p]);
    assert!(info.status.success(), "pdfinfo fails on {p}");
    let info = stdout(&info);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::trim)
            .unwrap_or_else(|| panic!("pdfinfo has no {name}: {info}"))
            .to_string()
    };
    let pages: usize = field("Pages:").parse().expect("page count");
    // "595.276 x 841.89 pts (A4)" or "612 x 792 pts (letter)"
    let size = field("Page size:");
    let mut numbers = size
        .split_whitespace()
        .filter_map(|w| w.parse::<f64>().ok());
    let size = (numbers.next().unwrap(), numbers.next().unwrap());

    let text = run("pdftotext", &["-enc", "UTF-8", p, "-"]);
    assert!(text.status.success(), "pdftotext fails on {p}");
    let text = stdout(&text);

    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("page");
    let render = run(
        "pdftoppm",
        &["-r", "20", "-png", p, prefix.to_str().unwrap()],
    );
    assert!(
        render.status.success(),
        "pdftoppm cannot render {p}: {}",
        String::from_utf8_lossy(&render.stderr)
    );
    let mut images: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    images.sort();
    assert_eq!(images.len(), pages, "pdftoppm renders every page");
    for image in &images {
        let bytes = std::fs::read(image).unwrap();
        assert!(
            bytes.starts_with(b"\x89PNG") && bytes.len() > 200,
            "{} is a real image",
            image.display()
        );
    }
    Checked {
        path: path.to_path_buf(),
        dir: None,
        pages,
        size,
        text,
    }
}

/// One row of `pdffonts`.
#[derive(Debug)]
pub struct FontRow {
    pub name: String,
    pub embedded: bool,
    pub subset: bool,
    pub unicode: bool,
}

/// The fonts of the PDF, as pdffonts lists them.
pub fn fonts(path: &Path) -> Vec<FontRow> {
    let p = path.to_str().expect("utf-8 temp path");
    let out = run("pdffonts", &[p]);
    assert!(out.status.success(), "pdffonts fails on {p}");
    // name type encoding emb sub uni object ID; the type may have two words ("CID TrueType").
    stdout(&out)
        .lines()
        .skip(2)
        .filter_map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            let n = words.len();
            (n >= 7).then(|| FontRow {
                name: words[0].to_string(),
                embedded: words[n - 5] == "yes",
                subset: words[n - 4] == "yes",
                unicode: words[n - 3] == "yes",
            })
        })
        .collect()
}

/// pdftotext puts a line break wherever a paragraph wraps; compare with single spaces.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
