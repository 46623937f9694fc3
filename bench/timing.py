"""Small timing helpers: run a call n times, keep every latency, report percentiles."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Latency:
    samples: int
    p50_ms: float
    p99_ms: float
    mean_ms: float


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation): an observed value."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def summarise(seconds: Sequence[float]) -> Latency:
    ms = [s * 1000 for s in seconds]
    return Latency(len(ms), percentile(ms, 50), percentile(ms, 99), sum(ms) / len(ms) if ms else math.nan)


MIN_SAMPLES = 20


def measure(call: Callable[[Any], object], args: Sequence[Any], *, iterations: int, warmup: int = 3,
            budget_s: float | None = None) -> Latency:
    """Latency of ``call(arg)``, cycling through ``args``; the first ``warmup`` calls are not counted.

    With ``budget_s``, stops early once that many seconds were spent and at least
    MIN_SAMPLES calls were timed (slow operations at large sizes), so a run stays bounded."""
    for i in range(min(warmup, iterations)):
        call(args[i % len(args)])
    seconds: list[float] = []
    for i in range(iterations):
        arg = args[i % len(args)]
        started = time.perf_counter()
        call(arg)
        seconds.append(time.perf_counter() - started)
        if budget_s is not None and len(seconds) >= MIN_SAMPLES and sum(seconds) > budget_s:
            break
    return summarise(seconds)
