//! Hostile input never crashes a run or loses a result: binary, Latin-1,
//! empty, huge and looping files beside a good article; numbers too large
//! for a float; hostile claims.yaml files.

use std::path::{Path, PathBuf};

use claimcheck::{corpus, Config, Extractor};
use std::process::Command;
use std::time::{Duration, Instant};

fn folder(name: &str) -> PathBuf {
    crate::scratch(&format!("hostile/{name}"))
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String, Duration) {
    let start = Instant::now();
    let out = crate::schema::checked(
        Command::new(env!("CARGO_BIN_EXE_claimcheck"))
            .args(args)
            .current_dir(dir),
    );
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        start.elapsed(),
    )
}

#[test]
fn a_folder_of_bad_files_beside_a_good_article() {
    let dir = folder("files");
    std::fs::write(
        dir.join("good.md"),
        "---\ndate: 2024-01-02\n---\nThe US has 2,500 troops in Iraq and 900 in Syria.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("binary.md"),
        [0x89, b'P', b'N', b'G', 0, 0, 1, 2, 3],
    )
    .unwrap();
    std::fs::write(
        dir.join("latin1.txt"),
        b"L'arm\xe9e a tu\xe9 12 soldats \x96 selon l'AFP.\n",
    )
    .unwrap();
    std::fs::write(dir.join("empty.md"), b"").unwrap();
    let line = format!(
        "{}the army said it shot down 12 drones ",
        "lorem ipsum dolor sit amet ".repeat(40)
    );
    std::fs::write(
        dir.join("long-line.txt"),
        line.repeat(10_000_000 / line.len() + 1),
    )
    .unwrap();
    std::fs::write(dir.join("digits.txt"), "7".repeat(2_000_000)).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("loop")).unwrap();
    let (code, out, err, took) = run(&dir, &["extract", ".", "--format", "jsonl"]);
    assert!(took < Duration::from_secs(60), "took {took:?}");
    assert!(!err.contains("panicked"), "{err}");
    // Skipped and re-decoded files are warnings, so the run succeeds.
    assert_eq!(code, Some(0), "{err}");
    let good: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("\"article\":\"good.md\""))
        .collect();
    assert_eq!(good.len(), 2, "the good article's claims are all there");
    assert!(
        err.contains("warning: skipped `binary.md`: a binary file"),
        "{err}"
    );
    assert!(
        err.contains("warning: `latin1.txt`: not UTF-8 (at byte 5); read as Windows-1252"),
        "{err}"
    );
    assert!(
        err.contains("skipped `loop`: a symbolic link loops back"),
        "{err}"
    );
    assert!(
        out.contains("\"number\":\"12\"") && out.contains("soldats"),
        "the Latin-1 article is read"
    );
    // The wall of digits is one number too large to hold: no value.
    let digits: Vec<&str> = out.lines().filter(|l| l.contains("digits.txt")).collect();
    assert!(
        digits
            .iter()
            .all(|l| l.contains("\"value\":null") && l.contains("\"overflow\":true")),
        "{digits:?}"
    );
    let (code, out, err, took) = run(&dir, &["report", "."]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("US troops in Iraq"), "{out}");
    assert!(took < Duration::from_secs(60), "took {took:?}");
    let (code, _, err, _) = run(&dir, &["report", ".", "--max-file-size", "1"]);
    assert_eq!(code, Some(0));
    assert!(
        err.contains(
            "skipped `long-line.txt`: 9.5 MiB is over the limit of 1.0 MiB (--max-file-size)"
        ),
        "{err}"
    );
}

#[test]
fn numbers_beyond_a_float_are_kept_as_written_without_a_wrong_value() {
    let dir = folder("overflow");
    let forty = "1234567890123456789012345678901234567890";
    std::fs::write(dir.join("a.md"), format!("Officials counted {forty} ballots and 10,000,000,000,000,000 more, and 2,500 troops.\n")).unwrap();
    let (code, out, _, _) = run(&dir, &["extract", "a.md", "--format", "json"]);
    assert_eq!(code, Some(0));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let claims = json["claims"].as_array().unwrap();
    assert_eq!(claims[0]["number"], forty);
    assert!(
        claims[0]["value"].is_null()
            && claims[0]["lower"].is_null()
            && claims[0]["upper"].is_null()
    );
    assert_eq!(claims[0]["overflow"], true);
    assert_eq!(claims[1]["overflow"], true);
    assert_eq!(claims[2]["value"], 2500);
    assert!(claims[2].get("overflow").is_none());
}

#[test]
fn hostile_claims_yaml_exits_2_quickly() {
    let dir = folder("config");
    std::fs::write(dir.join("a.md"), "2,500 troops.\n").unwrap();
    // Anchors under a real key, so that the loader meets the aliases.
    let mut bomb = String::from("actors:\n  a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for n in 1..9 {
        let refs = vec![format!("*a{}", n - 1); 9].join(", ");
        bomb.push_str(&format!("  a{n}: &a{n} [{refs}]\n"));
    }
    let nested = format!(
        "measures:\n  x:\n    nouns: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let huge = format!("# {}\n", "x".repeat(5 << 20));
    for (name, text) in [
        ("bomb.yaml", bomb),
        ("nested.yaml", nested),
        ("huge.yaml", huge),
        (
            "types.yaml",
            "compare:\n  window_days: [1, 2]\n".to_string(),
        ),
        (
            "unknown.yaml",
            "measures:\n  troops:\n    noun: [troops]\n".to_string(),
        ),
        ("not-yaml.yaml", "measures: {\n".to_string()),
    ] {
        std::fs::write(dir.join(name), text).unwrap();
        let (code, out, err, took) = run(&dir, &["--config", name, "extract", "a.md"]);
        assert_eq!(code, Some(2), "{name}: {err}");
        assert!(out.is_empty(), "{name}");
        assert!(
            err.starts_with(&format!("error: invalid `{name}`")),
            "{name}: {err}"
        );
        assert!(took < Duration::from_secs(10), "{name} took {took:?}");
    }
}

#[test]
fn hostile_texts_finish() {
    let extractor = Extractor::new(&Config::builtin());
    let texts = [
        "9".repeat(200_000),
        ",".repeat(100_000),
        "1,".repeat(50_000),
        "one ".repeat(20_000),
        "a ".repeat(50_000) + "2,500 troops",
        "\u{0}".repeat(1000),
        "---\n".to_string() + &"a: [".repeat(500),
        "x".repeat(300_000),
    ];
    for t in texts {
        let article = corpus::parse("hostile.md", t.clone());
        let claims = extractor.extract(&article);
        for c in claims {
            assert_eq!(&t[c.start..c.end], c.number);
        }
    }
}

/// Found in review: these read or parsed without end.
#[test]
fn regression_pipes_devices_and_deep_front_matter_finish() {
    let dir = folder("review_hangs");
    let fifo = dir.join("pipe.md");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let deep = format!(
        "---\ntitle: {}\n---\nThe US has 2,500 troops in Iraq.\n",
        "[".repeat(80_000)
    );
    std::fs::write(dir.join("deep.md"), deep).unwrap();
    let (code, out, err, took) = run(&dir, &["extract", ".", "/dev/zero", "--format", "jsonl"]);
    assert!(took < Duration::from_secs(20), "took {took:?}");
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("skipped `pipe.md`: not a regular file"),
        "{err}"
    );
    assert!(
        err.contains("skipped `/dev/zero`: not a regular file"),
        "{err}"
    );
    assert!(
        err.contains("`deep.md`: front matter is larger than 64 KiB"),
        "{err}"
    );
    assert_eq!(out.lines().count(), 1);
    let cfg = format!("measures:\n  x:\n    nouns: {}\n", "[".repeat(200_000));
    std::fs::write(dir.join("deep.yaml"), cfg).unwrap();
    let (code, _, err, took) = run(&dir, &["--config", "deep.yaml", "extract", "deep.md"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("nested more than 64 deep"), "{err}");
    assert!(took < Duration::from_secs(10), "took {took:?}");
}

/// Found in review: claims from shards are checked before a report uses them.
#[test]
fn regression_claims_with_huge_or_disordered_bounds_are_refused() {
    let dir = folder("review_claims");
    let line = r#"{"number":"x","value":1.7e308,"lower":1.7e308,"upper":1e300,"qualifier":"exact","measure":"killed","actor":null,"location":"gaza","key":"killed/-/gaza","article":"a.md","date":"2024-01-01","line":1,"column":1,"start":0,"end":1,"sentence":"x","scope":null,"source":null,"outlet":null}"#;
    std::fs::write(dir.join("s.jsonl"), format!("{line}\n")).unwrap();
    let (code, _, err, _) = run(&dir, &["report", "--claims", "s.jsonl", "--format", "html"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("line 1: a claim's bounds must be finite numbers with `lower` <= `upper`"),
        "{err}"
    );
}

/// Found in review: the same file named twice is read once.
#[test]
fn regression_a_file_named_twice_is_read_once() {
    let dir = folder("review_twice");
    std::fs::write(dir.join("a.md"), "The US has 2,500 troops in Iraq.\n").unwrap();
    let (_, out, _, _) = run(&dir, &["extract", "a.md", ".", "--format", "jsonl"]);
    assert_eq!(out.lines().count(), 1);
}

/// Found in review: offsets were of the decoded text, not of the file.
#[test]
fn regression_offsets_are_bytes_of_the_file_with_a_bom_or_windows_1252() {
    let dir = folder("review_offsets");
    std::fs::write(
        dir.join("bom.md"),
        b"\xef\xbb\xbfThe US has 2,500 troops in Iraq.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("cp.md"),
        b"Caf\xe9 \x93The US has 2,500 troops in Iraq.\n",
    )
    .unwrap();
    let (_, out, _, _) = run(&dir, &["extract", "bom.md", "cp.md", "--format", "jsonl"]);
    for line in out.lines() {
        let c: serde_json::Value = serde_json::from_str(line).unwrap();
        let bytes = std::fs::read(dir.join(c["article"].as_str().unwrap())).unwrap();
        let (s, e) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&bytes[s..e], b"2,500", "{line}");
    }
}

#[test]
fn many_files_come_out_whole_and_in_file_order() {
    // More files than the workers may run ahead of the writer, with bad
    // files among them, in nested folders.
    let dir = folder("many");
    let mut expected = Vec::new();
    for n in 0..700 {
        let sub = dir.join(format!("{:02}", n % 7));
        std::fs::create_dir_all(&sub).unwrap();
        let path = sub.join(format!("a{n:04}.md"));
        if n % 97 == 5 {
            std::fs::write(&path, b"\0binary").unwrap();
            continue;
        }
        std::fs::write(&path, format!("The army sent {} troops.\n", 1000 + n)).unwrap();
        expected.push((path.display().to_string(), format!("{}", 1000 + n)));
    }
    expected.sort();
    let mut seen = Vec::new();
    let mut failed = 0;
    let errors = claimcheck::extract_each(
        std::slice::from_ref(&dir),
        &Config::builtin(),
        &|_| {},
        |result| match result {
            claimcheck::FileResult::Read { path, claims, .. } => {
                assert_eq!(claims.len(), 1, "{path}");
                seen.push((path, claims[0].number.clone()));
            }
            claimcheck::FileResult::Failed(_) => failed += 1,
        },
    );
    assert!(errors.is_empty());
    assert_eq!(failed, 8);
    assert_eq!(seen, expected);
}

/// Folders are listed in the order of their whole paths (component by
/// component: `a/z.md` before `a-b.md`, though `/` sorts after `-` as a
/// byte), and a file linked under a second name is read once.
#[test]
fn files_come_in_path_order_and_a_linked_file_once() {
    let dir = folder("path_order");
    let names = [
        "a-b.md", "a.md", "a/z.md", "a/b/c.md", "a0.md", "B.md", "b.md", "a/ä.md", "z/a.md",
    ];
    for name in names {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "The army sent 1,000 troops.\n").unwrap();
    }
    std::fs::write(dir.join(".hidden.md"), "The army sent 1,000 troops.\n").unwrap();
    std::fs::write(dir.join("notes.txt~"), "The army sent 1,000 troops.\n").unwrap();
    std::os::unix::fs::symlink(dir.join("a.md"), dir.join("link.md")).unwrap();
    let (files, errors) = corpus::discover(std::slice::from_ref(&dir), &corpus::Walk::default());
    assert!(errors.is_empty(), "{errors:?}");
    let mut expected: Vec<PathBuf> = names.iter().map(|n| dir.join(n)).collect();
    expected.sort();
    let found: Vec<PathBuf> = files.into_iter().map(|(p, _)| p).collect();
    assert_eq!(found, expected);
    assert!(
        found.iter().position(|p| p.ends_with("a/z.md"))
            < found.iter().position(|p| p.ends_with("a-b.md"))
    );
}
