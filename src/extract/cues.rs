//! CUES: what a sentence says of a figure beyond its measure, actor and
//! place: whether it is projected, cited as past or a revision, whether it
//! counts one incident or a running tally, which past event it belongs to,
//! and the state of the people it counts ("missing", "rescued").
//!
//! Takes one sentence's tokens and one of its quantities; returns [`Cues`].
//! Everything here reads the sentence alone: the resolve stage
//! (`crate::resolve`) turns the cues into a claim's identity with what the
//! article says (title, lead, publication date). The word lists are data
//! files under `data/words/`.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::lexicon::{data_words, Fnv, Shapes};
use super::number::Quantity;
use super::text::{Kind, Token};

/// What a sentence says of one figure's standing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cues {
    /// A projection: "could reach 20,000", "is expected to rise to".
    pub projection: bool,
    /// Cited as past or superseded: "the previous toll of 115", "instead
    /// of 11,300", "down from 3,000".
    pub cited_past: bool,
    /// The sentence revises a figure: "revised down to 97".
    pub revised: bool,
    /// "another 35", "a further 40": a count added to one before it.
    pub another: bool,
    /// A noun of one incident in the figure's clause ("in the blast").
    pub incident_noun: bool,
    /// A word of a running tally in the clause ("toll", "total").
    pub tally_cue: bool,
    /// Another event than the article's: a year before the publication
    /// year in the clause, not after "since" ("a 2018 fire": `2018`), or
    /// "in the past" (`past`).
    pub event: Option<String>,
    /// The state of the people counted ("missing", "rescued").
    pub state: Option<&'static str>,
    /// "170 were killed elsewhere in the country": the figure counts what
    /// lies outside the place spoken of, not its whole.
    pub elsewhere: bool,
    /// "31,643 people had been killed in the country", "nationwide": the
    /// whole country the article is about.
    pub nationwide: bool,
}

/// The state of all the people of a place ("a population of 2.3
/// million"), named by a noun rather than said of them.
const POPULATION: &str = "population";

/// How far from a figure, in tokens, its cues are looked for.
const REACH: usize = 12;

/// The cues of quantity `q` in a sentence published in `published_year`.
pub fn cues(tokens: &[Token<'_>], q: &Quantity, published_year: Option<i32>) -> Cues {
    let (start, end, relative) = clause(tokens, q);
    // Before the figure, back to the figure before it or the clause start.
    let before_from = (start..q.qual_start)
        .rev()
        .find(|&k| figure_before(tokens, k))
        .map_or(start, |k| k + 1)
        .max(q.qual_start.saturating_sub(REACH));
    let before = &tokens[before_from..q.qual_start];
    // Words citing a figure as past may stand at the head of a long
    // subject ("The previous death toll from Libya floods as estimated by
    // health authorities of Derna was 5,500").
    let subject = &tokens[(start..q.qual_start)
        .rev()
        .find(|&k| figure_before(tokens, k))
        .map_or(start, |k| k + 1)
        .max(q.qual_start.saturating_sub(2 * REACH))..q.qual_start];
    let after = &tokens[q.last + 1..end.min(q.last + 1 + REACH)];
    let prev = |n: usize| q.qual_start.checked_sub(n).map(|k| tokens[k].norm.as_ref());
    // "another 35", "a further 40", "170 additional people", "12 more
    // bodies" (not "12 more than").
    let next = |n: usize| tokens.get(q.last + n).map(|t| t.norm.as_ref());
    let another = (matches!(prev(1), Some("another" | "further" | "additional"))
        && !matches!(prev(2), Some("one")))
        || next(1) == Some("additional")
        || (next(1) == Some("more") && !matches!(next(2), Some("than") | None));
    // "instead of 11,300", "down from 115", "from the earlier count of 115".
    let instead = matches!((prev(2), prev(1)), (Some("instead"), Some("of")));
    let from_change = before.iter().any(|t| t.norm == "from")
        && tokens[start..q.qual_start].iter().any(|t| {
            matches!(
                t.norm.as_ref(),
                "down" | "up" | "revised" | "lowered" | "raised" | "rose" | "fell" | "cut"
            )
        });
    let cited_past = instead
        || from_change
        || subject.iter().any(|t| data_words!("past_cues").has(t))
        || has_phrase(before, &["had", "put"]);
    let revised = !cited_past
        && tokens
            .iter()
            .any(|t| data_words!("revision_cues").has(t) || t.norm == "instead");
    // The qualifier may hold the modal ("could reach 20,000").
    let projection = projection(&tokens[before_from..q.first]);
    let window = &tokens[start.max(q.qual_start.saturating_sub(REACH))..end.min(q.last + REACH)];
    // "killed when troops opened fire": a clause of one event.
    let incident_noun = window.iter().any(|t| data_words!("incident_nouns").has(t))
        || tokens[q.last + 1..tokens.len().min(q.last + 8)]
            .iter()
            .any(|t| t.norm == "when");
    let tally_cue = subject.iter().any(|t| data_words!("tally_cues").has(t))
        || before.iter().any(|t| data_words!("rising_verbs").has(t))
        || window.iter().any(|t| data_words!("tally_cues").has(t))
        || has_phrase(window, &["so", "far"])
        || has_phrase(window, &["to", "date"])
        || has_phrase(window, &["in", "all"]);
    // "has in the past launched hundreds of attacks": another era's
    // figure (not "in the past 24 hours", a window).
    let in_the_past = window.windows(4).any(|w| {
        w[0].norm == "in"
            && w[1].norm == "the"
            && w[2].norm == "past"
            && w[3].kind != Kind::Number
            && !matches!(
                w[3].norm.as_ref(),
                "week" | "weeks" | "day" | "days" | "month" | "months" | "year" | "hours" | "few"
            )
    });
    // The figure's own tokens are no year of another event.
    let year = published_year.and_then(|now| {
        window.iter().enumerate().find_map(|(i, t)| {
            if t.start >= tokens[q.first].start && t.start <= tokens[q.last].start {
                return None;
            }
            let y = is_year(t).then(|| t.text.parse::<i32>().ok()).flatten()?;
            // "since 2019" starts a tally, but "since 1973, when 150 died"
            // names the past event the figure belongs to.
            let described = relative.is_some_and(|r| t.start < tokens[r].start);
            let since = i > 0 && window[i - 1].norm == "since" && !described;
            (y < now && !since).then_some(y)
        })
    });
    // "people are missing", "the number of missing individuals".
    // "who have not been located", "not accounted for": missing.
    let negated = |k: usize| {
        tokens[k.saturating_sub(3)..k]
            .iter()
            .any(|t| matches!(t.norm.as_ref(), "not" | "never" | "yet"))
    };
    let state_at = |k: usize| {
        state_of(&tokens[k]).map(|s| {
            if negated(k) && matches!(s, "located" | "identified" | "rescued") {
                "missing"
            } else {
                s
            }
        })
    };
    // After the figure, up to the next figure: "freed 105 hostages in
    // exchange for 240 prisoners held" holds the prisoners, not the
    // hostages. A state word just before the figure is its verb ("freed
    // 105", "is holding more than 200") and comes first.
    let after_end = (q.last + 1..q.last + 1 + after.len())
        .find(|&k| figure_before(tokens, k))
        .unwrap_or(q.last + 1 + after.len());
    // Past the next figure, a state still belongs to this one as the
    // clause's verb ("245 people on the list of 388 were located").
    let auxiliary = |k: usize| {
        k > 0
            && matches!(
                tokens[k - 1].norm.as_ref(),
                "were" | "was" | "are" | "is" | "been" | "be" | "remain" | "remained"
            )
    };
    // A state said of the people comes before one their noun names ("300
    // residents were evacuated": evacuated, not the population).
    let said = |k: usize| state_at(k).filter(|&s| s != POPULATION);
    let subject = subject_from(tokens, q, start)..q.qual_start;
    let verb = q.qual_start.checked_sub(1).and_then(said);
    let state = verb
        .or_else(|| (q.last + 1..after_end).find_map(said))
        .or_else(|| {
            (after_end..end.min(q.last + 1 + 2 * REACH))
                .filter(|&k| auxiliary(k))
                .find_map(said)
        })
        .or_else(|| subject.clone().rev().take(12).find_map(said))
        .or_else(|| {
            (q.last + 1..after_end)
                .chain(subject.clone().rev().take(12))
                .find_map(state_at)
        });
    let event = year
        .map(|y| y.to_string())
        .or_else(|| in_the_past.then(|| "past".to_string()));
    let elsewhere = tokens[q.last + 1..end]
        .iter()
        .any(|t| t.norm == "elsewhere");
    let nationwide = !elsewhere
        && (window
            .iter()
            .any(|t| matches!(t.norm.as_ref(), "nationwide" | "countrywide"))
            || window.windows(3).any(|w| {
                matches!(w[0].norm.as_ref(), "in" | "across" | "throughout")
                    && w[1].norm == "the"
                    && matches!(w[2].norm.as_ref(), "country" | "nation")
            }));
    Cues {
        projection,
        cited_past,
        revised,
        another,
        incident_noun,
        tally_cue,
        event,
        state,
        elsewhere,
        nationwide,
    }
}

/// Is token `k` a figure that ends the reach of the one after it (not a
/// year, nor the day of a date: "the August 8 fire")?
fn figure_before(tokens: &[Token<'_>], k: usize) -> bool {
    let t = &tokens[k];
    let month = |i: Option<usize>| {
        i.and_then(|i| tokens.get(i))
            .is_some_and(|m| m.is_capitalized() && super::number::is_month(m))
    };
    t.kind == Kind::Number && !is_year(t) && !month(k.checked_sub(1)) && !month(Some(k + 1))
}

/// Where the subject of a figure's clause starts: after the figure before
/// it, at most two reaches back.
fn subject_from(tokens: &[Token<'_>], q: &Quantity, start: usize) -> usize {
    (start..q.qual_start)
        .rev()
        .find(|&k| figure_before(tokens, k))
        .map_or(start, |k| k + 1)
        .max(q.qual_start.saturating_sub(2 * REACH))
}

/// "could reach", "may rise to", "is expected to top": a modal and a verb
/// of growth between the subject and the figure.
fn projection(before: &[Token<'_>]) -> bool {
    let near = &before[before.len().saturating_sub(6)..];
    let modal = near
        .iter()
        .position(|t| data_words!("projection_modals").has(t));
    modal.is_some_and(|m| {
        near[m + 1..]
            .iter()
            .any(|t| data_words!("growth_verbs").has(t))
    })
}

/// A four-digit number that reads as a year.
fn is_year(t: &Token<'_>) -> bool {
    t.kind == Kind::Number
        && t.text.len() == 4
        && t.text
            .parse::<i32>()
            .is_ok_and(|y| (1800..=2100).contains(&y))
}

/// Does the run of tokens hold the words of `phrase` in a row?
fn has_phrase(tokens: &[Token<'_>], phrase: &[&str]) -> bool {
    tokens
        .windows(phrase.len())
        .any(|w| w.iter().zip(phrase).all(|(t, p)| t.norm == *p))
}

/// The clause of a figure, for its cues: from the last strong boundary
/// before it to the next after it.
fn clause(tokens: &[Token<'_>], q: &Quantity) -> (usize, usize, Option<usize>) {
    let boundary = |t: &Token<'_>| {
        t.kind == Kind::Punct
            && matches!(
                t.text,
                ";" | ":" | "—" | "–" | "(" | ")" | "[" | "]" | "\"" | "“" | "”" | ","
            )
    };
    let find_start = |before: usize| {
        (0..before)
            .rev()
            .find(|&k| boundary(&tokens[k]))
            .map_or(0, |k| k + 1)
    };
    let mut start = find_start(q.qual_start);
    let mut relative = None;
    // "the official death toll keeps rising, passing 3,800": a clause
    // opened by a participle has the clause before for its subject;
    // "the 1999 quake, which killed 17,000", "since 1973, when 150 people
    // died": a relative clause, the noun or the year it follows.
    if start > 0 && start < q.qual_start && tokens[start].kind == Kind::Word {
        let opener = tokens[start].norm.as_ref();
        if matches!(opener, "which" | "who" | "when" | "whom" | "where") {
            relative = Some(start);
            start = find_start(start - 1);
        } else if opener.ends_with("ing") {
            start = find_start(start - 1);
        }
    }
    let end = (q.last + 1..tokens.len())
        .find(|&k| boundary(&tokens[k]))
        .unwrap_or(tokens.len());
    (start, end, relative)
}

/// Words mapped to their class, looked up by a token's shape first (most
/// tokens are in no class), then in a map with a short hash.
struct Classes {
    shapes: Shapes,
    map: HashMap<&'static str, &'static str, BuildHasherDefault<Fnv>>,
}

impl Classes {
    /// Reads a file of `class: word, word` lines into word -> class.
    fn read(text: &'static str) -> Classes {
        let mut map = HashMap::default();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or_default();
            let Some((class, words)) = line.split_once(':') else {
                continue;
            };
            let class = class.trim();
            for w in words.split(',').map(str::trim).filter(|w| !w.is_empty()) {
                map.insert(w, class);
            }
        }
        let words: Vec<&str> = map.keys().copied().collect();
        Classes {
            shapes: Shapes::of(&words),
            map,
        }
    }

    fn get(&self, word: &str) -> Option<&'static str> {
        self.map.get(word).copied()
    }
}

/// The state a token names, from `data/words/states.txt`.
fn state_of(t: &Token<'_>) -> Option<&'static str> {
    static STATES: std::sync::OnceLock<Classes> = std::sync::OnceLock::new();
    let states = STATES.get_or_init(|| Classes::read(include_str!("../../data/words/states.txt")));
    if !states.shapes.may_hold_shape(t.shape) {
        return None;
    }
    states.get(t.norm.as_ref())
}

/// The class of a counted noun, from `data/words/counted_classes.txt`; a
/// noun in no class is its own.
pub fn counted_class(noun: &str) -> &str {
    class_of(noun).unwrap_or(noun)
}

/// The class of a counted noun, if `data/words/counted_classes.txt` names
/// one.
pub fn class_of(noun: &str) -> Option<&'static str> {
    static CLASSES: std::sync::OnceLock<Classes> = std::sync::OnceLock::new();
    CLASSES
        .get_or_init(|| Classes::read(include_str!("../../data/words/counted_classes.txt")))
        .get(noun)
}

#[cfg(test)]
mod tests {
    use super::super::number;
    use super::super::text::tokenize;
    use super::*;

    /// The cues of the first quantity written `n` in `s`.
    fn of(s: &str, n: &str) -> Cues {
        let tokens = tokenize(s, 0, s.len());
        let q = number::find(&tokens, 0.1)
            .into_iter()
            .find(|q| tokens[q.first].text == n || tokens[q.last].text == n)
            .expect("the number is found");
        cues(&tokens, &q, Some(2024))
    }

    #[test]
    fn projections_need_a_modal_and_a_verb_of_growth() {
        assert!(of("The toll could reach 9,000, the mayor said.", "9,000").projection);
        assert!(of("Deaths are expected to rise to 400.", "400").projection);
        assert!(!of("The missing may number 2,000 or more.", "2,000").projection);
        assert!(!of("The toll rose to 400.", "400").projection);
        assert!(of("Fires could burn as much as 9 million hectares.", "9").projection);
        assert!(!of("They could confirm 300 deaths.", "300").projection);
    }

    #[test]
    fn figures_cited_as_past_are_told_apart_from_the_current_one() {
        let s = "The toll was revised down to 61 from the earlier count of 80.";
        assert!(!of(s, "61").cited_past);
        assert!(of(s, "61").revised);
        assert!(of(s, "80").cited_past);
        assert!(of("The previous toll was 5,100.", "5,100").cited_past);
        assert!(of("It says 640 died instead of 1,100.", "1,100").cited_past);
        assert!(!of("The toll rose to 640.", "640").cited_past);
    }

    #[test]
    fn another_a_past_year_and_the_state_of_the_people() {
        assert!(of("Another 35 people were wounded.", "35").another);
        // A count that went up runs on after its event.
        let s = "The number wounded in the attack has risen to 40.";
        assert!(of(s, "40").tally_cue && of(s, "40").incident_noun);
        assert!(!of("The attack wounded 40.", "40").tally_cue);
        assert!(of("About 60 additional people died.", "60").another);
        assert!(of("Rescuers found 12 more bodies.", "12").another);
        assert!(!of("It was 12 more than last year.", "12").another);
        assert!(of("Some 40 died elsewhere in the region.", "40").elsewhere);
        assert!(!of("Some 40 died in the region.", "40").elsewhere);
        assert_eq!(
            of("It exceeded the 85 people killed in a 2018 fire.", "85")
                .event
                .as_deref(),
            Some("2018")
        );
        assert_eq!(of("The toll has risen to 40 since 2019.", "40").event, None);
        // A relative clause describes the past event it follows.
        for (s, n) in [
            (
                "It is the worst flood since 1968, when about 90 people died.",
                "90",
            ),
            (
                "It is the worst quake since the 1968 Belice earthquake, which killed about 400.",
                "400",
            ),
        ] {
            assert_eq!(of(s, n).event.as_deref(), Some("1968"), "{s}");
        }
        assert_eq!(
            of(
                "It has in the past launched hundreds of attacks.",
                "hundreds"
            )
            .event
            .as_deref(),
            Some("past")
        );
        assert_eq!(
            of("In the past 24 hours, 12 were killed.", "12").event,
            None
        );
        assert_eq!(
            of("About 900 people are still missing.", "900").state,
            Some("missing")
        );
        assert!(
            of(
                "Seventeen were killed in the blast at the market.",
                "Seventeen"
            )
            .incident_noun
        );
    }
}
