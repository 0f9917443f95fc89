#!/usr/bin/env python3
"""The tenth held-out set (heldout10): 30 questions, 10 each over a JSON, a logfmt and an ingress-nginx log,
mostly about what structured-log users ask (shares, rankings by a statistic, quantiles, sums, rates), with
expected answers computed from the generated files.

    python3 eval/ask/expected10.py [--data DIR] [--write | --check] [--list]

The files are two of gen_logs.py's (`shop-checkout.jsonl`, `ingress-nginx.log`, hashes in files.json) and one
of gen_logs7.py's (`ledger-svc.log`, hash in files_heldout7.json); both generators write into the same
directory (default target/eval-logs; generated there first when a file is missing), and a file whose SHA-256
differs from the committed hash is refused. The files are parsed back with parsers of this script's own, and
every expected value is computed with one function per question, with expected.py's conventions (half-open
windows, Loki's quantile interpolation, no tie at a topk cut, line-regex checks), so the records have the
schema run_eval.py reads. Stream labels are short (`{app="checkout"}`); one question per file has
`"labels": null` and runs without `--labels`.

  --write   (re)write questions_heldout10.jsonl here
  --check   compare with the committed file (exit 1 on a difference)
  --list    print every question with its expected value

Several answers are also checked against a second reading an SRE could take (duplicate `slow request` lines,
`db query` lines only, upstream instead of request time): the question is kept only where both readings give
the same answer within its tolerance. The set was written without reading the planner and without running
`askloki ask`; its answers were fixed before the first run. Do not reword a question after seeing a result.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from expected import (FULL, Rec, at, dumps, go_seconds, hm_iso, iso, load_records, mean, ms_of, quantile, rnd,
                      top, where, win)

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "target" / "eval-logs"
SET = "heldout10"
CK, LG, NG = "shop-checkout.jsonl", "ledger-svc.log", "ingress-nginx.log"
# Where each file comes from: (committed hashes, generator).
SOURCES = {CK: ("files.json", "gen_logs.py"), NG: ("files.json", "gen_logs.py"),
           LG: ("files_heldout7.json", "gen_logs7.py")}
LABELS = {CK: '{app="checkout"}', LG: '{app="ledger"}', NG: '{namespace="ingress-nginx",app="ingress-nginx"}'}

# --------------------------------------------------------------------------- parsing

RFC3339 = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d{3})Z$")


def rfc_ms(s: str) -> int:
    m = RFC3339.match(s)
    if not m:
        raise ValueError(f"bad time {s!r}")
    return ms_of(datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S"), int(m.group(2)))


def flat(d: dict, prefix: str = "") -> dict:
    """Loki's `| json` names: nested keys joined with `_` (cart.total_cents -> cart_total_cents)."""
    out = {}
    for k, v in d.items():
        if isinstance(v, dict):
            out.update(flat(v, f"{prefix}{k}_"))
        else:
            out[prefix + k] = v
    return out


def parse_checkout(path: Path) -> list[Rec]:
    return [Rec(rfc_ms(o["ts"]), line, flat(o))
            for line in path.read_text().splitlines() for o in [json.loads(line)]]


KV = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|\S*)')


def parse_ledger(path: Path) -> list[Rec]:
    out = []
    for line in path.read_text().splitlines():
        f = {k: (re.sub(r"\\(.)", r"\1", v[1:-1]) if v.startswith('"') else v) for k, v in KV.findall(line)}
        out.append(Rec(rfc_ms(f["time"]), line, f))
    return out


ACCESS = re.compile(
    r'^(?P<remote_addr>\S+) - (?P<remote_user>\S+) \[(?P<time_local>\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d) \+0000\] '
    r'"(?P<method>\S+) (?P<path>\S+) (?P<protocol>HTTP/[\d.]+)" (?P<status>\d{3}) (?P<body_bytes_sent>\d+) '
    r'"(?P<http_referer>[^"]*)" "(?P<http_user_agent>[^"]*)" (?P<request_length>\d+) (?P<request_time>\d+\.\d+) '
    r'\[(?P<upstream_name>[^\]]*)\] \[(?P<upstream_alternative>[^\]]*)\] (?P<upstream_addr>\S+) '
    r'(?P<upstream_response_length>\S+) (?P<upstream_response_time>\S+) (?P<upstream_status>\S+) '
    r'(?P<req_id>[0-9a-f]{32})$')


def parse_ingress(path: Path) -> list[Rec]:
    out = []
    for line in path.read_text().splitlines():
        m = ACCESS.match(line)
        if not m:
            raise ValueError(f"not an access-log line: {line[:120]}")
        f = m.groupdict()
        f["status"] = int(f["status"])
        f["body_bytes_sent"] = int(f["body_bytes_sent"])
        f["request_time"] = float(f["request_time"])
        dt = datetime.strptime(f["time_local"], "%d/%b/%Y:%H:%M:%S")
        out.append(Rec(ms_of(dt), line, f))
    return out


PARSERS = {CK: parse_checkout, LG: parse_ledger, NG: parse_ingress}


def load(data: Path) -> dict[str, list[Rec]]:
    """The three files, generated where missing and refused where they differ from the committed hashes."""
    for generator in sorted({g for _, g in SOURCES.values()}):
        if not all((data / f).exists() for f, (_, g) in SOURCES.items() if g == generator):
            subprocess.run([sys.executable, str(HERE / generator), str(data)], check=True, stdout=subprocess.DEVNULL)
    for name, (files_json, generator) in SOURCES.items():
        want = {f["file"]: f["sha256"] for f in json.loads((HERE / files_json).read_text())["files"]}[name]
        got = hashlib.sha256((data / name).read_bytes()).hexdigest()
        if got != want:
            raise SystemExit(f"{data / name} differs from the file the answers are for (sha256 {got[:12]}, want "
                             f"{want[:12]} in {files_json}); regenerate it with {generator}")
    return load_records(data, PARSERS, whole_seconds={NG})


# --------------------------------------------------------------------------- helpers


@dataclass
class Q:
    id: str
    file: str
    kind: str  # count | topk | distinct | number | time | yesno | lines
    question: str
    fn: object  # recs -> expected, or (expected, extra fields)
    tolerance: float = 0.0
    window: tuple[str, str] | None = None  # --start/--end as HH:MM (default: the whole span)
    notes: str = ""
    extra: dict = field(default_factory=dict)
    labels: str | None = "default"  # "default": LABELS[file]; None: asked without --labels


def sel(R, pred, a=None, b=None):
    return where(win(R, a, b), pred)


def count(pred, a=None, b=None):
    return lambda R: len(sel(R, pred, a, b))


def distinct(key, pred, a=None, b=None):
    return lambda R: len({key(r) for r in sel(R, pred, a, b)})


def share(part, whole, scale: float, a=None, b=None, also=None, tol=0.02):
    """scale * |part and whole| / |whole| in [a, b). `also`: a second reading of `whole` that must agree within tol."""
    def f(R):
        ws = sel(R, whole, a, b)
        n = len([r for r in ws if part(r)])
        assert ws and n, "empty share"
        x = scale * n / len(ws)
        extra = {"part": n, "whole": len(ws)}
        if also:
            ws2 = sel(R, also, a, b)
            x2 = scale * len([r for r in ws2 if part(r)]) / len(ws2)
            assert abs(x2 - x) <= tol * x, f"the other reading gives {x2:g}, not {x:g}"
        return rnd(x), extra
    return f


def stat(agg: str, vals) -> float:
    vals = list(vals)
    assert vals, f"{agg} of nothing"
    if agg == "avg":
        return mean(vals)
    if agg == "max":
        return max(vals)
    if agg == "sum":
        return sum(vals)
    if agg.startswith("p"):
        return quantile(vals, int(agg[1:]) / 100)
    raise ValueError(agg)


def number(agg, key, pred, a=None, b=None, scale=1.0, also=None, tol=0.02, digits=None):
    """agg of key over the matching records, times scale. `also`: a second reading (key, pred) that must agree
    within tol."""
    def f(R):
        x = stat(agg, (key(r) for r in sel(R, pred, a, b))) * scale
        if also:
            key2, pred2 = also
            x2 = stat(agg, (key2(r) for r in sel(R, pred2, a, b))) * scale
            assert abs(x2 - x) <= tol * abs(x), f"the other reading gives {x2:g}, not {x:g}"
        return round(x, digits) if digits is not None else rnd(x)
    return f


def ranked(R, agg, key, group, pred, a, b):
    by = defaultdict(list)
    for r in sel(R, pred, a, b):
        by[group(r)].append(key(r))
    return sorted(((stat(agg, v), grp) for grp, v in by.items()), key=lambda t: -t[0])


def ranking(agg, key, group, k, pred, a=None, b=None, also=None, margin=0.05):
    """The k groups with the largest agg of key: refused when the k-th and the next are within `margin` of each
    other; `also`, a second reading (key, pred), must give the same top k."""
    def f(R):
        rk = ranked(R, agg, key, group, pred, a, b)
        assert len(rk) >= k, f"only {len(rk)} groups"
        if len(rk) > k:
            hi, lo = rk[k - 1][0], rk[k][0]
            assert hi - lo > margin * abs(hi), f"near tie at the cut: {rk[: k + 1]}"
        if also:
            rk2 = ranked(R, agg, also[0], group, also[1], a, b)
            assert sorted(x for _, x in rk2[:k]) == sorted(x for _, x in rk[:k]), f"the other reading: {rk2}"
        return [x for _, x in rk[:k]], {"k": k, "values": {x: rnd(v) for v, x in rk[: k + 2]}}
    return f


def topk_count(key, k, pred, a=None, b=None):
    def f(R):
        vals, counts = top([key(r) for r in sel(R, pred, a, b)], k)
        return vals, {"k": k, "counts": counts}
    return f


def rate(pred, a, b, per_s: int):
    def f(R):
        n = len(sel(R, pred, a, b))
        assert n, "no events"
        return rnd(n / ((at(b) - at(a)) / 1000 / per_s)), {"per_s": per_s, "window_count": n,
                                                             "window": [hm_iso(a), hm_iso(b)]}
    return f


def when(pred, pick, a=None, b=None):
    def f(R):
        rs = sel(R, pred, a, b)
        assert rs, "no such event"
        return iso((rs[0] if pick == "first" else rs[-1]).ms), {"pick": pick}
    return f


def yesno(pred, regex, a, b):
    def f(R):
        n = len(sel(R, pred, a, b))
        return n > 0, {"window_count": n, "line_regex": regex, "line_window": [hm_iso(a), hm_iso(b)]}
    return f


def lines(pred, regex, a, b):
    def f(R):
        n = len(sel(R, pred, a, b))
        assert n, "no lines"
        return n, {"line_regex": regex, "line_window": [hm_iso(a), hm_iso(b)]}
    return f


def check_regex(q: Q, recs: list[Rec], rec: dict) -> None:
    """A yes/no or lines question's regex picks exactly the expected events in its window."""
    regex = rec.get("line_regex")
    if not regex:
        return
    want = rec["expected"] if q.kind == "lines" else rec["window_count"]
    lo, hi = (at(t[11:16]) for t in rec["line_window"])
    c = re.compile(regex)
    hits = sum(1 for r in recs if lo <= r.ms < hi and c.search(r.line))
    if hits != want:
        raise SystemExit(f"{q.id}: line_regex picks {hits} lines, the question's predicate {want}")


def g(name):
    return lambda r: r.f.get(name)


def fnum(name):
    return lambda r: float(r.f[name])


def both(*preds):
    return lambda r: all(p(r) for p in preds)


def is_(name, *values):
    return lambda r: r.f.get(name) in values


def has(name):
    return lambda r: name in r.f


MS = {"unit": "ms", "accept_scale": [0.001]}  # asked in ms; seconds (unwrap duration()) also right
PCT = {"unit": "%", "accept_scale": [0.01]}  # asked as a percentage; the fraction also right
FRAC = {"unit": "fraction", "accept_scale": [100.0]}  # asked as a fraction; the percentage also right

# checkout: a request is a line with `status` (`request completed` at any level, and `payment authorization
# failed`, which carries method, path, status and duration_ms). `slow request` lines repeat a request's
# duration (same trace_id) and are not requests; `price cache refreshed` lines have a duration_ms but no path.
ck_req = has("status")
ck_status = lambda lo, hi: (lambda r: isinstance(r.f.get("status"), int) and lo <= r.f["status"] <= hi)  # noqa: E731
ck_any_dur = has("duration_ms")
ck_path_dur = both(has("duration_ms"), has("path"))  # requests and slow-request lines

# ledger: a request is msg="request completed" (took=, a Go duration); db time is dur= of `db query` and
# `slow query` lines (a slow query replaces the db query line of its request).
lg_req = is_("msg", "request completed")
lg_db = is_("msg", "db query", "slow query")
took_s = lambda r: go_seconds(r.f["took"])  # noqa: E731

# ingress: every line is a request; the 429s and 499s have no upstream response time.
ng_all = lambda r: True  # noqa: E731
has_upstream = lambda r: r.f["upstream_response_time"] != "-"  # noqa: E731

QUESTIONS = [
    # ------------------------------------------------------------------ shop-checkout.jsonl (JSON)
    Q("h10-01", CK, "number", "what % of requests failed with a 5xx between 10:15 and 10:45?",
      share(ck_status(500, 599), ck_req, 100.0, "10:15", "10:45"), 0.02,
      notes="requests = lines with a status (request completed + payment authorization failed); 5xx = status "
            "500-599 (the 502s and 500s); percent of requests in [10:15, 10:45)", extra=PCT),
    Q("h10-02", CK, "number", "What fraction of POST requests came back with a 502?",
      share(is_("status", 502), both(ck_req, is_("method", "POST")), 1.0,
            also=is_("method", "POST")), 0.02,
      notes="502 lines / POST lines with a status, whole span, as a fraction; counting the slow-request lines "
            "(POST, no status) in the denominator gives the same within 2%", extra=FRAC),
    Q("h10-03", CK, "topk", "which pod has the highest average duration?",
      ranking("avg", fnum("duration_ms"), g("pod"), 1, ck_req, "11:00", "12:00",
              also=(fnum("duration_ms"), ck_any_dur)),
      window=("11:00", "12:00"),
      notes="window only through --start/--end (11:00-12:00); mean duration_ms of the requests per pod; "
            "including the price-cache and slow-request lines' duration_ms gives the same pod"),
    Q("h10-04", CK, "number", "p99 latency of POST /api/v1/cart/items in ms",
      number("p99", fnum("duration_ms"), both(ck_req, is_("method", "POST"), is_("path", "/api/v1/cart/items")),
             also=(fnum("duration_ms"), both(ck_path_dur, is_("path", "/api/v1/cart/items")))), 0.02,
      notes="0.99 quantile (Loki interpolation) of duration_ms over the POST /api/v1/cart/items requests, whole "
            "span; no slow-request line has this path", extra=MS),
    Q("h10-05", CK, "distinct", "How many different users got a 502 between 10:20 and 10:35?",
      distinct(g("user_id"), is_("status", 502), "10:20", "10:35"),
      notes="distinct user_id of the status 502 lines (payment authorization failed) in [10:20, 10:35)"),
    Q("h10-06", CK, "count", "how many ERROR logs did checkout-7d9f8c6b5-kx2lp write between 11:40 and 11:52",
      count(both(is_("level", "ERROR"), is_("pod", "checkout-7d9f8c6b5-kx2lp")), "11:40", "11:52"), labels=None,
      notes="level ERROR lines of that pod in [11:40, 11:52) (price-cache failures and failed requests); "
            "asked without --labels"),
    Q("h10-07", CK, "number", "orders placed per minute between 09:00 and 10:00",
      rate(is_("msg", "order placed"), "09:00", "10:00", 60), 0.02,
      notes="`order placed` lines in [09:00, 10:00) divided by 60 minutes"),
    Q("h10-08", CK, "topk", "Which 3 users placed the most orders?",
      topk_count(g("user_id"), 3, is_("msg", "order placed")),
      notes="user_id of the `order placed` lines, whole span"),
    Q("h10-09", CK, "time", "When did the price cache first fail to load?",
      when(is_("msg", "failed to load price cache"), "first"),
      notes="the first `failed to load price cache` ERROR line"),
    Q("h10-10", CK, "yesno", "any HTTP 500s on /api/v1/checkout between 11:00 and 12:00?",
      yesno(both(is_("path", "/api/v1/checkout"), is_("status", 500)),
            r'"path":"/api/v1/checkout","status":500,', "11:00", "12:00"),
      notes="status 500 (not 502) lines with path /api/v1/checkout in [11:00, 12:00): yes"),
    # ------------------------------------------------------------------ ledger-svc.log (logfmt)
    Q("h10-11", LG, "number", "p99 took in ms for POST /v1/transfers",
      number("p99", took_s, both(lg_req, is_("method", "POST"), is_("path", "/v1/transfers")), scale=1000.0), 0.02,
      notes="0.99 quantile (Loki interpolation) of took (Go duration) of the `request completed` lines of POST "
            "/v1/transfers, whole span, in ms", extra=MS),
    Q("h10-12", LG, "topk", "top 3 paths by p95 took",
      ranking("p95", took_s, g("path"), 3, lg_req),
      notes="0.95 quantile of took per path over the `request completed` lines, whole span (5 paths)"),
    Q("h10-13", LG, "number", "What percentage of GET /v1/rates requests returned 504 between 11:05 and 11:15?",
      share(is_("status", "504"), both(lg_req, is_("path", "/v1/rates")), 100.0, "11:05", "11:15"), 0.02,
      notes="status=504 / all `request completed` lines of /v1/rates in [11:05, 11:15), percent (the `fetch "
            "rates failed` lines are not requests)", extra=PCT),
    Q("h10-14", LG, "topk", "which table had the slowest db queries on average between 10:25 and 10:40?",
      ranking("avg", lambda r: go_seconds(r.f["dur"]), g("table"), 1, lg_db, "10:25", "10:40",
              also=(lambda r: go_seconds(r.f["dur"]), is_("msg", "db query"))),
      notes="mean dur per table of the `db query` and `slow query` lines in [10:25, 10:40); the `db query` lines "
            "alone give the same table"),
    Q("h10-15", LG, "count", "how many warnings were logged?",
      count(is_("level", "warn"), "10:25", "10:40"), window=("10:25", "10:40"),
      notes="window only through --start/--end (10:25-10:40); level=warn lines (slow queries, token expiring "
            "soon, validation failed)"),
    Q("h10-16", LG, "number", "How long did the slowest settlement batch take, in seconds?",
      number("max", lambda r: go_seconds(r.f["elapsed"]), is_("msg", "batch settled"), digits=6), 0.001,
      notes="max elapsed (Go duration with minutes) of the `batch settled` lines, in seconds; tolerance 0.1% for "
            "rounding", extra={"unit": "s", "accept_scale": [1000.0, 1 / 60]}),
    Q("h10-17", LG, "number", "requests per second between 10:00 and 10:30",
      rate(lg_req, "10:00", "10:30", 1), 0.02,
      notes="`request completed` lines in [10:00, 10:30) divided by 1800 s"),
    Q("h10-18", LG, "number", "total bytes returned by /v1/accounts/:id/entries between 09:00 and 10:00",
      number("sum", fnum("bytes"), both(lg_req, is_("path", "/v1/accounts/:id/entries")), "09:00", "10:00"), 0.001,
      notes="sum of bytes= of the `request completed` lines of that path in [09:00, 10:00)", extra={"unit": "bytes"}),
    Q("h10-19", LG, "time", "when was the last fetch rates failed error",
      when(is_("msg", "fetch rates failed"), "last"), labels=None,
      notes="the last msg=\"fetch rates failed\" line; asked without --labels"),
    Q("h10-20", LG, "number", "what fraction of requests took longer than 1s between 10:25 and 10:40?",
      share(lambda r: took_s(r) > 1.0, lg_req, 1.0, "10:25", "10:40"), 0.02,
      notes="`request completed` lines with took > 1s / all of them in [10:25, 10:40), as a fraction",
      extra=FRAC),
    # ------------------------------------------------------------------ ingress-nginx.log (access log)
    Q("h10-21", NG, "number", "What percentage of requests returned 5xx between 10:00 and 11:00?",
      share(lambda r: 500 <= r.f["status"] <= 599, ng_all, 100.0, "10:00", "11:00"), 0.02,
      notes="status 500-599 lines / all lines in [10:00, 11:00), percent (499 is not a 5xx)", extra=PCT),
    Q("h10-22", NG, "topk", "top 2 upstreams by p95 request time",
      ranking("p95", fnum("request_time"), g("upstream_name"), 2, ng_all,
              also=(fnum("upstream_response_time"), has_upstream)),
      notes="0.95 quantile of request_time per upstream (the [upstream_name] column), whole span; "
            "upstream_response_time ranks the same"),
    Q("h10-23", NG, "number", "p95 request time in ms for the shop-checkout-8080 upstream",
      number("p95", fnum("request_time"), is_("upstream_name", "shop-checkout-8080"), scale=1000.0,
             also=(fnum("upstream_response_time"), both(is_("upstream_name", "shop-checkout-8080"),
                                                        has_upstream))), 0.02,
      notes="0.95 quantile of request_time (s, shown in ms) of the lines with upstream shop-checkout-8080, whole "
            "span; upstream_response_time gives the same within 2%", extra=MS),
    Q("h10-24", NG, "number", "how many MB did 198.51.100.23 download?",
      number("sum", fnum("body_bytes_sent"), is_("remote_addr", "198.51.100.23"), scale=1e-6), 0.001,
      notes="sum of body_bytes_sent of the client 198.51.100.23, whole span, in MB (10^6 bytes); MiB and bytes "
            "accepted", extra={"unit": "MB", "accept_scale": [1e6 / 2 ** 20, 1e6]}),
    Q("h10-25", NG, "distinct", "how many unique client IPs got a 502 or 504 between 10:20 and 10:35",
      distinct(g("remote_addr"), lambda r: r.f["status"] in (502, 504), "10:20", "10:35"),
      notes="distinct remote_addr of the status 502/504 lines in [10:20, 10:35)"),
    Q("h10-26", NG, "number", "How many 429s per minute were we returning between 11:35 and 11:45?",
      rate(is_("status", 429), "11:35", "11:45", 60), 0.02,
      notes="status 429 lines in [11:35, 11:45) divided by 10 minutes"),
    Q("h10-27", NG, "topk", "top 3 client IPs by number of requests between 10:00 and 11:00",
      topk_count(g("remote_addr"), 3, ng_all, "10:00", "11:00"), labels=None,
      notes="remote_addr of all lines in [10:00, 11:00); asked without --labels"),
    Q("h10-28", NG, "time", "When did we return the first 429?",
      when(is_("status", 429), "first"),
      notes="the first status 429 line (to the second)"),
    Q("h10-29", NG, "yesno", "Did shop-catalog-8080 return any 504s?",
      yesno(both(is_("upstream_name", "shop-catalog-8080"),
                 lambda r: r.f["status"] == 504 or r.f["upstream_status"] == "504"),
            r'HTTP/1\.1" 504 \d+ .*\[shop-catalog-8080\]', "09:00", "12:00"),
      notes="status or upstream_status 504 with upstream shop-catalog-8080, whole span: no (its 5xx are 500/503)"),
    Q("h10-30", NG, "lines", "show me the 504s from shop-checkout-8080 between 10:20 and 10:35",
      lines(both(is_("status", 504), is_("upstream_name", "shop-checkout-8080")),
            r'HTTP/1\.1" 504 \d+ .*\[shop-checkout-8080\]', "10:20", "10:35"),
      notes="status 504 lines with upstream shop-checkout-8080 in [10:20, 10:35); every returned line must be one"),
]


# --------------------------------------------------------------------------- building and the command line


def build(data: Path) -> list[dict]:
    recs = load(data)
    out, ids = [], set()
    for q in QUESTIONS:
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
        start, end = (hm_iso(q.window[0]), hm_iso(q.window[1])) if q.window else FULL
        rec = {"id": q.id, "file": q.file, "labels": LABELS[q.file] if q.labels == "default" else q.labels,
               "start": start, "end": end, "question": q.question, "kind": q.kind, "expected": got,
               "tolerance": q.tolerance, "notes": q.notes}
        rec.update(extra)
        if q.kind in ("yesno", "lines"):
            check_regex(q, recs[q.file], rec)
        out.append(rec)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the generated logs (default target/eval-logs)")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help=f"write questions_{SET}.jsonl beside this script")
    mode.add_argument("--check", action="store_true", help=f"compare with the committed questions_{SET}.jsonl")
    ap.add_argument("--list", action="store_true", help="print the questions with their expected answers")
    args = ap.parse_args()

    records = build(args.data)
    name = f"questions_{SET}.jsonl"
    text = dumps(records)
    if args.list:
        for r in records:
            print(f"{r['id']:<7} {r['kind']:<8} {r['question']}\n        -> {json.dumps(r['expected'])}"
                  + (f"  counts={r['counts']}" if "counts" in r else "")
                  + (f"  values={r['values']}" if "values" in r else "")
                  + (f"  n={r['window_count']}" if "window_count" in r else ""))
    kinds = Counter(r["kind"] for r in records)
    yes = sum(1 for r in records if r["kind"] == "yesno" and r["expected"])
    rates = sum(1 for r in records if "per_s" in r)
    print(f"{SET}: {len(records)} questions  " + " ".join(f"{k}={kinds[k]}" for k in sorted(kinds))
          + f"  (rates {rates}, yes {yes})  files={len({r['file'] for r in records})}")
    if args.write:
        (HERE / name).write_text(text)
        print(f"wrote {name}")
    elif args.check:
        p = HERE / name
        if not p.exists() or p.read_text() != text:
            print(f"differs from the committed file: {name}", file=sys.stderr)
            return 1
        print("matches the committed questions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
