//! GAZETTEER: the places of the world as a graph, and the peoples of them.
//!
//! Takes nothing: its tables are built into the binary from
//! `data/gazetteer/` (made by `data/gazetteer/build.py` from GeoNames,
//! ISO 3166, a demonym list and hand-kept rules; the README there credits
//! each source). Gives, for every place, a lowercase `slug` (the name keys
//! use: `libya`, `derna`, `gaza`, `us`), its [`Kind`], the place that
//! contains it (a town is in a district or region, which is in a country),
//! and for countries and large capitals the actor they name. Gives the
//! places a name may mean, default first, and the actors of demonyms and
//! peoples (`Libyans` -> `libya`, `Palestinians` -> `palestinians`, the
//! people of `gaza` and `west_bank`).
//!
//! A word of direction makes a part of a place: `eastern_libya` is not in
//! the tables but is known as a place inside `libya` (see [`parts`]).
//!
//! The tables are sorted and searched where they lie in the binary, by
//! binary search on their bytes: nothing is built to load them, and a
//! place is the byte offset of its line.
//!
//! The functions by slug ([`country_of`], [`within`], [`contains`],
//! [`people_of`], [`places_of_people`]) are for code that compares claims
//! (linking): they know the gazetteer's places, not the ones a
//! `claims.yaml` adds.

use std::sync::OnceLock;

const PLACES: &str = include_str!("../data/gazetteer/places.tsv");
const NAMES: &str = include_str!("../data/gazetteer/names.tsv");
const NAMES_IDX: &[u8] = include_bytes!("../data/gazetteer/names.idx");
const ACTORS: &str = include_str!("../data/gazetteer/actors.tsv");
const PARTS: &str = include_str!("../data/gazetteer/parts.tsv");

/// The longest place name, in words, that is looked up.
const MAX_WORDS: usize = 12;

/// The longest place name, in bytes, that is looked up (the longest in
/// `names.tsv` has 71).
const KEY_ROOM: usize = 192;

/// What a place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A country or territory with an ISO 3166-1 code.
    Country,
    /// A first-level region: a state, province, governorate.
    Region,
    /// A second-level region: a county, district, province of a region.
    District,
    /// A town or city.
    Town,
    /// A region across borders or without official limits (Kashmir, the
    /// Middle East).
    Area,
    /// A sea, gulf or strait.
    Sea,
}

impl Kind {
    fn from_code(code: &str) -> Kind {
        match code {
            "c" => Kind::Country,
            "r" => Kind::Region,
            "d" => Kind::District,
            "t" => Kind::Town,
            "s" => Kind::Sea,
            _ => Kind::Area,
        }
    }

    /// The kind's name: `country`, `region`, `district`, `town`, `area`,
    /// `sea`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Country => "country",
            Kind::Region => "region",
            Kind::District => "district",
            Kind::Town => "town",
            Kind::Area => "area",
            Kind::Sea => "sea",
        }
    }
}

/// A place of the gazetteer: the byte offset of the line of `places.tsv`
/// that describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlaceId(pub u32);

/// A name of the gazetteer: the byte offset of its line of `names.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NameId(pub u32);

/// A table of lines sorted as bytes, searched where it lies: nothing is
/// built to read it.
struct Table {
    text: &'static str,
}

impl Table {
    /// The line starting at byte `start` (empty if no line starts there).
    fn line(&self, start: usize) -> &'static str {
        let text = self.text;
        let starts_line = start == 0 || text.as_bytes().get(start - 1) == Some(&b'\n');
        if start >= text.len() || !starts_line {
            return "";
        }
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |e| start + e);
        &text[start..end]
    }

    /// The start of the line after the one starting at `start`.
    fn next(&self, start: usize) -> usize {
        let bytes = self.text.as_bytes();
        match memchr::memchr(b'\n', bytes.get(start..).unwrap_or_default()) {
            Some(e) => start + e + 1,
            None => bytes.len(),
        }
    }

    /// The first line starting in `lo..hi` (line starts, or the end) that
    /// is not below `key`, or `hi`.
    fn lower_bound(&self, mut lo: usize, mut hi: usize, key: &[u8]) -> usize {
        let bytes = self.text.as_bytes();
        hi = hi.min(bytes.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            // The line that holds `mid` starts at or after `lo`.
            let start = memchr::memrchr(b'\n', &bytes[lo..mid]).map_or(lo, |p| lo + p + 1);
            if self.line(start).as_bytes() < key {
                lo = self.next(start);
            } else {
                hi = start;
            }
        }
        lo
    }

    /// Every line start.
    fn starts(&self) -> impl Iterator<Item = usize> + '_ {
        let mut at = 0;
        std::iter::from_fn(move || {
            (at < self.text.len()).then(|| {
                let start = at;
                at = self.next(at);
                start
            })
        })
    }
}

/// `names.idx`: for each first two bytes `b`, the first line whose first
/// two bytes are `b` or more (65,537 numbers), then where each line of
/// `names.tsv` starts; little-endian u32s, written by `build.py`.
struct Index(&'static [u8]);

/// The buckets before the line starts in `names.idx`.
const BUCKETS: usize = 65_537;

impl Index {
    fn u32_at(&self, i: usize) -> usize {
        self.0
            .get(4 * i..4 * i + 4)
            .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    /// How many lines.
    fn len(&self) -> usize {
        (self.0.len() / 4).saturating_sub(BUCKETS)
    }

    /// Where line `i` starts.
    fn get(&self, i: usize) -> usize {
        self.u32_at(BUCKETS + i)
    }

    /// The lines whose first two bytes are `code`.
    fn bucket(&self, code: usize) -> (usize, usize) {
        let len = self.len();
        let lo = self.u32_at(code).min(len);
        (lo, self.u32_at(code + 1).clamp(lo, len))
    }
}

/// The first two bytes at `at`, as a number.
fn two_bytes(text: &[u8], at: usize) -> usize {
    let b = |k: usize| usize::from(text.get(at + k).copied().unwrap_or(0));
    b(0) << 8 | b(1)
}

/// What the search of a first word found, remembered per thread in a
/// small table: the word's hash picks a slot, which holds the word itself,
/// so that a hit is always the same word.
mod memo {
    use super::NameId;
    use std::cell::RefCell;

    const SLOTS: usize = 4096;
    const LONGEST: usize = 30;

    #[derive(Clone, Copy)]
    struct Slot {
        len: u8,
        word: [u8; LONGEST],
        exact: u32,
        more: u32,
        end: u32,
    }

    const EMPTY: Slot = Slot {
        len: 0,
        word: [0; LONGEST],
        exact: u32::MAX,
        more: u32::MAX,
        end: 0,
    };

    thread_local! {
        static TABLE: RefCell<Vec<Slot>> = const { RefCell::new(Vec::new()) };
        static PLACES: RefCell<std::collections::HashMap<Box<str>, Option<super::PlaceId>>> =
            RefCell::new(std::collections::HashMap::new());
    }

    /// Slots of the tables of lines below, by a hash of the line's start.
    const LINE_SLOTS: usize = 4096;

    thread_local! {
        static NAMES: RefCell<Vec<(u32, &'static str, &'static str)>> =
            const { RefCell::new(Vec::new()) };
        static RECORDS: RefCell<Vec<(u32, super::Record)>> = const { RefCell::new(Vec::new()) };
    }

    fn line_slot(key: u32) -> usize {
        (key.wrapping_mul(0x9e37_79b9) >> 20) as usize & (LINE_SLOTS - 1)
    }

    /// The fields of the name at `key`, cut by `cut` the first time.
    pub(super) fn name(
        key: u32,
        cut: impl FnOnce() -> (&'static str, &'static str),
    ) -> (&'static str, &'static str) {
        let slot = line_slot(key);
        let hit = NAMES.with(|t| {
            t.borrow()
                .get(slot)
                .filter(|s| s.0 == key)
                .map(|s| (s.1, s.2))
        });
        if let Some(hit) = hit {
            return hit;
        }
        let found = cut();
        NAMES.with(|t| {
            let mut t = t.borrow_mut();
            if t.is_empty() {
                t.resize(LINE_SLOTS, (u32::MAX, "", ""));
            }
            t[slot] = (key, found.0, found.1);
        });
        found
    }

    /// The record of the place at `key`, cut by `cut` the first time.
    pub(super) fn record(key: u32, cut: impl FnOnce() -> super::Record) -> super::Record {
        let slot = line_slot(key);
        let hit = RECORDS.with(|t| t.borrow().get(slot).filter(|s| s.0 == key).map(|s| s.1));
        if let Some(hit) = hit {
            return hit;
        }
        let found = cut();
        RECORDS.with(|t| {
            let mut t = t.borrow_mut();
            if t.is_empty() {
                t.resize(LINE_SLOTS, (u32::MAX, super::Record::EMPTY));
            }
            t[slot] = (key, found);
        });
        found
    }

    /// The most slugs remembered: past it the table starts again (slugs
    /// come from claims, which may be any text).
    const PLACES_KEPT: usize = 1 << 16;

    /// The place of a slug, found by `search` the first time.
    pub(super) fn place(
        slug: &str,
        search: impl FnOnce() -> Option<super::PlaceId>,
    ) -> Option<super::PlaceId> {
        if let Some(hit) = PLACES.with(|t| t.borrow().get(slug).copied()) {
            return hit;
        }
        let found = search();
        PLACES.with(|t| {
            let mut t = t.borrow_mut();
            if t.len() >= PLACES_KEPT {
                t.clear();
            }
            t.insert(slug.into(), found);
        });
        found
    }

    /// The search of the words `word` (separated by spaces): the name
    /// that is the words, where longer names start and the end of the
    /// lines searched; found by `search` the first time.
    pub(super) fn search(
        word: &[u8],
        search: impl FnOnce() -> (Option<NameId>, Option<usize>, usize),
    ) -> (Option<NameId>, Option<usize>, usize) {
        if word.is_empty() || word.len() > LONGEST {
            return search();
        }
        let mut h: u32 = 0x811c_9dc5;
        for &b in word {
            h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
        let slot = (h as usize) & (SLOTS - 1);
        let hit = TABLE.with(|t| {
            let t = t.borrow();
            t.get(slot)
                .filter(|s| usize::from(s.len) == word.len() && &s.word[..word.len()] == word)
                .copied()
        });
        if let Some(s) = hit {
            let exact = (s.exact != u32::MAX).then_some(NameId(s.exact));
            let more = (s.more != u32::MAX).then_some(s.more as usize);
            return (exact, more, s.end as usize);
        }
        let found = search();
        let (exact, more, end) = found;
        let mut s = EMPTY;
        s.len = word.len() as u8;
        s.word[..word.len()].copy_from_slice(word);
        s.exact = exact.map_or(u32::MAX, |n| n.0);
        s.more = more.map_or(u32::MAX, |m| m as u32);
        s.end = end as u32;
        TABLE.with(|t| {
            let mut t = t.borrow_mut();
            if t.is_empty() {
                t.resize(SLOTS, EMPTY);
            }
            t[slot] = s;
        });
        found
    }
}

/// Is the line starting at `start` below `key`? The bytes that end a line
/// or its first field (`\n`, `\t`) are below every byte of a key, so the
/// line need not be cut first.
#[inline]
fn below(text: &[u8], start: usize, key: &[u8]) -> bool {
    // Byte by byte: the first or second byte decides most probes, and a
    // call to memcmp costs more than that.
    let line = text.get(start..).unwrap_or_default();
    for (i, &k) in key.iter().enumerate() {
        match line.get(i) {
            Some(&c) if c == k => continue,
            Some(&c) => return c < k,
            None => return true,
        }
    }
    false
}

/// The fields a place's line has.
const RECORD_FIELDS: usize = 6;

/// A place's line and where each of its first fields starts and ends, cut
/// once per thread (see `memo::record`).
#[derive(Clone, Copy)]
struct Record {
    line: &'static str,
    bounds: [(u16, u16); RECORD_FIELDS],
    /// The place's kind, read from its field.
    kind: Kind,
    /// The place that contains it, read from its field and checked.
    parent: Option<PlaceId>,
}

impl Record {
    const EMPTY: Record = Record {
        line: "",
        bounds: [(0, 0); RECORD_FIELDS],
        kind: Kind::Area,
        parent: None,
    };

    /// The record of place `id` of `places`: its fields, as [`field`]
    /// cuts them, its kind and its parent.
    fn of(places: &Table, id: PlaceId) -> Record {
        let line = places.line(id.0 as usize);
        let mut r = Record::cut(line);
        r.kind = Kind::from_code(r.field(1));
        r.parent = r
            .field(2)
            .parse::<u32>()
            .ok()
            .filter(|&p| p != id.0 && !places.line(p as usize).is_empty())
            .map(PlaceId);
        r
    }

    /// The fields of `line`, as [`field`] cuts them.
    fn cut(line: &'static str) -> Record {
        let mut r = Record {
            line,
            ..Record::EMPTY
        };
        if line.len() > usize::from(u16::MAX) {
            // No such line in the tables; cut as `field` would, kept
            // right if one ever were.
            return r;
        }
        let bytes = line.as_bytes();
        let mut start = 0;
        for n in 0..RECORD_FIELDS {
            let end = bytes[start..]
                .iter()
                .position(|&b| b == b'\t')
                .map_or(bytes.len(), |e| start + e);
            r.bounds[n] = (start as u16, end as u16);
            if end == bytes.len() {
                break;
            }
            start = end + 1;
        }
        r
    }

    /// Field `n` (below [`RECORD_FIELDS`]), as [`field`] gives it.
    #[inline]
    fn field(&self, n: usize) -> &'static str {
        if self.line.len() > usize::from(u16::MAX) {
            return field(self.line, n);
        }
        let (a, b) = self.bounds[n];
        self.line
            .get(usize::from(a)..usize::from(b))
            .unwrap_or_default()
    }
}

/// The tables, found once.
pub struct Gazetteer {
    places: Table,
    names: Table,
    index: Index,
    /// (actor, places, names) of each line of `actors.tsv`.
    actors: Vec<(&'static str, &'static str, &'static str)>,
    /// (word, part) of `parts.tsv`.
    parts: Vec<(&'static str, &'static str)>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("places", &self.places.text.len())
            .field("names", &self.names.text.len())
            .field("actors", &self.actors.len())
            .finish()
    }
}

/// The built-in gazetteer.
pub fn get() -> &'static Gazetteer {
    static GAZ: OnceLock<Gazetteer> = OnceLock::new();
    GAZ.get_or_init(|| {
        let fields = |line: &'static str| {
            let mut f = line.splitn(3, '\t');
            (
                f.next().unwrap_or_default(),
                f.next().unwrap_or_default(),
                f.next().unwrap_or_default(),
            )
        };
        let lines = |text: &'static str| {
            text.lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        };
        Gazetteer {
            places: Table { text: PLACES },
            names: Table { text: NAMES },
            index: Index(NAMES_IDX),
            actors: lines(ACTORS).map(fields).collect(),
            parts: lines(PARTS)
                .map(|l| {
                    let (w, p, _) = fields(l);
                    (w, p)
                })
                .collect(),
        }
    })
}

/// Field `n` of a line (fields separated by tabs). The lines are short: a
/// loop over their bytes costs less than a search call per tab.
fn field(line: &'static str, n: usize) -> &'static str {
    let bytes = line.as_bytes();
    let mut start = 0;
    for _ in 0..n {
        match bytes[start..].iter().position(|&b| b == b'\t') {
            Some(t) => start += t + 1,
            None => return "",
        }
    }
    let end = bytes[start..]
        .iter()
        .position(|&b| b == b'\t')
        .map_or(bytes.len(), |e| start + e);
    &line[start..end]
}

impl Gazetteer {
    /// The bound of place ids: every [`PlaceId`] is below it.
    pub fn id_bound(&self) -> usize {
        self.places.text.len()
    }

    /// Every place, in slug order.
    pub fn all(&self) -> impl Iterator<Item = PlaceId> + '_ {
        self.places.starts().map(|s| PlaceId(s as u32))
    }

    /// The place of a slug (not a part: see [`Gazetteer::resolve`]).
    pub fn place(&self, slug: &str) -> Option<PlaceId> {
        // Linking asks for the same few hundred slugs for every claim: the
        // search is remembered per thread.
        memo::place(slug, || self.search_place(slug))
    }

    /// [`Gazetteer::place`], searched in the table.
    fn search_place(&self, slug: &str) -> Option<PlaceId> {
        let mut key = Vec::with_capacity(slug.len() + 1);
        key.extend_from_slice(slug.as_bytes());
        key.push(b'\t');
        let i = self.places.lower_bound(0, self.places.text.len(), &key);
        self.places
            .line(i)
            .as_bytes()
            .starts_with(&key)
            .then_some(PlaceId(i as u32))
    }

    /// The place of a slug or of a part's slug (`eastern_libya`): the place
    /// and the part, if any.
    pub fn resolve(&self, slug: &str) -> Option<(PlaceId, Option<&'static str>)> {
        if let Some(p) = self.place(slug) {
            return Some((p, None));
        }
        let (part, rest) = slug.split_once('_')?;
        let part = self.parts.iter().find(|(_, p)| *p == part)?.1;
        Some((self.place(rest)?, Some(part)))
    }

    fn record(&self, id: PlaceId) -> Record {
        memo::record(id.0, || Record::of(&self.places, id))
    }

    /// A name's places (its second field) and flags (its third), cut once
    /// per thread.
    fn name_fields(&self, name: NameId) -> (&'static str, &'static str) {
        memo::name(name.0, || {
            let line = self.names.line(name.0 as usize);
            (field(line, 1), field(line, 2))
        })
    }

    /// A place's slug.
    pub fn slug(&self, id: PlaceId) -> &'static str {
        self.record(id).field(0)
    }

    /// What a place is.
    pub fn kind(&self, id: PlaceId) -> Kind {
        self.record(id).kind
    }

    /// The place that contains it, if any.
    pub fn parent(&self, id: PlaceId) -> Option<PlaceId> {
        self.record(id).parent
    }

    /// Its population (for a region, that of its towns in the tables; 0
    /// where unknown).
    pub fn population(&self, id: PlaceId) -> u64 {
        self.record(id).field(3).parse().unwrap_or(0)
    }

    /// The actor the place's name also names: a country's, or a large
    /// capital's ("Moscow said").
    pub fn actor(&self, id: PlaceId) -> Option<&'static str> {
        Some(self.record(id).field(4)).filter(|a| *a != "-" && !a.is_empty())
    }

    /// The place's name as written.
    pub fn name(&self, id: PlaceId) -> &'static str {
        self.record(id).field(5)
    }

    /// The places that contain it, nearest first.
    pub fn ancestors(&self, id: PlaceId) -> impl Iterator<Item = PlaceId> + '_ {
        let mut at = Some(id);
        // A bound, in case a table were ever cyclic.
        let mut steps = 0;
        std::iter::from_fn(move || {
            steps += 1;
            at = at.and_then(|p| self.parent(p)).filter(|_| steps < 16);
            at
        })
    }

    /// The country a place is in, or the place itself for a country.
    pub fn country(&self, id: PlaceId) -> Option<PlaceId> {
        std::iter::once(id)
            .chain(self.ancestors(id))
            .find(|&p| self.kind(p) == Kind::Country)
    }

    /// The actor of the people of a place: its country's, else that of a
    /// people of it or of a place containing it (Kashmiris of Kashmir).
    pub fn people_of(&self, id: PlaceId) -> Option<&'static str> {
        if let Some(actor) = self.country(id).and_then(|c| self.actor(c)) {
            return Some(actor);
        }
        let chain: Vec<&str> = std::iter::once(id)
            .chain(self.ancestors(id))
            .map(|p| self.slug(p))
            .collect();
        self.actors
            .iter()
            .find(|(_, places, _)| places.split(',').any(|p| chain.contains(&p)))
            .map(|(a, _, _)| *a)
    }

    /// The demonyms and peoples: (actor, the places it is the people of,
    /// its names separated by `|`).
    pub fn actors(&self) -> &[(&'static str, &'static str, &'static str)] {
        &self.actors
    }

    /// The words of direction that make a part of a place, and the part
    /// each makes (`north` -> `northern`).
    pub fn parts(&self) -> &[(&'static str, &'static str)] {
        &self.parts
    }

    /// The longest name made of the words `word(0)`, `word(1)`, ... (the
    /// tokenizer's lowercase forms): how many words and which name.
    pub fn longest<'w>(
        &self,
        mut word: impl FnMut(usize) -> Option<&'w str>,
    ) -> Option<(usize, NameId)> {
        let index = &self.index;
        // The words so far, on the stack: no name is as long (the tests
        // look every name up).
        let mut room = [0u8; KEY_ROOM];
        let mut len = 0;
        let mut best = None;
        let (mut lo, mut hi) = (0, index.len());
        for k in 0..MAX_WORDS {
            let Some(w) = word(k) else { break };
            let w = w.as_bytes();
            let gap = usize::from(k > 0);
            if w.is_empty() || len + gap + w.len() > KEY_ROOM {
                break;
            }
            if k > 0 {
                room[len] = b' ';
            }
            room[len + gap..len + gap + w.len()].copy_from_slice(w);
            len += gap + w.len();
            let key = &room[..len];
            // The same few thousand words and names again and again in
            // news: each search remembered, by its words (which decide the
            // lines it searches).
            let (exact, more, end) = memo::search(key, || {
                // A word with a tab is no name (the tab ends a name in
                // the table): the search ends, remembered as any other.
                if w.contains(&b'\t') {
                    return (None, None, hi);
                }
                let (lo, hi) = match k {
                    0 if key.len() >= 2 => index.bucket(two_bytes(key, 0)),
                    0 => (0, index.len()),
                    _ => (lo, hi),
                };
                let (exact, more) = self.step(key, lo, hi);
                (exact, more, hi)
            });
            hi = end;
            if let Some(name) = exact {
                best = Some((k + 1, name));
            }
            match more {
                Some(next) => lo = next,
                None => break,
            }
        }
        best
    }

    /// Among the name lines `lo..hi`, which all start with the words of
    /// `key` but its last: the name that is `key`, and where the names
    /// longer than it start, if any.
    fn step(&self, key: &[u8], lo: usize, hi: usize) -> (Option<NameId>, Option<usize>) {
        let text = self.names.text.as_bytes();
        let index = &self.index;
        let (mut a, mut b) = (lo, hi);
        while a < b {
            let mid = a + (b - a) / 2;
            if below(text, index.get(mid), key) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        let starts_with = |i: usize, next: u8| {
            let at = index.get(i);
            i < hi
                && text.get(at + key.len()) == Some(&next)
                && text.get(at..at + key.len()) == Some(key)
        };
        let mut at = a;
        let mut exact = None;
        if starts_with(at, b'\t') {
            exact = Some(NameId(index.get(at) as u32));
            at += 1;
        }
        // A longer name follows right after, if there is one.
        let more = starts_with(at, b' ').then_some(at);
        (exact, more)
    }

    /// The name of a given text (words separated by spaces, lowercase).
    pub fn name_id(&self, text: &str) -> Option<NameId> {
        let words: Vec<&str> = text.split(' ').collect();
        match self.longest(|k| words.get(k).copied()) {
            Some((n, id)) if n == words.len() => Some(id),
            _ => None,
        }
    }

    /// The places a name may mean, the default first.
    pub fn candidates(&self, name: NameId) -> impl Iterator<Item = PlaceId> + '_ {
        self.name_fields(name)
            .0
            .split(',')
            .filter_map(|p| p.parse::<u32>().ok())
            .filter(|&p| !self.record(PlaceId(p)).line.is_empty())
            .map(PlaceId)
    }

    /// The name is a common English word ("Reading", "Split"): a place only
    /// where the text says it is one ("in Reading").
    pub fn weak(&self, name: NameId) -> bool {
        self.flag(name, b'w')
    }

    fn flag(&self, name: NameId, flag: u8) -> bool {
        self.name_fields(name).1.as_bytes().contains(&flag)
    }

    /// The name is mostly said as an adjective ("US forces"): a place only
    /// after a preposition ("in the US").
    pub fn adjective(&self, name: NameId) -> bool {
        self.flag(name, b'a')
    }

    /// The name has more than one place.
    pub fn several(&self, name: NameId) -> bool {
        self.name_fields(name).0.contains(',')
    }

    /// The name has more than one place, and one other than the default
    /// may take it in an article about its country: a region, or a town of
    /// 50,000 people or more, elsewhere than the default's country
    /// (`SETTLE_POPULATION` of `build.py`).
    pub fn ambiguous(&self, name: NameId) -> bool {
        self.flag(name, b's')
    }

    /// Does `whole` contain `part` (strictly: a place does not contain
    /// itself)?
    pub fn contains(&self, whole: PlaceId, part: PlaceId) -> bool {
        self.ancestors(part).any(|p| p == whole)
    }
}

/// The slug of the country of a place, or the slug itself for a country;
/// `None` for a slug the gazetteer does not know or a place in no country
/// (a sea, Kashmir). A part (`eastern_libya`) is in its place's country.
pub fn country_of(slug: &str) -> Option<&'static str> {
    let g = get();
    let (p, _) = g.resolve(slug)?;
    g.country(p).map(|c| g.slug(c))
}

/// The slugs of the places that contain a place, nearest first: for
/// `lahaina`, `maui_county`, `hawaii`, `us`; for a part (`eastern_libya`),
/// its place and then those that contain it. Empty for an unknown slug.
pub fn within(slug: &str) -> impl Iterator<Item = &'static str> {
    let g = get();
    let resolved = g.resolve(slug);
    let first = resolved.and_then(|(p, part)| part.map(|_| g.slug(p)));
    let rest = resolved
        .into_iter()
        .flat_map(move |(p, _)| g.ancestors(p).map(|a| g.slug(a)));
    first.into_iter().chain(rest)
}

/// Does the place `whole` contain the place `part`? `contains("libya",
/// "derna")` and `contains("libya", "eastern_libya")` are true; a place
/// does not contain itself; unknown slugs contain nothing.
pub fn contains(whole: &str, part: &str) -> bool {
    whole != part && within(part).any(|w| w == whole)
}

/// The actor of the people of a place: `libya` for `derna`, `palestinians`
/// for `gaza`, `kashmiris` for `kashmir`.
pub fn people_of(slug: &str) -> Option<&'static str> {
    let g = get();
    g.resolve(slug).and_then(|(p, _)| g.people_of(p))
}

/// The places an actor is the people of: `libya` for `libya` (and for the
/// demonyms that name it), `gaza` and `west_bank` for `palestinians`,
/// `kashmir` for `kashmiris`. Empty for an actor that is no people (`un`).
pub fn places_of_people(actor: &str) -> Vec<&'static str> {
    get()
        .actors
        .iter()
        .find(|(a, _, _)| *a == actor)
        .map(|(_, places, _)| places.split(',').filter(|p| !p.is_empty()).collect())
        .unwrap_or_default()
}

/// The kind of a place, by slug (a part has its place's kind).
pub fn kind_of(slug: &str) -> Option<Kind> {
    let g = get();
    g.resolve(slug).map(|(p, _)| g.kind(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(slug: &str) -> PlaceId {
        get()
            .place(slug)
            .unwrap_or_else(|| panic!("no place {slug}"))
    }

    #[test]
    fn towns_are_in_regions_in_countries() {
        assert_eq!(country_of("derna"), Some("libya"));
        assert!(contains("libya", "derna"));
        assert!(contains("hawaii", "lahaina"));
        assert!(contains("us", "hawaii"));
        assert!(contains("us", "lahaina"));
        assert!(contains("morocco", "marrakesh"));
        assert!(!contains("derna", "libya"));
        assert!(!contains("libya", "libya"));
        let chain: Vec<&str> = within("lahaina").collect();
        assert_eq!(chain.last(), Some(&"us"), "{chain:?}");
        assert!(chain.contains(&"hawaii"), "{chain:?}");
        assert_eq!(kind_of("lahaina"), Some(Kind::Town));
        assert_eq!(kind_of("hawaii"), Some(Kind::Region));
        assert_eq!(kind_of("libya"), Some(Kind::Country));
        assert_eq!(kind_of("red_sea"), Some(Kind::Sea));
        assert_eq!(country_of("red_sea"), None);
        assert_eq!(country_of("nowhere_at_all"), None);
    }

    #[test]
    fn parts_are_inside_their_place() {
        assert_eq!(country_of("eastern_libya"), Some("libya"));
        assert!(contains("libya", "eastern_libya"));
        assert_eq!(within("eastern_libya").next(), Some("libya"));
        // A slug that only starts like a part is itself.
        assert_eq!(country_of("south_sudan"), Some("south_sudan"));
        assert_eq!(country_of("west_bank"), Some("palestine"));
        assert_eq!(country_of("western_nowhere"), None);
    }

    #[test]
    fn peoples_link_to_their_places() {
        assert_eq!(places_of_people("libya"), ["libya"]);
        assert_eq!(places_of_people("palestinians"), ["gaza", "west_bank"]);
        assert_eq!(places_of_people("kashmiris"), ["kashmir"]);
        assert!(places_of_people("un").is_empty());
        assert_eq!(people_of("derna"), Some("libya"));
        assert_eq!(people_of("gaza"), Some("palestinians"));
        assert_eq!(people_of("kashmir"), Some("kashmiris"));
        assert_eq!(people_of("red_sea"), None);
    }

    #[test]
    fn names_find_their_places_longest_first() {
        let g = get();
        let first = |text: &str| {
            let id = g.name_id(text).unwrap_or_else(|| panic!("no name {text}"));
            g.slug(g.candidates(id).next().unwrap())
        };
        assert_eq!(first("derna"), "derna");
        assert_eq!(first("marrakech"), "marrakesh");
        assert_eq!(first("georgia"), "georgia");
        assert_eq!(first("jordan"), "jordan");
        assert_eq!(first("tripoli"), "tripoli");
        assert_eq!(first("niger"), "niger");
        assert_eq!(first("nigeria"), "nigeria");
        assert_eq!(first("new mexico"), "new_mexico");
        assert_eq!(first("mexico"), "mexico");
        assert_eq!(first("gaza"), "gaza");
        assert_eq!(first("gaza city"), "gaza_city");
        assert_eq!(first("kashmir"), "kashmir");
        let words = ["new", "mexico", "state"];
        let (n, id) = g.longest(|k| words.get(k).copied()).unwrap();
        assert_eq!(
            (n, g.slug(g.candidates(id).next().unwrap())),
            (2, "new_mexico")
        );
        assert!(g.name_id("of").is_none(), "Of, Turkey, is dropped");
        for w in [
            "reading", "split", "most", "police", "paradise", "nice", "mobile", "bath",
        ] {
            let id = g.name_id(w).unwrap_or_else(|| panic!("{w}"));
            assert!(g.weak(id), "{w} is a common word");
        }
        assert!(!g.weak(g.name_id("derna").unwrap()));
        assert!(
            !g.weak(g.name_id("chad").unwrap()),
            "a country is never weak"
        );
        let tripoli = g.name_id("tripoli").unwrap();
        assert!(g.ambiguous(tripoli));
        assert!(g
            .candidates(tripoli)
            .any(|p| g.country(p) == Some(place("lebanon"))));
    }

    /// Every name is stored as the tokenizer cuts it, so that it can match.
    #[test]
    fn names_are_stored_as_the_tokenizer_reads_them() {
        let g = get();
        let mut bad = Vec::new();
        for i in g.names.starts() {
            let name = field(g.names.line(i), 0);
            let tokens = crate::extract::text::tokenize(name, 0, name.len());
            let words: Vec<&str> = tokens.iter().map(|t| t.norm.as_ref()).collect();
            if words.join(" ") != name {
                bad.push(name);
            }
        }
        assert!(
            bad.is_empty(),
            "{} names cut otherwise: {:?}",
            bad.len(),
            &bad[..bad.len().min(20)]
        );
    }

    /// LINKING.md A.5: every country is a place and an actor, and the actor
    /// has a people's names.
    #[test]
    fn every_country_is_a_place_an_actor_and_a_people() {
        let g = get();
        let mut countries = 0;
        for p in g.all() {
            if g.kind(p) != Kind::Country {
                continue;
            }
            countries += 1;
            let actor = g
                .actor(p)
                .unwrap_or_else(|| panic!("{} has no actor", g.slug(p)));
            assert!(
                g.actors().iter().any(|(a, _, _)| *a == actor),
                "{actor} is not among the actors"
            );
            assert_eq!(g.country(p), Some(p));
            assert!(g.parent(p).is_none(), "{} is inside a place", g.slug(p));
        }
        assert!(countries >= 240, "{countries} countries");
    }

    /// The tables hold together: sorted, parents inside the table, every
    /// name's places inside it, slugs made of lowercase letters, digits and
    /// `_` (they become part of keys).
    #[test]
    fn tables_are_sorted_and_consistent() {
        let g = get();
        let mut prev = "";
        for p in g.all() {
            let slug = g.slug(p);
            assert!(prev < slug, "{prev} >= {slug}");
            assert!(
                slug.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{slug}"
            );
            if let Some(parent) = g.parent(p) {
                assert!(parent != p);
            }
            assert_eq!(g.place(slug), Some(p));
            prev = slug;
        }
        let mut prev = String::new();
        for i in g.names.starts() {
            let line = g.names.line(i);
            let name = field(line, 0);
            assert!(prev.as_str() < name, "{prev} >= {name}");
            let id = NameId(i as u32);
            assert!(g.candidates(id).next().is_some(), "{name} names nothing");
            if name.split(' ').count() <= MAX_WORDS {
                assert_eq!(g.name_id(name), Some(id), "{name}");
            }
            prev = name.to_string();
        }
        let starts: Vec<usize> = g.names.starts().collect();
        assert_eq!(starts.len(), g.index.len(), "names.idx is out of date");
        for (i, &at) in starts.iter().enumerate() {
            assert_eq!(g.index.get(i), at, "names.idx is out of date");
            let (lo, hi) = g.index.bucket(two_bytes(g.names.text.as_bytes(), at));
            assert!(lo <= i && i < hi, "names.idx's buckets are out of date");
        }
        // Location ids keep a part above the place's offset (lexicon).
        assert!(g.id_bound() < 1 << 26);
    }
}
