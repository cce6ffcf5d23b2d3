#!/usr/bin/env bash
# claimcheck's benchmark: speed and memory of `extract` and `report` on
# generated corpora of several sizes, next to a plain scan for digits
# (`grep -rc '[0-9]'`) over the same files, measured in the same run.
#
# usage: bench/run.sh [SIZE_MB ...]        (default: 10 100 400)
#        BENCH_RUNS=5 bench/run.sh          runs of each command (default 3)
#        NEWS_SIZES="100" bench/run.sh      sizes of the news-density rows
#                                           (default 100; "" for none)
#        BARE_SIZES="100" bench/run.sh      sizes of the rows without figures
#                                           (default 100; "" for none)
#        QUANTULUM=1 bench/run.sh 10        also time quantulum3 (pip, in a venv)
#
# Corpora are generated once under target/bench/ (bench/gen_corpus.py) and
# reused:
# - the main rows (`corpus-SIZE`) take their paragraphs from the bundled
#   articles and the test articles, and are dense in figures (about 3.1
#   claims a KB);
# - the `news` rows (`news-SIZE`) take them from the five bundled articles
#   only, and have the density of those news articles (about 1.5 a KB);
# - the `no figures` rows (`bare-SIZE`) are the news rows' text with every
#   digit and number word written as `x`: the cost of reading and splitting
#   the text alone.
# Figures: wall time (s, the best of BENCH_RUNS runs), throughput (MB/s of
# article text, MB = 2^20 bytes), peak resident memory (MB, the largest of
# the runs, from /usr/bin/time), claims per KB, and the time relative to
# grep.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/claimcheck
data=${BENCH_DIR:-target/bench}
mkdir -p "$data"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10 100 400)

runs=${BENCH_RUNS:-3}
measure() { # prints "seconds peak_kb" for a command, its stdout dropped:
  # the best time and the largest peak of $runs runs (a shared machine's
  # noise only ever adds time)
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$data/time.txt" "$@" > /dev/null
    cat "$data/time.txt"
  done | awk 'NR == 1 || $1 < t { t = $1 } $2 > m { m = $2 } END { print t, m }'
}

printf '%8s %7s %5s | %8s %8s %8s | %8s %8s %8s | %8s %7s\n' \
  size files cl/KB extract_s MB/s peak_MB report_s MB/s peak_MB grep_s ratio
row() { # one row of figures for the corpus in $1
  local dir=$1 label=$2
  files=$(find "$dir" -name '*.md' | wc -l)
  bytes=$(du -sb "$dir" --apparent-size | cut -f1)
  real_mb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b/1048576}')
  find "$dir" -name '*.md' -exec cat {} + > /dev/null   # warm the page cache
  claims=$("$bin" extract "$dir" --format jsonl --quiet | wc -l)
  read -r gs _ < <(measure grep -rc '[0-9]' "$dir")
  read -r es ek < <(measure "$bin" extract "$dir" --format jsonl --quiet)
  read -r rs rk < <(measure "$bin" report "$dir" --format json --quiet)
  awk -v mb="$real_mb" -v f="$files" -v es="$es" -v ek="$ek" -v rs="$rs" -v rk="$rk" -v gs="$gs" \
      -v d="$(awk -v c="$claims" -v b="$bytes" 'BEGIN {printf "%.1f", c*1024/b}')" -v label="$label" 'BEGIN {
    # Times are read to 0.01 s: a zero is taken as that.
    g = (gs > 0 ? gs : 0.01); e = (es > 0 ? es : 0.01); r = (rs > 0 ? rs : 0.01)
    printf "%7.1fM %7d %5s | %8.2f %8.1f %8.0f | %8.2f %8.1f %8.0f | %8.2f %6.1fx%s\n",
      mb, f, d, es, mb / e, ek / 1024, rs, mb / r, rk / 1024, gs, es / g, (label == "" ? "" : " " label) }'
}
for mb in "${sizes[@]}"; do
  dir="$data/corpus-$mb"
  [ -d "$dir" ] || python3 bench/gen_corpus.py "$dir" "$mb" "$mb" > /dev/null
  row "$dir" ""
done
for mb in ${NEWS_SIZES-100}; do
  dir="$data/news-$mb"
  [ -d "$dir" ] || python3 bench/gen_corpus.py --seeds-only "$dir" "$mb" "$mb" > /dev/null
  row "$dir" news
done
for mb in ${BARE_SIZES-100}; do
  dir="$data/bare-$mb"
  [ -d "$dir" ] || python3 bench/gen_corpus.py --seeds-only --no-figures "$dir" "$mb" "$mb" > /dev/null
  row "$dir" "no figures"
done

if [ "${QUANTULUM:-0}" = 1 ]; then
  venv="$data/venv"
  [ -x "$venv/bin/python" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet quantulum3; }
  sample="$data/quantulum-sample.txt"
  find "$data/corpus-${sizes[0]}" -name '*.md' | sort | head -200 | xargs cat > "$sample"
  "$venv/bin/python" - "$sample" <<'PY'
import sys, time
from quantulum3 import parser
text = open(sys.argv[1], encoding="utf-8").read()
t = time.time()
n = sum(len(parser.parse(p)) for p in text.split("\n\n") if p.strip())
s = time.time() - t
mb = len(text.encode()) / 1048576
print("quantulum3: %.2f MB in %.1f s = %.3f MB/s (%d quantities)" % (mb, s, mb / s, n))
PY
  /usr/bin/time -f "claimcheck extract on the same sample: %e s" "$bin" extract "$sample" --format jsonl --quiet > /dev/null
fi
