//! `report --format html`: one self-contained page. Inline CSS and inline
//! SVG, no JavaScript, no external fonts, scripts or images, so it works
//! offline and is safe to attach to an e-mail. Every piece of article text
//! is escaped.
//!
//! At the top: what was read and a table of groups by verdict, each row
//! linking to its section. Each group: its headline, a timeline chart when
//! two or more members are dated (see `svg`), the members' table with the
//! quoted sentences, and for a divergence the word diff of the sentences
//! that disagree.

use std::fmt::Write;

use super::diff::{self, Part};
use super::svg::{self, PALETTE};
use super::{Render, Report, VERDICTS};
use crate::compare::{bounds_text, figure, Verdict};
use crate::group::Group;

/// The HTML page.
pub struct Html;

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}
h2{font-size:1.2rem;margin-top:2.2rem;border-top:1px solid #ddd;padding-top:1rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.6rem 0}
th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f5f5f5}
.verdict{display:inline-block;font-size:.75rem;font-weight:700;text-transform:uppercase;padding:.1rem .45rem;border-radius:.3rem;color:#fff;margin-right:.4rem}
.diverge{background:#c62828}.evolve{background:#b26a00}.agree{background:#2e7d32}.single{background:#757575}
.key{font-family:ui-monospace,Menlo,Consolas,monospace;color:#555;font-size:.85rem}
.legend{list-style:none;padding:0;margin:.2rem 0;font-size:.85rem}
.legend li{display:inline-block;margin-right:1rem}
.swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:50%;margin-right:.3rem;vertical-align:-.1rem}
.diff del{background:#fdd;color:#900;text-decoration:line-through}
.diff ins{background:#dfd;color:#060;text-decoration:none}
.diff{background:#fafafa;border-left:3px solid #c62828;padding:.4rem .7rem;font-size:.9rem}
figure{margin:.6rem 0}
svg{max-width:100%;height:auto}
.muted{color:#666}
";

fn verdict_badge(v: Verdict) -> String {
    format!(r#"<span class="verdict {0}">{0}</span>"#, v.as_str())
}

fn group(n: usize, g: &Group, out: &mut String) {
    let _ = write!(
        out,
        r#"<section id="g{n}"><h2>{}{}</h2><p class="key">{} · {} · {} · {} articles{}</p>"#,
        verdict_badge(g.verdict),
        escape(&g.headline),
        escape(&g.key),
        escape(&g.id),
        match g.identity.frame {
            crate::claim::Frame::Tally => "running tally",
            crate::claim::Frame::Stock => "stock",
            crate::claim::Frame::Incident => "incident",
        },
        g.articles(),
        g.outlier_of
            .as_deref()
            .map_or_else(String::new, |id| format!(" · outliers of {}", escape(id)))
    );
    // Colours by article, in order of first appearance.
    let mut articles: Vec<&str> = Vec::new();
    for c in &g.claims {
        if !articles.contains(&c.article.as_str()) {
            articles.push(&c.article);
        }
    }
    let colour = |i: usize| {
        articles
            .iter()
            .position(|a| *a == g.claims[i].article)
            .unwrap_or(0)
    };
    let mut conflicted = vec![false; g.claims.len()];
    for k in &g.conflicts {
        let (a, b) = (k.a, k.b);
        conflicted[a] = true;
        conflicted[b] = true;
    }
    if let Some(chart) = svg::chart(&g.claims, &conflicted, &colour, &g.headline) {
        out.push_str("<figure>");
        out.push_str(&chart);
        out.push_str(r#"<figcaption><ul class="legend">"#);
        for (i, a) in articles.iter().enumerate() {
            let c = g.claims.iter().find(|c| c.article == *a);
            let label = match c.and_then(|c| c.outlet.as_deref()) {
                Some(o) => format!("{o} — {a}"),
                None => (*a).to_string(),
            };
            let _ = write!(
                out,
                r#"<li><span class="swatch" style="background:{}"></span>{}</li>"#,
                PALETTE[i % PALETTE.len()],
                escape(&label)
            );
        }
        out.push_str(
            r#"</ul><span class="muted">dot: exact figure · bar: range or “about” · arrow: open bound (“more than”) · red ring: in a divergence</span></figcaption></figure>"#,
        );
    }
    out.push_str("<table><tr><th>as of</th><th>article</th><th>outlet</th><th>source</th><th>figure</th><th>bounds</th><th>status</th><th>sentence</th></tr>");
    for c in &g.claims {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}:{}:{}</td><td>{}</td><td>{}</td><td><strong>{}</strong></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            c.as_of
                .or(c.date)
                .map_or_else(|| "undated".to_string(), |d| d.to_string()),
            escape(&c.article),
            c.line,
            c.column,
            escape(c.outlet.as_deref().unwrap_or("")),
            escape(c.source.as_deref().unwrap_or("")),
            escape(&figure(c)),
            escape(&bounds_text(c)),
            c.status.map_or("", |s| s.as_str()),
            escape(&c.sentence)
        );
    }
    out.push_str("</table>");
    for k in g.conflicts.iter().take(3) {
        let (a, b) = (k.a, k.b);
        let (ca, cb) = (&g.claims[a], &g.claims[b]);
        let _ = write!(
            out,
            r#"<p class="muted">Difference, {}:{} → {}:{}</p><p class="diff">"#,
            escape(&ca.article),
            ca.line,
            escape(&cb.article),
            cb.line
        );
        for part in diff::words(&ca.sentence, &cb.sentence) {
            match part {
                Part::Same(s) => out.push_str(&escape(&s)),
                Part::Removed(s) => {
                    let _ = write!(out, "<del>{}</del>", escape(&s));
                }
                Part::Added(s) => {
                    let _ = write!(out, "<ins>{}</ins>", escape(&s));
                }
            }
        }
        out.push_str("</p>");
    }
    out.push_str("</section>\n");
}

impl Render for Html {
    fn render(&self, report: &Report) -> String {
        let mut out =
            String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.push_str("<title>claimcheck report</title>\n<style>");
        out.push_str(STYLE);
        out.push_str("</style>\n</head>\n<body>\n<h1>claimcheck report</h1>\n");
        let _ = writeln!(out, "<p>{}.</p>", escape(&report.summary()));
        out.push_str("<table><tr><th>verdict</th><th>groups</th></tr>");
        for v in VERDICTS {
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td></tr>",
                verdict_badge(v),
                report.count(v)
            );
        }
        out.push_str("</table>\n<h2>Findings</h2>\n<table><tr><th>verdict</th><th>finding</th><th>articles</th><th>key</th></tr>");
        for (n, g) in report.groups.iter().enumerate() {
            let _ = write!(
                out,
                r##"<tr><td>{}</td><td><a href="#g{n}">{}</a></td><td>{}</td><td class="key">{}</td></tr>"##,
                verdict_badge(g.verdict),
                escape(&g.headline),
                g.articles(),
                escape(&g.key)
            );
        }
        out.push_str("</table>\n");
        for (n, g) in report.groups.iter().enumerate() {
            group(n, g, &mut out);
        }
        if !report.unlinked.is_empty() {
            out.push_str("<h2>Unlinked: figures that fit several groups</h2>\n<table><tr><th>figure</th><th>key</th><th>where</th><th>could join</th></tr>");
            for u in &report.unlinked {
                let _ = write!(
                    out,
                    "<tr><td>{}</td><td class=\"key\">{}</td><td>{}:{}:{}</td><td>{}</td></tr>",
                    escape(&u.number),
                    escape(&u.key),
                    escape(&u.article),
                    u.line,
                    u.column,
                    escape(&u.candidates.join(", "))
                );
            }
            out.push_str("</table>\n");
        }
        out.push_str("</body>\n</html>\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_that_could_be_markup() {
        assert_eq!(
            escape(r#"<script>"a" & 'b'</script>"#),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
    }
}
