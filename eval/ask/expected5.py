#!/usr/bin/env python3
"""The fifth held-out set (heldout5): 48 questions over the six logs of gen_logs5.py, with
expected answers computed from the generated files.

    python3 eval/ask/expected5.py [--data DIR] [--write | --check] [--list]

Reads the files gen_logs5.py wrote (default target/eval-logs; generated there first when
missing), parses them back with parsers of its own, and computes every expected value with
one function per question. It reuses expected.py's judging conventions and helpers (windows,
quantiles, topk ties, line-regex checks) so the records have the schema run_eval.py reads.

  --write   (re)write questions_heldout5.jsonl and files_heldout5.json here
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
from expected import (Q, Rec, count_q, distinct_q, flatten, lines_q,
                      mean, ms_of, number_q, parse_logfmt, parse_nginx, parse_rfc3339, rate_q, rnd, time_q,
                      topk_q, where, yesno_q, go_seconds)

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "target" / "eval-logs"
# Half A: the first three files, half B: the last three (run_eval.py --half).
HALF = {"accounts-api.jsonl": "A", "mailer-worker.log": "A", "ingress-public.log": "A",
        "reports-django.log": "B", "fluentbit-logistics.jsonl": "B", "postfix-mx.log": "B"}

# --------------------------------------------------------------------------- parsing


def parse_json_ts(key: str):
    def parse(path: Path) -> list[Rec]:
        out = []
        for line in path.read_text().splitlines():
            obj = json.loads(line)
            out.append(Rec(parse_rfc3339(obj[key]), line, flatten(obj)))
        return out
    return parse


DJANGO = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d{3}) \[(\w+)\] (\S+): (.*)$")


def parse_django(path: Path) -> list[Rec]:
    out: list[Rec] = []
    for line in path.read_text().splitlines():
        m = DJANGO.match(line)
        if not m:
            if not out:
                raise ValueError(f"continuation before any record: {line!r}")
            out[-1].extra.append(line)
            continue
        dt = datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S")
        out.append(Rec(ms_of(dt, int(m.group(2))), line,
                       {"level": m.group(3), "logger": m.group(4), "msg": m.group(5)}))
    return out


SYSLOG = re.compile(r"^(\w{3}) ([ \d]\d) (\d\d:\d\d:\d\d) (\S+) postfix/(\w+)\[(\d+)\]: (.*)$")


def parse_postfix(path: Path) -> list[Rec]:
    out = []
    for line in path.read_text().splitlines():
        m = SYSLOG.match(line)
        if not m:
            raise ValueError(f"not a postfix line: {line!r}")
        dt = datetime.strptime(f"2026 {m.group(1)} {m.group(2).strip()} {m.group(3)}", "%Y %b %d %H:%M:%S")
        f = {"host": m.group(4), "proc": m.group(5), "pid": m.group(6), "msg": m.group(7)}
        for k, v in re.findall(r"(\w+)=([^,\s]+)", m.group(7)):
            f.setdefault(k, v)
        out.append(Rec(ms_of(dt), line, f))
    return out


PARSERS = {
    "accounts-api.jsonl": parse_json_ts("ts"),
    "mailer-worker.log": parse_logfmt,
    "ingress-public.log": parse_nginx,
    "reports-django.log": parse_django,
    "fluentbit-logistics.jsonl": parse_json_ts("time"),
    "postfix-mx.log": parse_postfix,
}

# --------------------------------------------------------------------------- predicates and fields


def field_is(name, *values):
    return lambda r: r.f.get(name) in values


def msg_rx(pattern, key="msg"):
    c = re.compile(pattern)
    return lambda r: isinstance(r.f.get(key), str) and bool(c.search(r.f[key]))


def both(*preds):
    return lambda r: all(p(r) for p in preds)


def is_request(r):
    return "http_status" in r.f


def num_in(pattern, key="msg", scale=1.0):
    c = re.compile(pattern)
    return lambda r: float(c.search(r.f[key]).group(1)) * scale


def topk_by_mean(key, value, k, pred):
    """The k groups with the highest mean value; refuses a tie at the cut."""
    def f(R):
        groups = defaultdict(list)
        for r in where(R, pred):
            groups[key(r)].append(value(r))
        ranked = sorted(((g, mean(v)) for g, v in groups.items()), key=lambda x: -x[1])
        if len(ranked) > k and abs(ranked[k - 1][1] - ranked[k][1]) < 1e-9:
            raise AssertionError("tie at the cut")
        return [g for g, _ in ranked[:k]], {"k": k, "counts": {g: rnd(v) for g, v in ranked[: k + 2]}}
    return f


ACC = "accounts-api.jsonl"
MAIL = "mailer-worker.log"
ING = "ingress-public.log"
REP = "reports-django.log"
FB = "fluentbit-logistics.jsonl"
PF = "postfix-mx.log"

MS = {"unit": "ms", "accept_scale": [0.001]}
SEC = {"unit": "s", "accept_scale": [1000.0]}

# accounts-api
transfer = field_is("http_route", "/v1/transfers")
balance = field_is("http_route", "/v1/accounts/{id}/balance")
locked = field_is("msg", "account locked")
failed_transfer = both(field_is("msg", "request failed"), transfer)
# mailer-worker
finished = field_is("msg", "job finished")
job_failed = field_is("msg", "job failed")
# ingress-public
media = field_is("upstream", "web-media-8080")
# reports-django
rendered = msg_rx(r"^Rendered report \d+ for tenant \w+ in [\d.]+s \(\d+ rows\)$")
tenant_of = lambda r: re.search(r"for tenant (\w+)", r.f["msg"]).group(1)  # noqa: E731
err_or_crit = field_is("level", "ERROR", "CRITICAL")
# fluentbit-logistics
pod = lambda r: r.f["kubernetes_pod_name"]  # noqa: E731
planned = msg_rx(r"^INFO planned route ", "log")
tracked = msg_rx(r"^INFO GET /track/", "log")
fb_error = msg_rx(r"^ERROR ", "log")
# postfix
deferred = field_is("status", "deferred")
sent = field_is("status", "sent")
bounced = field_is("status", "bounced")
spamhaus = msg_rx(r"^NOQUEUE: reject: .* blocked using zen\.spamhaus\.org")
relay_host = lambda r: r.f["relay"].split("[")[0]  # noqa: E731

QUESTIONS = [
    # ---------------------------------------------------------------- half A: accounts-api.jsonl
    Q("a5-01", "heldout5", ACC, "count", "how many 503s did accounts-api return between 10:15 and 10:30?",
      count_q(field_is("http_status", 503), "10:15", "10:30"), notes="http.status == 503"),
    Q("a5-02", "heldout5", ACC, "topk", "Which route is the slowest on average?",
      topk_by_mean(lambda r: r.f["http_route"], lambda r: r.f["http_duration_ms"], 1, is_request),
      notes="mean http.duration_ms grouped by http.route, over request lines"),
    Q("a5-03", "heldout5", ACC, "distinct", "How many unique users made a transfer today?",
      distinct_q(lambda r: r.f["user_id"], transfer), notes="distinct user.id over POST /v1/transfers lines"),
    Q("a5-04", "heldout5", ACC, "number", "95th percentile latency of the balance endpoint, in ms",
      number_q("p95", lambda r: r.f["http_duration_ms"], balance), tolerance=0.02, extra=MS,
      notes="http.route /v1/accounts/{id}/balance; Loki quantile_over_time interpolation"),
    Q("a5-05", "heldout5", ACC, "number", "requests per second between 10:00 and 10:10",
      rate_q(is_request, "10:00", "10:10", 1), tolerance=0.02, notes="lines with http.status"),
    Q("a5-06", "heldout5", ACC, "time", "When did the first account get locked?",
      time_q(locked, "first"), notes="msg=account locked"),
    Q("a5-07", "heldout5", ACC, "yesno", "Did any request take longer than 10 seconds?",
      yesno_q(lambda r: is_request(r) and r.f["http_duration_ms"] > 10000), notes="http.duration_ms > 10000"),
    Q("a5-08", "heldout5", ACC, "lines", "show me the failed transfer requests",
      lines_q(failed_transfer), extra={"line_regex": r'"msg":"request failed".*"route":"/v1/transfers"'},
      notes="msg=request failed on /v1/transfers (all are 503 ledger timeouts)"),
    # ---------------------------------------------------------------- half A: mailer-worker.log
    Q("a5-09", "heldout5", MAIL, "count", "number of failed jobs on the webhooks queue from 10:40 to 10:55",
      count_q(both(job_failed, field_is("queue", "webhooks")), "10:40", "10:55"), notes='msg="job failed" queue=webhooks'),
    Q("a5-10", "heldout5", MAIL, "topk", "count finished jobs grouped by job type, top 3",
      topk_q(lambda r: r.f["job"], 3, finished), notes='msg="job finished", grouped by job'),
    Q("a5-11", "heldout5", MAIL, "number", "What's the average duration of finished thumbnails jobs in seconds?",
      number_q("avg", lambda r: go_seconds(r.f["dur"]), both(finished, field_is("queue", "thumbnails"))),
      tolerance=0.02, extra=SEC, notes="dur= is a Go duration"),
    Q("a5-12", "heldout5", MAIL, "number", "longest time a job waited in the emails queue (seconds)",
      number_q("max", lambda r: go_seconds(r.f["wait"]), both(field_is("queue", "emails"), lambda r: "wait" in r.f)),
      extra=SEC, notes="max wait= over emails lines that carry it (finished and failed)"),
    Q("a5-13", "heldout5", MAIL, "number", "How many jobs finished per minute between 11:00 and 11:10?",
      rate_q(finished, "11:00", "11:10", 60), tolerance=0.02, notes='msg="job finished"'),
    Q("a5-14", "heldout5", MAIL, "time", "when did the mailer worker last (re)start?",
      time_q(field_is("msg", "worker started"), "last"), notes='msg="worker started"; the 11:02 restart'),
    Q("a5-15", "heldout5", MAIL, "yesno", "did any job on the emails queue fail?",
      yesno_q(both(job_failed, field_is("queue", "emails"))),
      extra={"line_regex": r'msg="job failed" queue=emails'}, notes="a few smtp 451 failures"),
    Q("a5-16", "heldout5", MAIL, "distinct", "how many distinct workers completed jobs",
      distinct_q(lambda r: r.f["worker"], finished), notes='worker= over msg="job finished"'),
    # ---------------------------------------------------------------- half A: ingress-public.log
    Q("a5-17", "heldout5", ING, "count", "How many 504 gateway timeouts did the ingress log?",
      count_q(field_is("status", 504)), notes="status 504"),
    Q("a5-18", "heldout5", ING, "topk", "which 3 client IPs sent the most requests",
      topk_q(lambda r: r.f["ip"], 3), notes="remote_addr"),
    Q("a5-19", "heldout5", ING, "distinct", "number of unique client addresses between 11:35 and 11:45",
      distinct_q(lambda r: r.f["ip"], a="11:35", b="11:45"), notes="remote_addr"),
    Q("a5-20", "heldout5", ING, "number", "p99 request time for the web-media-8080 upstream, in seconds",
      number_q("p99", lambda r: r.f["request_time"], media), tolerance=0.02, extra=SEC,
      notes="request_time over [web-media-8080] lines, 429s included"),
    Q("a5-21", "heldout5", ING, "number", "total bytes sent to clients between 10:00 and 11:00",
      number_q("sum", lambda r: r.f["bytes"], a="10:00", b="11:00"), tolerance=0.001,
      notes="body_bytes_sent summed"),
    Q("a5-22", "heldout5", ING, "time", "When did we see the first 504?",
      time_q(field_is("status", 504), "first"), notes="status 504"),
    Q("a5-23", "heldout5", ING, "yesno", "Did 192.0.2.201 get rate limited (429)?",
      yesno_q(both(field_is("ip", "192.0.2.201"), field_is("status", 429))),
      extra={"line_regex": r'^192\.0\.2\.201 .*HTTP/1\.1" 429 '}, notes="the crawler, from 11:40"),
    Q("a5-24", "heldout5", ING, "lines", "show me 5xx responses from web-api",
      lines_q(lambda r: r.f["status"] >= 500 and r.f["upstream"] == "web-api-8080"),
      extra={"line_regex": r'HTTP/1\.1" 5\d\d \d+ .*\[web-api-8080\]'}, notes="status >= 500 on [web-api-8080]"),
    # ---------------------------------------------------------------- half B: reports-django.log
    Q("b5-01", "heldout5", REP, "count", "How many Internal Server Errors were logged between 10:30 and 10:45?",
      count_q(msg_rx(r"^Internal Server Error: "), "10:30", "10:45"), notes="django.request Internal Server Error lines"),
    Q("b5-02", "heldout5", REP, "topk", "the two tenants with the most rendered reports",
      topk_q(tenant_of, 2, rendered), notes="Rendered report … for tenant X"),
    Q("b5-03", "heldout5", REP, "distinct", "how many different tenants had reports rendered?",
      distinct_q(tenant_of, rendered), notes="Rendered report … for tenant X"),
    Q("b5-04", "heldout5", REP, "number", "average report render time in seconds",
      number_q("avg", num_in(r" in ([\d.]+)s \("), rendered), tolerance=0.02, extra=SEC,
      notes="the `in N.NNNs` of Rendered report lines"),
    Q("b5-05", "heldout5", REP, "time", "At what time did the reports worker run out of memory?",
      time_q(field_is("level", "CRITICAL"), "first"), notes="CRITICAL Worker exceeded memory limit (MemoryError)"),
    Q("b5-06", "heldout5", REP, "lines", "what errors happened between 10:30 and 10:45?",
      lines_q(err_or_crit, "10:30", "10:45"), extra={"line_regex": r"^\S+ \S+ \[(ERROR|CRITICAL)\] "},
      notes="ERROR/CRITICAL records (header lines); tracebacks follow them"),
    Q("b5-07", "heldout5", REP, "yesno", "were any reports rendered for tenant globex?",
      yesno_q(both(rendered, lambda r: tenant_of(r) == "globex")), notes="no such tenant"),
    Q("b5-08", "heldout5", REP, "number", "largest number of rows in a single rendered report",
      number_q("max", num_in(r"\((\d+) rows\)"), rendered), notes="the `(N rows)` of Rendered report lines"),
    # ---------------------------------------------------------------- half B: fluentbit-logistics.jsonl
    Q("b5-09", "heldout5", FB, "count", "how many times did the fedex carrier API fail between 11:30 and 11:40",
      count_q(both(fb_error, msg_rx(r"carrier api failed carrier=fedex", "log")), "11:30", "11:40"),
      notes="log: ERROR carrier api failed carrier=fedex"),
    Q("b5-10", "heldout5", FB, "topk", "Which pod logged the most errors?",
      topk_q(pod, 1, fb_error), notes="log starting ERROR, grouped by kubernetes.pod_name"),
    Q("b5-11", "heldout5", FB, "distinct", "How many pods are sending logs?",
      distinct_q(pod), notes="kubernetes.pod_name"),
    Q("b5-12", "heldout5", FB, "number", "p95 of route planning time (took) in ms",
      number_q("p95", num_in(r"took=(\d+)ms", "log"), planned), tolerance=0.02, extra=MS,
      notes="took= of INFO planned route lines; Loki quantile_over_time interpolation"),
    Q("b5-13", "heldout5", FB, "number", "how often per minute were shipments tracked between 10:00 and 10:10?",
      rate_q(tracked, "10:00", "10:10", 60), tolerance=0.02, notes="INFO GET /track/ lines"),
    Q("b5-14", "heldout5", FB, "time", "When was the last solver timeout on route-planner-7c9d5f8b6-q7x2z?",
      time_q(both(msg_rx(r"^ERROR solver timeout", "log"),
                  field_is("kubernetes_pod_name", "route-planner-7c9d5f8b6-q7x2z")), "last"),
      notes="log: ERROR solver timeout"),
    Q("b5-15", "heldout5", FB, "yesno", "did any container write to stderr?",
      yesno_q(field_is("stream", "stderr")), extra={"line_regex": r'"stream":"stderr"'},
      notes="the panic of …-q7x2z"),
    Q("b5-16", "heldout5", FB, "count", "total errors from route-planner",
      count_q(both(fb_error, field_is("kubernetes_labels_app", "route-planner")), ),
      notes="log starting ERROR on route-planner pods (solver timeouts); the stderr panic lines are not ERROR"),
    # ---------------------------------------------------------------- half B: postfix-mx.log
    Q("b5-17", "heldout5", PF, "count", "How many messages were deferred between 10:20 and 10:40?",
      count_q(deferred, "10:20", "10:40"), notes="status=deferred"),
    Q("b5-18", "heldout5", PF, "topk", "top 3 relays by delivered mail",
      topk_q(relay_host, 3, sent), notes="relay= host of status=sent lines"),
    Q("b5-19", "heldout5", PF, "distinct", "How many distinct client IPs were blocked by spamhaus?",
      distinct_q(lambda r: re.search(r"RCPT from \S+\[([\d.]+)\]", r.f["msg"]).group(1), spamhaus),
      notes="NOQUEUE reject … blocked using zen.spamhaus.org, client address"),
    Q("b5-20", "heldout5", PF, "number", "average delivery delay for sent mail, in seconds",
      number_q("avg", lambda r: float(r.f["delay"]), sent), tolerance=0.02, extra=SEC, notes="delay= of status=sent"),
    Q("b5-21", "heldout5", PF, "number", "rejections per minute between 11:10 and 11:25",
      rate_q(msg_rx(r"^NOQUEUE: reject: "), "11:10", "11:25", 60), tolerance=0.02, notes="NOQUEUE: reject lines"),
    Q("b5-22", "heldout5", PF, "time", "when did the first bounce happen?",
      time_q(bounced, "first"), notes="status=bounced"),
    Q("b5-23", "heldout5", PF, "yesno", "Did any mail to outlook get deferred?",
      yesno_q(both(deferred, lambda r: "outlook" in r.f.get("relay", ""))), notes="only gmail deferrals"),
    Q("b5-24", "heldout5", PF, "lines", "show me the bounced messages",
      lines_q(bounced), extra={"line_regex": r"status=bounced"}, notes="status=bounced"),
]

# --------------------------------------------------------------------------- writing


def build(data: Path) -> tuple[list[dict], dict]:
    manifest = heldout_cli.generated(data, 5, PARSERS)
    return heldout_cli.build(QUESTIONS, {name: parse(data / name) for name, parse in PARSERS.items()}, manifest)


if __name__ == "__main__":
    sys.exit(heldout_cli.main(__doc__.split("\n\n")[0], "heldout5", DEFAULT_DATA, build, HALF))
