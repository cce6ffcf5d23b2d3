//! The article loader (front matter, leading date token) on any text.
#![no_main]

use claimcheck::corpus;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let article = corpus::parse("fuzz.md", text.to_string());
    assert!(text.is_char_boundary(article.body_start));
});
