//! CONFIG: the `claims.yaml` types, their defaults and their validation.
//!
//! Takes the text of a `claims.yaml` and returns a [`Config`]: the measure
//! lexicons, the actor and location gazetteers, the comparison settings, the
//! pinned facts and the accepted divergences. Every struct rejects unknown
//! keys, and every error names the file, the line and the column. This module
//! does not look for the file (see [`Config::discover`]) and does not build
//! the lookup tables the extractor uses (see `extract::lexicon`).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The default configuration, shipped as `claims.yaml` at the top of the
/// repository and built into the binary.
pub const BUILTIN: &str = include_str!("../claims.yaml");

/// The name of the measure every number falls back to.
pub const OTHER: &str = "other";

/// A parsed and validated `claims.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Paths read when the command line names none, relative to the file.
    pub corpus: Vec<PathBuf>,
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
    /// The largest article read, in bytes (0: the default); set from the
    /// command line, not the file.
    #[serde(skip)]
    pub max_file_size: u64,
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

/// Largest `claims.yaml` read, so that a huge file fails fast.
const MAX_CONFIG_BYTES: usize = 4 << 20;

impl Config {
    /// The built-in default configuration (the shipped `claims.yaml`).
    pub fn builtin() -> Config {
        Config::parse(BUILTIN, "claims.yaml (built in)")
            .expect("the built-in claims.yaml is valid; a test checks it")
    }

    /// Parses and validates the text of a `claims.yaml`; `path` names it in
    /// errors.
    pub fn parse(text: &str, path: &str) -> Result<Config, ConfigError> {
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
        if text.trim().is_empty() {
            return Ok(Config::default());
        }
        if let Some(at) = crate::corpus::nesting_over(text, 64) {
            return Err(err(Some(at), "nested more than 64 deep".into()));
        }
        let config: Config = serde_yaml::from_str(text).map_err(|e| {
            let location = e.location().map(|l| (l.line(), l.column()));
            err(location, strip_location(&e.to_string()))
        })?;
        config
            .validate()
            .map_err(|(key, message)| err(find_key(text, &key), message))?;
        Ok(config)
    }

    /// Reads `path` as a `claims.yaml`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let shown = path.display().to_string();
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
        Ok(config)
    }

    /// The configuration for a run: `explicit` if given, else `claims.yaml`
    /// in the current directory if there is one, else the built-in default.
    pub fn discover(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        match explicit {
            Some(path) => Config::load(path),
            None => {
                let local = Path::new("claims.yaml");
                if local.is_file() {
                    Config::load(local)
                } else {
                    Ok(Config::builtin())
                }
            }
        }
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
        let before = line[..col].trim_end();
        let is_key = rest.starts_with(':') || before.ends_with("key:") || before.ends_with('-');
        is_key.then_some((i + 1, col + 1))
    })
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
