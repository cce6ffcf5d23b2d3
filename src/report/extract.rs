//! The output of `claimcheck extract`: a readable table, JSON, or JSON
//! lines.
//!
//! JSON is serde's output of [`Claim`]: `{"version": 2, "claims": [CLAIM,
//! ...]}` for `json`, one `CLAIM` a line for `jsonl`, with no version (a
//! shard line is a claim; docs/SPEC.md, docs/schemas/).

use serde::Serialize;

use crate::claim::{format_value, Claim, Qualifier};

/// `{"version": 2, "claims": [...]}`.
#[derive(Serialize)]
struct Claims<'a> {
    version: u32,
    claims: &'a [Claim],
}

/// Pretty JSON, ending in a newline.
pub fn json(claims: &[Claim]) -> String {
    let doc = Claims {
        version: super::JSON_VERSION,
        claims,
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("claims serialize");
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
            "{\n  \"version\": 2,\n  \"claims\": [\n"
        } else {
            ",\n"
        }
    }

    /// The text that closes the document.
    pub fn finish(&self) -> &'static str {
        if self.written == 0 {
            "{\n  \"version\": 2,\n  \"claims\": []\n}\n"
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

/// Appends a claim as one line of JSON: serde's output of [`Claim`], byte
/// for byte, written directly (serde's writer took a tenth of an extract
/// run). A test holds the two the same.
pub fn json_line(c: &Claim, out: &mut Vec<u8>) {
    out.reserve(c.sentence.len() + c.article.len() + c.key.len() + 320);
    out.extend_from_slice(b"{\"number\":");
    json_str(&c.number, out);
    for (name, v) in [
        (&b",\"value\":"[..], c.value),
        (b",\"lower\":", c.lower),
        (b",\"upper\":", c.upper),
    ] {
        out.extend_from_slice(name);
        json_value(v, out);
    }
    out.extend_from_slice(b",\"qualifier\":\"");
    out.extend_from_slice(c.qualifier.as_str().as_bytes());
    out.push(b'"');
    for (name, v) in [
        (
            &b",\"change\":"[..],
            c.change.map(crate::claim::Change::as_str),
        ),
        (b",\"currency\":", c.currency.as_deref()),
        (b",\"unit\":", c.unit.as_deref()),
        (b",\"measure\":", Some(c.measure.as_str())),
        (b",\"actor\":", c.actor.as_deref()),
        (b",\"location\":", c.location.as_deref()),
        (b",\"key\":", Some(c.key.as_str())),
        (b",\"article\":", Some(c.article.as_str())),
    ] {
        out.extend_from_slice(name);
        json_opt(v, out);
    }
    out.extend_from_slice(b",\"date\":");
    match c.date {
        Some(d) => {
            out.push(b'"');
            d.write_to(out);
            out.push(b'"');
        }
        None => out.extend_from_slice(b"null"),
    }
    for (name, n) in [
        (&b",\"line\":"[..], c.line),
        (b",\"column\":", c.column),
        (b",\"start\":", c.start),
        (b",\"end\":", c.end),
    ] {
        out.extend_from_slice(name);
        json_uint(n as u64, out);
    }
    for (name, v) in [
        (&b",\"sentence\":"[..], Some(c.sentence.as_str())),
        (b",\"scope\":", c.scope.as_deref()),
        (b",\"source\":", c.source.as_deref()),
        (b",\"outlet\":", c.outlet.as_deref()),
    ] {
        out.extend_from_slice(name);
        json_opt(v, out);
    }
    out.extend_from_slice(b",\"frame\":\"");
    out.extend_from_slice(c.frame.as_str().as_bytes());
    out.extend_from_slice(b"\",\"as_of\":");
    match c.as_of {
        Some(d) => {
            out.push(b'"');
            d.write_to(out);
            out.push(b'"');
        }
        None => out.extend_from_slice(b"null"),
    }
    for (name, v) in [
        (&b",\"since\":"[..], c.since.as_deref()),
        (b",\"event\":", c.event.as_deref()),
        (b",\"whose\":", c.whose.as_deref()),
        (b",\"place\":", c.place.as_deref()),
        (b",\"part\":", c.part.as_deref()),
        (b",\"counted\":", c.counted.as_deref()),
    ] {
        out.extend_from_slice(name);
        json_opt(v, out);
    }
    out.extend_from_slice(b",\"modality\":\"");
    out.extend_from_slice(c.modality.as_str().as_bytes());
    out.extend_from_slice(if c.revised {
        b"\",\"revised\":true,\"slots_from\":{"
    } else {
        b"\",\"revised\":false,\"slots_from\":{"
    });
    for (i, (slot, from)) in c.slots_from.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json_str(slot, out);
        out.push(b':');
        json_str(from, out);
    }
    out.extend_from_slice(b"},\"status\":");
    match c.status {
        Some(s) => {
            out.push(b'"');
            out.extend_from_slice(s.as_str().as_bytes());
            out.push(b'"');
        }
        None => out.extend_from_slice(b"null"),
    }
    if c.overflow {
        out.extend_from_slice(b",\"overflow\":true");
    }
    out.extend_from_slice(b"}\n");
}

/// A JSON string as serde writes it: runs that need no escape copied as
/// they are, `"` and `\\` and control characters escaped between them.
fn json_str(s: &str, out: &mut Vec<u8>) {
    let mut bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    while let Some(at) = first_escape(bytes) {
        out.extend_from_slice(&bytes[..at]);
        let b = bytes[at];
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xf)]);
            }
        }
        bytes = &bytes[at + 1..];
    }
    out.extend_from_slice(bytes);
    out.push(b'"');
}

/// Does JSON need any of these bytes escaped?
#[cfg(test)]
fn needs_escape(bytes: &[u8]) -> bool {
    first_escape(bytes).is_some()
}

/// The first byte JSON needs escaped (a control character, `"` or `\\`),
/// if any. Eight bytes at a time.
fn first_escape(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    // The high bit of each byte of `x` below `n` (for n <= 128); exact for
    // the lowest such byte, which is all that is read.
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH;
    let zero = |x: u64| below(x, 1);
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let hits = below(x, 0x20)
            | zero(x ^ (ONES * u64::from(b'"')))
            | zero(x ^ (ONES * u64::from(b'\\')));
        if hits != 0 {
            return Some(at + (hits.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b < 0x20 || b == b'"' || b == b'\\')
        .map(|k| at + k)
}

fn json_opt(s: Option<&str>, out: &mut Vec<u8>) {
    match s {
        Some(s) => json_str(s, out),
        None => out.extend_from_slice(b"null"),
    }
}

/// A figure as `Claim` serializes it: whole numbers without a fraction.
fn json_value(v: Option<f64>, out: &mut Vec<u8>) {
    match v {
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => {
            let n = x as i64;
            if n < 0 {
                out.push(b'-');
            }
            json_uint(n.unsigned_abs(), out);
        }
        Some(x) => serde_json::to_writer(&mut *out, &x).expect("a number serializes"),
        None => out.extend_from_slice(b"null"),
    }
}

fn json_uint(mut n: u64, out: &mut Vec<u8>) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
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

/// How many claims a page of the text table holds. The table is written a
/// page at a time, so that `extract | head` stops the run early and a long
/// run holds one page, not every row: each page's columns are as wide as
/// its own cells need, and never narrower than the page before.
pub const PAGE: usize = 1000;

/// One row of the text table: where, the figure as written, its bounds,
/// its qualifier and its key.
pub type Row = [String; 5];

/// The row of a claim in the text table.
pub fn row(c: &Claim) -> Row {
    [
        format!("{}:{}:{}", c.article, c.line, c.column),
        c.number.clone(),
        interval(c),
        c.qualifier.as_str().to_string(),
        c.key.clone(),
    ]
}

/// The text table written as it goes: rows go in with [`Table::push`],
/// which gives the text of each page once it is full; [`Table::finish`]
/// gives the last page and the count.
#[derive(Debug, Default)]
pub struct Table {
    /// The rows of the page being filled.
    page: Vec<Row>,
    /// The widths of the page before (with the header); `None` before the
    /// first page.
    widths: Option<[usize; 5]>,
    /// Claims so far.
    claims: usize,
}

const HEADER: [&str; 5] = [
    "where",
    "number",
    "bounds",
    "qualifier",
    "measure/actor/location",
];

impl Table {
    /// Adds a row; the text of a page when this row fills it.
    pub fn push(&mut self, row: Row) -> Option<String> {
        self.claims += 1;
        self.page.push(row);
        (self.page.len() >= PAGE).then(|| self.page_text())
    }

    /// The text of the page being filled, which is emptied: the header
    /// first on the first page.
    fn page_text(&mut self) -> String {
        let first = self.widths.is_none();
        let mut widths = self
            .widths
            .unwrap_or_else(|| HEADER.map(|h| h.chars().count()));
        for row in &self.page {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        self.widths = Some(widths);
        let mut out = String::new();
        let header = HEADER.map(String::from);
        let rows = std::mem::take(&mut self.page);
        for row in first.then_some(&header).into_iter().chain(&rows) {
            let mut line = String::new();
            for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
                line.push_str(cell);
                if i + 1 < row.len() {
                    line.extend(std::iter::repeat_n(' ', w - cell.chars().count() + 2));
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// The last page (the header alone if there were no rows at all), then
    /// the count of claims and articles.
    pub fn finish(&mut self, articles: usize) -> String {
        let mut out = if self.page.is_empty() && self.widths.is_some() {
            String::new()
        } else {
            self.page_text()
        };
        let plural = |n: usize, one: &str, many: &str| {
            if n == 1 {
                format!("{n} {one}")
            } else {
                format!("{n} {many}")
            }
        };
        out.push_str(&format!(
            "\n{} in {}\n",
            plural(self.claims, "claim", "claims"),
            plural(articles, "article", "articles")
        ));
        out
    }
}

/// A table for the terminal: where, the figure as written, its bounds and
/// qualifier, and the key; a count at the end. Written in pages of
/// [`PAGE`] claims as [`Table`] writes it.
pub fn text(claims: &[Claim], articles: usize) -> String {
    let mut table = Table::default();
    let mut out = String::new();
    for c in claims {
        out.extend(table.push(row(c)));
    }
    out.push_str(&table.finish(articles));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_found_anywhere() {
        for n in 0..20 {
            for bad in [b'"', b'\\', 0, 0x1f, b'\n'] {
                let mut s = vec![b'a'; n];
                for at in 0..n {
                    s[at] = bad;
                    assert!(needs_escape(&s), "{s:?}");
                    s[at] = b'a';
                }
                assert!(!needs_escape(&s));
            }
        }
        assert!(!needs_escape(
            "ünïcödé — 💥 \u{7f} ~ !#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}".as_bytes()
        ));
    }

    #[test]
    fn strings_are_escaped_as_serde_does() {
        // Every ASCII byte, at every place in a word of a few lengths, and
        // beside multi-byte characters.
        for b in 0u8..128 {
            for n in 0..18 {
                for at in 0..=n {
                    let mut s: Vec<char> = "ab—cdé💥fghijklmnopqrst".chars().take(n).collect();
                    s.insert(at, char::from(b));
                    let s: String = s.into_iter().collect();
                    let mut out = Vec::new();
                    json_str(&s, &mut out);
                    assert_eq!(out, serde_json::to_vec(&s).unwrap(), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn json_lines_are_serde_s_output() {
        let config = crate::Config::builtin();
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let run = crate::extract_paths(
            &[root.join("corpus"), root.join("tests/data/findings")],
            &config,
        );
        let mut claims = run.claims;
        assert!(claims.len() > 50);
        let mut odd = claims[0].clone();
        odd.number = "a \"quoted\" \\ back\u{1}slash\ttab\u{7f}".into();
        odd.sentence = "line\nbreak — ünïcödé 💥 </script>".into();
        odd.value = Some(-2.5);
        odd.lower = Some(-9.0e15);
        odd.upper = Some(1e300);
        odd.actor = None;
        odd.date = None;
        odd.overflow = true;
        odd.change = Some(crate::claim::Change::Down);
        odd.currency = Some("E\"UR".into());
        odd.unit = Some("km/h — ü".into());
        claims.push(odd.clone());
        odd.value = Some(-7.0);
        odd.lower = Some(0.1 + 0.2);
        odd.upper = Some(f64::NAN);
        odd.overflow = false;
        odd.change = Some(crate::claim::Change::To);
        odd.currency = None;
        claims.push(odd);
        for c in &claims {
            let mut line = Vec::new();
            json_line(c, &mut line);
            let serde = serde_json::to_string(c).unwrap() + "\n";
            assert_eq!(String::from_utf8(line).unwrap(), serde);
        }
    }

    #[test]
    fn the_table_is_paged_and_pages_never_narrow() {
        let row = |w: usize| -> Row {
            [
                "a.md:1:1".into(),
                "9".repeat(w),
                "[9, 9]".into(),
                "exact".into(),
                "k/-/-".into(),
            ]
        };
        let mut table = Table::default();
        let mut pages = Vec::new();
        // A wide row on the first page, narrow ones after, a wider one on
        // the third.
        for i in 0..(2 * PAGE + 10) {
            let w = match i {
                3 => 12,
                i if i == 2 * PAGE + 5 => 20,
                _ => 1,
            };
            pages.extend(table.push(row(w)));
        }
        pages.push(table.finish(1));
        assert_eq!(pages.len(), 3);
        let key_at = |line: &str| line.find("k/-/-").unwrap();
        let first: Vec<&str> = pages[0].lines().collect();
        assert!(first[0].starts_with("where "));
        assert_eq!(first.len(), PAGE + 1);
        let at = key_at(first[1]);
        assert!(first[1..].iter().all(|l| key_at(l) == at));
        // The second page keeps the first's widths; the third widens.
        assert!(pages[1].lines().all(|l| key_at(l) == at));
        let third: Vec<&str> = pages[2].lines().take(10).collect();
        assert!(third.iter().all(|l| key_at(l) == at + 8), "{third:?}");
        assert!(pages[2].ends_with(&format!("\n{} claims in 1 article\n", 2 * PAGE + 10)));
        // No rows: the header and the count.
        assert_eq!(
            Table::default().finish(0),
            "where  number  bounds  qualifier  measure/actor/location\n\n0 claims in 0 articles\n"
        );
    }

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
