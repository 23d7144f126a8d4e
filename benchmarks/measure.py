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
    """One operation at one size: ours, and the baseline it is compared with
    (the naive page for reads, the bare Wagtail publish for writes)."""

    operation: str
    size: int
    ours: Sample | None
    baseline: Sample | None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """baseline / ours: above 1, ours is the faster."""
        if self.ours is None or self.baseline is None or not self.ours.ms:
            return None
        return self.baseline.ms / self.ours.ms


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
    """One thing to time: a GET through the full Django stack, or an action.

    ``prepare``, when given, runs untimed before each run and its result is
    what ``action`` gets (for example the page and the user a post needs,
    loaded as the view that posts would have loaded them already).
    ``warm``: run once untimed first. ``memory``: measure the peak memory
    of one more run once the timing is done.
    """

    key: tuple
    action: Callable[..., object]
    expect: tuple[int, ...] = (200,)
    prepare: Callable[[], object] | None = None
    warm: bool = True
    memory: bool = True
    times: list[float] = field(default_factory=list)
    spent: float = 0.0
    # Of the last response: its size and status. The response itself is
    # not kept: a naive page's holds its whole stream, which every
    # ``gc.collect()`` between runs would then walk again.
    last_bytes: int | None = None
    last_status: int | None = None

    def _run(self, prepared: object = None) -> object:
        return self.action() if self.prepare is None else self.action(prepared)

    def _keep(self, response: object) -> None:
        content = getattr(response, "content", None)
        self.last_bytes = None if content is None else len(content)
        self.last_status = getattr(response, "status_code", None)
        if self.last_status is not None and self.last_status not in self.expect:
            raise RuntimeError(
                f"{self.key} gave {self.last_status}, expected {self.expect}"
            )

    def warm_up(self) -> None:
        """One untimed run: template loading, site root paths, ..."""
        prepared = self.prepare() if self.prepare is not None else None
        self._keep(self._run(prepared))

    def run_once(self) -> None:
        prepared = self.prepare() if self.prepare is not None else None
        # Collect the garbage that earlier runs left, so that a collection
        # they caused is not billed to this one.
        gc.collect()
        start = clock()
        response = self._run(prepared)
        elapsed = clock() - start
        self._keep(response)
        del response
        self.times.append(elapsed * 1000)
        self.spent += elapsed

    def sample(self) -> Sample:
        peak = None
        if self.memory:
            prepared = self.prepare() if self.prepare is not None else None
            gc.collect()
            peak = peak_kb(lambda: self._run(prepared))
        return Sample(
            ms=statistics.median(self.times),
            bytes=self.last_bytes,
            peak_kb=peak,
            status=self.last_status,
            reps=len(self.times),
        )


def get_probe(
    client, key: tuple, url: str, headers=None, expect=(200,), **options
) -> Probe:
    return Probe(key, lambda: client.get(url, headers=headers or {}), expect, **options)


def measure_round_robin(
    probes: list[Probe], *, reps: int, budget: float, min_reps: int = 3, warm=True
) -> dict[tuple, Sample]:
    """Median times of ``probes``, taken in turns so that a change in the
    machine's load during the run touches every probe alike.

    A probe stops after ``reps`` runs, or once it has spent ``budget``
    seconds (and run ``min_reps`` times): the naive 5,000-update render
    takes seconds, and the run must stay short.
    """
    for probe in probes:
        if warm and probe.warm:
            probe.warm_up()
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
