//! PARSE: turn an article into claims.
//!
//! Takes an [`Article`] and returns its [`Claim`]s in text order. The body
//! is cut into sentences and tokens (`text`), the quantities of each
//! sentence are found with their qualifiers and bounds (`number`), and each
//! quantity's measure, actor and location are decided from the words around
//! it using the lexicons of `claims.yaml` (`lexicon`, `context`). Nothing
//! here compares claims across articles.

pub mod context;
pub mod lexicon;
pub mod number;
pub mod scope;
pub mod text;

use crate::claim::{make_key, with_subset, Claim, Qualifier};
use crate::config::{Config, Role};
use crate::corpus::Article;
use lexicon::Lexicon;
use number::Quantity;

/// How many sentences back a measure's topic still names the actor and
/// places of a figure that names neither.
const TOPIC_SENTENCES: usize = 3;

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
        let mut lines = LineIndex::new(text);
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
                // A figure that names neither actor nor place takes those of
                // its measure's topic in the last few sentences.
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
                    }
                }
                let shown = shown.get_or_insert_with(|| text::display(text, sentence));
                let sources = sources.get_or_insert_with(|| scope::attributions(tokens));
                let source = scope::source_of(sources, tokens.len(), q);
                let mut claim = self.claim(article, tokens, q, ctx, shown, &mut lines);
                claim.source = source;
                claims.push(claim);
            }
        }
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

    /// Builds the claim for a kept quantity.
    fn claim(
        &self,
        article: &Article,
        tokens: &[text::Token<'_>],
        q: &Quantity,
        ctx: context::Context,
        sentence: &str,
        lines: &mut LineIndex<'_>,
    ) -> Claim {
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
        let (file_start, file_end) = match article.encoding {
            crate::corpus::Encoding::Utf8 => (start, end),
            crate::corpus::Encoding::Utf8Bom => (start + 3, end + 3),
            crate::corpus::Encoding::Cp1252 => {
                let s = lines.chars_to(start);
                (s, s + article.text[start..end].chars().count())
            }
        };
        let scope = scope::scope(tokens, q, article.meta.date);
        Claim {
            number: article.text[start..end].to_string(),
            value: q.value,
            lower,
            upper,
            qualifier,
            key: with_subset(
                make_key(&measure, key_actor, location.as_deref(), scope.as_deref()),
                ctx.subset.as_deref(),
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
            overflow: q.overflow,
        }
    }
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

/// Maps byte offsets to 1-based lines and character columns. Offsets
/// come in increasing order, so the column is counted on from the last
/// one: a file of one huge line stays linear.
struct LineIndex<'a> {
    text: &'a str,
    starts: Option<Vec<usize>>,
    /// The last offset located: (offset, line, column).
    last: (usize, usize, usize),
    /// The last offset counted in characters: (offset, characters).
    chars: (usize, usize),
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        LineIndex {
            text,
            starts: None,
            last: (0, 1, 1),
            chars: (0, 0),
        }
    }

    /// How many characters come before `offset` (counted on from the last
    /// call, as offsets come in order).
    fn chars_to(&mut self, offset: usize) -> usize {
        let (at, count) = self.chars;
        let count = if offset >= at {
            count + self.text[at..offset].chars().count()
        } else {
            self.text[..offset].chars().count()
        };
        self.chars = (offset, count);
        count
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
        (line, column)
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
