"""After commit, in the background: how the package's outgoing calls run.

Pushing to other systems (webhook deliveries, WebSub pings) are
``django_tasks`` tasks, the tasks framework Wagtail itself uses. A site
with a worker backend (django-tasks-db's ``DatabaseBackend``, say) runs
them in its workers, retries through ``run_after``. Django's default
backend, ``ImmediateBackend``, would run a task inside ``enqueue()``: the
request that posted an update would wait for a slow receiver. So when the
task backend runs tasks in place, :func:`enqueue` hands the task to a small
executor in this process (a few threads) and returns at once; deferred
runs wait on a timer there. That keeps a site without a worker correct
for development and small sites; work still waiting when the process stops
is lost (the webhook log shows it, and "Retry now" sends it again).

Whatever goes wrong while enqueueing is logged, never raised: a push
failure never fails a post.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

from django.db import connections
from django.utils import timezone
from django_tasks.backends.immediate import ImmediateBackend

logger = logging.getLogger(__name__)

#: Threads of the in-process executor: deliveries to slow receivers wait
#: their turn beyond this many at once.
WORKERS = 4


def runs_in_place(backend: Any) -> bool:
    """Whether ``backend`` runs a task inside ``enqueue()`` (no worker)."""
    return isinstance(backend, ImmediateBackend)


def enqueue(task: Any, *args: Any, delay: float = 0, **kwargs: Any) -> None:
    """Run ``task(*args, **kwargs)`` in the background, ``delay`` seconds
    from now at the earliest; never waits for it, never raises."""
    try:
        backend = task.get_backend()
        if runs_in_place(backend):
            if delay > 0:
                runner().later(delay, _enqueue_now, task, args, kwargs)
            else:
                runner().submit(_enqueue_now, task, args, kwargs)
        elif delay > 0 and not backend.supports_defer:
            runner().later(delay, _enqueue_now, task, args, kwargs)
        else:
            if delay > 0:
                task = task.using(run_after=timezone.now() + timedelta(seconds=delay))
            task.enqueue(*args, **kwargs)
    except Exception:
        logger.exception("wagtail_liveblog: could not enqueue %s", _name(task))


def _enqueue_now(task: Any, args: tuple, kwargs: dict) -> None:
    task.enqueue(*args, **kwargs)


def _name(task: Any) -> str:
    return getattr(task, "module_path", None) or repr(task)


class Runner:
    """A few threads that run jobs, and one that starts jobs when they fall
    due. Each job closes the database connections it opened."""

    def __init__(self, workers: int = WORKERS):
        self.executor = ThreadPoolExecutor(
            max_workers=workers, thread_name_prefix="liveblog-push"
        )
        self.condition = threading.Condition()
        self.due: list[tuple[float, int, Callable, tuple]] = []
        self.order = itertools.count()
        self.busy = 0  # jobs submitted and not finished
        self.timer: threading.Thread | None = None

    def submit(self, job: Callable, *args: Any) -> None:
        with self.condition:
            self.busy += 1
        self._start(job, args)

    def later(self, delay: float, job: Callable, *args: Any) -> None:
        with self.condition:
            heapq.heappush(
                self.due, (time.monotonic() + delay, next(self.order), job, args)
            )
            if self.timer is None:
                self.timer = threading.Thread(
                    target=self._start_when_due, name="liveblog-push-timer", daemon=True
                )
                self.timer.start()
            self.condition.notify_all()

    def _start(self, job: Callable, args: tuple) -> None:
        """Hand a job counted in ``busy`` to the executor."""
        try:
            self.executor.submit(self._run, job, args)
        except BaseException:
            self._finished()
            raise

    def _start_when_due(self) -> None:
        while True:
            with self.condition:
                while not self.due or self.due[0][0] > time.monotonic():
                    timeout = self.due[0][0] - time.monotonic() if self.due else None
                    self.condition.wait(timeout)
                _, _, job, args = heapq.heappop(self.due)
                self.busy += 1
                self.condition.notify_all()
            try:
                self._start(job, args)
            except Exception:
                logger.exception("wagtail_liveblog: could not start a delayed job")

    def _run(self, job: Callable, args: tuple) -> None:
        try:
            job(*args)
        except Exception:
            logger.exception("wagtail_liveblog: a background job failed")
        finally:
            connections.close_all()
            self._finished()

    def _finished(self) -> None:
        with self.condition:
            self.busy -= 1
            self.condition.notify_all()

    def join(self, timeout: float = 10, *, waiting: bool = True) -> bool:
        """Wait until no job runs and none is queued (nor waiting for its
        time, unless ``waiting=False``); False if ``timeout`` came first.
        For tests, benchmarks and management commands."""
        deadline = time.monotonic() + timeout
        with self.condition:
            while self.busy or (waiting and self.due):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.condition.wait(left)
        return True


_runner: Runner | None = None
_runner_lock = threading.Lock()


def runner() -> Runner:
    """The process's in-process runner, started on first use."""
    global _runner
    if _runner is None:
        with _runner_lock:
            if _runner is None:
                _runner = Runner()
    return _runner


def join(timeout: float = 10, *, waiting: bool = True) -> bool:
    """Wait for the in-process runner's work (see :meth:`Runner.join`)."""
    return _runner.join(timeout, waiting=waiting) if _runner is not None else True
