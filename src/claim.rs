//! The data the pipeline produces: a [`Claim`] is one number found in one
//! article, with what it counts and where it stands.
//!
//! These are plain `Serialize` structs; every output format renders them,
//! and the JSON output is serde's output of them (see docs/SPEC.md for the
//! contract).

use serde::{Deserialize, Serialize};

use crate::corpus::Date;

/// How the wording bounds the figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// As written: `2,500`.
    Exact,
    /// `at least 1,400`: [v, ∞).
    AtLeast,
    /// `more than 9,000`: (v, ∞).
    MoreThan,
    /// `about 150`: v ± the tolerance.
    About,
    /// `nearly 10,000`: just below v.
    Nearly,
    /// `up to 200`: [0, v].
    AtMost,
    /// `fewer than 50`: [0, v).
    LessThan,
    /// `between 3,000 and 4,000`.
    Range,
    /// `dozens`, `hundreds of thousands`: bounds only.
    Vague,
}

impl Qualifier {
    /// The name used in JSON and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::AtLeast => "at_least",
            Qualifier::MoreThan => "more_than",
            Qualifier::About => "about",
            Qualifier::Nearly => "nearly",
            Qualifier::AtMost => "at_most",
            Qualifier::LessThan => "less_than",
            Qualifier::Range => "range",
            Qualifier::Vague => "vague",
        }
    }
}

/// How a figure stands in a change: "rose 9.4% to $84" is a change `up`
/// of 9.4% and a level `to` of $84; "from 252 to 287" an earlier level
/// `from` and a later one `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// The amount of a rise: "rose 9.4%", "up 300", "increased by 12".
    Up,
    /// The amount of a fall: "fell 7%", "down 1.3 points".
    Down,
    /// An earlier level: "from 4.8 percent", "down from 3,000".
    From,
    /// The level reached: "to $84", "has risen to 10,022".
    To,
}

impl Change {
    /// The name used in JSON and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Up => "up",
            Change::Down => "down",
            Change::From => "from",
            Change::To => "to",
        }
    }
}

/// One numeric claim. Field order is the JSON contract's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The number as written (`2,500`, `1.4 million`, `dozens`).
    pub number: String,
    /// Central value; `None` for vague amounts.
    #[serde(serialize_with = "whole_if_integral")]
    pub value: Option<f64>,
    /// Lower bound; `None` = unbounded.
    #[serde(serialize_with = "whole_if_integral")]
    pub lower: Option<f64>,
    /// Upper bound; `None` = unbounded.
    #[serde(serialize_with = "whole_if_integral")]
    pub upper: Option<f64>,
    /// How the wording bounds it.
    pub qualifier: Qualifier,
    /// Its place in a change ("rose 9.4% to $84": `up` for 9.4%, `to` for
    /// $84); `None` for a figure that is no part of one. Always written,
    /// `null` when none; an older shard without it reads as `None`.
    #[serde(default)]
    pub change: Option<Change>,
    /// For money, the ISO 4217 code of the currency written (`USD` for
    /// "$", `EUR` for "€" or "euros", `MAD` for "dirhams"); `None` for other
    /// figures and for money in a currency the text leaves unclear.
    #[serde(default)]
    pub currency: Option<String>,
    /// For a measured quantity, its unit (`km`, `mph`, `GB`, `acre`);
    /// `None` for counts, money and percentages.
    #[serde(default)]
    pub unit: Option<String>,
    /// What is counted: a measure name from `claims.yaml`.
    pub measure: String,
    /// Whose people or assets, or who acted; `None` if the text names none.
    pub actor: Option<String>,
    /// Where; `None` if the text names no place.
    pub location: Option<String>,
    /// The comparison key: `measure/actor/location`, `-` for a missing part,
    /// `@scope` when the text dates the counted thing as an incident,
    /// `#part` for a part of a figure ("including 35 children"), and `~up`
    /// or `~down` for the amount of a change ("rose by 300").
    pub key: String,
    /// The article's path as shown.
    pub article: String,
    /// The article's publication date.
    pub date: Option<Date>,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`, in characters.
    pub column: usize,
    /// Byte offset of the number as written.
    pub start: usize,
    /// Byte offset just past the number as written.
    pub end: usize,
    /// The sentence the number stands in.
    pub sentence: String,
    /// When the counted thing happened, if the text dates it as an
    /// incident (`2023-10-18`, `week-2024-01-24`); `None` for a running
    /// tally or no time. Part of `key`.
    pub scope: Option<String>,
    /// Who the sentence attributes the figure to ("Gaza Health Ministry").
    pub source: Option<String>,
    /// The outlet that published the article (front matter `source`).
    pub outlet: Option<String>,
    /// What kind of count it is: a running tally, one incident's count, or
    /// a stock as of a date (see [`Frame`]).
    #[serde(default)]
    pub frame: Frame,
    /// The date the figure stands for: "as of Jan. 6", "by Friday", or a
    /// figure the text cites as past; else the publication date.
    #[serde(default)]
    pub as_of: Option<Date>,
    /// A tally's start, where the text gives one ("since October 17": a
    /// date; "since the war began": the words).
    #[serde(default)]
    pub since: Option<String>,
    /// The event the figure belongs to, where the text sets it apart from
    /// the article's own: a past year or event ("the 2018 fire": `2018`).
    #[serde(default)]
    pub event: Option<String>,
    /// Whose: the victims, owners or agents, as the text or the article
    /// names them.
    #[serde(default)]
    pub whose: Option<String>,
    /// Where, as the sentence or the article (title, lead) names it.
    #[serde(default)]
    pub place: Option<String>,
    /// A part of the whole ("children" in "including 35 children").
    #[serde(default)]
    pub part: Option<String>,
    /// What is counted, where one measure counts different things:
    /// `missing` or `affected` people, `homes` or `targets`.
    #[serde(default)]
    pub counted: Option<String>,
    /// Reported, or a projection ("could reach 20,000").
    #[serde(default)]
    pub modality: Modality,
    /// The sentence says the figure is a revision ("revised down to 97",
    /// "instead of 11,300").
    #[serde(default)]
    pub revised: bool,
    /// Where each slot that is not the sentence's own came from: `title`,
    /// `lead` (the article's first paragraph), `topic` (a sentence before), `event` (a place that names the event),
    /// `cited` (an as-of before publication for a figure cited as past),
    /// `text` (an as-of date the text gives).
    #[serde(default)]
    pub slots_from: std::collections::BTreeMap<String, String>,
    /// Within its group: consistent with the series, a revision, in
    /// conflict, or an outlier. Set by the report; `null` in `extract`.
    #[serde(default)]
    pub status: Option<Status>,
    /// The number is too large to hold exactly ("10^400", 40 digits): it is
    /// kept as written, with no value and no bounds. Present only when true.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub overflow: bool,
}

/// What kind of count a figure is.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Frame {
    /// A running count since an event or a start (a death toll).
    #[default]
    Tally,
    /// One incident's count: one attack, one day, "another 35".
    Incident,
    /// How many there are as of a date: troops deployed, people missing.
    Stock,
}

impl Frame {
    /// The name used in JSON and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Frame::Tally => "tally",
            Frame::Incident => "incident",
            Frame::Stock => "stock",
        }
    }
}

/// Whether a figure is reported or projected.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Reported as standing.
    #[default]
    Reported,
    /// A projection or estimate of the future: "could reach 20,000".
    Projection,
}

impl Modality {
    /// The name used in JSON and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Reported => "reported",
            Modality::Projection => "projection",
        }
    }
}

/// A claim's standing within its group's series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Fits the series.
    Consistent,
    /// A later, lower figure of a running tally that a revision cue or a
    /// second article confirms.
    Revision,
    /// Disagrees with figures for the same time.
    Conflict,
    /// Fits no series: it probably counts something else, and stands in a
    /// group of its own.
    Outlier,
}

impl Status {
    /// The name used in JSON and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Consistent => "consistent",
            Status::Revision => "revision",
            Status::Conflict => "conflict",
            Status::Outlier => "outlier",
        }
    }
}

/// Builds a key from its parts: `measure/actor/location`, with `@scope`
/// for a dated incident.
pub fn make_key(
    measure: &str,
    actor: Option<&str>,
    location: Option<&str>,
    scope: Option<&str>,
) -> String {
    let (actor, location) = (actor.unwrap_or("-"), location.unwrap_or("-"));
    let scope_len = scope.map_or(0, |s| s.len() + 1);
    let mut key =
        String::with_capacity(measure.len() + actor.len() + location.len() + scope_len + 2);
    for (i, part) in [measure, actor, location].into_iter().enumerate() {
        if i > 0 {
            key.push('/');
        }
        key.push_str(part);
    }
    if let Some(scope) = scope {
        key.push('@');
        key.push_str(scope);
    }
    key
}

/// Adds the part a figure counts to a key: `killed/-/gaza#children` for
/// "including 3,760 children", a different quantity from the whole.
pub fn with_subset(key: String, subset: Option<&str>) -> String {
    match subset {
        Some(s) => {
            let mut key = key;
            key.push('#');
            key.push_str(s);
            key
        }
        None => key,
    }
}

/// Marks the amount of a change in a key: "rose by 300" is not the level
/// the toll stands at, so `killed/-/-~up` is its own quantity. An earlier
/// or later level (`from`, `to`) keeps the key of the quantity.
pub fn with_change(key: String, change: Option<Change>) -> String {
    match change {
        Some(c @ (Change::Up | Change::Down)) => {
            let mut key = key;
            key.push('~');
            key.push_str(c.as_str());
            key
        }
        _ => key,
    }
}

/// Writes `2500.0` as `2500` so that JSON shows figures as people write
/// them; fractional values stay as they are.
fn whole_if_integral<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => s.serialize_i64(*x as i64),
        Some(x) => s.serialize_f64(*x),
        None => s.serialize_none(),
    }
}

/// A figure for people: `2500`, `9.7`, `1400000`; `∞` for none.
pub fn format_value(v: Option<f64>) -> String {
    match v {
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => format!("{}", x as i64),
        Some(x) => {
            let s = format!("{x:.3}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        None => "∞".to_string(),
    }
}

/// A claim about the Gaza death toll for unit tests: article, date,
/// qualifier and bounds given, the rest fixed.
#[cfg(test)]
pub(crate) fn test_claim(
    article: &str,
    date: Option<&str>,
    qualifier: Qualifier,
    lower: Option<f64>,
    upper: Option<f64>,
) -> Claim {
    Claim {
        number: format_value(lower),
        value: lower,
        lower,
        upper,
        qualifier,
        change: None,
        currency: None,
        unit: None,
        measure: "killed".into(),
        actor: None,
        location: Some("gaza".into()),
        key: "killed/-/gaza".into(),
        article: article.into(),
        date: date.and_then(Date::parse),
        line: 1,
        column: 1,
        start: 0,
        end: 1,
        sentence: String::new(),
        scope: None,
        source: None,
        outlet: None,
        frame: Frame::Tally,
        as_of: date.and_then(Date::parse),
        since: None,
        event: None,
        whose: None,
        place: Some("gaza".into()),
        part: None,
        counted: None,
        modality: Modality::Reported,
        revised: false,
        slots_from: Default::default(),
        status: None,
        overflow: false,
    }
}
