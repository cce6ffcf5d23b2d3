//! RENDER: write the pipeline's results in the formats a user asks for.
//!
//! Takes finished data ([`Claim`](crate::Claim)s, [`Report`]s) and returns
//! text; nothing here extracts, groups or decides. `extract` has its own
//! formats; a report is rendered by one [`Render`] implementation a format.

pub mod check;
pub mod diff;
pub mod explain;
pub mod extract;
pub mod html;
pub mod json;
pub mod markdown;
pub mod measures;
pub mod svg;
pub mod text;

use serde::Serialize;

use crate::compare::Verdict;
use crate::corpus::Date;
use crate::group::Group;

/// Everything a report shows: what was read, and the groups.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Articles that gave claims.
    #[serde(skip)]
    pub articles: usize,
    /// Articles without a date.
    #[serde(skip)]
    pub undated: usize,
    /// Earliest and latest publication date.
    #[serde(skip)]
    pub span: Option<(Date, Date)>,
    /// Claims found.
    #[serde(skip)]
    pub claims: usize,
    /// The version of the report's JSON: 2 since groups carry their
    /// identity, conflicts and outliers, claims their identity slots and
    /// status, and the report its unlinked claims.
    pub version: u32,
    /// The groups, in their stable order.
    pub groups: Vec<Group>,
    /// Claims that fit several groups and were left out of all, each with
    /// the groups it could join.
    pub unlinked: Vec<crate::group::Unlinked>,
}

/// The version of the JSON contract this build writes (docs/SPEC.md): the
/// `version` of `report`, `extract` and `check --format json`. A line of
/// `extract --format jsonl` is a claim of this version, with no field of
/// its own for it.
pub const JSON_VERSION: u32 = 2;

impl Report {
    /// Builds the report data from the groups: the articles counted are
    /// those that gave claims, so that a report merged from shards of
    /// extracted claims is the same as one run over the whole corpus.
    pub fn new(groups: Vec<Group>) -> Report {
        Report::linked(crate::group::Linked {
            groups,
            unlinked: Vec::new(),
        })
    }

    /// [`Report::new`] with the claims linking left out.
    pub fn linked(linked: crate::group::Linked) -> Report {
        let crate::group::Linked { groups, unlinked } = linked;
        // Counted, not ordered: a hash of the paths costs less than
        // comparing them.
        let mut articles: std::collections::HashMap<&str, Option<Date>> = Default::default();
        for c in groups.iter().flat_map(|g| &g.claims) {
            articles.insert(&c.article, c.date);
        }
        let dated: Vec<Date> = articles.values().flatten().copied().collect();
        let span = dated.iter().min().copied().zip(dated.iter().max().copied());
        Report {
            articles: articles.len(),
            undated: articles.len() - dated.len(),
            span,
            claims: groups.iter().map(|g| g.claims.len()).sum(),
            version: JSON_VERSION,
            groups,
            unlinked,
        }
    }

    /// How many groups have this verdict.
    pub fn count(&self, v: Verdict) -> usize {
        self.groups.iter().filter(|g| g.verdict == v).count()
    }

    /// "5 articles (2023-10-11 to 2024-10-03), 27 claims in 21 groups".
    pub fn summary(&self) -> String {
        let mut s = plural(self.articles, "article with claims", "articles with claims");
        match (self.span, self.undated) {
            (Some((a, b)), 0) if a == b => s.push_str(&format!(" ({a})")),
            (Some((a, b)), 0) => s.push_str(&format!(" ({a} to {b})")),
            (Some((a, b)), u) => s.push_str(&format!(" ({a} to {b}; {u} undated)")),
            (None, 0) => {}
            (None, _) => s.push_str(" (undated)"),
        }
        format!(
            "{s}, {} in {}",
            plural(self.claims, "claim", "claims"),
            plural(self.groups.len(), "group", "groups")
        )
    }
}

/// A report format.
pub trait Render {
    /// The whole report as text.
    fn render(&self, report: &Report) -> String;

    /// Writes the report to `out`; a format that can writes it as it goes,
    /// without the whole text in memory.
    fn write_to(&self, report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(self.render(report).as_bytes())
    }
}

/// "1 article", "5 articles".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The verdicts in the order reports list them.
pub const VERDICTS: [Verdict; 4] = [
    Verdict::Diverge,
    Verdict::Evolve,
    Verdict::Agree,
    Verdict::Single,
];
