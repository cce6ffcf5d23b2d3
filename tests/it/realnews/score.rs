//! `score.py` in Rust: extraction figures over the matched claims
//! (precision, recall, f1, value, bounds and measure accuracy), then, for
//! each expected group, whether one report group holds its members from two
//! or more articles (`groups_found`), with the expected verdict
//! (`groups_verdict_right`), and how many report groups mix claims of
//! different expected groups (`groups_mixed`; the slices of one `series`
//! count as one). The text is what the script prints, line for line.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

use super::data::{match_claims, near, Prediction, Set};

/// A scorer's figures by name, and the text the script would print.
#[derive(Debug, Default)]
pub struct Scored {
    pub figures: Vec<(String, f64)>,
    pub text: String,
}

impl Scored {
    /// The figure called `name` (panics on a name no scorer prints, so that
    /// a misspelt floor fails).
    pub fn get(&self, name: &str) -> f64 {
        self.figures
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no figure `{name}`"))
            .1
    }

    /// A `name value` line with a ratio printed to three decimals.
    pub fn ratio(&mut self, name: &str, v: f64) {
        let _ = writeln!(self.text, "{name} {v:.3}");
        self.figures.push((name.to_string(), v));
    }

    /// A `name value` line with a count.
    pub fn count(&mut self, name: &str, n: usize) {
        let _ = writeln!(self.text, "{name} {n}");
        self.figures.push((name.to_string(), n as f64));
    }

    /// A line that is no figure (a summary, a `--show` line).
    pub fn line(&mut self, line: impl AsRef<str>) {
        self.text.push_str(line.as_ref());
        self.text.push('\n');
    }
}

/// `a / b`, 0 when `b` is 0, as the scripts divide.
pub fn div(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Python's `repr()` of a string, for the `--show` lines.
pub fn py_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if !printable(c) => {
                let n = c as u32;
                let _ = match n {
                    0..=0xff => write!(out, "\\x{n:02x}"),
                    0x100..=0xffff => write!(out, "\\u{n:04x}"),
                    _ => write!(out, "\\U{n:08x}"),
                };
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// `str.isprintable()` for one character: not a control, format,
/// separator (other than the space) or private-use character. The
/// common ones; unassigned code points are not looked up.
fn printable(c: char) -> bool {
    let n = c as u32;
    !matches!(n,
        0..=0x1f | 0x7f..=0xa0 | 0xad | 0x600..=0x605 | 0x61c | 0x6dd | 0x70f | 0x1680
        | 0x180e | 0x2000..=0x200f | 0x2028..=0x202f | 0x205f..=0x2064 | 0x2066..=0x206f
        | 0x3000 | 0xd800..=0xf8ff | 0xfeff | 0xfff9..=0xfffb | 0xf0000..)
}

/// Python's `str()` of an optional string.
pub fn py_str(s: Option<&str>) -> &str {
    s.unwrap_or("None")
}

/// Python's `repr()` of an optional string.
pub fn py_repr_opt(s: Option<&str>) -> String {
    s.map_or_else(|| "None".to_string(), py_repr)
}

/// Scores a prediction as `score.py --show N` does (`show` 0: no lists).
pub fn score(set: &Set, pred: &Prediction, show: usize) -> Scored {
    let gold = &set.gold;
    let preds = &pred.preds;
    let expected = &set.expected;
    let pairs = match_claims(gold, preds);
    let tp = pairs.len();
    let prec = div(tp, preds.len());
    let rec = div(tp, gold.len());
    let f1 = if prec + rec > 0.0 {
        2.0 * prec * rec / (prec + rec)
    } else {
        0.0
    };
    let val_ok = pairs
        .iter()
        .filter(|&&(gi, pi)| match gold[gi].value {
            Some(v) => near(Some(v), preds[pi].value),
            None => near(gold[gi].lower, preds[pi].lower),
        })
        .count();
    let bounds_ok = pairs
        .iter()
        .filter(|&&(gi, pi)| {
            near(gold[gi].lower, preds[pi].lower) && near(gold[gi].upper, preds[pi].upper)
        })
        .count();
    let meas_ok = pairs
        .iter()
        .filter(|&&(gi, pi)| gold[gi].measure == preds[pi].measure)
        .count();

    let mut s = Scored::default();
    s.count("articles", set.arts.len());
    s.count("gold_claims", gold.len());
    s.count("predicted", preds.len());
    s.ratio("precision", prec);
    s.ratio("recall", rec);
    s.ratio("f1", f1);
    s.ratio("value_accuracy", div(val_ok, tp));
    s.ratio("bounds_accuracy", div(bounds_ok, tp));
    s.ratio("measure_accuracy", div(meas_ok, tp));

    let grouped = !expected.is_empty() && preds.iter().any(|p| p.group.is_some());
    let (mut g_found, mut g_right, mut g_mixed) = (0, 0, 0);
    if grouped {
        let gold_idx = set.gold_index();
        let pred_of_gold: HashMap<usize, usize> = pairs.iter().copied().collect();
        for eg in expected {
            let members = set.members_of(eg, &gold_idx);
            // Report group -> articles of the members it holds, in the
            // order first seen (the first largest wins, as `max` does).
            let mut by_group: Vec<(usize, BTreeSet<&str>)> = Vec::new();
            for gi in members {
                let Some(&pi) = pred_of_gold.get(&gi) else {
                    continue;
                };
                let Some(group) = preds[pi].group else {
                    continue;
                };
                let art = gold[gi].article.as_str();
                match by_group.iter_mut().find(|(g, _)| *g == group) {
                    Some((_, arts)) => {
                        arts.insert(art);
                    }
                    None => by_group.push((group, BTreeSet::from([art]))),
                }
            }
            let mut best: Option<&(usize, BTreeSet<&str>)> = None;
            for entry in &by_group {
                if best.is_none_or(|b| entry.1.len() > b.1.len()) {
                    best = Some(entry);
                }
            }
            let found = best.filter(|b| b.1.len() >= 2);
            let verdict = found.and_then(|b| {
                preds
                    .iter()
                    .find(|p| p.group == Some(b.0))
                    .and_then(|p| p.verdict.as_deref())
            });
            let ok_found = found.is_some();
            g_found += usize::from(ok_found);
            g_right += usize::from(ok_found && verdict == Some(eg.verdict.as_str()));
            if show > 0 {
                s.line(format!(
                    "  group {}: expected {}, found={}, verdict={}",
                    eg.id,
                    eg.verdict,
                    if ok_found { "True" } else { "False" },
                    py_str(verdict)
                ));
            }
        }
        // Mixing: the owner of a gold claim is its expected group's series,
        // else its id; a later group overrides an earlier one.
        let mut owner: HashMap<usize, &str> = HashMap::new();
        for eg in expected {
            for m in eg.members() {
                let hits = gold_idx.get(&(m.article.as_str(), m.quote.as_str()));
                for &gi in hits.into_iter().flatten() {
                    owner.insert(gi, eg.series().unwrap_or(&eg.id));
                }
            }
        }
        let mut seen: HashMap<usize, BTreeSet<&str>> = HashMap::new();
        for &(gi, pi) in &pairs {
            if let (Some(o), Some(group)) = (owner.get(&gi), preds[pi].group) {
                seen.entry(group).or_default().insert(o);
            }
        }
        g_mixed = seen.values().filter(|v| v.len() >= 2).count();
        s.count("groups_mixed", g_mixed);
        s.count("groups_expected", expected.len());
        s.count("groups_found", g_found);
        s.count("groups_verdict_right", g_right);
    }

    if show > 0 {
        let matched_g: BTreeSet<usize> = pairs.iter().map(|p| p.0).collect();
        let matched_p: BTreeSet<usize> = pairs.iter().map(|p| p.1).collect();
        s.line("# misses (gold not found):");
        for (gi, g) in gold.iter().enumerate() {
            if !matched_g.contains(&gi) {
                s.line(format!(
                    "  {}: {} in {} [{}]",
                    g.article,
                    py_repr(&g.number),
                    py_repr(&g.quote),
                    py_str(g.measure.as_deref())
                ));
            }
        }
        s.line("# false positives (predicted, not gold):");
        for (pi, p) in preds.iter().enumerate() {
            if !matched_p.contains(&pi) {
                let raw = set.arts[&p.article].text.as_bytes();
                let clamp = |i: i64| (i.max(0) as usize).min(raw.len());
                let (from, to) = (clamp(p.ps - 30), clamp(p.pe + 30));
                let t = String::from_utf8_lossy(&raw[from..to.max(from)]).replace('\n', " ");
                s.line(format!(
                    "  {}: {} ...{t}...",
                    p.article,
                    py_repr_opt(p.number.as_deref())
                ));
            }
        }
        s.line("# wrong measure:");
        for &(gi, pi) in &pairs {
            let g = &gold[gi];
            if g.measure != preds[pi].measure {
                s.line(format!(
                    "  {}: {} gold={} pred={} in {}",
                    g.article,
                    py_repr(&g.number),
                    py_str(g.measure.as_deref()),
                    py_str(preds[pi].measure.as_deref()),
                    py_repr(&g.quote)
                ));
            }
        }
    }
    let mut summary = format!(
        "P={prec:.3} R={rec:.3} F1={f1:.3} value={:.3} measure={:.3}",
        div(val_ok, tp),
        div(meas_ok, tp)
    );
    if grouped {
        let n = expected.len();
        let _ = write!(
            summary,
            " groups={g_found}/{n} verdicts={g_right}/{n} mixed={g_mixed}"
        );
    }
    s.line(summary);
    s
}
