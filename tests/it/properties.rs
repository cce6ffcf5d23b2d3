//! Properties that hold for any input (proptest): no panic; every claim has
//! `lower <= value <= upper` where defined, `start`/`end` on character
//! boundaries covering the number as written (invisible characters in it
//! left out of `number`), `line`/`column` matching the offsets (a lone CR
//! ends a line); the same input gives the same output. Also: the article
//! and config loaders never panic.

use claimcheck::{corpus, Config, Extractor};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "2,500",
    "troops",
    "killed",
    "at least",
    "more than",
    "about",
    "between",
    "and",
    "to",
    "-",
    "1.4",
    "million",
    "$",
    "2bn",
    "%",
    "per cent",
    "Oct.",
    "17",
    ",",
    ".",
    "2023",
    "Tower",
    "22",
    "one",
    "of",
    "twenty-five",
    "half a",
    "dozens",
    "hundreds of thousands",
    "in",
    "Iraq",
    "US",
    "were",
    "wounded",
    "times",
    "since",
    "on",
    "Wednesday",
    "said",
    "according to",
    "the",
    "\n",
    "\n\n",
    "—",
    "“",
    "’s",
    "٣٤٥",
    "2\u{202f}500",
    "0",
    "a.m.",
    ":",
    "30",
    "including",
    "of whom",
    "99999999999999999999",
    "#",
    "---",
    "date 2024-02-30",
    "<!-- x -->",
    "https://a.b/1",
    "\u{200d}",
    "\u{ad}",
    "2\u{200b},500",
    "\u{301}",
    "\r",
    "\r\n",
    "rose",
    "fell by",
    "from",
    "up",
    "minus",
    "−",
    "$US55,931,000",
    "A$",
    "€",
    "Rs.",
    "dirhams",
    "pounds",
    "164p",
    "1,50,000",
    "lakh",
    "crore",
    "17-thousand",
    "four-thousand-318",
    "forty-two",
    "24pc",
    "256GB",
    "+44",
    "(202)",
    "555-0100",
    "magnitude",
    "Downing Street",
    "2 500",
    "or more",
    "-plus",
    "iPhone",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => "\\PC{0,12}",
        ],
        0..60,
    )
    .prop_map(|parts| parts.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn claims_are_well_formed(text in text()) {
        let extractor = Extractor::new(&Config::builtin());
        let article = corpus::parse("p.md", text.clone());
        let claims = extractor.extract(&article);
        for c in &claims {
            prop_assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
            // The offsets cover the number as written; the number is it as
            // read, without the characters the reader does not see.
            let written = &text[c.start..c.end];
            prop_assert_eq!(corpus::clean(written.to_string(), corpus::Encoding::Utf8).0, c.number.as_str());
            prop_assert!(!written.starts_with(|ch: char| ch.is_whitespace()) && !written.ends_with(|ch: char| ch.is_whitespace()));
            if let (Some(l), Some(u)) = (c.lower, c.upper) { prop_assert!(l <= u, "{:?}", c); }
            if let (Some(v), Some(l)) = (c.value, c.lower) { prop_assert!(l <= v, "{:?}", c); }
            if let (Some(v), Some(u)) = (c.value, c.upper) { prop_assert!(v <= u, "{:?}", c); }
            // A lone carriage return ends a line too.
            let before = text[..c.start].replace("\r\n", "\n").replace('\r', "\n");
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
            prop_assert_eq!((c.line, c.column), (line, column));
        }
        // The same input, the same claims.
        prop_assert_eq!(claims, extractor.extract(&corpus::parse("p.md", text)));
    }

    #[test]
    fn the_article_loader_never_panics(text in "(---\n)?\\PC{0,200}(\n---\n)?\\PC{0,50}") {
        let a = corpus::parse("p.md", text.clone());
        prop_assert!(a.body_start <= text.len() && text.is_char_boundary(a.body_start));
    }

    #[test]
    fn the_config_loader_never_panics(text in "[a-z_:\\[\\]{}&*, \n-]{0,200}") {
        let _ = Config::parse(&text, "claims.yaml");
    }
}
