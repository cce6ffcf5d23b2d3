//! CHECK: pinned facts and accepted divergences -> problems.
//!
//! Takes the claims of the checked articles and the `facts` and `accepted`
//! of `claims.yaml`, and returns [`Problem`]s: a claim whose bounds do not
//! overlap a pinned fact (a running tally above an older pinned figure, or
//! below a newer one, is not a contradiction), and each divergence whose
//! key is not accepted, once: on the later claim of each pair that
//! disagrees, naming the earlier. Lines marked
//! `<!-- claimcheck: ignore -->` (on the line or the line before) are left
//! out. A baseline (a stored `report --format json`) silences problems
//! whose claims it already holds, matched by content, not by line.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::claim::{format_value, Claim, Qualifier};
use crate::compare::{figure, overlap, Verdict};
use crate::config::{Config, ConfigError, Fact};
use crate::group;

/// The comment that silences a line.
pub const IGNORE: &str = "<!-- claimcheck: ignore -->";

/// What kind of problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A figure outside a pinned fact's bounds.
    ContradictsFact,
    /// A figure that disagrees with another article's, not accepted.
    Divergence,
}

impl Kind {
    /// The rule id, for diagnostics and SARIF.
    pub fn id(self) -> &'static str {
        match self {
            Kind::ContradictsFact => "contradicts-fact",
            Kind::Divergence => "divergence",
        }
    }
}

/// Another claim a problem's claim disagrees with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Counterpart {
    /// Its article.
    pub article: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The figure as a person says it.
    pub figure: String,
    /// Publication date.
    pub date: Option<crate::corpus::Date>,
    /// Who the sentence attributes it to.
    pub source: Option<String>,
    /// The outlet.
    pub outlet: Option<String>,
}

/// One problem found by `check`. The first fields are the contract's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    /// The article the figure stands in.
    pub article: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The claim's key.
    pub key: String,
    /// What is wrong, in one sentence.
    pub message: String,
    /// contradicts-fact or divergence.
    pub kind: Kind,
    /// The number as written.
    pub number: String,
    /// The figure as a person says it ("more than 1,400").
    pub figure: String,
    /// Byte offsets of the number in the file.
    pub start: usize,
    /// See `start`.
    pub end: usize,
    /// The pinned fact contradicted, as text ("2,500 (as of 2024-01-01,
    /// source: Pentagon)").
    pub fact: Option<String>,
    /// The claims it disagrees with.
    pub conflicts: Vec<Counterpart>,
    /// The line of the file the number stands on, for diagnostics.
    #[serde(skip)]
    pub line_text: String,
    /// The number's position on that line, in characters: start and length.
    #[serde(skip)]
    pub span: (usize, usize),
}

/// Which lines of a text are silenced: the line with the comment and the
/// one after it.
pub fn ignored_lines(text: &str) -> BTreeSet<usize> {
    let mut lines = BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        if line.contains(IGNORE) {
            lines.insert(i + 1);
            lines.insert(i + 2);
        }
    }
    lines
}

/// Does an accepted key cover `key`? An accepted key without scope covers
/// every dated incident of the same measure, actor and place.
fn covers(accepted: &str, key: &str) -> bool {
    key == accepted
        || key
            .strip_prefix(accepted)
            .is_some_and(|rest| rest.starts_with('@'))
}

/// A fact's bounds.
fn fact_bounds(f: &Fact) -> (Option<f64>, Option<f64>) {
    match f.value {
        Some(v) => {
            let t = f.tolerance.unwrap_or(0.0).abs();
            (Some(v - v.abs() * t), Some(v + v.abs() * t))
        }
        None => (f.lower, f.upper),
    }
}

/// The fact as people read it: "2,500 (as of 2024-01-01, source: Pentagon)".
pub fn fact_text(f: &Fact) -> String {
    let mut s = match (f.value, f.lower, f.upper) {
        (Some(v), ..) => {
            let mut s = group_digits(v);
            if let Some(t) = f.tolerance.filter(|t| *t > 0.0) {
                s.push_str(&format!(" ± {}%", format_value(Some(t * 100.0))));
            }
            s
        }
        (None, Some(l), Some(u)) => format!("between {} and {}", group_digits(l), group_digits(u)),
        (None, Some(l), None) => format!("at least {}", group_digits(l)),
        (None, None, Some(u)) => format!("at most {}", group_digits(u)),
        (None, None, None) => "?".into(),
    };
    let mut notes = Vec::new();
    if let Some(d) = &f.as_of {
        notes.push(format!("as of {d}"));
    }
    if let Some(src) = &f.source {
        notes.push(format!("source: {src}"));
    }
    if !notes.is_empty() {
        s.push_str(&format!(" ({})", notes.join(", ")));
    }
    s
}

/// `2500` → `2,500`.
fn group_digits(v: f64) -> String {
    let s = format_value(Some(v));
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// Does a claim contradict a pinned fact?
fn contradicts(c: &Claim, f: &Fact, cumulative: bool) -> bool {
    let (lower, upper) = fact_bounds(f);
    let pinned = Claim {
        lower,
        upper,
        qualifier: Qualifier::Range,
        ..c.clone()
    };
    if overlap(c, &pinned) {
        return false;
    }
    let as_of = f.as_of.as_deref().and_then(crate::corpus::Date::parse);
    if let (true, Some(as_of), Some(date)) = (cumulative, as_of, c.date) {
        // A tally only grows: above an older figure, or below a newer one,
        // is what time does.
        let above = lower.is_some_and(|l| c.lower.is_some_and(|cl| cl >= l));
        let below = upper.is_some_and(|u| c.upper.is_some_and(|cu| cu <= u));
        if (date > as_of && above) || (date < as_of && below) {
            return false;
        }
    }
    true
}

/// The key parts a fact's key names that no lexicon has, if any.
pub fn unknown_key_parts(key: &str, config: &Config) -> Vec<String> {
    // The scope (`@2023-10-07`) and the part counted (`#children`) name
    // nothing a lexicon must have.
    let base = key.split(['@', '#']).next().unwrap_or(key);
    let parts: Vec<&str> = base.split('/').collect();
    if parts.len() != 3 {
        return vec![format!("`{key}` is not `measure/actor/location`")];
    }
    let mut out = Vec::new();
    if !config.measures.contains_key(parts[0]) && parts[0] != crate::config::OTHER {
        out.push(format!("measure `{}`", parts[0]));
    }
    if parts[1] != "-" && !config.actors.contains_key(parts[1]) {
        out.push(format!("actor `{}`", parts[1]));
    }
    for loc in parts[2].split('+') {
        if loc != "-" && !config.locations.contains_key(loc) {
            out.push(format!("location `{loc}`"));
        }
    }
    out
}

/// The pinned facts no claim can ever match, their key naming a measure,
/// actor or place the configuration does not have: each an error naming
/// the fact's line, since a check that can never fire must not look like a
/// pass.
pub fn fact_errors(config: &Config) -> Vec<ConfigError> {
    config
        .facts
        .iter()
        .filter_map(|f| {
            let unknown = unknown_key_parts(&f.key, config);
            (!unknown.is_empty()).then(|| ConfigError {
                path: config
                    .file
                    .as_deref()
                    .map_or_else(|| "claims.yaml (built in)".into(), crate::corpus::show_path),
                location: f.at,
                message: format!(
                    "pinned fact `{}` can never match a claim: the configuration has no {}",
                    f.key,
                    unknown.join(", no ")
                ),
            })
        })
        .collect()
}

fn counterpart(c: &Claim) -> Counterpart {
    Counterpart {
        article: c.article.clone(),
        line: c.line,
        column: c.column,
        figure: figure(c),
        date: c.date,
        source: c.source.clone(),
        outlet: c.outlet.clone(),
    }
}

fn problem(c: &Claim, kind: Kind, message: String) -> Problem {
    Problem {
        article: c.article.clone(),
        line: c.line,
        column: c.column,
        key: c.key.clone(),
        message,
        kind,
        number: c.number.clone(),
        figure: figure(c),
        start: c.start,
        end: c.end,
        fact: None,
        conflicts: Vec::new(),
        line_text: String::new(),
        span: (c.column, c.number.chars().count()),
    }
}

/// A claim's identity for baselines: article, key and the number as
/// written, so that moving a paragraph keeps it.
pub type ClaimId = (String, String, String);

/// The identity of a claim.
pub fn id(c: &Claim) -> ClaimId {
    (c.article.clone(), c.key.clone(), c.number.clone())
}

/// Finds the problems among `claims` (those on ignored lines already
/// removed). `known` holds the claims of a baseline: a problem whose claim
/// and counterparts are all known is not reported.
pub fn problems(
    claims: Vec<Claim>,
    config: &Config,
    known: Option<&BTreeSet<ClaimId>>,
) -> Vec<Problem> {
    let is_known = |c: &Claim| known.is_some_and(|k| k.contains(&id(c)));
    let mut out = Vec::new();
    for c in &claims {
        let base = c.key.split('@').next().unwrap_or(&c.key);
        let cumulative = config.is_cumulative(&c.measure);
        for f in &config.facts {
            // A fact without scope holds for a stock on any day, but a
            // tally's pinned total says nothing of one day's incident.
            let applies = c.key == f.key || (c.scope.is_some() && base == f.key && !cumulative);
            if applies && contradicts(c, f, cumulative) && !is_known(c) {
                let mut p = problem(
                    c,
                    Kind::ContradictsFact,
                    format!("{} contradicts the pinned fact {}", figure(c), fact_text(f)),
                );
                p.fact = Some(fact_text(f));
                out.push(p);
            }
        }
    }
    for g in group::build(claims, config) {
        if g.verdict != Verdict::Diverge || config.accepted.iter().any(|a| covers(&a.key, &g.key)) {
            continue;
        }
        // Each pair that disagrees once: on the later claim (in the
        // group's order of dates), naming the earlier ones.
        for (i, c) in g.claims.iter().enumerate() {
            let mut earlier: Vec<usize> = g
                .conflicts
                .iter()
                .filter_map(|k| match (k.a == i, k.b == i) {
                    (true, _) if k.b < i => Some(k.b),
                    (_, true) if k.a < i => Some(k.a),
                    _ => None,
                })
                .collect();
            earlier.sort_unstable();
            earlier.dedup();
            let others: Vec<&Claim> = earlier.iter().map(|&j| &g.claims[j]).collect();
            if others.is_empty() || (is_known(c) && others.iter().all(|o| is_known(o))) {
                continue;
            }
            let list: Vec<String> = others
                .iter()
                .map(|o| format!("{} in `{}`", figure(o), o.article))
                .collect();
            let mut p = problem(
                c,
                Kind::Divergence,
                format!("{} disagrees with {}", figure(c), list.join(" and ")),
            );
            p.conflicts = others.into_iter().map(counterpart).collect();
            out.push(p);
        }
    }
    out.sort_by(|a, b| {
        (&a.article, a.line, a.column, a.kind).cmp(&(&b.article, b.line, b.column, b.kind))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(article: &str, date: &str, q: Qualifier, v: f64, upper: Option<f64>) -> Claim {
        crate::claim::test_claim(article, Some(date), q, Some(v), upper)
    }

    fn fact(key: &str, value: f64, as_of: Option<&str>) -> Fact {
        Fact {
            key: key.into(),
            value: Some(value),
            as_of: as_of.map(str::to_string),
            ..Fact::default()
        }
    }

    #[test]
    fn a_tally_above_an_older_pinned_figure_is_not_a_contradiction() {
        let f = fact("killed/-/gaza", 3500.0, Some("2023-10-18"));
        let later = claim("a", "2023-11-05", Qualifier::MoreThan, 9000.0, None);
        assert!(!contradicts(&later, &f, true));
        // A stock measure has no such excuse.
        assert!(contradicts(&later, &f, false));
        // Below an older figure is a contradiction.
        let lower = claim("a", "2023-11-05", Qualifier::Exact, 2000.0, Some(2000.0));
        assert!(contradicts(&lower, &f, true));
    }

    #[test]
    fn tolerance_widens_a_fact() {
        let mut f = fact("k", 2500.0, None);
        f.tolerance = Some(0.05);
        let c = claim("a", "2024-01-01", Qualifier::Exact, 2600.0, Some(2600.0));
        assert!(!contradicts(&c, &f, false));
        f.tolerance = None;
        assert!(contradicts(&c, &f, false));
    }

    #[test]
    fn accepted_keys_cover_their_dated_incidents() {
        assert!(covers("killed/israel/israel", "killed/israel/israel"));
        assert!(covers(
            "killed/israel/israel",
            "killed/israel/israel@2023-10-07"
        ));
        assert!(!covers("killed/israel/israel", "killed/israel/israel+gaza"));
    }

    #[test]
    fn fact_text_reads_well() {
        let mut f = fact("troops/us/iraq", 2500.0, Some("2024-01-01"));
        f.source = Some("Pentagon".into());
        assert_eq!(fact_text(&f), "2,500 (as of 2024-01-01, source: Pentagon)");
        assert_eq!(group_digits(1234567.5), "1,234,567.5");
    }

    #[test]
    fn unknown_fact_keys_are_named() {
        let config = Config::builtin();
        assert!(unknown_key_parts("troops/us/iraq", &config).is_empty());
        assert_eq!(
            unknown_key_parts("troops/martians/iraq", &config),
            vec!["actor `martians`"]
        );
        assert_eq!(unknown_key_parts("troops", &config).len(), 1);
        assert!(unknown_key_parts("killed/-/gaza@2023-10-07#children", &config).is_empty());
        assert_eq!(
            unknown_key_parts("killed/-/atlantis#children", &config),
            vec!["location `atlantis`"]
        );
    }
}
