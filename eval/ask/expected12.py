#!/usr/bin/env python3
"""The twelfth held-out set (heldout12): 48 questions over the six logs of gen_logs12.py, with
expected answers computed from the generated files, asked with the stream labels the manifest gives.

    python3 eval/ask/expected12.py [--data DIR] [--write | --check] [--list]

Reads the files gen_logs12.py wrote (default target/eval-logs; generated there first when
missing), parses them back with parsers of its own, and computes every expected value with
one function per question. Standard library only; it imports nothing from the other sets.

  --write   (re)write questions_heldout12.jsonl and files_heldout12.json here
  --check   compare with those committed files (exit 1 on a difference)
  --list    print every question with its expected value

Conventions (README.md, "Questions"): windows are half-open [start, end) in UTC, which gives
the same lines as Loki's (start, end] because no line falls on a window boundary; quantiles
interpolate linearly between ranks (Prometheus' quantile, phi * (n - 1)) and are checked to lie
within 1 % of the nearest-rank value; a topk never ties at its cut; the line_regex of a `lines`
or yes question selects exactly the events the question counts, and every line it matches lies
in line_window. The set was written without reading the planner and without running
`askloki ask`; its answers were fixed before the first run. Do not reword a question after
seeing a result.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
import subprocess
import sys
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import heldout_cli  # noqa: E402  (the shared --write/--check/--list)

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "target" / "eval-logs"
SET = "heldout12"
UTC = timezone.utc
DAY = "2026-12-06"
FULL = ("2026-12-06T09:00:00Z", "2026-12-06T12:00:00Z")
ET, GU, SH = "etcd-cp-2.jsonl", "catalog-gunicorn.log", "backup-shipper.log"
II, VA, TC = "iis-portal.log", "vault-audit.jsonl", "shop-catalina.out"
# Half A: etcd, gunicorn/Flask, Go log; half B: IIS, Vault audit, Tomcat (run_eval.py --half).
HALF = {ET: "A", GU: "A", SH: "A", II: "B", VA: "B", TC: "B"}
MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}

# --------------------------------------------------------------------------- records


class Rec:
    """One line of a file. `head` is False for a line without a time of its own (a traceback or
    stack frame, a blank line), which takes the time of the line before it. `f` holds the fields."""
    __slots__ = ("ms", "line", "head", "f")

    def __init__(self, ms: int, line: str, head: bool, f: dict | None = None):
        self.ms, self.line, self.head, self.f = ms, line, head, f or {}


def ms_at(y, mo, d, hms: str, frac: str = "") -> int:
    h, m, s = (int(x) for x in hms.split(":"))
    base = int(datetime(int(y), int(mo), int(d), h, m, s, tzinfo=UTC).timestamp()) * 1000
    return base + (int((frac + "000")[:3]) if frac else 0)


def ms_rfc3339(s: str) -> int:
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)T(\d\d:\d\d:\d\d)(?:\.(\d+))?Z", s)
    return ms_at(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5) or "")


def hm(hhmm: str) -> int:
    return ms_at(2026, 12, 6, hhmm + ":00" if hhmm.count(":") == 1 else hhmm)


def iso(ms: int) -> str:
    d = datetime.fromtimestamp(ms // 1000, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S")
    return d + (f".{ms % 1000:03d}Z" if ms % 1000 else "Z")


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1]


def with_continuations(path: Path, parse) -> list[Rec]:
    """`parse(line)` gives (ms, fields) for a line with a time of its own, else None."""
    out, last = [], None
    for line in read_lines(path):
        got = parse(line)
        if got is None:
            assert last is not None, f"{path.name}: a continuation line before any record: {line[:80]}"
            out.append(Rec(last, line, False))
        else:
            last = got[0]
            out.append(Rec(got[0], line, True, got[1]))
    return out


# --------------------------------------------------------------------------- parsers


def parse_etcd(path: Path) -> list[Rec]:
    out = []
    for line in read_lines(path):
        d = json.loads(line)
        out.append(Rec(ms_rfc3339(d["ts"]), line, True, d))
    return out


G_ACCESS = re.compile(r'^(\S+) - - \[(\d\d)/(\w{3})/(\d{4}):(\d\d:\d\d:\d\d) \+0000\] "(\S+) (\S+) HTTP/1\.1" '
                      r'(\d{3}) (\d+|-) "([^"]*)" "([^"]*)" (\d+)$')
G_ERR = re.compile(r"^\[(\d{4})-(\d\d)-(\d\d) (\d\d:\d\d:\d\d) \+0000\] \[(\d+)\] \[(\w+)\] (.*)$")
G_FLASK = re.compile(r"^\[(\d{4})-(\d\d)-(\d\d) (\d\d:\d\d:\d\d),(\d{3})\] (\w+) in (\w+): (.*)$")


def parse_gunicorn(path: Path) -> list[Rec]:
    def one(line):
        m = G_ACCESS.match(line)
        if m:
            target = m.group(7)
            return ms_at(m.group(4), MONTHS[m.group(3)], m.group(2), m.group(5)), {
                "kind": "access", "ip": m.group(1), "method": m.group(6), "target": target,
                "path": target.split("?")[0], "status": int(m.group(8)), "size": m.group(9),
                "ua": m.group(11), "us": int(m.group(12))}
        m = G_ERR.match(line)
        if m:
            return ms_at(*m.group(1, 2, 3, 4)), {"kind": "gunicorn", "pid": int(m.group(5)), "level": m.group(6),
                                                   "msg": m.group(7)}
        m = G_FLASK.match(line)
        if m:
            return ms_at(*m.group(1, 2, 3, 4), m.group(5)), {"kind": "flask", "level": m.group(6),
                                                               "module": m.group(7), "msg": m.group(8)}
        return None
    return with_continuations(path, one)


S_LINE = re.compile(r"^(\d{4})/(\d\d)/(\d\d) (\d\d:\d\d:\d\d) (?:\[([\w-]+)\] )?(.*)$")


def parse_shipper(path: Path) -> list[Rec]:
    def one(line):
        m = S_LINE.match(line)
        if not m:
            return None
        return ms_at(*m.group(1, 2, 3, 4)), {"source": m.group(5), "msg": m.group(6)}
    return with_continuations(path, one)


I_NAMES = ("date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) "
           "sc-status sc-substatus sc-win32-status time-taken").split()


def parse_iis(path: Path) -> list[Rec]:
    out, last = [], None
    for line in read_lines(path):
        if line.startswith("#"):
            if line.startswith("#Date: "):
                last = ms_at(*line[7:17].split("-"), line[18:26])
            out.append(Rec(last, line, False, {"directive": True}))
            continue
        parts = line.split(" ")
        assert len(parts) == len(I_NAMES), line
        f = dict(zip(I_NAMES, parts))
        last = ms_at(*f["date"].split("-"), f["time"])
        out.append(Rec(last, line, True, f))
    return out


def parse_vault(path: Path) -> list[Rec]:
    out = []
    for line in read_lines(path):
        d = json.loads(line)
        out.append(Rec(ms_rfc3339(d["time"]), line, True, d))
    return out


T_JULI = re.compile(r"^(\d\d)-(\w{3})-(\d{4}) (\d\d:\d\d:\d\d)\.(\d{3}) (SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST) "
                    r"\[([^\]]+)\] (\S+) (.*)$")
T_LB = re.compile(r"^(\d{4})-(\d\d)-(\d\d) (\d\d:\d\d:\d\d)\.(\d{3}) \[([^\]]+)\] (\w+)\s+(\S+) - (.*)$")
T_REQ = re.compile(r"^(GET|POST|PUT|DELETE) (\S+) status=(\d{3}) took=(\d+)ms client=(\S+)$")


def parse_tomcat(path: Path) -> list[Rec]:
    def one(line):
        m = T_JULI.match(line)
        if m:
            return ms_at(m.group(3), MONTHS[m.group(2)], m.group(1), m.group(4), m.group(5)), {
                "kind": "juli", "level": m.group(6), "thread": m.group(7), "source": m.group(8), "msg": m.group(9)}
        m = T_LB.match(line)
        if m:
            f = {"kind": "app", "thread": m.group(6), "level": m.group(7), "logger": m.group(8), "msg": m.group(9)}
            r = T_REQ.match(f["msg"]) if f["logger"] == "c.f.shop.web.RequestLogFilter" else None
            if r:
                f.update(method=r.group(1), uri=r.group(2), status=int(r.group(3)), took=int(r.group(4)),
                         client=r.group(5))
            return ms_at(*m.group(1, 2, 3, 4), m.group(5)), f
        return None
    return with_continuations(path, one)


PARSERS = {ET: parse_etcd, GU: parse_gunicorn, SH: parse_shipper, II: parse_iis, VA: parse_vault, TC: parse_tomcat}

# --------------------------------------------------------------------------- aggregates


GO_UNIT = {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def go_seconds(s: str) -> float:
    parts = re.findall(r"(\d+(?:\.\d+)?)(ns|µs|us|ms|s|m|h)", s)
    assert parts and "".join(a + b for a, b in parts) == s, s
    return sum(float(a) * GO_UNIT[b] for a, b in parts)


def rnd(x: float, digits: int = 6) -> float:
    return float(f"{x:.{digits}g}")


def sel(recs, pred, a: str | None = None, b: str | None = None) -> list[Rec]:
    """Records with a time of their own that match `pred`, in [a, b) when given (HH:MM)."""
    lo = hm(a) if a else -1
    hi = hm(b) if b else 1 << 62
    return [r for r in recs if r.head and lo <= r.ms < hi and pred(r)]


def count(pred, a=None, b=None):
    def fn(recs):
        n = len(sel(recs, pred, a, b))
        assert n > 0, "empty count"
        return n
    return fn


def topk(key, k, pred=lambda r: True, a=None, b=None):
    def fn(recs):
        c = Counter(key(r) for r in sel(recs, pred, a, b))
        ranked = c.most_common()
        assert len(ranked) >= k, f"only {len(ranked)} groups"
        if len(ranked) > k:
            assert ranked[k - 1][1] > ranked[k][1], f"tie at the cut: {ranked[:k + 1]}"
        return [v for v, _ in ranked[:k]], {"k": k, "counts": [[v, n] for v, n in ranked[:k + 1]]}
    return fn


def distinct(key, pred=lambda r: True, a=None, b=None):
    def fn(recs):
        vals = {key(r) for r in sel(recs, pred, a, b)}
        assert vals
        return len(vals)
    return fn


def values(val, pred, a, b, recs):
    xs = [val(r) for r in sel(recs, pred, a, b)]
    assert xs, "no values"
    return xs


def agg(how, val, pred=lambda r: True, a=None, b=None, q=None):
    def fn(recs):
        xs = values(val, pred, a, b, recs)
        if how == "avg":
            return rnd(sum(xs) / len(xs))
        if how == "sum":
            return rnd(sum(xs), 9)
        if how == "max":
            top = sorted(xs)[-2:]
            assert len(top) < 2 or top[0] < top[1], "max not unique"
            return rnd(top[-1], 9)
        if how == "quantile":
            s = sorted(xs)
            rank = q * (len(s) - 1)
            lo = math.floor(rank)
            hi = min(lo + 1, len(s) - 1)
            v = s[lo] + (s[hi] - s[lo]) * (rank - lo)
            nearest = s[max(0, math.ceil(q * len(s)) - 1)]
            assert abs(v - nearest) <= 0.01 * v, f"quantile conventions disagree: {v} vs {nearest} (n={len(s)})"
            return rnd(v)
        raise ValueError(how)
    return fn


def rate(pred, a, b, per_s):
    def fn(recs):
        n = len(sel(recs, pred, a, b))
        assert n > 0
        secs = (hm(b) - hm(a)) / 1000
        return rnd(n / (secs / per_s)), {"per_s": per_s, "window": [hm_iso(a), hm_iso(b)], "window_count": n}
    return fn


def when(pred, pick, a=None, b=None):
    def fn(recs):
        rs = sel(recs, pred, a, b)
        assert rs
        ms = min(r.ms for r in rs) if pick == "first" else max(r.ms for r in rs)
        return iso(ms), {"pick": pick}
    return fn


def hm_iso(hhmm: str) -> str:
    return iso(hm(hhmm))


def regex_lines(recs, regex: str, window: tuple[str, str]) -> list[Rec]:
    """Every line the regex matches; all of them must lie in the window."""
    rx = re.compile(regex)
    hits = [r for r in recs if rx.search(r.line)]
    lo, hi = hm(window[0]), hm(window[1])
    out = [r for r in hits if not lo <= r.ms < hi]
    assert not out, f"{len(out)} lines match {regex!r} outside {window}, e.g. {out[0].line[:90]}"
    return hits


def yes(pred, regex, window):
    """A yes whose event lines are exactly the lines `regex` matches (continuation lines included)."""
    def fn(recs):
        hits = regex_lines(recs, regex, window)
        want = {id(r) for r in recs if pred(r)}
        assert want and want == {id(r) for r in hits}, f"regex selects {len(hits)} lines, the event {len(want)}"
        return True, {"line_regex": regex, "line_window": [hm_iso(window[0]), hm_iso(window[1])],
                      "window_count": len(hits)}
    return fn


def no(pred, absent: str | None = None):
    """A no: nothing matches `pred`, and no line at all matches the regex `absent`."""
    def fn(recs):
        assert not [r for r in recs if r.head and pred(r)], "the event exists"
        if absent:
            bad = [r.line for r in recs if re.search(absent, r.line)]
            assert not bad, f"{len(bad)} lines match {absent!r}: {bad[0][:90]}"
        return False
    return fn


def lines(pred, regex, window):
    def fn(recs):
        hits = regex_lines(recs, regex, window)
        want = {id(r) for r in recs if pred(r)}
        assert want and want == {id(r) for r in hits}, f"regex selects {len(hits)} lines, the event {len(want)}"
        return len(hits), {"line_regex": regex, "line_window": [hm_iso(window[0]), hm_iso(window[1])]}
    return fn


class Q:
    def __init__(self, qid, file, kind, question, fn, tolerance=0.0, notes="", window=None, **extra):
        self.id, self.file, self.kind, self.question, self.fn = qid, file, kind, question, fn
        self.tolerance, self.notes, self.window, self.extra = tolerance, notes, window, extra


MS = {"unit": "ms", "accept_scale": [0.001]}
MS_US = {"unit": "ms", "accept_scale": [0.001, 1000.0]}
SEC = {"unit": "s", "accept_scale": [1000.0]}
GB = {"unit": "GB", "accept_scale": [1e9 / 2 ** 30]}
EUR = {"unit": "EUR"}

# --------------------------------------------------------------------------- predicates


def msg_is(text):
    return lambda r: r.f.get("msg") == text


def ip_of(hostport: str) -> str:
    return hostport.rsplit(":", 1)[0]


def ev_access(pred=lambda f: True):
    return lambda r: r.f.get("kind") == "access" and pred(r.f)


S_UPLOADED = re.compile(r"^uploaded s3://\S+: (\d+) bytes in (\S+)$")
S_TLS = re.compile(r"^http: TLS handshake error from ([\d.]+):\d+: ")
S_RETRY = re.compile(r"^put s3://\S+ failed \(attempt \d/5\), retrying in ")


def s_up(r):
    return bool(S_UPLOADED.match(r.f.get("msg", "")))


def s_bytes(r):
    return int(S_UPLOADED.match(r.f["msg"]).group(1))


def s_took(r):
    return go_seconds(S_UPLOADED.match(r.f["msg"]).group(2))


def s_tls(r):
    return bool(S_TLS.match(r.f.get("msg", "")))


def iis(pred=lambda f: True):
    return lambda r: r.head and pred(r.f)


def v_denied_req(r):
    return r.f["type"] == "request" and r.f.get("error") == "permission denied"


def v_login(r):
    return (r.f["type"] == "response" and r.f["request"]["path"] == "auth/kubernetes/login" and not r.f.get("error")
            and "auth" in r.f.get("response", {}))


def v_ns(r):
    return r.f["response"]["auth"]["metadata"]["service_account_namespace"]


def t_req(pred=lambda f: True):
    return lambda r: "uri" in r.f and pred(r.f)


T_ORDER = re.compile(r"^order \d+ placed: customer=u-\d+ items=\d+ total=([\d.]+) EUR$")


def t_order(r):
    return r.f.get("logger") == "c.f.shop.order.OrderService" and bool(T_ORDER.match(r.f.get("msg", "")))


# --------------------------------------------------------------------------- the questions

RAFT_RX = (r"is starting a new election|became (?:pre-)?candidate|became leader|elected leader|lost leader|"
           r"Msg(?:Pre)?Vote")

QUESTIONS = [
    # ---- A. etcd (zap JSON)
    Q("a12-01", ET, "count", "how many times did etcd complain that the WAL fsync was slow this morning?",
      count(msg_is("slow fdatasync")),
      notes="lines with msg `slow fdatasync` over the whole span (most 10:10-10:25, two outside)"),
    Q("a12-02", ET, "count", "number of slow-apply warnings in this range",
      count(msg_is("apply request took too long"), "10:10", "10:25"), window=("10:10", "10:25"),
      notes="window only through --start/--end (10:10-10:25); lines with msg `apply request took too long`, reads "
            "(prefix `read-only range `) and txns alike"),
    Q("a12-03", ET, "topk", "which 2 client IPs does etcd flag most often for expensive requests?",
      topk(lambda r: ip_of(r.f["remote"]), 2, msg_is("request stats")),
      notes="lines with msg `request stats`, grouped by `remote` without its port (127.0.0.1 is the local "
            "kube-apiserver)"),
    Q("a12-04", ET, "distinct", "how many distinct IPs had their TLS connections to etcd refused?",
      distinct(lambda r: ip_of(r.f["remote-addr"]), msg_is("rejected connection")),
      notes="`rejected connection` lines, distinct `remote-addr` without the port"),
    Q("a12-05", ET, "number", "worst fdatasync latency on etcd-cp-2 between 10:10 and 10:25, in seconds",
      agg("max", lambda r: go_seconds(r.f["took"]), msg_is("slow fdatasync"), "10:10", "10:25"),
      notes="max of `took` (a Go duration) of the `slow fdatasync` lines in [10:10, 10:25)", **SEC),
    Q("a12-06", ET, "number", "rejected client connections per minute on etcd between 11:20 and 11:35",
      rate(msg_is("rejected connection"), "11:20", "11:35", 60), tolerance=0.02,
      notes="`rejected connection` lines from any address in [11:20, 11:35), divided by 15 minutes"),
    Q("a12-07", ET, "yesno", "was there a raft leader election on etcd-cp-2?",
      yes(lambda r: r.f.get("logger") == "raft", RAFT_RX, ("10:47", "10:48")),
      notes="yes: at 10:47:09 the member starts an election at term 7 after losing leader c1f07d2e8a6b3945 and "
            "becomes leader at term 8; the event lines are the `raft` logger lines"),
    Q("a12-08", ET, "time", "when was the last time 10.0.12.44 got turned away by etcd?",
      when(lambda r: r.f.get("msg") == "rejected connection" and ip_of(r.f["remote-addr"]) == "10.0.12.44", "last"),
      notes="the latest `rejected connection` line whose remote-addr is 10.0.12.44 (expired client certificate)"),
    # ---- A. gunicorn + Flask
    Q("a12-09", GU, "count", "how many HTTP 500s did catalog-web serve between 10:25 and 10:40?",
      count(ev_access(lambda f: f["status"] == 500), "10:25", "10:40"),
      notes="access-log lines with status 500 in [10:25, 10:40) (each has a Flask `ERROR in app: Exception on …` "
            "record with an OperationalError traceback just before it)"),
    Q("a12-10", GU, "count", "how many gunicorn workers got killed for hanging this morning?",
      count(lambda r: r.f.get("kind") == "gunicorn" and r.f["msg"].startswith("WORKER TIMEOUT")),
      notes="`[CRITICAL] WORKER TIMEOUT (pid:N)` lines (each followed by the worker exiting with code 1 and a new "
            "one booting); the HUP reload's worker exits at 09:52 are not kills"),
    Q("a12-11", GU, "topk", "top 2 client IPs by 404s",
      topk(lambda r: r.f["ip"], 2, ev_access(lambda f: f["status"] == 404)),
      notes="access-log lines with status 404, grouped by the remote address (first field)"),
    Q("a12-12", GU, "topk", "which 3 endpoints threw the most 5xx this morning? ignore query strings",
      topk(lambda r: r.f["path"], 3, ev_access(lambda f: f["status"] >= 500)),
      notes="access-log lines with status 5xx, grouped by the request path without its query string (a product "
            "page /api/products/<id> is a path of its own)"),
    Q("a12-13", GU, "distinct", "how many unique client addresses show up in catalog-web's access log over the 3 hours?",
      distinct(lambda r: r.f["ip"], ev_access()),
      notes="distinct remote addresses (first field) of the access-log lines, probes and scanner included"),
    Q("a12-14", GU, "number", "avg latency of /api/search between 11:05 and 11:20, ms",
      agg("avg", lambda r: r.f["us"] / 1000, ev_access(lambda f: f["path"] == "/api/search"), "11:05", "11:20"),
      tolerance=0.02, notes="mean of the last field (%(D)s, microseconds, read in ms) of the access lines for "
                            "/api/search in [11:05, 11:20); requests killed by the worker timeout have no line",
      **MS_US),
    Q("a12-15", GU, "number", "p95 response time for single product lookups (GET /api/products/<id>) over the whole "
                              "morning, in milliseconds",
      agg("quantile", lambda r: r.f["us"] / 1000,
          ev_access(lambda f: f["method"] == "GET" and re.fullmatch(r"/api/products/\d+", f["path"]) is not None),
          q=0.95),
      tolerance=0.02, notes="0.95 quantile of %(D)s (µs, read in ms) over the access lines whose path is "
                            "/api/products/<digits>, any status and client (the indexer included)", **MS_US),
    Q("a12-16", GU, "number", "how many requests per second was 45.83.64.11 sending between 11:35 and 11:50?",
      rate(ev_access(lambda f: f["ip"] == "45.83.64.11"), "11:35", "11:50", 1), tolerance=0.02,
      notes="access-log lines from 45.83.64.11 in [11:35, 11:50) (all its requests), divided by 900 s"),
    # ---- A. Go stdlib log (backup-shipper)
    Q("a12-17", SH, "count", "how many backup uploads did the shipper abandon after exhausting its retries?",
      count(lambda r: r.f.get("msg", "").startswith("giving up on s3://")),
      notes="`giving up on s3://… exceeded maximum number of attempts, 5` lines (all 503 SlowDown, 09:40-09:55)"),
    Q("a12-18", SH, "topk", "which two backup sources needed the most upload retries?",
      topk(lambda r: r.f["source"], 2, lambda r: bool(S_RETRY.match(r.f.get("msg", "")))),
      notes="`put s3://… failed (attempt N/5), retrying in …` lines, grouped by the `[source]` prefix (the final "
            "give-ups are not retries)"),
    Q("a12-19", SH, "distinct", "number of different client IPs with failed TLS handshakes on the shipper's admin port",
      distinct(lambda r: S_TLS.match(r.f["msg"]).group(1), s_tls),
      notes="`http: TLS handshake error from IP:port: …` lines, distinct IP"),
    Q("a12-20", SH, "number", "how much data did backup-shipper push to S3 in this window, in GB?",
      agg("sum", lambda r: s_bytes(r) / 1e9, s_up, "11:00", "12:00"), window=("11:00", "12:00"), tolerance=0.001,
      notes="window only through --start/--end (11:00-12:00); sum of N in `uploaded s3://…: N bytes in D` lines, "
            "GB = 10^9 bytes (GiB accepted); starting a multipart upload or a retry uploads nothing", **GB),
    Q("a12-21", SH, "number", "longest single upload today, in seconds?",
      agg("max", s_took, s_up),
      notes="max of the Go duration D in `uploaded s3://…: N bytes in D` lines (a video, minutes long)", **SEC),
    Q("a12-22", SH, "yesno", "did S3 ever reject the shipper's credentials (access denied / 403)?",
      no(lambda r: False, r"AccessDenied|InvalidAccessKeyId|SignatureDoesNotMatch|ExpiredToken|StatusCode: 403|Forbidden"),
      notes="no: the S3 errors are 503 SlowDown and 400 RequestTimeout; no AccessDenied, InvalidAccessKeyId, "
            "SignatureDoesNotMatch, ExpiredToken or StatusCode 403 anywhere"),
    Q("a12-23", SH, "time", "what time did backup-shipper come back after it panicked?",
      when(lambda r: " starting, pid " in r.f.get("msg", ""), "first"),
      notes="the `backup-shipper 2.4.1 … starting, pid 23817` line after the 10:58:27 Panicf (`BUG: part 87 …`)"),
    Q("a12-24", SH, "lines", "show me the TLS handshake failures from 185.220.101.4",
      lines(lambda r: r.head and r.f.get("source") is None and r.f["msg"].startswith("http: TLS handshake error from "
                                                                                       "185.220.101.4:"),
            r"TLS handshake error from 185\.220\.101\.4:", ("11:10", "11:40")),
      notes="`http: TLS handshake error from 185.220.101.4:port: …` lines, 11:10-11:40"),
    # ---- B. IIS W3C
    Q("b12-01", II, "count", "failed logins from 103.251.167.20?",
      count(iis(lambda f: f["c-ip"] == "103.251.167.20" and f["sc-status"] == "401" and f["sc-substatus"] == "1")),
      notes="lines with c-ip 103.251.167.20 and 401 substatus 1 (win32 1326, bad Basic credentials); every request "
            "from that address is one"),
    Q("b12-02", II, "count", "how many requests took longer than 10 seconds?",
      count(iis(lambda f: int(f["time-taken"]) > 10_000), "10:15", "10:30"), window=("10:15", "10:30"),
      notes="window only through --start/--end (10:15-10:30); request lines (not `#` directives) whose time-taken "
            "(ms) is above 10000, by the line's date and time"),
    Q("b12-03", II, "topk", "top 3 usernames the password sprayer tried",
      topk(lambda r: r.f["cs-username"], 3, iis(lambda f: f["c-ip"] == "103.251.167.20")),
      notes="lines from c-ip 103.251.167.20, grouped by cs-username"),
    Q("b12-04", II, "topk", "which partner account hammered the API hardest between 11:25 and 11:45?",
      topk(lambda r: r.f["cs-username"], 1,
           iis(lambda f: f["cs-uri-stem"].startswith("/api/") and f["cs-username"].startswith("partner-")),
           "11:25", "11:45"),
      notes="lines in [11:25, 11:45) on /api/… grouped by cs-username (partner accounts); requests blocked with "
            "403.502 carry no username and are not counted (52.169.40.77 is partner-northwind's address)"),
    Q("b12-05", II, "distinct", "how many distinct account names did 103.251.167.20 try?",
      distinct(lambda r: r.f["cs-username"], iis(lambda f: f["c-ip"] == "103.251.167.20")),
      notes="distinct cs-username of the lines from 103.251.167.20"),
    Q("b12-06", II, "number", "p95 time-taken of successful partner API calls over the morning, ms",
      agg("quantile", lambda r: int(r.f["time-taken"]),
          iis(lambda f: f["cs-uri-stem"].startswith("/api/") and f["sc-status"] == "200"), q=0.95),
      tolerance=0.02, notes="0.95 quantile of time-taken (ms) over lines whose cs-uri-stem starts with /api/ and "
                            "sc-status is 200", **MS),
    Q("b12-07", II, "number", "requests per second from 52.169.40.77 that IIS blocked (dynamic IP restriction) between "
                              "11:30 and 11:45",
      rate(iis(lambda f: f["c-ip"] == "52.169.40.77" and f["sc-status"] == "403" and f["sc-substatus"] == "502"),
           "11:30", "11:45", 1), tolerance=0.02,
      notes="lines from 52.169.40.77 with 403 substatus 502 (blocked from 11:31:04) in [11:30, 11:45), divided by "
            "900 s"),
    Q("b12-08", II, "yesno", "did the portal return any 503s today?",
      no(iis(lambda f: f["sc-status"] == "503")),
      notes="no: no line has sc-status 503 (the 10:44 app pool recycle leaves a gap and a new header block, not 503s)"),
    # ---- B. Vault audit
    Q("b12-09", VA, "count", "how many of the CI runner's (10.60.1.9) vault requests were denied? count each request once",
      count(lambda r: v_denied_req(r) and r.f["request"]["remote_address"] == "10.60.1.9"),
      notes="`type` request entries with error `permission denied` and request.remote_address 10.60.1.9 (each also "
            "has a response entry with the same request id, not counted again)"),
    Q("b12-10", VA, "count", "how many database credentials did vault hand out in this range?",
      count(lambda r: r.f["type"] == "response" and r.f["request"]["path"].startswith("database/creds/")
            and not r.f.get("error"), "11:00", "12:00"), window=("11:00", "12:00"),
      notes="window only through --start/--end (11:00-12:00); response entries on database/creds/<role> paths "
            "without an error (one per lease issued)"),
    Q("b12-11", VA, "topk", "which two kubernetes namespaces logged in to vault most often?",
      topk(v_ns, 2, v_login),
      notes="response entries of auth/kubernetes/login without error, grouped by "
            "response.auth.metadata.service_account_namespace"),
    Q("b12-12", VA, "distinct", "how many different pod IPs did the analytics namespace log in to vault from?",
      distinct(lambda r: r.f["request"]["remote_address"], lambda r: v_login(r) and v_ns(r) == "analytics"),
      notes="distinct request.remote_address of the kubernetes login response entries whose "
            "service_account_namespace is analytics"),
    Q("b12-13", VA, "number", "kubernetes logins per minute from the analytics namespace, 10:50 to 11:05",
      rate(lambda r: v_login(r) and v_ns(r) == "analytics", "10:50", "11:05", 60), tolerance=0.02,
      notes="kubernetes login response entries (service_account_namespace analytics) in [10:50, 11:05), divided by "
            "15 minutes"),
    Q("b12-14", VA, "yesno", "did anyone modify a vault ACL policy this morning?",
      yes(lambda r: r.f["request"]["path"].startswith("sys/policies/acl/"), r'"path":"sys/policies/acl/',
          ("11:18", "11:27")),
      notes="yes: oidc-dana updates sys/policies/acl/payments-api at 11:18:42, oidc-marek again at 11:26:10 (a "
            "request and a response entry each)"),
    Q("b12-15", VA, "yesno", "was the root token used?",
      no(lambda r: r.f["auth"].get("display_name") == "root" or "root" in r.f["auth"].get("policies", []),
         r'"display_name":"root"|"policies":\["root"'),
      notes="no: no entry's auth has display_name root or the root policy (namespace id `root` is the root "
            "namespace, not the root token)"),
    Q("b12-16", VA, "time", "when did payments-api first start getting permission denied from vault?",
      when(lambda r: v_denied_req(r) and r.f["auth"]["display_name"] == "kubernetes-payments-payments-api", "first"),
      notes="the first request entry with error `permission denied` from the payments-api service account (after "
            "the 11:18:42 policy update)"),
    # ---- B. Tomcat catalina.out
    Q("b12-17", TC, "count", "how many SEVERE entries did tomcat log between 10:05 and 10:20?",
      count(lambda r: r.f.get("kind") == "juli" and r.f["level"] == "SEVERE", "10:05", "10:20"),
      notes="JULI header lines with level SEVERE in [10:05, 10:20) (their stack-trace lines are not entries; the "
            "requests started before 10:20 that failed after it are not counted)"),
    Q("b12-18", TC, "topk", "which 2 URIs returned the most 5xx this morning?",
      topk(lambda r: r.f["uri"], 2, t_req(lambda f: f["status"] >= 500)),
      notes="RequestLogFilter lines (`METHOD URI status=N took=Nms client=IP`) with status >= 500, grouped by URI "
            "(product URIs carry their id)"),
    Q("b12-19", TC, "number", "mean checkout duration between 11:15 and 11:30 (ms)",
      agg("avg", lambda r: r.f["took"], t_req(lambda f: f["method"] == "POST" and f["uri"] == "/shop/checkout"),
          "11:15", "11:30"), tolerance=0.02,
      notes="mean took= of the `POST /shop/checkout` RequestLogFilter lines in [11:15, 11:30), the 504s included",
      **MS),
    Q("b12-20", TC, "number", "total order value placed between 11:00 and 12:00, in EUR",
      agg("sum", lambda r: float(T_ORDER.match(r.f["msg"]).group(1)), t_order, "11:00", "12:00"), tolerance=0.001,
      notes="sum of total= of the `order N placed: … total=X EUR` lines in [11:00, 12:00)", **EUR),
    Q("b12-21", TC, "number", "orders per minute from 09:30 to 10:00",
      rate(t_order, "09:30", "10:00", 60), tolerance=0.02,
      notes="`order N placed` lines in [09:30, 10:00), divided by 30 minutes"),
    Q("b12-22", TC, "yesno", "did the shop JVM run out of heap?",
      yes(lambda r: "java.lang.OutOfMemoryError" in r.line, r"java\.lang\.OutOfMemoryError", ("10:50", "10:55")),
      notes="yes: 10:52:06 SEVERE with java.lang.OutOfMemoryError: Java heap space as root cause, then `Terminating "
            "due to java.lang.OutOfMemoryError` (the JVM exits and the container restarts)"),
    Q("b12-23", TC, "time", "when did tomcat finish starting up again after the crash?",
      when(lambda r: r.f.get("kind") == "juli" and r.f["msg"].startswith("Server startup in ["), "first"),
      notes="the `org.apache.catalina.startup.Catalina.start Server startup in [6921] milliseconds` line (the "
            "connector starts 31 ms before it; the first request is logged about 3 s later)"),
    Q("b12-24", TC, "lines", "show me the JDBC connection pool timeouts",
      lines(lambda r: "PoolExhaustedException" in r.line or "CannotGetJdbcConnectionException" in r.line,
            r"PoolExhaustedException|CannotGetJdbcConnectionException", ("10:05", "10:21")),
      notes="the SEVERE lines (CannotGetJdbcConnectionException) and their `PoolExhaustedException: … Timeout: Pool "
            "empty` lines, 10:05-10:21 (failed requests log 30 s after they start)"),
]

# --------------------------------------------------------------------------- build, write, check


def generated(data: Path) -> dict:
    manifest = data / f"manifest_{SET}.json"
    if not manifest.exists() or not all((data / f).exists() for f in PARSERS):
        subprocess.run([sys.executable, str(HERE / "gen_logs12.py"), str(data)], check=True, stdout=subprocess.DEVNULL)
    return json.loads(manifest.read_text())


def build(data: Path) -> tuple[list[dict], dict]:
    manifest = generated(data)
    labels = {f["file"]: f["labels"] for f in manifest["files"]}
    recs = {name: parse(data / name) for name, parse in PARSERS.items()}
    files = {"seed": manifest["seed"], "files": []}
    for f in manifest["files"]:
        raw = (data / f["file"]).read_bytes()
        sha = hashlib.sha256(raw).hexdigest()
        if sha != f["sha256"]:
            raise SystemExit(f"{f['file']}: differs from its manifest (regenerate with gen_logs12.py)")
        files["files"].append({"file": f["file"], "shape": f["shape"], "labels": f["labels"],
                               "lines": raw.count(b"\n"), "sha256": sha})
    for name, rs in recs.items():   # no line on a whole minute; sub-second times never .000
        for r in rs:
            if r.head:
                assert r.ms % 60_000, f"{name}: a line on a minute boundary: {r.line[:80]}"
                subsec = name in (ET, VA, TC) or r.f.get("kind") == "flask"
                assert not subsec or r.ms % 1000, f"{name}: a sub-second time on a whole second: {r.line[:80]}"
    out, ids = [], set()
    for q in QUESTIONS:
        assert q.id not in ids, q.id
        ids.add(q.id)
        assert q.id[0].upper() == HALF[q.file], f"{q.id}: {q.file} is in half {HALF[q.file]}"
        try:
            got = q.fn(recs[q.file])
        except AssertionError as e:
            raise SystemExit(f"{q.id}: {e}")
        extra = {}
        if isinstance(got, tuple):
            got, extra = got
        start, end = (hm_iso(q.window[0]), hm_iso(q.window[1])) if q.window else FULL
        rec = {"id": q.id, "file": q.file, "labels": labels[q.file], "start": start, "end": end,
               "question": q.question, "kind": q.kind, "expected": got, "tolerance": q.tolerance, "notes": q.notes}
        rec.update(q.extra)
        rec.update(extra)
        out.append(rec)
    return out, files


if __name__ == "__main__":
    sys.exit(heldout_cli.main(__doc__.split("\n\n")[0], SET, DEFAULT_DATA, build, HALF))
