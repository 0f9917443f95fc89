#!/usr/bin/env bash
# The main job, on the embedded default: build askloki and ask questions of a
# log file the project ships, in plain language and in LogQL (no Loki, no
# Grafana, no LLM).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/askloki-target}"
cargo build --release --locked --quiet
askloki="$CARGO_TARGET_DIR/release/askloki"
store="$CARGO_TARGET_DIR/demo-store"
# Pretty-print Loki's JSON when python3 is around; raw otherwise.
pretty() { if command -v python3 >/dev/null; then python3 -m json.tool --indent 1; else cat; fi; }

for question in \
  "which IPs failed SSH logins most often?" \
  "how many accepted logins were there?" \
  "when did the first accepted login happen?" \
  "what errors happened in the last hour?"; do
  echo "== askloki ask \"$question\""
  "$askloki" ask --data examples/logs/sshd.log --labels '{app="sshd", host="web1"}' "$question"
  echo
done

echo "== Ingest examples/logs/sshd.log into an embedded store"
"$askloki" ingest examples/logs/sshd.log --labels '{app="sshd", host="web1"}' --out "$store"

echo
echo "== Which IPs failed SSH logins most often? (instant query at the newest entry)"
"$askloki" logql query --data "$store" --time latest \
  'topk(3, sum by (ip) (count_over_time({app="sshd"} |= "Failed password" | regexp "from (?P<ip>\\S+) port" [1d])))' | pretty

echo
echo "== Failed logins per hour (range query; Loki's JSON body)"
"$askloki" logql query --data "$store" --step 1h \
  'sum(count_over_time({app="sshd"} |= "Failed password" [1h]))' | pretty

echo
echo "== The three latest accepted logins, reformatted"
"$askloki" logql query --data "$store" --limit 3 \
  '{app="sshd"} |= "Accepted" | pattern "<_> Accepted <method> for <user> from <ip> port <_>" | line_format "{{.user}} from {{.ip}} ({{.method}})"' | pretty

echo
echo "== The templates these logs are made of, with the LogQL that selects each"
"$askloki" index --data "$store" --out "$CARGO_TARGET_DIR/demo-knowledge"
"$askloki" templates list "$CARGO_TARGET_DIR/demo-knowledge" | head -n 12

echo
echo "== Every query is checked first: an invalid one is refused with Loki's error and position"
"$askloki" logql query --data "$store" 'sum(rate({app="sshd"} |= "error" [5m]) by (host)' || true

echo
echo "== Queries are kept inside the datasource scope {namespace=\"prod\"}"
"$askloki" logql fmt --scope '{namespace="prod"}' 'sum by (app) (rate({app=~"api|web"} |= "error" [5m]))'
