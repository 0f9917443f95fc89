#!/usr/bin/env python3
"""The ninth held-out set (heldout9): 48 questions over the six logs of gen_logs9.py, with
expected answers computed from the generated files, asked without stream labels.

    python3 eval/ask/expected9.py [--data DIR] [--write | --check] [--list]

Reads the files gen_logs9.py wrote (default target/eval-logs; generated there first when
missing), parses them back with parsers of its own, and computes every expected value with
one function per question. It reuses expected.py's judging conventions and helpers (windows,
quantiles, topk ties, line-regex checks) so the records have the schema run_eval.py reads.
Every record has `"labels": null`: run_eval.py then runs `askloki ask` without `--labels`.

  --write   (re)write questions_heldout9.jsonl and files_heldout9.json here
  --check   compare with those committed files (exit 1 on a difference)
  --list    print every question with its expected value

The set was written without reading the planner and without running `askloki ask`; its
answers were fixed before the first run. Do not reword a question after seeing a result.
"""
from __future__ import annotations

import re
import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import heldout_cli
from expected import (Q, count_q, distinct_q, load_records, ms_of, number_q, rate_q, Rec, time_q, topk_q, where,
                      win, yesno_q)

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "target" / "eval-logs"
ZK, LC, HA = "zookeeper.log", "android-logcat.log", "health-app.log"
SP, PX, SY = "spark-driver.log", "proxifier.log", "hpc-syslog.log"
# Half A: zookeeper, logcat, health app; half B: spark, proxifier, cluster syslog (run_eval.py --half).
HALF = {ZK: "A", LC: "A", HA: "A", SP: "B", PX: "B", SY: "B"}

# --------------------------------------------------------------------------- parsing


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1]


def parse_headed(path: Path, rx: re.Pattern, build) -> list[Rec]:
    """Records start at lines `rx` matches (`build(m)` gives (ms, fields)); other lines
    continue the record before them."""
    out: list[Rec] = []
    for line in read_lines(path):
        m = rx.match(line)
        if m:
            ms, f = build(m)
            out.append(Rec(ms, line, f))
        elif out:
            out[-1].extra.append(line)
    return out


ZK_RX = re.compile(r"^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d),(\d{3}) - (\w+)\s+\[(.*):([\w$]+)@(\d+)\] - (.*)$")


def parse_zk(path: Path) -> list[Rec]:
    def build(m):
        y, mo, d, h, mi, s, milli = (int(m.group(i)) for i in range(1, 8))
        return ms_of(datetime(y, mo, d, h, mi, s), milli), {
            "level": m.group(8), "thread": m.group(9), "cls": m.group(10), "msg": m.group(12)}
    return parse_headed(path, ZK_RX, build)


SP_RX = re.compile(r"^(\d\d)/(\d\d)/(\d\d) (\d\d):(\d\d):(\d\d) (INFO|WARN|ERROR|DEBUG) ([\w$.]+): (.*)$")


def parse_spark(path: Path) -> list[Rec]:
    def build(m):
        y, mo, d, h, mi, s = (int(m.group(i)) for i in range(1, 7))
        return ms_of(datetime(2000 + y, mo, d, h, mi, s)), {"level": m.group(7), "cls": m.group(8), "msg": m.group(9)}
    return parse_headed(path, SP_RX, build)


LC_RX = re.compile(r"^(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{3})\s+(\d+)\s+(\d+) ([VDIWEF]) (.*?)\s*: (.*)$")


def parse_logcat(path: Path) -> list[Rec]:
    """threadtime lines; the year is not written (2026). `--------- beginning of` lines are skipped."""
    out = []
    for line in read_lines(path):
        if line.startswith("--------- beginning of"):
            continue
        m = LC_RX.match(line)
        assert m, line
        mo, d, h, mi, s, milli = (int(m.group(i)) for i in range(1, 7))
        out.append(Rec(ms_of(datetime(2026, mo, d, h, mi, s), milli), line,
                       {"pid": int(m.group(7)), "tid": int(m.group(8)), "level": m.group(9), "tag": m.group(10),
                        "msg": m.group(11)}))
    return out


PX_RX = re.compile(r"^\[(\d\d)\.(\d\d) (\d\d):(\d\d):(\d\d)\] (\S+) - ([^\s:]+):(\d+) (.*)$")
PX_CLOSE = re.compile(r"^close, (\d+) bytes(?: \([\d.]+ [KMG]B\))? sent, (\d+) bytes(?: \([\d.]+ [KMG]B\))? received, "
                      r"lifetime (<1 sec|\d\d:\d\d(?::\d\d)?)$")


def parse_proxifier(path: Path) -> list[Rec]:
    out = []
    for line in read_lines(path):
        m = PX_RX.match(line)
        assert m, line
        mo, d, h, mi, s = (int(m.group(i)) for i in range(1, 6))
        f = {"app": m.group(6), "host": m.group(7), "port": int(m.group(8)), "msg": m.group(9)}
        c = PX_CLOSE.match(f["msg"])
        if c:
            f["kind"] = "close"
            f["sent"], f["recv"] = int(c.group(1)), int(c.group(2))
            lt = c.group(3)
            secs = 0
            if lt != "<1 sec":
                for part in lt.split(":"):
                    secs = secs * 60 + int(part)
            f["lifetime_s"] = secs
        elif f["msg"].startswith("open "):
            f["kind"] = "open"
        else:
            assert f["msg"].startswith("error : "), line
            f["kind"] = "error"
        out.append(Rec(ms_of(datetime(2026, mo, d, h, mi, s)), line, f))
    return out


HA_RX = re.compile(r"^(\d{4})(\d\d)(\d\d)-(\d\d):(\d\d):(\d\d):(\d{3})\|([^|]+)\|(\d+)\|(.*)$")


def parse_health(path: Path) -> list[Rec]:
    out = []
    for line in read_lines(path):
        m = HA_RX.match(line)
        assert m, line
        y, mo, d, h, mi, s, milli = (int(m.group(i)) for i in range(1, 8))
        out.append(Rec(ms_of(datetime(y, mo, d, h, mi, s), milli), line,
                       {"comp": m.group(8), "pid": m.group(9), "msg": m.group(10)}))
    return out


SY_RX = re.compile(r"^(\d+) (\d{4})\.(\d\d)\.(\d\d) (\S+) (\w{3}) (\d+) (\d\d):(\d\d):(\d\d) (\S+)/(\S+) "
                   r"([^\s\[:]+)(?:\[(\d+)\])?: (.*)$")


def parse_syslog(path: Path) -> list[Rec]:
    """The epoch column and the written date/time must agree; the node is written three times."""
    out = []
    for line in read_lines(path):
        m = SY_RX.match(line)
        assert m, line
        y, mo, d = int(m.group(2)), int(m.group(3)), int(m.group(4))
        ms = ms_of(datetime(y, mo, d, int(m.group(8)), int(m.group(9)), int(m.group(10))))
        assert ms == int(m.group(1)) * 1000 and int(m.group(7)) == d, line
        assert m.group(5) == m.group(11) == m.group(12), line
        out.append(Rec(ms, line, {"node": m.group(5), "prog": m.group(13), "pid": m.group(14), "msg": m.group(15)}))
    return out


PARSERS = {ZK: parse_zk, LC: parse_logcat, HA: parse_health, SP: parse_spark, PX: parse_proxifier, SY: parse_syslog}


def load(data: Path) -> dict[str, list[Rec]]:
    return load_records(data, PARSERS, whole_seconds=frozenset({SP, PX, SY}))


# --------------------------------------------------------------------------- predicates and keys


def msg_starts(prefix):
    return lambda r: r.f["msg"].startswith(prefix)


def msg_has(*words):
    return lambda r: all(w in r.f["msg"] for w in words)


def grab(rx: str, conv=str, field="msg"):
    """The first group of `rx` in a field, converted; None when it does not match."""
    c = re.compile(rx)

    def key(r):
        m = c.search(r.f[field])
        return conv(m.group(1)) if m else None
    return key


ZK_ACCEPT_IP = grab(r"^Accepted socket connection from /([\d.]+):\d+$")
ZK_FSYNC_MS = grab(r"^fsync-ing the write ahead log in \S+ took (\d+)ms", int)

LC_KILLED = grab(r"^Kill '([^']+)' \(\d+\)")
LC_STARTED = grab(r"^Start proc \d+:([^/]+)/")
LC_LEVEL = grab(r"^battery l=(\d+) ", int)


def lc_displayed_ms(r):
    """`Displayed com.example.shop/.ui.X for user 0: +1s234ms` (or `+412ms`) in ms."""
    m = re.search(r"^Displayed [^/]+/\S+ for user \d+: \+(?:(\d+)s)?(\d+)ms$", r.f["msg"])
    return int(m.group(1) or 0) * 1000 + int(m.group(2))


def lc_is(tag, prefix):
    return lambda r: r.f["tag"] == tag and r.f["msg"].startswith(prefix)


HA_STEPS = grab(r"^onStandStepChanged (\d+)$", int)
HA_BPM = grab(r"^heart rate changed:(\d+) bpm", int)
HA_SYNC_CODE = grab(r"^pushData fail, errorCode=(\d+),", int)

SP_FINISHED = re.compile(r"^Finished task \d+\.\d+ in stage \d+\.\d+ \(TID \d+\) in (\d+) ms on (\S+) \(executor (\d+)\)")
SP_TOOK = grab(r"^Job \d+ (?:finished|failed): .*, took ([\d.]+) s$", float)


def sp_finished(i, conv=str):
    def key(r):
        m = SP_FINISHED.match(r.f["msg"])
        return conv(m.group(i)) if m else None
    return key


SY_EDAC = msg_has("CE memory read error")
SY_ANON_RSS = grab(r"^Out of memory: Killed process \d+ \(\S+\) total-vm:\d+kB, anon-rss:(\d+)kB", int)


def px(app=None, kind=None):
    return lambda r: (app is None or r.f["app"] == app) and (kind is None or r.f["kind"] == kind)


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
        return float(f"{total / scale:.6g}")
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


MS = {"unit": "ms", "accept_scale": [0.001]}
SEC = {"unit": "s", "accept_scale": [1000.0]}
MB = {"unit": "MB", "accept_scale": [1e6 / 2 ** 20]}
KB = {"unit": "kB"}
BPM = {"unit": "bpm"}
PCT = {"unit": "%"}
H9 = "heldout9"

# --------------------------------------------------------------------------- questions

QUESTIONS = [
    # ---- a. ZooKeeper server log (half A)
    Q("a9-01", H9, ZK, "count", "How many ZooKeeper sessions expired between 11:10 and 11:25?",
      count_q(msg_starts("Expiring session "), "11:10", "11:25"), notes="`Expiring session 0x…, timeout of Nms exceeded` lines"),
    Q("a9-02", H9, ZK, "time", "when did this zookeeper node become the leader?",
      time_q(lambda r: r.f["msg"] == "LEADING", "first"),
      notes="the QuorumPeer state line `LEADING` (the `LEADER ELECTION TOOK` line follows 9 ms later)"),
    Q("a9-03", H9, ZK, "topk", "Which three client IPs opened the most connections to ZooKeeper?",
      topk_q(ZK_ACCEPT_IP, 3, lambda r: ZK_ACCEPT_IP(r) is not None),
      notes="`Accepted socket connection from /ip:port`, by ip"),
    Q("a9-04", H9, ZK, "distinct", "how many different client machines connected?",
      distinct_q(ZK_ACCEPT_IP, lambda r: True, "10:00", "11:00"), window=("10:00", "11:00"),
      notes="window only through --start/--end; distinct ips of `Accepted socket connection` lines"),
    Q("a9-05", H9, ZK, "number", "longest WAL fsync in ms?",
      number_q("max", ZK_FSYNC_MS, lambda r: ZK_FSYNC_MS(r) is not None),
      notes="max of `fsync-ing the write ahead log in SyncThread:2 took Nms`", extra=MS),
    Q("a9-06", H9, ZK, "number", "On average, how many new client sessions per minute were being set up between 09:30 and 10:30?",
      rate_q(msg_starts("Client attempting to establish new session"), "09:30", "10:30", 60), tolerance=0.02,
      notes="`Client attempting to establish new session` lines (renewals not counted; none in the window)"),
    Q("a9-07", H9, ZK, "count", "How many times did ZooKeeper turn away 10.0.7.88 because it had too many connections open?",
      count_q(msg_starts("Too many connections from /10.0.7.88 ")), notes="`Too many connections from /10.0.7.88 - max is 60`"),
    Q("a9-08", H9, ZK, "yesno", "Did this node ever have trouble reaching server 1 (10.0.4.11)?",
      no_q(lambda r: "Cannot open channel to 1 " in r.f["msg"]
           or (r.f["level"] in ("WARN", "ERROR") and ("10.0.4.11" in r.text() or "sid:1" in r.f["msg"]))),
      notes="no: only server 3 (10.0.4.13) is unreachable; server 1 follows the new leader at once"),

    # ---- c. Android logcat, threadtime (half A)
    Q("a9-09", H9, LC, "time", "When did the shop app crash?",
      time_q(lc_is("AndroidRuntime", "FATAL EXCEPTION"), "first"),
      notes="the one `E AndroidRuntime: FATAL EXCEPTION: main` (com.example.shop)"),
    Q("a9-10", H9, LC, "count", "how many processes did the low memory killer kill between 11:00 and 11:30",
      count_q(lc_is("lmkd", "Kill '"), "11:00", "11:30"), notes="`lmkd: Kill '…'` lines"),
    Q("a9-11", H9, LC, "topk", "Which app got killed by lmkd most often?",
      topk_q(LC_KILLED, 1, lc_is("lmkd", "Kill '")), notes="the quoted package of `lmkd: Kill '…'`"),
    Q("a9-12", H9, LC, "number", "average time for com.example.shop screens to be displayed, in ms",
      number_q("avg", lc_displayed_ms, lc_is("ActivityTaskManager", "Displayed com.example.shop/")), tolerance=0.02,
      notes="`Displayed com.example.shop/… for user 0: +Nms` or `+Xs Yms` written `+1s234ms`", extra=MS),
    Q("a9-13", H9, LC, "number", "What was the lowest battery level the phone reported?",
      number_q("min", LC_LEVEL, lc_is("healthd", "battery l=")), notes="min of healthd's `battery l=N`", extra=PCT),
    Q("a9-14", H9, LC, "number", "Wi-Fi drops per minute between 10:20 and 10:35?",
      rate_q(lambda r: r.f["tag"] == "wpa_supplicant" and "CTRL-EVENT-DISCONNECTED" in r.f["msg"], "10:20", "10:35", 60),
      tolerance=0.02, notes="wpa_supplicant `CTRL-EVENT-DISCONNECTED` lines"),
    Q("a9-15", H9, LC, "distinct", "How many different apps were started during the morning?",
      distinct_q(LC_STARTED, lc_is("ActivityManager", "Start proc ")),
      notes="distinct packages of ActivityManager `Start proc pid:package/uid` (every process name is its package)"),
    Q("a9-16", H9, LC, "yesno", "did any app stop responding (ANR)?",
      yes_lines(lc_is("ActivityManager", "ANR in "), r" ActivityManager: ANR in "),
      notes="one `ANR in com.example.shop` at 11:12:44"),

    # ---- e. health app, pipe-separated (half A)
    Q("a9-17", H9, HA, "number", "What's the highest step count the step counter reported?",
      number_q("max", HA_STEPS, lambda r: HA_STEPS(r) is not None), notes="max of `onStandStepChanged N` (a running total)"),
    Q("a9-18", H9, HA, "number", "average heart rate (bpm) between 11:15 and 11:45",
      number_q("avg", HA_BPM, lambda r: HA_BPM(r) is not None, "11:15", "11:45"), tolerance=0.02,
      notes="`heart rate changed:N bpm` lines in the window (the run)", extra=BPM),
    Q("a9-19", H9, HA, "number", "During the run from 11:15 to 11:45, how many step-count updates came in per minute?",
      rate_q(lambda r: HA_STEPS(r) is not None, "11:15", "11:45", 60), tolerance=0.02,
      notes="`onStandStepChanged` lines"),
    Q("a9-20", H9, HA, "count", "how many times did pushing data to the cloud fail?",
      count_q(msg_starts("pushData fail")), notes="`pushData fail, errorCode=…` lines (HiH_HiSyncControl)"),
    Q("a9-21", H9, HA, "time", "When was the first sync failure?",
      time_q(msg_starts("pushData fail"), "first"), notes="the first `pushData fail` (09:37, before the 10:40 outage)"),
    Q("a9-22", H9, HA, "topk", "top 2 components by number of log lines",
      topk_q(lambda r: r.f["comp"], 2, lambda r: True, "10:00", "10:30"), window=("10:00", "10:30"),
      notes="window only through --start/--end; the component is the second pipe-separated field"),
    Q("a9-23", H9, HA, "distinct", "How many different error codes did the failed cloud syncs return?",
      distinct_q(HA_SYNC_CODE), notes="`errorCode=N` of `pushData fail` lines"),
    Q("a9-24", H9, HA, "yesno", "Did the screen go off at any point between 11:20 and 11:40?",
      no_q(lambda r: "screen status = off" in r.f["msg"] or "SCREEN_OFF" in r.f["msg"], "11:20", "11:40"),
      notes="no: no `screen status = off` during the run"),

    # ---- b. Spark driver, yy/MM/dd (half B)
    Q("b9-01", H9, SP, "count", "how many spark tasks finished?",
      count_q(msg_starts("Finished task "), "10:00", "10:30"), window=("10:00", "10:30"),
      notes="window only through --start/--end; TaskSetManager `Finished task` lines"),
    Q("b9-02", H9, SP, "count", "How many task attempts were lost on worker-03?",
      count_q(lambda r: r.f["msg"].startswith("Lost task ") and "worker-03." in r.f["msg"]),
      notes="WARN `Lost task … (worker-03.example.internal executor N)` (executors killed by YARN)"),
    Q("b9-03", H9, SP, "topk", "Which worker host completed the most tasks?",
      topk_q(sp_finished(2), 1, msg_starts("Finished task ")), notes="the `on host` of `Finished task` lines"),
    Q("b9-04", H9, SP, "topk", "which executor spent the most time running tasks in total?",
      topk_sum_q(sp_finished(3), sp_finished(1, int), 1, msg_starts("Finished task ")),
      notes="sum of `in N ms` of `Finished task` lines by `(executor N)`"),
    Q("b9-05", H9, SP, "distinct", "How many distinct executors finished at least one task?",
      distinct_q(sp_finished(3), msg_starts("Finished task ")), notes="`(executor N)` of `Finished task` lines"),
    Q("b9-06", H9, SP, "number", "What was the average task duration between 11:10 and 11:25, in milliseconds?",
      number_q("avg", sp_finished(1, int), msg_starts("Finished task "), "11:10", "11:25"), tolerance=0.02,
      notes="`in N ms` of `Finished task` lines", extra=MS),
    Q("b9-07", H9, SP, "number", "How long did the slowest Spark job take, in seconds?",
      number_q("max", SP_TOOK, lambda r: SP_TOOK(r) is not None),
      notes="max of `Job N finished/failed: …, took X s`", extra=SEC),
    Q("b9-08", H9, SP, "yesno", "any shuffle fetch failures?",
      no_q(lambda r: "FetchFailed" in r.text() or "fetch failed" in r.text().lower()),
      notes="no: the lost tasks are ExecutorLostFailure and one write failure"),

    # ---- d. Proxifier (half B)
    Q("b9-09", H9, PX, "topk", "Which 2 applications uploaded the most data?",
      topk_sum_q(lambda r: r.f["app"], lambda r: r.f["sent"], 2, px(kind="close")),
      notes="sum of `N bytes … sent` of `close` lines by application"),
    Q("b9-10", H9, PX, "count", "How many connections failed because the SOCKS proxy could not be reached?",
      count_q(msg_has("Could not connect to proxy socks.corp.example:1080")),
      notes="`error : Could not connect to proxy socks.corp.example:1080 …` lines (git.exe, ssh.exe)"),
    Q("b9-11", H9, PX, "number", "how many MB did chrome download in total?",
      sum_scaled(lambda r: r.f["recv"], px("chrome.exe", "close"), 1e6), tolerance=0.001,
      notes="sum of `N bytes … received` of chrome.exe `close` lines / 1e6 (MiB accepted)", extra=MB),
    Q("b9-12", H9, PX, "distinct", "How many different hosts did Teams talk to?",
      distinct_q(lambda r: r.f["host"], px("Teams.exe")), window=("10:30", "11:30"),
      notes="window only through --start/--end; distinct hosts of Teams.exe lines (all on port 443)"),
    Q("b9-13", H9, PX, "time", "When was updsvc.exe first blocked by the proxy?",
      time_q(lambda r: r.f["app"] == "updsvc.exe" and "status code 403" in r.f["msg"], "first"),
      notes="first `error : Could not connect through proxy … status code 403` of updsvc.exe"),
    Q("b9-14", H9, PX, "number", "Blocked attempts per minute by updsvc.exe between 11:40 and 11:50?",
      rate_q(lambda r: r.f["app"] == "updsvc.exe" and r.f["kind"] == "error", "11:40", "11:50", 60), tolerance=0.02,
      notes="updsvc.exe `status code 403` error lines"),
    Q("b9-15", H9, PX, "count", "How many connections stayed open for more than 5 minutes?",
      count_q(lambda r: r.f["kind"] == "close" and r.f["lifetime_s"] > 300),
      notes="`close` lines whose `lifetime mm:ss` (or hh:mm:ss) is over 05:00; none is exactly 05:00"),
    Q("b9-16", H9, PX, "yesno", "Did anything on this machine talk to fastcdn-metrics.net before 11:30?",
      yes_lines(lambda r: "fastcdn-metrics.net" in r.f["host"], r"fastcdn-metrics\.net", "09:00", "11:30"),
      notes="yes: updsvc.exe reaches stats.fastcdn-metrics.net:443 through the proxy from 10:55"),

    # ---- f. cluster syslog with an epoch column (half B)
    Q("b9-17", H9, SY, "topk", "Which two nodes logged the most correctable memory (ECC) errors?",
      topk_q(lambda r: r.f["node"], 2, SY_EDAC), notes="kernel `EDAC MCn: 1 CE memory read error` lines by node"),
    Q("b9-18", H9, SY, "count", "How many LustreError messages were logged between 10:05 and 10:20?",
      count_q(msg_starts("LustreError"), "10:05", "10:20"), notes="kernel `LustreError: …` lines"),
    Q("b9-19", H9, SY, "distinct", "how many nodes lost their connection to OST0007?",
      distinct_q(lambda r: r.f["node"], msg_has("Connection to scratch-OST0007", "was lost")),
      notes="nodes with `Connection to scratch-OST0007 (at …) was lost`"),
    Q("b9-20", H9, SY, "time", "When did node-23 first kill a process because it ran out of memory?",
      time_q(lambda r: r.f["node"] == "node-23" and r.f["msg"].startswith("Out of memory: Killed process"), "first"),
      notes="node-23's first `Out of memory: Killed process` (the `invoked oom-killer` line is 1 s earlier)"),
    Q("b9-21", H9, SY, "number", "Total anon-rss of the processes the OOM killer killed on node-23, in kB?",
      number_q("sum", SY_ANON_RSS, lambda r: r.f["node"] == "node-23" and SY_ANON_RSS(r) is not None), tolerance=0.001,
      notes="sum of `anon-rss:NkB` of node-23's `Out of memory: Killed process` lines", extra=KB),
    Q("b9-22", H9, SY, "count", "how many times did alice log in over ssh?",
      count_q(lambda r: r.f["prog"] == "sshd" and re.match(r"Accepted \w+ for alice from ", r.f["msg"]) is not None),
      notes="sshd `Accepted publickey for alice from …` lines, all nodes"),
    Q("b9-23", H9, SY, "number", "Slurm task launches per minute across the cluster from 11:00 to 12:00",
      rate_q(msg_starts("launch task "), "11:00", "12:00", 60), tolerance=0.02,
      notes="slurmd `launch task J.0 request from UID:…` lines (one per node of a job)"),
    Q("b9-24", H9, SY, "yesno", "Did any node kernel panic?",
      yes_lines(msg_starts("Kernel panic"), r"Kernel panic"), notes="yes: node-17 at 11:31:49 (fatal machine check)"),
]

# --------------------------------------------------------------------------- writing


def build(data: Path) -> tuple[list[dict], dict]:
    manifest = heldout_cli.generated(data, 9, PARSERS)
    records, files = heldout_cli.build(QUESTIONS, load(data), manifest)
    for r in records:
        r["labels"] = None  # asked without --labels
    return records, files


if __name__ == "__main__":
    sys.exit(heldout_cli.main(__doc__.split("\n\n")[0], "heldout9", DEFAULT_DATA, build, HALF))
