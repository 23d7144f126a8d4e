"""The event stream at scale, for real: Debian's Pushpin in front of two
gunicorn processes (plain WSGI) with the GRIP engine, as
docs/deployment.md sets it up ("Live updates (push)").

Readers connect to ``<page url>events/`` through Pushpin; a reporter posts,
edits and removes through the editing API (API v3) of either process; the
editor, a third process, makes the blog private. Each change reaches the
reader with the blog's version as its id and the poll's JSON as its data;
a reader reconnecting with an earlier ``Last-Event-ID`` first gets exactly
what it missed, then the live changes; a private blog ends every stream and
opens none, and so does unpublishing it; a change whose push was lost
reaches the reader with the next one, which reveals the gap. Pushpin signs what it forwards (``sig_key``)
and Django checks it (``GRIP_URL``'s ``key``): a request straight to
the app that claims to come through the proxy gets no stream instructions.

The database is an SQLite file, or PostgreSQL when ``DATABASE_URL`` names
one. Slow (a database migrated from scratch, five processes): marked
``slow``; skipped, saying why, without Pushpin (``apt-get install
pushpin``), gunicorn or Wagtail 8's API v3.
"""

from __future__ import annotations

import os
import time
from importlib.util import find_spec

import pytest

from benchmarks.multiprocess_load import Cluster, free_port, unavailable
from tests import pushpin
from tests.sse import Stream

pytestmark = pytest.mark.slow

SIG_KEY = "not-changeme"
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgis"))


@pytest.fixture(scope="module")
def site():
    reason = pushpin.unavailable() or unavailable(sqlite=not ON_POSTGRES, redis=False)
    if reason:
        pytest.skip(reason)
    if not find_spec("wagtail.api.v3"):
        pytest.skip("the reporter posts through API v3, which needs Wagtail 8")
    port = free_port()
    # Pushpin signs what it forwards with its sig_key; Django checks it
    # (GRIP_URL's key), as docs/deployment.md sets it up.
    with pushpin.Pushpin([f"127.0.0.1:{port}"], sig_key=SIG_KEY) as proxy:
        with Cluster(
            processes=2,
            threads=4,
            sqlite=not ON_POSTGRES,
            redis=False,
            port=port,
            env={"LIVEBLOG_MP_GRIP_URL": f"{proxy.control_url}?key={SIG_KEY}"},
        ) as cluster:
            yield proxy, cluster


def open_stream(proxy, cluster, **headers) -> Stream:
    return Stream(
        "127.0.0.1",
        proxy.http_port,
        f"{cluster.blog['path']}events/",
        headers=headers,
        timeout=10,
    )


class Reporter:
    def __init__(self, cluster: Cluster):
        self.cluster = cluster

    def post(self, headline: str) -> str:
        status, data = self.cluster.api_v3(
            self.cluster.ports[0], "POST", "", {"headline": headline}
        )
        assert status == 201, (status, data)
        return data["id"]

    def edit(self, update_id: str, headline: str) -> None:
        status, data = self.cluster.api_v3(
            self.cluster.ports[0], "PATCH", f"{update_id}/", {"headline": headline}
        )
        assert status == 200, (status, data)

    def remove(self, update_id: str) -> None:
        status, data = self.cluster.api_v3(
            self.cluster.ports[0], "DELETE", f"{update_id}/"
        )
        assert status == 204, (status, data)


def headlines(event) -> dict:
    return {item["id"]: item["headline"] for item in event.json["items"]}


def test_readers_through_pushpin(site):
    proxy, cluster = site
    reporter = Reporter(cluster)
    start = cluster.edit("version")["version"]

    reader = open_stream(proxy, cluster)
    assert reader.status == 200, proxy.logs()
    assert reader.response.getheader("Content-Type") == "text/event-stream"
    assert reader.next().retry == 3000  # the reconnection advice comes first

    # Each change arrives, its id the blog's version after it, its data the
    # poll's JSON.
    a = reporter.post("Storm reaches the coast")
    added = reader.next_event()
    assert int(added.id) == start + 1
    assert headlines(added) == {a: "Storm reaches the coast"}
    assert added.json["meta"]["version"] == start + 1
    assert "Storm reaches the coast" in added.json["items"][0]["html"]

    b = reporter.post("Roads closed")
    assert headlines(reader.next_event()) == {b: "Roads closed"}

    reporter.edit(a, "Storm reaches the coast at Dover")
    edited = reader.next_event()
    assert int(edited.id) == start + 3
    assert headlines(edited) == {a: "Storm reaches the coast at Dover"}

    reporter.remove(b)
    removed = reader.next_event()
    assert int(removed.id) == start + 4
    assert removed.json["items"] == [] and removed.json["deleted"] == [b]

    # A reader who saw only the first two changes comes back: one message
    # with exactly what it missed (the edit and the removal), then the
    # stream goes on live.
    returning = open_stream(proxy, cluster, **{"Last-Event-ID": str(start + 2)})
    assert returning.status == 200
    assert returning.next().retry == 3000
    missed = returning.next_event()
    assert int(missed.id) == start + 4
    assert headlines(missed) == {a: "Storm reaches the coast at Dover"}
    assert missed.json["deleted"] == [b]

    c = reporter.post("Power cut in the east")
    for stream in (reader, returning):
        live = stream.next_event()
        assert int(live.id) == start + 5
        assert headlines(live) == {c: "Power cut in the east"}

    # The blog turns private: every open stream ends, and no new one opens.
    cluster.edit("restrict")
    started = time.monotonic()
    for stream in (reader, returning):
        try:
            ended = stream.next_event()
        except TimeoutError:  # what Pushpin did instead
            raise AssertionError(proxy.logs(20000)) from None
        assert ended is None
    assert time.monotonic() - started < 10
    refused = open_stream(proxy, cluster)
    assert refused.status == 302  # to the login page, as the blog itself
    assert refused.response.getheader("Content-Type") != "text/event-stream"
    for stream in (reader, returning, refused):
        stream.close()

    cluster.edit("unrestrict")  # public again

    # Straight to the app, a request claiming to come through the proxy
    # without its signature gets no stream instructions.
    forged = Stream(
        "127.0.0.1",
        cluster.ports[0],
        f"{cluster.blog['path']}events/",
        headers={"Grip-Sig": "forged"},
    )
    assert forged.status == 200
    assert forged.response.getheader("Grip-Hold") is None
    forged.close()

    # A change whose push is lost (a proxy restarting, say): the next one
    # reveals the gap to Pushpin, which fetches what its reader missed from
    # the stream's link (Django answers from the proxy's last id) and goes on.
    reader = open_stream(proxy, cluster)
    assert reader.status == 200 and reader.next().retry == 3000
    lost = cluster.edit("post_unannounced", headline="Trains stopped")["id"]
    d = reporter.post("Bridge reopens")
    recovered = reader.next_event()
    assert int(recovered.id) == start + 7
    assert headlines(recovered) == {lost: "Trains stopped", d: "Bridge reopens"}

    # Unpublishing the blog ends the stream too, and opens none.
    cluster.edit("unpublish")
    started = time.monotonic()
    try:
        ended = reader.next_event()
    except TimeoutError:  # what Pushpin did instead
        raise AssertionError(proxy.logs(20000)) from None
    assert ended is None and time.monotonic() - started < 10
    reader.close()
    gone = open_stream(proxy, cluster)
    assert gone.status == 404
    gone.close()
