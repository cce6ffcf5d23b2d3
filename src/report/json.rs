//! `report --format json`: `{"groups": [{"key", "verdict", "cumulative",
//! "headline", "claims": [CLAIM, ...]}, ...]}`, serde's output of the
//! report data (SPEC.md).

use super::{Render, Report};

/// JSON, pretty-printed, ending in a newline.
pub struct Json;

impl Render for Json {
    fn render(&self, report: &Report) -> String {
        let mut s = serde_json::to_string_pretty(report).expect("a report serializes");
        s.push('\n');
        s
    }
}
