"""Issue 11, item 7: two app processes sharing PostgreSQL and Redis.

The setup ``docs/deployment.md`` recommends: two gunicorn processes on two
ports with ``LiveBlogPollMiddleware`` and Django's cache on the local Redis
server (``tests/multiprocess_settings.py``, via ``Cluster`` in
``benchmarks/multiprocess_load.py``). Readers poll both processes as the
reader script does while a reporter posts, edits and removes updates
through the first one (API v3), and an editor — a third process — makes the
blog private and public again. Then:

- every reader sees every change within two poll intervals (a change made
  while the blog was private, within two intervals of it turning public);
- no reader gets data while the blog is private: no poll sent after the
  restriction was saved is answered 200, and in the second after it,
  neither process answers an anonymous poll with 200;
- nothing is lost: every reader ends with exactly the reporter's updates.

Slow (a database migrated from scratch, three processes): marked ``slow``;
skipped, saying why, without PostgreSQL, Redis or gunicorn.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from importlib.util import find_spec

import pytest

from benchmarks.multiprocess_load import Cluster, unavailable

pytestmark = pytest.mark.slow

INTERVAL = 1.0  # seconds between polls (POLL_INTERVAL)
READERS_PER_PROCESS = 3


@pytest.fixture(scope="module")
def cluster():
    reason = unavailable()
    if reason:
        pytest.skip(reason)
    if not find_spec("wagtail.api.v3"):
        pytest.skip("the reporter posts through API v3, which needs Wagtail 8")
    with Cluster(processes=2, threads=8, poll_interval=INTERVAL) as running:
        yield running


class Reader(threading.Thread):
    """A reader's page: polls one process every ``INTERVAL`` seconds and
    applies what it gets, as ``liveblog.js`` does."""

    def __init__(self, cluster: Cluster, port: int, stop: threading.Event):
        super().__init__(daemon=True)
        self.cluster, self.port, self.stop = cluster, port, stop
        self.version = 0
        self.updates: dict[str, str] = {}  # id -> headline on screen
        self.observed: list[tuple[float, str, str | None]] = []  # (when, id, headline)
        self.polls: list[tuple[float, float, int, bool]] = []  # sent, got, status, data
        self.failure: BaseException | None = None

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            while not self.stop.is_set():
                started = time.time()
                self.poll(connection)
                self.stop.wait(max(0.0, INTERVAL - (time.time() - started)))
        except BaseException as error:
            self.failure = error
        finally:
            connection.close()

    def poll(self, connection: http.client.HTTPConnection) -> None:
        sent = time.time()
        connection.request("GET", f"{self.cluster.poll_path}?since={self.version}")
        response = connection.getresponse()
        body = response.read()
        got = time.time()
        data = None
        if response.status == 200:
            data = json.loads(body)
        self.polls.append((sent, got, response.status, bool(data and data["items"])))
        if data is None:
            return
        assert not data["meta"]["reset"], "the blog fits in one poll answer"
        for item in data["items"]:
            self.updates[item["id"]] = item["headline"]
            self.observed.append((got, item["id"], item["headline"]))
        for update_id in data["deleted"]:
            self.updates.pop(update_id, None)
            self.observed.append((got, update_id, None))
        self.version = data["meta"]["version"]


class Reporter:
    """Posts, edits and removes through one process; remembers what and when."""

    def __init__(self, cluster: Cluster, port: int):
        self.cluster, self.port = cluster, port
        self.live: dict[str, str] = {}
        # Each update's states in order (headline, None once removed) with
        # the time the API confirmed each.
        self.history: dict[str, list[tuple[float, str | None]]] = {}
        self.count = 0

    def post(self) -> str:
        self.count += 1
        headline = f"Update {self.count}"
        status, data = self.cluster.api_v3(
            self.port, "POST", "", {"headline": headline}
        )
        assert status == 201, (status, data)
        self.record(data["id"], headline)
        return data["id"]

    def edit(self, update_id: str) -> None:
        headline = f"{self.live[update_id]} (corrected)"
        status, data = self.cluster.api_v3(
            self.port, "PATCH", f"{update_id}/", {"headline": headline}
        )
        assert status == 200, (status, data)
        self.record(update_id, headline)

    def remove(self, update_id: str) -> None:
        status, data = self.cluster.api_v3(self.port, "DELETE", f"{update_id}/")
        assert status == 204, (status, data)
        self.record(update_id, None)

    def record(self, update_id: str, headline: str | None) -> None:
        self.history.setdefault(update_id, []).append((time.time(), headline))
        if headline is None:
            self.live.pop(update_id)
        else:
            self.live[update_id] = headline

    def session(self, pause: float) -> None:
        """Four posts, two corrections, one removal."""
        posted = []
        for _ in range(4):
            posted.append(self.post())
            time.sleep(pause)
        self.edit(posted[0])
        time.sleep(pause)
        self.edit(posted[2])
        time.sleep(pause)
        self.remove(posted[1])


def burst(cluster: Cluster, version: int, seconds: float) -> list[tuple[int, int]]:
    """Anonymous polls at ``version`` on every process, back to back for
    ``seconds``: (port, status) of each."""
    answers: list[tuple[int, int]] = []
    deadline = time.time() + seconds

    def hammer(port: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            while time.time() < deadline:
                connection.request("GET", f"{cluster.poll_path}?since={version}")
                response = connection.getresponse()
                response.read()
                answers.append((port, response.status))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=hammer, args=(port,))
        for port in cluster.ports
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def seen_at(reader: Reader, update_id: str, states: list, index: int) -> float | None:
    """When ``reader`` first showed state ``index`` of an update, or a later
    one (a reader polling once an interval may skip a state in between)."""
    later = {headline for _, headline in states[index:]}
    for when, observed_id, headline in reader.observed:
        if observed_id == update_id and headline in later:
            return when
    return None


def test_two_processes_sharing_redis(cluster):
    stop = threading.Event()
    readers = [
        Reader(cluster, port, stop)
        for port in cluster.ports
        for _ in range(READERS_PER_PROCESS)
    ]
    reporter = Reporter(cluster, cluster.ports[0])
    for reader in readers:
        reader.start()
    try:
        # Public: readers keep up; up-to-date polls go through the gates.
        reporter.session(pause=0.3)
        time.sleep(2.5 * INTERVAL)
        assert cluster.gates() >= 1, "the fast path was never used"
        version = cluster.edit("version")["version"]
        assert all(reader.version == version for reader in readers)

        # Private, restricted by a third process.
        restricted_at = cluster.edit("restrict")["at"]
        answers = burst(cluster, version, seconds=1.0)
        reporter.session(pause=0.3)  # changes made while private…
        time.sleep(2 * INTERVAL)
        unrestricting_at = time.time()
        public_again_at = cluster.edit("unrestrict")["at"]

        # Public again: …reach every reader; and changes go on.
        time.sleep(2 * INTERVAL)
        reporter.session(pause=0.3)
        time.sleep(3 * INTERVAL)
    finally:
        stop.set()
        for reader in readers:
            reader.join(timeout=15)
    for reader in readers:
        assert reader.failure is None, repr(reader.failure)

    # In the second after the restriction, neither process answered 200.
    assert {port for port, _ in answers} == set(cluster.ports)
    assert len(answers) > 20
    assert [status for _, status in answers if status == 200] == []
    assert {status for _, status in answers} == {302}  # to the login page

    # No reader got data while the blog was private.
    for reader in readers:
        during = [
            status
            for sent, _got, status, _data in reader.polls
            if restricted_at < sent and sent < unrestricting_at
        ]
        assert during and 200 not in during, (reader.port, during)

    # Nothing lost: every reader shows exactly the reporter's updates.
    assert len(reporter.live) == 3 * 3
    for reader in readers:
        assert reader.updates == reporter.live, reader.port

    # Every change within two poll intervals (from when the blog was public
    # again for changes made while it was private).
    late = []
    for update_id, states in reporter.history.items():
        for index, (made_at, _headline) in enumerate(states):
            visible_from = made_at
            if restricted_at <= made_at <= public_again_at:
                visible_from = public_again_at
            for reader in readers:
                when = seen_at(reader, update_id, states, index)
                if when is None or when - visible_from > 2 * INTERVAL:
                    late.append((reader.port, update_id, index, when, visible_from))
    assert late == []
