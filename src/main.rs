//! The `claimcheck` binary: parse arguments, run the library, print, and
//! map the outcome to an exit code.

mod cli;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use claimcheck::output::Output;
use claimcheck::report::{self, Render};
use claimcheck::{Config, Extraction};
use cli::{CheckFormat, Cli, Color, Command, Exit, ExtractFormat, ReportFormat};

/// A line on stderr. A closed or full stderr loses the line, never the
/// run (`eprintln!` panics when the write fails).
macro_rules! say {
    ($($arg:tt)*) => {{
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, $($arg)*);
    }};
}

fn main() -> ExitCode {
    on_signals();
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
    // Commands that need no configuration.
    match cli.command {
        Command::Completions { shell } => return ExitCode::from(completions(shell) as u8),
        Command::Man => return ExitCode::from(man() as u8),
        _ => {}
    }
    ExitCode::from(run(cli) as u8)
}

/// `claimcheck completions SHELL`: the completion script, from the clap
/// definitions.
fn completions(shell: clap_complete::Shell) -> Exit {
    let mut out = Vec::new();
    clap_complete::generate(
        shell,
        &mut <Cli as clap::CommandFactory>::command(),
        "claimcheck",
        &mut out,
    );
    finish_with(|w| w.write_all(&out), Output::stdout(), true)
}

/// `claimcheck man`: the manual page in roff, from the clap definitions.
fn man() -> Exit {
    let mut out = Vec::new();
    let page = clap_mangen::Man::new(<Cli as clap::CommandFactory>::command());
    if let Err(e) = page.render(&mut out) {
        say!("error: could not make the manual page: {e}");
        return Exit::Error;
    }
    finish_with(|w| w.write_all(&out), Output::stdout(), true)
}

/// Should text written to a terminal-or-not target be coloured?
fn colored(choice: Color, terminal: bool) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => terminal && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// The paths a run reads: those given and those listed in `--files-from`
/// (then no default corpus), else the defaults of [`claimcheck::input_paths`].
fn input_paths(cli: &Cli, given: &[PathBuf], config: &Config) -> Result<Vec<PathBuf>, String> {
    let stdin = Path::new(claimcheck::corpus::STDIN);
    let reads_stdin = given.iter().any(|p| p == stdin);
    if cli.stdin_name.is_some() && !reads_stdin {
        return Err(
            "--stdin-name names the article read from standard input: give `-` among the paths"
                .into(),
        );
    }
    let Some(list) = &cli.files_from else {
        return Ok(claimcheck::input_paths(given, config));
    };
    if reads_stdin && list == stdin {
        return Err(
            "standard input cannot be both the list of paths (--files-from -) and an article (-)"
                .into(),
        );
    }
    let mut paths = given.to_vec();
    paths.extend(claimcheck::read_file_list(list).map_err(|e| format!("{e:#}"))?);
    Ok(paths)
}

/// On SIGINT, SIGTERM or SIGHUP: remove the temporary files being written
/// and exit with 128 plus the signal's number (130, 143, 129), as a shell
/// reports a process the signal ended.
fn on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            claimcheck::output::remove_pending();
            std::process::exit(128 + signal);
        }
    });
}

fn run(cli: Cli) -> Exit {
    let config = match Config::discover(cli.config.as_deref()) {
        Ok(mut c) => {
            c.max_file_size = cli.max_file_size.saturating_mul(1 << 20).max(1);
            c.walk.respect_ignore = !cli.no_ignore;
            if let Some(name) = &cli.stdin_name {
                c.walk.stdin_name = name.clone();
            }
            if let Err(e) = c.walk.exclude(Path::new(""), &cli.exclude) {
                say!("error: --exclude: {e}");
                return Exit::Error;
            }
            c
        }
        Err(e) => {
            say!("error: {e}");
            return Exit::Error;
        }
    };
    let given = match &cli.command {
        Command::Extract { paths, .. }
        | Command::Report { paths, .. }
        | Command::Check { paths, .. }
        | Command::Explain { paths, .. } => paths.clone(),
        _ => Vec::new(),
    };
    let inputs = match input_paths(&cli, &given, &config) {
        Ok(p) => p,
        Err(e) => {
            say!("error: {e}");
            return Exit::Error;
        }
    };
    // The configuration file is an input no output may overwrite.
    let config_file: Vec<PathBuf> = config.file.iter().cloned().collect();
    match cli.command {
        Command::Config => show_config(&config),
        Command::Measures { filter } => {
            finish(&report::measures::text(&config, filter.as_deref()), true)
        }
        Command::Explain { at, .. } => explain(&at, inputs, &config, cli.color, cli.quiet),
        Command::Completions { .. } | Command::Man => Exit::Ok,
        Command::Extract { format, .. } => extract(&inputs, &config, format, cli.quiet),
        Command::Report {
            format,
            output,
            claims,
            ..
        } => {
            let inputs = if claims.is_empty() {
                inputs
            } else {
                Vec::new()
            };
            let also: Vec<PathBuf> = claims.iter().chain(&config_file).cloned().collect();
            // Opened before the run, so that a target that must not be
            // written fails at once, not after reading the corpus.
            let out = match Output::open(output.as_deref(), &inputs, &also) {
                Ok(out) => out,
                Err(e) => {
                    say!("error: {e:#}");
                    return Exit::Error;
                }
            };
            let (data, ok) = if claims.is_empty() {
                let (data, run) = read_report(&inputs, &config, cli.quiet);
                (data, inputs_ok(&run.errors))
            } else {
                match claimcheck::report_claims(&claims, &config) {
                    Ok(data) => (data, true),
                    Err(e) => {
                        say!("error: {e:#}");
                        return Exit::Error;
                    }
                }
            };
            let color = colored(
                cli.color,
                out.is_stdout() && std::io::stdout().is_terminal(),
            );
            let renderer: Box<dyn Render> = match format {
                ReportFormat::Text => Box::new(report::text::Text { color }),
                ReportFormat::Markdown => Box::new(report::markdown::Markdown),
                ReportFormat::Json => Box::new(report::json::Json),
                ReportFormat::Html => Box::new(report::html::Html),
            };
            let exit = finish_with(|w| renderer.write_to(&data, w), out, ok);
            // Every claim of the run is in `data`: freeing them one by one
            // only delays the exit (the system takes the memory back whole).
            std::mem::forget(data);
            exit
        }
        Command::Check {
            format,
            baseline,
            write_baseline,
            ..
        } => check(
            &inputs,
            &config,
            format,
            baseline.as_deref(),
            write_baseline.as_deref(),
            colored(cli.color, std::io::stdout().is_terminal()),
        ),
    }
}

/// `claimcheck config`: which file is used, then the configuration in
/// effect as YAML (itself a valid claims.yaml, with `defaults: false`).
fn show_config(config: &Config) -> Exit {
    let mut text = String::new();
    match &config.file {
        Some(file) => {
            let dir = config.base_dir.as_os_str();
            text.push_str(&format!(
                "# file: {}{}\n# corpus paths are relative to: {}\n",
                claimcheck::corpus::show_path(file),
                if config.extends_builtin {
                    " (merged over the built-in defaults)"
                } else {
                    " (defaults: false, the built-in defaults left out)"
                },
                if dir.is_empty() {
                    ".".to_string()
                } else {
                    claimcheck::corpus::show_path(&config.base_dir)
                }
            ));
        }
        None => text.push_str(
            "# file: none found; the built-in defaults\n# corpus paths are relative to: .\n",
        ),
    }
    text.push_str("defaults: false\n");
    text.push_str(&config.to_yaml());
    finish(&text, inputs_ok(&[]))
}

/// `claimcheck check`: problems on stdout, exit 1 if there are any.
fn check(
    paths: &[PathBuf],
    config: &Config,
    format: CheckFormat,
    baseline: Option<&Path>,
    write: Option<&Path>,
    color: bool,
) -> Exit {
    // A pinned fact that can never match would pass every draft.
    let unmatchable = claimcheck::check::fact_errors(config);
    if !unmatchable.is_empty() {
        for e in &unmatchable {
            say!("error: {e}");
        }
        return Exit::Error;
    }
    let known = match baseline.map(claimcheck::baseline::load).transpose() {
        Ok(k) => k,
        Err(e) => {
            say!("error: {e:#}");
            return Exit::Error;
        }
    };
    // The baseline read may be written over: it is read whole first.
    let also: Vec<PathBuf> = config.file.iter().cloned().collect();
    let baseline_out = match write.map(|p| Output::open(Some(p), paths, &also)) {
        Some(Ok(out)) => Some(out),
        Some(Err(e)) => {
            say!("error: {e:#}");
            return Exit::Error;
        }
        None => None,
    };
    let checked = claimcheck::check_paths(paths, config, known.as_ref().map(|k| &k.claims));
    for w in &checked.warnings {
        say!("warning: {w}");
    }
    report_files(&checked.errors, checked.articles);
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
                let _ = write!(std::io::stderr().lock(), "{text}");
            }
        }
    }
    if let (Some(target), Some(report)) = (baseline_out, &checked.report) {
        if finish_with(|w| report::json::Json.write_to(report, w), target, true) != Exit::Ok {
            return Exit::Error;
        }
    }
    match finish(&out, inputs_ok(&checked.errors)) {
        Exit::Ok if !checked.problems.is_empty() => Exit::Problems,
        exit => exit,
    }
}

/// A progress bar on stderr for a run over `paths`: only on a terminal,
/// outside CI, without `--quiet`, and only once the run has taken a second.
/// It shows the files done of the files found, the MB read of the MB
/// found, the rate and the time left.
struct Progress {
    bar: indicatif::ProgressBar,
    /// Files found.
    files: usize,
}

fn progress(paths: &[PathBuf], config: &Config, quiet: bool) -> Option<Progress> {
    if quiet || std::env::var_os("CI").is_some() || !std::io::stderr().is_terminal() {
        return None;
    }
    let (files, bytes) = claimcheck::input_size(paths, config);
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(bytes),
        indicatif::ProgressDrawTarget::hidden(),
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {msg} · {bytes}/{total_bytes} ({binary_bytes_per_sec}, {eta} left)",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message(format!("0/{files} files"));
    Some(Progress { bar, files })
}

/// The callback that advances a progress bar (a file done, of so many
/// bytes), showing it after a second.
fn advance(progress: &Option<Progress>) -> impl Fn(u64) + Sync + '_ {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let start = std::time::Instant::now();
    let shown = AtomicBool::new(false);
    let done = AtomicUsize::new(0);
    move |bytes| {
        if let Some(p) = progress {
            let files = done.fetch_add(1, Ordering::Relaxed) + 1;
            p.bar.set_message(format!("{files}/{} files", p.files));
            p.bar.inc(bytes);
            if start.elapsed().as_secs() >= 1 && !shown.swap(true, Ordering::Relaxed) {
                p.bar
                    .set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
        }
    }
}

/// Ends a progress bar, clearing it.
fn done(progress: Option<Progress>) {
    if let Some(p) = progress {
        p.bar.finish_and_clear();
    }
}

/// Reads and extracts the articles under `paths` for a report, the claims
/// going into their groups as they come, with a progress bar.
fn read_report(
    paths: &[PathBuf],
    config: &Config,
    quiet: bool,
) -> (claimcheck::report::Report, Extraction) {
    with_progress(paths, config, quiet, |paths, done| {
        claimcheck::report_paths_with(paths, config, done)
    })
}

/// Runs `read` on the input paths with a progress bar, then reports on
/// stderr every file that could not be read and every warning.
fn with_progress<T>(
    paths: &[PathBuf],
    config: &Config,
    quiet: bool,
    read: impl FnOnce(&[PathBuf], &(dyn Fn(u64) + Sync)) -> (T, Extraction),
) -> (T, Extraction) {
    let bar = progress(paths, config, quiet);
    let (data, run) = read(paths, &advance(&bar));
    done(bar);
    for w in &run.warnings {
        say!("warning: {w}");
    }
    report_files(&run.errors, run.articles);
    (data, run)
}

/// Prints the files that were skipped (warnings) or could not be read
/// (errors), and how many of all the files that makes.
fn report_files(errors: &[claimcheck::FileError], read: usize) {
    for e in errors {
        let level = if e.skipped { "warning" } else { "error" };
        say!("{level}: {e}");
    }
    if !errors.is_empty() {
        say!(
            "claimcheck: {} read, {} skipped or unreadable (see above)",
            read,
            errors.len()
        );
    }
}

/// Did reading go well enough for exit code 0? Skipped files are warnings.
fn inputs_ok(errors: &[claimcheck::FileError]) -> bool {
    errors.iter().all(|e| e.skipped)
}

/// What a worker makes of one file for `extract`: its claims as output
/// text (or table rows), ready to write in order.
enum Prepared {
    Read {
        /// JSON lines, or for JSON the claims' array items joined by `,`.
        text: Vec<u8>,
        /// For the text table, its rows.
        rows: Vec<report::extract::Row>,
        warnings: Vec<String>,
    },
    Failed(claimcheck::FileError),
}

/// `claimcheck extract`: every format is written a file at a time as the
/// claims come (the text table a page of rows at a time), so that memory
/// stays small on any corpus, and the run stops reading once the output is
/// closed (`| head`).
fn extract(paths: &[PathBuf], config: &Config, format: ExtractFormat, quiet: bool) -> Exit {
    use std::ops::ControlFlow;
    let bar = progress(paths, config, quiet);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    // The first write error; the run stops there.
    let mut error: Option<std::io::Error> = None;
    let mut stream = report::extract::JsonStream::default();
    let mut table = report::extract::Table::default();
    let mut failures: Vec<claimcheck::FileError> = Vec::new();
    let mut read = 0;
    // The claims are made into text on the workers, in parallel.
    let prepare = |result| match result {
        claimcheck::FileResult::Read {
            claims, warnings, ..
        } => {
            let mut text = Vec::new();
            let mut rows = Vec::new();
            match format {
                ExtractFormat::Text => rows = claims.iter().map(report::extract::row).collect(),
                ExtractFormat::Json => {
                    text.reserve(claims.len() * 768);
                    for (i, c) in claims.iter().enumerate() {
                        if i > 0 {
                            text.extend_from_slice(b",\n");
                        }
                        text.extend_from_slice(report::extract::indented(c).as_bytes());
                    }
                }
                ExtractFormat::Jsonl => {
                    text.reserve(claims.len() * 768);
                    for c in &claims {
                        report::extract::json_line(c, &mut text);
                    }
                }
            }
            Prepared::Read {
                text,
                rows,
                warnings,
            }
        }
        claimcheck::FileResult::Failed(e) => Prepared::Failed(e),
    };
    let errors =
        claimcheck::extract_map_until(paths, config, &advance(&bar), prepare, |prepared| {
            match prepared {
                Prepared::Read {
                    text,
                    rows,
                    warnings,
                } => {
                    read += 1;
                    for w in warnings {
                        say!("warning: {w}");
                    }
                    for row in rows {
                        if let Some(page) = table.push(row) {
                            error = out.write_all(page.as_bytes()).err();
                            if error.is_some() {
                                break;
                            }
                        }
                    }
                    if !text.is_empty() && error.is_none() {
                        let separator = if format == ExtractFormat::Json {
                            stream.separator().as_bytes()
                        } else {
                            b""
                        };
                        error = out
                            .write_all(separator)
                            .and_then(|()| out.write_all(&text))
                            .err();
                    }
                }
                Prepared::Failed(e) => failures.push(e),
            }
            match error {
                Some(_) => ControlFlow::Break(()),
                None => ControlFlow::Continue(()),
            }
        });
    if error.is_none() {
        let end = match format {
            ExtractFormat::Json => stream.finish().to_string(),
            ExtractFormat::Text => table.finish(read),
            ExtractFormat::Jsonl => String::new(),
        };
        error = out.write_all(end.as_bytes()).err();
    }
    done(bar);
    failures.splice(0..0, errors);
    report_files(&failures, read);
    let flushed = out.flush();
    match error.or(flushed.err()) {
        // A reader that went away (`| head`) wanted no more: not an error.
        Some(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            say!(
                "error: could not write the output: {}",
                claimcheck::corpus::io_message(&e)
            );
            Exit::Error
        }
        _ if !inputs_ok(&failures) => Exit::Error,
        _ => Exit::Ok,
    }
}

/// `claimcheck explain FILE:LINE[:COLUMN]`: a report over `paths` (with
/// FILE added if they do not hold it), then the claims of that line
/// explained.
fn explain(at: &str, mut paths: Vec<PathBuf>, config: &Config, color: Color, quiet: bool) -> Exit {
    let target = match claimcheck::explain::Target::parse(at) {
        Ok(t) => t,
        Err(e) => {
            say!("error: {e}");
            return Exit::Error;
        }
    };
    let walk = config.walk();
    let file = Path::new(&target.file);
    if file != Path::new(claimcheck::corpus::STDIN) && !file.exists() {
        say!(
            "error: could not read `{}`: no such file or folder",
            target.file
        );
        return Exit::Error;
    }
    if claimcheck::corpus::shown_name_of(&paths, &walk, file).is_none() {
        paths.push(file.to_path_buf());
    }
    let shown = claimcheck::corpus::shown_name_of(&paths, &walk, file)
        .unwrap_or_else(|| target.file.clone());
    let (data, run) = read_report(&paths, config, quiet);
    let explained = claimcheck::explain::explain(&data, &shown, target.line, target.column);
    let text = match explained {
        Ok(found) => report::explain::text(&found, colored(color, std::io::stdout().is_terminal())),
        Err(e) => {
            say!("error: {e}");
            return Exit::Error;
        }
    };
    let exit = finish(&text, inputs_ok(&run.errors));
    std::mem::forget(data);
    exit
}

/// Writes `out` on standard output and gives the exit code: an error if
/// any input could not be read or the output could not be written.
fn finish(out: &str, inputs_ok: bool) -> Exit {
    finish_with(|w| w.write_all(out.as_bytes()), Output::stdout(), inputs_ok)
}

/// [`finish`] with the output written by `write` to `out`, so that a large
/// report need not be held whole in memory. A reader that went away (a
/// closed pipe) is not an error.
fn finish_with(
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    mut out: Output,
    inputs_ok: bool,
) -> Exit {
    let name = out.name();
    // A file not committed is removed when `out` is dropped.
    let written = write(&mut out).and_then(|()| out.commit());
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            say!(
                "error: could not write {name}: {}",
                claimcheck::corpus::io_message(&e)
            );
            return Exit::Error;
        }
        _ => {}
    }
    if inputs_ok {
        Exit::Ok
    } else {
        Exit::Error
    }
}

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
