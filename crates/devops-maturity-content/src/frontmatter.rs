//! The small front matter at the top of a chapter: `key: value` lines between `---` lines.

use crate::course::ChapterKind;
use crate::toml_util::is_kebab_id;
use crate::Problem;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FrontMatter {
    pub id: String,
    pub id_line: usize,
    pub title: String,
    pub minutes: u32,
    pub kind: ChapterKind,
}

/// A chapter split into its front matter and its Markdown body.
#[derive(Debug)]
pub(crate) struct SplitChapter<'a> {
    pub front: FrontMatter,
    pub body: &'a str,
    /// 1-based line of the first body line in the file.
    pub body_line: usize,
}

pub(crate) const KEYS: &[&str] = &["id", "title", "minutes", "kind"];

/// Splits and checks the front matter. Every problem is recorded; `None` when the chapter
/// cannot be used.
pub(crate) fn split<'a>(
    file: &str,
    src: &'a str,
    problems: &mut Vec<Problem>,
) -> Option<SplitChapter<'a>> {
    let mut lines = src.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        problems.push(Problem::new(
            file,
            1,
            "missing front matter: the file must start with a `---` line",
        ));
        return None;
    }
    let mut offset = first.len();
    let mut line_no = 1;
    let (mut id, mut title, mut minutes, mut kind) = (None, None, None, ChapterKind::Reading);
    let before = problems.len();
    let mut closed = false;
    for line in lines {
        line_no += 1;
        offset += line.len();
        let text = line.trim_end();
        if text == "---" {
            closed = true;
            break;
        }
        if text.trim().is_empty() {
            continue;
        }
        let Some((key, value)) = text.split_once(':') else {
            problems.push(Problem::new(
                file,
                line_no,
                format!("front matter line `{text}` is not `key: value`"),
            ));
            continue;
        };
        let key = key.trim();
        let value = unquote(value.trim());
        match key {
            "id" => {
                if is_kebab_id(value) {
                    id = Some((value.to_string(), line_no));
                } else {
                    problems.push(Problem::new(
                        file,
                        line_no,
                        format!("id `{value}` must be lowercase-kebab (a-z, 0-9, -)"),
                    ));
                }
            }
            "title" if value.is_empty() => {
                problems.push(Problem::new(file, line_no, "title is empty"))
            }
            "title" => title = Some(value.to_string()),
            "minutes" => match value.parse::<u32>() {
                Ok(m) if (1..=240).contains(&m) => minutes = Some(m),
                _ => problems.push(Problem::new(
                    file,
                    line_no,
                    format!("minutes `{value}` must be a whole number from 1 to 240"),
                )),
            },
            "kind" => match value {
                "reading" => kind = ChapterKind::Reading,
                "activity" => kind = ChapterKind::Activity,
                _ => problems.push(Problem::new(
                    file,
                    line_no,
                    format!("kind `{value}` must be `reading` or `activity`"),
                )),
            },
            _ => problems.push(Problem::new(
                file,
                line_no,
                format!(
                    "unknown front matter key `{key}` (known keys: {})",
                    KEYS.join(", ")
                ),
            )),
        }
    }
    if !closed {
        problems.push(Problem::new(
            file,
            line_no,
            "front matter is not closed with a `---` line",
        ));
        return None;
    }
    for (missing, name) in [
        (id.is_none(), "id"),
        (title.is_none(), "title"),
        (minutes.is_none(), "minutes"),
    ] {
        if missing && problems.len() == before {
            problems.push(Problem::new(
                file,
                1,
                format!("front matter has no `{name}`"),
            ));
        }
    }
    let ((id, id_line), title, minutes) = (id?, title?, minutes?);
    Some(SplitChapter {
        front: FrontMatter {
            id,
            id_line,
            title,
            minutes,
            kind,
        },
        body: &src[offset..],
        body_line: line_no + 1,
    })
}

fn unquote(value: &str) -> &str {
    let quoted = value.len() >= 2
        && ((value.starts_with('"') && value.ends_with('"'))
            || (value.starts_with('\'') && value.ends_with('\'')));
    if quoted {
        &value[1..value.len() - 1]
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(src: &str, expected: &[&str]) {
        let mut problems = Vec::new();
        split("c.md", src, &mut problems);
        let got: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(got, expected, "problems reported for {src:?}");
    }

    #[test]
    fn reads_keys_and_finds_the_body() {
        let mut problems = Vec::new();
        let src = "---\nid: intro\ntitle: \"Hello: world\"\nminutes: 5\n---\n\nBody\n";
        let split = split("c.md", src, &mut problems).expect("valid front matter");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            split.front.title, "Hello: world",
            "quotes are stripped, inner colon kept"
        );
        assert_eq!(split.front.minutes, 5);
        assert_eq!(split.body, "\nBody\n");
        assert_eq!(split.body_line, 6, "body starts after the closing ---");
    }

    #[test]
    fn reports_every_problem_with_its_line() {
        check(
            "---\nid: Intro\ntitle: T\nminutes: 0\nauthor: me\n---\n",
            &[
                "c.md:2: id `Intro` must be lowercase-kebab (a-z, 0-9, -)",
                "c.md:4: minutes `0` must be a whole number from 1 to 240",
                "c.md:5: unknown front matter key `author` (known keys: id, title, minutes, kind)",
            ],
        );
    }

    #[test]
    fn missing_or_unclosed_front_matter() {
        check(
            "# Title\n",
            &["c.md:1: missing front matter: the file must start with a `---` line"],
        );
        check(
            "---\nid: a\n",
            &["c.md:2: front matter is not closed with a `---` line"],
        );
        check(
            "---\nid: a\ntitle: T\n---\n",
            &["c.md:1: front matter has no `minutes`"],
        );
    }
}
