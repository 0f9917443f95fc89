#!/usr/bin/env bash
# The main job, on the embedded default: build askloki and run it on the
# example queries the project ships (no Loki, no Grafana, no LLM needed).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/askloki-target}"
cargo build --release --locked --quiet
askloki="$CARGO_TARGET_DIR/release/askloki"

echo "Canonical forms of examples/queries.logql:"
grep -v '^#' examples/queries.logql | while IFS= read -r query; do
  [ -n "$query" ] || continue
  "$askloki" logql fmt "$query"
done

echo
echo "Keeping a query inside the datasource scope {namespace=\"prod\"}:"
"$askloki" logql fmt --scope '{namespace="prod"}' 'sum by (app) (rate({app=~"api|web"} |= "error" [5m]))'

echo
echo "Invalid queries are refused with Loki's error and position:"
"$askloki" logql check 'sum(rate({app="api"} |= "error" [5m]) by (host)' || true
"$askloki" logql check 'sum(rate({app="api"} |= "error" [5m]) by (host))' || true
