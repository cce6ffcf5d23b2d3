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
    let kind = match g.identity.frame {
        crate::claim::Frame::Tally => "running tally",
        crate::claim::Frame::Stock => "stock",
        crate::claim::Frame::Incident => "incident",
    };
    let apart = match &g.outlier_of {
        Some(id) => format!(" · outliers of `{id}`"),
        None => String::new(),
    };
    out.push_str(&format!("`{}` · `{}` · {kind}{apart}\n\n", g.key, g.id));
    out.push_str("| as of | article | outlet | source | figure | bounds | status | sentence |\n");
    out.push_str("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for c in &g.claims {
        out.push_str(&format!(
            "| {} | {}:{} | {} | {} | **{}** | {} | {} | {} |\n",
            c.as_of
                .or(c.date)
                .map_or_else(|| "undated".to_string(), |d| d.to_string()),
            cell(&c.article),
            c.line,
            cell(c.outlet.as_deref().unwrap_or("")),
            cell(c.source.as_deref().unwrap_or("")),
            cell(&figure(c)),
            cell(&bounds_text(c)),
            c.status.map_or("", |s| s.as_str()),
            cell(&c.sentence)
        ));
    }
    out.push('\n');
    for k in g.conflicts.iter().take(3) {
        let (i, j) = (k.a, k.b);
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
        if !report.unlinked.is_empty() {
            out.push_str(
                "\n## Unlinked: figures that fit several groups\n\n| figure | key | where | could join |\n| --- | --- | --- | --- |\n",
            );
            for u in &report.unlinked {
                out.push_str(&format!(
                    "| {} | `{}` | {}:{} | {} |\n",
                    cell(&u.number),
                    u.key,
                    cell(&u.article),
                    u.line,
                    u.candidates
                        .iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
        out
    }
}
