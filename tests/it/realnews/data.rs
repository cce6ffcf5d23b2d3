//! What `score.py` and `pairs.py` load, ported line for line: the corpus
//! (front matter split off, publication dates), the gold claims located by
//! their quotes, the expected cross-article groups, claimcheck's JSON
//! flattened into predicted claims, and the greedy span matching of the two.
//!
//! The scripts work in code points and convert to bytes at the end; this
//! port works in bytes, which finds the same substrings (a UTF-8 needle can
//! only match on character boundaries), except in the scripts' lowercase
//! fallback for a number, which is done in code points as they do it.
//!
//! From claimcheck's JSON only the contract fields the scripts read are
//! used: `groups[].key/verdict/cumulative/claims[]` and, for each claim,
//! `article/start/end/value/lower/upper/qualifier/measure/date` (`number`
//! only to print false positives); every other field is ignored, so that
//! new fields do not change the figures.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// One article of the corpus, as `score.load_corpus` keeps it.
#[derive(Debug)]
pub struct Article {
    /// The whole file, front matter included (offsets count from here).
    pub text: String,
    /// Where the body starts, after the front matter (0 without one).
    pub body_off: usize,
    /// The front matter's `date` as a day number (`pairs.as_day`).
    pub day: Option<i64>,
}

/// A gold claim located in its article (`score.load_gold`).
#[derive(Debug, Clone)]
pub struct GoldClaim {
    pub article: String,
    /// Byte span of the number in the whole file.
    pub gs: i64,
    pub ge: i64,
    pub quote: String,
    pub number: String,
    pub value: Option<f64>,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    pub measure: Option<String>,
    pub qualifier: Option<String>,
}

/// A member of an expected group, as written in `<cluster>_expected.yaml`.
#[derive(Debug, Clone, Deserialize)]
pub struct Member {
    pub article: String,
    pub quote: String,
    #[serde(default)]
    pub value: Option<f64>,
}

/// An expected cross-article group.
#[derive(Debug, Clone, Deserialize)]
pub struct ExpectedGroup {
    pub id: String,
    pub verdict: String,
    #[serde(default)]
    pub cumulative: Option<bool>,
    #[serde(default)]
    pub series: Option<String>,
    #[serde(default)]
    pub members: Option<Vec<Member>>,
}

impl ExpectedGroup {
    pub fn members(&self) -> &[Member] {
        self.members.as_deref().unwrap_or_default()
    }

    /// `eg.get("series")`, where an empty string counts as none.
    pub fn series(&self) -> Option<&str> {
        self.series.as_deref().filter(|s| !s.is_empty())
    }
}

/// The annotated set: articles by stem, gold claims, expected groups.
#[derive(Debug)]
pub struct Set {
    pub arts: BTreeMap<String, Article>,
    pub gold: Vec<GoldClaim>,
    pub expected: Vec<ExpectedGroup>,
    /// What the scripts print as `warn: ...` on stderr (quotes not found).
    pub warnings: Vec<String>,
}

/// One predicted claim (`score.pred_from_claimcheck`, with the tool-side
/// fields `pairs.py` reads from the same claim and its group).
#[derive(Debug, Clone)]
pub struct Pred {
    pub article: String,
    pub ps: i64,
    pub pe: i64,
    pub value: Option<f64>,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    pub qualifier: Option<String>,
    pub measure: Option<String>,
    pub day: Option<i64>,
    /// Index of the claim's group in the JSON's `groups`, none for
    /// `extract` output.
    pub group: Option<usize>,
    pub verdict: Option<String>,
    pub cumulative: bool,
    /// The claim's `number`, shown in the list of false positives only.
    pub number: Option<String>,
}

/// claimcheck's JSON reduced to what the scorers read.
#[derive(Debug)]
pub struct Prediction {
    /// The claims of the set's articles, in the JSON's order.
    pub preds: Vec<Pred>,
    /// Whether the document had `groups` (a report) rather than `claims`.
    pub has_groups: bool,
    /// Each group's `key`, by index in `groups`.
    pub keys: Vec<Option<String>>,
}

#[derive(Deserialize)]
struct GoldFile {
    article: String,
    #[serde(default)]
    claims: Option<Vec<GoldEntry>>,
}

#[derive(Deserialize)]
struct GoldEntry {
    quote: String,
    number: serde_yaml::Value,
    #[serde(default)]
    value: Option<f64>,
    #[serde(default)]
    lower: Option<f64>,
    #[serde(default)]
    upper: Option<f64>,
    #[serde(default)]
    measure: Option<String>,
    #[serde(default)]
    qualifier: Option<String>,
}

#[derive(Deserialize)]
struct ExpectedFile {
    #[serde(default)]
    groups: Option<Vec<ExpectedGroup>>,
}

#[derive(Deserialize)]
struct Doc {
    #[serde(default)]
    groups: Option<Vec<JsonGroup>>,
    #[serde(default)]
    claims: Option<Vec<JsonClaim>>,
}

#[derive(Deserialize)]
struct JsonGroup {
    #[serde(default)]
    key: Option<String>,
    #[serde(default)]
    verdict: Option<String>,
    #[serde(default)]
    cumulative: Option<bool>,
    #[serde(default)]
    claims: Vec<JsonClaim>,
}

#[derive(Deserialize)]
struct JsonClaim {
    article: String,
    start: f64,
    end: f64,
    #[serde(default)]
    value: Option<f64>,
    #[serde(default)]
    lower: Option<f64>,
    #[serde(default)]
    upper: Option<f64>,
    #[serde(default)]
    qualifier: Option<String>,
    #[serde(default)]
    measure: Option<String>,
    #[serde(default)]
    date: Option<serde_json::Value>,
    #[serde(default)]
    number: Option<serde_json::Value>,
}

impl Set {
    /// Loads `corpus/` and `gold/` as the scripts do with `--prefix ""`.
    pub fn load(corpus: &Path, gold_dir: &Path) -> Result<Set, String> {
        let arts = load_corpus(corpus)?;
        let mut warnings = Vec::new();
        let gold = load_gold(gold_dir, &arts, &mut warnings)?;
        let expected = load_expected(gold_dir)?;
        Ok(Set {
            arts,
            gold,
            expected,
            warnings,
        })
    }

    /// Reads claimcheck's JSON (`report` or `extract --format json`) and
    /// keeps the claims of this set's articles.
    pub fn prediction(&self, json: &str) -> Result<Prediction, String> {
        let doc: Doc =
            serde_json::from_str(json).map_err(|e| format!("prediction is not the JSON: {e}"))?;
        let mut preds = Vec::new();
        let mut keys = Vec::new();
        let has_groups = doc.groups.is_some();
        let one = |c: JsonClaim, group: Option<(usize, &JsonGroup)>| Pred {
            article: stem_of(&c.article),
            // Python's int(): toward zero.
            ps: c.start.trunc() as i64,
            pe: c.end.trunc() as i64,
            value: c.value,
            lower: c.lower,
            upper: c.upper,
            qualifier: c.qualifier,
            measure: c.measure,
            day: c.date.as_ref().and_then(json_day),
            group: group.map(|(i, _)| i),
            verdict: group.and_then(|(_, g)| g.verdict.clone()),
            cumulative: group.is_some_and(|(_, g)| g.cumulative.unwrap_or(false)),
            number: c.number.map(|n| match n {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            }),
        };
        if let Some(groups) = doc.groups {
            for (gi, mut g) in groups.into_iter().enumerate() {
                let claims = std::mem::take(&mut g.claims);
                for c in claims {
                    preds.push(one(c, Some((gi, &g))));
                }
                keys.push(g.key);
            }
        } else {
            for c in doc.claims.unwrap_or_default() {
                preds.push(one(c, None));
            }
        }
        preds.retain(|p| self.arts.contains_key(&p.article));
        Ok(Prediction {
            preds,
            has_groups,
            keys,
        })
    }

    /// `(article, quote)` -> gold claim indices, in gold order.
    pub fn gold_index(&self) -> HashMap<(&str, &str), Vec<usize>> {
        let mut idx: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
        for (gi, g) in self.gold.iter().enumerate() {
            idx.entry((g.article.as_str(), g.quote.as_str()))
                .or_default()
                .push(gi);
        }
        idx
    }

    /// The gold claims an expected group's members resolve to: for each
    /// member, the first claim with its article and quote whose value is
    /// near the member's (or either value is null).
    pub fn members_of(
        &self,
        eg: &ExpectedGroup,
        idx: &HashMap<(&str, &str), Vec<usize>>,
    ) -> Vec<usize> {
        let mut out = Vec::new();
        for m in eg.members() {
            let hits = idx.get(&(m.article.as_str(), m.quote.as_str()));
            for &gi in hits.into_iter().flatten() {
                let gv = self.gold[gi].value;
                if m.value.is_none() || near(m.value, gv) || gv.is_none() {
                    out.push(gi);
                    break;
                }
            }
        }
        out
    }
}

/// `score.near`: both null, or within 1.1 % of the larger.
pub fn near(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9_f64.max(0.011 * a.abs().max(b.abs())),
        (None, None) => true,
        _ => false,
    }
}

/// `score.match`: for each gold claim in order, the not yet taken
/// prediction of its article whose span overlaps it, the shortest first
/// (the earliest among equals). Returns `(gold, pred)` index pairs.
pub fn match_claims(gold: &[GoldClaim], preds: &[Pred]) -> Vec<(usize, usize)> {
    let mut by_art: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in preds.iter().enumerate() {
        by_art.entry(p.article.as_str()).or_default().push(i);
    }
    let mut taken = vec![false; preds.len()];
    let mut pairs = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        let mut best: Option<(usize, i64)> = None;
        for &pi in by_art.get(g.article.as_str()).into_iter().flatten() {
            let p = &preds[pi];
            if taken[pi] || !(p.ps < g.ge && g.gs < p.pe) {
                continue;
            }
            let span = p.pe - p.ps;
            if best.is_none_or(|(_, b)| span < b) {
                best = Some((pi, span));
            }
        }
        if let Some((pi, _)) = best {
            taken[pi] = true;
            pairs.push((gi, pi));
        }
    }
    pairs
}

/// `os.path.splitext(os.path.basename(path))[0]`.
pub fn stem_of(path: &str) -> String {
    let base = path.rsplit('/').next().unwrap_or(path);
    match base.rfind('.') {
        // A dot preceded only by dots starts no extension (".md", "..").
        Some(i) if base[..i].chars().any(|c| c != '.') => base[..i].to_string(),
        _ => base.to_string(),
    }
}

/// The files of a folder that `glob(folder/*)` lists (no hidden names),
/// sorted, keeping those `keep` accepts.
fn listed(dir: &Path, keep: impl Fn(&str) -> bool) -> Result<Vec<PathBuf>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("could not read `{}`: {e}", dir.display()))?;
    let mut out = Vec::new();
    for e in entries {
        let e = e.map_err(|e| format!("could not read `{}`: {e}", dir.display()))?;
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') && keep(&name) {
            out.push(e.path());
        }
    }
    out.sort();
    Ok(out)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("could not read `{}`: {e}", path.display()))
}

/// `score.load_corpus`: every file of the folder, by stem.
pub fn load_corpus(dir: &Path) -> Result<BTreeMap<String, Article>, String> {
    let mut arts = BTreeMap::new();
    for path in listed(dir, |_| true)? {
        if !path.is_file() {
            continue;
        }
        let text = read(&path)?;
        let (body_off, meta) = split_front_matter(&text)
            .map_err(|e| format!("`{}`: front matter: {e}", path.display()))?;
        let day = meta.as_ref().and_then(|m| m.get("date")).and_then(yaml_day);
        let stem = stem_of(&path.to_string_lossy());
        arts.insert(
            stem,
            Article {
                text,
                body_off,
                day,
            },
        );
    }
    Ok(arts)
}

/// `score.split_front_matter`: the body's offset and the metadata.
pub fn split_front_matter(text: &str) -> Result<(usize, Option<serde_yaml::Value>), String> {
    if let Some(rest) = text.strip_prefix("---\n") {
        if let Some(i) = rest.find("\n---\n") {
            let end = 4 + i;
            let meta: serde_yaml::Value =
                serde_yaml::from_str(&text[4..end]).map_err(|e| e.to_string())?;
            return Ok((end + 5, Some(meta)));
        }
    }
    Ok((0, None))
}

/// `str.find(needle, start)` on bytes: none past the end.
fn find_from(text: &str, needle: &str, start: usize) -> Option<usize> {
    text.get(start..)?.find(needle).map(|i| i + start)
}

/// Byte offset of code point `i` (the end of the text past the last).
fn char_to_byte(text: &str, i: usize) -> usize {
    text.char_indices().nth(i).map_or(text.len(), |(b, _)| b)
}

/// The scripts' fallback `text.lower().find(num.lower(), qi, qi + len(q))`,
/// in code points as they do it: the index found in the lowercased text is
/// used as an index into the original. Returns the number's byte span.
fn find_lowercase(text: &str, qi: usize, q: &str, num: &str) -> Option<(usize, usize)> {
    let lowered: Vec<char> = text.to_lowercase().chars().collect();
    let needle: Vec<char> = num.to_lowercase().chars().collect();
    let from = text[..qi].chars().count();
    let to = (from + q.chars().count()).min(lowered.len());
    let window = lowered.get(from..to)?;
    let at = if needle.is_empty() {
        Some(0)
    } else {
        window.windows(needle.len()).position(|w| w == needle)
    }?;
    let ni = from + at;
    Some((
        char_to_byte(text, ni),
        char_to_byte(text, ni + num.chars().count()),
    ))
}

/// Python's `str()` of a YAML scalar used as the number's text (the gold
/// quotes every number; a float with an exponent would print as Rust
/// writes it, `1e16` where Python writes `1e+16`).
fn yaml_str(v: &serde_yaml::Value) -> String {
    match v {
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Number(n) => match n.as_f64() {
            Some(f) if !n.is_i64() && !n.is_u64() => format!("{f:?}"),
            _ => n.to_string(),
        },
        serde_yaml::Value::Bool(b) => if *b { "True" } else { "False" }.to_string(),
        serde_yaml::Value::Null => "None".to_string(),
        other => format!("{other:?}"),
    }
}

/// `score.load_gold`: each claim's number located in the first unused
/// occurrence of its quote after the front matter.
fn load_gold(
    dir: &Path,
    arts: &BTreeMap<String, Article>,
    warnings: &mut Vec<String>,
) -> Result<Vec<GoldClaim>, String> {
    let mut claims = Vec::new();
    let files = listed(dir, |n| {
        n.ends_with(".yaml") && !n.ends_with("expected.yaml")
    })?;
    for path in files {
        let g: GoldFile = serde_yaml::from_str(&read(&path)?)
            .map_err(|e| format!("`{}`: {e}", path.display()))?;
        let art = g.article;
        let Some(a) = arts.get(&art) else {
            warnings.push(format!("warn: gold for unknown article {art}"));
            continue;
        };
        let text = a.text.as_str();
        // Where the next search for each quote starts (repeated quotes).
        let mut used: HashMap<String, usize> = HashMap::new();
        for c in g.claims.unwrap_or_default() {
            let q = c.quote;
            let start_from = used.get(&q).copied().unwrap_or(a.body_off);
            let Some(qi) =
                find_from(text, &q, start_from).or_else(|| find_from(text, &q, a.body_off))
            else {
                warnings.push(format!("warn: quote not found in {art}: {q:?}"));
                continue;
            };
            // `qi + 1` in code points.
            let next = text[qi..].chars().next().map_or(1, char::len_utf8);
            used.insert(q.clone(), qi + next);
            let num = yaml_str(&c.number);
            let span = match q.find(num.as_str()) {
                Some(i) => Some((qi + i, qi + i + num.len())),
                None => find_lowercase(text, qi, &q, &num),
            };
            let Some((gs, ge)) = span else {
                warnings.push(format!("warn: number {num:?} not in quote {q:?} ({art})"));
                continue;
            };
            claims.push(GoldClaim {
                article: art.clone(),
                gs: gs as i64,
                ge: ge as i64,
                quote: q,
                number: num,
                value: c.value,
                lower: c.lower,
                upper: c.upper,
                measure: c.measure,
                qualifier: c.qualifier,
            });
        }
    }
    Ok(claims)
}

/// `score.load_expected`: the groups of every `*expected.yaml`, in order.
fn load_expected(dir: &Path) -> Result<Vec<ExpectedGroup>, String> {
    let mut groups = Vec::new();
    for path in listed(dir, |n| n.ends_with("expected.yaml"))? {
        let file: Option<ExpectedFile> = serde_yaml::from_str(&read(&path)?)
            .map_err(|e| format!("`{}`: {e}", path.display()))?;
        groups.extend(file.and_then(|f| f.groups).unwrap_or_default());
    }
    Ok(groups)
}

/// `pairs.as_day` on a YAML front matter value.
fn yaml_day(v: &serde_yaml::Value) -> Option<i64> {
    match v {
        serde_yaml::Value::String(s) => iso_day(s),
        serde_yaml::Value::Number(n) if n.is_i64() || n.is_u64() => iso_day(&n.to_string()),
        _ => None,
    }
}

/// `pairs.as_day` on a JSON claim's `date`.
fn json_day(v: &serde_json::Value) -> Option<i64> {
    match v {
        serde_json::Value::String(s) => iso_day(s),
        serde_json::Value::Number(n) if n.is_i64() || n.is_u64() => iso_day(&n.to_string()),
        _ => None,
    }
}

/// `date.fromisoformat(str(d)[:10]).toordinal()` for the forms dates take
/// here, `YYYY-MM-DD` and `YYYYMMDD`, as a day count (only compared).
pub fn iso_day(s: &str) -> Option<i64> {
    let s: String = s.chars().take(10).collect();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (y, m, d) = match b.len() {
        10 if b[4] == b'-' && b[7] == b'-' => (digits(0..4)?, digits(5..7)?, digits(8..10)?),
        8 => (digits(0..4)?, digits(4..6)?, digits(6..8)?),
        _ => return None,
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if y < 1 || !(1..=12).contains(&m) || d < 1 || d > days_in[(m - 1) as usize] {
        return None;
    }
    // Days from civil (Howard Hinnant), shifted so that 0001-01-01 is 1.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468 + 719_163)
}
