#!/usr/bin/env python3
"""The seventh held-out set (heldout7): 48 questions over the six logs of gen_logs7.py, with
expected answers computed from the generated files, asked without stream labels.

    python3 eval/ask/expected7.py [--data DIR] [--write | --check] [--list]

Reads the files gen_logs7.py wrote (default target/eval-logs; generated there first when
missing), parses them back with parsers of its own, and computes every expected value with
one function per question. It reuses expected.py's judging conventions and helpers (windows,
quantiles, topk ties, line-regex checks) so the records have the schema run_eval.py reads.
Every record has `"labels": null`: run_eval.py then runs `askloki ask` without `--labels`,
as the structured-log check this set imitates does.

  --write   (re)write questions_heldout7.jsonl and files_heldout7.json here
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
                      load_records, ms_of, number_q, rate_q, Rec, time_q, topk_q, yesno_q)

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "target" / "eval-logs"
# Half A: the first three files, half B: the last three (run_eval.py --half).
HALF = {"cart-pods.jsonl": "A", "ledger-svc.log": "A", "ingress-edge.log": "A",
        "contour-envoy.jsonl": "B", "payments-ecs.jsonl": "B", "csi-attacher.log": "B"}

# --------------------------------------------------------------------------- parsing

RFC3339 = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d{3,9})Z$")


def rfc_ms(s: str) -> int:
    m = RFC3339.match(s)
    if not m:
        raise ValueError(f"bad time {s!r}")
    return ms_of(datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S"), int(m.group(2)[:3]))


def parse_json_lines(time_key: str):
    """JSON lines whose time is `time_key`; fields flattened the way Loki's `| json` names them
    (nested keys joined with `_`; dotted top-level keys are kept as they are here)."""
    def parse(path: Path) -> list[Rec]:
        out = []
        for line in path.read_text().splitlines():
            obj = json.loads(line)
            out.append(Rec(rfc_ms(obj[time_key]), line, flatten(obj)))
        return out
    return parse


KV = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|\S*)')


def kv_fields(text: str) -> dict:
    f = {}
    for k, v in KV.findall(text):
        f[k] = v[1:-1] if v.startswith('"') else v
    return f


def parse_ledger(path: Path) -> list[Rec]:
    out = []
    for line in path.read_text().splitlines():
        f = kv_fields(line)
        out.append(Rec(rfc_ms(f["time"]), line, f))
    return out


EDGE = re.compile(r'^(\S+) - (\S+) \[(\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d) \+0000\] "(\w+) (\S+) HTTP/[\d.]+" (\d{3}) (\d+) '
                  r'"([^"]*)" "([^"]*)" (\d+) ([\d.]+) \[([^\]]*)\] \[([^\]]*)\] (\S+) (\S+) (\S+) (\S+) ([0-9a-f]{32})$')


def parse_edge(path: Path) -> list[Rec]:
    out = []
    for line in path.read_text().splitlines():
        m = EDGE.match(line)
        if not m:
            raise ValueError(f"not an ingress line: {line[:100]}")
        f = {"client": m.group(1), "method": m.group(4), "path": m.group(5), "status": int(m.group(6)),
             "bytes": int(m.group(7)), "ua": m.group(9), "request_time": float(m.group(11)),
             "upstream": m.group(12), "alternative": m.group(13), "upstream_addr": m.group(14),
             "upstream_status": m.group(17)}
        ms = ms_of(datetime.strptime(m.group(3), "%d/%b/%Y:%H:%M:%S"))
        out.append(Rec(ms, line, f))
    return out


KLOG = re.compile(r"^([IWEF])(\d{4}) (\d\d:\d\d:\d\d)\.(\d{6}) +(\d+) ([\w.]+:\d+)\] (.*)$")


def parse_klog(path: Path) -> list[Rec]:
    out = []
    for line in path.read_text().splitlines():
        m = KLOG.match(line)
        if not m:
            raise ValueError(f"not a klog line: {line[:100]}")
        ms = ms_of(datetime.strptime(f"2026{m.group(2)} {m.group(3)}", "%Y%m%d %H:%M:%S"), int(m.group(4)[:3]))
        text = m.group(7)
        f = {"sev": m.group(1), "src": m.group(6), "text": text}
        q = re.match(r'^"([^"]*)"(.*)$', text)
        if q:
            f["msg"] = q.group(1)
            f.update(kv_fields(q.group(2)))
        out.append(Rec(ms, line, f))
    return out


PARSERS = {
    "cart-pods.jsonl": parse_json_lines("time"),
    "ledger-svc.log": parse_ledger,
    "ingress-edge.log": parse_edge,
    "contour-envoy.jsonl": parse_json_lines("@timestamp"),
    "payments-ecs.jsonl": parse_json_lines("@timestamp"),
    "csi-attacher.log": parse_klog,
}
WHOLE_SECONDS = {"ingress-edge.log"}


def load(data: Path) -> dict[str, list[Rec]]:
    return load_records(data, PARSERS, WHOLE_SECONDS)


# --------------------------------------------------------------------------- predicates and fields


def go_field(name):
    return lambda r: go_seconds(r.f[name])


def scaled(name, factor):
    return lambda r: float(r.f[name]) * factor


CART, LED, EDG = "cart-pods.jsonl", "ledger-svc.log", "ingress-edge.log"
ENV, PAY, CSI = "contour-envoy.jsonl", "payments-ecs.jsonl", "csi-attacher.log"

MS = {"unit": "ms", "accept_scale": [0.001]}
SEC = {"unit": "s", "accept_scale": [1000.0]}
MB = {"unit": "MB", "accept_scale": [1e6 / 2 ** 20]}

# cart: a request is a line with a status
cart_req = has("status")
cart_pod = lambda name: field_is("kubernetes_pod_name", name)  # noqa: E731
# ledger: a request is msg="request completed"
led_req = field_is("msg", "request completed")
led_fx = field_is("msg", "fetch rates failed")
# envoy
env_cluster = lambda c: field_is("upstream_cluster", c)  # noqa: E731
# payments
pay_msg = lambda m: field_is("message", m)  # noqa: E731
# csi
attached = field_is("msg", "Attached volume")
attach_failed = field_is("msg", "Failed to attach volume")


def sum_mb(key, pred):
    def f(R):
        return round(sum(key(r) for r in R if pred(r)) / 1e6, 6)
    return f


QUESTIONS = [
    # ---------------------------------------------------------------- half A: cart-pods.jsonl
    Q("a7-01", "heldout7", CART, "number", "avg latency of checkout calls in ms between 10:40 and 10:55",
      number_q("avg", lambda r: float(r.f["latency_ms"]), both(cart_req, field_is("route", "/api/cart/checkout")),
               "10:40", "10:55"), tolerance=0.02, notes="latency_ms of request lines on /api/cart/checkout", extra=MS),
    Q("a7-02", "heldout7", CART, "number", "p95 request latency (milliseconds) across all cart pods",
      number_q("p95", lambda r: float(r.f["latency_ms"]), cart_req, "11:00", "12:00"), tolerance=0.02,
      window=("11:00", "12:00"), notes="window only through --start/--end; every line with a status, 429s included",
      extra=MS),
    Q("a7-03", "heldout7", CART, "distinct", "how many unique users hit the cart service between 11:00 and 11:30?",
      distinct_q(lambda r: r.f.get("user"), cart_req, "11:00", "11:30"), notes="`user` of request lines"),
    Q("a7-04", "heldout7", CART, "number", "cart requests per second between 10:00 and 10:15",
      rate_q(cart_req, "10:00", "10:15", 1), tolerance=0.03, notes="lines with a status, all pods"),
    Q("a7-05", "heldout7", CART, "topk", "top 3 users by number of cart requests",
      topk_q(lambda r: r.f.get("user"), 3, cart_req), notes="`user` of request lines"),
    Q("a7-06", "heldout7", CART, "count", "how many 500s came from pod cart-7f9c6d5b8-q8wzp?",
      count_q(both(field_is("status", 500), cart_pod("cart-7f9c6d5b8-q8wzp"))),
      notes="status 500 on kubernetes.pod_name cart-7f9c6d5b8-q8wzp"),
    Q("a7-07", "heldout7", CART, "time", "what time did cart-7f9c6d5b8-q8wzp start listening again after its restart?",
      time_q(both(field_is("message", "server listening on :8080"), cart_pod("cart-7f9c6d5b8-q8wzp")), "last"),
      notes="the `server listening on :8080` line"),
    Q("a7-08", "heldout7", CART, "count", "number of lines the cart containers wrote to stderr",
      count_q(field_is("stream", "stderr")), notes="the envelope's `stream`"),
    # ---------------------------------------------------------------- half A: ledger-svc.log
    Q("a7-09", "heldout7", LED, "number", "longest settlement batch run, in seconds",
      number_q("max", go_field("elapsed"), field_is("msg", "batch settled")), tolerance=0.02,
      notes="max of elapsed= (a Go duration) on `batch settled`", extra=SEC),
    Q("a7-10", "heldout7", LED, "number", "ledger p99 request time in ms from 10:25 to 10:40",
      number_q("p99", lambda r: go_seconds(r.f["took"]) * 1000, led_req, "10:25", "10:40"), tolerance=0.02,
      notes="took= of `request completed` lines", extra=MS),
    Q("a7-11", "heldout7", LED, "number", "total time spent in db queries on the ledger_entries table, in seconds",
      number_q("sum", go_field("dur"), both(field_is("table", "ledger_entries"), has("dur"))), tolerance=0.02,
      notes="dur= of `db query` and `slow query` lines with table=ledger_entries", extra=SEC),
    Q("a7-12", "heldout7", LED, "distinct", "how many different callers logged warnings or errors?",
      distinct_q(lambda r: r.f.get("caller"), field_is("level", "warn", "error")), notes="caller= of level warn/error"),
    Q("a7-13", "heldout7", LED, "number", "fx rate fetch failures per minute between 11:05 and 11:12",
      rate_q(led_fx, "11:05", "11:12", 60), tolerance=0.03, notes='msg="fetch rates failed"'),
    Q("a7-14", "heldout7", LED, "topk", "which 2 ledger endpoints return the most non-2xx statuses?",
      topk_q(lambda r: r.f.get("path"), 2, both(led_req, lambda r: not r.f["status"].startswith("2"))),
      notes="path= of requests with status >= 300"),
    Q("a7-15", "heldout7", LED, "count", "how many ledger requests returned 404",
      count_q(both(led_req, field_is("status", "404")), "10:00", "11:00"), window=("10:00", "11:00"),
      notes="window only through --start/--end"),
    Q("a7-16", "heldout7", LED, "time", "when was the last context deadline exceeded from fx-rates?",
      time_q(led_fx, "last"), notes="the last `fetch rates failed` line"),
    # ---------------------------------------------------------------- half A: ingress-edge.log
    Q("a7-17", "heldout7", EDG, "number",
      "average request_time in seconds for the shop-web-80 upstream between 11:00 and 11:15",
      number_q("avg", lambda r: r.f["request_time"], field_is("upstream", "shop-web-80"), "11:00", "11:15"),
      tolerance=0.02, notes="request_time of lines with [shop-web-80]", extra=SEC),
    Q("a7-18", "heldout7", EDG, "number", "how many MB of response bodies did shop-catalog-8080 send in total?",
      sum_mb(lambda r: r.f["bytes"], field_is("upstream", "shop-catalog-8080")), tolerance=0.02,
      notes="sum of body_bytes_sent / 1e6 (MiB accepted), 429s included", extra=MB),
    Q("a7-19", "heldout7", EDG, "distinct", "distinct client IPs between 11:40 and 11:55",
      distinct_q(lambda r: r.f["client"], lambda r: True, "11:40", "11:55"), notes="remote_addr"),
    Q("a7-20", "heldout7", EDG, "number", "requests per second through the ingress",
      rate_q(lambda r: True, "10:00", "10:15", 1), tolerance=0.03, window=("10:00", "10:15"),
      notes="window only through --start/--end; every access line"),
    Q("a7-21", "heldout7", EDG, "topk", "which 3 upstream addresses served the most requests?",
      topk_q(lambda r: r.f["upstream_addr"] if r.f["upstream_addr"] != "-" else None, 3),
      notes="upstream_addr; 429s have none"),
    Q("a7-22", "heldout7", EDG, "count", "how many 429s did 203.0.113.99 get?",
      count_q(both(field_is("client", "203.0.113.99"), field_is("status", 429))), notes="status 429 for remote_addr"),
    Q("a7-23", "heldout7", EDG, "yesno", "did the cart canary return any 5xx errors?",
      yesno_q(both(field_is("alternative", "shop-cart-canary-8080"), lambda r: r.f["status"] >= 500)),
      notes="[shop-cart-canary-8080] in the alternative upstream column; it only has 2xx and 404"),
    Q("a7-24", "heldout7", EDG, "time", "when did 203.0.113.99 first get rate limited?",
      time_q(both(field_is("client", "203.0.113.99"), field_is("status", 429)), "first"), notes="its first 429"),
    # ---------------------------------------------------------------- half B: contour-envoy.jsonl
    Q("b7-01", "heldout7", ENV, "number", "mean duration (ms) of requests to the search cluster between 10:50 and 11:05",
      number_q("avg", lambda r: float(r.f["duration"]), env_cluster("storefront/search/8080/5e0d9f2c1a"),
               "10:50", "11:05"), tolerance=0.02, notes="duration of upstream_cluster storefront/search/…, 504s included",
      extra=MS),
    Q("b7-02", "heldout7", ENV, "number", "biggest response in bytes served for img.example.shop",
      number_q("max", lambda r: float(r.f["bytes_sent"]), field_is("authority", "img.example.shop")), tolerance=0.02,
      notes="max bytes_sent with authority img.example.shop"),
    Q("b7-03", "heldout7", ENV, "distinct", "how many distinct upstream hosts got traffic from envoy?",
      distinct_q(lambda r: r.f.get("upstream_host"), lambda r: True), notes="upstream_host (null for 429 RL)"),
    Q("b7-04", "heldout7", ENV, "number", "503s per minute between 10:10 and 10:25",
      rate_q(field_is("response_code", 503), "10:10", "10:25", 60), tolerance=0.03, notes="response_code 503"),
    Q("b7-05", "heldout7", ENV, "topk", "top 2 upstream clusters by 5xx responses",
      topk_q(lambda r: r.f["upstream_cluster"], 2, lambda r: r.f["response_code"] >= 500),
      notes="upstream_cluster of response_code >= 500"),
    Q("b7-06", "heldout7", ENV, "count", "how many requests were rate limited by envoy between 11:30 and 11:40?",
      count_q(field_is("response_flags", "RL"), "11:30", "11:40"), notes="response_flags RL (429)"),
    Q("b7-07", "heldout7", ENV, "time", "first upstream connection failure to 10.244.6.21",
      time_q(both(field_is("response_flags", "UF"), field_is("upstream_host", "10.244.6.21:9080")), "first"),
      notes="response_flags UF with upstream_host 10.244.6.21:9080"),
    Q("b7-08", "heldout7", ENV, "count", "count of 404 responses",
      count_q(field_is("response_code", 404), "09:30", "10:30"), window=("09:30", "10:30"),
      notes="window only through --start/--end"),
    # ---------------------------------------------------------------- half B: payments-ecs.jsonl
    Q("b7-09", "heldout7", PAY, "number",
      "average elapsed time in milliseconds of captured charges on payments-5c9f7d8b6-7mxrt between 11:10 and 11:25",
      number_q("avg", scaled("elapsed_us", 0.001), both(pay_msg("Charge captured"),
                                                          field_is("k8s.pod.name", "payments-5c9f7d8b6-7mxrt")),
               "11:10", "11:25"), tolerance=0.02, notes="elapsed_us / 1000 of `Charge captured` on that pod", extra=MS),
    Q("b7-10", "heldout7", PAY, "number", "sum of captured EUR amounts between 10:00 and 11:00",
      number_q("sum", lambda r: float(r.f["amount"]), both(pay_msg("Charge captured"), field_is("currency", "EUR")),
               "10:00", "11:00"), tolerance=0.02, notes="amount of `Charge captured` with currency EUR"),
    Q("b7-11", "heldout7", PAY, "distinct", "how many merchants had at least one declined charge?",
      distinct_q(lambda r: r.f.get("merchant.id"), pay_msg("Charge declined")), notes="merchant.id of `Charge declined`"),
    Q("b7-12", "heldout7", PAY, "number", "failed charges per minute between 10:35 and 10:50",
      rate_q(pay_msg("Charge failed: acquirer did not answer"), "10:35", "10:50", 60), tolerance=0.03,
      notes="the ERROR `Charge failed` lines (logged 30 s after the attempt)"),
    Q("b7-13", "heldout7", PAY, "topk", "two most common decline reasons",
      topk_q(lambda r: r.f.get("decline.reason"), 2, pay_msg("Charge declined")), notes="decline.reason"),
    Q("b7-14", "heldout7", PAY, "count", "how many refunds were issued?",
      count_q(pay_msg("Refund issued"), "10:00", "11:00"), window=("10:00", "11:00"),
      notes="window only through --start/--end"),
    Q("b7-15", "heldout7", PAY, "time", "when was the last acquirer timeout?",
      time_q(pay_msg("Charge failed: acquirer did not answer"), "last"), notes="the last `Charge failed` line"),
    Q("b7-16", "heldout7", PAY, "yesno", "any hikari thread starvation warnings in payments?",
      yesno_q(lambda r: "Thread starvation" in r.f.get("message", "")), notes="the HikariPool WARN at 11:52:18",
      extra={"line_regex": "Thread starvation"}),
    # ---------------------------------------------------------------- half B: csi-attacher.log
    Q("b7-17", "heldout7", CSI, "number", "p95 volume attach duration in seconds",
      number_q("p95", go_field("duration"), attached), tolerance=0.02,
      notes='duration= of "Attached volume" (retries included)', extra=SEC),
    Q("b7-18", "heldout7", CSI, "number", "slowest volume detach, in seconds",
      number_q("max", go_field("duration"), field_is("msg", "Detached volume")), tolerance=0.02,
      notes='max duration= of "Detached volume"', extra=SEC),
    Q("b7-19", "heldout7", CSI, "distinct", "how many nodes had a failed volume attach?",
      distinct_q(lambda r: r.f.get("node"), attach_failed), notes='node= of "Failed to attach volume"'),
    Q("b7-20", "heldout7", CSI, "number", "volumes attached per minute",
      rate_q(attached, "10:00", "11:00", 60), tolerance=0.03, window=("10:00", "11:00"),
      notes='window only through --start/--end; "Attached volume" lines'),
    Q("b7-21", "heldout7", CSI, "topk", "which node had the most failed attaches?",
      topk_q(lambda r: r.f.get("node"), 1, attach_failed), notes='node= of "Failed to attach volume"'),
    Q("b7-22", "heldout7", CSI, "count", "how many warnings did the csi-attacher log?",
      count_q(field_is("sev", "W")), notes="klog W lines"),
    Q("b7-23", "heldout7", CSI, "time", "when did the attacher lose its leader lease?",
      time_q(lambda r: r.f["text"].startswith("failed to renew lease"), "first"),
      notes="the `failed to renew lease` line (the lock retrieval error 10 s before it is not the loss)"),
    Q("b7-24", "heldout7", CSI, "count",
      "how many attach attempts failed with DeadlineExceeded between 10:45 and 11:00?",
      count_q(both(attach_failed, lambda r: "DeadlineExceeded" in r.f.get("err", "")), "10:45", "11:00"),
      notes='"Failed to attach volume" with code = DeadlineExceeded'),
]

# --------------------------------------------------------------------------- writing


def build(data: Path) -> tuple[list[dict], dict]:
    manifest = heldout_cli.generated(data, 7, PARSERS)
    records, files = heldout_cli.build(QUESTIONS, load(data), manifest)
    for r in records:
        r["labels"] = None  # asked without --labels
    return records, files


if __name__ == "__main__":
    sys.exit(heldout_cli.main(__doc__.split("\n\n")[0], "heldout7", DEFAULT_DATA, build, HALF))
