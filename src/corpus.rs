//! INPUT: find article files under the given paths, read them, and split off
//! their metadata.
//!
//! Takes paths (files or folders) and returns [`Article`]s: the file's text,
//! where its body starts, and its title, source, url and date from YAML front
//! matter or from a leading `date YYYY-MM-DD` token. Folders are walked
//! recursively for `.md`, `.markdown` and `.txt` files, in a stable (sorted)
//! order. Every file is decoded one way ([`load`]: UTF-8, UTF-16 or UTF-32
//! by its byte-order mark, else Windows-1252; binary files skipped) and
//! cleaned one way ([`clean`]: line ends, invisible characters), with what
//! it takes to map offsets back to the file's bytes. A file that cannot be
//! read is an error for that file only; the caller reports it and goes on.
//! Nothing here looks at numbers.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize, Serializer};

/// File extensions read as articles.
pub const EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// A calendar date, `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day, 1 to the month's length.
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD` (exactly), rejecting impossible dates.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = &s[r];
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let (year, month, day) = (num(0..4)? as i32, num(5..7)?, num(8..10)?);
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before), for date arithmetic.
    pub fn days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01 (the inverse of [`Date::days`]).
    pub fn from_days(days: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// Appends the date as [`Date`]'s `Display` writes it, without the
    /// formatting machinery (it is written once a claim).
    pub fn write_to(&self, out: &mut Vec<u8>) {
        if !(0..=9999).contains(&self.year) || self.month > 99 || self.day > 99 {
            out.extend_from_slice(self.to_string().as_bytes());
            return;
        }
        let (y, m, d) = (self.year as u32, self.month, self.day);
        let digit = |n: u32| b'0' + (n % 10) as u8;
        out.extend_from_slice(&[
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(d / 10),
            digit(d),
        ]);
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Its `Display`, without the formatting machinery (a report writes
        // two dates a claim).
        let mut text = Vec::with_capacity(10);
        self.write_to(&mut text);
        match std::str::from_utf8(&text) {
            Ok(text) => s.serialize_str(text),
            Err(_) => s.collect_str(self),
        }
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("invalid date `{s}`")))
    }
}

/// One article: its text and metadata.
#[derive(Debug, Clone)]
pub struct Article {
    /// The path as shown in output: the path given joined with the file's
    /// path below it.
    pub path: String,
    /// The whole file, decoded and [`clean`]ed: as a reader sees it.
    pub text: String,
    /// Byte offset where the body starts (after front matter and a leading
    /// date token).
    pub body_start: usize,
    /// Metadata.
    pub meta: Meta,
    /// Problems with the file that did not stop it being read (a bad date).
    pub warnings: Vec<String>,
    /// How offsets in `text` map back to bytes of the file.
    pub encoding: Encoding,
    /// Where characters of the file that `text` leaves out stood (see
    /// [`clean`]), in order.
    pub hidden: Vec<Hidden>,
}

/// Characters of the file left out of an article's text, just before byte
/// `at` of the text: so many bytes of the file, so many characters, counted
/// with those of every entry before (a running total).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hidden {
    /// Byte offset in the text they stood before.
    pub at: usize,
    /// Bytes of the file left out up to here, this entry's included.
    pub bytes: usize,
    /// Characters left out up to here, this entry's included.
    pub chars: usize,
}

impl Article {
    /// The byte offset in the file on disk of byte `offset` of `text`,
    /// given how many bytes of the file the text before it takes
    /// (`text_bytes`, from [`Encoding::width`]). Characters left out just
    /// at `offset` count before it for a start (`start` true: they stand
    /// before the character there), not for an end.
    pub fn file_offset(&self, offset: usize, text_bytes: usize, start: bool) -> usize {
        self.encoding.bom_len() + text_bytes + self.hidden_before(offset, start).0
    }

    /// The column among the characters shown of the line `line` that
    /// starts at byte `start` of `text`, of the 1-based `column` that counts
    /// the characters left out too (as claims' columns do).
    pub fn visible_column(&self, start: usize, line: &str, column: usize) -> usize {
        if self.hidden.is_empty() {
            return column;
        }
        let before = self.hidden_before(start, false).1;
        for (shown, (i, _)) in line.char_indices().enumerate() {
            let left_out = self.hidden_before(start + i, true).1 - before;
            if shown + left_out + 1 >= column {
                return shown + 1;
            }
        }
        column
    }

    /// The file bytes and characters left out before byte `offset` of
    /// `text` (and, if `at_too`, just at it).
    pub fn hidden_before(&self, offset: usize, at_too: bool) -> (usize, usize) {
        let n = self
            .hidden
            .partition_point(|h| h.at < offset || (at_too && h.at == offset));
        n.checked_sub(1)
            .map_or((0, 0), |i| (self.hidden[i].bytes, self.hidden[i].chars))
    }
}

/// How the file's bytes became `text`, so that offsets in claims are bytes
/// of the file as it is on disk.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 as it stands.
    #[default]
    Utf8,
    /// UTF-8 after a byte-order mark of 3 bytes, dropped.
    Utf8Bom,
    /// Windows-1252: one byte a character.
    Cp1252,
    /// UTF-16, little-endian, after its byte-order mark.
    Utf16Le,
    /// UTF-16, big-endian, after its byte-order mark.
    Utf16Be,
    /// UTF-32, little-endian, after its byte-order mark.
    Utf32Le,
    /// UTF-32, big-endian, after its byte-order mark.
    Utf32Be,
}

impl Encoding {
    /// The bytes of the byte-order mark the file starts with.
    pub fn bom_len(self) -> usize {
        match self {
            Encoding::Utf8 | Encoding::Cp1252 => 0,
            Encoding::Utf8Bom => 3,
            Encoding::Utf16Le | Encoding::Utf16Be => 2,
            Encoding::Utf32Le | Encoding::Utf32Be => 4,
        }
    }

    /// The bytes character `c` takes in the file.
    pub fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom => c.len_utf8(),
            Encoding::Cp1252 => 1,
            Encoding::Utf16Le | Encoding::Utf16Be => 2 * c.len_utf16(),
            Encoding::Utf32Le | Encoding::Utf32Be => 4,
        }
    }

    /// Is a byte offset of the text the same in the file, less the mark?
    pub fn is_utf8(self) -> bool {
        matches!(self, Encoding::Utf8 | Encoding::Utf8Bom)
    }

    /// Its name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom => "UTF-8",
            Encoding::Cp1252 => "Windows-1252",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Utf32Le => "UTF-32LE",
            Encoding::Utf32Be => "UTF-32BE",
        }
    }
}

/// Article metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Meta {
    /// Headline.
    pub title: Option<String>,
    /// Outlet or agency.
    pub source: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// Publication date; `None` for an undated article.
    pub date: Option<Date>,
    /// The date was inferred from the text, not stated by the source.
    pub date_inferred: bool,
}

/// Front matter as written; other keys (author, tags, ...) are allowed and
/// ignored, since articles come from many tools.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct FrontMatter {
    title: Option<serde_yaml::Value>,
    source: Option<serde_yaml::Value>,
    url: Option<serde_yaml::Value>,
    date: Option<serde_yaml::Value>,
    date_inferred: Option<bool>,
}

/// An error reading one file: the run reports it and goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// The file as shown to the user.
    pub path: String,
    /// What went wrong.
    pub message: String,
    /// A file that is not an article (binary, too large, a symlink loop)
    /// and was passed over: a warning, not an error.
    pub skipped: bool,
}

impl FileError {
    /// A file that could not be read: an error.
    pub fn unreadable(path: impl Into<String>, message: impl Into<String>) -> FileError {
        FileError {
            path: path.into(),
            message: message.into(),
            skipped: false,
        }
    }

    /// A file passed over: a warning.
    pub fn skipped(path: impl Into<String>, message: impl Into<String>) -> FileError {
        FileError {
            path: path.into(),
            message: message.into(),
            skipped: true,
        }
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.skipped {
            write!(f, "skipped `{}`: {}", self.path, self.message)
        } else {
            write!(f, "could not read `{}`: {}", self.path, self.message)
        }
    }
}

/// The largest article read, by default: 32 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 32 << 20;

/// A plain-language message for an I/O error, lowercase, no error code.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or folder".into(),
        PermissionDenied => "permission denied".into(),
        IsADirectory => "is a folder".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_lowercase(),
                None => s.to_lowercase(),
            }
        }
    }
}

/// The path that stands for standard input.
pub const STDIN: &str = "-";

/// The name shown for standard input when `--stdin-name` gives none.
pub const STDIN_NAME: &str = "<stdin>";

/// Which files a walk takes, besides articles by their extension: globs
/// excluded (each a line of a `.gitignore`, relative to its own folder),
/// whether `.gitignore` and `.ignore` files and hidden names are respected,
/// and the name shown for standard input.
#[derive(Debug, Clone)]
pub struct Walk {
    /// The exclude globs, by the folder they are relative to (absolute).
    excludes: Vec<(PathBuf, ignore::gitignore::Gitignore)>,
    /// Read `.gitignore` and `.ignore` files and pass over hidden files and
    /// folders (names that start with `.`), as ripgrep does.
    pub respect_ignore: bool,
    /// The name shown for the article read from standard input (`-`).
    pub stdin_name: String,
}

impl Default for Walk {
    fn default() -> Walk {
        Walk {
            excludes: Vec::new(),
            respect_ignore: true,
            stdin_name: STDIN_NAME.to_string(),
        }
    }
}

impl Walk {
    /// A walk that takes every article file: no excludes, no ignore files,
    /// hidden names too (to tell whether a run could read a file at all).
    pub fn everything() -> Walk {
        Walk {
            respect_ignore: false,
            ..Walk::default()
        }
    }

    /// Adds exclude globs relative to folder `root`: each a line of a
    /// `.gitignore` (`drafts/old/`, `*.txt`, `archive/**/2019-*.md`, `!keep.md`).
    /// A glob that is not valid is an error naming it.
    pub fn exclude(&mut self, root: &Path, globs: &[String]) -> Result<(), String> {
        if globs.is_empty() {
            return Ok(());
        }
        let root = absolute(root);
        let mut builder = ignore::gitignore::GitignoreBuilder::new(&root);
        // A `[` never closed is a mistake, not a character to match.
        builder.allow_unclosed_class(false);
        for glob in globs {
            check_glob(glob)?;
            builder
                .add_line(None, glob)
                .map_err(|e| glob_error(glob, &e))?;
        }
        let matcher = builder.build().map_err(|e| e.to_string())?;
        self.excludes.push((root, matcher));
        Ok(())
    }

    /// Is the file or folder at `abs` (absolute, as [`absolute`] makes it;
    /// `shown` as given) excluded by a glob? `parents`: a folder above it
    /// excluded counts too (for a path named on the command line, whose
    /// folders were not walked).
    fn excluded(&self, abs: &Path, shown: &Path, is_dir: bool, parents: bool) -> bool {
        self.excludes
            .iter()
            .any(|(root, m)| match abs.strip_prefix(root) {
                Ok(rel) if rel.as_os_str().is_empty() => false,
                Ok(rel) if parents => m.matched_path_or_any_parents(rel, is_dir).is_ignore(),
                Ok(rel) => m.matched(rel, is_dir).is_ignore(),
                // Outside the glob's folder: the path as given.
                Err(_) => !shown.has_root() && m.matched(shown, is_dir).is_ignore(),
            })
    }
}

/// Checks that `glob` is a valid exclude glob (a `.gitignore` line), for a
/// configuration file or the command line.
pub fn check_glob(glob: &str) -> Result<(), String> {
    if glob.trim().is_empty() {
        return Err("an exclude glob is empty".to_string());
    }
    let mut builder = ignore::gitignore::GitignoreBuilder::new("/");
    builder.allow_unclosed_class(false);
    builder
        .add_line(None, glob)
        .map(|_| ())
        .map_err(|e| glob_error(glob, &e))
}

fn glob_error(glob: &str, e: &ignore::Error) -> String {
    let why = e.to_string();
    // "error parsing glob '[': unclosed character class; missing ']'"
    let why = why.rsplit(": ").next().unwrap_or(&why).to_string();
    format!("exclude glob `{glob}` is not valid: {why}")
}

/// `path` made absolute without touching the file system: joined to the
/// current folder, `.` left out and `..` taking off the folder before.
pub fn absolute(path: &Path) -> PathBuf {
    use std::path::Component;
    let joined;
    let path = if path.is_absolute() {
        path
    } else {
        joined = std::env::current_dir().unwrap_or_default().join(path);
        &joined
    };
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// The `.gitignore` rules in force in one folder: its `.gitignore` and
/// `.ignore` files (and `.git/info/exclude` at a repository's root).
#[derive(Debug)]
struct Ignores {
    /// The folder, absolute.
    dir: PathBuf,
    matcher: ignore::gitignore::Gitignore,
}

impl Ignores {
    /// The rules of folder `dir` (absolute), if it has any ignore file;
    /// `names` says which of them the folder listing showed (`None`: look).
    fn of(dir: &Path, listed: Option<&[&str]>) -> Option<Ignores> {
        let has = |name: &str| match listed {
            Some(names) => names.contains(&name),
            None => dir.join(name).exists(),
        };
        let mut builder = ignore::gitignore::GitignoreBuilder::new(dir);
        let mut any = false;
        if has(".git") {
            let exclude = dir.join(".git/info/exclude");
            if exclude.is_file() {
                // A line that is not a valid glob is passed over, as git does.
                let _ = builder.add(exclude);
                any = true;
            }
        }
        for name in [".gitignore", ".ignore"] {
            if has(name) {
                let _ = builder.add(dir.join(name));
                any = true;
            }
        }
        if !any {
            return None;
        }
        let matcher = builder.build().ok()?;
        (!matcher.is_empty()).then(|| Ignores {
            dir: dir.to_path_buf(),
            matcher,
        })
    }

    /// The rules of the folders above `dir` (absolute), outermost first, up
    /// to the root of the repository it is in; none outside a repository.
    fn above(dir: &Path) -> Vec<Ignores> {
        let mut found = Vec::new();
        for up in dir.ancestors().skip(1) {
            found.extend(Ignores::of(up, None));
            if up.join(".git").exists() {
                found.reverse();
                return found;
            }
        }
        Vec::new()
    }
}

/// Do the ignore files in force say to pass over `abs`? The innermost
/// folder's rules that say anything decide (a `!glob` takes a path back).
fn ignored(stack: &[Ignores], abs: &Path, is_dir: bool) -> bool {
    for rules in stack.iter().rev() {
        let Ok(rel) = abs.strip_prefix(&rules.dir) else {
            continue;
        };
        let m = rules.matcher.matched(rel, is_dir);
        if m.is_ignore() {
            return true;
        }
        if m.is_whitelist() {
            return false;
        }
    }
    false
}

/// The files to read under `paths`, each with the name shown for it, in a
/// stable order. A path that does not exist is an error; unreadable folders
/// below a path are reported in the second list and skipped. `-` is
/// standard input. Files and folders that `walk` excludes are passed over
/// (a file named in `paths` that a glob excludes, with a warning); ignore
/// files and hidden names apply to what is found in folders, never to a
/// path named.
pub fn discover(paths: &[PathBuf], walk: &Walk) -> (Vec<(PathBuf, String)>, Vec<FileError>) {
    let (files, errors) = find_files(paths, walk);
    let files = files.into_iter().map(|(p, shown, _)| (p, shown)).collect();
    (files, errors)
}

/// [`discover`], with each file's id.
fn find_files(paths: &[PathBuf], walk: &Walk) -> (Vec<(PathBuf, String, FileId)>, Vec<FileError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == STDIN {
            files.push((path.clone(), walk.stdin_name.clone(), FileId::Stdin));
            continue;
        }
        let shown = show_path(path);
        match std::fs::metadata(path) {
            Err(e) => errors.push(FileError::unreadable(shown, io_message(&e))),
            Ok(m) if m.is_dir() => {
                let abs = absolute(path);
                if walk.excluded(&abs, path, true, true) {
                    errors.push(FileError::skipped(
                        shown,
                        "excluded (--exclude or `exclude:`)",
                    ));
                    continue;
                }
                let mut found = Vec::new();
                let mut stack = if walk.respect_ignore {
                    Ignores::above(&abs)
                } else {
                    Vec::new()
                };
                let mut walker = Walker {
                    walk,
                    found: &mut found,
                    errors: &mut errors,
                    seen: Default::default(),
                    stack: &mut stack,
                };
                walker.walk(path, &abs, 0);
                files.extend(found.into_iter().map(|(p, id)| {
                    let shown = shown_path(&p);
                    (p, shown, id)
                }));
            }
            Ok(m) => {
                if walk.excluded(&absolute(path), path, false, true) {
                    errors.push(FileError::skipped(
                        shown,
                        "excluded (--exclude or `exclude:`)",
                    ));
                    continue;
                }
                let id = FileId::of(path, &m);
                files.push((path.clone(), shown, id))
            }
        }
    }
    // The same file named twice is read once.
    let mut seen = std::collections::HashSet::new();
    files.retain(|(_, _, id)| seen.insert(id.clone()));
    (files, errors)
}

/// The name shown for `file` in a run over `paths` (the same file, by
/// its id), if the run reads it.
pub fn shown_name_of(paths: &[PathBuf], walk: &Walk, file: &Path) -> Option<String> {
    let id = if file.as_os_str() == STDIN {
        FileId::Stdin
    } else {
        FileId::get(file)?
    };
    find_files(paths, walk)
        .0
        .into_iter()
        .find(|(_, _, f)| *f == id)
        .map(|(_, shown, _)| shown)
}

/// Is `target` one of the files a run over `paths` could read (whatever
/// the excludes and ignore files say)?
pub fn reads(paths: &[PathBuf], target: &Path) -> bool {
    let Some(id) = FileId::get(target) else {
        return false;
    };
    find_files(paths, &Walk::everything())
        .0
        .iter()
        .any(|(_, _, f)| *f == id)
}

/// What makes two paths the same file: device and inode where there are
/// such, else the canonical path.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileId {
    /// Device and inode.
    Inode(u64, u64),
    /// The canonical path, where there are no inodes.
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
    /// Standard input.
    Stdin,
}

impl FileId {
    /// The id of the file at `path` (its links followed), if it exists.
    pub fn get(path: &Path) -> Option<FileId> {
        std::fs::metadata(path).ok().map(|m| FileId::of(path, &m))
    }

    #[cfg(unix)]
    fn of(_path: &Path, meta: &std::fs::Metadata) -> FileId {
        use std::os::unix::fs::MetadataExt;
        FileId::Inode(meta.dev(), meta.ino())
    }

    #[cfg(not(unix))]
    fn of(path: &Path, _meta: &std::fs::Metadata) -> FileId {
        FileId::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }

    /// The device of folder `dir`, for the files listed in it.
    #[cfg(unix)]
    fn device(dir: &Path) -> Option<u64> {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(dir).ok().map(|m| m.dev())
    }

    #[cfg(not(unix))]
    fn device(_dir: &Path) -> Option<u64> {
        None
    }

    /// The id of a plain file listed in a folder on `device`, from the
    /// listing alone (no `stat`); `None` where the listing cannot tell.
    #[cfg(unix)]
    fn of_entry(entry: &std::fs::DirEntry, device: Option<u64>) -> Option<FileId> {
        use std::os::unix::fs::DirEntryExt;
        Some(FileId::Inode(device?, entry.ino()))
    }

    #[cfg(not(unix))]
    fn of_entry(_entry: &std::fs::DirEntry, _device: Option<u64>) -> Option<FileId> {
        None
    }
}

/// Deepest folder nesting followed, against symlink loops.
const MAX_DEPTH: usize = 64;

/// One walk over a folder given: what it found and met, the folders seen
/// (against loops) and the ignore rules of the folders it is in.
struct Walker<'a> {
    walk: &'a Walk,
    found: &'a mut Vec<(PathBuf, FileId)>,
    errors: &'a mut Vec<FileError>,
    seen: std::collections::HashSet<PathBuf>,
    stack: &'a mut Vec<Ignores>,
}

impl Walker<'_> {
    /// Is the entry `name` of folder `abs_dir` passed over by a glob or an
    /// ignore file? Costs nothing when there are neither.
    fn passed_over(&self, abs_dir: &Path, name: &std::ffi::OsStr, is_dir: bool) -> bool {
        if self.walk.excludes.is_empty() && self.stack.is_empty() {
            return false;
        }
        let abs = abs_dir.join(name);
        ignored(self.stack, &abs, is_dir)
            || (!self.walk.excludes.is_empty() && {
                let shown = Path::new(name);
                self.walk.excluded(&abs, shown, is_dir, false)
            })
    }

    /// Walks folder `dir` (`abs`: the same, absolute).
    fn walk(&mut self, dir: &Path, abs: &Path, depth: usize) {
        // A folder reached again through a symbolic link is a loop.
        if let Ok(real) = std::fs::canonicalize(dir) {
            if !self.seen.insert(real) {
                self.errors.push(FileError::skipped(
                    shown_path(dir),
                    "a symbolic link loops back to a folder already read",
                ));
                return;
            }
        }
        if depth > MAX_DEPTH {
            self.errors.push(FileError::skipped(
                shown_path(dir),
                format!("folders nested deeper than {MAX_DEPTH}"),
            ));
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                self.errors
                    .push(FileError::unreadable(shown_path(dir), io_message(&e)));
                return;
            }
        };
        let mut entries: Vec<(std::ffi::OsString, std::fs::DirEntry)> = entries
            .flatten()
            .map(|entry| (entry.file_name(), entry))
            .collect();
        let pushed = self.walk.respect_ignore && {
            let hidden: Vec<&str> = entries
                .iter()
                .filter_map(|(name, _)| name.to_str())
                .filter(|name| name.starts_with('.'))
                .collect();
            match Ignores::of(abs, Some(&hidden)) {
                Some(rules) => {
                    self.stack.push(rules);
                    true
                }
                None => false,
            }
        };
        // Hidden names (`.git` always) are passed over.
        let respect = self.walk.respect_ignore;
        entries.retain(|(name, _)| {
            let bytes = name.as_encoded_bytes();
            bytes != b".git" && !(respect && bytes.starts_with(b"."))
        });
        // Entries in name order, each folder's before the next entry's: the
        // order of the whole paths sorted, without sorting them.
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let device = FileId::device(dir);
        for (name, entry) in entries {
            let path = entry.path();
            // The kind of entry the folder listing gives spares a `stat` for
            // plain files and folders; links and the rest are followed.
            match entry.file_type() {
                Ok(t) if t.is_dir() => {
                    if !self.passed_over(abs, &name, true) {
                        self.walk(&path, &abs.join(&name), depth + 1);
                    }
                    continue;
                }
                Ok(t) if t.is_file() => {
                    if !is_article(&path) || self.passed_over(abs, &name, false) {
                        continue;
                    }
                    if let Some(id) = FileId::of_entry(&entry, device) {
                        self.found.push((path, id));
                        continue;
                    }
                }
                _ => {}
            }
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => {
                    if !self.passed_over(abs, &name, true) {
                        self.walk(&path, &abs.join(&name), depth + 1)
                    }
                }
                _ if is_article(&path) && self.passed_over(abs, &name, false) => {}
                Ok(m) if is_article(&path) && m.is_file() => {
                    let id = FileId::of(&path, &m);
                    self.found.push((path, id))
                }
                // A pipe or a device named like an article.
                Ok(_) if is_article(&path) => self
                    .errors
                    .push(FileError::skipped(shown_path(&path), "not a regular file")),
                Ok(_) => {}
                // ELOOP: a symbolic link that points round in a circle.
                Err(e) if e.raw_os_error() == Some(40) => self.errors.push(FileError::skipped(
                    shown_path(&path),
                    "a symbolic link that loops",
                )),
                Err(e) if is_article(&path) => self
                    .errors
                    .push(FileError::unreadable(shown_path(&path), io_message(&e))),
                Err(_) => {}
            }
        }
        if pushed {
            self.stack.pop();
        }
    }
}

/// A path as shown: "./draft.md" reads better as "draft.md".
fn shown_path(p: &Path) -> String {
    show_path(p.strip_prefix(".").unwrap_or(p))
}

/// A path as text for every output: as it is where it is UTF-8, each
/// byte that is not written `\xFF`, so that two names that differ only
/// there are told apart (`display` gives U+FFFD for both).
pub fn show_path(p: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = p.as_os_str().as_bytes();
        let mut out = String::with_capacity(bytes.len());
        for chunk in bytes.utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        p.display().to_string()
    }
}

/// Does the file name have an article extension?
pub fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Reads one article file of at most `max_size` bytes (0: the default).
pub fn load(path: &Path, shown: &str, max_size: u64) -> Result<Article, FileError> {
    let max_size = if max_size == 0 {
        DEFAULT_MAX_FILE_SIZE
    } else {
        max_size
    };
    if path.as_os_str() == STDIN {
        let bytes = match stdin_bytes(max_size) {
            Ok(bytes) => bytes.clone(),
            Err(e) => return Err(FileError::unreadable(shown, e.clone())),
        };
        if bytes.len() as u64 > max_size {
            return Err(FileError::skipped(
                shown,
                format!(
                    "standard input is over the limit of {:.1} MiB (--max-file-size)",
                    max_size as f64 / 1048576.0
                ),
            ));
        }
        return from_bytes(bytes, shown);
    }
    let meta = std::fs::metadata(path).map_err(|e| FileError::unreadable(shown, io_message(&e)))?;
    // A pipe or a device would block or never end.
    if !meta.is_file() {
        return Err(FileError::skipped(shown, "not a regular file"));
    }
    let len = meta.len();
    if len > max_size {
        return Err(FileError::skipped(
            shown,
            format!(
                "{:.1} MiB is over the limit of {:.1} MiB (--max-file-size)",
                len as f64 / 1048576.0,
                max_size as f64 / 1048576.0
            ),
        ));
    }
    let bytes = std::fs::File::open(path)
        .and_then(|f| read_sized(f, len, max_size))
        .map_err(|e| FileError::unreadable(shown, io_message(&e)))?;
    if bytes.len() as u64 > max_size {
        return Err(FileError::skipped(
            shown,
            "grew past the size limit while read",
        ));
    }
    from_bytes(bytes, shown)
}

/// Standard input, read once (up to one byte past `max_size`, to tell it
/// is too large) and kept for the run: a check reads an article again to
/// show its lines.
fn stdin_bytes(max_size: u64) -> &'static Result<Vec<u8>, String> {
    static STDIN_BYTES: std::sync::OnceLock<Result<Vec<u8>, String>> = std::sync::OnceLock::new();
    STDIN_BYTES.get_or_init(|| {
        use std::io::Read;
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(max_size.saturating_add(1))
            .read_to_end(&mut bytes)
            .map(|_| bytes)
            .map_err(|e| io_message(&e))
    })
}

/// An article from the bytes of its file: decoded and parsed the one way
/// every file is ([`decode`], [`clean`], front matter).
fn from_bytes(bytes: Vec<u8>, shown: &str) -> Result<Article, FileError> {
    let (text, note, encoding, lead) =
        decode(bytes).map_err(|message| FileError::skipped(shown, message))?;
    let mut article = parse_decoded(shown, text, encoding);
    if lead > 0 {
        // A UTF-8 mark before text that is not UTF-8: its bytes come before
        // every offset, and it is no character of the first line.
        for h in &mut article.hidden {
            h.bytes += lead;
        }
        article.hidden.insert(
            0,
            Hidden {
                at: 0,
                bytes: lead,
                chars: 0,
            },
        );
    }
    if let Some(note) = note {
        article.warnings.insert(0, format!("`{shown}`: {note}"));
    }
    Ok(article)
}

/// Reads a file of `len` bytes (its size when looked at), no more than
/// `max_size + 1`. The reads stop once `len` bytes are in, without a read
/// more to see the end (a fifth of the system calls a file); a file seen
/// to have grown since is read on, to its end or past the limit.
fn read_sized(mut file: std::fs::File, len: u64, max_size: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let len = len.min(max_size) as usize;
    // One byte more than the size, to see that it grew.
    let mut bytes = vec![0; len + 1];
    let mut filled = 0;
    loop {
        match file.read(&mut bytes[filled..]) {
            // Shorter than its size said.
            Ok(0) => break,
            Ok(n) => {
                filled += n;
                if filled == len {
                    break;
                }
                if filled > len {
                    bytes.truncate(filled);
                    let rest = (max_size + 1).saturating_sub(filled as u64);
                    file.take(rest).read_to_end(&mut bytes)?;
                    return Ok(bytes);
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    bytes.truncate(filled);
    Ok(bytes)
}

/// Windows-1252's characters for bytes 0x80 to 0x9F (Latin-1 has control
/// codes there; news text means the typographic ones).
const CP1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// What [`decode`] gives: the text, a note for the user, the encoding,
/// and the bytes of a mark dropped that the encoding does not account for.
type Decoded = (String, Option<String>, Encoding, usize);

/// Decodes a file's bytes, the one way every file is read: UTF-16 or
/// UTF-32 after its byte-order mark; else UTF-8 (a byte-order mark
/// dropped); else Windows-1252 with a note saying so. A file with a NUL
/// byte anywhere (a NUL character, once decoded) is binary, not an article.
fn decode(mut bytes: Vec<u8>) -> Result<Decoded, String> {
    if let Some((text, encoding, bad)) = decode_wide(&bytes) {
        if text.contains('\0') {
            return Err(format!(
                "a binary file (it has NUL characters once read as {}), not an article",
                encoding.name()
            ));
        }
        let note = bad.map(|at| {
            format!(
                "not valid {} (at byte {at}); the bad characters are read as U+FFFD",
                encoding.name()
            )
        });
        return Ok((text, note, encoding, 0));
    }
    let mut encoding = Encoding::Utf8;
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
        encoding = Encoding::Utf8Bom;
    }
    if memchr::memchr(0, &bytes).is_some() {
        // Text in UTF-16 without its mark has a NUL every other byte.
        let head = &bytes[..bytes.len().min(64)];
        let every_other =
            |first: usize| head.len() >= 4 && head.iter().skip(first).step_by(2).all(|&b| b == 0);
        let hint = if every_other(0) || every_other(1) {
            "; UTF-16 without a byte-order mark? save it as UTF-8"
        } else {
            ""
        };
        return Err(format!(
            "a binary file (it has NUL bytes{hint}), not an article"
        ));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, None, encoding, 0)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to() + encoding.bom_len();
            let text = e
                .into_bytes()
                .iter()
                .map(|&b| match b {
                    0x80..=0x9F => CP1252[usize::from(b - 0x80)],
                    b => char::from(b),
                })
                .collect();
            let note = format!("not UTF-8 (at byte {at}); read as Windows-1252 (Latin-1)");
            Ok((text, Some(note), Encoding::Cp1252, encoding.bom_len()))
        }
    }
}

/// A file in UTF-16 or UTF-32 by its byte-order mark: its text, its
/// encoding, and the byte of the first character that is not valid (read
/// as U+FFFD, in as many bytes as a valid one: offsets stay right).
fn decode_wide(bytes: &[u8]) -> Option<(String, Encoding, Option<usize>)> {
    let encoding = match bytes {
        [0xFF, 0xFE, 0, 0, ..] => Encoding::Utf32Le,
        [0, 0, 0xFE, 0xFF, ..] => Encoding::Utf32Be,
        [0xFF, 0xFE, ..] => Encoding::Utf16Le,
        [0xFE, 0xFF, ..] => Encoding::Utf16Be,
        _ => return None,
    };
    let body = &bytes[encoding.bom_len()..];
    let mut text = String::with_capacity(body.len());
    let mut bad = None;
    let mut at = encoding.bom_len();
    match encoding {
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let units = body.chunks_exact(2).map(|u| match encoding {
                Encoding::Utf16Le => u16::from_le_bytes([u[0], u[1]]),
                _ => u16::from_be_bytes([u[0], u[1]]),
            });
            for c in char::decode_utf16(units) {
                let c = c.unwrap_or_else(|_| {
                    bad.get_or_insert(at);
                    char::REPLACEMENT_CHARACTER
                });
                at += encoding.width(c);
                text.push(c);
            }
            if !body.len().is_multiple_of(2) {
                bad.get_or_insert(at);
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
        _ => {
            for u in body.chunks_exact(4) {
                let u = match encoding {
                    Encoding::Utf32Le => u32::from_le_bytes([u[0], u[1], u[2], u[3]]),
                    _ => u32::from_be_bytes([u[0], u[1], u[2], u[3]]),
                };
                let c = char::from_u32(u).unwrap_or_else(|| {
                    bad.get_or_insert(at);
                    char::REPLACEMENT_CHARACTER
                });
                at += 4;
                text.push(c);
            }
            if !body.len().is_multiple_of(4) {
                bad.get_or_insert(at);
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }
    Some((text, encoding, bad))
}

/// Characters that are not seen: format characters (soft hyphen, zero-width
/// space, joiner and non-joiner, direction marks and embeddings, word
/// joiner, invisible operators, a byte-order mark inside the text).
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}')
}

/// Combining marks and variation selectors: they belong to the character
/// before them.
fn is_combining(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}' | '\u{fe00}'..='\u{fe0f}' | '\u{fe20}'..='\u{fe2f}')
}

/// The text as a reader sees it, which every later stage reads: a lone
/// carriage return (old Mac line ends) is a line end like `\n`; invisible
/// format characters ([`is_invisible`]) are left out, so that a zero-width
/// joiner or a soft hyphen cuts no number ("2,\u{200d}500" is 2,500) and
/// no word; and so is a combining mark on a digit or on a separator that
/// follows one, which no number has. The characters left out are listed
/// ([`Hidden`], widths in the file's `encoding`) so that offsets and
/// columns still point into the file. Text with none of these is kept as
/// it is, found without decoding it.
pub fn clean(text: String, encoding: Encoding) -> (String, Vec<Hidden>) {
    let bytes = text.as_bytes();
    let lone_cr = memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'));
    // The lead bytes of every character left out: 0xC2 (U+00AD), 0xCC and
    // 0xCD (U+0300..U+036F), 0xE1 (U+1AB0.., U+1DC0..), 0xE2 (U+200B..,
    // U+20D0..), 0xEF (U+FE00.., U+FEFF).
    let candidate = |i: usize| {
        text.get(i..)
            .and_then(|t| t.chars().next())
            .is_some_and(|c| is_invisible(c) || is_combining(c))
    };
    let found = !text.is_ascii()
        && (memchr::memchr3_iter(0xC2, 0xE2, 0xEF, bytes).any(candidate)
            || memchr::memchr3_iter(0xCC, 0xCD, 0xE1, bytes).any(candidate));
    if !found {
        if !lone_cr {
            return (text, Vec::new());
        }
        let mut bytes = text.into_bytes();
        for i in 0..bytes.len() {
            if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
                bytes[i] = b'\n';
            }
        }
        // ASCII for ASCII: still UTF-8.
        return (String::from_utf8(bytes).unwrap_or_default(), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut hidden: Vec<Hidden> = Vec::new();
    let (mut total_bytes, mut total_chars) = (0, 0);
    // The last two characters kept.
    let (mut last, mut before_last) = (' ', ' ');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let in_number = last.is_numeric()
            || (matches!(last, ',' | '.' | '\u{a0}' | '\u{202f}' | '\u{2009}')
                && before_last.is_numeric());
        if is_invisible(c) || (is_combining(c) && in_number) {
            total_bytes += encoding.width(c);
            total_chars += 1;
            match hidden.last_mut() {
                Some(h) if h.at == out.len() => {
                    h.bytes = total_bytes;
                    h.chars = total_chars;
                }
                _ => hidden.push(Hidden {
                    at: out.len(),
                    bytes: total_bytes,
                    chars: total_chars,
                }),
            }
            continue;
        }
        let c = if c == '\r' && chars.peek() != Some(&'\n') {
            '\n'
        } else {
            c
        };
        out.push(c);
        (before_last, last) = (last, c);
    }
    (out, hidden)
}

/// Splits an article's text (UTF-8 as it stands) into metadata and body.
pub fn parse(path: &str, text: String) -> Article {
    parse_decoded(path, text, Encoding::Utf8)
}

/// [`parse`] of a text decoded from `encoding`: made [`clean`] first.
pub fn parse_decoded(path: &str, text: String, encoding: Encoding) -> Article {
    let (text, hidden) = clean(text, encoding);
    let mut meta = Meta::default();
    let mut warnings = Vec::new();
    let mut body_start = 0;
    if let Some((yaml, end)) = front_matter(&text) {
        body_start = end;
        let parsed = match yaml_guard(yaml) {
            Some(why) => Err(why),
            None => simple_front_matter(yaml).map(Ok).unwrap_or_else(|| {
                serde_yaml::from_str::<FrontMatter>(yaml).map_err(|e| {
                    let line = e.location().map(|l| l.line() + 1).unwrap_or(1);
                    format!("front matter at line {line} is not valid YAML")
                })
            }),
        };
        match parsed {
            Ok(fm) => {
                meta.title = fm.title.as_ref().and_then(scalar);
                meta.source = fm.source.as_ref().and_then(scalar);
                meta.url = fm.url.as_ref().and_then(scalar);
                meta.date_inferred = fm.date_inferred.unwrap_or(false);
                if fm.date.as_ref().is_some_and(|d| scalar(d).is_none()) {
                    warnings.push(format!(
                        "`{path}`: front matter `date` is not a date YYYY-MM-DD; the article is read as undated"
                    ));
                }
                if let Some(raw) = fm.date.as_ref().and_then(scalar) {
                    // Accept a timestamp by taking its date part.
                    let day = raw.get(..10).unwrap_or(&raw);
                    match Date::parse(day) {
                        Some(d) => meta.date = Some(d),
                        None => warnings.push(format!(
                            "`{path}`: front matter `date` is not a date YYYY-MM-DD: `{raw}`; \
                             the article is read as undated"
                        )),
                    }
                }
            }
            Err(why) => {
                warnings.push(format!("`{path}`: {why}; its metadata is ignored"));
            }
        }
    }
    if let Some((date, end)) = leading_date(&text[body_start..]) {
        if meta.date.is_none() {
            meta.date = Some(date);
        }
        body_start += end;
    }
    Article {
        path: path.to_string(),
        text,
        body_start,
        meta,
        warnings,
        encoding,
        hidden,
    }
}

/// Front matter of flat `key: value` lines with plain or quoted text
/// values, read without the YAML parser (which takes most of the time of
/// a small article). `None` for anything else, which the parser then reads:
/// so this gives what the parser would, or nothing.
fn simple_front_matter(yaml: &str) -> Option<FrontMatter> {
    let mut fm = FrontMatter::default();
    let mut seen: Vec<&str> = Vec::new();
    for line in yaml.lines() {
        let line = line.trim_end_matches([' ', '\r']);
        if line.is_empty() {
            continue;
        }
        let (key, value) = line.split_once(':')?;
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            return None;
        }
        if seen.contains(&key) {
            return None;
        }
        seen.push(key);
        let value = value.strip_prefix(' ')?.trim_start_matches(' ');
        let text = if let Some(inner) = value.strip_prefix('"') {
            let inner = inner.strip_suffix('"')?;
            if inner.contains(['"', '\\']) {
                return None;
            }
            inner
        } else if let Some(inner) = value.strip_prefix('\'') {
            let inner = inner.strip_suffix('\'')?;
            if inner.contains('\'') {
                return None;
            }
            inner
        } else {
            plain_text(value)?
        };
        if text.contains(|c: char| c.is_control()) {
            return None;
        }
        let value = Some(serde_yaml::Value::String(text.to_string()));
        match key {
            "title" => fm.title = value,
            "source" => fm.source = value,
            "url" => fm.url = value,
            "date" => fm.date = value,
            "date_inferred" => return None,
            _ => {}
        }
    }
    Some(fm)
}

/// A plain YAML value that is surely a string, as written: it starts with
/// a letter or is a date, and nothing in it makes YAML read it otherwise
/// (a comment, a nested mapping, a number, a boolean, null).
fn plain_text(value: &str) -> Option<&str> {
    let first = value.chars().next()?;
    let date = value.len() == 10
        && value.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !(first.is_alphabetic() || date) {
        return None;
    }
    if value.contains(": ") || value.contains(" #") || value.ends_with(':') || value.contains('\t')
    {
        return None;
    }
    let special = [
        "null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf",
    ];
    if special.iter().any(|w| value.eq_ignore_ascii_case(w)) {
        return None;
    }
    Some(value)
}

fn scalar(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Why a piece of YAML is not given to the parser, if it should not be:
/// too large, or nested so deep that the parser would take very long.
pub fn yaml_guard(yaml: &str) -> Option<String> {
    const MAX_BYTES: usize = 64 << 10;
    const MAX_DEPTH: usize = 64;
    if yaml.len() > MAX_BYTES {
        return Some(format!(
            "front matter is larger than {} KiB",
            MAX_BYTES >> 10
        ));
    }
    let deep = nesting_over(yaml, MAX_DEPTH);
    deep.map(|(line, _)| {
        format!("front matter at line {line} is nested more than {MAX_DEPTH} deep")
    })
}

/// The 1-based line and column where `[`/`{` nesting first passes `limit`.
pub fn nesting_over(text: &str, limit: usize) -> Option<(usize, usize)> {
    let (mut depth, mut line, mut col) = (0usize, 1usize, 0usize);
    for c in text.chars() {
        col += 1;
        match c {
            '[' | '{' => {
                depth += 1;
                if depth > limit {
                    return Some((line, col));
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            '\n' => {
                line += 1;
                col = 0;
            }
            _ => {}
        }
    }
    None
}

/// The YAML between a leading `---` line and the next `---` (or `...`)
/// line, and the byte offset just after the closing line.
fn front_matter(text: &str) -> Option<(&str, usize)> {
    let rest = text.strip_prefix("---")?;
    let first_nl = rest.find('\n')?;
    if !rest[..first_nl].trim().is_empty() {
        return None;
    }
    let yaml_start = 3 + first_nl + 1;
    let mut pos = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return Some((&text[yaml_start..pos], pos + line.len()));
        }
        pos += line.len();
    }
    None
}

/// A leading `date YYYY-MM-DD` token (after white space), and the offset
/// just after it.
fn leading_date(body: &str) -> Option<(Date, usize)> {
    let rest = body
        .trim_start()
        .strip_prefix("date")?
        .strip_prefix([' ', ':'])?
        .trim_start();
    let date = Date::parse(rest.get(..10)?)?;
    let after = &rest[10..];
    if after.chars().next().is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    Some((date, body.len() - after.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_read_whole_whatever_their_size_said() {
        let path = std::env::temp_dir().join(format!("claimcheck-read-{}", std::process::id()));
        let text: Vec<u8> = (0..5000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &text).unwrap();
        let read =
            |len: u64, max: u64| read_sized(std::fs::File::open(&path).unwrap(), len, max).unwrap();
        // As said, grown since (read on), shrunk since, and empty.
        for len in [5000, 0, 1, 4999, 6000] {
            assert_eq!(read(len, 1 << 20), text, "size {len}");
        }
        // Never more than one byte past the limit, to tell it was passed.
        assert_eq!(read(100, 200), text[..201]);
        assert_eq!(read(5000, 5000), text);
        std::fs::write(&path, b"").unwrap();
        assert_eq!(read(0, 10), b"");
        assert_eq!(read(10, 10), b"");
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn dates_write_as_they_display() {
        for (year, month, day) in [
            (2024, 1, 5),
            (5, 12, 31),
            (999, 10, 10),
            (10000, 1, 1),
            (-3, 2, 9),
        ] {
            let date = Date { year, month, day };
            let mut out = Vec::new();
            date.write_to(&mut out);
            assert_eq!(String::from_utf8(out).unwrap(), date.to_string());
        }
    }

    #[test]
    fn dates_parse_and_reject_impossible_ones() {
        assert_eq!(Date::parse("2023-10-11").unwrap().to_string(), "2023-10-11");
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2024-13-45").is_none());
        assert!(Date::parse("2024-1-5").is_none());
        let a = Date::parse("2023-10-07").unwrap();
        let b = Date::parse("2024-01-24").unwrap();
        assert_eq!(b.days() - a.days(), 109);
        assert_eq!(Date::parse("1970-01-01").unwrap().days(), 0);
        for d in ["2024-02-29", "1999-12-31", "2023-10-07", "2100-03-01"] {
            let date = Date::parse(d).unwrap();
            assert_eq!(Date::from_days(date.days()), date);
        }
    }

    #[test]
    fn simple_front_matter_reads_as_the_yaml_parser_does() {
        let cases = [
            "title: \"A: b\"\nsource: Reuters\ndate: 2023-10-11\nauthor: x\n",
            "title: Plain title, with comma\nsource: 'Al Jazeera'\n\nurl: https://x.org/a-b\n",
            "title: Über 9000 — ünïcödé\ndate: 2024-01-02\n",
            "title: a\ntitle: b\n",
            "title: yes\nsource: null\n",
            "title: 12\ndate: 20240101\n",
            "title: x # comment\n",
            "title: x\n  nested: y\n",
            "tags: [a, b]\ntitle: t\n",
            "date_inferred: true\ndate: 2024-01-01\n",
            "title: \"esc \\\" q\"\n",
            "title:\nsource: S\n",
            "- a\n- b\n",
            "Title: Caps key\n",
            "title: a: b\n",
            "title: ~\n",
            "date: 2024-1-02\n",
            "title: infinity\nsource: Infinity\nurl: e5\n",
            "title: C# [beta] {x} 'q' \"d\"\n",
            "title: 'it''s'\n",
        ];
        let show = |fm: &FrontMatter| format!("{:?}", fm);
        let mut fast = 0;
        for yaml in cases {
            let parsed = serde_yaml::from_str::<FrontMatter>(yaml);
            if let Some(simple) = simple_front_matter(yaml) {
                fast += 1;
                let parsed = parsed.unwrap_or_else(|e| panic!("{yaml:?}: {e}"));
                assert_eq!(show(&simple), show(&parsed), "{yaml:?}");
            }
        }
        assert_eq!(fast, 5, "the plain cases take the fast path");
    }

    #[test]
    fn front_matter_gives_metadata_and_body_offset() {
        let text = "---\ntitle: \"A: b\"\nsource: Reuters\ndate: 2023-10-11\nauthor: x\n---\nBody 2,500.\n";
        let a = parse("a.md", text.to_string());
        assert_eq!(a.meta.title.as_deref(), Some("A: b"));
        assert_eq!(a.meta.source.as_deref(), Some("Reuters"));
        assert_eq!(a.meta.date.unwrap().to_string(), "2023-10-11");
        assert_eq!(&a.text[a.body_start..], "Body 2,500.\n");
        assert!(a.warnings.is_empty());
    }

    #[test]
    fn leading_date_token_dates_an_article() {
        let a = parse("a.txt", " date 2023-10-11 BAGHDAD — text".to_string());
        assert_eq!(a.meta.date.unwrap().to_string(), "2023-10-11");
        assert_eq!(&a.text[a.body_start..], " BAGHDAD — text");
        let b = parse("b.txt", "dated 2023-10-11 text".to_string());
        assert_eq!(b.meta.date, None);
        assert_eq!(b.body_start, 0);
    }

    #[test]
    fn bad_date_warns_and_leaves_article_undated() {
        let a = parse("a.md", "---\ndate: 2024-13-45\n---\ntext".to_string());
        assert_eq!(a.meta.date, None);
        assert_eq!(a.warnings.len(), 1);
        assert!(a.warnings[0].contains("`2024-13-45`"), "{}", a.warnings[0]);
        assert_eq!(&a.text[a.body_start..], "text");
    }

    #[test]
    fn unterminated_front_matter_is_body() {
        let a = parse("a.md", "---\ntitle: x\nno end".to_string());
        assert_eq!(a.body_start, 0);
        assert_eq!(a.meta, Meta::default());
    }

    #[test]
    fn binary_is_skipped_and_latin1_is_decoded() {
        assert!(decode(vec![b'a', 0, b'b']).unwrap_err().contains("binary"));
        let (text, note, enc, lead) = decode(b"caf\xe9 \x93quoted\x94 2\xa0500".to_vec()).unwrap();
        assert_eq!(lead, 0);
        assert_eq!(text, "café “quoted” 2\u{a0}500");
        assert_eq!(
            note.unwrap(),
            "not UTF-8 (at byte 3); read as Windows-1252 (Latin-1)"
        );
        assert_eq!(enc, Encoding::Cp1252);
        assert_eq!(
            decode(vec![0xEF, 0xBB, 0xBF, b'x']).unwrap(),
            ("x".to_string(), None, Encoding::Utf8Bom, 0)
        );
        // A UTF-8 mark before bytes that are not UTF-8: its 3 bytes are
        // still before every offset.
        let (text, note, enc, lead) = decode(vec![0xEF, 0xBB, 0xBF, b'x', 0xE9]).unwrap();
        assert_eq!((text.as_str(), enc, lead), ("xé", Encoding::Cp1252, 3));
        assert!(note.unwrap().contains("at byte 4"));
    }

    #[test]
    fn a_nul_byte_anywhere_makes_a_file_binary() {
        let mut bytes = b"The US has 2,500 troops in Iraq.\n".repeat(1000);
        assert!(decode(bytes.clone()).is_ok());
        bytes.push(0);
        assert!(decode(bytes).unwrap_err().contains("binary"));
        // UTF-16 without its mark is named as such.
        let wide: Vec<u8> = "plain text"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(decode(wide)
            .unwrap_err()
            .contains("UTF-16 without a byte-order mark"));
    }

    #[test]
    fn utf16_and_utf32_with_a_mark_are_decoded_and_bad_units_kept_in_place() {
        let text = "2,500 troops — 😀 é\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let utf32 = |big: bool| -> Vec<u8> {
            let bom: [u8; 4] = if big {
                [0, 0, 0xFE, 0xFF]
            } else {
                [0xFF, 0xFE, 0, 0]
            };
            bom.into_iter()
                .chain(text.chars().flat_map(|c| {
                    if big {
                        (c as u32).to_be_bytes()
                    } else {
                        (c as u32).to_le_bytes()
                    }
                }))
                .collect()
        };
        for (bytes, encoding) in [
            (le, Encoding::Utf16Le),
            (be, Encoding::Utf16Be),
            (utf32(false), Encoding::Utf32Le),
            (utf32(true), Encoding::Utf32Be),
        ] {
            let (decoded, note, enc, _) = decode(bytes.clone()).unwrap();
            assert_eq!((decoded.as_str(), note, enc), (text, None, encoding));
            // The widths add up to the file's length.
            let width: usize = decoded.chars().map(|c| enc.width(c)).sum();
            assert_eq!(enc.bom_len() + width, bytes.len());
        }
        // A lone surrogate is one U+FFFD in its two bytes.
        let (decoded, note, _, _) = decode(vec![0xFF, 0xFE, 0x00, 0xD8, b'7', 0]).unwrap();
        assert_eq!(decoded, "\u{fffd}7");
        assert!(note.unwrap().contains("not valid UTF-16LE (at byte 2)"));
        // NUL characters once decoded are binary too.
        assert!(decode(vec![0xFF, 0xFE, 0, 0, 0, 0, 0, 0])
            .unwrap_err()
            .contains("UTF-32LE"));
    }

    #[test]
    fn clean_leaves_out_invisible_characters_and_marks_in_numbers() {
        let (text, hidden) = clean("2,\u{200d}500 Is\u{ad}rael".into(), Encoding::Utf8);
        assert_eq!(text, "2,500 Israel");
        assert_eq!(
            hidden,
            [
                Hidden {
                    at: 2,
                    bytes: 3,
                    chars: 1
                },
                Hidden {
                    at: 8,
                    bytes: 5,
                    chars: 2
                },
            ]
        );
        // A mark on a digit or on a separator after one goes; on a letter
        // it stays (a decomposed é).
        let (text, _) = clean("2\u{301},\u{301}500 cafe\u{301}".into(), Encoding::Utf8);
        assert_eq!(text, "2,500 cafe\u{301}");
        // Widths are the file's: two bytes a character in UTF-16.
        let (_, hidden) = clean("1\u{200b}\u{200b}0".into(), Encoding::Utf16Le);
        assert_eq!(
            hidden,
            [Hidden {
                at: 1,
                bytes: 4,
                chars: 2
            }]
        );
        // Lone carriage returns are line ends; CRLF stays.
        let (text, hidden) = clean("a\rb\r\nc\r".into(), Encoding::Utf8);
        assert_eq!((text.as_str(), hidden.len()), ("a\nb\r\nc\n", 0));
        let (text, _) = clean("a\r\u{200b}b".into(), Encoding::Utf8);
        assert_eq!(text, "a\nb");
        // Nothing to do: the same text.
        let (text, hidden) = clean("“2,500” troops".into(), Encoding::Utf8);
        assert_eq!((text.as_str(), hidden.len()), ("“2,500” troops", 0));
    }

    #[test]
    fn lone_carriage_returns_end_front_matter_lines() {
        let a = parse(
            "a.md",
            "---\rtitle: T\rdate: 2024-01-02\r---\rBody.\r".into(),
        );
        assert_eq!(a.meta.date.unwrap().to_string(), "2024-01-02");
        assert_eq!(a.meta.title.as_deref(), Some("T"));
        assert_eq!(&a.text[a.body_start..], "Body.\n");
    }

    #[test]
    fn absolute_paths_are_made_without_the_file_system() {
        let here = std::env::current_dir().unwrap();
        assert_eq!(absolute(Path::new("a/./b/../c.md")), here.join("a/c.md"));
        assert_eq!(absolute(Path::new("/x/y/../z")), PathBuf::from("/x/z"));
        assert_eq!(absolute(Path::new("")), here);
    }

    #[test]
    fn exclude_globs_are_gitignore_lines_relative_to_their_folder() {
        let mut walk = Walk::default();
        let globs = ["drafts/old/", "*.txt", "!keep.txt", "/top.md"].map(String::from);
        walk.exclude(Path::new("/r"), &globs).unwrap();
        let excluded = |p: &str, dir: bool| walk.excluded(Path::new(p), Path::new(p), dir, false);
        assert!(excluded("/r/drafts/old", true));
        assert!(!excluded("/r/drafts/old", false), "a folder-only glob");
        assert!(excluded("/r/a/b.txt", false));
        assert!(!excluded("/r/a/keep.txt", false), "taken back with `!`");
        assert!(excluded("/r/top.md", false));
        assert!(!excluded("/r/a/top.md", false), "anchored at the folder");
        // A folder excluded excludes what is in it, for a path named.
        assert!(walk.excluded(Path::new("/r/drafts/old/x.md"), Path::new("x"), false, true));
        // Outside the folder, only the path as given is matched.
        assert!(!walk.excluded(Path::new("/s/top.md"), Path::new("/s/top.md"), false, false));
        assert!(walk.excluded(Path::new("/s/a.txt"), Path::new("s/a.txt"), false, false));
        for bad in ["", "  ", "a[b", "[", "{a,b"] {
            assert!(check_glob(bad).is_err(), "{bad:?}");
            assert!(Walk::default()
                .exclude(Path::new("/r"), &[bad.to_string()])
                .is_err());
        }
    }

    #[test]
    fn names_that_are_not_utf8_are_escaped_not_replaced() {
        use std::os::unix::ffi::OsStrExt;
        let a = show_path(Path::new(std::ffi::OsStr::from_bytes(b"dir/a\xff.md")));
        let b = show_path(Path::new(std::ffi::OsStr::from_bytes(b"dir/a\xfe.md")));
        assert_eq!((a.as_str(), b.as_str()), ("dir/a\\xFF.md", "dir/a\\xFE.md"));
        assert_eq!(show_path(Path::new("dir/é.md")), "dir/é.md");
    }
}
