//! `report --format json`: `{"version": 2, "groups": [{"key", "id",
//! "verdict", "cumulative", "headline", "identity", "claims": [CLAIM, ...],
//! "conflicts", "outliers", "outlier_of"}, ...], "unlinked": [...]}`,
//! serde's output of the report data (docs/SPEC.md,
//! docs/schemas/report.schema.json).

use super::{Render, Report};

/// JSON, pretty-printed, ending in a newline.
pub struct Json;

impl Render for Json {
    fn render(&self, report: &Report) -> String {
        let mut s = serde_json::to_string_pretty(report).expect("a report serializes");
        s.push('\n');
        s
    }

    fn write_to(&self, report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
        serde_json::to_writer_pretty(&mut out, report)?;
        std::io::Write::write_all(&mut out, b"\n")?;
        std::io::Write::flush(&mut out)
    }
}
