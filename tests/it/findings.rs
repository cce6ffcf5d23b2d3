//! Cross-article findings on a folder of articles about the same events
//! from many outlets and months (`tests/data/findings/`), written and
//! annotated independently of the code: the share of the findings a
//! careful reader makes that `report` finds with the right verdict.

use claimcheck::compare::Verdict;
use claimcheck::Config;
use serde::Deserialize;

#[derive(Deserialize)]
struct Finding {
    finding: String,
    verdict: Verdict,
    members: Vec<Member>,
}

#[derive(Deserialize)]
struct Member {
    file: String,
    number: String,
    #[serde(default = "first")]
    occurrence: usize,
}

fn first() -> usize {
    1
}

/// The byte offset of the `occurrence`-th whole-word `number` in `text`.
fn offset(text: &str, number: &str, occurrence: usize) -> Option<usize> {
    text.match_indices(number)
        .filter(|(i, _)| {
            let before = text[..*i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == ',' || c == '.');
            let after = text[i + number.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            !before && !after
        })
        .nth(occurrence - 1)
        .map(|(i, _)| i)
}

/// How many findings of `dir/expected.yaml` the report on `dir` finds
/// with the right verdict, of how many, and a line for each.
fn score(dir: &std::path::Path) -> (usize, usize, String) {
    let text = std::fs::read_to_string(dir.join("expected.yaml")).unwrap();
    let findings: Vec<Finding> = serde_yaml::from_str(&text).unwrap();
    let config = Config::builtin();
    let run = claimcheck::extract_paths(&[dir.to_path_buf()], &config);
    let report = claimcheck::report(run, &config);
    let mut found = 0;
    let mut lines = String::new();
    for f in &findings {
        // Which group each member's claim landed in.
        let mut groups: Vec<Option<usize>> = Vec::new();
        for m in &f.members {
            let body = std::fs::read_to_string(dir.join(&m.file)).unwrap();
            let at = offset(&body, &m.number, m.occurrence)
                .unwrap_or_else(|| panic!("{} not in {}", m.number, m.file));
            let g = report.groups.iter().position(|g| {
                g.claims.iter().any(|c| {
                    c.article.ends_with(&m.file) && c.start <= at && at < c.end.max(c.start + 1)
                })
            });
            groups.push(g);
        }
        // The group holding most members; the finding is found if that
        // group holds members from two or more articles, at least half of
        // them, and has the right verdict.
        let best = groups
            .iter()
            .flatten()
            .max_by_key(|g| {
                (
                    groups.iter().filter(|x| x == &&Some(**g)).count(),
                    std::cmp::Reverse(**g),
                )
            })
            .copied();
        let ok = best.is_some_and(|b| {
            let members: Vec<&Member> = f
                .members
                .iter()
                .zip(&groups)
                .filter(|(_, g)| **g == Some(b))
                .map(|(m, _)| m)
                .collect();
            let mut files: Vec<&str> = members.iter().map(|m| m.file.as_str()).collect();
            files.sort_unstable();
            files.dedup();
            files.len() >= 2
                && members.len() * 2 >= f.members.len()
                && report.groups[b].verdict == f.verdict
        });
        found += usize::from(ok);
        let got = best.map_or("no group".to_string(), |b| {
            format!(
                "{} {}",
                report.groups[b].verdict.as_str(),
                report.groups[b].key
            )
        });
        lines.push_str(&format!(
            "  {} {}: expected {}, got {got}\n",
            if ok { "found " } else { "missed" },
            f.finding,
            f.verdict.as_str()
        ));
    }
    (found, findings.len(), lines)
}

/// Prints the figures of a set.
fn print(name: &str, (found, total, lines): &(usize, usize, String)) {
    use std::io::Write;
    let share = *found as f64 / *total as f64;
    let _ = std::io::stderr().write_all(
        format!("\n{name}: {found}/{total} found with the right verdict ({share:.2})\n{lines}")
            .as_bytes(),
    );
}

#[test]
fn cross_article_findings_are_found_with_the_right_verdict() {
    let got = score(&crate::root().join("tests/data/findings"));
    print("cross-article findings", &got);
    // 11 of 13 today: hostages taken (held, taken and abducted are told
    // apart) and the displaced of Gaza (1.5 million takes Israel from a
    // title that names both) are missed.
    assert!(got.0 >= 11, "{}/{} findings\n{}", got.0, got.1, got.2);
}

/// Three stories the linking rules were not written on (the Turkey and
/// Syria earthquake, the Valencia floods, Canada's wildfires), written and
/// annotated before the tool was run on them: a check that the rules hold
/// beyond the stories they were built from.
#[test]
fn findings_of_other_stories_are_found_with_the_right_verdict() {
    let got = score(&crate::root().join("tests/data/stories"));
    print("other stories' findings", &got);
    // 8 of 15 today (6 when the set was written); the misses are listed
    // by the print above.
    assert!(got.0 >= 8, "{}/{} findings\n{}", got.0, got.1, got.2);
}
