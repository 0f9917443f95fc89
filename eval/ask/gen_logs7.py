#!/usr/bin/env python3
"""Write the six logs of the seventh held-out set (questions_heldout7.jsonl).

    python3 eval/ask/gen_logs7.py [DIR | --out DIR]      # default target/eval-logs

Writes cart-pods.jsonl, ledger-svc.log, ingress-edge.log (half A), contour-envoy.jsonl,
payments-ecs.jsonl and csi-attacher.log (half B), and manifest_heldout7.json (suggested
labels, line counts, SHA-256, incidents). Standard library only, fixed seeds, byte-identical
output.

All files cover 2026-12-06 09:00:00Z to 12:00:00Z. No sub-second timestamp has a zero
millisecond part, and the second-resolution log (the ingress access log) never uses second
:00, so no line falls on a whole-minute window boundary and the half-open windows [a, b)
give the same sets as Loki's (a, b].
"""
from __future__ import annotations

import json
import random
import sys

from gen_clock import (END_MS, START_MS, arrivals, at, dt, go_dur_ns, hexid, lognorm, nz, rand_s,
                       weighted, write_set)

SEED = 7170


def iso_ms(ms: int) -> str:
    return dt(ms).strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def iso_ns(rng: random.Random, ms: int) -> str:
    return dt(ms).strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}{rng.randrange(1000000):06d}Z"


def go_dur(seconds: float) -> str:
    """Go's time.Duration.String() of a duration rounded to the microsecond."""
    return go_dur_ns(int(round(seconds * 1e6)) * 1000)


def public_ip(rng: random.Random) -> str:
    return f"{rng.choice([23, 31, 46, 62, 77, 81, 91, 109, 151, 176, 185, 188, 212])}.{rng.randint(1, 254)}." \
           f"{rng.randint(1, 254)}.{rng.randint(1, 254)}"


UAS = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
       "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
       "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
       "okhttp/4.12.0", "ShopApp/5.2.1 (Android 15)"]


def emit(events: list[tuple[int, int, str]]) -> list[str]:
    events.sort(key=lambda e: (e[0], e[1]))
    return [e[2] for e in events]


def dumps(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


# --------------------------------------------------------------------------- 1: shipper JSON, cart pods

CART_PODS = ["cart-7f9c6d5b8-q8wzp", "cart-7f9c6d5b8-h2lmx", "cart-7f9c6d5b8-t4vnk", "cart-7f9c6d5b8-z9rcd"]
CART_NODES = {"cart-7f9c6d5b8-q8wzp": "ip-10-1-4-21.eu-west-1.compute.internal",
              "cart-7f9c6d5b8-h2lmx": "ip-10-1-5-87.eu-west-1.compute.internal",
              "cart-7f9c6d5b8-t4vnk": "ip-10-1-6-14.eu-west-1.compute.internal",
              "cart-7f9c6d5b8-z9rcd": "ip-10-1-4-63.eu-west-1.compute.internal"}
CART_ROUTES = [("GET", "/api/cart", 40, 18.0, 200), ("POST", "/api/cart/items", 25, 35.0, 201),
               ("DELETE", "/api/cart/items", 8, 25.0, 204), ("POST", "/api/cart/checkout", 10, 120.0, 200),
               ("GET", "/api/cart/summary", 12, 22.0, 200)]
CART_BAD_POD = "cart-7f9c6d5b8-q8wzp"
CART_NOISY = "u-4242"


def gen_cart(rng: random.Random) -> list[str]:
    ev: list[tuple[int, int, str]] = []
    seq = 0

    def line(ms: int, pod: str, stream: str, message: str, level: str, **app) -> None:
        nonlocal seq
        seq += 1
        obj = {"time": iso_ns(rng, ms), "stream": stream, "message": message, "level": level}
        obj.update(app)
        obj["kubernetes"] = {"pod_name": pod, "namespace_name": "shop", "container_name": "cart",
                             "host": CART_NODES[pod], "labels": {"app": "cart", "pod-template-hash": "7f9c6d5b8"},
                             "container_image": "registry.example.com/shop/cart:2.14.3"}
        ev.append((ms, seq, dumps(obj)))

    users = [f"u-{n}" for n in rng.sample(range(1000, 2000), 420)]
    restart = at("10:21:07") + 413
    for ms in arrivals(rng, 1.25):
        pod = rng.choice(CART_PODS)
        if pod == CART_BAD_POD and restart - 9000 <= ms < restart:
            continue  # the pod is restarting
        method, route, _, median, ok = weighted(rng, CART_ROUTES, [r[2] for r in CART_ROUTES])
        user = rng.choice(users)
        lat = lognorm(rng, median)
        status, level, message = ok, "info", "request completed"
        if route == "/api/cart/checkout" and at("10:40") <= ms < at("10:55"):
            lat *= rng.uniform(6.0, 11.0)
        p = rng.random()
        if p < 0.015:
            status, level, message = 404, "warn", "cart not found"
        elif p < 0.025:
            status, level, message = 400, "warn", "invalid item quantity"
        if pod == CART_BAD_POD and at("10:05") <= ms < at("10:20") and rng.random() < 0.6:
            lat = rng.uniform(1000.0, 1010.0)
            line(ms, pod, "stdout", "redis: connection pool timeout", "error", route=route,
                 pool_wait_ms=round(lat - rng.uniform(0.5, 2.0), 1))
            ms = nz(ms + int(lat) % 7 + 1)
            status, level, message = 500, "error", "request failed"
        line(ms, pod, "stdout", message, level, method=method, route=route, status=status,
             latency_ms=round(lat, 1), user=user, trace_id=hexid(rng, 32))
    # the noisy client: polls the summary from 11:20 to 11:35, throttled from 11:27
    for ms in arrivals(rng, 0.55, at("11:20"), at("11:35")):
        pod = rng.choice(CART_PODS)
        if ms >= at("11:27"):
            line(ms, pod, "stdout", "rate limit exceeded", "warn", method="GET", route="/api/cart/summary",
                 status=429, latency_ms=round(rng.uniform(0.2, 1.5), 1), user=CART_NOISY, trace_id=hexid(rng, 32))
        else:
            line(ms, pod, "stdout", "request completed", "info", method="GET", route="/api/cart/summary",
                 status=200, latency_ms=round(lognorm(rng, 22.0), 1), user=CART_NOISY, trace_id=hexid(rng, 32))
    # the restart of the bad pod, and stderr noise from the runtime
    line(nz(restart - 9000 + 117), CART_BAD_POD, "stdout", "received SIGTERM, draining connections", "info")
    line(restart, CART_BAD_POD, "stdout", "server listening on :8080", "info", version="2.14.3")
    for pod in CART_PODS:
        line(nz(START_MS + rng.randrange(2000, 9000)), pod, "stdout", "cache warm", "info",
             entries=rng.randint(900, 1200))
    for ms in arrivals(rng, 240.0):
        line(ms, rng.choice(CART_PODS), "stderr", "(node:1) Warning: Setting the NODE_TLS_REJECT_UNAUTHORIZED "
             "environment variable to '0' is insecure", "warn")
    return emit(ev)


# --------------------------------------------------------------------------- 2: Go logfmt, ledger service

LEDGER_ROUTES = [("GET", "/v1/accounts/:id", 35, 0.008, "accounts"), ("GET", "/v1/accounts/:id/entries", 20, 0.025,
                                                                       "ledger_entries"),
                 ("POST", "/v1/transfers", 15, 0.060, "transfers"), ("GET", "/v1/rates", 10, 0.005, None),
                 ("POST", "/v1/holds", 8, 0.030, "holds")]


def logfmt_val(v) -> str:
    s = str(v)
    return f'"{s}"' if (" " in s or "=" in s or '"' in s or s == "") else s


def gen_ledger(rng: random.Random) -> list[str]:
    ev: list[tuple[int, int, str]] = []
    seq = 0

    def line(ms: int, level: str, caller: str, msg: str, **kv) -> None:
        nonlocal seq
        seq += 1
        parts = [f"time={iso_ms(ms)}", f"level={level}", f"caller={caller}", f'msg="{msg}"']
        parts += [f"{k}={logfmt_val(v)}" for k, v in kv.items()]
        ev.append((ms, seq, " ".join(parts)))

    for ms in arrivals(rng, 1.45):
        method, path, _, median, table = weighted(rng, LEDGER_ROUTES, [r[2] for r in LEDGER_ROUTES])
        rid = hexid(rng, 16)
        took = lognorm(rng, median, 0.45)
        status = 200 if method == "GET" else 201
        slow_db = at("10:25") <= ms < at("10:40")
        if table:
            dur = lognorm(rng, median * 0.4, 0.6)
            if slow_db:
                dur *= rng.uniform(25.0, 90.0)
            took += dur
            qms = nz(ms + max(1, int(dur * 1000)))
            if dur >= 1.0:
                line(qms, "warn", "store/pg.go:131", "slow query", req_id=rid, table=table, dur=go_dur(dur))
            else:
                line(qms, "debug", "store/pg.go:77", "db query", req_id=rid, table=table,
                     rows=rng.randint(0, 40), dur=go_dur(dur))
        if path == "/v1/rates" and at("11:05") <= ms < at("11:12") and rng.random() < 0.7:
            took = rng.uniform(5.0005, 5.004)
            line(nz(ms + 5000), "error", "fx/client.go:58", "fetch rates failed", req_id=rid,
                 err="upstream fx-rates: context deadline exceeded")
            status = 504
        elif path == "/v1/accounts/:id" and rng.random() < 0.02:
            status = 404
        elif method == "POST" and rng.random() < 0.012:
            status = 422
            line(nz(ms + 2), "warn", "httpapi/validate.go:44", "validation failed", req_id=rid,
                 err="amount must be positive")
        done = nz(ms + max(1, int(took * 1000)))
        level = "error" if status >= 500 else "info"
        line(done, level, "httpapi/server.go:142", "request completed", req_id=rid, method=method, path=path,
             status=status, took=go_dur(took), bytes=rng.randint(120, 2400))
    for i in range(18):
        ms = nz(at("09:00") + i * 600_000 + rng.randrange(20_000, 40_000))
        elapsed = rng.uniform(18.0, 150.0)
        if at("10:20") <= ms < at("10:40"):
            elapsed += rng.uniform(120.0, 200.0)
        line(ms, "info", "settle/batch.go:201", "batch settled", batch=f"b-{i + 1:04d}",
             items=rng.randint(800, 4000), elapsed=go_dur(elapsed))
    for ms in arrivals(rng, 600.0):
        line(ms, "warn", "httpapi/auth.go:40", "token expiring soon", client=rng.choice(["mobile", "partner-a",
                                                                                         "backoffice"]))
    line(nz(START_MS + 1234), "info", "cmd/ledger/main.go:61", "listening", addr=":8080", version="v1.31.2")
    return emit(ev)


# --------------------------------------------------------------------------- 3: ingress-nginx access log

EDGE_UPSTREAMS = {  # upstream: (paths, weight, median seconds, endpoints, size range)
    "shop-web-80": (["/", "/products/{n}", "/category/{w}", "/static/app.{h}.js"], 40, 0.030,
                    ["10.244.1.12:80", "10.244.2.40:80", "10.244.3.8:80"], (2000, 90000)),
    "shop-catalog-8080": (["/api/products?page={n}", "/api/products/{n}"], 30, 0.045,
                          ["10.244.2.17:8080", "10.244.4.9:8080"], (400, 12000)),
    "shop-cart-8080": (["/api/cart", "/api/cart/items"], 20, 0.025, ["10.244.1.30:8080", "10.244.3.51:8080"],
                       (150, 2500)),
    "auth-login-9000": (["/login"], 10, 0.080, ["10.244.5.6:9000"], (300, 900)),
}
EDGE_CANARY = ("shop-cart-canary-8080", "10.244.6.2:8080")
EDGE_WORDS = ["shoes", "bags", "outdoor", "kitchen", "toys", "garden"]
EDGE_SCRAPER = "203.0.113.99"


def gen_ingress(rng: random.Random) -> list[str]:
    ev: list[tuple[int, int, str]] = []
    seq = 0
    clients = [public_ip(rng) for _ in range(650)]

    def line(ms, ip, method, path, status, size, ua, req_len, rt, up, alt, addr, ursize, urt, ustatus):
        nonlocal seq
        seq += 1
        ts = dt(ms).strftime("%d/%b/%Y:%H:%M:%S +0000")
        ref = "https://shop.example.com/" if method == "GET" and not path.startswith("/api") else "-"
        ev.append((ms, seq, f'{ip} - - [{ts}] "{method} {path} HTTP/1.1" {status} {size} "{ref}" "{ua}" {req_len} '
                            f"{rt:.3f} [{up}] [{alt}] {addr} {ursize} {urt} {ustatus} {hexid(rng, 32)}"))

    names = list(EDGE_UPSTREAMS)
    n = 14000
    for _ in range(n):
        ms = rand_s(rng)
        up = weighted(rng, names, [EDGE_UPSTREAMS[u][1] for u in names])
        paths, _, median, endpoints, (lo, hi) = EDGE_UPSTREAMS[up]
        path = rng.choice(paths).format(n=rng.randint(1, 4000), w=rng.choice(EDGE_WORDS), h=hexid(rng, 8))
        method = "POST" if up == "auth-login-9000" or (path == "/api/cart/items") else "GET"
        addr, alt = rng.choice(endpoints), ""
        if up == "shop-cart-8080" and rng.random() < 0.1:
            alt, addr = EDGE_CANARY
        urt = lognorm(rng, median)
        if up == "shop-web-80" and at("11:00") <= ms < at("11:15"):
            urt = rng.uniform(2.0, 9.0)
        status, size = 200, rng.randint(lo, hi)
        if up == "shop-catalog-8080" and at("10:30") <= ms < at("10:45") and rng.random() < 0.5:
            status, size, urt = 503, 190, rng.uniform(0.001, 0.004)
        elif rng.random() < 0.02:
            status, size = 404, 153
        elif up == "auth-login-9000" and rng.random() < 0.08:
            status, size = 401, 61
        rt = urt + rng.uniform(0.0, 0.002)
        line(ms, rng.choice(clients), method, path, status, size, rng.choice(UAS), rng.randint(180, 900), rt, up, alt,
             addr, size, f"{urt:.3f}", status)
    for ms in sorted(rand_s(rng, at("11:40"), at("11:55")) for _ in range(1300)):
        path = f"/api/products?page={rng.randint(1, 900)}"
        if ms >= at("11:47"):
            line(ms, EDGE_SCRAPER, "GET", path, 429, 162, "python-requests/2.32.3", 210, 0.0,
                 "shop-catalog-8080", "", "-", "-", "-", "-")
        else:
            urt = lognorm(rng, 0.045)
            size = rng.randint(400, 12000)
            line(ms, EDGE_SCRAPER, "GET", path, 200, size, "python-requests/2.32.3", 210, urt + 0.001,
                 "shop-catalog-8080", "", rng.choice(EDGE_UPSTREAMS["shop-catalog-8080"][3]), size, f"{urt:.3f}",
                 200)
    return emit(ev)


# --------------------------------------------------------------------------- 4: Envoy JSON access log (Contour)

ENVOY_CLUSTERS = {  # cluster: (authority, paths, weight, median ms, hosts, size range)
    "storefront/web/80/da39a3ee5e": ("www.example.shop", ["/", "/p/{n}", "/c/{w}"], 35, 25,
                                     ["10.244.2.11:80", "10.244.3.19:80"], (3000, 80000)),
    "storefront/search/8080/5e0d9f2c1a": ("api.example.shop", ["/api/search?q={w}"], 20, 60,
                                          ["10.244.4.31:8080", "10.244.5.12:8080"], (500, 20000)),
    "storefront/reviews/9080/7b3c41e8d2": ("api.example.shop", ["/api/reviews/{n}"], 15, 20,
                                           ["10.244.6.21:9080", "10.244.7.44:9080"], (200, 6000)),
    "storefront/checkout/8443/c2a9e7f310": ("api.example.shop", ["/api/checkout"], 8, 140,
                                            ["10.244.8.3:8443"], (100, 800)),
    "storefront/media/80/91fe0d4c7b": ("img.example.shop", ["/i/{h}.jpg"], 22, 8,
                                       ["10.244.9.5:80", "10.244.9.6:80"], (8000, 400000)),
}
ENVOY_BAD_HOST = "10.244.6.21:9080"
ENVOY_SCRAPER = "192.0.2.150"


def gen_envoy(rng: random.Random) -> list[str]:
    ev: list[tuple[int, int, str]] = []
    seq = 0
    clients = [public_ip(rng) for _ in range(500)]
    names = list(ENVOY_CLUSTERS)

    def line(ms, cluster, path, method, code, flags, dur, host, sent, xff):
        nonlocal seq
        seq += 1
        authority = ENVOY_CLUSTERS[cluster][0]
        obj = {"@timestamp": iso_ms(ms), "authority": authority, "bytes_received": 0 if method == "GET" else 412,
               "bytes_sent": sent, "downstream_local_address": "10.244.0.9:8080",
               "downstream_remote_address": f"10.244.0.{rng.randint(2, 6)}:{rng.randint(30000, 60000)}",
               "duration": dur, "method": method, "path": path, "protocol": "HTTP/1.1",
               "request_id": f"{hexid(rng, 8)}-{hexid(rng, 4)}-{hexid(rng, 4)}-{hexid(rng, 4)}-{hexid(rng, 12)}",
               "requested_server_name": authority, "response_code": code, "response_flags": flags,
               "uber_trace_id": None, "upstream_cluster": cluster, "upstream_host": host,
               "upstream_local_address": None if host is None else f"10.244.0.9:{rng.randint(30000, 60000)}",
               "upstream_service_time": None if host is None or code >= 500 else str(max(0, dur - 1)),
               "user_agent": rng.choice(UAS), "x_forwarded_for": xff}
        ev.append((ms, seq, dumps(obj)))

    for ms in arrivals(rng, 1.05):
        cluster = weighted(rng, names, [ENVOY_CLUSTERS[c][2] for c in names])
        _, paths, _, median, hosts, (lo, hi) = ENVOY_CLUSTERS[cluster]
        path = rng.choice(paths).format(n=rng.randint(1, 9000), w=rng.choice(EDGE_WORDS), h=hexid(rng, 10))
        method = "POST" if "checkout" in cluster else "GET"
        host = rng.choice(hosts)
        dur = max(1, int(lognorm(rng, median)))
        code, flags, sent = 200, "-", rng.randint(lo, hi)
        if host == ENVOY_BAD_HOST and at("10:10") <= ms < at("10:25"):
            code, flags, sent, dur = 503, "UF", 91, rng.randint(1, 4)
        elif "search" in cluster and at("10:50") <= ms < at("11:05"):
            dur = int(rng.uniform(800, 6500))
            if dur > 5000:
                code, flags, sent, dur = 504, "UT", 24, 5000 + rng.randint(0, 3)
        elif rng.random() < 0.015:
            code, sent = 404, 0
        line(ms, cluster, path, method, code, flags, dur, host, sent, rng.choice(clients))
    for ms in arrivals(rng, 0.45, at("11:30"), at("11:40")):
        path = f"/api/search?q={rng.choice(EDGE_WORDS)}&page={rng.randint(1, 60)}"
        if rng.random() < 0.55:
            line(ms, "storefront/search/8080/5e0d9f2c1a", path, "GET", 429, "RL", 0, None, 18, ENVOY_SCRAPER)
        else:
            line(ms, "storefront/search/8080/5e0d9f2c1a", path, "GET", 200, "-", max(1, int(lognorm(rng, 60))),
                 rng.choice(ENVOY_CLUSTERS["storefront/search/8080/5e0d9f2c1a"][4]), rng.randint(500, 20000),
                 ENVOY_SCRAPER)
    return emit(ev)


# --------------------------------------------------------------------------- 5: Java ECS JSON with OTel k8s keys

PAY_PODS = ["payments-5c9f7d8b6-2kqwd", "payments-5c9f7d8b6-7mxrt", "payments-5c9f7d8b6-wl4zn"]
PAY_NODES = {"payments-5c9f7d8b6-2kqwd": "ip-10-0-3-17", "payments-5c9f7d8b6-7mxrt": "ip-10-0-4-52",
             "payments-5c9f7d8b6-wl4zn": "ip-10-0-5-9"}
PAY_SLOW_POD = "payments-5c9f7d8b6-7mxrt"


def gen_payments(rng: random.Random) -> list[str]:
    ev: list[tuple[int, int, str]] = []
    seq = 0
    merchants = [f"m-{n:04d}" for n in rng.sample(range(1, 3000), 180)]

    def line(ms, pod, level, logger, message, **fields):
        nonlocal seq
        seq += 1
        obj = {"@timestamp": iso_ms(ms), "log.level": level, "message": message, "ecs.version": "1.2.0",
               "service.name": "payments", "process.thread.name": f"http-nio-8080-exec-{rng.randint(1, 24)}",
               "log.logger": logger, "k8s.namespace.name": "payments", "k8s.pod.name": pod,
               "k8s.container.name": "payments", "k8s.node.name": PAY_NODES[pod]}
        obj.update(fields)
        ev.append((ms, seq, dumps(obj)))

    for ms in arrivals(rng, 1.3):
        pod = rng.choice(PAY_PODS)
        merchant = rng.choice(merchants)
        amount = round(min(4000.0, lognorm(rng, 38.0, 0.8)), 2)
        currency = weighted(rng, ["EUR", "USD", "GBP"], [70, 20, 10])
        charge = f"ch_{hexid(rng, 14)}"
        trace = hexid(rng, 32)
        elapsed_us = int(lognorm(rng, 180_000, 0.4))
        if pod == PAY_SLOW_POD and at("11:10") <= ms < at("11:25"):
            elapsed_us *= rng.randint(4, 7)
        common = {"trace.id": trace, "charge.id": charge, "merchant.id": merchant, "amount": amount,
                  "currency": currency}
        if at("10:35") <= ms < at("10:50") and rng.random() < 0.45:
            line(nz(ms + 30_000), pod, "ERROR", "com.acme.payments.AcquirerClient",
                 "Charge failed: acquirer did not answer", **common, elapsed_us=30_000_000 + rng.randint(100, 9000),
                 **{"error.type": "java.net.SocketTimeoutException", "error.message": "Read timed out"})
            continue
        if rng.random() < 0.04:
            line(ms, pod, "WARN", "com.acme.payments.ChargeService", "Charge declined", **common,
                 elapsed_us=elapsed_us, **{"decline.reason": rng.choice(["insufficient_funds", "do_not_honor",
                                                                         "expired_card"])})
            continue
        line(ms, pod, "INFO", "com.acme.payments.ChargeService", "Charge captured", **common, elapsed_us=elapsed_us)
        if rng.random() < 0.03:
            line(nz(ms + rng.randrange(60_000, 600_000)) if ms < END_MS - 600_000 else nz(ms + 1500), pod, "INFO",
                 "com.acme.payments.RefundService", "Refund issued",
                 **{"charge.id": charge, "merchant.id": merchant, "amount": amount, "currency": currency})
    for pod in PAY_PODS:
        for ms in arrivals(rng, 30.0):
            line(ms, pod, "DEBUG", "com.acme.payments.health.ReadinessProbe", "Readiness probe OK")
    line(nz(at("11:52:18") + 233), "payments-5c9f7d8b6-wl4zn", "WARN", "com.zaxxer.hikari.pool.HikariPool",
         "HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=1m2s).")
    return emit([e for e in ev if e[0] < END_MS])


# --------------------------------------------------------------------------- 6: klog CSI attacher

CSI_NODES = [f"ip-10-0-{a}-{b}" for a, b in [(1, 23), (1, 77), (2, 88), (2, 14), (3, 31), (3, 102), (4, 9),
                                              (4, 66), (5, 140), (5, 18), (6, 201), (6, 45)]]
CSI_BAD_NODE = "ip-10-0-2-88"


def klog_head(sev: str, ms: int, rng_us: int, src: str) -> str:
    d = dt(ms)
    return f"{sev}{d:%m%d} {d:%H:%M:%S}.{ms % 1000:03d}{rng_us:03d}       1 {src}]"


def gen_csi(rng: random.Random) -> list[str]:
    ev: list[tuple[int, int, str]] = []
    seq = 0

    def line(ms, sev, src, text):
        nonlocal seq
        seq += 1
        ev.append((ms, seq, f"{klog_head(sev, ms, rng.randrange(1000), src)} {text}"))

    lease = "kube-system/external-attacher-leader-ebs-csi-aws-com"
    line(nz(START_MS + 412), "I", "leaderelection.go:250", f"attempting to acquire leader lease {lease}...")
    line(nz(START_MS + 1877), "I", "leaderelection.go:260", f"successfully acquired lease {lease}")
    lost = at("11:17:43") + 508
    line(nz(lost - 10_000), "E", "leaderelection.go:332",
         f'error retrieving resource lock {lease}: Get "https://172.20.0.1:443/apis/coordination.k8s.io/v1/'
         f'namespaces/kube-system/leases/external-attacher-leader-ebs-csi-aws-com": context deadline exceeded')
    line(lost, "E", "leaderelection.go:285", f"failed to renew lease {lease}: timed out waiting for the condition")
    line(nz(lost + 1), "F", "main.go:412", "stopped leading")
    back = lost + 21_347
    line(nz(back), "I", "main.go:95", 'Version: v4.6.1')
    line(nz(back + 390), "I", "leaderelection.go:250", f"attempting to acquire leader lease {lease}...")
    line(nz(back + 4118), "I", "leaderelection.go:260", f"successfully acquired lease {lease}")
    down = (lost + 2, back + 4118)

    vols = []
    for ms in arrivals(rng, 4.2):
        if down[0] <= ms < down[1]:
            continue
        node = rng.choice(CSI_NODES)
        vol = f"pvc-{hexid(rng, 8)}-{hexid(rng, 4)}-{hexid(rng, 4)}-{hexid(rng, 4)}-{hexid(rng, 12)}"
        va = f"csi-{hexid(rng, 64)}"
        line(ms, "I", "csi_handler.go:228", f'"Attaching volume" volume="{vol}" node="{node}" attachment="{va}"')
        fail_p = 0.7 if node == CSI_BAD_NODE and at("10:45") <= ms < at("11:00") else 0.03
        attempt, t = 1, ms
        while rng.random() < fail_p and attempt <= 4:
            t = nz(t + rng.randrange(10_000, 15_000))
            line(t, "E", "csi_handler.go:712", f'"Failed to attach volume" err="rpc error: code = DeadlineExceeded '
                 f'desc = context deadline exceeded" volume="{vol}" node="{node}" attempt={attempt}')
            attempt += 1
            t = nz(t + rng.randrange(1000, 5000))
        dur = lognorm(rng, 1.6, 0.45) + (t - ms) / 1000.0
        t = nz(ms + int(dur * 1000) + 3)
        line(t, "I", "csi_handler.go:301", f'"Attached volume" volume="{vol}" node="{node}" attachment="{va}" '
             f'duration="{go_dur(dur)}"')
        vols.append((t, vol, node))
    for t0, vol, node in vols:
        if rng.random() < 0.55:
            ms = nz(t0 + rng.randrange(120_000, 3_000_000))
            if ms >= END_MS or down[0] <= ms < down[1]:
                continue
            dur = lognorm(rng, 4.5, 0.6)
            if rng.random() < 0.02:
                dur = rng.uniform(65.0, 170.0)
                line(nz(ms + 60_000), "W", "csi_handler.go:455", f'"Detach is taking longer than expected" '
                     f'volume="{vol}" node="{node}" elapsed="1m0.{rng.randrange(100, 999)}s"')
            line(ms, "I", "csi_handler.go:420", f'"Detaching volume" volume="{vol}" node="{node}"')
            line(nz(ms + int(dur * 1000) + 5), "I", "csi_handler.go:489",
                 f'"Detached volume" volume="{vol}" node="{node}" duration="{go_dur(dur)}"')
    for ms in arrivals(rng, 300.0):
        if not down[0] <= ms < down[1]:
            line(ms, "I", "reflector.go:351", f"Watch close - *v1.VolumeAttachment total {rng.randint(3, 90)} "
                                               "items received")
    for ms in arrivals(rng, 97.0):
        if not down[0] <= ms < down[1]:
            line(ms, "W", "controller.go:178", f'"Ignoring VolumeAttachment for another driver" '
                                                f'driver="efs.csi.aws.com" attachment="csi-{hexid(rng, 64)}"')
    return emit([e for e in ev if e[0] < END_MS])


FILES = [
    ("cart-pods.jsonl", "k8s-shipper-json",
     '{namespace="shop",app="cart",container="cart"}', gen_cart, 1,
     "10:05–10:20 redis pool timeouts on cart-7f9c6d5b8-q8wzp (500), restart 10:21:07; 10:40–10:55 slow checkout; "
     "11:20–11:35 user u-4242 polls the summary, 429 from 11:27"),
    ("ledger-svc.log", "go-logfmt",
     '{namespace="finance",app="ledger",pod="ledger-6d5f8c7b9-vr2kx",container="ledger"}', gen_ledger, 2,
     "10:25–10:40 slow database (slow query warnings, long requests); 11:05–11:12 fx-rates deadline exceeded (504); "
     "settlement batch every 10 minutes"),
    ("ingress-edge.log", "ingress-nginx",
     '{namespace="ingress-nginx",app="ingress-nginx",pod="ingress-nginx-controller-5d8c6b7f9-x7k2p",'
     'container="controller"}', gen_ingress, 3,
     "10:30–10:45 shop-catalog-8080 503s; 11:00–11:15 shop-web-80 slow; 11:40–11:55 scraper 203.0.113.99, 429 "
     "from 11:47; 10% of cart traffic to the canary"),
    ("contour-envoy.jsonl", "envoy-json",
     '{namespace="projectcontour",app="envoy",pod="envoy-8kx2n",container="envoy"}', gen_envoy, 4,
     "10:10–10:25 reviews host 10.244.6.21:9080 connection failures (503 UF); 10:50–11:05 search slow, 504 UT; "
     "11:30–11:40 192.0.2.150 scrapes search, rate limited (429 RL)"),
    ("payments-ecs.jsonl", "ecs-json-otel-keys",
     '{namespace="payments",app="payments",container="payments"}', gen_payments, 5,
     "10:35–10:50 acquirer timeouts (ERROR, 30 s); 11:10–11:25 pod payments-5c9f7d8b6-7mxrt slow"),
    ("csi-attacher.log", "klog-csi",
     '{namespace="kube-system",app="ebs-csi-controller",container="csi-attacher"}', gen_csi, 6,
     "10:45–11:00 attach failures on ip-10-0-2-88; 11:17:43 lease lost, reacquired about 25 s later"),
]


def main(argv: list[str]) -> int:
    return write_set(argv, SEED, FILES, "manifest_heldout7.json", (22, 18))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
