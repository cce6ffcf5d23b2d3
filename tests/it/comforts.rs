//! The comforts users of a checker expect (issue 16), each through the
//! binary: standard input and `--stdin-name`, `--files-from`, excludes and
//! ignore files, `--color`, shell completions and the man page, `measures`
//! and `explain`, progress with files counted, a divergence reported once,
//! the text table written a page at a time, and an installation that works
//! as the README writes it.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Instant;

use serde_json::Value;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_claimcheck"));
    c.env_remove("NO_COLOR").env_remove("CI");
    c
}

fn run(dir: &Path, args: &[&str]) -> Output {
    crate::schema::checked(bin().args(args).current_dir(dir))
}

/// Runs claimcheck with `input` on its standard input.
fn run_with_stdin(dir: &Path, args: &[&str], input: &str) -> Output {
    let mut cmd = bin();
    cmd.args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    if args.contains(&"json") || args.contains(&"jsonl") {
        let kind = match args[0] {
            "extract" if args.contains(&"jsonl") => crate::schema::Kind::Claim,
            "extract" => crate::schema::Kind::Extract,
            "check" => crate::schema::Kind::Check,
            _ => crate::schema::Kind::Report,
        };
        crate::schema::validate(kind, &stdout(&out), &format!("{args:?}"));
    }
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The articles of the claims of `extract --format jsonl`, each once, in
/// order.
fn articles(o: &Output) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in stdout(o).lines() {
        let c: Value = serde_json::from_str(line).unwrap();
        let a = c["article"].as_str().unwrap().to_string();
        if out.last() != Some(&a) {
            out.push(a);
        }
    }
    out
}

const FACT: &str = "facts:\n  - key: troops/us/iraq\n    value: 2500\n";
const DRAFT: &str = "The US has 3,000 troops in Iraq, officials said.\n";
const FIGURE: &str = "The US has 900 troops in Syria.\n";

// ---------------------------------------------------------------- stdin

#[test]
fn a_draft_piped_into_check_dash_is_checked_under_the_name_given() {
    let dir = crate::scratch("comforts/stdin");
    write(&dir, "claims.yaml", FACT);
    let out = run_with_stdin(&dir, &["check", "-", "--stdin-name", "draft.md"], DRAFT);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("--> draft.md:1:12"), "{text}");
    assert!(
        text.contains("1 | The US has 3,000 troops in Iraq"),
        "the line is shown: {text}"
    );
    // Without a name: <stdin>; fixed, it passes.
    let out = run_with_stdin(&dir, &["check", "-", "--format", "json"], DRAFT);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["problems"][0]["article"], "<stdin>");
    let fixed = DRAFT.replace("3,000", "2,500");
    assert_eq!(
        run_with_stdin(&dir, &["check", "-"], &fixed).status.code(),
        Some(0)
    );
    // `extract -`, and stdin beside files: checked against them.
    let out = run_with_stdin(&dir, &["extract", "-", "--format", "jsonl"], DRAFT);
    assert_eq!(articles(&out), ["<stdin>"]);
    write(&dir, "other.md", "The US has 3,000 troops in Iraq.\n");
    let out = run_with_stdin(
        &dir,
        &[
            "extract",
            "-",
            "other.md",
            "--stdin-name",
            "new.md",
            "--format",
            "jsonl",
        ],
        FIGURE,
    );
    assert_eq!(articles(&out), ["new.md", "other.md"]);
    // --stdin-name without `-` is bad usage.
    let out = run(&dir, &["extract", "other.md", "--stdin-name", "x.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("give `-` among the paths"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn files_from_reads_a_list_of_paths_and_passes_over_what_is_not_an_article() {
    let dir = crate::scratch("comforts/files_from");
    write(&dir, "a.md", FIGURE);
    write(&dir, "b.md", FIGURE);
    write(&dir, "sub/c.txt", FIGURE);
    write(&dir, "src/main.rs", "fn main() { let troops = 3000; }\n");
    write(&dir, "corpus/z.md", FIGURE);
    write(&dir, "list.txt", "b.md\n\nsrc/main.rs\r\nsub\n");
    let out = run(
        &dir,
        &["extract", "--files-from", "list.txt", "--format", "jsonl"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(articles(&out), ["b.md", "sub/c.txt"]);
    // `git diff --name-only | claimcheck check --files-from -`, with the
    // paths given too.
    let out = run_with_stdin(
        &dir,
        &["extract", "a.md", "--files-from", "-", "--format", "jsonl"],
        "b.md\n",
    );
    assert_eq!(articles(&out), ["a.md", "b.md"]);
    // An empty list reads nothing: not the default corpus.
    let out = run_with_stdin(&dir, &["extract", "--files-from", "-"], "");
    assert!(
        stdout(&out).ends_with("0 claims in 0 articles\n"),
        "{}",
        stdout(&out)
    );
    // A listed article that is not there is an error, as on the command line.
    let out = run_with_stdin(&dir, &["extract", "--files-from", "-"], "gone.md\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("could not read `gone.md`"),
        "{}",
        stderr(&out)
    );
    let out = run(&dir, &["extract", "--files-from", "nothing.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`nothing.txt`"), "{}", stderr(&out));
    // Standard input cannot be both.
    let out = run_with_stdin(&dir, &["extract", "-", "--files-from", "-"], "a.md\n");
    assert_eq!(out.status.code(), Some(2));
}

// ---------------------------------------------------------------- excludes

#[test]
fn exclude_globs_from_the_command_line_and_claims_yaml_leave_files_out() {
    let dir = crate::scratch("comforts/exclude");
    for name in [
        "drafts/a.md",
        "drafts/old/b.md",
        "wires/c.md",
        "wires/d.txt",
        "archive/2019-e.md",
    ] {
        write(&dir, name, FIGURE);
    }
    let all = run(&dir, &["extract", ".", "--format", "jsonl"]);
    assert_eq!(articles(&all).len(), 5);
    let out = run(
        &dir,
        &[
            "extract",
            ".",
            "--format",
            "jsonl",
            "--exclude",
            "drafts/old/",
            "--exclude",
            "*.txt",
        ],
    );
    assert_eq!(
        articles(&out),
        ["archive/2019-e.md", "drafts/a.md", "wires/c.md"]
    );
    // In claims.yaml: relative to its folder, added to the command line's,
    // and shown by `claimcheck config`.
    write(
        &dir,
        "claims.yaml",
        "exclude:\n  - archive/\n  - \"wires/*.md\"\n",
    );
    let out = run(
        &dir,
        &["extract", ".", "--format", "jsonl", "--exclude", "*.txt"],
    );
    assert_eq!(articles(&out), ["drafts/a.md", "drafts/old/b.md"]);
    let config = stdout(&run(&dir, &["config"]));
    assert!(
        config.contains("exclude:\n- archive/\n- wires/*.md\n"),
        "{config}"
    );
    // Run from a folder below: the file's globs stay relative to its folder.
    let out = run(&dir.join("wires"), &["extract", ".", "--format", "jsonl"]);
    assert_eq!(articles(&out), ["d.txt"]);
    // A file named on the command line that a glob excludes: a warning.
    let out = run(&dir, &["extract", "archive/2019-e.md"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("skipped `archive/2019-e.md`: excluded"),
        "{}",
        stderr(&out)
    );
    // A glob that is not valid: in claims.yaml with its line, on the command
    // line naming the option.
    write(&dir, "claims.yaml", "exclude:\n  - \"[\"\n");
    let out = run(&dir, &["extract", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("at line 2, column")
            && stderr(&out).contains("exclude glob `[` is not valid"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_file(dir.join("claims.yaml")).unwrap();
    let out = run(&dir, &["extract", ".", "--exclude", "a[b"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--exclude: exclude glob `a[b`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn gitignore_and_hidden_files_are_respected_unless_no_ignore() {
    let dir = crate::scratch("comforts/ignore");
    write(&dir, ".gitignore", "build/\n*.tmp.md\n!keep.tmp.md\n");
    write(&dir, "news/.ignore", "private.md\n");
    for name in [
        "a.md",
        "build/b.md",
        "c.tmp.md",
        "keep.tmp.md",
        "news/d.md",
        "news/private.md",
        ".hidden/e.md",
        "news/.f.md",
    ] {
        write(&dir, name, FIGURE);
    }
    write(&dir, ".git/g.md", FIGURE);
    let out = run(&dir, &["extract", ".", "--format", "jsonl"]);
    assert_eq!(articles(&out), ["a.md", "keep.tmp.md", "news/d.md"]);
    // The rules of the folders above the one walked, up to the repository's
    // root, apply too.
    let out = run(&dir.join("news"), &["extract", ".", "--format", "jsonl"]);
    assert_eq!(articles(&out), ["d.md"]);
    // A file or folder named is read, ignored or not.
    let out = run(&dir, &["extract", "build", "c.tmp.md", "--format", "jsonl"]);
    assert_eq!(articles(&out), ["build/b.md", "c.tmp.md"]);
    // --no-ignore: everything but .git; excludes still apply.
    let out = run(
        &dir,
        &[
            "extract",
            ".",
            "--format",
            "jsonl",
            "--no-ignore",
            "--exclude",
            "news/",
        ],
    );
    assert_eq!(
        articles(&out),
        [
            ".hidden/e.md",
            "a.md",
            "build/b.md",
            "c.tmp.md",
            "keep.tmp.md"
        ]
    );
}

#[test]
fn discovery_keeps_its_guarantees_with_ignore_files() {
    // Sorted order, a file named twice read once, symlink loops skipped,
    // with a .gitignore and an exclude in force.
    let dir = crate::scratch("comforts/guarantees");
    write(&dir, ".gitignore", "skip/\n");
    write(&dir, "b/z.md", FIGURE);
    write(&dir, "a.md", FIGURE);
    write(&dir, "b/y.md", FIGURE);
    write(&dir, "skip/x.md", FIGURE);
    std::os::unix::fs::symlink(&dir, dir.join("b/loop")).unwrap();
    let out = run(
        &dir,
        &[
            "extract",
            ".",
            "a.md",
            "b",
            "--exclude",
            "y.md",
            "--format",
            "jsonl",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(articles(&out), ["a.md", "b/z.md"]);
    assert!(stderr(&out).contains("loops back"), "{}", stderr(&out));
}

// ---------------------------------------------------------------- colour

#[test]
fn color_always_never_and_auto() {
    let dir = crate::scratch("comforts/color");
    write(&dir, "claims.yaml", FACT);
    write(&dir, "draft.md", DRAFT);
    let ansi = |o: &Output| stdout(o).contains("\x1b[");
    // Piped: auto gives none, always gives colour (even with NO_COLOR),
    // never none.
    assert!(!ansi(&run(&dir, &["check", "draft.md"])));
    assert!(ansi(&run(
        &dir,
        &["check", "draft.md", "--color", "always"]
    )));
    let out = bin()
        .args(["check", "draft.md", "--color", "always"])
        .env("NO_COLOR", "1")
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(ansi(&out));
    assert!(ansi(&run(
        &dir,
        &["report", "draft.md", "--color", "always"]
    )));
    assert!(!ansi(&run(
        &dir,
        &["report", "draft.md", "--color", "never"]
    )));
    // On a terminal (a pty through `script`): auto colours, never does not,
    // NO_COLOR keeps auto plain.
    let on_tty = |args: &str, no_color: bool| {
        let mut cmd = Command::new("script");
        cmd.args([
            "-qec",
            &format!("{} {args}", env!("CARGO_BIN_EXE_claimcheck")),
            "/dev/null",
        ])
        .current_dir(&dir)
        .env_remove("CI")
        .env_remove("NO_COLOR");
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let out = cmd.output().unwrap();
        stdout(&out).contains("\x1b[")
    };
    if Command::new("script").arg("--version").output().is_ok() {
        assert!(on_tty("check draft.md", false));
        assert!(!on_tty("check draft.md --color never", false));
        assert!(!on_tty("check draft.md", true));
    }
}

// ---------------------------------------------------------------- completions and man

#[test]
fn completions_for_bash_zsh_and_fish_name_every_subcommand() {
    let dir = crate::scratch("comforts/completions");
    // A broken claims.yaml does not stop them: they need none.
    write(&dir, "claims.yaml", "nope: 1\n");
    for (shell, marker) in [
        ("bash", "complete -F _claimcheck"),
        ("zsh", "#compdef claimcheck"),
        ("fish", "complete -c claimcheck"),
    ] {
        let out = run(&dir, &["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(script.contains(marker), "{shell}");
        for word in [
            "extract",
            "report",
            "check",
            "explain",
            "measures",
            "--exclude",
            "--files-from",
        ] {
            let word = if shell == "fish" {
                word.trim_start_matches('-')
            } else {
                word
            };
            assert!(script.contains(word), "{shell} completes {word}");
        }
        // The script is valid for the shell, where the shell is here.
        if Command::new(shell).arg("--version").output().is_ok() {
            let path = dir.join(format!("claimcheck.{shell}"));
            std::fs::write(&path, &script).unwrap();
            let status = Command::new(shell).arg("-n").arg(&path).status().unwrap();
            assert!(status.success(), "{shell} -n");
        }
    }
    assert_eq!(run(&dir, &["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn the_man_page_renders() {
    let dir = crate::scratch("comforts/man");
    let out = run(&dir, &["man"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let roff = stdout(&out);
    assert!(
        roff.starts_with(".ie \\n(.g .ds Aq") || roff.contains(".TH claimcheck 1"),
        "{roff}"
    );
    assert!(roff.contains(".TH claimcheck 1"));
    for word in ["extract", "report", "check", "explain", "\\-\\-exclude"] {
        assert!(roff.contains(word), "the page names {word}");
    }
    // groff renders it as man does, without a warning.
    if Command::new("groff").arg("--version").output().is_ok() {
        let path = dir.join("claimcheck.1");
        std::fs::write(&path, &roff).unwrap();
        let out = Command::new("groff")
            .args(["-man", "-Tutf8", "-ww"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stderr(&out).is_empty(), "groff warns: {}", stderr(&out));
        let page = String::from_utf8_lossy(&out.stdout).replace(['\u{8}', '_'], "");
        assert!(page.contains("claimcheck"), "{page}");
        assert!(
            page.contains("SUBCOMMANDS") || page.contains("claimcheck-extract"),
            "{page}"
        );
    }
}

// ---------------------------------------------------------------- measures and explain

#[test]
fn measures_lists_the_words_of_the_configuration_in_effect() {
    let dir = crate::scratch("comforts/measures");
    write(
        &dir,
        "claims.yaml",
        "measures:\n  crews:\n    people: true\n    nouns: [crew members, sailors]\nlocations:\n  ukraine: [Ukraine, Kyiv, Artemivsk]\n",
    );
    let out = run(&dir, &["measures"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("claims.yaml merged over the built-in defaults"),
        "{text}"
    );
    assert!(text.contains("  crews  (not cumulative, frame stock, actor: the owner, counts people)\n    nouns: crew members, sailors\n"), "{text}");
    assert!(
        text.contains("  killed  (cumulative, frame tally, actor: the victim"),
        "{text}"
    );
    assert!(
        text.contains("  ukraine: Ukraine, Kyiv, Artemivsk\n"),
        "{text}"
    );
    // Filtered by a word: the entry whose alias it is.
    let text = stdout(&run(&dir, &["measures", "artemivsk"]));
    assert!(text.contains("places (1 of "), "{text}");
    assert!(text.contains("  ukraine: "), "{text}");
    assert!(text.contains("measures (0 of "), "{text}");
    let text = stdout(&run(&dir, &["measures", "SAILORS"]));
    // `sailors` is a word of the built-in `troops` too.
    assert!(
        text.contains("measures (2 of ")
            && text.contains("  crews  (")
            && text.contains("  troops  ("),
        "{text}"
    );
}

#[test]
fn explain_shows_slots_their_sources_and_the_group_and_why() {
    let dir = crate::scratch("comforts/explain");
    write(
        &dir,
        "corpus/a.md",
        "---\ntitle: Floods in Pakistan\ndate: 2024-08-30\n---\nThe toll has passed 1,500 people killed, officials said.\n",
    );
    write(
        &dir,
        "corpus/b.md",
        "---\ndate: 2024-08-31\n---\nMore than 1,500 people were killed in Pakistan, officials said.\n",
    );
    let out = run(&dir, &["explain", "corpus/a.md:5"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    // The slots, the place from the title.
    assert!(
        text.contains("1,500 (more_than, > 1500)  corpus/a.md:5:21"),
        "{text}"
    );
    assert!(text.contains("    place     pakistan  (title)\n"), "{text}");
    assert!(
        text.contains("    as_of     2024-08-30  (published)\n"),
        "{text}"
    );
    // The group, as the report has it.
    let report: Value =
        serde_json::from_slice(&run(&dir, &["report", "--format", "json"]).stdout).unwrap();
    let group = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| {
            g["claims"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["article"] == "corpus/a.md")
        })
        .unwrap();
    assert_eq!(group["claims"].as_array().unwrap().len(), 2);
    let id = group["id"].as_str().unwrap();
    assert!(text.contains(&format!("  group {id} · ")), "{text}");
    assert!(
        text.contains(
            "why: phase two: its place `pakistan` came from the article (title); it joined"
        ),
        "{text}"
    );
    assert!(
        text.contains("other members (1):\n      corpus/b.md:4:11  more than 1,500"),
        "{text}"
    );
    // The other side: phase one.
    let text = stdout(&run(&dir, &["explain", "corpus/b.md:4:11"]));
    assert!(
        text.contains("why: phase one: the sentence names its place `pakistan`"),
        "{text}"
    );
    assert!(
        text.contains("    place     pakistan  (sentence)\n"),
        "{text}"
    );
    // A draft outside the corpus is added to the run.
    write(
        &dir,
        "draft.md",
        "---\ndate: 2024-08-31\n---\nAbout 1,500 people were killed in Pakistan.\n",
    );
    let text = stdout(&run(&dir, &["explain", "draft.md:4"]));
    assert!(text.contains("other members (2):"), "{text}");
    // No claim there, no such file, no line: exit 2 naming what is there.
    let out = run(&dir, &["explain", "corpus/a.md:2"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no claim on line 2 of `corpus/a.md` (lines with claims: 5)"),
        "{}",
        stderr(&out)
    );
    let out = run(&dir, &["explain", "nope.md:1"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&dir, &["explain", "corpus/a.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is not FILE:LINE"),
        "{}",
        stderr(&out)
    );
}

// ---------------------------------------------------------------- check

#[test]
fn check_reports_each_divergence_once_on_the_later_claim() {
    let dir = crate::scratch("comforts/once");
    write(&dir, "a.md", "---\ndate: 2023-10-09\n---\nIsraeli officials said 1,200 people were killed in Israel on October 7.\n");
    write(
        &dir,
        "b.md",
        "---\ndate: 2023-10-09\n---\nMore than 1,400 people were killed in Israel on October 7.\n",
    );
    write(
        &dir,
        "c.md",
        "---\ndate: 2023-10-10\n---\nAbout 900 people were killed in Israel on October 7.\n",
    );
    let out = run(&dir, &["check", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems = doc["problems"].as_array().unwrap();
    // Each pair the report finds in conflict once, on the later claim
    // (in the group's order), naming the earlier.
    let report: Value =
        serde_json::from_slice(&run(&dir, &["report", ".", "--format", "json"]).stdout).unwrap();
    let mut expected: Vec<(String, Vec<String>)> = Vec::new();
    for g in report["groups"].as_array().unwrap() {
        let claims = g["claims"].as_array().unwrap();
        let name = |i: &Value| {
            claims[i.as_u64().unwrap() as usize]["article"]
                .as_str()
                .unwrap()
                .to_string()
        };
        for k in g["conflicts"].as_array().unwrap() {
            assert!(k["a"].as_u64() < k["b"].as_u64());
            let later = name(&k["b"]);
            match expected.iter_mut().find(|(a, _)| *a == later) {
                Some((_, earlier)) => earlier.push(name(&k["a"])),
                None => expected.push((later, vec![name(&k["a"])])),
            }
        }
    }
    expected.sort();
    let seen: Vec<(String, Vec<String>)> = problems
        .iter()
        .map(|p| {
            (
                p["article"].as_str().unwrap().to_string(),
                p["conflicts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|o| o["article"].as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect();
    assert!(
        expected.iter().map(|(_, e)| e.len()).sum::<usize>() >= 2,
        "{expected:?}"
    );
    assert_eq!(seen, expected);
    // No pair twice: a.md, the earliest, has no problem of its own.
    assert!(seen.iter().all(|(a, _)| a != "a.md"));
}

// ---------------------------------------------------------------- progress

#[test]
fn progress_shows_files_done_of_files_found() {
    if Command::new("script").arg("--version").output().is_err() {
        return;
    }
    let dir = crate::scratch("comforts/progress");
    let article =
        std::fs::read_to_string(crate::root().join("corpus/000_132a4cc3bc6a62b5.md")).unwrap();
    // The bar shows once a run has taken a second: files are added until
    // reading them takes longer than that on this machine.
    let mut files = 0;
    let mut screen = String::new();
    for _ in 0..4 {
        for i in files..files + 4000 {
            write(&dir, &format!("c/{i:05}.md"), &article);
        }
        files += 4000;
        // On a terminal (a pty).
        let out = Command::new("script")
            .args([
                "-qec",
                &format!(
                    "{} extract c --format jsonl > /dev/null",
                    env!("CARGO_BIN_EXE_claimcheck")
                ),
                "/dev/null",
            ])
            .current_dir(&dir)
            .env_remove("CI")
            .output()
            .unwrap();
        screen = stdout(&out);
        if !screen.is_empty() {
            break;
        }
    }
    let shown = screen.contains(&format!("/{files} files"))
        && screen.contains("MiB")
        && screen.contains("left");
    assert!(shown, "{screen:?}");
    // Files done go up to the files found.
    assert!(screen.contains(" files · "), "{screen:?}");
}

// ---------------------------------------------------------------- the text table

/// A corpus of `files` articles with many claims each.
fn many_claims(dir: &Path, files: usize) {
    let article =
        std::fs::read_to_string(crate::root().join("corpus/000_132a4cc3bc6a62b5.md")).unwrap();
    for i in 0..files {
        write(dir, &format!("c/{i:05}.md"), &article);
    }
}

#[test]
fn the_text_table_is_written_a_page_at_a_time() {
    let dir = crate::scratch("comforts/pages");
    many_claims(&dir, 800);
    let jsonl = run(&dir, &["extract", "c", "--format", "jsonl"]);
    let claims: Vec<Value> = stdout(&jsonl)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let page = claimcheck::report::extract::PAGE;
    assert!(claims.len() > 2 * page, "{} claims", claims.len());
    let text = stdout(&run(&dir, &["extract", "c"]));
    let lines: Vec<&str> = text.lines().collect();
    // One header, a row a claim in order, the count.
    assert!(lines[0].starts_with("where "));
    assert_eq!(lines.iter().filter(|l| l.starts_with("where ")).count(), 1);
    assert_eq!(
        lines.last().unwrap(),
        &format!("{} claims in 800 articles", claims.len())
    );
    let rows = &lines[1..=claims.len()];
    for (row, c) in rows.iter().zip(&claims) {
        let at = format!(
            "{}:{}:{}",
            c["article"].as_str().unwrap(),
            c["line"],
            c["column"]
        );
        assert!(row.starts_with(&at), "{row} / {at}");
        assert!(
            row.trim_end().ends_with(c["key"].as_str().unwrap()),
            "{row}"
        );
    }
    // Within a page the columns line up; a page is never narrower than
    // the one before.
    let number_at = |row: &str| {
        let first = row.find(' ').unwrap();
        first + row[first..].find(|c: char| c != ' ').unwrap()
    };
    let mut last = 0;
    for chunk in std::iter::once(&lines[0..=page]).chain(rows[page..].chunks(page)) {
        let at: Vec<usize> = chunk.iter().map(|r| number_at(r)).collect();
        assert!(at.iter().all(|&a| a == at[0]), "aligned within a page");
        assert!(at[0] >= last);
        last = at[0];
    }
}

#[test]
fn extract_text_stops_reading_soon_after_its_output_is_closed() {
    let dir = crate::scratch("comforts/head");
    many_claims(&dir, 3000);
    let time = |head: bool| {
        let start = Instant::now();
        let mut child = bin()
            .args(["extract", "c"])
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
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"));
        start.elapsed()
    };
    let whole = time(false);
    let head = time(true);
    assert!(
        head * 3 < whole,
        "with the pipe closed after a line: {head:?}; the whole corpus: {whole:?}"
    );
}

// ---------------------------------------------------------------- installation

#[test]
fn the_readme_installs_from_things_that_exist() {
    let readme = std::fs::read_to_string(crate::root().join("README.md")).unwrap();
    // Every `cargo install` line installs this checkout or a tag of the
    // version in Cargo.toml (the tag the release makes).
    let tag = format!("v{}", env!("CARGO_PKG_VERSION"));
    let installs: Vec<&str> = readme
        .lines()
        .filter(|l| l.contains("cargo install"))
        .collect();
    assert!(installs
        .iter()
        .any(|l| l.contains("cargo install --locked --path .")));
    for line in installs {
        let ok = line.contains("--path .")
            || line.contains(&format!("--tag {tag}"))
            || line.contains("cargo install cargo-");
        assert!(ok, "{line}");
    }
    // pre-commit: the hook id exists, and `rev:` is the version's tag.
    let hooks = std::fs::read_to_string(crate::root().join(".pre-commit-hooks.yaml")).unwrap();
    assert!(hooks.contains("- id: claimcheck"));
    for rev in readme
        .lines()
        .filter_map(|l| l.trim().strip_prefix("rev: "))
    {
        assert_eq!(rev.split_whitespace().next(), Some(tag.as_str()));
    }
    // The local hook needs no tag: the binary `cargo install --path .` puts
    // on the PATH, with the entry the shipped hook runs.
    assert!(readme.contains("repo: local"));
    assert!(readme.contains("entry: claimcheck check"));
    // The first build's time is written down.
    assert!(readme.contains("first `cargo build --release`"), "README");
}

/// The text of README.md's fenced block that starts with the line `first`,
/// that line left out.
fn readme_example(first: &str) -> String {
    let readme = std::fs::read_to_string(crate::root().join("README.md")).unwrap();
    let at = readme
        .find(&format!("\n{first}\n"))
        .unwrap_or_else(|| panic!("README.md has no block starting {first:?}"));
    let block = &readme[at + first.len() + 2..];
    block[..block.find("```").unwrap()].to_string()
}

#[test]
fn readme_measures_and_explain_examples_are_the_binarys_output() {
    // `measures`, with the merge example of the README as claims.yaml.
    let readme = std::fs::read_to_string(crate::root().join("README.md")).unwrap();
    let intro = readme
        .find("For example, this file keeps every built-in")
        .unwrap();
    let block = &readme[intro..];
    let block = &block[block.find("```yaml\n").unwrap() + 8..];
    let dir = crate::scratch("comforts/readme_measures");
    write(&dir, "claims.yaml", &block[..block.find("```").unwrap()]);
    let out = run(&dir, &["measures", "artemivsk"]);
    assert_eq!(
        stdout(&out),
        readme_example("$ claimcheck measures artemivsk")
    );
    // `explain`, on the bundled corpus.
    let line = "corpus/001_327d210aed817a76.md:15";
    let out = run(&crate::root(), &["explain", line]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        readme_example(&format!("$ claimcheck explain {line}"))
    );
}
