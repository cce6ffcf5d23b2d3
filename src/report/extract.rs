//! The output of `claimcheck extract`: a readable table, JSON, or JSON
//! lines.
//!
//! JSON is serde's output of [`Claim`]: `{"claims": [CLAIM, ...]}` for
//! `json`, one `CLAIM` a line for `jsonl` (SPEC.md).

use serde::Serialize;

use crate::claim::{format_value, Claim, Qualifier};

/// `{"claims": [...]}`.
#[derive(Serialize)]
struct Claims<'a> {
    claims: &'a [Claim],
}

/// Pretty JSON, ending in a newline.
pub fn json(claims: &[Claim]) -> String {
    let mut s = serde_json::to_string_pretty(&Claims { claims }).expect("claims serialize");
    s.push('\n');
    s
}

/// Writes `{"claims": [...]}` a claim at a time, byte for byte as [`json`]
/// does, so that a long run keeps no claims in memory.
#[derive(Debug, Default)]
pub struct JsonStream {
    written: usize,
}

impl JsonStream {
    /// The text for the next claim.
    pub fn claim(&mut self, c: &Claim) -> String {
        let body = indented(c);
        let mut out = String::with_capacity(body.len() + 16);
        out.push_str(self.separator());
        out.push_str(&body);
        out
    }

    /// The text that goes before the next claim's [`indented`] text.
    pub fn separator(&mut self) -> &'static str {
        self.written += 1;
        if self.written == 1 {
            "{\n  \"claims\": [\n"
        } else {
            ",\n"
        }
    }

    /// The text that closes the document.
    pub fn finish(&self) -> &'static str {
        if self.written == 0 {
            "{\n  \"claims\": []\n}\n"
        } else {
            "\n  ]\n}\n"
        }
    }
}

/// A claim as pretty JSON indented to stand in the `claims` array of
/// [`json`].
pub fn indented(c: &Claim) -> String {
    let pretty = serde_json::to_string_pretty(c).expect("a claim serializes");
    let mut out = String::with_capacity(pretty.len() + 256);
    for (i, line) in pretty.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("    ");
        out.push_str(line);
    }
    out
}

/// Appends a claim as one line of JSON.
pub fn json_line(c: &Claim, out: &mut Vec<u8>) {
    serde_json::to_writer(&mut *out, c).expect("a claim serializes");
    out.push(b'\n');
}

/// One JSON object a line.
pub fn jsonl(claims: &[Claim]) -> String {
    let mut out = Vec::new();
    for c in claims {
        json_line(c, &mut out);
    }
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// Bounds in interval notation: `[2500, 2500]`, `(9000, ∞)`, `[0, 200)`.
pub fn interval(c: &Claim) -> String {
    let open_low = c.qualifier == Qualifier::MoreThan;
    let open_high = c.qualifier == Qualifier::LessThan || c.upper.is_none();
    format!(
        "{}{}, {}{}",
        if open_low { '(' } else { '[' },
        format_value(c.lower),
        format_value(c.upper),
        if open_high { ')' } else { ']' }
    )
}

/// A table for the terminal: where, the figure as written, its bounds and
/// qualifier, and the key; a count at the end.
pub fn text(claims: &[Claim], articles: usize) -> String {
    let rows: Vec<[String; 5]> = claims
        .iter()
        .map(|c| {
            [
                format!("{}:{}:{}", c.article, c.line, c.column),
                c.number.clone(),
                interval(c),
                c.qualifier.as_str().to_string(),
                c.key.clone(),
            ]
        })
        .collect();
    let header = [
        "where",
        "number",
        "bounds",
        "qualifier",
        "measure/actor/location",
    ]
    .map(String::from);
    let mut widths = header.clone().map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.extend(std::iter::repeat_n(' ', w - cell.chars().count() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("{n} {one}")
        } else {
            format!("{n} {many}")
        }
    };
    out.push_str(&format!(
        "\n{} in {}\n",
        plural(claims.len(), "claim", "claims"),
        plural(articles, "article", "articles")
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_json_is_the_same_as_whole_json() {
        let config = crate::Config::builtin();
        let run = crate::extract_paths(
            &[std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")],
            &config,
        );
        for claims in [&run.claims[..], &run.claims[..1], &[]] {
            let mut stream = JsonStream::default();
            let mut out: String = claims.iter().map(|c| stream.claim(c)).collect();
            out.push_str(stream.finish());
            assert_eq!(out, json(claims));
        }
    }
}
