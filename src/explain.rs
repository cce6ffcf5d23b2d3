//! EXPLAIN: why the claims of one line are what they are and where they
//! went, for `claimcheck explain FILE:LINE`.
//!
//! Takes a finished [`Report`] and a place in an article, and returns, for
//! each claim there, its slots with where each came from (`slots_from`),
//! the group it joined (id, identity, verdict, the other members and the
//! conflicts it is in) and how it got there, in the terms of `group`'s
//! linking: the block (every slot but the place and the dates, and the
//! place's country), phase one (the sentence names the place), phase two
//! (the place came from the article), the pool (no country), an outlier
//! taken out of a series, or unlinked (it fits several groups). Nothing
//! here links or judges: it reads what `group` and `compare` decided, and
//! prints nothing.

use crate::claim::Claim;
use crate::group::{Group, Unlinked};
use crate::report::Report;

/// A place in an article: `FILE:LINE` or `FILE:LINE:COLUMN`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The article as named.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column: only the claim that starts there.
    pub column: Option<usize>,
}

impl Target {
    /// Parses `FILE:LINE` or `FILE:LINE:COLUMN` (a file name may hold `:`:
    /// the numbers are read from the end).
    pub fn parse(s: &str) -> Result<Target, String> {
        let bad =
            || format!("`{s}` is not FILE:LINE (such as `corpus/a.md:14`) or FILE:LINE:COLUMN");
        let number = |t: &str| t.parse::<usize>().ok().filter(|&n| n > 0);
        let (rest, last) = s.rsplit_once(':').ok_or_else(bad)?;
        let last = number(last).ok_or_else(bad)?;
        let target = match rest.rsplit_once(':') {
            Some((file, line)) if number(line).is_some() && !file.is_empty() => Target {
                file: file.to_string(),
                line: number(line).unwrap_or(1),
                column: Some(last),
            },
            _ => Target {
                file: rest.to_string(),
                line: last,
                column: None,
            },
        };
        if target.file.is_empty() {
            return Err(bad());
        }
        Ok(target)
    }
}

/// A slot of a claim's identity: its value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// The slot's name, as in the JSON (`place`, `as_of`).
    pub name: &'static str,
    /// Its value as text (`-` for none).
    pub value: String,
    /// Where it came from: `sentence`, `title`, `lead`, `topic` (a sentence
    /// before), `text` (a date the text gives), `cited` (cited as past: the
    /// day before publication), `published` (the publication date).
    pub from: String,
}

/// How a claim came to be in its group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// It fits several groups and stands alone in its own; the ids of the
    /// groups it could join.
    Unlinked(Vec<String>),
    /// It fit no series of the group with this id, and was taken out of it
    /// into a group of outliers.
    Outlier(String),
    /// Phase one: the sentence names its place, in one country; it is
    /// grouped with the claims of its block that name the same place (and
    /// start, and for an incident overlapping dates).
    PhaseOne {
        /// The place.
        place: String,
        /// Its country, the block's.
        country: String,
    },
    /// Phase two: its place came from the article (`from`); `joined`: it
    /// joined the one phase-one group it fits (the same place, a place it
    /// contains or lies in, within the group's dates), else it was grouped
    /// with claims of the same place from their articles.
    PhaseTwo {
        /// The place.
        place: String,
        /// Where the place came from: `title`, `lead`, `topic`.
        from: String,
        /// It joined a group of claims whose sentences name their place.
        joined: bool,
    },
    /// The pool of its block: no place (it joins the one group of its kind
    /// it fits in time, else stands alone in its article), or places in
    /// several countries (grouped with claims of the same places).
    Pool(Option<String>),
}

/// One claim of the line, explained.
#[derive(Debug, Clone)]
pub struct Explained<'a> {
    /// The claim, as the report has it (with its status).
    pub claim: &'a Claim,
    /// Its identity slots.
    pub slots: Vec<Slot>,
    /// The group it is in.
    pub group: &'a Group,
    /// The group's other claims.
    pub others: Vec<&'a Claim>,
    /// The claims it disagrees with, and why.
    pub conflicts: Vec<(&'a Claim, &'a str)>,
    /// How it came to be there.
    pub link: Link,
    /// The block it was linked in: every slot but the place and the dates.
    pub block: String,
}

/// Did the sentence itself give the claim's place (as `group` decides)?
fn place_explicit(c: &Claim) -> bool {
    c.place.is_some() && !c.slots_from.contains_key("place")
}

/// The country of a claim's place; `None` for none or several.
fn country(c: &Claim) -> Option<String> {
    let place = c.place.as_deref()?;
    let mut countries = place.split('+').map(crate::places::country_of);
    let first = countries.next()??;
    countries
        .all(|c| c == Some(first))
        .then(|| first.to_string())
}

/// The slots of a claim with where each came from.
pub fn slots(c: &Claim) -> Vec<Slot> {
    let text = |v: Option<&str>| v.unwrap_or("-").to_string();
    let from = |name: &str| {
        c.slots_from
            .get(name)
            .cloned()
            .unwrap_or_else(|| "sentence".to_string())
    };
    let as_of_from = match c.slots_from.get("as_of") {
        Some(f) => f.clone(),
        None if c.as_of.is_some() => "published".to_string(),
        None => "-".to_string(),
    };
    let mut slots = vec![
        Slot {
            name: "frame",
            value: c.frame.as_str().to_string(),
            from: from("frame"),
        },
        Slot {
            name: "as_of",
            value: c.as_of.map_or_else(|| "-".to_string(), |d| d.to_string()),
            from: as_of_from,
        },
        Slot {
            name: "since",
            value: text(c.since.as_deref()),
            from: from("since"),
        },
        Slot {
            name: "event",
            value: text(c.event.as_deref()),
            from: from("event"),
        },
        Slot {
            name: "whose",
            value: text(c.whose.as_deref()),
            from: from("whose"),
        },
        Slot {
            name: "place",
            value: text(c.place.as_deref()),
            from: from("place"),
        },
        Slot {
            name: "part",
            value: text(c.part.as_deref()),
            from: from("part"),
        },
        Slot {
            name: "counted",
            value: text(c.counted.as_deref()),
            from: from("counted"),
        },
        Slot {
            name: "modality",
            value: c.modality.as_str().to_string(),
            from: from("modality"),
        },
        Slot {
            name: "revised",
            value: c.revised.to_string(),
            from: from("revised"),
        },
    ];
    // An empty slot came from nowhere.
    for s in &mut slots {
        if s.value == "-" && s.from == "sentence" {
            s.from = "-".to_string();
        }
    }
    slots
}

/// Is `c` the claim unlinked entry `u` names?
fn is(u: &Unlinked, c: &Claim) -> bool {
    u.article == c.article && u.line == c.line && u.column == c.column && u.number == c.number
}

/// The claims of `report` on line `line` of article `article` (at
/// `column`, if given), explained. No claim there is an error that names
/// the lines of the article that have claims.
pub fn explain<'a>(
    report: &'a Report,
    article: &str,
    line: usize,
    column: Option<usize>,
) -> Result<Vec<Explained<'a>>, String> {
    let mut found: Vec<(&Group, usize)> = Vec::new();
    let mut lines: Vec<usize> = Vec::new();
    for g in &report.groups {
        for (i, c) in g.claims.iter().enumerate() {
            if c.article != article {
                continue;
            }
            lines.push(c.line);
            if c.line == line && column.is_none_or(|col| c.column == col) {
                found.push((g, i));
            }
        }
    }
    if found.is_empty() {
        lines.sort_unstable();
        lines.dedup();
        let at = match column {
            Some(col) => format!("line {line}, column {col}"),
            None => format!("line {line}"),
        };
        return Err(if lines.is_empty() {
            format!("`{article}` has no claims")
        } else {
            let list: Vec<String> = lines.iter().map(usize::to_string).collect();
            format!(
                "no claim on {at} of `{article}` (lines with claims: {})",
                list.join(", ")
            )
        });
    }
    found.sort_by_key(|(g, i)| g.claims[*i].start);
    Ok(found
        .into_iter()
        .map(|(g, i)| {
            let c = &g.claims[i];
            let link = if let Some(u) = report.unlinked.iter().find(|u| is(u, c)) {
                Link::Unlinked(u.candidates.clone())
            } else if let Some(of) = &g.outlier_of {
                Link::Outlier(of.clone())
            } else {
                match (c.place.clone(), country(c)) {
                    (None, _) => Link::Pool(None),
                    (Some(p), None) => Link::Pool(Some(p)),
                    (Some(place), Some(country)) if place_explicit(c) => {
                        Link::PhaseOne { place, country }
                    }
                    (Some(place), Some(_)) => Link::PhaseTwo {
                        from: c.slots_from.get("place").cloned().unwrap_or_default(),
                        joined: g.claims.iter().any(place_explicit),
                        place,
                    },
                }
            };
            let conflicts = g
                .conflicts
                .iter()
                .filter_map(|k| match (k.a == i, k.b == i) {
                    (true, _) => Some((&g.claims[k.b], k.reason.as_str())),
                    (_, true) => Some((&g.claims[k.a], k.reason.as_str())),
                    _ => None,
                })
                .collect();
            let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_string());
            let block = format!(
                "measure {}, counted {}, part {}, frame {}, modality {}, event {}; country {}",
                c.measure,
                opt(&c.counted),
                opt(&c.part),
                c.frame.as_str(),
                c.modality.as_str(),
                opt(&c.event),
                country(c).unwrap_or_else(|| "none (the pool)".to_string())
            );
            Explained {
                claim: c,
                slots: slots(c),
                group: g,
                others: g
                    .claims
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, o)| o)
                    .collect(),
                conflicts,
                link,
                block,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse_from_the_end() {
        let t = Target::parse("corpus/a.md:14").unwrap();
        assert_eq!(
            (t.file.as_str(), t.line, t.column),
            ("corpus/a.md", 14, None)
        );
        let t = Target::parse("a:b.md:3:7").unwrap();
        assert_eq!((t.file.as_str(), t.line, t.column), ("a:b.md", 3, Some(7)));
        for bad in ["a.md", "a.md:", "a.md:0", ":3", "a.md:x", ""] {
            assert!(Target::parse(bad).is_err(), "{bad:?}");
        }
    }
}
