//! Tidy tests, after rust-analyzer's: each checks something ARCHITECTURE.md states and a test can
//! see in the source tree, so the document cannot drift from the code unnoticed. They read files
//! only (no app, no display).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn read(path: &str) -> String {
    fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every quoted string after `marker` (e.g. every `invoke("name"`), in order.
fn quoted_after<'a>(text: &'a str, marker: &str) -> Vec<&'a str> {
    text.match_indices(marker)
        .filter_map(|(i, _)| {
            let rest = &text[i + marker.len()..];
            let rest = rest.strip_prefix('"')?;
            Some(&rest[..rest.find('"')?])
        })
        .collect()
}

/// The commands registered in `src-tauri/src/lib.rs` (`generate_handler![module::name, …]`).
fn registered() -> BTreeSet<String> {
    let lib = read("src-tauri/src/lib.rs");
    let start = lib
        .find("generate_handler![")
        .expect("generate_handler! in lib.rs");
    let list = &lib[start + "generate_handler![".len()..];
    let list = &list[..list.find(']').unwrap()];
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|path| path.rsplit("::").next().unwrap().to_string())
        .collect()
}

/// The commands `src-tauri/build.rs` makes permissions for.
fn permitted() -> BTreeSet<String> {
    let build = read("src-tauri/build.rs");
    let start = build.find("const COMMANDS").expect("COMMANDS in build.rs");
    let list = &build[start..];
    let list = &list[..list.find("];").unwrap()];
    list.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The app commands the capability grants (`allow-x-y` → `x_y`).
fn granted() -> BTreeSet<String> {
    let json: serde_json::Value =
        serde_json::from_str(&read("src-tauri/capabilities/default.json")).unwrap();
    json["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect()
}

/// The commands `ui/js/api.js` calls, with the exported function that calls each.
fn called() -> BTreeMap<String, String> {
    let api = read("ui/js/api.js");
    api.split("export const ")
        .skip(1)
        .filter_map(|chunk| {
            let name = chunk
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .next()?;
            let command = quoted_after(chunk, "invoke(").into_iter().next()?;
            Some((command.to_string(), name.to_string()))
        })
        .collect()
}

fn ui_js_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![root().join("ui/js")];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "js") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn the_command_list_agrees_in_its_four_places() {
    let registered = registered();
    let api: BTreeSet<String> = called().into_keys().collect();
    assert!(registered.len() > 50, "parsed lib.rs: {registered:?}");
    assert_eq!(
        permitted(),
        registered,
        "src-tauri/build.rs vs src-tauri/src/lib.rs"
    );
    assert_eq!(
        granted(),
        registered,
        "src-tauri/capabilities/default.json vs src-tauri/src/lib.rs"
    );
    assert_eq!(api, registered, "ui/js/api.js vs src-tauri/src/lib.rs");
}

#[test]
fn every_granted_command_has_a_caller_in_the_views() {
    let others: Vec<(PathBuf, String)> = ui_js_files()
        .into_iter()
        .filter(|p| !p.ends_with("api.js"))
        .map(|p| {
            let text = fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect();
    let unused: Vec<String> = called()
        .into_iter()
        .filter(|(_, function)| {
            !others.iter().any(|(_, text)| {
                text.match_indices(function.as_str()).any(|(i, _)| {
                    let before = text[..i].chars().next_back();
                    let after = text[i + function.len()..].chars().next();
                    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                    !word(before) && !word(after)
                })
            })
        })
        .map(|(command, function)| format!("{command} (api.{function})"))
        .collect();
    assert!(unused.is_empty(), "granted but never called: {unused:?}");
}

#[test]
fn only_api_js_calls_invoke() {
    let offenders: Vec<PathBuf> = ui_js_files()
        .into_iter()
        .filter(|p| !p.ends_with("api.js"))
        .filter(|p| {
            let text = fs::read_to_string(p).unwrap();
            text.contains("__TAURI__") || text.contains("invoke(")
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "only ui/js/api.js may call invoke: {offenders:?}"
    );
}

/// `Cargo.lock`'s packages: name → the names it depends on.
fn lock_graph() -> BTreeMap<String, Vec<String>> {
    let lock = read("Cargo.lock");
    let mut graph = BTreeMap::new();
    for package in lock.split("[[package]]").skip(1) {
        let name = quoted_after(package, "name = ")[0].to_string();
        let deps = match package.find("dependencies = [") {
            Some(i) => {
                let list = &package[i..];
                let list = &list[..list.find(']').unwrap()];
                list.split('"')
                    .skip(1)
                    .step_by(2)
                    .map(|d| d.split(' ').next().unwrap().to_string())
                    .collect()
            }
            None => Vec::new(),
        };
        graph.entry(name).or_insert_with(Vec::new).extend(deps);
    }
    graph
}

#[test]
fn no_library_crate_depends_on_tauri() {
    let graph = lock_graph();
    let crates: Vec<String> = fs::read_dir(root().join("crates"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        crates.iter().any(|c| c == "devops-maturity-views"),
        "{crates:?}"
    );
    for krate in &crates {
        assert!(graph.contains_key(krate), "{krate} is not in Cargo.lock");
        let mut seen = BTreeSet::new();
        let mut todo = vec![krate.clone()];
        while let Some(name) = todo.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            assert!(
                !name.starts_with("tauri") && !name.starts_with("wry"),
                "crates/{krate} depends on {name}: the libraries know nothing of Tauri"
            );
            todo.extend(graph.get(&name).into_iter().flatten().cloned());
        }
    }
}

/// Longest body a `#[tauri::command]` may have, in lines between its braces: parse, call one
/// library function, return (ARCHITECTURE.md, "the shell only moves values").
const COMMAND_BODY_LINES: usize = 10;

/// Commands still longer than that, each to be moved into a library. Empty since every command
/// became short; kept so that an exception has to be written down here, where a reviewer sees
/// it. The list only shrinks: a command on it that has become short fails the test until it is
/// taken off.
const LONG_COMMANDS: &[&str] = &[];

/// Every `#[tauri::command]` in `src-tauri/src`: its name, file and body length in lines.
fn command_bodies() -> Vec<(String, String, usize)> {
    let mut found = Vec::new();
    let dir = root().join("src-tauri/src");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    for path in files {
        let text = fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut i = 0;
        while i < lines.len() {
            if !lines[i].trim_start().starts_with("#[tauri::command") {
                i += 1;
                continue;
            }
            let signature = (i..lines.len())
                .find(|&j| lines[j].contains("fn "))
                .unwrap_or_else(|| panic!("{file}:{}: a command without fn", i + 1));
            let name = lines[signature].split("fn ").nth(1).unwrap();
            let name: String = name
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let open = (signature..lines.len())
                .find(|&j| lines[j].trim_end().ends_with('{'))
                .unwrap();
            let mut depth = 0i32;
            let mut close = open;
            for (j, line) in lines.iter().enumerate().skip(open) {
                depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
                if depth == 0 {
                    close = j;
                    break;
                }
            }
            found.push((name, file.clone(), close - open - 1));
            i = close + 1;
        }
    }
    found
}

#[test]
fn command_bodies_are_a_few_lines() {
    let bodies = command_bodies();
    let registered = registered();
    let names: BTreeSet<String> = bodies.iter().map(|(n, _, _)| n.clone()).collect();
    assert_eq!(names, registered, "parsed every registered command's body");
    let long: Vec<String> = bodies
        .iter()
        .filter(|(name, _, lines)| {
            *lines > COMMAND_BODY_LINES && !LONG_COMMANDS.contains(&name.as_str())
        })
        .map(|(name, file, lines)| format!("{file}: {name} ({lines} lines)"))
        .collect();
    assert!(
        long.is_empty(),
        "commands longer than {COMMAND_BODY_LINES} lines: move the logic into a library crate \
         and call it: {long:?}"
    );
    let short: Vec<&str> = LONG_COMMANDS
        .iter()
        .copied()
        .filter(|listed| {
            bodies
                .iter()
                .any(|(name, _, lines)| name == listed && *lines <= COMMAND_BODY_LINES)
        })
        .collect();
    assert!(
        short.is_empty(),
        "now short enough: take them off LONG_COMMANDS in tests/tidy.rs: {short:?}"
    );
    let unknown: Vec<&str> = LONG_COMMANDS
        .iter()
        .copied()
        .filter(|listed| !names.contains(*listed))
        .collect();
    assert!(
        unknown.is_empty(),
        "LONG_COMMANDS names no command: {unknown:?}"
    );
}

/// The repository's files, relative to the root, with `/` separators (build output, the fuzz
/// corpus and hidden folders left out).
fn repo_files() -> Vec<String> {
    let mut files = Vec::new();
    let mut dirs = vec![root()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy();
            if name.starts_with('.') || name == "target" || name == "node_modules" {
                continue;
            }
            if path.is_dir() {
                dirs.push(path);
            } else {
                let relative = path.strip_prefix(root()).unwrap();
                files.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files
}

/// The codemap's rows: the path in the first column and the text of the second.
fn codemap() -> Vec<(String, String)> {
    let doc = read("ARCHITECTURE.md");
    let start = doc.find("## Codemap").expect("a Codemap section");
    let section = &doc[start..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    section
        .lines()
        .filter_map(|line| {
            let line = line.strip_prefix("| `")?;
            let (path, rest) = line.split_once("` | ")?;
            Some((path.to_string(), rest.trim_end_matches(" |").to_string()))
        })
        .collect()
}

/// Places the codemap names that only exist while the app runs.
const RUNTIME_PATHS: &[&str] = &["backups/"];

/// A backticked word that names a file or folder: `open.rs`, `exchange/`, `js/api.js`.
fn is_path(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        ".rs", ".js", ".css", ".html", ".toml", ".json", ".sh", ".md", ".py",
    ];
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '/'))
        && (word.ends_with('/') || ENDINGS.iter().any(|e| word.ends_with(e)))
}

#[test]
fn every_path_the_codemap_names_exists() {
    let files = repo_files();
    let rows = codemap();
    assert!(rows.len() > 10, "parsed the codemap: {rows:?}");
    let mut checked = 0;
    let mut missing = Vec::new();
    for (row, text) in &rows {
        assert!(
            files.iter().any(|f| f.starts_with(row.as_str())),
            "the codemap's row `{row}` names no folder of the repository"
        );
        for word in text.split('`').skip(1).step_by(2).filter(|w| is_path(w)) {
            if RUNTIME_PATHS.contains(&word) {
                continue;
            }
            checked += 1;
            let name = word.trim_end_matches('/');
            // In the row's folder (`open.rs` in crates/devops-maturity-store/src/), or from
            // the repository's root (`ui/js/api.js` named in another row).
            let found = files.iter().any(|f| {
                (f.starts_with(row.as_str()) && format!("/{f}").contains(&format!("/{name}")))
                    || f.starts_with(name)
            });
            if !found {
                missing.push(format!("{row}: `{word}`"));
            }
        }
    }
    assert!(checked > 100, "found the paths in the rows ({checked})");
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md's codemap names files that are not there: {missing:?}"
    );
}

#[test]
fn every_crate_and_the_shell_are_in_the_codemap() {
    let rows: BTreeSet<String> = codemap().into_iter().map(|(path, _)| path).collect();
    let mut packages: Vec<String> = fs::read_dir(root().join("crates"))
        .unwrap()
        .map(|e| format!("crates/{}/", e.unwrap().file_name().to_string_lossy()))
        .collect();
    packages.extend(["src-tauri/", "ui/", "tests/", "content/"].map(String::from));
    let absent: Vec<&String> = packages.iter().filter(|p| !rows.contains(*p)).collect();
    assert!(
        absent.is_empty(),
        "not in ARCHITECTURE.md's codemap: {absent:?}"
    );
}
