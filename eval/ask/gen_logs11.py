#!/usr/bin/env python3
"""Write the six logs of the eleventh held-out set (questions_heldout11.jsonl).

    python3 eval/ask/gen_logs11.py [DIR | --out DIR]      # default target/eval-logs

Writes node-journal.jsonl, cloudfront-access.log, celery-worker.log (half A),
pricing-structlog.jsonl, shopfront-heroku.log and vpc-flow.log (half B), and
manifest_heldout11.json (labels, line counts, SHA-256, incidents). Standard library only,
fixed seeds, byte-identical output.

All files cover 2026-12-06 09:00:00Z to 12:00:00Z (gen_clock.py). Formats with sub-second
times never write a whole second (the journal's microseconds, Celery's `,mmm`, structlog's
and Heroku's microseconds); formats with whole seconds only (CloudFront's date and time
columns, the flow log's `start`/`end` epochs) never write second :00, and a flow record's
`start` and `end` lie in the same minute, so no line falls on a whole-minute window boundary
whichever of the two a reader takes. The shapes follow the public descriptions of each format
(`journalctl -o json` of several machines merged by systemd-journal-remote, CloudFront's
standard access log, Celery's worker log with `-B`, structlog's JSONRenderer, `heroku logs`
output of a Heroku app, and VPC Flow Logs version 2 as delivered to S3); the content is made
up here.
"""
from __future__ import annotations

import heapq
import json
import math
import sys
from datetime import datetime

from gen_clock import (END_MS, START_MS, UTC, Events, arrivals, at, hexid, lognorm, nz, uuid4, weighted,
                       write_set)

SEED = 11110


def utc(ms: int) -> datetime:
    return datetime.fromtimestamp(ms // 1000, tz=UTC)


def public_ip(rng) -> str:
    first = rng.choice([31, 37, 46, 62, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94,
                        95, 109, 151, 176, 178, 188, 193, 195, 212, 213, 217])
    return f"{first}.{rng.randint(1, 254)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


# =========================================================================== a. systemd journal (journalctl -o json)

J_HOSTS = ["app-01", "app-02", "app-03", "db-01"]
J_IP = {"app-01": "10.0.1.11", "app-02": "10.0.1.12", "app-03": "10.0.1.13", "db-01": "10.0.2.21"}
J_BRUTE = "141.98.11.23"
J_BRUTE2 = "45.227.254.8"
J_BRUTE_WIN = (at("09:40") + 3127, at("09:55") - 2291)
J_REDIS_DOWN = at("10:31:07") + 418    # cache-02 goes away; orders-worker on app-03 loses it
J_MANUAL_START = at("10:47:52") + 233  # deploy starts the worker again by hand
J_OOM = [at("11:21:36") + 612, at("11:27:14") + 87, at("11:33:49") + 305]
J_SCANNERS = ["218.92.0.112", "61.177.172.140", "180.101.88.228", "193.201.9.156", "92.118.39.57", "164.92.128.71",
              "43.156.45.201", "103.145.13.90", "179.43.180.106", "195.178.110.66", "200.55.241.19", "159.223.70.4"]
J_USERS = ["admin", "test", "ubuntu", "oracle", "postgres", "user", "git", "ftpuser", "guest", "support", "deploy1",
           "pi", "centos", "hadoop", "jenkins", "minecraft", "steam", "teamspeak"]


class Journal:
    """Entries of several machines, written in time order with each machine's cursor."""

    def __init__(self, rng):
        self.rng = rng
        self.items: list = []
        self.mid = {h: hexid(rng, 32) for h in J_HOSTS}
        self.boot = {h: hexid(rng, 32) for h in J_HOSTS}
        self.seqid = {h: hexid(rng, 32) for h in J_HOSTS}
        self.seq = {h: rng.randint(0x100000, 0x900000) for h in J_HOSTS}
        self.boot_us = {h: (START_MS - rng.randint(2, 30) * 86_400_000 - rng.randint(0, 86_399_999)) * 1000
                        for h in J_HOSTS}

    def add(self, ms: int, host: str, fields: dict) -> int:
        ms = nz(ms)
        if ms % 1000 < 2:
            ms += 2
        if not START_MS < ms < END_MS:
            return ms
        us = ms * 1000 + self.rng.randrange(1000)
        self.items.append((us, len(self.items), host, fields))
        return ms

    def syslog_ts(self, ms: int) -> str:
        d = utc(ms)
        return f"{d:%b} {d.day:>2} {d:%H:%M:%S} "

    def tail(self, host: str, proc: dict, source: bool = True) -> dict:
        f = dict(proc)
        f["_MACHINE_ID"] = self.mid[host]
        f["_HOSTNAME"] = host
        if source:
            f["_SOURCE_REALTIME_TIMESTAMP"] = self.rng.randint(40, 900)
        return f

    def syslog(self, ms, host, ident, fac, prio, msg, proc) -> int:
        f = {"_TRANSPORT": "syslog", "PRIORITY": str(prio), "SYSLOG_FACILITY": str(fac), "SYSLOG_IDENTIFIER": ident,
             "SYSLOG_PID": proc["_PID"], "SYSLOG_TIMESTAMP": self.syslog_ts(nz(ms)), "MESSAGE": msg}
        f.update(self.tail(host, proc))
        return self.add(ms, host, f)

    def native(self, ms, host, ident, prio, msg, proc, head=None, fac=3) -> int:
        f = {"_TRANSPORT": "journal", "PRIORITY": str(prio)}
        if fac is not None:
            f["SYSLOG_FACILITY"] = str(fac)
        f["SYSLOG_IDENTIFIER"] = ident
        f.update(head or {})
        f["MESSAGE"] = msg
        f.update(self.tail(host, proc))
        return self.add(ms, host, f)

    def stdout(self, ms, host, ident, prio, msg, proc, stream) -> int:
        f = {"_TRANSPORT": "stdout", "PRIORITY": str(prio), "SYSLOG_FACILITY": "3", "SYSLOG_IDENTIFIER": ident,
             "MESSAGE": msg, "_STREAM_ID": stream}
        f.update(self.tail(host, proc, source=False))
        return self.add(ms, host, f)

    def kernel(self, ms, host, prio, msg) -> int:
        f = {"_TRANSPORT": "kernel", "PRIORITY": str(prio), "SYSLOG_FACILITY": "0", "SYSLOG_IDENTIFIER": "kernel",
             "MESSAGE": msg, "_SOURCE_MONOTONIC_TIMESTAMP": self.rng.randint(5, 400),
             "_MACHINE_ID": self.mid[host], "_HOSTNAME": host}
        return self.add(ms, host, f)

    def lines(self) -> list[str]:
        out = []
        for us, _, host, f in sorted(self.items, key=lambda x: (x[0], x[1])):
            self.seq[host] += 1
            mono = us - self.boot_us[host]
            x = (self.seq[host] * 0x9E3779B97F4A7C15 ^ us * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
            d = {"__CURSOR": f"s={self.seqid[host]};i={self.seq[host]:x};b={self.boot[host]};m={mono:x};t={us:x};"
                             f"x={x:016x}",
                 "__REALTIME_TIMESTAMP": str(us), "__MONOTONIC_TIMESTAMP": str(mono), "_BOOT_ID": self.boot[host]}
            for k, v in f.items():
                if k == "_SOURCE_REALTIME_TIMESTAMP":
                    v = str(us - v)
                elif k == "_SOURCE_MONOTONIC_TIMESTAMP":
                    v = str(mono - v)
                d[k] = v
            out.append(json.dumps(d, separators=(",", ":"), ensure_ascii=False))
        return out


def gen_journal(rng) -> list[str]:
    J = Journal(rng)
    next_pid = {h: rng.randint(180000, 260000) for h in J_HOSTS}
    session_no = {h: rng.randint(800, 4000) for h in J_HOSTS}
    listener = {h: rng.randint(600, 900) for h in J_HOSTS}
    logind_pid = {h: rng.randint(400, 599) for h in J_HOSTS}
    stream = {}

    def newpid(h):
        next_pid[h] += rng.randint(3, 400)
        return next_pid[h]

    def proc(pid, comm, exe, cmdline, unit, uid=0, gid=0, slice_="system.slice", cgroup=None):
        return {"_PID": str(pid), "_UID": str(uid), "_GID": str(gid), "_COMM": comm, "_EXE": exe, "_CMDLINE": cmdline,
                "_SYSTEMD_CGROUP": cgroup or f"/{slice_}/{unit}", "_SYSTEMD_UNIT": unit, "_SYSTEMD_SLICE": slice_}

    PID1 = proc(1, "systemd", "/usr/lib/systemd/systemd", "/sbin/init", "init.scope", slice_="-.slice",
                cgroup="/init.scope")
    CODE = {"exit": ("src/core/service.c", 3523, "service_sigchld_event", "98e322203f7a4ed290d09fe03c09fe15"),
            "result": ("src/core/unit.c", 5853, "unit_log_failure", "d9b373ed55a64feb8242e02dbe79a49c"),
            "success": ("src/core/unit.c", 5837, "unit_log_success", "7ad2d189f7e94e70a38c781354912448"),
            "consumed": ("src/core/unit.c", 2355, "unit_log_resources", "ae8f7b866b0347b9af31fe1c80b127c0"),
            "restart": ("src/core/service.c", 2546, "service_enter_restart", "5eb03494b6584870a536b337290809b3"),
            "started": ("src/core/job.c", 768, "job_emit_done_message", "39f53479d3a045ac8e11786248231fbf"),
            "stopped": ("src/core/job.c", 768, "job_emit_done_message", "9d1aaa27d60140bd96365438aad20286"),
            "failed": ("src/core/job.c", 768, "job_emit_done_message", "be02cf6855d2428ba40df7e9d022f03d"),
            "starting": ("src/core/job.c", 600, "job_emit_start_message", "7d4958e842da4a758f6c1cdc7b36dcc5"),
            "limit": ("src/core/unit.c", 1890, "unit_test_start_limit", None),
            "oom": ("src/core/unit.c", 3914, "unit_check_oom", "fe6faa94e7774663a0da52717891d8ef")}

    def pid1(ms, h, prio, msg, unit, code):
        cf, cl, fn, mid = CODE[code]
        head = {"CODE_FILE": cf, "CODE_LINE": str(cl), "CODE_FUNC": fn}
        if mid:
            head["MESSAGE_ID"] = mid
        head["UNIT"] = unit
        return J.native(ms, h, "systemd", prio, msg, PID1, head)

    def logind(ms, h, msg, code):
        p = proc(logind_pid[h], "systemd-logind", "/usr/lib/systemd/systemd-logind", "/lib/systemd/systemd-logind",
                 "systemd-logind.service")
        return J.native(ms, h, "systemd-logind", 6, msg, p,
                        {"CODE_FILE": "src/login/logind-session.c", "CODE_LINE": str(code[0]), "CODE_FUNC": code[1]})

    # -- interactive logins (deploy, alice) from the bastion, with a sudo now and then
    uids = {"deploy": 1001, "alice": 1002}

    def login(t, h, user, ip, length, sudo=()):
        pid = newpid(h)
        session_no[h] += rng.randint(1, 3)
        sn = session_no[h]
        port = rng.randint(40000, 60999)
        sp = proc(pid, "sshd", "/usr/sbin/sshd", f"sshd: {user} [priv]", "ssh.service")
        t = J.syslog(t, h, "sshd", 4, 6, f"Accepted publickey for {user} from {ip} port {port} ssh2: ED25519 SHA256:"
                     + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
                               for _ in range(43)), sp)
        t = J.syslog(t + rng.randint(2, 9), h, "sshd", 10, 6,
                     f"pam_unix(sshd:session): session opened for user {user}(uid={uids[user]}) by (uid=0)", sp)
        t = logind(t + rng.randint(1, 5), h, f"New session {sn} of user {user}.", (770, "session_start"))
        t = pid1(t + rng.randint(1, 4), h, 6, f"Started session-{sn}.scope - Session {sn} of User {user}.",
                 f"session-{sn}.scope", "started")
        for k, (dt, cmd) in enumerate(sudo):
            sp2 = proc(newpid(h), "sudo", "/usr/bin/sudo", f"sudo {cmd}", f"session-{sn}.scope", uid=uids[user],
                       slice_=f"user-{uids[user]}.slice",
                       cgroup=f"/user.slice/user-{uids[user]}.slice/session-{sn}.scope")
            x = J.syslog(t + dt, h, "sudo", 10, 5,
                         f"{user:>8} : TTY=pts/{k % 3} ; PWD=/home/{user} ; USER=root ; COMMAND=/usr/bin/{cmd}", sp2)
            x = J.syslog(x + rng.randint(1, 4), h, "sudo", 10, 6,
                         f"pam_unix(sudo:session): session opened for user root(uid=0) by {user}(uid={uids[user]})", sp2)
            J.syslog(x + rng.randint(30, 900), h, "sudo", 10, 6, "pam_unix(sudo:session): session closed for user root",
                     sp2)
        e = t + length
        e = J.syslog(e, h, "sshd", 4, 6, f"Received disconnect from {ip} port {port}:11: disconnected by user", sp)
        e = J.syslog(e + 1, h, "sshd", 4, 6, f"Disconnected from user {user} {ip} port {port}", sp)
        e = J.syslog(e + rng.randint(1, 6), h, "sshd", 10, 6, f"pam_unix(sshd:session): session closed for user {user}",
                     sp)
        e = pid1(e + rng.randint(2, 12), h, 6, f"session-{sn}.scope: Deactivated successfully.", f"session-{sn}.scope",
                 "success")
        e = logind(e + rng.randint(1, 4), h, f"Session {sn} logged out. Waiting for processes to exit.",
                   (836, "session_stop"))
        logind(e + rng.randint(1, 6), h, f"Removed session {sn}.", (915, "session_finalize"))
        return t

    for h in J_HOSTS:
        t = START_MS + rng.randint(60000, 1500000)
        while t < END_MS - 1200000:
            user = weighted(rng, ["deploy", "alice"], [3, 2])
            cmds = []
            if rng.random() < 0.5:
                cmds.append((rng.randint(20000, 240000), rng.choice(
                    ["journalctl -u orders-worker -n 200", "systemctl status orders-api", "apt-get update",
                     "tail -n 100 /var/log/syslog", "systemctl status pgbouncer"])))
            login(t, h, user, "10.0.0.5", rng.randint(180000, 1100000), cmds)
            t += rng.randint(1500000, 3300000)
    # deploy restarts the crash-looping worker on app-03 by hand
    login(J_MANUAL_START - 95000, "app-03", "deploy", "10.0.0.5", 540000,
          [(48211, "journalctl -u orders-worker -n 200"), (82117, "systemctl reset-failed orders-worker.service"),
           (94680, "systemctl start orders-worker.service")])

    # -- cron: a textfile collector every 5 minutes everywhere, a WAL check every minute on db-01
    def cron(ms, h, user, uid, cmd):
        p = proc(newpid(h), "cron", "/usr/sbin/cron", "/usr/sbin/CRON -f", "cron.service")
        x = J.syslog(ms, h, "CRON", 10, 6, f"pam_unix(cron:session): session opened for user {user}(uid={uid}) by (uid=0)",
                     p)
        x = J.syslog(x + rng.randint(1, 4), h, "CRON", 9, 6, f"({user}) CMD ({cmd})", p)
        J.syslog(x + rng.randint(80, 2600), h, "CRON", 10, 6, f"pam_unix(cron:session): session closed for user {user}", p)

    for m in range(180):
        base = START_MS + m * 60000
        if m % 5 == 0:
            for h in J_HOSTS:
                cron(base + rng.randint(20, 400), h, "root", 0,
                     "/usr/local/bin/node-textfile.sh > /dev/null 2>&1")
        cron(base + rng.randint(20, 400), "db-01", "postgres", 108, "/usr/local/bin/pg_wal_archive_check --quiet")

    # -- sysstat every 10 minutes, tmpfiles cleanup and apt once
    for h in J_HOSTS:
        off = rng.randint(1000, 9000)
        for m in range(0, 180, 10):
            t = START_MS + m * 60000 + off + rng.randint(0, 300)
            t = pid1(t, h, 6, "Starting sysstat-collect.service - system activity accounting tool...",
                     "sysstat-collect.service", "starting")
            t = pid1(t + rng.randint(20, 80), h, 6, "sysstat-collect.service: Deactivated successfully.",
                     "sysstat-collect.service", "success")
            pid1(t + 1, h, 6, "Finished sysstat-collect.service - system activity accounting tool.",
                 "sysstat-collect.service", "started")
        t = at("09:15") + rng.randint(1000, 300000)
        t = pid1(t, h, 6, "Starting systemd-tmpfiles-clean.service - Cleanup of Temporary Directories...",
                 "systemd-tmpfiles-clean.service", "starting")
        t = pid1(t + rng.randint(10, 40), h, 6, "systemd-tmpfiles-clean.service: Deactivated successfully.",
                 "systemd-tmpfiles-clean.service", "success")
        pid1(t + 1, h, 6, "Finished systemd-tmpfiles-clean.service - Cleanup of Temporary Directories.",
             "systemd-tmpfiles-clean.service", "started")
        t = rng.randrange(at("09:30"), at("11:50"))
        t = pid1(t, h, 6, "Starting apt-daily.service - Daily apt download activities...", "apt-daily.service",
                 "starting")
        t = pid1(t + rng.randint(4000, 15000), h, 6, "apt-daily.service: Deactivated successfully.", "apt-daily.service",
                 "success")
        pid1(t + 2, h, 6, "Finished apt-daily.service - Daily apt download activities.", "apt-daily.service", "started")

    # -- orders-worker (python-systemd JournalHandler) on the three app hosts
    def worker_proc(pid):
        return proc(pid, "python3", "/usr/bin/python3.11", "/opt/orders/venv/bin/python -m orders.worker",
                    "orders-worker.service", uid=998, gid=998)

    def wlog(ms, h, prio, msg, pid, line=(118, "run_batch")):
        head = {"LOGGER": "orders.worker", "THREAD_NAME": "MainThread", "PROCESS_NAME": "MainProcess",
                "CODE_FILE": "/opt/orders/worker/loop.py", "CODE_LINE": str(line[0]), "CODE_FUNC": line[1]}
        return J.native(ms, h, "orders-worker", prio, msg, worker_proc(pid), head, fac=None)

    wpid = {h: rng.randint(1200, 1900) for h in J_HOSTS[:3]}
    batch_no = {h: rng.randint(40000, 90000) for h in J_HOSTS[:3]}
    for h in J_HOSTS[:3]:
        t = START_MS + rng.randint(500, 15000)
        while t < END_MS:
            if h == "app-03" and J_REDIS_DOWN - 4000 <= t < J_MANUAL_START + 3000:
                t = J_MANUAL_START + rng.randint(3000, 9000)
                continue
            n = rng.randint(40, 250)
            secs = (0.35 + n * 0.0062) * math.exp(rng.gauss(0, 0.18))
            if h == "app-02":
                secs *= 1.12
            batch_no[h] += 1
            wlog(t, h, 6, f"processed batch {batch_no[h]}: {n} orders in {secs:.2f}s", wpid[h])
            t += int(secs * 1000) + rng.randint(9000, 17000)

    # the crash loop on app-03
    h = "app-03"
    pid = wpid[h]
    t = wlog(J_REDIS_DOWN, h, 3, "lost connection to redis at cache-02:6379: Connection reset by peer", pid,
             (64, "consume"))
    crashes, counter = 0, 0
    first = True
    while True:
        for k, d in enumerate([1500, 3000, 6000], 1):
            t = wlog(t + d + rng.randint(0, 60), h, 3,
                     f"redis connection failed (attempt {k}/3): Error 111 connecting to cache-02:6379. Connection refused.",
                     pid, (71, "connect_redis"))
        t = wlog(t + rng.randint(3, 12), h, 2, "giving up: cannot reach redis at cache-02:6379, exiting with status 1",
                 pid, (88, "main"))
        crashes += 1
        t = pid1(t + rng.randint(40, 120), h, 5, "orders-worker.service: Main process exited, code=exited, status=1/FAILURE",
                 "orders-worker.service", "exit")
        t = pid1(t + 1, h, 4, "orders-worker.service: Failed with result 'exit-code'.", "orders-worker.service", "result")
        cpu = f"{rng.randint(3, 9)}min {rng.randint(1, 59)}.{rng.randint(100, 999)}s" if first else \
            f"{rng.randint(1, 2)}.{rng.randint(100, 999)}s"
        first = False
        t = pid1(t + 1, h, 6, f"orders-worker.service: Consumed {cpu} CPU time.", "orders-worker.service", "consumed")
        t += 30000 + rng.randint(0, 40)
        counter += 1
        t = pid1(t, h, 6, f"orders-worker.service: Scheduled restart job, restart counter is at {counter}.",
                 "orders-worker.service", "restart")
        t = pid1(t + rng.randint(1, 3), h, 6, "Stopped orders-worker.service - Orders background worker.",
                 "orders-worker.service", "stopped")
        if counter > 10:
            t = pid1(t + 1, h, 4, "orders-worker.service: Start request repeated too quickly.", "orders-worker.service",
                     "limit")
            t = pid1(t + 1, h, 4, "orders-worker.service: Failed with result 'start-limit-hit'.",
                     "orders-worker.service", "result")
            pid1(t + 1, h, 3, "Failed to start orders-worker.service - Orders background worker.",
                 "orders-worker.service", "failed")
            break
        t = pid1(t + rng.randint(2, 6), h, 6, "Started orders-worker.service - Orders background worker.",
                 "orders-worker.service", "started")
        pid = newpid(h)
        t = wlog(t + rng.randint(600, 900), h, 6, f"orders-worker 3.14.2 starting (pid {pid})", pid, (31, "main"))
    assert crashes == 11
    t = pid1(J_MANUAL_START + rng.randint(2, 6), h, 6, "Started orders-worker.service - Orders background worker.",
             "orders-worker.service", "started")
    pid = newpid(h)
    t = wlog(t + 712, h, 6, f"orders-worker 3.14.2 starting (pid {pid})", pid, (31, "main"))
    wlog(t + 48, h, 6, "connected to redis at cache-02:6379", pid, (75, "connect_redis"))

    # -- orders-api (Go, stdout) on the app hosts; on app-01 it leaks memory and is OOM-killed three times
    def api_proc(h, pid):
        return proc(pid, "orders-api", "/opt/orders/bin/orders-api", "/opt/orders/bin/orders-api --config /etc/orders/api.yaml",
                    "orders-api.service", uid=998, gid=998)

    apid = {h: rng.randint(1000, 1199) for h in J_HOSTS[:3]}
    for h in J_HOSTS[:3]:
        stream[h] = hexid(rng, 32)
        t = START_MS + rng.randint(1000, 59000)
        while t < END_MS:
            served = rng.randint(1500, 2600)
            errs = rng.choice([0, 0, 0, 1, 1, 2, 3])
            msg = f"served {served} requests in 60s (errors {errs}, p99 {rng.randint(38, 140)}ms)"
            J.stdout(t, h, "orders-api", 6, msg, api_proc(h, apid[h]), stream[h])
            if h == "app-01" and at("11:12") <= t < J_OOM[-1] + 60000:
                J.stdout(t + rng.randint(3, 40), h, "orders-api", 6,
                         f"warning: heap in use {rng.randint(26, 39) / 10:.1f} GiB, last GC pause {rng.randint(90, 420)}ms",
                         api_proc(h, apid[h]), stream[h])
            t += 60000 + rng.randint(-400, 400)
    h = "app-01"
    for k, t in enumerate(J_OOM):
        pid = apid[h]
        rss = rng.randint(3_650_000, 3_890_000)
        J.kernel(t, h, 4, "orders-api invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), "
                          "order=0, oom_score_adj=0")
        J.kernel(t + 1, h, 4, f"CPU: 1 PID: {pid} Comm: orders-api Not tainted 6.1.0-27-cloud-amd64 #1  Debian 6.1.115-1")
        J.kernel(t + 1, h, 4, "Hardware name: Amazon EC2 m6i.large/, BIOS 1.0 10/16/2017")
        J.kernel(t + 3, h, 6, f"oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,"
                              f"task_memcg=/system.slice/orders-api.service,task=orders-api,pid={pid},uid=998")
        J.kernel(t + 3, h, 3, f"Out of memory: Killed process {pid} (orders-api) total-vm:{rss + rng.randint(2_900_000, 3_400_000)}kB, "
                              f"anon-rss:{rss}kB, file-rss:0kB, shmem-rss:0kB, UID:998 pgtables:{rng.randint(7400, 7900)}kB "
                              f"oom_score_adj:0")
        J.kernel(t + rng.randint(40, 90), h, 6,
                 f"oom_reaper: reaped process {pid} (orders-api), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB")
        x = pid1(t + rng.randint(95, 140), h, 4, "orders-api.service: A process of this unit has been killed by the OOM killer.",
                 "orders-api.service", "oom")
        x = pid1(x + 2, h, 5, "orders-api.service: Main process exited, code=killed, status=9/KILL", "orders-api.service",
                 "exit")
        x = pid1(x + 1, h, 4, "orders-api.service: Failed with result 'oom-kill'.", "orders-api.service", "result")
        x = pid1(x + 1, h, 6, f"orders-api.service: Consumed {rng.randint(2, 40)}min {rng.randint(1, 59)}.{rng.randint(100, 999)}s CPU time.",
                 "orders-api.service", "consumed")
        x = pid1(x + 5000 + rng.randint(0, 30), h, 6, f"orders-api.service: Scheduled restart job, restart counter is at {k + 1}.",
                 "orders-api.service", "restart")
        x = pid1(x + 2, h, 6, "Stopped orders-api.service - Orders API.", "orders-api.service", "stopped")
        x = pid1(x + 3, h, 6, "Started orders-api.service - Orders API.", "orders-api.service", "started")
        apid[h] = newpid(h)
        J.stdout(x + rng.randint(200, 400), h, "orders-api", 6, "orders-api 2.8.1 listening on :8080",
                 api_proc(h, apid[h]), stream[h])

    # -- pgbouncer on db-01 (stdout, its own timestamp in the message)
    pgb = proc(812, "pgbouncer", "/usr/sbin/pgbouncer", "/usr/sbin/pgbouncer /etc/pgbouncer/pgbouncer.ini",
               "pgbouncer.service", uid=108, gid=114)
    pstream = hexid(rng, 32)

    def pgblog(ms, msg):
        ms = nz(ms)
        if ms % 1000 < 2:
            ms += 2
        stamp = f"{utc(ms):%Y-%m-%d %H:%M:%S}.{ms % 1000:03d} UTC [812] "
        return J.stdout(ms, "db-01", "pgbouncer", 6, stamp + msg, pgb, pstream)

    t = START_MS + rng.randint(1000, 59000)
    while t < END_MS:
        x = rng.randint(150, 260)
        pgblog(t, f"stats: {x} xacts/s, {x * 4 + rng.randint(0, 60)} queries/s, in {rng.randint(70000, 120000)} B/s, "
                  f"out {rng.randint(300000, 520000)} B/s, xact {rng.randint(1800, 3200)} us, query {rng.randint(450, 800)} us, "
                  f"wait {rng.randint(3, 30)} us")
        t += 60000 + rng.randint(-30, 30)
    for t in arrivals(rng, 40.0):
        src = weighted(rng, ["10.0.1.11", "10.0.1.12", "10.0.1.13", "10.0.3.40"], [3, 3, 3, 1])
        cid = f"C-0x{rng.randint(0x55d1c2a00000, 0x55d1c2afffff):x}"
        port = rng.randint(40000, 60999)
        user = "app" if src != "10.0.3.40" else "reporting"
        db = "orders" if user == "app" else "analytics"
        x = pgblog(t, f"LOG {cid}: {db}/{user}@{src}:{port} login attempt: db={db} user={user} tls=no")
        age = rng.randint(30, 4000)
        if x + age * 1000 < END_MS:
            pgblog(x + age * 1000 + rng.randint(1, 999),
                   f"LOG {cid}: {db}/{user}@{src}:{port} closing because: client close request (age={age}s)")
    for t in arrivals(rng, 2400.0):
        pgblog(t, f"WARNING S-0x{rng.randint(0x55d1c2b00000, 0x55d1c2bfffff):x}: orders/app@10.0.2.21:5432 "
                  f"server conn crashed? (age={rng.randint(600, 9000)}s)")

    # -- sshd on app-02, which has a public address: scanners all morning, a brute force 09:40-09:55
    def attempt(t, ip, user, tries):
        pid = newpid("app-02")
        port = rng.randint(30000, 65000)
        sp = proc(pid, "sshd", "/usr/sbin/sshd", f"sshd: {'root' if user == 'root' else 'unknown'} [priv]", "ssh.service")
        h = "app-02"
        if user != "root":
            t = J.syslog(t, h, "sshd", 4, 6, f"Invalid user {user} from {ip} port {port}", sp)
            t = J.syslog(t + rng.randint(1500, 3000), h, "sshd", 10, 5, "pam_unix(sshd:auth): check pass; user unknown", sp)
            t = J.syslog(t + 1, h, "sshd", 10, 5, f"pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 "
                                                  f"tty=ssh ruser= rhost={ip}", sp)
            t = J.syslog(t + rng.randint(1200, 2200), h, "sshd", 4, 6,
                         f"Failed password for invalid user {user} from {ip} port {port} ssh2", sp)
            t = J.syslog(t + rng.randint(100, 600), h, "sshd", 4, 6,
                         f"Received disconnect from {ip} port {port}:11: Bye Bye [preauth]", sp)
            J.syslog(t + 1, h, "sshd", 4, 6, f"Disconnected from invalid user {user} {ip} port {port} [preauth]", sp)
            return
        t = J.syslog(t, h, "sshd", 10, 5, f"pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh "
                                          f"ruser= rhost={ip}  user=root", sp)
        for _ in range(tries):
            t = J.syslog(t + rng.randint(1800, 3200), h, "sshd", 4, 6, f"Failed password for root from {ip} port {port} ssh2",
                         sp)
        if tries >= 6:
            t = J.syslog(t + rng.randint(1, 40), h, "sshd", 4, 3,
                         f"error: maximum authentication attempts exceeded for root from {ip} port {port} ssh2 [preauth]",
                         sp)
            t = J.syslog(t + 1, h, "sshd", 4, 6, f"Disconnecting authenticating user root {ip} port {port}: "
                                                 f"Too many authentication failures [preauth]", sp)
            J.syslog(t + 1, h, "sshd", 10, 5, f"PAM {tries - 1} more authentication failures; logname= uid=0 euid=0 "
                                              f"tty=ssh ruser= rhost={ip}  user=root", sp)
        else:
            t = J.syslog(t + rng.randint(200, 900), h, "sshd", 4, 6,
                         f"Connection closed by authenticating user root {ip} port {port} [preauth]", sp)

    for t in arrivals(rng, 380.0):
        ip = rng.choice(J_SCANNERS)
        if rng.random() < 0.3:
            attempt(t, ip, "root", rng.randint(1, 3))
        else:
            attempt(t, ip, rng.choice(J_USERS), 1)
    t = J_BRUTE_WIN[0]
    while t < J_BRUTE_WIN[1]:
        if rng.random() < 0.22:
            attempt(t, J_BRUTE, "root", 6)
            t += rng.randint(19000, 26000)
        else:
            attempt(t, J_BRUTE, rng.choice(J_USERS), 1)
            t += rng.randint(4000, 9000)
    for t in arrivals(rng, 25.0, at("09:46") + 1811, at("09:52") + 977):
        attempt(t, J_BRUTE2, rng.choice(J_USERS), 1)

    # -- ufw drops on app-02 (kernel)
    mac = "0a:6f:2c:91:d4:13:0a:1b:7e:44:c2:9f:08:00"
    for t in arrivals(rng, 21.0):
        src = public_ip(rng)
        dpt = weighted(rng, [23, 445, 3389, 8080, 5900, 6379, 2375, 1433, 80, 8443, 9200, 5060],
                       [20, 12, 12, 10, 6, 6, 4, 4, 6, 5, 4, 4])
        J.kernel(t, "app-02", 4, f"[UFW BLOCK] IN=ens5 OUT= MAC={mac} SRC={src} DST=10.0.1.12 LEN={rng.choice([40, 44, 60])} "
                                 f"TOS=0x00 PREC=0x00 TTL={rng.randint(228, 250)} ID={rng.randint(1, 65535)} PROTO=TCP "
                                 f"SPT={rng.randint(1024, 65535)} DPT={dpt} WINDOW={rng.choice([1024, 65535, 29200])} "
                                 f"RES=0x00 SYN URGP=0")
    return J.lines()


# =========================================================================== b. CloudFront standard access log

CF_FIELDS = ("date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) "
             "cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol "
             "cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type "
             "cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte "
             "x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end")
CF_DIST = "d1k7x2m9q4w8ab.cloudfront.net"
CF_POPS = ["FRA56-P2", "AMS1-C1", "LHR61-P3", "CDG52-P1", "WAW51-P1", "MAD53-P1"]
CF_POP_W = [34, 19, 18, 13, 9, 7]
CF_SCRAPER = "45.133.1.88"
CF_ORIGIN_DOWN = (at("10:05") + 23417, at("10:19") + 48112)
CF_INVALIDATION = at("10:50:13") + 402
CF_SCRAPE = (at("11:25:04") + 611, at("11:39:51") + 90)
CF_WAF = at("11:33:17")
CF_UAS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
]
CF_UA_W = [30, 14, 20, 12, 8, 4, 3, 9]
CF_ASSETS = [("/assets/app.3f9c1e7a.js", "application/javascript", 212_431),
             ("/assets/vendor.8b21d4c9.js", "application/javascript", 388_102),
             ("/assets/styles.c41a9e02.css", "text/css", 61_874),
             ("/fonts/inter-var.woff2", "font/woff2", 97_212)]
CF_VIDEOS = ["winter-collection-2026", "how-to-size-boots", "unboxing-parka-x2", "trailrunner-gtx-review",
             "store-tour-berlin", "care-guide-wool", "lookbook-december", "gift-guide-2026"]
CF_SLUGS = ["jackets", "boots", "knitwear", "accessories", "sale", "new-in", "outdoor", "kids"]
CF_QUERIES = ["winter%2Bjacket", "boots", "merino", "gloves", "parka", "rain%2Bshell", "beanie", "socks"]


def gen_cloudfront(rng) -> list[str]:
    ev = Events(seconds_only=True)
    clients = []
    for i in range(650):
        if rng.random() < 0.1:
            ip = f"2a02:{rng.randint(0x1000, 0x9fff):x}:{rng.randint(0, 0xffff):x}:{rng.randint(0, 0xffff):x}:" \
                 f"{rng.randint(0, 0xffff):x}:{rng.randint(0, 0xffff):x}:{rng.randint(0, 0xffff):x}:{rng.randint(1, 0xffff):x}"
        else:
            ip = public_ip(rng)
        clients.append({"ip": ip, "pop": weighted(rng, CF_POPS, CF_POP_W), "ua": weighted(rng, CF_UAS, CF_UA_W),
                        "proto": weighted(rng, ["HTTP/2.0", "HTTP/1.1", "HTTP/3.0"], [78, 17, 5]),
                        "tls": weighted(rng, [("TLSv1.3", "TLS_AES_128_GCM_SHA256"), ("TLSv1.3", "TLS_AES_256_GCM_SHA384"),
                                              ("TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256")], [60, 25, 15])})
    cw = [1.0 / (i + 3) ** 0.9 for i in range(len(clients))]
    b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

    def reqid():
        return "".join(rng.choice(b64) for _ in range(54)) + "=="

    def write(t, c, method, host, stem, status, referer, query, rtype, detailed, proto, cs_bytes, taken, ttfb,
              ctype, clen, rng_s="-", rng_e="-", ua=None, pop=None, hdr=380):
        body = clen if isinstance(clen, int) else 0
        sc = body + hdr + rng.randint(0, 60)
        tls = c["tls"] if proto == "https" else ("-", "-")
        ua = (ua or c["ua"]).replace(" ", "%20")
        cols = [None, None, pop or c["pop"], str(sc), c["ip"], method, CF_DIST, stem, str(status), referer, ua, query,
                "-", rtype, reqid(), host, proto, str(cs_bytes), f"{taken:.3f}", "-", tls[0], tls[1], rtype,
                c["proto"] if proto == "https" else "HTTP/1.1", "-", "-", str(rng.randint(1024, 65535)),
                f"{ttfb:.3f}", detailed, ctype, str(clen), rng_s, rng_e]

        def fmt(ms, cols=cols):
            d = utc(ms)
            cols[0], cols[1] = f"{d:%Y-%m-%d}", f"{d:%H:%M:%S}"
            return "\t".join(cols)
        return ev.add(t, fmt)

    for t in arrivals(rng, 1.05):
        c = clients[rng.choices(range(len(clients)), weights=cw, k=1)[0]]
        kind = weighted(rng, ["home", "product", "category", "stock", "cart", "search", "asset", "img", "video"],
                        [10, 24, 10, 14, 8, 7, 13, 13, 1])
        www = kind in ("home", "product", "category", "stock", "cart", "search")
        host = "www.shopfront.example" if www else "static.shopfront.example"
        method, query, referer = "GET", "-", "-"
        rng_s = rng_e = "-"
        pid = rng.randint(1000, 48999)
        if kind == "home":
            stem, ctype, size, cache = "/", "text/html", rng.randint(38000, 42000), "html"
            referer = weighted(rng, ["-", "https://www.google.com/", "https://duckduckgo.com/"], [6, 3, 1])
        elif kind == "product":
            stem, ctype, size, cache = f"/products/{pid}", "text/html", rng.randint(52000, 71000), "html"
            referer = weighted(rng, ["https://www.shopfront.example/", "https://www.google.com/", "-"], [6, 3, 1])
        elif kind == "category":
            stem, ctype, size, cache = f"/category/{rng.choice(CF_SLUGS)}", "text/html", rng.randint(60000, 90000), "html"
            referer = "https://www.shopfront.example/"
        elif kind == "stock":
            stem, ctype, size, cache = f"/api/products/{pid}/stock", "application/json", rng.randint(90, 240), "api"
            referer = f"https://www.shopfront.example/products/{pid}"
        elif kind == "cart":
            method = weighted(rng, ["GET", "POST"], [3, 2])
            stem, ctype, size, cache = "/api/cart", "application/json", rng.randint(300, 2400), "api"
            referer = "https://www.shopfront.example/cart"
        elif kind == "search":
            stem, ctype, size, cache = "/api/search", "application/json", rng.randint(2000, 14000), "api"
            query = f"q={rng.choice(CF_QUERIES)}" + (f"&page={rng.randint(2, 4)}" if rng.random() < 0.2 else "")
            referer = "https://www.shopfront.example/"
        elif kind == "asset":
            stem, ctype, size = rng.choice(CF_ASSETS)
            cache = "static"
            referer = "https://www.shopfront.example/"
        elif kind == "img":
            w = rng.choice([320, 640, 1280])
            stem, ctype, size, cache = f"/img/products/{pid}_{w}.webp", "image/webp", int(w * rng.uniform(40, 90)), "static"
            referer = f"https://www.shopfront.example/products/{pid}"
        else:
            stem, ctype, cache = f"/media/videos/{rng.choice(CF_VIDEOS)}.mp4", "video/mp4", "static"
            total = rng.randint(18_000_000, 95_000_000)
            a = rng.randint(0, total // 2)
            size = min(rng.randint(500_000, 4_000_000), total - a)
            rng_s, rng_e = str(a), str(a + size - 1)
            referer = "https://www.shopfront.example/"
        cs_bytes = rng.randint(180, 520) + (rng.randint(200, 900) if method == "POST" else 0)
        if rng.random() < 0.01:
            write(t, c, method, host, stem, 301, referer, query, "Redirect", "Redirect", "http", cs_bytes, 0.001, 0.001,
                  "text/html", 167)
            continue
        if cache == "html":
            rtype = weighted(rng, ["Hit", "RefreshHit", "Miss"], [55, 5, 40])
        elif cache == "api":
            rtype = "Miss"
        else:
            p_miss = 0.06
            if t >= CF_INVALIDATION:
                p_miss += 0.85 * math.exp(-(t - CF_INVALIDATION) / 150000.0)
            r = rng.random()
            rtype = "Miss" if r < p_miss else ("RefreshHit" if r < p_miss + 0.01 else "Hit")
        status = 206 if kind == "video" else 200
        if rtype == "Miss":
            taken = lognorm(rng, 0.16 if www else 0.07, 0.5)
        elif rtype == "RefreshHit":
            taken = lognorm(rng, 0.05, 0.4)
        else:
            taken = rng.uniform(0.0005, 0.004) + size / 25_000_000
        taken = max(taken, 0.001)
        ttfb = max(0.001, taken - size / 30_000_000) if taken > 0.001 else 0.001
        if www and rtype == "Miss" and CF_ORIGIN_DOWN[0] <= t < CF_ORIGIN_DOWN[1]:
            if rng.random() < 0.7:
                taken = rng.uniform(0.8, 9.5)
                write(t, c, method, host, stem, 502, referer, query, "Error", "OriginConnectError", "https", cs_bytes,
                      taken, taken, "text/html", 915)
            else:
                taken = 30.0 + rng.uniform(0.002, 0.09)
                write(t, c, method, host, stem, 504, referer, query, "Error", "OriginCommError", "https", cs_bytes,
                      taken, taken, "text/html", 951)
            continue
        if www and cache == "html" and kind == "product" and rng.random() < 0.012:
            write(t, c, method, host, stem, 404, referer, query, "Error", "Error", "https", cs_bytes,
                  lognorm(rng, 0.12, 0.4), 0.1, "text/html", 3120)
            continue
        if cache == "static" and kind != "video" and rtype == "Hit" and rng.random() < 0.1:
            write(t, c, method, host, stem, 304, referer, query, "Hit", "Hit", "https", cs_bytes, 0.001, 0.001, "-", "-",
                  hdr=290)
            continue
        write(t, c, method, host, stem, status, referer, query, rtype, rtype, "https", cs_bytes, taken, min(ttfb, taken),
              ctype, size, rng_s, rng_e)

    # the downloader that walks the video library, blocked by a WAF rule from 11:33:17
    s = {"ip": CF_SCRAPER, "pop": "AMS1-C1", "ua": "Wget/1.21.4", "proto": "HTTP/1.1",
         "tls": ("TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256")}
    seen = set()
    t = CF_SCRAPE[0]
    sizes = {v: rng.randint(18_000_000, 95_000_000) for v in CF_VIDEOS}
    while t < CF_SCRAPE[1]:
        v = rng.choice(CF_VIDEOS)
        stem = f"/media/videos/{v}.mp4"
        if t >= CF_WAF:
            t = write(t, s, "GET", "static.shopfront.example", stem, 403, "-", "-", "Error", "Error", "https",
                      rng.randint(160, 220), 0.001, 0.001, "text/html", 919, ua="Wget/1.21.4")
            t += rng.randint(1500, 4000)
            continue
        size = sizes[v]
        rtype = "Hit" if v in seen else "Miss"
        seen.add(v)
        taken = size / rng.uniform(9_000_000, 14_000_000)
        t = write(t, s, "GET", "static.shopfront.example", stem, 200, "-", "-", rtype, rtype, "https",
                  rng.randint(160, 220), taken, rng.uniform(0.002, 0.05), "video/mp4", size, ua="Wget/1.21.4")
        t += int(taken * 1000) + rng.randint(300, 1500)
    return ["#Version: 1.0", "#Fields: " + CF_FIELDS] + ev.lines()


# =========================================================================== c. Celery worker with embedded beat

CEL_HOST = "celery@celery-worker-6d9f8c7b5-k4x2p"
CEL_SMTP = (at("09:50") + 12345, at("10:05") - 4321)
CEL_BROKER_LOST = at("10:42:14") + 377
CEL_BROKER = "redis://redis-broker.shop.svc:6379/0"
CEL_TRACE = ["Traceback (most recent call last):",
             '  File "/usr/local/lib/python3.11/site-packages/celery/app/trace.py", line 477, in trace_task',
             "    R = retval = fun(*args, **kwargs)",
             "                 ^^^^^^^^^^^^^^^^^^^^",
             '  File "/usr/local/lib/python3.11/site-packages/celery/app/trace.py", line 760, in __protected_call__',
             "    return self.run(*args, **kwargs)",
             "           ^^^^^^^^^^^^^^^^^^^^^^^^^"]


def gen_celery(rng) -> list[str]:
    ev = Events()

    def log(ms, level, proc, msg, *extra):
        return ev.add(ms, lambda t: f"[{utc(t):%Y-%m-%d %H:%M:%S},{t % 1000:03d}: {level}/{proc}] {msg}", *extra)

    pool = [{"name": f"ForkPoolWorker-{i}", "pid": 2790 + i * rng.randint(1, 3), "free": START_MS} for i in range(1, 9)]
    next_worker = [9]
    heap: list = []
    seq = [0]

    def submit(ready, received, task, tid=None, retries=0, eta=False, args=None):
        tid = tid or uuid4(rng)
        if received is not None:
            log(received, "INFO", "MainProcess", f"Task {task}[{tid}] received")
        seq[0] += 1
        heapq.heappush(heap, (ready, seq[0], task, tid, retries, args or {}))

    def lost(t):
        return CEL_BROKER_LOST <= t < reconnect

    # the broker outage: the consumer loses redis and retries with growing waits
    t = log(CEL_BROKER_LOST, "WARNING", "MainProcess",
            "consumer: Connection to broker lost. Trying to re-establish the connection...",
            "Traceback (most recent call last):",
            '  File "/usr/local/lib/python3.11/site-packages/celery/worker/consumer/consumer.py", line 340, in start',
            "    blueprint.start(self)",
            '  File "/usr/local/lib/python3.11/site-packages/celery/bootsteps.py", line 116, in start',
            "    step.start(parent)",
            '  File "/usr/local/lib/python3.11/site-packages/celery/worker/consumer/consumer.py", line 746, in start',
            "    c.loop(*c.loop_args())",
            '  File "/usr/local/lib/python3.11/site-packages/celery/worker/loops.py", line 97, in asynloop',
            "    next(loop)",
            '  File "/usr/local/lib/python3.11/site-packages/kombu/asynchronous/hub.py", line 373, in create_loop',
            "    cb(*cbargs)",
            '  File "/usr/local/lib/python3.11/site-packages/kombu/transport/redis.py", line 1344, in on_readable',
            "    self.cycle.on_readable(fileno)",
            '  File "/usr/local/lib/python3.11/site-packages/kombu/transport/redis.py", line 569, in on_readable',
            "    chan.handlers[type]()",
            '  File "/usr/local/lib/python3.11/site-packages/kombu/transport/redis.py", line 974, in _brpop_read',
            "    dest__item = self.client.parse_response(self.client.connection,",
            "                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
            '  File "/usr/local/lib/python3.11/site-packages/redis/connection.py", line 500, in read_response',
            "    response = self._parser.read_response(disable_decoding=disable_decoding)",
            "               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
            "redis.exceptions.ConnectionError: Connection closed by server.")
    t += rng.randint(60, 140)
    for k, wait in enumerate([2, 4, 6, 8, 10, 12, 14, 16], 1):
        t = log(t, "ERROR", "MainProcess",
                f"consumer: Cannot connect to {CEL_BROKER}: Error 111 connecting to redis-broker.shop.svc:6379. "
                "Connection refused..",
                f"Trying again in {wait}.00 seconds... ({k}/100)", "")
        t += wait * 1000 + rng.randint(3, 40)
    reconnect = log(t, "INFO", "MainProcess", f"Connected to {CEL_BROKER}")
    x = log(reconnect + rng.randint(8, 20), "INFO", "MainProcess", "mingle: searching for neighbors")
    x = log(x + rng.randint(1000, 1100), "INFO", "MainProcess", "mingle: sync with 2 nodes")
    log(x + rng.randint(1, 4), "INFO", "MainProcess", "mingle: sync complete")

    # beat: inventory sync every 5 minutes, cart cleanup every 15
    for m in range(0, 180, 5):
        b = START_MS + m * 60000 + rng.randint(3, 30)
        if lost(b):
            continue
        log(b, "INFO", "Beat", "Scheduler: Sending due task sync-inventory-every-5m (shop.tasks.sync_inventory)")
        submit(b + rng.randint(5, 30), b + rng.randint(2, 4), "shop.tasks.sync_inventory")
        if m % 15 == 0:
            log(b + 1, "INFO", "Beat", "Scheduler: Sending due task cleanup-expired-carts (shop.tasks.cleanup_carts)")
            submit(b + rng.randint(8, 40), b + rng.randint(5, 7), "shop.tasks.cleanup_carts")

    # application tasks
    kinds = [("shop.tasks.send_order_email", 8.0), ("shop.tasks.push_notification", 10.0),
             ("shop.tasks.resize_product_image", 15.0), ("shop.tasks.charge_subscription", 60.0),
             ("shop.tasks.generate_report", 330.0)]
    for task, gap in kinds:
        for a in arrivals(rng, gap):
            if lost(a):
                continue
            submit(a + rng.randint(2, 30), a, task)
    # the big year-end reports of megacorp
    for a, mode in [(at("11:14:38") + 71, "soft"), (at("11:18:09") + 450, "hard"), (at("11:22:47") + 913, "slow")]:
        submit(a + rng.randint(2, 30), a, "shop.tasks.generate_report", args={"tenant": "megacorp", "mode": mode})

    tenants = ["acme", "globex", "initech", "umbrella", "hooli", "stark"]
    while heap:
        ready, _, task, tid, retries, args = heapq.heappop(heap)
        free = [w for w in pool if w["free"] <= ready]
        w = rng.choice(free) if free else min(pool, key=lambda w: w["free"])
        start = max(ready, w["free"]) + rng.randint(1, 9)
        if start >= END_MS:
            continue
        P = w["name"]
        result = "None"
        fail = None
        prefix = f"{task}[{tid}]: "
        if task == "shop.tasks.send_order_email":
            order = args.setdefault("order", rng.randint(810000, 899999))
            cust = args.setdefault("cust", f"c-{rng.randint(10000, 99999)}")
            log(start + rng.randint(1, 5), "INFO", P, prefix + f"Sending order confirmation for order {order} to {cust}")
            rt = lognorm(rng, 0.38, 0.35)
            if CEL_SMTP[0] <= start < CEL_SMTP[1] and rng.random() < 0.62:
                rt = lognorm(rng, 0.9, 0.3)
                fail = "smtp"
        elif task == "shop.tasks.push_notification":
            rt = lognorm(rng, 0.12, 0.45)
            result = "True"
        elif task == "shop.tasks.resize_product_image":
            rt = lognorm(rng, 1.9, 0.35)
            result = f"{{'product_id': {rng.randint(1000, 48999)}, 'sizes': 4}}"
        elif task == "shop.tasks.charge_subscription":
            rt = lognorm(rng, 0.8, 0.4)
            sub = "sub_" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789") for _ in range(14))
            if rng.random() < 0.06:
                log(start + int(rt * 800), "WARNING", P, prefix + f"Payment declined for {sub}: "
                                                                  f"{rng.choice(['insufficient_funds', 'card_declined', 'expired_card'])}")
                result = "'declined'"
            else:
                amt = rng.choice(["9.00", "19.00", "29.00", "49.00"])
                log(start + int(rt * 800), "INFO", P, prefix + f"Charged subscription {sub} {amt} EUR")
                result = f"'ch_{hexid(rng, 14)}'"
        elif task == "shop.tasks.sync_inventory":
            rt = lognorm(rng, 12.0, 0.25)
            n, ch = rng.randint(1780, 1900), rng.randint(0, 40)
            log(start + int(rt * 990), "INFO", P, prefix + f"Synced {n} SKUs from warehouse API ({ch} changed)")
            result = f"{{'synced': {n}, 'changed': {ch}}}"
        elif task == "shop.tasks.cleanup_carts":
            rt = lognorm(rng, 2.2, 0.3)
            n = rng.randint(10, 90)
            log(start + int(rt * 990), "INFO", P, prefix + f"Deleted {n} expired carts")
            result = str(n)
        else:  # generate_report
            tenant = args.get("tenant") or rng.choice(tenants)
            mode = args.get("mode")
            period = "2026" if tenant == "megacorp" else "2026-11"
            kind = "yearly" if tenant == "megacorp" else "monthly"
            log(start + rng.randint(2, 9), "INFO", P, prefix + f"Building {kind} sales report for tenant {tenant} ({period})")
            rt = lognorm(rng, 45.0, 0.4)
            if at("11:15") <= start < at("11:30"):
                rt *= 1.9
            rt = min(rt, 200.0)
            if mode == "slow":
                rt = 228.0 + rng.uniform(0.1, 0.9)
            elif mode:
                fail = mode
            if not fail:
                rid = "rpt_" + hexid(rng, 6)
                log(start + int(rt * 1000) - rng.randint(20, 200), "INFO", P,
                    prefix + f"Report {rid} written to s3://shop-reports/{tenant}/{period}.pdf "
                             f"({rng.uniform(0.4, 6.5):.1f} MB)")
                result = f"'{rid}'"
        base = rng.uniform(20000.0, 90000.0)
        if fail == "soft":
            sl = log(start + 240000 + rng.randint(1, 9), "WARNING", "MainProcess",
                     f"Soft time limit (240s) exceeded for {task}[{tid}]")
            log(sl + rng.randint(20, 80), "ERROR", P, f"Task {task}[{tid}] raised unexpected: SoftTimeLimitExceeded()",
                *CEL_TRACE,
                '  File "/app/shop/tasks.py", line 142, in generate_report',
                "    rows = list(fetch_order_rows(tenant, period))",
                "           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
                '  File "/app/shop/reports.py", line 88, in fetch_order_rows',
                "    for chunk in iter(lambda: cursor.fetchmany(5000), []):",
                '  File "/usr/local/lib/python3.11/site-packages/billiard/pool.py", line 229, in soft_timeout_sighandler',
                "    raise SoftTimeLimitExceeded()",
                "billiard.exceptions.SoftTimeLimitExceeded: SoftTimeLimitExceeded()")
            w["free"] = sl + 200
            continue
        if fail == "hard":
            log(start + 240000 + rng.randint(1, 9), "WARNING", "MainProcess",
                f"Soft time limit (240s) exceeded for {task}[{tid}]")
            hl = log(start + 300000 + rng.randint(1, 9), "ERROR", "MainProcess",
                     "Task handler raised error: TimeLimitExceeded(300,)",
                     "Traceback (most recent call last):",
                     '  File "/usr/local/lib/python3.11/site-packages/billiard/pool.py", line 683, in on_hard_timeout',
                     "    raise TimeLimitExceeded(job._timeout)",
                     "billiard.exceptions.TimeLimitExceeded: TimeLimitExceeded(300,)")
            hl = log(hl + rng.randint(1, 4), "ERROR", "MainProcess", f"Hard time limit (300s) exceeded for {task}[{tid}]")
            log(hl + rng.randint(30, 90), "ERROR", "MainProcess",
                f"Process '{P}' pid:{w['pid']} exited with 'signal 9 (SIGKILL)'")
            w["name"] = f"ForkPoolWorker-{next_worker[0]}"
            next_worker[0] += 1
            w["pid"] += rng.randint(900, 3000)
            w["free"] = hl + rng.randint(400, 900)
            continue
        end = start + max(1, int(rt * 1000))
        runtime = repr((base + rt) - base)
        if fail == "smtp":
            if retries < 3:
                end = log(end, "INFO", P, f"Task {task}[{tid}] retry: Retry in 60s: "
                                          "SMTPServerDisconnected('Connection unexpectedly closed')")
                submit(end + 60000 + rng.randint(0, 900), end + rng.randint(3, 15), task, tid, retries + 1, args=args)
            else:
                end = log(end, "ERROR", P,
                          f"Task {task}[{tid}] raised unexpected: SMTPServerDisconnected('Connection unexpectedly closed')",
                          *CEL_TRACE,
                          '  File "/app/shop/tasks.py", line 58, in send_order_email',
                          "    smtp.send_message(msg)",
                          '  File "/usr/local/lib/python3.11/smtplib.py", line 986, in send_message',
                          "    return self.sendmail(from_addr, to_addrs, flatmsg, mail_options,",
                          "           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
                          '  File "/usr/local/lib/python3.11/smtplib.py", line 887, in sendmail',
                          "    (code, resp) = self.mail(from_addr, esmtp_opts)",
                          "                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
                          '  File "/usr/local/lib/python3.11/smtplib.py", line 405, in getreply',
                          '    raise SMTPServerDisconnected("Connection unexpectedly closed")',
                          "smtplib.SMTPServerDisconnected: Connection unexpectedly closed")
        else:
            end = log(end, "INFO", P, f"Task {task}[{tid}] succeeded in {runtime}s: {result}")
        w["free"] = end + rng.randint(1, 6)

    # gossip noise
    log(at("10:15:33") + 412, "WARNING", "MainProcess",
        "Substantial drift from celery@celery-worker-6d9f8c7b5-r7m2q may mean clocks are out of sync.  Current drift is "
        "18 seconds.  [orig: 2026-12-06 10:15:15.309114 recv: 2026-12-06 10:15:33.412087]")
    for a in arrivals(rng, 2700.0):
        log(a, "INFO", "MainProcess", "missed heartbeat from celery@celery-worker-6d9f8c7b5-r7m2q")
    return ev.lines()


# =========================================================================== d. structlog JSON (a FastAPI service)

ST_TENANTS = ["acme", "globex", "initech", "umbrella", "hooli", "soylent", "stark"]
ST_TENANT_W = [28, 22, 12, 14, 10, 8, 6]
ST_INVENTORY = (at("09:35") + 8123, at("09:50") - 3311)
ST_FLOOD = (at("10:20") + 41227, at("10:35") - 18802)
ST_DEPLOY = at("11:05:41") + 219
ST_ROLLBACK = at("11:31:12") + 640
ST_NO_CURRENCY = {"umbrella", "hooli", "stark"}


def gen_structlog(rng) -> list[str]:
    ev = Events()

    def ts(ms):
        return f"{utc(ms):%Y-%m-%dT%H:%M:%S}.{ms % 1000:03d}{rng.randint(0, 999):03d}Z"

    def log(ms, body: dict, level, logger, ctx=None):
        def fmt(t, body=body):
            d = dict(body)
            if ctx:
                d.update(ctx)
            d["level"] = level
            d["logger"] = logger
            d["timestamp"] = ts(t)
            return json.dumps(d)
        return ev.add(ms, fmt)

    ips = {tn: [f"10.12.{rng.randint(1, 9)}.{rng.randint(2, 250)}" for _ in range(rng.randint(2, 5))] for tn in ST_TENANTS}
    flood_ip = "10.12.7.41"
    down = [(ST_DEPLOY, ST_DEPLOY + 16800), (ST_ROLLBACK, ST_ROLLBACK + 15300)]

    def is_down(t):
        return any(a <= t < b for a, b in down)

    def version(t):
        return "2026.12.2" if ST_DEPLOY <= t < ST_ROLLBACK else "2026.12.1"

    minute_count: dict = {}
    reqs = []
    for t in arrivals(rng, 2.0):
        tn = weighted(rng, ST_TENANTS, ST_TENANT_W)
        reqs.append((t, tn, rng.choice(ips[tn]), None))
    for t in arrivals(rng, 0.33, ST_FLOOD[0], ST_FLOOD[1]):
        reqs.append((t, "initech", flood_ip, "POST /v1/quotes/batch"))
    reqs.sort()
    for t, tn, ip, fixed in reqs:
        if is_down(t):
            continue
        route = fixed or weighted(rng, ["GET /v1/quotes/{sku}", "POST /v1/quotes/batch", "GET /v1/discounts/{code}",
                                        "GET /v1/fx/rates", "POST /v1/carts/{cart_id}/price"], [62, 10, 12, 8, 8])
        method, tmpl = route.split(" ")
        sku = f"SKU-{rng.randint(10000, 19999)}"
        path = (tmpl.replace("{sku}", sku).replace("{code}", rng.choice(["XMAS26", "WELCOME10", "VIP15", "FREESHIP",
                                                                         "BLACKFRIDAY"]))
                .replace("{cart_id}", f"crt_{hexid(rng, 10)}"))
        rid = uuid4(rng)
        ctx = {"request_id": rid, "tenant": tn}
        status = 200
        dur = {"GET /v1/quotes/{sku}": 0.035, "POST /v1/quotes/batch": 0.22, "GET /v1/discounts/{code}": 0.018,
               "GET /v1/fx/rates": 0.006, "POST /v1/carts/{cart_id}/price": 0.09}[route] * math.exp(rng.gauss(0, 0.45))
        mk = (tn, t // 60000)
        if route == "POST /v1/quotes/batch":
            minute_count[mk] = minute_count.get(mk, 0) + 1
        body_extra = {}
        if route == "POST /v1/quotes/batch" and minute_count[mk] > 120:
            status, dur = 429, rng.uniform(0.0006, 0.0021)
            log(t + 1, {"limit": 120, "window_s": 60, "route": tmpl, "event": "rate limit exceeded"}, "warning",
                "pricing.ratelimit", ctx)
        elif tmpl in ("/v1/quotes/{sku}", "/v1/quotes/batch", "/v1/carts/{cart_id}/price") and \
                ST_INVENTORY[0] <= t < ST_INVENTORY[1] and rng.random() < 0.5:
            url = f"http://inventory-svc.shop.svc:8080/v2/stock/{sku}"
            e1 = 4000 + rng.uniform(0.2, 14.0)
            log(t + int(e1), {"upstream": "inventory-svc", "url": url, "error": "ReadTimeout", "attempt": 1,
                              "elapsed_ms": round(e1, 2), "event": "upstream call failed"}, "warning",
                "pricing.clients.inventory", ctx)
            if rng.random() < 0.45:
                e2 = 4000 + rng.uniform(0.2, 14.0)
                log(t + int(e1 + e2) + 3, {"upstream": "inventory-svc", "url": url, "error": "ReadTimeout", "attempt": 2,
                                           "elapsed_ms": round(e2, 2), "event": "upstream call failed"}, "warning",
                    "pricing.clients.inventory", ctx)
                status, dur = 503, (e1 + e2) / 1000 + rng.uniform(0.004, 0.02)
            else:
                dur = e1 / 1000 + dur
        elif tmpl == "/v1/discounts/{code}" and version(t) == "2026.12.2" and tn in ST_NO_CURRENCY:
            status = 500
            log(t + int(dur * 1000) - 1,
                {"path": path, "route": tmpl,
                 "exception": "Traceback (most recent call last):\n"
                              "  File \"/app/pricing/api/discounts.py\", line 88, in get_discount\n"
                              "    currency = tenant_cfg[\"currency\"]\n"
                              "               ~~~~~~~~~~^^^^^^^^^^^^\n"
                              "KeyError: 'currency'",
                 "event": "unhandled exception"}, "error", "pricing.errors", ctx)
        elif tmpl == "/v1/quotes/{sku}" and rng.random() < 0.02:
            status = 404
        elif tmpl == "/v1/quotes/batch" and rng.random() < 0.006:
            status = 422
        level = "error" if status >= 500 else ("warning" if status >= 400 else "info")
        body = {"method": method, "path": path, "route": tmpl, "status_code": status, "duration": round(dur, 6),
                "client_ip": ip}
        body.update(body_extra)
        body["event"] = "request finished"
        log(t + max(1, int(dur * 1000)), body, level, "pricing.access", ctx)

    # a few unrelated unhandled exceptions before the deploy
    for a in [at("09:12:44") + 310, at("10:02:19") + 77, at("10:51:03") + 902]:
        tn = weighted(rng, ST_TENANTS, ST_TENANT_W)
        rid = uuid4(rng)
        ctx = {"request_id": rid, "tenant": tn}
        path = f"/v1/carts/crt_{hexid(rng, 10)}/price"
        log(a, {"path": path, "route": "/v1/carts/{cart_id}/price",
                "exception": "Traceback (most recent call last):\n"
                             "  File \"/app/pricing/api/carts.py\", line 131, in price_cart\n"
                             "    total += line.unit_price * line.qty\n"
                             "TypeError: unsupported operand type(s) for *: 'NoneType' and 'int'",
                "event": "unhandled exception"}, "error", "pricing.errors", ctx)
        log(a + 2, {"method": "POST", "path": path, "route": "/v1/carts/{cart_id}/price", "status_code": 500,
                    "duration": round(rng.uniform(0.02, 0.09), 6), "client_ip": rng.choice(ips[tn]),
                    "event": "request finished"}, "error", "pricing.access", ctx)

    # restarts: the deploy of 2026.12.2 and its rollback
    for (a, b), (v, sha) in zip(down, [("2026.12.2", "9c1e4fa"), ("2026.12.1", "41b07d2")]):
        x = log(a, {"signal": "SIGTERM", "in_flight": rng.randint(1, 6), "event": "shutting down"}, "info", "pricing.main")
        log(x + rng.randint(300, 900), {"event": "application shutdown complete"}, "info", "pricing.main")
        log(b - rng.randint(400, 900), {"version": v, "git_sha": sha, "python": "3.12.7", "event": "configuration loaded"},
            "info", "pricing.main")
        log(b, {"version": v, "git_sha": sha, "workers": 4, "event": "application startup complete"}, "info",
            "pricing.main")

    # periodic jobs
    t = START_MS + rng.randint(5000, 290000)
    while t < END_MS:
        if not is_down(t):
            log(t, {"source": "ecb", "currencies": 34, "took_ms": round(lognorm(rng, 180, 0.3), 1),
                    "event": "fx rates refreshed"}, "info", "pricing.fx")
        t += 300000 + rng.randint(-500, 500)
    t = START_MS + rng.randint(1000, 59000)
    while t < END_MS:
        if not is_down(t):
            hits, misses = rng.randint(600, 1400), rng.randint(40, 180)
            log(t, {"hits": hits, "misses": misses, "hit_ratio": round(hits / (hits + misses), 3),
                    "evictions": rng.choice([0, 0, 0, 1, 3]), "event": "cache stats"}, "info", "pricing.cache")
        t += 60000 + rng.randint(-80, 80)
    return ev.lines()


# =========================================================================== e. Heroku app (heroku logs)

HK_HOST = "www.shopfront.example"
HK_LEAK_RESTART = at("09:44:17") + 208
HK_EXPORT = (at("10:35") + 20771, at("10:50") - 12553)
HK_DEPLOY = at("11:12:33") + 404
HK_SCRAPER = "5.188.62.214"
HK_SCRAPE = (at("11:40") + 5123, at("11:52") - 7019)
HK_LIMIT = at("11:46:02") + 310
HK_DYNOS = ["web.1", "web.2", "web.3", "worker.1"]
HK_CMD = {"web": "gunicorn shopfront.wsgi --log-file -", "worker": "python manage.py rqworker default"}


def gen_heroku(rng) -> list[str]:
    ev = Events()

    def log(ms, src, proc, msg):
        return ev.add(ms, lambda t: f"{utc(t):%Y-%m-%dT%H:%M:%S}.{t % 1000:03d}{rng.randint(0, 999):03d}+00:00 "
                                    f"{src}[{proc}]: {msg}")

    clients = [public_ip(rng) for _ in range(420)]
    cw = [1.0 / (i + 4) ** 0.8 for i in range(len(clients))]
    dyno_id = {d: f"heroku.31872{rng.randint(1000, 9999)}.{uuid4(rng)}" for d in HK_DYNOS}
    ids = {d: [(START_MS, dyno_id[d])] for d in HK_DYNOS}
    gpid = {d: [rng.randint(9, 40) for _ in range(3)] for d in HK_DYNOS}

    def router(t, method, path, fwd, dyno, connect, service, status, nbytes, code=None):
        rid = uuid4(rng)
        if code == "H12":
            msg = (f'at=error code=H12 desc="Request timeout" method={method} path="{path}" host={HK_HOST} '
                   f'request_id={rid} fwd="{fwd}" dyno={dyno} connect={connect}ms service=30000ms status=503 bytes=0 '
                   f'protocol=https')
        elif code == "H27":
            msg = (f'sock=client at=warning code=H27 desc="Client Request Interrupted" method={method} path="{path}" '
                   f'host={HK_HOST} request_id={rid} fwd="{fwd}" dyno={dyno} connect={connect}ms service={service}ms '
                   f'status=499 bytes=0 protocol=https')
        else:
            msg = (f'at=info method={method} path="{path}" host={HK_HOST} request_id={rid} fwd="{fwd}" dyno={dyno} '
                   f'connect={connect}ms service={service}ms status={status} bytes={nbytes} protocol=https')
        return log(t, "heroku", "router", msg)

    # -- ordinary traffic
    routes = [("GET", "/", 45, 9, 31000), ("GET", "/products/{id}", 60, 30, 44000), ("GET", "/category/{slug}", 80, 12, 52000),
              ("GET", "/cart", 35, 7, 18000), ("GET", "/api/cart", 40, 6, 900), ("POST", "/api/cart", 55, 5, 900),
              ("POST", "/checkout", 220, 3, 4200), ("GET", "/search", 150, 8, 36000),
              ("GET", "/static/css/app.3f9c1e7a.css", 3, 9, 61000), ("POST", "/reports/export", 4000, 1, 220000)]
    for t in arrivals(rng, 2.5):
        method, tmpl, med, _, size = weighted(rng, routes, [r[3] for r in routes])
        path = (tmpl.replace("{id}", str(rng.randint(1000, 48999)))
                .replace("{slug}", rng.choice(["jackets", "boots", "knitwear", "sale", "new-in"])))
        if tmpl == "/search":
            path += f"?q={rng.choice(['parka', 'boots', 'merino', 'gloves', 'beanie'])}"
        fwd = clients[rng.choices(range(len(clients)), weights=cw, k=1)[0]]
        dyno = rng.choice(["web.1", "web.2", "web.3"])
        service = lognorm(rng, med, 0.45)
        in_export = HK_EXPORT[0] <= t < HK_EXPORT[1]
        if in_export:
            service *= 1.6
        status, nbytes = 200, int(size * rng.uniform(0.8, 1.2))
        if tmpl == "/cart" and rng.random() < 0.2:
            status, nbytes = 302, 0
        elif tmpl == "/products/{id}" and rng.random() < 0.015:
            status, nbytes = 404, 2412
        elif tmpl == "/checkout" and rng.random() < 0.02:
            status, nbytes = 500, 145
            log(t + int(service) - 2, "app", dyno, f"ERROR django.request Internal Server Error: /checkout "
                                                   f"(PaymentGatewayError: upstream returned 502)")
        if tmpl == "/reports/export":
            if in_export:
                continue
            service = lognorm(rng, 4000, 0.35)
        router(t + int(service), method, path, fwd, dyno, rng.randint(0, 2), int(service), status, nbytes)

    # -- month-end exports 10:35-10:50: the database is slow, requests pass the router's 30 s limit
    for t in arrivals(rng, 17.0, HK_EXPORT[0], HK_EXPORT[1]):
        fwd = clients[rng.randrange(40)]
        dyno = rng.choice(["web.1", "web.2", "web.3"])
        service = lognorm(rng, 36000, 0.35)
        if rng.random() < 0.08:
            router(t + rng.randint(4000, 25000), "POST", "/reports/export", fwd, dyno, 1, rng.randint(4000, 25000), 499, 0,
                   "H27")
        elif service >= 30000:
            router(t + 30000 + rng.randint(1, 40), "POST", "/reports/export", fwd, dyno, rng.randint(0, 2), 30000, 503, 0,
                   "H12")
            if service > 60000:
                log(t + 60000 + rng.randint(10, 400), "app", dyno,
                    f"[{utc(t + 60000):%Y-%m-%d %H:%M:%S} +0000] [2] [CRITICAL] WORKER TIMEOUT (pid:{rng.choice(gpid[dyno])})")
        else:
            router(t + int(service), "POST", "/reports/export", fwd, dyno, rng.randint(0, 2), int(service), 200,
                   rng.randint(150000, 400000))

    # -- the scraper on product pages, rate limited from 11:46
    pid = 1000
    for t in arrivals(rng, 0.72, HK_SCRAPE[0], HK_SCRAPE[1]):
        pid += rng.randint(1, 4)
        dyno = rng.choice(["web.1", "web.2", "web.3"])
        if t >= HK_LIMIT and rng.random() < 0.9:
            s = rng.randint(2, 6)
            router(t + s, "GET", f"/products/{pid}", HK_SCRAPER, dyno, 0, s, 429, 87)
        else:
            s = int(lognorm(rng, 60, 0.4))
            router(t + s, "GET", f"/products/{pid}", HK_SCRAPER, dyno, rng.randint(0, 1), s, 200, rng.randint(38000, 50000))

    # -- rq jobs on worker.1
    for t in arrivals(rng, 55.0):
        jid = uuid4(rng)
        job = weighted(rng, [f"shopfront.jobs.send_receipt(order_id={rng.randint(810000, 899999)})",
                             f"shopfront.jobs.reindex_product(product_id={rng.randint(1000, 48999)})",
                             "shopfront.jobs.refresh_sitemap()"], [6, 3, 1])
        x = log(t, "app", "worker.1", f"{utc(t):%H:%M:%S} default: {job} ({jid})")
        x = log(x + int(lognorm(rng, 600, 0.6)), "app", "worker.1", f"{utc(x):%H:%M:%S} default: Job OK ({jid})")
        log(x + 1, "app", "worker.1", f"{utc(x):%H:%M:%S} Result is kept for 500 seconds")

    # -- restarts
    def restart(t, d, why):
        if why:
            t = log(t, "heroku", d, why)
        t = log(t + rng.randint(1, 30), "heroku", d, "State changed from up to starting")
        t = log(t + rng.randint(200, 900), "heroku", d, "Stopping all processes with SIGTERM")
        kind = d.split(".")[0]
        if kind == "web":
            x = log(t + rng.randint(5, 40), "app", d, f"[{utc(t):%Y-%m-%d %H:%M:%S} +0000] [2] [INFO] Handling signal: term")
            for p in gpid[d]:
                x = log(x + rng.randint(1, 30), "app", d, f"[{utc(x):%Y-%m-%d %H:%M:%S} +0000] [{p}] [INFO] Worker exiting (pid: {p})")
            x = log(x + rng.randint(100, 400), "app", d, f"[{utc(x):%Y-%m-%d %H:%M:%S} +0000] [2] [INFO] Shutting down: Master")
        else:
            x = log(t + rng.randint(5, 40), "app", d, f"{utc(t):%H:%M:%S} Warm shut down requested")
        t = log(x + rng.randint(100, 600), "heroku", d, "Process exited with status 0")
        t = log(t + rng.randint(1500, 4000), "heroku", d, f"Starting process with command `{HK_CMD[kind]}`")
        dyno_id[d] = f"heroku.31872{rng.randint(1000, 9999)}.{uuid4(rng)}"
        ids[d].append((t, dyno_id[d]))
        if kind == "web":
            port = rng.randint(10000, 60000)
            x = log(t + rng.randint(900, 1600), "app", d, f"[{utc(t):%Y-%m-%d %H:%M:%S} +0000] [2] [INFO] Starting gunicorn 22.0.0")
            x = log(x + 3, "app", d, f"[{utc(x):%Y-%m-%d %H:%M:%S} +0000] [2] [INFO] Listening at: http://0.0.0.0:{port} (2)")
            x = log(x + 1, "app", d, f"[{utc(x):%Y-%m-%d %H:%M:%S} +0000] [2] [INFO] Using worker: sync")
            gpid[d] = []
            for k in range(3):
                p = 9 + k * rng.randint(1, 3) + k
                gpid[d].append(p)
                x = log(x + rng.randint(3, 20), "app", d, f"[{utc(x):%Y-%m-%d %H:%M:%S} +0000] [{p}] [INFO] Booting worker with pid: {p}")
        else:
            x = log(t + rng.randint(900, 1600), "app", d, f"{utc(t):%H:%M:%S} Worker rq:worker:{hexid(rng, 32)} started with PID 4, version 1.16.2")
        return log(x + rng.randint(800, 3000), "heroku", d, "State changed from starting to up")

    restart(HK_LEAK_RESTART, "web.2", "Restarting")
    x = log(HK_DEPLOY - 171_000 - rng.randint(0, 9000), "app", "api", "Build started by user dev@shopfront.example")
    x = log(HK_DEPLOY - 230, "app", "api", "Deploy 3f9a1c2e by user dev@shopfront.example")
    x = log(HK_DEPLOY, "app", "api", "Release v232 created by user dev@shopfront.example")
    for d in HK_DYNOS:
        restart(x + rng.randint(1500, 4000), d, "Restarting")
    log(at("10:58:12") + 613, "app", "api", "Set LOG_LEVEL config vars by user oncall@shopfront.example")
    x = log(at("10:58:12") + 990, "app", "api", "Release v231 created by user oncall@shopfront.example")
    for d in HK_DYNOS:
        restart(x + rng.randint(1500, 4000), d, "Restarting")

    # -- runtime metrics every 20 s per dyno; web.2 leaks until it is restarted
    for d in HK_DYNOS:
        t = START_MS + rng.randint(1000, 19000)
        base = rng.uniform(300, 390) if d != "worker.1" else rng.uniform(180, 230)
        while t < END_MS:
            if d == "web.2" and t < HK_LEAK_RESTART:
                mem = 405 + (t - START_MS) / 60000 * 3.6 + rng.uniform(-4, 4)
            elif d == "web.2":
                mem = 310 + (t - HK_LEAK_RESTART) / 60000 * 0.25 + rng.uniform(-4, 4)
            else:
                mem = base + rng.uniform(-12, 12)
            rss = mem * rng.uniform(0.93, 0.97)
            swap = max(0.0, mem - 512) * 0.4
            load = rng.uniform(0.02, 0.6) * (2.5 if HK_EXPORT[0] <= t < HK_EXPORT[1] and d != "worker.1" else 1)
            did = [i for a, i in ids[d] if a <= t][-1]
            x = log(t, "heroku", d, f"source={d} dyno={did} sample#load_avg_1m={load:.2f} "
                                    f"sample#load_avg_5m={load * 0.8:.2f} sample#load_avg_15m={load * 0.6:.2f}")
            x = log(x + rng.randint(1, 8), "heroku", d,
                    f"source={d} dyno={did} sample#memory_total={mem:.2f}MB sample#memory_rss={rss:.2f}MB "
                    f"sample#memory_cache={mem - rss:.2f}MB sample#memory_swap={swap:.2f}MB "
                    f"sample#memory_pgpgin={rng.randint(100000, 900000)}pages "
                    f"sample#memory_pgpgout={rng.randint(90000, 800000)}pages sample#memory_quota=512.00MB")
            if mem > 512:
                x = log(x + rng.randint(1, 5), "heroku", d, f"Process running mem={int(mem)}M({mem / 512 * 100:.1f}%)")
                log(x + 1, "heroku", d, "Error R14 (Memory quota exceeded)")
            t += 20000 + rng.randint(-60, 60)
    return ev.lines()


# =========================================================================== f. VPC Flow Logs, version 2, as delivered to S3

VPC_ACCOUNT = "483920117635"
VPC_ENI = {"bastion": ("eni-0b7d2f41c9a3e5d10", "10.0.0.10"), "web-1": ("eni-04e1a9c7d2b3f6a21", "10.0.1.21"),
           "web-2": ("eni-09c3b5e7f1a2d4c22", "10.0.1.22"), "db": ("eni-0f2a6c8e4b1d3a931", "10.0.2.31"),
           "batch": ("eni-0d5e7a9c1b3f2e447", "10.0.4.47"), "spare": ("eni-07a1c3e5f7b9d2e99", None)}
VPC_SCANNER = "185.191.171.35"
VPC_SCAN = (at("09:30") + 14003, at("09:50") - 9127)
VPC_DB_BLOCK = (at("10:40") + 32554, at("10:55") + 21409)
VPC_EXFIL = (at("11:15") + 27118, at("11:35") - 40337)
VPC_EXFIL_DST = "203.0.113.200"
VPC_OFFICE = "198.51.100.10"
VPC_PORTS = [21, 22, 23, 25, 53, 80, 81, 110, 111, 135, 139, 143, 161, 389, 443, 445, 465, 502, 587, 631, 993, 995,
             1080, 1433, 1521, 1723, 1883, 2049, 2082, 2083, 2181, 2222, 2375, 2376, 3000, 3128, 3306, 3389, 4443, 4444,
             5000, 5060, 5432, 5601, 5672, 5900, 5984, 6000, 6379, 6443, 7001, 7474, 8000, 8008, 8080, 8081, 8088, 8443,
             8888, 9000, 9042, 9090, 9092, 9200, 9300, 9418, 10000, 10250, 11211, 15672, 27017, 50000, 50070, 61616]


def gen_vpc(rng) -> list[str]:
    recs: list = []

    def flow(minute_ms, eni, src, dst, sport, dport, proto, packets, nbytes, action, s1=None, span=None):
        """One record in the minute starting at minute_ms: start and end in that minute, never second :00."""
        s1 = s1 if s1 is not None else rng.randint(1, 50)
        span = span if span is not None else rng.randint(0, 58 - s1)
        start = minute_ms // 1000 + s1
        end = start + min(span, 58 - s1)
        if not START_MS < start * 1000 < END_MS:
            return
        recs.append((start, len(recs), f"2 {VPC_ACCOUNT} {eni} {src} {dst} {sport} {dport} {proto} {packets} {nbytes} "
                                       f"{start} {end} {action} OK"))

    def at_sec(ms):
        """(minute start, second in the minute) of a time, moved off second :00."""
        s = ms // 1000
        if s % 60 == 0:
            s += 1
        return (s - s % 60) * 1000, s % 60

    def pair(minute_ms, eni, a, b, aport, bport, proto, packets, nbytes, back_ratio=0.6, s1=None, span=None):
        """A two-way conversation seen on one interface: a->b and the return b->a."""
        s1 = s1 if s1 is not None else rng.randint(1, 45)
        span = span if span is not None else rng.randint(1, 58 - s1)
        flow(minute_ms, eni, a, b, aport, bport, proto, packets, nbytes, "ACCEPT", s1, span)
        bp = max(1, int(packets * rng.uniform(0.7, 1.0)))
        flow(minute_ms, eni, b, a, bport, aport, proto, bp, max(40 * bp, int(nbytes * back_ratio)), "ACCEPT",
             s1 + rng.randint(0, 1), max(0, span - 1))

    minutes = [START_MS + m * 60000 for m in range(180)]
    alb = ["10.0.0.41", "10.0.0.42"]
    conns = {}
    for m in minutes:
        # the load balancer's keep-alive connections to the web servers
        for w in ("web-1", "web-2"):
            eni, ip = VPC_ENI[w]
            for k in range(2):
                key = (w, k)
                if key not in conns or rng.random() < 0.05:
                    conns[key] = (rng.choice(alb), rng.randint(20000, 65000))
                src, sport = conns[key]
                p = rng.randint(30, 400)
                pair(m, eni, src, ip, sport, 8080, 6, p, p * rng.randint(300, 700), back_ratio=rng.uniform(3, 8))
            # the pooled connection to the database, seen on both interfaces
            key = (w, "db")
            if key not in conns or rng.random() < 0.03:
                conns[key] = rng.randint(30000, 60000)
            p = rng.randint(40, 600)
            nb = p * rng.randint(150, 400)
            s1 = rng.randint(1, 30)
            pair(m, eni, ip, "10.0.2.31", conns[key], 5432, 6, p, nb, back_ratio=rng.uniform(2, 6), s1=s1, span=25)
            pair(m, VPC_ENI["db"][0], ip, "10.0.2.31", conns[key], 5432, 6, p, nb, back_ratio=rng.uniform(2, 6),
                 s1=s1, span=25)
        # DNS from every instance
        for n in ("bastion", "web-1", "web-2", "batch"):
            eni, ip = VPC_ENI[n]
            q = rng.randint(1, 30)
            pair(m, eni, ip, "10.0.0.2", rng.randint(30000, 65000), 53, 17, q, q * rng.randint(60, 90),
                 back_ratio=rng.uniform(1.5, 3))
        # the spare interface has nothing to say
        s = rng.randint(1, 40)
        recs.append((m // 1000 + s, len(recs), f"2 {VPC_ACCOUNT} {VPC_ENI['spare'][0]} - - - - - - - "
                                               f"{m // 1000 + s} {m // 1000 + s + rng.randint(5, 17)} - NODATA"))
    # web servers call the payment provider; the batch host ships to S3 every ten minutes
    for t in arrivals(rng, 45.0):
        w = rng.choice(["web-1", "web-2"])
        eni, ip = VPC_ENI[w]
        m, s1 = at_sec(t)
        if s1 > 50:
            continue
        p = rng.randint(12, 40)
        pair(m, eni, ip, rng.choice(["3.127.44.210", "18.157.90.33", "52.28.161.9"]), rng.randint(30000, 65000), 443, 6,
             p, p * rng.randint(200, 600), back_ratio=rng.uniform(0.8, 2.0), s1=s1, span=rng.randint(0, 4))
    for m in minutes[3::10]:
        eni, ip = VPC_ENI["batch"]
        nb = rng.randint(4_000_000, 22_000_000)
        pair(m, eni, ip, f"52.218.{rng.randint(0, 255)}.{rng.randint(1, 254)}", rng.randint(30000, 65000), 443, 6,
             nb // 1400, nb, back_ratio=0.02, s1=rng.randint(1, 20), span=rng.randint(5, 30))
    # the office uses the bastion; one hop on to web-1
    for a, b in [(at("09:12") + 40210, at("09:41") + 5012), (at("10:44") + 18305, at("11:02") + 31777),
                 (at("11:20") + 7101, at("11:48") + 20313)]:
        sport = rng.randint(50000, 65000)
        hop = rng.randint(40000, 60000)
        for m in minutes:
            if m + 60000 <= a or m >= b:
                continue
            s1 = max(1, (a - m) // 1000 + 1) if m < a else rng.randint(1, 20)
            if s1 > 50:
                continue
            p = rng.randint(10, 120)
            pair(m, VPC_ENI["bastion"][0], VPC_OFFICE, "10.0.0.10", sport, 22, 6, p, p * rng.randint(70, 140),
                 back_ratio=rng.uniform(2, 10), s1=s1)
            if m >= a + 120000:
                pair(m, VPC_ENI["bastion"][0], "10.0.0.10", "10.0.1.21", hop, 22, 6, p, p * rng.randint(70, 120), s1=s1)
                pair(m, VPC_ENI["web-1"][0], "10.0.0.10", "10.0.1.21", hop, 22, 6, p, p * rng.randint(70, 120), s1=s1)
    # internet noise at the two public interfaces, all rejected
    for t in arrivals(rng, 14.0):
        n = rng.choice(["bastion", "batch"])
        m, s1 = at_sec(t)
        if s1 > 55:
            continue
        dport = weighted(rng, [22, 23, 80, 443, 3389, 445, 8080, 5900, 6379, 2375, 1433],
                         [20, 12, 8, 6, 12, 8, 8, 4, 4, 3, 3])
        if n == "batch" and dport == 443:
            dport = 8443
        p = rng.choice([1, 1, 1, 2])
        flow(m, VPC_ENI[n][0], public_ip(rng), VPC_ENI[n][1], rng.randint(1024, 65535), dport, 6, p, 40 * p + rng.choice([0, 4]),
             "REJECT", s1, rng.randint(0, 2) if p > 1 else 0)
    # the scanner 09:30-09:50
    t = VPC_SCAN[0]
    while t < VPC_SCAN[1]:
        m, s1 = at_sec(t)
        if s1 <= 55:
            n = rng.choice(["bastion", "bastion", "batch"])
            port = rng.choice(VPC_PORTS) if rng.random() < 0.85 else rng.randint(1, 65535)
            flow(m, VPC_ENI[n][0], VPC_SCANNER, VPC_ENI[n][1], rng.randint(40000, 65000), port, 6, 1, 44, "REJECT", s1, 0)
        t += rng.randint(1500, 7000)
    # the new app subnet cannot reach the database until its security group is fixed at 10:55
    for src, gap in (("10.0.3.17", (3500, 4500)), ("10.0.3.18", (6000, 8000))):
        t = VPC_DB_BLOCK[0] + rng.randint(0, 3000)
        first = True
        while t < VPC_DB_BLOCK[1]:
            m, s1 = at_sec(t)
            if s1 <= 55:
                p = 1 if first else rng.choice([1, 2, 3])
                first = False
                flow(m, VPC_ENI["db"][0], src, "10.0.2.31", rng.randint(32768, 60999), 5432, 6, p, 60 * p, "REJECT", s1,
                     p - 1)
            t += rng.randint(*gap)
        port = rng.randint(32768, 60999)
        for mm in minutes:
            if mm < VPC_DB_BLOCK[1] + 30000:
                continue
            p = rng.randint(20, 300)
            pair(mm, VPC_ENI["db"][0], src, "10.0.2.31", port, 5432, 6, p, p * rng.randint(150, 400),
                 back_ratio=rng.uniform(2, 6))
    # the batch host uploads to an unknown address 11:15-11:35
    t = VPC_EXFIL[0]
    while t < VPC_EXFIL[1]:
        length = rng.randint(120000, 300000)
        sport = rng.randint(40000, 65000)
        e = min(t + length, VPC_EXFIL[1])
        x = t
        while x < e:
            m, s1 = at_sec(x)
            last = min(58, (e - m) // 1000) if e - m < 60000 else 58
            if s1 <= 55 and last > s1:
                nb = int(rng.uniform(90e6, 260e6) * (last - s1) / 58)
                pair(m, VPC_ENI["batch"][0], "10.0.4.47", VPC_EXFIL_DST, sport, 443, 6, nb // 1448, nb, back_ratio=0.015,
                     s1=s1, span=last - s1)
            x = m + 60000 + rng.randint(0, 500)
        t = e + rng.randint(4000, 30000)
    recs.sort()
    return ["version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action "
            "log-status"] + [line for _, _, line in recs]


FILES = [
    ("node-journal.jsonl", "journalctl-json",
     '{job="systemd-journal",env="prod"}', gen_journal, 1,
     "four machines (app-01..03, db-01) merged by journal-remote; 09:40-09:55 ssh brute force on app-02 from "
     "141.98.11.23 (and 45.227.254.8 09:46-09:52); 10:31 orders-worker on app-03 loses redis cache-02 and crash-loops "
     "until systemd gives up (start-limit-hit), started by hand 10:47:52; three times 11:21-11:34 orders-api is "
     "OOM-killed on app-01; ufw drops on app-02 all morning"),
    ("cloudfront-access.log", "cloudfront-standard",
     '{job="cloudfront",distribution="E2QWRUHAPOMQZL"}', gen_cloudfront, 2,
     "10:05-10:20 the www origin is unreachable (502 OriginConnectError, 504 OriginCommError after 30 s) for "
     "uncached requests; 10:50:13 invalidation of static, misses decay over a few minutes; 11:25-11:40 45.133.1.88 "
     "(Wget) downloads the video library, 403 from a WAF rule from 11:33:17"),
    ("celery-worker.log", "celery-worker",
     '{namespace="shop",app="celery-worker",pod="celery-worker-6d9f8c7b5-k4x2p",container="worker"}', gen_celery, 3,
     "09:50-10:05 SMTP disconnects: send_order_email retries (60 s, max 3) and some fail; 10:42:14 broker connection "
     "lost, reconnected about 70 s later; 11:15-11:30 megacorp year reports: one hits the soft limit (240 s), one the "
     "hard limit (300 s, pool process killed and replaced), one takes 228 s"),
    ("pricing-structlog.jsonl", "structlog-json",
     '{namespace="pricing",app="pricing-api",pod="pricing-api-7c8d9f6b5-t2wq9",container="api"}', gen_structlog, 4,
     "09:35-09:50 inventory-svc read timeouts (4 s, up to 2 attempts, 503s); 10:20-10:35 tenant initech floods "
     "POST /v1/quotes/batch from 10.12.7.41, 429 over 120 a minute; 11:05:41 deploy of 2026.12.2, KeyError "
     "'currency' 500s on /v1/discounts for umbrella, hooli, stark; rollback 11:31:12"),
    ("shopfront-heroku.log", "heroku-logplex",
     '{job="heroku",app="shopfront-prod"}', gen_heroku, 5,
     "web.2 leaks memory, R14 from about 09:30 until it is restarted 09:44:17; 10:35-10:50 month-end exports pass "
     "the 30 s router limit (H12, some H27, gunicorn WORKER TIMEOUT); 11:12:33 release v232 restarts every dyno; "
     "11:40-11:52 scraper 5.188.62.214 on /products, 429 from 11:46"),
    ("vpc-flow.log", "vpc-flow-logs-v2",
     '{job="vpc-flow-logs",vpc="vpc-0c4e2a9f7b1d35e68",region="eu-west-1"}', gen_vpc, 6,
     "09:30-09:50 185.191.171.35 scans the bastion and the batch host (REJECT); 10:40-10:55 new subnet 10.0.3.17/.18 "
     "rejected by the database's security group on 5432, fixed 10:55; 11:15-11:35 the batch host 10.0.4.47 uploads "
     "gigabytes to 203.0.113.200:443; the office 198.51.100.10 uses the bastion over ssh"),
]


def main(argv: list[str]) -> int:
    return write_set(argv, SEED, FILES, "manifest_heldout11.json", (24, 20))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
