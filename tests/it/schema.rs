//! The versioned JSON contract (issue 16): every JSON document the test
//! suite gets from the binary is validated against its schema in
//! `docs/schemas/` ([`checked`], which the other test files run the binary
//! through), and the schemas themselves are shown to reject what breaks
//! the contract.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;

/// A JSON document of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `extract --format json`.
    Extract,
    /// One line of `extract --format jsonl` (a shard line).
    Claim,
    /// `report --format json`, `check --write-baseline`.
    Report,
    /// `check --format json`.
    Check,
}

impl Kind {
    fn file(self) -> &'static str {
        match self {
            Kind::Extract => "extract.schema.json",
            Kind::Claim => "claim.schema.json",
            Kind::Report => "report.schema.json",
            Kind::Check => "check.schema.json",
        }
    }
}

fn schema_file(name: &str) -> Value {
    let path = crate::root().join("docs/schemas").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

/// Resolves the schemas' references to the files beside them, by name: the
/// `$id`s are names, never fetched.
struct Beside;

impl jsonschema::Retrieve for Beside {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri.as_str().rsplit('/').next().unwrap_or_default();
        let path = crate::root().join("docs/schemas").join(name);
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{path:?}: {e}"))?;
        Ok(serde_json::from_str(&text)?)
    }
}

fn validator(kind: Kind) -> &'static jsonschema::Validator {
    static VALIDATORS: OnceLock<Vec<jsonschema::Validator>> = OnceLock::new();
    let all = VALIDATORS.get_or_init(|| {
        [Kind::Extract, Kind::Claim, Kind::Report, Kind::Check]
            .iter()
            .map(|k| {
                jsonschema::options()
                    .with_draft(jsonschema::Draft::Draft202012)
                    .with_retriever(Beside)
                    .build(&schema_file(k.file()))
                    .unwrap_or_else(|e| panic!("{}: {e}", k.file()))
            })
            .collect()
    });
    let i = [Kind::Extract, Kind::Claim, Kind::Report, Kind::Check]
        .iter()
        .position(|k| *k == kind)
        .unwrap();
    &all[i]
}

/// The errors of `doc` against the schema of `kind`, as text.
pub fn errors(kind: Kind, doc: &Value) -> Vec<String> {
    validator(kind)
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Panics unless `text` is a valid document of `kind` (for `Claim`: every
/// line of a JSON-lines text is a valid claim).
pub fn validate(kind: Kind, text: &str, what: &str) {
    let docs: Vec<&str> = if kind == Kind::Claim {
        text.lines().filter(|l| !l.trim().is_empty()).collect()
    } else {
        vec![text]
    };
    for doc in docs {
        let value: Value = serde_json::from_str(doc)
            .unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {}", &doc[..doc.len().min(300)]));
        let errors = errors(kind, &value);
        assert!(
            errors.is_empty(),
            "{what}: not valid against docs/schemas/{}:\n{}",
            kind.file(),
            errors.join("\n")
        );
    }
}

/// Runs a claimcheck command and validates the JSON it writes (standard
/// output for `--format json` or `jsonl`, the `--output` file of a JSON
/// report, the `--write-baseline` file) against its schema.
pub fn checked(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("the binary runs");
    let args: Vec<String> = cmd
        .get_args()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1).cloned())
            .or_else(|| {
                args.iter()
                    .find_map(|a| a.strip_prefix(&format!("{flag}=")).map(str::to_string))
            })
    };
    let command = args
        .iter()
        .find(|a| ["extract", "report", "check"].contains(&a.as_str()))
        .cloned();
    let format = value("--format");
    let what = format!("claimcheck {}", args.join(" "));
    let dir = cmd
        .get_current_dir()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| std::env::current_dir().unwrap());
    let kind = match (command.as_deref(), format.as_deref()) {
        (Some("extract"), Some("json")) => Some(Kind::Extract),
        (Some("extract"), Some("jsonl")) => Some(Kind::Claim),
        (Some("report"), Some("json")) => Some(Kind::Report),
        (Some("check"), Some("json")) => Some(Kind::Check),
        _ => None,
    };
    let to_file = value("--output").filter(|o| o != "-" && o != "/dev/stdout");
    if let Some(kind) = kind {
        if to_file.is_none() && !out.stdout.is_empty() {
            validate(kind, &String::from_utf8_lossy(&out.stdout), &what);
        }
    }
    if out.status.success() || out.status.code() == Some(1) {
        let mut files = Vec::new();
        if kind == Some(Kind::Report) {
            files.extend(to_file);
        }
        files.extend(value("--write-baseline"));
        for f in files {
            if let Ok(text) = std::fs::read_to_string(dir.join(&f)) {
                validate(Kind::Report, &text, &format!("{what} (the file {f})"));
            }
        }
    }
    out
}

/// Runs claimcheck with `args` in `dir`, validated as [`checked`] does.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    checked(
        Command::new(env!("CARGO_BIN_EXE_claimcheck"))
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .env_remove("CI"),
    )
}

#[test]
fn every_json_output_over_the_test_data_is_valid() {
    let root = crate::root();
    let sets = [
        "corpus",
        "tests/data/findings",
        "tests/data/realnews/corpus",
    ];
    for set in sets {
        for (cmd, format) in [
            ("extract", "json"),
            ("extract", "jsonl"),
            ("report", "json"),
            ("check", "json"),
        ] {
            let out = run(&root, &[cmd, set, "--format", format, "--quiet"]);
            assert!(
                matches!(out.status.code(), Some(0 | 1)),
                "{cmd} {set}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(!out.stdout.is_empty(), "{cmd} {set} --format {format}");
        }
    }
    // Empty documents too.
    let dir = crate::scratch("schema/empty");
    for (cmd, kind) in [
        ("extract", Kind::Extract),
        ("report", Kind::Report),
        ("check", Kind::Check),
    ] {
        let out = run(&dir, &[cmd, ".", "--format", "json"]);
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(doc["version"], 2, "{cmd}");
        assert!(errors(kind, &doc).is_empty());
    }
}

#[test]
fn the_schemas_reject_what_breaks_the_contract() {
    let out = run(&crate::root(), &["report", "corpus", "--format", "json"]);
    let good: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(errors(Kind::Report, &good).is_empty());
    let broken = |f: &dyn Fn(&mut Value)| {
        let mut doc = good.clone();
        f(&mut doc);
        errors(Kind::Report, &doc)
    };
    // No version, another version, a field not in the contract, a claim
    // without its key, a verdict that does not exist, an id of the wrong
    // shape, a group claim without a status.
    type Change<'a> = &'a dyn Fn(&mut Value);
    let cases: [(&str, Change); 7] = [
        ("no version", &|d| {
            d.as_object_mut().unwrap().remove("version");
        }),
        ("version 1", &|d| d["version"] = 1.into()),
        ("extra field", &|d| d["groups"][0]["extra"] = true.into()),
        ("claim without key", &|d| {
            d["groups"][0]["claims"][0]
                .as_object_mut()
                .unwrap()
                .remove("key");
        }),
        ("bad verdict", &|d| {
            d["groups"][0]["verdict"] = "maybe".into()
        }),
        ("bad id", &|d| d["groups"][0]["id"] = "group-1".into()),
        ("null status", &|d| {
            d["groups"][0]["claims"][0]["status"] = Value::Null
        }),
    ];
    for (name, change) in cases {
        assert!(!broken(change).is_empty(), "{name} passed the schema");
    }
    // A shard line with a qualifier not in the contract.
    let out = run(&crate::root(), &["extract", "corpus", "--format", "jsonl"]);
    let line = String::from_utf8(out.stdout).unwrap();
    let mut claim: Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    assert!(errors(Kind::Claim, &claim).is_empty());
    assert!(
        claim.get("version").is_none(),
        "a shard line has no version"
    );
    claim["qualifier"] = "roughly".into();
    assert!(!errors(Kind::Claim, &claim).is_empty());
}
