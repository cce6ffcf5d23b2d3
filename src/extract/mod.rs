//! PARSE: turn an article into claims.
//!
//! Takes an [`Article`] and returns its [`Claim`]s in text order. The body
//! is cut into sentences and tokens (`text`), the quantities of each
//! sentence are found with their qualifiers and bounds (`number`), and each
//! quantity's measure, actor and location are decided from the words around
//! it using the lexicons of `claims.yaml` (`lexicon`, `context`). Nothing
//! here compares claims across articles.

pub mod context;
pub mod cues;
pub mod lexicon;
pub mod number;
pub mod scope;
pub mod tables;
pub mod text;

use crate::claim::{make_key, with_change, with_subset, Claim, Frame, Qualifier};
use crate::config::{Config, Role};
use crate::corpus::Article;
use lexicon::Lexicon;
use number::Quantity;

/// How many sentences back a measure's topic still names the actor and
/// places of a figure that names neither.
const TOPIC_SENTENCES: usize = 3;

/// How many sentences back a definite figure ("the 850 individuals on the
/// list") may name a figure again.
const NAMED_SENTENCES: usize = 12;

/// A town of the main country takes an ambiguous name from a place
/// elsewhere only if it has this many people (see [`context::settle`]).
const SETTLE_MIN_POPULATION: u64 = 50_000;

/// A sentence read: its index, tokens and quantities.
#[derive(Default)]
struct Read<'a> {
    sentence: usize,
    tokens: Vec<text::Token<'a>>,
    quantities: Vec<Quantity>,
    /// The gazetteer names, once found (for a sentence with quantities).
    mentions: Option<Vec<context::Mention>>,
}

/// The countries an article names, to settle names of several places:
/// countries, and places of one meaning, in its title and in the sentences
/// read so far (those with figures).
#[derive(Default)]
struct Votes {
    counts: Vec<(crate::gazetteer::PlaceId, usize)>,
    title_read: bool,
}

impl Votes {
    fn count(&mut self, lex: &Lexicon, mentions: &[context::Mention]) {
        for m in mentions {
            let Some(location) = m.place.location else {
                continue;
            };
            let country = lex.country(location);
            // A country's name counts even if a town shares it (Lebanon,
            // Pennsylvania); another name of several places does not.
            let is_country = country.is_some() && country == lex.gazetteer_place(location);
            if m.ambiguous.is_some() && !is_country {
                continue;
            }
            if let Some(c) = country {
                match self.counts.iter_mut().find(|(v, _)| *v == c) {
                    Some((_, n)) => *n += 1,
                    None => self.counts.push((c, 1)),
                }
            }
        }
    }

    /// The country named most, if one is named more than any other.
    fn leader(&self) -> Option<crate::gazetteer::PlaceId> {
        let most = self.counts.iter().map(|(_, n)| *n).max()?;
        let mut top = self.counts.iter().filter(|(_, n)| *n == most);
        let first = top.next()?.0;
        top.next().is_none().then_some(first)
    }
}

/// Extracts claims with the lexicons of one configuration.
#[derive(Debug, Clone)]
pub struct Extractor {
    lex: Lexicon,
    tolerance: f64,
}

impl Extractor {
    /// Builds the lookup tables for `config`.
    pub fn new(config: &Config) -> Extractor {
        Extractor {
            lex: Lexicon::new(config),
            tolerance: config.compare.about_tolerance,
        }
    }

    /// The claims of one article, in text order.
    pub fn extract(&self, article: &Article) -> Vec<Claim> {
        let text = article.text.as_str();
        let mut lines = LineIndex::new(article);
        let mut claims = Vec::new();
        let sentences = text::sentences(text, article.body_start);
        // ASCII words' normal forms are slices of this copy.
        let lower = text.to_ascii_lowercase();
        let lower = lower.as_str();
        // The last few sentences read, kept for their topics: (sentence,
        // tokens, quantities). Their vectors are reused.
        let mut recent: std::collections::VecDeque<Read<'_>> =
            std::collections::VecDeque::with_capacity(TOPIC_SENTENCES + 1);
        // The topics of sentences read back for a figure without context.
        // By sentence number, made when first asked.
        let mut topic_cache: Vec<Option<Vec<context::Topic>>> = Vec::new();
        // The last figure kept whose measure is known, for a figure that
        // points back to it ("The figure could reach 20,000"): its
        // sentence and context.
        let mut last_known: Option<(usize, context::Context)> = None;
        // The figures of the last sentences (sentence, value, measure,
        // counted), for a definite figure that names one again ("74 of
        // the 97 victims" after "the toll was revised down to 97").
        let mut named: std::collections::VecDeque<(usize, f64, usize, Option<String>)> =
            std::collections::VecDeque::new();
        // Countries named so far (the title's counted when first needed),
        // for names of several places.
        let mut votes = Votes::default();
        for (n, &sentence) in sentences.iter().enumerate() {
            let slice = &text[sentence.start..sentence.end];
            if !might_have_number(slice, &lower[sentence.start..sentence.end]) {
                continue;
            }
            let mut read = if recent.len() > TOPIC_SENTENCES {
                recent.pop_front().unwrap_or_default()
            } else {
                // Room for the tokens of most sentences at once.
                Read {
                    tokens: Vec::with_capacity(128),
                    ..Read::default()
                }
            };
            read.sentence = n;
            read.tokens.clear();
            text::tokenize_into(
                text,
                Some(lower),
                sentence.start,
                sentence.end,
                &mut read.tokens,
            );
            read.quantities = number::find(&read.tokens, self.tolerance);
            read.mentions =
                (!read.quantities.is_empty()).then(|| context::mentions(&self.lex, &read.tokens));
            // A name of several places: the one in the article's main
            // country so far.
            if let Some(mentions) = read.mentions.as_mut() {
                votes.count(&self.lex, mentions);
                if mentions.iter().any(|m| m.ambiguous.is_some()) {
                    if !votes.title_read {
                        votes.title_read = true;
                        if let Some(title) = &article.meta.title {
                            let tokens = text::tokenize(title, 0, title.len());
                            votes.count(&self.lex, &context::mentions(&self.lex, &tokens));
                        }
                    }
                    if let Some(country) = votes.leader() {
                        context::settle(&self.lex, mentions, country, SETTLE_MIN_POPULATION);
                    }
                }
            }
            recent.push_back(read);
            let Some(read) = recent.back() else { continue };
            let (tokens, quantities) = (read.tokens.as_slice(), read.quantities.as_slice());
            let Some(mentions) = &read.mentions else {
                continue;
            };
            let contexts = context::resolve_with(&self.lex, tokens, mentions, quantities);
            // The sentence as shown and its attributions, made once and only
            // if a claim is kept.
            let mut shown: Option<String> = None;
            let mut sources: Option<Vec<scope::Attribution>> = None;
            for (q, mut ctx) in quantities.iter().zip(contexts) {
                if !keep(tokens, q, &ctx) {
                    continue;
                }
                if let (Some(anaphor), Some((at, earlier))) = (ctx.anaphor, &last_known) {
                    if ctx.measure == self.lex.other && at + TOPIC_SENTENCES >= n && *at < n {
                        ctx.measure = earlier.measure;
                        if ctx.actor.is_none() && ctx.locations.is_empty() {
                            ctx.actor = earlier.actor;
                            ctx.key_actor = earlier.key_actor;
                            ctx.locations = earlier.locations.clone();
                        }
                        if anaphor == context::Anaphor::Part {
                            ctx.part = true;
                            ctx.subset = Some("part".to_string());
                        }
                    }
                }
                // A figure that names neither actor nor place takes those of
                // its measure's topic in the last few sentences.
                let mut from_topic = false;
                if ctx.actor.is_none() && ctx.locations.is_empty() {
                    let topic = self.topic(
                        text,
                        lower,
                        &sentences,
                        &recent,
                        n,
                        ctx.measure,
                        &mut topic_cache,
                    );
                    if let Some(topic) = topic {
                        ctx.actor = topic.actor;
                        ctx.key_actor =
                            match (self.lex.roles[ctx.measure], topic.locations.as_slice()) {
                                (Role::Victim, [only]) => self.lex.actor_named_like(*only),
                                _ => topic.actor,
                            };
                        ctx.locations = topic.locations;
                        from_topic = true;
                    }
                }
                let shown = shown.get_or_insert_with(|| text::display(text, sentence));
                let sources = sources.get_or_insert_with(|| scope::attributions(tokens));
                let source = scope::source_of(sources, tokens.len(), q);
                // The measure of the figure just before (this sentence or
                // the one before), for "another N" of the same measure.
                let before = last_known
                    .as_ref()
                    .filter(|(at, _)| *at + 1 >= n)
                    .map(|(_, c)| (c.measure, c.locations.clone()));
                // A vague amount ("thousands missing") is no count that
                // "another N" could add to.
                if q.qualifier == Qualifier::Vague {
                    last_known = None;
                } else if ctx.measure != self.lex.other && ctx.subset.is_none() {
                    last_known = Some((n, ctx.clone()));
                }
                // "and an additional 900 in Syria" is a second count,
                // of another place.
                let same = before.is_some_and(|(m, places)| {
                    m == ctx.measure && (ctx.locations.is_empty() || ctx.locations == places)
                });
                // "the death toll in the Maui wildfires": a place that names
                // the event, not where the counted things are.
                let event_place = !from_topic
                    && !ctx.locations.is_empty()
                    && mentions
                        .iter()
                        .filter(|m| m.place.location.is_some_and(|l| ctx.locations.contains(&l)))
                        .all(|m| names_event(tokens, m));
                let again = self.named_again(tokens, q, &ctx, &named, n);
                if let Some((measure, _)) = again {
                    ctx.measure = measure;
                }
                let measure = ctx.measure;
                let (mut claim, another) = self.claim(article, tokens, q, ctx, shown, &mut lines);
                if let Some((_, counted)) = again {
                    claim.counted = counted.clone();
                }
                if let Some(v) = claim.value.filter(|_| claim.qualifier != Qualifier::Vague) {
                    while named.front().is_some_and(|f| f.0 + NAMED_SENTENCES < n) {
                        named.pop_front();
                    }
                    named.push_back((n, v, measure, claim.counted.clone()));
                }
                if event_place {
                    claim
                        .slots_from
                        .insert("place".to_string(), "event".to_string());
                }
                // "About 170 additional people were killed elsewhere": an
                // addition to the figure before, not its tally.
                if claim.frame != Frame::Incident && same && another {
                    claim.frame = Frame::Incident;
                }
                claim.source = source;
                if from_topic {
                    for slot in ["place", "whose"] {
                        claim
                            .slots_from
                            .insert(slot.to_string(), "topic".to_string());
                    }
                }
                claims.push(claim);
            }
        }
        crate::resolve::article(&self.lex, article, &mut claims);
        claims
    }

    /// The last topic of `measure` in the few sentences before sentence
    /// `n`, read back from the nearest; each sentence's topics are found
    /// once, from its tokens in `recent` if it was read.
    #[allow(clippy::too_many_arguments)]
    fn topic(
        &self,
        text: &str,
        lower: &str,
        sentences: &[text::Sentence],
        recent: &std::collections::VecDeque<Read<'_>>,
        n: usize,
        measure: usize,
        cache: &mut Vec<Option<Vec<context::Topic>>>,
    ) -> Option<context::Topic> {
        if cache.len() < sentences.len() {
            cache.resize_with(sentences.len(), || None);
        }
        (n.saturating_sub(TOPIC_SENTENCES)..n).rev().find_map(|k| {
            let topics = cache[k].get_or_insert_with(|| {
                if let Some(read) = recent.iter().find(|r| r.sentence == k) {
                    return match &read.mentions {
                        Some(m) => {
                            context::topics_with(&self.lex, &read.tokens, m, &read.quantities)
                        }
                        None => context::topics(&self.lex, &read.tokens, &read.quantities),
                    };
                }
                let s = sentences[k];
                // About a token for every five bytes of text, with room to
                // spare.
                let mut tokens = Vec::with_capacity((s.end - s.start) / 4 + 8);
                text::tokenize_into(text, Some(lower), s.start, s.end, &mut tokens);
                // No place named, no topic: the numbers need not be read.
                let mentions = context::mentions(&self.lex, &tokens);
                if mentions.is_empty() {
                    return Vec::new();
                }
                let quantities = number::find(&tokens, self.tolerance);
                context::topics_with(&self.lex, &tokens, &mentions, &quantities)
            });
            topics.iter().rev().find(|t| t.measure == measure).cloned()
        })
    }

    /// Builds the claim for a kept quantity, and says whether it is
    /// "another N" (an addition to the figure before).
    fn claim(
        &self,
        article: &Article,
        tokens: &[text::Token<'_>],
        q: &Quantity,
        ctx: context::Context,
        sentence: &str,
        lines: &mut LineIndex<'_>,
    ) -> (Claim, bool) {
        let start = tokens[q.first].start;
        let end = tokens[q.last].end();
        let (mut qualifier, mut lower, mut upper) = (q.qualifier, q.lower, q.upper);
        if let (Some(shared), Some(v)) = (ctx.shared_qualifier, q.value) {
            qualifier = shared;
            (lower, upper) = number::bounds(shared, v, self.tolerance);
        }
        let measure = self.lex.measures[ctx.measure].clone();
        let actor = ctx.actor.map(|a| self.lex.actors[a].clone());
        let key_actor = ctx.key_actor.map(|a| self.lex.actors[a].as_str());
        let location = (!ctx.locations.is_empty()).then(|| {
            // A part ("eastern Libya") is keyed by its place for now.
            let mut names: Vec<&str> = ctx
                .locations
                .iter()
                .map(|&l| self.lex.location_name(l))
                .collect();
            names.sort_unstable();
            names.dedup();
            names.join("+")
        });
        let (line, column) = lines.locate(start);
        // Offsets of the file on disk, not of the decoded text.
        let (file_start, file_end) = (
            lines.file_offset(start, true),
            lines.file_offset(end, false),
        );
        let published = article.meta.date;
        let cues = cues::cues(tokens, q, published.map(|d| d.year));
        let mut timing = scope::timing(tokens, q, published, cues.tally_cue);
        // "up from 62 on Wednesday": the day a figure cited as past stood
        // at, not the day of an incident.
        if cues.cited_past && timing.as_of.is_none() {
            if let Some(day) = timing.scope.as_deref().and_then(crate::corpus::Date::parse) {
                timing.as_of = Some(day);
                timing.scope = None;
            }
        }
        let frame = self.frame(ctx.measure, &cues, &timing);
        let mut slots_from = std::collections::BTreeMap::new();
        // A figure cited as past stands before the article's own figures.
        let as_of = match (timing.as_of, published) {
            (Some(d), _) => {
                slots_from.insert("as_of".to_string(), "text".to_string());
                Some(d)
            }
            (None, Some(p)) if cues.cited_past => {
                slots_from.insert("as_of".to_string(), "cited".to_string());
                Some(crate::corpus::Date::from_days(p.days() - 1))
            }
            (None, p) => p,
        };
        // "in the country": the country of the article's place, for the
        // resolve stage to fill in.
        if cues.nationwide && location.is_none() {
            slots_from.insert("place".to_string(), crate::resolve::COUNTRY.to_string());
        }
        let counted = self.counted(ctx.measure, ctx.counted.as_deref(), cues.state);
        let scope = timing.scope;
        let (whose, place) = (actor.clone(), location.clone());
        let mut claim = Claim {
            number: article.text[start..end].to_string(),
            value: q.value,
            lower,
            upper,
            qualifier,
            change: q.detail.change,
            currency: q.detail.currency.map(str::to_string),
            unit: q.detail.unit.map(str::to_string),
            key: with_change(
                with_subset(
                    make_key(&measure, key_actor, location.as_deref(), scope.as_deref()),
                    ctx.subset.as_deref(),
                ),
                q.detail.change,
            ),
            measure,
            actor,
            location,
            article: article.path.clone(),
            date: article.meta.date,
            line,
            column,
            start: file_start,
            end: file_end,
            sentence: sentence.to_string(),
            scope,
            source: None,
            outlet: article.meta.source.clone(),
            frame,
            as_of,
            since: timing.since,
            event: cues.event.clone(),
            whose: None,
            place: None,
            part: ctx
                .subset
                .clone()
                .or_else(|| cues.elsewhere.then(|| "elsewhere".to_string())),
            counted,
            modality: if cues.projection {
                crate::claim::Modality::Projection
            } else {
                crate::claim::Modality::Reported
            },
            revised: cues.revised,
            slots_from,
            status: None,
            overflow: q.overflow,
        };
        (claim.whose, claim.place) = (whose, place);
        (claim, cues.another)
    }

    /// A definite figure of a measure that does not say what it counts
    /// ("the 97 victims", "among the 850 individuals on the list") that
    /// gives again a figure of the last sentences: that figure's
    /// measure and counted thing.
    fn named_again<'n>(
        &self,
        tokens: &[text::Token<'_>],
        q: &Quantity,
        ctx: &context::Context,
        named: &'n std::collections::VecDeque<(usize, f64, usize, Option<String>)>,
        n: usize,
    ) -> Option<(usize, &'n Option<String>)> {
        let definite = q
            .qual_start
            .checked_sub(1)
            .is_some_and(|k| matches!(tokens[k].norm.as_ref(), "the" | "those" | "these"));
        let generic =
            lexicon::data_words!("generic_measures").has_word(&self.lex.measures[ctx.measure]);
        if !definite || !generic || q.qualifier != Qualifier::Exact || ctx.subset.is_some() {
            return None;
        }
        let v = q.value?;
        named
            .iter()
            .rev()
            .filter(|f| f.0 + NAMED_SENTENCES >= n)
            .find(|f| f.1 == v && (f.2 != ctx.measure || f.3.is_some()))
            .map(|f| (f.2, &f.3))
    }

    /// The frame of a figure: its measure's, unless the sentence dates it
    /// as an incident ("in the past 24 hours", "on Tuesday"), adds it to a
    /// figure before in an incident ("another 35 were killed in the
    /// shelling"), or names an incident for a running measure ("in the
    /// blast"); a start ("since October 17") makes it a tally.
    fn frame(&self, measure: usize, cues: &cues::Cues, timing: &scope::Timing) -> Frame {
        let base = self.lex.frames[measure];
        if timing.since.is_some() {
            return if base == Frame::Stock {
                Frame::Stock
            } else {
                Frame::Tally
            };
        }
        let dated = timing.scope.is_some();
        if dated && base != Frame::Stock {
            return Frame::Incident;
        }
        if cues.another && (cues.incident_noun || dated) {
            return Frame::Incident;
        }
        if cues.incident_noun && base == Frame::Tally && !cues.tally_cue {
            return Frame::Incident;
        }
        base
    }

    /// What a figure counts, where one measure counts different things:
    /// the state of the people ("missing", "rescued") or the class of the
    /// counted noun ("homes" and "structures" are `buildings`). Only for
    /// the measures whose name alone does not say what is counted.
    fn counted(&self, measure: usize, noun: Option<&str>, state: Option<&str>) -> Option<String> {
        let name = self.lex.measures[measure].as_str();
        if !lexicon::data_words!("generic_measures").has_word(name) {
            return None;
        }
        // People are told apart by their state, not by the noun that
        // names them ("people", "residents", "individuals").
        if self.lex.people[measure] {
            return state.map(str::to_string);
        }
        noun.map(|n| cues::counted_class(n).to_string())
    }
}

/// Does a place name the event rather than a place of the count: right
/// before an event noun ("the Maui wildfires", "Morocco's earthquake"), or
/// right after one and a preposition ("the floods in Libya")?
pub(crate) fn names_event(tokens: &[text::Token<'_>], m: &context::Mention) -> bool {
    let event = |k: usize| {
        tokens
            .get(k)
            .is_some_and(|t| lexicon::data_words!("event_nouns").has(t))
    };
    let before = m.start >= 2
        && matches!(tokens[m.start - 1].norm.as_ref(), "in" | "on" | "of")
        && event(m.start - 2);
    // "the quake that struck Morocco", "since it struck in the Al-Haouz
    // province", "the blaze that swept through Lahaina".
    let struck = tokens[m.start.saturating_sub(5)..m.start]
        .iter()
        .any(|t| lexicon::data_words!("event_verbs").has(t));
    event(m.end) || before || struck
}

/// Number words and vague amounts a sentence may hold, as whole words
/// (a plural `s` or a hyphen may follow); a sentence with no digit and none
/// of these holds no claim.
const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "dozen",
    "score",
    "several",
    "handful",
    "few",
    "half",
];

/// The matcher for [`NUMBER_WORDS`], built once.
fn number_words() -> &'static aho_corasick::AhoCorasick {
    static MATCHER: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    MATCHER.get_or_init(|| {
        // Run on ASCII-lowercased text, so that the matcher can use its
        // SIMD prefilter, which case-insensitive patterns rule out.
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(NUMBER_WORDS)
            .expect("the number words build a matcher")
    })
}

/// A cheap test that skips most sentences without numbers: a digit (any
/// script), or a number word standing as a word ("one" in "someone" does
/// not count). `lower` is `s` with ASCII letters lowercased.
fn might_have_number(s: &str, lower: &str) -> bool {
    let bytes = s.as_bytes();
    if text::has_ascii_digit(bytes) {
        return true;
    }
    if !s.is_ascii() && s.chars().any(char::is_numeric) {
        return true;
    }
    number_words().find_iter(lower).any(|m| {
        let before = m.start().checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(m.end()).copied();
        let starts = before.is_none_or(|b| !b.is_ascii_alphabetic());
        let ends = match after {
            None => true,
            Some(b's') => bytes
                .get(m.end() + 1)
                .is_none_or(|b| !b.is_ascii_alphabetic()),
            Some(b) => !b.is_ascii_alphabetic(),
        };
        starts && ends
    })
}

/// Whether a quantity flagged as doubtful by the number parser is a claim:
/// years, identifiers and the word "one" need a counted noun after them.
fn keep(tokens: &[text::Token<'_>], q: &Quantity, ctx: &context::Context) -> bool {
    // "a boy of 12": an age.
    if q.qual_start >= 2
        && q.qual_start == q.first
        && tokens[q.first - 1].norm == "of"
        && lexicon::data_words!("age_nouns").has(&tokens[q.first - 2])
        && !ctx.counted_noun
    {
        return false;
    }
    if q.year_like && !ctx.counted_noun && !ctx.part {
        return false;
    }
    if q.identifier_like && !ctx.counted_noun && !ctx.part {
        return false;
    }
    if q.word_one {
        let next = tokens.get(q.last + 1).map(|t| t.norm.as_ref());
        let prev = q.qual_start.checked_sub(1).map(|p| tokens[p].norm.as_ref());
        if next == Some("of") || next == Some("another") {
            return false;
        }
        if matches!(
            prev,
            Some(
                "no" | "any"
                    | "every"
                    | "each"
                    | "the"
                    | "this"
                    | "that"
                    | "which"
                    | "someone"
                    | "anyone"
            )
        ) {
            return false;
        }
        let qualified = q.explicit_qualifier && q.qualifier != Qualifier::Exact;
        if !(ctx.counted_noun || qualified) {
            return false;
        }
    }
    true
}

/// Maps byte offsets of an article's text to 1-based lines and character
/// columns, and to byte offsets of the file on disk. Offsets come in
/// increasing order, so columns and widths are counted on from the last
/// one: a file of one huge line stays linear. Characters the text leaves
/// out ([`crate::corpus::Hidden`]) count in both.
struct LineIndex<'a> {
    text: &'a str,
    article: &'a Article,
    starts: Option<Vec<usize>>,
    /// The last offset located: (offset, line, column).
    last: (usize, usize, usize),
    /// The last offset measured in bytes of the file: (offset, bytes).
    width: (usize, usize),
}

impl<'a> LineIndex<'a> {
    fn new(article: &'a Article) -> Self {
        LineIndex {
            text: &article.text,
            article,
            starts: None,
            last: (0, 1, 1),
            width: (0, 0),
        }
    }

    /// The bytes of the file that the text before `offset` takes, in the
    /// file's encoding (counted on from the last call, as offsets come in
    /// order).
    fn width_to(&mut self, offset: usize) -> usize {
        let encoding = self.article.encoding;
        let sum = |s: &str| s.chars().map(|c| encoding.width(c)).sum::<usize>();
        let (at, bytes) = self.width;
        let bytes = if offset >= at {
            bytes + sum(&self.text[at..offset])
        } else {
            sum(&self.text[..offset])
        };
        self.width = (offset, bytes);
        bytes
    }

    /// The byte offset in the file of byte `offset` of the text, for the
    /// start of a span (`start`) or its end.
    fn file_offset(&mut self, offset: usize, start: bool) -> usize {
        let text_bytes = if self.article.encoding.is_utf8() {
            offset
        } else {
            self.width_to(offset)
        };
        self.article.file_offset(offset, text_bytes, start)
    }

    fn locate(&mut self, offset: usize) -> (usize, usize) {
        let text = self.text;
        let starts = self.starts.get_or_insert_with(|| {
            // Room for lines of some 60 bytes on average.
            let mut starts = Vec::with_capacity(text.len() / 60 + 2);
            starts.push(0);
            starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
            starts
        });
        let line = starts.partition_point(|&s| s <= offset);
        let start = starts[line - 1];
        let (last_offset, last_line, last_column) = self.last;
        let column = if last_line == line && last_offset >= start && last_offset <= offset {
            last_column + text[last_offset..offset].chars().count()
        } else {
            text[start..offset].chars().count() + 1
        };
        self.last = (offset, line, column);
        if self.article.hidden.is_empty() {
            return (line, column);
        }
        // The characters left out on the line before it count too.
        let hidden =
            self.article.hidden_before(offset, true).1 - self.article.hidden_before(start, false).1;
        (line, column + hidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;

    /// `number qualifier key` for each claim of a one-sentence article.
    fn claims(s: &str) -> Vec<String> {
        let extractor = Extractor::new(&Config::builtin());
        let article = corpus::parse("t.txt", s.to_string());
        extractor
            .extract(&article)
            .into_iter()
            .map(|c| format!("{} {} {}", c.number, c.qualifier.as_str(), c.key))
            .collect()
    }

    #[track_caller]
    fn none(s: &str) {
        assert_eq!(claims(s), Vec::<String>::new(), "{s}");
    }

    #[test]
    fn a_scale_word_alone_is_read_without_a_digit_in_the_sentence() {
        for (s, n) in [
            ("The war has cost a trillion dollars.", "a trillion"),
            ("The war has cost a billion dollars.", "a billion"),
            ("Aid reached a million people.", "a million"),
        ] {
            let found = claims(s);
            assert!(
                found.len() == 1 && found[0].starts_with(n),
                "{s}: {found:?}"
            );
        }
    }

    /// The claims of a text, whole.
    fn full(s: &str) -> Vec<Claim> {
        Extractor::new(&Config::builtin()).extract(&corpus::parse("t.txt", s.to_string()))
    }

    #[test]
    fn a_partitive_of_a_population_counts_the_measure_whole() {
        // "of the residents": the whole population, not a count of the
        // displaced, so the 1.9 million is the displaced count.
        let got = full("About 1.9 million of the city's residents have been displaced.");
        assert_eq!(
            (got[0].measure.as_str(), got[0].part.as_deref()),
            ("displaced", None)
        );
        // "of the dead": a part of the dead.
        let got = full("Twelve of the dead were children.");
        assert_eq!(
            (got[0].measure.as_str(), got[0].part.as_deref()),
            ("killed", Some("dead"))
        );
    }

    #[test]
    fn a_definite_figure_names_an_earlier_one_again() {
        let got = full(
            "Officials lowered the death toll to 64.\n\n\
             Police said 40 of the 64 victims have been identified.\n\n\
             Some 300 people are still missing.\n\n\
             Residents were not among the 300 individuals on the list.\n\n\
             Volunteers helped the 12 families.",
        );
        let of = |number: &str, nth: usize| {
            let c = got.iter().filter(|c| c.number == number).nth(nth).unwrap();
            (c.measure.as_str(), c.counted.as_deref())
        };
        // "the 64 victims" are the dead, not identified people.
        assert_eq!(of("64", 1), ("killed", None));
        assert_eq!(of("40", 0).0, "people_other");
        assert_eq!(of("300", 1), ("people_other", Some("missing")));
        // No figure before to name again.
        assert_eq!(of("12", 0).0, "people_other");
    }

    #[test]
    fn a_figure_cited_as_past_on_a_day_stands_at_that_day() {
        // Published on a Friday: "on Wednesday" is two days before, and
        // the 40 is the tally as it stood then, not an incident.
        let got = full(
            "---\ndate: 2024-11-08\n---\nThe death toll in Greece rose to 95, up from 40 on Wednesday.\n",
        );
        let c = got.iter().find(|c| c.number == "40").unwrap();
        assert_eq!(c.frame, Frame::Tally, "{got:?}");
        assert_eq!(c.scope, None);
        assert_eq!(
            c.as_of.map(|d| d.to_string()).as_deref(),
            Some("2024-11-06")
        );
    }

    #[test]
    fn the_subject_of_a_level_crossed_gives_the_measure() {
        let got =
            full("The death toll from the floods in Greece and Albania has risen above 3,000.");
        assert_eq!(
            (got[0].measure.as_str(), got[0].change),
            ("killed", None),
            "{got:?}"
        );
        assert_eq!(got[0].qualifier, Qualifier::MoreThan);
        // The amount of a rise is still a change.
        let got = full("Prices rose 9.4% to $84.");
        assert_eq!(got[0].change, Some(crate::claim::Change::Up), "{got:?}");
        // "Of those, N were children": a part of the figure before; a
        // place named makes it that place's own count.
        let got = full("The toll rose to 217. Of those, 40 were children.");
        assert_eq!(
            (got[1].measure.as_str(), got[1].part.as_deref()),
            ("killed", Some("part"))
        );
        let got = full("The toll rose to 217. Of those, 190 died in Albania.");
        assert_eq!(
            (got[1].measure.as_str(), got[1].part.as_deref()),
            ("killed", None)
        );
        // "Of the dead, N": a part of the dead.
        let got = full("Of the dead, 120 were in Albania.");
        assert_eq!(
            (got[0].measure.as_str(), got[0].part.as_deref()),
            ("killed", Some("part"))
        );
        // The object of a verb of the event is its place.
        let got = full("The storm battered Greece and Albania, killing more than 300 people.");
        assert_eq!(got[0].place.as_deref(), Some("albania+greece"), "{got:?}");
    }

    #[test]
    fn a_counted_noun_of_a_known_class_is_read_past_its_modifiers() {
        let counted = |s: &str| full(s)[0].counted.clone();
        assert_eq!(
            counted("There are 414 active wildfires."),
            counted("About 400 fires burn.")
        );
        assert_eq!(
            counted("About 120,000 cars were destroyed.").as_deref(),
            Some("vehicles")
        );
        assert_eq!(
            counted("Some 120,000 damaged vehicles.").as_deref(),
            Some("vehicles")
        );
    }

    #[test]
    fn people_ordered_out_or_under_evacuation_orders_are_displaced() {
        for s in [
            "All 20,000 residents of the town were ordered to leave.",
            "Some 4,000 people remain out of their homes.",
            "About 35,000 people are under evacuation orders.",
        ] {
            assert_eq!(full(s)[0].measure, "displaced", "{s}");
        }
    }

    #[test]
    fn a_relative_clause_s_subject_is_the_noun_it_follows() {
        let got = full("They keep a list of the missing, who officials say may number 3,000.");
        assert_eq!(
            (got[0].measure.as_str(), got[0].counted.as_deref()),
            ("people_other", Some("missing"))
        );
    }

    #[test]
    fn the_verb_before_a_figure_gives_the_state_of_the_people() {
        // "held" is said of the prisoners after the next figure.
        let got = full("The group freed 105 hostages in exchange for 240 prisoners held in jails.");
        assert_eq!(got[0].counted.as_deref(), Some("released"), "{got:?}");
        let got = full("The group is holding more than 200 hostages.");
        assert_eq!(got[0].counted.as_deref(), Some("held"), "{got:?}");
        // The clause's verb, past the next figure.
        let got = full("Police said 120 people on the list of 400 made public were located.");
        assert_eq!(got[0].counted.as_deref(), Some("located"), "{got:?}");
        // All the people of a place are its population.
        let got = full("Half the city's 8,000 residents have no power.");
        let c = got.iter().find(|c| c.number == "8,000").unwrap();
        assert_eq!(c.counted.as_deref(), Some("population"), "{got:?}");
        let got = full("Some 300 residents were rescued.");
        assert_eq!(got[0].counted.as_deref(), Some("rescued"), "{got:?}");
    }

    #[test]
    fn years_are_not_claims() {
        none("Islamic State seized swathes of territory in 2014.");
        none("The militia resumed its attacks in 2018, after the defeat of ISIS.");
        none("The Houthis have battled a coalition since 2015.");
        // A four-digit count with a counted noun is a claim.
        assert_eq!(
            claims("The army sent 2000 troops."),
            ["2000 exact troops/-/-"]
        );
    }

    #[test]
    fn dates_are_not_claims() {
        none("Al-Amiri made similar threats on Monday (Oct 9).");
        none("The attack came on Oct. 17 at dawn.");
        none("Hamas attacked Israel on October 7.");
        none("Flight operations aboard the USS Eisenhower on December 18, 2023");
        none("Militias claimed attacks between Oct 17-30.");
        none("The talks resume on 7 October.");
    }

    #[test]
    fn clock_times_are_not_claims() {
        none("The US strikes took place at roughly 2:30 a.m. (2330 GMT).");
        none("Sirens sounded at 10 pm local time.");
    }

    #[test]
    fn ordinals_are_not_claims() {
        none("The drones only damaged the third.");
        none("It was the 2nd such attack.");
    }

    #[test]
    fn identifiers_are_not_claims() {
        none("Soldiers died at Tower 22 in Jordan.");
        none("Iran's APT-42 was hit with US sanctions.");
        none("Ukraine received F-16 jets.");
        none("The council passed Resolution 2334.");
        none("The army deployed Patriot batteries.");
    }

    #[test]
    fn one_of_one_way_and_the_pronoun_are_not_claims() {
        none("It was one of the deadliest days.");
        none("Russia launched one-way attack drones.");
        none("No one was hurt, and one said the base was calm.");
        assert_eq!(
            claims("One drone strike hit the base."),
            ["One exact strikes/-/-"]
        );
    }

    #[test]
    fn durations_are_not_claims() {
        none("Yemen has enjoyed a year of relative calm.");
        none("The strikes went on for 24 hours.");
        none("Over the past three days the army advanced.");
        assert_eq!(
            claims("There were four attacks in 24 hours."),
            ["four exact attacks/-/-@today"]
        );
    }

    #[test]
    fn the_counted_noun_decides() {
        assert_eq!(
            claims("The US has 2,500 troops in Iraq."),
            ["2,500 exact troops/us/iraq"]
        );
        assert_eq!(
            claims("The strikes hit three facilities."),
            ["three exact facilities/-/-"]
        );
        assert_eq!(
            claims("Dozens of drone and missile attacks were claimed."),
            ["Dozens vague attacks/-/-"]
        );
        assert_eq!(
            claims("Iran fired 180 missiles at Israel."),
            ["180 exact missiles/iran/israel"]
        );
    }

    #[test]
    fn the_verb_decides_for_people() {
        assert_eq!(
            claims("Israeli attacks have killed more than 9,000 people in Gaza."),
            ["9,000 more_than killed/palestinians/gaza"]
        );
        assert_eq!(
            claims("Four other people were wounded."),
            ["Four exact wounded/-/-"]
        );
        assert_eq!(
            claims("Militants killed two Israeli soldiers near Jenin."),
            ["two exact killed/palestinians/jenin"]
        );
        assert_eq!(
            claims("US troops in Iraq and Syria have been attacked about 150 times."),
            ["150 about attacks/us/iraq+syria"]
        );
        assert_eq!(
            claims("The death toll has risen to 10,022."),
            ["10,022 exact killed/-/-"]
        );
    }

    #[test]
    fn coordinated_lists_share_noun_and_qualifier() {
        assert_eq!(
            claims("The US has about 900 troops in Syria and 2,500 in Iraq."),
            ["900 about troops/us/syria", "2,500 about troops/us/iraq"]
        );
        assert_eq!(
            claims("Militias attacked US forces 14 times in Iraq and nine times in Syria."),
            ["14 exact attacks/us/iraq", "nine exact attacks/us/syria"]
        );
        assert_eq!(
            claims("The strike killed 492 people, including 35 children."),
            ["492 exact killed/-/-", "35 exact killed/-/-#children"]
        );
    }

    #[test]
    fn a_death_toll_in_a_country_is_that_country_s() {
        assert_eq!(
            claims("Hamas fighters killed more than 1,400 people in Israel on October 7."),
            ["1,400 more_than killed/israel/israel@10-07"]
        );
    }

    /// `number qualifier key change currency unit` for each claim.
    fn details(s: &str) -> Vec<String> {
        let extractor = Extractor::new(&Config::builtin());
        let article = corpus::parse("t.txt", s.to_string());
        let or = |v: Option<&str>| v.unwrap_or("-").to_string();
        extractor
            .extract(&article)
            .into_iter()
            .map(|c| {
                format!(
                    "{} {} {} {} {} {}",
                    c.number,
                    c.qualifier.as_str(),
                    c.key,
                    or(c.change.map(crate::claim::Change::as_str)),
                    or(c.currency.as_deref()),
                    or(c.unit.as_deref())
                )
            })
            .collect()
    }

    #[test]
    fn the_amount_of_a_change_is_its_own_quantity() {
        assert_eq!(
            details("The death toll rose by 300 to 2,100."),
            [
                "300 exact killed/-/-~up up - -",
                "2,100 exact killed/-/- to - -"
            ]
        );
        assert_eq!(
            details("Shares of the company rose 9.4% to $84."),
            [
                "9.4% exact percent/-/-~up up - -",
                "$84 exact money/-/- to USD -"
            ]
        );
    }

    #[test]
    fn money_in_any_currency_is_money() {
        assert_eq!(
            details("Each family gets 30,000 dirhams, and 140,000 dirhams for a lost home."),
            [
                "30,000 dirhams exact money/-/- - MAD -",
                "140,000 dirhams exact money/-/- - MAD -"
            ]
        );
        assert_eq!(
            details("The bill came to €50bn, or A$3 billion."),
            [
                "€50bn exact money/-/- - EUR -",
                "A$3 billion exact money/-/- - AUD -"
            ]
        );
    }

    #[test]
    fn a_qualifier_is_shared_along_a_list_of_counts() {
        assert_eq!(
            claims("Militias attacked US forces at least 12 times in the capital and four times elsewhere."),
            ["12 at_least attacks/us/-", "four at_least attacks/us/-"]
        );
        assert_eq!(
            details("The fire burned over 2,100 acres (850 hectares) of land."),
            [
                "2,100 more_than other/-/- - - acre",
                "850 more_than other/-/- - - ha"
            ]
        );
        // Not across a verb.
        assert_eq!(
            claims("At least 20 people were killed and 15 people fled."),
            ["20 at_least killed/-/-", "15 exact displaced/-/-"]
        );
    }

    #[test]
    fn readings_addresses_and_identifiers_are_not_claims() {
        none("The quake measured 6.8 on the Richter scale.");
        none("The magnitude 6.8 earthquake had a depth of 18.5 kilometres.");
        none("Protesters gathered outside 10 Downing Street.");
        none("Call the hotline on +44 20 7946 0958.");
        none("The iPhone 11 and the Boeing 787 were shown.");
        none("A category 4 hurricane hit the coast.");
        assert_eq!(
            claims("The storm killed 12 people, a category 4 hurricane."),
            ["12 exact killed/-/-"]
        );
    }

    /// `number measure` for each claim of a text.
    fn measures(s: &str) -> Vec<String> {
        let extractor = Extractor::new(&Config::builtin());
        let article = corpus::parse("t.txt", s.to_string());
        extractor
            .extract(&article)
            .into_iter()
            .map(|c| format!("{} {}", c.number, c.measure))
            .collect()
    }

    #[test]
    fn the_subject_names_the_measure_across_a_verb_of_level() {
        for (s, want) in [
            ("The death toll in the region is 1,870.", "1,870 killed"),
            ("The toll stood at 318 by nightfall.", "318 killed"),
            (
                "The number of injured now stands at 4,250.",
                "4,250 wounded",
            ),
            (
                "The official tally of deaths has gone up to 1,613.",
                "1,613 killed",
            ),
            (
                "Three days on, the official death toll keeps climbing, passing 2,700.",
                "2,700 killed",
            ),
            ("The death toll as of June 4 was 960.", "960 killed"),
            (
                "The death toll from Sunday's magnitude 7.1 quake has risen to at least 1,150.",
                "1,150 killed",
            ),
            (
                "The number of people unaccounted for is 1,240.",
                "1,240 people_other",
            ),
            (
                "The population of the valley is 84,000.",
                "84,000 people_other",
            ),
        ] {
            let got = measures(s);
            assert!(got.contains(&want.to_string()), "{s}: {got:?}");
        }
    }

    #[test]
    fn elliptical_counts_take_the_measure_of_the_figure_before() {
        assert_eq!(
            measures(
                "The storm killed 210 people. Of those, 35 were in the hills and 12 on the coast."
            ),
            ["210 killed", "35 killed", "12 killed"]
        );
        assert_eq!(
            measures("The army keeps 1,200 soldiers in the north and 450 more in the south."),
            ["1,200 troops", "450 troops"]
        );
        assert_eq!(
            measures("At least 1,950 people were hurt, 712 critically."),
            ["1,950 wounded", "712 wounded"]
        );
        assert_eq!(
            measures("The earlier toll was 4,100. The figure may reach 9,000, the governor said."),
            ["4,100 killed", "9,000 killed"]
        );
    }

    #[test]
    fn a_verb_or_noun_before_decides_over_a_noun_of_people() {
        assert_eq!(
            measures("The agency cut its count of the dead to about 640 people."),
            ["640 killed"]
        );
        assert_eq!(
            measures("At least six miners, one of them a boy of 15, were killed."),
            ["six killed"]
        );
        assert_eq!(
            measures("The 58 people who were killed in the blast were buried."),
            ["58 killed"]
        );
    }

    #[test]
    fn words_with_two_readings_are_not_taken_for_one() {
        assert_eq!(
            measures("Officials counted 410 casualties."),
            ["410 people_other"]
        );
        assert_eq!(
            measures("Russia fired 120 drones and missiles."),
            ["120 other"]
        );
        assert_eq!(
            measures("The province sent 260 rescue personnel."),
            ["260 people_other"]
        );
        assert_eq!(measures("The army sent 260 personnel."), ["260 troops"]);
        assert_eq!(
            measures("The floods destroyed 1,800 homes and three bridges."),
            ["1,800 facilities", "three facilities"]
        );
        assert_eq!(
            measures("A further 930 are reported missing and 2,400 people were left homeless."),
            ["930 people_other", "2,400 displaced"]
        );
        assert_eq!(
            measures("Block 7 houses about 260 families."),
            ["260 people_other"]
        );
    }

    #[test]
    fn up_to_after_a_verb_of_motion_is_the_level_reached() {
        assert_eq!(
            claims("The death toll has gone up to 1,613."),
            ["1,613 exact killed/-/-"]
        );
        assert_eq!(
            claims("Up to 200 people may have died."),
            ["200 at_most killed/-/-"]
        );
    }

    #[test]
    fn offsets_lines_and_columns_cover_the_number() {
        let extractor = Extractor::new(&Config::builtin());
        let text =
            "---\ndate: 2024-01-02\n---\nFirst line.\nThe US — with about 1.4 million people.\n";
        let claims = extractor.extract(&corpus::parse("t.md", text.to_string()));
        assert_eq!(claims.len(), 1);
        let c = &claims[0];
        assert_eq!(&text[c.start..c.end], "1.4 million");
        assert_eq!((c.line, c.column), (5, 21));
        assert_eq!(c.date.unwrap().to_string(), "2024-01-02");
        assert_eq!(c.sentence, "The US — with about 1.4 million people.");
    }
}
