"""push/background.py: tasks run after the caller returns, never in its
thread when the backend would run them in place, and failures stay there."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django_tasks.backends.dummy import DummyBackend

from tests.push_support import GATES, NOTES, fail, note, wait_then_note
from wagtail_liveblog.push import background


@pytest.fixture(autouse=True)
def _clean_notes(background_idle):
    NOTES.clear()
    GATES.clear()
    yield
    for gate in GATES.values():
        gate.set()


def test_with_the_immediate_backend_the_caller_does_not_wait():
    GATES["slow"] = threading.Event()
    started = time.monotonic()
    background.enqueue(wait_then_note, "slow", "done")
    assert time.monotonic() - started < 0.5
    assert NOTES == []  # still waiting, elsewhere
    GATES["slow"].set()
    assert background.join(timeout=5)
    assert [value for value, _thread in NOTES] == ["done"]
    assert NOTES[0][1].startswith("liveblog-push")
    assert NOTES[0][1] != threading.current_thread().name


def test_a_delay_waits_on_the_in_process_timer():
    started = time.monotonic()
    background.enqueue(note, "later", delay=0.2)
    assert NOTES == []
    assert background.join(timeout=5)
    assert [value for value, _thread in NOTES] == ["later"]
    assert time.monotonic() - started >= 0.2


def test_delayed_jobs_run_in_the_order_they_fall_due():
    background.enqueue(note, "second", delay=0.3)
    background.enqueue(note, "first", delay=0.1)
    assert background.join(timeout=5)
    assert [value for value, _thread in NOTES] == ["first", "second"]


def test_a_backend_that_defers_gets_run_after(queued_tasks):
    frozen = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)
    with time_machine.travel(frozen, tick=False):
        background.enqueue(note, "now")
        background.enqueue(note, "in a minute", delay=60)
    now, later = queued_tasks.results
    assert (now.args, now.task.run_after) == (["now"], None)
    assert later.args == ["in a minute"]
    assert later.task.run_after == frozen + timedelta(seconds=60)
    assert NOTES == []  # queued for a worker, not run here


class NoDeferBackend(DummyBackend):
    """A worker's backend that cannot defer: what it was given, by thread."""

    supports_defer = False
    given: list = []

    def enqueue(self, task, args, kwargs):
        NoDeferBackend.given.append((list(args), threading.current_thread().name))
        return super().enqueue(task, args, kwargs)


def test_a_backend_that_cannot_defer_is_given_the_task_when_it_falls_due(settings):
    settings.TASKS = {"default": {"BACKEND": f"{__name__}.NoDeferBackend"}}
    NoDeferBackend.given.clear()
    background.enqueue(note, "at once")
    background.enqueue(note, "after a while", delay=0.1)
    assert NoDeferBackend.given == [(["at once"], threading.current_thread().name)]
    assert background.join(timeout=5)
    assert [args for args, _thread in NoDeferBackend.given] == [
        ["at once"],
        ["after a while"],
    ]
    assert NOTES == []  # the worker's to run


def test_a_failing_task_is_logged_and_never_raised(caplog):
    background.enqueue(fail, "purpose")  # no exception here
    assert background.join(timeout=5)
    assert "tests.push_support.fail state=FAILED" in caplog.text
    assert "RuntimeError: task failed on purpose" in caplog.text


def test_an_enqueue_that_fails_is_logged_not_raised(settings, caplog):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }

    class Broken:
        module_path = "tests.broken"

        def get_backend(self):
            raise ConnectionError("the queue's database is down")

    background.enqueue(Broken(), "x")  # no exception
    assert "could not enqueue tests.broken" in caplog.text
    assert "the queue's database is down" in caplog.text
