//! The output of `claimcheck check`: diagnostics in the style of the Rust
//! compiler (text), `{"version": 2, "problems": [...]}` (json), and SARIF 2.1.0 for code
//! scanning (sarif).

use serde_json::{json, Value};

use crate::check::{Kind, Problem};

/// Diagnostics for people: where, the line with the figure underlined, what
/// it conflicts with, and how to accept it.
pub fn text(problems: &[Problem], color: bool) -> String {
    let paint = |style: &str, s: &str| {
        if color {
            format!("{style}{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    for p in problems {
        let width = p.line.to_string().len();
        let pad = " ".repeat(width);
        out.push_str(&format!(
            "{}: {}\n",
            paint("\x1b[1;31m", &format!("error[{}]", p.kind.id())),
            paint("\x1b[1m", &format!("{} ({})", p.message, p.key))
        ));
        out.push_str(&format!(
            "{pad}{} {}:{}:{}\n",
            paint("\x1b[1;34m", "-->"),
            p.article,
            p.line,
            p.column
        ));
        if !p.line_text.is_empty() {
            let bar = paint("\x1b[1;34m", "|");
            out.push_str(&format!("{pad} {bar}\n"));
            out.push_str(&format!(
                "{} {bar} {}\n",
                paint("\x1b[1;34m", &p.line.to_string()),
                p.line_text
            ));
            let (col, len) = p.span;
            // Tabs stay tabs, so the carets line up under the number.
            let lead: String = p
                .line_text
                .chars()
                .take(col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            out.push_str(&format!(
                "{pad} {bar} {}{}\n",
                lead,
                paint("\x1b[1;31m", &"^".repeat(len.max(1)))
            ));
        }
        let eq = paint("\x1b[1;34m", "=");
        if let Some(f) = &p.fact {
            out.push_str(&format!("{pad} {eq} pinned: {} = {f}\n", p.key));
        }
        for o in &p.conflicts {
            let mut who = Vec::new();
            if let Some(d) = o.date {
                who.push(d.to_string());
            }
            if let Some(s) = &o.outlet {
                who.push(s.clone());
            }
            if let Some(s) = &o.source {
                who.push(format!("source: {s}"));
            }
            let who = if who.is_empty() {
                String::new()
            } else {
                format!(" ({})", who.join(", "))
            };
            out.push_str(&format!(
                "{pad} {eq} conflicts with: {} at {}:{}:{}{who}\n",
                o.figure, o.article, o.line, o.column
            ));
        }
        let help = match p.kind {
            Kind::ContradictsFact => format!(
                "correct the figure, change the fact `{}` in claims.yaml, or add `{}` on the line before",
                p.key,
                crate::check::IGNORE
            ),
            Kind::Divergence => {
                let base = p.key.split('@').next().unwrap_or(&p.key);
                format!(
                    "if the difference is known, accept it in claims.yaml:\n{pad}   accepted:\n{pad}     - key: {base}\n{pad}       reason: \"...\""
                )
            }
        };
        out.push_str(&format!("{pad} {eq} help: {help}\n\n"));
    }
    let n = problems.len();
    if n > 0 {
        out.push_str(&format!(
            "{}\n",
            paint(
                "\x1b[1;31m",
                &format!("{n} problem{} found", if n == 1 { "" } else { "s" })
            )
        ));
    } else {
        out.push_str("no problems found\n");
    }
    out
}

/// `{"version": 2, "problems": [...]}`.
pub fn json(problems: &[Problem]) -> String {
    #[derive(serde::Serialize)]
    struct Problems<'a> {
        version: u32,
        problems: &'a [Problem],
    }
    let doc = Problems {
        version: super::JSON_VERSION,
        problems,
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("problems serialize");
    s.push('\n');
    s
}

/// SARIF 2.1.0, one run, one result a problem.
pub fn sarif(problems: &[Problem]) -> String {
    let kinds = [Kind::ContradictsFact, Kind::Divergence];
    let rules: Vec<Value> = kinds
        .iter()
        .map(|k| {
            let (short, full) = match k {
                Kind::ContradictsFact => (
                    "A figure contradicts a pinned fact",
                    "The figure's bounds do not overlap the value pinned for its key in claims.yaml.",
                ),
                Kind::Divergence => (
                    "Articles disagree on a figure",
                    "Two articles give figures for the same quantity that cannot both be right, and claims.yaml does not accept the difference.",
                ),
            };
            json!({
                "id": k.id(),
                "name": k.id(),
                "shortDescription": { "text": short },
                "fullDescription": { "text": full },
                "defaultConfiguration": { "level": "error" },
            })
        })
        .collect();
    let results: Vec<Value> = problems
        .iter()
        .map(|p| {
            let index = kinds.iter().position(|k| *k == p.kind).unwrap_or(0);
            let related: Vec<Value> = p
                .conflicts
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    json!({
                        "id": i,
                        "message": { "text": format!("{} here", o.figure) },
                        "physicalLocation": {
                            "artifactLocation": { "uri": uri(&o.article) },
                            "region": { "startLine": o.line.max(1), "startColumn": o.column.max(1) },
                        },
                    })
                })
                .collect();
            let mut result = json!({
                "ruleId": p.kind.id(),
                "ruleIndex": index,
                "level": "error",
                "message": { "text": format!("{} ({})", p.message, p.key) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&p.article) },
                        "region": {
                            "startLine": p.line.max(1),
                            "startColumn": p.column.max(1),
                            "endColumn": p.column.max(1) + p.span.1,
                            "snippet": { "text": p.number },
                        },
                    },
                }],
                "partialFingerprints": {
                    "claimcheck/v1": format!("{}|{}|{}|{}", p.kind.id(), p.article, p.key, p.number),
                },
            });
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "claimcheck",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&log).expect("sarif serializes");
    s.push('\n');
    s
}

/// A relative file path as a URI reference: forward slashes, spaces and
/// other reserved characters percent-encoded.
fn uri(path: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path);
    let mut out = String::new();
    for b in path.replace('\\', "/").bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
