#!/usr/bin/env python3
"""A second held-out question set for `askloki ask` on the six Loghub 2k samples.

    scripts/eval_ask_loghub_heldout2.py [--loghub DIR] [--bin PATH] [--half A|B]
                                        [--json OUT] [--list] [-v]

Sixty questions, ten per sample, phrased as different operators would type them into
Grafana Explore: terse and long, with and without time windows, with entity filters (an IP,
a user, a block, a node, an instance, a status code), groupings ("which X the most"),
distinct counts, numbers read from inside messages (sizes, seconds, response times, counts)
and some questions whose answer is "no". They were written blind to the planner: without
reading its code, its tests or the questions it was tuned on (`eval/ask/`,
`scripts/eval_ask.py`'s and `scripts/eval_ask_loghub_heldout.py`'s question lists).

Half A is OpenSSH, HDFS and Linux; half B is OpenStack, BGL and Apache (note: not the
halves of `eval_ask_loghub_heldout.py`). Ids are `lh2-<system>-NN`. Every expected answer is
computed at run time from the ground truth (`<Name>_2k.log_structured.csv`); no Loghub data
is copied into the repository. Each question carries a note of what is counted. Times in
the questions are the times the lines show (BGL: its local `Time` column; a window read on
its epoch column in UTC is accepted too), built as `eval_ask_loghub_heldout.py` builds them.

Running and judging are those of `scripts/eval_ask_loghub_heldout.py` (itself on
`scripts/eval_ask.py`): counts exact, averages, sums, maxima and rates within 2 % (rates
summed back to a count), top-k as the exact set of values (no tie at the cut), first/last
as the event's earliest/latest line, yes/no from the result. Without the samples
(`../shared/loghub`, or `--loghub`, or `$ASKLOKI_LOGHUB`) the script says so and exits 0.

Python 3.11, standard library only.
"""
from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from statistics import mean

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval_ask_loghub_heldout as h1  # noqa: E402  (the first held-out set's builders and clocks)
from eval_ask import Row, Truth  # noqa: E402
from eval_ask_loghub_heldout import (  # noqa: E402
    IP, NUM, HeldOut, aggregate, count, distinct, errors, exists, first, last, nums, rate, show, topk,
)

HALVES = {"A": ("OpenSSH", "HDFS", "Linux"), "B": ("OpenStack", "BGL", "Apache")}


# --------------------------------------------------------------------------- helpers


def at(t: Truth, *parts: int) -> datetime:
    """A time on the sample's own clock: the yearless formats get `eval_ask_loghub_heldout`'s year."""
    if t.name in ("OpenSSH", "Linux"):
        return datetime(h1.YEARLESS, *parts)
    return datetime(*parts)


def inside(t: Truth, rows: list[Row], start: datetime, end: datetime) -> list[Row]:
    """The rows in [start, end) as the lines show their time."""
    return h1.window(rows, start, end, lambda r: h1.when(t, r))


def bgl_epoch(rows: list[Row], start: datetime, end: datetime) -> tuple[int, ...]:
    """The same window read on BGL's epoch column (UTC), accepted as another reading."""
    return (len(h1.window(rows, start, end, h1.epoch_utc)),)


def grep(t: Truth, pattern: str, rows: list[Row] | None = None) -> list[Row]:
    return t.grep(pattern, rows)


def values(rows: list[Row], pattern: str) -> list[str]:
    return Truth.params(rows, pattern)


def window_count(t: Truth, qid: str, text: str, rows: list[Row], start: datetime, end: datetime,
                 note: str, entity: bool = False) -> HeldOut:
    """A count over a window; `rows` is the whole event (for the stray-line check)."""
    accept = bgl_epoch(rows, start, end) if t.name == "BGL" else ()
    return count(t, qid, text, inside(t, rows, start, end), note, entity=entity, accept=accept, event=rows)


# --------------------------------------------------------------------------- half A


def openssh(t: Truth) -> list[HeldOut]:
    failed = t.ev("E9", "E10")  # "Failed password for [invalid user] U from IP port P ssh2"
    root_failed = grep(t, r"^Failed password for root from ", failed)
    repeated_root = grep(t, r"^message repeated \d+ times: \[ Failed password for root ")
    pam_root = grep(t, r"user=root\s*$", t.ev("E20"))
    breakin = t.ev("E27")
    more = t.ev("E15", "E16", "E17")  # "PAM N more authentication failure(s); ..."
    repeats = sum(int(v) for v in values(repeated_root, r"repeated (\d+) times"))
    return [
        count(t, "lh2-ssh-01", "failed root logins?", root_failed,
              "'Failed password for root from' lines; also accepted: with the 'message repeated N "
              "times: [ Failed password for root' lines, counting those lines or their N, or the "
              "pam_unix auth failures for user=root",
              entity=True, accept=(len(root_failed) + len(repeated_root),
                                   len(root_failed) + repeats,
                                   len(pam_root)),
              event=root_failed + repeated_root + pam_root),
        topk(t, "lh2-ssh-02", "Which 3 source IPs are behind the most failed password attempts?",
             values(failed, r"from " + IP + " port"),
             "'Failed password for ...' lines (valid and invalid users) by source IP, top 3", k=3),
        distinct(t, "lh2-ssh-03",
                 "how many different non-existent usernames did attackers try to log in with?",
                 values(t.ev("E13"), r"^Invalid user (.*?) from "),
                 "distinct U of 'Invalid user U from IP' (the same set as 'Failed password for invalid user U')"),
        exists(t, "lh2-ssh-04", "Did anyone manage to log in as root?",
               grep(t, r"^Accepted \w+ for root "),
               "'Accepted ... for root' lines: none (the one accepted login is fztu's)", entity=True),
        first(t, "lh2-ssh-05", "When did fztu log in?",
              grep(t, r"^Accepted \w+ for fztu "),
              "the one 'Accepted password for fztu from 119.137.62.142' line"),
        rate(t, "lh2-ssh-06", "failed password attempts per minute between 10:50 and 11:00",
             failed, at(t, 12, 10, 10, 50), at(t, 12, 10, 11, 0),
             "'Failed password for ...' lines (valid and invalid users) in [10:50, 11:00)"),
        aggregate(t, "lh2-ssh-07",
                  "PAM keeps saying 'N more authentication failures' - what do those N add up to?",
                  nums(more, r"^PAM (\d+) more authentication failure"), sum,
                  "sum of N over 'PAM N more authentication failure(s)' lines (failure and failures)"),
        window_count(t, "lh2-ssh-08",
                     "How many possible break-in attempts (reverse DNS mismatches) were flagged between 9:15 and 9:20?",
                     breakin, at(t, 12, 10, 9, 15), at(t, 12, 10, 9, 20),
                     "'reverse mapping checking getaddrinfo ... POSSIBLE BREAK-IN ATTEMPT!' lines in [09:15, 09:20)"),
        show(t, "lh2-ssh-09", "show me everything sshd logged about 103.207.39.212",
             grep(t, r"\b103\.207\.39\.212\b"),
             "every line whose message holds 103.207.39.212 (a burst at 08:33: no identification "
             "string, invalid users, auth failures, failed passwords, disconnects)"),
        count(t, "lh2-ssh-10", "how many times did 187.141.143.180 fail to log in with a password?",
              grep(t, r" from 187\.141\.143\.180 port ", failed),
              "'Failed password for [invalid user] U from 187.141.143.180' lines; the pam_unix "
              "'authentication failure ... rhost=187.141.143.180' lines number the same",
              entity=True, event=grep(t, r"187\.141\.143\.180\b", failed + t.ev("E19", "E20"))),
    ]


def hdfs(t: Truth) -> list[HeldOut]:
    received = t.ev("E11", "E12")  # "Received block B of size S from IP" / "... src: ... dest: ... of size S"
    stored = t.ev("E6")  # "BLOCK* NameSystem.addStoredBlock: blockMap updated: IP:50010 is added to B size S"
    serve_exc = t.ev("E3")  # "IP:50010:Got exception while serving B to /IP:"
    return [
        exists(t, "lh2-hdfs-01", "did any block fail verification?",
               grep(t, r"(?i)verification (?!succeeded)|verif\w* fail"),
               "block scanner lines other than 'Verification succeeded for B': none"),
        aggregate(t, "lh2-hdfs-02", "what's the average size in bytes of the blocks the datanodes received?",
                  nums(received, r"\bsize (\d+)"), mean,
                  "mean of S over 'Received block B of size S ...' lines (both shapes)"),
        topk(t, "lh2-hdfs-03",
             "Which datanode had the most blocks added to the blockMap by the namenode (addStoredBlock)?",
             values(stored, r"blockMap updated: " + IP + ":"),
             "addStoredBlock 'blockMap updated: IP:port is added to B' lines by datanode IP, top 1"),
        distinct(t, "lh2-hdfs-04", "How many different datanodes threw an exception while serving a block?",
                 values(serve_exc, r"^" + IP + ":"),
                 "distinct serving datanode IP (the first address) of 'Got exception while serving' lines"),
        first(t, "lh2-hdfs-05", "When did the namenode first ask a datanode to delete blocks?",
              t.ev("E4"), "the earliest 'BLOCK* ask IP:50010 to delete B ...' line"),
        rate(t, "lh2-hdfs-06",
             "Per-minute rate of blocks being deleted from disk between 21:00 and 22:00 on Nov 10",
             t.ev("E9"), datetime(2008, 11, 10, 21, 0), datetime(2008, 11, 10, 22, 0),
             "'Deleting block B file F' (FSDataset) lines in [2008-11-10 21:00, 22:00)"),
        show(t, "lh2-hdfs-07", "show the exceptions datanode 10.251.126.255 hit while serving blocks",
             grep(t, r"^10\.251\.126\.255:\d+:Got exception", serve_exc),
             "'10.251.126.255:50010:Got exception while serving B to ...' lines"),
        window_count(t, "lh2-hdfs-08", "How many new blocks were allocated on Nov 11 between 4am and 7am?",
                     t.ev("E7"), datetime(2008, 11, 11, 4, 0), datetime(2008, 11, 11, 7, 0),
                     "'BLOCK* NameSystem.allocateBlock: F B' lines in [2008-11-11 04:00, 07:00)"),
        exists(t, "lh2-hdfs-09", "did serving block blk_-7029628814943626474 run into an exception?",
               grep(t, r"Got exception while serving blk_-7029628814943626474\b", serve_exc),
               "a 'Got exception while serving blk_-7029628814943626474' line: yes", entity=True),
        count(t, "lh2-hdfs-10", "how many WARN lines are in the HDFS log?",
              t.where("Level", "WARN"), "lines at level WARN (all are 'Got exception while serving')"),
    ]


def linux(t: Truth) -> list[HeldOut]:
    ssh_root = t.ev("E18")  # sshd(pam_unix) "authentication failure; ... rhost=H user=root"
    ftp = t.ev("E29")  # ftpd "connection from IP (name) at ..."
    klogin = [r for r in t.rows if r.fields["Component"] == "klogind"]
    return [
        count(t, "lh2-linux-01", "How many su sessions were opened for the cyrus user?",
              [r for r in grep(t, r"^session opened for user cyrus ", t.ev("E102"))
               if r.fields["Component"] == "su(pam_unix)"],
              "su(pam_unix) 'session opened for user cyrus by (uid=0)' lines", entity=True),
        topk(t, "lh2-linux-02", "which remote host failed the most ssh logins as root?",
             values(ssh_root, r"rhost=(\S+)"),
             "sshd(pam_unix) 'authentication failure ... user=root' lines by rhost, top 1"),
        distinct(t, "lh2-linux-03", "how many distinct IP addresses connected to the FTP server?",
                 values(ftp, r"^connection from " + IP),
                 "distinct IP of ftpd 'connection from IP (name) at ...' lines"),
        exists(t, "lh2-linux-04", "were there any failed ssh logins for an account named admin?",
               grep(t, r"user=admin\b|for admin\b|user admin\b"),
               "no line names a user admin: no", entity=True),
        last(t, "lh2-linux-05", "When did syslogd last restart?",
             t.ev("E90"), "the latest 'syslogd 1.4.1: restart.' line"),
        exists(t, "lh2-linux-06", "Did anyone log in as root directly on a console tty?",
               t.ev("E91", "E103"),
               "'ROOT LOGIN ON tty2' and login(pam_unix) 'session opened for user root by LOGIN(uid=0)': yes"),
        rate(t, "lh2-linux-07", "ftp connections per hour on Jul 17 from 06:00 to 16:00",
             ftp, at(t, 7, 17, 6, 0), at(t, 7, 17, 16, 0),
             "ftpd 'connection from ...' lines in [Jul 17 06:00, 16:00)"),
        aggregate(t, "lh2-linux-08", "what CPU clock speed in MHz did the kernel detect when it booted?",
                  nums(t.ev("E40"), r"^Detected " + NUM + " MHz"), max,
                  "N of the one kernel 'Detected N MHz processor.' line"),
        show(t, "lh2-linux-09", "show me the failed klogin attempts from 163.27.187.39",
             grep(t, r"163\.27\.187\.39|^Kerberos authentication failed", klogin),
             "klogind 'Authentication failed from 163.27.187.39 ...' lines and their 'Kerberos "
             "authentication failed' companions (same pids, same seconds)"),
        window_count(t, "lh2-linux-10", "How many failed ssh logins for root were there on July 10?",
                     ssh_root, at(t, 7, 10), at(t, 7, 11),
                     "sshd(pam_unix) 'authentication failure ... user=root' lines on Jul 10", entity=True),
    ]


# --------------------------------------------------------------------------- half B


def openstack(t: Truth) -> list[HeldOut]:
    requests = t.ev("E24", "E25", "E26")  # 'IP "METHOD URL HTTP/1.1" status: S len: L time: T'
    gets = t.ev("E25")
    instance = r"\[instance: ([0-9a-f-]{36})\]"
    return [
        count(t, "lh2-os-01", "How many API requests came back with a 404?",
              grep(t, r"status: 404\b", requests),
              "nova wsgi request lines with 'status: 404' (GET and POST)", entity=True),
        aggregate(t, "lh2-os-02", "on average how long did it take to spawn an instance on the hypervisor?",
                  nums(t.ev("E15"), r"Took " + NUM + " seconds to spawn"), mean,
                  "mean of N over 'Took N seconds to spawn the instance on the hypervisor.' (seconds)"),
        aggregate(t, "lh2-os-03", "What was the slowest API response time, in seconds?",
                  nums(requests, r"time: " + NUM), max,
                  "max of T over the wsgi request lines 'status: S len: L time: T' (API and metadata)"),
        topk(t, "lh2-os-04", "top 3 most requested URL paths",
             values(requests, r'"(?:GET|POST|DELETE) (\S+) HTTP'),
             "the request lines by URL path (every method), top 3", k=3),
        distinct(t, "lh2-os-05", "How many distinct instances show up in the compute logs?",
                 values(t.rows, instance),
                 "distinct UUIDs in '[instance: UUID]' prefixes"),
        exists(t, "lh2-os-06", "Did any API call fail with a 500 error?",
               grep(t, r"status: 5\d\d\b", requests),
               "request lines with a 5xx status: none", entity=True),
        first(t, "lh2-os-07", "When did the first instance finish spawning successfully?",
              t.ev("E9"), "the earliest '[instance: ...] Instance spawned successfully.' line"),
        rate(t, "lh2-os-08", "GET requests per minute between 00:05 and 00:10",
             gets, datetime(2017, 5, 16, 0, 5), datetime(2017, 5, 16, 0, 10),
             "wsgi 'GET ...' request lines (compute API and metadata) in [00:05, 00:10)"),
        show(t, "lh2-os-09", "show me the logs for instance b9000564-fe1a-409b-b8cc-1e88b294cd1d",
             grep(t, r"b9000564-fe1a-409b-b8cc-1e88b294cd1d"),
             "every line whose message holds that UUID (lifecycle lines and the DELETE request)"),
        count(t, "lh2-os-10", "how many instance builds took longer than 20 seconds?",
              [r for r in t.ev("E12") if float(values([r], r"Took " + NUM + " seconds to build")[0]) > 20],
              "'Took N seconds to build instance.' lines with N > 20"),
    ]


def bgl(t: Truth) -> list[HeldOut]:
    lustre = t.ev("E81")  # "Lustre mount FAILED : bglioN : point /p/gb1"
    return [
        count(t, "lh2-bgl-01", "how many data TLB error interrupts were there?",
              t.ev("E55"), "'data TLB error interrupt' lines"),
        topk(t, "lh2-bgl-02", "Which node corrected the most instruction cache parity errors?",
             [r.fields["Node"] for r in t.ev("E77")],
             "'instruction cache parity error corrected' lines by node (location column), top 1"),
        distinct(t, "lh2-bgl-03", "How many different I/O nodes failed to mount Lustre?",
                 [r.fields["Node"] for r in lustre],
                 "distinct node of 'Lustre mount FAILED' lines (as many as distinct bglioN names)",
                 accept=(len(set(values(lustre, r"FAILED : (\S+)"))),)),
        exists(t, "lh2-bgl-04", "did the Lustre mount of /p/gb2 ever fail?",
               grep(t, r"point /p/gb2\b", lustre),
               "'Lustre mount FAILED ... point /p/gb2' lines: none (all are /p/gb1)", entity=True),
        count(t, "lh2-bgl-05", "how many machine check DCR read timeouts did R26-M0-N0-I:J18-U11 have?",
              [r for r in t.ev("E82") if r.fields["Node"] == "R26-M0-N0-I:J18-U11"],
              "'MACHINE CHECK DCR read timeout' lines of node R26-M0-N0-I:J18-U11", entity=True),
        last(t, "lh2-bgl-06", "When was the last Lustre mount failure?",
             lustre, "the latest 'Lustre mount FAILED' line"),
        rate(t, "lh2-bgl-07", "core dumps per hour on July 9th 2005",
             t.ev("E67"), datetime(2005, 7, 9), datetime(2005, 7, 10),
             "'generating core.N' lines on 2005-07-09 (local Time column; the epoch clock accepted)"),
        aggregate(t, "lh2-bgl-08", "Adding up ciod's per-program reports, how many core files were generated in total?",
                  nums(t.ev("E34"), r"generated (\d+) core files"), sum,
                  "sum of N over 'ciod: generated N core files for program P' lines (not the kernel's "
                  "'generating core.N' lines)"),
        show(t, "lh2-bgl-09", "Show me the rts kernel termination messages.",
             t.ev("E111"), "'rts: kernel terminated for reason N' lines"),
        window_count(t, "lh2-bgl-10", "How many FATAL messages were logged in July 2005?",
                     t.where("Level", "FATAL"), datetime(2005, 7, 1), datetime(2005, 8, 1),
                     "lines at level FATAL in July 2005 (local Time column; the epoch clock accepted)"),
    ]


def apache(t: Truth) -> list[HeldOut]:
    state = t.ev("E3")  # "mod_jk child workerEnv in error state N"
    forbidden = t.ev("E4")  # "[client IP] Directory index forbidden by rule: /var/www/html/"
    return [
        count(t, "lh2-apache-01", "How many directory listing requests were refused?",
              forbidden, "'[client IP] Directory index forbidden by rule' lines"),
        topk(t, "lh2-apache-02", "what are the two most common workerEnv error states?",
             values(state, r"error state (\d+)"),
             "N of 'mod_jk child workerEnv in error state N' lines, top 2", k=2),
        distinct(t, "lh2-apache-03", "How many different scoreboard slots did jk2_init find children in?",
                 values(t.ev("E1"), r"scoreboard slot (\d+)"),
                 "distinct slot S of 'jk2_init() Found child C in scoreboard slot S' lines"),
        exists(t, "lh2-apache-04", "did 63.13.186.196 get a forbidden error?",
               grep(t, r"\[client 63\.13\.186\.196\] ", forbidden),
               "'[client 63.13.186.196] Directory index forbidden' line: yes", entity=True),
        exists(t, "lh2-apache-05", "Did any Apache child crash with a segmentation fault?",
               grep(t, r"(?i)segmentation fault|segfault|exit signal"),
               "no 'Segmentation fault' / 'exit signal' line: no"),
        last(t, "lh2-apache-06", "When was the last time jk2_init couldn't find a child in the scoreboard?",
             t.ev("E5"), "the latest \"jk2_init() Can't find child C in scoreboard\" line"),
        rate(t, "lh2-apache-07", "rate of workerEnv error-state messages per minute on Dec 4 between 06:00 and 07:00",
             state, datetime(2005, 12, 4, 6, 0), datetime(2005, 12, 4, 7, 0),
             "'mod_jk child workerEnv in error state N' lines in [Dec 4 06:00, 07:00)"),
        aggregate(t, "lh2-apache-08", "What's the highest error state number mod_jk reported?",
                  nums(state, r"error state (\d+)"), max,
                  "max N of 'mod_jk child workerEnv in error state N'"),
        errors(t, "lh2-apache-09", "show me the errors",
               "the error-ish lines: level error, or an error word in the template"),
        count(t, "lh2-apache-10", "how many times was workerEnv in error state 7?",
              grep(t, r"error state 7$", state),
              "'mod_jk child workerEnv in error state 7' lines", entity=True),
    ]


DATASETS = {"OpenSSH": openssh, "HDFS": hdfs, "Linux": linux, "OpenStack": openstack, "BGL": bgl,
            "Apache": apache}


def main() -> int:
    return h1.run(__doc__.split("\n\n")[0], DATASETS, HALVES, "askloki-heldout2-")


if __name__ == "__main__":
    sys.exit(main())
