#!/usr/bin/env python3
"""The thirteenth held-out set (heldout13): 48 questions over the six logs of gen_logs13.py, with
expected answers computed from the generated files, asked with the stream labels the manifest gives.

    python3 eval/ask/expected13.py [--data DIR] [--write | --check] [--list]

Reads the files gen_logs13.py wrote (default target/eval-logs; generated there first when
missing), parses them back with parsers of its own, and computes every expected value with
one function per question. Standard library only; it imports nothing from the other sets
(heldout_cli.py gives the shared --write/--check/--list).

  --write   (re)write questions_heldout13.jsonl and files_heldout13.json here
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
SET = "heldout13"
UTC = timezone.utc
DAY = "2026-12-06"
FULL = ("2026-12-06T09:00:00Z", "2026-12-06T12:00:00Z")
PR, CA, KC = "prometheus.log", "cassandra-system.log", "keycloak.jsonl"
GL, CT, GC = "gitlab-production.jsonl", "cloudtrail.jsonl", "orders-gc.log"
# Half A: Prometheus, Cassandra, Keycloak; half B: GitLab, CloudTrail, the JVM's GC log (run_eval.py --half).
HALF = {PR: "A", CA: "A", KC: "A", GL: "B", CT: "B", GC: "B"}

# --------------------------------------------------------------------------- records


class Rec:
    """One line of a file. `head` is False for a line without a time of its own (a line of a
    Java stack trace), which takes the time of the line before it. `f` holds the fields."""
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


def json_lines(path: Path, time_of) -> list[Rec]:
    out = []
    for line in read_lines(path):
        d = json.loads(line)
        out.append(Rec(time_of(d), line, True, d))
    return out


# --------------------------------------------------------------------------- parsers


P_PAIR = re.compile(r'(\w[\w.]*)=("(?:[^"\\]|\\.)*"|\S*)')


def parse_prometheus(path: Path) -> list[Rec]:
    """go-kit logfmt: key=value pairs, a value quoted (with Go's escapes) when it needs it."""
    out = []
    for line in read_lines(path):
        f, pos = {}, 0
        for m in P_PAIR.finditer(line):
            assert line[pos:m.start()].strip() == "", line
            v = m.group(2)
            f.setdefault(m.group(1), json.loads(v) if v.startswith('"') else v)
            pos = m.end()
        assert pos == len(line), line
        out.append(Rec(ms_rfc3339(f["ts"]), line, True, f))
    return out


C_HEAD = re.compile(r"^(INFO|WARN|ERROR|DEBUG) +\[([^\]]+)\] (\d{4})-(\d\d)-(\d\d) (\d\d:\d\d:\d\d),(\d{3}) "
                    r"(\S+):(\d+) - (.*)$")


def parse_cassandra(path: Path) -> list[Rec]:
    def one(line):
        m = C_HEAD.match(line)
        if not m:
            return None
        return ms_at(*m.group(3, 4, 5, 6), m.group(7)), {"level": m.group(1), "thread": m.group(2),
                                                           "source": m.group(8), "msg": m.group(10)}
    return with_continuations(path, one)


K_KV = re.compile(r'(\w+)="([^"]*)"')


def parse_keycloak(path: Path) -> list[Rec]:
    recs = json_lines(path, lambda d: ms_rfc3339(d["timestamp"]))
    for r in recs:
        if r.f["loggerName"] == "org.keycloak.events":
            r.f["ev"] = dict(K_KV.findall(r.f["message"]))
    return recs


def parse_gitlab(path: Path) -> list[Rec]:
    return json_lines(path, lambda d: ms_rfc3339(d["time"]))


def parse_cloudtrail(path: Path) -> list[Rec]:
    return json_lines(path, lambda d: ms_rfc3339(d["eventTime"]))


J_LINE = re.compile(r"^\[(\d{4})-(\d\d)-(\d\d)T(\d\d:\d\d:\d\d)\.(\d{3})\+0000\]\[(\d+\.\d{3})s\]\[(\w+)\]"
                    r"\[([\w,]+) *\] (.*)$")
J_PAUSE = re.compile(r"^GC\((\d+)\) Pause (Young|Full|Remark|Cleanup)(?: \(([^)]*)\))?(?: \(([^)]*)\))? "
                     r"(\d+)M->(\d+)M\((\d+)M\) (\d+\.\d+)ms$")


def parse_gc(path: Path) -> list[Rec]:
    out = []
    for line in read_lines(path):
        m = J_LINE.match(line)
        assert m, line
        f = {"uptime": float(m.group(6)), "level": m.group(7), "tags": m.group(8), "text": m.group(9)}
        p = J_PAUSE.match(f["text"]) if f["tags"] == "gc" else None
        if p:
            f.update(gc=int(p.group(1)), pause=p.group(2), kind=p.group(3), cause=p.group(4),
                     before=int(p.group(5)), after=int(p.group(6)), cap=int(p.group(7)), ms=float(p.group(8)))
        out.append(Rec(ms_at(*m.group(1, 2, 3, 4), m.group(5)), line, True, f))
    return out


PARSERS = {PR: parse_prometheus, CA: parse_cassandra, KC: parse_keycloak, GL: parse_gitlab, CT: parse_cloudtrail,
           GC: parse_gc}

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
        if how == "one":
            assert len(xs) == 1, f"{len(xs)} values"
            return rnd(xs[0], 9)
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


def when(pred, pick, a=None, b=None, single=False):
    def fn(recs):
        rs = sel(recs, pred, a, b)
        assert rs and (not single or len(rs) == 1), f"{len(rs)} events"
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
        want = {id(r) for r in recs if r.head and pred(r)}
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
        want = {id(r) for r in recs if r.head and pred(r)}
        assert want and want == {id(r) for r in hits}, f"regex selects {len(hits)} lines, the event {len(want)}"
        return len(hits), {"line_regex": regex, "line_window": [hm_iso(window[0]), hm_iso(window[1])]}
    return fn


class Q:
    def __init__(self, qid, file, kind, question, fn, tolerance=0.0, notes="", window=None, **extra):
        self.id, self.file, self.kind, self.question, self.fn = qid, file, kind, question, fn
        self.tolerance, self.notes, self.window, self.extra = tolerance, notes, window, extra


MS = {"unit": "ms", "accept_scale": [0.001]}
SEC = {"unit": "s", "accept_scale": [1000.0]}
MIB = {"unit": "MB", "accept_scale": [1.048576, 1048576.0]}

# --------------------------------------------------------------------------- predicates


def p_msg(text):
    return lambda r: r.f.get("msg") == text


P_SCRAPE = p_msg("Scrape failed")
P_ALERT = p_msg("Error sending alert")
P_OOO = p_msg("Error on ingesting out-of-order samples")
P_RETRY = p_msg("Failed to send batch, retrying")
P_READY = p_msg("Server is ready to receive web requests.")
P_REPLAY = p_msg("WAL replay completed")

C_DROP = re.compile(r"^MUTATION_REQ messages were dropped in last 5000 ms: (\d+) internal and (\d+) cross node\. ")
C_GCIN = re.compile(r"^G1 (Young|Old) Generation GC in (\d+)ms\. ")
C_TOMB = re.compile(r"^Read \d+ live rows and \d+ tombstone cells for query SELECT \* FROM shop\.carts WHERE "
                    r"user_id = '([\w-]+)' ")
C_FLUSH = re.compile(r"^Enqueuing flush of ([\w.]+), Reason: ")


def c_src(r):
    return r.f.get("source", "")


def c_drop(r):
    return c_src(r) == "MessagingMetrics.java" and bool(C_DROP.match(r.f["msg"]))


def c_gc(r):
    return c_src(r) == "GCInspector.java" and bool(C_GCIN.match(r.f["msg"]))


def c_tomb(r):
    return r.f.get("level") == "WARN" and bool(C_TOMB.match(r.f.get("msg", "")))


def c_aborted(r):
    return r.f.get("level") == "ERROR" and "tombstones during query" in r.f.get("msg", "") \
        and r.f["msg"].endswith("query aborted")


def c_hint13(r):
    return r.f.get("msg", "").startswith("Finished hinted handoff of file ") and \
        " to endpoint /10.0.4.13:7000: " in r.f["msg"]


def c_large(r):
    return r.f.get("msg", "").startswith("Writing large partition ")


def k_ev(kind):
    return lambda r: r.f.get("ev", {}).get("type") == kind


def k_ldap(r):
    """An authentication failure whose exception chain goes back to LDAP."""
    if r.f.get("loggerName") != "org.keycloak.services" or not r.f.get("message", "").startswith("KC-SERVICES0013"):
        return False
    e, found = r.f.get("exception"), False
    while e:
        found = found or "LDAP" in (e.get("message") or "") or "ldap" in e.get("exceptionType", "").lower() \
            or any("ldap" in fr["class"].lower() for fr in e.get("frames", []))
        e = (e.get("causedBy") or {}).get("exception")
    return found


def g_deadline(r):
    return r.f.get("exception.class") == "GRPC::DeadlineExceeded"


def t_denied(r):
    return r.f.get("errorCode") in ("AccessDenied", "AccessDeniedException", "Client.UnauthorizedOperation")


T_THROTTLED = ("Client.RequestLimitExceeded", "ThrottlingException", "Throttling")


def t_throttled(r):
    return r.f.get("errorCode") in T_THROTTLED


def t_world_ssh(r):
    if r.f.get("eventName") != "AuthorizeSecurityGroupIngress":
        return False
    items = (r.f["requestParameters"].get("ipPermissions") or {}).get("items", [])
    return any(p.get("fromPort", 0) <= 22 <= p.get("toPort", -1) and
               any(x.get("cidrIp") == "0.0.0.0/0" for x in (p.get("ipRanges") or {}).get("items", [])) for p in items)


def t_root_login(r):
    return r.f.get("eventName") == "ConsoleLogin" and r.f["userIdentity"].get("type") == "Root"


def j_pause(kind=None):
    return lambda r: "pause" in r.f and (kind is None or r.f["pause"] == kind)


QUESTIONS = [
    # ------------------------------------------------------------------ half A: Prometheus
    Q("a13-01", PR, "count", "how many times did prometheus fail to push alerts to alertmanager this morning?",
      count(P_ALERT),
      notes="lines with msg=\"Error sending alert\" (component=notifier) over the whole span, either alertmanager; "
            "the `Alert notification queue full, dropping alerts` warnings are not sends"),
    Q("a13-02", PR, "topk", "which three scrape targets failed the most?",
      topk(lambda r: r.f["target"], 3, P_SCRAPE),
      notes="lines with msg=\"Scrape failed\", grouped by `target` (the scrape URL), whole span"),
    Q("a13-03", PR, "number", "after the restart, how long did the TSDB replay take in total, in seconds?",
      agg("one", lambda r: go_seconds(r.f["total_replay_duration"]), P_REPLAY),
      notes="`total_replay_duration` (a Go duration) of the one `WAL replay completed` line (11:38-11:39); "
            "wal_replay_duration alone is shorter", **SEC),
    Q("a13-04", PR, "time", "when was prometheus ready to serve queries again after it got restarted?",
      when(P_READY, "first", single=True),
      notes="the `Server is ready to receive web requests.` line after the 11:38:14 SIGTERM (the only one)"),
    Q("a13-05", PR, "number", "scrape failures per minute between 10:40 and 10:55",
      rate(P_SCRAPE, "10:40", "10:55", 60), tolerance=0.02,
      notes="msg=\"Scrape failed\" lines of every target in [10:40, 10:55), per minute (the unreachable node "
            "10.0.3.19 plus the chronic and flaky targets)"),
    Q("a13-06", PR, "distinct", "how many different targets had at least one failed scrape?",
      distinct(lambda r: r.f["target"], P_SCRAPE),
      notes="distinct `target` of the msg=\"Scrape failed\" lines over the whole span"),
    Q("a13-07", PR, "number", "how many samples got dropped for being out of order in this time range?",
      agg("sum", lambda r: int(r.f["num_dropped"]), P_OOO, "10:00", "11:00"), window=("10:00", "11:00"),
      notes="window only through --start/--end (10:00-11:00); sum of `num_dropped` of the msg=\"Error on ingesting "
            "out-of-order samples\" lines; the `different value but same timestamp` drops are not out of order"),
    Q("a13-08", PR, "yesno", "did remote write to mimir have to retry failed batches at some point?",
      yes(P_RETRY, r'msg="Failed to send batch, retrying"', ("11:05", "11:20")),
      notes="yes: msg=\"Failed to send batch, retrying\" (component=remote, 503/429 from Mimir) 11:05-11:20; a yes "
            "returning lines must return only those"),
    # ------------------------------------------------------------------ half A: Cassandra
    Q("a13-09", CA, "number", "how many writes coming from other nodes got dropped between 10:05 and 10:20?",
      agg("sum", lambda r: int(C_DROP.match(r.f["msg"]).group(2)), c_drop, "10:05", "10:20"),
      notes="sum of the `N cross node` counts of the `MUTATION_REQ messages were dropped in last 5000 ms` lines in "
            "[10:05, 10:20); internal drops and READ_REQ drops not included"),
    Q("a13-10", CA, "number", "longest garbage collection pause cassandra reported, in ms",
      agg("max", lambda r: int(C_GCIN.match(r.f["msg"]).group(2)), c_gc),
      notes="max of `GC in Nms` over the GCInspector lines (young and old generation, INFO and WARN), whole span",
      **MS),
    Q("a13-11", CA, "time", "what time did this node mark 10.0.4.13 as down?",
      when(lambda r: r.f.get("msg") == "InetAddress /10.0.4.13:7000 is now DOWN", "first", single=True),
      notes="the `InetAddress /10.0.4.13:7000 is now DOWN` line (Gossiper); the `failed to connect` lines start 8 s "
            "earlier and are not the mark"),
    Q("a13-12", CA, "topk", "which two customers' cart reads set off the most tombstone warnings?",
      topk(lambda r: C_TOMB.match(r.f["msg"]).group(1), 2, c_tomb),
      notes="WARN `Read N live rows and M tombstone cells for query SELECT * FROM shop.carts WHERE user_id = '…'` "
            "lines grouped by user_id, whole span (the aborted ERROR queries are not warnings)"),
    Q("a13-13", CA, "count", "how many queries were aborted because they hit too many tombstones?",
      count(c_aborted),
      notes="ERROR `Scanned over 100001 tombstones during query … query aborted` lines, whole span"),
    Q("a13-14", CA, "yesno", "once 10.0.4.13 was back, were the hints stored for it delivered?",
      yes(c_hint13, r"Finished hinted handoff of file \S+ to endpoint /10\.0\.4\.13:7000", ("10:58", "11:05")),
      notes="yes: `Finished hinted handoff of file … to endpoint /10.0.4.13:7000` lines 10:58-11:02 (the one for "
            "10.0.4.14 at 09:41 is another node)"),
    Q("a13-15", CA, "distinct", "how many different tables had memtables flushed to disk?",
      distinct(lambda r: C_FLUSH.match(r.f["msg"]).group(1), lambda r: bool(C_FLUSH.match(r.f.get("msg", "")))),
      notes="distinct keyspace.table of the `Enqueuing flush of <keyspace.table>, Reason: …` lines, system tables "
            "included, whole span"),
    Q("a13-16", CA, "lines", "show me the warnings about oversized partitions",
      lines(c_large, r"Writing large partition ", ("09:00", "12:00")),
      notes="WARN `Writing large partition shop/events:… (N MiB) to sstable …` lines (BigTableWriter)"),
    # ------------------------------------------------------------------ half A: Keycloak
    Q("a13-17", KC, "count", "how many failed user sign-ins were there between 10:20 and 10:35?",
      count(k_ev("LOGIN_ERROR"), "10:20", "10:35"),
      notes="events with type=\"LOGIN_ERROR\" (any error: invalid_user_credentials, user_not_found, "
            "user_temporarily_disabled) in [10:20, 10:35); ci-runner's CLIENT_LOGIN_ERROR is a client, not a user"),
    Q("a13-18", KC, "topk", "which 3 usernames had the most failed logins?",
      topk(lambda r: r.f["ev"]["username"], 3, k_ev("LOGIN_ERROR")),
      notes="type=\"LOGIN_ERROR\" events grouped by `username` inside the message, whole span"),
    Q("a13-19", KC, "distinct", "how many distinct IP addresses had failed logins in this window?",
      distinct(lambda r: r.f["ev"]["ipAddress"], k_ev("LOGIN_ERROR"), "10:20", "10:35"), window=("10:20", "10:35"),
      notes="window only through --start/--end (10:20-10:35); distinct `ipAddress` of the type=\"LOGIN_ERROR\" "
            "events (the two spraying Tor exits and users' own typos)"),
    Q("a13-20", KC, "yesno", "did anybody sign in to the master realm this morning?",
      no(lambda r: r.f.get("ev", {}).get("realmName") == "master", absent=r"master"),
      notes="no: every event is realmName=\"acme\"; no line mentions master"),
    Q("a13-21", KC, "time", "when was the last authentication failure caused by LDAP?",
      when(k_ldap, "last"),
      notes="the latest ERROR `KC-SERVICES0013: Failed authentication` whose exception is ModelException `LDAP Query "
            "failed` (caused by CommunicationException ldap.acme.internal:636); the few KC-SERVICES0013 with an "
            "AuthenticationFlowException are not LDAP"),
    Q("a13-22", KC, "number", "token refreshes per minute after 11:00",
      rate(k_ev("REFRESH_TOKEN"), "11:00", "12:00", 60), tolerance=0.02,
      notes="type=\"REFRESH_TOKEN\" events in [11:00, 12:00), per minute (the restart gap included in the window)"),
    Q("a13-23", KC, "count", "how many times did the ci-runner client fail to authenticate with its secret?",
      count(lambda r: r.f.get("ev", {}).get("type") == "CLIENT_LOGIN_ERROR" and r.f["ev"]["clientId"] == "ci-runner"),
      notes="type=\"CLIENT_LOGIN_ERROR\" events of clientId ci-runner (error invalid_client_credentials), whole span"),
    Q("a13-24", KC, "number", "how many seconds did keycloak need to boot after it was restarted?",
      agg("one", lambda r: float(re.search(r" started in ([\d.]+)s\.", r.f["message"]).group(1)),
          lambda r: r.f.get("loggerName") == "io.quarkus" and " started in " in r.f.get("message", "")),
      notes="the `started in N s` of the io.quarkus `Keycloak 26.0.7 on JVM … started in 17.836s` line (11:42)",
      **SEC),
    # ------------------------------------------------------------------ half B: GitLab
    Q("b13-01", GL, "count", "how many requests failed with a 500 between 10:15 and 10:30?",
      count(lambda r: r.f["status"] == 500, "10:15", "10:30"),
      notes="lines with status 500 in [10:15, 10:30) (GRPC::DeadlineExceeded and any other 500); the 503s "
            "(GRPC::Unavailable) are not 500s"),
    Q("b13-02", GL, "topk", "which 2 controllers threw the most gitaly deadline exceeded errors?",
      topk(lambda r: r.f["controller"], 2, g_deadline),
      notes="lines with exception.class GRPC::DeadlineExceeded grouped by `controller` (not controller#action)"),
    Q("b13-03", GL, "number", "what was the p95 latency of merge request urls after 11:00, in seconds?",
      agg("quantile", lambda r: r.f["duration_s"], lambda r: "/-/merge_requests" in r.f["path"], "11:00", "12:00",
          q=0.95), tolerance=0.02,
      notes="0.95 quantile of `duration_s` of the lines whose path contains `/-/merge_requests` (controllers "
            "Projects::MergeRequestsController and Projects::MergeRequests::DiffsController; the Rack::Timeout 500s "
            "included; /dashboard/merge_requests is not one) in [11:00, 12:00)", **SEC),
    Q("b13-04", GL, "distinct", "how many different signed-in users used gitlab this morning?",
      distinct(lambda r: r.f["username"], lambda r: "username" in r.f),
      notes="distinct `username` over the whole span (build-bot included; the readiness probes have none)"),
    Q("b13-05", GL, "lines", "show me the requests that puma killed for running too long",
      lines(lambda r: r.f.get("exception.class") == "Rack::Timeout::RequestTimeoutException",
            r"Rack::Timeout::RequestTimeoutException", ("11:25", "11:40")),
      notes="lines with exception.class Rack::Timeout::RequestTimeoutException (status 500 after 60 s)"),
    Q("b13-06", GL, "number", "how many requests per second was 34.89.10.7 making between 10:50 and 11:05?",
      rate(lambda r: r.f["remote_ip"] == "34.89.10.7", "10:50", "11:05", 1), tolerance=0.02,
      notes="lines with remote_ip 34.89.10.7 (build-bot) in [10:50, 11:05), per second"),
    Q("b13-07", GL, "yesno", "did build-bot ever get rate limited with a 429?",
      no(lambda r: r.f["status"] == 429, absent=r'"status":429'),
      notes="no: no line has status 429 (build-bot's requests are 200 and 404)"),
    Q("b13-08", GL, "time", "when did the first gitaly deadline exceeded error happen?",
      when(g_deadline, "first"),
      notes="the earliest line with exception.class GRPC::DeadlineExceeded (the GRPC::Unavailable 503s come before "
            "it)"),
    # ------------------------------------------------------------------ half B: CloudTrail
    Q("b13-09", CT, "count", "how many API calls by the legacy-backup user were denied?",
      count(lambda r: r.f["userIdentity"].get("userName") == "legacy-backup" and t_denied(r)),
      notes="records of userIdentity.userName legacy-backup with errorCode AccessDenied, AccessDeniedException or "
            "Client.UnauthorizedOperation (NoSuchBucketPolicy is not a denial), whole span"),
    Q("b13-10", CT, "distinct", "how many different AWS regions did 45.142.120.19 make calls in?",
      distinct(lambda r: r.f["awsRegion"], lambda r: r.f["sourceIPAddress"] == "45.142.120.19"),
      notes="distinct awsRegion of the records with sourceIPAddress 45.142.120.19"),
    Q("b13-11", CT, "time", "when was ssh opened to the whole internet?",
      when(t_world_ssh, "first", single=True),
      notes="the AuthorizeSecurityGroupIngress record whose ipPermissions allow port 22 from 0.0.0.0/0 (bob, "
            "sg-0b7e4f2a9c1d36e85); the 09:40 rule is 443 from 10.0.0.0/16"),
    Q("b13-12", CT, "topk", "which two api operations got throttled the most?",
      topk(lambda r: r.f["eventName"], 2, t_throttled),
      notes="records with errorCode Client.RequestLimitExceeded, ThrottlingException or Throttling, grouped by "
            "eventName, whole span"),
    Q("b13-13", CT, "yesno", "did anyone try to log in as root?",
      yes(t_root_login, r'"type":"Root".*"eventName":"ConsoleLogin"', ("11:44", "11:50")),
      notes="yes: ConsoleLogin records with userIdentity.type Root (failures from 198.51.100.73, 11:44-11:49)"),
    Q("b13-14", CT, "yesno", "was cloudtrail logging stopped, or the trail deleted or changed?",
      no(lambda r: r.f["eventName"] in ("StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors"),
         absent=r'"eventName":"(StopLogging|DeleteTrail|UpdateTrail|PutEventSelectors)"'),
      notes="no: no StopLogging, DeleteTrail, UpdateTrail or PutEventSelectors record"),
    Q("b13-15", CT, "number", "throttled API calls per minute between 11:15 and 11:30",
      rate(t_throttled, "11:15", "11:30", 60), tolerance=0.02,
      notes="records with errorCode Client.RequestLimitExceeded, ThrottlingException or Throttling in "
            "[11:15, 11:30), per minute"),
    Q("b13-16", CT, "count", "how many api calls came from 45.142.120.19 in this time range?",
      count(lambda r: r.f["sourceIPAddress"] == "45.142.120.19", "10:10", "10:20"), window=("10:10", "10:20"),
      notes="window only through --start/--end (10:10-10:20); records with sourceIPAddress 45.142.120.19, denied "
            "or not"),
    # ------------------------------------------------------------------ half B: JVM GC log
    Q("b13-17", GC, "count", "how many full GCs did the orders JVM do?",
      count(j_pause("Full")),
      notes="one per collection: the `Pause Full (G1 Compaction Pause) A->B(C) Nms` summary lines (tag gc); the "
            "gc,start lines announcing each one are not counted again"),
    Q("b13-18", GC, "number", "longest GC pause in ms",
      agg("max", lambda r: r.f["ms"], j_pause()),
      notes="max of the duration of the `Pause …` summary lines (Young, Full, Remark, Cleanup), whole span; a "
            "`Concurrent Mark Cycle N ms` is not a pause", **MS),
    Q("b13-19", GC, "number", "average young-collection pause in this window, in ms",
      agg("avg", lambda r: r.f["ms"], j_pause("Young"), "09:00", "10:00"), tolerance=0.02, window=("09:00", "10:00"),
      notes="window only through --start/--end (09:00-10:00); mean duration of the `Pause Young (…)` summary lines "
            "(Normal, Concurrent Start, Prepare Mixed, Mixed)", **MS),
    Q("b13-20", GC, "time", "when did the JVM come back after it died?",
      when(lambda r: r.f["text"] == "Using G1", "first", single=True),
      notes="the `Using G1` line, the first of the new JVM (uptime 0.005s, GC ids from 0), 31 s after the 10:49:27 "
            "heap-at-exit lines"),
    Q("b13-21", GC, "number", "highest heap occupancy left after a full GC, in MB",
      agg("max", lambda r: r.f["after"], j_pause("Full")),
      notes="max of the heap after collection (B of `A->B(C)`, the JVM's M) of the Pause Full summary lines; MiB "
            "written as MB, also accepted in decimal MB and in bytes", **MIB),
    Q("b13-22", GC, "number", "humongous-allocation GCs per minute between 11:20 and 11:35",
      rate(lambda r: r.f.get("cause") == "G1 Humongous Allocation", "11:20", "11:35", 60), tolerance=0.02,
      notes="`Pause Young (Concurrent Start) (G1 Humongous Allocation)` summary lines in [11:20, 11:35), one per GC "
            "(not the gc,start lines), per minute"),
    Q("b13-23", GC, "yesno", "any evacuation failures (to-space exhausted) in the GC log?",
      yes(lambda r: r.f["text"].endswith(") To-space exhausted"), r"To-space exhausted", ("10:30", "10:50")),
      notes="yes: the `GC(N) To-space exhausted` lines, 10:43-10:49, each before a full GC"),
    Q("b13-24", GC, "number", "total time the JVM spent paused in GC between 10:30 and 10:50, in seconds",
      agg("sum", lambda r: r.f["ms"] / 1000, j_pause(), "10:30", "10:50"), tolerance=0.001,
      notes="sum of the durations of the `Pause …` summary lines (Young, Full, Remark, Cleanup) in [10:30, 10:50), "
            "in seconds; concurrent mark time is not a pause", **SEC),
]

# --------------------------------------------------------------------------- build


def generated(data: Path) -> dict:
    manifest = data / f"manifest_{SET}.json"
    if not manifest.exists() or not all((data / f).exists() for f in PARSERS):
        subprocess.run([sys.executable, str(HERE / "gen_logs13.py"), str(data)], check=True, stdout=subprocess.DEVNULL)
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
            raise SystemExit(f"{f['file']}: differs from its manifest (regenerate with gen_logs13.py)")
        files["files"].append({"file": f["file"], "shape": f["shape"], "labels": f["labels"],
                               "lines": raw.count(b"\n"), "sha256": sha})
    for name, rs in recs.items():   # no line on a whole minute; sub-second times never .000; in the span
        for r in rs:
            if r.head:
                assert hm("09:00") < r.ms < hm("12:00"), f"{name}: outside the span: {r.line[:80]}"
                assert r.ms % 60_000, f"{name}: a line on a minute boundary: {r.line[:80]}"
                assert name == CT or r.ms % 1000, f"{name}: a sub-second time on a whole second: {r.line[:80]}"
        heads = [r.ms for r in rs if r.head]
        assert heads == sorted(heads), f"{name}: lines out of time order"
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
