//! Linking across articles and verdicts over a series: one test for each
//! way linking went wrong (`../shared/LINKING.md`), with sentences of our
//! own. Each test writes a few articles, runs the report and checks which
//! claims share a group, the group's verdict and the claims' statuses.

use claimcheck::claim::{Frame, Status};
use claimcheck::compare::Verdict;
use claimcheck::group::Group;
use claimcheck::report::Report;
use claimcheck::Config;

/// An article: file name, title, date, body.
type Art<'a> = (&'a str, &'a str, &'a str, &'a str);

/// Writes the articles into a fresh folder and reports on it.
fn report(name: &str, arts: &[Art<'_>]) -> Report {
    let dir = crate::scratch(&format!("linking-{name}"));
    for (file, title, date, body) in arts {
        let mut text = String::from("---\n");
        if !title.is_empty() {
            text.push_str(&format!("title: \"{title}\"\n"));
        }
        if !date.is_empty() {
            text.push_str(&format!("date: {date}\n"));
        }
        text.push_str("---\n");
        text.push_str(body);
        text.push('\n');
        std::fs::write(dir.join(file), text).unwrap();
    }
    let config = Config::builtin();
    let run = claimcheck::extract_paths(&[dir], &config);
    claimcheck::report(run, &config)
}

/// The group holding the claim written `number` in `file`.
fn group<'r>(r: &'r Report, file: &str, number: &str) -> &'r Group {
    r.groups
        .iter()
        .find(|g| {
            g.claims
                .iter()
                .any(|c| c.article.ends_with(file) && c.number == number)
        })
        .unwrap_or_else(|| panic!("no claim `{number}` in {file}:\n{}", show(r)))
}

/// The status of the claim written `number` in `file`.
fn status(r: &Report, file: &str, number: &str) -> Option<Status> {
    group(r, file, number)
        .claims
        .iter()
        .find(|c| c.article.ends_with(file) && c.number == number)
        .and_then(|c| c.status)
}

/// The groups, for a failing test's message.
fn show(r: &Report) -> String {
    let mut s = String::new();
    for g in &r.groups {
        s.push_str(&format!("{} {} {}\n", g.verdict.as_str(), g.id, g.headline));
        for c in &g.claims {
            s.push_str(&format!(
                "    {} {} {:?} {:?} place={:?} {:?}\n",
                c.article.rsplit('/').next().unwrap_or_default(),
                c.number,
                c.frame,
                c.status,
                c.place,
                c.slots_from
            ));
        }
    }
    s
}

#[track_caller]
fn same(r: &Report, a: (&str, &str), b: (&str, &str)) {
    assert_eq!(
        group(r, a.0, a.1).id,
        group(r, b.0, b.1).id,
        "{a:?} and {b:?} should share a group:\n{}",
        show(r)
    );
}

#[track_caller]
fn apart(r: &Report, a: (&str, &str), b: (&str, &str)) {
    assert_ne!(
        group(r, a.0, a.1).id,
        group(r, b.0, b.1).id,
        "{a:?} and {b:?} should not share a group:\n{}",
        show(r)
    );
}

// A. Who and where.

#[test]
fn a3_a_figure_with_no_place_joins_the_one_group_it_fits() {
    let r = report(
        "a3",
        &[
            (
                "a.md",
                "Floods in Sudan",
                "2024-03-01",
                "At least 1,210 people have died in Sudan, officials said.",
            ),
            (
                "b.md",
                "",
                "2024-03-02",
                "The toll climbed to 1,230, the agency said.",
            ),
        ],
    );
    same(&r, ("a.md", "1,210"), ("b.md", "1,230"));
    assert_eq!(group(&r, "a.md", "1,210").verdict, Verdict::Evolve);
}

#[test]
fn a3_a_figure_that_fits_several_groups_stays_out_and_is_listed() {
    let r = report(
        "a3-ambiguous",
        &[
            (
                "a.md",
                "Floods in Sudan",
                "2024-03-01",
                "At least 1,210 people have died in Sudan, officials said.",
            ),
            (
                "c.md",
                "Floods in Yemen",
                "2024-03-01",
                "At least 400 people have died in Yemen, officials said.",
            ),
            (
                "b.md",
                "",
                "2024-03-02",
                "The toll climbed to 1,230, the agency said.",
            ),
        ],
    );
    apart(&r, ("a.md", "1,210"), ("b.md", "1,230"));
    apart(&r, ("c.md", "400"), ("b.md", "1,230"));
    let u = r
        .unlinked
        .iter()
        .find(|u| u.article.ends_with("b.md"))
        .unwrap_or_else(|| panic!("b.md's figure is not listed as unlinked:\n{}", show(&r)));
    assert_eq!(u.candidates.len(), 2);
    assert!(u.candidates.contains(&group(&r, "a.md", "1,210").id));
    assert!(u.candidates.contains(&group(&r, "c.md", "400").id));
}

#[test]
fn a4_a_figure_without_a_place_takes_the_article_s() {
    let r = report(
        "a4",
        &[
            (
                "a.md",
                "Landslide in Somalia kills 80",
                "2024-07-02",
                "Rescuers dug through the mud overnight. The toll has now passed 95, the army said.",
            ),
            (
                "b.md",
                "",
                "2024-07-03",
                "At least 97 people have died in Somalia after the landslide.",
            ),
        ],
    );
    same(&r, ("a.md", "95"), ("b.md", "97"));
    let g = group(&r, "a.md", "95");
    let c = g.claims.iter().find(|c| c.number == "95").unwrap();
    assert_eq!(c.place.as_deref(), Some("somalia"));
    assert_eq!(c.slots_from.get("place").map(String::as_str), Some("title"));
}

// B. Time: tally against incident, and which date.

#[test]
fn b8_a_tally_with_an_as_of_date_is_no_incident() {
    let r = report(
        "b8",
        &[(
            "a.md",
            "",
            "2024-05-10",
            "The toll stood at 900 as of Wednesday, the ministry said.",
        )],
    );
    let g = group(&r, "a.md", "900");
    let c = &g.claims[0];
    assert_eq!(c.frame, Frame::Tally);
    assert_eq!(c.scope, None);
    assert_eq!(
        c.as_of.map(|d| d.to_string()).as_deref(),
        Some("2024-05-08")
    );
}

#[test]
fn b9_an_incident_is_kept_apart_from_the_tally() {
    let r = report(
        "b9",
        &[
            (
                "a.md",
                "War in Sudan",
                "2024-06-01",
                "More than 4,100 people have been wounded in Sudan since the war began, the ministry said.",
            ),
            (
                "b.md",
                "War in Sudan",
                "2024-06-02",
                "Another 35 people were wounded in Sudan in the shelling, medics said.",
            ),
        ],
    );
    apart(&r, ("a.md", "4,100"), ("b.md", "35"));
    assert_eq!(group(&r, "b.md", "35").identity.frame, Frame::Incident);
    assert_ne!(group(&r, "a.md", "4,100").verdict, Verdict::Diverge);
}

#[test]
fn b10_a_tally_from_a_later_start_is_another_quantity() {
    let r = report(
        "b10",
        &[
            (
                "a.md",
                "",
                "2024-04-10",
                "Militants have carried out 200 attacks in Mali since January 1.",
            ),
            (
                "b.md",
                "",
                "2024-04-11",
                "Militants have carried out 14 attacks in Mali since March 3.",
            ),
        ],
    );
    apart(&r, ("a.md", "200"), ("b.md", "14"));
}

#[test]
fn b11_incidents_match_by_overlapping_days_not_by_date_strings() {
    let r = report(
        "b11",
        &[
            (
                "a.md",
                "",
                "2024-05-13",
                "Forty-two people were hurt in Chad in last week's blast at the market.",
            ),
            (
                "b.md",
                "",
                "2024-05-09",
                "The blast in Chad on May 8 injured 42 people, officials said.",
            ),
        ],
    );
    same(&r, ("a.md", "Forty-two"), ("b.md", "42"));
    assert_eq!(group(&r, "b.md", "42").verdict, Verdict::Agree);
}

#[test]
fn b12_the_day_of_the_event_does_not_split_its_tally() {
    let r = report(
        "b12",
        &[
            (
                "a.md",
                "",
                "2024-09-03",
                "The storm that struck Cuba on Sunday has killed 84 people.",
            ),
            (
                "b.md",
                "",
                "2024-09-05",
                "The storm's death toll in Cuba climbed to 97.",
            ),
        ],
    );
    same(&r, ("a.md", "84"), ("b.md", "97"));
    assert_eq!(group(&r, "a.md", "84").verdict, Verdict::Evolve);
}

#[test]
fn b13_a_figure_cited_as_past_stands_before_the_current_one() {
    let r = report(
        "b13",
        &[
            (
                "a.md",
                "",
                "2024-08-01",
                "At least 1,000 people have died in Niger in the floods, officials said.",
            ),
            (
                "b.md",
                "",
                "2024-09-01",
                "The previous toll in Niger was 310. The floods have killed 2,400 people in Niger, the ministry now says.",
            ),
        ],
    );
    let g = group(&r, "b.md", "2,400");
    let cited = g.claims.iter().find(|c| c.number == "310");
    if let Some(c) = cited {
        assert_eq!(c.slots_from.get("as_of").map(String::as_str), Some("cited"));
        assert_ne!(c.status, Some(Status::Revision));
    }
    assert_ne!(g.verdict, Verdict::Diverge, "{}", show(&r));
}

#[test]
fn b14_figures_of_another_year_s_event_are_another_quantity() {
    let r = report(
        "b14",
        &[
            (
                "a.md",
                "",
                "2024-08-20",
                "The floods have killed 300 people in Bangladesh this month.",
            ),
            (
                "b.md",
                "",
                "2024-08-21",
                "A 2022 flood killed 1,700 people in Bangladesh.",
            ),
        ],
    );
    apart(&r, ("a.md", "300"), ("b.md", "1,700"));
}

// C. Verdicts.

#[test]
fn c15_growth_of_a_fast_moving_tally_is_no_conflict() {
    let r = report(
        "c15",
        &[
            (
                "a.md",
                "",
                "2024-02-05",
                "The quake's death toll in Syria rose to 1,250.",
            ),
            (
                "b.md",
                "",
                "2024-02-07",
                "The quake's death toll in Syria rose to 2,030.",
            ),
        ],
    );
    same(&r, ("a.md", "1,250"), ("b.md", "2,030"));
    assert_eq!(group(&r, "a.md", "1,250").verdict, Verdict::Evolve);
}

#[test]
fn c16_one_stray_claim_is_set_apart_and_named() {
    let stray = "In Kenya, 50 people were killed in the floods, one official said.";
    let r = report(
        "c16",
        &[
            (
                "a.md",
                "",
                "2024-05-01",
                "The floods have killed about 500 people in Kenya.",
            ),
            (
                "b.md",
                "",
                "2024-05-02",
                "Some 500 people have died in Kenya in the floods.",
            ),
            (
                "c.md",
                "",
                "2024-05-02",
                "Nearly 500 people have died in Kenya in the floods.",
            ),
            ("d.md", "", "2024-05-03", stray),
        ],
    );
    let main = group(&r, "a.md", "500");
    same(&r, ("a.md", "500"), ("b.md", "500"));
    same(&r, ("a.md", "500"), ("c.md", "500"));
    assert_eq!(main.verdict, Verdict::Agree, "{}", show(&r));
    let odd = group(&r, "d.md", "50");
    assert_ne!(odd.id, main.id);
    assert_eq!(odd.outlier_of.as_deref(), Some(main.id.as_str()));
    assert!(main.outliers.contains(&odd.id));
    assert!(main.headline.contains("outlier"), "{}", main.headline);
}

#[test]
fn c16_conflicting_pairs_are_in_the_json_with_their_reason() {
    let r = report(
        "c16-json",
        &[
            (
                "a.md",
                "",
                "2024-05-01",
                "The militia holds 240 prisoners in Yemen, the ministry said.",
            ),
            (
                "b.md",
                "",
                "2024-05-01",
                "The militia holds 410 prisoners in Yemen, the group said.",
            ),
        ],
    );
    let g = group(&r, "a.md", "240");
    assert_eq!(g.verdict, Verdict::Diverge, "{}", show(&r));
    assert_eq!(g.conflicts.len(), 1);
    assert_eq!(g.conflicts[0].reason, "same time");
    let json = serde_json::to_value(&r).unwrap();
    let invalid = crate::schema::errors(crate::schema::Kind::Report, &json);
    assert!(invalid.is_empty(), "{invalid:?}");
    let group = json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == g.id.as_str())
        .unwrap();
    assert_eq!(group["conflicts"][0]["reason"], "same time");
    assert_eq!(group["claims"][0]["status"], "conflict");
}

#[test]
fn c17_a_stock_that_dips_and_comes_back_is_a_conflict_on_the_dip() {
    let r = report(
        "c17",
        &[
            (
                "a.md",
                "",
                "2024-03-01",
                "About 1,800 peacekeepers are deployed in Lebanon.",
            ),
            (
                "b.md",
                "",
                "2024-03-20",
                "About 1,200 peacekeepers are deployed in Lebanon.",
            ),
            (
                "c.md",
                "",
                "2024-04-02",
                "Some 1,800 peacekeepers are deployed in Lebanon.",
            ),
        ],
    );
    same(&r, ("a.md", "1,800"), ("b.md", "1,200"));
    same(&r, ("a.md", "1,800"), ("c.md", "1,800"));
    assert_eq!(group(&r, "a.md", "1,800").verdict, Verdict::Diverge);
    assert_eq!(status(&r, "b.md", "1,200"), Some(Status::Conflict));
    assert_eq!(status(&r, "a.md", "1,800"), Some(Status::Consistent));
}

#[test]
fn c18_rising_open_bounds_of_a_stock_evolve() {
    let r = report(
        "c18",
        &[
            (
                "a.md",
                "",
                "2024-01-01",
                "More than 1,000 rescuers are working in Taiwan.",
            ),
            (
                "b.md",
                "",
                "2024-01-15",
                "More than 9,000 rescuers are working in Taiwan.",
            ),
        ],
    );
    same(&r, ("a.md", "1,000"), ("b.md", "9,000"));
    assert_eq!(group(&r, "a.md", "1,000").verdict, Verdict::Evolve);
}

#[test]
fn c19_an_open_end_or_rounding_is_no_divergence() {
    let r = report(
        "c19",
        &[
            (
                "a.md",
                "",
                "2024-06-03",
                "Officials said 14,500 people were injured in Iran.",
            ),
            (
                "b.md",
                "",
                "2024-06-04",
                "The number of injured in Iran exceeded 14,500.",
            ),
            (
                "c.md",
                "",
                "2024-06-03",
                "About 10,000 people are missing in Iran.",
            ),
            (
                "d.md",
                "",
                "2024-06-04",
                "Some 10,100 people are missing in Iran.",
            ),
        ],
    );
    same(&r, ("a.md", "14,500"), ("b.md", "14,500"));
    assert_ne!(group(&r, "a.md", "14,500").verdict, Verdict::Diverge);
    same(&r, ("c.md", "10,000"), ("d.md", "10,100"));
    assert_eq!(group(&r, "c.md", "10,000").verdict, Verdict::Agree);
}

#[test]
fn a_revision_is_named_in_the_headline() {
    let r = report(
        "revision",
        &[
            (
                "a.md",
                "",
                "2024-08-10",
                "The wildfire has killed 115 people in Greece, officials said.",
            ),
            (
                "b.md",
                "",
                "2024-08-12",
                "The wildfire has killed 118 people in Greece.",
            ),
            (
                "c.md",
                "",
                "2024-09-01",
                "The death toll in Greece has been revised down to 97 after DNA tests.",
            ),
        ],
    );
    let g = group(&r, "c.md", "97");
    same(&r, ("a.md", "115"), ("c.md", "97"));
    assert_eq!(g.verdict, Verdict::Diverge);
    assert_eq!(status(&r, "c.md", "97"), Some(Status::Revision));
    assert!(g.headline.contains("revised down"), "{}", g.headline);
}

// D. What is counted.

#[test]
fn d24_one_measure_counting_different_nouns_is_kept_apart() {
    let r = report(
        "d24",
        &[
            (
                "a.md",
                "",
                "2024-02-03",
                "The jets struck 40 targets at 12 sites in Syria.",
            ),
            (
                "b.md",
                "",
                "2024-02-03",
                "The jets hit 40 targets in Syria overnight.",
            ),
        ],
    );
    same(&r, ("a.md", "40"), ("b.md", "40"));
    apart(&r, ("a.md", "12"), ("b.md", "40"));
}

#[test]
fn projections_are_never_linked_with_reported_figures() {
    let r = report(
        "projection",
        &[
            (
                "a.md",
                "",
                "2024-04-02",
                "At least 2,000 people have died in Myanmar, officials said.",
            ),
            (
                "b.md",
                "",
                "2024-04-02",
                "The death toll in Myanmar could reach 10,000, the agency warned.",
            ),
        ],
    );
    apart(&r, ("a.md", "2,000"), ("b.md", "10,000"));
    assert_eq!(group(&r, "a.md", "2,000").verdict, Verdict::Single);
}

#[test]
fn the_groups_are_the_same_for_the_claims_in_any_order() {
    let dir = crate::scratch("linking-order");
    let arts: [Art<'_>; 5] = [
        (
            "a.md",
            "",
            "2024-02-05",
            "The quake's death toll in Syria rose to 1,250.",
        ),
        (
            "b.md",
            "",
            "2024-02-07",
            "The quake's death toll in Syria rose to 2,030.",
        ),
        (
            "c.md",
            "",
            "2024-02-07",
            "The toll climbed to 2,100, the agency said.",
        ),
        (
            "d.md",
            "Quake in Turkey",
            "2024-02-08",
            "The toll passed 2,300. Another 40 were hurt in the blast.",
        ),
        (
            "e.md",
            "",
            "2024-02-06",
            "About 1,800 peacekeepers are deployed in Lebanon.",
        ),
    ];
    for (file, title, date, body) in arts {
        std::fs::write(
            dir.join(file),
            format!("---\ntitle: \"{title}\"\ndate: {date}\n---\n{body}\n"),
        )
        .unwrap();
    }
    let config = Config::builtin();
    let claims = claimcheck::extract_paths(&[dir], &config).claims;
    let json = |claims: Vec<claimcheck::Claim>| {
        serde_json::to_string(&claimcheck::report::Report::linked(
            claimcheck::group::link(claims, &config),
        ))
        .unwrap()
    };
    let expected = json(claims.clone());
    // Every rotation and the reverse order.
    for k in 0..claims.len() {
        let mut turned = claims.clone();
        turned.rotate_left(k);
        assert_eq!(json(turned.clone()), expected, "rotated by {k}");
        turned.reverse();
        assert_eq!(json(turned), expected, "rotated by {k}, reversed");
    }
}

#[test]
fn another_after_a_vague_amount_adds_to_no_count() {
    // "Another" has nothing to add to after "thousands": the 2,400 is the
    // stock of the missing, as the other article says.
    let r = report(
        "another-vague",
        &[
            (
                "a.md",
                "Floods in Sindh",
                "2024-07-02",
                "Rescuers are searching for thousands missing.\n\n\
                 Another 2,400 people are listed as missing in Sindh.",
            ),
            (
                "b.md",
                "Floods in Sindh",
                "2024-07-03",
                "About 2,400 people are still missing in Sindh.",
            ),
        ],
    );
    let a = group(&r, "a.md", "2,400");
    assert_eq!(
        a.claims
            .iter()
            .find(|c| c.number == "2,400")
            .map(|c| c.frame),
        Some(Frame::Stock),
        "{}",
        show(&r)
    );
    same(&r, ("a.md", "2,400"), ("b.md", "2,400"));
    assert_eq!(a.verdict, Verdict::Agree);
}

#[test]
fn a_precise_stock_within_a_round_one_agrees() {
    // "about 10,000" then "10,100" days later is one level, not a rise.
    let r = report(
        "round-stock",
        &[
            (
                "a.md",
                "Floods in Sindh",
                "2024-07-02",
                "The number of missing people has reached 10,000 in Sindh.",
            ),
            (
                "b.md",
                "Floods in Sindh",
                "2024-07-06",
                "Officials said 10,100 people are missing in Sindh.",
            ),
        ],
    );
    same(&r, ("a.md", "10,000"), ("b.md", "10,100"));
    assert_eq!(
        group(&r, "a.md", "10,000").verdict,
        Verdict::Agree,
        "{}",
        show(&r)
    );
}

#[test]
fn one_figure_for_a_town_and_its_country_is_one_quantity_at_two_levels() {
    let r = report(
        "levels",
        &[
            (
                "a.md",
                "",
                "2024-02-03",
                "The death toll in Valparaiso has risen to more than 120, officials said.",
            ),
            (
                "b.md",
                "",
                "2024-02-03",
                "More than 120 people have been killed in Chile, the interior ministry said.",
            ),
            (
                "c.md",
                "",
                "2024-02-05",
                "The death toll in Chile has risen to 131.\n\n\
                 About 15 people were killed elsewhere in Chile.",
            ),
            (
                "d.md",
                "",
                "2024-02-05",
                "The death toll in Valparaiso has risen to 131.",
            ),
        ],
    );
    same(&r, ("a.md", "120"), ("b.md", "120"));
    same(&r, ("a.md", "120"), ("c.md", "131"));
    same(&r, ("a.md", "120"), ("d.md", "131"));
    assert_eq!(
        group(&r, "a.md", "120").verdict,
        Verdict::Evolve,
        "{}",
        show(&r)
    );
    // What lies outside the town is another quantity.
    apart(&r, ("c.md", "15"), ("c.md", "131"));
}

#[test]
fn a_town_and_its_country_with_different_figures_stay_apart() {
    let r = report(
        "levels-apart",
        &[
            (
                "a.md",
                "",
                "2024-02-03",
                "Fires killed 12 people in Valparaiso.",
            ),
            (
                "b.md",
                "",
                "2024-02-03",
                "Fires have killed 99 people in Chile.",
            ),
        ],
    );
    apart(&r, ("a.md", "12"), ("b.md", "99"));
}
