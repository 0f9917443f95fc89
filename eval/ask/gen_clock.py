"""The clock and the writer the generators with their own answers share
(gen_logs5.py to gen_logs8.py): every event on 2026-12-06 between 09:00 and 12:00 UTC, and
random times that never sit on a whole-second or whole-minute boundary, so a
half-open window gives the same lines as Loki's."""
from __future__ import annotations

import hashlib
import json
import math
import random
from datetime import datetime, timezone
from pathlib import Path

UTC = timezone.utc
START_MS = int(datetime(2026, 12, 6, 9, 0, tzinfo=UTC).timestamp()) * 1000
END_MS = START_MS + 3 * 3600 * 1000


def at(hhmm: str) -> int:
    h, m, *s = (int(x) for x in hhmm.split(":"))
    return int(datetime(2026, 12, 6, h, m, s[0] if s else 0, tzinfo=UTC).timestamp()) * 1000


def rand_ms(rng: random.Random, a: int = START_MS, b: int = END_MS) -> int:
    """A time in [a, b) whose millisecond part is never zero."""
    ms = rng.randrange(a, b)
    return ms + 1 if ms % 1000 == 0 else ms


def rand_s(rng: random.Random, a: int = START_MS, b: int = END_MS) -> int:
    """A whole-second time in [a, b) (as ms) that is never second :00."""
    while True:
        ms = rng.randrange(a, b) // 1000 * 1000
        if ms % 60000 and a <= ms < b:
            return ms


def nz(ms: int) -> int:
    """Moves a derived time (an event plus or minus a few ms) off a whole second."""
    return ms + 1 if ms % 1000 == 0 else ms


def dt(ms: int) -> datetime:
    """The whole second of a time, as a datetime in UTC."""
    return datetime.fromtimestamp(ms // 1000, tz=UTC)


def hexid(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))
def go_dur_ns(ns: int) -> str:
    """Go's time.Duration.String() of `ns` nanoseconds."""
    if ns < 1000:
        return f"{ns}ns"

    def frac(n: int, unit: int, suffix: str) -> str:
        whole, rest = divmod(n, unit)
        digits = f"{rest:0{len(str(unit)) - 1}d}".rstrip("0")
        return f"{whole}.{digits}{suffix}" if digits else f"{whole}{suffix}"

    if ns < 1_000_000:
        return frac(ns, 1000, "µs")
    if ns < 1_000_000_000:
        return frac(ns, 1_000_000, "ms")
    h, rem = divmod(ns, 3_600_000_000_000)
    m, rem = divmod(rem, 60_000_000_000)
    s = frac(rem, 1_000_000_000, "s")
    return (f"{h}h" if h else "") + (f"{m}m" if h or m else "") + s

def lognorm(rng: random.Random, median: float, sigma: float = 0.5) -> float:
    return median * math.exp(rng.gauss(0.0, sigma))

def arrivals(rng: random.Random, mean_gap_s: float, a: int = START_MS, b: int = END_MS) -> list[int]:
    """Poisson arrival times (ms, never on a whole second) in [a, b)."""
    out, t = [], float(a)
    while True:
        t += rng.expovariate(1.0 / (mean_gap_s * 1000.0))
        if t >= b:
            return out
        out.append(nz(int(t)))

def weighted(rng: random.Random, items: list, weights: list):
    return rng.choices(items, weights=weights, k=1)[0]


def write_set(argv: list[str], seed: int, files: list, manifest_name: str, widths: tuple[int, int]) -> int:
    """Writes a set's files (each `(name, shape, labels, gen, k, incidents)`, its lines from
    `gen(random.Random(seed * 100 + k))`) and its manifest into the directory argv names
    (default target/eval-logs; a leading `--out` is allowed), printing a line per file."""
    args = [a for a in argv[1:] if a != "--out"]
    out = Path(args[0] if args else "target/eval-logs")
    out.mkdir(parents=True, exist_ok=True)
    manifest = {"seed": seed, "files": []}
    name_width, shape_width = widths
    for name, shape, labels, gen, k, incidents in files:
        lines = gen(random.Random(seed * 100 + k))
        data = ("\n".join(lines) + "\n").encode()
        (out / name).write_bytes(data)
        n = data.count(b"\n")
        manifest["files"].append({"file": name, "shape": shape, "labels": labels, "lines": n,
                                  "sha256": hashlib.sha256(data).hexdigest(), "incidents": incidents})
        print(f"{name:<{name_width}} {shape:<{shape_width}} {n:>6} lines  {labels}")
    (out / manifest_name).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return 0


class Events:
    """Timed groups of lines (a record and its continuation lines), written in time order."""

    def __init__(self, seconds_only: bool = False):
        self.items: list[tuple[int, int, list[str]]] = []
        self.seconds_only = seconds_only

    def when(self, ms: int) -> int:
        """The time a record will be written with: off the whole second (ms formats) or, for
        formats with whole seconds, the second, moved off :00."""
        if self.seconds_only:
            s = ms // 1000 * 1000
            return s + 1000 if s % 60000 == 0 else s
        return nz(ms)

    def add(self, ms: int, build, *extra: str) -> int:
        """`build(ms)` gives the first line (or a list of lines); returns the time used."""
        ms = self.when(ms)
        if not START_MS < ms < END_MS:
            return ms
        first = build(ms) if callable(build) else build
        lines = list(first) if isinstance(first, list) else [first]
        self.items.append((ms, len(self.items), lines + list(extra)))
        return ms

    def lines(self) -> list[str]:
        return [line for _, _, group in sorted(self.items) for line in group]


def uuid4(rng) -> str:
    h = hexid(rng, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[rng.randrange(4)]}{h[17:20]}-{h[20:]}"
