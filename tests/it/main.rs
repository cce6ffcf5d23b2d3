//! claimcheck's end-to-end tests, one binary, a file per area.

mod accuracy;
mod check;
mod cli;
mod comforts;
mod corpus_snapshots;
mod findings;
mod formats;
mod hostile;
mod html;
mod linking;
mod places;
mod properties;
mod realnews;
mod report;
mod safety;
mod schema;

use std::path::PathBuf;

/// The repository's top folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty folder `name` under the target directory, marked as the
/// root of a repository of its own (an empty `.git`), as a user's fresh
/// repository is: the search for a claims.yaml stops there instead of
/// finding this repository's.
pub fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    dir
}

/// insta settings that keep every snapshot in the top-level `snapshots/`.
pub fn snapshot_settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(root().join("snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s
}
