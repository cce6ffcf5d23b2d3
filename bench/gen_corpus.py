#!/usr/bin/env python3
"""Generate a large corpus of article-like text for claimcheck's benchmark.

Takes the bundled articles (corpus/ and tests/data/findings/) as templates
and writes files of varied text until the corpus reaches the asked size:
every number is replaced by another of similar shape, names of places and
actors are swapped, dates are moved, and paragraphs are shuffled, so that
nothing is cached trivially and the text keeps the phrasing of the
templates. The test articles of tests/data/findings/ are written dense in
figures, so the text has about 3 claims a KB, twice the news.

usage: gen_corpus.py [--seeds-only] [--no-figures] OUT_DIR SIZE_MB [SEED]

--seeds-only: the five bundled articles (corpus/) are the only templates:
the text then has the density of figures of those news articles (about
1.5 claims a KB).
--no-figures: every digit is written as `x` and every number word as a
run of `x` of its length, so the text holds no figure at all: what
claimcheck takes on it is the cost of reading and splitting the text alone.
"""
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEMPLATES = [os.path.join(ROOT, "corpus"), os.path.join(ROOT, "tests", "data", "findings")]
PLACES = ["Iraq", "Syria", "Gaza", "Israel", "Lebanon", "Yemen", "Jordan", "Ukraine", "Sudan",
          "the Red Sea", "Iran", "Egypt", "the West Bank", "Russia", "Somalia", "Libya"]
ACTORS = ["US", "Israeli", "Iranian", "Houthi", "Russian", "Ukrainian", "Hezbollah", "Hamas",
          "Sudanese", "Iraqi", "Syrian", "British", "French"]
OUTLETS = ["Reuters", "AP", "AFP", "BBC", "Al Jazeera", "The National", "Times of Israel",
           "CNN", "Newsweek", "The Guardian", "Kyiv Independent", "Washington Post"]
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
# An ISO date (a leading "date 2024-01-28" token): moved as a whole, not
# digit by digit, so that it stays a date.
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
PLACE = re.compile(r"\b(" + "|".join(re.escape(p) for p in PLACES if not p.startswith("the ")) + r")\b")
ACTOR = re.compile(r"\b(US|Israeli|Iranian|Houthi|Russian|Ukrainian|Hezbollah|Hamas)\b")
# The number words claimcheck reads without a digit (NUMBER_WORDS in
# src/extract/mod.rs), for --no-figures; the bench's claims-per-KB column
# shows 0.0 when no figure is left.
NUMBER_WORD = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|score|several|handful"
    r"|few|half)s?\b", re.IGNORECASE)


def body(path):
    text = open(path, encoding="utf-8").read()
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            text = text[end + 5:]
    return [p for p in text.split("\n\n") if p.strip()]


def vary_number(m, rng):
    s = m.group(0)
    digits = s.replace(",", "")
    if "." in digits:
        return "%.1f" % (float(digits) * rng.uniform(0.5, 1.5))
    n = int(digits)
    if 1900 <= n <= 2100 and len(digits) == 4:
        return str(rng.randint(2015, 2025))
    v = max(1, int(n * rng.uniform(0.3, 3.0)))
    return "{:,}".format(v) if "," in s or v >= 10000 else str(v)


def main():
    args = sys.argv[1:]
    seeds_only = "--seeds-only" in args
    no_figures = "--no-figures" in args
    args = [a for a in args if a not in ("--seeds-only", "--no-figures")]
    out, size_mb = args[0], float(args[1])
    rng = random.Random(int(args[2]) if len(args) > 2 else 42)
    paragraphs = []
    for folder in TEMPLATES[:1] if seeds_only else TEMPLATES:
        for name in sorted(os.listdir(folder)):
            if name.endswith(".md"):
                paragraphs.extend(body(os.path.join(folder, name)))
    os.makedirs(out, exist_ok=True)
    target = int(size_mb * 1024 * 1024)
    written, n = 0, 0
    while written < target:
        k = rng.randint(6, 30)
        chosen = [rng.choice(paragraphs) for _ in range(k)]
        text = "\n\n".join(chosen)
        # Numbers varied between the dates; each date moved whole.
        parts = ISO_DATE.split(text)
        text = "".join(
            NUMBER.sub(lambda m: vary_number(m, rng), part) if i == 0 else
            "%04d-%02d-%02d%s" % (rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28),
                                  NUMBER.sub(lambda m: vary_number(m, rng), part))
            for i, part in enumerate(parts))
        text = PLACE.sub(lambda m: rng.choice(PLACES[:9]) if rng.random() < 0.3 else m.group(0), text)
        text = ACTOR.sub(lambda m: rng.choice(ACTORS) if rng.random() < 0.3 else m.group(0), text)
        if no_figures:
            text = NUMBER_WORD.sub(lambda m: "x" * len(m.group(0)), re.sub(r"\d", "x", text))
        date = "%04d-%02d-%02d" % (rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
        head = "---\ntitle: \"Generated article %d\"\nsource: %s\ndate: %s\n---\n" % (n, rng.choice(OUTLETS), date)
        data = (head + text + "\n").encode("utf-8")
        sub = os.path.join(out, "%03d" % (n // 1000))
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, "article-%06d.md" % n), "wb") as f:
            f.write(data)
        written += len(data)
        n += 1
    print("%s: %d files, %.1f MB" % (out, n, written / 1024 / 1024))


if __name__ == "__main__":
    main()
