"""The blog's event stream (``<page url>events/``) for the browser tests.

Until the site has the real route, :class:`FakeStream` serves it from the
page's own poll route, as the stream's contract says: each event's ``id``
is the blog version after the change and its ``data`` exactly the poll
route's JSON for the change, from the version the client asks for
(``Last-Event-ID``, else ``?since=``). A connection is held open until the
test calls :meth:`FakeStream.push`; it is then answered with the changes
since the connection's version (one event, or a comment when nothing
changed) and closed, and the browser's EventSource reconnects after the
``retry:`` it was given, with ``Last-Event-ID``.

Once the page's configuration carries an ``eventsUrl`` of its own (the
real route), the same tests run against it: requests pass through and
:meth:`push` only waits, since the server pushes by itself.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

RETRY_MS = 200


def stream_body(since: int, payload: dict) -> str:
    """One Server-Sent Events answer: the changes after ``since``."""
    version = payload["meta"]["version"]
    if version <= since:
        return f"retry: {RETRY_MS}\n: nothing new\n\n"
    data = json.dumps(payload, separators=(",", ":"))
    return f"retry: {RETRY_MS}\nid: {version}\ndata: {data}\n\n"


class FakeStream:
    def __init__(self):
        self.real = False  # the page's config had an eventsUrl of its own
        self.held = []
        self.connections = []  # (since, last_event_id) of each connection
        self.blocked = False  # answer 404, as a site whose stream is down

    def install(self, page) -> None:
        page.route("**/events/**", self.handle)

    def handle(self, route) -> None:
        query = parse_qs(urlsplit(route.request.url).query)
        last = route.request.all_headers().get("last-event-id")
        self.connections.append((int(query["since"][0]), last))
        if self.blocked:
            route.fulfill(status=404, body="no stream here")
        elif self.real:
            route.continue_()
        else:
            self.held.append((route, int(last or query["since"][0])))

    def push(self, page, timeout_ms: int = 5000) -> None:
        """Answer the held connection with what changed since its version."""
        if self.real:
            return
        waited = 0
        while not self.held and waited < timeout_ms:
            page.wait_for_timeout(50)
            waited += 50
        assert self.held, "the page never connected to the event stream"
        held, self.held = self.held, []
        for route, since in held:
            url = route.request.url.replace("/events/", "/poll/", 1)
            url = f"{url.split('?')[0]}?since={since}"
            answer = route.fetch(url=url, headers={"Accept": "application/json"})
            route.fulfill(
                status=200,
                headers={
                    "Content-Type": "text/event-stream",
                    "Cache-Control": "no-cache",
                },
                body=stream_body(since, answer.json()),
            )
