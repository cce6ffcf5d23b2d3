//! Numbers: find the quantities in a sentence's tokens, with their
//! qualifiers and bounds.
//!
//! Takes the tokens of one sentence and returns [`Quantity`]s: digits
//! (`2,500`, `1.4 million`, `$2bn`, `40%`), number words (`twenty-five`,
//! `half a million`, `a dozen`), vague amounts (`dozens`, `hundreds of
//! thousands`), ranges (`between 3,000 and 4,000`), each with the qualifier
//! in front of it turned into bounds. Years, dates, clock times, ordinals,
//! durations, ages and identifiers are left out here or flagged for the
//! caller, who knows the lexicon. What a number counts is not decided here.

use super::lexicon::{data_words, word_set};
use super::text::{Kind, Token};
use crate::claim::Qualifier;

/// What a quantity is measured in, when the number itself says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A plain count.
    Count,
    /// A currency symbol or code goes with it.
    Money,
    /// `%`, `per cent`, `percent`.
    Percent,
    /// A unit of length or weight is attached (`30km`, `2,000-pound`).
    Measurement,
}

/// A quantity found in a sentence. Token indices are into the sentence's
/// tokens; `first..=last` is the number as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// First token of the number as written (a currency symbol included).
    pub first: usize,
    /// Last token of the number as written (scale word or `%` included).
    pub last: usize,
    /// First token of the qualifier (`first` when there is none).
    pub qual_start: usize,
    /// Central value; `None` for vague amounts.
    pub value: Option<f64>,
    /// Lower bound.
    pub lower: Option<f64>,
    /// Upper bound.
    pub upper: Option<f64>,
    /// The qualifier.
    pub qualifier: Qualifier,
    /// Whether the qualifier was written (not shared from a list).
    pub explicit_qualifier: bool,
    /// Unit, when the number says.
    pub unit: Unit,
    /// A four-digit number that reads like a year: a claim only if a counted
    /// noun follows.
    pub year_like: bool,
    /// The word `one`: a claim only if a counted noun follows.
    pub word_one: bool,
    /// A capitalised word stands before it (`Tower 22`): a claim only if a
    /// counted noun follows.
    pub identifier_like: bool,
    /// Too large to hold exactly: no value, no bounds.
    pub overflow: bool,
}

/// Is the token the name of a month (full or abbreviated)?
pub fn is_month(t: &Token<'_>) -> bool {
    word_set!(MONTHS).has(t)
}

/// Months, full and abbreviated, lowercase.
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Words after a number that make it a time span or an age, not a count.
const TIME_UNITS: &[&str] = &[
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
    "night",
    "nights",
    "weekend",
    "weekends",
    "fortnight",
    "fortnights",
    "hrs",
    "mins",
    "yrs",
];

/// Words after a number that make it a clock time.
const CLOCK: &[&str] = &[
    "a.m.", "p.m.", "am", "pm", "a.m", "p.m", "gmt", "utc", "est", "edt", "cet", "cest", "bst",
    "et", "pt", "ist", "o'clock", "local", "hrs",
];

/// Units of length and weight after a number.
const MEASUREMENT_UNITS: &[&str] = &[
    "km",
    "kms",
    "kilometre",
    "kilometres",
    "kilometer",
    "kilometers",
    "mile",
    "miles",
    "m",
    "metre",
    "metres",
    "meter",
    "meters",
    "kg",
    "kilogram",
    "kilograms",
    "ton",
    "tons",
    "tonne",
    "tonnes",
    "pound",
    "pounds",
    "lb",
    "lbs",
    "foot",
    "feet",
    "ft",
    "mm",
    "cm",
    "inch",
    "inches",
    "litre",
    "litres",
    "liter",
    "liters",
    "barrel",
    "barrels",
    "sq",
    "hectare",
    "hectares",
];

/// Hyphenated words after a number that keep it a count (`1,400-strong`).
const COUNT_SUFFIXES: &[&str] = &[
    "strong", "member", "man", "person", "nation", "vehicle", "ship",
];

/// Currency symbols and codes.
const CURRENCY_SYMBOLS: &[&str] = &["$", "£", "€", "¥", "₪", "₹", "₽"];
const CURRENCY_CODES: &[&str] = &["usd", "eur", "gbp", "us$", "nis", "ils", "sar", "aed"];

/// Qualifiers, longest first; each a phrase in lowercase words.
const QUALIFIERS: &[(&str, Qualifier)] = &[
    ("no fewer than", Qualifier::AtLeast),
    ("no less than", Qualifier::AtLeast),
    ("not less than", Qualifier::AtLeast),
    ("not fewer than", Qualifier::AtLeast),
    ("a minimum of", Qualifier::AtLeast),
    ("at least", Qualifier::AtLeast),
    ("at a minimum", Qualifier::AtLeast),
    ("no more than", Qualifier::AtMost),
    ("not more than", Qualifier::AtMost),
    ("a maximum of", Qualifier::AtMost),
    ("as many as", Qualifier::AtMost),
    ("as much as", Qualifier::AtMost),
    ("up to", Qualifier::AtMost),
    ("at most", Qualifier::AtMost),
    ("in excess of", Qualifier::MoreThan),
    ("upwards of", Qualifier::MoreThan),
    ("upward of", Qualifier::MoreThan),
    ("just over", Qualifier::MoreThan),
    ("well over", Qualifier::MoreThan),
    ("well above", Qualifier::MoreThan),
    ("more than", Qualifier::MoreThan),
    ("greater than", Qualifier::MoreThan),
    ("over", Qualifier::MoreThan),
    ("above", Qualifier::MoreThan),
    ("exceeding", Qualifier::MoreThan),
    ("exceeded", Qualifier::MoreThan),
    ("exceeds", Qualifier::MoreThan),
    ("surpassed", Qualifier::MoreThan),
    ("surpassing", Qualifier::MoreThan),
    ("surpasses", Qualifier::MoreThan),
    ("topped", Qualifier::MoreThan),
    ("tops", Qualifier::MoreThan),
    ("passed", Qualifier::MoreThan),
    ("passes", Qualifier::MoreThan),
    ("just under", Qualifier::Nearly),
    ("just below", Qualifier::Nearly),
    ("just shy of", Qualifier::Nearly),
    ("close to", Qualifier::Nearly),
    ("closer to", Qualifier::Nearly),
    ("nearly", Qualifier::Nearly),
    ("almost", Qualifier::Nearly),
    ("approaching", Qualifier::Nearly),
    ("fewer than", Qualifier::LessThan),
    ("less than", Qualifier::LessThan),
    ("under", Qualifier::LessThan),
    ("below", Qualifier::LessThan),
    ("in the region of", Qualifier::About),
    ("on the order of", Qualifier::About),
    ("more or less", Qualifier::About),
    ("an estimated", Qualifier::About),
    ("approximately", Qualifier::About),
    ("approx.", Qualifier::About),
    ("approx", Qualifier::About),
    ("estimated", Qualifier::About),
    ("roughly", Qualifier::About),
    ("around", Qualifier::About),
    ("about", Qualifier::About),
    ("circa", Qualifier::About),
    ("some", Qualifier::About),
];

/// Vague amounts: phrase, lower, upper.
const VAGUE: &[(&str, f64, f64)] = &[
    ("hundreds of thousands", 200_000.0, 999_999.0),
    ("tens of thousands", 20_000.0, 99_999.0),
    ("hundreds of millions", 200_000_000.0, 999_999_999.0),
    ("tens of millions", 20_000_000.0, 99_999_999.0),
    ("billions", 2_000_000_000.0, 9_999_999_999.0),
    ("millions", 2_000_000.0, 9_999_999.0),
    ("thousands", 2_000.0, 9_999.0),
    ("hundreds", 200.0, 999.0),
    ("dozens", 24.0, 99.0),
    ("scores", 40.0, 199.0),
    ("several", 3.0, 9.0),
    ("a handful", 2.0, 9.0),
    ("a few", 2.0, 9.0),
];

/// Capitalised words that may stand before a number without making it an
/// identifier.
const NOT_IDENTIFIER_HEADS: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "but",
    "or",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "of",
    "to",
    "from",
    "only",
    "just",
    "all",
    "another",
    "those",
    "these",
    "its",
    "their",
    "his",
    "her",
    "our",
    "some",
    "about",
    "nearly",
    "almost",
    "around",
    "over",
    "after",
    "before",
    "since",
    "when",
    "while",
    "as",
    "then",
    "now",
    "another",
    "last",
    "killing",
    "including",
    "and",
];

/// Number words up to nineteen.
const UNITS: &[(&str, u8)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
];

/// The tens in words.
const TENS: &[(&str, u8)] = &[
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

fn unit_value(w: &str) -> Option<f64> {
    UNITS
        .iter()
        .find(|(u, _)| *u == w)
        .map(|&(_, v)| f64::from(v))
}

fn tens_value(w: &str) -> Option<f64> {
    TENS.iter()
        .find(|(t, _)| *t == w)
        .map(|&(_, v)| f64::from(v))
}

/// Scale words after a number (`million`, `bn`), and their factor.
fn scale_value(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "mn" | "mln" => 1e6,
        "billion" | "bn" | "bln" => 1e9,
        "trillion" | "tn" | "trn" => 1e12,
        _ => return None,
    })
}

/// Can a quantity start at this word? Only if the word (its part before a
/// hyphen: "twenty" of "twenty-five") has the shape of a number word, a
/// vague amount's first word or a currency code. A look at the shape
/// passes over most words at once.
fn may_start(tok: &Token<'_>) -> bool {
    static SHAPES: std::sync::OnceLock<super::lexicon::Shapes> = std::sync::OnceLock::new();
    let shapes = SHAPES.get_or_init(|| {
        let mut words = vec![
            "a",
            "an",
            "half",
            "quarter",
            "three",
            "two",
            "hundreds",
            "tens",
            "thousands",
            "millions",
            "billions",
            "dozens",
            "scores",
            "several",
        ];
        words.extend(UNITS.iter().chain(TENS).map(|(w, _)| *w));
        words.extend(CURRENCY_CODES);
        super::lexicon::Shapes::of(&words)
    });
    shapes.may_hold_shape(tok.head_shape) || shapes.may_hold_shape(tok.shape)
}

/// A number without qualifier: token span, value, scale and unit.
#[derive(Debug, Clone, Copy)]
struct Simple {
    first: usize,
    /// Exclusive end token index.
    end: usize,
    value: f64,
    /// Factor a scale word applied (1 if none).
    scale: f64,
    unit: Unit,
    /// `one` alone.
    word_one: bool,
    /// A plain run of four digits.
    four_digits: bool,
    /// The token is itself a range (`3,000-4,000`): its upper end.
    inner_upper: Option<f64>,
}

impl Simple {
    /// A plain count over tokens `first..end`: no unit, not `one` alone,
    /// not a run of four digits, not a range.
    fn count(first: usize, end: usize, value: f64, scale: f64) -> Simple {
        Simple {
            first,
            end,
            value,
            scale,
            unit: Unit::Count,
            word_one: false,
            four_digits: false,
            inner_upper: None,
        }
    }
}

/// Finds the quantities in one sentence's tokens. `tolerance` is the
/// relative width given to "about".
pub fn find(tokens: &[Token<'_>], tolerance: f64) -> Vec<Quantity> {
    let mut out = Vec::new();
    // Asked for only by some figures: found the first time.
    let mut title_case: Option<bool> = None;
    let mut i = 0;
    while i < tokens.len() {
        // Most words start nothing: a look at their shape says so.
        if tokens[i].kind == Kind::Word && !may_start(&tokens[i]) {
            i += 1;
            continue;
        }
        if let Some(q) = vague_at(tokens, i) {
            i = q.last + 1;
            if !excluded_after(tokens, q.last + 1) {
                out.push(q);
            }
            continue;
        }
        let Some(a) = simple_at(tokens, i) else {
            i += 1;
            continue;
        };
        let (qualifier, qual_start) = qualifier_before(tokens, a.first);
        // A range: "between A and B", "A to B", "A-B", "A or B".
        let mut range: Option<Simple> = None;
        if let Some(upper) = a.inner_upper {
            range = Some(Simple { value: upper, ..a });
        } else if let Some(sep) = tokens.get(a.end) {
            let between = qualifier_word(tokens, qual_start, "between");
            let from = a.first > 0 && tokens[a.first - 1].norm == "from";
            let joins = match sep.norm.as_ref() {
                "and" => between,
                "to" => !from,
                "or" => true,
                "-" | "–" => !from,
                _ => false,
            };
            if joins {
                if let Some(b) = simple_at(tokens, a.end + 1) {
                    range = Some(b);
                }
            }
        }
        let (qualifier, qual_start) = match (qualifier, range.is_some()) {
            (_, true) if qualifier_word(tokens, qual_start, "between") => {
                (Some(Qualifier::Range), qual_start)
            }
            (None, false) if a.first > 0 && tokens[a.first - 1].norm == "between" => {
                (None, a.first)
            }
            (q, _) => (q, qual_start),
        };
        let mut q = match range {
            Some(b) => {
                let mut lo = a.value;
                let hi = b.value;
                // "3 to 4 million": the scale of the second applies to both.
                if a.scale == 1.0 && b.scale > 1.0 && a.inner_upper.is_none() {
                    lo *= b.scale;
                }
                if lo >= hi || lo.is_nan() || hi.is_nan() {
                    // "2-1", "5 or 4": not a range we can read.
                    i = b.end.max(a.end);
                    continue;
                }
                let unit = if a.unit == Unit::Count {
                    b.unit
                } else {
                    a.unit
                };
                let last = if a.inner_upper.is_some() {
                    a.end - 1
                } else {
                    b.end - 1
                };
                Quantity {
                    first: a.first,
                    last,
                    qual_start: if qualifier == Some(Qualifier::Range) {
                        qual_start
                    } else {
                        a.first
                    },
                    value: Some((lo + hi) / 2.0),
                    lower: Some(lo),
                    upper: Some(hi),
                    qualifier: Qualifier::Range,
                    explicit_qualifier: true,
                    unit,
                    year_like: false,
                    word_one: false,
                    identifier_like: false,
                    overflow: false,
                }
            }
            None => {
                let (qual, explicit) = match qualifier {
                    Some(q) => (q, true),
                    None => (Qualifier::Exact, false),
                };
                let (lower, upper) = bounds(qual, a.value, tolerance);
                Quantity {
                    first: a.first,
                    last: a.end - 1,
                    qual_start,
                    value: Some(a.value),
                    lower,
                    upper,
                    qualifier: qual,
                    explicit_qualifier: explicit,
                    unit: a.unit,
                    year_like: a.four_digits
                        && a.unit == Unit::Count
                        && (1000.0..=2100.0).contains(&a.value),
                    word_one: a.word_one,
                    identifier_like: false,
                    overflow: false,
                }
            }
        };
        i = q.last + 1;
        if q.value.is_some_and(f64::is_infinite) || q.lower.is_some_and(f64::is_infinite) {
            q.value = None;
            q.lower = None;
            q.upper = None;
            q.overflow = true;
            q.year_like = false;
        }
        if is_date_or_time(tokens, &q) || excluded_after(tokens, q.last + 1) {
            continue;
        }
        if !q.explicit_qualifier && q.unit != Unit::Money {
            let title_case = *title_case.get_or_insert_with(|| is_title_case(tokens));
            q.identifier_like = identifier_before(tokens, q.first, title_case);
        }
        out.push(q);
    }
    out
}

/// Bounds implied by a qualifier.
pub fn bounds(q: Qualifier, v: f64, tolerance: f64) -> (Option<f64>, Option<f64>) {
    // 100 × 1.1 is 110.00000000000001 in binary; bounds are rounded to 12
    // significant digits so that they print, and read back, as written.
    let round = |x: f64| {
        if x == 0.0 || !x.is_finite() {
            return x;
        }
        let scale = 10f64.powi(11 - x.abs().log10().floor() as i32);
        (x * scale).round() / scale
    };
    let (lo, hi) = bounds_raw(q, v, tolerance);
    if !matches!(q, Qualifier::About | Qualifier::Nearly) {
        return (lo, hi);
    }
    // Rounding must not move a bound past the value.
    (lo.map(|x| round(x).min(v)), hi.map(|x| round(x).max(v)))
}

fn bounds_raw(q: Qualifier, v: f64, tolerance: f64) -> (Option<f64>, Option<f64>) {
    match q {
        Qualifier::Exact => (Some(v), Some(v)),
        Qualifier::AtLeast | Qualifier::MoreThan => (Some(v), None),
        Qualifier::About => (Some(v * (1.0 - tolerance)), Some(v * (1.0 + tolerance))),
        Qualifier::Nearly => (Some(v * (1.0 - tolerance)), Some(v)),
        Qualifier::AtMost | Qualifier::LessThan => (Some(0.0), Some(v)),
        Qualifier::Range | Qualifier::Vague => (Some(v), Some(v)),
    }
}

fn qualifier_word(tokens: &[Token<'_>], at: usize, word: &str) -> bool {
    tokens.get(at).is_some_and(|t| t.norm == word)
}

/// Does the sentence look like a headline in Title Case?
fn is_title_case(tokens: &[Token<'_>]) -> bool {
    let (mut long, mut capitalized) = (0, 0);
    for t in tokens
        .iter()
        .filter(|t| t.kind == Kind::Word && t.text.len() > 3)
    {
        long += 1;
        capitalized += usize::from(t.is_capitalized());
    }
    long >= 3 && capitalized * 10 >= long * 7
}

/// A vague amount starting at token `i`.
fn vague_at(tokens: &[Token<'_>], i: usize) -> Option<Quantity> {
    // Every vague amount starts with one of these words.
    if !matches!(
        tokens[i].norm.as_ref(),
        "hundreds"
            | "tens"
            | "thousands"
            | "millions"
            | "billions"
            | "dozens"
            | "scores"
            | "several"
            | "a"
    ) {
        return None;
    }
    for &(phrase, lo, hi) in VAGUE {
        let Some(end) = match_phrase(tokens, i, phrase) else {
            continue;
        };
        let (mut lo, mut hi, mut last) = (lo, hi, end - 1);
        let next = tokens.get(end).map(|t| t.norm.as_ref());
        match phrase {
            // "scores" is a vague amount only in "scores of".
            "scores" if next != Some("of") => return None,
            // "several hundred", "a few thousand", "a handful of dozen".
            "several" | "a few" | "a handful" => {
                if let Some(f) =
                    next.and_then(|w| scale_value(w).or((w == "dozen").then_some(12.0)))
                {
                    lo *= f;
                    hi *= f;
                    last = end;
                } else if phrase == "a few" && next != Some("of") {
                    return None;
                }
            }
            _ => {}
        }
        // A qualifier before a vague amount ("some dozens") adds nothing to
        // its bounds, but belongs to the claim's wording.
        let qual_start = qualifier_before(tokens, i).1;
        return Some(Quantity {
            first: i,
            last,
            qual_start,
            value: None,
            lower: Some(lo),
            upper: Some(hi),
            qualifier: Qualifier::Vague,
            explicit_qualifier: true,
            unit: Unit::Count,
            year_like: false,
            word_one: false,
            identifier_like: false,
            overflow: false,
        });
    }
    None
}

/// If the words of `phrase` stand at token `i`, the index just past them.
pub(crate) fn match_phrase(tokens: &[Token<'_>], i: usize, phrase: &str) -> Option<usize> {
    // Each token's word is cut off the front of the phrase (a token never
    // holds a plain space).
    let mut rest = phrase;
    let mut j = i;
    loop {
        let word = tokens.get(j)?.norm.as_ref();
        // The first letters differ for most words: no string compared.
        if word.as_bytes().first() != rest.as_bytes().first() {
            return None;
        }
        rest = rest.strip_prefix(word)?;
        j += 1;
        if rest.is_empty() {
            return Some(j);
        }
        rest = rest.strip_prefix(' ')?;
    }
}

/// The qualifiers by their last word, each with its number of words, in
/// the order of [`QUALIFIERS`].
type ByLastWord = std::collections::HashMap<
    &'static str,
    Vec<(&'static str, Qualifier, usize)>,
    std::hash::BuildHasherDefault<super::lexicon::Fnv>,
>;

/// The qualifiers by their last word: most numbers follow none of them.
fn qualifiers_by_last_word() -> &'static ByLastWord {
    static MAP: std::sync::OnceLock<ByLastWord> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = ByLastWord::default();
        for &(phrase, q) in QUALIFIERS {
            let last = phrase.rsplit(' ').next().unwrap_or(phrase);
            let n = phrase.split(' ').count();
            map.entry(last).or_default().push((phrase, q, n));
        }
        map
    })
}

/// The qualifier ending just before token `first`, and where it starts.
fn qualifier_before(tokens: &[Token<'_>], first: usize) -> (Option<Qualifier>, usize) {
    // Every qualifier ends in one of these words; most numbers have none.
    let last = first.checked_sub(1).map(|p| tokens[p].norm.as_ref());
    let Some(last) = last else {
        return (None, first);
    };
    if last == "between" {
        return (None, first - 1);
    }
    let Some(candidates) = qualifiers_by_last_word().get(last) else {
        return (None, first);
    };
    for &(phrase, q, n) in candidates {
        if first < n {
            continue;
        }
        if match_phrase(tokens, first - n, phrase) == Some(first) {
            let start = first - n;
            // "came under 11 attacks", "went over 3 drafts": a verb's particle.
            let verb = start.checked_sub(1).map(|p| tokens[p].norm.as_ref());
            if matches!(phrase, "under" | "over")
                && matches!(
                    verb,
                    Some(
                        "came"
                            | "come"
                            | "comes"
                            | "coming"
                            | "went"
                            | "go"
                            | "is"
                            | "are"
                            | "was"
                            | "were"
                    )
                )
            {
                return (None, first);
            }
            // "has gone up to 2,497", "shot up to": a verb of motion
            // makes "up to" the level reached, not a bound.
            if phrase == "up to" && start > 0 && data_words!("rise_verbs").has(&tokens[start - 1]) {
                return (None, start);
            }
            // "between" before the qualifier belongs to a range.
            return (Some(q), start);
        }
    }
    if first > 0 && tokens[first - 1].norm == "between" {
        return (None, first - 1);
    }
    (None, first)
}

/// A number (digits or words) starting at token `i`, without qualifier.
fn simple_at(tokens: &[Token<'_>], i: usize) -> Option<Simple> {
    let tok = tokens.get(i)?;
    match tok.kind {
        Kind::Number => digits_at(tokens, i),
        Kind::Word => {
            // A currency code or "US$" before digits.
            if CURRENCY_CODES.contains(&tok.norm.as_ref())
                && tokens.get(i + 1).is_some_and(|t| t.kind == Kind::Number)
            {
                let mut s = digits_at(tokens, i + 1)?;
                s.first = i;
                s.unit = Unit::Money;
                return Some(s);
            }
            if !may_start(tok) {
                return None;
            }
            words_at(tokens, i)
        }
        Kind::Punct => {
            let next = tokens.get(i + 1)?;
            if next.kind == Kind::Number && CURRENCY_SYMBOLS.contains(&tok.text) {
                let mut s = digits_at(tokens, i + 1)?;
                s.first = i;
                s.unit = Unit::Money;
                // "US$2bn": the "US" belongs to the symbol.
                if i > 0 && tokens[i - 1].norm == "us" && !tok.space_before {
                    s.first = i - 1;
                }
                return Some(s);
            }
            None
        }
    }
}

/// The value of a run of digits with `,`/`.`/no-break-space separators, or
/// `None` if it is not a well-formed number (`1,2,3`, `1.2.3`).
fn parse_digits(s: &str) -> Option<f64> {
    match parse_plain_digits(s) {
        Some(v) => v,
        None => parse_digits_by_rules(s),
    }
}

/// [`parse_digits`] by its rules alone, character by character.
fn parse_digits_by_rules(s: &str) -> Option<f64> {
    // The digits as ASCII, with the decimal point, on the stack: at most a
    // byte a character, and a token has at most 256 characters (1,024
    // bytes), so the buffer always holds it.
    let mut clean = [0u8; 1024];
    if s.len() > clean.len() {
        return None;
    }
    let mut len = 0;
    // The digit groups: the first one's length, the current one's, and
    // whether a thousands group after the first was not three digits.
    let (mut first_group, mut group, mut groups) = (0usize, 0usize, 1usize);
    let mut bad_group = false;
    let mut dots = 0;
    // Ends the current group at a separator or the decimal point.
    let mut close = |group: usize, groups: &mut usize| {
        if *groups == 1 {
            first_group = group;
        } else if group != 3 {
            bad_group = true;
        }
        *groups += 1;
    };
    for c in s.chars() {
        if let Some(d) = digit_value(c) {
            clean[len] = b'0' + d;
            len += 1;
            group += 1;
        } else if c == ',' || c == '\u{a0}' || c == '\u{202f}' || c == '\u{2009}' || c == '\u{66c}'
        {
            if dots > 0 {
                return None;
            }
            close(group, &mut groups);
            group = 0;
        } else if c == '.' || c == '\u{66b}' {
            dots += 1;
            if dots > 1 {
                return None;
            }
            close(group, &mut groups);
            clean[len] = b'.';
            len += 1;
            group = 0;
        } else {
            return None;
        }
    }
    // Without a decimal point the last group is a thousands group too.
    if dots == 0 {
        close(group, &mut groups);
    }
    // Thousands groups after the first must have three digits.
    if bad_group || first_group == 0 {
        return None;
    }
    let clean = std::str::from_utf8(&clean[..len]).ok()?;
    // Integers past 15 digits are not exact in a float: no value rather
    // than a wrong one (see `OVERFLOW`).
    let int_digits = clean
        .split('.')
        .next()
        .unwrap_or("")
        .trim_start_matches('0')
        .len();
    if int_digits > 15 {
        return Some(OVERFLOW);
    }
    let v: f64 = clean.parse().ok()?;
    Some(if v.is_finite() { v } else { OVERFLOW })
}

/// [`parse_digits`] for the common case, ASCII digits with commas between
/// groups and at most 15 digits: `Some` of its answer, or `None` for the
/// general rules to read the text.
fn parse_plain_digits(s: &str) -> Option<Option<f64>> {
    let (mut value, mut digits) = (0u64, 0);
    // As in `parse_digits`: the first group's length, the current one's,
    // and whether a later group was not three digits.
    let (mut first_group, mut group, mut later, mut bad_group) = (0, 0, false, false);
    for b in s.bytes() {
        match b {
            b'0'..=b'9' => {
                value = value.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
                digits += 1;
                group += 1;
            }
            b',' => {
                if later {
                    bad_group |= group != 3;
                } else {
                    first_group = group;
                }
                later = true;
                group = 0;
            }
            _ => return None,
        }
    }
    if digits > 15 {
        return None;
    }
    if later {
        bad_group |= group != 3;
    } else {
        first_group = group;
    }
    Some((!bad_group && first_group > 0).then_some(value as f64))
}

/// The value of a number too large to hold exactly ("10^400", 40 digits):
/// kept as written, with no value and no bounds, and marked as overflowed.
pub const OVERFLOW: f64 = f64::INFINITY;

/// ASCII, Arabic-Indic and extended Arabic-Indic digits.
fn digit_value(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '\u{660}'..='\u{669}' => Some((c as u32 - 0x660) as u8),
        '\u{6f0}'..='\u{6f9}' => Some((c as u32 - 0x6f0) as u8),
        _ => None,
    }
}

/// A number written in digits at token `i`, with a scale word and a unit
/// after it.
fn digits_at(tokens: &[Token<'_>], i: usize) -> Option<Simple> {
    let tok = &tokens[i];
    let text = tok.text;
    // ".5 million": a leading decimal point is part of the number.
    let point = i > 0
        && tokens[i - 1].text == "."
        && !tok.space_before
        && (i == 1 || tokens[i - 1].space_before);
    if point {
        let digits = text
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap_or("");
        if digits.is_empty() || digits.len() != text.len() {
            return None;
        }
        let value: f64 = format!("0.{digits}").parse().ok()?;
        let mut end = i + 1;
        let mut scale = 1.0;
        if let Some(f) = tokens.get(end).and_then(|t| scale_value(&t.norm)) {
            scale = f;
            end += 1;
        }
        return Some(Simple::count(i - 1, end, value * scale, scale));
    }
    // "000", "007": a code or a group cut from its number, not a count.
    let b = text.as_bytes();
    if b.len() > 1 && b[0] == b'0' && b[1].is_ascii_digit() {
        return None;
    }
    // Split the numeric part from a letter or hyphen suffix.
    let ascii_split = text
        .bytes()
        .position(|b| !(b.is_ascii_digit() || b == b',' || b == b'.'));
    let split = match ascii_split {
        // An ASCII letter or mark ends the number; so does the end.
        Some(k) if text.as_bytes()[k].is_ascii() => k,
        None => text.len(),
        // Other digits and separators are not ASCII.
        Some(_) => text
            .char_indices()
            .find(|&(_, c)| {
                !(digit_value(c).is_some() || ",.\u{a0}\u{202f}\u{2009}\u{66b}\u{66c}".contains(c))
            })
            .map_or(text.len(), |(k, _)| k),
    };
    let (num, suffix) = text.split_at(split);
    let num = num.trim_end_matches([',', '.']);
    let mut value = parse_digits(num)?;
    let four_digits = num.len() == 4 && num.bytes().all(|b| b.is_ascii_digit());
    let mut scale = 1.0;
    let mut unit = Unit::Count;
    let mut inner_upper = None;
    let suffix_lower = if suffix.is_empty() {
        String::new()
    } else {
        suffix.to_lowercase()
    };
    if let Some(rest) = suffix_lower.strip_prefix('-') {
        if let Some(upper) = parse_digits(rest) {
            inner_upper = Some(upper);
        } else {
            let word = rest.split('-').next().unwrap_or("");
            if COUNT_SUFFIXES.contains(&word) {
                // "1,400-strong force": a count of what follows.
            } else if MEASUREMENT_UNITS.contains(&word) {
                unit = Unit::Measurement;
            } else {
                return None;
            }
        }
    } else if !suffix_lower.is_empty() {
        if let Some(f) = scale_value(&suffix_lower).or(match suffix_lower.as_str() {
            "m" => Some(1e6),
            "b" => Some(1e9),
            "k" => Some(1e3),
            _ => None,
        }) {
            scale = f;
        } else if MEASUREMENT_UNITS.contains(&suffix_lower.as_str()) {
            unit = Unit::Measurement;
        } else {
            // Ordinals (2nd), decades (1980s), codes (4x4, 2330GMT).
            return None;
        }
    }
    let mut end = i + 1;
    if scale == 1.0 && inner_upper.is_none() {
        if let Some(f) = tokens.get(end).and_then(|t| scale_value(&t.norm)) {
            scale = f;
            end += 1;
            // "1.5 million" may be followed by another scale: "1 hundred thousand".
            if let Some(g) = tokens.get(end).and_then(|t| scale_value(&t.norm)) {
                if g > f {
                    scale *= g;
                    end += 1;
                }
            }
        }
    }
    value *= scale;
    if let Some(u) = inner_upper.as_mut() {
        *u *= scale;
    }
    // Percent after the number.
    if let Some(t) = tokens.get(end) {
        if t.text == "%" || t.text == "٪" || t.norm == "percent" || t.norm == "pct" {
            unit = Unit::Percent;
            end += 1;
        } else if t.norm == "per" && tokens.get(end + 1).is_some_and(|n| n.norm == "cent") {
            unit = Unit::Percent;
            end += 2;
        }
    }
    Some(Simple {
        first: i,
        end,
        value,
        scale,
        unit,
        word_one: false,
        four_digits: four_digits && scale == 1.0 && unit == Unit::Count,
        inner_upper,
    })
}

/// A number written in words at token `i`: `twenty-five`, `two hundred
/// and fifty`, `a dozen`, `half a million`, `three thousand`.
fn words_at(tokens: &[Token<'_>], i: usize) -> Option<Simple> {
    let norm = |k: usize| tokens.get(k).map(|t| t.norm.as_ref());
    let first = norm(i)?;
    let number_word = |w: &str| {
        unit_value(w).is_some()
            || tens_value(w).is_some()
            || w.split_once('-')
                .is_some_and(|(t, _)| tens_value(t).is_some())
    };
    if !(number_word(first)
        || matches!(
            first,
            "a" | "an" | "half" | "quarter" | "three-quarters" | "two-thirds"
        ))
    {
        return None;
    }
    // "a quarter of a million", "three-quarters of a million", "a third of
    // a million": a fraction of a scale.
    let (frac_at, fraction) = match (first, norm(i + 1)) {
        ("a", Some("quarter")) => (i + 1, Some(0.25)),
        ("a", Some("third")) => (i + 1, Some(1.0 / 3.0)),
        ("quarter", _) => (i, Some(0.25)),
        ("three-quarters", _) => (i, Some(0.75)),
        ("two-thirds", _) => (i, Some(2.0 / 3.0)),
        _ => (i, None),
    };
    if let Some(fraction) = fraction {
        let of_a = norm(frac_at + 1) == Some("of") && matches!(norm(frac_at + 2), Some("a" | "an"));
        let f = norm(frac_at + 3)
            .and_then(scale_value)
            .filter(|f| *f >= 1e3);
        return match (of_a, f) {
            (true, Some(f)) => Some(Simple::count(i, frac_at + 4, (fraction * f).round(), f)),
            _ => None,
        };
    }
    // "half a dozen"
    if first == "half" && matches!(norm(i + 1), Some("a" | "an")) && norm(i + 2) == Some("dozen") {
        return Some(Simple::count(i, i + 3, 6.0, 1.0));
    }
    // "half a million"
    if first == "half" && matches!(norm(i + 1), Some("a" | "an")) {
        let f = norm(i + 2).and_then(scale_value)?;
        if f < 1e3 {
            return None;
        }
        return Some(Simple::count(i, i + 3, 0.5 * f, f));
    }
    let mut total = 0.0;
    let mut current = 0.0;
    let mut j = i;
    let mut any = false;
    let mut last_was_small = false;
    let mut scale: f64 = 1.0;
    // "a hundred", "a dozen", "a million".
    if matches!(first, "a" | "an") {
        let next = norm(i + 1)?;
        if scale_value(next).is_none() && next != "dozen" {
            return None;
        }
        current = 1.0;
        j = i + 1;
    }
    while let Some(w) = norm(j) {
        if tokens[j].kind != Kind::Word {
            break;
        }
        // "twenty-five": every part a number word.
        let parts: Vec<&str> = w.split('-').collect();
        if parts.len() > 1 {
            if any
                || !(parts.len() == 2
                    && tens_value(parts[0]).is_some()
                    && unit_value(parts[1]).is_some_and(|u| u < 10.0))
            {
                break;
            }
            current += tens_value(parts[0]).unwrap_or(0.0) + unit_value(parts[1]).unwrap_or(0.0);
            any = true;
            last_was_small = true;
            j += 1;
            continue;
        }
        if let Some(v) = unit_value(w) {
            if last_was_small && (current % 10.0 != 0.0 || v >= 10.0) {
                break;
            }
            current += v;
            last_was_small = true;
        } else if let Some(v) = tens_value(w) {
            if last_was_small {
                break;
            }
            current += v;
            last_was_small = true;
        } else if w == "hundred" {
            if current == 0.0 && !any && j != i + 1 {
                break;
            }
            current = current.max(1.0) * 100.0;
            last_was_small = false;
            scale = scale.max(100.0);
        } else if w == "dozen" {
            if current == 0.0 && j != i + 1 {
                break;
            }
            current = current.max(1.0) * 12.0;
            last_was_small = false;
        } else if let Some(f) = scale_value(w) {
            if current == 0.0 && total == 0.0 && !any && j != i + 1 {
                break;
            }
            total += current.max(1.0) * f;
            current = 0.0;
            last_was_small = false;
            scale = scale.max(f);
        } else if w == "and" && any && !last_was_small {
            // "two hundred and fifty"
            let next = norm(j + 1).unwrap_or("");
            if unit_value(next).is_some()
                || tens_value(next).is_some()
                || next.contains('-') && tens_value(next.split('-').next().unwrap_or("")).is_some()
            {
                j += 1;
                continue;
            }
            break;
        } else {
            break;
        }
        any = true;
        j += 1;
    }
    if !any {
        return None;
    }
    // "two and a half thousand", "one and a half million".
    if norm(j) == Some("and") && norm(j + 1) == Some("a") && norm(j + 2) == Some("half") {
        if let Some(f) = norm(j + 3).and_then(scale_value).filter(|f| *f >= 1e3) {
            if total == 0.0 && current > 0.0 {
                return Some(Simple::count(i, j + 4, (current + 0.5) * f, f));
            }
        }
        // Without a scale, "two and a half" is not a whole count: leave it.
        return None;
    }
    let value = total + current;
    if value == 0.0 {
        return None;
    }
    Some(Simple {
        first: i,
        end: j,
        value,
        scale,
        unit: Unit::Count,
        word_one: j == i + 1 && first == "one",
        four_digits: false,
        inner_upper: None,
    })
}

/// Is the quantity part of a date or a clock time?
fn is_date_or_time(tokens: &[Token<'_>], q: &Quantity) -> bool {
    let first = &tokens[q.first];
    // "aged 45", "aged seven", "aged between 4 and 9".
    let aged = |k: usize| matches!(tokens[k].norm.as_ref(), "aged" | "age" | "ages");
    if (q.qual_start > 0 && aged(q.qual_start - 1)) || (q.first > 0 && aged(q.first - 1)) {
        return true;
    }
    if first.kind != Kind::Number {
        return false;
    }
    let small = q.lower.is_some_and(|v| v <= 31.0 && v.fract() == 0.0);
    // "Oct 17", "Oct. 17", "October 7", "Oct 17-30".
    let mut p = q.first;
    if p > 0 && tokens[p - 1].text == "." {
        p -= 1;
    }
    let month = |t: &Token<'_>| t.is_capitalized() && MONTHS.contains(&t.norm.as_ref());
    if small && p > 0 && month(&tokens[p - 1]) {
        return true;
    }
    // "7 October", "7 Oct."
    if small && tokens.get(q.last + 1).is_some_and(month) {
        return true;
    }
    // "2:30", "14:00": a colon between digits.
    let colon_after = tokens.get(q.last + 1).is_some_and(|t| t.text == ":")
        && tokens
            .get(q.last + 2)
            .is_some_and(|t| t.kind == Kind::Number && !t.space_before);
    let colon_before = q.first >= 2
        && tokens[q.first - 1].text == ":"
        && !first.space_before
        && tokens[q.first - 2].kind == Kind::Number;
    if colon_after || colon_before {
        return true;
    }
    // "9/11", "24/7", "1/3"
    let slash_after = tokens.get(q.last + 1).is_some_and(|t| t.text == "/")
        && tokens
            .get(q.last + 2)
            .is_some_and(|t| t.kind == Kind::Number);
    let slash_before =
        q.first >= 2 && tokens[q.first - 1].text == "/" && tokens[q.first - 2].kind == Kind::Number;
    if slash_after || slash_before {
        return true;
    }
    // "2330 GMT", "10 a.m."
    if tokens
        .get(q.last + 1)
        .is_some_and(|t| CLOCK.contains(&t.norm.as_ref()))
    {
        return true;
    }
    // "Sgt. William Rivers, 46, and Spc. Kennedy Sanders, 24": an age after
    // a name, set off by commas.
    let name_before =
        q.first >= 2 && tokens[q.first - 1].text == "," && tokens[q.first - 2].is_capitalized();
    let closes = tokens
        .get(q.last + 1)
        .is_none_or(|t| matches!(t.text, "," | "." | ")" | ";") || t.norm == "and");
    if name_before
        && closes
        && !q.explicit_qualifier
        && q.unit == Unit::Count
        && q.value.is_some_and(|v| (1.0..=110.0).contains(&v))
    {
        return true;
    }
    // "aged 45", "aged between 4 and 9", "No. 5", "#3"
    let aged = |k: usize| matches!(tokens[k].norm.as_ref(), "aged" | "age" | "ages");
    if q.qual_start > 0 && aged(q.qual_start - 1) {
        return true;
    }
    if q.first > 0 {
        let prev = &tokens[q.first - 1];
        if aged(q.first - 1) || prev.text == "#" {
            return true;
        }
        if prev.text == "."
            && q.first >= 2
            && matches!(tokens[q.first - 2].norm.as_ref(), "no" | "nos")
        {
            return true;
        }
    }
    false
}

/// Is the quantity followed by a time unit (a duration or an age)?
fn excluded_after(tokens: &[Token<'_>], mut k: usize) -> bool {
    // Skip a few adjectives: "24 straight hours", "two more years".
    for _ in 0..2 {
        match tokens.get(k).map(|t| t.norm.as_ref()) {
            Some(
                "more" | "full" | "long" | "straight" | "consecutive" | "whole" | "further"
                | "additional" | "previous" | "past" | "next" | "-",
            ) => k += 1,
            _ => break,
        }
    }
    tokens.get(k).is_some_and(|t| {
        let w = t.norm.as_ref();
        word_set!(TIME_UNITS).has(t) || w.ends_with("-year-old") || w.ends_with("-years-old")
    })
}

/// Is there a capitalised word just before (`Tower 22`, `Resolution
/// 2334`)? In a Title Case headline only known identifier heads count.
fn identifier_before(tokens: &[Token<'_>], first: usize, title_case: bool) -> bool {
    let Some(prev) = first.checked_sub(1).map(|p| &tokens[p]) else {
        return false;
    };
    if !prev.is_capitalized() || prev.possessive {
        return false;
    }
    let w = prev.norm.as_ref();
    if word_set!(NOT_IDENTIFIER_HEADS).has(prev) || word_set!(MONTHS).has(prev) {
        return false;
    }
    if title_case {
        return matches!(
            w,
            "resolution"
                | "tower"
                | "flight"
                | "route"
                | "article"
                | "section"
                | "chapter"
                | "level"
                | "gate"
                | "camp"
                | "building"
                | "unit"
                | "brigade"
                | "division"
                | "battalion"
                | "highway"
                | "road"
        );
    }
    true
}

#[cfg(test)]
mod tests {
    use super::super::text::tokenize;
    use super::*;

    #[test]
    fn plain_digits_read_as_the_rules_read_them() {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..8 {
            last = last
                .iter()
                .flat_map(|s| ['0', '1', '9', ','].map(|c| format!("{s}{c}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all.extend(
            [
                "123456789012345",
                "1234567890123456",
                "999,999,999,999,999",
                "9,999,999,999,999,999",
            ]
            .map(String::from),
        );
        for s in all {
            if let Some(v) = parse_plain_digits(&s) {
                assert_eq!(v, parse_digits_by_rules(&s), "{s:?}");
            }
        }
        assert_eq!(parse_digits("2,500"), Some(2500.0));
        assert_eq!(parse_digits("2,50"), None);
        assert_eq!(parse_digits(",500"), None);
    }

    /// (number as written, value, lower, upper, qualifier).
    type Found = (String, Option<f64>, Option<f64>, Option<f64>, &'static str);

    /// Each quantity of `s`.
    fn q(s: &str) -> Vec<Found> {
        let toks = tokenize(s, 0, s.len());
        find(&toks, 0.1)
            .into_iter()
            .filter(|q| !q.year_like && !q.identifier_like)
            .map(|q| {
                let text = s[toks[q.first].start..toks[q.last].end()].to_string();
                (text, q.value, q.lower, q.upper, q.qualifier.as_str())
            })
            .collect()
    }

    fn one(s: &str) -> Found {
        let mut all = q(s);
        assert_eq!(all.len(), 1, "{s}: {all:?}");
        all.remove(0)
    }

    fn value(s: &str) -> f64 {
        one(s).1.unwrap()
    }

    #[test]
    fn digits_with_separators_and_decimals() {
        assert_eq!(value("2,500 troops"), 2500.0);
        assert_eq!(value("360,000 reservists"), 360_000.0);
        assert_eq!(value("a 9.7 rise"), 9.7);
        assert_eq!(value("1,234,567 people"), 1_234_567.0);
    }

    #[test]
    fn scales_currency_and_percent() {
        assert_eq!(one("1.4 million people").0, "1.4 million");
        assert_eq!(value("1.4 million people"), 1_400_000.0);
        let (text, v, ..) = one("a $2bn package");
        assert_eq!((text.as_str(), v), ("$2bn", Some(2e9)));
        assert_eq!(value("US$3.5 billion"), 3.5e9);
        assert_eq!(one("US$3.5 billion").0, "US$3.5 billion");
        assert_eq!(one("grew 3.5 per cent").0, "3.5 per cent");
        assert_eq!(value("grew 3.5 per cent"), 3.5);
        assert_eq!(one("about 40% of homes").0, "40%");
        assert_eq!(value("£5m in aid"), 5e6);
        assert_eq!(value("20 percent"), 20.0);
    }

    #[test]
    fn units_are_kept_on_the_quantity() {
        let toks = tokenize("$2bn and 40%", 0, 12);
        let found = find(&toks, 0.1);
        assert_eq!(found[0].unit, Unit::Money);
        assert_eq!(found[1].unit, Unit::Percent);
    }

    #[test]
    fn number_words() {
        assert_eq!(value("four US personnel"), 4.0);
        assert_eq!(value("ninety-nine"), 99.0);
        assert_eq!(value("twenty-five soldiers"), 25.0);
        assert_eq!(value("twenty five soldiers"), 25.0);
        assert_eq!(value("two hundred people"), 200.0);
        assert_eq!(value("two hundred and fifty people"), 250.0);
        assert_eq!(value("three thousand people"), 3000.0);
        assert_eq!(value("half a million refugees"), 500_000.0);
        assert_eq!(one("half a million refugees").0, "half a million");
        assert_eq!(value("a dozen drones"), 12.0);
        assert_eq!(one("a dozen drones").0, "a dozen");
        assert_eq!(value("two dozen rockets"), 24.0);
        assert_eq!(value("a hundred rockets"), 100.0);
        assert_eq!(value("eleven"), 11.0);
        assert!(q("a year of calm").is_empty());
        assert!(q("an attack").is_empty());
    }

    #[test]
    fn vague_amounts_have_bounds_and_no_value() {
        let cases = [
            ("dozens of attacks", "dozens", 24.0, 99.0),
            ("scores of people", "scores", 40.0, 199.0),
            ("hundreds of attacks", "hundreds", 200.0, 999.0),
            ("thousands fled", "thousands", 2000.0, 9999.0),
            (
                "tens of thousands of people",
                "tens of thousands",
                20_000.0,
                99_999.0,
            ),
            (
                "killed hundreds of thousands",
                "hundreds of thousands",
                200_000.0,
                999_999.0,
            ),
            ("several drones", "several", 3.0, 9.0),
            ("a handful of troops", "a handful", 2.0, 9.0),
            ("several hundred troops", "several hundred", 300.0, 900.0),
        ];
        for (s, text, lo, hi) in cases {
            assert_eq!(
                one(s),
                (text.to_string(), None, Some(lo), Some(hi), "vague"),
                "{s}"
            );
        }
        assert!(q("settling scores").is_empty());
        assert!(q("a few people").is_empty());
    }

    #[test]
    fn ranges() {
        assert_eq!(
            one("between 3,000 and 4,000 troops"),
            (
                "3,000 and 4,000".into(),
                Some(3500.0),
                Some(3000.0),
                Some(4000.0),
                "range"
            )
        );
        assert_eq!(one("3,000 to 4,000 troops").2, Some(3000.0));
        assert_eq!(
            one("3,000-4,000 troops"),
            (
                "3,000-4,000".into(),
                Some(3500.0),
                Some(3000.0),
                Some(4000.0),
                "range"
            )
        );
        assert_eq!(one("3,000 – 4,000 troops").3, Some(4000.0));
        assert_eq!(one("two or three drones").4, "range");
        assert_eq!(one("3 to 4 million people").2, Some(3e6));
        // A change, not a range.
        assert_eq!(q("rose from 3,500 to 9,000").len(), 2);
    }

    #[test]
    fn qualifiers_become_bounds() {
        let cases: &[(&str, &str, Option<f64>, Option<f64>)] = &[
            ("at least 1,400", "at_least", Some(1400.0), None),
            ("no fewer than 20", "at_least", Some(20.0), None),
            ("more than 9,000", "more_than", Some(9000.0), None),
            ("over 200", "more_than", Some(200.0), None),
            ("upwards of 300", "more_than", Some(300.0), None),
            ("about 150", "about", Some(135.0), Some(165.0)),
            ("around 100", "about", Some(90.0), Some(110.0)),
            ("roughly 100", "about", Some(90.0), Some(110.0)),
            ("approximately 100", "about", Some(90.0), Some(110.0)),
            ("some 100", "about", Some(90.0), Some(110.0)),
            ("an estimated 100", "about", Some(90.0), Some(110.0)),
            ("nearly 100", "nearly", Some(90.0), Some(100.0)),
            ("almost 100", "nearly", Some(90.0), Some(100.0)),
            ("close to 100", "nearly", Some(90.0), Some(100.0)),
            ("up to 100", "at_most", Some(0.0), Some(100.0)),
            ("as many as 100", "at_most", Some(0.0), Some(100.0)),
            ("fewer than 100", "less_than", Some(0.0), Some(100.0)),
            ("less than 100", "less_than", Some(0.0), Some(100.0)),
            ("under 100", "less_than", Some(0.0), Some(100.0)),
        ];
        for &(s, qual, lo, hi) in cases {
            let (_, _, l, u, qq) = one(s);
            assert_eq!(qq, qual, "{s}");
            assert!(
                l.zip(lo).map_or(l == lo, |(a, b)| (a - b).abs() < 1e-6),
                "{s}: {l:?}"
            );
            assert!(
                u.zip(hi).map_or(u == hi, |(a, b)| (a - b).abs() < 1e-6),
                "{s}: {u:?}"
            );
        }
    }

    #[test]
    fn years_are_flagged() {
        let toks = tokenize("in 2014 and 2018", 0, 16);
        assert!(find(&toks, 0.1).iter().all(|q| q.year_like));
    }

    #[test]
    fn dates_and_times_are_not_quantities() {
        for s in [
            "on Oct. 17",
            "on October 7",
            "December 18, 2023",
            "Oct 17-30",
            "on 7 October",
            "at 2:30 a.m.",
            "at roughly 2:30 a.m. (2330 GMT)",
            "at 10 pm",
            "the 9/11 attacks",
            "a 45-year-old man",
            "aged 45",
            "for 24 hours",
            "over the past three days",
            "two more years",
            "the third drone",
            "the 2nd battalion",
            "in the 1980s",
        ] {
            assert!(q(s).is_empty(), "{s}: {:?}", q(s));
        }
    }

    #[test]
    fn identifiers_are_flagged() {
        for s in ["Tower 22", "Resolution 2334", "Flight 370"] {
            let toks = tokenize(s, 0, s.len());
            assert!(
                find(&toks, 0.1)
                    .iter()
                    .all(|q| q.identifier_like || q.year_like),
                "{s}"
            );
        }
        // Letters joined to digits are words, never numbers.
        assert!(q("APT-42 and F-16 and MQ-9").is_empty());
        // In a headline, a capitalised verb is not an identifier head.
        assert_eq!(q("Iran Fires 180 Missiles at Israel").len(), 1);
    }

    /// Found in review: fractions, "and a half", leading points, zero
    /// groups and Arabic separators gave wrong numbers.
    #[test]
    fn regression_review_fractions_and_separators() {
        assert_eq!(value("half a dozen drones"), 6.0);
        assert_eq!(value("two and a half thousand troops"), 2500.0);
        assert_eq!(value("one and a half million people"), 1_500_000.0);
        assert_eq!(value("a quarter of a million people"), 250_000.0);
        assert_eq!(value("three-quarters of a million people"), 750_000.0);
        assert_eq!(one("some .5 million troops").0, ".5 million");
        assert_eq!(value("some .5 million troops"), 500_000.0);
        assert!(q("two and a half").is_empty());
        assert!(q("000 troops").is_empty());
        assert_eq!(value("\u{663}\u{66c}\u{665}\u{660}\u{660} people"), 3500.0);
        assert_eq!(value("\u{663}\u{66b}\u{665} per cent"), 3.5);
    }

    #[test]
    fn one_is_flagged() {
        let toks = tokenize("one of them", 0, 11);
        assert!(find(&toks, 0.1)[0].word_one);
        assert!(q("one-way trip").is_empty());
    }
}
