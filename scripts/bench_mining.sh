#!/usr/bin/env bash
# Template-mining throughput: askloki's Miner vs Drain3, on the same messages,
# in one run, set by set: each of the six Loghub samples, their mix, and the
# generated sets of eval/mining/gen_mining.py (dev and held-out). For each
# set the two miners run back to back on the same file, so the ratio holds
# on a busy machine even where absolute rates drift.
#
#   scripts/bench_mining.sh
#
# Environment:
#   CARGO_TARGET_DIR  build dir (default $HOME/.cache/askloki-target)
#   DRAIN3_VENV       a venv with drain3 (default /tmp/drain3-venv if it has
#                     drain3, else $CARGO_TARGET_DIR/drain3-venv, created here)
#   LOGHUB_DIR        Loghub samples (default <repo>/../shared/loghub)
#   BENCH_REPEAT      how many times each set's Content column is repeated
#                     (default 25: 50,000 messages a set, 300,000 in the mix)
#   BENCH_SETS        which sets (default "loghub mix generated")
#   BENCH_CARGO_FLAGS extra cargo flags (default --locked)
#   BENCH_NO_BUILD=1  use the mine_throughput already built
#   BENCH_RUNS        runs of each miner per set, alternating; the best rate
#                     of each is kept (default 3: on a shared machine one run
#                     can lose half its speed to a neighbour)
#
# Installs nothing globally: drain3 lives in a venv.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/askloki-target}"
LOGHUB_DIR="${LOGHUB_DIR:-$ROOT/../shared/loghub}"
REPEAT="${BENCH_REPEAT:-25}"
RUNS="${BENCH_RUNS:-3}"
SETS="${BENCH_SETS:-loghub mix generated}"
WORK="$CARGO_TARGET_DIR/bench-mining"
mkdir -p "$WORK"

if [ -z "${DRAIN3_VENV:-}" ]; then
    if /tmp/drain3-venv/bin/python -c 'import drain3' 2>/dev/null; then
        DRAIN3_VENV=/tmp/drain3-venv
    else
        DRAIN3_VENV="$CARGO_TARGET_DIR/drain3-venv"
    fi
fi

if [ -z "${BENCH_NO_BUILD:-}" ]; then
    echo "== building mine_throughput (release)"
    # shellcheck disable=SC2086
    (cd "$ROOT" && cargo build --release ${BENCH_CARGO_FLAGS---locked} --example mine_throughput)
fi
BIN="$CARGO_TARGET_DIR/release/examples/mine_throughput"

echo "== Drain3 venv: $DRAIN3_VENV"
if [ ! -x "$DRAIN3_VENV/bin/python" ]; then
    python3 -m venv "$DRAIN3_VENV"
fi
if ! "$DRAIN3_VENV/bin/python" -c 'import drain3' 2>/dev/null; then
    "$DRAIN3_VENV/bin/pip" install --quiet --disable-pip-version-check drain3
fi

echo "== writing message sets (Content columns x$REPEAT) to $WORK"
if [[ " $SETS " == *" generated "* ]]; then
    python3 "$ROOT/eval/mining/gen_mining.py" "$WORK/generated" >/dev/null
fi
python3 - "$LOGHUB_DIR" "$WORK" "$REPEAT" "$SETS" <<'PY'
import csv, glob, os, sys
loghub, work, repeat, sets = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].split()

def content(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [r["Content"].replace("\r", " ").replace("\n", " ") for r in csv.DictReader(f)]

def write(name, msgs):
    with open(os.path.join(work, name + ".txt"), "w", encoding="utf-8") as f:
        for _ in range(repeat):
            for m in msgs:
                f.write(m + "\n")

names = []
six = ["Apache", "BGL", "HDFS", "Linux", "OpenSSH", "OpenStack"]
mix = []
for d in six:
    msgs = content(os.path.join(loghub, d, f"{d}_2k.log_structured.csv"))
    mix += msgs
    if "loghub" in sets:
        write(d, msgs)
        names.append(d)
if "mix" in sets:
    write("Loghub-mix", mix)
    names.append("Loghub-mix")
if "generated" in sets:
    for p in sorted(glob.glob(os.path.join(work, "generated", "*", "*", "*_2k.log_structured.csv"))):
        name = os.path.basename(os.path.dirname(p))
        write(name, content(p))
        names.append(name)
with open(os.path.join(work, "sets"), "w") as f:
    f.write("\n".join(names) + "\n")
PY

DRAIN_PY="$WORK/drain3_rate.py"
cat >"$DRAIN_PY" <<'PY'
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

rate() { sed -n 's/.*messages_per_second=\([0-9]*\).*/\1/p' <<<"$1"; }
field() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" <<<"$2"; }

echo
printf '%-14s %9s %11s %11s %7s %9s %9s\n' set messages askloki/s drain3/s ratio templates drain3_tpl
SUMMARY="$WORK/summary.tsv"
: >"$SUMMARY"
while read -r name; do
    [ -n "$name" ] || continue
    input="$WORK/$name.txt"
    ours=0
    drain=0
    for _ in $(seq "$RUNS"); do
        out="$("$BIN" "$input")"
        if [ "$(rate "$out")" -gt "$ours" ]; then ours="$(rate "$out")"; ours_out="$out"; fi
        out="$("$DRAIN3_VENV/bin/python" "$DRAIN_PY" "$input")"
        if [ "$(rate "$out")" -gt "$drain" ]; then drain="$(rate "$out")"; drain_out="$out"; fi
    done
    ratio="$(python3 -c "import sys; print(f'{int(sys.argv[1]) / int(sys.argv[2]):.1f}x')" "$ours" "$drain")"
    printf '%-14s %9s %11s %11s %7s %9s %9s\n' "$name" "$(field messages "$ours_out")" "$ours" "$drain" "$ratio" \
        "$(field templates "$ours_out")" "$(field templates "$drain_out")"
    printf '%s\t%s\t%s\n' "$name" "$ours" "$drain" >>"$SUMMARY"
done <"$WORK/sets"

python3 - "$SUMMARY" <<'PY'
import sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().splitlines() if l]
ours = [int(r[1]) for r in rows]
ratios = [int(r[1]) / int(r[2]) for r in rows]
slow = min(range(len(rows)), key=lambda i: ours[i])
print()
print(f"askloki: slowest set {rows[slow][0]} {ours[slow] / 1e6:.2f} M messages/s; "
      f"{sum(o >= 1_000_000 for o in ours)} of {len(rows)} sets at >= 1 M/s")
print(f"ratio askloki/drain3: min {min(ratios):.1f}x, median {sorted(ratios)[len(ratios) // 2]:.1f}x")
PY
