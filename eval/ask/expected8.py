#!/usr/bin/env python3
"""The eighth held-out set (heldout8): 48 questions over the six logs of gen_logs8.py, with
expected answers computed from the generated files, asked without stream labels.

    python3 eval/ask/expected8.py [--data DIR] [--write | --check] [--list]

Reads the files gen_logs8.py wrote (default target/eval-logs; generated there first when
missing), parses them back with parsers of its own, and computes every expected value with
one function per question. It reuses expected.py's judging conventions and helpers (windows,
quantiles, topk ties, line-regex checks) so the records have the schema run_eval.py reads.
Every record has `"labels": null`: run_eval.py then runs `askloki ask` without `--labels`.

  --write   (re)write questions_heldout8.jsonl and files_heldout8.json here
  --check   compare with those committed files (exit 1 on a difference)
  --list    print every question with its expected value

The set was written without reading the planner and without running `askloki ask`; its
answers were fixed before the first run. Do not reword a question after seeing a result.
"""
from __future__ import annotations

import json
import re
import sys
from datetime import datetime
from pathlib import Path

import heldout_cli
from expected import (Q, both, count_q, distinct_q, field_is, flatten, go_seconds, has,
                      load_records, ms_of, number_q, rate_q, Rec, text_has, time_q, topk_q, yesno_q)

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "target" / "eval-logs"
# Half A: the first three files, half B: the last three (run_eval.py --half).
HALF = {"shop-alb.log": "A", "k8s-audit.jsonl": "A", "es-cluster.log": "A",
        "storefront-rails.log": "B", "consul-server.log": "B", "squid-access.log": "B"}

# --------------------------------------------------------------------------- parsing


def iso_ms(s: str) -> int:
    """`2026-12-06T10:00:01.123456Z` (or `,123`, or no zone) to ms, truncating below the ms."""
    m = re.fullmatch(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)[.,](\d{3,9})Z?", s)
    if not m:
        raise ValueError(f"bad time {s!r}")
    return ms_of(datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S"), int(m.group(2)[:3]))


ALB = re.compile(
    r'^(\S+) (\S+) (\S+) (\d+\.\d+\.\d+\.\d+):(\d+) (\S+) (\S+) (\S+) (\S+) (\d{3}) (\S+) (\d+) (\d+) '
    r'"(\S+) (\S+) (\S+)" "([^"]*)" (\S+) (\S+) (\S+) "([^"]*)" "([^"]*)" "([^"]*)" (\S+) (\S+) "([^"]*)" '
    r'"([^"]*)" "([^"]*)" "([^"]*)" "([^"]*)" "([^"]*)" "([^"]*)"$')


def parse_alb(path: Path) -> list[Rec]:
    out = []
    for line in path.read_text().splitlines():
        m = ALB.match(line)
        if not m:
            raise ValueError(f"not an ALB line: {line[:100]}")
        g = m.groups()
        url = g[14]
        pm = re.match(r"https://[^/]+(/.*)$", url)
        tg = re.search(r"targetgroup/([^/]+)/", g[19])
        f = {"type": g[0], "time": g[1], "client": g[3], "target": g[5], "rpt": float(g[6]), "tpt": float(g[7]),
             "rspt": float(g[8]), "elb_status": int(g[9]), "target_status": g[10], "received": int(g[11]),
             "sent": int(g[12]), "method": g[13], "url": url, "path": pm.group(1), "ua": g[16],
             "target_group": tg.group(1) if tg else None, "created": g[24], "actions": g[25]}
        ms, created = iso_ms(g[1]), iso_ms(g[24])
        assert created // 60000 == ms // 60000, f"request spans a minute: {line[:100]}"
        out.append(Rec(ms, line, f))
    return out


def parse_audit(path: Path) -> list[Rec]:
    out = []
    for line in path.read_text().splitlines():
        obj = json.loads(line)
        ms = iso_ms(obj["requestReceivedTimestamp"])
        assert ms // 1000 == iso_ms(obj["stageTimestamp"]) // 1000, f"event spans a second: {line[:100]}"
        out.append(Rec(ms, line, flatten(obj)))
    return out


ES = re.compile(r"^\[(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d,\d{3})\]\[(\w+) *\]\[(\S+) *\] \[([\w-]+)\] (.*)$")


def parse_es(path: Path) -> list[Rec]:
    """A record is a `[time][LEVEL][logger] [node] message` line; the exception lines after it belong to it."""
    out: list[Rec] = []
    for line in path.read_text().splitlines():
        m = ES.match(line)
        if not m:
            if not out:
                raise ValueError(f"continuation before any record: {line[:100]}")
            out[-1].extra.append(line)
            continue
        f = {"level": m.group(2), "logger": m.group(3), "node": m.group(4), "msg": m.group(5)}
        sm = re.match(r"^\[([\w.-]+)\]\[(\d+)\] took\[[^\]]+\], took_millis\[(\d+)\]", f["msg"])
        if f["logger"] == "i.s.s.query":
            assert sm, line[:100]
            f.update(index=sm.group(1), shard=int(sm.group(2)), took_millis=int(sm.group(3)))
        out.append(Rec(iso_ms(m.group(1)), line, f))
    return out


TIMEVALUE = re.compile(r"^(\d+(?:\.\d+)?)(ms|s|m|h)$")


def es_seconds(s: str) -> float:
    m = TIMEVALUE.match(s)
    if not m:
        raise ValueError(f"bad time value {s!r}")
    return float(m.group(1)) * {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}[m.group(2)]


RAILS = re.compile(r"^([DIWEFA]), \[(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}) #(\d+)\] +(\w+) -- : "
                   r"\[([0-9a-f-]{36})\] (.*)$")
STARTED = re.compile(r'^Started (\w+) "([^"]*)" for (\S+) at ')
COMPLETED = re.compile(r"^Completed (\d{3}) [\w ]+ in (\d+)ms \((.*)\)$")


def parse_rails(path: Path) -> list[Rec]:
    """A record is a Logger line; the `[request id] …` lines after it (a FATAL's backtrace) belong to it."""
    out: list[Rec] = []
    for line in path.read_text().splitlines():
        m = RAILS.match(line)
        if not m:
            if not out or not line.startswith(f"[{out[-1].f['rid']}]"):
                raise ValueError(f"stray line: {line[:100]}")
            out[-1].extra.append(line)
            continue
        f = {"sev": m.group(1), "pid": int(m.group(3)), "level": m.group(4), "rid": m.group(5), "msg": m.group(6)}
        s = STARTED.match(f["msg"])
        if s:
            f.update(method=s.group(1), path=s.group(2), client=s.group(3))
        c = COMPLETED.match(f["msg"])
        if c:
            f.update(status=int(c.group(1)), total_ms=int(c.group(2)))
            for part in c.group(3).split(" | "):
                k, v = part.split(": ")
                f[k] = float(v[:-2]) if v.endswith("ms") else int(v)
        out.append(Rec(iso_ms(m.group(2)), line, f))
    return out


HCLOG = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) \[(TRACE|DEBUG|INFO|WARN|ERROR)\] +([\w.-]+): (.*)$")
KV = re.compile(r'([\w-]+)=("(?:[^"\\]|\\.)*"|\S*)')


def parse_consul(path: Path) -> list[Rec]:
    out = []
    for line in path.read_text().splitlines():
        m = HCLOG.match(line)
        if not m:
            raise ValueError(f"not an hclog line: {line[:100]}")
        f = {"level": m.group(2), "name": m.group(3), "msg": m.group(4)}
        head, _, rest = f["msg"].partition(": ")
        f["event"] = head
        for k, v in KV.findall(rest):
            f[k] = v[1:-1] if v.startswith('"') else v
        out.append(Rec(iso_ms(m.group(1)), line, f))
    return out


def parse_squid(path: Path) -> list[Rec]:
    out = []
    for line in path.read_text().splitlines():
        p = line.split()
        if len(p) != 10:
            raise ValueError(f"not a squid line: {line[:100]}")
        sec, frac = p[0].split(".")
        code, status = p[3].split("/")
        f = {"elapsed": int(p[1]), "client": p[2], "code": code, "status": int(status), "bytes": int(p[4]),
             "method": p[5], "url": p[6], "user": p[7], "hier": p[8], "ctype": p[9]}
        out.append(Rec(int(sec) * 1000 + int(frac), line, f))
    return out


PARSERS = {
    "shop-alb.log": parse_alb,
    "k8s-audit.jsonl": parse_audit,
    "es-cluster.log": parse_es,
    "storefront-rails.log": parse_rails,
    "consul-server.log": parse_consul,
    "squid-access.log": parse_squid,
}


def load(data: Path) -> dict[str, list[Rec]]:
    return load_records(data, PARSERS, frozenset())


# --------------------------------------------------------------------------- predicates and fields


ALBF, AUD, ESF = "shop-alb.log", "k8s-audit.jsonl", "es-cluster.log"
RLS, CNS, SQD = "storefront-rails.log", "consul-server.log", "squid-access.log"

MS = {"unit": "ms", "accept_scale": [0.001]}
SEC = {"unit": "s", "accept_scale": [1000.0]}
MB = {"unit": "MB", "accept_scale": [1e6 / 2 ** 20]}
GB = {"unit": "GB", "accept_scale": [1e9 / 2 ** 30]}

# ALB: the line's time is its `time`; clients without their ports; a 5xx from the ALB is `elb_status_code`
alb_client = lambda ip: field_is("client", ip)  # noqa: E731
# audit: one event per request (stage ResponseComplete only)
aud_user = lambda u: field_is("user_username", u)  # noqa: E731
# Elasticsearch: a slow search is an `i.s.s.query` record
es_slow = field_is("logger", "i.s.s.query")
es_old_gc = lambda r: r.f["logger"] == "o.e.m.j.JvmGcMonitorService" and r.f["msg"].split("] ")[0].startswith(
    "[gc][old]")  # noqa: E731
# Rails: a request is a `Started` line (client, path), its outcome a `Completed` line (status, time)
started = has("client")
completed = has("status")
# Consul: an HTTP API request is a `Request finished` line
c_req = field_is("event", "Request finished")
c_host = lambda r: r.f["from"].rsplit(":", 1)[0]  # noqa: E731
# Squid: one line per request


def old_gc_seconds(r: Rec) -> float:
    m = re.search(r"\] duration \[([^\]]+)\]", r.f["msg"])
    return es_seconds(m.group(1))


def sum_scaled(key, pred, a, b, scale):
    def f(R):
        from expected import rnd, where, win
        return rnd(sum(key(r) for r in where(win(R, a, b), pred)) / scale)
    return f


def topk_sum(key, val, k, pred=lambda r: True):
    """The k keys with the largest sums of `val`; refuses a tie at the cut."""
    def f(R):
        acc: dict = {}
        for r in R:
            if pred(r):
                acc[key(r)] = acc.get(key(r), 0) + val(r)
        ranked = sorted(acc.items(), key=lambda kv: -kv[1])
        assert ranked[k - 1][1] != ranked[k][1], f"tie at the top-{k} cut"
        return [v for v, _ in ranked[:k]], {"k": k, "counts": {str(v): n for v, n in ranked[: k + 2]}}
    return f


ALB_5XX = r'^\S+ \S+ \S+ \S+ \S+ \S+ \S+ \S+ 5\d\d '

QUESTIONS: list[Q] = [
    # ---------------------------------------------------------------- half A: shop-alb.log
    Q("a8-01", "heldout8", ALBF, "count", "how many 502s did the load balancer return between 10:15 and 10:30?",
      count_q(field_is("elb_status", 502), "10:15", "10:30"), notes="elb_status_code 502"),
    Q("a8-02", "heldout8", ALBF, "topk", "top 3 client IPs on the ALB by number of requests",
      topk_q(lambda r: r.f["client"], 3), notes="client:port without the port"),
    Q("a8-03", "heldout8", ALBF, "distinct", "how many distinct client IPs hit the load balancer between 11:00 and 11:30?",
      distinct_q(lambda r: r.f["client"], lambda r: True, "11:00", "11:30"), notes="client:port without the port"),
    Q("a8-04", "heldout8", ALBF, "number",
      "average target processing time in seconds of successful shop-search requests between 10:50 and 11:05",
      number_q("avg", lambda r: r.f["tpt"], both(field_is("target_group", "shop-search"), field_is("elb_status", 200)),
               "10:50", "11:05"), tolerance=0.02,
      notes="target_processing_time of target group shop-search with status 200 (the 504s log -1)", extra=SEC),
    Q("a8-05", "heldout8", ALBF, "number", "how many MB did the ALB send to clients between 10:00 and 11:00?",
      sum_scaled(lambda r: r.f["sent"], lambda r: True, "10:00", "11:00", 1e6), tolerance=0.01,
      notes="sum of sent_bytes / 1e6 (MiB accepted)", extra=MB),
    Q("a8-06", "heldout8", ALBF, "number", "requests per second on the load balancer",
      rate_q(lambda r: True, "10:00", "10:05", 1), tolerance=0.03, window=("10:00", "10:05"),
      notes="window only through --start/--end; every access line"),
    Q("a8-07", "heldout8", ALBF, "time", "when did the WAF first block 198.51.100.42?",
      time_q(both(alb_client("198.51.100.42"), field_is("elb_status", 403)), "first"),
      notes="its first 403 (actions_executed waf)"),
    Q("a8-08", "heldout8", ALBF, "yesno", "did any /api/checkout calls fail with a 5xx?",
      yesno_q(both(field_is("path", "/api/checkout"), lambda r: r.f["elb_status"] >= 500)),
      notes="502s from target 10.0.12.47:8080",
      extra={"line_regex": ALB_5XX + r'.*"POST https://shop\.example\.com:443/api/checkout '}),
    # ---------------------------------------------------------------- half A: k8s-audit.jsonl
    Q("a8-09", "heldout8", AUD, "count", "how many API requests were forbidden between 10:20 and 10:35?",
      count_q(field_is("responseStatus_code", 403), "10:20", "10:35"), notes="responseStatus.code 403"),
    Q("a8-10", "heldout8", AUD, "topk", "top 3 users by number of API requests",
      topk_q(lambda r: r.f["user_username"], 3), notes="user.username"),
    Q("a8-11", "heldout8", AUD, "distinct", "how many different namespaces did the argocd application controller touch?",
      distinct_q(lambda r: r.f.get("objectRef_namespace"),
                 aud_user("system:serviceaccount:argocd:argocd-application-controller")),
      notes="objectRef.namespace of its events, 429s included"),
    Q("a8-12", "heldout8", AUD, "count", "how many pods did bob@example.com delete?",
      count_q(both(aud_user("bob@example.com"), field_is("verb", "delete"), field_is("objectRef_resource", "pods"))),
      notes="verb delete on pods by user.username bob@example.com"),
    Q("a8-13", "heldout8", AUD, "time", "when did alice@example.com last exec into a pod?",
      time_q(both(aud_user("alice@example.com"), field_is("objectRef_subresource", "exec")), "last"),
      notes="create pods/exec by alice"),
    Q("a8-14", "heldout8", AUD, "number", "argocd application controller requests per minute between 11:20 and 11:35",
      rate_q(aud_user("system:serviceaccount:argocd:argocd-application-controller"), "11:20", "11:35", 60),
      tolerance=0.03, notes="every event of that user, 429s included"),
    Q("a8-15", "heldout8", AUD, "yesno", "did anyone delete a namespace?",
      yesno_q(both(field_is("verb", "delete"), field_is("objectRef_resource", "namespaces"))),
      notes="no delete on namespaces"),
    Q("a8-16", "heldout8", AUD, "count", "how many requests did the apiserver throttle with 429?",
      count_q(field_is("responseStatus_code", 429)), notes="responseStatus.code 429"),
    # ---------------------------------------------------------------- half A: es-cluster.log
    Q("a8-17", "heldout8", ESF, "count", "how many bulk write rejections between 10:40 and 10:55?",
      count_q(text_has("EsRejectedExecutionException"), "10:40", "10:55"),
      notes="TransportShardBulkAction WARN records whose trace has EsRejectedExecutionException"),
    Q("a8-18", "heldout8", ESF, "topk", "which 2 indices have the most slow searches?",
      topk_q(lambda r: r.f["index"], 2, es_slow), notes="the index of i.s.s.query lines"),
    Q("a8-19", "heldout8", ESF, "distinct", "how many different indices show up in the search slow log?",
      distinct_q(lambda r: r.f["index"], es_slow), notes="the index of i.s.s.query lines"),
    Q("a8-20", "heldout8", ESF, "number", "p95 slow search time in ms",
      number_q("p95", lambda r: float(r.f["took_millis"]), es_slow, "10:30", "11:30"), tolerance=0.02,
      window=("10:30", "11:30"), notes="window only through --start/--end; took_millis of i.s.s.query lines", extra=MS),
    Q("a8-21", "heldout8", ESF, "number", "longest old-gen GC pause, in seconds",
      number_q("max", old_gc_seconds, es_old_gc), tolerance=0.02,
      notes="max `duration [..]` of [gc][old] lines", extra=SEC),
    Q("a8-22", "heldout8", ESF, "number", "slow searches per minute on es-data-2 between 10:40 and 10:55",
      rate_q(both(es_slow, field_is("node", "es-data-2")), "10:40", "10:55", 60), tolerance=0.03,
      notes="i.s.s.query lines of node es-data-2"),
    Q("a8-23", "heldout8", ESF, "time", "when did es-data-3 leave the cluster?",
      time_q(lambda r: r.f["msg"].startswith("node-left[{es-data-3}"), "first"), notes="the master's node-left line"),
    Q("a8-24", "heldout8", ESF, "yesno", "did the cluster health go red?",
      yesno_q(text_has("[RED]")), notes="GREEN -> YELLOW -> GREEN only"),
    # ---------------------------------------------------------------- half B: storefront-rails.log
    Q("b8-01", "heldout8", RLS, "count", "how many 500s did the storefront return between 10:25 and 10:40?",
      count_q(field_is("status", 500), "10:25", "10:40"), notes="`Completed 500` lines"),
    Q("b8-02", "heldout8", RLS, "topk", "top 3 client IPs by number of requests to the storefront",
      topk_q(lambda r: r.f["client"], 3, started), notes="`Started … for IP` lines"),
    Q("b8-03", "heldout8", RLS, "number", "p99 request duration in ms",
      number_q("p99", lambda r: float(r.f["total_ms"]), completed, "10:00", "11:00"), tolerance=0.02,
      window=("10:00", "11:00"), notes="window only through --start/--end; `Completed … in Nms`", extra=MS),
    Q("b8-04", "heldout8", RLS, "number", "average ActiveRecord time per request in ms",
      number_q("avg", lambda r: r.f["ActiveRecord"], completed), tolerance=0.02,
      notes="`ActiveRecord: N ms` of every Completed line", extra=MS),
    Q("b8-05", "heldout8", RLS, "distinct", "how many different IPs posted to /login between 11:05 and 11:20?",
      distinct_q(lambda r: r.f["client"], both(field_is("method", "POST"), field_is("path", "/login")),
                 "11:05", "11:20"), notes='`Started POST "/login" for IP` lines'),
    Q("b8-06", "heldout8", RLS, "time", "when was the first ActiveRecord::ConnectionTimeoutError?",
      time_q(text_has("ActiveRecord::ConnectionTimeoutError"), "first"),
      notes="the FATAL record; the class is on its second physical line"),
    Q("b8-07", "heldout8", RLS, "number", "401s per minute between 11:05 and 11:20",
      rate_q(field_is("status", 401), "11:05", "11:20", 60), tolerance=0.03, notes="`Completed 401` lines"),
    Q("b8-08", "heldout8", RLS, "yesno", "did anyone request /wp-login.php?",
      yesno_q(field_is("path", "/wp-login.php")), notes="the scanner 193.142.146.20, RoutingError",
      extra={"line_regex": r"wp-login\.php"}),
    # ---------------------------------------------------------------- half B: consul-server.log
    Q("b8-09", "heldout8", CNS, "number", "average latency of KV reads in ms",
      number_q("avg", lambda r: go_seconds(r.f["latency"]) * 1000,
               both(c_req, field_is("method", "GET"), lambda r: r.f["url"].startswith("/v1/kv/"))), tolerance=0.02,
      notes="latency= (a Go duration, µs and ms) of `Request finished` GET /v1/kv/…", extra=MS),
    Q("b8-10", "heldout8", CNS, "count", "how many permission denied errors did consul log between 11:30 and 11:40?",
      count_q(text_has("Permission denied"), "11:30", "11:40"), notes="`Request error` lines, key:write"),
    Q("b8-11", "heldout8", CNS, "topk", "top 2 client IPs by number of HTTP API requests to consul",
      topk_q(c_host, 2, c_req), notes="from= of `Request finished`, without the port"),
    Q("b8-12", "heldout8", CNS, "time", "when did consul win the raft leader election?",
      time_q(lambda r: r.f["msg"].startswith("election won"), "first"), notes="the `election won` line"),
    Q("b8-13", "heldout8", CNS, "distinct", "how many different nodes did memberlist suspect of failing?",
      distinct_q(lambda r: re.match(r"memberlist: Suspect (\S+) has failed", r.f["msg"]).group(1),
                 lambda r: r.f["msg"].startswith("memberlist: Suspect ")), notes="`Suspect X has failed` lines"),
    Q("b8-14", "heldout8", CNS, "yesno", "was consul-client-7 marked as failed?",
      yesno_q(lambda r: re.search(r"(?i)failed.*consul-client-7|consul-client-7.*failed", r.line) is not None),
      notes="suspect, EventMemberFailed and `member failed` lines",
      extra={"line_regex": r"(?i)failed.*consul-client-7|consul-client-7.*failed"}),
    Q("b8-15", "heldout8", CNS, "number", "HTTP API requests per second between 10:00 and 10:10",
      rate_q(c_req, "10:00", "10:10", 1), tolerance=0.03, notes="`Request finished` lines"),
    Q("b8-16", "heldout8", CNS, "count", "how many errors did consul log between 10:10 and 10:25?",
      count_q(field_is("level", "ERROR"), "10:10", "10:25"), notes="[ERROR] lines"),
    # ---------------------------------------------------------------- half B: squid-access.log
    Q("b8-17", "heldout8", SQD, "count", "how many 403s did the proxy return between 11:00 and 11:15?",
      count_q(field_is("status", 403), "11:00", "11:15"), notes="TCP_DENIED/403"),
    Q("b8-18", "heldout8", SQD, "topk", "top 2 clients by bytes transferred through squid",
      topk_sum(lambda r: r.f["client"], lambda r: r.f["bytes"], 2), notes="sum of the size column by client IP"),
    Q("b8-19", "heldout8", SQD, "distinct", "how many distinct users went through the proxy?",
      distinct_q(lambda r: r.f["user"] if r.f["user"] != "-" else None, lambda r: True, "10:00", "11:00"),
      window=("10:00", "11:00"), notes="window only through --start/--end; the user column, `-` is nobody"),
    Q("b8-20", "heldout8", SQD, "number", "average response time in ms of TCP_MISS requests",
      number_q("avg", lambda r: float(r.f["elapsed"]), field_is("code", "TCP_MISS")), tolerance=0.02,
      notes="elapsed of TCP_MISS/* lines", extra=MS),
    Q("b8-21", "heldout8", SQD, "number", "how many GB went through the proxy between 10:00 and 11:00?",
      sum_scaled(lambda r: r.f["bytes"], lambda r: True, "10:00", "11:00", 1e9), tolerance=0.01,
      notes="sum of the size column / 1e9 (GiB accepted)", extra=GB),
    Q("b8-22", "heldout8", SQD, "number", "503s per minute between 10:30 and 10:45",
      rate_q(field_is("status", 503), "10:30", "10:45", 60), tolerance=0.03, notes="NONE_NONE/503 (S3 unreachable)"),
    Q("b8-23", "heldout8", SQD, "time", "when was 10.20.5.66 last blocked?",
      time_q(both(field_is("client", "10.20.5.66"), field_is("status", 403)), "last"), notes="its last TCP_DENIED/403"),
    Q("b8-24", "heldout8", SQD, "yesno", "did the proxy return any 504s?",
      yesno_q(field_is("status", 504)), notes="no 504 at all"),
]

# --------------------------------------------------------------------------- writing


def build(data: Path) -> tuple[list[dict], dict]:
    manifest = heldout_cli.generated(data, 8, PARSERS)
    records, files = heldout_cli.build(QUESTIONS, load(data), manifest)
    for r in records:
        r["labels"] = None  # asked without --labels
    return records, files


if __name__ == "__main__":
    sys.exit(heldout_cli.main(__doc__.split("\n\n")[0], "heldout8", DEFAULT_DATA, build, HALF))
