"""The build and command line shared by the held-out sets that have their own
generator (heldout5, heldout6): each set's `expectedN.py` gives its questions,
its parsed records and its half of each file; this turns them into the
committed question file and file hashes, and writes, checks or lists them."""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Callable

from expected import FULL, check_regex, dumps, hm_iso

HERE = Path(__file__).resolve().parent


def generated(data: Path, n: int, files) -> dict:
    """The manifest of set `heldoutN`'s logs in `data`, after writing them with gen_logsN.py
    where the manifest or one of `files` is missing."""
    manifest = data / f"manifest_heldout{n}.json"
    if not manifest.exists() or not all((data / f).exists() for f in files):
        subprocess.run([sys.executable, str(HERE / f"gen_logs{n}.py"), str(data)], check=True,
                       stdout=subprocess.DEVNULL)
    return json.loads(manifest.read_text())


def build(questions, recs: dict, manifest: dict) -> tuple[list[dict], dict]:
    """The question records (answers computed from `recs`) and the file hashes."""
    labels = {f["file"]: f["labels"] for f in manifest["files"]}
    out, ids = [], set()
    for q in questions:
        assert q.id not in ids, q.id
        ids.add(q.id)
        try:
            got = q.fn(recs[q.file])
        except AssertionError as e:
            raise SystemExit(f"{q.id}: {e}")
        extra = dict(q.extra)
        if isinstance(got, tuple):
            got, more = got
            extra.update(more)
        regex = extra.get("line_regex")
        if regex and q.kind in ("lines", "yesno"):
            n = got if q.kind == "lines" else extra["window_count"]
            check_regex(q, recs[q.file], regex, n, extra.get("line_window"))
        start, end = (hm_iso(q.window[0]), hm_iso(q.window[1])) if q.window else FULL
        rec = {"id": q.id, "file": q.file, "labels": labels[q.file], "start": start, "end": end,
               "question": q.question, "kind": q.kind, "expected": got, "tolerance": q.tolerance, "notes": q.notes}
        rec.update(extra)
        out.append(rec)
    files = {"seed": manifest["seed"], "files": [
        {k: f[k] for k in ("file", "shape", "labels", "lines", "sha256")} for f in manifest["files"]]}
    return out, files


def main(description: str, set_name: str, default_data: Path,
         load: Callable[[Path], tuple[list[dict], dict]], half: dict[str, str]) -> int:
    """`--write`, `--check` or `--list` for the set `set_name` (`heldout6`);
    `load(data)` returns its records and file hashes."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--data", type=Path, default=default_data)
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--write", action="store_true")
    g.add_argument("--check", action="store_true")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    records, files = load(args.data)
    outputs = {f"questions_{set_name}.jsonl": dumps(records),
               f"files_{set_name}.json": json.dumps(files, indent=2) + "\n"}
    if args.list:
        for r in records:
            print(f"{r['id']:<6} {half[r['file']]} {r['kind']:<8} {r['question']}\n       -> {json.dumps(r['expected'])}"
                  + (f"  counts={r['counts']}" if "counts" in r else "")
                  + (f"  n={r['window_count']}" if "window_count" in r else ""))
    for h in "AB":
        sel = [r for r in records if half[r["file"]] == h]
        kinds = Counter(r["kind"] for r in sel)
        yes = sum(1 for r in sel if r["kind"] == "yesno" and r["expected"])
        rates = sum(1 for r in sel if "per_s" in r)
        print(f"half {h}: {len(sel)} questions  " + " ".join(f"{k}={kinds[k]}" for k in sorted(kinds))
              + f"  (rates {rates}, yes {yes})")
    if args.write:
        for name, text in outputs.items():
            (HERE / name).write_text(text)
        print("wrote " + ", ".join(outputs))
    elif args.check:
        bad = [n for n, t in outputs.items() if not (HERE / n).exists() or (HERE / n).read_text() != t]
        if bad:
            print("differs from the committed files: " + ", ".join(bad), file=sys.stderr)
            return 1
        print("matches the committed questions and file hashes")
    return 0
