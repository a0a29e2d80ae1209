//! `devops-maturity package-files`: the man pages and completions the Debian package installs.

use std::path::Path;
use std::process::{Command, Output};

use super::{run_env, BIN};

fn run(args: &[&str]) -> Output {
    run_env(args, None)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The commands `--help` lists (the lines under "Commands:"), without clap's `help`.
fn listed_commands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .filter(|c| c != "help")
        .collect()
}

#[test]
fn writes_a_man_page_per_command_and_completions_for_three_shells() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(["package-files", "--out", dir.path().to_str().unwrap()])
        .env("SOURCE_DATE_EPOCH", "1796299200") // 2026-12-03T12:00:00Z
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let man = dir.path().join("man1");
    let top_help = String::from_utf8(run(&["--help"]).stdout).unwrap();
    let commands = listed_commands(&top_help);
    assert!(commands.len() >= 10, "commands in --help: {commands:?}");
    let top = read(&man.join("devops-maturity.1"));
    for command in &commands {
        let page = man.join(format!("devops-maturity-{command}.1"));
        assert!(page.is_file(), "no man page for `{command}`");
        assert!(
            top.contains(&format!("devops\\-maturity\\-{command}(1)")),
            "devops-maturity.1 refers to `{command}`"
        );
        // Nested commands get their own page too: `team add`, `plan show` …
        let sub_help = String::from_utf8(run(&[command, "--help"]).stdout).unwrap();
        for sub in listed_commands(&sub_help) {
            let page = man.join(format!("devops-maturity-{command}-{sub}.1"));
            assert!(page.is_file(), "no man page for `{command} {sub}`");
        }
    }
    let show = read(&man.join("devops-maturity-plan-show.1"));
    assert!(
        show.contains(&format!(
            ".TH devops-maturity-plan-show 1 2026-12-03 \"devops-maturity {}\" \"DevOps Maturity Studio\"",
            env!("CARGO_PKG_VERSION")
        )),
        "title line with the date of SOURCE_DATE_EPOCH, the version and the manual:\n{show}"
    );
    assert!(
        show.contains("\\-\\-team"),
        "the page documents the options:\n{show}"
    );
    let names: Vec<String> = std::fs::read_dir(&man)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.contains("package-files") || n.ends_with("-help.1")),
        "no page for the hidden command or clap's help: {names:?}"
    );

    let completions = dir.path().join("completions");
    let bash = read(&completions.join("devops-maturity.bash"));
    let zsh = read(&completions.join("_devops-maturity"));
    let fish = read(&completions.join("devops-maturity.fish"));
    assert!(bash.contains("-o default devops-maturity"), "{bash}");
    assert!(zsh.starts_with("#compdef devops-maturity"), "{zsh}");
    assert!(fish.contains("complete -c devops-maturity"), "{fish}");
    for command in &commands {
        assert!(
            bash.contains(command.as_str()),
            "bash completes `{command}`"
        );
        assert!(
            fish.contains(command.as_str()),
            "fish completes `{command}`"
        );
    }
}

#[test]
fn the_packaging_command_is_hidden_from_help() {
    let help = String::from_utf8(run(&["--help"]).stdout).unwrap();
    assert!(!help.contains("package-files"), "{help}");
}

#[test]
fn an_unwritable_folder_is_named_and_nothing_panics() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    let out = run(&["package-files", "--out", file.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("a-file"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_bad_source_date_epoch_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(["package-files", "--out", dir.path().to_str().unwrap()])
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("SOURCE_DATE_EPOCH is \"yesterday\""),
        "{stderr}"
    );
}
