#!/usr/bin/env python3
"""Per-line anomaly detection on Loghub's labelled BGL sample.

Runs `askloki analyze anomalies --data BGL_2k.log --per-line`, reads the
ground truth from BGL_2k.log_structured.csv (column Label: "-" is normal),
and prints precision, recall and F1, beside a baseline that flags every
FATAL line. Usage: scripts/eval_anomalies.py [--loghub DIR] [--bin PATH]
"""
import argparse
import csv
import json
import os
import pathlib
import subprocess


def scores(pred, truth):
    tp = sum(p and t for p, t in zip(pred, truth))
    fp = sum(p and not t for p, t in zip(pred, truth))
    fn = sum(t and not p for p, t in zip(pred, truth))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    target = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/askloki-target"))
    ap = argparse.ArgumentParser()
    ap.add_argument("--loghub", default=os.environ.get("ASKLOKI_LOGHUB", str(root.parent / "shared" / "loghub")))
    ap.add_argument("--bin", default=os.path.join(target, "release", "askloki"))
    args = ap.parse_args()
    log = pathlib.Path(args.loghub) / "BGL" / "BGL_2k.log"
    rows = list(csv.DictReader(open(str(log) + "_structured.csv", newline="")))
    truth = [r["Label"] != "-" for r in rows]
    out = subprocess.run([args.bin, "analyze", "anomalies", "--data", str(log), "--per-line"],
                         check=True, capture_output=True, text=True).stdout
    verdicts = [json.loads(line) for line in out.splitlines()]
    assert [v["line"] for v in verdicts] == list(range(1, len(rows) + 1)), "one verdict per line, in order"
    pred = [v["anomalous"] for v in verdicts]
    baseline = [r["Level"] == "FATAL" for r in rows]
    print(f"BGL 2k: {len(rows)} lines, {sum(truth)} anomalous")
    for name, p in [("askloki analyze anomalies", pred), ("baseline: every FATAL line", baseline)]:
        precision, recall, f1 = scores(p, truth)
        print(f"{name:30} precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")


if __name__ == "__main__":
    main()
