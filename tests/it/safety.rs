//! Never pass silently, never destroy a file (issue 13): a claims.yaml that
//! extends the defaults and is found as typos and ruff find theirs; output
//! that refuses what it must not write over, writes through links, keeps
//! permissions and cleans up after a signal; pipes and a full stderr; and
//! input that would change a figure or lose data (invisible characters in
//! numbers, NUL bytes, UTF-16 and UTF-32, lone CR line ends, file names
//! that are not UTF-8, shards named twice). Each test is named after what
//! it guards.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_claimcheck"));
    c.env("NO_COLOR", "1").env_remove("CI");
    c
}

fn run(dir: &Path, args: &[&str]) -> Output {
    crate::schema::checked(bin().args(args).current_dir(dir))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

/// The claims of `extract --format jsonl`.
fn claims(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn no_panic(o: &Output) {
    assert_ne!(o.status.code(), Some(101), "{}", stderr(o));
    assert!(!stderr(o).contains("panicked"), "{}", stderr(o));
}

const FACT: &str = "facts:\n  - key: troops/us/iraq\n    value: 2500\n";
const DRAFT: &str = "The US has 3,000 troops in Iraq, officials said.\n";

// ---------------------------------------------------------------- config

/// The fenced block of README.md that starts with `first_line`.
fn readme_block(first_line: &str) -> String {
    let readme = std::fs::read_to_string(crate::root().join("README.md")).unwrap();
    let at = readme
        .find(&format!("\n{first_line}\n"))
        .unwrap_or_else(|| panic!("README.md has no block starting {first_line:?}"));
    let block = &readme[at + 1..];
    block[..block.find("```").unwrap()].to_string()
}

#[test]
fn readme_check_example_fails_on_the_contradicting_draft_and_passes_once_fixed() {
    let dir = crate::scratch("safety/readme_check");
    let config = readme_block("# claims.yaml");
    let draft = readme_block("<!-- draft.md -->");
    assert!(draft.contains("3,000"), "{draft}");
    write(&dir, "claims.yaml", &config);
    write(&dir, "draft.md", &draft);
    let out = run(&dir, &["check"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("3,000 contradicts the pinned fact 2,500"),
        "{}",
        stdout(&out)
    );
    write(&dir, "draft.md", draft.replace("3,000", "2,500"));
    let out = run(&dir, &["check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
}

#[test]
fn readme_merge_example_extends_the_defaults_as_described() {
    let readme = std::fs::read_to_string(crate::root().join("README.md")).unwrap();
    let intro = readme
        .find("For example, this file keeps every built-in")
        .unwrap();
    let block = &readme[intro..];
    let block = &block[block.find("```yaml\n").unwrap() + 8..];
    let text = &block[..block.find("```").unwrap()];
    let config = claimcheck::Config::parse(text, "claims.yaml").unwrap();
    let builtin = claimcheck::Config::builtin();
    // Every built-in measure, actor and place is still there.
    for name in builtin.measures.keys() {
        assert!(config.measures.contains_key(name), "measure {name}");
    }
    assert_eq!(config.actors.len(), builtin.actors.len());
    assert_eq!(config.actors, builtin.actors);
    assert!(config.measures["crews"].people);
    assert_eq!(config.compare.window_days, 7);
    assert_eq!(config.compare.about_tolerance, 0.1);
    // The place named is replaced whole, the others kept.
    assert!(config.locations["ukraine"].contains(&"Artemivsk".to_string()));
    assert!(!config.locations["ukraine"].contains(&"Odesa".to_string()));
    assert_eq!(config.locations["iraq"], builtin.locations["iraq"]);
    assert_eq!(config.facts[0].key, "troops/us/iraq");
    assert_eq!(config.corpus, builtin.corpus);
}

#[test]
fn a_claims_yaml_with_only_facts_keeps_the_builtin_lexicon() {
    let dir = crate::scratch("safety/only_facts");
    write(&dir, "claims.yaml", FACT);
    write(&dir, "draft.md", DRAFT);
    let out = run(&dir, &["extract", "draft.md", "--format", "jsonl"]);
    assert_eq!(claims(&out)[0]["key"], "troops/us/iraq");
    assert_eq!(run(&dir, &["check", "draft.md"]).status.code(), Some(1));
    // Only `compare` given: the same.
    write(&dir, "claims.yaml", "compare:\n  window_days: 5\n");
    let out = run(&dir, &["extract", "draft.md", "--format", "jsonl"]);
    assert_eq!(claims(&out)[0]["key"], "troops/us/iraq");
}

#[test]
fn defaults_false_starts_from_an_empty_configuration() {
    let dir = crate::scratch("safety/defaults_false");
    write(
        &dir,
        "claims.yaml",
        "defaults: false\nmeasures:\n  troops:\n    nouns: [troops]\n",
    );
    write(&dir, "draft.md", DRAFT);
    let out = run(&dir, &["extract", "draft.md", "--format", "jsonl"]);
    // No actors, no places: only the file's own measure.
    assert_eq!(claims(&out)[0]["key"], "troops/-/-");
    // A fact on a place it does not have can never fire: an error.
    write(
        &dir,
        "claims.yaml",
        format!("defaults: false\nmeasures:\n  troops:\n    nouns: [troops]\n{FACT}"),
    );
    let out = run(&dir, &["check", "draft.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "at line 6, column 10: pinned fact `troops/us/iraq` can never match a claim: \
             the configuration has no actor `us`, no location `iraq`"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn unmatchable_facts_name_the_unknown_measure_or_place_and_the_line() {
    let dir = crate::scratch("safety/unmatchable");
    write(
        &dir,
        "claims.yaml",
        "facts:\n  - key: troop/us/iraq\n    value: 1\n  - {key: killed/-/atlantis@2024-01-01, value: 2}\n",
    );
    write(&dir, "draft.md", DRAFT);
    let out = run(&dir, &["check", "draft.md"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("at line 2, column 10: pinned fact `troop/us/iraq` can never match a claim: the configuration has no measure `troop`"), "{err}");
    assert!(err.contains("at line 4, column 11: pinned fact `killed/-/atlantis@2024-01-01` can never match a claim: the configuration has no location `atlantis`"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn names_given_twice_are_errors_with_line_and_column() {
    let dir = crate::scratch("safety/duplicates");
    write(&dir, "draft.md", DRAFT);
    for (config, at, what) in [
        (
            "measures:\n  ships:\n    nouns: [ships]\n  ships:\n    nouns: [boats]\n",
            "line 4, column 3",
            "measure `ships` is given twice",
        ),
        (
            "actors:\n  us: [US]\n  iran: [Iran]\n  us: [America]\n",
            "line 4, column 3",
            "actor `us` is given twice",
        ),
        (
            "# places\nlocations:\n    gaza: [Gaza]\n    \"gaza\": [Rafah]\n",
            "line 4, column 5",
            "location `gaza` is given twice",
        ),
    ] {
        write(&dir, "claims.yaml", config);
        let out = run(&dir, &["extract", "draft.md"]);
        assert_eq!(out.status.code(), Some(2), "{config}");
        let err = stderr(&out);
        assert!(
            err.starts_with(&format!("error: invalid `claims.yaml` at {at}: "))
                && err.contains(what),
            "{config}: {err}"
        );
    }
}

#[test]
fn the_nearest_config_up_to_the_repository_root_is_used() {
    let dir = crate::scratch("safety/discovery");
    let repo = dir.join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    // Above the repository: never read.
    write(&dir, "claims.yaml", "compare:\n  window_days: 99\n");
    write(&repo, "claims.yaml", FACT);
    write(&repo, "drafts/deep/draft.md", DRAFT);
    let deep = repo.join("drafts/deep");
    let out = run(&deep, &["check", "draft.md"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let shown = stdout(&run(&deep, &["config"]));
    assert!(
        shown.starts_with("# file: ../../claims.yaml (merged over the built-in defaults)\n"),
        "{shown}"
    );
    assert!(shown.contains("window_days: 3"), "{shown}");
    // A nearer one wins, under either name.
    write(
        &repo,
        "drafts/.claimcheck.yaml",
        "compare:\n  window_days: 4\n",
    );
    let shown = stdout(&run(&deep, &["config"]));
    assert!(shown.starts_with("# file: ../.claimcheck.yaml"), "{shown}");
    assert!(shown.contains("window_days: 4"), "{shown}");
    assert_eq!(run(&deep, &["check", "draft.md"]).status.code(), Some(0));
    // --config wins over any.
    let out = run(
        &deep,
        &["--config", "../../claims.yaml", "check", "draft.md"],
    );
    assert_eq!(out.status.code(), Some(1));
    // Both names in one folder: which is meant is not clear.
    write(&repo, "drafts/claims.yaml", FACT);
    let out = run(&deep, &["check", "draft.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("keep one of the two"),
        "{}",
        stderr(&out)
    );
    // Without any, the built-in defaults.
    let bare = crate::scratch("safety/discovery_none");
    let shown = stdout(&run(&bare, &["config"]));
    assert!(
        shown.starts_with("# file: none found; the built-in defaults\n"),
        "{shown}"
    );
}

#[test]
fn claimcheck_config_prints_the_merged_configuration_as_a_valid_claims_yaml() {
    let dir = crate::scratch("safety/config_command");
    write(
        &dir,
        "claims.yaml",
        "measures:\n  crews:\n    nouns: [crew members]\nfacts:\n  - key: troops/us/iraq\n    value: 2500\n",
    );
    let out = run(&dir, &["config"]);
    assert_eq!(out.status.code(), Some(0));
    let shown = stdout(&out);
    // Read back on its own, it is the configuration in effect.
    let effective = claimcheck::Config::load(&dir.join("claims.yaml")).unwrap();
    let again = claimcheck::Config::parse(&shown, "shown.yaml").unwrap();
    assert!(!again.extends_builtin);
    assert_eq!(again.to_yaml(), effective.to_yaml());
    assert!(again.measures.contains_key("crews") && again.measures.contains_key("troops"));
}

// ---------------------------------------------------------------- output

#[test]
fn output_refuses_a_folder_a_device_a_fifo_and_the_runs_own_files() {
    let dir = crate::scratch("safety/refuse");
    write(&dir, "claims.yaml", FACT);
    write(&dir, "a.md", DRAFT);
    std::fs::create_dir(dir.join("folder")).unwrap();
    let fifo = Command::new("mkfifo")
        .arg(dir.join("fifo"))
        .status()
        .unwrap();
    assert!(fifo.success());
    std::os::unix::fs::symlink("a.md", dir.join("link-to-a.md")).unwrap();
    let shard = run(&dir, &["extract", "a.md", "--format", "jsonl"]).stdout;
    write(&dir, "s.jsonl", &shard);
    for (args, why) in [
        (vec!["report", ".", "--output", "folder"], "it is a folder"),
        (
            vec!["report", ".", "--output", "/dev/null"],
            "it is a device",
        ),
        (
            vec!["report", ".", "--output", "fifo"],
            "it is a named pipe",
        ),
        (vec!["report", ".", "--output", "a.md"], "this run reads it"),
        (
            vec!["report", "a.md", "--output", "link-to-a.md"],
            "this run reads it",
        ),
        (vec!["report", "--output", "a.md"], "this run reads it"),
        (
            vec!["report", ".", "--output", "claims.yaml"],
            "this run reads it",
        ),
        (
            vec!["report", "--claims", "s.jsonl", "--output", "s.jsonl"],
            "this run reads it",
        ),
        (
            vec!["check", "a.md", "--write-baseline", "a.md"],
            "this run reads it",
        ),
        (
            vec!["check", "a.md", "--write-baseline", "folder"],
            "it is a folder",
        ),
    ] {
        let out = run(&dir, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).starts_with("error: will not write `") && stderr(&out).contains(why),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    // Nothing was touched.
    assert_eq!(std::fs::read_to_string(dir.join("a.md")).unwrap(), DRAFT);
    assert_eq!(
        std::fs::read_to_string(dir.join("claims.yaml")).unwrap(),
        FACT
    );
    assert_eq!(std::fs::read(dir.join("s.jsonl")).unwrap(), shard);
    assert!(std::fs::symlink_metadata(dir.join("link-to-a.md"))
        .unwrap()
        .file_type()
        .is_symlink());
    let left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("claimcheck-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn output_writes_through_a_symlink_and_keeps_the_targets_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = crate::scratch("safety/through_link");
    write(&dir, "drafts/a.md", DRAFT);
    write(&dir, "reports/real.md", "old report\n");
    std::fs::set_permissions(
        dir.join("reports/real.md"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    std::os::unix::fs::symlink("reports/real.md", dir.join("latest.md")).unwrap();
    let out = run(
        &dir,
        &[
            "report",
            "drafts",
            "--format",
            "markdown",
            "--output",
            "latest.md",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let link = std::fs::symlink_metadata(dir.join("latest.md")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is kept");
    let real = std::fs::read_to_string(dir.join("reports/real.md")).unwrap();
    assert!(real.contains("troops/us/iraq"), "{real}");
    let mode = std::fs::metadata(dir.join("reports/real.md"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o640);
    // A link to a file still to make: the file is made where it points.
    std::os::unix::fs::symlink("reports/new.json", dir.join("new.json")).unwrap();
    let out = run(&dir, &["check", "drafts", "--write-baseline", "new.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read_to_string(dir.join("reports/new.json"))
        .unwrap()
        .contains("\"groups\""));
    assert!(std::fs::symlink_metadata(dir.join("new.json"))
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn output_dash_and_dev_stdout_write_to_standard_output() {
    let dir = crate::scratch("safety/stdout");
    write(&dir, "a.md", DRAFT);
    let plain = run(&dir, &["report", "a.md", "--format", "json"]).stdout;
    assert!(!plain.is_empty());
    for name in ["-", "/dev/stdout"] {
        let out = run(
            &dir,
            &["report", "a.md", "--format", "json", "--output", name],
        );
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        assert_eq!(out.stdout, plain, "{name}");
    }
    assert!(!dir.join("-").exists());
}

#[test]
fn a_baseline_may_be_rewritten_in_place() {
    let dir = crate::scratch("safety/baseline_in_place");
    write(&dir, "a.md", DRAFT);
    let out = run(&dir, &["check", "a.md", "--write-baseline", "b.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(
        &dir,
        &[
            "check",
            "a.md",
            "--baseline",
            "b.json",
            "--write-baseline",
            "b.json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read_to_string(dir.join("b.json"))
        .unwrap()
        .contains("troops/us/iraq"));
}

/// A corpus big enough that a debug build takes a while over it.
fn big_corpus(dir: &Path, files: usize) {
    let article = std::fs::read_to_string(
        crate::root()
            .join("corpus")
            .read_dir()
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .min()
            .unwrap(),
    )
    .unwrap();
    for i in 0..files {
        write(dir, &format!("c/{i:05}.md"), &article);
    }
}

fn temporary_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".claimcheck-"))
        .collect()
}

#[test]
fn sigint_and_sigterm_remove_the_temporary_file_and_exit_130_and_143() {
    let dir = crate::scratch("safety/signals");
    big_corpus(&dir, 1500);
    for (signal, code) in [("-TERM", 143), ("-INT", 130)] {
        write(&dir, "report.json", "the old report\n");
        let child = bin()
            .args(["report", "c", "--format", "json", "--output", "report.json"])
            .current_dir(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The temporary file is made before the corpus is read.
        let start = Instant::now();
        while temporary_files(&dir).is_empty() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "no temporary file"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        let killed = Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{signal}: {}", stderr(&out));
        assert!(
            temporary_files(&dir).is_empty(),
            "{:?}",
            temporary_files(&dir)
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("report.json")).unwrap(),
            "the old report\n",
            "the report is the old one or the whole new one, here the old"
        );
    }
}

#[test]
fn extract_stops_reading_soon_after_its_output_is_closed() {
    let dir = crate::scratch("safety/head");
    big_corpus(&dir, 3000);
    let time = |head: bool| {
        let start = Instant::now();
        let mut child = bin()
            .args(["extract", "c", "--format", "jsonl"])
            .current_dir(&dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut pipe = child.stdout.take().unwrap();
        if head {
            // `| head -1`: one line read, then the pipe closed.
            let mut byte = [0u8; 1];
            while std::io::Read::read(&mut pipe, &mut byte).unwrap() == 1 && byte[0] != b'\n' {}
            drop(pipe);
        } else {
            std::io::copy(&mut pipe, &mut std::io::sink()).unwrap();
        }
        let out = child.wait_with_output().unwrap();
        no_panic(&out);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        start.elapsed()
    };
    let whole = time(false);
    let head = time(true);
    assert!(
        head * 3 < whole,
        "with the pipe closed after a line: {head:?}; the whole corpus: {whole:?}"
    );
}

#[test]
fn a_full_or_closed_stderr_never_panics() {
    let dir = crate::scratch("safety/full_stderr");
    write(&dir, "claims.yaml", FACT);
    write(&dir, "a.md", DRAFT);
    write(&dir, "latin1.txt", b"L'arm\xe9e a 12 soldats.\n");
    write(&dir, "binary.md", b"a\0b");
    write(&dir, "broken/claims.yaml", "compare:\n  nope: 1\n");
    for (args, code) in [
        (vec!["extract", "."], 0),
        (vec!["extract", ".", "--format", "jsonl"], 0),
        (vec!["report", "."], 0),
        (vec!["check", "."], 1),
        (vec!["extract", "missing.md"], 2),
        (vec!["--config", "broken/claims.yaml", "extract", "."], 2),
        (vec!["check", ".", "--write-baseline", "."], 2),
    ] {
        for closed in [false, true] {
            let mut cmd = bin();
            cmd.args(&args).current_dir(&dir).stdout(Stdio::null());
            if closed {
                cmd.stderr(Stdio::null());
            } else {
                cmd.stderr(std::fs::File::create("/dev/full").unwrap());
            }
            let status = cmd.status().unwrap();
            assert_eq!(status.code(), Some(code), "{args:?}");
        }
    }
    // A full standard output is an error, not a panic.
    let out = bin()
        .args(["extract", "."])
        .current_dir(&dir)
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("error: could not write the output"),
        "{}",
        stderr(&out)
    );
}

// ---------------------------------------------------------------- input

#[test]
fn an_invisible_character_or_a_mark_inside_a_number_does_not_cut_it() {
    let dir = crate::scratch("safety/invisible");
    let cases = [
        ("zwj", "2,\u{200d}500"),
        ("zwj_before_comma", "2\u{200d},500"),
        ("zwsp", "2,\u{200b}500"),
        ("zwnj", "2\u{200c},500"),
        ("word_joiner", "2,\u{2060}500"),
        ("soft_hyphen", "2\u{ad},500"),
        ("bom_inside", "2,\u{feff}500"),
        ("lrm", "2,\u{200e}500"),
        ("combining_acute", "2\u{301},500"),
        ("combining_after_comma", "2,\u{301}500"),
        ("keycap", "2\u{fe0f}\u{20e3},500"),
        ("two_joiners", "2\u{200d}\u{200d},\u{200d}500"),
    ];
    for (name, number) in cases {
        let text = format!("Intro line.\nThe US has {number} troops in Iraq.\n");
        write(&dir, &format!("{name}.md"), &text);
        let out = run(
            &dir,
            &["extract", &format!("{name}.md"), "--format", "jsonl"],
        );
        no_panic(&out);
        let found = claims(&out);
        let values: Vec<f64> = found.iter().filter_map(|c| c["value"].as_f64()).collect();
        // 2,500 or nothing; never 500, never 2.
        assert!(values.iter().all(|&v| v == 2500.0), "{name}: {values:?}");
        assert_eq!(values, [2500.0], "{name}");
        let c = &found[0];
        assert_eq!(c["number"], "2,500", "{name}");
        assert_eq!(c["key"], "troops/us/iraq", "{name}");
        // Offsets are the file's bytes, covering the number as written.
        let (start, end) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], number, "{name}");
        assert_eq!(
            (c["line"].as_u64(), c["column"].as_u64()),
            (Some(2), Some(12)),
            "{name}"
        );
    }
    // Inside words too: a soft hyphen does not hide a place.
    write(&dir, "word.md", "The US has 900 troops in Sy\u{ad}ria.\n");
    let out = run(&dir, &["extract", "word.md", "--format", "jsonl"]);
    assert_eq!(claims(&out)[0]["key"], "troops/us/syria");
    // After one on the line, columns still count the file's characters.
    write(
        &dir,
        "column.md",
        "\u{200b}The US has 2,500 troops in Iraq.\n",
    );
    let out = run(&dir, &["extract", "column.md", "--format", "jsonl"]);
    assert_eq!(claims(&out)[0]["column"], 13);
    assert_eq!(claims(&out)[0]["start"], 14);
}

#[test]
fn a_nul_byte_anywhere_makes_a_file_binary() {
    let dir = crate::scratch("safety/nul");
    let mut late = DRAFT.repeat(400).into_bytes();
    assert!(late.len() > 8192);
    late.extend_from_slice(b"\0 and then more text\n");
    write(&dir, "late.md", &late);
    write(&dir, "good.md", DRAFT);
    let out = run(&dir, &["extract", ".", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning: skipped `late.md`: a binary file (it has NUL bytes)"),
        "{}",
        stderr(&out)
    );
    assert!(claims(&out).iter().all(|c| c["article"] == "good.md"));
}

fn utf16(text: &str, big: bool) -> Vec<u8> {
    let mut bytes = if big {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in text.encode_utf16() {
        bytes.extend(if big {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    bytes
}

fn utf32(text: &str, big: bool) -> Vec<u8> {
    let mut bytes = if big {
        vec![0, 0, 0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE, 0, 0]
    };
    for c in text.chars() {
        bytes.extend(if big {
            (c as u32).to_be_bytes()
        } else {
            (c as u32).to_le_bytes()
        });
    }
    bytes
}

/// How a test reads back the bytes of a file.
type Decoder = fn(&[u8]) -> String;

#[test]
fn utf16_and_utf32_files_are_read_with_offsets_in_the_files_bytes() {
    let dir = crate::scratch("safety/wide");
    let text = "---\r\ndate: 2024-01-02\r\n---\r\n“Quoted” — 😀 The US has 2,500 troops in Iraq and 900 in Syria.\r\n";
    let files: [(&str, Vec<u8>, Decoder); 4] = [
        ("le16.md", utf16(text, false), |b| {
            String::from_utf16(
                &b.chunks(2)
                    .map(|u| u16::from_le_bytes([u[0], u[1]]))
                    .collect::<Vec<_>>(),
            )
            .unwrap()
        }),
        ("be16.md", utf16(text, true), |b| {
            String::from_utf16(
                &b.chunks(2)
                    .map(|u| u16::from_be_bytes([u[0], u[1]]))
                    .collect::<Vec<_>>(),
            )
            .unwrap()
        }),
        ("le32.md", utf32(text, false), |b| {
            b.chunks(4)
                .map(|u| char::from_u32(u32::from_le_bytes([u[0], u[1], u[2], u[3]])).unwrap())
                .collect()
        }),
        ("be32.md", utf32(text, true), |b| {
            b.chunks(4)
                .map(|u| char::from_u32(u32::from_be_bytes([u[0], u[1], u[2], u[3]])).unwrap())
                .collect()
        }),
    ];
    for (name, bytes, decode) in &files {
        write(&dir, name, bytes);
        let out = run(&dir, &["extract", name, "--format", "jsonl"]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{name}");
        let found = claims(&out);
        let numbers: Vec<&str> = found
            .iter()
            .map(|c| c["number"].as_str().unwrap())
            .collect();
        assert_eq!(numbers, ["2,500", "900"], "{name}");
        for c in &found {
            let (start, end) = (
                c["start"].as_u64().unwrap() as usize,
                c["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                decode(&bytes[start..end]),
                c["number"].as_str().unwrap(),
                "{name}"
            );
            assert_eq!(c["line"], 4, "{name}");
            assert_eq!(c["date"], "2024-01-02", "{name}");
        }
        assert_eq!(found[0]["column"], 25, "{name}");
        assert_eq!(found[0]["key"], "troops/us/iraq", "{name}");
    }
}

#[test]
fn lone_cr_line_ends_give_the_front_matter_date_and_right_line_numbers() {
    let dir = crate::scratch("safety/cr");
    let text = "---\rtitle: Old Mac file\rdate: 2024-01-02\r---\rFirst line.\rThe US has 2,500 troops in Iraq.\r";
    write(&dir, "mac.md", text);
    let out = run(&dir, &["extract", "mac.md", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let c = &claims(&out)[0];
    assert_eq!(c["date"], "2024-01-02");
    assert_eq!(
        (c["line"].as_u64(), c["column"].as_u64()),
        (Some(6), Some(12))
    );
    let start = c["start"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..start + 5], "2,500");
    // check shows the line.
    write(&dir, "claims.yaml", FACT);
    write(&dir, "mac.md", text.replace("2,500", "3,000"));
    let out = run(&dir, &["check", "mac.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("6 | The US has 3,000 troops in Iraq."),
        "{}",
        stdout(&out)
    );
}

#[test]
fn names_that_differ_only_in_bytes_not_utf8_are_told_apart_in_every_output() {
    use std::os::unix::ffi::OsStrExt;
    let dir = crate::scratch("safety/names");
    let name = |b: u8| {
        PathBuf::from(std::ffi::OsStr::from_bytes(&[
            b'd', b'/', b'a', b, b'.', b'm', b'd',
        ]))
    };
    write(&dir, "claims.yaml", FACT);
    std::fs::create_dir_all(dir.join("d")).unwrap();
    std::fs::write(dir.join(name(0xFF)), DRAFT).unwrap();
    std::fs::write(dir.join(name(0xFE)), DRAFT.replace("3,000", "2,000")).unwrap();
    let out = run(&dir, &["extract", "d", "--format", "jsonl"]);
    let articles: Vec<String> = claims(&out)
        .iter()
        .map(|c| c["article"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(articles, ["d/a\\xFE.md", "d/a\\xFF.md"]);
    let text = stdout(&run(&dir, &["extract", "d"]));
    assert!(
        text.contains("d/a\\xFE.md:1:12") && text.contains("d/a\\xFF.md:1:12"),
        "{text}"
    );
    let report = stdout(&run(&dir, &["report", "d", "--format", "json"]));
    assert!(
        report.contains("d/a\\\\xFE.md") && report.contains("d/a\\\\xFF.md"),
        "{report}"
    );
    let check = stdout(&run(&dir, &["check", "d"]));
    assert!(
        check.contains("--> d/a\\xFE.md:1:12") && check.contains("--> d/a\\xFF.md:1:12"),
        "{check}"
    );
    // The lines are shown: the files are found again by their shown names.
    assert!(check.contains("1 | The US has 2,000 troops"), "{check}");
    assert!(!format!("{text}{report}{check}").contains('\u{fffd}'));
}

#[test]
fn a_shard_named_twice_is_read_once() {
    let dir = crate::scratch("safety/shards");
    write(&dir, "a.md", DRAFT);
    write(&dir, "b.md", DRAFT.replace("3,000", "2,000"));
    let shard = run(&dir, &["extract", ".", "--format", "jsonl"]).stdout;
    write(&dir, "s.jsonl", &shard);
    std::os::unix::fs::symlink("s.jsonl", dir.join("link.jsonl")).unwrap();
    let once = run(&dir, &["report", "--claims", "s.jsonl", "--format", "json"]);
    assert_eq!(once.status.code(), Some(0), "{}", stderr(&once));
    for twice in [
        vec!["s.jsonl", "s.jsonl"],
        vec!["s.jsonl", "./s.jsonl"],
        vec!["link.jsonl", "s.jsonl"],
    ] {
        let mut args = vec!["report", "--claims"];
        args.extend(&twice);
        args.extend(["--format", "json"]);
        let out = run(&dir, &args);
        assert_eq!(out.stdout, once.stdout, "{twice:?}");
    }
    // The report of the run over the articles, as one run gives it.
    let direct = run(&dir, &["report", ".", "--format", "json"]);
    assert_eq!(once.stdout, direct.stdout);
}

#[test]
fn shards_are_read_a_line_at_a_time_and_a_bad_line_is_named() {
    let dir = crate::scratch("safety/shard_lines");
    write(&dir, "a.md", DRAFT.repeat(50));
    let shard = run(&dir, &["extract", "a.md", "--format", "jsonl"]).stdout;
    assert_eq!(shard.iter().filter(|&&b| b == b'\n').count(), 50);
    let mut bad = shard.clone();
    bad.extend_from_slice(b"{\"number\": \"\xff\"}\n");
    write(&dir, "bad.jsonl", &bad);
    let out = run(&dir, &["report", "--claims", "bad.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: could not read `bad.jsonl` line 51: not UTF-8\n"
    );
    let mut bad = shard;
    bad.extend_from_slice(b"\n{\"number\": 3}\n");
    write(&dir, "bad.jsonl", &bad);
    let out = run(&dir, &["report", "--claims", "bad.jsonl"]);
    assert!(
        stderr(&out).starts_with("error: `bad.jsonl` line 52: not a claim"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn folders_nested_deeper_than_64_are_skipped_with_a_warning() {
    let dir = crate::scratch("safety/deep");
    let mut deep = dir.join("top");
    for i in 0..70 {
        deep = deep.join(format!("{i}"));
    }
    write(&deep, "deep.md", DRAFT);
    write(&dir, "top/shallow.md", DRAFT);
    let out = run(&dir, &["extract", "top", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(claims(&out).len(), 1);
    assert!(
        stderr(&out).contains("folders nested deeper than 64"),
        "{}",
        stderr(&out)
    );
}

/// README's "Bad input" table says the exit code of each case; the binary
/// agrees.
#[test]
fn readme_bad_input_exit_codes_agree_with_the_binary() {
    let readme = std::fs::read_to_string(crate::root().join("README.md")).unwrap();
    let table = &readme[readme.find("## Bad input").unwrap()..];
    let table = &table[..table.find("\n\n\"0\" is the code").unwrap()];
    let code_of = |row_start: &str| -> i32 {
        let row = table
            .lines()
            .find(|l| l.starts_with(&format!("| {row_start}")))
            .unwrap_or_else(|| panic!("no README row for {row_start:?}"));
        row.trim_end_matches(" |")
            .rsplit("| ")
            .next()
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    };
    let dir = crate::scratch("safety/readme_table");
    let cases: Vec<(&str, &str, Vec<u8>)> = vec![
        ("binary file", "x.md", b"a\0b".to_vec()),
        (
            "UTF-16 without a byte-order mark",
            "x.md",
            "text".encode_utf16().flat_map(u16::to_le_bytes).collect(),
        ),
        ("not UTF-8", "x.md", b"caf\xe9 12 drones\n".to_vec()),
        (
            "UTF-8 byte-order mark",
            "x.md",
            b"\xef\xbb\xbf12 drones\n".to_vec(),
        ),
        ("UTF-16 or UTF-32", "x.md", utf16("12 drones\n", false)),
        ("lone CR line ends", "x.md", b"a\r12 drones\r".to_vec()),
        (
            "zero-width space",
            "x.md",
            "2,\u{200d}500 drones".as_bytes().to_vec(),
        ),
        (
            "unterminated, invalid",
            "x.md",
            b"---\ndate: 2024-13-45\n---\n12 drones\n".to_vec(),
        ),
        ("numbers too large", "x.md", b"10^400 drones\n".to_vec()),
    ];
    for (row, name, bytes) in cases {
        let sub = dir.join(row.replace(' ', "_"));
        write(&sub, name, &bytes);
        let out = run(&sub, &["extract", name]);
        no_panic(&out);
        assert_eq!(
            out.status.code(),
            Some(code_of(row)),
            "{row}: {}",
            stderr(&out)
        );
    }
    let out = run(&dir, &["extract", "no/such.md"]);
    assert_eq!(out.status.code(), Some(code_of("unreadable file")));
    write(&dir, "bad/claims.yaml", "measures:\n  a: {}\n  a: {}\n");
    let out = run(&dir.join("bad"), &["extract", "."]);
    assert_eq!(out.status.code(), Some(code_of("invalid `claims.yaml`")));
}
