//! `claimcheck measures`: the measures, actors and places of the
//! configuration in effect, each with its words, so that a user can see
//! why a figure is counted as it is. Takes a [`Config`]; returns text.

use crate::config::{Config, Measure, Role};

/// Does entry `name` with these words match `filter` (in its name or one
/// of its words, case-insensitively)? No filter matches everything.
fn matches<'a>(
    filter: Option<&str>,
    name: &str,
    words: impl IntoIterator<Item = &'a String>,
) -> bool {
    let Some(filter) = filter else { return true };
    let filter = filter.to_lowercase();
    name.to_lowercase().contains(&filter)
        || words
            .into_iter()
            .any(|w| w.to_lowercase().contains(&filter))
}

fn words(list: &[String]) -> String {
    if list.is_empty() {
        "-".to_string()
    } else {
        list.join(", ")
    }
}

fn measure(name: &str, m: &Measure, out: &mut String) {
    let role = match m.actor {
        Role::Owner => "owner",
        Role::Victim => "victim",
        Role::Target => "target",
        Role::Agent => "agent",
    };
    let mut traits = vec![
        if m.cumulative {
            "cumulative".to_string()
        } else {
            "not cumulative".to_string()
        },
        format!("frame {}", m.default_frame().as_str()),
        format!("actor: the {role}"),
    ];
    if m.people {
        traits.push("counts people".to_string());
    }
    out.push_str(&format!("  {name}  ({})\n", traits.join(", ")));
    for (label, list) in [
        ("nouns", &m.nouns),
        ("before", &m.before),
        ("after", &m.after),
        ("times", &m.times),
    ] {
        if !list.is_empty() {
            out.push_str(&format!("    {label}: {}\n", words(list)));
        }
    }
}

/// The listing: measures, then actors, then places, each section with how
/// many entries it has (and how many match the filter).
pub fn text(config: &Config, filter: Option<&str>) -> String {
    let mut out = String::new();
    let source = match &config.file {
        Some(f) if config.extends_builtin => format!(
            "{} merged over the built-in defaults",
            crate::corpus::show_path(f)
        ),
        Some(f) => format!("{} alone (defaults: false)", crate::corpus::show_path(f)),
        None => "the built-in defaults".to_string(),
    };
    out.push_str(&format!("# the configuration in effect: {source}\n"));
    if let Some(f) = filter {
        out.push_str(&format!(
            "# only the entries with `{f}` in their name or words\n"
        ));
    }
    let shown = |n: usize, total: usize| {
        if filter.is_some() {
            format!("{n} of {total}")
        } else {
            total.to_string()
        }
    };
    let measures: Vec<(&String, &Measure)> = config
        .measures
        .iter()
        .filter(|(name, m)| {
            matches(
                filter,
                name,
                m.nouns
                    .iter()
                    .chain(&m.before)
                    .chain(&m.after)
                    .chain(&m.times),
            )
        })
        .collect();
    out.push_str(&format!(
        "\nmeasures ({}): what a number counts\n",
        shown(measures.len(), config.measures.len())
    ));
    for (name, m) in &measures {
        measure(name, m, &mut out);
    }
    for (title, what, map) in [
        ("actors", "whose, or who acted", &config.actors),
        ("places", "where", &config.locations),
    ] {
        let entries: Vec<(&String, &Vec<String>)> = map
            .iter()
            .filter(|(name, aliases)| matches(filter, name, aliases.iter()))
            .collect();
        out.push_str(&format!(
            "\n{title} ({} in the configuration): {what}\n",
            shown(entries.len(), map.len())
        ));
        for (name, aliases) in entries {
            out.push_str(&format!("  {name}: {}\n", words(aliases)));
        }
    }
    if !config.no_gazetteer {
        let g = crate::gazetteer::get();
        out.push_str(&format!(
            "\nand the world gazetteer, not listed here: {} places and {} peoples and countries (data/gazetteer/README.md)\n",
            g.all().count(),
            g.actors().len()
        ));
    }
    out
}
