#!/usr/bin/env bash
# Template-mining throughput: askloki's Miner vs Drain3, on the same input.
#
#   scripts/bench_mining.sh
#
# Environment:
#   CARGO_TARGET_DIR  build dir (default $HOME/.cache/askloki-target); the
#                     Drain3 venv lives in $CARGO_TARGET_DIR/drain3-venv
#   LOGHUB_DIR        Loghub samples (default <repo>/../shared/loghub)
#   BENCH_REPEAT      how many times the six Content columns are repeated
#                     (default 25 -> 300,000 messages)
#   BENCH_CARGO_FLAGS extra cargo flags (default --locked)
#
# Installs nothing globally: drain3 goes into a venv under the target dir.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/askloki-target}"
LOGHUB_DIR="${LOGHUB_DIR:-$ROOT/../shared/loghub}"
REPEAT="${BENCH_REPEAT:-25}"
VENV="$CARGO_TARGET_DIR/drain3-venv"
WORK="$CARGO_TARGET_DIR/bench-mining"
INPUT="$WORK/mixed_messages.txt"
mkdir -p "$WORK"

echo "== building mine_throughput (release)"
# shellcheck disable=SC2086
(cd "$ROOT" && cargo build --release ${BENCH_CARGO_FLAGS---locked} --example mine_throughput)
BIN="$CARGO_TARGET_DIR/release/examples/mine_throughput"

echo "== preparing Drain3 venv in $VENV"
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import drain3' 2>/dev/null; then
    "$VENV/bin/pip" install --quiet --disable-pip-version-check drain3
fi

echo "== generating input from $LOGHUB_DIR (x$REPEAT)"
python3 - "$LOGHUB_DIR" "$REPEAT" "$INPUT" <<'PY'
import csv, os, sys
src, repeat, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
msgs = []
for d in ["Apache", "BGL", "HDFS", "Linux", "OpenSSH", "OpenStack"]:
    p = os.path.join(src, d, f"{d}_2k.log_structured.csv")
    with open(p, newline="", encoding="utf-8") as f:
        msgs += [r["Content"].replace("\r", " ").replace("\n", " ") for r in csv.DictReader(f)]
with open(out, "w", encoding="utf-8") as f:
    for _ in range(repeat):
        for m in msgs:
            f.write(m + "\n")
print(f"{len(msgs) * repeat} messages -> {out}")
PY

echo "== askloki Miner"
OURS_OUT="$("$BIN" "$INPUT")"
echo "$OURS_OUT"
OURS="$(sed -n 's/.*messages_per_second=\([0-9]*\).*/\1/p' <<<"$OURS_OUT")"

echo "== Drain3 TemplateMiner (default config, no persistence)"
DRAIN_OUT="$("$VENV/bin/python" - "$INPUT" <<'PY'
import logging, sys, time
logging.disable(logging.CRITICAL)
from drain3 import TemplateMiner
from drain3.template_miner_config import TemplateMinerConfig
with open(sys.argv[1], encoding="utf-8") as f:
    lines = f.read().splitlines()
config = TemplateMinerConfig()  # defaults; no config file, no persistence
miner = TemplateMiner(persistence_handler=None, config=config)
start = time.perf_counter()
for line in lines:
    miner.add_log_message(line)
secs = time.perf_counter() - start
print(f"messages={len(lines)} templates={len(miner.drain.clusters)} "
      f"mine_seconds={secs:.3f} messages_per_second={len(lines) / secs:.0f}")
PY
)"
echo "$DRAIN_OUT"
DRAIN="$(sed -n 's/.*messages_per_second=\([0-9]*\).*/\1/p' <<<"$DRAIN_OUT")"

echo
printf '%-22s %14s\n' "miner" "messages/s"
printf '%-22s %14s\n' "askloki" "$OURS"
printf '%-22s %14s\n' "drain3" "$DRAIN"
python3 -c "import sys; o, d = int(sys.argv[1]), int(sys.argv[2]); print(f'ratio askloki/drain3: {o / d:.1f}x')" "$OURS" "$DRAIN"
