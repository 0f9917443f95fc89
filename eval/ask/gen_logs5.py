#!/usr/bin/env python3
"""Write the six logs of the fifth held-out set (questions_heldout5.jsonl).

    python3 eval/ask/gen_logs5.py [DIR]      # default target/eval-logs

Writes accounts-api.jsonl, mailer-worker.log, ingress-public.log, reports-django.log,
fluentbit-logistics.jsonl and postfix-mx.log, and manifest_heldout5.json (labels, line
counts, SHA-256, incidents). Standard library only, fixed seeds, byte-identical output.

All files cover 2026-12-06 09:00:00Z to 12:00:00Z. No sub-second timestamp has a zero
millisecond part, and the second-resolution logs (ingress, postfix) never use second :00,
so no line falls on a whole-minute window boundary and the half-open windows [a, b) give
the same sets as Loki's (a, b].
"""
from __future__ import annotations

import json
import random
import sys
from datetime import datetime

from gen_clock import END_MS, START_MS, UTC, at, hexid, rand_ms, rand_s, write_set

SEED = 5150


def iso_ms(ms: int) -> str:
    return datetime.fromtimestamp(ms // 1000, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def go_dur(sec: float) -> str:
    """A Go time.Duration string, rounded as a log line would print it."""
    if sec < 1e-3:
        return f"{sec * 1e6:.1f}µs"
    if sec < 1:
        return f"{sec * 1e3:.1f}ms"
    if sec < 60:
        return f"{sec:.3f}".rstrip("0").rstrip(".") + "s"
    m = int(sec // 60)
    return f"{m}m{sec - 60 * m:.3f}s"


def emit(events: list[tuple[int, int, str]]) -> list[str]:
    events.sort(key=lambda e: (e[0], e[1]))
    return [e[2] for e in events]


# --------------------------------------------------------------------------- 1: Go JSON service, nested fields

ACC_ROUTES = [  # route, method, weight, median ms
    ("/v1/accounts/{id}", "GET", 30, 18.0),
    ("/v1/accounts/{id}/balance", "GET", 25, 35.0),
    ("/v1/transfers", "POST", 10, 120.0),
    ("/v1/statements", "GET", 8, 240.0),
    ("/v1/accounts/{id}/settings", "PATCH", 5, 45.0),
    ("/v1/login", "POST", 12, 80.0),
]


def gen_accounts(rng: random.Random) -> list[str]:
    users = [f"usr_{hexid(rng, 5)}" for _ in range(420)]
    weights = [1 / (i + 1) ** 0.8 for i in range(len(users))]
    plans = {u: rng.choice(["free", "free", "pro", "business"]) for u in users}
    ev = []
    seq = 0

    def req(ms, route, method, status, dur, user, level="info", msg="request completed", err=None):
        nonlocal seq
        path = route.replace("{id}", str(rng.randint(100000, 999999)))
        o = {"ts": iso_ms(ms), "level": level, "caller": "httpx/middleware.go:74", "msg": msg,
             "http": {"method": method, "route": route, "path": path, "status": status,
                      "duration_ms": round(dur, 2), "bytes_out": 0 if status >= 500 else rng.randint(180, 9000)},
             "user": {"id": user, "plan": plans.get(user, "free")}, "trace_id": hexid(rng, 32)}
        if err:
            o["error"] = err
        seq += 1
        ev.append((ms, seq, json.dumps(o, separators=(",", ":"))))

    for _ in range(7600):
        ms = rand_ms(rng)
        route, method, _, med = rng.choices(ACC_ROUTES, weights=[r[2] for r in ACC_ROUTES])[0]
        user = rng.choices(users, weights=weights)[0]
        dur = med * rng.lognormvariate(0, 0.45)
        status = 200
        x = rng.random()
        if route == "/v1/login":
            status = 401 if x < 0.08 else 200
        elif route == "/v1/transfers":
            status = 201 if x > 0.05 else 422
        elif x < 0.03:
            status = 404
        elif x < 0.04:
            status = 400
        level = "warn" if status >= 400 else "info"
        if at("10:15") <= ms < at("10:30") and route == "/v1/transfers" and rng.random() < 0.6:
            req(ms, route, method, 503, 5000 + rng.uniform(0.5, 95), user, "error", "request failed",
                "ledger: dial tcp 10.8.3.14:7070: i/o timeout")
            seq += 1
            rt = ms - rng.randint(2400, 2600)
            rt += 1 if rt % 1000 == 0 else 0
            ev.append((rt, seq, json.dumps(
                {"ts": iso_ms(rt), "level": "warn", "caller": "ledger/client.go:131",
                 "msg": "ledger call retry", "attempt": 2, "backoff_ms": 250, "trace_id": hexid(rng, 32)},
                separators=(",", ":"))))
            continue
        req(ms, route, method, status, dur, user, level)
    # a password-guessing burst against one account, then two lockouts
    victim = "usr_bf42x"
    plans[victim] = "pro"
    for _ in range(160):
        ms = rand_ms(rng, at("11:20"), at("11:28"))
        req(ms, "/v1/login", "POST", 401, 60 * rng.lognormvariate(0, 0.3), victim, "warn")
    for ms, u in ((at("11:23:41") + 512, victim), (at("11:47:09") + 88, users[37])):
        seq += 1
        ev.append((ms, seq, json.dumps({"ts": iso_ms(ms), "level": "warn", "caller": "auth/lockout.go:52",
                                        "msg": "account locked", "user": {"id": u, "plan": plans[u]},
                                        "reason": "too many failed logins", "failed_attempts": 10},
                                       separators=(",", ":"))))
    # pool stats every 30 s
    ms = START_MS + 17_311
    while ms < END_MS:
        busy = rng.randint(2, 9) if not at("10:15") <= ms < at("10:30") else rng.randint(18, 20)
        seq += 1
        ev.append((ms, seq, json.dumps({"ts": iso_ms(ms), "level": "debug", "caller": "db/pool.go:210",
                                        "msg": "db pool stats", "db": {"open": 20, "in_use": busy, "idle": 20 - busy}},
                                       separators=(",", ":"))))
        ms += 30_000
    return emit(ev)


# --------------------------------------------------------------------------- 2: logfmt queue worker

MAIL_JOBS = {
    "emails": [("send_receipt", 40, 0.35), ("send_password_reset", 8, 0.3), ("send_digest", 12, 1.8)],
    "webhooks": [("deliver_webhook", 30, 0.25)],
    "thumbnails": [("resize_image", 22, 0.9), ("extract_preview", 6, 2.4)],
    "exports": [("export_csv", 5, 14.0)],
}


def gen_mailer(rng: random.Random) -> list[str]:
    ev = []
    seq = 0
    jobs = [(q, j, w, d) for q, js in MAIL_JOBS.items() for j, w, d in js]
    restart = (at("11:02:17") + 403, at("11:02:19") + 871)

    def line(ms, text):
        nonlocal seq
        seq += 1
        ev.append((ms, seq, f"time={iso_ms(ms)} {text}"))

    for _ in range(8200):
        ms = rand_ms(rng)
        if restart[0] - 500 <= ms <= restart[1] + 500:
            continue
        q, job, _, med = rng.choices(jobs, weights=[j[2] for j in jobs])[0]
        worker = rng.randint(1, 12)
        jid = hexid(rng, 16)
        dur = med * rng.lognormvariate(0, 0.5)
        wait = rng.expovariate(1 / 0.4)
        if q == "exports" and ms >= at("11:30"):
            wait += rng.uniform(30, 240)
        base = f"queue={q} job={job} id={jid} worker={worker}"
        if q == "webhooks" and at("10:40") <= ms < at("10:55") and rng.random() < 0.55:
            attempt = rng.randint(1, 5)
            line(ms, f'level=error msg="job failed" {base} attempt={attempt} dur=10s wait={go_dur(wait)} '
                     f'err="Post \\"https://hooks.partner.example/notify\\": context deadline exceeded"')
            line(ms + 3, f'level=warn msg="retrying job" {base} attempt={attempt + 1} backoff={2 ** attempt}s')
            continue
        if q == "emails" and rng.random() < 0.004:
            line(ms, f'level=error msg="job failed" {base} attempt=1 dur={go_dur(dur)} wait={go_dur(wait)} '
                     f'err="smtp: 451 4.7.1 try again later"')
            line(ms + 2, f'level=warn msg="retrying job" {base} attempt=2 backoff=2s')
            continue
        line(ms, f'level=info msg="job finished" {base} attempt=1 dur={go_dur(dur)} wait={go_dur(wait)}')
    for ms in (START_MS + 1_207, restart[1]):
        line(ms, 'level=info msg="worker started" version=v2.14.1 concurrency=12 queues=emails,webhooks,thumbnails,exports')
    line(restart[0], 'level=info msg="shutting down" signal=SIGTERM in_flight=3')
    ms = at("11:30") + 4_219
    while ms < at("11:45"):
        line(ms, f'level=warn msg="queue depth high" queue=exports depth={rng.randint(900, 1500)} threshold=500')
        ms += 15_000
    return emit(ev)


# --------------------------------------------------------------------------- 3: ingress-nginx access log

UPSTREAMS = {
    "web-frontend-80": (["/", "/pricing", "/docs/start", "/blog/release-notes", "/static/app.js", "/static/app.css"],
                        ["10.244.2.11:80", "10.244.5.30:80"], 0.012, 45),
    "web-api-8080": (["/api/v2/items", "/api/v2/items/{n}", "/api/v2/cart", "/api/v2/search"],
                     ["10.244.1.15:8080", "10.244.3.8:8080", "10.244.4.21:8080"], 0.06, 35),
    "web-media-8080": (["/media/img/{n}.webp", "/media/video/{n}.mp4"], ["10.244.6.4:8080"], 0.09, 12),
    "web-auth-9000": (["/auth/login", "/auth/token", "/auth/logout"], ["10.244.1.40:9000"], 0.03, 8),
}
UAS = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
       "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
       "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 Version/18.1 Safari/605.1.15",
       "okhttp/4.12.0"]


def gen_ingress(rng: random.Random) -> list[str]:
    clients = [f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
               for _ in range(900)]
    monitors = ["34.120.88.17", "52.14.201.9"]
    crawler = "192.0.2.201"
    ev = []
    seq = 0

    def line(ms, ip, method, path, status, up, rt, ua, up_status=None):
        nonlocal seq
        paths, addrs, _, _ = UPSTREAMS[up]
        size = 0 if status in (502, 504) else rng.randint(400, 60000 if "media" in up else 12000)
        if status == 429:
            size = 162
        ts = datetime.fromtimestamp(ms // 1000, tz=UTC).strftime("%d/%b/%Y:%H:%M:%S +0000")
        req_len = rng.randint(300, 1400)
        if status == 429:
            upstream = "- - - -"
        else:
            ut = max(0.001, rt - rng.uniform(0, 0.002))
            if up_status == 504:
                ut = 5.000
            upstream = f"{rng.choice(addrs)} {size} {ut:.3f} {up_status or status}"
        seq += 1
        ev.append((ms, seq, f'{ip} - - [{ts}] "{method} {path} HTTP/1.1" {status} {size} "-" "{ua}" {req_len} '
                            f'{rt:.3f} [{up}] [] {upstream} {hexid(rng, 32)}'))

    def pick_path(up):
        p = rng.choice(UPSTREAMS[up][0])
        return p.replace("{n}", str(rng.randint(1, 40000)))

    ups = list(UPSTREAMS)
    for _ in range(11500):
        ms = rand_s(rng)
        up = rng.choices(ups, weights=[UPSTREAMS[u][3] for u in ups])[0]
        ip = rng.choice(clients)
        method = "POST" if up == "web-auth-9000" or (up == "web-api-8080" and rng.random() < 0.2) else "GET"
        rt = UPSTREAMS[up][2] * rng.lognormvariate(0, 0.6)
        status, up_status = 200, None
        x = rng.random()
        if x < 0.03:
            status = 404
        elif up == "web-api-8080" and x < 0.036:
            status = 500
        elif up == "web-auth-9000" and x < 0.1:
            status = 401
        if up == "web-media-8080" and at("10:50") <= ms < at("11:05"):
            rt = rng.uniform(1.5, 4.9)
            if rng.random() < 0.3:
                status, up_status, rt = 504, 504, 5.0 + rng.uniform(0.001, 0.004)
        line(ms, ip, method, pick_path(up), status, up, rt, rng.choice(UAS), up_status)
    for mon, n in ((monitors[0], 340), (monitors[1], 305)):
        for _ in range(n):
            ms = rand_s(rng)
            line(ms, mon, "GET", "/", 200, "web-frontend-80", 0.004 * rng.lognormvariate(0, 0.3), "Pingdom.com_bot_version_1.4")
    for _ in range(1300):
        ms = rand_s(rng, at("11:35"), at("11:45"))
        status = 429 if ms >= at("11:40") and rng.random() < 0.7 else 200
        line(ms, crawler, "GET", pick_path("web-media-8080"), status, "web-media-8080",
             0.0 if status == 429 else 0.08 * rng.lognormvariate(0, 0.4), "python-requests/2.31.0")
    return emit(ev)


# --------------------------------------------------------------------------- 4: Django app, plain text, tracebacks

TENANTS = ["acme", "initech", "umbrella", "hooli", "stark", "wayne", "tyrell", "cyberdyne", "soylent", "wonka"]


def gen_reports(rng: random.Random) -> list[str]:
    ev = []
    seq = 0
    tweights = [30, 22, 17, 12, 9, 7, 5, 4, 3, 2]

    def rec(ms, level, logger, msg, extra=()):
        nonlocal seq
        d = datetime.fromtimestamp(ms // 1000, tz=UTC).strftime("%Y-%m-%d %H:%M:%S")
        seq += 1
        ev.append((ms, seq, "\n".join([f"{d},{ms % 1000:03d} [{level}] {logger}: {msg}", *extra])))

    def db_trace():
        return ["Traceback (most recent call last):",
                '  File "/app/.venv/lib/python3.12/site-packages/django/db/backends/base/base.py", line 279, in ensure_connection',
                "    self.connect()",
                '  File "/app/.venv/lib/python3.12/site-packages/psycopg2/__init__.py", line 122, in connect',
                "    conn = _connect(dsn, connection_factory=connection_factory, **kwasync)",
                "psycopg2.OperationalError: connection to server at \"reports-db.analytics.svc\" (10.96.44.12), port 5432 "
                "failed: Connection refused",
                "",
                "The above exception was the direct cause of the following exception:",
                "",
                "Traceback (most recent call last):",
                '  File "/app/reports/views.py", line 88, in report_detail',
                "    report = Report.objects.select_related(\"tenant\").get(pk=pk)",
                "django.db.utils.OperationalError: connection to server at \"reports-db.analytics.svc\" (10.96.44.12), "
                "port 5432 failed: Connection refused"]

    outage = (at("10:30"), at("10:45"))
    for _ in range(3600):
        ms = rand_ms(rng)
        in_outage = outage[0] <= ms < outage[1]
        x = rng.random()
        rid = rng.randint(1000, 9999)
        if x < 0.45:
            path = rng.choice([f"/api/reports/{rid}", f"/api/reports/{rid}/export", "/api/reports/", "/healthz"])
            if in_outage and path != "/healthz" and rng.random() < 0.7:
                rec(ms, "ERROR", "django.request", f"Internal Server Error: {path}", db_trace())
                continue
            status = 404 if rng.random() < 0.04 else 200
            if status == 404:
                rec(ms, "WARNING", "django.request", f"Not Found: {path}")
            rec(ms + 1, "INFO", "django.server", f'"GET {path} HTTP/1.1" {status} {rng.randint(120, 48000)}')
        elif x < 0.8:
            tenant = rng.choices(TENANTS, weights=tweights)[0]
            if tenant == "wonka":
                tenant = "acme"
            if in_outage:
                rec(ms, "ERROR", "reports.tasks", f"Report {rid} failed for tenant {tenant}: could not connect to database")
                continue
            rows = int(rng.lognormvariate(6, 1.0))
            took = 0.002 * rows + rng.uniform(0.05, 0.4)
            rec(ms, "INFO", "reports.tasks", f"Rendered report {rid} for tenant {tenant} in {took:.3f}s ({rows} rows)")
        elif x < 0.95:
            tenant = rng.choices(TENANTS, weights=tweights)[0]
            rec(ms, "WARNING" if rng.random() < 0.2 else "DEBUG", "reports.cache",
                f"cache miss for tenant {tenant} key=summary:{rid}")
        else:
            rec(ms, "INFO", "celery.beat", "Scheduler: Sending due task refresh-materialized-views (reports.tasks.refresh)")
    oom = at("11:20:41") + 377
    rec(oom, "CRITICAL", "reports.tasks", "Worker exceeded memory limit while rendering report 7731, terminating", [
        "Traceback (most recent call last):",
        '  File "/app/reports/render.py", line 143, in render_xlsx',
        "    sheet.extend(rows)",
        "MemoryError"])
    rec(oom + 4_212, "INFO", "reports.apps", "Reports worker ready (pid 41)")
    return emit(ev)


# --------------------------------------------------------------------------- 5: Fluent Bit JSON with Kubernetes metadata

PODS = {
    "route-planner-7c9d5f8b6-q7x2z": ("route-planner", "planner", "ip-10-20-3-41.eu-west-1.compute.internal"),
    "route-planner-7c9d5f8b6-h4m9n": ("route-planner", "planner", "ip-10-20-5-17.eu-west-1.compute.internal"),
    "route-planner-7c9d5f8b6-w2c8r": ("route-planner", "planner", "ip-10-20-3-41.eu-west-1.compute.internal"),
    "tracking-api-59f7d6c4b-t6k3p": ("tracking-api", "api", "ip-10-20-5-17.eu-west-1.compute.internal"),
    "tracking-api-59f7d6c4b-z8v1j": ("tracking-api", "api", "ip-10-20-7-92.eu-west-1.compute.internal"),
}


def gen_fluentbit(rng: random.Random) -> list[str]:
    ev = []
    seq = 0
    planners = [p for p in PODS if PODS[p][0] == "route-planner"]
    trackers = [p for p in PODS if PODS[p][0] == "tracking-api"]

    def rec(ms, pod, log, stream="stdout"):
        nonlocal seq
        app, container, host = PODS[pod]
        o = {"date": round(ms / 1000 + rng.randint(0, 899) / 1e6, 6), "time": iso_ms(ms), "stream": stream, "log": log,
             "kubernetes": {"pod_name": pod, "namespace_name": "logistics", "container_name": container,
                            "host": host, "labels": {"app": app, "pod-template-hash": pod.split("-")[-2]},
                            "container_image": f"registry.internal/logistics/{app}:1.{rng.choice([8, 8, 8])}.3"}}
        seq += 1
        ev.append((ms, seq, json.dumps(o, separators=(",", ":"))))

    for _ in range(4200):
        ms = rand_ms(rng)
        pod = rng.choice(planners)
        sid = f"SHP-{rng.randint(100000, 999999)}"
        if pod == planners[0] and at("10:50") <= ms < at("11:05") and rng.random() < 0.85:
            rec(ms, pod, f"ERROR solver timeout shipment={sid} stops={rng.randint(30, 60)} budget=2s")
            continue
        stops = rng.randint(3, 40)
        took = (40 + 18 * stops) * rng.lognormvariate(0, 0.35)
        rec(ms, pod, f"INFO planned route shipment={sid} stops={stops} distance_km={rng.uniform(4, 320):.1f} took={took:.0f}ms")
    for _ in range(280):
        rec(rand_ms(rng), rng.choice(planners), f"WARN traffic feed stale age={rng.randint(61, 400)}s")
    for _ in range(5600):
        ms = rand_ms(rng)
        pod = rng.choice(trackers)
        sid = f"SHP-{rng.randint(100000, 999999)}"
        carrier = rng.choices(["dhl", "ups", "fedex", "gls"], weights=[4, 3, 3, 1])[0]
        if carrier == "fedex" and at("11:30") <= ms < at("11:40") and rng.random() < 0.8:
            rec(ms, pod, f"ERROR carrier api failed carrier=fedex shipment={sid} status=503 retry_in=5s")
            continue
        if rng.random() < 0.003:
            rec(ms, pod, f"ERROR carrier api failed carrier={carrier} shipment={sid} status=500 retry_in=5s")
            continue
        rec(ms, pod, f"INFO GET /track/{sid} carrier={carrier} 200 {rng.randint(8, 140)}ms")
    # the overloaded planner pod panics once and restarts
    crash = at("11:03:52") + 219
    rec(crash, planners[0], "panic: runtime error: invalid memory address or nil pointer dereference", "stderr")
    rec(crash + 1, planners[0], "[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x8f21c4]", "stderr")
    rec(crash + 2, planners[0], "goroutine 2281 [running]:", "stderr")
    rec(crash + 9_511, planners[0], "INFO route-planner starting version=1.8.3 solver=ortools workers=4")
    return emit(ev)


# --------------------------------------------------------------------------- 6: postfix via syslog (RFC 3164)

RELAYS = [("gmail-smtp-in.l.google.com", "142.250.102.27", "gmail.com", 40),
          ("example-com.mail.protection.outlook.com", "52.101.68.4", "outlook.com", 24),
          ("mta7.am0.yahoodns.net", "67.195.204.72", "yahoo.com", 11),
          ("mx1.corp-partner.example", "198.51.100.25", "corp-partner.example", 6)]


def gen_postfix(rng: random.Random) -> list[str]:
    ev = []
    seq = 0
    spammers = [f"185.234.{rng.randint(200, 230)}.{rng.randint(2, 250)}" for _ in range(60)]

    def line(ms, proc, pid, msg):
        nonlocal seq
        d = datetime.fromtimestamp(ms // 1000, tz=UTC)
        hdr = f"{d.strftime('%b')} {d.day:>2} {d.strftime('%H:%M:%S')}"
        seq += 1
        ev.append((ms, seq, f"{hdr} mx-01 postfix/{proc}[{pid}]: {msg}"))

    users = ["alice", "bob", "orders", "noreply", "billing", "support", "carol", "dave"]
    for _ in range(1500):
        ms = rand_s(rng, START_MS, END_MS - 30_000)
        qid = hexid(rng, 10).upper()
        relay, rip, dom, _ = rng.choices(RELAYS, weights=[r[3] for r in RELAYS])[0]
        rcpt = f"{hexid(rng, 6)}@{dom}"
        sender = f"{rng.choice(users)}@shop.example"
        line(ms, "pickup", 3318, f"{qid}: uid=1000 from=<{sender}>")
        line(ms, "cleanup", rng.randint(4000, 4999), f"{qid}: message-id=<{hexid(rng, 12)}@shop.example>")
        line(ms, "qmgr", 1187, f"{qid}: from=<{sender}>, size={rng.randint(1200, 90000)}, nrcpt=1 (queue active)")
        t = ms + 1000 * rng.randint(1, 3)
        if t % 60000 == 0:
            t += 1000
        spid = rng.randint(5000, 9999)
        if relay.startswith("gmail") and at("10:20") <= t < at("10:40") and rng.random() < 0.75:
            delay = rng.uniform(0.4, 2.0)
            line(t, "smtp", spid, f"{qid}: to=<{rcpt}>, relay={relay}[{rip}]:25, delay={delay:.1f}, "
                                  f"delays=0.1/0/{delay / 2:.2g}/{delay / 2:.2g}, dsn=4.7.28, status=deferred "
                                  f"(host {relay}[{rip}] said: 421-4.7.28 Our system has detected an unusual rate of "
                                  f"unsolicited mail originating from your IP address. (in reply to end of DATA command))")
            continue
        if rng.random() < 0.012:
            delay = rng.uniform(0.3, 1.5)
            line(t, "smtp", spid, f"{qid}: to=<{rcpt}>, relay={relay}[{rip}]:25, delay={delay:.1f}, "
                                  f"delays=0.1/0/0.2/{delay / 2:.2g}, dsn=5.1.1, status=bounced (host {relay}[{rip}] "
                                  f"said: 550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown (in reply to RCPT TO command))")
            line(t, "bounce", rng.randint(6000, 6999), f"{qid}: sender non-delivery notification: {hexid(rng, 10).upper()}")
        else:
            delay = rng.lognormvariate(0, 0.6) * (1.0 if not relay.startswith("mta7") else 2.2)
            line(t, "smtp", spid, f"{qid}: to=<{rcpt}>, relay={relay}[{rip}]:25, delay={delay:.2f}, "
                                  f"delays=0.1/0/{delay / 3:.2g}/{delay / 2:.2g}, dsn=2.0.0, status=sent (250 2.0.0 OK "
                                  f"{rng.randint(1700000000, 1799999999)} {hexid(rng, 8)} - gsmtp)")
        line(t, "qmgr", 1187, f"{qid}: removed")
    for _ in range(420):
        ms = rand_s(rng)
        in_wave = False
        if rng.random() < 0.6:
            ms = rand_s(rng, at("11:10"), at("11:25"))
            in_wave = True
        ip = rng.choice(spammers) if in_wave else f"{rng.randint(40, 220)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
        pid = rng.randint(2000, 2999)
        line(ms, "smtpd", pid, f"connect from unknown[{ip}]")
        line(ms, "smtpd", pid, f"NOQUEUE: reject: RCPT from unknown[{ip}]: 554 5.7.1 Service unavailable; Client host "
                               f"[{ip}] blocked using zen.spamhaus.org; from=<{hexid(rng, 7)}@{hexid(rng, 5)}.top> "
                               f"to=<{rng.choice(users)}@shop.example> proto=ESMTP helo=<{hexid(rng, 6)}>")
        line(ms + 1000 if (ms + 1000) % 60000 else ms + 2000, "smtpd", pid, f"disconnect from unknown[{ip}] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4")
    return emit(ev)


FILES = [
    ("accounts-api.jsonl", "json-nested", '{namespace="banking",app="accounts-api",pod="accounts-api-5f8c7d9b6-lq4wz",container="api"}',
     gen_accounts, 1, "10:15–10:30 ledger timeouts (POST /v1/transfers 503, ~5 s); 11:20–11:28 401 burst on usr_bf42x, "
                      "lockouts 11:23:41 and 11:47:09"),
    ("mailer-worker.log", "logfmt-go", '{namespace="jobs",app="mailer-worker",pod="mailer-worker-0",container="worker"}',
     gen_mailer, 2, "10:40–10:55 webhooks deadline exceeded, retries; 11:02:17 restart; 11:30–11:45 exports backlog"),
    ("ingress-public.log", "ingress-nginx",
     '{namespace="ingress-nginx",app="ingress-nginx",pod="ingress-nginx-controller-6b9f8c7d5-p8t4v",container="controller"}',
     gen_ingress, 3, "10:50–11:05 web-media slow, 504s; 11:35–11:45 crawler 192.0.2.201, 429 from 11:40"),
    ("reports-django.log", "python-django", '{namespace="analytics",app="reports",pod="reports-web-6d5c8b7f9-r2m7k",container="django"}',
     gen_reports, 4, "10:30–10:45 database refused (500s with tracebacks, failed reports); 11:20:41 MemoryError"),
    ("fluentbit-logistics.jsonl", "json-k8s-meta", '{job="fluent-bit",cluster="prod-west",namespace="logistics"}',
     gen_fluentbit, 5, "10:50–11:05 solver timeouts on …-q7x2z, panic 11:03:52; 11:30–11:40 fedex carrier 503s"),
    ("postfix-mx.log", "syslog3164-postfix", '{job="postfix",host="mx-01"}', gen_postfix, 6,
     "10:20–10:40 gmail deferrals (421); 11:10–11:25 spamhaus rejects from 185.234.x"),
]


def main(argv: list[str]) -> int:
    return write_set(argv, SEED, FILES, "manifest_heldout5.json", (27, 20))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
