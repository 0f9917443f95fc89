#!/usr/bin/env python3
"""Write the six logs of the twelfth held-out set (questions_heldout12.jsonl).

    python3 eval/ask/gen_logs12.py [DIR | --out DIR]      # default target/eval-logs

Writes etcd-cp-2.jsonl, catalog-gunicorn.log, backup-shipper.log (half A),
iis-portal.log, vault-audit.jsonl and shop-catalina.out (half B), and
manifest_heldout12.json (labels, line counts, SHA-256, incidents). Standard library only,
fixed seeds, byte-identical output.

All files cover 2026-12-06 09:00:00Z to 12:00:00Z (gen_clock.py). Formats with sub-second
times never write a whole second (etcd's and Vault's fractions, Flask's and Tomcat's `,mmm` /
`.mmm`); formats with whole seconds only (gunicorn's own and access lines, Go's `log` default
flags, IIS's W3C `date time`) never write second :00, so no line falls on a whole-minute window
boundary. Lines without a time of their own (Python tracebacks, a Go panic, Java stack traces)
follow the line that owns them. The shapes follow the public descriptions of each format (etcd
3.5's zap JSON, gunicorn's error and access log with a Flask app's default log handler, Go's
standard `log` package with `Lmsgprefix`, IIS 10 W3C extended logging, Vault's file audit
device, Tomcat 9's catalina.out with JULI's OneLineFormatter and a logback console appender);
the content is made up here.
"""
from __future__ import annotations

import base64
import json
import sys
from urllib.parse import quote_plus

from gen_clock import (END_MS, START_MS, Events, arrivals, at, dt, go_dur_ns, hexid, lognorm, nz, uuid4,
                       weighted, write_set)

SEED = 12120


def s_ok(ms: int) -> int:
    """A time whose whole second is never :00 (for lines written to the second)."""
    return ms + 1000 if (ms // 1000) % 60 == 0 else ms


def secs(x: float) -> str:
    """A Go duration string of x seconds."""
    return go_dur_ns(max(1, int(round(x * 1e9))))


# =========================================================================== A1. etcd 3.5 (zap JSON)

E_SELF, E_C1, E_C3 = "5e2a7c3d91b0f4a8", "c1f07d2e8a6b3945", "9b84e6f2d0a3c571"
E_C1_IP = "10.0.1.11"
E_DISK = (at("10:10") + 2317, at("10:25") - 1893)        # slow disk on the node (noisy neighbour)
E_ELECT = at("10:47:09") + 412                         # cp-1 reboots; this member wins the election
E_PEER_BACK = at("10:52:41") + 237
E_CERT_IP = "10.0.12.44"                               # etcd-backup cronjob with an expired client cert
E_CERT = (at("11:20:03") + 311, at("11:34:51") + 77)
E_KEYS_READ = [("/registry/pods/shop/", "/registry/pods/shop0"), ("/registry/pods/", "/registry/pods0"),
               ("/registry/configmaps/kube-system/", "/registry/configmaps/kube-system0"),
               ("/registry/events/shop/", "/registry/events/shop0"), ("/registry/secrets/payments/", "/registry/secrets/payments0"),
               ("/registry/services/endpoints/default/kubernetes", ""), ("/registry/minions/", "/registry/minions0"),
               ("/registry/deployments/shop/checkout", ""), ("/registry/leases/kube-system/kube-controller-manager", ""),
               ("/registry/replicasets/", "/registry/replicasets0"), ("/registry/crd.projectcalico.org/ipamblocks/", "/registry/crd.projectcalico.org/ipamblocks0")]
E_KEYS_WRITE = ["/registry/leases/kube-node-lease/node-{n}", "/registry/events/shop/checkout-{h}.{h2}",
                "/registry/pods/shop/checkout-7d9c-{h}", "/registry/leases/kube-system/kube-scheduler",
                "/registry/masterleases/10.0.1.12", "/registry/services/endpoints/shop/checkout"]


def gen_etcd(rng) -> list[str]:
    ev = Events()

    def ts(ms: int) -> str:
        return dt(ms).strftime("%Y-%m-%dT%H:%M:%S") + f".{ms % 1000:03d}{rng.randrange(1000):03d}Z"

    def rev(ms: int) -> int:
        return 83_400_000 + (ms - START_MS) * 37 // 1000

    def put(ms, level, caller, msg, *kv, logger=None):
        def build(t):
            d = {"level": level, "ts": ts(t)}
            if logger:
                d["logger"] = logger
            d["caller"] = caller
            d["msg"] = msg
            for k, v in kv:
                d[k] = v(t) if callable(v) else v
            return json.dumps(d, separators=(",", ":"))
        return ev.add(ms, build)

    def in_disk(t):
        return E_DISK[0] <= t < E_DISK[1]

    def read_req():
        k, e = rng.choice(E_KEYS_READ)
        return f'key:"{k}" ' + (f'range_end:"{e}" ' if e else ""), (rng.randint(2, 900) if e else 1)

    def write_key():
        return rng.choice(E_KEYS_WRITE).format(n=rng.randint(1, 24), h=hexid(rng, 5), h2=hexid(rng, 16))

    # "apply request took too long": background, and many more while the disk is slow
    times = arrivals(rng, 26.0) + arrivals(rng, 2.1, *E_DISK)
    for t in sorted(times):
        took = lognorm(rng, 430e-3, 0.7) if in_disk(t) else lognorm(rng, 135e-3, 0.3)
        took = min(max(took, 0.1007), 4.3)
        if rng.random() < 0.68:
            req, n = read_req()
            put(t, "warn", "etcdserver/util.go:170", "apply request took too long", ("took", secs(took)),
                ("expected-duration", "100ms"), ("prefix", "read-only range "), ("request", req),
                ("response", f"range_response_count:{n} size:{n * rng.randint(900, 4200)}"))
        else:
            k = write_key()
            req = (f'header:<ID:{rng.randint(7_000_000_000_000_000_000, 7_999_999_999_999_999_999)} '
                   f'username:"kube-apiserver-etcd-client" auth_revision:1 > txn:<compare:<target:MOD key:"{k}" '
                   f'mod_revision:{rev(t) - rng.randint(50, 90000)} > success:<request_put:<key:"{k}" '
                   f'value_size:{rng.randint(180, 4800)} >> failure:<request_range:<key:"{k}" > >>')
            put(t, "warn", "etcdserver/util.go:170", "apply request took too long", ("took", secs(took)),
                ("expected-duration", "100ms"), ("prefix", ""), ("request", req), ("response", "size:18"))

    # traceutil traces of slow range/txn requests
    for t in sorted(arrivals(rng, 10.0) + arrivals(rng, 3.0, *E_DISK)):
        d = lognorm(rng, 320e-3 if in_disk(t) else 125e-3, 0.5)
        d = max(d, 0.1003)
        tid = rng.randint(100_000_000, 2_147_483_647)
        a = d * rng.uniform(0.6, 0.9)
        if rng.random() < 0.6:
            k, e = rng.choice(E_KEYS_READ)
            n = rng.randint(2, 700) if e else 1
            put(t, "info", "traceutil/trace.go:171", f"trace[{tid}] range",
                ("detail", f"{{range_begin:{k}; range_end:{e}; response_count:{n}; response_revision:{rev(t)}; }}"),
                ("duration", secs(d)), ("start", lambda x: ts(x - int(d * 1000))), ("end", lambda x: ts(x)),
                ("steps", [f"trace[{tid}] 'agreement among raft nodes before linearized reading'  (duration: {secs(a)})",
                           f"trace[{tid}] 'range keys from in-memory index tree'  (duration: {secs(d - a)})"]),
                ("step_count", 2))
        else:
            put(t, "info", "traceutil/trace.go:171", f"trace[{tid}] transaction",
                ("detail", f"{{read_only:false; response_revision:{rev(t)}; number_of_response:1; }}"),
                ("duration", secs(d)), ("start", lambda x: ts(x - int(d * 1000))), ("end", lambda x: ts(x)),
                ("steps", [f"trace[{tid}] 'process raft request'  (duration: {secs(a)})",
                           f"trace[{tid}] 'compare'  (duration: {secs(d - a)})"]),
                ("step_count", 2))

    # expensive requests ("request stats"): the local kube-apiserver, a CNI agent, and the backup tool's listings
    def stats(t, remote, key, end, rtype="/etcdserverpb.KV/Range", big=False):
        spent = lognorm(rng, 2.4 if big else 0.42, 0.45)
        n = rng.randint(2000, 40000) if big else rng.randint(1, 3000)
        put(t, "warn", "v3rpc/interceptor.go:197", "request stats", ("start time", lambda x: ts(x - int(spent * 1000))),
            ("time spent", secs(spent)), ("remote", f"{remote}:{rng.randint(32768, 60999)}"), ("response type", rtype),
            ("request count", 0), ("request size", rng.randint(30, 90)), ("response count", n),
            ("response size", n * rng.randint(800, 5000)),
            ("request content", f'key:"{key}" ' + (f'range_end:"{end}" ' if end else "")))

    for t in sorted(arrivals(rng, 14.0) + arrivals(rng, 5.0, *E_DISK)):
        remote = "10.0.2.31" if rng.random() < 0.05 else "127.0.0.1"
        k, e = rng.choice(E_KEYS_READ)
        stats(t, remote, k, e)
    backup_keys = [("/registry/", "/registry0"), ("/registry/secrets/", "/registry/secrets0"),
                   ("/registry/configmaps/", "/registry/configmaps0"), ("/registry/pods/", "/registry/pods0"),
                   ("/registry/events/", "/registry/events0"), ("/registry/replicasets/", "/registry/replicasets0"),
                   ("/registry/leases/", "/registry/leases0"), ("/registry/crd.projectcalico.org/", "/registry/crd.projectcalico.org0")]
    for i in range(12):
        t = START_MS + i * 900_000 + 7 * 60_000 + rng.randint(3000, 40000)
        for k, e in backup_keys:
            t += rng.randint(1200, 3400)
            stats(t, "10.0.7.40", k, e, big=True)

    # the WAL's fdatasync: slow while the disk is, and twice outside
    for t in arrivals(rng, 14.0, *E_DISK) + [at("09:33:41") + 228, at("11:47:05") + 641]:
        took = 1.0 + lognorm(rng, 0.6, 0.7) if in_disk(t) else rng.uniform(1.01, 1.15)
        put(t, "warn", "wal/wal.go:805", "slow fdatasync", ("took", secs(min(took, 6.5))), ("expected-duration", "1s"))
    for t in arrivals(rng, 26.0, *E_DISK):
        put(t, "warn", "etcdserver/v3_server.go:840", "waiting for ReadIndex response took too long, retrying",
            ("sent-request-id", rng.randint(7_000_000_000_000_000_000, 7_999_999_999_999_999_999)),
            ("retry-timeout", "500ms"))
    for _ in range(3):
        put(rng.randint(*E_DISK), "warn", "etcdserver/v3_server.go:852",
            "timed out waiting for read index response (local node might have slow network)", ("timeout", "7s"))

    # scheduled compaction (kube-apiserver asks every 5 minutes), snapshots
    for i in range(36):
        t = at("09:03:17") + i * 300_000 + rng.randint(-900, 900)
        r = rev(t) - rng.randint(9000, 12000)
        took = lognorm(rng, 0.045 if not in_disk(t) else 0.31, 0.3)
        size = 2_050_000_000 + i * 2_700_000 + rng.randint(0, 900_000)
        inuse = int(size * rng.uniform(0.62, 0.68))
        put(t, "info", "mvcc/index.go:214", "compact tree index", ("revision", r))
        put(t + int(took * 1000) + 3, "info", "mvcc/kvstore_compaction.go:66", "finished scheduled compaction",
            ("compact-revision", r), ("took", secs(took)), ("current-db-size-bytes", size),
            ("current-db-size", f"{size / 1e9:.1f} GB"), ("current-db-size-in-use-bytes", inuse),
            ("current-db-size-in-use", f"{inuse / 1e9:.1f} GB"))
        put(t + int(took * 1000) + 5, "info", "mvcc/hash.go:137", "storing new hash",
            ("hash", rng.randint(100_000_000, 4_294_967_295)), ("revision", r), ("compact-revision", r - 10573))
    idx = 41_800_000
    for t in [at("09:14:52") + 114, at("09:41:27") + 803, at("10:08:16") + 57, at("10:33:44") + 419,
              at("11:02:31") + 266, at("11:29:08") + 930, at("11:55:13") + 388]:
        idx += rng.randint(9800, 10400)
        put(t, "info", "etcdserver/server.go:2409", "triggering snapshot", ("local-member-id", E_SELF),
            ("local-member-applied-index", idx), ("local-member-snapshot-index", idx - 10001),
            ("local-member-snapshot-count", 10000), ("snapshot-forced", False))
        put(t + 9, "info", "etcdserver/server.go:2429", "saved snapshot", ("snapshot-index", idx))
        put(t + 11, "info", "etcdserver/server.go:2459", "compacted Raft logs", ("compact-index", idx - 5000))

    # cp-1 goes down: lost streams, an election this member wins, the prober until cp-1 is back
    t0 = E_ELECT
    for off, typ in ((-1104, "stream MsgApp v2"), (-1101, "stream Message")):
        put(t0 + off, "warn", "rafthttp/stream.go:421", "lost TCP streaming connection with remote peer",
            ("stream-reader-type", typ), ("local-member-id", E_SELF), ("remote-peer-id", E_C1),
            ("error", "read tcp 10.0.1.12:2380->10.0.1.11:2380: read: connection reset by peer"))
    put(t0 - 1093, "warn", "rafthttp/peer_status.go:66", "peer became inactive (message send to peer failed)",
        ("peer-id", E_C1), ("error", f"failed to dial {E_C1} on stream MsgApp v2 (dial tcp {E_C1_IP}:2380: "
                                      "connect: connection refused)"))
    idx_e = 41_823_517
    raft = [
        (0, f"{E_SELF} is starting a new election at term 7"),
        (1, f"{E_SELF} became pre-candidate at term 7"),
        (2, f"{E_SELF} [logterm: 7, index: {idx_e}] sent MsgPreVote request to {E_C1} at term 7"),
        (3, f"{E_SELF} [logterm: 7, index: {idx_e}] sent MsgPreVote request to {E_C3} at term 7"),
        (4, f"raft.node: {E_SELF} lost leader {E_C1} at term 7"),
        (5, f"{E_SELF} received MsgPreVoteResp from {E_SELF} at term 7"),
        (7, f"{E_SELF} received MsgPreVoteResp from {E_C3} at term 7"),
        (8, f"{E_SELF} has received 2 MsgPreVoteResp votes and 0 vote rejections"),
        (9, f"{E_SELF} became candidate at term 8"),
        (10, f"{E_SELF} received MsgVoteResp from {E_SELF} at term 8"),
        (11, f"{E_SELF} [logterm: 7, index: {idx_e}] sent MsgVote request to {E_C1} at term 8"),
        (12, f"{E_SELF} [logterm: 7, index: {idx_e}] sent MsgVote request to {E_C3} at term 8"),
        (14, f"{E_SELF} received MsgVoteResp from {E_C3} at term 8"),
        (15, f"{E_SELF} has received 2 MsgVoteResp votes and 0 vote rejections"),
        (16, f"{E_SELF} became leader at term 8"),
        (17, f"raft.node: {E_SELF} elected leader {E_SELF} at term 8"),
    ]
    for off, msg in raft:
        put(t0 + off, "info", "etcdserver/zap_raft.go:77", msg, logger="raft")
    t = t0 + 4_000 + 283
    while t < E_PEER_BACK - 3000:
        err = (f"dial tcp {E_C1_IP}:2380: i/o timeout" if t < t0 + 190_000
               else f"dial tcp {E_C1_IP}:2380: connect: connection refused")
        for j, name in enumerate(("ROUND_TRIPPER_SNAPSHOT", "ROUND_TRIPPER_RAFT_MESSAGE")):
            put(t + j * 2, "warn", "rafthttp/probing_status.go:68", "prober detected unhealthy status",
                ("round-tripper-name", name), ("remote-peer-id", E_C1), ("rtt", secs(rng.uniform(0.004, 0.011))),
                ("error", err))
        t += 5000 + rng.randint(-3, 3)
    tb = E_PEER_BACK
    put(tb, "info", "rafthttp/peer_status.go:53", "peer became active", ("peer-id", E_C1))
    for off, typ in ((2, "stream Message"), (3, "stream MsgApp v2")):
        put(tb + off, "info", "rafthttp/stream.go:249", "set message encoder", ("from", E_SELF), ("to", E_C1),
            ("stream-type", typ))
        put(tb + off + 1, "info", "rafthttp/stream.go:274", "established TCP streaming connection with remote peer",
            ("stream-writer-type", typ), ("local-member-id", E_SELF), ("remote-peer-id", E_C1))

    # client TLS rejections: the backup cronjob's expired cert, a plain-HTTP checker, a client with a bad cert
    def rejected(t, ip, err):
        put(t, "warn", "embed/config_logging.go:169", "rejected connection",
            ("remote-addr", f"{ip}:{rng.randint(32768, 60999)}"), ("server-name", ""), ("error", err))
    t = E_CERT[0]
    while t < E_CERT[1]:
        now = dt(t).strftime("%Y-%m-%dT%H:%M:%SZ")
        rejected(t, E_CERT_IP, "tls: failed to verify client certificate: x509: certificate has expired or is not "
                               f"yet valid: current time {now} is after 2026-12-06T11:19:42Z")
        t += rng.randint(3000, 9000)
    for _ in range(18):
        rejected(rng.randint(START_MS + 60_000, END_MS - 60_000), "10.0.3.87",
                 "tls: first record does not look like a TLS handshake")
    for _ in range(5):
        rejected(rng.randint(START_MS + 60_000, END_MS - 60_000), "10.0.9.15", "remote error: tls: bad certificate")

    # an operator defragments the member
    td = at("11:50:12") + 331
    put(td - 4, "info", "v3rpc/maintenance.go:89", "starting defragment")
    put(td, "info", "backend/backend.go:497", "defragmenting", ("path", "/var/lib/etcd/member/snap/db"),
        ("current-db-size-bytes", 2_148_913_152), ("current-db-size", "2.1 GB"),
        ("current-db-size-in-use-bytes", 1_395_864_371), ("current-db-size-in-use", "1.4 GB"))
    put(td + 4213, "info", "backend/backend.go:549", "finished defragmenting directory",
        ("path", "/var/lib/etcd/member/snap/db"), ("current-db-size-bytes-diff", -753_048_781),
        ("current-db-size-bytes", 1_395_864_371), ("current-db-size", "1.4 GB"),
        ("current-db-size-in-use-bytes", 1_395_700_736), ("current-db-size-in-use", "1.4 GB"), ("took", "4.212837s"))
    put(td + 4215, "info", "v3rpc/maintenance.go:95", "finished defragment")
    return ev.lines()


# =========================================================================== A2. gunicorn + Flask (catalog-web)

G_PROBE = "10.244.3.1"
G_INDEXER = "10.244.2.17"
G_SCANNER = "45.83.64.11"
G_CLIENTS = [("10.244.1.21", "axios/1.7.2"), ("10.244.1.22", "axios/1.7.2"), ("10.244.1.23", "axios/1.7.2"),
             ("10.244.1.24", "axios/1.7.2"), ("10.244.4.31", "Ktor client"), ("10.244.4.32", "Ktor client"),
             ("10.244.4.33", "Ktor client"), ("10.244.5.9", "python-requests/2.32.3")]
G_CLIENT_W = [15, 15, 15, 15, 10, 10, 10, 3]
G_HUP = at("09:52:17") + 402
G_DB = (at("10:25") + 1702, at("10:40") - 2214)          # catalog-db out of connection slots
G_SEARCH = (at("11:05") + 3377, at("11:20") - 2861)      # elasticsearch slow
G_TIMEOUTS = [at("11:07:42") + 118, at("11:11:19") + 604, at("11:14:53") + 271, at("11:18:06") + 845]
G_SCAN = (at("11:35:03") + 220, at("11:49:56") + 410)
G_SCAN_PATHS = ["/.env", "/.git/config", "/wp-login.php", "/wp-admin/setup-config.php", "/phpmyadmin/index.php",
                "/admin/config.php", "/config.json", "/backup.zip", "/server-status", "/actuator/env", "/.aws/credentials",
                "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php", "/cgi-bin/luci/;stok=/locale", "/owa/auth/logon.aspx",
                "/api/.env", "/.DS_Store", "/debug/default/view", "/solr/admin/info/system", "/login.action",
                "/HNAP1/", "/boaform/admin/formLogin", "/xmlrpc.php", "/.svn/wc.db", "/console/", "/manager/html"]
G_WORDS = ["winter jacket", "running shoes", "usb-c cable", "espresso", "yoga mat", "lego", "headphones", "desk lamp",
           "backpack", "rain boots", "wool socks", "air fryer", "phone case", "garden hose", "monitor arm"]
G_CATS = ["outdoor", "kitchen", "electronics", "toys", "sports", "home", "garden", "fashion"]
G_VIEWS = {"/api/products": ("list_products", 41, "Product.query.filter_by(category=cat).paginate(page=page, per_page=48)"),
           "/api/products/<id>": ("get_product", 73, "product = db.get_or_404(Product, product_id)"),
           "/api/categories": ("list_categories", 58, "return jsonify([c.to_dict() for c in Category.query.order_by(Category.name)])"),
           "/api/stock/<sku>": ("get_stock", 112, "row = db.session.execute(STOCK_SQL, {\"sku\": sku}).one_or_none()"),
           "/api/reviews": ("create_review", 135, "db.session.commit()")}


def gen_gunicorn(rng) -> list[str]:
    ev = Events()

    def gline(ms, pid, level, msg):
        return lambda t: f"[{dt(t):%Y-%m-%d %H:%M:%S} +0000] [{pid}] [{level}] {msg}"

    def gadd(ms, pid, level, msg):
        ms = s_ok(ms)
        ev.add(ms, gline(ms, pid, level, msg))

    def access(t, ip, method, target, status, size, ua, d_us, ref="-"):
        return (f'{ip} - - [{dt(t):%d/%b/%Y:%H:%M:%S} +0000] "{method} {target} HTTP/1.1" {status} {size} '
                f'"{ref}" "{ua}" {d_us}')

    def flask(t, level, module, msg):
        return f"[{dt(t):%Y-%m-%d %H:%M:%S},{t % 1000:03d}] {level} in {module}: {msg}"

    def db_traceback(route, view):
        fn, line, code = G_VIEWS[route]
        err = ('connection to server at "catalog-db.catalog.svc.cluster.local" (10.96.44.12), port 5432 failed: '
               "FATAL:  remaining connection slots are reserved for non-replication superuser connections")
        return [
            "Traceback (most recent call last):",
            '  File "/usr/local/lib/python3.12/site-packages/sqlalchemy/engine/base.py", line 145, in __init__',
            "    self._dbapi_connection = engine.raw_connection()",
            '  File "/usr/local/lib/python3.12/site-packages/sqlalchemy/pool/base.py", line 896, in __connect',
            "    self.dbapi_connection = connection = pool._invoke_creator(self)",
            '  File "/usr/local/lib/python3.12/site-packages/psycopg2/__init__.py", line 122, in connect',
            "    conn = _connect(dsn, connection_factory=connection_factory, **kwasync)",
            f"psycopg2.OperationalError: {err}",
            "",
            "The above exception was the direct cause of the following exception:",
            "",
            "Traceback (most recent call last):",
            '  File "/usr/local/lib/python3.12/site-packages/flask/app.py", line 1473, in wsgi_app',
            "    response = self.full_dispatch_request()",
            '  File "/usr/local/lib/python3.12/site-packages/flask/app.py", line 882, in full_dispatch_request',
            "    rv = self.handle_user_exception(e)",
            '  File "/usr/local/lib/python3.12/site-packages/flask/app.py", line 880, in full_dispatch_request',
            "    rv = self.dispatch_request()",
            '  File "/usr/local/lib/python3.12/site-packages/flask/app.py", line 865, in dispatch_request',
            "    return self.ensure_sync(self.view_functions[rule.endpoint])(**view_args)",
            f'  File "/app/catalog/views.py", line {line}, in {fn}',
            f"    {code}",
            f"sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) {err}",
            "(Background on this error at: https://sqlalche.me/e/20/e3q8)",
        ]

    def attr_traceback():
        return [
            "Traceback (most recent call last):",
            '  File "/usr/local/lib/python3.12/site-packages/flask/app.py", line 1473, in wsgi_app',
            "    response = self.full_dispatch_request()",
            '  File "/usr/local/lib/python3.12/site-packages/flask/app.py", line 865, in dispatch_request',
            "    return self.ensure_sync(self.view_functions[rule.endpoint])(**view_args)",
            '  File "/app/catalog/views.py", line 79, in get_product',
            "    return jsonify(product.to_dict(currency=request.args.get(\"currency\")))",
            '  File "/app/catalog/models.py", line 204, in to_dict',
            "    \"price\": self.price.convert(currency).amount,",
            "AttributeError: 'NoneType' object has no attribute 'convert'",
        ]

    # the kubelet's liveness probe
    t = at("09:00:07") + 5
    while t < END_MS:
        ev.add(s_ok(t + rng.randint(0, 30)), lambda x, d=int(lognorm(rng, 1100, 0.3)):
               access(x, G_PROBE, "GET", "/healthz", 200, 15, "kube-probe/1.29", d))
        t += 10_000

    workers = [8, 9, 10, 11]
    next_pid = [22]

    def boot(ms):
        next_pid[0] += rng.choice([1, 1, 2, 3])
        pid = next_pid[0]
        gadd(ms, pid, "INFO", f"Booting worker with pid: {pid}")
        return pid

    # 09:52 a config reload (HUP)
    gadd(G_HUP, 1, "INFO", "Handling signal: hup")
    gadd(G_HUP + 2, 1, "INFO", "Hang up: Master")
    new = [boot(G_HUP + 40 + 30 * i) for i in range(4)]
    for i, pid in enumerate(workers):
        gadd(G_HUP + 700 + 80 * i, pid, "INFO", f"Worker exiting (pid: {pid})")
    workers = new
    # 11:05-11:20 four search requests hang past the 30 s worker timeout
    for tt in G_TIMEOUTS:
        i = rng.randrange(4)
        pid = workers[i]
        gadd(tt, 1, "CRITICAL", f"WORKER TIMEOUT (pid:{pid})")
        gadd(tt + 3, pid, "INFO", f"Worker exiting (pid: {pid})")
        gadd(tt + 260, 1, "ERROR", f"Worker (pid:{pid}) exited with code 1")
        workers[i] = boot(tt + 420)

    def request(t, ip, ua):
        kind = weighted(rng, ["list", "detail", "cats", "search", "stock", "review"], [22, 30, 10, 16, 14, 4])
        in_db = G_DB[0] <= t < G_DB[1]
        if kind == "list":
            route, target = "/api/products", f"/api/products?category={rng.choice(G_CATS)}&page={rng.randint(1, 9)}"
            method, status, size, d = "GET", 200, rng.randint(2400, 14800), lognorm(rng, 0.058, 0.5)
        elif kind == "detail":
            pid = rng.randint(1000, 9999)
            route, target = "/api/products/<id>", f"/api/products/{pid}"
            method, status, size, d = "GET", 200, rng.randint(900, 3100), lognorm(rng, 0.028, 0.55)
            if rng.random() < 0.015:
                status, size, d = 404, 22, lognorm(rng, 0.009, 0.3)
        elif kind == "cats":
            route, target = "/api/categories", "/api/categories"
            method, status, size, d = "GET", 200, 1844, lognorm(rng, 0.021, 0.4)
        elif kind == "search":
            route, target = "/api/search", f"/api/search?q={quote_plus(rng.choice(G_WORDS))}&limit=24"
            method, status, size = "GET", 200, rng.randint(1800, 16000)
            if G_SEARCH[0] <= t < G_SEARCH[1]:
                d = min(max(lognorm(rng, 8.5, 0.55), 2.4), 27.9)
            else:
                d = lognorm(rng, 0.14, 0.45)
        elif kind == "stock":
            sku = f"SKU-{rng.randint(10000, 99999)}"
            route, target = "/api/stock/<sku>", f"/api/stock/{sku}"
            method, status, size, d = "GET", 200, rng.randint(60, 90), lognorm(rng, 0.012, 0.4)
        else:
            route, target = "/api/reviews", "/api/reviews"
            method, status, size, d = "POST", 201, rng.randint(110, 160), lognorm(rng, 0.045, 0.4)
        fail = in_db and route != "/api/search" and status != 404 and rng.random() < (0.6 if kind == "review" else 0.16)
        lines = []
        if fail:
            status, size, d = 500, 265, lognorm(rng, 0.018, 0.3)
            ts_err = t - int(d * 1000) + 5
            lines.append((ts_err, [flask(nz(ts_err), "ERROR", "app",
                                         f"Exception on {target.split('?')[0]} [{method}]")] + db_traceback(route, kind)))
        elif kind == "search" and d > 2.0:
            tw = t - 4
            lines.append((tw, [flask(nz(tw), "WARNING", "search",
                                     f"slow elasticsearch query: {d - 0.05:.2f}s (index=products-v7)")]))
        d_us = int(d * 1e6) + rng.randint(0, 999)
        for tt, group in lines:
            ev.add(tt, group)
        ev.add(s_ok(t), lambda x: access(x, ip, method, target, status, size, ua, d_us))

    for t in arrivals(rng, 2.0):
        ip, ua = weighted(rng, G_CLIENTS, G_CLIENT_W)
        request(t, ip, ua)
    # three scattered 500s from a model bug
    for t in [at("09:18:44") + 520, at("10:57:31") + 73, at("11:52:09") + 618]:
        target = f"/api/products/{rng.randint(1000, 9999)}"
        ev.add(t - 14, [flask(nz(t - 14), "ERROR", "app", f"Exception on {target} [GET]")] + attr_traceback())
        ev.add(s_ok(t), lambda x: access(x, "10.244.4.32", "GET", target + "?currency=CHF", 500, 265, "Ktor client",
                                         int(lognorm(rng, 0.03, 0.3) * 1e6)))
    # the search indexer re-reads products, some already deleted
    for t in arrivals(rng, 30.0):
        pid = rng.randint(1000, 9999)
        if rng.random() < 0.36:
            status, size, d = 404, 22, lognorm(rng, 0.009, 0.3)
        else:
            status, size, d = 200, rng.randint(900, 3100), lognorm(rng, 0.028, 0.5)
        ev.add(s_ok(t), lambda x, pid=pid, status=status, size=size, d=d:
               access(x, G_INDEXER, "GET", f"/api/products/{pid}", status, size, "catalog-indexer/3.2 httpx/0.27.0",
                      int(d * 1e6)))
    # 11:35-11:50 a scanner walks the usual paths
    ua = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.130 Safari/537.36"
    for t in arrivals(rng, 1.3, *G_SCAN):
        path = rng.choice(G_SCAN_PATHS)
        if rng.random() < 0.12:
            ev.add(s_ok(t), lambda x, p=path: access(x, G_SCANNER, "POST", p, 405, 153, ua, int(lognorm(rng, 0.004, 0.3) * 1e6)))
        else:
            ev.add(s_ok(t), lambda x, p=path: access(x, G_SCANNER, "GET", p, 404, 207, ua, int(lognorm(rng, 0.004, 0.3) * 1e6)))
    # a developer's curl, once
    ev.add(s_ok(at("10:03:27") + 318), lambda x: access(x, "10.244.5.40", "GET", "/api/categories", 200, 1844,
                                                          "curl/8.5.0", 19873))
    return ev.lines()


# =========================================================================== A3. Go stdlib log (backup-shipper)

S_BUCKET = "acme-backups"
S_THROTTLE = (at("09:40") + 2713, at("09:55") - 1288)   # S3 throttles the media/ prefix (503 SlowDown)
S_TIMEOUT = (at("10:20") + 1931, at("10:30") - 2402)    # network blip: RequestTimeout on the WAL uploads
S_CRASH = at("10:58:27") + 300
S_BACK = at("10:58:33") + 500
S_TLS_SCAN = "185.220.101.4"
S_TLS_WIN = (at("11:10") + 4102, at("11:40") - 3377)


def gen_shipper(rng) -> list[str]:
    ev = Events(seconds_only=True)

    def line(src, msg):
        p = f"[{src}] " if src else ""
        return lambda t: f"{dt(t):%Y/%m/%d %H:%M:%S} {p}{msg}"

    def add(t, src, msg, *extra):
        if S_CRASH < t < S_BACK:
            return None
        return ev.add(t, line(src, msg), *extra)

    def req_id():
        while True:
            r = hexid(rng, 16).upper()
            if "403" not in r:
                return r

    def host_id():
        while True:
            h = base64.b64encode(bytes(rng.randrange(256) for _ in range(57))).decode()
            if "403" not in h:
                return h

    def s3err(status, code, text):
        return (f"https response error StatusCode: {status}, RequestID: {req_id()}, HostID: {host_id()}, "
                f"api error {code}: {text}")

    slow = ("SlowDown", "Please reduce your request rate.", 503)
    tmo = ("RequestTimeout", "Your socket connection to the server was not read from or written to within the "
                             "timeout period. Idle connections will be closed.", 400)

    def upload(t, src, key, size, speed, err=None, p_fail=0.0, max_fail=4):
        """Tries up to 5 times; logs each retry, then the result."""
        url = f"s3://{S_BUCKET}/{key}"
        attempt, back = 1, 0.8
        while err and rng.random() < p_fail and attempt <= max_fail:
            t += rng.randint(80, 900)
            code, text, status = err
            if attempt == 5:
                add(t, src, f"giving up on {url}: operation error S3: PutObject, exceeded maximum number of attempts, "
                            f"5, {s3err(status, code, text)}")
                return
            add(t, src, f"put {url} failed (attempt {attempt}/5), retrying in {secs(back)}: operation error S3: "
                        f"PutObject, {s3err(status, code, text)}")
            t += int(back * 1000)
            attempt += 1
            back *= 2
        took = size / speed + rng.uniform(0.02, 0.09)
        t += int(took * 1000)
        add(t, src, f"uploaded {url}: {size} bytes in {secs(took)}")

    def thr(t):
        return S_THROTTLE[0] <= t < S_THROTTLE[1]

    def tmo_(t):
        return S_TIMEOUT[0] <= t < S_TIMEOUT[1]

    seg = [0x3A7_000000C1]
    for t in arrivals(rng, 22.0):
        seg[0] += 1
        name = f"00000001{seg[0]:016X}"
        upload(t, "pg-orders", f"pg-orders/wal/{name}.zst", rng.randint(2_100_000, 8_900_000),
               lognorm(rng, 45e6, 0.3), tmo if tmo_(t) else None, 0.5, 2)
    segb = [0x1C2_0000004E]
    for t in arrivals(rng, 50.0):
        segb[0] += 1
        upload(t, "pg-billing", f"pg-billing/wal/00000001{segb[0]:016X}.zst", rng.randint(1_000_000, 6_000_000),
               lognorm(rng, 45e6, 0.3), tmo if tmo_(t) else None, 0.4, 2)
    binlog = [4211]
    for t in arrivals(rng, 95.0):
        binlog[0] += 1
        upload(t, "mysql-cms", f"mysql-cms/binlog/mysql-bin.{binlog[0]:06d}.gz", rng.randint(6_000_000, 28_000_000),
               lognorm(rng, 38e6, 0.3))
    exts = ["jpg", "jpg", "jpg", "png", "pdf", "webp"]
    for t in arrivals(rng, 5.5):
        ext = rng.choice(exts)
        prefix = {"jpg": "IMG_", "png": "screenshot-", "pdf": "invoice-", "webp": "banner-"}[ext]
        size = int(min(max(lognorm(rng, 2.5e6, 0.8), 40_000), 40e6))
        upload(t, "media", f"media/originals/2026/12/06/{prefix}{rng.randint(1000, 99999)}.{ext}", size,
               lognorm(rng, 30e6, 0.3), slow if thr(t) else None, 0.6, 5)
    for i in range(6):
        t = at("09:05:11") + i * 1_800_000 + rng.randint(0, 40_000)
        stamp = dt(t).strftime("%Y%m%dT%H%M")
        upload(t, "etcd-snap", f"etcd-snap/snapshot-{stamp}.db.zst", rng.randint(305_000_000, 330_000_000),
               lognorm(rng, 40e6, 0.15))
    for h in ("09", "10", "11"):
        t = at(f"{h}:15:07") + rng.randint(0, 20_000)
        upload(t, "vault-raft", f"vault-raft/raft-20261206T{h}15.snap.gz", rng.randint(42_000_000, 48_000_000),
               lognorm(rng, 40e6, 0.15))
    # video uploads (multipart): one at 10:50 is cut short by the crash and resumed; a batch 11:30-11:45
    videos = [("townhall-2026-12-05-1080p.mp4", at("10:53:02") + 411, 2_418_221_903, None)]
    names = ["product-launch-teaser-4k.mp4", "warehouse-tour-1080p.mp4", "webinar-q4-pricing.mp4",
             "support-howto-returns.mp4", "brand-film-2027-master.mov", "ceo-message-dec.mp4", "unboxing-series-ep7.mp4"]
    t = at("11:30:14") + 203
    for name in names:
        size = rng.randint(600_000_000, 3_600_000_000)
        videos.append((name, t, size, None))
        t += rng.randint(60_000, 140_000)
    for name, t, size, _ in videos:
        key = f"media/video/2026/12/06/{name}"
        parts = -(-size // 16_777_216)
        add(t, "media", f"starting multipart upload of s3://{S_BUCKET}/{key} ({size / 1e9:.2f} GB, {parts} parts)")
        if name.startswith("townhall"):
            continue
        took = size / rng.uniform(9e6, 14e6)
        add(t + int(took * 1000), "media", f"uploaded s3://{S_BUCKET}/{key}: {size} bytes in {secs(took)}")
    # periodic scans and stats
    for i in range(36):
        t = at("09:02:31") + i * 300_000 + rng.randint(0, 4000)
        n = 18231 + i * 7 + rng.randint(0, 3)
        add(t, "media", f"scan /srv/media done: {n} files, {rng.randint(3, 40)} new, {rng.randint(0, 3)} changed in "
                        f"{secs(rng.uniform(1.8, 3.1))}")
    for i in range(12):
        t = at("09:14:04") + i * 900_000
        add(t, None, f"stats: queue depth {rng.randint(0, 6)}, {rng.randint(1, 4)} of 4 workers busy, "
                     f"{rng.randint(48, 75)} goroutines, heap {rng.uniform(150, 230):.1f} MiB")
    # the crash (log.Panicf) and the restart by systemd
    video = videos[0]
    vkey = f"s3://{S_BUCKET}/media/video/2026/12/06/{video[0]}"
    upid = "2~" + base64.urlsafe_b64encode(bytes(rng.randrange(256) for _ in range(24))).decode().rstrip("=")
    msg = f"BUG: part 87 of multipart upload {upid} ({vkey}) completed without an ETag"
    ev.add(S_CRASH, line("media", msg),
           f"panic: {msg}", "",
           "goroutine 1184 [running]:",
           "log.(*Logger).Panicf(0xc0001a2000, {0x9e31c2?, 0x1?}, {0xc000b13f08?, 0x3?, 0x3?})",
           "\t/usr/local/go/src/log/log.go:439 +0x65",
           "main.(*multipart).complete(0xc00041e0c0, {0xac6f40, 0xc0002b6000})",
           "\t/src/backup-shipper/multipart.go:188 +0x4b5",
           "main.(*worker).upload(0xc000128a80, {0xac6f40, 0xc0002b6000}, 0xc0003a8d20)",
           "\t/src/backup-shipper/worker.go:142 +0x2f1",
           "main.(*worker).run(0xc000128a80, {0xac6f40, 0xc0002b6000})",
           "\t/src/backup-shipper/worker.go:97 +0x1a5",
           "created by main.(*pool).start in goroutine 1",
           "\t/src/backup-shipper/pool.go:41 +0x8c")
    b = S_BACK
    ev.add(b, line(None, "backup-shipper 2.4.1 (go1.22.5, linux/amd64) starting, pid 23817"))
    ev.add(b + 40, line(None, f"config /etc/backup-shipper/config.yaml: 6 sources, 4 workers, bucket {S_BUCKET} "
                              "(eu-central-1)"))
    ev.add(b + 90, line(None, "admin: listening on :9102 (TLS)"))
    ev.add(b + 1100, line("media", "resuming 1 incomplete multipart upload"))
    took = (2_418_221_903 - 87 * 16_777_216) / 14.1e6      # the 58 parts left after part 87
    ev.add(b + 1300 + int(took * 1000), line("media", f"uploaded {vkey}: 2418221903 bytes in {secs(took)}"))
    # TLS handshake errors on the admin port (the http.Server's ErrorLog is the standard logger)
    def tls(t, ip, err):
        add(t, None, f"http: TLS handshake error from {ip}:{rng.randint(32768, 64999)}: {err}")
    t = at("09:00:12") + 300
    while t < at("09:31:10"):
        tls(t, "10.0.5.12", "remote error: tls: bad certificate")
        t += 30_000 + rng.randint(-400, 400)
    t = S_TLS_WIN[0]
    while t < S_TLS_WIN[1]:
        port = rng.randint(32768, 64999)
        err = weighted(rng, ["EOF", "tls: client offered only unsupported versions: [302 301]",
                             "tls: no cipher suite supported by both client and server",
                             f"read tcp 10.0.4.21:9102->{S_TLS_SCAN}:{port}: read: connection reset by peer"],
                       [5, 2, 2, 1])
        tls(t, S_TLS_SCAN, err)
        t += rng.randint(2000, 9000)
    for ip, n in (("45.148.10.92", 3), ("162.142.125.221", 4), ("91.196.152.38", 2)):
        for _ in range(n):
            tls(rng.randint(START_MS + 60_000, END_MS - 60_000), ip, rng.choice(["EOF", "tls: unsupported SSLv2 handshake received"]))
    return ev.lines()


# =========================================================================== B1. IIS 10 W3C extended log

I_FIELDS = ("#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
            "cs(Referer) sc-status sc-substatus sc-win32-status time-taken")
I_SIP = "10.20.1.15"
I_REPORTS = (at("10:15") + 2218, at("10:30") - 1730)     # SQL reporting slow (month-end)
I_RECYCLE = at("10:44:31") + 0                          # app pool recycle; logging resumes 10:44:51
I_RESUME = at("10:44:51")
I_SPRAY_IP = "103.251.167.20"
I_SPRAY = (at("11:05") + 3310, at("11:20") - 2904)
I_NW_IP = "52.169.40.77"
I_NW = (at("11:25") + 2871, at("11:45") - 3302)
I_NW_BLOCK = at("11:31:04")
I_STAFF = ["anna.k", "ben.o", "carla.m", "dmitri.p", "elif.y", "femi.a", "greta.s", "hiro.t", "ines.v", "jonas.w",
           "kasia.n", "lars.b", "maya.r", "nils.h", "olek.w", "priya.d", "quentin.l", "rosa.g", "sven.e", "tomas.c",
           "uma.f", "viktor.j"]
I_PARTNERS = {"partner-contoso": ("40.113.22.8", "Apache-HttpClient/4.5.14+(Java/17.0.9)"),
              "partner-adatum": ("20.50.11.4", "python-requests/2.31.0"),
              "partner-tailspin": ("13.79.5.201", "Go-http-client/1.1"),
              "partner-northwind": (I_NW_IP, "Northwind-Integration/2.3+(+https://northwind.example)")}
I_SPRAY_USERS = ["admin", "administrator", "test", "api", "partner", "svc-api", "backup", "root", "guest", "user",
                 "integration", "sa", "demo", "webadmin"]
I_SPRAY_W = [20, 14, 11, 7, 7, 6, 6, 6, 5, 5, 4, 4, 3, 2]
I_EDGE = "Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/131.0.0.0+Safari/537.36+Edg/131.0.2903.70"
I_CHROME = "Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/131.0.0.0+Safari/537.36"


def gen_iis(rng) -> list[str]:
    ev = Events(seconds_only=True)

    def w3c(method, stem, query, user, ip, ua, ref, status, sub, win32, taken):
        if taken == 503:
            taken = 502
        return lambda t: (f"{dt(t):%Y-%m-%d %H:%M:%S} {I_SIP} {method} {stem} {query or '-'} 443 {user or '-'} {ip} "
                          f"{ua} {ref or '-'} {status} {sub} {win32} {taken}")

    def header(t):
        return [f"#Software: Microsoft Internet Information Services 10.0", "#Version: 1.0",
                f"#Date: {dt(t):%Y-%m-%d %H:%M:%S}", I_FIELDS]

    down = (I_RECYCLE, I_RESUME)

    def add(t, build):
        if down[0] <= t < down[1]:
            return None
        return ev.add(t, build)

    ev.add(START_MS + 1500, header)
    ev.add(I_RESUME + 10, header)
    staff_ip = {u: f"10.30.8.{11 + i * 3}" for i, u in enumerate(I_STAFF)}
    staff_ua = {u: (I_EDGE if i % 3 else I_CHROME) for i, u in enumerate(I_STAFF)}
    last_seen: dict[str, int] = {}
    warm = [0]

    def page_time(t, stem):
        if stem == "/Reports/Export":
            if I_REPORTS[0] <= t < I_REPORTS[1]:
                return int(rng.uniform(15_500, 109_000))
            return int(min(lognorm(rng, 3200, 0.3), 8900))
        base = lognorm(rng, 180, 0.5)
        if I_REPORTS[0] <= t < I_REPORTS[1]:
            base = min(base * rng.uniform(4, 20), 9400)
        if I_RESUME <= t < I_RESUME + 40_000 and warm[0] < 5:
            warm[0] += 1
            base = rng.uniform(6200, 13800)
        return int(min(base, 9800))

    for t in arrivals(rng, 3.3):
        u = rng.choice(I_STAFF)
        ip, ua = staff_ip[u], staff_ua[u]
        user = f"FABRIKAM\\{u}"
        stem, query = weighted(rng, [("/Orders", f"page={rng.randint(1, 12)}&status=open"),
                                     ("/Orders/Details/{id}", None), ("/Customers/Index", f"q={rng.choice('abcdefghkmrst')}"),
                                     ("/Reports/Export", "format=xlsx&from=2026-11-01&to=2026-11-30&type=sales"),
                                     ("/", None)], [30, 35, 15, 4 if not I_REPORTS[0] <= t < I_REPORTS[1] else 12, 10])
        stem = stem.replace("{id}", str(rng.randint(500_000, 599_999)))
        ref = "https://portal.fabrikam.example/Orders" if stem != "/" else None
        if t - last_seen.get(u, -10**12) > 20 * 60_000:
            add(t - 40, w3c("GET", stem, query, None, ip, ua, ref, 401, 2, 5, rng.randint(0, 3)))
        last_seen[u] = t
        taken = page_time(t, stem)
        add(t + taken, w3c("GET", stem, query, user, ip, ua, ref, 200, 0, 0, taken))
        for res in rng.sample(["/Content/site.min.css", "/Scripts/app.bundle.js", "/images/logo.svg", "/Scripts/grid.min.js"],
                              weighted(rng, [0, 1, 2, 3], [40, 25, 20, 15])):
            st = 304 if rng.random() < 0.7 else 200
            add(t + taken + rng.randint(30, 400), w3c("GET", res, None, user, ip, ua,
                                                      "https://portal.fabrikam.example" + stem, st, 0, 0, rng.randint(0, 14)))
    # one staff typo (Windows auth, bad password)
    add(at("09:15:41"), w3c("GET", "/Orders", None, "FABRIKAM\\olek.w", staff_ip["olek.w"], I_EDGE, None, 401, 1,
                            2148074254, 2))
    # partners' API clients (Basic auth)
    def api(t, partner, blocked=False):
        ip, ua = I_PARTNERS[partner]
        stem, query, method, ok = weighted(rng, [
            ("/api/v2/orders/status", f"since=2026-12-06T{dt(t - 120_000):%H:%M}:00Z", "GET", 200),
            ("/api/v2/orders", f"updatedSince=2026-12-06T{dt(t - 900_000):%H:%M}:00Z&page={rng.randint(1, 4)}", "GET", 200),
            ("/api/v2/orders/{id}", None, "GET", 200), ("/api/v2/orders", None, "POST", 201)], [40, 30, 25, 5])
        stem = stem.replace("{id}", str(rng.randint(500_000, 599_999)))
        if blocked:
            add(t, w3c(method, stem, query, None, ip, ua, None, 403, 502, 0, rng.randint(0, 1)))
        else:
            add(t, w3c(method, stem, query, partner, ip, ua, None, ok, 0, 0, int(lognorm(rng, 95, 0.5))))
    for p in I_PARTNERS:
        for t in arrivals(rng, 45.0):
            api(t, p)
    for t in arrivals(rng, 0.66, *I_NW):
        api(t, "partner-northwind", blocked=t >= I_NW_BLOCK)
    for t in (at("10:02:13"), at("10:02:44")):
        add(t, w3c("GET", "/api/v2/orders/status", "since=2026-12-06T10:00:00Z", "partner-adatum", "20.50.11.4",
                   I_PARTNERS["partner-adatum"][1], None, 401, 1, 1326, 3))
    # an uptime monitor
    t = at("09:00:13")
    while t < END_MS:
        add(t, w3c("GET", "/health", None, None, "10.20.0.5", "Site24x7", None, 200, 0, 0, rng.randint(1, 6)))
        t += 60_000
    # 11:05-11:20 password spraying on the API's Basic auth
    for t in arrivals(rng, 2.4, *I_SPRAY):
        u = weighted(rng, I_SPRAY_USERS, I_SPRAY_W)
        add(t, w3c("GET", "/api/v2/orders", None, u, I_SPRAY_IP, "python-requests/2.28.1", None, 401, 1, 1326,
                   rng.randint(1, 9)))
    return ev.lines()


# =========================================================================== B2. Vault audit log (file device)

V_MOUNTS = {"secret/": ("kv", "kv_4f1a2c3b", "v0.16.1+builtin", "secret"),
            "auth/kubernetes/": ("kubernetes", "auth_kubernetes_9c2e71d0", "v0.17.1+builtin", "auth"),
            "auth/approle/": ("approle", "auth_approle_3b8d5e21", "v1.15.3+builtin.vault", "auth"),
            "auth/oidc/": ("oidc", "auth_oidc_c4d9a2e1", "v0.16.0+builtin", "auth"),
            "auth/token/": ("token", "auth_token_0b6c9a87", "v1.15.3+builtin.vault", "auth"),
            "database/": ("database", "database_7e0a4c19", "v1.15.3+builtin.vault", "secret"),
            "pki_int/": ("pki", "pki_5d21e8f4", "v1.15.3+builtin.vault", "secret"),
            "sys/": ("system", "system_a1b2c3d4", "v1.15.3+builtin.vault", "")}
V_POLICY_CHANGE = at("11:18:42") + 517
V_POLICY_REVERT = at("11:26:10") + 88
V_CI_IP = "10.60.1.9"
V_CI_BAD = (at("10:20") + 2450, at("10:35") - 3120)
V_SPARK = (at("10:50") + 1804, at("11:05") - 2277)


def gen_vault(rng) -> list[str]:
    ev = Events()

    def hm():
        return "hmac-sha256:" + hexid(rng, 64)

    def vtime(ms):
        frac = f"{ms % 1000:03d}{rng.randrange(1_000_000):06d}".rstrip("0")
        return f"{dt(ms):%Y-%m-%dT%H:%M:%S}.{frac}Z"

    def mount_of(path):
        for m in V_MOUNTS:
            if path.startswith(m):
                return m
        raise ValueError(path)

    def identity(display, policies, meta, ttl, kind="service"):
        return {"display": display, "policies": policies, "meta": meta, "ttl": ttl, "token": hm(), "acc": hm(),
                "entity": uuid4(rng), "issued": None, "type": kind}

    def k8s(ns, sa, role, policies, ttl):
        return identity(f"kubernetes-{ns}-{sa}", ["default"] + policies,
                        {"role": role, "service_account_name": sa, "service_account_namespace": ns,
                         "service_account_secret_name": "", "service_account_uid": uuid4(rng)}, ttl)

    def auth_block(idn, allowed=True, granting=None):
        if idn is None:
            return {"policy_results": {"allowed": True}, "token_type": "default"}
        a = {"client_token": idn["token"], "accessor": idn["acc"], "display_name": idn["display"],
             "policies": idn["policies"], "token_policies": idn["policies"]}
        pr = {"allowed": allowed}
        if allowed:
            pr["granting_policies"] = [{"name": granting or idn["policies"][-1], "namespace_id": "root", "type": "acl"}]
        a["policy_results"] = pr
        if idn["meta"]:
            a["metadata"] = idn["meta"]
        a["entity_id"] = idn["entity"]
        a["token_type"] = idn["type"]
        a["token_ttl"] = idn["ttl"]
        a["token_issue_time"] = idn["issued"] or "2026-12-06T08:41:17Z"
        return a

    def req_block(rid, op, path, idn, ip, data=None):
        m = mount_of(path)
        mtype, macc, mver, mclass = V_MOUNTS[m]
        r = {"id": rid, "client_id": idn["entity"] if idn else "", "operation": op, "mount_point": m,
             "mount_type": mtype, "mount_accessor": macc, "mount_running_version": mver}
        if mclass:
            r["mount_class"] = mclass
        if idn:
            r["client_token"] = idn["token"]
            r["client_token_accessor"] = idn["acc"]
        else:
            del r["client_id"]
        r["namespace"] = {"id": "root"}
        r["path"] = path
        if data:
            r["data"] = data
        r["remote_address"] = ip
        r["remote_port"] = rng.randint(32768, 60999)
        return r

    def dumps(d):
        return json.dumps(d, separators=(",", ":"))

    def call(t, idn, op, path, ip, lat_ms=(2, 30), req_data=None, resp=None, denied=False, new_auth=None):
        """A request entry and its response entry (the response `lat` ms later)."""
        rid = uuid4(rng)
        rq = req_block(rid, op, path, idn, ip, req_data)
        port = rq["remote_port"]
        e1 = {"time": None, "type": "request", "auth": auth_block(idn, not denied), "request": rq}
        if denied:
            e1["error"] = "permission denied"
        t1 = ev.add(t, lambda x: dumps(dict(e1, time=vtime(x))))
        lat = rng.randint(*lat_ms)
        rq2 = dict(rq, remote_port=port)
        m = mount_of(path)
        mtype, macc, mver, mclass = V_MOUNTS[m]
        rs = {"mount_point": m, "mount_type": mtype, "mount_accessor": macc, "mount_running_plugin_version": mver}
        if mclass:
            rs["mount_class"] = mclass
        if new_auth:
            rs["auth"] = {"client_token": new_auth["token"], "accessor": new_auth["acc"],
                          "display_name": new_auth["display"], "policies": new_auth["policies"],
                          "token_policies": new_auth["policies"], "metadata": new_auth["meta"],
                          "entity_id": new_auth["entity"], "token_type": new_auth["type"],
                          "token_ttl": new_auth["ttl"]}
        if denied:
            rs["data"] = {"error": hm()}
        elif resp:
            rs.update(resp)
        e2 = {"time": None, "type": "response", "auth": auth_block(idn, not denied), "request": rq2, "response": rs}
        if denied:
            e2["error"] = "1 error occurred:\n\t* permission denied\n\n"
        ev.add(t1 + lat, lambda x: dumps(dict(e2, time=vtime(x))))
        return t1

    def kv_resp(keys):
        return {"data": {"data": {k: hm() for k in keys},
                         "metadata": {"created_time": hm(), "custom_metadata": None, "deletion_time": hm(),
                                      "destroyed": False, "version": rng.randint(2, 14)}}}

    def login(t, idn, ip, role_path="auth/kubernetes/login"):
        idn["token"], idn["acc"] = hm(), hm()
        idn["issued"] = dt(t).strftime("%Y-%m-%dT%H:%M:%SZ")
        return call(t, None, "update", role_path, ip, (6, 60), req_data={"jwt": hm(), "role": hm()}, new_auth=idn)

    # payments-api: three pods read the PSP secrets; a 20-minute token
    pay_ips = ["10.42.3.17", "10.42.3.18", "10.42.5.21"]
    for ip in pay_ips:
        idn = k8s("payments", "payments-api", "payments-api", ["payments-api"], 1200)
        t = START_MS + rng.randint(5_000, 60_000)
        next_login = START_MS + rng.randint(60_000, 1_200_000)
        k = 0
        while t < END_MS:
            if t >= next_login:
                login(t - 400, idn, ip)
                next_login += 1_200_000
            denied = V_POLICY_CHANGE < t < V_POLICY_REVERT
            path = "secret/data/payments/adyen" if k % 5 == 4 else "secret/data/payments/stripe"
            call(t, idn, "read", path, ip, denied=denied,
                 resp=None if denied else kv_resp(["api_key", "webhook_secret"]))
            k += 1
            t += 60_000 + rng.randint(-2500, 2500)
    # external-secrets refreshes every 5 minutes
    es = k8s("external-secrets", "external-secrets", "external-secrets", ["external-secrets-reader"], 3600)
    es_paths = [f"secret/data/{team}/{name}" for team, name in
                [("shop", "checkout"), ("shop", "storefront"), ("shop", "redis"), ("catalog", "db"), ("catalog", "search"),
                 ("orders", "config"), ("orders", "kafka"), ("payments", "webhooks"), ("comms", "smtp"), ("comms", "twilio"),
                 ("platform", "grafana"), ("platform", "slack")]]
    for i in range(36):
        t = at("09:01:40") + i * 300_000 + rng.randint(0, 3000)
        if i % 12 == 0:
            login(t - 900, es, "10.42.1.9")
        for p in es_paths:
            call(t, es, "read", p, "10.42.1.9", resp=kv_resp(["value"]))
            t += rng.randint(40, 300)
    # cert-manager issues certificates
    cm = k8s("cert-manager", "cert-manager", "cert-manager", ["pki-issuer"], 3600)
    for j, t in enumerate(arrivals(rng, 240.0)):
        if j % 15 == 0:
            login(t - 700, cm, "10.42.1.5")
        call(t, cm, "update", "pki_int/issue/internal-web", "10.42.1.5", (80, 420),
             req_data={"common_name": hm(), "ttl": hm()},
             resp={"data": {"certificate": hm(), "expiration": 1796700000 + rng.randint(0, 99999), "issuing_ca": hm(),
                            "private_key": hm(), "private_key_type": hm(), "serial_number": hm()}})
    # orders: config reads, dynamic database credentials, 30-minute tokens
    for ip in ("10.42.4.11", "10.42.4.12"):
        idn = k8s("orders", "orders-api", "orders-api", ["orders-api"], 1800)
        t = START_MS + rng.randint(10_000, 120_000)
        next_login = START_MS + rng.randint(30_000, 1_800_000)
        next_creds = START_MS + rng.randint(60_000, 1_500_000)
        while t < END_MS:
            if t >= next_login:
                login(t - 300, idn, ip)
                next_login += 1_800_000
            if t >= next_creds:
                call(t - 150, idn, "read", "database/creds/orders-rw", ip, (60, 320),
                     resp={"secret": {"lease_id": f"database/creds/orders-rw/{hexid(rng, 24)}"},
                           "data": {"password": hm(), "username": hm()}})
                next_creds += 1_500_000 + rng.randint(-60_000, 60_000)
            call(t, idn, "read", "secret/data/orders/config", ip, resp=kv_resp(["kafka_brokers", "feature_flags"]))
            t += 120_000 + rng.randint(-5000, 5000)
    # CI pipelines (AppRole) from the GitLab runner; 10:20-10:35 a deploy job wants a secret its policy lacks
    ci = identity("approle", ["default", "ci-deploy"], {"role_name": "ci-deploy"}, 900)
    pipelines = arrivals(rng, 720.0) + arrivals(rng, 95.0, *V_CI_BAD)
    for t in sorted(pipelines):
        login(t, ci, V_CI_IP, "auth/approle/login")
        t += rng.randint(800, 2500)
        for p in ("secret/data/ci/registry", "secret/data/ci/sonar"):
            call(t, ci, "read", p, V_CI_IP, resp=kv_resp(["username", "password"]))
            t += rng.randint(200, 900)
        if V_CI_BAD[0] <= t < V_CI_BAD[1]:
            for _ in range(3):
                call(t, ci, "read", "secret/data/prod/db-root", V_CI_IP, denied=True)
                t += 5000 + rng.randint(0, 400)
    # humans (OIDC), including the policy change that locks payments-api out and its revert
    dana = identity("oidc-dana", ["default", "platform-admin"], {"role": "platform"}, 28800)
    marek = identity("oidc-marek", ["default", "platform-admin"], {"role": "platform"}, 28800)
    for who, ip, t0 in ((dana, "10.8.0.23", at("09:12:05") + 431), (marek, "10.8.0.31", at("10:58:40") + 77)):
        call(t0, None, "update", "auth/oidc/oidc/auth_url", ip, (3, 12), req_data={"redirect_uri": hm(), "role": hm()},
             resp={"data": {"auth_url": hm()}})
        who["token"], who["acc"] = hm(), hm()
        call(t0 + 6400, None, "read", "auth/oidc/oidc/callback", ip, (40, 160), req_data={"code": hm(), "state": hm()},
             new_auth=who)
        t = t0 + 15_000
        for op, path in [("read", "sys/mounts"), ("list", "secret/metadata/payments"), ("read", "secret/data/payments/stripe"),
                         ("list", "sys/leases/lookup/database/creds/orders-rw"), ("read", "sys/internal/ui/resultant-acl")]:
            call(t, who, op, path, ip, resp={"data": {"keys": [hm(), hm()]}} if op == "list" else {"data": {"value": hm()}},
                 )
            t += rng.randint(4000, 40_000)
    call(V_POLICY_CHANGE, dana, "update", "sys/policies/acl/payments-api", "10.8.0.23", (5, 20),
         req_data={"policy": hm()})
    call(V_POLICY_REVERT, marek, "update", "sys/policies/acl/payments-api", "10.8.0.31", (5, 20),
         req_data={"policy": hm()})
    # analytics: spark driver credentials; a small job at 09:31; the 10:50 job logs in from every executor, then reads
    drv = k8s("analytics", "spark-jobs", "spark-jobs", ["analytics-reader"], 3600)
    pool = [f"10.42.8.{n}" for n in range(3, 46, 2)] + [f"10.42.9.{n}" for n in range(10, 60, 2)]
    for t in (at("09:30:52") + 184, at("10:49:37") + 902):
        login(t, drv, "10.42.7.4")
        call(t + 800, drv, "read", "database/creds/reporting-ro", "10.42.7.4", (60, 300),
             resp={"secret": {"lease_id": f"database/creds/reporting-ro/{hexid(rng, 24)}"},
                   "data": {"password": hm(), "username": hm()}})
    small = rng.sample(pool, 8)
    for i, ip in enumerate(small):
        idn = k8s("analytics", "spark-jobs", "spark-jobs", ["analytics-reader"], 3600)
        t = at("09:31:20") + i * rng.randint(1500, 4000)
        login(t, idn, ip)
        call(t + rng.randint(50, 300), idn, "read", "secret/data/analytics/s3-creds", ip, resp=kv_resp(["access_key", "secret_key"]))
    for t in arrivals(rng, 0.92, *V_SPARK):
        ip = rng.choice(pool[:40])
        idn = k8s("analytics", "spark-jobs", "spark-jobs", ["analytics-reader"], 3600)
        login(t, idn, ip)
        call(t + rng.randint(50, 300), idn, "read", "secret/data/analytics/s3-creds", ip, resp=kv_resp(["access_key", "secret_key"]))
    # token renewals
    for idn, ip in ((es, "10.42.1.9"), (cm, "10.42.1.5")):
        for t in arrivals(rng, 1800.0):
            call(t, idn, "update", "auth/token/renew-self", ip, (3, 15), new_auth=idn)
    return ev.lines()


# =========================================================================== B3. Tomcat catalina.out

T_POOL = (at("10:05") + 2903, at("10:20") - 2215)       # JDBC pool exhausted
T_OOM = at("10:52:06") + 874
T_UP = at("10:52:18") + 152                              # the container's JVM starts again
T_PSP = (at("11:15") + 1888, at("11:30") - 2620)         # payment gateway slow
T_PARSE = at("11:41:17") + 204
T_MON = "Dec"


def gen_tomcat(rng) -> list[str]:
    ev = Events()
    threads = [f"http-nio-8080-exec-{i}" for i in range(1, 41)]

    def juli(level, thread, source, msg):
        return lambda t: f"{dt(t):%d}-{T_MON}-{dt(t):%Y %H:%M:%S}.{t % 1000:03d} {level} [{thread}] {source} {msg}"

    def lb(level, thread, logger, msg):
        return lambda t: f"{dt(t):%Y-%m-%d %H:%M:%S}.{t % 1000:03d} [{thread}] {level:<5} {logger} - {msg}"

    def alive(t):
        return not (T_OOM < t < T_UP + 10_300)

    def add(t, build, *extra):
        if not alive(t):
            return None
        return ev.add(t, build, *extra)

    pool_frames = [
        "\t\tat org.apache.tomcat.jdbc.pool.ConnectionPool.borrowConnection(ConnectionPool.java:729)",
        "\t\tat org.apache.tomcat.jdbc.pool.ConnectionPool.getConnection(ConnectionPool.java:198)",
        "\t\tat org.apache.tomcat.jdbc.pool.DataSourceProxy.getConnection(DataSourceProxy.java:132)",
        "\t\tat org.springframework.jdbc.datasource.DataSourceUtils.fetchConnection(DataSourceUtils.java:160)",
        "\t\tat org.springframework.jdbc.datasource.DataSourceUtils.doGetConnection(DataSourceUtils.java:118)",
        "\t\tat org.springframework.jdbc.core.JdbcTemplate.execute(JdbcTemplate.java:653)",
        "\t\tat org.springframework.jdbc.core.JdbcTemplate.query(JdbcTemplate.java:723)",
        "\t\tat com.fabrikam.shop.repo.{repo}.{method}({repo}.java:{line})",
        "\t\tat com.fabrikam.shop.web.{ctl}.{handler}({ctl}.java:{cline})",
        "\t\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)",
        "\t\tat java.base/java.lang.reflect.Method.invoke(Method.java:580)",
        "\t\tat org.springframework.web.method.support.InvocableHandlerMethod.doInvoke(InvocableHandlerMethod.java:205)",
        "\t\tat org.springframework.web.servlet.DispatcherServlet.doDispatch(DispatcherServlet.java:1089)",
        "\t\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)",
        "\t\tat javax.servlet.http.HttpServlet.service(HttpServlet.java:623)",
        "\t\tat org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:209)",
        "\t\tat com.fabrikam.shop.web.RequestLogFilter.doFilter(RequestLogFilter.java:44)",
        "\t\tat org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:167)",
        "\t\tat org.apache.coyote.http11.Http11Processor.service(Http11Processor.java:391)",
        "\t\tat org.apache.tomcat.util.net.NioEndpoint$SocketProcessor.doRun(NioEndpoint.java:1787)",
        "\t\tat java.base/java.lang.Thread.run(Thread.java:1583)",
    ]
    where = {"/shop/api/products": ("ProductRepository", "findByCategory", 88, "ProductController", "list", 51),
             "/shop/api/products/{id}": ("ProductRepository", "findById", 61, "ProductController", "get", 74),
             "/shop/api/cart": ("CartRepository", "findByCustomer", 42, "CartController", "view", 39),
             "/shop/api/cart/items": ("CartRepository", "addItem", 97, "CartController", "add", 66),
             "/shop/checkout": ("OrderRepository", "insert", 133, "CheckoutController", "submit", 82)}

    def reqlog(t, thread, method, uri, status, took, ip):
        add(t, lb("INFO", thread, "c.f.shop.web.RequestLogFilter",
                  f"{method} {uri} status={status} took={took}ms client={ip}"))

    order_no = [100_230]
    clients = [f"10.244.{a}.{b}" for a, b in ((1, 7), (1, 8), (2, 14), (2, 15), (3, 9))]

    def request(t):
        thread = rng.choice(threads)
        ip = rng.choice(clients)
        route = weighted(rng, ["/shop/", "/shop/api/products", "/shop/api/products/{id}", "/shop/api/cart",
                               "/shop/api/cart/items", "/shop/api/search", "/shop/checkout", "/shop/api/recommendations"],
                         [8, 20, 28, 15, 7, 10, 6, 6])
        method = "POST" if route in ("/shop/api/cart/items", "/shop/checkout") else "GET"
        uri = route.replace("{id}", str(rng.randint(10_000, 99_999)))
        took = int(lognorm(rng, {"/shop/": 14, "/shop/api/search": 95, "/shop/checkout": 420}.get(route, 38), 0.5)) + 1
        status = 201 if route == "/shop/api/cart/items" else 200
        if T_POOL[0] <= t < T_POOL[1] and route in where and rng.random() < (0.3 if route == "/shop/api/cart" else 0.17):
            repo, meth, line, ctl, handler, cline = where[route]
            took = 30_000 + rng.randint(1, 90)
            tt = t + took - 3
            frames = [f.format(repo=repo, method=meth, line=line, ctl=ctl, handler=handler, cline=cline) for f in pool_frames]
            add(tt, juli("SEVERE", thread, "org.apache.catalina.core.StandardWrapperValve.invoke",
                         "Servlet.service() for servlet [dispatcher] in context with path [/shop] threw exception "
                         "[Request processing failed: org.springframework.jdbc.CannotGetJdbcConnectionException: "
                         "Failed to obtain JDBC Connection] with root cause"),
                f"\torg.apache.tomcat.jdbc.pool.PoolExhaustedException: [{thread}] Timeout: Pool empty. Unable to fetch "
                "a connection in 30 seconds, none available[size:40; busy:40; idle:0; lastwait:30000].", *frames)
            reqlog(t + took, thread, method, uri, 500, took, ip)
            return
        if route == "/shop/checkout":
            psp_slow = T_PSP[0] <= t < T_PSP[1]
            if psp_slow:
                took = int(rng.uniform(4200, 18500))
                if rng.random() < 0.17:
                    took = 20_000 + rng.randint(5, 180)
                    add(t + took - 2, lb("WARN", thread, "c.f.shop.payment.GatewayClient",
                                         f"payment gateway timeout after 20000 ms (psp=adyen, order={order_no[0] + 1})"))
                    reqlog(t + took, thread, method, uri, 504, took, ip)
                    return
                add(t + took - 40, lb("WARN", thread, "c.f.shop.payment.GatewayClient",
                                      f"payment gateway responded slowly: {took - 60} ms (psp=adyen)"))
            order_no[0] += 1
            items = weighted(rng, [1, 2, 3, 4, 5, 6], [30, 25, 18, 12, 9, 6])
            total = sum(rng.choice([4.99, 9.90, 12.50, 19.99, 24.90, 39.00, 59.90, 89.00, 129.00]) for _ in range(items))
            add(t + took - 6, lb("INFO", thread, "c.f.shop.order.OrderService",
                                 f"order {order_no[0]} placed: customer=u-{rng.randint(20000, 29999)} items={items} "
                                 f"total={total:.2f} EUR"))
        reqlog(t + took, thread, method, uri, status, took, ip)

    for t in arrivals(rng, 1.8):
        request(t)
    # product cache refresh, stock warnings
    for i in range(36):
        t = at("09:04:12") + i * 300_000 + rng.randint(0, 3000)
        add(t, lb("INFO", "scheduling-1", "c.f.shop.cache.ProductCache",
                  f"refreshed {12_800 + i * 3} products in {int(lognorm(rng, 800, 0.2))} ms"))
    for t in arrivals(rng, 420.0):
        add(t, lb("WARN", rng.choice(threads), "c.f.shop.inventory.StockClient",
                  f"stock service returned 404 for sku SKU-{rng.randint(10000, 99999)}, treating as out of stock"))
    for t in (at("10:50:31") + 119, at("10:51:22") + 640, at("10:51:58") + 207):
        add(t, lb("WARN", "scheduling-1", "c.f.shop.cache.ProductCache",
                  f"cache holds {rng.randint(1_700_000, 1_900_000)} entries, over the soft limit of 500000; eviction "
                  "is falling behind"))
    # 10:52 out of heap: the JVM exits (-XX:+ExitOnOutOfMemoryError), the container restarts
    ev.add(T_OOM, juli("SEVERE", "http-nio-8080-exec-31", "org.apache.catalina.core.StandardWrapperValve.invoke",
                       "Servlet.service() for servlet [dispatcher] in context with path [/shop] threw exception "
                       "[Handler dispatch failed: java.lang.OutOfMemoryError: Java heap space] with root cause"),
           "\tjava.lang.OutOfMemoryError: Java heap space",
           "\t\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)",
           "\t\tat java.base/java.util.ArrayList.grow(ArrayList.java:237)",
           "\t\tat java.base/java.util.ArrayList.addAll(ArrayList.java:752)",
           "\t\tat com.fabrikam.shop.cache.ProductCache.snapshot(ProductCache.java:212)",
           "\t\tat com.fabrikam.shop.web.RecommendationController.list(RecommendationController.java:58)",
           "\t\tat org.springframework.web.servlet.DispatcherServlet.doDispatch(DispatcherServlet.java:1089)",
           "\t\tat java.base/java.lang.Thread.run(Thread.java:1583)",
           "Terminating due to java.lang.OutOfMemoryError: Java heap space")
    up = T_UP
    boot = [
        (0, None, "NOTE: Picked up JDK_JAVA_OPTIONS:  --add-opens=java.base/java.lang=ALL-UNNAMED "
                  "--add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED "
                  "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED "
                  "--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED"),
        (388, "org.apache.catalina.startup.VersionLoggerListener.log", "Server version name:   Apache Tomcat/9.0.93"),
        (389, "org.apache.catalina.startup.VersionLoggerListener.log", "Server built:          Aug 1 2024 19:41:10 UTC"),
        (390, "org.apache.catalina.startup.VersionLoggerListener.log", "Server version number: 9.0.93.0"),
        (391, "org.apache.catalina.startup.VersionLoggerListener.log", "OS Name:               Linux"),
        (392, "org.apache.catalina.startup.VersionLoggerListener.log", "JVM Version:           21.0.4+7-LTS"),
        (393, "org.apache.catalina.startup.VersionLoggerListener.log", "CATALINA_BASE:         /usr/local/tomcat"),
        (394, "org.apache.catalina.startup.VersionLoggerListener.log",
         "Command line argument: -Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager"),
        (395, "org.apache.catalina.startup.VersionLoggerListener.log", "Command line argument: -Xmx1536m"),
        (402, "org.apache.catalina.core.AprLifecycleListener.lifecycleEvent",
         "The Apache Tomcat Native library which allows using OpenSSL was not found on the java.library.path"),
        (611, "org.apache.coyote.AbstractProtocol.init", 'Initializing ProtocolHandler ["http-nio-8080"]'),
        (640, "org.apache.catalina.startup.Catalina.load", "Server initialization in [612] milliseconds"),
        (688, "org.apache.catalina.core.StandardService.startInternal", "Starting service [Catalina]"),
        (689, "org.apache.catalina.core.StandardEngine.startInternal", "Starting Servlet engine: [Apache Tomcat/9.0.93]"),
        (702, "org.apache.catalina.startup.HostConfig.deployWAR",
         "Deploying web application archive [/usr/local/tomcat/webapps/shop.war]"),
        (5113, "org.apache.jasper.servlet.TldScanner.scanJars",
         "At least one JAR was scanned for TLDs yet contained no TLDs. Enable debug logging for this logger for a "
         "complete list of JARs that were scanned but no TLDs were found in them. Skipping unneeded JARs during "
         "scanning can improve startup time and JSP compilation time."),
        (7514, "org.apache.catalina.startup.HostConfig.deployWAR",
         "Deployment of web application archive [/usr/local/tomcat/webapps/shop.war] has finished in [6,812] ms"),
        (7530, "org.apache.coyote.AbstractProtocol.start", 'Starting ProtocolHandler ["http-nio-8080"]'),
        (7561, "org.apache.catalina.startup.Catalina.start", "Server startup in [6921] milliseconds"),
    ]
    for off, src, msg in boot:
        if src is None:
            ev.add(up + off, msg)   # the JVM's own line, no time of its own: it follows the line before
            continue
        ev.add(up + off, juli("INFO", "main", src, msg))
    ev.add(up + 5600, lb("INFO", "main", "o.s.web.context.ContextLoader", "Root WebApplicationContext: initialization "
                                                                           "completed in 3121 ms"))
    ev.add(up + 6900, lb("INFO", "main", "c.f.shop.cache.ProductCache", "warmed up 12906 products in 1204 ms"))
    # a TLS client on the plain HTTP connector, once
    add(T_PARSE, juli("INFO", "http-nio-8080-exec-3", "org.apache.coyote.http11.Http11Processor.service",
                      "Error parsing HTTP request header"),
        " Note: further occurrences of HTTP request parsing errors will be logged at DEBUG level.",
        "\tjava.lang.IllegalArgumentException: Invalid character found in method name [0x160x030x010x020x000x010x00"
        "0x010xfc0x030x03...]. HTTP method names must be tokens",
        "\t\tat org.apache.coyote.http11.Http11InputBuffer.parseRequestLine(Http11InputBuffer.java:407)",
        "\t\tat org.apache.coyote.http11.Http11Processor.service(Http11Processor.java:263)",
        "\t\tat org.apache.coyote.AbstractProcessorLight.process(AbstractProcessorLight.java:63)",
        "\t\tat org.apache.tomcat.util.net.NioEndpoint$SocketProcessor.doRun(NioEndpoint.java:1787)",
        "\t\tat java.base/java.lang.Thread.run(Thread.java:1583)")
    return ev.lines()


FILES = [
    ("etcd-cp-2.jsonl", "etcd-zap-json",
     '{namespace="kube-system",component="etcd",pod="etcd-cp-2",container="etcd"}', gen_etcd, 1,
     "member 5e2a7c3d91b0f4a8 on cp-2; 10:10-10:25 slow disk (slow fdatasync, apply request took too long, ReadIndex "
     "retries); 10:47:09 cp-1 goes down, this member wins the election for term 8, cp-1 back 10:52:41; 11:20-11:35 "
     "the backup cronjob 10.0.12.44 is rejected (expired client certificate); 10.0.7.40 lists everything every 15 min; "
     "defrag 11:50"),
    ("catalog-gunicorn.log", "gunicorn-flask",
     '{namespace="catalog",app="catalog-web",pod="catalog-web-7b5d8c9f6-zq4hn",container="web"}', gen_gunicorn, 2,
     "gunicorn error log, access log (last field %(D)s, microseconds) and Flask app logger with tracebacks; 09:52 HUP "
     "reload; 10:25-10:40 catalog-db out of connection slots (500s with OperationalError tracebacks); 11:05-11:20 "
     "slow elasticsearch, four WORKER TIMEOUTs; 11:35-11:50 scanner 45.83.64.11 (404/405)"),
    ("backup-shipper.log", "go-stdlib-log",
     '{job="backup-shipper",host="backup-01"}', gen_shipper, 3,
     "Go log with LstdFlags|Lmsgprefix, [source] prefixes; 09:40-09:55 S3 SlowDown on media/ (retries, some give up); "
     "10:20-10:30 RequestTimeout on WAL uploads; 10:58:27 Panicf crash, restarted 10:58:33; 11:10-11:40 "
     "185.220.101.4 hits the admin TLS port; 11:30-11:45 video uploads of GBs"),
    ("iis-portal.log", "iis-w3c",
     '{job="iis",host="WEB-IIS-02",site="W3SVC2"}', gen_iis, 4,
     "W3C extended, time-taken ms; 10:15-10:30 slow /Reports/Export (15-110 s); 10:44:31 app pool recycle, header "
     "again 10:44:51; 11:05-11:20 Basic-auth password spraying from 103.251.167.20 (401.1); 11:25-11:45 "
     "partner-northwind 52.169.40.77 polls, Dynamic IP Restriction 403.502 from 11:31:04"),
    ("vault-audit.jsonl", "vault-audit",
     '{namespace="vault",app="vault",pod="vault-1",container="vault"}', gen_vault, 5,
     "request and response entries; 10:20-10:35 CI approle from 10.60.1.9 denied on secret/data/prod/db-root; "
     "10:50-11:05 analytics spark-jobs executors log in en masse; 11:18:42 oidc-dana updates "
     "sys/policies/acl/payments-api, payments-api denied until oidc-marek reverts 11:26:10"),
    ("shop-catalina.out", "tomcat-catalina",
     '{namespace="shop",app="shop-tomcat",pod="shop-tomcat-6f7d8c9b5-p4x7m",container="tomcat"}', gen_tomcat, 6,
     "JULI OneLineFormatter + logback app lines; 10:05-10:20 JDBC pool exhausted (SEVERE + PoolExhaustedException, "
     "500 after 30 s); 10:52:06 OutOfMemoryError, JVM exits, Server startup 10:52:25; 11:15-11:30 payment gateway "
     "slow (checkout 4-18 s, some 504)"),
]


def main(argv: list[str]) -> int:
    return write_set(argv, SEED, FILES, "manifest_heldout12.json", (22, 16))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
