#!/usr/bin/env python3
"""The eleventh held-out set (heldout11): 48 questions over the six logs of gen_logs11.py, with
expected answers computed from the generated files, asked with the stream labels the manifest gives.

    python3 eval/ask/expected11.py [--data DIR] [--write | --check] [--list]

Reads the files gen_logs11.py wrote (default target/eval-logs; generated there first when
missing), parses them back with parsers of its own, and computes every expected value with
one function per question. It reuses expected.py's judging conventions and helpers (windows,
quantiles, topk ties, line-regex checks) so the records have the schema run_eval.py reads.

  --write   (re)write questions_heldout11.jsonl and files_heldout11.json here
  --check   compare with those committed files (exit 1 on a difference)
  --list    print every question with its expected value

The set was written without reading the planner and without running `askloki ask`; its
answers were fixed before the first run. Do not reword a question after seeing a result.
"""
from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import heldout_cli
from expected import (Q, count_q, distinct_q, load_records, ms_of, number_q, rate_q, Rec, rnd, time_q, topk_q,
                      where, win, yesno_q, lines_q)

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "target" / "eval-logs"
JO, CF, CE = "node-journal.jsonl", "cloudfront-access.log", "celery-worker.log"
SL, HK, VP = "pricing-structlog.jsonl", "shopfront-heroku.log", "vpc-flow.log"
# Half A: journal, CloudFront, Celery; half B: structlog, Heroku, VPC flow logs (run_eval.py --half).
HALF = {JO: "A", CF: "A", CE: "A", SL: "B", HK: "B", VP: "B"}

# --------------------------------------------------------------------------- parsing


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1]


def parse_journal(path: Path) -> list[Rec]:
    """`journalctl -o json`: every value a string; the time is __REALTIME_TIMESTAMP (µs). Where a
    _SOURCE_REALTIME_TIMESTAMP is written it must lie in the same second."""
    out = []
    for line in read_lines(path):
        obj = json.loads(line)
        us = int(obj["__REALTIME_TIMESTAMP"])
        src = obj.get("_SOURCE_REALTIME_TIMESTAMP")
        assert src is None or int(src) // 1_000_000 == us // 1_000_000, line[:120]
        assert all(isinstance(v, str) for v in obj.values()), line[:120]
        out.append(Rec(us // 1000, line, obj))
    return out


CF_NAMES = ("date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) "
            "cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol "
            "cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type "
            "cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte "
            "x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end").split()


def parse_cloudfront(path: Path) -> list[Rec]:
    """Tab-separated; `#` lines are the header; the date and time columns are UTC to the second."""
    out = []
    lines = read_lines(path)
    assert lines[0] == "#Version: 1.0" and lines[1] == "#Fields: " + " ".join(CF_NAMES)
    for line in lines:
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        assert len(cols) == len(CF_NAMES), line[:120]
        f = dict(zip(CF_NAMES, cols))
        f["status"] = int(f["sc-status"])
        f["bytes"] = int(f["sc-bytes"])
        f["taken"] = float(f["time-taken"])
        out.append(Rec(ms_of(datetime.strptime(f["date"] + " " + f["time"], "%Y-%m-%d %H:%M:%S")), line, f))
    return out


CE_RX = re.compile(r"^\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d{3}): (DEBUG|INFO|WARNING|ERROR|CRITICAL)/([\w-]+)\] (.*)$")


def parse_celery(path: Path) -> list[Rec]:
    """`[time: LEVEL/process] message`; traceback lines, `Trying again…` and blank lines continue the record."""
    out: list[Rec] = []
    for line in read_lines(path):
        m = CE_RX.match(line)
        if m:
            ms = ms_of(datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S"), int(m.group(2)))
            out.append(Rec(ms, line, {"level": m.group(3), "proc": m.group(4), "msg": m.group(5)}))
        else:
            assert out, line
            out[-1].extra.append(line)
    return out


def parse_structlog(path: Path) -> list[Rec]:
    out = []
    for line in read_lines(path):
        obj = json.loads(line)
        m = re.fullmatch(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d{6})Z", obj["timestamp"])
        out.append(Rec(ms_of(datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S"), int(m.group(2)) // 1000), line, obj))
    return out


HK_RX = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d{6})\+00:00 (heroku|app)\[([^\]]+)\]: (.*)$")
HK_KV = re.compile(r'(\w+)=("[^"]*"|\S+)')


def parse_heroku(path: Path) -> list[Rec]:
    """`heroku logs`: time, source[process]: message; router messages are key=value pairs."""
    out = []
    for line in read_lines(path):
        m = HK_RX.match(line)
        assert m, line
        f = {"src": m.group(3), "proc": m.group(4), "msg": m.group(5)}
        if f["proc"] == "router":
            kv = {k: v.strip('"') for k, v in HK_KV.findall(f["msg"])}
            f["kv"] = kv
            f["status"] = int(kv["status"])
            f["service_ms"] = int(kv["service"].removesuffix("ms"))
            f["path"] = kv["path"]
            f["fwd"] = kv["fwd"]
        ms = ms_of(datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S"), int(m.group(2)) // 1000)
        out.append(Rec(ms, line, f))
    return out


VP_NAMES = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status".split()


def parse_vpc(path: Path) -> list[Rec]:
    """Space-separated, a header line first; a record's time is `start`, and `end` lies in the same minute."""
    out = []
    lines = read_lines(path)
    assert lines[0] == " ".join(VP_NAMES)
    for line in lines[1:]:
        cols = line.split(" ")
        assert len(cols) == len(VP_NAMES), line
        f = dict(zip(VP_NAMES, cols))
        start, end = int(f["start"]), int(f["end"])
        assert start // 60 == end // 60 and start <= end and end % 60, line
        if f["log-status"] == "OK":
            for k in ("srcport", "dstport", "protocol", "packets", "bytes"):
                f[k] = int(f[k])
        out.append(Rec(start * 1000, line, f))
    return out


PARSERS = {JO: parse_journal, CF: parse_cloudfront, CE: parse_celery, SL: parse_structlog, HK: parse_heroku,
           VP: parse_vpc}


def load(data: Path) -> dict[str, list[Rec]]:
    return load_records(data, PARSERS, whole_seconds=frozenset({CF, VP}))


# --------------------------------------------------------------------------- predicates and keys


def grab(rx: str, conv=str, field="msg"):
    """The first group of `rx` in a field, converted; None when it does not match."""
    c = re.compile(rx)

    def key(r):
        v = r.f.get(field)
        m = c.search(v) if isinstance(v, str) else None
        return conv(m.group(1)) if m else None
    return key


# journal
def jmsg(r) -> str:
    return r.f.get("MESSAGE", "")


def on(host):
    return lambda r: r.f.get("_HOSTNAME") == host


J_FAILED_PW = re.compile(r"^Failed password for (?:invalid user )?\S+ from ([\d.]+) port \d+ ssh2$")
J_BATCH_S = grab(r"^processed batch \d+: \d+ orders in ([\d.]+)s$", float, "MESSAGE")
J_OOM_WORDS = ("oom-kill", "oom_reaper", "OOM killer", "Out of memory")


def j_failed_ip(r):
    m = J_FAILED_PW.match(jmsg(r))
    return m.group(1) if m else None


def j_oom_app01(r):
    return r.f.get("_HOSTNAME") == "app-01" and any(w in jmsg(r) for w in J_OOM_WORDS)


# CloudFront
def cf(**want):
    return lambda r: all(r.f[k] == v for k, v in want.items())


# Celery
CE_SUCCEEDED = re.compile(r"^Task ([\w.]+)\[[0-9a-f-]+\] succeeded in ([\d.e-]+)s: ")


def ce_succeeded(task=None, what=1, conv=str):
    def key(r):
        m = CE_SUCCEEDED.match(r.f["msg"])
        if not m or (task and m.group(1) != task):
            return None
        return conv(m.group(what))
    return key


CE_HARD = r"Hard time limit|TimeLimitExceeded\(\d"


# structlog
def ev(name):
    return lambda r: r.f.get("event") == name


def req(pred=lambda r: True):
    return lambda r: r.f.get("event") == "request finished" and pred(r)


# Heroku
def router(pred=lambda r: True):
    return lambda r: r.f["proc"] == "router" and pred(r)


# VPC
def vp(**want):
    return lambda r: r.f["log-status"] == "OK" and all(r.f[k] == v for k, v in want.items())


def internal(ip) -> bool:
    return isinstance(ip, str) and ip.startswith("10.")


def vp_ssh_in_accepted(r):
    f = r.f
    if f["log-status"] != "OK" or f["action"] != "ACCEPT" or f["protocol"] != 6:
        return False
    inbound = not internal(f["srcaddr"]) and f["dstaddr"] == "10.0.0.10" and f["dstport"] == 22
    reply = f["srcaddr"] == "10.0.0.10" and not internal(f["dstaddr"]) and f["srcport"] == 22
    return inbound or reply


VP_SSH_REGEX = (r"^2 \d+ \S+ (?:(?!10\.)[\d.]+ 10\.0\.0\.10 \d+ 22|10\.0\.0\.10 (?!10\.)[\d.]+ 22 \d+) 6 \d+ \d+ "
                r"\d+ \d+ ACCEPT OK$")

# --------------------------------------------------------------------------- aggregates not in expected.py


def topk_sum_q(key, val, k, pred=lambda r: True, a=None, b=None):
    """The k keys with the largest sum of `val` (ties refused like top())."""
    def f(R):
        acc = defaultdict(float)
        for r in where(win(R, a, b), pred):
            kv = key(r)
            if kv is not None:
                acc[kv] += val(r)
        ranked = sorted(acc.items(), key=lambda kv: -kv[1])
        assert len(ranked) > k and ranked[k - 1][1] != ranked[k][1], ranked[: k + 1]
        return [v for v, _ in ranked[:k]], {"k": k, "counts": {str(v): round(n, 3) for v, n in ranked[: k + 2]}}
    return f


def sum_scaled(val, pred, scale, a=None, b=None):
    def f(R):
        total = sum(val(r) for r in where(win(R, a, b), pred))
        assert total > 0
        return float(f"{total / scale:.6g}")
    return f


def scaled(agg, val, pred, scale, a=None, b=None):
    """number_q of `val * scale` (a quantity asked in another unit than the log's)."""
    return number_q(agg, lambda r: val(r) * scale, pred, a, b)


def share_q(pred, of, a=None, b=None):
    """The percentage of the `of` events that are also `pred` events."""
    def f(R):
        base = where(win(R, a, b), of)
        n = len(where(base, pred))
        assert base and n
        return rnd(100.0 * n / len(base)), {"window_count": n}
    return f


def yes_lines(pred, regex, a=None, b=None):
    """A yes question: the lines a right answer may return are those `regex` selects."""
    inner = yesno_q(pred, a or "09:00", b or "12:00")

    def f(R):
        got, extra = inner(R)
        assert got, "expected a yes"
        extra["line_regex"] = regex
        return got, extra
    return f


def no_q(pred, a=None, b=None):
    inner = yesno_q(pred, a, b)

    def f(R):
        got, extra = inner(R)
        assert not got, f"expected a no, found {extra['window_count']}"
        return got, extra
    return f


def lines_re(pred, regex, a=None, b=None):
    inner = lines_q(pred, a, b)

    def f(R):
        n, extra = inner(R)
        extra["line_regex"] = regex
        return n, extra
    return f


MS = {"unit": "ms", "accept_scale": [0.001]}
SEC = {"unit": "s", "accept_scale": [1000.0]}
GB = {"unit": "GB", "accept_scale": [1e9 / 2 ** 30]}
PCT = {"unit": "%", "accept_scale": [0.01]}
H11 = "heldout11"
SMTP_RETRY = "Task shop.tasks.send_order_email["

# --------------------------------------------------------------------------- questions

QUESTIONS = [
    # ---- a. systemd journal of four machines, journalctl -o json (half A)
    Q("a11-01", H11, JO, "count", "How many failed SSH password attempts hit app-02 between 09:40 and 09:55?",
      count_q(lambda r: on("app-02")(r) and j_failed_ip(r) is not None, "09:40", "09:55"),
      notes="sshd `Failed password for [invalid user] X from IP port N ssh2` entries of app-02 (a root connection "
            "fails up to six times)"),
    Q("a11-02", H11, JO, "topk", "Which host logged the most errors? I mean journal priority err or worse.",
      topk_q(lambda r: r.f["_HOSTNAME"], 1, lambda r: int(r.f["PRIORITY"]) <= 3),
      notes="`_HOSTNAME` of entries with PRIORITY 0-3 (orders-worker's errors and critical exits on app-03)"),
    Q("a11-03", H11, JO, "time", "When did systemd give up restarting orders-worker on app-03?",
      time_q(lambda r: on("app-03")(r) and jmsg(r) == "orders-worker.service: Start request repeated too quickly.",
             "first"),
      notes="`Start request repeated too quickly.` (then `Failed with result 'start-limit-hit'` and `Failed to start` "
            "within 3 ms)"),
    Q("a11-04", H11, JO, "count", "how many times did orders-worker crash on app-03",
      count_q(lambda r: on("app-03")(r) and jmsg(r).startswith("orders-worker.service: Main process exited, code=exited")),
      notes="`Main process exited, code=exited, status=1/FAILURE` of orders-worker.service; as many `Failed with result "
            "'exit-code'` and `giving up:` entries"),
    Q("a11-05", H11, JO, "number", "What's the average orders-worker batch time on app-02, in seconds?",
      number_q("avg", J_BATCH_S, lambda r: on("app-02")(r) and J_BATCH_S(r) is not None), tolerance=0.02,
      notes="`processed batch N: M orders in X.XXs` entries of app-02", extra=SEC),
    Q("a11-06", H11, JO, "distinct", "How many different IP addresses failed to log in over ssh?",
      distinct_q(j_failed_ip), notes="distinct source addresses of `Failed password` entries (all on app-02; every "
                                     "attempt, invalid user or root, has one)"),
    Q("a11-07", H11, JO, "lines", "show me the OOM kills on app-01",
      lines_re(j_oom_app01, r'^(?=.*"_HOSTNAME":"app-01")(?=.*"MESSAGE":"[^"]*(?:oom-kill|oom_reaper|OOM killer|Out of memory))'),
      notes="app-01 entries about the OOM kills: kernel `invoked oom-killer`, `oom-kill:constraint=…`, `Out of memory: "
            "Killed process`, `oom_reaper`, systemd `killed by the OOM killer` and `Failed with result 'oom-kill'`"),
    Q("a11-08", H11, JO, "number", "log volume from app-03 between 10:30 and 10:45, in entries per minute?",
      rate_q(on("app-03"), "10:30", "10:45", 60), tolerance=0.02,
      notes="all journal entries with `_HOSTNAME` app-03 (the crash loop)"),

    # ---- c. CloudFront standard access log (half A)
    Q("a11-09", H11, CF, "count", "How many 502s did CloudFront return between 10:05 and 10:20?",
      count_q(lambda r: r.f["status"] == 502, "10:05", "10:20"),
      notes="sc-status 502 (x-edge-detailed-result-type OriginConnectError)"),
    Q("a11-10", H11, CF, "topk", "Which CloudFront POP handled the most requests?",
      topk_q(lambda r: r.f["x-edge-location"], 1), notes="x-edge-location of every request line"),
    Q("a11-11", H11, CF, "number", "How much did 45.133.1.88 download from the CDN, in GB?",
      sum_scaled(lambda r: r.f["bytes"], cf(**{"c-ip": "45.133.1.88"}), 1e9), tolerance=0.001,
      notes="sum of sc-bytes of c-ip 45.133.1.88 / 1e9 (GiB accepted); its 403s are included and tiny", extra=GB),
    Q("a11-12", H11, CF, "number", "average time-taken for cache misses, in milliseconds",
      scaled("avg", lambda r: r.f["taken"], cf(**{"x-edge-result-type": "Miss"}), 1000.0), tolerance=0.02,
      notes="mean time-taken (seconds in the log) of x-edge-result-type Miss, in ms (seconds accepted)", extra=MS),
    Q("a11-13", H11, CF, "distinct", "how many unique client IPs hit the distribution?",
      distinct_q(lambda r: r.f["c-ip"], lambda r: True, "10:00", "11:00"), window=("10:00", "11:00"),
      notes="window only through --start/--end; distinct c-ip (IPv4 and IPv6)"),
    Q("a11-14", H11, CF, "number", "What percentage of requests were cache misses between 10:50 and 11:00?",
      share_q(cf(**{"x-edge-result-type": "Miss"}), lambda r: True, "10:50", "11:00"), tolerance=0.02,
      notes="x-edge-result-type Miss over all request lines in the window (after the 10:50:13 invalidation); the "
            "fraction is accepted", extra=PCT),
    Q("a11-15", H11, CF, "time", "When did we start returning 403s to 45.133.1.88?",
      time_q(lambda r: r.f["c-ip"] == "45.133.1.88" and r.f["status"] == 403, "first"),
      notes="its first sc-status 403 (the WAF rule); none earlier"),
    Q("a11-16", H11, CF, "yesno", "Did static.shopfront.example serve any 5xx errors?",
      no_q(lambda r: r.f["x-host-header"] == "static.shopfront.example" and r.f["status"] >= 500),
      notes="no: the origin failures are all on www.shopfront.example"),

    # ---- e. Celery worker with embedded beat (half A)
    Q("a11-17", H11, CE, "count", "How many times was send_order_email retried?",
      count_q(lambda r: r.f["msg"].startswith(SMTP_RETRY) and "] retry: Retry in " in r.f["msg"]),
      notes="`Task shop.tasks.send_order_email[id] retry: Retry in 60s: SMTPServerDisconnected(…)` lines"),
    Q("a11-18", H11, CE, "topk", "top 3 celery tasks by number of successful runs",
      topk_q(ce_succeeded(), 3, lambda r: ce_succeeded()(r) is not None),
      notes="task names of `Task NAME[id] succeeded in Xs` lines"),
    Q("a11-19", H11, CE, "number", "average runtime of resize_product_image in seconds",
      number_q("avg", ce_succeeded("shop.tasks.resize_product_image", 2, float),
               lambda r: ce_succeeded("shop.tasks.resize_product_image")(r) is not None), tolerance=0.02,
      notes="`succeeded in Xs` of shop.tasks.resize_product_image", extra=SEC),
    Q("a11-20", H11, CE, "number", "What's the p95 runtime of generate_report, counting only the runs that succeeded?",
      number_q("p95", ce_succeeded("shop.tasks.generate_report", 2, float),
               lambda r: ce_succeeded("shop.tasks.generate_report")(r) is not None), tolerance=0.02,
      notes="p95 (linear interpolation) of `succeeded in Xs` of shop.tasks.generate_report", extra=SEC),
    Q("a11-21", H11, CE, "time", "when did the celery worker lose its connection to the broker?",
      time_q(lambda r: r.f["msg"].startswith("consumer: Connection to broker lost"), "first"),
      notes="`consumer: Connection to broker lost.` (the first `Cannot connect` follows within 0.15 s)"),
    Q("a11-22", H11, CE, "distinct", "How many different pool worker processes ran tasks?",
      distinct_q(lambda r: r.f["proc"], lambda r: r.f["proc"].startswith("ForkPoolWorker-"), "11:00", "12:00"),
      window=("11:00", "12:00"),
      notes="window only through --start/--end; ForkPoolWorker-N processes with lines (concurrency 8, one killed at the "
            "hard time limit and replaced)"),
    Q("a11-23", H11, CE, "yesno", "Did any task get killed for going over the hard time limit?",
      yes_lines(lambda r: re.search(CE_HARD, r.line) is not None, CE_HARD),
      notes="yes: generate_report for megacorp, `Hard time limit (300s) exceeded` (and `TimeLimitExceeded(300,)`)"),
    Q("a11-24", H11, CE, "number", "How many tasks per minute did the worker receive between 10:10 and 10:40?",
      rate_q(lambda r: r.f["proc"] == "MainProcess" and re.match(r"Task \S+ received$", r.f["msg"]) is not None,
             "10:10", "10:40", 60), tolerance=0.02,
      notes="`Task NAME[id] received` lines (no retries or outage in the window)"),

    # ---- b. structlog JSON of a FastAPI service (half B)
    Q("b11-01", H11, SL, "count", "how many of initech's requests got throttled (429)?",
      count_q(req(lambda r: r.f["tenant"] == "initech" and r.f["status_code"] == 429)),
      notes="`request finished` with status_code 429 and tenant initech (one `rate limit exceeded` warning each)"),
    Q("b11-02", H11, SL, "number",
      "p95 latency of single quote lookups (GET /v1/quotes/<sku>) between 09:35 and 09:50, in ms",
      scaled("p95", lambda r: r.f["duration"], req(lambda r: r.f["route"] == "/v1/quotes/{sku}"), 1000.0,
             "09:35", "09:50"), tolerance=0.02,
      notes="p95 of `duration` (seconds) of route /v1/quotes/{sku} `request finished` lines, in ms", extra=MS),
    Q("b11-03", H11, SL, "topk", "Which two tenants sent the most requests to pricing-api?",
      topk_q(lambda r: r.f["tenant"], 2, req()), notes="tenant of `request finished` lines"),
    Q("b11-04", H11, SL, "distinct", "how many distinct client IPs called the pricing API?",
      distinct_q(lambda r: r.f["client_ip"], req(), "10:00", "11:00"), window=("10:00", "11:00"),
      notes="window only through --start/--end; client_ip of `request finished` lines"),
    Q("b11-05", H11, SL, "time", "When did version 2026.12.2 come up?",
      time_q(lambda r: r.f.get("event") == "application startup complete" and r.f.get("version") == "2026.12.2", "first"),
      notes="`application startup complete` with version 2026.12.2 (its `configuration loaded` is under a second "
            "earlier)"),
    Q("b11-06", H11, SL, "count", "How many unhandled exceptions were logged between 11:05 and 11:35?",
      count_q(ev("unhandled exception"), "11:05", "11:35"),
      notes="`unhandled exception` events (KeyError 'currency' after the deploy); each has a 500 `request finished`"),
    Q("b11-07", H11, SL, "number", "What was the longest inventory-svc timeout, in ms?",
      number_q("max", lambda r: r.f["elapsed_ms"], ev("upstream call failed")),
      notes="max `elapsed_ms` of `upstream call failed` (inventory-svc ReadTimeout)", extra=MS),
    Q("b11-08", H11, SL, "yesno", "Was any tenant rate limited?",
      yes_lines(lambda r: r.f.get("event") == "rate limit exceeded" or r.f.get("status_code") == 429,
                r'"event": "rate limit exceeded"|"status_code": 429'),
      notes="yes: initech, 10:20-10:35 (`rate limit exceeded` warnings, 429 requests)"),

    # ---- d. Heroku app, heroku logs (half B)
    Q("b11-09", H11, HK, "count", "How many H12 request timeouts did the router log?",
      count_q(router(lambda r: r.f["kv"].get("code") == "H12")), notes="`heroku[router]: at=error code=H12` lines"),
    Q("b11-10", H11, HK, "topk", "which endpoint returned the most 5xx?",
      topk_q(lambda r: r.f["path"], 1, router(lambda r: r.f["status"] >= 500)),
      notes="router `path` of lines with status 500-599 (the H12s are status=503)"),
    Q("b11-11", H11, HK, "number", "Average router service time for product pages (/products/...), in ms",
      number_q("avg", lambda r: r.f["service_ms"], router(lambda r: r.f["path"].startswith("/products/"))),
      tolerance=0.02, notes="`service=Nms` of router lines whose path starts /products/ (the scraper's included)",
      extra=MS),
    Q("b11-12", H11, HK, "count", "How many R14 memory quota errors did web.2 have?",
      count_q(lambda r: r.f["proc"] == "web.2" and r.f["msg"] == "Error R14 (Memory quota exceeded)"),
      notes="`heroku[web.2]: Error R14 (Memory quota exceeded)` lines (each after a `Process running mem=` line)"),
    Q("b11-13", H11, HK, "distinct", "how many unique client IPs hit the app?",
      distinct_q(lambda r: r.f["fwd"], router(), "11:40", "11:52"), window=("11:40", "11:52"),
      notes="window only through --start/--end; distinct `fwd` of router lines"),
    Q("b11-14", H11, HK, "time", "When did v232 go out?",
      time_q(lambda r: r.f["proc"] == "api" and r.f["msg"].startswith("Release v232 created"), "first"),
      notes="`app[api]: Release v232 created by user …` (its `Deploy 3f9a1c2e` line is 0.23 s earlier)"),
    Q("b11-15", H11, HK, "number", "Requests per minute from 5.188.62.214 between 11:40 and 11:50?",
      rate_q(router(lambda r: r.f["fwd"] == "5.188.62.214"), "11:40", "11:50", 60), tolerance=0.02,
      notes="router lines with fwd=\"5.188.62.214\""),
    Q("b11-16", H11, HK, "yesno", "Did any dyno crash?",
      no_q(lambda r: "crashed" in r.f["msg"] or "code=H10" in r.f["msg"] or "Error R15" in r.f["msg"]
           or re.search(r"Process exited with status (?!0$|143$)", r.f["msg"]) is not None),
      notes="no: no `State changed from up to crashed`, H10 or R15; dynos exit 0 only on restarts (web.2 by hand, "
            "v231 and v232)"),

    # ---- f. VPC Flow Logs v2 (half B)
    Q("b11-17", H11, VP, "count", "How many rejected flows came from 185.191.171.35?",
      count_q(vp(srcaddr="185.191.171.35", action="REJECT")), notes="records with srcaddr 185.191.171.35 and REJECT"),
    Q("b11-18", H11, VP, "distinct", "How many different destination ports did 185.191.171.35 probe?",
      distinct_q(lambda r: r.f["dstport"], vp(srcaddr="185.191.171.35")), notes="distinct dstport of its records"),
    Q("b11-19", H11, VP, "topk", "Which internal host sent the most bytes out to the internet?",
      topk_sum_q(lambda r: r.f["srcaddr"], lambda r: r.f["bytes"], 1,
                 lambda r: r.f["log-status"] == "OK" and internal(r.f["srcaddr"]) and not internal(r.f["dstaddr"])),
      notes="sum of bytes by srcaddr over records from a 10.x address to a non-10.x address"),
    Q("b11-20", H11, VP, "number", "How many GB went out to 203.0.113.200 between 11:15 and 11:35?",
      sum_scaled(lambda r: r.f["bytes"], vp(dstaddr="203.0.113.200"), 1e9, "11:15", "11:35"), tolerance=0.001,
      notes="sum of bytes of records with dstaddr 203.0.113.200 / 1e9 (GiB accepted)", extra=GB),
    Q("b11-21", H11, VP, "count", "How many connections to postgres (5432) were rejected between 10:40 and 10:55?",
      count_q(vp(dstport=5432, action="REJECT"), "10:40", "10:55"),
      notes="REJECT records with dstport 5432 (10.0.3.17 and 10.0.3.18 to 10.0.2.31; each retry a new source port)"),
    Q("b11-22", H11, VP, "time", "When was 10.0.3.17 first blocked from reaching the database?",
      time_q(vp(srcaddr="10.0.3.17", action="REJECT"), "first"),
      notes="`start` of its first REJECT record (one packet, end = start)"),
    Q("b11-23", H11, VP, "number", "rejected flows per minute between 09:30 and 09:50",
      rate_q(vp(action="REJECT"), "09:30", "09:50", 60), tolerance=0.02,
      notes="REJECT records (the scan and the background noise at the two public interfaces)"),
    Q("b11-24", H11, VP, "yesno", "Was any SSH traffic from outside the VPC accepted?",
      yes_lines(vp_ssh_in_accepted, VP_SSH_REGEX),
      notes="yes: the office 198.51.100.10 to the bastion 10.0.0.10:22 (and the replies); all other outside ssh is "
            "REJECT"),
]

# --------------------------------------------------------------------------- writing


def build(data: Path) -> tuple[list[dict], dict]:
    manifest = heldout_cli.generated(data, 11, PARSERS)
    return heldout_cli.build(QUESTIONS, load(data), manifest)


if __name__ == "__main__":
    sys.exit(heldout_cli.main(__doc__.split("\n\n")[0], "heldout11", DEFAULT_DATA, build, HALF))
