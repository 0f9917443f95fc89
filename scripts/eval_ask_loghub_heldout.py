#!/usr/bin/env python3
"""A held-out question set for `askloki ask` on the six Loghub 2k samples.

    scripts/eval_ask_loghub_heldout.py [--loghub DIR] [--bin PATH] [--half A|B]
                                       [--json OUT] [--list] [-v]

Sixty questions, ten per sample, written as an operator would type them in Grafana by
someone who had not seen the planner or the questions of `scripts/eval_ask.py`. Half A is
Apache, HDFS and Linux; half B is BGL, OpenSSH and OpenStack. Every expected answer is
computed at run time from the ground truth (`<Name>_2k.log_structured.csv`); no Loghub data is
copied into the repository. Running and judging reuse `scripts/eval_ask.py`: counts exact,
averages, sums and rates within 2 % (rates summed back to a count), top-k as the exact set of values (no tie at the cut),
first/last as the event's earliest/latest line, yes/no from the result (or, when there is no
readable result, the answer's explicit yes or no).

Python 3.11, standard library only.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from statistics import mean
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval_ask as base  # noqa: E402  (the harness: ground truth, running, judging)
from eval_ask import Question, Row, Truth  # noqa: E402

IP = r"(\d+\.\d+\.\d+\.\d+)"
NUM = r"(\d+(?:\.\d+)?)"
HALVES = {"A": ("Apache", "HDFS", "Linux"), "B": ("BGL", "OpenSSH", "OpenStack")}
# The brief's categories; `show` holds both "show me X" and error summaries, `time` first and last.
KINDS = ["count", "topk", "distinct", "show", "exists", "time", "aggregate", "rate"]
AVG_REL = 0.02  # averages, sums and other computed numbers
RATE_REL = 0.02  # a rate summed back to the window's count


# --------------------------------------------------------------------------- questions


@dataclass(eq=False)
class HeldOut(Question):
    """A question with an id, its category, a note of what is counted, and a top-k size."""

    qid: str = ""
    kind: str = ""
    note: str = ""
    entity: bool = False  # the question filters on one entity (an IP, a block, a node, a status)
    k: int = 1

    # top-k: the exact set of the k most frequent values
    def wanted(self) -> list[tuple[str, int]]:
        ranked = sorted(self.top.items(), key=lambda kv: -kv[1])
        return ranked[: self.k]

    def top_values(self) -> set[str]:
        return {base.norm(v) for v, _ in self.wanted()}

    def expected(self) -> str:
        if self.intent == "topk":
            return " | ".join(f"{v} ({n})" for v, n in self.wanted())
        return super().expected()

    def check(self, out: dict) -> tuple[bool, str]:
        result = out.get("result") or {}
        if self.intent == "exists":
            rt = result.get("resultType")
            if rt == "matrix":
                total = sum(v for _, v in base.series_totals(result))
                said = total > 0
                return said == self.yes, f"{'yes' if said else 'no'} ({base.fmt_num(total)})"
            if rt not in ("streams", "vector", "scalar"):
                said = said_yes_no(out.get("answer") or "")
                if said is None:
                    return False, "no result and no explicit yes/no in the answer"
                return said == self.yes, "answer: " + ("yes" if said else "no")
        return super().check(out)

    def _check_topk(self, result, _logql):
        series = [s for s in base.series_totals(result) if any(v != "" for v in s[0].values())]
        if len(series) < self.k:
            return False, f"{len(series)} series for a top {self.k} ({result.get('resultType')})"
        ranked = sorted(series, key=lambda s: -s[1])[: self.k]
        named = [{base.norm(v) for v in base.label_candidates(series, labels)} for labels, _ in ranked]
        want = self.top_values()
        hit = set().union(*(n & want for n in named))
        ok = hit == want and all(n & want for n in named)
        shown = ", ".join("/".join(sorted(n)) or "no label" for n in named)
        return ok, f"{shown} ({len(series)} series)"

    def _check_rate(self, result, logql):
        """As eval_ask.py's, within 2 % instead of 1 %."""
        if result.get("resultType") != "matrix":
            return False, f"{result.get('resultType')} result, not a matrix"
        got = sum(v for _, v in base.series_totals(result))
        m = re.search(r"\brate\(.*\[(\d+)s\]", logql)
        if m:  # per-second rates: scale back to counts
            got *= int(m.group(1))
        ok = any(abs(got - e) <= max(RATE_REL * e, 0.5) for e in (self.number, *self.accept))
        return ok, f"sum {base.fmt_num(got)} over {len(result['result'])} series"

    def in_answer(self, answer: str) -> bool | None:
        if self.intent == "topk":
            return all(v in answer for v in self.top_values())
        return super().in_answer(answer)


def said_yes_no(text: str) -> bool | None:
    m = re.search(r"\b(yes|no)\b", text, re.IGNORECASE)
    return None if not m else m.group(1).lower() == "yes"


def held(q: Question, qid: str, kind: str, note: str, entity: bool = False, k: int = 1) -> HeldOut:
    """The base builder's question, with this set's metadata."""
    fields = {name: getattr(q, name) for name in Question.__dataclass_fields__}
    return HeldOut(**fields, qid=qid, kind=kind, note=note, entity=entity, k=k)


def topk(t: Truth, qid: str, text: str, values: list[str], note: str, k: int = 1) -> HeldOut:
    q = held(base.topk(t, text, values), qid, "topk", note, k=k)
    ranked = sorted(Counter(values).values(), reverse=True)
    if len(ranked) < k or (len(ranked) > k and ranked[k - 1] == ranked[k]):
        raise SystemExit(f"{qid}: the top {k} ties at the cut or has too few values: {ranked[:k + 1]}")
    return q


# --------------------------------------------------------------------------- ground-truth helpers

YEARLESS = 2000  # a year for the formats that carry none; windows are built in the same year


def when(t: Truth, r: Row) -> datetime:
    """A line's time as the line itself shows it (no zone)."""
    f = r.fields
    if t.name == "HDFS":
        return datetime.strptime(f["Date"].zfill(6) + f["Time"].zfill(6), "%y%m%d%H%M%S")
    if t.name == "OpenSSH":
        return datetime.strptime(f"{YEARLESS} {f['Date']} {f['Day']} {f['Time']}", "%Y %b %d %H:%M:%S")
    if t.name == "OpenStack":
        return datetime.strptime(f"{f['Date']} {f['Time']}", "%Y-%m-%d %H:%M:%S.%f")
    if t.name == "BGL":
        return datetime.strptime(f["Time"], "%Y-%m-%d-%H.%M.%S.%f")
    if t.name == "Apache":
        return datetime.strptime(f["Time"], "%a %b %d %H:%M:%S %Y")
    if t.name == "Linux":
        return datetime.strptime(f"{YEARLESS} {f['Month']} {f['Date']} {f['Time']}", "%Y %b %d %H:%M:%S")
    raise ValueError(t.name)


def epoch_utc(r: Row) -> datetime:
    """BGL's other clock: the epoch seconds column, read in UTC (its local column is UTC-7)."""
    return datetime.fromtimestamp(int(r.fields["Timestamp"]), tz=timezone.utc).replace(tzinfo=None)


def window(rows: list[Row], start: datetime, end: datetime, clock: Callable[[Row], datetime]) -> list[Row]:
    """The rows in [start, end) by `clock`."""
    return [r for r in rows if start <= clock(r) < end]


def rate(t: Truth, qid: str, text: str, rows: list[Row], start: datetime, end: datetime, note: str,
         entity: bool = False) -> HeldOut:
    inside = window(rows, start, end, lambda r: when(t, r))
    accept = ()
    if t.name == "BGL":  # the same window read on the epoch clock, should the binary use it
        accept = (len(window(rows, start, end, epoch_utc)),)
    return held(base.rate(t, text, inside, accept=accept, event=rows), qid, "rate", note, entity)


def count(t: Truth, qid: str, text: str, rows: list[Row], note: str, entity: bool = False,
          accept=(), event: list[Row] | None = None) -> HeldOut:
    return held(base.count(t, text, rows, accept=accept, event=event), qid, "count", note, entity)


def exists(t: Truth, qid: str, text: str, rows: list[Row], note: str, entity: bool = False) -> HeldOut:
    return held(base.exists(t, text, rows), qid, "exists", note, entity)


def distinct(t: Truth, qid: str, text: str, values: list[str], note: str, accept=()) -> HeldOut:
    q = held(base.distinct(t, text, values), qid, "distinct", note)
    q.accept = tuple(a for a in accept if a != q.number)
    return q


def aggregate(t: Truth, qid: str, text: str, values: list[float], how, note: str,
              entity: bool = False) -> HeldOut:
    return held(base.aggregate(t, text, values, how, rel=AVG_REL), qid, "aggregate", note, entity)


def show(t: Truth, qid: str, text: str, rows: list[Row], note: str) -> HeldOut:
    return held(base.show(t, text, rows), qid, "show", note)


def errors(t: Truth, qid: str, text: str, note: str) -> HeldOut:
    return held(base.errors(t, text), qid, "show", note)


def first(t: Truth, qid: str, text: str, rows: list[Row], note: str) -> HeldOut:
    return held(base.first(t, text, rows), qid, "time", note)


def last(t: Truth, qid: str, text: str, rows: list[Row], note: str) -> HeldOut:
    return held(base.last(t, text, rows), qid, "time", note)


def nums(rows: list[Row], pattern: str) -> list[float]:
    return [float(v) for v in Truth.params(rows, pattern)]


# --------------------------------------------------------------------------- half A


def apache(t: Truth) -> list[HeldOut]:
    state6 = t.grep(r"workerEnv in error state 6$")
    forbidden = t.grep(r"^\[client " + IP + r"\] Directory index forbidden")
    return [
        count(t, "ap-01", "how many times did mod_jk report workerEnv error state 6?", state6,
              "lines 'mod_jk child workerEnv in error state 6'", entity=True),
        count(t, "ap-02", "How many times did Apache successfully initialise the workerEnv?",
              t.grep(r"^workerEnv\.init\(\) ok"), "lines 'workerEnv.init() ok <file>'"),
        topk(t, "ap-03", "which workerEnv error state shows up most often",
             Truth.params(t.grep(r"workerEnv in error state"), r"error state (\d+)"),
             "the state number of 'mod_jk child workerEnv in error state N', top 1"),
        exists(t, "ap-04", "Did Apache ever lose track of a child process in the scoreboard?",
               t.grep(r"Can't find child \d+ in scoreboard"), "lines 'jk2_init() Can't find child N in scoreboard'"),
        exists(t, "ap-05", "any segfaults?", t.grep(r"(?i)seg(mentation)?[ _-]?fault|sigsegv"),
               "lines about a segmentation fault (none)"),
        aggregate(t, "ap-06", "What is the highest scoreboard slot a child was found in?",
                  nums(t.rows, r"Found child \d+ in scoreboard slot (\d+)"), max,
                  "max of N in 'jk2_init() Found child C in scoreboard slot N'"),
        distinct(t, "ap-07", "How many different client IPs were denied a directory listing?",
                 Truth.params(forbidden, r"^\[client " + IP), "distinct client IPs of 'Directory index forbidden'"),
        errors(t, "ap-08", "show me the apache errors", "error-level lines or lines with error words"),
        first(t, "ap-09", "When did the first forbidden directory index request happen?", forbidden,
              "earliest 'Directory index forbidden by rule' line"),
        rate(t, "ap-10", "error rate per hour on Dec 5 2005 between 10:00 and 14:00",
             t.where("Level", "error"),
             datetime(2005, 12, 5, 10), datetime(2005, 12, 5, 14),
             "[error]-level lines in 2005-12-05 [10:00, 14:00), summed over the hours"),
    ]


def hdfs(t: Truth) -> list[HeldOut]:
    block = "blk_-8775602795571523802"
    received = t.grep(r"^Received block blk_-?\d+ .*\bof size \d+")
    return [
        topk(t, "hd-01", "Which datanode had the most blocks added to the blockMap?",
             Truth.params(t.rows, r"addStoredBlock: blockMap updated: " + IP + r":\d+ is added"),
             "datanode IP of 'addStoredBlock: blockMap updated: IP:port is added to blk size N', top 1"),
        topk(t, "hd-02", "top 2 datanodes throwing exceptions while serving blocks",
             Truth.params(t.rows, r"^" + IP + r":\d+:Got exception while serving"),
             "datanode IP of 'IP:port:Got exception while serving blk to /IP', top 2", k=2),
        count(t, "hd-03", "How many blocks passed the block scanner's verification?",
              t.grep(r"^Verification succeeded for blk_"), "lines 'Verification succeeded for blk'"),
        exists(t, "hd-04", f"Was {block} ever removed from disk?",
               [r for r in t.grep(re.escape(block) + r"(?!\d)") if re.search(r"(?i)delet", r.content)],
               "deletion lines (Deleting block / delete / ask to delete) naming the block", entity=True),
        aggregate(t, "hd-05", "What's the average size in bytes of the blocks received?",
                  nums(received, r"\bof size (\d+)"), mean, "mean of N in 'Received block blk ... of size N'"),
        aggregate(t, "hd-06", "smallest block size added to the blockMap",
                  nums(t.rows, r"addStoredBlock: blockMap updated: .* size (\d+)$"), min,
                  "min of N in 'addStoredBlock: blockMap updated: ... size N'"),
        distinct(t, "hd-07", "How many different datanodes served blocks?",
                 Truth.params(t.rows, r"^" + IP + r":\d+ Served block"), "distinct IPs of 'IP:port Served block blk to /IP'"),
        show(t, "hd-08", "show me the lines where a datanode failed to serve a block",
             t.grep(r"Got exception while serving"), "lines 'Got exception while serving blk'"),
        last(t, "hd-09", "When did the namenode last ask a datanode to delete blocks?",
             t.grep(r"^BLOCK\* ask \S+ to delete"), "latest 'BLOCK* ask IP:port to delete blk...' line"),
        rate(t, "hd-10", "How many blocks were received per hour on Nov 10 2008 between 10:00 and 13:00?",
             received, datetime(2008, 11, 10, 10), datetime(2008, 11, 10, 13),
             "'Received block ... of size' lines in 2008-11-10 [10:00, 13:00), summed over the hours"),
    ]


def linux(t: Truth) -> list[HeldOut]:
    ssh_fail = t.grep(r"^authentication failure;.*tty=NODEVssh")
    ftp = t.grep(r"^connection from " + IP + r" ")
    return [
        topk(t, "lx-01", "Which 2 accounts opened the most sessions?",
             Truth.params(t.rows, r"^session opened for user (\S+)"),
             "user of 'session opened for user U by ...', top 2", k=2),
        topk(t, "lx-02", "top host with failed ssh authentications",
             Truth.params(ssh_fail, r"rhost=(\S+)"),
             "rhost of 'authentication failure; ... tty=NODEVssh ... rhost=H', top 1"),
        count(t, "lx-03", "How many failed ssh sign-ins were there for root?",
              [r for r in ssh_fail if re.search(r"\buser=root\b", r.content)],
              "'authentication failure; ... tty=NODEVssh ... user=root' lines", entity=True),
        count(t, "lx-04", "How many times did logrotate crash?",
              [r for r in t.where("Component", "logrotate") if "exited abnormally" in r.content],
              "logrotate lines 'ALERT exited abnormally with [N]'"),
        exists(t, "lx-05", "Did the kernel ever run out of memory?",
               t.grep(r"(?i)out of memory|\boom\b|oom-killer"), "out-of-memory lines (none)"),
        aggregate(t, "lx-06", "At boot, how many bytes do the kernel hash tables take in total?",
                  nums(t.rows, r"hash table entries: \d+ \(order:? \d+[:,] (\d+) bytes\)"), sum,
                  "sum of B in '... hash table entries: N (order K, B bytes)'"),
        distinct(t, "lx-07", "how many unique IPs connected to the FTP server?",
                 Truth.params(ftp, r"^connection from " + IP), "distinct IPs of ftpd 'connection from IP (host) at ...'"),
        show(t, "lx-08", "show me the kerberos login failures", t.where("Component", "klogind"),
             "klogind lines (Kerberos authentication failed, Authentication failed from ...)"),
        last(t, "lx-09", "When was syslog last restarted?",
             [r for r in t.rows if r.fields["Component"].startswith("syslogd") and r.content == "restart."],
             "latest syslogd 'restart.' line"),
        rate(t, "lx-10", "FTP connections per hour on July 17 between 12:00 and 16:00", ftp,
             datetime(YEARLESS, 7, 17, 12), datetime(YEARLESS, 7, 17, 16),
             "ftpd 'connection from' lines on Jul 17 [12:00, 16:00), summed over the hours"),
    ]


# --------------------------------------------------------------------------- half B


def bgl(t: Truth) -> list[HeldOut]:
    node = "R02-M1-N0-C:J12-U11"
    core = t.grep(r"^generating core\.\d+")
    core_files = t.grep(r"^ciod: generated \d+ core files")
    return [
        topk(t, "bg-01", "which node logged the most FATAL events?",
             [r.fields["Node"] for r in t.where("Level", "FATAL")], "Node of FATAL-level lines, top 1"),
        topk(t, "bg-02", "Which executable failed to load most often?",
             Truth.params(t.rows, r"^ciod: Error loading (.+?): invalid or missing program image"),
             "program of 'ciod: Error loading P: invalid or missing program image, ...', top 1"),
        count(t, "bg-03", "How many data TLB error interrupts were there?",
              t.grep(r"^data TLB error interrupt$"), "lines 'data TLB error interrupt'"),
        count(t, "bg-04", f"messages from {node}", t.where("Node", node), "lines whose node is the one named",
              entity=True),
        exists(t, "bg-05", "Did any filesystem mounts fail?", t.grep(r"(?i)mount failed"),
               "'Lustre mount FAILED' and 'NFS Mount failed' lines"),
        aggregate(t, "bg-06", "Adding up all the floating point alignment exception reports, "
                  "how many exceptions is that in total?",
                  nums(t.rows, r"^(\d+) floating point alignment exceptions$"), sum,
                  "sum of N in 'N floating point alignment exceptions'"),
        distinct(t, "bg-07", "How many distinct nodes dumped core?", [r.fields["Node"] for r in core],
                 "distinct Node of 'generating core.N' lines (also accepted: with 'ciod: generated N core files')",
                 accept=(len({r.fields["Node"] for r in core + core_files}),)),
        errors(t, "bg-08", "what went wrong? show me errors and failures",
               "FATAL/ERROR/WARNING/SEVERE lines or lines with error words"),
        last(t, "bg-09", "When did the kernel last get terminated?", t.grep(r"^rts: kernel terminated"),
             "latest 'rts: kernel terminated for reason N' line"),
        rate(t, "bg-10", "FATAL events per hour on June 14 2005 between 08:00 and 20:00",
             t.where("Level", "FATAL"), datetime(2005, 6, 14, 8), datetime(2005, 6, 14, 20),
             "FATAL-level lines on 2005-06-14 [08:00, 20:00) (local or epoch clock), summed over the hours"),
    ]


def openssh(t: Truth) -> list[HeldOut]:
    # sshd's "message repeated N times: [ Failed password for ...]" lines are failed password lines too
    failed_pw = t.grep(r"Failed password for ")
    failed_any = t.grep(r"Failed \w+ for ")
    suspect = "173.234.31.186"
    from_suspect = [r for r in failed_any if f"from {suspect} " in r.content]
    pam_suspect = t.grep(r"^pam_unix\(sshd:auth\): authentication failure;.*rhost=" + re.escape(suspect) + r"\b")
    invalid = t.grep(r"^Invalid user .* from " + IP)
    attacker = "183.62.140.253"
    return [
        topk(t, "ss-01", "Which IP address failed to sign in the most?",
             Truth.params(failed_any, r" from " + IP + r" port"), "IP of 'Failed password|none for ... from IP port N', top 1"),
        topk(t, "ss-02", "What are the top 3 usernames attackers tried that don't exist on the box?",
             Truth.params(invalid, r"^Invalid user (.*?) from "), "user of 'Invalid user U from IP', top 3", k=3),
        count(t, "ss-03", f"failed logins from {suspect}", from_suspect,
              "'Failed password|none ... from IP' lines (also accepted: with the PAM authentication failures)",
              entity=True, accept=(len(from_suspect) + len(pam_suspect),), event=from_suspect + pam_suspect),
        count(t, "ss-04", "How many connection attempts used a user name that doesn't exist?", invalid,
              "'Invalid user U from IP' lines (the paired 'input_userauth_request: invalid user' lines also selectable)",
              event=invalid + t.grep(r"^input_userauth_request: invalid user ")),
        exists(t, "ss-05", f"Did {attacker} ever log in successfully?",
               t.grep(r"^Accepted \w+ for \S+ from " + re.escape(attacker) + r" "),
               "'Accepted ... from IP' lines for that IP (none)", entity=True),
        aggregate(t, "ss-06", "average source port of failed password attempts",
                  nums(failed_pw, r" port (\d+) ssh2"), mean, "mean of N in 'Failed password for ... port N ssh2'"),
        distinct(t, "ss-07", "How many distinct IPs had failed password attempts?",
                 Truth.params(failed_pw, r" from " + IP + r" port"),
                 "distinct IPs of 'Failed password ... from IP' (with 'message repeated' lines)"),
        show(t, "ss-08", "show me the possible break-in attempts", t.grep(r"POSSIBLE BREAK-IN ATTEMPT"),
             "'reverse mapping checking getaddrinfo ... POSSIBLE BREAK-IN ATTEMPT!' lines"),
        last(t, "ss-09", "When was the last successful login?", t.grep(r"^Accepted \w+ for "),
             "latest 'Accepted password for U from IP' line"),
        rate(t, "ss-10", "failed password attempts per minute on Dec 10 between 09:00 and 09:30", failed_pw,
             datetime(YEARLESS, 12, 10, 9), datetime(YEARLESS, 12, 10, 9, 30),
             "'Failed password' lines on Dec 10 [09:00, 09:30), summed over the minutes"),
    ]


def openstack(t: Truth) -> list[HeldOut]:
    requests = t.grep(r'"(?:GET|POST|PUT|DELETE|PATCH|HEAD) \S+ HTTP/[\d.]+" status: \d+')
    day = datetime(2017, 5, 16)
    return [
        topk(t, "os-01", "top 3 most requested URLs",
             Truth.params(requests, r'"[A-Z]+ (\S+) HTTP'), "path of '\"METHOD path HTTP/1.1\" status: ...', top 3", k=3),
        count(t, "os-02", "How many requests returned a 404?",
              [r for r in requests if re.search(r"status: 404\b", r.content)], "request lines with status: 404",
              entity=True),
        exists(t, "os-03", "Did the image cache come across base files it didn't recognise?",
               t.grep(r"^Unknown base file"), "lines 'Unknown base file: path'"),
        exists(t, "os-04", "any HTTP 500s?", [r for r in requests if re.search(r"status: 5\d\d\b", r.content)],
               "request lines with a 5xx status (none)"),
        aggregate(t, "os-05", "What is the average HTTP response time?", nums(requests, r"time: " + NUM), mean,
                  "mean of T in request lines '... status: S len: L time: T'"),
        aggregate(t, "os-06", "What's the longest it took to spawn an instance?",
                  nums(t.rows, r"Took " + NUM + r" seconds to spawn"), max,
                  "max of S in 'Took S seconds to spawn the instance on the hypervisor'"),
        distinct(t, "os-07", "How many different VM instances show up in the logs?",
                 Truth.params(t.rows, r"\[instance: ([0-9a-f-]{36})\]"), "distinct UUIDs of '[instance: UUID]'"),
        errors(t, "os-08", "show me nova warnings and errors", "WARNING lines or lines with error words"),
        first(t, "os-09", "When was the first instance spawned successfully?",
              t.grep(r"Instance spawned successfully"), "earliest '[instance: U] Instance spawned successfully.' line"),
        rate(t, "os-10", "API requests per minute between 00:05 and 00:10", requests,
             day.replace(minute=5), day.replace(minute=10),
             "request lines on 2017-05-16 [00:05, 00:10), summed over the minutes"),
    ]


DATASETS = {"Apache": apache, "HDFS": hdfs, "Linux": linux, "BGL": bgl, "OpenSSH": openssh,
            "OpenStack": openstack}


# --------------------------------------------------------------------------- report


def report(outcomes: list[base.Outcome], datasets, halves) -> None:
    """Accuracy per dataset, kind, entity and half, and overall."""
    half_of = {name: half for half, names in halves.items() for name in names}

    def table(title: str, keyf, keys) -> None:
        print(f"\n{title:<12} accuracy")
        for k in keys:
            sel = [o for o in outcomes if keyf(o) == k]
            if sel:
                print(f"  {k:<10} {base.pct(sum(o.ok for o in sel), len(sel))}")

    table("dataset", lambda o: o.q.dataset, datasets)
    table("kind", lambda o: o.q.kind, KINDS)
    table("entity", lambda o: "entity" if o.q.entity else "other", ["entity", "other"])
    table("half", lambda o: half_of[o.q.dataset], halves)
    ok = sum(o.ok for o in outcomes)
    print(f"\noverall      {base.pct(ok, len(outcomes))}")
    stated = [o for o in outcomes if o.in_answer is not None]
    print(f"expected value stated in the answer text: "
          f"{base.pct(sum(bool(o.in_answer) for o in stated), len(stated))}")


def run(description: str, datasets, halves, cache_prefix: str) -> int:
    """The command line of a held-out Loghub set: `datasets` maps a sample's name to the
    builder of its questions, `halves` each half to its samples."""
    half_of = {name: half for half, names in halves.items() for name in names}
    half_help = "; ".join(f"{h}: {', '.join(names)}" for h, names in sorted(halves.items()))
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--loghub", type=Path,
                    default=Path(os.environ.get("ASKLOKI_LOGHUB") or base.REPO.parent / "shared" / "loghub"),
                    help="the Loghub samples (default: $ASKLOKI_LOGHUB, else ../shared/loghub)")
    ap.add_argument("--bin", default=base.default_bin(), help="the askloki binary")
    ap.add_argument("--half", choices=sorted(halves), type=str.upper,
                    help=f"{half_help} (default: both)")
    ap.add_argument("--json", metavar="OUT", type=Path, help="write per-question details here")
    ap.add_argument("--list", action="store_true", help="print the questions and expected answers, run nothing")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every question as it runs")
    args = ap.parse_args()

    names = list(halves[args.half]) if args.half else list(datasets)
    missing = [n for n in names
               if not (args.loghub / n / f"{n}_2k.log").is_file()
               or not (args.loghub / n / f"{n}_2k.log_structured.csv").is_file()]
    if missing:
        print(f"skipped: no Loghub 2k samples for {', '.join(missing)} under {args.loghub} "
              f"(pass --loghub DIR or set ASKLOKI_LOGHUB)")
        return 0

    questions: list[HeldOut] = []
    for name in names:
        questions += datasets[name](Truth(name, args.loghub))
    if args.list:
        for q in questions:
            tag = f"{q.qid} {q.kind}" + (" entity" if q.entity else "")
            print(f"[{tag}] {q.text}\n    -> {q.expected()}\n    ({q.note})")
        print(f"{len(questions)} questions")
        return 0
    if not os.access(args.bin, os.X_OK):
        ap.error(f"no askloki binary at {args.bin} (build it, or pass --bin)")

    outcomes = []
    with tempfile.TemporaryDirectory(prefix=cache_prefix) as cache:
        env = dict(os.environ, ASKLOKI_CACHE_DIR=cache, TZ="UTC")
        for q in questions:
            o = base.ask(args.bin, q, env)
            outcomes.append(o)
            if args.verbose:
                print(f"{'ok  ' if o.ok else 'FAIL'} {q.qid} [{q.kind}] {q.text} -> {o.got}"
                      f"\n      expected {q.expected()}" + (f"\n      logql {o.logql}" if o.logql else "")
                      + (f"\n      error {o.error}" if o.error else ""), flush=True)
    report(outcomes, datasets, halves)

    if args.json:
        args.json.write_text(json.dumps([{
            "id": o.q.qid, "dataset": o.q.dataset, "half": half_of[o.q.dataset], "kind": o.q.kind,
            "intent": o.q.intent, "entity": o.q.entity, "question": o.q.text, "note": o.q.note,
            "expected": o.q.expected(), "ok": o.ok, "got": o.got, "in_answer": o.in_answer,
            "logql": o.logql, "answer": o.answer, "error": o.error, "attempts": o.attempts,
        } for o in outcomes], indent=2) + "\n")
    return 0


def main() -> int:
    return run(__doc__.split("\n\n")[0], DATASETS, HALVES, "askloki-heldout-")


if __name__ == "__main__":
    sys.exit(main())
