//! The `claimcheck` binary: parse arguments, run the library, print, and
//! map the outcome to an exit code.

mod cli;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use claimcheck::report::{self, Render};
use claimcheck::{Config, Extraction};
use cli::{CheckFormat, Cli, Command, Exit, ExtractFormat, ReportFormat};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::from(Exit::Ok as u8)
                }
                _ => ExitCode::from(Exit::Error as u8),
            };
        }
    };
    ExitCode::from(run(cli) as u8)
}

fn run(cli: Cli) -> Exit {
    let config = match Config::discover(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Error;
        }
    };
    match cli.command {
        Command::Extract { paths, format } => {
            let run = read(&paths, &config);
            let out = match format {
                ExtractFormat::Text => report::extract::text(&run.claims, run.articles),
                ExtractFormat::Json => report::extract::json(&run.claims),
                ExtractFormat::Jsonl => report::extract::jsonl(&run.claims),
            };
            finish(&out, None, run.errors.is_empty())
        }
        Command::Report {
            paths,
            format,
            output,
            claims,
        } => {
            let (data, ok) = if claims.is_empty() {
                let run = read(&paths, &config);
                let ok = run.errors.is_empty();
                (claimcheck::report(run, &config), ok)
            } else {
                match claimcheck::read_claims(&claims) {
                    Ok(claims) => (
                        claimcheck::report::Report::new(claimcheck::group::build(claims, &config)),
                        true,
                    ),
                    Err(e) => {
                        eprintln!("error: {e:#}");
                        return Exit::Error;
                    }
                }
            };
            let color = output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none();
            let renderer: Box<dyn Render> = match format {
                ReportFormat::Text => Box::new(report::text::Text { color }),
                ReportFormat::Markdown => Box::new(report::markdown::Markdown),
                ReportFormat::Json => Box::new(report::json::Json),
                ReportFormat::Html => Box::new(report::html::Html),
            };
            finish(&renderer.render(&data), output.as_deref(), ok)
        }
        Command::Check {
            paths,
            format,
            baseline,
            write_baseline,
        } => check(
            &paths,
            &config,
            format,
            baseline.as_deref(),
            write_baseline.as_deref(),
        ),
    }
}

/// `claimcheck check`: problems on stdout, exit 1 if there are any.
fn check(
    paths: &[PathBuf],
    config: &Config,
    format: CheckFormat,
    baseline: Option<&Path>,
    write: Option<&Path>,
) -> Exit {
    let known = match baseline.map(claimcheck::baseline::load).transpose() {
        Ok(k) => k,
        Err(e) => {
            eprintln!("error: {e:#}");
            return Exit::Error;
        }
    };
    let paths = claimcheck::input_paths(paths, config);
    let checked = claimcheck::check_paths(&paths, config, known.as_ref().map(|k| &k.claims));
    for w in &checked.warnings {
        eprintln!("warning: {w}");
    }
    for e in &checked.errors {
        eprintln!("error: {e}");
    }
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut out = match format {
        CheckFormat::Text => report::check::text(&checked.problems, color),
        CheckFormat::Json => report::check::json(&checked.problems),
        CheckFormat::Sarif => report::check::sarif(&checked.problems),
    };
    if let (Some(known), Some(report)) = (&known, &checked.report) {
        let changes = claimcheck::baseline::changes(known, report);
        if !changes.is_empty() {
            let text = format!("claims changed since the baseline:\n{changes}");
            if format == CheckFormat::Text {
                out.push('\n');
                out.push_str(&text);
            } else {
                eprint!("{text}");
            }
        }
    }
    if let (Some(path), Some(report)) = (write, &checked.report) {
        let json = report::json::Json.render(report);
        if let Err(e) = write_whole(path, json.as_bytes()) {
            eprintln!("error: could not write `{}`: {e}", path.display());
            return Exit::Error;
        }
    }
    match finish(&out, None, checked.errors.is_empty()) {
        Exit::Ok if !checked.problems.is_empty() => Exit::Problems,
        exit => exit,
    }
}

/// Reads and extracts the articles under `paths` (or the default corpus),
/// reporting on stderr every file that could not be read and every warning.
fn read(paths: &[PathBuf], config: &Config) -> Extraction {
    let paths = claimcheck::input_paths(paths, config);
    let run = claimcheck::extract_paths(&paths, config);
    for w in &run.warnings {
        eprintln!("warning: {w}");
    }
    for e in &run.errors {
        eprintln!("error: {e}");
    }
    run
}

/// Writes the output and gives the exit code: an error if any input could
/// not be read or the output could not be written.
fn finish(out: &str, file: Option<&Path>, inputs_ok: bool) -> Exit {
    let written = match file {
        Some(path) => write_whole(path, out.as_bytes())
            .map_err(|e| format!("could not write `{}`: {e}", path.display())),
        None => match std::io::stdout().lock().write_all(out.as_bytes()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(format!("could not write the output: {e}"))
            }
            _ => Ok(()),
        },
    };
    if let Err(e) = written {
        eprintln!("error: {e}");
        return Exit::Error;
    }
    if inputs_ok {
        Exit::Ok
    } else {
        Exit::Error
    }
}

/// Writes a file whole or not at all: to a temporary file beside it, then
/// renamed over it.
fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.claimcheck-{}.tmp", std::process::id()));
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
