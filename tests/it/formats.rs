//! Numbers of news of any kind, end to end: a market report of our own
//! writing (`tests/data/formats/market_report.md`) with changes and levels,
//! several currencies, percentages, points and number formats, against the
//! claims written down beside it (`market_report.yaml`): every field that
//! says what a figure is (value, bounds, qualifier, change, currency, unit,
//! and the measure where the expectation gives one), and no claim more.

use claimcheck::{corpus, Config, Extractor};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    number: String,
    value: Option<f64>,
    lower: Option<f64>,
    upper: Option<f64>,
    qualifier: String,
    #[serde(default)]
    change: Option<String>,
    #[serde(default)]
    currency: Option<String>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    measure: Option<String>,
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * b.abs().max(1.0),
        (None, None) => true,
        _ => false,
    }
}

#[test]
fn a_market_report_gives_its_changes_levels_and_currencies() {
    let dir = crate::root().join("tests/data/formats");
    let path = dir.join("market_report.md");
    let article = corpus::load(&path, "market_report.md", 0).unwrap();
    let claims = Extractor::new(&Config::builtin()).extract(&article);
    let text = std::fs::read_to_string(dir.join("market_report.yaml")).unwrap();
    let want: Vec<Expected> = serde_yaml::from_str(&text).unwrap();
    let got: Vec<String> = claims.iter().map(|c| c.number.clone()).collect();
    let numbers: Vec<&str> = want.iter().map(|w| w.number.as_str()).collect();
    assert_eq!(got, numbers, "the claims found, in order");
    let mut wrong = Vec::new();
    for (c, w) in claims.iter().zip(&want) {
        let same = close(c.value, w.value)
            && close(c.lower, w.lower)
            && close(c.upper, w.upper)
            && c.qualifier.as_str() == w.qualifier
            && c.change.map(|x| x.as_str().to_string()) == w.change
            && c.currency == w.currency
            && c.unit == w.unit
            && w.measure.as_ref().is_none_or(|m| *m == c.measure);
        if !same {
            wrong.push(format!(
                "`{}`: {:?} [{:?}, {:?}] {} change {:?} currency {:?} unit {:?} measure {}; expected {w:?}",
                c.number,
                c.value,
                c.lower,
                c.upper,
                c.qualifier.as_str(),
                c.change,
                c.currency,
                c.unit,
                c.measure
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn the_amount_of_a_change_is_keyed_apart_from_the_level() {
    let dir = crate::root().join("tests/data/formats");
    let article = corpus::load(&dir.join("market_report.md"), "market_report.md", 0).unwrap();
    let claims = Extractor::new(&Config::builtin()).extract(&article);
    let key = |n: &str| {
        claims
            .iter()
            .find(|c| c.number == n)
            .map(|c| c.key.clone())
            .unwrap()
    };
    assert!(key("$12").ends_with("~down"), "{}", key("$12"));
    assert!(!key("$2,150").contains('~'), "{}", key("$2,150"));
    assert!(key("2.1%").ends_with("~up"), "{}", key("2.1%"));
}
