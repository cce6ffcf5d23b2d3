//! `claimcheck explain`: the claims of one line as text. For each claim,
//! the figure and its key, its slots with where each came from, then the
//! group it joined (id, verdict, headline, identity), how it got there in
//! the terms of the linking (block, phase one or two, pool, outlier,
//! unlinked), the conflicts it is in and the group's other members.
//! Takes [`Explained`] claims; returns text.

use crate::claim::Claim;
use crate::compare::{bounds_text, figure};
use crate::explain::{Explained, Link};

fn member(c: &Claim) -> String {
    let date = c
        .as_of
        .or(c.date)
        .map_or_else(|| "undated".to_string(), |d| d.to_string());
    let status = c.status.map_or("-", |s| s.as_str());
    format!(
        "{}:{}:{}  {}  ({date}, {status})",
        c.article,
        c.line,
        c.column,
        figure(c)
    )
}

/// Why the claim is in its group, in a sentence or two.
fn why(e: &Explained) -> String {
    let alone = e.others.is_empty();
    match &e.link {
        Link::Unlinked(candidates) => format!(
            "unlinked: its place came from its article and it fits several groups of its block \
             ({}), so it joins none and stands alone",
            candidates.join(", ")
        ),
        Link::Outlier(of) => format!(
            "an outlier: it fit no series of group {of}, so it was taken out of it{}",
            if alone {
                ""
            } else {
                " with the other outliers that fit together"
            }
        ),
        Link::PhaseOne { place, country } => format!(
            "phase one: the sentence names its place `{place}` (country `{country}`); it is \
             grouped with the claims of its block whose sentences name the same place and start{}{}",
            if e.claim.frame == crate::claim::Frame::Incident {
                ", on overlapping dates (an incident)"
            } else {
                ""
            },
            if alone { "; none does" } else { "" }
        ),
        Link::PhaseTwo {
            place,
            from,
            joined: true,
        } => format!(
            "phase two: its place `{place}` came from the article ({from}); it joined the one \
             group of its block, formed from claims whose sentences name their place, that it \
             fits: the same place or one that contains it or lies in it, no other victims named, \
             within the group's dates"
        ),
        Link::PhaseTwo {
            place,
            from,
            joined: false,
        } => format!(
            "phase two: its place `{place}` came from the article ({from}); no group of claims \
             whose sentences name their place fits it, so it is grouped with the claims whose \
             place `{place}` came from their articles{}",
            if alone { "; there are none" } else { "" }
        ),
        Link::Pool(None) => format!(
            "the pool: it has no place, so it joins the one group of its kind it fits in time{}",
            if alone {
                "; none fits, and it stands alone in its article"
            } else {
                ""
            }
        ),
        Link::Pool(Some(place)) => format!(
            "the pool: its places `{place}` lie in several countries, so it is grouped with \
             claims of the same places{}",
            if alone { "; there are none" } else { "" }
        ),
    }
}

/// The explanation of the claims of one line.
pub fn text(found: &[Explained], color: bool) -> String {
    let bold = |s: &str| {
        if color {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    for (n, e) in found.iter().enumerate() {
        let c = e.claim;
        if n > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "{}  {}:{}:{}\n",
            bold(&format!(
                "{} ({}, {})",
                c.number,
                c.qualifier.as_str(),
                bounds_text(c)
            )),
            c.article,
            c.line,
            c.column
        ));
        out.push_str(&format!("  “{}”\n", c.sentence));
        out.push_str(&format!(
            "  key {} · measure {} · actor {} · location {}\n",
            c.key,
            c.measure,
            c.actor.as_deref().unwrap_or("-"),
            c.location.as_deref().unwrap_or("-")
        ));
        out.push_str("  slots (value, from):\n");
        let width = e.slots.iter().map(|s| s.name.len()).max().unwrap_or(0);
        for s in &e.slots {
            out.push_str(&format!(
                "    {:width$}  {}  ({})\n",
                s.name, s.value, s.from
            ));
        }
        let g = e.group;
        out.push_str(&format!(
            "  group {} · {} · {}\n",
            g.id,
            g.verdict.as_str(),
            g.headline
        ));
        let i = &g.identity;
        let opt = |v: &Option<String>| v.as_deref().unwrap_or("-").to_string();
        out.push_str(&format!(
            "    identity: measure {}, counted {}, part {}, place {}, country {}, whose {}, \
             frame {}, since {}, event {}, modality {}\n",
            i.measure,
            opt(&i.counted),
            opt(&i.part),
            opt(&i.place),
            opt(&i.country),
            opt(&i.whose),
            i.frame.as_str(),
            opt(&i.since),
            opt(&i.event),
            i.modality.as_str()
        ));
        out.push_str(&format!("    block: {}\n", e.block));
        out.push_str(&format!("    why: {}\n", why(e)));
        out.push_str(&format!(
            "    status: {}\n",
            c.status.map_or("-", |s| s.as_str())
        ));
        for (o, reason) in &e.conflicts {
            out.push_str(&format!("    conflicts with {} ({reason})\n", member(o)));
        }
        if !g.outliers.is_empty() {
            out.push_str(&format!(
                "    its outliers went to: {}\n",
                g.outliers.join(", ")
            ));
        }
        if e.others.is_empty() {
            out.push_str("    no other members\n");
        } else {
            out.push_str(&format!("    other members ({}):\n", e.others.len()));
            for o in &e.others {
                out.push_str(&format!("      {}\n", member(o)));
            }
        }
    }
    out
}
