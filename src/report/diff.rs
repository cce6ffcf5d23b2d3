//! Word-level differences between two sentences, for divergences.
//!
//! Uses `similar`'s Myers diff on words with no deadline, so that the same
//! two sentences always give the same diff.

use similar::{Algorithm, ChangeTag, TextDiff};

/// A run of words: kept, removed (only in the first sentence) or added
/// (only in the second).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// In both.
    Same(String),
    /// Only in the first.
    Removed(String),
    /// Only in the second.
    Added(String),
}

/// The word diff of `old` against `new`, adjacent changes merged.
pub fn words(old: &str, new: &str) -> Vec<Part> {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_words(old, new);
    let mut parts: Vec<Part> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        match (change.tag(), parts.last_mut()) {
            (ChangeTag::Equal, Some(Part::Same(s)))
            | (ChangeTag::Delete, Some(Part::Removed(s)))
            | (ChangeTag::Insert, Some(Part::Added(s))) => s.push_str(text),
            (ChangeTag::Equal, _) => parts.push(Part::Same(text.to_string())),
            (ChangeTag::Delete, _) => parts.push(Part::Removed(text.to_string())),
            (ChangeTag::Insert, _) => parts.push(Part::Added(text.to_string())),
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_words_are_marked() {
        let parts = words(
            "1,200 people were killed",
            "more than 1,400 people were killed",
        );
        assert_eq!(
            parts,
            vec![
                Part::Removed("1,200".into()),
                Part::Added("more than 1,400".into()),
                Part::Same(" people were killed".into()),
            ]
        );
    }
}
