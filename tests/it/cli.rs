//! The command line as a user meets it: output contracts, errors on stderr,
//! exit codes.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn claimcheck(dir: &Path, args: &[&str]) -> Output {
    crate::schema::checked(
        Command::new(env!("CARGO_BIN_EXE_claimcheck"))
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1"),
    )
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

use crate::scratch;

#[test]
fn extract_json_follows_the_contract() {
    let out = claimcheck(&crate::root(), &["extract", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let claims = json["claims"].as_array().unwrap();
    assert!(claims.len() >= 20);
    let fields = [
        "number",
        "value",
        "lower",
        "upper",
        "qualifier",
        "change",
        "currency",
        "unit",
        "measure",
        "actor",
        "location",
        "key",
        "article",
        "date",
        "line",
        "column",
        "start",
        "end",
        "sentence",
        "scope",
        "source",
        "outlet",
        "frame",
        "as_of",
        "since",
        "event",
        "whose",
        "place",
        "part",
        "counted",
        "modality",
        "revised",
        "slots_from",
        "status",
    ];
    // Fields in the contract's order (serde_json::Value sorts them, so read
    // the order off the raw text of the first claim).
    let raw = stdout(&out);
    let first = &raw[..raw.find("\"status\"").unwrap() + 9];
    let positions: Vec<usize> = fields
        .iter()
        .map(|f| first.find(&format!("\"{f}\":")).unwrap())
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "field order: {first}"
    );
    let mut sorted = fields.to_vec();
    sorted.sort_unstable();
    for c in claims {
        let keys: Vec<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, sorted);
        // start/end cover the number as written; line/column match start.
        let path = crate::root().join(c["article"].as_str().unwrap());
        let text = std::fs::read_to_string(&path).unwrap();
        let (start, end) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], c["number"].as_str().unwrap());
        let line = text[..start].matches('\n').count() + 1;
        let column = text[..start].rsplit('\n').next().unwrap().chars().count() + 1;
        assert_eq!(
            (
                c["line"].as_u64().unwrap() as usize,
                c["column"].as_u64().unwrap() as usize
            ),
            (line, column)
        );
        assert!(c["article"].as_str().unwrap().starts_with("corpus/"));
        assert!(c["sentence"]
            .as_str()
            .unwrap()
            .contains(c["number"].as_str().unwrap()));
    }
}

#[test]
fn jsonl_has_one_claim_a_line_and_matches_json() {
    let root = crate::root();
    let json: Value = serde_json::from_str(&stdout(&claimcheck(
        &root,
        &["extract", "--format", "json"],
    )))
    .unwrap();
    let lines = stdout(&claimcheck(
        &root,
        &["extract", "corpus", "--format", "jsonl"],
    ));
    let from_lines: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(&Value::Array(from_lines), &json["claims"]);
}

#[test]
fn output_is_byte_identical_run_to_run() {
    let root = crate::root();
    let a = claimcheck(&root, &["extract", "--format", "json"]);
    let b = claimcheck(&root, &["extract", "--format", "json"]);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn text_table_lists_where_figure_bounds_and_key() {
    let out = claimcheck(
        &crate::root(),
        &["extract", "corpus/000_132a4cc3bc6a62b5.md"],
    );
    crate::snapshot_settings().bind(|| insta::assert_snapshot!("extract_text_000", stdout(&out)));
}

#[test]
fn a_missing_path_is_an_error_naming_it() {
    let out = claimcheck(&crate::root(), &["extract", "no/such/folder"]);
    assert_eq!(out.status.code(), Some(2));
    crate::snapshot_settings()
        .bind(|| insta::assert_snapshot!("missing_path_stderr", stderr(&out)));
}

#[test]
fn an_unreadable_file_is_an_error_and_the_rest_is_read() {
    let dir = scratch("bad_file");
    std::fs::write(dir.join("a.md"), "The US has 2,500 troops in Iraq.\n").unwrap();
    std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("gone.md")).unwrap();
    std::fs::write(dir.join("notes.csv"), "1,2,3").unwrap();
    let out = claimcheck(&dir, &["extract", ".", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stdout(&out).lines().count(),
        1,
        "the good file's claim is there"
    );
    let err = stderr(&out);
    assert!(
        err.contains("error: could not read `gone.md`: no such file or folder"),
        "{err}"
    );
    assert!(
        err.contains("claimcheck: 1 read, 1 skipped or unreadable (see above)"),
        "{err}"
    );
    assert!(!err.contains("notes.csv"));
}

#[test]
fn a_broken_claims_yaml_exits_2_with_line_and_column() {
    let dir = scratch("broken_config");
    std::fs::write(
        dir.join("claims.yaml"),
        "compare:\n  window_days: 3\n  tolerance: 0.1\n",
    )
    .unwrap();
    let out = claimcheck(&dir, &["extract", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    crate::snapshot_settings()
        .bind(|| insta::assert_snapshot!("broken_config_stderr", stderr(&out)));
}

#[test]
fn config_given_with_flag_is_used() {
    let dir = scratch("config_flag");
    std::fs::write(
        dir.join("my.yaml"),
        "measures:\n  ships:\n    nouns: [ships]\n",
    )
    .unwrap();
    std::fs::write(dir.join("a.md"), "Five ships and 2,500 troops.\n").unwrap();
    let out = claimcheck(
        &dir,
        &[
            "--config", "my.yaml", "extract", "a.md", "--format", "jsonl",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let keys: Vec<String> = stdout(&out)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["key"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    // The file extends the built-in measures: troops are still counted.
    assert_eq!(keys, ["ships/-/-", "troops/-/-"]);
    // With `defaults: false` only its own measures are.
    std::fs::write(
        dir.join("my.yaml"),
        "defaults: false\nmeasures:\n  ships:\n    nouns: [ships]\n",
    )
    .unwrap();
    let out = claimcheck(
        &dir,
        &[
            "--config", "my.yaml", "extract", "a.md", "--format", "jsonl",
        ],
    );
    let keys: Vec<String> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["key"].to_string())
        .collect();
    assert_eq!(keys, ["\"ships/-/-\"", "\"other/-/-\""]);
}

#[test]
fn unknown_format_is_a_usage_error() {
    let out = claimcheck(&crate::root(), &["extract", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("invalid value 'xml'"));
}

#[test]
fn readme_help_blocks_match_the_binary() {
    let readme = std::fs::read_to_string(crate::root().join("README.md")).unwrap();
    for command in ["report", "check", "extract"] {
        let out = claimcheck(&crate::root(), &[command, "--help"]);
        let help = stdout(&out);
        assert!(
            readme.contains(help.trim_end()),
            "README.md's `claimcheck {command} --help` block is out of date; it should read:\n{help}"
        );
    }
}

#[test]
fn shipped_claims_yaml_is_the_builtin_one() {
    let file = std::fs::read_to_string(crate::root().join("claims.yaml")).unwrap();
    assert_eq!(file, claimcheck::config::BUILTIN);
    let config = claimcheck::Config::load(&crate::root().join("claims.yaml")).unwrap();
    assert_eq!(config.corpus, [Path::new("corpus")]);
}
