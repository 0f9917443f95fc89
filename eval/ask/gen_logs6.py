#!/usr/bin/env python3
"""Write the six logs of the sixth held-out set (questions_heldout6.jsonl).

    python3 eval/ask/gen_logs6.py [DIR]      # default target/eval-logs

Writes caddy-access.jsonl, coredns.log, nginx-error.log, mysql-slow.log, rabbitmq.log and
orders-serilog.jsonl, and manifest_heldout6.json (labels, line counts, SHA-256, incidents).
Standard library only, fixed seeds, byte-identical output.

All files cover 2026-12-06 09:00:00Z to 12:00:00Z. No sub-second timestamp has a zero
millisecond part, and the second-resolution log (nginx's error log) never uses second :00,
so no line falls on a whole-minute window boundary and the half-open windows [a, b) give
the same sets as Loki's (a, b].
"""
from __future__ import annotations

import json
import random
import sys

from gen_clock import END_MS, START_MS, at, dt, hexid, nz, rand_ms, rand_s, write_set

SEED = 6160


def pod_ip(rng: random.Random) -> str:
    return f"10.244.{rng.randint(1, 9)}.{rng.randint(2, 250)}"


def emit(events: list[tuple[int, int, str]]) -> list[str]:
    events.sort(key=lambda e: (e[0], e[1]))
    return [e[2] for e in events]


# --------------------------------------------------------------------------- 1: Caddy JSON access log

CADDY_ROUTES = {  # host: [(uri, method, weight, median seconds, size range)]
    "shop.example.com": [("/", "GET", 20, 0.018, (9000, 30000)), ("/products/{n}", "GET", 25, 0.035, (12000, 60000)),
                         ("/search?q={w}", "GET", 10, 0.22, (4000, 40000)), ("/cart", "GET", 6, 0.04, (3000, 9000))],
    "api.example.com": [("/v1/orders", "POST", 8, 0.09, (150, 900)), ("/v1/orders/{n}", "GET", 14, 0.03, (300, 4000)),
                        ("/v1/stock/{n}", "GET", 10, 0.02, (80, 400))],
    "static.example.com": [("/assets/app.{h}.js", "GET", 15, 0.003, (180000, 420000)),
                           ("/assets/app.{h}.css", "GET", 10, 0.002, (30000, 70000)),
                           ("/img/{n}.webp", "GET", 12, 0.004, (8000, 250000))],
}
CADDY_UAS = ["Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
             "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
             "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
             "shop-ios/4.12.0 CFNetwork/1568"]
WORDS = ["boots", "jacket", "lamp", "mug", "desk", "sofa", "kettle", "tent"]


def gen_caddy(rng: random.Random) -> list[str]:
    clients = [f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
               for _ in range(700)]
    cweights = [1 / (i + 1) ** 0.6 for i in range(len(clients))]
    ev = []
    seq = 0
    backend = "10.42.3.17:8080"

    def ts(ms):
        return float(f"{ms / 1000:.3f}") + rng.randint(1, 999) / 1e6

    def request(ms, host, method, uri, ip):
        return {"remote_ip": ip, "remote_port": str(rng.randint(30000, 65000)), "client_ip": ip,
                "proto": "HTTP/2.0" if host != "api.example.com" else "HTTP/1.1", "method": method, "host": host,
                "uri": uri, "headers": {"User-Agent": [rng.choice(CADDY_UAS)], "Accept-Encoding": ["gzip, br"]},
                "tls": {"resumed": False, "version": 772, "cipher_suite": 4865, "proto": "h2", "server_name": host}}

    def access(ms, host, method, uri, ip, status, dur, size):
        nonlocal seq
        ms = nz(ms)
        o = {"level": "error" if status >= 500 else "info", "ts": round(ts(ms), 6),
             "logger": "http.log.access.log0", "msg": "handled request",
             "request": request(ms, host, method, uri, ip), "bytes_read": rng.randint(200, 1800) if method == "POST" else 0,
             "user_id": "", "duration": round(dur, 9), "size": size, "status": status,
             "resp_headers": {"Server": ["Caddy"], "Content-Type": ["application/json" if host == "api.example.com"
                                                                    else "text/html; charset=utf-8"]}}
        seq += 1
        ev.append((ms, seq, json.dumps(o, separators=(",", ":"))))

    hosts = [(h, r) for h, rs in CADDY_ROUTES.items() for r in rs]
    for _ in range(7400):
        ms = rand_ms(rng)
        host, (uri, method, _, med, (lo, hi)) = rng.choices(hosts, weights=[r[2] for _, r in hosts])[0]
        uri = uri.replace("{n}", str(rng.randint(1, 9999))).replace("{w}", rng.choice(WORDS)).replace("{h}", "3f9c2a1b")
        ip = rng.choices(clients, weights=cweights)[0]
        dur = med * rng.lognormvariate(0, 0.5)
        status, size = 200, rng.randint(lo, hi)
        if method == "POST":
            status = 201
        x = rng.random()
        if x < 0.025:
            status, size = 404, 0
        elif host == "static.example.com" and x < 0.2:
            status, size = 304, 0
        if host == "api.example.com" and at("10:10") <= ms < at("10:25") and rng.random() < 0.7:
            dur = rng.uniform(0.0005, 0.003)
            seq += 1
            err = {"level": "error", "ts": round(ts(ms), 6), "logger": "http.log.error.log0",
                   "msg": f"dial tcp {backend}: connect: connection refused",
                   "request": request(ms, host, method, uri, ip), "duration": round(dur, 9),
                   "err_id": hexid(rng, 9), "err_trace": "reverseproxy.statusError (reverseproxy.go:1269)"}
            ev.append((ms, seq, json.dumps(err, separators=(",", ":"))))
            access(ms, host, method, uri, ip, 502, dur, 0)
            continue
        if uri.startswith("/search") and at("11:15") <= ms < at("11:30"):
            dur = rng.uniform(1.2, 7.5)
        access(ms, host, method, uri, ip, status, dur, size)
    # a bot walking product pages
    for _ in range(520):
        ms = rand_ms(rng, at("11:40"), at("11:50"))
        access(ms, "shop.example.com", "GET", f"/products/{rng.randint(1, 9999)}", "198.51.100.77", 200,
               0.035 * rng.lognormvariate(0, 0.4), rng.randint(12000, 60000))
    # config reloads
    for ms in (START_MS + 2_311, at("10:57:43") + 129):
        seq += 1
        ev.append((ms, seq, json.dumps({"level": "info", "ts": round(ts(ms), 6), "logger": "admin.api",
                                        "msg": "load complete"}, separators=(",", ":"))))
    return emit(ev)


# --------------------------------------------------------------------------- 2: CoreDNS through the CRI log format

SVC_NAMES = ["orders.shop.svc.cluster.local.", "payments.shop.svc.cluster.local.", "redis.cache.svc.cluster.local.",
             "postgres.db.svc.cluster.local.", "kafka-0.kafka.kafka.svc.cluster.local.",
             "kubernetes.default.svc.cluster.local.", "search.shop.svc.cluster.local."]
EXT_NAMES = ["api.stripe.com.", "s3.eu-west-1.amazonaws.com.", "oauth2.googleapis.com.", "registry.npmjs.org."]


def gen_coredns(rng: random.Random) -> list[str]:
    clients = [pod_ip(rng) for _ in range(46)]
    storm = "10.244.5.19"
    ev = []
    seq = 0

    def cri(ms, text, stream="stdout"):
        nonlocal seq
        ms = nz(ms)
        seq += 1
        ev.append((ms, seq, f"{dt(ms).strftime('%Y-%m-%dT%H:%M:%S')}.{ms % 1000:03d}{rng.randint(0, 999999):06d}Z "
                            f"{stream} F {text}"))

    def query(ms, ip, name, qtype, rcode, dur, proto="udp"):
        flags = "qr,aa,rd" if name.endswith("cluster.local.") else "qr,rd,ra"
        size = 110 if rcode == "NOERROR" else 151
        cri(ms, f'[INFO] {ip}:{rng.randint(32768, 60999)} - {rng.randint(1, 65535)} "{qtype} IN {name} {proto} '
                f'{rng.randint(40, 80)} false {512 if proto == "udp" else 65535}" {rcode} {flags} {size} {dur:.9f}s')

    for _ in range(8200):
        ms = rand_ms(rng)
        ip = rng.choice(clients)
        proto = "tcp" if rng.random() < 0.01 else "udp"
        x = rng.random()
        if x < 0.7:
            name = rng.choice(SVC_NAMES)
            if rng.random() < 0.25:  # the search path: ndots makes the first tries miss
                query(ms, ip, name.replace(".cluster.local.", ".cluster.local.shop.svc.cluster.local."),
                      rng.choice(["A", "AAAA"]), "NXDOMAIN", rng.uniform(0.00005, 0.0004), proto)
                continue
            query(ms, ip, name, rng.choices(["A", "AAAA", "SRV"], weights=[8, 3, 1])[0], "NOERROR",
                  rng.uniform(0.00006, 0.0006), proto)
        elif x < 0.98:
            name = rng.choice(EXT_NAMES)
            qtype = rng.choice(["A", "AAAA"])
            if at("10:30") <= ms < at("10:45") and rng.random() < 0.6:
                query(ms, ip, name, qtype, "SERVFAIL", rng.uniform(2.0, 2.01), proto)
                cri(ms + 1, f"[ERROR] plugin/errors: 2 {name} {qtype}: read udp 10.244.0.12:{rng.randint(32768, 60999)}"
                            f"->10.0.0.2:53: i/o timeout")
                continue
            query(ms, ip, name, qtype, "NOERROR", rng.uniform(0.004, 0.06), proto)
        else:
            query(ms, ip, f"{rng.randint(1, 254)}.{rng.randint(0, 9)}.244.10.in-addr.arpa.", "PTR", "NOERROR",
                  rng.uniform(0.00005, 0.0003), proto)
    for _ in range(900):
        ms = rand_ms(rng, at("11:05"), at("11:20"))
        query(ms, storm, "redis-master.cache.svc.cluster.local.", rng.choice(["A", "AAAA"]), "NXDOMAIN",
              rng.uniform(0.00005, 0.0003))
    reload = at("11:40:12") + 508
    cri(reload, "[INFO] Reloading")
    cri(reload + 211, "[INFO] plugin/health: Going into lameduck mode for 5s")
    cri(reload + 5_322, f"[INFO] plugin/reload: Running configuration SHA512 = {hexid(rng, 128)}")
    cri(reload + 5_323, "[INFO] Reloading complete")
    for _ in range(6):
        cri(rand_ms(rng), "[WARNING] No files matching import glob pattern: custom/*.override")
    return emit(ev)


# --------------------------------------------------------------------------- 3: nginx error log

NGX_PATHS = ["/api/cart", "/api/products", "/api/search", "/api/checkout", "/api/reviews"]
SCAN_PATHS = ["/wp-login.php", "/.env", "/.git/config", "/phpmyadmin/index.php", "/admin/config.php",
              "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php", "/xmlrpc.php", "/backup.sql"]
UPSTREAMS = ["10.42.1.9:8080", "10.42.2.14:8080", "10.42.4.3:8080"]


def gen_nginx_error(rng: random.Random) -> list[str]:
    clients = [f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
               for _ in range(500)]
    ev = []
    seq = 0

    def line(ms, level, text, pid=None):
        nonlocal seq
        seq += 1
        pid = pid if pid is not None else rng.choice([29, 30, 31, 32])
        ev.append((ms, seq, f"{dt(ms).strftime('%Y/%m/%d %H:%M:%S')} [{level}] {pid}#{pid}: {text}"))

    conn = [381000]

    def cid():
        conn[0] += rng.randint(1, 40)
        return f"*{conn[0]}"

    def ctx(ip, method, path, up=None):
        s = f', client: {ip}, server: shop.example.com, request: "{method} {path} HTTP/1.1"'
        if up:
            s += f', upstream: "http://{up}{path}"'
        return s + ', host: "shop.example.com"'

    evs = []
    for _ in range(5200):
        evs.append(rand_s(rng))
    evs.sort()
    for ms in evs:
        ip = rng.choice(clients)
        path = rng.choice(NGX_PATHS)
        x = rng.random()
        if at("10:05") <= ms < at("10:20") and rng.random() < 0.5:
            if rng.random() < 0.8:
                line(ms, "error", f"{cid()} connect() failed (111: Connection refused) while connecting to upstream"
                                  + ctx(ip, "GET", path, "10.42.1.9:8080"))
            else:
                line(ms, "error", f"{cid()} no live upstreams while connecting to upstream" + ctx(ip, "GET", path, "shop_backend"))
            continue
        if path == "/api/search" and at("11:20") <= ms < at("11:35") and rng.random() < 0.9:
            line(ms, "error", f"{cid()} upstream timed out (110: Connection timed out) while reading response header "
                              f"from upstream" + ctx(ip, "GET", path + f"?q={rng.choice(WORDS)}", rng.choice(UPSTREAMS)))
            continue
        if x < 0.55:
            line(ms, "warn", f"{cid()} an upstream response is buffered to a temporary file "
                             f"/var/cache/nginx/proxy_temp/{rng.randint(0, 9)}/{rng.randint(10, 99)}/00000{rng.randint(10000, 99999)} "
                             f"while reading upstream" + ctx(ip, "GET", path, rng.choice(UPSTREAMS)))
        elif x < 0.8:
            p = rng.choice(SCAN_PATHS)
            line(ms, "error", f'{cid()} open() "/usr/share/nginx/html{p}" failed (2: No such file or directory)'
                              + ctx(ip, "GET", p))
        elif x < 0.9:
            line(ms, "warn", f"{cid()} a client request body is buffered to a temporary file "
                             f"/var/cache/nginx/client_temp/00000{rng.randint(10000, 99999)}" + ctx(ip, "POST", "/api/checkout"))
        elif x < 0.985:
            line(ms, "info", f"{cid()} client {ip} closed keepalive connection")
        else:
            line(ms, "crit", f"{cid()} SSL_do_handshake() failed (SSL: error:0A00006C:SSL routines::bad key share) "
                             f"while SSL handshaking, client: {ip}, server: 0.0.0.0:443")
    # a scanner walks the tree
    scanner = "45.148.10.77"
    for _ in range(640):
        ms = rand_s(rng, at("09:40"), at("09:55"))
        p = rng.choice(SCAN_PATHS) if rng.random() < 0.5 else f"/{hexid(rng, 6)}.php"
        line(ms, "error", f'{cid()} open() "/usr/share/nginx/html{p}" failed (2: No such file or directory)'
                          + ctx(scanner, "GET", p))
    # a client trips the per-IP limit
    flood = "203.0.113.50"
    for _ in range(700):
        ms = rand_s(rng, at("11:40"), at("11:50"))
        line(ms, "error", f'{cid()} limiting requests, excess: {rng.uniform(0.01, 20.0):.3f} by zone "perip"'
                          + ctx(flood, "GET", "/api/products"))
    # two reloads (SIGHUP)
    for base in (at("09:31:44"), at("10:50:17")):
        line(base, "notice", "signal 1 (SIGHUP) received from 412, reconfiguring", 1)
        line(base, "notice", "reconfiguring", 1)
        line(base, "notice", 'using the "epoll" event method', 1)
        line(base, "notice", "start worker processes", 1)
        for w in range(4):
            line(base, "notice", f"start worker process {600 + w + (40 if base > at('10:00') else 0)}", 1)
        line(base + 1000, "notice", "signal 17 (SIGCHLD) received from 29", 1)
        line(base + 1000, "notice", "worker process 29 exited with code 0", 1)
    return emit(ev)


# --------------------------------------------------------------------------- 4: MySQL slow query log

MYSQL_QUERIES = [
    ("shop", "SELECT o.* FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.customer_id = {n} "
             "ORDER BY o.created_at DESC LIMIT 20;", 1.6, 20, 40000),
    ("shop", "SELECT * FROM products WHERE MATCH(title, description) AGAINST ('{w}' IN NATURAL LANGUAGE MODE);",
     2.2, 50, 180000),
    ("shop", "UPDATE inventory SET reserved = reserved + 1 WHERE sku = 'SKU-{n}';", 1.2, 0, 1),
    ("shop", "DELETE FROM sessions WHERE expires_at < NOW() - INTERVAL 1 DAY;", 3.5, 0, 250000),
]


def gen_mysql(rng: random.Random) -> list[str]:
    ev = []
    seq = 0
    app_hosts = ["10.0.4.12", "10.0.4.13", "10.0.4.27"]

    def record(ms, user, host, conn_id, qt, lt, sent, examined, sql, db=None):
        nonlocal seq
        ms = nz(ms)
        d = dt(ms)
        us = ms % 1000 * 1000 + rng.randint(0, 999)
        lines = [f"# Time: {d.strftime('%Y-%m-%dT%H:%M:%S')}.{us:06d}Z",
                 f"# User@Host: {user}[{user}] @  [{host}]  Id: {conn_id:>6}",
                 f"# Query_time: {qt:.6f}  Lock_time: {lt:.6f} Rows_sent: {sent}  Rows_examined: {examined}"]
        if db:
            lines.append(f"use {db};")
        lines.append(f"SET timestamp={ms // 1000};")
        lines.append(sql)
        seq += 1
        ev.append((ms, seq, "\n".join(lines)))

    for _ in range(1250):
        ms = rand_ms(rng)
        db, sql, med, lo, hi = rng.choices(MYSQL_QUERIES, weights=[10, 6, 5, 1])[0]
        sql = sql.replace("{n}", str(rng.randint(1000, 99999))).replace("{w}", rng.choice(WORDS))
        qt = max(1.0001, med * rng.lognormvariate(0, 0.3))
        lt = rng.uniform(0.00003, 0.0004)
        examined = rng.randint(lo, hi)
        sent = 0 if sql.startswith(("UPDATE", "DELETE")) else rng.randint(1, 20)
        if sql.startswith("UPDATE inventory") and at("10:20") <= ms < at("10:40"):
            lt = rng.uniform(1.5, 48.0)
            qt = lt + rng.uniform(0.01, 0.3)
        record(ms, "shop_app", rng.choice(app_hosts), rng.randint(20000, 20400), qt, lt, sent, examined, sql,
               db if rng.random() < 0.3 else None)
    # the reporting job's full scans
    for _ in range(95):
        ms = rand_ms(rng, at("11:10"), at("11:25"))
        sql = ("SELECT c.country, DATE(o.created_at) d, SUM(o.total_cents) FROM orders o JOIN customers c ON "
               "c.id = o.customer_id WHERE o.created_at >= '2026-01-01' GROUP BY c.country, d;")
        qt = rng.uniform(8.0, 95.0)
        record(ms, "report_ro", "10.0.7.44", 31877, qt, rng.uniform(0.0001, 0.001), rng.randint(2000, 9000),
               rng.randint(4_000_000, 12_000_000), sql, "shop" if rng.random() < 0.5 else None)
    # a nightly-style cleanup run by the ops user
    for _ in range(18):
        ms = rand_ms(rng, at("09:05"), at("09:20"))
        record(ms, "ops_maint", "10.0.9.8", 412, rng.uniform(1.0, 4.0), rng.uniform(0.0001, 0.0005), 0,
               rng.randint(50000, 400000), "OPTIMIZE TABLE shop.audit_log;", "shop")
    return emit(ev)


# --------------------------------------------------------------------------- 5: RabbitMQ 3.13 broker log

RMQ_USERS = [("orders", 40), ("payments", 22), ("notifier", 14), ("inventory", 9)]


def gen_rabbitmq(rng: random.Random) -> list[str]:
    ev = []
    seq = 0
    node = "rabbit@rabbitmq-server-1"
    local = "10.244.1.5:5672"
    clients = {u: [pod_ip(rng) for _ in range(n)] for u, n in (("orders", 6), ("payments", 4), ("notifier", 3),
                                                               ("inventory", 2))}

    def line(ms, level, text, extra=()):
        nonlocal seq
        ms = nz(ms)
        seq += 1
        us = ms % 1000 * 1000 + rng.randint(0, 999)
        ev.append((ms, seq, "\n".join([f"{dt(ms).strftime('%Y-%m-%d %H:%M:%S')}.{us:06d}+00:00 [{level}] {text}", *extra])))

    def pidx():
        return f"<0.{rng.randint(1000, 60000)}.0>"

    for _ in range(1450):
        ms = rand_ms(rng, START_MS, END_MS - 240_000)
        user = rng.choices([u for u, _ in RMQ_USERS], weights=[w for _, w in RMQ_USERS])[0]
        ip = rng.choice(clients[user])
        peer = f"{ip}:{rng.randint(32768, 60999)}"
        p = pidx()
        line(ms, "info", f"{p} accepting AMQP connection {p} ({peer} -> {local})")
        line(ms + 3, "info", f"{p} connection {p} ({peer} -> {local}): user '{user}' authenticated and granted access "
                             f"to vhost '/'")
        end = ms + rng.randint(5_000, 200_000)
        if at("11:00") <= end < at("11:05") and rng.random() < 0.8:
            line(end, "error", f"{p} closing AMQP connection {p} ({peer} -> {local}):",
                 ["missed heartbeats from client, timeout: 60s"])
            continue
        if rng.random() < 0.05:
            line(end, "warning", f"{p} closing AMQP connection {p} ({peer} -> {local}, vhost: '/', user: '{user}'):",
                 ["client unexpectedly closed TCP connection"])
            continue
        line(end, "info", f"{p} closing AMQP connection {p} ({peer} -> {local}, vhost: '/', user: '{user}')")
    # memory alarm
    alarm, cleared = at("10:25:33") + 417, at("10:39:08") + 62
    line(alarm, "info", f"<0.481.0> vm_memory_high_watermark set. Memory used:3435973836 allowed:3435973836")
    line(alarm + 1, "warning", f"<0.479.0> memory resource limit alarm set on node '{node}'.", [
        "", "**********************************************************",
        "*** Publishers will be blocked until this alarm clears ***",
        "**********************************************************"])
    for _ in range(60):
        ms = rand_ms(rng, alarm + 10, cleared)
        user = rng.choice(["orders", "payments"])
        line(ms, "warning", f"{pidx()} connection blocked by the memory alarm, user '{user}'")
    line(cleared, "info", "<0.481.0> vm_memory_high_watermark clear. Memory used:3221225472 allowed:3435973836")
    line(cleared + 1, "warning", f"<0.479.0> memory resource limit alarm cleared on node '{node}'")
    line(cleared + 2, "warning", "<0.479.0> memory resource limit alarm cleared across the cluster")
    # a peer node drops out
    down, up = at("11:02:41") + 733, at("11:09:17") + 284
    line(down, "info", "<0.512.0> rabbit on node 'rabbit@rabbitmq-server-2' down")
    line(down + 41, "info", "<0.512.0> node 'rabbit@rabbitmq-server-2' down: connection_closed")
    line(up, "info", "<0.512.0> node 'rabbit@rabbitmq-server-2' up")
    line(up + 1, "info", "<0.512.0> rabbit on node 'rabbit@rabbitmq-server-2' up")
    # guest login attempts
    for _ in range(210):
        ms = rand_ms(rng, at("11:30"), at("11:45"))
        p = pidx()
        peer = f"10.244.7.3:{rng.randint(32768, 60999)}"
        line(ms, "info", f"{p} accepting AMQP connection {p} ({peer} -> {local})")
        line(ms + 2, "error", f"{p} Error on AMQP connection {p} ({peer} -> {local}, state: starting):",
             ["PLAIN login refused: user 'guest' - invalid credentials"])
    for _ in range(3):
        ms = rand_ms(rng)
        p = pidx()
        peer = f"{rng.choice(clients['notifier'])}:{rng.randint(32768, 60999)}"
        line(ms, "error", f"{p} Error on AMQP connection {p} ({peer} -> {local}, state: starting):",
             ["PLAIN login refused: user 'notifier' - invalid credentials"])
    # queue events and a periodic stats line
    for _ in range(40):
        ms = rand_ms(rng)
        q = rng.choice(["orders.created", "payments.settled", "notify.email", "inventory.reserve"])
        line(ms, "info", f"<0.{rng.randint(1000, 9000)}.0> Declaring queue '{q}' in vhost '/'")
    ms = START_MS + 41_207
    while ms < END_MS:
        line(ms, "debug", f"<0.300.0> Free disk space is {rng.randint(38, 41)}.{rng.randint(0, 9)} GB, limit 50 MB")
        ms += 60_000
    line(START_MS + 1_903, "info", "<0.229.0> Server startup complete; 5 plugins started.")
    return emit(ev)


# --------------------------------------------------------------------------- 6: .NET Serilog compact JSON (CLEF)

ORDER_ROUTES = [("GET", "/api/orders/{n}", 35, 14.0), ("GET", "/api/orders", 15, 42.0), ("POST", "/api/orders", 12, 95.0),
                ("POST", "/api/checkout", 8, 180.0), ("GET", "/health/ready", 20, 1.2)]


def gen_serilog(rng: random.Random) -> list[str]:
    customers = [f"C{rng.randint(10000, 99999)}" for _ in range(380)]
    cweights = [1 / (i + 1) ** 0.7 for i in range(len(customers))]
    ev = []
    seq = 0
    conn = hexid(rng, 12).upper()

    def rec(ms, obj):
        nonlocal seq
        ms = nz(ms)
        o = {"@t": f"{dt(ms).strftime('%Y-%m-%dT%H:%M:%S')}.{ms % 1000:03d}{rng.randint(0, 9999):04d}Z"}
        o.update(obj)
        seq += 1
        ev.append((ms, seq, json.dumps(o, separators=(",", ":"), ensure_ascii=False)))

    def http(ms, method, path, status, elapsed):
        o = {"@mt": "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms",
             "@r": [f"{elapsed:.4f}"]}
        if status >= 500:
            o["@l"] = "Error"
        o.update({"RequestMethod": method, "RequestPath": path, "StatusCode": status, "Elapsed": round(elapsed, 4),
                  "SourceContext": "Serilog.AspNetCore.RequestLoggingMiddleware",
                  "RequestId": f"0HN8{conn}:{rng.randint(1, 99999):08X}", "ConnectionId": f"0HN8{conn}",
                  "TraceId": hexid(rng, 32), "SpanId": hexid(rng, 16)})
        rec(ms, o)

    pay_out = (at("10:45"), at("11:00"))
    down = (at("11:50:22") + 311, at("11:50:31") + 742)
    for _ in range(6900):
        ms = rand_ms(rng)
        if down[0] - 200 <= ms <= down[1] + 200:
            continue
        method, route, _, med = rng.choices(ORDER_ROUTES, weights=[r[2] for r in ORDER_ROUTES])[0]
        path = route.replace("{n}", str(rng.randint(100000, 999999)))
        elapsed = med * rng.lognormvariate(0, 0.45)
        status = 200
        if route == "/api/orders" and method == "POST":
            status = 201
        elif route == "/api/orders/{n}" and rng.random() < 0.04:
            status = 404
        elif route != "/health/ready" and rng.random() < 0.02:
            status = 400
        if route == "/api/checkout" and pay_out[0] <= ms < pay_out[1] and rng.random() < 0.75:
            att = 3
            rec(ms - 2, {"@mt": "Payment gateway call to {Gateway} failed after {Attempts} attempts", "@l": "Error",
                         "@x": "System.Net.Http.HttpRequestException: Connection refused (payments.internal:443)\n"
                               " ---> System.Net.Sockets.SocketException (111): Connection refused\n"
                               "   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException(SocketError error, CancellationToken cancellationToken)\n"
                               "   --- End of inner exception stack trace ---\n"
                               "   at Orders.Api.Payments.PaymentGatewayClient.ChargeAsync(ChargeRequest request) in /src/Orders.Api/Payments/PaymentGatewayClient.cs:line 88",
                         "Gateway": "adyen", "Attempts": att, "SourceContext": "Orders.Api.Payments.PaymentGatewayClient"})
            http(ms, method, path, 502, 3000 + rng.uniform(5, 400))
            continue
        if route == "/api/checkout" and rng.random() < 0.01:
            rec(ms - 2, {"@mt": "Payment gateway call to {Gateway} failed after {Attempts} attempts", "@l": "Error",
                         "@x": "System.Threading.Tasks.TaskCanceledException: The request was canceled due to the "
                               "configured HttpClient.Timeout of 10 seconds elapsing.",
                         "Gateway": "adyen", "Attempts": 3, "SourceContext": "Orders.Api.Payments.PaymentGatewayClient"})
            http(ms, method, path, 502, 10000 + rng.uniform(5, 90))
            continue
        if route == "/api/orders" and method == "POST" and status == 201:
            items = rng.randint(1, 9)
            total = round(items * rng.uniform(4.0, 60.0), 2)
            rec(ms - 1, {"@mt": "Order {OrderId} placed for {CustomerId}: {ItemCount} items, total {Total}",
                         "OrderId": rng.randint(5_000_000, 5_999_999), "CustomerId": rng.choices(customers, weights=cweights)[0],
                         "ItemCount": items, "Total": total, "SourceContext": "Orders.Api.Services.OrderService"})
        if route != "/health/ready" and rng.random() < 0.35:
            slow = at("11:20") <= ms < at("11:35")
            q = rng.uniform(300, 2400) if slow and rng.random() < 0.5 else rng.uniform(0.5, 20)
            rec(ms - 1, {"@mt": "Executed DbCommand ({elapsed}ms) [Parameters=[{parameters}], CommandType='{commandType}', "
                                "CommandTimeout='{commandTimeout}']{newLine}{commandText}",
                         **({"@l": "Warning"} if q > 1000 else {}),
                         "elapsed": f"{q:.0f}", "parameters": "@__id_0='?' (DbType = Int64)", "commandType": "Text",
                         "commandTimeout": 30, "newLine": "\n",
                         "commandText": 'SELECT o."Id", o."CustomerId", o."Total" FROM "Orders" AS o WHERE o."Id" = @__id_0',
                         "EventId": {"Id": 20101, "Name": "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted"},
                         "SourceContext": "Microsoft.EntityFrameworkCore.Database.Command"})
        http(ms, method, path, status, elapsed)
    for ms in (START_MS + 2_117, down[1]):
        rec(ms, {"@mt": "Now listening on: {address}", "address": "http://[::]:8080",
                 "EventId": {"Id": 14, "Name": "ListeningOnAddress"}, "SourceContext": "Microsoft.Hosting.Lifetime"})
        rec(ms + 1, {"@mt": "Application started. Press Ctrl+C to shut down.", "SourceContext": "Microsoft.Hosting.Lifetime"})
    rec(down[0], {"@mt": "Application is shutting down...", "SourceContext": "Microsoft.Hosting.Lifetime"})
    for _ in range(25):
        rec(rand_ms(rng), {"@mt": "Unknown coupon {Code} for {CustomerId}", "@l": "Warning", "Code": f"XMAS{rng.randint(10, 99)}",
                           "CustomerId": rng.choice(customers), "SourceContext": "Orders.Api.Services.PricingService"})
    return emit(ev)


FILES = [
    ("caddy-access.jsonl", "caddy-json",
     '{namespace="web",app="caddy",pod="caddy-7d9f8b6c5-k2m4x",container="caddy"}', gen_caddy, 1,
     "10:10–10:25 api.example.com backend 10.42.3.17:8080 refuses (502, error logger lines); 11:15–11:30 /search "
     "slow (1–7.5 s); 11:40–11:50 bot 198.51.100.77 walks /products"),
    ("coredns.log", "cri-coredns",
     '{namespace="kube-system",app="kube-dns",pod="coredns-5d78c9869d-7qk2p",container="coredns"}', gen_coredns, 2,
     "10:30–10:45 upstream 10.0.0.2 i/o timeouts (SERVFAIL for external names); 11:05–11:20 NXDOMAIN storm "
     "from 10.244.5.19; 11:40:12 reload, complete 5.3 s later"),
    ("nginx-error.log", "nginx-error",
     '{namespace="web",app="nginx",pod="nginx-frontend-6c8d7b9f5-r8w2t",container="nginx"}', gen_nginx_error, 3,
     "09:40–09:55 scanner 45.148.10.77; 10:05–10:20 upstream 10.42.1.9:8080 refuses; 10:50:17 reload; 11:20–11:35 "
     "/api/search upstream timeouts; 11:40–11:50 203.0.113.50 rate limited"),
    ("mysql-slow.log", "mysql-slow",
     '{namespace="db",app="mysql",pod="mysql-0",container="mysql",filename="/var/lib/mysql/mysql-slow.log"}',
     gen_mysql, 4, "10:20–10:40 lock waits on UPDATE inventory; 11:10–11:25 report_ro full scans from 10.0.7.44"),
    ("rabbitmq.log", "rabbitmq",
     '{namespace="messaging",app="rabbitmq",pod="rabbitmq-server-1",container="rabbitmq"}', gen_rabbitmq, 5,
     "10:25:33–10:39:08 memory alarm, publishers blocked; 11:00–11:05 missed heartbeats, rabbitmq-server-2 down "
     "11:02:41, up 11:09:17; 11:30–11:45 guest logins refused from 10.244.7.3"),
    ("orders-serilog.jsonl", "serilog-clef",
     '{namespace="orders",app="orders-api",pod="orders-api-84c6f9d7b5-x9k3m",container="orders-api"}', gen_serilog, 6,
     "10:45–11:00 payment gateway refused (502 on /api/checkout); 11:20–11:35 slow DbCommands; 11:50:22 restart"),
]


def main(argv: list[str]) -> int:
    return write_set(argv, SEED, FILES, "manifest_heldout6.json", (22, 13))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
