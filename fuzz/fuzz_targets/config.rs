//! The claims.yaml loader on any text: a config or an error, never a panic.
#![no_main]

use claimcheck::Config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = Config::parse(text, "claims.yaml");
});
