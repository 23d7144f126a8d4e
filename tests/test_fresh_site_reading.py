"""Issue 11 in a brand-new ``wagtail start`` site with the package
installed, as a new user would have it (SQLite, Django's default settings),
plus Django's cache on the local Redis server and ``LiveBlogPollMiddleware``
as ``docs/deployment.md`` recommends:

- a restricted blog's alias gives no update text on
  ``/api/v2/pages/<alias>/`` and is not in ``/api/v2/liveblogs/``;
- a headline with ``\\x0b`` leaves ``feed/`` answering 200 with a
  well-formed feed (also when the row was written by raw SQL);
- 1,000 nested ``<b>`` tags, a ``posted_at`` of year 9999 and a 10 MB
  headline each raise ``ValidationError`` from ``editing.post_update``;
- two app processes sharing Redis: after a blog is restricted (by a third
  process), neither answers an anonymous poll with 200 within one second.

Slow (``wagtail start``, migrating, three processes): marked ``slow``.
"""

from __future__ import annotations

import http.client
import os
import secrets
import signal
import subprocess
import threading
import time

import pytest

from benchmarks.multiprocess_load import REDIS_URL, free_port
from tests.fresh_site import (
    API_V2_APPS,
    API_V2_URLS,
    BIN,
    manage_shell,
    new_site,
    printed,
)

pytestmark = pytest.mark.slow

SETTINGS_ADDITION = """
import os
CACHES = {{
    "default": {{
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": {redis!r},
        "KEY_PREFIX": {prefix!r},
    }}
}}
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "wagtail_liveblog.middleware.LiveBlogPollMiddleware",
)
WAGTAIL_LIVEBLOG = {{"POLL_INTERVAL": 1}}
"""

SETUP = r"""
import json, uuid
import xml.etree.ElementTree as ET
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from wagtail.models import Page, PageViewRestriction, Site
from wagtail_liveblog import editing
from wagtail_liveblog.models import LiveBlogPage, LiveBlogUpdate

chief = get_user_model().objects.create_superuser("chief", "c@example.com", "pw")
home = Site.objects.get(is_default_site=True).root_page
world = home.add_child(instance=Page(title="World", slug="world"))
facts = {}

def blog(slug, parent=home):
    page = parent.add_child(instance=LiveBlogPage(title=slug.title(), slug=slug))
    page.save_revision(user=chief).publish(user=chief)
    return page

# 1. A restricted blog's alias.
members = blog("members-only")
editing.post_update(members, user=chief, headline="Secret update", pinned=True,
                    key_event=True)
alias = members.create_alias(parent=world, update_slug="members-copy")
client = Client()
before = client.get(f"/api/v2/pages/{alias.pk}/").content.decode()
facts["alias_public_before"] = "Secret update" in before
PageViewRestriction.objects.create(page=members, restriction_type="login")
pages = client.get(f"/api/v2/pages/{alias.pk}/")
data = pages.json()
facts["alias_pages_status"] = pages.status_code
facts["alias_pages_update_text"] = "Secret update" in pages.content.decode()
facts["alias_pages_fields"] = {
    name: data[name]
    for name in ("pinned", "key_events", "latest_updates", "version", "updates_url")
}
listing = client.get("/api/v2/liveblogs/").json()
facts["alias_listed"] = alias.pk in [item["id"] for item in listing["items"]]
facts["alias_detail"] = client.get(f"/api/v2/liveblogs/{alias.pk}/").status_code
facts["alias_page"] = client.get(alias.url).status_code

# 2. A vertical tab in a headline, through the editing API and by raw SQL.
storm = blog("storm")
tabbed = editing.post_update(storm, user=chief, headline="Storm\x0bsurge")
facts["stored_headline"] = LiveBlogUpdate.objects.get(pk=tabbed).headline
raw = editing.post_update(storm, user=chief, headline="Raw")
with connection.cursor() as cursor:
    cursor.execute(
        "UPDATE wagtail_liveblog_liveblogupdate SET headline = %s WHERE id = %s",
        ["Raw\x0bSQL", LiveBlogUpdate.objects.get(pk=raw).pk.hex],
    )
facts["raw_row_has_tab"] = LiveBlogUpdate.objects.filter(headline__contains="\x0b").exists()
feed = client.get(f"{storm.url}feed/")
facts["feed_status"] = feed.status_code
try:
    root = ET.fromstring(feed.content)
    facts["feed_well_formed"] = True
    facts["feed_titles"] = [
        e.findtext("{http://www.w3.org/2005/Atom}title")
        for e in root.iter("{http://www.w3.org/2005/Atom}entry")
    ]
except ET.ParseError as error:
    facts["feed_well_formed"] = repr(error)

# 3. Each of these is a ValidationError (and nothing else).
cases = {
    "1000 nested <b>": {"headline": "x", "body": [
        {"type": "text", "value": "<b>" * 1000 + "deep" + "</b>" * 1000}]},
    "posted_at year 9999": {"headline": "x", "posted_at": "9999-06-01T12:00:00Z"},
    "10 MB headline": {"headline": "x" * 10_000_000},
}
facts["errors"] = {}
for name, kwargs in cases.items():
    try:
        editing.post_update(storm, user=chief, **kwargs)
        facts["errors"][name] = "accepted"
    except ValidationError as error:
        facts["errors"][name] = ["ValidationError", error.messages[0][:100]]
    except Exception as error:
        facts["errors"][name] = [type(error).__name__, str(error)[:100]]

# 4. The blog the two app processes serve.
public = blog("public-storm")
editing.post_update(public, user=chief, headline="Open to all")
from wagtail_liveblog.models.timeline import current_version
facts["public"] = {"id": public.pk, "path": public.url,
                   "version": current_version(public.pk)}
print("FACTS " + json.dumps(facts))
"""

RESTRICT = r"""
import time
from wagtail.models import Page, PageViewRestriction
PageViewRestriction.objects.create(page=Page.objects.get(pk={page_id}),
                                   restriction_type="login")
print("RESTRICTED", time.time())
"""


def redis_reachable() -> bool:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception:
        return False
    return True


@pytest.fixture(scope="module")
def fresh_site(tmp_path_factory):
    if not redis_reachable():
        pytest.skip(f"needs Redis at {REDIS_URL} and the redis package")
    where = tmp_path_factory.mktemp("fresh-hardening")
    prefix = f"fresh-{secrets.token_hex(4)}"
    env = new_site(
        where,
        apps=API_V2_APPS,
        settings=SETTINGS_ADDITION.format(redis=REDIS_URL, prefix=prefix),
        urls=API_V2_URLS,
    )
    yield where, env, printed(manage_shell(where, env, SETUP), "FACTS")
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def test_a_restricted_blogs_alias_gives_no_update_text(fresh_site):
    _where, _env, facts = fresh_site
    assert facts["alias_public_before"] is True
    assert facts["alias_pages_status"] == 200  # Wagtail serves the alias…
    assert facts["alias_pages_update_text"] is False  # …with no update text
    assert facts["alias_pages_fields"] == {
        "pinned": [],
        "key_events": [],
        "latest_updates": [],
        "version": None,
        "updates_url": None,
    }
    assert facts["alias_listed"] is False
    assert facts["alias_detail"] == 404
    assert facts["alias_page"] == 302  # to the login page, as the source


def test_a_vertical_tab_leaves_the_feed_well_formed(fresh_site):
    _where, _env, facts = fresh_site
    assert facts["stored_headline"] == "Stormsurge"
    assert facts["raw_row_has_tab"] is True
    assert facts["feed_status"] == 200
    assert facts["feed_well_formed"] is True
    assert {"Stormsurge", "RawSQL"} <= set(facts["feed_titles"])


def test_hostile_posts_are_validation_errors(fresh_site):
    _where, _env, facts = fresh_site
    assert {name: kind[0] for name, kind in facts["errors"].items()} == {
        "1000 nested <b>": "ValidationError",
        "posted_at year 9999": "ValidationError",
        "10 MB headline": "ValidationError",
    }


def test_two_processes_sharing_redis_close_at_once(fresh_site):
    where, env, facts = fresh_site
    blog = facts["public"]
    poll = f"{blog['path']}poll/?since={blog['version']}"
    servers, ports = [], []
    readers = None
    try:
        for _ in range(2):
            port = free_port()
            servers.append(
                subprocess.Popen(
                    [
                        str(BIN / "gunicorn"),
                        "newsroom.wsgi:application",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        "1",
                        "--threads",
                        "4",
                        "--log-level",
                        "warning",
                    ],
                    cwd=where,
                    env=env,
                    start_new_session=True,
                )
            )
            ports.append(port)
        for port in ports:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if get(port, poll) == 200:
                        break
                except OSError:
                    pass
                assert time.monotonic() < deadline, f"port {port} never answered"
                time.sleep(0.2)
            assert get(port, poll) == 200  # the gate answers now
        # Readers poll both processes before, during and after the change.
        readers = Hammer(ports, poll)
        readers.start()
        restricted = manage_shell(
            where, env, RESTRICT.format(page_id=blog["id"])
        ).split()
        restricted_at = float(restricted[restricted.index("RESTRICTED") + 1])
        readers.stop_at(restricted_at + 1.0)
    finally:
        if readers is not None and readers.until == float("inf"):
            readers.stop_at(time.time())  # something failed: stop polling
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=15)
    before = [status for sent, _, status in readers.answers if sent < restricted_at]
    after = [
        (port, status) for sent, port, status in readers.answers if sent > restricted_at
    ]
    assert 200 in before  # the gates were answering
    assert len(after) > 20
    assert {port for port, _ in after} == set(ports)
    assert [status for _, status in after if status == 200] == []


def get(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


class Hammer:
    """Anonymous polls of ``path`` on every port, back to back, from two
    threads per port, until ``stop_at``: (sent at, port, status) each."""

    def __init__(self, ports: list[int], path: str):
        self.path = path
        self.until = float("inf")
        self.answers: list[tuple[float, int, int]] = []
        self.threads = [
            threading.Thread(target=self.run, args=(port,)) for port in ports * 2
        ]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def run(self, port: int) -> None:
        while time.time() < self.until:
            sent = time.time()
            self.answers.append((sent, port, get(port, self.path)))

    def stop_at(self, when: float) -> None:
        self.until = when
        for thread in self.threads:
            thread.join()
