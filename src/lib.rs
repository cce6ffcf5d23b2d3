//! claimcheck: check the numbers in the news.
//!
//! The pipeline, one stage a module, data flowing one way:
//!
//! ```text
//!  paths ─▶ corpus ─▶ extract ─▶ Claim ─▶ group ─▶ compare ─▶ report
//!           (INPUT:   (PARSE:             (same    (agree,    (RENDER:
//!            files,    numbers, bounds,    key)     evolve,    text, markdown,
//!            dates)    measure, actor,              diverge)   json, jsonl)
//!                      place, scope)
//!             ▲           ▲                           ▲
//!             └───────────┴── config (claims.yaml) ───┘
//! ```
//!
//! `corpus` finds the files (excludes, ignore files, `-` for standard
//! input) and `explain` reads a finished report back to say why a line's
//! claims are where they are.
//!
//! The library never prints: it returns claims and the problems it met, and
//! the binary decides what to show and which exit code to give.
#![warn(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod check;
pub mod claim;
pub mod compare;
pub mod config;
pub mod corpus;
pub mod explain;
pub mod extract;
pub mod gazetteer;
pub mod group;
pub mod output;
pub mod places;
pub mod report;
pub mod resolve;

use std::path::PathBuf;

pub use claim::{Change, Claim, Qualifier};
pub use config::Config;
pub use corpus::{Article, FileError};
pub use extract::Extractor;

/// What a run over a set of paths produced.
#[derive(Debug, Default)]
pub struct Extraction {
    /// The claims, article by article in path order, each article's in text
    /// order.
    pub claims: Vec<Claim>,
    /// How many articles were read.
    pub articles: usize,
    /// Files that could not be read; the run went on without them.
    pub errors: Vec<FileError>,
    /// Problems that did not stop a file being read (a bad date).
    pub warnings: Vec<String>,
    /// Per article, the lines silenced with `<!-- claimcheck: ignore -->`.
    pub ignored: std::collections::BTreeMap<String, std::collections::BTreeSet<usize>>,
}

/// The paths a run reads: those given, else the config's `corpus` paths,
/// else `corpus/`; and if none of those defaults exists (a fresh folder of
/// drafts), the current folder.
pub fn input_paths(given: &[PathBuf], config: &Config) -> Vec<PathBuf> {
    if !given.is_empty() {
        return given.to_vec();
    }
    let defaults: Vec<PathBuf> = if config.corpus.is_empty() {
        vec![PathBuf::from("corpus")]
    } else {
        config
            .corpus
            .iter()
            .map(|p| config.base_dir.join(p))
            .collect()
    };
    if defaults.iter().any(|p| p.exists()) {
        defaults
    } else {
        vec![PathBuf::from(".")]
    }
}

/// The paths listed in a file (`--files-from`; `-`: standard input), one a
/// line, blank lines left out: folders, and files with an article's
/// extension (a list of changed files, as `git diff --name-only` gives,
/// names other files too, passed over). A line `-` is a file of that name,
/// not standard input.
pub fn read_file_list(list: &std::path::Path) -> anyhow::Result<Vec<PathBuf>> {
    use std::io::Read;
    let shown = corpus::show_path(list);
    let mut bytes = Vec::new();
    let read = if list.as_os_str() == corpus::STDIN {
        std::io::stdin().lock().read_to_end(&mut bytes)
    } else {
        std::fs::File::open(list).and_then(|mut f| f.read_to_end(&mut bytes))
    };
    read.map_err(|e| {
        anyhow::anyhow!(
            "could not read the list of paths `{shown}`: {}",
            corpus::io_message(&e)
        )
    })?;
    let mut paths = Vec::new();
    for line in bytes.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        #[cfg(unix)]
        let path = {
            use std::os::unix::ffi::OsStrExt;
            PathBuf::from(std::ffi::OsStr::from_bytes(line))
        };
        #[cfg(not(unix))]
        let path = PathBuf::from(String::from_utf8_lossy(line).into_owned());
        let path = if path.as_os_str() == corpus::STDIN {
            PathBuf::from(".").join(path)
        } else {
            path
        };
        if corpus::is_article(&path) || path.is_dir() {
            paths.push(path);
        }
    }
    Ok(paths)
}

/// What reading one file gave: its claims and what is kept of it, or why
/// it could not be read. The file's text is not kept.
#[derive(Debug)]
pub enum FileResult {
    /// The file was read.
    Read {
        /// Its path as shown.
        path: String,
        /// Its claims, in text order.
        claims: Vec<Claim>,
        /// Problems that did not stop it being read.
        warnings: Vec<String>,
        /// Lines silenced with the ignore comment, if any.
        ignored: Option<std::collections::BTreeSet<usize>>,
    },
    /// It could not be read.
    Failed(FileError),
}

/// How many files the workers may run ahead of the one next in order:
/// enough to keep every core busy past a slow file, few enough that memory
/// stays bounded by the claims, not the text.
const WINDOW: usize = 256;

/// How many files in a row a worker takes at a time.
const BATCH: usize = 32;

/// Reads and extracts every article under `paths`, in parallel across
/// cores, and hands each file's result to `each` in the files' (sorted)
/// order as soon as it and those before it are done, so that a caller that
/// writes claims as they come keeps little in memory. `done` is called from
/// the workers with each file's size once it is read, 0 for a file that
/// could not be (for progress: files and bytes done).
/// Returns the errors met while looking for files.
pub fn extract_each(
    paths: &[PathBuf],
    config: &Config,
    done: &(dyn Fn(u64) + Sync),
    each: impl FnMut(FileResult),
) -> Vec<FileError> {
    extract_map(paths, config, done, |r| r, each)
}

/// [`extract_each`] with a step `map` run on the workers, in parallel,
/// before `each` (say, to turn the claims into output text there).
pub fn extract_map<R: Send>(
    paths: &[PathBuf],
    config: &Config,
    done: &(dyn Fn(u64) + Sync),
    map: impl Fn(FileResult) -> R + Sync,
    mut each: impl FnMut(R),
) -> Vec<FileError> {
    extract_map_until(paths, config, done, map, |r| {
        each(r);
        std::ops::ControlFlow::Continue(())
    })
}

/// [`extract_map`] that stops as soon as `each` says so (the output was
/// closed): the workers finish the files in hand and read no more.
pub fn extract_map_until<R: Send>(
    paths: &[PathBuf],
    config: &Config,
    done: &(dyn Fn(u64) + Sync),
    map: impl Fn(FileResult) -> R + Sync,
    mut each: impl FnMut(R) -> std::ops::ControlFlow<()>,
) -> Vec<FileError> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::{Condvar, Mutex, PoisonError};
    let extractor = Extractor::new(config);
    let (files, errors) = corpus::discover(paths, &config.walk());
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, files.len().max(1));
    // The next file a worker takes, and how many files `each` has had (in
    // the atomic for a look without the lock; the lock for the waits).
    let next = AtomicUsize::new(0);
    let handed = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let wait = (Mutex::new(()), Condvar::new());
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Vec<R>)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, handed, stop, wait, files, extractor, map) =
                (&next, &handed, &stop, &wait, &files, &extractor, &map);
            let ahead = move |first: usize| {
                first >= handed.load(Ordering::Acquire) + WINDOW && !stop.load(Ordering::Acquire)
            };
            scope.spawn(move || loop {
                let first = next.fetch_add(BATCH, Ordering::Relaxed);
                if first >= files.len() || stop.load(Ordering::Acquire) {
                    break;
                }
                // Wait while too far ahead of the file next in order.
                if ahead(first) {
                    let (lock, ready) = wait;
                    let mut guard = lock.lock().unwrap_or_else(PoisonError::into_inner);
                    while ahead(first) {
                        guard = ready.wait(guard).unwrap_or_else(PoisonError::into_inner);
                    }
                }
                if stop.load(Ordering::Acquire) {
                    break;
                }
                let batch = files[first..(first + BATCH).min(files.len())]
                    .iter()
                    .map(|(path, shown)| {
                        // A bug met in one file fails that file, not the
                        // run (nor leaves the other workers waiting).
                        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            read_one(extractor, path, shown, config, done)
                        }));
                        map(read.unwrap_or_else(|_| {
                            FileResult::Failed(FileError::unreadable(
                                shown.as_str(),
                                "claimcheck failed on this file (a bug; please report it)",
                            ))
                        }))
                    })
                    .collect();
                if tx.send((first, batch)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut pending = std::collections::BTreeMap::new();
        let mut want = 0;
        'read: for (first, batch) in rx {
            pending.insert(first, batch);
            let before = want;
            while let Some(batch) = pending.remove(&want) {
                want += batch.len();
                for result in batch {
                    if each(result).is_break() {
                        // Wake the workers waiting to run ahead, to stop.
                        let (lock, ready) = &wait;
                        let _guard = lock.lock().unwrap_or_else(PoisonError::into_inner);
                        stop.store(true, Ordering::Release);
                        ready.notify_all();
                        break 'read;
                    }
                }
            }
            if want > before {
                let (lock, ready) = &wait;
                let _guard = lock.lock().unwrap_or_else(PoisonError::into_inner);
                handed.store(want, Ordering::Release);
                ready.notify_all();
            }
        }
    });
    errors
}

/// Reads one file and extracts its claims.
fn read_one(
    extractor: &Extractor,
    path: &std::path::Path,
    shown: &str,
    config: &Config,
    done: &(dyn Fn(u64) + Sync),
) -> FileResult {
    match corpus::load(path, shown, config.max_file_size) {
        Ok(article) => {
            done(article.text.len() as u64);
            FileResult::Read {
                claims: extractor.extract(&article),
                ignored: article
                    .text
                    .contains(check::IGNORE)
                    .then(|| check::ignored_lines(&article.text)),
                path: article.path,
                warnings: article.warnings,
            }
        }
        Err(e) => {
            done(0);
            FileResult::Failed(e)
        }
    }
}

/// How many article files a run over `paths` reads, and their total
/// size, for progress.
pub fn input_size(paths: &[PathBuf], config: &Config) -> (usize, u64) {
    let files = corpus::discover(paths, &config.walk()).0;
    let bytes = files
        .iter()
        .filter_map(|(p, _)| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    (files.len(), bytes)
}

/// Reads every article under `paths` and extracts its claims, keeping
/// them all (for a report or a check).
pub fn extract_paths(paths: &[PathBuf], config: &Config) -> Extraction {
    extract_paths_with(paths, config, &|_| {})
}

/// [`extract_paths`], calling `done` with each file's size once read.
pub fn extract_paths_with(
    paths: &[PathBuf],
    config: &Config,
    done: &(dyn Fn(u64) + Sync),
) -> Extraction {
    let mut claims = Vec::new();
    let mut run = read_paths(paths, config, done, |c| claims.extend(c));
    run.claims = claims;
    run
}

/// Reads the articles under `paths`, giving each article's claims to
/// `claims` in path order: the run, without its claims.
fn read_paths(
    paths: &[PathBuf],
    config: &Config,
    done: &(dyn Fn(u64) + Sync),
    mut claims: impl FnMut(Vec<Claim>),
) -> Extraction {
    let mut run = Extraction::default();
    let errors = extract_each(paths, config, done, |result| match result {
        FileResult::Read {
            path,
            claims: found,
            warnings,
            ignored,
        } => {
            run.articles += 1;
            if let Some(lines) = ignored {
                run.ignored.insert(path, lines);
            }
            claims(found);
            run.warnings.extend(warnings);
        }
        FileResult::Failed(e) => run.errors.push(e),
    });
    // Errors met while looking for files come first, as before reading.
    run.errors.splice(0..0, errors);
    run
}

/// Groups the claims of a run and judges each group: the data of a report.
pub fn report(run: Extraction, config: &Config) -> report::Report {
    report::Report::linked(group::link(run.claims, config))
}

/// [`report`] of [`extract_paths_with`], with the claims gathered into
/// their groups as each article is read, never also held in one list (a
/// large report's memory is its claims, once). The run comes back without
/// its claims.
pub fn report_paths_with(
    paths: &[PathBuf],
    config: &Config,
    done: &(dyn Fn(u64) + Sync),
) -> (report::Report, Extraction) {
    let mut groups = group::Builder::default();
    let run = read_paths(paths, config, done, |claims| groups.add_all(claims));
    (report::Report::linked(groups.finish_linked(config)), run)
}

/// What `check` found.
#[derive(Debug, Default)]
pub struct Checked {
    /// The problems, by article and position.
    pub problems: Vec<check::Problem>,
    /// The claims checked (silenced lines left out), for a baseline.
    pub report: Option<report::Report>,
    /// Files that could not be read.
    pub errors: Vec<FileError>,
    /// Warnings: unreadable metadata, files read as Windows-1252.
    pub warnings: Vec<String>,
    /// How many articles were read.
    pub articles: usize,
}

/// Checks the articles under `paths` against the pinned facts and each
/// other. `baseline` holds the claims of a stored report whose problems are
/// not reported again.
pub fn check_paths(
    paths: &[PathBuf],
    config: &Config,
    baseline: Option<&std::collections::BTreeSet<check::ClaimId>>,
) -> Checked {
    let run = extract_paths(paths, config);
    let warnings = run.warnings;
    let claims: Vec<Claim> = run
        .claims
        .into_iter()
        .filter(|c| {
            !run.ignored
                .get(&c.article)
                .is_some_and(|l| l.contains(&c.line))
        })
        .collect();
    let mut problems = check::problems(claims.clone(), config, baseline);
    // The line each figure stands on, for diagnostics: the file read again
    // as it was read for its claims (same decoding, same line ends).
    let files: std::collections::BTreeMap<String, PathBuf> = if problems.is_empty() {
        Default::default()
    } else {
        corpus::discover(paths, &config.walk())
            .0
            .into_iter()
            .map(|(path, shown)| (shown, path))
            .collect()
    };
    let mut texts: std::collections::BTreeMap<String, Option<Article>> = Default::default();
    for p in &mut problems {
        let article = texts.entry(p.article.clone()).or_insert_with(|| {
            let path = files.get(&p.article)?;
            corpus::load(path, &p.article, config.max_file_size).ok()
        });
        let Some(article) = article else { continue };
        let mut start = 0;
        let line = extract::text::split_lines(&article.text)
            .inspect(|l| start += l.len())
            .nth(p.line - 1);
        if let Some(line) = line {
            let start = start - line.len();
            p.line_text = line.trim_end_matches(['\n', '\r']).to_string();
            p.span.0 = article.visible_column(start, &p.line_text, p.column);
        }
    }
    let linked = group::link(claims, config);
    Checked {
        problems,
        report: Some(report::Report::linked(linked)),
        errors: run.errors,
        warnings,
        articles: run.articles,
    }
}

/// Reads claims written by `extract --format jsonl` (shards of a corpus
/// extracted separately), for a report over all of them. A line that is
/// not a claim is an error naming the file and line.
pub fn read_claims(paths: &[PathBuf]) -> anyhow::Result<Vec<Claim>> {
    let mut claims = Vec::new();
    each_claim(paths, |c| claims.push(c))?;
    // The order a single run gives: by article, then position.
    claims.sort_by(|a, b| (&a.article, a.start).cmp(&(&b.article, b.start)));
    Ok(claims)
}

/// The report of the claims in JSON-lines files ([`read_claims`] then
/// [`group::build`]), with each claim put into its group as it is read:
/// the claims are held once, in their groups. A group's claims are put in
/// order of date, article and position, so the order they are read in does
/// not change the report.
pub fn report_claims(paths: &[PathBuf], config: &Config) -> anyhow::Result<report::Report> {
    let mut groups = group::Builder::default();
    each_claim(paths, |c| groups.add(c))?;
    Ok(report::Report::linked(groups.finish_linked(config)))
}

/// Reads the claims in JSON-lines files, handing each to `each`, a line
/// at a time (a shard is never held whole in memory); the first file or
/// line that is not a valid claim is an error naming it. A file named twice
/// (or through a link) is read once.
fn each_claim(paths: &[PathBuf], mut each: impl FnMut(Claim)) -> anyhow::Result<()> {
    use anyhow::Context;
    use std::io::BufRead;
    let mut seen = std::collections::HashSet::new();
    for path in paths {
        let shown = corpus::show_path(path);
        if corpus::FileId::get(path).is_some_and(|id| !seen.insert(id)) {
            continue;
        }
        let file = std::fs::File::open(path)
            .map_err(|e| anyhow::anyhow!("could not read `{shown}`: {}", corpus::io_message(&e)))?;
        let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
        let mut line = String::new();
        for i in 0.. {
            line.clear();
            let read = reader.read_line(&mut line).map_err(|e| {
                let why = match e.kind() {
                    std::io::ErrorKind::InvalidData => "not UTF-8".to_string(),
                    _ => corpus::io_message(&e),
                };
                anyhow::anyhow!("could not read `{shown}` line {}: {why}", i + 1)
            })?;
            if read == 0 {
                break;
            }
            if line.trim().is_empty() {
                continue;
            }
            let claim: Claim = serde_json::from_str(&line)
                .with_context(|| format!("`{shown}` line {}: not a claim", i + 1))?;
            let finite = [claim.value, claim.lower, claim.upper]
                .iter()
                .flatten()
                .all(|v| v.is_finite());
            let ordered = match (claim.lower, claim.upper) {
                (Some(l), Some(u)) => l <= u,
                _ => true,
            };
            if !finite || !ordered {
                anyhow::bail!(
                    "`{shown}` line {}: a claim's bounds must be finite numbers with `lower` <= `upper`",
                    i + 1
                );
            }
            each(claim);
        }
    }
    Ok(())
}
