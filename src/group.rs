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
    let mut builder = Builder::default();
    for c in claims {
        builder.add(c);
    }
    builder.finish(config)
}

/// Gathers claims into groups as they come, so that a run's claims need
/// not also be held in one list; [`Builder::finish`] judges the groups.
/// Claims added in a run's order give [`build`]'s groups.
#[derive(Debug, Default)]
pub struct Builder {
    /// Each group's index, by key and then by the article for a figure
    /// compared only within its article ("" for the others).
    index: HashMap<String, HashMap<String, usize>>,
    /// Each group's claims, in the order added.
    members: Vec<Vec<Claim>>,
}

impl Builder {
    /// Adds a claim to its group.
    pub fn add(&mut self, c: Claim) {
        // A figure that names neither actor nor place ("three soldiers
        // were killed") cannot be told apart from other figures of its
        // measure, so it is compared only within its own article; a dated
        // incident is specific enough to compare.
        let own = c.actor.is_none() && c.location.is_none() && c.scope.is_none();
        let article = if own { c.article.as_str() } else { "" };
        // Looked up by reference: a key is copied once a group.
        let articles = match self.index.get_mut(c.key.as_str()) {
            Some(articles) => articles,
            None => self.index.entry(c.key.clone()).or_default(),
        };
        let id = match articles.get(article) {
            Some(&id) => id,
            None => {
                let id = self.members.len();
                articles.insert(article.to_string(), id);
                self.members.push(Vec::new());
                id
            }
        };
        self.members[id].push(c);
    }

    /// The groups, judged, in their stable order.
    pub fn finish(mut self, config: &Config) -> Vec<Group> {
        let mut ids: Vec<(String, String, usize)> = self
            .index
            .into_iter()
            .flat_map(|(key, articles)| {
                articles
                    .into_iter()
                    .map(move |(article, id)| (key.clone(), article, id))
            })
            .collect();
        // Sorted once: a tree's string comparisons took a seventh of a
        // large report.
        ids.sort_unstable();
        let by_key = ids
            .into_iter()
            .map(|(key, _, id)| (key, std::mem::take(&mut self.members[id])));
        judge(by_key, config)
    }
}

/// Judges the groups, given by key in key order, and puts them in their
/// stable order.
fn judge(by_key: impl Iterator<Item = (String, Vec<Claim>)>, config: &Config) -> Vec<Group> {
    let groups: Vec<Group> = by_key
        .map(|(key, mut claims)| {
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
    // Each group's articles counted once, not at every comparison (a
    // stable sort: groups of the same key keep their article order).
    let mut keyed: Vec<((Verdict, std::cmp::Reverse<usize>), Group)> = groups
        .into_iter()
        .map(|g| ((g.verdict, std::cmp::Reverse(g.articles())), g))
        .collect();
    keyed.sort_by(|(a, ga), (b, gb)| (a, &ga.key).cmp(&(b, &gb.key)));
    keyed.into_iter().map(|(_, g)| g).collect()
}
