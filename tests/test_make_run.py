"""The example site served exactly as ``make run`` serves it: the commands
are the ones ``make -n run`` prints, run against a SQLite file and a media
folder in a temporary directory.

- An update scheduled 20 s ahead goes live within 60 s, with no manual
  command: the server runs ``publish_scheduled`` every 30 s.
- The ``curl`` command that ``make run`` prints (Wagtail 8) posts an update.
- The demo blog's event stream (``events/``, served by the embedded engine
  under Daphne): an anonymous reader gets each update posted through API v3
  within a second of the post's answer, then an edit and a removal;
  reconnecting with an earlier ``Last-Event-ID`` gives exactly what was
  missed; a private blog has no stream.

Migrating a fresh database and the wait for the schedule make this module
take about a minute.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import datetime
from importlib.util import find_spec
from pathlib import Path
from shutil import which

import pytest

from tests import sse

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
MANAGE = REPO / "example_site" / "manage.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_run_commands(port: int) -> list[str]:
    """The example site's commands of ``make run``, with this interpreter."""
    result = subprocess.run(
        ["make", "-n", "run", f"PY={sys.executable}", f"PORT={port}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return [line for line in result.stdout.splitlines() if str(MANAGE.name) in line]


def site_env(tmp: Path) -> dict:
    env = {
        **os.environ,
        "EXAMPLE_SITE_DB": str(tmp / "db.sqlite3"),
        "EXAMPLE_SITE_MEDIA": str(tmp / "media"),
    }
    # pytest-django exports the test settings; the site must use its own.
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
        return json.load(response)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """``make run``'s commands: the seeding's output, then the server (in a
    process group of its own, ended when the module is done)."""
    if which("make") is None:
        pytest.skip("make is not installed")
    tmp = tmp_path_factory.mktemp("make_run")
    port = free_port()
    commands = make_run_commands(port)
    assert len(commands) == 2, commands
    seed, serve = commands
    assert "seed_demo --migrate" in seed
    assert "serve_demo" in serve
    env = site_env(tmp)
    seeded = subprocess.run(  # noqa: S602 - the Makefile's own command line
        seed,
        shell=True,
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert seeded.returncode == 0, seeded.stderr
    log = (tmp / "server.log").open("w")
    server = subprocess.Popen(  # noqa: S602 - the Makefile's own command line
        serve,
        shell=True,
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=5).close()  # noqa: S310
                break
            except OSError:
                assert server.poll() is None, (tmp / "server.log").read_text()
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.5)
        yield {"base": base, "output": seeded.stdout, "env": env, "tmp": tmp}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def blog_id(base: str) -> int:
    [blog] = get_json(base + "/api/v2/liveblogs/")["items"]
    return blog["id"]


def headlines(base: str, page_id: int) -> list[str]:
    data = get_json(f"{base}/api/v2/liveblogs/{page_id}/updates/?limit=10")
    return [item["headline"] for item in data["items"]]


def in_the_site(served: dict, script: str) -> str:
    """Run ``script`` in the example site's ``manage.py shell``, in a process
    of its own (as a script would); the last line it printed."""
    ran = subprocess.run(
        [sys.executable, str(MANAGE), "shell", "-c", script],
        cwd=REPO,
        env=served["env"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    return ran.stdout.strip().splitlines()[-1]


# Run in a process of its own (as a script would): schedule an update of the
# demo blog 20 s ahead and print when it is due.
SCHEDULE = """
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail_liveblog.editing import post_update
from wagtail_liveblog.models import LiveBlogPage

blog = LiveBlogPage.objects.get(slug="storm-ingrid-live")
due = timezone.now() + timedelta(seconds=20)
post_update(
    blog,
    user=get_user_model().objects.get(username="admin"),
    headline="Scheduled twenty seconds ahead",
    go_live_at=due,
)
print(due.isoformat())
"""


def test_an_update_scheduled_20_s_ahead_goes_live_on_its_own(served):
    base = served["base"]
    page_id = blog_id(base)
    due = datetime.fromisoformat(in_the_site(served, SCHEDULE))
    assert "Scheduled twenty seconds ahead" not in headlines(base, page_id)

    # Within 60 s of being scheduled (due - 20 s), with nothing run by hand.
    deadline = due.timestamp() + 40
    while "Scheduled twenty seconds ahead" not in headlines(base, page_id):
        assert time.time() < deadline, (
            "not live 60 s after scheduling:\n"
            + (served["tmp"] / "server.log").read_text()[-3000:]
        )
        time.sleep(1)
    assert time.time() >= due.timestamp()
    log = (served["tmp"] / "server.log").read_text()
    assert "Scheduled publishing: 1 scheduled change(s) published." in log


@pytest.mark.skipif(
    find_spec("wagtail.api.v3") is None, reason="API v3 needs Wagtail 8"
)
@pytest.mark.skipif(which("curl") is None, reason="curl is not installed")
def test_the_printed_curl_posts_an_update(served):
    output = served["output"]
    token = re.search(r"API token:\s+(wagtail_\w+)", output)
    assert token, output
    start = output.index("curl -X POST")
    command = output[start : output.index("\n", output.index("  -d ", start))]
    assert "uuidgen" not in command
    answer = served["tmp"] / "curl-answer.json"
    posted = subprocess.run(  # noqa: S602 - the command make run prints
        f"{command} -sS -o {answer} -w '%{{http_code}}'",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert posted.stdout == "201", (posted.stdout, posted.stderr)
    update = json.loads(answer.read_text())
    assert update["meta"]["status"] == "live"
    assert update["headline"] in headlines(served["base"], blog_id(served["base"]))


def api_token(output: str) -> str:
    token = re.search(r"API token:\s+(wagtail_\w+)", output)
    assert token, output
    return token.group(1)


def send(method: str, url: str, token: str, body: dict | None = None) -> dict:
    """A write through API v3; the answer's JSON (``{}`` for 204)."""
    request = urllib.request.Request(  # noqa: S310 - a local test server
        url,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Idempotency-Key": f"sse-{time.time_ns()}",
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        content = response.read()
    return json.loads(content) if content else {}


class TimedStream:
    """An anonymous ``EventSource`` (``tests/sse.py``) read by a thread that
    notes when each message arrives, heartbeats left out."""

    def __init__(self, url: str, last_event_id: int | None = None):
        import queue
        import threading
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        headers = {} if last_event_id is None else {"Last-Event-ID": str(last_event_id)}
        self.stream = sse.Stream(
            parts.hostname, parts.port, parts.path, headers=headers, timeout=30
        )
        self.response = self.stream.response
        self.messages: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            while (event := self.stream.next()) is not None:
                if event.data:
                    self.messages.put((time.monotonic(), int(event.id), event.json))
        except (OSError, ValueError, AttributeError):
            pass  # closed by the test (http.client drops its file first)

    def next(self, timeout: float = 10) -> tuple[float, int, dict]:
        return self.messages.get(timeout=timeout)

    def close(self) -> None:
        self.stream.connection.close()


PRIVATE_BLOG = """
from wagtail.models import PageViewRestriction
from wagtail_liveblog.models import LiveBlogPage

blog = LiveBlogPage.objects.get(slug="storm-ingrid-live")
private = blog.copy(
    update_attrs={"title": "Private desk notes", "slug": "private-desk-notes"},
    keep_live=True,
)
PageViewRestriction.objects.create(
    page=private, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
)
print(private.url)
"""


@pytest.mark.skipif(
    find_spec("wagtail.api.v3") is None, reason="API v3 needs Wagtail 8"
)
def test_the_event_stream_carries_each_change_within_a_second(served):
    base = served["base"]
    page_id = blog_id(base)
    detail = get_json(f"{base}/api/v2/liveblogs/{page_id}/")
    events = detail["meta"]["events_url"]
    token = api_token(served["output"])
    updates = f"{base}/api/v3/liveblogs/{page_id}/updates/"
    stream = TimedStream(events)
    try:
        assert stream.response.status == 200
        assert stream.response.getheader("Content-Type").startswith("text/event-stream")
        first_version = detail["version"]
        delays, round_trips, ids = [], [], []
        for number in range(10):
            sent = time.monotonic()
            posted = send(
                "POST",
                updates,
                token,
                {
                    "headline": f"Pushed {number}",
                    "body": [{"type": "text", "value": f"<p>Post {number}</p>"}],
                },
            )
            returned = time.monotonic()
            ids.append(posted["id"])
            arrived, _version, data = stream.next()
            assert [item["id"] for item in data["items"]] == [posted["id"]]
            assert f"Pushed {number}" in data["items"][0]["html"]
            # After the post's answer (negative: the message came first).
            delays.append(arrived - returned)
            round_trips.append(arrived - sent)
        delays.sort()
        round_trips.sort()
        print(
            "SSE message after the post's answer: median "
            f"{delays[4] * 1000:.0f} ms, worst {delays[-1] * 1000:.0f} ms; "
            f"after the post was sent: median {round_trips[4] * 1000:.0f} ms, "
            f"worst {round_trips[-1] * 1000:.0f} ms"
        )
        assert delays[-1] < 1.0, delays

        send("PATCH", f"{updates}{ids[0]}/", token, {"headline": "Pushed, edited"})
        _, _, data = stream.next()
        assert [item["id"] for item in data["items"]] == [ids[0]]
        assert "Pushed, edited" in data["items"][0]["html"]
        send("DELETE", f"{updates}{ids[1]}/", token)
        _, last_version, data = stream.next()
        assert data["deleted"] == [ids[1]] and data["items"] == []
    finally:
        stream.close()

    # Back with the version seen before the posts: one message with what
    # was missed, exactly (the removed one among the deleted).
    again = TimedStream(events, last_event_id=first_version)
    try:
        _, version, data = again.next()
        assert version == last_version
        missed = {item["id"] for item in data["items"]}
        assert missed == set(ids) - {ids[1]}
        assert ids[1] in data["deleted"]
    finally:
        again.close()

    # A private blog: no stream for an anonymous reader.
    private_url = in_the_site(served, PRIVATE_BLOG)
    with urllib.request.urlopen(f"{base}{private_url}events/", timeout=10) as refused:  # noqa: S310
        # Wagtail's password form, as on the blog's page.
        kind = refused.headers.get("Content-Type", "").split(";")[0]
        body = refused.read().decode()
    assert kind == "text/html", kind
    assert 'name="password"' in body and "Pushed" not in body
