//! RESOLVE: give each claim of one article its identity.
//!
//! Extraction reads one sentence at a time; this stage reads the article
//! whole, at extraction time, so that shards carry what it decides. It
//! takes an article's claims, with the slots their sentences gave them
//! (measure, whose, place, part, frame, as-of date, start, event,
//! modality), and fills the slots a sentence left empty from the article:
//! the place of the title, else of the lead paragraph. Each slot filled so
//! says where it came from in `slots_from`. Nothing here compares claims of
//! different articles (see `group`).

use crate::claim::Claim;
use crate::corpus::Article;
use crate::extract::context::{self, Mention};
use crate::extract::lexicon::Lexicon;
use crate::extract::text;

/// What an article says of all its figures: its place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Defaults {
    /// The place named in the title (the first, the most specific when a
    /// name and the place it lies in are both given).
    pub title_place: Option<String>,
    /// The place the lead paragraph names most often.
    pub lead_place: Option<String>,
}

/// How many sentences of the body make its lead when it has no paragraph
/// break.
const LEAD_SENTENCES: usize = 3;

/// Reads the article's defaults: the places of its title and its lead.
pub fn defaults(lex: &Lexicon, article: &Article) -> Defaults {
    // Of the title's places, the most specific: "Hawaii's Maui island"
    // is about Maui.
    let title_place = article.meta.title.as_deref().and_then(|t| {
        let named = places(lex, t);
        named
            .iter()
            .find(|p| named.iter().any(|q| crate::places::contains(q, p)))
            .or(named.first())
            .cloned()
    });
    let body = &article.text[article.body_start..];
    let lead_end = body
        .trim_start()
        .find("\n\n")
        .map_or(body.len(), |i| i + (body.len() - body.trim_start().len()));
    let lead = &body[..lead_end];
    let sentences = text::sentences(lead, 0);
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    for (n, s) in sentences.iter().take(LEAD_SENTENCES).enumerate() {
        for (i, p) in places(lex, &lead[s.start..s.end]).into_iter().enumerate() {
            match counts.iter_mut().find(|(name, _, _)| *name == p) {
                Some(c) => c.1 += 1,
                None => counts.push((p, 1, n * 100 + i)),
            }
        }
    }
    // Most often named, then first named.
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    Defaults {
        title_place,
        lead_place: counts.into_iter().next().map(|(p, _, _)| p),
    }
}

/// The places a line of text names, each once: those in a locative
/// phrase first ("Israel faces pressure over deaths in Gaza": Gaza, then
/// Israel), then in order.
fn places(lex: &Lexicon, s: &str) -> Vec<String> {
    let tokens = text::tokenize(s, 0, s.len());
    let mut mentions: Vec<Mention> = context::mentions(lex, &tokens);
    mentions.retain(|m| context::may_place(lex, &tokens, m));
    mentions.sort_by_key(|m| !m.locative);
    let mut out: Vec<String> = Vec::new();
    // "UN revises death toll in Libyan floods": a people's name that
    // names the event, when no place is named, stands for its place ("US
    // troops" names an actor, not a place).
    let peoples: Vec<String> = mentions
        .iter()
        .filter(|m| m.place.location.is_none())
        .filter(|m| crate::extract::names_event(&tokens, m))
        .filter_map(|m| m.place.actor)
        .filter_map(|a| crate::places::place_of_people(&lex.actors[a]))
        .map(str::to_string)
        .collect();
    for m in mentions {
        if let Some(l) = m.place.location {
            let name = lex.location_name(l).to_string();
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    if out.is_empty() {
        out = peoples;
        out.dedup();
    }
    out
}

/// Fills the slots the sentences left empty from the article's defaults.
pub fn article(lex: &Lexicon, article: &Article, claims: &mut [Claim]) {
    currency(lex, claims);
    if claims.iter().all(|c| c.place.is_some()) {
        return;
    }
    let defaults = defaults(lex, article);
    let fallback = match (&defaults.title_place, &defaults.lead_place) {
        (Some(p), _) => Some((p.clone(), "title")),
        (None, Some(p)) => Some((p.clone(), "lead")),
        (None, None) => None,
    };
    let Some((place, from)) = fallback else {
        for c in claims.iter_mut() {
            if c.slots_from.get("place").is_some_and(|f| f == COUNTRY) {
                c.slots_from.remove("place");
            }
        }
        return;
    };
    let country = crate::places::country_of(&place).map(str::to_string);
    for c in claims.iter_mut().filter(|c| c.place.is_none()) {
        // "in the country": the country of the article's place.
        let nationwide = c.slots_from.get("place").is_some_and(|f| f == COUNTRY);
        c.place = Some(match (&country, nationwide) {
            (Some(country), true) => country.clone(),
            _ => place.clone(),
        });
        c.slots_from.insert("place".to_string(), from.to_string());
    }
}

/// The mark extraction leaves in `slots_from` for a figure "in the
/// country", for [`article`] to replace with the article's country; it
/// never stays in a claim.
pub const COUNTRY: &str = "country";

/// "The fires cost billions": an amount of money with no currency written
/// is in the one currency of the article's other amounts, if they have
/// one (`slots_from` says `article`).
fn currency(lex: &Lexicon, claims: &mut [Claim]) {
    let Some(money) = lex.money.map(|m| lex.measures[m].as_str()) else {
        return;
    };
    let is_money = |c: &Claim| c.measure == money;
    if !claims.iter().any(|c| is_money(c) && c.currency.is_none()) {
        return;
    }
    let mut written = claims
        .iter()
        .filter(|c| is_money(c))
        .filter_map(|c| c.currency.as_deref());
    let Some(first) = written.next() else {
        return;
    };
    if written.any(|w| w != first) {
        return;
    }
    let first = first.to_string();
    for c in claims
        .iter_mut()
        .filter(|c| is_money(c) && c.currency.is_none())
    {
        c.currency = Some(first.clone());
        c.slots_from
            .insert("currency".to_string(), "article".to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{corpus, Config, Extractor};

    fn resolved(text: &str) -> Vec<Claim> {
        let extractor = Extractor::new(&Config::builtin());
        extractor.extract(&corpus::parse("t.md", text.to_string()))
    }

    #[test]
    fn a_figure_in_the_country_takes_the_country_of_the_article_s_place() {
        let claims = resolved(
            "---\ntitle: Floods in Sindh kill 300\ndate: 2024-08-30\n---\n\
             Officials said 1,200 people had died across the country.\n\n\
             Rescuers reached 40 villages.\n",
        );
        let of = |n: &str| claims.iter().find(|c| c.number == n).unwrap();
        assert_eq!(of("1,200").place.as_deref(), Some("pakistan"));
        assert_eq!(
            of("1,200").slots_from.get("place").map(String::as_str),
            Some("title")
        );
        assert_eq!(of("40").place.as_deref(), Some("sindh"));
        // With no place in the article, the mark never stays.
        let claims = resolved("Officials said 1,200 people had died nationwide.\n");
        assert_eq!(claims[0].place, None);
        assert!(
            claims[0].slots_from.is_empty(),
            "{:?}",
            claims[0].slots_from
        );
    }

    #[test]
    fn an_amount_with_no_currency_takes_the_article_s_one_currency() {
        let claims = resolved(
            "Insurers put the damage at $2 billion.\n\nRebuilding the port will cost 300 million.\n",
        );
        let port = claims.iter().find(|c| c.number == "300 million").unwrap();
        assert_eq!(port.currency.as_deref(), Some("USD"));
        assert_eq!(
            port.slots_from.get("currency").map(String::as_str),
            Some("article")
        );
        // Two currencies in the article: none is chosen.
        let claims = resolved(
            "Insurers put the damage at $2 billion and €1 billion.\n\nRebuilding will cost 300 million.\n",
        );
        let port = claims.iter().find(|c| c.number == "300 million").unwrap();
        assert_eq!(port.currency, None);
    }

    #[test]
    fn a_figure_without_a_place_takes_the_title_s() {
        let claims = resolved(
            "---\ntitle: Floods in Pakistan kill 1,160\ndate: 2024-08-30\n---\nThe toll has now passed 1,500, officials said.\n",
        );
        assert_eq!(claims.len(), 1);
        assert_eq!(claims[0].place.as_deref(), Some("pakistan"));
        assert_eq!(claims[0].location, None, "the sentence names no place");
        assert_eq!(
            claims[0].slots_from.get("place").map(String::as_str),
            Some("title")
        );
    }

    #[test]
    fn else_the_place_the_lead_names_most() {
        let claims = resolved(
            "---\ntitle: A hard week\n---\nRains hit Sudan and Chad. In Sudan the rivers rose.\n\nAt least 40 people died.\n",
        );
        assert_eq!(claims[0].place.as_deref(), Some("sudan"));
        assert_eq!(
            claims[0].slots_from.get("place").map(String::as_str),
            Some("lead")
        );
    }

    #[test]
    fn a_place_the_sentence_names_is_kept() {
        let claims = resolved("---\ntitle: Floods in Pakistan\n---\nIn India, 30 people died.\n");
        assert_eq!(claims[0].place.as_deref(), Some("india"));
        assert!(!claims[0].slots_from.contains_key("place"));
    }
}
