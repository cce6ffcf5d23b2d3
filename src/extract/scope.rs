//! Scope and source: when a counted thing happened, and who says so.
//!
//! Takes a sentence's tokens, one quantity, and the article's publication
//! date. [`scope`] tells an incident count ("two drone attacks on
//! Wednesday", "four attacks in 24 hours") from a running tally ("62 times
//! since October 17", or no time at all), and dates the incident where the
//! text allows: weekdays and month days are resolved against the
//! publication date. [`source`] finds the attribution ("according to the
//! Gaza Health Ministry", "the Pentagon said", "local officials say").

use super::lexicon::word_set;
use super::number::Quantity;
use super::tables::tables;
use super::text::{Kind, Token};
use crate::corpus::Date;

/// Is the token the name of a weekday?
pub fn is_weekday(t: &Token<'_>) -> bool {
    word_set!(WEEKDAYS).has(t)
}

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// Verbs of saying: a day right after one dates the statement, not the
/// counted event ("the ministry said on Tuesday").
const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "announced",
    "reported",
    "added",
    "stated",
    "claimed",
    "confirmed",
    "estimated",
    "estimates",
    "according",
    "tweeted",
    "wrote",
    "posted",
];

/// How far from a number, in tokens, a time word is looked for (and twice
/// that for an attribution).
const WINDOW: usize = 40;

/// A time expression found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
enum When {
    /// A running tally: "since October 17", "so far", "to date".
    Tally,
    /// A day.
    Day(Option<Date>, &'static str),
    /// A window ending at the publication date: "in 24 hours", "last week".
    Window(&'static str),
    /// A day of a month without a year: "October 7", "Oct. 17".
    MonthDay(u32, u32),
    /// A month: "in October".
    Month(u32, Option<i32>),
}

/// When a figure stands, as its sentence says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timing {
    /// The incident's date, for a figure the text dates as an incident:
    /// `YYYY-MM-DD`, `week-YYYY-MM-DD` and the like for a window ending at
    /// the publication date, `YYYY-MM` for a month. Part of the key.
    pub scope: Option<String>,
    /// The date a tally or stock stands at: "as of Sunday", "by Friday",
    /// "the toll reached 111 Wednesday".
    pub as_of: Option<Date>,
    /// A tally's start: "since October 17" (a date) or "since" and the
    /// words after it.
    pub since: Option<String>,
}

/// The scope of a quantity: `None` for a running tally or no time given;
/// `YYYY-MM-DD` for a dated incident; `week-YYYY-MM-DD` and the like for a
/// window ending at the publication date; `YYYY-MM` for a month.
pub fn scope(tokens: &[Token<'_>], q: &Quantity, published: Option<Date>) -> Option<String> {
    timing(tokens, q, published, false).scope
}

/// When a quantity stands: the date of its incident, the day a tally
/// stands at ("as of Friday", "by Sunday"; for a figure with a word of a
/// running tally, `tally`, any day named with it), or the start of a
/// tally ("since October 17").
pub fn timing(tokens: &[Token<'_>], q: &Quantity, published: Option<Date>, tally: bool) -> Timing {
    let mut found: Vec<(usize, When)> = Vec::new();
    // Only time words in the number's own clause count, and an opening
    // phrase before the first comma ("On Saturday, four US personnel ...").
    let (start, end) = clause(tokens, q);
    // Time words far from the number in a very long clause are about
    // something else; the window also keeps the work per number bounded.
    let (start, end) = (
        start.max(q.qual_start.saturating_sub(WINDOW)),
        end.min(q.last + WINDOW),
    );
    let opening = tokens
        .iter()
        .take(7)
        .position(|t| t.text == ",")
        .unwrap_or(0);
    let mut k = 0;
    while k < end {
        if k >= opening && k < start {
            k = start;
            continue;
        }
        if k >= q.qual_start && k <= q.last {
            k = q.last + 1;
            continue;
        }
        if let Some((end, when)) = may_start_time(&tokens[k])
            .then(|| time_at(tokens, k))
            .flatten()
        {
            // "Friday's earthquake", "last month's wildfire": the time of
            // an event named before the figure, not the figure's.
            // But "last week's blast" dates the incident it names.
            let possessive = tokens[end - 1].possessive
                && !tokens
                    .get(end)
                    .is_some_and(|t| super::lexicon::data_words!("incident_nouns").has(t));
            // For a running tally, a day before the figure is the day of
            // its event ("the earthquake that struck on September 8 has
            // killed 2,960"); the day it stands at comes after it
            // ("reached 111 Wednesday") or with "as of".
            let event_day = tally
                && k < q.qual_start
                && !matches!(
                    (
                        k.checked_sub(2).map(|p| tokens[p].norm.as_ref()),
                        k.checked_sub(1).map(|p| tokens[p].norm.as_ref())
                    ),
                    (Some("as"), Some("of")) | (_, Some("by" | "through" | "until" | "till"))
                );
            // "The storm that struck on Sunday has killed 84": the day of
            // the event a relative clause before the figure tells of.
            let relative = k < q.qual_start
                && tokens[k.saturating_sub(5)..k]
                    .iter()
                    .any(|t| matches!(t.norm.as_ref(), "that" | "which"));
            if !after_speech(tokens, k) && !possessive && !event_day && !relative {
                found.push((k, when));
            }
            k = end;
        } else {
            k += 1;
        }
    }
    let mut timing = Timing::default();
    if let Some(at) = found.iter().position(|(_, w)| *w == When::Tally) {
        // "since October 17": the time right after "since" is the start.
        let k = found[at].0;
        let next = found.get(at + 1).filter(|(n, _)| *n == k + 1);
        timing.since = match next {
            Some((_, when)) => date_of(when, published),
            None => tokens.get(k).filter(|t| t.norm == "since").and_then(|_| {
                let words: Vec<&str> = tokens[k + 1..end.min(k + 5)]
                    .iter()
                    .take_while(|t| t.kind == Kind::Word)
                    .map(|t| t.norm.as_ref())
                    .collect();
                (!words.is_empty()).then(|| words.join(" "))
            }),
        };
        return timing;
    }
    // The time expression nearest to the number.
    let Some((at, when)) = found.into_iter().min_by_key(|(k, _)| {
        if *k > q.last {
            k - q.last
        } else {
            q.qual_start.saturating_sub(*k)
        }
    }) else {
        return timing;
    };
    // "as of Sunday", "by Friday evening", "through March": the day the
    // figure stands at; so is any day named with a running tally ("the
    // toll reached 111 Wednesday"), but not a window ("in the past 24
    // hours") or a day's count.
    let prev = |n: usize| at.checked_sub(n).map(|p| tokens[p].norm.as_ref());
    let as_of_marker = matches!((prev(2), prev(1)), (Some("as"), Some("of")))
        || matches!(prev(1), Some("by" | "through" | "until" | "till"));
    let a_day = matches!(when, When::Day(..) | When::MonthDay(..));
    if as_of_marker || (tally && a_day) {
        if let Some(date) = date_of(&when, published).and_then(|d| Date::parse(&d)) {
            timing.as_of = Some(date);
            return timing;
        }
    }
    timing.scope = Some(match when {
        When::Tally => return timing,
        When::Day(Some(d), _) => d.to_string(),
        When::Day(None, name) => match published {
            Some(p) => resolve_weekday(p, name).to_string(),
            None => name.to_string(),
        },
        When::Window(name) => match published {
            Some(p) => format!("{name}-{p}"),
            None => name.to_string(),
        },
        When::MonthDay(m, d) => match published {
            Some(p) => {
                let y = if (m, d) > (p.month, p.day) {
                    p.year - 1
                } else {
                    p.year
                };
                Date::parse(&format!("{y:04}-{m:02}-{d:02}"))
                    .map_or_else(|| format!("{m:02}-{d:02}"), |d| d.to_string())
            }
            None => format!("{m:02}-{d:02}"),
        },
        When::Month(m, Some(y)) => format!("{y:04}-{m:02}"),
        When::Month(m, None) => match published {
            Some(p) => {
                let y = if m > p.month { p.year - 1 } else { p.year };
                format!("{y:04}-{m:02}")
            }
            None => format!("month-{m:02}"),
        },
    })
    .map(|s| match published {
        // "today", "overnight": the publication day.
        Some(p) if s == "today" => p.to_string(),
        Some(p) if s == "yesterday" => Date::from_days(p.days() - 1).to_string(),
        _ => s,
    });
    timing
}

/// A day as `YYYY-MM-DD`, resolved against the publication date; `None`
/// for a window or a month, or a day that cannot be placed.
fn date_of(when: &When, published: Option<Date>) -> Option<String> {
    let p = published?;
    match *when {
        When::Day(Some(d), _) => Some(d.to_string()),
        When::Day(None, "today") => Some(p.to_string()),
        When::Day(None, "yesterday") => Some(Date::from_days(p.days() - 1).to_string()),
        When::Day(None, name) => Some(resolve_weekday(p, name).to_string()),
        When::MonthDay(m, d) => {
            let y = if (m, d) > (p.month, p.day) {
                p.year - 1
            } else {
                p.year
            };
            Date::parse(&format!("{y:04}-{m:02}-{d:02}")).map(|d| d.to_string())
        }
        _ => None,
    }
}

/// Words that open a clause of their own, for time words.
const CLAUSE_WORDS: &[&str] = &[
    "which", "while", "but", "after", "before", "when", "because", "although", "though", "whereas",
    "whose", "that", "who",
];

/// The clause of a quantity, for time words: from the last comma or
/// clause word before it to the next after it.
fn clause(tokens: &[Token<'_>], q: &Quantity) -> (usize, usize) {
    let boundary = |t: &Token<'_>| match t.kind {
        Kind::Punct => matches!(
            t.text,
            "," | ";" | ":" | "—" | "–" | "(" | ")" | "[" | "]" | "\"" | "“" | "”"
        ),
        Kind::Word => word_set!(CLAUSE_WORDS).has(t),
        Kind::Number => false,
    };
    let lo = q.qual_start.saturating_sub(WINDOW);
    let hi = tokens.len().min(q.last + 1 + WINDOW);
    let start = (lo..q.qual_start)
        .rev()
        .find(|&k| boundary(&tokens[k]))
        .map_or(lo, |k| k + 1);
    let end = (q.last + 1..hi)
        .find(|&k| boundary(&tokens[k]))
        .unwrap_or(hi);
    (start, end)
}

/// Is token `k` (a time expression) right after a verb of saying, perhaps
/// with "on" between ("said on Tuesday", "announced Monday")?
fn after_speech(tokens: &[Token<'_>], k: usize) -> bool {
    let mut p = k;
    if p > 0 && matches!(tokens[p - 1].norm.as_ref(), "on" | "late" | "early") {
        p -= 1;
    }
    if p > 0 && matches!(tokens[p - 1].norm.as_ref(), "on" | "late" | "early") {
        p -= 1;
    }
    if p > 0 && word_set!(SPEECH).has(&tokens[p - 1]) {
        return true;
    }
    // "The Department of Defense on Monday identified ...": the day of a
    // statement, before its verb.
    let mut n = k + 1;
    while tokens.get(n).is_some_and(|t| {
        matches!(
            t.norm.as_ref(),
            "night" | "morning" | "evening" | "afternoon"
        )
    }) {
        n += 1;
    }
    tokens.get(n).is_some_and(|t| {
        word_set!(SPEECH).has(t)
            || matches!(
                t.norm.as_ref(),
                "identified" | "named" | "released" | "published" | "updated" | "revised"
            )
    })
}

/// Words a time expression may start with, besides a number of one or
/// two digits: those [`time_at`] matches first, weekdays and months.
const TIME_STARTS: &[&str] = &[
    "since",
    "so",
    "to",
    "yesterday",
    "today",
    "overnight",
    "tonight",
    "last",
    "this",
    "past",
    "single",
    "one",
    "a",
    "24",
    "48",
    "72",
];

/// Could a time expression start at this token? `false` is sure: it
/// spares [`time_at`]'s word tests for most tokens.
fn may_start_time(t: &Token<'_>) -> bool {
    static CALENDAR: std::sync::OnceLock<super::lexicon::Shapes> = std::sync::OnceLock::new();
    let calendar = CALENDAR.get_or_init(|| {
        let words: Vec<&str> = TIME_STARTS
            .iter()
            .chain(WEEKDAYS)
            .copied()
            .chain(MONTHS.iter().map(|&(m, _)| m))
            .collect();
        super::lexicon::Shapes::of(&words)
    });
    (t.kind == Kind::Number && t.text.len() <= 2) || calendar.may_hold_shape(t.shape)
}

/// A time expression starting at token `k`, and the index after it.
fn time_at(tokens: &[Token<'_>], k: usize) -> Option<(usize, When)> {
    let w = tokens[k].norm.as_ref();
    let next = |n: usize| tokens.get(k + n).map(|t| t.norm.as_ref());
    match w {
        "since" => {
            // "since Friday" is a tally too; "since" as "because" is rare in
            // news copy before a number.
            return Some((k + 1, When::Tally));
        }
        "so" if next(1) == Some("far") => return Some((k + 2, When::Tally)),
        "to" if next(1) == Some("date") => return Some((k + 2, When::Tally)),
        "yesterday" => return Some((k + 1, When::Day(None, "yesterday"))),
        "today" | "overnight" | "tonight" => return Some((k + 1, When::Day(None, "today"))),
        "last" | "this" | "past" => {
            if let Some(unit @ ("week" | "month" | "weekend")) = next(1) {
                return Some((
                    k + 2,
                    When::Window(if unit == "month" { "month" } else { "week" }),
                ));
            }
        }
        "single" | "one" | "a" => {
            if let Some(unit @ ("day" | "week")) = next(1) {
                let prev = k.checked_sub(1).map(|p| tokens[p].norm.as_ref());
                if matches!(prev, Some("in" | "within" | "over" | "single")) || w == "single" {
                    let when = if unit == "day" {
                        When::Day(None, "today")
                    } else {
                        When::Window("week")
                    };
                    return Some((k + 2, when));
                }
            }
        }
        "24" | "48" | "72" if tokens[k].kind == Kind::Number && next(1) == Some("hours") => {
            let prev = k.checked_sub(1).map(|p| tokens[p].norm.as_ref());
            if matches!(
                prev,
                Some("in" | "within" | "past" | "last" | "previous" | "over")
            ) {
                return Some((k + 2, When::Day(None, "today")));
            }
        }
        _ => {}
    }
    // "7 October", "7 Oct 2023".
    if tokens[k].kind == Kind::Number && tokens[k].text.len() <= 2 {
        let day = tokens[k]
            .text
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=31).contains(d));
        let month = tokens
            .get(k + 1)
            .filter(|t| t.is_capitalized())
            .and_then(|t| {
                MONTHS
                    .iter()
                    .find(|(m, _)| *m == t.norm.as_ref())
                    .map(|&(_, n)| n)
            });
        if let (Some(day), Some(month)) = (day, month) {
            let mut end = k + 2;
            if tokens.get(end).is_some_and(|t| t.text == ".") {
                end += 1;
            }
            let year = tokens
                .get(end)
                .filter(|t| t.kind == Kind::Number && t.text.len() == 4)
                .and_then(|t| t.text.parse::<i32>().ok());
            let when = match year.and_then(|y| Date::parse(&format!("{y:04}-{month:02}-{day:02}")))
            {
                Some(date) => {
                    end += 1;
                    When::Day(Some(date), "")
                }
                None => When::MonthDay(month, day),
            };
            return Some((end, when));
        }
    }
    if tokens[k].is_capitalized() {
        if let Some(&day) = WEEKDAYS.iter().find(|d| **d == w) {
            return Some((k + 1, When::Day(None, day)));
        }
        if let Some(&(_, month)) = MONTHS.iter().find(|(m, _)| *m == w) {
            // "Oct. 17", "October 7", "October 18, 2023", "in October".
            let mut j = k + 1;
            if tokens.get(j).is_some_and(|t| t.text == ".") {
                j += 1;
            }
            let day = tokens
                .get(j)
                .filter(|t| t.kind == Kind::Number && t.text.len() <= 2)
                .and_then(|t| t.text.parse::<u32>().ok())
                .filter(|d| (1..=31).contains(d));
            if let Some(day) = day {
                let year = tokens
                    .get(j + 1)
                    .filter(|t| t.text == ",")
                    .and(tokens.get(j + 2))
                    .filter(|t| t.kind == Kind::Number && t.text.len() == 4)
                    .and_then(|t| t.text.parse::<i32>().ok());
                let end = if year.is_some() { j + 3 } else { j + 1 };
                let when =
                    match year.and_then(|y| Date::parse(&format!("{y:04}-{month:02}-{day:02}"))) {
                        Some(date) => When::Day(Some(date), ""),
                        None => When::MonthDay(month, day),
                    };
                return Some((end, when));
            }
            let prev = k.checked_sub(1).map(|p| tokens[p].norm.as_ref());
            if prev == Some("in") {
                let year = tokens
                    .get(k + 1)
                    .filter(|t| t.kind == Kind::Number && t.text.len() == 4)
                    .and_then(|t| t.text.parse::<i32>().ok());
                return Some((
                    k + 1 + usize::from(year.is_some()),
                    When::Month(month, year),
                ));
            }
        }
    }
    None
}

/// The most recent `weekday` on or before `published`.
fn resolve_weekday(published: Date, weekday: &str) -> Date {
    let Some(target) = WEEKDAYS.iter().position(|d| *d == weekday) else {
        return published;
    };
    // 1970-01-01 was a Thursday (index 3).
    let days = published.days();
    let today = (days + 3).rem_euclid(7) as usize;
    let back = (today + 7 - target) % 7;
    Date::from_days(days - back as i64)
}

/// Who the sentence attributes its figures to: "according to X", "X said",
/// "said X". The attribution nearest the number wins.
pub fn source(tokens: &[Token<'_>], q: &Quantity) -> Option<String> {
    source_of(&attributions(tokens), tokens.len(), q)
}

/// An attribution in a sentence: at token `k`, naming `name`.
#[derive(Debug, Clone)]
pub struct Attribution {
    k: usize,
    /// A verb of saying that closes its clause ("..., the ministry said.");
    /// one that opens another clause counts only before the number.
    opens: bool,
    name: String,
}

/// The words an attribution turns on: "according (to)" and the verbs of
/// saying [`attributions`] reads.
const ATTRIBUTING: &[&str] = &[
    "according",
    "said",
    "says",
    "say",
    "reported",
    "announced",
    "told",
    "estimated",
    "estimates",
    "added",
    "stated",
    "confirmed",
];

/// Forms of "be" before a participle: "was estimated at" is no
/// attribution.
const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being"];

/// Words that end a source read back from its verb, besides those of
/// `data/sources.yaml`: a time after the name ("the UN on Sunday said").
const TIME_WORDS: &[&str] = &[
    "yesterday",
    "today",
    "tonight",
    "morning",
    "evening",
    "afternoon",
    "night",
    "late",
    "early",
    "on",
];

/// A day of the week or another word of [`TIME_WORDS`].
fn time_word(t: &Token<'_>) -> bool {
    is_weekday(t) || word_set!(TIME_WORDS).has(t)
}

/// The attributions of a sentence, found once for all its figures.
pub fn attributions(tokens: &[Token<'_>]) -> Vec<Attribution> {
    let mut found = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        if !word_set!(ATTRIBUTING).has(t) {
            continue;
        }
        let w = t.norm.as_ref();
        let prev = k.checked_sub(1).map(|p| &tokens[p]);
        let next = tokens.get(k + 1);
        if w == "according" {
            if next.is_some_and(|n| n.norm == "to") {
                if let Some(name) = phrase_after(tokens, k + 2) {
                    found.push(Attribution {
                        k,
                        opens: false,
                        name,
                    });
                }
            }
            continue;
        }
        // "was estimated at $5.5 billion", "an estimated 10,000", "to say":
        // a participle, an adjective or an infinitive, not a statement.
        let passive = prev.is_some_and(|p| word_set!(BE).has(p));
        let adjective = matches!(w, "estimated" | "estimates")
            && (prev.is_some_and(|p| matches!(p.norm.as_ref(), "a" | "an" | "the" | "its"))
                || next.is_some_and(|n| n.kind == Kind::Number || n.norm == "at"));
        let infinitive = prev.is_some_and(|p| p.norm == "to");
        if passive || adjective || infinitive {
            continue;
        }
        // After the number, only a closing attribution counts ("..., the
        // ministry said."), not one that opens another clause ("which local
        // officials say has killed").
        let closing = next.is_none_or(|t| t.kind == Kind::Punct || time_word(t) || t.norm == "in")
            || (w == "told" && told_closes(tokens, k));
        // "..., said Mohammed Abu Salmiya.": an inverted attribution.
        let inverted = matches!(w, "said" | "says")
            && prev.is_some_and(|p| p.text == ",")
            && next.is_some_and(|t| t.is_capitalized() || t.norm == "the");
        let mut name = if inverted {
            phrase_after(tokens, k + 1)
        } else {
            phrase_before(tokens, k)
        };
        // "told AFP": with no speaker named, the outlet told.
        if name.is_none() && w == "told" && next.is_some_and(Token::is_capitalized) {
            name = phrase_after(tokens, k + 1);
        }
        if let Some(name) = name {
            found.push(Attribution {
                k,
                opens: !inverted && !closing,
                name,
            });
        }
    }
    found
}

/// Does "told X" at token `k` close its clause ("..., a spokesman told
/// AFP.", "told reporters on Monday.") rather than open one ("told AFP
/// that ...")?
fn told_closes(tokens: &[Token<'_>], k: usize) -> bool {
    for t in tokens.iter().skip(k + 1).take(5) {
        match t.kind {
            Kind::Punct => return true,
            Kind::Number => return false,
            Kind::Word if matches!(t.norm.as_ref(), "that" | "how") => return false,
            Kind::Word => {}
        }
    }
    false
}

/// The source of quantity `q` among a sentence's attributions: the
/// nearest within reach.
pub fn source_of(found: &[Attribution], tokens: usize, q: &Quantity) -> Option<String> {
    let from = q.qual_start.saturating_sub(2 * WINDOW);
    let to = tokens.min(q.last + 2 * WINDOW);
    found
        .iter()
        .filter(|a| a.k >= from && a.k < to && !(a.opens && a.k > q.last))
        .min_by_key(|a| {
            if a.k > q.last {
                2 * (a.k - q.last)
            } else {
                q.qual_start.saturating_sub(a.k)
            }
        })
        .map(|a| a.name.clone())
}

/// The name before a verb of saying, back to the start of its clause; a
/// time after the name ("the UN on Sunday") is not part of it.
fn phrase_before(tokens: &[Token<'_>], verb: usize) -> Option<String> {
    let words = &tables().sources;
    let mut start = verb;
    while start > 0 && verb - start < 12 {
        let t = &tokens[start - 1];
        let stop = match t.kind {
            Kind::Word => words.stops_before.has(t),
            Kind::Number => true,
            // A dash set apart by spaces ends a name ("Gaza City (AFP) -
            // The health ministry said").
            Kind::Punct => !matches!(t.text, "'" | "’" | "-" | "." | "&") || t.space_before,
        };
        if stop {
            break;
        }
        start -= 1;
    }
    let mut end = verb;
    while end > start && time_word(&tokens[end - 1]) {
        end -= 1;
    }
    // "the ministry on Sunday": cut at the time.
    if let Some(on) =
        (start..end).find(|&k| tokens[k].norm == "on" && tokens.get(k + 1).is_some_and(time_word))
    {
        end = on;
    }
    name(tokens, start, end)
}

/// The name after "according to", "told" or an inverted "said": up to
/// punctuation or a word that ends it; "figures released by the ministry"
/// gives the ministry.
fn phrase_after(tokens: &[Token<'_>], from: usize) -> Option<String> {
    let words = &tables().sources;
    let mut start = from;
    let mut end = from;
    while end < tokens.len() && end - start < 10 {
        let t = &tokens[end];
        let stop = match t.kind {
            Kind::Word => words.stops_after.has(t),
            Kind::Number => true,
            Kind::Punct => !matches!(t.text, "'" | "’" | "-" | "&" | ".") || t.space_before,
        };
        if t.kind == Kind::Word && words.hand_over.has(t) {
            start = end + 1;
        } else if t.kind == Kind::Word && words.participles.has(t) {
            // "plans made public by Moroccan authorities": the name is after
            // "by"; "an AFP tally based on ...": it is before the participle.
            let by =
                (end + 1..tokens.len().min(end + 3)).find(|&j| words.hand_over.has(&tokens[j]));
            match by {
                Some(j) => {
                    start = j + 1;
                    end = j;
                }
                None => break,
            }
        } else if stop {
            break;
        }
        end += 1;
    }
    // "released by the ministry": what follows "by" is the name; with a
    // participle before it, so is it ("made public by Moroccan
    // authorities").
    if start > from {
        let mut e = start;
        while e < tokens.len() && e - start < 8 {
            let t = &tokens[e];
            let stop = match t.kind {
                Kind::Word => words.stops_after.has(t),
                Kind::Number => true,
                Kind::Punct => !matches!(t.text, "'" | "’" | "-" | "&" | ".") || t.space_before,
            };
            if stop {
                break;
            }
            e += 1;
        }
        end = e;
    }
    name(tokens, start, end)
}

/// The text of tokens `start..end` as a source name, if it looks like one:
/// not a pronoun or a determiner alone, with a capital letter or a word of
/// an institution ("officials", "aid agencies", "local media").
fn name(tokens: &[Token<'_>], start: usize, end: usize) -> Option<String> {
    let words_of = &tables().sources;
    let mut words = tokens.get(start..end)?;
    // A final full stop ends the sentence, not an abbreviation.
    while let [rest @ .., last] = words {
        if last.text == "." {
            words = rest;
        } else {
            break;
        }
    }
    // "The Pentagon" is the Pentagon ("a defense official" keeps its
    // article).
    if let [first, rest @ ..] = words {
        if first.norm == "the" {
            words = rest;
        }
    }
    let first = words.first()?;
    if words.len() == 1 && words_of.pronouns.has(first) {
        return None;
    }
    let plausible = words
        .iter()
        .any(|t| (t.is_capitalized() && !words_of.pronouns.has(t)) || words_of.institutions.has(t));
    if !plausible {
        return None;
    }
    let mut text = String::with_capacity(words.iter().map(|t| t.text.len() + 1).sum());
    for (i, t) in words.iter().enumerate() {
        if i > 0 && t.space_before {
            text.push(' ');
        }
        // Curly apostrophes made straight.
        for (k, piece) in t.text.split('’').enumerate() {
            if k > 0 {
                text.push('\'');
            }
            text.push_str(piece);
        }
    }
    // Trimmed in place: the string made is the one returned.
    let outside = |c: char| !c.is_alphanumeric();
    let start = text.len() - text.trim_start_matches(outside).len();
    let end = text.trim_end_matches(outside).len();
    if end <= start {
        return None;
    }
    text.truncate(end);
    text.drain(..start);
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::super::number::find;
    use super::super::text::tokenize;
    use super::*;

    /// Scope and source of the first quantity of `s`, published `date`.
    fn first(s: &str, date: &str) -> (Option<String>, Option<String>) {
        let tokens = tokenize(s, 0, s.len());
        let q = find(&tokens, 0.1).remove(0);
        (scope(&tokens, &q, Date::parse(date)), source(&tokens, &q))
    }

    #[test]
    fn weekdays_and_month_days_resolve_against_the_publication_date() {
        // 2023-10-19 was a Thursday.
        let s = "Militias claimed two drone attacks on Wednesday.";
        assert_eq!(first(s, "2023-10-19").0.as_deref(), Some("2023-10-18"));
        let s = "Hamas killed 1,400 people in Israel on October 7.";
        assert_eq!(first(s, "2023-11-05").0.as_deref(), Some("2023-10-07"));
        assert_eq!(first(s, "2024-01-05").0.as_deref(), Some("2023-10-07"));
        let s = "The drones hit 3 sites on December 18, 2023.";
        assert_eq!(first(s, "2024-01-24").0.as_deref(), Some("2023-12-18"));
        let s = "On Saturday, four US personnel were wounded.";
        assert_eq!(first(s, "2024-01-24").0.as_deref(), Some("2024-01-20"));
    }

    #[test]
    fn tallies_and_no_time_have_no_scope() {
        let s = "US forces were attacked 62 times since October 17 in Iraq.";
        assert_eq!(first(s, "2023-11-05").0, None);
        assert_eq!(
            first("The US has 2,500 troops in Iraq.", "2023-11-05").0,
            None
        );
        let s = "The toll has reached 9,000 so far.";
        assert_eq!(first(s, "2023-11-05").0, None);
    }

    #[test]
    fn windows_and_statement_days() {
        let s = "There were four attacks in 24 hours.";
        assert_eq!(first(s, "2023-11-05").0.as_deref(), Some("2023-11-05"));
        let s = "Militias launched 11 attacks last week.";
        assert_eq!(first(s, "2023-11-05").0.as_deref(), Some("week-2023-11-05"));
        // The day the ministry spoke is not the day of the count.
        let s = "The ministry said on Tuesday that 9,000 people had been killed.";
        assert_eq!(first(s, "2023-11-05").0, None);
    }

    #[test]
    fn attributions_of_many_forms() {
        let source = |s: &str| first(s, "2023-11-05").1;
        for (s, want) in [
            ("At least 30 people died, according to local media.", "local media"),
            ("Some 200 homes were flooded, aid agencies said.", "aid agencies"),
            ("The ministry said in a statement that 40 people died.", "ministry"),
            ("At least 12 people died, officials said.", "officials"),
            (
                "At least 12 people died, a police spokesman told AFP.",
                "a police spokesman",
            ),
            ("\u{201c}We found 12 bodies,\u{201d} he told AFP.", "AFP"),
            ("The UN on Sunday said 4,000 people had died.", "UN"),
            (
                "About 50,000 homes will be rebuilt, according to plans made public by Moroccan authorities.",
                "Moroccan authorities",
            ),
            (
                "At least 30,000 people died, according to figures released by the health ministry on Monday.",
                "health ministry",
            ),
            (
                "Gaza City (AFP) - The health ministry said on Thursday that 30,000 people died.",
                "health ministry",
            ),
            (
                "An Israeli official said 20 rockets were fired.",
                "An Israeli official",
            ),
        ] {
            assert_eq!(source(s).as_deref(), Some(want), "{s}");
        }
        for s in [
            // An adjective, a participle, an infinitive: no attribution.
            "An estimated 10,000 people fled.",
            "The cost to rebuild was estimated at $5.5 billion.",
            "The UN revised a report to say 4,000 people had died.",
            // A document, not a source.
            "According to the statement, 50,000 homes collapsed.",
            "According to him, 20 people died.",
        ] {
            assert_eq!(source(s), None, "{s}");
        }
    }

    #[test]
    fn sources_are_attributions_near_the_figure() {
        let s = "Israeli attacks have killed more than 9,000 people in Gaza, according to the enclave's Health Ministry.";
        assert_eq!(
            first(s, "2023-11-05").1.as_deref(),
            Some("enclave's Health Ministry")
        );
        let s = "The Pentagon said 2,500 troops remain.";
        assert_eq!(first(s, "2023-11-05").1.as_deref(), Some("Pentagon"));
        let s = "At least 20 people were killed, said Mohammed Abu Salmiya.";
        assert_eq!(
            first(s, "2023-11-05").1.as_deref(),
            Some("Mohammed Abu Salmiya")
        );
        let s = "Hamas killed 1,400 people, and a war which local officials say has killed 3,500 followed.";
        assert_eq!(first(s, "2023-11-05").1, None);
        assert_eq!(first("They killed 20 people.", "2023-11-05").1, None);
    }
}
