//! COMPARE: the verdict on a group of claims about one quantity.
//!
//! Takes the claims of one group (same key), whether the measure is a
//! running tally, and the same-time window, and returns a [`Verdict`] with
//! the pairs of claims that disagree. Bounds are compared as intervals (so
//! "at least 1,400" agrees with "more than 1,400"); publication dates decide
//! whether a difference is a change over time or a contradiction. Also
//! writes each group's plain-language headline. Nothing here prints.

use serde::{Deserialize, Serialize};

use crate::claim::{format_value, Claim, Qualifier};
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

/// Is all of `b` below all of `a` (a revision down, for a tally)?
fn below(b: &Claim, a: &Claim) -> bool {
    match (b.upper, a.lower) {
        (Some(bu), Some(al)) => bu < al || (bu == al && !overlap(a, b)),
        _ => false,
    }
}

/// How many neighbours within the same-time window each claim is compared
/// with, and how many disagreeing pairs a group keeps: enough to show and
/// check every divergence a person can read, while a group of many
/// thousand claims stays fast.
const NEIGHBOURS: usize = 256;
const MAX_CONFLICTS: usize = 10_000;

/// Do all the claims' bounds share a point? For intervals, pairwise
/// overlap and a common point are the same thing (Helly), so this is one
/// pass: the highest lower end against the lowest upper end.
fn all_overlap(claims: &[Claim]) -> bool {
    let low = claims.iter().filter(|c| c.lower.is_some()).max_by(|a, b| {
        a.lower
            .partial_cmp(&b.lower)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| {
                (a.qualifier == Qualifier::MoreThan).cmp(&(b.qualifier == Qualifier::MoreThan))
            })
    });
    let high = claims.iter().filter(|c| c.upper.is_some()).min_by(|a, b| {
        a.upper
            .partial_cmp(&b.upper)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| {
                (b.qualifier == Qualifier::LessThan).cmp(&(a.qualifier == Qualifier::LessThan))
            })
    });
    match (low, high) {
        (Some(l), Some(h)) => overlap(l, h),
        _ => true,
    }
}

/// The verdict on a group's claims (in date order), and the pairs of
/// claims (indices) that disagree.
pub fn verdict(
    claims: &[Claim],
    cumulative: bool,
    window_days: u32,
) -> (Verdict, Vec<(usize, usize)>) {
    let mut articles: Vec<&str> = claims.iter().map(|c| c.article.as_str()).collect();
    articles.sort_unstable();
    articles.dedup();
    if articles.len() < 2 {
        return (Verdict::Single, Vec::new());
    }
    if all_overlap(claims) {
        // Overlapping bounds can still show a tally rising: "at least 15"
        // attacks in December, "more than 50" in March.
        let v = if cumulative && rising(claims, window_days) {
            Verdict::Evolve
        } else {
            Verdict::Agree
        };
        return (v, Vec::new());
    }
    let window = i64::from(window_days);
    let mut conflicts: Vec<(usize, usize)> = Vec::new();
    let add = |a: usize, b: usize, conflicts: &mut Vec<(usize, usize)>| {
        if conflicts.len() < MAX_CONFLICTS {
            conflicts.push((a.min(b), a.max(b)));
        }
    };
    let mut dated: Vec<usize> = (0..claims.len())
        .filter(|&i| claims[i].date.is_some())
        .collect();
    dated.sort_by_key(|&i| claims[i].date);
    let day = |i: usize| claims[i].date.map_or(0, |d| d.days());
    // Undated: nothing says the figure moved, so any disagreement counts.
    for u in (0..claims.len()).filter(|&i| claims[i].date.is_none()) {
        let mut found = 0;
        for j in 0..claims.len() {
            if j != u && claims[j].article != claims[u].article && !overlap(&claims[u], &claims[j])
            {
                add(u, j, &mut conflicts);
                found += 1;
                if found == 3 {
                    break;
                }
            }
        }
    }
    // Reports at about the same time whose bounds do not overlap.
    for (k, &i) in dated.iter().enumerate() {
        for &j in dated[k + 1..].iter().take(NEIGHBOURS) {
            if day(j) - day(i) > window {
                break;
            }
            if claims[i].article != claims[j].article && !overlap(&claims[i], &claims[j]) {
                add(i, j, &mut conflicts);
            }
        }
    }
    // A tally that went down later: compare each report with the highest
    // lower end among reports published more than the window before it.
    if cumulative {
        let mut best: Option<usize> = None;
        let mut next = 0;
        for &b in &dated {
            while next < dated.len() && day(dated[next]) < day(b) - window {
                let a = dated[next];
                if best.is_none_or(|x| claims[a].lower > claims[x].lower)
                    && claims[a].lower.is_some()
                {
                    best = Some(a);
                }
                next += 1;
            }
            if let Some(a) = best {
                if below(&claims[b], &claims[a]) {
                    add(a, b, &mut conflicts);
                }
            }
        }
    }
    conflicts.sort_unstable();
    conflicts.dedup();
    if conflicts.is_empty() {
        (Verdict::Evolve, conflicts)
    } else {
        (Verdict::Diverge, conflicts)
    }
}

/// Does a tally's anchor (value, or lower bound) rise by more than a tenth
/// between two reports published more than the window apart?
fn rising(claims: &[Claim], window_days: u32) -> bool {
    let anchor = |c: &Claim| c.value.or(c.lower);
    let mut dated: Vec<(i64, f64)> = claims
        .iter()
        .filter_map(|c| Some((c.date?.days(), anchor(c)?)))
        .collect();
    dated.sort_by_key(|d| d.0);
    let window = i64::from(window_days);
    let mut lowest = f64::INFINITY;
    let mut next = 0;
    for &(day, v) in &dated {
        while next < dated.len() && dated[next].0 < day - window {
            lowest = lowest.min(dated[next].1);
            next += 1;
        }
        if v > lowest * 1.1 {
            return true;
        }
    }
    false
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
        (Role::Victim, Some(_)) if claim.location.as_deref() == claim.actor.as_deref() => label,
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

/// A group's headline in plain language.
pub fn headline(
    claims: &[Claim],
    verdict: Verdict,
    role: Role,
    conflicts: &[(usize, usize)],
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
        c.date
            .map_or_else(|| "undated".to_string(), |d| d.to_string())
    };
    match verdict {
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
            let mut figures: Vec<String> = Vec::new();
            for &(i, j) in conflicts {
                for k in [i, j] {
                    let f = figure(&claims[k]);
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
        let a = exact("a", "2023-10-10", 1200.0);
        let b = claim(
            "b",
            Some("2023-10-11"),
            Qualifier::MoreThan,
            Some(1400.0),
            None,
        );
        let (v, pairs) = verdict(&[a, b], true, 3);
        assert_eq!((v, pairs), (Verdict::Diverge, vec![(0, 1)]));
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
        assert_eq!(verdict(&[a, b], false, 3).0, Verdict::Agree);
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
            headline(&claims, Verdict::Evolve, Role::Victim, &[]),
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
