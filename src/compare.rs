//! COMPARE: the verdict on a group of claims about one quantity.
//!
//! Takes the claims of one group (same key), whether the measure is a
//! running tally, and the same-time window, and returns a [`Verdict`] with
//! the pairs of claims that disagree. Bounds are compared as intervals (so
//! "at least 1,400" agrees with "more than 1,400"); publication dates decide
//! whether a difference is a change over time or a contradiction. Also
//! writes each group's plain-language headline. Nothing here prints.

use serde::{Deserialize, Serialize};

use crate::claim::{format_value, Claim, Qualifier, Status};
use crate::config::Role;

/// What the articles say about one quantity, taken together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Reports that cannot all be right: bounds that do not overlap at
    /// about the same time, or a running tally that went down.
    Diverge,
    /// The figure changes consistently over time.
    Evolve,
    /// All bounds overlap.
    Agree,
    /// One article only.
    Single,
}

impl Verdict {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Diverge => "diverge",
            Verdict::Evolve => "evolve",
            Verdict::Agree => "agree",
            Verdict::Single => "single",
        }
    }
}

/// An end of an interval: its value and whether it is included.
#[derive(Debug, Clone, Copy)]
struct End {
    value: f64,
    closed: bool,
}

/// A claim's bounds as an interval; `None` ends are unbounded.
fn interval(c: &Claim) -> (Option<End>, Option<End>) {
    let lower = c.lower.map(|value| End {
        value,
        closed: c.qualifier != Qualifier::MoreThan,
    });
    let upper = c.upper.map(|value| End {
        value,
        closed: c.qualifier != Qualifier::LessThan,
    });
    (lower, upper)
}

/// Do the bounds of two claims overlap?
pub fn overlap(a: &Claim, b: &Claim) -> bool {
    let (al, au) = interval(a);
    let (bl, bu) = interval(b);
    // The higher of the lower ends must not pass the lower of the upper ends.
    let low = match (al, bl) {
        (Some(x), Some(y)) if x.value > y.value => Some(x),
        (Some(x), Some(y)) if y.value > x.value => Some(y),
        (Some(x), Some(y)) => Some(End {
            value: x.value,
            closed: x.closed && y.closed,
        }),
        (x, y) => x.or(y),
    };
    let high = match (au, bu) {
        (Some(x), Some(y)) if x.value < y.value => Some(x),
        (Some(x), Some(y)) if y.value < x.value => Some(y),
        (Some(x), Some(y)) => Some(End {
            value: x.value,
            closed: x.closed && y.closed,
        }),
        (x, y) => x.or(y),
    };
    match (low, high) {
        (Some(l), Some(h)) => l.value < h.value || (l.value == h.value && l.closed && h.closed),
        _ => true,
    }
}

/// How a group's claims stand as a series over time, claim by claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Per claim (in the group's order): consistent, revision, conflict or
    /// outlier.
    pub statuses: Vec<Status>,
    /// Pairs of claims (indices, earlier first) that disagree, and why.
    pub conflicts: Vec<(usize, usize, &'static str)>,
    /// The figure changed over time consistently (growth of a tally, a
    /// stock at another level on a date far apart).
    pub changed: bool,
}

/// A claim's bounds for comparing reports: ends closed (an open end is a
/// matter of wording, not of disagreement: "over 120" against "120"), and
/// a round exact figure widened by half its rounding step, at most 5 %
/// ("10,000" is [9500, 10500] against "10,100").
fn span(c: &Claim) -> (f64, f64) {
    let (mut lo, mut hi) = (
        c.lower.unwrap_or(f64::NEG_INFINITY),
        c.upper.unwrap_or(f64::INFINITY),
    );
    // "thousands" is said of 10,100 as readily as of 5,000: a vague
    // amount is read loosely, a fifth past either end.
    if c.qualifier == Qualifier::Vague {
        return (lo / 1.2, hi * 1.2);
    }
    if c.qualifier == Qualifier::Exact {
        if let Some(v) = c
            .value
            .filter(|v| v.is_finite() && *v >= 100.0 && v.fract() == 0.0)
        {
            let mut step = 1.0;
            while (v / (step * 10.0)).fract() == 0.0 && step < 1e15 {
                step *= 10.0;
            }
            if step >= 100.0 {
                let widen = (step / 2.0).min(v * 0.05);
                lo -= widen;
                hi += widen;
            }
        }
    }
    (lo, hi)
}

/// Do two claims' compared bounds share a point?
fn meets(a: &Claim, b: &Claim) -> bool {
    spans_meet(span(a), span(b))
}

/// Do two spans share a point?
fn spans_meet((al, ah): (f64, f64), (bl, bh): (f64, f64)) -> bool {
    al.max(bl) <= ah.min(bh)
}

/// Is all of the span of `later` below all of that of `earlier`?
fn wholly_below(later: (f64, f64), earlier: (f64, f64)) -> bool {
    later.1 < earlier.0
}

/// The day a claim stands for: its as-of date, else its publication date.
fn day(c: &Claim) -> Option<i64> {
    c.as_of.or(c.date).map(crate::corpus::Date::days)
}

/// How many distinct articles the claims at `idx` come from.
fn article_count(claims: &[Claim], idx: &[usize]) -> usize {
    let mut a: Vec<&str> = idx.iter().map(|&i| claims[i].article.as_str()).collect();
    a.sort_unstable();
    a.dedup();
    a.len()
}

/// Longest chains are found exactly up to this many claims, greedily
/// beyond (a group of many thousand claims stays fast).
const EXACT_CHAIN: usize = 2_000;

/// How long a stock may dip and come back for the dip to be a conflict
/// rather than two changes.
const DIP_DAYS: i64 = 42;

/// Reads a group's claims (sorted by as-of date, undated last) as a series.
///
/// A running measure (`cumulative`): the longest run of reports that never
/// goes down is the series; a later report wholly below it is a revision
/// when a revision cue says so or a second article repeats it, a conflict
/// when it stands for the same day, and otherwise an outlier (when the
/// series has two articles or more; between two lone reports, a conflict).
/// A stock: reports are read as levels in date order; a change of level
/// between dates more than `window_days` apart is a change, within them a
/// conflict (or an outlier, when one side is one article and the other
/// several, or a second quantity, when both sides have several); a dip
/// that comes back within six weeks is a conflict on the dip.
pub fn series(claims: &[Claim], cumulative: bool, window_days: u32, tolerance: f64) -> Series {
    let n = claims.len();
    let all: Vec<usize> = (0..n).collect();
    let mut out = Series {
        statuses: vec![Status::Consistent; n],
        conflicts: Vec::new(),
        changed: false,
    };
    if article_count(claims, &all) < 2 {
        return out;
    }
    if cumulative {
        tally(claims, window_days, tolerance, &mut out);
    } else {
        stock(claims, window_days, tolerance, &mut out);
    }
    out.conflicts.sort_unstable();
    out.conflicts.dedup();
    out
}

/// [`series`] for a running measure.
fn tally(claims: &[Claim], window_days: u32, tolerance: f64, out: &mut Series) {
    let n = claims.len();
    // Each claim's day and span, read once: the longest chain compares
    // up to a few million pairs.
    let days_of: Vec<Option<i64>> = claims.iter().map(day).collect();
    let spans: Vec<(f64, f64)> = claims.iter().map(span).collect();
    // May `j` follow `i` in a series that never goes down?
    let follows = |i: usize, j: usize| {
        let (di, dj) = (days_of[i], days_of[j]);
        if di.is_none() || dj.is_none() || di == dj {
            spans_meet(spans[i], spans[j])
        } else {
            !wholly_below(spans[j], spans[i])
        }
    };
    // A figure the text cites as past is history: it neither makes the
    // series nor counts against it.
    let cited = |i: usize| {
        claims[i]
            .slots_from
            .get("as_of")
            .is_some_and(|f| f == "cited")
    };
    let current: Vec<usize> = (0..n).filter(|&i| !cited(i)).collect();
    let chain: Vec<usize> = longest_chain(current.len(), &|a, b| follows(current[a], current[b]))
        .into_iter()
        .map(|k| current[k])
        .collect();
    let in_chain = {
        let mut v = vec![false; n];
        for &i in &chain {
            v[i] = true;
        }
        v
    };
    let chain_articles = article_count(claims, &chain);
    let outside: Vec<usize> = (0..n).filter(|&i| !in_chain[i] && !cited(i)).collect();
    // The chain read once, so that each report outside it is judged in
    // about log time: its dated members in day order, the highest low end
    // of every prefix and the lowest high end of every suffix, each day's
    // members, and those that carry a revision cue.
    let dated: Vec<usize> = chain
        .iter()
        .copied()
        .filter(|&i| day(&claims[i]).is_some())
        .collect();
    let days: Vec<i64> = dated.iter().filter_map(|&i| day(&claims[i])).collect();
    let mut prefix: Vec<(f64, usize)> = Vec::with_capacity(dated.len());
    for &i in &dated {
        let lo = span(&claims[i]).0;
        let best = match prefix.last() {
            Some(&(b, bi)) if b >= lo => (b, bi),
            _ => (lo, i),
        };
        prefix.push(best);
    }
    let mut suffix: Vec<(f64, usize)> = vec![(f64::INFINITY, usize::MAX); dated.len() + 1];
    for k in (0..dated.len()).rev() {
        let hi = span(&claims[dated[k]]).1;
        suffix[k] = if hi <= suffix[k + 1].0 {
            (hi, dated[k])
        } else {
            suffix[k + 1]
        };
    }
    let mut by_day: std::collections::BTreeMap<Option<i64>, Vec<usize>> = Default::default();
    for &i in &chain {
        by_day.entry(day(&claims[i])).or_default().push(i);
    }
    let revised_chain: Vec<usize> = chain
        .iter()
        .copied()
        .filter(|&i| claims[i].revised)
        .collect();
    // Reports outside the chain that fall below it, and whether several
    // articles say so.
    let below_of = |j: usize| -> Option<usize> {
        let d = day(&claims[j])?;
        let p = days.partition_point(|&x| x < d);
        let (lo, i) = *prefix.get(p.checked_sub(1)?)?;
        (span(&claims[j]).1 < lo).then_some(i)
    };
    let below_all: Vec<usize> = outside
        .iter()
        .copied()
        .filter(|&j| below_of(j).is_some())
        .collect();
    let below_seconded = article_count(claims, &below_all) >= 2;
    // Another report outside the chain, of another article, that says the
    // same: looked for among the nearest by low end (a bounded look, so a
    // group of many thousand stays fast).
    let mut by_lo: Vec<usize> = outside.clone();
    by_lo.sort_by(|&a, &b| {
        span(&claims[a])
            .0
            .partial_cmp(&span(&claims[b]).0)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let company =
        |j: usize| {
            let (lo, hi) = span(&claims[j]);
            let end = by_lo.partition_point(|&k| span(&claims[k]).0 <= hi);
            by_lo[..end].iter().rev().take(256).any(|&k| {
                k != j && claims[k].article != claims[j].article && span(&claims[k]).1 >= lo
            })
        };
    for &j in &outside {
        let c = &claims[j];
        let dj = day(c);
        let lo_j = span(c).0;
        let below = below_of(j);
        let (above, later_from) = match dj {
            Some(d) => {
                let q = days.partition_point(|&x| x <= d);
                let (hi, k) = suffix[q];
                ((hi < lo_j).then_some(k), q)
            }
            None => (None, dated.len()),
        };
        // The chain's reports of this one's own day (any, for an undated
        // one) that it disagrees with.
        let clash = match dj {
            Some(_) => by_day
                .get(&dj)
                .and_then(|same| same.iter().copied().find(|&i| !meets(c, &claims[i]))),
            None => chain.iter().copied().find(|&i| !meets(c, &claims[i])),
        };
        let seconded = (below.is_some() && below_seconded) || company(j);
        if let (Some(i), true) = (below, c.revised || seconded) {
            out.statuses[j] = Status::Revision;
            out.conflicts.push((i.min(j), i.max(j), "revised down"));
            continue;
        }
        // A later report of the chain revises this higher one.
        let reviser = revised_chain
            .iter()
            .copied()
            .find(|&k| day(&claims[k]) > dj && dj.is_some() && span(&claims[k]).1 < lo_j);
        if let Some(k) = reviser {
            for &k2 in &dated[later_from..] {
                if span(&claims[k2]).1 < lo_j {
                    out.statuses[k2] = Status::Revision;
                }
            }
            out.conflicts.push((j.min(k), j.max(k), "revised down"));
            continue;
        }
        let lone = !seconded && !c.revised;
        if lone && chain_articles >= 2 {
            out.statuses[j] = Status::Outlier;
            continue;
        }
        out.statuses[j] = Status::Conflict;
        let reason = if below.is_some() {
            "lower than earlier"
        } else if above.is_some() {
            "higher than later"
        } else {
            "same time"
        };
        let other = below.or(above).or(clash).or(chain.first().copied());
        if let Some(i) = other {
            // Two reports for the same day: neither is the series' word.
            if reason == "same time" {
                out.statuses[i] = Status::Conflict;
            }
            out.conflicts.push((i.min(j), i.max(j), reason));
        }
    }
    let kept: Vec<usize> = chain;
    out.changed = grows(claims, &kept, window_days, tolerance, true);
}

/// [`series`] for a stock.
fn stock(claims: &[Claim], window_days: u32, tolerance: f64, out: &mut Series) {
    let window = i64::from(window_days);
    // Reports at about the same time: runs in date order whose days stay
    // within the window of the run's first; undated reports, a run of
    // their own.
    let mut buckets: Vec<Vec<usize>> = Vec::new();
    let mut first: Option<i64> = None;
    for (i, c) in claims.iter().enumerate() {
        let d = day(c);
        match (buckets.last_mut(), first, d) {
            (Some(b), Some(f), Some(d)) if d - f <= window => b.push(i),
            (Some(b), None, None) => b.push(i),
            _ => {
                buckets.push(vec![i]);
                first = d;
            }
        }
    }
    // In each, the figures that share a point, from the lowest: clusters.
    // The best-sourced cluster is the run's level; another that several
    // articles give counts something else; one from a single article
    // beside a well-sourced level is an outlier; two single-article
    // figures that disagree conflict.
    let mut levels: Vec<(Vec<usize>, (f64, f64))> = Vec::new();
    for bucket in &buckets {
        let mut by_value = bucket.clone();
        by_value.sort_by(|&a, &b| {
            span(&claims[a])
                .0
                .partial_cmp(&span(&claims[b]).0)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.cmp(&b))
        });
        let mut clusters: Vec<(Vec<usize>, (f64, f64))> = Vec::new();
        for i in by_value {
            let (lo, hi) = span(&claims[i]);
            match clusters.last_mut() {
                Some((members, common)) if lo.max(common.0) <= hi.min(common.1) => {
                    members.push(i);
                    *common = (lo.max(common.0), hi.min(common.1));
                }
                _ => clusters.push((vec![i], (lo, hi))),
            }
        }
        let main = (0..clusters.len())
            .max_by_key(|&k| {
                (
                    article_count(claims, &clusters[k].0),
                    clusters[k].0.len(),
                    std::cmp::Reverse(k),
                )
            })
            .unwrap_or(0);
        let main_articles = article_count(claims, &clusters[main].0);
        for (k, (members, _)) in clusters.iter().enumerate() {
            if k == main {
                continue;
            }
            let n = article_count(claims, members);
            if n >= 2 || main_articles >= 2 {
                members
                    .iter()
                    .for_each(|&i| out.statuses[i] = Status::Outlier);
            } else {
                for &i in members.iter().chain(&clusters[main].0) {
                    out.statuses[i] = Status::Conflict;
                }
                let (a, b) = (clusters[main].0[0], members[0]);
                out.conflicts.push((a.min(b), a.max(b), "same time"));
            }
        }
        let (mut members, common) = clusters.swap_remove(main);
        members.sort_unstable();
        levels.push((members, common));
    }
    let first_day = |l: &[usize]| l.iter().filter_map(|&i| day(&claims[i])).min();
    let last_day = |l: &[usize]| l.iter().filter_map(|&i| day(&claims[i])).max();
    let meets_level = |a: (f64, f64), b: (f64, f64)| a.0.max(b.0) <= a.1.min(b.1);
    // A run whose level dips and comes back within weeks: a conflict on
    // the dip.
    let mut dips = vec![false; levels.len()];
    for k in 1..levels.len().saturating_sub(1) {
        let (before, dip, after) = (&levels[k - 1], &levels[k], &levels[k + 1]);
        let back = match (last_day(&before.0), first_day(&after.0)) {
            (Some(a), Some(b)) => b - a <= DIP_DAYS,
            _ => false,
        };
        if back && meets_level(before.1, after.1) && !meets_level(before.1, dip.1) {
            for &i in &dip.0 {
                out.statuses[i] = Status::Conflict;
            }
            out.conflicts
                .push((before.0[before.0.len() - 1], dip.0[0], "dip and return"));
            dips[k] = true;
        }
    }
    let live: Vec<&(Vec<usize>, (f64, f64))> = levels
        .iter()
        .zip(&dips)
        .filter(|(_, d)| !**d)
        .map(|(l, _)| l)
        .collect();
    // Levels that differ: a change when far apart, a conflict when close.
    let mut changes = 0;
    for w in live.windows(2) {
        if meets_level(w[0].1, w[1].1) {
            continue;
        }
        let close = match (last_day(&w[0].0), first_day(&w[1].0)) {
            (Some(a), Some(b)) => b - a <= window,
            _ => true,
        };
        if close {
            for &i in w[0].0.iter().chain(&w[1].0) {
                out.statuses[i] = Status::Conflict;
            }
            out.conflicts
                .push((w[0].0[w[0].0.len() - 1], w[1].0[0], "same time"));
        } else {
            changes += 1;
        }
    }
    // Outliers never leave a group empty of consistent claims.
    if out.statuses.iter().all(|s| *s == Status::Outlier) {
        out.statuses
            .iter_mut()
            .for_each(|s| *s = Status::Consistent);
    }
    let kept: Vec<usize> = (0..claims.len())
        .filter(|&i| out.statuses[i] == Status::Consistent)
        .collect();
    out.changed = changes > 0 || grows(claims, &kept, window_days, tolerance, false);
}

/// The longest run of indices in order where each may follow the one
/// before (the first such run, of the longest); exact up to
/// [`EXACT_CHAIN`] claims, greedy beyond.
fn longest_chain(n: usize, follows: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    if n > EXACT_CHAIN {
        let mut chain = vec![0];
        for j in 1..n {
            if follows(chain[chain.len() - 1], j) {
                chain.push(j);
            }
        }
        return chain;
    }
    let mut len = vec![1usize; n];
    let mut prev = vec![usize::MAX; n];
    for j in 1..n {
        for i in 0..j {
            if len[i] + 1 > len[j] && follows(i, j) {
                len[j] = len[i] + 1;
                prev[j] = i;
            }
        }
    }
    let best = (0..n).fold(0, |b, j| if len[j] > len[b] { j } else { b });
    let mut chain = vec![best];
    while prev[chain[chain.len() - 1]] != usize::MAX {
        chain.push(prev[chain[chain.len() - 1]]);
    }
    chain.reverse();
    chain
}

/// Does the figure grow along `kept` (in date order)? A later exact figure
/// above an earlier one, or a later lower bound above every earlier figure
/// by more than `tolerance`, between reports more than `window_days`
/// apart (for a running measure, any days apart); vague amounts never
/// show growth.
fn grows(
    claims: &[Claim],
    kept: &[usize],
    window_days: u32,
    tolerance: f64,
    running: bool,
) -> bool {
    let window = if running { 0 } else { i64::from(window_days) };
    let anchor = |c: &Claim| match c.qualifier {
        Qualifier::Vague => None,
        _ => c.value.or(c.lower),
    };
    // Each report's figure, whether it is exact, and the top a later
    // report must pass: for a stock, a round exact figure's rounding
    // ("10,000" missing, then "10,100", is no change), else the figure
    // itself (a running tally's 2,000 then 2,012 is growth).
    let mut dated: Vec<(i64, f64, bool, f64)> = kept
        .iter()
        .filter_map(|&i| {
            let c = &claims[i];
            let v = anchor(c)?;
            let exact = c.qualifier == Qualifier::Exact;
            let top = if exact && !running {
                span(c).1.max(v)
            } else {
                v
            };
            Some((day(c)?, v, exact, top))
        })
        .collect();
    dated.sort_by_key(|d| d.0);
    // A later figure wholly above an earlier one, far enough apart, is a
    // change whatever the wording ("dozens", then "about 150"): the lowest
    // high end of the reports far enough before each one, in one pass.
    let mut spans: Vec<(i64, f64, f64)> = kept
        .iter()
        .filter_map(|&i| {
            let (lo, hi) = span(&claims[i]);
            Some((day(&claims[i])?, lo, hi))
        })
        .collect();
    spans.sort_by_key(|x| x.0);
    let mut lowest_high = f64::INFINITY;
    let mut before = 0;
    for &(d, lo, _) in &spans {
        while before < spans.len() && spans[before].0 < d - window.max(0) && spans[before].0 < d {
            lowest_high = lowest_high.min(spans[before].2);
            before += 1;
        }
        if lo > lowest_high {
            return true;
        }
    }
    let mut highest = f64::NEG_INFINITY;
    let mut next = 0;
    for &(d, v, exact, _) in &dated {
        while next < dated.len() && dated[next].0 < d - window {
            if dated[next].0 < d {
                highest = highest.max(dated[next].3);
            }
            next += 1;
        }
        if highest.is_finite() {
            let step = if exact { 0.0 } else { tolerance };
            if v > highest * (1.0 + step) {
                return true;
            }
        }
    }
    false
}

/// The verdict on a group's claims from their statuses: one article is
/// single; a revision or a conflict diverges; a change evolves; else the
/// reports agree.
pub fn verdict_of(claims: &[Claim], statuses: &[Status], changed: bool) -> Verdict {
    let all: Vec<usize> = (0..claims.len()).collect();
    if article_count(claims, &all) < 2 {
        return Verdict::Single;
    }
    if statuses
        .iter()
        .any(|s| matches!(s, Status::Revision | Status::Conflict))
    {
        return Verdict::Diverge;
    }
    if changed {
        Verdict::Evolve
    } else {
        Verdict::Agree
    }
}

/// The verdict on a group's claims (in date order), and the pairs of
/// claims (indices) that disagree: [`series`] read as one verdict.
pub fn verdict(
    claims: &[Claim],
    cumulative: bool,
    window_days: u32,
) -> (Verdict, Vec<(usize, usize)>) {
    let s = series(claims, cumulative, window_days, 0.1);
    let kept: Vec<Claim> = claims
        .iter()
        .zip(&s.statuses)
        .filter(|(_, st)| **st != Status::Outlier)
        .map(|(c, _)| c.clone())
        .collect();
    let statuses: Vec<Status> = s
        .statuses
        .iter()
        .copied()
        .filter(|st| *st != Status::Outlier)
        .collect();
    let v = verdict_of(&kept, &statuses, s.changed);
    (v, s.conflicts.iter().map(|&(a, b, _)| (a, b)).collect())
}

/// A figure as a person says it: "more than 1,400", "about 150", "dozens".
pub fn figure(c: &Claim) -> String {
    let prefix = match c.qualifier {
        Qualifier::AtLeast => "at least ",
        Qualifier::MoreThan => "more than ",
        Qualifier::About => "about ",
        Qualifier::Nearly => "nearly ",
        Qualifier::AtMost => "up to ",
        Qualifier::LessThan => "fewer than ",
        Qualifier::Exact | Qualifier::Range | Qualifier::Vague => "",
    };
    let number = if c.qualifier == Qualifier::Vague
        || c.number.chars().next().is_some_and(char::is_alphabetic)
    {
        c.number.to_lowercase()
    } else {
        c.number.clone()
    };
    format!("{prefix}{number}")
}

/// An actor or location name for people: `us` → `US`, `kataib_hezbollah`
/// → `Kataib Hezbollah`.
pub fn display_name(name: &str) -> String {
    const ACRONYMS: &[&str] = &[
        "isis", "nato", "pmf", "idf", "irgc", "drc", "uae", "sdf", "hts", "pkk", "rsf",
    ];
    if name.len() <= 3 || ACRONYMS.contains(&name) {
        return name.to_uppercase();
    }
    name.split('_')
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && matches!(w, "in" | "of" | "the" | "and" | "al") {
                w.to_string()
            } else {
                let mut c = w.chars();
                c.next()
                    .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a measure's figures are called in a headline.
fn label(measure: &str) -> String {
    match measure {
        "killed" => "deaths".into(),
        "displaced" => "displaced people".into(),
        "percent" => "share".into(),
        "people_other" => "people".into(),
        "other" => "figures".into(),
        m => m.replace('_', " "),
    }
}

/// The subject of a group's headline from its key: "US troops in Iraq",
/// "Deaths in Gaza on 2023-10-07", "Attacks on US in Iraq and Syria".
pub fn subject(claim: &Claim, role: Role) -> String {
    let label = label(&claim.measure);
    let actor = claim.actor.as_deref().map(display_name);
    let mut s = match (role, actor) {
        (_, None) => label,
        (Role::Target, Some(a)) => format!("{label} on {a}"),
        // "Deaths in Israel" rather than "Israel deaths in Israel".
        (Role::Victim, Some(_)) if locals(claim) => label,
        (_, Some(a)) => format!("{a} {label}"),
    };
    if let Some(loc) = &claim.location {
        let places: Vec<String> = loc.split('+').map(display_name).collect();
        s.push_str(" in ");
        s.push_str(&places.join(" and "));
    }
    if let Some(scope) = &claim.scope {
        if scope.starts_with(|c: char| c.is_ascii_digit()) {
            s.push_str(" on ");
        } else {
            s.push(' ');
        }
        s.push_str(scope);
    }
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// Two claims of one group that disagree, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// Index of the earlier claim in the group's `claims`.
    pub a: usize,
    /// Index of the later claim.
    pub b: usize,
    /// Why they disagree: `same time`, `revised down`, `dip and return`,
    /// `lower than earlier`, `higher than later`.
    pub reason: String,
}

/// Are a claim's victims the people of its place ("Deaths in Gaza"
/// rather than "Palestinians deaths in Gaza")?
fn locals(claim: &Claim) -> bool {
    let (Some(actor), Some(place)) = (claim.actor.as_deref(), claim.location.as_deref()) else {
        return false;
    };
    actor == place
        || place.split('+').all(|p| {
            let country = crate::places::country_of(p);
            country.is_some()
                && (country == Some(actor) || country == crate::places::country_of_people(actor))
        })
}

/// A group's headline in plain language; `outliers` is how many claims
/// were set apart from it.
pub fn headline(
    claims: &[Claim],
    verdict: Verdict,
    role: Role,
    conflicts: &[Conflict],
    outliers: usize,
) -> String {
    let Some(first) = claims.first() else {
        return String::new();
    };
    let subject = subject(first, role);
    let mut articles: Vec<&str> = claims.iter().map(|c| c.article.as_str()).collect();
    articles.sort_unstable();
    articles.dedup();
    let n = articles.len();
    let when = |c: &Claim| {
        c.as_of
            .or(c.date)
            .map_or_else(|| "undated".to_string(), |d| d.to_string())
    };
    let apart = match outliers {
        0 => String::new(),
        1 => "; 1 outlier set apart".to_string(),
        k => format!("; {k} outliers set apart"),
    };
    let line = match verdict {
        Verdict::Single => format!("{subject}: {}", figure(first)),
        Verdict::Agree => {
            let shown = claims
                .iter()
                .find(|c| c.qualifier == Qualifier::Exact)
                .unwrap_or(first);
            format!("{subject}: {n} articles agree on {}", figure(shown))
        }
        Verdict::Evolve => {
            let last = claims.last().unwrap_or(first);
            let rose = match (first.value.or(first.lower), last.value.or(last.lower)) {
                (Some(a), Some(b)) if b < a => "fell",
                _ => "rose",
            };
            format!(
                "{subject}: {rose} from {} ({}) to {} ({}), {n} articles",
                figure(first),
                when(first),
                figure(last),
                when(last)
            )
        }
        Verdict::Diverge => {
            let revision = claims.iter().find(|c| c.status == Some(Status::Revision));
            let revised = conflicts.iter().find(|k| k.reason == "revised down");
            match (revision, revised) {
                (Some(r), Some(k)) => {
                    let from = &claims[if claims[k.a].status == Some(Status::Revision) {
                        k.b
                    } else {
                        k.a
                    }];
                    format!(
                        "{subject}: revised down from {} ({}) to {} ({}), {n} articles",
                        figure(from),
                        when(from),
                        figure(r),
                        when(r)
                    )
                }
                _ => {
                    let mut figures: Vec<String> = Vec::new();
                    for k in conflicts {
                        for i in [k.a, k.b] {
                            let f = figure(&claims[i]);
                            if !figures.contains(&f) {
                                figures.push(f);
                            }
                        }
                    }
                    figures.truncate(4);
                    format!("{subject}: {n} articles disagree: {}", figures.join(" vs "))
                }
            }
        }
    };
    line + &apart
}

/// The bounds of a claim as text, for tables: `2500`, `[810, 990]`,
/// `> 1400`.
pub fn bounds_text(c: &Claim) -> String {
    match (c.lower, c.upper) {
        (Some(l), Some(u)) if l == u => format_value(Some(l)),
        (Some(l), None) if c.qualifier == Qualifier::MoreThan => {
            format!("> {}", format_value(Some(l)))
        }
        (Some(l), None) => format!("≥ {}", format_value(Some(l))),
        (l, u) => format!("[{}, {}]", format_value(l), format_value(u)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(
        article: &str,
        date: Option<&str>,
        q: Qualifier,
        lower: Option<f64>,
        upper: Option<f64>,
    ) -> Claim {
        crate::claim::test_claim(article, date, q, lower, upper)
    }

    fn exact(article: &str, date: &str, v: f64) -> Claim {
        claim(article, Some(date), Qualifier::Exact, Some(v), Some(v))
    }

    #[test]
    fn overlapping_bounds_agree() {
        let a = exact("a", "2024-01-01", 2500.0);
        let b = claim(
            "b",
            Some("2024-03-01"),
            Qualifier::About,
            Some(2250.0),
            Some(2750.0),
        );
        assert_eq!(verdict(&[a, b], false, 3).0, Verdict::Agree);
    }

    #[test]
    fn open_bounds_agree_at_least_and_more_than() {
        let a = claim(
            "a",
            Some("2023-10-19"),
            Qualifier::AtLeast,
            Some(1400.0),
            None,
        );
        let b = claim(
            "b",
            Some("2023-11-05"),
            Qualifier::MoreThan,
            Some(1400.0),
            None,
        );
        assert_eq!(verdict(&[a, b], true, 3).0, Verdict::Agree);
        // "more than 1,400" excludes exactly 1,400.
        let c = exact("c", "2023-10-19", 1400.0);
        let d = claim(
            "d",
            Some("2023-10-19"),
            Qualifier::MoreThan,
            Some(1400.0),
            None,
        );
        assert!(!overlap(&c, &d));
    }

    #[test]
    fn disjoint_bounds_at_the_same_time_diverge() {
        let a = exact("a", "2023-10-11", 1200.0);
        let b = claim(
            "b",
            Some("2023-10-11"),
            Qualifier::MoreThan,
            Some(1400.0),
            None,
        );
        let (v, pairs) = verdict(&[a.clone(), b.clone()], true, 3);
        assert_eq!((v, pairs), (Verdict::Diverge, vec![(0, 1)]));
        // A day later, a higher figure of a running tally is growth,
        // however close the days.
        let mut later = b;
        later.as_of = crate::corpus::Date::parse("2023-10-12");
        assert_eq!(verdict(&[a.clone(), later], true, 3).0, Verdict::Evolve);
        // A stock's figures a day apart that disagree do diverge.
        let c = exact("c", "2023-10-12", 1400.0);
        assert_eq!(verdict(&[a, c], false, 3).0, Verdict::Diverge);
    }

    #[test]
    fn a_rising_tally_evolves() {
        let a = exact("a", "2023-10-19", 3500.0);
        let b = claim(
            "b",
            Some("2023-11-05"),
            Qualifier::MoreThan,
            Some(9000.0),
            None,
        );
        assert_eq!(verdict(&[a, b], true, 3).0, Verdict::Evolve);
    }

    #[test]
    fn a_tally_rising_within_open_bounds_evolves() {
        let a = claim(
            "a",
            Some("2023-12-19"),
            Qualifier::AtLeast,
            Some(15.0),
            None,
        );
        let b = claim(
            "b",
            Some("2024-03-01"),
            Qualifier::MoreThan,
            Some(50.0),
            None,
        );
        assert_eq!(verdict(&[a.clone(), b.clone()], true, 3).0, Verdict::Evolve);
        // So does a stock's: open lower bounds that rise by more than the
        // tolerance between dates far apart.
        assert_eq!(verdict(&[a.clone(), b], false, 3).0, Verdict::Evolve);
        // Not by less.
        let c = claim(
            "c",
            Some("2024-03-01"),
            Qualifier::MoreThan,
            Some(16.0),
            None,
        );
        assert_eq!(verdict(&[a, c], false, 3).0, Verdict::Agree);
    }

    #[test]
    fn a_tally_revised_down_diverges() {
        let a = claim(
            "a",
            Some("2023-10-12"),
            Qualifier::MoreThan,
            Some(1400.0),
            None,
        );
        let b = claim(
            "b",
            Some("2023-11-10"),
            Qualifier::About,
            Some(1080.0),
            Some(1320.0),
        );
        assert_eq!(verdict(&[a, b], true, 3).0, Verdict::Diverge);
    }

    #[test]
    fn a_stock_may_go_down_between_separate_dates() {
        let a = exact("a", "2023-01-01", 2500.0);
        let b = exact("b", "2024-06-01", 2000.0);
        assert_eq!(verdict(&[a, b], false, 3).0, Verdict::Evolve);
    }

    #[test]
    fn undated_claims_compare_where_dates_are_not_needed() {
        let a = claim("a", None, Qualifier::Exact, Some(900.0), Some(900.0));
        let b = exact("b", "2023-10-11", 900.0);
        assert_eq!(verdict(&[a.clone(), b], false, 3).0, Verdict::Agree);
        let c = exact("c", "2024-10-11", 1200.0);
        assert_eq!(verdict(&[a, c], false, 3).0, Verdict::Diverge);
    }

    #[test]
    fn one_article_is_single_even_with_two_figures() {
        let a = exact("a", "2023-10-11", 900.0);
        let b = exact("a", "2023-10-11", 1900.0);
        assert_eq!(verdict(&[a, b], false, 3).0, Verdict::Single);
    }

    #[test]
    fn headlines_read_as_sentences() {
        let mut a = exact("a", "2023-10-19", 3500.0);
        a.number = "3,500".into();
        let mut b = claim(
            "b",
            Some("2023-11-05"),
            Qualifier::MoreThan,
            Some(9000.0),
            None,
        );
        b.number = "9,000".into();
        let claims = [a, b];
        assert_eq!(
            headline(&claims, Verdict::Evolve, Role::Victim, &[], 0),
            "Deaths in Gaza: rose from 3,500 (2023-10-19) to more than 9,000 (2023-11-05), 2 articles"
        );
        assert_eq!(display_name("kataib_hezbollah"), "Kataib Hezbollah");
        assert_eq!(
            display_name("islamic_resistance_in_iraq"),
            "Islamic Resistance in Iraq"
        );
        assert_eq!(display_name("us"), "US");
    }
}
