//! Places and peoples in extraction, through the built-in gazetteer: the
//! most specific place named, its country, the people of the place for
//! victims, names of several places, lists. Every sentence here is
//! invented.

use claimcheck::{corpus, gazetteer, Config, Extractor};

/// (number, actor, location, key) of each claim of a text.
fn claims(text: &str) -> Vec<(String, Option<String>, Option<String>, String)> {
    claims_with(&Config::builtin(), text)
}

fn claims_with(
    config: &Config,
    text: &str,
) -> Vec<(String, Option<String>, Option<String>, String)> {
    let article = corpus::parse("a.md", text.to_string());
    Extractor::new(config)
        .extract(&article)
        .into_iter()
        .map(|c| (c.number, c.actor, c.location, c.key))
        .collect()
}

fn one(text: &str) -> (Option<String>, Option<String>, String) {
    let got = claims(text);
    assert_eq!(got.len(), 1, "{text}: {got:?}");
    let (_, actor, location, key) = got.into_iter().next().unwrap();
    (actor, location, key)
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

#[test]
fn named_victims_and_the_place_are_both_kept() {
    let (actor, location, key) = one("Six Canadian engineers were injured in Mali.");
    assert_eq!((actor, location), (s("canada"), s("mali")));
    // The key keeps the people of the place for victims (LINKING.md A.1 is
    // for linking to settle).
    assert_eq!(key, "wounded/mali/mali");
}

#[test]
fn a_town_is_the_location_and_its_country_the_people() {
    let (actor, location, key) = one("The death toll in Derna rose to 5,300.");
    assert_eq!((actor, location.as_deref()), (s("libya"), Some("derna")));
    assert_eq!(key, "killed/libya/derna");
    assert_eq!(gazetteer::country_of("derna"), Some("libya"));
    let (_, location, key) = one("At least 1,400 people were killed in Israel.");
    assert_eq!(location, s("israel"));
    assert_eq!(key, "killed/israel/israel");
    let (_, location, _) = one("The quake killed 2,900 people in Al Haouz province.");
    assert_eq!(location, s("al_haouz"));
    assert!(gazetteer::contains("morocco", "al_haouz"));
    let (_, location, _) = one("Floods have killed 1,700 people in Sindh.");
    assert_eq!(location, s("sindh"));
    assert_eq!(gazetteer::country_of("sindh"), Some("pakistan"));
}

#[test]
fn a_town_and_its_region_is_the_town() {
    let (actor, location, _) = one("Some 2,200 buildings burned in Lahaina, Hawaii.");
    assert_eq!(location, s("lahaina"));
    assert!(actor.is_none() || actor == s("us"), "{actor:?}");
    assert!(gazetteer::contains("hawaii", "lahaina"));
}

#[test]
fn a_direction_is_a_part_keyed_by_its_place() {
    let (_, location, key) = one("At least 40 people were killed in eastern Libya.");
    assert_eq!(location, s("libya"));
    assert_eq!(key, "killed/libya/libya");
    assert!(gazetteer::contains("libya", "eastern_libya"));
}

/// LINKING.md A.6.
#[test]
fn lists_joined_by_ampersand_or_slash_give_every_place() {
    let (_, location, _) = one("Convoys were attacked 90 times in Mali & Niger.");
    assert_eq!(location, s("mali+niger"));
    let (_, location, _) = one("Convoys were attacked 90 times in Mali/Niger.");
    assert_eq!(location, s("mali+niger"));
}

#[test]
fn peoples_name_their_actor() {
    let (actor, _, _) = one("At least 640 Kashmiris have been killed since the curfew began.");
    assert_eq!(actor, s("kashmiris"));
    assert_eq!(gazetteer::places_of_people("kashmiris"), ["kashmir"]);
    let (actor, _, _) = one("Four Libyan fishermen were killed.");
    assert_eq!(actor, s("libya"));
    assert_eq!(
        gazetteer::places_of_people("palestinians"),
        ["gaza", "west_bank"]
    );
}

#[test]
fn names_of_several_places_take_the_default_longest_first() {
    // Niger is not Nigeria, New Mexico is not Mexico.
    let (_, location, _) = one("Floods killed 12 people in Niger.");
    assert_eq!(location, s("niger"));
    let (_, location, _) = one("Floods killed 12 people in Nigeria.");
    assert_eq!(location, s("nigeria"));
    let (_, location, _) = one("Fires killed 12 people in New Mexico.");
    assert_eq!(location, s("new_mexico"));
    assert_eq!(gazetteer::country_of("new_mexico"), Some("us"));
    let (_, location, _) = one("Fires killed 12 people in Mexico.");
    assert_eq!(location, s("mexico"));
    // The country before the US state, the capital before the smaller
    // towns.
    let (_, location, _) = one("Floods killed 12 people in Georgia.");
    assert_eq!(location, s("georgia"));
    let (_, location, _) = one("Clashes killed 12 people in Tripoli.");
    assert_eq!(
        gazetteer::country_of(location.as_deref().unwrap()),
        Some("libya")
    );
    let (_, location, _) = one("Storms killed 12 people in Jordan.");
    assert_eq!(location, s("jordan"));
    let (_, location, _) = one("Storms killed 12 people in Chad.");
    assert_eq!(location, s("chad"));
}

#[test]
fn a_name_followed_by_its_country_is_the_place_in_it() {
    let (_, location, _) = one("Clashes killed 12 people in Tripoli, Lebanon.");
    let location = location.unwrap();
    assert_eq!(
        gazetteer::country_of(&location),
        Some("lebanon"),
        "{location}"
    );
    assert_ne!(location, "lebanon", "the town, not the list");
    let (_, location, _) = one("The fire killed 85 people in Paradise, California.");
    let location = location.unwrap();
    assert!(gazetteer::contains("california", &location), "{location}");
    let (_, location, _) = one("Storms left 30 people hurt in Moscow, Idaho.");
    assert_eq!(
        location.as_deref().and_then(gazetteer::country_of),
        Some("us")
    );
}

#[test]
fn the_article_main_country_settles_a_name() {
    let text = "---\ntitle: Clashes in northern Lebanon\n---\n\
                Fighting spread across Lebanon on Monday.\n\n\
                Clashes killed 12 people in Tripoli.\n";
    let got = claims(text);
    let location = got.iter().find(|c| c.0 == "12").and_then(|c| c.2.clone());
    let location = location.expect("a location");
    assert_eq!(
        gazetteer::country_of(&location),
        Some("lebanon"),
        "{location}"
    );
    // A small town of the main country does not take a capital's name.
    let text = "---\ntitle: Storms in Idaho\n---\nStorms hit Idaho in the US.\n\n\
                Some 30 people were hurt in Moscow.\n";
    let got = claims(text);
    let location = got.iter().find(|c| c.0 == "30").and_then(|c| c.2.clone());
    assert_eq!(location, s("moscow"));
    assert_eq!(gazetteer::country_of("moscow"), Some("russia"));
}

#[test]
fn common_words_are_places_only_where_the_text_says_so() {
    // A town named Most, Police, Split or Reading is a place after "in".
    let (_, location, _) = one("Floods killed 14 people in Split.");
    assert_eq!(location, s("split"));
    let (_, location, _) = one("In Reading, 12 people were hurt.");
    assert_eq!(location, s("reading"));
    for text in [
        "Police said 14 people were killed.",
        "Most of the 14 people killed were children.",
        "Four Killed In Police Shooting, 12 hurt.",
        "Nice weather drew 3,000 people.",
        "Of the 300 dead, 40 were children.",
        "Rain of 400 millimetres fell in the Green Mountain region.",
    ] {
        for (number, _, location, _) in claims(text) {
            assert_eq!(location, None, "{text}: {number}");
        }
    }
    // Lowercase names are no places: "turkey", "china".
    let got = claims("They ate 400 turkey sandwiches on china plates.");
    assert!(got.iter().all(|c| c.2.is_none()), "{got:?}");
}

#[test]
fn us_forces_name_the_country_not_the_place() {
    let (actor, location, _) = one("Four US personnel were wounded.");
    assert_eq!((actor, location), (s("us"), None));
    let (_, location, _) = one("Storms killed 12 people in the US.");
    assert_eq!(location, s("us"));
}

#[test]
fn config_entries_extend_and_win_by_name() {
    let mut config = Config::builtin();
    // A new name for a gazetteer place, and a place of the config's own.
    config
        .locations
        .insert("derna".into(), vec!["Wadi Derna".into()]);
    config
        .locations
        .insert("camp_zeta".into(), vec!["Camp Zeta".into()]);
    // The config's alias wins over the gazetteer's place of that name.
    config
        .locations
        .insert("libya".into(), vec!["Tripoli".into()]);
    let got = claims_with(&config, "Floods killed 12 people near Wadi Derna.");
    assert_eq!(got[0].2, s("derna"));
    assert_eq!(got[0].3, "killed/libya/derna");
    let got = claims_with(&config, "Storms killed 12 people at Camp Zeta.");
    assert_eq!(got[0].2, s("camp_zeta"));
    let got = claims_with(&config, "Clashes killed 12 people in Tripoli.");
    assert_eq!(got[0].2, s("libya"));
}

#[test]
fn the_scope_of_a_ranking_is_not_the_figure_s_place() {
    let (_, location, _) = one(
        "At least 240 people died in the fire that swept through Valparaiso, the deadliest \
         blaze in Chile in decades.",
    );
    assert_eq!(location, s("valparaiso"));
    let (_, location, _) = one(
        "The storm killed 61 people in Tacloban, the worst storm in the Philippines this year.",
    );
    assert_eq!(location, s("tacloban"));
}

#[test]
fn a_sea_or_a_country_that_describes_a_settlement_is_no_place() {
    // "the Mediterranean port" is a port named elsewhere, not the sea.
    let got = claims("Rescuers say 300 residents are unaccounted for in the Mediterranean port.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].2, None, "{got:?}");
    // A province or a town before its noun names itself.
    let (_, location, _) = one("Floods have killed 1,700 people in Sindh province.");
    assert_eq!(location, s("sindh"));
}

#[test]
fn where_a_figure_was_said_is_not_its_place() {
    let got = claims("At least 900 homes collapsed, the minister told reporters in Lisbon.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].2, None, "{got:?}");
    let got = claims("Speaking in Geneva, the agency said 300 people died in Sudan.");
    assert_eq!(got[0].2, s("sudan"), "{got:?}");
}

#[test]
fn a_list_of_places_with_words_of_direction_is_one_list() {
    let got = claims("More than 900 people were killed in southern Peru and northwest Bolivia.");
    assert_eq!(got[0].2, s("bolivia+peru"), "{got:?}");
    let got = claims("The storm battered eastern Cuba and southern Haiti, killing 40 people.");
    assert_eq!(got[0].2, s("cuba+haiti"), "{got:?}");
}

#[test]
fn a_place_that_opens_the_sentence_as_its_subject_is_the_figure_s_place() {
    let (_, location, _) = one("Portugal has now lost 90,000 hectares to fire.");
    assert_eq!(location, s("portugal"));
    let (_, location, _) = one("Chile has recorded 131 deaths.");
    assert_eq!(location, s("chile"));
    // "has" of another verb: the subject owns the reservists, it is not
    // where they are.
    let (_, location, _) = one("Israel has called up 360,000 army reservists.");
    assert_eq!(location, None);
}
