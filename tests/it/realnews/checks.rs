//! The scorer port tested on handmade predictions, so that it can be
//! trusted while others change the JSON: a prediction built from the gold
//! scores 1.0 everywhere, and each change to it (a span moved, a group
//! split or merged, a verdict flipped, fields added) moves exactly the
//! figures it should. A tiny corpus written here checks how gold quotes are
//! located (front matter, repeated quotes, byte offsets, case).

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use super::data::{self, near, Set};
use super::pairs::{overlap, pairs, relation, Ends};
use super::score::{score, Scored};

/// Both scorers' figures and text for a JSON document.
fn scored(set: &Set, doc: &Value) -> (Scored, Scored) {
    let pred = set.prediction(&doc.to_string()).unwrap();
    let p = pairs(set, &pred, 20).unwrap();
    (score(set, &pred, 20), p)
}

/// A claim of the JSON contract for gold claim `gi`, as claimcheck writes
/// it (`article` a path, `date` the article's).
fn claim(set: &Set, gi: usize) -> Value {
    let g = &set.gold[gi];
    let (_, meta) = data::split_front_matter(&set.arts[&g.article].text).unwrap();
    let date = meta
        .and_then(|m| m.get("date").and_then(|d| d.as_str().map(String::from)))
        .unwrap();
    json!({
        "number": g.number, "value": g.value, "lower": g.lower, "upper": g.upper,
        "qualifier": g.qualifier, "measure": g.measure,
        "article": format!("tests/data/realnews/corpus/{}.md", g.article),
        "date": date, "start": g.gs, "end": g.ge,
    })
}

/// Gold claim indices of each expected group, then the claims of none.
fn gold_groups(set: &Set) -> (Vec<Vec<usize>>, Vec<usize>) {
    let idx = set.gold_index();
    let groups: Vec<Vec<usize>> = set
        .expected
        .iter()
        .map(|eg| set.members_of(eg, &idx))
        .collect();
    // A member may resolve twice to one claim (two members quoting the same
    // words of one article both take its first occurrence, as in the
    // scripts), never to a claim of another group.
    let mut owned: Vec<usize> = groups.iter().flat_map(|ms| distinct(ms)).collect();
    owned.sort_unstable();
    let n = owned.len();
    owned.dedup();
    assert_eq!(n, owned.len(), "a gold claim in two expected groups");
    let rest = (0..set.gold.len())
        .filter(|gi| owned.binary_search(gi).is_err())
        .collect();
    (groups, rest)
}

/// The indices once each, in order.
fn distinct(gis: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for &gi in gis {
        if !out.contains(&gi) {
            out.push(gi);
        }
    }
    out
}

/// A report group of the JSON contract, each claim once.
fn group(set: &Set, key: &str, verdict: &str, cumulative: bool, members: &[usize]) -> Value {
    json!({
        "key": key, "verdict": verdict, "cumulative": cumulative,
        "claims": distinct(members).iter().map(|&gi| claim(set, gi)).collect::<Vec<_>>(),
    })
}

/// The report a perfect claimcheck would write: each expected group one
/// report group with its verdict, every other gold claim alone.
fn perfect(set: &Set) -> Value {
    let (groups, rest) = gold_groups(set);
    let mut out: Vec<Value> = set
        .expected
        .iter()
        .zip(&groups)
        .map(|(eg, ms)| group(set, &eg.id, &eg.verdict, eg.cumulative.unwrap_or(false), ms))
        .collect();
    for gi in rest {
        out.push(group(set, &format!("single/{gi}"), "single", false, &[gi]));
    }
    json!({ "groups": out })
}

/// Pairs of claims of different articles among `gis`.
fn cross_pairs(set: &Set, gis: &[usize]) -> usize {
    let mut n = 0;
    for (i, &x) in gis.iter().enumerate() {
        for &y in &gis[i + 1..] {
            n += usize::from(set.gold[x].article != set.gold[y].article);
        }
    }
    n
}

/// Pairs of different articles with one claim in `a` and one in `b`.
fn pairs_between(set: &Set, a: &[usize], b: &[usize]) -> usize {
    a.iter()
        .flat_map(|&x| b.iter().map(move |&y| (x, y)))
        .filter(|&(x, y)| set.gold[x].article != set.gold[y].article)
        .count()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn a_perfect_prediction_scores_one_everywhere() {
    let set = super::set();
    let (s, p) = scored(&set, &perfect(&set));
    for name in [
        "precision",
        "recall",
        "f1",
        "value_accuracy",
        "bounds_accuracy",
        "measure_accuracy",
    ] {
        assert_eq!(s.get(name), 1.0, "{name}\n{}", s.text);
    }
    assert_eq!(s.get("predicted"), 140.0);
    assert_eq!(s.get("groups_found"), 16.0, "{}", s.text);
    assert_eq!(s.get("groups_verdict_right"), 16.0, "{}", s.text);
    assert_eq!(s.get("groups_mixed"), 0.0, "{}", s.text);
    for name in [
        "link_recall",
        "link_recall_macro",
        "link_precision",
        "relation_accuracy",
        "pairs_right",
        "pair_verdict_accuracy",
    ] {
        assert_eq!(p.get(name), 1.0, "{name}\n{}", p.text);
    }
    assert_eq!(p.get("gold_pairs"), 177.0);
    assert_eq!(p.get("linked_pairs"), 177.0);
    assert!(s
        .text
        .contains("# misses (gold not found):\n# false positives"));
}

/// Every field other engineers are adding, at every level: the figures
/// and the lists do not move.
#[test]
fn fields_outside_the_scored_contract_change_nothing() {
    let set = super::set();
    let plain = perfect(&set);
    let mut rich = plain.clone();
    for (i, g) in rich["groups"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        for c in g["claims"].as_array_mut().unwrap() {
            let c = c.as_object_mut().unwrap();
            c.insert("change".into(), json!("up"));
            c.insert("currency".into(), json!("USD"));
            c.insert("frame".into(), json!("tally"));
            c.insert("as_of".into(), json!("2023-09-01"));
            c.insert("status".into(), json!("consistent"));
            c.insert("whose".into(), json!({"name": "libya", "from": "text"}));
            c.insert("slots_from".into(), json!({"place": "title"}));
        }
        let g = g.as_object_mut().unwrap();
        g.insert("id".into(), json!(format!("g{i}")));
        g.insert("identity".into(), json!({"measure": "killed"}));
        g.insert("conflicts".into(), json!([{"a": 0, "b": 1, "reason": "x"}]));
        g.insert("outliers".into(), json!([]));
        g.insert("headline".into(), json!("Deaths: 2 articles agree"));
    }
    rich["unlinked"] = json!([{"claim": {"article": "x.md", "start": 0}, "groups": ["g1"]}]);
    rich["version"] = json!(2);
    let (s0, p0) = scored(&set, &plain);
    let (s1, p1) = scored(&set, &rich);
    assert_eq!(s0.text, s1.text);
    assert_eq!(p0.text, p1.text);
}

/// The first member of the first expected group: the first claim of the
/// first group of the perfect report.
fn first_member(set: &Set) -> usize {
    gold_groups(set).0[0][0]
}

#[test]
fn a_span_moved_off_its_number_loses_exactly_one_match() {
    let set = super::set();
    let gi = first_member(&set);
    let mut doc = perfect(&set);
    // Onto the front matter's `---`, where no gold claim is.
    let c = &mut doc["groups"][0]["claims"][0];
    assert_eq!(c["start"], json!(set.gold[gi].gs));
    c["start"] = json!(0);
    c["end"] = json!(3);
    let (s, p) = scored(&set, &doc);
    assert!(close(s.get("precision"), 139.0 / 140.0), "{}", s.text);
    assert!(close(s.get("recall"), 139.0 / 140.0), "{}", s.text);
    assert_eq!(s.get("measure_accuracy"), 1.0);
    let miss = format!("# misses (gold not found):\n  {}: ", set.gold[gi].article);
    assert!(s.text.contains(&miss), "{}", s.text);
    // Its pairs are no longer linked: they count as unmatched.
    let group = &gold_groups(&set).0[0];
    let lost = group
        .iter()
        .filter(|&&y| set.gold[y].article != set.gold[gi].article)
        .count();
    assert_eq!(p.get("gold_pairs_unmatched_member"), lost as f64);
    assert_eq!(p.get("linked_pairs"), (177 - lost) as f64);
    assert_eq!(p.get("link_precision"), 1.0);

    // Moved by one byte, it still overlaps its number and still matches.
    let mut doc = perfect(&set);
    let c = &mut doc["groups"][0]["claims"][0];
    c["start"] = json!(set.gold[gi].gs + 1);
    c["end"] = json!(set.gold[gi].ge + 1);
    assert!(set.gold[gi].ge - set.gold[gi].gs > 1);
    let (s, _) = scored(&set, &doc);
    assert_eq!(s.get("recall"), 1.0, "{}", s.text);
}

#[test]
fn a_group_split_in_two_gets_partial_link_recall() {
    let set = super::set();
    let (groups, _) = gold_groups(&set);
    // The Maui death toll: ten members from eight articles.
    let ei = set
        .expected
        .iter()
        .position(|eg| eg.id == "maui-death-toll")
        .unwrap();
    let ms = &groups[ei];
    let (a, b) = ms.split_at(ms.len() / 2);
    let mut doc = perfect(&set);
    let eg = &set.expected[ei];
    doc["groups"][ei] = group(&set, "killed/a", &eg.verdict, true, a);
    doc["groups"]
        .as_array_mut()
        .unwrap()
        .push(group(&set, "killed/b", &eg.verdict, true, b));
    let (s, p) = scored(&set, &doc);
    let whole = cross_pairs(&set, ms);
    let kept = cross_pairs(&set, a) + cross_pairs(&set, b);
    assert!(kept > 0 && kept < whole);
    assert_eq!(p.get("linked_pairs"), (177 - whole + kept) as f64);
    assert!(close(
        p.get("link_recall"),
        (177 - whole + kept) as f64 / 177.0
    ));
    assert!(close(
        p.get("link_recall_macro"),
        (15.0 + kept as f64 / whole as f64) / 16.0
    ));
    assert_eq!(p.get("link_precision"), 1.0);
    let line = format!("  maui-death-toll diverge {whole} {kept} {kept}\n");
    assert!(p.text.contains(&line), "{}", p.text);
    // Each half still holds the finding from two articles or more.
    assert_eq!(s.get("groups_found"), 16.0);
    assert_eq!(s.get("groups_mixed"), 0.0);
}

/// Two expected groups put in one report group, with `verdict`.
fn merged(set: &Set, first: &str, second: &str, verdict: &str) -> (Value, Vec<usize>, Vec<usize>) {
    let (groups, _) = gold_groups(set);
    let at = |id: &str| set.expected.iter().position(|eg| eg.id == id).unwrap();
    let (i, j) = (at(first), at(second));
    let both: Vec<usize> = groups[i].iter().chain(&groups[j]).copied().collect();
    let mut doc = perfect(set);
    doc["groups"][i] = group(set, "merged", verdict, false, &both);
    doc["groups"][j] =
        json!({"key": "empty", "verdict": "single", "cumulative": false, "claims": []});
    (doc, groups[i].clone(), groups[j].clone())
}

#[test]
fn two_slices_of_a_series_in_one_group_are_not_mixed() {
    let set = super::set();
    let (doc, a, b) = merged(
        &set,
        "maui-unaccounted-tentative",
        "maui-missing-list",
        "diverge",
    );
    assert!(pairs_between(&set, &a, &b) > 0);
    let (s, p) = scored(&set, &doc);
    assert_eq!(s.get("groups_mixed"), 0.0, "{}", s.text);
    // The pairs across the slices are neither right nor wrong links.
    let (_, p0) = scored(&set, &perfect(&set));
    assert_eq!(p.get("predicted_links"), p0.get("predicted_links"));
    assert_eq!(p.get("link_precision"), 1.0);
    assert_eq!(p.get("link_recall"), 1.0);
    // One slice now carries the other's verdict.
    assert_eq!(s.get("groups_verdict_right"), 15.0, "{}", s.text);
}

#[test]
fn two_findings_in_one_group_are_mixed_and_cost_link_precision() {
    let set = super::set();
    let (doc, a, b) = merged(&set, "morocco-injured", "morocco-damaged-homes", "agree");
    let (s, p) = scored(&set, &doc);
    assert_eq!(s.get("groups_mixed"), 1.0, "{}", s.text);
    let right = p.get("predicted_links") as usize - pairs_between(&set, &a, &b);
    let (_, p0) = scored(&set, &perfect(&set));
    assert_eq!(right, p0.get("predicted_links") as usize);
    assert!(close(
        p.get("link_precision"),
        right as f64 / p.get("predicted_links")
    ));
    assert!(p
        .text
        .contains("  merged morocco-damaged-homes + morocco-injured: "));
    assert_eq!(p.get("link_recall"), 1.0);
}

#[test]
fn a_wrong_verdict_is_found_but_not_right() {
    let set = super::set();
    let mut doc = perfect(&set);
    let ei = set
        .expected
        .iter()
        .position(|eg| eg.id == "morocco-death-toll")
        .unwrap();
    doc["groups"][ei]["verdict"] = json!("diverge");
    let (s, p) = scored(&set, &doc);
    assert_eq!(s.get("groups_found"), 16.0);
    assert_eq!(s.get("groups_verdict_right"), 15.0);
    assert!(s
        .text
        .contains("  group morocco-death-toll: expected evolve, found=True, verdict=diverge"));
    assert!(p.get("pair_verdict_accuracy") < 1.0);
    assert_eq!(p.get("link_recall"), 1.0);
}

#[test]
fn claims_of_other_articles_and_extract_output() {
    let set = super::set();
    let mut doc = perfect(&set);
    let mut stray = claim(&set, 0);
    stray["article"] = json!("elsewhere/not_in_the_set.md");
    doc["groups"][0]["claims"]
        .as_array_mut()
        .unwrap()
        .push(stray);
    let (s, _) = scored(&set, &doc);
    assert_eq!(s.get("predicted"), 140.0);
    assert_eq!(s.get("precision"), 1.0);

    // `extract --format json`: claims without groups score the extraction
    // alone, and pairs.py refuses it.
    let claims: Vec<Value> = (0..set.gold.len()).map(|gi| claim(&set, gi)).collect();
    let pred = set
        .prediction(&json!({ "claims": claims }).to_string())
        .unwrap();
    let s = score(&set, &pred, 0);
    assert_eq!(s.get("recall"), 1.0);
    assert!(!s.text.contains("groups_found"));
    assert!(s.text.ends_with("measure=1.000\n"), "{}", s.text);
    assert!(pairs(&set, &pred, 0).is_err());
}

#[test]
fn near_allows_1_1_percent_and_null_only_with_null() {
    assert!(near(Some(1000.0), Some(1011.0)));
    assert!(!near(Some(1000.0), Some(1012.0)));
    assert!(near(Some(0.0), Some(0.0)));
    assert!(near(None, None));
    assert!(!near(Some(0.0), None));
    assert!(!near(None, Some(5.0)));
}

fn ends(lo: Option<f64>, hi: Option<f64>, q: &str, strict: bool) -> Ends {
    Ends::new(None, lo, hi, Some(q), strict)
}

#[test]
fn relations_read_from_verdict_bounds_and_dates() {
    let exact = |v: f64| Ends::new(Some(v), None, None, Some("exact"), true);
    // The tool's "more than 100" is open at 100; the gold's is closed.
    let over_tool = ends(Some(100.0), None, "more_than", true);
    let over_gold = ends(Some(100.0), None, "more_than", false);
    assert!(!overlap(over_tool, exact(100.0)));
    assert!(overlap(over_gold, exact(100.0)));
    assert!(overlap(
        ends(Some(90.0), Some(100.0), "nearly", true),
        exact(100.0)
    ));
    assert!(!overlap(
        ends(None, Some(100.0), "less_than", true),
        exact(100.0)
    ));
    let r = |a, da, b, db, v, cum| relation(a, da, b, db, v, cum);
    // Overlapping intervals agree whatever the verdict.
    assert_eq!(
        r(
            exact(100.0),
            Some(1),
            exact(100.0),
            Some(5),
            Some("diverge"),
            true
        ),
        "agree"
    );
    // A running tally rising with the dates is growth in a diverging group;
    // going down, or on one day, is the conflict.
    assert_eq!(
        r(
            exact(100.0),
            Some(1),
            exact(200.0),
            Some(5),
            Some("diverge"),
            true
        ),
        "evolve"
    );
    assert_eq!(
        r(
            exact(200.0),
            Some(1),
            exact(100.0),
            Some(5),
            Some("diverge"),
            true
        ),
        "diverge"
    );
    assert_eq!(
        r(
            exact(100.0),
            Some(1),
            exact(200.0),
            Some(1),
            Some("diverge"),
            true
        ),
        "diverge"
    );
    assert_eq!(
        r(
            exact(100.0),
            Some(1),
            exact(200.0),
            Some(5),
            Some("diverge"),
            false
        ),
        "diverge"
    );
    assert_eq!(
        r(
            exact(100.0),
            None,
            exact(200.0),
            Some(5),
            Some("evolve"),
            false
        ),
        "evolve"
    );
    assert_eq!(
        r(exact(100.0), None, exact(200.0), None, None, false),
        "none"
    );
    assert_eq!(
        r(exact(1.0), None, exact(2.0), None, Some("single"), false),
        "single"
    );
}

/// A corpus and gold written here, in a fresh folder.
fn tiny(name: &str, articles: &[(&str, &str)], gold: &[(&str, &str)]) -> Set {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("realnews_checks")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    let (corpus, gold_dir): (PathBuf, PathBuf) = (dir.join("corpus"), dir.join("gold"));
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::create_dir_all(&gold_dir).unwrap();
    for (file, text) in articles {
        std::fs::write(corpus.join(file), text).unwrap();
    }
    for (file, text) in gold {
        std::fs::write(gold_dir.join(file), text).unwrap();
    }
    Set::load(&corpus, &gold_dir).unwrap()
}

#[test]
fn gold_quotes_are_located_as_the_scripts_locate_them() {
    let text = "---\ntitle: \"the toll passes 300\"\ndate: 2024-05-02\n---\n\
                Officials said the toll passes 300. Then: the toll passes 300 again.\n\
                In Zürich, “Three” people were hurt.\n";
    let gold = "article: a\nclaims:\n\
        - {quote: 'toll passes 300', number: '300', value: 300, lower: 300, upper: null, qualifier: more_than, measure: killed}\n\
        - {quote: 'toll passes 300', number: '300', value: 300, lower: 300, upper: null, qualifier: more_than, measure: killed}\n\
        - {quote: 'toll passes 300', number: '300', value: 300, lower: 300, upper: null, qualifier: more_than, measure: killed}\n\
        - {quote: '“Three” people', number: 'three', value: 3, lower: 3, upper: 3, qualifier: exact, measure: wounded}\n\
        - {quote: 'no such words', number: '1', value: 1}\n\
        - {quote: 'people were hurt', number: '4', value: 4}\n";
    let set = tiny(
        "quotes",
        &[("a.md", text), (".hidden.md", "x")],
        &[
            ("a.yaml", gold),
            ("b.yaml", "article: missing\nclaims: []\n"),
        ],
    );
    assert_eq!(set.arts.len(), 1, "hidden files are not read");
    let a = &set.arts["a"];
    assert_eq!(a.body_off, text.find("Officials").unwrap());
    assert_eq!(a.day, data::iso_day("2024-05-02"));
    let body = a.body_off;
    let first = text[body..].find("300").unwrap() + body;
    let second = text[first + 1..].find("300").unwrap() + first + 1;
    let spans: Vec<(i64, i64)> = set.gold.iter().map(|g| (g.gs, g.ge)).collect();
    let three = text.find("Three").unwrap() as i64;
    assert_eq!(
        spans,
        [
            // Not the title's: the search starts after the front matter.
            (first as i64, first as i64 + 3),
            // A repeated quote takes the next occurrence...
            (second as i64, second as i64 + 3),
            // ...and a third annotation, with none left, the first again.
            (first as i64, first as i64 + 3),
            // A number written in another case, in bytes after "ü" and "“".
            (three, three + 5),
        ]
    );
    assert_eq!(
        set.warnings,
        [
            "warn: quote not found in a: \"no such words\"",
            "warn: number \"4\" not in quote \"people were hurt\" (a)",
            "warn: gold for unknown article missing",
        ]
    );
}

#[test]
fn the_tightest_overlapping_prediction_is_matched() {
    let text = "The storm killed 1,300 people.\n";
    let gold = "article: t\nclaims:\n\
        - {quote: 'killed 1,300 people', number: '1,300', value: 1300, lower: 1300, upper: 1300, qualifier: exact, measure: killed}\n";
    let set = tiny("tightest", &[("t.txt", text)], &[("t.yaml", gold)]);
    let at = text.find("1,300").unwrap();
    let c = |start: usize, end: usize, measure: &str| {
        json!({"article": "t.txt", "start": start, "end": end, "value": 1300,
               "lower": 1300, "upper": 1300, "qualifier": "exact", "measure": measure})
    };
    let doc = json!({"groups": [{"key": "k", "verdict": "single", "cumulative": false,
        "claims": [c(0, text.len() - 1, "other"), c(at, at + 5, "killed")]}]});
    let pred = set.prediction(&doc.to_string()).unwrap();
    let s = score(&set, &pred, 1);
    assert_eq!(s.get("precision"), 0.5);
    assert_eq!(s.get("recall"), 1.0);
    assert_eq!(s.get("measure_accuracy"), 1.0, "{}", s.text);
    assert!(s
        .text
        .contains("# false positives (predicted, not gold):\n  t: None ...The storm killed 1,300 people. ...\n"));
}
