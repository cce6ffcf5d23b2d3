//! CONFIG: the `claims.yaml` types, their defaults and their validation.
//!
//! Takes the text of a `claims.yaml` and returns a [`Config`]: the measure
//! lexicons, the actor and location gazetteers, the comparison settings, the
//! pinned facts and the accepted divergences. A user's file extends the
//! built-in defaults (see [`Config::parse`] for the merge rules) unless it
//! says `defaults: false`. Every struct rejects unknown keys, a name given
//! twice is an error, and every error names the file, the line and the
//! column. [`Config::discover`] finds the file as typos and ruff do; this
//! module does not build the lookup tables the extractor uses (see
//! `extract::lexicon`).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The default configuration, shipped as `claims.yaml` at the top of the
/// repository and built into the binary.
pub const BUILTIN: &str = include_str!("../claims.yaml");

/// The name of the measure every number falls back to.
pub const OTHER: &str = "other";

/// A parsed and validated configuration: the built-in defaults with a
/// user's `claims.yaml` merged over them.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Paths read when the command line names none, relative to the file.
    pub corpus: Vec<PathBuf>,
    /// Files and folders never read: `.gitignore` lines, relative to the
    /// file's folder.
    pub exclude: Vec<String>,
    /// How claims are compared across articles.
    pub compare: Compare,
    /// Measure name -> how to recognise it.
    pub measures: BTreeMap<String, Measure>,
    /// Actor name -> aliases.
    pub actors: BTreeMap<String, Vec<String>>,
    /// Location name -> aliases.
    pub locations: BTreeMap<String, Vec<String>>,
    /// Pinned facts for `check`.
    pub facts: Vec<Fact>,
    /// Accepted divergences for `check`.
    pub accepted: Vec<Accepted>,
    /// The folder the file was read from; relative `corpus` paths start here.
    #[serde(skip)]
    pub base_dir: PathBuf,
    /// The file read; `None` for the built-in defaults alone.
    #[serde(skip)]
    pub file: Option<PathBuf>,
    /// The file was merged over the built-in defaults (it did not say
    /// `defaults: false`).
    #[serde(skip)]
    pub extends_builtin: bool,
    /// The world gazetteer's places and peoples are left out: the file
    /// said `defaults: false`, and asks for its own lexicon only.
    #[serde(skip)]
    pub no_gazetteer: bool,
    /// The largest article read, in bytes (0: the default); set from the
    /// command line, not the file.
    #[serde(skip)]
    pub max_file_size: u64,
    /// What the command line says of which files to read: its excludes
    /// (relative to the current folder), ignore files, the name of
    /// standard input. [`Config::walk`] adds the file's `exclude`.
    #[serde(skip)]
    pub walk: crate::corpus::Walk,
}

/// A `claims.yaml` as written: every key may be left out, so that a file
/// says only what it changes in the defaults it extends.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Layer {
    /// `false`: start from an empty configuration, not the built-in one.
    defaults: Option<bool>,
    corpus: Option<Vec<PathBuf>>,
    exclude: Option<Vec<String>>,
    compare: Option<CompareLayer>,
    #[serde(default, deserialize_with = "unique_measures")]
    measures: Option<BTreeMap<String, Measure>>,
    #[serde(default, deserialize_with = "unique_actors")]
    actors: Option<BTreeMap<String, Vec<String>>>,
    #[serde(default, deserialize_with = "unique_locations")]
    locations: Option<BTreeMap<String, Vec<String>>>,
    facts: Option<Vec<Fact>>,
    accepted: Option<Vec<Accepted>>,
}

/// `compare:` as written: each setting left out keeps the default's.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CompareLayer {
    window_days: Option<u32>,
    about_tolerance: Option<f64>,
}

impl Layer {
    /// This layer merged over `base`: named entries added or replacing the
    /// entry of the same name, facts and accepted divergences replacing
    /// those of the same key, exclude globs added (each once), settings
    /// replacing the settings they name.
    fn over(self, mut base: Config) -> Config {
        if let Some(corpus) = self.corpus {
            base.corpus = corpus;
        }
        for glob in self.exclude.unwrap_or_default() {
            if !base.exclude.contains(&glob) {
                base.exclude.push(glob);
            }
        }
        if let Some(c) = self.compare {
            if let Some(w) = c.window_days {
                base.compare.window_days = w;
            }
            if let Some(t) = c.about_tolerance {
                base.compare.about_tolerance = t;
            }
        }
        base.measures.extend(self.measures.unwrap_or_default());
        base.actors.extend(self.actors.unwrap_or_default());
        base.locations.extend(self.locations.unwrap_or_default());
        if let Some(facts) = self.facts {
            base.facts.retain(|f| !facts.iter().any(|n| n.key == f.key));
            base.facts.extend(facts);
        }
        if let Some(accepted) = self.accepted {
            base.accepted
                .retain(|a| !accepted.iter().any(|n| n.key == a.key));
            base.accepted.extend(accepted);
        }
        base
    }
}

/// A map of names that refuses a name given twice (serde's maps keep the
/// last one silently).
fn unique_map<'de, D, V>(d: D, kind: &'static str) -> Result<Option<BTreeMap<String, V>>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Unique<V>(&'static str, std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Unique<V> {
        type Value = Option<BTreeMap<String, V>>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a map of {} names", self.0)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_map(self)
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(name) = map.next_key::<String>()? {
                if out.contains_key(&name) {
                    return Err(serde::de::Error::custom(format!(
                        "{} `{name}` is given twice",
                        self.0
                    )));
                }
                let value = map.next_value()?;
                out.insert(name, value);
            }
            Ok(Some(out))
        }
    }
    d.deserialize_option(Unique(kind, std::marker::PhantomData))
}

fn unique_measures<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<BTreeMap<String, Measure>>, D::Error> {
    unique_map(d, "measure")
}

fn unique_actors<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<BTreeMap<String, Vec<String>>>, D::Error> {
    unique_map(d, "actor")
}

fn unique_locations<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<BTreeMap<String, Vec<String>>>, D::Error> {
    unique_map(d, "location")
}

/// Comparison settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Compare {
    /// Reports published within this many days count as simultaneous.
    pub window_days: u32,
    /// Relative tolerance given to "about" (0.1 = plus or minus 10 %).
    pub about_tolerance: f64,
}

impl Default for Compare {
    fn default() -> Self {
        Compare {
            window_days: 3,
            about_tolerance: 0.1,
        }
    }
}

/// Whose the counted things are, for a measure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Whose troops, ships, money: the possessor or the subject.
    #[default]
    Owner,
    /// Whose people were killed, wounded, taken: named with the people
    /// counted, else the people of the place ("1,400 killed in Israel").
    Victim,
    /// Who was targeted ("attacks on US forces"): named after "on",
    /// "against", or as the subject of a passive.
    Target,
    /// Who fired, launched or carried out the counted things.
    Agent,
}

/// How to recognise one measure in text.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Measure {
    /// A running tally that can only grow.
    pub cumulative: bool,
    /// Whose the counted things are.
    pub actor: Role,
    /// Its nouns count people, so a verb of another measure decides.
    pub people: bool,
    /// Counted nouns after the number.
    pub nouns: Vec<String>,
    /// Words or phrases just before the number.
    pub before: Vec<String>,
    /// Words or phrases after the counted noun.
    pub after: Vec<String>,
    /// Verbs that make "N times" a count of this measure.
    pub times: Vec<String>,
    /// What kind of count a figure of this measure is when its sentence
    /// says nothing of it: `tally`, `stock` or `incident`; by default a
    /// tally for a cumulative measure, else a stock.
    pub frame: Option<crate::claim::Frame>,
}

impl Measure {
    /// The frame of a figure whose sentence says nothing of it.
    pub fn default_frame(&self) -> crate::claim::Frame {
        self.frame.unwrap_or(if self.cumulative {
            crate::claim::Frame::Tally
        } else {
            crate::claim::Frame::Stock
        })
    }
}

/// A pinned fact: the value a key must have.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// A key as `extract` prints it.
    pub key: String,
    /// The exact value, or use `lower` and/or `upper`.
    pub value: Option<f64>,
    /// Lower bound.
    pub lower: Option<f64>,
    /// Upper bound.
    pub upper: Option<f64>,
    /// The date the fact holds at, `YYYY-MM-DD`.
    pub as_of: Option<String>,
    /// Who says so.
    pub source: Option<String>,
    /// Relative tolerance around the value.
    pub tolerance: Option<f64>,
    /// The 1-based line and column of its key in the file it came from,
    /// if found.
    #[serde(skip)]
    pub at: Option<(usize, usize)>,
}

/// A divergence that is known and accepted.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Accepted {
    /// The key of the group.
    pub key: String,
    /// Why it is accepted.
    pub reason: String,
}

/// An invalid configuration: which file, where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file, as the user named it.
    pub path: String,
    /// 1-based line and column, when known.
    pub location: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some((line, column)) => write!(
                f,
                "invalid `{}` at line {line}, column {column}: {}",
                self.path, self.message
            ),
            None => write!(f, "invalid `{}`: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// The names a configuration file may have, in the order looked for.
pub const CONFIG_NAMES: [&str; 2] = ["claims.yaml", ".claimcheck.yaml"];

/// Largest `claims.yaml` read, so that a huge file fails fast.
const MAX_CONFIG_BYTES: usize = 4 << 20;

impl Config {
    /// The built-in default configuration (the shipped `claims.yaml`).
    pub fn builtin() -> Config {
        Config::parse_over(BUILTIN, "claims.yaml (built in)", None)
            .expect("the built-in claims.yaml is valid; a test checks it")
    }

    /// Parses and validates the text of a user's `claims.yaml`; `path` names
    /// it in errors. The file extends the built-in defaults: its `measures`,
    /// `actors` and `locations` are added to the built-in ones, an entry of
    /// the same name replacing the built-in one whole; its `facts` and
    /// `accepted` are added, replacing those of the same `key`; its
    /// `exclude` globs are added; `corpus` and each `compare` setting it
    /// gives replace the default. With
    /// `defaults: false` it starts from an empty configuration instead.
    pub fn parse(text: &str, path: &str) -> Result<Config, ConfigError> {
        Config::parse_over(text, path, Some(Config::builtin))
    }

    /// [`Config::parse`] over the configuration `base` makes (none: over an
    /// empty one, as for the built-in file itself).
    fn parse_over(
        text: &str,
        path: &str,
        base: Option<fn() -> Config>,
    ) -> Result<Config, ConfigError> {
        let err = |location, message: String| ConfigError {
            path: path.to_string(),
            location,
            message,
        };
        if text.len() > MAX_CONFIG_BYTES {
            return Err(err(
                None,
                format!("file is larger than {} MiB", MAX_CONFIG_BYTES >> 20),
            ));
        }
        if let Some(at) = crate::corpus::nesting_over(text, 64) {
            return Err(err(Some(at), "nested more than 64 deep".into()));
        }
        let mut layer: Layer = if text.trim().is_empty() {
            Layer::default()
        } else {
            serde_yaml::from_str::<Option<Layer>>(text)
                .map_err(|e| {
                    let location = e.location().map(|l| (l.line(), l.column()));
                    let message = strip_location(&e.to_string());
                    err(duplicate_at(text, &message).or(location), message)
                })?
                .unwrap_or_default()
        };
        if let Some(facts) = &mut layer.facts {
            fact_lines(text, facts);
        }
        let own_only = layer.defaults == Some(false);
        let extends = base.is_some() && !own_only;
        let base = match base {
            Some(make) if extends => make(),
            _ => Config::default(),
        };
        let mut config = layer.over(base);
        config
            .validate()
            .map_err(|(key, message)| err(find_key(text, &key), message))?;
        config.extends_builtin = extends;
        config.no_gazetteer = own_only;
        Ok(config)
    }

    /// Reads `path` as a user's `claims.yaml` ([`Config::parse`]).
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let shown = crate::corpus::show_path(path);
        let bytes = std::fs::read(path).map_err(|e| ConfigError {
            path: shown.clone(),
            location: None,
            message: format!("could not read it: {}", crate::corpus::io_message(&e)),
        })?;
        let text = String::from_utf8(bytes).map_err(|e| ConfigError {
            path: shown.clone(),
            location: None,
            message: format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
        })?;
        let mut config = Config::parse(&text, &shown)?;
        config.base_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        config.file = Some(path.to_path_buf());
        Ok(config)
    }

    /// The configuration for a run: `explicit` if given, else the nearest
    /// `claims.yaml` or `.claimcheck.yaml` ([`Config::find`]) from the
    /// current folder, else the built-in defaults.
    pub fn discover(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        if let Some(path) = explicit {
            return Config::load(path);
        }
        let here = std::env::current_dir().unwrap_or_default();
        match Config::find(&here)? {
            Some(path) => Config::load(&path),
            None => Ok(Config::builtin()),
        }
    }

    /// The nearest configuration file from folder `start`: `claims.yaml` or
    /// `.claimcheck.yaml` in it or in a parent folder, up to the root of the
    /// repository (the first folder with `.git`) or of the file system. The
    /// path is given relative to `start` (`claims.yaml`, `../claims.yaml`)
    /// so that the paths read through it are shown as short as before. Both
    /// names in one folder is an error: which one is meant is not clear.
    pub fn find(start: &Path) -> Result<Option<PathBuf>, ConfigError> {
        let mut up = PathBuf::new();
        for dir in start.ancestors() {
            let found: Vec<&str> = CONFIG_NAMES
                .iter()
                .copied()
                .filter(|name| dir.join(name).is_file())
                .collect();
            match found[..] {
                [] => {}
                [name] => return Ok(Some(up.join(name))),
                _ => {
                    return Err(ConfigError {
                        path: crate::corpus::show_path(&up.join(found[0])),
                        location: None,
                        message: format!(
                            "`{}` is in the same folder: keep one of the two",
                            found[1]
                        ),
                    })
                }
            }
            if dir.join(".git").exists() {
                break;
            }
            up.push("..");
        }
        Ok(None)
    }

    /// The configuration as YAML, for `claimcheck config`: every key, with
    /// the defaults merged in.
    pub fn to_yaml(&self) -> String {
        serde_yaml::to_string(self).unwrap_or_default()
    }

    /// Semantic checks serde cannot make. Returns the offending key (to find
    /// its line) and the message.
    fn validate(&self) -> Result<(), (String, String)> {
        let name_ok = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        };
        for (kind, names) in [
            ("measure", self.measures.keys().collect::<Vec<_>>()),
            ("actor", self.actors.keys().collect()),
            ("location", self.locations.keys().collect()),
        ] {
            for name in names {
                if !name_ok(name) {
                    return Err((
                        name.clone(),
                        format!(
                            "{kind} name `{name}` must be lowercase letters, digits and `_` \
                             (it becomes part of a key)"
                        ),
                    ));
                }
            }
        }
        for (name, aliases) in self.actors.iter().chain(self.locations.iter()) {
            if let Some(empty) = aliases.iter().find(|a| a.trim().is_empty()) {
                return Err((
                    name.clone(),
                    format!("`{name}` has an empty alias `{empty}`"),
                ));
            }
        }
        for (name, measure) in &self.measures {
            let lists = [
                &measure.nouns,
                &measure.before,
                &measure.after,
                &measure.times,
            ];
            if lists.iter().any(|l| l.iter().any(|w| w.trim().is_empty())) {
                return Err((name.clone(), format!("measure `{name}` has an empty word")));
            }
        }
        for glob in &self.exclude {
            crate::corpus::check_glob(glob).map_err(|why| (glob.clone(), why))?;
        }
        let c = &self.compare;
        if !(0.0..1.0).contains(&c.about_tolerance) {
            return Err((
                "about_tolerance".into(),
                format!(
                    "`about_tolerance` must be at least 0 and below 1, not {}",
                    c.about_tolerance
                ),
            ));
        }
        for fact in &self.facts {
            if fact.value.is_none() && fact.lower.is_none() && fact.upper.is_none() {
                return Err((
                    fact.key.clone(),
                    format!("fact `{}` needs `value`, `lower` or `upper`", fact.key),
                ));
            }
            let numbers = [fact.value, fact.lower, fact.upper, fact.tolerance];
            if numbers.iter().flatten().any(|v| !v.is_finite()) {
                return Err((
                    fact.key.clone(),
                    format!("fact `{}` has a number that is not finite", fact.key),
                ));
            }
            if let (Some(l), Some(u)) = (fact.lower, fact.upper) {
                if l > u {
                    return Err((
                        fact.key.clone(),
                        format!("fact `{}`: `lower` {l} is above `upper` {u}", fact.key),
                    ));
                }
            }
            if let Some(date) = &fact.as_of {
                if crate::corpus::Date::parse(date).is_none() {
                    return Err((
                        fact.key.clone(),
                        format!(
                            "fact `{}`: `as_of` must be a date YYYY-MM-DD, not `{date}`",
                            fact.key
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Which files a run reads: the command line's excludes and ignore
    /// settings ([`Config::walk`] field) with the file's `exclude` globs,
    /// relative to the file's folder.
    pub fn walk(&self) -> crate::corpus::Walk {
        let mut walk = self.walk.clone();
        // Each glob was checked when the file was read.
        let _ = walk.exclude(&self.base_dir, &self.exclude);
        walk
    }

    /// Is this measure a running tally?
    pub fn is_cumulative(&self, measure: &str) -> bool {
        self.measures.get(measure).is_some_and(|m| m.cumulative)
    }

    /// The default frame of a measure (a stock for one not configured).
    pub fn frame(&self, measure: &str) -> crate::claim::Frame {
        self.measures
            .get(measure)
            .map_or(crate::claim::Frame::Stock, Measure::default_frame)
    }
}

/// serde_yaml appends " at line L column C" to its messages; we print the
/// location ourselves.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The 1-based line and column of the first `key:` or `key` list item in
/// `text`, for semantic errors.
fn find_key(text: &str, key: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let col = line.find(key)?;
        let rest = line[col + key.len()..].trim_start();
        // A list item may be quoted: `- "drafts/[0-9]*"`.
        let before = line[..col]
            .trim_end()
            .trim_end_matches(['"', '\''])
            .trim_end();
        let is_key = rest.starts_with(':') || before.ends_with("key:") || before.ends_with('-');
        is_key.then_some((i + 1, col + 1))
    })
}

/// Where a name given twice is given the second time: serde_yaml places
/// the error after the map, so the name is looked for in the text.
fn duplicate_at(text: &str, message: &str) -> Option<(usize, usize)> {
    // "actors: actor `us` is given twice", serde_yaml's path first.
    let (before, rest) = message.split_once(" `")?;
    let name = rest.strip_suffix("` is given twice")?;
    let kind = before.rsplit(' ').next()?;
    let section = match kind {
        "measure" => "measures",
        "actor" => "actors",
        "location" => "locations",
        _ => return None,
    };
    // Entries of the section, by name: the second with this name.
    let mut inside = false;
    let mut indent = None;
    let mut seen = 0;
    for (i, line) in text.lines().enumerate() {
        let body = line.trim_start();
        let depth = line.len() - body.len();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        if depth == 0 {
            inside = body
                .strip_prefix(section)
                .is_some_and(|r| r.trim_start().starts_with(':'));
            indent = None;
            continue;
        }
        if !inside || *indent.get_or_insert(depth) != depth {
            continue;
        }
        let key = body.split(':').next().unwrap_or("").trim();
        let key = key.trim_matches(['"', '\'']);
        if key == name {
            seen += 1;
            if seen == 2 {
                return Some((i + 1, depth + 1));
            }
        }
    }
    None
}

/// Gives each fact the line of its `key:` in `text`: the facts' keys in
/// order, each looked for below the one before, in the `facts:` section
/// (the section's own line where a key is not found, as in flow style).
fn fact_lines(text: &str, facts: &mut [Fact]) {
    let lines: Vec<&str> = text.lines().collect();
    let top = |l: &str| l.split(':').next().map(str::trim_end) == Some("facts");
    let Some(start) = lines.iter().position(|l| top(l)) else {
        return;
    };
    // The section ends at the next top-level key.
    let end = (start + 1..lines.len())
        .find(|&i| {
            let l = lines[i];
            !l.trim().is_empty() && !l.starts_with([' ', '\t', '-', '#'])
        })
        .unwrap_or(lines.len());
    let mut at = start;
    for fact in facts {
        let found = (at..end).find_map(|i| {
            let line = lines[i];
            let k = line.find("key:")?;
            let value = line[k + 4..].split(['#', ',', '}']).next().unwrap_or("");
            let key = value.trim().trim_matches(['"', '\'']);
            (key == fact.key).then(|| {
                (
                    i,
                    line[..k + 4].chars().count() + value.find(key).unwrap_or(0),
                )
            })
        });
        fact.at = Some(match found {
            Some((i, column)) => {
                at = i + 1;
                (i + 1, column + 1)
            }
            None => (start + 1, 1),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_config_is_valid_and_has_the_spec_measures() {
        let config = Config::builtin();
        for name in [
            "troops",
            "killed",
            "wounded",
            "attacks",
            "strikes",
            "missiles",
            "drones",
            "rockets",
            "hostages",
            "reservists",
            "facilities",
            "vessels",
            "aircraft_carriers",
            "displaced",
            "money",
            "percent",
            "people_other",
            "other",
        ] {
            assert!(config.measures.contains_key(name), "missing measure {name}");
        }
        assert!(config.is_cumulative("killed"));
        assert!(!config.is_cumulative("troops"));
    }

    #[test]
    fn unknown_key_is_an_error_with_line_and_column() {
        let text = "compare:\n  window_days: 2\n  tolerence: 0.1\n";
        let err = Config::parse(text, "claims.yaml").unwrap_err();
        assert_eq!(err.location, Some((3, 3)));
        assert!(
            err.message.contains("unknown field `tolerence`"),
            "{}",
            err.message
        );
        assert!(err
            .to_string()
            .starts_with("invalid `claims.yaml` at line 3, column 3: "));
    }

    #[test]
    fn wrong_type_is_an_error_with_line() {
        let err =
            Config::parse("measures:\n  troops:\n    cumulative: maybe\n", "c.yaml").unwrap_err();
        assert_eq!(err.location.map(|l| l.0), Some(3));
    }

    #[test]
    fn fact_without_value_is_an_error_naming_the_key() {
        let text = "facts:\n  - key: troops/us/iraq\n    source: Pentagon\n";
        let err = Config::parse(text, "claims.yaml").unwrap_err();
        assert!(err.message.contains("troops/us/iraq"));
        assert_eq!(err.location, Some((2, 10)));
    }

    #[test]
    fn facts_and_accepted_parse_in_the_documented_shape() {
        let text = "facts:\n  - key: troops/us/iraq\n    value: 2500\n    as_of: 2024-01-01\n    \
                    source: Pentagon\n    tolerance: 0.05\naccepted:\n  - key: killed/israel/israel\n    \
                    reason: \"revised\"\n";
        let config = Config::parse(text, "claims.yaml").unwrap();
        assert_eq!(config.facts[0].value, Some(2500.0));
        assert_eq!(config.accepted[0].key, "killed/israel/israel");
    }

    /// Found in review: facts that can never be met were accepted.
    #[test]
    fn regression_facts_must_be_finite_and_ordered() {
        let nan = Config::parse("facts:\n  - key: k/-/-\n    value: .nan\n", "c.yaml").unwrap_err();
        assert!(nan.message.contains("not finite"), "{}", nan.message);
        let order = Config::parse(
            "facts:\n  - key: k/-/-\n    lower: 10\n    upper: 5\n",
            "c.yaml",
        )
        .unwrap_err();
        assert!(
            order.message.contains("`lower` 10 is above `upper` 5"),
            "{}",
            order.message
        );
    }

    #[test]
    fn a_file_extends_the_builtin_defaults_by_name() {
        let builtin = Config::builtin();
        // Empty, or only comments: the defaults themselves.
        for text in ["", "# nothing\n", "defaults: true\n"] {
            let c = Config::parse(text, "c.yaml").unwrap();
            assert_eq!(c.to_yaml(), builtin.to_yaml(), "{text:?}");
            assert!(c.extends_builtin);
        }
        let c = Config::parse(
            "compare:\n  window_days: 9\nmeasures:\n  troops:\n    nouns: [troopers]\n  \
             crews:\n    nouns: [crews]\nactors:\n  wagner: [Wagner]\n  martians: [Martians]\n",
            "c.yaml",
        )
        .unwrap();
        assert_eq!(c.compare.window_days, 9);
        assert_eq!(c.compare.about_tolerance, builtin.compare.about_tolerance);
        // Replaced whole: none of the built-in words of `troops` are left.
        assert_eq!(c.measures["troops"].nouns, ["troopers"]);
        assert!(!c.measures["troops"].people);
        assert_eq!(c.measures.len(), builtin.measures.len() + 1);
        assert_eq!(c.actors["wagner"], ["Wagner"]);
        assert_eq!(c.actors.len(), builtin.actors.len() + 1);
        assert_eq!(c.locations, builtin.locations);
        assert_eq!(c.corpus, builtin.corpus);
    }

    #[test]
    fn facts_and_accepted_replace_those_of_the_same_key() {
        let base = || {
            Config::parse_over(
                "facts:\n  - key: a/-/-\n    value: 1\n  - key: b/-/-\n    value: 2\n\
                 accepted:\n  - key: a/-/-\n    reason: old\n",
                "base.yaml",
                None,
            )
            .unwrap()
        };
        let text = "facts:\n  - key: b/-/-\n    value: 20\n  - key: b/-/-\n    lower: 30\n  \
                    - key: c/-/-\n    value: 3\naccepted:\n  - key: a/-/-\n    reason: new\n";
        let c = Config::parse_over(text, "c.yaml", Some(base)).unwrap();
        let facts: Vec<(&str, Option<f64>)> =
            c.facts.iter().map(|f| (f.key.as_str(), f.value)).collect();
        assert_eq!(
            facts,
            [
                ("a/-/-", Some(1.0)),
                ("b/-/-", Some(20.0)),
                ("b/-/-", None),
                ("c/-/-", Some(3.0))
            ]
        );
        assert_eq!(c.accepted.len(), 1);
        assert_eq!(c.accepted[0].reason, "new");
        // Each fact knows its line and the column of its key.
        let at: Vec<_> = c.facts[1..].iter().map(|f| f.at).collect();
        assert_eq!(at, [Some((2, 10)), Some((4, 10)), Some((6, 10))]);
    }

    #[test]
    fn exclude_globs_add_to_the_defaults_once_and_are_checked() {
        let base = || Config::parse_over("exclude: [a/, \"*.txt\"]\n", "base.yaml", None).unwrap();
        let c = Config::parse_over("exclude: [\"*.txt\", b/]\n", "c.yaml", Some(base)).unwrap();
        assert_eq!(c.exclude, ["a/", "*.txt", "b/"]);
        let c = Config::parse_over("defaults: false\n", "c.yaml", Some(base)).unwrap();
        assert!(c.exclude.is_empty());
        let err = Config::parse("exclude:\n  - ok/\n  - \"x[\"\n", "c.yaml").unwrap_err();
        assert_eq!(err.location, Some((3, 6)));
        assert!(
            err.message.contains("exclude glob `x[` is not valid"),
            "{}",
            err.message
        );
    }

    #[test]
    fn defaults_false_starts_empty() {
        let c = Config::parse("defaults: false\nactors:\n  us: [US]\n", "c.yaml").unwrap();
        assert!(c.measures.is_empty() && c.locations.is_empty() && c.corpus.is_empty());
        assert_eq!(c.actors.len(), 1);
        assert_eq!(c.compare.window_days, Compare::default().window_days);
        assert!(!c.extends_builtin);
        let err = Config::parse("defaults: maybe\n", "c.yaml").unwrap_err();
        assert_eq!(err.location.map(|l| l.0), Some(1));
    }

    #[test]
    fn a_name_given_twice_is_an_error_at_its_second_place() {
        let err = Config::parse(
            "measures:\n  ships:\n    nouns: [ships]\n  # again\n  ships: {}\n",
            "c.yaml",
        )
        .unwrap_err();
        assert_eq!(err.location, Some((5, 3)));
        assert!(
            err.message.contains("measure `ships` is given twice"),
            "{}",
            err.message
        );
        // In flow style, where the parser places it.
        let err = Config::parse("locations: {a: [A], a: [B]}\n", "c.yaml").unwrap_err();
        assert!(
            err.message.contains("location `a` is given twice"),
            "{}",
            err.message
        );
        assert_eq!(err.location.map(|l| l.0), Some(1));
        // A name under another section is not taken for it.
        let ok = Config::parse(
            "actors:\n  iraq: [Iraq]\nlocations:\n  iraq: [Iraq]\n",
            "c.yaml",
        );
        assert!(ok.is_ok());
    }

    #[test]
    fn the_nearest_file_is_found_up_to_the_repository_root() {
        let root = std::env::temp_dir().join(format!("claimcheck-find-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let deep = root.join("repo/a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::create_dir_all(root.join("repo/.git")).unwrap();
        std::fs::write(root.join("claims.yaml"), "").unwrap();
        assert_eq!(
            Config::find(&deep).unwrap(),
            None,
            "not past the repository"
        );
        std::fs::write(root.join("repo/.claimcheck.yaml"), "").unwrap();
        assert_eq!(
            Config::find(&deep).unwrap(),
            Some(PathBuf::from("../../.claimcheck.yaml"))
        );
        std::fs::write(root.join("repo/a/b/claims.yaml"), "").unwrap();
        assert_eq!(
            Config::find(&deep).unwrap(),
            Some(PathBuf::from("claims.yaml"))
        );
        std::fs::write(root.join("repo/a/b/.claimcheck.yaml"), "").unwrap();
        assert!(Config::find(&deep).is_err());
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn bad_names_are_rejected() {
        let err = Config::parse("actors:\n  United States: [US]\n", "c.yaml").unwrap_err();
        assert!(
            err.message.contains("actor name `United States`"),
            "{}",
            err.message
        );
        assert_eq!(err.location, Some((2, 3)));
    }
}
