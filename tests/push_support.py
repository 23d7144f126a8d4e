"""A real HTTP server on 127.0.0.1 for the push tests (webhook receivers,
WebSub hubs), and helpers to run what the task backend queued."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    method: str
    path: str
    headers: dict
    body: bytes


@dataclass
class Receiver:
    """Answers each POST with the next of ``statuses`` (the last one again
    when they run out), after ``gate`` is set when there is one."""

    statuses: list = field(default_factory=lambda: [200])
    gate: threading.Event | None = None
    extra_headers: dict = field(default_factory=dict)
    requests: list = field(default_factory=list)
    arrived: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                receiver.requests.append(
                    Received(
                        "POST",
                        self.path,
                        {k.lower(): v for k, v in self.headers.items()},
                        body,
                    )
                )
                receiver.arrived.set()
                if receiver.gate is not None:
                    receiver.gate.wait(10)
                index = min(len(receiver.requests), len(receiver.statuses)) - 1
                self.send_response(receiver.statuses[index])
                for name, value in receiver.extra_headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        # Checked for shutdown every 20 ms, not every 500 (serve_forever's
        # default), which closing the receiver would wait out.
        self.thread = threading.Thread(
            target=self.server.serve_forever, args=(0.02,), daemon=True
        )
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def close(self) -> None:
        if self.gate is not None:
            self.gate.set()
        self.server.shutdown()
        self.server.server_close()


def run_queued(backend, *, limit: int = 50) -> list:
    """Run what a ``DummyBackend`` holds, oldest first, including what the
    runs enqueue in turn, in this thread; returns the results run."""
    done = []
    while backend.results and len(done) < limit:
        result = backend.results.pop(0)
        result.task.call(*result.args, **result.kwargs)
        done.append(result)
    return done


# -- tasks for the background tests ------------------------------------------------

from django_tasks import task  # noqa: E402

#: What ``note`` was called with, and in which thread.
NOTES: list = []
#: Events ``wait_then_note`` waits for, by name.
GATES: dict = {}


@task()
def note(value) -> None:
    NOTES.append((value, threading.current_thread().name))


@task()
def wait_then_note(gate: str, value) -> None:
    GATES[gate].wait(10)
    NOTES.append((value, threading.current_thread().name))


@task()
def fail(value) -> None:
    raise RuntimeError(f"task failed on {value}")
