//! `pairs.py` in Rust: the expected groups judged by links between claims
//! of different articles. `link_recall` is the share of gold pairs (two
//! members of one expected group) whose matched claims share a report
//! group; `link_precision` the share of pairs the report put together
//! (among matched claims owned by an expected group) that belong to one
//! expected group, pairs across two slices of one `series` left out;
//! `relation_accuracy` whether each linked pair reads as agree, evolve or
//! diverge as the gold reads it, from the group verdict, the two claims'
//! bounds (closed on the gold side, open for the tool's `more_than` and
//! `less_than`) and their dates. The text is what the script prints.

use std::collections::{BTreeMap, HashMap};

use super::data::{match_claims, Prediction, Set};
use super::score::{div, py_repr, py_str, Scored};

/// One end of an interval: the bound and whether it is included.
type End = Option<(f64, bool)>;

/// A claim's interval, `pairs.ends`: `(lower, upper)`, none unbounded.
#[derive(Debug, Clone, Copy)]
pub struct Ends {
    pub lo: Option<f64>,
    pub lo_closed: bool,
    pub hi: Option<f64>,
    pub hi_closed: bool,
}

impl Ends {
    /// The bounds, or the value at both ends when neither is given;
    /// `strict` opens the end of a `more_than` or `less_than`.
    pub fn new(
        value: Option<f64>,
        lower: Option<f64>,
        upper: Option<f64>,
        qualifier: Option<&str>,
        strict: bool,
    ) -> Ends {
        let (lo, hi) = if lower.is_none() && upper.is_none() && value.is_some() {
            (value, value)
        } else {
            (lower, upper)
        };
        Ends {
            lo,
            lo_closed: !(strict && qualifier == Some("more_than")),
            hi,
            hi_closed: !(strict && qualifier == Some("less_than")),
        }
    }
}

/// `pairs.overlap`: the two intervals share a point.
pub fn overlap(a: Ends, b: Ends) -> bool {
    let lo: End = match (a.lo, b.lo) {
        (None, None) => None,
        (Some(al), None) => Some((al, a.lo_closed)),
        (None, Some(bl)) => Some((bl, b.lo_closed)),
        (Some(al), Some(bl)) if al > bl => Some((al, a.lo_closed)),
        (Some(al), Some(bl)) if bl > al => Some((bl, b.lo_closed)),
        (Some(al), Some(_)) => Some((al, a.lo_closed && b.lo_closed)),
    };
    let hi: End = match (a.hi, b.hi) {
        (None, None) => None,
        (Some(au), None) => Some((au, a.hi_closed)),
        (None, Some(bu)) => Some((bu, b.hi_closed)),
        (Some(au), Some(bu)) if au < bu => Some((au, a.hi_closed)),
        (Some(au), Some(bu)) if bu < au => Some((bu, b.hi_closed)),
        (Some(au), Some(_)) => Some((au, a.hi_closed && b.hi_closed)),
    };
    match (lo, hi) {
        (Some(lo), Some(hi)) => lo.0 < hi.0 || (lo.0 == hi.0 && lo.1 && hi.1),
        _ => true,
    }
}

/// `pairs.above`: all of `later` lies above all of `earlier`.
pub fn above(later: Ends, earlier: Ends) -> bool {
    match (later.lo, earlier.hi) {
        (Some(ll), Some(eu)) => ll > eu || (ll == eu && !(later.lo_closed && earlier.hi_closed)),
        _ => false,
    }
}

/// `pairs.relation`: what a group verdict says of one pair.
pub fn relation(
    a: Ends,
    da: Option<i64>,
    b: Ends,
    db: Option<i64>,
    verdict: Option<&str>,
    cumulative: bool,
) -> String {
    if verdict == Some("agree") || overlap(a, b) {
        return "agree".into();
    }
    match verdict {
        Some("evolve") => "evolve".into(),
        Some("diverge") => {
            if let (true, Some(da), Some(db)) = (cumulative, da, db) {
                if da != db {
                    let (early, late) = if da < db { (a, b) } else { (b, a) };
                    if above(late, early) {
                        return "evolve".into();
                    }
                }
            }
            "diverge".into()
        }
        // `verdict or "none"`: an empty string is none too.
        Some(v) if !v.is_empty() => v.into(),
        _ => "none".into(),
    }
}

/// Scores a report as `pairs.py --show N` does; an error for a
/// prediction without groups, as the script exits.
pub fn pairs(set: &Set, pred: &Prediction, show: usize) -> Result<Scored, String> {
    if !pred.has_groups {
        return Err(
            "pairs.py: the prediction has no groups (use `claimcheck report --format json`)".into(),
        );
    }
    let gold = &set.gold;
    let preds = &pred.preds;
    let expected = &set.expected;
    let matched = match_claims(gold, preds);
    let pred_of: HashMap<usize, usize> = matched.iter().copied().collect();
    let gold_idx = set.gold_index();
    // Each gold claim's expected group: the first that lists it.
    let mut owner: HashMap<usize, usize> = HashMap::new();
    let mut mems = Vec::new();
    for (ei, eg) in expected.iter().enumerate() {
        let ms = set.members_of(eg, &gold_idx);
        for &gi in &ms {
            owner.entry(gi).or_insert(ei);
        }
        mems.push(ms);
    }
    let day = |art: &str| set.arts[art].day;
    let gold_ends = |gi: usize| {
        let g = &gold[gi];
        Ends::new(g.value, g.lower, g.upper, g.qualifier.as_deref(), false)
    };
    let tool_ends = |pi: usize| {
        let p = &preds[pi];
        Ends::new(p.value, p.lower, p.upper, p.qualifier.as_deref(), true)
    };

    let (mut n_pairs, mut n_linked, mut n_rel, mut n_verdict, mut n_unmatched) = (0, 0, 0, 0, 0);
    let mut confusion: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut per_group = Vec::new();
    let mut wrong_rel = Vec::new();
    for (ei, eg) in expected.iter().enumerate() {
        let ms = &mems[ei];
        let (mut gp, mut gl, mut gr) = (0, 0, 0);
        for i in 0..ms.len() {
            for j in i + 1..ms.len() {
                let (x, y) = (ms[i], ms[j]);
                if gold[x].article == gold[y].article {
                    continue;
                }
                gp += 1;
                let (Some(&px), Some(&py)) = (pred_of.get(&x), pred_of.get(&y)) else {
                    n_unmatched += 1;
                    continue;
                };
                if preds[px].group.is_none() || preds[px].group != preds[py].group {
                    continue;
                }
                gl += 1;
                let want = relation(
                    gold_ends(x),
                    day(&gold[x].article),
                    gold_ends(y),
                    day(&gold[y].article),
                    Some(&eg.verdict),
                    eg.cumulative.unwrap_or(false),
                );
                let got = relation(
                    tool_ends(px),
                    preds[px].day,
                    tool_ends(py),
                    preds[py].day,
                    preds[px].verdict.as_deref(),
                    preds[px].cumulative,
                );
                if want == got {
                    gr += 1;
                } else if wrong_rel.len() < show {
                    wrong_rel.push(format!(
                        "  {}: {} ~ {} gold={want} tool={got}",
                        eg.id,
                        py_repr(&gold[x].quote),
                        py_repr(&gold[y].quote)
                    ));
                }
                *confusion.entry((want, got)).or_default() += 1;
                n_verdict += usize::from(preds[px].verdict.as_deref() == Some(&eg.verdict));
            }
        }
        n_pairs += gp;
        n_linked += gl;
        n_rel += gr;
        per_group.push((eg, gp, gl, gr));
    }

    // Precision: pairs of owned, matched gold claims of different articles
    // in one report group, by report group in the order first seen.
    let mut by_group: Vec<(usize, Vec<usize>)> = Vec::new();
    for &(gi, pi) in &matched {
        let (true, Some(group)) = (owner.contains_key(&gi), preds[pi].group) else {
            continue;
        };
        match by_group.iter_mut().find(|(g, _)| *g == group) {
            Some((_, gis)) => gis.push(gi),
            None => by_group.push((group, vec![gi])),
        }
    }
    let (mut p_links, mut p_right) = (0, 0);
    // (key, id, id) -> count, in the order first seen.
    let mut wrong_links: Vec<((String, String, String), usize)> = Vec::new();
    for (group, gis) in &by_group {
        for i in 0..gis.len() {
            for j in i + 1..gis.len() {
                let (x, y) = (gis[i], gis[j]);
                if gold[x].article == gold[y].article {
                    continue;
                }
                let (ox, oy) = (owner[&x], owner[&y]);
                let (sx, sy) = (expected[ox].series(), expected[oy].series());
                if ox != oy && sx.is_some() && sx == sy {
                    continue; // two slices of one declared series
                }
                p_links += 1;
                if ox == oy {
                    p_right += 1;
                } else {
                    let (a, b) = (&expected[ox].id, &expected[oy].id);
                    let (a, b) = if a <= b { (a, b) } else { (b, a) };
                    let key = py_str(pred.keys[*group].as_deref());
                    let k = (key.to_string(), a.clone(), b.clone());
                    match wrong_links.iter_mut().find(|(w, _)| *w == k) {
                        Some((_, n)) => *n += 1,
                        None => wrong_links.push((k, 1)),
                    }
                }
            }
        }
    }

    let rec = div(n_linked, n_pairs);
    let prec = div(p_right, p_links);
    let f1 = if prec + rec > 0.0 {
        2.0 * prec * rec / (prec + rec)
    } else {
        0.0
    };
    let rel_acc = div(n_rel, n_linked);
    let macro_: Vec<f64> = per_group
        .iter()
        .filter(|g| g.1 > 0)
        .map(|g| g.2 as f64 / g.1 as f64)
        .collect();
    let rec_macro = if macro_.is_empty() {
        0.0
    } else {
        macro_.iter().sum::<f64>() / macro_.len() as f64
    };
    let mut s = Scored::default();
    s.count("expected_groups", expected.len());
    s.count("gold_pairs", n_pairs);
    s.count("gold_pairs_unmatched_member", n_unmatched);
    s.count("linked_pairs", n_linked);
    s.ratio("link_recall", rec);
    s.ratio("link_recall_macro", rec_macro);
    s.count("predicted_links", p_links);
    s.ratio("link_precision", prec);
    s.ratio("link_f1", f1);
    s.ratio("relation_accuracy", rel_acc);
    s.ratio("pairs_right", div(n_rel, n_pairs));
    s.ratio("pair_verdict_accuracy", div(n_verdict, n_linked));
    for ((want, got), n) in &confusion {
        s.count(&format!("relation_{want}_as_{got}"), *n);
    }
    if show > 0 {
        s.line("# per expected group: verdict pairs linked relation_right");
        for (eg, gp, gl, gr) in &per_group {
            s.line(format!("  {} {} {gp} {gl} {gr}", eg.id, eg.verdict));
        }
        s.line("# wrong links (predicted key, expected groups joined): count");
        // `Counter.most_common`: by count, the first seen first among equals.
        wrong_links.sort_by_key(|w| std::cmp::Reverse(w.1));
        for ((key, a, b), n) in wrong_links.iter().take(show) {
            s.line(format!("  {key} {a} + {b}: {n}"));
        }
        s.line("# wrong relations (group, quote, quote, gold, tool):");
        for w in &wrong_rel {
            s.line(w);
        }
    }
    s.line(format!(
        "link_recall={rec:.3} link_precision={prec:.3} relation_accuracy={rel_acc:.3} \
         pairs_right={:.3} ({n_rel}/{n_pairs} gold pairs)",
        div(n_rel, n_pairs)
    ));
    Ok(s)
}
