//! Context: what a quantity counts, whose, and where.
//!
//! Takes a sentence's tokens, the quantities found in it and the
//! [`Lexicon`], and decides for each quantity its `measure` (from the unit,
//! the counted noun after it, the verb that governs it, or the list it
//! stands in), its `actor` (by the measure's role: owner, victim or agent)
//! and its `location` (the place named with a locative preposition nearest
//! to it). These are rules over words near the number, not a parser; each
//! rule is tested on its own sentence below.

use super::lexicon::{data_words, word_set};
use super::lexicon::{Lexicon, Place};
use super::number::{Quantity, Unit};
use super::text::{Kind, Token};
use crate::claim::Qualifier;
use crate::config::Role;
use crate::gazetteer::{Kind as PlaceKind, NameId, PlaceId};

/// A name from the gazetteer found in the sentence.
#[derive(Debug, Clone, Copy)]
pub struct Mention {
    /// First token.
    pub start: usize,
    /// Just past the last token.
    pub end: usize,
    /// What it names.
    pub place: Place,
    /// Preceded by a locative preposition ("in Iraq"), directly or through a
    /// list ("in Iraq and Syria").
    pub locative: bool,
    /// Preceded by "of" ("the bombardment of Gaza").
    pub of: bool,
    /// Preceded by "to" ("deployed to Iraq"; but also "due to").
    pub to: bool,
    /// Preceded by a word of direction ("fled to Chad", "into Egypt"): the
    /// place is a destination, not where the counted people belong.
    pub destination: bool,
    /// Preceded by a word that makes a name an object, not a subject
    /// ("used by US forces", "support for Israel").
    pub object: bool,
    /// Written with a possessive `'s`.
    pub possessive: bool,
    /// Inside an aside set off by commas (", which carries out operations
    /// in the Middle East,"): not where the main clause's figure is.
    pub aside: bool,
    /// A gazetteer name of several places whose default was taken: the
    /// article's main country may choose another (see [`settle`]).
    pub ambiguous: Option<NameId>,
}

/// What was decided for one quantity.
#[derive(Debug, Clone, PartialEq)]
pub struct Context {
    /// Measure index into `Lexicon::measures`.
    pub measure: usize,
    /// Actor index: whose, as the text says.
    pub actor: Option<usize>,
    /// The actor part of the key: for victims in a named place, the people
    /// of that place.
    pub key_actor: Option<usize>,
    /// Location indices, sorted (several for "in Iraq and Syria").
    pub locations: Vec<usize>,
    /// A qualifier shared from the list it stands in, if any.
    pub shared_qualifier: Option<Qualifier>,
    /// Whether a counted noun from the lexicon follows the number.
    pub counted_noun: bool,
    /// It is a part of the figure before ("including 35 children").
    pub part: bool,
    /// The measure came from a verb ("killed 10 civilians"), not a noun.
    pub verb_made: bool,
    /// For a part of the figure before, which part: its noun ("children"
    /// in "including 35 children"), or `part`. A part is its own quantity.
    pub subset: Option<String>,
    /// The figure has nothing of its own to say what it counts and points
    /// back to the figure before, in an earlier sentence: "The figure could
    /// reach 20,000"; "Of those, 40 were children".
    pub anaphor: Option<Anaphor>,
    /// The counted noun as written after the number, lowercase ("homes",
    /// "body bags"), or the first word after it when no lexicon noun
    /// names the thing.
    pub counted: Option<String>,
}

/// How a figure points back to an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anaphor {
    /// The same quantity, restated or updated ("the figure", "the number").
    Same,
    /// A part of it ("Of those, 40 ...").
    Part,
}

const LOCATIVE: &[&str] = &[
    "in",
    "inside",
    "into",
    "at",
    "near",
    "across",
    "through",
    "throughout",
    "on",
    "within",
    "toward",
    "towards",
    "around",
    "outside",
];

/// Words before a name that make it an object rather than a subject.
const OBJECT_MARKERS: &[&str] = &[
    "by",
    "with",
    "against",
    "on",
    "for",
    "to",
    "from",
    "at",
    "of",
    "into",
    "toward",
    "towards",
    "targeting",
    "between",
    "and",
];

/// Words between a preposition and a place name: "in northern Iraq".
const PLACE_ADJECTIVES: &[&str] = &[
    "the",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "neighbouring",
    "neighboring",
    "occupied",
    "israeli-occupied",
    "besieged",
    "war-torn",
    "mainland",
    "all",
    "both",
    "rural",
    "greater",
    "upper",
    "lower",
    "coastal",
];

/// Words that end the noun phrase after a number.
const NP_STOP: &[&str] = &[
    "in",
    "on",
    "at",
    "to",
    "from",
    "by",
    "for",
    "with",
    "into",
    "across",
    "near",
    "since",
    "during",
    "after",
    "before",
    "over",
    "under",
    "against",
    "of",
    "and",
    "or",
    "but",
    "as",
    "than",
    "who",
    "which",
    "that",
    "whom",
    "whose",
    "were",
    "was",
    "are",
    "is",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "can",
    "do",
    "did",
    "does",
    "not",
    "also",
    "the",
    "a",
    "an",
    "this",
    "these",
    "those",
    "their",
    "its",
    "his",
    "her",
    "our",
    "said",
    "says",
    "say",
    "according",
    "per",
    "each",
    "when",
    "where",
    "while",
    "if",
    "because",
    "so",
    "then",
    "including",
    "between",
    "among",
    "amid",
    "toward",
    "towards",
    "through",
    "via",
    "about",
    "around",
    "last",
    "this",
    "every",
    "out",
    "up",
    "off",
    "it",
    "they",
    "them",
    "we",
    "he",
    "she",
    "there",
    "here",
    "still",
    "already",
    "yet",
    "now",
    "reportedly",
    "allegedly",
    "all",
    "only",
];

/// Words that end a clause for the scans after a number.
const CLAUSE_STOP: &[&str] = &[
    "which", "while", "but", "after", "before", "when", "because", "since", "although", "though",
    "whereas", "whose", "that", "who",
];

/// Words that may stand between a "before" trigger and the number:
/// "death toll has risen to 9,000", "killing a total of 20".
const BEFORE_GAP: &[&str] = &[
    "a",
    "an",
    "the",
    "total",
    "of",
    "to",
    "at",
    "reportedly",
    "has",
    "have",
    "had",
    "risen",
    "rose",
    "climbed",
    "reached",
    "stood",
    "stands",
    "is",
    "was",
    "now",
    "further",
    "another",
    "additional",
    "been",
    "being",
    "jumped",
    "increased",
    "soared",
    "hit",
    "reach",
    "rise",
    "climb",
    "stand",
    "some",
    "nearly",
    "over",
    "than",
    "more",
    "at",
    "least",
    "up",
    "already",
    "since",
    "then",
    "officially",
    "allegedly",
    "all",
    "by",
];

/// Is token `k` a clause boundary for forward scans?
fn clause_boundary(t: &Token<'_>) -> bool {
    match t.kind {
        Kind::Punct => matches!(
            t.text,
            "," | ";" | ":" | "—" | "–" | "(" | ")" | "[" | "]" | "\"" | "“" | "”" | "!" | "?"
        ),
        Kind::Number => true,
        Kind::Word => word_set!(CLAUSE_STOP).has(t),
    }
}

/// Words that open a contrasting clause: a place before one is not the
/// place of a figure after it ("militias in Iraq ..., as Israeli officials
/// said 1,400 people had been killed").
const CONTRAST_BEFORE: &[&str] = &["while", "but", "whereas", ";", "although", "as"];

/// As [`CONTRAST_BEFORE`], for a place after the figure ("..., while more
/// than 1,400 people have died in Israel").
const CONTRAST_AFTER: &[&str] = &["while", "but", "whereas", ";", "although"];

/// Words after the noun phrase that name the actor for each role.
fn links(role: Role) -> &'static [&'static str] {
    match role {
        Role::Owner => &[
            "of",
            "used by",
            "operated by",
            "belonging to",
            "owned by",
            "controlled by",
            "run by",
            "held by",
            "loyal to",
            "linked to",
            "affiliated with",
        ],
        Role::Agent => &["by", "from"],
        Role::Victim => &["among", "including"],
        Role::Target => &["on", "against", "targeting", "targeted", "at"],
    }
}

/// The first words of the links after a noun phrase that name its actor
/// ("used by", "loyal to", "against"), for every role: a token whose shape
/// is not among theirs starts none.
const LINK_FIRSTS: &[&str] = &[
    "of",
    "used",
    "operated",
    "belonging",
    "owned",
    "controlled",
    "run",
    "held",
    "loyal",
    "linked",
    "affiliated",
    "by",
    "from",
    "among",
    "including",
    "on",
    "against",
    "targeting",
    "targeted",
    "at",
];

/// A word between a preposition and a place: "northern", "Hamas-run".
fn place_adjective(t: &Token<'_>) -> bool {
    let w = t.norm.as_ref();
    word_set!(PLACE_ADJECTIVES).has(t)
        || [
            "-run",
            "-held",
            "-controlled",
            "-occupied",
            "-led",
            "-ruled",
            "-besieged",
        ]
        .iter()
        .any(|s| w.ends_with(s))
}

/// A name at token `i`: the config's aliases and the gazetteer's place
/// names, the longer first; of two as long, the config's, with what it does
/// not say taken from the gazetteer. The end, the place, and the gazetteer
/// name if one was found.
fn name_at(
    lex: &Lexicon,
    tokens: &[Token<'_>],
    i: usize,
) -> Option<(usize, Place, Option<NameId>)> {
    let config = lex.places.at(tokens, i);
    let gaz = lex.gazetteer_at(tokens, i);
    match (config, gaz) {
        (Some((ce, _)), Some((ge, name))) if ge > ce => {
            Some((ge, lex.gazetteer_place_of(name, 0)?, Some(name)))
        }
        (Some((ce, &cp)), Some((ge, name))) if ge == ce => {
            let gp = lex.gazetteer_place_of(name, 0).unwrap_or_default();
            let place = Place {
                actor: cp.actor.or(gp.actor),
                location: cp.location.or(gp.location),
            };
            Some((ce, place, cp.location.is_none().then_some(name)))
        }
        (Some((ce, &cp)), _) => Some((ce, cp, None)),
        (None, Some((ge, name))) => Some((ge, lex.gazetteer_place_of(name, 0)?, Some(name))),
        (None, None) => None,
    }
}

/// Finds the gazetteer names in a sentence.
pub fn mentions(lex: &Lexicon, tokens: &[Token<'_>]) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // Most words name no place: told at a glance.
        if !lex.may_name(&tokens[i]) {
            i += 1;
            continue;
        }
        let Some((end, mut place, name)) = name_at(lex, tokens, i) else {
            i += 1;
            continue;
        };
        // Look back past place adjectives for the preposition.
        let mut p = i;
        while p > 0 && p + 3 > i && place_adjective(&tokens[p - 1]) {
            p -= 1;
        }
        let before_token = p.checked_sub(1).map(|k| &tokens[k]);
        let before = before_token.map(|t| t.norm.as_ref());
        let gaz = lex.gazetteer();
        // "eastern Libya": a part of the place.
        if let (Some(loc), Some(k)) = (place.location, i.checked_sub(1)) {
            if lex.gazetteer_place(loc).is_some() {
                if let Some(part) = lex.part_word(&tokens[k]) {
                    place.location = Some(lex.part_of(loc, part));
                }
            }
        }
        let mut ambiguous = name.filter(|&n| gaz.ambiguous(n));
        // "Tripoli, Lebanon": the place of the name inside the one after it.
        if let Some(n) = name.filter(|&n| gaz.several(n)) {
            if tokens.get(end).is_some_and(|t| t.text == ",") {
                if let Some((_, next, _)) = name_at(lex, tokens, end + 1) {
                    let inside = next.location.and_then(|w| {
                        gaz.candidates(n)
                            .map(|c| lex.place_of(c))
                            .find(|c| c.location.is_some_and(|l| lex.contains(w, l)))
                    });
                    if let Some(c) = inside {
                        place = Place {
                            location: c.location.map(|l| match place.location {
                                Some(cur) => lex.rebase(cur, PlaceId(l as u32)),
                                None => l,
                            }),
                            ..c
                        };
                        ambiguous = None;
                    }
                }
            }
        }
        // "Israel, where more than 1,400 people were killed": the place of
        // the relative clause.
        let antecedent = tokens.get(end).is_some_and(|t| t.text == ",")
            && tokens.get(end + 1).is_some_and(|t| t.norm == "where");
        // "a quake struck southern Turkey": the object of a verb of the
        // event is where it happened, as after "in".
        let struck = before_token.is_some_and(|t| data_words!("event_verbs").has(t));
        let mut locative =
            before_token.is_some_and(|t| word_set!(LOCATIVE).has(t)) || antecedent || struck;
        let possessive = tokens[end - 1].possessive;
        // "in Iraq and Syria", "in Iraq, Syria and Jordan", "in Mali & Niger".
        let mut listed = false;
        if matches!(before, Some("and" | "or" | "," | "&" | "/")) && !possessive {
            if let Some(prev) = out.last() {
                let gap = p - 1;
                let joined =
                    prev.end == gap || (prev.end + 1 == gap && tokens[prev.end].text == ",");
                listed = joined && prev.locative;
                locative |= listed;
            }
        }
        // A town whose name is a common word ("Reading", "Split") only
        // after a preposition of place, in lowercase or opening the
        // sentence ("Four Killed In Police Shooting" is a headline), or in
        // a list of such places, and not as the start of a longer name.
        if name.is_some_and(|n| gaz.weak(n)) {
            let preposition = before_token.is_some_and(|t| {
                word_set!(LOCATIVE).has(t)
                    && (p == 1 || t.text.starts_with(|c: char| c.is_lowercase()))
            });
            // "in the Green Mountain region": part of a longer name.
            let name_goes_on = tokens
                .get(end)
                .is_some_and(|t| t.kind == Kind::Word && t.text.starts_with(char::is_uppercase));
            if (!preposition && !listed) || name_goes_on {
                i += 1;
                continue;
            }
        }
        // "US forces" and "attacks on US troops" name the country; "in the
        // US" names the place too: after a preposition, ending a phrase.
        if name.is_some_and(|n| gaz.adjective(n)) {
            let ends_phrase = tokens
                .get(end)
                .is_none_or(|t| t.kind != Kind::Word || word_set!(NP_STOP).has(t));
            if !(locative && ends_phrase) || possessive {
                place.location = None;
            }
        }
        out.push(Mention {
            start: i,
            end,
            place,
            locative,
            of: before == Some("of"),
            to: before == Some("to"),
            destination: matches!(before, Some("to" | "into" | "toward" | "towards")),
            object: before_token.is_some_and(|t| word_set!(OBJECT_MARKERS).has(t)),
            possessive,
            aside: in_aside(tokens, i),
            ambiguous,
        });
        i = end;
    }
    out
}

/// Settles ambiguous names by the article's main country: "Tripoli" in an
/// article about Lebanon is Lebanon's. The other place is taken when it is
/// in that country and is a region, or a town of at least
/// `min_population` people (a Moscow of 25,000 in Idaho does not take the
/// name from Russia's capital in an American article).
pub fn settle(lex: &Lexicon, mentions: &mut [Mention], country: PlaceId, min_population: u64) {
    let gaz = lex.gazetteer();
    for m in mentions.iter_mut() {
        let Some(name) = m.ambiguous else { continue };
        let Some(current) = m.place.location else {
            continue;
        };
        if lex.country(current) == Some(country) {
            continue;
        }
        let better = gaz.candidates(name).find(|&c| {
            gaz.country(c) == Some(country)
                && match gaz.kind(c) {
                    PlaceKind::Region | PlaceKind::District => true,
                    PlaceKind::Town => gaz.population(c) >= min_population,
                    _ => false,
                }
        });
        if let Some(c) = better {
            let place = lex.place_of(c);
            m.place = Place {
                // Keep a part ("northern Georgia").
                location: Some(lex.rebase(current, c)),
                ..place
            };
        }
    }
}

/// Is token `i` inside ", which ... ," or ", who ... ,"?
fn in_aside(tokens: &[Token<'_>], i: usize) -> bool {
    let open = (0..i).rev().find(|&k| tokens[k].text == ",");
    let Some(open) = open else {
        return false;
    };
    let relative = tokens
        .get(open + 1)
        .is_some_and(|t| matches!(t.norm.as_ref(), "which" | "who"));
    relative && tokens[i..].iter().any(|t| t.text == ",")
}

/// The noun phrase after a number.
#[derive(Debug, Clone, Copy, Default)]
struct NounPhrase {
    /// The counted noun: its tokens and measure.
    head: Option<(usize, usize, usize)>,
    /// Any word stands after the number (so it is not elliptical).
    words: bool,
    /// "N times": a count of occurrences.
    times: bool,
    /// Just past the phrase.
    end: usize,
    /// Just past the words read after the number, counted noun or not
    /// ("245 Hezbollah operatives").
    words_end: usize,
}

fn noun_phrase(lex: &Lexicon, tokens: &[Token<'_>], q: &Quantity) -> NounPhrase {
    let mut k = q.last + 1;
    let mut np = NounPhrase {
        end: k,
        ..NounPhrase::default()
    };
    // "dozens of attacks", "2,500 of the troops", "one of them".
    if tokens.get(k).is_some_and(|t| t.norm == "of") {
        k += 1;
        let determiner = |t: &Token<'_>| {
            matches!(
                t.norm.as_ref(),
                "the" | "their" | "its" | "his" | "her" | "our" | "whom" | "them"
            )
        };
        while tokens.get(k).is_some_and(determiner) {
            k += 1;
        }
        // "28 of 31 drones", "74 of the 97 victims": the noun of the
        // second number.
        if tokens.get(k).is_some_and(|t| t.kind == Kind::Number) {
            k += 1;
        }
        while tokens.get(k).is_some_and(determiner) {
            k += 1;
        }
    }
    let mut unknown = 0;
    while let Some(t) = tokens.get(k) {
        if t.kind != Kind::Word {
            break;
        }
        let w = t.norm.as_ref();
        if np.head.is_none() && matches!(w, "times" | "occasions") {
            np.times = true;
            np.words = true;
            np.end = k + 1;
            break;
        }
        if let Some((end, &m)) = lex.nouns.at(tokens, k) {
            // "displaced Palestinians", "wounded soldiers": a victim word
            // before a people noun decides.
            let victim_modifier = np
                .head
                .is_some_and(|(_, _, h)| lex.roles[h] == Role::Victim && !lex.people[h]);
            if victim_modifier && lex.people[m] {
                np.end = end;
                break;
            }
            // "Tower 22 houses about 350 personnel": a noun followed by a
            // figure is a verb.
            let figure_follows = |at: usize| {
                tokens.get(at).is_some_and(|t| {
                    t.kind == Kind::Number
                        || (matches!(t.norm.as_ref(), "about" | "some" | "around" | "nearly")
                            && tokens.get(at + 1).is_some_and(|n| n.kind == Kind::Number))
                })
            };
            if np.head.is_none() && figure_follows(end) {
                break;
            }
            np.head = Some((k, end, m));
            np.words = true;
            np.end = end;
            k = end;
            // "drone attacks": a noun right after a noun is the head.
            if lex.nouns.at(tokens, k).is_some() {
                continue;
            }
            // "drone and missile attacks": a singular modifier in a list.
            let singular = !tokens[end - 1].norm.ends_with('s');
            let list = tokens
                .get(k)
                .is_some_and(|t| matches!(t.norm.as_ref(), "and" | "or" | ","));
            let modifier_follows = lex
                .nouns
                .at(tokens, k + 1)
                .is_some_and(|(e, _)| lex.nouns.at(tokens, e).is_some());
            if singular && list && modifier_follows {
                k += 1;
                continue;
            }
            // "300 drones and missiles": one count of things of two
            // measures, neither's alone.
            if list && !singular && !lex.people[m] {
                if let Some((e, &other)) = lex.nouns.at(tokens, k + 1) {
                    if other != m && !lex.people[other] {
                        np.head = Some((np.head.map_or(k, |h| h.0), e, lex.other));
                        np.end = e;
                    }
                }
            }
            break;
        }
        // "350 Army and Air Force personnel": a list of modifiers.
        let modifier_list = matches!(w, "and" | "or")
            && unknown > 0
            && (k + 1..(k + 4).min(tokens.len())).any(|j| lex.nouns.at(tokens, j).is_some());
        if (word_set!(NP_STOP).has(t) && !modifier_list) || np.head.is_some() || unknown == 3 {
            break;
        }
        unknown += 1;
        // "1,404 critically", "600 more in the west": an adverb or "more"
        // gives the figure no noun of its own.
        if !(w.ends_with("ly") || data_words!("elliptical_words").has(t)) {
            np.words = true;
        }
        k += 1;
    }
    np.words_end = k.max(np.end);
    if np.head.is_none() && !np.times {
        np.end = q.last + 1;
        // "the 2,500 stationed in Iraq": a participle alone leaves the noun
        // to the list.
        let participle = tokens
            .get(q.last + 1)
            .is_some_and(|t| t.kind == Kind::Word && t.norm.ends_with("ed"));
        if unknown == 1 && participle {
            np.words = false;
        }
    }
    np
}

/// A "before" trigger: a verb or phrase just before the number (allowing
/// the gap words in [`BEFORE_GAP`]).
fn before_trigger(lex: &Lexicon, tokens: &[Token<'_>], q: &Quantity) -> Option<usize> {
    let mut j = q.qual_start;
    for _ in 0..8 {
        if let Some((_, &m)) = lex.before.ending_at(tokens, j) {
            return Some(m);
        }
        let prev = tokens.get(j.checked_sub(1)?)?;
        if prev.kind == Kind::Word && word_set!(BEFORE_GAP).has(prev) {
            j -= 1;
        } else {
            return None;
        }
    }
    None
}

/// An "after" trigger: a verb or phrase after the counted noun, in the same
/// clause.
fn after_trigger(lex: &Lexicon, tokens: &[Token<'_>], q: &Quantity, from: usize) -> Option<usize> {
    let mut k = from;
    let mut limit = from + 6;
    // A figure inside an aside ("people, out of a population of 2.3
    // million, have been displaced") does not reach past its closing comma.
    let mut skipped_aside = tokens[q.qual_start.saturating_sub(6)..q.qual_start]
        .iter()
        .any(|t| t.text == ",");
    while k < tokens.len() && k < limit {
        if let Some((_, &m)) = lex.after.at(tokens, k) {
            return Some(m);
        }
        // "the 85 people who were killed": a relative clause right after
        // the noun says what befell them.
        if k == from && matches!(tokens[k].norm.as_ref(), "who" | "that") {
            k += 1;
            continue;
        }
        // "1.9 million people, or 85 per cent of the population, have been
        // displaced": step over an aside set off by commas.
        if tokens[k].text == "," && !skipped_aside {
            let close = (k + 1..tokens.len().min(k + 16)).find(|&c| tokens[c].text == ",");
            if let Some(c) = close {
                let verb = tokens.get(c + 1).is_some_and(|t| {
                    matches!(
                        t.norm.as_ref(),
                        "have" | "has" | "had" | "were" | "was" | "are" | "is"
                    )
                }) || lex.after.at(tokens, c + 1).is_some();
                if verb {
                    skipped_aside = true;
                    k = c + 1;
                    limit = k + 4;
                    continue;
                }
            }
        }
        // "45 civilians and 73 soldiers were killed": step over the next
        // figure of the list to the verb they share.
        let joint = matches!(tokens[k].norm.as_ref(), "and" | ",");
        if joint && tokens.get(k + 1).is_some_and(|t| t.kind == Kind::Number) && limit < from + 12 {
            k += 2;
            while tokens.get(k).is_some_and(|t| {
                t.kind == Kind::Word
                    && lex.after.at(tokens, k).is_none()
                    && !word_set!(NP_STOP).has(t)
            }) {
                k += 1;
            }
            limit = k + 4;
            continue;
        }
        if clause_boundary(&tokens[k]) || tokens[k].norm == "and" {
            return None;
        }
        k += 1;
    }
    None
}

/// "including 35 children", "among them 13 Israelis": the quantity is a
/// part of the one before.
fn part_marker(tokens: &[Token<'_>], q: &Quantity) -> bool {
    let before = |n: usize| -> Vec<&str> {
        if q.qual_start < n {
            return Vec::new();
        }
        tokens[q.qual_start - n..q.qual_start]
            .iter()
            .map(|t| t.norm.as_ref())
            .collect()
    };
    matches!(
        before(1).as_slice(),
        ["including"] | ["includes"] | ["included"]
    ) || matches!(
        before(2).as_slice(),
        ["among", "them"]
            | ["of", "whom"]
            | ["of", "them"]
            | ["among", "whom"]
            | ["among", "those"]
    )
}

/// Are the tokens between two quantities only a list separator?
fn list_gap(tokens: &[Token<'_>], from: usize, to: usize) -> bool {
    let gap: Vec<&str> = tokens[from.min(to)..to]
        .iter()
        .map(|t| t.norm.as_ref())
        .collect();
    matches!(
        gap.as_slice(),
        [","] | ["and"] | ["or"] | [",", "and"] | [",", "or"]
    )
}

/// Is the gap between two figures only a list joint, places and
/// prepositions ("troops in Syria and", "— and an additional")? Then a
/// qualifier carries over; after a verb ("since November, sinking two") it
/// does not.
fn plain_list(tokens: &[Token<'_>], mentions: &[Mention], from: usize, to: usize) -> bool {
    (from.min(to)..to).all(|k| {
        let t = &tokens[k];
        let w = t.norm.as_ref();
        mentions.iter().any(|m| m.start <= k && k < m.end)
            || word_set!(LOCATIVE).has(t)
            || word_set!(PLACE_ADJECTIVES).has(t)
            || matches!(
                w,
                "," | "and"
                    | "—"
                    | "–"
                    | "an"
                    | "additional"
                    | "another"
                    | "with"
                    | "plus"
                    | "a"
                    | "further"
            )
    })
}

/// "died in the quake, mostly in Marrakech": a place the figure is spread
/// over, not its place.
///
/// "the deadliest wildfire in the U.S.": the scope of a ranking, not the
/// figure's place either.
fn distributed(tokens: &[Token<'_>], m: &Mention) -> bool {
    words_before_preposition(tokens, m, &["in", "around", "near"]).is_some_and(|words| {
        words
            .last()
            .is_some_and(|t| data_words!("distribution_words").has(t))
            || words.iter().any(|t| data_words!("superlatives").has(t))
    })
}

/// The words (at most three) before the preposition of a mention, if one
/// of `prepositions` stands right before it or before its article: "the
/// deadliest wildfire" of "the deadliest wildfire in the U.S.".
fn words_before_preposition<'a, 't>(
    tokens: &'a [Token<'t>],
    m: &Mention,
    prepositions: &[&str],
) -> Option<&'a [Token<'t>]> {
    let at = match m.start.checked_sub(1) {
        Some(k) if tokens[k].norm == "the" => k,
        _ => m.start,
    };
    if at < 2 || !prepositions.contains(&tokens[at - 1].norm.as_ref()) {
        return None;
    }
    let end = at - 1;
    let start = (at.saturating_sub(5)..end)
        .rev()
        .take_while(|&k| tokens[k].kind == Kind::Word)
        .last()
        .unwrap_or(end);
    Some(&tokens[start..end])
}

/// "Canada has now lost 13.7 million hectares", "The Northwest
/// Territories has 236 active fires": a place that opens the sentence as
/// the subject of a verb of having, losing or recording the figure.
fn place_subject(tokens: &[Token<'_>], m: &Mention, q: &Quantity) -> bool {
    let opens = m.start == 0 || (m.start == 1 && tokens[0].norm == "the");
    if !opens || m.possessive || m.end >= q.qual_start {
        return false;
    }
    let between = &tokens[m.end..q.qual_start];
    if between.len() > 4 || between.iter().any(|t| t.kind != Kind::Word) {
        return false;
    }
    // "has" owns the figure only right before it ("has 236 fires"), not
    // as the auxiliary of another verb ("has called up 360,000").
    between.iter().enumerate().any(|(k, t)| {
        data_words!("place_subject_verbs").has(t)
            && (!matches!(t.norm.as_ref(), "has" | "have" | "had") || k + 1 == between.len())
    })
}

/// May a mention be the place of a figure? Not when it spreads the figure
/// ("mostly in Marrakech"), ranks it, only describes a settlement or says
/// where the figure was said.
pub(crate) fn may_place(lex: &Lexicon, tokens: &[Token<'_>], m: &Mention) -> bool {
    !distributed(tokens, m) && !descriptive(lex, tokens, m) && !spoken_in(tokens, m)
}

/// "told reporters in Ankara", "speaking in Geneva": where a figure was
/// said, not its place.
fn spoken_in(tokens: &[Token<'_>], m: &Mention) -> bool {
    words_before_preposition(tokens, m, &["in", "from", "at"])
        .is_some_and(|words| words.iter().any(|t| data_words!("speech_words").has(t)))
}

/// "in the Mediterranean city": a sea, a country or an area that only
/// describes a settlement named elsewhere (a lowercase noun with no "of
/// NAME" after it); "in Al Haouz province" names the province itself.
fn descriptive(lex: &Lexicon, tokens: &[Token<'_>], m: &Mention) -> bool {
    let Some(noun) = tokens.get(m.end) else {
        return false;
    };
    if !noun.text.starts_with(|c: char| c.is_lowercase())
        || !data_words!("settlement_nouns").has(noun)
        || tokens.get(m.end + 1).is_some_and(|t| t.norm == "of")
    {
        return false;
    }
    let Some(l) = m.place.location else {
        return false;
    };
    let gazetteer = crate::gazetteer::get();
    gazetteer.place(lex.location_name(l)).is_some_and(|id| {
        use crate::gazetteer::Kind as Level;
        matches!(
            gazetteer.kind(id),
            Level::Sea | Level::Country | Level::Area
        )
    })
}

/// "N of the dead", "N of their soldiers": the figure counts a part of
/// what follows "of".
fn partitive(tokens: &[Token<'_>], q: &Quantity) -> bool {
    tokens.get(q.last + 1).is_some_and(|t| t.norm == "of")
        && tokens.get(q.last + 2).is_some_and(|t| {
            matches!(
                t.norm.as_ref(),
                "the" | "those" | "these" | "its" | "their" | "our" | "his" | "her"
            )
        })
}

/// "Of the dead, 202 were in the region": the measure of the count a
/// sentence opens with ("of the", a counted noun, a comma before the
/// figure).
fn of_the_count(lex: &Lexicon, tokens: &[Token<'_>], q: &Quantity) -> Option<usize> {
    let opening = tokens.get(..q.qual_start)?;
    if opening.len() < 4
        || opening.len() > 7
        || opening[0].norm != "of"
        || !matches!(opening[1].norm.as_ref(), "the" | "those" | "these")
        || opening[opening.len() - 1].text != ","
    {
        return None;
    }
    (2..opening.len() - 1).find_map(|k| lex.nouns.at(tokens, k).map(|(_, &m)| m))
}

/// "Of those, 40 were in the north", "Of them, 12 ...": a figure whose
/// sentence opens by pointing back at the figure before.
fn part_of_earlier(tokens: &[Token<'_>], q: &Quantity) -> bool {
    let opening: Vec<&str> = tokens[..q.qual_start.min(4)]
        .iter()
        .map(|t| t.norm.as_ref())
        .collect();
    matches!(
        opening.as_slice(),
        ["of", "those" | "them" | "these" | "whom", ","]
            | ["among", "those" | "them" | "these", ","]
            | ["of", "those" | "them" | "these" | "whom"]
            | ["among", "them" | "those"]
    )
}

/// The qualifier a figure shares with the one before it in a list of
/// counts of one thing: "at least 12 times in the capital and four times
/// elsewhere" (the same noun after both, a place phrase and a joint
/// between), or a conversion in brackets ("more than 2,100 acres (850
/// hectares)").
fn listed_qualifier(
    tokens: &[Token<'_>],
    quantities: &[Quantity],
    out: &[Context],
    parts: &[(bool, usize)],
    n: usize,
) -> Option<Qualifier> {
    let p = n.checked_sub(1)?;
    let (pq, q) = (&quantities[p], &quantities[n]);
    if pq.year_like || pq.identifier_like {
        return None;
    }
    let qualifier = if pq.explicit_qualifier {
        pq.qualifier
    } else {
        out.get(p)?.shared_qualifier?
    };
    if !matches!(
        qualifier,
        Qualifier::AtLeast
            | Qualifier::MoreThan
            | Qualifier::About
            | Qualifier::Nearly
            | Qualifier::AtMost
            | Qualifier::LessThan
    ) {
        return None;
    }
    let from = parts.get(p)?.1;
    let gap = tokens.get(from..q.qual_start)?;
    if let [open] = gap {
        let closed = tokens.get(q.last + 2).is_some_and(|t| t.text == ")");
        if open.text == "(" && closed && q.unit == Unit::Measurement && pq.unit == q.unit {
            return Some(qualifier);
        }
        return None;
    }
    let noun = |k: usize| tokens.get(k).filter(|t| t.kind == Kind::Word);
    let same_noun = noun(pq.last + 1)
        .zip(noun(q.last + 1))
        .is_some_and(|(a, b)| a.norm == b.norm);
    let (joint, phrase) = match gap {
        [rest @ .., c, a] if c.text == "," && a.norm == "and" => (true, rest),
        [rest @ .., j] => (matches!(j.norm.as_ref(), "and" | "," | "—"), rest),
        [] => (false, gap),
    };
    let place = phrase.is_empty()
        || (phrase.len() <= 5
            && word_set!(LOCATIVE).has(&phrase[0])
            && phrase.iter().all(|t| t.kind == Kind::Word));
    (same_noun && joint && place).then_some(qualifier)
}

/// "the number of Sudanese refugees there to more than half a million": the
/// counted noun stands before the number, after "number of".
fn noun_before(lex: &Lexicon, tokens: &[Token<'_>], q: &Quantity) -> Option<usize> {
    let lo = q.qual_start.saturating_sub(16);
    // "Death Toll From Israeli Attacks Rises to 3,961", "raised the number
    // of injured to more than 40": a verb of reaching bridges the gap.
    let reaching = q.qual_start > 0
        && matches!(
            tokens[q.qual_start - 1].norm.as_ref(),
            "to" | "at" | "reached" | "reaches" | "hit" | "hits" | "past"
        );
    for j in (lo..q.qual_start.saturating_sub(1)).rev() {
        let t = &tokens[j];
        if clause_boundary(t) {
            return None;
        }
        if reaching {
            if let Some((_, &m)) = lex.before.ending_at(tokens, j + 1) {
                if matches!(t.norm.as_ref(), "toll" | "tally") {
                    return Some(m);
                }
            }
        }
        // "a population of at least 120,000": a counted noun and "of"
        // just before.
        if j + 2 == q.qual_start && tokens[j + 1].norm == "of" {
            if let Some((end, &m)) = lex.nouns.at(tokens, j) {
                if end == j + 1 {
                    return Some(m);
                }
            }
        }
        let head = matches!(t.norm.as_ref(), "number" | "tally" | "count" | "total")
            && tokens.get(j + 1).is_some_and(|n| n.norm == "of");
        if head {
            for k in j + 2..(j + 6).min(q.qual_start) {
                if let Some((mut end, &first)) = lex.nouns.at(tokens, k) {
                    // The last of a run of nouns is the head.
                    let mut m = first;
                    while let Some((e, &next)) = lex.nouns.at(tokens, end) {
                        (end, m) = (e, next);
                    }
                    if lex.people[m] {
                        if let Some((_, &v)) = lex.after.at(tokens, end) {
                            return Some(v);
                        }
                    }
                    return Some(m);
                }
            }
        }
    }
    None
}

/// What the subject of a figure's clause counts, read across a verb of
/// level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    /// A measure: "the death toll in the province is 2,140".
    Measure(usize),
    /// "the figure", "the number": the figure spoken of before.
    Anaphor,
}

/// The subject of a figure, read back across the verb that ties it to its
/// level: "the death toll in the province is 2,140", "the toll stood at
/// 412", "the number of injured stands at 5,400", "the official death toll
/// keeps rising, passing 3,800", "The death toll as of September 10 was
/// 2,000". The subject's head is the first word of the clause, read from
/// its start, that names a measure (a counted noun, a "before" phrase such
/// as "death toll", or "number of" and a noun); modifiers after the head
/// ("from Friday's magnitude 6.8 earthquake") are passed over.
fn subject(lex: &Lexicon, tokens: &[Token<'_>], q: &Quantity) -> Option<Subject> {
    let mut j = q.qual_start;
    let (mut verb, mut participle) = (false, false);
    // A qualifier may be the verb itself: "passing 3,800", "could reach
    // 20,000", "exceeded 14,500".
    for t in &tokens[q.qual_start..q.first] {
        if data_words!("level_verbs").has(t) || t.norm == "reach" {
            verb = true;
            participle |= t.norm.ends_with("ing");
        }
    }
    let is_month = |t: &Token<'_>| t.is_capitalized() && super::number::is_month(t);
    for _ in 0..12 {
        let Some(t) = j.checked_sub(1).map(|p| &tokens[p]) else {
            break;
        };
        if t.kind == Kind::Number {
            // "as of September 10 was 2,000": a day after its month.
            if j >= 2 && is_month(&tokens[j - 2]) {
                j -= 1;
                continue;
            }
            break;
        }
        if t.kind != Kind::Word {
            break;
        }
        if data_words!("level_verbs").has(t) {
            verb = true;
            // "the toll keeps rising, passing", "the toll, up from".
            participle |= t.norm.ends_with("ing") || matches!(t.norm.as_ref(), "up" | "down");
        } else if !(data_words!("level_gap").has(t) || is_month(t) || super::scope::is_weekday(t)) {
            break;
        }
        j -= 1;
    }
    if !verb {
        return None;
    }
    // "the toll keeps rising, passing 3,800": a participle after a comma
    // has the clause before for its subject.
    let mut end = j;
    if participle && j > 0 && tokens[j - 1].text == "," {
        end = j - 1;
    }
    let stop = |t: &Token<'_>| match t.kind {
        Kind::Punct => matches!(
            t.text,
            "," | ";" | ":" | "(" | ")" | "[" | "]" | "\"" | "“" | "”" | "—" | "–" | "!" | "?"
        ),
        Kind::Number => false,
        Kind::Word => data_words!("subject_stops").has(t),
    };
    // "in Turkey and Syria": a list of names, not a joint of clauses.
    let names_joined = |k: usize| {
        tokens[k].norm == "and"
            && k > 0
            && tokens[k - 1].is_capitalized()
            && tokens.get(k + 1).is_some_and(|t| t.is_capitalized())
    };
    let clause_start = |end: usize| {
        (end.saturating_sub(24)..end)
            .rev()
            .find(|&k| stop(&tokens[k]) && !names_joined(k))
            .map_or(end.saturating_sub(24), |k| k + 1)
    };
    // "a register of the missing, who aid agencies say may number 10,000":
    // a relative clause's subject is the noun it follows.
    let relative = (end.saturating_sub(8)..end)
        .rev()
        .take_while(|&k| tokens[k].kind == Kind::Word)
        .find(|&k| matches!(tokens[k].norm.as_ref(), "who" | "which"))
        .filter(|&k| k >= 2 && tokens[k - 1].text == ",");
    if let Some(k) = relative {
        end = k - 1;
    }
    let lo = clause_start(end);
    let mut k = lo;
    let mut people = None;
    while k < end {
        let t = &tokens[k];
        let of_follows = tokens.get(k + 1).is_some_and(|n| n.norm == "of");
        if data_words!("anaphors").has(t) {
            if !of_follows {
                return Some(Subject::Anaphor);
            }
            // "the number of missing people": the noun after "of" counts.
            for n in k + 2..(k + 6).min(end) {
                if let Some(m) = counted_at(lex, tokens, n, end) {
                    return Some(Subject::Measure(m));
                }
            }
            k += 2;
            continue;
        }
        if let Some((_, &m)) = lex.before.at(tokens, k) {
            return Some(Subject::Measure(m));
        }
        if let Some(m) = counted_at(lex, tokens, k, end) {
            // "the official death toll": a noun before a noun is its
            // modifier.
            let next = lex.nouns.at(tokens, k).map_or(k + 1, |(e, _)| e);
            if let Some((_, &head)) = lex.before.at(tokens, next) {
                return Some(Subject::Measure(head));
            }
            // A noun of people says least: a later head ("the official
            // tally of deaths") says more.
            if !lex.people[m] {
                return Some(Subject::Measure(m));
            }
            people.get_or_insert(m);
            k = next;
            continue;
        }
        k += 1;
    }
    people.map(Subject::Measure)
}

/// The measure of a counted noun at token `k` (before `end`): the noun's,
/// or for a noun of people the verb or state after it ("people killed",
/// "people unaccounted for").
fn counted_at(lex: &Lexicon, tokens: &[Token<'_>], k: usize, end: usize) -> Option<usize> {
    let (mut e, &first) = lex.nouns.at(tokens, k)?;
    // The last of a run of nouns is the head: "missing people".
    let mut m = first;
    while e < end {
        let Some((next_end, &next)) = lex.nouns.at(tokens, e) else {
            break;
        };
        (e, m) = (next_end, next);
    }
    if lex.people[m] {
        if !lex.people[first] {
            return Some(first);
        }
        if let Some((_, &v)) = lex.after.at(tokens, e) {
            return Some(v);
        }
    }
    Some(m)
}

/// The verb that makes "N times" a count: nearest before the number.
fn times_verb(lex: &Lexicon, tokens: &[Token<'_>], q: &Quantity) -> Option<usize> {
    (1..=q.qual_start)
        .rev()
        .find_map(|j| lex.times.ending_at(tokens, j).map(|(_, &m)| m))
}

/// Decides the context of every quantity of a sentence.
pub fn resolve(lex: &Lexicon, tokens: &[Token<'_>], quantities: &[Quantity]) -> Vec<Context> {
    resolve_with(lex, tokens, &mentions(lex, tokens), quantities)
}

/// [`resolve`] with the sentence's [`mentions`] already found.
pub fn resolve_with(
    lex: &Lexicon,
    tokens: &[Token<'_>],
    mentions: &[Mention],
    quantities: &[Quantity],
) -> Vec<Context> {
    let mut out: Vec<Context> = Vec::with_capacity(quantities.len());
    // Per quantity: it is a part of the one before, and where its noun
    // phrase ends.
    let mut parts: Vec<(bool, usize)> = Vec::with_capacity(quantities.len());
    for (n, q) in quantities.iter().enumerate() {
        let np = noun_phrase(lex, tokens, q);
        // The figure before, if it is one: a year or an identifier is not
        // the head of a list.
        let prev = n
            .checked_sub(1)
            .filter(|&p| !quantities[p].year_like && !quantities[p].identifier_like)
            .map(|p| (&out[p], parts[p]));
        let part = prev.is_some_and(|(_, (prev_part, prev_end))| {
            part_marker(tokens, q) || (prev_part && list_gap(tokens, prev_end, q.qual_start))
        });
        parts.push((part, np.words_end));
        let head_measure = np.head.map(|(_, _, m)| m);
        let mut shared_qualifier = None;
        let mut inherited_actor = None;
        let mut verb_made = false;
        let mut anaphor = None;
        let of_whom = tokens.get(q.last + 1).is_some_and(|t| t.norm == "of")
            && tokens
                .get(q.last + 2)
                .is_some_and(|t| matches!(t.norm.as_ref(), "whom" | "them" | "those"));
        // "Of the dead, 202 were in the region": a part of the count the
        // sentence opens with.
        let opened_by = (n == 0 && !np.words)
            .then(|| of_the_count(lex, tokens, q))
            .flatten();
        let measure = match q.unit {
            Unit::Money if lex.money.is_some() => lex.money,
            Unit::Percent if lex.percent.is_some() => lex.percent,
            Unit::Measurement => Some(lex.other),
            _ => None,
        };
        let measure = measure.or(opened_by).unwrap_or_else(|| {
            if np.times {
                return times_verb(lex, tokens, q).unwrap_or(lex.other);
            }
            let trigger =
                before_trigger(lex, tokens, q).or_else(|| after_trigger(lex, tokens, q, np.end));
            let overridable = head_measure.is_none_or(|m| lex.people[m]);
            if let (Some(t), true) = (trigger, overridable) {
                verb_made = true;
                return t;
            }
            if let (true, true, Some((p, _))) = (part, overridable, prev) {
                return p.measure;
            }
            // "seized 252 hostages, 128 of whom remain": a part of the
            // figure before.
            if let (true, Some((p, _))) = (of_whom, prev) {
                return p.measure;
            }
            // "killed 10 Israeli civilians and 14 soldiers": the verb of the
            // list's first figure counts the others.
            if let (Some(h), Some((p, (_, prev_end)))) = (head_measure, prev) {
                if lex.people[h] && p.verb_made && list_gap(tokens, prev_end, q.qual_start) {
                    return p.measure;
                }
            }
            // The subject across a verb of level decides over a noun of
            // people: "the death toll rose to 2,000 people".
            let subject = head_measure
                .is_none_or(|m| lex.people[m])
                .then(|| subject(lex, tokens, q))
                .flatten();
            if let Some(Subject::Measure(m)) = subject {
                if head_measure.is_none_or(|h| !lex.people[m] || h == m) {
                    return m;
                }
            }
            // "lowered its count of the dead to about 700 people": the noun
            // before decides over a noun of people after.
            let before = noun_before(lex, tokens, q);
            if let Some(m) = head_measure {
                return match before {
                    Some(b) if lex.people[m] && !lex.people[b] => b,
                    _ => m,
                };
            }
            if let Some(m) = before {
                return m;
            }
            if subject == Some(Subject::Anaphor) {
                anaphor = Some(Anaphor::Same);
                return lex.other;
            }
            // "Of those, 40 were in the north": a part of the figure of
            // the sentence before.
            if n == 0 && !np.words && part_of_earlier(tokens, q) {
                anaphor = Some(Anaphor::Part);
                return lex.other;
            }
            if np.words {
                return lex.other;
            }
            // Elliptical: "2,500 troops in Iraq and 900 in Syria".
            let before = n
                .checked_sub(1)
                .filter(|&p| !quantities[p].year_like && !quantities[p].identifier_like);
            match before.and_then(|p| out.get(p).map(|c| (p, c))) {
                Some((p, prev)) if quantities[p].last + 15 > q.first => {
                    let pq = &quantities[p];
                    if !q.explicit_qualifier
                        && plain_list(tokens, mentions, parts[p].1, q.qual_start)
                        && matches!(
                            pq.qualifier,
                            Qualifier::About
                                | Qualifier::Nearly
                                | Qualifier::AtLeast
                                | Qualifier::MoreThan
                                | Qualifier::AtMost
                                | Qualifier::LessThan
                        )
                    {
                        shared_qualifier = Some(pq.qualifier);
                    }
                    inherited_actor = prev.actor;
                    anaphor = prev.anaphor;
                    prev.measure
                }
                _ => lex.other,
            }
        });
        // "at least 32,333 Palestinians have been killed and 74,694
        // wounded": the qualifier of a toll carries to the count beside it.
        let participle = lex.after.at(tokens, q.last + 1).is_some();
        let joined = q.qual_start > 0 && tokens[q.qual_start - 1].norm == "and";
        if shared_qualifier.is_none() && !q.explicit_qualifier && participle && joined {
            if let Some(p) = n.checked_sub(1) {
                let pq = &quantities[p];
                let near = pq.last + 10 > q.first;
                if near
                    && matches!(
                        pq.qualifier,
                        Qualifier::AtLeast
                            | Qualifier::MoreThan
                            | Qualifier::About
                            | Qualifier::Nearly
                    )
                {
                    shared_qualifier = Some(pq.qualifier);
                }
            }
        }
        // "at least 12 times in the capital and four times elsewhere",
        // "more than 2,100 acres (850 hectares)": a qualifier carries along
        // a list of counts of one thing, and to a conversion in brackets.
        if shared_qualifier.is_none() && !q.explicit_qualifier {
            shared_qualifier = listed_qualifier(tokens, quantities, &out, &parts, n);
        }
        let (locations, destination) = location(lex, tokens, mentions, q, &np);
        let placed = !locations.is_empty();
        let role = lex.roles[measure];
        // "killed three US service members and wounded more than 30": a
        // figure without words of its own belongs to the list's actor.
        if inherited_actor.is_none() && !np.words && np.head.is_none() && !np.times {
            if let Some((p, (_, prev_end))) = prev {
                if prev_end + 8 > q.qual_start {
                    inherited_actor = p.actor;
                }
            }
        }
        let actor = actor(tokens, mentions, q, &np, role).or(inherited_actor);
        // The people of the place, for a count of victims: "1,400 killed in
        // Israel" and "three US soldiers killed in Jordan" are keyed by the
        // place, whatever the text says of the victims.
        let place_people = match (role, locations.as_slice()) {
            (Role::Victim, [only]) if !destination => Some(lex.actor_named_like(*only)),
            _ => None,
        };
        let key_actor = place_people.unwrap_or(actor);
        out.push(Context {
            measure,
            actor: actor.or(key_actor),
            key_actor,
            locations,
            shared_qualifier,
            counted_noun: head_measure.is_some(),
            // "Twenty-seven of the dead", "74 of the 97 victims": a
            // partitive counts a part of what it names; "1.9 million of
            // the Strip's residents have been displaced" counts the
            // displaced, of a population that is no count of theirs.
            subset: (part
                || of_whom
                || opened_by.is_some()
                // "Of those, 40 were children" is a part; "Of those, 213
                // died in the Valencia region" is the region's own count.
                || (n == 0 && part_of_earlier(tokens, q) && !placed)
                || (partitive(tokens, q) && np.head.is_none_or(|(_, _, m)| m == measure)))
            .then(|| match np.head {
                Some((start, end, _)) => tokens[start..end]
                    .iter()
                    .map(|t| t.norm.as_ref())
                    .collect::<Vec<_>>()
                    .join("-"),
                None => "part".to_string(),
            }),
            part,
            verb_made,
            anaphor,
            counted: counted_words(tokens, q, &np),
        });
    }
    out
}

/// The counted noun of a figure as written: the lexicon noun after it, or
/// the word after it ("6,000 body bags" gives "body").
fn counted_words(tokens: &[Token<'_>], q: &Quantity, np: &NounPhrase) -> Option<String> {
    let (start, end) = match np.head {
        Some((start, end, _)) => (start, end),
        // "414 active wildfires": a noun of a known class a word or two
        // on, past its modifiers, else the word after the number.
        None if np.words && !np.times => {
            let known = (q.last + 1..np.words_end.min(q.last + 4)).find(|&k| {
                tokens[k].kind == Kind::Word && super::cues::class_of(&tokens[k].norm).is_some()
            });
            match known {
                Some(k) => (k, k + 1),
                None => (q.last + 1, (q.last + 2).min(np.words_end)),
            }
        }
        None => return None,
    };
    let words: Vec<&str> = tokens[start..end.max(start)]
        .iter()
        .filter(|t| t.kind == Kind::Word)
        .map(|t| t.norm.as_ref())
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Skips determiners and adjectives after a preposition.
fn skip_modifiers(tokens: &[Token<'_>], mut k: usize) -> usize {
    for _ in 0..3 {
        match tokens.get(k) {
            Some(t)
                if word_set!(PLACE_ADJECTIVES).has(t)
                    || matches!(t.norm.as_ref(), "a" | "an" | "its" | "their") =>
            {
                k += 1
            }
            _ => break,
        }
    }
    k
}

/// The token before a name and the determiners and adjectives in front of
/// it ("on the US", "against Israeli forces").
fn skip_back_modifiers(tokens: &[Token<'_>], start: usize) -> usize {
    let mut k = start - 1;
    while k > 0 && k + 3 > start && word_set!(PLACE_ADJECTIVES).has(&tokens[k]) {
        k -= 1;
    }
    k
}

/// The actor named at token `k` or after a few modifiers ("the
/// Iranian-backed Kataib Hezbollah"), if any.
fn actor_at(tokens: &[Token<'_>], mentions: &[Mention], k: usize) -> Option<usize> {
    let first = skip_modifiers(tokens, k);
    for k in first..first + 3 {
        if let Some(m) = mentions.iter().find(|m| m.start == k) {
            return m.place.actor;
        }
        let t = tokens.get(k)?;
        let backed = [
            "-backed",
            "-aligned",
            "-allied",
            "-affiliated",
            "-sponsored",
            "-supported",
            "-linked",
            "-led",
        ]
        .iter()
        .any(|s| t.norm.ends_with(s));
        if !backed {
            return None;
        }
    }
    None
}

fn actor(
    tokens: &[Token<'_>],
    mentions: &[Mention],
    q: &Quantity,
    np: &NounPhrase,
    role: Role,
) -> Option<usize> {
    // Inside the noun phrase: "four US personnel", "30 Palestinians", "six
    // Canadian engineers" (a counted noun the lexicon does not know).
    let inside = mentions
        .iter()
        .filter(|m| m.start > q.last && m.end <= np.end.max(np.words_end).max(q.last + 1))
        .find_map(|m| m.place.actor);
    if inside.is_some() {
        return inside;
    }
    // A possessive just before: "Israel's 360,000 reservists".
    if let Some(m) = mentions
        .iter()
        .find(|m| m.end == q.qual_start && m.place.actor.is_some())
    {
        if tokens[m.end - 1].possessive {
            return m.place.actor;
        }
    }
    let after = np.end.max(q.last + 1);
    let links = links(role);
    for k in after..(after + 6).min(tokens.len()) {
        if clause_boundary(&tokens[k]) {
            break;
        }
        if !word_set!(LINK_FIRSTS).may_have(&tokens[k]) {
            continue;
        }
        for link in links {
            // Words of the link at k: "used by".
            if let Some(next) = super::number::match_phrase(tokens, k, link) {
                if let Some(a) = actor_at(tokens, mentions, next) {
                    return Some(a);
                }
            }
        }
    }
    // The object of an attack verb before the number: "attacked US forces
    // 14 times", "attacks on US forces: 62 since October 17".
    if role == Role::Target {
        let target = mentions.iter().rev().find(|m| {
            m.end <= q.qual_start
                && m.place.actor.is_some()
                && m.start > 0
                && matches!(
                    tokens[skip_back_modifiers(tokens, m.start)].norm.as_ref(),
                    "attacked"
                        | "targeted"
                        | "hit"
                        | "struck"
                        | "attacking"
                        | "targeting"
                        | "on"
                        | "against"
                )
        });
        if let Some(m) = target {
            return m.place.actor;
        }
    }
    // The subject before the number: the nearest name that is not a place
    // in a locative phrase. For victims only in the passive ("US troops
    // have been attacked 150 times").
    // A name that only says who said it ("the UN said") is not the subject.
    let speaker = |m: &Mention| {
        let mut k = m.end;
        while tokens.get(k).is_some_and(|t| {
            matches!(
                t.norm.as_ref(),
                "officials"
                    | "military"
                    | "ministry"
                    | "spokesperson"
                    | "spokesman"
                    | "spokeswoman"
                    | "army"
                    | "government"
                    | "health"
                    | "forces"
                    | "air"
                    | "force"
            )
        }) {
            k += 1;
        }
        tokens.get(k).is_some_and(|t| {
            matches!(
                t.norm.as_ref(),
                "said"
                    | "says"
                    | "say"
                    | "reported"
                    | "reports"
                    | "announced"
                    | "added"
                    | "told"
                    | "stated"
                    | "estimated"
                    | "estimates"
                    | "according"
            )
        })
    };
    let nearest = mentions.iter().rev().find(|m| {
        m.end <= q.qual_start && !m.locative && !m.object && m.place.actor.is_some() && !speaker(m)
    })?;
    // "US forces intercepted three drones": the subject stopped them, it
    // did not send them.
    let stopped = tokens[nearest.end..q.qual_start].iter().any(|t| {
        matches!(
            t.norm.as_ref(),
            "intercepted"
                | "intercepting"
                | "downed"
                | "downing"
                | "shot"
                | "destroyed"
                | "destroying"
                | "seized"
                | "captured"
        )
    });
    if role == Role::Agent && stopped {
        return None;
    }
    if matches!(role, Role::Victim | Role::Target) {
        // "have been attacked about 150 times": the auxiliary just before.
        let passive = tokens[nearest.end.max(q.qual_start.saturating_sub(3))..q.qual_start]
            .iter()
            .any(|t| matches!(t.norm.as_ref(), "been" | "were" | "was" | "being"));
        if !passive {
            return None;
        }
    }
    nearest.place.actor
}

/// The location(s) of a quantity: a locative place after it in its clause
/// ("2,500 troops in Iraq"), else one before it in its clause, else the
/// nearest place named with a preposition or "of" before it in the
/// sentence (or the sentence's first word, "Yemen's ..."), else a locative
/// place after it further on.
fn location(
    lex: &Lexicon,
    tokens: &[Token<'_>],
    mentions: &[Mention],
    q: &Quantity,
    np: &NounPhrase,
) -> (Vec<usize>, bool) {
    // The mentions of places, with their indices (read, not collected:
    // this runs for every figure).
    let located = || {
        mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.place.location.is_some() && may_place(lex, tokens, m))
    };
    if located().next().is_none() {
        return (Vec::new(), false);
    }
    let after = np.end.max(q.last + 1);
    // The clause's ends, found only if a place is there to be judged by
    // them.
    let (end, start) = (std::cell::OnceCell::new(), std::cell::OnceCell::new());
    let clause_end = || {
        *end.get_or_init(|| {
            (after..tokens.len())
                .find(|&k| clause_boundary(&tokens[k]))
                .unwrap_or(tokens.len())
        })
    };
    let clause_start = || {
        *start.get_or_init(|| {
            (0..q.qual_start)
                .rev()
                .find(|&k| clause_boundary(&tokens[k]))
                .map_or(0, |k| k + 1)
        })
    };
    // "the institution of a place": "the Gaza health ministry said".
    let institution = |m: &Mention| {
        tokens.get(m.end).is_some_and(|t| {
            matches!(
                t.norm.as_ref(),
                "health"
                    | "ministry"
                    | "authorities"
                    | "officials"
                    | "government"
                    | "civil"
                    | "interior"
            )
        })
    };
    let pick = located()
        // Inside the noun phrase: "1.9 million of the Strip's residents";
        // a people's name there ("six Canadian engineers") says whose,
        // not where.
        .find(|(_, m)| {
            m.start > q.last && m.end <= np.end && (m.possessive || m.place.actor.is_none())
        })
        .or_else(|| {
            located()
                .find(|(_, m)| m.start >= after && (m.locative || m.to) && m.start < clause_end())
        })
        .or_else(|| {
            located()
                .rev()
                .find(|(_, m)| m.end <= q.qual_start && m.locative && m.start >= clause_start())
        })
        .or_else(|| {
            // Before, in the sentence, but not across a contrast or an "as"
            // clause ("militias in Iraq ..., as Israeli officials said 1,400
            // people had been killed").
            let contrast = (0..q.qual_start)
                .rev()
                .find(|&k| word_set!(CONTRAST_BEFORE).has(&tokens[k]))
                .unwrap_or(0);
            located().rev().find(|(_, m)| {
                m.end <= q.qual_start
                    && m.start >= contrast
                    && !m.aside
                    && (m.locative
                        || m.of
                        || (m.start == 0 && m.possessive)
                        || place_subject(tokens, m, q))
            })
        })
        .or_else(|| {
            located()
                .rev()
                .find(|(_, m)| m.end <= q.qual_start && institution(m))
        })
        .or_else(|| {
            // Further on, but not past a contrast ("..., while more than
            // 1,400 people have died in Israel").
            let contrast = (after..tokens.len())
                .find(|&k| word_set!(CONTRAST_AFTER).has(&tokens[k]))
                .unwrap_or(tokens.len());
            located().find(|(_, m)| m.start > q.last && m.start < contrast && m.locative)
        });
    let Some((mut idx, mut picked)) = pick else {
        return (Vec::new(), false);
    };
    // "on Hawaii's Maui island": the place the possessive qualifies.
    while picked.possessive {
        let next = mentions.get(idx + 1).filter(|n| {
            n.start == picked.end
                && matches!((picked.place.location, n.place.location), (Some(w), Some(p)) if lex.contains(w, p))
        });
        match next {
            Some(n) => {
                idx += 1;
                picked = n;
            }
            None => break,
        }
    }
    // Widen to the list the place stands in: "in Iraq and Syria".
    // "southern Turkey and northern Syria": a word of direction before a
    // name of the list is part of that name.
    let joined = |a: &Mention, b: &Mention| {
        let gap = &tokens[a.end..b.start];
        matches!(
            gap.iter()
                .filter(|t| !place_adjective(t))
                .map(|t| t.norm.as_ref())
                .collect::<Vec<_>>()
                .as_slice(),
            ["and"]
                | ["or"]
                | [","]
                | ["&"]
                | ["/"]
                | [",", "and"]
                | ["and", "in"]
                | [",", "and", "in"]
        )
    };
    let (mut lo, mut hi) = (idx, idx);
    let listed = |m: &Mention| m.place.location.is_some() && !m.possessive;
    while lo > 0
        && listed(&mentions[lo - 1])
        && listed(&mentions[lo])
        && joined(&mentions[lo - 1], &mentions[lo])
    {
        lo -= 1;
    }
    while hi + 1 < mentions.len()
        && listed(&mentions[hi + 1])
        && listed(&mentions[hi])
        && joined(&mentions[hi], &mentions[hi + 1])
    {
        hi += 1;
    }
    let mut locs: Vec<usize> = mentions[lo..=hi]
        .iter()
        .filter_map(|m| m.place.location)
        .collect();
    locs.sort_unstable();
    locs.dedup();
    // "in Lahaina, Hawaii": the most specific place, not a list.
    if locs.len() > 1 {
        let all = locs.clone();
        locs.retain(|&w| !all.iter().any(|&p| lex.contains(w, p)));
    }
    (locs, picked.destination)
}

/// What a sentence says about a measure without a number: "attacks
/// against US troops in Iraq and Syria" gives `attacks` the actor `us` and
/// the places `iraq`, `syria`. A later figure of the same measure that names
/// neither takes them ("Dozens of attacks have been claimed").
#[derive(Debug, Clone, PartialEq)]
pub struct Topic {
    /// Measure index.
    pub measure: usize,
    /// Actor index.
    pub actor: Option<usize>,
    /// Location indices.
    pub locations: Vec<usize>,
}

/// The topics of a sentence: each counted noun not part of a quantity that
/// has an actor or a place.
pub fn topics(lex: &Lexicon, tokens: &[Token<'_>], quantities: &[Quantity]) -> Vec<Topic> {
    topics_with(lex, tokens, &mentions(lex, tokens), quantities)
}

/// [`topics`] with the sentence's [`mentions`] already found.
pub fn topics_with(
    lex: &Lexicon,
    tokens: &[Token<'_>],
    mentions: &[Mention],
    quantities: &[Quantity],
) -> Vec<Topic> {
    let mut out = Vec::new();
    // A topic names an actor or a place, and both come from the mentions.
    if mentions.is_empty() {
        return out;
    }
    let mut k = 0;
    while k < tokens.len() {
        let Some((end, &m)) = lex.nouns.at(tokens, k) else {
            k += 1;
            continue;
        };
        let near_number = quantities.iter().any(|q| q.first <= k && k <= q.last + 6);
        if near_number || lex.people[m] {
            k = end;
            continue;
        }
        let q = Quantity {
            first: k,
            last: k,
            qual_start: k,
            value: None,
            lower: None,
            upper: None,
            qualifier: Qualifier::Exact,
            explicit_qualifier: false,
            unit: Unit::Count,
            year_like: false,
            word_one: false,
            identifier_like: false,
            overflow: false,
            detail: Default::default(),
        };
        let np = NounPhrase {
            head: Some((k, end, m)),
            words: true,
            times: false,
            end,
            words_end: end,
        };
        let actor = actor(tokens, mentions, &q, &np, lex.roles[m]);
        let (locations, _) = location(lex, tokens, mentions, &q, &np);
        if actor.is_some() || !locations.is_empty() {
            out.push(Topic {
                measure: m,
                actor,
                locations,
            });
        }
        k = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_link_starts_with_a_listed_first_word() {
        for role in [Role::Owner, Role::Agent, Role::Victim, Role::Target] {
            for link in links(role) {
                let first = link.split(' ').next().unwrap_or_default();
                assert!(LINK_FIRSTS.contains(&first), "{link}");
            }
        }
    }
}
