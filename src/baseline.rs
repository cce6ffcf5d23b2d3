//! Baselines for `check`: a stored report whose claims are known, so that
//! only new problems fail a run.
//!
//! Reads a `report --format json` file (or one written with
//! `--write-baseline`), and keeps each claim's identity: article, key and
//! the number as written; line numbers play no part, so moving a paragraph
//! keeps a baseline valid. Also says what changed since the baseline, as a
//! readable line diff made with `similar`.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;
use similar::{ChangeTag, TextDiff};

use crate::check::ClaimId;
use crate::report::Report;

/// The claims of a baseline.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    /// Their identities.
    pub claims: BTreeSet<ClaimId>,
}

#[derive(Deserialize)]
struct File {
    groups: Vec<FileGroup>,
}

#[derive(Deserialize)]
struct FileGroup {
    claims: Vec<FileClaim>,
}

#[derive(Deserialize)]
struct FileClaim {
    article: String,
    key: String,
    number: String,
}

/// Reads a baseline file.
pub fn load(path: &Path) -> Result<Baseline> {
    let text = std::fs::read_to_string(path).with_context(|| {
        format!(
            "could not read the baseline `{}`",
            crate::corpus::show_path(path)
        )
    })?;
    parse(&text).with_context(|| format!("invalid baseline `{}`", crate::corpus::show_path(path)))
}

/// Parses the text of a baseline.
pub fn parse(text: &str) -> Result<Baseline> {
    let file: File =
        serde_json::from_str(text).context("expected a `report --format json` file")?;
    let claims = file
        .groups
        .into_iter()
        .flat_map(|g| g.claims)
        .map(|c| (c.article, c.key, c.number))
        .collect();
    Ok(Baseline { claims })
}

/// One line a claim identity: `article  key  number`.
fn lines(ids: &BTreeSet<ClaimId>) -> String {
    ids.iter()
        .map(|(a, k, n)| format!("{a}  {k}  {n}\n"))
        .collect()
}

/// What changed between a baseline and a report, as `-`/`+` lines; empty
/// if nothing did.
pub fn changes(baseline: &Baseline, report: &Report) -> String {
    let now: BTreeSet<ClaimId> = report
        .groups
        .iter()
        .flat_map(|g| &g.claims)
        .map(crate::check::id)
        .collect();
    if now == baseline.claims {
        return String::new();
    }
    let (old, new) = (lines(&baseline.claims), lines(&now));
    let diff = TextDiff::from_lines(&old, &new);
    let mut out = String::new();
    for change in diff.iter_all_changes() {
        match change.tag() {
            ChangeTag::Delete => out.push_str(&format!("  - {change}")),
            ChangeTag::Insert => out.push_str(&format!("  + {change}")),
            ChangeTag::Equal => {}
        }
    }
    out
}
