"""Reading a Server-Sent Events stream as a browser's ``EventSource`` does:
lines in, events out (``id``, ``data``, ``retry``; comments are
heartbeats). Shared by the GRIP end-to-end test and the push benchmark."""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass, field


@dataclass
class Event:
    id: str | None = None
    data: str = ""
    retry: int | None = None
    comments: list = field(default_factory=list)

    @property
    def json(self):
        return json.loads(self.data)


class Parser:
    """Feed it bytes as they arrive; it returns the messages they complete
    (each blank line ends one; a message of comments only is a heartbeat)."""

    def __init__(self) -> None:
        self.buffer = b""
        self.current = Event()
        self.data_lines: list[str] = []
        self.started = False

    def feed(self, chunk: bytes) -> list[Event]:
        self.buffer += chunk
        done = []
        while b"\n" in self.buffer:
            raw, _, self.buffer = self.buffer.partition(b"\n")
            line = raw.rstrip(b"\r").decode()
            if not line:
                if self.started:
                    self.current.data = "\n".join(self.data_lines)
                    done.append(self.current)
                self.current, self.data_lines, self.started = Event(), [], False
                continue
            self.started = True
            name, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if not name:
                self.current.comments.append(value)
            elif name == "id":
                self.current.id = value
            elif name == "data":
                self.data_lines.append(value)
            elif name == "retry" and value.isdigit():
                self.current.retry = int(value)
        return done


class Stream:
    """One blocking SSE connection (``http.client``): ``next()`` returns the
    next message (heartbeats included), None when the server ended it."""

    def __init__(self, host: str, port: int, path: str, *, headers=None, timeout=10.0):
        self.connection = http.client.HTTPConnection(host, port, timeout=timeout)
        self.connection.request(
            "GET", path, headers={"Accept": "text/event-stream", **(headers or {})}
        )
        self.response = self.connection.getresponse()
        self.parser = Parser()
        self.pending: list[Event] = []

    @property
    def status(self) -> int:
        return self.response.status

    def next(self) -> Event | None:
        while not self.pending:
            chunk = self.response.read1(65536)
            if not chunk:
                return None
            self.pending.extend(self.parser.feed(chunk))
        return self.pending.pop(0)

    def next_event(self) -> Event | None:
        """The next message with an id (heartbeats and advice skipped)."""
        while True:
            event = self.next()
            if event is None or event.id is not None:
                return event

    def close(self) -> None:
        self.connection.close()
