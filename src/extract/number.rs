//! Numbers: find the quantities in a sentence's tokens, with their
//! qualifiers and bounds.
//!
//! Takes the tokens of one sentence and returns [`Quantity`]s: digits
//! (`2,500`, `1.4 million`, `$2bn`, `40%`, `2 500`, `1,50,000`, `2.5
//! lakh`, `-1.3%`), number words (`twenty-five`, `half a million`, `a
//! dozen`, `twenty-eight thousand six hundred forty-two`, `four-thousand-318`),
//! vague amounts (`dozens`, `hundreds of thousands`), ranges (`between 3,000
//! and 4,000`, `$1-2 billion`), each with the qualifier in front of it (or
//! behind it: `10,000 or more`) turned into bounds, the currency of money
//! (`US$`, `€`, `dirhams`, `164p`), the unit of a measured quantity (`10km`,
//! `50 mph`) and its place in a change (`rose 9.4% to $84`: a change `up`
//! and a level `to`). Years, dates, clock times, ordinals, durations, ages,
//! readings on a scale (`magnitude 6.8`), street addresses and phone
//! numbers are left out here; identifiers (`Tower 22`, `iPhone 11`,
//! `category 4`) are flagged for the caller, who knows the lexicon. What a
//! number counts is not decided here. The word lists are in `data/`
//! ([`super::tables`]).

use super::lexicon::word_set;
use super::tables::{tables, ChangeWord};
use super::text::{Kind, Token};
use crate::claim::{Change, Qualifier};

/// What a quantity is measured in, when the number itself says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A plain count.
    Count,
    /// A currency symbol, code or name goes with it.
    Money,
    /// `%`, `per cent`, `percent`, `24pc`.
    Percent,
    /// A unit of measurement is attached (`30km`, `2,000-pound`, `50 mph`).
    Measurement,
}

/// What the wording says of a quantity besides its value and bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Detail {
    /// For money, the ISO 4217 code of the currency written.
    pub currency: Option<&'static str>,
    /// For a measured quantity, its unit (`km`, `mph`, `GB`).
    pub unit: Option<&'static str>,
    /// Its place in a change ("rose 9.4% to $84").
    pub change: Option<Change>,
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
    /// A name or a word that names a numbered thing stands before it
    /// (`Tower 22`, `iPhone 11`, `category 4`): a claim only if a counted
    /// noun follows.
    pub identifier_like: bool,
    /// Too large to hold exactly: no value, no bounds.
    pub overflow: bool,
    /// Currency, unit of measurement and change.
    pub detail: Detail,
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

/// Hyphenated words after a number that keep it a count (`1,400-strong`).
const COUNT_SUFFIXES: &[&str] = &[
    "strong", "member", "man", "person", "nation", "vehicle", "ship",
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

/// Scale words after a number (`million`, `bn`, `lakh`), and their factor.
fn scale_value(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "lakh" | "lakhs" | "lac" | "lacs" => 1e5,
        "million" | "mn" | "mln" => 1e6,
        "crore" | "crores" | "cr" => 1e7,
        "billion" | "bn" | "bln" => 1e9,
        "trillion" | "tn" | "trn" => 1e12,
        _ => return None,
    })
}

/// Words a number in words or a vague amount may start with, besides the
/// number words.
const START_WORDS: &[&str] = &[
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
    "minus",
];

/// Can a number in words start at this word? Only if the word (its part
/// before a hyphen: "twenty" of "twenty-five") has the shape of a number
/// word, a vague amount's first word or "minus". A look at the shape
/// passes over most words at once. (Money starts at a currency symbol:
/// [`may_start_money`].)
fn may_start(tok: &Token<'_>) -> bool {
    static SHAPES: std::sync::OnceLock<super::lexicon::Shapes> = std::sync::OnceLock::new();
    let shapes = SHAPES.get_or_init(|| {
        let mut words = START_WORDS.to_vec();
        words.extend(UNITS.iter().chain(TENS).map(|(w, _)| *w));
        super::lexicon::Shapes::of(&words)
    });
    shapes.may_hold_shape(tok.head_shape) || shapes.may_hold_shape(tok.shape)
}

/// Can a quantity start at this word: a number in words, or money with a
/// symbol? One look at a table of shapes for most words (the find loop's
/// filter).
#[inline]
fn may_start_any(tok: &Token<'_>) -> bool {
    static SHAPES: std::sync::OnceLock<super::lexicon::Shapes> = std::sync::OnceLock::new();
    let shapes = SHAPES.get_or_init(|| {
        let mut words = START_WORDS.to_vec();
        words.extend(UNITS.iter().chain(TENS).map(|(w, _)| *w));
        let starts = &tables().currencies.symbol_starts;
        words.extend(starts.iter().map(String::as_str));
        super::lexicon::Shapes::of(&words)
    });
    if shapes.may_hold_shape(tok.head_shape) || shapes.may_hold_shape(tok.shape) {
        return true;
    }
    glued_digits(tok)
}

/// One to three letters then a digit: "Rs500", "EUR5m".
#[inline]
fn glued_digits(tok: &Token<'_>) -> bool {
    let b = tok.text.as_bytes();
    b.len() > 1 && b[1..b.len().min(4)].iter().any(u8::is_ascii_digit)
}

/// Can money written with a symbol start at this token ("US" of "US$3",
/// "Rs", "EUR", "$"), or is it a word with a symbol joined to digits
/// ("Rs500")? `false` is sure, and found at once for most tokens.
#[inline]
fn may_start_money(tok: &Token<'_>) -> bool {
    if tables().currencies.start_shapes.may_hold_shape(tok.shape) {
        return true;
    }
    tok.kind == Kind::Word && glued_digits(tok)
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
    /// Currency and unit of measurement.
    detail: Detail,
    /// A qualifier joined to the number (`10,000-plus`).
    trailing: Option<Qualifier>,
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
            detail: Detail::default(),
            trailing: None,
        }
    }
}

/// Finds the quantities in one sentence's tokens. `tolerance` is the
/// relative width given to "about".
pub fn find(tokens: &[Token<'_>], tolerance: f64) -> Vec<Quantity> {
    let mut out = Vec::new();
    // Asked for only by some figures: found the first time.
    let mut title_case: Option<bool> = None;
    let mut quake: Option<bool> = None;
    let mut i = 0;
    while i < tokens.len() {
        // Most words start nothing: a look at their shape says so.
        if tokens[i].kind == Kind::Word && !may_start_any(&tokens[i]) {
            i += 1;
            continue;
        }
        if let Some(end) = phone_at(tokens, i) {
            i = end;
            continue;
        }
        if let Some(q) = vague_at(tokens, i) {
            i = q.last + 1;
            if !excluded_after(tokens, q.last + 1) {
                out.push(q);
            }
            continue;
        }
        let Some(mut a) = simple_at(tokens, i) else {
            i += 1;
            continue;
        };
        let (qualifier, qual_start) = qualifier_before(tokens, a.first);
        // A range: "between A and B", "A to B", "A-B", "A or B",
        // "anywhere from A to B"; not "rose 9.4% to $84" (a change and a
        // level) nor "from 252 to 287" (two levels).
        let mut range: Option<Simple> = None;
        let mut range_from = false;
        if let Some(upper) = a.inner_upper {
            range = Some(Simple { value: upper, ..a });
        } else if let Some(sep) = tokens.get(a.end) {
            let between = qualifier_word(tokens, qual_start, "between");
            let from = a.first > 0 && tokens[a.first - 1].norm == "from";
            range_from =
                from && a.first >= 2 && tables().changes.range_from.has(&tokens[a.first - 2]);
            let b = simple_at(tokens, a.end + 1);
            let joins = match (sep.norm.as_ref(), b) {
                (_, None) => false,
                ("and", _) => between,
                ("to", Some(b)) => {
                    (!from || range_from)
                        && (!changed_before(tokens, qual_start) || shares_unit_of(&a, &b))
                }
                ("or", _) => true,
                ("-" | "–", _) => !from || range_from,
                _ => false,
            };
            // "9.4% to $84": amounts of different kinds make no range.
            let kinds_differ = b.is_some_and(|b| {
                a.unit != Unit::Count && b.unit != Unit::Count && a.unit != b.unit
            });
            if joins && !kinds_differ {
                range = b;
            } else if let (true, "to", Some(b)) = (from && !range_from, sep.norm.as_ref(), b) {
                // "from 252 to 287 miles", "from 3 to 4 million": the
                // earlier level is in the unit and scale of the later one.
                share_unit(&mut a, &b);
            }
        }
        let (qualifier, qual_start) = match (qualifier, range.is_some()) {
            (_, true) if qualifier_word(tokens, qual_start, "between") => {
                (Some(Qualifier::Range), qual_start)
            }
            (_, true) if range_from => (Some(Qualifier::Range), a.first - 2),
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
                    detail: Detail {
                        currency: a.detail.currency.or(b.detail.currency),
                        unit: a.detail.unit.or(b.detail.unit),
                        change: None,
                    },
                }
            }
            None => {
                let (qual, explicit) = match qualifier.or(a.trailing) {
                    Some(q) => (q, true),
                    None => match trailing_qualifier(tokens, a.end) {
                        Some(q) => (q, true),
                        None => (Qualifier::Exact, false),
                    },
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
                    detail: a.detail,
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
        if is_date_or_time(tokens, &q)
            || excluded_after(tokens, q.last + 1)
            || street_address(tokens, &q)
            || reading(tokens, &q, &mut quake)
        {
            continue;
        }
        if !q.explicit_qualifier && !matches!(q.unit, Unit::Money | Unit::Measurement) {
            let title_case = *title_case.get_or_insert_with(|| is_title_case(tokens));
            q.identifier_like = identifier_before(tokens, q.first, title_case);
        }
        out.push(q);
    }
    mark_changes(tokens, &mut out);
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
    let width = v.abs() * tolerance;
    match q {
        Qualifier::Exact => (Some(v), Some(v)),
        Qualifier::AtLeast | Qualifier::MoreThan => (Some(v), None),
        Qualifier::About => (Some(v - width), Some(v + width)),
        // Just below in size: [0.9 v, v] for a positive figure, [v, 0.9 v]
        // for a negative one.
        Qualifier::Nearly if v < 0.0 => (Some(v), Some(v + width)),
        Qualifier::Nearly => (Some(v - width), Some(v)),
        // "up to -3": no lower bound.
        Qualifier::AtMost | Qualifier::LessThan if v < 0.0 => (None, Some(v)),
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
        // "billions of dollars", "millions of euros": money, in a currency.
        let mut unit = Unit::Count;
        let mut detail = Detail::default();
        if tokens.get(last + 1).is_some_and(|t| t.norm == "of") {
            if let Some((_, name)) = tables().currencies.names.at(tokens, last + 2) {
                if !name.minor {
                    unit = Unit::Money;
                    detail.currency = Some(name.code);
                }
            }
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
            unit,
            year_like: false,
            word_one: false,
            identifier_like: false,
            overflow: false,
            detail,
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

/// Words between a qualifier and its number that leave it the number's:
/// "at least another 2,059", "more than a further 300".
const QUALIFIED_GAP: &[&str] = &["another", "further", "additional", "a", "an"];

/// The qualifier ending just before token `first`, and where it starts.
fn qualifier_before(tokens: &[Token<'_>], first: usize) -> (Option<Qualifier>, usize) {
    let found = qualifier_ending_at(tokens, first);
    if found.0.is_some() {
        return found;
    }
    // "at least another 2,059", "more than an additional 300".
    let mut k = first;
    while k > 0 && first - k < 2 && word_set!(QUALIFIED_GAP).has(&tokens[k - 1]) {
        k -= 1;
    }
    let gap = tokens[k..first].iter().map(|t| t.norm.as_ref());
    let gap_ok = k < first && gap.clone().any(|w| !matches!(w, "a" | "an"));
    if gap_ok {
        if let (Some(q), start) = qualifier_ending_at(tokens, k) {
            return (Some(q), start);
        }
    }
    // "an approximate rainfall of 400 millimeters": the adjective of the
    // noun before "of" qualifies the number.
    if first >= 3 && tokens[first - 1].norm == "of" {
        let through = &tables().through_noun;
        let adjective = tokens[first.saturating_sub(5)..first - 2]
            .iter()
            .rev()
            .find_map(|t| through.get(t.norm.as_ref()));
        if let Some(&q) = adjective {
            return (Some(q), first);
        }
    }
    found
}

/// The qualifier whose last word is just before token `first`.
fn qualifier_ending_at(tokens: &[Token<'_>], first: usize) -> (Option<Qualifier>, usize) {
    // Every qualifier ends in one of a few words; most numbers have none.
    let last = first.checked_sub(1).map(|p| tokens[p].norm.as_ref());
    let Some(last) = last else {
        return (None, first);
    };
    if last == "between" {
        return (None, first - 1);
    }
    let t = tables();
    let Some(candidates) = t.qualifiers.get(last) else {
        return (None, first);
    };
    for (phrase, q, n) in candidates {
        let (q, n) = (*q, *n);
        if first < n {
            continue;
        }
        if match_phrase(tokens, first - n, phrase) == Some(first) {
            let start = first - n;
            let verb = start.checked_sub(1).map(|p| &tokens[p]);
            // "came under 11 attacks", "went over 3 drafts": a verb's particle.
            if matches!(phrase.as_str(), "under" | "over")
                && verb.is_some_and(|v| t.over_under_verbs.has(v))
            {
                return (None, first);
            }
            // "has gone up to 2,497": a level reached, not a bound.
            if phrase == "up to" && verb.is_some_and(|v| t.up_to_verbs.has(v)) {
                return (None, first);
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

/// A qualifier after the number: "10,000 or more", "5,000+", "300 or so".
fn trailing_qualifier(tokens: &[Token<'_>], end: usize) -> Option<Qualifier> {
    let tok = tokens.get(end)?;
    // "5+3" is a sum, not "5 or more".
    if tok.text == "+" && tokens.get(end + 1).is_some_and(|n| !n.space_before) {
        return None;
    }
    if tok.text == "+" && tok.space_before {
        return None;
    }
    tables().trailing.at(tokens, end).map(|(_, &q)| q)
}

/// The symbol and ISO code of a currency written just before a number as
/// part of a word ("Rs500", "Dh30,000", "EUR5m"): the bytes of the symbol.
fn glued_symbol(tok: &Token<'_>) -> Option<(usize, &'static str)> {
    let b = tok.text.as_bytes();
    // One to three letters, then a digit: most words fail at once.
    let digit = (1..b.len().min(4)).find(|&k| b[k].is_ascii_digit())?;
    if !b[..digit].iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let symbol = tok.text.get(..digit)?;
    let code = *tables().currencies.symbols.get(symbol)?;
    Some((digit, code))
}

/// A currency symbol or code starting at token `i` and the number after
/// it: the token where the number starts, the bytes of that token that
/// still belong to the symbol ("$US55,931,000": the `US`), and the ISO code.
fn symbol_at(tokens: &[Token<'_>], i: usize) -> Option<(usize, usize, &'static str)> {
    let c = &tables().currencies;
    let first = tokens.get(i)?;
    // Most tokens start no symbol: their shape says so.
    if !c.start_shapes.may_hold_shape(first.shape) {
        return None;
    }
    // Most words are no symbol and have a space after them: passed over
    // without a string made.
    let glued_next = tokens.get(i + 1).is_some_and(|t| !t.space_before);
    if !glued_next && !c.symbols.contains_key(first.text) {
        return None;
    }
    // The symbol's text, on the stack: symbols are a few bytes long.
    let mut buf = [0u8; 32];
    let mut len = 0;
    let mut best = None;
    for n in 1..=3 {
        let Some(t) = tokens.get(i + n - 1) else {
            break;
        };
        if (n > 1 && t.space_before) || len + t.text.len() > c.longest_symbol.min(buf.len()) {
            break;
        }
        buf[len..len + t.text.len()].copy_from_slice(t.text.as_bytes());
        len += t.text.len();
        let text = std::str::from_utf8(&buf[..len]).ok()?;
        if let Some(&code) = c.symbols.get(text) {
            best = Some((i + n, code, len));
        }
    }
    let (next, code, symbol_len) = best?;
    let tok = tokens.get(next)?;
    match tok.kind {
        Kind::Number => Some((next, 0, code)),
        // "$US55,931,000": the letters that finish the symbol, then digits.
        Kind::Word if !tok.space_before => {
            let b = tok.text.as_bytes();
            let skip = b.iter().take(5).position(u8::is_ascii_digit)?;
            if !b[..skip].iter().all(u8::is_ascii_alphabetic) || symbol_len + skip > buf.len() {
                return None;
            }
            buf[symbol_len..symbol_len + skip].copy_from_slice(&b[..skip]);
            let longer = std::str::from_utf8(&buf[..symbol_len + skip]).ok()?;
            let code = *c.symbols.get(longer)?;
            Some((next, skip, code))
        }
        _ => None,
    }
}

/// A number (digits or words) starting at token `i`, without qualifier.
fn simple_at(tokens: &[Token<'_>], i: usize) -> Option<Simple> {
    let tok = tokens.get(i)?;
    let mut s = match tok.kind {
        Kind::Number => match digits_at(tokens, i, 0) {
            Some(s) => s,
            // "17-thousand", "four-thousand-318" start with digits too.
            None if tok.text.contains('-') => words_at(tokens, i)?,
            None => return None,
        },
        Kind::Word => {
            if may_start_money(tok) {
                if let Some((skip, code)) = glued_symbol(tok) {
                    // "Rs500", "EUR5m".
                    let mut s = digits_at(tokens, i, skip)?;
                    s.unit = Unit::Money;
                    s.detail.currency = Some(code);
                    return Some(s);
                }
                if let Some(s) = money_at(tokens, i) {
                    return Some(s);
                }
            }
            if tok.norm == "minus" && tokens.get(i + 1).is_some_and(|t| !t.is_punct('-')) {
                // "minus 387".
                let mut s = simple_at(tokens, i + 1)?;
                if s.inner_upper.is_some() {
                    return None;
                }
                s.first = i;
                s.value = -s.value;
                return Some(s);
            }
            if !may_start(tok) {
                return None;
            }
            words_at(tokens, i)?
        }
        Kind::Punct => {
            if may_start_money(tok) {
                if let Some(s) = money_at(tokens, i) {
                    return Some(s);
                }
            }
            // "-1.3%", "−2.5": a minus sign joined to the number, not set
            // between two numbers ("3,000 - 4,000").
            let next = tokens.get(i + 1)?;
            let sign = matches!(tok.text, "-" | "−")
                && next.kind == Kind::Number
                && !next.space_before
                && (i == 0
                    || tok.space_before
                    || matches!(tokens[i - 1].text, "(" | "[" | "\"" | "“"));
            if !sign {
                return None;
            }
            let mut s = digits_at(tokens, i + 1, 0)?;
            if s.inner_upper.is_some() {
                return None;
            }
            s.first = i;
            s.value = -s.value;
            s.four_digits = false;
            return Some(s);
        }
    };
    after_number(tokens, &mut s);
    Some(s)
}

/// Money written with a symbol or code before the number: "$2bn", "US$3.5
/// billion", "A$5", "€50bn", "EUR 5 million", "Rs. 500", "$US55,931,000".
fn money_at(tokens: &[Token<'_>], i: usize) -> Option<Simple> {
    let (at, skip, code) = symbol_at(tokens, i)?;
    let mut s = digits_at(tokens, at, skip)?;
    s.first = i;
    s.unit = Unit::Money;
    s.detail.currency = Some(code);
    s.four_digits = false;
    Some(s)
}

/// What follows a number: a currency name ("5 million euros", "30,000
/// dirhams", "50 cents"), an ISO code ("5 million EUR") or a unit of
/// measurement ("7 km", "400 millimeters", "50 mph"). A currency is taken
/// into the number as written; a unit is not.
fn after_number(tokens: &[Token<'_>], s: &mut Simple) {
    if s.unit != Unit::Count {
        return;
    }
    let t = tables();
    let Some(next) = tokens.get(s.end) else {
        return;
    };
    if next.kind == Kind::Word {
        // An ISO code in capitals after the amount.
        if next.text.len() == 3 && next.text.bytes().all(|b| b.is_ascii_uppercase()) {
            if let Some(&code) = t.currencies.symbols.get(next.text) {
                if code == next.text {
                    s.unit = Unit::Money;
                    s.detail.currency = Some(code);
                    s.end += 1;
                    s.four_digits = false;
                    return;
                }
            }
        }
        if let Some((end, name)) = t.currencies.names.at(tokens, s.end) {
            let sterling = tokens.get(end).is_some_and(|t| t.norm == "sterling");
            if !name.scaled || s.scale > 1.0 || sterling {
                if name.minor {
                    s.value /= 100.0;
                    s.inner_upper = s.inner_upper.map(|u| u / 100.0);
                }
                s.unit = Unit::Money;
                s.detail.currency = Some(name.code);
                s.end = end + usize::from(sterling);
                s.four_digits = false;
                return;
            }
        }
    }
    if let Some((_, &unit)) = t.units.at(tokens, s.end) {
        s.unit = Unit::Measurement;
        s.detail.unit = Some(unit);
        s.four_digits = false;
    }
}

/// Is a change word ("rose", "up", "increased by") just before token
/// `start`, past a few adverbs? Then "A to B" after it is a change and a
/// level, not a range.
fn changed_before(tokens: &[Token<'_>], start: usize) -> bool {
    change_word_before(tokens, start).is_some()
}

/// Gives a bare earlier level the unit, currency and scale of the later
/// one: "from 252 to 287 miles", "from $3 to 4 million" (but "from 300 to
/// 4 million" keeps its 300).
fn share_unit(a: &mut Simple, b: &Simple) {
    if a.unit == Unit::Count && b.unit != Unit::Count {
        a.unit = b.unit;
        a.detail.currency = b.detail.currency;
        a.detail.unit = b.detail.unit;
        a.four_digits = false;
    }
    if a.scale == 1.0 && b.scale > 1.0 && a.value * b.scale <= b.value * 10.0 {
        a.value *= b.scale;
        a.scale = b.scale;
        a.four_digits = false;
    }
}

/// In "rose 3 to 4 percent", the bare 3 shares the unit of "4 percent": a
/// range of changes; in "fell 300 to 2,100" or "rose 9.4% to $84" the first
/// is a change of its own.
fn shares_unit_of(a: &Simple, b: &Simple) -> bool {
    a.unit == Unit::Count && a.scale == 1.0 && (b.unit != Unit::Count || b.scale > 1.0)
}

/// The rise or fall word before token `start` ("rose", "up", "fell by",
/// "rose sharply by", "a rise of"), if any: its direction, and whether
/// "by" or "of" joins it to the figure. A verb that takes an object
/// ("raised $5bn", "cut 1,200 jobs") counts only with "by".
fn change_word_before(tokens: &[Token<'_>], start: usize) -> Option<(Change, bool)> {
    let c = &tables().changes;
    // "has risen above 35,000", "climbed past 600": the level crossed.
    if tokens
        .get(start)
        .is_some_and(|t| matches!(t.norm.as_ref(), "above" | "past" | "beyond"))
    {
        return None;
    }
    let mut j = start;
    let mut by = false;
    for _ in 0..3 {
        match j.checked_sub(1).map(|p| &tokens[p]) {
            Some(t) if c.adverbs.has(t) => {
                by |= t.norm == "by";
                j -= 1;
            }
            _ => break,
        }
    }
    // "a rise of 5%", "an increase of 300".
    if j > 0 && tokens[j - 1].norm == "of" {
        return match c.nouns.ending_at(tokens, j - 1) {
            Some((_, ChangeWord::Up)) => Some((Change::Up, true)),
            Some((_, ChangeWord::Down)) => Some((Change::Down, true)),
            _ => None,
        };
    }
    // "raised fares by 5%", "raising fuel costs by as much as $1 million":
    // the verb's object stands before "by".
    let mut found = c.verbs.ending_at(tokens, j);
    if by {
        let mut k = j;
        while found.is_none() && k > 0 && j - k < 4 && tokens[k - 1].kind == Kind::Word {
            k -= 1;
            found = c.verbs.ending_at(tokens, k);
            j = k;
        }
    }
    let (from, word) = found?;
    // "shot down 3", "picked up 5": a particle of another verb.
    let bare = from + 1 == j && matches!(tokens[from].norm.as_ref(), "up" | "down");
    if bare && from > 0 && c.particle_hosts.has(&tokens[from - 1]) {
        return None;
    }
    if !by && from + 1 == j && c.transitive.has(&tokens[from]) {
        return None;
    }
    match word {
        ChangeWord::Up => Some((Change::Up, by)),
        ChangeWord::Down => Some((Change::Down, by)),
        ChangeWord::Level => None,
    }
}

/// Marks each quantity's place in a change: the amount of a rise or fall
/// (`up`, `down`), an earlier level (`from`), the level reached (`to`).
fn mark_changes(tokens: &[Token<'_>], out: &mut [Quantity]) {
    let c = &tables().changes;
    for n in 0..out.len() {
        let q = &out[n];
        let start = q.qual_start;
        let before = start.checked_sub(1).map(|p| tokens[p].norm.as_ref());
        let prev = n.checked_sub(1).map(|p| &out[p]);
        let next_starts = out.get(n + 1).map(|b| b.qual_start.min(b.first));
        let change = match before {
            // "from 252 to 287 miles", "down from 3,000".
            Some("from") => {
                let to_follows = tokens.get(q.last + 1).is_some_and(|t| t.norm == "to")
                    && next_starts == Some(q.last + 2);
                let word = start >= 2 && {
                    let w = &tokens[start - 2];
                    c.from_words.has(w) || c.verbs.ending_at(tokens, start - 1).is_some()
                };
                let range = start >= 2 && c.range_from.has(&tokens[start - 2]);
                ((to_follows || word) && !range).then_some(Change::From)
            }
            // "from 4.8 percent to 4.7 percent", "rose 9.4% to $84", "the
            // toll rose to 115", "raised the number of injured to 40".
            Some("to") => {
                let after_change = prev.is_some_and(|p| {
                    p.last + 2 == start
                        && matches!(
                            p.detail.change,
                            Some(Change::From | Change::Up | Change::Down)
                        )
                });
                (after_change || level_verb_before(tokens, start - 1)).then_some(Change::To)
            }
            _ => None,
        };
        let change = change.or_else(|| {
            let (word, by_or_of) = change_word_before(tokens, start)?;
            // "rose by 300", "a rise of 5%": any amount; "rose 9.4%",
            // "fell 300 to 2,100": a percentage, money, points, or a figure
            // with no counted noun ("dropped 2,000 bombs" is a count).
            let next = tokens.get(q.last + 1);
            let amount = match q.unit {
                Unit::Percent | Unit::Money => true,
                Unit::Measurement => matches!(q.detail.unit, Some("point" | "bp" | "pp")),
                Unit::Count => next.is_none_or(|t| t.kind != Kind::Word || c.after_amount.has(t)),
            };
            (by_or_of || amount).then_some(word)
        });
        // "a 5% rise", "a 300-point drop", "closed 5% higher".
        let change = change.or_else(|| {
            if !matches!(q.unit, Unit::Percent | Unit::Money | Unit::Measurement) {
                return None;
            }
            let after = c
                .nouns
                .at(tokens, q.last + 1)
                .or_else(|| c.after_words.at(tokens, q.last + 1));
            match after {
                Some((_, ChangeWord::Up)) => Some(Change::Up),
                Some((_, ChangeWord::Down)) => Some(Change::Down),
                _ => None,
            }
        });
        out[n].detail.change = change;
    }
}

/// Is "to" at token `to` the end of a change to a new level: a rise or
/// fall word before it in its clause ("rose to", "has risen to at least",
/// "raised the number of injured to"), or a verb of a new level with a
/// tally named ("revised the toll to", "bringing the total to")?
fn level_verb_before(tokens: &[Token<'_>], to: usize) -> bool {
    let c = &tables().changes;
    let mut tally = false;
    let mut j = to;
    while j > 0 && to - j < 9 {
        if let Some((from, word)) = c.verbs.ending_at(tokens, j) {
            let bare = from + 1 == j && matches!(tokens[from].norm.as_ref(), "up" | "down");
            let particle = bare && from > 0 && c.particle_hosts.has(&tokens[from - 1]);
            if !particle {
                match word {
                    ChangeWord::Up | ChangeWord::Down => return true,
                    ChangeWord::Level if tally || j == to => return true,
                    ChangeWord::Level => {}
                }
            }
        }
        let t = &tokens[j - 1];
        let boundary = match t.kind {
            Kind::Number => true,
            Kind::Punct => !matches!(t.text, "'" | "’" | "-"),
            Kind::Word => matches!(
                t.norm.as_ref(),
                "and" | "but" | "which" | "that" | "who" | "while" | "as" | "when"
            ),
        };
        if boundary {
            return false;
        }
        tally |= c.tally_nouns.has(t);
        j -= 1;
    }
    false
}

/// The value of a run of digits with `,`/`.`/no-break-space separators, or
/// `None` if it is not a well-formed number (`1,2,3`, `1.2.3`).
fn parse_digits(s: &str) -> Option<f64> {
    match parse_plain_digits(s) {
        Some(v) => v,
        None => parse_digits_by_rules(s),
    }
}

/// Are these thousands groups well formed? `first` is the first group's
/// length, `last` the last's (they are the same group when `groups` is 1),
/// `threes` and `twos` whether every group between them has three or two
/// digits. Western grouping: a first group of 1 to 3 digits, then groups
/// of 3 (`1,234,567`). Indian grouping: a last group of 3, groups of 2
/// before it and a first group of 1 or 2 (`1,50,000` = 150,000,
/// `12,34,56,789`).
fn well_grouped(groups: usize, first: usize, last: usize, threes: bool, twos: bool) -> bool {
    if first == 0 || last == 0 {
        return false;
    }
    if groups == 1 {
        return true;
    }
    let western = (1..=3).contains(&first) && last == 3 && threes;
    let indian = groups >= 3 && (1..=2).contains(&first) && last == 3 && twos;
    western || indian
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
    // The integer part's digit groups: how many, the first one's length,
    // the current one's, and whether those between first and last all have
    // three (or two) digits.
    let (mut groups, mut first_group, mut group) = (1usize, 0usize, 0usize);
    let (mut threes, mut twos) = (true, true);
    let mut last_group = None;
    let mut dots = 0;
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
            if groups == 1 {
                first_group = group;
            } else {
                threes &= group == 3;
                twos &= group == 2;
            }
            groups += 1;
            group = 0;
        } else if c == '.' || c == '\u{66b}' {
            dots += 1;
            if dots > 1 {
                return None;
            }
            last_group = Some(group);
            clean[len] = b'.';
            len += 1;
            group = 0;
        } else {
            return None;
        }
    }
    // Without a decimal point the last group is a thousands group too.
    let last = last_group.unwrap_or(group);
    if groups == 1 {
        first_group = last;
    }
    if !well_grouped(groups, first_group, last, threes, twos) {
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
    // As in `parse_digits_by_rules`.
    let (mut groups, mut first_group, mut group) = (1usize, 0usize, 0usize);
    let (mut threes, mut twos) = (true, true);
    for b in s.bytes() {
        match b {
            b'0'..=b'9' => {
                value = value.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
                digits += 1;
                group += 1;
            }
            b',' => {
                if groups == 1 {
                    first_group = group;
                } else {
                    threes &= group == 3;
                    twos &= group == 2;
                }
                groups += 1;
                group = 0;
            }
            _ => return None,
        }
    }
    if digits > 15 {
        return None;
    }
    if groups == 1 {
        first_group = group;
    }
    Some(well_grouped(groups, first_group, group, threes, twos).then_some(value as f64))
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

/// A number written in digits at token `i` (its text from byte `skip`, past
/// a currency symbol joined to it), with a scale word, a percent sign or a
/// unit after it.
fn digits_at(tokens: &[Token<'_>], i: usize, skip: usize) -> Option<Simple> {
    let tok = &tokens[i];
    let text = tok.text.get(skip..)?;
    // ".5 million": a leading decimal point is part of the number.
    let point = skip == 0
        && i > 0
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
    if b.is_empty() || !b[0].is_ascii_digit() && digit_value(text.chars().next()?).is_none() {
        return None;
    }
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
    let mut four_digits = num.len() == 4 && num.bytes().all(|b| b.is_ascii_digit());
    let mut scale = 1.0;
    let mut unit = Unit::Count;
    let mut detail = Detail::default();
    let mut inner_upper = None;
    let mut trailing = None;
    let mut end = i + 1;
    let t = tables();
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
            } else if word == "plus" && rest == "plus" {
                // "10,000-plus".
                trailing = Some(Qualifier::AtLeast);
            } else if let Some(&u) = t.glued_units.get(word) {
                unit = Unit::Measurement;
                detail.unit = Some(u);
            } else {
                // "17-thousand" is read as words; "7-magnitude", "2-1"
                // are not counts.
                return None;
            }
        }
    } else if !suffix_lower.is_empty() {
        let whole = format!("{num}{suffix_lower}");
        if t.glued_names.contains(&whole) {
            // "1080p": a name.
            return None;
        }
        if let Some(f) = scale_value(&suffix_lower).or(match suffix_lower.as_str() {
            "m" => Some(1e6),
            "b" => Some(1e9),
            "k" => Some(1e3),
            _ => None,
        }) {
            scale = f;
        } else if t.glued_percent.contains(&suffix_lower) {
            unit = Unit::Percent;
        } else if let Some(&code) = t.currencies.glued_minor.get(&suffix_lower) {
            // "164p": 1.64 pounds.
            unit = Unit::Money;
            detail.currency = Some(code);
            value /= 100.0;
        } else if let Some(&u) = t.glued_units.get(&suffix_lower) {
            unit = Unit::Measurement;
            detail.unit = Some(u);
        } else {
            // Ordinals (2nd), decades (1980s), codes (4x4, 2330GMT).
            return None;
        }
    } else if skip == 0 && !num.contains([',', '.']) && (1..=3).contains(&num.len()) {
        // "2 500", "1 500 000": thousands set apart by plain spaces, each
        // group of exactly three digits, after a first group of one to
        // three; not after another number ("in 2023 500 people", "1, 2
        // 500") nor before a fourth digit.
        let listed = i > 0
            && (tokens[i - 1].kind == Kind::Number
                || (tokens[i - 1].text == "," && i > 1 && tokens[i - 2].kind == Kind::Number));
        while let (false, Some(g)) = (listed, tokens.get(end)) {
            let spaced = g.space_before && tokens[end - 1].end() + 1 == g.start;
            if !(spaced
                && g.kind == Kind::Number
                && g.text.len() == 3
                && g.text.bytes().all(|b| b.is_ascii_digit()))
            {
                break;
            }
            value = value * 1000.0 + g.text.parse::<f64>().unwrap_or(0.0);
            four_digits = false;
            end += 1;
        }
    }
    if scale == 1.0 {
        if let Some(f) = tokens.get(end).and_then(|t| scale_value(&t.norm)) {
            scale = f;
            end += 1;
            // "1.5 million" may be followed by another scale: "1 hundred
            // thousand", "2 lakh crore".
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
    if unit == Unit::Count {
        if let Some((e, _)) = t.percent.at(tokens, end) {
            unit = Unit::Percent;
            end = e;
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
        detail,
        trailing,
    })
}

/// One piece of a number in words: a word, or a part of a hyphenated one
/// ("twenty" and "five" of "twenty-five", "17" and "thousand" of
/// "17-thousand").
#[derive(Debug, Clone, Copy)]
enum Atom {
    /// One to nineteen.
    Unit(f64),
    /// Twenty to ninety.
    Tens(f64),
    Hundred,
    Dozen,
    /// Thousand, million, lakh...
    Scale(f64),
    /// Digits inside a hyphenated word, below a thousand ("four-thousand-318").
    Digits(f64),
}

fn atom(part: &str) -> Option<Atom> {
    if let Some(v) = unit_value(part) {
        return Some(Atom::Unit(v));
    }
    if let Some(v) = tens_value(part) {
        return Some(Atom::Tens(v));
    }
    match part {
        "hundred" => return Some(Atom::Hundred),
        "dozen" => return Some(Atom::Dozen),
        _ => {}
    }
    if let Some(f) = scale_value(part).filter(|f| *f >= 1e3) {
        return Some(Atom::Scale(f));
    }
    let digits = !part.is_empty() && part.len() <= 3 && part.bytes().all(|b| b.is_ascii_digit());
    if digits && !(part.len() > 1 && part.starts_with('0')) {
        return part.parse().ok().map(Atom::Digits);
    }
    None
}

/// The sum a number in words builds as its atoms are read.
#[derive(Debug, Clone, Copy, Default)]
struct Sum {
    /// What the scales so far have made ("twenty-eight thousand": 28,000).
    total: f64,
    /// The part below the last scale ("six hundred forty-two").
    current: f64,
    /// The last atom was a unit, tens or digits.
    last_small: bool,
    /// An atom was read.
    any: bool,
    /// The largest factor applied.
    scale: f64,
    /// The last scale word's factor (the next must be smaller).
    last_scale: f64,
}

impl Sum {
    /// Adds an atom; `false` if it cannot follow what was read.
    /// `after_a` is true right after "a"/"an" ("a hundred").
    fn add(&mut self, a: Atom, after_a: bool) -> bool {
        match a {
            Atom::Unit(v) => {
                if self.last_small && (self.current % 10.0 != 0.0 || v >= 10.0) {
                    return false;
                }
                self.current += v;
                self.last_small = true;
            }
            Atom::Tens(v) => {
                if self.last_small || self.current % 100.0 != 0.0 {
                    return false;
                }
                self.current += v;
                self.last_small = true;
            }
            Atom::Digits(v) => {
                if self.last_small || self.current != 0.0 {
                    return false;
                }
                self.current = v;
                self.last_small = true;
            }
            Atom::Hundred => {
                if (self.current == 0.0 && !self.any && !after_a) || self.current >= 100.0 {
                    return false;
                }
                self.current = self.current.max(1.0) * 100.0;
                self.last_small = false;
                self.scale = self.scale.max(100.0);
            }
            Atom::Dozen => {
                if self.current == 0.0 && !after_a {
                    return false;
                }
                self.current = self.current.max(1.0) * 12.0;
                self.last_small = false;
            }
            Atom::Scale(f) => {
                let fresh = self.current == 0.0 && self.total == 0.0 && !self.any;
                if (fresh && !after_a) || (self.last_scale > 0.0 && f >= self.last_scale) {
                    return false;
                }
                self.total += self.current.max(1.0) * f;
                self.current = 0.0;
                self.last_small = false;
                self.scale = self.scale.max(f);
                self.last_scale = f;
            }
        }
        self.any = true;
        true
    }
}

/// A number written in words at token `i`: `twenty-five`, `two hundred
/// and fifty`, `a dozen`, `half a million`, `three thousand`, `twenty-eight
/// thousand six hundred forty-two`, and the broadcast `17-thousand` and
/// `four-thousand-318`.
fn words_at(tokens: &[Token<'_>], i: usize) -> Option<Simple> {
    let norm = |k: usize| tokens.get(k).map(|t| t.norm.as_ref());
    let first = norm(i)?;
    let head = first.split('-').next().unwrap_or(first);
    let numeric_head = tokens[i].kind == Kind::Number && atom(head).is_some();
    if !(unit_value(head).is_some()
        || tens_value(head).is_some()
        || numeric_head
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
    let mut sum = Sum {
        scale: 1.0,
        ..Sum::default()
    };
    let mut j = i;
    let mut after_a = false;
    // "a hundred", "a dozen", "a million".
    if matches!(first, "a" | "an") {
        let next = norm(i + 1)?;
        // Most words after "a" are none of these: a match says so at once.
        if !(matches!(next, "hundred" | "dozen") || scale_value(next).is_some_and(|f| f >= 1e3)) {
            return None;
        }
        j = i + 1;
        after_a = true;
    }
    while let Some(w) = norm(j) {
        let kind = tokens[j].kind;
        // Digits only inside a hyphenated word ("17-thousand").
        let word = kind == Kind::Word || (kind == Kind::Number && j == i && w.contains('-'));
        if !word {
            break;
        }
        // Every part of the word must be read, or the word is not taken.
        let before = sum;
        let mut parts = w.split('-');
        let all = parts.all(|p| match atom(p) {
            Some(Atom::Digits(_)) if !w.contains('-') => false,
            Some(a) => sum.add(a, after_a),
            None => false,
        });
        if !all {
            sum = before;
            // "two hundred and fifty": "and" between a scale and what
            // follows it.
            if w == "and" && sum.any && !sum.last_small {
                let next = norm(j + 1).unwrap_or("");
                let head = next.split('-').next().unwrap_or(next);
                if unit_value(head).is_some() || tens_value(head).is_some() {
                    j += 1;
                    continue;
                }
            }
            break;
        }
        after_a = false;
        j += 1;
    }
    if !sum.any {
        return None;
    }
    // A word that was read only in part ("twenty-five-year-old") leaves
    // nothing.
    if j == i || (j == i + 1 && after_a) {
        return None;
    }
    // "two and a half thousand", "one and a half million".
    if norm(j) == Some("and") && norm(j + 1) == Some("a") && norm(j + 2) == Some("half") {
        if let Some(f) = norm(j + 3).and_then(scale_value).filter(|f| *f >= 1e3) {
            if sum.total == 0.0 && sum.current > 0.0 {
                return Some(Simple::count(i, j + 4, (sum.current + 0.5) * f, f));
            }
        }
        // Without a scale, "two and a half" is not a whole count: leave it.
        return None;
    }
    let value = sum.total + sum.current;
    if value == 0.0 {
        return None;
    }
    Some(Simple {
        first: i,
        end: j,
        value,
        scale: sum.scale,
        unit: Unit::Count,
        word_one: j == i + 1 && first == "one",
        four_digits: false,
        inner_upper: None,
        detail: Detail::default(),
        trailing: None,
    })
}

/// A phone number starting at token `i` ("+44 20 7946 0958", "(202)
/// 555-0100", "020 7946 0958"): the index just past it.
fn phone_at(tokens: &[Token<'_>], i: usize) -> Option<usize> {
    let tok = &tokens[i];
    let plus = tok.text == "+";
    let paren = tok.text == "(";
    if !(plus || paren || tok.kind == Kind::Number) {
        return None;
    }
    if i > 0 && tokens[i - 1].kind == Kind::Number {
        return None;
    }
    // Most numbers are followed by a word: no phone number.
    let next = tokens.get(i + 1)?;
    if !(plus || paren || next.kind == Kind::Number || matches!(next.text, "-" | "." | ")")) {
        return None;
    }
    let plain = |t: &Token<'_>| {
        t.kind == Kind::Number && t.text.bytes().all(|b| b.is_ascii_digit() || b == b'-')
    };
    let (mut groups, mut digits, mut four, mut zero) = (0, 0, false, false);
    let mut k = i + usize::from(plus || paren);
    let mut closed = !paren;
    while let Some(t) = tokens.get(k) {
        if plain(t) {
            groups += 1;
            for part in t.text.split('-') {
                digits += part.len();
                four |= part.len() >= 4;
            }
            // A trunk prefix: "020 7946 0958".
            zero |= groups == 1 && t.text.starts_with('0');
        } else if t.text == ")" && !closed {
            closed = true;
        } else if !matches!(t.text, "-" | ".") || t.space_before {
            break;
        }
        k += 1;
        // A group must follow closely: one space at most.
        if tokens
            .get(k)
            .is_some_and(|n| n.start > tokens[k - 1].end() + 1)
        {
            break;
        }
    }
    let phone =
        digits >= 7 && groups >= 2 && closed && (plus || paren || zero || (groups >= 3 && four));
    phone.then_some(k)
}

/// A street address: a number, a name in capitals, and a street word
/// ("10 Downing Street", "1600 Pennsylvania Avenue", "221B Baker St").
fn street_address(tokens: &[Token<'_>], q: &Quantity) -> bool {
    if q.unit == Unit::Percent || q.explicit_qualifier {
        return false;
    }
    let streets = &tables().streets;
    let mut k = q.last + 1;
    let mut named = 0;
    while let Some(t) = tokens.get(k) {
        if !t.is_capitalized() || named == 4 {
            return false;
        }
        if named > 0 && streets.has(t) {
            return true;
        }
        named += 1;
        k += 1;
    }
    false
}

/// Is the quantity read on a scale, not counted: "magnitude 6.8", "the 7
/// magnitude earthquake", "6.8 on the Richter scale", or in a sentence on
/// a quake, its depth ("a depth of 18.5 kilometres")? `quake` holds whether
/// the sentence speaks of one, found the first time it is asked.
fn reading(tokens: &[Token<'_>], q: &Quantity, quake: &mut Option<bool>) -> bool {
    let t = tables();
    if t.readings_before.ending_at(tokens, q.qual_start).is_some()
        || t.readings_after.at(tokens, q.last + 1).is_some()
    {
        return true;
    }
    // "a 5.7 tremor", "a 6.8 quake": a decimal before a word of a quake.
    let decimal = tokens[q.first..=q.last]
        .iter()
        .any(|t| t.text.contains('.'));
    if decimal && tokens.get(q.last + 1).is_some_and(|w| t.quake_words.has(w)) {
        return true;
    }
    let depth = t.quake_before.ending_at(tokens, q.qual_start).is_some()
        || (q.unit == Unit::Measurement
            && (t.quake_after.at(tokens, q.last + 1).is_some()
                || t.quake_after.at(tokens, q.last + 2).is_some()));
    depth && *quake.get_or_insert_with(|| tokens.iter().any(|w| t.quake_words.has(w)))
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

/// Does a name or a word that names a numbered thing stand just before
/// (`Tower 22`, `Resolution 2334`, `iPhone 11`, `S&P 500`, `category 4`,
/// `route 66`)? A name is a word with a capital letter anywhere, unless it
/// is a word that starts sentences before figures ("The", "About"). In a
/// Title Case headline only the words that name numbered things count.
fn identifier_before(tokens: &[Token<'_>], first: usize, title_case: bool) -> bool {
    let Some(prev) = first.checked_sub(1).map(|p| &tokens[p]) else {
        return false;
    };
    if prev.kind != Kind::Word || prev.possessive {
        return false;
    }
    let t = tables();
    if t.heads.has(prev) {
        return true;
    }
    if !prev.text.chars().any(char::is_uppercase) || title_case {
        return false;
    }
    !(t.not_heads.has(prev) || word_set!(MONTHS).has(prev))
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

    /// (number as written, value, change, currency, unit).
    type Detailed = (
        String,
        Option<f64>,
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
    );

    /// The detail of each quantity.
    fn detail(s: &str) -> Vec<Detailed> {
        let toks = tokenize(s, 0, s.len());
        find(&toks, 0.1)
            .into_iter()
            .filter(|q| !q.year_like && !q.identifier_like)
            .map(|q| {
                let text = s[toks[q.first].start..toks[q.last].end()].to_string();
                (
                    text,
                    q.value,
                    q.detail.change.map(Change::as_str),
                    q.detail.currency,
                    q.detail.unit,
                )
            })
            .collect()
    }

    /// The numbers as written and their place in a change.
    fn changes(s: &str) -> Vec<(String, Option<&'static str>)> {
        detail(s).into_iter().map(|d| (d.0, d.2)).collect()
    }

    fn pairs(list: &[(&str, Option<&'static str>)]) -> Vec<(String, Option<&'static str>)> {
        list.iter().map(|&(n, c)| (n.to_string(), c)).collect()
    }

    #[test]
    fn a_change_and_a_level_are_two_claims_never_a_range() {
        let up = Some("up");
        let down = Some("down");
        let to = Some("to");
        let from = Some("from");
        for (s, want) in [
            (
                "Brent rose 9.4% to $84 a barrel.",
                vec![("9.4%", up), ("$84", to)],
            ),
            (
                "The count fell by 300 to 2,100.",
                vec![("300", down), ("2,100", to)],
            ),
            (
                "Its range grew from 252 to 287 miles.",
                vec![("252", from), ("287", to)],
            ),
            (
                "Growth slowed from 4.8 percent to 4.7 percent.",
                vec![("4.8 percent", from), ("4.7 percent", to)],
            ),
            (
                "Profit was up 9.4 per cent to $84 million.",
                vec![("9.4 per cent", up), ("$84 million", to)],
            ),
            (
                "Revenue dropped 7% to $2.3 billion.",
                vec![("7%", down), ("$2.3 billion", to)],
            ),
            ("Exports were down 1.3% on the year.", vec![("1.3%", down)]),
            (
                "Prices jumped by about 12 per cent.",
                vec![("12 per cent", up)],
            ),
            ("A rise of 5% came in May.", vec![("5%", up)]),
            ("The index closed 2% higher.", vec![("2%", up)]),
            ("The toll has risen to at least 2,900.", vec![("2,900", to)]),
            ("The toll has gone up to 2,497.", vec![("2,497", to)]),
            (
                "The Pentagon raised the number of injured to more than 40.",
                vec![("40", to)],
            ),
            ("Officials revised the toll to 97.", vec![("97", to)]),
            (
                "Unemployment is down from 3,000 a year ago.",
                vec![("3,000", from)],
            ),
        ] {
            assert_eq!(changes(s), pairs(&want), "{s}");
        }
        // Counts after the same verbs are no change.
        for s in [
            "Jets dropped 2,000 bombs on the city.",
            "Air defences shot down 3 drones.",
            "The army lost 12 soldiers.",
            "Troops were sent to 3 bases.",
            "Rescuers took the wounded to 3 hospitals.",
        ] {
            assert!(
                changes(s).iter().all(|(_, c)| c.is_none()),
                "{s}: {:?}",
                changes(s)
            );
        }
        // Still ranges.
        assert_eq!(one("prices rose 3 to 4 percent").4, "range");
        assert_eq!(one("anywhere from 3,000 to 4,000 troops").4, "range");
        assert_eq!(one("3,000 to 4,000 troops").4, "range");
        // Amounts of different kinds make no range.
        assert_eq!(q("shares 9.4% to $84").len(), 2);
        // "from 3 to 4 million": the earlier level in millions too, and in
        // the unit of the later one.
        assert_eq!(detail("It went from 3 to 4 million.")[0].1, Some(3e6),);
        assert_eq!(detail("It went from 300 to 4 million.")[0].1, Some(300.0));
        assert_eq!(detail("from 252 to 287 miles")[0].4, Some("mile"));
    }

    #[test]
    fn negative_values_keep_their_sign() {
        assert_eq!(value("output changed -1.3% in May"), -1.3);
        assert_eq!(one("output changed -1.3% in May").0, "-1.3%");
        assert_eq!(value("the index stood at minus 387"), -387.0);
        assert_eq!(one("the index stood at minus 387").0, "minus 387");
        assert_eq!(value("a reading of \u{2212}2.5"), -2.5);
        // About a negative figure: bounds on both sides, in order.
        let (_, v, lo, hi, _) = one("about -20 points");
        assert_eq!((v, lo, hi), (Some(-20.0), Some(-22.0), Some(-18.0)));
        // A dash between numbers is no sign.
        assert_eq!(one("3,000 - 4,000 troops").4, "range");
        assert_eq!(one("the 2024-25 budget of 5").0, "5");
    }

    #[test]
    fn more_verbs_bound_the_figure() {
        for s in [
            "the toll has crossed 7,000",
            "the toll has gone past 600",
            "deaths topped 1,000",
            "deaths topping 1,000",
            "deaths surpassed 1,000",
            "deaths exceeded 1,000",
            "deaths passing 1,000",
            "deaths passed 1,000",
            "deaths over 1,000",
            "deaths may number 1,000 or more",
        ] {
            let (_, v, lo, hi, qual) = one(s);
            let want = if s.ends_with("more") {
                "at_least"
            } else {
                "more_than"
            };
            assert_eq!((qual, lo, hi), (want, v, None), "{s}");
        }
        for s in ["the toll reached 2,000", "the toll hit 2,000"] {
            assert_eq!(one(s).4, "exact", "{s}");
        }
        assert_eq!(one("5,000-plus troops").4, "at_least");
        assert_eq!(one("5,000+ troops").4, "at_least");
        assert_eq!(one("300 or so troops").4, "about");
        assert_eq!(one("the toll could reach 20,000").4, "at_most");
        assert_eq!(one("the cost was estimated at $5.5 billion").4, "about");
        assert_eq!(one("an approximate rainfall of 400 millimeters").4, "about");
        assert_eq!(one("at least another 2,059 people").4, "at_least");
        // "up to" after a plain verb still bounds it.
        assert_eq!(one("it can carry up to 200 people").4, "at_most");
    }

    #[test]
    fn currencies_from_symbols_codes_and_names() {
        for (s, text, v, code) in [
            ("a $2bn package", "$2bn", 2e9, "USD"),
            ("US$3.5 billion", "US$3.5 billion", 3.5e9, "USD"),
            (
                "it paid $US55,931,000",
                "$US55,931,000",
                55_931_000.0,
                "USD",
            ),
            ("A$5 million", "A$5 million", 5e6, "AUD"),
            ("C$20", "C$20", 20.0, "CAD"),
            ("€50bn", "€50bn", 5e10, "EUR"),
            ("£5m in aid", "£5m", 5e6, "GBP"),
            ("Rs 500 a month", "Rs 500", 500.0, "INR"),
            ("Rs.500 a month", "Rs.500", 500.0, "INR"),
            ("₹2,000 a month", "₹2,000", 2000.0, "INR"),
            ("Dh30,000 each", "Dh30,000", 30_000.0, "AED"),
            ("EUR 5 million in fines", "EUR 5 million", 5e6, "EUR"),
            ("5 million EUR in fines", "5 million EUR", 5e6, "EUR"),
            ("5 million euros in fines", "5 million euros", 5e6, "EUR"),
            ("30,000 dirhams each", "30,000 dirhams", 30_000.0, "MAD"),
            ("1 billion yen", "1 billion yen", 1e9, "JPY"),
            ("3 crore rupees", "3 crore rupees", 3e7, "INR"),
            ("5 million pounds", "5 million pounds", 5e6, "GBP"),
            ("500 pounds sterling", "500 pounds sterling", 500.0, "GBP"),
            ("shares at 164p", "164p", 1.64, "GBP"),
            ("a fare of 50 cents", "50 cents", 0.5, "USD"),
            (
                "4 million Australian dollars",
                "4 million Australian dollars",
                4e6,
                "AUD",
            ),
        ] {
            let found = detail(s);
            assert_eq!(found.len(), 1, "{s}: {found:?}");
            let (t, value, _, currency, _) = &found[0];
            assert_eq!((t.as_str(), *currency), (text, Some(code)), "{s}");
            assert!((value.unwrap() - v).abs() < 1e-6, "{s}: {value:?}");
        }
        // A weight, not money.
        assert_eq!(detail("500 pounds of explosives")[0].3, None);
        assert_eq!(detail("500 pounds of explosives")[0].4, Some("lb"));
        // Vague amounts of money.
        assert_eq!(detail("billions of dollars")[0].3, Some("USD"));
        // "PHP 8" is a programming language.
        assert!(detail("written in PHP 8").iter().all(|d| d.3.is_none()));
    }

    #[test]
    fn money_ranges_are_in_units_of_the_scale() {
        for s in ["$1-2 billion", "1-2 billion dollars"] {
            let (_, v, lo, hi, qual) = one(s);
            assert_eq!(
                (v, lo, hi, qual),
                (Some(1.5e9), Some(1e9), Some(2e9), "range"),
                "{s}"
            );
            assert_eq!(detail(s)[0].3, Some("USD"), "{s}");
        }
        let (_, _, lo, hi, qual) = one("between $3 and $4 million");
        assert_eq!((lo, hi, qual), (Some(3e6), Some(4e6), "range"));
        assert_eq!(one("20-30 thousand people").2, Some(20_000.0));
    }

    #[test]
    fn thousands_set_apart_by_spaces() {
        assert_eq!(value("2 500 people"), 2500.0);
        assert_eq!(one("2 500 people").0, "2 500");
        assert_eq!(value("1 500 000 people"), 1_500_000.0);
        assert_eq!(value("2\u{a0}500 people"), 2500.0);
        assert_eq!(value("2\u{2009}500 people"), 2500.0);
        assert_eq!(value("2\u{202f}500 people"), 2500.0);
        // A year and a count, a list, two spaces, four digits.
        let toks = tokenize("in 2023 500 people", 0, 18);
        let found = find(&toks, 0.1);
        assert_eq!(found.len(), 2);
        assert!(found[0].year_like);
        assert_eq!(found[1].value, Some(500.0));
        let values = |s: &str| q(s).into_iter().map(|f| f.1).collect::<Vec<_>>();
        assert_eq!(
            values("rooms 1, 2 500"),
            [Some(1.0), Some(2.0), Some(500.0)]
        );
        assert_eq!(values("12  500 people"), [Some(12.0), Some(500.0)]);
        assert_eq!(values("12 5000 people"), [Some(12.0), Some(5000.0)]);
    }

    #[test]
    fn indian_grouping_lakh_and_crore() {
        assert_eq!(value("1,50,000 people"), 150_000.0);
        assert_eq!(value("2,45,600 people"), 245_600.0);
        assert_eq!(value("12,34,56,789 people"), 123_456_789.0);
        assert_eq!(value("2.5 lakh people"), 250_000.0);
        assert_eq!(value("a lakh people"), 100_000.0);
        assert_eq!(value("3 crore people"), 3e7);
        assert_eq!(value("2 lakh crore"), 2e12);
        // Neither Western nor Indian.
        assert!(q("1,5,000").is_empty());
        assert!(q("1,50,00").is_empty());
        assert!(q("123,45,678").is_empty());
    }

    #[test]
    fn broadcast_styles_and_long_number_words() {
        assert_eq!(value("17-thousand troops"), 17_000.0);
        assert_eq!(value("12-thousand troops"), 12_000.0);
        assert_eq!(value("four-thousand-318 people"), 4318.0);
        assert_eq!(one("four-thousand-318 people").0, "four-thousand-318");
        assert_eq!(
            one("twenty-eight thousand six hundred forty-two votes"),
            (
                "twenty-eight thousand six hundred forty-two".into(),
                Some(28_642.0),
                Some(28_642.0),
                Some(28_642.0),
                "exact"
            )
        );
        assert_eq!(value("one hundred and five seats"), 105.0);
        assert_eq!(
            value("two million three hundred thousand people"),
            2_300_000.0
        );
        assert_eq!(value("nine hundred ninety-nine people"), 999.0);
        // Not numbers: a duration word, a thousand thousand, digits alone.
        assert!(q("a twenty-five-year-old man").is_empty());
        assert_eq!(q("one two three").len(), 3);
        assert!(q("7-magnitude").is_empty());
    }

    #[test]
    fn units_joined_to_the_number() {
        for (s, text, unit) in [
            ("a 256GB phone", "256GB", "GB"),
            ("at 50mph", "50mph", "mph"),
            ("a 10km walk", "10km", "km"),
            ("about 7 km away", "7", "km"),
            ("400 millimeters of rain", "400", "mm"),
            ("a 2,000-pound bomb", "2,000-pound", "lb"),
            ("gusts of 60 mph", "60", "mph"),
            ("over 2,100 acres", "2,100", "acre"),
        ] {
            let found = detail(s);
            assert_eq!(found.len(), 1, "{s}: {found:?}");
            assert_eq!((found[0].0.as_str(), found[0].4), (text, Some(unit)), "{s}");
        }
        let toks = tokenize("sales up 24pc", 0, 13);
        let found = find(&toks, 0.1);
        assert_eq!((found[0].unit, found[0].value), (Unit::Percent, Some(24.0)));
        // Video formats and ordinals are not amounts.
        assert!(q("a 1080p screen").is_empty());
        assert!(q("the 2nd and 1980s").is_empty());
    }

    #[test]
    fn identifiers_addresses_and_phone_numbers_are_not_counts() {
        for s in [
            "the iPhone 11 sold well",
            "the S&P 500 rose",
            "a Boeing 787 landed",
            "a category 4 hurricane",
            "along Route 66 today",
            "Windows 11 shipped",
            "Apollo 11 landed",
            "Flight 370 vanished",
            "under Article 5 today",
            "at Level 3 now",
            "phase 2 began",
            "the G7 and G20 met over COVID-19",
        ] {
            assert!(q(s).is_empty(), "{s}: {:?}", q(s));
        }
        for s in [
            "he lives at 10 Downing Street",
            "the White House at 1600 Pennsylvania Avenue",
            "221B Baker Street",
            "call +44 20 7946 0958 now",
            "call (202) 555-0100 now",
            "call 020 7946 0958 now",
        ] {
            let toks = tokenize(s, 0, s.len());
            assert!(find(&toks, 0.1).is_empty(), "{s}: {:?}", q(s));
        }
        // A count is still a count.
        assert_eq!(q("3 Boeing 787 jets").len(), 1);
        assert_eq!(value("a list of 10 names"), 10.0);
    }

    #[test]
    fn magnitudes_and_depths_of_quakes_are_not_counts() {
        for s in [
            "a quake measuring 6.8 on the Richter scale",
            "the magnitude 6.8 earthquake",
            "the 7 magnitude earthquake",
            "a 6.8-magnitude quake",
            "a magnitude of 6.8",
            "a 5.7 tremor",
            "the quake had a depth of 18.5 kilometres",
            "the quake was 10 km deep",
        ] {
            assert!(q(s).is_empty(), "{s}: {:?}", q(s));
        }
        // Depths elsewhere, and counts of quakes, are claims.
        assert_eq!(q("water rose to a depth of 3 metres").len(), 1);
        assert_eq!(q("2 earthquakes struck").len(), 1);
    }

    #[test]
    fn one_is_flagged() {
        let toks = tokenize("one of them", 0, 11);
        assert!(find(&toks, 0.1)[0].word_one);
        assert!(q("one-way trip").is_empty());
    }
}
