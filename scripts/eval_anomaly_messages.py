#!/usr/bin/env python3
"""Score AskLoki's per-line anomaly detector on the hand-labelled message sets.

The sets live in eval/anomaly/{dev,dev-extra,heldout}.tsv (LABEL<TAB>MESSAGE, LABEL 1 =
abnormal, 0 = normal); see eval/anomaly/README.md for the labelling policy.

Usage:
  python3 scripts/eval_anomaly_messages.py [--bin PATH] [--set dev|dev-extra|heldout|both]
                                           [--threshold-sweep] [--baseline]

For each set the messages are written one per line to a temp file and
  askloki analyze anomalies --data TMPFILE --labels '{app="mixed"}' --per-line
is run.  The binary must print one JSON object per input line:
  {"line": N, "anomalous": bool, "score": X}      (N is the 1-based input line)
Lines with no (or an unparseable) record count as not anomalous, score 0, and
a warning is printed.

Reported per set: precision / recall / F1 of `anomalous`, expected calibration
error (ECE) of `score` read as P(abnormal) over 10 equal-width bins, and with
--threshold-sweep the P/R/F1 of `score >= t` for t = 0.1 .. 0.9.

--baseline skips the binary and scores a plain case-insensitive regex over
failure words instead (anomalous = match, score = 1.0 / 0.0).

Standard library only.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SET_DIR = os.path.join(ROOT, "eval", "anomaly")
BASELINE_RE = re.compile(
    r"error|fail|fatal|exception|panic|timeout|refused|denied|killed|crash",
    re.IGNORECASE,
)


def default_bin():
    target = os.environ.get("CARGO_TARGET_DIR")
    candidates = []
    if target:
        candidates.append(os.path.join(target, "release", "askloki"))
    candidates.append(os.path.expanduser("~/.cache/askloki-target/release/askloki"))
    for c in candidates:
        if os.path.isfile(c) and os.access(c, os.X_OK):
            return c
    return candidates[0]


def load_set(name):
    path = os.path.join(SET_DIR, name + ".tsv")
    labels, msgs = [], []
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            raw = raw.rstrip("\n")
            if not raw.strip():
                continue
            lab, sep, msg = raw.partition("\t")
            if not sep or lab not in ("0", "1"):
                sys.exit(f"{path}:{lineno}: malformed line (want LABEL<TAB>MESSAGE)")
            labels.append(int(lab))
            msgs.append(msg)
    return labels, msgs


def run_binary(binary, msgs):
    """Return (anomalous list, score list) aligned with msgs."""
    n = len(msgs)
    anom = [False] * n
    score = [0.0] * n
    seen = [False] * n
    fd, tmp = tempfile.mkstemp(prefix="askloki-anomaly-", suffix=".log")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for m in msgs:
                f.write(m + "\n")
        cmd = [binary, "analyze", "anomalies", "--data", tmp,
               "--labels", '{app="mixed"}', "--per-line"]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True)
        except OSError as e:
            sys.exit(f"error: cannot run {binary}: {e}")
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr[-4000:])
            sys.exit(f"error: {' '.join(cmd)} exited with {proc.returncode}")
        bad = 0
        for out in proc.stdout.splitlines():
            out = out.strip()
            if not out.startswith("{"):
                continue
            try:
                rec = json.loads(out)
                i = int(rec["line"]) - 1
            except (ValueError, KeyError, TypeError):
                bad += 1
                continue
            if not 0 <= i < n:
                bad += 1
                continue
            seen[i] = True
            anom[i] = bool(rec.get("anomalous", False))
            try:
                s = float(rec.get("score", 0.0))
            except (TypeError, ValueError):
                s = 0.0
            score[i] = min(1.0, max(0.0, s)) if s == s else 0.0
        if bad:
            print(f"warning: {bad} output record(s) unparseable or out of range", file=sys.stderr)
        missing = [i + 1 for i in range(n) if not seen[i]]
        if missing:
            shown = ", ".join(map(str, missing[:20])) + (" ..." if len(missing) > 20 else "")
            print(f"warning: {len(missing)}/{n} input line(s) had no output record "
                  f"(counted as not anomalous, score 0): {shown}", file=sys.stderr)
    finally:
        os.unlink(tmp)
    return anom, score


def run_baseline(msgs):
    anom = [bool(BASELINE_RE.search(m)) for m in msgs]
    return anom, [1.0 if a else 0.0 for a in anom]


def prf(labels, preds):
    tp = sum(1 for y, p in zip(labels, preds) if y and p)
    fp = sum(1 for y, p in zip(labels, preds) if not y and p)
    fn = sum(1 for y, p in zip(labels, preds) if y and not p)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, tp, fp, fn


def ece(labels, scores, bins=10):
    n = len(labels)
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, s in enumerate(scores)
               if (lo <= s < hi) or (b == bins - 1 and s == 1.0)]
        if not idx:
            continue
        conf = sum(scores[i] for i in idx) / len(idx)
        acc = sum(labels[i] for i in idx) / len(idx)
        total += len(idx) / n * abs(conf - acc)
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=None, help="askloki binary (default: $CARGO_TARGET_DIR/release/askloki, "
                    "else ~/.cache/askloki-target/release/askloki)")
    ap.add_argument("--set", choices=["dev", "dev-extra", "heldout", "both"], default="dev",
                    help="both = dev and heldout; dev-extra = extra development lines (see the README)")
    ap.add_argument("--threshold-sweep", action="store_true")
    ap.add_argument("--baseline", action="store_true",
                    help="score a failure-word regex instead of the binary")
    args = ap.parse_args()

    sets = ["dev", "heldout"] if args.set == "both" else [args.set]
    binary = args.bin or default_bin()
    if not args.baseline and not os.path.isfile(binary):
        sys.exit(f"error: binary not found: {binary} (build it or pass --bin)")
    system = "baseline regex" if args.baseline else binary

    finals = []
    for name in sets:
        labels, msgs = load_set(name)
        anom, score = run_baseline(msgs) if args.baseline else run_binary(binary, msgs)
        p, r, f, tp, fp, fn = prf(labels, anom)
        e = ece(labels, score)
        npos = sum(labels)
        print(f"== {name} ({len(labels)} lines, {npos} abnormal) [{system}]")
        print(f"  anomalous: precision={p:.3f} recall={r:.3f} F1={f:.3f}  (tp={tp} fp={fp} fn={fn})")
        print(f"  score:     ECE(10 bins)={e:.3f}")
        if args.threshold_sweep:
            print("  threshold sweep (anomalous := score >= t):")
            for k in range(1, 10):
                t = k / 10
                pt, rt, ft, tp_, fp_, fn_ = prf(labels, [s >= t for s in score])
                print(f"    t={t:.1f}  P={pt:.3f} R={rt:.3f} F1={ft:.3f}  (tp={tp_} fp={fp_} fn={fn_})")
        finals.append(f"{name}: P={p:.3f} R={r:.3f} F1={f:.3f} ECE={e:.3f}")
    for line in finals:
        print(line)


if __name__ == "__main__":
    main()
