#!/usr/bin/env python3
"""Generate the AskLoki ask-evaluation logs (deterministic, standard library only).

    python3 eval/ask/gen_logs.py [OUT_DIR]        # default: target/eval-logs

Writes twenty-one log files covering 2026-12-06 09:00:00Z .. 12:00:00Z and a
`manifest.json` naming, for each file, its shape, the stream labels to pass to
`askloki ask --labels`, the time span, the number of lines and its SHA-256.

Shapes:
  shop-checkout.jsonl    JSON lines (flat fields, `ts`, upper-case `level`, `msg`, nested `cart`)
  shop-payments.jsonl    JSON lines (nested `http`, `provider`, `amount`; lower-case `level`)
  shop-inventory.jsonl   JSON lines (`time`, `message`, lower-case `level`)
  auth-authd.log         logfmt from a Go service (slog text handler, Go durations)
  ingress-nginx.log      ingress-nginx access log (combined format plus the upstream fields)
  billing-api.log        Java / log4j layout with multi-line stack traces
  recommender.log        Python `logging` default-ish layout, with tracebacks
  infra-syslog.log       syslog RFC 5424 (kubelet/klog, containerd/logrus, kernel, sshd, ...)
  httpd-error.log        Apache httpd 2.4 error log (plain text, no fields)       } held-out set 2
  api-gateway.jsonl      Go zap JSON with short keys (L, T epoch-ms float, N, M)  } only
  rollout-controller.log klog from a controller-runtime operator                 }
  postgres.log           PostgreSQL stderr log (DETAIL/STATEMENT lines, tab continuations)  } held-out set 3
  haproxy.log            HAProxy HTTP log via syslog (no year; ms in the accept date)       } only
  notifications.jsonl    Node.js pino JSON (numeric levels, epoch-ms time, nested req/res)  }
  kafka-server.log       Kafka broker server.log with Java exception lines                 }
  storefront-envoy.log   Istio sidecar (Envoy default text access log)                      } held-out set 4
  mongod.jsonl           MongoDB structured JSON log (t.$date, s, c, id, ctx, msg, attr)    } only
  fleet-auth.log         auth.log of six hosts (sshd, sudo, CRON), RFC 3164, no year        }
  orders-spring.log      Spring Boot console log with stack traces                          }
  traefik-access.jsonl   Traefik JSON access log (Duration in ns, `time` to the second)     }
  redis.log              Redis server log, loglevel verbose                                 }

Every random choice goes through `Rng`, which only uses `random.Random.random()`
(whose sequence Python keeps stable across versions), so the files are
byte-identical on every run; `eval/ask/files.json` records their hashes.
Incidents (what the questions probe) are listed in INCIDENTS below and in the
manifest. No line falls on a whole minute (sub-second timestamps never end in
.000; the second-resolution lines never use second :00), so windows given
as whole minutes have no boundary ambiguity.
"""
from __future__ import annotations

import hashlib
import json
import math
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

SEED = 20261206
UTC = timezone.utc
START = datetime(2026, 12, 6, 9, 0, 0, tzinfo=UTC)
SPAN_S = 3 * 3600
START_MS = int(START.timestamp()) * 1000
END = START + timedelta(seconds=SPAN_S)


def rfc3339(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


INCIDENTS = {
    "shop-checkout.jsonl": [
        "10:20-10:35 payment authorization failures (ERROR, status 502), user u-1337 retries a lot",
        "11:10-11:25 slow period: duration_ms about 6x on every path",
        "11:40-11:52 pod checkout-7d9f8c6b5-kx2lp: price cache connection refused (ERROR)",
    ],
    "shop-payments.jsonl": [
        "10:18-10:33 provider adyen times out (level error, http.status 504, provider.latency_ms ~30000)",
    ],
    "shop-inventory.jsonl": [
        "11:40-11:48 db pool exhausted (error), mostly on pod inventory-6b8d9c7f5-zr4kd",
        "SKU-10042 runs low all morning",
    ],
    "auth-authd.log": [
        "10:45-11:00 brute force from 203.0.113.45 (login failed), then `ip blocked`",
        "11:20-11:35 slow LDAP: login durations in seconds, some `ldap bind failed` errors",
        "key rotation at 09:30, 10:30, 11:30 with minute-long Go durations (2m3.5s)",
        "10.0.0.7 is the billing service account's address",
    ],
    "ingress-nginx.log": [
        "10:20-10:35 upstream shop-checkout-8080 returns 502/504",
        "11:30-11:45 noisy client 198.51.100.23 (python-requests) scrapes /products, 429 after 11:35",
    ],
    "billing-api.log": [
        "10:50-11:05 database outage: PSQLException stack traces, Hikari timeouts",
        "background SMTP failures (MessagingException) and NullPointerExceptions with stack traces",
    ],
    "recommender.log": [
        "10:40-10:50 Redis connection refused errors",
        "11:00 model reload to recsys-v43; one CRITICAL out-of-memory restart at about 11:47",
    ],
    "infra-syslog.log": [
        "09:40-09:55 SSH password guessing on node-2 from 45.134.26.79",
        "11:05-11:15 OOM kills on node-4 (one more on node-2 at about 10:12)",
    ],
    "httpd-error.log": [
        "10:05-10:20 backend 10.0.3.21:8080 refuses connections (AH00957 / AH01114, AH00959 once a minute)",
        "10:42:17 graceful restart (AH00493, AH00489)",
        "11:25-11:40 scanner 185.220.101.34 probes (AH01630 client denied, AH10244); MaxRequestWorkers reached at 11:31:44",
    ],
    "api-gateway.jsonl": [
        "10:30-10:45 tenant globex rate limited (code 429, M=rate limit exceeded)",
        "11:15-11:30 upstream orders-svc slow on /v2/orders (latency x40), 504 context deadline exceeded; breaker opens",
    ],
    "rollout-controller.log": [
        "10:50-11:05 optimistic-lock conflicts (Reconciler error, mostly shop/checkout) and client-side throttling",
        "11:35:27 leader lease lost (after resource lock errors), manager restarts about 38 s later",
    ],
    "postgres.log": [
        "10:10-10:25 lock contention on inventory: lock waits, multi-second UPDATEs, deadlocks; heavier checkpoints 10:05-10:30",
        "11:40-11:50 connection slots exhausted (FATAL too many clients), mostly reporting@analytics from 10.0.7.31",
        "background: duplicate keys, reporting statement timeouts, etl password failures, autovacuum",
    ],
    "haproxy.log": [
        "10:35:07 be_api/api-3 dies (503 SC--), marked DOWN 10:35:19, UP 10:49:41; be_api queue timeouts (503 sQ--) meanwhile",
        "10:55-11:10 scanner 192.0.2.77 denied (403 PR--, <NOSRV>)",
        "11:15-11:30 be_search slow (Tr in seconds), some 504 sH--",
    ],
    "notifications.jsonl": [
        "10:05-10:20 smtp-relay connect ETIMEDOUT (level 50 delivery failed, level 40 retries)",
        "10:50-11:05 tenant hooli floods POST /v1/messages, 429",
        "11:20-11:33 memory leak: event loop lag, slower responses; 11:33:41 fatal (60) crash, back 7.6 s later",
    ],
    "kafka-server.log": [
        "10:40-10:55 broker 2 unreachable: fetch errors, ISR shrinks (orders-3 twice), NotEnoughReplicas on payments-4",
        "11:10-11:20 consumer group orders-consumer rebalances repeatedly",
        "background: client 10.0.9.14 sends HTTP to the broker port (InvalidReceiveException)",
    ],
    "storefront-envoy.log": [
        "10:15-10:30 reviews pod 10.244.3.22 refuses connections: outbound 503 UF,URX",
        "11:20-11:35 pricing slow (duration ~1.4 s), 504 UT (response_timeout) at the 3 s route timeout",
        "background: uptime checker 198.51.100.14 (X-Forwarded-For) polls /products every ~15 s",
    ],
    "mongod.jsonl": [
        "10:05-10:25 COLLSCAN slow queries on shop.orders (~1.2M docs examined, ~2.3 s)",
        "11:02-11:06 WiredTiger write errors (No space left on device, severity E)",
        "11:15-11:25 connection storm from 10.2.0.55 (etl_batch opens short-lived connections)",
        "11:42:13 replSetStepDown: PRIMARY -> SECONDARY; 11:48-11:56 reporting auth failures from 10.2.3.40",
    ],
    "fleet-auth.log": [
        "10:10-10:25 ssh brute force on bastion-01 from 45.95.147.12 (root and invalid users)",
        "11:05-11:10 kevin fails sudo on app-02 (3 incorrect password attempts) and is not in sudoers on web-01",
        "11:30 ansible release by deploy on every internal host (apt-get install, systemctl restart)",
        "cron on every host; db-01 runs a healthcheck every minute",
    ],
    "orders-spring.log": [
        "10:40-10:55 payment calls time out: WARN retries, ERROR `Payment failed` with ResourceAccessException traces",
        "11:30:12 graceful shutdown, 11:30:31 restart, `Started OrdersApplication` at 11:30:40",
        "background: NullPointerException traces from dispatcherServlet, insufficient-stock warnings",
    ],
    "traefik-access.jsonl": [
        "10:25-10:40 billing-api backend unreachable: 502 (OriginStatus 0, RetryAttempts 2)",
        "11:10-11:25 client 203.0.113.77 (python-httpx) hammers /api/search; rate limited (429) from 11:12",
    ],
    "redis.log": [
        "10:30-10:45 memory pressure: pubsub clients (mostly 10.3.2.31) closed for output buffer limits; "
        "10:33-10:41 slow AOF fsync",
        "11:10:27 replica 10.3.0.12 lost, full resync from 11:10:41",
        "verbose: DB 0 key counts and clients/memory every 5 s, client connects and closes, BGSAVE every 5 min",
    ],
}


class Rng:
    """Deterministic helpers built only on random.Random.random()."""

    def __init__(self, seed: int):
        self._r = random.Random(seed)

    def u(self) -> float:
        return self._r.random()

    def int(self, a: int, b: int) -> int:  # inclusive
        return a + min(int(self.u() * (b - a + 1)), b - a)

    def chance(self, p: float) -> bool:
        return self.u() < p

    def choice(self, seq):
        return seq[min(int(self.u() * len(seq)), len(seq) - 1)]

    def weighted(self, pairs):
        """pairs: [(value, weight), ...]"""
        total = sum(w for _, w in pairs)
        x = self.u() * total
        for v, w in pairs:
            x -= w
            if x < 0:
                return v
        return pairs[-1][0]

    def normal(self) -> float:
        u1 = max(self.u(), 1e-12)
        u2 = self.u()
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2 * math.pi * u2)

    def lognormal(self, median: float, sigma: float) -> float:
        return median * math.exp(sigma * self.normal())

    def poisson(self, lam: float) -> int:
        if lam <= 0:
            return 0
        limit, k, p = math.exp(-lam), 0, 1.0
        while True:
            p *= self.u()
            if p <= limit:
                return k
            k += 1

    def hex(self, n: int) -> str:
        return "".join("0123456789abcdef"[self.int(0, 15)] for _ in range(n))

    def zipf_table(self, values, s: float):
        vals = list(values)
        # a deterministic shuffle so popularity is not ordered by name
        for i in range(len(vals) - 1, 0, -1):
            j = self.int(0, i)
            vals[i], vals[j] = vals[j], vals[i]
        return [(v, 1.0 / (i + 1) ** s) for i, v in enumerate(vals)]


def off(hhmm: str) -> int:
    """Seconds since START of a wall-clock time HH:MM[:SS] on 2026-12-06 (UTC)."""
    parts = [int(p) for p in hhmm.split(":")]
    h, m, s = (parts + [0, 0])[:3]
    return (h - 9) * 3600 + m * 60 + s


def within(sec: int, a: str, b: str) -> bool:
    return off(a) <= sec < off(b)


def arrivals(rng: Rng, rate, whole_seconds: bool = False):
    """Event times (ms since epoch) of a Poisson process whose rate(sec) is per second."""
    out = []
    for sec in range(SPAN_S):
        if whole_seconds and sec % 60 == 0:
            continue
        for _ in range(rng.poisson(rate(sec))):
            if whole_seconds:
                out.append(START_MS + sec * 1000)
            else:
                out.append(START_MS + sec * 1000 + rng.int(1, 999))
    out.sort()
    return out


def traffic(sec: int) -> float:
    """A gentle morning ramp with a wobble (1.0 on average)."""
    x = sec / SPAN_S
    return 0.8 + 0.4 * x + 0.08 * math.sin(x * 9.0)


def iso_ms(ms: int) -> str:
    dt = datetime.fromtimestamp(ms / 1000, tz=UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def nz(ms: int) -> int:
    """Keep sub-second timestamps off whole seconds (so never on a whole minute)."""
    return ms + 1 if ms % 1000 == 0 else ms


def dt_of(ms: int) -> datetime:
    return datetime.fromtimestamp(ms // 1000, tz=UTC)


def go_duration(ns: int) -> str:
    """Go's time.Duration.String()."""
    if ns == 0:
        return "0s"
    neg = ns < 0
    u = -ns if neg else ns
    if u < 1_000_000_000:
        if u < 1_000:
            s = f"{u}ns"
        elif u < 1_000_000:
            s = _frac(u, 1_000) + "µs"
        else:
            s = _frac(u, 1_000_000) + "ms"
    else:
        h, rem = divmod(u, 3600 * 10**9)
        m, rem = divmod(rem, 60 * 10**9)
        s = _frac(rem, 10**9) + "s"
        if h:
            s = f"{h}h{m}m" + s
        elif m:
            s = f"{m}m" + s
    return ("-" if neg else "") + s


def _frac(v: int, unit: int) -> str:
    whole, frac = divmod(v, unit)
    if not frac:
        return str(whole)
    digits = len(str(unit)) - 1
    return f"{whole}." + f"{frac:0{digits}d}".rstrip("0")


def jdump(obj) -> str:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


USERS = [f"u-{i}" for i in range(1000, 1600)]
FIRST_NAMES = (
    "alice bob carol dave erin frank grace heidi ivan judy mallory niaj olivia peggy rupert sybil "
    "trent victor walter xavier yolanda zoe aaron bianca chen dmitri elena fatima gustavo hana igor "
    "jamal kenji lena marco nadia omar priya quinn rosa sanjay tomas uma vera wen yusuf zara"
).split()


# --------------------------------------------------------------------------- JSON services


def gen_checkout(rng: Rng):
    pods = ["checkout-7d9f8c6b5-kx2lp", "checkout-7d9f8c6b5-q8zvn", "checkout-7d9f8c6b5-w4r7t"]
    users = rng.zipf_table(USERS, 0.6)
    skus = [f"SKU-{i}" for i in range(10000, 10500)]
    paths = [
        ("GET", "/api/v1/cart", 35.0, 0.35),
        ("POST", "/api/v1/cart/items", 48.0, 0.20),
        ("GET", "/api/v1/orders/{id}", 60.0, 0.15),
        ("POST", "/api/v1/checkout", 180.0, 0.20),
        ("GET", "/api/v1/shipping/quote", 95.0, 0.10),
    ]
    events = []
    for ms in arrivals(rng, lambda s: 1.0 * traffic(s)):
        events.append((ms, "normal"))
    for ms in arrivals(rng, lambda s: 0.6 if within(s, "10:20", "10:35") else 0.0):
        events.append((ms, "payfail"))
    for ms in arrivals(rng, lambda s: 0.2 if within(s, "11:40", "11:52") else 0.0):
        events.append((ms, "cache"))
    events.sort()
    lines = []
    for ms, kind in events:
        sec = (ms - START_MS) // 1000
        slow = within(sec, "11:10", "11:25")
        base = {"ts": iso_ms(ms)}
        trace = rng.hex(32)
        if kind == "payfail":
            user = "u-1337" if rng.chance(0.25) else rng.weighted(users)
            rec = dict(base, level="ERROR", msg="payment authorization failed", pod=rng.choice(pods),
                       method="POST", path="/api/v1/checkout", status=502,
                       duration_ms=round(10000 + rng.u() * 40, 1), user_id=user, trace_id=trace,
                       error="payments: upstream request timeout after 10s")
            lines.append(jdump(rec))
            continue
        if kind == "cache":
            rec = dict(base, level="ERROR", msg="failed to load price cache", pod=pods[0], trace_id=trace,
                       error="dial tcp 10.96.12.5:6379: connect: connection refused")
            lines.append(jdump(rec))
            continue
        pod = rng.choice(pods)
        user = rng.weighted(users)
        r = rng.u()
        if r < 0.70:
            method, path, median, _ = rng.weighted([(p, p[3]) for p in paths])
            if "{id}" in path:
                path = path.replace("{id}", f"ord-{rng.int(100000, 999999)}")
            status = 201 if path == "/api/v1/checkout" else 200
            x = rng.u()
            if x < 0.02:
                status = 400
            elif x < 0.04 and path.startswith("/api/v1/orders/"):
                status = 404
            elif x < 0.05:
                status = 409
            elif x < 0.053:
                status = 500
            dur = rng.lognormal(median, 0.5) * (6.0 if slow else 1.0)
            level = "INFO" if status < 400 else ("WARN" if status < 500 else "ERROR")
            rec = dict(base, level=level, msg="request completed", pod=pod, method=method, path=path,
                       status=status, duration_ms=round(dur, 1), user_id=user, trace_id=trace)
            if status == 500:
                rec["error"] = "TypeError: Cannot read properties of undefined (reading 'sku')"
            lines.append(jdump(rec))
            if dur > 1500:
                slow_ms = ms + 1 if (ms + 1) % 1000 else ms
                lines.append(jdump(dict(ts=iso_ms(slow_ms), level="WARN", msg="slow request", pod=pod,
                                        method=method, path=path, duration_ms=round(dur, 1), threshold_ms=1500,
                                        trace_id=trace)))
        elif r < 0.82:
            items = rng.int(1, 8)
            total = sum(rng.int(299, 8999) for _ in range(items))
            rec = dict(base, level="INFO", msg="order placed", pod=pod, user_id=user,
                       order_id=f"ord-{rng.int(100000, 999999)}", trace_id=trace,
                       cart={"items": items, "total_cents": total, "currency": "EUR"})
            lines.append(jdump(rec))
        elif r < 0.90:
            reason = rng.weighted([("out_of_stock", 5), ("invalid_coupon", 3), ("address_incomplete", 2)])
            rec = dict(base, level="WARN", msg="cart validation failed", pod=pod, user_id=user,
                       reason=reason, sku=rng.choice(skus), trace_id=trace)
            lines.append(jdump(rec))
        elif r < 0.994:
            rec = dict(base, level="DEBUG", msg="price cache refreshed", pod=pod,
                       entries=rng.int(4800, 5200), duration_ms=round(rng.lognormal(12, 0.3), 1))
            lines.append(jdump(rec))
        else:
            rec = dict(base, level="ERROR", msg="payment authorization failed", pod=pod, method="POST",
                       path="/api/v1/checkout", status=502, duration_ms=round(rng.lognormal(900, 0.4), 1),
                       user_id=user, trace_id=trace, error="payments: 503 Service Unavailable")
            lines.append(jdump(rec))
    return lines


def gen_payments(rng: Rng):
    pods = ["payments-5c6d7b8f9-h7xkq", "payments-5c6d7b8f9-p2mzn"]
    users = rng.zipf_table(USERS, 0.6)
    providers = [("stripe", 0.6), ("adyen", 0.3), ("paypal", 0.1)]
    median_latency = {"stripe": 220.0, "adyen": 310.0, "paypal": 450.0}
    events = [(ms, "normal") for ms in arrivals(rng, lambda s: 0.45 * traffic(s))]
    events += [(ms, "timeout") for ms in arrivals(rng, lambda s: 0.35 if within(s, "10:18", "10:33") else 0.0)]
    events.sort()
    lines = []
    for ms, kind in events:
        sec = (ms - START_MS) // 1000
        outage = within(sec, "10:18", "10:33")
        pod = rng.choice(pods)
        trace = rng.hex(32)
        user = rng.weighted(users)
        currency = rng.weighted([("EUR", 5), ("USD", 3.5), ("GBP", 1.5)])
        amount = round(rng.lognormal(45, 0.7), 2)
        head = {"ts": iso_ms(ms)}
        if kind == "timeout":
            rec = dict(head, level="error", msg="charge failed", pod=pod, trace_id=trace, user_id=user,
                       http={"method": "POST", "route": "/v1/charges", "status": 504},
                       provider={"name": "adyen", "latency_ms": 30000 + rng.int(0, 50)},
                       amount={"value": amount, "currency": currency}, error="provider timeout")
            lines.append(jdump(rec))
            continue
        r = rng.u()
        if r < 0.70:
            prov = rng.weighted(providers)
            if prov == "adyen" and outage:
                rec = dict(head, level="error", msg="charge failed", pod=pod, trace_id=trace, user_id=user,
                           http={"method": "POST", "route": "/v1/charges", "status": 504},
                           provider={"name": "adyen", "latency_ms": 30000 + rng.int(0, 50)},
                           amount={"value": amount, "currency": currency}, error="provider timeout")
            else:
                rec = dict(head, level="info", msg="charge succeeded", pod=pod, trace_id=trace, user_id=user,
                           http={"method": "POST", "route": "/v1/charges", "status": 201},
                           provider={"name": prov, "latency_ms": int(rng.lognormal(median_latency[prov], 0.35))},
                           amount={"value": amount, "currency": currency})
        elif r < 0.78:
            prov = rng.weighted(providers)
            rec = dict(head, level="warn", msg="charge declined", pod=pod, trace_id=trace, user_id=user,
                       http={"method": "POST", "route": "/v1/charges", "status": 402},
                       provider={"name": prov, "latency_ms": int(rng.lognormal(median_latency[prov], 0.35))},
                       amount={"value": amount, "currency": currency},
                       decline_code=rng.weighted([("card_declined", 5), ("insufficient_funds", 3), ("expired_card", 1)]))
        elif r < 0.83:
            rec = dict(head, level="info", msg="refund issued", pod=pod, trace_id=trace, user_id=user,
                       http={"method": "POST", "route": "/v1/refunds", "status": 200},
                       amount={"value": amount, "currency": currency})
        elif r < 0.95:
            prov = rng.weighted(providers)
            rec = dict(head, level="info", msg="webhook received", pod=pod, trace_id=trace,
                       http={"method": "POST", "route": f"/v1/webhooks/{prov}", "status": 200},
                       event_type=rng.weighted([("charge.succeeded", 6), ("charge.refunded", 1), ("dispute.created", 0.2)]))
        elif r < 0.97:
            rec = dict(head, level="warn", msg="idempotency key reused", pod=pod, trace_id=trace, user_id=user,
                       http={"method": "POST", "route": "/v1/charges", "status": 409},
                       idempotency_key=rng.hex(16))
        elif r < 0.975:
            prov = rng.weighted(providers)
            rec = dict(head, level="error", msg="charge failed", pod=pod, trace_id=trace, user_id=user,
                       http={"method": "POST", "route": "/v1/charges", "status": 502},
                       provider={"name": prov, "latency_ms": int(rng.lognormal(median_latency[prov] * 3, 0.3))},
                       amount={"value": amount, "currency": currency}, error="provider returned 500")
        else:
            rec = dict(head, level="info", msg="fx rates refreshed", pod=pod, base="EUR", pairs=rng.int(28, 32))
        lines.append(jdump(rec))
    return lines


def gen_inventory(rng: Rng):
    pods = ["inventory-6b8d9c7f5-t9wzr", "inventory-6b8d9c7f5-zr4kd"]
    skus = rng.zipf_table([f"SKU-{i}" for i in range(10000, 10500)], 0.7)
    warehouses = ["fra1", "ams2", "lon1"]
    events = [(ms, "normal") for ms in arrivals(rng, lambda s: 0.30 * traffic(s))]
    events += [(ms, "pool") for ms in arrivals(rng, lambda s: 0.25 if within(s, "11:40", "11:48") else 0.0)]
    # the sync job: every warehouse once a minute, a few seconds apart
    for minute in range(SPAN_S // 60):
        for i, wh in enumerate(warehouses):
            events.append((START_MS + (minute * 60 + 7 + 11 * i) * 1000 + rng.int(1, 999), "sync:" + wh))
    events.sort()
    lines = []
    for ms, kind in events:
        head = {"time": iso_ms(ms)}
        if kind.startswith("sync:"):
            rec = dict(head, level="info", message="inventory sync completed", pod=pods[0], warehouse=kind[5:],
                       items=rng.int(1800, 2400), duration_ms=round(rng.lognormal(850, 0.25), 1))
            lines.append(jdump(rec))
            continue
        if kind == "pool":
            rec = dict(head, level="error", message="could not acquire db connection",
                       pod=pods[1] if rng.chance(0.7) else pods[0], error="pool exhausted (max=20)",
                       wait_ms=5000)
            lines.append(jdump(rec))
            continue
        pod = rng.choice(pods)
        r = rng.u()
        sku = rng.weighted(skus)
        wh = rng.choice(warehouses)
        if r < 0.55:
            rec = dict(head, level="info", message="stock reserved", pod=pod, sku=sku, warehouse=wh,
                       qty=rng.int(1, 5), order_id=f"ord-{rng.int(100000, 999999)}",
                       duration_ms=round(rng.lognormal(22, 0.4), 1))
        elif r < 0.65:
            rec = dict(head, level="info", message="stock released", pod=pod, sku=sku, warehouse=wh,
                       qty=rng.int(1, 5))
        elif r < 0.72:
            low = "SKU-10042" if rng.chance(0.5) else sku
            rec = dict(head, level="warn", message="stock level low", pod=pod, sku=low, warehouse=wh,
                       remaining=rng.int(0, 9))
        elif r < 0.76:
            rec = dict(head, level="warn", message="slow query", pod=pod,
                       table=rng.weighted([("stock_levels", 5), ("reservations", 3), ("skus", 1)]),
                       duration_ms=round(500 + rng.lognormal(300, 0.6), 1))
        elif r < 0.79:
            rec = dict(head, level="error", message="reservation failed", pod=pod, sku=sku, warehouse=wh,
                       reason="insufficient_stock")
        else:
            rec = dict(head, level="info", message="replenishment scheduled", pod=pod, sku=sku, warehouse=wh,
                       qty=rng.int(20, 200))
        lines.append(jdump(rec))
    return lines


# --------------------------------------------------------------------------- logfmt (Go)


def lf_value(v) -> str:
    s = str(v)
    if s == "" or any(c in s for c in ' ="\t'):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return s


def logfmt(pairs) -> str:
    return " ".join(f"{k}={lf_value(v)}" for k, v in pairs)


def gen_authd(rng: Rng):
    users = rng.zipf_table(FIRST_NAMES, 0.5)
    ips = [f"10.0.{rng.int(1, 9)}.{rng.int(2, 250)}" for _ in range(160)]
    ips = sorted(set(ips) - {"10.0.0.7"})
    ip_w = rng.zipf_table(ips, 0.4)
    dictionary = ["admin", "root", "test", "oracle", "postgres", "guest", "user", "support", "ubuntu", "alice", "bob"]
    events = [(ms, "normal") for ms in arrivals(rng, lambda s: 0.62 * traffic(s))]
    events += [(ms, "svc") for ms in arrivals(rng, lambda s: 0.03)]
    events += [(ms, "brute") for ms in arrivals(rng, lambda s: 1.2 if within(s, "10:45", "11:00") else 0.0)]
    events += [(ms, "ldapfail") for ms in arrivals(rng, lambda s: 0.045 if within(s, "11:20", "11:35") else 0.0)]
    for hh in ("09:30", "10:30", "11:30"):
        events.append((START_MS + off(hh) * 1000 + rng.int(200, 900), "rotate-start"))
    events.append((START_MS + off("11:00:04") * 1000 + 318, "blocked"))
    events.sort()
    lines = []
    rotations = {}
    for ms, kind in events:
        sec = (ms - START_MS) // 1000
        slow = within(sec, "11:20", "11:35")
        t = iso_ms(ms)
        rid = rng.hex(16)
        if kind == "rotate-start":
            lines.append((ms, logfmt([("time", t), ("level", "INFO"), ("msg", "key rotation started"),
                                      ("kid", "k-" + rng.hex(8)), ("request_id", rid)])))
            took = rng.int(95, 150) * 10**9 + rng.int(0, 999) * 10**6
            rotations[ms + took // 10**6] = took
            continue
        if kind == "blocked":
            lines.append((ms, logfmt([("time", t), ("level", "WARN"), ("msg", "ip blocked after too many failures"),
                                      ("ip", "203.0.113.45"), ("failures", 50), ("block_for", "1h0m0s"),
                                      ("request_id", rid)])))
            continue
        if kind == "brute":
            user = rng.weighted([(u, 4 if u == "admin" else 2.5 if u == "root" else 1) for u in dictionary])
            reason = "unknown user" if user not in FIRST_NAMES else "invalid password"
            d = int(rng.lognormal(40, 0.3) * 1e6)
            lines.append((ms, logfmt([("time", t), ("level", "WARN"), ("msg", "login failed"), ("user", user),
                                      ("ip", "203.0.113.45"), ("method", "password"), ("reason", reason),
                                      ("duration", go_duration(d // 1000 * 1000)), ("request_id", rid)])))
            continue
        if kind == "ldapfail":
            user = rng.weighted(users)
            d = 30 * 10**9 + rng.int(1, 40) * 10**6
            lines.append((ms, logfmt([("time", t), ("level", "ERROR"), ("msg", "ldap bind failed"), ("user", user),
                                      ("ip", rng.weighted(ip_w)), ("err", "context deadline exceeded"),
                                      ("duration", go_duration(d)), ("request_id", rid)])))
            continue
        if kind == "svc":
            d = int(rng.lognormal(6, 0.4) * 1e6)
            lines.append((ms, logfmt([("time", t), ("level", "INFO"), ("msg", "token issued"), ("user", "svc-billing"),
                                      ("ip", "10.0.0.7"), ("grant", "client_credentials"),
                                      ("duration", go_duration(d // 1000 * 1000)), ("bytes", rng.int(1100, 1300)),
                                      ("request_id", rid)])))
            continue
        user = rng.weighted(users)
        ip = rng.weighted(ip_w)
        r = rng.u()
        if r < 0.30:
            m = rng.weighted([("password", 5), ("sso", 4), ("webauthn", 1)])
            d = rng.lognormal(2600, 0.5) if slow else rng.lognormal(180, 0.45)
            d_ns = int(d * 1e3) * 1000  # whole microseconds
            lines.append((ms, logfmt([("time", t), ("level", "INFO"), ("msg", "login succeeded"), ("user", user),
                                      ("ip", ip), ("method", m), ("duration", go_duration(d_ns)),
                                      ("request_id", rid)])))
        elif r < 0.35:
            reason = rng.weighted([("invalid password", 6), ("mfa failed", 2), ("account locked", 1)])
            d = rng.lognormal(150, 0.4)
            lines.append((ms, logfmt([("time", t), ("level", "WARN"), ("msg", "login failed"), ("user", user),
                                      ("ip", ip), ("method", "password"), ("reason", reason),
                                      ("duration", go_duration(int(d * 1e3) * 1000)), ("request_id", rid)])))
        elif r < 0.70:
            d = rng.lognormal(1.8, 0.8)  # ms; often below a millisecond
            lines.append((ms, logfmt([("time", t), ("level", "INFO"), ("msg", "token refreshed"), ("user", user),
                                      ("ip", ip), ("duration", go_duration(int(d * 1e3) * 1000)),
                                      ("request_id", rid)])))
        elif r < 0.95:
            path = rng.weighted([("/userinfo", 7), ("/.well-known/jwks.json", 3)])
            size = rng.int(380, 900) if path == "/userinfo" else rng.int(2900, 3100)
            status = 200 if rng.u() > 0.01 else 401
            d = rng.lognormal(3.5, 0.5)
            lines.append((ms, logfmt([("time", t), ("level", "INFO"), ("msg", "request served"), ("method", "GET"),
                                      ("path", path), ("status", status), ("ip", ip), ("bytes", size),
                                      ("duration", go_duration(int(d * 1e3) * 1000)), ("request_id", rid)])))
        elif r < 0.99:
            lines.append((ms, logfmt([("time", t), ("level", "INFO"), ("msg", "session revoked"), ("user", user),
                                      ("reason", rng.weighted([("logout", 8), ("expired", 3), ("admin", 0.3)])),
                                      ("request_id", rid)])))
        else:
            lines.append((ms, logfmt([("time", t), ("level", "ERROR"), ("msg", "ldap bind failed"), ("user", user),
                                      ("ip", ip), ("err", "ldap: connection reset by peer"),
                                      ("duration", go_duration(int(rng.lognormal(400, 0.3) * 1e3) * 1000)),
                                      ("request_id", rid)])))
    for done_ms, took in rotations.items():
        done_ms = nz(done_ms)
        lines.append((done_ms, logfmt([("time", iso_ms(done_ms)), ("level", "INFO"), ("msg", "key rotation completed"),
                                       ("keys", rng.int(3, 4)), ("duration", go_duration(took)),
                                       ("request_id", rng.hex(16))])))
    lines.sort(key=lambda x: x[0])
    return [ln for _, ln in lines]


# --------------------------------------------------------------------------- ingress-nginx


def gen_ingress(rng: Rng):
    clients = [f"{rng.choice([81, 84, 93, 176, 178, 185, 188, 212, 213, 217])}.{rng.int(1, 254)}."
               f"{rng.int(0, 254)}.{rng.int(1, 254)}" for _ in range(420)]
    clients = sorted(set(clients) - {"198.51.100.23"})
    client_w = rng.zipf_table(clients, 0.5)
    uas = [
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", 45),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", 20),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", 20),
        ("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", 10),
        ("curl/8.5.0", 2),
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", 3),
    ]
    endpoints = {
        "shop-frontend-80": ["10.244.1.23:80", "10.244.2.41:80", "10.244.3.17:80"],
        "shop-checkout-8080": ["10.244.1.57:8080", "10.244.2.12:8080", "10.244.3.88:8080"],
        "auth-authd-8080": ["10.244.2.99:8080"],
        "shop-catalog-8080": ["10.244.1.61:8080", "10.244.3.5:8080"],
    }
    categories = ["shoes", "jackets", "bags", "hats", "socks", "outdoor", "sale"]
    events = [(ms, "normal") for ms in arrivals(rng, lambda s: 1.55 * traffic(s), whole_seconds=True)]
    events += [(ms, "noisy") for ms in arrivals(rng, lambda s: 3.0 if within(s, "11:30", "11:45") else 0.0,
                                                whole_seconds=True)]
    events.sort(key=lambda e: e[0])
    lines = []
    for ms, kind in events:
        sec = (ms - START_MS) // 1000
        t = dt_of(ms).strftime("%d/%b/%Y:%H:%M:%S +0000")
        rid = rng.hex(32)
        reqlen = rng.int(280, 900)
        if kind == "noisy":
            path = f"/products/{rng.int(1000, 9999)}"
            ua = "python-requests/2.31.0"
            if sec >= off("11:35") and rng.chance(0.85):
                lines.append(f'198.51.100.23 - - [{t}] "GET {path} HTTP/1.1" 429 162 "-" "{ua}" {reqlen} 0.000 '
                             f'[shop-frontend-80] [] - - - - {rid}')
                continue
            status = 404 if rng.chance(0.3) else 200
            size = 548 if status == 404 else rng.int(18000, 32000)
            rt = rng.lognormal(0.045, 0.4)
            ep = rng.choice(endpoints["shop-frontend-80"])
            lines.append(f'198.51.100.23 - - [{t}] "GET {path} HTTP/1.1" {status} {size} "-" "{ua}" {reqlen} '
                         f'{rt:.3f} [shop-frontend-80] [] {ep} {size} {max(rt - 0.001, 0):.3f} {status} {rid}')
            continue
        ip = rng.weighted(client_w)
        ua = rng.weighted(uas)
        upstream = rng.weighted([("shop-frontend-80", 55), ("shop-checkout-8080", 20), ("auth-authd-8080", 15),
                                 ("shop-catalog-8080", 10)])
        user = "-"
        referer = "https://shop.example.com/"
        if upstream == "shop-frontend-80":
            x = rng.u()
            if x < 0.15:
                method, path, size, rtm = "GET", "/", rng.int(24000, 26000), 0.030
            elif x < 0.50:
                method, path, size, rtm = "GET", f"/products/{rng.int(1000, 9999)}", rng.int(18000, 32000), 0.045
            elif x < 0.62:
                method, path, size, rtm = "GET", f"/category/{rng.choice(categories)}", rng.int(20000, 40000), 0.060
            elif x < 0.995:
                asset = rng.choice(["/static/js/app.3f9a1c.js", "/static/css/main.77be02.css",
                                    "/static/img/logo.svg", "/favicon.ico"])
                sizes = {"/static/js/app.3f9a1c.js": 182311, "/static/css/main.77be02.css": 41877,
                         "/static/img/logo.svg": 5120, "/favicon.ico": 1150}
                method, path, size, rtm = "GET", asset, sizes[asset], 0.004
            else:
                method, path, size, rtm, user = "GET", "/admin/orders", rng.int(9000, 12000), 0.080, "ops"
        elif upstream == "shop-checkout-8080":
            method, path = rng.weighted([(("GET", "/api/v1/cart"), 4), (("POST", "/api/v1/cart/items"), 2),
                                         (("POST", "/api/v1/checkout"), 2),
                                         (("GET", f"/api/v1/orders/ord-{rng.int(100000, 999999)}"), 2)])
            size, rtm = rng.int(300, 4000), 0.090
        elif upstream == "auth-authd-8080":
            method, path = rng.weighted([(("POST", "/auth/login"), 3), (("GET", "/auth/userinfo"), 5),
                                         (("POST", "/auth/token"), 2)])
            size, rtm = rng.int(200, 1200), 0.020
        else:
            if rng.chance(0.6):
                method, path = "GET", f"/api/v1/products?page={rng.int(1, 40)}"
            else:
                method, path = "GET", f"/api/v1/search?q={rng.choice(categories)}"
            size, rtm = rng.int(2000, 16000), 0.070
        status = 200
        x = rng.u()
        if path.startswith("/static") and x < 0.30:
            status, size = 304, 0
        elif path == "/" and x < 0.05:
            status, size = 301, 162
        elif x < 0.02 and not path.startswith("/static"):
            status, size = 404, 548
        elif upstream == "auth-authd-8080" and x < 0.05:
            status, size = 401, 79
        elif x > 0.9965:
            status, size = 499, 0
        elif x > 0.9945:
            status, size = 500, 170
        elif x > 0.9935:
            status, size = rng.choice([502, 503, 504]), 150
        incident = upstream == "shop-checkout-8080" and within(sec, "10:20", "10:35")
        if incident and rng.chance(0.85):
            status = 502 if rng.chance(0.7) else 504
            size = 150 if status == 502 else 160
        rt = rng.lognormal(rtm, 0.5)
        if status == 504:
            rt = 10.0 + rng.u() * 0.05
        elif status == 502:
            rt = rng.lognormal(0.02, 0.8)
        if path.startswith("/static") or path == "/favicon.ico":
            referer = "https://shop.example.com/products/" + str(rng.int(1000, 9999))
        elif rng.chance(0.3):
            referer = "-"
        ep = rng.choice(endpoints[upstream])
        if status == 499:
            up = f"{ep} 0 {rt:.3f} -"
        else:
            up = f"{ep} {size} {max(rt - 0.001, 0):.3f} {status}"
        lines.append(f'{ip} - {user} [{t}] "{method} {path} HTTP/1.1" {status} {size} "{referer}" "{ua}" '
                     f'{reqlen} {rt:.3f} [{upstream}] [] {up} {rid}')
    return lines


# --------------------------------------------------------------------------- Java / log4j


def java_ts(ms: int) -> str:
    return dt_of(ms).strftime("%Y-%m-%d %H:%M:%S") + f",{ms % 1000:03d}"


def gen_billing(rng: Rng):
    threads = [f"http-nio-8080-exec-{i}" for i in range(1, 11)]
    customers = [f"C-{i}" for i in range(10000, 10800)]
    events = [(ms, "normal") for ms in arrivals(rng, lambda s: 0.33 * traffic(s))]
    events += [(ms, "db") for ms in arrivals(rng, lambda s: 0.30 if within(s, "10:50", "11:05") else 0.0)]
    for q in range(SPAN_S // 900):
        events.append((START_MS + q * 900 * 1000 + 2000 + rng.int(1, 999), "job"))
    events.sort()
    inv = [4100]
    out = []

    def head(ms, level, thread, logger, msg):
        return f"{java_ts(ms)} {level:<5} [{thread}] {logger} - {msg}"

    def next_inv():
        inv[0] += 1
        return f"INV-2026-{inv[0]:06d}"

    for ms, kind in events:
        sec = (ms - START_MS) // 1000
        th = rng.choice(threads)
        if kind == "job":
            took = rng.int(9000, 16000)
            out.append(head(ms, "INFO", "scheduling-1", "com.acme.billing.scheduler.BillingJobs",
                            "Starting job usageRollup"))
            done = nz(ms + took)
            out.append((done, head(done, "INFO", "scheduling-1", "com.acme.billing.scheduler.BillingJobs",
                                   f"Job usageRollup finished in {took} ms")))
            continue
        if kind == "db":
            x = rng.u()
            if x < 0.25:
                out.append(head(ms, "WARN", th, "o.h.engine.jdbc.spi.SqlExceptionHelper", "SQL Error: 0, SQLState: 08001"))
                out.append(head(ms, "ERROR", th, "o.h.engine.jdbc.spi.SqlExceptionHelper",
                                "Connection to postgres-billing.billing.svc:5432 refused. Check that the hostname and "
                                "port are correct and that the postmaster is accepting TCP/IP connections."))
            elif x < 0.45:
                out.append(head(ms, "WARN", th, "com.zaxxer.hikari.pool.HikariPool",
                                "HikariPool-1 - Connection is not available, request timed out after 30000ms."))
            else:
                n = next_inv()
                out.append(head(ms, "ERROR", th, "com.acme.billing.InvoiceService", f"Failed to generate invoice {n}"))
                out.extend([
                    "org.springframework.dao.DataAccessResourceFailureException: Unable to acquire JDBC Connection; "
                    "nested exception is org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection",
                    "\tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException(HibernateJpaDialect.java:277)",
                    "\tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.translateExceptionIfPossible(HibernateJpaDialect.java:233)",
                    "\tat com.acme.billing.repo.InvoiceRepository.save(InvoiceRepository.java:58)",
                    "\tat com.acme.billing.InvoiceService.generate(InvoiceService.java:142)",
                    "\tat com.acme.billing.web.InvoiceController.create(InvoiceController.java:71)",
                    "Caused by: org.postgresql.util.PSQLException: Connection to postgres-billing.billing.svc:5432 refused.",
                    "\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:319)",
                    "\tat org.postgresql.jdbc.PgConnection.<init>(PgConnection.java:247)",
                    f"\t... {rng.int(30, 48)} more",
                ])
            continue
        r = rng.u()
        cust = rng.choice(customers)
        if r < 0.35:
            out.append(head(ms, "INFO", th, "com.acme.billing.InvoiceService",
                            f"Invoice {next_inv()} generated for customer {cust} in {int(rng.lognormal(240, 0.4))} ms"))
        elif r < 0.65:
            st = 200 if rng.u() > 0.03 else 404
            out.append(head(ms, "INFO", th, "com.acme.billing.web.InvoiceController",
                            f"GET /api/invoices/{rng.int(4000, inv[0])} completed in {int(rng.lognormal(35, 0.5))} ms with status {st}"))
        elif r < 0.73:
            out.append(head(ms, "INFO", "kafka-consumer-0", "com.acme.billing.PaymentReconciler",
                            f"Reconciled {rng.int(5, 60)} payments for batch B-{rng.int(1000, 9999)}"))
        elif r < 0.83:
            out.append(head(ms, "INFO", th, "com.acme.billing.EmailNotifier", f"Sent invoice email to customer {cust}"))
        elif r < 0.88:
            out.append(head(ms, "WARN", th, "com.acme.billing.repo.InvoiceRepository",
                            f"Slow query detected ({int(500 + rng.lognormal(600, 0.5))} ms): select i.* from invoices i "
                            f"where i.customer_id = ? order by i.created_at desc"))
        elif r < 0.89:
            out.append(head(ms, "ERROR", th, "com.acme.billing.EmailNotifier", f"Failed to send invoice email to customer {cust}"))
            out.extend([
                "javax.mail.MessagingException: Could not connect to SMTP host: smtp.acme.internal, port: 587",
                "\tat com.sun.mail.smtp.SMTPTransport.openServer(SMTPTransport.java:2209)",
                "\tat com.sun.mail.smtp.SMTPTransport.protocolConnect(SMTPTransport.java:740)",
                "\tat javax.mail.Service.connect(Service.java:366)",
                "\tat com.acme.billing.EmailNotifier.send(EmailNotifier.java:88)",
                "Caused by: java.net.SocketTimeoutException: connect timed out",
                "\tat java.base/java.net.PlainSocketImpl.socketConnect(Native Method)",
                f"\t... {rng.int(12, 20)} more",
            ])
        elif r < 0.895:
            n = next_inv()
            out.append(head(ms, "ERROR", th, "com.acme.billing.InvoiceService", f"Unexpected exception while generating invoice {n}"))
            out.extend([
                'java.lang.NullPointerException: Cannot invoke "com.acme.billing.model.Customer.getTaxId()" because "customer" is null',
                "\tat com.acme.billing.tax.TaxCalculator.rateFor(TaxCalculator.java:41)",
                "\tat com.acme.billing.InvoiceService.generate(InvoiceService.java:118)",
                "\tat com.acme.billing.web.InvoiceController.create(InvoiceController.java:71)",
                f"\t... {rng.int(60, 80)} more",
            ])
        else:
            out.append(head(ms, "INFO", th, "com.acme.billing.web.InvoiceController",
                            f"POST /api/invoices completed in {int(rng.lognormal(260, 0.4))} ms with status 201"))
    # deferred (timestamped) lines are merged back in time order; stack lines stay after their header
    groups, cur = [], None
    for item in out:
        if isinstance(item, tuple):
            groups.append([item[0], [item[1]]])
            cur = None
        elif item[:4].isdigit():
            ms = _parse_java_ms(item)
            cur = [ms, [item]]
            groups.append(cur)
        else:
            cur[1].append(item)
    groups.sort(key=lambda g: g[0])
    return [ln for _, ls in groups for ln in ls]


def _parse_java_ms(line: str) -> int:
    dt = datetime.strptime(line[:19], "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    return int(dt.timestamp()) * 1000 + int(line[20:23])


# --------------------------------------------------------------------------- Python logging


def gen_recommender(rng: Rng):
    users = rng.zipf_table(USERS, 0.6)
    events = [(ms, "normal") for ms in arrivals(rng, lambda s: 0.34 * traffic(s))]
    events += [(ms, "redis") for ms in arrivals(rng, lambda s: 0.3 if within(s, "10:40", "10:50") else 0.0)]
    for minute in range(SPAN_S // 60):
        events.append((START_MS + (minute * 60 + 30) * 1000 + rng.int(1, 999), "ratio"))
    events.append((START_MS + 1200 + 14, "boot"))
    events.append((START_MS + off("11:00:02") * 1000 + 417, "reload"))
    events.append((START_MS + off("11:47:13") * 1000 + 602, "oom"))
    events.sort()
    out = []
    batch = [880]
    model = ["recsys-v42"]
    down_until = [0]

    def line(ms, name, level, msg):
        return f"{java_ts(ms)} - {name} - {level} - {msg}"

    for ms, kind in events:
        if ms < down_until[0] and kind != "ratio":
            continue
        if kind == "boot":
            out.append((ms, [line(ms, "recommender.worker", "INFO", "Starting worker (pid=7)")]))
            out.append((ms + 12310, [line(ms + 12310, "recommender.model", "INFO", "Model recsys-v42 loaded in 12.31s")]))
            continue
        if kind == "reload":
            model[0] = "recsys-v43"
            out.append((ms, [line(ms, "recommender.model", "INFO", "New model version recsys-v43 found, reloading")]))
            out.append((ms + 14877, [line(ms + 14877, "recommender.model", "INFO", "Model recsys-v43 loaded in 14.88s")]))
            continue
        if kind == "oom":
            out.append((ms, [line(ms, "recommender.worker", "CRITICAL",
                                  "Worker recommender-worker-0 exceeded memory limit (rss=3.9GiB), restarting")]))
            back = ms + 21873
            out.append((back, [line(back, "recommender.worker", "INFO", "Starting worker (pid=8)")]))
            out.append((back + 13042, [line(back + 13042, "recommender.model", "INFO",
                                            f"Model {model[0]} loaded in 13.04s")]))
            down_until[0] = back
            continue
        if kind == "ratio":
            out.append((ms, [line(ms, "recommender.cache", "INFO", f"Cache hit ratio {rng.lognormal(0.91, 0.02):.1%}")]))
            continue
        if kind == "redis":
            out.append((ms, [line(ms, "recommender.cache", "ERROR",
                                  "Redis connection error: Error 111 connecting to redis-master:6379. Connection refused.")]))
            continue
        r = rng.u()
        if r < 0.40:
            batch[0] += 1
            out.append((ms, [line(ms, "recommender.worker", "INFO",
                                  f"Processed batch {batch[0]} in {rng.lognormal(0.45, 0.35):.3f}s (items={rng.int(64, 256)})")]))
        elif r < 0.90:
            out.append((ms, [line(ms, "recommender.api", "INFO",
                                  f"Served recommendations for user {rng.weighted(users)} in {int(rng.lognormal(38, 0.4))} ms (n=20, model={model[0]})")]))
        elif r < 0.955:
            out.append((ms, [line(ms, "recommender.features", "WARNING",
                                  f"Feature store latency high: {int(250 + rng.lognormal(300, 0.5))} ms")]))
        elif r < 0.99:
            out.append((ms, [line(ms, "urllib3.connectionpool", "WARNING",
                                  "Retrying (Retry(total=2, connect=None, read=None, redirect=None, status=None)) after "
                                  "connection broken by 'ReadTimeoutError(\"HTTPConnectionPool(host='feature-store', "
                                  "port=8080): Read timed out. (read timeout=2.0)\")': /v1/features")]))
        else:
            batch[0] += 1
            out.append((ms, [
                line(ms, "recommender.worker", "ERROR", f"Failed to score batch {batch[0]}"),
                "Traceback (most recent call last):",
                '  File "/app/recommender/worker.py", line 212, in run_batch',
                "    scores = self.model.predict(features)",
                '  File "/app/recommender/model.py", line 88, in predict',
                "    return self._booster.predict(self._validate(x))",
                '  File "/app/recommender/model.py", line 61, in _validate',
                '    raise ValueError("Input contains NaN")',
                "ValueError: Input contains NaN",
            ]))
    out.sort(key=lambda x: x[0])
    return [ln for _, ls in out for ln in ls]


# --------------------------------------------------------------------------- syslog RFC 5424


def gen_syslog(rng: Rng):
    hosts = ["node-1", "node-2", "node-3", "node-4", "node-5"]
    kubelet_pid = {h: 1100 + 37 * i for i, h in enumerate(hosts)}
    pods = ["shop/checkout-7d9f8c6b5-kx2lp", "shop/payments-5c6d7b8f9-h7xkq", "auth/authd-6c8b9f7d4-x2kq9",
            "billing/billing-api-85f7c9d6b-m3n4p", "ml/recommender-worker-0", "shop/inventory-6b8d9c7f5-zr4kd"]
    scanners = ["45.134.26.79"]
    other_bad = ["92.118.39.12", "193.32.162.70", "61.177.172.140", "218.92.0.107"]
    events = [(ms, "normal") for ms in arrivals(rng, lambda s: 0.22 * traffic(s))]
    events += [(ms, "ssh-scan") for ms in arrivals(rng, lambda s: 0.35 if within(s, "09:40", "09:55") else 0.0)]
    for minute in range(0, SPAN_S // 60, 10):
        for i, h in enumerate(hosts):
            events.append((START_MS + (minute * 60 + 1 + i) * 1000 + rng.int(1, 999), "cron:" + h))
    for k in range(8):
        events.append((START_MS + off("11:05") * 1000 + k * 71_000 + rng.int(1000, 60000), "oom:node-4"))
    events.append((START_MS + off("10:12:41") * 1000 + 233, "oom:node-2"))
    events.sort()
    lines = []
    seq = [0]

    def emit(ms, pri, host, app, procid, msgid, sd, msg):
        ms = nz(ms)
        lines.append(f"<{pri}>1 {iso_ms(ms)} {host} {app} {procid} {msgid} {sd} {msg}")

    victims = ["java", "python3", "node", "java", "java", "envoy", "java", "python3", "java"]
    vi = [0]
    for ms, kind in events:
        if kind.startswith("cron:"):
            h = kind[5:]
            emit(ms, 78, h, "CRON", rng.int(20000, 40000), "-", "-", "(root) CMD (/usr/local/bin/etcd-backup.sh)")
            continue
        if kind.startswith("oom:"):
            h = kind[4:]
            proc = victims[vi[0] % len(victims)]
            vi[0] += 1
            pid = rng.int(10000, 60000)
            emit(ms, 4, h, "kernel", "-", "-", "-",
                 f"{proc} invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=999")
            ms2 = ms + rng.int(1, 40)
            emit(ms2, 3, h, "kernel", "-", "-", "-",
                 f"Out of memory: Killed process {pid} ({proc}) total-vm:{rng.int(3, 6) * 1048576}kB, "
                 f"anon-rss:{rng.int(2500000, 3900000)}kB, file-rss:0kB, shmem-rss:0kB, UID:1000 "
                 f"pgtables:{rng.int(5000, 9000)}kB oom_score_adj:999")
            continue
        if kind == "ssh-scan":
            user = rng.choice(["admin", "root", "test", "oracle", "ubuntu", "git", "postgres"])
            pid = rng.int(30000, 39999)
            emit(ms, 38, "node-2", "sshd", pid, "-", "-",
                 f"Failed password for invalid user {user} from 45.134.26.79 port {rng.int(30000, 65000)} ssh2")
            continue
        h = rng.choice(hosts)
        r = rng.u()
        t = dt_of(ms)
        klog_t = t.strftime("%m%d %H:%M:%S") + f".{ms % 1000:03d}{rng.int(0, 999):03d}"
        if r < 0.45:
            pod = rng.choice(pods)
            x = rng.u()
            if x < 0.6:
                msg = (f'I{klog_t}    {kubelet_pid[h]} prober.go:107] "Probe succeeded" probeType="Readiness" '
                       f'pod="{pod}" containerName="{pod.split("/")[1].split("-")[0]}"')
                pri = 30
            elif x < 0.9:
                msg = (f'I{klog_t}    {kubelet_pid[h]} kubelet.go:2410] "SyncLoop (PLEG): event for pod" '
                       f'pod="{pod}" event={{"Type":"ContainerStarted"}}')
                pri = 30
            else:
                msg = (f'E{klog_t}    {kubelet_pid[h]} prober.go:104] "Probe failed" probeType="Liveness" '
                       f'pod="{pod}" probeResult="failure" output="HTTP probe failed with statuscode: 503"')
                pri = 27
            emit(ms, pri, h, "kubelet", kubelet_pid[h], "-", "-", msg)
        elif r < 0.70:
            seq[0] += 1
            cid = rng.hex(12)
            msg = rng.choice([f'time="{iso_ms(ms)}" level=info msg="StartContainer for \\"{cid}\\" returns successfully"',
                              f'time="{iso_ms(ms)}" level=info msg="shim disconnected" id={cid} namespace=k8s.io',
                              f'time="{iso_ms(ms)}" level=info msg="ImageCreate event name:\\"docker.io/library/nginx:1.27\\""'])
            emit(ms, 30, h, "containerd", 800 + hosts.index(h), "-", f'[meta sequenceId="{seq[0]}"]', msg)
        elif r < 0.80:
            ip = f"10.0.9.{rng.int(2, 30)}"
            user = rng.choice(["ops", "deploy", "ops", "root"])
            emit(ms, 86, h, "sshd", rng.int(20000, 29999), "-", "-",
                 f"Accepted publickey for {user} from {ip} port {rng.int(40000, 65000)} ssh2: ED25519 SHA256:{rng.hex(20)}")
        elif r < 0.84:
            ip = rng.choice(other_bad)
            user = rng.choice(["admin", "root", "test", "oracle"])
            emit(ms, 38, h, "sshd", rng.int(20000, 29999), "-", "-",
                 f"Failed password for invalid user {user} from {ip} port {rng.int(30000, 65000)} ssh2")
        elif r < 0.95:
            emit(ms, 30, h, "systemd", 1, "-", "-",
                 rng.choice([f"Started Session {rng.int(100, 999)} of User ops.", "Starting Cleanup of Temporary Directories...",
                             "Finished Cleanup of Temporary Directories.", "Started Daily apt download activities."]))
        else:
            emit(ms, 28, h, "kubelet", kubelet_pid[h], "-", "-",
                 f'W{klog_t}    {kubelet_pid[h]} eviction_manager.go:349] "Eviction manager: attempting to reclaim" resourceName="ephemeral-storage"')
    return lines


# --------------------------------------------------------------------------- Apache httpd error log


def apache_ts(ms: int, micro: int) -> str:
    """[Sun Dec 06 10:12:01.123456 2026] (ms: the event time; micro: 0..999, the last three digits)."""
    t = dt_of(ms)
    return t.strftime("%a %b %d %H:%M:%S") + f".{ms % 1000:03d}{micro:03d} " + t.strftime("%Y")


def gen_httpd(rng: Rng):
    workers = [(2411, 139874125563456), (2412, 139874117170752), (2587, 139874108778048), (2590, 139874100385344)]
    clients = [f"{a}.{b}.{c}.{d}" for a, b, c, d in
               [(81, 2, 69, 142), (91, 198, 174, 192), (100, 64, 3, 17), (172, 16, 4, 20)]]
    clients += [f"{rng.choice([31, 46, 62, 77, 82, 88, 93, 109, 176, 188, 212, 217])}.{rng.int(1, 254)}."
                f"{rng.int(0, 254)}.{rng.int(1, 254)}" for _ in range(240)]
    cl = rng.zipf_table(clients, 0.8)
    scanner = "185.220.101.34"
    backend = "10.0.3.21:8080"
    other_backend = "10.0.3.22:8080"
    probe_paths = ["/.env", "/.git/config", "/wp-login.php", "/phpmyadmin/index.php", "/server-status",
                   "/.aws/credentials", "/config.json", "/admin/.htpasswd", "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php",
                   "/cgi-bin/luci", "/actuator/env", "/.DS_Store"]
    missing = ["/favicon.ico", "/apple-touch-icon.png", "/robots.txt", "/img/banner-2025.jpg", "/static/js/app.3f9c2.js.map",
               "/sitemap.xml", "/ads.txt", "/.well-known/security.txt"]
    php_files = [("/var/www/html/wp-includes/class-wpdb.php", 2351), ("/var/www/html/wp-content/plugins/woo-export/export.php", 418),
                 ("/var/www/html/wp-includes/formatting.php", 5632)]
    events = [(ms, "normal") for ms in arrivals(rng, lambda s: 0.55 * traffic(s))]
    events += [(ms, "refused") for ms in arrivals(rng, lambda s: 0.45 if within(s, "10:05", "10:20") else 0.0)]
    events += [(ms, "scan") for ms in arrivals(rng, lambda s: 0.9 if within(s, "11:25", "11:40") else 0.0)]
    for minute in range(5, 20):
        events.append((START_MS + off(f"10:{minute:02d}") * 1000 + 7000 + rng.int(1, 999), "disable"))
    events.append((START_MS + off("11:31:44") * 1000 + 518, "maxworkers"))
    events.append((START_MS + off("10:42:17") * 1000 + 301, "restart"))
    events.sort()
    out = []  # (ms, line)

    def emit(ms, module, level, msg, client=None, errno=None, worker=None):
        ms = nz(ms)
        pid, tid = worker or rng.choice(workers)
        head = f"[{apache_ts(ms, rng.int(0, 999))}] [{module}:{level}] [pid {pid}:tid {tid}]"
        if errno:
            head += f" {errno}:"
        if client:
            head += f" [client {client if ':' in client else f'{client}:{rng.int(32768, 60999)}'}]"
        out.append((ms, f"{head} {msg}"))

    for ms, kind in events:
        if kind == "refused":
            w = rng.choice(workers)
            c = f"{rng.weighted(cl)}:{rng.int(32768, 60999)}"
            emit(ms, "proxy", "error", f"AH00957: http: attempt to connect to {backend} ({backend}) failed",
                 client=c, errno="(111)Connection refused", worker=w)
            emit(ms + rng.int(0, 2), "proxy_http", "error", "AH01114: HTTP: failed to make connection to backend: 10.0.3.21",
                 client=c, worker=w)
            continue
        if kind == "disable":
            emit(ms, "proxy", "error", f"AH00959: ap_proxy_connect_backend disabling worker for ({backend}) for 60s")
            continue
        if kind == "maxworkers":
            emit(ms, "mpm_event", "error", "AH00484: server reached MaxRequestWorkers setting, consider raising the "
                                          "MaxRequestWorkers setting", worker=(2398, 139874133956160))
            continue
        if kind == "restart":
            emit(ms, "mpm_event", "notice", "AH00493: SIGUSR1 received.  Doing graceful restart", worker=(2398, 139874133956160))
            emit(ms + 287, "mpm_event", "notice", "AH00489: Apache/2.4.62 (Unix) OpenSSL/3.0.13 configured -- resuming normal "
                                                  "operations", worker=(2398, 139874133956160))
            emit(ms + 288, "core", "notice", "AH00094: Command line: '/usr/sbin/httpd -D FOREGROUND'",
                 worker=(2398, 139874133956160))
            continue
        if kind == "scan":
            x = rng.u()
            if x < 0.75:
                emit(ms, "authz_core", "error", f"AH01630: client denied by server configuration: /var/www/html"
                                                f"{rng.choice(probe_paths)}", client=scanner)
            elif x < 0.9:
                emit(ms, "core", "error", f"AH10244: invalid URI path (/cgi-bin/.%2e/.%2e/.%2e/.%2e/bin/sh)", client=scanner)
            else:
                emit(ms, "core", "info", f"AH00128: File does not exist: /var/www/html{rng.choice(probe_paths)}",
                     client=scanner)
            continue
        r = rng.u()
        c = rng.weighted(cl)
        if r < 0.42:
            emit(ms, "ssl", "info", f"AH01964: Connection to child {rng.int(0, 63)} established (server shop.example.com:443)",
                 client=c)
        elif r < 0.62:
            emit(ms, "core", "info", f"AH00128: File does not exist: /var/www/html{rng.choice(missing)}", client=c)
        elif r < 0.74:
            emit(ms, "ssl", "info", "AH01991: SSL input filter read failed.", client=c)
        elif r < 0.80:
            emit(ms, "authz_core", "error", f"AH01630: client denied by server configuration: /var/www/html"
                                            f"{rng.choice(probe_paths[:6])}", client=c)
        elif r < 0.86:
            emit(ms, "reqtimeout", "info", f"AH01382: Request header read timeout", client=c)
        elif r < 0.91:
            emit(ms, "proxy_http", "error", f"AH01102: error reading status line from remote server {other_backend}",
                 client=c, errno="(70007)The timeout specified has expired")
        elif r < 0.935:
            f, ln = rng.choice(php_files)
            emit(ms, "proxy_fcgi", "error", f"AH01071: Got error 'PHP message: PHP Fatal error:  Allowed memory size of "
                                            f"268435456 bytes exhausted (tried to allocate {rng.choice([20480, 65536, 262144, 1048576])} "
                                            f"bytes) in {f} on line {ln}'", client=c)
        elif r < 0.965:
            emit(ms, "proxy_fcgi", "error", "AH01071: Got error 'PHP message: PHP Warning:  Undefined array key \"sku\" in "
                                            "/var/www/html/wp-content/plugins/woo-export/export.php on line 211'", client=c)
        else:
            emit(ms, "autoindex", "error", "AH01276: Cannot serve directory /var/www/html/uploads/: No matching "
                                           "DirectoryIndex (index.php,index.html) found, and server-generated directory "
                                           "index forbidden by Options directive", client=c)
    out.sort(key=lambda x: x[0])
    return [ln for _, ln in out]


# --------------------------------------------------------------------------- Go zap JSON (short keys)


def zap_t(ms: int, micro: int) -> str:
    """zap's EpochMillisTimeEncoder: float milliseconds, shortest form."""
    v = (ms * 1000 + micro) / 1000
    return repr(v)


def gen_gateway(rng: Rng):
    tenants = rng.zipf_table(["acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "wonka", "tyrell",
                              "cyberdyne", "soylent", "vandelay"], 0.9)
    routes = [("GET", "/v2/orders", 0.30, 45.0, 5200), ("POST", "/v2/orders", 0.12, 120.0, 830),
              ("GET", "/v2/products", 0.28, 25.0, 14800), ("GET", "/v2/products/{id}", 0.15, 18.0, 2100),
              ("GET", "/v2/invoices", 0.08, 70.0, 9600), ("POST", "/v2/webhooks", 0.07, 30.0, 64)]
    callers = {"request": "middleware/logging.go:58", "ratelimit": "middleware/ratelimit.go:94",
               "proxy": "proxy/upstream.go:211", "breaker": "proxy/breaker.go:77", "config": "config/watch.go:133",
               "cache": "cache/tokens.go:42"}
    events = [(ms, "normal") for ms in arrivals(rng, lambda s: 0.62 * traffic(s))]
    events += [(ms, "ratelimit") for ms in arrivals(rng, lambda s: 0.5 if within(s, "10:30", "10:45") else 0.0)]
    events += [(ms, "timeout") for ms in arrivals(rng, lambda s: 0.12 if within(s, "11:15", "11:30") else 0.0)]
    for minute in range(0, SPAN_S // 60, 15):
        events.append((START_MS + (minute * 60 + 12) * 1000 + rng.int(1, 999), "config"))
    events.append((START_MS + off("11:16:41") * 1000 + 87, "breaker-open"))
    events.append((START_MS + off("11:17:11") * 1000 + 90, "breaker-half"))
    events.append((START_MS + off("11:17:12") * 1000 + 402, "breaker-open"))
    events.append((START_MS + off("11:31:05") * 1000 + 655, "breaker-half"))
    events.append((START_MS + off("11:31:06") * 1000 + 13, "breaker-closed"))
    events.sort()
    out = []
    state = ["closed"]

    def rec(ms, level, logger, caller, m, **kw):
        ms = nz(ms)
        d = {"L": level, "T": None, "N": logger, "caller": caller, "M": m}
        d["T"] = zap_t(ms, rng.int(0, 999))
        d.update(kw)
        s = jdump(d).replace(f'"T":"{d["T"]}"', f'"T":{d["T"]}')
        out.append((ms, s))

    def request(ms, tenant, method, route, code, secs, bytes_out, m="request completed", **kw):
        level = "INFO" if code < 400 else ("WARN" if code < 500 else "ERROR")
        ns = int(secs * 1e9) // 1000 * 1000 + rng.int(1, 999)
        rec(ms, level, "gateway.http", callers["proxy" if code in (502, 504) else "request"], m, tenant=tenant,
            method=method, route=route, code=code, latency=go_duration(ns), bytes_out=bytes_out,
            req_id=rng.hex(16), **kw)

    for ms, kind in events:
        sec = (ms - START_MS) // 1000
        if kind == "config":
            rec(ms, "INFO", "gateway.config", callers["config"], "config reloaded", routes=len(routes), revision=f"r{184 + sec // 900}")
            continue
        if kind.startswith("breaker-"):
            new = kind.split("-")[1]
            new = {"half": "half-open"}.get(new, new)
            rec(ms, "WARN" if new != "closed" else "INFO", "gateway.proxy", callers["breaker"], "circuit breaker state changed",
                upstream="orders-svc", **{"from": state[0], "to": new})
            state[0] = new
            continue
        if kind == "ratelimit":
            tenant = "globex" if rng.chance(0.9) else rng.weighted(tenants)
            method, route = rng.choice([("GET", "/v2/orders"), ("GET", "/v2/products"), ("GET", "/v2/invoices")])
            request(ms, tenant, method, route, 429, rng.lognormal(0.0004, 0.3), 71, m="rate limit exceeded",
                    limit=600, window="1m0s")
            continue
        if kind == "timeout":
            tenant = rng.weighted(tenants)
            request(ms, tenant, "GET", "/v2/orders", 504, 5.0 + rng.u() * 0.02, 0, m="upstream request failed",
                    upstream="orders-svc", error="context deadline exceeded")
            continue
        r = rng.u()
        tenant = rng.weighted(tenants)
        if r < 0.88:
            method, route, _, median, size = rng.weighted([(x, x[2]) for x in routes])
            if "{id}" in route:
                route = route.replace("{id}", ":id")
            slow = within(sec, "11:15", "11:30") and route == "/v2/orders"
            x = rng.u()
            code = 201 if method == "POST" else 200
            if x < 0.03:
                code = 400
            elif x < 0.05:
                code = 401
            elif x < 0.07 and route == "/v2/products/:id":
                code = 404
            elif x < 0.074:
                code = 429
            elif x < 0.08:
                code = 500
            elif x < 0.083:
                code = 502
            secs = rng.lognormal(median, 0.55) / 1000 * (40.0 if slow else 1.0)
            if code == 502:
                request(ms, tenant, method, route, code, secs, 0, m="upstream request failed",
                        upstream="orders-svc" if "orders" in route else "catalog-svc", error="EOF")
                continue
            b = int(rng.lognormal(size, 0.4)) if code < 400 else rng.int(60, 140)
            if method == "POST" and code < 400 and route == "/v2/webhooks":
                code = 204
                b = 0
            request(ms, tenant, method, route, code, secs, b)
        else:
            rec(ms, "DEBUG", "gateway.auth", callers["cache"], "token cache hit", tenant=tenant, key_id=f"k-{rng.hex(6)}")
    out.sort(key=lambda x: x[0])
    return [ln for _, ln in out]


# --------------------------------------------------------------------------- klog controller


def klog_head(sev: str, ms: int, micro: int, tid: int, src: str) -> str:
    t = dt_of(ms)
    return f"{sev}{t.strftime('%m%d %H:%M:%S')}.{ms % 1000:03d}{micro:03d} {tid:>7} {src}]"


def gen_rollout(rng: Rng):
    objects = [f"shop/{n}" for n in ("checkout", "payments", "inventory", "cart", "frontend")]
    objects += ["auth/authd", "billing/billing-api", "ml/recommender", "edge/api-gateway", "ingress-nginx/controller",
                "shop/search", "shop/notifications", "ml/feature-store", "billing/invoicer"]
    ob = rng.zipf_table(objects, 0.5)
    events = [(ms, "reconcile") for ms in arrivals(rng, lambda s: 0.33 * traffic(s))]
    events += [(ms, "conflict") for ms in arrivals(rng, lambda s: 0.25 if within(s, "10:50", "11:05") else 0.0)]
    events += [(ms, "throttle") for ms in arrivals(rng, lambda s: 0.2 if within(s, "10:50", "11:05") else 0.004)]
    events += [(ms, "watch") for ms in arrivals(rng, lambda s: 1 / 300)]
    lost = START_MS + off("11:35:27") * 1000 + 611
    for k in range(5):
        events.append((lost - 10_000 + k * 2_000 + rng.int(1, 400), "lockerr"))
    events.append((lost, "lost"))
    back = lost + 38_204
    events.append((START_MS + 3_417, "start"))
    events.append((back, "start"))
    events.sort()
    out = []
    leader_until = [END.timestamp() * 1000]  # no work before the first lease

    def emit(sev, ms, src, msg, tid=1):
        ms = nz(ms)
        out.append((ms, f"{klog_head(sev, ms, rng.int(0, 999), tid, src)} {msg}"))

    gen = {o: rng.int(3, 90) for o in objects}
    for ms, kind in events:
        if kind == "start":
            emit("I", ms, "main.go:87", '"Starting manager" version="v0.9.3" leaderElection=true')
            emit("I", ms + 4, "leaderelection.go:250", "attempting to acquire leader lease kube-system/rollout-controller...")
            acq = ms + rng.int(1200, 2500)
            emit("I", acq, "leaderelection.go:260", "successfully acquired lease kube-system/rollout-controller")
            emit("I", acq + 3, "controller.go:178", '"Starting EventSource" controller="rollout" source="kind source: *v1.Deployment"')
            emit("I", acq + 5, "controller.go:220", '"Starting workers" controller="rollout" worker count=4')
            leader_until[0] = acq + 6
            continue
        if kind == "lockerr":
            emit("E", ms, "leaderelection.go:332", "error retrieving resource lock kube-system/rollout-controller: "
                 'Get "https://10.96.0.1:443/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/rollout-controller?timeout=5s": '
                 "context deadline exceeded")
            continue
        if kind == "lost":
            emit("I", ms, "leaderelection.go:285", "failed to renew lease kube-system/rollout-controller: timed out waiting for the condition")
            emit("E", ms + 1, "main.go:142", '"problem running manager" err="leader election lost"')
            leader_until[0] = back + 10**9  # no work until the restart's lease
            continue
        if ms < leader_until[0] and kind != "watch":
            continue
        if kind == "watch":
            emit("I", ms, "reflector.go:368", f'"Watch close" reflector="pkg/mod/k8s.io/client-go@v0.31.2/tools/cache/reflector.go:243" '
                 f'type="*v1.Deployment" totalItems={rng.int(4, 60)}')
            continue
        if kind == "throttle":
            wait = rng.lognormal(1.1, 0.35) if within((ms - START_MS) // 1000, "10:50", "11:05") else rng.lognormal(0.25, 0.3)
            o = rng.weighted(ob)
            ns, name = o.split("/")
            emit("I", ms, "request.go:697", f"Waited for {go_duration(int(wait * 1e9))} due to client-side throttling, "
                 f"not priority and fairness, request: GET:https://10.96.0.1:443/apis/apps/v1/namespaces/{ns}/deployments/{name}",
                 tid=rng.int(20, 40))
            continue
        o = rng.weighted(ob) if kind == "reconcile" else ("shop/checkout" if rng.chance(0.6) else rng.weighted(ob))
        ns, name = o.split("/")
        rid = f"{rng.hex(8)}-{rng.hex(4)}-{rng.hex(4)}-{rng.hex(4)}-{rng.hex(12)}"
        tid = rng.int(20, 40)
        emit("I", ms, "rollout_controller.go:96", f'"Reconciling" controller="rollout" object="{o}" reconcileID="{rid}"', tid=tid)
        if kind == "conflict":
            emit("E", ms + rng.int(3, 40), "controller.go:316", f'"Reconciler error" err="Operation cannot be fulfilled on '
                 f'deployments.apps \\"{name}\\": the object has been modified; please apply your changes to the latest '
                 f'version and try again" controller="rollout" object="{o}" reconcileID="{rid}"', tid=tid)
            continue
        dur = rng.lognormal(14.0, 0.7)  # ms
        x = rng.u()
        if x < 0.015:
            emit("E", ms + int(dur), "controller.go:316", f'"Reconciler error" err="failed to patch status: Internal error '
                 f'occurred: etcdserver: request timed out" controller="rollout" object="{o}" reconcileID="{rid}"', tid=tid)
            continue
        if x < 0.05:
            dur = dur * 60
        gen[o] += rng.chance(0.3)
        d = go_duration(int(dur * 1e6) // 1000 * 1000 + rng.int(1, 999))
        emit("I", ms + int(dur), "rollout_controller.go:188", f'"Reconciled" controller="rollout" object="{o}" '
             f'generation={gen[o]} duration="{d}" reconcileID="{rid}"', tid=tid)
        if dur > 500:
            emit("W", ms + int(dur) + 1, "rollout_controller.go:191", f'"Slow reconcile" controller="rollout" object="{o}" '
                 f'duration="{d}" threshold="500ms"', tid=tid)
    out.sort(key=lambda x: x[0])
    return [ln for _, ln in out]


# --------------------------------------------------------------------------- held-out set 3 shapes
# Each generator below has its own Rng (seeded per file in main), so adding them changes no earlier file.


def pg_ts(ms: int) -> str:
    return dt_of(ms).strftime("%Y-%m-%d %H:%M:%S") + f".{ms % 1000:03d} UTC"


def gen_postgres(rng: Rng):
    """PostgreSQL 16 stderr log, log_line_prefix '%m [%p] %q%u@%d ', log_min_duration_statement=250ms."""
    users = [("shop_app", "shop", 0.55), ("reporting", "analytics", 0.22), ("billing", "billing", 0.18),
             ("etl", "analytics", 0.05)]
    hosts = {"shop_app": [f"10.0.4.{i}" for i in range(11, 17)], "reporting": ["10.0.7.31"],
             "billing": ["10.0.5.20", "10.0.5.21"], "etl": ["10.0.8.9"]}
    apps = {"shop_app": "orders-api", "reporting": "metabase", "billing": "billing-api", "etl": "airflow"}
    pids = {u: [rng.int(20000, 64000) for _ in range(8)] for u, _, _ in users}
    stmts = {
        "shop_app": [("execute <unnamed>: SELECT o.id, o.status, o.total_cents FROM orders o WHERE o.customer_id = $1 "
                      "ORDER BY o.created_at DESC LIMIT 20", 60.0),
                     ("execute <unnamed>: UPDATE inventory SET reserved = reserved + $1 WHERE sku = $2", 40.0),
                     ("execute <unnamed>: INSERT INTO order_items (order_id, sku, qty, price_cents) VALUES ($1, $2, $3, $4)",
                      30.0)],
        "reporting": [("statement: SELECT date_trunc('hour', created_at) AS h, count(*), sum(total_cents) FROM orders "
                       "WHERE created_at >= now() - interval '7 days' GROUP BY 1 ORDER BY 1", 1800.0),
                      ("statement: SELECT sku, sum(qty) FROM order_items GROUP BY sku ORDER BY 2 DESC LIMIT 50", 900.0)],
        "billing": [("statement: SELECT * FROM invoices WHERE status = 'open' AND due_date < now()", 350.0),
                    ("execute S_3: UPDATE invoices SET status = $1, paid_at = now() WHERE id = $2", 120.0)],
        "etl": [("statement: COPY (SELECT * FROM events WHERE day = '2026-12-05') TO STDOUT", 4000.0)],
    }
    upd = "UPDATE inventory SET reserved = reserved + $1 WHERE sku = $2"
    upd2 = "UPDATE inventory SET reserved = reserved - $1 WHERE sku = $2"
    events = [(ms, "slow") for ms in arrivals(rng, lambda s: 0.33 * traffic(s))]
    events += [(ms, "conn") for ms in arrivals(rng, lambda s: 0.09)]
    events += [(ms, "lockwait") for ms in arrivals(rng, lambda s: 0.16 if within(s, "10:10", "10:25") else 0.0)]
    events += [(ms, "deadlock") for ms in arrivals(rng, lambda s: 0.021 if within(s, "10:10", "10:25") else 0.0)]
    events += [(ms, "dupkey") for ms in arrivals(rng, lambda s: 0.004)]
    events += [(ms, "stmt_timeout") for ms in arrivals(rng, lambda s: 0.0025)]
    events += [(ms, "authfail") for ms in arrivals(rng, lambda s: 0.0012)]
    events += [(ms, "toomany") for ms in arrivals(rng, lambda s: 0.45 if within(s, "11:40", "11:50") else 0.0)]
    events += [(ms, "vacuum") for ms in arrivals(rng, lambda s: 1 / 420)]
    for k in range(SPAN_S // 300):
        events.append((START_MS + (k * 300 + 17) * 1000 + rng.int(1, 999), "checkpoint"))
    events.sort()
    out = []

    def emit(ms, pid, who, sev, text, cont=()):
        ms = nz(ms)
        prefix = f"{pg_ts(ms)} [{pid}] " + (f"{who} " if who else "")
        out.append((ms, "\n".join([f"{prefix}{sev}:  {text}", *[f"\t{c}" for c in cont]])))

    def pick_user():
        u, db, _ = rng.weighted([(x, x[2]) for x in users])
        return u, db

    xid = [7_310_000]
    for ms, kind in events:
        sec = (ms - START_MS) // 1000
        if kind == "slow":
            u, db = pick_user()
            text, median = rng.choice(stmts[u])
            d = 250 + rng.lognormal(median, 0.8)
            emit(ms, rng.choice(pids[u]), f"{u}@{db}", "LOG", f"duration: {d:.3f} ms  {text}")
        elif kind == "conn":
            u, db = pick_user()
            pid, host, port = rng.int(20000, 64000), rng.choice(hosts[u]), rng.int(32768, 60999)
            emit(ms, pid, "[unknown]@[unknown]", "LOG", f"connection received: host={host} port={port}")
            emit(ms + rng.int(2, 9), pid, f"{u}@{db}", "LOG",
                 f"connection authorized: user={u} database={db} application_name={apps[u]}")
            life = rng.int(5, 1800) * 1000 + rng.int(1, 999)
            if ms + life < END.timestamp() * 1000 - 1000:
                h, rem = divmod(life, 3_600_000)
                m, rem = divmod(rem, 60_000)
                emit(ms + life, pid, f"{u}@{db}", "LOG",
                     f"disconnection: session time: {h}:{m:02d}:{rem // 1000:02d}.{rem % 1000:03d} user={u} "
                     f"database={db} host={host} port={port}")
        elif kind == "lockwait":
            pid, holder = rng.choice(pids["shop_app"]), rng.choice(pids["shop_app"])
            xid[0] += rng.int(3, 40)
            waited = 1000 + rng.u() * 3
            emit(ms, pid, "shop_app@shop", "LOG", f"process {pid} still waiting for ShareLock on transaction {xid[0]} "
                 f"after {waited:.3f} ms")
            emit(ms, pid, "shop_app@shop", "DETAIL", f"Process holding the lock: {holder}. Wait queue: {pid}.")
            emit(ms, pid, "shop_app@shop", "CONTEXT", f'while updating tuple ({rng.int(100, 9000)},{rng.int(1, 60)}) '
                 f'in relation "inventory"')
            emit(ms, pid, "shop_app@shop", "STATEMENT", upd)
            d = 1000 + rng.lognormal(2600, 0.5)
            emit(ms + int(d) - 1000, pid, "shop_app@shop", "LOG", f"duration: {d:.3f} ms  execute <unnamed>: {upd}")
        elif kind == "deadlock":
            a, b = rng.choice(pids["shop_app"]), rng.int(20000, 64000)
            xa, xb = xid[0] + rng.int(1, 9), xid[0] + rng.int(10, 19)
            emit(ms, a, "shop_app@shop", "ERROR", "deadlock detected")
            emit(ms, a, "shop_app@shop", "DETAIL",
                 f"Process {a} waits for ShareLock on transaction {xb}; blocked by process {b}.",
                 [f"Process {b} waits for ShareLock on transaction {xa}; blocked by process {a}.",
                  f"Process {a}: {upd}", f"Process {b}: {upd2}"])
            emit(ms, a, "shop_app@shop", "HINT", "See server log for query details.")
            emit(ms, a, "shop_app@shop", "CONTEXT", f'while updating tuple ({rng.int(100, 9000)},{rng.int(1, 60)}) '
                 f'in relation "inventory"')
            emit(ms, a, "shop_app@shop", "STATEMENT", upd)
        elif kind == "dupkey":
            pid = rng.choice(pids["shop_app"])
            emit(ms, pid, "shop_app@shop", "ERROR", 'duplicate key value violates unique constraint "order_items_pkey"')
            emit(ms, pid, "shop_app@shop", "DETAIL", f"Key (order_id, sku)=(ord-{rng.int(100000, 999999)}, "
                 f"SKU-{rng.int(10000, 10499)}) already exists.")
            emit(ms, pid, "shop_app@shop", "STATEMENT", "INSERT INTO order_items (order_id, sku, qty, price_cents) "
                 "VALUES ($1, $2, $3, $4)")
        elif kind == "stmt_timeout":
            pid = rng.choice(pids["reporting"])
            emit(ms, pid, "reporting@analytics", "ERROR", "canceling statement due to statement timeout")
            emit(ms, pid, "reporting@analytics", "STATEMENT", stmts["reporting"][0][0].split(": ", 1)[1])
        elif kind == "authfail":
            pid = rng.int(20000, 64000)
            emit(ms, pid, "[unknown]@[unknown]", "LOG", f"connection received: host=10.0.8.9 port={rng.int(32768, 60999)}")
            emit(ms + rng.int(3, 12), pid, "etl@analytics", "FATAL", 'password authentication failed for user "etl"')
            emit(ms + rng.int(13, 14), pid, "etl@analytics", "DETAIL", 'Connection matched file '
                 '"/var/lib/postgresql/data/pg_hba.conf" line 99: "host all all 0.0.0.0/0 scram-sha-256"')
        elif kind == "toomany":
            u, db = ("reporting", "analytics") if rng.chance(0.8) else pick_user()
            pid, host = rng.int(20000, 64000), rng.choice(hosts[u])
            emit(ms, pid, "[unknown]@[unknown]", "LOG", f"connection received: host={host} port={rng.int(32768, 60999)}")
            text = ("sorry, too many clients already" if rng.chance(0.7) else
                    "remaining connection slots are reserved for roles with the SUPERUSER attribute")
            emit(ms + rng.int(1, 4), pid, f"{u}@{db}", "FATAL", text)
        elif kind == "vacuum":
            table = rng.choice(["shop.public.orders", "shop.public.order_items", "shop.public.inventory",
                                "billing.public.invoices", "analytics.public.events"])
            pages, removed = rng.int(2000, 90000), rng.int(100, 20000)
            el = rng.lognormal(0.6, 0.7)
            emit(ms, rng.int(20000, 64000), None, "LOG", f'automatic vacuum of table "{table}": index scans: 1', [
                f"pages: 0 removed, {pages} remain, {rng.int(50, pages // 4)} scanned",
                f"tuples: {removed} removed, {rng.int(100000, 900000)} remain, {rng.int(0, 40)} are dead but not yet removable",
                f"avg read rate: {rng.u() * 30:.3f} MB/s, avg write rate: {rng.u() * 8:.3f} MB/s",
                f"buffer usage: {rng.int(1000, 90000)} hits, {rng.int(0, 900)} misses, {rng.int(0, 400)} dirtied",
                f"system usage: CPU: user: {el * 0.4:.2f} s, system: {el * 0.1:.2f} s, elapsed: {el:.2f} s"])
        elif kind == "checkpoint":
            busy = within(sec, "10:05", "10:30")
            buffers = rng.int(9000, 14000) if busy else rng.int(600, 3200)
            write = 269.0 + rng.u() * 1.5 if not busy else 269.5 + rng.u() * 14
            sync = rng.u() * (2.5 if busy else 0.05)
            total = write + sync + rng.u() * 0.01
            emit(ms, 27, None, "LOG", "checkpoint starting: time")
            emit(ms + int(total * 1000), 27, None, "LOG",
                 f"checkpoint complete: wrote {buffers} buffers ({buffers / 163.84:.1f}%); 0 WAL file(s) added, "
                 f"0 removed, {rng.int(1, 6)} recycled; write={write:.3f} s, sync={sync:.3f} s, total={total:.3f} s; "
                 f"sync files={rng.int(10, 90)}, longest={sync * 0.3:.3f} s, average={sync * 0.02:.3f} s; "
                 f"distance={buffers * 8} kB, estimate={buffers * 8 + rng.int(0, 900)} kB; lsn=2A/{rng.hex(8).upper()}, "
                 f"redo lsn=2A/{rng.hex(8).upper()}")
    out.sort(key=lambda x: x[0])
    return [pl for _, ln in out for pl in ln.split("\n")]


def gen_haproxy(rng: Rng):
    """HAProxy 2.8 HTTP log (option httplog) through syslog, second-resolution header, ms accept date."""
    clients = rng.zipf_table([f"{rng.int(11, 223)}.{rng.int(0, 255)}.{rng.int(0, 255)}.{rng.int(1, 254)}"
                              for _ in range(500)], 0.8)
    backends = {"be_api": (["api-1", "api-2", "api-3", "api-4"], 42.0), "be_static": (["static-1", "static-2"], 4.0),
                "be_search": (["search-1", "search-2"], 85.0), "be_auth": (["auth-1", "auth-2"], 30.0)}
    reqs = [("be_api", "GET", "/api/v1/products", 0.22, 14000), ("be_api", "GET", "/api/v1/cart", 0.10, 1100),
            ("be_api", "POST", "/api/v1/orders", 0.06, 800), ("be_static", "GET", "/static/app.js", 0.18, 240000),
            ("be_static", "GET", "/static/logo.svg", 0.10, 5100), ("be_search", "GET", "/search", 0.16, 22000),
            ("be_auth", "POST", "/auth/token", 0.12, 900), ("be_auth", "GET", "/auth/userinfo", 0.06, 600)]
    probe_paths = ["/wp-login.php", "/.env", "/admin/config.php", "/phpmyadmin/index.php", "/.git/config",
                   "/cgi-bin/luci", "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php"]
    events = [(ms, "req") for ms in arrivals(rng, lambda s: 1.0 * traffic(s))]
    events += [(ms, "scan") for ms in arrivals(rng, lambda s: 0.35 if within(s, "10:55", "11:10") else 0.003)]
    events += [(ms, "plain") for ms in arrivals(rng, lambda s: 0.06)]
    down_at = START_MS + off("10:35:07") * 1000 + 412
    detected = START_MS + off("10:35:19") * 1000 + 86
    up_at = START_MS + off("10:49:41") * 1000 + 233
    events += [(detected, "down"), (up_at, "up")]
    events.sort()
    events = [(ms, k) for ms, k in events if ((ms - START_MS) // 1000) % 60 != 0]
    out = []
    conns = [180]

    def emit(ms, text):
        ms = nz(ms)
        t = dt_of(ms)
        out.append((ms, f"{t.strftime('%b')} {t.day:>2} {t.strftime('%H:%M:%S')} lb-01 haproxy[2231]: {text}"))

    def acc(ms):
        return dt_of(ms).strftime("%d/%b/%Y:%H:%M:%S") + f".{ms % 1000:03d}"

    def http(ms, ip, fe, be, srv, timers, status, size, term, method, path, retries=0, queue=(0, 0)):
        conns[0] = max(60, min(400, conns[0] + rng.int(-3, 3)))
        ac = conns[0]
        fc = ac - rng.int(0, 4)
        bc = rng.int(1, 40)
        sc = rng.int(0, 12) if srv != "<NOSRV>" else 0
        emit(ms, f"{ip}:{rng.int(1024, 65535)} [{acc(nz(ms))}] {fe} {be}/{srv} {'/'.join(str(x) for x in timers)} "
                 f"{status} {size} - - {term} {ac}/{fc}/{bc}/{sc}/{retries} {queue[0]}/{queue[1]} "
                 f'"{method} {path} HTTP/1.1"')

    for ms, kind in events:
        sec = (ms - START_MS) // 1000
        if kind == "down":
            emit(ms, 'Server be_api/api-3 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check '
                     "duration: 0ms. 3 active and 0 backup servers left. 2 sessions active, 0 requeued, 0 remaining in queue.")
            continue
        if kind == "up":
            emit(ms, "Server be_api/api-3 is UP, reason: Layer7 check passed, code: 200, check duration: 4ms. 4 active and "
                     "0 backup servers online. 0 sessions requeued, 0 total in queue.")
            continue
        if kind == "scan":
            ip = "192.0.2.77" if within(sec, "10:55", "11:10") and rng.chance(0.92) else rng.weighted(clients)
            tr = rng.int(0, 2)
            http(ms, ip, "fe_https~", "fe_https", "<NOSRV>", (tr, -1, -1, -1, tr), 403, 192, "PR--", "GET",
                 rng.choice(probe_paths))
            continue
        if kind == "plain":
            ip = rng.weighted(clients)
            http(ms, ip, "fe_http", "fe_http", "<NOSRV>", (0, -1, -1, -1, 0), 301, 99, "LR--", "GET",
                 rng.choice(["/", "/products", "/login"]))
            continue
        be, method, path, _, size = rng.weighted([(r, r[3]) for r in reqs])
        servers, median = backends[be]
        if path == "/api/v1/products" and rng.chance(0.5):
            path = f"/api/v1/products/{rng.int(1000, 9999)}"
        ip = rng.weighted(clients)
        srv = rng.choice(servers)
        tr = rng.int(0, 3)
        tc = rng.int(0, 2)
        if be == "be_api" and down_at <= ms < detected and srv == "api-3":
            http(ms, ip, "fe_https~", be, srv, (tr, 0, -1, -1, 3000 + tr + rng.int(1, 9)), 503, 217, "SC--", method, path,
                 retries=3)
            continue
        if be == "be_api" and detected <= ms < up_at:
            srv = rng.choice(["api-1", "api-2", "api-4"])
            if rng.chance(0.3):
                http(ms, ip, "fe_https~", be, "<NOSRV>", (tr, 10000 + rng.int(0, 2), -1, -1, 10000 + tr + rng.int(1, 5)),
                     503, 217, "sQ--", method, path, queue=(0, rng.int(20, 90)))
                continue
            median = median * 3
        slow = be == "be_search" and within(sec, "11:15", "11:30")
        if slow:
            median = 2400.0
            if rng.chance(0.1):
                http(ms, ip, "fe_https~", be, srv, (tr, 0, tc, -1, 30000 + tr + tc + rng.int(1, 5)), 504, 194, "sH--",
                     method, path)
                continue
        rt = max(1, int(rng.lognormal(median, 0.6)))
        status = 201 if method == "POST" and be == "be_api" else 200
        x = rng.u()
        if x < 0.025:
            status = 404 if method == "GET" else 400
        elif x < 0.035 and be == "be_auth":
            status = 401
        elif x < 0.039:
            status = 500
        b = int(rng.lognormal(size, 0.3)) if status < 400 else rng.int(150, 600)
        http(ms, ip, "fe_https~", be, srv, (tr, 0, tc, rt, tr + tc + rt + rng.int(0, 2)), status, b, "----", method, path)
    out.sort(key=lambda x: x[0])
    return [ln for _, ln in out]


def gen_pino(rng: Rng):
    """Node.js service logging with pino / pino-http: numeric levels, epoch-ms `time`, nested req/res."""
    host = "notifications-6d8f7b9c5-9xv2p"
    tenants = rng.zipf_table(["acme", "globex", "initech", "hooli", "umbrella", "wayne", "stark", "tyrell",
                              "soylent", "vandelay"], 0.8)
    routes = [("POST", "/v1/messages", 0.50, 38.0, 202), ("GET", "/v1/messages/:id", 0.25, 9.0, 200),
              ("GET", "/healthz", 0.17, 0.6, 200), ("POST", "/v1/templates/render", 0.08, 22.0, 200)]
    providers = {"email": ["sendgrid", "smtp-relay"], "sms": ["twilio"], "push": ["fcm", "apns"]}
    crash = START_MS + off("11:33:41") * 1000 + 208
    back = crash + 7_614
    events = [(ms, "req") for ms in arrivals(rng, lambda s: 0.55 * traffic(s))]
    events += [(ms, "deliver") for ms in arrivals(rng, lambda s: 0.30 * traffic(s))]
    events += [(ms, "smtp") for ms in arrivals(rng, lambda s: 0.22 if within(s, "10:05", "10:20") else 0.0)]
    events += [(ms, "bad") for ms in arrivals(rng, lambda s: 0.004)]
    events += [(ms, "flood") for ms in arrivals(rng, lambda s: 0.7 if within(s, "10:50", "11:05") else 0.0)]
    events += [(ms, "lag") for ms in arrivals(rng, lambda s: 0.07 if within(s, "11:24", "11:33:41") else 0.0008)]
    events += [(crash, "crash"), (back, "start")]
    events.sort()
    out = []
    rid = [0]

    def emit(ms, level, obj, m):
        ms = nz(ms)
        d = {"level": level, "time": ms, "pid": 1, "hostname": host}
        d.update(obj)
        d["msg"] = m
        out.append((ms, jdump(d)))

    def mid():
        return "msg_" + rng.hex(12)

    for ms, kind in events:
        if crash <= ms < back + 2000 and kind not in ("crash", "start"):
            continue
        sec = (ms - START_MS) // 1000
        leak = 1.0 + (9.0 * (ms - at_ms("11:20")) / (crash - at_ms("11:20")) if at_ms("11:20") <= ms < crash else 0.0)
        if kind == "crash":
            emit(ms, 60, {"err": {"type": "RangeError", "message": "Invalid string length",
                                  "stack": "RangeError: Invalid string length\n    at JSON.stringify (<anonymous>)\n"
                                           "    at renderTemplate (/app/dist/templates.js:88:21)\n"
                                           "    at processTicksAndRejections (node:internal/process/task_queues:95:5)"}},
                 "uncaught exception, shutting down")
            continue
        if kind == "start":
            emit(ms, 30, {"version": "3.14.2", "node": "v22.11.0"}, "starting notifications")
            emit(ms + rng.int(40, 90), 30, {"module": "redis", "url": "redis://redis-master:6379"}, "connected to redis")
            emit(ms + rng.int(120, 200), 30, {}, "Server listening at http://0.0.0.0:3000")
            continue
        if kind == "lag":
            lag = rng.lognormal(180, 0.4) * (leak if leak > 1 else 1.0)
            emit(ms, 40, {"module": "health", "lagMs": round(lag, 1), "heapUsedMb": round(180 * leak + rng.u() * 20, 1)},
                 "event loop lag high")
            continue
        if kind in ("smtp", "bad", "deliver"):
            if kind == "smtp":
                attempt = rng.int(1, 5)
                m_id = mid()
                emit(ms, 50, {"module": "dispatcher", "channel": "email", "provider": "smtp-relay", "messageId": m_id,
                              "attempt": attempt, "err": {"type": "Error", "message": "connect ETIMEDOUT 10.20.0.5:587",
                                                          "stack": "Error: connect ETIMEDOUT 10.20.0.5:587\n    at "
                                                                   "TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)",
                                                          "code": "ETIMEDOUT"}}, "delivery failed")
                if attempt < 5:
                    emit(ms + 1, 40, {"module": "dispatcher", "channel": "email", "provider": "smtp-relay",
                                      "messageId": m_id, "attempt": attempt, "delayMs": 2000 * 2 ** attempt},
                         "delivery retry scheduled")
                continue
            if kind == "bad":
                emit(ms, 50, {"module": "dispatcher", "channel": "sms", "provider": "twilio", "messageId": mid(),
                              "attempt": 1, "err": {"type": "AxiosError", "message": "Request failed with status code 400",
                                                    "code": "ERR_BAD_REQUEST"}}, "delivery failed")
                continue
            channel = rng.weighted([("email", 6), ("sms", 2), ("push", 3)])
            prov = rng.choice(providers[channel])
            if prov == "smtp-relay" and within(sec, "10:05", "10:20"):
                prov = "sendgrid"
            emit(ms, 30, {"module": "dispatcher", "channel": channel, "provider": prov, "messageId": mid(),
                          "tenant": rng.weighted(tenants), "latencyMs": round(rng.lognormal(140, 0.5), 1)},
                 "message delivered")
            continue
        rid[0] += 1
        if kind == "flood":
            tenant = "hooli" if rng.chance(0.93) else rng.weighted(tenants)
            method, url, status, rt = "POST", "/v1/messages", 429, rng.int(0, 2)
        else:
            tenant = rng.weighted(tenants)
            method, url, _, median, status = rng.weighted([(r, r[2]) for r in routes])
            if url == "/v1/messages/:id":
                url = "/v1/messages/" + mid()
            x = rng.u()
            if url == "/healthz":
                tenant = None
            elif x < 0.03:
                status = 400
            elif x < 0.04 and url.startswith("/v1/messages/"):
                status = 404
            elif x < 0.045:
                status = 500
            rt = int(rng.lognormal(median, 0.5) * leak)
        req = {"id": rid[0], "method": method, "url": url, "remoteAddress": f"10.244.{rng.int(0, 3)}.{rng.int(2, 250)}",
               "remotePort": rng.int(32768, 60999)}
        obj = {"reqId": f"req-{rid[0]:x}", "req": req, "res": {"statusCode": status}, "responseTime": rt}
        if tenant:
            obj["tenant"] = tenant
        if status >= 500:
            obj["err"] = {"type": "Error", "message": "template variable \"name\" is undefined"}
            emit(ms, 50, obj, "request errored")
        else:
            emit(ms, 40 if status >= 400 else 30, obj, "request completed")
    out.sort(key=lambda x: x[0])
    return [ln for _, ln in out]


def at_ms(hhmm: str) -> int:
    return START_MS + off(hhmm) * 1000


def kafka_ts(ms: int) -> str:
    return "[" + dt_of(ms).strftime("%Y-%m-%d %H:%M:%S") + f",{ms % 1000:03d}]"


def gen_kafka(rng: Rng):
    """Kafka 3.7 broker (server.log): `[ts] LEVEL [Component] message (logger)`, Java stack traces."""
    topics = {"orders": 12, "payments": 6, "inventory-updates": 6, "notifications": 3}
    tw = [("orders", 5), ("payments", 2), ("inventory-updates", 2.5), ("notifications", 1)]
    offsets = {f"{t}-{p}": rng.int(100000, 9000000) for t, n in topics.items() for p in range(n)}
    # partitions broker 1 leads with broker 2 in the ISR
    led = ["orders-0", "orders-3", "orders-6", "orders-9", "payments-1", "payments-4", "inventory-updates-2",
           "inventory-updates-5", "notifications-0"] + [f"__consumer_offsets-{i}" for i in range(2, 50, 5)]
    isr_ver = {p: rng.int(20, 60) for p in led}
    events = [(ms, "roll") for ms in arrivals(rng, lambda s: 0.09 * traffic(s))]
    events += [(ms, "delete") for ms in arrivals(rng, lambda s: 0.05)]
    events += [(ms, "badclient") for ms in arrivals(rng, lambda s: 1 / 75)]
    events += [(ms, "fetcherr") for ms in arrivals(rng, lambda s: 1 / 25 if within(s, "10:40:13", "10:54:50") else 0.0)]
    events += [(ms, "notenough") for ms in arrivals(rng, lambda s: 0.06 if within(s, "10:40:40", "10:55:10") else 0.0)]
    events += [(ms, "rebalance") for ms in arrivals(rng, lambda s: 1 / 38 if within(s, "11:10", "11:20") else 0.0)]
    for minute in range(0, SPAN_S // 60, 10):
        events.append((START_MS + (minute * 60 + 41) * 1000 + rng.int(1, 999), "expire"))
    t = at_ms("10:40:24") + 311
    for p in led:
        events.append((t, "shrink:" + p))
        t += rng.int(200, 900)
    events.append((at_ms("10:44:02") + 517, "expand:orders-3"))
    events.append((at_ms("10:45:31") + 94, "shrink:orders-3"))
    t = at_ms("10:55:03") + 129
    for p in led:
        events.append((t, "expand:" + p))
        t += rng.int(150, 700)
    events.append((at_ms("09:31:12") + 450, "quiet:inventory-sync"))
    events.append((at_ms("10:06:48") + 71, "quiet:notifier"))
    events.sort()
    out = []
    gen = {"orders-consumer": 41, "inventory-sync": 17, "notifier": 8}
    members = {"orders-consumer": 6}

    def emit(ms, level, comp, text, logger, cont=()):
        ms = nz(ms)
        colon = ":" if comp.startswith("GroupCoordinator") else ""
        out.append((ms, "\n".join([f"{kafka_ts(ms)} {level} [{comp}]{colon} {text} ({logger})", *cont])))

    def part():
        tp = rng.weighted(tw)
        return f"{tp}-{rng.int(0, topics[tp] - 1)}"

    def group_round(ms, g, reason, n):
        emit(ms, "INFO", "GroupCoordinator 1", f"Preparing to rebalance group {g} in state PreparingRebalance with old "
             f"generation {gen[g]} (__consumer_offsets-17) (reason: {reason})", "kafka.coordinator.group.GroupCoordinator")
        gen[g] += 1
        t2 = ms + rng.int(2000, 9000)
        emit(t2, "INFO", "GroupCoordinator 1", f"Stabilized group {g} generation {gen[g]} (__consumer_offsets-17) with "
             f"{n} members", "kafka.coordinator.group.GroupCoordinator")
        emit(t2 + rng.int(5, 40), "INFO", "GroupCoordinator 1", f"Assignment received from leader "
             f"consumer-{g}-1-{rng.hex(8)}-{rng.hex(4)} for group {g} for generation {gen[g]}. The group has {n} members, "
             f"0 of which are static.", "kafka.coordinator.group.GroupCoordinator")

    for ms, kind in events:
        if kind == "roll":
            p = part()
            offsets[p] += rng.int(200000, 900000)
            emit(ms, "INFO", f"LocalLog partition={p}, dir=/var/lib/kafka/data", f"Rolled new log segment at offset "
                 f"{offsets[p]} in {rng.int(1, 9) if rng.chance(0.97) else rng.int(40, 400)} ms.", "kafka.log.LocalLog")
            emit(ms + rng.int(1, 4), "INFO", f"ProducerStateManager partition={p}", f"Wrote producer snapshot at offset "
                 f"{offsets[p]} with {rng.int(0, 6)} producer ids in {rng.int(1, 6)} ms.",
                 "org.apache.kafka.storage.internals.log.ProducerStateManager")
        elif kind == "delete":
            p = part()
            size = rng.int(1_000_000_000, 1_073_741_000)
            emit(ms, "INFO", f"UnifiedLog partition={p}, dir=/var/lib/kafka/data", f"Deleting segment "
                 f"LogSegment(baseOffset={rng.int(1000, offsets[p])}, size={size}, lastModifiedTime={ms - 604_900_000}, "
                 f"largestRecordTimestamp={ms - 604_800_500}) due to log retention time 604800000ms breach based on the "
                 "largest record timestamp in the segment", "kafka.log.UnifiedLog")
        elif kind == "badclient":
            ip = "10.0.9.14" if rng.chance(0.8) else "10.0.9.15"
            emit(ms, "WARN", "SocketServer listenerType=BROKER, nodeId=1", f"Unexpected error from /{ip} "
                 f"(channelId=10.244.1.12:9092-{ip}:{rng.int(32768, 60999)}-{rng.int(1, 400)}); closing connection",
                 "org.apache.kafka.common.network.Selector",
                 ["org.apache.kafka.common.network.InvalidReceiveException: Invalid receive (size = 1195725856 larger "
                  "than 104857600)",
                  "\tat org.apache.kafka.common.network.NetworkReceive.readFrom(NetworkReceive.java:94)",
                  "\tat org.apache.kafka.common.network.KafkaChannel.receive(KafkaChannel.java:452)",
                  "\tat org.apache.kafka.common.network.Selector.poll(Selector.java:481)",
                  "\tat java.base/java.lang.Thread.run(Thread.java:1583)"])
        elif kind == "fetcherr":
            comp = "ReplicaFetcher replicaId=1, leaderId=2, fetcherId=0"
            emit(ms, "INFO", comp, "Error sending fetch request (sessionId=1838829401, epoch=INITIAL) to node 2:",
                 "org.apache.kafka.clients.FetchSessionHandler",
                 ["java.net.SocketTimeoutException: Failed to connect within 30000 ms",
                  "\tat kafka.server.BrokerBlockingSender.sendRequest(BrokerBlockingSender.scala:111)",
                  "\tat kafka.server.RemoteLeaderEndPoint.fetch(RemoteLeaderEndPoint.scala:79)",
                  "\tat kafka.server.AbstractFetcherThread.processFetchRequest(AbstractFetcherThread.scala:316)"])
            emit(ms + 1, "WARN", comp, "Error in response for fetch request (type=FetchRequest, replicaId=1, maxWait=500, "
                 "minBytes=1, maxBytes=10485760, fetchData={}, isolationLevel=READ_UNCOMMITTED, removed=, replaced=, "
                 "metadata=(sessionId=1838829401, epoch=INITIAL), rackId=)", "kafka.server.ReplicaFetcherThread",
                 ["java.net.SocketTimeoutException: Failed to connect within 30000 ms"])
        elif kind == "notenough":
            emit(ms, "ERROR", "ReplicaManager broker=1", "Error processing append operation on partition payments-4",
                 "kafka.server.ReplicaManager",
                 ["org.apache.kafka.common.errors.NotEnoughReplicasException: The size of the current ISR Set(1) is "
                  "insufficient to satisfy the min.isr requirement of 2 for partition payments-4"])
        elif kind.startswith("shrink:") or kind.startswith("expand:"):
            p = kind.split(":", 1)[1]
            before, after = ("1,2", "1") if p == "payments-4" else ("1,2,3", "1,3")
            isr_ver[p] += 1
            hw = offsets.get(p, 0) + rng.int(1000, 99999)
            if kind.startswith("shrink:"):
                emit(ms, "INFO", f"Partition {p} broker=1", f"Shrinking ISR from {before} to {after}. Leader: (highWatermark: "
                     f"{hw}, endOffset: {hw + rng.int(1, 400)}). Out of sync replicas: (brokerId: 2, endOffset: "
                     f"{hw - rng.int(1, 9000)}, lastCaughtUpTimeMs: {ms - 30_000 - rng.int(0, 999)}).",
                     "kafka.cluster.Partition")
            else:
                emit(ms, "INFO", f"Partition {p} broker=1", f"ISR updated to {after},2 and version updated to "
                     f"{isr_ver[p]}", "kafka.cluster.Partition")
        elif kind == "rebalance":
            g = "orders-consumer"
            if rng.chance(0.55):
                emit(ms - 3, "INFO", "GroupCoordinator 1", f"Member consumer-{g}-1-{rng.hex(8)}-{rng.hex(4)} in group {g} "
                     "has failed, removing it from the group", "kafka.coordinator.group.GroupCoordinator")
                members[g] -= 1
                reason = "removing member on heartbeat expiration"
            else:
                members[g] += 1
                reason = f"Adding new member consumer-{g}-1-{rng.hex(8)}-{rng.hex(4)} with group instance id None"
            members[g] = max(2, min(9, members[g]))
            group_round(ms, g, reason, members[g])
        elif kind.startswith("quiet:"):
            g = kind.split(":", 1)[1]
            group_round(ms, g, f"Adding new member consumer-{g}-1-{rng.hex(8)}-{rng.hex(4)} with group instance id None",
                        rng.int(2, 4))
        elif kind == "expire":
            emit(ms, "INFO", "GroupMetadataManager brokerId=1", f"Removed {rng.int(0, 3)} expired offsets in "
                 f"{rng.int(0, 2)} milliseconds.", "kafka.coordinator.group.GroupMetadataManager")
    out.sort(key=lambda x: x[0])
    return [pl for _, ln in out for pl in ln.split("\n")]


# --------------------------------------------------------------------------- held-out set 4


ENVOY_POD_IP = "10.244.2.31"


def gen_envoy(rng: Rng):
    """Istio sidecar (istio-proxy) of the storefront pod: Envoy's default text access log, inbound and outbound."""
    clients = rng.zipf_table([f"{rng.int(11, 223)}.{rng.int(0, 255)}.{rng.int(0, 255)}.{rng.int(1, 254)}"
                              for _ in range(350)], 0.7)
    agents = [("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 "
               "Safari/537.36", 5), ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
                                     "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", 3),
              ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 "
               "Safari/605.1.15", 2)]
    inbound = [("GET", "/", 0.20, 35.0, 18400), ("GET", "/products", 0.30, 60.0, 42100),
               ("GET", "/products/{id}", 0.25, 45.0, 16800), ("GET", "/cart", 0.15, 30.0, 9200),
               ("POST", "/cart/items", 0.10, 55.0, 310)]
    services = {"catalog": (9080, ["10.244.1.21", "10.244.3.17"], "10.96.31.7", 14.0, 6100, 0.35),
                "reviews": (9080, ["10.244.1.14", "10.244.2.9", "10.244.3.22"], "10.96.44.10", 22.0, 2400, 0.25),
                "pricing": (8080, ["10.244.1.30", "10.244.3.5"], "10.96.18.212", 9.0, 380, 0.25),
                "cart": (8080, ["10.244.2.40"], "10.96.70.3", 11.0, 900, 0.15)}
    events = [(ms, "in") for ms in arrivals(rng, lambda s: 0.33 * traffic(s))]
    events += [(ms, "out") for ms in arrivals(rng, lambda s: 0.42 * traffic(s))]
    events += [(ms, "monitor") for ms in arrivals(rng, lambda s: 1 / 15)]
    events.sort()
    out = []

    def line(ms, method, path, code, flags, details, tfr, rx, tx, dur, svc, xff, ua, authority, up_host, cluster,
             up_local, down_local, down_remote):
        ms = nz(ms)
        out.append((ms, f'[{iso_ms(ms)}] "{method} {path} HTTP/1.1" {code} {flags} {details} - "{tfr}" {rx} {tx} {dur} '
                        f'{svc} "{xff}" "{ua}" "{rng.hex(8)}-{rng.hex(4)}-{rng.hex(4)}-{rng.hex(4)}-{rng.hex(12)}" '
                        f'"{authority}" "{up_host}" {cluster} {up_local} {down_local} {down_remote} - default'))

    def eport():
        return rng.int(32768, 60999)

    for ms, kind in events:
        sec = (ms - START_MS) // 1000
        if kind in ("in", "monitor"):
            if kind == "monitor":
                ip, ua = "198.51.100.14", "uptime-checker/2.3"
                method, path, _, median, size = inbound[1]
            else:
                ip, ua = rng.weighted(clients), rng.weighted(agents)
                method, path, _, median, size = rng.weighted([(r, r[2]) for r in inbound])
            if "{id}" in path:
                path = path.replace("{id}", str(rng.int(1000, 1999)))
            code = 201 if method == "POST" else 200
            x = rng.u()
            if x < 0.02 and path.startswith("/products/"):
                code = 404
            elif 0.02 <= x < 0.024:
                code = 500
            dur = max(1, int(rng.lognormal(median, 0.5)))
            tx = int(rng.lognormal(size, 0.2)) if code < 400 else rng.int(120, 900)
            rx = rng.int(200, 900) if method == "POST" else 0
            line(ms, method, path, code, "-", "via_upstream", "-", rx, tx, dur, max(1, dur - rng.int(0, 2)),
                 ip, ua, "shop.example.com", f"{ENVOY_POD_IP}:8080", "inbound|8080||", f"127.0.0.6:{eport()}",
                 f"{ENVOY_POD_IP}:8080", f"10.244.0.17:{eport()}")
            continue
        name = rng.weighted([(k, v[5]) for k, v in services.items()])
        port, hosts, vip, median, size, _ = services[name]
        host = rng.choice(hosts)
        method, path = "GET", {"catalog": f"/v1/products/{rng.int(1000, 1999)}",
                               "reviews": f"/v1/reviews/{rng.int(1000, 1999)}",
                               "pricing": f"/v1/prices/{rng.int(1000, 1999)}", "cart": "/v1/cart"}[name]
        if name == "cart" and rng.chance(0.3):
            method, path = "POST", "/v1/cart/items"
        cluster = f"outbound|{port}||{name}.shop.svc.cluster.local"
        authority = f"{name}.shop.svc.cluster.local:{port}"
        common = dict(xff="-", ua="Go-http-client/1.1", authority=authority, cluster=cluster,
                      up_local=f"{ENVOY_POD_IP}:{eport()}", down_local=f"{vip}:{port}",
                      down_remote=f"{ENVOY_POD_IP}:{eport()}")
        rx = rng.int(100, 400) if method == "POST" else 0
        if name == "reviews" and within(sec, "10:15", "10:30") and rng.chance(0.6):
            dur = rng.int(20, 90)
            line(ms, method, path, 503, "UF,URX", "upstream_reset_before_response_started{connection_failure}",
                 "delayed_connect_error:_111", rx, 91, dur, "-", up_host="10.244.3.22:9080", **common)
            continue
        if name == "pricing" and within(sec, "11:20", "11:35"):
            if rng.chance(0.12):
                line(ms, method, path, 504, "UT", "response_timeout", "-", rx, 24, 3000 + rng.int(1, 40), "-",
                     up_host=f"{host}:{port}", **common)
                continue
            median = 1400.0
        dur = max(1, int(rng.lognormal(median, 0.5)))
        if dur >= 3000:
            dur = 2990 - rng.int(0, 200)
        code = 201 if method == "POST" else 200
        if rng.chance(0.004):
            code = 500
        tx = int(rng.lognormal(size, 0.25)) if code < 400 else rng.int(60, 200)
        line(ms, method, path, code, "-", "via_upstream", "-", rx, tx, dur, max(1, dur - rng.int(0, 2)),
             up_host=f"{host}:{port}", **common)
    out.sort(key=lambda x: x[0])
    return [ln for _, ln in out]


def mongo_date(ms: int) -> str:
    return dt_of(ms).strftime("%Y-%m-%dT%H:%M:%S") + f".{ms % 1000:03d}+00:00"


def gen_mongo(rng: Rng):
    """MongoDB 7 structured JSON log (mongod, the replica set's primary until 11:42)."""
    app_hosts = [f"10.2.1.{i}" for i in range(11, 17)]
    colls = [("shop.products", 4), ("shop.carts", 3), ("shop.sessions", 2), ("shop.orders", 2), ("shop.users", 1)]
    events = [(ms, "conn") for ms in arrivals(rng, lambda s: 0.075 * traffic(s))]
    events += [(ms, "storm") for ms in arrivals(rng, lambda s: 2.2 if within(s, "11:15", "11:25") else 0.0)]
    events += [(ms, "slow") for ms in arrivals(rng, lambda s: 0.11 * traffic(s))]
    events += [(ms, "scan") for ms in arrivals(rng, lambda s: 0.45 if within(s, "10:05", "10:25") else 0.0)]
    events += [(ms, "authfail") for ms in arrivals(rng, lambda s: 0.04 if within(s, "11:48", "11:56") else 0.0015)]
    events += [(ms, "diskerr") for ms in arrivals(rng, lambda s: 0.03 if within(s, "11:02", "11:06") else 0.0)]
    for minute in range(SPAN_S // 60):
        events.append((START_MS + (minute * 60 + 17) * 1000 + rng.int(1, 999), "checkpoint"))
    events.append((at_ms("11:42:13") + 512, "stepdown"))
    events.sort()
    out = []
    conn = [48112]
    open_n = [41]

    def emit(ms, s, c, id_, ctx, msg_, attr=None):
        ms = nz(ms)
        d = {"t": {"$date": mongo_date(ms)}, "s": s, "c": c, "id": id_, "ctx": ctx, "msg": msg_}
        if attr is not None:
            d["attr"] = attr
        out.append((ms, jdump(d)))

    def uuid():
        return f"{rng.hex(8)}-{rng.hex(4)}-4{rng.hex(3)}-a{rng.hex(3)}-{rng.hex(12)}"

    def connection(ms, ip, user, driver, life_ms):
        conn[0] += 1
        cid, u = conn[0], uuid()
        open_n[0] += 1
        remote = f"{ip}:{rng.int(32768, 60999)}"
        emit(ms, "I", "NETWORK", 22943, "listener", "Connection accepted",
             {"remote": remote, "uuid": {"uuid": {"$uuid": u}}, "connectionId": cid, "connectionCount": open_n[0]})
        emit(ms + rng.int(1, 3), "I", "NETWORK", 51800, f"conn{cid}", "client metadata",
             {"remote": remote, "client": f"conn{cid}", "doc": {"driver": driver, "os": {"type": "Linux"}}})
        if user:
            emit(ms + rng.int(4, 9), "I", "ACCESS", 20250, f"conn{cid}", "Authentication succeeded",
                 {"mechanism": "SCRAM-SHA-256", "speculative": True, "principalName": user,
                  "authenticationDatabase": "admin", "remote": remote, "extraInfo": {}})
        end = ms + life_ms
        if end < START_MS + SPAN_S * 1000 - 500:
            ends.append((end, cid, remote, u))

    ends: list = []
    node = {"name": "nodejs", "version": "6.10.0"}
    pyd = {"name": "PyMongo", "version": "4.10.1"}
    for ms, kind in events:
        while ends and min(ends)[0] <= ms:
            e = min(ends)
            ends.remove(e)
            open_n[0] -= 1
            emit(e[0], "I", "NETWORK", 22944, f"conn{e[1]}", "Connection ended",
                 {"remote": e[2], "uuid": {"uuid": {"$uuid": e[3]}}, "connectionId": e[1], "connectionCount": open_n[0]})
        sec = (ms - START_MS) // 1000
        if kind == "conn":
            if rng.chance(0.12):
                connection(ms, "10.2.3.40", "reporting", pyd, rng.int(30, 900) * 1000 + rng.int(1, 999))
            else:
                connection(ms, rng.choice(app_hosts), "orders_app", node, rng.int(60, 1800) * 1000 + rng.int(1, 999))
        elif kind == "storm":
            connection(ms, "10.2.0.55", "etl_batch", pyd, rng.int(200, 4000))
        elif kind in ("slow", "scan"):
            cid = conn[0] - rng.int(0, 40)
            if kind == "scan":
                ns, plan = "shop.orders", "COLLSCAN"
                cmd = {"find": "orders", "filter": {"status": "pending", "createdAt": {"$lt": {"$date": "2026-12-05T00:00:00Z"}}},
                       "sort": {"createdAt": 1}, "$db": "shop"}
                docs, keys, nret = rng.int(1_150_000, 1_250_000), 0, rng.int(0, 60)
                dur = int(rng.lognormal(2300, 0.35))
            else:
                ns = rng.weighted(colls)
                coll = ns.split(".")[1]
                plan = {"shop.products": "IXSCAN { category: 1, price: 1 }", "shop.carts": "IXSCAN { userId: 1 }",
                        "shop.sessions": "IXSCAN { expiresAt: 1 }", "shop.orders": "IXSCAN { customerId: 1, createdAt: -1 }",
                        "shop.users": "IXSCAN { email: 1 }"}[ns]
                cmd = {"find": coll, "filter": {"_id": {"$in": ["…"]}}, "$db": "shop"}
                nret = rng.int(1, 200)
                keys = nret + rng.int(0, 400)
                docs = keys
                dur = 100 + int(rng.lognormal(45, 0.7))
            app = "reporting" if rng.chance(0.1) else "orders-api"
            emit(ms, "I", "COMMAND", 51803, f"conn{cid}", "Slow query",
                 {"type": "command", "ns": ns, "appName": app, "command": cmd, "planSummary": plan,
                  "keysExamined": keys, "docsExamined": docs, "cursorExhausted": True, "numYields": docs // 1000,
                  "nreturned": nret, "queryHash": rng.hex(8).upper(), "reslen": 120 + nret * rng.int(200, 900),
                  "protocol": "op_msg", "durationMillis": dur})
        elif kind == "authfail":
            ip = "10.2.3.40" if rng.chance(0.85) else rng.choice(app_hosts)
            user = "reporting" if ip == "10.2.3.40" else "orders_app"
            conn[0] += 1
            remote = f"{ip}:{rng.int(32768, 60999)}"
            emit(ms, "I", "ACCESS", 20249, f"conn{conn[0]}", "Authentication failed",
                 {"mechanism": "SCRAM-SHA-256", "speculative": False, "principalName": user,
                  "authenticationDatabase": "admin", "remote": remote, "extraInfo": {},
                  "error": "AuthenticationFailed: SCRAM authentication failed, storedKey mismatch"})
        elif kind == "diskerr":
            emit(ms, "E", "WT", 22435, "Checkpointer", "WiredTiger error message",
                 {"error": 28, "message": {"ts_sec": ms // 1000, "ts_usec": (ms % 1000) * 1000 + rng.int(0, 999),
                                           "thread": f"1:0x7f{rng.hex(10)}", "session_name": "WT_SESSION.checkpoint",
                                           "category": "WT_VERB_DEFAULT", "category_id": 9, "verbose_level": "ERROR",
                                           "verbose_level_id": -3,
                                           "msg": "__posix_file_write:612:/data/db/WiredTigerLog.0000004471: "
                                                  "handle-write: pwrite: failed to write 128 bytes at offset 9437184",
                                           "error_str": "No space left on device", "error_code": 28}})
        elif kind == "checkpoint":
            emit(ms, "I", "WTCHKPT", 22430, "Checkpointer", "WiredTiger message",
                 {"message": {"ts_sec": ms // 1000, "ts_usec": (ms % 1000) * 1000 + rng.int(0, 999),
                              "thread": f"1:0x7f{rng.hex(10)}", "session_name": "WT_SESSION.checkpoint",
                              "category": "WT_VERB_CHECKPOINT_PROGRESS", "category_id": 6, "verbose_level": "INFO",
                              "verbose_level_id": 0,
                              "msg": f"saving checkpoint snapshot min: {rng.int(100000, 999999)}, snapshot max: "
                                     f"{rng.int(100000, 999999)} snapshot count: 0, oldest timestamp: "
                                     f"({ms // 1000 - 300}, 1) , meta checkpoint timestamp: ({ms // 1000}, 1) base "
                                     f"write gen: {rng.int(1000000, 9999999)}"}})
        elif kind == "stepdown":
            emit(ms, "I", "COMMAND", 21334, "conn48201", "Received replSetStepDown command",
                 {"force": False, "secondaryCatchUpPeriodSecs": 10})
            emit(ms + 640, "I", "REPL", 21358, "conn48201", "Replica set state transition",
                 {"newState": "SECONDARY", "oldState": "PRIMARY"})
            emit(ms + 643, "I", "REPL", 21216, "ReplCoord-4", "Member is in new state",
                 {"hostAndPort": "mongo-1.mongo.db.svc:27017", "newState": "PRIMARY"})
    out.sort(key=lambda x: x[0])
    return [ln for _, ln in out]


def gen_authlog(rng: Rng):
    """/var/log/auth.log of a small fleet forwarded to one stream (RFC 3164: no year, second resolution)."""
    hosts = ["bastion-01", "web-01", "web-02", "app-01", "app-02", "db-01"]
    internal = ["web-01", "web-02", "app-01", "app-02", "db-01"]
    uid = {"root": 0, "alice": 1001, "bob": 1002, "carol": 1003, "deploy": 1010, "kevin": 1005,
           "www-data": 33, "postgres": 112, "appsvc": 1020}
    offices = {"alice": "203.0.113.50", "bob": "203.0.113.61", "carol": "198.51.100.72", "kevin": "203.0.113.88"}
    junk_users = ["admin", "test", "oracle", "ubuntu", "postgres", "git", "user", "ftpuser", "pi", "support", "guest",
                  "deployer", "jenkins", "hadoop", "minecraft", "steam", "ansible", "dev", "tomcat", "nagios"]
    scanners = rng.zipf_table([f"{rng.int(31, 223)}.{rng.int(0, 255)}.{rng.int(0, 255)}.{rng.int(1, 254)}"
                               for _ in range(40)], 1.1)
    sudo_cmds = ["/usr/bin/journalctl -u nginx --since today", "/usr/bin/systemctl status app", "/usr/bin/tail -n 200 "
                 "/var/log/syslog", "/usr/bin/docker ps", "/usr/bin/apt list --upgradable", "/usr/bin/du -sh /var/lib"]
    out = []
    pids = [3000]

    def pid():
        pids[0] += rng.int(1, 60)
        return pids[0]

    def emit(ms, host, prog, text):
        t = dt_of(ms)
        out.append((ms, f"{t.strftime('%b')} {t.day:>2} {t.strftime('%H:%M:%S')} {host} {prog}: {text}"))

    def ok_sec(ms):
        return ((ms - START_MS) // 1000) % 60 != 0 and START_MS < ms < START_MS + SPAN_S * 1000

    # cron: (host, every N minutes, user, command)
    jobs = [(h, 10, "root", "command -v debian-sa1 > /dev/null && debian-sa1 1 1") for h in hosts]
    jobs += [(h, 5, "www-data", "/usr/local/bin/rotate-cache.sh") for h in ("web-01", "web-02")]
    jobs += [("db-01", 1, "postgres", "/usr/local/bin/pg-healthcheck.sh >/dev/null 2>&1")]
    jobs += [(h, 2, "appsvc", "/opt/app/bin/metrics-push --quiet") for h in ("app-01", "app-02")]
    jobs += [("db-01", 30, "root", "/usr/local/bin/backup-wal.sh")]
    for h, every, user, cmd in jobs:
        for minute in range(0, SPAN_S // 60, every):
            ms = START_MS + (minute * 60 + 1) * 1000
            p = pid()
            emit(ms, h, f"CRON[{p}]", f"pam_unix(cron:session): session opened for user {user}(uid={uid[user]}) by (uid=0)")
            emit(ms, h, f"CRON[{p + 1}]", f"({user}) CMD ({cmd})")
            emit(ms + rng.int(1, 9) * 1000, h, f"CRON[{p}]", f"pam_unix(cron:session): session closed for user {user}")

    def login(ms, host, user, ip, key="ED25519"):
        p = pid()
        port = rng.int(40000, 65000)
        emit(ms, host, f"sshd[{p}]", f"Accepted publickey for {user} from {ip} port {port} ssh2: {key} "
                                     f"SHA256:{rng.hex(20)}")
        emit(ms, host, f"sshd[{p}]", f"pam_unix(sshd:session): session opened for user {user}(uid={uid[user]}) by (uid=0)")
        emit(ms, host, f"systemd-logind[{411 if host != 'db-01' else 398}]",
             f"New session {rng.int(1000, 9999)} of user {user}.")
        end = ms + rng.int(60, 3000) * 1000
        if ok_sec(end):
            emit(end, host, f"sshd[{p}]", f"Received disconnect from {ip} port {port}:11: disconnected by user")
            emit(end, host, f"sshd[{p}]", f"Disconnected from user {user} {ip} port {port}")
            emit(end, host, f"sshd[{p}]", f"pam_unix(sshd:session): session closed for user {user}")

    def sudo(ms, host, user, cmd, tty="pts/0"):
        emit(ms, host, "sudo", f"{user:>8} : TTY={tty} ; PWD=/home/{user} ; USER=root ; COMMAND={cmd}")
        emit(ms, host, "sudo", f"pam_unix(sudo:session): session opened for user root(uid=0) by {user}(uid={uid[user]})")
        emit(ms + rng.int(1, 20) * 1000, host, "sudo", "pam_unix(sudo:session): session closed for user root")

    def failed(ms, ip, user):
        p = pid()
        port = rng.int(30000, 65000)
        if user != "root":
            emit(ms, "bastion-01", f"sshd[{p}]", f"Invalid user {user} from {ip} port {port}")
            emit(ms, "bastion-01", f"sshd[{p}]", f"Failed password for invalid user {user} from {ip} port {port} ssh2")
            emit(ms, "bastion-01", f"sshd[{p}]", f"Connection closed by invalid user {user} {ip} port {port} [preauth]")
        else:
            emit(ms, "bastion-01", f"sshd[{p}]", f"Failed password for root from {ip} port {port} ssh2")
            emit(ms, "bastion-01", f"sshd[{p}]", f"Connection closed by authenticating user root {ip} port {port} [preauth]")

    # humans: to the bastion from the office, then on to a host, a few sudo commands there
    for ms in arrivals(rng, lambda s: 1 / 240):
        if not ok_sec(ms):
            continue
        user = rng.weighted([("alice", 4), ("bob", 3), ("carol", 2)])
        login(ms, "bastion-01", user, offices[user])
        t = ms + rng.int(5, 40) * 1000
        host = rng.choice(internal)
        if ok_sec(t):
            login(t, host, user, "10.0.0.10")
            for _ in range(rng.int(0, 3)):
                t += rng.int(10, 300) * 1000
                if ok_sec(t):
                    sudo(t, host, user, rng.choice(sudo_cmds))
    # internet background noise on the bastion
    for ms in arrivals(rng, lambda s: 0.012):
        if ok_sec(ms):
            failed(ms, rng.weighted(scanners), "root" if rng.chance(0.35) else rng.choice(junk_users))
    # 10:10-10:25 brute force from 45.95.147.12
    for ms in arrivals(rng, lambda s: 0.9 if within(s, "10:10", "10:25") else 0.0):
        if ok_sec(ms):
            failed(ms, "45.95.147.12", "root" if rng.chance(0.3) else rng.choice(junk_users))
    # ansible from the deploy host: a check every 20 minutes, the 11:30 release on every host
    for minute in range(7, SPAN_S // 60, 20):
        for i, h in enumerate(internal):
            ms = START_MS + (minute * 60 + 3 + i) * 1000 + rng.int(1, 999)
            login(ms, h, "deploy", "10.0.0.5")
            sudo(ms + 2000, h, "deploy", f"/bin/sh -c echo BECOME-SUCCESS-{rng.hex(16)} ; /usr/bin/python3 "
                                         f"/home/deploy/.ansible/tmp/ansible-tmp-{rng.int(10**9, 10**10)}/AnsiballZ_setup.py",
                 tty="unknown")
    for i, h in enumerate(internal):
        ms = at_ms("11:30:05") + i * 4000 + rng.int(1, 999)
        login(ms, h, "deploy", "10.0.0.5")
        for k, cmd in enumerate(["/usr/bin/apt-get install -y shop-app=4.18.2", "/usr/bin/systemctl daemon-reload",
                                 "/usr/bin/systemctl restart shop-app"]):
            sudo(ms + 3000 + k * 9000, h, "deploy", cmd, tty="unknown")
    # 11:05-11:10 kevin tries sudo where he may not
    t = at_ms("11:05:12")
    login(t, "bastion-01", "kevin", offices["kevin"])
    login(t + 21000, "app-02", "kevin", "10.0.0.10")
    for k in range(3):
        ms = t + 60000 + k * 70000 + rng.int(1, 999) * 10
        emit(ms, "app-02", "sudo", "pam_unix(sudo:auth): authentication failure; logname=kevin uid=1005 euid=0 "
                                   "tty=/dev/pts/2 ruser=kevin rhost=  user=kevin")
        emit(ms + 9000, "app-02", "sudo", f"{'kevin':>8} : 3 incorrect password attempts ; TTY=pts/2 ; PWD=/home/kevin ; "
                                          f"USER=root ; COMMAND=/usr/bin/cat /etc/shadow")
    login(t + 250000, "web-01", "kevin", "10.0.0.10")
    emit(t + 262000, "web-01", "sudo", f"{'kevin':>8} : user NOT in sudoers ; TTY=pts/1 ; PWD=/home/kevin ; USER=root ; "
                                        "COMMAND=/bin/bash")
    out = [(ms, ln) for ms, ln in out if ok_sec(ms)]
    out.sort(key=lambda x: x[0])
    return [ln for _, ln in out]


def spring_ts(ms: int) -> str:
    return dt_of(ms).strftime("%Y-%m-%dT%H:%M:%S") + f".{ms % 1000:03d}Z"


def gen_spring(rng: Rng):
    """A Spring Boot 3 service's default console log, with stack traces; restarts at 11:30."""
    customers = rng.zipf_table([f"c-{i}" for i in range(1000, 1900)], 0.5)
    skus = [f"SKU-{i}" for i in range(10000, 10400)]
    events = [(ms, "order") for ms in arrivals(rng, lambda s: 0.33 * traffic(s))]
    events += [(ms, "lookup") for ms in arrivals(rng, lambda s: 0.22 * traffic(s))]
    events += [(ms, "stock") for ms in arrivals(rng, lambda s: 0.012)]
    events += [(ms, "npe") for ms in arrivals(rng, lambda s: 0.0025)]
    events += [(ms, "paytimeout") for ms in arrivals(rng, lambda s: 0.09 if within(s, "10:40", "10:55") else 0.0)]
    events += [(ms, "starve") for ms in arrivals(rng, lambda s: 0.0006)]
    for k in range(SPAN_S // 10):
        events.append((START_MS + k * 10000 + rng.int(1, 999), "outbox"))
    down, up = at_ms("11:30:12") + 344, at_ms("11:30:31") + 87
    events.append((down, "shutdown"))
    events.append((up, "startup"))
    events = [(ms, k) for ms, k in events if k in ("shutdown", "startup") or not down - 1500 <= ms < up + 9500]
    events.sort()
    out = []
    exec_n = [0]

    def emit(ms, level, thread, logger, text, cont=()):
        ms = nz(ms)
        out.append((ms, "\n".join([f"{spring_ts(ms)} {level:>5} 1 --- [{thread[-15:]:>15}] {logger[:40]:<40} : {text}",
                                   *cont])))

    def worker():
        return f"http-nio-8080-exec-{rng.int(1, 10)}"

    def order_id():
        return f"ord-{rng.int(100000, 999999)}"

    ctl, svc, pay = "c.e.orders.web.OrderController", "c.e.orders.service.OrderService", "c.e.orders.client.PaymentClient"
    for ms, kind in events:
        if kind == "order":
            items = rng.int(1, 6)
            total = sum(rng.int(299, 6999) for _ in range(items)) / 100
            took = int(rng.lognormal(140, 0.45))
            emit(ms, "INFO", worker(), svc, f"Order {order_id()} placed for customer {rng.weighted(customers)}: {items} "
                                              f"items, total {total:.2f} EUR, took {took} ms")
        elif kind == "lookup":
            emit(ms, "INFO", worker(), ctl, f"GET /api/orders/{order_id()} -> 200 in {int(rng.lognormal(18, 0.4))} ms")
        elif kind == "stock":
            emit(ms, "WARN", worker(), "c.e.orders.client.InventoryClient",
                 f"Insufficient stock for {rng.choice(skus)} (requested {rng.int(2, 9)}, available {rng.int(0, 1)})")
        elif kind == "outbox":
            emit(ms, "INFO", "scheduling-1", "c.e.orders.outbox.OutboxPublisher",
                 f"Published {rng.int(0, 9)} outbox events to topic orders.v1")
        elif kind == "starve":
            emit(ms, "WARN", "HikariPool-1 housekeeper", "com.zaxxer.hikari.pool.HikariPool",
                 f"HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=1m{rng.int(2, 9)}s"
                 f"{rng.int(100, 999)}ms).")
        elif kind == "paytimeout":
            oid, th = order_id(), worker()
            emit(ms - 4200, "WARN", th, pay, f"Payment call for order {oid} timed out, retrying (attempt 2/3)")
            emit(ms - 2100, "WARN", th, pay, f"Payment call for order {oid} timed out, retrying (attempt 3/3)")
            emit(ms, "ERROR", th, pay, f"Payment failed for order {oid} after 3 attempts", [
                'org.springframework.web.client.ResourceAccessException: I/O error on POST request for '
                '"http://payments.shop.svc:8080/v1/charges": Read timed out',
                "\tat org.springframework.web.client.RestTemplate.createResourceAccessException(RestTemplate.java:915)",
                "\tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:895)",
                "\tat org.springframework.web.client.RestTemplate.postForEntity(RestTemplate.java:540)",
                "\tat com.example.orders.client.PaymentClient.charge(PaymentClient.java:71)",
                "\tat com.example.orders.service.OrderService.place(OrderService.java:118)",
                "\t... 52 common frames omitted",
                "Caused by: java.net.SocketTimeoutException: Read timed out",
                "\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)",
                "\tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:304)",
                "\t... 61 common frames omitted"])
        elif kind == "npe":
            emit(ms, "ERROR", worker(), "o.a.c.c.C.[.[.[/].[dispatcherServlet]",
                 "Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request "
                 "processing failed: java.lang.NullPointerException: Cannot invoke \"com.example.orders.model.Address"
                 ".country()\" because \"shipping\" is null] with root cause", [
                     'java.lang.NullPointerException: Cannot invoke "com.example.orders.model.Address.country()" because '
                     '"shipping" is null',
                     "\tat com.example.orders.service.ShippingQuoteService.quote(ShippingQuoteService.java:44)",
                     "\tat com.example.orders.web.OrderController.quote(OrderController.java:93)",
                     "\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)",
                     "\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)",
                     "\tat java.base/java.lang.Thread.run(Thread.java:1583)"])
        elif kind == "shutdown":
            emit(ms, "INFO", "ionShutdownHook", "o.s.b.w.e.tomcat.GracefulShutdown",
                 "Commencing graceful shutdown. Waiting for active requests to complete")
            emit(ms + 612, "INFO", "tomcat-shutdown", "o.s.b.w.e.tomcat.GracefulShutdown", "Graceful shutdown complete")
            emit(ms + 640, "INFO", "ionShutdownHook", "com.zaxxer.hikari.HikariDataSource", "HikariPool-1 - Shutdown initiated...")
            emit(ms + 655, "INFO", "ionShutdownHook", "com.zaxxer.hikari.HikariDataSource", "HikariPool-1 - Shutdown completed.")
        elif kind == "startup":
            app = "c.e.orders.OrdersApplication"
            emit(ms, "INFO", "main", app, "Starting OrdersApplication v2.4.1 using Java 21.0.5 with PID 1 "
                                          "(/app/app.jar started by app in /app)")
            emit(ms + 9, "INFO", "main", app, 'The following 1 profile is active: "prod"')
            emit(ms + 2871, "INFO", "main", "o.s.b.w.embedded.tomcat.TomcatWebServer", "Tomcat initialized with port 8080 (http)")
            emit(ms + 4422, "INFO", "main", "com.zaxxer.hikari.HikariDataSource", "HikariPool-1 - Starting...")
            emit(ms + 4790, "INFO", "main", "com.zaxxer.hikari.pool.HikariPool",
                 "HikariPool-1 - Added connection org.postgresql.jdbc.PgConnection@5d3b9c2e")
            emit(ms + 4793, "INFO", "main", "com.zaxxer.hikari.HikariDataSource", "HikariPool-1 - Start completed.")
            emit(ms + 8915, "INFO", "main", "o.s.b.w.embedded.tomcat.TomcatWebServer",
                 "Tomcat started on port 8080 (http) with context path '/'")
            emit(ms + 8958, "INFO", "main", app, "Started OrdersApplication in 9.214 seconds (process running for 10.02)")
    out.sort(key=lambda x: x[0])
    return [pl for _, ln in out for pl in ln.split("\n")]


def gen_traefik(rng: Rng):
    """Traefik v3 JSON access log (accessLog.format=json): the request's fields, `time` to the second."""
    clients = rng.zipf_table([f"{rng.int(11, 223)}.{rng.int(0, 255)}.{rng.int(0, 255)}.{rng.int(1, 254)}"
                              for _ in range(400)], 0.75)
    routes = [("shop-web@kubernetescrd", "shop-web-80@kubernetescrd", ["10.244.1.8:80", "10.244.2.19:80"], "shop.example.com",
               [("GET", "/", 30000), ("GET", "/products", 52000), ("GET", "/account", 12000)], 40.0, 0.34),
              ("shop-api@kubernetescrd", "shop-api-8080@kubernetescrd", ["10.244.1.41:8080", "10.244.3.12:8080"],
               "api.example.com", [("GET", "/api/search", 8400), ("GET", "/api/products", 15200),
                                   ("POST", "/api/cart", 420)], 55.0, 0.30),
              ("static@kubernetescrd", "static-assets-80@kubernetescrd", ["10.244.2.7:80"], "static.example.com",
               [("GET", "/static/app.3f9c1.js", 412000), ("GET", "/static/app.8d2e4.css", 61000),
                ("GET", "/static/logo.svg", 4800)], 3.0, 0.24),
              ("billing-api@kubernetescrd", "billing-api-8080@kubernetescrd", ["10.244.3.30:8080"], "billing.example.com",
               [("GET", "/v1/invoices", 9100), ("POST", "/v1/payments", 640)], 90.0, 0.08),
              ("grafana@kubernetescrd", "monitoring-grafana-3000@kubernetescrd", ["10.244.1.52:3000"],
               "grafana.example.com", [("POST", "/api/ds/query", 22000), ("GET", "/api/dashboards/uid/shop", 48000)],
               180.0, 0.04)]
    events = [(ms, "req") for ms in arrivals(rng, lambda s: 0.72 * traffic(s))]
    events += [(ms, "bot") for ms in arrivals(rng, lambda s: 2.0 if within(s, "11:10", "11:25") else 0.0)]
    events.sort()
    out = []
    count = [0]

    def emit(start_ms, ns_extra, dur_ns, rec):
        start_ns = start_ms * 1_000_000 + ns_extra
        end_ms = (start_ns + dur_ns) // 1_000_000
        # a request never spans a whole minute, and never ends in second :00, so the start and the log time agree
        if end_ms // 60000 != start_ms // 60000 or (end_ms // 1000) % 60 == 0 or end_ms >= END.timestamp() * 1000:
            return
        count[0] += 1
        frac = f"{start_ns % 1_000_000_000:09d}"
        rec.update({"Duration": dur_ns, "RequestCount": count[0],
                    "StartLocal": dt_of(start_ms).strftime("%Y-%m-%dT%H:%M:%S") + f".{frac}Z",
                    "StartUTC": dt_of(start_ms).strftime("%Y-%m-%dT%H:%M:%S") + f".{frac}Z",
                    "level": "info", "msg": "", "time": dt_of(end_ms).strftime("%Y-%m-%dT%H:%M:%SZ")})
        out.append((start_ms, jdump(dict(sorted(rec.items())))))

    for ms, kind in events:
        sec = (ms - START_MS) // 1000
        if kind == "bot":
            ip, r = "203.0.113.77", routes[1]
            method, path, size = r[4][0]
            path += f"?q={rng.choice(['shoes', 'lamp', 'desk', 'chair', 'mug', 'socks'])}&page={rng.int(1, 40)}"
            ua = "python-httpx/0.27.2"
        else:
            ip = rng.weighted(clients)
            r = rng.weighted([(x, x[6]) for x in routes])
            method, path, size = rng.choice(r[4])
            ua = "Mozilla/5.0"
        router, service, backends, host, _, median, _ = r
        rec = {"ClientAddr": f"{ip}:{rng.int(1024, 65535)}", "ClientHost": ip, "ClientPort": "", "ClientUsername": "-",
               "RequestAddr": host, "RequestHost": host, "RequestMethod": method, "RequestPath": path,
               "RequestPort": "-", "RequestProtocol": "HTTP/2.0", "RequestScheme": "https", "RouterName": router,
               "entryPointName": "websecure", "request_User-Agent": ua, "RetryAttempts": 0,
               "RequestContentSize": rng.int(80, 900) if method == "POST" else 0}
        rec["ClientPort"] = rec["ClientAddr"].rsplit(":", 1)[1]
        ns_extra = rng.int(1, 999_999)
        overhead = rng.int(20_000, 400_000)
        if kind == "bot" and sec >= off("11:12") and rng.chance(0.8):
            rec.update({"DownstreamContentSize": 17, "DownstreamStatus": 429, "OriginContentSize": 0,
                        "OriginStatus": 0, "Overhead": overhead})
            emit(ms, ns_extra, overhead, rec)
            continue
        backend = rng.choice(backends)
        rec.update({"ServiceAddr": backend, "ServiceName": service, "ServiceURL": f"http://{backend}"})
        if router.startswith("billing") and within(sec, "10:25", "10:40") and rng.chance(0.6):
            odur = rng.int(1_000_000, 3_000_000)
            rec.update({"DownstreamContentSize": 11, "DownstreamStatus": 502, "OriginContentSize": 0,
                        "OriginDuration": odur, "OriginStatus": 0, "Overhead": overhead, "RetryAttempts": 2})
            emit(ms, ns_extra, odur + overhead, rec)
            continue
        odur = int(rng.lognormal(median, 0.55) * 1_000_000)
        status = 201 if method == "POST" else 200
        x = rng.u()
        if x < 0.025:
            status = 404
        elif x < 0.03 and method == "POST":
            status = 400
        elif x < 0.034:
            status = 500
        body = int(rng.lognormal(size, 0.2)) if status < 400 else rng.int(40, 300)
        if router.startswith("static") and status == 200 and rng.chance(0.3):
            status, body = 304, 0
        rec.update({"DownstreamContentSize": body, "DownstreamStatus": status, "OriginContentSize": body,
                    "OriginDuration": odur, "OriginStatus": status, "Overhead": overhead})
        emit(ms, ns_extra, odur + overhead, rec)
    out.sort(key=lambda x: x[0])
    return [ln for _, ln in out]


def redis_ts(ms: int) -> str:
    return dt_of(ms).strftime("%d %b %Y %H:%M:%S") + f".{ms % 1000:03d}"


def gen_redis(rng: Rng):
    """Redis 7 server log at loglevel verbose: `pid:role dd Mon yyyy hh:mm:ss.mmm <mark> message`."""
    apps = [f"10.3.1.{i}" for i in range(20, 32)]
    events = [(ms, "conn") for ms in arrivals(rng, lambda s: 0.085 * traffic(s))]
    events += [(ms, "obuf") for ms in arrivals(rng, lambda s: 0.05 if within(s, "10:30", "10:45") else 0.0)]
    events += [(ms, "aof") for ms in arrivals(rng, lambda s: 1 / 40 if within(s, "10:33", "10:41") else 0.0)]
    for k in range(1, SPAN_S // 5):
        events.append((START_MS + k * 5000 + rng.int(1, 999), "cron"))
    for k in range(SPAN_S // 300):
        events.append((START_MS + k * 300_000 + 137_000 + rng.int(1, 999), "save"))
    events.append((at_ms("11:10:27") + 508, "replica-lost"))
    events.append((at_ms("11:10:41") + 215, "replica-sync"))
    events.sort()
    out = []
    state = {"keys": 1_284_000, "volatile": 402_000, "clients": 180, "replicas": 1, "mem": 2_140_000_000,
             "child": 9000, "cid": 88000}
    ends: list = []

    def emit(ms, text, pid=1, role="M"):
        ms = nz(ms)
        out.append((ms, f"{pid}:{role} {redis_ts(ms)} {text}"))

    def bgsave(ms, reason):
        state["child"] += rng.int(3, 60)
        child = state["child"]
        emit(ms, reason)
        emit(ms + 2, f"* Background saving started by pid {child}")
        took = rng.int(9000, 16000)
        emit(ms + took - 40, "* DB saved on disk", child, "C")
        cur = rng.int(6, 40)
        emit(ms + took - 38, f"* Fork CoW for RDB: current {cur} MB, peak {cur} MB, average {cur // 2 + 1} MB", child, "C")
        emit(ms + took + rng.int(50, 120), "* Background saving terminated with success")

    for ms, kind in events:
        sec = (ms - START_MS) // 1000
        while ends and min(ends)[0] <= ms:
            e = min(ends)
            ends.remove(e)
            state["clients"] -= 1
            emit(e[0], f"- Client closed connection id={e[1]} addr={e[2]} laddr=10.3.0.10:6379 fd={e[3]} name= "
                       f"age={e[4]} idle=0 flags=N db=0")
        if kind == "conn":
            ip = "10.3.4.9" if rng.chance(0.08) else rng.choice(apps)
            addr = f"{ip}:{rng.int(32768, 60999)}"
            state["cid"] += 1
            state["clients"] += 1
            emit(ms, f"- Accepted {addr}")
            life = rng.int(20, 2400)
            end = ms + life * 1000 + rng.int(1, 999)
            if end < END.timestamp() * 1000 - 500:
                ends.append((end, state["cid"], addr, rng.int(8, 400), life))
        elif kind == "obuf":
            ip = "10.3.2.31" if rng.chance(0.75) else rng.choice(apps)
            state["cid"] += 1
            omem = rng.int(33_600_000, 41_000_000)
            emit(ms, f"# Client id={state['cid']} addr={ip}:{rng.int(32768, 60999)} laddr=10.3.0.10:6379 "
                     f"fd={rng.int(8, 400)} name=events-consumer age={rng.int(30, 900)} idle=0 flags=P db=0 sub=0 "
                     f"psub=3 ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=1024 rbp=0 "
                     f"obl=0 oll={rng.int(2000, 9000)} omem={omem} tot-mem={omem + 22_000 + rng.int(0, 4000)} "
                     "events=rw cmd=psubscribe user=default redir=-1 resp=2 "
                     "lib-name= lib-ver= scheduled to be closed ASAP for overcoming of output buffer limits.")
        elif kind == "aof":
            emit(ms, "# Asynchronous AOF fsync is taking too long (disk is busy?). Writing the AOF buffer without "
                     "waiting for fsync to complete, this may slow down Redis.")
        elif kind == "cron":
            busy = within(sec, "10:30", "10:45")
            state["keys"] += rng.int(-40, 120)
            state["volatile"] = max(0, state["volatile"] + rng.int(-30, 60))
            target = 3_350_000_000 if busy else 2_150_000_000 + sec * 12_000
            state["mem"] += int((target - state["mem"]) * 0.08) + rng.int(-4_000_000, 4_000_000)
            emit(ms, f"- DB 0: {state['keys']} keys ({state['volatile']} volatile) in 2097152 slots HT.")
            emit(ms + 1, f"- {state['clients']} clients connected ({state['replicas']} replicas), {state['mem']} bytes in use")
        elif kind == "save":
            bgsave(ms, f"* {rng.int(10000, 60000)} changes in 60 seconds. Saving...")
        elif kind == "replica-lost":
            state["replicas"] = 0
            emit(ms, "# Connection with replica 10.3.0.12:6379 lost.")
        elif kind == "replica-sync":
            emit(ms, "* Replica 10.3.0.12:6379 asks for synchronization")
            emit(ms + 1, "* Full resync requested by replica 10.3.0.12:6379")
            bgsave(ms + 2, "* Starting BGSAVE for SYNC with target: disk")
            emit(ms + 17_500, "* Synchronization with replica 10.3.0.12:6379 succeeded")
            state["replicas"] = 1
    out.sort(key=lambda x: x[0])
    return [ln for _, ln in out]


# --------------------------------------------------------------------------- main

FILES = [
    # name, shape, labels, generator, seed offset
    ("shop-checkout.jsonl", "json", '{namespace="shop",app="checkout",container="checkout"}', gen_checkout, 1),
    ("shop-payments.jsonl", "json-nested", '{namespace="shop",app="payments",container="payments"}', gen_payments, 2),
    ("shop-inventory.jsonl", "json", '{namespace="shop",app="inventory",container="inventory"}', gen_inventory, 3),
    ("auth-authd.log", "logfmt", '{namespace="auth",app="authd",pod="authd-6c8b9f7d4-x2kq9"}', gen_authd, 4),
    ("ingress-nginx.log", "nginx",
     '{namespace="ingress-nginx",app="ingress-nginx",pod="ingress-nginx-controller-7c9d5b6f4-h2j8k",container="controller"}',
     gen_ingress, 5),
    ("billing-api.log", "log4j", '{namespace="billing",app="billing-api",pod="billing-api-85f7c9d6b-m3n4p"}', gen_billing, 6),
    ("recommender.log", "python", '{namespace="ml",app="recommender",pod="recommender-worker-0"}', gen_recommender, 7),
    ("infra-syslog.log", "syslog5424", '{job="syslog",cluster="prod-eu1"}', gen_syslog, 8),
    # held-out set 2 (questions_heldout2.jsonl): shapes the dev and held-out sets do not have
    ("httpd-error.log", "apache-error", '{job="apache",host="web-03",log="error_log"}', gen_httpd, 9),
    ("api-gateway.jsonl", "json-zap",
     '{namespace="edge",app="api-gateway",pod="api-gateway-7f6d9c8b4-tq2wz",container="gateway"}', gen_gateway, 10),
    ("rollout-controller.log", "klog",
     '{namespace="kube-system",app="rollout-controller",pod="rollout-controller-5b7c9d8f6-2xk4m",container="manager"}',
     gen_rollout, 11),
    # held-out set 3 (questions_heldout3.jsonl): more shapes nobody tuned for
    ("postgres.log", "postgres", '{namespace="db",app="postgres",pod="postgres-0",container="postgres"}', gen_postgres, 12),
    ("haproxy.log", "haproxy", '{job="haproxy",host="lb-01"}', gen_haproxy, 13),
    ("notifications.jsonl", "json-pino",
     '{namespace="comms",app="notifications",pod="notifications-6d8f7b9c5-9xv2p",container="api"}', gen_pino, 14),
    ("kafka-server.log", "kafka", '{namespace="kafka",app="kafka",pod="kafka-1",container="kafka"}', gen_kafka, 15),
    # held-out set 4 (questions_heldout4.jsonl): six more shapes, written blind
    ("storefront-envoy.log", "envoy",
     '{namespace="shop",app="storefront",pod="storefront-5c7d9b8f6-w4k2n",container="istio-proxy"}', gen_envoy, 16),
    ("mongod.jsonl", "mongodb", '{namespace="db",app="mongodb",pod="mongo-0",container="mongod"}', gen_mongo, 17),
    ("fleet-auth.log", "syslog3164", '{job="auth",cluster="prod-us1",filename="/var/log/auth.log"}', gen_authlog, 18),
    ("orders-spring.log", "spring-boot",
     '{namespace="shop",app="orders",pod="orders-7b6c5d9f8-h5q2x",container="orders"}', gen_spring, 19),
    ("traefik-access.jsonl", "traefik-json",
     '{namespace="traefik",app="traefik",pod="traefik-6f8d7c9b5-m2v7r",container="traefik"}', gen_traefik, 20),
    ("redis.log", "redis", '{namespace="cache",app="redis",pod="redis-0",container="redis"}', gen_redis, 21),
]


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "target/eval-logs")
    out.mkdir(parents=True, exist_ok=True)
    manifest = {"seed": SEED, "start": rfc3339(START), "end": rfc3339(END), "timezone": "UTC", "files": []}
    for name, shape, labels, gen, k in FILES:
        lines = gen(Rng(SEED * 100 + k))
        data = ("\n".join(lines) + "\n").encode()
        (out / name).write_bytes(data)
        manifest["files"].append({
            "file": name, "shape": shape, "labels": labels, "start": rfc3339(START), "end": rfc3339(END),
            "lines": len(lines), "sha256": hashlib.sha256(data).hexdigest(), "incidents": INCIDENTS[name],
        })
        print(f"{name:<22} {shape:<12} {len(lines):>6} lines  {labels}")
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
