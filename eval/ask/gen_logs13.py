#!/usr/bin/env python3
"""Write the six logs of the thirteenth held-out set (questions_heldout13.jsonl).

    python3 eval/ask/gen_logs13.py [DIR | --out DIR]      # default target/eval-logs

Writes prometheus.log, cassandra-system.log, keycloak.jsonl (half A), gitlab-production.jsonl,
cloudtrail.jsonl and orders-gc.log (half B), and manifest_heldout13.json (labels, line counts,
SHA-256, incidents). Standard library only, fixed seeds, byte-identical output.

All files cover 2026-12-06 09:00:00Z to 12:00:00Z (gen_clock.py). Formats with sub-second times
never write a whole second (Prometheus' and GitLab's milliseconds, Cassandra's `,mmm`, Keycloak's
microseconds, the JVM's `time` decorator); CloudTrail's `eventTime` is to the second and never on
second :00, so no line falls on a whole-minute window boundary. Lines without a time of their own
(Cassandra's exception traces) follow the line that owns them. The shapes follow the public
descriptions of each format (Prometheus 2.x go-kit logfmt at debug level, Cassandra 4.1's
system.log, Keycloak's Quarkus JSON console log with the jboss-logging event listener, GitLab's
production_json.log, AWS CloudTrail records one per line, JDK 17 unified GC logging with the
time, uptime, level and tags decorators); the content is made up here.
"""
from __future__ import annotations

import json
import sys

from gen_clock import (END_MS, START_MS, Events, arrivals, at, dt, go_dur_ns, hexid, lognorm, nz, uuid4,
                       weighted, write_set)

SEED = 13130


def stamp(ms: int, sep: str = "T") -> str:
    return dt(ms).strftime(f"%Y-%m-%d{sep}%H:%M:%S")


def secs(x: float) -> str:
    """A Go duration string of x seconds."""
    return go_dur_ns(max(1, int(round(x * 1e9))))


# =========================================================================== A1. Prometheus 2.x (go-kit logfmt)

P_POD_IP = "10.244.3.9"
P_AM_BAD, P_AM_OK = "10.244.1.40:9093", "10.244.2.41:9093"
P_AM_DOWN = (at("10:12") + 1843, at("10:27") - 2231)       # alertmanager-main-0 crash-loops
P_QUEUE_FULL = (at("10:21") + 3307, at("10:26") - 2911)
P_NODE = "10.0.3.19"                                       # node ip-10-0-3-19 unreachable
P_NODE_DOWN = (at("10:40") + 3102, at("10:55") - 1409)
P_REMOTE = (at("11:05") + 2270, at("11:20") - 1650)        # mimir distributors overloaded
P_RULE_FIX = at("10:04:37") + 512                          # the broken SLO rule is fixed (config reload)
P_WORKER = "http://10.244.5.23:9102/metrics"               # report-worker: wrong metrics port until fixed
P_WORKER_FIX = at("10:33:21") + 640
P_PROXY = "http://10.0.3.14:10249/metrics"                 # kube-proxy bound to 127.0.0.1 on one node
P_TERM = at("11:38:14") + 377                              # rolling update 2.53.1 -> 2.54.1
P_START = at("11:38:31") + 208
P_MMAP, P_CKPT, P_WAL = 2412, 3112, 41873                  # replay phases, ms
P_READY = P_START + 9 + P_MMAP + P_CKPT + P_WAL + 100
P_MIMIR = "https://mimir.acme.internal/api/v1/push"
P_RW = "3f9c1e"
P_NODES = [f"10.0.3.{i}" for i in range(11, 23)]
P_RULES = "/etc/prometheus/rules/prometheus-k8s-rulefiles-0"
P_CONFIG = "/etc/prometheus/config_out/prometheus.env.yaml"
P_APPS = [("serviceMonitor/shop/checkout/0", "http://10.244.4.18:8080/metrics", P_NODE),
          ("serviceMonitor/shop/checkout/0", "http://10.244.6.22:8080/metrics", "10.0.3.16"),
          ("serviceMonitor/shop/checkout/0", "http://10.244.8.15:8080/metrics", "10.0.3.21"),
          ("serviceMonitor/shop/orders-api/0", "http://10.244.2.57:8080/metrics", "10.0.3.12"),
          ("serviceMonitor/shop/orders-api/0", "http://10.244.7.40:8080/metrics", "10.0.3.18"),
          ("serviceMonitor/payments/payments-api/0", "http://10.244.7.31:8080/actuator/prometheus", "10.0.3.18"),
          ("serviceMonitor/kafka/kafka-exporter/0", "http://10.244.6.15:9308/metrics", "10.0.3.16"),
          ("serviceMonitor/monitoring/kube-state-metrics/0", "https://10.244.1.12:8443/metrics", "10.0.3.11"),
          ("serviceMonitor/monitoring/kube-state-metrics/1", "https://10.244.1.12:9443/metrics", "10.0.3.11"),
          ("serviceMonitor/ingress-nginx/ingress-nginx-controller/0", "http://10.244.2.9:10254/metrics", "10.0.3.12"),
          ("serviceMonitor/ingress-nginx/ingress-nginx-controller/0", "http://10.244.5.8:10254/metrics", "10.0.3.15"),
          ("serviceMonitor/monitoring/alertmanager-main/0", f"http://{P_AM_OK}/metrics", "10.0.3.13"),
          ("serviceMonitor/cert-manager/cert-manager/0", "http://10.244.8.3:9402/metrics", "10.0.3.21"),
          ("serviceMonitor/argocd/argocd-metrics/0", "http://10.244.3.27:8082/metrics", "10.0.3.13"),
          ("podMonitor/batch/report-worker/0", P_WORKER, "10.0.3.15")]


def lf(v) -> str:
    """A logfmt value as go-kit writes it: quoted when it holds a space, '=', '"' or a control char."""
    s = str(v)
    if s == "" or any(c in s for c in ' ="\\') or any(ord(c) < 0x20 for c in s):
        return json.dumps(s, ensure_ascii=False)
    return s


def gen_prometheus(rng) -> list[str]:
    ev = Events()

    def put(ms, caller, level, *kv, component_first=False):
        def build(t):
            head = [f"ts={stamp(t)}.{t % 1000:03d}Z", f"caller={caller}"]
            rest = [f"{k}={lf(v)}" for k, v in kv]
            if component_first:          # the remote-write queue's dedupe logger puts level after its context
                return " ".join(head + rest[:1] + [f"level={level}"] + rest[1:])
            return " ".join(head + [f"level={level}"] + rest)
        return ev.add(ms, build)

    def running(t):
        return not (P_TERM <= t < P_READY)

    targets = []
    for ip in P_NODES:
        targets += [("serviceMonitor/monitoring/node-exporter/0", f"https://{ip}:9100/metrics", ip),
                    ("serviceMonitor/monitoring/kubelet/0", f"https://{ip}:10250/metrics", ip),
                    ("serviceMonitor/monitoring/kubelet/1", f"https://{ip}:10250/metrics/cadvisor", ip),
                    ("podMonitor/kube-system/kube-proxy/0", f"http://{ip}:10249/metrics", ip)]
    targets += P_APPS

    def hostport(url):
        return url.split("//")[1].split("/")[0]

    def scrape_failed(t, pool, url, err):
        put(t, "scrape.go:1384", "debug", ("component", "scrape manager"), ("scrape_pool", pool), ("target", url),
            ("msg", "Scrape failed"), ("err", err))

    def refused(url):
        hp = hostport(url)
        return f'Get "{url}": dial tcp {hp}: connect: connection refused'

    # chronic failures: the report-worker's wrong port (15 s interval) and kube-proxy on 10.0.3.14 (30 s)
    for url, pool, every, until in ((P_WORKER, "podMonitor/batch/report-worker/0", 15.0, P_WORKER_FIX),
                                    (P_PROXY, "podMonitor/kube-system/kube-proxy/0", 30.0, END_MS)):
        t = START_MS + rng.uniform(0, every) * 1000
        while t < until:
            tt = int(t + rng.randint(-40, 40))
            if running(tt):
                scrape_failed(tt, pool, url, refused(url))
            t += every * 1000
    # the unreachable node: everything on it times out (10 s scrape timeout)
    for pool, url, node in targets:
        if node != P_NODE:
            continue
        t = P_NODE_DOWN[0] + rng.uniform(0, 30) * 1000
        while t < P_NODE_DOWN[1]:
            scrape_failed(int(t), pool, url, f'Get "{url}": context deadline exceeded')
            t += 30_000 + rng.randint(-30, 30)
    # background flakes: a slow JVM app and the kafka exporter most, everything else now and then
    flaky = [x for x in targets if x[1] not in (P_WORKER, P_PROXY)]
    weights = [40 if "payments-api" in p else 28 if "kafka-exporter" in p else 4 for p, _, _ in flaky]
    for t in arrivals(rng, 9.0):
        pool, url, node = weighted(rng, flaky, weights)
        if not running(t) or (node == P_NODE and P_NODE_DOWN[0] <= t < P_NODE_DOWN[1] + 30_000):
            continue
        r = rng.random()
        if r < 0.62:
            err = f'Get "{url}": context deadline exceeded'
        elif r < 0.8:
            err = "server returned HTTP status 503 Service Unavailable"
        else:
            err = (f'Get "{url}": read tcp {P_POD_IP}:{rng.randint(32768, 60999)}->{hostport(url)}: read: '
                   f"connection reset by peer")
        scrape_failed(t, pool, url, err)

    # alertmanager-main-0 down: every batch to it fails; the queue overflows near the end
    for t in arrivals(rng, 3.2, *P_AM_DOWN):
        url = f"http://{P_AM_BAD}/api/v2/alerts"
        put(t, "notifier.go:530", "error", ("component", "notifier"), ("alertmanager", url),
            ("count", rng.randint(1, 64)), ("msg", "Error sending alert"),
            ("err", f'Post "{url}": dial tcp {P_AM_BAD}: connect: connection refused'))
    for t in arrivals(rng, 40.0, *P_QUEUE_FULL):
        put(t, "notifier.go:398", "warn", ("component", "notifier"),
            ("msg", "Alert notification queue full, dropping alerts"), ("num_dropped", rng.randint(12, 380)))
    for hhmm in ("09:27:41", "11:12:08", "11:51:33"):
        url = f"http://{P_AM_OK}/api/v2/alerts"
        put(at(hhmm) + rng.randint(1, 999), "notifier.go:530", "error", ("component", "notifier"),
            ("alertmanager", url), ("count", rng.randint(1, 9)), ("msg", "Error sending alert"),
            ("err", f'Post "{url}": context deadline exceeded'))

    # a broken recording rule, evaluated every 30 s until the fix is rolled out
    rule = ("record: checkout:request_errors:ratio_rate5m\nexpr: sum by (namespace, service) "
            "(rate(http_requests_total{code=~\"5..\",namespace=\"shop\"}[5m])) / on (namespace) group_left () "
            "sum by (namespace, service) (rate(http_requests_total{namespace=\"shop\"}[5m]))\n")
    t = START_MS + 17_311
    while t < P_RULE_FIX:
        put(t + rng.randint(0, 30), "group.go:500", "warn", ("component", "rule manager"),
            ("file", f"{P_RULES}/shop-checkout-slo-5b2e7a1c.yaml"), ("group", "checkout-slo"),
            ("name", "checkout:request_errors:ratio_rate5m"), ("index", 2), ("msg", "Evaluating rule failed"),
            ("rule", rule),
            ("err", 'found duplicate series for the match group {namespace="shop"} on the right hand-side of the '
                    'operation: [{namespace="shop", service="checkout"}, {namespace="shop", service="orders-api"}];'
                    'many-to-many matching not allowed: matching labels must be unique on one side'))
        t += 30_000

    # samples dropped on ingestion: orders-api exposes its own timestamps, kafka-exporter duplicates
    for t in arrivals(rng, 95.0):
        if running(t):
            put(t, "scrape.go:1777", "warn", ("component", "scrape manager"),
                ("scrape_pool", "serviceMonitor/shop/orders-api/0"), ("target", "http://10.244.2.57:8080/metrics"),
                ("msg", "Error on ingesting out-of-order samples"), ("num_dropped", rng.randint(1, 48)))
    for t in arrivals(rng, 260.0):
        if running(t):
            put(t, "scrape.go:1780", "warn", ("component", "scrape manager"),
                ("scrape_pool", "serviceMonitor/kafka/kafka-exporter/0"), ("target", "http://10.244.6.15:9308/metrics"),
                ("msg", "Error on ingesting samples with different value but same timestamp"),
                ("num_dropped", rng.randint(1, 30)))

    # remote write: resharding now and then; 11:05-11:20 mimir answers 503/429 and batches are retried
    def rw(t, level, *kv):
        put(t, "dedupe.go:112", level, ("component", "remote"), ("remote_name", P_RW), ("url", P_MIMIR), *kv,
            component_first=True)

    shards = 4
    for t in arrivals(rng, 900.0):
        if running(t) and not P_REMOTE[0] <= t < P_REMOTE[1]:
            new = max(2, shards + rng.choice((-2, -1, 1, 2)))
            rw(t, "info", ("msg", "Remote storage resharding"), ("from", shards), ("to", new))
            shards = new
    for t in arrivals(rng, 2.5, *P_REMOTE):
        if rng.random() < 0.7:
            err = ("server returned HTTP status 503 Service Unavailable: upstream connect error or disconnect/reset "
                   "before headers. reset reason: overflow")
        else:
            err = ("server returned HTTP status 429 Too Many Requests: the request has been rejected because the "
                   "tenant exceeded the ingestion rate limit, set to 150000 items/s with a maximum allowed burst of "
                   "1500000. This limit is applied on the total number of samples, exemplars and metadata received "
                   "across all distributors (err-mimir-tenant-max-ingestion-rate). To adjust the related per-tenant "
                   "limits, configure -distributor.ingestion-rate-limit and -distributor.ingestion-burst-size, or "
                   "contact your service administrator.")
        rw(t, "warn", ("msg", "Failed to send batch, retrying"), ("err", err))
    for t in arrivals(rng, 110.0, *P_REMOTE):
        new = min(50, shards + rng.randint(3, 9))
        rw(t, "info", ("msg", "Remote storage resharding"), ("from", shards), ("to", new))
        shards = new
    for t in arrivals(rng, 240.0, *P_REMOTE):
        lag = t // 1000
        rw(t, "warn", ("msg", "Skipping resharding, last successful send was beyond threshold"),
           ("lastSendTimestamp", lag - rng.randint(40, 160)), ("minSendTimestamp", lag - 10))

    # config reloads by the config reloader (one of them carries the rule fix)
    def reload(t):
        put(t, "main.go:1372", "info", ("msg", "Loading configuration file"), ("filename", P_CONFIG))
        for k, cfg in enumerate(("serviceMonitor/monitoring/kubelet/0", "serviceMonitor/shop/checkout/0",
                                 "podMonitor/batch/report-worker/0")):
            put(t + 3 + k, "kubernetes.go:331", "info", ("component", "discovery manager scrape"),
                ("discovery", "kubernetes"), ("config", cfg), ("msg", "Using pod service account via in-cluster config"))
        put(t + 7, "kubernetes.go:331", "info", ("component", "discovery manager notify"), ("discovery", "kubernetes"),
            ("config", "config-0"), ("msg", "Using pod service account via in-cluster config"))
        total = lognorm(rng, 0.082, 0.25)
        put(t + int(total * 1000) + 8, "main.go:1409", "info", ("msg", "Completed loading of configuration file"),
            ("filename", P_CONFIG), ("totalDuration", secs(total)), ("db_storage", secs(rng.uniform(1e-6, 2e-6))),
            ("remote_storage", secs(rng.uniform(1.5e-4, 3e-4))), ("web_handler", secs(rng.uniform(6e-7, 1.2e-6))),
            ("query_engine", secs(rng.uniform(8e-7, 1.6e-6))), ("scrape", secs(rng.uniform(2e-4, 5e-4))),
            ("scrape_sd", secs(rng.uniform(1.5e-3, 3.5e-3))), ("notify", secs(rng.uniform(3e-5, 6e-5))),
            ("notify_sd", secs(rng.uniform(1e-5, 2e-5))), ("rules", secs(total * 0.6)),
            ("tracing", secs(rng.uniform(3e-6, 8e-6))))

    for t in sorted([P_RULE_FIX, at("09:22:47") + 301, at("09:51:13") + 77, at("10:38:05") + 612,
                     at("11:03:29") + 148, at("11:27:52") + 930, at("11:55:16") + 418]):
        reload(t)

    # client-go reflector chatter (debug)
    kinds = ["*v1.Pod", "*v1.EndpointSlice", "*v1.Service", "*v1.Node", "*v1.Endpoints"]
    for t in arrivals(rng, 40.0):
        if running(t):
            put(t, "klog.go:96", "debug", ("component", "k8s_client_runtime"), ("func", "Infof"),
                ("msg", f"k8s.io/client-go@v0.30.3/tools/cache/reflector.go:232: Watch close - {rng.choice(kinds)} "
                        f"total {rng.randint(0, 40)} items received"))

    # TSDB: a compaction of old blocks at 09:02, the head compaction at 11:00
    put(at("09:02:11") + 604, "compact.go:716", "info", ("component", "tsdb"), ("msg", "compact blocks"),
        ("count", 3), ("mint", at("09:00") - 9 * 3600_000), ("maxt", at("09:00") - 3 * 3600_000),
        ("ulid", "01JEHQ3W7X2D9M4K8R6T1V5BNA"),
        ("sources", "[01JEF0S6W3Y7C2B8K1N4P9R5TD 01JEF7MXD9Q4H6V2J8L3S1W7ZA 01JEFEGE4K8N2T6Y1C5R9V3XHB]"),
        ("duration", secs(14.207113)))
    t0 = at("11:00:02") + 288
    put(t0, "compact.go:576", "info", ("component", "tsdb"), ("msg", "write block"), ("mint", at("09:00") - 3600_000),
        ("maxt", at("10:00")), ("ulid", "01JEHZB1Q8C5N3V7T2K6M9R4XD"), ("duration", secs(9.874332)),
        ("ooo", "false"))
    put(t0 + 9874 + 41, "head.go:1355", "info", ("component", "tsdb"), ("msg", "Head GC completed"),
        ("caller", "truncateMemory"), ("duration", secs(0.512339)))
    put(t0 + 10_431, "checkpoint.go:101", "info", ("component", "tsdb"), ("msg", "Creating checkpoint"),
        ("from_segment", 1843), ("to_segment", 1859), ("mint", at("10:00")))
    put(t0 + 18_557, "head.go:1323", "info", ("component", "tsdb"), ("msg", "WAL checkpoint complete"),
        ("first", 1843), ("last", 1859), ("duration", secs(8.126004)))

    # 11:38:14 SIGTERM (rolling update) and the start of 2.54.1
    stop = [("main.go:867", "warn", [("msg", "Received SIGTERM, exiting gracefully...")]),
            ("main.go:891", "info", [("msg", "Stopping scrape discovery manager...")]),
            ("main.go:905", "info", [("msg", "Stopping notify discovery manager...")]),
            ("manager.go:1049", "info", [("component", "rule manager"), ("msg", "Stopping rule manager...")]),
            ("manager.go:1059", "info", [("component", "rule manager"), ("msg", "Rule manager stopped")]),
            ("main.go:942", "info", [("msg", "Stopping scrape manager...")]),
            ("main.go:887", "info", [("msg", "Scrape discovery manager stopped")]),
            ("main.go:901", "info", [("msg", "Notify discovery manager stopped")]),
            ("main.go:934", "info", [("msg", "Scrape manager stopped")]),
            ("notifier.go:618", "info", [("component", "notifier"), ("msg", "Stopping notification manager...")]),
            ("main.go:1179", "info", [("msg", "Notifier manager stopped")]),
            ("main.go:1191", "info", [("msg", "See you next time!")])]
    for k, (caller, level, kv) in enumerate(stop):
        put(P_TERM + (k * 3 if k < 11 else 412), caller, level, *kv)
    s = P_START
    put(s, "main.go:601", "info", ("msg", "Starting Prometheus Server"), ("mode", "server"),
        ("version", "(version=2.54.1, branch=HEAD, revision=e6cfa720fbe6280153fab13090a483dbd40bece3)"))
    put(s + 1, "main.go:606", "info", ("build_context", "(go=go1.22.6, platform=linux/amd64, user=root@812ffd741951, "
                                                        "date=20240827-10:56:41, tags=netgo,builtinassets,stringlabels)"))
    put(s + 1, "main.go:607", "info", ("host_details", "(Linux 6.1.109 #1 SMP PREEMPT_DYNAMIC x86_64 prometheus-k8s-0 "
                                                       "(none))"))
    put(s + 2, "main.go:608", "info", ("fd_limits", "(soft=1048576, hard=1048576)"))
    put(s + 2, "main.go:609", "info", ("vm_limits", "(soft=unlimited, hard=unlimited)"))
    put(s + 5, "web.go:571", "info", ("component", "web"), ("msg", "Start listening for connections"),
        ("address", "0.0.0.0:9090"))
    put(s + 6, "main.go:1148", "info", ("msg", "Starting TSDB ..."))
    put(s + 7, "tls_config.go:313", "info", ("component", "web"), ("msg", "Listening on"), ("address", "[::]:9090"))
    put(s + 7, "tls_config.go:316", "info", ("component", "web"), ("msg", "TLS is disabled."), ("http2", "false"),
        ("address", "[::]:9090"))
    s += 9
    put(s, "head.go:626", "info", ("component", "tsdb"), ("msg", "Replaying on-disk memory mappable chunks if any"))
    put(s + P_MMAP, "head.go:713", "info", ("component", "tsdb"),
        ("msg", "On-disk memory mappable chunks replay completed"), ("duration", secs(P_MMAP / 1000)))
    put(s + P_MMAP + 1, "head.go:721", "info", ("component", "tsdb"), ("msg", "Replaying WAL, this may take a while"))
    w0 = s + P_MMAP + P_CKPT
    put(w0, "head.go:758", "info", ("component", "tsdb"), ("msg", "WAL checkpoint loaded"))
    segs = list(range(1860, 1894))
    for k, seg in enumerate(segs):
        put(w0 + P_WAL * (k + 1) // len(segs) - 3, "head.go:793", "info", ("component", "tsdb"),
            ("msg", "WAL segment loaded"), ("segment", seg), ("maxSegment", segs[-1]))
    put(w0 + P_WAL, "head.go:830", "info", ("component", "tsdb"), ("msg", "WAL replay completed"),
        ("checkpoint_replay_duration", secs(P_CKPT / 1000)), ("wal_replay_duration", secs(P_WAL / 1000)),
        ("wbl_replay_duration", "215ns"), ("chunk_snapshot_load_duration", "0s"),
        ("mmap_chunk_replay_duration", secs(P_MMAP / 1000)),
        ("total_replay_duration", secs((P_MMAP + P_CKPT + P_WAL + 5) / 1000)))
    put(w0 + P_WAL + 4, "main.go:1169", "info", ("fs_type", "EXT4_SUPER_MAGIC"))
    put(w0 + P_WAL + 5, "main.go:1172", "info", ("msg", "TSDB started"))
    put(w0 + P_WAL + 9, "main.go:1354", "info", ("msg", "Loading configuration file"), ("filename", P_CONFIG))
    put(w0 + P_WAL + 96, "main.go:1391", "info", ("msg", "Completed loading of configuration file"),
        ("filename", P_CONFIG), ("totalDuration", secs(0.087312)), ("db_storage", "1.523µs"),
        ("remote_storage", "251.905µs"), ("web_handler", "811ns"), ("query_engine", "1.204µs"),
        ("scrape", "388.117µs"), ("scrape_sd", "2.918334ms"), ("notify", "41.57µs"), ("notify_sd", "13.902µs"),
        ("rules", "61.004118ms"), ("tracing", "6.227µs"))
    put(P_READY, "main.go:1133", "info", ("msg", "Server is ready to receive web requests."))
    put(P_READY + 1, "manager.go:164", "info", ("component", "rule manager"), ("msg", "Starting rule manager..."))
    return ev.lines()


# =========================================================================== A2. Cassandra 4.1 system.log

C_SELF = "10.0.4.12"                                       # cassandra-1
C_HOST_IDS = {"10.0.4.11": "0b5e8a3c-7d21-4f96-9c4e-3a1f7d2b8e60", "10.0.4.13": "6f3d2c1b-8a94-4e7f-b2c5-9d0e1a4f7c38",
              "10.0.4.14": "c8e17a52-3b6d-4f09-a1e2-5d7c9b4f6a13"}
C_GC = (at("10:05") + 2207, at("10:20") - 1911)            # heap pressure: long pauses, dropped messages
C_FLAP = at("09:41:17") + 233                              # 10.0.4.14 misses gossip for five seconds
C_FAIL = at("10:45:04") + 97                               # cassandra-2 (10.0.4.13) goes away
C_DOWN = at("10:45:12") + 418
C_UP = at("10:58:40") + 611
C_TOMB = (at("11:15") + 1733, at("11:35") - 2408)          # a cart-cleanup bug leaves tombstones in shop.carts
C_TABLES = [("shop", "orders", 20), ("shop", "order_items", 18), ("shop", "carts", 14), ("shop", "sessions", 16),
            ("shop", "events", 12), ("shop", "products", 4), ("shop", "inventory", 8),
            ("system", "compaction_history", 4), ("system", "size_estimates", 1), ("system_traces", "sessions", 1)]
C_TOMB_USERS = ["u-48213", "u-10077", "u-77310", "u-50212", "u-31008", "u-62950", "u-90121"]
C_TOMB_W = [45, 22, 9, 7, 6, 6, 5]
C_POOLS = ["MutationStage", "ReadStage", "RequestResponseStage", "ReadRepairStage", "CounterMutationStage",
           "ViewMutationStage", "GossipStage", "MigrationStage", "CompactionExecutor", "MemtableFlushWriter",
           "MemtablePostFlush", "MemtableReclaimMemory", "HintsDispatcher", "Native-Transport-Requests",
           "PendingRangeCalculator", "PerDiskMemtableFlushWriter_0", "ValidationExecutor", "Sampler",
           "CacheCleanupExecutor", "SecondaryIndexManagement"]


def gen_cassandra(rng) -> list[str]:
    ev = Events()
    ids = {f"{ks}.{tb}": hexid(rng, 32) for ks, tb, _ in C_TABLES}
    ids["system.peers_v2"] = hexid(rng, 32)
    ids["system.local"] = hexid(rng, 32)
    gen = {k: rng.randint(800, 4000) for k in ids}

    def line(level, thread, src, msg):
        def build(t):
            return f"{level:<5} [{thread}] {stamp(t, ' ')},{t % 1000:03d} {src} - {msg}"
        return build

    def put(ms, level, thread, src, msg, *extra):
        return ev.add(ms, line(level, thread, src, msg), *extra)

    def sstable(table):
        gen[table] += 1
        ks, tb = table.split(".")
        return f"/var/lib/cassandra/data/{ks}/{tb}-{ids[table]}/nb-{gen[table]}-big"

    def in_gc(t):
        return C_GC[0] <= t < C_GC[1]

    # memtable flushes
    seg = 1796540012345
    for t in arrivals(rng, 5.5):
        ks, tb, _ = weighted(rng, C_TABLES, [w for _, _, w in C_TABLES])
        table = f"{ks}.{tb}"
        if ks == "shop":
            use = min(lognorm(rng, 96.0, 0.25), 180.0)
            reason = "MEMTABLE_LIMIT"
        else:
            use = lognorm(rng, 0.4, 0.6)
            reason = "COMMITLOG_DIRTY"
        put(t, "INFO", "NativePoolCleaner", "ColumnFamilyStore.java:1052",
            f"Enqueuing flush of {table}, Reason: {reason}, Usage: {use:.3f}MiB ({use / 10.24:.0f}%) on-heap, "
            f"0.000KiB (0%) off-heap")
        took = int(lognorm(rng, 900 if ks == "shop" else 40, 0.35)) + (1500 if in_gc(t) else 0)
        seg += rng.randint(0, 1) * 1000
        put(t + took, "INFO", f"PerDiskMemtableFlushWriter_0:{rng.randint(1, 400)}", "Flushing.java:153",
            f"Completed flushing {sstable(table)}-Data.db ({use * rng.uniform(0.28, 0.42):.3f}MiB) for commitlog "
            f"position CommitLogPosition(segmentId={seg}, position={rng.randint(1000, 33_000_000)})")

    # compactions (and their large-partition warnings)
    large = sorted(rng.sample(range(60), 4))
    for k, t in enumerate(arrivals(rng, 25.0)):
        ks, tb, _ = weighted(rng, C_TABLES[:7], [w for _, _, w in C_TABLES[:7]])
        table = f"{ks}.{tb}"
        n = rng.choice((2, 4, 4, 4, 6))
        size = lognorm(rng, 140.0, 0.6)
        ms_took = int(size / rng.uniform(9, 18) * 1000)
        rows = int(size * rng.uniform(2500, 3500))
        merged = int(rows * rng.uniform(0.93, 0.99))
        cid = uuid4(rng)
        out = sstable(table)
        thread = f"CompactionExecutor:{rng.randint(1, 4)}"
        if k in large:
            put(t + ms_took // 2, "WARN", thread, "BigTableWriter.java:274",
                f"Writing large partition shop/events:tenant-{rng.choice(['acme', 'globex', 'initech', 'hooli'])}:"
                f"2026-12-0{rng.randint(3, 6)} ({rng.uniform(110, 260):.3f}MiB) to sstable "
                f"{sstable('shop.events')}-Data.db")
        put(t + ms_took, "INFO", thread, "CompactionTask.java:253",
            f"Compacted ({cid}) {n} sstables to [{out},] to level=0.  {size:.3f}MiB to {size * 0.96:.3f}MiB "
            f"(~96% of original) in {ms_took:,}ms.  Read Throughput = {size / ms_took * 1000:.3f}MiB/s, "
            f"Write Throughput = {size * 0.96 / ms_took * 1000:.3f}MiB/s, Row Throughput = ~{rows * 1000 // ms_took:,}/s."
            f"  {rows:,} total partitions merged to {merged:,}.  Partition merge counts were "
            f"{{1:{2 * merged - rows}, 2:{rows - merged}, }}. Time spent writing keys = {int(ms_took * 0.93):,}ms")

    # GC: young pauses over 200 ms are logged; during the heap pressure many, and old-generation pauses
    eden, old = 1929379840, 4521984000

    def gc(t, kind, ms):
        nonlocal old
        if kind == "Young":
            before, after = old, old + rng.randint(20, 90) * 1048576
            text = (f"G1 Young Generation GC in {ms}ms.  G1 Eden Space: {eden} -> 0; G1 Old Gen: {before} -> {after}; "
                    f"G1 Survivor Space: {rng.randint(5, 9) * 16777216} -> {rng.randint(5, 9) * 16777216}; ")
            old = after if after < 7_600_000_000 else 4_300_000_000
        else:
            before, after = old + rng.randint(200, 600) * 1048576, rng.randint(4100, 4700) * 1048576
            text = (f"G1 Old Generation GC in {ms}ms.  G1 Old Gen: {before} -> {after}; Metaspace: 86915352 -> "
                    f"86915352; ")
            old = after
        put(t, "WARN" if ms >= 1000 else "INFO", "Service Thread",
            "GCInspector.java:292" if ms >= 1000 else "GCInspector.java:294", text)

    for t in arrivals(rng, 30.0):
        if not in_gc(t):
            gc(t, "Young", int(min(lognorm(rng, 245, 0.12), 420)) if rng.random() < 0.9 else rng.randint(201, 230))
    for t in arrivals(rng, 8.0, *C_GC):
        gc(t, "Young", int(min(lognorm(rng, 520, 0.3), 960)))
    for t in sorted(rng.sample(range(C_GC[0] + 60_000, C_GC[1] - 30_000, 1000), 8)):
        gc(t + rng.randint(1, 999), "Old", rng.randint(1150, 5200))

    # dropped messages and the thread-pool dump that follows them
    last_dump = 0
    t = C_GC[0] + 4000
    while t < C_GC[1]:
        logged = False
        if rng.random() < 0.62:
            put(t, "INFO", "ScheduledTasks:1", "MessagingMetrics.java:206",
                f"MUTATION_REQ messages were dropped in last 5000 ms: {rng.choice((0, 0, 0, 0, 1, 3))} internal and "
                f"{rng.randint(4, 420)} cross node. Mean internal dropped latency: {rng.randint(0, 2400)} ms and Mean "
                f"cross-node dropped latency: {rng.randint(2100, 4800)} ms")
            logged = True
        if rng.random() < 0.3:
            put(t + 1, "INFO", "ScheduledTasks:1", "MessagingMetrics.java:206",
                f"READ_REQ messages were dropped in last 5000 ms: 0 internal and {rng.randint(1, 90)} cross node. "
                f"Mean internal dropped latency: 0 ms and Mean cross-node dropped latency: {rng.randint(5000, 9000)} ms")
            logged = True
        if logged and t - last_dump > 20_000:
            last_dump = t
            d = t + 3
            put(d, "INFO", "ScheduledTasks:1", "StatusLogger.java:65",
                "Pool Name                                     Active   Pending      Completed   Blocked  All Time Blocked")
            for pool in C_POOLS:
                act = rng.randint(20, 32) if pool in ("MutationStage", "ReadStage", "Native-Transport-Requests") else \
                    rng.randint(0, 2)
                pend = rng.randint(200, 4000) if act >= 20 else rng.randint(0, 3)
                put(d, "INFO", "ScheduledTasks:1", "StatusLogger.java:69",
                    f"{pool:<45}{act:>10}{pend:>10}{rng.randint(10_000, 900_000_000):>15}{0:>10}{0:>18}")
            put(d, "INFO", "ScheduledTasks:1", "StatusLogger.java:79",
                f"{'CompactionManager':<45}{rng.randint(1, 4):>10}{rng.randint(5, 40):>10}")
            put(d, "INFO", "ScheduledTasks:1", "StatusLogger.java:91",
                f"{'MessagingService':<45}{'n/a':>10}{f'0/{rng.randint(1, 30)}':>10}")
            put(d + 1, "INFO", "ScheduledTasks:1", "StatusLogger.java:101",
                "Cache Type                     Size                 Capacity               KeysToSave")
            put(d + 1, "INFO", "ScheduledTasks:1", "StatusLogger.java:103",
                f"KeyCache                   {rng.randint(104_000_000, 104_857_599):>9}                104857600"
                f"                      all")
            put(d + 1, "INFO", "ScheduledTasks:1", "StatusLogger.java:109",
                "RowCache                           0                        0                      all")
            put(d + 1, "INFO", "ScheduledTasks:1", "StatusLogger.java:116", "Table                       Memtable ops,data")
            for ks, tb, _ in C_TABLES[:7]:
                put(d + 1, "INFO", "ScheduledTasks:1", "StatusLogger.java:119",
                    f"{ks + '.' + tb:<28}{rng.randint(1000, 90000)},{rng.randint(1_000_000, 130_000_000)}")
        t += 5000 + rng.randint(-3, 3)
    for t in arrivals(rng, 30.0, *C_GC) + arrivals(rng, 600.0):
        put(t, "INFO", "ScheduledTasks:1", "NoSpamLogger.java:105",
            "Some operations were slow, details available at debug level (debug.log)")

    # gossip: a five-second flap of 10.0.4.14, then cassandra-2 (10.0.4.13) reboots
    def peer(ip):
        return f"/{ip}:7000"

    put(C_FLAP, "INFO", "GossipTasks:1", "Gossiper.java:1107", f"InetAddress {peer('10.0.4.14')} is now DOWN")
    put(C_FLAP + 5412, "INFO", "GossipStage:1", "Gossiper.java:1349", f"InetAddress {peer('10.0.4.14')} is now UP")
    put(C_FLAP + 17_093, "INFO", "HintsDispatcher:2", "HintsDispatchExecutor.java:289",
        f"Finished hinted handoff of file {C_HOST_IDS['10.0.4.14']}-{C_FLAP - 3121}-2.hints to endpoint "
        f"{peer('10.0.4.14')}: {C_HOST_IDS['10.0.4.14']}")
    trace = ["io.netty.channel.AbstractChannel$AnnotatedConnectException: finishConnect(..) failed: Connection refused: "
             + peer("10.0.4.13"),
             "Caused by: java.net.ConnectException: finishConnect(..) failed: Connection refused",
             "\tat io.netty.channel.unix.Errors.newConnectException0(Errors.java:155)",
             "\tat io.netty.channel.unix.Errors.handleConnectErrno(Errors.java:128)",
             "\tat io.netty.channel.unix.Socket.finishConnect(Socket.java:321)",
             "\tat io.netty.channel.epoll.AbstractEpollChannel$AbstractEpollUnsafe.doFinishConnect"
             "(AbstractEpollChannel.java:710)"]
    t = C_FAIL
    while t < C_UP - 4000:
        for k, kind in enumerate(("URGENT_MESSAGES", "SMALL_MESSAGES", "LARGE_MESSAGES")):
            put(t + k * rng.randint(3, 40), "INFO", f"Messaging-EventLoop-3-{rng.randint(1, 8)}", "NoSpamLogger.java:92",
                f"/{C_SELF}:7000->{peer('10.0.4.13')}-{kind}-[no-channel] failed to connect", *trace)
        t += 30_000 + rng.randint(-200, 200)
    put(C_DOWN, "INFO", "GossipTasks:1", "Gossiper.java:1107", f"InetAddress {peer('10.0.4.13')} is now DOWN")
    put(C_UP, "INFO", "GossipStage:1", "Gossiper.java:1326", f"Node {peer('10.0.4.13')} has restarted, now UP")
    put(C_UP + 2, "INFO", "GossipStage:1", "StorageService.java:3071", f"Node {peer('10.0.4.13')} state jump to NORMAL")
    put(C_UP + 4, "INFO", "GossipStage:1", "Gossiper.java:1349", f"InetAddress {peer('10.0.4.13')} is now UP")
    put(C_UP + 5, "INFO", "GossipStage:1", "StorageService.java:2807", f"Updating topology for {peer('10.0.4.13')}")
    put(C_UP + 6, "INFO", "GossipStage:1", "StorageService.java:2807", f"Updating topology for {peer('10.0.4.13')}")
    put(C_UP + 9, "INFO", "GossipStage:1", "ColumnFamilyStore.java:1052",
        "Enqueuing flush of system.peers_v2, Reason: USER_FORCED, Usage: 0.012MiB (0%) on-heap, 0.000KiB (0%) off-heap")
    put(C_UP + 52, "INFO", "PerDiskMemtableFlushWriter_0:1", "Flushing.java:153",
        f"Completed flushing {sstable('system.peers_v2')}-Data.db (0.004MiB) for commitlog position "
        f"CommitLogPosition(segmentId={seg}, position={rng.randint(1000, 33_000_000)})")
    t = C_UP + 11_204
    for k in range(6):
        hid = C_HOST_IDS["10.0.4.13"]
        put(t, "INFO", f"HintsDispatcher:{k + 3}", "HintsDispatchExecutor.java:289",
            f"Finished hinted handoff of file {hid}-{C_DOWN + k * 131_017}-2.hints to endpoint {peer('10.0.4.13')}: {hid}")
        t += rng.randint(14_000, 31_000)

    # tombstones: a few warnings all morning, then the cart-cleanup bug
    def tomb_warn(t, user, table="carts"):
        if table == "carts":
            q = f"SELECT * FROM shop.carts WHERE user_id = '{user}' LIMIT 5000"
        else:
            q = f"SELECT * FROM shop.sessions WHERE session_id = {uuid4(rng)} LIMIT 100"
        put(t, "WARN", f"ReadStage-{rng.randint(1, 32)}", "ReadCommand.java:589",
            f"Read {rng.randint(0, 400)} live rows and {rng.randint(1001, 18000)} tombstone cells for query {q}; "
            f"token {rng.randint(-2 ** 63, 2 ** 63 - 1)} (see tombstone_warn_threshold)")

    for t in arrivals(rng, 420.0):
        if not C_TOMB[0] <= t < C_TOMB[1]:
            if rng.random() < 0.6:
                tomb_warn(t, f"u-{rng.randint(10000, 99999)}")
            else:
                tomb_warn(t, None, "sessions")
    for t in arrivals(rng, 5.0, *C_TOMB):
        tomb_warn(t, weighted(rng, C_TOMB_USERS, C_TOMB_W))
    for k, t in enumerate(sorted(rng.sample(range(C_TOMB[0] + 120_000, C_TOMB[1] - 60_000, 1000), 7))):
        user = "u-10077" if k == 3 else "u-48213"
        tok = rng.randint(-2 ** 63, 2 ** 63 - 1)
        put(t + rng.randint(1, 999), "ERROR", f"ReadStage-{rng.randint(1, 32)}", "ReadCommand.java:600",
            f"Scanned over 100001 tombstones during query 'SELECT * FROM shop.carts WHERE user_id = '{user}' LIMIT "
            f"5000' (last scanned row token was {tok} and partion key was (({user}))); query aborted")

    # unlogged and large batches from the order writer
    for t in arrivals(rng, 22.0):
        if rng.random() < 0.7:
            put(t, "WARN", f"Native-Transport-Requests-{rng.randint(1, 128)}", "NoSpamLogger.java:105",
                f"Unlogged batch covering {rng.randint(11, 60)} partitions detected against table [shop.order_items]. "
                f"You should use a logged batch for atomicity, or asynchronous writes for performance.")
        else:
            kib = rng.uniform(5.1, 14.0)
            put(t, "WARN", f"Native-Transport-Requests-{rng.randint(1, 128)}", "BatchStatement.java:390",
                f"Batch for [shop.order_items] is of size {kib:.3f}KiB, exceeding specified threshold of 5.000KiB by "
                f"{kib - 5:.3f}KiB.")

    # housekeeping
    for hhmm in ("09:16:02", "10:16:02", "11:16:02"):
        t = at(hhmm) + rng.randint(1, 999)
        put(t, "INFO", "IndexSummaryManager:1", "IndexSummaryRedistribution.java:78", "Redistributing index summaries")
    t = at("10:13:07") + 413
    put(t, "INFO", "OptionalTasks:1", "AutoSavingCache.java:395",
        "Saved KeyCache (182113 items) in 198 ms to /var/lib/cassandra/saved_caches/KeyCache-g.db")
    put(t + 9, "INFO", "OptionalTasks:1", "AutoSavingCache.java:395",
        "Saved CounterCache (0 items) in 1 ms to /var/lib/cassandra/saved_caches/CounterCache-g.db")
    return ev.lines()


# =========================================================================== A3. Keycloak (Quarkus JSON, events listener)

K_REALM_ID = "7d2c9a14-5b3e-4f81-a6c0-2e9b8d1f4a57"
K_USERS = ["alice", "bob", "carol", "dmitri", "erin", "farid", "grace", "hana", "ivan", "julia", "kenji", "lena",
           "marco", "nadia", "oscar", "priya"]
K_OFFICE = ["203.0.113.10", "203.0.113.11"]
K_WEB = [("grafana", "https://grafana.acme.io/login/generic_oauth", "10.244.3.31", 30),
         ("argocd", "https://argocd.acme.io/auth/callback", "10.244.2.18", 18),
         ("gitlab", "https://gitlab.acme.io/users/auth/openid_connect/callback", "10.244.5.40", 26),
         ("vault", "https://vault.acme.io/ui/vault/auth/oidc/oidc/callback", "10.244.1.27", 10),
         ("account-console", "https://sso.acme.io/realms/acme/account/", None, 6)]
K_SVC = [("orders-api", "10.244.4.12"), ("billing-worker", "10.244.6.31"), ("argo-workflows", "10.244.2.44"),
         ("oauth2-proxy", "10.244.1.19"), ("backstage", "10.244.5.52"), ("prometheus-sd", "10.244.3.9")]
K_CI = ("ci-runner", "10.42.7.15")                         # still uses the secret rotated on Friday
K_SPRAY_IPS = ["185.220.101.47", "185.220.101.52"]
K_SPRAY = (at("10:20") + 2614, at("10:35") - 1937)         # password spraying on the account console
K_SPRAY_NAMES = ["admin", "administrator", "root", "test", "alice", "bob", "guest", "support", "carol", "info",
                 "user", "devops"]
K_SPRAY_W = [16, 12, 10, 7, 6, 6, 6, 5, 5, 4, 4, 3]
K_LOCK_UNTIL = at("10:50")
K_LDAP = (at("11:00") + 4127, at("11:12") - 2588)          # ldap.acme.internal unreachable (firewall change)
K_PEER_LEFT = at("11:38:02") + 716                         # keycloak-1 is replaced first
K_PEER_JOIN = at("11:38:41") + 95
K_STOP = at("11:42:10") + 318                              # then keycloak-0
K_JVM = at("11:42:14") + 902
K_BOOT = 17836                                             # ms from JVM start to "started in"
K_UP = K_JVM + K_BOOT + 9


def gen_keycloak(rng) -> list[str]:
    items = []              # (ms, order, record dict without sequence)

    def add(ms, logger, level, msg, thread=None, exc=None):
        ms = nz(ms)
        if not START_MS < ms < END_MS:
            return
        th = thread or f"executor-thread-{rng.randint(1, 48)}"
        tid = 1 if th == "main" else 80 + int(th.rsplit("-", 1)[1]) if th.startswith("executor") else 57
        items.append((ms, len(items), {"ts": ms, "us": rng.randrange(1000), "loggerName": logger, "level": level,
                                       "message": msg, "threadName": th, "threadId": tid, "exception": exc}))

    uid = {u: uuid4(rng) for u in K_USERS}
    uip = {u: (rng.choice(K_OFFICE) if rng.random() < 0.6 else f"10.8.0.{rng.randint(2, 250)}") for u in K_USERS}
    svc_uid = {c: uuid4(rng) for c, _ in K_SVC}

    def up(t):
        return not (K_STOP <= t < K_UP)

    def evmsg(pairs):
        return ", ".join(f'{k}="{v}"' for k, v in pairs)

    def base(kind, client, user, sess, ip):
        return [("type", kind), ("realmId", K_REALM_ID), ("realmName", "acme"), ("clientId", client),
                ("userId", uid.get(user, "null") if user else "null"), ("sessionId", sess), ("ipAddress", ip)]

    sessions = []           # (start ms, user, client, backend ip or None, session id)

    def locked(user, t):
        return user in ("alice", "bob", "carol") and K_SPRAY[0] <= t < K_LOCK_UNTIL

    def web_client():
        return weighted(rng, K_WEB, [w for *_, w in K_WEB])

    # interactive logins (code flow) and the code-to-token exchange by the client's backend
    for t in arrivals(rng, 11.0):
        if not up(t) or K_LDAP[0] <= t < K_LDAP[1]:
            continue
        user = rng.choice([u for u in K_USERS if not locked(u, t)])
        client, redirect, backend, _ = web_client()
        sess = uuid4(rng)
        add(t, "org.keycloak.events", "INFO", evmsg(
            base("LOGIN", client, user, sess, uip[user]) +
            [("auth_method", "openid-connect"), ("auth_type", "code"), ("response_type", "code"),
             ("redirect_uri", redirect), ("consent", "no_consent_required"), ("code_id", sess), ("username", user),
             ("response_mode", "query" if client != "account-console" else "fragment"),
             ("authSessionParentId", sess), ("authSessionTabId", hexid(rng, 11))]))
        t2 = t + rng.randint(80, 450)
        add(t2, "org.keycloak.events", "INFO", evmsg(
            base("CODE_TO_TOKEN", client, user, sess, backend or uip[user]) +
            [("token_id", uuid4(rng)), ("grant_type", "authorization_code"), ("refresh_token_type", "Refresh"),
             ("scope", "openid profile email"), ("refresh_token_id", uuid4(rng)), ("code_id", sess),
             ("client_auth_method", "client-secret" if backend else "none")]))
        sessions.append((t2, user, client, backend, sess))

    def pick_session(t):
        live = [s for s in sessions if s[0] < t and t - s[0] < 8 * 3600_000]
        return rng.choice(live) if live else None

    # token refreshes (most traffic) and logouts
    for t in arrivals(rng, 3.4):
        s = pick_session(t)
        if not s or not up(t):
            continue
        _, user, client, backend, sess = s
        add(t, "org.keycloak.events", "INFO", evmsg(
            base("REFRESH_TOKEN", client, user, sess, backend or uip[user]) +
            [("token_id", uuid4(rng)), ("grant_type", "refresh_token"), ("refresh_token_type", "Refresh"),
             ("scope", "openid profile email"), ("refresh_token_id", uuid4(rng)),
             ("updated_refresh_token_id", uuid4(rng)), ("client_auth_method", "client-secret" if backend else "none")]))
    for t in arrivals(rng, 75.0):
        s = pick_session(t)
        if not s or not up(t):
            continue
        _, user, client, backend, sess = s
        add(t, "org.keycloak.events", "INFO", evmsg(
            base("LOGOUT", client, user, sess, uip[user]) + [("redirect_uri", K_WEB[[w[0] for w in K_WEB].index(client)][1])]))

    # service accounts (client credentials), and ci-runner with its stale secret
    for client, ip in K_SVC:
        t = START_MS + rng.uniform(0, 60_000)
        while t < END_MS:
            if up(t):
                add(int(t), "org.keycloak.events", "INFO", evmsg(
                    [("type", "CLIENT_LOGIN"), ("realmId", K_REALM_ID), ("realmName", "acme"), ("clientId", client),
                     ("userId", svc_uid[client]), ("sessionId", "null"), ("ipAddress", ip), ("token_id", uuid4(rng)),
                     ("grant_type", "client_credentials"), ("scope", "profile email"),
                     ("client_auth_method", "client-secret"), ("username", f"service-account-{client}")]))
            t += lognorm(rng, 55_000, 0.2)
    t = START_MS + rng.uniform(0, 120_000)
    while t < END_MS:
        if up(t):
            add(int(t), "org.keycloak.events", "WARN", evmsg(
                [("type", "CLIENT_LOGIN_ERROR"), ("realmId", K_REALM_ID), ("realmName", "acme"), ("clientId", K_CI[0]),
                 ("userId", "null"), ("sessionId", "null"), ("ipAddress", K_CI[1]),
                 ("error", "invalid_client_credentials"), ("grant_type", "client_credentials")]))
        t += lognorm(rng, 120_000, 0.2)

    def login_error(t, user, ip, error, client="account-console", known=True):
        redirect = K_WEB[[w[0] for w in K_WEB].index(client)][1]
        sess = uuid4(rng)
        add(t, "org.keycloak.events", "WARN", evmsg(
            [("type", "LOGIN_ERROR"), ("realmId", K_REALM_ID), ("realmName", "acme"), ("clientId", client),
             ("userId", uid[user] if known else "null"), ("sessionId", "null"), ("ipAddress", ip), ("error", error),
             ("auth_method", "openid-connect"), ("auth_type", "code"), ("redirect_uri", redirect), ("code_id", sess),
             ("username", user), ("authSessionParentId", sess), ("authSessionTabId", hexid(rng, 11))]))

    # typos of real users now and then
    for t in arrivals(rng, 240.0):
        if not up(t) or K_LDAP[0] <= t < K_LDAP[1]:
            continue
        user = rng.choice([u for u in K_USERS if not locked(u, t)])
        client = web_client()[0]
        if rng.random() < 0.85:
            login_error(t, user, uip[user], "invalid_user_credentials", client)
        else:
            login_error(t, user[:-1] + user[-1] * 2, uip[user], "user_not_found", client, known=False)
    # the spray: two Tor exits, common names; alice, bob and carol exist and are locked out after five failures
    fails = {}
    for t in arrivals(rng, 1.5, *K_SPRAY):
        name = weighted(rng, K_SPRAY_NAMES, K_SPRAY_W)
        ip = K_SPRAY_IPS[0] if rng.random() < 0.6 else K_SPRAY_IPS[1]
        if name in uid:
            fails[name] = fails.get(name, 0) + 1
            login_error(t, name, ip, "invalid_user_credentials" if fails[name] <= 5 else "user_temporarily_disabled")
        else:
            login_error(t, name, ip, "user_not_found", known=False)

    # LDAP federation unreachable: every password check fails with a stack trace
    def exc(kind, message, frames, cause=None):
        d = {"refId": 1, "exceptionType": kind, "message": message,
             "frames": [{"class": c, "method": m, "line": n} for c, m, n in frames]}
        if cause:
            d["causedBy"] = {"exception": cause}
        return d

    ldap_cause = exc("javax.naming.CommunicationException", "ldap.acme.internal:636",
                     [("com.sun.jndi.ldap.Connection", "<init>", 252), ("com.sun.jndi.ldap.LdapClient", "<init>", 138),
                      ("com.sun.jndi.ldap.LdapCtx", "connect", 2895)],
                     exc("java.net.SocketTimeoutException", "Connect timed out",
                         [("java.base/sun.nio.ch.NioSocketImpl", "timedFinishConnect", 546),
                          ("java.base/java.net.Socket", "connect", 751)]))
    ldap_cause["refId"], ldap_cause["causedBy"]["exception"]["refId"] = 2, 3
    for t in arrivals(rng, 7.0, *K_LDAP):
        e = exc("org.keycloak.models.ModelException", "LDAP Query failed",
                [("org.keycloak.storage.ldap.idm.store.ldap.LDAPOperationManager", "search", 214),
                 ("org.keycloak.storage.ldap.LDAPStorageProvider", "searchForUserByUserAttributeInRealm", 858),
                 ("org.keycloak.storage.UserStorageManager", "getUserByUsername", 322)], ldap_cause)
        add(t, "org.keycloak.services", "ERROR", "KC-SERVICES0013: Failed authentication", exc=e)
    for hhmm in ("09:18:44", "09:57:02", "10:41:37", "11:24:15", "11:53:50"):
        t = at(hhmm) + rng.randint(1, 999)
        add(t, "org.keycloak.services", "ERROR", "KC-SERVICES0013: Failed authentication",
            exc=exc("org.keycloak.authentication.AuthenticationFlowException", None,
                    [("org.keycloak.authentication.AuthenticationProcessor", "authenticationAction", 1009),
                     ("org.keycloak.services.resources.LoginActionsService", "processFlow", 330)]))

    # the rolling update: keycloak-1 leaves and comes back, then this pod restarts on 26.0.7
    add(K_PEER_LEFT, "org.infinispan.CLUSTER", "INFO", "ISPN100001: Node keycloak-1-33102 left the cluster",
        thread="jgroups-9,keycloak-0-18041")
    add(K_PEER_LEFT + 3, "org.infinispan.CLUSTER", "INFO",
        "ISPN000094: Received new cluster view for channel ISPN: [keycloak-0-18041|7] (1) [keycloak-0-18041]",
        thread="jgroups-9,keycloak-0-18041")
    add(K_PEER_JOIN, "org.infinispan.CLUSTER", "INFO", "ISPN100000: Node keycloak-1-41532 joined the cluster",
        thread="jgroups-4,keycloak-0-18041")
    add(K_PEER_JOIN + 2, "org.infinispan.CLUSTER", "INFO",
        "ISPN000094: Received new cluster view for channel ISPN: [keycloak-0-18041|8] (2) [keycloak-0-18041, "
        "keycloak-1-41532]", thread="jgroups-4,keycloak-0-18041")
    add(K_STOP + 102, "org.infinispan.CLUSTER", "INFO", "ISPN000080: Disconnecting JGroups channel `ISPN`",
        thread="Shutdown thread")
    add(K_STOP + 214, "io.quarkus", "INFO", "Keycloak stopped in 0.214s", thread="Shutdown thread")
    boot = [(2611, "org.keycloak.quarkus.runtime.hostname.DefaultHostnameProvider", "INFO",
             "Hostname settings: Base URL: <unset>, Hostname: sso.acme.io, Strict HTTPS: true, Path: <request>, "
             "Strict BackChannel: false, Admin URL: <unset>, Admin: <request>, Port: -1, Proxied: true"),
            (4208, "org.keycloak.common.crypto.CryptoIntegration", "INFO",
             "Detected crypto provider: org.keycloak.crypto.def.DefaultCryptoProvider"),
            (9117, "org.infinispan.CONTAINER", "INFO",
             "ISPN000556: Starting user marshaller 'org.infinispan.commons.marshall.ImmutableProtoStreamMarshaller'"),
            (10433, "org.infinispan.CLUSTER", "INFO", "ISPN000078: Starting JGroups channel `ISPN` with stack `kubernetes`"),
            (10440, "org.jgroups.JChannel", "INFO", "local_addr: 4b1e07d2-91c3-4a5f-8e26-0d7f3c9a1b64, name: keycloak-0-52377"),
            (10512, "org.jgroups.protocols.FD_SOCK2", "INFO", "server listening on *.57800"),
            (12019, "org.infinispan.CLUSTER", "INFO",
             "ISPN000094: Received new cluster view for channel ISPN: [keycloak-1-41532|9] (2) [keycloak-1-41532, "
             "keycloak-0-52377]"),
            (12031, "org.infinispan.CLUSTER", "INFO",
             "ISPN000079: Channel `ISPN` local address is `keycloak-0-52377`, physical addresses are `[10.244.2.77:7800]`"),
            (14262, "org.keycloak.connections.infinispan.DefaultInfinispanConnectionProviderFactory", "INFO",
             "Node name: keycloak-0-52377, Site name: null"),
            (K_BOOT + 9, "io.quarkus", "INFO",
             f"Keycloak 26.0.7 on JVM (powered by Quarkus 3.15.1) started in {K_BOOT / 1000:.3f}s. Listening on: "
             "http://0.0.0.0:8080. Management interface listening on http://0.0.0.0:9000."),
            (K_BOOT + 10, "io.quarkus", "INFO", "Profile prod activated."),
            (K_BOOT + 10, "io.quarkus", "INFO",
             "Installed features: [agroal, cdi, hibernate-orm, jdbc-postgresql, keycloak, narayana-jta, opentelemetry, "
             "reactive-routes, rest, rest-jackson, smallrye-context-propagation, smallrye-health, vertx]")]
    for off, logger, level, msg in boot:
        add(K_JVM + off, logger, level, msg, thread="main")

    # sequence numbers count the records of each process
    out, seq = [], 48_211
    restarted = False
    for ms, _, r in sorted(items, key=lambda x: (x[0], x[1])):
        if not restarted and ms >= K_JVM:
            restarted, seq = True, 0
        seq += 1
        d = {"timestamp": f"{stamp(ms)}.{ms % 1000:03d}{r['us']:03d}Z", "sequence": seq,
             "loggerClassName": "org.jboss.logging.Logger", "loggerName": r["loggerName"], "level": r["level"],
             "message": r["message"], "threadName": r["threadName"], "threadId": r["threadId"], "mdc": {}, "ndc": "",
             "hostName": "keycloak-0", "processName": "QuarkusEntryPoint", "processId": 1}
        if r["exception"]:
            d["exception"] = r["exception"]
        out.append(json.dumps(d, separators=(",", ":"), ensure_ascii=False))
    return out


# =========================================================================== B1. GitLab production_json.log

G_USERS = [("jdoe", 17), ("asmith", 23), ("mkowalski", 31), ("lchen", 42), ("rpatel", 48), ("tnguyen", 55),
           ("ebrown", 61), ("okarlsson", 67), ("fgarcia", 74), ("hmuller", 80), ("ysato", 88), ("dkim", 93),
           ("pjones", 101), ("nwilliams", 109), ("abakr", 115), ("cmartin", 122), ("iivanova", 130), ("sorhan", 137),
           ("vrossi", 145), ("klee", 152)]
G_BOT = ("build-bot", 412, "34.89.10.7", "python-requests/2.31.0")
G_PROBE = "10.244.3.1"
G_PROJECTS = [("acme/shop", "gitaly-2", 30), ("acme/payments", "gitaly-2", 18), ("acme/infra", "gitaly-1", 16),
              ("platform/charts", "gitaly-1", 10), ("acme/docs", "gitaly-1", 8)]
G_GITALY = (at("10:15") + 2911, at("10:30") - 1802)        # gitaly-2 restarts, then answers too slowly
G_UNAVAILABLE = G_GITALY[0] + 36_000
G_BOT_WIN = (at("10:50") + 1207, at("11:05") - 2503)       # build-bot downloads job logs in a tight loop
G_DB = (at("11:25") + 1412, at("11:40") - 2377)            # a bad plan on merge_request_diff_commits
G_RACK = [at("11:27:41") + 412, at("11:29:58") + 93, at("11:31:17") + 655, at("11:34:02") + 281,
          at("11:37:39") + 807]
G_FILES = ["app/models/order.rb", "app/controllers/checkout_controller.rb", "config/routes.rb", "Gemfile.lock",
           "README.md", "charts/values.yaml", "lib/payments/adyen.rb", "spec/models/order_spec.rb", ".gitlab-ci.yml"]
G_DIRS = ["app", "app/models", "config", "lib", "spec", "charts", "docs"]
G_UA = ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
        "Safari/537.36",
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
        "Safari/537.36 Edg/131.0.2903.86"]
# (controller, action, format, weight, median s, touches gitaly, feature category)
G_PAGES = [("Projects::MergeRequestsController", "show", "html", 14, 0.42, False, "code_review_workflow"),
           ("Projects::MergeRequestsController", "index", "html", 5, 0.31, False, "code_review_workflow"),
           ("Projects::MergeRequests::DiffsController", "diffs_batch", "json", 10, 0.55, True, "code_review_workflow"),
           ("Projects::BlobController", "show", "html", 10, 0.22, True, "source_code_management"),
           ("Projects::TreeController", "show", "html", 8, 0.26, True, "source_code_management"),
           ("Projects::CommitsController", "show", "html", 5, 0.35, True, "source_code_management"),
           ("Projects::PipelinesController", "index", "html", 7, 0.28, False, "continuous_integration"),
           ("Projects::PipelinesController", "show", "html", 6, 0.33, False, "continuous_integration"),
           ("Projects::JobsController", "show", "html", 6, 0.24, False, "continuous_integration"),
           ("ProjectsController", "show", "html", 6, 0.30, True, "groups_and_projects"),
           ("Projects::IssuesController", "index", "html", 5, 0.27, False, "team_planning"),
           ("Projects::IssuesController", "show", "html", 5, 0.30, False, "team_planning"),
           ("DashboardController", "merge_requests", "html", 4, 0.36, False, "code_review_workflow"),
           ("Dashboard::TodosController", "index", "html", 3, 0.20, False, "notifications")]
G_DB_SLOW = {("Projects::MergeRequestsController", "show"), ("Projects::MergeRequestsController", "index"),
             ("Projects::MergeRequests::DiffsController", "diffs_batch"), ("DashboardController", "merge_requests")}


def gen_gitlab(rng) -> list[str]:
    ev = Events()
    upip = {u: (f"10.8.1.{rng.randint(2, 250)}" if rng.random() < 0.4 else "203.0.113.10") for u, _ in G_USERS}
    uua = {u: rng.choice(G_UA) for u, _ in G_USERS}

    def corr():
        return "01JE" + "".join(rng.choice("0123456789ABCDEFGHJKMNPQRSTVWXYZ") for _ in range(22))

    def path_of(ctrl, action, proj):
        if ctrl == "Projects::MergeRequestsController":
            return f"/{proj}/-/merge_requests/{rng.randint(300, 520)}" if action == "show" else f"/{proj}/-/merge_requests"
        if ctrl == "Projects::MergeRequests::DiffsController":
            return f"/{proj}/-/merge_requests/{rng.randint(300, 520)}/diffs_batch.json"
        if ctrl == "Projects::BlobController":
            return f"/{proj}/-/blob/main/{rng.choice(G_FILES)}"
        if ctrl == "Projects::TreeController":
            return f"/{proj}/-/tree/main/{rng.choice(G_DIRS)}"
        if ctrl == "Projects::CommitsController":
            return f"/{proj}/-/commits/main"
        if ctrl == "Projects::PipelinesController":
            return f"/{proj}/-/pipelines" if action == "index" else f"/{proj}/-/pipelines/{rng.randint(81000, 84000)}"
        if ctrl == "Projects::JobsController":
            return f"/{proj}/-/jobs/{rng.randint(910000, 930000)}" + ("/raw" if action == "raw" else "")
        if ctrl == "ProjectsController":
            return f"/{proj}"
        if ctrl == "Projects::IssuesController":
            return f"/{proj}/-/issues" if action == "index" else f"/{proj}/-/issues/{rng.randint(1, 2400)}"
        if ctrl == "DashboardController":
            return "/dashboard/merge_requests"
        return "/dashboard/todos"

    def record(t, method, path, fmt, ctrl, action, status, user, ip, ua, category, dur, db, gitaly=0.0, calls=0,
               exc=None, proj=None):
        d = {"method": method, "path": path, "format": fmt, "controller": ctrl, "action": action, "status": status,
             "time": None, "params": [], "remote_ip": ip}
        if user:
            d["user_id"], d["username"] = user[1], user[0]
        d["ua"] = ua
        d["correlation_id"] = corr()
        d["meta.caller_id"] = f"{ctrl}#{action}"
        d["meta.feature_category"] = category
        d["meta.remote_ip"] = ip
        if user:
            d["meta.user"], d["meta.user_id"] = user[0], user[1]
            d["meta.client_id"] = f"user/{user[1]}"
        else:
            d["meta.client_id"] = f"ip/{ip}"
        if proj:
            d["meta.project"], d["meta.root_namespace"] = proj, proj.split("/")[0]
        d["request_urgency"] = "low" if ctrl.startswith("Projects::MergeRequests") else "default"
        d["target_duration_s"] = 5 if d["request_urgency"] == "low" else 1
        d["redis_calls"] = rng.randint(2, 40)
        d["redis_duration_s"] = round(rng.uniform(0.0004, 0.006), 6)
        d["db_count"] = rng.randint(4, 120) if ctrl != "HealthController" else 1
        d["db_write_count"] = 0
        d["db_cached_count"] = rng.randint(0, 20)
        d["db_duration_s"] = round(db, 5)
        if calls:
            d["gitaly_calls"] = calls
            d["gitaly_duration_s"] = round(gitaly, 5)
        d["view_duration_s"] = round(max(dur - db - gitaly, 0.0) * rng.uniform(0.2, 0.6), 5)
        d["duration_s"] = round(dur, 5)
        d["cpu_s"] = round(min(dur, rng.uniform(0.02, 0.4)), 6)
        d["mem_objects"] = rng.randint(20_000, 900_000)
        d["mem_bytes"] = d["mem_objects"] * rng.randint(40, 60)
        d["mem_mallocs"] = rng.randint(5_000, 200_000)
        d["mem_total_bytes"] = d["mem_bytes"] + rng.randint(1_000_000, 9_000_000)
        d["pid"] = rng.choice((2811, 2817, 2823, 2829))
        d["worker_id"] = f"puma_{rng.randint(0, 3)}"
        d["rate_limiting_gates"] = []
        if exc:
            d["exception.class"], d["exception.message"], d["exception.backtrace"] = exc

        def build(ms):
            d["time"] = f"{stamp(ms)}.{ms % 1000:03d}Z"
            if ctrl.startswith("Projects::") or ctrl == "ProjectsController":
                ns, name = proj.split("/")
                d["params"] = [{"key": "namespace_id", "value": ns}, {"key": "project_id", "value": name}]
                if "/merge_requests/" in path or "/issues/" in path or "/pipelines/" in path or "/jobs/" in path:
                    d["params"].append({"key": "id", "value": path.split("/")[5]})
            return json.dumps(d, separators=(",", ":"), ensure_ascii=False)
        return ev.add(t, build)

    gitaly_bt = ["lib/gitlab/gitaly_client.rb:258:in `execute'", "lib/gitlab/gitaly_client/call.rb:18:in `block in call'",
                 "lib/gitlab/gitaly_client/call.rb:55:in `recording_request'",
                 "lib/gitlab/gitaly_client/call.rb:17:in `call'", "lib/gitlab/gitaly_client.rb:250:in `call'"]

    # people using the web UI
    for t in arrivals(rng, 2.3):
        user = rng.choice(G_USERS)
        u = user[0]
        ctrl, action, fmt, _, med, gitaly_page, cat = weighted(rng, G_PAGES, [p[3] for p in G_PAGES])
        proj, storage, _ = weighted(rng, G_PROJECTS, [p[2] for p in G_PROJECTS])
        dur = lognorm(rng, med, 0.45)
        db = dur * rng.uniform(0.12, 0.35)
        calls = rng.randint(1, 12) if gitaly_page else rng.randint(0, 2)
        gitaly = dur * rng.uniform(0.1, 0.4) if calls else 0.0
        status, exc = 200, None
        if (ctrl, action) in G_DB_SLOW and G_DB[0] <= t < G_DB[1]:
            db = min(lognorm(rng, 5.5, 0.7), 52.0)
            dur = db + lognorm(rng, med, 0.4)
        if gitaly_page and storage == "gitaly-2" and G_GITALY[0] <= t < G_GITALY[1]:
            if t < G_UNAVAILABLE:
                status, dur, gitaly = 503, lognorm(rng, 0.06, 0.3), 0.002
                exc = ("GRPC::Unavailable", "14:failed to connect to all addresses; last error: UNKNOWN: "
                       "ipv4:10.244.7.12:8075: Failed to connect to remote host: Connection refused. "
                       "debug_error_string:{UNKNOWN:failed to connect to all addresses {grpc_status:14}}", gitaly_bt)
                db = dur * 0.2
            elif rng.random() < 0.65:
                limit = 10.0 if ctrl == "ProjectsController" else 30.0
                gitaly = limit + rng.uniform(0.001, 0.05)
                dur = gitaly + lognorm(rng, 0.12, 0.4)
                db = dur * 0.004
                status = 500
                exc = ("GRPC::DeadlineExceeded", "4:Deadline Exceeded. debug_error_string:{UNKNOWN:Deadline Exceeded "
                       "{grpc_status:4}}", gitaly_bt)
            else:
                gitaly = rng.uniform(2.0, 9.0)
                dur = gitaly + lognorm(rng, med, 0.4)
        if rng.random() < 0.004 and exc is None:
            status, exc = 500, ("NoMethodError", "undefined method `head_pipeline' for nil:NilClass",
                                ["app/presenters/merge_request_presenter.rb:214:in `pipeline_status'"])
        if ctrl == "Projects::JobsController" and rng.random() < 0.03:
            status = 404
        record(t, "GET", path_of(ctrl, action, proj), fmt, ctrl, action, status, user, upip[u], uua[u], cat, dur, db,
               gitaly, calls, exc, proj)

    # Puma's worker timeout kills five requests while the database is slow
    for k, t in enumerate(G_RACK):
        user = rng.choice(G_USERS)
        ctrl, action = (("Projects::MergeRequestsController", "show") if k in (0, 2, 4)
                        else ("Projects::MergeRequests::DiffsController", "diffs_batch"))
        proj = "acme/shop"
        dur = 60.0 + rng.uniform(0.001, 0.2)
        record(t, "GET", path_of(ctrl, action, proj), "html" if action == "show" else "json", ctrl, action, 500, user,
               upip[user[0]], uua[user[0]], "code_review_workflow", dur, dur * 0.97, 0.0, 0,
               ("Rack::Timeout::RequestTimeoutException", "Request ran for longer than 60000ms ",
                ["lib/gitlab/database/load_balancing/connection_proxy.rb:120:in `public_send'",
                 "app/models/merge_request_diff.rb:580:in `commits'"]), proj)

    # readiness probes from the kubelet
    t = START_MS + rng.uniform(0, 10_000)
    while t < END_MS:
        record(int(t), "GET", "/-/readiness", "json", "HealthController", "readiness", 200, None, G_PROBE,
               "kube-probe/1.30", "error_budgets", lognorm(rng, 0.004, 0.3), 0.0008)
        t += 10_000 + rng.randint(-50, 50)

    # build-bot: a pipeline poll every few minutes, and a loop over job logs 10:50-11:05
    bot = (G_BOT[0], G_BOT[1])
    for t in arrivals(rng, 360.0):
        record(t, "GET", "/acme/shop/-/pipelines.json", "json", "Projects::PipelinesController", "index", 200, bot,
               G_BOT[2], G_BOT[3], "continuous_integration", lognorm(rng, 0.25, 0.3), 0.05, 0.0, 0, None, "acme/shop")
    for t in arrivals(rng, 0.62, *G_BOT_WIN):
        status = 404 if rng.random() < 0.1 else 200
        record(t, "GET", f"/acme/shop/-/jobs/{rng.randint(900000, 930000)}/raw", "html", "Projects::JobsController",
               "raw", status, bot, G_BOT[2], G_BOT[3], "continuous_integration", lognorm(rng, 0.09, 0.4), 0.01,
               0.0, 0, None, "acme/shop")
    return ev.lines()


# =========================================================================== B2. AWS CloudTrail (one record per line)

T_ACCOUNT = "483920117635"
T_NAT = "34.248.112.40"                                    # the cluster's NAT gateway
T_OFFICE = "203.0.113.10"
T_LEAK_IP = "45.142.120.19"
T_LEAK = (at("10:05") + 31_402, at("10:25") - 9_877)       # legacy-backup's access key is used from outside
T_KEY = "AKIAXB3YQ7LGCYBK0042"
T_SG_OPEN = at("10:48:22")
T_SG_CLOSE = at("11:02:09")
T_SG = "sg-0b7e4f2a9c1d36e85"
T_THROTTLE = (at("11:15") + 2804, at("11:30") - 1733)      # karpenter's consolidation loop hits the EC2 rate limit
T_ROOT_IP = "198.51.100.73"
T_ROOT = (at("11:44") + 7_112, at("11:49") - 3_905)
T_REGIONS = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "eu-west-1", "eu-west-2", "eu-west-3",
             "eu-central-1", "eu-north-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1",
             "ap-southeast-2", "sa-east-1", "me-central-1"]
T_KARP_UA = ("aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.173.0 "
             "karpenter.sh-v1.0.6")
T_CLI_UA = "aws-cli/1.18.69 Python/3.8.10 Linux/5.4.0-150-generic botocore/1.16.19"
T_CONSOLE_UA = "AWS Internal"
T_BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"


def gen_cloudtrail(rng) -> list[str]:
    ev = Events(seconds_only=True)
    acct = T_ACCOUNT
    oidc = f"arn:aws:iam::{acct}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/8E2F4C1A9B7D3E65F0A1C2B3D4E5F607"

    def role_ident(role, session, created, web=False, path=""):
        rid = "AROA" + hexid(rng, 17).upper()
        d = {"type": "AssumedRole", "principalId": f"{rid}:{session}",
             "arn": f"arn:aws:sts::{acct}:assumed-role/{role}/{session}", "accountId": acct,
             "accessKeyId": "ASIA" + hexid(rng, 16).upper(),
             "sessionContext": {"sessionIssuer": {"type": "Role", "principalId": rid,
                                                  "arn": f"arn:aws:iam::{acct}:role/{path}{role}", "accountId": acct,
                                                  "userName": role},
                                "attributes": {"creationDate": created, "mfaAuthenticated": "false"}}}
        if web:
            d["sessionContext"]["webIdFederationData"] = {"federatedProvider": oidc, "attributes": {}}
        return d

    sso = {}
    for user, perm in (("alice", "AdministratorAccess_3f9a1c2b7d4e6a80"), ("bob", "AdministratorAccess_3f9a1c2b7d4e6a80"),
                       ("carol", "ReadOnlyAccess_9c2e5b7a1d3f4e60")):
        sso[user] = role_ident(f"AWSReservedSSO_{perm}", f"{user}@acme.io", "2026-12-06T08:51:12Z",
                               path="aws-reserved/sso.amazonaws.com/eu-west-1/")
    karp = role_ident("KarpenterController-prod", "1796548211043115392", "2026-12-06T08:47:31Z", web=True)
    dns = role_ident("external-dns-prod", "1796547934412087001", "2026-12-06T08:42:55Z", web=True)
    graf = role_ident("grafana-cloudwatch", "grafana", "2026-12-06T08:55:03Z")
    atlantis = role_ident("atlantis-apply", "atlantis-1796550003", "2026-12-06T09:40:03Z")
    gha = role_ident("github-actions-deploy", "GitHubActions", "2026-12-06T09:00:00Z", web=True)
    nodes = [role_ident("eks-node-prod-NodeInstanceRole", f"i-0{hexid(rng, 16)}", "2026-12-06T06:12:40Z")
             for _ in range(8)]
    apps = [(app, role_ident(f"{app}-prod", f"botocore-session-{rng.randint(1_700_000_000, 1_799_999_999)}",
                             "2026-12-06T08:30:00Z", web=True)) for app in ("orders-api", "payments-api", "billing-worker",
                                                                             "catalog-api")]
    legacy = {"type": "IAMUser", "principalId": "AIDAXB3YQ7LEGACY0BK42", "arn": f"arn:aws:iam::{acct}:user/legacy-backup",
              "accountId": acct, "accessKeyId": T_KEY, "userName": "legacy-backup"}

    def rec(t, ident, source, name, region, ip, ua, req=None, resp=None, error=None, read_only=True, extra=None,
            event_type="AwsApiCall", resources=None, console=False, host=True):
        def build(ms):
            d = {"eventVersion": "1.10" if event_type == "AwsApiCall" else "1.09", "userIdentity": ident,
                 "eventTime": stamp(ms) + "Z", "eventSource": source, "eventName": name, "awsRegion": region,
                 "sourceIPAddress": ip, "userAgent": ua}
            if error:
                if error[0]:
                    d["errorCode"] = error[0]
                d["errorMessage"] = error[1]
            d["requestParameters"] = req
            d["responseElements"] = resp
            if extra:
                d["additionalEventData"] = extra
            if event_type == "AwsApiCall":
                d["requestID"] = uuid4(rng)
            d["eventID"] = uuid4(rng)
            d["readOnly"] = read_only
            if resources:
                d["resources"] = resources
            d["eventType"] = event_type
            d["managementEvent"] = True
            d["recipientAccountId"] = acct
            d["eventCategory"] = "Management"
            if host and not ip.endswith(".amazonaws.com"):
                svc = source.split(".")[0]
                d["tlsDetails"] = {"tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256",
                                   "clientProvidedHostHeader": f"{svc}.{region}.amazonaws.com"
                                   if svc not in ("iam", "route53", "signin") else f"{svc}.amazonaws.com"}
            if console:
                d["sessionCredentialFromConsole"] = "true"
            return json.dumps(d, separators=(",", ":"), ensure_ascii=False)
        return ev.add(t, build)

    ec2_read = ["DescribeInstances", "DescribeInstanceTypes", "DescribeInstanceTypeOfferings", "DescribeSubnets",
                "DescribeSecurityGroups", "DescribeLaunchTemplates", "DescribeImages", "DescribeSpotPriceHistory"]
    ec2_w = [30, 8, 8, 12, 12, 10, 10, 10]

    def karp_call(t, name, error=None):
        req = {"DescribeInstances": {"instancesSet": {}, "filterSet": {"items": [
                   {"name": "tag:karpenter.sh/nodepool", "valueSet": {"items": [{"value": "default"}]}},
                   {"name": "instance-state-name", "valueSet": {"items": [{"value": "pending"}, {"value": "running"}]}}]}},
               "DescribeSubnets": {"subnetSet": {}, "filterSet": {"items": [
                   {"name": "tag:karpenter.sh/discovery", "valueSet": {"items": [{"value": "prod"}]}}]}},
               "DescribeSecurityGroups": {"securityGroupSet": {}, "securityGroupIdSet": {}, "filterSet": {"items": [
                   {"name": "tag:karpenter.sh/discovery", "valueSet": {"items": [{"value": "prod"}]}}]}},
               "CreateFleet": {"CreateFleetRequest": {"Type": "instant", "TargetCapacitySpecification": {
                   "DefaultTargetCapacityType": "spot", "TotalTargetCapacity": 1}, "LaunchTemplateConfigs": {
                   "LaunchTemplateSpecification": {"LaunchTemplateName": "karpenter.k8s.aws/1186724471933650925",
                                                   "Version": "$Latest"}, "tag": 1}}}}.get(name, {"maxResults": 1000})
        ro = name.startswith("Describe")
        resp = None
        if name == "CreateFleet" and not error:
            resp = {"CreateFleetResponse": {"fleetId": "fleet-" + hexid(rng, 8) + "-" + hexid(rng, 4) + "-" + hexid(rng, 4),
                                            "fleetInstanceSet": {"item": {"instanceIds": {
                                                "item": "i-0" + hexid(rng, 16)}, "lifecycle": "spot",
                                                "instanceType": rng.choice(["m6i.xlarge", "m6a.xlarge", "c6i.2xlarge"])}}}}
        if name == "TerminateInstances":
            req = {"instancesSet": {"items": [{"instanceId": "i-0" + hexid(rng, 16)}]}}
        rec(t, karp, "ec2.amazonaws.com", name, "eu-west-1", T_NAT, T_KARP_UA, req, resp, error, ro)

    # karpenter: steady discovery, a launch or a termination now and then; throttled in its 11:15 loop
    for t in arrivals(rng, 6.5):
        if T_THROTTLE[0] <= t < T_THROTTLE[1]:
            continue
        r = rng.random()
        name = "CreateFleet" if r < 0.03 else "TerminateInstances" if r < 0.045 else weighted(rng, ec2_read, ec2_w)
        karp_call(t, name)
        if name == "CreateFleet":
            rec(t + 1400, {"type": "AWSService", "invokedBy": "ec2fleet.amazonaws.com"}, "ec2.amazonaws.com",
                "RunInstances", "eu-west-1", "ec2fleet.amazonaws.com", "ec2fleet.amazonaws.com",
                {"instancesSet": {"items": [{"minCount": 1, "maxCount": 1}]}}, None, None, False, host=False)
    burst = ["DescribeInstances", "CreateFleet", "DescribeLaunchTemplates", "DescribeSubnets", "DescribeSecurityGroups",
             "DescribeImages", "TerminateInstances"]
    burst_w = [34, 26, 12, 9, 9, 6, 4]
    for t in arrivals(rng, 1.4, *T_THROTTLE):
        name = weighted(rng, burst, burst_w)
        karp_call(t, name, ("Client.RequestLimitExceeded", "Request limit exceeded.") if rng.random() < 0.46 else None)
    # a few throttles of other callers
    for hhmm, app_i, name in (("09:52:14", 0, "GetParameters"), ("09:52:19", 0, "GetParameters"),
                              ("11:21:48", 2, "GetParameters")):
        app, ident = apps[app_i]
        rec(at(hhmm), ident, "ssm.amazonaws.com", name, "eu-west-1", T_NAT, "Boto3/1.34.2 md/Botocore#1.34.2 "
            "ua/2.0 os/linux#6.1.109 md/arch#x86_64 lang/python#3.12.4 cfg/retry-mode#legacy Botocore/1.34.2",
            {"names": [f"/prod/{app}/feature-flags"], "withDecryption": True}, None,
            ("ThrottlingException", "Rate exceeded"))

    # nodes pulling images from ECR
    repos = ["shop/checkout", "shop/orders-api", "payments/payments-api", "platform/fluent-bit", "catalog/catalog-api",
             "batch/report-worker"]
    for t in arrivals(rng, 21.0):
        node = rng.choice(nodes)
        repo = rng.choice(repos)
        ua = "containerd/1.7.22"
        rec(t, node, "ecr.amazonaws.com", "BatchGetImage", "eu-west-1", T_NAT, ua,
            {"imageIds": [{"imageTag": f"2026.12.{rng.randint(1, 6)}-{hexid(rng, 7)}"}],
             "acceptedMediaTypes": ["application/vnd.docker.distribution.manifest.v2+json",
                                    "application/vnd.oci.image.manifest.v1+json"],
             "repositoryName": repo, "registryId": acct}, None,
            resources=[{"accountId": acct, "ARN": f"arn:aws:ecr:eu-west-1:{acct}:repository/{repo}"}])
        for k in range(rng.randint(1, 4)):
            rec(t + 300 + 250 * k, node, "ecr.amazonaws.com", "GetDownloadUrlForLayer", "eu-west-1", T_NAT, ua,
                {"repositoryName": repo, "registryId": acct, "layerDigest": "sha256:" + hexid(rng, 64)}, None,
                resources=[{"accountId": acct, "ARN": f"arn:aws:ecr:eu-west-1:{acct}:repository/{repo}"}])
    for node in nodes:
        rec(rng.randrange(START_MS, END_MS), node, "ecr.amazonaws.com", "GetAuthorizationToken", "eu-west-1", T_NAT,
            "ecr-credential-provider", {"registryIds": [acct]}, None)

    # pods refreshing their web identity credentials
    sas = [f"system:serviceaccount:{ns}:{sa}" for ns, sa in
           (("shop", "orders-api"), ("shop", "checkout"), ("payments", "payments-api"), ("billing", "billing-worker"),
            ("catalog", "catalog-api"), ("kube-system", "karpenter"), ("kube-system", "external-dns"),
            ("kube-system", "ebs-csi-controller-sa"), ("monitoring", "grafana"), ("logging", "fluent-bit"),
            ("velero", "velero"), ("cert-manager", "cert-manager"))]
    for t in arrivals(rng, 75.0):
        sa = rng.choice(sas)
        rec(t, {"type": "WebIdentityUser", "principalId": f"{oidc}:sts.amazonaws.com:{sa}", "userName": sa,
                "identityProvider": oidc}, "sts.amazonaws.com", "AssumeRoleWithWebIdentity", "eu-west-1", T_NAT,
            "aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64 api/sts#1.30.3",
            {"roleArn": f"arn:aws:iam::{acct}:role/{sa.split(':')[-1]}-prod",
             "roleSessionName": str(rng.randint(1_796_540_000_000_000_000, 1_796_559_999_999_999_999))},
            {"credentials": {"accessKeyId": "ASIA" + hexid(rng, 16).upper(), "sessionToken": "IQoJb3JpZ2luX2VjE" +
                             hexid(rng, 24), "expiration": "Dec 6, 2026, 1:00:00 PM"},
             "subjectFromWebIdentityToken": sa, "provider": oidc, "audience": "sts.amazonaws.com"})

    # external-dns reconciling its zones every minute
    zones = [("Z0381719A2BC3DE4F5G6", "acme.io."), ("Z07719283746ABCDEF12", "acme.internal.")]
    t = START_MS + rng.uniform(0, 60_000)
    while t < END_MS:
        rec(int(t), dns, "route53.amazonaws.com", "ListHostedZones", "us-east-1", T_NAT,
            "aws-sdk-go/1.50.8 (go1.22.5; linux; amd64) external-dns/v0.15.0", None, None)
        for z, _ in zones:
            rec(int(t) + rng.randint(100, 900), dns, "route53.amazonaws.com", "ListResourceRecordSets", "us-east-1",
                T_NAT, "aws-sdk-go/1.50.8 (go1.22.5; linux; amd64) external-dns/v0.15.0",
                {"hostedZoneId": z, "maxItems": "300"}, None)
        t += 60_000 + rng.randint(-300, 300)

    # apps reading their secrets; Secrets Manager decrypts with KMS on their behalf
    for t in arrivals(rng, 14.0):
        app, ident = rng.choice(apps)
        secret = f"arn:aws:secretsmanager:eu-west-1:{acct}:secret:prod/{app}/{rng.choice(['db', 'api-keys', 'smtp'])}-" \
                 + hexid(rng, 6)
        rec(t, ident, "secretsmanager.amazonaws.com", "GetSecretValue", "eu-west-1", T_NAT,
            "Boto3/1.34.2 md/Botocore#1.34.2 ua/2.0 os/linux#6.1.109 md/arch#x86_64 lang/python#3.12.4 Botocore/1.34.2",
            {"secretId": secret}, None)
        kms_ident = json.loads(json.dumps(ident))
        kms_ident["invokedBy"] = "secretsmanager.amazonaws.com"
        rec(t + 40, kms_ident, "kms.amazonaws.com", "Decrypt", "eu-west-1", "secretsmanager.amazonaws.com",
            "secretsmanager.amazonaws.com", {"encryptionContext": {"SecretARN": secret, "SecretVersionId": uuid4(rng)},
                                             "encryptionAlgorithm": "SYMMETRIC_DEFAULT"}, None,
            resources=[{"accountId": acct, "type": "AWS::KMS::Key",
                        "ARN": f"arn:aws:kms:eu-west-1:{acct}:key/5d1f2a3b-4c6e-4f70-9a81-b2c3d4e5f607"}], host=False)

    # grafana's CloudWatch data source
    for t in arrivals(rng, 22.0):
        rec(t, graf, "monitoring.amazonaws.com", "GetMetricData", "eu-west-1", T_NAT,
            "aws-sdk-go/1.50.8 (go1.22.5; linux; amd64) grafana/11.3.0",
            {"startTime": "Dec 6, 2026, 8:00:00 AM", "endTime": "Dec 6, 2026, 11:00:00 AM",
             "metricDataQueries": [{"id": "m1", "returnData": True}], "maxDatapoints": 100800}, None)

    # people in the console
    def console(t, user, source, name, req=None, resp=None, ro=True, region="eu-west-1"):
        rec(t, sso[user], source, name, region, T_OFFICE, T_CONSOLE_UA, req, resp, None, ro, console=True)

    for user, first, gap in (("alice", at("09:04:31"), 80.0), ("bob", at("09:22:18"), 110.0),
                             ("carol", at("10:02:47"), 140.0)):
        rec(first, sso[user], "signin.amazonaws.com", "ConsoleLogin", "eu-west-1", T_OFFICE, T_BROWSER, None,
            {"ConsoleLogin": "Success"}, None, False,
            extra={"MobileVersion": "No", "MFAUsed": "Yes"}, event_type="AwsConsoleSignIn", host=False)
        for t in arrivals(rng, gap, first + 5000, END_MS):
            name, source = rng.choice([("DescribeInstances", "ec2.amazonaws.com"),
                                       ("DescribeSecurityGroups", "ec2.amazonaws.com"),
                                       ("ListBuckets", "s3.amazonaws.com"), ("DescribeCluster", "eks.amazonaws.com"),
                                       ("LookupEvents", "cloudtrail.amazonaws.com"),
                                       ("DescribeAlarms", "monitoring.amazonaws.com"),
                                       ("ListFunctions20150331", "lambda.amazonaws.com"),
                                       ("DescribeDBInstances", "rds.amazonaws.com")])
            console(t, user, source, name, {"maxResults": 50} if name != "DescribeCluster" else {"name": "prod"})

    # terraform (atlantis) adds an internal HTTPS rule at 09:40
    rec(at("09:40:07"), atlantis, "ec2.amazonaws.com", "DescribeSecurityGroups", "eu-west-1", "10.0.1.50",
        "APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.78.0",
        {"securityGroupSet": {"items": [{"groupId": "sg-05c1d9e8f7a6b4c32"}]}}, None)
    rec(at("09:40:09"), atlantis, "ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", "eu-west-1", "10.0.1.50",
        "APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.78.0",
        {"groupId": "sg-05c1d9e8f7a6b4c32", "ipPermissions": {"items": [
            {"ipProtocol": "tcp", "fromPort": 443, "toPort": 443, "groups": {}, "ipRanges": {"items": [
                {"cidrIp": "10.0.0.0/16", "description": "internal https"}]}, "ipv6Ranges": {}, "prefixListIds": {}}]}},
        {"requestId": uuid4(rng), "_return": True, "securityGroupRuleSet": {"items": [
            {"groupOwnerId": acct, "groupId": "sg-05c1d9e8f7a6b4c32", "securityGroupRuleId": "sgr-0" + hexid(rng, 16),
             "isEgress": False, "ipProtocol": "tcp", "fromPort": 443, "toPort": 443, "cidrIpv4": "10.0.0.0/16",
             "description": "internal https"}]}}, None, False)

    # GitHub Actions deploys
    for hhmm in ("09:31:12", "10:12:44", "11:07:29", "11:52:03"):
        t = at(hhmm)
        rec(t, {"type": "WebIdentityUser", "principalId": "arn:aws:iam::483920117635:oidc-provider/token.actions."
                "githubusercontent.com:sts.amazonaws.com:repo:acme/shop:ref:refs/heads/main",
                "userName": "repo:acme/shop:ref:refs/heads/main",
                "identityProvider": "arn:aws:iam::483920117635:oidc-provider/token.actions.githubusercontent.com"},
            "sts.amazonaws.com", "AssumeRoleWithWebIdentity", "eu-west-1", "4.175.92.14",
            "aws-sdk-js/2.1691.0 promise", {"roleArn": f"arn:aws:iam::{acct}:role/github-actions-deploy",
                                            "roleSessionName": "GitHubActions", "durationSeconds": 3600}, None)
        for k, name in enumerate(["GetAuthorizationToken", "InitiateLayerUpload", "CompleteLayerUpload", "PutImage"]):
            rec(t + 4000 + k * 2500, gha, "ecr.amazonaws.com", name, "eu-west-1", "4.175.92.14",
                "aws-sdk-js/2.1691.0 promise", {"repositoryName": "shop/checkout"} if k else {}, None,
                read_only=(k == 0))
        rec(t + 16_000, gha, "eks.amazonaws.com", "DescribeCluster", "eu-west-1", "4.175.92.14",
            "aws-cli/2.22.10 Python/3.12.6 Linux/6.5.0-1025-azure exe/x86_64.ubuntu.22", {"name": "prod"}, None)
        rec(t + rng.randint(100, 20_000), {"type": "AWSService", "invokedBy": "eks.amazonaws.com"}, "sts.amazonaws.com",
            "AssumeRole", "eu-west-1", "eks.amazonaws.com", "eks.amazonaws.com",
            {"roleArn": f"arn:aws:iam::{acct}:role/eks-cluster-prod", "roleSessionName": "EKS"}, None, host=False)

    # legacy-backup: its nightly host at 09:15, then the leaked key from outside
    for k, (name, source, region) in enumerate((("GetCallerIdentity", "sts.amazonaws.com", "us-east-1"),
                                                ("ListBuckets", "s3.amazonaws.com", "us-east-1"))):
        rec(at("09:15:03") + k * 2000, legacy, source, name, region, "34.242.19.7",
            "aws-cli/2.15.30 Python/3.11.8 Linux/5.10.223-211.872.amzn2.x86_64 exe/x86_64.amzn.2", None, None)
    calls = [("GetCallerIdentity", "sts.amazonaws.com", "us-east-1", None),
             ("ListBuckets", "s3.amazonaws.com", "us-east-1", None)]
    for b in ["acme-backups", "acme-prod-assets", "acme-terraform-state", "acme-logs-archive", "acme-data-lake"]:
        calls.append(("GetBucketLocation", "s3.amazonaws.com", "us-east-1", None))
        calls.append(("GetBucketPolicy", "s3.amazonaws.com", "eu-west-1",
                      ("NoSuchBucketPolicy", "The bucket policy does not exist") if b in ("acme-backups", "acme-logs-archive")
                      else ("AccessDenied", "Access Denied")))
        calls.append(("GetBucketAcl", "s3.amazonaws.com", "eu-west-1", ("AccessDenied", "Access Denied")))
    deny = ("AccessDenied", "User: arn:aws:iam::483920117635:user/legacy-backup is not authorized to perform: {} on "
                            "resource: {} because no identity-based policy allows the {} action")
    for name, action in (("ListUsers", "iam:ListUsers"), ("ListRoles", "iam:ListRoles"),
                         ("GetAccountAuthorizationDetails", "iam:GetAccountAuthorizationDetails"),
                         ("ListAttachedUserPolicies", None), ("ListGroupsForUser", None),
                         ("CreateUser", "iam:CreateUser"), ("CreateAccessKey", "iam:CreateAccessKey"),
                         ("AttachUserPolicy", "iam:AttachUserPolicy")):
        err = (deny[0], deny[1].format(action, f"arn:aws:iam::{T_ACCOUNT}:*", action)) if action else None
        calls.append((name, "iam.amazonaws.com", "us-east-1", err))
    for region in T_REGIONS:
        for name in ("DescribeInstances", "DescribeSecurityGroups"):
            calls.append((name, "ec2.amazonaws.com", region,
                          ("Client.UnauthorizedOperation", "You are not authorized to perform this operation. User: "
                           "arn:aws:iam::483920117635:user/legacy-backup is not authorized to perform: ec2:" + name +
                           " because no identity-based policy allows the ec2:" + name + " action")))
    for region in ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1", "ap-northeast-1"]:
        calls.append(("ListFunctions20150331", "lambda.amazonaws.com", region,
                      (deny[0], deny[1].format("lambda:ListFunctions", f"arn:aws:lambda:{region}:{T_ACCOUNT}:function:*",
                                               "lambda:ListFunctions"))))
    for region in ["us-east-1", "eu-west-1", "us-west-2"]:
        calls.append(("GetSendQuota", "ses.amazonaws.com", region,
                      (deny[0], deny[1].format("ses:GetSendQuota", "*", "ses:GetSendQuota"))))
    calls.append(("ListSecrets", "secretsmanager.amazonaws.com", "eu-west-1",
                  (deny[0], deny[1].format("secretsmanager:ListSecrets", "*", "secretsmanager:ListSecrets"))))
    calls.append(("DescribeOrganization", "organizations.amazonaws.com", "us-east-1",
                  ("AccessDeniedException", "You don't have permissions to access this resource.")))
    t = T_LEAK[0]
    span = T_LEAK[1] - T_LEAK[0]
    gaps = [rng.uniform(0.4, 3.0) for _ in calls]
    scale = span / sum(gaps)
    for (name, source, region, err), g in zip(calls, gaps):
        ua = T_CLI_UA if rng.random() < 0.8 else "Boto3/1.9.201 Python/3.8.10 Linux/5.4.0-150-generic Botocore/1.12.201"
        rec(int(t), legacy, source, name, region, T_LEAK_IP, ua,
            {"userName": "legacy-backup"} if name in ("ListAttachedUserPolicies", "ListGroupsForUser") else None,
            None, err, name.startswith(("Get", "List", "Describe")))
        t += g * scale
    # alice disables the key, then deletes it
    for hhmm, name, req in (("10:31:47", "ListAccessKeys", {"userName": "legacy-backup"}),
                            ("10:31:58", "UpdateAccessKey", {"userName": "legacy-backup", "accessKeyId": T_KEY,
                                                             "status": "Inactive"}),
                            ("10:33:05", "DeleteAccessKey", {"userName": "legacy-backup", "accessKeyId": T_KEY})):
        console(at(hhmm), "alice", "iam.amazonaws.com", name, req, None, name == "ListAccessKeys", "us-east-1")

    # bob opens ssh on the bastion to the world; alice closes it
    def sg_change(t, user, name, desc):
        perm = {"ipProtocol": "tcp", "fromPort": 22, "toPort": 22, "groups": {}, "ipRanges": {"items": [
            {"cidrIp": "0.0.0.0/0", "description": desc}]}, "ipv6Ranges": {}, "prefixListIds": {}}
        resp = {"requestId": uuid4(rng), "_return": True}
        if name == "AuthorizeSecurityGroupIngress":
            resp["securityGroupRuleSet"] = {"items": [
                {"groupOwnerId": acct, "groupId": T_SG, "securityGroupRuleId": "sgr-0" + hexid(rng, 16),
                 "isEgress": False, "ipProtocol": "tcp", "fromPort": 22, "toPort": 22, "cidrIpv4": "0.0.0.0/0",
                 "description": desc}]}
        console(t, user, "ec2.amazonaws.com", name, {"groupId": T_SG, "ipPermissions": {"items": [perm]}}, resp, False)

    console(T_SG_OPEN - 14_000, "bob", "ec2.amazonaws.com", "DescribeSecurityGroups",
            {"securityGroupSet": {"items": [{"groupId": T_SG}]}})
    sg_change(T_SG_OPEN, "bob", "AuthorizeSecurityGroupIngress", "temp debug from hotel wifi")
    sg_change(T_SG_CLOSE, "alice", "RevokeSecurityGroupIngress", "temp debug from hotel wifi")

    # someone tries the root password
    root = {"type": "Root", "principalId": acct, "arn": f"arn:aws:iam::{acct}:root", "accountId": acct,
            "accessKeyId": ""}
    t = T_ROOT[0]
    for k in range(5):
        rec(int(t), root, "signin.amazonaws.com", "ConsoleLogin", "us-east-1", T_ROOT_IP,
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", None,
            {"ConsoleLogin": "Failure"}, (None, "Failed authentication"), False,
            extra={"LoginTo": "https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true",
                   "MobileVersion": "No", "MFAUsed": "No"}, event_type="AwsConsoleSignIn", host=False)
        t += (T_ROOT[1] - T_ROOT[0]) / 5
    return ev.lines()


# =========================================================================== B3. JDK 17 unified GC log (G1)

J_MAX = 4096                                               # -Xmx4g, 2 MB regions
J_IHOP = 1843                                              # 45 % of the heap
J_JVM1 = START_MS - 187_342_517                            # up since Friday
J_GC1 = 48_213                                             # its GC id at 09:00
J_LEAK = at("10:30:01") + 311                              # a cache without eviction after the 10:29 deploy
J_SPIRAL = at("10:44") + 2_903                             # from here full GCs back to back
J_DEATH = at("10:49:27") + 604                             # OutOfMemoryError, -XX:+ExitOnOutOfMemoryError
J_JVM2 = at("10:49:58") + 425                              # the container restarts it
J_HUM = (at("11:20") + 2212, at("11:35") - 1785)           # month-end report exports allocate huge arrays


def gen_gc(rng) -> list[str]:
    ev = Events()
    jvm = {"start": J_JVM1, "gid": J_GC1}

    def put(t, tags, text):
        start = jvm["start"]

        def build(ms):
            return f"[{stamp(ms)}.{ms % 1000:03d}+0000][{(ms - start) / 1000:.3f}s][info][{tags:<12}] {text}"
        return ev.add(int(t), build)

    def cpu(t, gid, pause):
        real = pause / 1000
        put(t, "gc,cpu", f"GC({gid}) User={real * rng.uniform(2.8, 3.8):.2f}s Sys={real * rng.uniform(0.0, 0.15):.2f}s "
                         f"Real={real:.2f}s")

    def heap_lines(t, gid, e, e_next, s, s2, s_max, o, o2, h, h2):
        put(t, "gc,heap", f"GC({gid}) Eden regions: {e // 2}->0({e_next // 2})")
        put(t, "gc,heap", f"GC({gid}) Survivor regions: {s // 2}->{s2 // 2}({s_max // 2})")
        put(t, "gc,heap", f"GC({gid}) Old regions: {o // 2}->{o2 // 2}")
        put(t, "gc,heap", f"GC({gid}) Humongous regions: {h // 2}->{h2 // 2}")

    def young(t, kind, cause, st, pause, promote, to_space=False, hum_after=None, eden_used=None):
        """One young collection of state `st` (eden, surv, old, hum, cap in MB); returns its end time."""
        gid = jvm["gid"]
        jvm["gid"] += 1
        e, s, o, h = st["eden"] if eden_used is None else eden_used, st["surv"], st["old"], st["hum"]
        before = e + s + o + h
        s2 = max(2, min(s + rng.choice((-4, -2, 0, 2, 4)), 80)) if not to_space else s
        o2 = o + promote
        h2 = h if hum_after is None else hum_after
        after = s2 + o2 + h2 + (rng.randint(30, 60) if to_space else 0)
        put(t, "gc,start", f"GC({gid}) Pause Young ({kind}) ({cause})")
        end = t + max(1, int(round(pause)))
        if to_space:
            put(end, "gc", f"GC({gid}) To-space exhausted")
        st["surv"], st["old"], st["hum"] = s2, o2, h2
        e_next = next_eden(st)
        heap_lines(end, gid, e, e_next, s, s2, 150, o, o2, h, h2)
        st["cap"] = capacity(st, e_next)
        put(end, "gc", f"GC({gid}) Pause Young ({kind}) ({cause}) {before}M->{min(after, J_MAX - 2)}M({st['cap']}M) "
                       f"{pause:.3f}ms")
        cpu(end, gid, pause)
        st["eden"] = e_next
        return end

    def full(t, st, pause, floor):
        gid = jvm["gid"]
        jvm["gid"] += 1
        e, s, o, h = st["eden"], st["surv"], st["old"], st["hum"]
        before = min(e + s + o + h, J_MAX - 2)
        o2 = max(floor + rng.randint(0, 6) * 2, 2)
        put(t, "gc,start", f"GC({gid}) Pause Full (G1 Compaction Pause)")
        end = t + int(round(pause))
        st["surv"], st["old"] = 0, o2
        e_next = next_eden(st)
        heap_lines(end, gid, e, e_next, s, 0, 150, o, o2, h, h)
        put(end, "gc", f"GC({gid}) Pause Full (G1 Compaction Pause) {before}M->{o2 + h}M({J_MAX}M) {pause:.3f}ms")
        cpu(end, gid, pause)
        st["eden"] = e_next
        return end

    def mark(t, st, d):
        """A concurrent mark cycle of d ms with its remark and cleanup pauses; returns its end time."""
        gid = jvm["gid"]
        jvm["gid"] += 1
        put(t, "gc", f"GC({gid}) Concurrent Mark Cycle")
        occ = st["surv"] + st["old"] + st["hum"] + st["eden"] // 2
        r = t + int(d * 0.82)
        rp = lognorm(rng, 9.0 if d < 2000 else 24.0, 0.3)
        put(r, "gc,start", f"GC({gid}) Pause Remark")
        put(r + max(1, int(rp)), "gc", f"GC({gid}) Pause Remark {occ}M->{occ - rng.randint(0, 9) * 2}M({st['cap']}M) "
                                      f"{rp:.3f}ms")
        cpu(r + max(1, int(rp)), gid, rp)
        c = t + int(d * 0.93)
        cp = lognorm(rng, 0.7, 0.3)
        put(c, "gc,start", f"GC({gid}) Pause Cleanup")
        put(c + 1, "gc", f"GC({gid}) Pause Cleanup {occ + 4}M->{occ + 4}M({st['cap']}M) {cp:.3f}ms")
        cpu(c + 1, gid, cp)
        end = t + int(d)
        put(end, "gc", f"GC({gid}) Concurrent Mark Cycle {d:.3f}ms")
        return end

    def next_eden(st):
        free = J_MAX - st["old"] - st["hum"] - st["surv"] - st.get("reserve", 205)
        return max(8, min(st["edmax"], free // 2 * 2))

    def capacity(st, e_next):
        need = st["old"] + st["hum"] + st["surv"] + e_next
        return min(J_MAX, max(st["cap"], -(-int(need * 1.3) // 256) * 256))

    # ---- the first JVM: normal until the leak, then the spiral, then death
    st = {"eden": 1200, "surv": 32, "old": 700, "hum": 4, "cap": 4096, "edmax": 1200}
    t = START_MS + rng.randint(300, 9000)
    marking_until, mixed_left = 0, 0

    def floor_at(t):
        if t < J_LEAK:
            return 620
        if t < J_SPIRAL:
            return 620 + (t - J_LEAK) * 3180 // (J_SPIRAL - J_LEAK)
        return 3800 + (t - J_SPIRAL) * 272 // (J_DEATH - J_SPIRAL)

    while True:
        gap = st["eden"] / 105.0 * 1000 * lognorm(rng, 1.0, 0.12)
        t = int(max(t + gap, marking_until + rng.randint(150, 1500)))
        if t >= J_DEATH - 6000:
            break
        fl = floor_at(t)
        if t >= J_SPIRAL or st["eden"] <= 24:
            st["reserve"] = 0
            end = young(t, "Normal", "G1 Evacuation Pause", st, lognorm(rng, 640, 0.25), st["eden"] // 3 // 2 * 2,
                        to_space=True)
            st["old"] = max(st["old"], fl)
            pause = lognorm(rng, 3000, 0.25)
            while not 1700.0 <= pause <= 4700.0:
                pause = lognorm(rng, 3000, 0.25)
            end = full(end + rng.randint(2, 40), st, pause, fl)
            t = end
            marking_until, mixed_left = 0, 0
            continue
        promote = rng.randint(2, 7) * 2 if t < J_LEAK else rng.randint(10, 40) * 2
        if mixed_left:
            kind = "Mixed"
            mixed_left -= 1
            reclaim = max(0, (st["old"] - fl) * 3 // 4 // (mixed_left + 1)) // 2 * 2
            end = young(t, kind, "G1 Evacuation Pause", st, lognorm(rng, 34, 0.35), promote - reclaim)
        elif st["old"] + st["hum"] >= J_IHOP and marking_until == 0:
            end = young(t, "Concurrent Start", "G1 Evacuation Pause", st, lognorm(rng, 21, 0.3), promote)
            d = lognorm(rng, 350 + max(0, st["old"] - 2000) * 1.6, 0.2)
            marking_until = mark(end + rng.randint(1, 4), st, d)
        elif marking_until and t > marking_until:
            end = young(t, "Prepare Mixed", "G1 Evacuation Pause", st, lognorm(rng, 19, 0.3), promote)
            marking_until, mixed_left = 0, rng.randint(4, 6)
        else:
            end = young(t, "Normal", "G1 Evacuation Pause", st, lognorm(rng, 17, 0.3), promote)
        t = end
    # the last full GC cannot free enough; the JVM exits on OutOfMemoryError
    st["old"] = max(st["old"], floor_at(J_DEATH))
    full(J_DEATH - 4410, st, 4318.274, floor_at(J_DEATH))
    used = (st["old"] + st["hum"]) * 1024 + 2048
    for text in ("Heap", f" garbage-first heap   total {J_MAX * 1024}K, used {used}K [0x00000006c0000000, "
                         f"0x0000000800000000)", "  region size 2048K, 1 young (2048K), 0 survivors (0K)",
                 " Metaspace       used 131207K, committed 132096K, reserved 1179648K",
                 "  class space    used 15532K, committed 15936K, reserved 1048576K"):
        put(J_DEATH, "gc,heap,exit", text)

    # ---- the second JVM
    jvm["start"], jvm["gid"] = J_JVM2, 0
    for off, tags, text in ((5, "gc", "Using G1"), (6, "gc,init", "Version: 17.0.13+11 (release)"),
                            (6, "gc,init", "CPUs: 4 total, 4 available"), (6, "gc,init", "Memory: 7821M"),
                            (6, "gc,init", "Large Page Support: Disabled"), (6, "gc,init", "NUMA Support: Disabled"),
                            (6, "gc,init", "Compressed Oops: Enabled (Zero based)"),
                            (6, "gc,init", "Heap Region Size: 2M"), (6, "gc,init", "Heap Min Capacity: 1G"),
                            (6, "gc,init", "Heap Initial Capacity: 1G"), (6, "gc,init", "Heap Max Capacity: 4G"),
                            (6, "gc,init", "Pre-touch: Disabled"), (6, "gc,init", "Parallel Workers: 4"),
                            (6, "gc,init", "Concurrent Workers: 1"),
                            (6, "gc,init", "Concurrent Refinement Workers: 4"), (6, "gc,init", "Periodic GC: Disabled"),
                            (9, "gc,metaspace", "CDS archive(s) mapped at: [0x00007f3e2b000000-0x00007f3e2bbc6000-"
                                                "0x00007f3e2bbc6000), size 12345344, SharedBaseAddress: "
                                                "0x00007f3e2b000000, ArchiveRelocationMode: 1."),
                            (9, "gc,metaspace", "Compressed class space mapped at: 0x00007f3e2c000000-"
                                                "0x00007f3e6c000000, reserved size: 1073741824"),
                            (9, "gc,metaspace", "Narrow klass base: 0x00007f3e2b000000, Narrow klass shift: 0, "
                                                "Narrow klass range: 0x100000000")):
        put(J_JVM2 + off, tags, text)
    st = {"eden": 52, "surv": 0, "old": 0, "hum": 0, "cap": 1024, "edmax": 52, "reserve": 205}
    t = J_JVM2 + 1900
    marking_until, mixed_left = 0, 0
    hum = arrivals(rng, 24.0, *J_HUM)
    while True:
        warm = t - J_JVM2 < 150_000
        st["edmax"] = min(1200, 52 + int((t - J_JVM2) / 150_000 * 1148) // 2 * 2) if warm else 1200
        gap = st["eden"] / (150.0 if warm else 105.0) * 1000 * lognorm(rng, 1.0, 0.12)
        nxt = max(t + gap, marking_until + rng.randint(150, 1500))
        if hum and hum[0] < nxt and hum[0] > t + 200:
            nxt, is_hum = hum.pop(0), True
        else:
            is_hum = False
            while hum and hum[0] <= t + 200:
                hum.pop(0)
        last, t = t, int(nxt)
        if t >= END_MS:
            break
        promote = rng.randint(8, 20) * 2 if warm else rng.randint(2, 6) * 2
        if is_hum:
            alloc = rng.randint(20, 80) * 2
            st["hum"] += alloc
            used = max(2, int(st["eden"] * min(1.0, (t - last) / max(gap, 1.0))) // 2 * 2)
            end = young(t, "Concurrent Start", "G1 Humongous Allocation", st, lognorm(rng, 16, 0.3), promote,
                        hum_after=int(alloc * rng.uniform(0.2, 0.6)) // 2 * 2 + 2, eden_used=used)
            if not marking_until:
                marking_until = mark(end + rng.randint(1, 4), st, lognorm(rng, 420, 0.25))
        elif mixed_left:
            mixed_left -= 1
            reclaim = max(0, (st["old"] - 500) * 3 // 4 // (mixed_left + 1)) // 2 * 2
            end = young(t, "Mixed", "G1 Evacuation Pause", st, lognorm(rng, 26, 0.35), promote - reclaim)
        elif marking_until and t > marking_until:
            end = young(t, "Prepare Mixed", "G1 Evacuation Pause", st, lognorm(rng, 15, 0.3), promote)
            marking_until, mixed_left = 0, (rng.randint(4, 6) if st["old"] > 900 else 0)
        elif st["old"] + st["hum"] >= J_IHOP and marking_until == 0:
            end = young(t, "Concurrent Start", "G1 Evacuation Pause", st, lognorm(rng, 16, 0.3), promote)
            marking_until = mark(end + rng.randint(1, 4), st, lognorm(rng, 380, 0.2))
        else:
            end = young(t, "Normal", "G1 Evacuation Pause", st, lognorm(rng, 12, 0.3), promote,
                        hum_after=2 if st["hum"] > 2 else None)
        t = end
    return ev.lines()


FILES = [
    ("prometheus.log", "prometheus-gokit-logfmt",
     '{namespace="monitoring",app="prometheus",pod="prometheus-k8s-0",container="prometheus"}', gen_prometheus, 1,
     "Prometheus 2.53 at debug level; chronic scrape failures (report-worker's wrong port until 10:33, kube-proxy on "
     "10.0.3.14); a broken SLO recording rule until 10:04:37; 10:12-10:27 alertmanager 10.244.1.40:9093 refuses "
     "(Error sending alert, queue full 10:21-10:26); 10:40-10:55 node 10.0.3.19 unreachable (scrape timeouts); "
     "11:05-11:20 Mimir remote write 503/429 (batches retried); 11:38:14 SIGTERM, 2.54.1 replays its WAL and is "
     "ready at 11:39:18"),
    ("cassandra-system.log", "cassandra-system-log",
     '{namespace="data",app="cassandra",pod="cassandra-1",container="cassandra"}', gen_cassandra, 2,
     "Cassandra 4.1 system.log of 10.0.4.12; flushes, compactions, GCInspector, batch warnings; 10:05-10:20 heap "
     "pressure (long G1 pauses, dropped MUTATION_REQ/READ_REQ, StatusLogger dumps); 09:41:17 10.0.4.14 flaps; "
     "10:45:12 10.0.4.13 DOWN (failed to connect from 10:45:04), UP 10:58:40, hints replayed; 11:15-11:35 tombstone "
     "warnings on shop.carts (u-48213 most), seven queries aborted"),
    ("keycloak.jsonl", "keycloak-quarkus-json",
     '{namespace="iam",app="keycloak",pod="keycloak-0",container="keycloak"}', gen_keycloak, 3,
     "Keycloak 26 JSON console log with jboss-logging events (success at INFO, errors at WARN); ci-runner's stale "
     "client secret all morning; 10:20-10:35 password spraying from 185.220.101.47/.52 on account-console (alice, "
     "bob, carol locked after five failures); 11:00-11:12 LDAP unreachable (KC-SERVICES0013 with ModelException); "
     "keycloak-1 replaced 11:38, this pod restarts 11:42:10, started in 17.836s"),
    ("gitlab-production.jsonl", "gitlab-production-json",
     '{namespace="gitlab",app="webservice",pod="gitlab-webservice-default-6f9c8d7b5-4kx7p",container="webservice"}',
     gen_gitlab, 4,
     "GitLab production_json.log; readiness probe every 10 s; 10:15-10:30 gitaly-2 (acme/shop, acme/payments) "
     "unavailable then GRPC::DeadlineExceeded 500s after 30 s (10 s for project pages); 10:50-11:05 build-bot "
     "(34.89.10.7) pulls job logs in a loop; 11:25-11:40 slow database on merge request pages, five "
     "Rack::Timeout 500s at 60 s"),
    ("cloudtrail.jsonl", "cloudtrail-records",
     '{job="cloudtrail",account="483920117635",region="eu-west-1"}', gen_cloudtrail, 5,
     "CloudTrail management events one per line (eventTime to the second); karpenter, ECR pulls, IRSA, external-dns, "
     "secrets, grafana, SSO console users; 10:05-10:25 legacy-backup's key used from 45.142.120.19 (enumeration, "
     "AccessDenied/UnauthorizedOperation across regions), disabled 10:31:58; 10:48:22 bob opens port 22 to "
     "0.0.0.0/0, alice revokes 11:02:09; 11:15-11:30 karpenter throttled (Client.RequestLimitExceeded); 11:44-11:49 "
     "root console login failures from 198.51.100.73"),
    ("orders-gc.log", "jvm-unified-gc",
     '{job="jvm-gc",host="app-07",service="orders",filename="/var/log/orders/gc.log"}', gen_gc, 6,
     "JDK 17 G1 -Xlog:gc,gc+start,gc+heap,gc+cpu with time,uptime,level,tags; 10:30-10:49 a leak fills the old "
     "generation, to-space exhausted and back-to-back full GCs from 10:43, OutOfMemoryError exit 10:49:27; new JVM "
     "10:49:58 (GC ids and uptime restart); 11:20-11:35 humongous allocations start concurrent cycles"),
]


def main(argv: list[str]) -> int:
    return write_set(argv, SEED, FILES, "manifest_heldout13.json", (24, 24))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
