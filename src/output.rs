//! OUTPUT: where a report or a baseline is written, safely.
//!
//! [`Output::open`] takes the `--output` (or `--write-baseline`) path and
//! the run's inputs, and returns a writer: standard output for `-` and
//! `/dev/stdout`, else a temporary file beside the target that
//! [`Output::commit`] renames over it, so that a failed or interrupted run
//! never leaves a half-written file. It refuses a folder, a device, a pipe
//! or a socket, and a file the run itself reads (an article, a shard, the
//! configuration); it writes through a symbolic link to the file it points
//! to, never replacing the link, and gives the new file the permissions of
//! the one it replaces. The temporary files still being written are listed,
//! so that a signal handler can remove them ([`remove_pending`]). This
//! module renders nothing and prints nothing.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use anyhow::{bail, Context};

use crate::corpus::show_path;

/// The temporary files being written, to remove if the run is stopped.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes every temporary file still being written. For a handler of
/// SIGINT or SIGTERM, just before the process exits; a rename under way
/// ends first, so the target is either the old file or the whole new one.
pub fn remove_pending() {
    let mut pending = PENDING.lock().unwrap_or_else(PoisonError::into_inner);
    for tmp in pending.drain(..) {
        let _ = fs::remove_file(tmp);
    }
}

fn forget_pending(tmp: &Path) {
    let mut pending = PENDING.lock().unwrap_or_else(PoisonError::into_inner);
    pending.retain(|p| p != tmp);
}

/// Names that mean standard output.
const STDOUT_NAMES: [&str; 4] = ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"];

/// An output being written.
pub enum Output {
    /// Standard output.
    Stdout(BufWriter<io::Stdout>),
    /// A file, through its temporary file.
    File(Pending),
}

/// A file being written: the temporary file beside it and where it goes.
pub struct Pending {
    /// The temporary file, open; `None` once committed or dropped.
    out: Option<BufWriter<File>>,
    tmp: PathBuf,
    /// The file replaced or created: the target, its links followed.
    target: PathBuf,
    /// The target as the user named it.
    shown: String,
}

impl Output {
    /// Opens the output `path` (`None`: standard output) for a run whose
    /// inputs are the article paths `inputs` and the files `also` (shards,
    /// the configuration). Refuses what must not be written over.
    pub fn open(
        path: Option<&Path>,
        inputs: &[PathBuf],
        also: &[PathBuf],
    ) -> anyhow::Result<Output> {
        let Some(path) = path.filter(|p| !is_stdout(p)) else {
            return Ok(Output::stdout());
        };
        let shown = show_path(path);
        let refuse = |why: &str| anyhow::anyhow!("will not write `{shown}`: {why}");
        let target = resolve(path).with_context(|| format!("could not write `{shown}`"))?;
        let existing = match fs::metadata(&target) {
            Ok(m) => Some(m),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => bail!(
                "could not write `{shown}`: {}",
                crate::corpus::io_message(&e)
            ),
        };
        if let Some(m) = &existing {
            if m.is_dir() {
                return Err(refuse("it is a folder; name a file"));
            }
            if !m.is_file() {
                return Err(refuse(&format!(
                    "it is {}, not a regular file; write to standard output with `-` instead",
                    kind(m)
                )));
            }
            if also.iter().any(|p| same_file(p, &target)) || crate::corpus::reads(inputs, &target) {
                return Err(refuse(
                    "this run reads it; writing the output there would destroy it",
                ));
            }
        }
        let (tmp, file) =
            temporary(&target).with_context(|| format!("could not write `{shown}`"))?;
        if let Some(m) = &existing {
            // Made beside it, the new file takes the old one's permissions.
            let _ = fs::set_permissions(&tmp, m.permissions());
        }
        Ok(Output::File(Pending {
            out: Some(BufWriter::with_capacity(1 << 16, file)),
            tmp,
            target,
            shown,
        }))
    }

    /// Standard output.
    pub fn stdout() -> Output {
        Output::Stdout(BufWriter::with_capacity(1 << 16, io::stdout()))
    }

    /// The output as named in messages: "the output", or the file.
    pub fn name(&self) -> String {
        match self {
            Output::Stdout(_) => "the output".into(),
            Output::File(p) => format!("`{}`", p.shown),
        }
    }

    /// Is this standard output?
    pub fn is_stdout(&self) -> bool {
        matches!(self, Output::Stdout(_))
    }

    /// Ends the output: flushed, and a file renamed over its target (a
    /// file not committed is removed when dropped). The error is the
    /// system's; [`Output::name`] names the output for it.
    pub fn commit(self) -> io::Result<()> {
        match self {
            Output::Stdout(mut out) => out.flush(),
            Output::File(mut p) => p.finish(),
        }
    }
}

impl Pending {
    fn finish(&mut self) -> io::Result<()> {
        let out = self
            .out
            .take()
            .ok_or_else(|| io::Error::other("already written"))?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        // The rename under the lock, so that a signal cannot remove the
        // temporary file between its last write and its rename.
        let pending = PENDING.lock().unwrap_or_else(PoisonError::into_inner);
        let renamed = fs::rename(&self.tmp, &self.target);
        drop(pending);
        forget_pending(&self.tmp);
        if renamed.is_err() {
            let _ = fs::remove_file(&self.tmp);
        }
        renamed
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if self.out.take().is_some() {
            let _ = fs::remove_file(&self.tmp);
            forget_pending(&self.tmp);
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(out) => out.write(buf),
            Output::File(p) => match &mut p.out {
                Some(out) => out.write(buf),
                None => Err(io::Error::other("already written")),
            },
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.write_all(buf),
            Output::File(p) => match &mut p.out {
                Some(out) => out.write_all(buf),
                None => Err(io::Error::other("already written")),
            },
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.flush(),
            Output::File(p) => p.out.as_mut().map_or(Ok(()), |o| o.flush()),
        }
    }
}

/// Does `path` name standard output?
fn is_stdout(path: &Path) -> bool {
    STDOUT_NAMES.iter().any(|n| path.as_os_str() == *n)
}

/// What a file that is not regular is, for the message.
fn kind(m: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    let _ = m;
    "a special file"
}

/// `path` with its symbolic links followed to the file they point to,
/// which need not exist yet (a link to a file still to make).
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    // As many links as the system follows.
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            Ok(_) => return Ok(p),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(p),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("a symbolic link that loops"))
}

/// Are `a` and `b` the same file?
fn same_file(a: &Path, b: &Path) -> bool {
    match (crate::corpus::FileId::get(a), crate::corpus::FileId::get(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// A new temporary file beside `target`, listed as pending.
fn temporary(target: &Path) -> io::Result<(PathBuf, File)> {
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut n = 0;
    loop {
        let tmp = dir.join(format!(
            ".{name}.claimcheck-{}{}.tmp",
            std::process::id(),
            if n == 0 {
                String::new()
            } else {
                format!("-{n}")
            }
        ));
        // Listed before it exists, so that a signal at any point finds it.
        PENDING
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(tmp.clone());
        // A new file only: never one already there, or a link planted there.
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(file) => return Ok((tmp, file)),
            Err(e) => {
                forget_pending(&tmp);
                if e.kind() != io::ErrorKind::AlreadyExists || n >= 100 {
                    return Err(e);
                }
                n += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("claimcheck-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_file_is_written_whole_and_a_dropped_one_leaves_nothing() {
        let dir = scratch("whole");
        let target = dir.join("out.txt");
        let mut out = Output::open(Some(&target), &[], &[]).unwrap();
        out.write_all(b"hello").unwrap();
        assert!(!target.exists(), "nothing at the target before the end");
        out.commit().unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"hello");
        let mut out = Output::open(Some(&target), &[], &[]).unwrap();
        out.write_all(b"half").unwrap();
        drop(out);
        assert_eq!(fs::read(&target).unwrap(), b"hello");
        assert_eq!(
            fs::read_dir(&dir).unwrap().count(),
            1,
            "no temporary file left"
        );
        assert!(PENDING.lock().unwrap().iter().all(|p| !p.starts_with(&dir)));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn links_are_followed_through_and_dashes_are_stdout() {
        let dir = scratch("links");
        assert!(resolve(&dir.join("none")).unwrap().ends_with("none"));
        std::os::unix::fs::symlink("real.txt", dir.join("link.txt")).unwrap();
        assert_eq!(
            resolve(&dir.join("link.txt")).unwrap(),
            dir.join("real.txt")
        );
        std::os::unix::fs::symlink("loop", dir.join("loop")).unwrap();
        assert!(resolve(&dir.join("loop")).is_err());
        for name in STDOUT_NAMES {
            assert!(Output::open(Some(Path::new(name)), &[], &[])
                .unwrap()
                .is_stdout());
        }
        fs::remove_dir_all(&dir).unwrap();
    }
}
