//! The word tables of the number grammar and of attributions, read once
//! from the YAML files under `data/` that the binary embeds.
//!
//! `data/currencies.yaml` (symbols, ISO codes and names of currencies),
//! `data/numbers.yaml` (qualifiers, the words of a change, units,
//! readings), `data/identifiers.yaml` (numbers that name, not count) and
//! `data/sources.yaml` (the words of an attribution) become lookup tables
//! that match on a sentence's tokens. Nothing here decides what a number
//! is; `number` and `scope` read the tables.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use serde::Deserialize;

use super::lexicon::{Fnv, PhraseSet, Shapes};
use super::text::{tokenize, Token};
use crate::claim::Qualifier;

const CURRENCIES: &str = include_str!("../../data/currencies.yaml");
const NUMBERS: &str = include_str!("../../data/numbers.yaml");
const IDENTIFIERS: &str = include_str!("../../data/identifiers.yaml");
const SOURCES: &str = include_str!("../../data/sources.yaml");

type FnvSet = HashSet<String, BuildHasherDefault<Fnv>>;
type FnvMap<V> = HashMap<String, V, BuildHasherDefault<Fnv>>;

/// A set of single words, looked up by a token's shape first.
#[derive(Debug)]
pub struct Words {
    shapes: Shapes,
    set: FnvSet,
}

impl Words {
    fn new<S: AsRef<str>>(words: &[S]) -> Words {
        let set: FnvSet = words.iter().map(|w| w.as_ref().to_lowercase()).collect();
        let list: Vec<&str> = set.iter().map(String::as_str).collect();
        Words {
            shapes: Shapes::of(&list),
            set,
        }
    }

    /// Is the token's normal form in the set?
    #[inline]
    pub fn has(&self, t: &Token<'_>) -> bool {
        self.shapes.may_hold_shape(t.shape) && self.set.contains(t.norm.as_ref())
    }

    /// Is this lowercase word in the set?
    pub fn has_str(&self, w: &str) -> bool {
        self.set.contains(w)
    }
}

/// A phrase set whose phrases are written as the tokenizer cuts them:
/// "km/h" is the tokens `km`, `/`, `h`; "u.s. dollars" is `u.s.`,
/// `dollars`. Matched in any case.
fn phrases<T: Clone>(entries: impl IntoIterator<Item = (String, T)>) -> PhraseSet<T> {
    let mut set = PhraseSet::default();
    for (phrase, value) in entries {
        let lower = phrase.to_lowercase();
        let words: Vec<&str> = tokenize(&lower, 0, lower.len())
            .iter()
            .map(|t| t.text)
            .collect();
        set.insert(&words.join(" "), value);
    }
    set
}

/// What a currency word after an amount is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CurrencyName {
    /// ISO 4217 code.
    pub code: &'static str,
    /// The hundredth part ("pence", "cents"): the amount is divided by 100.
    pub minor: bool,
    /// Money only after a scale word or before "sterling" ("5 million
    /// pounds"; "500 pounds of explosives" is a weight).
    pub scaled: bool,
}

/// The currency tables.
#[derive(Debug)]
pub struct Currencies {
    /// Symbols and codes as written ("$", "US$", "Rs.", "EUR") -> code.
    pub symbols: FnvMap<&'static str>,
    /// The longest symbol, in bytes.
    pub longest_symbol: usize,
    /// The first token of each symbol, lowercase: a word whose shape is
    /// not among these starts no symbol.
    pub symbol_starts: Vec<String>,
    /// The shapes of `symbol_starts`.
    pub(crate) start_shapes: Shapes,
    /// Names after the amount ("euros", "hong kong dollars", "pence").
    pub names: PhraseSet<CurrencyName>,
    /// Names of the hundredth joined to the amount ("164p") -> code.
    pub glued_minor: FnvMap<&'static str>,
}

/// A word of a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeWord {
    /// A rise: "rose", "up", "gone up".
    Up,
    /// A fall: "fell", "down".
    Down,
    /// A new level with no direction: "revised", "bringing".
    Level,
}

/// The words of a change.
#[derive(Debug)]
pub struct Changes {
    /// Verbs and particles, by their last word (read back from a number).
    pub verbs: PhraseSet<ChangeWord>,
    /// Nouns of a rise or a fall ("a rise of", "a 5% drop").
    pub nouns: PhraseSet<ChangeWord>,
    /// Words after a percentage or money amount that say which way
    /// ("5% higher").
    pub after_words: PhraseSet<ChangeWord>,
    /// Words that may follow a change amount after a direct verb.
    pub after_amount: Words,
    /// Change verbs that take an object ("raised $5bn").
    pub transitive: Words,
    /// Words before a bare "up"/"down" that make it a particle.
    pub particle_hosts: Words,
    /// Adverbs between a change word and its amount.
    pub adverbs: Words,
    /// Words before "from" that make it an earlier level.
    pub from_words: Words,
    /// Words before "from" that make "from A to B" a range.
    pub range_from: Words,
    /// Nouns of a tally between a level verb and "to".
    pub tally_nouns: Words,
}

/// The tables of the number grammar.
#[derive(Debug)]
pub struct Tables {
    /// Currencies.
    pub currencies: Currencies,
    /// Qualifiers by their last word, longest first: (words, qualifier).
    pub qualifiers: FnvMap<Vec<(String, Qualifier, usize)>>,
    /// Qualifiers after a number ("or more").
    pub trailing: PhraseSet<Qualifier>,
    /// Adjectives that qualify a number through a noun ("an approximate
    /// rainfall of 400").
    pub through_noun: FnvMap<Qualifier>,
    /// Verbs after which "under" and "over" are particles.
    pub over_under_verbs: Words,
    /// Verbs after which "up to" is a particle.
    pub up_to_verbs: Words,
    /// The words of a change.
    pub changes: Changes,
    /// Units after a number, as words of their own -> unit name.
    pub units: PhraseSet<&'static str>,
    /// Units joined to a number ("10km", "256gb", "2,000-pound") -> unit.
    pub glued_units: FnvMap<&'static str>,
    /// Percent after a number (`%`, "per cent").
    pub percent: PhraseSet<()>,
    /// Percent joined to a number ("24pc").
    pub glued_percent: FnvSet,
    /// Words before a number read on a scale ("magnitude 6.8").
    pub readings_before: PhraseSet<()>,
    /// Words after a number read on a scale ("6.8 on the Richter scale").
    pub readings_after: PhraseSet<()>,
    /// Words of a quake in a sentence.
    pub quake_words: Words,
    /// Words before a quake's depth ("a depth of").
    pub quake_before: PhraseSet<()>,
    /// Words after a quake's depth ("deep").
    pub quake_after: PhraseSet<()>,
    /// Capitalised words that do not name the number after them.
    pub not_heads: Words,
    /// Words that name a numbered thing ("category", "route").
    pub heads: Words,
    /// Words that end a street address.
    pub streets: Words,
    /// Glued forms that are names ("1080p").
    pub glued_names: FnvSet,
    /// The words of attributions.
    pub sources: Sources,
}

/// The words of an attribution.
#[derive(Debug)]
pub struct Sources {
    /// Nouns that make a phrase a source without a capital letter.
    pub institutions: Words,
    /// Words a source read back from a verb stops before.
    pub stops_before: Words,
    /// Words a source read forward stops at.
    pub stops_after: Words,
    /// Words after which the name begins ("released by").
    pub hand_over: Words,
    /// Participles that end a name read forward.
    pub participles: Words,
    /// Words never a source alone.
    pub pronouns: Words,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrencyFile {
    currencies: std::collections::BTreeMap<String, CurrencySpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrencySpec {
    #[serde(default)]
    symbols: Vec<String>,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    scaled_names: Vec<String>,
    #[serde(default)]
    minor: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NumbersFile {
    qualifiers: std::collections::BTreeMap<Qualifier, Vec<String>>,
    trailing: std::collections::BTreeMap<Qualifier, Vec<String>>,
    through_noun: std::collections::BTreeMap<Qualifier, Vec<String>>,
    particle_verbs: ParticleSpec,
    changes: ChangesSpec,
    units: std::collections::BTreeMap<String, Vec<String>>,
    glued_units: std::collections::BTreeMap<String, Vec<String>>,
    percent: Vec<String>,
    readings: ReadingsSpec,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ParticleSpec {
    over_under: Vec<String>,
    up_to: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChangesSpec {
    up: Vec<String>,
    down: Vec<String>,
    level: Vec<String>,
    tally_nouns: Vec<String>,
    up_nouns: Vec<String>,
    down_nouns: Vec<String>,
    up_after: Vec<String>,
    down_after: Vec<String>,
    after_amount: Vec<String>,
    transitive: Vec<String>,
    particle_hosts: Vec<String>,
    adverbs: Vec<String>,
    from_words: Vec<String>,
    range_from: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadingsSpec {
    before: Vec<String>,
    after: Vec<String>,
    quake_words: Vec<String>,
    quake_before: Vec<String>,
    quake_after: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IdentifiersFile {
    not_heads: Vec<String>,
    heads: Vec<String>,
    streets: Vec<String>,
    glued: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    institutions: Vec<String>,
    stops_before: Vec<String>,
    stops_after: Vec<String>,
    hand_over: Vec<String>,
    participles: Vec<String>,
    pronouns: Vec<String>,
}

/// The tables, built the first time they are asked for.
pub fn tables() -> &'static Tables {
    static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| build().expect("the embedded data files are valid (a test checks them)"))
}

/// A static string for a name read from a data file: the tables live as
/// long as the program, and so do their names.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// Reads the embedded data files; an error names the file.
pub(crate) fn build() -> Result<Tables, String> {
    let read = |name: &str, e: serde_yaml::Error| format!("`data/{name}`: {e}");
    let currencies: CurrencyFile =
        serde_yaml::from_str(CURRENCIES).map_err(|e| read("currencies.yaml", e))?;
    let numbers: NumbersFile =
        serde_yaml::from_str(NUMBERS).map_err(|e| read("numbers.yaml", e))?;
    let identifiers: IdentifiersFile =
        serde_yaml::from_str(IDENTIFIERS).map_err(|e| read("identifiers.yaml", e))?;
    let sources: SourcesFile =
        serde_yaml::from_str(SOURCES).map_err(|e| read("sources.yaml", e))?;

    let mut symbols = FnvMap::default();
    let mut symbol_starts = Vec::new();
    let mut names = Vec::new();
    let mut glued_minor = FnvMap::default();
    for (code, spec) in currencies.currencies {
        let code = leak(code);
        for symbol in spec.symbols {
            if let Some(first) = tokenize(&symbol, 0, symbol.len()).first() {
                symbol_starts.push(first.text.to_lowercase());
            }
            symbols.entry(symbol).or_insert(code);
        }
        let name = |minor, scaled| CurrencyName {
            code,
            minor,
            scaled,
        };
        for n in spec.names {
            names.push((n, name(false, false)));
        }
        for n in spec.scaled_names {
            names.push((n, name(false, true)));
        }
        for n in spec.minor {
            if !n.contains(' ') {
                glued_minor.entry(n.to_lowercase()).or_insert(code);
            }
            // A one-letter minor unit ("p") is read only joined to the
            // amount.
            if n.chars().count() > 1 {
                names.push((n, name(true, false)));
            }
        }
    }
    let longest_symbol = symbols.keys().map(String::len).max().unwrap_or(0);

    let qualifier_list = |map: std::collections::BTreeMap<Qualifier, Vec<String>>| {
        map.into_iter()
            .flat_map(|(q, phrases)| phrases.into_iter().map(move |p| (p, q)))
            .collect::<Vec<_>>()
    };
    let mut qualifiers: FnvMap<Vec<(String, Qualifier, usize)>> = FnvMap::default();
    for (phrase, q) in qualifier_list(numbers.qualifiers) {
        let words: Vec<&str> = phrase.split_whitespace().collect();
        let Some(last) = words.last() else { continue };
        qualifiers
            .entry(last.to_string())
            .or_default()
            .push((words.join(" "), q, words.len()));
    }
    for list in qualifiers.values_mut() {
        list.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    }

    let c = numbers.changes;
    let verbs = phrases(
        (c.up.into_iter().map(|w| (w, ChangeWord::Up)))
            .chain(c.down.into_iter().map(|w| (w, ChangeWord::Down)))
            .chain(c.level.into_iter().map(|w| (w, ChangeWord::Level))),
    );
    let nouns = phrases(
        (c.up_nouns.into_iter().map(|w| (w, ChangeWord::Up)))
            .chain(c.down_nouns.into_iter().map(|w| (w, ChangeWord::Down))),
    );
    let after_words = phrases(
        (c.up_after.into_iter().map(|w| (w, ChangeWord::Up)))
            .chain(c.down_after.into_iter().map(|w| (w, ChangeWord::Down))),
    );
    let changes = Changes {
        verbs,
        nouns,
        after_words,
        after_amount: Words::new(&c.after_amount),
        transitive: Words::new(&c.transitive),
        particle_hosts: Words::new(&c.particle_hosts),
        adverbs: Words::new(&c.adverbs),
        from_words: Words::new(&c.from_words),
        range_from: Words::new(&c.range_from),
        tally_nouns: Words::new(&c.tally_nouns),
    };

    let mut unit_phrases = Vec::new();
    let mut glued_units = FnvMap::default();
    for (unit, spellings) in numbers.units {
        let unit = leak(unit);
        for s in spellings {
            glued_units.entry(s.replace(' ', "")).or_insert(unit);
            unit_phrases.push((s, unit));
        }
    }
    for (unit, spellings) in numbers.glued_units {
        let unit = leak(unit);
        for s in spellings {
            glued_units.entry(s).or_insert(unit);
        }
    }
    let glued_percent: FnvSet = numbers
        .percent
        .iter()
        .filter(|p| !p.contains(' ') && p.chars().all(char::is_alphabetic))
        .cloned()
        .collect();
    let r = numbers.readings;
    let unit_set = |list: Vec<String>| phrases(list.into_iter().map(|p| (p, ())));

    let s = sources;
    Ok(Tables {
        currencies: Currencies {
            start_shapes: Shapes::of(&symbol_starts.iter().map(String::as_str).collect::<Vec<_>>()),
            symbols,
            longest_symbol,
            symbol_starts,
            names: phrases(names),
            glued_minor,
        },
        qualifiers,
        trailing: phrases(qualifier_list(numbers.trailing)),
        through_noun: qualifier_list(numbers.through_noun).into_iter().collect(),
        over_under_verbs: Words::new(&numbers.particle_verbs.over_under),
        up_to_verbs: Words::new(&numbers.particle_verbs.up_to),
        changes,
        units: phrases(unit_phrases),
        glued_units,
        percent: unit_set(numbers.percent),
        glued_percent,
        readings_before: unit_set(r.before),
        readings_after: unit_set(r.after),
        quake_words: Words::new(&r.quake_words),
        quake_before: unit_set(r.quake_before),
        quake_after: unit_set(r.quake_after),
        not_heads: Words::new(&identifiers.not_heads),
        heads: Words::new(&identifiers.heads),
        streets: Words::new(&identifiers.streets),
        glued_names: identifiers.glued.iter().map(|g| g.to_lowercase()).collect(),
        sources: Sources {
            institutions: Words::new(&s.institutions),
            stops_before: Words::new(&s.stops_before),
            stops_after: Words::new(&s.stops_after),
            hand_over: Words::new(&s.hand_over),
            participles: Words::new(&s.participles),
            pronouns: Words::new(&s.pronouns),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_data_files_are_valid() {
        let t = build().unwrap();
        assert_eq!(t.currencies.symbols.get("$"), Some(&"USD"));
        assert_eq!(t.currencies.symbols.get("A$"), Some(&"AUD"));
        assert_eq!(t.currencies.symbols.get("EUR"), Some(&"EUR"));
        assert_eq!(t.currencies.glued_minor.get("p"), Some(&"GBP"));
        assert_eq!(t.glued_units.get("gb"), Some(&"GB"));
        assert_eq!(t.glued_units.get("km"), Some(&"km"));
        assert!(t.glued_percent.contains("pc"));
        assert!(t.qualifiers["than"].iter().any(|(p, ..)| p == "more than"));
    }

    #[test]
    fn every_currency_code_is_three_capital_letters() {
        let file: CurrencyFile = serde_yaml::from_str(CURRENCIES).unwrap();
        for code in file.currencies.keys() {
            assert!(
                code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()),
                "{code}"
            );
        }
    }

    #[test]
    fn a_symbol_names_one_currency() {
        let file: CurrencyFile = serde_yaml::from_str(CURRENCIES).unwrap();
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for (code, spec) in &file.currencies {
            for s in &spec.symbols {
                if let Some(other) = seen.insert(s, code) {
                    panic!("`{s}` is a symbol of {other} and {code}");
                }
            }
        }
    }
}
