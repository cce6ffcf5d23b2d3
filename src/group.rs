//! GROUP: gather the claims that speak of the same quantity.
//!
//! Takes all claims of a run and returns [`Group`]s: one a key (measure,
//! actor, location and scope; a key that names neither actor nor place is
//! split by article, since nothing says two such figures count the same
//! thing), its claims in date order, with the verdict
//! and headline from `compare`. Groups come in a stable order: divergences
//! first, then evolutions, agreements and single-article figures, each by
//! the number of articles (most first) and then by key. The same claims in
//! any order give the same groups.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::claim::Claim;
use crate::compare::{self, Verdict};
use crate::config::Config;

/// The claims about one quantity and what they say together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// The shared key.
    pub key: String,
    /// agree, evolve, diverge or single.
    pub verdict: Verdict,
    /// The measure is a running tally.
    pub cumulative: bool,
    /// The finding in plain language.
    pub headline: String,
    /// The claims, by date (undated last), then article and position.
    pub claims: Vec<Claim>,
    /// For a divergence, the pairs of claims (indices into `claims`) that
    /// disagree.
    #[serde(skip)]
    pub conflicts: Vec<(usize, usize)>,
}

impl Group {
    /// How many articles the group's claims come from.
    pub fn articles(&self) -> usize {
        let mut a: Vec<&str> = self.claims.iter().map(|c| c.article.as_str()).collect();
        a.sort_unstable();
        a.dedup();
        a.len()
    }
}

/// Groups claims by key and judges each group.
pub fn build(claims: Vec<Claim>, config: &Config) -> Vec<Group> {
    // A figure that names neither actor nor place ("three soldiers were
    // killed") cannot be told apart from other figures of its measure, so
    // it is compared only within its own article.
    // Gathered in a hash map and sorted once: a tree's string comparisons
    // took a seventh of a large report.
    let mut by_key: HashMap<(String, String), Vec<Claim>> = HashMap::new();
    for c in claims {
        // A dated incident is specific enough to compare.
        let own = if c.actor.is_none() && c.location.is_none() && c.scope.is_none() {
            c.article.clone()
        } else {
            String::new()
        };
        by_key.entry((c.key.clone(), own)).or_default().push(c);
    }
    let mut by_key: Vec<((String, String), Vec<Claim>)> = by_key.into_iter().collect();
    by_key.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut groups: Vec<Group> = by_key
        .into_iter()
        .map(|((key, _), mut claims)| {
            claims.sort_by(|a, b| {
                (a.date.is_none(), a.date, &a.article, a.start).cmp(&(
                    b.date.is_none(),
                    b.date,
                    &b.article,
                    b.start,
                ))
            });
            let measure = &claims[0].measure;
            let cumulative = config.is_cumulative(measure);
            let role = config
                .measures
                .get(measure)
                .map(|m| m.actor)
                .unwrap_or_default();
            let (verdict, conflicts) =
                compare::verdict(&claims, cumulative, config.compare.window_days);
            let headline = compare::headline(&claims, verdict, role, &conflicts);
            Group {
                key,
                verdict,
                cumulative,
                headline,
                claims,
                conflicts,
            }
        })
        .collect();
    groups.sort_by(|a, b| {
        (a.verdict, std::cmp::Reverse(a.articles()), &a.key).cmp(&(
            b.verdict,
            std::cmp::Reverse(b.articles()),
            &b.key,
        ))
    });
    groups
}
