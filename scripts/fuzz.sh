#!/usr/bin/env bash
# Fuzz every target for SECONDS each (default 60) with cargo-fuzz, inputs up
# to 64 KiB. cargo-fuzz needs nightly features; on a stable toolchain
# RUSTC_BOOTSTRAP=1 enables them. Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
#
#   logql_parse       arbitrary text through the parser and printer
#   logql_structured  queries built from the input: deep nesting, long chains,
#                     parsed, printed, scoped and evaluated
#   line_parsers      log lines through json, unpack, logfmt and a template
#   template_source   line_format/label_format template text, parsed and run
#   query_model       the plugin's query-model JSON
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(logql_parse logql_structured line_parsers template_source query_model)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

# Seeds for the text parser: the queries in the examples and the tests.
corpus=fuzz/corpus/logql_parse
mkdir -p "$corpus"
i=0
grep -v '^#' examples/queries.logql | while IFS= read -r q; do
  [ -n "$q" ] && printf '%s' "$q" > "$corpus/example_$i" && i=$((i + 1))
done
grep -ohE 'r#"[^"]*(\\"[^"]*)*"#' tests/it/logql_syntax.rs | sed -e 's/^r#"//' -e 's/"#$//' |
  awk '{ print > ("'"$corpus"'/test_" NR) }'
# Seeds for the line parsers: lines of the example log.
mkdir -p fuzz/corpus/line_parsers
head -n 50 examples/logs/sshd.log | awk '{ print > ("fuzz/corpus/line_parsers/line_" NR) }'

export RUSTC_BOOTSTRAP=1
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  dict=()
  case "$t" in logql_parse | template_source) dict=(-dict=fuzz/logql.dict) ;; esac
  echo "== $t for ${seconds}s"
  cargo fuzz run "$t" "fuzz/corpus/$t" -- -max_total_time="$seconds" -max_len=65536 \
    -len_control=0 "${dict[@]}" -print_final_stats=1 2>&1 |
    grep -E 'stat::number_of_executed_units|stat::peak_rss|Done|ERROR|panicked|deadly' || true
  # The longest input the corpus reached.
  longest=$(find "fuzz/corpus/$t" -type f -printf '%s\n' | sort -n | tail -1)
  echo "$t: longest corpus input ${longest:-0} bytes"
  if [ "$t" = logql_structured ]; then
    # Replay the corpus once: the longest query built and the deepest parsed.
    ASKLOKI_FUZZ_REPORT=1 cargo fuzz run "$t" "fuzz/corpus/$t" -- -runs=0 2>&1 |
      awk -F'[ =]' '/^generated/ { if ($3 > b) b = $3; if ($5 > d) d = $5; if ($7 == "true") r++ }
        END { printf "logql_structured: longest query %d bytes, deepest accepted %d levels, %d refused as too deep\n", b, d, r }'
  fi
done
