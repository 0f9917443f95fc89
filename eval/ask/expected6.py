#!/usr/bin/env python3
"""The sixth held-out set (heldout6): 48 questions over the six logs of gen_logs6.py, with
expected answers computed from the generated files.

    python3 eval/ask/expected6.py [--data DIR] [--write | --check] [--list]

Reads the files gen_logs6.py wrote (default target/eval-logs; generated there first when
missing), parses them back with parsers of its own, and computes every expected value with
one function per question. It reuses expected.py's judging conventions and helpers (windows,
quantiles, topk ties, line-regex checks) so the records have the schema run_eval.py reads.

  --write   (re)write questions_heldout6.jsonl and files_heldout6.json here
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
from expected import (Q, both, count_q, distinct_q, field_is, flatten, lines_q, load_records,
                      ms_of, number_q, rate_q, Rec, time_q, topk_q, yesno_q)

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "target" / "eval-logs"
# Half A: the first three files, half B: the last three (run_eval.py --half).
HALF = {"caddy-access.jsonl": "A", "coredns.log": "A", "nginx-error.log": "A",
        "mysql-slow.log": "B", "rabbitmq.log": "B", "orders-serilog.jsonl": "B"}

# --------------------------------------------------------------------------- parsing

CADDY_TS = re.compile(r'"ts":(\d+)\.(\d+)[,}]')


def parse_caddy(path: Path) -> list[Rec]:
    out = []
    for line in path.read_text().splitlines():
        m = CADDY_TS.search(line)
        if not m:
            raise ValueError(f"no ts: {line[:100]}")
        ms = int(m.group(1)) * 1000 + int(m.group(2).ljust(3, "0")[:3])
        out.append(Rec(ms, line, flatten(json.loads(line))))
    return out


CRI = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d{9})Z (stdout|stderr) ([FP]) (.*)$")
DNS_Q = re.compile(r'^\[INFO\] ([\d.]+):(\d+) - (\d+) "(\w+) IN (\S+) (udp|tcp) (\d+) (true|false) (\d+)" '
                   r"(\w+) (\S+) (\d+) ([\d.]+)s$")


def parse_coredns(path: Path) -> list[Rec]:
    out = []
    for line in path.read_text().splitlines():
        m = CRI.match(line)
        if not m:
            raise ValueError(f"not a CRI line: {line[:100]}")
        ms = ms_of(datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S"), int(m.group(2)[:3]))
        text = m.group(5)
        f = {"stream": m.group(3), "text": text, "level": re.match(r"^\[(\w+)\]", text).group(1)}
        q = DNS_Q.match(text)
        if q:
            f.update(client=q.group(1), type=q.group(4), name=q.group(5), proto=q.group(6), rcode=q.group(10),
                     duration_s=float(q.group(13)))
        out.append(Rec(ms, line, f))
    return out


NGX_ERR = re.compile(r"^(\d{4}/\d\d/\d\d \d\d:\d\d:\d\d) \[(\w+)\] (\d+)#(\d+): (.*)$")


def parse_nginx_error(path: Path) -> list[Rec]:
    out = []
    for line in path.read_text().splitlines():
        m = NGX_ERR.match(line)
        if not m:
            raise ValueError(f"not an nginx error line: {line[:100]}")
        f = {"level": m.group(2), "msg": m.group(5)}
        for k in ("client", "server"):
            c = re.search(rf", {k}: ([^,]+)", m.group(5))
            if c:
                f[k] = c.group(1)
        for k in ("request", "upstream", "host"):
            c = re.search(rf', {k}: "([^"]*)"', m.group(5))
            if c:
                f[k] = c.group(1)
        out.append(Rec(ms_of(datetime.strptime(m.group(1), "%Y/%m/%d %H:%M:%S")), line, f))
    return out


MY_TIME = re.compile(r"^# Time: (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d{6})Z$")
MY_USER = re.compile(r"^# User@Host: (\w+)\[\w+\] @ +\[([\d.]*)\] +Id: +(\d+)$")
MY_STATS = re.compile(r"^# Query_time: ([\d.]+) +Lock_time: ([\d.]+) +Rows_sent: (\d+) +Rows_examined: (\d+)$")


def parse_mysql_slow(path: Path) -> list[Rec]:
    """A record is a `# Time:` line and the lines after it up to the next one."""
    out: list[Rec] = []
    for line in path.read_text().splitlines():
        m = MY_TIME.match(line)
        if m:
            ms = ms_of(datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S"), int(m.group(2)[:3]))
            out.append(Rec(ms, line, {}))
            continue
        if not out:
            raise ValueError(f"line before any record: {line!r}")
        r = out[-1]
        r.extra.append(line)
        if (u := MY_USER.match(line)):
            r.f.update(user=u.group(1), host=u.group(2))
        elif (s := MY_STATS.match(line)):
            r.f.update(query_time=float(s.group(1)), lock_time=float(s.group(2)), rows_sent=int(s.group(3)),
                       rows_examined=int(s.group(4)))
        elif not line.startswith(("use ", "SET timestamp=")):
            r.f["sql"] = line
    for r in out:
        if "query_time" not in r.f or "user" not in r.f or "sql" not in r.f:
            raise ValueError(f"incomplete record: {r.line}")
    return out


RMQ = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\.(\d{6})\+00:00 \[(\w+)\] (<[\d.]+>) (.*)$")


def parse_rabbitmq(path: Path) -> list[Rec]:
    """A record is a timestamped line; the lines after it without a timestamp belong to it."""
    out: list[Rec] = []
    for line in path.read_text().splitlines():
        m = RMQ.match(line)
        if not m:
            if not out:
                raise ValueError(f"continuation before any record: {line!r}")
            out[-1].extra.append(line)
            continue
        ms = ms_of(datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S"), int(m.group(2)[:3]))
        out.append(Rec(ms, line, {"level": m.group(3), "msg": m.group(5)}))
    return out


def parse_serilog(path: Path) -> list[Rec]:
    out = []
    for line in path.read_text().splitlines():
        obj = json.loads(line)
        m = re.fullmatch(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d{7})Z", obj["@t"])
        ms = ms_of(datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S"), int(m.group(2)[:3]))
        f = flatten(obj)
        f.setdefault("@l", "Information")  # CLEF leaves the level out for Information
        out.append(Rec(ms, line, f))
    return out


PARSERS = {
    "caddy-access.jsonl": parse_caddy,
    "coredns.log": parse_coredns,
    "nginx-error.log": parse_nginx_error,
    "mysql-slow.log": parse_mysql_slow,
    "rabbitmq.log": parse_rabbitmq,
    "orders-serilog.jsonl": parse_serilog,
}
WHOLE_SECONDS = {"nginx-error.log"}


def load(data: Path) -> dict[str, list[Rec]]:
    return load_records(data, PARSERS, WHOLE_SECONDS)


# --------------------------------------------------------------------------- predicates and fields


def text_rx(pattern):
    """Matches anywhere in the record, continuation lines included."""
    c = re.compile(pattern)
    return lambda r: bool(c.search(r.text()))


def msg_rx(pattern, key="msg"):
    c = re.compile(pattern)
    return lambda r: isinstance(r.f.get(key), str) and bool(c.search(r.f[key]))


CAD, DNS, NGE = "caddy-access.jsonl", "coredns.log", "nginx-error.log"
MY, RMQ_F, SER = "mysql-slow.log", "rabbitmq.log", "orders-serilog.jsonl"

MS = {"unit": "ms", "accept_scale": [0.001]}
SEC = {"unit": "s", "accept_scale": [1000.0]}

# caddy
handled = field_is("msg", "handled request")
host_is = lambda h: both(handled, field_is("request_host", h))  # noqa: E731
refused = both(field_is("logger", "http.log.error.log0"), msg_rx(r"connect: connection refused$"))
search = both(handled, lambda r: r.f["request_uri"].startswith("/search"))
# coredns
dnsq = lambda r: "rcode" in r.f  # noqa: E731
# nginx error
no_file = msg_rx(r"failed \(2: No such file or directory\)")
upstream_timeout = msg_rx(r"upstream timed out \(110: Connection timed out\)")
limited = msg_rx(r"^\*\d+ limiting requests, excess: ")
# mysql
user_is = lambda u: field_is("user", u)  # noqa: E731
# rabbitmq
login_refused = text_rx(r"login refused")
authenticated = msg_rx(r"authenticated and granted access to vhost")
accepting = msg_rx(r"accepting AMQP connection")
rmq_user = lambda r: re.search(r"user '(\w+)'", r.f["msg"]).group(1)  # noqa: E731
rmq_ip = lambda r: re.search(r"\(([\d.]+):\d+ ->", r.f["msg"]).group(1)  # noqa: E731
# serilog
request = field_is("SourceContext", "Serilog.AspNetCore.RequestLoggingMiddleware")
order = field_is("SourceContext", "Orders.Api.Services.OrderService")
gateway_error = both(field_is("@l", "Error"), field_is("SourceContext", "Orders.Api.Payments.PaymentGatewayClient"))

QUESTIONS = [
    # ---------------------------------------------------------------- half A: caddy-access.jsonl
    Q("a6-01", "heldout6", CAD, "count", "how many 502s did caddy serve between 10:10 and 10:25?",
      count_q(both(handled, field_is("status", 502)), "10:10", "10:25"),
      notes="status 502 on `handled request` lines (the error logger lines carry no status)"),
    Q("a6-02", "heldout6", CAD, "count", "count of requests slower than 2s",
      count_q(both(handled, lambda r: r.f["duration"] > 2.0)), notes="duration (seconds) > 2 on handled requests"),
    Q("a6-03", "heldout6", CAD, "topk", "top 3 client IPs by request count",
      topk_q(lambda r: r.f["request_client_ip"], 3, handled), notes="request.client_ip of handled requests"),
    Q("a6-04", "heldout6", CAD, "number", "p95 latency of /search requests between 11:15 and 11:30, in seconds",
      number_q("p95", lambda r: r.f["duration"], search, "11:15", "11:30"), tolerance=0.02, extra=SEC,
      notes="duration of handled requests whose request.uri starts /search; Loki quantile interpolation"),
    Q("a6-05", "heldout6", CAD, "distinct", "How many unique client IPs talked to api.example.com?",
      distinct_q(lambda r: r.f["request_client_ip"], host_is("api.example.com")),
      notes="request.client_ip where request.host is api.example.com"),
    Q("a6-06", "heldout6", CAD, "number", "average response size in bytes for static.example.com",
      number_q("avg", lambda r: r.f["size"], host_is("static.example.com")), tolerance=0.02,
      notes="size of handled requests to static.example.com, 304s (size 0) included"),
    Q("a6-07", "heldout6", CAD, "time", "When did caddy first fail to connect to the backend?",
      time_q(refused, "first"), notes="first http.log.error line `dial tcp …: connect: connection refused`"),
    Q("a6-08", "heldout6", CAD, "yesno", "any 5xx errors on static.example.com?",
      yesno_q(both(host_is("static.example.com"), lambda r: r.f["status"] >= 500)), notes="none"),
    # ---------------------------------------------------------------- half A: coredns.log
    Q("a6-09", "heldout6", DNS, "count", "How many SERVFAIL responses did CoreDNS give between 10:30 and 10:45?",
      count_q(field_is("rcode", "SERVFAIL"), "10:30", "10:45"), notes="query log lines with rcode SERVFAIL"),
    Q("a6-10", "heldout6", DNS, "topk", "which client is getting the most NXDOMAIN answers",
      topk_q(lambda r: r.f["client"], 1, field_is("rcode", "NXDOMAIN")), notes="client address without its port"),
    Q("a6-11", "heldout6", DNS, "distinct", "how many different client IPs sent DNS queries?",
      distinct_q(lambda r: r.f["client"], dnsq), notes="client address (before :port) of query log lines"),
    Q("a6-12", "heldout6", DNS, "number", "average response time for api.stripe.com lookups in ms",
      number_q("avg", lambda r: r.f["duration_s"] * 1000, field_is("name", "api.stripe.com.")), tolerance=0.02,
      extra=MS, notes="the trailing duration (seconds) of queries for api.stripe.com., SERVFAILs included"),
    Q("a6-13", "heldout6", DNS, "number", "DNS queries per second between 09:30 and 09:40",
      rate_q(dnsq, "09:30", "09:40", 1), tolerance=0.02, notes="query log lines"),
    Q("a6-14", "heldout6", DNS, "time", "when did the coredns config reload finish?",
      time_q(msg_rx(r"^\[INFO\] Reloading complete$", "text"), "first"), notes="`[INFO] Reloading complete`"),
    Q("a6-15", "heldout6", DNS, "lines", "show me the upstream i/o timeout errors",
      lines_q(msg_rx(r"^\[ERROR\] plugin/errors: .*i/o timeout$", "text")),
      extra={"line_regex": r" F \[ERROR\] plugin/errors: .*i/o timeout$"}, notes="[ERROR] plugin/errors lines"),
    Q("a6-16", "heldout6", DNS, "yesno", "Did any queries come in over TCP?",
      yesno_q(field_is("proto", "tcp")), extra={"line_regex": r'"\w+ IN \S+ tcp \d+ '},
      notes="the protocol inside the quoted question"),
    # ---------------------------------------------------------------- half A: nginx-error.log
    Q("a6-17", "heldout6", NGE, "count", "number of upstream timed out errors",
      count_q(upstream_timeout, "11:20", "11:35"), window=("11:20", "11:35"),
      notes="upstream timed out (110: Connection timed out); the window only through --start/--end"),
    Q("a6-18", "heldout6", NGE, "topk", "Which client triggered the most 'No such file or directory' errors?",
      topk_q(lambda r: r.f["client"], 1, no_file), notes="client: of open() … failed (2: …) lines"),
    Q("a6-19", "heldout6", NGE, "number", "how many requests per minute got rate limited between 11:40 and 11:50",
      rate_q(limited, "11:40", "11:50", 60), tolerance=0.02, notes="limiting requests lines"),
    Q("a6-20", "heldout6", NGE, "count", "total error-level entries in the nginx error log",
      count_q(field_is("level", "error")), notes="[error] lines (not warn, crit, notice or info)"),
    Q("a6-21", "heldout6", NGE, "number", "What was the highest excess reported by the request limiter?",
      number_q("max", lambda r: float(re.search(r"excess: ([\d.]+)", r.f["msg"]).group(1)), limited),
      notes="excess: of limiting requests lines"),
    Q("a6-22", "heldout6", NGE, "time", "When was nginx last reloaded?",
      time_q(msg_rx(r"SIGHUP\) received"), "last"), notes="signal 1 (SIGHUP) received … reconfiguring"),
    Q("a6-23", "heldout6", NGE, "yesno", "did nginx log anything at emerg or alert level?",
      yesno_q(field_is("level", "emerg", "alert")), notes="none (levels are info, notice, warn, error, crit)"),
    Q("a6-24", "heldout6", NGE, "distinct", "how many different upstream servers timed out?",
      distinct_q(lambda r: re.match(r"http://([^/]+)/", r.f["upstream"]).group(1), upstream_timeout),
      notes="host:port of upstream: in upstream timed out lines"),
    # ---------------------------------------------------------------- half B: mysql-slow.log
    Q("b6-01", "heldout6", MY, "count", "How many slow queries were logged between 10:20 and 10:40?",
      count_q(lambda r: True, "10:20", "10:40"), notes="records (# Time: lines)"),
    Q("b6-02", "heldout6", MY, "topk", "top 2 database users by number of slow queries",
      topk_q(lambda r: r.f["user"], 2), notes="User@Host user"),
    Q("b6-03", "heldout6", MY, "number", "longest query time in seconds",
      number_q("max", lambda r: r.f["query_time"]), extra=SEC, notes="max Query_time"),
    Q("b6-04", "heldout6", MY, "number", "avg lock time of slow queries between 10:20 and 10:40 (seconds)",
      number_q("avg", lambda r: r.f["lock_time"], a="10:20", b="10:40"), tolerance=0.02, extra=SEC,
      notes="Lock_time of records in the window"),
    Q("b6-05", "heldout6", MY, "count", "how many queries ran longer than 10 seconds?",
      count_q(lambda r: r.f["query_time"] > 10), notes="Query_time > 10"),
    Q("b6-06", "heldout6", MY, "number", "total rows examined by report_ro",
      number_q("sum", lambda r: r.f["rows_examined"], user_is("report_ro")), tolerance=0.001,
      notes="Rows_examined summed over report_ro records"),
    Q("b6-07", "heldout6", MY, "time", "When did report_ro run its last slow query?",
      time_q(user_is("report_ro"), "last"), notes="the record's # Time:"),
    Q("b6-08", "heldout6", MY, "yesno", "did root run any slow queries today?",
      yesno_q(user_is("root")), notes="no root records"),
    # ---------------------------------------------------------------- half B: rabbitmq.log
    Q("b6-09", "heldout6", RMQ_F, "count", "how many failed logins?",
      count_q(login_refused, "11:30", "11:45"), window=("11:30", "11:45"),
      notes="Error on AMQP connection records with `login refused` on the next line; the window only through "
            "--start/--end"),
    Q("b6-10", "heldout6", RMQ_F, "topk", "top 2 users by number of authenticated connections",
      topk_q(rmq_user, 2, authenticated), notes="user '…' authenticated and granted access"),
    Q("b6-11", "heldout6", RMQ_F, "distinct", "How many distinct client IPs opened AMQP connections?",
      distinct_q(rmq_ip, accepting), notes="client address (without port) of accepting AMQP connection lines"),
    Q("b6-12", "heldout6", RMQ_F, "time", "when was the memory alarm cleared?",
      time_q(msg_rx(r"memory resource limit alarm cleared on node"), "first"),
      notes="memory resource limit alarm cleared on node …"),
    Q("b6-13", "heldout6", RMQ_F, "number", "new AMQP connections per minute between 09:00 and 10:00",
      rate_q(accepting, "09:00", "10:00", 60), tolerance=0.02, notes="accepting AMQP connection lines"),
    Q("b6-14", "heldout6", RMQ_F, "yesno", "Did rabbitmq-server-2 go down at any point?",
      yesno_q(msg_rx(r"rabbitmq-server-2' down")), extra={"line_regex": r"rabbitmq-server-2' down"},
      notes="node … down lines, 11:02:41"),
    Q("b6-15", "heldout6", RMQ_F, "lines", "show me the missed heartbeat errors",
      lines_q(text_rx(r"missed heartbeats from client")),
      extra={"line_regex": r"\[error\] <[\d.]+> closing AMQP connection "},
      notes="[error] closing AMQP connection records, `missed heartbeats from client` on the next line"),
    Q("b6-16", "heldout6", RMQ_F, "count", "How many warnings did rabbitmq log?",
      count_q(field_is("level", "warning")), notes="[warning] records"),
    # ---------------------------------------------------------------- half B: orders-serilog.jsonl
    Q("b6-17", "heldout6", SER, "count", "how many 5xx responses between 10:45 and 11:00",
      count_q(both(request, lambda r: r.f["StatusCode"] >= 500), "10:45", "11:00"), notes="StatusCode >= 500"),
    Q("b6-18", "heldout6", SER, "topk", "which customer placed the most orders?",
      topk_q(lambda r: r.f["CustomerId"], 1, order), notes="CustomerId of Order … placed events"),
    Q("b6-19", "heldout6", SER, "number", "p99 request duration in ms",
      number_q("p99", lambda r: r.f["Elapsed"], request), tolerance=0.02, extra=MS,
      notes="Elapsed of RequestLoggingMiddleware events; Loki quantile interpolation"),
    Q("b6-20", "heldout6", SER, "number", "average order total between 10:00 and 11:00",
      number_q("avg", lambda r: r.f["Total"], order, "10:00", "11:00"), tolerance=0.02, notes="Total of Order events"),
    Q("b6-21", "heldout6", SER, "distinct", "how many distinct customers placed orders",
      distinct_q(lambda r: r.f["CustomerId"], order), notes="CustomerId of Order … placed events"),
    Q("b6-22", "heldout6", SER, "time", "When did orders-api come back up after the restart?",
      time_q(msg_rx(r"^Application started", "@mt"), "last"), notes="the last `Application started.`"),
    Q("b6-23", "heldout6", SER, "yesno", "were there any Fatal events?",
      yesno_q(field_is("@l", "Fatal")), notes="none"),
    Q("b6-24", "heldout6", SER, "lines", "show me the payment gateway errors",
      lines_q(gateway_error), extra={"line_regex": r'"@mt":"Payment gateway call to \{Gateway\} failed'},
      notes="@l Error from Orders.Api.Payments.PaymentGatewayClient"),
]

# --------------------------------------------------------------------------- writing


def build(data: Path) -> tuple[list[dict], dict]:
    manifest = heldout_cli.generated(data, 6, PARSERS)
    return heldout_cli.build(QUESTIONS, load(data), manifest)


if __name__ == "__main__":
    sys.exit(heldout_cli.main(__doc__.split("\n\n")[0], "heldout6", DEFAULT_DATA, build, HALF))
