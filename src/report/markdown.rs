//! `report --format markdown`: the same findings as tables, fit for a pull
//! request comment or a fact-check memo. Article text is escaped so that it
//! cannot break a table.

use super::diff::{self, Part};
use super::{Render, Report, VERDICTS};
use crate::compare::{bounds_text, figure, Verdict};
use crate::group::Group;

/// GitHub-flavoured Markdown.
pub struct Markdown;

/// Escapes text for a table cell.
fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn group(g: &Group, out: &mut String) {
    let title = match g.verdict {
        Verdict::Diverge => "Diverge",
        Verdict::Evolve => "Evolve",
        Verdict::Agree => "Agree",
        Verdict::Single => "Single",
    };
    out.push_str(&format!("### {title}: {}\n\n", cell(&g.headline)));
    let kind = if g.cumulative {
        "running tally"
    } else {
        "stock"
    };
    out.push_str(&format!("`{}` · {kind}\n\n", g.key));
    out.push_str("| date | article | outlet | source | figure | bounds | sentence |\n");
    out.push_str("| --- | --- | --- | --- | --- | --- | --- |\n");
    for c in &g.claims {
        out.push_str(&format!(
            "| {} | {}:{} | {} | {} | **{}** | {} | {} |\n",
            c.date
                .map_or_else(|| "undated".to_string(), |d| d.to_string()),
            cell(&c.article),
            c.line,
            cell(c.outlet.as_deref().unwrap_or("")),
            cell(c.source.as_deref().unwrap_or("")),
            cell(&figure(c)),
            cell(&bounds_text(c)),
            cell(&c.sentence)
        ));
    }
    out.push('\n');
    for &(i, j) in g.conflicts.iter().take(3) {
        let (a, b) = (&g.claims[i], &g.claims[j]);
        out.push_str(&format!(
            "Difference, {}:{} → {}:{}:\n\n> ",
            cell(&a.article),
            a.line,
            cell(&b.article),
            b.line
        ));
        for part in diff::words(&a.sentence, &b.sentence) {
            match part {
                Part::Same(s) => out.push_str(&cell(&s)),
                Part::Removed(s) => out.push_str(&format!("~~{}~~", cell(s.trim()))),
                Part::Added(s) => out.push_str(&format!("**{}**", cell(s.trim()))),
            }
        }
        out.push_str("\n\n");
    }
}

impl Render for Markdown {
    fn render(&self, report: &Report) -> String {
        let mut out = String::from("# claimcheck report\n\n");
        out.push_str(&format!("{}.\n\n", report.summary()));
        out.push_str("| verdict | groups |\n| --- | --- |\n");
        for v in VERDICTS {
            out.push_str(&format!("| {} | {} |\n", v.as_str(), report.count(v)));
        }
        out.push('\n');
        let (multi, singles): (Vec<&Group>, Vec<&Group>) = report
            .groups
            .iter()
            .partition(|g| g.verdict != Verdict::Single);
        if !multi.is_empty() {
            out.push_str("## Across articles\n\n");
            for g in multi {
                group(g, &mut out);
            }
        }
        if !singles.is_empty() {
            out.push_str(
                "## In one article only\n\n| figure | key | where |\n| --- | --- | --- |\n",
            );
            for g in singles {
                let c = &g.claims[0];
                out.push_str(&format!(
                    "| {} | `{}` | {}:{} |\n",
                    cell(&g.headline),
                    g.key,
                    cell(&c.article),
                    c.line
                ));
            }
        }
        out
    }
}
