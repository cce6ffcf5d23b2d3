//! PLACES: what linking needs to know of a place: its country, which
//! place lies in which, and the places of a people.
//!
//! A thin layer over the world gazetteer (`crate::gazetteer`), by place
//! slug (`derna`, `libya`; `iraq+syria` is two places). A place the
//! gazetteer does not know (one a `claims.yaml` adds) is its own country
//! and lies in no other.

/// The country a place lies in (itself for a country); for a place the
/// gazetteer does not know, the place itself; `None` for a place in no
/// country (a sea, Kashmir).
pub fn country_of(place: &str) -> Option<&str> {
    if place.is_empty() {
        return None;
    }
    match crate::gazetteer::country_of(place) {
        Some(c) => Some(c),
        None if crate::gazetteer::kind_of(place).is_some() => None,
        None => Some(place),
    }
}

/// Does `whole` contain `part` (a town in its province, a province in its
/// country)? A place does not contain itself.
pub fn contains(whole: &str, part: &str) -> bool {
    crate::gazetteer::contains(whole, part)
}

/// The country of a people or of a country actor (`libya` for `libyans`'
/// actor `libya`, `palestine` for `palestinians`); `None` for an actor
/// that is no people (`un`, `hamas`).
pub fn country_of_people(actor: &str) -> Option<&'static str> {
    let places = crate::gazetteer::places_of_people(actor);
    let mut countries = places
        .iter()
        .filter_map(|p| crate::gazetteer::country_of(p));
    let first = countries.next()?;
    countries.all(|c| c == first).then_some(first)
}

/// The one place a people belongs to, if it has one (`kashmir` for
/// `kashmiris`); several (`gaza`, `west_bank` for `palestinians`) or none
/// give `None`.
pub fn place_of_people(actor: &str) -> Option<&'static str> {
    match crate::gazetteer::places_of_people(actor).as_slice() {
        [one] => Some(one),
        _ => None,
    }
}
