#!/usr/bin/env bash
# Runs the CLI over the repo's fixtures and writes each command's stdout,
# stderr and exit code under OUT_DIR: diff two runs to show that a
# refactor left the CLI's output byte-identical.
#   scripts/cli_snapshot.sh BIN OUT_DIR
set -uo pipefail
BIN=${1:?usage: cli_snapshot.sh BIN OUT_DIR}
OUT=${2:?usage: cli_snapshot.sh BIN OUT_DIR}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOG=$ROOT/examples/logs/sshd.log
mkdir -p "$OUT"
n=0
run() { # one snapshot per command
  n=$((n + 1))
  "$BIN" "$@" >"$OUT/$n.out" 2>"$OUT/$n.err"
  echo "$? $*" >"$OUT/$n.cmd"
}
while IFS= read -r q; do
  case "$q" in '#'* | '') continue ;; esac
  run logql fmt "$q"
  run logql facts "$q"
done <"$ROOT/examples/queries.logql"
run logql check '{app="sshd"} |= "x" | json | status >= 500'
run logql check 'sum(rate({app="x"}[5m])'
run logql query --data "$LOG" --start 2026-03-03T00:00:00Z --end 2026-03-04T00:00:00Z '{app="sshd"} |= "Failed password" | regexp "from (?P<ip>\\S+) port"'
run logql query --data "$LOG" --start 2026-03-03T00:00:00Z --end 2026-03-04T00:00:00Z 'topk(3, sum by (ip) (count_over_time({app="sshd"} |= "Failed password" | regexp "from (?P<ip>\\S+) port" [1h])))'
run templates mine "$LOG"
run analyze parse --data "$LOG"
run analyze anomalies --data "$LOG"
run analyze explain --data "$LOG" "$(sed -n 1p "$LOG")"
run ask --data "$LOG" --json "how many failed passwords?"
run ask --data "$LOG" --json "which ip failed most?"
run ask --data "$LOG" --json "when was the first accepted login?"
echo "$n commands -> $OUT"
