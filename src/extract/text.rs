//! Sentences and tokens: the raw text cut into the pieces the number parser
//! and the context rules read.
//!
//! [`sentences`] splits an article body into sentences (byte ranges of the
//! file), treating a line break as a boundary unless the text is hard-wrapped
//! prose. [`tokenize`] cuts one sentence into words, numbers and punctuation,
//! keeping byte offsets, skipping URLs and HTML tags, and joining what belongs
//! together (`2,500`, `9.7`, `U.S.`, `twenty-five`, `F-16`).

use std::borrow::Cow;

use super::lexicon::shape;

/// A sentence: a byte range of the file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Starts with a letter: `troops`, `U.S.`, `twenty-five`, `F-16`.
    Word,
    /// Starts with a digit: `2,500`, `9.7`, `2bn`, `2nd`, `3,000-4,000`.
    Number,
    /// Any other single character: `$`, `%`, `,`, `—`.
    Punct,
}

/// A token of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// The text as written.
    pub text: &'a str,
    /// Byte offset in the file.
    pub start: usize,
    /// What it is.
    pub kind: Kind,
    /// Lowercase, curly apostrophes made straight, a possessive `'s` dropped.
    pub norm: Cow<'a, str>,
    /// The word ended in a possessive `'s`.
    pub possessive: bool,
    /// White space (or a skipped URL or tag) came just before it.
    pub space_before: bool,
    /// The shape of `norm` ([`super::lexicon::shape`]), found once for the
    /// many lookups that pass over most words by it.
    pub shape: u16,
    /// The shape of `norm` up to its first hyphen ("twenty" of
    /// "twenty-five"); `shape` if it has none.
    pub head_shape: u16,
}

impl<'a> Token<'a> {
    /// A mark of punctuation `tok` at byte `start`.
    fn punct(tok: &'a str, start: usize, space_before: bool) -> Token<'a> {
        let shape = shape(tok);
        Token {
            text: tok,
            start,
            kind: Kind::Punct,
            norm: Cow::Borrowed(tok),
            possessive: false,
            space_before,
            shape,
            head_shape: shape,
        }
    }

    /// Byte offset just past the token.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// Is this the punctuation character `c`?
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.text.starts_with(c)
    }

    /// Does the word start with a capital letter?
    pub fn is_capitalized(&self) -> bool {
        self.kind == Kind::Word && self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// Splits the body `text[body_start..]` into sentences.
pub fn sentences(text: &str, body_start: usize) -> Vec<Sentence> {
    let body = &text[body_start..];
    let wrapped = is_hard_wrapped(body);
    // News sentences run to some 130 bytes on average: room for one
    // every 100, to spare.
    let mut out = Vec::with_capacity(body.len() / 100 + 4);
    // Blocks: runs of lines that belong to one paragraph.
    let mut block_start: Option<usize> = None;
    let mut pos = body_start;
    for line in split_lines(body) {
        let content = line.trim_end_matches(['\n', '\r']);
        let blank = content.trim().is_empty();
        let starts_item = starts_block(content);
        if let Some(start) = block_start {
            if blank || !wrapped || starts_item {
                split_block(text, start, pos, &mut out);
                block_start = None;
            }
        }
        if !blank && block_start.is_none() {
            block_start = Some(pos);
        }
        pos += line.len();
    }
    if let Some(start) = block_start {
        split_block(text, start, pos, &mut out);
    }
    out
}

/// The lines of `s`, each with its line break (as `split_inclusive('\n')`,
/// the breaks found with SIMD).
pub fn split_lines(s: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', s.as_bytes());
    std::iter::from_fn(move || {
        if start >= s.len() {
            return None;
        }
        let end = ends.next().map_or(s.len(), |i| i + 1);
        let line = &s[start..end];
        start = end;
        Some(line)
    })
}

/// Eight bytes at a time: `0x01` in each byte.
const ONES: u64 = u64::from_le_bytes([0x01; 8]);
/// Each byte's low seven bits.
const LOW7: u64 = u64::from_le_bytes([0x7f; 8]);
/// Each byte's high bit.
const HIGH: u64 = u64::from_le_bytes([0x80; 8]);

/// Eight bytes read as one little-endian word.
#[inline]
fn word_at(chunk: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(chunk);
    u64::from_le_bytes(word)
}

/// The high bit of each byte of `y` strictly between `m` and `n`, where
/// `y` is `x` (or `x` folded) without high bits and bytes of `x` of 128 and
/// up are left out. No carry crosses bytes, so each byte's answer is exact.
#[inline]
fn between(x: u64, y: u64, m: u8, n: u8) -> u64 {
    (ONES * (127 + u64::from(n))).wrapping_sub(y) & !x & (y + ONES * (127 - u64::from(m))) & HIGH
}

/// Is there an ASCII digit in `bytes`? Eight bytes at a time.
pub fn has_ascii_digit(bytes: &[u8]) -> bool {
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let x = word_at(chunk);
        if between(x, x & LOW7, b'/', b':') != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(u8::is_ascii_digit)
}

/// Hard-wrapped prose: most lines are long and of similar length, so a
/// single line break is not a boundary.
fn is_hard_wrapped(body: &str) -> bool {
    let (mut lines, mut full) = (0, 0);
    for line in split_lines(body) {
        let n = line.trim_end().chars().count();
        // One long line (a paragraph on a line of its own, as most news
        // copy has) settles it.
        if n > 110 {
            return false;
        }
        if n > 0 {
            lines += 1;
            full += usize::from((50..=100).contains(&n));
        }
    }
    lines >= 4 && full * 10 >= lines * 6
}

/// A Markdown heading, list item or quote starts a block of its own.
fn starts_block(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('#')
        || t.starts_with("- ")
        || t.starts_with("* ")
        || t.starts_with("> ")
        || t.starts_with("• ")
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "adm",
    "cmdr", "gov", "sen", "rep", "rev", "st", "jr", "sr", "no", "nos", "vs", "etc", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "fig",
    "mt", "ft", "pres", "inc", "co", "corp", "ltd", "dept", "gov't",
];

/// The length of the longest of [`ABBREVIATIONS`].
const LONGEST_ABBREVIATION: usize = {
    let (mut longest, mut i) = (0, 0);
    while i < ABBREVIATIONS.len() {
        if ABBREVIATIONS[i].len() > longest {
            longest = ABBREVIATIONS[i].len();
        }
        i += 1;
    }
    longest
};

/// Splits one block `text[start..end]` at sentence-ending punctuation.
fn split_block(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let block = &text[start..end];
    let bytes = block.as_bytes();
    let mut sent_start = 0;
    for i in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        // A stop inside the white space just passed over.
        if i < sent_start {
            continue;
        }
        let b = bytes[i];
        // Take closing quotes and brackets with the sentence.
        let mut j = i + 1;
        while j < bytes.len() {
            let rest = &block[j..];
            if let Some(c) = rest
                .chars()
                .next()
                .filter(|c| matches!(c, '"' | '\'' | ')' | ']' | '’' | '”'))
            {
                j += c.len_utf8();
            } else {
                break;
            }
        }
        let rest = &block[j..];
        let ws = rest.len() - rest.trim_start().len();
        let next = rest.trim_start().chars().next();
        let boundary = ws > 0
            && next.is_some_and(|c| {
                c.is_uppercase()
                    || c.is_ascii_digit()
                    || matches!(c, '"' | '\'' | '‘' | '“' | '(' | '[')
            })
            && !(b == b'.' && is_abbreviation(&block[sent_start..i]));
        if boundary {
            push(text, start + sent_start, start + j, out);
            sent_start = j + ws;
        }
    }
    push(text, start + sent_start, end, out);
}

/// Does the text end in an abbreviation or an initial (so that a following
/// full stop is not the end of a sentence)?
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if word.is_empty() {
        return false;
    }
    // Initials and dotted abbreviations: "U.S", "J", "a.m".
    let initials = word.split('.').all(|l| {
        let mut cs = l.chars();
        cs.next().is_some_and(char::is_alphabetic) && cs.next().is_none()
    });
    if initials {
        return true;
    }
    if word.is_ascii() {
        // Longer words are passed over at once.
        word.len() <= LONGEST_ABBREVIATION
            && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
    } else {
        ABBREVIATIONS.contains(&word.to_lowercase().as_str())
    }
}

/// The longest sentence read as one, in bytes. Longer runs of text (a
/// table dumped as one line, a wall of digits) are cut at white space into
/// pieces of at most this size, so that the work on a sentence stays
/// bounded and a whole file stays linear.
pub const MAX_SENTENCE: usize = 2000;

/// Adds a sentence, trimmed of white space, if anything is left; cuts one
/// longer than [`MAX_SENTENCE`].
fn push(text: &str, mut start: usize, end: usize, out: &mut Vec<Sentence>) {
    while end - start > MAX_SENTENCE {
        let mut cut = start + MAX_SENTENCE;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        if let Some(ws) = text[start..cut].rfind(char::is_whitespace) {
            if ws > 0 {
                cut = start + ws;
            }
        }
        push_one(text, start, cut, out);
        start = cut;
    }
    push_one(text, start, end, out);
}

fn push_one(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(Sentence {
            start: start + lead,
            end: end - trail,
        });
    }
}

/// The sentence as shown in reports: white space runs folded to one space.
pub fn display(text: &str, sentence: Sentence) -> String {
    let s = &text[sentence.start..sentence.end];
    // Most sentences have single spaces only: shown as they are.
    if single_spaced(s.as_bytes())
        && (s.is_ascii() || !s.chars().any(|c| !c.is_ascii() && c.is_whitespace()))
    {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// No ASCII white space in `bytes` but single spaces between other bytes
/// (none first or last)? Eight bytes at a time; it may say no to some
/// text that is (the caller then folds it the long way), never yes to
/// text that is not.
fn single_spaced(bytes: &[u8]) -> bool {
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut chunks = bytes.chunks_exact(8);
    let mut space_before = false;
    for chunk in &mut chunks {
        let x = word_at(chunk);
        // Tab, line feed, vertical tab, form feed, carriage return.
        if between(x, x & LOW7, 8, 14) != 0 {
            return false;
        }
        let spaces = between(x, x & LOW7, b' ' - 1, b' ' + 1);
        // Two spaces side by side, in the chunk or across its start.
        if spaces & (spaces << 8) != 0 || (space_before && spaces & 0x80 != 0) {
            return false;
        }
        space_before = spaces >> 63 != 0;
    }
    for &b in chunks.remainder() {
        if matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r') || (b == b' ' && space_before) {
            return false;
        }
        space_before = b == b' ';
    }
    true
}

/// Characters that separate thousands inside a number besides `,`: the
/// no-break space and the narrow no-break space.
fn is_group_space(c: char) -> bool {
    c == '\u{a0}' || c == '\u{202f}' || c == '\u{2009}'
}

/// Cuts `text[start..end]` into tokens.
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    tokenize_into(text, None, start, end, &mut tokens);
    tokens
}

/// The character at byte `i` of `s`, read without decoding for ASCII.
#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        Some(char::from(b))
    } else {
        s[i..].chars().next()
    }
}

/// Cuts `text[start..end]` into tokens, appended to `tokens`. `lower`, if
/// given, is `text` with ASCII letters lowercased (same byte offsets): the
/// normal form of an ASCII word is then a slice of it, not a new string.
pub fn tokenize_into<'a>(
    text: &'a str,
    lower: Option<&'a str>,
    start: usize,
    end: usize,
    tokens: &mut Vec<Token<'a>>,
) {
    let s = &text[start..end];
    let bytes = s.as_bytes();
    let mut space_before = true;
    let mut i = 0;
    while let Some(c) = char_at(s, i) {
        let b = bytes[i];
        // The common cases first: a space, a plain ASCII word that starts no
        // URL. They give what the general rules below would.
        if b == b' ' {
            i += 1;
            space_before = true;
            continue;
        }
        if let (Some(lower), true) = (lower, b.is_ascii_alphanumeric()) {
            let markup = match b {
                b'h' | b'H' => matches!(bytes.get(i + 1), Some(b't' | b'T')),
                b'w' | b'W' => matches!(bytes.get(i + 1), Some(b'w' | b'W')),
                _ => false,
            };
            if let (false, Some(len)) = (markup, plain_word_len(&bytes[i..])) {
                let norm = &lower[start + i..start + i + len];
                let shape = shape(norm);
                tokens.push(Token {
                    text: &s[i..i + len],
                    start: start + i,
                    kind: if b.is_ascii_digit() {
                        Kind::Number
                    } else {
                        Kind::Word
                    },
                    norm: Cow::Borrowed(norm),
                    possessive: false,
                    space_before,
                    shape,
                    head_shape: shape,
                });
                i += len;
                // The space after the word, taken at once.
                space_before = bytes.get(i) == Some(&b' ');
                i += usize::from(space_before);
                continue;
            }
        }
        // A mark of ASCII punctuation stands alone (`<` may open a tag).
        if b.is_ascii_punctuation() && b != b'<' {
            tokens.push(Token::punct(&s[i..i + 1], start + i, space_before));
            i += 1;
            space_before = false;
            continue;
        }
        if c.is_whitespace() && !(is_group_space(c) && in_digit_group(s, i)) {
            i += c.len_utf8();
            space_before = true;
            continue;
        }
        // URLs and HTML tags are not text.
        if matches!(b, b'h' | b'H' | b'w' | b'W' | b'<') {
            if let Some(skip) = skip_markup(&s[i..]) {
                i += skip;
                space_before = true;
                continue;
            }
        }
        if c.is_alphanumeric() {
            let (len, ascii) = word_len(&s[i..]);
            let tok = &s[i..i + len];
            let kind = if c.is_numeric() {
                Kind::Number
            } else {
                Kind::Word
            };
            let (norm, possessive) = match lower {
                Some(lower) if ascii => {
                    let lower = &lower[start + i..start + i + len];
                    match lower.strip_suffix("'s").filter(|l| !l.is_empty()) {
                        Some(stem) => (Cow::Borrowed(stem), true),
                        None => (Cow::Borrowed(lower), false),
                    }
                }
                _ => normalize(tok),
            };
            let head = match norm.bytes().position(|b| b == b'-') {
                Some(k) => &norm[..k],
                None => &norm,
            };
            let (head_shape, shape) = (shape(head), shape(&norm));
            tokens.push(Token {
                text: tok,
                start: start + i,
                kind,
                norm,
                possessive,
                space_before,
                shape,
                head_shape,
            });
            i += len;
        } else {
            tokens.push(Token::punct(
                &s[i..i + c.len_utf8()],
                start + i,
                space_before,
            ));
            i += c.len_utf8();
        }
        space_before = false;
    }
}

/// Is the space at byte `i` of `s` a thousands separator: a digit before it,
/// exactly three digits after it?
fn in_digit_group(s: &str, i: usize) -> bool {
    let before = s[..i].chars().next_back();
    let after: Vec<char> = s[i..].chars().skip(1).take(4).collect();
    before.is_some_and(|c| c.is_numeric())
        && after.len() >= 3
        && after[..3].iter().all(|c| c.is_numeric())
        && !after.get(3).is_some_and(|c| c.is_numeric())
}

/// The length of a URL, e-mail address or HTML tag/comment at the start of
/// `s`, if there is one.
fn skip_markup(s: &str) -> Option<usize> {
    let lower_start = |p: &str| s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    if lower_start("http://") || lower_start("https://") || lower_start("www.") {
        let len = s
            .find(|c: char| c.is_whitespace() || c == ')' || c == '>' || c == '"')
            .unwrap_or(s.len());
        // A sentence's final full stop is not part of the URL.
        let url = s[..len].trim_end_matches(['.', ',', ';']);
        return Some(url.len());
    }
    if s.starts_with("<!--") {
        return Some(s.find("-->").map_or(s.len(), |e| e + 3));
    }
    if let Some(rest) = s.strip_prefix('<') {
        let next = rest.chars().next()?;
        if next.is_ascii_alphabetic() || next == '/' || next == '!' {
            let close = s.find('>')?;
            if close < 300 && !s[..close].contains('\n') {
                return Some(close + 1);
            }
        }
    }
    None
}

/// The length of the word or number at the start of `s`: alphanumerics,
/// joined by `,`/`.` between digits (`2,500`, `9.7`), by `-` and
/// apostrophes between alphanumerics (`twenty-five`, `F-16`, `Iraq's`), by
/// `.` in initials (`U.S.`, `a.m.`), and by a no-break space inside a digit
/// group (`2 500`). Also says whether the word is all ASCII.
fn word_len(s: &str) -> (usize, bool) {
    if let Some(len) = plain_word_len(s.as_bytes()) {
        return (len, true);
    }
    word_len_by_rules(s)
}

/// [`word_len`] by its rules alone, character by character.
fn word_len_by_rules(s: &str) -> (usize, bool) {
    let mut prev: Option<char> = None;
    let mut end = 0;
    let mut count = 0;
    let mut i = 0;
    while let Some(c) = char_at(s, i) {
        // A token is cut after 256 characters (a wall of letters or digits).
        count += 1;
        if count > 256 {
            break;
        }
        let len = c.len_utf8();
        let joins = if c.is_alphanumeric() {
            true
        } else {
            let next = char_at(s, i + len);
            if c == ',' || c == '.' || c == '\u{66b}' || c == '\u{66c}' {
                let digits =
                    prev.is_some_and(char::is_numeric) && next.is_some_and(char::is_numeric);
                digits || (c == '.' && is_initial_dot(&s[..i], next))
            } else if c == '-' || c == '\'' || c == '’' || c == '‑' {
                prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric)
            } else if is_group_space(c) {
                prev.is_some_and(char::is_numeric) && in_digit_group(s, i)
            } else {
                false
            }
        };
        if !joins {
            break;
        }
        end = i + len;
        prev = Some(c);
        i += len;
    }
    let len = end.max(s.chars().next().map_or(0, char::len_utf8));
    (len, s[..len].is_ascii())
}

/// Most words are ASCII letters or digits up to a space or a mark that
/// joins nothing: their length, found without the rules of [`word_len`]
/// (which give the same); `None` for any other word.
#[inline]
fn plain_word_len(bytes: &[u8]) -> Option<usize> {
    let run = alnum_run(bytes);
    if run == 0 {
        return None;
    }
    match bytes.get(run) {
        None => Some(run),
        // A mark that may join ("2,500", "U.S", "F-16", "Iraq's") joins
        // only a letter or digit after it: before a space, a quote or the
        // end it closes the word ("troops, and", "in Iraq.").
        Some(b',' | b'.' | b'-' | b'\'') => match bytes.get(run + 1) {
            None => Some(run),
            Some(&n) if n.is_ascii() && !n.is_ascii_alphanumeric() => Some(run),
            Some(_) => None,
        },
        Some(&b) if b.is_ascii() => Some(run),
        Some(_) => None,
    }
}

/// How many ASCII letters and digits `bytes` starts with, up to 256;
/// eight bytes at a time.
fn alnum_run(bytes: &[u8]) -> usize {
    let limit = bytes.len().min(256);
    let mut k = 0;
    while k + 8 <= limit {
        let x = word_at(&bytes[k..k + 8]);
        let digits = between(x, x & LOW7, b'/', b':');
        // Letters folded to lowercase: other bytes fold outside a..z.
        let letters = between(x, (x | (ONES * 0x20)) & LOW7, b'`', b'{');
        let others = !(digits | letters) & HIGH;
        if others != 0 {
            return k + (others.trailing_zeros() / 8) as usize;
        }
        k += 8;
    }
    while k < limit && bytes[k].is_ascii_alphanumeric() {
        k += 1;
    }
    k
}

/// A dot after initials: "U" + "." + "S", or the final dot of "U.S." /
/// "a.m.".
fn is_initial_dot(before: &str, next: Option<char>) -> bool {
    // Only the token so far matters: "U" or "U.S" or "a.m".
    if before.len() > 12 {
        return false;
    }
    let mut parts = 0;
    for p in before.split('.') {
        let mut cs = p.chars();
        let one = cs.next().is_some_and(char::is_alphabetic) && cs.next().is_none();
        if !one {
            return false;
        }
        parts += 1;
    }
    match next {
        Some(n) if n.is_alphabetic() => true,
        // Final dot only after at least two initials ("U.S." but not "A.").
        _ => parts >= 2,
    }
}

/// Lowercases a word, straightens apostrophes, and drops a possessive `'s`.
fn normalize(tok: &str) -> (Cow<'_, str>, bool) {
    let needs = tok
        .chars()
        .any(|c| c.is_uppercase() || c == '’' || c == '‑');
    let mut norm: Cow<'_, str> = if needs {
        Cow::Owned(
            tok.chars()
                .map(|c| match c {
                    '’' => '\'',
                    '‑' => '-',
                    c => c,
                })
                .collect::<String>()
                .to_lowercase(),
        )
    } else {
        Cow::Borrowed(tok)
    };
    let possessive = norm.ends_with("'s") && norm.len() > 2;
    if possessive {
        norm = match norm {
            Cow::Borrowed(b) => Cow::Borrowed(&b[..b.len() - 2]),
            Cow::Owned(mut o) => {
                o.truncate(o.len() - 2);
                Cow::Owned(o)
            }
        };
    }
    (norm, possessive)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string of up to five characters from `alphabet`.
    fn all_strings(alphabet: &[char]) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..5 {
            last = last
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn fast_paths_cut_as_the_rules_do() {
        let alphabet = ['a', 'B', '1', ',', '.', '-', '\'', ' ', '"', 'é', '’', '<'];
        for s in all_strings(&alphabet) {
            if let Some(len) = plain_word_len(s.as_bytes()) {
                assert_eq!(len, word_len_by_rules(&s).0, "{s:?}");
            }
            // With the lowercased text, ASCII words take the fast path;
            // without it, the rules.
            let lower = s.to_ascii_lowercase();
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            tokenize_into(&s, Some(&lower), 0, s.len(), &mut fast);
            tokenize_into(&s, None, 0, s.len(), &mut slow);
            let key = |t: &Token<'_>| {
                (
                    t.text.to_string(),
                    t.start,
                    t.kind,
                    t.norm.to_string(),
                    t.possessive,
                    t.space_before,
                    t.shape,
                    t.head_shape,
                )
            };
            let fast: Vec<_> = fast.iter().map(key).collect();
            let slow: Vec<_> = slow.iter().map(key).collect();
            assert_eq!(fast, slow, "{s:?}");
        }
    }

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s, 0, s.len()).iter().map(|t| t.text).collect()
    }

    fn split(s: &str) -> Vec<&str> {
        sentences(s, 0).iter().map(|x| &s[x.start..x.end]).collect()
    }

    #[test]
    fn tokens_join_numbers_initials_and_hyphens() {
        assert_eq!(
            texts("The U.S. has 2,500 troops, 9.7% of F-16s; twenty-five at 2:30 a.m. in Iraq’s west."),
            vec![
                "The", "U.S.", "has", "2,500", "troops", ",", "9.7", "%", "of", "F-16s", ";",
                "twenty-five", "at", "2", ":", "30", "a.m.", "in", "Iraq’s", "west", "."
            ]
        );
    }

    #[test]
    fn sentences_are_shown_with_white_space_folded() {
        let shown = |s: &str| {
            display(
                s,
                Sentence {
                    start: 0,
                    end: s.len(),
                },
            )
        };
        assert_eq!(
            shown("The US has 2,500 troops."),
            "The US has 2,500 troops."
        );
        assert_eq!(shown("a  b\tc\nd\r\ne"), "a b c d e");
        assert_eq!(shown("über\u{a0}9 — x\u{2009}y"), "über 9 — x y");
        assert_eq!(shown("ünïcödé — fine"), "ünïcödé — fine");
    }

    #[test]
    fn digits_and_lines_are_found_as_the_plain_loops_find_them() {
        for len in 0..19 {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut s = vec![b'a'; len];
                    s[at] = b;
                    assert_eq!(has_ascii_digit(&s), b.is_ascii_digit(), "{s:?}");
                }
            }
        }
        for s in ["", "a", "\n", "a\n", "a\nb", "\n\n", "a\r\n\nb\n"] {
            let ours: Vec<&str> = split_lines(s).collect();
            let std: Vec<&str> = s.split_inclusive('\n').collect();
            assert_eq!(ours, std);
        }
    }

    #[test]
    fn alphanumeric_runs_are_found_as_the_plain_loop_finds_them() {
        let plain = |b: &[u8]| {
            b.iter()
                .take(256)
                .position(|c| !c.is_ascii_alphanumeric())
                .unwrap_or(b.len().min(256))
        };
        for len in 0..20 {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut s = vec![b'x'; len];
                    s[at] = b;
                    assert_eq!(alnum_run(&s), plain(&s), "{s:?}");
                }
            }
        }
        let long = vec![b'7'; 300];
        assert_eq!(alnum_run(&long), 256);
        assert_eq!(alnum_run(b"Zz09azAZ@[`{/:"), 8);
    }

    #[test]
    fn single_spacing_is_judged_as_the_plain_loop_judges_it() {
        let plain = |s: &[u8]| {
            let mut prev_space = true;
            for &b in s {
                if matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r') || (b == b' ' && prev_space) {
                    return false;
                }
                prev_space = b == b' ';
            }
            !prev_space || s.is_empty()
        };
        for len in 0..19usize {
            for at in 0..len {
                for b in 0..=255u8 {
                    for also in [None, Some(at + 1), at.checked_sub(1), Some(at + 8)] {
                        let mut s = vec![b'x'; len];
                        s[at] = b;
                        if let Some(k) = also.filter(|&k| k < len) {
                            s[k] = b' ';
                        }
                        assert_eq!(single_spaced(&s), plain(&s), "{s:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn tokens_skip_urls_and_tags() {
        assert_eq!(
            texts("See https://x.com/2023/10/11/a-123. <b>5</b> ships <!-- 7 -->"),
            vec!["See", ".", "5", "ships"]
        );
    }

    #[test]
    fn possessive_is_dropped_from_norm() {
        let t = tokenize("Iraq’s", 0, "Iraq’s".len());
        assert_eq!(t[0].norm, "iraq");
        assert!(t[0].possessive);
    }

    #[test]
    fn no_break_space_groups_digits() {
        let s = "2\u{202f}500 troops";
        assert_eq!(texts(s), vec!["2\u{202f}500", "troops"]);
    }

    #[test]
    fn sentences_split_on_stops_not_abbreviations() {
        assert_eq!(
            split("U.S. forces hit 3 sites on Oct. 17. Mr. Smith said so! Then 4 more."),
            vec![
                "U.S. forces hit 3 sites on Oct. 17.",
                "Mr. Smith said so!",
                "Then 4 more."
            ]
        );
    }

    #[test]
    fn very_long_sentences_are_cut_at_white_space() {
        let long = "word ".repeat(1000);
        let parts = sentences(&long, 0);
        assert!(parts.len() >= 3);
        assert!(parts.iter().all(|p| p.end - p.start <= MAX_SENTENCE));
        assert!(parts.iter().all(|p| &long[p.start..p.start + 4] == "word"));
    }

    #[test]
    fn each_line_is_a_block_unless_hard_wrapped() {
        assert_eq!(
            split("Headline 5 Ships\nBody text here"),
            vec!["Headline 5 Ships", "Body text here"]
        );
        let wrapped = "The militia said on Sunday that it had launched attacks against\n\
                       US forces in both Iraq and Syria over the past several weeks and\n\
                       that it would go on doing so as long as Washington supported the\n\
                       war in Gaza, according to a statement posted on its channels.\n";
        assert_eq!(split(wrapped).len(), 1);
    }
}
