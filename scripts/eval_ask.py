#!/usr/bin/env python3
"""Evaluate the LLM-free `askloki ask` on the six Loghub 2k samples.

    scripts/eval_ask.py [--loghub DIR] [--bin PATH] [--only DATASET] [-k TEXT]
                        [--json OUT] [--list] [-v]

Every question is phrased the way a reviewer would ask it; its expected answer is
computed here, at run time, from the ground truth (`<Name>_2k.log_structured.csv`:
Content, EventId, EventTemplate and the per-dataset columns). No Loghub data is
copied into the repository. Each question runs `askloki ask --data FILE --json`
with a fresh `$ASKLOKI_CACHE_DIR`, and is scored from the JSON's `result` (Loki's
data block); whether the expected number also appears in `answer` is recorded.

Intents: count, exists, show, first, last, topk, distinct, rate, errors, aggregate.
Python 3.11, standard library only.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from statistics import mean

REPO = Path(__file__).resolve().parent.parent
TIMEOUT_S = 20
MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}

# A line is "error-ish" when its level says so or its template uses words like these.
ERROR_LEVELS = {"WARN", "WARNING", "ERROR", "FATAL", "SEVERE", "FAILURE", "CRITICAL"}
ERROR_WORDS = re.compile(
    r"(?i)\b(errors?|fail\w*|exceptions?(?! support)|fatal|panic|denied|invalid|abnormally|refused|"
    r"timed out|timeout|unknown|abort|break-in|couldn't|cannot|can't|too many|severed|"
    r"reset by peer|not connected|did not receive)\b"
)

# --------------------------------------------------------------------------- ground truth


@dataclass(eq=False)
class Row:
    idx: int  # 0-based line number in the .log file
    line: str  # the raw log line
    content: str
    event: str
    template: str
    fields: dict[str, str]
    key: object  # sortable timestamp from the structured columns


class Truth:
    """One Loghub sample: its raw lines joined with the structured ground truth."""

    KEYS = {
        "HDFS": lambda f: (int(f["Date"]), int(f["Time"])),
        "OpenSSH": lambda f: (MONTHS[f["Date"]], int(f["Day"]), f["Time"]),
        "OpenStack": lambda f: (f["Date"], f["Time"]),
        "BGL": lambda f: int(f["Timestamp"]),
        "Apache": lambda f: datetime.strptime(f["Time"], "%a %b %d %H:%M:%S %Y"),
        "Linux": lambda f: (MONTHS[f["Month"]], int(f["Date"]), f["Time"]),
    }

    def __init__(self, name: str, loghub: Path):
        self.name = name
        self.log = loghub / name / f"{name}_2k.log"
        csv_path = loghub / name / f"{name}_2k.log_structured.csv"
        raw = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        with open(csv_path, newline="", encoding="utf-8", errors="replace") as fh:
            records = list(csv.DictReader(fh))
        if len(raw) != len(records):
            raise SystemExit(f"{name}: {len(raw)} log lines but {len(records)} structured rows")
        key = self.KEYS[name]
        self.rows = [
            Row(i, line.rstrip("\r\n"), rec["Content"].strip(), rec["EventId"],
                rec["EventTemplate"], rec, key(rec))
            for i, (line, rec) in enumerate(zip(raw, records))
        ]
        self.by_line: dict[str, list[Row]] = {}
        for r in self.rows:
            self.by_line.setdefault(r.line.rstrip(), []).append(r)

    # selections
    def ev(self, *ids: str) -> list[Row]:
        return [r for r in self.rows if r.event in ids]

    def grep(self, pattern: str, rows: list[Row] | None = None) -> list[Row]:
        rx = re.compile(pattern)
        return [r for r in (self.rows if rows is None else rows) if rx.search(r.content)]

    def where(self, column: str, *values: str) -> list[Row]:
        return [r for r in self.rows if r.fields.get(column) in values]

    @staticmethod
    def params(rows: list[Row], pattern: str) -> list[str]:
        """The first group of `pattern` in each row's Content (rows without a match skipped)."""
        rx = re.compile(pattern)
        return [m.group(1) for r in rows if (m := rx.search(r.content))]

    def errorish(self) -> list[Row]:
        return [r for r in self.rows
                if r.fields.get("Level", "").upper() in ERROR_LEVELS or ERROR_WORDS.search(r.template)]

    def rows_for(self, line: str) -> list[Row]:
        """The ground-truth rows a returned line is (exact line, else by Content)."""
        hit = self.by_line.get(line.rstrip())
        if hit:
            return hit
        return [r for r in self.rows if r.content and r.content in line]


# --------------------------------------------------------------------------- reading results


def stream_lines(result: dict) -> list[tuple[int, str]]:
    if result.get("resultType") != "streams":
        return []
    return [(int(ts), line) for s in result.get("result", []) for ts, line, *_ in s.get("values", [])]


def series_totals(result: dict) -> list[tuple[dict, float]]:
    """(labels, value) per vector sample, or (labels, sum of points) per matrix series."""
    rt, res = result.get("resultType"), result.get("result", [])
    if rt == "vector":
        return [(s.get("metric", {}), float(s["value"][1])) for s in res]
    if rt == "matrix":
        return [(s.get("metric", {}), sum(float(v) for _, v in s.get("values", []))) for s in res]
    return []


def single_number(result: dict, total: bool = False) -> tuple[float | None, str]:
    """The one number a metric result gives: a scalar, a single sample, or (total) a sum."""
    rt, res = result.get("resultType"), result.get("result", [])
    if rt == "scalar":
        return float(res[1]), ""
    if rt == "vector":
        if not res:
            return 0.0, "empty vector"
        if len(res) == 1:
            return float(res[0]["value"][1]), ""
        if total:
            return sum(float(s["value"][1]) for s in res), f"sum of {len(res)} samples"
        return None, f"{len(res)} samples"
    if rt == "matrix":
        points = [float(v) for s in res for _, v in s.get("values", [])]
        if len(points) == 1:
            return points[0], "one matrix point"
        return None, f"matrix of {len(res)} series"
    return None, f"{rt} result"


def label_candidates(series: list[tuple[dict, float]], top: dict) -> list[str]:
    """The label values naming the top sample; labels equal across all samples are ignored."""
    vals = [v for v in top.values() if v != ""]
    if len(series) > 1:
        vals = [v for k, v in top.items() if v != "" and len({s[0].get(k) for s in series}) > 1]
    return vals


def norm(value: str) -> str:
    v = value.strip().strip("[]()/,;'\"")
    m = re.fullmatch(r"(\d+\.\d+\.\d+\.\d+):\d+", v)
    return m.group(1) if m else v


def numbers_in(text: str) -> list[float]:
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?", text)]


def close(a: float, b: float, rel: float) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-9)


def fmt_num(x: float | None) -> str:
    if x is None:
        return "-"
    return str(int(x)) if float(x).is_integer() else f"{x:.6g}"


def log_selector(logql: str) -> str | None:
    """The log query inside a metric query (`{...} |= ... | pattern ...`, without `| unwrap`)."""
    start = logql.find("{")
    if start <= 0:
        return None
    depth, quote, cuts, i = 0, None, [], start
    while i < len(logql):
        c = logql[i]
        if quote:
            if c == "\\" and quote == '"':
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"`":
            quote = c
        elif c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                break
            depth -= 1
        elif c == "[" and depth == 0:
            break
        elif c == "|" and re.match(r"\|\s*unwrap\b", logql[i:]):
            cuts.append(i)
        i += 1
    return logql[start:cuts[0] if cuts else i].strip()


# --------------------------------------------------------------------------- questions


@dataclass
class Question:
    dataset: str
    intent: str
    text: str
    truth: Truth = field(repr=False)
    number: float | None = None  # count, distinct, rate, aggregate
    accept: tuple[float, ...] = ()  # other readings of an ambiguous question
    rel: float = 0.0  # relative tolerance for numbers
    total: bool = False  # the question asks for a total: a vector's samples may be summed
    yes: bool | None = None  # exists
    rows: set[int] = field(default_factory=set)  # the event's lines; first/last: its earliest/latest
    top: dict[str, int] = field(default_factory=dict)  # topk: every value with its count

    def expected(self) -> str:
        if self.intent == "exists":
            return "yes" if self.yes else "no"
        if self.intent == "topk":
            best = max(self.top.values())
            return " | ".join(f"{v} ({n})" for v, n in self.top.items() if n == best)
        if self.intent in ("show", "errors"):
            return f"lines of {len(self.rows)} truth rows"
        if self.intent in ("first", "last"):
            r = self.truth.rows[min(self.rows)]
            return r.content[:90]
        alts = "".join(f" or {fmt_num(a)}" for a in self.accept)
        return fmt_num(self.number) + alts

    def top_values(self) -> set[str]:
        best = max(self.top.values())
        return {norm(v) for v, n in self.top.items() if n == best}

    def check(self, out: dict) -> tuple[bool, str]:
        """Whether `out` (ask's JSON) answers the question, and what it gave."""
        result = out.get("result") or {}
        return getattr(self, f"_check_{self.intent}")(result, out.get("logql", ""))

    def _number_ok(self, got: float | None) -> bool:
        return got is not None and any(close(got, e, self.rel) for e in (self.number, *self.accept))

    def _check_count(self, result, _logql):
        got, note = single_number(result, self.total)
        return self._number_ok(got), fmt_num(got) + (f" ({note})" if note else "")

    _check_aggregate = _check_count

    def _check_distinct(self, result, logql):
        got, note = single_number(result)
        if got is None and result.get("resultType") == "vector" and "topk" not in logql:
            got, note = float(len(result["result"])), "number of series"
        return self._number_ok(got), fmt_num(got) + (f" ({note})" if note else "")

    def _check_rate(self, result, logql):
        if result.get("resultType") != "matrix":
            return False, f"{result.get('resultType')} result, not a matrix"
        got = sum(v for _, v in series_totals(result))
        m = re.search(r"\brate\(.*\[(\d+)s\]", logql)
        if m:  # per-second rates: scale back to counts
            got *= int(m.group(1))
        ok = any(abs(got - e) <= max(0.01 * e, 0.5) for e in (self.number, *self.accept))
        return ok, f"sum {fmt_num(got)} over {len(result['result'])} series"

    def _check_exists(self, result, _logql):
        lines = stream_lines(result)
        if result.get("resultType") == "streams":
            said = bool(lines)
            wrong = [ln for _, ln in lines if not {r.idx for r in self.truth.rows_for(ln)} & self.rows]
            if said and self.yes and wrong:
                return False, f"yes, but {len(wrong)}/{len(lines)} lines are not the event: {wrong[0][:80]}"
        else:
            got, note = single_number(result, total=True)
            if got is None:
                return False, note
            said = got > 0
        return said == self.yes, "yes" if said else "no"

    def _check_show(self, result, _logql):
        lines = stream_lines(result)
        if not lines:
            return False, f"no lines ({result.get('resultType')})"
        bad = [ln for _, ln in lines if not {r.idx for r in self.truth.rows_for(ln)} & self.rows]
        if bad:
            return False, f"{len(bad)}/{len(lines)} lines not expected, e.g. {bad[0][:90]}"
        return True, f"{len(lines)} lines"

    _check_errors = _check_show

    def _check_extreme(self, result, latest: bool):
        lines = stream_lines(result)
        if not lines:
            return False, f"no lines ({result.get('resultType')})"
        pick = max(lines, key=lambda x: x[0]) if latest else min(lines, key=lambda x: x[0])
        ok = bool({r.idx for r in self.truth.rows_for(pick[1])} & self.rows)
        return ok, pick[1][:110]

    def _check_first(self, result, _logql):
        return self._check_extreme(result, latest=False)

    def _check_last(self, result, _logql):
        return self._check_extreme(result, latest=True)

    def _check_topk(self, result, _logql):
        series = series_totals(result)
        if not series:
            return False, f"no series ({result.get('resultType')})"
        labels, value = max(series, key=lambda s: s[1])  # first of ties, in result order
        cands = [norm(v) for v in label_candidates(series, labels)]
        ok = bool(set(cands) & self.top_values())
        return ok, f"{'/'.join(cands) or 'no label'} ({fmt_num(value)}; {len(series)} series)"

    def in_answer(self, answer: str) -> bool | None:
        """Whether the expected value is stated in the answer text (None: not applicable)."""
        if self.number is not None:
            return any(self._number_ok(x) for x in numbers_in(answer))
        if self.top:
            return any(v in answer for v in self.top_values())
        if self.intent in ("first", "last"):
            return any(self.truth.rows[i].content[:50] in answer for i in self.rows)
        return None


# Builders: one per intent, turning ground-truth rows into a Question.

def count(t: Truth, text: str, rows: list[Row], accept=(), total=False, event=None) -> Question:
    """`event`: every line of the event, when `rows` is narrower (a time window)."""
    alts = tuple(a for a in accept if a != len(rows))
    return Question(t.name, "count", text, t, number=len(rows), accept=alts, total=total,
                    rows={r.idx for r in (event or rows)})


def exists(t: Truth, text: str, rows: list[Row]) -> Question:
    return Question(t.name, "exists", text, t, yes=bool(rows), rows={r.idx for r in rows})


def show(t: Truth, text: str, rows: list[Row]) -> Question:
    assert rows, text
    return Question(t.name, "show", text, t, rows={r.idx for r in rows})


def errors(t: Truth, text: str) -> Question:
    return Question(t.name, "errors", text, t, rows={r.idx for r in t.errorish()})


def first(t: Truth, text: str, rows: list[Row], latest=False) -> Question:
    assert rows, text
    edge = (max if latest else min)(r.key for r in rows)
    return Question(t.name, "last" if latest else "first", text, t,
                    rows={r.idx for r in rows if r.key == edge})


def last(t: Truth, text: str, rows: list[Row]) -> Question:
    return first(t, text, rows, latest=True)


def topk(t: Truth, text: str, values: list[str]) -> Question:
    assert values, text
    return Question(t.name, "topk", text, t, top=dict(Counter(values)))


def distinct(t: Truth, text: str, values: list[str]) -> Question:
    return Question(t.name, "distinct", text, t, number=len(set(values)))


def rate(t: Truth, text: str, rows: list[Row], accept=(), event=None) -> Question:
    return Question(t.name, "rate", text, t, number=len(rows), accept=tuple(a for a in accept if a != len(rows)),
                    rows={r.idx for r in (event or rows)})


def aggregate(t: Truth, text: str, values: list[float], how, rel=1e-4) -> Question:
    assert values, text
    return Question(t.name, "aggregate", text, t, number=how(values), rel=rel)


IP = r"(\d+\.\d+\.\d+\.\d+)"


def openssh(t: Truth) -> list[Question]:
    failed = t.grep(r"^Failed password for ")
    any_failed = t.grep(r"Failed password")  # also the "message repeated" lines
    invalid = t.grep(r"^Invalid user ")
    in_hour = [r for r in failed if "08:00:00" <= r.fields["Time"] < "09:00:00"]
    in_hour_incl = [r for r in failed if "08:00:00" <= r.fields["Time"] <= "09:00:00"]
    root_failed = t.grep(r"^Failed password for root ")
    return [
        count(t, "How many failed password attempts were there?", failed, accept=[len(any_failed)],
              event=any_failed),
        count(t, "How many 'Invalid user' messages are there?", invalid),
        count(t, "How often was a connection closed by the client before authenticating?",
              t.grep(r"^Connection closed by .*\[preauth\]")),
        count(t, "How many POSSIBLE BREAK-IN ATTEMPT warnings were logged?", t.grep("POSSIBLE BREAK-IN ATTEMPT")),
        count(t, "How many times did a client disconnect saying 'Bye Bye'?", t.grep(r"Bye Bye")),
        count(t, "How many failed password attempts were there between 08:00 and 09:00?", in_hour,
              accept=[len(in_hour_incl)], event=any_failed),
        exists(t, "Did anyone log in successfully with a password?", t.grep(r"^Accepted password for")),
        exists(t, "Were there any successful public key logins?", t.grep(r"^Accepted publickey")),
        topk(t, "Which IP address had the most failed password attempts?",
             t.params(failed, rf"from {IP} port")),
        topk(t, "Which username was tried most often by invalid users?", t.params(invalid, r"^Invalid user (\S+)")),
        topk(t, "Which account had the most failed password attempts?",
             t.params(failed, r"^Failed password for (?:invalid user )?(\S+) from")),
        distinct(t, "How many distinct IP addresses had failed password attempts?",
                 t.params(failed, rf"from {IP} port")),
        distinct(t, "How many different usernames were tried in invalid user attempts?",
                 t.params(invalid, r"^Invalid user (\S+)")),
        first(t, "When did we first see 'Did not receive identification string'?",
              t.grep(r"^Did not receive identification string")),
        last(t, "Show me the last failed password attempt for root.", root_failed),
        show(t, "Show me the 'Too many authentication failures' disconnects.",
             t.grep(r"Too many authentication failures")),
        show(t, "Show me the possible break-in attempts.", t.grep("POSSIBLE BREAK-IN ATTEMPT")),
        rate(t, "How did the number of failed password attempts change over time?", failed,
             accept=[len(any_failed)], event=any_failed),
        errors(t, "What errors occurred?"),
    ]


def hdfs(t: Truth) -> list[Question]:
    received = t.grep(r"^Received block \S+ (?:src: .* )?of size \d+")
    served = t.grep(r"Served block ")
    exc = t.grep(r"Got exception while serving")
    deleting = t.grep(r"^Deleting block ")
    warn = t.where("Level", "WARN")
    return [
        count(t, "How many 'Received block' messages are there?", received),
        count(t, "How many times was a block served to a client?", served),
        count(t, "How many times did a datanode delete a block file?", deleting),
        count(t, "How many exceptions occurred while serving blocks?", exc),
        count(t, "How many WARN messages are in the log?", warn),
        exists(t, "Were there any ERROR level messages?", t.where("Level", "ERROR", "FATAL")),
        exists(t, "Did any block verification succeed?", t.grep(r"^Verification succeeded")),
        exists(t, "Were any blocks replicated to another datanode?", t.grep(r"to replicate blk_")),
        topk(t, "Which datanode stored the most blocks?", t.params(t.grep(r"addStoredBlock"), rf"updated: {IP}:")),
        topk(t, "Which datanode had the most exceptions while serving blocks?",
             t.params(exc, rf"^{IP}:\d+:Got exception")),
        topk(t, "Which component logged the most warnings?", [r.fields["Component"] for r in warn]),
        distinct(t, "How many distinct datanodes served blocks?", t.params(served, rf"^{IP}:\d+ Served block")),
        distinct(t, "How many unique blocks were deleted?", t.params(deleting, r"^Deleting block (blk_-?\d+)")),
        first(t, "When was the first block verification?", t.grep(r"^Verification succeeded")),
        last(t, "When was the last block allocated?", t.grep(r"NameSystem\.allocateBlock")),
        show(t, "Show me the exceptions thrown while serving blocks.", exc),
        rate(t, "How did the number of served blocks change over time?", served),
        aggregate(t, "What is the total size in bytes of all received blocks?",
                  [int(x) for x in t.params(received, r"of size (\d+)")], sum),
        aggregate(t, "What's the average size of the blocks added to the blockMap?",
                  [int(x) for x in t.params(t.grep(r"addStoredBlock"), r" size (\d+)$")], mean, rel=1e-3),
        aggregate(t, "What is the largest block size that was received?",
                  [int(x) for x in t.params(received, r"of size (\d+)")], max),
        errors(t, "What errors occurred?"),
    ]


def openstack(t: Truth) -> list[Question]:
    gets = t.grep(r'"GET \S+ HTTP')
    posts = t.grep(r'"POST \S+ HTTP')
    requests = t.grep(r'"(?:GET|POST|DELETE|PUT) \S+ HTTP')
    warnings = t.where("Level", "WARNING")
    spawned = t.grep(r"Instance spawned successfully")
    return [
        count(t, "How many GET requests were served?", gets),
        count(t, "How many instances were spawned successfully?", spawned),
        count(t, "How many times was an instance terminated?", t.grep(r"Terminating instance")),
        count(t, "How many DELETE requests were made?", t.grep(r'"DELETE \S+ HTTP')),
        count(t, "How many API requests were made in total?", requests, total=True),
        count(t, "How many warnings were logged?", warnings),
        count(t, "How many requests returned status 404?", t.grep(r"status: 404\b", requests)),
        exists(t, "Were there any ERROR messages?", t.where("Level", "ERROR", "CRITICAL")),
        exists(t, "Did the instance sync for any host fail to match?", t.grep(r"did not match")),
        topk(t, "Which HTTP status code was returned most often?", t.params(requests, r"status: (\d+)")),
        topk(t, "Which component logged the most warnings?", [r.fields["Component"] for r in warnings]),
        topk(t, "Which client IP made the most API requests?", t.params(requests, rf'^{IP} "')),
        distinct(t, "How many distinct instances were spawned?",
                 t.params(spawned, r"\[instance: ([0-9a-f-]+)\]")),
        aggregate(t, "What is the average response time of GET requests?",
                  [float(x) for x in t.params(gets, r"time: ([\d.]+)")], mean, rel=1e-3),
        aggregate(t, "What was the longest response time of any GET request?",
                  [float(x) for x in t.params(gets, r"time: ([\d.]+)")], max),
        aggregate(t, "On average, how many seconds did it take to spawn an instance on the hypervisor?",
                  [float(x) for x in t.params(t.grep(r"to spawn the instance"), r"Took ([\d.]+) seconds")],
                  mean, rel=1e-3),
        aggregate(t, "How many bytes in total did the POST responses return (len)?",
                  [int(x) for x in t.params(posts, r"len: (\d+)")], sum),
        first(t, "When was the first instance terminated?", t.grep(r"Terminating instance")),
        last(t, "When was a VM last paused?", t.grep(r"VM Paused")),
        show(t, "Show me the 'HTTP exception thrown' logs.", t.grep(r"HTTP exception thrown")),
        rate(t, "How did the GET request rate change over time?", gets),
        errors(t, "What errors happened?"),
    ]


def bgl(t: Truth) -> list[Question]:
    fatal = t.where("Level", "FATAL")
    lustre = t.grep(r"Lustre mount FAILED")
    fp = t.grep(r"^\d+ floating point alignment exceptions")
    hummer = t.grep(r"^\d+ double-hummer alignment exceptions")
    return [
        count(t, "How many FATAL events were logged?", fatal),
        count(t, "How many instruction cache parity errors were corrected?",
              t.grep(r"instruction cache parity error corrected")),
        count(t, "How many 'data TLB error interrupt' messages are there?", t.grep(r"data TLB error interrupt")),
        count(t, "How many times did the kernel log 'generating core'?", t.grep(r"^generating core")),
        count(t, "How many double-hummer alignment exception messages were there?", hummer),
        count(t, "How many Lustre mount failures occurred?", lustre),
        exists(t, "Were there any kernel panics?", t.grep(r"(?i)panic")),
        exists(t, "Did any node report a machine check?", t.grep(r"(?i)machine check")),
        exists(t, "Were there any out of memory errors?", t.grep(r"(?i)out of memory")),
        topk(t, "Which node logged the most FATAL messages?", [r.fields["Node"] for r in fatal]),
        topk(t, "Which component had the most ERROR-level messages?",
             [r.fields["Component"] for r in t.where("Level", "ERROR")]),
        topk(t, "Which node had the most instruction cache parity errors?",
             [r.fields["Node"] for r in t.grep(r"instruction cache parity error")]),
        distinct(t, "How many distinct nodes reported FATAL events?", [r.fields["Node"] for r in fatal]),
        first(t, "When was the first ciod error loading a program?", t.grep(r"^ciod: Error loading")),
        last(t, "What was the last Lustre mount failure?", lustre),
        show(t, "Show me the ciod LOGIN chdir failures.", t.grep(r"^ciod: LOGIN chdir\(.*\) failed")),
        rate(t, "How did the number of FATAL messages change over time?", fatal),
        aggregate(t, "Adding up the counts in the messages, how many floating point alignment exceptions "
                     "were reported in total?", [int(x) for x in t.params(fp, r"^(\d+) ")], sum),
        aggregate(t, "What is the largest number of double-hummer alignment exceptions reported in one message?",
                  [int(x) for x in t.params(hummer, r"^(\d+) ")], max),
        errors(t, "What errors occurred?"),
    ]


def apache(t: Truth) -> list[Question]:
    error_state = t.grep(r"mod_jk child workerEnv in error state")
    forbidden = t.grep(r"Directory index forbidden by rule")
    found = t.grep(r"jk2_init\(\) Found child")
    cant_find = t.grep(r"jk2_init\(\) Can't find child")
    return [
        count(t, "How many times did mod_jk report workerEnv in an error state?", error_state),
        count(t, "How many error-level entries are there?", t.where("Level", "error")),
        count(t, "How many times was a directory index forbidden by rule?", forbidden),
        count(t, "How many times could jk2_init not find a child in the scoreboard?", cant_find),
        count(t, "How many notice messages are in the log?", t.where("Level", "notice")),
        exists(t, "Were there any directory index forbidden errors?", forbidden),
        exists(t, "Did the server ever report a segmentation fault?", t.grep(r"(?i)segmentation fault")),
        exists(t, "Were there any 'File does not exist' errors?", t.grep(r"File does not exist")),
        topk(t, "Which log level appears most often?", [r.fields["Level"] for r in t.rows]),
        topk(t, "In which scoreboard slot did jk2_init find children most often?",
             t.params(found, r"scoreboard slot (\d+)")),
        topk(t, "What is the most common workerEnv error state?", t.params(error_state, r"error state (\d+)")),
        distinct(t, "How many different client IPs hit the directory index forbidden rule?",
                 t.params(forbidden, rf"\[client {IP}\]")),
        first(t, "When was the first 'Directory index forbidden' error?", forbidden),
        last(t, "When did the last 'Can't find child' message appear?", cant_find),
        show(t, "Show me the mod_jk child init messages.", t.grep(r"^mod_jk child init")),
        rate(t, "How did the number of workerEnv error state messages change over time?", error_state),
        aggregate(t, "What is the highest child process id that jk2_init found in the scoreboard?",
                  [int(x) for x in t.params(found, r"Found child (\d+)")], max),
        errors(t, "What errors occurred?"),
    ]


def linux(t: Truth) -> list[Question]:
    auth_fail = t.grep(r"authentication failure;")
    ssh_fail = [r for r in auth_fail if "tty=NODEVssh" in r.content]
    ftp = t.grep(rf"^connection from {IP} ")
    sessions = t.grep(r"^session opened for user ")
    kerberos = t.grep(r"Kerberos authentication failed")
    return [
        count(t, "How many lines say 'authentication failure'?", auth_fail),
        count(t, "How many sessions were opened for user cyrus?", t.grep(r"user cyrus ", sessions)),
        count(t, "How many FTP connections were there?", ftp),
        count(t, "How many times did the ALERT process exit abnormally?", t.grep(r"ALERT exited abnormally")),
        count(t, "How many Kerberos authentication failures occurred?", kerberos),
        exists(t, "Did anyone log in as root on the console?",
               t.grep(r"ROOT LOGIN ON tty|session opened for user root by LOGIN")),
        exists(t, "Were there any anonymous FTP logins?", t.grep(r"ANONYMOUS FTP LOGIN")),
        exists(t, "Were there any kernel panics?", t.grep(r"(?i)kernel panic")),
        topk(t, "Which remote host had the most SSH authentication failures?",
             t.params(ssh_fail, r"rhost=(\S+)")),
        topk(t, "Which user was targeted most in authentication failures?",
             t.params(auth_fail, r"\buser=(\S+)")),
        topk(t, "Which IP address connected to the FTP server most often?", t.params(ftp, rf"^connection from {IP}")),
        topk(t, "Which user had the most sessions opened?", t.params(sessions, r"for user (\S+)")),
        topk(t, "Which program logged the most messages?",
             [re.sub(r"\(.*|\s.*", "", r.fields["Component"]) for r in t.rows]),
        distinct(t, "How many distinct IP addresses connected to the FTP server?",
                 t.params(ftp, rf"^connection from {IP}")),
        first(t, "When was the first session opened for user test?", t.grep(r"user test ", sessions)),
        first(t, "When did cupsd first shut down?", t.grep(r"cupsd shutdown succeeded")),
        last(t, "When was the last Kerberos authentication failure?", kerberos),
        show(t, "Show me the logs where ALERT exited abnormally.", t.grep(r"ALERT exited abnormally")),
        rate(t, "How did the number of FTP connections change over time?", ftp),
        errors(t, "What errors occurred?"),
    ]


DATASETS = {"HDFS": hdfs, "OpenSSH": openssh, "OpenStack": openstack, "BGL": bgl,
            "Apache": apache, "Linux": linux}
INTENTS = ["count", "exists", "show", "first", "last", "topk", "distinct", "rate", "errors", "aggregate"]

# --------------------------------------------------------------------------- running


@dataclass
class Outcome:
    q: Question
    ok: bool
    got: str
    logql: str = ""
    answer: str = ""
    in_answer: bool | None = None
    error: str = ""
    attempts: int = 0


def ask(binary: str, q: Question, env: dict) -> Outcome:
    cmd = [binary, "ask", "--data", str(q.truth.log), "--json", q.text]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S, env=env)
    except subprocess.TimeoutExpired:
        return Outcome(q, False, "timeout", error=f"no answer in {TIMEOUT_S} s")
    if p.returncode != 0:
        err = p.stderr.strip().splitlines()
        return Outcome(q, False, f"exit {p.returncode}", error=err[-1] if err else "")
    try:
        out = json.loads(p.stdout)
    except json.JSONDecodeError as e:
        return Outcome(q, False, "bad JSON", error=str(e))
    try:
        ok, got = q.check(out)
    except (KeyError, IndexError, TypeError, ValueError) as e:
        ok, got = False, f"unreadable result: {e!r}"
    if ok and q.intent in ("count", "rate", "exists") and q.rows:
        stray = stray_lines(binary, q, out, env)
        if stray:
            ok, got = False, f"{got}, but the query also selects other lines, e.g. {stray[:90]}"
    answer = out.get("answer") or ""
    return Outcome(q, ok, got, out.get("logql") or "", answer, q.in_answer(answer),
                   attempts=len(out.get("attempts") or []))


def stray_lines(binary: str, q: Question, out: dict, env: dict) -> str | None:
    """A line the metric query's log selection keeps that is not the event's (a right number
    from the wrong lines is a coincidence), or None."""
    if (out.get("result") or {}).get("resultType") == "streams":
        return None  # the check already looked at the lines
    selector = log_selector(out.get("logql") or "")
    if not selector:
        return None
    cmd = [binary, "logql", "query", "--data", str(q.truth.log), "--limit", "5000", selector]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S, env=env)
        lines = stream_lines(json.loads(p.stdout)["data"])
    except (subprocess.TimeoutExpired, json.JSONDecodeError, KeyError):
        return None
    return next((ln for _, ln in lines if not {r.idx for r in q.truth.rows_for(ln)} & q.rows), None)


def pct(ok: int, n: int) -> str:
    return f"{ok:3d}/{n:<3d} {100 * ok / n:5.1f}%" if n else "  -"


def report(outcomes: list[Outcome]) -> None:
    def table(title: str, keyf, keys):
        print(f"\n{title:<12} accuracy")
        for k in keys:
            sel = [o for o in outcomes if keyf(o) == k]
            if sel:
                print(f"  {k:<10} {pct(sum(o.ok for o in sel), len(sel))}")

    table("dataset", lambda o: o.q.dataset, DATASETS)
    table("intent", lambda o: o.q.intent, INTENTS)
    ok = sum(o.ok for o in outcomes)
    print(f"\noverall      {pct(ok, len(outcomes))}")
    stated = [o for o in outcomes if o.in_answer is not None]
    print(f"expected value stated in the answer text: {pct(sum(bool(o.in_answer) for o in stated), len(stated))}")

    failures = [o for o in outcomes if not o.ok]
    if failures:
        print(f"\nfailures ({len(failures)}):")
    for o in failures:
        print(f"- [{o.q.dataset}/{o.q.intent}] {o.q.text}")
        print(f"    expected: {o.q.expected()}")
        print(f"    got:      {o.got}")
        if o.error:
            print(f"    error:    {o.error}")
        if o.logql:
            print(f"    logql:    {o.logql if len(o.logql) < 300 else o.logql[:297] + '...'}")


def default_bin() -> str:
    target = os.environ.get("CARGO_TARGET_DIR") or str(Path.home() / ".cache/askloki-target")
    return str(Path(target) / "release" / "askloki")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--loghub", type=Path,
                    default=Path(os.environ.get("ASKLOKI_LOGHUB") or REPO.parent / "shared" / "loghub"),
                    help="the Loghub samples (default: $ASKLOKI_LOGHUB, else ../shared/loghub)")
    ap.add_argument("--bin", default=default_bin(), help="the askloki binary")
    ap.add_argument("--only", metavar="DATASET", help="run one dataset (case-insensitive)")
    ap.add_argument("-k", metavar="SUBSTRING", help="run questions whose text contains SUBSTRING, or whose intent is SUBSTRING")
    ap.add_argument("--json", metavar="OUT", type=Path, help="write per-question details here")
    ap.add_argument("--list", action="store_true", help="print the questions and expected answers, run nothing")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every question as it runs")
    args = ap.parse_args()

    names = list(DATASETS)
    if args.only:
        names = [n for n in names if n.lower() == args.only.lower()]
        if not names:
            ap.error(f"--only: unknown dataset {args.only!r} (one of {', '.join(DATASETS)})")
    questions: list[Question] = []
    for name in names:
        questions += DATASETS[name](Truth(name, args.loghub))
    if args.k:
        k = args.k.lower()
        questions = [q for q in questions if k in q.text.lower() or k == q.intent]
    if args.list:
        for q in questions:
            print(f"[{q.dataset}/{q.intent}] {q.text}\n    -> {q.expected()}")
        print(f"{len(questions)} questions")
        return 0
    if not os.access(args.bin, os.X_OK):
        ap.error(f"no askloki binary at {args.bin} (build it, or pass --bin)")

    outcomes = []
    with tempfile.TemporaryDirectory(prefix="askloki-eval-") as cache:
        env = dict(os.environ, ASKLOKI_CACHE_DIR=cache, TZ="UTC")
        for q in questions:
            o = ask(args.bin, q, env)
            outcomes.append(o)
            if args.verbose:
                print(f"{'ok  ' if o.ok else 'FAIL'} [{q.dataset}/{q.intent}] {q.text} -> {o.got}", flush=True)
    report(outcomes)

    if args.json:
        args.json.write_text(json.dumps([{
            "dataset": o.q.dataset, "intent": o.q.intent, "question": o.q.text,
            "expected": o.q.expected(), "ok": o.ok, "got": o.got, "in_answer": o.in_answer,
            "logql": o.logql, "answer": o.answer, "error": o.error, "attempts": o.attempts,
        } for o in outcomes], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
