//! `report --format text`: for the terminal. A summary, then each group
//! with its headline, its members in date order (date, article, outlet,
//! source, the figure as written, the quoted sentence) and, for a
//! divergence, a word diff of the sentences that disagree. Colour only when
//! asked (the binary asks when writing to a terminal without `NO_COLOR`).

use super::diff::{self, Part};
use super::{plural, Render, Report, VERDICTS};
use crate::claim::Claim;
use crate::claim::{Frame, Status};
use crate::compare::{bounds_text, figure, Verdict};
use crate::group::Group;

/// Plain text, coloured or not.
pub struct Text {
    /// Use ANSI colours.
    pub color: bool,
}

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const CYAN: &str = "\x1b[36m";

impl Text {
    fn paint(&self, style: &str, s: &str) -> String {
        if self.color {
            format!("{style}{s}{RESET}")
        } else {
            s.to_string()
        }
    }

    fn verdict(&self, v: Verdict) -> String {
        let style = match v {
            Verdict::Diverge => RED,
            Verdict::Evolve => YELLOW,
            Verdict::Agree => GREEN,
            Verdict::Single => DIM,
        };
        self.paint(
            &format!("{BOLD}{style}"),
            &format!("{:<7}", v.as_str().to_uppercase()),
        )
    }

    fn member(&self, c: &Claim, out: &mut String) {
        let date = c
            .as_of
            .or(c.date)
            .map_or_else(|| "undated   ".to_string(), |d| d.to_string());
        let mut who = Vec::new();
        if let Some(o) = &c.outlet {
            who.push(o.clone());
        }
        if let Some(s) = &c.source {
            who.push(format!("source: {s}"));
        }
        out.push_str(&format!(
            "  {}  {}:{}:{}{}\n",
            self.paint(CYAN, &date),
            c.article,
            c.line,
            c.column,
            if who.is_empty() {
                String::new()
            } else {
                format!("  {}", who.join(" · "))
            }
        ));
        let status = match c.status {
            Some(s @ (Status::Revision | Status::Conflict)) => {
                format!(" · {}", self.paint(RED, s.as_str()))
            }
            Some(Status::Outlier) => format!(" · {}", Status::Outlier.as_str()),
            _ => String::new(),
        };
        let when = match (c.as_of, c.date) {
            (Some(a), Some(d)) if a != d => format!(" · as of {a}, published {d}"),
            _ => String::new(),
        };
        out.push_str(&format!(
            "              {} ({}, {}){status}{}\n",
            self.paint(BOLD, &figure(c)),
            c.qualifier.as_str(),
            bounds_text(c),
            self.paint(DIM, &when)
        ));
        out.push_str(&format!("              “{}”\n", c.sentence));
    }

    fn diff(&self, a: &Claim, b: &Claim, out: &mut String) {
        out.push_str(&format!(
            "  {} {}:{} → {}:{}\n              ",
            self.paint(BOLD, "diff"),
            a.article,
            a.line,
            b.article,
            b.line
        ));
        for part in diff::words(&a.sentence, &b.sentence) {
            match part {
                Part::Same(s) => out.push_str(&s),
                Part::Removed(s) if self.color => out.push_str(&self.paint(RED, &s)),
                Part::Added(s) if self.color => out.push_str(&self.paint(GREEN, &s)),
                Part::Removed(s) => out.push_str(&format!("[-{s}-]")),
                Part::Added(s) => out.push_str(&format!("{{+{s}+}}")),
            }
        }
        out.push('\n');
    }

    fn group(&self, g: &Group, out: &mut String) {
        out.push_str(&format!(
            "{} {}\n",
            self.verdict(g.verdict),
            self.paint(BOLD, &g.headline)
        ));
        let kind = match g.identity.frame {
            Frame::Tally => "running tally",
            Frame::Stock => "stock",
            Frame::Incident => "incident",
        };
        let apart = match &g.outlier_of {
            Some(id) => format!(" · outliers of {id}"),
            None => String::new(),
        };
        out.push_str(&format!(
            "        {}\n",
            self.paint(
                DIM,
                &format!(
                    "{} · {} · {kind} · {}{apart}",
                    g.key,
                    g.id,
                    plural(g.articles(), "article", "articles")
                )
            )
        ));
        for c in &g.claims {
            self.member(c, out);
        }
        for k in g.conflicts.iter().take(3) {
            let (i, j) = (k.a, k.b);
            self.diff(&g.claims[i], &g.claims[j], out);
        }
        out.push('\n');
    }
}

impl Render for Text {
    fn render(&self, report: &Report) -> String {
        let mut out = String::new();
        out.push_str(&self.paint(BOLD, "claimcheck report"));
        out.push('\n');
        out.push_str(&report.summary());
        out.push('\n');
        let counts: Vec<String> = VERDICTS
            .iter()
            .map(|&v| format!("{} {}", report.count(v), v.as_str()))
            .collect();
        out.push_str(&format!("{}\n\n", counts.join(" · ")));
        for g in report
            .groups
            .iter()
            .filter(|g| g.verdict != Verdict::Single)
        {
            self.group(g, &mut out);
        }
        let singles: Vec<&Group> = report
            .groups
            .iter()
            .filter(|g| g.verdict == Verdict::Single)
            .collect();
        if !singles.is_empty() {
            out.push_str(&format!(
                "{}\n",
                self.paint(BOLD, "Figures in one article only")
            ));
            for g in singles {
                let c = &g.claims[0];
                out.push_str(&format!(
                    "  {}  {}:{}:{}  {}\n",
                    g.headline,
                    c.article,
                    c.line,
                    c.column,
                    self.paint(DIM, &g.key)
                ));
            }
        }
        if !report.unlinked.is_empty() {
            out.push_str(&format!(
                "\n{}\n",
                self.paint(BOLD, "Unlinked: figures that fit several groups")
            ));
            for u in &report.unlinked {
                out.push_str(&format!(
                    "  {}:{}:{}  {}  {}  could join {}\n",
                    u.article,
                    u.line,
                    u.column,
                    u.number,
                    self.paint(DIM, &u.key),
                    u.candidates.join(", ")
                ));
            }
        }
        out
    }
}
