//! claimcheck's end-to-end tests, one binary, a file per area.

mod accuracy;
mod check;
mod cli;
mod corpus_snapshots;
mod findings;
mod hostile;
mod html;
mod places;
mod properties;
mod report;

use std::path::PathBuf;

/// The repository's top folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// insta settings that keep every snapshot in the top-level `snapshots/`.
pub fn snapshot_settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(root().join("snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s
}
