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
        let mut ser = serde_json::Serializer::with_formatter(&mut out, Pretty::default());
        serde::Serialize::serialize(report, &mut ser)?;
        std::io::Write::write_all(&mut out, b"\n")?;
        std::io::Write::flush(&mut out)
    }
}

/// serde_json's `PrettyFormatter` (two spaces), byte for byte, writing each
/// line break and its indent at once instead of a write per level (the
/// indents took a sixth of a large report's writing). A test holds the two
/// the same.
#[derive(Default)]
struct Pretty {
    level: usize,
    has_value: bool,
}

/// A line break and the deepest indent written at once.
const BREAK: &[u8; 129] = b"\n                                                                                                                                ";

fn line_break<W: ?Sized + std::io::Write>(w: &mut W, level: usize) -> std::io::Result<()> {
    match BREAK.get(..1 + 2 * level) {
        Some(b) => w.write_all(b),
        None => {
            w.write_all(b"\n")?;
            for _ in 0..level {
                w.write_all(b"  ")?;
            }
            Ok(())
        }
    }
}

impl Pretty {
    /// Opens an array or an object one level deeper.
    fn open<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    /// Starts a member of an array or an object on a line of its own.
    fn next<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        line_break(w, self.level)
    }

    /// Closes an array or an object, on a line of its own if it holds a
    /// value.
    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            line_break(w, self.level)?;
        }
        w.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.next(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.next(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_is_serde_s_pretty_output() {
        let config = crate::Config::builtin();
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let report = crate::report_paths_with(
            &[root.join("corpus"), root.join("tests/data/findings")],
            &config,
            &|_| {},
        )
        .0;
        assert!(report.groups.len() > 10);
        let mut ours = Vec::new();
        Json.write_to(&report, &mut ours).unwrap();
        let serde = serde_json::to_string_pretty(&report).unwrap() + "\n";
        assert_eq!(String::from_utf8(ours).unwrap(), serde);
        // Deeper than the indents written at once, and empty containers.
        let deep: serde_json::Value = serde_json::from_str(&format!(
            "{}{{\"a\": [], \"b\": {{}}, \"c\": [1, {{}}]}}{}",
            "[".repeat(70),
            "]".repeat(70)
        ))
        .unwrap();
        let mut ours = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut ours, Pretty::default());
        serde::Serialize::serialize(&deep, &mut ser).unwrap();
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            serde_json::to_string_pretty(&deep).unwrap()
        );
    }
}
