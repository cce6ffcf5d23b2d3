//! The number and qualifier extractor on any text: no panic, and every
//! claim well formed (bounds in order, offsets covering the number).
#![no_main]

use claimcheck::{corpus, Config, Extractor};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| Extractor::new(&Config::builtin()))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let article = corpus::parse("fuzz.md", text.to_string());
    for c in extractor().extract(&article) {
        assert_eq!(&text[c.start..c.end], c.number);
        if let (Some(l), Some(u)) = (c.lower, c.upper) {
            assert!(l <= u);
        }
    }
});
