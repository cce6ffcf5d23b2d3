//! A small SVG timeline chart for a group: time on the x axis, the figure
//! on the y axis, each claim drawn with its bounds.
//!
//! Written by hand rather than with a plotting crate: the chart is one
//! kind, the output must be byte-identical run to run and safe to inline
//! in an e-mail (no scripts, no fonts, no external references), and the
//! crates that do this well pull in rendering back ends we do not need.
//! An exact figure is a dot, a range or "about" a bar with caps, an open
//! bound ("more than") an arrow, and a claim in a divergence has a red
//! ring. Colours follow the article, in the order of the legend.

use std::fmt::Write;

use super::html::escape;
use crate::claim::{Claim, Qualifier};

/// Colours for articles, distinguishable and readable on white.
pub const PALETTE: [&str; 8] = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
];

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

/// A tick label for a figure: `2,500`, `9k`, `12.5k`, `1.2M`, `3B`.
pub fn tick_label(v: f64) -> String {
    let short = |x: f64, unit: &str| {
        let s = format!("{x:.1}");
        format!("{}{unit}", s.trim_end_matches('0').trim_end_matches('.'))
    };
    let a = v.abs();
    if a >= 1e9 {
        short(v / 1e9, "B")
    } else if a >= 1e6 {
        short(v / 1e6, "M")
    } else if a >= 1e4 {
        short(v / 1e3, "k")
    } else if v.fract() == 0.0 {
        let digits = format!("{}", v.abs() as i64);
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if v < 0.0 {
            format!("-{out}")
        } else {
            out
        }
    } else {
        format!("{v:.1}")
    }
}

/// A "nice" step (1, 2 or 5 times a power of ten) for about `n` ticks up
/// to `max`.
fn nice_step(max: f64, n: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let raw = max / n;
    let power = 10f64.powf(raw.log10().floor());
    let f = raw / power;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    (nice * power).max(1.0)
}

/// The chart for claims that have dates; `conflicted[i]` marks claims in a
/// divergence; `colour(i)` is the article colour index of claim `i`.
/// `None` if fewer than two claims are dated.
pub fn chart(
    claims: &[Claim],
    conflicted: &[bool],
    colour: &dyn Fn(usize) -> usize,
    title: &str,
) -> Option<String> {
    let dated: Vec<(usize, &Claim)> = claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.as_of.or(c.date).is_some())
        .collect();
    if dated.len() < 2 {
        return None;
    }
    let days: Vec<i64> = dated
        .iter()
        .filter_map(|(_, c)| c.as_of.or(c.date).map(|d| d.days()))
        .collect();
    let (d0, d1) = (*days.iter().min()?, *days.iter().max()?);
    let pad = ((d1 - d0) as f64 * 0.06).max(1.0);
    let (x0, x1) = (d0 as f64 - pad, d1 as f64 + pad);
    // The top of the y axis: above every bound, and room for open bounds.
    let mut top: f64 = 0.0;
    for (_, c) in &dated {
        let high = c.upper.or(c.value).or(c.lower).unwrap_or(0.0);
        top = top.max(if c.upper.is_none() { high * 1.35 } else { high });
    }
    if !top.is_finite() || top > 1e15 {
        return None;
    }
    let step = nice_step(top * 1.05, 5.0);
    let y_max = (top * 1.05 / step).ceil().max(1.0) * step;
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |day: f64| LEFT + (day - x0) / (x1 - x0) * plot_w;
    let y = |v: f64| TOP + plot_h - (v / y_max).clamp(0.0, 1.0) * plot_h;

    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{}" font-family="sans-serif" font-size="11">"#,
        escape(title)
    );
    let _ = write!(s, "<title>{}</title>", escape(title));
    // Axes and grid.
    let mut v = 0.0;
    while v <= y_max + step / 2.0 {
        let yy = y(v);
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" y1="{yy:.1}" x2="{:.1}" y2="{yy:.1}" stroke="#e5e5e5"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#444">{}</text>"##,
            WIDTH - RIGHT,
            LEFT - 6.0,
            yy + 4.0,
            tick_label(v)
        );
        v += step;
    }
    let _ = write!(
        s,
        r##"<line x1="{LEFT}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#888"/><line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{:.1}" stroke="#888"/>"##,
        TOP + plot_h,
        WIDTH - RIGHT,
        TOP + plot_h,
        TOP + plot_h
    );
    // Date ticks: the first and last day, and evenly between.
    let ticks = if d1 == d0 { 1 } else { 4 };
    for i in 0..=ticks {
        let day = if ticks == 1 && d1 == d0 {
            d0
        } else {
            d0 + ((d1 - d0) as f64 * i as f64 / ticks as f64).round() as i64
        };
        let xx = x(day as f64);
        let label = crate::corpus::Date::from_days(day).to_string();
        let _ = write!(
            s,
            r##"<line x1="{xx:.1}" y1="{:.1}" x2="{xx:.1}" y2="{:.1}" stroke="#888"/><text x="{xx:.1}" y="{:.1}" text-anchor="middle" fill="#444">{label}</text>"##,
            TOP + plot_h,
            TOP + plot_h + 5.0,
            TOP + plot_h + 18.0
        );
        if d1 == d0 {
            break;
        }
    }
    // Claims on the same day are set a little apart.
    let mut seen: Vec<i64> = Vec::new();
    for (i, c) in &dated {
        let day = c.as_of.or(c.date).map_or(0, |d| d.days());
        let same = seen.iter().filter(|&&d| d == day).count() as f64;
        seen.push(day);
        let xx = x(day as f64) + same * 9.0;
        let color = PALETTE[colour(*i) % PALETTE.len()];
        let tip = format!(
            "{} — {} ({})",
            c.date.map(|d| d.to_string()).unwrap_or_default(),
            crate::compare::figure(c),
            c.article
        );
        let _ = write!(s, "<g><title>{}</title>", escape(&tip));
        let point = c.value.or(c.lower).unwrap_or(0.0);
        match (c.lower, c.upper) {
            (Some(l), Some(u)) if (u - l).abs() < f64::EPSILON => {
                let _ = write!(
                    s,
                    r#"<circle cx="{xx:.1}" cy="{:.1}" r="5" fill="{color}"/>"#,
                    y(l)
                );
            }
            (Some(l), Some(u)) => {
                let (yl, yu) = (y(l), y(u));
                let _ = write!(
                    s,
                    r#"<line x1="{xx:.1}" y1="{yl:.1}" x2="{xx:.1}" y2="{yu:.1}" stroke="{color}" stroke-width="3"/><line x1="{:.1}" y1="{yl:.1}" x2="{:.1}" y2="{yl:.1}" stroke="{color}" stroke-width="2"/><line x1="{:.1}" y1="{yu:.1}" x2="{:.1}" y2="{yu:.1}" stroke="{color}" stroke-width="2"/>"#,
                    xx - 5.0,
                    xx + 5.0,
                    xx - 5.0,
                    xx + 5.0
                );
                if let Some(v) = c.value.filter(|_| c.qualifier != Qualifier::Vague) {
                    let _ = write!(
                        s,
                        r#"<circle cx="{xx:.1}" cy="{:.1}" r="3.5" fill="{color}"/>"#,
                        y(v)
                    );
                }
            }
            (Some(l), None) => {
                // An open upper bound: an arrow up from the lower bound.
                let (yl, yt) = (y(l), y(l * 1.3).min(y(l) - 24.0).max(TOP + 6.0));
                let _ = write!(
                    s,
                    r#"<line x1="{xx:.1}" y1="{yl:.1}" x2="{xx:.1}" y2="{yt:.1}" stroke="{color}" stroke-width="3"/><polygon points="{:.1},{:.1} {:.1},{:.1} {xx:.1},{:.1}" fill="{color}"/><circle cx="{xx:.1}" cy="{yl:.1}" r="4" fill="{color}"/>"#,
                    xx - 5.0,
                    yt + 2.0,
                    xx + 5.0,
                    yt + 2.0,
                    yt - 7.0
                );
            }
            _ => {
                let _ = write!(
                    s,
                    r#"<circle cx="{xx:.1}" cy="{:.1}" r="5" fill="{color}"/>"#,
                    y(point)
                );
            }
        }
        if conflicted.get(*i).copied().unwrap_or(false) {
            let _ = write!(
                s,
                r##"<circle cx="{xx:.1}" cy="{:.1}" r="9" fill="none" stroke="#c00" stroke-width="2"/>"##,
                y(point)
            );
        }
        s.push_str("</g>");
    }
    s.push_str("</svg>");
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_labels_are_readable() {
        assert_eq!(tick_label(2500.0), "2,500");
        assert_eq!(tick_label(9000.0), "9,000");
        assert_eq!(tick_label(9_000_000.0), "9M");
        assert_eq!(tick_label(12_500.0), "12.5k");
        assert_eq!(tick_label(1_200_000.0), "1.2M");
        assert_eq!(tick_label(0.0), "0");
    }

    #[test]
    fn steps_are_nice() {
        assert_eq!(nice_step(10_000.0, 5.0), 2000.0);
        assert_eq!(nice_step(170.0, 5.0), 50.0);
        assert_eq!(nice_step(3.0, 5.0), 1.0);
    }
}
