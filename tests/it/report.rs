//! `claimcheck report`: the findings on the bundled corpus, the three
//! formats as snapshots, stable output.

use std::process::{Command, Output};

use claimcheck::compare::Verdict;
use claimcheck::Config;
use serde_json::Value;

fn claimcheck(args: &[&str]) -> Output {
    crate::schema::checked(
        Command::new(env!("CARGO_BIN_EXE_claimcheck"))
            .args(args)
            .current_dir(crate::root())
            .env("NO_COLOR", "1"),
    )
}

fn corpus_report() -> claimcheck::report::Report {
    let config = Config::builtin();
    let run = claimcheck::extract_paths(&[crate::root().join("corpus")], &config);
    claimcheck::report(run, &config)
}

/// The verdict and figures of the group with `key`.
fn finding(report: &claimcheck::report::Report, key: &str) -> (Verdict, usize, Vec<String>) {
    let g = report
        .groups
        .iter()
        .find(|g| g.key == key)
        .unwrap_or_else(|| panic!("no group `{key}`"));
    let figures = g.claims.iter().map(claimcheck::compare::figure).collect();
    (g.verdict, g.articles(), figures)
}

#[test]
fn the_bundled_corpus_shows_the_expected_findings() {
    let r = corpus_report();
    assert_eq!(
        finding(&r, "troops/us/iraq"),
        (
            Verdict::Agree,
            3,
            vec!["2,500".into(), "about 2,500".into(), "2,500".into()]
        )
    );
    assert_eq!(
        finding(&r, "troops/us/syria"),
        (
            Verdict::Agree,
            3,
            vec!["900".into(), "about 900".into(), "900".into()]
        )
    );
    assert_eq!(
        finding(&r, "killed/israel/israel@2023-10-07"),
        (
            Verdict::Agree,
            2,
            vec!["at least 1,400".into(), "more than 1,400".into()]
        )
    );
    assert_eq!(
        finding(&r, "killed/palestinians/gaza"),
        (
            Verdict::Evolve,
            2,
            vec!["3,500".into(), "more than 9,000".into()]
        )
    );
    assert_eq!(
        finding(&r, "attacks/us/iraq+syria"),
        (
            Verdict::Evolve,
            2,
            vec!["dozens".into(), "about 150".into()]
        )
    );
}

#[test]
fn no_group_mixes_what_is_counted_or_its_kind() {
    for g in corpus_report().groups {
        let first = &g.claims[0];
        let slots = |c: &claimcheck::Claim| {
            (
                c.measure.clone(),
                c.counted.clone(),
                c.part.clone(),
                c.frame,
                c.modality,
                c.event.clone(),
            )
        };
        assert!(
            g.claims.iter().all(|c| slots(c) == slots(first)),
            "{}",
            g.key
        );
        assert_eq!(g.identity.measure, first.measure);
        // Places named by the sentences are one place, or one within
        // another.
        let places: Vec<&str> = g.claims.iter().filter_map(|c| c.place.as_deref()).collect();
        for p in &places {
            assert!(
                places.iter().all(|q| q == p
                    || claimcheck::places::contains(p, q)
                    || claimcheck::places::contains(q, p)
                    || g.claims.iter().any(|c| c.slots_from.contains_key("place"))),
                "{}: {places:?}",
                g.key
            );
        }
    }
}

#[test]
fn report_json_follows_the_contract() {
    let out = claimcheck(&["report", "--format", "json"]);
    assert!(out.status.success());
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let groups = json["groups"].as_array().unwrap();
    assert!(!groups.is_empty());
    for g in groups {
        assert!(g["key"].is_string());
        assert!(matches!(
            g["verdict"].as_str(),
            Some("agree" | "evolve" | "diverge" | "single")
        ));
        assert!(g["cumulative"].is_boolean());
        assert!(!g["claims"].as_array().unwrap().is_empty());
    }
}

#[test]
fn report_formats_on_the_bundled_corpus() {
    let settings = crate::snapshot_settings();
    for (format, name) in [
        ("text", "report_text"),
        ("markdown", "report_markdown"),
        ("json", "report_json"),
    ] {
        let out = claimcheck(&["report", "--format", format]);
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        settings.bind(|| insta::assert_snapshot!(name, text));
    }
}

#[test]
fn report_is_the_same_whatever_the_file_order() {
    // The same articles, given in another order and as single files.
    let mut files: Vec<String> = std::fs::read_dir(crate::root().join("corpus"))
        .unwrap()
        .map(|e| format!("corpus/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    files.sort();
    files.reverse();
    let mut args = vec!["report", "--format", "json"];
    let refs: Vec<&str> = files.iter().map(String::as_str).collect();
    args.extend(refs);
    let reversed = claimcheck(&args);
    let whole = claimcheck(&["report", "--format", "json"]);
    assert_eq!(reversed.stdout, whole.stdout);
}

#[test]
fn a_divergence_shows_a_word_diff() {
    let dir = crate::scratch("diverge");
    std::fs::write(
        dir.join("a.md"),
        "---\nsource: Wire A\ndate: 2023-10-10\n---\nIsraeli officials said 1,200 people were killed in Israel on October 7.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.md"),
        "---\nsource: Wire B\ndate: 2023-10-10\n---\nMore than 1,400 people were killed in Israel on October 7, officials said.\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(["report", "."])
        .current_dir(&dir)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    crate::snapshot_settings().bind(|| insta::assert_snapshot!("report_divergence", text));
}

#[test]
fn output_file_is_written_whole() {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("report.md");
    let out = claimcheck(&[
        "report",
        "--format",
        "markdown",
        "--output",
        path.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.starts_with("# claimcheck report\n"));
    let leftovers = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn shards_of_extracted_claims_give_the_same_report() {
    let dir = crate::scratch("shards");
    let root = crate::root();
    let findings: Vec<String> = std::fs::read_dir(root.join("tests/data/findings"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| p.strip_prefix(&root).unwrap().display().to_string())
        .collect();
    let (a, b) = findings.split_at(findings.len() / 2);
    for (name, files) in [
        ("a.jsonl", a.to_vec()),
        ("b.jsonl", [b.to_vec(), vec!["corpus".into()]].concat()),
    ] {
        let mut args = vec!["extract".to_string(), "--format".into(), "jsonl".into()];
        args.extend(files);
        let out = crate::schema::checked(
            Command::new(env!("CARGO_BIN_EXE_claimcheck"))
                .args(&args)
                .current_dir(&root),
        );
        assert!(out.status.success());
        std::fs::write(dir.join(name), out.stdout).unwrap();
    }
    for format in ["json", "text", "markdown", "html"] {
        let single = claimcheck(&[
            "report",
            "tests/data/findings",
            "corpus",
            "--format",
            format,
        ]);
        let a = dir.join("a.jsonl").display().to_string();
        let b = dir.join("b.jsonl").display().to_string();
        let merged = claimcheck(&["report", "--format", format, "--claims", &b, &a]);
        assert!(
            merged.status.success(),
            "{}",
            String::from_utf8_lossy(&merged.stderr)
        );
        assert_eq!(single.stdout, merged.stdout, "{format}");
    }
    std::fs::write(dir.join("bad.jsonl"), "{\"number\": 1}\n").unwrap();
    let bad = dir.join("bad.jsonl").display().to_string();
    let out = claimcheck(&["report", "--claims", &bad]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.jsonl` line 1: not a claim"));
}

#[test]
fn claims_grouped_as_they_are_read_give_the_same_report() {
    let config = Config::builtin();
    let paths = [
        crate::root().join("corpus"),
        crate::root().join("tests/data/findings"),
    ];
    let run = claimcheck::extract_paths(&paths, &config);
    let (articles, claims) = (run.articles, run.claims.len());
    let whole = claimcheck::report(run, &config);
    let (streamed, rest) = claimcheck::report_paths_with(&paths, &config, &|_| {});
    assert!(claims > 50 && whole.groups.len() > 10);
    assert_eq!(rest.articles, articles);
    assert!(rest.claims.is_empty(), "the claims are in the report only");
    assert_eq!(
        serde_json::to_string(&streamed).unwrap(),
        serde_json::to_string(&whole).unwrap()
    );
    // Claims read back from JSON lines in any order give the report too.
    let shard = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("reversed.jsonl");
    let mut lines: Vec<String> = claimcheck::extract_paths(&paths, &config)
        .claims
        .iter()
        .map(|c| serde_json::to_string(c).unwrap())
        .collect();
    lines.reverse();
    std::fs::write(&shard, lines.join("\n")).unwrap();
    let read_back = claimcheck::report_claims(&[shard], &config).unwrap();
    assert_eq!(
        serde_json::to_string(&read_back).unwrap(),
        serde_json::to_string(&whole).unwrap()
    );
}
