#!/usr/bin/env python3
"""Write the six logs of the ninth held-out set (questions_heldout9.jsonl).

    python3 eval/ask/gen_logs9.py [DIR | --out DIR]      # default target/eval-logs

Writes zookeeper.log, android-logcat.log, health-app.log (half A), spark-driver.log,
proxifier.log and hpc-syslog.log (half B), and manifest_heldout9.json (suggested labels,
line counts, SHA-256, incidents). Standard library only, fixed seeds, byte-identical output.

All files cover 2026-12-06 09:00:00Z to 12:00:00Z (gen_clock.py). Formats with
milliseconds never write `.000`/`,000`/`:000`; formats with whole seconds only (the Spark
driver log, Proxifier, the cluster syslog) never write second :00, so no line falls on a
whole-minute window boundary. The shapes follow the public descriptions of each format
(log4j patterns of ZooKeeper and Spark, `logcat -v threadtime`, Proxifier's log window,
a phone health app's pipe-separated log, and a cluster syslog with an epoch column); the
content is made up here.
"""
from __future__ import annotations

import sys
from collections import deque
from datetime import datetime

from gen_clock import (END_MS, START_MS, UTC, Events, arrivals, at, hexid, lognorm, nz, weighted,
                       write_set)

SEED = 9190


def utc(ms: int) -> datetime:
    return datetime.fromtimestamp(ms // 1000, tz=UTC)


# =========================================================================== a. ZooKeeper

ZK_NIO = "NIOServerCxn.Factory:0.0.0.0/0.0.0.0:2181"
ZK_QP = "QuorumPeer[myid=2]/0.0.0.0:2181"
ZK_EOS_TRACE = ["\tat org.apache.zookeeper.server.NIOServerCnxn.doIO(NIOServerCnxn.java:231)",
                "\tat org.apache.zookeeper.server.NIOServerCnxnFactory.run(NIOServerCnxnFactory.java:208)",
                "\tat java.lang.Thread.run(Thread.java:750)"]
ZK_ELECTION_AT = at("10:48:31") + 225   # the leader (server 3) goes away
ZK_LEADING_AT = at("10:48:33") + 412    # this server (myid 2) leads
ZK_UP_AT = ZK_LEADING_AT + 240          # serving clients again
ZK_REJOIN_AT = at("11:02:47") + 318     # server 3 is back, as a follower
ZK_LEAK_AT = at("11:35:12") + 407       # 10.0.7.88 starts leaking connections
ZK_KILL_AT = at("11:50:23") + 611       # its job is killed


def gen_zk(rng) -> list[str]:
    ev = Events()
    ports = {}

    def port(ip):
        ports[ip] = ports.get(ip, 0) + 1
        return 32768 + (hash_ip(ip) * 7919 + ports[ip] * 104729) % 28000

    def log(ms, level, where, msg, *extra):
        return ev.add(ms, lambda t: f"{utc(t):%Y-%m-%d %H:%M:%S},{t % 1000:03d} - {level:<5} [{where}] - {msg}",
                      *extra)

    def leader(ms):
        return ms >= ZK_LEADING_AT

    def down(ms):
        return ZK_ELECTION_AT <= ms < ZK_UP_AT

    def zxid(ms):
        if ms < ZK_LEADING_AT:
            return 0x300000000 + 0x12a4f + (ms - START_MS) // 173
        return 0x400000000 + (ms - ZK_LEADING_AT) // 161

    counter = [0x1c0]

    def new_sid():
        counter[0] += rng.randint(1, 3)
        return f"0x28f1c2d4e5a{counter[0]:04x}"

    def accept(ms, ip, p):
        return log(ms, "INFO", f"{ZK_NIO}:NIOServerCnxnFactory@197", f"Accepted socket connection from /{ip}:{p}")

    def closed(ms, ip, p, sid):
        return log(ms, "INFO", f"{ZK_NIO}:NIOServerCnxn@1008",
                   f"Closed socket connection for client /{ip}:{p} which had sessionid {sid}")

    def eos(ms, ip, p, sid):
        t = log(ms, "WARN", f"{ZK_NIO}:NIOServerCnxn@357", "caught end of stream exception",
                f"EndOfStreamException: Unable to read additional data from client sessionid {sid}, "
                "likely client has closed socket", *ZK_EOS_TRACE)
        closed(t + rng.randint(1, 4), ip, p, sid)

    def terminated(ms, sid):
        return log(ms, "INFO", "ProcessThread(sid:2 cport:-1)::PrepRequestProcessor@487",
                   f"Processed session termination for sessionid: {sid}")

    def expire(ms, sid, timeout):
        t = log(ms, "INFO", "SessionTracker:ZooKeeperServer@355",
                f"Expiring session {sid}, timeout of {timeout}ms exceeded")
        terminated(t + rng.randint(1, 6), sid)
        return t

    def establish(ms, ip, p, sid, timeout, renew=False):
        t = accept(ms, ip, p)
        if renew:
            t = log(t + rng.randint(1, 5), "INFO", f"{ZK_NIO}:ZooKeeperServer@861",
                    f"Client attempting to renew session {sid} at /{ip}:{p}")
        else:
            t = log(t + rng.randint(1, 5), "INFO", f"{ZK_NIO}:ZooKeeperServer@868",
                    f"Client attempting to establish new session at /{ip}:{p}")
        log(t + rng.randint(3, 30), "INFO", "CommitProcessor:2:ZooKeeperServer@617",
            f"Established session {sid} with negotiated timeout {timeout} for client /{ip}:{p}")

    def session(c, ip, life_ms, timeout=30000, crash_p=0.12, sid=None, renew=False):
        """A client session connected here from c for life_ms; handles the election."""
        if down(c):
            c = ZK_UP_AT + rng.randint(200, 9000)
        if c >= END_MS - 500:
            return
        sid = sid or new_sid()
        p = port(ip)
        establish(c, ip, p, sid, timeout, renew)
        e = c + life_ms
        if c < ZK_ELECTION_AT <= e:
            # the election closes every client connection; half of them come back here
            t = ZK_ELECTION_AT + rng.randint(40, 160)
            t = log(t, "WARN", f"{ZK_NIO}:NIOServerCnxn@368",
                    f"Exception causing close of session {sid} due to java.io.IOException: ZooKeeperServer not running")
            closed(t + rng.randint(1, 3), ip, p, sid)
            if rng.random() < 0.55 or ip.startswith("10.0.6.") or ip.startswith("10.0.8."):
                session(ZK_UP_AT + rng.randint(300, 9000), ip, max(e - ZK_UP_AT, 5000), timeout, crash_p, sid, True)
            return
        if e >= END_MS:
            return
        if rng.random() < crash_p:
            eos(e, ip, p, sid)
            if leader(e):
                x = e + timeout + rng.randint(100, 2000)
                if x < END_MS:
                    expire(x, sid, timeout)
        else:
            if leader(e):
                e = terminated(e, sid) + rng.randint(1, 4)
            closed(e, ip, p, sid)

    long_sids = {ip: new_sid() for ip in ["10.0.6.21", "10.0.6.22", "10.0.6.23", "10.0.8.31", "10.0.8.32", "10.0.8.33"]}
    # -- ordinary clients
    apps = [("10.0.5.11", 150), ("10.0.5.12", 210), ("10.0.5.13", 180), ("10.0.5.14", 55),
            ("10.0.5.15", 230), ("10.0.5.16", 170), ("10.0.5.17", 260), ("10.0.5.18", 195)]
    for ip, gap in apps:
        for c in arrivals(rng, gap):
            session(c, ip, int(min(max(lognorm(rng, 40000, 0.8), 2000), 600000)))
    for c in arrivals(rng, 210, at("10:37"), END_MS):
        session(c, "10.0.5.19", int(min(max(lognorm(rng, 30000, 0.7), 2000), 600000)))
    session(at("10:14:22") + 181, "10.8.3.77", 193000, crash_p=0.0)
    for c in arrivals(rng, 1500, START_MS, at("11:30")):
        session(c, "10.0.8.41", int(lognorm(rng, 25000, 0.5)))   # hbase shell
    for c in arrivals(rng, 600, START_MS, at("11:30")):
        session(c, "10.0.7.88", int(min(max(lognorm(rng, 45000, 0.5), 5000), 200000)), crash_p=0.0)

    # -- long sessions: kafka brokers and hbase region servers, connected before 09:00
    flaps = {"10.0.6.22": 13, "10.0.6.23": 5}
    for ip in ["10.0.6.21", "10.0.6.22", "10.0.6.23", "10.0.8.31", "10.0.8.32", "10.0.8.33"]:
        sid, p, timeout = long_sids[ip], port(ip), (6000 if ip.startswith("10.0.6.") else 40000)
        # the election: closed at 10:48:31, renewed here
        t = log(ZK_ELECTION_AT + rng.randint(40, 160), "WARN", f"{ZK_NIO}:NIOServerCnxn@368",
                f"Exception causing close of session {sid} due to java.io.IOException: ZooKeeperServer not running")
        closed(t + rng.randint(1, 3), ip, p, sid)
        c = ZK_UP_AT + rng.randint(150, 2500)
        p = port(ip)
        establish(c, ip, p, sid, timeout, renew=True)
        n = flaps.get(ip, 0)
        if n:
            times = []
            while len(times) < n:
                t = rng.randrange(at("11:10:20"), at("11:24:40"))
                if all(abs(t - u) > 25000 for u in times):
                    times.append(t)
            for f in sorted(times):
                x = expire(f, sid, timeout)
                closed(x + rng.randint(5, 20), ip, p, sid)
                sid, p = new_sid(), port(ip)
                c = x + rng.randint(1500, 4000)
                establish(c, ip, p, sid, timeout)
                log(c + rng.randint(60, 400), "INFO", "ProcessThread(sid:2 cport:-1)::PrepRequestProcessor@653",
                    f"Got user-level KeeperException when processing sessionid:{sid} type:create "
                    f"cxid:0x{rng.randint(20, 60):x} zxid:0x{zxid(c):x} txntype:-1 reqpath:n/a "
                    f"Error Path:/controller Error:KeeperErrorCode = NodeExists for /controller")

    # -- the monitoring agent's four-letter words every 15 s
    t = START_MS + rng.randint(1000, 14000)
    while t < END_MS - 1000:
        if not down(t):
            p = port("10.0.9.5")
            x = accept(t, "10.0.9.5", p)
            x = log(x + rng.randint(1, 3), "INFO", f"{ZK_NIO}:NIOServerCnxn@883",
                    f"Processing mntr command from /10.0.9.5:{p}")
            log(x + rng.randint(2, 9), "INFO", f"{ZK_NIO}:NIOServerCnxn@1008",
                f"Closed socket connection for client /10.0.9.5:{p} (no session established for client)")
        t += 15000 + rng.randint(-150, 150)

    # -- 10.0.7.88 leaks connections from 11:35, then is refused until its job is killed
    t, held = ZK_LEAK_AT, []
    while t < ZK_KILL_AT:
        if len(held) < 60:
            sid, p = new_sid(), port("10.0.7.88")
            establish(t, "10.0.7.88", p, sid, 30000)
            held.append((sid, p))
            t += rng.randint(700, 2600)
        else:
            log(t, "WARN", f"{ZK_NIO}:NIOServerCnxnFactory@193", "Too many connections from /10.0.7.88 - max is 60")
            t += rng.randint(300, 1600)
    for sid, p in held:
        x = ZK_KILL_AT + rng.randint(1, 400)
        eos(x, "10.0.7.88", p, sid)
        expire(ZK_KILL_AT + 30000 + rng.randint(200, 2000), sid, 30000)

    # -- the election
    e = ZK_ELECTION_AT
    log(e, "WARN", f"{ZK_QP}:Follower@96", "Exception when following the leader",
        "java.io.EOFException",
        "\tat java.io.DataInputStream.readInt(DataInputStream.java:392)",
        "\tat org.apache.jute.BinaryInputArchive.readInt(BinaryInputArchive.java:63)",
        "\tat org.apache.zookeeper.server.quorum.QuorumPacket.deserialize(QuorumPacket.java:85)",
        "\tat org.apache.jute.BinaryInputArchive.readRecord(BinaryInputArchive.java:99)",
        "\tat org.apache.zookeeper.server.quorum.Learner.readPacket(Learner.java:158)",
        "\tat org.apache.zookeeper.server.quorum.Follower.followLeader(Follower.java:92)",
        "\tat org.apache.zookeeper.server.quorum.QuorumPeer.run(QuorumPeer.java:1253)")
    log(e + 3, "INFO", f"{ZK_QP}:Follower@201", "shutdown called",
        "java.lang.Exception: shutdown Follower",
        "\tat org.apache.zookeeper.server.quorum.Follower.shutdown(Follower.java:201)",
        "\tat org.apache.zookeeper.server.quorum.QuorumPeer.run(QuorumPeer.java:1257)")
    log(e + 5, "INFO", f"{ZK_QP}:FollowerZooKeeperServer@140", "Shutting down")
    log(e + 6, "INFO", f"{ZK_QP}:ZooKeeperServer@502", "shutting down")
    log(e + 9, "INFO", f"{ZK_QP}:RequestThrottler@210", "Shutdown complete")
    log(e + 214, "INFO", f"{ZK_QP}:QuorumPeer@1193", "LOOKING")
    snap = zxid(e - 60000)
    log(e + 221, "INFO", f"{ZK_QP}:FileSnap@85", f"Reading snapshot /var/lib/zookeeper/version-2/snapshot.{snap:x}")
    z = zxid(e)
    log(e + 388, "INFO", f"{ZK_QP}:FastLeaderElection@944",
        f"New election. My id =  2, proposed zxid=0x{z:x}")
    trace = ["java.net.ConnectException: Connection refused (Connection refused)",
             "\tat java.net.PlainSocketImpl.socketConnect(Native Method)",
             "\tat java.net.AbstractPlainSocketImpl.doConnect(AbstractPlainSocketImpl.java:350)",
             "\tat java.net.SocksSocketImpl.connect(SocksSocketImpl.java:392)",
             "\tat java.net.Socket.connect(Socket.java:607)",
             "\tat org.apache.zookeeper.server.quorum.QuorumCnxManager.initiateConnection(QuorumCnxManager.java:383)",
             "\tat org.apache.zookeeper.server.quorum.QuorumCnxManager.connectOne(QuorumCnxManager.java:713)",
             "\tat org.apache.zookeeper.server.quorum.QuorumCnxManager.toSend(QuorumCnxManager.java:620)",
             "\tat org.apache.zookeeper.server.quorum.FastLeaderElection$Messenger$WorkerSender.process(FastLeaderElection.java:477)",
             "\tat java.lang.Thread.run(Thread.java:750)"]
    note = ("Notification: my state:LOOKING; n.sid:{sid}, n.state:LOOKING, n.leader:{ld}, n.round:0x{r:x}, "
            "n.peerEpoch:0x{pe:x}, n.zxid:0x{zx:x}, message format version:0x2, n.config version:0x{cv:x}")
    log(e + 395, "INFO", "WorkerReceiver[myid=2]:FastLeaderElection$Messenger$WorkerReceiver@390",
        note.format(sid=2, ld=2, r=0x5, pe=0x3, zx=z, cv=0x100000000))
    for k, d in enumerate([402, 1210, 2013]):
        log(e + d, "WARN", "QuorumConnectionThread-[myid=2]-3:QuorumCnxManager@400",
            "Cannot open channel to 3 at election address /10.0.4.13:3888", *trace)
        if k == 0:
            log(e + d + 37, "INFO", "WorkerReceiver[myid=2]:FastLeaderElection$Messenger$WorkerReceiver@390",
                note.format(sid=1, ld=1, r=0x5, pe=0x3, zx=z - 0x21, cv=0x100000000))
            log(e + d + 41, "INFO", "WorkerReceiver[myid=2]:FastLeaderElection$Messenger$WorkerReceiver@390",
                note.format(sid=1, ld=2, r=0x5, pe=0x3, zx=z, cv=0x100000000))
    L = ZK_LEADING_AT
    log(L, "INFO", f"{ZK_QP}:QuorumPeer@1275", "LEADING")
    log(L + 2, "INFO", f"{ZK_QP}:Leader@66", "TCP NoDelay set to: true")
    log(L + 4, "INFO", f"{ZK_QP}:ZooKeeperServer@1284",
        "minSessionTimeout set to 4000 ms and maxSessionTimeout set to 40000 ms")
    log(L + 9, "INFO", f"{ZK_QP}:QuorumPeer@910", f"LEADING - LEADER ELECTION TOOK - {L - e} MS")
    log(L + 77, "INFO", "LearnerHandler-/10.0.4.11:52318:LearnerHandler@504",
        "Follower sid: 1 : info : 10.0.4.11:2888:3888:participant;0.0.0.0:2181")
    log(L + 81, "INFO", "LearnerHandler-/10.0.4.11:52318:LearnerHandler@1022",
        f"Synchronizing with Learner sid: 1 maxCommittedLog=0x{z:x} minCommittedLog=0x{z - 500:x} "
        f"lastProcessedZxid=0x{z:x} peerLastZxid=0x{z - 0x21:x}")
    log(L + 84, "INFO", "LearnerHandler-/10.0.4.11:52318:LearnerHandler@1108", "Using committedLog for peer sid: 1")
    log(L + 86, "INFO", "LearnerHandler-/10.0.4.11:52318:LearnerHandler@558", "Sending DIFF zxid=0x%x for peer sid: 1" % z)
    log(L + 140, "INFO", f"{ZK_QP}:Leader@1566",
        "Have quorum of supporters, sids: [[1, 2]]; starting up and setting last processed zxid: 0x400000000")
    log(L + 152, "INFO", f"{ZK_QP}:FileTxnSnapLog@479",
        "Snapshotting: 0x400000000 to /var/lib/zookeeper/version-2/snapshot.400000000")
    log(L + 236, "INFO", f"{ZK_QP}:ZooKeeperServer@589", "Snapshot taken in 84 ms")

    # -- server 3 comes back as a follower
    r = ZK_REJOIN_AT
    log(r, "INFO", "ListenerHandler-/10.0.4.12:3888:QuorumCnxManager$Listener$ListenerHandler@1070",
        "Received connection request from /10.0.4.13:50212")
    z = zxid(r)
    log(r + 6, "INFO", "WorkerReceiver[myid=2]:FastLeaderElection$Messenger$WorkerReceiver@390",
        f"Notification: my state:LEADING; n.sid:3, n.state:LOOKING, n.leader:3, n.round:0x1, n.peerEpoch:0x3, "
        f"n.zxid:0x{0x300000000 + 0x12a2e:x}, message format version:0x2, n.config version:0x100000000")
    log(r + 412, "INFO", "LearnerHandler-/10.0.4.13:44120:LearnerHandler@504",
        "Follower sid: 3 : info : 10.0.4.13:2888:3888:participant;0.0.0.0:2181")
    log(r + 417, "INFO", "LearnerHandler-/10.0.4.13:44120:LearnerHandler@1022",
        f"Synchronizing with Learner sid: 3 maxCommittedLog=0x{z:x} minCommittedLog=0x{z - 500:x} "
        f"lastProcessedZxid=0x{z:x} peerLastZxid=0x{0x300000000 + 0x12a2e:x}")
    log(r + 421, "INFO", "LearnerHandler-/10.0.4.13:44120:LearnerHandler@566",
        f"Sending SNAP zxid=0x{z:x} for peer sid: 3")
    log(r + 1893, "INFO", "LearnerHandler-/10.0.4.13:44120:LearnerHandler@683", "Received NEWLEADER-ACK message from 3")

    # -- slow fsyncs, log rolls and snapshots
    fs = [(t, lognorm(rng, 1400, 0.45)) for t in arrivals(rng, 480)]
    fs += [(t, rng.uniform(3000, 9500)) for t in sorted(rng.randrange(at("10:40"), at("10:47")) for _ in range(7))]
    for t, d in fs:
        if not down(t):
            log(t, "WARN", "SyncThread:2:FileTxnLog@380",
                f"fsync-ing the write ahead log in SyncThread:2 took {int(d)}ms which will adversely effect "
                "operation latency.File size is 67108880 bytes. See the ZooKeeper troubleshooting guide")
    for t in arrivals(rng, 1500):
        if down(t):
            continue
        z = zxid(t)
        x = log(t, "INFO", "SyncThread:2:FileTxnLog@284", f"Creating new log file: log.{z:x}")
        log(x + rng.randint(2, 9), "INFO", "Snapshot Thread:FileTxnSnapLog@479",
            f"Snapshotting: 0x{z - 1:x} to /var/lib/zookeeper/version-2/snapshot.{z - 1:x}")
    return ev.lines()


def hash_ip(ip: str) -> int:
    """A stable number for an address (Python's hash() of a str changes between runs)."""
    n = 0
    for part in ip.split("."):
        n = n * 256 + int(part)
    return n


# =========================================================================== b. Spark driver

SP_HOSTS = {1: "worker-01", 2: "worker-02", 3: "worker-04", 4: "worker-05", 5: "worker-03", 6: "worker-06"}
SP_DOMAIN = ".example.internal"
SP_KILL_MSG = ("Container killed by YARN for exceeding physical memory limits. {used} GB of 9 GB physical memory used. "
               "Consider boosting spark.executor.memoryOverhead.")


def gen_spark(rng) -> list[str]:
    ev = Events(seconds_only=True)

    def log(ms, level, cls, msg, *extra):
        return ev.add(ms, lambda t: f"{utc(t):%y/%m/%d %H:%M:%S} {level} {cls}: {msg}", *extra)

    # executors: id -> [host, registered ms, death ms]
    execs = {i: [h + SP_DOMAIN, START_MS - 3600000, END_MS * 2] for i, h in SP_HOSTS.items()}
    cycle_starts = [START_MS + 7000 + i * 180000 + rng.randint(0, 3000) for i in range(60)]
    deaths = [(5, cycle_starts[31] + 1500, 7, "worker-03"), (7, cycle_starts[33] + 1300, 8, "worker-07")]
    skew = (at("11:10"), at("11:25"))
    fail_cycle = 55
    bm_ports = {}
    seen_bcast = set()
    counters = {"job": 41, "stage": 83, "tid": 3100, "rdd": 310, "shuffle": 20, "bcast": 160}

    def bm(e):
        if e not in bm_ports:
            bm_ports[e] = 36000 + rng.randint(0, 9000)
        return f"{execs[e][0]}:{bm_ports[e]}"

    execs[5][2] = deaths[0][1]
    # the executor losses and their replacements
    for e, d, new, host in deaths:
        used = f"{9 + rng.randint(1, 4) / 10:.1f}"
        reason = SP_KILL_MSG.format(used=used)
        x = log(d, "WARN", "YarnSchedulerBackend$YarnSchedulerEndpoint",
                f"Requesting driver to remove executor {e} for reason {reason}")
        x = log(x + 40, "ERROR", "YarnScheduler", f"Lost executor {e} on {execs[e][0]}: {reason}")
        x = log(x + 90, "INFO", "DAGScheduler", f"Executor lost: {e} (epoch {e + 11})")
        x = log(x + 10, "INFO", "BlockManagerMasterEndpoint", f"Trying to remove executor {e} from BlockManagerMaster.")
        x = log(x + 10, "INFO", "BlockManagerMasterEndpoint",
                f"Removing block manager BlockManagerId({e}, {bm(e).replace(':', ', ')}, None)")
        x = log(x + 1200, "INFO", "ExecutorAllocationManager",
                "Requesting 1 new executor because tasks are backlogged (new desired total will be 6 for resource profile id: 0)")
        cont = f"container_e42_1796540000000_0042_01_0000{new + 5:02d}"
        x = log(x + 2300, "INFO", "YarnAllocator",
                f"Launching container {cont} on host {host}{SP_DOMAIN} for executor with ID {new} for ResourceProfile Id 0")
        reg = x + 9000 + rng.randint(0, 3000)
        execs[new] = [host + SP_DOMAIN, reg, END_MS * 2]
        if new == 7:
            execs[7][2] = deaths[1][1]
        log(reg, "INFO", "YarnSchedulerBackend$YarnDriverEndpoint",
            f"Registered executor NettyRpcEndpointRef(spark-client://Executor) (10.1.2.{int(host[-2:]) + 10}:"
            f"{rng.randint(40000, 60000)}) with ID {new},  ResourceProfileId 0")
        log(reg + 60, "INFO", "BlockManagerMasterEndpoint",
            f"Registering block manager {bm(new)} with 4.6 GiB RAM, BlockManagerId({new}, {bm(new).replace(':', ', ')}, None)")

    def stage(t0, sid, kind, n, call, durations, fail_part=None):
        """Runs one task set from t0; returns (end ms, aborted attempt info or None)."""
        slots = []
        order = [e for e in sorted(execs) if execs[e][1] <= t0 < execs[e][2]]
        for e in order:
            for _ in range(2):
                slots.append({"e": e, "free": t0, "death": execs[e][2], "k": rng.random()})
        log(t0, "INFO", "YarnScheduler", f"Adding task set {sid}.0 with {n} tasks resource profile 0")
        queue = deque((p, 0, t0) for p in range(n))
        finished, end, aborted = [], t0, None
        while queue:
            p, att, earliest = queue.popleft()
            alive = [s for s in slots if max(s["free"], earliest) < s["death"]]
            s = min(alive, key=lambda s: (max(s["free"], earliest), s["k"]))
            start = max(s["free"], earliest) + rng.randint(2, 25)
            tid = counters["tid"]
            counters["tid"] += 1
            e, host = s["e"], execs[s["e"]][0]
            loc = weighted(rng, ["PROCESS_LOCAL", "NODE_LOCAL", "RACK_LOCAL"], [80, 17, 3])
            log(start, "INFO", "TaskSetManager",
                f"Starting task {p}.{att} in stage {sid}.0 (TID {tid}) ({host}, executor {e}, partition {p}, {loc}, "
                f"{rng.randint(7400, 9100)} bytes) taskResourceAssignments Map()")
            if (e, sid) not in seen_bcast and kind != "x":
                seen_bcast.add((e, sid))
                log(start + rng.randint(20, 200), "INFO", "BlockManagerInfo",
                    f"Added broadcast_{counters['bcast']}_piece0 in memory on {bm(e)} (size: {rng.randint(120, 199) / 10:.1f} KiB, free: 4.6 GiB)")
            dur = max(30, int(durations(p, att)))
            if host.startswith("worker-03.") and at("10:25") <= start < s["death"]:
                dur *= 4  # the executors on worker-03 thrash before YARN kills them
            fin = start + dur
            if s["death"] < fin:
                log(s["death"] + rng.randint(100, 300), "WARN", "TaskSetManager",
                    f"Lost task {p}.{att} in stage {sid}.0 (TID {tid}) ({host} executor {e}): ExecutorLostFailure "
                    f"(executor {e} exited caused by one of the running tasks) Reason: "
                    + SP_KILL_MSG.format(used="9.3"))
                s["free"] = END_MS * 3
                queue.append((p, att + 1, s["death"] + rng.randint(400, 900)))
                continue
            s["free"] = fin
            end = max(end, fin)
            if p == fail_part:
                msg = (f"Lost task {p}.{att} in stage {sid}.0 (TID {tid}) ({host} executor {e}): "
                       "org.apache.spark.SparkException: Task failed while writing rows.")
                if att < 3:
                    log(fin, "WARN", "TaskSetManager", msg,
                        "\tat org.apache.spark.sql.errors.QueryExecutionErrors$.taskFailedWhileWritingRowsError(QueryExecutionErrors.scala:789)",
                        "\tat org.apache.spark.sql.execution.datasources.FileFormatWriter$.executeTask(FileFormatWriter.scala:421)",
                        "\tat org.apache.spark.scheduler.ResultTask.runTask(ResultTask.scala:92)",
                        "\tat org.apache.spark.executor.Executor$TaskRunner.run(Executor.scala:568)",
                        "Caused by: java.lang.NumberFormatException: For input string: \"12,50\"",
                        "\tat java.lang.NumberFormatException.forInputString(NumberFormatException.java:65)",
                        "\tat java.lang.Integer.parseInt(Integer.java:580)",
                        "\t... 14 more")
                    queue.append((p, att + 1, fin + rng.randint(10, 60)))
                else:
                    log(fin, "WARN", "TaskSetManager", msg + " [duplicate 3]")
                    aborted = (fin, p, tid, host, e)
                    queue.clear()
                continue
            finished.append((fin, p, att, tid, host, e, dur))
        finished.sort()
        for k, (fin, p, att, tid, host, e, dur) in enumerate(finished, 1):
            log(fin, "INFO", "TaskSetManager",
                f"Finished task {p}.{att} in stage {sid}.0 (TID {tid}) in {dur} ms on {host} (executor {e}) ({k}/{n})")
        return end, aborted

    def submit(t, sid, kind, call, rdd, n):
        name = "ShuffleMapStage" if kind == "map" else "ResultStage"
        t = log(t, "INFO", "DAGScheduler",
                f"Submitting {name} {sid} (MapPartitionsRDD[{rdd}] at {call}), which has no missing parents")
        counters["bcast"] += 1
        b = counters["bcast"]
        t = log(t + rng.randint(5, 20), "INFO", "MemoryStore",
                f"Block broadcast_{b} stored as values in memory (estimated size {rng.randint(400, 520) / 10:.1f} KiB, free 4.1 GiB)")
        t = log(t + rng.randint(2, 8), "INFO", "MemoryStore",
                f"Block broadcast_{b}_piece0 stored as bytes in memory (estimated size {rng.randint(120, 199) / 10:.1f} KiB, free 4.1 GiB)")
        t = log(t + 3, "INFO", "SparkContext", f"Created broadcast {b} from broadcast at DAGScheduler.scala:1585")
        first = ", ".join(str(i) for i in range(min(n, 15)))
        t = log(t + 4, "INFO", "DAGScheduler",
                f"Submitting {n} missing tasks from {name} {sid} (MapPartitionsRDD[{rdd}] at {call}) "
                f"(first 15 tasks are for partitions Vector({first}))")
        return t + rng.randint(3, 12)

    for ci, c0 in enumerate(cycle_starts):
        in_skew = skew[0] <= c0 < skew[1]
        # job 1: the ETL write, a shuffle stage then a result stage
        call = "save at EtlJob.scala:88"
        counters["job"] += 1
        job = counters["job"]
        counters["stage"] += 2
        ms_id, rs_id = counters["stage"] - 1, counters["stage"]
        counters["rdd"] += 4
        counters["shuffle"] += 1
        t = log(c0, "INFO", "SparkContext", f"Starting job: {call}")
        t = log(t + 5, "INFO", "DAGScheduler",
                f"Registering RDD {counters['rdd'] - 2} ({call}) as input to shuffle {counters['shuffle']}")
        t = log(t + 3, "INFO", "DAGScheduler", f"Got job {job} ({call}) with 8 output partitions")
        t = log(t + 1, "INFO", "DAGScheduler", f"Final stage: ResultStage {rs_id} ({call})")
        t = log(t + 1, "INFO", "DAGScheduler", f"Parents of final stage: List(ShuffleMapStage {ms_id})")
        t = log(t + 1, "INFO", "DAGScheduler", f"Missing parents: List(ShuffleMapStage {ms_id})")
        t = submit(t + 2, ms_id, "map", call, counters["rdd"] - 2, 24)
        sub = t

        def map_dur(p, att, in_skew=in_skew):
            if in_skew and p == 0:
                return lognorm(rng, 64000, 0.18)
            return lognorm(rng, 900, 0.45) * (2.3 if in_skew else 1.0)

        end, _ = stage(t, ms_id, "map", 24, call, map_dur)
        t = log(end + rng.randint(5, 30), "INFO", "YarnScheduler",
                f"Removed TaskSet {ms_id}.0, whose tasks have all completed, from pool ")
        log(t + 1, "INFO", "DAGScheduler", f"ShuffleMapStage {ms_id} ({call}) finished in {(t - sub) / 1000:.3f} s")
        log(t + 2, "INFO", "DAGScheduler", "looking for newly runnable stages")
        log(t + 2, "INFO", "DAGScheduler", f"waiting: Set(ResultStage {rs_id})")
        log(t + 3, "INFO", "MapOutputTrackerMaster",
            f"Size of output statuses for shuffle {counters['shuffle']} is {rng.randint(280, 420)} bytes")
        t = submit(t + 8, rs_id, "result", call, counters["rdd"], 8)
        sub = t
        fail = 5 if ci == fail_cycle else None

        def res_dur(p, att, fail=fail):
            if p == fail:
                return lognorm(rng, 2600, 0.15)
            return lognorm(rng, 380, 0.4)

        end, aborted = stage(t, rs_id, "result", 8, call, res_dur, fail)
        if aborted:
            fin, p, tid, host, e = aborted
            t = log(fin + 6, "ERROR", "TaskSetManager", f"Task {p} in stage {rs_id}.0 failed 4 times; aborting job")
            log(t + 2, "INFO", "YarnScheduler", f"Cancelling stage {rs_id}")
            log(t + 3, "INFO", "YarnScheduler", f"Killing all running tasks in stage {rs_id}: Stage cancelled")
            reason = (f"Job aborted due to stage failure: Task {p} in stage {rs_id}.0 failed 4 times, most recent "
                      f"failure: Lost task {p}.3 in stage {rs_id}.0 (TID {tid}) ({host} executor {e}): "
                      "org.apache.spark.SparkException: Task failed while writing rows.")
            log(t + 5, "INFO", "DAGScheduler",
                f"ResultStage {rs_id} ({call}) failed in {(t + 5 - sub) / 1000:.3f} s due to {reason}")
            t = log(t + 9, "INFO", "DAGScheduler",
                    f"Job {job} failed: {call}, took {(t + 9 - c0) / 1000 + rng.randint(0, 999) / 1e6:.6f} s")
            log(t + 14, "ERROR", "FileFormatWriter", f"Aborting job {hexid(rng, 8)}-{hexid(rng, 4)}-{hexid(rng, 4)}-{hexid(rng, 4)}-{hexid(rng, 12)}.",
                f"org.apache.spark.SparkException: {reason}",
                "\tat org.apache.spark.scheduler.DAGScheduler.failJobAndIndependentStages(DAGScheduler.scala:2856)",
                "\tat org.apache.spark.scheduler.DAGScheduler.$anonfun$abortStage$2(DAGScheduler.scala:2792)",
                "\tat org.apache.spark.scheduler.DAGScheduler.abortStage(DAGScheduler.scala:2791)",
                "\tat org.apache.spark.sql.execution.datasources.FileFormatWriter$.write(FileFormatWriter.scala:268)",
                "\tat com.example.etl.EtlJob$.run(EtlJob.scala:88)",
                "\t... 42 more")
            continue
        t = log(end + rng.randint(5, 30), "INFO", "YarnScheduler",
                f"Removed TaskSet {rs_id}.0, whose tasks have all completed, from pool ")
        log(t + 1, "INFO", "DAGScheduler", f"ResultStage {rs_id} ({call}) finished in {(t - sub) / 1000:.3f} s")
        log(t + 2, "INFO", "DAGScheduler",
            f"Job {job} is finished. Cancelling potential speculative or zombie tasks for this job")
        log(t + 3, "INFO", "YarnScheduler", f"Killing all running tasks in stage {rs_id}: Stage finished")
        t = log(t + 4, "INFO", "DAGScheduler", f"Job {job} finished: {call}, took {(t + 4 - c0) / 1000 + rng.randint(0, 999) / 1e6:.6f} s")
        wid = f"{hexid(rng, 8)}-{hexid(rng, 4)}-{hexid(rng, 4)}-{hexid(rng, 4)}-{hexid(rng, 12)}"
        t = log(t + rng.randint(80, 300), "INFO", "FileFormatWriter",
                f"Write Job {wid} committed. Elapsed time: {rng.randint(90, 400)} ms.")
        log(t + 2, "INFO", "FileFormatWriter", f"Finished processing stats for write job {wid}.")

        # job 2: a validation count over the written partitions
        call = "count at Validate.scala:41"
        counters["job"] += 1
        job = counters["job"]
        counters["stage"] += 1
        sid = counters["stage"]
        counters["rdd"] += 2
        c1 = t + rng.randint(400, 1500)
        t = log(c1, "INFO", "SparkContext", f"Starting job: {call}")
        t = log(t + 3, "INFO", "DAGScheduler", f"Got job {job} ({call}) with 12 output partitions")
        t = log(t + 1, "INFO", "DAGScheduler", f"Final stage: ResultStage {sid} ({call})")
        t = log(t + 1, "INFO", "DAGScheduler", "Parents of final stage: List()")
        t = submit(t + 2, sid, "result", call, counters["rdd"], 12)
        sub = t
        end, _ = stage(t, sid, "count", 12, call, lambda p, att: lognorm(rng, 220, 0.35))
        t = log(end + rng.randint(5, 30), "INFO", "YarnScheduler",
                f"Removed TaskSet {sid}.0, whose tasks have all completed, from pool ")
        log(t + 1, "INFO", "DAGScheduler", f"ResultStage {sid} ({call}) finished in {(t - sub) / 1000:.3f} s")
        t = log(t + 4, "INFO", "DAGScheduler", f"Job {job} finished: {call}, took {(t + 4 - c1) / 1000 + rng.randint(0, 999) / 1e6:.6f} s")
        # cleaning up the previous cycle's broadcasts now and then
        if ci % 3 == 2:
            for e in sorted(execs):
                if execs[e][1] <= t < execs[e][2]:
                    log(t + rng.randint(500, 4000), "INFO", "BlockManagerInfo",
                        f"Removed broadcast_{counters['bcast'] - 5}_piece0 on {bm(e)} in memory (size: "
                        f"{rng.randint(120, 199) / 10:.1f} KiB, free: 4.6 GiB)")
            log(t + 4100, "INFO", "ContextCleaner", f"Cleaned shuffle {counters['shuffle'] - 2}")
    return ev.lines()


# =========================================================================== c. Android logcat

LC_APPS = {  # package -> (uid, main activity, weight as a victim of lmkd)
    "com.google.android.youtube": (10152, ".app.honeycomb.Shell$HomeActivity", 6),
    "com.instagram.android": (10171, ".activity.MainTabActivity", 4),
    "com.android.chrome": (10139, "com.google.android.apps.chrome.Main", 3),
    "com.google.android.apps.maps": (10148, "com.google.android.maps.MapsActivity", 2),
    "com.android.vending": (10121, ".AssetBrowserActivity", 2),
    "com.google.android.apps.photos": (10157, ".home.HomeActivity", 2),
    "com.whatsapp": (10183, ".HomeActivity", 1),
    "com.spotify.music": (10166, ".MainActivity", 1),
}
LC_SHOP = "com.example.shop"
LC_CRASH_AT = at("10:52:17") + 318
LC_ANR_AT = at("11:12:44") + 127
LC_BSSID = "f4:92:bf:3a:7c:10"


def gen_logcat(rng) -> list[str]:
    ev = Events()

    def log(ms, pid, tid, level, tag, msg):
        return ev.add(ms, lambda t: f"{utc(t):%m-%d %H:%M:%S}.{t % 1000:03d} {pid:5d} {tid:5d} {level} {tag:<8}: {msg}")

    SS = 1321  # system_server
    next_pid = [5010]

    def new_pid():
        next_pid[0] += rng.randint(3, 60)
        return next_pid[0]

    running = {}  # package -> pid

    def start(ms, pkg, why):
        pid = new_pid()
        uid = 10187 if pkg == LC_SHOP else LC_APPS[pkg][0]
        act = ".ui.MainActivity" if pkg == LC_SHOP else LC_APPS[pkg][1]
        comp = f"{pkg}/{act if not act.startswith('.') else pkg + act}"
        target = {"activity": f"top-activity {{{comp}}}", "service": f"service {{{pkg}/{pkg}.sync.SyncService}}",
                  "broadcast": f"broadcast {{{pkg}/{pkg}.push.PushReceiver}}"}[why]
        log(ms, SS, 1377, "I", "ActivityManager", f"Start proc {pid}:{pkg}/u0a{uid - 10000} for {target}")
        running[pkg] = pid
        return pid

    def displayed(ms, pkg, act, took):
        d = f"+{took // 1000}s{took % 1000}ms" if took >= 1000 else f"+{took}ms"
        log(ms + took, SS, 1392, "I", "ActivityTaskManager", f"Displayed {pkg}/{act} for user 0: {d}")

    # -- the shop app under an automated UI test loop
    shop_pid = start(START_MS + 2113, LC_SHOP, "activity")
    displayed(START_MS + 2113, LC_SHOP, ".ui.MainActivity", 1642)
    shop_life = [(START_MS + 2113, LC_CRASH_AT, shop_pid)]
    restart = LC_CRASH_AT + 21873
    pid2 = new_pid()
    shop_life.append((restart, END_MS, pid2))

    def shop_pid_at(ms):
        for a, b, p in shop_life:
            if a < ms < b:
                return p
        return None

    screens = [".ui.MainActivity", ".ui.ProductActivity", ".ui.CartActivity", ".ui.CheckoutActivity"]
    t = START_MS + 30000
    while t < END_MS - 10000:
        p = shop_pid_at(t)
        if p and not (LC_CRASH_AT - 3000 < t < restart + 3000):
            act = screens[rng.randrange(4)]
            took = int(lognorm(rng, 420, 0.35))
            if LC_ANR_AT - 480000 < t < LC_ANR_AT + 420000:
                took = int(took * 2.6)
            log(t, SS, 1392, "I", "ActivityTaskManager",
                f"START u0 {{cmp={LC_SHOP}/{act}}} from uid 2000")
            displayed(t, LC_SHOP, act, took)
        t += rng.randint(45000, 140000)
    # the crash at 10:52:17 and the restart
    c = LC_CRASH_AT
    p = shop_life[0][2]
    for i, m in enumerate(["FATAL EXCEPTION: main", f"Process: {LC_SHOP}, PID: {p}",
                           "java.lang.NullPointerException: Attempt to invoke virtual method 'java.lang.String "
                           "com.example.shop.cart.CartItem.getSku()' on a null object reference",
                           "\tat com.example.shop.cart.CartAdapter.onBindViewHolder(CartAdapter.kt:58)",
                           "\tat com.example.shop.cart.CartAdapter.onBindViewHolder(CartAdapter.kt:21)",
                           "\tat androidx.recyclerview.widget.RecyclerView$Adapter.bindViewHolder(RecyclerView.java:7254)",
                           "\tat androidx.recyclerview.widget.RecyclerView$Recycler.tryBindViewHolderByDeadline(RecyclerView.java:6249)",
                           "\tat android.os.Handler.handleCallback(Handler.java:942)",
                           "\tat android.os.Looper.loopOnce(Looper.java:201)",
                           "\tat android.app.ActivityThread.main(ActivityThread.java:7918)",
                           "\tat com.android.internal.os.ZygoteInit.main(ZygoteInit.java:936)"]):
        log(c + (0 if i < 3 else 1), p, p, "E", "AndroidRuntime", m)
    log(c + 41, p, p, "I", "Process", f"Sending signal. PID: {p} SIG: 9")
    log(c + 112, SS, 1377, "W", "ActivityTaskManager", f"  Force finishing activity {LC_SHOP}/.ui.CartActivity")
    log(c + 307, SS, 1402, "I", "ActivityManager", f"Process {LC_SHOP} (pid {p}) has died: fg  TOP ")
    log(c + 311, SS, 1402, "W", "ActivityManager", f"Crash of app {LC_SHOP} running instrumentation ComponentInfo{{{LC_SHOP}.test/androidx.test.runner.AndroidJUnitRunner}}")
    pid = pid2
    log(restart, SS, 1377, "I", "ActivityManager",
        f"Start proc {pid}:{LC_SHOP}/u0a187 for top-activity {{{LC_SHOP}/{LC_SHOP}.ui.MainActivity}}")
    displayed(restart, LC_SHOP, ".ui.MainActivity", 1877)

    # -- the shop's HTTP calls (OkHttp logging interceptor) and the Wi-Fi drops
    drops = [at("09:41:13") + 224, at("11:51:07") + 808]
    t = at("10:20:04") + 117
    while t < at("10:34:30"):
        drops.append(t)
        t += rng.randint(30000, 75000)
    drops.sort()
    outages = []
    for d in drops:
        back = d + rng.randint(4000, 19000)
        outages.append((d, back))
        log(d, 1052, 1052, "I", "wpa_supplicant",
            f"wlan0: CTRL-EVENT-DISCONNECTED bssid={LC_BSSID} reason={weighted(rng, [4, 3, 34], [6, 2, 2])}")
        log(d + rng.randint(20, 90), SS, 1650, "D", "WifiClientModeImpl", "ConnectedState: NETWORK_DISCONNECTION_EVENT")
        log(back, 1052, 1052, "I", "wpa_supplicant",
            f"wlan0: CTRL-EVENT-CONNECTED - Connection to {LC_BSSID} completed [id=0 id_str=]")
        log(back + rng.randint(300, 900), SS, 1651, "D", "ConnectivityService", "NetworkAgentInfo [WIFI () - 112] validation passed")

    def offline(ms):
        return any(a <= ms < b + 1500 for a, b in outages)

    paths = ["/v2/cart", "/v2/products?page=1", "/v2/products/7731", "/v2/recommendations", "/v2/checkout/quote"]
    for t in arrivals(rng, 14.0):
        p = shop_pid_at(t)
        if not p:
            continue
        tid = p + 37
        path = paths[rng.randrange(5)] if rng.random() < 0.8 else "/v2/cart"
        meth = "POST" if path == "/v2/checkout/quote" else "GET"
        log(t, p, tid, "I", "okhttp.OkHttpClient", f"--> {meth} https://api.example-shop.com{path}")
        if offline(t):
            took = rng.randint(10, 200) if rng.random() < 0.5 else 10000 + rng.randint(1, 30)
            err = ("java.net.UnknownHostException: Unable to resolve host \"api.example-shop.com\": "
                   "No address associated with hostname") if took < 1000 else "java.net.SocketTimeoutException: timeout"
            log(t + took, p, tid, "I", "okhttp.OkHttpClient", f"<-- HTTP FAILED: {err}")
            log(t + took + 2, p, p, "E", "ShopRepository", f"refresh failed for {path}: {err.split(':')[0]}")
        else:
            took = int(lognorm(rng, 180, 0.5))
            code = 200 if rng.random() > 0.01 else 503
            log(t + took, p, tid, "I", "okhttp.OkHttpClient",
                f"<-- {code} https://api.example-shop.com{path} ({took}ms, {rng.randint(300, 9000)}-byte body)")

    # -- other apps: starts, and kills (lmkd, mostly 11:05-11:20; ActivityManager trimming empty processes)
    pkgs = list(LC_APPS)
    todo = [(t, "start") for t in arrivals(rng, 150.0)] + [(t, "lmkd") for t in arrivals(rng, 480.0)]
    todo += [(t, "lmkd") for t in arrivals(rng, 22.0, at("11:05:10"), at("11:19:50"))]
    todo += [(t, "empty") for t in arrivals(rng, 900.0)]
    for t, what in sorted(todo):
        if what == "start":
            candidates = [k for k in pkgs if k not in running]
            if not candidates:
                continue
            pkg = candidates[rng.randrange(len(candidates))]
            why = weighted(rng, ["activity", "service", "broadcast"], [2, 3, 3])
            start(t, pkg, why)
            if why == "activity":
                displayed(t, pkg, LC_APPS[pkg][1], int(lognorm(rng, 700, 0.4)))
            continue
        victims = [k for k in pkgs if k in running]
        if not victims:
            continue
        pkg = weighted(rng, victims, [LC_APPS[k][2] for k in victims])
        kill(t, pkg, running, log, rng, what)
    # -- the ANR at 11:12:44
    a, p = LC_ANR_AT, shop_pid_at(LC_ANR_AT)
    for i, m in enumerate([f"ANR in {LC_SHOP} ({LC_SHOP}/.ui.CheckoutActivity)", f"PID: {p}",
                           f"Reason: Input dispatching timed out (2b1c4d9 {LC_SHOP}/{LC_SHOP}.ui.CheckoutActivity (server) "
                           "is not responding. Waited 5001ms for MotionEvent)",
                           f"Parent: {LC_SHOP}/.ui.CheckoutActivity", "Load: 11.42 / 8.93 / 6.17",
                           "----- Output from /proc/pressure/memory -----",
                           "some avg10=38.21 avg60=29.10 avg300=12.56 total=128734211",
                           "full avg10=14.02 avg60=10.77 avg300=4.31 total=51239877",
                           "----- End output from /proc/pressure/memory -----",
                           "CPU usage from 0ms to 9871ms later (2026-12-06 11:12:34.256 to 2026-12-06 11:12:44.127):",
                           f"  87% {p}/{LC_SHOP}: 71% user + 16% kernel / faults: 12345 minor 321 major",
                           "  42% 1321/system_server: 29% user + 13% kernel / faults: 8123 minor 77 major",
                           "  19% 468/lmkd: 2.1% user + 17% kernel"]):
        log(a + (0 if i < 2 else 1), SS, 1399, "E", "ActivityManager", m)
    # -- jank: skipped frames in the shop app
    for t in arrivals(rng, 300.0) + arrivals(rng, 25.0, at("11:05"), at("11:20")):
        p = shop_pid_at(t)
        if p:
            n = int(lognorm(rng, 40, 0.5)) + 30
            log(t, p, p, "I", "Choreographer",
                f"Skipped {n} frames!  The application may be doing too much work on its main thread.")
    # -- GC in the shop app
    for t in arrivals(rng, 40.0):
        p = shop_pid_at(t)
        if p:
            objs, kb = rng.randint(20000, 90000), rng.randint(900, 6000)
            log(t, p, p + 9, "I", LC_SHOP,
                f"Background concurrent copying GC freed {objs}({kb}KB) AllocSpace objects, {rng.randint(0, 20)}"
                f"({rng.randint(0, 900)}KB) LOS objects, {rng.randint(40, 60)}% free, {rng.randint(4000, 9000)}KB/"
                f"{rng.randint(10, 18)}MB, paused {rng.randint(30, 120)}us,{rng.randint(10, 40)}us total "
                f"{rng.randint(20000, 190000) / 1000:.3f}ms")
    # -- battery (healthd), from 78 % down, charging from 11:48
    level, t = 78, START_MS + rng.randint(5000, 50000)
    plug = at("11:48:26") + 431
    while t < END_MS:
        charging = t >= plug
        if charging:
            level = min(100, level + (1 if rng.random() < 0.5 else 0))
        elif rng.random() < 0.30:
            level -= 1
        st, chg, cur = (2, "u", rng.randint(900000, 1500000)) if charging else (3, "", -rng.randint(180000, 420000))
        log(t, 512, 512, "I", "healthd",
            f"battery l={level} v={3600 + level * 6 + rng.randint(-8, 8)} t={rng.randint(285, 365) / 10:.1f} h=2 "
            f"st={st} c={cur} fc=4310000 cc=412 chg={chg}")
        t += rng.randint(55000, 65000)
    log(plug, SS, 1460, "I", "PowerManagerService", "Plugged in: true, plugType=2")
    # -- system chatter
    for t in arrivals(rng, 6.0):
        r = rng.random()
        if r < 0.3:
            log(t, SS, 1371, "D", "WifiNl80211Manager", "Scan result ready event")
        elif r < 0.5:
            log(t, SS, 1388, "W", "BroadcastQueue",
                "Background execution not allowed: receiving Intent { act=android.intent.action.PACKAGE_REPLACED "
                f"dat=package:{pkgs[rng.randrange(len(pkgs))]} flg=0x4000010 (has extras) }} to com.google.android.gms/.chimera.GmsIntentOperationService$PersistentTrustedReceiver")
        elif r < 0.65:
            log(t, SS, 1366, "D", "AlarmManager",
                f"sending alarm Alarm{{{hexid(rng, 7)} type 2 origWhen {t - START_MS + 81234567} whenElapsed "
                f"{t - START_MS + 81234567} com.google.android.gms}}")
        elif r < 0.8:
            log(t, 606, 644, "D", "SurfaceFlinger", f"Display 4619827259835644672 HWC layers: {rng.randint(2, 7)}")
        elif r < 0.9:
            u = 10187 if rng.random() < 0.5 else 10152
            name = LC_SHOP if u == 10187 else "com.google.android.youtube"
            log(t, 1888, 1888, "I", "chatty", f"uid={u}({name}) RenderThread identical {rng.randint(2, 40)} lines")
        else:
            log(t, 2412, 2480, "I", "GCoreUlr", f"Unbound from all location providers")
    ev.items.sort()
    return ["--------- beginning of main", "--------- beginning of system"] + ev.lines()


def kill(t, pkg, running, log, rng, how):
    """lmkd (or ActivityManager for an empty process) kills a running app."""
    pid = running.pop(pkg, None)
    if pid is None:
        return
    uid = LC_APPS[pkg][0]
    if how == "lmkd":
        rss = rng.randint(60000, 420000)
        log(t, 468, 468, "I", "lmkd",
            f"Kill '{pkg}' ({pid}), uid {uid}, oom_score_adj {weighted(rng, [900, 915, 945, 985, 999], [3, 3, 2, 2, 1])} "
            f"to free {rss}kB rss, {rng.randint(0, 90000)}kB swap; reason: low watermark is breached and swap is low "
            f"({rng.randint(1000, 9000)}kB < 314572kB)")
        log(t + rng.randint(3, 40), 1321, 1402, "I", "ActivityManager",
            f"Process {pkg} (pid {pid}) has died: cch+{rng.randint(5, 95)} CEM")
    else:
        log(t, 1321, 1402, "I", "ActivityManager", f"Killing {pid}:{pkg}/u0a{uid - 10000} (adj 985): empty #17")


# =========================================================================== d. Proxifier

PX_HTTPS = "proxy.corp.example:3128"
PX_SOCKS = "socks.corp.example:1080"
PX_SOCKS_DOWN = (at("10:10:42") + 512, at("10:24:51") + 96)
PX_BEACON = (at("10:55:17") + 402, at("11:40:36") + 711)  # allowed from, blocked after


def gen_proxifier(rng) -> list[str]:
    ev = Events(seconds_only=True)

    def log(ms, app, dest, msg):
        return ev.add(ms, lambda t: f"[{utc(t):%m.%d %H:%M:%S}] {app} - {dest} {msg}")

    def amount(n):
        if n < 1024:
            return f"{n} bytes"
        for unit, div in (("KB", 1024), ("MB", 1024 ** 2), ("GB", 1024 ** 3)):
            if n < div * 1024 or unit == "GB":
                return f"{n} bytes ({n / div:.2f} {unit})"

    def lifetime(ms):
        s = ms // 1000
        if s < 1:
            return "<1 sec"
        if s >= 3600:
            return f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}"
        return f"{s // 60:02d}:{s % 60:02d}"

    def conn(t, app, dest, via, life, sent, recv):
        """A connection opened at t through `via` (a proxy, or None: direct)."""
        how = f"open through proxy {via}" if via else "open directly"
        opened = log(t, app, dest, how)
        if life // 1000 == 300:
            life += 1000
        end = opened + life
        if end < END_MS - 1000:
            log(max(end, opened), app, dest,
                f"close, {amount(sent)} sent, {amount(recv)} received, lifetime {lifetime(life)}")

    chrome_hosts = [("www.google.com", 30), ("clients4.google.com", 14), ("mail.google.com", 9), ("www.youtube.com", 7),
                    ("i.ytimg.com", 6), ("github.com", 8), ("api.github.com", 5), ("stackoverflow.com", 6),
                    ("cdn.jsdelivr.net", 4), ("docs.python.org", 3), ("www.bbc.co.uk", 2), ("fonts.gstatic.com", 8),
                    ("accounts.google.com", 4), ("jira.example-vendor.com", 5), ("confluence.example-vendor.com", 4),
                    ("update.googleapis.com", 2), ("safebrowsing.googleapis.com", 6), ("www.wikipedia.org", 2),
                    ("news.ycombinator.com", 2), ("grafana.corp.example", 5)]
    for t in arrivals(rng, 3.6):
        host = weighted(rng, [h for h, _ in chrome_hosts], [w for _, w in chrome_hosts])
        port = 443 if rng.random() < 0.96 else 80
        if host.endswith(".corp.example"):
            via = None
        else:
            via = f"{PX_HTTPS} HTTPS"
        life = int(min(lognorm(rng, 9000, 1.3), 2400000))
        if rng.random() < 0.05:
            life = rng.randint(0, 999)
        sent = int(lognorm(rng, 1800, 0.9))
        recv = int(lognorm(rng, 25000, 1.6))
        if host in ("www.youtube.com", "i.ytimg.com") and rng.random() < 0.3:
            recv = int(lognorm(rng, 8_000_000, 0.8))
        conn(t, "chrome.exe", f"{host}:{port}", via, life, sent, recv)
        if rng.random() < 0.004:
            log(t + rng.randint(100, 3000), "chrome.exe", f"{host}:{port}",
                "error : A connection request was canceled before the completion.")
    teams_hosts = ["teams.microsoft.com", "presence.teams.microsoft.com", "api.flightproxy.teams.microsoft.com",
                   "statics.teams.cdn.office.net", "login.microsoftonline.com", "trouter-weu-d.trouter.teams.microsoft.com",
                   "graph.microsoft.com", "substrate.office.com", "teams.events.data.microsoft.com"]
    tw = [10, 6, 3, 4, 5, 2, 5, 3, 6]
    for t in arrivals(rng, 22.0):
        host = weighted(rng, teams_hosts, tw)
        life = int(lognorm(rng, 20000, 1.4)) if host != "trouter-weu-d.trouter.teams.microsoft.com" else rng.randint(900000, 2700000)
        conn(t, "Teams.exe", f"{host}:443", f"{PX_HTTPS} HTTPS", life, int(lognorm(rng, 6000, 1.0)),
             int(lognorm(rng, 40000, 1.2)))
    for t in arrivals(rng, 90.0) + arrivals(rng, 14.0, at("11:00:30"), at("11:29:40")):
        big = at("11:00:30") <= t < at("11:29:40")
        host = "contoso-my.sharepoint.com" if big or rng.random() < 0.5 else "skyapi.live.net"
        sent = int(lognorm(rng, 22_000_000, 0.6)) if big else int(lognorm(rng, 30000, 1.0))
        life = int(sent / 3500) + rng.randint(1000, 4000) if big else int(lognorm(rng, 4000, 0.8)) + 1000
        conn(t, "OneDrive.exe", f"{host}:443", f"{PX_HTTPS} HTTPS", life, sent, int(lognorm(rng, 9000, 0.7)))
    for t in arrivals(rng, 45.0):
        if rng.random() < 0.7:
            conn(t, "OUTLOOK.EXE", "mail.corp.example:443", None, int(lognorm(rng, 60000, 1.2)),
                 int(lognorm(rng, 4000, 1.0)), int(lognorm(rng, 30000, 1.3)))
        else:
            conn(t, "OUTLOOK.EXE", "outlook.office365.com:443", f"{PX_HTTPS} HTTPS", int(lognorm(rng, 30000, 1.0)),
                 int(lognorm(rng, 3000, 1.0)), int(lognorm(rng, 15000, 1.2)))
    for t in arrivals(rng, 40.0):
        host = weighted(rng, ["slack.com", "wss-primary.slack.com", "edgeapi.slack.com", "files.slack.com"], [4, 1, 3, 2])
        life = rng.randint(600000, 2000000) if host.startswith("wss") else int(lognorm(rng, 5000, 1.0))
        conn(t, "Slack.exe", f"{host}:443", f"{PX_HTTPS} HTTPS", life, int(lognorm(rng, 2500, 0.8)),
             int(lognorm(rng, 20000, 1.3)))
    for t in arrivals(rng, 120.0):
        host = weighted(rng, ["ctldl.windowsupdate.com:80", "settings-win.data.microsoft.com:443",
                              "v10.events.data.microsoft.com:443"], [2, 3, 4])
        conn(t, "svchost.exe", host, f"{PX_HTTPS} HTTPS", int(lognorm(rng, 2500, 0.8)),
             int(lognorm(rng, 1500, 0.7)), int(lognorm(rng, 6000, 1.0)))
    # git and ssh through the SOCKS proxy, which is down 10:10:42-10:24:51
    socks_err = "error : Could not connect to proxy socks.corp.example:1080 - connection attempt failed with error 10061"
    for app, dests, gap in (("git.exe", ["github.com:22", "gitlab.com:22"], 70.0), ("ssh.exe", ["bastion.example.org:22"], 300.0)):
        for t in arrivals(rng, gap):
            dest = dests[0] if len(dests) == 1 or rng.random() < 0.8 else dests[1]
            if PX_SOCKS_DOWN[0] <= t < PX_SOCKS_DOWN[1]:
                log(t, app, dest, socks_err)
                if rng.random() < 0.6:
                    log(t + rng.randint(1500, 6000), app, dest, socks_err)
                continue
            life = int(lognorm(rng, 3500, 0.7)) if app == "git.exe" else rng.randint(120000, 2500000)
            conn(t, app, dest, f"{PX_SOCKS} SOCKS5", life, int(lognorm(rng, 3000, 0.8)), int(lognorm(rng, 60000, 1.4)))
    # updsvc.exe beacons to stats.fastcdn-metrics.net, blocked by the proxy from 11:40:36
    dest = "stats.fastcdn-metrics.net:443"
    t = PX_BEACON[0]
    while t < END_MS - 2000:
        if t < PX_BEACON[1]:
            conn(t, "updsvc.exe", dest, f"{PX_HTTPS} HTTPS", rng.randint(1100, 2900), rng.randint(600, 900),
                 rng.randint(300, 500))
            t += rng.randint(55000, 65000)
        else:
            log(t, "updsvc.exe", dest, "error : Could not connect through proxy proxy.corp.example:3128 - Proxy server "
                "cannot establish a connection with the target, status code 403")
            t += rng.randint(25000, 35000)
    return ev.lines()


# =========================================================================== e. health app

HA_STEP, HA_DATA, HA_UI = "30002312", "30003641", "30001877"
HA_RUN = (at("11:15:08") + 441, at("11:44:52") + 96)
HA_COOL = (HA_RUN[1], at("11:55:40") + 512)
HA_COMMUTE = (START_MS + 61234, at("09:18:19") + 777)


def gen_health(rng) -> list[str]:
    ev = Events()

    def log(ms, comp, pid, msg):
        return ev.add(ms, lambda t: f"{utc(t):%Y%m%d-%H:%M:%S}:{t % 1000:03d}|{comp}|{pid}|{msg}")

    # -- steps: walking to work, a few office walks, a run 11:15-11:45 and a cool-down walk
    walks = [(HA_COMMUTE, 105), (HA_RUN, 162), (HA_COOL, 96)]
    for a in ["09:47:12", "10:05:40", "10:31:55", "10:58:03", "11:03:20"]:
        s = at(a) + rng.randint(1, 999)
        walks.append(((s, s + rng.randint(90000, 300000)), 88))
    walks.sort()
    steps = 1486
    cal, dist = 61234, 1089
    last_report = START_MS
    for (a, b), spm in walks:
        t = a
        while t < b:
            gap = rng.randint(5200, 9800)
            t += gap
            if t >= b:
                break
            n = max(1, int(spm * gap / 60000 + rng.gauss(0, 1.5)))
            steps += n
            cal += n * 41 + rng.randint(0, 30)
            dist += int(n * (1.05 if (a, b) == HA_RUN else 0.72))
            x = log(t, "Step_LSC", HA_STEP, f"onStandStepChanged {steps}")
            log(x + rng.randint(1, 4), "Step_SPUtils", HA_STEP,
                f"setTodayTotalDetailSteps={(x // 86400000) * 86400000}##{steps}##{cal}##{dist}##{rng.randint(0, 3)}")
            log(x + rng.randint(5, 12), "Step_ExtSDM", HA_STEP, f"calculateCaloriesWithCache totalCalories={cal}")
            if t - last_report > 60000:
                last_report = t
                log(x + rng.randint(15, 40), "Step_NotificationUtil", HA_STEP,
                    f"REPORT : {steps} {cal} {dist} {rng.randint(2, 9)}")

    # -- sensor flushes every 30 s and the per-minute time tick
    t = START_MS + rng.randint(2000, 29000)
    while t < END_MS - 100:
        log(t, "Step_DataCache", HA_STEP, f"flush cached steps, records={rng.randint(0, 4)}")
        if rng.random() < 0.5:
            log(t + rng.randint(2, 9), "Step_StandStepCounter", HA_STEP, f"onExtend:{t - 3000} {rng.randint(0, 3)} 0 4")
        t += 30000 + rng.randint(-400, 400)
    t = START_MS + 60000
    while t < END_MS:
        log(t + rng.randint(11, 90), "Step_LSC", HA_STEP, "processHandleBroadcastAction action:android.intent.action.TIME_TICK")
        t += 60000

    # -- heart rate: about once a minute at rest, every ~5 s while running
    t = START_MS + rng.randint(1000, 20000)
    while t < END_MS - 1:
        if HA_RUN[0] <= t < HA_RUN[1]:
            into = (t - HA_RUN[0]) / 60000
            bpm = int(min(168, 112 + into * 3.2) + rng.gauss(0, 4))
            gap = rng.randint(4000, 6500)
        elif HA_COOL[0] <= t < HA_COOL[1]:
            into = (t - HA_COOL[0]) / 60000
            bpm = int(max(84, 150 - into * 6) + rng.gauss(0, 4))
            gap = rng.randint(8000, 14000)
        else:
            walking = any(a <= t < b for (a, b), _ in walks)
            bpm = int((96 if walking else 71) + rng.gauss(0, 4))
            gap = rng.randint(50000, 95000)
        log(t, "HiH_HeartRateManager", HA_DATA, f"heart rate changed:{bpm} bpm, quality={weighted(rng, [1, 2, 3], [1, 3, 6])}")
        t += gap

    # -- cloud sync every ~10 min; pushes fail 10:40-10:55 (and once at 09:37)
    fails = [(at("09:37:26") + 305, 1007)]
    t = at("10:40:11") + 734
    while t < at("10:54:50"):
        fails.append((t, weighted(rng, [1003, 1007, 2015], [6, 3, 1])))
        t += rng.randint(18000, 42000)
    msgs = {1003: "network unavailable", 1007: "connect timeout", 2015: "server busy"}
    for k, (t, code) in enumerate(fails):
        x = log(t, "HiH_HiSyncControl", HA_DATA, f"pushData fail, errorCode={code}, errorMsg={msgs[code]}, retryTimes={k % 3 + 1}")
        log(x + rng.randint(2, 9), "HiH_HiSyncUtil", HA_DATA, f"syncData end, cost={rng.randint(3000, 15000)}ms, result={code}")
    t = START_MS + rng.randint(30000, 500000)
    while t < END_MS - 20000:
        if not (at("10:40") <= t < at("10:55")):
            x = log(t, "HiH_HiSyncControl", HA_DATA, "startSync syncType=1 dataTypes=[stepSum, heartRate, sleep]")
            x = log(x + rng.randint(200, 900), "HiH_HiHealthDataInsertStore", HA_DATA,
                    f"saveHealthDetailData() size = {rng.randint(1, 40)},type=DATA_POINT_DYNAMIC_STEP,deviceID=1")
            log(x + rng.randint(300, 2000), "HiH_HiSyncUtil", HA_DATA,
                f"syncData end, cost={rng.randint(300, 2500)}ms, result=0")
        t += rng.randint(540000, 660000)

    # -- the screen: on and off at the desk, never off during the run
    t = START_MS + rng.randint(60000, 300000)
    on = True
    while t < END_MS - 1000:
        if at("11:14") <= t < at("11:46"):
            t = at("11:46") + rng.randint(1000, 60000)
            continue
        on = not on
        x = log(t, "Step_ScreenUtil", HA_UI, f"screen status = {'on' if on else 'off'}")
        log(x + rng.randint(1, 6), "Step_StandReportReceiver", HA_STEP,
            f"onReceive action: android.intent.action.SCREEN_{'ON' if on else 'OFF'}")
        t += rng.randint(120000, 900000) if not on else rng.randint(20000, 300000)
    return ev.lines()


# =========================================================================== f. cluster syslog

SY_NODES = [f"node-{i:02d}" for i in range(1, 33)]
SY_LUSTRE = (at("10:05:12") + 1, at("10:19:37") + 1)
SY_PANIC_AT = at("11:31:48") + 1
SY_BOOT_AT = at("11:36:41") + 1


def gen_syslog(rng) -> list[str]:
    ev = Events(seconds_only=True)

    def log(ms, node, prog, msg):
        return ev.add(ms, lambda t: f"{t // 1000} {utc(t):%Y.%m.%d} {node} {utc(t):%b} {utc(t).day} "
                                    f"{utc(t):%H:%M:%S} {node}/{node} {prog}: {msg}")

    pids = {}

    def pid(node, name):
        key = (node, name)
        if key not in pids:
            pids[key] = rng.randint(1200, 4000)
        return pids[key]

    def newpid():
        return rng.randint(5000, 99000)

    def down(node, ms):
        return node == "node-17" and SY_PANIC_AT < ms < SY_BOOT_AT + 30000

    # -- cron: sa1 every 10 minutes, hourly run-parts
    for m in range(0, 180, 10):
        base = START_MS + m * 60000 + 1000
        for node in SY_NODES:
            if down(node, base):
                continue
            p = newpid()
            if m % 60 == 0 and m > 0:
                log(base, node, f"crond(pam_unix)[{p}]", "session opened for user root by (uid=0)")
                log(base, node, f"crond[{p}]", "(root) CMD (run-parts /etc/cron.hourly)")
                log(base + 1000, node, f"crond(pam_unix)[{p}]", "session closed for user root")
            else:
                log(base, node, f"crond[{p}]", "(root) CMD (/usr/lib64/sa/sa1 1 1)")

    # -- slurm jobs
    users = [(10234, 4), (10311, 3), (10402, 2), (10517, 2), (10623, 1)]
    job = 48210
    for t in arrivals(rng, 24.0):
        job += rng.randint(1, 3)
        uid = weighted(rng, [u for u, _ in users], [w for _, w in users])
        n = weighted(rng, [1, 2, 4, 8], [5, 3, 2, 1])
        first = rng.randrange(len(SY_NODES))
        nodes = [SY_NODES[(first + i) % len(SY_NODES)] for i in range(n)]
        if any(down(x, t) for x in nodes):
            continue
        dur = int(lognorm(rng, 300000, 1.0))
        for x in nodes:
            log(t + rng.randint(5, 400), x, f"slurmd[{pid(x, 'slurmd')}]",
                f"launch task {job}.0 request from UID:{uid} GID:{uid} HOST:10.50.0.1 PORT:{rng.randint(40000, 65000)}")
            e = t + dur + rng.randint(0, 2000)
            if e < END_MS - 1000 and not down(x, e) and not (x == "node-17" and t < SY_PANIC_AT < e):
                log(e, x, f"slurmd[{pid(x, 'slurmd')}]", f"[{job}.0] done with job")

    # -- ssh logins
    people = [("alice", "10.50.0.12", 14), ("bob", "10.50.0.17", 9), ("carol", "10.50.0.21", 6),
              ("dave", "10.50.0.33", 4), ("svc-backup", "10.50.0.5", 8)]
    for t in arrivals(rng, 70.0):
        user, ip, _ = weighted(rng, people, [w for *_, w in people])
        node = "admin-1" if rng.random() < 0.25 else SY_NODES[rng.randrange(len(SY_NODES))]
        if down(node, t):
            continue
        p = newpid()
        key = "publickey" if user != "dave" or rng.random() < 0.5 else "password"
        log(t, node, f"sshd[{p}]", f"Accepted {key} for {user} from {ip} port {rng.randint(40000, 65000)} ssh2")
        log(t + 40, node, f"sshd(pam_unix)[{p}]", f"session opened for user {user} by (uid=0)")
        e = t + int(lognorm(rng, 600000, 1.0))
        if e < END_MS - 1000 and not down(node, e):
            log(e, node, f"sshd(pam_unix)[{p}]", f"session closed for user {user}")
    for t in arrivals(rng, 900.0):
        node = SY_NODES[rng.randrange(len(SY_NODES))]
        if down(node, t):
            continue
        log(t, node, f"sshd[{newpid()}]", f"Failed password for dave from 10.50.0.33 port {rng.randint(40000, 65000)} ssh2")

    # -- ECC: node-17 often (worse from 11:00), node-09 and node-24 rarely
    def edac(t, node):
        mc = rng.randint(0, 1)
        ch = rng.randint(0, 3)
        log(t, node, "kernel",
            f"EDAC MC{mc}: 1 CE memory read error on CPU_SrcID#{mc}_Ha#0_Chan#{ch}_DIMM#0 (channel:{ch} slot:0 "
            f"page:0x{rng.randint(0x10000, 0x7ffff):x} offset:0x{rng.randint(0, 63) * 64:x} grain:32 syndrome:0x0 - "
            f"area:DRAM err_code:0001:009{ch} socket:{mc} ha:0 channel_mask:{1 << ch} rank:0)")
    for t in arrivals(rng, 240.0, START_MS, at("11:00")) + arrivals(rng, 22.0, at("11:00"), SY_PANIC_AT - 3000):
        edac(t, "node-17")
    for node, k in (("node-09", 6), ("node-24", 3)):
        for _ in range(k):
            edac(rng.randrange(START_MS, END_MS), node)

    # -- 10:05-10:20: OST0007 unreachable from the nodes writing to it
    affected = sorted(rng.sample(range(32), 19))
    for i in affected:
        node = SY_NODES[i]
        dev = f"scratch-OST0007-osc-ffff{hexid(rng, 4)}{hexid(rng, 8)}"
        t = SY_LUSTRE[0] + rng.randint(0, 50000)
        log(t, node, "kernel",
            f"Lustre: {rng.randint(2000, 9000)}:0:(client.c:2146:ptlrpc_expire_one_request()) @@@ Request sent has "
            f"timed out for slow reply: [sent {t // 1000 - 7}/real {t // 1000 - 7}]  req@ffff{hexid(rng, 12)} "
            f"x17812{rng.randint(10 ** 9, 10 ** 10 - 1)}/t0(0) o4->{dev}@10.60.0.17@o2ib:6/4 lens 488/448 e 0 to 1 "
            f"dl {t // 1000} ref 2 fl Rpc:X/0/ffffffff rc 0/-1")
        log(t + 20, node, "kernel",
            f"Lustre: {dev}: Connection to scratch-OST0007 (at 10.60.0.17@o2ib) was lost; in progress operations "
            "using this service will wait for recovery to complete")
        t += rng.randint(20000, 90000)
        while t < SY_LUSTRE[1]:
            op = weighted(rng, ["ost_write", "ost_connect", "ost_read"], [4, 3, 1])
            rc = -107 if op != "ost_connect" else -16
            log(t, node, "kernel", f"LustreError: 11-0: {dev}: operation {op} to node 10.60.0.17@o2ib failed: rc = {rc}")
            t += rng.randint(40000, 130000)
        log(SY_LUSTRE[1] + rng.randint(0, 20000), node, "kernel",
            f"Lustre: {dev}: Connection restored to scratch-OST0007 (at 10.60.0.17@o2ib)")

    # -- 10:40-10:55 thermal throttling in rack 1 (node-05 to node-08)
    for node in ["node-05", "node-06", "node-07", "node-08"]:
        total = rng.randint(100, 3000)
        t = at("10:40") + rng.randint(1000, 90000)
        while t < at("10:55"):
            cpu = rng.randint(0, 31)
            total += rng.randint(40, 900)
            log(t, node, "kernel", f"CPU{cpu}: Core temperature above threshold, cpu clock throttled (total events = {total})")
            log(t + 1000, node, "kernel", f"CPU{cpu}: Package temperature above threshold, cpu clock throttled (total events = {total + rng.randint(0, 9)})")
            log(t + rng.randint(2000, 9000), node, "kernel", f"CPU{cpu}: Core temperature/speed normal")
            t += rng.randint(30000, 140000)

    # -- OOM kills: once on node-11 at 09:47, three times on node-23 from 11:41
    def oom(t, node, proc, uid):
        p = rng.randint(20000, 90000)
        rss = rng.randint(60_000_000, 95_000_000)
        log(t, node, "kernel", f"{proc} invoked oom-killer: gfp_mask=0x6200ca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0")
        log(t + 1000, node, "kernel",
            f"Out of memory: Killed process {p} ({proc}) total-vm:{rss + rng.randint(1_000_000, 4_000_000)}kB, "
            f"anon-rss:{rss}kB, file-rss:{rng.randint(500, 3000)}kB, shmem-rss:0kB, UID:{uid} "
            f"pgtables:{rng.randint(120000, 190000)}kB oom_score_adj:0")
        log(t + 2000, node, "kernel",
            f"oom_reaper: reaped process {p} ({proc}), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB")
    oom(at("09:47:33") + 1, "node-11", "java", 10311)
    for a in ["11:41:07", "11:44:52", "11:48:19"]:
        oom(at(a) + 1, "node-23", "python3", 10234)

    # -- the panic on node-17 and its reboot
    p = SY_PANIC_AT
    for i, m in enumerate(["mce: [Hardware Error]: CPU 6: Machine Check Exception: 5 Bank 8: be00000000800400",
                           "mce: [Hardware Error]: RIP !INEXACT! 10:<ffffffffa0a3c1ff> {intel_idle+0x8f/0x130}",
                           "mce: [Hardware Error]: TSC 3ac1d2e4f58 ADDR 3f2a1c240 MISC 86",
                           f"mce: [Hardware Error]: PROCESSOR 0:50657 TIME {p // 1000} SOCKET 1 APIC 2c microcode 2007006",
                           "mce: [Hardware Error]: Run the above through 'mcelog --ascii'",
                           "Kernel panic - not syncing: Fatal machine check"]):
        log(p + (1000 if i == 5 else 0), "node-17", "kernel", m)
    b = SY_BOOT_AT
    for i, (prog, m) in enumerate([
            ("kernel", "Linux version 4.18.0-513.24.1.el8_9.x86_64 (mockbuild@x86-vm-07.build.eng.example.com) "
                       "(gcc version 8.5.0 20210514 (Red Hat 8.5.0-20) (GCC)) #1 SMP Thu Mar 14 14:20:09 EDT 2024"),
            ("kernel", "Command line: BOOT_IMAGE=(hd0,gpt2)/vmlinuz-4.18.0-513.24.1.el8_9.x86_64 root=/dev/mapper/rhel-root ro crashkernel=auto"),
            ("kernel", "mce: [Hardware Error]: Machine check events logged"),
            ("kernel", "EDAC MC1: Giving out device to module sb_edac controller Haswell SrcID#1_Ha#0: DEV 0000:ff:12.0 (INTERRUPT)"),
            (f"rsyslogd[{rng.randint(1000, 1500)}]", "[origin software=\"rsyslogd\" swVersion=\"8.2102.0-15.el8\" x-pid=\"1188\" x-info=\"https://www.rsyslog.com\"] start"),
            (f"slurmd[{rng.randint(1500, 2500)}]", "slurmd version 23.02.7 started"),
            (f"ntpd[{rng.randint(1500, 2500)}]", "synchronized to 10.50.0.1, stratum 3")]):
        log(b + i * 1000 + (20000 if i >= 4 else 0), "node-17", prog, m)

    # -- ntpd, IB links
    for t in arrivals(rng, 420.0):
        node = SY_NODES[rng.randrange(32)]
        if not down(node, t):
            log(t, node, f"ntpd[{pid(node, 'ntpd')}]", f"time reset {rng.choice('+-')}{rng.randint(100000, 900000) / 1e6:.6f} s")
    for a in ["09:22:14", "10:58:43", "11:17:05"]:
        t = at(a) + 1
        log(t, "node-29", "kernel", "mlx5_core 0000:81:00.0 ib0: Link down")
        log(t + rng.randint(3000, 20000), "node-29", "kernel", "mlx5_core 0000:81:00.0 ib0: Link up")
    return ev.lines()


FILES = [
    ("zookeeper.log", "zookeeper-log4j",
     '{job="zookeeper",cluster="zk-prod",host="zk-2"}', gen_zk, 1,
     "follower of server 3 until 10:48:31, when the leader goes away; this server (myid 2) leads from 10:48:33; "
     "server 3 rejoins 11:02:47; 10:40-10:47 slow fsyncs; 11:10-11:25 kafka brokers 10.0.6.22/.23 expire and "
     "re-create their sessions; 11:35-11:50 10.0.7.88 leaks connections, refused at the limit of 60, sessions expire after its kill"),
    ("android-logcat.log", "logcat-threadtime",
     '{job="android",device="pixel-7-qa-03"}', gen_logcat, 2,
     "10:20-10:35 Wi-Fi keeps dropping (wpa_supplicant CTRL-EVENT-DISCONNECTED), shop API calls fail; "
     "10:52:17 com.example.shop crashes (NullPointerException), restarts; 11:05-11:20 memory pressure "
     "(lmkd kills, skipped frames), ANR in the shop app 11:12:44; battery from 78 %, charging from 11:48:26"),
    ("health-app.log", "health-app-pipe",
     '{job="health",device="watch-link-07",app="com.example.health"}', gen_health, 3,
     "09:01-09:18 walk to work; 10:40-10:55 cloud sync pushes fail (one failure at 09:37 too); "
     "11:15-11:45 a run (steps and heart rate up), cool-down walk to 11:55; no screen-off during the run"),
    ("spark-driver.log", "spark-log4j-yy",
     '{job="spark",app="nightly-etl",role="driver"}', gen_spark, 4,
     "a save job and a count job every 3 minutes; 10:33 and 10:39 executors 5 and 7 on worker-03 killed by YARN "
     "(memory limits), tasks lost and retried; 11:10-11:25 skewed partition, one task about 64 s per save job; "
     "about 11:45 a save job aborts after a task fails 4 times"),
    ("proxifier.log", "proxifier",
     '{job="proxifier",host="ws-0451"}', gen_proxifier, 5,
     "10:10-10:25 the SOCKS proxy socks.corp.example:1080 refuses connections (git.exe, ssh.exe fail); "
     "11:00-11:30 OneDrive.exe uploads to contoso-my.sharepoint.com; updsvc.exe beacons to "
     "stats.fastcdn-metrics.net from 10:55, blocked by the proxy (403) from 11:41"),
    ("hpc-syslog.log", "syslog-epoch-cluster",
     '{job="syslog",cluster="hpc-thor"}', gen_syslog, 6,
     "10:05-10:20 Lustre OST0007 unreachable from 19 nodes; 10:40-10:55 thermal throttling on node-05..08; "
     "node-17 correctable ECC errors, more from 11:00, machine check panic 11:31:48, boots 11:36:41; "
     "09:47 OOM kill on node-11, 11:41-11:48 three on node-23"),
]


def main(argv: list[str]) -> int:
    return write_set(argv, SEED, FILES, "manifest_heldout9.json", (20, 22))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
