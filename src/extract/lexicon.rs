//! Lexicon lookup tables built once from `claims.yaml`.
//!
//! Takes the measure lexicons and the actor and location gazetteers of a
//! [`Config`] and builds phrase tables that match on a sentence's tokens:
//! longest phrase first, by first word (or by last word, for words that come
//! before a number). Aliases written in capitals (`US`, `IDF`) match only in
//! capitals. Nothing here decides what a claim counts; see `context`.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::text::Token;
use crate::config::Config;

/// One word of a phrase: its lowercase form, and the exact form when the
/// word must match in capitals.
#[derive(Debug, Clone)]
struct Word {
    norm: String,
    exact: Option<String>,
    /// The shape of `norm`: most tokens differ from the word in it.
    shape: u16,
}

impl Word {
    fn new(w: &str) -> Word {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        let caps = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
        let norm = w.replace('’', "'").to_lowercase();
        let norm = norm.strip_suffix("'s").map(str::to_string).unwrap_or(norm);
        Word {
            exact: caps.then(|| w.strip_suffix("'s").unwrap_or(w).to_string()),
            shape: shape(&norm),
            norm,
        }
    }

    fn matches(&self, t: &Token<'_>) -> bool {
        if t.shape != self.shape || t.norm != self.norm.as_str() {
            return false;
        }
        match &self.exact {
            None => true,
            Some(exact) => {
                let text = t.text;
                let text = text
                    .strip_suffix("'s")
                    .or_else(|| text.strip_suffix("’s"))
                    .unwrap_or(text);
                text == exact
            }
        }
    }
}

/// FNV-1a: the phrase tables are looked up once a token, with short keys;
/// a simple hash beats the default's protection against crafted keys,
/// which the keys here (words of claims.yaml) do not need.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Phrases mapped to values, matched on tokens.
#[derive(Debug, Clone)]
pub struct PhraseSet<T> {
    /// The phrases by their first word's shape (and by their last word's),
    /// longest first: a token's shape, found when it was cut, finds them
    /// without hashing its letters again; its words are then compared.
    by_first: FnvMap<u16, Vec<(Vec<Word>, T)>>,
    by_last: FnvMap<u16, Vec<(Vec<Word>, T)>>,
    /// The first and last words' shapes, to pass over most tokens without
    /// a hash lookup.
    firsts: Shapes,
    lasts: Shapes,
}

impl<T> Default for PhraseSet<T> {
    fn default() -> Self {
        PhraseSet {
            by_first: FnvMap::default(),
            by_last: FnvMap::default(),
            firsts: Shapes::default(),
            lasts: Shapes::default(),
        }
    }
}

/// A set of word shapes (length, first two and last bytes) in a bitmap:
/// a word whose shape is not in it is surely not among the words the
/// shapes were taken from. It spares a hash lookup for most words.
#[derive(Debug, Clone)]
pub(crate) struct Shapes(Box<[u64; 1024]>);

impl Shapes {
    /// Shapes of `words`.
    pub(crate) fn of(words: &[&str]) -> Shapes {
        let mut shapes = Shapes::default();
        for w in words {
            shapes.add(w);
        }
        shapes
    }

    /// The bit of a word's shape, of 65536.
    #[inline]
    fn bit(word: &str) -> Option<usize> {
        let b = word.as_bytes();
        let (&first, &last) = (b.first()?, b.last()?);
        let second = b.get(1).copied().unwrap_or(0);
        let h = (u32::from(first) << 16 | u32::from(second) << 8 | u32::from(last))
            .wrapping_add((b.len() as u32).wrapping_mul(0x9e37))
            .wrapping_mul(0x9e37_79b1);
        Some((h >> 16) as usize)
    }

    fn add(&mut self, word: &str) {
        if let Some(bit) = Shapes::bit(word) {
            self.0[bit / 64] |= 1 << (bit % 64);
        }
    }

    /// [`Shapes::may_hold`] for a word whose [`shape`] is known.
    #[inline]
    pub(crate) fn may_hold_shape(&self, shape: u16) -> bool {
        self.has(usize::from(shape))
    }

    #[inline]
    fn has(&self, bit: usize) -> bool {
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// A word's shape, found once when it is cut (0 for an empty word, which
/// at worst lets a lookup go on to the table).
#[inline]
pub fn shape(word: &str) -> u16 {
    Shapes::bit(word).map_or(0, |bit| bit as u16)
}

/// A fixed list of words, looked up by shape before the list is read.
#[derive(Debug)]
pub(crate) struct WordSet {
    shapes: Shapes,
    words: &'static [&'static str],
}

impl WordSet {
    pub(crate) fn new(words: &'static [&'static str]) -> WordSet {
        WordSet {
            shapes: Shapes::of(words),
            words,
        }
    }

    /// Is the token's normal form in the list? Its shape, found when it
    /// was cut, rules out most tokens before the list is read.
    #[inline]
    pub(crate) fn has(&self, t: &Token<'_>) -> bool {
        self.may_have(t) && self.words.contains(&t.norm.as_ref())
    }

    /// Is the word (lowercase) in the list?
    pub(crate) fn has_word(&self, w: &str) -> bool {
        self.words.contains(&w)
    }

    /// Might the token's normal form be in the list? `false` is sure.
    #[inline]
    pub(crate) fn may_have(&self, t: &Token<'_>) -> bool {
        self.shapes.may_hold_shape(t.shape)
    }
}

/// The words of a list kept in a data file (`data/words/*.txt`): one word
/// or phrase a line, `#` starts a comment. Read once per call site, by
/// [`data_words!`]; the lists live as long as the program.
pub(crate) fn parse_word_list(text: &'static str) -> &'static [&'static str] {
    let words: Vec<&'static str> = text
        .lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .filter(|l| !l.is_empty())
        .collect();
    Box::leak(words.into_boxed_slice())
}

/// The [`WordSet`] of a word list in `data/words/NAME.txt`, built once:
/// `data_words!("level_verbs")`.
macro_rules! data_words {
    ($name:literal) => {{
        static SET: std::sync::OnceLock<$crate::extract::lexicon::WordSet> =
            std::sync::OnceLock::new();
        SET.get_or_init(|| {
            $crate::extract::lexicon::WordSet::new($crate::extract::lexicon::parse_word_list(
                include_str!(concat!("../../data/words/", $name, ".txt")),
            ))
        })
    }};
}
pub(crate) use data_words;

/// A [`WordSet`] built once: `word_set!(LIST)`.
macro_rules! word_set {
    ($list:expr) => {{
        static SET: std::sync::OnceLock<$crate::extract::lexicon::WordSet> =
            std::sync::OnceLock::new();
        SET.get_or_init(|| $crate::extract::lexicon::WordSet::new($list))
    }};
}
pub(crate) use word_set;

impl Default for Shapes {
    fn default() -> Self {
        Shapes(Box::new([0; 1024]))
    }
}

impl<T: Clone> PhraseSet<T> {
    /// Adds a phrase (words separated by spaces).
    pub fn insert(&mut self, phrase: &str, value: T) {
        let words: Vec<Word> = phrase.split_whitespace().map(Word::new).collect();
        let (Some(first), Some(last)) = (words.first(), words.last()) else {
            return;
        };
        self.firsts.add(&first.norm);
        self.lasts.add(&last.norm);
        let (first, last) = (first.shape, last.shape);
        for (map, key) in [(&mut self.by_first, first), (&mut self.by_last, last)] {
            let list = map.entry(key).or_default();
            list.push((words.clone(), value.clone()));
            list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
    }

    /// The longest phrase starting at token `i`: the index just past it and
    /// its value.
    pub fn at(&self, tokens: &[Token<'_>], i: usize) -> Option<(usize, &T)> {
        let token = tokens.get(i)?;
        if !self.firsts.may_hold_shape(token.shape) {
            return None;
        }
        let list = self.by_first.get(&token.shape)?;
        list.iter().find_map(|(words, v)| {
            let fits = words
                .iter()
                .enumerate()
                .all(|(k, w)| tokens.get(i + k).is_some_and(|t| w.matches(t)));
            fits.then_some((i + words.len(), v))
        })
    }

    /// The longest phrase ending just before token `end`: where it starts
    /// and its value.
    pub fn ending_at(&self, tokens: &[Token<'_>], end: usize) -> Option<(usize, &T)> {
        let last = end.checked_sub(1)?;
        let token = tokens.get(last)?;
        if !self.lasts.may_hold_shape(token.shape) {
            return None;
        }
        let list = self.by_last.get(&token.shape)?;
        list.iter().find_map(|(words, v)| {
            let start = end.checked_sub(words.len())?;
            let fits = words
                .iter()
                .enumerate()
                .all(|(k, w)| w.matches(&tokens[start + k]));
            fits.then_some((start, v))
        })
    }
}

/// What a gazetteer alias names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Place {
    /// Index into [`Lexicon::actors`].
    pub actor: Option<usize>,
    /// Index into [`Lexicon::locations`].
    pub location: Option<usize>,
}

/// The lookup tables for one configuration.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Measure names, in `claims.yaml` order (sorted).
    pub measures: Vec<String>,
    /// Per measure: its nouns count people.
    pub people: Vec<bool>,
    /// Per measure: whose the counted things are.
    pub roles: Vec<crate::config::Role>,
    /// Per measure: the frame of a figure whose sentence says nothing of
    /// it.
    pub frames: Vec<crate::claim::Frame>,
    /// Index of the `other` measure.
    pub other: usize,
    /// Index of `money`, `percent` and `people_other`, when configured.
    pub money: Option<usize>,
    /// See `money`.
    pub percent: Option<usize>,
    /// Counted nouns.
    pub nouns: PhraseSet<usize>,
    /// Words before the number.
    pub before: PhraseSet<usize>,
    /// Words after the counted noun.
    pub after: PhraseSet<usize>,
    /// Verbs that make "N times" a count of a measure.
    pub times: PhraseSet<usize>,
    /// Actor names.
    pub actors: Vec<String>,
    /// Location names.
    pub locations: Vec<String>,
    /// Actor and location aliases.
    pub places: PhraseSet<Place>,
    /// Per location, the actor of the same canonical name.
    actor_of_location: Vec<Option<usize>>,
}

impl Lexicon {
    /// Builds the tables for `config`.
    pub fn new(config: &Config) -> Lexicon {
        let mut measures: Vec<String> = config.measures.keys().cloned().collect();
        if !measures.iter().any(|m| m == crate::config::OTHER) {
            measures.push(crate::config::OTHER.to_string());
        }
        let index = |name: &str| measures.iter().position(|m| m == name);
        let mut lex = Lexicon {
            people: measures
                .iter()
                .map(|m| config.measures.get(m).is_some_and(|s| s.people))
                .collect(),
            roles: measures
                .iter()
                .map(|m| config.measures.get(m).map(|s| s.actor).unwrap_or_default())
                .collect(),
            frames: measures.iter().map(|m| config.frame(m)).collect(),
            other: index(crate::config::OTHER).unwrap_or(0),
            money: index("money"),
            percent: index("percent"),
            nouns: PhraseSet::default(),
            before: PhraseSet::default(),
            after: PhraseSet::default(),
            times: PhraseSet::default(),
            actors: config.actors.keys().cloned().collect(),
            locations: config.locations.keys().cloned().collect(),
            places: PhraseSet::default(),
            measures: Vec::new(),
            actor_of_location: Vec::new(),
        };
        lex.actor_of_location = lex
            .locations
            .iter()
            .map(|name| lex.actors.iter().position(|a| a == name))
            .collect();
        for (name, spec) in &config.measures {
            let m = index(name).unwrap_or(lex.other);
            for w in &spec.nouns {
                lex.nouns.insert(w, m);
            }
            for w in &spec.before {
                lex.before.insert(w, m);
            }
            for w in &spec.after {
                lex.after.insert(w, m);
            }
            for w in &spec.times {
                lex.times.insert(w, m);
            }
        }
        // An alias may name both an actor and a location ("Israel").
        let mut places: HashMap<String, (String, Place)> = HashMap::new();
        for (a, aliases) in config.actors.values().enumerate() {
            for alias in aliases {
                places
                    .entry(alias.clone())
                    .or_insert_with(|| (alias.clone(), Place::default()))
                    .1
                    .actor = Some(a);
            }
        }
        for (l, aliases) in config.locations.values().enumerate() {
            for alias in aliases {
                places
                    .entry(alias.clone())
                    .or_insert_with(|| (alias.clone(), Place::default()))
                    .1
                    .location = Some(l);
            }
        }
        let mut sorted: Vec<(String, Place)> = places.into_values().collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        for (alias, place) in sorted {
            lex.places.insert(&alias, place);
        }
        lex.measures = measures;
        lex
    }

    /// The actor with the same canonical name as a location, if any.
    pub fn actor_named_like(&self, location: usize) -> Option<usize> {
        self.actor_of_location.get(location).copied().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::tokenize;
    use super::*;

    #[test]
    fn phrases_match_longest_first_and_capitals_exactly() {
        let mut set = PhraseSet::default();
        set.insert("US", 1);
        set.insert("US Central Command", 2);
        set.insert("aircraft carriers", 3);
        let s = "US Central Command and us with two aircraft carriers";
        let t = tokenize(s, 0, s.len());
        assert_eq!(set.at(&t, 0), Some((3, &2)));
        assert_eq!(set.at(&t, 4), None, "the pronoun us is not the US");
        assert_eq!(set.at(&t, 7), Some((9, &3)));
        assert_eq!(set.ending_at(&t, 9), Some((7, &3)));
    }

    #[test]
    fn builtin_lexicon_knows_actors_and_locations() {
        let lex = Lexicon::new(&Config::builtin());
        let s = "Israel's army in the Gaza Strip";
        let t = tokenize(s, 0, s.len());
        let (_, p) = lex.places.at(&t, 0).unwrap();
        assert_eq!(lex.actors[p.actor.unwrap()], "israel");
        assert_eq!(lex.locations[p.location.unwrap()], "israel");
        let (end, p) = lex.places.at(&t, 4).unwrap();
        assert_eq!(
            (end, lex.locations[p.location.unwrap()].as_str()),
            (6, "gaza")
        );
    }
}
