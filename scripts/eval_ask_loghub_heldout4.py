#!/usr/bin/env python3
"""A fourth held-out question set for `askloki ask` on the six Loghub 2k samples.

    scripts/eval_ask_loghub_heldout4.py [--loghub DIR] [--bin PATH] [--half A|B]
                                        [--json OUT] [--list] [-v]

Sixty questions, ten per sample, worded as an on-call engineer outside the project would ask
them, mostly in their own words rather than the log's ("never sent an SSH banner", "image
cache wouldn't clean up", "refused a directory listing", "block scanner said it was fine",
"couldn't attach Lustre", "log rotation blew up"). They aim at events the earlier sets'
descriptions do not name, moderate and rare ones included. The mix: 12 counts, 10
top-k/groupings ("which node the most", "top 3 ..."), 7 distinct counts, 9 error summaries
or yes/no questions (four answered "no"), 8 first/last times, 8 numbers read from inside
messages (seconds, bytes, slot numbers, core files, exception counts: average, maximum,
sum, p95) and 6 rates in a window; entity filters (an IP, a user, a block id, a node, an
instance id, a status code) are spread across the kinds, and twelve questions carry a
time window (the rest span the whole sample). They were written blind to the planner:
without reading its code, its tests or the question lists of `scripts/eval_ask.py`,
`scripts/eval_ask_loghub_heldout.py`, `scripts/eval_ask_loghub_heldout2.py` and
`scripts/eval_ask_loghub_heldout3.py`.

Half A is HDFS, BGL and Linux; half B is OpenSSH, OpenStack and Apache. Ids are
`lh4-<system>-NN`. Every expected answer is computed at run time from the ground truth
(`<Name>_2k.log_structured.csv`); no Loghub data is copied into the repository. Each
question carries a note of exactly what is counted. Times in the questions are the times
the lines show (BGL: its local `Time` column; a window read on its epoch column in UTC is
accepted too), built as `eval_ask_loghub_heldout.py` builds them.

The builders, clocks, running and judging are those of `scripts/eval_ask_loghub_heldout.py`,
`scripts/eval_ask_loghub_heldout2.py` and `scripts/eval_ask_loghub_heldout3.py` (themselves
on `scripts/eval_ask.py`), imported, not copied: counts exact, averages, sums, maxima,
percentiles and rates within 2 % (rates summed back to a count), top-k as the exact set of
values (a tie at the cut is refused when the set is built), first/last as the event's
earliest/latest line, yes/no from the result. A set whose numeric answer (or accepted other
reading) is zero is refused when built. Without the samples (`../shared/loghub`, or
`--loghub`, or `$ASKLOKI_LOGHUB`) the script says so and exits 0.

Python 3.11, standard library only.
"""
from __future__ import annotations

import sys
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
from eval_ask_loghub_heldout3 import checked_as, entity, lit, p95  # noqa: E402

HALVES = {"A": ("HDFS", "BGL", "Linux"), "B": ("OpenSSH", "OpenStack", "Apache")}
UUID = r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"


# --------------------------------------------------------------------------- helpers


checked = checked_as("lh4")


# --------------------------------------------------------------------------- half B


def openssh(t: Truth) -> list[HeldOut]:
    no_banner = t.ev("E3")  # Did not receive identification string from <ip>
    closed_early = grep(t, r"^Connection closed by \S+ \[preauth\]$")
    unknown_fail = grep(t, r"^pam_unix\(sshd:auth\): authentication failure; .* rhost=\S+\s*$")  # no user=
    invalid = grep(t, r"^Invalid user ")
    breakin = grep(t, r"POSSIBLE BREAK-IN ATTEMPT")
    key_login = grep(t, r"Accepted publickey")
    fztu_in = grep(t, r"^Accepted password for fztu ")
    too_many = grep(t, r"^Disconnecting: Too many authentication failures")
    pam_more = grep(t, r"^PAM \d+ more authentication failures?;")
    no_methods = grep(t, r"No more user authentication methods available")
    return [
        count(t, "lh4-openssh-01",
              "how many times did a client connect and then never even send an SSH version banner?",
              no_banner, '"Did not receive identification string from IP" lines'),
        count(t, "lh4-openssh-02",
              "how many connections from 5.188.10.180 were dropped before they ever authenticated?",
              grep(t, lit("5.188.10.180"), closed_early),
              '"Connection closed by 5.188.10.180 [preauth]" lines', entity=True),
        topk(t, "lh4-openssh-03",
             "top 3 remote hosts behind PAM auth failures for accounts that don't exist",
             values(unknown_fail, r"rhost=(\S+)\s*$"),
             'rhost of the pam_unix "authentication failure" lines without a user= field '
             '(they follow "check pass; user unknown"), top 3 by line count', k=3),
        topk(t, "lh4-openssh-04",
             "which made-up username did the scanners try the most?",
             values(invalid, r"^Invalid user (\S+) from"),
             'user of the "Invalid user USER from IP" lines, by line count'),
        distinct(t, "lh4-openssh-05",
                 "how many different addresses had a hostname that didn't resolve back to them "
                 "(the possible break-in warning)?",
                 values(breakin, r"\[" + IP + r"\]"),
                 'distinct bracketed IPs of "reverse mapping checking getaddrinfo ... failed - '
                 'POSSIBLE BREAK-IN ATTEMPT!" lines'),
        exists(t, "lh4-openssh-06", "did anybody log in with an ssh key?", key_login,
               'an "Accepted publickey" line (there is none: no)'),
        exists(t, "lh4-openssh-07", "did fztu ever manage to get in?", fztu_in,
               'an "Accepted password for fztu" line (yes)', entity=True),
        last(t, "lh4-openssh-08",
             "when was the last time sshd booted a client for too many bad authentication attempts?",
             too_many, 'the latest "Disconnecting: Too many authentication failures for USER" line'),
        aggregate(t, "lh4-openssh-09",
                  "adding up PAM's 'N more authentication failures' notices, how many extra "
                  "failures were reported in total?",
                  nums(pam_more, r"^PAM (\d+) more"), sum,
                  'sum of N over "PAM N more authentication failure(s); ..." lines'),
        rate(t, "lh4-openssh-10",
             "between 11:00 and 11:10 on Dec 10, how fast per minute was 103.99.0.122 getting "
             "dropped because it ran out of ways to authenticate?",
             grep(t, lit("from 103.99.0.122:"), no_methods), at(t, 12, 10, 11, 0), at(t, 12, 10, 11, 10),
             '"error: Received disconnect from 103.99.0.122: 14: No more user authentication methods '
             'available. [preauth]" lines in [11:00, 11:10) on Dec 10 (per-minute rate, summed back '
             'to a count)', entity=True),
    ]


def openstack(t: Truth) -> list[HeldOut]:
    too_young = grep(t, r"^Base or swap file too young to remove: ")
    http = grep(t, r'"(?:GET|POST|PUT|DELETE) \S+ HTTP/1\.1" status: \d+')
    metadata = [r for r in http if r.fields["Component"] == "nova.metadata.wsgi.server"]
    lifecycle = grep(t, r"\] VM \w+ \(Lifecycle Event\)$")
    paused = grep(t, r"\] VM Paused \(Lifecycle Event\)$")
    terminating = grep(t, r"^\[instance: " + lit("78dc1847-8848-49cc-933e-9239b12c9dcf") + r"\] Terminating instance$")
    destroy = grep(t, r"Took \d+(?:\.\d+)? seconds to destroy the instance on the hypervisor")
    deletes = grep(t, r'"DELETE \S+ HTTP/1\.1" status: ')
    resumed = grep(t, r"\] VM Resumed \(Lifecycle Event\)$")
    return [
        count(t, "lh4-openstack-01",
              "how many times did the image cache refuse to clean up a base image because it "
              "was still too new?",
              too_young, '"Base or swap file too young to remove: PATH" lines'),
        window_count(t, "lh4-openstack-02",
                     "how many API calls came back with a 204 between 00:05 and 00:10?",
                     grep(t, r"status: 204 ", http),
                     at(t, 2017, 5, 16, 0, 5), at(t, 2017, 5, 16, 0, 10),
                     'wsgi request lines with "status: 204" in [00:05, 00:10) on 2017-05-16',
                     entity=True),
        topk(t, "lh4-openstack-03",
             "which 3 guest IPs hit the metadata service hardest?",
             values(metadata, r"^" + IP + r","),
             'the first (guest) address of nova.metadata.wsgi.server request lines '
             '("10.11.21.x,10.11.10.1 \\"GET ...\\""), top 3 by line count', k=3),
        topk(t, "lh4-openstack-04",
             "what kind of VM lifecycle change did nova record most often?",
             values(lifecycle, r"\] VM (\w+) \(Lifecycle Event\)"),
             'the state word of "[instance: ID] VM STATE (Lifecycle Event)" lines, by line count'),
        distinct(t, "lh4-openstack-05", "how many different VMs got paused?",
                 values(paused, r"\[instance: " + UUID + r"\]"),
                 'distinct instance ids of "VM Paused (Lifecycle Event)" lines'),
        errors(t, "lh4-openstack-06", "anything in the nova logs that looks like trouble?",
               "the error-ish lines: WARNING level (unknown base files, the power-state sync "
               'mismatch) and "HTTP exception thrown" lines'),
        entity(first(t, "lh4-openstack-07",
                     "when did nova start shutting down instance 78dc1847-8848-49cc-933e-9239b12c9dcf?",
                     terminating,
                     'the "[instance: 78dc1847-...] Terminating instance" line')),
        aggregate(t, "lh4-openstack-08",
                  "on average how long did the hypervisor take to tear a VM down, in seconds?",
                  nums(destroy, r"Took " + NUM + r" seconds to destroy"), mean,
                  'mean of S over "Took S seconds to destroy the instance on the hypervisor." lines'),
        aggregate(t, "lh4-openstack-09",
                  "what's the p95 latency of the server DELETE API calls?",
                  nums(deletes, r"time: " + NUM), p95,
                  '95th percentile of "time: T" over "DELETE /v2/.../servers/ID" request lines '
                  "(linear interpolation, rank 0.95*(n-1))"),
        rate(t, "lh4-openstack-10",
             "per minute, how often were VMs resuming between 00:02 and 00:08?",
             resumed, at(t, 2017, 5, 16, 0, 2), at(t, 2017, 5, 16, 0, 8),
             '"VM Resumed (Lifecycle Event)" lines in [00:02, 00:08) on 2017-05-16 (per-minute '
             "rate, summed back to a count)"),
    ]


def apache(t: Truth) -> list[HeldOut]:
    forbidden = grep(t, r"Directory index forbidden by rule")
    lost_child = grep(t, r"^jk2_init\(\) Can't find child \d+ in scoreboard")
    found_child = grep(t, r"^jk2_init\(\) Found child \d+ in scoreboard slot \d+")
    error_state = grep(t, r"^mod_jk child workerEnv in error state \d+")
    segv = grep(t, r"(?i)segmentation fault|segfault|exit signal 11")
    init_fail = grep(t, r"^mod_jk child init ")
    env_ok = grep(t, r"^workerEnv\.init\(\) ok ")
    return [
        count(t, "lh4-apache-01", "how many times was a visitor refused a directory listing?",
              forbidden, '"[client IP] Directory index forbidden by rule: PATH" lines'),
        window_count(t, "lh4-apache-02",
                     "on Dec 5, how many times did jk2 lose track of a worker child in the scoreboard?",
                     lost_child, at(t, 2005, 12, 5), at(t, 2005, 12, 6),
                     '"jk2_init() Can\'t find child PID in scoreboard" lines on Mon Dec 05 2005'),
        topk(t, "lh4-apache-03", "top 3 scoreboard slots that worker children turned up in",
             values(found_child, r"scoreboard slot (\d+)"),
             'slot N of "jk2_init() Found child PID in scoreboard slot N" lines, top 3 by line count',
             k=3),
        distinct(t, "lh4-apache-04", "how many distinct error-state codes did mod_jk report?",
                 values(error_state, r"error state (\d+)"),
                 'distinct N of "mod_jk child workerEnv in error state N" lines'),
        exists(t, "lh4-apache-05", "did any httpd child crash with a segfault?", segv,
               'a "Segmentation fault" / "segfault" / "exit signal 11" line (there is none: no)'),
        exists(t, "lh4-apache-06", "was 61.220.139.68 ever turned away by the server?",
               grep(t, lit("[client 61.220.139.68]")),
               'a "[client 61.220.139.68] ..." line (a directory-index denial: yes)', entity=True),
        first(t, "lh4-apache-07", "when did mod_jk first fail to initialise a child?", init_fail,
              'the earliest "mod_jk child init 1 -2" line'),
        last(t, "lh4-apache-08", "on Dec 4, what was the last time the worker environment came up fine?",
             inside(t, env_ok, at(t, 2005, 12, 4), at(t, 2005, 12, 5)),
             'the latest "workerEnv.init() ok /etc/httpd/conf/workers2.properties" line on Sun Dec 04 2005'),
        aggregate(t, "lh4-apache-09", "what's the highest scoreboard slot any worker child was found in?",
                  nums(found_child, r"scoreboard slot (\d+)"), max,
                  'max N of "jk2_init() Found child PID in scoreboard slot N" lines'),
        rate(t, "lh4-apache-10",
             "what was the hourly rate of mod_jk error-state complaints between 06:00 and 08:00 on Dec 4?",
             error_state, at(t, 2005, 12, 4, 6), at(t, 2005, 12, 4, 8),
             '"mod_jk child workerEnv in error state N" lines in [06:00, 08:00) on Sun Dec 04 2005 '
             "(per-hour rate, summed back to a count)"),
    ]


# --------------------------------------------------------------------------- half A


def hdfs(t: Truth) -> list[HeldOut]:
    verified = grep(t, r"^Verification succeeded for blk_")
    invalidated = grep(t, r"is added to invalidSet of ")
    serve_fail = grep(t, r":Got exception while serving blk_")
    block_map = grep(t, r"^BLOCK\* NameSystem\.addStoredBlock: blockMap updated: ")
    served = grep(t, r"Served block blk_-?\d+ to /")
    bad_verify = grep(t, r"(?i)verification failed|corrupt|checksum error")
    block = "blk_-4411589101766563890"
    received = grep(t, r"^Received block blk_-?\d+ of size \d+ from /")
    receiving = grep(t, r"^Receiving block blk_-?\d+ src: ")
    return [
        count(t, "lh4-hdfs-01",
              "how many times did the block scanner confirm a block was healthy?",
              verified, '"Verification succeeded for blk_ID" lines (dfs.DataBlockScanner)'),
        count(t, "lh4-hdfs-02",
              "how many blocks were queued for invalidation on datanode 10.250.5.161?",
              grep(t, r"invalidSet of " + lit("10.250.5.161:"), invalidated),
              '"BLOCK* NameSystem.delete: blk_ID is added to invalidSet of 10.250.5.161:50010" lines',
              entity=True),
        topk(t, "lh4-hdfs-03", "which two datanodes had the most trouble serving blocks?",
             values(serve_fail, r"^" + IP + r":\d+:Got exception"),
             'the serving datanode (address before ":50010:Got exception while serving") of the WARN '
             "lines, top 2 by line count", k=2),
        topk(t, "lh4-hdfs-04",
             "according to the namenode, which datanode stored the most block replicas?",
             values(block_map, r"blockMap updated: " + IP + r":\d+"),
             'the datanode of "addStoredBlock: blockMap updated: IP:50010 is added to blk_ID size N" '
             "lines, by line count"),
        distinct(t, "lh4-hdfs-05", "how many different clients did the datanodes hand blocks to?",
                 values(served, r"Served block blk_-?\d+ to /" + IP),
                 'distinct destination IPs of "IP:50010 Served block blk_ID to /IP" lines'),
        exists(t, "lh4-hdfs-06", "did any block fail its integrity check?", bad_verify,
               'a "Verification failed" / "corrupt" / "checksum error" line (there is none: no)'),
        entity(last(t, "lh4-hdfs-07", f"when was {block} last mentioned?",
                    grep(t, lit(block)), f"the latest line naming {block}")),
        aggregate(t, "lh4-hdfs-08",
                  "how many bytes in total did the namenode record as stored on 10.251.73.220?",
                  nums(grep(t, r"blockMap updated: " + lit("10.251.73.220:"), block_map), r" size (\d+)$"),
                  sum, 'sum of N over "blockMap updated: 10.251.73.220:50010 is added to blk_ID size N" '
                       "lines", entity=True),
        aggregate(t, "lh4-hdfs-09", "what was the average size of the blocks datanodes received on Nov 11?",
                  nums(inside(t, received, at(t, 2008, 11, 11), at(t, 2008, 11, 12)), r"of size (\d+)"),
                  mean, 'mean of N over "Received block blk_ID of size N from /IP" lines dated 081111'),
        rate(t, "lh4-hdfs-10",
             "per minute, how quickly were incoming block writes starting between 04:00 and 05:00 "
             "on Nov 11?",
             receiving, at(t, 2008, 11, 11, 4), at(t, 2008, 11, 11, 5),
             '"Receiving block blk_ID src: /IP:PORT dest: /IP:50010" lines in [04:00, 05:00) on '
             "081111 (per-minute rate, summed back to a count)"),
    ]


def bgl(t: Truth) -> list[HeldOut]:
    lustre = grep(t, r"Lustre mount FAILED")
    ddr = grep(t, r"ddr errors?\(s\) detected and corrected")
    icache = grep(t, r"^instruction cache parity error corrected$")
    ce_sym = grep(t, r"^CE sym \d+, at ")
    load_fail = grep(t, r"^ciod: Error loading ")
    dcr = grep(t, r"^MACHINE CHECK DCR read timeout")
    cores = grep(t, r"^ciod: generated \d+ core files for program ")
    fp_align = grep(t, r"^\d+ floating point alignment exceptions$")
    tlb = grep(t, r"^data TLB error interrupt$")
    node = "R26-M0-N0-I:J18-U11"
    return [
        count(t, "lh4-bgl-01", "how many times couldn't a node attach the Lustre filesystem?",
              lustre, '"Lustre mount FAILED : bglioN : ..." lines'),
        window_count(t, "lh4-bgl-02", "how many corrected DDR memory error reports came in during December 2005?",
                     ddr, at(t, 2005, 12, 1), at(t, 2006, 1, 1),
                     '"... ddr error(s) detected and corrected ..." lines (per-rank, "total of" and '
                     '"over S seconds" variants) in December 2005'),
        topk(t, "lh4-bgl-03", "which two nodes needed the most instruction-cache parity fixes?",
             [r.fields["Node"] for r in icache],
             'the node of "instruction cache parity error corrected" lines, top 2 by line count', k=2),
        topk(t, "lh4-bgl-04", "which node logged the most correctable memory error (CE sym) events?",
             [r.fields["Node"] for r in ce_sym],
             'the node of "CE sym N, at ADDR, mask M" lines, by line count'),
        distinct(t, "lh4-bgl-05", "how many different I/O nodes failed to load a job's program image?",
                 [r.fields["Node"] for r in load_fail],
                 'distinct nodes of "ciod: Error loading PROGRAM: ..." lines (missing, permission '
                 "denied, exec format, too big)"),
        errors(t, "lh4-bgl-06", "what's been going wrong on the BlueGene? show me the failures",
               "the error-ish lines: FATAL/ERROR/WARNING/SEVERE levels and templates with error words"),
        entity(last(t, "lh4-bgl-07", f"when did {node} last hit a machine check read timeout?",
                    [r for r in dcr if r.fields["Node"] == node],
                    f'the latest "MACHINE CHECK DCR read timeout" line of node {node}')),
        aggregate(t, "lh4-bgl-08", "how many core files did ciod write in total?",
                  nums(cores, r"generated (\d+) core files"), sum,
                  'sum of N over "ciod: generated N core files for program PATH" lines'),
        aggregate(t, "lh4-bgl-09",
                  "what's the largest floating point alignment exception count in a single report?",
                  nums(fp_align, r"^(\d+) floating point"), max,
                  'max N of "N floating point alignment exceptions" lines'),
        rate(t, "lh4-bgl-10",
             "what was the hourly rate of data TLB error interrupts overnight, from 18:00 on "
             "June 11, 2005 to 06:00 the next morning?",
             tlb, at(t, 2005, 6, 11, 18), at(t, 2005, 6, 12, 6),
             '"data TLB error interrupt" lines in [2005-06-11 18:00, 2005-06-12 06:00) local time (per-hour '
             "rate, summed back to a count; the window read on the epoch clock in UTC is accepted)"),
    ]


def linux(t: Truth) -> list[HeldOut]:
    logrotate = grep(t, r"^ALERT exited abnormally with \[\d+\]")
    opened = grep(t, r"^session opened for user \S+ by ")
    guest_fail = grep(t, r"authentication failure; .* user=guest\s*$")
    root_fail = grep(t, r"authentication failure; .*rhost=\S+\s+user=root\s*$")
    oom = grep(t, r"(?i)out of memory|oom-killer|killed process")
    boot = grep(t, r"^Linux version ")
    anon_ftp = grep(t, r"^ANONYMOUS FTP LOGIN FROM ")
    kerberos = grep(t, r"^Kerberos authentication failed")
    return [
        count(t, "lh4-linux-01", "how many times did the log rotation job blow up?",
              logrotate, '"logrotate: ALERT exited abnormally with [N]" lines'),
        count(t, "lh4-linux-02", "how many ssh sessions were opened for the test account?",
              grep(t, r"^session opened for user test ", opened),
              '"sshd(pam_unix): session opened for user test by (uid=509)" lines', entity=True),
        topk(t, "lh4-linux-03", "top 3 accounts by number of sessions opened",
             values(opened, r"^session opened for user (\S+) by"),
             'USER of "session opened for user USER by ..." lines (su, sshd, login), top 3 by line count',
             k=3),
        distinct(t, "lh4-linux-04", "how many different remote hosts failed to log in as guest?",
                 values(guest_fail, r"rhost=(\S+)"),
                 'distinct rhost of "authentication failure; ... rhost=HOST user=guest" lines'),
        distinct(t, "lh4-linux-05", "in June, how many distinct hosts failed ssh logins as root?",
                 values(inside(t, root_fail, at(t, 6, 1), at(t, 7, 1)), r"rhost=(\S+)"),
                 'distinct rhost of "authentication failure; ... rhost=HOST user=root" lines dated Jun'),
        exists(t, "lh4-linux-06", "did the kernel kill anything for running out of memory?", oom,
               'an "Out of memory" / "oom-killer" / "Killed process" line (there is none: no)'),
        errors(t, "lh4-linux-07", "what's been failing on this box?",
               "the error-ish lines: templates with failure words (authentication failures, "
               "logrotate exits, Kerberos, connection errors, ...)"),
        last(t, "lh4-linux-08", "when did the machine last boot (kernel version banner)?", boot,
             'the latest "Linux version ..." kernel line'),
        first(t, "lh4-linux-09", "when did someone first log in to ftp anonymously?", anon_ftp,
              'the earliest "ANONYMOUS FTP LOGIN FROM IP, (anonymous)" line'),
        rate(t, "lh4-linux-10",
             "how many Kerberos login rejections per minute were there between 20:50 and 21:00 on June 30?",
             kerberos, at(t, 6, 30, 20, 50), at(t, 6, 30, 21, 0),
             '"klogind: Kerberos authentication failed" lines in [20:50, 21:00) on Jun 30 (per-minute '
             "rate, summed back to a count)"),
    ]


DATASETS = {name: checked(build) for name, build in (
    ("HDFS", hdfs), ("BGL", bgl), ("Linux", linux),
    ("OpenSSH", openssh), ("OpenStack", openstack), ("Apache", apache))}


def main() -> int:
    return h1.run(__doc__.split("\n\n")[0], DATASETS, HALVES, "askloki-heldout4-")


if __name__ == "__main__":
    sys.exit(main())
