//! `claimcheck check` as an editor's pre-commit hook meets it: each kind of
//! problem, each exit code, the ignore comment, baselines, SARIF.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// A fresh folder with the shipped claims.yaml plus `extra` config.
fn folder(name: &str, extra: &str) -> PathBuf {
    let dir = crate::scratch(&format!("check/{name}"));
    let shipped = std::fs::read_to_string(crate::root().join("claims.yaml")).unwrap();
    let config = shipped
        .replace("facts: []\n", "")
        .replace("accepted: []\n", "")
        + extra;
    std::fs::write(dir.join("claims.yaml"), config).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn run(dir: &Path, args: &[&str]) -> Output {
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

const FACT: &str = "facts:\n  - key: troops/us/iraq\n    value: 2500\n    as_of: 2024-01-01\n    source: Pentagon\n";

#[test]
fn a_figure_against_a_pinned_fact_fails_with_its_place() {
    let dir = folder("fact", FACT);
    write(
        &dir,
        "draft.md",
        "# Draft\n\nThe US has 3,000 troops in Iraq, officials said.\n",
    );
    let out = run(&dir, &["check", "draft.md"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("--> draft.md:3:12"), "{text}");
    crate::snapshot_settings().bind(|| insta::assert_snapshot!("check_fact_text", text));
}

#[test]
fn a_figure_within_a_pinned_fact_passes() {
    let dir = folder("fact_ok", FACT);
    write(
        &dir,
        "draft.md",
        "The US keeps about 2,500 troops in Iraq.\n",
    );
    let out = run(&dir, &["check", "draft.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "no problems found\n");
}

#[test]
fn a_rising_tally_is_not_against_an_older_pinned_toll() {
    let extra =
        "facts:\n  - key: killed/palestinians/gaza\n    value: 3500\n    as_of: 2023-10-18\n";
    let dir = folder("tally", extra);
    write(
        &dir,
        "a.md",
        "---\ndate: 2023-11-05\n---\nIsraeli attacks have killed more than 9,000 people in Gaza.\n",
    );
    assert_eq!(run(&dir, &["check", "a.md"]).status.code(), Some(0));
    write(
        &dir,
        "a.md",
        "---\ndate: 2023-11-05\n---\nIsraeli attacks have killed 2,000 people in Gaza.\n",
    );
    assert_eq!(run(&dir, &["check", "a.md"]).status.code(), Some(1));
}

const D1: &str = "---\ndate: 2023-10-10\n---\nIsraeli officials said 1,200 people were killed in Israel on October 7.\n";
const D2: &str =
    "---\ndate: 2023-10-10\n---\nMore than 1,400 people were killed in Israel on October 7.\n";

#[test]
fn two_drafts_that_disagree_fail_until_accepted() {
    let dir = folder("diverge", "");
    write(&dir, "d1.md", D1);
    write(&dir, "d2.md", D2);
    let out = run(&dir, &["check", "."]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    crate::snapshot_settings().bind(|| insta::assert_snapshot!("check_divergence_text", text));

    let accepted = "accepted:\n  - key: killed/israel/israel\n    reason: \"Israel revised the toll from 1,400 to about 1,200\"\n";
    let dir = folder("diverge_accepted", accepted);
    write(&dir, "d1.md", D1);
    write(&dir, "d2.md", D2);
    let out = run(&dir, &["check", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn the_ignore_comment_silences_a_line() {
    let dir = folder("ignore", FACT);
    write(
        &dir,
        "draft.md",
        "<!-- claimcheck: ignore -->\nThe US has 3,000 troops in Iraq.\n\nA quote: 4,000 troops in Iraq <!-- claimcheck: ignore -->\n",
    );
    let out = run(&dir, &["check", "draft.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    write(&dir, "draft.md", "The US has 3,000 troops in Iraq.\n");
    assert_eq!(run(&dir, &["check", "draft.md"]).status.code(), Some(1));
}

#[test]
fn json_problems_follow_the_contract() {
    let dir = folder("json", FACT);
    write(
        &dir,
        "draft.md",
        "Intro.\nThe US has 3,000 troops in Iraq.\n",
    );
    let out = run(&dir, &["check", "draft.md", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let p = &json["problems"][0];
    assert_eq!(p["article"], "draft.md");
    assert_eq!(
        (p["line"].as_u64(), p["column"].as_u64()),
        (Some(2), Some(12))
    );
    assert_eq!(p["key"], "troops/us/iraq");
    assert!(p["message"].as_str().unwrap().contains("pinned fact 2,500"));
    assert_eq!(p["kind"], "contradicts-fact");
}

#[test]
fn sarif_has_what_code_scanning_needs() {
    let dir = folder("sarif", FACT);
    write(&dir, "d1.md", D1);
    write(&dir, "d2.md", D2);
    write(&dir, "draft.md", "The US has 3,000 troops in Iraq.\n");
    let out = run(&dir, &["check", ".", "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1));
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "claimcheck");
    let results = run["results"].as_array().unwrap();
    // The fact, and the divergence once (on the later of d1 and d2).
    assert_eq!(results.len(), 2);
    for r in results {
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        assert!(region["startColumn"].as_u64().unwrap() >= 1);
        let rule = r["ruleId"].as_str().unwrap();
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(run["tool"]["driver"]["rules"][index]["id"], rule);
    }
    // The file CI validates against the SARIF schema.
    std::fs::write(
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("check.sarif"),
        &out.stdout,
    )
    .unwrap();
}

#[test]
fn exit_2_for_a_broken_config_or_a_missing_path() {
    let dir = folder("broken", "");
    // A claims.yaml of its own, so that the line named does not move when
    // the shipped one changes.
    std::fs::write(
        dir.join("claims.yaml"),
        "facts:\n  - key: troops/us/iraq\n    valu: 2500\n",
    )
    .unwrap();
    let out = run(&dir, &["check", "."]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    crate::snapshot_settings().bind(|| insta::assert_snapshot!("check_broken_config_stderr", err));
    let dir = folder("missing", "");
    assert_eq!(run(&dir, &["check", "nope.md"]).status.code(), Some(2));
}

/// A check that can never fire must not pass: exit 2, naming the line.
#[test]
fn a_fact_no_lexicon_can_produce_is_an_error_naming_its_line() {
    let dir = folder("unknown_fact", "");
    std::fs::write(
        dir.join("claims.yaml"),
        "facts:\n  - key: troops/us/iraq\n    value: 2500\n  - key: troops/martians/iraq\n    value: 3\n",
    )
    .unwrap();
    write(&dir, "a.md", "Nothing here.\n");
    let out = run(&dir, &["check", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err,
        "error: invalid `claims.yaml` at line 4, column 10: pinned fact `troops/martians/iraq` \
         can never match a claim: the configuration has no actor `martians`\n"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_baseline_survives_a_moved_paragraph_and_catches_a_new_divergence() {
    let dir = folder("baseline", "");
    write(&dir, "d1.md", D1);
    write(&dir, "d2.md", D2);
    let out = run(&dir, &["check", ".", "--write-baseline", "baseline.json"]);
    assert_eq!(out.status.code(), Some(1));
    // Known problems no longer fail.
    assert_eq!(
        run(&dir, &["check", ".", "--baseline", "baseline.json"])
            .status
            .code(),
        Some(0)
    );
    // Moving the paragraph down keeps it known.
    write(
        &dir,
        "d1.md",
        &D1.replace("---\nIsraeli", "---\nA new opening paragraph.\n\nIsraeli"),
    );
    let out = run(&dir, &["check", ".", "--baseline", "baseline.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    // A new draft that disagrees fails, and the change is shown.
    write(
        &dir,
        "d3.md",
        "---\ndate: 2023-10-10\n---\nAbout 700 people were killed in Israel on October 7.\n",
    );
    let out = run(&dir, &["check", ".", "--baseline", "baseline.json"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("--> d3.md:4:7"), "{text}");
    assert!(
        text.contains(
            "claims changed since the baseline:\n  + d3.md  killed/israel/israel@2023-10-07  700\n"
        ),
        "{text}"
    );
}

#[test]
fn a_report_json_is_a_baseline_too() {
    let dir = folder("report_baseline", "");
    write(&dir, "d1.md", D1);
    write(&dir, "d2.md", D2);
    let report = run(&dir, &["report", ".", "--format", "json"]);
    std::fs::write(dir.join("report.json"), report.stdout).unwrap();
    assert_eq!(
        run(&dir, &["check", ".", "--baseline", "report.json"])
            .status
            .code(),
        Some(0)
    );
    let out = run(&dir, &["check", ".", "--baseline", "missing.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("could not read the baseline `missing.json`"));
}

#[test]
fn in_a_fresh_folder_of_drafts_check_reads_the_folder() {
    // The shipped claims.yaml names `corpus`, which a folder of drafts does
    // not have: the drafts beside it are checked.
    let dir = folder("fresh", FACT);
    write(
        &dir,
        "draft.md",
        "# Draft\n\nThe US has 3,000 troops in Iraq, officials said.\n",
    );
    let out = run(&dir, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("--> draft.md:3:12"),
        "{}",
        stdout(&out)
    );
}
