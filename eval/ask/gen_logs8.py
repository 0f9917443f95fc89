#!/usr/bin/env python3
"""Write the six logs of the eighth held-out set (questions_heldout8.jsonl).

    python3 eval/ask/gen_logs8.py [DIR | --out DIR]      # default target/eval-logs

Writes shop-alb.log, k8s-audit.jsonl, es-cluster.log (half A), storefront-rails.log,
consul-server.log and squid-access.log (half B), and manifest_heldout8.json (suggested
labels, line counts, SHA-256, incidents). Standard library only, fixed seeds, byte-identical
output.

All files cover 2026-12-06 09:00:00Z to 12:00:00Z (gen_clock.py). Every timestamp has a
non-zero millisecond part, so no line falls on a whole-second or whole-minute window
boundary and the half-open windows [a, b) give the same sets as Loki's (a, b]. Lines that
carry two times have both in the same minute (the ALB's `time` and `request_creation_time`)
or the same second (the audit event's `requestReceivedTimestamp` and `stageTimestamp`), so
either one puts the line in the same whole-minute windows.
"""
from __future__ import annotations

import json
import random
import re
import sys

from gen_clock import (END_MS, START_MS, arrivals, at, dt, go_dur_ns, hexid, lognorm, nz, weighted,
                       write_set)

SEED = 8180


def uuid4(rng: random.Random) -> str:
    h = hexid(rng, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{rng.choice('89ab')}{h[17:20]}-{h[20:]}"


def every(rng: random.Random, period_s: float, jitter_ms: int, a: int = START_MS, b: int = END_MS) -> list[int]:
    """A periodic job's times: every `period_s` from a random phase, each a little late."""
    out, t = [], a + rng.randrange(1, int(period_s * 1000))
    while t < b:
        ms = nz(t + rng.randrange(0, jitter_ms))
        if ms < b:
            out.append(ms)
        t += int(period_s * 1000)
    return out


def zipf_weights(n: int, s: float, shift: float = 1.0) -> list[float]:
    return [1.0 / (i + shift) ** s for i in range(n)]


def public_ip(rng: random.Random) -> str:
    return f"{rng.choice([23, 31, 46, 62, 77, 84, 91, 109, 151, 176, 188, 212, 217])}.{rng.randint(1, 254)}." \
           f"{rng.randint(1, 254)}.{rng.randint(1, 254)}"


def emit(events: list[tuple[int, int, str]]) -> list[str]:
    events.sort(key=lambda e: (e[0], e[1]))
    return [e[2] for e in events if START_MS < e[0] < END_MS]


def dumps(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


UAS = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
       "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
       "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
       "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
       "ShopApp/6.4.0 (Android 15; Pixel 8)"]


# --------------------------------------------------------------------------- 1: AWS ALB access log

ALB_NAME = "app/shop-prod-alb/50dc6c495c0c9188"
ALB_TGS = {  # target group: (arn id, targets, rule priority)
    "shop-web": ("73e2d6bc24d8a067", ["10.0.11.21:8080", "10.0.11.22:8080", "10.0.11.23:8080"], "0"),
    "shop-api": ("5c1f0e2d9b8a7c63", ["10.0.12.31:8080", "10.0.12.32:8080", "10.0.12.33:8080", "10.0.12.47:8080"],
                 "20"),
    "shop-search": ("9a8b7c6d5e4f3a21", ["10.0.13.15:8080", "10.0.13.16:8080"], "10"),
}
ALB_BAD_TARGET = "10.0.12.47:8080"
ALB_SCRAPER = "198.51.100.42"
ALB_UPTIME = "203.0.113.10"
ALB_CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/3b9c6f2e-8d41-4c7a-9e15-2f6a0d8b7c41"
# (method, path template, target group, weight, median target seconds, (min, max) bytes)
ALB_ROUTES = [("GET", "/", "shop-web", 14, 0.030, (18000, 42000)),
              ("GET", "/products/{n}", "shop-web", 22, 0.045, (25000, 80000)),
              ("GET", "/category/{w}", "shop-web", 9, 0.060, (30000, 95000)),
              ("GET", "/api/products?page={p}", "shop-api", 14, 0.040, (2500, 16000)),
              ("GET", "/api/cart", "shop-api", 10, 0.020, (400, 3000)),
              ("POST", "/api/cart/items", "shop-api", 6, 0.035, (300, 1200)),
              ("POST", "/api/checkout", "shop-api", 3, 0.280, (500, 1800)),
              ("GET", "/api/orders/{n}", "shop-api", 5, 0.025, (600, 4000)),
              ("GET", "/api/search?q={w}", "shop-search", 11, 0.110, (3000, 24000))]
ALB_WORDS = ["boots", "jacket", "lamp", "kettle", "tent", "backpack", "desk", "sofa", "gloves", "scarf"]


def alb_time(ms: int, us: int) -> str:
    return dt(ms).strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}{us:03d}Z"


def gen_alb(rng: random.Random) -> list[str]:
    ev: list[tuple[int, int, str]] = []
    seq = 0
    clients = [public_ip(rng) for _ in range(720)]
    cweights = zipf_weights(len(clients), 1.05, 3.0)

    def line(done_ms: int, client: str, method: str, path: str, tg: str | None, target: str | None,
             times: tuple, elb: int, tstat, recv: int, sent: int, ua: str, actions: str, dur_ms: int) -> None:
        nonlocal seq
        # the request's creation and the response's time lie in the same minute (and the same second when short)
        created = done_ms - dur_ms
        if created // 60000 != done_ms // 60000:
            created = done_ms // 60000 * 60000 + rng.randrange(1, 60000 - dur_ms)
            done_ms = created + dur_ms
        created, done_ms = nz(created), nz(done_ms)
        seq += 1
        typ = "h2" if ua.startswith("ShopApp") or rng.random() < 0.35 else "https"
        proto = "HTTP/2.0" if typ == "h2" else "HTTP/1.1"
        tls = ("TLS_AES_128_GCM_SHA256", "TLSv1.3") if rng.random() < 0.7 else ("ECDHE-RSA-AES128-GCM-SHA256", "TLSv1.2")
        if tg:
            arn = f"arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/{tg}/{ALB_TGS[tg][0]}"
            prio = ALB_TGS[tg][2]
        else:
            arn, prio = "-", "-"
        tfmt = lambda x: "-1" if x < 0 else f"{x:.3f}"  # noqa: E731
        ts = "-" if tstat is None else str(tstat)
        trace = f"Root=1-{hexid(rng, 8)}-{hexid(rng, 24)}"
        us = rng.randrange(1000)
        ev.append((done_ms, us * 10_000_000 + seq,
                   f'{typ} {alb_time(done_ms, us)} {ALB_NAME} {client}:{rng.randint(1024, 65535)} '
                   f'{target or "-"} {tfmt(times[0])} {tfmt(times[1])} {tfmt(times[2])} {elb} {ts} {recv} {sent} '
                   f'"{method} https://shop.example.com:443{path} {proto}" "{ua}" {tls[0]} {tls[1]} {arn} '
                   f'"{trace}" "shop.example.com" "{ALB_CERT}" {prio} {alb_time(created, rng.randrange(1000))} '
                   f'"{actions}" "-" "-" "{target or "-"}" "{ts}" "-" "-"'))

    def request(ms: int, client: str, ua: str, route=None) -> None:
        method, tmpl, tg, _, median, (lo, hi) = route or weighted(rng, ALB_ROUTES, [r[3] for r in ALB_ROUTES])
        path = tmpl.format(n=rng.randint(1000, 99999), p=rng.randint(1, 40), w=rng.choice(ALB_WORDS))
        target = rng.choice(ALB_TGS[tg][1])
        recv = rng.randint(280, 900) + (rng.randint(200, 1500) if method == "POST" else 0)
        tpt = lognorm(rng, median, 0.55)
        rpt = rng.choice([0.000, 0.000, 0.001, 0.001, 0.002])
        elb, tstat, sent = 200, 200, rng.randint(lo, hi)
        if method == "POST" and path == "/api/cart/items":
            elb = tstat = 201
        if path.startswith("/api/orders/") and rng.random() < 0.04:
            elb = tstat = 404
            sent = rng.randint(180, 260)
        if tg == "shop-search" and at("10:50") <= ms < at("11:05"):
            tpt = lognorm(rng, 4.2, 0.55)
            if tpt >= 10.0:  # the ALB's idle timeout is 10 s
                dur = 10000 + rng.randrange(1, 40)
                line(ms + dur, client, method, path, tg, target, (-1, -1, -1), 504, None, recv, 560, ua,
                     "forward", dur)
                return
        if target == ALB_BAD_TARGET and at("10:15") <= ms < at("10:30") and rng.random() < 0.6:
            dur = rng.randrange(2, 40)
            line(ms + dur, client, method, path, tg, target, (-1, -1, -1), 502, None, recv, 272, ua, "forward", dur)
            return
        if tg == "shop-web" and rng.random() < 0.004:  # the client went away
            dur = int(tpt * 1000) + rng.randrange(1, 20)
            line(ms + dur, client, method, path, tg, target, (-1, -1, -1), 460, None, recv, 0, ua, "forward", dur)
            return
        if tstat == 200 and rng.random() < 0.0015:  # a target's rare crash
            dur = rng.randrange(2, 30)
            line(ms + dur, client, method, path, tg, target, (-1, -1, -1), 502, None, recv, 272, ua, "forward", dur)
            return
        dur = int((rpt + tpt) * 1000) + rng.randrange(0, 3)
        line(ms + dur, client, method, path, tg, target, (rpt, tpt, 0.0), elb, tstat, recv, sent, ua, "forward", dur)

    for ms in arrivals(rng, 1.2):
        client = weighted(rng, clients, cweights)
        request(ms, client, rng.choice(UAS))
    # the uptime monitor: GET / every 10 s
    for ms in every(rng, 10.0, 400):
        request(ms, ALB_UPTIME, "Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)", ALB_ROUTES[0])
    # the scraper walks the product API from 11:30, the WAF blocks it from 11:36
    for ms in arrivals(rng, 0.45, at("11:30"), at("11:45")):
        ua = "python-requests/2.32.3"
        if ms >= at("11:36") + 17_351:
            dur = rng.randrange(1, 4)
            line(ms + dur, ALB_SCRAPER, "GET", f"/api/products?page={rng.randint(1, 400)}", None, None,
                 (-1, -1, -1), 403, None, rng.randint(250, 320), 118, ua, "waf", dur)
        else:
            request(ms, ALB_SCRAPER, ua, ALB_ROUTES[3])
    return emit(ev)


# --------------------------------------------------------------------------- 2: Kubernetes audit log

K8S_NODES = [(f"ip-10-0-{a}-{b}.eu-west-1.compute.internal", f"10.0.{a}.{b}") for a, b in
             [(1, 23), (1, 87), (2, 14), (2, 150), (3, 9), (3, 201)]]
K8S_VERSION = "v1.30.5"
ARGO = "system:serviceaccount:argocd:argocd-application-controller"
GITLAB = "system:serviceaccount:ci:gitlab-runner"
PROM = "system:serviceaccount:monitoring:prometheus"
CHECKOUT_SA = "system:serviceaccount:shop:checkout"
ALICE, BOB, CAROL = "alice@example.com", "bob@example.com", "carol@example.com"
GROUPS = {"sa": lambda ns: ["system:serviceaccounts", f"system:serviceaccounts:{ns}", "system:authenticated"],
          "node": lambda _: ["system:nodes", "system:authenticated"],
          "human": lambda _: ["oidc:sre", "system:authenticated"],
          "scheduler": lambda _: ["system:authenticated"]}
API_GROUP = {"pods": ("", "v1"), "secrets": ("", "v1"), "configmaps": ("", "v1"), "services": ("", "v1"),
             "endpoints": ("", "v1"), "nodes": ("", "v1"), "namespaces": ("", "v1"), "events": ("", "v1"),
             "deployments": ("apps", "v1"), "replicasets": ("apps", "v1"), "statefulsets": ("apps", "v1"),
             "endpointslices": ("discovery.k8s.io", "v1"), "ingresses": ("networking.k8s.io", "v1"),
             "applications": ("argoproj.io", "v1alpha1"), "clusterroles": ("rbac.authorization.k8s.io", "v1")}
CLUSTER_SCOPED = {"nodes", "namespaces", "clusterroles"}


def gen_audit(rng: random.Random) -> list[str]:
    ev: list[tuple[int, int, str]] = []
    seq = 0
    uids: dict[str, str] = {}

    def event(ms: int, user: str, kind: str, ip: str, ua: str, verb: str, resource: str, ns: str | None = None,
              name: str | None = None, sub: str | None = None, code: int = 200, reason: str | None = None,
              query: str = "", lat_ms: int | None = None) -> None:
        nonlocal seq
        seq += 1
        group, version = API_GROUP[resource]
        base = f"/apis/{group}/{version}" if group else f"/api/{version}"
        uri = base + (f"/namespaces/{ns}" if ns and resource not in CLUSTER_SCOPED else "") + f"/{resource}"
        if name:
            uri += f"/{name}"
        if sub:
            uri += f"/{sub}"
        if query:
            uri += "?" + query
        # received and stage in the same second
        lat = lat_ms if lat_ms is not None else max(1, int(lognorm(rng, 6.0, 0.8)))
        lat = min(lat, 998 - ms % 1000) if ms % 1000 < 998 else 0
        stage_us = rng.randrange(1000)
        recv_us = rng.randrange(1000)
        end = ms + lat
        if end == ms and stage_us < recv_us:
            stage_us, recv_us = recv_us, stage_us
        if user not in uids:
            uids[user] = uuid4(rng)
        obj = {"kind": "Event", "apiVersion": "audit.k8s.io/v1", "level": "Metadata", "auditID": uuid4(rng),
               "stage": "ResponseComplete", "requestURI": uri, "verb": verb,
               "user": {"username": user, "uid": uids[user], "groups": GROUPS[kind](user.split(":")[2]
                                                                                   if kind == "sa" else "")},
               "sourceIPs": [ip], "userAgent": ua}
        ref = {"resource": resource}
        if ns and resource not in CLUSTER_SCOPED:
            ref["namespace"] = ns
        if name:
            ref["name"] = name
        if group:
            ref["apiGroup"] = group
        ref["apiVersion"] = version
        if sub:
            ref["subresource"] = sub
        obj["objectRef"] = ref
        status: dict = {"metadata": {}}
        if code >= 400:
            what = f"{resource}/{sub}" if sub else resource
            if code == 403:
                msg = (f'{resource} "{name or ""}" is forbidden: User "{user}" cannot {verb} resource "{what}" in API '
                       f'group "{group}"' + (f' in the namespace "{ns}"' if ns else " at the cluster scope"))
                status.update({"status": "Failure", "message": msg, "reason": "Forbidden",
                               "details": {"name": name or "", "kind": resource}})
            elif code == 404:
                status.update({"status": "Failure", "message": f'{resource} "{name}" not found',
                               "reason": "NotFound", "details": {"name": name, "kind": resource}})
            elif code == 409:
                status.update({"status": "Failure", "message": f'Operation cannot be fulfilled on {resource}.{group} '
                               f'"{name}": the object has been modified; please apply your changes to the latest '
                               "version and try again", "reason": "Conflict",
                               "details": {"name": name, "group": group, "kind": resource}})
            elif code == 429:
                status.update({"status": "Failure", "message": "Too many requests, please try again later.",
                               "reason": "TooManyRequests", "details": {"retryAfterSeconds": 1}})
        status["code"] = code
        obj["responseStatus"] = status
        obj["requestReceivedTimestamp"] = dt(ms).strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}{recv_us:03d}Z"
        obj["stageTimestamp"] = dt(end).strftime("%Y-%m-%dT%H:%M:%S.") + f"{end % 1000:03d}{stage_us:03d}Z"
        if code != 429:
            if code == 403:
                obj["annotations"] = {"authorization.k8s.io/decision": "forbid", "authorization.k8s.io/reason": ""}
            else:
                obj["annotations"] = {"authorization.k8s.io/decision": "allow",
                                      "authorization.k8s.io/reason": reason or "RBAC: allowed by ClusterRoleBinding"}
        ev.append((ms, recv_us * 10_000_000 + seq, dumps(obj)))

    shop_pods = [f"checkout-7d9f8b6c5-{hexid(rng, 5)}" for _ in range(4)] + \
                [f"cart-5c8d7f9b4-{hexid(rng, 5)}" for _ in range(3)] + \
                [f"catalog-6f7c9d8b5-{hexid(rng, 5)}" for _ in range(3)]
    # kubelets: status patches, pod gets, volume secrets and configmaps
    for node, ip in K8S_NODES:
        user = f"system:node:{node}"
        ua = f"kubelet/{K8S_VERSION} (linux/amd64) kubernetes/74e84a9"
        for ms in arrivals(rng, 25.0):
            op = rng.random()
            ns = weighted(rng, ["shop", "payments", "monitoring", "ci", "kube-system"], [4, 2, 2, 1, 2])
            pod = f"{ns}-{hexid(rng, 5)}"
            if op < 0.30:
                event(ms, user, "node", ip, ua, "patch", "pods", ns, pod, "status",
                      reason=f'RBAC: allowed by ClusterRoleBinding "system:node"')
            elif op < 0.55:
                event(ms, user, "node", ip, ua, "get", "pods", ns, pod)
            elif op < 0.75:
                event(ms, user, "node", ip, ua, "get", "configmaps", ns, "kube-root-ca.crt")
            elif op < 0.88:
                event(ms, user, "node", ip, ua, "get", "secrets", ns, f"{ns}-tls")
            else:
                event(ms, user, "node", ip, ua, "patch", "nodes", None, node, "status")
    # controller-manager controllers
    kcm = "10.0.0.11"
    for sa, gap, verb, res, sub in [("replicaset-controller", 20.0, "update", "replicasets", "status"),
                                    ("endpointslice-controller", 20.0, "update", "endpointslices", None),
                                    ("deployment-controller", 30.0, "update", "deployments", "status"),
                                    ("generic-garbage-collector", 60.0, "list", "events", None)]:
        user = f"system:serviceaccount:kube-system:{sa}"
        ua = f"kube-controller-manager/{K8S_VERSION} (linux/amd64) kubernetes/74e84a9/system:serviceaccount:kube-system:{sa}"
        for ms in arrivals(rng, gap):
            ns = weighted(rng, ["shop", "payments", "monitoring", "ci", "kube-system"], [4, 2, 2, 1, 2])
            name = None if verb == "list" else f"{rng.choice(['checkout', 'cart', 'catalog', 'ledger', 'grafana'])}" \
                                                f"-{hexid(rng, 5)}"
            code = 409 if verb == "update" and rng.random() < 0.02 else 200
            event(ms, user, "sa", kcm, ua, verb, res, None if verb == "list" else ns, name, sub, code=code,
                  query="limit=500" if verb == "list" else "")
    # prometheus: cluster-wide lists of its service-discovery resources every 45 s
    for ms in every(rng, 45.0, 300):
        for k, res in enumerate(["pods", "endpoints", "services", "nodes"]):
            event(nz(ms + 3 * k), PROM, "sa", "10.244.4.18", "Prometheus/2.54.1", "list", res,
                  query="limit=500&resourceVersion=0")
    # the checkout service account reads its secret and config
    for ms in every(rng, 60.0, 2000):
        event(ms, CHECKOUT_SA, "sa", "10.244.2.37", "checkout/v3.8.1 (linux/amd64) kubernetes/$Format", "get",
              "secrets", "shop", "db-creds")
        event(nz(ms + 5), CHECKOUT_SA, "sa", "10.244.2.37", "checkout/v3.8.1 (linux/amd64) kubernetes/$Format",
              "get", "configmaps", "shop", "checkout-config")
    # argo cd: reconciles its apps; hot-loops 11:20-11:35 and gets throttled (429)
    argo_ns = ["shop", "payments", "monitoring", "ingress-nginx", "argocd", "ci"]
    argo_ua = "argocd-application-controller/v2.12.4+1cddb8e (linux/amd64)"
    argo_res = [("get", "deployments"), ("patch", "deployments"), ("get", "services"), ("get", "configmaps"),
                ("list", "applications"), ("patch", "applications"), ("get", "ingresses"), ("get", "statefulsets")]
    for ms in arrivals(rng, 8.0) + arrivals(rng, 0.5, at("11:20"), at("11:35")):
        verb, res = weighted(rng, argo_res, [20, 8, 12, 10, 6, 10, 5, 4])
        ns = weighted(rng, argo_ns, [30, 20, 15, 10, 8, 6])
        if res in ("applications",):
            ns = "argocd"
        name = None if verb == "list" else f"{rng.choice(['checkout', 'cart', 'catalog', 'ledger', 'grafana', 'web'])}"
        code = 200
        if at("11:20") <= ms < at("11:35") and rng.random() < 0.38:
            code = 429
        elif verb == "patch" and rng.random() < 0.03:
            code = 409
        event(ms, ARGO, "sa", "10.244.1.52", argo_ua, verb, res, ns, name, code=code,
              reason='RBAC: allowed by ClusterRoleBinding "argocd-application-controller" of ClusterRole '
                     '"argocd-application-controller" to ServiceAccount "argocd-application-controller/argocd"')
    # the gitlab runner: a CI job every 3 minutes; pods/exec forbidden 10:20-10:35 after an RBAC change
    ci_ua = "gitlab-runner 17.5.2 (17-5-stable; go1.22.7; linux/amd64)"
    for ms in every(rng, 180.0, 20_000):
        pod = f"runner-{hexid(rng, 8)}-project-{rng.choice([412, 412, 377, 905])}-concurrent-0-{hexid(rng, 8)}"
        secret = f"runner-{hexid(rng, 8)}-project-{rng.randint(100, 999)}-concurrent-0"
        t = ms
        event(t, GITLAB, "sa", "10.244.3.71", ci_ua, "create", "secrets", "ci", secret)
        t = nz(t + rng.randrange(40, 200))
        event(t, GITLAB, "sa", "10.244.3.71", ci_ua, "create", "pods", "ci", pod)
        t = nz(t + rng.randrange(30, 90))
        event(t, "system:kube-scheduler", "scheduler", "10.0.0.11",
              f"kube-scheduler/{K8S_VERSION} (linux/amd64) kubernetes/74e84a9/scheduler", "create", "pods", "ci", pod,
              "binding")
        broken = at("10:20") <= ms < at("10:35")
        for _ in range(rng.randint(4, 8)):
            t = nz(t + rng.randrange(1500, 3500))
            event(t, GITLAB, "sa", "10.244.3.71", ci_ua, "get", "pods", "ci", pod)
        for _ in range(2 if not broken else 6):
            t = nz(t + rng.randrange(800, 9000))
            event(t, GITLAB, "sa", "10.244.3.71", ci_ua, "create", "pods", "ci", pod, "exec",
                  code=403 if broken else 200, query="command=sh&command=-c&container=build&stderr=true&stdout=true")
        t = nz(t + rng.randrange(20_000, 90_000))
        event(t, GITLAB, "sa", "10.244.3.71", ci_ua, "delete", "pods", "ci", pod)
        event(nz(t + rng.randrange(30, 200)), GITLAB, "sa", "10.244.3.71", ci_ua, "delete", "secrets", "ci", secret)
    # people with kubectl
    kubectl = "kubectl/v1.31.2 (darwin/arm64) kubernetes/5864a46"
    for user, ip, n in [(ALICE, "10.8.0.14", 70), (BOB, "10.8.0.22", 40), (CAROL, "10.8.0.31", 25)]:
        for _ in range(n):
            ms = nz(rng.randrange(START_MS, END_MS))
            ns = weighted(rng, ["shop", "payments", "monitoring"], [5, 2, 2])
            verb, res = weighted(rng, [("get", "pods"), ("list", "pods"), ("get", "deployments"),
                                       ("list", "events"), ("get", "configmaps")], [4, 5, 2, 2, 1])
            if verb == "list":
                event(ms, user, "human", ip, kubectl, verb, res, ns, query="limit=500")
            else:
                code = 404 if rng.random() < 0.05 else 200
                event(ms, user, "human", ip, kubectl, verb, res, ns, rng.choice(shop_pods) if res == "pods" else
                      rng.choice(["checkout", "cart", "catalog"]), code=code)
            if user == ALICE and rng.random() < 0.3:
                event(nz(ms + rng.randrange(500, 4000)), user, "human", ip, kubectl, "get", "pods", ns,
                      rng.choice(shop_pods), "log", query="container=app&tailLines=200")
    for hhmmss in ["09:22:41", "09:58:13", "10:37:52", "10:51:06", "11:12:30", "11:41:27"]:
        ms = nz(at(hhmmss) + rng.randrange(1, 999))
        event(ms, ALICE, "human", "10.8.0.14", kubectl, "create", "pods", "shop", rng.choice(shop_pods), "exec",
              query="command=%2Fbin%2Fsh&container=app&stdin=true&stdout=true&tty=true")
    # bob clears stuck checkout pods 10:55-10:57, and an old configmap
    t = at("10:55") + 4_211
    for pod in shop_pods[:4] + shop_pods[4:7]:
        event(t, BOB, "human", "10.8.0.22", kubectl, "delete", "pods", "shop", pod)
        t = nz(t + rng.randrange(9_000, 22_000))
    event(nz(at("10:58:44") + 120), BOB, "human", "10.8.0.22", kubectl, "delete", "configmaps", "shop",
          "feature-flags-old")
    # carol is not allowed to read payments secrets
    for hhmmss in ["09:47:12", "11:52:33"]:
        event(nz(at(hhmmss) + 455), CAROL, "human", "10.8.0.31", kubectl, "get", "secrets", "payments",
              "stripe-api-key", code=403)
    return emit(ev)


# --------------------------------------------------------------------------- 3: Elasticsearch cluster log

ES_NODES = {"es-master-0": "10.0.4.5", "es-data-0": "10.0.4.10", "es-data-1": "10.0.4.11", "es-data-2": "10.0.4.12",
            "es-data-3": "10.0.4.13"}
ES_DATA = ["es-data-0", "es-data-1", "es-data-2", "es-data-3"]
ES_NODE_IDS = {n: hexid(random.Random(n), 22) for n in ES_NODES}
ES_INDICES = [("logs-app-2026.12.06", 36, 3), ("orders-v3", 20, 2), ("products-v12", 14, 2),
              ("logs-nginx-2026.12.06", 9, 3), ("metrics-2026.12.06", 7, 1), ("users-v2", 5, 1),
              ("sessions-2026.12", 3, 1), ("traces-apm-2026.12.06", 3, 2), ("audit-2026.12", 2, 1)]
ES_QUERIES = ['{"size":20,"query":{"bool":{"must":[{"match":{"message":"timeout"}}],"filter":[{"range":'
              '{"@timestamp":{"gte":"now-15m"}}}]}},"sort":[{"@timestamp":{"order":"desc"}}]}',
              '{"size":0,"aggregations":{"by_status":{"terms":{"field":"status","size":10}}}}',
              '{"size":50,"query":{"query_string":{"query":"customer_id:* AND total:>100"}}}',
              '{"size":10,"query":{"multi_match":{"query":"winter boots","fields":["name^3","description"]}}}',
              '{"size":0,"aggregations":{"p95":{"percentiles":{"field":"duration_ms","percents":[95.0]}}}}']


def es_timevalue(ms: float) -> str:
    """Elasticsearch's TimeValue.toString(): one fractional digit in the largest fitting unit."""
    if ms < 1000:
        return f"{ms:.1f}ms".replace(".0ms", "ms")
    for unit, size in [("m", 60000.0), ("s", 1000.0)]:
        if ms >= size:
            v = ms / size
            s = f"{v:.1f}"
            return (s[:-2] if s.endswith(".0") else s) + unit
    raise AssertionError


def gen_es(rng: random.Random) -> list[str]:
    ev: list[tuple[int, int, str]] = []
    seq = 0
    gc_seq = {n: rng.randint(180000, 240000) for n in ES_NODES}

    def line(ms: int, level: str, logger: str, node: str, msg: str, extra: list[str] | None = None) -> None:
        nonlocal seq
        seq += 1
        ts = dt(ms).strftime("%Y-%m-%dT%H:%M:%S,") + f"{ms % 1000:03d}"
        text = f"[{ts}][{level:<5}][{logger:<25}] [{node}] {msg}"
        ev.append((ms, seq, "\n".join([text] + (extra or []))))

    def index_pick():
        return weighted(rng, ES_INDICES, [i[1] for i in ES_INDICES])

    def search_slow(ms: int, node: str, took: float) -> None:
        index, _, shards = index_pick()
        shard = rng.randrange(shards)
        level = "WARN" if took >= 1000 else "INFO"
        hits = rng.choice([f"{rng.randint(0, 9999)} hits", "10000+ hits"])
        line(ms, level, "i.s.s.query", node,
             f"[{index}][{shard}] took[{es_timevalue(took)}], took_millis[{int(took)}], total_hits[{hits}], "
             f"types[], stats[], search_type[QUERY_THEN_FETCH], total_shards[{shards * 2}], "
             f"source[{rng.choice(ES_QUERIES)}], id[{rng.choice(['', 'grafana', 'kibana'])}], ")

    # search slow log: 500 ms info, 1 s warn thresholds
    for ms in arrivals(rng, 4.0):
        search_slow(ms, rng.choice(ES_DATA), max(501.0, lognorm(rng, 850.0, 0.45)))
    for ms in arrivals(rng, 1.1, at("10:40"), at("10:55")):
        search_slow(ms, "es-data-2", max(501.0, lognorm(rng, 3200.0, 0.6)))
    # indexing slow log
    for ms in arrivals(rng, 11.0):
        index = weighted(rng, ["logs-app-2026.12.06", "logs-nginx-2026.12.06", "orders-v3"], [6, 3, 1])
        took = max(301.0, lognorm(rng, 520.0, 0.4))
        line(ms, "WARN" if took >= 1000 else "INFO", "i.i.s.index", rng.choice(ES_DATA),
             f"[{index}/{hexid(rng, 22)}] took[{es_timevalue(took)}], took_millis[{int(took)}], type[_doc], "
             f"id[{hexid(rng, 20)}], routing[], source[{{\"@timestamp\":\"2026-12-06T{dt(ms).strftime('%H:%M:%S')}Z\""
             f",\"level\":\"info\",\"service\":\"checkout\"}}]")
    # young GC overhead on every data node now and then; es-data-2 under heap pressure 10:38-10:56
    for node in ES_DATA:
        for ms in arrivals(rng, 420.0):
            gc_seq[node] += rng.randint(200, 900)
            spent = rng.randint(260, 480)
            line(ms, "INFO", "o.e.m.j.JvmGcMonitorService", node,
                 f"[gc][{gc_seq[node]}] overhead, spent [{spent}ms] collecting in the last [1s]")
    for ms in arrivals(rng, 14.0, at("10:38"), at("10:56")):
        gc_seq["es-data-2"] += rng.randint(5, 20)
        spent = rng.uniform(520, 950)
        line(ms, "WARN", "o.e.m.j.JvmGcMonitorService", "es-data-2",
             f"[gc][{gc_seq['es-data-2']}] overhead, spent [{es_timevalue(spent)}] collecting in the last [1s]")
    old_count = 0
    for ms in arrivals(rng, 55.0, at("10:39"), at("10:56")):
        old_count += 1
        dur = rng.uniform(5200.0, 14800.0) if old_count != 7 else 18431.0
        before = rng.uniform(29.2, 30.6)
        after = before - rng.uniform(0.4, 2.8)
        total_s = 38.0 + old_count * 9.7
        line(ms, "WARN" if dur >= 10000 else "INFO", "o.e.m.j.JvmGcMonitorService", "es-data-2",
             f"[gc][old][{gc_seq['es-data-2']}][{old_count + 11}] duration [{es_timevalue(dur)}], collections "
             f"[1]/[{es_timevalue(dur + rng.uniform(300, 900))}], total [{es_timevalue(dur)}]/"
             f"[{es_timevalue(total_s * 1000)}], memory [{before:.1f}gb]->[{after:.1f}gb]/[31gb], all_pools "
             f"{{[young] [{rng.randint(200, 900)}mb]->[0b]/[0b]}}{{[old] [{before - 0.4:.1f}gb]->[{after:.1f}gb]/[31gb]}}"
             f"{{[survivor] [{rng.randint(20, 90)}mb]->[0b]/[0b]}}")
    # write queue on es-data-2 full: replicas rejected
    reject_times = arrivals(rng, 9.0, at("10:41"), at("10:55")) + [nz(at("11:02:17") + 331), nz(at("11:02:48") + 87)]
    for ms in reject_times:
        primary = rng.choice(["es-data-0", "es-data-1", "es-data-3"])
        shard = rng.randrange(3)
        trace = [f"org.elasticsearch.transport.RemoteTransportException: [es-data-2][10.0.4.12:9300]"
                 f"[indices:data/write/bulk[s][r]]",
                 f"Caused by: org.elasticsearch.common.util.concurrent.EsRejectedExecutionException: rejected "
                 f"execution of org.elasticsearch.common.util.concurrent.TimedRunnable@{hexid(rng, 8)} on "
                 f"EsThreadPoolExecutor[name = es-data-2/write, queue capacity = 10000, "
                 f"org.elasticsearch.common.util.concurrent.EsThreadPoolExecutor@{hexid(rng, 8)}[Running, pool size "
                 f"= 8, active threads = 8, queued tasks = 10000, completed tasks = {rng.randint(80_000_000, 90_000_000)}]]",
                 "\tat org.elasticsearch.common.util.concurrent.EsAbortPolicy.rejectedExecution(EsAbortPolicy.java:37)"
                 " ~[elasticsearch-7.17.15.jar:7.17.15]",
                 "\tat java.util.concurrent.ThreadPoolExecutor.reject(ThreadPoolExecutor.java:833) ~[?:?]",
                 "\tat java.util.concurrent.ThreadPoolExecutor.execute(ThreadPoolExecutor.java:1365) ~[?:?]",
                 "\tat org.elasticsearch.common.util.concurrent.EsThreadPoolExecutor.execute(EsThreadPoolExecutor.java:"
                 "84) ~[elasticsearch-7.17.15.jar:7.17.15]",
                 "\tat org.elasticsearch.transport.InboundHandler.handleRequest(InboundHandler.java:290) "
                 "[elasticsearch-7.17.15.jar:7.17.15]",
                 "\tat java.lang.Thread.run(Thread.java:1583) [?:?]"]
        line(ms, "WARN", "o.e.a.b.TransportShardBulkAction", primary,
             f"[[logs-app-2026.12.06][{shard}]] failed to perform indices:data/write/bulk[s] on replica "
             f"[logs-app-2026.12.06][{shard}], node[{ES_NODE_IDS['es-data-2']}], [R], s[STARTED], "
             f"a[id={hexid(rng, 22)}]", trace)
    # es-data-3 leaves at 11:12:39 and comes back; health yellow, then green
    left = at("11:12:39") + 417
    d3 = "{es-data-3}{" + ES_NODE_IDS["es-data-3"] + "}{" + hexid(rng, 22) + "}{10.0.4.13}{10.0.4.13:9300}{dilrt}"
    line(left, "INFO", "o.e.c.s.MasterService", "es-master-0",
         f"node-left[{d3} reason: disconnected], term: 7, version: 48213, delta: removed {{{d3}}}")
    line(left + 93, "INFO", "o.e.c.r.a.AllocationService", "es-master-0",
         "Cluster health status changed from [GREEN] to [YELLOW] (reason: [{es-data-3}"
         "{" + ES_NODE_IDS["es-data-3"] + "} reason: disconnected]).")
    line(left + 211, "INFO", "o.e.c.r.DelayedAllocationService", "es-master-0",
         "scheduling reroute for delayed shards in [59.7s] (14 delayed shards)")
    joined = at("11:14:52") + 663
    line(joined, "INFO", "o.e.c.s.MasterService", "es-master-0",
         f"node-join[{d3} join existing leader], term: 7, version: 48219, delta: added {{{d3}}}")
    line(at("11:19:26") + 58, "INFO", "o.e.c.r.a.AllocationService", "es-master-0",
         "Cluster health status changed from [YELLOW] to [GREEN] (reason: [shards started "
         "[[logs-app-2026.12.06][1]]]).")
    # disk watermarks on es-data-1
    for ms in every(rng, 30.0, 800, at("11:24"), at("11:35")):
        line(ms, "WARN", "o.e.c.r.a.DiskThresholdMonitor", "es-master-0",
             f"low disk watermark [85%] exceeded on [{ES_NODE_IDS['es-data-1']}][es-data-1]"
             f"[/usr/share/elasticsearch/data/nodes/0] free: {rng.uniform(62, 74):.1f}gb[{rng.uniform(12.1, 14.8):.1f}%],"
             " replicas will not be assigned to this node")
    for ms in every(rng, 30.0, 800, at("11:35"), at("11:50")):
        line(ms, "WARN", "o.e.c.r.a.DiskThresholdMonitor", "es-master-0",
             f"high disk watermark [90%] exceeded on [{ES_NODE_IDS['es-data-1']}][es-data-1]"
             f"[/usr/share/elasticsearch/data/nodes/0] free: {rng.uniform(38, 50):.1f}gb[{rng.uniform(7.6, 9.9):.1f}%],"
             " shards will be relocated away from this node; currently relocating away shards totalling [0] bytes; "
             "the node is expected to continue to exceed the high disk watermark when these relocations are complete")
    # hourly rollovers, mapping updates, failed api-key auth
    for hh in ["09", "10", "11"]:
        ms = at(f"{hh}:00:02") + rng.randrange(1, 999)
        line(ms, "INFO", "o.e.c.m.MetadataCreateIndexService", "es-master-0",
             f"[metrics-2026.12.06.{hh}] creating index, cause [rollover_index], templates [metrics], shards [1]/[1]")
        line(ms + rng.randrange(300, 700), "INFO", "o.e.x.i.IndexLifecycleTransition", "es-master-0",
             f"moving index [metrics-2026.12.06.{hh}] from [null] to [{{\"phase\":\"new\",\"action\":\"complete\","
             f"\"name\":\"complete\"}}] in policy [metrics-policy]")
    for ms in arrivals(rng, 240.0):
        index = weighted(rng, ["logs-app-2026.12.06", "logs-nginx-2026.12.06", "traces-apm-2026.12.06"], [5, 3, 2])
        line(ms, "INFO", "o.e.c.m.MetadataMappingService", "es-master-0",
             f"[{index}/{hexid(rng, 22)}] update_mapping [_doc]")
    for ms in arrivals(rng, 600.0):
        line(ms, "WARN", "o.e.x.s.a.ApiKeyService", rng.choice(ES_DATA),
             f"Authentication using apikey failed - unable to find apikey with id {hexid(rng, 20)}")
    return emit(ev)


# --------------------------------------------------------------------------- 4: Ruby on Rails production log

RAILS_PIDS = [41, 47, 53, 59]
RAILS_PROBE = "10.244.3.1"
RAILS_PARTNER = "52.18.44.9"
RAILS_OFFICE = "81.2.69.142"
RAILS_SCANNER = "193.142.146.20"
RAILS_STUFFERS = ["45.155.205.12", "45.155.205.37", "45.155.205.88", "45.155.205.119", "45.155.205.141",
                  "45.155.205.203"]
# (method, path template, controller#action, format, weight, median ms, view share, db share, ok status)
RAILS_ROUTES = [("GET", "/", "HomeController#index", "HTML", 14, 60.0, 0.55, 0.25, 200),
                ("GET", "/products", "ProductsController#index", "HTML", 16, 120.0, 0.5, 0.35, 200),
                ("GET", "/products/{n}", "ProductsController#show", "HTML", 22, 80.0, 0.5, 0.3, 200),
                ("GET", "/cart", "CartsController#show", "HTML", 9, 55.0, 0.45, 0.35, 200),
                ("POST", "/cart/items", "CartItemsController#create", "TURBO_STREAM", 7, 45.0, 0.2, 0.5, 200),
                ("POST", "/checkout", "CheckoutsController#create", "HTML", 3, 420.0, 0.0, 0.6, 302),
                ("GET", "/orders/{n}", "OrdersController#show", "HTML", 5, 70.0, 0.45, 0.35, 200),
                ("GET", "/login", "SessionsController#new", "HTML", 4, 25.0, 0.7, 0.05, 200),
                ("POST", "/login", "SessionsController#create", "HTML", 4, 210.0, 0.0, 0.1, 302)]
RAILS_STATUS = {200: "OK", 302: "Found", 401: "Unauthorized", 404: "Not Found", 422: "Unprocessable Entity",
                500: "Internal Server Error"}
RAILS_POOL_TRACE = [
    "activerecord (7.1.3) lib/active_record/connection_adapters/abstract/connection_pool/queue.rb:128:in `block in "
    "wait_poll'",
    "activerecord (7.1.3) lib/active_record/connection_adapters/abstract/connection_pool/queue.rb:117:in `loop'",
    "activerecord (7.1.3) lib/active_record/connection_adapters/abstract/connection_pool/queue.rb:117:in `wait_poll'",
    "activerecord (7.1.3) lib/active_record/connection_adapters/abstract/connection_pool.rb:672:in `acquire_connection'",
    "activerecord (7.1.3) lib/active_record/connection_adapters/abstract/connection_pool.rb:181:in `checkout'",
]


def controller_file(action: str) -> str:
    """`Api::V1::OrdersController#index` -> `api/v1/orders_controller.rb`."""
    parts = action.split("#")[0].split("::")
    return "/".join(re.sub(r"(?<!^)(?=[A-Z])", "_", p).lower() for p in parts) + ".rb"


def gen_rails(rng: random.Random) -> list[str]:
    ev: list[tuple[int, int, str]] = []
    seq = 0
    clients = [public_ip(rng) for _ in range(380)]
    cweights = zipf_weights(len(clients), 0.9, 4.0)

    def rlog(ms: int, level: str, pid: int, rid: str, msg: str, more: list[str] | None = None) -> None:
        nonlocal seq
        seq += 1
        us = rng.randrange(1000)
        ts = dt(ms).strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}{us:03d}"
        text = f"{level[0]}, [{ts} #{pid}] {level:>5} -- : [{rid}] {msg}"
        ev.append((ms, us * 10_000_000 + seq, "\n".join([text] + [f"[{rid}] {m}" for m in (more or [])])))

    def completed(ms: int, pid: int, rid: str, status: int, total: float, views: float | None, db: float) -> None:
        parts = ([f"Views: {views:.1f}ms"] if views is not None else []) + \
                [f"ActiveRecord: {db:.1f}ms", f"Allocations: {rng.randint(400, 4000) + int(min(total, 400.0) * 40)}"]
        rlog(ms, "INFO", pid, rid, f"Completed {status} {RAILS_STATUS[status]} in {int(round(total))}ms "
                                   f"({' | '.join(parts)})")

    def request(ms: int, ip: str, route, status_override: int | None = None) -> None:
        method, tmpl, action, fmt, _, median, vshare, dshare, ok = route
        path = tmpl.format(n=rng.randint(100, 99999))
        pid, rid = rng.choice(RAILS_PIDS), uuid4(rng)
        stamp = dt(ms).strftime("%Y-%m-%d %H:%M:%S +0000")
        rlog(ms, "INFO", pid, rid, f'Started {method} "{path}" for {ip} at {stamp}')
        t = nz(ms + rng.randrange(1, 3))
        rlog(t, "INFO", pid, rid, f"Processing by {action} as {fmt}")
        if "?since=" in path:
            rlog(nz(t + 1), "INFO", pid, rid, f'  Parameters: {{"since"=>"{path.rsplit("=", 1)[1]}"}}')
        elif "{n}" in tmpl:
            rlog(nz(t + 1), "INFO", pid, rid, f'  Parameters: {{"id"=>"{path.rsplit("/", 1)[1]}"}}')
        elif method == "POST" and path == "/login":
            rlog(nz(t + 1), "INFO", pid, rid, '  Parameters: {"authenticity_token"=>"[FILTERED]", "session"=>'
                                              '{"email"=>"[FILTERED]", "password"=>"[FILTERED]"}, "commit"=>"Log in"}')
        elif method == "POST":
            rlog(nz(t + 1), "INFO", pid, rid, '  Parameters: {"authenticity_token"=>"[FILTERED]", "product_id"=>"'
                                              f'{rng.randint(100, 99999)}", "quantity"=>"{rng.randint(1, 3)}"}}')
        total = lognorm(rng, median, 0.5)
        status = status_override or ok
        # the database connection pool runs dry 10:25-10:40
        pool_dry = at("10:25") <= ms < at("10:40") and dshare >= 0.25 and rng.random() < 0.45
        if pool_dry:
            total = 5000.0 + rng.uniform(1.5, 9.0)
            done = nz(ms + int(total))
            completed(done, pid, rid, 500, total, None, 0.0)
            rlog(nz(done + 1), "FATAL", pid, rid, "  ", [
                "ActiveRecord::ConnectionTimeoutError (could not obtain a connection from the pool within 5.000 "
                f"seconds (waited {total / 1000:.3f} seconds); all pooled connections were in use):",
                "  "] + RAILS_POOL_TRACE + [f"app/controllers/{controller_file(action)}:{rng.randint(8, 40)}:in "
                                            f"`{action.split('#')[1]}'"])
            return
        if status == 401:
            total = lognorm(rng, 190.0, 0.2)
            vshare = 0.3
        if action == "OrdersController#show" and rng.random() < 0.05:
            status = 404
        if method == "POST" and action == "CartItemsController#create" and rng.random() < 0.01:
            rlog(nz(t + 2), "WARN", pid, rid, "Can't verify CSRF token authenticity.")
            done = nz(ms + rng.randrange(3, 9))
            completed(done, pid, rid, 422, (done - ms) * 0.9, None, 0.0)
            return
        db = total * dshare * rng.uniform(0.6, 1.2)
        views = None if status == 302 else total * vshare * rng.uniform(0.6, 1.1)
        if status == 404:
            views, db = None, rng.uniform(0.4, 2.5)
            total = db + rng.uniform(2.0, 8.0)
        done = nz(max(ms + int(total), t + 3))
        if status == 302:
            dest = "/orders/" + str(rng.randint(100, 99999)) if "Checkouts" in action else "/"
            rlog(done - 1 if (done - 1) % 1000 else done - 2, "INFO", pid, rid, f"Redirected to https://shop.example.com{dest}")
        completed(done, pid, rid, status, total, views, db)
        if status == 404:
            rlog(nz(done + 1), "FATAL", pid, rid, "  ", [
                f"ActiveRecord::RecordNotFound (Couldn't find Order with 'id'={path.rsplit('/', 1)[1]}):", "  ",
                f"app/controllers/orders_controller.rb:{rng.randint(5, 12)}:in `show'"])

    for ms in arrivals(rng, 5.5):
        ip = RAILS_OFFICE if rng.random() < 0.11 else weighted(rng, clients, cweights)
        route = weighted(rng, RAILS_ROUTES, [r[4] for r in RAILS_ROUTES])
        status = 401 if route[2] == "SessionsController#create" and rng.random() < 0.04 else None
        request(ms, ip, route, status)
    # the kubelet's readiness probe and the partner's order feed
    probe = ("GET", "/up", "Rails::HealthController#show", "HTML", 0, 1.2, 0.3, 0.0, 200)
    for ms in every(rng, 20.0, 900):
        request(ms, RAILS_PROBE, probe)
    feed = ("GET", "/api/v1/orders?since={n}", "Api::V1::OrdersController#index", "JSON", 0, 95.0, 0.02, 0.6, 200)
    for ms in every(rng, 30.0, 1500):
        request(ms, RAILS_PARTNER, feed)
    # credential stuffing 11:05-11:20
    login = RAILS_ROUTES[8]
    for ms in arrivals(rng, 2.1, at("11:05"), at("11:20")):
        ip = weighted(rng, RAILS_STUFFERS, [31, 22, 17, 13, 10, 7])
        request(ms, ip, login, 401 if rng.random() < 0.985 else None)
    # a scanner 11:31-11:38: routing errors
    probes = ["/wp-login.php", "/.env", "/wp-admin/setup-config.php", "/.git/config", "/phpmyadmin/index.php",
              "/xmlrpc.php", "/admin/.env", "/server-status"]
    for ms in arrivals(rng, 4.0, at("11:31"), at("11:38")):
        path = rng.choice(probes)
        pid, rid = rng.choice(RAILS_PIDS), uuid4(rng)
        rlog(ms, "INFO", pid, rid, f'Started GET "{path}" for {RAILS_SCANNER} at '
                                   f'{dt(ms).strftime("%Y-%m-%d %H:%M:%S +0000")}')
        rlog(nz(ms + rng.randrange(1, 4)), "FATAL", pid, rid, "  ", [
            f'ActionController::RoutingError (No route matches [GET] "{path}"):', "  "])
    return emit(ev)


# --------------------------------------------------------------------------- 5: Consul server (hclog)

CONSUL_SELF = "10.0.1.10"
CONSUL_VAULT = "10.0.6.7"
CONSUL_LB = "10.0.0.5"
CONSUL_PROM = "10.0.5.20"
CONSUL_CI = "10.0.3.44"
CONSUL_TEMPLATE = ["10.0.2.11", "10.0.2.12", "10.0.2.13", "10.0.2.14", "10.0.2.15", "10.0.2.16", "10.0.2.18"]
CONSUL_KEYS = ["config/payments/db", "config/payments/feature-flags", "config/shop/feature-flags",
               "config/shop/db", "config/checkout/limits", "config/search/replicas", "config/ledger/fx",
               "config/web/banner"]
CONSUL_SERVICES = ["payments", "shop-web", "checkout", "search", "ledger", "redis"]
CONSUL_CLIENTS = {f"consul-client-{i}": f"10.0.2.{10 + i}" for i in range(1, 9)}


def gen_consul(rng: random.Random) -> list[str]:
    ev: list[tuple[int, int, str]] = []
    seq = 0

    def line(ms: int, level: str, name: str, msg: str) -> None:
        nonlocal seq
        seq += 1
        ts = dt(ms).strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"
        ev.append((ms, seq, f"{ts} [{level}]{' ' * (6 - len(level))}{name}: {msg}"))

    def finished(ms: int, method: str, url: str, client: str, lat_ns: int) -> None:
        done = nz(ms + lat_ns // 1_000_000)
        line(done, "DEBUG", "agent.http",
             f"Request finished: method={method} url={url} from={client}:{rng.randint(32768, 60999)} "
             f"latency={go_dur_ns(lat_ns)}")

    leaderless = (at("11:08:13") + 402, at("11:08:15") + 911)
    # consul-template reads keys
    tweights = [30, 18, 14, 11, 9, 7, 5]
    for ms in arrivals(rng, 2.6):
        client = weighted(rng, CONSUL_TEMPLATE, tweights)
        key = weighted(rng, CONSUL_KEYS, [10, 6, 8, 5, 4, 3, 2, 1])
        if leaderless[0] <= ms < leaderless[1]:
            line(nz(ms + 3), "ERROR", "agent.http", f"Request error: method=GET url=/v1/kv/{key} from={client}:"
                                                    f"{rng.randint(32768, 60999)} error=\"No cluster leader\"")
            finished(ms, "GET", f"/v1/kv/{key}", client, rng.randint(4_000_000, 9_000_000))
            continue
        lat = int(lognorm(rng, 0.85e6, 0.55))
        if rng.random() < 0.01:
            lat = int(rng.uniform(25e6, 80e6))  # a read behind a raft apply
        finished(ms, "GET", f"/v1/kv/{key}", client, lat)
    # blocking health queries from the mesh
    for ms in arrivals(rng, 12.0):
        svc = rng.choice(CONSUL_SERVICES)
        client = weighted(rng, CONSUL_TEMPLATE, tweights)
        wait = int(rng.uniform(2e9, 60.2e9))
        finished(ms, "GET", f"/v1/health/service/{svc}?index={rng.randint(100000, 999999)}&passing=1&wait=60000ms",
                 client, wait)
    # vault's HA lock session renewals, the load balancer's leader check, prometheus
    for ms in every(rng, 7.5, 300):
        finished(ms, "PUT", "/v1/session/renew/8c3f1a2e-9d47-4b6e-a1c5-7e2f0b9d4a61", CONSUL_VAULT,
                 int(lognorm(rng, 1.6e6, 0.4)))
    for ms in every(rng, 10.0, 200):
        finished(ms, "GET", "/v1/status/leader", CONSUL_LB, int(lognorm(rng, 95e3, 0.3)))
    for ms in every(rng, 30.0, 500):
        finished(ms, "GET", "/v1/agent/metrics?format=prometheus", CONSUL_PROM, int(lognorm(rng, 4.2e6, 0.3)))
        finished(nz(ms + 7), "GET", "/v1/catalog/services", CONSUL_PROM, int(lognorm(rng, 0.7e6, 0.3)))
    # the CI deployer writes flags; its token loses key:write 11:30-11:40
    for ms in arrivals(rng, 240.0):
        if not at("11:30") <= ms < at("11:40"):
            finished(ms, "PUT", f"/v1/kv/config/{rng.choice(['shop', 'payments'])}/feature-flags", CONSUL_CI,
                     int(lognorm(rng, 6.5e6, 0.4)))
    accessor = "3f9a2c71-5b8e-4d06-9c2a-e18f7b4d6a05"
    for ms in arrivals(rng, 3.2, at("11:30"), at("11:40")):
        key = rng.choice(["config/shop/feature-flags", "config/shop/feature-flags", "config/payments/feature-flags"])
        port = rng.randint(32768, 60999)
        line(nz(ms + 1), "ERROR", "agent.http",
             f"Request error: method=PUT url=/v1/kv/{key} from={CONSUL_CI}:{port} error=\"Permission denied: token "
             f"with AccessorID '{accessor}' lacks permission 'key:write' on \\\"{key}\\\"\"")
        line(nz(ms + 2), "DEBUG", "agent.http",
             f"Request finished: method=PUT url=/v1/kv/{key} from={CONSUL_CI}:{port} "
             f"latency={go_dur_ns(int(lognorm(rng, 0.3e6, 0.3)))}")
    # anti-entropy
    for ms in every(rng, 120.0, 5000):
        line(ms, "DEBUG", "agent", "Skipping remote check since it is managed automatically: check=serfHealth")
        line(nz(ms + 2), "DEBUG", "agent", "Node info in sync")
    # memberlist: consul-client-7 flaps 10:10-10:25; other nodes suspected once
    c7, c7ip = "consul-client-7", CONSUL_CLIENTS["consul-client-7"]
    t = at("10:10") + 23_517
    failed = False
    while t < at("10:25"):
        line(t, "ERROR", "agent.server.memberlist.lan",
             f"memberlist: Failed fallback TCP ping: timeout 1s: read tcp {CONSUL_SELF}:{rng.randint(40000, 60000)}->"
             f"{c7ip}:8301: i/o timeout")
        t = nz(t + rng.randrange(300, 900))
        line(t, "INFO", "agent.server.memberlist.lan", f"memberlist: Suspect {c7} has failed, no acks received")
        if rng.random() < 0.55 and not failed:
            t = nz(t + rng.randrange(4000, 6000))
            line(t, "INFO", "agent.server.serf.lan", f"serf: EventMemberFailed: {c7} {c7ip}")
            line(nz(t + 3), "INFO", "agent.server", f"member failed, marking health critical: member={c7} "
                                                     "partition=default")
            failed = True
        elif failed and rng.random() < 0.6:
            t = nz(t + rng.randrange(4000, 9000))
            line(t, "INFO", "agent.server.serf.lan", f"serf: EventMemberJoin: {c7} {c7ip}")
            line(nz(t + 2), "INFO", "agent.server", f"member joined, marking health alive: member={c7} "
                                                     "partition=default")
            failed = False
        t = nz(t + rng.randrange(25_000, 70_000))
    if failed:
        line(nz(at("10:25") + 4_102), "INFO", "agent.server.serf.lan", f"serf: EventMemberJoin: {c7} {c7ip}")
        line(nz(at("10:25") + 4_105), "INFO", "agent.server", f"member joined, marking health alive: member={c7} "
                                                               "partition=default")
    for node, hhmmss in [("consul-client-2", "09:34:18"), ("consul-client-4", "10:47:55"),
                         ("consul-client-4", "11:26:03"), ("consul-client-8", "11:51:40")]:
        ms = nz(at(hhmmss) + rng.randrange(1, 999))
        line(ms, "INFO", "agent.server.memberlist.lan", f"memberlist: Suspect {node} has failed, no acks received")
        line(nz(ms + rng.randrange(600, 1800)), "DEBUG", "agent.server.memberlist.lan",
             f"memberlist: Stream connection from={CONSUL_CLIENTS[node]}:{rng.randint(40000, 60000)}")
    # the leader (consul-server-2) goes away at 11:08; this server wins the election
    t = leaderless[0] - 1_603
    line(t, "WARN", "agent.server.raft", "heartbeat timeout reached, starting election: "
                                         "last-leader-addr=10.0.1.11:8300 last-leader-id=consul-server-2")
    line(nz(t + 2), "INFO", "agent.server.raft", 'entering candidate state: node="Node at 10.0.1.10:8300 '
                                                 '[Candidate]" term=8')
    line(nz(t + 1_190), "WARN", "agent.server.raft", "unable to get address for server, using fallback address: "
                                                     "id=consul-server-2 fallback=10.0.1.11:8300 "
                                                     'error="Could not find address for server id consul-server-2"')
    won = leaderless[1] - 9
    line(won, "INFO", "agent.server.raft", "election won: term=8 tally=2")
    line(nz(won + 1), "INFO", "agent.server.raft", 'entering leader state: leader="Node at 10.0.1.10:8300 [Leader]"')
    line(nz(won + 2), "INFO", "agent.server.raft", "added peer, starting replication: peer=consul-server-2")
    line(nz(won + 3), "INFO", "agent.server.raft", "added peer, starting replication: peer=consul-server-3")
    line(nz(won + 14), "INFO", "agent.server", "cluster leadership acquired")
    line(nz(won + 21), "INFO", "agent.leader", 'started routine: routine="CA root pruning"')
    line(nz(won + 23), "INFO", "agent.leader", 'started routine: routine="intention config entry migration"')
    line(nz(won + 4_417), "ERROR", "agent.server.raft", 'failed to appendEntries to: peer="{Voter consul-server-2 '
                                                        '10.0.1.11:8300}" error="dial tcp 10.0.1.11:8300: connect: '
                                                        'connection refused"')
    # snapshots, WAN federation noise
    for ms in every(rng, 1500.0, 30_000):
        idx = 4_100_000 + (ms - START_MS) // 900
        line(ms, "INFO", "agent.server.raft", f"starting snapshot up to: index={idx}")
        line(nz(ms + rng.randrange(300, 2500)), "INFO", "agent.server.raft", f"snapshot complete up to: index={idx}")
    for ms in arrivals(rng, 330.0):
        line(ms, "WARN", "agent.server.rpc", "RPC request for DC is currently failing as no path was found: "
                                             f"datacenter=dc2 method={rng.choice(['Health.ServiceNodes', 'Catalog.ListServices'])}")
    return emit(ev)


# --------------------------------------------------------------------------- 6: Squid access log

SQUID_INFECTED = "10.20.5.66"
SQUID_BUILD = "10.20.9.9"
SQUID_USERS = ["jkowalski", "asmith", "mgarcia", "lnguyen", "tmuller", "pdubois", "rkhan", "sjohansson", "ebrown",
               "hwatanabe", "cfernandes", "omartin", "ykim", "nrossi", "dlee", "fsilva", "gpetrov", "ajones",
               "bwilson", "kmeyer", "vpatel", "ischmidt", "wclark", "zahmed"]
# (method, url, weight, kind); kind: tunnel | http | small
SQUID_DESTS = [("CONNECT", "www.google.com:443", 14, "tunnel"), ("CONNECT", "outlook.office365.com:443", 12, "tunnel"),
               ("CONNECT", "teams.microsoft.com:443", 9, "tunnel"), ("CONNECT", "slack.com:443", 8, "tunnel"),
               ("CONNECT", "api.github.com:443", 6, "tunnel"), ("CONNECT", "github.com:443", 5, "tunnel"),
               ("CONNECT", "corp-artifacts.s3.eu-west-1.amazonaws.com:443", 4, "tunnel"),
               ("CONNECT", "www.youtube.com:443", 4, "tunnel"), ("CONNECT", "login.microsoftonline.com:443", 6, "tunnel"),
               ("GET", "http://ocsp.digicert.com/MFEwTzBNMEswSTAJBgUrDgMCGgUABBQ", 7, "small"),
               ("GET", "http://crl.pki.goog/gtsr1/gtsr1.crl", 2, "small"),
               ("GET", "http://deb.debian.org/debian/dists/bookworm/InRelease", 3, "http"),
               ("GET", "http://archive.ubuntu.com/ubuntu/pool/main/o/openssl/libssl3_3.0.2-0ubuntu1.18_amd64.deb", 2,
                "http"),
               ("GET", "http://download.windowsupdate.com/c/msdownload/update/software/defu/2026/12/am_delta.exe", 3,
                "http")]
SQUID_BLOCKED = ["CONNECT www.online-casino-royal.example:443", "CONNECT torrent-tracker.example.net:443",
                 "GET http://free-movies-hd.example/watch"]


def gen_squid(rng: random.Random) -> list[str]:
    ev: list[tuple[int, int, str]] = []
    seq = 0
    clients = [f"10.20.{rng.randint(1, 8)}.{rng.randint(10, 250)}" for _ in range(260)]
    clients = [c for c in dict.fromkeys(clients) if c not in (SQUID_INFECTED, SQUID_BUILD)]
    owner = {c: SQUID_USERS[i % len(SQUID_USERS)] if i < 200 else "-" for i, c in enumerate(clients)}
    cweights = zipf_weights(len(clients), 0.8, 5.0)

    def line(done_ms: int, elapsed: int, client: str, code: str, size: int, method: str, url: str, user: str,
             hier: str, ctype: str) -> None:
        nonlocal seq
        seq += 1
        done_ms = nz(done_ms)
        ev.append((done_ms, seq, f"{done_ms // 1000}.{done_ms % 1000:03d} {elapsed:>6} {client} {code} {size} "
                                 f"{method} {url} {user} {hier} {ctype}"))

    def upstream_ip(host: str) -> str:
        r = random.Random(host)
        return f"{r.choice([13, 20, 52, 104, 140, 142, 151, 172])}.{r.randint(1, 254)}.{r.randint(1, 254)}." \
               f"{r.randint(1, 254)}"

    def request(ms: int, client: str, user: str, dest=None) -> None:
        method, url, _, kind = dest or weighted(rng, SQUID_DESTS, [d[2] for d in SQUID_DESTS])
        host = url.split("/")[2] if url.startswith("http") else url.split(":")[0]
        if user == "-" and kind != "small":  # only OCSP and CRLs go through without proxy auth
            line(ms + 1, rng.randint(0, 2), client, "TCP_DENIED/407", rng.randint(3900, 4200), method, url, "-",
                 "HIER_NONE/-", "text/html")
            return
        if "s3.eu-west-1" in host and at("10:30") <= ms < at("10:45"):
            el = rng.randint(29_000, 30_200)
            line(ms + el, el, client, "NONE_NONE/503", 0, method, url, user, "HIER_NONE/-", "-")
            return
        if kind == "tunnel":
            el = int(lognorm(rng, 9000.0, 1.3))
            size = int(lognorm(rng, 45000.0, 1.4))
            line(ms + el, el, client, "TCP_TUNNEL/200", size, method, url, user, f"HIER_DIRECT/{upstream_ip(host)}",
                 "-")
        elif kind == "small":
            p = rng.random()
            if p < 0.55:
                el = rng.randint(0, 3)
                line(ms + el, el, client, "TCP_MEM_HIT/200", rng.randint(1400, 2600), method, url, user,
                     "HIER_NONE/-", "application/ocsp-response" if "ocsp" in url else "application/pkix-crl")
            else:
                el = int(lognorm(rng, 38.0, 0.5))
                line(ms + el, el, client, "TCP_MISS/200", rng.randint(1400, 2600), method, url, user,
                     f"HIER_DIRECT/{upstream_ip(host)}", "application/ocsp-response" if "ocsp" in url
                     else "application/pkix-crl")
        else:
            p = rng.random()
            big = url.endswith(".deb") or url.endswith(".exe")
            size = int(lognorm(rng, 2_400_000 if big else 150_000, 0.7))
            ctype = "application/octet-stream" if big else "text/plain"
            if p < 0.3:
                el = int(lognorm(rng, 25.0, 0.6))
                line(ms + el, el, client, "TCP_HIT/200", size, method, url, user, "HIER_NONE/-", ctype)
            elif p < 0.4:
                el = int(lognorm(rng, 60.0, 0.4))
                line(ms + el, el, client, "TCP_REFRESH_UNMODIFIED/200", size, method, url, user,
                     f"HIER_DIRECT/{upstream_ip(host)}", ctype)
            elif p < 0.42:
                el = int(lognorm(rng, 80.0, 0.4))
                line(ms + el, el, client, "TCP_MISS/404", rng.randint(300, 500), method, url, user,
                     f"HIER_DIRECT/{upstream_ip(host)}", "text/html")
            else:
                el = int(lognorm(rng, 350.0 if big else 120.0, 0.6))
                line(ms + el, el, client, "TCP_MISS/200", size, method, url, user, f"HIER_DIRECT/{upstream_ip(host)}",
                     ctype)

    for ms in arrivals(rng, 1.25):
        client = weighted(rng, clients, cweights)
        if rng.random() < 0.006:
            what = rng.choice(SQUID_BLOCKED)
            method, url = what.split(" ")
            line(ms + 1, rng.randint(0, 2), client, "TCP_DENIED/403", rng.randint(3800, 3990), method, url,
                 owner[client], "HIER_NONE/-", "text/html")
            continue
        request(ms, client, owner[client])
    # the build server: apt, pip and the artifact bucket, big downloads
    build_dests = [("GET", "http://deb.debian.org/debian/pool/main/l/linux/linux-image-6.1.0-28-amd64_6.1.119-1_amd64.deb",
                    0, "http"),
                   ("CONNECT", "files.pythonhosted.org:443", 0, "tunnel"),
                   ("CONNECT", "corp-artifacts.s3.eu-west-1.amazonaws.com:443", 0, "tunnel"),
                   ("CONNECT", "registry-1.docker.io:443", 0, "tunnel")]
    for ms in arrivals(rng, 40.0):
        dest = weighted(rng, build_dests, [2, 4, 5, 3])
        if dest[3] == "tunnel" and not ("s3.eu-west-1" in dest[1] and at("10:30") <= ms < at("10:45")):
            el = int(lognorm(rng, 42000.0, 0.7))
            size = int(lognorm(rng, 60_000_000, 0.9))
            host = dest[1].split(":")[0]
            line(ms + el, el, SQUID_BUILD, "TCP_TUNNEL/200", size, "CONNECT", dest[1], "svc-build",
                 f"HIER_DIRECT/{upstream_ip(host)}", "-")
        else:
            request(ms, SQUID_BUILD, "svc-build", dest)
    # the infected workstation beacons 11:00-11:15 and is blocked every time
    for ms in arrivals(rng, 6.0, at("11:00"), at("11:14:30")):
        line(ms + 1, rng.randint(0, 1), SQUID_INFECTED, "TCP_DENIED/403", rng.randint(3800, 3990), "CONNECT",
             "update.cdn-telemetry.xyz:443", "ebrown", "HIER_NONE/-", "text/html")
    for ms in arrivals(rng, 30.0):
        request(ms, SQUID_INFECTED, "ebrown")
    return emit(ev)


FILES = [
    ("shop-alb.log", "aws-alb-access",
     '{job="alb",lb="shop-prod-alb",region="eu-west-1"}', gen_alb, 1,
     "10:15–10:30 target 10.0.12.47:8080 resets connections (502); 10:50–11:05 shop-search slow, 504 at the 10 s "
     "idle timeout; 11:30–11:45 scraper 198.51.100.42 walks /api/products, blocked by the WAF (403) from 11:36:17; "
     "uptime monitor 203.0.113.10 every 10 s"),
    ("k8s-audit.jsonl", "k8s-audit-json",
     '{job="kube-apiserver-audit",cluster="prod-eu1"}', gen_audit, 2,
     "10:20–10:35 gitlab-runner loses pods/exec (403); 10:55–10:57 bob deletes seven shop pods; 11:20–11:35 "
     "argocd application controller hot-loops and is throttled (429); alice execs into shop pods six times"),
    ("es-cluster.log", "elasticsearch-log4j",
     '{namespace="logging",app="elasticsearch",cluster="es-logs"}', gen_es, 3,
     "10:38–10:56 es-data-2 heap pressure (GC overhead, long old GCs, slow searches, write rejections with traces); "
     "11:12:39 es-data-3 leaves (YELLOW), rejoins 11:14:52, GREEN 11:19:26; 11:24–11:50 disk watermarks on es-data-1"),
    ("storefront-rails.log", "rails-tagged-logger",
     '{namespace="shop",app="storefront",container="rails"}', gen_rails, 4,
     "10:25–10:40 ActiveRecord pool exhausted (500 after 5 s, FATAL with backtrace); 11:05–11:20 credential "
     "stuffing on POST /login from 45.155.205.x (401); 11:31–11:38 scanner 193.142.146.20 (RoutingError)"),
    ("consul-server.log", "hclog-consul",
     '{namespace="consul",app="consul",pod="consul-server-1",container="consul"}', gen_consul, 5,
     "10:10–10:25 consul-client-7 flaps (failed pings, suspect, failed/joined); 11:08:13 leader lost, this server "
     "wins the election 11:08:15; 11:30–11:40 CI token 10.0.3.44 denied key:write"),
    ("squid-access.log", "squid-native",
     '{job="squid",host="proxy-01"}', gen_squid, 6,
     "10:30–10:45 S3 endpoint unreachable (NONE_NONE/503 after 30 s); 11:00–11:14 workstation 10.20.5.66 beacons "
     "to update.cdn-telemetry.xyz, blocked (TCP_DENIED/403); build server 10.20.9.9 downloads most bytes"),
]


def main(argv: list[str]) -> int:
    return write_set(argv, SEED, FILES, "manifest_heldout8.json", (22, 22))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
