#!/usr/bin/env python3
"""Score `askloki ask` on the generated-log question sets.

    python3 eval/ask/run_eval.py [--set dev|heldout|heldout2|...|heldout13|all] [--bin PATH] [--data DIR]
                                 [--timeout S] [-k TEXT] [--file NAME] [--half A|B] [--json OUT]
                                 [--list] [--verbose]

Each question runs
    askloki ask --data DIR/FILE --labels LABELS --start START --end END --json QUESTION
(without --labels when its labels are null, as in heldout7 to heldout9 and three of heldout10) with TZ=UTC and a
fresh $ASKLOKI_CACHE_DIR,
and is judged from the JSON's `result`
(Loki's data block) first, from the `answer` text only when the result cannot be read
for that kind of question (see README.md for the rules). Prints accuracy per kind,
per file and overall, where the verdicts came from, and LogQL length statistics;
--verbose prints every question's LogQL and verdict as it runs.
Python 3.9+, standard library only.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
KINDS = ["count", "topk", "distinct", "number", "time", "yesno", "lines"]
# heldout4 is split by file into two halves (README.md, "The fourth held-out set"), so that one half can be scored
# while the other stays untouched. The split lives here and in the README, never in the question records.
HALVES = {
    "storefront-envoy.log": "A", "mongod.jsonl": "A", "fleet-auth.log": "A",
    "orders-spring.log": "B", "traefik-access.jsonl": "B", "redis.log": "B",
    # heldout5 (README.md, "The fifth held-out set"), split the same way
    "accounts-api.jsonl": "A", "mailer-worker.log": "A", "ingress-public.log": "A",
    "reports-django.log": "B", "fluentbit-logistics.jsonl": "B", "postfix-mx.log": "B",
    # heldout6 (README.md, "The sixth held-out set"), split the same way
    "caddy-access.jsonl": "A", "coredns.log": "A", "nginx-error.log": "A",
    "mysql-slow.log": "B", "rabbitmq.log": "B", "orders-serilog.jsonl": "B",
    # heldout7 (README.md, "The seventh held-out set"), split the same way
    "cart-pods.jsonl": "A", "ledger-svc.log": "A", "ingress-edge.log": "A",
    "contour-envoy.jsonl": "B", "payments-ecs.jsonl": "B", "csi-attacher.log": "B",
    # heldout8 (README.md, "The eighth held-out set"), split the same way
    "shop-alb.log": "A", "k8s-audit.jsonl": "A", "es-cluster.log": "A",
    "storefront-rails.log": "B", "consul-server.log": "B", "squid-access.log": "B",
    # heldout9 (README.md, "The ninth held-out set"), split the same way
    "zookeeper.log": "A", "android-logcat.log": "A", "health-app.log": "A",
    "spark-driver.log": "B", "proxifier.log": "B", "hpc-syslog.log": "B",
    # heldout11 (README.md, "The eleventh held-out set"), split the same way
    "node-journal.jsonl": "A", "cloudfront-access.log": "A", "celery-worker.log": "A",
    "pricing-structlog.jsonl": "B", "shopfront-heroku.log": "B", "vpc-flow.log": "B",
    # heldout12 (README.md, "The twelfth held-out set"), split the same way
    "etcd-cp-2.jsonl": "A", "catalog-gunicorn.log": "A", "backup-shipper.log": "A",
    "iis-portal.log": "B", "vault-audit.jsonl": "B", "shop-catalina.out": "B",
    # heldout13 (README.md, "The thirteenth held-out set"), split the same way
    "prometheus.log": "A", "cassandra-system.log": "A", "keycloak.jsonl": "A",
    "gitlab-production.jsonl": "B", "cloudtrail.jsonl": "B", "orders-gc.log": "B",
}
# Where a set's logs come from: (file hashes, generator, manifest). heldout5 to heldout9 and heldout11 to heldout13
# have their own generators.
SOURCES = {"heldout5": ("files_heldout5.json", "gen_logs5.py", "manifest_heldout5.json"),
           "heldout6": ("files_heldout6.json", "gen_logs6.py", "manifest_heldout6.json"),
           "heldout7": ("files_heldout7.json", "gen_logs7.py", "manifest_heldout7.json"),
           "heldout8": ("files_heldout8.json", "gen_logs8.py", "manifest_heldout8.json"),
           "heldout9": ("files_heldout9.json", "gen_logs9.py", "manifest_heldout9.json"),
           "heldout11": ("files_heldout11.json", "gen_logs11.py", "manifest_heldout11.json"),
           "heldout12": ("files_heldout12.json", "gen_logs12.py", "manifest_heldout12.json"),
           "heldout13": ("files_heldout13.json", "gen_logs13.py", "manifest_heldout13.json")}
DEFAULT_SOURCE = ("files.json", "gen_logs.py", "manifest.json")
# heldout10 asks about two files of the default generator and one of gen_logs7.py's (ledger-svc.log), so it needs both.
SET_SOURCES = {"heldout10": [DEFAULT_SOURCE, SOURCES["heldout7"]]}
# heldout10 is one blind set over files that heldout7 split into halves: its questions belong to no half.
UNSPLIT_SETS = {"heldout10"}
UTC = timezone.utc

# --------------------------------------------------------------------------- reading results


def unwrap(result):
    """Loki's data block, also when the whole response ({"status","data"}) was given."""
    if isinstance(result, dict) and "resultType" not in result and isinstance(result.get("data"), dict):
        return result["data"]
    return result if isinstance(result, dict) else {}


def fnum(v) -> float:
    return float(v)


def matrix_points(result) -> list[tuple[float, float]]:
    """(timestamp s, value) with the values of all series at one timestamp added up."""
    acc: dict[float, float] = defaultdict(float)
    for s in result.get("result") or []:
        for ts, v in s.get("values") or []:
            acc[float(ts)] += fnum(v)
    return sorted(acc.items())


def series_totals(result) -> list[tuple[dict, float]]:
    rt, res = result.get("resultType"), result.get("result") or []
    if rt == "vector":
        return [(s.get("metric") or {}, fnum(s["value"][1])) for s in res]
    if rt == "matrix":
        return [(s.get("metric") or {}, sum(fnum(v) for _, v in s.get("values") or [])) for s in res]
    return []


def single_number(result, total: bool) -> tuple[float | None, str]:
    """The one number a metric result gives; `total`: the samples of a vector may be added."""
    rt, res = result.get("resultType"), result.get("result")
    if rt == "scalar" and isinstance(res, list) and len(res) == 2:
        return fnum(res[1]), "scalar"
    if rt == "vector":
        res = res or []
        if not res:
            return 0.0, "empty vector"
        if len(res) == 1:
            return fnum(res[0]["value"][1]), "vector"
        if total:
            return sum(fnum(s["value"][1]) for s in res), f"sum of {len(res)} samples"
        return None, f"vector of {len(res)} samples"
    if rt == "matrix":
        pts = [fnum(v) for s in res or [] for _, v in s.get("values") or []]
        if len(pts) == 1:
            return pts[0], "one matrix point"
        if not pts:
            return 0.0, "empty matrix"
        return None, f"matrix of {len(res)} series, {len(pts)} points"
    return None, f"{rt} result"


def stream_entries(result) -> list[tuple[int, str]]:
    if result.get("resultType") != "streams":
        return []
    out = []
    for s in result.get("result") or []:
        for entry in s.get("values") or []:
            out.append((int(entry[0]), str(entry[1])))
    return out


def norm(v: str) -> str:
    v = str(v).strip().strip("[]()/,;'\"` ")
    m = re.fullmatch(r"(\d+\.\d+\.\d+\.\d+):\d+", v)
    return m.group(1) if m else v


def same_value(got: str, want: str) -> bool:
    """Equal, or the same Java class by its short name (InvoiceService vs com.acme.billing.InvoiceService)."""
    g, w = norm(got), norm(want)
    if g == w:
        return True
    return bool(g and w) and (w.endswith("." + g) or g.endswith("." + w))


def numbers_in(text: str) -> list[float]:
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?", text)]


def close(a: float, b: float, tol: float) -> bool:
    return math.isclose(a, b, rel_tol=max(tol, 1e-6), abs_tol=1e-9)


def range_seconds(logql: str) -> float | None:
    """The first range literal `[5m]` / `[1h30m]` / `[300s]` of a query, in seconds."""
    m = re.search(r"\[\s*((?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w|y))+)\s*(?:[:\]])", logql)
    if not m:
        return None
    unit = {"ms": 1e-3, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, "y": 31536000}
    return sum(float(n) * unit[u] for n, u in re.findall(r"(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)", m.group(1)))


def parse_rfc3339_s(s: str) -> float:
    m = re.fullmatch(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z", s)
    base = datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC).timestamp()
    return base + (float("0." + m.group(2)) if m.group(2) else 0.0)


TIME_FULL = re.compile(r"(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(?:[.,](\d+))?\s*(Z|UTC|[+-]\d\d:?\d\d)?")
TIME_CLOCK = re.compile(r"(?<![\d:])(\d{1,2}:\d\d:\d\d)(?:[.,](\d+))?(?![\d:])")


def times_in(text: str, day: str) -> list[float]:
    """Timestamps stated in an answer (UTC; a bare clock time is taken on the expected day)."""
    out = []
    for d, hms, frac, tz in TIME_FULL.findall(text):
        t = datetime.strptime(f"{d} {hms}", "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC).timestamp()
        if tz and tz not in ("Z", "UTC"):
            sign = 1 if tz[0] == "+" else -1
            hh, mm = int(tz[1:3]), int(tz[-2:])
            t -= sign * (hh * 3600 + mm * 60)
        out.append(t + (float("0." + frac) if frac else 0.0))
    rest = TIME_FULL.sub(" ", text)
    for hms, frac in TIME_CLOCK.findall(rest):
        h, m, s = (int(x) for x in hms.split(":"))
        if h < 24 and m < 60 and s < 60:
            t = datetime.strptime(f"{day} {h:02d}:{m:02d}:{s:02d}", "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC).timestamp()
            out.append(t + (float("0." + frac) if frac else 0.0))
    return out


def said_yes_no(text: str) -> bool | None:
    m = re.search(r"\b(yes|no)\b", text, re.IGNORECASE)
    return None if not m else m.group(1).lower() == "yes"


# --------------------------------------------------------------------------- judging


class Verdict:
    def __init__(self, ok: bool, got: str, source: str):
        self.ok, self.got, self.source = ok, got, source


def expected_numbers(q: dict) -> list[float]:
    e = float(q["expected"])
    return [e] + [e * f for f in q.get("accept_scale", [])]


def number_ok(q: dict, x: float) -> bool:
    return any(close(x, e, q.get("tolerance", 0.0)) for e in expected_numbers(q))


def answer_numbers(q: dict, answer: str) -> Verdict:
    nums = numbers_in(answer)
    ok = any(number_ok(q, x) for x in nums)
    return Verdict(ok, "answer: " + (", ".join(f"{x:g}" for x in nums[:6]) or "no number"), "answer")


def rate_candidates(q: dict, result: dict, logql: str) -> list[tuple[float, str]]:
    """What a metric result says the rate per `per_s` seconds is, under each reading that fits the query."""
    per = float(q["per_s"])
    w0, w1 = (parse_rfc3339_s(t) for t in q["window"])
    window_units = (w1 - w0) / per
    is_rate = bool(re.search(r"\brate\s*\(", logql))
    is_count = "count_over_time" in logql
    rng = range_seconds(logql)
    out = []
    x, how = single_number(result, total=True)
    if x is not None:
        out.append((x, how))
        if is_rate:
            out.append((x * per, how + " (per second, scaled)"))
        if is_count and rng and abs(rng - (w1 - w0)) < 1:
            out.append((x / window_units, how + " (count over the window, divided)"))
    elif result.get("resultType") == "matrix":
        pts = [v for _, v in matrix_points(result)]
        if pts:
            avg = sum(pts) / len(pts)
            if is_rate:
                out.append((avg * per, f"mean of {len(pts)} per-second points, scaled"))
            elif is_count and rng:
                out.append((avg / (rng / per), f"mean of {len(pts)} counts per {rng:g}s"))
            else:
                out.append((avg, f"mean of {len(pts)} points"))
    return out


def judge(q: dict, out: dict) -> Verdict:
    result = unwrap(out.get("result"))
    logql = out.get("logql") or ""
    answer = out.get("answer") or ""
    kind = q["kind"]
    rt = result.get("resultType")

    if kind in ("count", "distinct", "number"):
        if "per_s" in q:
            cands = rate_candidates(q, result, logql)
            if cands:
                ok = any(number_ok(q, x) for x, _ in cands)
                return Verdict(ok, "; ".join(f"{x:.6g} ({how})" for x, how in cands), "result")
            return answer_numbers(q, answer)
        x, how = single_number(result, total=(kind == "count"))
        if x is None and kind == "distinct" and rt == "vector" and "topk" not in logql and "bottomk" not in logql:
            x, how = float(len(result.get("result") or [])), "number of series"
        if x is not None:
            return Verdict(number_ok(q, x), f"{x:.6g} ({how})", "result")
        v = answer_numbers(q, answer)
        v.got += f" [result: {how}]"
        return v

    if kind == "topk":
        want = [str(v) for v in q["expected"]]
        k = int(q.get("k", len(want)))
        series = series_totals(result)
        if series:
            varying = sorted(key for key in {key for m, _ in series for key in m}
                             if len({m.get(key) for m, _ in series}) > 1)
            if len(series) > 1:  # a series without any of the grouping values (a blank label) is not a candidate
                series = [s for s in series if any(s[0].get(key) for key in varying)] or series
            ranked = sorted(series, key=lambda s: -s[1])[:k]
            cand_sets = []
            for m, _ in ranked:
                vals = [m[key] for key in varying if m.get(key)] if len(series) > 1 else [v for v in m.values() if v]
                cand_sets.append(vals)
            covered = all(any(any(same_value(c, w) for c in cs) for cs in cand_sets) for w in want)
            useful = all(any(same_value(c, w) for w in want for c in cs) for cs in cand_sets)
            ok = covered and useful and len(ranked) >= len(want)
            shown = ", ".join(f"{'/'.join(cs) or 'no label'}={v:g}" for cs, (_, v) in zip(cand_sets, ranked))
            return Verdict(ok, f"top {k}: {shown} ({len(series)} series)", "result")
        ok = all(any(same_value(tok, w) for tok in re.findall(r"[\w.\-/:]+", answer)) or w in answer for w in want)
        return Verdict(ok, f"answer ({rt or 'no'} result)", "answer")

    if kind == "time":
        want = parse_rfc3339_s(q["expected"])
        first = q.get("pick", "first") == "first"
        entries = stream_entries(result)
        if entries:
            ns = min(e[0] for e in entries) if first else max(e[0] for e in entries)
            t = ns / 1e9
            return Verdict(abs(t - want) <= 1.0, iso_s(t) + f" ({len(entries)} lines)", "result")
        if rt == "matrix":
            pts = [(ts, v) for ts, v in matrix_points(result) if v > 0]
            if pts:
                t = pts[0][0] if first else pts[-1][0]
                return Verdict(abs(t - want) <= 1.0, iso_s(t) + " (matrix step)", "result")
        x, _ = single_number(result, total=False) if rt in ("vector", "scalar") else (None, "")
        if x is not None and x > 1e9:
            t = x / 1e9 if x > 1e17 else (x / 1e3 if x > 1e11 else x)
            return Verdict(abs(t - want) <= 1.0, iso_s(t) + " (value)", "result")
        day = q["expected"][:10]
        ts = times_in(answer, day)
        ok = any(abs(t - want) <= 1.0 for t in ts)
        return Verdict(ok, "answer: " + (", ".join(iso_s(t) for t in ts[:4]) or "no time"), "answer")

    if kind == "yesno":
        want = bool(q["expected"])
        if rt == "streams":
            entries = stream_entries(result)
            said = bool(entries)
            if said and want:
                bad = stray(q, entries)
                if bad:
                    return Verdict(False, f"yes, but {bad}", "result")
            return Verdict(said == want, "yes" if said else "no", "result")
        if rt in ("vector", "scalar", "matrix"):
            if rt == "matrix":
                total = sum(v for _, v in matrix_points(result))
            else:
                total, _ = single_number(result, total=True)
            if total is not None:
                said = total > 0
                return Verdict(said == want, f"{'yes' if said else 'no'} ({total:g})", "result")
        said = said_yes_no(answer)
        if said is None:
            return Verdict(False, "answer: no explicit yes/no", "answer")
        return Verdict(said == want, "answer: " + ("yes" if said else "no"), "answer")

    if kind == "lines":
        entries = stream_entries(result)
        if not entries:
            return Verdict(False, f"no lines ({rt or 'no'} result)", "result")
        bad = stray(q, entries)
        if bad:
            return Verdict(False, bad, "result")
        return Verdict(True, f"{len(entries)} lines (of {q['expected']})", "result")

    return Verdict(False, f"unknown kind {kind}", "-")


def stray(q: dict, entries: list[tuple[int, str]]) -> str | None:
    """Why the returned lines are not the asked-for event, or None."""
    regex = q.get("line_regex")
    if regex:
        c = re.compile(regex)
        wrong = [line for _, line in entries if not c.search(line)]
        if wrong:
            return f"{len(wrong)}/{len(entries)} lines are not the event, e.g. {wrong[0][:90]}"
    if q.get("line_window"):
        lo, hi = (parse_rfc3339_s(t) for t in q["line_window"])
        out = [ns for ns, _ in entries if not lo <= ns / 1e9 < hi]
        if out:
            return f"{len(out)}/{len(entries)} lines outside {q['line_window'][0]}..{q['line_window'][1]}"
    return None


def in_answer(q: dict, answer: str) -> bool | None:
    """Whether the answer text states the expected value (None: not applicable)."""
    kind = q["kind"]
    if kind in ("count", "distinct", "number"):
        return any(number_ok(q, x) for x in numbers_in(answer))
    if kind == "topk":
        return all(w in answer for w in q["expected"]) or all(w.rsplit(".", 1)[-1] in answer for w in q["expected"])
    if kind == "time":
        want = parse_rfc3339_s(q["expected"])
        return any(abs(t - want) <= 1.0 for t in times_in(answer, q["expected"][:10]))
    if kind == "yesno":
        said = said_yes_no(answer)
        return None if said is None else said == bool(q["expected"])
    return None


def iso_s(t: float) -> str:
    return datetime.fromtimestamp(t, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


# --------------------------------------------------------------------------- running


class Outcome:
    def __init__(self, q, verdict: Verdict, logql="", answer="", error="", seconds=0.0, attempts=0):
        self.q, self.v, self.logql, self.answer, self.error = q, verdict, logql, answer, error
        self.seconds, self.attempts = seconds, attempts
        self.in_answer = in_answer(q, answer) if answer else None


def ask(binary: str, data: Path, q: dict, env: dict, timeout: float) -> Outcome:
    cmd = [binary, "ask", "--data", str(data / q["file"])]
    if q.get("labels") is not None:  # heldout7 to heldout9 ask without stream labels, as `askloki ask` allows
        cmd += ["--labels", q["labels"]]
    cmd += ["--start", q["start"], "--end", q["end"], "--json", q["question"]]
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return Outcome(q, Verdict(False, "timeout", "-"), error=f"no answer in {timeout:g} s", seconds=timeout)
    except OSError as e:
        return Outcome(q, Verdict(False, "could not run", "-"), error=str(e))
    secs = time.monotonic() - t0
    if p.returncode != 0:
        err = (p.stderr or "").strip().splitlines()
        return Outcome(q, Verdict(False, f"exit {p.returncode}", "-"), error=err[-1] if err else "", seconds=secs)
    try:
        out = json.loads(p.stdout)
        if not isinstance(out, dict):
            raise ValueError("not a JSON object")
    except ValueError as e:
        return Outcome(q, Verdict(False, "bad JSON", "-"), error=str(e)[:200], seconds=secs)
    try:
        v = judge(q, out)
    except Exception as e:  # a result of an unexpected shape is a wrong answer, not a crash
        v = Verdict(False, f"unreadable result: {e!r}"[:200], "-")
    logql = out.get("logql") or ""
    return Outcome(q, v, logql if isinstance(logql, str) else json.dumps(logql), str(out.get("answer") or ""),
                   seconds=secs, attempts=len(out.get("attempts") or []))


def default_bin() -> str:
    cands = []
    if os.environ.get("CARGO_TARGET_DIR"):
        cands.append(Path(os.environ["CARGO_TARGET_DIR"]) / "release" / "askloki")
    cands.append(Path.home() / ".cache" / "askloki-target" / "release" / "askloki")
    for c in cands:
        if os.access(c, os.X_OK):
            return str(c)
    return str(cands[0])


def ensure_data(data: Path, needed: set[str], source: tuple[str, str, str] = DEFAULT_SOURCE) -> str | None:
    """Generate the logs when missing; an error text when the ones the questions ask about (`needed`) differ from the
    ones the expected answers were computed on."""
    files_json, generator, manifest = source
    files = json.loads((HERE / files_json).read_text())
    if not (data / manifest).exists() or not all((data / f["file"]).exists() for f in files["files"]):
        print(f"generating the logs into {data} ...", file=sys.stderr)
        subprocess.run([sys.executable, str(HERE / generator), str(data)], check=True, stdout=subprocess.DEVNULL)
    for f in files["files"]:
        if f["file"] not in needed:
            continue
        p = data / f["file"]
        if not p.exists():
            return f"{p} is missing (run: python3 eval/ask/gen_logs.py {data})"
        h = hashlib.sha256(p.read_bytes()).hexdigest()
        if h != f["sha256"]:
            return (f"{p} differs from the file the expected answers were computed on (sha256 {h[:12]}, "
                    f"want {f['sha256'][:12]}); regenerate it with {generator}, or recompute the expected answers")
    return None


def half_of(q: dict) -> str | None:
    """The half of a question's file (heldout4 to heldout9, heldout11 to heldout13); None for the other sets, which are
    not split."""
    return None if q.get("set") in UNSPLIT_SETS else HALVES.get(q["file"])


def pct(ok: int, n: int) -> str:
    return f"{ok:3d}/{n:<3d} {100 * ok / n:5.1f}%" if n else "    -"


def quantile_nearest(xs: list[int], q: float) -> int:
    xs = sorted(xs)
    return xs[max(0, math.ceil(q * len(xs)) - 1)]


def report(outcomes: list[Outcome]) -> None:
    def table(title, keyf, keys):
        print(f"\n{title:<22} accuracy")
        for k in keys:
            sel = [o for o in outcomes if keyf(o) == k]
            if sel:
                print(f"  {k:<20} {pct(sum(o.v.ok for o in sel), len(sel))}")

    table("kind", lambda o: o.q["kind"], KINDS)
    table("file", lambda o: o.q["file"], sorted({o.q["file"] for o in outcomes}))
    n, ok = len(outcomes), sum(o.v.ok for o in outcomes)
    halves = {half_of(o.q) for o in outcomes} - {None}
    halves_line = ""
    if halves:
        halves_line = "  " + "  ".join(
            f"half {h} {pct(sum(o.v.ok for o in sel), len(sel))}"
            for h in sorted(halves) for sel in [[o for o in outcomes if half_of(o.q) == h]])
    print(f"\noverall                {pct(ok, n)}{halves_line}")
    by_src = defaultdict(lambda: [0, 0])
    for o in outcomes:
        by_src[o.v.source][0] += o.v.ok
        by_src[o.v.source][1] += 1
    print("verdicts from: " + ", ".join(f"{s} {c[0]}/{c[1]} right" for s, c in sorted(by_src.items())
                                        if s != "-") + (f", no output {by_src['-'][1]}" if "-" in by_src else ""))
    stated = [o for o in outcomes if o.in_answer is not None]
    if stated:
        print(f"answer text states the expected value: {pct(sum(bool(o.in_answer) for o in stated), len(stated))}")
    errors = [o for o in outcomes if o.v.source == "-"]
    if errors:
        print(f"failed to answer (exit, timeout, bad JSON): {len(errors)}")
    lens = [len(o.logql) for o in outcomes if o.logql]
    if lens:
        print(f"LogQL length (chars, {len(lens)} queries): median {quantile_nearest(lens, 0.5)}, "
              f"p90 {quantile_nearest(lens, 0.9)}, max {max(lens)}")
    secs = [o.seconds for o in outcomes if o.seconds]
    if secs:
        print(f"time per question: median {sorted(secs)[len(secs) // 2]:.2f} s, max {max(secs):.2f} s")
    failures = [o for o in outcomes if not o.v.ok]
    if failures:
        print(f"\nfailures ({len(failures)}):")
        for o in failures:
            print(f"  {o.q['id']:<6} {o.q['kind']:<8} {o.q['question']}")
            print(f"         expected {json.dumps(o.q['expected'])}; got {o.v.got}"
                  + (f"; error: {o.error}" if o.error else ""))


def main() -> int:
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends quietly
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", choices=["dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6",
                                      "heldout7", "heldout8", "heldout9", "heldout10", "heldout11", "heldout12",
                                      "heldout13", "all"],
                    default="dev",
                    help="question set (default dev; all = dev and heldout; heldout2 to heldout13 only on their own)")
    ap.add_argument("--bin", default=default_bin(),
                    help="the askloki binary (default $CARGO_TARGET_DIR/release/askloki, "
                         "else ~/.cache/askloki-target/release/askloki)")
    ap.add_argument("--data", type=Path, default=REPO / "target" / "eval-logs",
                    help="the generated logs (default target/eval-logs; generated when missing)")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds per question (default 30)")
    ap.add_argument("-k", metavar="TEXT", help="only questions whose id, kind or text contains TEXT")
    ap.add_argument("--file", metavar="NAME", help="only questions about this log file")
    ap.add_argument("--half", choices=["A", "B"],
                    help="only the questions about the files of this half of heldout4 to heldout9 and heldout11 to "
                         "heldout13 (see README.md)")
    ap.add_argument("--json", metavar="OUT", type=Path, help="write per-question details here")
    ap.add_argument("--list", action="store_true", help="print the questions and expected answers, run nothing")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each question's LogQL and verdict")
    args = ap.parse_args()

    sets = ["dev", "heldout"] if args.set == "all" else [args.set]
    questions = []
    for s in sets:
        for line in (HERE / f"questions_{s}.jsonl").read_text().splitlines():
            if line.strip():
                q = json.loads(line)
                q["set"] = s
                questions.append(q)
    if args.k:
        k = args.k.lower()
        questions = [q for q in questions if k in q["id"].lower() or k == q["kind"] or k in q["question"].lower()]
    if args.file:
        questions = [q for q in questions if q["file"] == args.file]
    if args.half:
        questions = [q for q in questions if half_of(q) == args.half]
    if args.list:
        for q in questions:
            print(f"{q['id']:<6} [{q['file']}/{q['kind']}] {q['question']}\n       -> {json.dumps(q['expected'])}")
        print(f"{len(questions)} questions")
        return 0
    if not questions:
        ap.error("no questions selected")
    problem = None
    for source in SET_SOURCES.get(args.set) or [SOURCES.get(args.set, DEFAULT_SOURCE)]:
        problem = problem or ensure_data(args.data, {q["file"] for q in questions}, source)
    if problem:
        print(f"run_eval: {problem}", file=sys.stderr)
        return 2
    if not os.access(args.bin, os.X_OK):
        print(f"run_eval: no askloki binary at {args.bin} (build it with cargo build --release, or pass --bin)",
              file=sys.stderr)
        return 2

    outcomes = []
    with tempfile.TemporaryDirectory(prefix="askloki-eval-") as cache:
        env = dict(os.environ, ASKLOKI_CACHE_DIR=cache, TZ="UTC")
        for i, q in enumerate(questions, 1):
            o = ask(args.bin, args.data, q, env, args.timeout)
            outcomes.append(o)
            if args.verbose:
                mark = "ok  " if o.v.ok else "FAIL"
                print(f"{mark} {q['id']:<6} {q['kind']:<8} {q['question']}")
                print(f"       logql:    {o.logql or '-'}")
                print(f"       expected: {json.dumps(q['expected'])}  got: {o.v.got}  [{o.v.source}]"
                      + (f"  error: {o.error}" if o.error else ""), flush=True)
            elif sys.stderr.isatty():
                print(f"\r{i}/{len(questions)}", end="", file=sys.stderr, flush=True)
    if not args.verbose and sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"set: {args.set}, {len(outcomes)} questions, binary {args.bin}")
    report(outcomes)
    if args.json:
        args.json.write_text(json.dumps([{
            "id": o.q["id"], "set": o.q["set"], "file": o.q["file"], "half": half_of(o.q), "kind": o.q["kind"],
            "question": o.q["question"], "expected": o.q["expected"], "ok": o.v.ok, "got": o.v.got,
            "source": o.v.source, "in_answer": o.in_answer, "logql": o.logql, "answer": o.answer,
            "error": o.error, "seconds": round(o.seconds, 3), "attempts": o.attempts,
        } for o in outcomes], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
