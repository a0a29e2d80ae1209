//! `devops-maturity package-files --out DIR` (hidden): the man pages and shell completions that
//! the Debian package installs, generated from the command's own definition so they never drift
//! from `--help`. `scripts/package-deb` calls it.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::CommandFactory as _;
use clap_complete::Shell;

/// Writes `DIR/man1/<command>.1` for the command and each visible subcommand
/// (`devops-maturity-team-add.1` …) and `DIR/completions/` for bash, zsh and fish.
pub(crate) fn write(out: &Path) -> anyhow::Result<ExitCode> {
    let man = out.join("man1");
    std::fs::create_dir_all(&man).with_context(|| format!("cannot create {}", man.display()))?;
    let mut pages = 0;
    write_pages(crate::Cli::command(), &man, &page_date()?, &mut pages)?;
    let completions = out.join("completions");
    std::fs::create_dir_all(&completions)
        .with_context(|| format!("cannot create {}", completions.display()))?;
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
        let mut cmd = crate::Cli::command();
        let name = cmd.get_name().to_owned();
        clap_complete::generate_to(shell, &mut cmd, name, &completions).with_context(|| {
            format!(
                "cannot write the {shell} completions into {}",
                completions.display()
            )
        })?;
    }
    out!(
        "{}: {pages} man pages in man1/, completions for bash, zsh and fish in completions/",
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The pages' date: `$SOURCE_DATE_EPOCH` when set (reproducible builds; scripts/package-deb sets
/// it to the last commit's time), else today.
fn page_date() -> anyhow::Result<String> {
    let when = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(epoch) => {
            let seconds: i64 = epoch.trim().parse().with_context(|| {
                format!("SOURCE_DATE_EPOCH is \"{epoch}\", not a number of seconds")
            })?;
            chrono::DateTime::from_timestamp(seconds, 0)
                .with_context(|| format!("SOURCE_DATE_EPOCH {seconds} is out of range"))?
        }
        Err(_) => chrono::Utc::now(),
    };
    Ok(when.format("%Y-%m-%d").to_string())
}

/// One page per command, named after its path (`devops-maturity-plan-show.1`); hidden
/// commands (this one) and clap's `help` get none.
fn write_pages(
    cmd: clap::Command,
    dir: &Path,
    date: &str,
    pages: &mut usize,
) -> anyhow::Result<()> {
    let mut cmd = cmd.disable_help_subcommand(true);
    cmd.build();
    write_built(&cmd, dir, date, pages)
}

fn write_built(
    cmd: &clap::Command,
    dir: &Path,
    date: &str,
    pages: &mut usize,
) -> anyhow::Result<()> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_built(sub, dir, date, pages)?;
    }
    let man = clap_mangen::Man::new(cmd.clone())
        .date(date)
        .source(concat!("devops-maturity ", env!("CARGO_PKG_VERSION")))
        .manual("DevOps Maturity Studio");
    let path = dir.join(man.get_filename());
    let mut roff = Vec::new();
    man.render(&mut roff)?;
    std::fs::write(&path, roff).with_context(|| format!("cannot write {}", path.display()))?;
    *pages += 1;
    Ok(())
}
