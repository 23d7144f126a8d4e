"""Timing and memory: the clock, probes, and round-robin medians."""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field

# The clock of every timing. ``process_time`` (CPU time of this process, the
# default) counts what a request costs and not the time it waited for a CPU,
# which on a shared machine depends on everybody else; both blogs run in
# this process (test client, SQLite), so nothing is left out. ``--clock wall``
# switches to ``perf_counter``.
CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}
clock = CLOCKS["cpu"]


@dataclass
class Sample:
    ms: float
    bytes: int | None = None
    peak_kb: float | None = None
    status: int | None = None
    reps: int = 0


@dataclass
class Row:
    operation: str
    size: int
    ours: Sample | None
    naive: Sample | None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.ours is None or self.naive is None or not self.ours.ms:
            return None
        return self.naive.ms / self.ours.ms


def peak_kb(action: Callable[[], object]) -> float:
    """Peak Python memory allocated while ``action`` runs once, in KB."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1024


@dataclass
class Probe:
    """One thing to time: a GET through the full Django stack, or an action."""

    key: tuple
    action: Callable[[], object]
    expect: tuple[int, ...] = (200,)
    times: list[float] = field(default_factory=list)
    spent: float = 0.0
    last: object = None

    def run_once(self) -> None:
        # Collect the garbage that earlier runs left, so that a collection
        # they caused is not billed to this one.
        gc.collect()
        start = clock()
        self.last = self.action()
        elapsed = clock() - start
        self.times.append(elapsed * 1000)
        self.spent += elapsed

    def sample(self) -> Sample:
        response = self.last
        content = getattr(response, "content", None)
        return Sample(
            ms=statistics.median(self.times),
            bytes=None if content is None else len(content),
            peak_kb=peak_kb(self.action),
            status=getattr(response, "status_code", None),
            reps=len(self.times),
        )


def get_probe(client, key: tuple, url: str, headers=None, expect=(200,)) -> Probe:
    return Probe(key, lambda: client.get(url, headers=headers or {}), expect)


def measure_round_robin(
    probes: list[Probe], *, reps: int, budget: float, min_reps: int = 3, warm=True
) -> dict[tuple, Sample]:
    """Median times of ``probes``, taken in turns so that a change in the
    machine's load during the run touches every probe alike.

    A probe stops after ``reps`` runs, or once it has spent ``budget``
    seconds (and run ``min_reps`` times): the naive 5,000-update render
    takes seconds, and the run must stay short.
    """
    for probe in probes if warm else ():
        response = probe.action()  # template loading, site root paths, ...
        status = getattr(response, "status_code", None)
        if status is not None and status not in probe.expect:
            raise RuntimeError(f"{probe.key} gave {status}, expected {probe.expect}")
    pending = list(probes)
    while pending:
        for probe in pending:
            probe.run_once()
        pending = [
            p
            for p in pending
            if len(p.times) < reps
            and not (p.spent > budget and len(p.times) >= min(min_reps, reps))
        ]
    return {probe.key: probe.sample() for probe in probes}
