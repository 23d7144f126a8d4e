"""The example site served exactly as ``make run`` serves it: the commands
are the ones ``make -n run`` prints, run against a SQLite file and a media
folder in a temporary directory.

- An update scheduled 20 s ahead goes live within 60 s, with no manual
  command: the server runs ``publish_scheduled`` every 30 s.
- The ``curl`` command that ``make run`` prints (Wagtail 8) posts an update.

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
    scheduled = subprocess.run(
        [sys.executable, str(MANAGE), "shell", "-c", SCHEDULE],
        cwd=REPO,
        env=served["env"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert scheduled.returncode == 0, scheduled.stderr
    due = datetime.fromisoformat(scheduled.stdout.strip().splitlines()[-1])
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
