#!/usr/bin/env bash
# Benchmark the embedded engine against grep and ripgrep on the same file,
# in one run.
#
#   scripts/bench_engine.sh [BYTES]        (default 1000000000, ~1 GB)
#
# Generates realistic logfmt access logs, ingests them into a store, then
# times `count_over_time(... |= literal ...)` over all of it against
# `LC_ALL=C grep -c -F literal` and `rg -c -F literal`, the three
# alternating within each round (page cache warm; median of BENCH_ROUNDS,
# default 5), reports parser-heavy queries in lines/s (median of
# BENCH_PARSER_ROUNDS, default 3) and resident memory against the raw
# bytes, and a count per client IP (high cardinality) against
# `sort | uniq -c` on the extracted column. Needs GNU time (/usr/bin/time)
# and ripgrep (rg); both are installed with apt-get when missing. On a shared machine single timings
# vary: compare the ratios of one run, not figures across runs.
#
# BENCH_EXTRA_BINS="label=path ...": other askloki builds timed on the same
# query in the same rounds (e.g. the static one in dist/), each with its
# own ratio to grep:
#   BENCH_EXTRA_BINS="musl+mimalloc=dist/askloki_linux_amd64" scripts/bench_engine.sh 300000000
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/askloki-target}"
BYTES="${1:-1000000000}"
DIR="${BENCH_DIR:-$CARGO_TARGET_DIR/bench}"
mkdir -p "$DIR"
if [ ! -x /usr/bin/time ] || ! command -v rg >/dev/null; then
  apt-get update -qq && apt-get install -y -qq time ripgrep >/dev/null
fi
ROUNDS="${BENCH_ROUNDS:-5}"
PARSER_ROUNDS="${BENCH_PARSER_ROUNDS:-3}"
cargo() { # under flock on $ASKLOKI_CARGO_LOCK when set (a shared machine)
  if [ -n "${ASKLOKI_CARGO_LOCK:-}" ]; then flock "$ASKLOKI_CARGO_LOCK" cargo "$@"; else command cargo "$@"; fi
}

cargo build --release --locked --bin askloki --example gen_logs
BIN="$CARGO_TARGET_DIR/release/askloki"
GEN="$CARGO_TARGET_DIR/release/examples/gen_logs"

LOG="$DIR/app-$BYTES.log"
if [ ! -s "$LOG" ]; then
  echo "generating $BYTES bytes of logs into $LOG"
  "$GEN" logfmt "$BYTES" > "$LOG"
fi
RAW=$(stat -c %s "$LOG")
LINES=$(wc -l < "$LOG")

STORE="$DIR/store-$BYTES"
/usr/bin/time -f "%e %M" -o "$DIR/ingest.time" \
  "$BIN" ingest "$LOG" --labels '{app="x"}' --out "$STORE" 2> "$DIR/ingest.log"
read -r INGEST_S INGEST_KB < "$DIR/ingest.time"

cat "$LOG" > /dev/null # warm the page cache for both tools
LITERAL="upstream connection refused"
QUERY="sum(count_over_time({app=\"x\"} |= \"$LITERAL\" [30d]))"
AT="2024-05-31T00:00:00Z" # the generated data starts 2024-05-01

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timeit() { # prints seconds; stdout of the command to $DIR/out
  /usr/bin/time -f "%e %M" -o "$DIR/t" "$@" > "$DIR/out"
  cat "$DIR/t"
}

: > "$DIR/grep.times"; : > "$DIR/rg.times"; : > "$DIR/askloki.times"
EXTRA=(${BENCH_EXTRA_BINS:-})
for i in "${!EXTRA[@]}"; do : > "$DIR/extra$i.times"; done
for _ in $(seq "$ROUNDS"); do
  timeit env LC_ALL=C grep -c -F "$LITERAL" "$LOG" >> "$DIR/grep.times"
  GREP_COUNT=$(cat "$DIR/out")
  timeit rg -c -F "$LITERAL" "$LOG" >> "$DIR/rg.times"
  RG_COUNT=$(cat "$DIR/out")
  timeit "$BIN" logql query --data "$STORE" --time "$AT" "$QUERY" >> "$DIR/askloki.times"
  OURS=$(sed -E 's/.*"value":\[[0-9.]+,"([0-9]+)"\].*/\1/' "$DIR/out")
  for i in "${!EXTRA[@]}"; do
    timeit "${EXTRA[$i]#*=}" logql query --data "$STORE" --time "$AT" "$QUERY" >> "$DIR/extra$i.times"
    THEIRS=$(sed -E 's/.*"value":\[[0-9.]+,"([0-9]+)"\].*/\1/' "$DIR/out")
    [ "$THEIRS" = "$OURS" ] || { echo "count mismatch: ${EXTRA[$i]%%=*} $THEIRS, askloki $OURS"; exit 1; }
  done
done
[ "$GREP_COUNT" = "$OURS" ] || { echo "count mismatch: grep $GREP_COUNT, askloki $OURS"; exit 1; }
[ "$RG_COUNT" = "$OURS" ] || { echo "count mismatch: rg $RG_COUNT, askloki $OURS"; exit 1; }
GREP_S=$(awk '{print $1}' "$DIR/grep.times" | median)
RG_S=$(awk '{print $1}' "$DIR/rg.times" | median)
OURS_S=$(awk '{print $1}' "$DIR/askloki.times" | median)
QUERY_KB=$(awk '{print $2}' "$DIR/askloki.times" | sort -n | tail -1)

# JSON lines for the json parser: a tenth of the size, its own store.
JSON_LOG="$DIR/app-$BYTES.json.log"
[ -s "$JSON_LOG" ] || "$GEN" json $((BYTES / 10)) > "$JSON_LOG"
JSON_LINES=$(wc -l < "$JSON_LOG")
JSON_STORE="$DIR/store-json-$BYTES"
"$BIN" ingest "$JSON_LOG" --labels '{app="j"}' --out "$JSON_STORE" 2> /dev/null

# High cardinality: one count per client IP (about a million distinct IPs
# in 150 MB of logs, more in more) against `sort | uniq -c` on the same
# column, extracted beforehand; time and peak memory, medians.
COL="$DIR/app-$BYTES.ip"
[ -s "$COL" ] || grep -oE ' ip=[^ ]+' "$LOG" | cut -c5- > "$COL"
DISTINCT=$(LC_ALL=C sort -u "$COL" | wc -l)
HC_QUERY='sum by (ip) (count_over_time({app="x"} | logfmt [30d]))'
: > "$DIR/uniq.times"; : > "$DIR/hc.times"
for _ in $(seq "$PARSER_ROUNDS"); do
  timeit sh -c "LC_ALL=C sort '$COL' | uniq -c" >> "$DIR/uniq.times"
  timeit "$BIN" logql query --max-series 1000000000 --data "$STORE" --time "$AT" "$HC_QUERY" >> "$DIR/hc.times"
  HC_SERIES=$(grep -o '"metric"' "$DIR/out" | wc -l)
  [ "$HC_SERIES" = "$DISTINCT" ] || { echo "series mismatch: askloki $HC_SERIES, sort -u $DISTINCT"; exit 1; }
done
UNIQ_S=$(awk '{print $1}' "$DIR/uniq.times" | median)
UNIQ_KB=$(awk '{print $2}' "$DIR/uniq.times" | median)
HC_S=$(awk '{print $1}' "$DIR/hc.times" | median)
HC_KB=$(awk '{print $2}' "$DIR/hc.times" | median)

parser_query() { # name store lines query: one row per build, medians
  local bins=("askloki=$BIN" "${EXTRA[@]}") times=() s
  for b in "${!bins[@]}"; do times[b]=""; done
  for _ in $(seq "$PARSER_ROUNDS"); do
    for b in "${!bins[@]}"; do
      timeit "${bins[$b]#*=}" logql query --data "$2" --time "$AT" "$4" > /dev/null
      times[b]+="$(awk '{print $1}' "$DIR/t") "
    done
  done
  for b in "${!bins[@]}"; do
    s=$(echo "${times[$b]}" | tr ' ' '\n' | grep . | median)
    printf '| %s | %s | `%s` | %s s | %s lines/s |\n' "$1" "${bins[$b]%%=*}" "$4" "$s" \
      "$(awk -v n="$3" -v s="$s" 'BEGIN {printf "%.2fM", n / s / 1e6}')"
  done
}

echo
echo "## Embedded engine benchmark ($(nproc) cores, $RAW bytes, $LINES lines)"
echo
echo "| measure | value |"
echo "|---|---|"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
echo "| grep -c -F (median of $ROUNDS) | ${GREP_S} s |"
echo "| rg -c -F (median of $ROUNDS) | ${RG_S} s |"
echo "| askloki count_over_time \|= (median of $ROUNDS) | ${OURS_S} s |"
echo "| **ratio askloki / grep** | $(ratio "$OURS_S" "$GREP_S") (target <= 1.1) |"
echo "| **ratio askloki / rg** | $(ratio "$OURS_S" "$RG_S") (target <= 1.1) |"
for i in "${!EXTRA[@]}"; do
  X_S=$(awk '{print $1}' "$DIR/extra$i.times" | median)
  echo "| ${EXTRA[$i]%%=*} count_over_time \|= (median of $ROUNDS) | ${X_S} s |"
  echo "| **ratio ${EXTRA[$i]%%=*} / grep, / rg** | $(ratio "$X_S" "$GREP_S"), $(ratio "$X_S" "$RG_S") |"
done
echo "| matching lines (all tools) | $OURS |"
echo "| query resident memory / raw bytes | $(awk -v k="$QUERY_KB" -v r="$RAW" 'BEGIN {printf "%.2f", k * 1024 / r}') (target <= 1.5) |"
echo "| ingest time | ${INGEST_S} s ($(awk -v r="$RAW" -v s="$INGEST_S" 'BEGIN {printf "%.0f", r / s / 1e6}') MB/s) |"
echo "| ingest peak resident memory / raw bytes | $(awk -v k="$INGEST_KB" -v r="$RAW" 'BEGIN {printf "%.2f", k * 1024 / r}') |"
echo
echo "| high cardinality: $DISTINCT distinct IPs (median of $PARSER_ROUNDS) | time | peak memory |"
echo "|---|---|---|"
echo "| \`LC_ALL=C sort \| uniq -c\` on the extracted ip column | ${UNIQ_S} s | $((UNIQ_KB / 1024)) MiB |"
echo "| askloki \`$HC_QUERY\` (--max-series raised) | ${HC_S} s | $((HC_KB / 1024)) MiB |"
echo "| **ratio askloki / sort \| uniq -c** | $(ratio "$HC_S" "$UNIQ_S") (target <= 2) | $(ratio "$HC_KB" "$UNIQ_KB") (target < 1) |"
echo
echo "| parser-heavy query (median of $PARSER_ROUNDS, $(nproc) cores; target >= 3M lines/s) | build | LogQL | time | throughput |"
echo "|---|---|---|---|---|"
parser_query "regex filter" "$STORE" "$LINES" 'sum(count_over_time({app="x"} |~ "status=5[0-9]{2}" [30d]))'
parser_query "logfmt + filter" "$STORE" "$LINES" 'sum(count_over_time({app="x"} | logfmt | status >= 500 [30d]))'
parser_query "pattern + unwrap" "$STORE" "$LINES" 'sum by (method) (sum_over_time({app="x"} | pattern "<_> level=<level> method=<method> path=<path> status=<status> took=<took>ms <_>" | unwrap took [30d]))'
parser_query "regexp + by label" "$STORE" "$LINES" 'sum by (status) (count_over_time({app="x"} | regexp "status=(?P<status>[0-9]+)" [30d]))'
parser_query "json + filter" "$JSON_STORE" "$JSON_LINES" 'sum(count_over_time({app="j"} | json | status >= 500 [30d]))'
parser_query "json + unwrap" "$JSON_STORE" "$JSON_LINES" 'avg_over_time({app="j"} | json | unwrap took_ms [30d]) by (method)'
