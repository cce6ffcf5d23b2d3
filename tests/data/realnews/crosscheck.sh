#!/usr/bin/env bash
# Holds the Rust port of score.py and pairs.py (tests/it/realnews/) equal to
# the two scripts: both score the same claimcheck JSON documents, with and
# without --show 20, and every line they print must be the same.
#
# The documents: today's `claimcheck report --format json` on corpus/, a
# perfect report built from the gold, and seeded random changes to both
# (spans moved, values, bounds, qualifiers, measures and dates changed,
# claims moved between groups, groups split and merged, verdicts and flags
# changed, claims dropped or repeated, fields outside the scored contract
# added). Needs python3 with PyYAML.
#
# Usage, from anywhere: bash tests/data/realnews/crosscheck.sh [COUNT]
# (COUNT random documents of each kind, default 6).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cd "$root"
count=${1:-6}

python3 -c 'import yaml' 2>/dev/null || {
  echo "crosscheck: python3 with PyYAML is needed (pip install pyyaml)" >&2
  exit 2
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/docs"

cargo build --quiet
cargo test --quiet --test it --no-run
bin=${CARGO_TARGET_DIR:-target}/debug/claimcheck
"$bin" report --format json --quiet tests/data/realnews/corpus >"$tmp/docs/today.json"

python3 - "$here" "$tmp/docs" "$count" <<'PY'
import copy, json, os, random, sys

here, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.dont_write_bytecode = True
sys.path.insert(0, here)
import score, pairs  # noqa: E402

corpus, gold_dir = os.path.join(here, "corpus"), os.path.join(here, "gold")
arts = score.load_corpus(corpus)
gold = score.load_gold(gold_dir, arts, "")
expected = score.load_expected(gold_dir, "")
idx = {}
for gi, g in enumerate(gold):
    idx.setdefault((g["article"], g["quote"]), []).append(gi)


def claim(gi):
    g = gold[gi]
    date = arts[g["article"]]["meta"].get("date")
    return {"number": g["number"], "value": g["value"], "lower": g["lower"], "upper": g["upper"],
            "qualifier": g["qualifier"], "measure": g["measure"],
            "article": "tests/data/realnews/corpus/" + g["article"] + ".md",
            "date": None if date is None else str(date), "start": g["gs"], "end": g["ge"]}


groups, owned = [], set()
for eg in expected:
    ms = []
    for gi in pairs.members_of(eg, gold, idx):
        if gi not in ms:
            ms.append(gi)
    owned.update(ms)
    groups.append({"key": eg["id"], "verdict": eg["verdict"], "cumulative": bool(eg.get("cumulative")),
                   "claims": [claim(gi) for gi in ms]})
for gi in range(len(gold)):
    if gi not in owned:
        groups.append({"key": f"single/{gi}", "verdict": "single", "cumulative": False, "claims": [claim(gi)]})
perfect = {"groups": groups}
today = json.load(open(os.path.join(out, "today.json")))


def mutate(doc, rng):
    doc = copy.deepcopy(doc)
    gs = doc["groups"]
    for g in gs:
        for c in g["claims"]:
            r = rng.random()
            if r < 0.05:
                c["start"], c["end"] = 0, 3
            elif r < 0.15:
                d = rng.randint(-4, 4)
                c["start"] += d
                c["end"] += d + rng.randint(-1, 3)
            if rng.random() < 0.15:
                k = rng.choice(["value", "lower", "upper"])
                v = c.get(k)
                c[k] = rng.choice([None, 0, 100, 1000.5] + ([] if v is None else [v * 1.005, v * 1.02, v + 1, v - 1]))
            if rng.random() < 0.1:
                c["qualifier"] = rng.choice(["exact", "more_than", "less_than", "at_least", "about", "range", None])
            if rng.random() < 0.1:
                c["measure"] = rng.choice(["killed", "other", "people_other", None])
            if rng.random() < 0.1:
                c["date"] = rng.choice([None, "2023-09-01", "2023-08-20", "soon", "2023-13-01", "20230915"])
            if rng.random() < 0.1:
                c.update({"change": "up", "currency": "USD", "frame": "tally", "as_of": "2023-09-01",
                          "status": rng.choice(["consistent", "revision", "outlier"])})
    # Groups changed among the largest, where the findings are.
    big = sorted(range(len(gs)), key=lambda i: -len(gs[i]["claims"]))[:12]
    for _ in range(rng.randint(0, 6)):  # a claim moved to another group
        a, b = rng.randrange(len(gs)), rng.choice(big)
        if gs[a]["claims"]:
            gs[b]["claims"].append(gs[a]["claims"].pop(rng.randrange(len(gs[a]["claims"]))))
    for _ in range(rng.randint(0, 2)):  # a group split in two
        a = rng.randrange(len(gs))
        cs = gs[a]["claims"]
        if len(cs) > 1:
            cut = rng.randrange(1, len(cs))
            gs.append(dict(gs[a], key=gs[a]["key"] + "/b", claims=cs[cut:]))
            gs[a]["claims"] = cs[:cut]
    for _ in range(rng.randint(0, 2)):  # two groups merged
        a, b = rng.choice(big), rng.choice(big)
        if a != b:
            gs[a]["claims"] += gs[b]["claims"]
            gs[b]["claims"] = []
    for g in gs:
        if rng.random() < 0.15:
            g["verdict"] = rng.choice(["agree", "evolve", "diverge", "single", None])
        if rng.random() < 0.1:
            g["cumulative"] = not g.get("cumulative")
        if rng.random() < 0.05 and g["claims"]:
            g["claims"].pop(rng.randrange(len(g["claims"])))
        if rng.random() < 0.05 and g["claims"]:
            g["claims"].append(copy.deepcopy(rng.choice(g["claims"])))
        if rng.random() < 0.2:
            g.update({"id": "g", "identity": {"measure": "killed"}, "conflicts": [], "outliers": []})
    rng.shuffle(gs)
    doc["unlinked"] = []
    doc["version"] = 2
    return doc


docs = {"perfect": perfect}
for i in range(count):
    docs[f"today_{i}"] = mutate(today, random.Random(i))
    docs[f"perfect_{i}"] = mutate(perfect, random.Random(1000 + i))
for name, doc in docs.items():
    with open(os.path.join(out, name + ".json"), "w") as f:
        json.dump(doc, f)
PY

# The block a scorer printed in the Rust test's output.
block() { sed -n "/^=== realnews: $1 ===\$/,/^=== realnews: /p" "$2" | sed '1d;$d'; }

n=0
failed=0
for doc in "$tmp"/docs/*.json; do
  for show in 0 20; do
    args=(--corpus "$here/corpus" --gold "$here/gold" --pred "$doc")
    [ "$show" = 0 ] || args+=(--show "$show")
    python3 "$here/score.py" "${args[@]}" >"$tmp/py_score"
    python3 "$here/pairs.py" "${args[@]}" >"$tmp/py_pairs"
    REALNEWS_PRED=$doc REALNEWS_SHOW=$show cargo test --quiet --test it \
      realnews::development_set_figures_and_floors -- --exact --nocapture \
      >/dev/null 2>"$tmp/rust"
    block score.py "$tmp/rust" >"$tmp/rs_score"
    block pairs.py "$tmp/rust" >"$tmp/rs_pairs"
    for s in score pairs; do
      if ! diff -u "$tmp/py_$s" "$tmp/rs_$s" >"$tmp/diff"; then
        echo "crosscheck: $s.py and the Rust port differ on $(basename "$doc") (show $show):"
        cat "$tmp/diff"
        failed=$((failed + 1))
      fi
    done
    n=$((n + 1))
  done
done
if [ "$failed" -gt 0 ]; then
  echo "crosscheck: $failed of $((2 * n)) comparisons differ"
  exit 1
fi
echo "crosscheck: $n scorings of $(ls "$tmp"/docs | wc -l) documents, score.py and pairs.py equal to the Rust port line for line"
