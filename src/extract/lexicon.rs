//! Lexicon lookup tables built once from `claims.yaml` and the gazetteer.
//!
//! Takes the measure lexicons and the actors and locations of a [`Config`],
//! and the built-in [`gazetteer`](crate::gazetteer), and builds phrase
//! tables that match on a sentence's tokens: longest phrase first, by first
//! word (or by last word, for words that come before a number). Aliases
//! written in capitals (`US`, `IDF`) match only in capitals. The gazetteer's
//! place names match only when capitalized in the text, and are searched in
//! its own tables, not copied here; its demonyms and peoples join the
//! config's aliases. A config entry extends or overrides the gazetteer's of
//! the same name. Nothing here decides what a claim counts; see `context`.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::text::{Kind, Token};
use crate::config::Config;
use crate::gazetteer::{self, Gazetteer, NameId, PlaceId};

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

    /// Could a phrase start at token `t`? Its shape alone, before
    /// [`PhraseSet::at`] looks.
    #[inline]
    pub fn may_start(&self, t: &Token<'_>) -> bool {
        self.firsts.may_hold_shape(t.shape)
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
    /// A location id: see [`Lexicon::location_name`].
    pub location: Option<usize>,
}

/// Location ids: below the gazetteer's id bound, a gazetteer place (the
/// offset of its line); above, a
/// location only the config names; a part ("eastern Libya") keeps its
/// place's id in the low bits and the part's number above them.
const PART_SHIFT: u32 = 26;
const BASE_MASK: usize = (1 << PART_SHIFT) - 1;

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
    /// Actor names, sorted: the config's and the gazetteer's (countries,
    /// peoples).
    pub actors: Vec<String>,
    /// The index of each actor name in `actors`: looked up for every
    /// place named, a hash beats a search of the sorted names.
    actor_ids: FnvMap<String, usize>,
    /// The locations only the config names (not in the gazetteer), sorted.
    extra_locations: Vec<String>,
    /// Per extra location, the actor of the same name.
    actor_of_extra: Vec<Option<usize>>,
    /// The config's actor and location aliases, and the gazetteer's
    /// demonyms and peoples.
    pub places: PhraseSet<Place>,
    /// The built-in gazetteer, searched for place names.
    gaz: &'static Gazetteer,
    /// The gazetteer's names are not looked up (`defaults: false`).
    no_gazetteer: bool,
    /// Part prefixes (`northern`) in the order of their numbers.
    part_names: Vec<&'static str>,
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
            actors: Vec::new(),
            actor_ids: FnvMap::default(),
            extra_locations: Vec::new(),
            actor_of_extra: Vec::new(),
            places: PhraseSet::default(),
            measures: Vec::new(),
            gaz: gazetteer::get(),
            no_gazetteer: false,
            part_names: Vec::new(),
        };
        let gaz = lex.gaz;
        lex.no_gazetteer = config.no_gazetteer;
        let mut actors: Vec<String> = config.actors.keys().cloned().collect();
        if !lex.no_gazetteer {
            actors.extend(gaz.actors().iter().map(|(a, _, _)| a.to_string()));
        }
        actors.sort();
        actors.dedup();
        lex.actor_ids = actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.clone(), i))
            .collect();
        lex.actors = actors;
        lex.extra_locations = config
            .locations
            .keys()
            .filter(|name| gaz.place(name).is_none())
            .cloned()
            .collect();
        lex.actor_of_extra = lex
            .extra_locations
            .iter()
            .map(|name| lex.actor_index(name))
            .collect();
        for (_, part) in gaz.parts() {
            if !lex.part_names.contains(part) {
                lex.part_names.push(part);
            }
        }
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
        // An alias may name both an actor and a location ("Israel"). The
        // gazetteer's demonyms and peoples first, so that the config's
        // aliases of the same words override them.
        let mut places: HashMap<String, (String, Place)> = HashMap::new();
        for (actor, _, names) in gaz.actors() {
            let a = lex.actor_index(actor);
            for alias in names.split('|').filter(|n| !n.trim().is_empty()) {
                places
                    .entry(alias.to_string())
                    .or_insert_with(|| (alias.to_string(), Place::default()))
                    .1
                    .actor = a;
            }
        }
        for (name, aliases) in &config.actors {
            let a = lex.actor_index(name);
            for alias in aliases {
                places
                    .entry(alias.clone())
                    .or_insert_with(|| (alias.clone(), Place::default()))
                    .1
                    .actor = a;
            }
        }
        for (name, aliases) in &config.locations {
            let l = lex.location_index(name);
            for alias in aliases {
                places
                    .entry(alias.clone())
                    .or_insert_with(|| (alias.clone(), Place::default()))
                    .1
                    .location = l;
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

    /// The index of an actor name.
    fn actor_index(&self, name: &str) -> Option<usize> {
        self.actor_ids.get(name).copied()
    }

    /// The id of a location the config names: the gazetteer's place of
    /// that slug, else the config's own.
    fn location_index(&self, name: &str) -> Option<usize> {
        if let Some(p) = self.gaz.place(name) {
            return Some(p.0 as usize);
        }
        self.extra_locations
            .binary_search_by(|l| l.as_str().cmp(name))
            .ok()
            .map(|i| self.gaz.id_bound() + i)
    }

    /// The gazetteer place of a location id (a part's place for a part).
    pub fn gazetteer_place(&self, location: usize) -> Option<PlaceId> {
        let base = location & BASE_MASK;
        (base < self.gaz.id_bound()).then_some(PlaceId(base as u32))
    }

    /// The location's name, as keys show it: a gazetteer slug (`derna`) or
    /// a config location's name. A part ("eastern Libya") is named by its
    /// place (`libya`): see [`Lexicon::location_part`].
    pub fn location_name(&self, location: usize) -> &str {
        let base = location & BASE_MASK;
        match self.gazetteer_place(location) {
            Some(p) => self.gaz.slug(p),
            None => self
                .extra_locations
                .get(base - self.gaz.id_bound())
                .map_or("", String::as_str),
        }
    }

    /// The part of its place a location is, if any (`eastern` for "eastern
    /// Libya"). Keys name the place; the part's own slug
    /// (`eastern_libya`, which [`crate::gazetteer`] knows as a place inside
    /// `libya`) is `{part}_{place}`.
    pub fn location_part(&self, location: usize) -> Option<&'static str> {
        let part = (location >> PART_SHIFT).checked_sub(1)?;
        self.part_names.get(part).copied()
    }

    /// The actor of the people of a location, for counts of victims ("1,400
    /// killed in Israel", "killed in Derna" -> libya): the people of the
    /// place's country (or of a people of the place, Kashmiris); for a
    /// location only the config names, the actor of the same name.
    pub fn actor_named_like(&self, location: usize) -> Option<usize> {
        match self.gazetteer_place(location) {
            Some(p) => self.gaz.people_of(p).and_then(|a| self.actor_index(a)),
            None => {
                let base = location & BASE_MASK;
                self.actor_of_extra
                    .get(base.checked_sub(self.gaz.id_bound())?)
                    .copied()
                    .flatten()
            }
        }
    }

    /// Does location `whole` contain location `part` (through the
    /// gazetteer; a part of a place is inside it)?
    pub fn contains(&self, whole: usize, part: usize) -> bool {
        if whole == part {
            return false;
        }
        let (Some(w), Some(p)) = (self.gazetteer_place(whole), self.gazetteer_place(part)) else {
            return false;
        };
        let whole_part = whole >> PART_SHIFT != 0;
        if whole_part {
            return false;
        }
        w == p || self.gaz.contains(w, p)
    }

    /// The country of a location, if the gazetteer knows it.
    pub fn country(&self, location: usize) -> Option<PlaceId> {
        self.gazetteer_place(location)
            .and_then(|p| self.gaz.country(p))
    }

    /// Could a place name (the config's or the gazetteer's) start at
    /// token `t`? A test of its shape and first letters, made before the
    /// lookups of [`PhraseSet::at`] and [`Lexicon::gazetteer_at`], which
    /// find nothing where it fails.
    #[inline]
    pub fn may_name(&self, t: &Token<'_>) -> bool {
        self.places.may_start(t)
            || (!self.no_gazetteer && t.kind == Kind::Word && capitalized(t.text))
    }

    /// A gazetteer place name starting at token `i`, written with a
    /// capital: where it ends and which name.
    pub fn gazetteer_at(&self, tokens: &[Token<'_>], i: usize) -> Option<(usize, NameId)> {
        let t = tokens.get(i)?;
        if self.no_gazetteer || t.kind != Kind::Word || !capitalized(t.text) {
            return None;
        }
        let (n, name) = self.gaz.longest(|k| {
            let t = tokens.get(i + k)?;
            // A name does not run on past a possessive ("Libya's east").
            if k > 0 && tokens[i + k - 1].possessive {
                return None;
            }
            Some(t.norm.as_ref())
        })?;
        // A word in capitals is an acronym ("UN", "WHO", "IOM"): it names a
        // country (US, UAE, DRC), never a town that shares its letters.
        let letters = t.text.chars().filter(|c| c.is_alphabetic());
        let acronym = n == 1
            && t.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && letters.clone().all(char::is_uppercase);
        if acronym {
            let first = self.gaz.candidates(name).next()?;
            if self.gaz.kind(first) != crate::gazetteer::Kind::Country {
                return None;
            }
        }
        Some((i + n, name))
    }

    /// The place a gazetteer name means by default, or its `n`-th place.
    pub fn gazetteer_place_of(&self, name: NameId, n: usize) -> Option<Place> {
        let p = self.gaz.candidates(name).nth(n)?;
        Some(self.place_of(p))
    }

    /// What a gazetteer place names: itself, and the actor of a country or
    /// a large capital.
    pub fn place_of(&self, p: PlaceId) -> Place {
        Place {
            actor: self.gaz.actor(p).and_then(|a| self.actor_index(a)),
            location: Some(p.0 as usize),
        }
    }

    /// The gazetteer.
    pub fn gazetteer(&self) -> &'static Gazetteer {
        self.gaz
    }

    /// The part a word of direction makes ("eastern", "north"), as a
    /// number for [`Lexicon::part_of`].
    pub fn part_word(&self, t: &Token<'_>) -> Option<usize> {
        let (_, part) = self.gaz.parts().iter().find(|(w, _)| *w == t.norm)?;
        self.part_names.iter().position(|p| p == part)
    }

    /// A location id for place `p` with the part of `location`, if any
    /// ("northern Georgia" when Georgia is settled to another place).
    pub fn rebase(&self, location: usize, p: PlaceId) -> usize {
        (location & !BASE_MASK) | p.0 as usize
    }

    /// The location id of part `part` of a gazetteer location.
    pub fn part_of(&self, location: usize, part: usize) -> usize {
        (location & BASE_MASK) | ((part + 1) << PART_SHIFT)
    }
}

/// Written with a capital: "Derna", "Türkiye", or after a lowercase article
/// and a hyphen ("al-Qubbah").
fn capitalized(text: &str) -> bool {
    let bytes = text.as_bytes();
    match bytes.first() {
        Some(b) if b.is_ascii_uppercase() => true,
        Some(b) if b.is_ascii_lowercase() => {
            // "al-Qubbah": up to three lowercase letters and a hyphen.
            let hyphen = bytes.iter().take(4).position(|&c| c == b'-');
            hyphen.is_some_and(|h| {
                h > 0
                    && bytes[..h].iter().all(u8::is_ascii_lowercase)
                    && text[h + 1..].starts_with(char::is_uppercase)
            })
        }
        Some(_) => text.starts_with(char::is_uppercase),
        None => false,
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
        let (_, name) = lex.gazetteer_at(&t, 0).unwrap();
        let p = lex.gazetteer_place_of(name, 0).unwrap();
        assert_eq!(lex.actors[p.actor.unwrap()], "israel");
        assert_eq!(lex.location_name(p.location.unwrap()), "israel");
        let (end, name) = lex.gazetteer_at(&t, 4).unwrap();
        let p = lex.gazetteer_place_of(name, 0).unwrap();
        assert_eq!((end, lex.location_name(p.location.unwrap())), (6, "gaza"));
        // Demonyms name actors, from the gazetteer.
        let s = "Six Libyan engineers";
        let t = tokenize(s, 0, s.len());
        let (_, p) = lex.places.at(&t, 1).unwrap();
        assert_eq!(lex.actors[p.actor.unwrap()], "libya");
        assert_eq!(p.location, None);
    }

    #[test]
    fn place_names_need_a_capital() {
        let lex = Lexicon::new(&Config::builtin());
        let s = "the turkey in Turkey near al-Qubbah";
        let t = tokenize(s, 0, s.len());
        assert!(lex.gazetteer_at(&t, 1).is_none());
        assert!(lex.gazetteer_at(&t, 3).is_some());
        assert!(lex.gazetteer_at(&t, 5).is_some(), "{:?}", t[5]);
    }

    #[test]
    fn config_locations_extend_the_gazetteer_by_name() {
        let mut config = Config::builtin();
        config
            .locations
            .insert("libya".into(), vec!["Jamahiriya".into()]);
        config
            .locations
            .insert("ruritania".into(), vec!["Ruritania".into()]);
        config
            .actors
            .insert("ruritania".into(), vec!["Ruritanians".into()]);
        let lex = Lexicon::new(&config);
        let s = "in Jamahiriya and Ruritania";
        let t = tokenize(s, 0, s.len());
        let (_, p) = lex.places.at(&t, 1).unwrap();
        let libya = p.location.unwrap();
        assert_eq!(lex.location_name(libya), "libya");
        assert_eq!(lex.actors[lex.actor_named_like(libya).unwrap()], "libya");
        let (_, p) = lex.places.at(&t, 3).unwrap();
        let ruritania = p.location.unwrap();
        assert_eq!(lex.location_name(ruritania), "ruritania");
        assert_eq!(
            lex.actors[lex.actor_named_like(ruritania).unwrap()],
            "ruritania"
        );
        assert!(lex.country(ruritania).is_none());
        let derna = lex.gazetteer().place("derna").unwrap().0 as usize;
        assert!(lex.contains(libya, derna));
        let east = lex.part_of(libya, 2);
        assert!(lex.contains(libya, east));
        assert!(!lex.contains(east, libya));
        assert_eq!(lex.location_name(east), "libya");
        assert_eq!(lex.location_part(east), lex.part_names.get(2).copied());
        assert_eq!(lex.location_part(libya), None);
        assert_eq!(lex.actor_named_like(derna), lex.actor_named_like(libya));
    }
}
