//! GROUP: link the claims that speak of the same quantity.
//!
//! Takes all claims of a run, each with the identity the resolve stage gave
//! it (measure, counted noun, part, frame, start, event, modality, whose,
//! place, as-of date), and returns [`Group`]s. Claims are linked by
//! compatible identities, not by equal key strings:
//!
//! 1. **Blocks.** Claims are blocked on every slot but the place and the
//!    dates, and on the place's country; claims with no country, or with
//!    several, go to the block's pool.
//! 2. **Phase one.** Claims whose place the sentence gives form groups by
//!    place; incidents are split further by overlapping dates.
//! 3. **Phase two.** A claim whose place came from the article (title,
//!    lead, an earlier sentence) or who has none joins the one phase-one
//!    group it fits (the same place, a place it contains or that contains
//!    it, within the group's run of dates); if several fit it stays apart
//!    and is listed as unlinked with its candidates. Claims left over form
//!    groups of their own by place, and a claim with no place at all stands
//!    alone in its article.
//! 4. **Series.** Each group is judged by `compare::series`; claims that
//!    fit no series leave it for groups of their own (`outlier_of`).
//!
//! Claims are put in a canonical order first, so the groups never depend on
//! the order they came in. Groups come in a stable order: divergences
//! first, then evolutions, agreements and single-article figures, each by
//! the number of articles (most first) and then by key and id.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::claim::{Claim, Frame, Modality, Status};
use crate::compare::{self, Verdict};
use crate::config::Config;

pub use crate::compare::Conflict;

/// The slots a group's claims share.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// What is counted.
    pub measure: String,
    /// The counted noun or state, where the measure counts different
    /// things.
    pub counted: Option<String>,
    /// A part of a whole ("children").
    pub part: Option<String>,
    /// The place, the most specific the group's claims give.
    pub place: Option<String>,
    /// The place's country.
    pub country: Option<String>,
    /// Whose, when all claims that name one name the same.
    pub whose: Option<String>,
    /// Tally, incident or stock.
    pub frame: Frame,
    /// A tally's start.
    pub since: Option<String>,
    /// A past event the figures belong to.
    pub event: Option<String>,
    /// Reported or projected.
    pub modality: Modality,
}

/// The claims about one quantity and what they say together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// The key of the group's first claim (`measure/actor/location`, as
    /// `extract` prints it), for pinned facts and accepted divergences.
    pub key: String,
    /// A stable id: the same claims give the same id in any run.
    pub id: String,
    /// agree, evolve, diverge or single.
    pub verdict: Verdict,
    /// The measure is a running tally.
    pub cumulative: bool,
    /// The finding in plain language.
    pub headline: String,
    /// The slots the claims share.
    pub identity: Identity,
    /// The claims, by as-of date (undated last), then publication date,
    /// article and position; each with its status.
    pub claims: Vec<Claim>,
    /// Pairs of claims that disagree, with the reason.
    pub conflicts: Vec<Conflict>,
    /// The ids of the groups made of this group's outliers.
    pub outliers: Vec<String>,
    /// For a group of outliers, the id of the group they were taken from.
    pub outlier_of: Option<String>,
}

impl Group {
    /// How many articles the group's claims come from.
    pub fn articles(&self) -> usize {
        let mut a: Vec<&str> = self.claims.iter().map(|c| c.article.as_str()).collect();
        a.sort_unstable();
        a.dedup();
        a.len()
    }
}

/// A claim left out of every group it could join, because it fits several.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unlinked {
    /// The claim's article.
    pub article: String,
    /// Its line.
    pub line: usize,
    /// Its column.
    pub column: usize,
    /// The number as written.
    pub number: String,
    /// Its key.
    pub key: String,
    /// The id of the group it stands in alone.
    pub group: String,
    /// The ids of the groups it could join.
    pub candidates: Vec<String>,
}

/// The groups of a run and the claims left unlinked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Linked {
    /// The groups, in their stable order.
    pub groups: Vec<Group>,
    /// Claims that fit several groups, in article order.
    pub unlinked: Vec<Unlinked>,
}

/// Links claims into groups and judges each group.
pub fn build(claims: Vec<Claim>, config: &Config) -> Vec<Group> {
    link(claims, config).groups
}

/// Gathers claims as they come (a run's claims need not also be held in
/// one list); [`Builder::finish`] links and judges them. The claims are
/// kept in the lists they came in (an article's), not copied into one
/// growing list: a large run's claims are moved once, into their groups.
#[derive(Debug, Default)]
pub struct Builder {
    chunks: Vec<Vec<Claim>>,
}

impl Builder {
    /// Adds a claim.
    pub fn add(&mut self, c: Claim) {
        match self.chunks.last_mut() {
            Some(last) if last.len() < last.capacity() => last.push(c),
            _ => {
                let mut chunk = Vec::with_capacity(1024);
                chunk.push(c);
                self.chunks.push(chunk);
            }
        }
    }

    /// Adds claims, in their order, after those added before.
    pub fn add_all(&mut self, claims: Vec<Claim>) {
        if claims.is_empty() {
            return;
        }
        // Copied into a list of its own size, made on this thread: the
        // list they came in (made larger as it grew, on the thread that
        // read the article) is freed for that thread to reuse.
        let mut chunk = Vec::with_capacity(claims.len());
        chunk.extend(claims);
        self.chunks.push(chunk);
    }

    /// The groups, linked and judged, in their stable order.
    pub fn finish(self, config: &Config) -> Vec<Group> {
        link_chunks(self.chunks, config).groups
    }

    /// [`Builder::finish`], with the unlinked claims.
    pub fn finish_linked(self, config: &Config) -> Linked {
        link_chunks(self.chunks, config)
    }
}

/// The slots a block shares: everything but the place and the dates.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Signature {
    measure: String,
    currency: Option<String>,
    counted: Option<String>,
    part: Option<String>,
    modality: Modality,
    frame: Frame,
    event: Option<String>,
}

fn signature(c: &Claim) -> Signature {
    Signature {
        measure: c.measure.clone(),
        currency: c.currency.clone(),
        counted: c.counted.clone(),
        part: c.part.clone(),
        modality: c.modality,
        frame: c.frame,
        event: c.event.clone(),
    }
}

/// A tally's start as a date: words after "since" ("the war began") say
/// too little to tell tallies apart.
fn since_date(c: &Claim) -> Option<&str> {
    c.since
        .as_deref()
        .filter(|s| crate::corpus::Date::parse(s).is_some())
}

/// The country of a claim's place; `None` for no place or several
/// countries.
fn country(c: &Claim) -> Option<String> {
    countries_of(c.place.as_deref()?).map(str::to_string)
}

/// The one country of a place or a list of places (`iraq+syria` has
/// none).
fn countries_of(place: &str) -> Option<&str> {
    let mut countries = place.split('+').map(crate::places::country_of);
    let first = countries.next()??;
    countries.all(|c| c == Some(first)).then_some(first)
}

/// Did the sentence itself give the claim's place?
fn place_explicit(c: &Claim) -> bool {
    c.place.is_some() && !c.slots_from.contains_key("place")
}

/// The day a claim stands for: its as-of date, else its publication date.
fn day(c: &Claim) -> Option<i64> {
    c.as_of.or(c.date).map(crate::corpus::Date::days)
}

/// The days an incident covers, from its scope: a day, a week or month
/// ending at the publication date, a month.
fn interval(c: &Claim) -> Option<(i64, i64)> {
    let at = day(c);
    let Some(scope) = c.scope.as_deref() else {
        return at.map(|d| (d, d));
    };
    if let Some(d) = crate::corpus::Date::parse(scope) {
        return Some((d.days(), d.days()));
    }
    if let Some((kind, date)) = scope.split_once('-') {
        if let Some(d) = crate::corpus::Date::parse(date) {
            let back = if kind == "month" { 31 } else { 7 };
            return Some((d.days() - back, d.days()));
        }
    }
    // `YYYY-MM`: the month.
    if let Some(d) = crate::corpus::Date::parse(&format!("{scope}-01")) {
        return Some((d.days(), d.days() + 30));
    }
    at.map(|d| (d, d))
}

/// Links and judges the claims of a run.
pub fn link(claims: Vec<Claim>, config: &Config) -> Linked {
    link_chunks(vec![claims], config)
}

/// [`link`] of the claims of several lists, taken in turn.
fn link_chunks(chunks: Vec<Vec<Claim>>, config: &Config) -> Linked {
    // The canonical order: the same claims in any order give the same
    // groups. The claims stay where they are; their places are sorted
    // (a stable sort, as the claims' own would be).
    let mut order: Vec<(u32, u32)> = chunks
        .iter()
        .enumerate()
        .flat_map(|(c, chunk)| (0..chunk.len()).map(move |i| (c as u32, i as u32)))
        .collect();
    let at = |&(c, i): &(u32, u32)| &chunks[c as usize][i as usize];
    order.sort_by(|a, b| {
        let (a, b) = (at(a), at(b));
        (&a.article, a.start, a.end, &a.key).cmp(&(&b.article, b.start, b.end, &b.key))
    });
    let claims: Vec<&Claim> = order.iter().map(at).collect();
    let claims = claims.as_slice();
    let window = i64::from(config.compare.window_days);
    // Blocks: signature, then country (`None`: the pool).
    let mut blocks: BTreeMap<(Signature, Option<String>), Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        blocks
            .entry((signature(c), country(c)))
            .or_default()
            .push(i);
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut ambiguous: Vec<(usize, Vec<usize>)> = Vec::new();
    // Phase-one groups by signature, for claims of the pool to join.
    let mut by_signature: BTreeMap<Signature, Vec<usize>> = BTreeMap::new();
    let mut pools: Vec<(Signature, Vec<usize>)> = Vec::new();
    for ((sig, country), members) in blocks {
        if country.is_none() {
            pools.push((sig, members));
            continue;
        }
        let first = groups.len();
        link_block(claims, &members, window, &mut groups, &mut ambiguous);
        // Groups merged into another are left empty: no candidates.
        by_signature
            .entry(sig)
            .or_default()
            .extend((first..groups.len()).filter(|&g| !groups[g].is_empty()));
    }
    for (sig, members) in pools {
        let candidates = by_signature.get(&sig).cloned().unwrap_or_default();
        link_pool(
            claims,
            &members,
            &candidates,
            window,
            &mut groups,
            &mut ambiguous,
        );
    }
    judge_all(chunks, &order, groups, ambiguous, config)
}

/// A phase-one group being formed: its place and its members.
struct Forming {
    place: Option<String>,
    members: Vec<usize>,
}

/// What a claim joining a phase-one group is held to, read once when
/// phase one ends: the group's place, the victims its claims name, its
/// run of days and (for incidents) the days its claims cover.
struct Summary {
    place: Option<String>,
    /// The places that contain the group's place.
    within: Vec<&'static str>,
    whose: Vec<String>,
    run: Option<(i64, i64)>,
    spans: Vec<(i64, i64)>,
}

impl Summary {
    fn of(claims: &[&Claim], place: Option<&str>, members: &[usize]) -> Summary {
        let mut whose: Vec<String> = members
            .iter()
            .filter_map(|&m| claims[m].whose.clone())
            .collect();
        whose.sort_unstable();
        whose.dedup();
        let days: Vec<i64> = members.iter().filter_map(|&m| day(claims[m])).collect();
        let run = days.iter().min().copied().zip(days.iter().max().copied());
        let incident = members
            .first()
            .is_some_and(|&m| claims[m].frame == Frame::Incident);
        let spans = if incident {
            members
                .iter()
                .filter_map(|&m| interval(claims[m]))
                .collect()
        } else {
            Vec::new()
        };
        Summary {
            place: place.map(str::to_string),
            within: place
                .map(|p| crate::gazetteer::within(p).collect())
                .unwrap_or_default(),
            whose,
            run,
            spans,
        }
    }
}

/// Links one block (one signature, one country).
fn link_block(
    claims: &[&Claim],
    members: &[usize],
    window: i64,
    groups: &mut Vec<Vec<usize>>,
    ambiguous: &mut Vec<(usize, Vec<usize>)>,
) {
    let (explicit, context): (Vec<usize>, Vec<usize>) =
        members.iter().partition(|&&i| place_explicit(claims[i]));
    // Phase one: by place, then (for incidents) by dates.
    let mut formed: Vec<Forming> = Vec::new();
    for part in split_by_place(claims, &explicit) {
        for members in split_by_time(claims, &part) {
            formed.push(Forming {
                place: claims[members[0]].place.clone(),
                members,
            });
        }
    }
    let phase_one = formed.len();
    // Phase two: each claim whose place came from the article joins the
    // one phase-one group it fits; attached claims never make a new group
    // fit, so the phase-one groups are held to what phase one made them.
    let summaries: Vec<Summary> = formed
        .iter()
        .map(|f| Summary::of(claims, f.place.as_deref(), &f.members))
        .collect();
    let mut leftover: Vec<usize> = Vec::new();
    for &i in &context {
        let c = &claims[i];
        let held = Held::of(c);
        let mut fits: Vec<usize> = (0..phase_one)
            .filter(|&g| fits(&summaries[g], c, &held, window))
            .collect();
        // The group of the very place the article names, if there is
        // one, before groups of a place within it or around it.
        let exact: Vec<usize> = fits
            .iter()
            .copied()
            .filter(|&g| summaries[g].place.is_some() && summaries[g].place == c.place)
            .collect();
        if exact.len() == 1 {
            fits = exact;
        }
        match fits.as_slice() {
            [g] => formed[*g].members.push(i),
            [] => leftover.push(i),
            _ => {
                // Kept out; its candidates are named once the groups have
                // their ids.
                ambiguous.push((i, fits.iter().map(|g| groups.len() + g).collect()));
                leftover.push(i);
            }
        }
    }
    // What is left groups with its own kind: the same place from the
    // article, then dates.
    let (lone, rest): (Vec<usize>, Vec<usize>) = leftover
        .into_iter()
        .partition(|i| ambiguous.iter().any(|(a, _)| a == i));
    for part in split_by_place(claims, &rest) {
        for members in split_by_time(claims, &part) {
            formed.push(Forming {
                place: claims[members[0]].place.clone(),
                members,
            });
        }
    }
    for i in lone {
        formed.push(Forming {
            place: claims[i].place.clone(),
            members: vec![i],
        });
    }
    let roots = merge_levels(claims, &mut formed, window);
    // A candidate merged into another group is that group.
    let base = groups.len();
    for (_, candidates) in ambiguous.iter_mut() {
        for g in candidates.iter_mut() {
            if let Some(&root) = g.checked_sub(base).and_then(|k| roots.get(k)) {
                *g = base + root;
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
    }
    groups.extend(formed.into_iter().map(|f| f.members));
}

/// The figures compared when two levels of place are merged: not small
/// counts, which agree by chance.
const LEVEL_MIN_VALUE: f64 = 10.0;

/// How many later reports of one figure each report is compared with when
/// levels are merged, so that a common figure costs linear time.
const LEVEL_LOOKS: usize = 64;

/// Groups of a place and of a place within it that give the same figure
/// at about the same time count one quantity named at two levels ("the
/// death toll in the city" and "the death toll in the country", both
/// "more than 5,300" on one day): their members go to the first group,
/// and the others are left empty. Returns each group's group.
fn merge_levels(claims: &[&Claim], formed: &mut [Forming], window: i64) -> Vec<usize> {
    let mut roots: Vec<usize> = (0..formed.len()).collect();
    if formed.len() < 2 {
        return roots;
    }
    fn find(roots: &mut [usize], mut g: usize) -> usize {
        while roots[g] != g {
            roots[g] = roots[roots[g]];
            g = roots[g];
        }
        g
    }
    // Each figure's reports: (figure, day, group).
    let mut reports: Vec<(u64, i64, usize)> = Vec::new();
    for (g, f) in formed.iter().enumerate() {
        if f.place.is_none() {
            continue;
        }
        for &i in &f.members {
            let c = &claims[i];
            if c.qualifier == crate::claim::Qualifier::Vague {
                continue;
            }
            let (Some(v), Some(d)) = (c.value.or(c.lower), day(c)) else {
                continue;
            };
            if v >= LEVEL_MIN_VALUE && v.is_finite() {
                reports.push((v.to_bits(), d, g));
            }
        }
    }
    reports.sort_unstable();
    for (k, &(v, d, g)) in reports.iter().enumerate() {
        for &(w, e, h) in reports[k + 1..].iter().take(LEVEL_LOOKS) {
            if w != v || e - d > window {
                break;
            }
            let (a, b) = (find(&mut roots, g), find(&mut roots, h));
            if a == b {
                continue;
            }
            let (Some(p), Some(q)) = (formed[g].place.as_deref(), formed[h].place.as_deref())
            else {
                continue;
            };
            if crate::places::contains(p, q) || crate::places::contains(q, p) {
                roots[a.max(b)] = a.min(b);
            }
        }
    }
    let roots: Vec<usize> = (0..formed.len()).map(|g| find(&mut roots, g)).collect();
    for g in 0..formed.len() {
        let root = roots[g];
        if root != g {
            let moved = std::mem::take(&mut formed[g].members);
            formed[root].members.extend(moved);
        }
    }
    for f in formed.iter_mut() {
        f.members.sort_unstable();
    }
    roots
}

/// Links the claims of a block's pool: those with several places group by
/// their places; a claim with no place joins the one group of its
/// signature it fits in time, else stands alone in its article.
fn link_pool(
    claims: &[&Claim],
    members: &[usize],
    candidates: &[usize],
    window: i64,
    groups: &mut Vec<Vec<usize>>,
    ambiguous: &mut Vec<(usize, Vec<usize>)>,
) {
    let (placed, unplaced): (Vec<usize>, Vec<usize>) =
        members.iter().partition(|&&i| claims[i].place.is_some());
    for part in split_by_place(claims, &placed) {
        for members in split_by_time(claims, &part) {
            groups.push(members);
        }
    }
    let summaries: Vec<Summary> = candidates
        .iter()
        .map(|&g| Summary::of(claims, None, &groups[g]))
        .collect();
    for i in unplaced {
        let c = &claims[i];
        let held = Held::of(c);
        let fits: Vec<usize> = candidates
            .iter()
            .zip(&summaries)
            .filter(|(_, summary)| fits(summary, c, &held, window))
            .map(|(&g, _)| g)
            .collect();
        match fits.as_slice() {
            [g] => groups[*g].push(i),
            [] => groups.push(vec![i]),
            _ => {
                ambiguous.push((i, fits.clone()));
                groups.push(vec![i]);
            }
        }
    }
}

/// Splits claims by their place string, then by their start: tallies
/// with different starting dates are different quantities (a later start
/// counts a sub-period), and a tally that gives none joins the earliest.
fn split_by_place(claims: &[&Claim], members: &[usize]) -> Vec<Vec<usize>> {
    let mut by: BTreeMap<(&str, Option<&str>), Vec<usize>> = BTreeMap::new();
    for &i in members {
        by.entry((
            claims[i].place.as_deref().unwrap_or(""),
            since_date(claims[i]),
        ))
        .or_default()
        .push(i);
    }
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut open: Option<(&str, usize)> = None;
    for ((place, since), members) in by {
        // Starts sort after `None` and earliest first: a place's claims
        // with no start go with its earliest one.
        match (open, since) {
            (Some((p, at)), Some(_))
                if p == place && out[at].iter().all(|&i| since_date(claims[i]).is_none()) =>
            {
                out[at].extend(members);
                out[at].sort_unstable();
            }
            _ => {
                open = Some((place, out.len()));
                out.push(members);
            }
        }
    }
    out
}

/// Splits incidents into runs of overlapping dates (one day of tolerance);
/// tallies and stocks stay whole.
fn split_by_time(claims: &[&Claim], members: &[usize]) -> Vec<Vec<usize>> {
    if members.is_empty() {
        return Vec::new();
    }
    if claims[members[0]].frame != Frame::Incident {
        return vec![members.to_vec()];
    }
    let mut dated: Vec<(i64, i64, usize)> = members
        .iter()
        .map(|&i| {
            let (a, b) = interval(claims[i]).unwrap_or((i64::MIN / 4, i64::MIN / 4));
            (a, b, i)
        })
        .collect();
    dated.sort_unstable();
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut end = i64::MIN;
    for (a, b, i) in dated {
        match out.last_mut() {
            Some(run) if a <= end + 1 => {
                run.push(i);
                end = end.max(b);
            }
            _ => {
                out.push(vec![i]);
                end = b;
            }
        }
    }
    for run in &mut out {
        run.sort_unstable();
    }
    out
}

/// What a claim is held to a group with, read once for all the groups:
/// the places that contain its place, nearest first, and its days.
struct Held {
    within: Vec<&'static str>,
    span: Option<(i64, i64)>,
}

impl Held {
    fn of(c: &Claim) -> Held {
        Held {
            within: c
                .place
                .as_deref()
                .map(|p| crate::gazetteer::within(p).collect())
                .unwrap_or_default(),
            span: interval(c),
        }
    }
}

/// Does claim `c` (whose place came from its article, or is missing) fit
/// a phase-one group? Its place is the group's, contains it or lies in it;
/// it names no other victims; its dates fall in the group's run (for an
/// incident, overlap the group's days). `held` is [`Held::of`] the claim.
fn fits(group: &Summary, c: &Claim, held: &Held, window: i64) -> bool {
    if let (Some(place), Some(theirs)) = (c.place.as_deref(), group.place.as_deref()) {
        // Equal, or one contains the other (`places::contains`, with the
        // places around each read once).
        let related =
            place == theirs || group.within.contains(&place) || held.within.contains(&theirs);
        if !related {
            return false;
        }
    }
    // Victims named differently: "Kenyan police" are not Haiti's people.
    if let Some(whose) = c.whose.as_deref() {
        if !group.whose.is_empty() && !group.whose.iter().any(|w| w == whose) {
            return false;
        }
    }
    let Some((lo, hi)) = group.run else {
        return true;
    };
    if c.frame == Frame::Incident {
        return match held.span {
            Some((a, b)) => group.spans.iter().any(|&(x, y)| a <= y + 1 && x <= b + 1),
            None => false,
        };
    }
    // A tally or a stock of a placed claim spans its whole run; a claim
    // with no place must fall within the group's run.
    if c.place.is_some() {
        return true;
    }
    match day(c) {
        Some(d) => d >= lo - window && d <= hi + window,
        None => true,
    }
}

/// A group's id: a hash of its identity and its first claim.
fn group_id(identity: &Identity, first: &Claim) -> String {
    let text = format!(
        "{:?}|{}|{}|{}",
        identity, first.article, first.start, first.number
    );
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("g{:08x}", (h >> 32) ^ (h & 0xffff_ffff))
}

/// The identity the claims of a group share.
fn identity(claims: &[Claim]) -> Identity {
    let first = &claims[0];
    // The most specific place: one that lies in every other.
    let mut places: Vec<&str> = claims.iter().filter_map(|c| c.place.as_deref()).collect();
    places.sort_unstable();
    places.dedup();
    let place = places
        .iter()
        .find(|p| {
            places
                .iter()
                .all(|q| q == *p || crate::places::contains(q, p))
        })
        .map(|p| p.to_string());
    let mut whose: Vec<&str> = claims.iter().filter_map(|c| c.whose.as_deref()).collect();
    whose.sort_unstable();
    whose.dedup();
    Identity {
        measure: first.measure.clone(),
        counted: first.counted.clone(),
        part: first.part.clone(),
        country: place.as_deref().and_then(countries_of).map(str::to_string),
        place,
        whose: (whose.len() == 1).then(|| whose[0].to_string()),
        frame: first.frame,
        since: claims
            .iter()
            .find_map(|c| since_date(c))
            .map(str::to_string),
        event: first.event.clone(),
        modality: first.modality,
    }
}

/// Orders a group's claims: by as-of date (undated last), publication
/// date, article and position. A stable sort of their places by keys read
/// once, then the claims moved along the cycles of the order: a claim is
/// large, and a sort of the claims themselves moves each many times.
fn sort_members(claims: &mut [Claim]) {
    let order: Vec<usize> = {
        type Key<'a> = (
            bool,
            Option<i64>,
            Option<crate::corpus::Date>,
            &'a str,
            usize,
        );
        let keys: Vec<Key<'_>> = claims
            .iter()
            .map(|c| {
                (
                    day(c).is_none(),
                    day(c),
                    c.date,
                    c.article.as_str(),
                    c.start,
                )
            })
            .collect();
        let mut order: Vec<usize> = (0..claims.len()).collect();
        order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
        order
    };
    // Place `k` takes the claim at `order[k]`.
    let mut done = vec![false; claims.len()];
    for first in 0..claims.len() {
        let mut k = first;
        while !done[k] {
            done[k] = true;
            let from = order[k];
            if from == first {
                break;
            }
            claims.swap(k, from);
            k = from;
        }
    }
}

/// Judges every group, takes out the outliers into groups of their own,
/// and puts the groups in their stable order.
fn judge_all(
    chunks: Vec<Vec<Claim>>,
    order: &[(u32, u32)],
    members: Vec<Vec<usize>>,
    ambiguous: Vec<(usize, Vec<usize>)>,
    config: &Config,
) -> Linked {
    let mut slots: Vec<Vec<Option<Claim>>> = chunks
        .into_iter()
        .map(|chunk| chunk.into_iter().map(Some).collect())
        .collect();
    // Where each claim went, for the unlinked list.
    let mut home: Vec<usize> = vec![usize::MAX; order.len()];
    let mut groups: Vec<Group> = Vec::new();
    let mut ids_of_raw: Vec<Vec<String>> = Vec::with_capacity(members.len());
    for m in &members {
        // Sized once: a list grown step by step would hold up to twice
        // the claims' room, and copy them as it grew.
        let mut set: Vec<Claim> = Vec::with_capacity(m.len());
        set.extend(m.iter().filter_map(|&i| {
            let (c, k) = order[i];
            slots[c as usize][k as usize].take()
        }));
        if set.is_empty() {
            ids_of_raw.push(Vec::new());
            continue;
        }
        for &i in m {
            home[i] = groups.len();
        }
        sort_members(&mut set);
        let first = groups.len();
        judge(set, None, config, &mut groups);
        ids_of_raw.push(groups[first..].iter().map(|g| g.id.clone()).collect());
    }
    let mut unlinked: Vec<Unlinked> = Vec::new();
    for (i, cands) in ambiguous {
        let Some(g) = groups.get(home[i]) else {
            continue;
        };
        let Some(c) = g.claims.first() else { continue };
        let mut candidates: Vec<String> = cands
            .iter()
            .filter_map(|&r| ids_of_raw.get(r).and_then(|ids| ids.first().cloned()))
            .collect();
        candidates.sort();
        candidates.dedup();
        unlinked.push(Unlinked {
            article: c.article.clone(),
            line: c.line,
            column: c.column,
            number: c.number.clone(),
            key: c.key.clone(),
            group: g.id.clone(),
            candidates,
        });
    }
    unlinked.sort_by(|a, b| (&a.article, a.line, a.column).cmp(&(&b.article, b.line, b.column)));
    // Each group's articles counted once, not at every comparison.
    let mut keyed: Vec<((Verdict, std::cmp::Reverse<usize>), Group)> = groups
        .into_iter()
        .map(|g| ((g.verdict, std::cmp::Reverse(g.articles())), g))
        .collect();
    keyed.sort_by(|(a, ga), (b, gb)| (a, &ga.key, &ga.id).cmp(&(b, &gb.key, &gb.id)));
    Linked {
        groups: keyed.into_iter().map(|(_, g)| g).collect(),
        unlinked,
    }
}

/// How many times the outliers of a group's outliers are set apart again:
/// beyond, they stay in their group as conflicts (a heap of figures that
/// fit no series is not worth splitting further, and the depth keeps a
/// large group's cost bounded).
const OUTLIER_DEPTH: usize = 3;

/// Judges one group's claims (sorted) and pushes it, then the groups its
/// outliers make, onto `out`.
fn judge(claims: Vec<Claim>, outlier_of: Option<String>, config: &Config, out: &mut Vec<Group>) {
    judge_at(claims, outlier_of, config, out, 0);
}

/// [`judge`] for outliers `depth` times removed.
fn judge_at(
    mut claims: Vec<Claim>,
    outlier_of: Option<String>,
    config: &Config,
    out: &mut Vec<Group>,
    depth: usize,
) {
    let measure = claims[0].measure.clone();
    let cumulative = config.is_cumulative(&measure);
    let mut series = compare::series(
        &claims,
        cumulative,
        config.compare.window_days,
        config.compare.about_tolerance,
    );
    if depth >= OUTLIER_DEPTH {
        for s in &mut series.statuses {
            if *s == Status::Outlier {
                *s = Status::Conflict;
            }
        }
    }
    // The outliers leave, in their order; the claims kept stay in their
    // list (not copied into a new one).
    // (A claim without a status, none expected, is dropped.)
    claims.truncate(series.statuses.len());
    let mut index: Vec<Option<usize>> = Vec::with_capacity(claims.len());
    let mut statuses: Vec<Status> = Vec::with_capacity(claims.len());
    for &status in &series.statuses[..claims.len()] {
        if status == Status::Outlier {
            index.push(None);
        } else {
            index.push(Some(statuses.len()));
            statuses.push(status);
        }
    }
    let mut k = 0;
    let outliers: Vec<Claim> = claims
        .extract_if(.., |_| {
            k += 1;
            index[k - 1].is_none()
        })
        .collect();
    let mut kept = claims;
    let conflicts: Vec<Conflict> = series
        .conflicts
        .iter()
        .filter_map(|(a, b, reason)| {
            Some(Conflict {
                a: index[*a]?,
                b: index[*b]?,
                reason: reason.to_string(),
            })
        })
        .collect();
    for (c, s) in kept.iter_mut().zip(&statuses) {
        c.status = Some(*s);
    }
    let verdict = compare::verdict_of(&kept, &statuses, series.changed);
    let identity = identity(&kept);
    let id = group_id(&identity, &kept[0]);
    let role = config
        .measures
        .get(&measure)
        .map(|m| m.actor)
        .unwrap_or_default();
    let headline = compare::headline(&kept, verdict, role, &conflicts, outliers.len());
    let at = out.len();
    out.push(Group {
        key: kept[0].key.clone(),
        id: id.clone(),
        verdict,
        cumulative,
        headline,
        identity,
        claims: kept,
        conflicts,
        outliers: Vec::new(),
        outlier_of,
    });
    if outliers.is_empty() {
        return;
    }
    let first = out.len();
    judge_at(outliers, Some(id), config, out, depth + 1);
    let ids: Vec<String> = out[first..]
        .iter()
        .filter(|g| g.outlier_of.as_deref() == Some(out[at].id.as_str()))
        .map(|g| g.id.clone())
        .collect();
    out[at].outliers = ids;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_sort_as_a_stable_sort_of_the_claims_would() {
        let config = Config::builtin();
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let mut claims = crate::extract_paths(&[root.join("tests/data/findings")], &config).claims;
        assert!(claims.len() > 50);
        // Reversed and interleaved, with ties (the same article and day).
        claims.reverse();
        let n = claims.len();
        let mut mixed: Vec<Claim> = Vec::with_capacity(n);
        for k in 0..n {
            mixed.push(claims[(k * 7) % n].clone());
        }
        let mut expected = mixed.clone();
        expected.sort_by(|a, b| {
            let key = |c: &Claim| (day(c).is_none(), day(c), c.date, c.article.clone(), c.start);
            key(a).cmp(&key(b))
        });
        sort_members(&mut mixed);
        assert_eq!(mixed, expected);
    }
}
