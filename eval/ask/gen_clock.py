"""The clock the generators with their own answers share (gen_logs5.py,
gen_logs6.py): every event on 2026-12-06 between 09:00 and 12:00 UTC, and
random times that never sit on a whole-second or whole-minute boundary, so a
half-open window gives the same lines as Loki's."""
from __future__ import annotations

import random
from datetime import datetime, timezone

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
