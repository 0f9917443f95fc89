#!/usr/bin/env python3
"""A third held-out question set for `askloki ask` on the six Loghub 2k samples.

    scripts/eval_ask_loghub_heldout3.py [--loghub DIR] [--bin PATH] [--half A|B]
                                        [--json OUT] [--list] [-v]

Sixty questions, ten per sample, worded as an on-call engineer outside the project would ask
them, in their own words rather than the log's ("failed logins", "blocks deleted", "VM
spawn time", "kernel panics", "404s"). The mix: 12 counts, 10 top-k/groupings ("which IP
the most", "top 3 ..."), 7 distinct counts, 9 error summaries or yes/no questions (four
answered "no"), 8 first/last times, 8 numbers read from inside messages (sizes, seconds,
response times, counts: average, maximum, sum, p95) and 6 rates in a window; entity
filters (an IP, a user, a block, a node, an instance id, a status code) are spread across
the kinds, and eleven questions carry a time window (the rest span the whole sample).
They were written blind to the planner: without reading its code, its tests or the
question lists of
`scripts/eval_ask.py`, `scripts/eval_ask_loghub_heldout.py` and
`scripts/eval_ask_loghub_heldout2.py`.

Half A is OpenSSH, OpenStack and Apache; half B is HDFS, BGL and Linux (not the halves of
either earlier set). Ids are `lh3-<system>-NN`. Every expected answer is computed at run
time from the ground truth (`<Name>_2k.log_structured.csv`); no Loghub data is copied into
the repository. Each question carries a note of exactly what is counted. Times in the
questions are the times the lines show (BGL: its local `Time` column; a window read on its
epoch column in UTC is accepted too), built as `eval_ask_loghub_heldout.py` builds them.

The builders, clocks, running and judging are those of `scripts/eval_ask_loghub_heldout.py`
and `scripts/eval_ask_loghub_heldout2.py` (themselves on `scripts/eval_ask.py`), imported,
not copied: counts exact, averages, sums, maxima, percentiles and rates within 2 % (rates
summed back to a count), top-k as the exact set of values (a tie at the cut is refused when
the set is built), first/last as the event's earliest/latest line, yes/no from the result.
A set whose numeric answer (or accepted other reading) is zero is refused when built.
Without the samples (`../shared/loghub`, or `--loghub`, or `$ASKLOKI_LOGHUB`) the script
says so and exits 0.

Python 3.11, standard library only.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from statistics import mean
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval_ask_loghub_heldout as h1  # noqa: E402  (the first held-out set's builders, clocks, runner)
from eval_ask import Truth  # noqa: E402
from eval_ask_loghub_heldout import (  # noqa: E402
    IP, NUM, HeldOut, aggregate, count, distinct, errors, exists, first, last, nums, rate, topk,
)
from eval_ask_loghub_heldout2 import at, grep, inside, values, window_count  # noqa: E402

HALVES = {"A": ("OpenSSH", "OpenStack", "Apache"), "B": ("HDFS", "BGL", "Linux")}


# --------------------------------------------------------------------------- helpers


def entity(q: HeldOut) -> HeldOut:
    """Mark a question whose builder takes no `entity` parameter (distinct, first, last) as
    filtering on one entity."""
    q.entity = True
    return q


def p95(xs: list[float]) -> float:
    """The 95th percentile as Prometheus/Loki's quantile computes it: linear interpolation
    between the closest ranks, rank = 0.95 * (n - 1)."""
    s = sorted(xs)
    rank = 0.95 * (len(s) - 1)
    lo = int(rank)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (rank - lo)


def lit(text: str) -> str:
    return re.escape(text)


def checked_as(
    set_id: str,
) -> Callable[[Callable[[Truth], list[HeldOut]]], Callable[[Truth], list[HeldOut]]]:
    """A sample's builder, refusing a set that could be passed by an empty result: a numeric
    answer (or an accepted other reading of it) of zero, or a time/show question without
    lines; and a set that is not ten questions `<set_id>-<system>-01..10`."""

    def checked(build: Callable[[Truth], list[HeldOut]]) -> Callable[[Truth], list[HeldOut]]:
        def run(t: Truth) -> list[HeldOut]:
            qs = build(t)
            prefix = f"{set_id}-{t.name.lower()}-"
            if len(qs) != 10 or [q.qid for q in qs] != [f"{prefix}{i:02d}" for i in range(1, 11)]:
                raise SystemExit(f"{t.name}: expected ten questions {prefix}01..10, got {[q.qid for q in qs]}")
            for q in qs:
                if q.number is not None and (q.number == 0 or 0 in q.accept):
                    raise SystemExit(f"{q.qid}: a zero answer or accepted reading ({q.expected()})")
                if q.intent in ("first", "last", "show", "errors") and not q.rows:
                    raise SystemExit(f"{q.qid}: no lines to show")
            return qs

        return run

    return checked


checked = checked_as("lh3")


# --------------------------------------------------------------------------- half A


def openssh(t: Truth) -> list[HeldOut]:
    failed = t.ev("E9", "E10")  # "Failed password for [invalid user] U from IP port N ssh2"
    repeated = t.ev("E14")  # "message repeated N times: [ Failed password for ...]"
    invalid = t.ev("E13")  # "Invalid user U from IP": one per attempt with an unknown name
    ip_a, ip_b, ip_c = "187.141.143.180", "103.99.0.122", "183.62.140.253"
    tried_b = values(grep(t, rf"from {lit(ip_b)}$", invalid) + grep(t, rf"from {lit(ip_b)} port", failed),
                     r"(?:[Ii]nvalid user|Failed password for(?: invalid user)?) (\S+) from")
    tried_b_invalid = values(grep(t, rf"from {lit(ip_b)}$", invalid), r"Invalid user (\S+) from")
    pam_summaries = t.ev("E15", "E16", "E17")  # "PAM N more authentication failure(s); ..."
    nine, ten = at(t, 12, 10, 9, 0), at(t, 12, 10, 10, 0)
    return [
        count(t, "lh3-openssh-01", f"How many failed password attempts came from {ip_a}?",
              grep(t, rf"from {lit(ip_a)} port", failed),
              f'"Failed password" lines (valid or invalid user) whose source is {ip_a}; the PAM '
              f'"authentication failure" lines are a different event and not counted', entity=True),
        window_count(t, "lh3-openssh-02",
                     "Between 9 and 10 am, how many login attempts used a username that doesn't exist "
                     "on the server?", invalid, nine, ten,
                     '"Invalid user U from IP" lines in [09:00, 10:00) on Dec 10 (one per attempt; the '
                     'matching "input_userauth_request: invalid user" lines are not counted again)'),
        topk(t, "lh3-openssh-03",
             "Which IP got flagged most often as a possible break-in because its reverse DNS didn't "
             "check out?", values(t.ev("E27"), r"\[" + IP + r"\]"),
             'the bracketed IP of "reverse mapping checking getaddrinfo ... failed - POSSIBLE BREAK-IN '
             'ATTEMPT!" lines, by number of lines'),
        topk(t, "lh3-openssh-04", "Top 3 non-existent usernames attackers tried?",
             values(invalid, r"Invalid user (\S+) from"),
             'the user of "Invalid user U from IP" lines, by number of lines (the "input_userauth_request" '
             'and "Failed password for invalid user" lines rank the same three first)', k=3),
        entity(distinct(t, "lh3-openssh-05", f"How many different usernames did {ip_b} try to log in as?",
                        tried_b,
                        f'distinct U over "Invalid user U from {ip_b}" and "Failed password for [invalid '
                        f'user] U from {ip_b}" lines; the unknown names alone are accepted too',
                        accept=(len(set(tried_b_invalid)),))),
        exists(t, "lh3-openssh-06", "Did anyone successfully log in as root?",
               grep(t, r"^Accepted \S+ for root from"),
               'no: there is no "Accepted password/publickey for root" line (the one accepted login is '
               'another user)', entity=True),
        exists(t, "lh3-openssh-07", "Did sshd kick anyone off for too many bad auth attempts?",
               t.ev("E4"), 'yes: "Disconnecting: Too many authentication failures for U [preauth]" lines'),
        entity(last(t, "lh3-openssh-08", f"When was the last failed login from {ip_c}?",
                    [r for r in t.ev("E9", "E10", "E19", "E20")
                     if re.search(rf"(?:from |rhost=){lit(ip_c)}\b", r.content)],
                    f'the latest "Failed password ... from {ip_c}" or PAM "authentication failure ... '
                    f'rhost={ip_c}" line (both are logged in the same second)')),
        aggregate(t, "lh3-openssh-09",
                  "PAM sometimes rolls several auth failures into one summary line. What's the total number "
                  "of failures in those summaries?", nums(pam_summaries, r"^PAM (\d+) more authentication failure"),
                  sum, 'sum of N over "PAM N more authentication failure(s); ..." lines'),
        rate(t, "lh3-openssh-10", "What was the rate of failed password attempts per minute between 10:50 and 11:00?",
             failed + repeated, at(t, 12, 10, 10, 50), at(t, 12, 10, 11, 0),
             '"Failed password" lines in [10:50, 11:00) on Dec 10 (per-minute rate, summed back to a count; '
             'no "message repeated" line falls in the window)'),
    ]


def openstack(t: Truth) -> list[HeldOut]:
    api = t.ev("E24", "E25", "E26")  # '<client> "METHOD <path> HTTP/1.1" status: S len: L time: T'
    meta = [r for r in api if r.fields["Component"] == "nova.metadata.wsgi.server"]
    instance = r"\[instance: (\S+)\]"
    vm = "78dc1847-8848-49cc-933e-9239b12c9dcf"
    return [
        count(t, "lh3-openstack-01", "How many 404s did the API return?", grep(t, r"status: 404\b", api),
              'request lines of both nova API servers (compute API and metadata service) with "status: 404"',
              entity=True),
        window_count(t, "lh3-openstack-02", "How many instances were terminated between 00:05 and 00:10?",
                     t.ev("E11"), at(t, 2017, 5, 16, 0, 5), at(t, 2017, 5, 16, 0, 10),
                     '"[instance: ID] Terminating instance" lines in [00:05, 00:10) on 2017-05-16'),
        topk(t, "lh3-openstack-03", "What are the 3 most requested API endpoints?",
             values(api, r'"(?:GET|POST|PUT|DELETE) (\S+) HTTP'),
             "the request path (query string included) of the request lines of both API servers, by "
             "number of requests", k=3),
        topk(t, "lh3-openstack-04",
             "Which instance was skipped most often by the power-state sync because it was still spawning?",
             values(t.ev("E7"), instance),
             'the instance of "During sync_power_state the instance has a pending task (spawning). Skip." '
             "lines, by number of lines"),
        distinct(t, "lh3-openstack-05", "How many distinct VMs were terminated?",
                 values(t.ev("E11"), instance), 'distinct instance ids of "Terminating instance" lines'),
        exists(t, "lh3-openstack-06", "Did nova log anything at ERROR level?", t.where("Level", "ERROR"),
               "no: the levels are INFO and WARNING only"),
        entity(last(t, "lh3-openstack-07", f"When did instance {vm} finish spawning?",
                    grep(t, re.escape(f"[instance: {vm}]"), t.ev("E9", "E15")),
                    f'the "Instance spawned successfully" / "Took N seconds to spawn" line of {vm} (same timestamp)')),
        aggregate(t, "lh3-openstack-08", "What was the average VM spawn time in seconds?",
                  nums(t.ev("E15"), rf"Took {NUM} seconds to spawn"), mean,
                  'mean N of "Took N seconds to spawn the instance on the hypervisor" (not the build time)'),
        aggregate(t, "lh3-openstack-09", "What's the p95 response time of the server list (servers/detail) calls?",
                  nums(grep(t, r'"GET \S*/servers/detail', api), rf"time: {NUM}"), p95,
                  '95th percentile (Prometheus-style interpolation; nearest-rank is within 1 %) of "time:" '
                  'over "GET .../servers/detail" request lines'),
        rate(t, "lh3-openstack-10",
             "How many requests per minute was the metadata service serving between 00:05 and 00:10?",
             meta, at(t, 2017, 5, 16, 0, 5), at(t, 2017, 5, 16, 0, 10),
             "request lines of nova.metadata.wsgi.server in [00:05, 00:10) (per-minute rate, summed back "
             "to a count)"),
    ]


def apache(t: Truth) -> list[HeldOut]:
    refused = t.ev("E4")  # "[client IP] Directory index forbidden by rule: DIR"
    err_state = t.ev("E3")  # "mod_jk child workerEnv in error state N"
    client = "218.39.132.175"
    return [
        count(t, "lh3-apache-01", "How many directory-listing requests got refused?", refused,
              '"Directory index forbidden by rule" lines'),
        window_count(t, "lh3-apache-02",
                     "How many times on December 5th did mod_jk report a worker stuck in an error state?",
                     err_state, at(t, 2005, 12, 5), at(t, 2005, 12, 6),
                     '"mod_jk child workerEnv in error state N" lines dated Dec 5 2005'),
        topk(t, "lh3-apache-03", "What are the three most frequent mod_jk error state codes?",
             values(err_state, r"error state (\d+)"),
             'N of "mod_jk child workerEnv in error state N", by number of lines', k=3),
        distinct(t, "lh3-apache-04", "How many different client IPs were denied a directory listing?",
                 values(refused, r"\[client " + IP + r"\]"),
                 'distinct client IPs of "Directory index forbidden" lines'),
        exists(t, "lh3-apache-05", f"Was {client} denied anything?", grep(t, lit(client)),
               f"yes: a directory index refused to client {client} (its only line)", entity=True),
        exists(t, "lh3-apache-06", "Did any Apache child process crash with a segfault?",
               grep(t, r"(?i)segmentation fault|segfault|exit signal"),
               'no: no "Segmentation fault" / "exit signal" line'),
        first(t, "lh3-apache-07", "When did Apache first fail to find one of its child processes in the scoreboard?",
              t.ev("E5"), "the earliest \"jk2_init() Can't find child N in scoreboard\" line(s)"),
        last(t, "lh3-apache-08", "When was the last refused directory listing?", refused,
             'the latest "Directory index forbidden by rule" line'),
        aggregate(t, "lh3-apache-09", "What's the highest scoreboard slot a jk2 child was found in?",
                  nums(t.ev("E1"), r"in scoreboard slot (\d+)"), max,
                  'max N of "jk2_init() Found child P in scoreboard slot N"'),
        rate(t, "lh3-apache-10", "How many errors per minute was Apache logging between 6 and 7 am on December 4th?",
             t.where("Level", "error"), at(t, 2005, 12, 4, 6), at(t, 2005, 12, 4, 7),
             "[error]-level lines in [06:00, 07:00) on Dec 4 2005 (per-minute rate, summed back to a count)"),
    ]


# --------------------------------------------------------------------------- half B


def hdfs(t: Truth) -> list[HeldOut]:
    deleting = t.ev("E9")  # "Deleting block B file PATH" (the datanode removes the block)
    invalidated = t.ev("E8")  # "BLOCK* NameSystem.delete: B is added to invalidSet of NODE:PORT"
    received = t.ev("E11", "E12")  # "Received block B [src/dest ...] of size N [from /NODE]"
    node, sender, block = "10.250.5.161", "10.251.214.130", "blk_-8775602795571523802"
    asked = values(t.ev("E4"), r"ask ([\d.]+):")  # "BLOCK* ask NODE:PORT to delete ..."
    invalid_nodes = values(invalidated, r"invalidSet of ([\d.]+):")
    return [
        count(t, "lh3-hdfs-01", "How many times did a datanode fail while sending a block to a client?",
              t.ev("E3"), '"NODE:PORT:Got exception while serving B to /CLIENT:" lines'),
        count(t, "lh3-hdfs-02", f"How many blocks on datanode {node} were invalidated?",
              grep(t, rf"invalidSet of {lit(node)}:", invalidated),
              f'"NameSystem.delete: B is added to invalidSet of {node}:50010" lines', entity=True),
        topk(t, "lh3-hdfs-03", "Which block was deleted the most often?",
             values(deleting, r"Deleting block (blk_-?\d+)"),
             'B of the datanodes\' "Deleting block B file PATH" lines, by number of lines'),
        topk(t, "lh3-hdfs-04", "Which 3 datanodes took in the most block writes?",
             values(t.ev("E13"), r"dest: /([\d.]+):"),
             'the dest node of "Receiving block B src: /IP:PORT dest: /IP:PORT" lines, by number of lines',
             k=3),
        distinct(t, "lh3-hdfs-05", "How many different datanodes had blocks invalidated?", invalid_nodes,
                 'distinct NODE of "added to invalidSet of NODE" lines; with the nodes the namenode '
                 '"asks to delete" added, also accepted', accept=(len(set(invalid_nodes) | set(asked)),)),
        errors(t, "lh3-hdfs-06", "Show me the warnings and errors from HDFS.",
               "any of eval_ask.py's error-ish lines (WARN/ERROR level or an error-like template); here "
               'the WARN "Got exception while serving" lines'),
        entity(last(t, "lh3-hdfs-07", f"When was block {block} last deleted?",
                    grep(t, rf"Deleting block {lit(block)}\b", deleting),
                    f'the latest "Deleting block {block} file ..." line')),
        aggregate(t, "lh3-hdfs-08", f"What's the average size of the blocks {sender} sent to other datanodes?",
                  nums(grep(t, rf"from /{lit(sender)}$", received), r"of size (\d+)"), mean,
                  f'mean N in bytes of "Received block B of size N from /{sender}" lines', entity=True),
        aggregate(t, "lh3-hdfs-09",
                  "How many bytes did the datanodes receive in total between 21:00 and 22:00 on Nov 10?",
                  nums(inside(t, received, at(t, 2008, 11, 10, 21), at(t, 2008, 11, 10, 22)), r"of size (\d+)"),
                  sum, 'sum of N over "Received block B ... of size N" lines in [21:00, 22:00) on 2008-11-10'),
        rate(t, "lh3-hdfs-10", "How many blocks per minute were being deleted between 10:00 and 11:00 on Nov 10?",
             deleting, at(t, 2008, 11, 10, 10), at(t, 2008, 11, 10, 11),
             '"Deleting block B file PATH" lines in [10:00, 11:00) on 2008-11-10 (per-minute rate, summed '
             "back to a count)"),
    ]


def bgl(t: Truth) -> list[HeldOut]:
    lustre = t.ev("E80", "E81")  # "Lustre mount FAILED : IONODE : ..."
    fatal = t.where("Level", "FATAL")
    node = "R30-M0-N9-C:J16-U01"
    dumps = t.ev("E34")  # "ciod: generated N core files for program P"
    programs = values(dumps, r"core files for program (\S+)")
    by_files: Counter[str] = Counter()
    for n, p in zip(values(dumps, r"generated (\d+) core files"), programs):
        by_files[p] += int(n)
    by_lines = Counter(programs).most_common(1)[0][0]
    if by_files.most_common(1)[0][0] != by_lines:
        raise SystemExit("lh3-bgl-03: the program with the most core-dump lines is not the one with the most files")
    return [
        count(t, "lh3-bgl-01", "How many times did a Lustre filesystem mount fail?", lustre,
              '"Lustre mount FAILED" lines (NFS mount retries are not counted)'),
        count(t, "lh3-bgl-02", f"How many fatal errors did node {node} report?",
              [r for r in fatal if r.fields["Node"] == node], f"FATAL-level lines of node {node}", entity=True),
        topk(t, "lh3-bgl-03", "Which program left behind the most core dumps?", programs,
             'P of "ciod: generated N core files for program P" lines, by number of lines (the same program '
             "leads when N is summed)"),
        distinct(t, "lh3-bgl-04", "How many distinct nodes reported FATAL errors?",
                 [r.fields["Node"] for r in fatal], "distinct node locations of FATAL-level lines"),
        exists(t, "lh3-bgl-05", "Were there any kernel panics?", t.ev("E108"),
               'yes: "rts panic! - stopping execution" lines'),
        exists(t, "lh3-bgl-06", "Did any job run out of memory?", grep(t, r"(?i)out of memory|\boom\b|oom-kill"),
               'no: no "out of memory" / OOM line'),
        first(t, "lh3-bgl-07", "When did the first Lustre mount failure happen?", lustre,
              'the earliest "Lustre mount FAILED" line'),
        aggregate(t, "lh3-bgl-08", "How many floating point alignment exceptions were reported in total?",
                  nums(t.ev("E4"), r"^(\d+) floating point alignment exceptions"), sum,
                  'sum of N over "N floating point alignment exceptions" lines'),
        aggregate(t, "lh3-bgl-09", "What's the average total-interrupt count across the interrupt summary messages?",
                  nums(t.ev("E12"), r"^(\d+) total interrupts"), mean,
                  'mean N of "N total interrupts. M critical input interrupts. ..." lines'),
        rate(t, "lh3-bgl-10",
             "How many core files per minute were compute nodes generating on July 9 2005 between 17:00 and 19:00?",
             t.ev("E67"), at(t, 2005, 7, 9, 17), at(t, 2005, 7, 9, 19),
             '"generating core.N" lines in [17:00, 19:00) on 2005-07-09 by the local Time column (the same '
             "window on the epoch column read in UTC accepted too; per-minute rate, summed back to a count)"),
    ]


def linux(t: Truth) -> list[HeldOut]:
    ssh_fail = t.ev("E16", "E17", "E18", "E19")  # sshd(pam_unix) "authentication failure; ... rhost=H [user=U]"
    ftp = t.ev("E29")  # ftpd "connection from IP (HOST) at TIME"
    return [
        count(t, "lh3-linux-01", "How many failed SSH logins were there for root?",
              grep(t, r"\buser=root\b", ssh_fail),
              'sshd(pam_unix) "authentication failure; ... user=root" lines', entity=True),
        window_count(t, "lh3-linux-02", "How many FTP connections came in on July 17?", ftp,
                     at(t, 7, 17), at(t, 7, 18), 'ftpd "connection from IP" lines dated Jul 17'),
        topk(t, "lh3-linux-03", "Which remote host failed SSH authentication the most?",
             values(ssh_fail, r"rhost=(\S+)"),
             'rhost of sshd(pam_unix) "authentication failure" lines, by number of lines'),
        topk(t, "lh3-linux-04", "Which two accounts had the most sessions opened?",
             values(t.ev("E102", "E103"), r"session opened for user (\S+) by"),
             'U of "session opened for user U by ..." lines, by number of lines', k=2),
        distinct(t, "lh3-linux-05", "How many different IPs connected to the FTP server?",
                 values(ftp, r"connection from " + IP), 'distinct IPs of ftpd "connection from IP" lines'),
        distinct(t, "lh3-linux-06", "How many distinct remote hosts failed SSH authentication?",
                 values(ssh_fail, r"rhost=(\S+)"),
                 'distinct rhost (IP or host name) of sshd(pam_unix) "authentication failure" lines'),
        exists(t, "lh3-linux-07", "Did anyone log in as root directly at the console?", t.ev("E91", "E103"),
               'yes: "ROOT LOGIN ON tty2" and its "session opened for user root by LOGIN" line'),
        first(t, "lh3-linux-08", "When did the first Kerberos login failure happen?", t.ev("E61", "E13", "E14"),
              'the earliest klogind "Kerberos authentication failed" / "Authentication failed from IP" '
              "line(s) (same second)"),
        last(t, "lh3-linux-09", "When did the syslog daemon last restart?", t.ev("E90", "E106"),
             'the latest syslogd "restart." or "syslogd startup succeeded" line(s) (same second)'),
        rate(t, "lh3-linux-10", "How many FTP connections per minute were we getting on July 9 between noon and 1 pm?",
             ftp, at(t, 7, 9, 12), at(t, 7, 9, 13),
             'ftpd "connection from IP" lines in [12:00, 13:00) on Jul 9 (per-minute rate, summed back to a count)'),
    ]


DATASETS = {name: checked(build) for name, build in (
    ("OpenSSH", openssh), ("OpenStack", openstack), ("Apache", apache),
    ("HDFS", hdfs), ("BGL", bgl), ("Linux", linux))}


def main() -> int:
    return h1.run(__doc__.split("\n\n")[0], DATASETS, HALVES, "askloki-heldout3-")


if __name__ == "__main__":
    sys.exit(main())
