#!/usr/bin/env python3
"""The ask-evaluation questions and their expected answers, computed from the generated logs.

    python3 eval/ask/expected.py [--data DIR] [--write | --check] [--list]

Reads the files `gen_logs.py` wrote (default target/eval-logs; generated there first
when missing), parses them back with parsers of its own (not the generator's
internals), and computes every expected value with one function per question.

  --write   (re)write questions_dev.jsonl, questions_heldout*.jsonl (heldout, heldout2, heldout3, heldout4) and
            files.json here
  --check   compare what it computes with those committed files (exit 1 on a difference)
  --list    print every question with its expected value

Standard library only. Windows are half-open [start, end) in UTC; no log line falls
on a window boundary (see gen_logs.py), so Loki's (start, end] gives the same sets.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_DATA = REPO / "target" / "eval-logs"
UTC = timezone.utc
DAY = "2026-12-06"
START_MS = int(datetime(2026, 12, 6, 9, 0, tzinfo=UTC).timestamp()) * 1000
END_MS = START_MS + 3 * 3600 * 1000
FULL = ("2026-12-06T09:00:00Z", "2026-12-06T12:00:00Z")

# --------------------------------------------------------------------------- parsing


@dataclass
class Rec:
    ms: int  # event time, ms since the epoch
    line: str  # the event's first physical line
    f: dict  # fields
    extra: list[str] = field(default_factory=list)  # continuation lines (stack traces)

    def text(self) -> str:
        return "\n".join([self.line, *self.extra])


def ms_of(dt: datetime, millis: int = 0) -> int:
    return int(dt.replace(tzinfo=UTC).timestamp()) * 1000 + millis


def parse_rfc3339(s: str) -> int:
    m = re.fullmatch(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z", s)
    if not m:
        raise ValueError(f"bad RFC 3339 time {s!r}")
    frac = (m.group(2) or "0").ljust(3, "0")[:3]
    return ms_of(datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S"), int(frac))


def flatten(d: dict, prefix: str = "") -> dict:
    """Loki's `| json` naming: nested keys joined with `_`."""
    out = {}
    for k, v in d.items():
        if isinstance(v, dict):
            out.update(flatten(v, f"{prefix}{k}_"))
        else:
            out[prefix + k] = v
    return out


def parse_json(path: Path) -> list[Rec]:
    out = []
    for line in path.read_text().splitlines():
        obj = json.loads(line)
        ts = obj.get("ts") or obj.get("time")
        out.append(Rec(parse_rfc3339(ts), line, flatten(obj)))
    return out


LOGFMT = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|\S*)')
GO_DUR = re.compile(r"(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)")
GO_UNIT = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def go_seconds(s: str) -> float:
    if not re.fullmatch(r"(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+", s):
        raise ValueError(f"bad Go duration {s!r}")
    return sum(float(n) * GO_UNIT[u] for n, u in GO_DUR.findall(s))


def parse_logfmt(path: Path) -> list[Rec]:
    out = []
    for line in path.read_text().splitlines():
        f = {}
        for k, v in LOGFMT.findall(line):
            if v.startswith('"'):
                v = re.sub(r"\\(.)", r"\1", v[1:-1])
            f[k] = v
        out.append(Rec(parse_rfc3339(f["time"]), line, f))
    return out


NGINX = re.compile(
    r'^(?P<ip>\S+) - (?P<user>\S+) \[(?P<time>[^\]]+)\] "(?P<method>\S+) (?P<path>\S+) (?P<proto>[^"]+)" '
    r'(?P<status>\d{3}) (?P<bytes>\d+) "(?P<referer>[^"]*)" "(?P<ua>[^"]*)" (?P<request_length>\d+) '
    r'(?P<request_time>[\d.]+) \[(?P<upstream>[^\]]*)\] \[(?P<alt>[^\]]*)\] (?P<upstream_addr>\S+) '
    r'(?P<upstream_len>\S+) (?P<upstream_time>\S+) (?P<upstream_status>\S+) (?P<req_id>[0-9a-f]{32})$'
)


def parse_nginx(path: Path) -> list[Rec]:
    out = []
    for line in path.read_text().splitlines():
        m = NGINX.match(line)
        if not m:
            raise ValueError(f"not an access-log line: {line[:120]}")
        f = m.groupdict()
        f["status"] = int(f["status"])
        f["bytes"] = int(f["bytes"])
        f["request_time"] = float(f["request_time"])
        dt = datetime.strptime(f["time"], "%d/%b/%Y:%H:%M:%S %z")
        out.append(Rec(int(dt.timestamp()) * 1000, line, f))
    return out


LOG4J = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d{3}) (\w+)\s+\[([^\]]+)\] (\S+) - (.*)$")
PYLOG = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d{3}) - (\S+) - (\w+) - (.*)$")


def parse_multiline(path: Path, rx: re.Pattern, names: tuple[str, ...]) -> list[Rec]:
    out: list[Rec] = []
    for line in path.read_text().splitlines():
        m = rx.match(line)
        if m:
            dt = datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S")
            out.append(Rec(ms_of(dt, int(m.group(2))), line, dict(zip(names, m.groups()[2:]))))
        else:
            if not out:
                raise ValueError(f"continuation before any header: {line[:80]}")
            out[-1].extra.append(line)
    return out


SYSLOG = re.compile(r"^<(\d+)>1 (\S+) (\S+) (\S+) (\S+) (\S+) (-|(?:\[[^\]]*\])+) (.*)$")


def parse_syslog(path: Path) -> list[Rec]:
    out = []
    for line in path.read_text().splitlines():
        m = SYSLOG.match(line)
        if not m:
            raise ValueError(f"not RFC 5424: {line[:120]}")
        pri = int(m.group(1))
        f = {"pri": pri, "facility": pri // 8, "severity": pri % 8, "host": m.group(3), "app": m.group(4),
             "procid": m.group(5), "msgid": m.group(6), "sd": m.group(7), "msg": m.group(8)}
        out.append(Rec(parse_rfc3339(m.group(2)), line, f))
    return out


APACHE = re.compile(
    r"^\[(?P<wday>\w{3}) (?P<mon>\w{3}) (?P<day>\d\d) (?P<hms>\d\d:\d\d:\d\d)\.(?P<usec>\d{6}) (?P<year>\d{4})\] "
    r"\[(?P<module>\w+):(?P<level>\w+)\] \[pid (?P<pid>\d+):tid (?P<tid>\d+)\]"
    r"(?: (?P<errno>\(\d+\)[^\[]*?):)?(?: \[client (?P<client>[\d.]+):(?P<port>\d+)\])? "
    r"(?P<msg>(?P<code>AH\d{5}): .*)$"
)


def parse_apache(path: Path) -> list[Rec]:
    """Apache httpd 2.4 error log; `client` is the address without its port."""
    out = []
    for line in path.read_text().splitlines():
        m = APACHE.match(line)
        if not m:
            raise ValueError(f"not an httpd error-log line: {line[:120]}")
        f = m.groupdict()
        dt = datetime.strptime(f"{f['year']} {f['mon']} {f['day']} {f['hms']}", "%Y %b %d %H:%M:%S")
        if dt.strftime("%a") != f["wday"]:
            raise ValueError(f"weekday does not match the date: {line[:60]}")
        out.append(Rec(ms_of(dt, int(f["usec"]) // 1000), line, f))
    return out


ZAP_T = re.compile(r'"T":(\d+)(?:\.(\d+))?[,}]')


def parse_zap(path: Path) -> list[Rec]:
    """zap JSON with short keys; T is epoch milliseconds as a float (read from the text, not through a float)."""
    out = []
    for line in path.read_text().splitlines():
        obj = json.loads(line)
        m = ZAP_T.search(line)
        out.append(Rec(int(m.group(1)), line, flatten(obj)))
    return out


KLOG = re.compile(r"^(?P<sev>[IWEF])(?P<mmdd>\d{4}) (?P<hms>\d\d:\d\d:\d\d)\.(?P<usec>\d{6})\s+(?P<tid>\d+) "
                  r"(?P<src>[\w.]+:\d+)\] (?P<rest>.*)$")
KLOG_KV = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|\S+)')


def parse_klog(path: Path) -> list[Rec]:
    """klog header; a structured message ("msg" key=value ...) gets `msg` and its keys, else `msg` is the text."""
    out = []
    for line in path.read_text().splitlines():
        m = KLOG.match(line)
        if not m:
            raise ValueError(f"not a klog line: {line[:120]}")
        f = {"sev": m.group("sev"), "tid": m.group("tid"), "src": m.group("src")}
        rest = m.group("rest")
        q = re.match(r'"((?:[^"\\]|\\.)*)"(.*)$', rest)
        if q:
            f["msg"] = q.group(1)
            for k, v in KLOG_KV.findall(q.group(2)):
                f[k] = re.sub(r"\\(.)", r"\1", v[1:-1]) if v.startswith('"') else v
        else:
            f["msg"] = rest
        dt = datetime.strptime(f"2026{m.group('mmdd')} {m.group('hms')}", "%Y%m%d %H:%M:%S")
        out.append(Rec(ms_of(dt, int(m.group("usec")) // 1000), line, f))
    return out


PG_LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\.(\d{3}) UTC \[(\d+)\] (?:(\S+)@(\S+) )?"
                r"(LOG|ERROR|FATAL|PANIC|WARNING|DETAIL|HINT|CONTEXT|STATEMENT):  (.*)$")


def parse_postgres(path: Path) -> list[Rec]:
    """PostgreSQL stderr log with prefix '%m [%p] %q%u@%d '; tab-indented lines continue the message before them.
    Every prefixed line (DETAIL, STATEMENT, ... included) is its own record, as it is its own line in Loki."""
    out: list[Rec] = []
    for line in path.read_text().splitlines():
        m = PG_LINE.match(line)
        if m:
            dt = datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S")
            f = {"pid": m.group(3), "user": m.group(4), "db": m.group(5), "sev": m.group(6), "msg": m.group(7)}
            out.append(Rec(ms_of(dt, int(m.group(2))), line, f))
        elif line.startswith("\t") and out:
            out[-1].extra.append(line)
        else:
            raise ValueError(f"not a postgres log line: {line[:120]}")
    return out


HAPROXY_HDR = re.compile(r"^(\w{3}) +(\d{1,2}) (\d\d:\d\d:\d\d) (\S+) haproxy\[(\d+)\]: (.*)$")
HAPROXY_HTTP = re.compile(
    r"^(?P<ip>[\d.]+):(?P<port>\d+) \[(?P<accept>\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d\.\d{3})\] (?P<fe>\S+) "
    r"(?P<be>[^/\s]+)/(?P<srv>\S+) (?P<TR>-?\d+)/(?P<Tw>-?\d+)/(?P<Tc>-?\d+)/(?P<Tr>-?\d+)/(?P<Ta>-?\d+) "
    r"(?P<status>\d{3}) (?P<bytes>\d+) \S+ \S+ (?P<term>\S{4}) (?P<conns>[\d/]+) (?P<queues>[\d/]+) "
    r'"(?P<method>\S+) (?P<path>\S+) (?P<proto>[^"]+)"$')


def parse_haproxy(path: Path) -> list[Rec]:
    """HAProxy via syslog (no year in the header: the day is 2026-12-06). The record's time is the header's second;
    an HTTP line's accept date (ms) is kept as `accept_ms`, and is always in the header's second."""
    out = []
    for line in path.read_text().splitlines():
        m = HAPROXY_HDR.match(line)
        if not m:
            raise ValueError(f"not a syslog haproxy line: {line[:120]}")
        dt = datetime.strptime(f"2026 {m.group(1)} {m.group(2)} {m.group(3)}", "%Y %b %d %H:%M:%S")
        f = {"host": m.group(4), "msg": m.group(6)}
        h = HAPROXY_HTTP.match(m.group(6))
        if h:
            f.update(h.groupdict())
            for k in ("status", "bytes", "TR", "Tw", "Tc", "Tr", "Ta"):
                f[k] = int(f[k])
            adt = datetime.strptime(f["accept"][:-4], "%d/%b/%Y:%H:%M:%S")
            f["accept_ms"] = ms_of(adt, int(f["accept"][-3:]))
            if f["accept_ms"] // 1000 != ms_of(dt) // 1000:
                raise ValueError(f"accept date outside the header's second: {line[:120]}")
        out.append(Rec(ms_of(dt), line, f))
    return out


def parse_pino(path: Path) -> list[Rec]:
    """pino JSON: numeric `level`, `time` in epoch milliseconds (an integer)."""
    out = []
    for line in path.read_text().splitlines():
        obj = json.loads(line)
        if not isinstance(obj["time"], int):
            raise ValueError(f"pino time is not an integer: {line[:80]}")
        out.append(Rec(obj["time"], line, flatten(obj)))
    return out


KAFKA = re.compile(r"^\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d{3})\] (\w+) \[([^\]]+)\]:? (.*) \(([\w.$]+)\)$")


def parse_kafka(path: Path) -> list[Rec]:
    """Kafka server.log `[ts] LEVEL [component] message (logger)`; lines without the header continue the record."""
    out: list[Rec] = []
    for line in path.read_text().splitlines():
        m = KAFKA.match(line)
        if m:
            dt = datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S")
            f = {"level": m.group(3), "comp": m.group(4), "msg": m.group(5), "logger": m.group(6)}
            out.append(Rec(ms_of(dt, int(m.group(2))), line, f))
        elif out and not line.startswith("["):
            out[-1].extra.append(line)
        else:
            raise ValueError(f"not a kafka server.log line: {line[:120]}")
    return out


ENVOY = re.compile(
    r'^\[(?P<start>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\] "(?P<method>\S+) (?P<path>\S+) (?P<proto>[^"]+)" '
    r'(?P<code>\d{3}) (?P<flags>\S+) (?P<details>\S+) (?P<term>\S+) "(?P<tfr>[^"]*)" (?P<rx>\d+) (?P<tx>\d+) '
    r'(?P<dur>\d+) (?P<svc>\S+) "(?P<xff>[^"]*)" "(?P<ua>[^"]*)" "(?P<reqid>[^"]*)" "(?P<authority>[^"]*)" '
    r'"(?P<up_host>[^"]*)" (?P<cluster>\S+) (?P<up_local>\S+) (?P<down_local>\S+) (?P<down_remote>\S+) '
    r'(?P<sni>\S+) (?P<route>\S+)$')


def parse_envoy(path: Path) -> list[Rec]:
    """Envoy's default access-log format (Istio's text format); the time is START_TIME."""
    out = []
    for line in path.read_text().splitlines():
        m = ENVOY.match(line)
        if not m:
            raise ValueError(f"not an Envoy access-log line: {line[:120]}")
        f = m.groupdict()
        for k in ("code", "rx", "tx", "dur"):
            f[k] = int(f[k])
        f["flag_set"] = set(f["flags"].split(","))
        out.append(Rec(parse_rfc3339(f["start"]), line, f))
    return out


def parse_mongo(path: Path) -> list[Rec]:
    """MongoDB 4.4+ structured log: t.$date with a +00:00 offset, s, c, id, ctx, msg, attr (flattened with `_`)."""
    out = []
    for line in path.read_text().splitlines():
        obj = json.loads(line)
        d = obj["t"]["$date"]
        if not d.endswith("+00:00"):
            raise ValueError(f"not UTC: {d}")
        out.append(Rec(parse_rfc3339(d[:-6] + "Z"), line, flatten(obj)))
    return out


SYSLOG3164 = re.compile(r"^(\w{3}) +(\d{1,2}) (\d\d:\d\d:\d\d) (\S+) ([\w\-.]+)(?:\[(\d+)\])?: (.*)$")


def parse_syslog3164(path: Path) -> list[Rec]:
    """RFC 3164 syslog `Mmm dd hh:mm:ss host prog[pid]: msg`; no year (the day is 2026-12-06)."""
    out = []
    for line in path.read_text().splitlines():
        m = SYSLOG3164.match(line)
        if not m:
            raise ValueError(f"not an RFC 3164 line: {line[:120]}")
        dt = datetime.strptime(f"2026 {m.group(1)} {m.group(2)} {m.group(3)}", "%Y %b %d %H:%M:%S")
        f = {"host": m.group(4), "prog": m.group(5), "pid": m.group(6), "msg": m.group(7)}
        out.append(Rec(ms_of(dt), line, f))
    return out


SPRING = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d{3})Z +(ERROR|WARN|INFO|DEBUG|TRACE) (\d+) --- "
                    r"\[ *([^\]]+)\] (\S+) +: (.*)$")


def parse_spring(path: Path) -> list[Rec]:
    """Spring Boot console log; lines without the header (stack frames, `Caused by:`) continue the record above."""
    out: list[Rec] = []
    for line in path.read_text().splitlines():
        m = SPRING.match(line)
        if m:
            dt = datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S")
            f = {"level": m.group(3), "pid": m.group(4), "thread": m.group(5), "logger": m.group(6), "msg": m.group(7)}
            out.append(Rec(ms_of(dt, int(m.group(2))), line, f))
        elif out:
            out[-1].extra.append(line)
        else:
            raise ValueError(f"continuation before any header: {line[:80]}")
    return out


def parse_traefik(path: Path) -> list[Rec]:
    """Traefik JSON access log; the record's time is StartUTC (to the ms). `time` (the second the line was written)
    is checked to lie in the same minute and never at second :00, so either gives the same windows."""
    out = []
    for line in path.read_text().splitlines():
        obj = json.loads(line)
        m = re.fullmatch(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d{9})Z", obj["StartUTC"])
        ms = ms_of(datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S"), int(m.group(2)[:3]))
        logged = parse_rfc3339(obj["time"])
        if logged // 60000 != ms // 60000 or logged % 60000 == 0 or logged < ms - ms % 1000:
            raise ValueError(f"time and StartUTC disagree on the minute: {line[:120]}")
        out.append(Rec(ms, line, flatten(obj)))
    return out


REDIS = re.compile(r"^(\d+):([MSCX]) (\d\d \w{3} \d{4} \d\d:\d\d:\d\d)\.(\d{3}) ([.\-*#]) (.*)$")


def parse_redis(path: Path) -> list[Rec]:
    """Redis server log `pid:role dd Mon yyyy hh:mm:ss.mmm mark msg`; mark `#` is a warning, `*` notice, `-` verbose."""
    out = []
    for line in path.read_text().splitlines():
        m = REDIS.match(line)
        if not m:
            raise ValueError(f"not a redis log line: {line[:120]}")
        dt = datetime.strptime(m.group(3), "%d %b %Y %H:%M:%S")
        f = {"pid": m.group(1), "role": m.group(2), "mark": m.group(5), "msg": m.group(6)}
        out.append(Rec(ms_of(dt, int(m.group(4))), line, f))
    return out


PARSERS = {
    "shop-checkout.jsonl": parse_json,
    "shop-payments.jsonl": parse_json,
    "shop-inventory.jsonl": parse_json,
    "auth-authd.log": parse_logfmt,
    "ingress-nginx.log": parse_nginx,
    "billing-api.log": lambda p: parse_multiline(p, LOG4J, ("level", "thread", "logger", "msg")),
    "recommender.log": lambda p: parse_multiline(p, PYLOG, ("logger", "level", "msg")),
    "infra-syslog.log": parse_syslog,
    "httpd-error.log": parse_apache,
    "api-gateway.jsonl": parse_zap,
    "rollout-controller.log": parse_klog,
    "postgres.log": parse_postgres,
    "haproxy.log": parse_haproxy,
    "notifications.jsonl": parse_pino,
    "kafka-server.log": parse_kafka,
    "storefront-envoy.log": parse_envoy,
    "mongod.jsonl": parse_mongo,
    "fleet-auth.log": parse_syslog3164,
    "orders-spring.log": parse_spring,
    "traefik-access.jsonl": parse_traefik,
    "redis.log": parse_redis,
}


def load(data: Path) -> dict[str, list[Rec]]:
    recs = {}
    for name, parse in PARSERS.items():
        rs = parse(data / name)
        whole_seconds = name in ("ingress-nginx.log", "haproxy.log", "fleet-auth.log")
        for a, b in zip(rs, rs[1:]):
            assert a.ms <= b.ms, f"{name}: out of order at {b.line[:80]}"
        for r in rs:
            assert START_MS < r.ms < END_MS, f"{name}: outside the span: {r.line[:80]}"
            if whole_seconds:
                assert r.ms % 60000 != 0, f"{name}: on a whole minute: {r.line[:80]}"
            else:
                assert r.ms % 1000 != 0, f"{name}: on a whole second: {r.line[:80]}"
        recs[name] = rs
    return recs


# --------------------------------------------------------------------------- helpers


def load_records(data: Path, parsers: dict, whole_seconds=frozenset()) -> dict[str, list[Rec]]:
    """Each file of a generated set read by its parser, checked to be in order, inside the span
    and off the whole second (off the whole minute where the format writes only seconds)."""
    recs = {}
    for name, parse in parsers.items():
        rs = parse(data / name)
        for a, b in zip(rs, rs[1:]):
            assert a.ms <= b.ms, f"{name}: out of order at {b.line[:80]}"
        for r in rs:
            assert START_MS < r.ms < END_MS, f"{name}: outside the span: {r.line[:80]}"
            if name in whole_seconds:
                assert r.ms % 60000 != 0, f"{name}: on a whole minute: {r.line[:80]}"
            else:
                assert r.ms % 1000 != 0, f"{name}: on a whole second: {r.line[:80]}"
        recs[name] = rs
    return recs


# --------------------------------------------------------------------------- predicates on records


def field_is(name, *values):
    return lambda r: r.f.get(name) in values


def both(*preds):
    return lambda r: all(p(r) for p in preds)


def has(name):
    return lambda r: name in r.f


def text_has(*words):
    return lambda r: all(w in r.text() for w in words)


def at(hhmm: str) -> int:
    """ms of HH:MM[:SS] on 2026-12-06 UTC."""
    h, m, *s = (int(x) for x in hhmm.split(":"))
    return ms_of(datetime(2026, 12, 6, h, m, s[0] if s else 0))


def iso(ms: int) -> str:
    return datetime.fromtimestamp(ms // 1000, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def hm_iso(hhmm: str) -> str:
    return datetime.fromtimestamp(at(hhmm) / 1000, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def win(recs, a: str | None = None, b: str | None = None):
    lo = at(a) if a else START_MS
    hi = at(b) if b else END_MS
    return [r for r in recs if lo <= r.ms < hi]


def where(recs, pred):
    return [r for r in recs if pred(r)]


def top(values, k: int):
    """The k most frequent values (a list) and the counts around the cut; refuses a tie at the cut."""
    c = Counter(v for v in values if v is not None)
    ranked = c.most_common()
    if len(ranked) < k:
        raise AssertionError(f"only {len(ranked)} values for a top {k}")
    if len(ranked) > k and ranked[k - 1][1] == ranked[k][1]:
        raise AssertionError(f"tie at the top-{k} cut: {ranked[: k + 1]}")
    return [v for v, _ in ranked[:k]], {str(v): n for v, n in ranked[: k + 2]}


def quantile(vals, q: float) -> float:
    """Prometheus/Loki quantile_over_time: linear interpolation, rank q*(n-1)."""
    xs = sorted(vals)
    if not xs:
        raise AssertionError("quantile of nothing")
    rank = q * (len(xs) - 1)
    lo, hi = math.floor(rank), math.ceil(rank)
    return xs[lo] + (xs[hi] - xs[lo]) * (rank - lo)


def mean(vals) -> float:
    vals = list(vals)
    if not vals:
        raise AssertionError("mean of nothing")
    return sum(vals) / len(vals)


def rnd(x: float) -> float:
    return float(f"{x:.6g}") if abs(x) < 1e6 else round(x, 3)


# --------------------------------------------------------------------------- questions


@dataclass
class Q:
    id: str
    split: str  # dev | heldout | heldout2 | heldout3 | heldout4
    file: str
    kind: str  # count | topk | distinct | number | time | yesno | lines
    question: str
    fn: object  # recs -> expected (or (expected, extra fields))
    tolerance: float = 0.0
    window: tuple[str, str] | None = None  # --start/--end as HH:MM (default: the whole span)
    notes: str = ""
    extra: dict = field(default_factory=dict)


def count_q(pred, a=None, b=None):
    return lambda R: len(where(win(R, a, b), pred))


def topk_q(key, k, pred=lambda r: True, a=None, b=None):
    def f(R):
        vals, counts = top([key(r) for r in where(win(R, a, b), pred)], k)
        return vals, {"k": k, "counts": counts}
    return f


def distinct_q(key, pred=lambda r: True, a=None, b=None):
    return lambda R: len({key(r) for r in where(win(R, a, b), pred) if key(r) is not None})


def number_q(agg, key, pred=lambda r: True, a=None, b=None):
    def f(R):
        vals = [key(r) for r in where(win(R, a, b), pred)]
        if agg == "avg":
            return rnd(mean(vals))
        if agg == "max":
            return rnd(max(vals))
        if agg == "min":
            return rnd(min(vals))
        if agg == "sum":
            return rnd(sum(vals))
        if agg.startswith("p"):
            return rnd(quantile(vals, int(agg[1:]) / 100))
        raise ValueError(agg)
    return f


def rate_q(pred, a, b, per_s: int):
    """Events per `per_s` seconds in [a, b)."""
    def f(R):
        n = len(where(win(R, a, b), pred))
        minutes = (at(b) - at(a)) / 1000 / per_s
        return rnd(n / minutes), {"per_s": per_s, "window_count": n,
                                   "window": [hm_iso(a), hm_iso(b)]}
    return f


def time_q(pred, pick: str, a=None, b=None):
    def f(R):
        rs = where(win(R, a, b), pred)
        if not rs:
            raise AssertionError("no such event")
        r = rs[0] if pick == "first" else rs[-1]
        return iso(r.ms), {"pick": pick}
    return f


def yesno_q(pred, a=None, b=None):
    def f(R):
        n = len(where(win(R, a, b), pred))
        extra = {"window_count": n}
        if a or b:
            extra["line_window"] = [hm_iso(a or "09:00"), hm_iso(b or "12:00")]
        return n > 0, extra
    return f


def lines_q(pred, a=None, b=None):
    def f(R):
        n = len(where(win(R, a, b), pred))
        if not n:
            raise AssertionError("no lines")
        extra = {}
        if a or b:
            extra["line_window"] = [hm_iso(a or "09:00"), hm_iso(b or "12:00")]
        return n, extra
    return f


def js(name):
    return lambda r: r.f.get(name)


def num(name):
    return lambda r: float(r.f[name])


HD, GW, RC = "httpd-error.log", "api-gateway.jsonl", "rollout-controller.log"
CK, PY, INV, AU, NG, BI, RE, SY = ("shop-checkout.jsonl", "shop-payments.jsonl", "shop-inventory.jsonl",
                                   "auth-authd.log", "ingress-nginx.log", "billing-api.log",
                                   "recommender.log", "infra-syslog.log")

lvl = lambda *ls: (lambda r: str(r.f.get("level", "")).lower() in ls)  # noqa: E731
msg = lambda m, key="msg": (lambda r: r.f.get(key) == m)  # noqa: E731
status_in = lambda lo, hi: (lambda r: isinstance(r.f.get("status"), int) and lo <= r.f["status"] <= hi)  # noqa: E731
NG_STATUS = lambda code: rf'^\S+ - \S+ \[[^\]]+\] "[^"]*" {code} '  # noqa: E731

INVOICE_MS = re.compile(r"generated for customer \S+ in (\d+) ms")
BATCH_S = re.compile(r"^Processed batch \d+ in ([\d.]+)s")
SERVED_MS = re.compile(r"^Served recommendations for user \S+ in (\d+) ms")
FEATURE_MS = re.compile(r"^Feature store latency high: (\d+) ms")
SLOWQ_MS = re.compile(r"^Slow query detected \((\d+) ms\)")
FAILED_PW = re.compile(r"^Failed password for (?:invalid user )?(\S+) from (\S+) port")
ANON_RSS = re.compile(r"anon-rss:(\d+)kB")


def rx(pattern, key="msg"):
    c = re.compile(pattern)
    return lambda r: bool(c.search(str(r.f.get(key, ""))))


def rxnum(pattern, key="msg"):
    c = re.compile(pattern)
    return lambda r: float(c.search(r.f[key]).group(1))


def stack_has(word):
    return lambda r: any(word in x for x in r.extra)


def gw_latency(r):
    return go_seconds(r.f["latency"])


def au_dur(r):
    return go_seconds(r.f["duration"])


PG, HP, NT, KF = "postgres.log", "haproxy.log", "notifications.jsonl", "kafka-server.log"
PG_CONN = re.compile(r"^connection received: host=(\S+) port=")


def pg_duration(r):
    return float(re.match(r"duration: ([\d.]+) ms  ", r.f["msg"]).group(1))


def pg_no_slots(r):
    return r.f["sev"] == "FATAL" and (r.f["msg"] == "sorry, too many clients already"
                                      or r.f["msg"].startswith("remaining connection slots are reserved"))


EV, MG, SL = "storefront-envoy.log", "mongod.jsonl", "fleet-auth.log"
SB, TF, RD = "orders-spring.log", "traefik-access.jsonl", "redis.log"
SUDO_FAIL = re.compile(r"incorrect password attempts|authentication failure|NOT in sudoers")
SB_ORDER = re.compile(r"^Order \S+ placed for customer (\S+):")


def ev_cluster(service: str) -> str:
    port = 8080 if service in ("pricing", "cart") else 9080
    return f"outbound|{port}||{service}.shop.svc.cluster.local"


def sl_failed_on(host):
    return lambda r: r.f["host"] == host and r.f["prog"] == "sshd" and r.f["msg"].startswith("Failed password for ")


def sl_failed_from(ip):
    return lambda r: r.f["prog"] == "sshd" and (m := FAILED_PW.match(r.f["msg"])) is not None and m.group(2) == ip


QUESTIONS: list[Q] = [
    # ------------------------------------------------------------------ checkout (JSON, flat)
    Q("ck-01", "dev", CK, "count", "how many errors did checkout log?", count_q(lvl("error")),
      notes="level=ERROR lines"),
    Q("ck-02", "dev", CK, "count", "number of payment authorization failures between 10:20 and 10:35 UTC",
      count_q(msg("payment authorization failed"), "10:20", "10:35")),
    Q("ck-03", "dev", CK, "topk", "which pod logged the most errors?", topk_q(js("pod"), 1, lvl("error"))),
    Q("ck-04", "dev", CK, "topk", "top 3 users by 502s", topk_q(js("user_id"), 3, status_in(502, 502)),
      notes="user_id of lines with status 502"),
    Q("ck-05", "dev", CK, "number", "avg duration_ms of successful POST /api/v1/checkout requests (status 201), in ms",
      number_q("avg", num("duration_ms"), lambda r: r.f.get("msg") == "request completed" and r.f.get("status") == 201),
      tolerance=0.02, extra={"unit": "ms", "accept_scale": [0.001]}),
    Q("ck-06", "dev", CK, "number", "p95 latency (duration_ms) of completed requests between 11:10 and 11:25",
      number_q("p95", num("duration_ms"), msg("request completed"), "11:10", "11:25"), tolerance=0.02,
      notes="msg=request completed; Loki quantile_over_time interpolation", extra={"unit": "ms", "accept_scale": [0.001]}),
    Q("ck-07", "dev", CK, "yesno", "any 500s from checkout?", yesno_q(status_in(500, 500)),
      extra={"line_regex": r'"status":500\b'}),
    Q("ck-08", "dev", CK, "time", "when did the first 'failed to load price cache' error happen?",
      time_q(msg("failed to load price cache"), "first")),
    Q("ck-09", "dev", CK, "distinct", "how many distinct users got a 502?", distinct_q(js("user_id"), status_in(502, 502))),
    Q("ck-10", "dev", CK, "lines", "show me the slow request warnings", lines_q(msg("slow request")),
      extra={"line_regex": r'"msg":"slow request"'}),
    Q("ck-19", "dev", CK, "count", "how many errors in this range?", count_q(lvl("error"), "10:20", "10:35"),
      window=("10:20", "10:35"), notes="level=ERROR; the window comes only from --start/--end"),
    Q("ck-11", "heldout", CK, "count", "count of 4xx responses in checkout", count_q(status_in(400, 499))),
    Q("ck-12", "heldout", CK, "number", "what was the slowest GET /api/v1/cart request? (ms)",
      number_q("max", num("duration_ms"), lambda r: r.f.get("path") == "/api/v1/cart"), tolerance=0.0,
      extra={"unit": "ms", "accept_scale": [0.001]}),
    Q("ck-13", "heldout", CK, "topk", "which endpoint had the most 5xx?", topk_q(js("path"), 1, status_in(500, 599))),
    Q("ck-14", "heldout", CK, "yesno", "did pod checkout-7d9f8c6b5-w4r7t log any errors after 11:40?",
      yesno_q(lambda r: r.f.get("pod") == "checkout-7d9f8c6b5-w4r7t" and r.f.get("level") == "ERROR", "11:40", None),
      extra={"line_regex": r'"level":"ERROR".*"pod":"checkout-7d9f8c6b5-w4r7t"'}),
    Q("ck-15", "heldout", CK, "time", "last time we failed to load the price cache?",
      time_q(msg("failed to load price cache"), "last")),
    Q("ck-16", "heldout", CK, "number", "orders placed per minute between 10:00 and 10:30",
      rate_q(msg("order placed"), "10:00", "10:30", 60), tolerance=0.02, extra={"unit": "per minute"}),
    Q("ck-17", "heldout", CK, "distinct", "how many different users placed an order?",
      distinct_q(js("user_id"), msg("order placed"))),
    Q("ck-18", "heldout", CK, "count", "how many slow request warnings?", count_q(msg("slow request"), "11:10", "11:25"),
      window=("11:10", "11:25"), notes="the window comes only from --start/--end"),

    # ------------------------------------------------------------------ payments (JSON, nested)
    Q("py-01", "dev", PY, "count", "how many charges failed because of a provider timeout?",
      count_q(lambda r: r.f.get("msg") == "charge failed" and r.f.get("error") == "provider timeout")),
    Q("py-02", "dev", PY, "topk", "which payment provider had the most failed charges?",
      topk_q(js("provider_name"), 1, msg("charge failed"))),
    Q("py-03", "dev", PY, "number", "average provider latency for stripe, in ms",
      number_q("avg", num("provider_latency_ms"), lambda r: r.f.get("provider_name") == "stripe"), tolerance=0.02,
      notes="provider.latency_ms over every line whose provider.name is stripe", extra={"unit": "ms", "accept_scale": [0.001]}),
    Q("py-04", "dev", PY, "yesno", "did any charge come back with http status 504?",
      yesno_q(lambda r: r.f.get("http_status") == 504), extra={"line_regex": r'"status":504\b'}),
    Q("py-05", "dev", PY, "time", "when did adyen start timing out?",
      time_q(lambda r: r.f.get("provider_name") == "adyen" and r.f.get("error") == "provider timeout", "first")),
    Q("py-06", "dev", PY, "distinct", "how many distinct users had a charge declined?",
      distinct_q(js("user_id"), msg("charge declined"))),
    Q("py-07", "dev", PY, "count", "refunds issued", count_q(msg("refund issued")), notes="terse Grafana-style"),
    Q("py-08", "heldout", PY, "count", "how many 5xx did payments return?",
      count_q(lambda r: isinstance(r.f.get("http_status"), int) and r.f["http_status"] >= 500),
      notes="http.status (nested)"),
    Q("py-09", "heldout", PY, "topk", "top 2 decline codes", topk_q(js("decline_code"), 2, msg("charge declined"))),
    Q("py-10", "heldout", PY, "number", "p95 of provider.latency_ms for paypal",
      number_q("p95", num("provider_latency_ms"), lambda r: r.f.get("provider_name") == "paypal"), tolerance=0.02,
      extra={"unit": "ms", "accept_scale": [0.001]}),
    Q("py-11", "heldout", PY, "yesno", "were there any dispute.created webhooks?",
      yesno_q(lambda r: r.f.get("event_type") == "dispute.created"), extra={"line_regex": r'dispute\.created'}),
    Q("py-12", "heldout", PY, "number", "total amount refunded in EUR",
      number_q("sum", num("amount_value"), lambda r: r.f.get("msg") == "refund issued" and r.f.get("amount_currency") == "EUR"),
      tolerance=0.001, extra={"unit": "EUR"}),
    Q("py-13", "heldout", PY, "lines", "show failed charges between 10:18 and 10:33",
      lines_q(msg("charge failed"), "10:18", "10:33"), extra={"line_regex": r'"msg":"charge failed"'}),

    # ------------------------------------------------------------------ inventory (JSON, time/message)
    Q("in-01", "dev", INV, "topk", "which SKU had the most low stock warnings?",
      topk_q(js("sku"), 1, msg("stock level low", "message"))),
    Q("in-02", "dev", INV, "count", "how many times could inventory not get a db connection?",
      count_q(msg("could not acquire db connection", "message"))),
    Q("in-03", "dev", INV, "number", "average inventory sync duration in ms",
      number_q("avg", num("duration_ms"), msg("inventory sync completed", "message")), tolerance=0.02,
      extra={"unit": "ms", "accept_scale": [0.001]}),
    Q("in-04", "dev", INV, "topk", "which inventory pod had the most db connection errors?",
      topk_q(js("pod"), 1, msg("could not acquire db connection", "message"))),
    Q("in-05", "dev", INV, "yesno", "any reservation failures for SKU-10042?",
      yesno_q(lambda r: r.f.get("message") == "reservation failed" and r.f.get("sku") == "SKU-10042"),
      extra={"line_regex": r'"message":"reservation failed".*"sku":"SKU-10042"'}),
    Q("in-06", "dev", INV, "number", "stock reservations per minute between 09:00 and 10:00",
      rate_q(msg("stock reserved", "message"), "09:00", "10:00", 60), tolerance=0.02, extra={"unit": "per minute"}),
    Q("in-07", "heldout", INV, "count", "errors in inventory between 11:40 and 11:48",
      count_q(lvl("error"), "11:40", "11:48")),
    Q("in-08", "heldout", INV, "distinct", "how many distinct SKUs were reserved?",
      distinct_q(js("sku"), msg("stock reserved", "message"))),
    Q("in-09", "heldout", INV, "number", "max slow query duration on the stock_levels table (ms)",
      number_q("max", num("duration_ms"), lambda r: r.f.get("message") == "slow query" and r.f.get("table") == "stock_levels"),
      extra={"unit": "ms", "accept_scale": [0.001]}),
    Q("in-10", "heldout", INV, "time", "when did SKU-10042 last run low?",
      time_q(lambda r: r.f.get("message") == "stock level low" and r.f.get("sku") == "SKU-10042", "last")),
    Q("in-11", "heldout", INV, "topk", "top 3 SKUs by reservations",
      topk_q(js("sku"), 3, msg("stock reserved", "message"))),

    # ------------------------------------------------------------------ authd (logfmt, Go durations)
    Q("au-01", "dev", AU, "topk", "which IP had the most failed logins?", topk_q(js("ip"), 1, msg("login failed"))),
    Q("au-02", "dev", AU, "count", "how many failed logins from 203.0.113.45?",
      count_q(lambda r: r.f.get("msg") == "login failed" and r.f.get("ip") == "203.0.113.45")),
    Q("au-03", "dev", AU, "number", "average successful login duration between 11:20 and 11:35, in seconds",
      number_q("avg", au_dur, msg("login succeeded"), "11:20", "11:35"), tolerance=0.02,
      extra={"unit": "s", "accept_scale": [1000]}),
    Q("au-04", "dev", AU, "number", "p95 token refresh duration (ms)",
      lambda R: rnd(quantile([au_dur(r) * 1000 for r in where(R, msg("token refreshed"))], 0.95)), tolerance=0.02,
      notes="durations mix µs and ms", extra={"unit": "ms", "accept_scale": [0.001]}),
    Q("au-05", "dev", AU, "count", "requests from 10.0.0.7", count_q(lambda r: r.f.get("ip") == "10.0.0.7"),
      notes="every line with ip=10.0.0.7"),
    Q("au-06", "dev", AU, "yesno", "were any IPs blocked?", yesno_q(msg("ip blocked after too many failures")),
      extra={"line_regex": r'msg="ip blocked'}),
    Q("au-07", "dev", AU, "time", "when was the first failed login from 203.0.113.45?",
      time_q(lambda r: r.f.get("msg") == "login failed" and r.f.get("ip") == "203.0.113.45", "first")),
    Q("au-08", "dev", AU, "distinct", "how many distinct usernames did 203.0.113.45 try?",
      distinct_q(js("user"), lambda r: r.f.get("msg") == "login failed" and r.f.get("ip") == "203.0.113.45")),
    Q("au-09", "dev", AU, "number", "how long did the longest key rotation take, in seconds?",
      number_q("max", au_dur, msg("key rotation completed")), tolerance=0.001,
      extra={"unit": "s", "accept_scale": [1000]}),
    Q("au-10", "dev", AU, "lines", "show ldap bind failures", lines_q(msg("ldap bind failed")),
      extra={"line_regex": r'msg="ldap bind failed"'}),
    Q("au-19", "dev", AU, "number", "token refreshes per second between 09:00 and 09:30",
      rate_q(msg("token refreshed"), "09:00", "09:30", 1), tolerance=0.02, extra={"unit": "per second"}),
    Q("au-11", "heldout", AU, "count", "ERROR lines in authd", count_q(lvl("error"))),
    Q("au-12", "heldout", AU, "topk", "top 2 usernames with failed logins",
      topk_q(js("user"), 2, msg("login failed"))),
    Q("au-13", "heldout", AU, "number", "total bytes served for /.well-known/jwks.json",
      number_q("sum", num("bytes"), lambda r: r.f.get("path") == "/.well-known/jwks.json"), extra={"unit": "bytes"}),
    Q("au-14", "heldout", AU, "yesno", "did mallory log in successfully?",
      yesno_q(lambda r: r.f.get("msg") == "login succeeded" and r.f.get("user") == "mallory"),
      extra={"line_regex": r'msg="login succeeded" user=mallory '}),
    Q("au-15", "heldout", AU, "time", "when did the last login failure happen?", time_q(msg("login failed"), "last")),
    Q("au-16", "heldout", AU, "number", "login failures per minute between 10:45 and 11:00",
      rate_q(msg("login failed"), "10:45", "11:00", 60), tolerance=0.02, extra={"unit": "per minute"}),
    Q("au-17", "heldout", AU, "distinct", "how many distinct IPs had successful logins?",
      distinct_q(js("ip"), msg("login succeeded"))),
    Q("au-18", "heldout", AU, "count", "how many successful logins took longer than 2s?",
      count_q(lambda r: r.f.get("msg") == "login succeeded" and au_dur(r) > 2.0, "11:20", "11:35"),
      window=("11:20", "11:35"), notes="window only from --start/--end; duration > 2s"),

    # ------------------------------------------------------------------ ingress-nginx access log
    Q("ng-01", "dev", NG, "count", "how many 5xx responses did the ingress return?", count_q(status_in(500, 599))),
    Q("ng-02", "dev", NG, "count", "502 or 504 responses between 10:20 and 10:35",
      count_q(lambda r: r.f["status"] in (502, 504), "10:20", "10:35")),
    Q("ng-03", "dev", NG, "topk", "top 3 client IPs by request count", topk_q(js("ip"), 3)),
    Q("ng-04", "dev", NG, "topk", "which upstream returned the most 5xx?", topk_q(js("upstream"), 1, status_in(500, 599)),
      notes="the [proxy_upstream_name] field"),
    Q("ng-05", "dev", NG, "number", "p95 request_time for the shop-checkout-8080 upstream, in seconds",
      number_q("p95", num("request_time"), lambda r: r.f["upstream"] == "shop-checkout-8080"), tolerance=0.02,
      extra={"unit": "s", "accept_scale": [1000]}),
    Q("ng-06", "dev", NG, "number", "average body size in bytes of 200 responses",
      number_q("avg", num("bytes"), status_in(200, 200)), tolerance=0.02, extra={"unit": "bytes"}),
    Q("ng-07", "dev", NG, "number", "requests per minute between 10:00 and 10:15",
      rate_q(lambda r: True, "10:00", "10:15", 60), tolerance=0.02, extra={"unit": "per minute"}),
    Q("ng-08", "dev", NG, "yesno", "did 198.51.100.23 get rate limited (429)?",
      yesno_q(lambda r: r.f["ip"] == "198.51.100.23" and r.f["status"] == 429),
      extra={"line_regex": r'^198\.51\.100\.23 - \S+ \[[^\]]+\] "[^"]*" 429 '}),
    Q("ng-09", "dev", NG, "count", "how many requests did 198.51.100.23 make?",
      count_q(lambda r: r.f["ip"] == "198.51.100.23")),
    Q("ng-10", "dev", NG, "distinct", "how many unique client IPs hit /auth/login?",
      distinct_q(js("ip"), lambda r: r.f["path"] == "/auth/login")),
    Q("ng-11", "dev", NG, "time", "when was the first 429?", time_q(status_in(429, 429), "first")),
    Q("ng-12", "dev", NG, "lines", "show me the 504s", lines_q(status_in(504, 504)),
      extra={"line_regex": NG_STATUS(504)}),
    Q("ng-13", "heldout", NG, "count", "404 count", count_q(status_in(404, 404))),
    Q("ng-14", "heldout", NG, "topk", "which client IP got the most 404s?", topk_q(js("ip"), 1, status_in(404, 404))),
    Q("ng-15", "heldout", NG, "number", "max request_time for /auth/login (seconds)",
      number_q("max", num("request_time"), lambda r: r.f["path"] == "/auth/login"),
      extra={"unit": "s", "accept_scale": [1000]}),
    Q("ng-16", "heldout", NG, "number", "requests per second from 198.51.100.23 between 11:30 and 11:45",
      rate_q(lambda r: r.f["ip"] == "198.51.100.23", "11:30", "11:45", 1), tolerance=0.02, extra={"unit": "per second"}),
    Q("ng-17", "heldout", NG, "yesno", "did anyone request /admin/orders?",
      yesno_q(lambda r: r.f["path"] == "/admin/orders"), extra={"line_regex": r'"GET /admin/orders '}),
    Q("ng-18", "heldout", NG, "time", "when did the last 502 happen?", time_q(status_in(502, 502), "last")),
    Q("ng-19", "heldout", NG, "distinct", "how many different IPs got a 5xx?", distinct_q(js("ip"), status_in(500, 599))),
    Q("ng-20", "heldout", NG, "number", "average request_time of 504 responses in seconds",
      number_q("avg", num("request_time"), status_in(504, 504)), tolerance=0.02,
      extra={"unit": "s", "accept_scale": [1000]}),
    Q("ng-21", "heldout", NG, "count", "how many requests were rate limited?", count_q(status_in(429, 429), "11:35", "11:45"),
      window=("11:35", "11:45"), notes="429s; the window comes only from --start/--end"),

    # ------------------------------------------------------------------ billing-api (log4j, stack traces)
    Q("bi-01", "dev", BI, "count", "how many ERROR events did billing-api log?", count_q(lvl("error")),
      notes="log events (header lines), not stack-trace lines"),
    Q("bi-02", "dev", BI, "topk", "which class logged the most errors?", topk_q(js("logger"), 1, lvl("error")),
      notes="the logger field; a short class name is accepted"),
    Q("bi-03", "dev", BI, "count", "how many NullPointerExceptions?", lambda R: len(where(R, stack_has("NullPointerException")))),
    Q("bi-04", "dev", BI, "time", "when did the first PSQLException happen?",
      time_q(stack_has("PSQLException"), "first"), notes="the time of the event whose stack trace names it"),
    Q("bi-05", "dev", BI, "number", "average invoice generation time in ms",
      number_q("avg", rxnum(INVOICE_MS.pattern), rx(INVOICE_MS.pattern)), tolerance=0.02,
      extra={"unit": "ms", "accept_scale": [0.001]}),
    Q("bi-06", "dev", BI, "yesno", "any OutOfMemoryError in billing?",
      lambda R: any("OutOfMemoryError" in r.text() for r in R)),
    Q("bi-07", "dev", BI, "distinct", "how many distinct customers had invoice emails fail?",
      distinct_q(lambda r: re.search(r"customer (C-\d+)", r.f["msg"]).group(1),
                 rx(r"^Failed to send invoice email"))),
    Q("bi-08", "dev", BI, "lines", "show the HikariPool warnings",
      lines_q(lambda r: r.f["logger"] == "com.zaxxer.hikari.pool.HikariPool" and r.f["level"] == "WARN"),
      extra={"line_regex": r"WARN\s+\[[^\]]+\] com\.zaxxer\.hikari\.pool\.HikariPool - "}),
    Q("bi-09", "heldout", BI, "count", "slow queries detected", count_q(rx(r"^Slow query detected"))),
    Q("bi-10", "heldout", BI, "number", "slowest query time reported (ms)",
      number_q("max", rxnum(SLOWQ_MS.pattern), rx(SLOWQ_MS.pattern)), extra={"unit": "ms", "accept_scale": [0.001]}),
    Q("bi-11", "heldout", BI, "topk", "which exception type is most common?",
      topk_q(lambda r: re.match(r"([\w.$]+)(?::|$)", r.extra[0]).group(1) if r.extra else None, 1),
      notes="the exception class on the first stack-trace line; a short class name is accepted"),
    Q("bi-12", "heldout", BI, "time", "when was the last connection refused error?",
      time_q(lambda r: r.f["level"] == "ERROR" and "refused" in r.text(), "last")),
    Q("bi-13", "heldout", BI, "count", "how many invoices failed to generate between 10:50 and 11:05?",
      count_q(rx(r"^Failed to generate invoice"), "10:50", "11:05")),
    Q("bi-14", "heldout", BI, "yesno", "were there SMTP connection failures after 11:00?",
      yesno_q(rx(r"^Failed to send invoice email"), "11:00", None),
      extra={"line_regex": r"Failed to send invoice email"}),
    Q("bi-15", "heldout", BI, "number", "errors per minute in billing between 10:50 and 11:05",
      rate_q(lvl("error"), "10:50", "11:05", 60), tolerance=0.02, extra={"unit": "per minute"}),

    # ------------------------------------------------------------------ recommender (Python logging)
    Q("re-01", "dev", RE, "count", "how many redis connection errors?", count_q(rx(r"^Redis connection error"))),
    Q("re-02", "dev", RE, "time", "when did the worker run out of memory?",
      time_q(lambda r: r.f["level"] == "CRITICAL" and "memory" in r.f["msg"], "first")),
    Q("re-03", "dev", RE, "number", "average batch processing time in seconds",
      number_q("avg", rxnum(BATCH_S.pattern), rx(BATCH_S.pattern)), tolerance=0.02,
      extra={"unit": "s", "accept_scale": [1000]}),
    Q("re-04", "dev", RE, "topk", "which logger produced the most warnings?", topk_q(js("logger"), 1, lvl("warning"))),
    Q("re-05", "dev", RE, "yesno", "any CRITICAL messages?", yesno_q(lvl("critical")),
      extra={"line_regex": r" - CRITICAL - "}),
    Q("re-06", "dev", RE, "number", "p95 latency of served recommendations in ms",
      number_q("p95", rxnum(SERVED_MS.pattern), rx(SERVED_MS.pattern)), tolerance=0.02,
      extra={"unit": "ms", "accept_scale": [0.001]}),
    Q("re-07", "dev", RE, "count", "how many batches failed to score?", count_q(rx(r"^Failed to score batch"))),
    Q("re-14", "dev", RE, "count", "errors from the recommender", count_q(lvl("error"), "10:40", "10:50"),
      window=("10:40", "10:50"), notes="ERROR lines; the window comes only from --start/--end"),
    Q("re-08", "heldout", RE, "count", "WARNING lines in the recommender", count_q(lvl("warning"))),
    Q("re-09", "heldout", RE, "number", "highest feature store latency (ms)",
      number_q("max", rxnum(FEATURE_MS.pattern), rx(FEATURE_MS.pattern)), extra={"unit": "ms", "accept_scale": [0.001]}),
    Q("re-10", "heldout", RE, "time", "when was model recsys-v43 loaded?",
      time_q(rx(r"^Model recsys-v43 loaded"), "first")),
    Q("re-11", "heldout", RE, "distinct", "how many distinct users got recommendations between 10:00 and 10:30?",
      distinct_q(lambda r: re.search(r"for user (\S+)", r.f["msg"]).group(1), rx(SERVED_MS.pattern), "10:00", "10:30")),
    Q("re-12", "heldout", RE, "yesno", "did the redis errors continue after 11:00?",
      yesno_q(rx(r"^Redis connection error"), "11:00", None)),
    Q("re-13", "heldout", RE, "lines", "show the failed batch scoring errors", lines_q(rx(r"^Failed to score batch")),
      extra={"line_regex": r" - ERROR - Failed to score batch \d+"}),

    # ------------------------------------------------------------------ syslog RFC 5424 (held out only)
    Q("sy-01", "heldout", SY, "count", "how many processes did the OOM killer kill?",
      count_q(rx(r"^Out of memory: Killed process"))),
    Q("sy-02", "heldout", SY, "topk", "which node had the most OOM kills?",
      topk_q(js("host"), 1, rx(r"^Out of memory: Killed process"))),
    Q("sy-03", "heldout", SY, "time", "first OOM kill on node-4?",
      time_q(lambda r: r.f["host"] == "node-4" and r.f["msg"].startswith("Out of memory: Killed process"), "first")),
    Q("sy-04", "heldout", SY, "count", "failed ssh password attempts from 45.134.26.79",
      lambda R: sum(1 for r in R if (m := FAILED_PW.match(r.f["msg"])) and m.group(2) == "45.134.26.79")),
    Q("sy-05", "heldout", SY, "topk", "which IP had the most failed SSH passwords?",
      topk_q(lambda r: m.group(2) if (m := FAILED_PW.match(r.f["msg"])) else None, 1)),
    Q("sy-06", "heldout", SY, "distinct", "how many distinct IPs failed ssh password auth?",
      distinct_q(lambda r: m.group(2) if (m := FAILED_PW.match(r.f["msg"])) else None)),
    Q("sy-07", "heldout", SY, "yesno", "any kernel panics?", yesno_q(lambda r: "panic" in r.f["msg"].lower())),
    Q("sy-08", "heldout", SY, "number", "failed ssh logins per minute on node-2 between 09:40 and 09:55",
      rate_q(lambda r: r.f["host"] == "node-2" and bool(FAILED_PW.match(r.f["msg"])), "09:40", "09:55", 60),
      tolerance=0.02, extra={"unit": "per minute"}),
    Q("sy-09", "heldout", SY, "lines", "show liveness probe failures", lines_q(rx(r'"Probe failed" probeType="Liveness"')),
      extra={"line_regex": r'"Probe failed" probeType="Liveness"'}),
    Q("sy-10", "heldout", SY, "number", "average anon-rss of the OOM-killed processes (kB)",
      number_q("avg", rxnum(ANON_RSS.pattern), rx(r"^Out of memory: Killed process")), tolerance=0.02,
      extra={"unit": "kB"}),
    Q("sy-11", "heldout", SY, "count", "how many kubelet messages from node-3?",
      count_q(lambda r: r.f["app"] == "kubelet" and r.f["host"] == "node-3")),

    # ------------------------------------------------------------------ held-out set 2: shapes never tuned for
    # httpd-error.log (Apache 2.4 error log), api-gateway.jsonl (zap JSON, short keys), rollout-controller.log (klog)
    Q("hd-01", "heldout2", HD, "count", "how many connection refused errors are in the apache error log?",
      count_q(lambda r: (r.f["errno"] or "").startswith("(111)Connection refused")),
      notes="AH00957 lines, whose errno text is (111)Connection refused"),
    Q("hd-02", "heldout2", HD, "count", "number of 'client denied by server configuration' entries from 11:25 to 11:40",
      count_q(rx(r"^AH01630: client denied by server configuration"), "11:25", "11:40")),
    Q("hd-03", "heldout2", HD, "topk", "which client got denied by the server config the most?",
      topk_q(js("client"), 1, rx(r"^AH01630: client denied")), notes="client address without its port"),
    Q("hd-04", "heldout2", HD, "distinct", "how many unique client IPs show up in httpd's error log?",
      distinct_q(js("client")), notes="the [client IP:port] of any line, port dropped"),
    Q("hd-05", "heldout2", HD, "number", "apache errors per minute between 10:05 and 10:20",
      rate_q(lvl("error"), "10:05", "10:20", 60), tolerance=0.02, notes="lines of [module:error]",
      extra={"unit": "per minute"}),
    Q("hd-06", "heldout2", HD, "time", "when did the proxy start failing to connect to 10.0.3.21?",
      time_q(lambda r: "10.0.3.21" in r.f["msg"], "first"),
      notes="the first line naming the backend (AH00957/AH01114, the pair is within 2 ms)"),
    Q("hd-07", "heldout2", HD, "time", "what time did apache do a graceful restart?",
      time_q(rx(r"^AH00493: SIGUSR1 received"), "first"),
      notes="AH00493; AH00489 'resuming normal operations' follows 0.29 s later, inside the 1 s tolerance"),
    Q("hd-08", "heldout2", HD, "yesno", "did we run out of apache workers (MaxRequestWorkers) at any point?",
      yesno_q(rx(r"^AH00484: server reached MaxRequestWorkers")), extra={"line_regex": r"AH00484: server reached MaxRequestWorkers"}),
    Q("hd-09", "heldout2", HD, "yesno", "were there any segfaults in httpd?",
      yesno_q(lambda r: "segmentation fault" in r.line.lower() or "AH00052" in r.line),
      notes="no: no AH00052 'exit signal Segmentation fault' line"),
    Q("hd-10", "heldout2", HD, "lines", "show me the PHP fatal errors", lines_q(lambda r: "PHP Fatal error" in r.f["msg"]),
      extra={"line_regex": r"PHP message: PHP Fatal error:"}),

    Q("gw-01", "heldout2", GW, "count", "how many requests did the api gateway reject with a 429?",
      count_q(lambda r: r.f.get("code") == 429), notes="code=429, whatever M says"),
    Q("gw-02", "heldout2", GW, "count", "count of 5xx from the gateway between 11:15 and 11:30",
      count_q(lambda r: isinstance(r.f.get("code"), int) and r.f["code"] >= 500, "11:15", "11:30")),
    Q("gw-03", "heldout2", GW, "topk", "top 3 tenants by number of 5xx responses",
      topk_q(js("tenant"), 3, lambda r: isinstance(r.f.get("code"), int) and r.f["code"] >= 500)),
    Q("gw-04", "heldout2", GW, "topk", "which tenant hit the rate limit most often?",
      topk_q(js("tenant"), 1, lambda r: r.f.get("code") == 429)),
    Q("gw-05", "heldout2", GW, "number", "what was the p95 latency for GET /v2/orders between 11:15 and 11:30, in seconds?",
      number_q("p95", gw_latency, lambda r: r.f.get("route") == "/v2/orders" and r.f.get("method") == "GET", "11:15", "11:30"),
      tolerance=0.02, notes="`latency` is a Go duration string; Loki quantile_over_time interpolation",
      extra={"unit": "s", "accept_scale": [1000]}),
    Q("gw-06", "heldout2", GW, "number", "average response size (bytes_out) for the acme tenant",
      number_q("avg", num("bytes_out"), lambda r: r.f.get("tenant") == "acme" and "bytes_out" in r.f), tolerance=0.02,
      notes="every request line of tenant acme, any code", extra={"unit": "bytes"}),
    Q("gw-07", "heldout2", GW, "number", "slowest request through the gateway, in ms?",
      number_q("max", lambda r: gw_latency(r) * 1000, lambda r: "latency" in r.f), notes="max of the `latency` field",
      extra={"unit": "ms", "accept_scale": [0.001]}),
    Q("gw-08", "heldout2", GW, "distinct", "how many distinct tenants got a 429?",
      distinct_q(js("tenant"), lambda r: r.f.get("code") == 429)),
    Q("gw-09", "heldout2", GW, "number", "gateway throughput in requests per minute between 10:00 and 10:15",
      rate_q(lambda r: "code" in r.f, "10:00", "10:15", 60), tolerance=0.02,
      notes="request lines (those with a code); not the DEBUG token-cache or config lines", extra={"unit": "per minute"}),
    Q("gw-10", "heldout2", GW, "time", "when was the last 'context deadline exceeded' from orders-svc?",
      time_q(lambda r: r.f.get("error") == "context deadline exceeded", "last")),
    Q("gw-11", "heldout2", GW, "lines", "show me the circuit breaker state changes",
      lines_q(msg("circuit breaker state changed", "M")), extra={"line_regex": r'"M":"circuit breaker state changed"'}),

    Q("rc-01", "heldout2", RC, "count", "how many reconciler errors did the rollout controller hit?",
      count_q(lambda r: r.f["sev"] == "E" and r.f["msg"] == "Reconciler error")),
    Q("rc-02", "heldout2", RC, "count", "how many client-side throttling waits did the controller log?",
      count_q(rx(r"^Waited for \S+ due to client-side throttling"))),
    Q("rc-03", "heldout2", RC, "topk", "which object had the most reconcile errors?",
      topk_q(js("object"), 1, msg("Reconciler error"))),
    Q("rc-04", "heldout2", RC, "distinct", "how many different objects got reconciled?",
      distinct_q(js("object"), msg("Reconciled")), notes="object= of the \"Reconciled\" lines"),
    Q("rc-05", "heldout2", RC, "number", "p95 reconcile duration (ms)",
      number_q("p95", lambda r: go_seconds(r.f["duration"]) * 1000, msg("Reconciled")), tolerance=0.02,
      notes="duration= of the \"Reconciled\" lines (the \"Slow reconcile\" warnings repeat some)",
      extra={"unit": "ms", "accept_scale": [0.001]}),
    Q("rc-06", "heldout2", RC, "number", "longest client-side throttling wait in seconds",
      number_q("max", lambda r: go_seconds(re.match(r"Waited for (\S+) ", r.f["msg"]).group(1)),
               rx(r"^Waited for \S+ due to client-side throttling")),
      extra={"unit": "s", "accept_scale": [1000]}),
    Q("rc-07", "heldout2", RC, "number", "reconciles per minute between 10:00 and 10:15",
      rate_q(msg("Reconciled"), "10:00", "10:15", 60), tolerance=0.02,
      notes="completed reconciles (\"Reconciled\" lines)", extra={"unit": "per minute"}),
    Q("rc-08", "heldout2", RC, "time", "when did the rollout controller lose leadership?",
      time_q(rx(r"^failed to renew lease"), "first"),
      notes="'failed to renew lease'; 'leader election lost' follows 1 ms later; the lock errors before it are not the loss"),
    Q("rc-09", "heldout2", RC, "yesno", "were there still optimistic lock conflicts (object has been modified) after 11:00?",
      yesno_q(lambda r: "the object has been modified" in r.f.get("err", ""), "11:00", None),
      extra={"line_regex": r"the object has been modified"}),
    Q("rc-10", "heldout2", RC, "lines", "show me the controller's warnings", lines_q(lambda r: r.f["sev"] == "W"),
      extra={"line_regex": r"^W\d{4} "}),
    # ------------------------------------------------------------------ held-out set 3: four more shapes, and new
    # questions about the earlier files. Written without reading the planner or running askloki.
    # postgres.log (PostgreSQL stderr log)
    Q("pg-01", "heldout3", PG, "count", "how many deadlocks did postgres report?", count_q(msg("deadlock detected")),
      notes="ERROR:  deadlock detected lines (their DETAIL/HINT/CONTEXT/STATEMENT lines are not counted)"),
    Q("pg-02", "heldout3", PG, "lines", "show me the deadlock errors", lines_q(msg("deadlock detected")),
      extra={"line_regex": r" ERROR:  deadlock detected$"}),
    Q("pg-03", "heldout3", PG, "number", "p99 slow query duration in ms between 10:10 and 10:25",
      number_q("p99", pg_duration, rx(r"^duration: "), "10:10", "10:25"), tolerance=0.02,
      notes="the `duration: N ms` of the logged statements (log_min_duration_statement); Loki interpolation",
      extra={"unit": "ms", "accept_scale": [0.001]}),
    Q("pg-04", "heldout3", PG, "count", "how many connection attempts were turned away for lack of free slots after 11:40?",
      count_q(pg_no_slots, "11:40", None),
      notes="FATAL too many clients / remaining connection slots are reserved; not the password failures"),
    Q("pg-05", "heldout3", PG, "time", "when did the database first run out of connection slots?",
      time_q(pg_no_slots, "first")),
    Q("pg-06", "heldout3", PG, "topk", "which client host opened the most connections to postgres?",
      topk_q(lambda r: m.group(1) if (m := PG_CONN.match(r.f["msg"])) else None, 1),
      notes="host= of the `connection received` lines"),
    Q("pg-07", "heldout3", PG, "number", "longest checkpoint, in seconds",
      number_q("max", rxnum(r"^checkpoint complete: .* total=([\d.]+) s;"), rx(r"^checkpoint complete: ")),
      notes="total= of the `checkpoint complete` lines", extra={"unit": "s", "accept_scale": [1000]}),
    Q("pg-08", "heldout3", PG, "yesno", "did postgres PANIC at any point?", yesno_q(lambda r: r.f["sev"] == "PANIC"),
      notes="no PANIC lines"),
    Q("pg-09", "heldout3", PG, "yesno", "any failed password logins for the etl user?",
      yesno_q(rx(r'^password authentication failed for user "etl"')),
      extra={"line_regex": r'FATAL:  password authentication failed for user "etl"'}),
    Q("pg-10", "heldout3", PG, "count", "FATAL errors", count_q(lambda r: r.f["sev"] == "FATAL", "11:35", "11:45"),
      window=("11:35", "11:45"), notes="FATAL lines; the window comes only from --start/--end"),

    Q("pg-11", "heldout3", PG, "number", "slow queries per minute between 10:10 and 10:25",
      rate_q(rx(r"^duration: "), "10:10", "10:25", 60), tolerance=0.02, notes="`duration: N ms` lines",
      extra={"unit": "per minute"}),

    # haproxy.log (HAProxy HTTP log through syslog)
    Q("hp-01", "heldout3", HP, "count", "503s from haproxy between 10:35 and 10:50",
      count_q(lambda r: r.f.get("status") == 503, "10:35", "10:50")),
    Q("hp-02", "heldout3", HP, "topk", "which 3 clients sent the most requests through the load balancer?",
      topk_q(js("ip"), 3, lambda r: "ip" in r.f), notes="client address without its port, every HTTP line"),
    Q("hp-03", "heldout3", HP, "number", "p95 backend response time for be_search between 11:15 and 11:30, in ms",
      number_q("p95", lambda r: float(r.f["Tr"]), lambda r: r.f.get("be") == "be_search" and r.f["Tr"] >= 0,
               "11:15", "11:30"), tolerance=0.02,
      notes="Tr, the fourth timer; the 504s have Tr=-1 (no response) and are left out",
      extra={"unit": "ms", "accept_scale": [0.001]}),
    Q("hp-04", "heldout3", HP, "count", "how many requests did haproxy deny?",
      count_q(lambda r: str(r.f.get("term", "")).startswith("PR")),
      notes="403 with termination state PR-- (http-request deny, <NOSRV>)"),
    Q("hp-05", "heldout3", HP, "time", "when was api-3 marked down?", time_q(rx(r"^Server be_api/api-3 is DOWN"), "first")),
    Q("hp-06", "heldout3", HP, "yesno", "did any be_static server go down?", yesno_q(rx(r"^Server be_static/\S+ is DOWN")),
      notes="no: only be_api/api-3 went down"),
    Q("hp-07", "heldout3", HP, "distinct", "how many unique client IPs hit be_search?",
      distinct_q(js("ip"), lambda r: r.f.get("be") == "be_search")),
    Q("hp-08", "heldout3", HP, "number", "requests per second on the https frontend between 10:00 and 10:10",
      rate_q(lambda r: r.f.get("fe") == "fe_https~", "10:00", "10:10", 1), tolerance=0.02,
      notes="HTTP lines whose frontend is fe_https~ (any backend, denies included)", extra={"unit": "per second"}),
    Q("hp-09", "heldout3", HP, "number", "total bytes sent by the be_static backend",
      number_q("sum", lambda r: float(r.f["bytes"]), lambda r: r.f.get("be") == "be_static"), tolerance=0.001,
      notes="bytes_read (the response size) of the be_static lines", extra={"unit": "bytes"}),
    Q("hp-10", "heldout3", HP, "lines", "show me the gateway timeouts from the search backend",
      lines_q(lambda r: r.f.get("be") == "be_search" and r.f.get("status") == 504),
      extra={"line_regex": r" be_search/\S+ \S+ 504 "}),

    Q("hp-11", "heldout3", HP, "yesno", "did 192.0.2.77 get blocked?",
      yesno_q(lambda r: r.f.get("ip") == "192.0.2.77" and r.f.get("status") == 403),
      extra={"line_regex": r": 192\.0\.2\.77:\d+ \[[^\]]+\] \S+ \S+ \S+ 403 "}),

    Q("hp-12", "heldout3", HP, "distinct", "how many different IPs did haproxy block?",
      distinct_q(js("ip"), lambda r: str(r.f.get("term", "")).startswith("PR")), notes="clients of the PR-- (403) lines"),

    # notifications.jsonl (Node.js pino / pino-http)
    Q("nt-01", "heldout3", NT, "count", "errors in notifications between 10:05 and 10:20",
      count_q(lambda r: r.f["level"] >= 50, "10:05", "10:20"), notes="pino level 50 (error) and above"),
    Q("nt-02", "heldout3", NT, "topk", "which tenant got throttled the most?",
      topk_q(js("tenant"), 1, lambda r: r.f.get("res_statusCode") == 429)),
    Q("nt-03", "heldout3", NT, "number", "p99 responseTime for POST /v1/messages between 11:20 and 11:33, in ms",
      number_q("p99", num("responseTime"), lambda r: r.f.get("req_method") == "POST" and r.f.get("req_url") == "/v1/messages",
               "11:20", "11:33"), tolerance=0.02, extra={"unit": "ms", "accept_scale": [0.001]}),
    Q("nt-04", "heldout3", NT, "time", "when did the notifications service crash?",
      time_q(lambda r: r.f["level"] == 60, "first"), notes="the level 60 (fatal) line"),
    Q("nt-05", "heldout3", NT, "yesno", "did the notifications API come back up after 11:33?",
      yesno_q(rx(r"^(?:Server listening|starting notifications|connected to redis)"), "11:33", None),
      notes="yes: starting notifications, connected to redis, Server listening at 11:33:49",
      extra={"line_regex": r'"msg":"(?:Server listening|starting notifications|connected to redis)'}),
    Q("nt-06", "heldout3", NT, "number", "worst event loop lag in ms", number_q("max", num("lagMs"), msg("event loop lag high")),
      extra={"unit": "ms", "accept_scale": [0.001]}),
    Q("nt-07", "heldout3", NT, "number", "429s per minute between 10:50 and 11:05",
      rate_q(lambda r: r.f.get("res_statusCode") == 429, "10:50", "11:05", 60), tolerance=0.02,
      extra={"unit": "per minute"}),
    Q("nt-08", "heldout3", NT, "lines", "show me the smtp timeouts", lines_q(lambda r: r.f.get("err_code") == "ETIMEDOUT"),
      extra={"line_regex": r"connect ETIMEDOUT"}),
    Q("nt-09", "heldout3", NT, "count", "how many warnings?", count_q(lambda r: r.f["level"] == 40, "11:25", "11:35"),
      window=("11:25", "11:35"), notes="pino level 40; the window comes only from --start/--end"),
    Q("nt-10", "heldout3", NT, "yesno", "any fatal errors in notifications before 11:00?",
      yesno_q(lambda r: r.f["level"] >= 60, None, "11:00"), notes="no: the only level 60 line is at 11:33"),

    Q("nt-11", "heldout3", NT, "topk", "top 2 tenants by 5xx responses",
      topk_q(js("tenant"), 2, lambda r: isinstance(r.f.get("res_statusCode"), int) and r.f["res_statusCode"] >= 500)),

    # kafka-server.log (Kafka broker server.log)
    Q("kf-01", "heldout3", KF, "topk", "which partition's ISR shrank most often?",
      topk_q(lambda r: re.match(r"Partition (\S+) broker=", r.f["comp"]).group(1), 1, rx(r"^Shrinking ISR"))),
    Q("kf-02", "heldout3", KF, "distinct", "how many partitions lost an in-sync replica?",
      distinct_q(lambda r: re.match(r"Partition (\S+) broker=", r.f["comp"]).group(1), rx(r"^Shrinking ISR")),
      notes="partitions with a `Shrinking ISR` line"),
    Q("kf-03", "heldout3", KF, "count", "how many rebalances did orders-consumer go through between 11:10 and 11:20?",
      count_q(rx(r"^Preparing to rebalance group orders-consumer "), "11:10", "11:20")),
    Q("kf-04", "heldout3", KF, "number", "highest generation the orders-consumer group reached",
      number_q("max", rxnum(r"^Stabilized group orders-consumer generation (\d+)"),
               rx(r"^Stabilized group orders-consumer generation")), extra={"unit": "generation"}),
    Q("kf-05", "heldout3", KF, "time", "when did replication from broker 2 start failing?",
      time_q(lambda r: "leaderId=2" in r.f["comp"], "first"), notes="the first ReplicaFetcher error for leader 2"),
    Q("kf-06", "heldout3", KF, "yesno", "were there still fetch errors from broker 2 after 11:00?",
      yesno_q(lambda r: "leaderId=2" in r.f["comp"], "11:00", None), notes="no: they stop at 10:54"),
    Q("kf-07", "heldout3", KF, "number", "average time to roll a log segment, in ms",
      number_q("avg", rxnum(r"^Rolled new log segment at offset \d+ in (\d+) ms"), rx(r"^Rolled new log segment")),
      tolerance=0.02, extra={"unit": "ms", "accept_scale": [0.001]}),
    Q("kf-08", "heldout3", KF, "lines", "show the invalid receive errors from 10.0.9.14",
      lines_q(rx(r"^Unexpected error from /10\.0\.9\.14 ")),
      notes="the WARN line; the InvalidReceiveException follows on the next line",
      extra={"line_regex": r"Unexpected error from /10\.0\.9\.14 "}),
    Q("kf-09", "heldout3", KF, "count", "how many produce requests failed for lack of in-sync replicas?",
      count_q(lambda r: r.f["level"] == "ERROR" and "NotEnoughReplicasException" in "".join(r.extra)),
      notes="ERROR lines whose exception is NotEnoughReplicasException"),

    Q("kf-10", "heldout3", KF, "yesno", "did payments-4 fall below min.isr?",
      yesno_q(lambda r: "NotEnoughReplicasException" in "".join(r.extra) and r.line.endswith("payments-4 (kafka.server.ReplicaManager)")),
      notes="yes: NotEnoughReplicasException on payments-4 (the exception is on the line after the ERROR line)",
      extra={"line_regex": r"on partition payments-4 \(kafka\.server\.ReplicaManager\)$|min\.isr requirement of 2 for partition payments-4"}),

    # earlier files, new questions
    Q("ck-20", "heldout3", CK, "number", "average order value in cents",
      number_q("avg", num("cart_total_cents"), msg("order placed")), tolerance=0.02,
      notes="cart.total_cents of the `order placed` lines", extra={"unit": "cents"}),
    Q("ck-21", "heldout3", CK, "topk", "most common reason carts failed validation",
      topk_q(js("reason"), 1, msg("cart validation failed"))),
    Q("py-14", "heldout3", PY, "count", "successful charges in GBP between 11:00 and 11:30",
      count_q(lambda r: r.f.get("msg") == "charge succeeded" and r.f.get("amount_currency") == "GBP", "11:00", "11:30")),
    Q("in-12", "heldout3", INV, "number", "how many units were reserved from the ams2 warehouse in total?",
      number_q("sum", num("qty"), lambda r: r.f.get("message") == "stock reserved" and r.f.get("warehouse") == "ams2"),
      tolerance=0.001, extra={"unit": "units"}),
    Q("au-20", "heldout3", AU, "topk", "top 3 users by successful logins",
      topk_q(js("user"), 3, msg("login succeeded"))),
    Q("ng-22", "heldout3", NG, "number", "p99 upstream response time for shop-catalog-8080 in ms",
      number_q("p99", lambda r: float(r.f["upstream_time"]) * 1000, lambda r: r.f["upstream"] == "shop-catalog-8080"),
      tolerance=0.02, notes="$upstream_response_time (seconds in the line)", extra={"unit": "ms", "accept_scale": [0.001]}),
    Q("bi-16", "heldout3", BI, "distinct", "how many threads logged errors in billing?",
      distinct_q(js("thread"), lvl("error"))),
    Q("re-15", "heldout3", RE, "number", "average cache hit ratio in percent",
      number_q("avg", rxnum(r"^Cache hit ratio ([\d.]+)%"), rx(r"^Cache hit ratio")), tolerance=0.02,
      extra={"unit": "%", "accept_scale": [0.01]}),
    Q("sy-12", "heldout3", SY, "count", "how many ssh logins were accepted?", count_q(rx(r"^Accepted (?:publickey|password) for "))),
    Q("gw-12", "heldout3", GW, "time", "when did the orders-svc circuit breaker close again?",
      time_q(lambda r: r.f.get("M") == "circuit breaker state changed" and r.f.get("to") == "closed", "last")),
    # ------------------------------------------------------------------ held-out set 4: six more shapes, written
    # without reading the planner and without running askloki (see README for the A/B split by file).
    # storefront-envoy.log (Istio sidecar, Envoy's default text access log)
    Q("ev-01", "heldout4", EV, "count", "503s from the storefront sidecar between 10:15 and 10:30",
      count_q(lambda r: r.f["code"] == 503, "10:15", "10:30"), notes="%RESPONSE_CODE% 503, inbound and outbound"),
    Q("ev-02", "heldout4", EV, "topk", "which upstream cluster returned the most 5xx?",
      topk_q(js("cluster"), 1, lambda r: r.f["code"] >= 500), notes="%UPSTREAM_CLUSTER% of the 5xx lines"),
    Q("ev-03", "heldout4", EV, "number", "p95 duration of calls to pricing between 11:20 and 11:35, ms",
      number_q("p95", lambda r: float(r.f["dur"]), lambda r: r.f["cluster"] == ev_cluster("pricing"), "11:20", "11:35"),
      tolerance=0.02, notes="%DURATION% of the outbound pricing lines, the 504s included",
      extra={"unit": "ms", "accept_scale": [0.001]}),
    Q("ev-04", "heldout4", EV, "count", "how many requests failed with UF (upstream connection failure)?",
      count_q(lambda r: "UF" in r.f["flag_set"]), notes="response flags containing UF (UF,URX)"),
    Q("ev-05", "heldout4", EV, "distinct", "how many different upstream hosts served the reviews service?",
      distinct_q(js("up_host"), lambda r: r.f["cluster"] == ev_cluster("reviews"))),
    Q("ev-06", "heldout4", EV, "time", "when did the first upstream connect failure happen?",
      time_q(lambda r: "UF" in r.f["flag_set"], "first"), notes="the first UF line (its START_TIME)"),
    Q("ev-07", "heldout4", EV, "yesno", "any upstream timeouts before 11:00?",
      yesno_q(lambda r: "UT" in r.f["flag_set"], None, "11:00"), notes="no: the UT (504) lines are 11:20-11:35"),
    Q("ev-08", "heldout4", EV, "number", "calls per second from the sidecar to catalog between 10:00 and 10:10",
      rate_q(lambda r: r.f["cluster"] == ev_cluster("catalog"), "10:00", "10:10", 1), tolerance=0.02,
      extra={"unit": "per second"}),
    Q("ev-09", "heldout4", EV, "lines", "show me the 504s", lines_q(lambda r: r.f["code"] == 504),
      extra={"line_regex": r'^\[[^\]]+\] "[^"]*" 504 '}),
    Q("ev-10", "heldout4", EV, "count", "requests from 198.51.100.14", count_q(lambda r: r.f["xff"] == "198.51.100.14"),
      notes="the client is in X-Forwarded-For (the downstream peer is the ingress gateway)"),
    # mongod.jsonl (MongoDB structured JSON log)
    Q("mg-01", "heldout4", MG, "count", "how many slow queries hit shop.orders?",
      count_q(lambda r: r.f["id"] == 51803 and r.f.get("attr_ns") == "shop.orders"),
      notes='"Slow query" (id 51803) lines with attr.ns shop.orders'),
    Q("mg-02", "heldout4", MG, "topk", "top 3 collections by number of slow queries",
      topk_q(js("attr_ns"), 3, lambda r: r.f["id"] == 51803)),
    Q("mg-03", "heldout4", MG, "number", "p95 slow query time between 10:05 and 10:25 in ms",
      number_q("p95", num("attr_durationMillis"), lambda r: r.f["id"] == 51803, "10:05", "10:25"), tolerance=0.02,
      extra={"unit": "ms", "accept_scale": [0.001]}),
    Q("mg-04", "heldout4", MG, "distinct", "how many distinct client IPs connected to mongod?",
      distinct_q(lambda r: r.f["attr_remote"].rsplit(":", 1)[0], msg("Connection accepted")),
      notes="attr.remote of the `Connection accepted` lines, without the port"),
    Q("mg-05", "heldout4", MG, "time", "when did the primary step down?",
      time_q(lambda r: r.f["msg"] == "Replica set state transition" and r.f.get("attr_newState") == "SECONDARY", "first"),
      notes="PRIMARY -> SECONDARY; the replSetStepDown command is 0.64 s before it"),
    Q("mg-06", "heldout4", MG, "yesno", "any auth failures for the reporting user?",
      yesno_q(lambda r: r.f["msg"] == "Authentication failed" and r.f.get("attr_principalName") == "reporting"),
      extra={"line_regex": r'"msg":"Authentication failed".*"principalName":"reporting"'}),
    Q("mg-07", "heldout4", MG, "count", "how many connections did 10.2.0.55 open between 11:15 and 11:25?",
      count_q(lambda r: r.f["msg"] == "Connection accepted" and r.f["attr_remote"].startswith("10.2.0.55:"),
              "11:15", "11:25")),
    Q("mg-08", "heldout4", MG, "lines", "show me the mongo errors", lines_q(lambda r: r.f["s"] == "E"),
      notes='severity "E"', extra={"line_regex": r'"s":"E"'}),
    Q("mg-09", "heldout4", MG, "number", "average docsExamined for collection scans",
      number_q("avg", num("attr_docsExamined"), lambda r: r.f.get("attr_planSummary") == "COLLSCAN"), tolerance=0.02,
      notes="slow queries whose planSummary is COLLSCAN", extra={"unit": "documents"}),
    Q("mg-10", "heldout4", MG, "number", "new connections per minute between 11:15 and 11:25",
      rate_q(msg("Connection accepted"), "11:15", "11:25", 60), tolerance=0.02, extra={"unit": "per minute"}),
    # fleet-auth.log (auth.log of six hosts, RFC 3164)
    Q("sl-01", "heldout4", SL, "count", "failed ssh password attempts on bastion-01 between 10:10 and 10:25",
      count_q(sl_failed_on("bastion-01"), "10:10", "10:25"), notes="`Failed password for` lines (root and invalid users)"),
    Q("sl-02", "heldout4", SL, "topk", "top 3 source IPs for failed ssh logins",
      topk_q(lambda r: FAILED_PW.match(r.f["msg"]).group(2), 3, lambda r: bool(FAILED_PW.match(r.f["msg"])))),
    Q("sl-03", "heldout4", SL, "distinct", "how many different usernames did 45.95.147.12 try?",
      distinct_q(lambda r: FAILED_PW.match(r.f["msg"]).group(1), sl_failed_from("45.95.147.12")),
      notes="users of the `Failed password` lines from it, root included"),
    Q("sl-04", "heldout4", SL, "time", "last failed login from 45.95.147.12",
      time_q(sl_failed_from("45.95.147.12"), "last")),
    Q("sl-05", "heldout4", SL, "yesno", "did anyone fail sudo on app-02?",
      yesno_q(lambda r: r.f["host"] == "app-02" and r.f["prog"] == "sudo" and SUDO_FAIL.search(r.f["msg"]) is not None),
      extra={"line_regex": r" app-02 sudo: .*(?:incorrect password attempts|authentication failure|NOT in sudoers)"}),
    Q("sl-06", "heldout4", SL, "count", "how many commands did deploy run with sudo?",
      count_q(lambda r: r.f["prog"] == "sudo" and re.match(r"^\s*deploy : TTY=.*COMMAND=", r.f["msg"]) is not None),
      notes="the `deploy : TTY=... COMMAND=` lines on every host"),
    Q("sl-07", "heldout4", SL, "topk", "which host ran the most cron jobs?",
      topk_q(js("host"), 1, lambda r: r.f["prog"] == "CRON" and re.match(r"^\(\S+\) CMD ", r.f["msg"]) is not None),
      notes="CRON `(user) CMD (...)` lines per host"),
    Q("sl-08", "heldout4", SL, "lines", "show me sudo failures",
      lines_q(lambda r: r.f["prog"] == "sudo" and SUDO_FAIL.search(r.f["msg"]) is not None),
      notes="incorrect password attempts, pam authentication failure, not in sudoers",
      extra={"line_regex": r" sudo: .*(?:incorrect password attempts|authentication failure|NOT in sudoers)"}),
    Q("sl-09", "heldout4", SL, "count", "accepted ssh logins since 11:00",
      count_q(lambda r: r.f["prog"] == "sshd" and r.f["msg"].startswith("Accepted "), "11:00", None)),
    Q("sl-10", "heldout4", SL, "number", "failed logins per minute on bastion-01 between 10:10 and 10:25",
      rate_q(sl_failed_on("bastion-01"), "10:10", "10:25", 60), tolerance=0.02, notes="`Failed password` lines",
      extra={"unit": "per minute"}),
    Q("sl-11", "heldout4", SL, "yesno", "did root ever log in successfully over ssh?",
      yesno_q(lambda r: r.f["prog"] == "sshd" and r.f["msg"].startswith("Accepted ") and " for root from " in r.f["msg"]),
      notes="no: root only fails"),
    # orders-spring.log (Spring Boot console log)
    Q("sb-01", "heldout4", SB, "count", "errors in orders between 10:40 and 10:55",
      count_q(lvl("error"), "10:40", "10:55"), notes="ERROR lines (stack-trace lines are not counted)"),
    Q("sb-02", "heldout4", SB, "topk", "which class logged the most errors?", topk_q(js("logger"), 1, lvl("error")),
      notes="the logger column (abbreviated as Spring prints it)"),
    Q("sb-03", "heldout4", SB, "number", "p95 order placement time since 11:00, ms",
      number_q("p95", rxnum(r", took (\d+) ms$"), rx(r"^Order \S+ placed for customer "), "11:00", None),
      tolerance=0.02, extra={"unit": "ms", "accept_scale": [0.001]}),
    Q("sb-04", "heldout4", SB, "time", "when was the orders service back up after the restart?",
      time_q(rx(r"^Started OrdersApplication in "), "first"),
      notes="`Started OrdersApplication` (Tomcat started 43 ms before it); the JVM starts 9 s earlier"),
    Q("sb-05", "heldout4", SB, "yesno", "any OutOfMemoryError in orders?",
      yesno_q(lambda r: "OutOfMemoryError" in r.text()), notes="no"),
    Q("sb-06", "heldout4", SB, "lines", "show me the payment failures", lines_q(rx(r"^Payment failed for order ")),
      notes="the ERROR lines; the WARN retries before them are not failures yet",
      extra={"line_regex": r"Payment failed for order ord-\d+"}),
    Q("sb-07", "heldout4", SB, "count", "how many orders did customer c-1577 place?",
      count_q(rx(r"^Order \S+ placed for customer c-1577:"))),
    Q("sb-08", "heldout4", SB, "distinct", "how many different customers placed orders between 11:00 and 12:00?",
      distinct_q(lambda r: m.group(1) if (m := SB_ORDER.match(r.f["msg"])) else None, lambda r: True, "11:00", "12:00")),
    Q("sb-09", "heldout4", SB, "count", "how many requests failed with a NullPointerException?",
      count_q(lambda r: r.f["level"] == "ERROR" and "NullPointerException" in r.f["msg"]),
      notes="one dispatcherServlet ERROR line per request; the exception line after it names NPE again"),
    Q("sb-10", "heldout4", SB, "number", "orders placed per minute between 10:00 and 10:30",
      rate_q(rx(r"^Order \S+ placed for customer "), "10:00", "10:30", 60), tolerance=0.02,
      extra={"unit": "per minute"}),
    Q("sb-11", "heldout4", SB, "number", "average order total in EUR",
      number_q("avg", rxnum(r", total ([\d.]+) EUR,"), rx(r"^Order \S+ placed for customer ")), tolerance=0.02,
      extra={"unit": "EUR"}),
    # traefik-access.jsonl (Traefik JSON access log)
    Q("tf-01", "heldout4", TF, "count", "502s from billing-api between 10:25 and 10:40",
      count_q(lambda r: r.f["DownstreamStatus"] == 502 and r.f["RouterName"] == "billing-api@kubernetescrd",
              "10:25", "10:40")),
    Q("tf-02", "heldout4", TF, "topk", "top 3 routers by request count", topk_q(js("RouterName"), 3)),
    Q("tf-03", "heldout4", TF, "number", "p95 latency for the shop-api router between 09:00 and 10:00, in ms",
      number_q("p95", lambda r: r.f["Duration"] / 1e6, lambda r: r.f["RouterName"] == "shop-api@kubernetescrd",
               None, "10:00"), tolerance=0.02, notes="Duration is in nanoseconds",
      extra={"unit": "ms", "accept_scale": [0.001, 1e6]}),
    Q("tf-04", "heldout4", TF, "count", "how many requests from 203.0.113.77 got rate limited?",
      count_q(lambda r: r.f["ClientHost"] == "203.0.113.77" and r.f["DownstreamStatus"] == 429)),
    Q("tf-05", "heldout4", TF, "distinct", "how many unique client IPs went through traefik?", distinct_q(js("ClientHost"))),
    Q("tf-06", "heldout4", TF, "time", "when did traefik start returning 429s?",
      time_q(lambda r: r.f["DownstreamStatus"] == 429, "first")),
    Q("tf-07", "heldout4", TF, "yesno", "were any shop-api requests retried?",
      yesno_q(lambda r: r.f["RouterName"] == "shop-api@kubernetescrd" and r.f["RetryAttempts"] > 0),
      notes="no: only billing-api's 502s were retried"),
    Q("tf-08", "heldout4", TF, "number", "total bytes served by the static router",
      number_q("sum", num("DownstreamContentSize"), lambda r: r.f["RouterName"] == "static@kubernetescrd"),
      tolerance=0.001, extra={"unit": "bytes"}),
    Q("tf-09", "heldout4", TF, "lines", "show the 5xx responses from traefik",
      lines_q(lambda r: r.f["DownstreamStatus"] >= 500), extra={"line_regex": r'"DownstreamStatus":5\d\d'}),
    Q("tf-10", "heldout4", TF, "number", "requests per second from 203.0.113.77 between 11:10 and 11:25",
      rate_q(lambda r: r.f["ClientHost"] == "203.0.113.77", "11:10", "11:25", 1), tolerance=0.02,
      extra={"unit": "per second"}),
    # redis.log (Redis server log, loglevel verbose)
    Q("rd-01", "heldout4", RD, "count", "how many background saves finished OK?",
      count_q(msg("Background saving terminated with success"))),
    Q("rd-02", "heldout4", RD, "time", "when did redis lose its replica?",
      time_q(rx(r"^Connection with replica \S+ lost"), "first")),
    Q("rd-03", "heldout4", RD, "number", "peak memory usage in bytes",
      number_q("max", rxnum(r", (\d+) bytes in use$"), rx(r" bytes in use$")), extra={"unit": "bytes"}),
    Q("rd-04", "heldout4", RD, "number", "average connected clients between 10:30 and 10:45",
      number_q("avg", rxnum(r"^(\d+) clients connected"), rx(r"^\d+ clients connected"), "10:30", "10:45"),
      tolerance=0.02, notes="the `N clients connected` line every 5 s", extra={"unit": "clients"}),
    Q("rd-05", "heldout4", RD, "count", "how many clients got closed for output buffer limits?",
      count_q(rx(r"closed ASAP for overcoming of output buffer limits"))),
    Q("rd-06", "heldout4", RD, "topk", "which client IP hit the output buffer limit most often?",
      topk_q(lambda r: re.search(r" addr=([\d.]+):\d+ ", r.f["msg"]).group(1), 1,
             rx(r"closed ASAP for overcoming of output buffer limits"))),
    Q("rd-07", "heldout4", RD, "yesno", "was the AOF fsync slow at any point?",
      yesno_q(rx(r"^Asynchronous AOF fsync is taking too long")),
      extra={"line_regex": r"Asynchronous AOF fsync is taking too long"}),
    Q("rd-08", "heldout4", RD, "yesno", "any failed background saves?",
      yesno_q(rx(r"^Background saving (?:error|terminated by signal)")), notes="no: every BGSAVE ends with success"),
    Q("rd-09", "heldout4", RD, "lines", "show me the redis warnings", lines_q(lambda r: r.f["mark"] == "#"),
      notes="the `#` (warning) lines", extra={"line_regex": r"^\d+:[MSCX] \d\d \w{3} \d{4} \d\d:\d\d:\d\d\.\d{3} # "}),
    Q("rd-10", "heldout4", RD, "distinct", "how many different IPs connected to redis?",
      distinct_q(lambda r: r.f["msg"].split()[1].rsplit(":", 1)[0], rx(r"^Accepted "))),
    Q("rd-11", "heldout4", RD, "number", "new connections per minute between 10:00 and 10:30",
      rate_q(rx(r"^Accepted "), "10:00", "10:30", 60), tolerance=0.02, extra={"unit": "per minute"}),
]



# --------------------------------------------------------------------------- building


def ensure_data(data: Path) -> None:
    if not (data / "manifest.json").exists() or not all((data / name).exists() for name in PARSERS):
        subprocess.run([sys.executable, str(HERE / "gen_logs.py"), str(data)], check=True, stdout=subprocess.DEVNULL)


SPLITS = ("dev", "heldout", "heldout2", "heldout3", "heldout4")


def build(data: Path) -> tuple[dict[str, list[dict]], dict]:
    ensure_data(data)
    manifest = json.loads((data / "manifest.json").read_text())
    labels = {f["file"]: f["labels"] for f in manifest["files"]}
    recs = load(data)
    ids = set()
    out = {s: [] for s in SPLITS}
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
        regex = extra.get("line_regex")
        if regex and q.kind in ("lines", "yesno"):
            n = got if q.kind == "lines" else extra["window_count"]
            check_regex(q, recs[q.file], regex, n, extra.get("line_window"))
        start, end = (hm_iso(q.window[0]), hm_iso(q.window[1])) if q.window else FULL
        rec = {"id": q.id, "file": q.file, "labels": labels[q.file], "start": start, "end": end,
               "question": q.question, "kind": q.kind, "expected": got, "tolerance": q.tolerance,
               "notes": q.notes}
        rec.update(extra)
        out[q.split].append(rec)
    files = {"seed": manifest["seed"], "files": [
        {k: f[k] for k in ("file", "shape", "labels", "lines", "sha256")} for f in manifest["files"]]}
    return out, files


def check_regex(q: Q, recs: list[Rec], regex: str, n: int, window) -> None:
    """A lines question's regex must pick exactly the expected events (first physical lines)."""
    c = re.compile(regex)
    lo, hi = (parse_rfc3339(window[0]), parse_rfc3339(window[1])) if window else (START_MS, END_MS)
    hits = sum(1 for r in recs if lo <= r.ms < hi and c.search(r.line))
    if hits != n:
        raise SystemExit(f"{q.id}: line_regex picks {hits} lines, the question's predicate {n}")


def dumps(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the generated logs (default target/eval-logs)")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--write", action="store_true", help="write questions_*.jsonl and files.json beside this script")
    g.add_argument("--check", action="store_true", help="compare with the committed questions_*.jsonl and files.json")
    ap.add_argument("--list", action="store_true", help="print the questions with their expected answers")
    args = ap.parse_args()

    splits, files = build(args.data)
    outputs = {f"questions_{name}.jsonl": dumps(split) for name, split in splits.items()}
    outputs["files.json"] = json.dumps(files, indent=2) + "\n"
    if args.list:
        for r in (r for split in splits.values() for r in split):
            print(f"{r['id']:<6} {r['kind']:<8} {r['question']}\n       -> {json.dumps(r['expected'])}")
    for name, split in splits.items():
        kinds = Counter(r["kind"] for r in split)
        shapes = sorted({r["file"] for r in split})
        print(f"{name:<8} {len(split)} questions  " + " ".join(f"{k}={kinds[k]}" for k in sorted(kinds))
              + f"  files={len(shapes)}")
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


if __name__ == "__main__":
    sys.exit(main())
