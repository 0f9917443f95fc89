#!/usr/bin/env bash
# Fuzz the LogQL parser and printer for SECONDS (default 60) with cargo-fuzz.
# cargo-fuzz needs nightly features; on a stable toolchain RUSTC_BOOTSTRAP=1
# enables them. Seeds come from the queries in tests/ and examples/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
corpus=fuzz/corpus/logql_parse
mkdir -p "$corpus"
i=0
grep -v '^#' examples/queries.logql | while IFS= read -r q; do
  [ -n "$q" ] && printf '%s' "$q" > "$corpus/example_$i" && i=$((i + 1))
done
grep -ohE 'r#"[^"]*(\\"[^"]*)*"#' tests/logql_syntax.rs | sed -e 's/^r#"//' -e 's/"#$//' |
  awk '{ print > ("'"$corpus"'/test_" NR) }'
export RUSTC_BOOTSTRAP=1
cargo fuzz run logql_parse "$corpus" -- -max_total_time="$seconds" -max_len=512
