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
pub mod text;

use crate::claim::{make_key, Claim, Qualifier};
use crate::config::Config;
use crate::corpus::Article;
use lexicon::Lexicon;
use number::Quantity;

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
        for sentence in text::sentences(text, article.body_start) {
            let slice = &text[sentence.start..sentence.end];
            if !might_have_number(slice) {
                continue;
            }
            let tokens = text::tokenize(text, sentence.start, sentence.end);
            let quantities = number::find(&tokens, self.tolerance);
            if quantities.is_empty() {
                continue;
            }
            let contexts = context::resolve(&self.lex, &tokens, &quantities);
            let shown = text::display(text, sentence);
            for (q, ctx) in quantities.iter().zip(contexts) {
                if !keep(&tokens, q, &ctx) {
                    continue;
                }
                claims.push(self.claim(article, &tokens, q, ctx, &shown, &mut lines));
            }
        }
        claims
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
        let location = (!ctx.locations.is_empty()).then(|| {
            ctx.locations
                .iter()
                .map(|&l| self.lex.locations[l].as_str())
                .collect::<Vec<_>>()
                .join("+")
        });
        let (line, column) = lines.locate(start);
        Claim {
            number: article.text[start..end].to_string(),
            value: q.value,
            lower,
            upper,
            qualifier,
            key: make_key(&measure, actor.as_deref(), location.as_deref()),
            measure,
            actor,
            location,
            article: article.path.clone(),
            date: article.meta.date,
            line,
            column,
            start,
            end,
            sentence: sentence.to_string(),
        }
    }
}

/// Number words and vague amounts a sentence may hold; a sentence with no
/// digit and none of these holds no claim.
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "teen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
    "ninety", "hundred", "thousand", "million", "billion", "dozen", "score", "several",
    "handful", "few",
];

/// A cheap test that skips most sentences without numbers.
fn might_have_number(s: &str) -> bool {
    if s.bytes().any(|b| b.is_ascii_digit()) || !s.is_ascii() {
        return true;
    }
    let lower = s.to_ascii_lowercase();
    NUMBER_WORDS.iter().any(|w| lower.contains(w))
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
        if matches!(prev, Some("no" | "any" | "every" | "each" | "the" | "this" | "that" | "which" | "someone" | "anyone")) {
            return false;
        }
        if !ctx.counted_noun && !(q.explicit_qualifier && q.qualifier != Qualifier::Exact) {
            return false;
        }
    }
    true
}

/// Maps byte offsets to 1-based lines and character columns.
struct LineIndex<'a> {
    text: &'a str,
    starts: Option<Vec<usize>>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        LineIndex { text, starts: None }
    }

    fn locate(&mut self, offset: usize) -> (usize, usize) {
        let text = self.text;
        let starts = self.starts.get_or_insert_with(|| {
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let line = starts.partition_point(|&s| s <= offset);
        let start = starts[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }
}
